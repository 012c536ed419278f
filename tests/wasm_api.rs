//! The fixture suite through the JS API (`rosterguard::wasm`), in Node
//! (`wasm-pack test --node`) and in headless Chromium
//! (`WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome`): the
//! same reports and requests as the native suite, plus values JSON cannot
//! carry. Inputs go in the way a JS caller sends them: as `JSON.parse`d
//! objects.

#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use js_sys::{Array, Object, Reflect, JSON};
use rosterguard::wasm;
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn js(v: &Value) -> JsValue {
    JSON::parse(&v.to_string()).unwrap()
}

fn back(v: &JsValue) -> Value {
    serde_json::from_str(&String::from(JSON::stringify(v).unwrap())).unwrap()
}

fn id(s: &str) -> JsValue {
    JsValue::from_str(s)
}

/// The kind and report of a thrown misuse object.
fn thrown(e: JsValue) -> (String, Value) {
    let v = back(&e);
    (
        v["rosterguardError"].as_str().unwrap().to_owned(),
        v["report"].clone(),
    )
}

/// Every case on its own, all failures listed by endpoint and case name.
#[wasm_bindgen_test]
fn fixture_suite_through_the_js_api() {
    let cases = all_cases();
    assert!(cases.len() >= 5, "fixture list went missing");
    let mut failures = Vec::new();
    for case in &cases {
        let report =
            back(&wasm::validate(id(&case.endpoint), js(&case.input), js(&case.options)).unwrap());
        let mut problems = report_problems(case, &report);
        // Exactly the native report of the value as JS holds it.
        let as_js = back(&js(&case.input));
        let options: rosterguard::Options = serde_json::from_value(case.options.clone()).unwrap();
        let native = rosterguard::validate(&case.endpoint, &as_js, &options).unwrap();
        if report != serde_json::to_value(&native).unwrap() {
            problems.push("differs from the native report".to_owned());
        }
        match wasm::build_request(id(&case.endpoint), js(&case.input), js(&case.options)) {
            Ok(req) => {
                if !native.ok {
                    problems.push("built although invalid".to_owned());
                }
                problems.extend(request_problems(case, &back(&req)));
            }
            Err(e) => {
                let (kind, r) = thrown(e);
                if kind != "invalid" || r != report {
                    problems.push(format!("buildRequest threw {kind} with another report"));
                }
            }
        }
        for p in problems {
            failures.push(format!("{} / {}: {p}", case.endpoint, case.name));
        }
    }
    assert_no_failures(&format!("{} fixture cases", cases.len()), &failures);
}

/// The glue numbers the keys of `inputKeys()`, split at commas, as the
/// tape reader does those of `api::input_keys()`: the same list.
#[wasm_bindgen_test]
fn input_keys_are_the_tape_readers_list() {
    assert_eq!(wasm::input_keys(), rosterguard::api::input_keys().join(","));
}

/// The glue finds an endpoint's index in `endpointIds()`, split at commas:
/// the ids of `endpoints()`, in its order.
#[wasm_bindgen_test]
fn endpoint_ids_are_the_endpoints_in_order() {
    let ids: Vec<String> = rosterguard::endpoints()
        .iter()
        .map(|e| e.id.to_owned())
        .collect();
    assert!(ids.iter().all(|id| !id.is_empty() && !id.contains(',')));
    assert_eq!(wasm::endpoint_ids(), ids.join(","));
    let listed = JSON::stringify(&wasm::endpoints().unwrap()).unwrap();
    let listed: Value = serde_json::from_str(&String::from(listed)).unwrap();
    let listed: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, ids);
}

#[wasm_bindgen_test]
fn every_field_through_validate_field() {
    // Each issue of a case is reported again when that one field is checked
    // against the rest of the input.
    for case in all_cases() {
        let input = js(&case.input);
        let report =
            back(&wasm::validate(id(&case.endpoint), input.clone(), js(&case.options)).unwrap());
        for issue in report["errors"].as_array().unwrap() {
            let path = issue["path"].as_str().unwrap();
            if path.is_empty() {
                continue;
            }
            let Some(value) = case.input.pointer(path) else {
                continue;
            };
            let field = back(
                &wasm::validate_field(
                    id(&case.endpoint),
                    id(path),
                    js(value),
                    input.clone(),
                    js(&case.options),
                )
                .unwrap(),
            );
            assert!(
                field["errors"].as_array().unwrap().contains(issue),
                "{} / {path}: {field:#}",
                case.name
            );
        }
    }
}

fn seed_input(name: &str) -> Value {
    fixture(name)["input"].clone()
}

/// Validates `input` after `patch` ran on the JS object at `/body`.
fn validate_with(endpoint: &str, seed: &str, patch: impl Fn(&Object)) -> Value {
    let input = js(&seed_input(seed));
    let body: Object = Reflect::get(&input, &id("body")).unwrap().unchecked_into();
    patch(&body);
    back(&wasm::validate(id(endpoint), input, JsValue::UNDEFINED).unwrap())
}

fn set(o: &Object, key: &str, v: &JsValue) {
    Reflect::set(o, &id(key), v).unwrap();
}

#[wasm_bindgen_test]
fn values_json_cannot_carry_are_type_errors() {
    let cases: Vec<(&str, JsValue)> = vec![
        ("NaN", JsValue::from_f64(f64::NAN)),
        ("Infinity", JsValue::from_f64(f64::INFINITY)),
        ("-Infinity", JsValue::from_f64(f64::NEG_INFINITY)),
        ("bigint", JsValue::bigint_from_str("12")),
        ("symbol", JsValue::symbol(Some("s"))),
        ("Date", js_sys::Date::new_0().into()),
        ("Map", js_sys::Map::new().into()),
        ("Set", js_sys::Set::new(&JsValue::UNDEFINED).into()),
        ("function", js_sys::Function::new_no_args("").into()),
        (
            "lone surrogate",
            js_sys::JsString::from_char_code1(0xD800).into(),
        ),
    ];
    for (actual, value) in cases {
        let report = validate_with(
            "ekuaibao.updateStaff",
            "ekuaibao.updateStaff/seed-by-id.json",
            |b| set(b, "name", &value),
        );
        assert_eq!(report["ok"], false, "{actual}");
        let errors = report["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 1, "{actual}: {report:#}");
        assert_eq!(errors[0]["path"], "/body/name");
        assert_eq!(errors[0]["code"], "type");
        assert_eq!(
            errors[0]["params"],
            json!({"expected": "JSON value", "actual": actual})
        );
        assert!(!errors[0]["message"].as_str().unwrap().is_empty());
    }
}

#[wasm_bindgen_test]
fn undefined_property_is_absent_but_undefined_item_is_an_error() {
    let report = validate_with(
        "ekuaibao.updateStaff",
        "ekuaibao.updateStaff/seed-by-id.json",
        |b| set(b, "code", &JsValue::UNDEFINED),
    );
    assert_eq!(report["ok"], true, "{report:#}");
    let report = validate_with(
        "fxiaoke.setMemberStatusBatch",
        "fxiaoke.setMemberStatusBatch/seed.json",
        |b| {
            let ids = Array::of2(&id("a"), &JsValue::UNDEFINED);
            set(b, "openUserIds", &ids)
        },
    );
    assert_eq!(
        issue_pairs(&report["errors"]),
        vec![("/body/openUserIds/1".to_owned(), "type".to_owned())]
    );
}

#[wasm_bindgen_test]
fn cycles_and_depth() {
    let report = validate_with(
        "ekuaibao.updateStaff",
        "ekuaibao.updateStaff/seed-by-id.json",
        |b| {
            let inner = Object::new();
            set(b, "staffCustomForm", &inner);
            set(&inner, "u_self", &inner);
        },
    );
    assert_eq!(
        issue_pairs(&report["errors"]),
        vec![("/body/staffCustomForm/u_self".to_owned(), "type".to_owned())]
    );
    let mut deep = JsValue::from(Array::new());
    for _ in 0..10_000 {
        deep = Array::of1(&deep).into();
    }
    let report = validate_with(
        "ekuaibao.updateStaff",
        "ekuaibao.updateStaff/seed-by-id.json",
        |b| set(b, "departments", &deep),
    );
    assert_eq!(report["ok"], false);
    assert!(report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["params"]["actual"] == "too deep"));
}

#[wasm_bindgen_test]
fn numbers_as_json_writes_them() {
    // -0 is 0, safe integers are integers.
    let report = validate_with(
        "dingtalk.updateEmployeeRoster",
        "dingtalk.updateEmployeeRoster/seed.json",
        |b| {
            set(b, "agentid", &JsValue::from_f64(-0.0));
        },
    );
    assert_eq!(
        issue_pairs(&report["errors"]),
        vec![("/body/agentid".to_owned(), "range".to_owned())]
    );
}

#[wasm_bindgen_test]
fn misuse_is_thrown_with_a_kind() {
    let input = js(&seed_input("ekuaibao.updateStaff/seed-by-id.json"));
    let kind = |r: Result<JsValue, JsValue>| thrown(r.unwrap_err()).0;
    assert_eq!(
        kind(wasm::validate(
            id("wecom.x"),
            input.clone(),
            JsValue::UNDEFINED
        )),
        "unknown_endpoint"
    );
    assert_eq!(
        kind(wasm::validate(
            JsValue::from_f64(1.0),
            input.clone(),
            JsValue::UNDEFINED
        )),
        "invalid_argument"
    );
    assert_eq!(
        kind(wasm::validate(
            id("ekuaibao.updateStaff"),
            input.clone(),
            js(&json!({"locale": "fr"}))
        )),
        "invalid_option"
    );
    assert_eq!(
        kind(wasm::validate_field(
            id("ekuaibao.updateStaff"),
            id("body"),
            JsValue::NULL,
            input,
            JsValue::UNDEFINED
        )),
        "invalid_pointer"
    );
    let outcome = back(
        &wasm::parse_response(
            id("fxiaoke.updateMember"),
            JsValue::from_f64(200.0),
            id("garbage"),
        )
        .unwrap(),
    );
    assert_eq!(outcome["ok"], false);
}
