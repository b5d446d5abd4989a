//! Where article text would turn into Markdown markup, and the backslash
//! that keeps it text. Escapes are written only where a CommonMark (GFM)
//! reader would otherwise see markup, so the Markdown stays readable:
//! `snake_case`, `2 * 3`, `a < b`, `AT&T` and `[1]` stay as they are.
//! Also: how the emphasis rules see a character, and how a URL is written
//! as a link destination.

/// How CommonMark's emphasis rules see the character next to a delimiter.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Class {
    /// Whitespace, or the start or end of a line.
    Space,
    /// ASCII punctuation, or a Unicode punctuation or symbol character
    /// known to be one.
    Punct,
    /// Letters, digits and anything else that is neither.
    Other,
    /// A character this table does not know to be punctuation or not: an
    /// emphasis is kept only if it holds either way.
    Unknown,
}

/// The class of `c`; `None` stands for a line start or end.
pub(super) fn class(c: Option<char>) -> Class {
    let Some(c) = c else {
        return Class::Space;
    };
    if c.is_ascii() {
        return if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
            Class::Space
        } else if c.is_ascii_punctuation() {
            Class::Punct
        } else {
            Class::Other
        };
    }
    if c.is_alphanumeric() {
        Class::Other
    } else if c.is_whitespace() && !matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}') {
        Class::Space
    } else if is_known_punct(c) {
        Class::Punct
    } else {
        Class::Unknown
    }
}

/// Punctuation and symbols outside ASCII that article text is full of:
/// Latin-1 signs, dashes, quotes and the rest of General Punctuation, CJK
/// punctuation and brackets, and the full-width ASCII signs. All are in
/// Unicode's P or S categories, which CommonMark counts as punctuation.
fn is_known_punct(c: char) -> bool {
    matches!(c as u32,
        0xA1..=0xBF | 0xD7 | 0xF7 | 0x2010..=0x2027 | 0x2030..=0x205E
        | 0x3001..=0x3004 | 0x3008..=0x3013 | 0x3014..=0x301F | 0x3030 | 0x303D
        | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
        && !c.is_alphanumeric()
        && c != '\u{AD}'
}

/// Both readings of an unknown class.
fn readings(class: Class) -> &'static [Class] {
    match class {
        Class::Unknown => &[Class::Punct, Class::Other],
        Class::Space => &[Class::Space],
        Class::Punct => &[Class::Punct],
        Class::Other => &[Class::Other],
    }
}

/// True if `holds` is true of every reading of the two classes.
fn always(before: Class, after: Class, holds: fn(Class, Class) -> bool) -> bool {
    readings(before)
        .iter()
        .all(|&b| readings(after).iter().all(|&a| holds(b, a)))
}

/// Left-flanking: a `*` run between these can open.
fn left_flanking(b: Class, a: Class) -> bool {
    a != Class::Space && (a != Class::Punct || matches!(b, Class::Space | Class::Punct))
}

/// Right-flanking: a `*` run between these can close.
fn right_flanking(b: Class, a: Class) -> bool {
    b != Class::Space && (b != Class::Punct || matches!(a, Class::Space | Class::Punct))
}

/// Whether a `*` or `~~` delimiter run between `before` and `after` can
/// open and can close; `None` if that depends on how an unknown
/// character reads.
pub(super) fn flanking(before: Class, after: Class) -> Option<(bool, bool)> {
    let open = always(before, after, left_flanking);
    let close = always(before, after, right_flanking);
    let maybe_open = !always(before, after, |b, a| !left_flanking(b, a));
    let maybe_close = !always(before, after, |b, a| !right_flanking(b, a));
    (open == maybe_open && close == maybe_close).then_some((open, close))
}

/// What follows a run of text, for the escapes that look ahead.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum After {
    /// This character (the first of the next markup or text).
    Char(char),
    /// A hard line break.
    HardBreak,
    /// The end of the block.
    End,
}

/// Where a run of text stands, for the escapes that depend on it.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Place {
    /// Inside link text or image alt text: `]` would end it.
    pub(super) in_brackets: bool,
    /// Inside a table cell: `|` would end it.
    pub(super) in_table: bool,
    /// `]` characters (of text or markup) later in the block: a `[` with
    /// none after it cannot open a link.
    pub(super) brackets_after: usize,
}

/// The ASCII characters [`needs_escape`] may escape; no other character
/// ever gets a backslash.
const MAY_ESCAPE: [bool; 256] = {
    let mut table = [false; 256];
    let specials = b"\\*_~`[]<&!|";
    let mut i = 0;
    while i < specials.len() {
        table[specials[i] as usize] = true;
        i += 1;
    }
    table
};

/// The high bit of every byte of a word.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Writes `text` to `out` with the escapes it needs there: `before` is
/// the character written just before it (`None` at a line start) and
/// `after` what comes after it. Only the few ASCII characters that may
/// need a backslash are looked at; the runs between them are copied
/// whole (tested against [`tests::text_by_chars`], which asks of every
/// character).
pub(super) fn text(
    text: &str,
    before: Option<char>,
    after: After,
    place: &mut Place,
    out: &mut String,
) {
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b >= 0x80 {
            // Inside non-ASCII text (CJK): eight bytes at a time while
            // none is ASCII.
            let word = bytes
                .get(i..i + 8)
                .and_then(|w| <[u8; 8]>::try_from(w).ok());
            let all_high = word.is_some_and(|w| u64::from_ne_bytes(w) & HIGH_BITS == HIGH_BITS);
            i += if all_high { 8 } else { 1 };
            continue;
        }
        let at = i;
        i += 1;
        if !MAY_ESCAPE[usize::from(b)] {
            continue;
        }
        // An ASCII byte: a character boundary on both sides.
        let prev = match at {
            0 => before,
            _ => text[..at].chars().next_back(),
        };
        let rest = &text[i..];
        let next = rest.chars().next().map_or(after, After::Char);
        if needs_escape(char::from(b), prev, next, rest, place) {
            out.push_str(&text[copied..at]);
            out.push('\\');
            copied = at;
        }
    }
    out.push_str(&text[copied..]);
}

/// True if `c`, between `prev` and `next` (`rest` is the text after it),
/// needs a backslash not to be read as markup.
fn needs_escape(c: char, prev: Option<char>, next: After, rest: &str, place: &mut Place) -> bool {
    let next_char = match next {
        After::Char(n) => Some(n),
        // The backslash of the break comes next.
        After::HardBreak => Some('\\'),
        After::End => None,
    };
    match c {
        // A backslash escapes the punctuation after it, and before a line
        // end makes a hard break.
        '\\' => match next {
            After::Char(n) => n.is_ascii_punctuation(),
            After::HardBreak => true,
            After::End => false,
        },
        // Emphasis and strikethrough delimiters: inert only with
        // whitespace on both sides (`2 * 3`).
        '*' | '~' => !(class(prev) == Class::Space && class(next_char) == Class::Space),
        // `_` is inert inside a word too (`snake_case`).
        '_' => {
            let (p, n) = (class(prev), class(next_char));
            !((p == Class::Space && n == Class::Space) || (p == Class::Other && n == Class::Other))
        }
        // Backtick runs pair up into code spans.
        '`' => true,
        '[' => place.in_brackets || place.brackets_after > 0,
        ']' => {
            place.brackets_after = place.brackets_after.saturating_sub(1);
            place.in_brackets
        }
        // `<` starts raw HTML or an autolink only before a letter, `/`, `!` or `?`.
        '<' => next_char.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
        // `&` before an entity-looking run would be read as the entity.
        '&' => looks_like_entity(rest),
        // `!` right before `[` makes a link an image.
        '!' => next_char == Some('['),
        '|' => place.in_table,
        _ => false,
    }
}

/// True if `rest` (what follows a `&`) reads as a character reference:
/// `name;`, `#digits;` or `#xhex;`.
fn looks_like_entity(rest: &str) -> bool {
    let body = rest.strip_prefix('#').unwrap_or(rest);
    let n = body.bytes().take_while(u8::is_ascii_alphanumeric).count();
    n > 0 && body.as_bytes().get(n) == Some(&b';')
}

/// Where a backslash must go in a paragraph line that starts with text,
/// so that the start of the line is not read as a block: a heading (`#`),
/// a block quote (`>`), a list item (`-`, `+`, `*`, `1.`, `1)`), a
/// thematic break (`---`); and on a line after a hard break also a setext
/// underline (`===`, `--`) or a table's delimiter row (`|---|`).
pub(super) fn line_start(line: &str, first_line: bool) -> Option<usize> {
    let bytes = line.as_bytes();
    let &first = bytes.first()?;
    let ends_marker = |i: usize| matches!(bytes.get(i), None | Some(b' ' | b'\t'));
    match first {
        b'#' => {
            let n = bytes.iter().take_while(|&&b| b == b'#').count();
            if n <= 6 && ends_marker(n) {
                return Some(0);
            }
        }
        b'>' => return Some(0),
        b'-' | b'+' | b'*' if ends_marker(1) => return Some(0),
        b'0'..=b'9' => {
            let n = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if n <= 9 && matches!(bytes.get(n), Some(b'.' | b')')) && ends_marker(n + 1) {
                return Some(n);
            }
        }
        _ => {}
    }
    let only = |allowed: &[u8]| bytes.iter().all(|b| allowed.contains(b));
    let count = |b: u8| bytes.iter().filter(|&&x| x == b).count();
    // `***`, `- - -`, `___`: a thematic break; and `--` too, which after
    // a list item's `- ` makes one.
    if matches!(first, b'-' | b'*' | b'_') && only(&[first, b' ', b'\t']) && count(first) >= 2 {
        return Some(0);
    }
    if !first_line {
        if (first == b'=' || first == b'-') && only(&[first, b' ', b'\t']) {
            return Some(0);
        }
        if only(b"|-: \t") && count(b'-') > 0 {
            return Some(0);
        }
    }
    None
}

/// Where a backslash must go in a heading's text so that its end is not
/// read as the heading's closing `#` sequence: before a final run of `#`
/// that follows a space or is the whole text.
pub(super) fn heading_end(text: &str) -> Option<usize> {
    let trimmed = text.trim_end_matches('#');
    if trimmed.len() == text.len() {
        return None;
    }
    if trimmed.is_empty() || trimmed.ends_with([' ', '\t']) {
        Some(trimmed.len())
    } else {
        None
    }
}

/// Writes `url` as a link destination that reads back as exactly `url`:
/// bare when it can be, else between `<` and `>`.
pub(super) fn destination(url: &str, in_table: bool, out: &mut String) {
    // Most URLs stand as they are: no byte that needs a look.
    let bytes = url.as_bytes();
    let plain = bytes.iter().enumerate().all(|(i, &b)| {
        b > b' '
            && !matches!(b, b'\\' | b'<' | b'>' | b'(' | b')' | b'|' | 0x7f)
            && (b != b'&' || !looks_like_entity(&url[i + 1..]))
    });
    if plain && !url.is_empty() {
        out.push_str(url);
        return;
    }
    // Can it stand bare (no space, control character or angle bracket,
    // parentheses balanced)?
    let mut depth: i64 = 0;
    let mut balanced = true;
    let mut pointy = url.is_empty();
    for &b in url.as_bytes() {
        match b {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                balanced &= depth >= 0;
            }
            b'<' | b'>' | 0x7f | 0..=b' ' => pointy = true,
            _ => {}
        }
    }
    let bare = !pointy && balanced && depth == 0;
    if !bare {
        out.push('<');
    }
    // Then the runs between the bytes that need more than copying.
    let mut copied = 0;
    for (i, &b) in url.as_bytes().iter().enumerate() {
        let written = match b {
            b'\\' => "\\\\",
            b'&' if looks_like_entity(&url[i + 1..]) => "\\&",
            b'<' if !bare => "\\<",
            b'>' if !bare => "\\>",
            b'|' if in_table => "\\|",
            // A line ending cannot stand in a destination; the URL parser
            // drops it from a URL anyway.
            b'\n' => "%0A",
            b'\r' => "%0D",
            _ => continue,
        };
        out.push_str(&url[copied..i]);
        out.push_str(written);
        copied = i + 1;
    }
    out.push_str(&url[copied..]);
    if !bare {
        out.push('>');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`text`] the plain way: every character asked.
    pub(super) fn text_by_chars(
        text: &str,
        before: Option<char>,
        after: After,
        place: &mut Place,
        out: &mut String,
    ) {
        let mut prev = before;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let next = match chars.peek() {
                Some(&(_, n)) => After::Char(n),
                None => after,
            };
            if needs_escape(c, prev, next, &text[i + c.len_utf8()..], place) {
                out.push('\\');
            }
            out.push(c);
            prev = Some(c);
        }
    }

    /// The byte scan escapes what asking every character escapes.
    #[test]
    fn text_escapes_as_asking_every_character() {
        const PIECES: &[&str] = &[
            "a", " ", "中", "，", "\\", "*", "_", "~", "`", "[", "]", "<", ">", "&", "!", "|", "#",
            "1.", "-", "amp;", "é", "😀", "\n",
        ];
        for s in crate::testing::all_sequences(PIECES, 3) {
            for before in [None, Some(' '), Some('a'), Some('*'), Some('中')] {
                for after in [
                    After::End,
                    After::HardBreak,
                    After::Char('['),
                    After::Char('a'),
                ] {
                    for (in_brackets, in_table) in [(false, false), (true, true)] {
                        let place = Place {
                            in_brackets,
                            in_table,
                            brackets_after: 1,
                        };
                        let (mut p1, mut p2) = (place, place);
                        let (mut fast, mut plain) = (String::new(), String::new());
                        text(&s, before, after, &mut p1, &mut fast);
                        text_by_chars(&s, before, after, &mut p2, &mut plain);
                        assert_eq!(fast, plain, "{s:?} {before:?} {after:?}");
                        assert_eq!(p1.brackets_after, p2.brackets_after);
                    }
                }
            }
        }
    }

    fn escaped(s: &str) -> String {
        let mut out = String::new();
        let mut place = Place {
            brackets_after: s.matches(']').count(),
            ..Place::default()
        };
        text(s, None, After::End, &mut place, &mut out);
        out
    }

    #[test]
    fn classes() {
        assert_eq!(class(None), Class::Space);
        assert_eq!(class(Some(' ')), Class::Space);
        assert_eq!(class(Some('\u{3000}')), Class::Space);
        assert_eq!(class(Some('a')), Class::Other);
        assert_eq!(class(Some('中')), Class::Other);
        assert_eq!(class(Some('7')), Class::Other);
        assert_eq!(class(Some('*')), Class::Punct);
        assert_eq!(class(Some('：')), Class::Punct);
        assert_eq!(class(Some('“')), Class::Punct);
        assert_eq!(class(Some('。')), Class::Punct);
        assert_eq!(class(Some('々')), Class::Other);
        assert_eq!(class(Some('😀')), Class::Unknown);
    }

    #[test]
    fn emphasis_flanking() {
        use Class::*;
        // `**a` after a space opens only, `a**` before one closes only.
        assert_eq!(flanking(Space, Other), Some((true, false)));
        assert_eq!(flanking(Other, Space), Some((false, true)));
        // Inside a word, either.
        assert_eq!(flanking(Other, Other), Some((true, true)));
        // `a**"` cannot open: punctuation after, a letter before; `。**b`
        // cannot close: punctuation before, a letter after.
        assert_eq!(flanking(Other, Punct), Some((false, true)));
        assert_eq!(flanking(Punct, Other), Some((true, false)));
        // An unknown character counts only where both readings agree.
        assert_eq!(flanking(Space, Unknown), Some((true, false)));
        assert_eq!(flanking(Other, Unknown), None);
    }

    #[test]
    fn escapes_only_what_would_be_markup() {
        assert_eq!(
            escaped("snake_case and 2 * 3 and a < b"),
            "snake_case and 2 * 3 and a < b"
        );
        assert_eq!(escaped("AT&T, R&D see [1]"), "AT&T, R&D see \\[1]");
        assert_eq!(escaped("&copy; &#169; &x"), "\\&copy; \\&#169; &x");
        assert_eq!(escaped("an [unclosed bracket"), "an [unclosed bracket");
        assert_eq!(escaped("__init__ *bold*"), "\\_\\_init\\_\\_ \\*bold\\*");
        assert_eq!(
            escaped("`code` <b> &amp; &#39;"),
            "\\`code\\` \\<b> \\&amp; \\&#39;"
        );
        assert_eq!(escaped("a\\b c\\*"), "a\\b c\\\\\\*");
        assert_eq!(escaped("Wow![x]"), "Wow\\!\\[x]");
        assert_eq!(escaped("~~gone~~ ~5 km"), "\\~\\~gone\\~\\~ \\~5 km");
    }

    #[test]
    fn line_starts_that_would_be_blocks() {
        assert_eq!(line_start("# not a heading", true), Some(0));
        assert_eq!(line_start("#hashtag", true), None);
        assert_eq!(line_start("####### seven", true), None);
        assert_eq!(line_start("> not a quote", true), Some(0));
        assert_eq!(line_start("- not an item", true), Some(0));
        assert_eq!(line_start("-5 degrees", true), None);
        assert_eq!(line_start("+ plus", true), Some(0));
        assert_eq!(line_start("2026. A year", true), Some(4));
        assert_eq!(line_start("3) three", true), Some(1));
        assert_eq!(line_start("1.5 litres", true), None);
        assert_eq!(line_start("1234567890. ten digits", true), None);
        assert_eq!(line_start("---", true), Some(0));
        assert_eq!(line_start("- - -", true), Some(0));
        assert_eq!(line_start("===", true), None);
        assert_eq!(line_start("--", true), Some(0));
        assert_eq!(line_start("===", false), Some(0));
        assert_eq!(line_start("--", false), Some(0));
        assert_eq!(line_start("|:--|--:|", false), Some(0));
        assert_eq!(line_start("|:--|--:|", true), None);
        assert_eq!(line_start("plain", false), None);
    }

    #[test]
    fn heading_ends() {
        assert_eq!(heading_end("Learn C#"), None);
        assert_eq!(heading_end("Number #"), Some(7));
        assert_eq!(heading_end("##"), Some(0));
        assert_eq!(heading_end("plain"), None);
    }

    #[test]
    fn destinations() {
        let dest = |url: &str| {
            let mut out = String::new();
            destination(url, false, &mut out);
            out
        };
        assert_eq!(
            dest("https://a.example/x?y=1&z=2"),
            "https://a.example/x?y=1&z=2"
        );
        assert_eq!(
            dest("https://en.example/Foo_(bar)"),
            "https://en.example/Foo_(bar)"
        );
        assert_eq!(dest("https://a.example/x)"), "<https://a.example/x)>");
        assert_eq!(dest("a b"), "<a b>");
        assert_eq!(dest(""), "<>");
        assert_eq!(dest("x<y>"), "<x\\<y\\>>");
        assert_eq!(dest("a\\b&amp;c"), "a\\\\b\\&amp;c");
        let mut out = String::new();
        destination("a|b", true, &mut out);
        assert_eq!(out, "a\\|b");
    }
}
