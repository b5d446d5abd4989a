//! The built-in rules, one module each, in the order they run.
//!
//! | name | removes or rewrites |
//! |---|---|
//! | `main-content` | on a whole web page, everything but the article (see [`MainContent`]); nothing on an article fragment |
//! | `lazy-images` | promotes `data-src`-style lazy sources, drops placeholders, `<noscript>` copies and mobile duplicates |
//! | `active-content` | scripts, styles, forms, buttons, comments, non-video iframes; video embeds become links |
//! | `ad-slots` | ad units named by id/class/data attributes, and the wrappers left holding only them |
//! | `promotions` | subscription, newsletter, donate, app and paywall banners and links; donation buttons |
//! | `widgets` | share bars, the older web's bookmark links, related-post lists, comment sections |
//! | `tracking-pixels` | 1×1 images and known beacon endpoints |
//! | `tracking-params` | `utm_*`, `fbclid` and other tracking parameters in every URL attribute (YouTube's `si` and Medium's `source` where they track) |
//! | `page-chrome` | a scraped page's headline, byline, dates, category links and navigation |
//! | `empty-containers` | elements left with no text and no media |
//! | `paragraphs` | paragraph normalisation: `<p>` for bare text, `<br><br>` splits, whitespace, wrappers |
//! | `edge-lines` | the page header (headline, kicker, byline, date, category line); closing copyright, feed footers (a WordPress plugin's post links too), follow prompts, related-link runs, read-more links |

use std::sync::Arc;

use crate::rule::Rule;

mod active_content;
mod ad_slots;
mod edge_lines;
mod empty_containers;
mod kit;
mod lazy_images;
mod main_content;
mod page_chrome;
mod paragraphs;
mod promotions;
pub(crate) mod tracking_params;
mod tracking_pixels;
pub(crate) mod widgets;

pub use active_content::ActiveContent;
pub use ad_slots::AdSlots;
pub use edge_lines::EdgeLines;
pub use empty_containers::EmptyContainers;
pub use lazy_images::LazyImages;
pub use main_content::MainContent;
pub use page_chrome::PageChrome;
pub use paragraphs::Paragraphs;
pub use promotions::Promotions;
pub use tracking_params::{TrackingParams, DEFAULT_PARAMS, DEFAULT_PREFIXES, URL_ATTRIBUTES};
pub use tracking_pixels::TrackingPixels;
pub use widgets::Widgets;

#[cfg(any(feature = "selectors", test))]
pub(crate) use kit::remove_blocks;
pub(crate) use kit::{
    has_content, remove_blocks_measured, remove_emptied_ancestors, with_text_content,
};

/// Name of the `main-content` rule ([`MainContent`]).
pub const MAIN_CONTENT: &str = "main-content";
/// Name of the `lazy-images` rule ([`LazyImages`]).
pub const LAZY_IMAGES: &str = "lazy-images";
/// Name of the `active-content` rule ([`ActiveContent`]).
pub const ACTIVE_CONTENT: &str = "active-content";
/// Name of the `ad-slots` rule ([`AdSlots`]).
pub const AD_SLOTS: &str = "ad-slots";
/// Name of the `promotions` rule ([`Promotions`]).
pub const PROMOTIONS: &str = "promotions";
/// Name of the `widgets` rule ([`Widgets`]).
pub const WIDGETS: &str = "widgets";
/// Name of the `tracking-pixels` rule ([`TrackingPixels`]).
pub const TRACKING_PIXELS: &str = "tracking-pixels";
/// Name of the `tracking-params` rule ([`TrackingParams`]); ClearURLs
/// rules run right after it.
pub const TRACKING_PARAMS: &str = "tracking-params";
/// Name of the `page-chrome` rule ([`PageChrome`]).
pub const PAGE_CHROME: &str = "page-chrome";
/// Name of the `empty-containers` rule ([`EmptyContainers`]); declarative
/// rules run before it.
pub const EMPTY_CONTAINERS: &str = "empty-containers";
/// Name of the paragraph normalisation rule ([`Paragraphs`]);
/// [`Builder::rule`](crate::Builder::rule) inserts before it.
pub const PARAGRAPHS: &str = "paragraphs";
/// Name of the `edge-lines` rule ([`EdgeLines`]).
pub const EDGE_LINES: &str = "edge-lines";

/// The built-in pipeline, in order.
pub fn default_rules() -> Vec<Arc<dyn Rule>> {
    vec![
        Arc::new(MainContent),
        Arc::new(LazyImages),
        Arc::new(ActiveContent),
        Arc::new(AdSlots),
        Arc::new(Promotions),
        Arc::new(Widgets),
        Arc::new(TrackingPixels),
        Arc::new(TrackingParams::default()),
        Arc::new(PageChrome),
        Arc::new(EmptyContainers),
        Arc::new(Paragraphs),
        Arc::new(EdgeLines),
    ]
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::dom::{Document, Edit};
    use crate::report::Report;
    use crate::rule::{Context, Rule};

    /// Runs one rule on `html` with `https://www.example.com/news/1` as the
    /// article URL; returns the body's HTML and the rule's edits.
    pub fn apply(rule: &dyn Rule, html: &str) -> (String, Vec<Edit>) {
        let url = url::Url::parse("https://www.example.com/news/1").unwrap();
        let report = Report::default();
        let cx = Context {
            base_url: Some(&url),
            title: None,
            report: &report,
            html,
        };
        let mut doc = Document::parse(html);
        rule.apply(&mut doc, &cx).unwrap();
        let edits = doc.commit();
        (crate::output::serialize_children(&doc.body()), edits)
    }
}
