//! Form metadata, JSON Schema and TypeScript types, generated from the same
//! field tables (and cross-rule descriptors) the validator walks, so that
//! they cannot drift apart from the rules.
//!
//! - [`describe`]: a flat, documentation-ordered field list for forms.
//! - [`json_schema`]: a JSON Schema (draft 2020-12) of the input envelope
//!   that accepts exactly what `validate` accepts, except for the rules JSON
//!   Schema cannot state, which its `$comment` lists.
//! - [`typescript_definitions`]: one input interface per endpoint.

mod describe;
mod json_schema;
mod regex;
mod typescript;

pub use describe::describe;
pub use json_schema::json_schema;
pub use typescript::typescript_definitions;

use serde_json::Value;

use crate::engine::walk::check_field;
use crate::leaf::text::Text;
use crate::leaf::tree::Json;
use crate::model::endpoint::Endpoint;
use crate::model::field::{Field, ObjectRule, Ty};
use crate::report::Ctx;

/// One section of the input envelope.
pub(crate) struct Section {
    /// Key in the envelope.
    pub name: &'static str,
    /// Its fields.
    pub rule: &'static ObjectRule,
    /// Title for forms and schemas.
    pub title: Text,
    /// What the section is for.
    pub help: Text,
}

impl Section {
    /// A section is required when it has a required field: a missing one
    /// reports those fields as `required`.
    pub fn required(&self) -> bool {
        self.rule.fields.iter().any(|f| f.required)
    }
}

/// The endpoint's sections, in envelope order.
pub(crate) fn sections(ep: &Endpoint) -> Vec<Section> {
    let mut out = Vec::with_capacity(4);
    if let Some(rule) = ep.path {
        out.push(Section {
            name: "path",
            rule,
            title: Text::new("Path parameters", "路径参数"),
            help: Text::new("Placed in the request path.", "放在请求路径中。"),
        });
    }
    if let Some(rule) = ep.query {
        out.push(Section {
            name: "query",
            rule,
            title: Text::new("Query parameters", "查询参数"),
            help: Text::new("Sent in the URL query string.", "放在 URL 查询串中发送。"),
        });
    }
    if let Some(rule) = ep.headers {
        out.push(Section {
            name: "headers",
            rule,
            title: Text::new("Request headers", "请求头"),
            help: Text::new("Sent as HTTP request headers.", "作为 HTTP 请求头发送。"),
        });
    }
    if let Some(rule) = ep.body {
        out.push(Section {
            name: "body",
            rule,
            title: Text::new("Request body", "请求体"),
            help: Text::new(
                "Sent as the JSON body, with the vendor's field names.",
                "以 JSON 请求体发送，字段名与厂商文档一致。",
            ),
        });
    }
    out
}

/// What `""` does in `field`, found by running the field's own check on
/// it (so it is what the validator does, not what the table suggests):
/// `"keep"` (sent), `"drop"` (a `dropped_empty` warning, not sent) or
/// `"reject"` (an error).
pub(crate) fn empty_policy(field: &Field) -> &'static str {
    let mut ctx = Ctx::new(false);
    let _ = check_field(&mut ctx, "", field, &Json::String(Default::default()));
    if ctx.has_errors() {
        "reject"
    } else if ctx.is_clean() {
        "keep"
    } else {
        "drop"
    }
}

/// Whether `null` is accepted (optional fields drop it with a warning),
/// found by running the field's check on it.
pub(crate) fn accepts_null(field: &Field) -> bool {
    let mut ctx = Ctx::new(false);
    let _ = check_field(&mut ctx, "", field, &Json::Null);
    !ctx.has_errors()
}

/// Whether `""` is accepted (kept or dropped), per [`empty_policy`]. For a
/// string field that counts white space as empty, blank strings go the same way.
pub(crate) fn accepts_empty_string(field: &Field) -> bool {
    empty_policy(field) != "reject"
}

/// The coercions the validator accepts for a field (an empty list when
/// none): `{from, to}` JSON type pairs.
pub(crate) fn coercions(field: &Field) -> Vec<Value> {
    let pair = |from: &str, to: &str| obj(vec![("from", from.into()), ("to", to.into())]);
    match field.ty {
        Ty::Str(rule) => {
            let numbers = if !rule.one_of.is_empty() {
                rule.one_of.iter().any(|v| number_text(v).is_some())
            } else if let Some(format) = rule.format {
                !format.integers.is_empty()
            } else {
                true
            };
            if numbers {
                vec![pair("number", "string")]
            } else {
                Vec::new()
            }
        }
        Ty::Int(_) => vec![pair("string", "integer")],
        Ty::Custom(custom) => match custom.shape {
            crate::model::field::CustomShape::ArrayOrJsonText(_) => vec![pair("array", "string")],
        },
        Ty::Bool | Ty::Object(_) | Ty::Array(_) => Vec::new(),
    }
}

/// A JSON object from `(key, value)` pairs, in order. Used instead of
/// `json!`, whose expansion runs every interpolated expression through
/// serde's serialiser and costs far more wasm.
pub(crate) fn obj(pairs: Vec<(&str, Value)>) -> Value {
    Value::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

/// A JSON array of strings.
pub(crate) fn strs(list: &[&str]) -> Value {
    Value::Array(list.iter().map(|s| Value::from(*s)).collect())
}

/// The JSON number whose text (as the validator coerces numbers to
/// strings) is `text`, if there is one.
pub(crate) fn number_text(text: &str) -> Option<serde_json::Number> {
    let n: serde_json::Number = text.parse().ok()?;
    (n.to_string() == text).then_some(n)
}

/// The ECMA-262 pattern of the keys a prefixed template takes: the prefix
/// and at least one more character, documented keys excluded (they win).
pub(crate) fn prefixed_key_pattern(rule: &ObjectRule, prefix: &str) -> String {
    let documented: Vec<String> = rule
        .fields
        .iter()
        .filter(|f| f.key.starts_with(prefix))
        .map(|f| regex::escape(f.key))
        .collect();
    let exclude = if documented.is_empty() {
        String::new()
    } else {
        format!("(?!(?:{})$)", documented.join("|"))
    };
    format!(r"^{exclude}{}[\s\S]", regex::escape(prefix))
}
