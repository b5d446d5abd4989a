//! Measures of the tree that the journal, the report and the pipeline's
//! removal guard need: visible characters of text, paragraph text.

use markup5ever_rcdom::{Handle, NodeData};

use super::visit::{visit_handles_below, Visit};
use super::NodeRef;
use crate::html::tags::{Tag, NOT_TEXT, PARAGRAPHS};

/// Counts characters that are not whitespace (Unicode whitespace, which
/// includes `&nbsp;` and the ideographic space U+3000).
pub(crate) fn count_visible_chars(s: &str) -> usize {
    // Counts bytes instead of decoding UTF-8: this is the hottest loop of
    // the pipeline. First pass, branch-free so it vectorises: bytes that
    // start a character and are not ASCII whitespace (U+0009..=U+000D, space).
    let bytes = s.as_bytes();
    let starts: usize = bytes
        .chunks(128)
        .map(|chunk| {
            // At most 128 per chunk: a u8 sum cannot overflow.
            let n: u8 = chunk
                .iter()
                .map(|&b| u8::from((b as i8) >= -0x40 && !matches!(b, b'\t'..=b'\r' | b' ')))
                .fold(0, u8::wrapping_add);
            usize::from(n)
        })
        .sum();
    if s.is_ascii() {
        return starts;
    }
    // Second pass: the few non-ASCII whitespace characters, found by their
    // lead bytes. U+3000 is looked for whole: its lead byte 0xE3 also leads
    // the CJK punctuation and kana that fill Chinese and Japanese text.
    let spaces = memchr::memchr3_iter(0xc2, 0xe1, 0xe2, bytes)
        .filter(|&i| is_unicode_space(&bytes[i..]))
        .count();
    static IDEOGRAPHIC_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("\u{3000}"));
    let ideographic = IDEOGRAPHIC_SPACE.find_iter(bytes).count();
    starts - spaces - ideographic
}

/// True if `s` starts with the UTF-8 encoding of a non-ASCII character that
/// `char::is_whitespace` accepts.
fn is_unicode_space(s: &[u8]) -> bool {
    matches!(
        s,
        [0xc2, 0x85 | 0xa0, ..]              // U+0085, U+00A0
            | [0xe1, 0x9a, 0x80, ..]         // U+1680
            | [0xe2, 0x80, 0x80..=0x8a, ..]  // U+2000..=U+200A
            | [0xe2, 0x80, 0xa8 | 0xa9 | 0xaf, ..] // U+2028, U+2029, U+202F
            | [0xe2, 0x81, 0x9f, ..]         // U+205F
            | [0xe3, 0x80, 0x80, ..] // U+3000
    )
}

/// True if `s` holds a character that is not whitespace. Bytes are checked
/// first: only text with non-ASCII characters is decoded, from the first one.
pub(crate) fn has_visible_char(s: &str) -> bool {
    match s.bytes().position(|b| !matches!(b, b'\t'..=b'\r' | b' ')) {
        None => false,
        Some(i) if s.as_bytes()[i].is_ascii() => true,
        Some(i) => s[i..].chars().any(|c| !c.is_whitespace()),
    }
}

impl NodeRef {
    /// True if this node or a text node below it holds a non-whitespace
    /// character: `text_len() > 0`, stopping at the first one. (The page
    /// facts know it of every element; this is what they are tested
    /// against.)
    #[cfg(test)]
    pub(crate) fn has_visible_text(&self) -> bool {
        has_visible_text(&self.0)
    }

    /// [`text_len`](Self::text_len), but counted only until past `cap`
    /// (returning a value above it): for "is this block short?" checks on
    /// large subtrees.
    pub(crate) fn text_len_capped(&self, cap: usize) -> usize {
        text_len_capped(&self.0, cap)
    }

    /// Non-whitespace characters of paragraph text inside this node (the
    /// node itself counts if it is a paragraph element): the measure the
    /// removal guard weighs blocks by.
    pub(crate) fn paragraph_len(&self) -> usize {
        paragraph_len_of(&self.0)
    }

    /// [`paragraph_len`](Self::paragraph_len), leaving out the elements
    /// below this one for which `skip` is true.
    pub(crate) fn paragraph_len_skipping(&self, mut skip: impl FnMut(&NodeRef) -> bool) -> usize {
        paragraph_len_below(&self.0, Some(&mut skip))
    }
}

/// True if `node` or a text node below it holds a non-whitespace character:
/// `text_len() > 0`, stopping at the first one.
#[cfg(test)]
pub(super) fn has_visible_text(node: &Handle) -> bool {
    let visible = |n: &Handle| match &n.data {
        NodeData::Text { contents } => has_visible_char(&contents.borrow()),
        _ => false,
    };
    if visible(node) {
        return true;
    }
    let mut found = false;
    visit_handles_below(node, |child| {
        found = visible(child);
        if found {
            Visit::Stop
        } else {
            Visit::Descend
        }
    });
    found
}

/// [`text_len_of`], but stops counting once past `cap` (returning a value
/// above it): for "is this block short?" checks on large subtrees.
pub(super) fn text_len_capped(node: &Handle, cap: usize) -> usize {
    let mut n = 0;
    visit_handles_below(node, |child| match &child.data {
        NodeData::Text { contents } => {
            n += count_visible_chars_capped(&contents.borrow(), cap - n);
            if n > cap {
                Visit::Stop
            } else {
                Visit::Descend
            }
        }
        NodeData::Element { name, .. } if NOT_TEXT.contains(Tag::of_local(&name.local)) => {
            Visit::Skip
        }
        _ => Visit::Descend,
    });
    n
}

/// [`count_visible_chars`], but stops once past `cap` (returning a value
/// above it): a long paragraph is not counted to the end to learn that it
/// is longer than a label.
fn count_visible_chars_capped(s: &str, cap: usize) -> usize {
    // Chunks end on character boundaries, so each is counted exactly.
    let mut n = 0;
    let mut rest = s;
    while !rest.is_empty() && n <= cap {
        let mut end = rest.len().min(256);
        while !rest.is_char_boundary(end) {
            end += 1;
        }
        let (chunk, tail) = rest.split_at(end);
        n += count_visible_chars(chunk);
        rest = tail;
    }
    n
}

/// [`NodeRef::text_len`] on the tree's own handle.
pub(super) fn text_len_of(node: &Handle) -> usize {
    if let NodeData::Text { contents } = &node.data {
        return count_visible_chars(&contents.borrow());
    }
    let mut n = 0;
    visit_handles_below(node, |child| match &child.data {
        NodeData::Text { contents } => {
            n += count_visible_chars(&contents.borrow());
            Visit::Descend
        }
        // Script and style text is never article text.
        NodeData::Element { name, .. } if NOT_TEXT.contains(Tag::of_local(&name.local)) => {
            Visit::Skip
        }
        _ => Visit::Descend,
    });
    n
}

/// Non-whitespace characters of paragraph text inside `node` (the node
/// itself counts if it is a paragraph element).
pub(super) fn paragraph_len_of(node: &Handle) -> usize {
    paragraph_len_below(node, None)
}

fn paragraph_len_below(node: &Handle, mut skip: Option<&mut dyn FnMut(&NodeRef) -> bool>) -> usize {
    if is_paragraph_element(node) {
        return text_len_of(node);
    }
    let mut total = 0;
    visit_handles_below(node, |child| {
        if is_paragraph_element(child) {
            total += text_len_of(child);
            Visit::Skip
        } else if let (Some(skip), NodeData::Element { .. }) = (&mut skip, &child.data) {
            if skip(&NodeRef(child.clone())) {
                Visit::Skip
            } else {
                Visit::Descend
            }
        } else {
            Visit::Descend
        }
    });
    total
}

fn is_paragraph_element(node: &Handle) -> bool {
    matches!(&node.data, NodeData::Element { name, .. } if PARAGRAPHS.contains(Tag::of_local(&name.local)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_visible_char_agrees_with_char_is_whitespace() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            for s in [c.to_string(), format!(" \t{c}"), format!("\u{3000}{c} ")] {
                let expected = s.chars().any(|c| !c.is_whitespace());
                assert_eq!(has_visible_char(&s), expected, "{s:?}");
            }
        }
    }

    #[test]
    fn counting_visible_chars_agrees_with_char_is_whitespace() {
        let mut all = String::new();
        let mut expected = 0;
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let one = c.to_string();
            let visible = usize::from(!c.is_whitespace());
            assert_eq!(count_visible_chars(&one), visible, "{:?}", c);
            all.push(c);
            expected += visible;
        }
        assert_eq!(count_visible_chars(&all), expected);
        assert_eq!(count_visible_chars(" a\u{a0}b\u{3000}中 文\t"), 4);
        // Short and long strings take different paths, and the capped count
        // works in chunks: every length from 0 to 300 characters of a mix
        // of ASCII, CJK and Unicode spaces agrees with decoding.
        let mix: Vec<char> = "a 中\u{3000}b\u{a0}。\u{2009}\u{85}é\n\u{1680}\u{202f}文"
            .chars()
            .collect();
        let text: String = (0..300).map(|i| mix[i * 7 % mix.len()]).collect();
        for (end, _) in text.char_indices() {
            let s = &text[..end];
            let expected = s.chars().filter(|c| !c.is_whitespace()).count();
            assert_eq!(count_visible_chars(s), expected, "{s:?}");
            assert_eq!(count_visible_chars_capped(s, usize::MAX), expected);
            assert!(count_visible_chars_capped(s, 10) > 10 || expected <= 10);
        }
    }
}
