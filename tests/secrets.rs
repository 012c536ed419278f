//! A token never appears in any issue message or params, any Error's
//! Display or Debug, or an HttpRequest's Debug / `redacted()` output, for
//! every endpoint, whether the token is valid, empty, of the wrong type or
//! full of hostile characters.

mod common;

use common::seed;
use rosterguard::{Error, Options};
use serde_json::{json, Value};

const SECRET: &str = "SECRET-TOKEN-123";

/// Each endpoint and the pointer of each of its secret fields (from the
/// field tables: a new endpoint is covered by declaring its token secret),
/// with the text a valid token starts with there.
fn tokens() -> Vec<(&'static str, String, &'static str)> {
    let mut out = Vec::new();
    for ep in rosterguard::endpoints() {
        let secrets = ep.secret_fields();
        assert!(!secrets.is_empty(), "{}: no secret field", ep.id);
        for (pointer, _) in secrets {
            if !pointer.contains("/-") {
                out.push((ep.id, pointer, ep.token_prefix));
            }
        }
    }
    out
}

/// Token values: valid ones, and ones the validator rejects.
fn token_values() -> Vec<Value> {
    vec![
        json!(SECRET),
        json!(format!(" {SECRET} ")),
        json!(format!("{SECRET}&type=code#x y\r\n/?%=令牌\"\\'<>")),
        json!(format!("{SECRET}\u{0}\u{7f}\u{202e}")),
        json!(""),
        json!("   "),
        json!({ "value": SECRET }),
        json!({ SECRET: SECRET }),
        json!([SECRET]),
        json!([[SECRET], {"k": SECRET}]),
        json!(true),
        json!(null),
    ]
}

/// Something else wrong in the input too, so that reports carry errors of
/// every kind next to the token's own.
fn break_other_fields(endpoint: &str, input: &mut Value) {
    let b = &mut input["body"];
    match endpoint {
        "fxiaoke.updateMember" => {
            b["user"]["gender"] = json!("X");
            b["user"]["attachingDepartmentIds"] = json!([1, 1, -1]);
            b["user"]["unknownKey"] = json!(SECRET);
        }
        "fxiaoke.setMemberStatusBatch" => {
            b["status"] = json!(3);
            b["openUserIds"] = json!([]);
        }
        "dingtalk.updateEmployeeRoster" => {
            b["agentid"] = json!(0);
            b["param"]["groups"][0]["sections"][1]["old_index"] = json!(0);
        }
        "ekuaibao.updateStaff" => {
            b["email"] = json!("");
            b["defaultDepartment"] = json!("zz");
            b["cellphone"] = json!("+852 1234 5678");
        }
        _ => {
            // Any endpoint: an unknown field holding the token, and every
            // non-secret top-level field of the wrong type.
            let ep = rosterguard::endpoint(endpoint).unwrap();
            if let Some(map) = b.as_object_mut() {
                for f in ep
                    .body
                    .map_or(&[][..], |b| b.fields)
                    .iter()
                    .filter(|f| !f.secret)
                {
                    if let Some(v) = map.get_mut(f.key) {
                        *v = if v.is_boolean() {
                            json!([SECRET])
                        } else {
                            json!(true)
                        };
                    }
                }
                map.insert("unknownKey".into(), json!(SECRET));
            }
        }
    }
}

#[track_caller]
fn assert_clean(what: &str, text: &str) {
    assert!(!text.contains(SECRET), "{what} leaks the token:\n{text}");
    // Also not percent- or JSON-escaped beyond recognition of the prefix.
    assert!(
        !text.contains("SECRET-TOKEN"),
        "{what} leaks the token:\n{text}"
    );
}

fn check_report(what: &str, report: &rosterguard::Report) {
    assert_clean(&format!("{what} report Debug"), &format!("{report:?}"));
    assert_clean(
        &format!("{what} report JSON"),
        &serde_json::to_string(report).unwrap(),
    );
    for issue in report.errors.iter().chain(&report.warnings) {
        assert_clean(&format!("{what} message"), &issue.message);
        assert_clean(
            &format!("{what} params"),
            &Value::Object(issue.params.clone()).to_string(),
        );
    }
}

fn check_error(what: &str, e: &Error) {
    assert_clean(&format!("{what} Error Display"), &e.to_string());
    assert_clean(&format!("{what} Error Debug"), &format!("{e:?}"));
    assert_clean(&format!("{what} Error Debug (pretty)"), &format!("{e:#?}"));
}

fn check_request(what: &str, req: &rosterguard::HttpRequest) {
    assert_clean(&format!("{what} HttpRequest Debug"), &format!("{req:?}"));
    assert_clean(
        &format!("{what} HttpRequest Debug (pretty)"),
        &format!("{req:#?}"),
    );
    let safe = req.redacted();
    assert_clean(&format!("{what} redacted url"), &safe.url);
    assert_clean(
        &format!("{what} redacted headers"),
        &format!("{:?}", safe.headers),
    );
    assert_clean(&format!("{what} redacted body"), safe.body_text());
    assert_clean(&format!("{what} redacted Debug"), &format!("{safe:?}"));
    assert_clean(
        &format!("{what} redacted JSON"),
        &serde_json::to_string(&safe).unwrap(),
    );
    assert_clean(
        &format!("{what} redact_url"),
        &rosterguard::redact_url(&req.url),
    );
    // Redaction keeps the request usable for logs: same method, same shape.
    assert_eq!(safe.method, req.method);
    assert_eq!(safe.body.is_some(), req.body.is_some());
    if let Some(b) = safe.body.as_deref() {
        assert!(serde_json::from_str::<Value>(b).is_ok());
    }
}

fn run(endpoint: &str, input: &Value, o: &Options, what: &str) {
    check_report(what, &rosterguard::validate(endpoint, input, o).unwrap());
    match rosterguard::build(endpoint, input, o) {
        Ok(built) => {
            check_request(what, &built.request);
            check_report(what, &built.report);
            assert_clean(&format!("{what} Built Debug"), &format!("{built:?}"));
        }
        Err(e) => check_error(what, &e),
    }
    match rosterguard::build_request(endpoint, input, o) {
        Ok(req) => check_request(what, &req),
        Err(e) => check_error(what, &e),
    }
}

fn all_options() -> Vec<Options> {
    let mut out = vec![];
    for locale in ["en", "zh-CN"] {
        for allow in [false, true] {
            out.push(
                serde_json::from_value(json!({"locale": locale, "allowUnknown": allow})).unwrap(),
            );
        }
    }
    out
}

#[test]
fn tokens_never_leak_from_any_entry_point() {
    for (endpoint, pointer, _) in tokens() {
        let pointer = pointer.as_str();
        for token in token_values() {
            for broken in [false, true] {
                let mut input = seed(endpoint);
                assert!(rosterguard::pointer::set(
                    &mut input,
                    pointer,
                    token.clone()
                ));
                if broken {
                    break_other_fields(endpoint, &mut input);
                }
                for o in all_options() {
                    let what = format!("{endpoint} token={token} broken={broken} {o:?}");
                    run(endpoint, &input, &o, &what);
                    let r =
                        rosterguard::validate_field(endpoint, pointer, &token, Some(&input), &o)
                            .unwrap();
                    check_report(&format!("{what} validate_field"), &r);
                    let r =
                        rosterguard::validate_field(endpoint, pointer, &token, None, &o).unwrap();
                    check_report(&format!("{what} validate_field alone"), &r);
                }
            }
        }
    }
}

#[test]
fn the_test_is_not_vacuous() {
    // A valid token is really sent: the checks above look at real requests.
    for (endpoint, pointer, prefix) in tokens() {
        let mut input = seed(endpoint);
        assert!(rosterguard::pointer::set(
            &mut input,
            &pointer,
            json!(format!("{prefix}{SECRET}"))
        ));
        let req = rosterguard::build_request(endpoint, &input, &Options::default()).unwrap();
        let text = format!("{}{}{:?}", req.url, req.body_text(), req.headers);
        assert!(text.contains(SECRET), "{endpoint}: {text}");
        assert!(serde_json::to_string(&req).unwrap().contains(SECRET));
    }
}

#[test]
fn misplaced_tokens_passed_through_are_masked_too() {
    // With allowUnknown, a token under another vendor's key name is passed
    // through; the known token names are masked wherever they are top level.
    let o: Options = serde_json::from_value(json!({"allowUnknown": true})).unwrap();
    let cases = [
        ("fxiaoke.updateMember", "/query/corpAccessToken"),
        ("fxiaoke.setMemberStatusBatch", "/query/access_token"),
        ("dingtalk.updateEmployeeRoster", "/body/access_token"),
        ("dingtalk.updateEmployeeRoster", "/query/accessToken"),
        ("ekuaibao.updateStaff", "/body/accessToken"),
        ("ekuaibao.updateStaff", "/query/corpAccessToken"),
    ];
    for (endpoint, pointer) in cases {
        let mut input = seed(endpoint);
        assert!(rosterguard::pointer::set(
            &mut input,
            pointer,
            json!(SECRET)
        ));
        let req = rosterguard::build_request(endpoint, &input, &o).unwrap();
        check_request(&format!("{endpoint} {pointer}"), &req);
    }
}

#[test]
fn hostile_tokens_are_masked_whole() {
    // The mask replaces the whole encoded value: nothing of it is left in the URL.
    for (endpoint, pointer, prefix) in tokens() {
        let token = format!("{prefix}{SECRET}&x=1#y");
        let mut input = seed(endpoint);
        assert!(rosterguard::pointer::set(
            &mut input,
            &pointer,
            json!(token)
        ));
        let safe = rosterguard::build_request(endpoint, &input, &Options::default())
            .unwrap()
            .redacted();
        for part in ["x%3D1", "%23y", "x=1"] {
            assert!(!safe.url.contains(part), "{endpoint}: {}", safe.url);
        }
    }
}

#[test]
fn tokens_nested_in_passed_through_fields_are_masked() {
    let o: Options = serde_json::from_value(json!({"allowUnknown": true})).unwrap();
    let mut input = seed("fxiaoke.updateMember");
    input["body"]["user"]["corpAccessToken"] = json!(SECRET);
    input["body"]["user"]["extra"] = json!([{"accessToken": SECRET}, {"access_token": [SECRET]}]);
    let req = rosterguard::build_request("fxiaoke.updateMember", &input, &o).unwrap();
    check_request("nested", &req);
    let safe: Value = serde_json::from_str(req.redacted().body_text()).unwrap();
    assert_eq!(safe["user"]["corpAccessToken"], "***");
    assert_eq!(safe["user"]["extra"][1]["access_token"], "***");
    assert_eq!(
        safe["user"]["openUserId"], "fsuid_openId2",
        "the rest is kept"
    );
}

#[test]
fn a_body_too_deep_to_read_back_is_withheld_not_shown() {
    // serde_json reads back at most 128 levels; a deeper pass-through field
    // must not make redaction give up and show the token.
    let o: Options = serde_json::from_value(json!({"allowUnknown": true})).unwrap();
    let mut deep = json!(1);
    for _ in 0..200 {
        deep = json!([deep]);
    }
    for (endpoint, pointer, prefix) in tokens() {
        let mut input = seed(endpoint);
        assert!(rosterguard::pointer::set(
            &mut input,
            &pointer,
            json!(format!("{prefix}{SECRET}"))
        ));
        input["body"]["deepExtra"] = deep.clone();
        // The library refuses to copy a value that deep (limits), and says
        // so without showing the token.
        match rosterguard::build_request(endpoint, &input, &o) {
            Err(e) => {
                assert_clean(&format!("{endpoint} deep Display"), &e.to_string());
                assert_clean(&format!("{endpoint} deep Debug"), &format!("{e:?}"));
            }
            Ok(req) => panic!("{endpoint}: a 200-deep pass-through was built: {req:?}"),
        }
        // A request whose body serde_json cannot read back (> 128 levels),
        // made by hand, is withheld rather than shown unmasked.
        let body = json!({"corpAccessToken": SECRET, "access_token": SECRET, "accessToken": SECRET, "x": deep.clone()});
        let req =
            rosterguard::HttpRequest::json("POST", "https://x.example".into(), body.to_string());
        assert_clean(&format!("{endpoint} deep Debug"), &format!("{req:?}"));
        assert_clean(
            &format!("{endpoint} deep redacted"),
            req.redacted().body_text(),
        );
    }
    // A hand-made request whose body is not JSON is withheld too.
    let req = rosterguard::HttpRequest::json(
        "POST",
        "https://x.example".into(),
        format!("token={SECRET}"),
    );
    assert_clean("non-JSON body", &format!("{req:?}"));
}
