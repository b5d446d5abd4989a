//! The HTML output: the cleaned tree, one block per line, passed through
//! ammonia with an allowlist fit for article markup. ammonia has the last
//! word on safety: whatever the rules missed, no script, event handler,
//! `style`, `class`, `id` or unsafe URL scheme gets through, in any
//! attribute that holds a URL (`href` and `src` checked by ammonia,
//! `srcset` and `cite` by our attribute filter, called from ammonia).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use url::Url;

use super::urls::{filter_attribute, Resolver};
use crate::dom::Document;

/// Tags allowed in the output.
pub const ALLOWED_TAGS: &[&str] = crate::html::tags::ALLOWED_NAMES;

/// Attributes allowed on each tag.
pub const ALLOWED_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "title", "hreflang"]),
    ("img", &["src", "srcset", "alt", "title", "width", "height"]),
    ("td", &["colspan", "rowspan"]),
    ("th", &["colspan", "rowspan", "scope"]),
    ("blockquote", &["cite"]),
    ("q", &["cite"]),
    ("ol", &["start", "reversed"]),
    ("li", &["value"]),
    ("time", &["datetime"]),
    ("abbr", &["title"]),
    ("bdi", &["dir"]),
];

/// True if [`ALLOWED_ATTRIBUTES`] lets `tag` carry `attr`.
pub(crate) fn allows_attribute(tag: &str, attr: &str) -> bool {
    ALLOWED_ATTRIBUTES
        .iter()
        .any(|(t, attrs)| *t == tag && attrs.contains(&attr))
}

/// Tags removed from the HTML output together with their contents (other
/// tags outside the allowlist are removed but keep their contents): the
/// elements whose contents are never article text, [`NOT_TEXT`](crate::NOT_TEXT).
pub const CONTENT_REMOVED: &[&str] = crate::html::tags::NOT_TEXT_NAMES;

/// URL schemes allowed in links and sources.
pub const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// Serializes the document body one block per line and sanitizes it,
/// resolving relative URLs against `base_url`. `Err(added)` if resolving
/// would add more than `budget` bytes to the output (see
/// [`urls`](super::urls)).
pub(crate) fn render(
    doc: &Document,
    base_url: Option<&Url>,
    budget: usize,
) -> Result<String, usize> {
    PRETTY.with(|buffer| {
        let Ok(mut pretty) = buffer.try_borrow_mut() else {
            return sanitize_within(&super::serialize_pretty(&doc.body()), base_url, budget);
        };
        pretty.clear();
        super::write_pretty(&doc.body(), &mut pretty);
        let html = sanitize_within(&pretty, base_url, budget);
        if pretty.capacity() > MAX_KEPT_PRETTY {
            *pretty = String::new();
        }
        html
    })
}

/// The largest pretty-printing buffer kept for the next document.
const MAX_KEPT_PRETTY: usize = 1 << 22;

thread_local! {
    /// The pretty-printed body handed to the sanitizer, kept from one
    /// document to the next: grown a doubling at a time, it cost more
    /// reallocating than writing.
    static PRETTY: RefCell<String> = const { RefCell::new(String::new()) };

    /// The article sanitizer, built once per thread: building the allowlist
    /// sets costs as much as sanitizing a short article. Only the base URL
    /// changes from one document to the next.
    static SANITIZER: RefCell<ammonia::Builder<'static>> = RefCell::new(article_sanitizer());

    /// The base URL of the document being sanitized on this thread and its
    /// budget, for the attribute filter (ammonia takes the filter once, at
    /// build time).
    static RESOLVER: RefCell<Resolver> = const { RefCell::new(Resolver::NONE) };
}

fn article_sanitizer() -> ammonia::Builder<'static> {
    let tags: HashSet<&str> = ALLOWED_TAGS.iter().copied().collect();
    let attributes: HashMap<&str, HashSet<&str>> = ALLOWED_ATTRIBUTES
        .iter()
        .map(|(tag, attrs)| (*tag, attrs.iter().copied().collect()))
        .collect();
    let mut builder = ammonia::Builder::default();
    builder
        .tags(tags)
        .tag_attributes(attributes)
        .generic_attributes(HashSet::new())
        .url_schemes(ALLOWED_SCHEMES.iter().copied().collect())
        .clean_content_tags(CONTENT_REMOVED.iter().copied().collect())
        .link_rel(Some("noopener noreferrer"))
        .strip_comments(true)
        .attribute_filter(|_element, attribute, value| {
            RESOLVER.with(|resolver| match resolver.try_borrow_mut() {
                Ok(mut resolver) => filter_attribute(attribute, value, &mut resolver),
                // Never: nothing else holds it while ammonia runs. Should
                // it happen, the attribute goes rather than go unchecked.
                Err(_) => None,
            })
        });
    builder
}

/// Sanitizes HTML with the article allowlist, resolving relative URLs
/// against `base_url` and marking links `rel="noopener noreferrer"`.
pub fn sanitize(html: &str, base_url: Option<&Url>) -> String {
    sanitize_within(html, base_url, usize::MAX).unwrap_or_default()
}

/// [`sanitize`], unless resolving relative URLs would add more than
/// `budget` bytes: then `Err(added)`.
fn sanitize_within(html: &str, base_url: Option<&Url>, budget: usize) -> Result<String, usize> {
    SANITIZER.with(|builder| {
        let builder = builder.borrow();
        RESOLVER.with(|resolver| {
            *resolver.borrow_mut() = Resolver {
                base: base_url.cloned(),
                budget,
                added: 0,
            }
        });
        let doc = builder.clean(html);
        let (over, added) = RESOLVER.with(|resolver| {
            let resolver = resolver.borrow();
            (resolver.over_budget(), resolver.added)
        });
        if over {
            return Err(added);
        }
        // Serialized straight into a buffer: `to_string` goes through
        // `Display`, which serializes into a buffer of its own and then
        // copies it into a growing String.
        let mut out = Vec::with_capacity(html.len());
        if doc.write_to(&mut out).is_err() {
            return Ok(doc.to_string());
        }
        Ok(utf8_to_string(&out))
    })
}

/// `bytes` as a String. The serializer writes UTF-8, but the standard
/// check of it cost as much as a tenth of the sanitizer on Chinese text;
/// simdutf8's check and a copy cost a fraction of that.
pub(crate) fn utf8_to_string(bytes: &[u8]) -> String {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_to_string_agrees_with_the_standard_check() {
        for bytes in [
            &b"plain"[..],
            "中文\u{3000}é".as_bytes(),
            b"broken \xff byte",
            b"cut \xe4\xb8",
            b"",
        ] {
            assert_eq!(utf8_to_string(bytes), String::from_utf8_lossy(bytes));
        }
    }

    #[test]
    fn pretty_output_leaves_out_only_what_the_sanitizer_drops() {
        let doc = Document::parse(
            r#"<div class="body" data-x="1"><p class="lead" style="x" lang="en">t <a href="/x" class="c" rel="nofollow" title="T">l</a></p><img src="i.png" alt="a" data-src="j.png" onerror="e()"></div>"#,
        );
        let pretty = super::super::serialize_pretty(&doc.body());
        // Allowed tags keep only their allowed attributes; other tags are
        // written as they are, for the sanitizer to judge.
        assert_eq!(
            pretty,
            "<div class=\"body\" data-x=\"1\"><p>t <a href=\"/x\" title=\"T\">l</a></p>\n<img src=\"i.png\" alt=\"a\"></div>\n"
        );
        // What the sanitizer makes of it is what it makes of everything.
        let exact = super::super::serialize_children(&doc.body());
        let expected = "<p>t <a href=\"/x\" title=\"T\" rel=\"noopener noreferrer\">l</a></p>";
        assert!(sanitize(&pretty, None).starts_with(expected));
        assert!(sanitize(&exact, None).starts_with(expected));
    }

    /// The kept pretty-printing buffer carries nothing from one document
    /// to the next: each renders as it does on a fresh buffer.
    #[test]
    fn render_reusing_its_buffer_renders_each_document_alone() {
        let docs = [
            "<p>A long first document, <b>bold</b>.</p><ul><li>one</li><li>two</li></ul>",
            "<p>short</p>",
            "",
            "<pre> x\n y</pre>",
        ];
        for html in docs.iter().chain(docs.iter().rev()) {
            let doc = Document::parse(html);
            let alone = sanitize(&super::super::serialize_pretty(&doc.body()), None);
            assert_eq!(render(&doc, None, usize::MAX), Ok(alone), "{html:?}");
        }
    }

    #[test]
    fn strips_everything_unsafe_and_resolves_urls() {
        let base = Url::parse("https://news.example/a/b").unwrap();
        let html = r#"<p class="x" style="color:red" onclick="e()">t<script>alert(1)</script></p><a href="javascript:alert(1)">j</a><a href="../c">rel</a><img src="/i.png" onerror="x">"#;
        assert_eq!(
            sanitize(html, Some(&base)),
            r#"<p>t</p><a rel="noopener noreferrer">j</a><a href="https://news.example/c" rel="noopener noreferrer">rel</a><img src="https://news.example/i.png">"#
        );
    }
}
