//! The public functions: look an endpoint up in the registry, validate,
//! build, decode a reply.

pub mod batch;

use serde_json::Value;

use crate::engine::reply::{decode, ReplyOutcome};
use crate::engine::request::HttpRequest;
use crate::leaf::answer::Answer;
use crate::leaf::limits::{self, MAX_DEPTH};
use crate::leaf::pointer;
use crate::leaf::tree::Json;
use crate::model::endpoint::{Endpoint, Parts};
use crate::model::options::Options;
use crate::report::{Ctx, Error, Issue, Report};
use crate::vendors;

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
        .ok_or_else(|| Error::unknown_endpoint(id, vendors::ALL.iter().map(|e| e.id).collect()))
}

/// Every key the endpoints' rules name (see [`Endpoint::keys`]), each
/// once, in the order first named. The JS glue writes an input's keys that
/// are among them as their index here, not as text
/// (`leaf::tree::Json::from_tape_with`).
pub fn input_keys() -> Vec<&'static str> {
    let mut all = Vec::new();
    for ep in vendors::ALL {
        ep.keys(&mut all);
    }
    // ~430 names, ~165 distinct, listed once per module: a scan, as
    // secret_keys does, is the least wasm (a sort ~80 B more, a map ~0.3 KB).
    let mut keys: Vec<&'static str> = Vec::new();
    for key in all {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
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
    Ok(validate_tree(ep, &view(input), options))
}

/// [`validate`] of JSON text, parsed straight into the engine's borrowed
/// tree (the fast path: no `serde_json::Value` is built). `Err` also when
/// the text is not JSON ([`Error::InvalidBatch`]).
pub fn validate_str(endpoint: &str, input: &str, options: &Options) -> Result<Report, Error> {
    let ep = self::endpoint(endpoint)?;
    ep.check_options(options)?;
    Ok(validate_tree(ep, &parse(input)?, options))
}

/// Validates and builds the request, keeping the report's warnings.
pub fn build(endpoint: &str, input: &Value, options: &Options) -> Result<Built, Error> {
    let ep = self::endpoint(endpoint)?;
    ep.check_options(options)?;
    build_tree(ep, &view(input), options)
}

/// [`build`] of JSON text, as [`validate_str`].
pub fn build_str(endpoint: &str, input: &str, options: &Options) -> Result<Built, Error> {
    let ep = self::endpoint(endpoint)?;
    ep.check_options(options)?;
    build_tree(ep, &parse(input)?, options)
}

/// The engine's view of a caller's `Value` (see [`Json::view`]).
fn view(input: &Value) -> Json<'_> {
    Json::view(input, 0, MAX_DEPTH + 1)
}

/// JSON text as the engine's tree, or the misuse error saying why not.
pub(crate) fn parse(text: &str) -> Result<Json<'_>, Error> {
    Json::parse(text).map_err(|e| Error::InvalidBatch {
        reason: format!("the input is not valid JSON: {e}"),
    })
}

/// Runs the endpoint's checks on a tree (options already checked).
pub(crate) fn validate_tree(ep: &Endpoint, input: &Json, options: &Options) -> Report {
    checked(ep, input, options).finish(options.locale)
}

/// [`validate_tree`]'s report written to an answer tape (`out` is
/// cleared first); false, with nothing written, when the input is valid
/// without warnings. The wasm fast path's validate; natively only tests
/// call it.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn write_validate(
    ep: &Endpoint,
    input: &Json,
    options: &Options,
    out: &mut Answer,
) -> bool {
    out.clear();
    let ctx = checked(ep, input, options);
    if ctx.is_clean() {
        return false;
    }
    ctx.write_answer(options.locale, out);
    true
}

/// The issues of a validate run, before they are rendered.
fn checked(ep: &Endpoint, input: &Json, options: &Options) -> Ctx {
    let mut ctx = Ctx::new(options.allow_unknown);
    ctx.report_only = true;
    ep.run(&mut ctx, input);
    ctx
}

/// Checks a tree and builds its request (options already checked).
pub(crate) fn build_tree(ep: &Endpoint, input: &Json, options: &Options) -> Result<Built, Error> {
    let mut ctx = Ctx::new(options.allow_unknown);
    let parts = ep.run(&mut ctx, input);
    let report = ctx.finish(options.locale);
    if !report.ok {
        return Err(Error::Invalid(report));
    }
    Ok(Built {
        request: request_of(ep, &parts, options),
        report,
    })
}

/// The request of a checked input.
pub(crate) fn request_of(ep: &Endpoint, parts: &Parts, options: &Options) -> HttpRequest {
    let url = format!(
        "{}{}",
        parts.base_url,
        (ep.url)(parts, ep.request_path(options))
    );
    let mut request = match ep.body {
        Some(_) => {
            let mut r = HttpRequest::json(ep.method, url, parts.body.to_json());
            r.set_content_type(ep.content_type);
            r
        }
        None => HttpRequest::without_body(ep.method, url),
    };
    for (name, value) in parts.headers.iter() {
        if let Some(text) = value.as_str() {
            request.headers.insert(name.to_owned(), text.to_owned());
        }
    }
    request
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
        || !pointer::set(&mut doc, pointer, limits::clone_capped(value, depth))
    {
        return Err(Error::InvalidPointer {
            pointer: pointer.chars().take(200).collect(),
        });
    }
    let full = validate(endpoint, &doc, options)?;
    let keep = |list: Vec<Issue>| -> Vec<Issue> {
        list.into_iter()
            .filter(|i| pointer::is_at_or_below(&i.path, pointer))
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
    Ok(decode(ep.reply, http_status, body))
}

/// The names of every field declared secret by any endpoint (query keys,
/// header names, body keys): what [`redact_request`] and
/// [`HttpRequest::redacted`] mask.
pub fn secret_keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = Vec::new();
    for ep in vendors::ALL {
        for (_, field) in ep.secret_fields() {
            if !keys.contains(&field.key) {
                keys.push(field.key);
            }
        }
    }
    keys
}

/// A copy of `request` safe to log: the values of [`secret_keys`] in the
/// query, the headers and the body (at any depth) replaced by `***`.
pub fn redact_request(request: &HttpRequest) -> HttpRequest {
    request.redacted_with(&secret_keys())
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
    /// What the call does: `create`, `update`, `delete` or `status`.
    pub operation: &'static str,
    /// Literal text before each path parameter in the URL (`""` for none).
    pub path_marker: &'static str,
    /// JSON Pointer of the vendor's idempotency key, if it has one.
    pub idempotency_key: Option<&'static str>,
    /// What a sync runner and a mock vendor need (with the `meta` feature;
    /// the npm package ships it as data, merged in by its JS glue).
    #[cfg(feature = "meta")]
    #[serde(flatten)]
    pub sync: SyncInfo,
}

/// The wasm's `endpoints()` list, written without serde (the npm build has
/// no `meta` feature, so no flattened [`SyncInfo`]).
#[cfg(not(feature = "meta"))]
impl crate::leaf::json::WriteJson for EndpointInfo {
    fn write_json(&self, out: &mut Vec<u8>) {
        crate::leaf::json::Fields::new(out)
            .str("id", self.id)
            .str("vendor", self.vendor)
            .str("title", self.title)
            .str("titleZh", self.title_zh)
            .str("method", self.method)
            .str("docUrl", self.doc_url)
            .bool("deprecated", self.deprecated)
            .opt_str("deprecation", self.deprecation)
            .opt_str("deprecationZh", self.deprecation_zh)
            .str("defaultBaseUrl", self.default_base_url)
            .str("path", self.path)
            .str("operation", self.operation)
            .str("pathMarker", self.path_marker)
            .opt_str("idempotencyKey", self.idempotency_key)
            .end();
    }
}

/// What a sync runner and a mock vendor need of an endpoint, from its
/// declarations.
#[cfg(feature = "meta")]
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncInfo {
    /// The vendor's documented call rate for this API, per second.
    pub rate_per_second: f64,
    /// JSON Pointer of the token field (the secret field the runner fills).
    pub token_pointer: Option<String>,
    /// What a token value starts with in that field (`Bearer ` or empty).
    pub token_prefix: &'static str,
    /// JSON Pointer of the value identifying the record updated.
    pub record_key: &'static str,
    /// Sample vendor replies (for mock servers), each `{status, body}`.
    pub mock_replies: MockReplies,
    /// Finer limits for requests carrying given fields.
    pub field_rates: Vec<FieldRateInfo>,
    /// A response header that gives the seconds to wait after a throttled
    /// reply (besides `Retry-After`), or `None`.
    pub rate_reset_header: Option<&'static str>,
}

/// A rate for the requests carrying any of `pointers`.
#[cfg(feature = "meta")]
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldRateInfo {
    /// JSON Pointers into the input.
    pub pointers: Vec<&'static str>,
    /// Requests per second at most among those.
    pub per_second: f64,
    /// Where the limit comes from.
    pub source: &'static str,
}

/// Sample replies of one vendor, by kind.
#[cfg(feature = "meta")]
pub type MockReplies = crate::model::endpoint::ReplySamples<MockReply>;

/// One sample reply.
#[cfg(feature = "meta")]
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MockReply {
    /// HTTP status.
    pub status: u16,
    /// Body text.
    pub body: &'static str,
}

#[cfg(feature = "meta")]
fn mock(s: crate::model::endpoint::Sample) -> MockReply {
    MockReply {
        status: s.status,
        body: s.body.get(),
    }
}

/// What a sync runner and a mock vendor need of `e`.
#[cfg(feature = "meta")]
pub fn sync_info(e: &Endpoint) -> SyncInfo {
    SyncInfo {
        rate_per_second: e.rate_per_second,
        token_pointer: e.token_pointer(),
        token_prefix: e.token_prefix,
        record_key: e.record_key.get(),
        mock_replies: e.reply.samples.map(mock),
        field_rates: e
            .field_rates
            .iter()
            .map(|r| FieldRateInfo {
                pointers: r.pointers.iter().map(|p| p.get()).collect(),
                per_second: r.per_second,
                source: r.source.get(),
            })
            .collect(),
        rate_reset_header: Some(e.reply.reset_header.get()).filter(|h| !h.is_empty()),
    }
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
            operation: e.operation.as_str(),
            path_marker: e.path_marker,
            idempotency_key: e.idempotency_key,
            #[cfg(feature = "meta")]
            sync: sync_info(e),
        })
        .collect()
}

impl HttpRequest {
    /// A copy safe to log: the values of every secret field ([`secret_keys`])
    /// in the query, the headers and the body replaced by `***`.
    pub fn redacted(&self) -> HttpRequest {
        self.redacted_with(&secret_keys())
    }
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

/// `url` with the values of secret query parameters replaced by `***`.
pub fn redact_url(url: &str) -> String {
    crate::engine::request::redact_url_with(url, &secret_keys())
}

/// A request body with every secret field, at any depth, replaced by `***`
/// (a body that is not JSON is withheld whole).
pub fn redact_body(body: &str) -> String {
    crate::engine::request::redact_body(body, &secret_keys())
}

/// Request headers with the secret ones replaced by `***`.
pub fn redact_headers(
    headers: &std::collections::BTreeMap<String, String>,
) -> std::collections::BTreeMap<String, String> {
    crate::engine::request::redact_headers(headers, &secret_keys())
}
