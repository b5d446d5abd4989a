//! The top edge: the page header a scraped page repeats above the
//! article (headline, kicker, byline, date and category lines).

use std::ops::Range;

use super::{block_text, has_media, links_below};
use crate::dom::{Document, NodeRef, PtrMap};
use crate::html::tags::{HEADINGS, MEDIA};
use crate::page::lines::{is_date_line, is_squashed_headline, squash};
use crate::text::visible::rendered_chars_at_least;

/// A block whose every line is a date, or a short name line next to a date
/// line (`AUTHOR<br>2020-08-06 11:02:15`). `text` is its [`block_text`].
pub(super) fn is_dateline_block(block: &NodeRef, text: &str) -> bool {
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

/// How far down the page header can reach, in blocks.
pub(super) const HEADER_BLOCKS: usize = 6;
/// Lines above the headline this short are kicker, source or section labels.
pub(super) const MAX_KICKER_CHARS: usize = 40;
/// Lines under the headline this short, not sentences, are bylines.
pub(super) const MAX_BYLINE_CHARS: usize = 20;

/// What a byline line starts with, lower-cased.
pub(super) const BYLINE_MARKERS: &[&str] = &[
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
pub(super) const BYLINE_MARKER_CHARS: usize = 10;

/// A byline line: `文/林栖`, `作者：…`, `撰文：…`, `By A Writer`.
pub(super) fn is_byline(text: &str) -> bool {
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
pub(super) fn is_category_line(block: &NodeRef) -> bool {
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

pub(super) fn is_sentence(text: &str) -> bool {
    text.trim_end()
        .ends_with(['。', '.', '！', '!', '？', '?', '」', '”'])
}

/// Lines longer than this mean the article has started.
pub(super) const MAX_HEADER_LINE_CHARS: usize = 80;

/// What one block of the page header is, to [`header_meta_line`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum HeaderLine {
    /// A date, byline or category line.
    Meta,
    /// A longer line: the article has started.
    Long,
    /// Anything else: the header may go on.
    Other,
}

/// Judges one header block. Depends on nothing but the block, so the
/// answer holds for as long as the block is unchanged.
pub(super) fn header_line(b: &NodeRef) -> HeaderLine {
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
pub(super) fn header_meta_line(
    blocks: &[NodeRef],
    judged: &mut PtrMap<HeaderLine>,
) -> Option<usize> {
    for (i, b) in blocks
        .iter()
        .enumerate()
        .take(HEADER_BLOCKS.min(blocks.len() - 1))
    {
        let line = *judged.entry(b.key()).or_insert_with(|| header_line(b));
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
pub(super) fn strip_headline(
    doc: &mut Document,
    blocks: &[NodeRef],
    title: &str,
) -> Option<Range<usize>> {
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
