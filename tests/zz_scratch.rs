mod common;
use common::*;
use rosterguard::Options;

#[test]
fn scratch_mismatches() {
    let mut bad = 0;
    for case in all_cases() {
        let opts: Options = serde_json::from_value(case.options.clone()).unwrap();
        let r = serde_json::to_value(
            rosterguard::validate(&case.endpoint, &case.input, &opts).unwrap(),
        )
        .unwrap();
        let e = issue_pairs(&r["errors"]);
        let w = issue_pairs(&r["warnings"]);
        let wbad = case.warnings.as_ref().is_some_and(|x| x != &w);
        if e != case.errors || wbad {
            bad += 1;
            println!(
                "MISMATCH {} / {}\n  want e={:?}\n  got  e={:?}\n  want w={:?}\n  got  w={:?}",
                case.endpoint, case.name, case.errors, e, case.warnings, w
            );
        }
    }
    println!("{bad} mismatches");
}
