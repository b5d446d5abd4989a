//! The URLs the HTML output may carry, and the base they resolve against.
//!
//! ammonia checks the scheme of `href` and `src`; it lets other allowed
//! attributes through as they are. Two of ours hold URLs too: `srcset` (a
//! list of them) and `cite`. Here they get the same check: an absolute URL
//! stays only if it is `http` or `https`, anything else goes. A `srcset`
//! keeps the candidates that pass and goes when none does.
//!
//! Relative URLs in all four are resolved here against the base URL, and
//! what that adds to the output is counted against a budget: a long base
//! URL and a page of short relative links would otherwise make the output
//! hundreds of times the size of the input. Past the budget, URLs are
//! dropped and the caller refuses the document.

use std::borrow::Cow;

use url::Url;

use crate::html::srcset;

/// Schemes an image source or a quotation's source may have.
const WEB_SCHEMES: &[&str] = &["http", "https"];

/// The allowed attributes that hold URLs: `(attribute, checked by)`.
/// Every allowed attribute is either here or in [`NOT_URLS`] (a test
/// checks), so a URL attribute allowed later cannot slip through unchecked.
#[cfg(test)]
pub(crate) const URL_ATTRIBUTES: &[(&str, &str)] = &[
    ("href", "ammonia"),
    ("src", "ammonia"),
    ("srcset", "checked_srcset"),
    ("cite", "checked_url"),
];

/// The allowed attributes that never hold a URL.
#[cfg(test)]
pub(crate) const NOT_URLS: &[&str] = &[
    "title", "hreflang", "alt", "width", "height", "colspan", "rowspan", "scope", "start",
    "reversed", "value", "datetime", "dir",
];

/// The base URL of one document's output and what resolving against it
/// may still add.
pub(crate) struct Resolver {
    pub base: Option<Url>,
    /// Bytes resolution may add to the output before the budget is spent.
    pub budget: usize,
    /// Bytes resolution has added.
    pub added: usize,
}

impl Default for Resolver {
    fn default() -> Self {
        Resolver::NONE
    }
}

impl Resolver {
    /// No base, no budget: nothing to resolve.
    pub(crate) const NONE: Resolver = Resolver {
        base: None,
        budget: usize::MAX,
        added: 0,
    };

    /// True once resolving has added more than the budget.
    pub(crate) fn over_budget(&self) -> bool {
        self.added > self.budget
    }

    /// `value` resolved against the base if it is relative and there is
    /// one (`None` if it does not resolve, or the budget is spent);
    /// otherwise `value` as it is.
    fn resolve<'v>(&mut self, value: &'v str) -> Option<Cow<'v, str>> {
        if self.base.is_none() || has_scheme(value) {
            return Some(Cow::Borrowed(value));
        }
        self.joined(value).map(Cow::Owned)
    }

    /// The relative URL `value` joined to the base, counted against the
    /// budget; `None` without a base, when it does not join, or when the
    /// budget is spent.
    fn joined(&mut self, value: &str) -> Option<String> {
        let base = self.base.as_ref()?;
        if self.over_budget() {
            return None;
        }
        let url = String::from(base.join(value).ok()?);
        self.added = self
            .added
            .saturating_add(url.len().saturating_sub(value.len()));
        (!self.over_budget()).then_some(url)
    }

    /// The URL the HTML output gives an `href` or `src` whose value is
    /// `value`, or `None` if it drops the attribute: an absolute URL stays
    /// as written if ammonia allows its scheme; a relative one is resolved
    /// (and dropped if the result's scheme is not allowed), or kept as
    /// written without a base; anything else that does not parse goes.
    /// The outputs that carry URLs outside the sanitizer (Markdown) ask
    /// here, so that a URL the HTML output drops is dropped from them too.
    #[cfg(any(feature = "markdown", test))]
    pub(crate) fn output_url<'v>(&mut self, value: &'v str) -> Option<Cow<'v, str>> {
        let allowed = |scheme: &str| super::html::ALLOWED_SCHEMES.contains(&scheme);
        match Url::parse(value) {
            Ok(url) => allowed(url.scheme()).then_some(Cow::Borrowed(value)),
            Err(url::ParseError::RelativeUrlWithoutBase) if self.base.is_none() => {
                Some(Cow::Borrowed(value))
            }
            Err(url::ParseError::RelativeUrlWithoutBase) => {
                let url = self.joined(value)?;
                // A serialized URL starts with its scheme and a colon.
                let scheme = url.split(':').next().unwrap_or_default();
                allowed(scheme).then_some(Cow::Owned(url))
            }
            Err(_) => None,
        }
    }

    /// `value` if it is a URL the output may carry, resolved when
    /// relative; `None` if it is not.
    pub(crate) fn checked_url<'v>(&mut self, value: &'v str) -> Option<Cow<'v, str>> {
        match Url::parse(value) {
            Ok(url) => WEB_SCHEMES
                .contains(&url.scheme())
                .then_some(Cow::Borrowed(value)),
            Err(url::ParseError::RelativeUrlWithoutBase) => {
                let resolved = self.resolve(value)?;
                // A base is http or https, and so is what joins it.
                let web = match &resolved {
                    Cow::Borrowed(_) => true,
                    Cow::Owned(url) => url.starts_with("https:") || url.starts_with("http:"),
                };
                web.then_some(resolved)
            }
            Err(_) => None,
        }
    }
}

/// True if `descriptor` is one a browser reads: a width (`640w`), a
/// density (`1.5x`) or a height (`200h`).
fn is_descriptor(descriptor: &str) -> bool {
    let Some(number) = descriptor
        .strip_suffix(['w', 'x', 'h'])
        .or_else(|| descriptor.strip_suffix(['W', 'X', 'H']))
    else {
        return false;
    };
    !number.is_empty()
        && number.bytes().any(|b| b.is_ascii_digit())
        && number.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

/// True if `value` starts with a scheme (`https:`, `mailto:`, ...) as the
/// URL parser reads it: after leading spaces and control characters,
/// with tabs and line breaks ignored. What has none is relative. (The
/// parser's own answer, tested against, costs a full parse; this runs
/// for every link and image.)
fn has_scheme(value: &str) -> bool {
    let mut chars = value
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    if !chars.next().is_some_and(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    for c in chars {
        if c == ':' {
            return true;
        }
        if !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) {
            return false;
        }
    }
    false
}

/// The candidates of a `srcset` whose URLs pass [`Resolver::checked_url`] and whose
/// descriptors a browser would read (others it drops, and their text
/// should not reach the output), written `url descriptors, ...`; `None`
/// if none passes.
pub(crate) fn checked_srcset(value: &str, resolver: &mut Resolver) -> Option<String> {
    let mut out = String::new();
    for candidate in srcset::candidates(value) {
        if !candidate
            .descriptors
            .split_ascii_whitespace()
            .all(is_descriptor)
        {
            continue;
        }
        let Some(url) = resolver.checked_url(candidate.url) else {
            continue;
        };
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(&url);
        for descriptor in candidate.descriptors.split_ascii_whitespace() {
            out.push(' ');
            out.push_str(descriptor);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// What the sanitizer keeps of an allowed attribute: URLs checked and
/// resolved (see the module docs), everything else as it is. ammonia has
/// checked the schemes of `href` and `src` already.
pub(crate) fn filter_attribute<'v>(
    attribute: &str,
    value: &'v str,
    resolver: &mut Resolver,
) -> Option<Cow<'v, str>> {
    match attribute {
        "href" | "src" => resolver.resolve(value),
        "srcset" => checked_srcset(value, resolver).map(Cow::Owned),
        "cite" => resolver.checked_url(value),
        _ => Some(Cow::Borrowed(value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_allowed_attribute_is_known_to_hold_a_url_or_not() {
        for (tag, attributes) in super::super::html::ALLOWED_ATTRIBUTES {
            for attribute in *attributes {
                let url = URL_ATTRIBUTES.iter().any(|(a, _)| a == attribute);
                let not = NOT_URLS.contains(attribute);
                assert!(url != not, "{tag} {attribute}: a URL or not?");
            }
        }
    }

    fn resolver(base: Option<&str>) -> Resolver {
        Resolver {
            base: base.map(|b| Url::parse(b).unwrap()),
            ..Resolver::NONE
        }
    }

    fn checked_url(value: &str, base: Option<&Url>) -> Option<String> {
        let mut r = resolver(base.map(Url::as_str));
        r.checked_url(value).map(Cow::into_owned)
    }

    #[test]
    fn only_web_urls_pass_and_relative_ones_are_resolved() {
        let base = Url::parse("https://news.example/a/b").unwrap();
        for (value, with_base, without) in [
            (
                "https://x.example/i.png",
                Some("https://x.example/i.png"),
                Some("https://x.example/i.png"),
            ),
            ("/i.png", Some("https://news.example/i.png"), Some("/i.png")),
            ("i.png", Some("https://news.example/a/i.png"), Some("i.png")),
            (
                "//cdn.example/i.png",
                Some("https://cdn.example/i.png"),
                Some("//cdn.example/i.png"),
            ),
            ("javascript:alert(1)", None, None),
            ("JaVaScRiPt:alert(1)", None, None),
            (" \u{1}javascript:alert(1)", None, None),
            ("jav\tascript:alert(1)", None, None),
            ("vbscript:msgbox(1)", None, None),
            ("data:text/html,<script>alert(1)</script>", None, None),
            ("data:image/png;base64,AAA=", None, None),
            ("file:///etc/passwd", None, None),
            ("mailto:a@b.example", None, None),
            ("http://[::1", None, None),
        ] {
            assert_eq!(
                checked_url(value, Some(&base)).as_deref(),
                with_base,
                "{value:?}"
            );
            assert_eq!(checked_url(value, None).as_deref(), without, "{value:?}");
        }
    }

    fn checked_srcset(value: &str, base: Option<&Url>) -> Option<String> {
        super::checked_srcset(value, &mut resolver(base.map(Url::as_str)))
    }

    #[test]
    fn srcset_keeps_the_candidates_that_pass() {
        let base = Url::parse("https://news.example/a/b").unwrap();
        assert_eq!(
            checked_srcset(
                "javascript:alert(1) 1x, /a-2x.png  2x, vbscript:x 3x,b.png 640w, data:text/html;base64,PHA+ 4x",
                Some(&base)
            )
            .as_deref(),
            Some("https://news.example/a-2x.png 2x, https://news.example/a/b.png 640w")
        );
        assert_eq!(checked_srcset("javascript:alert(1) 1x", Some(&base)), None);
        // What a browser drops: descriptors that are not a width, a
        // density or a height (a tab splits `jav\tascript:` in two).
        assert_eq!(
            checked_srcset(
                "jav\tascript:alert(1) 2x, a.png 1.5x, b.png 100w 2x, c.png (x)",
                None
            )
            .as_deref(),
            Some("a.png 1.5x, b.png 100w 2x")
        );
        assert_eq!(checked_srcset(" , ", None), None);
        // A second pass changes nothing.
        let once = checked_srcset("a.png 1x, b.png 2x", Some(&base)).unwrap();
        assert_eq!(checked_srcset(&once, Some(&base)).as_deref(), Some(&*once));
    }

    #[test]
    fn resolving_stops_when_the_budget_is_spent() {
        let mut r = resolver(Some("https://news.example/a/very/long/path/"));
        r.budget = 100;
        // Each relative URL grows by the base's directory, 38 bytes.
        assert!(r.resolve("x").is_some());
        assert!(r.resolve("y").is_some());
        assert_eq!(r.added, 76);
        assert!(!r.over_budget());
        assert!(r.resolve("z").is_none());
        assert!(r.over_budget());
        // Once spent, nothing more is joined.
        assert!(r.resolve("w").is_none());
        assert_eq!(r.added, 114);
        // Absolute URLs add nothing and pass as they are.
        assert_eq!(
            r.resolve("https://a.example/").as_deref(),
            Some("https://a.example/")
        );
        // Without a base nothing is resolved, and nothing is added.
        let mut r = resolver(None);
        r.budget = 0;
        assert_eq!(r.resolve("x").as_deref(), Some("x"));
        assert!(!r.over_budget());
    }

    #[test]
    fn a_scheme_is_found_as_the_url_parser_finds_it() {
        let relative = |v: &str| Url::parse(v) == Err(url::ParseError::RelativeUrlWithoutBase);
        for v in
            crate::testing::all_strings(&['a', '1', ':', '/', '.', '+', ' ', '\t', '\u{1}', 'é'], 4)
        {
            assert_eq!(has_scheme(&v), !relative(&v), "{v:?}");
        }
        for v in [
            "https://a.example/",
            " \t\u{1}JaVa\tScript:x",
            "jav\nascript:x",
            "c:/x",
            "//host/x",
            "/path",
            "?q",
            "#f",
            "x.y+z-w:1",
            "1http:x",
            "",
        ] {
            assert_eq!(has_scheme(v), !relative(v), "{v:?}");
        }
    }
}

#[cfg(test)]
mod output_url_tests {
    use std::borrow::Cow;

    use url::Url;

    use super::Resolver;
    use crate::dom::Document;
    use crate::output::html::sanitize;
    use crate::output::html::ALLOWED_SCHEMES;

    /// [`Resolver::output_url`] with no budget to spend.
    fn output_url(value: &str, base: Option<&Url>) -> Option<String> {
        let mut urls = Resolver {
            base: base.cloned(),
            ..Resolver::NONE
        };
        urls.output_url(value).map(Cow::into_owned)
    }

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
                    let ours = output_url(value, base.as_ref());
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
