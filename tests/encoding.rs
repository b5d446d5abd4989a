//! `Cleaner::clean_bytes`: pages in legacy encodings, broken UTF-8, NULs.

use article_clean::{decode_html, Action, Cleaner, EncodingSource, Error};
use encoding_rs::{BIG5, GBK};

const ARTICLE_ZH_CN: &str =
    "<p>这是一篇新闻报道的第一段。</p><div id=\"dfp-ad-top\"></div><p>第二段：记者在现场看到。</p>";
const ARTICLE_ZH_TW: &str = "<p>這是一篇新聞報導的第一段。</p><p>第二段：記者在現場看到。</p>";

fn encode(encoding: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
    let (bytes, used, unmappable) = encoding.encode(text);
    assert_eq!(used, encoding, "the test text must be encodable");
    assert!(!unmappable, "the test text must be encodable");
    assert!(std::str::from_utf8(&bytes).is_err(), "should not be UTF-8");
    bytes.into_owned()
}

#[test]
fn gbk_page_with_meta_charset() {
    let page = format!(
        "<html><head><meta charset=\"gb2312\"><title>新闻</title></head><body>{ARTICLE_ZH_CN}</body></html>"
    );
    let bytes = encode(GBK, &page);
    assert_eq!(decode_html(&bytes).encoding, "GBK");
    let cleaned = Cleaner::default().clean_bytes(&bytes).unwrap();
    assert_eq!(
        cleaned.text(),
        "这是一篇新闻报道的第一段。\n\n第二段：记者在现场看到。\n"
    );
    assert_eq!(
        cleaned.html(),
        "<p>这是一篇新闻报道的第一段。</p>\n<p>第二段：记者在现场看到。</p>\n"
    );
}

#[test]
fn big5_page_with_http_equiv() {
    let page = format!(
        "<!DOCTYPE html><!-- <meta charset=utf-8> --><html><head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=big5\">\n</head><body>{ARTICLE_ZH_TW}</body></html>"
    );
    let bytes = encode(BIG5, &page);
    assert_eq!(decode_html(&bytes).encoding, "Big5");
    let cleaned = Cleaner::default()
        .clean_bytes_with_url(&bytes, "https://news.example.tw/a/1")
        .unwrap();
    assert_eq!(
        cleaned.text(),
        "這是一篇新聞報導的第一段。\n\n第二段：記者在現場看到。\n"
    );
}

#[test]
fn utf8_with_and_without_bom_and_meta() {
    let plain = format!("<body>{ARTICLE_ZH_CN}</body>");
    let expected = Cleaner::default().clean(&plain).unwrap();
    for bytes in [
        plain.as_bytes().to_vec(),
        [b"\xef\xbb\xbf".as_slice(), plain.as_bytes()].concat(),
        format!("<meta charset=utf-8>{plain}").into_bytes(),
        // A wrong label would garble the page; a BOM overrides it.
        [
            b"\xef\xbb\xbf<meta charset=big5>".as_slice(),
            plain.as_bytes(),
        ]
        .concat(),
    ] {
        assert_eq!(
            Cleaner::default().clean_bytes(&bytes).unwrap().text(),
            expected.text()
        );
    }
}

#[test]
fn unknown_label_is_not_an_error() {
    let bytes = "<meta charset=\"klingon-8\"><p>正文</p>".as_bytes();
    assert_eq!(decode_html(bytes).encoding, "UTF-8");
    assert_eq!(
        Cleaner::default().clean_bytes(bytes).unwrap().text(),
        "正文\n"
    );
}

#[test]
fn invalid_utf8_loses_only_the_bad_bytes() {
    let mut bytes = "<p>第一段正文。</p><p>第二段".as_bytes().to_vec();
    bytes.extend_from_slice(b"\xe4\xb8"); // a character cut in half
    bytes.extend_from_slice("正文。".as_bytes());
    bytes.push(0xff);
    bytes.extend_from_slice(b"</p>");
    let cleaned = Cleaner::default().clean_bytes(&bytes).unwrap();
    assert_eq!(
        cleaned.text(),
        "第一段正文。\n\n第二段\u{fffd}正文。\u{fffd}\n"
    );
}

#[test]
fn unlabelled_legacy_bytes_fall_back_to_windows_1252() {
    let cleaned = Cleaner::default()
        .clean_bytes(b"<p>Caf\xe9 \x93quoted\x94 \x80 5</p>")
        .unwrap();
    assert_eq!(cleaned.text(), "Café “quoted” € 5\n");
}

#[test]
fn nul_bytes_do_not_break_decoding_or_cleaning() {
    let bytes = b"<p>be\0fore</p>\0<p>af\0ter</p>\0\0";
    let cleaned = Cleaner::default().clean_bytes(bytes).unwrap();
    assert!(!cleaned.html().contains('\0'), "{:?}", cleaned.html());
    assert!(!cleaned.text().contains('\0'), "{:?}", cleaned.text());
    assert!(cleaned.text().contains("be"), "{:?}", cleaned.text());
    assert!(cleaned.text().contains("ter"), "{:?}", cleaned.text());
}

#[test]
fn size_limit_applies_to_bytes() {
    let cleaner = Cleaner::builder().max_input_bytes(16).build().unwrap();
    assert!(matches!(
        cleaner.clean_bytes(&[b'x'; 17]),
        Err(Error::InputTooLarge {
            size: 17,
            limit: 16
        })
    ));
    // Decoded text is larger than the bytes; the limit is on what was given.
    let labelled = Cleaner::builder().max_input_bytes(64).build().unwrap();
    let bytes = encode(
        GBK,
        "<meta charset=gbk><p>中文中文中文中文中文中文中文中文</p>",
    );
    assert!(bytes.len() <= 64);
    assert!(decode_html(&bytes).text.len() > 64);
    assert_eq!(
        labelled.clean_bytes(&bytes).unwrap().text(),
        "中文中文中文中文中文中文中文中文\n"
    );
}

#[test]
fn unlabelled_gbk_is_documented_as_windows_1252() {
    // No statistical guessing: an unlabelled legacy CJK page decodes as
    // windows-1252 (see `decode_html`). It must still clean without error.
    let bytes = encode(GBK, "<p>中文</p>");
    assert_eq!(decode_html(&bytes).encoding, "windows-1252");
    assert_eq!(
        Cleaner::default().clean_bytes(&bytes).unwrap().text(),
        "ÖÐÎÄ\n"
    );
}

#[test]
fn empty_bytes() {
    let cleaned = Cleaner::default().clean_bytes(b"").unwrap();
    assert_eq!(cleaned.html(), "");
    assert_eq!(cleaned.text(), "");
}

/// The report entry `clean_bytes` adds when it overruled or guessed the encoding.
fn encoding_note(cleaned: &article_clean::Cleaned) -> Option<String> {
    cleaned
        .report()
        .by_rule("encoding")
        .find_map(|e| match &e.action {
            Action::Note { message } => Some(message.clone()),
            _ => None,
        })
}

/// A GBK page whose charset `<meta>` comes after a long comment, past the
/// first 1024 bytes but still in `<head>`: browsers decode it again as GBK.
#[test]
fn gbk_page_with_late_meta_charset() {
    let page = format!(
        "<!DOCTYPE html><html><head><!-- {} --><meta charset=\"gbk\"><title>新闻</title></head><body>{ARTICLE_ZH_CN}</body></html>",
        "页眉说明 ".repeat(200)
    );
    let bytes = encode(GBK, &page);
    let at = bytes.windows(5).position(|w| w == b"<meta").unwrap();
    assert!(at > 1024, "the <meta> must start after byte 1024 (at {at})");
    let decoded = decode_html(&bytes);
    assert_eq!(decoded.encoding, "GBK");
    assert_eq!(
        decoded.source,
        EncodingSource::LateMeta {
            label: "gbk".into()
        }
    );
    let cleaned = Cleaner::default().clean_bytes(&bytes).unwrap();
    assert_eq!(
        cleaned.text(),
        "这是一篇新闻报道的第一段。\n\n第二段：记者在现场看到。\n"
    );
    let note = encoding_note(&cleaned).expect("a note on the late <meta>");
    assert!(note.contains("GBK") && note.contains("gbk"), "{note}");
}

/// A page saved as UTF-8 that kept its `<meta charset="gbk">`: decoding
/// by the label would turn every character into two or three wrong ones.
#[test]
fn valid_utf8_labelled_gbk_is_read_as_utf8() {
    let page = format!(
        "<!DOCTYPE html><html><head><meta charset=\"gbk\"><title>新闻</title></head><body><article>{ARTICLE_ZH_CN}</article></body></html>"
    );
    let decoded = decode_html(page.as_bytes());
    assert_eq!(decoded.encoding, "UTF-8");
    assert_eq!(
        decoded.source,
        EncodingSource::Utf8DespiteLabel {
            label: "gbk".into()
        }
    );
    let cleaned = Cleaner::default().clean_bytes(page.as_bytes()).unwrap();
    assert_eq!(
        cleaned.text(),
        "这是一篇新闻报道的第一段。\n\n第二段：记者在现场看到。\n"
    );
    let note = encoding_note(&cleaned).expect("a note on the overruled label");
    assert!(note.contains("UTF-8") && note.contains("gbk"), "{note}");
    // Real GBK bytes with the same label still decode as GBK, without a note.
    let bytes = encode(GBK, &page);
    assert_eq!(decode_html(&bytes).encoding, "GBK");
    let cleaned = Cleaner::default().clean_bytes(&bytes).unwrap();
    assert_eq!(encoding_note(&cleaned), None);
    assert!(cleaned.text().starts_with("这是一篇新闻报道"));
}

/// A label the Encoding Standard maps to "replacement" would decode the
/// whole page as one U+FFFD; the bytes are read as if unlabelled instead.
#[test]
fn replacement_label_falls_back() {
    let mut bytes = b"<!DOCTYPE html><html><head><meta charset=\"iso-2022-kr\"><title>T</title></head><body><article>".to_vec();
    for _ in 0..3 {
        bytes
            .extend_from_slice(b"<p>Une cr\xe8me br\xfbl\xe9e \x93maison\x94 co\xfbte 5 \x80.</p>");
    }
    bytes.extend_from_slice(b"</article></body></html>");
    let decoded = decode_html(&bytes);
    assert_eq!(decoded.encoding, "windows-1252");
    assert_eq!(
        decoded.source,
        EncodingSource::ReplacementLabel {
            label: "iso-2022-kr".into()
        }
    );
    let cleaned = Cleaner::default().clean_bytes(&bytes).unwrap();
    assert_eq!(
        cleaned.text(),
        "Une crème brûlée “maison” coûte 5 €.\n\n".repeat(2)
            + "Une crème brûlée “maison” coûte 5 €.\n"
    );
    assert!(!cleaned.text().contains('\u{fffd}'));
    let note = encoding_note(&cleaned).expect("a note on the set-aside label");
    assert!(note.contains("iso-2022-kr"), "{note}");
    // Valid UTF-8 under such a label is read as UTF-8.
    let page = "<meta charset=hz-gb-2312><p>Crème brûlée.</p>";
    let cleaned = Cleaner::default().clean_bytes(page.as_bytes()).unwrap();
    assert_eq!(cleaned.text(), "Crème brûlée.\n");
}

/// Ordinary pages get no encoding note.
#[test]
fn declared_or_plain_utf8_pages_have_no_note() {
    for page in [
        "<meta charset=utf-8><p>Plain.</p>",
        "<p>Plain, no label.</p>",
        "<meta charset=windows-1252><p>ASCII only.</p>",
    ] {
        let cleaned = Cleaner::default().clean_bytes(page.as_bytes()).unwrap();
        assert_eq!(encoding_note(&cleaned), None, "{page}");
    }
}
