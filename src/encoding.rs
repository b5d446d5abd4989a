//! Turning the bytes of a page into text, for [`Cleaner::clean_bytes`](crate::Cleaner::clean_bytes).
//!
//! How the encoding is chosen is told at [`decode_html`].

use std::borrow::Cow;
use std::fmt;

use encoding_rs::{Encoding, REPLACEMENT, UTF_8, WINDOWS_1252};

/// How many bytes at the start of a page are searched for a `<meta>` charset
/// before the rest of `<head>` is.
pub const META_SCAN_BYTES: usize = 1024;

/// A page's text, with the encoding it was decoded from and why that one:
/// what [`decode_html`] returns.
///
/// ```
/// use article_clean::{decode_html, EncodingSource};
///
/// let page = "<meta charset=gbk><p>中文</p>";
/// let decoded = decode_html(page.as_bytes());
/// assert_eq!(decoded.text, page);
/// assert_eq!(decoded.encoding, "UTF-8");
/// assert_eq!(decoded.source, EncodingSource::Utf8DespiteLabel { label: "gbk".into() });
/// assert!(decoded.note().is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Decoded<'a> {
    /// The decoded text, without a byte order mark. Malformed bytes are
    /// U+FFFD.
    pub text: Cow<'a, str>,
    /// The encoding used, as the [Encoding Standard](https://encoding.spec.whatwg.org/)
    /// spells it (`"UTF-8"`, `"GBK"`, `"Big5"`, `"windows-1252"`, ...).
    pub encoding: &'static str,
    /// What decided it.
    pub source: EncodingSource,
}

/// What decided the encoding of a page (see [`decode_html`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EncodingSource {
    /// A byte order mark.
    ByteOrderMark,
    /// A charset `<meta>` in the first [`META_SCAN_BYTES`] bytes.
    Meta {
        /// The label as the page wrote it (trimmed).
        label: String,
    },
    /// A charset `<meta>` in `<head>`, after the first [`META_SCAN_BYTES`]
    /// bytes.
    LateMeta {
        /// The label as the page wrote it (trimmed).
        label: String,
    },
    /// The page names a legacy encoding, but its bytes are valid UTF-8 with
    /// non-ASCII text in it: read as UTF-8.
    Utf8DespiteLabel {
        /// The label that was overruled.
        label: String,
    },
    /// The label maps to the Encoding Standard's "replacement" encoding:
    /// set aside, the bytes read as if unlabelled.
    ReplacementLabel {
        /// The label that was set aside.
        label: String,
    },
    /// No label: the bytes are valid UTF-8.
    Utf8,
    /// No label: UTF-8 with a few malformed sequences, which became U+FFFD.
    DamagedUtf8,
    /// No label and not UTF-8: windows-1252, as browsers do.
    Windows1252,
}

impl Decoded<'_> {
    /// A sentence for the report when the encoding was not simply the one
    /// the page declares (or plain UTF-8): a label overruled or set aside, a
    /// late `<meta>`, a guess. `None` otherwise.
    pub fn note(&self) -> Option<String> {
        let why = match &self.source {
            EncodingSource::ByteOrderMark | EncodingSource::Meta { .. } | EncodingSource::Utf8 => {
                return None
            }
            EncodingSource::LateMeta { label } => {
                format!("charset {label:?} declared in <head> after byte {META_SCAN_BYTES}")
            }
            EncodingSource::Utf8DespiteLabel { label } => {
                format!("the bytes are valid UTF-8 with non-ASCII text although the page declares {label:?}")
            }
            EncodingSource::ReplacementLabel { label } => {
                format!(
                    "the declared charset {label:?} is one the Encoding Standard does not decode"
                )
            }
            EncodingSource::DamagedUtf8 => {
                "no charset declared; UTF-8 with malformed bytes replaced".to_string()
            }
            EncodingSource::Windows1252 => {
                "no charset declared and the bytes are not UTF-8".to_string()
            }
        };
        Some(format!("decoded as {}: {why}", self.encoding))
    }
}

impl fmt::Display for EncodingSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodingSource::ByteOrderMark => f.write_str("byte order mark"),
            EncodingSource::Meta { label } => write!(f, "<meta> charset {label:?}"),
            EncodingSource::LateMeta { label } => write!(f, "late <meta> charset {label:?}"),
            EncodingSource::Utf8DespiteLabel { label } => {
                write!(f, "valid UTF-8 despite <meta> charset {label:?}")
            }
            EncodingSource::ReplacementLabel { label } => {
                write!(f, "fallback for undecodable <meta> charset {label:?}")
            }
            EncodingSource::Utf8 => f.write_str("valid UTF-8"),
            EncodingSource::DamagedUtf8 => f.write_str("mostly valid UTF-8"),
            EncodingSource::Windows1252 => f.write_str("fallback for unlabelled bytes"),
        }
    }
}

/// Decodes the bytes of an HTML page. Never fails: malformed bytes become
/// U+FFFD.
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
/// 3. failing that, such a `<meta>` later in `<head>` (after a long comment,
///    inline styles or scripts): browsers start decoding with a guess and
///    decode the page again when the tree builder reaches it, which comes to
///    the same text;
/// 4. UTF-8, when the bytes are valid UTF-8;
/// 5. the fallback, for unlabelled bytes that are not valid UTF-8:
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
/// Two kinds of label are overruled, and [`Decoded::note`] says so:
///
/// - a label naming a legacy encoding on bytes that are **valid UTF-8 and
///   contain non-ASCII text** is read as UTF-8: such a page was saved or
///   converted to UTF-8 and kept its original `<meta>`. Real GBK, Big5 or
///   Shift_JIS text is practically never valid UTF-8 (its lead and trail
///   bytes do not follow UTF-8's pattern), so those still decode by their
///   label;
/// - a label the Encoding Standard maps to its "replacement" encoding
///   (`iso-2022-kr`, `hz-gb-2312`, `csiso2022kr`, ...), which would decode
///   the whole page as a single U+FFFD, is set aside and the bytes are read
///   as if unlabelled (step 4 or 5).
///
/// A label is never an error: an unknown one is skipped like a browser does.
///
/// ```
/// use article_clean::{decode_html, EncodingSource};
///
/// let decoded = decode_html(b"<meta charset=latin1><p>caf\xe9</p>");
/// assert_eq!(decoded.encoding, "windows-1252");
/// assert_eq!(decoded.source, EncodingSource::Meta { label: "latin1".into() });
/// assert_eq!(decoded.text, "<meta charset=latin1><p>café</p>");
/// assert_eq!(decoded.note(), None);
/// ```
pub fn decode_html(bytes: &[u8]) -> Decoded<'_> {
    let (encoding, bom_len, source) = match Encoding::for_bom(bytes) {
        Some((encoding, len)) => (encoding, len, EncodingSource::ByteOrderMark),
        None => {
            let (encoding, source) = sniff(bytes);
            (encoding, 0, source)
        }
    };
    // Malformed sequences become U+FFFD: never an error.
    let (text, _had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
    Decoded {
        text,
        encoding: encoding.name(),
        source,
    }
}

/// Chooses the encoding of `bytes`, which have no byte order mark.
fn sniff(bytes: &[u8]) -> (&'static Encoding, EncodingSource) {
    let head = &bytes[..bytes.len().min(META_SCAN_BYTES)];
    let declared = match meta_charset(head, Scope::Prescan) {
        Some((label, encoding)) => Some((label, encoding, false)),
        None if bytes.len() > META_SCAN_BYTES => {
            meta_charset(bytes, Scope::Head).map(|(label, encoding)| (label, encoding, true))
        }
        None => None,
    };
    let Some((label, encoding, late)) = declared else {
        return fallback(bytes);
    };
    if encoding == REPLACEMENT {
        let (encoding, _) = fallback(bytes);
        return (encoding, EncodingSource::ReplacementLabel { label });
    }
    if encoding != UTF_8 && is_utf8_with_non_ascii(bytes) {
        return (UTF_8, EncodingSource::Utf8DespiteLabel { label });
    }
    let source = if late {
        EncodingSource::LateMeta { label }
    } else {
        EncodingSource::Meta { label }
    };
    (encoding, source)
}

/// True if `bytes` are valid UTF-8 and not all ASCII. (ASCII bytes read the
/// same in every label the pre-scan can return but ISO-2022-JP, whose
/// escape sequences are ASCII: those pages keep their label.)
fn is_utf8_with_non_ascii(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && simdutf8::basic::from_utf8(bytes).is_ok()
}

/// UTF-8 if valid or nearly so, windows-1252 otherwise.
fn fallback(bytes: &[u8]) -> (&'static Encoding, EncodingSource) {
    if simdutf8::basic::from_utf8(bytes).is_ok() {
        return (UTF_8, EncodingSource::Utf8);
    }
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
    if good >= bad {
        (UTF_8, EncodingSource::DamagedUtf8)
    } else {
        (WINDOWS_1252, EncodingSource::Windows1252)
    }
}

/// How far [`meta_charset`] looks.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// The browser pre-scan: every tag of the bytes given (the first 1024).
    Prescan,
    /// Up to the end of `<head>`: the scan stops at `</head>`, `<body>`, any
    /// other element that cannot be in `<head>`, or text; the raw text of
    /// `<script>`, `<style>`, `<title>` and the like is skipped, as the tree
    /// builder does not look for tags there.
    Head,
}

/// Elements that may appear in `<head>` (and `<html>`, `<head>` themselves).
const HEAD_TAGS: &[&[u8]] = &[
    b"html",
    b"head",
    b"meta",
    b"link",
    b"title",
    b"style",
    b"script",
    b"noscript",
    b"base",
    b"template",
    b"basefont",
    b"bgsound",
];

/// Elements whose contents the tokenizer reads as text up to their end tag.
const RAW_TEXT_TAGS: &[&[u8]] = &[
    b"script",
    b"style",
    b"title",
    b"textarea",
    b"noscript",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
];

/// A simplified version of the HTML standard's "prescan a byte stream to
/// determine its encoding": the label as written and what it names.
fn meta_charset(head: &[u8], scope: Scope) -> Option<(String, &'static Encoding)> {
    let mut i = 0;
    while i < head.len() {
        let rest = &head[i..];
        if rest.starts_with(b"<!--") {
            i = memchr::memmem::find(&head[i + 4..], b"-->").map_or(head.len(), |j| i + 4 + j + 3);
            continue;
        }
        if rest.len() >= 6
            && rest[..5].eq_ignore_ascii_case(b"<meta")
            && (is_space(rest[5]) || rest[5] == b'/')
        {
            let (attrs, end) = attributes(head, i + 5);
            i = end;
            if let Some(found) = charset_from_meta(&attrs) {
                return Some(found);
            }
            continue;
        }
        if rest.starts_with(b"<") && rest.len() > 1 && is_tag_start(rest) {
            // Any other tag: skip its attributes so that a `<meta` inside
            // an attribute value is not mistaken for a tag.
            let closing = rest[1] == b'/';
            let name_start = i + 1 + usize::from(closing);
            let name_end = head[name_start..]
                .iter()
                .position(|&b| is_space(b) || b == b'>' || b == b'/')
                .map_or(head.len(), |j| name_start + j);
            let name = &head[name_start..name_end];
            if scope == Scope::Head
                && (closing && name.eq_ignore_ascii_case(b"head")
                    || !closing && !is_one_of(name, HEAD_TAGS))
            {
                return None;
            }
            let (_, end) = attributes(head, name_end);
            i = end;
            if scope == Scope::Head && !closing && is_one_of(name, RAW_TEXT_TAGS) {
                i = end_of_raw_text(head, i, name);
            }
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            i = head[i..]
                .iter()
                .position(|&b| b == b'>')
                .map_or(head.len(), |j| i + j + 1);
            continue;
        }
        if scope == Scope::Head && !is_space(rest[0]) {
            // Text: the tree builder leaves `<head>` here.
            return None;
        }
        i += 1;
    }
    None
}

fn is_one_of(name: &[u8], names: &[&[u8]]) -> bool {
    names.iter().any(|n| name.eq_ignore_ascii_case(n))
}

/// The index just past the `</name>` end tag that closes raw text starting
/// at `from` (the end of the bytes if there is none).
fn end_of_raw_text(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from;
    while let Some(j) = memchr::memmem::find(&bytes[at..], b"</") {
        let tag = at + j + 2;
        let after = tag + name.len();
        if bytes.len() >= after
            && bytes[tag..after].eq_ignore_ascii_case(name)
            && bytes
                .get(after)
                .is_none_or(|&b| is_space(b) || b == b'>' || b == b'/')
        {
            return bytes[after..]
                .iter()
                .position(|&b| b == b'>')
                .map_or(bytes.len(), |k| after + k + 1);
        }
        at = tag;
    }
    bytes.len()
}

fn is_tag_start(rest: &[u8]) -> bool {
    match rest.get(1) {
        Some(b'/') => rest.get(2).is_some_and(u8::is_ascii_alphabetic),
        Some(b) => b.is_ascii_alphabetic(),
        None => false,
    }
}

fn charset_from_meta(attrs: &[(String, String)]) -> Option<(String, &'static Encoding)> {
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
    let label = label.trim();
    let encoding = Encoding::for_label(label.as_bytes())?;
    let encoding = if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        UTF_8
    } else if encoding == encoding_rs::X_USER_DEFINED {
        WINDOWS_1252
    } else {
        encoding
    };
    Some((label.to_string(), encoding))
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
        decode_html(bytes).encoding
    }

    #[test]
    fn bom_wins() {
        assert_eq!(name(b"\xef\xbb\xbf<meta charset=gbk>x"), "UTF-8");
        assert_eq!(decode_html(b"\xef\xbb\xbfx").text, "x");
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("<p>hé</p>".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let decoded = decode_html(&utf16);
        assert_eq!(
            (decoded.text, decoded.encoding),
            (Cow::from("<p>hé</p>"), "UTF-16LE")
        );
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
    fn late_meta_in_head_is_honoured() {
        let filler = format!("<!-- {} -->", "x".repeat(META_SCAN_BYTES));
        let page = |head: &str, rest: &[u8]| {
            [format!("<html><head>{filler}{head}").as_bytes(), rest].concat()
        };
        let gbk = page("<title>t</title><meta charset=gbk>", b"\xd6\xd0");
        let decoded = decode_html(&gbk);
        assert_eq!(decoded.encoding, "GBK");
        assert_eq!(
            decoded.source,
            EncodingSource::LateMeta {
                label: "gbk".into()
            }
        );
        assert_eq!(decoded.text.chars().last(), Some('中'));
        assert!(decoded
            .note()
            .is_some_and(|n| n.contains("after byte 1024")));
        // Raw text is not markup: a <meta> written inside a script or a
        // title does not count, nor does one after <head> ends.
        for head in [
            "<script>document.write('<meta charset=gbk>')</script>",
            "<title><meta charset=gbk></title>",
            "</head><meta charset=gbk>",
            "<body><meta charset=gbk>",
            "<div></div><meta charset=gbk>",
            "Some text<meta charset=gbk>",
        ] {
            assert_eq!(
                decode_html(&page(head, b"\xd6\xd0")).encoding,
                "windows-1252",
                "{head}"
            );
        }
    }

    #[test]
    fn valid_utf8_overrules_a_legacy_label() {
        let decoded = decode_html("<meta charset=windows-1252><p>naïve café</p>".as_bytes());
        assert_eq!(decoded.encoding, "UTF-8");
        assert_eq!(decoded.text, "<meta charset=windows-1252><p>naïve café</p>");
        assert_eq!(
            decoded.source,
            EncodingSource::Utf8DespiteLabel {
                label: "windows-1252".into()
            }
        );
        // All ASCII: the label stands (ISO-2022-JP text is all ASCII bytes).
        let jis = b"<meta charset=iso-2022-jp><p>\x1b$B$3$s\x1b(B</p>";
        let decoded = decode_html(jis);
        assert_eq!(decoded.encoding, "ISO-2022-JP");
        assert!(decoded.text.contains('こ'), "{}", decoded.text);
        assert_eq!(decoded.note(), None);
    }

    #[test]
    fn replacement_labels_fall_back() {
        for label in ["iso-2022-kr", "hz-gb-2312", "csiso2022kr", "replacement"] {
            let page = format!("<meta charset={label}><p>caf\u{e9}</p>");
            let decoded = decode_html(page.as_bytes());
            assert_eq!(decoded.encoding, "UTF-8", "{label}");
            assert_eq!(
                decoded.source,
                EncodingSource::ReplacementLabel {
                    label: label.into()
                }
            );
            assert!(decoded.text.ends_with("<p>café</p>"));
            let legacy = [
                format!("<meta charset={label}><p>caf").as_bytes(),
                b"\xe9</p>",
            ]
            .concat();
            let decoded = decode_html(&legacy);
            assert_eq!(decoded.encoding, "windows-1252", "{label}");
            assert!(decoded.text.ends_with("<p>café</p>"));
            assert!(decoded.note().is_some());
        }
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
        let decoded = decode_html(&damaged);
        assert_eq!(decoded.text, "<p>中文正文\u{fffd}</p>");
        assert_eq!(decoded.source, EncodingSource::DamagedUtf8);
        let cut = &"<p>中文".as_bytes()[..8];
        assert_eq!(name(cut), "UTF-8");
        let decoded = decode_html(b"<p>caf\xe9 cr\xe8me</p>");
        assert_eq!(decoded.text, "<p>café crème</p>");
        assert_eq!(decoded.encoding, "windows-1252");
        assert_eq!(decoded.source, EncodingSource::Windows1252);
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
