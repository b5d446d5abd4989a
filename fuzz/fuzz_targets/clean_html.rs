//! Any string: cleaning returns Ok or a typed error, never panics or hangs,
//! and the HTML output never carries script, handlers or script URLs.
#![no_main]

use article_clean::Cleaner;
use libfuzzer_sys::fuzz_target;

/// `(name, value)` of every attribute in the tags of sanitized `html`
/// (where text never holds a raw `<`).
fn attributes(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for tag in html.split('<').skip(1) {
        let mut chars = tag.chars();
        let mut name = String::new();
        let mut value = String::new();
        let mut in_value = false;
        for c in chars.by_ref() {
            match c {
                '"' if in_value => {
                    out.push((std::mem::take(&mut name), std::mem::take(&mut value)));
                    in_value = false;
                }
                _ if in_value => value.push(c),
                '"' => in_value = true,
                '>' => break,
                '=' => {}
                c if c.is_whitespace() => name.clear(),
                c => name.push(c),
            }
        }
    }
    out
}

fuzz_target!(|html: &str| {
    let cleaner = Cleaner::builder()
        .base_url("https://news.example/a/b")
        .build()
        .unwrap();
    if let Ok(cleaned) = cleaner.clean(html) {
        let lower = cleaned.html().to_ascii_lowercase();
        for bad in ["<script", "<style", "<iframe", "<svg", "<math"] {
            assert!(!lower.contains(bad), "{bad} in {}", cleaned.html());
        }
        for (name, value) in attributes(&lower) {
            assert!(!name.starts_with("on") && name != "style", "{name} in {}", cleaned.html());
            let value = value.trim_start();
            assert!(
                !value.starts_with("javascript:") && !value.starts_with("vbscript:"),
                "{value} in {}",
                cleaned.html()
            );
        }
        assert!(!cleaned.text().contains('\0'));
    }
});
