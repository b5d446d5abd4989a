//! The `tracking-pixels` rule, [`TrackingPixels`]: what it does and why is on the type.

use url::Url;

use crate::dom::{Document, NodeRef, Visit};
use crate::error::RuleError;
use crate::html::tags::Tag;
use crate::page::facts::Fact;
use crate::rule::{Context, Rule};

/// Removes tracking pixels and beacons.
///
/// `tracking-pixels`: images that exist to report a page view: declared
/// 0×0 or 1×1 (by attribute or inline style), or served by a known
/// statistics or beacon endpoint (Medium's `/_/stat`, Feedburner's `~r`
/// counters, WordPress stats, analytics hosts).
#[derive(Debug, Clone, Copy, Default)]
pub struct TrackingPixels;

/// Hosts (or host suffixes) that only serve counters and beacons.
const BEACON_HOSTS: &[&str] = &[
    "google-analytics.com",
    "googletagmanager.com",
    "doubleclick.net",
    "scorecardresearch.com",
    "quantserve.com",
    "pixel.wp.com",
    "stats.wordpress.com",
    "feeds.feedburner.com",
    "feedproxy.google.com",
    "chartbeat.net",
    "mixpanel.com",
    "hotjar.com",
    "statcounter.com",
    "c.statcounter.com",
    "counter.yadro.ru",
    "mc.yandex.ru",
    "hm.baidu.com",
    "cnzz.com",
    "px.ads.linkedin.com",
    "bat.bing.com",
    "sb.scorecardresearch.com",
    "pixel.quantserve.com",
    "analytics.twitter.com",
];

/// First host labels that mark a beacon server.
const BEACON_LABELS: &[&str] = &[
    "pixel",
    "beacon",
    "stats",
    "stat",
    "analytics",
    "track",
    "tracking",
    "metrics",
    "counter",
];

/// Path pieces that mark a beacon endpoint.
const BEACON_PATHS: &[&str] = &[
    "/_/stat",
    "/~r/",
    "/pixel.gif",
    "/1x1.gif",
    "/beacon",
    "/tr?",
    "/collect?",
    "matomo.php",
    "piwik.php",
];

/// True if `src` is served by a known counter or beacon endpoint.
pub(crate) fn is_beacon_url(src: &str, base: Option<&Url>) -> bool {
    may_be_beacon(src, base) && parses_as_beacon(src, base)
}

/// [`is_beacon_url`] without the prefilter: parses the link.
fn parses_as_beacon(src: &str, base: Option<&Url>) -> bool {
    let url = match base {
        Some(b) => b.join(src.trim()),
        None => Url::parse(src.trim()),
    };
    let Ok(url) = url else { return false };
    if is_beacon_host(url.host_str().unwrap_or("")) {
        return true;
    }
    let path_and_query = &url[url::Position::BeforePath..];
    BEACON_PATHS.iter().any(|p| path_and_query.contains(p))
}

/// True if `host` is a beacon host, a subdomain of one, or starts with a
/// beacon label; ASCII case aside.
fn is_beacon_host(host: &str) -> bool {
    let ends_with = |suffix: &str| {
        host.len() >= suffix.len()
            && host.as_bytes()[host.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    let first = host.split('.').next().unwrap_or("");
    BEACON_HOSTS.iter().any(|h| {
        ends_with(h) && (host.len() == h.len() || host.as_bytes()[host.len() - h.len() - 1] == b'.')
    }) || BEACON_LABELS.iter().any(|l| l.eq_ignore_ascii_case(first))
}

/// Where the host of `src` comes from.
enum HostSource<'a> {
    /// The link's own authority (user info and port included), after
    /// `scheme://` or `//`.
    Authority(&'a str),
    /// A scheme that is not special and no `//`: no host at all.
    None,
    /// The base, and the link is a path from the root (`/img/a.png`).
    BaseWithPath,
    /// Anything else: the base's path matters too.
    Other,
}

fn host_source(src: &str) -> HostSource<'_> {
    let rest = if let Some(rest) = src.strip_prefix("//") {
        rest
    } else if src.starts_with('/') {
        return HostSource::BaseWithPath;
    } else {
        let Some(colon) = src.find(':') else {
            return HostSource::Other;
        };
        let scheme = &src[..colon];
        let valid = scheme
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic())
            && scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
        if !valid {
            return HostSource::Other;
        }
        match src[colon + 1..].strip_prefix("//") {
            Some(rest) => rest,
            // `https:x` may be resolved against a base of the same scheme.
            None if is_special(scheme) => return HostSource::Other,
            None => return HostSource::None,
        }
    };
    // Special schemes skip any further slashes; for others the host is
    // then empty and the bytes below are only searched needlessly.
    let rest = rest.trim_start_matches('/');
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    HostSource::Authority(&rest[..end])
}

fn is_special(scheme: &str) -> bool {
    ["http", "https", "ws", "wss", "ftp", "file"]
        .iter()
        .any(|s| scheme.eq_ignore_ascii_case(s))
}

/// False if the host parsed from `authority` cannot be a beacon host.
/// Made only of ASCII letters, digits, dots and hyphens, an authority is
/// the host, which parsing only lower-cases (or turns into an IP address,
/// which no beacon rule matches), so the host rules apply to it as they
/// stand. Otherwise, without `%` escapes (decoded in a host) and non-ASCII
/// characters (mapped), the host is still a piece of it, up to ASCII case,
/// and holds a beacon name only if the authority does.
fn host_may_be_beacon(authority: &str) -> bool {
    static NAMES: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    if authority
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
    {
        return is_beacon_host(authority);
    }
    if authority.bytes().any(|b| b == b'%' || !b.is_ascii()) {
        return true;
    }
    NAMES
        .get_or_init(|| {
            crate::text::search::caseless_words(BEACON_HOSTS.iter().chain(BEACON_LABELS))
        })
        .is_match(authority)
}

/// True if a path segment of `src` may be `.` or `..` (`%2e` counts as a
/// dot): parsing removes those, joining what was apart.
fn may_have_dot_segment(src: &str) -> bool {
    let b = src.as_bytes();
    memchr::memchr_iter(b'/', b).any(|i| {
        let next = &b[i + 1..];
        next.first() == Some(&b'.')
            || next
                .get(..3)
                .is_some_and(|e| e.eq_ignore_ascii_case(b"%2e"))
    })
}

/// False only when `src` cannot be a beacon: saves parsing a URL for
/// nearly every image. Links with ASCII controls (tabs and newlines are
/// dropped, the others escaped), backslashes (read as slashes) or dot
/// segments get the full check. In the others, parsing changes the path,
/// query and fragment only by escaping characters as `%XX` and by adding
/// a `/` before a query or fragment when the path is empty. No path needle
/// holds a `%`, starts with a hex digit or starts `/?` or `/#`, so every
/// needle the full check finds in them is in `src` as written. The host
/// comes from the link's authority ([`host_may_be_beacon`]), or from the
/// base for a path from the root, or is none.
fn may_be_beacon(src: &str, base: Option<&Url>) -> bool {
    static PATHS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    let src = src.trim();
    if src.bytes().any(|b| b.is_ascii_control() || b == b'\\') || may_have_dot_segment(src) {
        return true;
    }
    let host_hit = match host_source(src) {
        HostSource::Authority(authority) => host_may_be_beacon(authority),
        HostSource::None => false,
        // Without a base such a link does not parse. A file base would add
        // its drive letter to the path: checked in full.
        HostSource::BaseWithPath => match base {
            None => false,
            Some(b) if is_special(b.scheme()) && b.scheme() != "file" => {
                is_beacon_host(b.host_str().unwrap_or(""))
            }
            Some(_) => return true,
        },
        HostSource::Other => return true,
    };
    host_hit
        || PATHS
            .get_or_init(|| {
                aho_corasick::AhoCorasick::builder()
                    .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                    .build(BEACON_PATHS)
                    .expect("a few literal paths always build")
            })
            .is_match(src)
}

/// A dimension of at most one pixel, from an attribute (`1`, `0`, `1px`).
fn tiny(value: &str) -> bool {
    let v = value.trim().trim_end_matches("px").trim();
    matches!(v, "0" | "1" | "0.0" | "1.0")
}

/// Width and height from inline style, if declared.
fn style_dimension(style: &str, prop: &str) -> Option<String> {
    style.split(';').find_map(|decl| {
        let (name, value) = decl.split_once(':')?;
        (name.trim().eq_ignore_ascii_case(prop)).then(|| value.trim().to_string())
    })
}

/// True if the image is declared 0×0 or 1×1, or hidden by inline style.
pub(crate) fn is_tiny_image(img: &NodeRef) -> bool {
    let w = img.attr("width");
    let h = img.attr("height");
    if let (Some(w), Some(h)) = (&w, &h) {
        if tiny(w) && tiny(h) {
            return true;
        }
    }
    if let Some(style) = img.attr("style") {
        let sw = style_dimension(&style, "width");
        let sh = style_dimension(&style, "height");
        if let (Some(w), Some(h)) = (sw, sh) {
            if tiny(&w) && tiny(&h) {
                return true;
            }
        }
        let compact: String = style.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.contains("display:none") || compact.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

fn is_pixel(el: &NodeRef, base: Option<&Url>) -> bool {
    if !el.is("img") {
        return false;
    }
    is_tiny_image(el)
        || el
            .with_attr("src", |s| is_beacon_url(s, base))
            .unwrap_or(false)
}

const IMG: Tag = Tag::named("img");

impl Rule for TrackingPixels {
    fn name(&self) -> &str {
        super::TRACKING_PIXELS
    }

    fn apply(&self, doc: &mut Document, cx: &Context<'_>) -> Result<(), RuleError> {
        let base = cx.base_url();
        // What `remove_blocks` does, for images only: only an `img` can be
        // a pixel, so no other element is wrapped for the question, and an
        // image is never a container that might hold the story.
        let mut pixels = Vec::new();
        {
            let facts = doc.facts();
            let images = facts.of(&doc.body()).is_none_or(Fact::has_img_below);
            if images {
                facts.visit_elements(|el, fact| {
                    if fact.tag() == IMG && is_pixel(el, base) {
                        pixels.push(el.clone());
                        Visit::Skip
                    } else {
                        Visit::Descend
                    }
                });
            }
        }
        let parents = pixels.iter().filter_map(NodeRef::parent).collect();
        doc.remove_all(&pixels);
        super::remove_emptied_ancestors(doc, parents);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::RuleError;
    use crate::rules::tests::apply;

    #[test]
    fn removes_pixels_and_beacons() {
        let html = r#"<p>Story.<img src="https://medium.com/_/stat?event=post.clientViewed&referrerSource=full_rss&postId=abc" width="1" height="1" alt=""></p><p>More.<img src="https://feeds.feedburner.com/~r/example/~4/xyz" height="1" width="1" alt=""></p><img src="https://pixel.example.net/p.gif?x=1"><img src="/images/spacer.png" style="width: 1px; height: 1px"><p><img src="https://cdn.example.com/photo.jpg" width="640" height="480"></p>"#;
        let (out, edits) = apply(&TrackingPixels, html);
        assert_eq!(
            out,
            r#"<p>Story.</p><p>More.</p><p><img src="https://cdn.example.com/photo.jpg" width="640" height="480"></p>"#
        );
        assert_eq!(edits.len(), 4);
    }

    /// `remove_blocks` with the pixel test: the image-only visit must
    /// remove the same elements, emptied wrappers included, in the same order.
    struct BlockTrackingPixels;

    impl Rule for BlockTrackingPixels {
        fn name(&self) -> &str {
            "blocks"
        }

        fn apply(&self, doc: &mut Document, cx: &Context<'_>) -> Result<(), RuleError> {
            let base = cx.base_url();
            crate::rules::remove_blocks(doc, |el| is_pixel(el, base));
            Ok(())
        }
    }

    #[test]
    fn removes_what_remove_blocks_removed() {
        let html = r#"<section id="s"><div><img src="https://pixel.example.net/a.gif"></div></section><p>Text <img src="x.png" width="1" height="1"><img src="photo.jpg"></p><div><img src="/b.gif" style="display: none"><img src="/c.gif" style="width:0;height:0"></div><span><img src="https://stats.wordpress.com/g.gif?x=1"></span><img src="ok.png">"#;
        let (want, want_edits) = apply(&BlockTrackingPixels, html);
        let (got, got_edits) = apply(&TrackingPixels, html);
        assert_eq!(got, want);
        assert_eq!(got_edits, want_edits);
        // The wrappers left empty went too.
        assert!(got_edits.len() > 6, "{got_edits:?}");
    }

    /// The prefilter may only rule out links the full check rules out: tried
    /// on links built from pieces URL parsing rewrites (case, escapes in
    /// hosts and dot segments, full-width letters, tabs, backslashes, user
    /// info, IP addresses, empty paths) and bases that lend their host.
    #[test]
    fn the_beacon_prefilter_never_hides_a_beacon() {
        let starts = [
            "https://",
            "HTTP://",
            "//",
            "",
            "data:",
            "foo://",
            "https:",
            "file:///",
            "https:///",
            "https:\\\\",
            " https://",
        ];
        let hosts = [
            "pixel.example.com",
            "PIXEL.x",
            "a.Stats.WordPress.com",
            "%70ixel.x",
            "ｐｉｘｅｌ.x",
            "user@pixel.x:8080",
            "pixel@cdn.x",
            "cdn.x",
            "cdn.x:443",
            "1.2.3.4",
            "0x7f.1",
            "[::1]",
            "xn--pixel-.x",
            "statcounter.com.",
            "pi\txel.x",
            "mc.yandex.ru",
            "",
            "x.hotjar.com",
            "nothotjar.com",
            "static.x",
            "beacon",
        ];
        let paths = [
            "",
            "/a.png",
            "/_/stat",
            "/_/x/../stat",
            "/_/%2e/stat",
            "/_/%2E%2e/x/../stat",
            "/tr?x",
            "?tr?",
            "/t\nr?x",
            "\\tr?x",
            "/1x1.gif",
            "/p/ 1x1.gif",
            "/café/pixel.gif",
            "#/beacon",
            "/a/./beacon",
            "/matomo.php",
            "/MATOMO.PHP",
            "/~r/a",
            "/_/st%61t",
            "/collect?v=1",
            "/collect",
            "?",
            "#",
            "/a/.%2e/tr?x",
        ];
        let bases: Vec<Option<Url>> = [
            "https://www.example.com/news/1",
            "https://pixel.example.com/_/",
            "https://x.com/tr",
            "HTTPS://STATS.WORDPRESS.COM/a",
            "file:///C:/a/b",
            "foo://pixel.x/a",
            "mailto:x",
        ]
        .iter()
        .map(|b| Url::parse(b).ok())
        .chain([None])
        .collect();
        let mut ruled_out = 0;
        for start in starts {
            for host in hosts {
                for path in paths {
                    let src = format!("{start}{host}{path}");
                    for base in &bases {
                        if !may_be_beacon(&src, base.as_ref()) {
                            ruled_out += 1;
                            assert!(
                                !parses_as_beacon(&src, base.as_ref()),
                                "{src:?} on {base:?}"
                            );
                        }
                    }
                }
            }
        }
        // Not vacuous: most plain links are ruled out.
        assert!(ruled_out > 2000, "{ruled_out}");
        assert!(!may_be_beacon(
            "https://cdn.example.com/2021/stats-chart.png?w=1%2C2",
            None
        ));
        assert!(!may_be_beacon(
            "/images/a.png",
            Url::parse("https://e.com/x").ok().as_ref()
        ));
    }

    #[test]
    fn photos_about_statistics_are_not_beacons() {
        assert!(!is_beacon_url(
            "https://cdn.example.com/2021/stats-chart.png",
            None
        ));
        assert!(!is_beacon_url(
            "https://example.com/news/track-and-field.jpg",
            None
        ));
    }
}
