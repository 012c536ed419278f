//! RFC 6901 JSON Pointers: building them while walking, and reading them back.

use std::borrow::Cow;
use std::collections::HashMap;

use serde_json::Value;

use crate::leaf::tree::{Json, Obj};

/// Appends `/segment` to `path`, escaping `~` and `/` as RFC 6901 requires.
pub fn push(path: &mut String, segment: &str) {
    path.push('/');
    if needs_escape(segment.as_bytes()) {
        for c in segment.chars() {
            match c {
                '~' => path.push_str("~0"),
                '/' => path.push_str("~1"),
                c => path.push(c),
            }
        }
    } else {
        path.push_str(segment);
    }
}

/// Whether `s` holds a `~` or a `/`. Eight bytes at a time: this runs
/// once per key walked, and a byte loop was most of [`push`]'s ~115
/// instructions per call (callgrind, Ekuaibao doc validate).
fn needs_escape(s: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Whether any byte of `w` is `b` (the exact "has a zero byte" test on `w ^ b…b`).
    let has = |w: u64, b: u8| {
        let x = w ^ (ONES * u64::from(b));
        x.wrapping_sub(ONES) & !x & HIGHS != 0
    };
    let mut chunks = s.chunks_exact(8);
    for chunk in &mut chunks {
        let Ok(bytes) = <[u8; 8]>::try_from(chunk) else {
            continue;
        };
        let w = u64::from_le_bytes(bytes);
        if has(w, b'~') || has(w, b'/') {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| b == b'~' || b == b'/')
}

/// Appends an array index.
pub fn push_index(path: &mut String, index: usize) {
    // By hand, not write!: once per array item on every run.
    path.push('/');
    let mut digits = [0u8; 20];
    let mut n = index;
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        path.push(char::from(d));
    }
}

/// `base` + `/segment`, as a new string.
pub fn join(base: &str, segment: &str) -> String {
    let mut p = base.to_owned();
    push(&mut p, segment);
    p
}

/// `base` + `/index`, as a new string.
pub fn join_index(base: &str, index: usize) -> String {
    let mut p = base.to_owned();
    push_index(&mut p, index);
    p
}

/// Whether `path` equals `prefix` or lies below it (segment-wise, so
/// `/body/name2` is not below `/body/name`).
pub fn is_at_or_below(path: &str, prefix: &str) -> bool {
    match path.strip_prefix(prefix) {
        Some(rest) => rest.is_empty() || rest.starts_with('/'),
        None => false,
    }
}

/// Splits a pointer into unescaped segments. `None` if it is not a pointer
/// (non-empty and not starting with `/`).
pub fn segments(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    Some(rest.split('/').map(|s| unescape(s).into_owned()).collect())
}

/// Whether a segment is an array index.
pub(crate) fn is_index(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A short readable name for the field at `pointer`, used in messages:
/// the last key, or, below an array, the path from the outermost array on
/// so that items of nested lists can be told apart
/// (`/body/departments/2` → `departments[2]`,
/// `/body/param/groups/0/sections/1/old_index` → `groups[0].sections[1].old_index`).
pub fn field_name(pointer: &str) -> Cow<'_, str> {
    let Some(rest) = pointer.strip_prefix('/') else {
        return Cow::Borrowed("input");
    };
    // This runs once per rendered message. Without a `/` before a digit no
    // segment past the first is an index, so the name is the last key,
    // found without the segment walk of `list_name` (~9 % of a validate
    // with ten errors, natively).
    let mut prev = 0;
    for &b in rest.as_bytes() {
        if prev == b'/' && b.is_ascii_digit() {
            return list_name(rest);
        }
        prev = b;
    }
    unescape(last_segment(rest))
}

/// [`field_name`] of a pointer (without its leading `/`) that may pass
/// through a list.
fn list_name(rest: &str) -> Cow<'_, str> {
    // One pass over the borrowed segments, no list of them.
    let mut list_start = None;
    let mut prev: Option<(usize, &str)> = None;
    let mut offset = 0;
    let mut last = "";
    for seg in split_slash(rest) {
        if let (None, Some((at, key))) = (list_start, prev) {
            if !is_index(key) && is_index(seg) {
                list_start = Some(at);
            }
        }
        prev = Some((offset, seg));
        last = seg;
        offset += seg.len() + 1;
    }
    let Some(start) = list_start else {
        return unescape(last);
    };
    let mut out = String::with_capacity(rest.len() + 4);
    for seg in split_slash(rest.get(start..).unwrap_or("")) {
        if is_index(seg) {
            out.push('[');
            out.push_str(seg);
            out.push(']');
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            push_unescaped(&mut out, seg);
        }
    }
    Cow::Owned(out)
}

/// `s` split at every `/`, exactly as `s.split('/')`, by a byte scan:
/// `split('/')` set up a char searcher per call, and messages split
/// their pointers several times each (callgrind: ~6k instructions per
/// Ekuaibao bad-input validate).
pub(crate) fn split_slash(s: &str) -> impl Iterator<Item = &str> + Clone {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == b'/') {
            Some(i) => {
                rest = r.get(i + 1..);
                r.get(..i)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// The last segment of a pointer (all of it when it has no `/`), escaped.
pub(crate) fn last_segment(pointer: &str) -> &str {
    match pointer.bytes().rposition(|b| b == b'/') {
        Some(i) => pointer.get(i + 1..).unwrap_or(""),
        None => pointer,
    }
}

/// Appends an escaped pointer segment, unescaped (`~1` → `/`, `~0` → `~`).
fn push_unescaped(out: &mut String, seg: &str) {
    out.push_str(&unescape(seg));
}

#[cfg(test)]
/// Orders two pointers by where they lead in `input`: parents before
/// children, array items by index, object keys by their position in the
/// caller's object (keys absent from the input after present ones).
pub fn cmp_in_document(input: &Json, a: &str, b: &str) -> std::cmp::Ordering {
    let mut order = DocumentOrder::new(input);
    order.rank(a).cmp(&order.rank(b))
}

/// Ranks pointers by where they lead in one input, for sorting many of
/// them: each object's key positions are tabled once (the first time a
/// pointer passes through it), so ranking costs the pointer's length plus,
/// once per object, that object's size.
#[derive(Debug)]
pub struct DocumentOrder<'a> {
    input: &'a Json<'a>,
    /// Key positions per object, by the object's address.
    tables: HashMap<usize, HashMap<&'a str, usize>>,
}

impl<'a> DocumentOrder<'a> {
    /// An order over `input`.
    pub fn new(input: &'a Json<'a>) -> Self {
        DocumentOrder {
            input,
            tables: HashMap::new(),
        }
    }

    /// The sort key of `pointer`: one position per segment, `usize::MAX`
    /// (and nothing after it) where the pointer leaves the input. Comparing
    /// keys orders parents before children; pointers that leave the input
    /// at the same place compare equal, so a stable sort keeps their order.
    pub fn rank(&mut self, pointer: &str) -> Vec<usize> {
        let Some(rest) = pointer.strip_prefix('/') else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(8);
        let mut node = Some(self.input);
        for raw in split_slash(rest) {
            let seg = unescape(raw);
            let (pos, next) = match node {
                Some(Json::Array(items)) => match seg.parse::<usize>() {
                    Ok(i) if i < items.len() => (i, items.get(i)),
                    Ok(i) => (i, None),
                    Err(_) => (usize::MAX, None),
                },
                // Small objects (all the documented ones) are scanned; a
                // table is built once per large object, so that a thousand
                // issues in a huge object do not each scan it.
                Some(Json::Object(map)) if map.len() <= SMALL_OBJECT => map
                    .iter()
                    .enumerate()
                    .find(|(_, (k, _))| *k == &*seg)
                    .map_or((usize::MAX, None), |(i, (_, v))| (i, Some(v))),
                Some(Json::Object(map)) => {
                    let table = self
                        .tables
                        .entry(map as *const Obj as usize)
                        .or_insert_with(|| map.keys().enumerate().map(|(i, k)| (k, i)).collect());
                    match table.get(&*seg) {
                        Some(&i) => (i, map.get(&seg)),
                        None => (usize::MAX, None),
                    }
                }
                _ => (usize::MAX, None),
            };
            out.push(pos);
            if next.is_none() {
                break;
            }
            node = next;
        }
        out
    }
}

/// The value at `pointer` inside `root`, as `Value::pointer` finds it, but
/// without allocating: segments are borrowed (unescaped only when they
/// hold `~`) and small objects are scanned instead of hashed. Cross-field
/// rules look values up this way on every run.
pub fn get<'a>(root: &'a Value, pointer: &str) -> Option<&'a Value> {
    if pointer.is_empty() {
        return Some(root);
    }
    let rest = pointer.strip_prefix('/')?;
    let mut node = root;
    for raw in rest.split('/') {
        let seg = unescape(raw);
        node = match node {
            Value::Array(items) => items.get(array_index(&seg)?)?,
            Value::Object(map) => map.get(&*seg)?,
            _ => return None,
        };
    }
    Some(node)
}

/// An array index segment as RFC 6901 reads it: digits, no leading zero.
fn array_index(seg: &str) -> Option<usize> {
    if seg.is_empty() || (seg.len() > 1 && seg.starts_with('0')) || !is_index(seg) {
        return None;
    }
    seg.parse().ok()
}

/// Objects up to this size are ranked by a scan rather than a table.
const SMALL_OBJECT: usize = 32;

/// `v[key]` when `v` is an object holding `key`.
pub fn child<'a>(v: &'a Json<'a>, key: &str) -> Option<&'a Json<'a>> {
    match v {
        Json::Object(map) => map.get(key),
        _ => None,
    }
}

/// An escaped pointer segment, unescaped (`~1` → `/`, `~0` → `~`);
/// borrowed when it has no escapes.
fn unescape(seg: &str) -> Cow<'_, str> {
    if seg.as_bytes().contains(&b'~') {
        std::borrow::Cow::Owned(seg.replace("~1", "/").replace("~0", "~"))
    } else {
        std::borrow::Cow::Borrowed(seg)
    }
}

/// The parent of the value at `pointer` and the last segment: object keys
/// (made as empty objects on the way when `create`) and existing array
/// indexes lead there.
/// `None` when `pointer` is not one, is the root, or cannot be followed.
fn parent_of<'v>(
    root: &'v mut Value,
    pointer: &str,
    create: bool,
) -> Option<(&'v mut Value, String)> {
    let mut segs = segments(pointer)?;
    let last = segs.pop()?;
    let mut cur = root;
    for seg in &segs {
        cur = match cur {
            Value::Object(map) => {
                if create && !map.contains_key(seg) {
                    map.insert(seg.clone(), Value::Object(Default::default()));
                }
                map.get_mut(seg)?
            }
            Value::Array(items) => seg.parse::<usize>().ok().and_then(|i| items.get_mut(i))?,
            _ => return None,
        };
    }
    Some((cur, last))
}

/// Sets `value` at `pointer` inside `root`, creating objects on the way.
/// Array segments must name an existing index or `-` (append). Returns
/// `false` (and leaves `root` as it was in the failing branch) when the
/// pointer cannot be followed.
pub fn set(root: &mut Value, pointer: &str, value: Value) -> bool {
    if pointer.is_empty() {
        *root = value;
        return true;
    }
    let Some((cur, last)) = parent_of(root, pointer, true) else {
        return false;
    };
    match cur {
        Value::Object(map) => {
            map.insert(last.clone(), value);
            true
        }
        Value::Array(items) => {
            if last == "-" {
                items.push(value);
                return true;
            }
            match last.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                Some(slot) => {
                    *slot = value;
                    true
                }
                None => false,
            }
        }
        _ => false,
    }
}

/// Removes the value at `pointer` (object key or array item). Returns
/// whether something was removed.
pub fn remove(root: &mut Value, pointer: &str) -> bool {
    let Some((cur, last)) = parent_of(root, pointer, false) else {
        return false;
    };
    match cur {
        Value::Object(map) => map.shift_remove(&last).is_some(),
        Value::Array(items) => match last.parse::<usize>() {
            Ok(i) if i < items.len() => {
                items.remove(i);
                true
            }
            _ => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The word-at-a-time scan agrees with a byte loop, for every byte
    /// value at every position of every length up to 24.
    #[test]
    fn needs_escape_matches_a_byte_scan() {
        for len in 0..24 {
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut s = vec![b'a'; len];
                    if let Some(slot) = s.get_mut(at) {
                        *slot = b;
                    }
                    let naive = s.iter().any(|&c| c == b'~' || c == b'/');
                    assert_eq!(needs_escape(&s), naive, "{s:?}");
                }
            }
            assert!(!needs_escape(&vec![0xFFu8; len]));
        }
    }

    #[test]
    fn escapes_and_unescapes() {
        let mut p = String::new();
        push(&mut p, "a/b~c");
        push_index(&mut p, 3);
        assert_eq!(p, "/a~1b~0c/3");
        assert_eq!(segments(&p).unwrap(), vec!["a/b~c", "3"]);
        assert_eq!(segments("x"), None);
    }

    #[test]
    fn prefix_is_segment_wise() {
        assert!(is_at_or_below("/body/name", "/body/name"));
        assert!(is_at_or_below("/body/name/0", "/body/name"));
        assert!(!is_at_or_below("/body/name2", "/body/name"));
        assert!(is_at_or_below("/body", ""));
    }

    #[test]
    fn document_order() {
        use std::cmp::Ordering::*;
        let v = json!({"b": {"y": 1, "x": [0, 1, 2]}, "a": 1});
        let v = Json::view(&v, 0, 99);
        assert_eq!(cmp_in_document(&v, "/b/x/2", "/a"), Less);
        assert_eq!(cmp_in_document(&v, "/b/y", "/b/x/0"), Less);
        assert_eq!(cmp_in_document(&v, "/b/x/10", "/b/x/9"), Greater);
        assert_eq!(cmp_in_document(&v, "/b", "/b/y"), Less);
        assert_eq!(cmp_in_document(&v, "/a", "/zz"), Less);
    }

    #[test]
    fn field_names() {
        assert_eq!(field_name("/body/departments/2"), "departments[2]");
        assert_eq!(
            field_name("/body/param/groups/0/sections/1/old_index"),
            "groups[0].sections[1].old_index"
        );
        assert_eq!(
            field_name("/body/staffCustomForm/base/0/key"),
            "base[0].key"
        );
        assert_eq!(field_name("/body/user/gender"), "gender");
        assert_eq!(field_name(""), "input");
    }

    /// The one-scan shortcut names every pointer as the segment walk
    /// does: a reference over a list of segments, on pointers built from
    /// keys that are, look like or contain indexes, escapes and empties.
    #[test]
    fn field_name_matches_a_segment_list() {
        fn reference(pointer: &str) -> String {
            let Some(rest) = pointer.strip_prefix('/') else {
                return "input".into();
            };
            let segs: Vec<&str> = rest.split('/').collect();
            let start = (1..segs.len()).find(|&i| !is_index(segs[i - 1]) && is_index(segs[i]));
            let Some(start) = start.map(|i| i - 1) else {
                return unescape(segs.last().copied().unwrap_or("")).into_owned();
            };
            let mut out = String::new();
            for seg in &segs[start..] {
                if is_index(seg) {
                    out.push_str(&format!("[{seg}]"));
                } else {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(&unescape(seg));
                }
            }
            out
        }
        let parts = ["a", "0", "12", "1b", "", "~1", "a~0b", "张", "07", "x/"];
        let mut pointers = vec![String::new()];
        for a in parts {
            for b in parts {
                for c in parts {
                    pointers.push(format!("/{a}"));
                    pointers.push(format!("/{a}/{b}"));
                    pointers.push(format!("/{a}/{b}/{c}"));
                }
            }
        }
        for p in &pointers {
            assert_eq!(field_name(p), reference(p), "{p:?}");
        }
    }

    #[test]
    fn get_matches_serde_json_pointer() {
        let mut big = serde_json::Map::new();
        for i in 0..40 {
            big.insert(format!("k{i}"), json!(i));
        }
        let v = json!({"a": [1, {"b~/c": true}], "": 0, "01": "x", "big": big});
        for p in [
            "",
            "/a",
            "/a/0",
            "/a/1",
            "/a/01",
            "/a/2",
            "/a/-",
            "/a/1/b~0~1c",
            "/a/1/b~/c",
            "/",
            "/01",
            "/x",
            "a",
            "/a/0/z",
            "/big/k39",
            "/big/k40",
            "/a/+1",
            "/a/ 1",
        ] {
            assert_eq!(get(&v, p), v.pointer(p), "{p}");
        }
    }

    #[test]
    fn set_and_remove() {
        let mut v = json!({"a": [1, 2]});
        assert!(set(&mut v, "/a/1", json!(5)));
        assert!(set(&mut v, "/b/c", json!(true)));
        assert!(!set(&mut v, "/a/9", json!(0)));
        assert_eq!(v, json!({"a": [1, 5], "b": {"c": true}}));
        assert!(remove(&mut v, "/a/0"));
        assert!(!remove(&mut v, "/zz"));
        assert_eq!(v, json!({"a": [5], "b": {"c": true}}));
    }
}
