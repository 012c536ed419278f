//! Test helpers shared by the unit tests of several layers.

/// A small deterministic generator (xorshift64) for randomised
/// comparisons against a reference: each call returns a number below `m`.
pub(crate) fn xorshift(mut seed: u64) -> impl FnMut(u64) -> usize {
    move |m: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % m) as usize
    }
}
