//! Fixture loading and checking shared by the native tests and (through
//! the JS API) the wasm tests. Fixtures are embedded with `include_str!` so
//! that the same list runs where there is no file system.

#![allow(dead_code)]

use serde_json::{Map, Value};

include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));

/// The parsed fixture at `name`.
pub fn fixture(name: &str) -> Value {
    let text = FIXTURES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| *t)
        .unwrap_or_else(|| panic!("no fixture {name}"));
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// An endpoint's doc example input: its `seed.json`, else its first
/// `seed*.json`.
pub fn seed(endpoint: &str) -> Value {
    let main = format!("{endpoint}/seed.json");
    let name = FIXTURES
        .iter()
        .map(|(n, _)| *n)
        .find(|n| *n == main)
        .or_else(|| {
            FIXTURES
                .iter()
                .map(|(n, _)| *n)
                .find(|n| n.starts_with(&format!("{endpoint}/seed")))
        })
        .unwrap_or_else(|| panic!("{endpoint}: no seed"));
    fixture(name)["input"].clone()
}

/// Base URLs the `baseUrl` check refuses (the list is shared with the
/// check's unit test and the ajv probes, hence a file of its own).
pub const BAD_BASE_URLS: &[&str] = include!("bad_base_urls.rs");

/// One validation case, resolved to a full input.
#[derive(Debug, Clone)]
pub struct Case {
    pub endpoint: String,
    pub name: String,
    pub input: Value,
    pub options: Value,
    /// Expected errors, `(path, code)` in order.
    pub errors: Vec<(String, String)>,
    /// Expected warnings, when the case states them.
    pub warnings: Option<Vec<(String, String)>>,
    /// The expected request, for seed fixtures.
    pub request: Option<Value>,
    /// The vendor doc's own URL for this example, where it has one.
    pub doc_url: Option<String>,
}

fn pairs(v: Option<&Value>) -> Option<Vec<(String, String)>> {
    Some(
        v?.as_array()?
            .iter()
            .map(|p| {
                let p = p.as_array().expect("[path, code] pair");
                (
                    p[0].as_str().unwrap().to_owned(),
                    p[1].as_str().unwrap().to_owned(),
                )
            })
            .collect(),
    )
}

/// Every case of every fixture: seeds as-is, `cases.json` entries applied to their base.
pub fn all_cases() -> Vec<Case> {
    let mut out = Vec::new();
    for (name, _) in FIXTURES {
        let fx = fixture(name);
        let endpoint = name.split('/').next().unwrap().to_owned();
        if let Some(cases) = fx.get("cases") {
            let base_name = format!("{endpoint}/{}", fx["base"].as_str().expect("base"));
            let base = fixture(&base_name)["input"].clone();
            for c in cases.as_array().expect("cases array") {
                let mut input = c.get("input").cloned().unwrap_or_else(|| base.clone());
                if let Some(Value::Object(set)) = c.get("set") {
                    for (ptr, v) in set {
                        assert!(
                            rosterguard::pointer::set(&mut input, ptr, v.clone()),
                            "{name}: cannot set {ptr}"
                        );
                    }
                }
                if let Some(Value::Array(remove)) = c.get("remove") {
                    for ptr in remove {
                        let ptr = ptr.as_str().unwrap();
                        assert!(
                            rosterguard::pointer::remove(&mut input, ptr),
                            "{name}: cannot remove {ptr}"
                        );
                    }
                }
                out.push(Case {
                    endpoint: endpoint.clone(),
                    name: c["name"].as_str().expect("case name").to_owned(),
                    input,
                    options: c
                        .get("options")
                        .cloned()
                        .unwrap_or(Value::Object(Map::new())),
                    errors: pairs(c.get("errors")).unwrap_or_default(),
                    warnings: pairs(c.get("warnings")),
                    request: None,
                    doc_url: None,
                });
            }
        } else {
            out.push(Case {
                endpoint: fx["endpoint"].as_str().unwrap().to_owned(),
                name: (*name).to_owned(),
                input: fx["input"].clone(),
                options: fx
                    .get("options")
                    .cloned()
                    .unwrap_or(Value::Object(Map::new())),
                errors: pairs(fx.get("errors")).unwrap_or_default(),
                warnings: pairs(fx.get("warnings")),
                request: fx.get("request").cloned(),
                doc_url: fx.get("docUrl").and_then(Value::as_str).map(str::to_owned),
            });
        }
    }
    out
}

/// `(path, code)` pairs of a serialised issue list.
pub fn issue_pairs(issues: &Value) -> Vec<(String, String)> {
    issues
        .as_array()
        .expect("issue list")
        .iter()
        .map(|i| {
            (
                i["path"].as_str().unwrap().to_owned(),
                i["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// What is wrong with a serialised report, given its case (empty: nothing).
pub fn report_problems(case: &Case, report: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let errors = issue_pairs(&report["errors"]);
    if errors != case.errors {
        out.push(format!(
            "errors: expected {:?}, got {errors:?}",
            case.errors
        ));
    }
    let warnings = issue_pairs(&report["warnings"]);
    match &case.warnings {
        Some(w) if *w == warnings => {}
        Some(w) => out.push(format!("warnings: expected {w:?}, got {warnings:?}")),
        None => out.push(format!(
            "states no warnings (got {warnings:?}): add \"warnings\", [] when none"
        )),
    }
    if report["ok"] != Value::Bool(case.errors.is_empty()) {
        out.push(format!("ok is {}", report["ok"]));
    }
    for issue in report["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .chain(report["warnings"].as_array().into_iter().flatten())
    {
        if !matches!(issue["message"].as_str(), Some(m) if !m.is_empty()) {
            out.push(format!("{}: empty message", issue["path"]));
        }
        if !issue["params"].is_object() {
            out.push(format!("{}: params is not an object", issue["path"]));
        }
    }
    out
}

/// What is wrong with a serialised request, given a seed's expectation.
pub fn request_problems(case: &Case, request: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let Some(expected) = &case.request else {
        return out;
    };
    if request["method"] != expected["method"] {
        out.push(format!(
            "method: expected {}, got {}",
            expected["method"], request["method"]
        ));
    }
    match expected.get("headers") {
        // A seed that states headers states all of them.
        Some(headers) if request["headers"] != *headers => out.push(format!(
            "headers: expected {headers}, got {}",
            request["headers"]
        )),
        Some(_) => {}
        None if request["headers"]["Content-Type"] != "application/json" => out.push(format!(
            "content type: {}",
            request["headers"]["Content-Type"]
        )),
        None => {}
    }
    let url = request["url"].as_str().unwrap_or_default();
    let want = expected["url"].as_str().unwrap_or_default();
    match want.split_once("{traceId}") {
        Some((head, tail)) => {
            if url.starts_with(head) && url.ends_with(tail) && url.len() >= head.len() + tail.len()
            {
                let id = &url[head.len()..url.len() - tail.len()];
                if id.len() < 16
                    || !id
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                {
                    out.push(format!("trace id {id}"));
                }
            } else {
                out.push(format!("url: expected {want}, got {url}"));
            }
        }
        None if url != want => out.push(format!("url: expected {want}, got {url}")),
        None => {}
    }
    // A seed without a body documents a request without one: no body key.
    let Some(want_body) = expected.get("body") else {
        if request.get("body").is_some() {
            out.push("a body, where the seed has none".to_owned());
        }
        return out;
    };
    match serde_json::from_str::<Value>(request["body"].as_str().unwrap_or_default()) {
        Ok(body) if body != *want_body => {
            out.push(format!("body: expected {want_body}, got {body}"));
        }
        Ok(body) => {
            // Key order is the caller's too.
            let (got, want) = (body.to_string(), want_body.to_string());
            if got != want {
                out.push(format!("body key order: expected {want}, got {got}"));
            }
        }
        Err(e) => out.push(format!("body is not JSON: {e}")),
    }
    out
}

/// Checks a serialised report against a case; panics with every problem.
pub fn check_report(case: &Case, report: &Value) {
    let problems = report_problems(case, report);
    assert!(
        problems.is_empty(),
        "{} / {}: {}\n{report:#}",
        case.endpoint,
        case.name,
        problems.join("; ")
    );
}

/// Checks a serialised request against a seed's expectation; panics with
/// every problem.
pub fn check_request(case: &Case, request: &Value) {
    let problems = request_problems(case, request);
    assert!(
        problems.is_empty(),
        "{} / {}: {}",
        case.endpoint,
        case.name,
        problems.join("; ")
    );
}

/// Panics listing every failure, one line each, when there is any.
pub fn assert_no_failures(what: &str, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} of {what} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Decodes `%XX` escapes.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(n) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(n);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

/// Path and decoded query of a URL, ignoring scheme and host.
pub fn path_and_query(url: &str) -> (String, Vec<(String, String)>) {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let path_q = &rest[rest.find('/').unwrap_or(rest.len())..];
    let (path, query) = path_q.split_once('?').unwrap_or((path_q, ""));
    let q = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect();
    (path.to_owned(), q)
}
