//! What an endpoint is (metadata, sections, cross-field rules, URL and
//! reply decoding) and the generic run that checks an input envelope
//! against it.

use serde_json::{Map, Value};

use crate::error::Error;
use crate::options::Options;
use crate::params;
use crate::reply::ReplyOutcome;
use crate::report::{Code, Ctx};
use crate::schema::{
    check_field, check_object, type_name, Empty, Field, Format, ObjectRule, StrRule, Text, Ty,
};
use crate::sent::{Sent, SentMap};
use crate::url;

/// One vendor endpoint. Each lives in its vendor's file under `src/vendors/`.
#[derive(Debug)]
pub struct Endpoint {
    /// Stable id, e.g. `ekuaibao.updateStaff`.
    pub id: &'static str,
    /// Vendor key: `fxiaoke`, `dingtalk`, `ekuaibao`.
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
    /// The documented request path (placeholders in `{}`).
    pub documented_path: &'static str,
    /// `path` section, if the endpoint has path parameters.
    pub path: Option<&'static ObjectRule>,
    /// `query` section, if the endpoint has query parameters.
    pub query: Option<&'static ObjectRule>,
    /// `body` section.
    pub body: &'static ObjectRule,
    /// Cross-field rules, run after the field walk.
    pub cross: fn(&mut Ctx, &Parts),
    /// What `cross` checks, declared for the metadata generators (describe,
    /// JSON Schema): one entry per rule, written next to the function.
    pub cross_rules: &'static [CrossRule],
    /// Path and query (everything after the base URL) of a valid input.
    pub url: fn(&Parts, &Options) -> Result<String, Error>,
    /// Decodes a vendor reply.
    pub reply: fn(u16, &str) -> ReplyOutcome,
}

/// A declarative description of one cross-field rule. The rule itself is
/// code in the vendor file; this says what it checks so that `describe`
/// can list it and `json_schema` can express it where JSON Schema can.
#[derive(Debug, Clone, Copy)]
pub struct CrossRule {
    /// The issue code the rule reports.
    pub code: Code,
    /// The fields involved, as JSON Pointers into the input (`-` stands
    /// for any array index); the field the issue is reported at comes
    /// first (for [`CrossKind::Together`], either one, whichever is missing).
    pub pointers: &'static [&'static str],
    /// What is checked.
    pub kind: CrossKind,
    /// The rule in words.
    pub text: Text,
    /// Where the rule comes from.
    pub source: &'static str,
}

/// The kinds of cross-field rule, in terms the metadata generators know.
/// "Sent" means present and not `null`, as the rules read the input.
#[derive(Debug, Clone, Copy)]
pub enum CrossKind {
    /// Sibling fields `pointers[0]` and `pointers[1]` are both sent or neither is.
    Together,
    /// When the sibling boolean `pointers[1]` is `true`, `pointers[0]` must be sent.
    RequiredIfTrue,
    /// `pointers[0]` must equal one of the items of the array `pointers[1]`.
    MemberOf,
    /// The values at `pointers[0]` must be distinct within their innermost
    /// array (the last `-` of the pointer).
    Unique,
    /// When the sibling `pointers[1]` holds one of `values`, `pointers[0]`
    /// must have `format`.
    FormatWhen {
        /// The values of `pointers[1]` that trigger the check.
        values: &'static [&'static str],
        /// The syntax `pointers[0]` must have then.
        format: &'static Format,
    },
    /// A `pointers[0]` text of the form `<prefix><digits>-…` (exactly
    /// `digits` ASCII digits, something after the `-`) must sit in the
    /// group whose id `pointers[1]` is `<prefix><digits>`.
    GroupPrefix {
        /// The literal start of a group id, e.g. `sys`.
        prefix: &'static str,
        /// How many digits follow it.
        digits: usize,
    },
    /// Advice reported as a warning; it never rejects an input.
    Advice,
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
    /// Normalised body: exactly what is sent.
    pub body: SentMap<'a>,
    /// The caller's input.
    pub raw: &'a Value,
}

impl Parts<'_> {
    /// The raw value at a pointer inside the caller's input.
    pub fn raw_at(&self, pointer: &str) -> Option<&Value> {
        crate::pointer::get(self.raw, pointer)
    }

    /// Whether the caller sent a non-null value at `pointer`.
    pub fn sent(&self, pointer: &str) -> bool {
        self.raw_at(pointer).is_some_and(|v| !v.is_null())
    }

    /// A normalised query value as text.
    pub fn query_str(&self, key: &str) -> Option<&str> {
        self.query.get(key).and_then(Sent::as_str)
    }

    /// A normalised path value as text.
    pub fn path_str(&self, key: &str) -> Option<&str> {
        self.path.get(key).and_then(Sent::as_str)
    }

    /// `?k=v&…` of the normalised query, documented keys first in `order`,
    /// then any passed-through unknown keys in input order. Non-string
    /// values are sent as their JSON text.
    pub fn query_string(&self, order: &[&str], extra: &[(&str, &str)]) -> String {
        let mut out = String::new();
        for (k, v) in extra {
            url::push_query_pair(&mut out, k, v);
        }
        let mut push = |k: &str, v: &Sent| match v.as_str() {
            Some(s) => url::push_query_pair(&mut out, k, s),
            None => url::push_query_pair(&mut out, k, &v.to_json()),
        };
        for key in order {
            if let Some(v) = self.query.get(key) {
                push(key, v);
            }
        }
        for (k, v) in self.query.iter() {
            if !order.contains(&k) {
                push(k, v);
            }
        }
        out
    }
}

/// The envelope's `baseUrl` field.
pub static BASE_URL_FIELD: Field = Field::new(
    "baseUrl",
    Ty::Str(StrRule {
        one_of: &[],
        format: Some(&url::BASE_URL),
        blank_is_empty: true,
    }),
)
.on_empty(Empty::Reject)
.label("Base URL", "服务地址")
.help(
    "Optional; defaults to the vendor's public host. https:// only (http:// for localhost, 127.x.x.x or [::1]); a trailing / is dropped.",
    "可选，默认为厂商公有云地址。仅限 https://（localhost、127.x.x.x 或 [::1] 可用 http://）；末尾的 / 会被去掉。",
)
.source("vendor-notes.md: public hosts; http only for loopback");

impl Endpoint {
    /// Checks `opts.url_path` (a misuse error, not a report issue).
    pub fn check_options(&self, opts: &Options) -> Result<(), Error> {
        if let Some(p) = &opts.url_path {
            // `{staffId}` is where the encoded id goes, not a path character: check the rest.
            let needs_id = self.documented_path.contains("{staffId}");
            let without_id = if needs_id {
                p.replace("{staffId}", "x")
            } else {
                p.clone()
            };
            if !url::is_request_path(&without_id) {
                return Err(Error::InvalidOption {
                    option: "urlPath",
                    reason: "must start with a single '/' and hold only path characters (no '?', '#', white space, control or non-ASCII characters; percent-encode them)".into(),
                });
            }
            if needs_id && !p.contains("{staffId}") {
                return Err(Error::InvalidOption {
                    option: "urlPath",
                    reason: format!(
                        "for {} it must contain {{staffId}}, where the encoded $<staffId> segment goes",
                        self.id
                    ),
                });
            }
        }
        Ok(())
    }

    /// The request path: `opts.url_path` if set, else the documented one.
    pub fn request_path<'o>(&'o self, opts: &'o Options) -> &'o str {
        opts.url_path.as_deref().unwrap_or(self.documented_path)
    }

    /// Walks the envelope and every section, then the cross-field rules.
    pub(crate) fn run<'a>(&self, ctx: &mut Ctx, input: &'a Value) -> Parts<'a> {
        let mut parts = Parts {
            base_url: self.default_base_url.to_owned(),
            path: SentMap::new(),
            query: SentMap::new(),
            body: SentMap::new(),
            raw: input,
        };
        let Value::Object(map) = input else {
            ctx.error(
                "",
                Code::Type,
                params! {"expected": "object", "actual": type_name(input)},
            );
            return parts;
        };
        let sections: [(&str, Option<&ObjectRule>); 3] = [
            ("path", self.path),
            ("query", self.query),
            ("body", Some(self.body)),
        ];
        let pointer_of = |name: &str| match name {
            "path" => "/path",
            "query" => "/query",
            _ => "/body",
        };
        for (key, value) in map {
            if key == "baseUrl" {
                if let Some(sent) = check_field(ctx, "/baseUrl", &BASE_URL_FIELD, value) {
                    if let Some(s) = sent.as_str() {
                        parts.base_url = s.trim_end_matches('/').to_owned();
                    }
                }
                continue;
            }
            match sections
                .iter()
                .find(|(name, rule)| name == key && rule.is_some())
            {
                Some((name, Some(rule))) => {
                    let pointer = pointer_of(name);
                    let Value::Object(m) = value else {
                        ctx.error(
                            pointer,
                            Code::Type,
                            params! {"expected": "object", "actual": type_name(value)},
                        );
                        continue;
                    };
                    // Unknown path parameters have no place in the URL: passing them
                    // "through" would drop them silently, so they stay errors.
                    let allow_unknown = ctx.allow_unknown;
                    ctx.allow_unknown = allow_unknown && *name != "path";
                    let out = check_object(ctx, pointer, rule, m);
                    ctx.allow_unknown = allow_unknown;
                    match *name {
                        "path" => parts.path = out,
                        "query" => parts.query = out,
                        _ => parts.body = out,
                    }
                }
                _ => {
                    let mut allowed = vec![Value::from("baseUrl")];
                    allowed.extend(
                        sections
                            .iter()
                            .filter(|(_, r)| r.is_some())
                            .map(|(n, _)| Value::from(*n)),
                    );
                    // An unknown envelope key has nowhere to go, even with allowUnknown:
                    // a `baseURL` typo would otherwise send the token to the default host.
                    let path = crate::pointer::join("", key);
                    ctx.error(&path, Code::UnknownField, params! {"allowed": allowed});
                }
            }
        }
        // A missing section reports each of its required fields at its own pointer.
        for (name, rule) in sections {
            if let Some(rule) = rule {
                if !map.contains_key(name) {
                    check_object(ctx, pointer_of(name), rule, &Map::new());
                }
            }
        }
        let walked = ctx.len();
        (self.cross)(ctx, &parts);
        if ctx.len() > walked {
            ctx.sort_by_document(input);
        }
        parts
    }
}
