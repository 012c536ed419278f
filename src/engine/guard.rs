//! The input limits applied during the walk (see `leaf::limits` for the
//! constants): over-long strings and over-deep passed-through values are
//! reported as `range` issues at their field, never copied.

use crate::leaf::limits::{level, too_long, MAX_DEPTH, MAX_STRING_CHARS};
use crate::leaf::tree::Json;
use crate::report::{Code, Ctx, Params};

/// Reports a string longer than [`MAX_STRING_CHARS`] at `path`. Returns
/// whether it was too long.
pub(crate) fn check_length(ctx: &mut Ctx, path: &str, s: &str) -> bool {
    if too_long(s) {
        ctx.error(path, Code::Range, Params::MaxLength(MAX_STRING_CHARS));
        return true;
    }
    false
}

/// Checks a value about to be passed through unchanged (an unknown field
/// with `allowUnknown`): its depth first (at `path`, without descending
/// past the limit), then every string and key length inside it. Returns
/// whether it may be copied.
pub(crate) fn check_passthrough(ctx: &mut Ctx, path: &str, key: &str, v: &Json) -> bool {
    let level = level(path);
    if too_deep(v, level) {
        ctx.error(path, Code::Range, Params::MaxDepth(MAX_DEPTH));
        return false;
    }
    let before = ctx.error_count();
    if too_long(key) {
        ctx.error(path, Code::Range, Params::MaxLength(MAX_STRING_CHARS));
    }
    lengths(ctx, &mut path.to_owned(), v);
    ctx.error_count() == before
}

/// Reports over-long strings and keys inside `v` (already known to be
/// shallow, so the recursion is bounded by [`MAX_DEPTH`]).
fn lengths(ctx: &mut Ctx, path: &mut String, v: &Json) {
    let len = path.len();
    match v {
        Json::String(s) => {
            check_length(ctx, path, s);
        }
        Json::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                crate::leaf::pointer::push_index(path, i);
                lengths(ctx, path, item);
                path.truncate(len);
            }
        }
        Json::Object(map) => {
            for (k, item) in map.iter() {
                crate::leaf::pointer::push(path, k);
                if !check_length(ctx, path, k) {
                    lengths(ctx, path, item);
                }
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// Whether `v`, sitting at `level`, has a node below [`MAX_DEPTH`].
/// Recursion stops at the limit, so the stack use is bounded.
fn too_deep(v: &Json, level: usize) -> bool {
    if level > MAX_DEPTH {
        return true;
    }
    match v {
        Json::Array(items) => items.iter().any(|i| too_deep(i, level + 1)),
        Json::Object(map) => map.values().any(|i| too_deep(i, level + 1)),
        _ => false,
    }
}
