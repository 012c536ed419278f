//! The declarative field model every endpoint is written in, and the one
//! generic walker that checks a JSON tree against it.
//!
//! A vendor file declares its fields as `static` [`Field`] tables; the walker
//! applies the reusable checks (required, type and documented coercions,
//! empty handling, enum, range, format, item counts, duplicates, unknown
//! fields) and returns the normalised value that the request builder sends.
//! Cross-field rules are plain functions in the vendor file.

use std::borrow::Cow;
use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::params;
use crate::pointer;
use crate::report::{Code, Ctx};
use crate::sent::{Sent, SentMap};

/// A pair of texts, English and Simplified Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    /// English.
    pub en: &'static str,
    /// Simplified Chinese.
    pub zh: &'static str,
}

impl Text {
    /// No text.
    pub const NONE: Text = Text { en: "", zh: "" };

    /// A text pair.
    pub const fn new(en: &'static str, zh: &'static str) -> Text {
        Text { en, zh }
    }

    /// A text pair only the metadata (`describe`, `json_schema`) reads:
    /// without the `meta` feature it is empty, so the strings stay out of
    /// the binary.
    pub const fn meta(en: &'static str, zh: &'static str) -> Text {
        if cfg!(feature = "meta") {
            Text { en, zh }
        } else {
            Text::NONE
        }
    }

    /// The text for a locale.
    pub fn get(&self, locale: crate::Locale) -> &'static str {
        match locale {
            crate::Locale::En => self.en,
            crate::Locale::ZhCn => self.zh,
        }
    }
}

/// A string only the metadata reads (citations, patterns): empty without
/// the `meta` feature, so it stays out of the binary.
pub const fn meta_str(s: &'static str) -> &'static str {
    if cfg!(feature = "meta") {
        s
    } else {
        ""
    }
}

/// What an optional string (or number) field sent as `""` means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Empty {
    /// `""` is a value like any other and is sent.
    Keep,
    /// `""` means "no change" to the vendor: warn `dropped_empty` and do not send it.
    Drop,
    /// `""` is rejected with `empty`.
    Reject,
}

/// Result of a string format check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatResult {
    /// The value has the documented syntax.
    Ok,
    /// The value is accepted once rewritten to this canonical form (`normalized` warning).
    Normalized(String),
    /// The value does not have the documented syntax.
    Bad,
}

/// A named string syntax with its check and a description for messages.
#[derive(Debug, Clone, Copy)]
pub struct Format {
    /// Stable name, reported as `params.format`.
    pub name: &'static str,
    /// The check.
    pub check: fn(&str) -> FormatResult,
    /// What a valid value looks like, completing "must be …".
    pub expected: Text,
    /// The same syntax as an ECMA-262 regular expression (for the `u` flag,
    /// unanchored: the generators wrap it in `^(?:…)$`). It matches every
    /// text the check accepts, including those it normalises, so that the
    /// JSON Schema and forms accept what the validator accepts. Kept next to
    /// the check; `tests/meta.rs` and the ajv cross-check compare the two.
    pub pattern: &'static str,
    /// Integer ranges (inclusive) whose decimal text the check accepts: the
    /// JSON numbers a string field with this format takes (numbers are
    /// coerced to their text before the check).
    pub integers: &'static [(i64, i64)],
}

/// String rules.
#[derive(Debug, Clone, Copy)]
pub struct StrRule {
    /// Allowed values (empty: any).
    pub one_of: &'static [&'static str],
    /// Syntax check, applied to non-empty values.
    pub format: Option<&'static Format>,
    /// Whether a string of only white space counts as empty.
    pub blank_is_empty: bool,
}

/// Integer rules. Integers are sent as JSON numbers.
#[derive(Debug, Clone, Copy)]
pub struct IntRule {
    /// Smallest allowed value.
    pub min: Option<i64>,
    /// Largest allowed value.
    pub max: Option<i64>,
    /// Allowed values (empty: any in range).
    pub one_of: &'static [i64],
}

/// Object rules.
#[derive(Debug, Clone, Copy)]
pub struct ObjectRule {
    /// The documented keys, in documentation order.
    pub fields: &'static [Field],
    /// Keys starting with this prefix (and longer than it) are checked with
    /// the given field template (Ekuaibao's `u_<name>` custom fields).
    pub prefixed: Option<(&'static str, &'static Field)>,
}

/// Array rules.
#[derive(Debug, Clone, Copy)]
pub struct ArrayRule {
    /// The rule for every item (its `key` is unused).
    pub item: &'static Field,
    /// Fewest items.
    pub min_items: usize,
    /// Most items.
    pub max_items: Option<usize>,
    /// Whether items must be distinct (checked in linear time).
    pub unique: bool,
}

/// A check too specific for the generic kinds; it reports its own issues
/// and returns the value to send.
#[derive(Debug, Clone, Copy)]
pub struct CustomRule {
    /// The JSON type(s) it accepts, for metadata (`"string"`, `"string|array"`).
    pub json_type: &'static str,
    /// The check.
    pub check: for<'a> fn(&mut Ctx, &str, &'a Value) -> Option<Sent<'a>>,
    /// What the check accepts, declared for the metadata generators
    /// (describe, JSON Schema, TypeScript), which cannot look inside `check`.
    pub shape: CustomShape,
}

/// What a [`CustomRule`] accepts, in terms the metadata generators know.
#[derive(Debug, Clone, Copy)]
pub enum CustomShape {
    /// The array itself (checked with the rule, coercions allowed; it is
    /// sent as its compact JSON text), or a string holding that array as
    /// JSON text, which must match the rule exactly (no coercion, no empty
    /// or unknown keys) and is sent unchanged.
    ArrayOrJsonText(&'static ArrayRule),
}

/// The kind of a field's value.
#[derive(Debug, Clone, Copy)]
pub enum Ty {
    /// A JSON string (numbers are coerced with a warning).
    Str(StrRule),
    /// A JSON integer (canonical digit strings are coerced with a warning).
    Int(IntRule),
    /// A JSON boolean.
    Bool,
    /// A JSON object.
    Object(&'static ObjectRule),
    /// A JSON array.
    Array(&'static ArrayRule),
    /// A vendor-specific check.
    Custom(&'static CustomRule),
}

/// One documented field.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Key in the parent object.
    pub key: &'static str,
    /// Value kind and rules.
    pub ty: Ty,
    /// Whether the field must be present.
    pub required: bool,
    /// What `""` means when the field is optional (required fields reject it).
    pub empty: Empty,
    /// Tokens and secrets: never echoed, masked by `redact`.
    pub secret: bool,
    /// Form label.
    pub label: Text,
    /// Help text for forms.
    pub help: Text,
    /// Where the rule comes from (seed page, vendor note).
    pub source: &'static str,
}

/// A plain string rule.
pub const STRING: StrRule = StrRule {
    one_of: &[],
    format: None,
    blank_is_empty: false,
};

/// A non-negative integer.
pub const NON_NEGATIVE: IntRule = IntRule {
    min: Some(0),
    max: None,
    one_of: &[],
};

impl Field {
    /// An optional field with no texts.
    pub const fn new(key: &'static str, ty: Ty) -> Field {
        Field {
            key,
            ty,
            required: false,
            empty: Empty::Keep,
            secret: false,
            label: Text::NONE,
            help: Text::NONE,
            source: "",
        }
    }

    /// An optional plain string field.
    pub const fn string(key: &'static str) -> Field {
        Field::new(key, Ty::Str(STRING))
    }

    /// Marks the field required (which also rejects `""`).
    pub const fn required(mut self) -> Field {
        self.required = true;
        self.empty = Empty::Reject;
        self
    }

    /// Marks the field secret.
    pub const fn secret(mut self) -> Field {
        self.secret = true;
        self
    }

    /// Sets what `""` means.
    pub const fn on_empty(mut self, empty: Empty) -> Field {
        self.empty = empty;
        self
    }

    /// Sets the label.
    pub const fn label(mut self, en: &'static str, zh: &'static str) -> Field {
        self.label = Text::meta(en, zh);
        self
    }

    /// Sets the help text.
    pub const fn help(mut self, en: &'static str, zh: &'static str) -> Field {
        self.help = Text::meta(en, zh);
        self
    }

    /// Sets the citation.
    pub const fn source(mut self, source: &'static str) -> Field {
        self.source = meta_str(source);
        self
    }
}

impl ObjectRule {
    /// The documented field named `key`.
    pub fn field(&self, key: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// The JSON type name of a value, as used in `type` issues.
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "number",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn type_error(ctx: &mut Ctx, path: &str, expected: &'static str, v: &Value) {
    ctx.error(
        path,
        Code::Type,
        params! {"expected": expected, "actual": type_name(v)},
    );
}

/// Checks `v` against `field` at `path`; returns the value to send, or
/// `None` when nothing is to be sent (dropped, or in error).
pub fn check_field<'a>(ctx: &mut Ctx, path: &str, field: &Field, v: &'a Value) -> Option<Sent<'a>> {
    if v.is_null() {
        if field.required {
            ctx.error(path, Code::Required, params! {});
        } else {
            ctx.warn(path, Code::DroppedEmpty, params! {"value": "null"});
        }
        return None;
    }
    if let Value::String(text) = v {
        if crate::limits::check_length(ctx, path, text) {
            return None;
        }
    }
    match field.ty {
        Ty::Str(rule) => check_str(ctx, path, field, &rule, v),
        Ty::Int(rule) => check_int(ctx, path, field, &rule, v),
        Ty::Bool => match v {
            Value::Bool(_) => Some(Sent::Same(v)),
            _ => {
                type_error(ctx, path, "boolean", v);
                None
            }
        },
        Ty::Object(rule) => match v {
            Value::Object(map) => Some(Sent::Object(check_object(ctx, path, rule, map))),
            _ => {
                type_error(ctx, path, "object", v);
                None
            }
        },
        Ty::Array(rule) => match v {
            Value::Array(items) => Some(Sent::Array(check_array(ctx, path, rule, items))),
            _ => {
                type_error(ctx, path, "array", v);
                None
            }
        },
        Ty::Custom(rule) => (rule.check)(ctx, path, v),
    }
}

/// Handles `""` for an optional or required field. Returns `Some(send)`
/// when the emptiness decided the outcome. A required field rejects `""`
/// unless it explicitly keeps it (DingTalk's `value`: a string, "" included).
fn on_empty<'a>(ctx: &mut Ctx, path: &str, field: &Field) -> Option<Option<Sent<'a>>> {
    if field.required && field.empty != Empty::Keep {
        ctx.error(path, Code::Empty, params! {});
        return Some(None);
    }
    match field.empty {
        Empty::Keep => None,
        Empty::Drop => {
            ctx.warn(path, Code::DroppedEmpty, params! {"value": ""});
            Some(None)
        }
        Empty::Reject => {
            ctx.error(path, Code::Empty, params! {});
            Some(None)
        }
    }
}

fn check_str<'a>(
    ctx: &mut Ctx,
    path: &str,
    field: &Field,
    rule: &StrRule,
    v: &'a Value,
) -> Option<Sent<'a>> {
    let text: Cow<'a, str> = match v {
        Value::String(s) => Cow::Borrowed(s),
        Value::Number(n) => {
            ctx.warn(
                path,
                Code::Coerced,
                params! {"from": "number", "to": "string"},
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
        Cow::Owned(s) => Sent::Owned(Value::String(s)),
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
        return Some(send(text));
    }
    if !rule.one_of.is_empty() && !rule.one_of.contains(&text.as_ref()) {
        ctx.error(path, Code::Enum, params! {"allowed": rule.one_of.to_vec()});
        return None;
    }
    if let Some(format) = rule.format {
        return match (format.check)(&text) {
            FormatResult::Ok => Some(send(text)),
            FormatResult::Normalized(canonical) => {
                ctx.warn_hint(
                    path,
                    Code::Normalized,
                    params! {"format": format.name},
                    format.expected,
                );
                Some(Sent::Owned(Value::String(canonical)))
            }
            FormatResult::Bad => {
                ctx.error_hint(
                    path,
                    Code::Format,
                    params! {"format": format.name},
                    format.expected,
                );
                None
            }
        };
    }
    Some(send(text))
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
pub fn int_value(v: &Value) -> Option<i64> {
    let n = match v {
        Value::Number(num) => match num.as_i64() {
            Some(i) => i,
            None => {
                let f = num.as_f64()?;
                if f.fract() != 0.0 || !f.is_finite() || f.abs() > MAX_SAFE_INTEGER as f64 {
                    return None;
                }
                f as i64
            }
        },
        Value::String(s) => parse_int_str(s)?,
        _ => return None,
    };
    (n.unsigned_abs() <= MAX_SAFE_INTEGER.unsigned_abs()).then_some(n)
}

/// A `range` error naming the field's bounds; an integer JS cannot hold
/// exactly also names the bound it crosses (never "at least -2^53" for a
/// field that is non-negative anyway).
fn range_error(ctx: &mut Ctx, path: &str, rule: &IntRule, negative: bool, unsafe_int: bool) {
    if rule.min.is_none() && rule.max.is_none() && !rule.one_of.is_empty() {
        ctx.error(path, Code::Enum, params! {"allowed": rule.one_of.to_vec()});
        return;
    }
    let mut p = params! {};
    let min = rule
        .min
        .or((unsafe_int && negative).then_some(-MAX_SAFE_INTEGER));
    let max = rule
        .max
        .or((unsafe_int && !negative).then_some(MAX_SAFE_INTEGER));
    if let Some(m) = min {
        p.insert("min".into(), m.into());
    }
    if let Some(m) = max {
        p.insert("max".into(), m.into());
    }
    ctx.error(path, Code::Range, p);
}

fn check_int<'a>(
    ctx: &mut Ctx,
    path: &str,
    field: &Field,
    rule: &IntRule,
    v: &'a Value,
) -> Option<Sent<'a>> {
    let n = match v {
        Value::Number(num) => {
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
        Value::String(s) if s.is_empty() => {
            if let Some(decided) = on_empty(ctx, path, field) {
                return decided;
            }
            // An integer field cannot carry "": keeping it would send the wrong type.
            ctx.error(path, Code::Empty, params! {});
            return None;
        }
        Value::String(s) => match parse_int_str(s) {
            Some(i) => {
                ctx.warn(
                    path,
                    Code::Coerced,
                    params! {"from": "string", "to": "integer"},
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
        ctx.error(path, Code::Enum, params! {"allowed": rule.one_of.to_vec()});
        return None;
    }
    // A JSON integer goes out as it came; `-0`, `2.0` and digit strings
    // are written as the integer they stand for.
    if v.as_i64().is_some() {
        Some(Sent::Same(v))
    } else {
        Some(Sent::Owned(Value::from(n)))
    }
}

/// Checks an object's keys (in the caller's order), then reports missing
/// required keys (in documentation order). Returns the object to send.
pub fn check_object<'a>(
    ctx: &mut Ctx,
    path: &str,
    rule: &ObjectRule,
    map: &'a Map<String, Value>,
) -> SentMap<'a> {
    // Sized up front: the sent object has at most the caller's keys.
    let mut out = SentMap::with_capacity(map.len());
    let mut child = String::with_capacity(path.len() + 24);
    for (key, value) in map {
        child.clear();
        child.push_str(path);
        pointer::push(&mut child, key);
        let field = rule.field(key).or_else(|| match rule.prefixed {
            Some((prefix, template)) if key.len() > prefix.len() && key.starts_with(prefix) => {
                Some(template)
            }
            _ => None,
        });
        match field {
            Some(field) => {
                if let Some(v) = check_field(ctx, &child, field, value) {
                    out.push(key, v);
                }
            }
            None => unknown_field(ctx, &child, rule, key, value, &mut out),
        }
    }
    for field in rule.fields.iter().filter(|f| f.required) {
        if !map.contains_key(field.key) {
            ctx.error(&pointer::join(path, field.key), Code::Required, params! {});
        }
    }
    out
}

fn unknown_field<'a>(
    ctx: &mut Ctx,
    path: &str,
    rule: &ObjectRule,
    key: &'a str,
    value: &'a Value,
    out: &mut SentMap<'a>,
) {
    let mut allowed: Vec<Value> = rule.fields.iter().map(|f| Value::from(f.key)).collect();
    if let Some((prefix, _)) = rule.prefixed {
        allowed.push(Value::from(format!("{prefix}*")));
    }
    let params = params! {"allowed": allowed};
    if ctx.allow_unknown && value.is_null() {
        // Nothing to pass through, and built bodies never carry null.
        ctx.warn(path, Code::DroppedEmpty, params! {"value": "null"});
    } else if ctx.allow_unknown {
        // Copied only within the limits: a deep tree would overflow the
        // stack of `clone`, of the body's serialisation and of its drop.
        // Past them the limit's error stands alone: nothing "is sent as given".
        if crate::limits::check_passthrough(ctx, path, key, value) {
            ctx.warn(path, Code::UnknownField, params);
            out.push(key, Sent::Same(value));
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

fn value_key(v: &Value) -> ItemKey {
    match v {
        Value::String(s) => ItemKey::Str(s.clone()),
        Value::Number(n) => match n.as_i64() {
            Some(i) => ItemKey::Int(i),
            None => ItemKey::Other(n.to_string()),
        },
        other => ItemKey::Other(crate::sent::json_text(other)),
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

fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) => x == y,
        (Value::String(_), _) | (_, Value::String(_)) => false,
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x == y,
            (None, None) => value_key(a) == value_key(b),
            _ => false,
        },
        (Value::Number(x), _) | (_, Value::Number(x)) if x.as_i64().is_some() => false,
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
    items: &'a [Value],
) -> Vec<Sent<'a>> {
    if items.len() < rule.min_items {
        ctx.error(
            path,
            Code::MinItems,
            params! {"min": rule.min_items, "actual": items.len()},
        );
    }
    if let Some(max) = rule.max_items {
        if items.len() > max {
            ctx.error(
                path,
                Code::MaxItems,
                params! {"max": max, "actual": items.len()},
            );
        }
    }
    let mut out = Vec::with_capacity(items.len());
    // Short arrays (all the documented ones) are checked for duplicates by
    // a scan of the items kept so far, without hashing or cloning keys;
    // long ones by a hash map of their keys.
    let short = items.len() <= SHORT_ARRAY;
    let mut firsts: Vec<usize> = Vec::new();
    let mut seen: HashMap<ItemKey, usize> = HashMap::new();
    let mut child = String::with_capacity(path.len() + 8);
    for (i, item) in items.iter().enumerate() {
        child.clear();
        child.push_str(path);
        pointer::push_index(&mut child, i);
        let Some(v) = check_field(ctx, &child, rule.item, item) else {
            continue;
        };
        if rule.unique && short {
            if let Some(first) = out.iter().position(|o| same_item(o, &v)) {
                let first = firsts.get(first).copied().unwrap_or(first);
                ctx.error(
                    &child,
                    Code::Duplicate,
                    params! {"first": pointer::join_index(path, first)},
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
                        params! {"first": pointer::join_index(path, *first.get())},
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
            ctx.error(
                &path(*index),
                Code::Duplicate,
                params! {"first": path(first)},
            );
        }
    }
}
