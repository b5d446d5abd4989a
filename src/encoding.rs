//! Turning the bytes of a page into text, for [`Cleaner::clean_bytes`](crate::Cleaner::clean_bytes).
//!
//! The character encoding is chosen in this order, the first that applies
//! winning:
//!
//! 1. a byte order mark (UTF-8, UTF-16LE or UTF-16BE);
//! 2. a `<meta charset="...">` or
//!    `<meta http-equiv="Content-Type" content="text/html; charset=...">`
//!    that starts in the first 1024 bytes, read the way browsers pre-scan a
//!    page (comments are skipped; a label naming UTF-16 means UTF-8, since a
//!    page whose `<meta>` can be read as ASCII is not UTF-16; an unknown label
//!    is ignored and the scan goes on);
//! 3. UTF-8, when the bytes are valid UTF-8;
//! 4. the fallback, for unlabelled bytes that are not valid UTF-8:
//!    - **lossy UTF-8** when the bytes look like UTF-8 with a few damaged
//!      sequences (at least as many well-formed multi-byte characters as
//!      malformed sequences, e.g. a UTF-8 page cut in the middle of a
//!      character): the damaged bytes become U+FFFD and the rest of the
//!      article survives;
//!    - **windows-1252** otherwise, as browsers do for unlabelled legacy
//!      pages: every byte maps to some character, so nothing is dropped.
//!
//!    No attempt is made to guess GBK, Big5 or Shift_JIS from statistics:
//!    such pages almost always declare their charset, and a wrong guess
//!    would garble the whole article rather than a few characters.
//!
//! A label is never an error: an unknown one is skipped like a browser does.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How many bytes at the start of a page are searched for a `<meta>` charset.
pub const META_SCAN_BYTES: usize = 1024;

/// Decodes the bytes of an HTML page and returns the text with the name of the
/// encoding used, as the [Encoding Standard](https://encoding.spec.whatwg.org/)
/// spells it (`"UTF-8"`, `"GBK"`, `"Big5"`, `"windows-1252"`, ...).
///
/// Turning the bytes of a page into text, for [`Cleaner::clean_bytes`](crate::Cleaner::clean_bytes).
///
/// The character encoding is chosen in this order, the first that applies
/// winning:
///
/// 1. a byte order mark (UTF-8, UTF-16LE or UTF-16BE);
/// 2. a `<meta charset="...">` or
///    `<meta http-equiv="Content-Type" content="text/html; charset=...">`
///    that starts in the first 1024 bytes, read the way browsers pre-scan a
///    page (comments are skipped; a label naming UTF-16 means UTF-8, since a
///    page whose `<meta>` can be read as ASCII is not UTF-16; an unknown label
///    is ignored and the scan goes on);
/// 3. UTF-8, when the bytes are valid UTF-8;
/// 4. the fallback, for unlabelled bytes that are not valid UTF-8:
///    - **lossy UTF-8** when the bytes look like UTF-8 with a few damaged
///      sequences (at least as many well-formed multi-byte characters as
///      malformed sequences, e.g. a UTF-8 page cut in the middle of a
///      character): the damaged bytes become U+FFFD and the rest of the
///      article survives;
///    - **windows-1252** otherwise, as browsers do for unlabelled legacy
///      pages: every byte maps to some character, so nothing is dropped.
///
///    No attempt is made to guess GBK, Big5 or Shift_JIS from statistics:
///    such pages almost always declare their charset, and a wrong guess
///    would garble the whole article rather than a few characters.
///
/// A label is never an error: an unknown one is skipped like a browser does.
///
/// ```
/// let (text, encoding) = article_clean::decode_html(b"<meta charset=latin1><p>caf\xe9</p>");
/// assert_eq!(encoding, "windows-1252");
/// assert_eq!(text, "<meta charset=latin1><p>café</p>");
/// ```
pub fn decode_html(bytes: &[u8]) -> (Cow<'_, str>, &'static str) {
    let (encoding, bom_len) = match Encoding::for_bom(bytes) {
        Some(found) => found,
        None => (sniff(bytes), 0),
    };
    // Malformed sequences become U+FFFD: never an error.
    let (text, _had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
    (text, encoding.name())
}

/// Chooses the encoding of `bytes`, which have no byte order mark.
fn sniff(bytes: &[u8]) -> &'static Encoding {
    let head = &bytes[..bytes.len().min(META_SCAN_BYTES)];
    if let Some(encoding) = meta_charset(head) {
        return encoding;
    }
    fallback(bytes)
}

/// UTF-8 if valid or nearly so, windows-1252 otherwise.
fn fallback(bytes: &[u8]) -> &'static Encoding {
    let mut good = 0usize;
    let mut bad = 0usize;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                good += std::str::from_utf8(valid)
                    .map(|s| s.chars().filter(|c| !c.is_ascii()).count())
                    .unwrap_or(0);
                match e.error_len() {
                    Some(n) => {
                        bad += 1;
                        rest = &after[n..];
                    }
                    // Truncated character at the very end.
                    None => {
                        bad += 1;
                        break;
                    }
                }
            }
        }
    }
    if bad == 0 || good >= bad {
        UTF_8
    } else {
        WINDOWS_1252
    }
}

/// A simplified version of the HTML standard's "prescan a byte stream to
/// determine its encoding".
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while i < head.len() {
        let rest = &head[i..];
        if rest.starts_with(b"<!--") {
            i = crate::nesting::find(head, i + 4, b"-->").map_or(head.len(), |j| j + 3);
            continue;
        }
        if rest.len() >= 6
            && rest[..5].eq_ignore_ascii_case(b"<meta")
            && (is_space(rest[5]) || rest[5] == b'/')
        {
            let (attrs, end) = attributes(head, i + 5);
            i = end;
            if let Some(encoding) = charset_from_meta(&attrs) {
                return Some(encoding);
            }
            continue;
        }
        if rest.starts_with(b"<") && rest.len() > 1 && is_tag_start(rest) {
            // Any other tag: skip its attributes so that a `<meta` inside
            // an attribute value is not mistaken for a tag.
            let name_start = i + 1 + usize::from(rest[1] == b'/');
            let name_end = head[name_start..]
                .iter()
                .position(|&b| is_space(b) || b == b'>' || b == b'/')
                .map_or(head.len(), |j| name_start + j);
            let (_, end) = attributes(head, name_end);
            i = end;
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            i = head[i..]
                .iter()
                .position(|&b| b == b'>')
                .map_or(head.len(), |j| i + j + 1);
            continue;
        }
        i += 1;
    }
    None
}

fn is_tag_start(rest: &[u8]) -> bool {
    match rest.get(1) {
        Some(b'/') => rest.get(2).is_some_and(u8::is_ascii_alphabetic),
        Some(b) => b.is_ascii_alphabetic(),
        None => false,
    }
}

fn charset_from_meta(attrs: &[(String, String)]) -> Option<&'static Encoding> {
    let get = |name: &str| {
        attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let label = match get("charset") {
        Some(charset) => Some(charset.to_string()),
        None => match (get("http-equiv"), get("content")) {
            (Some(equiv), Some(content)) if equiv.eq_ignore_ascii_case("content-type") => {
                charset_from_content(content)
            }
            _ => None,
        },
    }?;
    let encoding = Encoding::for_label(label.trim().as_bytes())?;
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        return Some(UTF_8);
    }
    if encoding == encoding_rs::X_USER_DEFINED {
        return Some(WINDOWS_1252);
    }
    Some(encoding)
}

/// The `charset=` value of a `Content-Type` value such as `text/html; charset="gbk"`.
fn charset_from_content(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = content[at + "charset".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let value = match rest.chars().next()? {
        q @ ('"' | '\'') => rest[1..].split(q).next()?,
        _ => rest
            .split(|c: char| c.is_ascii_whitespace() || c == ';')
            .next()?,
    };
    (!value.is_empty()).then(|| value.to_string())
}

/// Reads attributes from `from` to the end of the tag: `(name, value)` pairs
/// with lower-cased names, and the index just past the tag.
fn attributes(head: &[u8], from: usize) -> (Vec<(String, String)>, usize) {
    let mut attrs = Vec::new();
    let mut i = from;
    loop {
        while i < head.len() && (is_space(head[i]) || head[i] == b'/') {
            i += 1;
        }
        if i >= head.len() {
            return (attrs, head.len());
        }
        if head[i] == b'>' {
            return (attrs, i + 1);
        }
        let name_start = i;
        while i < head.len() && !is_space(head[i]) && !matches!(head[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = String::from_utf8_lossy(&head[name_start..i]).to_ascii_lowercase();
        while i < head.len() && is_space(head[i]) {
            i += 1;
        }
        let mut value = String::new();
        if i < head.len() && head[i] == b'=' {
            i += 1;
            while i < head.len() && is_space(head[i]) {
                i += 1;
            }
            if i < head.len() && (head[i] == b'"' || head[i] == b'\'') {
                let quote = head[i];
                let start = i + 1;
                let end = head[start..]
                    .iter()
                    .position(|&b| b == quote)
                    .map_or(head.len(), |j| start + j);
                value = String::from_utf8_lossy(&head[start..end]).into_owned();
                i = (end + 1).min(head.len());
            } else {
                let start = i;
                while i < head.len() && !is_space(head[i]) && head[i] != b'>' {
                    i += 1;
                }
                value = String::from_utf8_lossy(&head[start..i]).into_owned();
            }
        }
        if !name.is_empty() && !attrs.iter().any(|(n, _)| *n == name) {
            attrs.push((name, value));
        }
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(bytes: &[u8]) -> &'static str {
        decode_html(bytes).1
    }

    #[test]
    fn bom_wins() {
        assert_eq!(name(b"\xef\xbb\xbf<meta charset=gbk>x"), "UTF-8");
        assert_eq!(decode_html(b"\xef\xbb\xbfx").0, "x");
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("<p>hé</p>".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode_html(&utf16), (Cow::from("<p>hé</p>"), "UTF-16LE"));
    }

    #[test]
    fn meta_charset_forms() {
        assert_eq!(name(b"<meta charset=\"GB2312\">"), "GBK");
        assert_eq!(name(b"<META CHARSET='big5'/>"), "Big5");
        assert_eq!(name(b"<meta charset=shift_jis>"), "Shift_JIS");
        assert_eq!(
            name(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\">"),
            "GBK"
        );
        assert_eq!(
            name(b"<meta content='text/html;charset=\"euc-kr\"' http-equiv=content-type>"),
            "EUC-KR"
        );
        // Order of checks: an unknown label is skipped, the next meta counts.
        assert_eq!(
            name(b"<meta charset=no-such-thing><meta charset=gbk>"),
            "GBK"
        );
        // UTF-16 labels in an ASCII-readable page mean UTF-8.
        assert_eq!(name(b"<meta charset=utf-16>"), "UTF-8");
        assert_eq!(name(b"<meta charset=x-user-defined>\xe9"), "windows-1252");
    }

    #[test]
    fn meta_in_comments_attributes_or_late_is_ignored() {
        assert_eq!(name(b"<!-- <meta charset=gbk> --><p>x</p>"), "UTF-8");
        assert_eq!(name(b"<p title='<meta charset=gbk>'>x</p>"), "UTF-8");
        let late = [b"<p>".repeat(400), b"<meta charset=gbk>".to_vec()].concat();
        assert_eq!(name(&late), "UTF-8");
        assert_eq!(name(b"<metadata charset=gbk>"), "UTF-8");
    }

    #[test]
    fn fallback_prefers_damaged_utf8_then_windows_1252() {
        assert_eq!(name("<p>中文正文</p>".as_bytes()), "UTF-8");
        let damaged = ["<p>中文正文".as_bytes(), b"\xff</p>".as_slice()].concat();
        assert_eq!(
            decode_html(&damaged),
            (Cow::from("<p>中文正文\u{fffd}</p>"), "UTF-8")
        );
        let cut = &"<p>中文".as_bytes()[..8];
        assert_eq!(name(cut), "UTF-8");
        assert_eq!(
            decode_html(b"<p>caf\xe9 cr\xe8me</p>"),
            (Cow::from("<p>café crème</p>"), "windows-1252")
        );
    }

    #[test]
    fn never_panics_on_truncated_tags() {
        for s in [
            &b"<meta"[..],
            b"<meta ",
            b"<meta charset",
            b"<meta charset=",
            b"<meta charset='",
            b"<meta http-equiv=content-type content='charset",
            b"<meta http-equiv=content-type content='charset=",
            b"<meta http-equiv=content-type content='charset=\"",
            b"<!--",
            b"<!",
            b"</",
            b"<a b='",
            b"<",
        ] {
            let _ = decode_html(s);
        }
    }
}
