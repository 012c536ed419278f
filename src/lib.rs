//! rosterguard validates create, update, disable and delete payloads for the
//! employee APIs of Chinese enterprise SaaS (WeCom, Feishu, DingTalk,
//! Fxiaoke, Ekuaibao) and builds the vendor-correct HTTP request.
//!
//! The core is plain Rust: [`validate`] returns a [`Report`] (errors are
//! data), [`build_request`] returns a fetch-ready [`HttpRequest`], and
//! [`parse_response`] decodes a vendor reply into a [`ReplyOutcome`]. Each
//! vendor's rules live in one file under `src/vendors/`.
//!
//! The modules are layered, each importing only from the layers before it
//! (`tests/layers.rs` checks it): `leaf` (texts, pointers, limits, syntaxes)
//! → `report` → `model` (how endpoints are declared) → `engine` (walk,
//! cross-field rules, build, redact, replies) → `vendors` → `api` (the
//! functions below) → `boundary` (wasm) and `meta` (generators).
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

pub mod api;
pub mod boundary;
pub(crate) mod engine;
pub(crate) mod leaf;
#[cfg(feature = "meta")]
pub mod meta;
pub mod model;
pub(crate) mod report;
pub mod vendors;

/// JSON Pointer helpers, as the reports' paths use them: follow an issue's
/// `path` into the input ([`pointer::get`]), or set a form value at one.
pub mod pointer {
    pub use crate::leaf::pointer::{
        field_name, get, is_at_or_below, join, join_index, remove, segments, set,
    };
}

/// The input limits (see docs/limits-and-security.md).
pub mod limits {
    pub use crate::leaf::limits::*;
}

pub use api::batch::{
    build_many, build_many_json, validate_many, validate_many_json, BuildOutcome,
};
pub use api::{
    build, build_request, build_str, endpoint, endpoint_infos, endpoints, parse_response,
    redact_request, secret_keys, validate, validate_field, validate_str, Built, EndpointInfo,
};
pub use api::{redact_body, redact_headers, redact_url};
#[cfg(feature = "meta")]
pub use api::{sync_info, MockReplies, MockReply, SyncInfo};
#[cfg(target_arch = "wasm32")]
pub use boundary::wasm;
pub use engine::reply::{ReplyOutcome, MAX_MESSAGE_CHARS};
pub use engine::request::{HttpRequest, MASK};
pub use leaf::limits::{MAX_DEPTH, MAX_ISSUES, MAX_STRING_CHARS};
pub use leaf::text::Locale;
#[cfg(feature = "meta")]
pub use meta::{describe, json_schema, typescript_definitions};
pub use model::endpoint::Endpoint;
pub use model::options::Options;
pub use report::{Allowed, Code, Error, Issue, Params, Report, Unit};
