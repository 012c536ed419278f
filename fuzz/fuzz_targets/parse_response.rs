//! `parse_response` on arbitrary status and body, for every endpoint of the
//! registry: never panics, a success only on 2xx and neither retryable nor
//! "token expired", a 5xx or 429 failure always retryable, every failure
//! says why, every text it returns is clipped, and the outcome serialises
//! and is deterministic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rosterguard_fuzz::{check_reply, endpoint_at};

fuzz_target!(|data: &[u8]| {
    let [selector, hi, lo, body @ ..] = data else {
        return;
    };
    let endpoint = endpoint_at(*selector).id;
    let status = u16::from_be_bytes([*hi, *lo]);
    let body = String::from_utf8_lossy(body);
    let outcome = rosterguard::parse_response(endpoint, status, &body).expect("known endpoint");
    check_reply(status, &outcome);
    let again = rosterguard::parse_response(endpoint, status, &body).unwrap();
    assert_eq!(outcome, again, "deterministic");
});
