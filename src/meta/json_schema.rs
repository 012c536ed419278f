//! `json_schema`: a JSON Schema (draft 2020-12) of an endpoint's input
//! envelope that accepts what `validate` accepts (default options).

use serde_json::{Map, Value};

use super::regex::{
    self, any_digits, int_range, whole, whole_unless, NOT_WHITE_SPACE, WHITE_SPACE,
};
use super::{
    accepts_empty_string, accepts_null, number_text, obj, prefixed_key_pattern, sections, strs,
};
use crate::engine::walk::MAX_SAFE_INTEGER;
use crate::leaf::format::Format;
use crate::leaf::pointer;
use crate::model::endpoint::{BoundRule, CrossKind, BASE_URL_FIELD};
use crate::model::field::{ArrayRule, CustomShape, Empty, Field, IntRule, ObjectRule, StrRule, Ty};
use crate::report::Error;
use crate::report::Unit;

fn annotate(schema: &mut Value, field: &Field) {
    if let Value::Object(map) = schema {
        if !field.label.en.is_empty() {
            map.insert("title".into(), field.label.en.into());
        }
        if !field.help.en.is_empty() {
            map.insert("description".into(), field.help.en.into());
        }
    }
}

/// A schema of one JSON type with its keywords.
fn typed(ty: &str, keywords: Vec<(&str, Value)>) -> Value {
    let mut pairs = vec![("type", ty.into())];
    pairs.extend(keywords);
    obj(pairs)
}

/// The branches as one schema: `anyOf` when there are several, plus a
/// `null` branch when the field is optional (the validator drops `null`
/// there with a warning). Separate typed branches rather than a `type`
/// list keep the schema clean under ajv's strict mode without options.
fn any_of(mut branches: Vec<Value>, nullable: bool) -> Value {
    if nullable {
        branches.push(typed("null", Vec::new()));
    }
    match branches.len() {
        1 => branches.pop().unwrap_or(Value::Bool(true)),
        _ => obj(vec![("anyOf", Value::Array(branches))]),
    }
}

/// Strings with `format`, or integers whose text it takes.
fn format_schema(
    format: &Format,
    extra_alternatives: &[&str],
    lookahead: &str,
    nullable: bool,
) -> Value {
    let mut alternatives: Vec<&str> = extra_alternatives.to_vec();
    alternatives.push(format.pattern);
    let pattern = whole_unless(lookahead, &alternatives);
    let mut branches = vec![typed("string", vec![("pattern", pattern.into())])];
    for (lo, hi) in format.integers {
        branches.push(typed(
            "integer",
            vec![("minimum", (*lo).into()), ("maximum", (*hi).into())],
        ));
    }
    any_of(branches, nullable)
}

fn enum_of(values: Vec<Value>) -> Value {
    obj(vec![("enum", Value::Array(values))])
}

/// `schema` with the field's documented length in characters (JSON
/// Schema's `minLength` / `maxLength` count code points, as `chars` does;
/// byte limits are a gap `describe` lists). A `""` the field drops as "no
/// change" stays valid whatever the minimum.
fn with_length(schema: Value, field: &Field, rule: &StrRule) -> Value {
    let Some(length) = rule.length.filter(|l| l.unit == Unit::Chars) else {
        return schema;
    };
    let mut keywords = vec![("type", Value::from("string"))];
    if length.min > 0 {
        keywords.push(("minLength", Value::from(length.min)));
    }
    if let Some(max) = length.max {
        keywords.push(("maxLength", Value::from(max)));
    }
    // A number is coerced to its text first, so it is measured too: an
    // integer of at most `max` characters lies strictly between -10^(max-1)
    // and 10^max. (No number's text is longer than 24 characters.)
    let number = match length.max {
        Some(max) if max < 25 => obj(vec![
            ("type", "number".into()),
            ("exclusiveMaximum", power_of_ten(max)),
            (
                "exclusiveMinimum",
                negated(power_of_ten(max.saturating_sub(1))),
            ),
        ]),
        _ => obj(vec![("type", "number".into())]),
    };
    let mut options = vec![
        obj(keywords),
        number,
        obj(vec![(
            "not",
            obj(vec![(
                "anyOf",
                Value::Array(vec![
                    obj(vec![("type", "string".into())]),
                    obj(vec![("type", "number".into())]),
                ]),
            )]),
        )]),
    ];
    if length.min > 0 && field.empty == Empty::Drop {
        options.push(obj(vec![("const", "".into())]));
    }
    let limit = obj(vec![("anyOf", Value::Array(options))]);
    obj(vec![("allOf", Value::Array(vec![schema, limit]))])
}

/// `10^n` as a JSON number (`n` < 25).
fn power_of_ten(n: usize) -> Value {
    match u32::try_from(n).ok().and_then(|n| 10u64.checked_pow(n)) {
        Some(p) => Value::from(p),
        None => Value::from(format!("1e{n}").parse::<f64>().unwrap_or(1e24)),
    }
}

fn negated(v: Value) -> Value {
    match v.as_u64().and_then(|n| i64::try_from(n).ok()) {
        Some(n) => Value::from(-n),
        None => Value::from(-v.as_f64().unwrap_or(f64::MAX)),
    }
}

fn str_schema(field: &Field, rule: &StrRule) -> Value {
    with_length(str_schema_unlimited(field, rule), field, rule)
}

fn str_schema_unlimited(field: &Field, rule: &StrRule) -> Value {
    let nullable = accepts_null(field);
    let empty_ok = accepts_empty_string(field);
    let blank_re = format!("{WHITE_SPACE}*");
    if !rule.one_of.is_empty() {
        let mut values: Vec<Value> = rule.one_of.iter().map(|v| Value::from(*v)).collect();
        values.extend(
            rule.one_of
                .iter()
                .filter_map(|v| number_text(v))
                .map(Value::Number),
        );
        if empty_ok && !rule.blank_is_empty {
            values.push("".into());
        }
        if nullable {
            values.push(Value::Null);
        }
        if empty_ok && rule.blank_is_empty {
            let blank = typed("string", vec![("pattern", whole(&[&blank_re]).into())]);
            return any_of(vec![enum_of(values), blank], false);
        }
        return enum_of(values);
    }
    if let Some(format) = rule.format {
        return match (empty_ok, rule.blank_is_empty) {
            (true, true) => format_schema(format, &[&blank_re], "", nullable),
            (true, false) => format_schema(format, &[""], "", nullable),
            (false, true) => format_schema(format, &[], &format!("(?!{blank_re}$)"), nullable),
            (false, false) => format_schema(format, &[], "", nullable),
        };
    }
    let string = match (empty_ok, rule.blank_is_empty) {
        (true, _) => typed("string", Vec::new()),
        (false, true) => typed("string", vec![("pattern", NOT_WHITE_SPACE.into())]),
        (false, false) => typed("string", vec![("minLength", 1.into())]),
    };
    any_of(vec![string, typed("number", Vec::new())], nullable)
}

fn int_schema(field: &Field, rule: &IntRule) -> Value {
    let nullable = accepts_null(field);
    // "" is accepted only where it means "no change"; an integer field cannot keep it.
    let empty_ok = accepts_empty_string(field);
    let lo = rule.min.unwrap_or(-MAX_SAFE_INTEGER).max(-MAX_SAFE_INTEGER);
    let hi = rule.max.unwrap_or(MAX_SAFE_INTEGER).min(MAX_SAFE_INTEGER);
    if !rule.one_of.is_empty() {
        let allowed: Vec<i64> = rule
            .one_of
            .iter()
            .copied()
            .filter(|n| (lo..=hi).contains(n))
            .collect();
        let mut values: Vec<Value> = allowed.iter().map(|n| Value::from(*n)).collect();
        values.extend(allowed.iter().map(|n| Value::from(n.to_string())));
        if empty_ok {
            values.push("".into());
        }
        if nullable {
            values.push(Value::Null);
        }
        return enum_of(values);
    }
    let range = int_range(lo, hi);
    let pattern = if empty_ok {
        whole(&["", &range])
    } else {
        whole(&[&range])
    };
    any_of(
        vec![
            typed(
                "integer",
                vec![("minimum", lo.into()), ("maximum", hi.into())],
            ),
            typed("string", vec![("pattern", pattern.into())]),
        ],
        nullable,
    )
}

fn object_schema(rule: &ObjectRule) -> Value {
    let mut properties = Map::new();
    for f in rule.fields {
        properties.insert(f.key.to_owned(), field_schema(f));
    }
    let required: Vec<&str> = rule
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.key)
        .collect();
    let mut out = vec![("properties", Value::Object(properties))];
    if !required.is_empty() {
        out.push(("required", strs(&required)));
    }
    if let Some((prefix, template)) = rule.prefixed {
        out.push((
            "patternProperties",
            Value::Object(Map::from_iter([(
                prefixed_key_pattern(rule, prefix),
                field_schema(template),
            )])),
        ));
    }
    out.push(("additionalProperties", false.into()));
    typed("object", out)
}

fn array_schema(rule: &ArrayRule) -> Value {
    let mut out = vec![("items", field_schema(rule.item))];
    if rule.min_items > 0 {
        out.push(("minItems", rule.min_items.into()));
    }
    if let Some(max) = rule.max_items {
        out.push(("maxItems", max.into()));
    }
    if rule.unique {
        out.push(("uniqueItems", true.into()));
    }
    typed("array", out)
}

fn field_schema(field: &Field) -> Value {
    let nullable = accepts_null(field);
    let mut schema = match field.ty {
        Ty::Str(rule) => str_schema(field, &rule),
        Ty::Int(rule) => int_schema(field, &rule),
        Ty::Bool => any_of(vec![typed("boolean", Vec::new())], nullable),
        Ty::Object(rule) => any_of(vec![object_schema(rule)], nullable),
        Ty::Array(rule) => any_of(vec![array_schema(rule)], nullable),
        Ty::Custom(custom) => match custom.shape {
            CustomShape::ArrayOrJsonText(rule) => {
                let mut text = Vec::new();
                if let Some(p) = regex::json_text_of(rule) {
                    text.push(("pattern", whole(&[&p]).into()));
                }
                any_of(vec![typed("string", text), array_schema(rule)], nullable)
            }
        },
    };
    annotate(&mut schema, field);
    schema
}

// ---- cross-field rules -------------------------------------------------------

/// The branch of `schema` that describes an object or array (the one
/// that is not the `null` of an optional field), or `schema` itself.
fn structural(schema: &Value) -> &Value {
    schema
        .get("anyOf")
        .and_then(Value::as_array)
        .and_then(|branches| {
            branches
                .iter()
                .find(|b| b.get("properties").is_some() || b.get("items").is_some())
        })
        .unwrap_or(schema)
}

fn is_nullable(schema: &Value) -> bool {
    schema
        .get("anyOf")
        .and_then(Value::as_array)
        .is_some_and(|branches| {
            branches
                .iter()
                .any(|b| b.get("type") == Some(&"null".into()))
        })
}

/// The object or array schema at `segments` (`-` = array items).
fn node<'a>(root: &'a Value, segments: &[String]) -> Option<&'a Value> {
    let mut at = structural(root);
    for seg in segments {
        let next = if seg == "-" {
            at.get("items")?
        } else {
            at.get("properties")?.get(seg.as_str())?
        };
        at = structural(next);
    }
    Some(at)
}

/// [`node`], for changing it.
fn node_mut<'a>(root: &'a mut Value, segments: &[String]) -> Option<&'a mut Value> {
    let mut at = root;
    for seg in segments {
        at = if seg == "-" {
            at.get_mut("items")?
        } else {
            at.get_mut("properties")?.get_mut(seg.as_str())?
        };
        if at.get("anyOf").is_some() {
            at = at
                .get_mut("anyOf")?
                .as_array_mut()?
                .iter_mut()
                .find(|b| b.get("properties").is_some() || b.get("items").is_some())?;
        }
    }
    Some(at)
}

fn segments(ptr: &str) -> Vec<String> {
    pointer::segments(ptr).unwrap_or_default()
}

/// An object whose key `key` is sent (present and not `null`).
fn sent(key: &str) -> Value {
    let not_null = obj(vec![("not", obj(vec![("type", "null".into())]))]);
    restrict(key, not_null)
}

/// An object that has `key`, whose value matches `schema`.
fn restrict(key: &str, schema: Value) -> Value {
    obj(vec![
        ("type", "object".into()),
        ("required", strs(&[key])),
        ("properties", obj(vec![(key, schema)])),
    ])
}

/// `{"if": …, "then": …}`.
fn if_then(condition: Value, then: Value) -> Value {
    obj(vec![("if", condition), ("then", then)])
}

/// `inner` applied to the value at `rel` (segments, `-` = every item)
/// below `base`, the object or array schema `rel` starts from. Types are
/// restated on the way (ajv's strict mode wants them) and `null` stays
/// accepted where the base schema accepts it.
fn at_path(base: &Value, rel: &[String], inner: Value) -> Value {
    let Some((seg, rest)) = rel.split_first() else {
        return inner;
    };
    let child = |v: Option<&Value>| v.cloned().unwrap_or(Value::Null);
    let (ty, keyword, below) = if seg == "-" {
        ("array", "items", child(base.get("items")))
    } else {
        let below = child(base.get("properties").and_then(|p| p.get(seg.as_str())));
        ("object", "properties", below)
    };
    let deeper = at_path(structural(&below), rest, inner);
    let deeper = if rest.is_empty() || !is_nullable(&below) {
        deeper
    } else {
        any_of(vec![deeper], true)
    };
    let value = if seg == "-" {
        deeper
    } else {
        obj(vec![(seg.as_str(), deeper)])
    };
    typed(ty, vec![(keyword, value)])
}

/// The translation of a cross rule: (parent pointer segments, schema to
/// add to the parent's `allOf`), or `None` when JSON Schema cannot say it.
fn cross_schema(root: &Value, bound: &BoundRule) -> Option<(Vec<String>, Vec<Value>)> {
    let rule = bound.rule;
    let a = segments(bound.pointers.first()?);
    let b = bound
        .pointers
        .get(1)
        .map(|p| segments(p))
        .unwrap_or_default();
    match rule.kind {
        CrossKind::Together => {
            let (ka, parent) = a.split_last()?;
            let (kb, _) = b.split_last()?;
            Some((
                parent.to_vec(),
                vec![if_then(sent(ka), sent(kb)), if_then(sent(kb), sent(ka))],
            ))
        }
        CrossKind::RequiredIfTrue => {
            let (field, parent) = a.split_last()?;
            let (flag, _) = b.split_last()?;
            Some((
                parent.to_vec(),
                vec![if_then(
                    restrict(flag, obj(vec![("const", true.into())])),
                    sent(field),
                )],
            ))
        }
        CrossKind::FormatWhen { values, format } => {
            let (field, parent) = a.split_last()?;
            let (trigger, _) = b.split_last()?;
            Some((
                parent.to_vec(),
                vec![if_then(
                    restrict(trigger, obj(vec![("enum", strs(values))])),
                    obj(vec![
                        ("type", "object".into()),
                        (
                            "properties",
                            obj(vec![(
                                field.as_str(),
                                format_schema(format, &[], "", false),
                            )]),
                        ),
                    ]),
                )],
            ))
        }
        CrossKind::GroupPrefix { prefix, digits } => {
            let (group_key, parent) = b.split_last()?;
            let rel = a.get(parent.len()..)?.to_vec();
            let base = node(root, parent)?;
            let p = regex::escape(prefix);
            let coded = format!(r"^{p}{}-[\s\S]", any_digits(digits));
            // No code below the group may match `code_pattern`.
            let string_matching =
                |pattern: String| obj(vec![("type", "string".into()), ("pattern", pattern.into())]);
            let forbid = |code_pattern: String| {
                at_path(
                    base,
                    &rel,
                    obj(vec![("not", string_matching(code_pattern))]),
                )
            };
            let group_is = |group: Value| restrict(group_key, group);
            let not_a_group = obj(vec![
                ("type", "string".into()),
                (
                    "not",
                    obj(vec![(
                        "pattern",
                        format!("^{p}{}$", any_digits(digits)).into(),
                    )]),
                ),
            ]);
            let mut out = vec![if_then(group_is(not_a_group), forbid(coded))];
            // A sysNN group id: each digit of a coded field_code must equal the group's.
            for i in 0..digits {
                let (before, after) = (any_digits(i), any_digits(digits - i - 1));
                for d in 0..10 {
                    out.push(if_then(
                        group_is(string_matching(format!("^{p}{before}{d}{after}$"))),
                        forbid(format!(r"^{p}{before}(?!{d})[0-9]{after}-[\s\S]")),
                    ));
                }
            }
            Some((parent.to_vec(), out))
        }
        CrossKind::AtLeastOne => {
            let (ka, parent) = a.split_last()?;
            let (kb, _) = b.split_last()?;
            Some((
                parent.to_vec(),
                vec![obj(vec![("anyOf", Value::Array(vec![sent(ka), sent(kb)]))])],
            ))
        }
        CrossKind::NoneOf { values, .. } => {
            let (field, parent) = a.split_last()?;
            Some((
                parent.to_vec(),
                vec![obj(vec![(
                    "properties",
                    obj(vec![(
                        field.as_str(),
                        obj(vec![("not", obj(vec![("enum", strs(values))]))]),
                    )]),
                )])],
            ))
        }
        CrossKind::RequiredWith => {
            let (field, parent) = a.split_last()?;
            let (other, _) = b.split_last()?;
            Some((parent.to_vec(), vec![if_then(sent(other), sent(field))]))
        }
        CrossKind::MemberOf
        | CrossKind::Unique { .. }
        | CrossKind::SameLength
        | CrossKind::Differ
        | CrossKind::AdviceIf { .. }
        | CrossKind::Advice => None,
    }
}

/// The top-level `$comment`: what only `validate` checks (the gaps
/// `describe` lists) and where patterns approximate the checks.
fn comment(gaps: &[Value]) -> String {
    let mut lines = vec![
        "Generated by rosterguard from the field tables validate() walks. With default options (allowUnknown false) an input is valid against this schema iff validate() reports no error, except for these rules, which only validate() checks (describe().jsonSchemaGaps lists them):".to_owned(),
    ];
    for gap in gaps {
        lines.push(format!(
            "- {} [{} at {}]",
            gap["text"]["en"].as_str().unwrap_or_default(),
            gap["code"].as_str().unwrap_or_default(),
            gap["pointer"].as_str().unwrap_or_default(),
        ));
    }
    lines.push("Approximations: patterns are ECMA-262 regular expressions for the u flag; email lengths are counted in code points where validate() counts UTF-8 bytes (only non-ASCII domains can differ); a text holding JSON (Ekuaibao base) must spell each documented key once and plainly; natively (not from JavaScript) a number written with a fraction or exponent such as 1.0 is an integer to JSON Schema but not a digit text to validate().".to_owned());
    lines.join("\n")
}

/// A JSON Schema (draft 2020-12) of the input envelope of `endpoint`,
/// expressing every rule JSON Schema can: types and the validator's
/// documented coercions (digit strings for integers, numbers for strings),
/// `null` in optional fields, `""` per field (kept or dropped: accepted;
/// rejected: not), enums, ranges, item counts and uniqueness, syntaxes as
/// ECMA-262 patterns (`u` flag), unknown keys (`additionalProperties:
/// false`, prefixed keys via `patternProperties`), and the cross-field rules
/// it can state (`if`/`then`). The rest is listed in the top-level
/// `$comment`.
pub fn json_schema(endpoint: &str) -> Result<Value, Error> {
    let ep = crate::api::endpoint(endpoint)?;
    let described = super::describe(endpoint)?;
    let gaps = described["jsonSchemaGaps"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut properties = Map::new();
    properties.insert("baseUrl".into(), field_schema(&BASE_URL_FIELD));
    let mut required = Vec::new();
    for section in sections(ep) {
        let mut schema = object_schema(section.rule);
        if let Value::Object(map) = &mut schema {
            map.insert("title".into(), section.title.en.into());
            map.insert("description".into(), section.help.en.into());
        }
        properties.insert(section.name.into(), schema);
        if section.required() {
            required.push(section.name);
        }
    }
    let mut top = vec![
        (
            "$schema",
            "https://json-schema.org/draft/2020-12/schema".into(),
        ),
        ("$id", format!("urn:rosterguard:{}", ep.id).into()),
        ("title", ep.title.en.into()),
        (
            "description",
            format!(
                "Input envelope of {} ({} {}): {}",
                ep.id, ep.method, ep.documented_path, ep.doc_url
            )
            .into(),
        ),
        ("$comment", comment(&gaps).into()),
    ];
    if ep.deprecated.is_some() {
        top.push(("deprecated", true.into()));
    }
    top.extend([
        ("type", "object".into()),
        ("properties", Value::Object(properties)),
        ("required", strs(&required)),
        ("additionalProperties", false.into()),
    ]);
    let mut root = obj(top);
    for bound in &ep.cross_rules() {
        let Some((parent, schemas)) = cross_schema(&root, bound) else {
            continue;
        };
        let Some(Value::Object(node)) = node_mut(&mut root, &parent) else {
            continue;
        };
        let all = node
            .entry("allOf")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(list) = all {
            list.extend(schemas);
        }
    }
    Ok(root)
}
