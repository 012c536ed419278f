//! The one generic walker that checks a JSON tree against the field model:
//! the reusable checks (required, type and documented coercions, empty
//! handling, enum, range, length, format, item counts, duplicates, unknown
//! fields), returning the normalised value that the request builder sends.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::leaf::tree::{Json, Obj};

use crate::engine::guard;
use crate::leaf::format::FormatResult;
use crate::leaf::pointer;
use crate::leaf::tree::type_name;
use crate::model::field::{
    ArrayRule, CustomRule, CustomShape, Empty, Field, IntRule, ObjectRule, StrRule, Ty,
};
use crate::model::sent::{Sent, SentMap};
use crate::report::{Allowed, Code, Ctx, Params};

fn type_error(ctx: &mut Ctx, path: &str, expected: &'static str, v: &Json) {
    ctx.error(
        path,
        Code::Type,
        Params::Type {
            expected,
            actual: type_name(v),
        },
    );
}

/// Checks `v` against `field` at `path`; returns the value to send, or
/// `None` when nothing is to be sent (dropped, or in error).
pub fn check_field<'a>(
    ctx: &mut Ctx,
    path: &str,
    field: &Field,
    v: &'a Json<'a>,
) -> Option<Sent<'a>> {
    if v.is_null() {
        if field.required {
            ctx.error(path, Code::Required, Params::None);
        } else {
            ctx.warn(path, Code::DroppedEmpty, Params::Dropped("null"));
        }
        return None;
    }
    if let Json::String(text) = v {
        if guard::check_length(ctx, path, text) {
            return None;
        }
    }
    match field.ty {
        Ty::Str(rule) => check_str(ctx, path, field, &rule, v),
        Ty::Int(rule) => check_int(ctx, path, field, &rule, v),
        Ty::Bool => match v {
            Json::Bool(_) => Some(Sent::Same(v)),
            _ => {
                type_error(ctx, path, "boolean", v);
                None
            }
        },
        Ty::Object(rule) => match v {
            Json::Object(map) => Some(Sent::Object(check_object(ctx, path, rule, map))),
            _ => {
                type_error(ctx, path, "object", v);
                None
            }
        },
        Ty::Array(rule) => match v {
            Json::Array(items) => Some(Sent::Array(check_array(ctx, path, rule, items))),
            _ => {
                type_error(ctx, path, "array", v);
                None
            }
        },
        Ty::Custom(rule) => match rule.shape {
            CustomShape::ArrayOrJsonText(array) => array_or_json_text(ctx, path, rule, array, v),
        },
    }
}

/// [`CustomShape::ArrayOrJsonText`]: a string holding the array as JSON
/// text, exactly of the documented shape (nothing coerced, nothing extra),
/// sent unchanged; or the array itself, checked item by item and sent as
/// that text.
fn array_or_json_text<'a>(
    ctx: &mut Ctx,
    path: &str,
    custom: &CustomRule,
    rule: &ArrayRule,
    v: &'a Json<'a>,
) -> Option<Sent<'a>> {
    let format = Params::Format(custom.format);
    match v {
        Json::String(s) => {
            let mut inner = Ctx::new(false);
            let shape_ok = match Json::parse(s) {
                Ok(Json::Array(items)) => {
                    check_array(&mut inner, "", rule, &items);
                    inner.is_clean()
                }
                _ => false,
            };
            if shape_ok {
                Some(Sent::Same(v))
            } else {
                ctx.error_hint(path, Code::Format, format, custom.expected);
                None
            }
        }
        Json::Array(items) => {
            let before = ctx.has_error_at(path);
            // The text it becomes must pass the strict text form: no extra
            // keys in an item, even with allowUnknown (found by fuzzing).
            let allow_unknown = std::mem::replace(&mut ctx.allow_unknown, false);
            let out = check_array(ctx, path, rule, items);
            ctx.allow_unknown = allow_unknown;
            if !before && ctx.has_error_at(path) {
                return None;
            }
            ctx.warn_hint(path, Code::Normalized, format, custom.sent);
            if ctx.report_only {
                // Nothing is sent: the text is not written.
                return Some(Sent::Array(out));
            }
            Some(Sent::Owned(Json::String(Sent::Array(out).to_json().into())))
        }
        other => {
            type_error(ctx, path, "string", other);
            None
        }
    }
}

/// Handles `""` for an optional or required field. Returns `Some(send)`
/// when the emptiness decided the outcome. A required field rejects `""`
/// unless it explicitly keeps it (DingTalk's `value`: a string, "" included).
fn on_empty<'a>(ctx: &mut Ctx, path: &str, field: &Field) -> Option<Option<Sent<'a>>> {
    if field.required && field.empty != Empty::Keep {
        ctx.error(path, Code::Empty, Params::None);
        return Some(None);
    }
    match field.empty {
        Empty::Keep => None,
        Empty::Drop => {
            ctx.warn(path, Code::DroppedEmpty, Params::Dropped(""));
            Some(None)
        }
        Empty::Reject => {
            ctx.error(path, Code::Empty, Params::None);
            Some(None)
        }
    }
}

fn check_str<'a>(
    ctx: &mut Ctx,
    path: &str,
    field: &Field,
    rule: &StrRule,
    v: &'a Json<'a>,
) -> Option<Sent<'a>> {
    let text: Cow<'a, str> = match v {
        Json::String(s) => Cow::Borrowed(s.as_ref()),
        Json::Number(n) => {
            ctx.warn(
                path,
                Code::Coerced,
                Params::Coerced {
                    from: "number",
                    to: "string",
                },
            );
            Cow::Owned(n.to_string())
        }
        _ => {
            type_error(ctx, path, "string", v);
            return None;
        }
    };
    // The caller's own string goes out as it came; a coerced one is new.
    let send = |text: Cow<'a, str>| match text {
        Cow::Borrowed(_) => Sent::Same(v),
        Cow::Owned(s) => Sent::Owned(Json::String(Cow::Owned(s))),
    };
    let empty = if rule.blank_is_empty {
        text.trim().is_empty()
    } else {
        text.is_empty()
    };
    if empty {
        if let Some(decided) = on_empty(ctx, path, field) {
            return decided;
        }
        if !length_ok(ctx, path, rule, &text) {
            return None;
        }
        return Some(send(text));
    }
    if !length_ok(ctx, path, rule, &text) {
        return None;
    }
    if !rule.one_of.is_empty() && !rule.one_of.contains(&text.as_ref()) {
        ctx.error(
            path,
            Code::Enum,
            Params::Allowed(Allowed::Texts(rule.one_of)),
        );
        return None;
    }
    if let Some(format) = rule.format {
        // A number stands for its text only where the format declares it
        // (`Format::integers`, which the JSON Schema states too): `1.5` or
        // an integer past 2^53 is not what the caller meant to send. As for
        // any other number, the `coerced` warning says what was read.
        let declared = match v {
            Json::Number(n) => format.takes_integer(n.as_i64()),
            _ => true,
        };
        let checked = if declared {
            (format.check)(&text)
        } else {
            FormatResult::Bad
        };
        return match checked {
            FormatResult::Ok => Some(send(text)),
            FormatResult::Normalized(canonical) => {
                ctx.warn_hint(
                    path,
                    Code::Normalized,
                    Params::Format(format.name),
                    format.expected,
                );
                Some(Sent::Owned(Json::String(Cow::Owned(canonical))))
            }
            FormatResult::Bad => {
                ctx.error_hint(
                    path,
                    Code::Format,
                    Params::Format(format.name),
                    format.expected,
                );
                None
            }
        };
    }
    Some(send(text))
}

/// Checks the documented length limit; reports `length` when it is missed.
fn length_ok(ctx: &mut Ctx, path: &str, rule: &StrRule, text: &str) -> bool {
    let Some(limit) = rule.length else {
        return true;
    };
    let actual = limit.unit.measure(text);
    if actual >= limit.min && limit.max.map_or(true, |m| actual <= m) {
        return true;
    }
    ctx.error(
        path,
        Code::Length,
        Params::Length {
            min: (limit.min > 0).then_some(limit.min),
            max: limit.max,
            unit: limit.unit,
            actual,
        },
    );
    false
}

/// Largest integer a JS number holds exactly (2^53 − 1).
pub const MAX_SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// Parses a canonical decimal integer string (`0`, `42`, `-7`; no `+`,
/// no leading zeros, no spaces), as a number-typed field may be sent.
pub fn parse_int_str(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty()
        || digits.len() > 16
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || (digits.len() > 1 && digits.starts_with('0'))
        || s == "-0"
    {
        return None;
    }
    s.parse::<i64>().ok()
}

/// The integer an integer field sends for `v` (a JSON integer, a number
/// with no fraction such as `-0` or `2.0`, or a canonical digit string),
/// or `None` when the field rejects it. For cross-field rules, which read
/// the raw input: a rule comparing raw values would let `0` and `-0` pass
/// as distinct and then send both as `0`.
pub fn int_value(v: &Json) -> Option<i64> {
    let n = match v {
        Json::Number(num) => match num.as_i64() {
            Some(i) => i,
            None => {
                let f = num.as_f64()?;
                if f.fract() != 0.0 || !f.is_finite() || f.abs() > MAX_SAFE_INTEGER as f64 {
                    return None;
                }
                f as i64
            }
        },
        Json::String(s) => parse_int_str(s)?,
        _ => return None,
    };
    (n.unsigned_abs() <= MAX_SAFE_INTEGER.unsigned_abs()).then_some(n)
}

/// A `range` error naming the field's bounds; an integer JS cannot hold
/// exactly also names the bound it crosses (never "at least -2^53" for a
/// field that is non-negative anyway).
fn range_error(ctx: &mut Ctx, path: &str, rule: &IntRule, negative: bool, unsafe_int: bool) {
    if rule.min.is_none() && rule.max.is_none() && !rule.one_of.is_empty() {
        ctx.error(
            path,
            Code::Enum,
            Params::Allowed(Allowed::Ints(rule.one_of)),
        );
        return;
    }
    let min = rule
        .min
        .or((unsafe_int && negative).then_some(-MAX_SAFE_INTEGER));
    let max = rule
        .max
        .or((unsafe_int && !negative).then_some(MAX_SAFE_INTEGER));
    ctx.error(path, Code::Range, Params::Range { min, max });
}

fn check_int<'a>(
    ctx: &mut Ctx,
    path: &str,
    field: &Field,
    rule: &IntRule,
    v: &'a Json<'a>,
) -> Option<Sent<'a>> {
    let n = match v {
        Json::Number(num) => {
            if let Some(i) = num.as_i64() {
                i
            } else if num.as_u64().is_some() {
                range_error(ctx, path, rule, false, true);
                return None;
            } else {
                let f = num.as_f64().unwrap_or(f64::NAN);
                if f.fract() != 0.0 || !f.is_finite() {
                    type_error(ctx, path, "integer", v);
                    return None;
                }
                if f.abs() > MAX_SAFE_INTEGER as f64 {
                    range_error(ctx, path, rule, f < 0.0, true);
                    return None;
                }
                f as i64
            }
        }
        Json::String(s) if s.is_empty() => {
            if let Some(decided) = on_empty(ctx, path, field) {
                return decided;
            }
            // An integer field cannot carry "": keeping it would send the wrong type.
            ctx.error(path, Code::Empty, Params::None);
            return None;
        }
        Json::String(s) => match parse_int_str(s) {
            Some(i) => {
                ctx.warn(
                    path,
                    Code::Coerced,
                    Params::Coerced {
                        from: "string",
                        to: "integer",
                    },
                );
                i
            }
            None => {
                type_error(ctx, path, "integer", v);
                return None;
            }
        },
        _ => {
            type_error(ctx, path, "integer", v);
            return None;
        }
    };
    // unsigned_abs: `abs()` overflows (a panic) on i64::MIN, which JSON can carry.
    if n.unsigned_abs() > MAX_SAFE_INTEGER.unsigned_abs() {
        range_error(ctx, path, rule, n < 0, true);
        return None;
    }
    if rule.min.is_some_and(|m| n < m) || rule.max.is_some_and(|m| n > m) {
        range_error(ctx, path, rule, n < 0, false);
        return None;
    }
    if !rule.one_of.is_empty() && !rule.one_of.contains(&n) {
        ctx.error(
            path,
            Code::Enum,
            Params::Allowed(Allowed::Ints(rule.one_of)),
        );
        return None;
    }
    // A JSON integer goes out as it came; `-0`, `2.0` and digit strings
    // are written as the integer they stand for.
    if v.as_i64().is_some() {
        Some(Sent::Same(v))
    } else {
        Some(Sent::Owned(Json::Number(n.into())))
    }
}

/// Checks an object's keys (in the caller's order), then reports missing
/// required keys (in documentation order). Returns the object to send.
pub fn check_object<'a>(
    ctx: &mut Ctx,
    path: &str,
    rule: &ObjectRule,
    map: &'a Obj<'a>,
) -> SentMap<'a> {
    // Sized up front: the sent object has at most the caller's keys.
    // A report-only run sends nothing: no entries, no allocation.
    let keep = !ctx.report_only;
    let mut out = if keep {
        SentMap::with_capacity(map.len())
    } else {
        SentMap::new()
    };
    // The parent's path is copied once; each key replaces the last one.
    let mut child = String::with_capacity(path.len() + 24);
    child.push_str(path);
    let mut next = 0;
    for (key, value) in map.iter() {
        child.truncate(path.len());
        pointer::push(&mut child, key);
        let field = rule
            .field_from(key, &mut next)
            .or_else(|| match rule.prefixed {
                Some((prefix, template)) if key.len() > prefix.len() && key.starts_with(prefix) => {
                    Some(template)
                }
                _ => None,
            });
        match field {
            Some(field) => {
                if let Some(v) = check_field(ctx, &child, field, value) {
                    if keep {
                        out.push(key, v);
                    }
                }
            }
            None => unknown_field(ctx, &child, rule, key, value, &mut out),
        }
    }
    for field in rule.fields.iter().filter(|f| f.required) {
        if !map.contains_key(field.key) {
            ctx.error(
                &pointer::join(path, field.key),
                Code::Required,
                Params::None,
            );
        }
    }
    out
}

fn unknown_field<'a>(
    ctx: &mut Ctx,
    path: &str,
    rule: &ObjectRule,
    key: &'a str,
    value: &'a Json<'a>,
    out: &mut SentMap<'a>,
) {
    let params = Params::Allowed(Allowed::Keys {
        keys: rule.fields.iter().map(|f| f.key).collect(),
        prefixed: rule.prefixed.map(|(prefix, _)| prefix),
    });
    if ctx.allow_unknown && value.is_null() {
        // Nothing to pass through, and built bodies never carry null.
        ctx.warn(path, Code::DroppedEmpty, Params::Dropped("null"));
    } else if ctx.allow_unknown {
        // Copied only within the limits: a deep tree would overflow the
        // stack of `clone`, of the body's serialisation and of its drop.
        // Past them the limit's error stands alone: nothing "is sent as given".
        if guard::check_passthrough(ctx, path, key, value) {
            ctx.warn(path, Code::UnknownField, params);
            if !ctx.report_only {
                out.push(key, Sent::Same(value));
            }
        }
    } else {
        ctx.error(path, Code::UnknownField, params);
    }
}

/// A hashable identity for an item, for linear-time duplicate checks.
#[derive(Hash, PartialEq, Eq)]
enum ItemKey {
    Str(String),
    Int(i64),
    Other(String),
}

fn item_key(v: &Sent) -> ItemKey {
    match v.leaf() {
        Some(v) => value_key(v),
        None => ItemKey::Other(v.to_json()),
    }
}

fn value_key(v: &Json) -> ItemKey {
    match v {
        Json::String(s) => ItemKey::Str(s.to_string()),
        Json::Number(n) => match n.as_i64() {
            Some(i) => ItemKey::Int(i),
            None => ItemKey::Other(n.to_string()),
        },
        other => ItemKey::Other(other.to_json()),
    }
}

/// Longest array whose duplicates are found by scanning instead of hashing.
const SHORT_ARRAY: usize = 16;

/// Whether two sent items are the same for `unique` (as their [`ItemKey`]s
/// would be equal), without building the keys.
fn same_item(a: &Sent, b: &Sent) -> bool {
    match (a.leaf(), b.leaf()) {
        (Some(x), Some(y)) => same_value(x, y),
        _ => item_key(a) == item_key(b),
    }
}

fn same_value(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::String(x), Json::String(y)) => x == y,
        (Json::String(_), _) | (_, Json::String(_)) => false,
        (Json::Number(x), Json::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x == y,
            (None, None) => value_key(a) == value_key(b),
            _ => false,
        },
        (Json::Number(x), _) | (_, Json::Number(x)) if x.as_i64().is_some() => false,
        // Text comparison (as the keys do): objects equal in another key order are distinct.
        _ => value_key(a) == value_key(b),
    }
}

/// Checks an array's length, items and uniqueness. Returns the items to
/// send. Duplicates are found as the walk goes (so they are reported in
/// input order), comparing sent values: `"7"` coerced to `7` repeats `7`.
pub fn check_array<'a>(
    ctx: &mut Ctx,
    path: &str,
    rule: &ArrayRule,
    items: &'a [Json<'a>],
) -> Vec<Sent<'a>> {
    if items.len() < rule.min_items {
        ctx.error(
            path,
            Code::MinItems,
            Params::MinItems {
                min: rule.min_items,
                actual: items.len(),
            },
        );
    }
    if let Some(max) = rule.max_items {
        if items.len() > max {
            ctx.error(
                path,
                Code::MaxItems,
                Params::MaxItems {
                    max,
                    actual: items.len(),
                },
            );
        }
    }
    // Duplicates are found among the sent items, so a unique array keeps
    // them (and its items theirs) even in a report-only run.
    let report_only = ctx.report_only;
    let keep = rule.unique || !report_only;
    let mut out = if keep {
        Vec::with_capacity(items.len())
    } else {
        Vec::new()
    };
    ctx.report_only = !keep;
    // Short arrays (all the documented ones) are checked for duplicates by
    // a scan of the items kept so far, without hashing or cloning keys;
    // long ones by a hash map of their keys.
    let short = items.len() <= SHORT_ARRAY;
    let mut firsts: Vec<usize> = Vec::new();
    let mut seen: HashMap<ItemKey, usize> = HashMap::new();
    let mut child = String::with_capacity(path.len() + 8);
    child.push_str(path);
    for (i, item) in items.iter().enumerate() {
        child.truncate(path.len());
        pointer::push_index(&mut child, i);
        let Some(v) = check_field(ctx, &child, rule.item, item) else {
            continue;
        };
        if !keep {
            continue;
        }
        if rule.unique && short {
            if let Some(first) = out.iter().position(|o| same_item(o, &v)) {
                let first = firsts.get(first).copied().unwrap_or(first);
                ctx.error(
                    &child,
                    Code::Duplicate,
                    Params::First(pointer::join_index(path, first)),
                );
                continue;
            }
            firsts.push(i);
        } else if rule.unique {
            match seen.entry(item_key(&v)) {
                std::collections::hash_map::Entry::Occupied(first) => {
                    ctx.error(
                        &child,
                        Code::Duplicate,
                        Params::First(pointer::join_index(path, *first.get())),
                    );
                    continue;
                }
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(i);
                }
            }
        }
        out.push(v);
    }
    ctx.report_only = report_only;
    out
}

/// Reports a `duplicate` for every `(index, key)` whose key was seen
/// before, pointing `params.first` at the earlier entry. `path(index)` is
/// an entry's pointer, built only for the entries reported. For keyed
/// uniqueness across objects (DingTalk's `old_index`, `field_code`).
pub fn unique_by<K: std::hash::Hash + Eq>(
    ctx: &mut Ctx,
    entries: &[(usize, K)],
    path: impl Fn(usize) -> String,
) {
    // Short lists (all the documented ones) are scanned; long ones hashed.
    let mut seen: HashMap<&K, usize> = HashMap::new();
    for (n, (index, key)) in entries.iter().enumerate() {
        let first = if entries.len() <= SHORT_ARRAY {
            entries
                .get(..n)
                .and_then(|before| before.iter().find(|(_, k)| k == key))
                .map(|(i, _)| *i)
        } else {
            match seen.entry(key) {
                std::collections::hash_map::Entry::Occupied(first) => Some(*first.get()),
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(*index);
                    None
                }
            }
        };
        if let Some(first) = first {
            ctx.error(&path(*index), Code::Duplicate, Params::First(path(first)));
        }
    }
}
