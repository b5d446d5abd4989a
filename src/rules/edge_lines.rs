//! `edge-lines`: lines at the edges of the article that are not the
//! article: a date (and byline) line opening the body, which repeats the
//! post's metadata, and, closing it, copyright notices, feed footers
//! ("… was originally published in …", "获取更多RSS") and stray rules.
//!
//! Runs after paragraph normalisation, on the body's top-level blocks, and
//! repeats until nothing changes, so it is idempotent whatever the markup
//! the lines came in.

use super::page_chrome::{is_copyright_line, is_date_line};
use super::promotions::is_feed_footer;
use crate::dom::{Document, NodeRef};
use crate::error::RuleError;
use crate::rule::{Context, Rule};

/// Removes date lines at the start and boilerplate lines at the end. See the [module docs](self).
#[derive(Debug, Clone, Copy, Default)]
pub struct EdgeLines;

/// A block whose every line is a date, or a short name line next to a date
/// line (`AUTHOR<br>2020-08-06 11:02:15`).
fn is_dateline_block(block: &NodeRef) -> bool {
    if block.descendants().any(|n| n.is_any(super::MEDIA_TAGS)) {
        return false;
    }
    let text = crate::output::text::render_node(block);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let dates = lines.iter().filter(|l| is_date_line(l)).count();
    dates >= 1
        && lines.len() <= 2
        && lines
            .iter()
            .all(|l| is_date_line(l) || l.chars().count() <= 30)
}

fn is_closing_boilerplate(block: &NodeRef) -> bool {
    if block.is("hr") {
        return true;
    }
    let text = crate::output::text::render_node(block);
    let text = text.trim();
    (block.is("p") && is_copyright_line(text)) || is_feed_footer(block)
}

impl Rule for EdgeLines {
    fn name(&self) -> &str {
        "edge-lines"
    }

    fn apply(&self, doc: &mut Document, _cx: &Context<'_>) -> Result<(), RuleError> {
        let body = doc.body();
        loop {
            let blocks = body.element_children();
            if blocks.len() < 2 {
                return Ok(());
            }
            if is_dateline_block(&blocks[0]) {
                doc.remove(&blocks[0]);
                continue;
            }
            let last = &blocks[blocks.len() - 1];
            if is_closing_boilerplate(last) {
                doc.remove(last);
                continue;
            }
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::tests::apply;

    #[test]
    fn removes_opening_date_lines_and_closing_boilerplate() {
        let html = "<p><em>A WRITER<br>2020-08-06 11:02:15</em></p><p>Story of 2020.</p><p>More.</p><p>© 2020 AFP</p><hr><p>获取更多RSS：<br><a href=\"https://feeds.example\">https://feeds.example</a></p>";
        let (out, _) = apply(&EdgeLines, html);
        assert_eq!(out, "<p>Story of 2020.</p><p>More.</p>");
    }

    #[test]
    fn a_lone_block_is_never_removed() {
        let (out, _) = apply(&EdgeLines, "<p>2020-08-06</p>");
        assert_eq!(out, "<p>2020-08-06</p>");
    }
}
