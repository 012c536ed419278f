//! Random trace ids, and where their entropy comes from. The core never
//! names the JS boundary: a host without OS entropy (the wasm build)
//! installs its own source with [`install`] before it builds a request.

use std::cell::Cell;

/// Fills a buffer with random bytes; `false` when no entropy could be read.
pub type Source = fn(&mut [u8]) -> bool;

thread_local! {
    // Per thread, like the stream it seeds (a OnceLock costs the wasm a
    // Once implementation for a module that has one thread).
    static SOURCE: Cell<Option<Source>> = const { Cell::new(None) };
}

/// Installs the entropy source that seeds this thread's trace ids. Native
/// builds default to the OS (`getrandom`).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub fn install(source: Source) {
    SOURCE.with(|s| s.set(Some(source)));
}

#[cfg(not(target_arch = "wasm32"))]
fn os_source(buf: &mut [u8]) -> bool {
    getrandom::getrandom(buf).is_ok()
}

#[cfg(target_arch = "wasm32")]
fn os_source(_: &mut [u8]) -> bool {
    false
}

fn seed() -> u64 {
    let mut bytes = [0u8; 8];
    let source = SOURCE.with(Cell::get).unwrap_or(os_source);
    if !source(&mut bytes) {
        // No entropy source: the address of a stack slot mixed with a
        // constant; ids stay unique per thread since the stream never
        // repeats within 2^64 draws.
        let addr = &bytes as *const _ as u64;
        return addr ^ 0xD1B5_4A32_D192_ED03;
    }
    u64::from_le_bytes(bytes)
}

/// The next 64 random bits of this thread's stream: one entropy read seeds
/// a per-thread SplitMix64 stream, so bulk builds do not pay a system call
/// (or a JS call) per request.
fn next() -> u64 {
    thread_local! {
        static STATE: Cell<Option<u64>> = const { Cell::new(None) };
    }
    STATE.with(|state| {
        let mut s = state.get().unwrap_or_else(seed);
        s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
        state.set(Some(s));
        let mut z = s;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    })
}

const HEX_LOWER: &[u8; 16] = b"0123456789abcdef";

/// A fresh random UUID, version 4 (RFC 9562 § 5.4): 36 characters,
/// lowercase hex in 8-4-4-4-12 groups, URL-safe.
pub fn uuid_v4() -> String {
    let (hi, lo) = (next(), next());
    // Version 4 in the high nibble of byte 6, variant 10 in byte 8.
    let hi = (hi & !0xF000) | 0x4000;
    let lo = (lo & !(0xC000_0000_0000_0000)) | 0x8000_0000_0000_0000;
    let mut out = String::with_capacity(36);
    for (i, shift) in (0..16).rev().enumerate() {
        if i == 8 || i == 12 {
            out.push('-');
        }
        out.push(HEX_LOWER[((hi >> (shift * 4)) & 15) as usize] as char);
    }
    for (i, shift) in (0..16).rev().enumerate() {
        if i == 0 || i == 4 {
            out.push('-');
        }
        out.push(HEX_LOWER[((lo >> (shift * 4)) & 15) as usize] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_version_4_and_distinct() {
        let a = uuid_v4();
        let b = uuid_v4();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        let groups: Vec<&str> = a.split('-').collect();
        assert_eq!(
            groups.iter().map(|g| g.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(a
            .bytes()
            .all(|c| c == b'-' || matches!(c, b'0'..=b'9' | b'a'..=b'f')));
        assert!(groups[2].starts_with('4'));
        assert!(matches!(groups[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'));
    }
}
