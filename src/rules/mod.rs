//! The built-in rules, one module each, in the order they run.
//!
//! | name | removes or rewrites |
//! |---|---|
//! | `main-content` | on a whole web page, everything but the article (see [`main_content`]); nothing on an article fragment |
//! | `lazy-images` | promotes `data-src`-style lazy sources, drops placeholders, `<noscript>` copies and mobile duplicates |
//! | `active-content` | scripts, styles, forms, buttons, comments, non-video iframes; video embeds become links |
//! | `ad-slots` | ad units named by id/class/data attributes, and the wrappers left holding only them |
//! | `promotions` | subscription, newsletter, donate, app and paywall banners and links |
//! | `widgets` | share bars, related-post lists, comment sections |
//! | `tracking-pixels` | 1×1 images and known beacon endpoints |
//! | `tracking-params` | `utm_*`, `fbclid` and other tracking parameters in every URL attribute |
//! | `page-chrome` | a scraped page's headline, byline, dates, category links and navigation |
//! | `empty-containers` | elements left with no text and no media |
//! | `paragraphs` | paragraph normalisation: `<p>` for bare text, `<br><br>` splits, whitespace, wrappers |
//! | `edge-lines` | the page header (headline, kicker, byline, date, category line); closing copyright, feed footers, follow prompts, related-link runs, read-more links |

use std::sync::Arc;

use crate::dom::{Document, NodeRef, Visit};
use crate::rule::Rule;

pub mod active_content;
pub mod ad_slots;
pub mod edge_lines;
pub mod empty_containers;
pub(crate) mod facts;
pub mod lazy_images;
pub mod main_content;
pub mod page_chrome;
pub mod paragraphs;
pub mod promotions;
pub(crate) mod tokens;
pub mod tracking_params;
pub mod tracking_pixels;
pub mod widgets;

pub use active_content::ActiveContent;
pub use ad_slots::AdSlots;
pub use edge_lines::EdgeLines;
pub use empty_containers::EmptyContainers;
pub use lazy_images::LazyImages;
pub use main_content::{MainContent, MAIN_CONTENT};
pub use page_chrome::PageChrome;
pub use paragraphs::Paragraphs;
pub use promotions::Promotions;
pub use tracking_params::TrackingParams;
pub use tracking_pixels::TrackingPixels;
pub use widgets::Widgets;

/// Name of the paragraph normalisation rule; [`Builder::rule`](crate::Builder::rule)
/// inserts before it.
pub const PARAGRAPHS: &str = "paragraphs";

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

/// Elements that count as content even with no text in them.
pub(crate) const MEDIA_TAGS: &[&str] = &[
    "img", "picture", "video", "audio", "iframe", "embed", "object", "svg", "math", "canvas",
];

/// True if the subtree holds visible text or media.
pub(crate) fn has_content(node: &NodeRef) -> bool {
    use markup5ever_rcdom::{Handle, NodeData};
    let is_content = |n: &Handle| match &n.data {
        NodeData::Element { name, .. } => MEDIA_TAGS.contains(&&*name.local),
        NodeData::Text { contents } => crate::dom::has_visible_char(&contents.borrow()),
        _ => false,
    };
    if is_content(&node.0) {
        return true;
    }
    // Stops descending at the first hit; no node is cloned on the way.
    let mut found = false;
    crate::dom::visit_below_until(&node.0, |n| {
        found = is_content(n);
        if found {
            Visit::Stop
        } else {
            Visit::Descend
        }
    });
    found
}

/// `f` of [`NodeRef::text_content`], gathered into a buffer kept per thread
/// instead of a fresh string grown text node by text node.
pub(crate) fn with_text_content<T>(el: &NodeRef, f: impl FnOnce(&str) -> T) -> T {
    thread_local! {
        static BUFFER: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
    }
    // Taken, not borrowed: `f` may ask for another element's text.
    let mut text = BUFFER.take();
    text.clear();
    let mut push = |n: &markup5ever_rcdom::Handle| {
        if let markup5ever_rcdom::NodeData::Text { contents } = &n.data {
            text.push_str(&contents.borrow());
        }
    };
    push(&el.0);
    crate::dom::visit_below_until(&el.0, |n| {
        push(n);
        Visit::Descend
    });
    let answer = f(&text);
    BUFFER.set(text);
    answer
}

/// Blocks holding more than this share of the article's paragraph text are
/// never removed by a naming rule, and the rule leaves their insides alone
/// too: a container named `comments-and-article` around the whole story is
/// a naming accident, and a "conversation" page whose essays sit in a
/// comment thread has nothing else. A comment section that is merely
/// longer than the story it follows still goes: the guard only holds when
/// what is left outside the block is short too.
const MAX_BLOCK_SHARE: f64 = 0.75;

/// Text outside a guarded block must be shorter than this for the guard to
/// hold: with a story this long elsewhere, the block is not the story.
const MIN_STORY_OUTSIDE: usize = 1000;

/// Removes every element for which `matches` is true, unless it holds most
/// of the article, then removes the containers that were left holding nothing.
pub(crate) fn remove_blocks(doc: &mut Document, matches: impl FnMut(&NodeRef) -> bool) {
    let body = doc.body();
    let found = find_blocks(&body, matches);
    remove_found(doc, found, paragraph_len);
}

/// [`remove_blocks`] for a rule that asks about the text, links or media
/// below most elements: the page is measured once (see [`facts`]) and
/// `matches` gets the measurements.
pub(crate) fn remove_blocks_measured(
    doc: &mut Document,
    mut matches: impl FnMut(&NodeRef, &facts::Facts) -> bool,
) {
    let body = doc.body();
    // Shared with the next rule that asks, unless this one changes the tree.
    let facts = doc.measured(|doc| facts::Facts::measure(&doc.body()));
    let found = find_blocks(&body, |el| matches(el, &facts));
    remove_found(doc, found, |el| facts.paragraph_len(el));
}

/// The elements below `body` that `matches`, without looking inside a match.
fn find_blocks(body: &NodeRef, mut matches: impl FnMut(&NodeRef) -> bool) -> Vec<NodeRef> {
    // Found without changing the tree; a match is not looked inside,
    // whether it goes or is kept, so the tree as it was answers every
    // question the guard asks in `remove_found`.
    let mut found = Vec::new();
    crate::dom::visit_below_until(&body.0, |n| {
        if !matches!(n.data, markup5ever_rcdom::NodeData::Element { .. }) {
            return Visit::Skip;
        }
        let el = NodeRef(n.clone());
        if el.is("html") || !matches(&el) {
            return Visit::Descend;
        }
        found.push(el);
        Visit::Skip
    });
    found
}

/// Removes the `found` blocks, except those holding most of the article
/// (measured by `paragraph_len`, on the tree as it was when they were
/// found), then the containers left holding nothing.
fn remove_found(
    doc: &mut Document,
    found: Vec<NodeRef>,
    paragraph_len: impl Fn(&NodeRef) -> usize,
) {
    if found.is_empty() {
        return;
    }
    let body = doc.body();
    // All paragraph text, comment threads included: the guard compares a
    // block with everything else on the page. Measured only once a
    // container is named: most rules name nothing on most pages.
    let mut total = None;
    // The article as the page scoring sees it: asked only when a named
    // container holds half the paragraph text or more.
    let mut article = None;
    let mut doomed = Vec::with_capacity(found.len());
    let mut parents = Vec::new();
    for el in found {
        // The guard is for containers: a single paragraph or link the rule
        // names is judged on its own (and the pipeline's rollback still
        // stops a rule that takes most of the text).
        let container = !el.is_any(&[
            "p", "a", "img", "span", "small", "li", "b", "strong", "i", "em",
        ]);
        let holds_the_story = container && {
            let total = *total.get_or_insert_with(|| paragraph_len(&body));
            let inside = paragraph_len(&el);
            let most = total > 0
                && inside as f64 > MAX_BLOCK_SHARE * total as f64
                && total.saturating_sub(inside) < MIN_STORY_OUTSIDE;
            // A theme's name on the article's own container (`non-ad-column`,
            // `content-with-sidebar`, `js-social-anchor`): what the page
            // scoring sees as holding the article stays. Comment threads are
            // judged by their own rule.
            most || total > 0
                && inside * 2 >= total
                && !crate::dom::is_comment_section(&el)
                && article
                    .get_or_insert_with(|| crate::page::content::ArticleView::of(doc))
                    .as_ref()
                    .is_some_and(|a| a.holds(&el))
        };
        if holds_the_story {
            doc.note(&el, "kept: holds most of the article's text");
            continue;
        }
        if let Some(p) = el.parent() {
            parents.push(p);
        }
        doomed.push(el);
    }
    doc.remove_all(&doomed);
    remove_emptied_ancestors(doc, parents);
}

/// Non-whitespace characters of paragraph text inside `el`.
pub(crate) fn paragraph_len(el: &NodeRef) -> usize {
    crate::dom::paragraph_len_of(&el.0)
}

/// After removals, climbs from each former parent and removes the highest
/// ancestor chain that now holds no text and no media (the `<section id="imu">`
/// left around a removed ad slot).
pub(crate) fn remove_emptied_ancestors(doc: &mut Document, parents: Vec<NodeRef>) {
    for parent in parents {
        let mut top = None;
        let mut cur = Some(parent);
        while let Some(node) = cur {
            if !node.is_element()
                || node.is_any(&["body", "html", "td", "th", "li", "tr"])
                || node.parent().is_none()
                || has_content(&node)
            {
                break;
            }
            top = Some(node.clone());
            cur = node.parent();
        }
        if let Some(top) = top {
            doc.remove(&top);
        }
    }
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
        };
        let mut doc = Document::parse(html);
        rule.apply(&mut doc, &cx).unwrap();
        let edits = doc.commit();
        (crate::output::serialize_children(&doc.body()), edits)
    }
}
