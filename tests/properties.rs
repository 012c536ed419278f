#![cfg(not(target_arch = "wasm32"))]
//! Property tests: for every endpoint, generated valid payloads validate
//! with zero errors and build; and each single mutation from a list of
//! rule-breaking mutations yields exactly that rule's path and code.
//! 256 cases per property keep `cargo test` fast.

use proptest::prelude::*;
use proptest::sample::select;
use rosterguard::{build_request, validate, Options};
use serde_json::{json, Map, Value};

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---- building blocks -------------------------------------------------------

/// Any non-empty text, including URL and header metacharacters.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9_-]{1,16}",
        "\\PC{1,12}",
        "[/?#%&= \r\n:@$~中文é]{1,12}",
    ]
}

/// Text that is not blank (Ekuaibao `name`).
fn non_blank() -> impl Strategy<Value = String> {
    ("[a-zA-Z赵钱孙李]", "\\PC{0,10}").prop_map(|(a, b)| format!("{a}{b}"))
}

fn email() -> impl Strategy<Value = String> {
    "[a-z0-9]{1,8}(\\.[a-z0-9]{1,5})?@[a-z0-9]{1,8}\\.(com|cn|net)"
}

fn iso_date() -> impl Strategy<Value = String> {
    (1900u32..2100, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

fn millis_or_date() -> impl Strategy<Value = String> {
    prop_oneof!["[0-9]{1,13}", "-[0-9]{1,12}", iso_date()]
}

fn base_url(default: &'static str) -> impl Strategy<Value = Option<String>> {
    prop::option::of(select(vec![
        default.to_owned(),
        format!("{default}/"),
        "https://example.com:8443/prefix".to_owned(),
        "http://127.0.0.1:3000".to_owned(),
        "http://localhost".to_owned(),
        "https://[2001:db8::1]/a/b/".to_owned(),
    ]))
}

fn unique_strings(max: usize) -> impl Strategy<Value = Vec<String>> {
    prop::collection::btree_set(text(), 1..=max).prop_map(|s| s.into_iter().collect())
}

/// An object from optional fields, keeping only those generated.
fn object(fields: Vec<(&str, Option<Value>)>) -> Value {
    let map: Map<String, Value> = fields
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v)))
        .collect();
    Value::Object(map)
}

fn with_base(mut input: Value, base: Option<String>) -> Value {
    if let Some(b) = base {
        input["baseUrl"] = Value::from(b);
    }
    input
}

// ---- valid payloads per endpoint ------------------------------------------

fn fxiaoke_member() -> impl Strategy<Value = Value> {
    let user = (
        text(),
        prop::option::of(select(vec!["M", "F", ""])),
        prop::option::of(email()),
        prop::option::of(0i64..=9_007_199_254_740_991),
        prop::option::of(prop::collection::btree_set(0u32..2_000_000, 0..20)),
        prop::option::of(millis_or_date()),
        prop::option::of(millis_or_date()),
        prop::option::of(prop::collection::vec(
            (
                select(vec![
                    "account",
                    "name",
                    "fullName",
                    "position",
                    "mobile",
                    "qq",
                    "weixin",
                    "employeeNumber",
                    "leaderId",
                ]),
                prop_oneof![text(), Just(String::new())],
            ),
            0..6,
        )),
    )
        .prop_map(
            |(open_id, gender, email, main, attaching, hire, birth, extra)| {
                let mut user = object(vec![
                    ("openUserId", Some(json!(open_id))),
                    ("gender", gender.map(Value::from)),
                    ("email", email.map(Value::from)),
                    ("mainDepartmentId", main.map(Value::from)),
                    (
                        "attachingDepartmentIds",
                        attaching.map(|s| s.into_iter().collect::<Vec<_>>().into()),
                    ),
                    ("hireDate", hire.map(Value::from)),
                    ("birthDate", birth.map(Value::from)),
                ]);
                for (k, v) in extra.unwrap_or_default() {
                    user[k] = Value::from(v);
                }
                user
            },
        );
    (
        text(),
        text(),
        user,
        prop::option::of(text()),
        base_url("https://open.fxiaoke.com"),
    )
        .prop_map(|(token, corp, user, trace, base)| {
            let mut input =
                json!({"body": {"corpAccessToken": token, "corpId": corp, "user": user}});
            if let Some(t) = trace {
                input["query"] = json!({ "thirdTraceId": t });
            }
            with_base(input, base)
        })
}

fn fxiaoke_status() -> impl Strategy<Value = Value> {
    (
        text(),
        text(),
        unique_strings(20),
        select(vec![1, 2]),
        prop::option::of(text()),
        base_url("https://open.fxiaoke.com"),
    )
        .prop_map(|(token, corp, ids, status, trace, base)| {
            let mut input = json!({"body": {"corpAccessToken": token, "corpId": corp, "openUserIds": ids, "status": status}});
            if let Some(t) = trace {
                input["query"] = json!({ "thirdTraceId": t });
            }
            with_base(input, base)
        })
}

const DATE_CODES: [(&str, &str); 4] = [
    ("sys00", "sys00-confirmJoinTime"),
    ("sys01", "sys01-regularTime"),
    ("sys02", "sys02-birthTime"),
    ("sys03", "sys03-graduationTime"),
];

/// One roster section: distinct field codes that belong to `group`, a date
/// field (when the group has one) with a real date.
fn roster_section(group: String) -> impl Strategy<Value = Value> {
    let date_code = DATE_CODES
        .iter()
        .find(|(g, _)| *g == group)
        .map(|(_, c)| (*c).to_owned());
    (
        prop::collection::btree_set("[a-zA-Z]{1,8}", 1..4),
        prop::collection::vec(prop_oneof!["\\PC{0,10}", Just(String::new())], 4),
        prop::option::of(iso_date()),
    )
        .prop_map(move |(names, values, date)| {
            let mut fields: Vec<Value> = names
                .into_iter()
                .zip(values)
                .map(|(n, v)| json!({"field_code": format!("{group}-{n}"), "value": v}))
                .collect();
            if let (Some(code), Some(d)) = (&date_code, date) {
                fields.push(json!({"field_code": code, "value": d}));
            }
            Value::Array(fields)
        })
}

fn roster_group() -> impl Strategy<Value = Value> {
    select(vec!["sys00", "sys01", "sys02", "sys03", "sys05", "sys09"]).prop_flat_map(|group| {
        (
            prop::collection::vec(roster_section(group.to_owned()), 1..4),
            prop::collection::vec(any::<bool>(), 4),
        )
            .prop_map(move |(sections, with_index)| {
                let sections: Vec<Value> = sections
                    .into_iter()
                    .zip(with_index)
                    .enumerate()
                    .map(|(i, (section, indexed))| {
                        if indexed {
                            json!({"old_index": i, "section": section})
                        } else {
                            json!({ "section": section })
                        }
                    })
                    .collect();
                json!({"group_id": group, "sections": sections})
            })
    })
}

fn dingtalk() -> impl Strategy<Value = Value> {
    (
        text(),
        prop_oneof![
            (1i64..=9_007_199_254_740_991).prop_map(Value::from),
            (1u32..100_000_000).prop_map(|n| Value::from(n.to_string())),
        ],
        text(),
        prop::collection::vec(roster_group(), 1..4),
        base_url("https://oapi.dingtalk.com"),
    )
        .prop_map(|(token, agent, userid, groups, base)| {
            with_base(
                json!({"query": {"access_token": token}, "body": {"agentid": agent, "param": {"userid": userid, "groups": groups}}}),
                base,
            )
        })
}

fn cellphone() -> impl Strategy<Value = String> {
    prop_oneof!["1[0-9]{10}", "\\([0-9]{1,4}\\)[0-9]{1,15}"]
}

fn ekuaibao() -> impl Strategy<Value = Value> {
    let custom = (
        prop::option::of(text()),
        prop::option::of(text()),
        prop::option::of(prop::collection::vec((text(), text()), 0..3)),
        prop::collection::btree_map("u_[a-z张国]{1,6}", text(), 0..3),
    )
        .prop_map(|(rank, post, base, custom)| {
            let base = base.map(|cities| {
                let list: Vec<Value> = cities
                    .into_iter()
                    .map(|(k, l)| json!({"key": k, "label": l}))
                    .collect();
                Value::from(Value::Array(list).to_string())
            });
            let mut form = object(vec![
                ("rankType", rank.map(Value::from)),
                ("postType", post.map(Value::from)),
                ("base", base),
            ]);
            for (k, v) in custom {
                form[k] = Value::from(v);
            }
            form
        });
    let body = (
        non_blank(),
        prop::option::of(cellphone()),
        prop::option::of(email()),
        prop::option::of(unique_strings(6)),
        any::<prop::sample::Index>(),
        prop::option::of(any::<bool>()),
        prop::option::of(any::<bool>()),
        prop::option::of(custom),
        prop::option::of(prop_oneof![text(), Just(String::new())]),
        prop::option::of(text()),
    )
        .prop_map(
            |(name, phone, email, depts, pick, mod_phone, mod_email, custom, code, note)| {
                let default = depts.as_ref().map(|d| Value::from(pick.get(d).clone()));
                // modifyAccount* true only with the new value present.
                let mod_phone = mod_phone.map(|b| b && phone.is_some());
                let mod_email = mod_email.map(|b| b && email.is_some());
                object(vec![
                    ("name", Some(Value::from(name))),
                    ("code", code.map(Value::from)),
                    ("cellphone", phone.map(Value::from)),
                    ("email", email.map(Value::from)),
                    ("note", note.map(Value::from)),
                    ("defaultDepartment", default),
                    ("departments", depts.map(Value::from)),
                    ("modifyAccountPhone", mod_phone.map(Value::from)),
                    ("modifyAccountEmail", mod_email.map(Value::from)),
                    ("staffCustomForm", custom),
                ])
            },
        );
    (
        text(),
        text(),
        prop::option::of(select(vec!["id", "code"])),
        body,
        base_url("https://app.ekuaibao.com"),
    )
        .prop_map(|(staff, token, kind, body, base)| {
            let mut query = json!({ "accessToken": token });
            if let Some(k) = kind {
                query["type"] = Value::from(k);
            }
            with_base(
                json!({"path": {"staffId": staff}, "query": query, "body": body}),
                base,
            )
        })
}

// ---- mutations -------------------------------------------------------------

/// A mutation breaks one rule and returns the `(path, code)` it must yield.
type Mutation = fn(&mut Value) -> (String, &'static str);

fn set(input: &mut Value, pointer: &str, v: Value) {
    assert!(
        rosterguard::pointer::set(input, pointer, v),
        "set {pointer}"
    );
}

fn remove(input: &mut Value, pointer: &str) {
    rosterguard::pointer::remove(input, pointer);
}

fn array_len(input: &Value, pointer: &str) -> usize {
    input
        .pointer(pointer)
        .and_then(Value::as_array)
        .map_or(0, Vec::len)
}

fn r(path: &str, code: &'static str) -> (String, &'static str) {
    (path.to_owned(), code)
}

/// Mutations shared by both Fxiaoke endpoints.
const FXIAOKE_COMMON: &[Mutation] = &[
    |v| {
        remove(v, "/body/corpAccessToken");
        r("/body/corpAccessToken", "required")
    },
    |v| {
        set(v, "/body/corpId", json!(""));
        r("/body/corpId", "empty")
    },
    |v| {
        set(v, "/body/corpAccessToken", json!(true));
        r("/body/corpAccessToken", "type")
    },
    |v| {
        set(v, "/query/thirdTraceId", json!(""));
        r("/query/thirdTraceId", "empty")
    },
    |v| {
        set(v, "/body/extra~1field", json!(1));
        r("/body/extra~1field", "unknown_field")
    },
    |v| {
        set(v, "/baseUrl", json!("http://open.fxiaoke.com"));
        r("/baseUrl", "format")
    },
];

const FXIAOKE_MEMBER: &[Mutation] = &[
    |v| {
        remove(v, "/body/user/openUserId");
        r("/body/user/openUserId", "required")
    },
    |v| {
        set(v, "/body/user/gender", json!("X"));
        r("/body/user/gender", "enum")
    },
    |v| {
        set(v, "/body/user/email", json!("not-an-email"));
        r("/body/user/email", "format")
    },
    |v| {
        set(v, "/body/user/mainDepartmentId", json!(-1));
        r("/body/user/mainDepartmentId", "range")
    },
    |v| {
        set(v, "/body/user/mainDepartmentId", json!(1.5));
        r("/body/user/mainDepartmentId", "type")
    },
    |v| {
        let ids: Vec<u32> = (0..501).collect();
        set(v, "/body/user/attachingDepartmentIds", json!(ids));
        r("/body/user/attachingDepartmentIds", "max_items")
    },
    |v| {
        let n = array_len(v, "/body/user/attachingDepartmentIds");
        if n == 0 {
            set(v, "/body/user/attachingDepartmentIds", json!([7, 7]));
            return r("/body/user/attachingDepartmentIds/1", "duplicate");
        }
        let first = v["body"]["user"]["attachingDepartmentIds"][0].clone();
        set(v, "/body/user/attachingDepartmentIds/-", first);
        (
            format!("/body/user/attachingDepartmentIds/{n}"),
            "duplicate",
        )
    },
    |v| {
        set(v, "/body/user/hireDate", json!("2021-02-29"));
        r("/body/user/hireDate", "format")
    },
    |v| {
        set(v, "/body/user/__proto__", json!({"polluted": true}));
        r("/body/user/__proto__", "unknown_field")
    },
    |v| {
        set(v, "/body/user", json!([]));
        r("/body/user", "type")
    },
];

const FXIAOKE_STATUS: &[Mutation] = &[
    |v| {
        set(v, "/body/status", json!(3));
        r("/body/status", "enum")
    },
    |v| {
        set(v, "/body/openUserIds", json!([]));
        r("/body/openUserIds", "min_items")
    },
    |v| {
        let first = v["body"]["openUserIds"][0].clone();
        let n = array_len(v, "/body/openUserIds");
        set(v, "/body/openUserIds/-", first);
        (format!("/body/openUserIds/{n}"), "duplicate")
    },
    |v| {
        set(v, "/body/openUserIds/0", json!(""));
        r("/body/openUserIds/0", "empty")
    },
    |v| {
        set(v, "/body/openUserIds/0", json!({}));
        r("/body/openUserIds/0", "type")
    },
    |v| {
        remove(v, "/body/status");
        r("/body/status", "required")
    },
];

const DINGTALK: &[Mutation] = &[
    |v| {
        remove(v, "/query");
        r("/query/access_token", "required")
    },
    |v| {
        set(v, "/body/agentid", json!(0));
        r("/body/agentid", "range")
    },
    |v| {
        set(v, "/body/agentid", json!("12a"));
        r("/body/agentid", "type")
    },
    |v| {
        set(v, "/body/param/userid", json!(""));
        r("/body/param/userid", "empty")
    },
    |v| {
        set(v, "/body/param/groups", json!([]));
        r("/body/param/groups", "min_items")
    },
    |v| {
        set(v, "/body/param/groups/0/sections/0/section", json!([]));
        r("/body/param/groups/0/sections/0/section", "min_items")
    },
    |v| {
        set(v, "/body/param/groups/0/sections/0/old_index", json!(-1));
        r("/body/param/groups/0/sections/0/old_index", "range")
    },
    |v| {
        // A field code of another group.
        let group = v["body"]["param"]["groups"][0]["group_id"]
            .as_str()
            .unwrap();
        let other = if group == "sys07" { "sys08" } else { "sys07" };
        set(
            v,
            "/body/param/groups/0/sections/0/section/0/field_code",
            json!(format!("{other}-x")),
        );
        r(
            "/body/param/groups/0/sections/0/section/0/field_code",
            "not_in",
        )
    },
    |v| {
        let field = v["body"]["param"]["groups"][0]["sections"][0]["section"][0].clone();
        let n = array_len(v, "/body/param/groups/0/sections/0/section");
        set(v, "/body/param/groups/0/sections/0/section/-", field);
        (
            format!("/body/param/groups/0/sections/0/section/{n}/field_code"),
            "duplicate",
        )
    },
    |v| {
        let n = array_len(v, "/body/param/groups");
        let section = json!({"old_index": 0, "section": [{"field_code": "sys05-a", "value": ""}]});
        set(
            v,
            "/body/param/groups/-",
            json!({"group_id": "sys05", "sections": [section, section]}),
        );
        (
            format!("/body/param/groups/{n}/sections/1/old_index"),
            "duplicate",
        )
    },
    |v| {
        let n = array_len(v, "/body/param/groups");
        set(
            v,
            "/body/param/groups/-",
            json!({"group_id": "sys02", "sections": [{"old_index": 0, "section": [{"field_code": "sys02-birthTime", "value": "1990-02-30"}]}]}),
        );
        (
            format!("/body/param/groups/{n}/sections/0/section/0/value"),
            "format",
        )
    },
    |v| {
        set(
            v,
            "/body/param/groups/0/sections/0/section/0/value",
            json!({"x": 1}),
        );
        r("/body/param/groups/0/sections/0/section/0/value", "type")
    },
    |v| {
        remove(v, "/body/param/groups/0/group_id");
        r("/body/param/groups/0/group_id", "required")
    },
];

const EKUAIBAO: &[Mutation] = &[
    |v| {
        remove(v, "/path");
        r("/path/staffId", "required")
    },
    |v| {
        set(v, "/path/staffId", json!(""));
        r("/path/staffId", "empty")
    },
    |v| {
        remove(v, "/query/accessToken");
        r("/query/accessToken", "required")
    },
    |v| {
        set(v, "/query/type", json!("name"));
        r("/query/type", "enum")
    },
    |v| {
        set(v, "/body/name", json!(" \t"));
        r("/body/name", "empty")
    },
    |v| {
        set(v, "/body/email", json!(""));
        remove(v, "/body/modifyAccountEmail");
        r("/body/email", "empty")
    },
    |v| {
        set(v, "/body/cellphone", json!("12345"));
        remove(v, "/body/modifyAccountPhone");
        r("/body/cellphone", "format")
    },
    |v| {
        if v.pointer("/body/departments").is_some() {
            remove(v, "/body/defaultDepartment");
        } else {
            set(v, "/body/departments", json!(["d1"]));
        }
        r("/body/defaultDepartment", "together")
    },
    |v| {
        set(v, "/body/departments", json!(["d1", "d2"]));
        set(v, "/body/defaultDepartment", json!("d3"));
        r("/body/defaultDepartment", "not_in")
    },
    |v| {
        set(v, "/body/departments", json!(["d1", "d1"]));
        set(v, "/body/defaultDepartment", json!("d1"));
        r("/body/departments/1", "duplicate")
    },
    |v| {
        remove(v, "/body/email");
        set(v, "/body/modifyAccountEmail", json!(true));
        r("/body/email", "required")
    },
    |v| {
        set(v, "/body/modifyAccountPhone", json!("yes"));
        r("/body/modifyAccountPhone", "type")
    },
    |v| {
        set(v, "/body/staffCustomForm/base", json!("not json"));
        r("/body/staffCustomForm/base", "format")
    },
    |v| {
        set(v, "/body/staffCustomForm/level~0x", json!("a"));
        r("/body/staffCustomForm/level~0x", "unknown_field")
    },
    |v| {
        set(v, "/body/staffCustomForm/u_x", json!([]));
        r("/body/staffCustomForm/u_x", "type")
    },
];

// ---- checks ----------------------------------------------------------------

fn assert_valid(endpoint: &str, input: &Value) -> Result<(), TestCaseError> {
    let opts = Options::default();
    let report = validate(endpoint, input, &opts).unwrap();
    prop_assert!(report.ok, "{endpoint}: {:?}\ninput: {input}", report.errors);
    let req = build_request(endpoint, input, &opts);
    prop_assert!(req.is_ok(), "{endpoint}: does not build: {req:?}");
    let req = req.unwrap();
    let body: Value = serde_json::from_str(req.body_text()).unwrap();
    prop_assert!(body.is_object());
    prop_assert!(!req.url.contains(['\r', '\n', ' ', '#']), "{}", req.url);
    Ok(())
}

fn assert_breaks(
    endpoint: &str,
    mut input: Value,
    mutation: &Mutation,
) -> Result<(), TestCaseError> {
    let (path, code) = mutation(&mut input);
    let report = validate(endpoint, &input, &Options::default()).unwrap();
    let got: Vec<(String, String)> = report
        .errors
        .iter()
        .map(|i| (i.path.clone(), i.code.to_string()))
        .collect();
    prop_assert_eq!(
        got,
        vec![(path, code.to_owned())],
        "{}\ninput: {}",
        endpoint,
        input
    );
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn fxiaoke_member_valid(input in fxiaoke_member()) {
        assert_valid("fxiaoke.updateMember", &input)?;
    }

    #[test]
    fn fxiaoke_member_single_mutation(
        input in fxiaoke_member(),
        m in select(FXIAOKE_COMMON.iter().chain(FXIAOKE_MEMBER).copied().collect::<Vec<Mutation>>()),
    ) {
        assert_breaks("fxiaoke.updateMember", input, &m)?;
    }

    #[test]
    fn fxiaoke_status_valid(input in fxiaoke_status()) {
        assert_valid("fxiaoke.setMemberStatusBatch", &input)?;
    }

    #[test]
    fn fxiaoke_status_single_mutation(
        input in fxiaoke_status(),
        m in select(FXIAOKE_COMMON.iter().chain(FXIAOKE_STATUS).copied().collect::<Vec<Mutation>>()),
    ) {
        assert_breaks("fxiaoke.setMemberStatusBatch", input, &m)?;
    }

    #[test]
    fn dingtalk_valid(input in dingtalk()) {
        assert_valid("dingtalk.updateEmployeeRoster", &input)?;
    }

    #[test]
    fn dingtalk_single_mutation(input in dingtalk(), m in select(DINGTALK.to_vec())) {
        assert_breaks("dingtalk.updateEmployeeRoster", input, &m)?;
    }

    #[test]
    fn ekuaibao_valid(input in ekuaibao()) {
        assert_valid("ekuaibao.updateStaff", &input)?;
    }

    #[test]
    fn ekuaibao_single_mutation(input in ekuaibao(), m in select(EKUAIBAO.to_vec())) {
        assert_breaks("ekuaibao.updateStaff", input, &m)?;
    }
}
