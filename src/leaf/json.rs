//! Small helpers over `serde_json::Value`, and the hand-written JSON
//! writers of the crate's output types.
//!
//! The output types keep their serde `Serialize` for Rust callers; the
//! boundary and the batch writers go through [`WriteJson`] instead, which
//! writes byte for byte what serde_json writes for them (tested per type)
//! without serde_json's serialiser and serde's derived code in the wasm.

use serde_json::{Map, Value};

use crate::leaf::tree::{self, write_array, write_number, write_object, write_str};

/// A value's compact JSON text, as its `Display` writes it.
pub fn json_text(v: &Value) -> String {
    tree::json_text(64, |out| write_value(out, v))
}

/// Writes a value as compact JSON, byte for byte what serde_json writes.
pub fn write_value(out: &mut Vec<u8>, v: &Value) {
    match v {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(b) => write_bool(out, *b),
        Value::Number(n) => write_number(out, n),
        Value::String(s) => write_str(out, s),
        Value::Array(items) => write_array(out, items.iter(), |x, o| write_value(o, x)),
        Value::Object(map) => write_map(out, map),
    }
}

/// Writes an object as compact JSON, byte for byte what serde_json writes.
pub fn write_map(out: &mut Vec<u8>, map: &Map<String, Value>) {
    write_object(out, map.iter().map(|(k, v)| (k.as_str(), v)), |x, o| {
        write_value(o, x)
    });
}

fn write_bool(out: &mut Vec<u8>, b: bool) {
    out.extend_from_slice(if b { b"true" } else { b"false" });
}

/// A type written as JSON by hand: the same text as serde_json gives for
/// its `Serialize`.
pub trait WriteJson {
    /// Appends the value's compact JSON to `out`.
    fn write_json(&self, out: &mut Vec<u8>);
}

impl<T: WriteJson> WriteJson for [T] {
    fn write_json(&self, out: &mut Vec<u8>) {
        write_array(out, self.iter(), |x, o| x.write_json(o));
    }
}

impl<T: WriteJson> WriteJson for Vec<T> {
    fn write_json(&self, out: &mut Vec<u8>) {
        self.as_slice().write_json(out);
    }
}

impl<T: WriteJson + ?Sized> WriteJson for &T {
    fn write_json(&self, out: &mut Vec<u8>) {
        (**self).write_json(out);
    }
}

/// Writes a JSON object field by field, in the order serde's derive uses
/// (the order of declaration).
pub struct Fields<'o> {
    out: &'o mut Vec<u8>,
    first: bool,
}

impl<'o> Fields<'o> {
    /// Opens an object.
    pub fn new(out: &'o mut Vec<u8>) -> Self {
        out.push(b'{');
        Fields { out, first: true }
    }

    /// Writes `"key":` and hands back the buffer for the value.
    pub fn key(&mut self, key: &str) -> &mut Vec<u8> {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        write_str(self.out, key);
        self.out.push(b':');
        self.out
    }

    /// A string field.
    pub fn str(&mut self, key: &str, v: &str) -> &mut Self {
        write_str(self.key(key), v);
        self
    }

    /// An optional string field: `null` when absent.
    pub fn opt_str(&mut self, key: &str, v: Option<&str>) -> &mut Self {
        match v {
            Some(s) => write_str(self.key(key), s),
            None => self.key(key).extend_from_slice(b"null"),
        }
        self
    }

    /// A boolean field.
    pub fn bool(&mut self, key: &str, v: bool) -> &mut Self {
        write_bool(self.key(key), v);
        self
    }

    /// A field written by its own [`WriteJson`].
    pub fn item(&mut self, key: &str, v: &(impl WriteJson + ?Sized)) -> &mut Self {
        v.write_json(self.key(key));
        self
    }

    /// Closes the object.
    pub fn end(&mut self) {
        self.out.push(b'}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_as_serde_json_writes_them() {
        let v =
            json!({"b": [1, -2, 1.5, 1e300, "x\"\u{1}é", null, true, false, {}], "a": {"": []}});
        assert_eq!(json_text(&v), serde_json::to_string(&v).unwrap());
    }
}
