//! Small helpers over `serde_json::Value`.

use serde_json::Value;

/// A value's compact JSON text, as its `Display` writes it. Through the
/// serialiser rather than `Display`: one copy of serde_json's writer in the
/// wasm instead of three (~1.2 KiB gzip).
pub fn json_text(v: &Value) -> String {
    // Serialising a Value into a String cannot fail (string keys only).
    serde_json::to_string(v).unwrap_or_default()
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
