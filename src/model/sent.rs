//! What the walker returns: the normalised value to send, borrowing from
//! the caller's input wherever a value goes out unchanged.
//!
//! Building a second `serde_json::Value` tree cost more than parsing the
//! input: every string and key cloned, every object key hashed again into
//! an IndexMap, and a whole tree to free afterwards. A [`Sent`] tree holds
//! references into the input for unchanged values and keys, owns only what
//! a rule rewrote (coerced, normalised), and keeps object entries in a
//! plain vector (objects here have a few dozen keys at most, so a scan
//! beats hashing). It is written out as JSON text directly.

use serde_json::{Map, Value};

use crate::leaf::tree::{json_text, write_array, write_object, Json};

/// A value to send.
#[derive(Debug, Clone, PartialEq)]
pub enum Sent<'a> {
    /// Sent exactly as the caller gave it.
    Same(&'a Json<'a>),
    /// A value a rule produced (coerced, normalised or built).
    Owned(Json<'a>),
    /// An object: the kept entries, in the caller's key order.
    Object(SentMap<'a>),
    /// An array: the kept items, in order.
    Array(Vec<Sent<'a>>),
}

/// The entries of a sent object, in the caller's key order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SentMap<'a> {
    entries: Vec<(&'a str, Sent<'a>)>,
}

impl<'a> SentMap<'a> {
    /// An empty object.
    pub fn new() -> Self {
        SentMap {
            entries: Vec::new(),
        }
    }

    /// An empty object with room for `n` entries.
    pub fn with_capacity(n: usize) -> Self {
        SentMap {
            entries: Vec::with_capacity(n),
        }
    }

    /// Appends an entry. The walker visits each input key once, so keys
    /// are distinct without a check.
    pub fn push(&mut self, key: &'a str, value: Sent<'a>) {
        self.entries.push((key, value));
    }

    /// The value sent under `key`.
    pub fn get(&self, key: &str) -> Option<&Sent<'a>> {
        self.entries.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// Whether `key` is sent.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The entries, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&'a str, &Sent<'a>)> + '_ {
        self.entries.iter().map(|(k, v)| (*k, v))
    }

    /// How many entries are sent.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is sent.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The object as a `serde_json` map (a copy).
    pub fn to_map(&self) -> Map<String, Value> {
        let mut map = Map::with_capacity(self.entries.len());
        for (k, v) in &self.entries {
            map.insert((*k).to_owned(), v.to_value());
        }
        map
    }

    /// Writes the object as compact JSON, byte for byte what
    /// `serde_json::to_string` writes for [`SentMap::to_map`].
    pub fn write_json(&self, out: &mut Vec<u8>) {
        write_object(out, self.iter(), Sent::write_json);
    }

    /// The object as compact JSON text.
    pub fn to_json(&self) -> String {
        // Most bodies fit: growing the buffer was a tenth of writing one.
        json_text(1024, |out| self.write_json(out))
    }
}

impl<'a> Sent<'a> {
    /// The value itself when it is a string, number, boolean or null
    /// (objects and arrays are built, not single values).
    pub fn leaf(&self) -> Option<&Json<'a>> {
        match self {
            Sent::Same(v) => Some(v),
            Sent::Owned(v) => Some(v),
            Sent::Object(_) | Sent::Array(_) => None,
        }
    }

    /// The sent string, if the value is one.
    pub fn as_str(&self) -> Option<&str> {
        self.leaf().and_then(Json::as_str)
    }

    /// The sent object, if the value is one the walker checked.
    pub fn as_object(&self) -> Option<&SentMap<'a>> {
        match self {
            Sent::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The sent items, if the value is an array the walker checked.
    pub fn as_array(&self) -> Option<&[Sent<'a>]> {
        match self {
            Sent::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The value as a `serde_json` value (a copy).
    pub fn to_value(&self) -> Value {
        match self {
            Sent::Same(v) => v.to_value(),
            Sent::Owned(v) => v.to_value(),
            Sent::Object(m) => Value::Object(m.to_map()),
            Sent::Array(items) => Value::Array(items.iter().map(Sent::to_value).collect()),
        }
    }

    /// Writes the value as compact JSON, byte for byte what
    /// `serde_json::to_string` writes for [`Sent::to_value`].
    pub fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            Sent::Same(v) => v.write_json(out),
            Sent::Owned(v) => v.write_json(out),
            Sent::Object(m) => m.write_json(out),
            Sent::Array(items) => write_array(out, items.iter(), Sent::write_json),
        }
    }

    /// The value as compact JSON text.
    pub fn to_json(&self) -> String {
        json_text(64, |out| self.write_json(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn writes_what_serde_json_writes() {
        let (a, n) = (json!("a\"b\\c\n\u{1}é/"), json!(-12));
        let (a, n) = (Json::view(&a, 0, 9), Json::view(&n, 0, 9));
        let mut inner = SentMap::new();
        inner.push("k\"ey", Sent::Same(&a));
        inner.push("n", Sent::Owned(Json::Number(7.into())));
        let mut top = SentMap::new();
        top.push("x", Sent::Object(inner));
        top.push(
            "list",
            Sent::Array(vec![Sent::Same(&n), Sent::Owned(Json::Null)]),
        );
        top.push("empty", Sent::Array(vec![]));
        top.push("o", Sent::Object(SentMap::new()));
        let text = top.to_json();
        assert_eq!(
            text,
            serde_json::to_string(&Value::Object(top.to_map())).unwrap()
        );
        assert_eq!(
            text,
            r#"{"x":{"k\"ey":"a\"b\\c\n\u0001é/","n":7},"list":[-12,null],"empty":[],"o":{}}"#
        );
        assert_eq!(
            top.get("x").and_then(|v| v.as_object()).map(SentMap::len),
            Some(2)
        );
        assert!(top.get("nope").is_none());
    }
}
