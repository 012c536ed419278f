//! The fixture suite, natively: every seed example validates clean and
//! builds the documented request; every rule case yields exactly its
//! errors; messages in both locales match the snapshot.

mod common;

use common::*;
use rosterguard::{Locale, Options};
use serde_json::Value;

fn options(case: &Case) -> Options {
    serde_json::from_value(case.options.clone()).expect("case options")
}

/// Adding an endpoint means adding its fixture folder: every endpoint of
/// the registry has `tests/fixtures/<id>/` with a doc example (`seed*.json`,
/// with its expected request) and at least 20 rule cases, and every folder
/// there is an endpoint.
#[test]
fn every_endpoint_has_its_fixture_folder() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let ids: Vec<&str> = rosterguard::endpoints().iter().map(|e| e.id).collect();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            ids.contains(&name.as_str()),
            "tests/fixtures/{name}: no such endpoint"
        );
    }
    for id in ids {
        let seeds: Vec<_> = FIXTURES
            .iter()
            .filter(|(n, _)| n.starts_with(&format!("{id}/seed")))
            .collect();
        assert!(!seeds.is_empty(), "tests/fixtures/{id}/seed*.json: missing");
        for (name, _) in &seeds {
            let fx = fixture(name);
            assert!(fx.get("request").is_some(), "{name}: no expected request");
            assert_eq!(fx["endpoint"], id, "{name}: endpoint");
        }
        assert!(
            FIXTURES
                .iter()
                .any(|(n, _)| *n == format!("{id}/cases.json")),
            "tests/fixtures/{id}/cases.json: missing"
        );
        let cases = all_cases().into_iter().filter(|c| c.endpoint == id).count();
        assert!(
            cases >= 20 + seeds.len(),
            "{id}: {cases} cases, at least 20 rule cases wanted"
        );
    }
}

#[test]
fn cases_yield_exactly_their_issues() {
    for case in all_cases() {
        let report = rosterguard::validate(&case.endpoint, &case.input, &options(&case)).unwrap();
        check_report(&case, &serde_json::to_value(&report).unwrap());
        // build_request agrees with validate.
        match rosterguard::build_request(&case.endpoint, &case.input, &options(&case)) {
            Ok(req) => {
                assert!(report.ok, "{}: built although invalid", case.name);
                check_request(&case, &serde_json::to_value(&req).unwrap());
            }
            Err(rosterguard::Error::Invalid(r)) => assert_eq!(r, report, "{}", case.name),
            Err(e) => panic!("{}: {e}", case.name),
        }
    }
}

#[test]
fn seeds_match_the_doc_urls() {
    let mut checked = 0;
    for case in all_cases().into_iter().filter(|c| c.doc_url.is_some()) {
        let req = rosterguard::build_request(&case.endpoint, &case.input, &options(&case)).unwrap();
        assert_eq!(
            path_and_query(&req.url),
            path_and_query(case.doc_url.as_deref().unwrap()),
            "{}",
            case.name
        );
        checked += 1;
    }
    assert!(checked >= 3, "Ekuaibao by id, by code, and DingTalk");
}

#[test]
fn ekuaibao_doc_urls_exactly() {
    let by_id = fixture("ekuaibao.updateStaff/seed-by-id.json");
    let by_code = fixture("ekuaibao.updateStaff/seed-by-code.json");
    let build = |fx: &Value| {
        rosterguard::build_request("ekuaibao.updateStaff", &fx["input"], &Options::default())
            .unwrap()
            .url
    };
    assert_eq!(
        percent_decode(&build(&by_id)),
        "https://app.ekuaibao.com/api/openapi/v1.1/staffs/update/$JOYbpjPP-E2Q00:IIEbwYgR2E5M00?accessToken=ID_3D5RavktZRM:xgJ3wajigF25H0"
    );
    assert_eq!(
        percent_decode(&build(&by_code)),
        "https://app.ekuaibao.com/api/openapi/v1.1/staffs/update/$00005?accessToken=ID_3D5RavktZRM:xgJ3wajigF25H0&type=code"
    );
}

/// Renders every issue message of every case in both locales and compares
/// with `tests/snapshots/messages.txt` (`UPDATE_SNAPSHOTS=1` rewrites it).
#[test]
fn messages_snapshot() {
    let mut text = String::new();
    for case in all_cases() {
        let mut opts = options(&case);
        opts.locale = Locale::En;
        let en = rosterguard::validate(&case.endpoint, &case.input, &opts).unwrap();
        opts.locale = Locale::ZhCn;
        let zh = rosterguard::validate(&case.endpoint, &case.input, &opts).unwrap();
        let en_all = en.errors.iter().chain(&en.warnings);
        let zh_all = zh.errors.iter().chain(&zh.warnings);
        for (e, z) in en_all.zip(zh_all) {
            text.push_str(&format!(
                "{} | {} | {} {}\n  en: {}\n  zh: {}\n",
                case.endpoint, case.name, e.path, e.code, e.message, z.message
            ));
        }
    }
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/messages.txt");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(want == text, "messages changed; review and run UPDATE_SNAPSHOTS=1 cargo test --test fixtures\n--- new ---\n{text}");
}
