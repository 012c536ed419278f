//! Shared pieces of the fuzz targets: how a fuzz input's bytes pick an
//! endpoint and options, and the properties every target checks. Nothing
//! here names a vendor or an endpoint: everything is read from the registry
//! (`rosterguard::endpoints()`), so an endpoint added there is fuzzed, and
//! checked, without a change here. The seed corpus writer
//! (`fuzz/examples/seed_corpus.rs`) uses [`encode`] so that seeds decode exactly
//! as the targets read them.
//!
//! Input layout of `validate` / `build_request`:
//!
//! * byte 0: the endpoint, as an index into `rosterguard::endpoints()`
//!   taken modulo its length (every endpoint is reachable, however many);
//! * byte 1: option flags: bit 0 `allowUnknown`, bit 1 `locale` zh-CN (else
//!   en), bits 2-3 `urlPath` mode ([`UrlMode`]: 0 none, 1 the documented
//!   path, 2 read from the input: the bytes up to the first `\n`, 3 an
//!   unusual but valid path keeping every `{placeholder}` of the documented
//!   one, see [`unusual_path`]); the other bits are ignored;
//! * the rest (after the `urlPath` line in mode 2): the JSON input envelope.
//!
//! `parse_response`: byte 0 is the endpoint (as above), bytes 1-2 the HTTP
//! status (big-endian), the rest the reply body (lossy UTF-8).

use std::collections::{BTreeMap, BTreeSet};
use std::net::{Ipv4Addr, Ipv6Addr};

use percent_encoding::percent_decode_str;
use rosterguard::model::field::{Empty, Field, ObjectRule, Ty};
use rosterguard::model::FormatResult;
use rosterguard::{Code, Endpoint, HttpRequest, Locale, Options, Report};
use serde_json::{Map, Value};

/// Flag bit of byte 1: `allowUnknown`.
pub const FLAG_ALLOW_UNKNOWN: u8 = 1;
/// Flag bit of byte 1: `locale: "zh-CN"`.
pub const FLAG_ZH: u8 = 2;
/// Shift of the two `urlPath` mode bits in byte 1.
pub const URL_MODE_SHIFT: u8 = 2;

/// The `urlPath` option a fuzz input selects (byte 1, bits 2-3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlMode {
    /// No `urlPath`: the documented path.
    None = 0,
    /// `urlPath` set to the documented path itself.
    Documented = 1,
    /// `urlPath` read from the input, up to the first `\n`.
    Line = 2,
    /// An unusual but valid path ([`unusual_path`]).
    Unusual = 3,
}

impl UrlMode {
    fn from_bits(bits: u8) -> UrlMode {
        match bits & 3 {
            0 => UrlMode::None,
            1 => UrlMode::Documented,
            2 => UrlMode::Line,
            _ => UrlMode::Unusual,
        }
    }
}

/// The endpoint a selector byte picks: index modulo the registry's length.
pub fn endpoint_at(byte: u8) -> &'static Endpoint {
    let all = rosterguard::endpoints();
    all[usize::from(byte) % all.len()]
}

/// The selector byte of the endpoint with this id (its registry index).
pub fn endpoint_index(id: &str) -> Option<u8> {
    let index = rosterguard::endpoints().iter().position(|e| e.id == id)?;
    u8::try_from(index).ok()
}

/// The `{name}` placeholders of a path template, in order, without repeats.
pub fn placeholders(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        let name = &rest[start + 1..start + len];
        if !out.contains(&name) {
            out.push(name);
        }
        rest = &rest[start + len + 1..];
    }
    out
}

/// The unusual `urlPath` of mode 3: every sub-delimiter, `:` and `@`, a
/// percent-encoded non-ASCII segment and an empty segment; then, for each
/// placeholder of the documented path, a segment holding it between
/// literal text and one holding only it, then a `~` segment.
pub fn unusual_path(ep: &Endpoint) -> String {
    let mut out = String::from("/v1/a:b@c/!$&'()*+,;=/%E4%BD%A0/");
    let names = placeholders(ep.documented_path);
    for name in &names {
        out.push_str(&format!("%41{{{name}}}z/{{{name}}}/"));
    }
    if !names.is_empty() {
        out.push_str("~tail");
    }
    out
}

/// A decoded `validate` / `build_request` input.
#[derive(Debug)]
pub struct Case<'a> {
    /// The endpoint.
    pub endpoint: &'static Endpoint,
    /// Options.
    pub options: Options,
    /// The JSON text of the envelope.
    pub json: &'a [u8],
}

/// Splits fuzz bytes into endpoint, options and JSON text.
pub fn decode(data: &[u8]) -> Option<Case<'_>> {
    let [selector, flags, rest @ ..] = data else {
        return None;
    };
    let endpoint = endpoint_at(*selector);
    let mut json = rest;
    let url_path = match UrlMode::from_bits(flags >> URL_MODE_SHIFT) {
        UrlMode::None => None,
        UrlMode::Documented => Some(endpoint.documented_path.to_owned()),
        UrlMode::Line => {
            let end = rest.iter().position(|&b| b == b'\n')?;
            json = &rest[end + 1..];
            Some(String::from_utf8_lossy(&rest[..end]).into_owned())
        }
        UrlMode::Unusual => Some(unusual_path(endpoint)),
    };
    Some(Case {
        endpoint,
        options: Options {
            locale: if flags & FLAG_ZH != 0 {
                Locale::ZhCn
            } else {
                Locale::En
            },
            allow_unknown: flags & FLAG_ALLOW_UNKNOWN != 0,
            url_path,
        },
        json,
    })
}

/// The bytes [`decode`] reads back as this endpoint (registry index),
/// options and JSON text. `url_mode` is used when `url_path` is `None`; a
/// `url_path` given here is written as [`UrlMode::Line`], on its own line.
pub fn encode(
    endpoint_index: u8,
    allow_unknown: bool,
    zh: bool,
    url_mode: UrlMode,
    url_path: Option<&str>,
    json: &str,
) -> Vec<u8> {
    let mode = if url_path.is_some() {
        UrlMode::Line
    } else {
        url_mode
    };
    let mut flags = (mode as u8) << URL_MODE_SHIFT;
    if allow_unknown {
        flags |= FLAG_ALLOW_UNKNOWN;
    }
    if zh {
        flags |= FLAG_ZH;
    }
    let mut out = vec![endpoint_index, flags];
    if let Some(p) = url_path {
        out.extend_from_slice(p.as_bytes());
        out.push(b'\n');
    }
    out.extend_from_slice(json.as_bytes());
    out
}

/// Parses the envelope; `None` for text that is not JSON (the library takes
/// a parsed tree, so such bytes are not an input).
pub fn parse(json: &[u8]) -> Option<Value> {
    serde_json::from_slice(json).ok()
}

/// Checks the invariants every report must hold.
pub fn check_report(report: &Report) {
    assert_eq!(report.ok, report.errors.is_empty(), "ok iff no errors");
    assert!(
        report.errors.len() <= rosterguard::MAX_ISSUES + 1,
        "error list is capped"
    );
    assert!(
        report.warnings.len() <= rosterguard::MAX_ISSUES + 1,
        "warning list is capped"
    );
    for (issue, warning) in report
        .errors
        .iter()
        .map(|i| (i, false))
        .chain(report.warnings.iter().map(|i| (i, true)))
    {
        assert!(!issue.message.is_empty(), "empty message: {issue:?}");
        assert!(
            rosterguard::pointer::segments(&issue.path).is_some(),
            "not a JSON Pointer: {issue:?}"
        );
        let mut chars = issue.path.chars();
        while let Some(c) = chars.next() {
            if c == '~' {
                assert!(
                    matches!(chars.next(), Some('0' | '1')),
                    "bad escape: {issue:?}"
                );
            }
        }
        let either = matches!(issue.code, Code::UnknownField)
            || issue.path.is_empty() && issue.code == Code::MaxItems;
        assert!(
            either || issue.code.is_warning() == warning,
            "code in the wrong list: {issue:?}"
        );
    }
    serde_json::to_string(report).expect("report serialises");
}

// ---- secrets ---------------------------------------------------------------

/// The concrete pointers a pointer with `-` (any array index) stands for in
/// `root`: every index of every array met at a `-`.
fn expand_pointer(root: &Value, pointer: &str) -> Vec<String> {
    let Some(segs) = rosterguard::pointer::segments(pointer) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    expand_into(root, &segs, String::new(), &mut out);
    out
}

fn expand_into(v: &Value, segs: &[String], at: String, out: &mut Vec<String>) {
    let Some((first, rest)) = segs.split_first() else {
        out.push(at);
        return;
    };
    match v {
        Value::Array(items) if first == "-" => {
            for (i, item) in items.iter().enumerate() {
                expand_into(item, rest, rosterguard::pointer::join_index(&at, i), out);
            }
        }
        Value::Object(map) => {
            if let Some(child) = map.get(first.as_str()) {
                expand_into(child, rest, rosterguard::pointer::join(&at, first), out);
            }
        }
        _ => {}
    }
}

/// `tok` with every ASCII letter and digit moved to the next one of its
/// class (`a`→`b`, `z`→`a`, `9`→`0`): a different secret of the same
/// length (in characters and bytes) and the same character classes.
fn other_secret(tok: &str) -> String {
    tok.chars()
        .map(|c| match c {
            'a'..='y' | 'A'..='Y' | '0'..='8' => char::from(c as u8 + 1),
            'z' => 'a',
            'Z' => 'A',
            '9' => '0',
            other => other,
        })
        .collect()
}

/// A replacement for the secret text `s` (a value of `field`, or of an
/// unknown key when `field` is `None`) that keeps everything a rule can
/// look at: the `prefix` (`Bearer ` of an `Authorization` header), length,
/// character classes and the field's format verdict. `None` when there is
/// nothing to replace, or the replacement could change the field's own
/// issues (then the comparison would say nothing about leaks).
fn replacement(s: &str, prefix: &str, field: Option<&Field>) -> Option<String> {
    let tok = s.strip_prefix(prefix)?;
    if !tok.chars().any(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let new = format!("{prefix}{}", other_secret(tok));
    if let Some(field) = field {
        let rule = field.str_rule()?;
        if !rule.one_of.is_empty() {
            return None;
        }
        if let Some(format) = rule.format {
            let same = matches!(
                ((format.check)(s), (format.check)(&new)),
                (FormatResult::Ok, FormatResult::Ok)
                    | (FormatResult::Bad, FormatResult::Bad)
                    | (FormatResult::Normalized(_), FormatResult::Normalized(_))
            );
            if !same {
                return None;
            }
        }
    }
    Some(new)
}

/// The input with every secret value replaced by another of the same shape
/// ([`replacement`]): each of the endpoint's secret fields (nested ones
/// included, the token keeping the endpoint's `token_prefix`, such as
/// `Bearer ` in an `Authorization` header), and any key of
/// `rosterguard::secret_keys()` sent directly in a section (passed through
/// under `allowUnknown`). The report must not change: no secret can reach
/// a message or a param. `None` when there was nothing to replace.
pub fn with_placeholder_secrets(ep: &Endpoint, input: &Value) -> Option<Value> {
    let mut out = input.clone();
    let mut changed = false;
    let token = ep.token_pointer();
    let mut done: BTreeSet<String> = BTreeSet::new();
    let mut targets: Vec<(String, &str, Option<&Field>)> = Vec::new();
    for (pattern, field) in ep.secret_fields() {
        let prefix = if token.as_deref() == Some(pattern.as_str()) {
            ep.token_prefix
        } else {
            ""
        };
        for p in expand_pointer(input, &pattern) {
            targets.push((p, prefix, Some(field)));
        }
    }
    for section in ep.sections() {
        for key in rosterguard::secret_keys() {
            if section.rule.field(key).is_none() {
                targets.push((rosterguard::pointer::join(section.pointer, key), "", None));
            }
        }
    }
    for (pointer, prefix, field) in targets {
        if !done.insert(pointer.clone()) {
            continue;
        }
        let Some(Value::String(s)) = out.pointer_mut(&pointer) else {
            continue;
        };
        if let Some(new) = replacement(s, prefix, field) {
            *s = new;
            changed = true;
        }
    }
    changed.then_some(out)
}

// ---- what a built request must hold ----------------------------------------

/// What the built request must carry for one input value of a documented
/// field, as the walker normalises it.
#[derive(Debug, Clone, PartialEq)]
enum Expect {
    /// Exactly this text.
    Text(String),
    /// Nothing (the value is `null`, or an empty text the field drops).
    Absent,
    /// Some value the harness cannot predict (a vendor-specific check).
    Any,
}

/// What `field` sends for the input value `v` (which it accepted: the
/// request was built).
fn expect_value(field: &Field, v: &Value) -> Expect {
    match (&field.ty, v) {
        (_, Value::Null) => Expect::Absent,
        (Ty::Str(rule), Value::String(_) | Value::Number(_)) => {
            let text = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let empty = if rule.blank_is_empty {
                text.trim().is_empty()
            } else {
                text.is_empty()
            };
            if empty {
                return match field.empty {
                    Empty::Drop if !field.required => Expect::Absent,
                    _ => Expect::Text(text),
                };
            }
            match rule.format.map(|f| (f.check)(&text)) {
                Some(FormatResult::Normalized(canonical)) => Expect::Text(canonical),
                _ => Expect::Text(text),
            }
        }
        (Ty::Int(_), Value::Number(n)) if n.is_i64() || n.is_u64() => Expect::Text(n.to_string()),
        (Ty::Bool, Value::Bool(b)) => Expect::Text(b.to_string()),
        _ => Expect::Any,
    }
}

/// The documented field for `key` in `rule`: by name, or by its key
/// prefix (`prefixed`). The second value says whether it came by prefix.
fn field_for<'r>(rule: &'r ObjectRule, key: &str) -> Option<(&'r Field, bool)> {
    if let Some(f) = rule.field(key) {
        return Some((f, false));
    }
    match rule.prefixed {
        Some((prefix, template)) if key.len() > prefix.len() && key.starts_with(prefix) => {
            Some((template, true))
        }
        _ => None,
    }
}

/// The text an unknown (passed-through) value is sent as: strings as they
/// are, anything else as its JSON text.
fn passthrough_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Percent-decodes a URL component to bytes: the caller's own escapes in
/// `baseUrl` or `urlPath` (valid `%XX`, kept as given) need not be UTF-8.
fn decode_bytes(s: &str) -> Vec<u8> {
    percent_decode_str(s).collect()
}

/// The decoded segments a request path (a template: `{name}` stands for the
/// path parameter `name`) must give, each `{name}` of `values` replaced by
/// `marker` + its value. `None` in a segment: a value the harness cannot
/// predict sits in it.
fn expected_segments(path: &str, values: &[(&str, Expect)], marker: &str) -> Vec<Option<Vec<u8>>> {
    let path = path.strip_prefix('/').unwrap_or(path);
    path.split('/')
        .map(|seg| {
            let mut out = Vec::new();
            let mut rest = seg;
            loop {
                // The earliest placeholder with a value; the others are literal text.
                let next = values
                    .iter()
                    .filter_map(|(name, e)| {
                        rest.find(&format!("{{{name}}}")).map(|i| (i, *name, e))
                    })
                    .min_by_key(|(i, _, _)| *i);
                let Some((i, name, e)) = next else {
                    out.extend(decode_bytes(rest));
                    return Some(out);
                };
                out.extend(decode_bytes(&rest[..i]));
                match e {
                    Expect::Text(t) => {
                        out.extend_from_slice(marker.as_bytes());
                        out.extend_from_slice(t.as_bytes());
                    }
                    _ => return None,
                }
                rest = &rest[i + name.len() + 2..];
            }
        })
        .collect()
}

fn lossy(segments: &[Option<Vec<u8>>]) -> Vec<String> {
    segments
        .iter()
        .map(|s| match s {
            Some(b) => String::from_utf8_lossy(b).into_owned(),
            None => "<any>".to_owned(),
        })
        .collect()
}

#[derive(Debug, PartialEq)]
enum ExpectedHost {
    Domain(String),
    V4(Ipv4Addr),
    V6(Ipv6Addr),
}

fn expected_host(host: &str) -> ExpectedHost {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return ExpectedHost::V6(inner.parse().expect("accepted IPv6 host parses with std"));
    }
    match host.parse::<Ipv4Addr>() {
        Ok(ip) => ExpectedHost::V4(ip),
        Err(_) => ExpectedHost::Domain(host.to_ascii_lowercase()),
    }
}

/// An HTTP header name must be an RFC 9110 token.
fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// The input's object at `key`, or an empty one.
fn section(input: &Value, key: &str) -> Map<String, Value> {
    input
        .get(key)
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

/// Checks the headers of a built request: `Content-Type` is the endpoint's
/// (none for a request the vendor documents without a body), plus the sent
/// values of the `headers` section; names are tokens, values printable
/// ASCII with spaces only inside.
fn check_headers(ep: &Endpoint, input: &Value, req: &HttpRequest) {
    let mut want: BTreeMap<String, Expect> = BTreeMap::new();
    if ep.body.is_some() {
        want.insert(
            "Content-Type".to_owned(),
            Expect::Text(ep.content_type.to_owned()),
        );
    }
    if let Some(rule) = ep.headers {
        for (name, v) in &section(input, "headers") {
            let e = match field_for(rule, name) {
                Some((field, _)) => expect_value(field, v),
                None if v.is_null() => Expect::Absent,
                // The builder sends text values; another unknown value is not
                // predicted here (sent as its JSON text, or not at all).
                None if v.is_string() => Expect::Text(passthrough_text(v)),
                None => Expect::Any,
            };
            match e {
                Expect::Absent => {}
                e => {
                    want.insert(name.clone(), e);
                }
            }
        }
    }
    for (name, e) in &want {
        match (e, req.headers.get(name)) {
            (Expect::Text(t), Some(got)) => assert_eq!(got, t, "header {name}"),
            (Expect::Text(_), None) => panic!("header {name} missing: {:?}", req.headers),
            _ => {}
        }
    }
    let mut seen = BTreeSet::new();
    for (name, value) in &req.headers {
        assert!(
            want.contains_key(name),
            "header {name} not asked for: {:?}",
            req.headers
        );
        assert!(
            seen.insert(name.to_ascii_lowercase()),
            "header {name} twice (names differ only in case)"
        );
        assert!(
            !name.is_empty() && name.bytes().all(is_tchar),
            "header name {name:?} is not a token"
        );
        assert!(
            value.bytes().all(|b| b.is_ascii_graphic() || b == b' ')
                && !value.starts_with(' ')
                && !value.ends_with(' '),
            "control, non-ASCII or edge space in header {name}: {value:?}"
        );
    }
}

/// Checks a request that `build_request` accepted: headers, no control,
/// space or non-ASCII byte in method and URL, the URL's scheme, host, port,
/// path segments (path parameters included) and query pairs exactly as
/// intended, and a body that re-validates with zero errors and rebuilds to
/// the same text. Every expectation is read from the endpoint's declaration.
pub fn check_built(ep: &Endpoint, input: &Value, options: &Options, req: &HttpRequest) {
    check_request_line(ep, input, options, req);
    check_body(ep, input, options, req);
}

/// Everything [`check_built`] checks but the body: method, headers, URL.
/// Reads only the endpoint's declaration (not the registry), so it also
/// runs on endpoints made up for the harness's own tests.
fn check_request_line(ep: &Endpoint, input: &Value, options: &Options, req: &HttpRequest) {
    assert_eq!(req.method, ep.method);
    for text in [&req.method, &req.url] {
        assert!(
            text.bytes().all(|b| b.is_ascii_graphic()),
            "control, space or non-ASCII byte in {text:?}"
        );
    }
    check_headers(ep, input, req);

    // ---- URL: scheme, host, port -----------------------------------------
    let base = match input.get("baseUrl") {
        Some(Value::String(s)) => s.trim_end_matches('/').to_owned(),
        _ => ep.default_base_url.to_owned(),
    };
    let (scheme, rest) = base.split_once("://").expect("base has a scheme");
    let (authority, prefix) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let (host, port) = match authority.rfind(':') {
        Some(i) if !authority.ends_with(']') => {
            let (h, p) = authority.split_at(i);
            (h, Some(p[1..].parse::<u16>().expect("port")))
        }
        _ => (authority, None),
    };
    let parsed = url::Url::parse(&req.url)
        .unwrap_or_else(|e| panic!("built URL does not parse: {e}: {}", req.url));
    assert_eq!(parsed.scheme(), scheme, "scheme of {}", req.url);
    assert!(parsed.username().is_empty() && parsed.password().is_none());
    let actual_host = match parsed.host().expect("URL has a host") {
        url::Host::Domain(d) => ExpectedHost::Domain(d.to_owned()),
        url::Host::Ipv4(ip) => ExpectedHost::V4(ip),
        url::Host::Ipv6(ip) => ExpectedHost::V6(ip),
    };
    assert_eq!(actual_host, expected_host(host), "host of {}", req.url);
    let default_port = if scheme == "https" { 443 } else { 80 };
    assert_eq!(
        parsed.port_or_known_default(),
        Some(port.unwrap_or(default_port)),
        "port of {}",
        req.url
    );
    assert_eq!(parsed.fragment(), None, "fragment in {}", req.url);

    // ---- URL: path ---------------------------------------------------------
    // Every {name} of the request path is the path parameter `name`, encoded
    // as (part of) one segment, with or without a literal `$` before it
    // (Ekuaibao's marker): each decoded segment is exactly the template's
    // literal text with `value` or `$value` in place, so no value can
    // escape its segment or be read as a dot segment.
    let request_path = ep.request_path(options);
    let path_input = section(input, "path");
    let mut values: Vec<(&str, Expect)> = Vec::new();
    if let Some(rule) = ep.path {
        for field in rule.fields {
            if let Some(v) = path_input.get(field.key) {
                values.push((field.key, expect_value(field, v)));
            }
        }
    }
    for name in placeholders(request_path) {
        if rule_has(ep.path, name) {
            assert!(
                values
                    .iter()
                    .any(|(n, e)| *n == name && *e != Expect::Absent),
                "{{{name}}} is in the path but no value was sent for it"
            );
        }
    }
    let got: Vec<Vec<u8>> = parsed
        .path_segments()
        .expect("hierarchical URL")
        .map(decode_bytes)
        .collect();
    let mut prefix_segs: Vec<Option<Vec<u8>>> = Vec::new();
    if !prefix.is_empty() {
        prefix_segs = expected_segments(prefix, &[], "");
    }
    // The endpoint declares the text before each path value (`$` for Ekuaibao).
    let candidates: Vec<Vec<Option<Vec<u8>>>> = [ep.path_marker]
        .iter()
        .map(|marker| {
            let mut want = prefix_segs.clone();
            want.extend(expected_segments(request_path, &values, marker));
            want
        })
        .collect();
    let matches = |want: &Vec<Option<Vec<u8>>>| {
        want.len() == got.len()
            && want
                .iter()
                .zip(&got)
                .all(|(w, g)| w.as_ref().is_none_or(|w| w == g))
    };
    assert!(
        candidates.iter().any(matches),
        "path segments of {}: got {:?}, want {:?}",
        req.url,
        got.iter()
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .collect::<Vec<_>>(),
        lossy(&candidates[0])
    );

    // ---- URL: query --------------------------------------------------------
    // Documented keys first, in documentation order, then passed-through
    // unknown keys in input order; values decode to what was given. A
    // documented key the input does not send but the URL carries is one the
    // builder generates (Fxiaoke's thirdTraceId): URL-safe and non-empty,
    // in its place in documentation order.
    let documented: &[Field] = ep.query.map_or(&[], |q| q.fields);
    let query = section(input, "query");
    let got_pairs: Vec<(String, String)> = parsed.query_pairs().into_owned().collect();
    let raw_values: Vec<&str> = parsed
        .query()
        .filter(|q| !q.is_empty())
        .map(|q| {
            q.split('&')
                .map(|p| p.split_once('=').map_or("", |(_, v)| v))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(raw_values.len(), got_pairs.len(), "query of {}", req.url);
    let is_documented = |k: &str| documented.iter().any(|f| f.key == k);
    let first_other = got_pairs
        .iter()
        .position(|(k, _)| !is_documented(k))
        .unwrap_or(got_pairs.len());
    assert!(
        got_pairs[first_other..]
            .iter()
            .all(|(k, _)| !is_documented(k)),
        "documented query keys come first: {}",
        req.url
    );
    let mut want_documented: Vec<(String, Expect)> = Vec::new();
    for field in documented {
        let e = query
            .get(field.key)
            .map_or(Expect::Absent, |v| expect_value(field, v));
        want_documented.push((field.key.to_owned(), e));
    }
    let mut given: Vec<(&str, &str)> = Vec::new();
    let mut last = None;
    for ((k, v), raw) in got_pairs[..first_other].iter().zip(&raw_values) {
        // Generated keys included: the whole documented block is in
        // documentation order, each key at most once.
        let at = want_documented
            .iter()
            .position(|(key, _)| key == k)
            .expect("documented");
        assert!(
            last.is_none_or(|l| at > l),
            "documented query keys once each, in documentation order: {}",
            req.url
        );
        last = Some(at);
        let e = &want_documented[at].1;
        match e {
            Expect::Absent => assert!(
                !raw.is_empty()
                    && raw
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b)),
                "generated query value {k}={raw:?} is empty or not URL-safe"
            ),
            _ => given.push((k, v)),
        }
    }
    let want_given: Vec<(&str, &Expect)> = want_documented
        .iter()
        .filter(|(_, e)| *e != Expect::Absent)
        .map(|(k, e)| (k.as_str(), e))
        .collect();
    assert_eq!(
        given.len(),
        want_given.len(),
        "documented query pairs of {}",
        req.url
    );
    for ((gk, gv), (wk, we)) in given.iter().zip(&want_given) {
        assert_eq!(
            gk, wk,
            "documented query keys in documentation order: {}",
            req.url
        );
        if let Expect::Text(t) = we {
            assert_eq!(gv, t, "query value {gk} of {}", req.url);
        }
    }
    let mut want_other: Vec<(String, Expect)> = Vec::new();
    for (k, v) in &query {
        // An unknown key holding null is dropped (dropped_empty), not sent.
        if is_documented(k) || v.is_null() {
            continue;
        }
        match ep.query.and_then(|q| field_for(q, k)) {
            Some((field, _)) => match expect_value(field, v) {
                Expect::Absent => {}
                e => want_other.push((k.clone(), e)),
            },
            None => {
                assert!(
                    options.allow_unknown,
                    "unknown query key {k} built without allowUnknown"
                );
                want_other.push((k.clone(), Expect::Text(passthrough_text(v))));
            }
        }
    }
    let other = &got_pairs[first_other..];
    assert_eq!(other.len(), want_other.len(), "query of {}", req.url);
    for ((gk, gv), (wk, we)) in other.iter().zip(&want_other) {
        assert_eq!(
            gk, wk,
            "passed-through query keys in input order: {}",
            req.url
        );
        if let Expect::Text(t) = we {
            assert_eq!(gv, t, "query value {gk} of {}", req.url);
        }
    }
}

/// The body of a built request: a JSON object, without `null` unless
/// `allowUnknown` passed one through, that re-validates with zero errors
/// when put back into the envelope and rebuilds to the same text.
fn check_body(ep: &Endpoint, input: &Value, options: &Options, req: &HttpRequest) {
    // A request the vendor documents without a body has none.
    let Some(text) = req.body.as_deref() else {
        assert!(ep.body.is_none(), "a body-less request for a body endpoint");
        return;
    };
    let body: Value = serde_json::from_str(text).expect("body is JSON");
    assert!(body.is_object(), "body is an object");
    if !options.allow_unknown {
        assert!(!contains_null(&body), "null in a built body: {text}");
    }
    let mut again = input.clone();
    again
        .as_object_mut()
        .expect("a valid input is an object")
        .insert("body".into(), body);
    let report = rosterguard::validate(ep.id, &again, options).expect("validates");
    assert!(
        report.ok,
        "built body does not re-validate: {:?}\nbody: {text}",
        report.errors
    );
    let rebuilt = rosterguard::build_request(ep.id, &again, options).expect("rebuilds");
    assert_eq!(rebuilt.body, req.body, "building a built body changes it");
}

fn rule_has(rule: Option<&ObjectRule>, key: &str) -> bool {
    rule.is_some_and(|r| r.field(key).is_some())
}

/// Whether `key` names a secret (`rosterguard::secret_keys()`).
fn is_secret(key: &str) -> bool {
    rosterguard::secret_keys().contains(&key)
}

/// `v` with the value of every secret key, at any depth, replaced by the mask.
fn masked(v: &Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, x)| {
                    let x = if is_secret(k) {
                        Value::from(rosterguard::MASK)
                    } else {
                        masked(x)
                    };
                    (k.clone(), x)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(masked).collect()),
        other => other.clone(),
    }
}

/// The redacted copy (what `Debug` prints, and what `redact_url` /
/// `redact_body` give) masks every secret query value, secret header
/// (names compared without case) and secret body key at any depth, and
/// changes nothing else.
pub fn check_redacted(req: &HttpRequest) {
    let safe = req.redacted();
    assert_eq!(format!("{req:?}"), format!("{safe:?}"));
    assert_eq!(safe.method, req.method);
    assert_eq!(rosterguard::redact_url(&req.url), safe.url);
    assert_eq!(req.body.as_deref().map(rosterguard::redact_body), safe.body);

    let url = url::Url::parse(&safe.url).expect("redacted URL parses");
    let original = url::Url::parse(&req.url).expect("URL parses");
    assert_eq!(url.path(), original.path());
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    let before: Vec<(String, String)> = original.query_pairs().into_owned().collect();
    assert_eq!(pairs.len(), before.len());
    for ((k, v), (k0, v0)) in pairs.iter().zip(&before) {
        assert_eq!(k, k0);
        if is_secret(k) {
            assert_eq!(v, rosterguard::MASK, "token not masked in {}", safe.url);
        } else {
            assert_eq!(v, v0);
        }
    }

    assert_eq!(
        safe.headers.keys().collect::<Vec<_>>(),
        req.headers.keys().collect::<Vec<_>>()
    );
    for (name, value) in &req.headers {
        let secret = rosterguard::secret_keys()
            .iter()
            .any(|k| k.eq_ignore_ascii_case(name));
        let shown = &safe.headers[name];
        if secret {
            assert_eq!(shown, rosterguard::MASK, "header {name} not masked");
        } else {
            assert_eq!(shown, value, "header {name} changed by redaction");
        }
    }

    if let (Some(body), Some(shown)) = (req.body.as_deref(), safe.body.as_deref()) {
        let body: Value = serde_json::from_str(body).expect("body is JSON");
        let shown: Value = serde_json::from_str(shown).expect("redacted body is JSON");
        assert_eq!(shown, masked(&body), "redacted body");
    }
}

/// Whether a (shallow: built bodies are bounded) tree holds a null.
fn contains_null(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(items) => items.iter().any(contains_null),
        Value::Object(map) => map.values().any(contains_null),
        _ => false,
    }
}

// ---- replies ---------------------------------------------------------------

/// Checks the invariants of a decoded reply, whatever the endpoint: a
/// success only on 2xx and neither retryable nor "token expired"; a 5xx or
/// 429 failure retryable, unless its code says quota or permission (never
/// retryable, whatever the status); every failure says why; every text clipped to
/// `MAX_MESSAGE_CHARS` characters plus `…`; the outcome serialises.
pub fn check_reply(status: u16, outcome: &rosterguard::ReplyOutcome) {
    if outcome.ok {
        assert!((200..300).contains(&status), "ok on HTTP {status}");
        assert!(!outcome.retryable, "a success is not retryable");
        assert!(!outcome.token_expired, "a success has no expired token");
    } else {
        if outcome.reason.is_some() {
            assert!(
                !outcome.retryable,
                "a quota or permission failure is not retryable"
            );
        } else if status >= 500 || status == 429 {
            assert!(outcome.retryable, "HTTP {status} failure must be retryable");
        }
        assert!(
            outcome.message.as_deref().is_some_and(|m| !m.is_empty())
                || outcome.vendor_code.is_some(),
            "a failure says why"
        );
    }
    let limit = rosterguard::MAX_MESSAGE_CHARS + 1;
    for text in [&outcome.message, &outcome.vendor_code, &outcome.trace_id]
        .into_iter()
        .flatten()
    {
        assert!(text.chars().count() <= limit, "unclipped text: {text:?}");
    }
    serde_json::to_string(outcome).expect("serialises");
}

/// Bodies any vendor may send back: empty, blank, JSON that is not an
/// object, HTML from a gateway, truncated JSON, a bare string.
pub const GARBAGE_BODIES: &[&str] = &[
    "",
    "   ",
    "null",
    "[]",
    "\"\"",
    "0",
    "<html>502 Bad Gateway</html>",
    "{\"a\":",
    "密钥无效",
];

/// HTTP statuses every reply seed is tried under (plus the sample's own).
pub const REPLY_STATUSES: &[u16] = &[200, 201, 204, 400, 401, 403, 412, 429, 500, 503];

/// Seeds for the reply target: `(endpoint index, status, body)`. For every
/// endpoint of the registry, its sample replies (`reply.samples`: ok,
/// invalid with a message, an empty one and an over-long one, throttled,
/// busy, token expired) and [`GARBAGE_BODIES`], each under its own status
/// and every one of [`REPLY_STATUSES`].
pub fn reply_seeds() -> Vec<(u8, u16, String)> {
    let mut out = Vec::new();
    let long = "长".repeat(rosterguard::MAX_MESSAGE_CHARS + 20);
    for (i, ep) in rosterguard::endpoints().iter().enumerate() {
        let index = u8::try_from(i).expect("at most 256 endpoints");
        let s = ep.reply.samples;
        let mut bodies: Vec<(Option<u16>, String)> = Vec::new();
        for sample in [s.ok, s.throttled, s.busy, s.token_expired] {
            bodies.push((Some(sample.status), sample.body.get().to_owned()));
        }
        for message in ["员工名称不能为空", "", long.as_str()] {
            let body = s.invalid.body.get().replace("{{message}}", message);
            bodies.push((Some(s.invalid.status), body));
        }
        bodies.push((Some(s.invalid.status), s.invalid.body.get().to_owned()));
        for g in GARBAGE_BODIES {
            bodies.push((None, (*g).to_owned()));
        }
        for (own, body) in bodies {
            let mut statuses: Vec<u16> = own.into_iter().collect();
            statuses.extend(REPLY_STATUSES.iter().filter(|s| Some(**s) != own));
            for status in statuses {
                out.push((index, status, body.clone()));
            }
        }
    }
    out
}

/// Every key declared in the registry (envelope sections and every field,
/// nested ones included), placeholders, content types and the reply keys
/// of the samples: dictionary entries for libFuzzer, in a stable order.
pub fn registry_tokens() -> Vec<String> {
    fn walk(rule: &ObjectRule, out: &mut BTreeSet<String>, depth: usize) {
        if depth > 16 {
            return;
        }
        if let Some((prefix, template)) = rule.prefixed {
            // A key prefix: the opening quote and the prefix, no closing quote.
            out.insert(format!("\u{0}{prefix}"));
            walk_field(template, out, depth);
        }
        for field in rule.fields {
            walk_field(field, out, depth);
        }
    }
    fn walk_field(field: &Field, out: &mut BTreeSet<String>, depth: usize) {
        if !field.key.is_empty() {
            out.insert(field.key.to_owned());
        }
        match &field.ty {
            Ty::Str(rule) => out.extend(rule.one_of.iter().map(|s| (*s).to_owned())),
            Ty::Object(inner) => walk(inner, out, depth + 1),
            Ty::Array(arr) => walk_field(arr.item, out, depth + 1),
            _ => {}
        }
    }
    fn reply_keys(v: &Value, out: &mut BTreeSet<String>) {
        match v {
            Value::Object(map) => {
                for (k, x) in map {
                    out.insert(k.clone());
                    reply_keys(x, out);
                }
            }
            Value::Array(items) => items.iter().for_each(|x| reply_keys(x, out)),
            _ => {}
        }
    }
    let mut keys = BTreeSet::new();
    keys.insert("baseUrl".to_owned());
    let mut raw = BTreeSet::new();
    for ep in rosterguard::endpoints() {
        for s in ep.sections() {
            keys.insert(s.name.to_owned());
            walk(s.rule, &mut keys, 0);
        }
        let sm = ep.reply.samples;
        for sample in [sm.ok, sm.invalid, sm.throttled, sm.busy, sm.token_expired] {
            if let Ok(v) = serde_json::from_str::<Value>(sample.body.get()) {
                reply_keys(&v, &mut keys);
            }
        }
        for name in placeholders(ep.documented_path) {
            raw.insert(format!("{{{name}}}"));
        }
        raw.insert(ep.content_type.to_owned());
        if !ep.token_prefix.is_empty() {
            raw.insert(ep.token_prefix.to_owned());
        }
    }
    let mut out: Vec<String> = keys
        .into_iter()
        .map(|k| match k.strip_prefix('\u{0}') {
            Some(prefix) => format!("\"{prefix}"),
            None => Value::from(k).to_string(),
        })
        .collect();
    out.extend(raw);
    out
}

/// One libFuzzer dictionary line for `token`: quoted, with `\`, `"` and
/// bytes outside printable ASCII written as `\xNN`.
pub fn dict_line(token: &str) -> String {
    let mut out = String::from("\"");
    for b in token.bytes() {
        match b {
            b'\\' | b'"' => out.push_str(&format!("\\{}", char::from(b))),
            0x20..=0x7e => out.push(char::from(b)),
            _ => out.push_str(&format!("\\x{b:02X}")),
        }
    }
    out.push('"');
    out
}

/// Shorthand for an empty JSON object.
pub fn empty_object() -> Value {
    Value::Object(Map::new())
}

/// The harness's own checks: every endpoint is reachable, the fixed
/// `urlPath` modes are valid options everywhere, every fixture seed passes
/// the checks, tampered requests fail them, and an endpoint shaped like
/// the coming ones (a `headers` section with a `Bearer` token, a `{user_id}`
/// path parameter without marker, a generated query key) is checked right.
/// `cargo test` in `fuzz/`.
#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the parse_response target: a WeCom permission code on a 5xx
    /// is not retryable (the reply's reason decides, whatever the status).
    #[test]
    fn a_permission_failure_on_a_5xx_is_not_retryable() {
        let body = r#"{"errcode":60011,"rm~sg":""}"#;
        let outcome = rosterguard::parse_response("wecom.updateUser", 503, body).unwrap();
        assert_eq!(outcome.reason, Some("permission"));
        check_reply(503, &outcome);
    }
    use rosterguard::model::field::{Empty, STRING};
    use rosterguard::model::Meta;
    use rosterguard::model::Text;
    use serde_json::json;
    use std::panic::{catch_unwind, AssertUnwindSafe};

    fn panics(f: impl FnOnce()) -> bool {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let out = catch_unwind(AssertUnwindSafe(f)).is_err();
        std::panic::set_hook(hook);
        out
    }

    #[test]
    fn every_endpoint_is_reachable_and_options_round_trip() {
        let all = rosterguard::endpoints();
        for (i, ep) in all.iter().enumerate() {
            let index = u8::try_from(i).unwrap();
            assert_eq!(endpoint_index(ep.id), Some(index));
            for allow in [false, true] {
                for zh in [false, true] {
                    for mode in [UrlMode::None, UrlMode::Documented, UrlMode::Unusual] {
                        let bytes = encode(index, allow, zh, mode, None, "{}");
                        let case = decode(&bytes).unwrap();
                        assert_eq!(case.endpoint.id, ep.id);
                        assert_eq!(case.options.allow_unknown, allow);
                        assert_eq!(case.options.locale == Locale::ZhCn, zh);
                        let want = match mode {
                            UrlMode::None => None,
                            UrlMode::Documented => Some(ep.documented_path.to_owned()),
                            _ => Some(unusual_path(ep)),
                        };
                        assert_eq!(case.options.url_path, want);
                        assert_eq!(case.json, b"{}");
                    }
                }
            }
            let bytes = encode(index, false, false, UrlMode::None, Some("/a/b"), "[1]");
            let case = decode(&bytes).unwrap();
            assert_eq!(case.options.url_path.as_deref(), Some("/a/b"));
            assert_eq!(case.json, b"[1]");
            if let Ok(wrapped) = u8::try_from(i + all.len()) {
                assert_eq!(decode(&[wrapped, 0]).unwrap().endpoint.id, ep.id);
            }
        }
    }

    #[test]
    fn fixed_url_paths_are_valid_options() {
        for ep in rosterguard::endpoints() {
            for path in [ep.documented_path.to_owned(), unusual_path(ep)] {
                for name in placeholders(ep.documented_path) {
                    assert!(path.contains(&format!("{{{name}}}")), "{path}");
                }
                let options = Options {
                    url_path: Some(path.clone()),
                    ..Options::default()
                };
                assert!(
                    rosterguard::validate(ep.id, &json!({}), &options).is_ok(),
                    "{}: urlPath {path} refused",
                    ep.id
                );
            }
        }
    }

    /// `(endpoint, input, options)` of every fixture seed (not the cases).
    fn fixture_seeds() -> Vec<(&'static Endpoint, Value, Options)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
        let mut out = Vec::new();
        for folder in std::fs::read_dir(dir).unwrap().flatten() {
            for file in std::fs::read_dir(folder.path()).unwrap().flatten() {
                let text = std::fs::read_to_string(file.path()).unwrap();
                let fx: Value = serde_json::from_str(&text).unwrap();
                let (Some(id), Some(input)) = (fx["endpoint"].as_str(), fx.get("input")) else {
                    continue;
                };
                let options = serde_json::from_value(fx["options"].clone()).unwrap_or_default();
                out.push((rosterguard::endpoint(id).unwrap(), input.clone(), options));
            }
        }
        out
    }

    #[test]
    fn fixture_seeds_pass_every_check() {
        let mut built = BTreeSet::new();
        for (ep, input, options) in fixture_seeds() {
            if let Some(other) = with_placeholder_secrets(ep, &input) {
                assert_ne!(other, input);
                assert_eq!(
                    rosterguard::validate(ep.id, &input, &options).unwrap(),
                    rosterguard::validate(ep.id, &other, &options).unwrap(),
                    "{}",
                    ep.id
                );
            } else {
                assert!(
                    ep.secret_fields().is_empty(),
                    "{}: no secret replaced",
                    ep.id
                );
            }
            for url_path in [options.url_path.clone(), Some(unusual_path(ep))] {
                let options = Options {
                    url_path,
                    ..options.clone()
                };
                let req = rosterguard::build_request(ep.id, &input, &options).unwrap();
                check_built(ep, &input, &options, &req);
                check_redacted(&req);
                built.insert(ep.id);
            }
        }
        for ep in rosterguard::endpoints() {
            assert!(built.contains(ep.id), "{}: no fixture seed builds", ep.id);
        }
    }

    /// Copies of `req` with one thing wrong each.
    fn tampered(req: &HttpRequest) -> Vec<(&'static str, HttpRequest)> {
        let mut out = Vec::new();
        let mut r = req.clone();
        r.headers.insert("X-Extra".into(), "1".into());
        out.push(("extra header", r));
        let mut r = req.clone();
        r.headers.insert("Content-Type".into(), "text/plain".into());
        out.push(("content type", r));
        let mut r = req.clone();
        r.url = format!(
            "{}{}zz=1",
            r.url,
            if r.url.contains('?') { '&' } else { '?' }
        );
        out.push(("extra query pair", r));
        let mut u = url::Url::parse(&req.url).unwrap();
        u.set_path(&format!("{}/extra", u.path()));
        out.push((
            "extra segment",
            HttpRequest {
                url: u.to_string(),
                ..req.clone()
            },
        ));
        let mut u = url::Url::parse(&req.url).unwrap();
        let pairs: Vec<(String, String)> = u.query_pairs().into_owned().collect();
        if !pairs.is_empty() {
            let mut q = u.query_pairs_mut();
            q.clear();
            for (i, (k, v)) in pairs.iter().enumerate() {
                q.append_pair(k, if i == 0 { "a b" } else { v });
            }
            drop(q);
            out.push((
                "query value",
                HttpRequest {
                    url: u.to_string(),
                    ..req.clone()
                },
            ));
        }
        let mut r = req.clone();
        r.method = if req.method == "GET" { "POST" } else { "GET" }.into();
        out.push(("method", r));
        out
    }

    #[test]
    fn tampered_requests_fail_the_checks() {
        let mut seen = BTreeSet::new();
        for (ep, input, options) in fixture_seeds() {
            if !seen.insert(ep.id) {
                continue;
            }
            let req = rosterguard::build_request(ep.id, &input, &options).unwrap();
            for (what, bad) in tampered(&req) {
                assert!(
                    panics(|| check_request_line(ep, &input, &options, &bad)),
                    "{}: {what} not caught: {}",
                    ep.id,
                    bad.url
                );
            }
            // A path parameter's value must fill its segment exactly.
            if let Some(rule) = ep.path {
                let key = rule.fields[0].key;
                let mut other = input.clone();
                // One string value (Ekuaibao's staffIds, an array, has its own cases).
                let Some(value) = other["path"][key].as_str().map(str::to_owned) else {
                    continue;
                };
                other["path"][key] = Value::from(format!("{value}x"));
                assert!(
                    panics(|| check_request_line(ep, &other, &options, &req)),
                    "{}: wrong path value not caught",
                    ep.id
                );
            }
        }
    }

    /// A string field, as the library's own (crate-private) builders make it.
    const fn string_field(key: &'static str, required: bool, secret: bool) -> Field {
        Field {
            key,
            ty: Ty::Str(STRING),
            required,
            empty: if required { Empty::Reject } else { Empty::Keep },
            secret,
            label: Text::NONE,
            help: Text::NONE,
            source: "",
        }
    }

    static AUTH: [Field; 1] = [string_field("Authorization", true, true)];
    static HEADERS: ObjectRule = ObjectRule {
        fields: &AUTH,
        prefixed: None,
        cross: &[],
    };
    static USER_ID: [Field; 1] = [string_field("user_id", true, false)];
    static PATH: ObjectRule = ObjectRule {
        fields: &USER_ID,
        prefixed: None,
        cross: &[],
    };
    static QUERY_FIELDS: [Field; 2] = [
        string_field("user_id_type", false, false),
        string_field("trace", false, false),
    ];
    static QUERY: ObjectRule = ObjectRule {
        fields: &QUERY_FIELDS,
        prefixed: None,
        cross: &[],
    };
    static NAME: [Field; 1] = [string_field("name", false, false)];
    static BODY: ObjectRule = ObjectRule {
        fields: &NAME,
        prefixed: None,
        cross: &[],
    };

    /// An endpoint with a PATCH method, like `feishu.patchUser` (made up: the
    /// library never sees it; only the harness's checks run on it).
    fn made_up() -> Endpoint {
        Endpoint {
            id: "test.patchUser",
            vendor: "test",
            title: Text::new("Test", "测试"),
            method: "PATCH",
            doc_url: "https://example.com/doc",
            default_base_url: "https://open.example.com",
            documented_path: "/open-apis/contact/v3/users/{user_id}",
            content_type: "application/json; charset=utf-8",
            path: Some(&PATH),
            query: Some(&QUERY),
            headers: Some(&HEADERS),
            body: Some(&BODY),
            reply: rosterguard::endpoints()[0].reply,
            rate_per_second: 1.0,
            record_key: Meta::new("/path/user_id"),
            token_prefix: "Bearer ",
            ..Endpoint::DEFAULT
        }
    }

    fn made_up_request(url: &str, auth: &str) -> HttpRequest {
        HttpRequest {
            method: "PATCH".into(),
            url: url.into(),
            headers: BTreeMap::from([
                (
                    "Content-Type".to_owned(),
                    "application/json; charset=utf-8".to_owned(),
                ),
                ("Authorization".to_owned(), auth.to_owned()),
            ]),
            body: Some("{}".into()),
        }
    }

    #[test]
    fn headers_section_token_prefix_and_unmarked_path_parameter() {
        let ep = made_up();
        assert_eq!(
            ep.token_pointer().as_deref(),
            Some("/headers/Authorization")
        );
        let input = json!({
            "path": {"user_id": "ou:7/x"},
            "query": {"user_id_type": "open_id"},
            "headers": {"Authorization": "Bearer t-abc.Z9"},
            "body": {}
        });
        let other = with_placeholder_secrets(&ep, &input).unwrap();
        assert_eq!(other["headers"]["Authorization"], "Bearer u-bcd.A0");
        let no_prefix = json!({"headers": {"Authorization": "t-abc"}});
        assert_eq!(with_placeholder_secrets(&ep, &no_prefix), None);

        let opts = Options::default();
        let base = "https://open.example.com/open-apis/contact/v3/users";
        let good = format!("{base}/ou:7%2Fx?user_id_type=open_id&trace=0f3e-9a_b");
        check_request_line(
            &ep,
            &input,
            &opts,
            &made_up_request(&good, "Bearer t-abc.Z9"),
        );
        let bad = [
            // The `$` marker is Ekuaibao's: an endpoint without it must not gain one.
            (
                format!("{base}/$ou:7%2Fx?user_id_type=open_id"),
                "Bearer t-abc.Z9",
            ),
            (
                format!("{base}/ou:7/x?user_id_type=open_id"),
                "Bearer t-abc.Z9",
            ),
            (
                format!("{base}/ou:7%2Fx?trace=1&user_id_type=open_id"),
                "Bearer t-abc.Z9",
            ),
            (
                format!("{base}/ou:7%2Fx?user_id_type=open_id&trace="),
                "Bearer t-abc.Z9",
            ),
            (
                format!("{base}/ou:7%2Fx?user_id_type=open_id&trace=a%20b"),
                "Bearer t-abc.Z9",
            ),
            (
                format!("{base}/ou:7%2Fx?user_id_type=union_id"),
                "Bearer t-abc.Z9",
            ),
            (
                format!("{base}/ou:7%2Fx?user_id_type=open_id"),
                "Bearer t-abc.Z8",
            ),
            (
                format!("{base}/ou:7%2Fx?user_id_type=open_id"),
                "Bearer t-abc.Z9 ",
            ),
        ];
        for (url, auth) in bad {
            assert!(
                panics(|| check_request_line(&ep, &input, &opts, &made_up_request(&url, auth))),
                "not caught: {url} / {auth:?}"
            );
        }
        let mut no_auth = made_up_request(&good, "");
        no_auth.headers.remove("Authorization");
        assert!(panics(|| check_request_line(&ep, &input, &opts, &no_auth)));

        // A dot-segment value would be resolved away by any URL parser.
        let dots = json!({"path": {"user_id": ".."}, "headers": {"Authorization": "Bearer x"}});
        let url = format!("{base}/..");
        assert!(panics(|| check_request_line(
            &ep,
            &dots,
            &opts,
            &made_up_request(&url, "Bearer x")
        )));

        // The unusual urlPath keeps the placeholder, in and as a segment.
        let unusual = unusual_path(&ep);
        assert!(unusual.contains("/%41{user_id}z/{user_id}/"), "{unusual}");
    }

    #[test]
    fn reply_seeds_cover_every_endpoint() {
        let seeds = reply_seeds();
        for i in 0..rosterguard::endpoints().len() {
            assert!(seeds.iter().any(|(e, _, _)| usize::from(*e) == i));
        }
        for (e, status, body) in &seeds {
            let ep = endpoint_at(*e);
            check_reply(
                *status,
                &rosterguard::parse_response(ep.id, *status, body).unwrap(),
            );
        }
    }
}
