//! Helpers shared by the unit tests: fixed-seed garbage and exhaustive
//! small inputs.

/// A fixed-seed xorshift64 generator: the same numbers on every run, so a
/// garbage test that fails fails again.
pub(crate) fn xorshift(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

/// Every string of up to `max_len` characters drawn from `alphabet`
/// (the empty string first): for checking a fast path against the plain
/// one on all small inputs.
pub(crate) fn all_strings(alphabet: &[char], max_len: usize) -> Vec<String> {
    let mut strings = vec![String::new()];
    let mut last = strings.clone();
    for _ in 0..max_len {
        last = last
            .iter()
            .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
            .collect();
        strings.extend(last.iter().cloned());
    }
    strings
}
