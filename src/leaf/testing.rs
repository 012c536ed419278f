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

/// `count` strings of up to `max_len - 1` pieces drawn from `alphabet`,
/// the same for the same `seed`: inputs for comparing a rewrite with the
/// code or crate it replaces.
pub(crate) fn random_strings<'a>(
    seed: u64,
    alphabet: &'a [&'a str],
    max_len: u64,
    count: usize,
) -> impl Iterator<Item = String> + 'a {
    let mut next = xorshift(seed);
    (0..count).map(move |_| {
        let len = next(max_len);
        (0..len)
            .map(|_| {
                alphabet
                    .get(next(alphabet.len() as u64))
                    .copied()
                    .unwrap_or("a")
            })
            .collect()
    })
}
