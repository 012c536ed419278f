//! The answer tape: how the wasm hands a report to the JS glue, which
//! builds the report's objects from it (`readAnswer` in
//! pkg-template/api.js) instead of `JSON.parse`-ing its text. Through Node,
//! `JSON.parse` of a report cost ~0.35 µs per object (a JS prototype on
//! the Ekuaibao bad example's report, 7 issues: 9.9 µs to decode and parse
//! the text, 2.6 µs to read the same report from this tape).
//!
//! `words` hold the structure: the tags of [`tag`] and counts, and for
//! each string its length in UTF-16 units. `text` holds every string's
//! UTF-8, one after the other, in the order the words name them: the glue
//! decodes it once and cuts each string out of it, unescaped. A keyed
//! object's keys are words too: indexes into a table of keys the glue
//! reads once, so that its objects are built with the same key strings
//! on every call.

use serde_json::{Number, Value};

use crate::leaf::tree::{tag, utf16_units, write_number};

/// An answer being written (reused from call to call).
#[derive(Debug, Default)]
pub struct Answer {
    /// The structure.
    pub words: Vec<u32>,
    /// The strings' UTF-8, in order.
    pub text: Vec<u8>,
    /// The words that hold a text's length, in the order of the texts:
    /// lengths in bytes until [`Answer::finish`] makes them UTF-16 units.
    lengths: Vec<u32>,
    /// A string being written by [`Answer::str_with`] (kept, so that
    /// rendering a message allocates nothing once it has grown).
    scratch: String,
}

impl Answer {
    /// Empties both parts, keeping their memory.
    pub fn clear(&mut self) {
        self.words.clear();
        self.text.clear();
        self.lengths.clear();
    }

    /// Makes every text's length a count of UTF-16 units, as the glue cuts
    /// the decoded text. One ASCII check of the whole text settles most
    /// answers (an English report is ASCII unless a key is not): a length
    /// counted for each string was ~6 % of a validate with ten errors
    /// (callgrind, natively).
    pub fn finish(&mut self) {
        if !self.text.is_ascii() {
            let mut at = 0;
            for &i in &self.lengths {
                let Some(word) = self.words.get_mut(i as usize) else {
                    continue;
                };
                let end = at + *word as usize;
                let units = utf16_units(self.text.get(at..end).unwrap_or_default());
                *word = u32::try_from(units).unwrap_or(u32::MAX);
                at = end;
            }
        }
        self.lengths.clear();
    }

    /// The length word of a text of `bytes` bytes (see [`Answer::finish`]).
    fn text_len(&mut self, bytes: usize) {
        self.lengths
            .push(u32::try_from(self.words.len()).unwrap_or(u32::MAX));
        self.count(bytes);
    }

    /// A count or length (also what the glue reads without a tag).
    pub fn count(&mut self, n: usize) {
        self.words.push(u32::try_from(n).unwrap_or(u32::MAX));
    }

    /// A string without a tag, where the glue expects one.
    pub fn str(&mut self, s: &str) {
        self.text_len(s.len());
        self.text.extend_from_slice(s.as_bytes());
    }

    /// A string without a tag, as [`Answer::str`], that `write` appends
    /// to an empty buffer.
    pub fn str_with(&mut self, write: impl FnOnce(&mut String)) {
        let mut s = std::mem::take(&mut self.scratch);
        s.clear();
        write(&mut s);
        self.str(&s);
        self.scratch = s;
    }

    /// A tagged string value.
    pub fn string(&mut self, s: &str) {
        self.words.push(u32::from(tag::STRING));
        self.str(s);
    }

    /// A number, as its JSON text (the glue reads it with `Number`, which
    /// gives what `JSON.parse` gives for the same text).
    pub fn number(&mut self, n: &Number) {
        self.words.push(u32::from(tag::NUMBER));
        let start = self.text.len();
        write_number(&mut self.text, n);
        self.text_len(self.text.len() - start);
    }

    /// An object of `len` entries follows: each a key (as [`Answer::str`])
    /// and a value.
    pub fn object(&mut self, len: usize) {
        self.words.push(u32::from(tag::OBJECT));
        self.count(len);
    }

    /// An object of `len` entries follows, each a key as its index in the
    /// table of keys the glue holds ([`Answer::key`]) and a value. Returns
    /// where `len` is, for [`Answer::set_count`].
    pub fn keyed_object(&mut self, len: usize) -> usize {
        self.words.push(u32::from(tag::KEYED));
        self.count(len);
        self.words.len() - 1
    }

    /// Overwrites the count at `at` (from [`Answer::keyed_object`]).
    pub fn set_count(&mut self, at: usize, n: usize) {
        if let Some(w) = self.words.get_mut(at) {
            *w = u32::try_from(n).unwrap_or(u32::MAX);
        }
    }

    /// A key of a [`Answer::keyed_object`], by its index in the table.
    pub fn key(&mut self, index: u32) {
        self.words.push(index);
    }

    /// An array of `len` values follows.
    pub fn array(&mut self, len: usize) {
        self.words.push(u32::from(tag::ARRAY));
        self.count(len);
    }

    /// Any JSON value.
    pub fn value(&mut self, v: &Value) {
        match v {
            Value::Null => self.words.push(u32::from(tag::NULL)),
            Value::Bool(b) => self
                .words
                .push(u32::from(if *b { tag::TRUE } else { tag::FALSE })),
            Value::Number(n) => self.number(n),
            Value::String(s) => self.string(s),
            Value::Array(items) => {
                self.array(items.len());
                for item in items {
                    self.value(item);
                }
            }
            Value::Object(map) => {
                self.object(map.len());
                for (k, item) in map {
                    self.str(k);
                    self.value(item);
                }
            }
        }
    }
}

/// Reads an answer back as the glue does, cutting strings by UTF-16
/// lengths (for the tests that compare it with the JSON it replaces).
#[cfg(test)]
pub(crate) struct Reader {
    words: std::vec::IntoIter<u32>,
    units: Vec<u16>,
    at: usize,
    keys: &'static [&'static str],
}

#[cfg(test)]
impl Reader {
    /// A reader at the start of `answer`, whose keyed objects name their
    /// keys in `keys`.
    pub fn new(answer: &Answer, keys: &'static [&'static str]) -> Reader {
        let text = std::str::from_utf8(&answer.text).unwrap();
        Reader {
            words: answer.words.clone().into_iter(),
            units: text.encode_utf16().collect(),
            at: 0,
            keys,
        }
    }

    /// The next word.
    pub fn count(&mut self) -> usize {
        self.words.next().unwrap() as usize
    }

    /// The next untagged string.
    pub fn str(&mut self) -> String {
        let n = self.count();
        let s = String::from_utf16(&self.units[self.at..self.at + n]).unwrap();
        self.at += n;
        s
    }

    /// The next value.
    pub fn value(&mut self) -> Value {
        match u8::try_from(self.count()).unwrap() {
            tag::NULL => Value::Null,
            tag::FALSE => Value::Bool(false),
            tag::TRUE => Value::Bool(true),
            tag::STRING => Value::String(self.str()),
            tag::NUMBER => serde_json::from_str(&self.str()).unwrap(),
            tag::ARRAY => (0..self.count()).map(|_| self.value()).collect(),
            tag::OBJECT => {
                let n = self.count();
                let mut m = serde_json::Map::new();
                for _ in 0..n {
                    let k = self.str();
                    m.insert(k, self.value());
                }
                Value::Object(m)
            }
            tag::KEYED => {
                let n = self.count();
                let mut m = serde_json::Map::new();
                for _ in 0..n {
                    let k = self.keys[self.count()].to_owned();
                    m.insert(k, self.value());
                }
                Value::Object(m)
            }
            t => panic!("tag {t}"),
        }
    }

    /// Whether every word and every character was read.
    pub fn is_done(&mut self) -> bool {
        self.words.next().is_none() && self.at == self.units.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Values read back whole: strings of every width, numbers of every
    /// kind, nesting, and objects in their order.
    #[test]
    fn values_read_back() {
        let v = json!({
            "s": ["", "a", "张三", "😀x😀", "\"\\\n\u{1}\u{2028}", "é"],
            "n": [0, -1, i64::MIN, u64::MAX, 1.5, 1e300, -0.0],
            "z": {"b": null, "a": [true, false, {}]},
            "m": [1, "张", -2.5, "😀x", "ascii", 3],
        });
        let mut answer = Answer::default();
        answer.value(&v);
        answer.finish();
        let mut r = Reader::new(&answer, &[]);
        assert_eq!(r.value().to_string(), v.to_string());
        assert!(r.is_done());
    }

    /// A keyed object reads back with the table's keys, in the order written.
    #[test]
    fn keyed_objects_read_back() {
        let mut answer = Answer::default();
        answer.keyed_object(2);
        answer.key(1);
        answer.string("x");
        answer.key(0);
        answer.keyed_object(0);
        answer.finish();
        let mut r = Reader::new(&answer, &["a", "b"]);
        assert_eq!(r.value().to_string(), r#"{"b":"x","a":{}}"#);
        assert!(r.is_done());
    }
}
