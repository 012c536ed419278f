//! Built-request details the fixtures do not cover: URL encoding, trace ids,
//! the urlPath and baseUrl options, what built bodies may contain, and the
//! misuse errors of the crate-root functions.

mod common;

use common::{fixture, percent_decode, seed};
use rosterguard::{Code, Error, HttpRequest, Options};
use serde_json::{json, Value};

const EKB: &str = "ekuaibao.updateStaff";
const MEMBER: &str = "fxiaoke.updateMember";
const STATUS: &str = "fxiaoke.setMemberStatusBatch";
const ROSTER: &str = "dingtalk.updateEmployeeRoster";
const ALL: [&str; 4] = [MEMBER, STATUS, ROSTER, EKB];

fn opts(v: Value) -> Options {
    serde_json::from_value(v).expect("options")
}

/// The Ekuaibao example addressed by id (its first seed is the one by code).
fn ekb_by_id() -> Value {
    fixture(&format!("{EKB}/seed-by-id.json"))["input"].clone()
}

fn build(endpoint: &str, input: &Value) -> HttpRequest {
    build_with(endpoint, input, &Options::default())
}

fn build_with(endpoint: &str, input: &Value, o: &Options) -> HttpRequest {
    match rosterguard::build_request(endpoint, input, o) {
        Ok(r) => r,
        Err(e) => panic!("{endpoint}: {e}\n{e:?}"),
    }
}

fn body(req: &HttpRequest) -> Value {
    serde_json::from_str(req.body_text()).expect("body is JSON")
}

fn ekb(staff_id: Value, query: Value) -> Value {
    json!({"path": {"staffId": staff_id}, "query": query, "body": {"name": "赵六"}})
}

/// The path of a URL after the host, and its raw query.
fn split_url(url: &str) -> (&str, &str) {
    let rest = url.split_once("://").unwrap().1;
    let path_q = &rest[rest.find('/').unwrap()..];
    path_q.split_once('?').unwrap_or((path_q, ""))
}

// ---- Ekuaibao staffId segment and query encoding ------------------------

#[test]
fn ekuaibao_staff_id_stays_in_one_segment() {
    let id = "a/b?c#d%e f\r\n张 ..";
    let req = build(EKB, &ekb(json!(id), json!({"accessToken": "t"})));
    let (path, query) = split_url(&req.url);
    assert_eq!(
        path,
        "/api/openapi/v1.1/staffs/update/$a%2Fb%3Fc%23d%25e%20f%0D%0A%E5%BC%A0%20.."
    );
    assert_eq!(query, "accessToken=t");
    assert_eq!(req.url.matches('?').count(), 1);
    assert!(!req.url.contains('#'));
    assert!(!req.url.contains(' ') && !req.url.contains('\r') && !req.url.contains('\n'));
    // Decoding the one segment gives the id back.
    let segment = path.rsplit('/').next().unwrap();
    assert_eq!(percent_decode(segment), format!("${id}"));
}

#[test]
fn ekuaibao_dollar_is_literal_and_colon_at_are_kept() {
    let cases = [
        (
            "JOYbpjPP-E2Q00:IIEbwYgR2E5M00",
            "$JOYbpjPP-E2Q00:IIEbwYgR2E5M00",
        ),
        ("00005", "$00005"),
        ("a$b", "$a%24b"),
        ("$x", "$%24x"),
        ("u@corp:1", "$u@corp:1"),
        ("A-Z_a.z~0", "$A-Z_a.z~0"),
        ("+&=;,", "$%2B%26%3D%3B%2C"),
    ];
    for (id, segment) in cases {
        let req = build(EKB, &ekb(json!(id), json!({"accessToken": "t"})));
        assert_eq!(
            req.url,
            format!(
                "https://app.ekuaibao.com/api/openapi/v1.1/staffs/update/{segment}?accessToken=t"
            ),
            "{id}"
        );
    }
}

#[test]
fn ekuaibao_dot_segments_cannot_walk_up() {
    for id in ["..", "."] {
        let req = build(EKB, &ekb(json!(id), json!({"accessToken": "t"})));
        // The `$` prefix keeps "." and ".." from being dot segments.
        assert!(
            req.url.contains(&format!("/staffs/update/${id}?")),
            "{}",
            req.url
        );
    }
}

#[test]
fn query_values_are_percent_encoded() {
    let token = "ID_3D5:x&type=code#frag =+%\r\n令牌";
    let req = build(EKB, &ekb(json!("00005"), json!({"accessToken": token})));
    let (_, query) = split_url(&req.url);
    assert_eq!(
        query,
        "accessToken=ID_3D5%3Ax%26type%3Dcode%23frag%20%3D%2B%25%0D%0A%E4%BB%A4%E7%89%8C"
    );
    let (_, pairs) = common::path_and_query(&req.url);
    assert_eq!(pairs, vec![("accessToken".to_owned(), token.to_owned())]);

    let req = build(
        ROSTER,
        &json!({"query": {"access_token": "a&b=c#d"}, "body": seed(ROSTER)["body"]}),
    );
    assert!(
        req.url
            .ends_with("/topapi/smartwork/hrm/employee/v2/update?access_token=a%26b%3Dc%23d"),
        "{}",
        req.url
    );
}

#[test]
fn ekuaibao_type_is_in_the_url_only_when_given() {
    let url = |q: Value| build(EKB, &ekb(json!("00005"), q)).url;
    let none = url(json!({"accessToken": "t"}));
    assert!(!none.contains("type="), "{none}");
    assert!(none.ends_with("?accessToken=t"));
    assert!(url(json!({"accessToken": "t", "type": "code"})).ends_with("?accessToken=t&type=code"));
    assert!(url(json!({"accessToken": "t", "type": "id"})).ends_with("?accessToken=t&type=id"));
    // Documented order, whatever the input order.
    assert!(url(json!({"type": "code", "accessToken": "t"})).ends_with("?accessToken=t&type=code"));
    // A null type is not sent.
    assert!(!url(json!({"accessToken": "t", "type": null})).contains("type="));
}

// ---- Fxiaoke thirdTraceId ----------------------------------------------

#[test]
fn fxiaoke_trace_id_given_is_encoded() {
    for ep in [MEMBER, STATUS] {
        let mut input = seed(ep);
        input["query"] = json!({"thirdTraceId": "a&b=c#d/e f?g"});
        let req = build(ep, &input);
        assert_eq!(
            req.url,
            "https://open.fxiaoke.com/cgi/crm/v2/data/update?thirdTraceId=a%26b%3Dc%23d%2Fe%20f%3Fg",
            "{ep}"
        );
    }
}

#[test]
fn fxiaoke_trace_id_generated_when_absent() {
    for ep in [MEMBER, STATUS] {
        let mut input = seed(ep);
        if let Some(o) = input.as_object_mut() {
            o.remove("query");
        }
        let ids: Vec<String> = (0..3)
            .map(|_| {
                let url = build(ep, &input).url;
                let (path, query) = split_url(&url);
                assert_eq!(path, "/cgi/crm/v2/data/update");
                let id = query.strip_prefix("thirdTraceId=").expect(&url).to_owned();
                assert!(id.len() >= 16, "{id}");
                assert!(
                    id.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
                    "{id}"
                );
                id
            })
            .collect();
        assert_ne!(ids[0], ids[1]);
        assert_ne!(ids[1], ids[2]);
        assert_ne!(ids[0], ids[2]);
    }
    // An empty query object also gets a generated id.
    let mut input = seed(STATUS);
    input["query"] = json!({});
    let url = build(STATUS, &input).url;
    assert!(url.contains("?thirdTraceId=") && url.len() > 70, "{url}");
}

// ---- urlPath and baseUrl ---------------------------------------------------

#[test]
fn url_path_overrides_the_documented_path() {
    let o = opts(json!({"urlPath": "/cgi/user/update"}));
    let mut input = seed(MEMBER);
    input["query"] = json!({"thirdTraceId": "t1"});
    assert_eq!(
        build_with(MEMBER, &input, &o).url,
        "https://open.fxiaoke.com/cgi/user/update?thirdTraceId=t1"
    );
    let o = opts(json!({"urlPath": "/cgi/user/setStatus"}));
    assert_eq!(
        build_with(STATUS, &seed(STATUS), &o).url,
        "https://open.fxiaoke.com/cgi/user/setStatus?thirdTraceId=rg-demo-trace-0001"
    );
    let o = opts(json!({"urlPath": "/topapi/v2/x"}));
    assert_eq!(
        build_with(ROSTER, &seed(ROSTER), &o).url,
        "https://oapi.dingtalk.com/topapi/v2/x?access_token=af21axxx"
    );
    let o = opts(json!({"urlPath": "/api/openapi/v1.1/staffs/update/{staffId}"}));
    assert_eq!(
        build_with(EKB, &ekb_by_id(), &o).url,
        build(EKB, &ekb_by_id()).url,
        "the documented path, spelled out"
    );
    let o = opts(json!({"urlPath": "/gw/%7Eekb/staffs/{staffId}/update"}));
    assert_eq!(
        build_with(EKB, &ekb(json!("a/b"), json!({"accessToken": "t"})), &o).url,
        "https://app.ekuaibao.com/gw/%7Eekb/staffs/$a%2Fb/update?accessToken=t"
    );
}

#[test]
fn invalid_url_path_is_a_misuse_error() {
    for ep in ALL {
        for bad in [
            "cgi/user/update",
            "",
            "/a?b=1",
            "/a#b",
            "/a b",
            "//evil.example.com/x",
            "/a\r\nHost: x",
            "/路径",
            "/a%zz",
        ] {
            let o = Options {
                url_path: Some(bad.to_owned()),
                ..Options::default()
            };
            for result in [
                rosterguard::validate(ep, &seed(ep), &o).map(|_| ()),
                rosterguard::build_request(ep, &seed(ep), &o).map(|_| ()),
            ] {
                match result {
                    Err(Error::InvalidOption { option, reason }) => {
                        assert_eq!(option, "urlPath");
                        assert!(!reason.is_empty());
                    }
                    other => panic!("{ep} {bad:?}: {other:?}"),
                }
            }
        }
    }
}

#[test]
fn ekuaibao_url_path_needs_the_staff_id_placeholder() {
    let o = opts(json!({"urlPath": "/api/openapi/v1.1/staffs/update"}));
    let err = rosterguard::build_request(EKB, &ekb_by_id(), &o).unwrap_err();
    assert!(
        matches!(&err, Error::InvalidOption { option: "urlPath", reason } if reason.contains("{staffId}")),
        "{err:?}"
    );
    assert!(err.to_string().contains("{staffId}"), "{err}");
    // Other endpoints have no placeholder: braces are not path characters there.
    let o = opts(json!({"urlPath": "/cgi/{staffId}"}));
    assert!(matches!(
        rosterguard::build_request(MEMBER, &seed(MEMBER), &o),
        Err(Error::InvalidOption { .. })
    ));
}

#[test]
fn unknown_option_names_are_rejected() {
    assert!(serde_json::from_value::<Options>(json!({"allowunknown": true})).is_err());
    assert!(serde_json::from_value::<Options>(json!({"locale": "fr"})).is_err());
    let o = opts(json!({"locale": "zh-CN", "allowUnknown": true, "urlPath": "/x"}));
    assert_eq!(o.locale, rosterguard::Locale::ZhCn);
    assert!(o.allow_unknown);
}

#[test]
fn base_url_trailing_slash_and_prefix() {
    let cases = [
        (
            "https://open.ceshi112.com/",
            "https://open.ceshi112.com/cgi/crm/v2/data/update",
        ),
        (
            "https://gw.example.com/fx/",
            "https://gw.example.com/fx/cgi/crm/v2/data/update",
        ),
        (
            "https://gw.example.com:8443/fx",
            "https://gw.example.com:8443/fx/cgi/crm/v2/data/update",
        ),
        (
            "http://127.0.0.1:8080/",
            "http://127.0.0.1:8080/cgi/crm/v2/data/update",
        ),
    ];
    for (base, want) in cases {
        let mut input = seed(STATUS);
        input["baseUrl"] = json!(base);
        let url = build(STATUS, &input).url;
        assert_eq!(split_url(&url).0, split_url(want).0, "{base}");
        assert!(url.starts_with(want), "{base}: {url}");
    }
    let mut input = ekb_by_id();
    input["baseUrl"] = json!("https://hose.example.com/");
    assert!(build(EKB, &input)
        .url
        .starts_with("https://hose.example.com/api/openapi/v1.1/staffs/update/$"));
    let mut input = seed(ROSTER);
    input["baseUrl"] = json!("http://127.0.0.1");
    assert_eq!(
        build(ROSTER, &input).url,
        // The seed's own curl URL.
        "http://127.0.0.1/topapi/smartwork/hrm/employee/v2/update?access_token=af21axxx"
    );
}

// ---- built bodies ------------------------------------------------------

fn assert_no_null(v: &Value, at: &str) {
    match v {
        Value::Null => panic!("null at {at}"),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .for_each(|(i, x)| assert_no_null(x, &format!("{at}/{i}"))),
        Value::Object(map) => map
            .iter()
            .for_each(|(k, x)| assert_no_null(x, &format!("{at}/{k}"))),
        _ => {}
    }
}

/// Every key of `sent` is a key the caller gave at the same place.
fn assert_keys_given(sent: &Value, given: &Value, at: &str) {
    match (sent, given) {
        (Value::Object(s), Value::Object(g)) => {
            for (k, v) in s {
                let g = g.get(k).unwrap_or_else(|| panic!("{at}/{k} was not given"));
                assert_keys_given(v, g, &format!("{at}/{k}"));
            }
        }
        (Value::Array(s), Value::Array(g)) => {
            for (i, v) in s.iter().enumerate() {
                assert_keys_given(v, &g[i], &format!("{at}/{i}"));
            }
        }
        _ => {}
    }
}

#[test]
fn bodies_never_carry_null_or_ungiven_fields() {
    let o = opts(json!({"allowUnknown": true}));
    let mut inputs = vec![];
    let mut m = seed(MEMBER);
    for k in [
        "gender",
        "email",
        "mainDepartmentId",
        "attachingDepartmentIds",
        "hireDate",
        "leaderId",
    ] {
        m["body"]["user"][k] = Value::Null;
    }
    m["body"]["user"]["extraNull"] = Value::Null;
    m["body"]["extraNull"] = Value::Null;
    m["query"] = json!({"thirdTraceId": null});
    inputs.push((MEMBER, m));
    let mut s = seed(STATUS);
    s["query"]["extraNull"] = Value::Null;
    inputs.push((STATUS, s));
    let mut d = seed(ROSTER);
    d["body"]["param"]["groups"][0]["sections"][2]["old_index"] = Value::Null;
    d["body"]["param"]["groups"][0]["sections"][0]["section"][0]["note"] = Value::Null;
    inputs.push((ROSTER, d));
    let mut e = ekb_by_id();
    for k in [
        "enName",
        "code",
        "cellphone",
        "email",
        "modifyAccountPhone",
        "modifyAccountEmail",
    ] {
        e["body"][k] = Value::Null;
    }
    e["body"]["staffCustomForm"]["base"] = Value::Null;
    e["body"]["staffCustomForm"]["u_空"] = Value::Null;
    e["query"]["type"] = Value::Null;
    inputs.push((EKB, e));
    for (ep, input) in &inputs {
        let req = build_with(ep, input, &o);
        let b = body(&req);
        assert_no_null(&b, ep);
        assert!(
            !req.body_text().contains("null"),
            "{ep}: {}",
            req.body_text()
        );
        assert!(!req.url.contains("null"), "{ep}: {}", req.url);
        assert_keys_given(&b, &input["body"], ep);
    }
    for ep in ALL {
        assert_keys_given(&body(&build(ep, &seed(ep))), &seed(ep)["body"], ep);
    }
}

#[test]
fn minimal_inputs_send_exactly_what_was_given() {
    let member =
        json!({"body": {"corpAccessToken": "t", "corpId": "c", "user": {"openUserId": "u"}}});
    assert_eq!(body(&build(MEMBER, &member)), member["body"]);
    let staff = ekb(json!("x"), json!({"accessToken": "t"}));
    assert_eq!(build(EKB, &staff).body_text(), r#"{"name":"赵六"}"#);
}

#[test]
fn integers_are_sent_as_json_numbers() {
    let mut m = seed(MEMBER);
    m["body"]["user"]["mainDepartmentId"] = json!("1001");
    m["body"]["user"]["attachingDepartmentIds"] = json!(["1", 2, "999999"]);
    let u = &body(&build(MEMBER, &m))["user"];
    assert_eq!(u["mainDepartmentId"], json!(1001));
    assert_eq!(u["attachingDepartmentIds"], json!([1, 2, 999999]));

    let mut s = seed(STATUS);
    s["body"]["status"] = json!("2");
    assert_eq!(body(&build(STATUS, &s))["status"], json!(2));

    let mut d = seed(ROSTER);
    d["body"]["param"]["groups"][0]["sections"][1]["old_index"] = json!("1");
    let b = body(&build(ROSTER, &d));
    assert_eq!(b["agentid"], json!(23470561));
    assert_eq!(
        b["param"]["groups"][0]["sections"][1]["old_index"],
        json!(1)
    );
    assert!(build(ROSTER, &d)
        .body_text()
        .starts_with(r#"{"agentid":23470561,"#));

    // And strings stay strings: numbers given for string fields are sent as text.
    let mut e = ekb_by_id();
    e["body"]["cellphone"] = json!(15588881010u64);
    e["body"]["departments"] = json!([1]);
    e["body"]["defaultDepartment"] = json!(1);
    let b = body(&build(EKB, &e));
    assert_eq!(b["cellphone"], json!("15588881010"));
    assert_eq!(b["departments"], json!(["1"]));
    assert_eq!(b["defaultDepartment"], json!("1"));
    let mut m = seed(MEMBER);
    m["body"]["user"]["hireDate"] = json!(1504173600000u64);
    assert_eq!(
        body(&build(MEMBER, &m))["user"]["hireDate"],
        json!("1504173600000")
    );
}

#[test]
fn key_order_is_the_callers() {
    let input = json!({
        "body": {"user": {"weixin": "w", "openUserId": "u", "gender": "F", "account": "a"},
                 "corpId": "c", "corpAccessToken": "t"},
        "query": {"thirdTraceId": "x"}
    });
    assert_eq!(
        build(MEMBER, &input).body_text(),
        r#"{"user":{"weixin":"w","openUserId":"u","gender":"F","account":"a"},"corpId":"c","corpAccessToken":"t"}"#
    );
    let mut e = ekb_by_id();
    e["body"] = json!({"staffCustomForm": {"u_b": "2", "base": "[]", "u_a": "1"}, "name": "n"});
    assert_eq!(
        build(EKB, &e).body_text(),
        r#"{"staffCustomForm":{"u_b":"2","base":"[]","u_a":"1"},"name":"n"}"#
    );
}

#[test]
fn ekuaibao_normalisations_reach_the_body() {
    let mut e = ekb_by_id();
    e["body"]["cellphone"] = json!("+852 1234 5678");
    e["body"]["staffCustomForm"]["base"] = json!([{"key": "8", "label": "北京市/海淀区"}]);
    let built = rosterguard::build(EKB, &e, &Options::default()).unwrap();
    let b = body(&built.request);
    assert_eq!(b["cellphone"], json!("(852)12345678"));
    // The array is sent exactly as the doc's string.
    assert_eq!(
        b["staffCustomForm"]["base"],
        json!("[{\"key\":\"8\",\"label\":\"北京市/海淀区\"}]")
    );
    assert_eq!(
        b["staffCustomForm"]["base"],
        ekb_by_id()["body"]["staffCustomForm"]["base"]
    );
    assert!(b.get("code").is_none(), "code \"\" is not sent");
    let codes: Vec<(&str, Code)> = built
        .report
        .warnings
        .iter()
        .map(|i| (i.path.as_str(), i.code))
        .collect();
    assert_eq!(
        codes,
        [
            ("/body/code", Code::DroppedEmpty),
            ("/body/cellphone", Code::Normalized),
            ("/body/staffCustomForm/base", Code::Normalized),
        ]
    );
    let mut e = ekb_by_id();
    e["body"]["cellphone"] = json!("+86 155-8888-1010");
    assert_eq!(body(&build(EKB, &e))["cellphone"], json!("15588881010"));
}

#[test]
fn unknown_fields_pass_through_unchanged_when_allowed() {
    let o = opts(json!({"allowUnknown": true}));
    let mut m = seed(MEMBER);
    m["body"]["user"]["nickName"] = json!({"deep": [1, "x", true]});
    m["body"]["extra"] = json!(7);
    m["query"] = json!({"thirdTraceId": "t", "lang": "zh&cn"});
    let req = build_with(MEMBER, &m, &o);
    let b = body(&req);
    assert_eq!(b["user"]["nickName"], json!({"deep": [1, "x", true]}));
    assert_eq!(b["extra"], json!(7));
    assert!(
        req.url.ends_with("?thirdTraceId=t&lang=zh%26cn"),
        "{}",
        req.url
    );
    // Without the option they are errors and nothing is built.
    assert!(matches!(
        rosterguard::build_request(MEMBER, &m, &Options::default()),
        Err(Error::Invalid(_))
    ));
}

#[test]
fn http_request_serialises_to_the_contract_shape() {
    let req = build(EKB, &ekb_by_id());
    let v = serde_json::to_value(&req).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["method", "url", "headers", "body"]);
    assert_eq!(v["method"], "PUT");
    assert_eq!(v["headers"], json!({"Content-Type": "application/json"}));
    assert!(v["body"].is_string());
    for ep in [MEMBER, STATUS, ROSTER] {
        assert_eq!(build(ep, &seed(ep)).method, "POST", "{ep}");
    }
}

// ---- misuse and agreement between entry points --------------------------

#[test]
fn build_request_on_invalid_input_carries_the_validate_report() {
    let mut e = ekb_by_id();
    e["body"]["email"] = json!("");
    e["body"]["defaultDepartment"] = json!("zz");
    for locale in ["en", "zh-CN"] {
        let o = opts(json!({"locale": locale}));
        let report = rosterguard::validate(EKB, &e, &o).unwrap();
        assert!(!report.ok);
        match rosterguard::build_request(EKB, &e, &o) {
            Err(Error::Invalid(r)) => assert_eq!(r, report),
            other => panic!("{other:?}"),
        }
        match rosterguard::build(EKB, &e, &o) {
            Err(Error::Invalid(r)) => assert_eq!(r, report),
            other => panic!("{other:?}"),
        }
    }
    let err = rosterguard::build_request(EKB, &e, &Options::default()).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("2 error(s)") && text.contains("/body/email"),
        "{text}"
    );
}

#[test]
fn unknown_endpoint_names_the_known_ids() {
    let input = json!({});
    let o = Options::default();
    let errors = [
        rosterguard::validate("fxiaoke.updatemember", &input, &o).unwrap_err(),
        rosterguard::build_request("dingtalk", &input, &o).unwrap_err(),
        rosterguard::parse_response("", 200, "{}").unwrap_err(),
        rosterguard::validate_field("nope", "/body/x", &json!(1), None, &o).unwrap_err(),
        rosterguard::endpoint("ekuaibao.updateStaff ").unwrap_err(),
    ];
    for err in errors {
        assert!(matches!(err, Error::UnknownEndpoint { .. }), "{err:?}");
        let text = err.to_string();
        for id in ALL {
            assert!(text.contains(id), "{text}");
        }
    }
    // A huge id is shortened in the error.
    let long = "x".repeat(10_000);
    let err = rosterguard::validate(&long, &input, &o).unwrap_err();
    let listed: usize = rosterguard::endpoints()
        .iter()
        .map(|e| e.id.len() + 2)
        .sum();
    assert!(
        err.to_string().len() < 150 + listed,
        "{}",
        err.to_string().len()
    );
}

#[test]
fn validate_field_checks_one_field() {
    let o = Options::default();
    let r = rosterguard::validate_field(EKB, "/body/email", &json!("bad"), None, &o).unwrap();
    assert!(!r.ok);
    let got: Vec<(&str, Code)> = r.errors.iter().map(|i| (i.path.as_str(), i.code)).collect();
    assert_eq!(
        got,
        [("/body/email", Code::Format)],
        "other fields' required errors are not shown"
    );

    let r = rosterguard::validate_field(EKB, "/body/email", &json!("a@b.cn"), None, &o).unwrap();
    assert!(
        r.ok && r.errors.is_empty() && r.warnings.is_empty(),
        "{r:?}"
    );

    let r = rosterguard::validate_field(EKB, "/body/cellphone", &json!("+852 1234 5678"), None, &o)
        .unwrap();
    assert!(r.ok);
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(r.warnings[0].code, Code::Normalized);

    // Issues below the pointer are kept.
    let r = rosterguard::validate_field(EKB, "/body/departments", &json!(["a", "a", ""]), None, &o)
        .unwrap();
    let got: Vec<(&str, Code)> = r.errors.iter().map(|i| (i.path.as_str(), i.code)).collect();
    assert_eq!(
        got,
        [
            ("/body/departments/1", Code::Duplicate),
            ("/body/departments/2", Code::Empty)
        ]
    );

    // Locale applies.
    let zh = opts(json!({"locale": "zh-CN"}));
    let r =
        rosterguard::validate_field(MEMBER, "/body/user/gender", &json!("X"), None, &zh).unwrap();
    assert_eq!(r.errors[0].code, Code::Enum);
    assert!(
        r.errors[0].message.contains("只能取"),
        "{}",
        r.errors[0].message
    );

    // A required field sent as null.
    let r = rosterguard::validate_field(ROSTER, "/body/agentid", &Value::Null, None, &o).unwrap();
    assert_eq!(r.errors[0].code, Code::Required);
}

#[test]
fn validate_field_uses_the_rest_of_the_input_for_cross_rules() {
    let o = Options::default();
    let input = ekb_by_id();
    let r = rosterguard::validate_field(
        EKB,
        "/body/defaultDepartment",
        &json!("zz"),
        Some(&input),
        &o,
    )
    .unwrap();
    let got: Vec<(&str, Code)> = r.errors.iter().map(|i| (i.path.as_str(), i.code)).collect();
    assert_eq!(got, [("/body/defaultDepartment", Code::NotIn)]);
    let r = rosterguard::validate_field(
        EKB,
        "/body/defaultDepartment",
        &json!("xgJ3wajigF25H0"),
        Some(&input),
        &o,
    )
    .unwrap();
    assert!(r.ok, "{r:?}");

    let mut phone_on = ekb_by_id();
    phone_on["body"]["modifyAccountPhone"] = json!(true);
    let r = rosterguard::validate_field(EKB, "/body/cellphone", &Value::Null, Some(&phone_on), &o)
        .unwrap();
    assert_eq!(r.errors.len(), 1);
    assert_eq!(r.errors[0].code, Code::Required);
    assert_eq!(r.errors[0].params["because"], "/body/modifyAccountPhone");

    // DingTalk: old_index repeated within its group.
    let d = seed(ROSTER);
    let ptr = "/body/param/groups/0/sections/2/old_index";
    let r = rosterguard::validate_field(ROSTER, ptr, &json!(1), Some(&d), &o).unwrap();
    assert_eq!(r.errors.len(), 1);
    assert_eq!(
        (r.errors[0].path.as_str(), r.errors[0].code),
        (ptr, Code::Duplicate)
    );
    // The input itself is not changed.
    assert_eq!(d, seed(ROSTER));
}

#[test]
fn validate_field_rejects_bad_pointers() {
    let o = Options::default();
    let input = ekb_by_id();
    for bad in [
        "",
        "body/email",
        "/body/departments/5",
        "/body/departments/x",
        "/body/name/first",
        "/path/staffId/0",
    ] {
        match rosterguard::validate_field(EKB, bad, &json!("v"), Some(&input), &o) {
            Err(Error::InvalidPointer { pointer }) => {
                assert_eq!(pointer, bad);
                assert!(!Error::InvalidPointer { pointer }.to_string().is_empty());
            }
            other => panic!("{bad:?}: {other:?}"),
        }
    }
    // Escapes work: a key holding '/' is addressed as ~1.
    let r = rosterguard::validate_field(
        EKB,
        "/body/staffCustomForm/u_a~1b",
        &json!(1),
        Some(&input),
        &o,
    )
    .unwrap();
    assert!(r.ok);
    assert_eq!(r.warnings[0].path, "/body/staffCustomForm/u_a~1b");
    // An input that is not an object cannot be stepped into.
    assert!(
        rosterguard::validate_field(EKB, "/body/name", &json!("n"), Some(&json!([])), &o).is_err()
    );
    // A huge pointer is shortened in the error.
    let long = format!("x{}", "/a".repeat(5000));
    match rosterguard::validate_field(EKB, &long, &json!(1), None, &o) {
        Err(e @ Error::InvalidPointer { .. }) => assert!(e.to_string().len() < 400),
        other => panic!("{other:?}"),
    }
}
