//! Shared pieces of the fuzz targets: how a fuzz input's bytes pick an
//! endpoint and options, and the properties every target checks. The seed
//! corpus writer (`examples/seed_corpus.rs`) uses [`encode`] so that seeds
//! decode exactly as the targets read them.
//!
//! Input layout: byte 0 is a selector, the rest depends on the target.
//!
//! * selector bits 0-1: endpoint (index into `rosterguard::endpoints()`)
//! * bit 2: `allowUnknown`
//! * bit 3: `locale` zh-CN (else en)
//! * bits 4-5: `urlPath`: 0 none, 1 the path public clients use, 2 read from
//!   the input (the bytes up to the first `\n`), 3 an unusual but valid path
//!
//! `validate` / `build_request`: after the selector (and the `urlPath` line
//! when bits 4-5 are 2), the rest is the JSON input envelope.
//! `parse_response`: bytes 1-2 are the HTTP status (big-endian), the rest is
//! the reply body (lossy UTF-8).

use std::collections::BTreeMap;
use std::net::{Ipv4Addr, Ipv6Addr};

use percent_encoding::percent_decode_str;
use rosterguard::{Code, HttpRequest, Locale, Options, Report};
use serde_json::{Map, Value};

/// Endpoint ids in selector order.
pub fn endpoint_id(selector: u8) -> &'static str {
    let all = rosterguard::endpoints();
    all[usize::from(selector & 3) % all.len()].id
}

/// A decoded `validate` / `build_request` input.
#[derive(Debug)]
pub struct Case<'a> {
    /// Endpoint id.
    pub endpoint: &'static str,
    /// Options.
    pub options: Options,
    /// The JSON text of the envelope.
    pub json: &'a [u8],
}

fn fixed_url_path(endpoint: &str, unusual: bool) -> String {
    let ekuaibao = endpoint.starts_with("ekuaibao.");
    match (ekuaibao, unusual) {
        (false, false) if endpoint.ends_with("setMemberStatusBatch") => {
            "/cgi/user/setStatus".into()
        }
        (false, false) => "/cgi/user/update".into(),
        (false, true) => "/v1/a:b@c/!$&'()*+,;=/%E4%BD%A0/".into(),
        (true, false) => "/api/openapi/v1.1/staffs/update/{staffId}".into(),
        (true, true) => "/x/%41{staffId}z/{staffId}/~tail".into(),
    }
}

/// Splits fuzz bytes into endpoint, options and JSON text.
pub fn decode(data: &[u8]) -> Option<Case<'_>> {
    let (&selector, mut rest) = data.split_first()?;
    let endpoint = endpoint_id(selector);
    let url_path = match (selector >> 4) & 3 {
        0 => None,
        1 => Some(fixed_url_path(endpoint, false)),
        2 => {
            let end = rest.iter().position(|&b| b == b'\n')?;
            let (line, json) = rest.split_at(end);
            rest = json.get(1..)?;
            Some(String::from_utf8_lossy(line).into_owned())
        }
        _ => Some(fixed_url_path(endpoint, true)),
    };
    Some(Case {
        endpoint,
        options: Options {
            locale: if selector & 8 != 0 {
                Locale::ZhCn
            } else {
                Locale::En
            },
            allow_unknown: selector & 4 != 0,
            url_path,
        },
        json: rest,
    })
}

/// The bytes [`decode`] reads back as this endpoint (index), options and
/// JSON text. `url_mode` is 0, 1 or 3 (see the module doc); a `url_path`
/// given here is written as mode 2, on its own line.
pub fn encode(
    endpoint_index: u8,
    allow_unknown: bool,
    zh: bool,
    url_mode: u8,
    url_path: Option<&str>,
    json: &str,
) -> Vec<u8> {
    let mode = if url_path.is_some() { 2 } else { url_mode & 3 };
    let selector =
        (endpoint_index & 3) | (u8::from(allow_unknown) << 2) | (u8::from(zh) << 3) | (mode << 4);
    let mut out = vec![selector];
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

/// Replaces every non-empty string token value (query and body) by a fixed
/// placeholder. Messages and params must not change: no secret leaks.
pub fn with_placeholder_secrets(input: &Value) -> Option<Value> {
    let mut out = input.clone();
    let mut changed = false;
    for section in ["query", "body"] {
        if let Some(Value::Object(map)) = out.get_mut(section) {
            for key in rosterguard::SECRET_KEYS {
                if let Some(Value::String(s)) = map.get_mut(key) {
                    if !s.is_empty() && s != "PLACEHOLDER-SECRET" {
                        *s = "PLACEHOLDER-SECRET".into();
                        changed = true;
                    }
                }
            }
        }
    }
    changed.then_some(out)
}

/// The text a normalised string field carries: strings as they are,
/// numbers as their JSON text (the documented coercion).
fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Percent-decodes a URL component. The caller's own escapes in `baseUrl`
/// or `urlPath` (valid `%XX`, kept as given) need not decode to UTF-8, so
/// compare lossily: both sides go through the same decoding.
fn decode_component(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// Splits a path (`/a/b`) into decoded segments, `{staffId}` replaced by
/// `$` + the id.
fn expected_segments(path: &str, staff_id: Option<&str>) -> Vec<String> {
    path.strip_prefix('/')
        .unwrap_or(path)
        .split('/')
        .map(|seg| match staff_id {
            Some(id) => seg
                .split("{staffId}")
                .map(decode_component)
                .collect::<Vec<_>>()
                .join(&format!("${id}")),
            None => decode_component(seg),
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

/// Checks a request that `build_request` accepted: fixed headers, no CR/LF
/// anywhere, the URL's scheme, host, port, path segments and query pairs
/// exactly as intended, and a body that re-validates with zero errors and
/// rebuilds to the same text.
pub fn check_built(endpoint: &str, input: &Value, options: &Options, req: &HttpRequest) {
    let ep = rosterguard::endpoint(endpoint).expect("known endpoint");
    assert_eq!(req.method, ep.method);
    let mut headers = BTreeMap::new();
    headers.insert("Content-Type".to_owned(), "application/json".to_owned());
    assert_eq!(req.headers, headers, "headers are fixed");
    for text in [&req.method, &req.url]
        .into_iter()
        .chain(req.headers.keys())
        .chain(req.headers.values())
    {
        assert!(
            text.bytes().all(|b| b.is_ascii_graphic()),
            "control, space or non-ASCII byte in {text:?}"
        );
    }

    // ---- URL -----------------------------------------------------------
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

    let staff_id = input
        .pointer("/path/staffId")
        .and_then(text_of)
        .filter(|_| endpoint.starts_with("ekuaibao."));
    let mut want = Vec::new();
    if !prefix.is_empty() {
        want.extend(expected_segments(prefix, None));
    }
    want.extend(expected_segments(
        ep.request_path(options),
        staff_id.as_deref(),
    ));
    let got: Vec<String> = parsed
        .path_segments()
        .expect("hierarchical URL")
        .map(decode_component)
        .collect();
    assert_eq!(got, want, "path segments of {}", req.url);
    if let Some(id) = &staff_id {
        if ep.request_path(options) == ep.documented_path {
            assert_eq!(
                got.last(),
                Some(&format!("${id}")),
                "last segment is $staffId"
            );
        }
    }

    // Query: documented keys first (in documentation order), then unknown
    // keys passed through in input order; values decode to what was given.
    let query = input
        .get("query")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let documented: &[&str] = match ep.vendor {
        "fxiaoke" => &["thirdTraceId"],
        "dingtalk" => &["access_token"],
        _ => &["accessToken", "type"],
    };
    let mut want_pairs: Vec<(String, Option<String>)> = Vec::new();
    for key in documented {
        match query.get(*key).and_then(text_of) {
            Some(v) => want_pairs.push(((*key).to_owned(), Some(v))),
            None if *key == "thirdTraceId" => want_pairs.push(((*key).to_owned(), None)),
            None => {}
        }
    }
    for (k, v) in &query {
        // An unknown key holding null is dropped (dropped_empty), not sent.
        if !documented.contains(&k.as_str()) && !v.is_null() {
            assert!(
                options.allow_unknown,
                "unknown query key built without allowUnknown"
            );
            let text = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            want_pairs.push((k.clone(), Some(text)));
        }
    }
    let got_pairs: Vec<(String, String)> = parsed.query_pairs().into_owned().collect();
    assert_eq!(got_pairs.len(), want_pairs.len(), "query of {}", req.url);
    for ((gk, gv), (wk, wv)) in got_pairs.iter().zip(&want_pairs) {
        assert_eq!(gk, wk, "query key of {}", req.url);
        match wv {
            Some(wv) => assert_eq!(gv, wv, "query value of {}", req.url),
            None => assert!(
                gv.len() >= 16 && gv.bytes().all(|b| b.is_ascii_alphanumeric()),
                "generated trace id {gv:?}"
            ),
        }
    }

    // ---- body ----------------------------------------------------------
    let body: Value = serde_json::from_str(&req.body).expect("body is JSON");
    assert!(body.is_object(), "body is an object");
    if !options.allow_unknown {
        assert!(!contains_null(&body), "null in a built body: {}", req.body);
    }
    let mut again = input.clone();
    again
        .as_object_mut()
        .expect("a valid input is an object")
        .insert("body".into(), body);
    let report = rosterguard::validate(endpoint, &again, options).expect("validates");
    assert!(
        report.ok,
        "built body does not re-validate: {:?}\nbody: {}",
        report.errors, req.body
    );
    let rebuilt = rosterguard::build_request(endpoint, &again, options).expect("rebuilds");
    assert_eq!(rebuilt.body, req.body, "building a built body changes it");
}

/// The redacted copy (what `Debug` prints) masks every token query value
/// and top-level token body field, and changes nothing else in the URL.
pub fn check_redacted(req: &HttpRequest) {
    let safe = req.redacted();
    assert_eq!(format!("{req:?}"), format!("{safe:?}"));
    let url = url::Url::parse(&safe.url).expect("redacted URL parses");
    let original = url::Url::parse(&req.url).expect("URL parses");
    assert_eq!(url.path(), original.path());
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    let before: Vec<(String, String)> = original.query_pairs().into_owned().collect();
    assert_eq!(pairs.len(), before.len());
    for ((k, v), (k0, v0)) in pairs.iter().zip(&before) {
        assert_eq!(k, k0);
        if rosterguard::SECRET_KEYS.contains(&k.as_str()) {
            assert_eq!(v, "***", "token not masked in {}", safe.url);
        } else {
            assert_eq!(v, v0);
        }
    }
    let body: Value = serde_json::from_str(&safe.body).expect("redacted body is JSON");
    for key in rosterguard::SECRET_KEYS {
        if let Some(v) = body.get(key) {
            assert_eq!(v, "***", "token not masked in the body");
        }
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

/// Seeds for the reply target: `(endpoint index, status, body)`.
pub fn reply_seeds() -> Vec<(u8, u16, String)> {
    let mut out = Vec::new();
    let fx = [
        r#"{"errorCode":0,"errorMessage":"success","traceId":"E-O.fs.1000-1"}"#,
        r#"{"errorCode":-1,"errorMessage":"系统繁忙"}"#,
        r#"{"errorCode":20016,"errorMessage":"corpAccessToken missing or expired"}"#,
        r#"{"errorCode":"30004","errorDescription":"per second limit"}"#,
        r#"{"errorMessage":"no code"}"#,
    ];
    let dt = [
        r#"{"errcode":0,"errmsg":"ok","result":true,"success":true,"request_id":"7nw0p3plq7h7"}"#,
        r#"{"errcode":88,"errmsg":"throttled","request_id":"x"}"#,
        r#"{"errcode":0,"success":false}"#,
        r#"{"errcode":60020,"errmsg":"访问ip不在白名单之中"}"#,
    ];
    let ek = [
        r#"{"value":{"id":"JOYbpjPP-E2Q00:IIEbwYgR2E5M00","name":"赵六"}}"#,
        r#"{"value":null}"#,
        r#"{"errorCode":400,"message":"员工名称不能为空"}"#,
        "密钥无效",
    ];
    let common = [
        "",
        "   ",
        "null",
        "[]",
        "<html>502 Bad Gateway</html>",
        "{\"a\":",
    ];
    for (i, list) in [&fx[..], &dt[..], &ek[..]].iter().enumerate() {
        let index = match i {
            0 => 0,
            1 => 2,
            _ => 3,
        };
        for body in list.iter().chain(common.iter()) {
            for status in [200u16, 400, 403, 412, 429, 500, 503] {
                out.push((index, status, (*body).to_owned()));
            }
        }
    }
    out.push((1, 200, fx[0].to_owned()));
    out
}

/// Shorthand for an empty JSON object.
pub fn empty_object() -> Value {
    Value::Object(Map::new())
}
