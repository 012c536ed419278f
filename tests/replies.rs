//! `parse_response` for each vendor: the seeds' success replies, documented
//! failures, retryable codes, and bodies that are garbage, empty, not an
//! object or huge (a clear failure, never a panic).

use rosterguard::{parse_response, ReplyOutcome};
use serde_json::json;

const MEMBER: &str = "fxiaoke.updateMember";
const STATUS: &str = "fxiaoke.setMemberStatusBatch";
const ROSTER: &str = "dingtalk.updateEmployeeRoster";
const EKB: &str = "ekuaibao.updateStaff";
const ALL: [&str; 4] = [MEMBER, STATUS, ROSTER, EKB];
const FEISHU: &str = "feishu.patchUser";
const WECOM: &str = "wecom.updateUser";
const DING_USER: &str = "dingtalk.updateUser";
const EK: &str = EKB;

fn parse(endpoint: &str, status: u16, body: &str) -> ReplyOutcome {
    parse_response(endpoint, status, body).expect("known endpoint")
}

fn message(o: &ReplyOutcome) -> &str {
    o.message.as_deref().unwrap_or("")
}

// ---- Fxiaoke -------------------------------------------------------------

/// Both Fxiaoke pages' § Response Example.
const FX_OK: &str = r#"{
      "traceId": "E-O.827xxxxxx",
      "errorDescription": "success",
      "errorMessage": "OK",
      "errorCode": 0
    }"#;

#[test]
fn fxiaoke_seed_success() {
    for ep in [MEMBER, STATUS] {
        let o = parse(ep, 200, FX_OK);
        assert_eq!(
            o,
            ReplyOutcome {
                ok: true,
                vendor_code: Some("0".into()),
                message: Some("OK".into()),
                retryable: false,
                trace_id: Some("E-O.827xxxxxx".into()),
                token_expired: false,
                reason: None,
                already_exists: false,
                not_found: false,
            },
            "{ep}"
        );
        assert_eq!(
            serde_json::to_value(&o).unwrap(),
            json!({"ok": true, "vendorCode": "0", "message": "OK", "retryable": false, "traceId": "E-O.827xxxxxx", "tokenExpired": false, "reason": null, "alreadyExists": false, "notFound": false})
        );
    }
}

#[test]
fn fxiaoke_error_code_decides_even_on_http_200() {
    let o = parse(
        MEMBER,
        200,
        r#"{"traceId":"E-O.1","errorCode":20016,"errorMessage":"corpAccessToken is expired","errorDescription":"企业访问令牌过期"}"#,
    );
    assert!(!o.ok && !o.retryable);
    assert_eq!(o.vendor_code.as_deref(), Some("20016"));
    assert_eq!(message(&o), "corpAccessToken is expired");
    assert_eq!(o.trace_id.as_deref(), Some("E-O.1"));
    // Never branch on errorMessage: "OK" with a non-zero code is a failure…
    let o = parse(
        STATUS,
        200,
        r#"{"errorCode":30027,"errorMessage":"OK","errorDescription":"success"}"#,
    );
    assert!(!o.ok);
    assert_eq!(o.vendor_code.as_deref(), Some("30027"));
    // …and a zero code with an alarming message is a success.
    assert!(parse(MEMBER, 200, r#"{"errorCode":0,"errorMessage":"error"}"#).ok);
    // The description stands in when there is no errorMessage.
    let o = parse(
        MEMBER,
        200,
        r#"{"errorCode":10010,"errorDescription":"缺少 openUserId"}"#,
    );
    assert_eq!(message(&o), "缺少 openUserId");
    // A zero code on a non-2xx status is not a success.
    let o = parse(MEMBER, 500, FX_OK);
    assert!(!o.ok && o.retryable);
}

#[test]
fn fxiaoke_retryable_codes() {
    for code in [-1, 14001, 30004, 50009] {
        let o = parse(
            MEMBER,
            200,
            &format!(r#"{{"errorCode":{code},"errorMessage":"busy"}}"#),
        );
        assert!(!o.ok && o.retryable, "{code}");
        assert_eq!(o.vendor_code, Some(code.to_string()));
    }
    for code in [-2, 10013, 11008, 20016, 20012, 30002, 30007, 30027] {
        let o = parse(STATUS, 200, &format!(r#"{{"errorCode":{code}}}"#));
        assert!(!o.ok && !o.retryable, "{code}");
    }
}

#[test]
fn fxiaoke_code_given_as_string() {
    let o = parse(
        MEMBER,
        200,
        r#"{"errorCode":"0","errorMessage":"OK","traceId":"t"}"#,
    );
    assert!(o.ok);
    assert_eq!(o.vendor_code.as_deref(), Some("0"));
    let o = parse(MEMBER, 200, r#"{"errorCode":"-1"}"#);
    assert!(!o.ok && o.retryable);
    assert_eq!(o.vendor_code.as_deref(), Some("-1"));
    let o = parse(MEMBER, 200, r#"{"errorCode":" 14001 "}"#);
    assert!(o.retryable);
}

#[test]
fn fxiaoke_without_a_usable_error_code() {
    for body in [
        r#"{"traceId":"E-O.9","errorMessage":"OK"}"#,
        r#"{"traceId":"E-O.9","errorCode":null}"#,
        r#"{"traceId":"E-O.9","errorCode":true}"#,
        r#"{"traceId":"E-O.9","errorCode":0.5}"#,
        r#"{"traceId":"E-O.9","errorCode":"zero"}"#,
        r#"{"traceId":"E-O.9","errorCode":99999999999999999999}"#,
        r#"{"traceId":"E-O.9","errorCode":[0]}"#,
    ] {
        let o = parse(MEMBER, 200, body);
        assert!(!o.ok && !o.retryable, "{body}");
        assert!(message(&o).contains("errorCode"), "{body}: {o:?}");
        assert_eq!(o.trace_id.as_deref(), Some("E-O.9"), "{body}");
    }
}

// ---- DingTalk ------------------------------------------------------------

#[test]
fn dingtalk_success() {
    let o = parse(
        ROSTER,
        200,
        r#"{"errcode":0,"errmsg":"ok","result":true,"success":true,"request_id":"15rbgm1yqvgi3"}"#,
    );
    assert_eq!(
        o,
        ReplyOutcome {
            ok: true,
            vendor_code: Some("0".into()),
            message: Some("ok".into()),
            retryable: false,
            trace_id: Some("15rbgm1yqvgi3".into()),
            token_expired: false,
            reason: None,
            already_exists: false,
            not_found: false,
        }
    );
    // success and result are optional; errcode decides.
    assert!(parse(ROSTER, 200, r#"{"errcode":0}"#).ok);
    assert!(parse(ROSTER, 200, r#"{"errcode":"0","errmsg":"ok"}"#).ok);
}

#[test]
fn dingtalk_failures() {
    let o = parse(
        ROSTER,
        200,
        r#"{"errcode":60020,"errmsg":"访问ip不在白名单之中","request_id":"r2"}"#,
    );
    assert!(!o.ok && !o.retryable);
    assert_eq!(o.vendor_code.as_deref(), Some("60020"));
    assert_eq!(message(&o), "访问ip不在白名单之中");
    assert_eq!(o.trace_id.as_deref(), Some("r2"));

    let o = parse(
        ROSTER,
        200,
        r#"{"errcode":0,"errmsg":"ok","success":false,"request_id":"r3"}"#,
    );
    assert!(!o.ok && !o.retryable, "success:false");
    assert_eq!(o.trace_id.as_deref(), Some("r3"));

    let o = parse(
        ROSTER,
        200,
        r#"{"errcode":0,"errmsg":"ok","result":false,"success":true}"#,
    );
    assert!(!o.ok, "result:false (the seed's 调用结果)");

    let o = parse(ROSTER, 200, r#"{"errcode":"400002","errmsg":"参数错误"}"#);
    assert!(!o.ok);
    assert_eq!(o.vendor_code.as_deref(), Some("400002"));

    let o = parse(ROSTER, 200, r#"{"success":true,"result":true}"#);
    assert!(!o.ok, "no errcode: not trusted");
    assert!(message(&o).contains("errcode"));
}

/// DingTalk's error-code and throttling pages: -1 busy, 90018 per-app
/// limit, 90002 global limit, 9000x temporarily disabled are retried; 88
/// is 鉴权异常 (its sub_code says why) and is not; 40014 / 42001 are token
/// codes.
#[test]
fn dingtalk_retryable_and_token_codes() {
    for code in [-1, 90002, 90005, 90006, 90008, 90010, 90018] {
        let o = parse(
            ROSTER,
            200,
            &format!(r#"{{"errcode":{code},"errmsg":"x"}}"#),
        );
        assert!(!o.ok && o.retryable && !o.token_expired, "{code}");
    }
    let o = parse(
        ROSTER,
        200,
        r#"{"errcode":88,"errmsg":"鉴权异常","sub_code":"60011","sub_msg":"没有调用该接口的权限"}"#,
    );
    assert!(!o.ok && !o.retryable && !o.token_expired);
    assert_eq!(o.vendor_code.as_deref(), Some("88"));
    assert_eq!(
        message(&o),
        "鉴权异常 (sub_code 60011: 没有调用该接口的权限)"
    );
    // A sub_code that is itself a token code says the token is bad.
    let o = parse(
        ROSTER,
        200,
        r#"{"errcode":88,"errmsg":"鉴权异常","sub_code":"40014","sub_msg":"不合法的access_token"}"#,
    );
    assert!(o.token_expired && !o.retryable);
    for code in [40014, 42001] {
        let o = parse(
            ROSTER,
            200,
            &format!(r#"{{"errcode":{code},"errmsg":"x"}}"#),
        );
        assert!(!o.ok && o.token_expired && !o.retryable, "{code}");
    }
    assert!(!parse(ROSTER, 200, r#"{"errcode":60020}"#).retryable);
    assert!(!parse(ROSTER, 200, r#"{"errcode":0}"#).token_expired);
}

#[test]
fn fxiaoke_and_ekuaibao_token_codes() {
    let o = parse(
        MEMBER,
        200,
        r#"{"errorCode":20016,"errorMessage":"corpAccessToken is expired"}"#,
    );
    assert!(o.token_expired && !o.retryable);
    let o = parse(
        MEMBER,
        200,
        r#"{"errorCode":30004,"errorMessage":"too fast"}"#,
    );
    assert!(o.retryable && !o.token_expired);
    assert!(
        !parse(MEMBER, 200, r#"{"errorCode":30002}"#).retryable,
        "quota: a retry cannot fix it"
    );
    let o = parse(
        EKB,
        403,
        r#"{"errorCode":403,"errorMessage":"未授权","errorDetails":null,"code":null,"data":null}"#,
    );
    assert!(o.token_expired && !o.ok && !o.retryable);
    assert_eq!(message(&o), "未授权");
    assert_eq!(o.vendor_code.as_deref(), Some("403"));
    let o = parse(
        EKB,
        400,
        r#"{"errorCode":400,"errorMessage":"员工名称不能为空","errorDetails":null,"code":null,"data":null}"#,
    );
    assert!(!o.token_expired && !o.retryable);
    assert_eq!(message(&o), "员工名称不能为空");
}

/// Every endpoint's sample replies decode as their kind says.
#[test]
fn sample_replies_decode_as_labelled() {
    for ep in rosterguard::endpoints() {
        let s = ep.reply.samples;
        let id = ep.id;
        let o = parse(id, s.ok.status, s.ok.body.get());
        assert!(o.ok && !o.retryable && !o.token_expired, "{id} ok");
        let o = parse(
            id,
            s.invalid.status,
            &s.invalid.body.get().replace("{{message}}", "bad"),
        );
        assert!(
            !o.ok && !o.retryable && !o.token_expired,
            "{id} invalid: {o:?}"
        );
        assert_eq!(message(&o), "bad", "{id}");
        for (what, sample) in [("throttled", s.throttled), ("busy", s.busy)] {
            let o = parse(id, sample.status, sample.body.get());
            assert!(!o.ok && o.retryable && !o.token_expired, "{id} {what}");
        }
        let o = parse(id, s.token_expired.status, s.token_expired.body.get());
        assert!(!o.ok && o.token_expired && !o.retryable, "{id} token");
    }
}

// ---- Ekuaibao ------------------------------------------------------------

/// The success reply on https://docs.ekuaibao.com/docs/open-api/contacts/update-staffs § 成功响应 (comments removed).
const EKB_OK: &str = r#"{
    "value": {
        "id": "xgJ3wajigF25H0:ID_3Be8RKT03bg",
        "name": "赵六",
        "nickName": "老六",
        "code": "00005",
        "departments": ["xgJ3wajigF25H0"],
        "defaultDepartment": "xgJ3wajigF25H0",
        "cellphone": "15588881010",
        "active": true,
        "userId": "ID_3Be8RKT03bg",
        "email": "15588881010@163.com",
        "showEmail": "15588881010@163.com",
        "external": false,
        "authState": true,
        "globalRoaming": "+86",
        "note": "Code修改",
        "staffCustomForm": {
            "base": "[{\"key\":\"8\",\"label\":\"北京市/海淀区\"}]",
            "postType": "ID_3D5RavktVRM",
            "rankType": "ID_3D5RavktTRM",
            "u_张国阳001": "ID_3yrzERx1pf0"
        },
        "updateTime": "2022-04-11 16:15:10",
        "createTime": "2022-03-16 11:34:42"
    }
}"#;

#[test]
fn ekuaibao_seed_success() {
    let o = parse(EKB, 200, EKB_OK);
    assert!(o.ok && !o.retryable, "{o:?}");
    assert_eq!(o.vendor_code, None);
    for status in [201, 204] {
        assert!(parse(EKB, status, EKB_OK).ok, "{status}");
    }
}

#[test]
fn ekuaibao_success_status_without_the_staff() {
    for body in [r#"{}"#, r#"{"value":null}"#, r#"{"items":[]}"#] {
        let o = parse(EKB, 200, body);
        assert!(!o.ok && !o.retryable, "{body}");
        assert!(message(&o).contains("value"), "{body}: {o:?}");
    }
}

#[test]
fn ekuaibao_failures_with_json_message() {
    // The failure body's JSON shape is not documented: the usual keys are read.
    let cases = [
        (
            400,
            r#"{"errorCode":400,"errorMessage":"员工名称不能为空"}"#,
            "员工名称不能为空",
            Some("400"),
        ),
        (
            400,
            r#"{"message":"字段rankType不合法，没有找到对应的数据"}"#,
            "字段rankType不合法，没有找到对应的数据",
            None,
        ),
        (
            400,
            r#"{"code":"E1","msg":"staffCustomForm中的u_测试1字段不属于员工自定义字段"}"#,
            "staffCustomForm中的u_测试1字段不属于员工自定义字段",
            Some("E1"),
        ),
        (
            412,
            r#"{"errorMsg":"此用户无法进行修改账户手机号，因修改的手机号在系统中已经注册"}"#,
            "此用户无法进行修改账户手机号，因修改的手机号在系统中已经注册",
            None,
        ),
        (403, r#"{"error":"密钥无效"}"#, "密钥无效", None),
        (
            400,
            r#""根据字段[defaultDepartment]的code[002]不能定位到唯一部门""#,
            "根据字段[defaultDepartment]的code[002]不能定位到唯一部门",
            None,
        ),
    ];
    for (status, body, want, code) in cases {
        let o = parse(EKB, status, body);
        assert!(!o.ok && !o.retryable, "{body}");
        assert_eq!(message(&o), want, "{body}");
        assert_eq!(o.vendor_code.as_deref(), code, "{body}");
    }
}

#[test]
fn ekuaibao_failures_with_plain_text() {
    for (status, body) in [
        (
            412,
            "此用户无法进行修改账户手机号，因修改的手机号在系统中已经注册",
        ),
        (403, "密钥无效"),
        (400, "  员工名称不能为空\n"),
    ] {
        let o = parse(EKB, status, body);
        assert!(!o.ok && !o.retryable);
        assert_eq!(message(&o), body.trim());
    }
    let o = parse(EKB, 400, "");
    assert!(!o.ok);
    assert_eq!(message(&o), "HTTP 400");
    // JSON in an unknown shape is kept rather than lost.
    let o = parse(EKB, 400, r#"{"detail":{"reason":"x"}}"#);
    assert!(message(&o).contains("reason"), "{o:?}");
}

// ---- every vendor --------------------------------------------------------

#[test]
fn five_hundreds_and_429_are_retryable() {
    for ep in ALL {
        for status in [429, 500, 502, 503, 504, 599] {
            for body in [
                "",
                "<html>Bad Gateway</html>",
                r#"{"errorCode":0,"errcode":0}"#,
            ] {
                let o = parse(ep, status, body);
                assert!(!o.ok && o.retryable, "{ep} {status} {body}");
                assert!(!message(&o).is_empty(), "{ep} {status} {body}");
            }
        }
        for status in [400, 401, 403, 404, 412] {
            let o = parse(ep, status, "{}");
            assert!(!o.ok && !o.retryable, "{ep} {status}");
        }
    }
}

#[test]
fn garbage_bodies_fail_clearly() {
    for ep in ALL {
        let o = parse(ep, 200, "");
        assert!(!o.ok && !o.retryable);
        assert!(message(&o).contains("empty"), "{ep}: {o:?}");
        let o = parse(ep, 200, " \n\t ");
        assert!(message(&o).contains("empty"), "{ep}: {o:?}");

        let o = parse(ep, 200, "<html><body>502 Bad Gateway</body></html>");
        assert!(!o.ok);
        assert!(message(&o).contains("not JSON"), "{ep}: {o:?}");
        assert!(message(&o).contains("502 Bad Gateway"), "{ep}: {o:?}");

        for body in ["[]", "[{\"errorCode\":0}]", "null", "0", "true", "\"ok\""] {
            let o = parse(ep, 200, body);
            assert!(!o.ok, "{ep} {body}");
            assert!(message(&o).contains("not an object"), "{ep} {body}: {o:?}");
        }
        for body in [
            "{",
            "{\"errorCode\":",
            "\u{0}",
            "\u{feff}{}",
            "{\"a\":1}}",
            "1e999",
            "{'errcode':0}",
        ] {
            let o = parse(ep, 200, body);
            assert!(!o.ok, "{ep} {body:?}");
            assert!(!message(&o).is_empty());
        }
    }
}

#[test]
fn huge_and_deep_bodies_do_not_panic_and_are_clipped() {
    let junk = "垃圾".repeat(1_000_000);
    let long_msg = format!(
        r#"{{"errorCode":10001,"errcode":10001,"errorMessage":"{0}","errmsg":"{0}","message":"{0}"}}"#,
        "x".repeat(200_000)
    );
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_obj = format!("{}1{}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
    for ep in ALL {
        for (status, body) in [
            (200, junk.as_str()),
            (400, junk.as_str()),
            (400, long_msg.as_str()),
            (200, long_msg.as_str()),
            (200, deep.as_str()),
            (200, deep_obj.as_str()),
        ] {
            let o = parse(ep, status, body);
            assert!(!o.ok, "{ep}");
            let m = message(&o);
            assert!(!m.is_empty());
            assert!(
                m.chars().count() <= 600,
                "{ep}: {} chars",
                m.chars().count()
            );
        }
    }
}

#[test]
fn trace_ids_are_extracted_where_the_vendor_has_one() {
    assert_eq!(
        parse(STATUS, 200, r#"{"errorCode":-1,"traceId":"E-O.abc"}"#)
            .trace_id
            .as_deref(),
        Some("E-O.abc")
    );
    assert_eq!(
        parse(ROSTER, 200, r#"{"errcode":88,"request_id":"req-1"}"#)
            .trace_id
            .as_deref(),
        Some("req-1")
    );
    assert_eq!(
        parse(MEMBER, 200, r#"{"errorCode":0,"traceId":7}"#).trace_id,
        None
    );
    assert_eq!(parse(EKB, 200, EKB_OK).trace_id, None);
}

#[test]
fn statuses_out_of_the_ordinary_do_not_panic() {
    for ep in ALL {
        for status in [0, 1, 100, 199, 300, 302, 304, 599, 600, 999, u16::MAX] {
            for body in ["", "{}", FX_OK, EKB_OK] {
                let o = parse(ep, status, body);
                assert!(!o.ok, "{ep} {status}");
            }
        }
    }
}

#[test]
fn failures_always_carry_a_message() {
    for (ep, status, body) in [
        (MEMBER, 200, r#"{"errorCode":10013}"#),
        (STATUS, 429, r#"{"errorCode":0}"#),
        (ROSTER, 200, r#"{"errcode":60020}"#),
        (ROSTER, 200, r#"{"errcode":0,"success":false}"#),
        (ROSTER, 503, r#"{"errcode":0}"#),
        (EKB, 400, "{}"),
        (EKB, 500, ""),
    ] {
        let o = parse(ep, status, body);
        assert!(!o.ok, "{ep} {body}");
        assert!(!message(&o).is_empty(), "{ep} {status} {body}: {o:?}");
    }
    let o = parse(MEMBER, 200, r#"{"errorCode":10013}"#);
    assert_eq!(message(&o), "HTTP 200, errorCode 10013");
}

/// WeCom answers errcode 0 with "Warning: wrong json format." when it parsed
/// only part of the body: not a success (it would hide dropped fields).
#[test]
fn wecom_partial_parse_is_a_failure() {
    let o = parse(
        "wecom.updateUser",
        200,
        r#"{"errcode":0,"errmsg":"updated. Warning: wrong json format. "}"#,
    );
    assert!(!o.ok && !o.retryable && !o.token_expired, "{o:?}");
    assert!(message(&o).contains("wrong json format"));
    assert!(
        parse(
            "wecom.updateUser",
            200,
            r#"{"errcode":0,"errmsg":"updated"}"#
        )
        .ok
    );
}

/// Quota and permission failures are never retryable, whatever the HTTP
/// status says, and carry their reason; other failures carry none.
#[test]
fn quota_and_permission_codes_are_final_and_named() {
    let cases: [(&str, u16, &str, Option<&str>); 8] = [
        (
            MEMBER,
            200,
            r#"{"errorCode":30002,"errorMessage":"daily limit"}"#,
            Some("quota"),
        ),
        (
            STATUS,
            200,
            r#"{"errorCode":30003,"errorMessage":"no quota"}"#,
            Some("quota"),
        ),
        (
            FEISHU,
            403,
            r#"{"code":41050,"msg":"no user authority error"}"#,
            Some("permission"),
        ),
        (
            WECOM,
            200,
            r#"{"errcode":48002,"errmsg":"api forbidden"}"#,
            Some("permission"),
        ),
        (
            WECOM,
            503,
            r#"{"errcode":48009,"errmsg":"api not allowed"}"#,
            Some("permission"),
        ),
        (
            WECOM,
            200,
            r#"{"errcode":60011,"errmsg":"no privilege"}"#,
            Some("permission"),
        ),
        (
            DING_USER,
            200,
            r#"{"errcode":50004,"errmsg":"dept not authorised"}"#,
            Some("permission"),
        ),
        (
            DING_USER,
            200,
            r#"{"errcode":88,"sub_code":"50004","errmsg":"x"}"#,
            Some("permission"),
        ),
    ];
    for (ep, status, body, reason) in cases {
        let o = parse(ep, status, body);
        assert!(!o.ok && !o.retryable && !o.token_expired, "{ep} {body}");
        assert_eq!(o.reason, reason, "{ep} {body}");
    }
    let busy = parse(
        MEMBER,
        200,
        r#"{"errorCode":30004,"errorMessage":"too fast"}"#,
    );
    assert!(busy.retryable && busy.reason.is_none());
    let json = serde_json::to_value(parse(FEISHU, 403, r#"{"code":41050,"msg":"x"}"#)).unwrap();
    assert_eq!(json["reason"], "permission");
}

/// "Already exists" and "not found", by code (WeCom, DingTalk, Feishu) or
/// by message (Ekuaibao has no code for it).
#[test]
fn already_exists_and_not_found() {
    for (ep, body) in [
        (WECOM, r#"{"errcode":60102,"errmsg":"userid existed"}"#),
        (WECOM, r#"{"errcode":60104,"errmsg":"mobile existed"}"#),
        (DING_USER, r#"{"errcode":60102,"errmsg":"x"}"#),
        (DING_USER, r#"{"errcode":60104,"errmsg":"x"}"#),
        (
            FEISHU,
            r#"{"code":41011,"msg":"user id already exist error"}"#,
        ),
    ] {
        let o = parse(ep, 200, body);
        assert!(
            !o.ok && o.already_exists && !o.not_found && !o.retryable,
            "{ep} {body}"
        );
    }
    let ek = parse(
        EK,
        400,
        r#"{"errorCode":400,"errorMessage":"该手机号/邮箱账号已被其他员工使用"}"#,
    );
    assert!(!ek.ok && ek.already_exists && !ek.not_found, "{ek:?}");
    let ek_text = parse(EK, 400, "该账号已被其他员工使用");
    assert!(ek_text.already_exists, "{ek_text:?}");
    for (ep, body) in [
        (WECOM, r#"{"errcode":60111,"errmsg":"userid not found"}"#),
        (DING_USER, r#"{"errcode":60121,"errmsg":"找不到该用户"}"#),
        (FEISHU, r#"{"code":41012,"msg":"user id invalid error"}"#),
    ] {
        let o = parse(ep, 200, body);
        assert!(!o.ok && o.not_found && !o.already_exists, "{ep} {body}");
    }
    // A success never carries them; neither does an unrelated failure.
    let ok = parse(WECOM, 200, r#"{"errcode":0,"errmsg":"ok"}"#);
    assert!(ok.ok && !ok.already_exists && !ok.not_found && ok.reason.is_none());
    let other = parse(WECOM, 200, r#"{"errcode":40058,"errmsg":"bad"}"#);
    assert!(!other.already_exists && !other.not_found && other.reason.is_none());
}

/// The "already exists" / "not found" samples the mock serves decode as such.
#[test]
fn exists_and_not_found_samples_decode_as_labelled() {
    let mut seen = 0;
    for ep in rosterguard::endpoints() {
        let s = ep.reply.samples;
        if let Some(x) = s.exists {
            let o = parse(ep.id, x.status, x.body.get());
            assert!(
                !o.ok && o.already_exists && !o.not_found && !o.retryable,
                "{} exists",
                ep.id
            );
            seen += 1;
        }
        if let Some(x) = s.not_found {
            let o = parse(ep.id, x.status, x.body.get());
            assert!(
                !o.ok && o.not_found && !o.already_exists && !o.retryable,
                "{} not found",
                ep.id
            );
        }
    }
    assert!(seen >= 4, "{seen}");
}
