//! The whitespace collapse's view of text: which characters are spaces,
//! which are invisible, where a space between CJK characters is a stray
//! one, and a byte scanner that splits a text into the pieces the collapse
//! acts on. Shared by the paragraph rule and the plain-text renderer, so
//! both collapse exactly alike.

/// Whitespace for collapsing: Unicode whitespace (with `&nbsp;` and U+3000).
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Invisible characters that are dropped outright.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{00AD}')
}

/// Han, kana, CJK punctuation and full-width forms: scripts written without spaces.
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x303F | 0x3040..=0x30FF | 0x3100..=0x31FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x2FFFF)
}

/// Punctuation that sits between CJK characters without a space in CJK text.
fn is_neutral_punct(c: char) -> bool {
    matches!(
        c,
        '\u{2018}'..='\u{201F}' | '\u{2026}' | '\u{2014}' | '\u{00B7}' | '\u{2022}'
    )
}

/// True if a space between `a` and `b` is a stray one inside CJK text.
pub(crate) fn cjk_joins(a: char, b: char) -> bool {
    (is_wide(a) && (is_wide(b) || is_neutral_punct(b))) || (is_neutral_punct(a) && is_wide(b))
}

/// How far the whitespace collapse may skip from a byte that starts a
/// character: the character's length, or 0 for the characters it treats
/// specially: ASCII whitespace, the non-ASCII whitespace (lead bytes of
/// U+0085, U+00A0, U+1680, U+2000..=U+205F, U+3000) and the invisible
/// characters (U+00AD, U+200B, U+FEFF). Everything else is copied as it is,
/// a run at a time, without decoding; stepping a whole character at a time
/// makes CJK text a third of the steps. (Continuation bytes never start a
/// step; they get 1.)
pub(crate) const STEP: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let special = matches!(
            b as u8,
            b'\t'..=b'\r' | b' ' | 0xc2 | 0xe1 | 0xe2 | 0xe3 | 0xef
        );
        t[b] = if special {
            0
        } else if b < 0xc0 {
            1
        } else if b < 0xe0 {
            2
        } else if b < 0xf0 {
            3
        } else {
            4
        };
        b += 1;
    }
    t
};

/// Length of the UTF-8 character starting with byte `lead`.
#[inline]
pub(crate) fn utf8_len(lead: u8) -> usize {
    match lead {
        0..=0xbf => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// If `s` starts with whitespace ([`is_space`]) or an invisible character
/// ([`is_invisible`]): its length, and whether it is whitespace. Reads the
/// bytes instead of decoding: the lead bytes [`STEP`] stops on mostly
/// start visible CJK punctuation (`“`, `，`, `。`).
#[inline(always)]
pub(crate) fn collapsible_at(s: &[u8]) -> Option<(usize, bool)> {
    match s {
        [b'\t'..=b'\r' | b' ', ..] => Some((1, true)),
        [0xc2, 0x85 | 0xa0, ..] => Some((2, true)), // U+0085, U+00A0
        [0xc2, 0xad, ..] => Some((2, false)),       // U+00AD
        [0xe1, 0x9a, 0x80, ..] => Some((3, true)),  // U+1680
        // U+2000..=U+200A, U+2028, U+2029, U+202F
        [0xe2, 0x80, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf, ..] => Some((3, true)),
        [0xe2, 0x80, 0x8b, ..] => Some((3, false)), // U+200B
        [0xe2, 0x81, 0x9f, ..] => Some((3, true)),  // U+205F
        [0xe3, 0x80, 0x80, ..] => Some((3, true)),  // U+3000
        [0xef, 0xbb, 0xbf, ..] => Some((3, false)), // U+FEFF
        _ => None,
    }
}

/// A piece of a text as the whitespace collapse sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece {
    /// The byte range of a run of visible characters (never empty).
    Visible(usize, usize),
    /// A whitespace character and the ASCII whitespace right after it:
    /// one space, and whether the run held a line break.
    Space { line_break: bool },
    /// An invisible character ([`is_invisible`]): dropped.
    Invisible,
}

/// Splits `text` into the pieces the whitespace collapse acts on, in
/// order: shared by the paragraph rule and the text renderer. `i` only
/// ever stops on the first byte of a character, and steps over whole
/// characters the collapse leaves alone.
#[inline(always)]
pub(crate) fn for_each_piece(text: &str, mut piece: impl FnMut(Piece)) {
    let bytes = text.as_bytes();
    // `run` starts the visible run being scanned.
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let step = STEP[usize::from(b)];
        if step != 0 {
            i += usize::from(step);
            continue;
        }
        // A single space between two visible characters stays as it
        // is: the run goes on (the common case in spaced scripts).
        if b == b' ' && i > run && bytes.get(i + 1).is_some_and(|&n| STEP[usize::from(n)] != 0) {
            i += 1;
            continue;
        }
        let Some((len, space)) = collapsible_at(&bytes[i..]) else {
            // “ ” ， 。 and the like: visible after all.
            i += utf8_len(b);
            continue;
        };
        if run < i {
            piece(Piece::Visible(run, i));
        }
        i += len;
        if space {
            let mut line_break = b == b'\n' || b == b'\r';
            // The rest of an ASCII whitespace run (source indentation)
            // only adds its line breaks: taken in one go.
            while let Some(&w @ (b'\t'..=b'\r' | b' ')) = bytes.get(i) {
                line_break |= w == b'\n' || w == b'\r';
                i += 1;
            }
            piece(Piece::Space { line_break });
        } else {
            piece(Piece::Invisible);
        }
        run = i;
    }
    if run < bytes.len() {
        piece(Piece::Visible(run, bytes.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `collapsible_at` and `STEP` agree with decoding, for every character.
    #[test]
    fn byte_tests_match_the_character_tests() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let want = (is_space(c) || is_invisible(c)).then(|| (c.len_utf8(), is_space(c)));
            assert_eq!(collapsible_at(bytes), want, "{c:?}");
            assert_eq!(utf8_len(bytes[0]), c.len_utf8(), "{c:?}");
            let step = STEP[usize::from(bytes[0])];
            // A character the collapse treats specially is stopped on;
            // any other is stepped over whole or stopped on.
            assert!(want.is_none() || step == 0, "{c:?}");
            assert!(step == 0 || usize::from(step) == c.len_utf8(), "{c:?}");
        }
    }
}
