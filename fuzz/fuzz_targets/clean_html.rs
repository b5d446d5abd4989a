//! Any string: cleaning returns Ok or a typed error, never panics or hangs,
//! and the HTML output never carries script, handlers, or a URL that is
//! not an absolute web URL in any attribute that holds one.
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
            // Every URL the output carries is on the web: with the base
            // URL above, absolute (`mailto:` links aside). A `srcset`
            // lists several, after commas.
            if ["href", "src", "srcset", "cite"].contains(&name.as_str()) {
                let urls: Vec<&str> = if name == "srcset" {
                    value.split(", ").collect()
                } else {
                    vec![&value]
                };
                for url in urls {
                    // As the URL parser reads it: leading spaces and
                    // control characters, tabs and line breaks ignored.
                    let url: String = url
                        .trim_start_matches(|c: char| c <= ' ')
                        .chars()
                        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                        .collect();
                    let scheme = url.split_once(':').map_or("", |(s, _)| s);
                    assert!(
                        scheme == "https"
                            || scheme == "http"
                            || (name == "href" && scheme == "mailto"),
                        "{name}={value:?} in {}",
                        cleaned.html()
                    );
                }
            }
        }
        assert!(!cleaned.text().contains('\0'));
    }
});
