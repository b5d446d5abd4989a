//! `widgets`: share bars, related-post lists and comment sections that
//! scraped pages carry around the article.
//!
//! Recognised by the names the common plugins and themes give them
//! (`sharedaddy`, `addtoany`, `jp-relatedposts`, `related-posts`,
//! `#comments`, `comment-respond`, `disqus_thread`, ...), matched as whole
//! words of `id`/`class`, and by link targets of share buttons
//! (`facebook.com/sharer`, `twitter.com/intent/tweet`, ...).

use super::tokens::any_element_word;
use crate::dom::{Document, NodeRef};
use crate::error::RuleError;
use crate::rule::{Context, Rule};

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

fn is_widget(el: &NodeRef) -> bool {
    if el.is("a") {
        return is_share_link(el);
    }
    if el.is_any(&["p", "span", "b", "strong", "em", "i"]) {
        return false;
    }
    any_element_word(el, |w| WIDGET_WORDS.contains(&w))
}

impl Rule for Widgets {
    fn name(&self) -> &str {
        "widgets"
    }

    fn apply(&self, doc: &mut Document, _cx: &Context<'_>) -> Result<(), RuleError> {
        super::remove_blocks(doc, is_widget);
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
    fn similar_words_are_not_widgets() {
        let html = r#"<div class="shared-values">a</div><div class="commentary">b</div><div class="unrelated">c</div><p class="social">d</p>"#;
        let (out, edits) = apply(&Widgets, html);
        assert_eq!(out, html);
        assert!(edits.is_empty());
    }
}
