//! `build_request` on arbitrary JSON input: it succeeds exactly when
//! `validate` finds no error, and whatever it builds has fixed headers, no
//! CR/LF, a URL whose scheme, host, port, path segments and query pairs are
//! exactly the intended ones (parsed by the `url` crate), and a body that
//! re-validates with zero errors and rebuilds to the same text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rosterguard_fuzz::{check_built, check_redacted, decode, parse};

fuzz_target!(|data: &[u8]| {
    let Some(case) = decode(data) else { return };
    let Some(input) = parse(case.json) else {
        return;
    };
    let built = rosterguard::build_request(case.endpoint, &input, &case.options);
    let report = rosterguard::validate(case.endpoint, &input, &case.options);
    match (built, report) {
        (Ok(req), Ok(report)) => {
            assert!(report.ok, "built although validate reports errors");
            check_built(case.endpoint, &input, &case.options, &req);
            check_redacted(&req);
        }
        (Err(rosterguard::Error::Invalid(r)), Ok(report)) => {
            assert!(!report.ok, "refused although validate is ok");
            assert_eq!(r, report, "build's report differs from validate's");
        }
        (Err(rosterguard::Error::InvalidOption { option, .. }), Err(_)) => {
            assert_eq!(option, "urlPath")
        }
        (b, r) => panic!("inconsistent results: {b:?} / {r:?}"),
    }
});
