//! The `page-chrome` rule, [`PageChrome`]: what it does and why is on the type.

use crate::dom::{Document, NodeRef};
use crate::error::RuleError;
use crate::html::tags::{Tag, TagSet};
use crate::page::facts::Fact;
use crate::page::lines::{squash, squashes_to};
use crate::page::names::{Marks, Names};
use crate::rule::{Context, Rule};

/// Removes page chrome around the article.
///
/// `page-chrome`: the parts of a scraped page that frame the article rather
/// than belong to it: the headline repeated from the title, bylines and
/// date lines, category and tag links, breadcrumbs, site navigation, and
/// text hidden from sight (`screen-reader-text`, `element-invisible`,
/// `off-screen`).
#[derive(Debug, Clone, Copy, Default)]
pub struct PageChrome;

/// `title` is the page title [`squash`]ed, if it is not empty.
fn is_chrome(el: &NodeRef, fact: &Fact, title: Option<&str>) -> bool {
    let tag = fact.tag();
    if tag == NAV {
        return true;
    }
    if HEADLINES.contains(tag) && title.is_some_and(|t| squashes_to(&el.text_content(), t)) {
        return true;
    }
    if TEXT_BLOCKS.contains(tag) {
        return false;
    }
    // `hidden` as an attribute means the same as a hidden class name.
    let marks = fact.marks();
    if marks.has(Marks::HIDDEN_PLAIN) || marks.has(Marks::ARIA_HIDDEN) && fact.has_visible_text() {
        return fact.text_len() < 200;
    }
    let names = fact.names();
    names.has(Names::HIDDEN) || marks.has(Marks::NAMED) && names.has(Names::CHROME)
}

const NAV: Tag = Tag::named("nav");

/// Headings that may repeat the page title.
const HEADLINES: TagSet = TagSet::of(&["h1", "h2"]);

/// Paragraphs, list items and cells: text, not chrome, whatever their names.
const TEXT_BLOCKS: TagSet = TagSet::of(&["p", "li", "td"]);

impl Rule for PageChrome {
    fn name(&self) -> &str {
        super::PAGE_CHROME
    }

    fn apply(&self, doc: &mut Document, cx: &Context<'_>) -> Result<(), RuleError> {
        // Squashed once, not for every heading.
        let title = cx.title().map(squash).filter(|t| !t.is_empty());
        super::remove_blocks_measured(doc, |el, fact, _| is_chrome(el, fact, title.as_deref()));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::page::lines::*;
    #[allow(unused_imports)]
    use crate::page::names::*;
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
            "6 Jul 2020",
            "2020",
            "10:28 pm",
            "2 0 1 7 年",
        ] {
            assert!(is_date_line(d), "{d}");
        }
        for not in [
            "In 2020 prices rose 12%",
            "2020年，物价上涨",
            "Page 2 of 10",
            "42 42",
            "12 345",
        ] {
            assert!(!is_date_line(not), "{not}");
        }
    }

    #[test]
    fn copyright_lines_are_found_as_lower_casing_the_line_finds_them() {
        let plain = |line: &str| {
            let line = line.trim();
            let lower = line.to_lowercase();
            line.chars().count() <= 80
                && (line.starts_with('©')
                    || lower.starts_with("copyright")
                    || lower.starts_with("(c) ")
                    || line.starts_with("版权所有")
                    || line.starts_with("版權所有"))
        };
        let mut lines = crate::testing::all_strings(&['C', '(', 'c', ')', ' ', 'Σ', '\u{130}'], 5);
        for head in [
            "COPYRIGHT",
            "Copyright",
            "copyrigh",
            "(C) ",
            "(c)",
            "© ",
            "版权所有",
            "版權",
        ] {
            for tail in [
                "",
                " 2020 AFP",
                "Σ",
                &"x".repeat(70),
                &"x".repeat(71),
                &"字".repeat(80),
            ] {
                lines.push(format!("{head}{tail}"));
                lines.push(format!(" \u{3000}{head}{tail}\n"));
            }
        }
        for line in &lines {
            assert_eq!(is_copyright_line(line), plain(line), "{line:?}");
        }
    }

    #[test]
    fn caseless_characters_lower_case_to_themselves() {
        let caseless: Vec<char> = (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|c| is_caseless(*c))
            .collect();
        assert!(caseless.len() > 30_000);
        for c in caseless {
            assert!(c.to_lowercase().eq([c]), "{c:?}");
        }
    }

    #[test]
    fn squashing_is_lower_casing_without_whitespace() {
        let plain = |s: &str| -> String {
            s.chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let alphabet = ['A', 'b', ' ', '\u{3000}', '中', 'İ', 'Σ', '！', 'Ａ'];
        let texts = crate::testing::all_strings(&alphabet, 4);
        for s in &texts {
            assert_eq!(squash(s), plain(s), "{s:?}");
        }
        for squashed in ["", "ab", "中ab", "i\u{307}", "σ", "！ａ", "中"] {
            for s in &texts {
                assert_eq!(
                    squashes_to(s, squashed),
                    plain(s) == squashed,
                    "{s:?} {squashed:?}"
                );
            }
        }
    }

    #[test]
    fn hidden_is_a_whole_word_only() {
        let html = r#"<div class="field-label-hidden"><p>Body</p></div>"#;
        let (out, _) = apply(&PageChrome, html);
        assert_eq!(out, html);
    }

    /// `is_chrome` as it was before the attributes were read in one pass
    /// and the title squashed once: what the fast one must agree with.
    fn plain_is_chrome(el: &NodeRef, title: Option<&str>) -> bool {
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
        if el.has_attr("hidden")
            || el.with_attr("aria-hidden", |v| v == "true") == Some(true) && el.has_visible_text()
        {
            return el.text_len() < 200;
        }
        let mut hidden_name = false;
        el.for_each_attr(|name, value| {
            if !hidden_name && (name == "id" || name == "class") {
                hidden_name = value
                    .split_ascii_whitespace()
                    .any(|part| HIDDEN_NAMES.iter().any(|h| part.eq_ignore_ascii_case(h)));
            }
        });
        hidden_name
            || element_words(el)
                .iter()
                .any(|w| CHROME_WORDS.contains(&w.as_str()))
    }

    #[test]
    fn the_fast_chrome_check_agrees_with_the_plain_one_on_every_element() {
        let mut pages = crate::testing::fixture_pages();
        pages.extend(
            [
                r#"<h1> The  Title </h1><h2>THE TITLE</h2><h1>The Title!</h1><h2>The <b>Ti</b>tle</h2><h1></h1>"#,
                r#"<div hidden>a</div><section aria-hidden="true">b</section><div aria-hidden="true"> </div><div aria-hidden="false">c</div><span aria-hidden="TRUE">d</span>"#,
                r#"<div class="x SR-ONLY">e</div><div id="Off-Screen">f</div><div class="field-label-hidden">g</div><div id="a" class="hidden">h</div><div class="sr-only" id="main">q</div><p class="hidden">i</p>"#,
                r#"<svg><a xlink:href="/x" xml:lang="en" hidden="hidden">j</a><g class="screen-reader-text">k</g></svg><div xlink:hidden="y">l</div>"#,
                r#"<div class="entry-meta">m</div><div class="ENTRY-META">n</div><div id="site-header">o</div><div hidden aria-hidden="true">p</div>"#,
            ]
            .map(String::from),
        );
        pages.push(format!("<div hidden>{}</div>", "long text ".repeat(30)));
        let mut named = 0;
        for page in &pages {
            let doc = Document::parse(page);
            let facts = crate::page::facts::Facts::measure(&doc);
            for title in [
                None,
                Some(""),
                Some(" "),
                Some("The Title"),
                Some("the title!"),
            ] {
                let squashed = title.map(squash).filter(|t| !t.is_empty());
                for el in doc.body().element_descendants() {
                    let chrome = plain_is_chrome(&el, title);
                    assert_eq!(
                        is_chrome(&el, facts.of(&el).expect("measured"), squashed.as_deref()),
                        chrome,
                        "{} {title:?}",
                        el.describe()
                    );
                    named += usize::from(chrome);
                }
            }
        }
        assert!(named > 40, "{named}");
    }
}
