//! Batch API: one result per item, in order; a bad item never stops the others.

mod common;

use rosterguard::{build_many, validate_many, BuildOutcome, Error, Options};
use serde_json::json;

#[test]
fn batch_keeps_order_and_isolates_bad_items() {
    let good = common::fixture("ekuaibao.updateStaff/seed-by-id.json")["input"].clone();
    let mut bad = good.clone();
    bad["body"]["email"] = json!("");
    let text = json!([good, bad, "not an object", good]).to_string();
    let opts = Options::default();

    let reports = validate_many("ekuaibao.updateStaff", &text, &opts).unwrap();
    let oks: Vec<bool> = reports.iter().map(|r| r.ok).collect();
    assert_eq!(oks, [true, false, false, true]);
    assert_eq!(reports[1].errors[0].path, "/body/email");
    assert_eq!(reports[2].errors[0].path, "");

    let built = build_many("ekuaibao.updateStaff", &text, &opts).unwrap();
    assert!(matches!(built[0], BuildOutcome::Built { .. }));
    assert!(matches!(built[1], BuildOutcome::Invalid { .. }));
    let v = serde_json::to_value(&built).unwrap();
    assert_eq!(v[0]["ok"], true);
    assert_eq!(v[0]["request"]["method"], "PUT");
    assert_eq!(v[0]["warnings"][0]["code"], "dropped_empty");
    assert_eq!(v[1]["ok"], false);
    assert_eq!(v[1]["report"]["errors"][0]["code"], "empty");
}

#[test]
fn batch_misuse_is_an_error() {
    let opts = Options::default();
    assert!(matches!(
        validate_many("ekuaibao.updateStaff", "{}", &opts),
        Err(Error::InvalidBatch { .. })
    ));
    assert!(matches!(
        build_many("ekuaibao.updateStaff", "[", &opts),
        Err(Error::InvalidBatch { .. })
    ));
    assert!(matches!(
        validate_many("nope", "[]", &opts),
        Err(Error::UnknownEndpoint { .. })
    ));
    assert_eq!(
        validate_many("ekuaibao.updateStaff", "[]", &opts)
            .unwrap()
            .len(),
        0
    );
}
