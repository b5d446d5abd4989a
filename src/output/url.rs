//! What becomes of a link or image URL in the output, decided as the HTML
//! sanitizer decides it: an absolute URL stays as written if its scheme is
//! allowed and is dropped otherwise; a relative one is resolved against the
//! base URL (dropped if it cannot be), or kept as written without a base;
//! anything else that does not parse is dropped. The outputs that carry
//! URLs outside the sanitizer (Markdown) ask here, so a URL the HTML output
//! drops is dropped from them too. One step stricter than the sanitizer:
//! a relative URL resolved against a base of another scheme (`file:///`)
//! is dropped when the result's scheme is not allowed.

use std::borrow::Cow;

use url::Url;

use super::html::ALLOWED_SCHEMES;

/// The URL the HTML output gives an `href` or `src` attribute whose value
/// is `value`, or `None` if it drops the attribute.
pub(crate) fn output_url<'v>(value: &'v str, base: Option<&Url>) -> Option<Cow<'v, str>> {
    match Url::parse(value) {
        Ok(url) => ALLOWED_SCHEMES
            .contains(&url.scheme())
            .then_some(Cow::Borrowed(value)),
        Err(url::ParseError::RelativeUrlWithoutBase) => match base {
            Some(base) => base
                .join(value)
                .ok()
                .filter(|url| ALLOWED_SCHEMES.contains(&url.scheme()))
                .map(|url| Cow::Owned(url.into())),
            None => Some(Cow::Borrowed(value)),
        },
        Err(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::Document;
    use crate::output::html::sanitize;

    /// URL shapes the sanitizer treats differently: schemes allowed and
    /// not, relative forms, whitespace and control characters around and
    /// inside, entities, and values that do not parse at all.
    const VALUES: &[&str] = &[
        "https://news.example/a?b=1&c=2#d",
        "http://news.example",
        "HTTPS://News.Example/A",
        "mailto:desk@news.example",
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:image/png;base64,AAAA",
        "ftp://files.example/x",
        "tel:+123",
        "/root/path",
        "relative/path?q=1",
        "../up",
        "//other.example/x",
        "#fragment",
        "?query",
        "",
        " ",
        "  /padded  ",
        "a b",
        "https://news.example/a b",
        "https://news.example/(paren)",
        "http://[::1]/",
        "http://[bad/",
        "http://exa mple.com/",
        "https://",
        "http://%zz/",
        "\u{1}https://news.example/",
        "https://news.example/\u{e9}t\u{e9}",
        "https://news.example/a&amp;b",
        ":no-scheme",
        "1http://x",
        "C:\\path\\file",
        "\\\\server\\share",
    ];

    /// The URL the sanitizer writes into `<a href>` or `<img src>` for
    /// `value`, read back from its output.
    fn sanitizer_url(tag: &str, attr: &str, value: &str, base: Option<&Url>) -> Option<String> {
        let escaped = value.replace('&', "&amp;").replace('"', "&quot;");
        let html = format!("<{tag} {attr}=\"{escaped}\">x</{tag}>");
        let clean = sanitize(&html, base);
        let doc = Document::parse(&clean);
        let body = doc.body();
        let found = body.descendants().find(|n| n.is(tag));
        found.and_then(|n| n.attr(attr))
    }

    #[test]
    fn agrees_with_the_sanitizer_with_and_without_a_base() {
        let bases = [
            None,
            Some(Url::parse("https://news.example/section/story.html?x=1").unwrap()),
            Some(Url::parse("mailto:desk@news.example").unwrap()),
            Some(Url::parse("file:///etc/").unwrap()),
        ];
        let allowed =
            |url: &str| Url::parse(url).map_or(true, |u| ALLOWED_SCHEMES.contains(&u.scheme()));
        for base in &bases {
            for value in VALUES {
                for (tag, attr) in [("a", "href"), ("img", "src")] {
                    let ours = output_url(value, base.as_ref()).map(Cow::into_owned);
                    // The parser that reads the fragment back drops a
                    // carriage return and turns NUL into U+FFFD; the
                    // values above have neither.
                    let theirs = sanitizer_url(tag, attr, value, base.as_ref());
                    // The same, but where the sanitizer keeps a relative
                    // URL resolved to a scheme it does not allow.
                    let expected = theirs.filter(|u| allowed(u));
                    assert_eq!(ours, expected, "{tag} {attr}={value:?} base {base:?}");
                }
            }
        }
    }

    #[test]
    fn unsafe_schemes_are_dropped_and_relative_urls_resolved() {
        let base = Url::parse("https://news.example/a/b").unwrap();
        assert_eq!(output_url("javascript:alert(1)", Some(&base)), None);
        assert_eq!(output_url("data:text/html,x", None), None);
        assert_eq!(
            output_url("../c?d=1", Some(&base)).as_deref(),
            Some("https://news.example/c?d=1")
        );
        assert_eq!(output_url("../c", None).as_deref(), Some("../c"));
        let file = Url::parse("file:///etc/").unwrap();
        assert_eq!(output_url("passwd", Some(&file)), None);
    }
}
