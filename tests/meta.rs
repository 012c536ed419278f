#![cfg(feature = "meta")]
//! The metadata API: describe, json_schema and typescript_definitions are
//! complete, consistent with each other and with the field tables. The
//! agreement of the JSON Schema with `validate` needs an ECMA-262 engine
//! and is checked with ajv (see tests/meta/README.md); here the parts that
//! need none.

use rosterguard::model::endpoint::CrossKind;
use rosterguard::model::field::Ty;
use rosterguard::model::{Format, FormatResult};
use serde_json::Value;

fn ids() -> Vec<&'static str> {
    rosterguard::endpoints().iter().map(|e| e.id).collect()
}

fn fields(id: &str) -> Vec<Value> {
    rosterguard::describe(id).unwrap()["fields"]
        .as_array()
        .unwrap()
        .clone()
}

fn field<'a>(list: &'a [Value], pointer: &str) -> &'a Value {
    list.iter()
        .find(|f| f["pointer"] == pointer)
        .unwrap_or_else(|| panic!("no field {pointer}"))
}

#[test]
fn describe_has_the_endpoint_metadata() {
    for ep in rosterguard::endpoints() {
        let d = rosterguard::describe(ep.id).unwrap();
        assert_eq!(d["id"], ep.id);
        assert_eq!(d["vendor"], ep.vendor);
        assert_eq!(d["title"]["en"], ep.title.en);
        assert_eq!(d["title"]["zh"], ep.title.zh);
        assert_eq!(d["method"], ep.method);
        assert_eq!(d["docUrl"], ep.doc_url);
        assert_eq!(d["defaultBaseUrl"], ep.default_base_url);
        assert_eq!(d["path"], ep.documented_path);
        assert_eq!(d["deprecated"], ep.deprecated.is_some());
        match ep.deprecated {
            Some(t) => {
                assert_eq!(d["deprecation"]["en"], t.en);
                assert_eq!(d["deprecation"]["zh"], t.zh);
            }
            None => assert!(d["deprecation"].is_null()),
        }
        assert_eq!(
            d["crossRules"].as_array().unwrap().len(),
            ep.cross_rules().len()
        );
    }
    assert!(rosterguard::describe("nope.nothing").is_err());
    assert!(rosterguard::json_schema("nope.nothing").is_err());
}

#[test]
fn every_field_has_labels_help_and_source_in_both_languages() {
    for id in ids() {
        for f in fields(id) {
            let p = f["pointer"].as_str().unwrap();
            for part in ["label", "help"] {
                for lang in ["en", "zh"] {
                    assert!(
                        f[part][lang].as_str().is_some_and(|t| !t.trim().is_empty()),
                        "{id} {p}: {part}.{lang}"
                    );
                }
            }
            assert!(
                f["source"].as_str().is_some_and(|s| !s.is_empty()),
                "{id} {p}: source"
            );
            for key in [
                "key", "type", "required", "secret", "nullable", "empty", "coerces",
            ] {
                assert!(f.get(key).is_some(), "{id} {p}: {key}");
            }
            assert!(
                ["keep", "drop", "reject"].contains(&f["empty"].as_str().unwrap()),
                "{id} {p}: empty"
            );
        }
    }
}

#[test]
fn describe_lists_fields_in_documentation_order_with_their_rules() {
    let f = fields("fxiaoke.updateMember");
    let order: Vec<&str> = f.iter().map(|f| f["pointer"].as_str().unwrap()).collect();
    assert_eq!(
        &order[..6],
        [
            "/baseUrl",
            "/query",
            "/query/thirdTraceId",
            "/body",
            "/body/corpAccessToken",
            "/body/corpId"
        ]
    );
    let gender = field(&f, "/body/user/gender");
    assert_eq!(gender["enum"], serde_json::json!(["M", "F"]));
    assert_eq!(gender["empty"], "drop");
    let ids = field(&f, "/body/user/attachingDepartmentIds");
    assert_eq!(ids["maxItems"], 500);
    assert_eq!(ids["uniqueItems"], true);
    let item = field(&f, "/body/user/attachingDepartmentIds/-");
    assert_eq!(item["type"], "integer");
    assert_eq!(item["minimum"], 0);
    assert_eq!(item["label"]["en"], "Department id");
    assert_eq!(
        item["coerces"],
        serde_json::json!([{"from": "string", "to": "integer"}])
    );
    assert_eq!(field(&f, "/body/user/email")["format"], "email");
    assert_eq!(field(&f, "/body/corpAccessToken")["secret"], true);
    assert_eq!(field(&f, "/body/user/account")["empty"], "drop");
    assert_eq!(field(&f, "/body/user/account")["nullable"], true);
    assert_eq!(field(&f, "/body/user/openUserId")["nullable"], false);

    let d = fields("dingtalk.updateEmployeeRoster");
    assert_eq!(field(&d, "/body/agentid")["minimum"], 1);
    assert_eq!(
        field(&d, "/body/param/groups/-/sections/-/old_index")["empty"],
        "reject"
    );
    field(&d, "/body/param/groups/-/sections/-/section/-/field_code");

    let e = fields("ekuaibao.updateStaff");
    assert_eq!(field(&e, "/body/email")["empty"], "reject");
    assert_eq!(field(&e, "/body/code")["empty"], "drop");
    assert_eq!(field(&e, "/body/cellphone")["format"], "cellphone");
    let base = field(&e, "/body/staffCustomForm/base");
    assert_eq!(base["type"], "string|array");
    assert_eq!(
        base["coerces"],
        serde_json::json!([{"from": "array", "to": "string"}])
    );
    field(&e, "/body/staffCustomForm/base/-/label");
    let custom = field(&e, "/body/staffCustomForm/u_*");
    assert_eq!(custom["keyPrefix"], "u_");
    assert_eq!(custom["keyPattern"], r"^u_[\s\S]");
}

/// The schema node a describe pointer leads to, following `properties`,
/// `items` (`-`), `patternProperties` (for a template with `keyPattern`)
/// and the branches of `anyOf`.
fn resolve<'a>(
    schema: &'a Value,
    segments: &[&str],
    key_pattern: Option<&str>,
) -> Option<&'a Value> {
    let Some((seg, rest)) = segments.split_first() else {
        return Some(schema);
    };
    if let Some(Value::Array(branches)) = schema.get("anyOf") {
        if let Some(found) = branches
            .iter()
            .find_map(|b| resolve(b, segments, key_pattern))
        {
            return Some(found);
        }
    }
    let next = if *seg == "-" {
        schema.get("items")
    } else if rest.is_empty() && key_pattern.is_some() {
        schema.get("patternProperties")?.get(key_pattern?)
    } else {
        schema.get("properties")?.get(*seg)
    };
    resolve(next?, rest, key_pattern)
}

#[test]
fn every_described_pointer_exists_in_the_json_schema() {
    for id in ids() {
        let schema = rosterguard::json_schema(id).unwrap();
        for f in fields(id) {
            let p = f["pointer"].as_str().unwrap();
            let segs: Vec<&str> = p.split('/').skip(1).collect();
            let node = resolve(&schema, &segs, f["keyPattern"].as_str());
            assert!(node.is_some(), "{id}: {p} is not in the schema");
        }
    }
}

/// Every `properties` / `items` / `patternProperties` path of the schema
/// (outside `allOf`, which only restates cross rules).
fn schema_pointers(schema: &Value, at: String, out: &mut Vec<String>) {
    if let Some(Value::Array(branches)) = schema.get("anyOf") {
        for b in branches {
            schema_pointers(b, at.clone(), out);
        }
    }
    if let Some(Value::Object(props)) = schema.get("properties") {
        for (k, v) in props {
            let p = format!("{at}/{k}");
            out.push(p.clone());
            schema_pointers(v, p, out);
        }
    }
    if let Some(Value::Object(props)) = schema.get("patternProperties") {
        for (k, v) in props {
            let p = format!("{at}/{k}");
            out.push(p.clone());
            schema_pointers(v, p, out);
        }
    }
    if let Some(items) = schema.get("items") {
        let p = format!("{at}/-");
        out.push(p.clone());
        schema_pointers(items, p, out);
    }
}

#[test]
fn every_schema_property_is_described() {
    for id in ids() {
        let schema = rosterguard::json_schema(id).unwrap();
        let described = fields(id);
        let mut pointers = Vec::new();
        schema_pointers(&schema, String::new(), &mut pointers);
        for p in pointers {
            let found = described.iter().any(|f| {
                f["pointer"] == p.as_str()
                    || f["keyPattern"]
                        .as_str()
                        .is_some_and(|k| p.ends_with(&format!("/{k}")))
            });
            assert!(found, "{id}: schema has {p}, describe does not");
        }
    }
}

fn walk_objects(schema: &Value, at: &str, check: &mut dyn FnMut(&str, &Value)) {
    match schema {
        Value::Object(map) => {
            check(at, schema);
            for (k, v) in map {
                walk_objects(v, &format!("{at}/{k}"), check);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk_objects(v, &format!("{at}/{i}"), check);
            }
        }
        _ => {}
    }
}

#[test]
fn json_schema_is_draft_2020_12_and_closed() {
    for id in ids() {
        let schema = rosterguard::json_schema(id).unwrap();
        let text = serde_json::to_string(&schema).unwrap();
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, schema);
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(schema["$id"], format!("urn:rosterguard:{id}"));
        assert!(schema["$comment"].as_str().unwrap().contains("validate()"));
        // Every object with declared properties is closed (outside if/then restatements).
        walk_objects(&schema, "", &mut |at, node| {
            let in_condition = at.contains("/allOf/");
            if node.get("properties").is_some() && !in_condition {
                assert_eq!(
                    node.get("additionalProperties"),
                    Some(&Value::Bool(false)),
                    "{id}{at}: open object"
                );
            }
            if let Some(Value::String(p)) = node.get("pattern") {
                assert!(!p.is_empty(), "{id}{at}: empty pattern");
            }
        });
    }
}

#[test]
fn json_schema_states_the_cross_rules_it_can() {
    let staff = rosterguard::json_schema("ekuaibao.updateStaff").unwrap();
    let all = staff["properties"]["body"]["allOf"].as_array().unwrap();
    // together (both directions) + two modifyAccount* rules.
    assert_eq!(all.len(), 4);
    let text = serde_json::to_string(all).unwrap();
    for key in [
        "departments",
        "defaultDepartment",
        "modifyAccountPhone",
        "cellphone",
        "modifyAccountEmail",
        "email",
    ] {
        assert!(text.contains(key), "{key}");
    }
    assert!(staff["$comment"]
        .as_str()
        .unwrap()
        .contains("defaultDepartment must be one of departments"));
    let roster = rosterguard::json_schema("dingtalk.updateEmployeeRoster").unwrap();
    let group =
        &roster["properties"]["body"]["properties"]["param"]["properties"]["groups"]["items"];
    // One rule for non-sysNN group ids and ten per digit.
    assert_eq!(group["allOf"].as_array().unwrap().len(), 21);
    let item = &group["properties"]["sections"]["items"]["properties"]["section"]["items"];
    // The date fields' format, and the department / manager codes refused.
    assert_eq!(item["allOf"].as_array().unwrap().len(), 2);
    let comment = roster["$comment"].as_str().unwrap();
    assert!(comment.contains("old_index"));
    assert!(comment.contains("field_code"));
    for ep in rosterguard::endpoints() {
        let d = rosterguard::describe(ep.id).unwrap();
        for (bound, described) in ep
            .cross_rules()
            .iter()
            .zip(d["crossRules"].as_array().unwrap())
        {
            let rule = bound.rule;
            let expressible = matches!(
                rule.kind,
                CrossKind::Together
                    | CrossKind::RequiredIfTrue
                    | CrossKind::FormatWhen { .. }
                    | CrossKind::GroupPrefix { .. }
                    | CrossKind::NoneOf { .. }
                    | CrossKind::AtLeastOne
                    | CrossKind::RequiredWith
            );
            assert_eq!(described["inJsonSchema"], expressible, "{}", ep.id);
            assert_eq!(described["code"], rule.code.as_str());
            let list = fields(ep.id);
            for p in &bound.pointers {
                field(&list, p);
            }
        }
    }
}

fn formats() -> Vec<&'static Format> {
    fn collect(f: &'static rosterguard::model::field::Field, out: &mut Vec<&'static Format>) {
        match f.ty {
            Ty::Str(rule) => out.extend(rule.format),
            Ty::Object(rule) => {
                for c in rule.fields {
                    collect(c, out);
                }
                if let Some((_, t)) = rule.prefixed {
                    collect(t, out);
                }
            }
            Ty::Array(rule) => collect(rule.item, out),
            Ty::Int(_) | Ty::Bool | Ty::Custom(_) => {}
        }
    }
    let mut out = Vec::new();
    collect(&rosterguard::model::endpoint::BASE_URL_FIELD, &mut out);
    for ep in rosterguard::endpoints() {
        for section in ep.sections() {
            for f in section.rule.fields {
                collect(f, &mut out);
            }
        }
        for bound in ep.cross_rules() {
            let rule = bound.rule;
            // NoneOf's format only words the refusal; it is not a field syntax.
            if let CrossKind::FormatWhen { format, .. } = rule.kind {
                out.push(format);
            }
        }
    }
    out
}

#[test]
fn format_integer_ranges_match_their_checks() {
    let accepts = |f: &Format, n: i64| (f.check)(&n.to_string()) != FormatResult::Bad;
    let list = formats();
    assert!(list.len() >= 5);
    for f in list {
        for &(lo, hi) in f.integers {
            assert!(accepts(f, lo) && accepts(f, hi), "{}: {lo}..{hi}", f.name);
            assert!(
                !accepts(f, lo - 1) || f.integers.iter().any(|&(a, b)| (a..=b).contains(&(lo - 1))),
                "{}: {}",
                f.name,
                lo - 1
            );
            // Past 2^53 - 1 an integer is a range error before any format sees it.
            assert!(
                hi == 9_007_199_254_740_991
                    || !accepts(f, hi + 1)
                    || f.integers.iter().any(|&(a, b)| (a..=b).contains(&(hi + 1))),
                "{}: {}",
                f.name,
                hi + 1
            );
            let step = ((hi - lo) / 97).max(1);
            let mut n = lo;
            while n <= hi {
                assert!(accepts(f, n), "{}: {n}", f.name);
                n += step;
            }
        }
        // Integers outside the ranges are rejected (sampled).
        for n in [
            -1_000_000_000_000_000_i64,
            -20_000_000_000,
            -1,
            0,
            7,
            99_999,
            20_000_000_000,
            1_000_000_000_000_000,
        ] {
            let inside = f.integers.iter().any(|&(a, b)| (a..=b).contains(&n));
            assert_eq!(accepts(f, n), inside, "{}: {n}", f.name);
        }
        assert!(!f.pattern.is_empty(), "{}: pattern", f.name);
    }
}

#[test]
fn typescript_declares_every_endpoint() {
    let ts = rosterguard::typescript_definitions();
    for (id, name) in [
        ("fxiaoke.updateMember", "FxiaokeUpdateMemberInput"),
        (
            "fxiaoke.setMemberStatusBatch",
            "FxiaokeSetMemberStatusBatchInput",
        ),
        (
            "dingtalk.updateEmployeeRoster",
            "DingtalkUpdateEmployeeRosterInput",
        ),
        ("ekuaibao.updateStaff", "EkuaibaoUpdateStaffInput"),
    ] {
        assert!(
            ts.contains(&format!("export interface {name} {{")),
            "{name}"
        );
        assert!(ts.contains(&format!("  | \"{id}\"")), "{id} in EndpointId");
        assert!(
            ts.contains(&format!("  \"{id}\": {name};")),
            "{id} in InputFor"
        );
    }
    assert!(ts.contains("export type EndpointId ="));
    assert!(ts.contains("export interface InputFor {"));
    assert!(ts.contains("export interface EndpointDescription {"));
    assert!(ts.contains("gender?: \"M\" | \"F\" | \"\" | null;"));
    assert!(ts.contains("status: 1 | 2 | \"1\" | \"2\";"));
    assert!(ts.contains("[key: `u_${string}`]"));
    assert_eq!(ts.matches('{').count(), ts.matches('}').count());
    // Every described field of every endpoint is declared.
    for id in ids() {
        for f in fields(id) {
            let key = f["key"].as_str().unwrap();
            if key != "-" && !key.ends_with('*') {
                assert!(ts.contains(&format!("  {key}")), "{id}: {key}");
            }
        }
    }
}
