//! The `edge-lines` rule, [`EdgeLines`]: what it does and why is on the type.

use std::ops::Range;

use crate::dom::{Document, NodeRef, Visit};
use crate::error::RuleError;
use crate::html::tags::{HEADINGS, MEDIA};
use crate::page::lines::{
    is_copyright_line, is_date_line, is_feed_footer, is_squashed_headline, normalise_label, squash,
    RELATED_LABELS,
};
use crate::rule::{Context, Rule};
use crate::text::render::render_node;
use crate::text::visible::rendered_chars_at_least;

/// Removes date lines at the start and boilerplate lines at the end.
///
/// `edge-lines`: lines at the edges of the article that are not the
/// article. At the top, the page header a scraped page repeats: the
/// headline (the post's title, possibly with the site name appended), the
/// short kicker/source lines above it and the byline under it, a date line,
/// a byline (`文/`, `作者：`, `By …`), a line of category links. At the
/// bottom: copyright notices, feed footers ("… was originally published in
/// …", "获取更多RSS") and stray rules.
///
/// Runs after paragraph normalisation, on the body's top-level blocks, and
/// repeats until nothing changes, so it is idempotent whatever the markup
/// the lines came in.
#[derive(Debug, Clone, Copy, Default)]
pub struct EdgeLines;

/// A block whose every line is a date, or a short name line next to a date
/// line (`AUTHOR<br>2020-08-06 11:02:15`). `text` is its [`block_text`].
fn is_dateline_block(block: &NodeRef, text: &str) -> bool {
    if block.contains_any(MEDIA) {
        return false;
    }
    // Trimming the whole text first changes no trimmed, non-empty line.
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

/// Link texts of the "read the rest on the site" link closing a feed teaser.
const READ_MORE: &[&str] = &[
    "read more",
    "read more »",
    "continue reading",
    "continue reading →",
    "...more",
    "…more",
    "more",
    "阅读全文",
    "閱讀全文",
    "阅读更多",
    "閱讀更多",
    "查看全文",
    "更多",
    "全文",
    "阅读原文",
    "閱讀原文",
    "原文链接",
    "原文連結",
    "点击查看本文英文版",
    "點擊查看本文英文版",
    "查看本文英文版",
    "read the original",
    "view original",
];

/// Prefixes of longer read-more link texts ("Continue reading on Medium »").
const READ_MORE_PREFIXES: &[&str] = &[
    "continue reading",
    "read more",
    "阅读全文",
    "閱讀全文",
    "阅读原文",
    "閱讀原文",
];

fn is_read_more_text(link_text: &str) -> bool {
    let t = link_text
        .trim()
        .trim_start_matches(['.', '…', ' '])
        .trim_end_matches(['»', '→', '>', '。', '.', ' '])
        .to_lowercase();
    READ_MORE.contains(&t.as_str())
        || READ_MORE_PREFIXES
            .iter()
            .any(|p| t.starts_with(p) && t.chars().count() <= 40)
}

/// The `<a>` elements below `block`, in document order.
fn links_below(block: &NodeRef) -> Vec<NodeRef> {
    let mut links = Vec::new();
    block.visit_below(|n| {
        if n.is("a") {
            links.push(n.clone());
        }
        Visit::Descend
    });
    links
}

/// A block that is nothing but a "read more" link (possibly after an ellipsis).
fn is_read_more(block: &NodeRef) -> bool {
    let links = links_below(block);
    let [link] = links.as_slice() else {
        return false;
    };
    // Only the link, give or take an ellipsis or arrow around it.
    let outside = block.text_len().saturating_sub(link.text_len());
    outside <= 3 && is_read_more_text(&block_text(link))
}

/// A "read more" link that ends a block, after its text.
fn trailing_read_more_link(block: &NodeRef) -> Option<NodeRef> {
    let last = block
        .children()
        .into_iter()
        .rev()
        .find(|n| n.is_element() || n.with_text(|t| !t.trim().is_empty()).unwrap_or(false))?;
    if !last.is("a") || block.text_len() == last.text_len() {
        return None;
    }
    is_read_more_text(&block_text(&last)).then_some(last)
}

/// Prompts to follow the publisher elsewhere, closing many Chinese and
/// English posts ("微信搜索…", "长按二维码关注", "Follow us on …").
const FOLLOW_PROMPTS: &[&str] = &[
    "微信搜索",
    "扫码关注",
    "掃碼關注",
    "长按二维码",
    "長按二維碼",
    "长按识别",
    "關注我們",
    "关注我们",
    "关注公众号",
    "關注公眾號",
    "微信公众号：",
    "点击关注",
    "follow us on",
    "sign up for our newsletter",
    "subscribe to our newsletter",
];

/// A rule drawn with characters: `———`, `* * *`, `- - -`.
fn is_separator_line(text: &str) -> bool {
    !text.is_empty()
        && text.chars().all(|c| {
            matches!(
                c,
                '-' | '—' | '–' | '─' | '━' | '_' | '*' | '=' | '~' | '·' | '•'
            ) || c.is_whitespace()
        })
}

/// Removes a trailing "read more" link and the line breaks left before it.
fn remove_trailing_read_more(doc: &mut Document, block: &NodeRef) -> bool {
    let Some(link) = trailing_read_more_link(block) else {
        return false;
    };
    doc.remove(&link);
    while let Some(last) = block.last_child() {
        let blank = last.with_text(|t| t.trim().is_empty()).unwrap_or(false);
        if !(last.is("br") || blank) {
            break;
        }
        doc.remove(&last);
    }
    true
}

fn is_closing_boilerplate(block: &NodeRef) -> bool {
    if block.is("hr") {
        return true;
    }
    // Only paragraphs are judged by their text: render nothing else.
    let line_like = block.is("p") && {
        let text = block_text(block);
        let chars = text.chars().count();
        // `is_copyright_line` wants at most 80 characters: longer text
        // need not be lower-cased there, nor here past 100.
        (chars <= 80 && is_copyright_line(&text))
            || is_separator_line(&text)
            || (chars <= 100 && {
                let lower = text.to_lowercase();
                FOLLOW_PROMPTS.iter().any(|p| lower.contains(p))
            })
    };
    line_like || is_feed_footer(block) || is_read_more(block)
}

/// A closing run of one-link paragraphs under a "Related"/"阅读更多" label:
/// the related-stories list of a feed item. Returns where the label is:
/// the label and the run are the blocks from there on.
fn closing_related_run(blocks: &[NodeRef]) -> Option<usize> {
    let mut start = blocks.len();
    while start > 0 {
        let b = &blocks[start - 1];
        let links = links_below(b);
        let link_chars: usize = links.iter().map(|a| a.text_len()).sum();
        let one_link = links.len() == 1 && b.text_len().saturating_sub(link_chars) <= 3;
        if !(one_link || (b.is_any(&["ul", "ol"]) && link_chars * 10 >= b.text_len() * 8)) {
            break;
        }
        start -= 1;
    }
    if start == blocks.len() || start == 0 {
        return None;
    }
    let label = normalise_label(&block_text(&blocks[start - 1]));
    RELATED_LABELS
        .contains(&label.as_str())
        .then_some(start - 1)
}

/// How far down the page header can reach, in blocks.
const HEADER_BLOCKS: usize = 6;
/// Lines above the headline this short are kicker, source or section labels.
const MAX_KICKER_CHARS: usize = 40;
/// Lines under the headline this short, not sentences, are bylines.
const MAX_BYLINE_CHARS: usize = 20;

fn block_text(block: &NodeRef) -> String {
    // Trimmed where it is: no second copy.
    let mut text = render_node(block);
    text.truncate(text.trim_end().len());
    let lead = text.len() - text.trim_start().len();
    text.drain(..lead);
    text
}

fn has_media(block: &NodeRef) -> bool {
    block.is_in(MEDIA) || block.contains_any(MEDIA)
}

/// What a byline line starts with, lower-cased.
const BYLINE_MARKERS: &[&str] = &[
    "文/",
    "文／",
    "撰文",
    "作者：",
    "作者:",
    "记者：",
    "記者：",
    "by ",
    "written by",
];

/// No byline marker is longer than this, in characters.
const BYLINE_MARKER_CHARS: usize = 10;

/// A byline line: `文/林栖`, `作者：…`, `撰文：…`, `By A Writer`.
fn is_byline(text: &str) -> bool {
    let text = text.trim();
    // Lower-casing never makes fewer characters: a long line needs no copy.
    if text.chars().count() > MAX_KICKER_CHARS {
        return false;
    }
    // Without a marker at its start a line is no byline, whatever the
    // rest: lower-case only the characters a marker can span to see.
    // (Each character lower-cases on its own, but for `Σ`, whose two lower
    // cases are in no marker.)
    let head_end = text
        .char_indices()
        .nth(BYLINE_MARKER_CHARS)
        .map_or(text.len(), |(i, _)| i);
    let head = text[..head_end].to_lowercase();
    if !BYLINE_MARKERS.iter().any(|m| head.starts_with(m)) {
        return false;
    }
    let lower = text.to_lowercase();
    if lower.chars().count() > MAX_KICKER_CHARS || is_sentence(&lower) {
        return false;
    }
    // "By the end of the war…" is a sentence, "By Ann Lee" a byline.
    if lower.starts_with("by ") && lower.split_whitespace().count() > 5 {
        return false;
    }
    BYLINE_MARKERS.iter().any(|m| lower.starts_with(m))
}

/// Links all to category/tag listing pages, and hardly any other text.
fn is_category_line(block: &NodeRef) -> bool {
    const TAXONOMY: &[&str] = &[
        "/category/",
        "/categories/",
        "/tag/",
        "/tags/",
        "/topic/",
        "/topics/",
        "/section/",
    ];
    let links = links_below(block);
    if links.is_empty() {
        return false;
    }
    let all_taxonomy = links.iter().all(|a| {
        a.with_attr("href", |h| TAXONOMY.iter().any(|t| h.contains(t)))
            .unwrap_or(false)
    });
    let link_chars: usize = links.iter().map(|a| a.text_len()).sum();
    all_taxonomy && block.text_len().saturating_sub(link_chars) <= 3
}

fn is_sentence(text: &str) -> bool {
    text.trim_end()
        .ends_with(['。', '.', '！', '!', '？', '?', '」', '”'])
}

/// Lines longer than this mean the article has started.
const MAX_HEADER_LINE_CHARS: usize = 80;

/// What one block of the page header is, to [`header_meta_line`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum HeaderLine {
    /// A date, byline or category line.
    Meta,
    /// A longer line: the article has started.
    Long,
    /// Anything else: the header may go on.
    Other,
}

/// Judges one header block. Depends on nothing but the block, so the
/// answer holds for as long as the block is unchanged.
fn header_line(b: &NodeRef) -> HeaderLine {
    // Past this many characters a block is no date or byline line (both
    // short) and ends the header: only the category-line test, which
    // needs no text, is left.
    if rendered_chars_at_least(b, MAX_HEADER_LINE_CHARS) > MAX_HEADER_LINE_CHARS {
        return if !has_media(b) && is_category_line(b) {
            HeaderLine::Meta
        } else {
            HeaderLine::Long
        };
    }
    let text = block_text(b);
    if !has_media(b) && (is_dateline_block(b, &text) || is_byline(&text) || is_category_line(b)) {
        return HeaderLine::Meta;
    }
    if text.chars().count() > MAX_HEADER_LINE_CHARS {
        return HeaderLine::Long;
    }
    HeaderLine::Other
}

/// The first date, byline or category line in the page header (the first
/// blocks, before any long line), if any. Never the last block.
///
/// `judged` keeps the verdicts on blocks from earlier rounds of
/// [`EdgeLines::apply`], so the blocks before a removed line are not
/// rendered again: blocks are only ever removed, and the one block ever
/// edited is the last, which this never judges and which stays last.
fn header_meta_line(blocks: &[NodeRef], judged: &mut Vec<(NodeRef, HeaderLine)>) -> Option<usize> {
    for (i, b) in blocks
        .iter()
        .enumerate()
        .take(HEADER_BLOCKS.min(blocks.len() - 1))
    {
        let line = match judged.iter().find(|(j, _)| j == b) {
            Some(&(_, line)) => line,
            None => {
                let line = header_line(b);
                judged.push((b.clone(), line));
                line
            }
        };
        match line {
            HeaderLine::Meta => return Some(i),
            HeaderLine::Long => return None,
            HeaderLine::Other => {}
        }
    }
    None
}

/// Removes the page header: the headline with the short lines above it and
/// up to two byline lines under it. Returns the range of `blocks` that
/// went, if any.
fn strip_headline(doc: &mut Document, blocks: &[NodeRef], title: &str) -> Option<Range<usize>> {
    let window = &blocks[..blocks.len().min(HEADER_BLOCKS)];
    let title = squash(title);
    // The squashed text is at least as long as the rendered text's visible
    // characters, and a headline's is no longer than the squashed title.
    let max_chars = title.chars().count();
    let at = window.iter().position(|b| {
        !has_media(b)
            && rendered_chars_at_least(b, max_chars) <= max_chars
            && is_squashed_headline(&block_text(b), &title)
    })?;
    if at + 1 >= blocks.len() {
        return None; // the headline is all there is
    }
    // A paragraph opening the body that reads like the title is the
    // article's first sentence when the title was made from it (replies,
    // notes); a headline is a heading, or sits under a kicker line.
    if at == 0 && !blocks[0].is_in(HEADINGS) {
        return None;
    }
    let above_is_header = window[..at]
        .iter()
        .all(|b| !has_media(b) && block_text(b).chars().count() <= MAX_KICKER_CHARS);
    let start = if above_is_header { 0 } else { at };
    let mut end = at + 1;
    while end < blocks.len().saturating_sub(1) && end <= at + 2 {
        let b = &blocks[end];
        let text = block_text(b);
        let short = text.chars().count() <= MAX_BYLINE_CHARS && !is_sentence(&text);
        if has_media(b)
            || b.is_any(&["h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote"])
            || !short
        {
            break;
        }
        end += 1;
    }
    for b in &blocks[start..end] {
        doc.remove(b);
    }
    Some(start..end)
}

impl Rule for EdgeLines {
    fn name(&self) -> &str {
        super::EDGE_LINES
    }

    fn apply(&self, doc: &mut Document, cx: &Context<'_>) -> Result<(), RuleError> {
        strip_edge_lines(doc, cx.title(), true);
        Ok(())
    }
}

/// The rule's rounds; `remember` keeps header verdicts from one round to
/// the next (off only to test that it changes nothing).
fn strip_edge_lines(doc: &mut Document, title: Option<&str>, remember: bool) {
    let body = doc.body();
    let mut headline_done = false;
    let mut judged = Vec::new();
    // The body's element children, kept in step with every removal below
    // instead of listed afresh each round (only blocks are removed, and
    // the one edit inside a block leaves it in place).
    let mut blocks = body.element_children();
    loop {
        debug_assert!(blocks == body.element_children());
        if !remember {
            judged.clear();
        }
        if blocks.len() < 2 {
            // A lone block stays, less a "read more" link at its end.
            if let Some(block) = blocks.first() {
                remove_trailing_read_more(doc, block);
            }
            return;
        }
        if !headline_done {
            headline_done = true;
            if let Some(title) = title {
                if let Some(removed) = strip_headline(doc, &blocks, title) {
                    blocks.drain(removed);
                    continue;
                }
            }
        }
        if let Some(i) = header_meta_line(&blocks, &mut judged) {
            let text = block_text(&blocks[i]);
            let marker_only = matches!(text.as_str(), "文/" | "文／" | "撰文：" | "作者：");
            doc.remove(&blocks[i]);
            let mut end = i + 1;
            // "文/" alone on its line: the name is the next line.
            if marker_only
                && i + 2 < blocks.len()
                && block_text(&blocks[i + 1]).chars().count() <= 12
            {
                doc.remove(&blocks[i + 1]);
                end += 1;
            }
            blocks.drain(i..end);
            continue;
        }
        if let Some(label) = closing_related_run(&blocks).filter(|&at| at > 0) {
            for b in &blocks[label..] {
                doc.remove(b);
            }
            blocks.truncate(label);
            continue;
        }
        let last = &blocks[blocks.len() - 1];
        if is_closing_boilerplate(last) {
            doc.remove(last);
            blocks.pop();
            continue;
        }
        // "…更多" / "...more" closing the teaser's last sentence.
        if remove_trailing_read_more(doc, last) {
            continue;
        }
        return;
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
    fn removes_opening_date_lines_and_closing_boilerplate() {
        let html = "<p><em>A WRITER<br>2020-08-06 11:02:15</em></p><p>Story of 2020.</p><p>More.</p><p>© 2020 AFP</p><hr><p>获取更多RSS：<br><a href=\"https://feeds.example\">https://feeds.example</a></p>";
        let (out, _) = apply(&EdgeLines, html);
        assert_eq!(out, "<p>Story of 2020.</p><p>More.</p>");
    }

    fn apply_titled(html: &str, title: &str) -> String {
        let url = url::Url::parse("https://www.example.com/news/1").unwrap();
        let report = crate::Report::default();
        let cx = Context {
            base_url: Some(&url),
            title: Some(title),
            report: &report,
        };
        let mut doc = crate::Document::parse(html);
        EdgeLines.apply(&mut doc, &cx).unwrap();
        crate::output::serialize_children(&doc.body())
    }

    #[test]
    fn removes_the_page_header_around_a_repeated_headline() {
        let html = "<p>Book Review</p><p>The Night Buses</p><p>A. Writer</p><p>2021-03-04</p><p>The story begins here, at length.</p><p>More.</p>";
        assert_eq!(
            apply_titled(html, "The Night Buses"),
            "<p>The story begins here, at length.</p><p>More.</p>"
        );
        // The title with the site's name appended.
        let html = "<h2>[video]The catch</h2><p>Body text of the post goes on.</p><p>More.</p>";
        assert_eq!(
            apply_titled(html, "[video]The catch - Example Site"),
            "<p>Body text of the post goes on.</p><p>More.</p>"
        );
        // A long paragraph above the headline is not header: only the headline goes.
        let html = "<p>An opening paragraph that is long enough to be article text, surely.</p><p>The Night Buses</p><p>Body.</p>";
        assert_eq!(
            apply_titled(html, "The Night Buses"),
            "<p>An opening paragraph that is long enough to be article text, surely.</p><p>Body.</p>"
        );
    }

    #[test]
    fn a_first_paragraph_the_title_was_made_from_stays() {
        let html = "<p>You are right!</p><p>Thanks, fixed.</p>";
        assert_eq!(apply_titled(html, "You are right!"), html);
    }

    #[test]
    fn removes_bylines_and_category_lines_at_the_top() {
        let html = r#"<p><a href="/category/feature">Feature</a> • <a href="/category/talks">Talks</a></p><p>文/</p><p>林栖</p><p>正文第一段。</p><p>正文第二段。</p>"#;
        assert_eq!(
            apply_titled(html, "无关标题"),
            "<p>正文第一段。</p><p>正文第二段。</p>"
        );
        assert!(!is_headline("News", "News digest of the week"));
    }

    #[test]
    fn closing_read_more_links_go() {
        let html = r#"<p>The teaser of the story...</p><p><a href="/full">Read more »</a></p>"#;
        let (out, _) = apply(&EdgeLines, html);
        assert_eq!(out, "<p>The teaser of the story...</p>");
        let html = r#"<p>The teaser.</p><p>More on <a href="/x">this topic</a> here.</p>"#;
        assert_eq!(apply(&EdgeLines, html).0, html);
        let html = r#"<p>Intro.</p><p>The teaser ends...<a href="/full">...more</a></p>"#;
        assert_eq!(
            apply(&EdgeLines, html).0,
            "<p>Intro.</p><p>The teaser ends...</p>"
        );
    }

    #[test]
    fn closing_follow_prompts_separators_and_related_runs_go() {
        let html = r#"<p>The interview ends here.</p><p>——————</p><p>微信搜索“某某书评”：重申文化想象。</p><p>——————</p><p><strong>阅读更多：</strong></p><p>·<a href="/a">另一篇文章</a></p><p>·<a href="/b">第三篇文章</a></p>"#;
        assert_eq!(apply(&EdgeLines, html).0, "<p>The interview ends here.</p>");
        // Reference links without a label are content.
        let html = r#"<p>Text.</p><p><a href="https://en.example.org/wiki/X">https://en.example.org/wiki/X</a></p>"#;
        assert_eq!(apply(&EdgeLines, html).0, html);
    }

    /// Looking for a marker in the lower-cased head first answers as
    /// lower-casing the whole line does: tried on every short line over an
    /// alphabet of marker pieces, case, `Σ` (lower-cased by context) and
    /// characters whose lower case is longer (`İ`) or ASCII (`K`, the
    /// Kelvin sign), and after every marker.
    #[test]
    fn byline_marker_prefilter_is_exact() {
        fn whole(text: &str) -> bool {
            let lower = text.trim().to_lowercase();
            if lower.chars().count() > MAX_KICKER_CHARS || is_sentence(&lower) {
                return false;
            }
            if lower.starts_with("by ") && lower.split_whitespace().count() > 5 {
                return false;
            }
            BYLINE_MARKERS.iter().any(|m| lower.starts_with(m))
        }
        assert!(BYLINE_MARKERS
            .iter()
            .all(|m| m.chars().count() <= BYLINE_MARKER_CHARS));
        const ALPHABET: &[char] = &[
            'b', 'B', 'y', 'Y', ' ', 'Σ', 'İ', '\u{212A}', '文', '/', '作', '者', '：', '.',
        ];
        let tails = crate::testing::all_strings(ALPHABET, 4);
        let mut heads: Vec<String> = vec![String::new(), " ".into(), "Σ".into()];
        for m in BYLINE_MARKERS {
            heads.push(m.to_string());
            heads.push(m.to_uppercase());
            heads.push(format!(" {}", m.to_uppercase()));
            heads.push(
                m.chars()
                    .rev()
                    .skip(1)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect(),
            );
        }
        heads.push("WRITTEN BΣ".into());
        heads.push("ΣΣΣΣΣΣΣΣΣΣ".into());
        let mut bylines = 0;
        for head in &heads {
            for tail in &tails {
                let line = format!("{head}{tail}");
                assert_eq!(is_byline(&line), whole(&line), "{line:?}");
                bylines += usize::from(whole(&line));
            }
        }
        assert!(bylines > 0);
    }

    /// The squashing compare must agree with squashing both and comparing
    /// the copies, as `is_headline` once did: tried on every short text
    /// over an alphabet with whitespace, case, separators and characters
    /// whose lower case is longer (`İ`) or that only match after it.
    #[test]
    fn the_streaming_headline_compare_is_the_copying_one() {
        fn copying(text: &str, title: &str) -> bool {
            let (text, title) = (squash(text), squash(title));
            if text.is_empty() || title.is_empty() {
                return false;
            }
            if text == title {
                return true;
            }
            let Some(rest) = title.strip_prefix(&text) else {
                return false;
            };
            text.chars().count() >= 4
                && rest.chars().count() <= 30
                && rest.starts_with(['-', '|', '–', '—', '_', '·', '丨', '｜', ':', '：'])
        }
        const ALPHABET: &[char] = &[
            'a', 'A', ' ', '\u{3000}', '-', '|', 'İ', 'i', '\u{307}', '中',
        ];
        let titles = [
            "",
            " ",
            "a",
            "aa",
            "A a",
            "aaaa",
            "aaaa - Site",
            "AAAA|x",
            "aAaA-",
            "İa",
            "i\u{307}a",
            "中中中中 | 站",
            "aaaa-0123456789012345678901234567890",
        ];
        let texts = crate::testing::all_strings(ALPHABET, 4);
        for title in titles {
            for text in &texts {
                assert_eq!(
                    is_headline(text, title),
                    copying(text, title),
                    "{text:?} / {title:?}"
                );
            }
        }
    }

    /// `rendered_chars_at_least` is a lower bound on what rendering writes,
    /// invisible characters, `<pre>`, lists and skipped elements included.
    #[test]
    fn the_rendered_length_bound_never_overshoots() {
        let cases = [
            "<p>plain text here</p>",
            "<p>a\u{200B}b\u{FEFF}c\u{00AD}d &nbsp; e\u{3000}f</p>",
            "<p><script>var x = 1;</script>two<style>p{}</style><iframe>xx</iframe></p>",
            "<p><pre>  \u{200B}code\n  more</pre></p>",
            "<div><ul><li>one</li><li>two<ol><li>x</li></ol></li></ul></div>",
            "<div><table><tr><td>a</td><td>b</td></tr></table><br>c<!-- note --></div>",
            "<div><template>t</template><textarea>u</textarea><noscript>n</noscript></div>",
        ];
        for html in cases {
            let doc = crate::Document::parse(html);
            let block = doc.body();
            let rendered = render_node(&block)
                .chars()
                .filter(|c| !c.is_whitespace())
                .count();
            let bound = rendered_chars_at_least(&block, usize::MAX - 1);
            assert!(bound <= rendered, "{html:?}: {bound} > {rendered}");
            for cap in 0..bound {
                assert!(
                    rendered_chars_at_least(&block, cap) > cap,
                    "{html:?} cap {cap}"
                );
            }
            assert_eq!(rendered_chars_at_least(&block, bound), bound);
        }
    }

    /// Remembering header verdicts between rounds changes nothing: tried
    /// on every sequence of up to four blocks from a set that makes
    /// several rounds (header lines, closing lines, a trailing link).
    #[test]
    fn remembered_header_verdicts_are_fresh_ones() {
        const BLOCKS: &[&str] = &[
            "<p>2020-08-06</p>",
            "<p>文/</p>",
            "<p>林栖</p>",
            "<p>By Ann Lee</p>",
            r#"<p><a href="/tag/x">X</a></p>"#,
            "<h2>The Title</h2>",
            "<p>The article text starts here and it goes on for well over eighty characters in all.</p>",
            "<p>© 2020 AFP</p>",
            r#"<p>Teaser ends...<a href="/full">...more</a></p>"#,
        ];
        let docs = crate::testing::all_strings(&['0', '1', '2', '3', '4', '5', '6', '7', '8'], 4);
        let mut rounds_changed = 0;
        for digits in &docs {
            let html: String = digits
                .bytes()
                .map(|d| BLOCKS[usize::from(d - b'0')])
                .collect();
            let run = |remember: bool| {
                let mut doc = crate::Document::parse(&html);
                strip_edge_lines(&mut doc, Some("The Title"), remember);
                crate::output::serialize_children(&doc.body())
            };
            let fresh = run(false);
            assert_eq!(run(true), fresh, "{html:?}");
            rounds_changed += usize::from(fresh != html);
        }
        assert!(rounds_changed > 1000, "{rounds_changed}");
    }

    /// Trimming in place leaves what `trim` does, Unicode spaces included.
    #[test]
    fn block_text_is_the_trimmed_rendering() {
        for html in [
            "<p>plain</p>",
            "<p> \u{3000}&nbsp;中文 text\u{2003} </p>",
            "<ul><li> a </li><li>b</li></ul>",
            "<pre>\n  x  \n</pre>",
            "<pre>\t\u{3000} x\u{3000}\t</pre>",
            "<p>\u{3000}</p>",
            "",
        ] {
            let doc = crate::Document::parse(html);
            let block = doc.body();
            let rendered = render_node(&block);
            assert_eq!(block_text(&block), rendered.trim(), "{html:?}");
        }
    }

    #[test]
    fn a_lone_block_is_never_removed() {
        let (out, _) = apply(&EdgeLines, "<p>2020-08-06</p>");
        assert_eq!(out, "<p>2020-08-06</p>");
    }
}
