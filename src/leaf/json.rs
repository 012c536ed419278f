//! Small helpers over `serde_json::Value`.

use serde_json::Value;

/// A value's compact JSON text, as its `Display` writes it. Through the
/// serialiser rather than `Display`: one copy of serde_json's writer in the
/// wasm instead of three (~1.2 KiB gzip).
pub fn json_text(v: &Value) -> String {
    // Serialising a Value into a String cannot fail (string keys only).
    serde_json::to_string(v).unwrap_or_default()
}
