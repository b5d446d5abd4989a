//! `widgets`: share bars, related-post lists and comment sections that
//! scraped pages carry around the article.
//!
//! Recognised by the names the common plugins and themes give them
//! (`sharedaddy`, `addtoany`, `jp-relatedposts`, `related-posts`,
//! `#comments`, `comment-respond`, `disqus_thread`, ...), matched as whole
//! words of `id`/`class`, and by link targets of share buttons
//! (`facebook.com/sharer`, `twitter.com/intent/tweet`, ...).

use super::tokens::{any_element_word, WordSet};
use crate::dom::{Document, NodeRef, Visit};
use crate::error::RuleError;
use crate::rule::{Context, Rule};
use markup5ever_rcdom::NodeData;

/// Removes share, related-posts and comment widgets. See the [module docs](self).
#[derive(Debug, Clone, Copy, Default)]
pub struct Widgets;

/// Words naming a widget wherever they appear in an id or class.
const WIDGET_WORDS: &[&str] = &[
    // sharing
    "share",
    "shares",
    "sharing",
    "sharedaddy",
    "sharethis",
    "addthis",
    "addtoany",
    "a2a",
    "social",
    "socials",
    "sociallinks",
    "social-links",
    "share-buttons",
    "sd-sharing-enabled",
    // related and recommended
    "related",
    "relatedposts",
    "jp-relatedposts",
    "related-posts",
    "yarpp",
    "recommended",
    "recommendations",
    "more-stories",
    "read-more-links",
    "post-navigation",
    "nav-links",
    "navigation",
    // comments
    "comments",
    "comment",
    "commentlist",
    "comment-list",
    "comment-respond",
    "respond",
    "disqus",
    "disqus_thread",
    "fb-comments",
    // likes and reactions
    "likes",
    "like-button",
    "reactions",
];

/// [`WIDGET_WORDS`] for lookups.
static WIDGET_WORD_SET: std::sync::LazyLock<WordSet> =
    std::sync::LazyLock::new(|| WordSet::new(WIDGET_WORDS));

/// Share-button endpoints: a link here is a share button, never content.
const SHARE_ENDPOINTS: &[&str] = &[
    "facebook.com/sharer",
    "facebook.com/share.php",
    "twitter.com/intent/",
    "twitter.com/share",
    "x.com/intent/",
    "linkedin.com/sharing",
    "linkedin.com/sharearticle",
    "reddit.com/submit",
    "pinterest.com/pin/create",
    "service.weibo.com/share",
    "line.me/r/msg",
    "api.whatsapp.com/send",
    "wa.me/?text",
    "t.me/share",
    "telegram.me/share",
    "plus.google.com/share",
    "mailto:?",
    "addtoany.com/share",
];

/// True if a link is a share button.
pub fn is_share_link(a: &NodeRef) -> bool {
    a.with_attr("href", |h| {
        let h = h.to_ascii_lowercase();
        SHARE_ENDPOINTS.iter().any(|e| h.contains(e))
    })
    .unwrap_or(false)
}

/// Classes CMSes give a comment written by the post's own author
/// (WordPress `bypostauthor`, Drupal `comment-by-node-author`).
const AUTHOR_COMMENT_CLASSES: &[&str] = &["bypostauthor", "comment-by-node-author"];

fn is_author_comment(el: &NodeRef) -> bool {
    AUTHOR_COMMENT_CLASSES.iter().any(|c| el.has_class(c))
}

/// True if most of the text of a comment section is written by the post's
/// authors: a "conversation" page, whose article is its comment thread.
/// Such a section stays; reader comments inside it still go.
pub(crate) fn is_author_conversation(section: &NodeRef) -> bool {
    let total = section.text_len();
    if total == 0 {
        return false;
    }
    let mut by_authors = 0;
    let mut stack = section.children();
    while let Some(n) = stack.pop() {
        if is_author_comment(&n) {
            by_authors += n.text_len();
        } else {
            stack.extend(n.children());
        }
    }
    by_authors * 2 > total
}

/// Texts of share buttons.
const SHARE_LABELS: &[&str] = &[
    "share",
    "share this",
    "share this:",
    "share on facebook",
    "share on twitter",
    "tweet",
    "email",
    "print",
    "分享",
    "分享到",
    "转发",
    "轉發",
];

/// A short block made only of links labelled like share buttons.
fn is_share_bar(el: &NodeRef) -> bool {
    if !el.is_any(&["p", "div", "ul", "span"])
        || !el.contains_tag(&["a"])
        || crate::dom::text_len_capped(&el.0, 60) > 60
    {
        return false;
    }
    let links: Vec<NodeRef> = el.descendants().filter(|n| n.is("a")).collect();
    if links.is_empty() {
        return false;
    }
    let label = |n: &NodeRef| n.text_content().trim().to_lowercase();
    let link_chars: usize = links.iter().map(|a| a.text_len()).sum();
    links
        .iter()
        .all(|a| SHARE_LABELS.contains(&label(a).as_str()))
        && el.text_len().saturating_sub(link_chars) <= 8
}

fn is_widget(el: &NodeRef) -> bool {
    if el.is("a") {
        return is_share_link(el);
    }
    if is_share_bar(el) {
        return true;
    }
    // Past this point only a widget word can make a widget, and the
    // comment-section words are among them: most elements stop here.
    if !WIDGET_WORD_SET.may_name(el) {
        return false;
    }
    if is_author_comment(el) || (crate::dom::is_comment_section(el) && is_author_conversation(el)) {
        return false;
    }
    if el.is_any(&["p", "span", "b", "strong", "em", "i"]) {
        return false;
    }
    // A social *embed* (a quoted post or video) is content, not a share bar.
    // One pass over the words answers both questions.
    let mut widget = false;
    let embed = any_element_word(el, |w| {
        widget = widget || WIDGET_WORD_SET.contains(w);
        w == "embed" || w == "embedded"
    });
    widget && !embed
}

/// Labels that head a list of links to other stories.
pub(crate) const RELATED_LABELS: &[&str] = &[
    "related",
    "related posts",
    "related articles",
    "related stories",
    "related content",
    "more stories",
    "more on this story",
    "read more",
    "see also",
    "also read",
    "more on this",
    "相关",
    "相關",
    "相关报道",
    "相關報導",
    "延伸閱讀",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended for you",
    "相关文章",
    "相關文章",
    "相关阅读",
    "相關閱讀",
    "相关新闻",
    "相關新聞",
    "延伸阅读",
    "延伸閱讀",
    "推荐阅读",
    "推薦閱讀",
    "您可能感兴趣的文章",
    "你可能感兴趣的文章",
    "猜你喜欢",
    "更多文章",
    "阅读更多",
    "閱讀更多",
];

/// Share of a block's text (after its label) that must be link text for a
/// labelled block to count as a list of links to other stories.
const MIN_LINK_SHARE: f64 = 0.6;

pub(crate) fn normalise_label(s: &str) -> String {
    s.trim().trim_end_matches([':', '：']).trim().to_lowercase()
}

/// A block that opens with a "Related" label and is mostly links: a
/// related-stories list whatever its class names.
fn is_labelled_link_list(el: &NodeRef) -> bool {
    if !el.is_any(&["div", "section", "aside", "nav", "footer", "p", "ul"]) {
        return false;
    }
    // The longest label is well under this; a paragraph's first line is
    // not lower-cased only to learn that it is not a label.
    const MAX_LABEL_BYTES: usize = 64;
    let mut label = None;
    crate::dom::visit_below_until(&el.0, |n| match &n.data {
        NodeData::Text { contents } => {
            let t = contents.borrow();
            if t.trim().is_empty() {
                return Visit::Descend;
            }
            if t.trim().len() <= MAX_LABEL_BYTES {
                label = Some(normalise_label(&t));
            }
            Visit::Stop
        }
        _ => Visit::Descend,
    });
    let Some(label) = label else {
        return false;
    };
    if !RELATED_LABELS.contains(&label.as_str()) {
        return false;
    }
    let total = el
        .text_len()
        .saturating_sub(crate::dom::count_visible_chars(&label));
    let linked: usize = el
        .descendants()
        .filter(|n| n.is("a"))
        .map(|a| a.text_len())
        .sum();
    total > 0 && linked as f64 >= MIN_LINK_SHARE * total as f64
}

impl Rule for Widgets {
    fn name(&self) -> &str {
        "widgets"
    }

    fn apply(&self, doc: &mut Document, _cx: &Context<'_>) -> Result<(), RuleError> {
        super::remove_blocks(doc, |el| is_widget(el) || is_labelled_link_list(el));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::tests::apply;

    #[test]
    fn removes_wordpress_widgets() {
        let html = r#"<p>Story.</p><div class="sharedaddy sd-sharing-enabled"><a href="https://www.facebook.com/sharer.php?u=x">Facebook</a></div><div id="jp-relatedposts" class="jp-relatedposts"><h3>Related</h3><p><a href="/other">Other story</a></p></div><div id="comments" class="comments-area"><ol class="comment-list"><li>Nice!</li></ol></div><nav class="post-navigation"><a href="/prev">Prev</a></nav>"#;
        let (out, _) = apply(&Widgets, html);
        assert_eq!(out, "<p>Story.</p>");
    }

    #[test]
    fn share_links_alone_are_removed_and_content_links_kept() {
        let html = r#"<p>See <a href="https://example.com/report">the report</a>.</p><p><a href="https://twitter.com/intent/tweet?url=x">Tweet</a></p>"#;
        let (out, _) = apply(&Widgets, html);
        assert_eq!(
            out,
            r#"<p>See <a href="https://example.com/report">the report</a>.</p>"#
        );
    }

    #[test]
    fn labelled_link_lists_are_related_widgets() {
        let html = r#"<p>The story of the valley, told at some length so that the links below are the smaller part of the page.</p><section class="collection"><span>Related</span><ul><li><a href="/a">Other one</a></li><li><a href="/b">Other two</a></li></ul></section><div><h3>相关阅读：</h3><a href="/c">另一篇文章的标题</a></div><div><b>Read more</b> about the history of the valley in our long feature, which <a href="/d">starts here</a>.</div>"#;
        let (out, _) = apply(&Widgets, html);
        assert_eq!(
            out,
            r#"<p>The story of the valley, told at some length so that the links below are the smaller part of the page.</p><div><b>Read more</b> about the history of the valley in our long feature, which <a href="/d">starts here</a>.</div>"#
        );
    }

    #[test]
    fn a_conversation_by_the_authors_is_kept_without_reader_comments() {
        let essay = "An expert answers at length, paragraph after paragraph. ".repeat(4);
        let html = format!(
            r#"<p>Intro.</p><div id="comments" class="comment-wrapper"><article class="comment comment-by-node-author"><p>{essay}</p></article><div class="comment comment-by-anonymous"><p>Buy cheap pills</p></div></div>"#
        );
        let (out, _) = apply(&Widgets, &html);
        assert!(out.contains("An expert answers"), "{out}");
        assert!(!out.contains("cheap pills"), "{out}");
    }

    #[test]
    fn share_labelled_links_and_labelled_link_paragraphs_go() {
        let story = "<p>The story of the valley, told at some length so that the links below are the smaller part of the page.</p>";
        let html = format!(
            r#"{story}<p class="button-wrapper"><a class="button" href="https://x.example/p/a?action=share">Share</a></p><p><strong>Related:</strong> <a href="/a">Another story entirely</a></p><p>See <a href="/b">the data</a> for more.</p>"#
        );
        let (out, _) = apply(&Widgets, &html);
        assert_eq!(
            out,
            format!(r#"{story}<p>See <a href="/b">the data</a> for more.</p>"#)
        );
    }

    #[test]
    fn labels_fit_the_length_checked_before_lower_casing() {
        // `is_labelled_link_list` skips first lines longer than 64 bytes;
        // half that leaves room for case changes and a trailing colon.
        assert!(RELATED_LABELS.iter().all(|l| l.len() <= 32));
    }

    #[test]
    fn comment_section_words_are_widget_words() {
        // `is_widget` rules elements out on widget words before it looks
        // for comment sections, which is only right while this holds.
        for w in crate::dom::COMMENT_SECTION_WORDS {
            assert!(WIDGET_WORDS.contains(w), "{w}");
        }
    }

    #[test]
    fn similar_words_are_not_widgets() {
        let html = r#"<div class="shared-values">a</div><div class="commentary">b</div><div class="unrelated">c</div><p class="social">d</p>"#;
        let (out, edits) = apply(&Widgets, html);
        assert_eq!(out, html);
        assert!(edits.is_empty());
    }
}
