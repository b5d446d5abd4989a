//! A linear pre-scan for pathologically deep nesting.
//!
//! html5ever's tree builder checks element scopes by walking the stack of
//! open elements, so parsing N nested elements costs O(N²): 20,000 nested
//! `<div>`s take over a second, 100,000 take minutes. Real articles nest a
//! few dozen levels. This scan estimates the nesting depth in one pass over
//! the bytes so the cleaner can refuse such input with a clear error
//! instead of hanging.

/// Elements that close themselves or are closed implicitly by their
/// siblings: they never add nesting that a page forgets to close.
fn is_non_nesting(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"source"
            | b"track"
            | b"wbr"
            | b"param"
            | b"keygen"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"option"
            | b"tr"
            | b"td"
            | b"th"
            | b"rb"
            | b"rt"
            | b"rp"
            | b"optgroup"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"colgroup"
            | b"image"
            | b"frame"
            | b"basefont"
            | b"bgsound"
    )
}

/// Elements whose contents are text, not markup.
fn is_raw_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"textarea"
            | b"title"
            | b"xmp"
            | b"iframe"
            | b"noembed"
            | b"noframes"
            | b"plaintext"
    )
}

/// The first point where estimated nesting goes past `limit`: `(depth, byte offset)`.
pub(crate) fn exceeds(html: &str, limit: usize) -> Option<(usize, usize)> {
    let bytes = html.as_bytes();
    // Only a `<` that does not start an end tag can open an element: fewer
    // of them than the limit cannot nest deeper than it.
    let may_open = memchr::memchr_iter(b'<', bytes)
        .filter(|&i| bytes.get(i + 1) != Some(&b'/'))
        .count();
    if may_open <= limit {
        return None;
    }
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        i += off;
        let rest = &bytes[i..];
        if rest.starts_with(b"<!--") {
            i = find(bytes, i + 4, b"-->").map_or(bytes.len(), |j| j + 3);
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = i + 1 + usize::from(closing);
        let name_len = bytes[name_start.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        // Lower-cased in a stack buffer; a name longer than it is in
        // neither list and counts as nesting.
        let mut buf = [0u8; 16];
        let name: &[u8] = match buf.get_mut(..name_len) {
            Some(lower) => {
                lower.copy_from_slice(&bytes[name_start..name_start + name_len]);
                lower.make_ascii_lowercase();
                lower
            }
            None => b"",
        };
        let tag_end =
            memchr::memchr(b'>', &bytes[name_start..]).map_or(bytes.len(), |j| name_start + j);
        let self_closing = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
        i = (tag_end + 1).min(bytes.len());
        if is_non_nesting(name) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        if is_raw_text(name) {
            // Skip to the matching end tag: its contents are not tags.
            let mut end_tag = b"</".to_vec();
            end_tag.extend_from_slice(name);
            i = find_ignore_case(bytes, i, &end_tag).unwrap_or(bytes.len());
            continue;
        }
        if !self_closing {
            depth += 1;
            if depth > limit {
                return Some((depth, i));
            }
        }
    }
    None
}

/// The first position of `needle` in `bytes` at or after `from`.
pub(crate) fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(bytes.get(from..)?, needle).map(|j| from + j)
}

fn find_ignore_case(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|j| from + j)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_deep_nesting_but_not_long_flat_pages() {
        let deep = "<div>".repeat(2_000) + "x";
        assert_eq!(exceeds(&deep, 1_000).map(|(d, _)| d), Some(1_001));
        let flat = "<div><p>text</div>".repeat(5_000)
            + &"<p>unclosed".repeat(5_000)
            + &"<br><img src=x>".repeat(3_000);
        assert_eq!(exceeds(&flat, 1_000), None);
        let scripted = "<script>".to_string() + &"<div>".repeat(3_000) + "</script><p>x";
        assert_eq!(exceeds(&scripted, 1_000), None);
        let commented = "<!--".to_string() + &"<div>".repeat(3_000) + "-->";
        assert_eq!(exceeds(&commented, 1_000), None);
        // Names too long for the lower-casing buffer still nest.
        let custom = "<Article-Body-Container-Element>".repeat(2_000);
        assert_eq!(exceeds(&custom, 1_000).map(|(d, _)| d), Some(1_001));
        let scripted_upper = "<SCRIPT>".to_string() + &"<div>".repeat(3_000) + "</Script>";
        assert_eq!(exceeds(&scripted_upper, 1_000), None);
    }

    #[test]
    fn end_tags_do_not_count_towards_the_quick_bound() {
        // Just past the limit, with many end tags around: still found.
        let deep = "</p>".repeat(3_000) + &"<div>".repeat(1_001) + &"</div>".repeat(1_001);
        assert_eq!(exceeds(&deep, 1_000).map(|(d, _)| d), Some(1_001));
        // At the limit exactly: not too deep, whatever the end tags.
        let at_limit = "<div>".repeat(1_000) + &"</div>".repeat(3_000);
        assert_eq!(exceeds(&at_limit, 1_000), None);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "<", "</", "<a", "<!--", "<script", "<1>", "<<<<", "<é>", "</>",
        ] {
            let input = s.repeat(2_000);
            let _ = exceeds(&input, 10);
        }
    }
}
