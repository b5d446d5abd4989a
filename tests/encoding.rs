//! `Cleaner::clean_bytes`: pages in legacy encodings, broken UTF-8, NULs.

use article_clean::{decode_html, Cleaner, Error};
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
    assert_eq!(decode_html(&bytes).1, "GBK");
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
    assert_eq!(decode_html(&bytes).1, "Big5");
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
    assert_eq!(decode_html(bytes).1, "UTF-8");
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
    assert!(decode_html(&bytes).0.len() > 64);
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
    assert_eq!(decode_html(&bytes).1, "windows-1252");
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
