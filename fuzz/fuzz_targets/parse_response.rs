//! `parse_response` on arbitrary status and body: never panics, success
//! only on 2xx, a success is never retryable, a 5xx or 429 failure always
//! is, and every text it returns is clipped.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rosterguard_fuzz::endpoint_id;

fuzz_target!(|data: &[u8]| {
    let [selector, hi, lo, body @ ..] = data else {
        return;
    };
    let endpoint = endpoint_id(*selector);
    let status = u16::from_be_bytes([*hi, *lo]);
    let body = String::from_utf8_lossy(body);
    let outcome = rosterguard::parse_response(endpoint, status, &body).expect("known endpoint");
    if outcome.ok {
        assert!((200..300).contains(&status), "ok on HTTP {status}");
        assert!(!outcome.retryable, "a success is not retryable");
    } else if status >= 500 || status == 429 {
        assert!(outcome.retryable, "HTTP {status} failure must be retryable");
    }
    let limit = rosterguard::reply::MAX_MESSAGE_CHARS + 1;
    for text in [&outcome.message, &outcome.vendor_code, &outcome.trace_id]
        .into_iter()
        .flatten()
    {
        assert!(text.chars().count() <= limit, "unclipped text");
    }
    if !outcome.ok {
        assert!(
            outcome.message.as_deref().is_some_and(|m| !m.is_empty())
                || outcome.vendor_code.is_some(),
            "a failure says why"
        );
    }
    serde_json::to_string(&outcome).expect("serialises");
    let again = rosterguard::parse_response(endpoint, status, &body).unwrap();
    assert_eq!(outcome, again, "deterministic");
});
