//! `build_request` on arbitrary JSON input, for every endpoint of the
//! registry: it succeeds exactly when `validate` finds no error, and
//! whatever it builds has the endpoint's method, `Content-Type` plus the
//! sent `headers` section (token names, printable values), no control,
//! space or non-ASCII byte in method and URL, a URL whose scheme, host,
//! port, path segments (path parameters in their own segments) and query
//! pairs are exactly the intended ones (parsed by the `url` crate), a
//! redacted copy that masks every secret and nothing else, and a body that
//! re-validates with zero errors and rebuilds to the same text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rosterguard_fuzz::{check_built, check_redacted, decode, parse};

fuzz_target!(|data: &[u8]| {
    let Some(case) = decode(data) else { return };
    let Some(input) = parse(case.json) else {
        return;
    };
    let built = rosterguard::build_request(case.endpoint.id, &input, &case.options);
    let report = rosterguard::validate(case.endpoint.id, &input, &case.options);
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
