//! `page-chrome`: the parts of a scraped page that frame the article rather
//! than belong to it: the headline repeated from the title, bylines and
//! date lines, category and tag links, breadcrumbs, site navigation, and
//! text hidden from sight (`screen-reader-text`, `element-invisible`,
//! `off-screen`).

use super::tokens::{any_element_word, element_names};
use crate::dom::{Document, NodeRef};
use crate::error::RuleError;
use crate::rule::{Context, Rule};

/// Removes page chrome around the article. See the [module docs](self).
#[derive(Debug, Clone, Copy, Default)]
pub struct PageChrome;

/// Whole id/class values (or words of them) that name page chrome.
const CHROME_WORDS: &[&str] = &[
    "byline",
    "breadcrumb",
    "breadcrumbs",
    "entry-meta",
    "post-meta",
    "article-meta",
    "meta-item",
    "cat-links",
    "tags-links",
    "tag-links",
    "posted-on",
    "post-date",
    "entry-date",
    "published-on",
    "word-count",
    "reading-time",
    "entry-footer",
    "site-header",
    "site-footer",
    "site-nav",
    "sidebar",
    "widget-area",
];

/// Whole class or id values (never words of longer names: Drupal's
/// `field-label-hidden` wraps the article body) that hide text from sight.
const HIDDEN_NAMES: &[&str] = &[
    "hidden",
    "screen-reader-text",
    "sr-only",
    "visually-hidden",
    "element-hidden",
    "element-invisible",
    "off-screen",
    "offscreen",
    "print-only",
];

/// Normalises a heading or title for comparison: no whitespace, lower case.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_chrome(el: &NodeRef, title: Option<&str>) -> bool {
    if el.is_any(&["nav"]) {
        return true;
    }
    if el.is_any(&["h1", "h2"]) {
        if let Some(title) = title.map(squash).filter(|t| !t.is_empty()) {
            if squash(&el.text_content()) == title {
                return true;
            }
        }
    }
    if el.is_any(&["p", "li", "td"]) {
        return false;
    }
    // `hidden` as an attribute means the same as the class.
    if el.has_attr("hidden")
        || el.with_attr("aria-hidden", |v| v == "true") == Some(true)
            && crate::dom::has_visible_text(&el.0)
    {
        return el.text_len() < 200;
    }
    element_names(el)
        .iter()
        .any(|n| HIDDEN_NAMES.contains(&n.as_str()))
        || any_element_word(el, |w| CHROME_WORDS.contains(&w))
}

impl Rule for PageChrome {
    fn name(&self) -> &str {
        "page-chrome"
    }

    fn apply(&self, doc: &mut Document, cx: &Context<'_>) -> Result<(), RuleError> {
        let title = cx.title();
        super::remove_blocks(doc, |el| is_chrome(el, title));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::tests::apply;

    #[test]
    fn removes_meta_lines_and_hidden_text() {
        let html = r#"<header><div class="entry-meta"><span class="byline">By A</span><span class="cat-links"><a href="/c">News</a></span></div></header><p>Body<span class="off-screen">Image copyright</span>.</p><nav><a href="/">Home</a></nav>"#;
        let (out, _) = apply(&PageChrome, html);
        assert_eq!(out, "<p>Body.</p>");
    }

    #[test]
    fn hidden_is_a_whole_word_only() {
        let html = r#"<div class="field-label-hidden"><p>Body</p></div>"#;
        let (out, _) = apply(&PageChrome, html);
        assert_eq!(out, html);
    }
}
