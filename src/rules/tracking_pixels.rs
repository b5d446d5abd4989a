//! `tracking-pixels`: images that exist to report a page view: declared
//! 0×0 or 1×1 (by attribute or inline style), or served by a known
//! statistics or beacon endpoint (Medium's `/_/stat`, Feedburner's `~r`
//! counters, WordPress stats, analytics hosts).

use url::Url;

use crate::dom::{Document, NodeRef};
use crate::error::RuleError;
use crate::rule::{Context, Rule};

/// Removes tracking pixels and beacons. See the [module docs](self).
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
pub fn is_beacon_url(src: &str, base: Option<&Url>) -> bool {
    let url = match base {
        Some(b) => b.join(src.trim()),
        None => Url::parse(src.trim()),
    };
    let Ok(url) = url else { return false };
    let host = url.host_str().unwrap_or("").to_ascii_lowercase();
    if BEACON_HOSTS
        .iter()
        .any(|h| host == *h || host.ends_with(&format!(".{h}")))
    {
        return true;
    }
    if host
        .split('.')
        .next()
        .is_some_and(|first| BEACON_LABELS.contains(&first))
    {
        return true;
    }
    let path_and_query = &url[url::Position::BeforePath..];
    BEACON_PATHS.iter().any(|p| path_and_query.contains(p))
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
pub fn is_tiny_image(img: &NodeRef) -> bool {
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

impl Rule for TrackingPixels {
    fn name(&self) -> &str {
        "tracking-pixels"
    }

    fn apply(&self, doc: &mut Document, cx: &Context<'_>) -> Result<(), RuleError> {
        let base = cx.base_url();
        super::remove_blocks(doc, |el| is_pixel(el, base));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
