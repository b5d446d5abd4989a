//! A linear scan for tags with too many attributes, before parsing.
//!
//! html5ever's tokenizer checks each new attribute name against every
//! earlier one on the same tag, so one tag with N attributes costs O(N²)
//! (200,000 attributes: 15 s), and all of it before the tree builder sees
//! the tag: a budget in the tree sink comes too late. So the bytes are
//! scanned first.
//!
//! Where the tokenizer sees a tag depends on what the tree builder made
//! of the page so far (`<script>` text, comments, foreign content), which
//! no scan of the bytes can know. This one does not try: it reads a tag
//! from *every* `<` that could start one, in the tokenizer's own tag states
//! (names, quoted and unquoted values, `/`), running the readings side by
//! side. Two readings in the same state read the rest alike, so one is
//! dropped, and there are never more than thirteen: the cost stays linear.
//! Every tag the tokenizer can see is among the readings, so none with
//! too many attributes gets past; a reading that is not a tag (inside a
//! script or a comment) can only add to the count.

/// The tokenizer's states inside a tag that matter for counting attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Just after `<`: a letter starts a tag name, `/` an end tag.
    Open,
    /// Just after `</`: a letter starts the name.
    EndTagOpen,
    TagName,
    BeforeName,
    Name,
    AfterName,
    BeforeValue,
    DoubleQuoted,
    SingleQuoted,
    Unquoted,
    AfterQuoted,
    SelfClosing,
}

/// Every [`State`], in declaration order: `STATES[s as usize] == s`.
const STATES: [State; 12] = {
    use State::*;
    [
        Open,
        EndTagOpen,
        TagName,
        BeforeName,
        Name,
        AfterName,
        BeforeValue,
        DoubleQuoted,
        SingleQuoted,
        Unquoted,
        AfterQuoted,
        SelfClosing,
    ]
};

/// One reading of a tag: its state and the attributes it started.
#[derive(Debug, Clone, Copy)]
struct Reading {
    state: State,
    attributes: usize,
}

const fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// The tokenizer's step from `state` on byte `b`: the next state and
/// whether it starts an attribute, or `None` where the tag ends (or was
/// never one). The scan reads [`STEPS`], this table's compiled form.
const fn step(state: State, b: u8) -> Option<(State, bool)> {
    use State::*;
    Some(match (state, b) {
        (Open | EndTagOpen, b) if b.is_ascii_alphabetic() => (TagName, false),
        (Open, b'/') => (EndTagOpen, false),
        // `<` or `</` followed by anything else starts no tag.
        (Open | EndTagOpen, _) => return None,
        (DoubleQuoted, b'"') | (SingleQuoted, b'\'') => (AfterQuoted, false),
        (DoubleQuoted | SingleQuoted, _) => (state, false),
        (_, b'>') => return None,
        (TagName, b'/') => (SelfClosing, false),
        (TagName, b) if is_space(b) => (BeforeName, false),
        (TagName, _) => (TagName, false),
        (BeforeName | AfterName | SelfClosing, b'/') => (SelfClosing, false),
        (BeforeName | SelfClosing | AfterQuoted | Unquoted, b) if is_space(b) => {
            (BeforeName, false)
        }
        (AfterName | Name, b) if is_space(b) => (AfterName, false),
        (AfterName | Name, b'=') => (BeforeValue, false),
        (Name, b'/') => (SelfClosing, false),
        (Name, _) => (Name, false),
        (BeforeName | AfterName | SelfClosing, _) => (Name, true),
        (BeforeValue, b) if is_space(b) => (BeforeValue, false),
        (BeforeValue, b'"') => (DoubleQuoted, false),
        (BeforeValue, b'\'') => (SingleQuoted, false),
        (BeforeValue | Unquoted, _) => (Unquoted, false),
        (AfterQuoted, b'/') => (SelfClosing, false),
        (AfterQuoted, _) => (Name, true),
    })
}

/// An entry of [`STEPS`] for a byte that ends the tag.
const ENDS: u8 = u8::MAX;
/// The bit of an entry of [`STEPS`] set when the step starts an attribute.
const STARTS_ATTRIBUTE: u8 = 0x10;

/// [`step`] for every state and byte, worked out at compile time: the
/// next state's index, with [`STARTS_ATTRIBUTE`], or [`ENDS`]. With the
/// lookup the scan of the 130 whole pages costs 106.0 M instructions
/// where the `match` cost 132.3 M (callgrind, 2026-12-05).
const STEPS: [[u8; 256]; 12] = {
    let mut table = [[ENDS; 256]; 12];
    let mut s = 0;
    while s < STATES.len() {
        let mut b = 0;
        while b < 256 {
            if let Some((next, starts)) = step(STATES[s], b as u8) {
                table[s][b] = next as u8 | if starts { STARTS_ATTRIBUTE } else { 0 };
            }
            b += 1;
        }
        s += 1;
    }
    table
};

impl Reading {
    /// Reads one byte; `false` once the tag has ended.
    fn read(&mut self, b: u8) -> bool {
        let entry = STEPS[self.state as usize][usize::from(b)];
        if entry == ENDS {
            return false;
        }
        self.state = STATES[usize::from(entry & !STARTS_ATTRIBUTE)];
        self.attributes += usize::from(entry & STARTS_ATTRIBUTE != 0);
        true
    }
}

/// The readings running at one point: at most one per state, so never
/// more than [`State`] has variants.
struct Readings {
    all: [Reading; 13],
    len: usize,
}

impl Readings {
    /// Adds `reading`, or keeps the one already in its state with the
    /// larger count: from here on both read alike.
    fn add(&mut self, reading: Reading) {
        match self.all[..self.len]
            .iter_mut()
            .find(|r| r.state == reading.state)
        {
            Some(kept) => kept.attributes = kept.attributes.max(reading.attributes),
            None => {
                self.all[self.len] = reading;
                self.len += 1;
            }
        }
    }

    /// Reads one byte with every reading; returns the most attributes any
    /// has started.
    fn read(&mut self, b: u8) -> usize {
        let mut most = 0;
        if self.len == 1 {
            // The usual case: inside one tag.
            if self.all[0].read(b) {
                most = self.all[0].attributes;
            } else {
                self.len = 0;
            }
        } else {
            let before = std::mem::replace(&mut self.len, 0);
            let all = self.all;
            for mut reading in all.into_iter().take(before) {
                if reading.read(b) {
                    most = most.max(reading.attributes);
                    self.add(reading);
                }
            }
        }
        if b == b'<' {
            self.add(Reading {
                state: State::Open,
                attributes: 0,
            });
        }
        most
    }
}

/// The bytes that can take a tag name, an attribute name or an unquoted
/// value to another state (or start another tag).
const ENDS_A_NAME: [bool; 256] = {
    let mut table = [false; 256];
    let special = b"\t\n\x0c\r />=<\"'";
    let mut i = 0;
    while i < special.len() {
        table[special[i] as usize] = true;
        i += 1;
    }
    table
};

/// The first tag the tokenizer could see with more than `limit`
/// attributes: `(attributes counted, byte offset where the count passed
/// the limit)`.
pub(crate) fn too_many_attributes(html: &str, limit: usize) -> Option<(usize, usize)> {
    let bytes = html.as_bytes();
    // Every attribute takes a byte.
    if bytes.len() <= limit {
        return None;
    }
    let mut readings = Readings {
        all: [Reading {
            state: State::Open,
            attributes: 0,
        }; 13],
        len: 0,
    };
    let mut i = 0;
    while i < bytes.len() {
        match readings.len {
            // Outside every tag: on to the next `<`.
            0 => i += memchr::memchr(b'<', &bytes[i..])?,
            // Inside one quoted value: on to its end or the next `<`.
            1 if readings.all[0].state == State::DoubleQuoted => {
                i += memchr::memchr2(b'"', b'<', &bytes[i..])?;
            }
            1 if readings.all[0].state == State::SingleQuoted => {
                i += memchr::memchr2(b'\'', b'<', &bytes[i..])?;
            }
            // Inside one name or unquoted value: past the bytes that
            // leave it as it is.
            1 if matches!(
                readings.all[0].state,
                State::TagName | State::Name | State::Unquoted
            ) =>
            {
                i += bytes[i..]
                    .iter()
                    .position(|&b| ENDS_A_NAME[usize::from(b)])
                    .unwrap_or(bytes.len() - i);
                if i == bytes.len() {
                    return None;
                }
            }
            _ => {}
        }
        let most = readings.read(bytes[i]);
        if most > limit {
            return Some((most, i));
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(n: usize) -> String {
        (0..n).map(|i| format!(" a{i}=\"v\"")).collect()
    }

    #[test]
    fn counts_the_attributes_of_a_tag() {
        let html = format!("<p{}>text</p>", attrs(10));
        assert_eq!(too_many_attributes(&html, 10), None);
        assert_eq!(too_many_attributes(&html, 9).map(|r| r.0), Some(10));
        // Every way to write an attribute counts.
        for tag in [
            "<p a b c d e>",
            "<p a=1 b='2' c=\"3\" d e=>",
            "<p a=\"1\"b=\"2\"c d/e>",
            "<p/a/b/c/d/e>",
            "<p =a b c d e>",
            "</p a b c d e>",
            "<P\tA\nB\rC\x0cD E>",
        ] {
            assert_eq!(too_many_attributes(tag, 4).map(|r| r.0), Some(5), "{tag}");
            assert_eq!(too_many_attributes(tag, 5), None, "{tag}");
        }
        // Quoted values hide what looks like attributes, and `>`.
        let quoted = "<p a=\"b c d e f > g\" h='i j > k l' m>";
        assert_eq!(too_many_attributes(quoted, 2), Some((3, quoted.len() - 2)));
        assert_eq!(too_many_attributes(quoted, 3), None);
    }

    #[test]
    fn many_tags_with_few_attributes_are_fine() {
        let page = format!("<div{}>x</div>", attrs(30)).repeat(2_000);
        assert_eq!(too_many_attributes(&page, 31), None);
        let text = "words and more words ".repeat(10_000);
        assert_eq!(too_many_attributes(&text, 100), None);
    }

    /// The tokenizer may or may not see a tag inside a script or a
    /// comment (it depends on the tree builder): the scan counts it either way.
    #[test]
    fn no_tag_the_tokenizer_could_see_gets_past() {
        let big = format!("<p{}>", attrs(50));
        for html in [
            format!("<script>{big}</script>"),
            format!("<!--{big}-->"),
            format!("<svg><script>{big}</script></svg>"),
            // A quote in script text must not swallow the tag after it.
            format!("<script>x = '<a b=\"</script>{big}\"</p>"),
            format!("<p title=\"{big}\">x</p>"),
            format!("<textarea><a b=\"</textarea>{big}\""),
            format!("<!-- <a b=\" -->{big}"),
        ] {
            assert_eq!(
                too_many_attributes(&html, 40).map(|r| r.0),
                Some(41),
                "{html}"
            );
        }
    }

    #[test]
    fn stops_at_the_tag_that_passes_the_limit() {
        let html = format!("<p>x</p><p{}>", attrs(200_000));
        let (count, offset) = too_many_attributes(&html, 1_000).unwrap();
        assert_eq!(count, 1_001);
        assert!(offset < 8 + 2 + 1_001 * 10, "{offset}");
    }

    /// The compiled table answers as the `match` it was made from, and
    /// every state is where `STATES` says.
    #[test]
    fn the_table_is_the_step_function() {
        for (i, &state) in STATES.iter().enumerate() {
            assert_eq!(state as usize, i);
            for b in 0..=u8::MAX {
                let mut reading = Reading {
                    state,
                    attributes: 0,
                };
                let read = reading.read(b);
                let stepped = step(state, b);
                assert_eq!(read, stepped.is_some(), "{state:?} {b}");
                if let Some((next, starts)) = stepped {
                    assert_eq!(
                        (reading.state, reading.attributes),
                        (next, usize::from(starts))
                    );
                }
            }
        }
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "<", "</", "<a", "<a ", "<a b", "<a b=", "<a b=\"", "<a b='", "</a", "<<<", "<a/",
        ] {
            for n in [1, 2, 3, 500] {
                let _ = too_many_attributes(&s.repeat(n), 3);
            }
        }
    }
}
