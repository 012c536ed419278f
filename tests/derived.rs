//! Rule checks derived from the field tables, for every endpoint of the
//! registry: a new endpoint is tested here by being declared. Starting from
//! the endpoint's doc example, one change at a time to a top-level field of
//! each section must give that field's documented issue at its pointer.

mod common;

use common::seed;
use rosterguard::model::field::{CustomShape, Field, ObjectRule, Ty};
use rosterguard::{Options, Report};
use serde_json::{json, Value};

fn has(report: &Report, path: &str, code: &str) -> bool {
    report
        .errors
        .iter()
        .any(|i| i.path == path && i.code.as_str() == code)
}

/// A value the field must refuse, and the code it must refuse it with.
fn breaker(field: &Field) -> Option<(Value, &'static str)> {
    match field.ty {
        Ty::Str(rule) if !rule.one_of.is_empty() && rule.format.is_none() => {
            Some((json!("§not-documented§"), "enum"))
        }
        Ty::Str(rule) => match rule.length.and_then(|l| l.max) {
            Some(max) if rule.one_of.is_empty() && rule.format.is_none() => {
                Some((json!("a".repeat(max + 1)), "length"))
            }
            _ => Some((json!({"not": "a string"}), "type")),
        },
        Ty::Int(rule) if !rule.one_of.is_empty() && rule.min.is_none() => {
            Some((json!(987_654_321), "enum"))
        }
        Ty::Int(rule) => match rule.min {
            Some(min) if min > -9_007_199_254_740_991 => Some((json!(min - 1), "range")),
            _ => Some((json!("not a number"), "type")),
        },
        Ty::Bool => Some((json!("yes"), "type")),
        Ty::Object(_) => Some((json!([1]), "type")),
        Ty::Array(_) => Some((json!({"not": "an array"}), "type")),
        Ty::Custom(_) => None,
    }
}

#[test]
fn every_declared_rule_of_every_endpoint_bites() {
    let options = Options::default();
    let mut checked = 0;
    for ep in rosterguard::endpoints() {
        let base = seed(ep.id);
        let clean = rosterguard::validate(ep.id, &base, &options).unwrap();
        assert!(
            clean.ok,
            "{}: the doc example has errors: {:?}",
            ep.id, clean.errors
        );
        for section in ep.sections() {
            for field in section.rule.fields {
                let pointer = format!("{}/{}", section.pointer, field.key);
                if field.required {
                    let mut input = base.clone();
                    if rosterguard::pointer::remove(&mut input, &pointer) {
                        let r = rosterguard::validate(ep.id, &input, &options).unwrap();
                        assert!(
                            has(&r, &pointer, "required"),
                            "{}: {pointer} removed: {:?}",
                            ep.id,
                            r.errors
                        );
                        checked += 1;
                    }
                }
                if let Some((value, code)) = breaker(field) {
                    let mut input = base.clone();
                    if input.get(section.name).is_none() {
                        input[section.name] = json!({});
                    }
                    assert!(rosterguard::pointer::set(
                        &mut input,
                        &pointer,
                        value.clone()
                    ));
                    let r = rosterguard::validate(ep.id, &input, &options).unwrap();
                    assert!(
                        has(&r, &pointer, code),
                        "{}: {pointer} = {value}: expected {code}, got {:?}",
                        ep.id,
                        r.errors
                    );
                    checked += 1;
                }
            }
            // An undocumented key is an error in every section.
            let mut input = base.clone();
            if input.get(section.name).is_none() {
                input[section.name] = json!({});
            }
            let pointer = format!("{}/zzUndocumented", section.pointer);
            assert!(rosterguard::pointer::set(&mut input, &pointer, json!("x")));
            let r = rosterguard::validate(ep.id, &input, &options).unwrap();
            assert!(
                has(&r, &pointer, "unknown_field"),
                "{}: {pointer}: {:?}",
                ep.id,
                r.errors
            );
        }
        // The doc example builds, with the endpoint's method and host.
        let req = rosterguard::build_request(ep.id, &base, &options).unwrap();
        assert_eq!(req.method, ep.method);
        assert!(req.url.starts_with(ep.default_base_url) || base.get("baseUrl").is_some());
        // A request without a body has no Content-Type either.
        assert_eq!(
            req.headers.get("Content-Type").map(String::as_str),
            ep.body.map(|_| ep.content_type)
        );
        assert_eq!(req.body.is_some(), ep.body.is_some());
    }
    assert!(
        checked >= 8 * rosterguard::endpoints().len(),
        "only {checked} checks ran"
    );
}

/// Every object rule below `rule`, itself first.
fn object_rules(rule: &'static ObjectRule, out: &mut Vec<&'static ObjectRule>) {
    out.push(rule);
    for field in rule.fields.iter().chain(rule.prefixed.map(|(_, f)| f)) {
        field_rules(field, out);
    }
}

fn field_rules(field: &'static Field, out: &mut Vec<&'static ObjectRule>) {
    match field.ty {
        Ty::Object(rule) => object_rules(rule, out),
        Ty::Array(array) => field_rules(array.item, out),
        Ty::Custom(custom) => {
            let CustomShape::ArrayOrJsonText(array) = custom.shape;
            field_rules(array.item, out);
        }
        _ => {}
    }
}

/// `input_keys()` (what the JS glue's tape names by index) holds every
/// key an object rule declares, at any depth, once each, and no key holds
/// the comma the glue splits the list at.
#[test]
fn input_keys_hold_every_declared_key_once() {
    let keys = rosterguard::api::input_keys();
    let mut once = keys.clone();
    once.sort_unstable();
    once.dedup();
    assert_eq!(once.len(), keys.len(), "a key listed twice");
    assert!(keys.iter().all(|k| !k.is_empty() && !k.contains(',')));
    let mut rules = Vec::new();
    for ep in rosterguard::endpoints() {
        for section in ep.sections() {
            assert!(keys.contains(&section.name), "{}", section.name);
            object_rules(section.rule, &mut rules);
        }
    }
    for rule in rules {
        for field in rule.fields {
            assert!(keys.contains(&field.key), "{} is missing", field.key);
        }
    }
}

/// The walk looks keys up from where the last match was (`field_from`),
/// which finds what a scan from the top finds only if no object declares a
/// key twice.
#[test]
fn every_object_declares_each_key_once_and_any_lookup_order_agrees() {
    let mut rules = Vec::new();
    for ep in rosterguard::endpoints() {
        for section in ep.sections() {
            object_rules(section.rule, &mut rules);
        }
    }
    assert!(rules.len() > 40, "{} object rules", rules.len());
    for rule in rules {
        let mut keys: Vec<&str> = rule.fields.iter().map(|f| f.key).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "a key declared twice in {:?}", rule.fields);
        for start in 0..=rule.fields.len() + 1 {
            for key in rule.fields.iter().map(|f| f.key).chain(["zz", ""]) {
                let mut next = start;
                let found = rule.field_from(key, &mut next).map(|f| f.key);
                assert_eq!(found, rule.field(key).map(|f| f.key));
                if found.is_none() {
                    assert_eq!(next, start, "a miss leaves the cursor");
                }
            }
        }
    }
}
