//! The built request, ready for `fetch(url, request)`, and its redaction.

use std::collections::BTreeMap;

use crate::leaf::json::{Fields, WriteJson};
use crate::leaf::tree::{utf16_len, write_object, write_str, write_u64, Json};
use serde::Serialize;

/// Mask written in place of a secret.
pub const MASK: &str = "***";

/// A fetch-ready HTTP request. Serialises to
/// `{"method", "url", "headers": {"Content-Type": "application/json"}, "body"}`;
/// a request the vendor documents without a body has no `body` key and no
/// `Content-Type`.
#[derive(Clone, PartialEq, Serialize)]
pub struct HttpRequest {
    /// `POST` or `PUT`.
    pub method: String,
    /// Absolute URL, query values percent-encoded.
    pub url: String,
    /// Request headers.
    pub headers: BTreeMap<String, String>,
    /// The JSON body as text; `None` for a request without a body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

impl WriteJson for HttpRequest {
    fn write_json(&self, out: &mut Vec<u8>) {
        self.write_fields(out, None);
    }
}

impl HttpRequest {
    /// A JSON request.
    pub fn json(method: &str, url: String, body: String) -> Self {
        let headers = BTreeMap::from([("Content-Type".to_owned(), "application/json".to_owned())]);
        HttpRequest {
            method: method.to_owned(),
            url,
            headers,
            body: Some(body),
        }
    }

    /// [`WriteJson::write_json`], except that a body's text is appended
    /// to `bodies` as it is (UTF-8, not escaped) and its length in UTF-16
    /// units written in its place: `"body":288`. A batch reader decodes
    /// all of a window's bodies as one string and cuts each out by these
    /// lengths, instead of `JSON.parse` unescaping every quote of every
    /// body. A request without a body is written as by `write_json`.
    pub fn write_json_body_apart(&self, out: &mut Vec<u8>, bodies: &mut Vec<u8>) {
        self.write_fields(out, Some(bodies));
    }

    /// Writes the fields in serde's order, the body (when there is one)
    /// inline or, given `bodies`, apart. (An `Option`, not a closure: one
    /// copy of this code in the wasm, whose size is a target.)
    fn write_fields(&self, out: &mut Vec<u8>, bodies: Option<&mut Vec<u8>>) {
        let mut f = Fields::new(out);
        f.str("method", &self.method).str("url", &self.url);
        write_object(
            f.key("headers"),
            self.headers.iter().map(|(k, v)| (k.as_str(), v)),
            |v, o| write_str(o, v),
        );
        if let Some(text) = &self.body {
            match bodies {
                Some(bodies) => {
                    bodies.extend_from_slice(text.as_bytes());
                    write_u64(f.key("body"), utf16_len(text) as u64);
                }
                None => {
                    f.str("body", text);
                }
            }
        }
        f.end();
    }

    /// The body text, `""` for a request without a body.
    pub fn body_text(&self) -> &str {
        self.body.as_deref().unwrap_or_default()
    }

    /// A request without a body (and so without a `Content-Type`).
    pub fn without_body(method: &str, url: String) -> Self {
        HttpRequest {
            method: method.to_owned(),
            url,
            headers: BTreeMap::new(),
            body: None,
        }
    }

    /// Sets the body's `Content-Type`.
    pub(crate) fn set_content_type(&mut self, content_type: &str) {
        self.headers
            .insert("Content-Type".to_owned(), content_type.to_owned());
    }

    /// A copy safe to log: the values of `keys` in the query and the
    /// headers, and at any depth of the body, replaced by `***`. A body
    /// that cannot be read back (not JSON, or nested beyond the parser's
    /// depth limit) is withheld whole, since nothing in it can be vouched for.
    pub(crate) fn redacted_with(&self, keys: &[&str]) -> HttpRequest {
        HttpRequest {
            method: self.method.clone(),
            url: redact_url_with(&self.url, keys),
            headers: redact_headers(&self.headers, keys),
            body: self.body.as_deref().map(|b| redact_body(b, keys)),
        }
    }
}

/// Whether header `name` is one of the secret `keys`, compared without
/// case, as HTTP header names are.
pub(crate) fn is_secret_header(keys: &[&str], name: &str) -> bool {
    keys.iter().any(|s| s.eq_ignore_ascii_case(name))
}

/// The headers with the values of `keys` (see [`is_secret_header`])
/// replaced by `***`.
pub(crate) fn redact_headers(
    headers: &BTreeMap<String, String>,
    keys: &[&str],
) -> BTreeMap<String, String> {
    headers
        .iter()
        .map(|(k, v)| {
            let v = if is_secret_header(keys, k) {
                MASK.to_owned()
            } else {
                v.clone()
            };
            (k.clone(), v)
        })
        .collect()
}

/// The body of [`HttpRequest::redacted`]. Separate so that the wasm
/// `redact` needs no `HttpRequest` (and no copy of its header map).
pub(crate) fn redact_body(body: &str, keys: &[&str]) -> String {
    // The crate's own tree over serde_json's parser and its writer (byte for
    // byte serde_json's): no `Value` parser in the wasm.
    match Json::parse(body) {
        Ok(mut value) => {
            if mask_secrets(&mut value, keys) {
                value.to_json()
            } else {
                body.to_owned()
            }
        }
        Err(_) => Json::String(MASK.into()).to_json(),
    }
}

/// Masks the value of every token key, at any depth (allowUnknown can pass
/// one through inside another field). Returns whether one was found. The
/// depth is bounded by the parser's limit.
fn mask_secrets(v: &mut Json, keys: &[&str]) -> bool {
    match v {
        Json::Object(map) => {
            let mut found = false;
            for (key, value) in map.iter_mut() {
                if keys.contains(&key) {
                    *value = Json::String(MASK.into());
                    found = true;
                } else {
                    found |= mask_secrets(value, keys);
                }
            }
            found
        }
        Json::Array(items) => items
            .iter_mut()
            .fold(false, |found, x| mask_secrets(x, keys) | found),
        _ => false,
    }
}

/// Replaces the values of the query parameters named in `keys` with `***`.
pub(crate) fn redact_url_with(url: &str, keys: &[&str]) -> String {
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
            Some((k, _)) if keys.contains(&k) => {
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
