//! Checks the cross-field rules an endpoint declares ([`CrossRule`]), each
//! kind once for every vendor. Rules read the caller's raw input, so that
//! paths keep the caller's indexes even where an item failed its own
//! checks; a `-` in a rule's pointers is any array index, bound alike in
//! all of the rule's pointers. Pointers are built only for the issues
//! reported: these rules run on every item of every list.

use serde_json::Value;

use crate::engine::walk::{int_value, unique_by};
use crate::leaf::pointer;
use crate::model::endpoint::{CrossKind, CrossRule, UniqueBy};
use crate::report::{Ctx, Params};

/// Runs every rule, in declaration order.
pub(crate) fn check(ctx: &mut Ctx, rules: &[CrossRule], input: &Value) {
    for rule in rules {
        check_rule(ctx, rule, input);
    }
}

fn segments(pattern: &str) -> impl Iterator<Item = &str> + Clone {
    pattern.split('/').skip(1)
}

/// The pattern without its last segment.
fn parent(pattern: &str) -> &str {
    pattern
        .rfind('/')
        .map_or("", |i| pattern.get(..i).unwrap_or(""))
}

/// Calls `f` with every value matching `pattern` and the indexes its `-`
/// segments took, in document order.
fn visit<'a>(
    v: &'a Value,
    mut segs: impl Iterator<Item = &'static str> + Clone,
    bindings: &mut Vec<usize>,
    f: &mut dyn FnMut(&'a Value, &[usize]),
) {
    match segs.next() {
        None => f(v, bindings),
        Some("-") => {
            if let Value::Array(items) = v {
                for (i, item) in items.iter().enumerate() {
                    bindings.push(i);
                    visit(item, segs.clone(), bindings, f);
                    bindings.pop();
                }
            }
        }
        Some(key) => {
            if let Some(next) = v.get(key) {
                visit(next, segs, bindings, f);
            }
        }
    }
}

/// The value at `pattern` with its `-` segments bound to `bindings`, in
/// order (a pattern with more `-` than bindings matches nothing).
fn resolve<'a>(root: &'a Value, pattern: &str, bindings: &[usize]) -> Option<&'a Value> {
    let mut at = root;
    let mut next = bindings.iter();
    for seg in segments(pattern) {
        at = if seg == "-" {
            at.get(*next.next()?)?
        } else {
            at.get(seg)?
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

fn is_sent(v: Option<&Value>) -> bool {
    v.is_some_and(|v| !v.is_null())
}

/// A scalar as the walker sends it for a string field: strings as they
/// are, numbers as their text.
fn as_text(v: &Value) -> Option<std::borrow::Cow<'_, str>> {
    match v {
        Value::String(s) => Some(std::borrow::Cow::Borrowed(s)),
        Value::Number(n) => Some(std::borrow::Cow::Owned(n.to_string())),
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

fn check_rule(ctx: &mut Ctx, rule: &CrossRule, input: &Value) {
    let p0 = rule.pointers.first().copied().unwrap_or("");
    let p1 = rule.pointers.get(1).copied().unwrap_or("");
    let mut bindings = Vec::new();
    match rule.kind {
        CrossKind::Advice => {
            visit(input, segments(p0), &mut bindings, &mut |v, b| {
                let advise = if rule.pointers.len() > 1 {
                    let last = p1.rsplit('/').next().unwrap_or("");
                    v.is_object() && !is_sent(v.get(last))
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
            visit(input, segments(p0), &mut bindings, &mut |v, b| {
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
            visit(input, segments(parent(p0)), &mut bindings, &mut |_, b| {
                check_at(ctx, rule, input, p0, p1, b);
            });
        }
    }
}

/// One rule over one binding of its `-` segments.
fn check_at(ctx: &mut Ctx, rule: &CrossRule, input: &Value, p0: &str, p1: &str, b: &[usize]) {
    let v0 = resolve(input, p0, b);
    let v1 = resolve(input, p1, b);
    match rule.kind {
        CrossKind::Together => match (is_sent(v0), is_sent(v1)) {
            (true, false) => ctx.error(&concrete(p1, b), rule.code, Params::With(concrete(p0, b))),
            (false, true) => ctx.error(&concrete(p0, b), rule.code, Params::With(concrete(p1, b))),
            _ => {}
        },
        CrossKind::RequiredIfTrue => {
            if v1 == Some(&Value::Bool(true)) && !is_sent(v0) {
                ctx.error(
                    &concrete(p0, b),
                    rule.code,
                    Params::Because(concrete(p1, b)),
                );
            }
        }
        CrossKind::MemberOf => {
            let (Some(value), Some(Value::Array(list))) = (v0.and_then(as_text), v1) else {
                return;
            };
            let at = concrete(p0, b);
            // A value that failed its own checks is not sent: nothing to compare.
            if ctx.has_error_at(&at) {
                return;
            }
            if !list
                .iter()
                .any(|item| as_text(item).as_deref() == Some(&*value))
            {
                ctx.error(&at, rule.code, Params::List(concrete(p1, b)));
            }
        }
        CrossKind::AtLeastOne => {
            if !is_sent(v0) && !is_sent(v1) {
                ctx.error(&concrete(p0, b), rule.code, Params::Or(concrete(p1, b)));
            }
        }
        CrossKind::SameLength => {
            if let (Some(Value::Array(a)), Some(Value::Array(other))) = (v0, v1) {
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
                .and_then(Value::as_str)
                .is_some_and(|t| values.contains(&t));
            let bad = trigger
                && v0
                    .and_then(as_text)
                    .is_some_and(|t| (format.check)(&t) == crate::leaf::format::FormatResult::Bad);
            if bad {
                ctx.error_hint(
                    &concrete(p0, b),
                    rule.code,
                    Params::Format(format.name),
                    format.expected,
                );
            }
        }
        CrossKind::NoneOf { values, format } => {
            if v0
                .and_then(Value::as_str)
                .is_some_and(|t| values.contains(&t))
            {
                ctx.error_hint(
                    &concrete(p0, b),
                    rule.code,
                    Params::Format(format.name),
                    format.expected,
                );
            }
        }
        CrossKind::GroupPrefix { prefix, digits } => {
            let code = v0.and_then(Value::as_str);
            // An empty group id already has its own error; comparing codes with it would only add noise.
            let group = v1.and_then(Value::as_str).filter(|g| !g.is_empty());
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
