//! `validate` on arbitrary JSON input: never panics, every report holds its
//! invariants, results are deterministic, token values never influence a
//! message, and the batch and single-field entry points agree.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rosterguard_fuzz::{check_report, decode, parse, with_placeholder_secrets};

fuzz_target!(|data: &[u8]| {
    let Some(case) = decode(data) else { return };
    let Some(input) = parse(case.json) else {
        return;
    };
    let report = match rosterguard::validate(case.endpoint.id, &input, &case.options) {
        Ok(report) => report,
        // Only a bad urlPath is a misuse here (the endpoints come from the registry).
        Err(rosterguard::Error::InvalidOption { option, .. }) => {
            assert_eq!(option, "urlPath");
            return;
        }
        Err(e) => panic!("unexpected error: {e}"),
    };
    check_report(&report);
    let again = rosterguard::validate(case.endpoint.id, &input, &case.options).unwrap();
    assert_eq!(report, again, "validate is deterministic");

    // Secrets: replacing every secret value (by another of the same shape)
    // changes no message or param.
    if let Some(masked) = with_placeholder_secrets(case.endpoint, &input) {
        let other = rosterguard::validate(case.endpoint.id, &masked, &case.options).unwrap();
        assert_eq!(report, other, "a token value changed the report");
    }

    // The batch entry point gives the same report for a one-item batch.
    if let Ok(text) = std::str::from_utf8(case.json) {
        if let Ok(reports) =
            rosterguard::validate_many(case.endpoint.id, &format!("[{text}]"), &case.options)
        {
            assert_eq!(reports, vec![report.clone()], "validate_many differs");
        }
    }

    // Field validation at the first issue's path never panics and keeps
    // only issues at or below it.
    if let Some(first) = report
        .errors
        .iter()
        .chain(&report.warnings)
        .find(|i| !i.path.is_empty())
    {
        let value = input
            .pointer(&first.path)
            .cloned()
            .unwrap_or(serde_json::Value::Null);
        if let Ok(field) = rosterguard::validate_field(
            case.endpoint.id,
            &first.path,
            &value,
            Some(&input),
            &case.options,
        ) {
            check_report(&field);
            for issue in field.errors.iter().chain(&field.warnings) {
                assert!(rosterguard::pointer::is_at_or_below(
                    &issue.path,
                    &first.path
                ));
            }
        }
    }
});
