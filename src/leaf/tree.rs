//! The input as the engine reads it: a borrowed, vector-backed JSON tree.
//!
//! Parsing into `serde_json::Value` cost more than all the rules together
//! (callgrind, Ekuaibao doc example: 37k of 59k instructions per validate
//! went to the IndexMap inserts with SipHash, one allocation per string and
//! key, and freeing it all). A [`Json`] borrows every string and key that
//! holds no escape from the caller's text, keeps object entries in a
//! vector in the caller's order, and is filled by serde_json's own tested
//! parser through [`Deserialize`].
//!
//! Duplicate keys keep the first key's place and the last value, as
//! `serde_json::Value` with `preserve_order` does, so reports and built
//! bodies are the same whichever way the input came in.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::de::{Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Number;

/// A JSON value borrowing its strings from the text it was parsed from.
#[derive(Debug, Clone, PartialEq)]
pub enum Json<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as serde_json reads it.
    Number(Number),
    /// A string.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object, in the caller's key order.
    Object(Obj<'a>),
}

/// The entries of an object, in the caller's key order, keys distinct.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Obj<'a> {
    entries: Vec<(Cow<'a, str>, Json<'a>)>,
}

/// Objects up to this size find a key by a scan; larger ones (never a
/// documented shape) by a table, so a huge object stays linear to parse.
const SCAN: usize = 32;

impl<'a> Obj<'a> {
    /// An empty object.
    pub fn new() -> Self {
        Obj {
            entries: Vec::new(),
        }
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there is no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The value under `key`.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.entries
            .iter()
            .find(|(k, _)| same_key(k, key))
            .map(|(_, v)| v)
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The entries, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Json<'a>)> + '_ {
        self.entries.iter().map(|(k, v)| (k.as_ref(), v))
    }

    /// The entries, in order, values writable (`redact` masks them in place).
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&str, &mut Json<'a>)> + '_ {
        self.entries.iter_mut().map(|(k, v)| (&**k, v))
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> + '_ {
        self.entries.iter().map(|(k, _)| k.as_ref())
    }

    /// The values, in order.
    pub fn values(&self) -> impl Iterator<Item = &Json<'a>> + '_ {
        self.entries.iter().map(|(_, v)| v)
    }

    /// The position of `key` among the entries.
    pub fn position(&self, key: &str) -> Option<usize> {
        self.entries.iter().position(|(k, _)| k.as_ref() == key)
    }

    /// Adds an entry, or replaces the value of an existing key in place.
    /// `index` is the table of a large object being filled (see [`SCAN`]).
    fn insert(&mut self, key: Cow<'a, str>, value: Json<'a>, index: &mut HashMap<String, usize>) {
        let found = if self.entries.len() < SCAN {
            self.position(&key)
        } else {
            if index.is_empty() {
                index.extend(
                    self.entries
                        .iter()
                        .enumerate()
                        .map(|(i, (k, _))| (k.to_string(), i)),
                );
            }
            index.get(key.as_ref()).copied()
        };
        match found.and_then(|i| self.entries.get_mut(i)) {
            Some(slot) => slot.1 = value,
            None => {
                if !index.is_empty() {
                    index.insert(key.to_string(), self.entries.len());
                }
                self.entries.push((key, value));
            }
        }
    }
}

impl<'a> Json<'a> {
    /// Whether the value is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// The string, if the value is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The integer, if the value is a number that fits an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Number(n) => n.as_i64(),
            _ => None,
        }
    }

    /// The items, if the value is an array.
    pub fn as_array(&self) -> Option<&[Json<'a>]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The entries, if the value is an object.
    pub fn as_object(&self) -> Option<&Obj<'a>> {
        match self {
            Json::Object(map) => Some(map),
            _ => None,
        }
    }

    /// Parses JSON text with serde_json's parser (its nesting limit
    /// included), borrowing what it can from `text`.
    pub fn parse(text: &'a str) -> Result<Json<'a>, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// A view of a `serde_json::Value`, borrowing its strings. Nodes deeper
    /// than `cap` levels below `level` become `null`: nothing reads that deep
    /// (see `limits::clone_capped`), and the copy's recursion stays bounded.
    pub fn view(v: &'a serde_json::Value, level: usize, cap: usize) -> Json<'a> {
        use serde_json::Value;
        if level > cap {
            return Json::Null;
        }
        match v {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number(n.clone()),
            Value::String(s) => Json::String(Cow::Borrowed(s)),
            Value::Array(items) => Json::Array(
                items
                    .iter()
                    .map(|i| Json::view(i, level + 1, cap))
                    .collect(),
            ),
            Value::Object(map) => Json::Object(Obj {
                entries: map
                    .iter()
                    .map(|(k, i)| (Cow::Borrowed(k.as_str()), Json::view(i, level + 1, cap)))
                    .collect(),
            }),
        }
    }

    /// A `serde_json::Value` copy.
    pub fn to_value(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => Value::Number(n.clone()),
            Json::String(s) => Value::String(s.to_string()),
            Json::Array(items) => Value::Array(items.iter().map(Json::to_value).collect()),
            Json::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| (k.to_owned(), v.to_value()))
                    .collect(),
            ),
        }
    }

    /// Writes the value as compact JSON, byte for byte what serde_json
    /// writes for the same `Value`.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        match self {
            Json::Null => out.extend_from_slice(b"null"),
            Json::Bool(true) => out.extend_from_slice(b"true"),
            Json::Bool(false) => out.extend_from_slice(b"false"),
            Json::Number(n) => write_number(out, n),
            Json::String(s) => write_str(out, s),
            Json::Array(items) => write_array(out, items.iter(), Json::write_json),
            Json::Object(map) => write_object(out, map.iter(), Json::write_json),
        }
    }

    /// The value as compact JSON text.
    pub fn to_json(&self) -> String {
        json_text(64, |out| self.write_json(out))
    }
}

/// `a == b`, without comparing bytes when both are the same string in
/// memory: a key read from the tape's known keys is the field table's own.
#[inline]
pub fn same_key(a: &str, b: &str) -> bool {
    a.len() == b.len() && (a.as_ptr() == b.as_ptr() || a.as_bytes() == b.as_bytes())
}

/// Why a tape could not be read (see [`Json::from_tape`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TapeError;

/// Tags of the tape the JS glue writes (see [`Json::from_tape`]), and of
/// the answer tape it reads (`leaf::answer`).
pub(crate) mod tag {
    pub const NULL: u8 = 0;
    pub const FALSE: u8 = 1;
    pub const TRUE: u8 = 2;
    pub const INT: u8 = 3;
    pub const STRING: u8 = 4;
    pub const ARRAY: u8 = 5;
    pub const OBJECT: u8 = 6;
    /// Answer tape only: a number, as its JSON text.
    pub const NUMBER: u8 = 7;
    /// Answer tape only: an object whose keys are indexes into a table the
    /// glue reads once (a `params` object's, `report::params::KEYS`).
    pub const KEYED: u8 = 8;
}

/// Deepest nesting a tape may hold: the glue sends deeper values the slow
/// way, and a recursion bound keeps a bad tape from exhausting the stack.
const TAPE_DEPTH: usize = 128;

struct Tape<'a> {
    bytes: &'a [u8],
    at: usize,
    /// The strings, in the order the structure names them.
    pool: &'a str,
    /// The keys a key's word can name by index (see [`Json::from_tape_with`]).
    known: &'a [&'static str],
}

/// In a key's length word, this bit says that the rest is an index into
/// the known keys instead (a JS string's length is far below 2^31).
pub const KNOWN_KEY: usize = 1 << 31;

impl<'a> Tape<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], TapeError> {
        let end = self.at.checked_add(n).ok_or(TapeError)?;
        let out = self.bytes.get(self.at..end).ok_or(TapeError)?;
        self.at = end;
        Ok(out)
    }

    fn byte(&mut self) -> Result<u8, TapeError> {
        Ok(*self.take(1)?.first().ok_or(TapeError)?)
    }

    fn u32(&mut self) -> Result<usize, TapeError> {
        let b: [u8; 4] = self.take(4)?.try_into().map_err(|_| TapeError)?;
        Ok(u32::from_le_bytes(b) as usize)
    }

    /// The next string of the pool: `u32` UTF-16 units long, as JS counts.
    fn text(&mut self) -> Result<&'a str, TapeError> {
        let units = self.u32()?;
        self.text_of(units)
    }

    /// An object's key: a known key by index, or the next string of the pool.
    fn key(&mut self) -> Result<&'a str, TapeError> {
        let word = self.u32()?;
        if word & KNOWN_KEY == 0 {
            return self.text_of(word);
        }
        self.known.get(word & !KNOWN_KEY).copied().ok_or(TapeError)
    }

    /// The next `units` UTF-16 units of the pool.
    fn text_of(&mut self, units: usize) -> Result<&'a str, TapeError> {
        let bytes = self.pool.as_bytes();
        // ASCII (most keys and values): a unit is a byte. (`<[u8]>::is_ascii`
        // reads a word at a time.)
        let ascii = bytes.get(..units).is_some_and(<[u8]>::is_ascii);
        let end = if ascii {
            units
        } else {
            let mut left = units;
            let mut end = 0;
            for c in self.pool.chars() {
                if left == 0 {
                    break;
                }
                left = left.checked_sub(c.len_utf16()).ok_or(TapeError)?;
                end += c.len_utf8();
            }
            if left > 0 {
                return Err(TapeError);
            }
            end
        };
        let (head, rest) = (self.pool.get(..end), self.pool.get(end..));
        self.pool = rest.ok_or(TapeError)?;
        head.ok_or(TapeError)
    }

    fn value(&mut self, depth: usize) -> Result<Json<'a>, TapeError> {
        if depth > TAPE_DEPTH {
            return Err(TapeError);
        }
        Ok(match self.byte()? {
            tag::NULL => Json::Null,
            tag::FALSE => Json::Bool(false),
            tag::TRUE => Json::Bool(true),
            tag::INT => {
                let b: [u8; 8] = self.take(8)?.try_into().map_err(|_| TapeError)?;
                let n = f64::from_le_bytes(b);
                // Only safe integers are written; anything else is a bad tape.
                if n.fract() != 0.0 || n.abs() > 9_007_199_254_740_991.0 {
                    return Err(TapeError);
                }
                Json::Number((n as i64).into())
            }
            tag::STRING => Json::String(Cow::Borrowed(self.text()?)),
            tag::ARRAY => {
                let n = self.u32()?;
                // Every item takes at least a byte: a count past the rest is a lie.
                let mut items = Vec::with_capacity(n.min(self.left()));
                for _ in 0..n {
                    items.push(self.value(depth + 1)?);
                }
                Json::Array(items)
            }
            tag::OBJECT => {
                let n = self.u32()?;
                let mut entries = Vec::with_capacity(n.min(self.left()));
                // The glue writes Object.keys of one object, which are
                // distinct: no search for an earlier entry of the key (which
                // was ~4 % of a validate through the package, --cpu-prof).
                // A tape that repeated a key anyway would only make the
                // first entry win in lookups.
                for _ in 0..n {
                    let key = self.key()?;
                    let value = self.value(depth + 1)?;
                    entries.push((Cow::Borrowed(key), value));
                }
                Json::Object(Obj { entries })
            }
            _ => return Err(TapeError),
        })
    }

    fn left(&self) -> usize {
        self.bytes.len().saturating_sub(self.at)
    }
}

impl<'a> Json<'a> {
    /// Reads the tape the JS glue writes instead of JSON text, so that no
    /// JSON is written in JS or parsed here. A tape is a `u32` (little
    /// endian) byte length of its structure, the structure, then the UTF-8
    /// of all its strings in order. The structure has a tag byte per value;
    /// `INT` is followed by an f64 holding a safe integer, `STRING` by its
    /// length in UTF-16 units, `ARRAY` by a `u32` count and the items,
    /// `OBJECT` by a `u32` count and, per entry, the key's length in UTF-16
    /// units and the value. Returns the value and the bytes the tape took.
    pub fn from_tape(bytes: &'a [u8]) -> Result<(Json<'a>, usize), TapeError> {
        Json::from_tape_with(bytes, &[])
    }

    /// [`Json::from_tape`], where a key's word may instead be
    /// [`KNOWN_KEY`] plus an index into `known`: the glue sends the keys the
    /// rules name that way, so that they are neither joined, encoded nor
    /// cut out of the pool (a valid validate runs ~10 % fewer
    /// instructions, BENCHMARKS.md).
    pub fn from_tape_with(
        bytes: &'a [u8],
        known: &'a [&'static str],
    ) -> Result<(Json<'a>, usize), TapeError> {
        let head: [u8; 4] = bytes
            .get(..4)
            .ok_or(TapeError)?
            .try_into()
            .map_err(|_| TapeError)?;
        let len = u32::from_le_bytes(head) as usize;
        let structure = bytes
            .get(4..len.checked_add(4).ok_or(TapeError)?)
            .ok_or(TapeError)?;
        let pool =
            std::str::from_utf8(bytes.get(len + 4..).unwrap_or_default()).map_err(|_| TapeError)?;
        let mut tape = Tape {
            bytes: structure,
            at: 0,
            pool,
            known,
        };
        let v = tape.value(0)?;
        if tape.at != structure.len() {
            return Err(TapeError);
        }
        Ok((v, bytes.len() - tape.pool.len()))
    }
}

/// Writes a number as serde_json does: integers by hand, floats through
/// `Number`'s `Display` (serde_json's own float printer, which the wasm
/// links anyway), so that serde_json's serialiser is not linked at all.
pub fn write_number(out: &mut Vec<u8>, n: &Number) {
    if let Some(u) = n.as_u64() {
        write_digits(out, u, false);
    } else if let Some(i) = n.as_i64() {
        write_digits(out, i.unsigned_abs(), i < 0);
    } else {
        let mut text = String::new();
        // Formatting into a String cannot fail.
        let _ = std::fmt::Write::write_fmt(&mut text, format_args!("{n}"));
        out.extend_from_slice(text.as_bytes());
    }
}

/// Writes `u` in decimal.
pub fn write_u64(out: &mut Vec<u8>, u: u64) {
    write_digits(out, u, false);
}

/// The length of `s` in UTF-16 code units, as JS's `length` counts it:
/// one per character, two for a character outside the BMP (a UTF-8
/// sequence of four bytes): a unit for each byte that does not continue a
/// character (not `10xxxxxx`), and one more for each four-byte lead
/// (`11110xxx`). A byte loop: an eight-bytes-at-a-time count made the
/// browser build 120 B gzip larger, to save a few instructions a byte on
/// ~300-byte bodies (under 1 % of a buildMany record, estimated). An ASCII
/// string (an English report's every string) is its byte length, and
/// `is_ascii` checks a word at a time.
pub fn utf16_len(s: &str) -> usize {
    utf16_units(s.as_bytes())
}

/// [`utf16_len`] of the UTF-8 of whole characters.
pub fn utf16_units(bytes: &[u8]) -> usize {
    if bytes.is_ascii() {
        return bytes.len();
    }
    bytes
        .iter()
        .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum()
}

/// Writes `u` in decimal, after a `-` when `negative`.
fn write_digits(out: &mut Vec<u8>, mut u: u64, negative: bool) {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        if let Some(d) = buf.get_mut(at) {
            *d = b'0' + (u % 10) as u8;
        }
        u /= 10;
        if u == 0 || at == 0 {
            break;
        }
    }
    if negative {
        out.push(b'-');
    }
    out.extend_from_slice(buf.get(at..).unwrap_or_default());
}

/// Writes `[a,b,…]`: each item by `write`. The one array writer of
/// [`Json`] and of the request body the engine builds (`model::sent`).
pub fn write_array<T>(
    out: &mut Vec<u8>,
    items: impl Iterator<Item = T>,
    mut write: impl FnMut(T, &mut Vec<u8>),
) {
    out.push(b'[');
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write(item, out);
    }
    out.push(b']');
}

/// Writes `{"k":v,…}`: each key as a JSON string, each value by `write`.
pub fn write_object<'k, T>(
    out: &mut Vec<u8>,
    entries: impl Iterator<Item = (&'k str, T)>,
    mut write: impl FnMut(T, &mut Vec<u8>),
) {
    out.push(b'{');
    for (i, (k, v)) in entries.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write_str(out, k);
        out.push(b':');
        write(v, out);
    }
    out.push(b'}');
}

/// The text `write` writes, into a buffer of `capacity` bytes to start.
pub fn json_text(capacity: usize, write: impl FnOnce(&mut Vec<u8>)) -> String {
    let mut out = Vec::with_capacity(capacity);
    write(&mut out);
    // Only JSON text (valid UTF-8) was written.
    String::from_utf8(out).unwrap_or_default()
}

/// Writes a JSON string literal with serde_json's escaping.
pub fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // Runs without an escape are copied whole: reports hold long messages
    // with a few quotes, and a request body inside a batch result is one
    // long string with many. serde_json escapes `"`, `\` and control
    // characters only.
    let mut run = 0;
    while let Some(i) = next_escape(bytes, run) {
        let Some(&c) = bytes.get(i) else {
            break;
        };
        out.extend_from_slice(bytes.get(run..i).unwrap_or_default());
        match c {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            _ => {
                let hex = |d: u8| if d < 10 { b'0' + d } else { b'a' + d - 10 };
                out.extend_from_slice(&[b'\\', b'u', b'0', b'0', hex(c >> 4), hex(c & 0xf)]);
            }
        }
        run = i + 1;
    }
    out.extend_from_slice(bytes.get(run..).unwrap_or_default());
    out.push(b'"');
}

/// The first byte at or after `from` that JSON escapes (`"`, `\`, below
/// 0x20). Eight bytes at a time: the byte loop was 7 % of a validate with
/// six errors through the package (`--cpu-prof`), most of it on messages
/// with nothing to escape.
pub fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let rest = bytes.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    let mut base = from;
    for chunk in &mut chunks {
        let Ok(eight) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let w = u64::from_le_bytes(eight);
        // A zero byte in w ^ b…b marks a byte equal to b; w - 0x20…20
        // borrows into the high bit of a byte below 0x20 (for bytes
        // without their own high bit, hence the `!w`).
        let eq = |b: u8| {
            let x = w ^ (ONES * u64::from(b));
            x.wrapping_sub(ONES) & !x & HIGHS
        };
        let below = w.wrapping_sub(ONES * 0x20) & !w & HIGHS;
        if eq(b'"') | eq(b'\\') | below != 0 {
            break;
        }
        base += 8;
    }
    // The chunk that stopped the scan (or the tail) is searched a byte at a time.
    bytes
        .get(base..)?
        .iter()
        .position(|&b| b < 0x20 || b == b'"' || b == b'\\')
        .map(|i| base + i)
}

/// The JSON type name of a value, as used in `type` issues.
pub fn type_name(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "boolean",
        Json::Number(n) if n.is_f64() => "number",
        Json::Number(_) => "integer",
        Json::String(_) => "string",
        Json::Array(_) => "array",
        Json::Object(_) => "object",
    }
}

impl<'de> Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TreeVisitor)
    }
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Json<'de>, E> {
        Ok(Json::Number(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Json<'de>, E> {
        Ok(Json::Number(n.into()))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Json<'de>, E> {
        // As serde_json's Value: a float JSON cannot hold becomes null.
        Ok(Number::from_f64(n).map_or(Json::Null, Json::Number))
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Borrowed(s)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E>(self, s: String) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Owned(s)))
    }

    fn visit_unit<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }

    fn visit_none<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        // serde_json gives no size hint: a small start saves the 1-2-4 regrowth.
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(4).min(16));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        let mut obj = Obj {
            entries: Vec::with_capacity(map.size_hint().unwrap_or(8).min(16)),
        };
        let mut index = HashMap::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let value = map.next_value()?;
            obj.insert(key, value, &mut index);
        }
        Ok(Json::Object(obj))
    }
}

/// Reads an object key, borrowed when it holds no escape.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(s))
    }

    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same text gives the same tree as serde_json's Value (with
    /// `preserve_order`), duplicate keys and escapes included, and writes
    /// back byte for byte as serde_json does.
    #[test]
    fn escapes_random_strings_as_serde_json() {
        let alphabet = [
            "a", "\"", "\\", "\n", "\u{1f}", "\u{7f}", "é", "张", "😀", " ", "/",
        ];
        let texts =
            crate::leaf::testing::random_strings(0x2545_f491_4f6c_dd1d, &alphabet, 40, 20_000);
        for text in texts {
            let mut out = Vec::new();
            write_str(&mut out, &text);
            assert_eq!(out, serde_json::to_vec(&text).unwrap(), "{text:?}");
        }
    }

    #[test]
    fn writes_strings_and_numbers_as_serde_json() {
        let mut s: String = (0u8..0x80).map(char::from).collect();
        s.push_str("é\u{2028}😀");
        for text in [s.as_str(), "\"", "a\\b", ""] {
            let mut out = Vec::new();
            write_str(&mut out, text);
            assert_eq!(out, serde_json::to_vec(text).unwrap());
        }
        let numbers = [
            "0",
            "-0",
            "1",
            "-1",
            "9",
            "10",
            "-10",
            "4294967296",
            "18446744073709551615",
            "-9223372036854775808",
            "9223372036854775807",
            "1.5",
            "-2.5e-7",
            "1e300",
            "0.1",
            "123456789.125",
            "-0.0",
        ];
        for text in numbers {
            let n: Number = serde_json::from_str(text).unwrap();
            let mut out = Vec::new();
            write_number(&mut out, &n);
            assert_eq!(out, serde_json::to_vec(&n).unwrap(), "{text}");
        }
    }

    #[test]
    fn agrees_with_serde_json() {
        let mut big = String::from("{");
        for i in 0..100 {
            big.push_str(&format!("\"k{}\":{},", i % 70, i));
        }
        big.push_str("\"end\":true}");
        let texts = [
            r#"{"a":1,"b":[true,null,-0,2.5e3,"x\"y\u0001é"],"a":{"c~/":"\ud83d\ude00"}}"#,
            r#"[1e300, 18446744073709551615, -9223372036854775808, 0.1]"#,
            r#"{"z":1,"y":2,"z":3}"#,
            &big,
        ];
        for text in texts {
            let tree = Json::parse(text).unwrap();
            let value: serde_json::Value = serde_json::from_str(text).unwrap();
            assert_eq!(tree.to_value(), value, "{text}");
            assert_eq!(tree.to_json(), serde_json::to_string(&value).unwrap());
            assert_eq!(Json::view(&value, 0, 100), tree);
        }
    }

    /// A tape reads back as the tree it describes; a damaged one is an
    /// error, never a panic.
    #[test]
    fn reads_tapes() {
        fn text(t: &mut Vec<u8>, pool: &mut String, s: &str) {
            t.extend_from_slice(&(s.encode_utf16().count() as u32).to_le_bytes());
            pool.push_str(s);
        }
        let (mut t, mut pool) = (vec![tag::OBJECT], String::new());
        t.extend_from_slice(&3u32.to_le_bytes());
        text(&mut t, &mut pool, "a");
        t.push(tag::ARRAY);
        t.extend_from_slice(&3u32.to_le_bytes());
        t.push(tag::INT);
        t.extend_from_slice(&(-7f64).to_le_bytes());
        t.extend_from_slice(&[tag::NULL, tag::TRUE]);
        text(&mut t, &mut pool, "名😀");
        t.push(tag::STRING);
        text(&mut t, &mut pool, "赵\"");
        text(&mut t, &mut pool, "b");
        t.push(tag::FALSE);
        let mut tape = (t.len() as u32).to_le_bytes().to_vec();
        tape.extend_from_slice(&t);
        tape.extend_from_slice(pool.as_bytes());
        let (v, used) = Json::from_tape(&tape).unwrap();
        assert_eq!(used, tape.len());
        assert_eq!(
            v.to_json(),
            r#"{"a":[-7,null,true],"名😀":"赵\"","b":false}"#
        );
        for cut in 0..tape.len() {
            assert!(Json::from_tape(&tape[..cut]).is_err() || cut > t.len() + 4);
        }
        let mut bad = tape.clone();
        bad[5] = 0xff;
        assert!(Json::from_tape(&bad).is_err());
        let mut frac = 9u32.to_le_bytes().to_vec();
        frac.push(tag::INT);
        frac.extend_from_slice(&0.5f64.to_le_bytes());
        assert!(Json::from_tape(&frac).is_err());
        let deep = [tag::ARRAY, 1, 0, 0, 0].repeat(200);
        let mut tape = (deep.len() as u32).to_le_bytes().to_vec();
        tape.extend_from_slice(&deep);
        assert!(Json::from_tape(&tape).is_err());
        // A string length that splits a surrogate pair is an error.
        let mut t = vec![tag::STRING];
        t.extend_from_slice(&1u32.to_le_bytes());
        let mut tape = (t.len() as u32).to_le_bytes().to_vec();
        tape.extend_from_slice(&t);
        tape.extend_from_slice("😀".as_bytes());
        assert!(Json::from_tape(&tape).is_err());
    }

    /// A key's word with [`KNOWN_KEY`] set names a key of the table by
    /// index, among keys sent as text; an index past the table is an error.
    #[test]
    fn reads_known_keys() {
        let known = ["departments", "name"];
        let word = |w: usize| (w as u32).to_le_bytes();
        let mut t = vec![tag::OBJECT];
        t.extend_from_slice(&3u32.to_le_bytes());
        t.extend_from_slice(&word(KNOWN_KEY | 1));
        t.push(tag::STRING);
        t.extend_from_slice(&word(2));
        t.extend_from_slice(&word(2));
        t.push(tag::TRUE);
        t.extend_from_slice(&word(KNOWN_KEY));
        t.push(tag::NULL);
        let tape = |t: &[u8]| {
            let mut tape = (t.len() as u32).to_le_bytes().to_vec();
            tape.extend_from_slice(t);
            tape.extend_from_slice("赵六新键".as_bytes());
            tape
        };
        let good = tape(&t);
        let (v, used) = Json::from_tape_with(&good, &known).unwrap();
        assert_eq!(used, good.len());
        assert_eq!(
            v.to_json(),
            r#"{"name":"赵六","新键":true,"departments":null}"#
        );
        // Without the table, or with an index past it, the tape is damaged.
        assert!(Json::from_tape(&good).is_err());
        let mut past = t.clone();
        past.splice(5..9, word(KNOWN_KEY | 2));
        assert!(Json::from_tape_with(&tape(&past), &known).is_err());
    }

    #[test]
    fn borrows_plain_strings() {
        let tree = Json::parse(r#"{"name":"赵六","esc":"a\nb"}"#).unwrap();
        let obj = tree.as_object().unwrap();
        assert!(matches!(
            obj.get("name"),
            Some(Json::String(Cow::Borrowed(_)))
        ));
        assert!(matches!(obj.get("esc"), Some(Json::String(Cow::Owned(_)))));
    }
}
