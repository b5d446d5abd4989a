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
    let pieces: Vec<String> = alphabet.iter().map(char::to_string).collect();
    let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
    all_sequences(&pieces, max_len)
}

/// The text of every bundled fixture post (`fixtures/*.md`), as pages for
/// comparing a fast path with the plain one on every element.
pub(crate) fn fixture_pages() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("the fixtures directory")
        .map(|e| e.expect("a fixture entry").path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".md") && !name.contains(".expected.")
        })
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("a readable fixture"))
        .collect()
}

/// Every concatenation of up to `max_len` of `pieces` (the empty string
/// first): small pages built from tricky pieces of markup.
pub(crate) fn all_sequences(pieces: &[&str], max_len: usize) -> Vec<String> {
    let mut all = vec![String::new()];
    let mut last = all.clone();
    for _ in 0..max_len {
        last = last
            .iter()
            .flat_map(|s| pieces.iter().map(move |p| format!("{s}{p}")))
            .collect();
        all.extend(last.iter().cloned());
    }
    all
}
