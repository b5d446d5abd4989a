//! Measures of text as the reader will see it: characters that are
//! neither whitespace nor invisible.

use crate::dom::{NodeRef, Visit};
use crate::html::tags::NOT_TEXT;
use crate::text::whitespace::{collapsible_at, utf8_len, STEP};

/// A lower bound on the non-whitespace characters the text output writes
/// for `root`, found without rendering and counted only until it passes
/// `cap`. Every character of a text node outside [`NOT_TEXT`] elements that
/// is neither whitespace nor invisible is written as it is (list markers
/// and `<pre>` text may add more), so a block whose bound is above a line
/// limit cannot render as a line that short.
///
/// [`NOT_TEXT`]: crate::NOT_TEXT
pub(crate) fn rendered_chars_at_least(root: &NodeRef, cap: usize) -> usize {
    let mut n: usize = 0;
    root.visit_below(|node| {
        if let Some(visible) = node.with_text(visible_chars) {
            n = n.saturating_add(visible);
            if n > cap {
                // What counting one at a time and stopping would leave.
                n = cap + 1;
                return Visit::Stop;
            }
            return Visit::Descend;
        }
        // The text output skips these too.
        if node.is_in(NOT_TEXT) {
            Visit::Skip
        } else {
            Visit::Descend
        }
    });
    n
}

/// The characters of `text` that are neither whitespace nor invisible,
/// counted on the bytes: whole characters are stepped over without
/// decoding, and only the lead bytes [`STEP`] stops on are looked at.
fn visible_chars(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let step = STEP[usize::from(b)];
        if step != 0 {
            n += 1;
            i += usize::from(step);
            continue;
        }
        match collapsible_at(&bytes[i..]) {
            Some((len, _)) => i += len,
            None => {
                n += 1;
                i += utf8_len(b);
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_collapsed(c: char) -> bool {
        c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{00AD}')
    }

    /// `visible_chars` counts what decoding counts, for every character.
    #[test]
    fn visible_chars_matches_decoding() {
        let all: String = (0..=0x10FFFF).filter_map(char::from_u32).collect();
        let want = all.chars().filter(|&c| !is_collapsed(c)).count();
        assert_eq!(visible_chars(&all), want);
        // Every sequence of three pieces the byte scans treat specially,
        // or nearly so.
        const PIECES: &[&str] = &[
            "a", " ", "  ", "\n", "\r", "\t", "中", "，", "“", "”", "…", "\u{3000}", "\u{a0}",
            "\u{200b}", "\u{feff}", "\u{ad}", "\u{2028}", "\u{205f}", "\u{1680}", "é", "😀",
            "\u{e000}", "\u{2010}",
        ];
        for s in crate::testing::all_sequences(PIECES, 3) {
            let want = s.chars().filter(|&c| !is_collapsed(c)).count();
            assert_eq!(visible_chars(&s), want, "{s:?}");
        }
    }
}
