//! Decoded vendor replies: the one decoder, driven by each vendor's
//! [`ReplySpec`].

use crate::leaf::json::{Fields, WriteJson};
use crate::leaf::tree::{Json, Obj};
use serde::Serialize;

use crate::model::endpoint::ReplySpec;

/// What a vendor reply means. Serialises to `{"ok", "vendorCode",
/// "message", "retryable", "traceId", "tokenExpired", "reason",
/// "alreadyExists", "notFound"}`.
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
    /// Whether the vendor says the token is invalid or expired: refresh it
    /// and send the same request again.
    pub token_expired: bool,
    /// Why a failure is not the request's fault: `"quota"` (a call quota is
    /// used up) or `"permission"` (the app may not do this); `None` else.
    /// Neither is retryable.
    pub reason: Option<&'static str>,
    /// Whether the vendor says the record to create exists already.
    pub already_exists: bool,
    /// Whether the vendor says the record does not exist.
    pub not_found: bool,
}

impl WriteJson for ReplyOutcome {
    fn write_json(&self, out: &mut Vec<u8>) {
        Fields::new(out)
            .bool("ok", self.ok)
            .opt_str("vendorCode", self.vendor_code.as_deref())
            .opt_str("message", self.message.as_deref())
            .bool("retryable", self.retryable)
            .opt_str("traceId", self.trace_id.as_deref())
            .bool("tokenExpired", self.token_expired)
            .opt_str("reason", self.reason)
            .bool("alreadyExists", self.already_exists)
            .bool("notFound", self.not_found)
            .end();
    }
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
            token_expired: false,
            reason: None,
            already_exists: false,
            not_found: false,
        }
    }
}

/// `reason` of a failure whose code is in one of the spec's lists.
const QUOTA: &str = "quota";
/// See [`QUOTA`].
const PERMISSION: &str = "permission";

/// Marks a failure with what the spec's code and text lists say of it
/// (`codes`: the result code and the finer one, when the reply has them):
/// quota and permission failures are never retryable. One function, not
/// generic, as it is in the wasm.
fn classify(spec: &ReplySpec, mut outcome: ReplyOutcome, codes: [Option<i64>; 2]) -> ReplyOutcome {
    if outcome.ok {
        return outcome;
    }
    let listed = |list: &[i64]| codes.iter().flatten().any(|c| list.contains(c));
    let says = |texts: &[&str]| {
        outcome
            .message
            .as_deref()
            .is_some_and(|m| texts.iter().any(|t| m.contains(t)))
    };
    outcome.already_exists = listed(spec.exists_codes) || says(spec.exists_texts);
    outcome.not_found = listed(spec.not_found_codes);
    outcome.reason = if listed(spec.quota_codes) {
        Some(QUOTA)
    } else if listed(spec.permission_codes) {
        Some(PERMISSION)
    } else {
        None
    };
    if outcome.reason.is_some() {
        outcome.retryable = false;
    }
    outcome
}

/// Whether an HTTP status alone says "try again later": any 5xx, and 429.
pub(crate) fn http_retryable(status: u16) -> bool {
    status >= 500 || status == 429
}

/// Whether an HTTP status is 2xx.
pub(crate) fn http_ok(status: u16) -> bool {
    (200..300).contains(&status)
}

/// Parses a reply body that must be a JSON object, or says why not.
pub(crate) fn json_object(status: u16, body: &str) -> Result<Obj<'_>, ReplyOutcome> {
    let retryable = http_retryable(status);
    if body.trim().is_empty() {
        return Err(ReplyOutcome::failure(
            format!("HTTP {status} with an empty body"),
            retryable,
        ));
    }
    // The crate's own tree over serde_json's parser: the same acceptance
    // as `Value`, without a second instantiation of the parser in the wasm.
    match Json::parse(body) {
        Ok(Json::Object(map)) => Ok(map),
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
pub(crate) fn code_text(v: Option<&Json>) -> Option<String> {
    match v? {
        Json::Number(n) => Some(n.to_string()),
        Json::String(s) => Some(clip(s)),
        _ => None,
    }
}

/// A code field as an integer (number or digit string).
pub(crate) fn code_int(v: Option<&Json>) -> Option<i64> {
    match v? {
        Json::Number(n) => n.as_i64(),
        Json::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A string field, clipped; `None` when absent or blank, since an empty
/// message or trace id tells the caller nothing (and would hide the
/// fallback message that says why a reply failed).
pub(crate) fn text(map: &Obj, key: &str) -> Option<String> {
    map.get(key)
        .and_then(Json::as_str)
        .filter(|s| !s.trim().is_empty())
        .map(clip)
}

/// At most [`MAX_MESSAGE_CHARS`] characters of `s` (then `…`).
pub(crate) fn clip(s: &str) -> String {
    clip_to(s, MAX_MESSAGE_CHARS)
}

/// At most `max` characters of `s` (then `…`).
pub(crate) fn clip_to(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", s.get(..i).unwrap_or(s)),
        None => s.to_owned(),
    }
}

/// Decodes a reply as `spec` says. Never fails: garbage is a failed
/// outcome with a clear message.
pub(crate) fn decode(spec: &ReplySpec, status: u16, body: &str) -> ReplyOutcome {
    let token_status = spec.token_statuses.contains(&status);
    let mut outcome = match spec.code_key {
        Some(key) => by_code(spec, key, status, body),
        None => by_status(spec, status, body),
    };
    outcome.token_expired |= token_status && !outcome.ok;
    outcome
}

fn first_text(map: &Obj, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| text(map, k))
}

/// The code decides: `code_key` equal to `ok_code` on a 2xx (and none of
/// `false_keys` false) is success; anything else fails, even on HTTP 200.
fn by_code(spec: &ReplySpec, key: &str, status: u16, body: &str) -> ReplyOutcome {
    let map = match json_object(status, body) {
        Ok(map) => map,
        Err(outcome) => return outcome,
    };
    let trace_id = spec.trace_key.and_then(|k| text(&map, k));
    let Some(code) = code_int(map.get(key)) else {
        let marked = spec
            .retry_markers
            .iter()
            .any(|(k, v)| code_int(map.get(k)) == Some(*v));
        return ReplyOutcome {
            trace_id,
            ..ReplyOutcome::failure(
                format!("HTTP {status}: the reply has no integer {key}"),
                http_retryable(status) || marked,
            )
        };
    };
    let raw_message = first_text(&map, spec.message_keys);
    let partial = raw_message
        .as_deref()
        .is_some_and(|m| spec.failure_texts.iter().any(|t| m.contains(t)));
    let ok = code == spec.ok_code
        && !partial
        && spec
            .false_keys
            .iter()
            .all(|k| !matches!(map.get(k), Some(Json::Bool(false))))
        && http_ok(status);
    let sub_code = spec.sub_code_key.and_then(|k| map.get(k));
    let sub_int = code_int(sub_code);
    let mut message = raw_message;
    if let (Some(sub), false) = (code_text(sub_code).filter(|s| !s.is_empty()), ok) {
        // The finer code says why (DingTalk 88 鉴权异常): keep it with the message.
        let sub_msg = spec.sub_message_key.and_then(|k| text(&map, k));
        let detail = match sub_msg {
            Some(m) => format!("sub_code {sub}: {m}"),
            None => format!("sub_code {sub}"),
        };
        message = Some(clip(&match message {
            Some(m) => format!("{m} ({detail})"),
            None => detail,
        }));
    }
    let listed = |list: &[i64]| list.contains(&code) || sub_int.is_some_and(|c| list.contains(&c));
    let outcome = ReplyOutcome {
        ok,
        vendor_code: code_text(map.get(key)),
        // A failure always says something, even when the reply has no message.
        message: message.or_else(|| (!ok).then(|| format!("HTTP {status}, {key} {code}"))),
        retryable: !ok && (listed(spec.retryable) || http_retryable(status)),
        trace_id,
        token_expired: !ok && listed(spec.token_codes),
        reason: None,
        already_exists: false,
        not_found: false,
    };
    classify(spec, outcome, [Some(code), sub_int])
}

/// The HTTP status decides: a 2xx carrying `ok_key` is success; a failure
/// carries the vendor's message in JSON or as plain text.
fn by_status(spec: &ReplySpec, status: u16, body: &str) -> ReplyOutcome {
    if http_ok(status) {
        let key = spec.ok_key.unwrap_or("value");
        return match json_object(status, body) {
            Ok(map) if map.get(key).is_some_and(|v| !v.is_null()) => ReplyOutcome {
                ok: true,
                vendor_code: None,
                message: None,
                retryable: false,
                trace_id: None,
                token_expired: false,
                reason: None,
                already_exists: false,
                not_found: false,
            },
            Ok(_) => ReplyOutcome::failure(
                format!("HTTP {status} but the reply has no \"{key}\": the staff was not returned"),
                false,
            ),
            Err(outcome) => outcome,
        };
    }
    let parsed = Json::parse(body).ok();
    let map = parsed.as_ref().and_then(Json::as_object);
    let message = map
        .and_then(|m| first_text(m, spec.message_keys))
        .or_else(|| match &parsed {
            // A bare JSON string is the message itself, without its quotes
            // (a blank one says nothing: fall through to the status).
            Some(Json::String(s)) => Some(s.trim()).filter(|t| !t.is_empty()).map(clip),
            // Plain text, or JSON in an unknown shape: keep it rather than lose the reason.
            _ => Some(body.trim()).filter(|t| !t.is_empty()).map(clip),
        })
        .unwrap_or_else(|| format!("HTTP {status}"));
    let code = map.and_then(|m| {
        spec.failure_code_keys
            .iter()
            .find_map(|k| code_text(m.get(k)))
    });
    let code_int = map.and_then(|m| {
        spec.failure_code_keys
            .iter()
            .find_map(|k| code_int(m.get(k)))
    });
    let outcome = ReplyOutcome {
        ok: false,
        vendor_code: code,
        message: Some(message),
        retryable: http_retryable(status) || code_int.is_some_and(|c| spec.retryable.contains(&c)),
        trace_id: None,
        token_expired: code_int.is_some_and(|c| spec.token_codes.contains(&c)),
        reason: None,
        already_exists: false,
        not_found: false,
    };
    classify(spec, outcome, [code_int, None])
}
