//! `page-chrome`: the parts of a scraped page that frame the article rather
//! than belong to it: the headline repeated from the title, bylines and
//! date lines, category and tag links, breadcrumbs, site navigation, and
//! text hidden from sight (`screen-reader-text`, `element-invisible`,
//! `off-screen`).

use super::tokens::WordSet;
use crate::dom::{Document, NodeRef};
use crate::error::RuleError;
use crate::rule::{Context, Rule};

/// Removes page chrome around the article. See the [module docs](self).
#[derive(Debug, Clone, Copy, Default)]
pub struct PageChrome;

/// Whole id/class values (or words of them) that name page chrome.
const CHROME_WORDS: &[&str] = &[
    "byline",
    "copyright",
    "submitted",
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

/// [`CHROME_WORDS`] for lookups.
static CHROME_WORD_SET: std::sync::LazyLock<WordSet> =
    std::sync::LazyLock::new(|| WordSet::new(CHROME_WORDS));

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

/// True if the element's `id` or one of its classes is a hidden name. ASCII
/// case folding is exact here: the names are ASCII, and the one non-ASCII
/// character that lower-cases into ASCII (U+212A KELVIN SIGN, `k`) is in
/// none of them.
fn has_hidden_name(el: &NodeRef) -> bool {
    let mut found = false;
    el.for_each_attr(|name, value| {
        if !found && (name == "id" || name == "class") {
            found = value
                .split_ascii_whitespace()
                .any(|part| HIDDEN_NAMES.iter().any(|h| part.eq_ignore_ascii_case(h)));
        }
    });
    found
}

/// Normalises a heading or title for comparison: no whitespace, lower case.
pub(crate) fn squash(s: &str) -> String {
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
    has_hidden_name(el) || CHROME_WORD_SET.names(el)
}

/// True for a line that is only a date and/or time (`2020-07-23T08:14:32`,
/// `29/07/2020 - 10:28`, `2020年7月23日 星期四`, `Jul 29, 2020 GMT`).
pub fn is_date_line(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > 40 {
        return false;
    }
    let digits = line.chars().filter(char::is_ascii_digit).count();
    if digits < 4 {
        return false;
    }
    const WORDS: &[&str] = &[
        "gmt",
        "utc",
        "cst",
        "am",
        "pm",
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "t",
        "z",
        "星期一",
        "星期二",
        "星期三",
        "星期四",
        "星期五",
        "星期六",
        "星期日",
        "星期天",
        "更新",
        "发布",
        "發布",
        "最后更新",
        "最後更新",
    ];
    let lower = line.to_lowercase();
    let rest: String = lower
        .chars()
        .map(|c| {
            if c.is_ascii_digit() || "/-:.,+()年月日时時分秒 ".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    rest.split_whitespace()
        .all(|w| WORDS.contains(&w) || w.len() <= 1 && w.chars().all(|c| c.is_ascii_alphabetic()))
}

/// True for a short trailing copyright notice (`© 2020 AFP`, `版权所有`).
pub fn is_copyright_line(line: &str) -> bool {
    let line = line.trim();
    let lower = line.to_lowercase();
    line.chars().count() <= 80
        && (line.starts_with('©')
            || lower.starts_with("copyright")
            || lower.starts_with("(c) ")
            || line.starts_with("版权所有")
            || line.starts_with("版權所有"))
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
    fn date_lines_and_copyright_notices() {
        for d in [
            "2020-07-23T08:14:32",
            "29/07/2020 - 10:28",
            "2020年7月23日 星期四",
            "Jul 29, 2020 08:00 GMT",
            "2020-07-23T08:09:48.505Z",
        ] {
            assert!(is_date_line(d), "{d}");
        }
        for not in [
            "In 2020 prices rose 12%",
            "2020年，物价上涨",
            "Page 2 of 10",
        ] {
            assert!(!is_date_line(not), "{not}");
        }
    }

    #[test]
    fn hidden_is_a_whole_word_only() {
        let html = r#"<div class="field-label-hidden"><p>Body</p></div>"#;
        let (out, _) = apply(&PageChrome, html);
        assert_eq!(out, html);
    }
}
