//! The bottom edge: copyright notices, feed footers (a platform's "… was
//! originally published in …", a WordPress plugin's "| Permalink |" and
//! "Post tags:" lines), follow prompts, drawn separators, related-link
//! runs and "read more" links.

use super::{block_text, links_below};
use crate::dom::{Document, NodeRef};
use crate::page::lines::{
    is_copyright_line, is_feed_footer, is_post_links_footer, normalise_label, RELATED_LABELS,
};

/// Link texts of the "read the rest on the site" link closing a feed teaser.
pub(super) const READ_MORE: &[&str] = &[
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
pub(super) const READ_MORE_PREFIXES: &[&str] = &[
    "continue reading",
    "read more",
    "阅读全文",
    "閱讀全文",
    "阅读原文",
    "閱讀原文",
];

pub(super) fn is_read_more_text(link_text: &str) -> bool {
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

/// A block that is nothing but a "read more" link (possibly after an ellipsis).
pub(super) fn is_read_more(block: &NodeRef) -> bool {
    let links = links_below(block);
    let [link] = links.as_slice() else {
        return false;
    };
    // Only the link, give or take an ellipsis or arrow around it.
    let outside = block.text_len().saturating_sub(link.text_len());
    outside <= 3 && is_read_more_text(&block_text(link))
}

/// A "read more" link that ends a block, after its text; `block_len` is
/// the block's [`NodeRef::text_len`].
pub(super) fn trailing_read_more_link(block: &NodeRef, block_len: usize) -> Option<NodeRef> {
    let last = block
        .child_nodes()
        .rev()
        .find(|n| n.is_element() || n.with_text(|t| !t.trim().is_empty()).unwrap_or(false))?;
    if !last.is("a") || block_len == last.text_len() {
        return None;
    }
    is_read_more_text(&block_text(&last)).then_some(last)
}

/// Prompts to follow the publisher elsewhere, closing many Chinese and
/// English posts ("微信搜索…", "长按二维码关注", "Follow us on …").
pub(super) const FOLLOW_PROMPTS: &[&str] = &[
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
pub(super) fn is_separator_line(text: &str) -> bool {
    !text.is_empty()
        && text.chars().all(|c| {
            matches!(
                c,
                '-' | '—' | '–' | '─' | '━' | '_' | '*' | '=' | '~' | '·' | '•'
            ) || c.is_whitespace()
        })
}

/// Removes the "read more" links that end a block, each with the line
/// breaks left before it. The block's text is measured once: one after
/// the other, thousands of such links cost what one pass over them does.
pub(super) fn remove_trailing_read_more(doc: &mut Document, block: &NodeRef) -> bool {
    let mut block_len = block.text_len();
    let mut removed = false;
    while let Some(link) = trailing_read_more_link(block, block_len) {
        block_len -= link.text_len();
        doc.remove(&link);
        while let Some(last) = block.last_child() {
            let blank = last.with_text(|t| t.trim().is_empty()).unwrap_or(false);
            if !(last.is("br") || blank) {
                break;
            }
            doc.remove(&last);
        }
        removed = true;
    }
    removed
}

pub(super) fn is_closing_boilerplate(block: &NodeRef) -> bool {
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
    line_like || is_feed_footer(block) || is_read_more(block) || is_post_links(block)
}

/// The post links a WordPress feed plugin closes an item with
/// (`… | Permalink | No comment | …`, `Post tags: …`): only a block with
/// links is rendered to find out.
fn is_post_links(block: &NodeRef) -> bool {
    block.contains_tag(&["a"]) && is_post_links_footer(&block_text(block))
}

/// A closing run of one-link paragraphs under a "Related"/"阅读更多" label:
/// the related-stories list of a feed item. Returns where the label is:
/// the label and the run are the blocks from there on.
///
/// `known` is where the run of one-link blocks starts, if an earlier call
/// found it and only blocks at the end went since (set here).
pub(super) fn closing_related_run(blocks: &[NodeRef], known: &mut Option<usize>) -> Option<usize> {
    let start = match *known {
        // Blocks removed from the run's end leave its start in place.
        Some(start) if start < blocks.len() => start,
        _ => link_run_start(blocks),
    };
    *known = Some(start);
    if start == blocks.len() || start == 0 {
        return None;
    }
    let label = normalise_label(&block_text(&blocks[start - 1]));
    RELATED_LABELS
        .contains(&label.as_str())
        .then_some(start - 1)
}

/// Where the closing run of one-link blocks (and link lists) starts:
/// `blocks.len()` if there is none.
fn link_run_start(blocks: &[NodeRef]) -> usize {
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
    start
}
