//! What an endpoint is: its metadata, its sections, its cross-field rules
//! (each one declaration that the engine checks and the generators
//! describe), its URL builder and its reply decoding, as data.

use crate::leaf::tree::Json;

use crate::leaf::text::{Meta, Text};
use crate::leaf::url;
pub use crate::model::cross::{CrossKind, CrossRule, UniqueBy};
use crate::model::field::{CustomShape, Empty, Field, ObjectRule, StrRule, Ty};
use crate::model::sent::{Sent, SentMap};

/// One vendor endpoint. Each lives in its vendor's file under `src/vendors/`.
#[derive(Debug)]
pub struct Endpoint {
    /// Stable id, e.g. `ekuaibao.updateStaff`.
    pub id: &'static str,
    /// Vendor key: `fxiaoke`, `dingtalk`, `ekuaibao`, …
    pub vendor: &'static str,
    /// Human title.
    pub title: Text,
    /// HTTP method.
    pub method: &'static str,
    /// The vendor's documentation page.
    pub doc_url: &'static str,
    /// Set when the vendor discourages the endpoint.
    pub deprecated: Option<Text>,
    /// Used when the input has no `baseUrl`.
    pub default_base_url: &'static str,
    /// The documented request path (path parameters as `{name}`).
    pub documented_path: &'static str,
    /// The body's `Content-Type`.
    pub content_type: &'static str,
    /// `path` section, if the endpoint has path parameters.
    pub path: Option<&'static ObjectRule>,
    /// `query` section, if the endpoint has query parameters.
    pub query: Option<&'static ObjectRule>,
    /// `headers` section, if the vendor documents request headers.
    pub headers: Option<&'static ObjectRule>,
    /// `body` section; `None` for a request the vendor documents without
    /// a body (no `body` in the envelope, none in the request).
    pub body: Option<&'static ObjectRule>,
    /// Cross-field rules over more than one section (pointers from the
    /// envelope's root), run after the rules the objects carry.
    pub cross: &'static [CrossRule],
    /// Path and query (everything after the base URL) of a valid input,
    /// given the request path (the `urlPath` option or `documented_path`).
    pub url: fn(&Parts, &str) -> String,
    /// How the vendor's replies read.
    pub reply: &'static ReplySpec,
    /// The vendor's documented call rate for this API, per second.
    pub rate_per_second: f64,
    /// Where the rate comes from.
    pub rate_source: Meta,
    /// JSON Pointer of the value that identifies the record being updated
    /// (an array: each item is one record).
    pub record_key: Meta,
    /// What a token value starts with in its field (`Bearer ` for an
    /// `Authorization` header; empty for most).
    pub token_prefix: &'static str,
    /// Literal text the URL carries before each path parameter's encoded
    /// value (Ekuaibao's `$<staffId>`; empty for most).
    pub path_marker: &'static str,
    /// Finer limits for requests that carry given fields (Feishu: changes
    /// of `department_ids` or `is_frozen` at 1/s); the endpoint's rate
    /// still holds for every request. Metadata for sync runners.
    pub field_rates: &'static [FieldRate],
    /// What the call does to the record.
    pub operation: Operation,
    /// JSON Pointer of the caller's idempotency key, if the vendor has one
    /// (Feishu's `client_token`).
    pub idempotency_key: Option<&'static str>,
}

/// What an endpoint does to its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// Makes a new record.
    Create,
    /// Changes a record.
    Update,
    /// Removes a record.
    Delete,
    /// Enables or disables a record.
    Status,
}

impl Operation {
    /// Its name in `endpoints()`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Operation::Create => "create",
            Operation::Update => "update",
            Operation::Delete => "delete",
            Operation::Status => "status",
        }
    }
}

/// A rate that applies to the requests carrying any of `pointers`.
#[derive(Debug, Clone, Copy)]
pub struct FieldRate {
    /// JSON Pointers into the input; a request carries the field when the
    /// value there is present and not `null`.
    pub pointers: &'static [Meta],
    /// Requests per second at most, among those carrying one of the fields.
    pub per_second: f64,
    /// Where the limit comes from.
    pub source: Meta,
}

/// A section of the input envelope.
#[derive(Debug, Clone, Copy)]
pub struct Section {
    /// Its key in the envelope.
    pub name: &'static str,
    /// Its pointer.
    pub pointer: &'static str,
    /// Its fields.
    pub rule: &'static ObjectRule,
}

/// Where a cross-field rule applies: the rule and its pointers from the
/// envelope's root (the pointer of the object that carries it, then the
/// rule's own).
#[derive(Debug, Clone)]
pub struct BoundRule {
    /// The rule.
    pub rule: &'static CrossRule,
    /// Its pointers from the envelope's root.
    pub pointers: Vec<String>,
}

impl BoundRule {
    /// The `i`th pointer, or `""`.
    pub fn pointer(&self, i: usize) -> &str {
        self.pointers.get(i).map_or("", String::as_str)
    }
}

impl Endpoint {
    /// Every field left to its default: a vendor file's endpoint states
    /// only what differs (`..Endpoint::DEFAULT`).
    pub const DEFAULT: Endpoint = Endpoint {
        id: "",
        vendor: "",
        title: Text::NONE,
        method: "POST",
        doc_url: "",
        deprecated: None,
        default_base_url: "",
        documented_path: "",
        content_type: "application/json",
        path: None,
        query: None,
        headers: None,
        body: None,
        cross: &[],
        url: plain_url,
        reply: &ReplySpec::DEFAULT,
        rate_per_second: 10.0,
        rate_source: Meta::NONE,
        record_key: Meta::NONE,
        token_prefix: "",
        path_marker: "",
        field_rates: &[],
        operation: Operation::Update,
        idempotency_key: None,
    };

    /// Every cross-field rule, with its pointers from the root: those the
    /// objects carry (in section order, outer objects first, then field
    /// order), then the endpoint's own.
    pub fn cross_rules(&self) -> Vec<BoundRule> {
        let mut out = Vec::new();
        for section in self.sections() {
            collect_rules(section.rule, section.pointer, &mut out, 0);
        }
        out.extend(self.cross.iter().map(|rule| BoundRule {
            rule,
            pointers: rule.pointers.iter().map(|p| (*p).to_owned()).collect(),
        }));
        out
    }

    /// The envelope's sections this endpoint has, in envelope order.
    pub fn sections(&self) -> impl Iterator<Item = Section> + '_ {
        const NAMES: [(&str, &str); 4] = [
            ("path", "/path"),
            ("query", "/query"),
            ("headers", "/headers"),
            ("body", "/body"),
        ];
        let rules = [self.path, self.query, self.headers, self.body];
        NAMES
            .into_iter()
            .zip(rules)
            .filter_map(|((name, pointer), rule)| {
                Some(Section {
                    name,
                    pointer,
                    rule: rule?,
                })
            })
    }

    /// Every field declared secret, with its pointer into the input,
    /// nested ones included (a `-` stands for any array index).
    pub fn secret_fields(&self) -> Vec<(String, &'static Field)> {
        let mut out = Vec::new();
        for section in self.sections() {
            collect_secrets(section.rule, section.pointer.to_owned(), &mut out, 0);
        }
        out
    }

    /// Adds every key its rules name to `out`: the envelope's sections and
    /// each object's fields, at any depth (repeats included).
    pub fn keys(&self, out: &mut Vec<&'static str>) {
        for section in self.sections() {
            out.push(section.name);
            collect_keys(section.rule, out, 0);
        }
    }

    /// The JSON Pointer of the endpoint's token: its first secret field.
    pub fn token_pointer(&self) -> Option<String> {
        self.secret_fields().into_iter().next().map(|(p, _)| p)
    }
}

fn collect_rules(rule: &'static ObjectRule, base: &str, out: &mut Vec<BoundRule>, depth: usize) {
    // The field tables are ours and shallow; the bound only guards a cycle.
    if depth > 16 {
        return;
    }
    out.extend(rule.cross.iter().map(|cross| {
        BoundRule {
            rule: cross,
            pointers: cross
                .pointers
                .iter()
                .map(|p| format!("{base}{p}"))
                .collect(),
        }
    }));
    for field in rule.fields {
        match field.ty {
            Ty::Object(inner) => {
                collect_rules(inner, &format!("{base}/{}", field.key), out, depth + 1)
            }
            Ty::Array(arr) => {
                if let Ty::Object(inner) = arr.item.ty {
                    collect_rules(inner, &format!("{base}/{}/-", field.key), out, depth + 1);
                }
            }
            _ => {}
        }
    }
}

fn collect_keys(rule: &'static ObjectRule, out: &mut Vec<&'static str>, depth: usize) {
    // The field tables are ours and shallow; the bound only guards a cycle.
    if depth > 16 {
        return;
    }
    out.extend(rule.fields.iter().map(|f| f.key));
    // An open object's own keys are the caller's; its values' are ours.
    for field in rule.fields.iter().chain(rule.prefixed.map(|(_, f)| f)) {
        collect_value_keys(field, out, depth + 1);
    }
}

/// The keys of the objects that a field's value may hold.
fn collect_value_keys(field: &'static Field, out: &mut Vec<&'static str>, depth: usize) {
    if depth > 16 {
        return;
    }
    match field.ty {
        Ty::Object(inner) => collect_keys(inner, out, depth),
        Ty::Array(arr) => collect_value_keys(arr.item, out, depth + 1),
        Ty::Custom(custom) => {
            let CustomShape::ArrayOrJsonText(arr) = custom.shape;
            collect_value_keys(arr.item, out, depth + 1);
        }
        _ => {}
    }
}

fn collect_secrets(
    rule: &'static ObjectRule,
    base: String,
    out: &mut Vec<(String, &'static Field)>,
    depth: usize,
) {
    // The field tables are ours and shallow; the bound only guards a cycle.
    if depth > 16 {
        return;
    }
    for field in rule.fields {
        let pointer = crate::leaf::pointer::join(&base, field.key);
        if field.secret {
            out.push((pointer.clone(), field));
        }
        match field.ty {
            crate::model::field::Ty::Object(inner) => {
                collect_secrets(inner, pointer, out, depth + 1)
            }
            crate::model::field::Ty::Array(arr) => {
                if let crate::model::field::Ty::Object(inner) = arr.item.ty {
                    collect_secrets(inner, format!("{pointer}/-"), out, depth + 1);
                }
            }
            _ => {}
        }
    }
}

/// How a vendor's replies read, as data: the engine's one decoder
/// (`engine::reply`) applies it.
#[derive(Debug)]
pub struct ReplySpec {
    /// Key of the vendor's integer result code in the reply object. `None`:
    /// the HTTP status decides, and a 2xx reply must carry `ok_key`.
    pub code_key: Option<&'static str>,
    /// The code that means success.
    pub ok_code: i64,
    /// Keys that, when `false`, make a reply with the ok code a failure.
    pub false_keys: &'static [&'static str],
    /// For status-decided replies: the key a success reply carries (not null).
    pub ok_key: Option<&'static str>,
    /// Message keys, the first present one wins.
    pub message_keys: &'static [&'static str],
    /// Keys of a failure code for status-decided replies, first present wins.
    pub failure_code_keys: &'static [&'static str],
    /// Key of the request / trace id.
    pub trace_key: Option<&'static str>,
    /// Key of a finer code explaining the main one (DingTalk `sub_code`).
    pub sub_code_key: Option<&'static str>,
    /// Key of the finer code's message (DingTalk `sub_msg`).
    pub sub_message_key: Option<&'static str>,
    /// Result codes worth retrying later (busy, throttled).
    pub retryable: &'static [i64],
    /// Result codes that say the token is invalid or expired.
    pub token_codes: &'static [i64],
    /// HTTP statuses that say the token is invalid or expired.
    pub token_statuses: &'static [u16],
    /// `(key, value)` pairs that mark a reply without a result code as
    /// worth retrying later (DingTalk's IP block `{"status":1111}`).
    pub retry_markers: &'static [(&'static str, i64)],
    /// Texts that, in the message of a reply with the ok code, say the
    /// update was not applied as sent (WeCom's "Warning: wrong json
    /// format."): such a reply is a failure, not retried.
    pub failure_texts: &'static [&'static str],
    /// Codes that say a call quota is used up (Fxiaoke's daily quota):
    /// never retryable, reason `quota`.
    pub quota_codes: &'static [i64],
    /// Codes that say the app may not do this (scope, IP allow-list,
    /// API permission): never retryable, reason `permission`.
    pub permission_codes: &'static [i64],
    /// Codes that say the record to create exists already (`alreadyExists`).
    pub exists_codes: &'static [i64],
    /// Message texts that say the same, for vendors without such a code.
    pub exists_texts: &'static [&'static str],
    /// Codes that say the record does not exist (`notFound`). (No vendor
    /// says it only in words, so there is no text list for it.)
    pub not_found_codes: &'static [i64],
    /// Response header giving the seconds to wait after a throttled reply,
    /// besides the standard `Retry-After` (Feishu's
    /// `x-ogw-ratelimit-reset`; empty for most).
    pub reset_header: Meta,
    /// Where these codes come from.
    pub source: Meta,
    /// Sample replies, for the mock vendor and for the tests that check
    /// this spec decodes them as it says.
    pub samples: &'static ReplySamples,
}

impl ReplySpec {
    /// A spec with every key empty: a vendor file states what differs
    /// (`..ReplySpec::DEFAULT`).
    pub const DEFAULT: ReplySpec = ReplySpec {
        code_key: None,
        ok_code: 0,
        false_keys: &[],
        ok_key: None,
        message_keys: &[],
        failure_code_keys: &[],
        trace_key: None,
        sub_code_key: None,
        sub_message_key: None,
        retryable: &[],
        token_codes: &[],
        token_statuses: &[],
        retry_markers: &[],
        failure_texts: &[],
        quota_codes: &[],
        permission_codes: &[],
        exists_codes: &[],
        exists_texts: &[],
        not_found_codes: &[],
        reset_header: Meta::NONE,
        source: Meta::NONE,
        samples: &ReplySamples::NONE,
    };
}

/// One sample reply: HTTP status and body text. Bodies are metadata
/// ([`Meta`]): the npm build's wasm does not carry them, its glue gets
/// them as data.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    /// HTTP status.
    pub status: u16,
    /// Body text (JSON). In `invalid`, `{{message}}` stands for the message.
    pub body: Meta,
}

impl Sample {
    /// A reply with `status` and `body`.
    pub const fn new(status: u16, body: &'static str) -> Sample {
        Sample {
            status,
            body: Meta::new(body),
        }
    }
}

/// The replies a vendor gives, one of each kind: [`Sample`]s as declared,
/// or what the public API makes of them (`api::MockReplies`).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "meta", derive(serde::Serialize))]
#[cfg_attr(feature = "meta", serde(rename_all = "camelCase"))]
pub struct ReplySamples<S = Sample> {
    /// The update was applied.
    pub ok: S,
    /// The request was refused for what it holds (`{{message}}` marks
    /// where the message goes).
    pub invalid: S,
    /// Over the rate limit.
    pub throttled: S,
    /// The vendor is busy.
    pub busy: S,
    /// The token is invalid or expired.
    pub token_expired: S,
    /// The record to create exists already (`None`: the vendor has no
    /// create, or no way to say it).
    pub exists: Option<S>,
    /// The record does not exist (`None`: as above, for deletes).
    pub not_found: Option<S>,
}

impl<S: Copy> ReplySamples<S> {
    /// Each sample made into `f`'s.
    pub fn map<T>(&self, f: impl Fn(S) -> T) -> ReplySamples<T> {
        ReplySamples {
            ok: f(self.ok),
            invalid: f(self.invalid),
            throttled: f(self.throttled),
            busy: f(self.busy),
            token_expired: f(self.token_expired),
            exists: self.exists.map(&f),
            not_found: self.not_found.map(&f),
        }
    }
}

impl ReplySamples {
    /// No samples.
    pub const NONE: ReplySamples = ReplySamples {
        ok: Sample::new(0, ""),
        invalid: Sample::new(0, ""),
        throttled: Sample::new(0, ""),
        busy: Sample::new(0, ""),
        token_expired: Sample::new(0, ""),
        exists: None,
        not_found: None,
    };
}

/// The checked, normalised sections of an input, plus the raw input for
/// cross-field rules that care about what was sent rather than what passed.
#[derive(Debug)]
pub struct Parts<'a> {
    /// Base URL without trailing `/`.
    pub base_url: String,
    /// Normalised path parameters.
    pub path: SentMap<'a>,
    /// Normalised query parameters (input order).
    pub query: SentMap<'a>,
    /// The documented query keys, in documentation order.
    pub query_fields: &'static [Field],
    /// Normalised request headers.
    pub headers: SentMap<'a>,
    /// Normalised body: exactly what is sent.
    pub body: SentMap<'a>,
    /// The caller's input.
    pub raw: &'a Json<'a>,
    /// The endpoint's path marker ([`Endpoint::path_marker`]).
    pub path_marker: &'static str,
}

impl Parts<'_> {
    /// A normalised query value as text.
    pub fn query_str(&self, key: &str) -> Option<&str> {
        self.query.get(key).and_then(Sent::as_str)
    }

    /// A normalised path value as text.
    pub fn path_str(&self, key: &str) -> Option<&str> {
        self.path.get(key).and_then(Sent::as_str)
    }

    /// `?k=v&…` of the normalised query: `extra` pairs first, then the
    /// documented keys in documentation order, then any passed-through
    /// unknown keys in input order. Non-string values are sent as their
    /// JSON text.
    pub fn query_string(&self, extra: &[(&str, &str)]) -> String {
        let mut out = String::new();
        for (k, v) in extra {
            url::push_query_pair(&mut out, k, v);
        }
        let mut push = |k: &str, v: &Sent| match v.as_str() {
            Some(s) => url::push_query_pair(&mut out, k, s),
            None => url::push_query_pair(&mut out, k, &v.to_json()),
        };
        for field in self.query_fields {
            if let Some(v) = self.query.get(field.key) {
                push(field.key, v);
            }
        }
        for (k, v) in self.query.iter() {
            if !self.query_fields.iter().any(|f| f.key == k) {
                push(k, v);
            }
        }
        out
    }

    /// `path` with each `{name}` replaced by the path parameter `name`,
    /// percent-encoded as one segment and preceded by `marker` (Ekuaibao's
    /// literal `$`).
    pub fn fill_path(&self, path: &str, marker: &str) -> String {
        // One pass: text up to each `{`, then the parameter the braces name
        // (an unknown name is kept as written).
        let mut out = String::with_capacity(path.len() + 32);
        let mut rest = path;
        while let Some((head, name, tail)) = url::next_placeholder(rest) {
            out.push_str(head);
            match self.path.get(name).and_then(Sent::as_str) {
                Some(value) => {
                    out.push_str(marker);
                    out.push_str(&url::encode_segment(value));
                }
                None => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            }
            rest = tail;
        }
        out.push_str(rest);
        out
    }
}

/// The default URL builder: the request path with its parameters filled
/// in (each after the endpoint's path marker), then the query.
pub fn plain_url(parts: &Parts, path: &str) -> String {
    parts.fill_path(path, parts.path_marker) + &parts.query_string(&[])
}

/// The envelope's `baseUrl` field.
pub static BASE_URL_FIELD: Field = Field::new(
    "baseUrl",
    Ty::Str(StrRule {
        one_of: &[],
        format: Some(&url::BASE_URL),
        blank_is_empty: true,
        length: None,
    }),
)
.on_empty(Empty::Reject)
.label("Base URL", "服务地址")
.help(
    "Optional; defaults to the vendor's public host. https:// only (http:// for localhost, 127.x.x.x or [::1]); a trailing / is dropped.",
    "可选，默认为厂商公有云地址。仅限 https://（localhost、127.x.x.x 或 [::1] 可用 http://）；末尾的 / 会被去掉。",
)
.source("each vendor's documented public host; http:// only for a loopback mock");
