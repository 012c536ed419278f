//! rosterguard validates "update employee" payloads for Fxiaoke, DingTalk
//! and Ekuaibao and builds the vendor-correct HTTP request.
//!
//! The core is plain Rust: [`validate`] returns a [`Report`] (errors are
//! data), [`build_request`] returns a fetch-ready [`HttpRequest`], and
//! [`parse_response`] decodes a vendor reply into a [`ReplyOutcome`]. Each
//! vendor's rules live in one file under `src/vendors/`.
//!
//! ```
//! let input = serde_json::json!({
//!     "path": {"staffId": "JOYbpjPP-E2Q00:IIEbwYgR2E5M00"},
//!     "query": {"accessToken": "tok"},
//!     "body": {"name": "赵六"}
//! });
//! let report = rosterguard::validate("ekuaibao.updateStaff", &input, &Default::default()).unwrap();
//! assert!(report.ok);
//! ```

#![deny(missing_docs)]

pub mod batch;
pub mod checks;
pub mod endpoint;
mod error;
pub mod limits;
mod messages;
#[cfg(feature = "meta")]
pub mod meta;
mod options;
pub mod pointer;
pub mod reply;
mod report;
mod request;
pub mod schema;
pub mod sent;
pub mod url;
pub mod vendors;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use batch::{build_many, build_many_json, validate_many, validate_many_json, BuildOutcome};
pub use endpoint::Endpoint;
pub use error::Error;
pub use limits::{MAX_DEPTH, MAX_ISSUES, MAX_STRING_CHARS};
#[cfg(feature = "meta")]
pub use meta::{describe, json_schema, typescript_definitions};
pub use options::{Locale, Options};
pub use reply::ReplyOutcome;
pub use report::{Code, Ctx, Issue, Report};
pub use request::{redact_url, HttpRequest, SECRET_KEYS};

use serde_json::Value;

/// Every endpoint, in a stable order.
pub fn endpoints() -> &'static [&'static Endpoint] {
    vendors::ALL
}

/// The endpoint with this id, or [`Error::UnknownEndpoint`].
pub fn endpoint(id: &str) -> Result<&'static Endpoint, Error> {
    vendors::ALL
        .iter()
        .copied()
        .find(|e| e.id == id)
        .ok_or_else(|| Error::unknown_endpoint(id))
}

/// A request together with the report (warnings) it was built from.
#[derive(Debug, Clone, PartialEq)]
pub struct Built {
    /// The request.
    pub request: HttpRequest,
    /// The validation report (`ok` is true; warnings may be present).
    pub report: Report,
}

/// Validates `input` for `endpoint`. `Err` only for an unknown endpoint id
/// or an unusable option.
pub fn validate(endpoint: &str, input: &Value, options: &Options) -> Result<Report, Error> {
    let ep = self::endpoint(endpoint)?;
    ep.check_options(options)?;
    let mut ctx = Ctx::new(options.allow_unknown);
    ep.run(&mut ctx, input);
    Ok(ctx.finish(options.locale))
}

/// Validates and builds the request, keeping the report's warnings.
pub fn build(endpoint: &str, input: &Value, options: &Options) -> Result<Built, Error> {
    let ep = self::endpoint(endpoint)?;
    ep.check_options(options)?;
    let mut ctx = Ctx::new(options.allow_unknown);
    let parts = ep.run(&mut ctx, input);
    let report = ctx.finish(options.locale);
    if !report.ok {
        return Err(Error::Invalid(report));
    }
    let url = format!("{}{}", parts.base_url, (ep.url)(&parts, options)?);
    let body = parts.body.to_json();
    Ok(Built {
        request: HttpRequest::json(ep.method, url, body),
        report,
    })
}

/// Validates and builds the fetch-ready request. `Err(Error::Invalid)`
/// carries the report when the input has errors.
pub fn build_request(
    endpoint: &str,
    input: &Value,
    options: &Options,
) -> Result<HttpRequest, Error> {
    build(endpoint, input, options).map(|b| b.request)
}

/// Validates one field for live form feedback: `value` is placed at
/// `pointer` inside `input` (or an empty object) and the returned report
/// keeps only the issues at or below `pointer`, cross-field ones included
/// when `input` carries the other fields. `Err` for an unknown endpoint or
/// a pointer that cannot be followed (or has more than
/// [`MAX_DEPTH`] segments).
pub fn validate_field(
    endpoint: &str,
    pointer: &str,
    value: &Value,
    input: Option<&Value>,
    options: &Options,
) -> Result<Report, Error> {
    // Copies keep one level past MAX_DEPTH: they validate like the
    // originals, and copying or dropping them cannot exhaust the stack.
    let mut doc = input
        .map(|v| limits::clone_capped(v, 0))
        .unwrap_or_else(|| Value::Object(Default::default()));
    let depth = limits::level(pointer);
    if pointer.is_empty()
        || depth > MAX_DEPTH
        || !self::pointer::set(&mut doc, pointer, limits::clone_capped(value, depth))
    {
        return Err(Error::InvalidPointer {
            pointer: pointer.chars().take(200).collect(),
        });
    }
    let full = validate(endpoint, &doc, options)?;
    let keep = |list: Vec<Issue>| -> Vec<Issue> {
        list.into_iter()
            .filter(|i| self::pointer::is_at_or_below(&i.path, pointer))
            .collect()
    };
    let errors = keep(full.errors);
    Ok(Report {
        ok: errors.is_empty(),
        errors,
        warnings: keep(full.warnings),
    })
}

/// Decodes a vendor reply. Never fails on the body: garbage is a failed
/// outcome with a clear message. `Err` only for an unknown endpoint id.
pub fn parse_response(endpoint: &str, http_status: u16, body: &str) -> Result<ReplyOutcome, Error> {
    let ep = self::endpoint(endpoint)?;
    Ok((ep.reply)(http_status, body))
}

/// Summary of an endpoint, as `endpoints()` lists it to JS.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EndpointInfo {
    /// Stable id.
    pub id: &'static str,
    /// Vendor key.
    pub vendor: &'static str,
    /// English title.
    pub title: &'static str,
    /// Chinese title.
    pub title_zh: &'static str,
    /// HTTP method.
    pub method: &'static str,
    /// Vendor documentation page.
    pub doc_url: &'static str,
    /// Whether the vendor discourages the endpoint.
    pub deprecated: bool,
    /// Why, in English, when deprecated.
    pub deprecation: Option<&'static str>,
    /// Why, in Chinese, when deprecated.
    pub deprecation_zh: Option<&'static str>,
    /// Default base URL.
    pub default_base_url: &'static str,
    /// Documented request path.
    pub path: &'static str,
}

/// Every endpoint's summary, in the order of [`endpoints`].
pub fn endpoint_infos() -> Vec<EndpointInfo> {
    endpoints()
        .iter()
        .map(|e| EndpointInfo {
            id: e.id,
            vendor: e.vendor,
            title: e.title.en,
            title_zh: e.title.zh,
            method: e.method,
            doc_url: e.doc_url,
            deprecated: e.deprecated.is_some(),
            deprecation: e.deprecated.map(|t| t.en),
            deprecation_zh: e.deprecated.map(|t| t.zh),
            default_base_url: e.default_base_url,
            path: e.documented_path,
        })
        .collect()
}
