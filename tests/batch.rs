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

#[test]
fn batch_json_text_equals_the_typed_results() {
    let good = common::fixture("ekuaibao.updateStaff/seed-by-id.json")["input"].clone();
    let mut bad = good.clone();
    bad["body"]["email"] = json!("");
    let text = json!([good, bad, "not an object", null, [], good]).to_string();
    let opts = Options::default();
    let ep = "ekuaibao.updateStaff";
    let typed = serde_json::to_value(validate_many(ep, &text, &opts).unwrap()).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&rosterguard::validate_many_json(ep, &text, &opts).unwrap()).unwrap();
    assert_eq!(typed, json);
    let built: serde_json::Value =
        serde_json::from_str(&rosterguard::build_many_json(ep, &text, &opts).unwrap()).unwrap();
    let oks: Vec<bool> = built
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["ok"].as_bool().unwrap())
        .collect();
    assert_eq!(oks, [true, false, false, false, false, true]);
    assert_eq!(
        built[1],
        serde_json::to_value(&build_many(ep, &text, &opts).unwrap()[1]).unwrap()
    );
    for t in ["[]", " [ ] "] {
        assert_eq!(rosterguard::validate_many_json(ep, t, &opts).unwrap(), "[]");
        assert_eq!(rosterguard::build_many_json(ep, t, &opts).unwrap(), "[]");
    }
    for t in ["{}", "[", "[1,", "[1] x", "", "1"] {
        assert!(matches!(
            rosterguard::validate_many_json(ep, t, &opts),
            Err(Error::InvalidBatch { .. })
        ));
        assert!(matches!(
            build_many(ep, t, &opts),
            Err(Error::InvalidBatch { .. })
        ));
    }
}

#[test]
fn batch_items_are_split_exactly_as_json_parses_them() {
    let opts = Options::default();
    let ep = "fxiaoke.setMemberStatusBatch";
    let good = [
        r#"[]"#,
        " \n[ ]\r\t",
        r#"["a,b]", {"x": "]}", "y": [1, {"z": "\\\"],"}]}, "\\", [[]], {}, null, 1e5]"#,
        r#"[{"a": "\u005d"}, "x\\\\", "\"[\""]"#,
    ];
    for t in good {
        let whole: Vec<serde_json::Value> = serde_json::from_str(t).unwrap();
        let reports = validate_many(ep, t, &opts).unwrap();
        assert_eq!(reports.len(), whole.len(), "{t}");
        for (r, v) in reports.iter().zip(&whole) {
            assert_eq!(r, &rosterguard::validate(ep, v, &opts).unwrap(), "{t}");
        }
    }
    let bad = [
        "[1 2]",
        "[1,]",
        "[,1]",
        r#"["a]"#,
        "[{]}",
        "[1]]",
        "[1}",
        "[1] x",
        "[1]\u{a0}",
        "[",
        "",
        " ",
        "\u{c}[]",
        "[1,,2]",
        r#"[{"a":1,}]"#,
        r#"["\"]"#,
        "{}",
        "1",
        "nul",
    ];
    for t in bad {
        assert!(
            serde_json::from_str::<Vec<serde_json::Value>>(t).is_err(),
            "{t}"
        );
        assert!(
            matches!(validate_many(ep, t, &opts), Err(Error::InvalidBatch { .. })),
            "{t:?}"
        );
        assert!(
            matches!(
                rosterguard::build_many_json(ep, t, &opts),
                Err(Error::InvalidBatch { .. })
            ),
            "{t:?}"
        );
    }
}
