//! Checks the cross-field rules an endpoint declares ([`CrossRule`]), each
//! kind once for every vendor. Rules read the caller's raw input, so that
//! paths keep the caller's indexes even where an item failed its own
//! checks; a `-` in a rule's pointers is any array index, bound alike in
//! all of the rule's pointers. Pointers are built only for the issues
//! reported: these rules run on every item of every list.

use crate::leaf::tree::Json;

use crate::engine::walk::{int_value, unique_by};
use crate::leaf::format::Format;
use crate::leaf::pointer;
use crate::model::endpoint::{BoundRule, CrossKind, CrossRule, UniqueBy};
use crate::report::{Ctx, Params};

/// Runs every rule, in declaration order.
/// The `format` error of `rule` at `at`, with the format's hint.
fn format_error(ctx: &mut Ctx, at: &str, rule: &CrossRule, format: &Format) {
    ctx.error_hint(at, rule.code, Params::Format(format.name), format.expected);
}

pub(crate) fn check(ctx: &mut Ctx, rules: &[BoundRule], input: &Json) {
    if rules.is_empty() {
        return;
    }
    // One set of buffers for all the rules, sized for the documented
    // shapes (at most 9 levels): a rule's walk allocates nothing.
    let mut scratch = Scratch {
        along: Vec::with_capacity(12),
        s0: Vec::with_capacity(12),
        s1: Vec::with_capacity(12),
        bindings: Vec::with_capacity(12),
        ancestors: Vec::with_capacity(12),
    };
    for rule in rules {
        check_rule(ctx, rule, input, &mut scratch);
    }
}

/// Buffers reused from rule to rule.
struct Scratch<'a, 'r> {
    along: Vec<&'r str>,
    s0: Vec<&'r str>,
    s1: Vec<&'r str>,
    bindings: Vec<usize>,
    ancestors: Vec<&'a Json<'a>>,
}

fn split_into<'r>(pattern: &'r str, out: &mut Vec<&'r str>) {
    out.clear();
    out.extend(segments(pattern));
}

fn segments(pattern: &str) -> impl Iterator<Item = &str> + Clone {
    // Pointers of cross rules are ours: no escapes, one `/` per segment.
    // A byte scan: `split('/')` set up a char searcher per call.
    let bytes = pattern.as_bytes();
    let mut start = usize::from(bytes.first() == Some(&b'/'));
    let mut finished = bytes.is_empty();
    std::iter::from_fn(move || {
        if finished {
            return None;
        }
        let rest = bytes.get(start..)?;
        let end = rest.iter().position(|&b| b == b'/').map(|n| start + n);
        let seg = pattern.get(start..end.unwrap_or(bytes.len()));
        match end {
            Some(e) => start = e + 1,
            None => finished = true,
        }
        seg
    })
}

/// The pattern without its last segment.
fn parent(pattern: &str) -> &str {
    // A byte scan: `rfind('/')` set up a char searcher (and memrchr) per call.
    pattern
        .bytes()
        .rposition(|b| b == b'/')
        .map_or("", |i| pattern.get(..i).unwrap_or(""))
}

/// Calls `f` with every value matching `pattern` and the indexes its `-`
/// segments took, in document order.
fn visit<'a>(
    v: &'a Json<'a>,
    segs: &[&str],
    scratch_ancestors: &mut Vec<&'a Json<'a>>,
    bindings: &mut Vec<usize>,
    f: &mut dyn FnMut(&'a Json<'a>, &[usize]),
) {
    bindings.clear();
    scratch_ancestors.clear();
    visit_along(v, segs, bindings, scratch_ancestors, &mut |v, b, _| f(v, b));
}

/// What [`visit_along`] calls at each match: the value, the indexes bound
/// to the pattern's `-` segments, and the values along the way.
type Visitor<'a, 'f> = dyn FnMut(&'a Json<'a>, &[usize], &[&'a Json<'a>]) + 'f;

/// [`visit`] over split segments, also giving the values the pattern
/// passed through on the way (`ancestors[i]`: the value after `i`
/// segments; the root first), so that a sibling pointer is looked up from
/// its nearest common ancestor instead of from the root again.
fn visit_along<'a>(
    v: &'a Json<'a>,
    segs: &[&str],
    bindings: &mut Vec<usize>,
    ancestors: &mut Vec<&'a Json<'a>>,
    f: &mut Visitor<'a, '_>,
) {
    ancestors.push(v);
    match segs.split_first() {
        None => f(v, bindings, ancestors),
        Some((&"-", rest)) => {
            if let Json::Array(items) = v {
                for (i, item) in items.iter().enumerate() {
                    bindings.push(i);
                    visit_along(item, rest, bindings, ancestors, f);
                    bindings.pop();
                }
            }
        }
        Some((key, rest)) => {
            if let Some(next) = pointer::child(v, key) {
                visit_along(next, rest, bindings, ancestors, f);
            }
        }
    }
    ancestors.pop();
}

/// Where a split pattern leaves the path `along` it is looked up from:
/// how many leading segments the two share, and how many of those are `-`.
#[derive(Clone, Copy)]
struct Fork {
    shared: usize,
    indexes: usize,
}

fn fork(along: &[&str], pattern: &[&str]) -> Fork {
    let mut f = Fork {
        shared: 0,
        indexes: 0,
    };
    for (a, p) in along.iter().zip(pattern) {
        if a != p {
            break;
        }
        f.shared += 1;
        if *a == "-" {
            f.indexes += 1;
        }
    }
    f
}

/// The value at the split `pattern`, looked up from the deepest of
/// `ancestors` (the values along the visited path, bound to `bindings`)
/// that the pattern shares with that path ([`fork`], computed once per rule).
fn resolve_near<'a>(
    ancestors: &[&'a Json<'a>],
    pattern: &[&str],
    fork: Fork,
    bindings: &[usize],
) -> Option<&'a Json<'a>> {
    let mut at = *ancestors.get(fork.shared)?;
    let mut next = bindings.get(fork.indexes..)?.iter();
    for seg in pattern.get(fork.shared..)? {
        at = if *seg == "-" {
            at.as_array()?.get(*next.next()?)?
        } else {
            pointer::child(at, seg)?
        };
    }
    Some(at)
}

/// `pattern` as a concrete pointer, its `-` segments bound to `bindings`.
fn concrete(pattern: &str, bindings: &[usize]) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut next = bindings.iter();
    for seg in segments(pattern) {
        match (seg, next.clone().next()) {
            ("-", Some(&i)) => {
                next.next();
                pointer::push_index(&mut out, i);
            }
            _ => pointer::push(&mut out, seg),
        }
    }
    out
}

/// What [`CrossKind::Unique`] compares: borrowed text, or an integer as an
/// integer field sends it.
#[derive(Hash, PartialEq, Eq)]
enum Key<'a> {
    Text(&'a str),
    Int(i64),
}

fn is_sent(v: Option<&Json>) -> bool {
    v.is_some_and(|v| !v.is_null())
}

/// A scalar as the walker sends it for a string field: strings as they
/// are, numbers as their text.
fn as_text<'v>(v: &'v Json) -> Option<std::borrow::Cow<'v, str>> {
    match v {
        Json::String(s) => Some(std::borrow::Cow::Borrowed(s.as_ref())),
        Json::Number(n) => Some(std::borrow::Cow::Owned(n.to_string())),
        _ => None,
    }
}

/// The `<prefix><digits>` group a `<prefix><digits>-…` text belongs to.
fn code_group<'s>(code: &'s str, prefix: &str, digits: usize) -> Option<&'s str> {
    let (group, rest) = code.split_once('-')?;
    let n = group.strip_prefix(prefix)?;
    (n.len() == digits && n.bytes().all(|b| b.is_ascii_digit()) && !rest.is_empty())
        .then_some(group)
}

fn check_rule<'a, 'r>(
    ctx: &mut Ctx,
    bound: &'r BoundRule,
    input: &'a Json<'a>,
    scratch: &mut Scratch<'a, 'r>,
) {
    let rule = bound.rule;
    let p0 = bound.pointer(0);
    let p1 = bound.pointer(1);
    split_into(p0, &mut scratch.s0);
    let Scratch {
        along,
        s0,
        s1,
        bindings,
        ancestors,
    } = scratch;
    match rule.kind {
        CrossKind::Advice => {
            // Once per rule, not once per visited value.
            let last = pointer::last_segment(p1);
            visit(input, s0, ancestors, bindings, &mut |v, b| {
                let advise = if rule.pointers.len() > 1 {
                    v.as_object().is_some() && !is_sent(pointer::child(v, last))
                } else {
                    !v.is_null()
                };
                if advise {
                    ctx.warn(&concrete(p0, b), rule.code, Params::None);
                }
            });
        }
        CrossKind::Unique { by } => {
            // The entries of one innermost array are visited one after the
            // other: compared as a group, then the next group starts.
            let mut outer: Vec<usize> = Vec::new();
            let mut entries: Vec<(usize, Key)> = Vec::new();
            let flush = |ctx: &mut Ctx, outer: &[usize], entries: &[(usize, Key)]| {
                unique_by(ctx, entries, |i| {
                    let mut b = outer.to_vec();
                    b.push(i);
                    concrete(p0, &b)
                });
            };
            visit(input, s0, ancestors, bindings, &mut |v, b| {
                let key = match by {
                    UniqueBy::Text => v.as_str().map(Key::Text),
                    UniqueBy::Integer => int_value(v).map(Key::Int),
                };
                let (Some(key), Some((&last, this_outer))) = (key, b.split_last()) else {
                    return;
                };
                if this_outer != outer.as_slice() {
                    flush(ctx, &outer, &entries);
                    entries.clear();
                    outer.clear();
                    outer.extend_from_slice(this_outer);
                }
                entries.push((last, key));
            });
            flush(ctx, &outer, &entries);
        }
        _ => {
            split_into(parent(p0), along);
            split_into(p1, s1);
            let (f0, f1) = (fork(along, s0), fork(along, s1));
            bindings.clear();
            ancestors.clear();
            let (s0, s1) = (&*s0, &*s1);
            visit_along(input, along, bindings, ancestors, &mut |_, b, up| {
                let v0 = resolve_near(up, s0, f0, b);
                let v1 = resolve_near(up, s1, f1, b);
                check_at(ctx, rule, (p0, v0), (p1, v1), b);
            });
        }
    }
}

/// One rule over one binding of its `-` segments.
fn check_at(
    ctx: &mut Ctx,
    rule: &CrossRule,
    (p0, v0): (&str, Option<&Json>),
    (p1, v1): (&str, Option<&Json>),
    b: &[usize],
) {
    match rule.kind {
        CrossKind::Together => match (is_sent(v0), is_sent(v1)) {
            (true, false) => ctx.error(&concrete(p1, b), rule.code, Params::With(concrete(p0, b))),
            (false, true) => ctx.error(&concrete(p0, b), rule.code, Params::With(concrete(p1, b))),
            _ => {}
        },
        CrossKind::RequiredIfTrue => {
            if v1 == Some(&Json::Bool(true)) && !is_sent(v0) {
                ctx.error(
                    &concrete(p0, b),
                    rule.code,
                    Params::Because(concrete(p1, b)),
                );
            }
        }
        CrossKind::MemberOf => {
            let (Some(value), Some(Json::Array(list))) = (v0.and_then(as_text), v1) else {
                return;
            };
            if list
                .iter()
                .any(|item| as_text(item).as_deref() == Some(&*value))
            {
                return;
            }
            // The pointer is built only now, when the value is missing from
            // the list; a value that failed its own checks is not sent, so
            // there is nothing to compare.
            let at = concrete(p0, b);
            if !ctx.has_error_at(&at) {
                ctx.error(&at, rule.code, Params::List(concrete(p1, b)));
            }
        }
        CrossKind::RequiredWith => {
            if is_sent(v1) && !is_sent(v0) {
                ctx.error(
                    &concrete(p0, b),
                    rule.code,
                    Params::BecauseSent(concrete(p1, b)),
                );
            }
        }
        CrossKind::Differ => {
            if let (Some(a), Some(other)) = (v0.and_then(as_text), v1.and_then(as_text)) {
                let at = concrete(p0, b);
                if a == other && !ctx.has_error_at(&at) {
                    ctx.error(&at, rule.code, Params::With(concrete(p1, b)));
                }
            }
        }
        CrossKind::AdviceIf { values, unless } => {
            let text = match v0 {
                Some(Json::Bool(flag)) => Some(std::borrow::Cow::Borrowed(if *flag {
                    "true"
                } else {
                    "false"
                })),
                Some(v) => as_text(v),
                None => None,
            };
            let named = v1
                .and_then(Json::as_str)
                .is_some_and(|list| list.split(',').any(|item| item.trim() == unless));
            if text.is_some_and(|t| values.contains(&&*t)) && !named {
                ctx.warn(&concrete(p0, b), rule.code, Params::None);
            }
        }
        CrossKind::AtLeastOne => {
            if !is_sent(v0) && !is_sent(v1) {
                ctx.error(&concrete(p0, b), rule.code, Params::Or(concrete(p1, b)));
            }
        }
        CrossKind::SameLength => {
            if let (Some(Json::Array(a)), Some(Json::Array(other))) = (v0, v1) {
                if a.len() != other.len() {
                    ctx.error(
                        &concrete(p0, b),
                        rule.code,
                        Params::SameLength {
                            with: concrete(p1, b),
                            expected: other.len(),
                        },
                    );
                }
            }
        }
        CrossKind::FormatWhen { values, format } => {
            let trigger = v1
                .and_then(Json::as_str)
                .is_some_and(|t| values.contains(&t));
            let bad = trigger
                && v0
                    .and_then(as_text)
                    .is_some_and(|t| (format.check)(&t) == crate::leaf::format::FormatResult::Bad);
            if bad {
                format_error(ctx, &concrete(p0, b), rule, format);
            }
        }
        CrossKind::NoneOf { values, format } => {
            if v0
                .and_then(Json::as_str)
                .is_some_and(|t| values.contains(&t))
            {
                format_error(ctx, &concrete(p0, b), rule, format);
            }
        }
        CrossKind::GroupPrefix { prefix, digits } => {
            let code = v0.and_then(Json::as_str);
            // An empty group id already has its own error; comparing codes with it would only add noise.
            let group = v1.and_then(Json::as_str).filter(|g| !g.is_empty());
            if let (Some(own), Some(group)) =
                (code.and_then(|c| code_group(c, prefix, digits)), group)
            {
                if own != group {
                    ctx.error(
                        &concrete(p0, b),
                        rule.code,
                        Params::Group {
                            field_group: own.to_owned(),
                            group: group.to_owned(),
                            list: concrete(p1, b),
                        },
                    );
                }
            }
        }
        CrossKind::Unique { .. } | CrossKind::Advice => {}
    }
}
