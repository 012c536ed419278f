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

/// Every case on its own: each failure names its endpoint and case, and
/// all of them are listed, not just the first.
#[test]
fn cases_yield_exactly_their_issues() {
    let cases = all_cases();
    let mut failures = Vec::new();
    for case in &cases {
        let mut problems = Vec::new();
        let report = match rosterguard::validate(&case.endpoint, &case.input, &options(case)) {
            Ok(report) => report,
            Err(e) => {
                failures.push(format!("{} / {}: misuse: {e}", case.endpoint, case.name));
                continue;
            }
        };
        problems.extend(report_problems(
            case,
            &serde_json::to_value(&report).unwrap(),
        ));
        // build_request agrees with validate.
        match rosterguard::build_request(&case.endpoint, &case.input, &options(case)) {
            Ok(req) => {
                if !report.ok {
                    problems.push("built although invalid".to_owned());
                }
                problems.extend(request_problems(case, &serde_json::to_value(&req).unwrap()));
            }
            Err(rosterguard::Error::Invalid(r)) if r == report => {}
            Err(rosterguard::Error::Invalid(_)) => {
                problems.push("build_request's report differs from validate's".to_owned());
            }
            Err(e) => problems.push(format!("build_request: {e}")),
        }
        for p in problems {
            failures.push(format!("{} / {}: {p}", case.endpoint, case.name));
        }
    }
    assert_no_failures(&format!("{} fixture cases", cases.len()), &failures);
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
    assert!(
        want == text,
        "messages changed; review the diff and run UPDATE_SNAPSHOTS=1 cargo test --test fixtures\n{}",
        entry_diff(&want, &text)
    );
}

/// The snapshot's entries (a `endpoint | case | path code` line and its
/// message lines) that went (`-`) or came (`+`), in file order.
fn entry_diff(old: &str, new: &str) -> String {
    fn entries(text: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for line in text.lines() {
            match out.last_mut() {
                Some(last) if line.starts_with("  ") => {
                    last.push('\n');
                    last.push_str(line);
                }
                _ => out.push(line.to_owned()),
            }
        }
        out
    }
    let (old, new) = (entries(old), entries(new));
    let old_set: std::collections::HashSet<&String> = old.iter().collect();
    let new_set: std::collections::HashSet<&String> = new.iter().collect();
    let mut out = String::new();
    for e in old.iter().filter(|e| !new_set.contains(e)) {
        out.push_str(&format!("- {}\n", e.replace('\n', "\n- ")));
    }
    for e in new.iter().filter(|e| !old_set.contains(e)) {
        out.push_str(&format!("+ {}\n", e.replace('\n', "\n+ ")));
    }
    if out.is_empty() {
        out.push_str("(same entries, in another order)\n");
    }
    out
}
