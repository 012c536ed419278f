//! Input limits. The library's cost is linear in the size of the input, but
//! a few shapes would still hurt without a cap: a tree nested 100 000 deep
//! overflows the stack of anything that copies, prints or drops it
//! recursively (serde_json's `Clone`, `Display` and drop glue all recurse),
//! and a 50 MB "name" is never a real value. Each limit is reported as a
//! `range` issue at the offending field, never as a crash. See docs/limits-and-security.md.

use serde_json::Value;

use crate::leaf::tree::Json;

/// Deepest level of the input the library copies: a node's level is the
/// number of segments of its JSON Pointer (`/body/user` is level 2). Only
/// unknown fields passed through with `allowUnknown` can go deeper than the
/// documented shapes (at most 9 levels), so this is where it bites.
pub const MAX_DEPTH: usize = 64;

/// Longest string accepted in any field (or passed-through key), in
/// characters. No vendor field comes near it; it keeps a runaway value from
/// being copied into the body and the URL.
pub const MAX_STRING_CHARS: usize = 65_536;

/// The input policy for JS values, in one place: the wasm boundary walks a
/// JS value down to [`JS_MAX_DEPTH`] levels and arrays up to
/// [`JS_MAX_ITEMS`] items (past them: an issue at the value, never a
/// hang); the JS glue's fast path (`JSON.stringify`) takes values only down
/// to [`JS_FAST_MAX_DEPTH`] levels and leaves the rest to the walk. The glue
/// reads all three from the module (`inputLimits()`), so they cannot drift.
///
/// Deepest nesting the walk accepts (the root is depth 0); serde_json's own
/// parser stops at 128 too, so anything JSON text can carry fits.
pub const JS_MAX_DEPTH: usize = 128;

/// Longest array the walk accepts: far above every documented limit, low
/// enough that a sparse `new Array(4e9)` cannot hang the walk.
pub const JS_MAX_ITEMS: usize = 1_000_000;

/// Deepest nesting the JSON-text fast path takes: [`MAX_DEPTH`], safely
/// inside serde_json's parser limit; deeper values take the walk.
pub const JS_FAST_MAX_DEPTH: usize = MAX_DEPTH;

/// Most issues kept in each of a report's lists. Past it, the list ends with
/// one `max_items` issue at the root path `""` whose `params.omitted` counts
/// the issues left out (`params.max` is this number).
pub const MAX_ISSUES: usize = 1000;

/// Whether `s` is longer than [`MAX_STRING_CHARS`] characters (linear,
/// and constant time for short strings).
pub fn too_long(s: &str) -> bool {
    // A char is 1 to 4 bytes: decide by length alone where possible.
    if s.len() <= MAX_STRING_CHARS {
        return false;
    }
    if s.len() > MAX_STRING_CHARS * 4 {
        return true;
    }
    s.chars().count() > MAX_STRING_CHARS
}

/// The level of the node at `path` (its number of pointer segments).
pub fn level(path: &str) -> usize {
    path.bytes().filter(|&b| b == b'/').count()
}

/// Whether `v`, sitting at `level`, has a node below [`MAX_DEPTH`].
/// Recursion stops at the limit, so the stack use is bounded.
pub fn too_deep(v: &Json, level: usize) -> bool {
    if level > MAX_DEPTH {
        return true;
    }
    match v {
        Json::Array(items) => items.iter().any(|i| too_deep(i, level + 1)),
        Json::Object(map) => map.values().any(|i| too_deep(i, level + 1)),
        _ => false,
    }
}

/// A copy of `v` (at `level`) that keeps every node down to one level past
/// [`MAX_DEPTH`] and replaces anything deeper by `null`. Validation never
/// looks that deep (a deeper pass-through value is reported the same way,
/// since the level past the limit is kept), so the copy validates exactly
/// like the original while its copy and drop stay within a small stack.
pub fn clone_capped(v: &Value, level: usize) -> Value {
    if level > MAX_DEPTH + 1 {
        return Value::Null;
    }
    match v {
        Value::Array(items) => {
            Value::Array(items.iter().map(|i| clone_capped(i, level + 1)).collect())
        }
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, i)| (k.clone(), clone_capped(i, level + 1)))
                .collect(),
        ),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn depth_is_counted_in_pointer_segments() {
        assert_eq!(level(""), 0);
        assert_eq!(level("/body/user/x~1y"), 3);
        let mut v = json!(1);
        for _ in 0..MAX_DEPTH - 2 {
            v = json!([v]);
        }
        // A value at level 2 whose innermost node is at level MAX_DEPTH.
        let deep = json!([v.clone()]);
        assert!(!too_deep(&Json::view(&v, 0, usize::MAX), 2));
        assert!(too_deep(&Json::view(&deep, 0, usize::MAX), 2));
    }

    #[test]
    fn capped_clone_keeps_the_level_past_the_limit() {
        let mut v = json!("leaf");
        for _ in 0..MAX_DEPTH + 10 {
            v = json!({"a": v});
        }
        let c = clone_capped(&v, 0);
        assert!(too_deep(&Json::view(&c, 0, usize::MAX), 0));
        assert_ne!(c, v);
        let small = json!({"a": [1, {"b": "c"}]});
        assert_eq!(clone_capped(&small, 0), small);
    }

    #[test]
    fn length_by_characters() {
        assert!(!too_long(&"中".repeat(MAX_STRING_CHARS)));
        assert!(too_long(&"中".repeat(MAX_STRING_CHARS + 1)));
        assert!(too_long(&"a".repeat(MAX_STRING_CHARS * 4 + 1)));
    }
}
