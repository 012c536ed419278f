//! Adversarial native inputs: each test asserts a clear result (a report
//! with the expected issue, or a request whose URL keeps its shape) and
//! that nothing crashes. The JS-only cases (lone surrogates, NaN, prototype
//! pollution of returned JS objects) live with the JS package's tests.

mod common;

use common::BAD_BASE_URLS;
use rosterguard::{
    build_request, parse_response, validate, validate_field, validate_many, Error, HttpRequest,
    Options, Report, MAX_DEPTH, MAX_ISSUES, MAX_STRING_CHARS,
};
use serde_json::{json, Map, Value};

const DEEP: usize = 100_000;

fn opts() -> Options {
    Options::default()
}

fn lenient() -> Options {
    Options {
        allow_unknown: true,
        ..Options::default()
    }
}

fn pairs(list: &[rosterguard::Issue]) -> Vec<(&str, &str)> {
    list.iter()
        .map(|i| (i.path.as_str(), i.code.as_str()))
        .collect()
}

fn member(user: Value) -> Value {
    json!({"body": {"corpAccessToken": "tok", "corpId": "corp", "user": user}})
}

fn status(ids: Value) -> Value {
    json!({"body": {"corpAccessToken": "tok", "corpId": "corp", "openUserIds": ids, "status": 1}})
}

fn staff(staff_id: &str, body: Value) -> Value {
    json!({"path": {"staffId": staff_id}, "query": {"accessToken": "tok"}, "body": body})
}

fn roster(token: &str) -> Value {
    json!({"query": {"access_token": token}, "body": {"agentid": 1, "param": {"userid": "u1",
        "groups": [{"group_id": "sys00", "sections": [{"old_index": 0, "section": [
            {"field_code": "sys00-name", "value": "张三"}]}]}]}}})
}

/// A value nested `depth` levels deep (alternating arrays and objects),
/// built without recursion.
fn deep_value(depth: usize) -> Value {
    let mut v = json!("bottom");
    for i in 0..depth {
        v = if i % 2 == 0 {
            Value::Array(vec![v])
        } else {
            let mut m = Map::new();
            m.insert("k".into(), v);
            Value::Object(m)
        };
    }
    v
}

/// Drops a tree of any depth without recursion (serde_json's drop glue
/// recurses and would overflow the test thread's stack).
fn drop_deep(v: Value) {
    let mut stack = vec![v];
    while let Some(mut v) = stack.pop() {
        match &mut v {
            Value::Array(items) => stack.append(items),
            Value::Object(map) => {
                let taken = std::mem::take(map);
                stack.extend(taken.into_iter().map(|(_, v)| v));
            }
            _ => {}
        }
    }
}

/// Owns a possibly deep tree and drops it without recursion, also while
/// unwinding from a failed assertion.
struct Deep(Value);

impl Drop for Deep {
    fn drop(&mut self) {
        drop_deep(std::mem::take(&mut self.0));
    }
}

impl std::ops::Deref for Deep {
    type Target = Value;
    fn deref(&self) -> &Value {
        &self.0
    }
}

impl std::ops::DerefMut for Deep {
    fn deref_mut(&mut self) -> &mut Value {
        &mut self.0
    }
}

/// Runs `f` on a thread with a deliberately small stack (1 MiB): the
/// library must not need more however deep the input is.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .expect("thread")
        .join()
        .expect("no stack overflow, no panic")
}

// ---- nesting ---------------------------------------------------------------

#[test]
fn deep_unknown_field_is_an_error_without_copying_it() {
    on_small_stack(|| {
        let mut input = Deep(member(json!({"openUserId": "u1"})));
        input["body"]["user"]["extra"] = deep_value(DEEP);
        let report = validate("fxiaoke.updateMember", &input, &opts()).unwrap();
        assert_eq!(
            pairs(&report.errors),
            [("/body/user/extra", "unknown_field")]
        );
    });
}

#[test]
fn deep_pass_through_is_refused_at_its_root() {
    on_small_stack(|| {
        let mut input = Deep(member(json!({"openUserId": "u1"})));
        input["body"]["user"]["extra"] = deep_value(DEEP);
        let report = validate("fxiaoke.updateMember", &input, &lenient()).unwrap();
        assert_eq!(pairs(&report.errors), [("/body/user/extra", "range")]);
        assert_eq!(report.errors[0].params["maxDepth"], json!(MAX_DEPTH));
        assert!(report.errors[0].message.contains("nested too deeply"));
        // Not also an "unknown field, sent as given" warning: it is not sent.
        assert_eq!(pairs(&report.warnings), []);
        match build_request("fxiaoke.updateMember", &input, &lenient()) {
            Err(Error::Invalid(r)) => assert_eq!(r, report),
            other => panic!("{other:?}"),
        }
    });
}

#[test]
fn pass_through_up_to_the_depth_limit_is_copied() {
    // /body/user/extra is level 3: MAX_DEPTH - 3 more levels fit exactly.
    let mut input = member(json!({"openUserId": "u1"}));
    input["body"]["user"]["extra"] = deep_value(MAX_DEPTH - 3);
    let req = build_request("fxiaoke.updateMember", &input, &lenient()).unwrap();
    let body: Value = serde_json::from_str(req.body_text()).unwrap();
    assert_eq!(body["user"]["extra"], input["body"]["user"]["extra"]);
    input["body"]["user"]["extra"] = deep_value(MAX_DEPTH - 2);
    let report = validate("fxiaoke.updateMember", &input, &lenient()).unwrap();
    assert_eq!(pairs(&report.errors), [("/body/user/extra", "range")]);
}

#[test]
fn deep_value_in_typed_fields_is_a_type_error() {
    on_small_stack(|| {
        let mut input = Deep(staff("s1", json!({"name": "n"})));
        input["body"]["name"] = deep_value(DEEP);
        input["body"]["departments"] = Value::Array(vec![deep_value(DEEP)]);
        input["body"]["defaultDepartment"] = json!("d");
        let report = validate("ekuaibao.updateStaff", &input, &lenient()).unwrap();
        assert_eq!(
            pairs(&report.errors),
            [
                ("/body/name", "type"),
                ("/body/departments/0", "type"),
                // No department passed its checks, so the default is in none.
                ("/body/defaultDepartment", "not_in")
            ]
        );
        let whole = Deep(Value::Array(vec![deep_value(DEEP)]));
        let report = validate("dingtalk.updateEmployeeRoster", &whole, &lenient()).unwrap();
        assert_eq!(pairs(&report.errors), [("", "type")]);
    });
}

#[test]
fn deep_city_list_entry_is_refused() {
    on_small_stack(|| {
        let mut input = Deep(staff("s1", json!({"name": "n"})));
        input["body"]["staffCustomForm"] =
            json!({"base": [{"key": "8", "label": "北京市/海淀区", "x": null}]});
        input["body"]["staffCustomForm"]["base"][0]["x"] = deep_value(DEEP);
        let report = validate("ekuaibao.updateStaff", &input, &lenient()).unwrap();
        // City entries are strict even with allowUnknown: refused without descending.
        assert_eq!(
            pairs(&report.errors),
            [("/body/staffCustomForm/base/0/x", "unknown_field")]
        );
    });
}

#[test]
fn validate_field_with_deep_input_value_and_pointer() {
    on_small_stack(|| {
        let mut input = Deep(member(json!({"openUserId": "u1"})));
        input["body"]["user"]["extra"] = deep_value(DEEP);
        let value = Deep(deep_value(DEEP));
        let report = validate_field(
            "fxiaoke.updateMember",
            "/body/user/extra",
            &value,
            Some(&input),
            &lenient(),
        )
        .unwrap();
        assert_eq!(pairs(&report.errors), [("/body/user/extra", "range")]);
        let report = validate_field(
            "fxiaoke.updateMember",
            "/body/user/name",
            &value,
            Some(&input),
            &opts(),
        )
        .unwrap();
        assert_eq!(pairs(&report.errors), [("/body/user/name", "type")]);
        let pointer = "/body".to_owned() + &"/a".repeat(DEEP);
        assert!(matches!(
            validate_field("fxiaoke.updateMember", &pointer, &json!(1), None, &opts()),
            Err(Error::InvalidPointer { pointer }) if pointer.chars().count() <= 200
        ));
    });
}

#[test]
fn deep_json_text_is_refused_by_the_parsers() {
    on_small_stack(|| {
        let text = "[".repeat(DEEP) + &"]".repeat(DEEP);
        assert!(matches!(
            validate_many("fxiaoke.updateMember", &text, &opts()),
            Err(Error::InvalidBatch { .. })
        ));
        let out = parse_response("dingtalk.updateEmployeeRoster", 200, &text).unwrap();
        assert!(!out.ok);
        assert!(out.message.unwrap().contains("not JSON"));
        let body = "{\"errcode\":0,\"x\":".to_owned() + &"[".repeat(DEEP);
        assert!(
            !parse_response("dingtalk.updateEmployeeRoster", 200, &body)
                .unwrap()
                .ok
        );
    });
}

// ---- size ------------------------------------------------------------------

const FIFTY_MB: usize = 50 * 1024 * 1024;

#[test]
fn fifty_megabyte_strings_are_range_errors() {
    let big = "x".repeat(FIFTY_MB);
    let mut input = staff(&big, json!({"name": big}));
    input["query"]["accessToken"] = Value::from(big.clone());
    let report = validate("ekuaibao.updateStaff", &input, &opts()).unwrap();
    assert_eq!(
        pairs(&report.errors),
        [
            ("/path/staffId", "range"),
            ("/query/accessToken", "range"),
            ("/body/name", "range")
        ]
    );
    assert_eq!(
        report.errors[0].params["maxLength"],
        json!(MAX_STRING_CHARS)
    );
    assert!(report.errors[0].message.contains("too long"));
    // Messages never echo the value.
    assert!(report.errors.iter().all(|i| i.message.len() < 200));
    // The same inside a value passed through with allowUnknown.
    let input = staff("s1", json!({"name": "n", "extra": {"note": big}}));
    let report = validate("ekuaibao.updateStaff", &input, &lenient()).unwrap();
    assert_eq!(pairs(&report.errors), [("/body/extra/note", "range")]);
}

#[test]
fn strings_at_the_limit_pass() {
    let at_limit = "中".repeat(MAX_STRING_CHARS);
    let input = staff("s1", json!({"name": at_limit}));
    assert!(
        validate("ekuaibao.updateStaff", &input, &opts())
            .unwrap()
            .ok
    );
    let over = "中".repeat(MAX_STRING_CHARS + 1);
    let input = staff("s1", json!({ "name": over }));
    let report = validate("ekuaibao.updateStaff", &input, &opts()).unwrap();
    assert_eq!(pairs(&report.errors), [("/body/name", "range")]);
}

#[test]
fn fifty_megabyte_reply_is_clipped() {
    let big = "x".repeat(FIFTY_MB);
    let out = parse_response("ekuaibao.updateStaff", 400, &big).unwrap();
    assert!(!out.ok);
    assert!(out.message.unwrap().chars().count() <= rosterguard::MAX_MESSAGE_CHARS + 1);
    let body = format!("{{\"errorCode\":1,\"errorMessage\":\"{big}\"}}");
    let out = parse_response("fxiaoke.updateMember", 200, &body).unwrap();
    assert!(!out.ok);
    assert!(out.message.unwrap().chars().count() <= rosterguard::MAX_MESSAGE_CHARS + 1);
}

#[test]
fn garbage_reply_message_is_clipped_as_a_whole() {
    // Regression (fuzz, parse_response): the quoted body was clipped to 500
    // characters but our "HTTP 429: the reply body is not JSON: " prefix
    // came on top (511 characters).
    let body = format!("1.001{}:{}", "0".repeat(30), "8".repeat(520));
    for (endpoint, status) in [
        ("fxiaoke.updateMember", 429),
        ("dingtalk.updateEmployeeRoster", 429),
        ("ekuaibao.updateStaff", 200),
    ] {
        let out = parse_response(endpoint, status, &body).unwrap();
        let message = out.message.unwrap();
        let start = format!("HTTP {status}: the reply body is not JSON: 1.001");
        assert!(message.starts_with(&start), "{message}");
        assert_eq!(message.chars().count(), rosterguard::MAX_MESSAGE_CHARS + 1);
        assert!(message.ends_with('…'));
        assert_eq!(out.retryable, status == 429);
    }
    // Ekuaibao's plain-text error bodies are quoted without a prefix.
    let out = parse_response("ekuaibao.updateStaff", 429, &body).unwrap();
    assert!(out.message.unwrap().chars().count() <= rosterguard::MAX_MESSAGE_CHARS + 1);
}

#[test]
fn failed_reply_with_a_blank_message_still_says_why() {
    // Regression (fuzz, parse_response): {"e\u{98}\u{8d}orCode":400,"message":""}
    // on HTTP 400 gave a failure whose message was "" and no code.
    let body = "{\"e\u{98}\u{8d}orCode\":400,\"message\":\"\"}";
    let out = parse_response("ekuaibao.updateStaff", 400, body).unwrap();
    assert!(!out.ok);
    // The blank message counts as absent, so the (clipped) body says why.
    assert!(out
        .message
        .as_deref()
        .is_some_and(|m| !m.trim().is_empty() && m.contains("400")));
    let out = parse_response(
        "fxiaoke.updateMember",
        200,
        r#"{"errorCode":5,"errorMessage":" ","traceId":""}"#,
    )
    .unwrap();
    assert_eq!(
        (out.vendor_code.as_deref(), out.message, out.trace_id),
        (Some("5"), Some("HTTP 200, errorCode 5".to_owned()), None)
    );
}

// ---- a million items -------------------------------------------------------

const MILLION: usize = 1_000_000;

#[test]
fn million_unique_open_user_ids_build() {
    let ids: Vec<Value> = (0..MILLION).map(|i| Value::from(format!("u{i}"))).collect();
    let input = status(Value::Array(ids));
    let req = build_request("fxiaoke.setMemberStatusBatch", &input, &opts()).unwrap();
    assert!(req.body_text().ends_with("\"u999999\"],\"status\":1}"));
}

#[test]
fn million_duplicates_are_capped() {
    let input = status(Value::Array(vec![json!("same"); MILLION]));
    let report = validate("fxiaoke.setMemberStatusBatch", &input, &opts()).unwrap();
    assert!(!report.ok);
    assert_eq!(report.errors.len(), MAX_ISSUES + 1);
    assert_eq!(
        pairs(&report.errors[..2]),
        [
            ("/body/openUserIds/1", "duplicate"),
            ("/body/openUserIds/2", "duplicate")
        ]
    );
    let last = report.errors.last().unwrap();
    assert_eq!((last.path.as_str(), last.code.as_str()), ("", "max_items"));
    assert_eq!(last.params["max"], json!(MAX_ISSUES));
    assert_eq!(last.params["omitted"], json!(MILLION - 1 - MAX_ISSUES));
    assert!(
        last.message.contains("first 1000 errors"),
        "{}",
        last.message
    );
}

#[test]
fn million_coerced_items_still_build_with_capped_warnings() {
    let ids: Vec<Value> = (0..MILLION).map(Value::from).collect();
    let input = status(Value::Array(ids));
    let report = validate("fxiaoke.setMemberStatusBatch", &input, &opts()).unwrap();
    assert!(report.ok);
    assert_eq!(report.warnings.len(), MAX_ISSUES + 1);
    let last = report.warnings.last().unwrap();
    assert_eq!((last.path.as_str(), last.code.as_str()), ("", "max_items"));
    assert!(last.message.contains("warnings"));
    let req = build_request("fxiaoke.setMemberStatusBatch", &input, &opts()).unwrap();
    assert!(req.body_text().contains("\"999999\"]"));
}

#[test]
fn million_departments_and_attaching_ids() {
    let depts: Vec<Value> = (0..MILLION).map(|i| Value::from(format!("d{i}"))).collect();
    let input = staff(
        "s1",
        json!({"name": "n", "departments": depts, "defaultDepartment": "d999999"}),
    );
    assert!(
        validate("ekuaibao.updateStaff", &input, &opts())
            .unwrap()
            .ok
    );
    // One duplicate at the very end is found (linear check, no cap reached).
    let mut input = input;
    input["body"]["departments"][MILLION - 1] = json!("d0");
    input["body"]["defaultDepartment"] = json!("d0");
    let report = validate("ekuaibao.updateStaff", &input, &opts()).unwrap();
    assert_eq!(
        pairs(&report.errors),
        [("/body/departments/999999", "duplicate")]
    );
    let ids: Vec<Value> = (0..MILLION).map(Value::from).collect();
    let input = member(json!({"openUserId": "u1", "attachingDepartmentIds": ids}));
    let report = validate("fxiaoke.updateMember", &input, &opts()).unwrap();
    assert_eq!(
        pairs(&report.errors),
        [("/body/user/attachingDepartmentIds", "max_items")]
    );
}

#[test]
fn wide_object_of_unknown_keys_with_a_cross_field_error() {
    // Sorting issues into document order once cross-field rules have run
    // must not cost (issues x keys): with 200 000 keys that would be
    // billions of key comparisons.
    let mut body = Map::new();
    body.insert("name".into(), json!("n"));
    for i in 0..200_000 {
        body.insert(format!("k{i}"), json!(i));
    }
    body.insert("departments".into(), json!(["d1"]));
    let input = staff("s1", Value::Object(body));
    let report = validate("ekuaibao.updateStaff", &input, &opts()).unwrap();
    assert_eq!(report.errors.len(), MAX_ISSUES + 1);
    assert_eq!(report.errors[0].path, "/body/k0");
    let report = validate("ekuaibao.updateStaff", &input, &lenient()).unwrap();
    assert_eq!(
        pairs(&report.errors),
        [("/body/defaultDepartment", "together")]
    );
}

// ---- numbers ---------------------------------------------------------------

#[test]
fn numbers_beyond_exact_integers() {
    let too_big: Value = serde_json::from_str("9007199254740993").unwrap();
    for (endpoint, input, path) in [
        (
            "fxiaoke.updateMember",
            member(json!({"openUserId": "u1", "mainDepartmentId": too_big})),
            "/body/user/mainDepartmentId",
        ),
        (
            "dingtalk.updateEmployeeRoster",
            {
                let mut r = roster("t");
                r["body"]["agentid"] = too_big.clone();
                r
            },
            "/body/agentid",
        ),
        (
            "fxiaoke.setMemberStatusBatch",
            {
                let mut s = status(json!(["u"]));
                s["body"]["status"] = json!("9007199254740993");
                s
            },
            "/body/status",
        ),
    ] {
        let report = validate(endpoint, &input, &opts()).unwrap();
        let codes = pairs(&report.errors);
        assert_eq!(codes.len(), 1, "{endpoint}: {codes:?}");
        assert_eq!(codes[0].0, path);
        // `status` has an enum of 1 and 2, so it reads as `enum`.
        assert!(matches!(codes[0].1, "range" | "type" | "enum"), "{codes:?}");
    }
    // 2^53 + 1 as a float, and far beyond.
    for n in [9_007_199_254_740_994.0f64, 1e300, -1e300] {
        let input = member(json!({"openUserId": "u1", "mainDepartmentId": n}));
        let report = validate("fxiaoke.updateMember", &input, &opts()).unwrap();
        assert_eq!(
            pairs(&report.errors),
            [("/body/user/mainDepartmentId", "range")]
        );
    }
}

#[test]
fn overflowing_and_negative_zero_numbers() {
    // Without serde_json's arbitrary_precision, 1e400 does not parse: the
    // caller gets a JSON error before the library sees anything.
    assert!(serde_json::from_str::<Value>("1e400").is_err());
    assert!(matches!(
        validate_many("fxiaoke.updateMember", "[{\"body\": 1e400}]", &opts()),
        Err(Error::InvalidBatch { .. })
    ));
    // Non-finite floats cannot even be put in a Value.
    assert_eq!(json!(f64::INFINITY), Value::Null);
    // -0 is the integer 0, sent as 0.
    let neg_zero: Value = serde_json::from_str("-0").unwrap();
    let input = member(json!({"openUserId": "u1", "mainDepartmentId": neg_zero}));
    let req = build_request("fxiaoke.updateMember", &input, &opts()).unwrap();
    assert!(
        req.body_text().contains("\"mainDepartmentId\":0"),
        "{}",
        req.body_text()
    );
    let input = member(json!({"openUserId": "u1", "mainDepartmentId": "-0"}));
    let report = validate("fxiaoke.updateMember", &input, &opts()).unwrap();
    assert_eq!(
        pairs(&report.errors),
        [("/body/user/mainDepartmentId", "type")]
    );
}

#[test]
fn pass_through_floats_are_printed_as_given() {
    // Regression (fuzz, build_request): re-parsing a built body with
    // serde_json's default (not correctly rounded) float parser changed
    // the last digit; the library itself prints the f64 it was given.
    let input = member(json!({"openUserId": "u1", "x": -9.007199284888888e36}));
    let req = build_request("fxiaoke.updateMember", &input, &lenient()).unwrap();
    assert!(
        req.body_text().contains("-9.007199284888888e+36"),
        "{}",
        req.body_text()
    );
}

// ---- keys ------------------------------------------------------------------

#[test]
fn prototype_keys_are_plain_unknown_fields() {
    for key in ["__proto__", "constructor", "prototype"] {
        let mut input = staff("s1", json!({"name": "n"}));
        input["body"][key] = json!({"polluted": true});
        input["body"]["staffCustomForm"] = json!({ key: "x" });
        input[key] = json!({});
        let report = validate("ekuaibao.updateStaff", &input, &opts()).unwrap();
        let k = key;
        assert_eq!(
            pairs(&report.errors),
            [
                (format!("/body/{k}").as_str(), "unknown_field"),
                (
                    format!("/body/staffCustomForm/{k}").as_str(),
                    "unknown_field"
                ),
                (format!("/{k}").as_str(), "unknown_field"),
            ]
        );
        // Passed through as an ordinary own key with allowUnknown (unknown
        // envelope keys stay errors: there is nowhere to send them).
        input.as_object_mut().unwrap().remove(key);
        let req = build_request("ekuaibao.updateStaff", &input, &lenient()).unwrap();
        let body: Value = serde_json::from_str(req.body_text()).unwrap();
        assert_eq!(body[key], json!({"polluted": true}));
    }
}

#[test]
fn keys_with_slash_and_tilde_are_escaped_in_paths() {
    let mut input = member(json!({"openUserId": "u1"}));
    input["body"]["user"]["a/b~c"] = json!(1);
    input["body"]["user"]["~1"] = json!(1);
    input["body"]["a/"] = json!({"x": 1});
    let report = validate("fxiaoke.updateMember", &input, &opts()).unwrap();
    assert_eq!(
        pairs(&report.errors),
        [
            ("/body/user/a~1b~0c", "unknown_field"),
            ("/body/user/~01", "unknown_field"),
            ("/body/a~1", "unknown_field"),
        ]
    );
    for issue in &report.errors {
        assert!(input.pointer(&issue.path).is_some(), "{}", issue.path);
    }
    assert!(report.errors[0].message.contains("a/b~c"));
    // Paths inside passed-through values are escaped too.
    let big = "x".repeat(MAX_STRING_CHARS + 1);
    let input = member(json!({"openUserId": "u1", "x/y": {"~": big}}));
    let report = validate("fxiaoke.updateMember", &input, &lenient()).unwrap();
    assert_eq!(pairs(&report.errors), [("/body/user/x~1y/~0", "range")]);
}

// ---- URL shape -------------------------------------------------------------

const HOSTILE: [&str; 10] = [
    "a/b",
    "a?b=c",
    "a#frag",
    "100%",
    "%2F..%2F",
    "a\r\nX-Injected: 1",
    "\n",
    "张三:李四@x",
    "../../admin",
    "a&accessToken=evil&type=code",
];

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// `(origin, decoded path segments, decoded query pairs)`.
fn split_url(url: &str) -> (String, Vec<String>, Vec<(String, String)>) {
    assert!(url.bytes().all(|b| b.is_ascii_graphic()), "{url:?}");
    assert!(!url.contains('#'));
    let (head, query) = url.split_once('?').unwrap_or((url, ""));
    let (scheme, rest) = head.split_once("://").unwrap();
    let (host, path) = rest.split_at(rest.find('/').unwrap());
    let segments = path[1..].split('/').map(percent_decode).collect();
    let pairs = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap();
            (percent_decode(k), percent_decode(v))
        })
        .collect();
    (format!("{scheme}://{host}"), segments, pairs)
}

fn assert_headers(req: &HttpRequest) {
    assert_eq!(req.headers.len(), 1);
    assert_eq!(req.headers["Content-Type"], "application/json");
}

#[test]
fn hostile_staff_id_and_token_stay_in_their_segment_and_value() {
    for id in HOSTILE {
        for kind in [None, Some("code")] {
            let mut input = staff(id, json!({"name": "n"}));
            input["query"]["accessToken"] = json!(id);
            if let Some(k) = kind {
                input["query"]["type"] = json!(k);
            }
            let req = build_request("ekuaibao.updateStaff", &input, &opts()).unwrap();
            assert_headers(&req);
            let (origin, segments, query) = split_url(&req.url);
            assert_eq!(origin, "https://app.ekuaibao.com");
            assert_eq!(
                segments,
                [
                    "api",
                    "openapi",
                    "v1.1",
                    "staffs",
                    "update",
                    &format!("${id}")
                ]
            );
            let mut want = vec![("accessToken".to_owned(), id.to_owned())];
            if let Some(k) = kind {
                want.push(("type".into(), k.into()));
            }
            assert_eq!(query, want, "{}", req.url);
        }
    }
}

#[test]
fn hostile_trace_ids_and_tokens_stay_query_values() {
    for value in HOSTILE {
        let input = json!({"query": {"thirdTraceId": value},
            "body": {"corpAccessToken": value, "corpId": "c", "openUserIds": ["u"], "status": 2}});
        let req = build_request("fxiaoke.setMemberStatusBatch", &input, &opts()).unwrap();
        assert_headers(&req);
        let (origin, segments, query) = split_url(&req.url);
        assert_eq!(origin, "https://open.fxiaoke.com");
        assert_eq!(segments, ["cgi", "crm", "v2", "data", "update"]);
        assert_eq!(query, [("thirdTraceId".to_owned(), value.to_owned())]);
        let body: Value = serde_json::from_str(req.body_text()).unwrap();
        assert_eq!(body["corpAccessToken"], json!(value));

        let req = build_request("dingtalk.updateEmployeeRoster", &roster(value), &opts()).unwrap();
        let (origin, segments, query) = split_url(&req.url);
        assert_eq!(origin, "https://oapi.dingtalk.com");
        assert_eq!(segments.len(), 6);
        assert_eq!(query, [("access_token".to_owned(), value.to_owned())]);
    }
}

#[test]
fn empty_and_missing_trace_ids() {
    let mut input = status(json!(["u"]));
    input["query"] = json!({"thirdTraceId": ""});
    let report = validate("fxiaoke.setMemberStatusBatch", &input, &opts()).unwrap();
    assert_eq!(pairs(&report.errors), [("/query/thirdTraceId", "empty")]);
    input["query"] = json!({ "thirdTraceId": null });
    let req = build_request("fxiaoke.setMemberStatusBatch", &input, &opts()).unwrap();
    let (_, _, query) = split_url(&req.url);
    assert_eq!(query.len(), 1);
    assert_eq!(query[0].0, "thirdTraceId");
    // A fresh UUID v4 (the vendor asks for one per call).
    assert_eq!(query[0].1.len(), 36);
    assert!(query[0]
        .1
        .bytes()
        .all(|b| b.is_ascii_hexdigit() || b == b'-'));
}

#[test]
fn url_path_for_ekuaibao_can_be_set() {
    // Regression: the {staffId} placeholder made every urlPath invalid.
    let options = Options {
        url_path: Some("/api/openapi/v1.1/staffs/update/{staffId}".into()),
        ..Options::default()
    };
    let req = build_request(
        "ekuaibao.updateStaff",
        &staff("a/b", json!({"name": "n"})),
        &options,
    )
    .unwrap();
    assert!(req.url.contains("/update/$a%2Fb?"), "{}", req.url);
    // Outside Ekuaibao, braces are still refused.
    let options = Options {
        url_path: Some("/cgi/{staffId}".into()),
        ..Options::default()
    };
    assert!(matches!(
        validate(
            "fxiaoke.updateMember",
            &member(json!({"openUserId": "u"})),
            &options
        ),
        Err(Error::InvalidOption { .. })
    ));
}

#[test]
fn base_urls_a_url_parser_would_rewrite_are_format_errors() {
    // Among them, regressions found by the build_request fuzz target: each
    // was accepted and then a WHATWG parser changed the host or path, or
    // refused the URL.
    for base in BAD_BASE_URLS.iter().filter(|b| !b.is_empty()) {
        let mut input = roster("t");
        input["baseUrl"] = json!(base);
        let report = validate("dingtalk.updateEmployeeRoster", &input, &opts()).unwrap();
        assert_eq!(pairs(&report.errors), [("/baseUrl", "format")], "{base}");
    }
    let options = Options {
        url_path: Some("/cgi/user/../admin".into()),
        ..Options::default()
    };
    assert!(matches!(
        validate(
            "fxiaoke.updateMember",
            &member(json!({"openUserId": "u"})),
            &options
        ),
        Err(Error::InvalidOption { .. })
    ));
}

// ---- secrets ---------------------------------------------------------------

#[test]
fn tokens_never_appear_in_reports_errors_or_debug_output() {
    const T: &str = "SECRET-token-4f9a2c";
    let inputs = [
        (
            "fxiaoke.updateMember",
            json!({"body": {"corpAccessToken": T, "corpId": "", "user": {"gender": "X"}, "x": 1}}),
        ),
        (
            "fxiaoke.setMemberStatusBatch",
            json!({"body": {"corpAccessToken": T, "openUserIds": [T, T], "status": 9}}),
        ),
        (
            "dingtalk.updateEmployeeRoster",
            json!({"query": {"access_token": T}, "body": {"agentid": T}}),
        ),
        (
            "ekuaibao.updateStaff",
            json!({"path": {}, "query": {"accessToken": T, "type": T}, "body": {"email": T}}),
        ),
    ];
    for (endpoint, input) in inputs {
        for options in [opts(), lenient()] {
            let report: Report = validate(endpoint, &input, &options).unwrap();
            assert!(!report.ok);
            let shown = format!(
                "{report:?} {} {}",
                serde_json::to_string(&report).unwrap(),
                Error::Invalid(report.clone())
            );
            // The duplicate openUserIds are no secret; only tokens matter.
            if endpoint != "fxiaoke.setMemberStatusBatch" {
                assert!(!shown.contains(T), "{endpoint}: {shown}");
            }
            for issue in report.errors.iter().chain(&report.warnings) {
                assert!(!issue.message.contains(T), "{endpoint}: {}", issue.message);
                assert!(!Value::Object(issue.params.clone()).to_string().contains(T));
            }
        }
    }
    for (endpoint, input) in [
        ("dingtalk.updateEmployeeRoster", roster(T)),
        ("ekuaibao.updateStaff", {
            let mut s = staff("s1", json!({"name": "n"}));
            s["query"]["accessToken"] = json!(T);
            s
        }),
        ("fxiaoke.setMemberStatusBatch", {
            let mut s = status(json!(["u"]));
            s["body"]["corpAccessToken"] = json!(T);
            s
        }),
    ] {
        let req = build_request(endpoint, &input, &opts()).unwrap();
        assert!(req.url.contains(T) || req.body_text().contains(T));
        let shown = format!("{req:?}");
        assert!(!shown.contains(T), "{shown}");
        let safe = req.redacted();
        assert!(!safe.url.contains(T) && !safe.body_text().contains(T));
    }
}

// ---- fuzz regressions (merged main) ------------------------------------------

#[test]
fn base_array_items_stay_strict_with_allow_unknown() {
    // Regression (fuzz, build_request): an extra key in a base city given as
    // an array was passed through with allowUnknown, so the text sent failed
    // the strict text form when the built body was validated again.
    let mut input = staff("s1", json!({"name": "n"}));
    input["body"]["staffCustomForm"] = json!({"base": [{"key": "8", "label": "北京市", "x": 1}]});
    let report = validate("ekuaibao.updateStaff", &input, &lenient()).unwrap();
    assert_eq!(
        pairs(&report.errors),
        [("/body/staffCustomForm/base/0/x", "unknown_field")]
    );
}

#[test]
fn ekuaibao_blank_json_string_reply_says_why() {
    // Regression (fuzz, parse_response): a failure body of `""` gave an empty message.
    let out = parse_response("ekuaibao.updateStaff", 8801, "\"\"").unwrap();
    assert!(!out.ok);
    assert_eq!(out.message.as_deref(), Some("HTTP 8801"));
}
