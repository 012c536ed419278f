//! The built request, ready for `fetch(url, request)`, and its redaction.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

/// Query and body keys that hold tokens, across all vendors.
pub const SECRET_KEYS: [&str; 3] = ["corpAccessToken", "access_token", "accessToken"];

/// Mask written in place of a secret.
pub const MASK: &str = "***";

/// A fetch-ready HTTP request. Serialises to
/// `{"method", "url", "headers": {"Content-Type": "application/json"}, "body"}`.
#[derive(Clone, PartialEq, Serialize)]
pub struct HttpRequest {
    /// `POST` or `PUT`.
    pub method: String,
    /// Absolute URL, query values percent-encoded.
    pub url: String,
    /// Request headers.
    pub headers: BTreeMap<String, String>,
    /// The JSON body as text.
    pub body: String,
}

impl HttpRequest {
    /// A JSON request.
    pub fn json(method: &str, url: String, body: String) -> Self {
        let headers = BTreeMap::from([("Content-Type".to_owned(), "application/json".to_owned())]);
        HttpRequest {
            method: method.to_owned(),
            url,
            headers,
            body,
        }
    }

    /// A copy safe to log: token query values, and token fields at any depth
    /// of the body, replaced by `***`. A body that cannot be read back (not
    /// JSON, or nested beyond the parser's depth limit) is withheld whole,
    /// since nothing in it can be vouched for.
    pub fn redacted(&self) -> HttpRequest {
        HttpRequest {
            method: self.method.clone(),
            url: redact_url(&self.url),
            headers: self.headers.clone(),
            body: redact_body(&self.body),
        }
    }
}

/// The body of [`HttpRequest::redacted`]. Separate so that the wasm
/// `redact` needs no `HttpRequest` (and no copy of its header map).
pub(crate) fn redact_body(body: &str) -> String {
    match serde_json::from_str::<Value>(body) {
        Ok(mut value) => {
            if mask_secrets(&mut value) {
                crate::sent::json_text(&value)
            } else {
                body.to_owned()
            }
        }
        Err(_) => crate::sent::json_text(&Value::from(MASK)),
    }
}

/// Masks the value of every token key, at any depth (allowUnknown can pass
/// one through inside another field). Returns whether one was found. The
/// depth is bounded by the parser's limit.
fn mask_secrets(v: &mut Value) -> bool {
    match v {
        Value::Object(map) => {
            let mut found = false;
            for (key, value) in map.iter_mut() {
                if SECRET_KEYS.contains(&key.as_str()) {
                    *value = Value::from(MASK);
                    found = true;
                } else {
                    found |= mask_secrets(value);
                }
            }
            found
        }
        Value::Array(items) => items
            .iter_mut()
            .fold(false, |found, x| mask_secrets(x) | found),
        _ => false,
    }
}

/// Replaces the values of token query parameters in `url` with `***`.
pub fn redact_url(url: &str) -> String {
    let Some((head, query)) = url.split_once('?') else {
        return url.to_owned();
    };
    let (query, fragment) = match query.split_once('#') {
        Some((q, f)) => (q, Some(f)),
        None => (query, None),
    };
    let mut out = String::with_capacity(url.len());
    out.push_str(head);
    for (i, pair) in query.split('&').enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        match pair.split_once('=') {
            Some((k, _)) if SECRET_KEYS.contains(&k) => {
                out.push_str(k);
                out.push('=');
                out.push_str(MASK);
            }
            _ => out.push_str(pair),
        }
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

impl std::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let safe = self.redacted();
        f.debug_struct("HttpRequest")
            .field("method", &safe.method)
            .field("url", &safe.url)
            .field("headers", &safe.headers)
            .field("body", &safe.body)
            .finish()
    }
}
