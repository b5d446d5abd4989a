//! The `tracking-params` rule, [`TrackingParams`]: what it does and why is on the type.

use std::cell::OnceCell;

use crate::dom::{Document, NodeRef, Visit};
use crate::error::RuleError;
use crate::html::attributes::is_url_attribute;
use crate::page::platform::{self, Platform};
use crate::page::services::{host_and_path, is_service_tracking, may_be_service_tracking};
use crate::rule::{Context, Rule};

pub use crate::html::attributes::URL_ATTRIBUTES;

/// Rewrites the URL attributes of `el`: `rewrite(name, value)` gives the new
/// value of each one it changes. Shared by every rule that cleans links
/// (ClearURLs lists, site profiles).
#[cfg(any(feature = "clearurls", feature = "profiles"))]
pub(crate) fn rewrite_url_attributes(
    changes: &mut crate::dom::Changes,
    el: &NodeRef,
    mut rewrite: impl FnMut(&str, &str) -> Option<String>,
) {
    // Collected first: the attributes are borrowed while they are read.
    let mut rewrites = Vec::new();
    el.for_each_attr(|name, value| {
        if is_url_attribute(name) {
            if let Some(new) = rewrite(name, value) {
                rewrites.push((name.to_string(), new));
            }
        }
    });
    for (name, value) in rewrites {
        changes.set_attr(el, &name, &value);
    }
}

/// Parameters that exist only to track a click or a campaign.
pub const DEFAULT_PARAMS: &[&str] = &[
    "fbclid",
    "gclid",
    "gclsrc",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "igsh",
    "_hsenc",
    "_hsmi",
    "__hstc",
    "__hssc",
    "__hsfp",
    "hsctatracking",
    "yclid",
    "ysclid",
    "spm",
    "scm",
    "mkt_tok",
    "_ga",
    "_gl",
    "oly_anon_id",
    "oly_enc_id",
    "vero_id",
    "vero_conv",
    "rb_clickid",
    "s_cid",
    "wt.mc_id",
    "wt_mc_id",
    "ncid",
    "ref_src",
    "__twitter_impression",
    "twclid",
    "ttclid",
    "li_fat_id",
    "epik",
    // Facebook's click and surface trackers (`__xts__[0]` and `__cft__[0]`
    // are prefixes below).
    "__tn__",
    "__eep__",
];

/// Parameter name prefixes that mark tracking (`utm_source`, `utm_medium`,
/// ..., Facebook's `__xts__[0]`, `__cft__[0]`).
pub const DEFAULT_PREFIXES: &[&str] = &["utm_", "pk_", "mtm_", "hmsr", "__xts__", "__cft__"];

/// Strips tracking parameters from URLs.
///
/// `tracking-params`: strips click and campaign tracking parameters
/// (`utm_*`, `fbclid`, `gclid`, `mc_cid`, `spm`, Facebook's `__tn__`,
/// `__xts__[…]`, `__cft__[…]`, `__eep__`, ...) from every URL attribute:
/// `href`, `src`, `srcset`, `data-src`, `poster`, `cite` and the other
/// lazy-source attributes.
///
/// Some parameters track only on their own service's hosts and are
/// stripped only there: YouTube's share id `si` (its start time `t`
/// stays), Medium's `source` on medium.com and its subdomains, and, in a
/// post that shows it comes from Medium (Medium's image hosts, view pixel
/// or feed footer), on the post's own host, where a Medium publication
/// served on its own domain puts it. Whether the post is Medium's is read
/// from its HTML as parsed, and only once a link asks.
///
/// Every other parameter keeps its place and its exact spelling, the
/// fragment is kept, and a URL without tracking parameters is left
/// byte-identical: only the removed `key=value` pieces change.
///
/// ```
/// use article_clean::rules::TrackingParams;
///
/// let rule = TrackingParams::default().with_param("from");
/// assert_eq!(
///     rule.clean_url("https://a.example/p?id=3&utm_source=rss&from=feed#top"),
///     Some("https://a.example/p?id=3#top".to_string())
/// );
/// assert_eq!(rule.clean_url("https://a.example/p?id=3"), None);
/// assert_eq!(
///     rule.clean_url("https://youtu.be/Qx7LmN2pR4s?si=aB3dE&t=683"),
///     Some("https://youtu.be/Qx7LmN2pR4s?t=683".to_string())
/// );
/// assert_eq!(rule.clean_url("https://shop.example/item?si=4"), None);
/// ```
#[derive(Debug, Clone)]
pub struct TrackingParams {
    params: Vec<String>,
    prefixes: Vec<String>,
}

impl Default for TrackingParams {
    fn default() -> Self {
        TrackingParams {
            params: DEFAULT_PARAMS.iter().map(|s| s.to_string()).collect(),
            prefixes: DEFAULT_PREFIXES.iter().map(|s| s.to_string()).collect(),
        }
    }
}

impl TrackingParams {
    /// Also strips the parameter `name` (matched case-insensitively).
    pub fn with_param(mut self, name: &str) -> Self {
        self.params.push(name.to_ascii_lowercase());
        self
    }

    /// Also strips every parameter whose name starts with `prefix`.
    pub fn with_prefix(mut self, prefix: &str) -> Self {
        self.prefixes.push(prefix.to_ascii_lowercase());
        self
    }

    /// True if `name` is a tracking parameter.
    pub fn is_tracking(&self, name: &str) -> bool {
        // The lists are lower-case (see `with_param`), so ignoring ASCII
        // case finds what lower-casing `name` into a copy would.
        let name = name.as_bytes();
        self.params
            .iter()
            .any(|p| p.as_bytes().eq_ignore_ascii_case(name))
            || self.prefixes.iter().any(|p| {
                name.get(..p.len())
                    .is_some_and(|n| n.eq_ignore_ascii_case(p.as_bytes()))
            })
    }

    /// The URL without its tracking parameters, or `None` when it has none
    /// (so callers can leave the attribute untouched).
    pub fn clean_url(&self, url: &str) -> Option<String> {
        self.clean_url_on(url, Page::default())
    }

    /// [`clean_url`](Self::clean_url) for a link of `page`.
    fn clean_url_on(&self, url: &str, page: Page<'_>) -> Option<String> {
        let (before_fragment, fragment) = match url.find('#') {
            Some(i) => (&url[..i], Some(&url[i..])),
            None => (url, None),
        };
        let q = before_fragment.find('?')?;
        let (base, query) = (&before_fragment[..q], &before_fragment[q + 1..]);
        // The host a service's own parameters are judged by: found only
        // for a link that has one of them.
        let mut host = None;
        let mut tracks_here = |key: &str| {
            may_be_service_tracking(key) && {
                let host = *host.get_or_insert_with(|| page.host_of(base));
                host.is_some_and(|h| page.tracks_on(h, key))
            }
        };
        let mut kept: Vec<&str> = Vec::new();
        let mut removed = false;
        for piece in query.split('&') {
            let raw_key = piece.split('=').next().unwrap_or("");
            // Decoding changes only `+` and `%` escapes: without them the
            // key is as written, and is not copied.
            let decoded;
            let key = if raw_key.contains(['%', '+']) {
                decoded = url::form_urlencoded::parse(raw_key.as_bytes())
                    .next()
                    .map(|(k, _)| k.into_owned())
                    .unwrap_or_default();
                decoded.as_str()
            } else {
                raw_key
            };
            if !key.is_empty() && (self.is_tracking(key) || tracks_here(key)) {
                removed = true;
            } else {
                kept.push(piece);
            }
        }
        if !removed {
            return None;
        }
        let mut out = String::with_capacity(url.len());
        out.push_str(base);
        let kept: Vec<&str> = kept.into_iter().filter(|p| !p.is_empty()).collect();
        if !kept.is_empty() {
            out.push('?');
            out.push_str(&kept.join("&"));
        }
        if let Some(f) = fragment {
            out.push_str(f);
        }
        Some(out)
    }

    /// Cleans every URL of a `srcset` list; `None` when nothing changed.
    pub fn clean_srcset(&self, srcset: &str) -> Option<String> {
        self.clean_srcset_on(srcset, Page::default())
    }

    /// [`clean_srcset`](Self::clean_srcset) for a list of `page`.
    fn clean_srcset_on(&self, srcset: &str, page: Page<'_>) -> Option<String> {
        let mut changed = false;
        let parts: Vec<String> = srcset
            .split(',')
            .map(|candidate| {
                let trimmed = candidate.trim_start();
                let lead = &candidate[..candidate.len() - trimmed.len()];
                let (url, rest) = match trimmed.find(char::is_whitespace) {
                    Some(i) => (&trimmed[..i], &trimmed[i..]),
                    None => (trimmed, ""),
                };
                match self.clean_url_on(url, page) {
                    Some(clean) => {
                        changed = true;
                        format!("{lead}{clean}{rest}")
                    }
                    None => candidate.to_string(),
                }
            })
            .collect();
        changed.then(|| parts.join(","))
    }
}

/// What the page a link sits on tells about the link's host.
#[derive(Debug, Clone, Copy, Default)]
struct Page<'a> {
    /// The page's own host, where relative links go.
    own_host: Option<&'a str>,
    /// The page's HTML as parsed, and whether it is a Medium post (so that
    /// Medium's `source` tracks on its own host too: a publication on its
    /// own domain), found out from it when a link first asks.
    medium: Option<(&'a str, &'a OnceCell<bool>)>,
}

impl<'a> Page<'a> {
    fn of(cx: &Context<'a>, medium: &'a OnceCell<bool>) -> Self {
        Page {
            own_host: cx.base_url().and_then(|u| u.host_str()),
            medium: Some((cx.page_html(), medium)),
        }
    }

    /// The host of a link (its URL before the query): its own, or the
    /// page's for a relative link.
    fn host_of<'u>(&self, url: &'u str) -> Option<&'u str>
    where
        'a: 'u,
    {
        match host_and_path(url) {
            Some((host, _)) => Some(host),
            None => self.own_host,
        }
    }

    /// True if parameter `key` only tracks on a link to `host`.
    fn tracks_on(&self, host: &str, key: &str) -> bool {
        is_service_tracking(host, key)
            || (key == "source"
                && self.own_host.is_some_and(|own| same_site(own, host))
                && self.is_medium())
    }

    fn is_medium(&self) -> bool {
        self.medium.is_some_and(|(html, known)| {
            *known.get_or_init(|| platform::recognise(html) == Platform::Medium)
        })
    }
}

/// True if two hosts are the same but for ASCII case and a `www.`.
fn same_site(a: &str, b: &str) -> bool {
    bare_host(a).eq_ignore_ascii_case(bare_host(b))
}

/// A host without a leading `www.` (in any case) or a trailing dot.
fn bare_host(host: &str) -> &str {
    let host = host.strip_suffix('.').unwrap_or(host);
    match host.get(..4) {
        Some(www) if www.eq_ignore_ascii_case("www.") => &host[4..],
        _ => host,
    }
}

impl TrackingParams {
    /// The new value of URL attribute `name` of a link on `page`, if it has
    /// tracking parameters.
    fn rewrite(&self, name: &str, value: &str, page: Page<'_>) -> Option<String> {
        if !is_url_attribute(name) || !value.contains('?') {
            None
        } else if name.ends_with("srcset") {
            self.clean_srcset_on(value, page)
        } else {
            self.clean_url_on(value, page)
        }
    }
}

impl Rule for TrackingParams {
    fn name(&self) -> &str {
        super::TRACKING_PARAMS
    }

    fn apply(&self, doc: &mut Document, cx: &Context<'_>) -> Result<(), RuleError> {
        // No URL with a query, no tracking parameter (every rewrite needs
        // a `?`): the page facts know.
        let body = doc.body();
        let no_query = doc
            .facts()
            .of(&body)
            .is_some_and(|fact| !fact.has_query_below());
        if no_query {
            return Ok(());
        }
        let medium = OnceCell::new();
        let page = Page::of(cx, &medium);
        // Most pages have no tracking parameter at all: the rewrites are
        // found by a read-only visit, without the journaled walk, in the
        // order the walk would make them (each element's children in turn,
        // elements in document order), so the report reads the same.
        let mut rewrites: Vec<(NodeRef, String, String)> = Vec::new();
        let mut rewrite_children = |parent: &NodeRef| {
            for child in parent.child_nodes().filter(NodeRef::is_element) {
                child.for_each_attr(|name, value| {
                    if let Some(new) = self.rewrite(name, value, page) {
                        rewrites.push((child.clone(), name.to_string(), new));
                    }
                });
            }
        };
        rewrite_children(&body);
        body.visit_below(|n| {
            rewrite_children(n);
            Visit::Descend
        });
        let changes = doc.changes();
        for (el, name, value) in rewrites {
            changes.set_attr(&el, &name, &value);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::tests::apply;

    /// The rule as a journaled walk deciding each element: the visit must
    /// rewrite the same attributes and report them in the same order.
    struct WalkedTrackingParams(TrackingParams);

    impl Rule for WalkedTrackingParams {
        fn name(&self) -> &str {
            "walked"
        }

        fn apply(&self, doc: &mut Document, cx: &Context<'_>) -> Result<(), RuleError> {
            let medium = OnceCell::new();
            let page = Page::of(cx, &medium);
            doc.walk(|changes, el| {
                rewrite_url_attributes(changes, el, |name, value| {
                    self.0.rewrite(name, value, page)
                });
                crate::dom::Verdict::Keep
            });
            Ok(())
        }
    }

    #[test]
    fn rewrites_in_the_order_the_walk_did() {
        // Nested so that document order and the walk's order differ.
        let html = r#"<div><a href="/a?utm_source=1&amp;x=1">x<img src="/i?fbclid=2" srcset="/j?spm=1 2x"></a></div><p>t<a href="/b?gclid=3">y</a></p><img src="/c?spm=4"><blockquote cite="/q?mc_cid=5"><p><a href="/d?igshid=6">z</a></p></blockquote>"#;
        let rule = TrackingParams::default();
        let (want, want_edits) = apply(&WalkedTrackingParams(rule.clone()), html);
        let (got, got_edits) = apply(&rule, html);
        assert_eq!(got, want);
        assert_eq!(got_edits, want_edits);
        assert_eq!(got_edits.len(), 7);
    }

    #[test]
    fn the_attribute_match_is_the_list() {
        for name in URL_ATTRIBUTES {
            assert!(is_url_attribute(name), "{name}");
        }
        for name in [
            "class",
            "id",
            "style",
            "alt",
            "data-sizes",
            "hre",
            "srcsett",
        ] {
            assert!(!is_url_attribute(name), "{name}");
        }
    }

    #[test]
    fn keys_match_ignoring_ascii_case_and_after_decoding() {
        let rule = TrackingParams::default().with_param("From");
        assert!(
            rule.is_tracking("UTM_Source")
                && rule.is_tracking("FROM")
                && rule.is_tracking("Wt.Mc_Id")
        );
        assert!(!rule.is_tracking("utm") && !rule.is_tracking("froM2"));
        assert_eq!(
            rule.clean_url("https://a.example/p?%75tm_x=1&f%52om=2&fb+clid=3&id=4"),
            Some("https://a.example/p?fb+clid=3&id=4".to_string())
        );
    }

    #[test]
    fn strips_only_tracking_parameters() {
        let t = TrackingParams::default();
        assert_eq!(
            t.clean_url("https://subscribe.example.com/promotions/x/?utm_campaign=a&utm_medium=b&utm_source=zb&utm_content=c"),
            Some("https://subscribe.example.com/promotions/x/".into())
        );
        assert_eq!(
            t.clean_url("/a?b=1&fbclid=XYZ&c=%20d&GCLID=1&mc_cid=9#frag"),
            Some("/a?b=1&c=%20d#frag".into())
        );
        assert_eq!(
            t.clean_url("https://e.com/?utm%5Fsource=x&z"),
            Some("https://e.com/?z".into())
        );
        for untouched in [
            "https://e.com/a?b=1&c=2",
            "https://e.com/a?b=1&&c#utm_source=x",
            "https://e.com/a?spmx=1",
            "no query",
            "?",
        ] {
            assert_eq!(t.clean_url(untouched), None, "{untouched}");
        }
    }

    #[test]
    fn strips_social_and_video_share_parameters() {
        let t = TrackingParams::default();
        for (url, want) in [
            (
                "https://www.facebook.com/a/posts/1?__tn__=-R",
                "https://www.facebook.com/a/posts/1",
            ),
            (
                "https://www.facebook.com/a/posts/1?__xts__%5B0%5D=68.ARB&__tn__=-R",
                "https://www.facebook.com/a/posts/1",
            ),
            (
                "https://www.facebook.com/groups/g/posts/2/?__cft__[0]=AZV&__tn__=%2CO%2CP-R",
                "https://www.facebook.com/groups/g/posts/2/",
            ),
            (
                "https://www.facebook.com/hashtag/x?__eep__=6&__cft__[0]=AZU&__tn__=*NK-R",
                "https://www.facebook.com/hashtag/x",
            ),
            (
                "https://www.facebook.com/watch/?v=23&__tn__=H-R",
                "https://www.facebook.com/watch/?v=23",
            ),
            (
                "https://youtu.be/Qx7LmN2pR4s?si=aB3dE-f_&t=683",
                "https://youtu.be/Qx7LmN2pR4s?t=683",
            ),
            (
                "https://www.youtube.com/watch?v=Qx7LmN2pR4s&si=aB3dE",
                "https://www.youtube.com/watch?v=Qx7LmN2pR4s",
            ),
            (
                "https://medium.com/pub/story-1a2b?source=rss----3f9a---4",
                "https://medium.com/pub/story-1a2b",
            ),
            (
                "https://writer.medium.com/story-1a2b?source=collection_home---4------0",
                "https://writer.medium.com/story-1a2b",
            ),
        ] {
            assert_eq!(t.clean_url(url).as_deref(), Some(want), "{url}");
        }
        // The same names off their services mean something.
        for url in [
            "https://shop.example/item?si=4",
            "https://www.google.com/url?sa=t&source=web&q=x",
            "https://news.example/medium/wsj?source=https://paper.example/a",
            "/story?source=home",
            "https://youtu.be/Qx7LmN2pR4s?t=683",
        ] {
            assert_eq!(t.clean_url(url), None, "{url}");
        }
    }

    #[test]
    fn medium_s_source_goes_on_a_medium_post_s_own_host_only() {
        let links = r#"<p><a href="https://www.example.com/story-2?source=collection_home---4">a</a><a href="/story-3?source=post_page-----9">b</a><a href="https://example.com/story-4?id=1&amp;source=rss">c</a><a href="https://other.example/a?source=web">d</a></p>"#;
        // A publication on its own domain, known by its images.
        let medium = format!(
            r#"<figure><img src="https://cdn-images-1.medium.com/max/1024/1.png"></figure>{links}"#
        );
        let (out, edits) = apply(&TrackingParams::default(), &medium);
        assert_eq!(
            out,
            r#"<figure><img src="https://cdn-images-1.medium.com/max/1024/1.png"></figure><p><a href="https://www.example.com/story-2">a</a><a href="/story-3">b</a><a href="https://example.com/story-4?id=1">c</a><a href="https://other.example/a?source=web">d</a></p>"#
        );
        assert_eq!(edits.len(), 3);
        // Any other site's `source` is its own business.
        let (out, edits) = apply(&TrackingParams::default(), links);
        assert_eq!(out, links);
        assert!(edits.is_empty());
    }

    #[test]
    fn rewrites_every_url_attribute() {
        let html = r#"<p><a href="https://e.com/x?id=1&amp;utm_source=rss">a</a><img src="https://e.com/i.jpg?w=5&amp;fbclid=1" srcset="https://e.com/i.jpg?utm_medium=x 2x, https://e.com/j.jpg 1x" data-src="/i.jpg?spm=1"></p><blockquote cite="https://e.com/q?igshid=2">q</blockquote><a href="https://e.com/clean?a=1">c</a>"#;
        let (out, edits) = apply(&TrackingParams::default(), html);
        assert_eq!(
            out,
            r#"<p><a href="https://e.com/x?id=1">a</a><img src="https://e.com/i.jpg?w=5" srcset="https://e.com/i.jpg 2x, https://e.com/j.jpg 1x" data-src="/i.jpg"></p><blockquote cite="https://e.com/q">q</blockquote><a href="https://e.com/clean?a=1">c</a>"#
        );
        assert_eq!(edits.len(), 5);
    }
}
