//! Decoded vendor replies and the helpers vendor decoders share.

use serde::Serialize;
use serde_json::{Map, Value};

/// What a vendor reply means. Serialises to
/// `{"ok", "vendorCode", "message", "retryable", "traceId"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplyOutcome {
    /// Whether the vendor applied the change.
    pub ok: bool,
    /// The vendor's own result code, as text.
    pub vendor_code: Option<String>,
    /// The vendor's message, or ours when the reply could not be read.
    pub message: Option<String>,
    /// Whether retrying the same request later may succeed.
    pub retryable: bool,
    /// The vendor's request / trace id, if any.
    pub trace_id: Option<String>,
}

/// Longest message kept from a reply, in characters.
pub const MAX_MESSAGE_CHARS: usize = 500;

impl ReplyOutcome {
    /// A failure with our own message.
    pub fn failure(message: impl Into<String>, retryable: bool) -> Self {
        ReplyOutcome {
            ok: false,
            vendor_code: None,
            message: Some(message.into()),
            retryable,
            trace_id: None,
        }
    }
}

/// Whether an HTTP status alone says "try again later": any 5xx, and 429.
pub fn http_retryable(status: u16) -> bool {
    status >= 500 || status == 429
}

/// Whether an HTTP status is 2xx.
pub fn http_ok(status: u16) -> bool {
    (200..300).contains(&status)
}

/// Parses a reply body that must be a JSON object, or says why not.
pub fn json_object(status: u16, body: &str) -> Result<Map<String, Value>, ReplyOutcome> {
    let retryable = http_retryable(status);
    if body.trim().is_empty() {
        return Err(ReplyOutcome::failure(
            format!("HTTP {status} with an empty body"),
            retryable,
        ));
    }
    match serde_json::from_str::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(ReplyOutcome::failure(
            format!("HTTP {status}: the reply body is JSON but not an object"),
            retryable,
        )),
        Err(_) => {
            // The whole message, not just the quoted body, fits the clip.
            let prefix = format!("HTTP {status}: the reply body is not JSON: ");
            let room = MAX_MESSAGE_CHARS.saturating_sub(prefix.chars().count());
            Err(ReplyOutcome::failure(
                format!("{prefix}{}", clip_to(body.trim(), room)),
                retryable,
            ))
        }
    }
}

/// A code field as text, whether the vendor sent it as a number or a string.
pub fn code_text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(clip(s)),
        _ => None,
    }
}

/// A code field as an integer (number or digit string).
pub fn code_int(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A string field, clipped; `None` when absent or blank, since an empty
/// message or trace id tells the caller nothing (and would hide the
/// fallback message that says why a reply failed).
pub fn text(map: &Map<String, Value>, key: &str) -> Option<String> {
    map.get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .map(clip)
}

/// At most [`MAX_MESSAGE_CHARS`] characters of `s` (then `…`).
pub fn clip(s: &str) -> String {
    clip_to(s, MAX_MESSAGE_CHARS)
}

/// At most `max` characters of `s` (then `…`).
pub fn clip_to(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", s.get(..i).unwrap_or(s)),
        None => s.to_owned(),
    }
}
