//! The `widgets` rule, [`Widgets`]: what it does and why is on the type.

use crate::dom::{Document, NodeRef, Visit};
use crate::error::RuleError;
use crate::page::facts::{Fact, Facts};
use crate::page::lines::RELATED_LABELS;
use crate::page::names::Names;
use crate::page::services::is_bookmark_link;
use crate::rule::{Context, Rule};

/// Removes share, related-posts and comment widgets.
///
/// `widgets`: share bars, related-post lists and comment sections that
/// scraped pages carry around the article.
///
/// Recognised by the names the common plugins and themes give them
/// (`sharedaddy`, `addtoany`, `jp-relatedposts`, `related-posts`,
/// `#comments`, `comment-respond`, `disqus_thread`, ...), matched as whole
/// words of `id`/`class`, and by link targets of share buttons
/// (`facebook.com/sharer`, `twitter.com/intent/tweet`, ...) and of the
/// older web's bookmarking services (`del.icio.us/post`, Google
/// Bookmarks, Digg, StumbleUpon, ...), their logo images with them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Widgets;

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
pub(crate) fn is_share_link(a: &NodeRef) -> bool {
    a.with_attr("href", is_share_href).unwrap_or(false)
}

/// Bytes that no change of case touches, one of which every share endpoint
/// holds: the dot of its host or the colon of `mailto:`.
const ENDPOINT_ANCHORS: [u8; 2] = [b'.', b':'];

/// An endpoint as [`is_share_href`] looks for it.
struct AnchoredEndpoint {
    /// Offset of the endpoint's first anchor byte.
    at: usize,
    /// The bytes either side of that anchor.
    around: [u8; 2],
    endpoint: &'static [u8],
}

static ANCHORED_ENDPOINTS: std::sync::LazyLock<Vec<AnchoredEndpoint>> =
    std::sync::LazyLock::new(|| {
        SHARE_ENDPOINTS
            .iter()
            .filter_map(|e| {
                let e = e.as_bytes();
                let at = e.iter().position(|b| ENDPOINT_ANCHORS.contains(b))?;
                let around = [*e.get(at.checked_sub(1)?)?, *e.get(at + 1)?];
                Some(AnchoredEndpoint {
                    at,
                    around,
                    endpoint: e,
                })
            })
            .collect()
    });

/// True if `href` holds a share endpoint, ignoring ASCII case: the
/// `href.to_ascii_lowercase().contains(endpoint)` question without the copy
/// or eighteen searches of it. An endpoint can only sit with its anchor
/// byte on one of the href's few dots and colons, and with the bytes either
/// side matching its own: only the rare windows where they do are compared.
fn is_share_href(href: &str) -> bool {
    let h = href.as_bytes();
    memchr::memchr2_iter(ENDPOINT_ANCHORS[0], ENDPOINT_ANCHORS[1], h).any(|i| {
        let (Some(before), Some(after)) = (i.checked_sub(1).map(|j| h[j]), h.get(i + 1)) else {
            return false;
        };
        let around = [before.to_ascii_lowercase(), after.to_ascii_lowercase()];
        ANCHORED_ENDPOINTS.iter().any(|a| {
            a.around == around
                && a.endpoint[a.at] == h[i]
                && i >= a.at
                && h.get(i - a.at..i - a.at + a.endpoint.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(a.endpoint))
        })
    })
}

/// Classes CMSes give a comment written by the post's own author
/// (WordPress `bypostauthor`, Drupal `comment-by-node-author`).
const AUTHOR_COMMENT_CLASSES: &[&str] = &["bypostauthor", "comment-by-node-author"];

fn is_author_comment(el: &NodeRef) -> bool {
    el.with_attr("class", |c| {
        c.split_ascii_whitespace()
            .any(|t| AUTHOR_COMMENT_CLASSES.contains(&t))
    })
    .unwrap_or(false)
}

/// True if most of the text of a comment section is written by the post's
/// authors: a "conversation" page, whose article is its comment thread.
/// Such a section stays; reader comments inside it still go.
#[cfg(any(test, feature = "quality"))]
pub(crate) fn is_author_conversation(section: &NodeRef) -> bool {
    // One pass measures both the section's text and its authors' part.
    let mut total = 0;
    let mut by_authors = 0;
    section.visit_below(|el| {
        if !el.is_element() {
            total += el.with_text(crate::dom::count_visible_chars).unwrap_or(0);
            return Visit::Descend;
        }
        let not_text = el.is_in(crate::html::tags::NOT_TEXT);
        if is_author_comment(el) {
            let len = el.text_len();
            by_authors += len;
            if !not_text {
                total += len;
            }
            Visit::Skip
        } else if not_text {
            // Not text of the section, but author comments below
            // such an element are still counted as theirs.
            by_authors += authored_text_below(el);
            Visit::Skip
        } else {
            Visit::Descend
        }
    });
    total > 0 && by_authors * 2 > total
}

/// [`is_author_conversation`] with the lengths looked up in `facts`: the
/// section's text is measured already, and of the rest only the author
/// comments need finding.
fn is_author_conversation_measured(section: &NodeRef, facts: &Facts) -> bool {
    let total = facts.text_len(section);
    if total == 0 {
        return false;
    }
    let mut by_authors = 0;
    section.visit_below(|el| {
        if !el.is_element() {
            return Visit::Skip;
        }
        if is_author_comment(el) {
            by_authors += facts.text_len(el);
            Visit::Skip
        } else {
            Visit::Descend
        }
    });
    by_authors * 2 > total
}

/// Text of the author comments below `node`, however deep.
#[cfg(any(test, feature = "quality"))]
fn authored_text_below(node: &NodeRef) -> usize {
    let mut by_authors = 0;
    let mut stack = node.children();
    while let Some(n) = stack.pop() {
        if is_author_comment(&n) {
            by_authors += n.text_len();
        } else {
            stack.extend(n.children());
        }
    }
    by_authors
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

/// [`SHARE_LABELS`] for lookups.
static SHARE_LABEL_SET: std::sync::LazyLock<Labels> =
    std::sync::LazyLock::new(|| Labels::new(SHARE_LABELS));

/// True if a link's text is a share button's label.
fn has_share_label(a: &NodeRef) -> bool {
    SHARE_LABEL_SET.matching(a.text_content().trim()).is_some()
}

/// Longest text of a share bar, in visible characters.
const MAX_SHARE_BAR_CHARS: usize = 60;

/// A short block made only of links labelled like share buttons.
fn is_share_bar(el: &NodeRef, fact: &Fact, facts: &Facts) -> bool {
    if !el.is_any(&["p", "div", "ul", "span"])
        || !fact.has_link_below()
        || fact.text_len() > MAX_SHARE_BAR_CHARS
    {
        return false;
    }
    let links: Vec<NodeRef> = el.descendants().filter(|n| n.is("a")).collect();
    if links.is_empty() {
        return false;
    }
    let link_chars: usize = links.iter().map(|a| facts.text_len(a)).sum();
    links.iter().all(has_share_label) && fact.text_len().saturating_sub(link_chars) <= 8
}

/// True if an element is a share, related-posts or comment widget.
fn is_widget(el: &NodeRef, fact: &Fact, facts: &Facts) -> bool {
    if el.is("a") {
        return is_share_link(el) || is_bookmark_link(el);
    }
    if is_share_bar(el, fact, facts) {
        return true;
    }
    // A social *embed* (a quoted post or video) is content, not a share bar.
    let names = fact.names();
    if el.is_any(&["p", "span", "b", "strong", "em", "i"])
        || !names.has(Names::WIDGET)
        || names.has(Names::EMBED)
        || is_author_comment(el)
    {
        return false;
    }
    // Measuring a comment section's authors reads all of it: asked last.
    !(names.has(Names::COMMENT_SECTION) && is_author_conversation_measured(el, facts))
}

/// Share of a block's text (after its label) that must be link text for a
/// labelled block to count as a list of links to other stories.
const MIN_LINK_SHARE: f64 = 0.6;

/// [`RELATED_LABELS`] for lookups.
static RELATED_LABEL_SET: std::sync::LazyLock<Labels> =
    std::sync::LazyLock::new(|| Labels::new(RELATED_LABELS));

/// The longest first line `is_labelled_link_list` takes for a label. The
/// longest label is well under this; a paragraph's first line is not
/// looked at only to learn that it is not a label.
const MAX_LABEL_BYTES: usize = 64;

/// The related-stories label a text node is, as [`normalise_label`] would
/// find it in [`RELATED_LABELS`]; `None` for blank text and text too long
/// to be taken for a label.
fn related_label(text: &str) -> Option<&'static str> {
    let t = text.trim();
    // Trimming the colons off leaves the first character in place (or
    // nothing): most short texts are ruled out by it.
    if t.is_empty() || t.len() > MAX_LABEL_BYTES || !RELATED_LABEL_SET.may_start(t) {
        return None;
    }
    RELATED_LABEL_SET.matching(t.trim_end_matches([':', '：']).trim())
}

/// A block that opens with a "Related" label and is mostly links: a
/// related-stories list whatever its class names.
fn is_labelled_link_list(el: &NodeRef, fact: &Fact, facts: &Facts) -> bool {
    // Without a link below, no text of it is linked; without visible
    // text below, there is no label.
    if !el.is_any(&["div", "section", "aside", "nav", "footer", "p", "ul"])
        || !fact.has_link_below()
        || !fact.has_visible_text()
    {
        return false;
    }
    let mut label = None;
    el.visit_below(|n| {
        let visible = n.with_text(|t| {
            let visible = crate::dom::has_visible_char(t);
            if visible {
                label = related_label(t);
            }
            visible
        });
        if visible == Some(true) {
            Visit::Stop
        } else {
            Visit::Descend
        }
    });
    let Some(label) = label else {
        return false;
    };
    let total = fact
        .text_len()
        .saturating_sub(crate::dom::count_visible_chars(label));
    let linked: usize = el
        .descendants()
        .filter(|n| n.is("a"))
        .map(|a| facts.text_len(&a))
        .sum();
    total > 0 && linked as f64 >= MIN_LINK_SHARE * total as f64
}

/// A fixed list of lower-case labels, matched against a text as
/// `labels.contains(&text.to_lowercase())` would, without lower-casing a
/// copy of every text asked about: most texts are ruled out by their
/// length or their first character.
struct Labels {
    labels: &'static [&'static str],
    /// The labels' first characters.
    firsts: Vec<char>,
    /// The longest label, in bytes.
    longest: usize,
}

impl Labels {
    fn new(labels: &'static [&'static str]) -> Self {
        let mut firsts: Vec<char> = labels.iter().filter_map(|l| l.chars().next()).collect();
        firsts.sort_unstable();
        firsts.dedup();
        let longest = labels.iter().map(|l| l.len()).max().unwrap_or(0);
        Labels {
            labels,
            firsts,
            longest,
        }
    }

    /// False if no text starting like `text` lower-cases to a label: its
    /// lower-cased first character starts none.
    fn may_start(&self, text: &str) -> bool {
        match text.chars().flat_map(char::to_lowercase).next() {
            Some(first) => self.firsts.contains(&first),
            None => self.labels.contains(&""),
        }
    }

    /// The label `text` lower-cases to, if any.
    ///
    /// Exact for labels that are their own lower case and hold no sigma:
    /// lower-casing character by character differs from `to_lowercase`
    /// only in a final sigma. Every character lower-cases to at least one
    /// byte and is at most four, so a text over four times the longest
    /// label lower-cases to none.
    fn matching(&self, text: &str) -> Option<&'static str> {
        if text.len() > 4 * self.longest {
            return None;
        }
        let lower = || text.chars().flat_map(char::to_lowercase);
        let Some(first) = lower().next() else {
            return self.labels.iter().copied().find(|l| l.is_empty());
        };
        if !self.firsts.contains(&first) {
            return None;
        }
        self.labels
            .iter()
            .copied()
            .find(|l| l.starts_with(first) && lower().eq(l.chars()))
    }
}

impl Rule for Widgets {
    fn name(&self) -> &str {
        super::WIDGETS
    }

    fn apply(&self, doc: &mut Document, _cx: &Context<'_>) -> Result<(), RuleError> {
        // Measured: the text and link questions become lookups, and the
        // measurement `promotions` took is reused when it removed nothing.
        // With them, asking every element costs less than a first pass
        // over the page for share and related labels did.
        super::remove_blocks_measured(doc, |el, fact, facts| {
            is_widget(el, fact, facts) || is_labelled_link_list(el, fact, facts)
        });
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
    fn old_bookmark_links_go_with_their_logos() {
        let html = r#"<p>Story.</p><div class="service-links"><a href="http://del.icio.us/post?url=https://www.example.com/news/1"><img alt="Delicious logo" src="/themes/x/servicelinks/png/delicious.png"></a><a href="https://www.google.com/bookmarks/mark?op=add&amp;bkmk=https%3A//www.example.com/news/1" title="Bookmark this post on Google"><img alt="Google logo" src="/themes/x/servicelinks/png/google.png"></a></div><p>See <a href="https://digg.com/2020/a-story">the story</a>.</p>"#;
        let (out, _) = apply(&Widgets, html);
        assert_eq!(
            out,
            r#"<p>Story.</p><p>See <a href="https://digg.com/2020/a-story">the story</a>.</p>"#
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
    fn a_comment_thread_longer_than_a_story_without_paragraphs_goes() {
        // The story is lines in a `<div>` split by `<br>`, so it has no
        // paragraph text; the thread's comments are `<p>`s. By paragraph
        // text alone the thread would seem to hold the story.
        let line = "A line of the story that the page writes between breaks";
        let story = format!("<div>{}</div>", [line; 30].join("<br>"));
        let comment = r#"<div class="comment"><p>A reader's long comment, which goes on about something else.</p></div>"#;
        let html = format!(
            r#"{story}<div id="comments" class="comment-wrapper">{}</div>"#,
            comment.repeat(40)
        );
        let (out, _) = apply(&Widgets, &html);
        assert_eq!(out, story);
        // With no story beside it, the thread is all there is, and stays.
        let alone = format!(
            r#"<p>Intro.</p><div id="comments" class="comment-wrapper">{}</div>"#,
            comment.repeat(40)
        );
        let (out, _) = apply(&Widgets, &alone);
        assert_eq!(out, alone);
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
        for w in COMMENT_SECTION_WORDS {
            assert!(WIDGET_WORDS.contains(w), "{w}");
        }
    }

    #[test]
    fn every_share_endpoint_is_anchored_and_lower_case() {
        // `is_share_href` only looks around anchor bytes with a byte either
        // side, and compares ignoring ASCII case against the endpoint as
        // written.
        assert_eq!(ANCHORED_ENDPOINTS.len(), SHARE_ENDPOINTS.len());
        for e in SHARE_ENDPOINTS {
            assert_eq!(*e, e.to_ascii_lowercase(), "{e}");
        }
    }

    #[test]
    fn share_hrefs_are_found_as_a_lower_cased_search_finds_them() {
        let plain = |h: &str| {
            let h = h.to_ascii_lowercase();
            SHARE_ENDPOINTS.iter().any(|e| h.contains(e))
        };
        let mut hrefs: Vec<String> = Vec::new();
        for e in SHARE_ENDPOINTS {
            let upper = e.to_ascii_uppercase();
            // The endpoint whole, in both cases, at the start, the end and
            // inside; cut short by one byte at either end; and next to
            // other anchors.
            for body in [e.to_string(), upper.clone()] {
                hrefs.push(body.clone());
                hrefs.push(format!("https://www.{body}?u=1"));
                hrefs.push(format!("x.:{body}"));
                hrefs.push(format!("https://e.com/?next={body}"));
                hrefs.push(body[1..].to_string());
                hrefs.push(body[..body.len() - 1].to_string());
                hrefs.push(format!("..{}", &body[1..]));
            }
        }
        hrefs.extend(
            [
                "",
                ".",
                ":",
                "mailto:",
                "mailto:?",
                "MAILTO:?subject=x",
                "mailto:a@b.c",
                "https://facebook.com/",
                "https://x.com/intent",
                "https://wa.me/?TEXT=hi",
                "https://t.me/s/channel",
                "https://例子.com/sharer",
                "https://facebook。com/sharer",
            ]
            .map(String::from),
        );
        for h in &hrefs {
            assert_eq!(is_share_href(h), plain(h), "{h}");
        }
        // Each endpoint, whole or cut short, between every pair of short
        // strings of anchors, letters and slashes.
        let around = crate::testing::all_strings(&['.', ':', 'W', '/'], 2);
        for e in SHARE_ENDPOINTS {
            for core in [*e, &e[1..], &e[..e.len() - 1]] {
                for before in &around {
                    for after in &around {
                        let h = format!("{before}{core}{after}");
                        assert_eq!(is_share_href(&h), plain(&h), "{h}");
                    }
                }
            }
        }
    }

    #[test]
    fn similar_words_are_not_widgets() {
        let html = r#"<div class="shared-values">a</div><div class="commentary">b</div><div class="unrelated">c</div><p class="social">d</p>"#;
        let (out, edits) = apply(&Widgets, html);
        assert_eq!(out, html);
        assert!(edits.is_empty());
    }

    /// The rule's predicates as they were before the measurements and the
    /// shortcuts: what the fast ones must agree with on every element.
    mod plain {
        use super::super::*;
        use crate::page::names::{COMMENT_SECTION_WORDS, EMBED_WORDS, WIDGET_WORDS};

        pub fn is_share_bar(el: &NodeRef) -> bool {
            if !el.is_any(&["p", "div", "ul", "span"])
                || !el.contains_tag(&["a"])
                || el.text_len_capped(60) > 60
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

        pub fn is_author_conversation(section: &NodeRef) -> bool {
            let total = section.text_len();
            if total == 0 {
                return false;
            }
            let mut by_authors = 0;
            let mut stack = section.children();
            while let Some(n) = stack.pop() {
                if AUTHOR_COMMENT_CLASSES.iter().any(|c| n.has_class(c)) {
                    by_authors += n.text_len();
                } else {
                    stack.extend(n.children());
                }
            }
            by_authors * 2 > total
        }

        pub fn is_widget(el: &NodeRef) -> bool {
            if el.is("a") {
                return el
                    .with_attr("href", |h| {
                        let h = h.to_ascii_lowercase();
                        SHARE_ENDPOINTS.iter().any(|e| h.contains(e))
                    })
                    .unwrap_or(false)
                    || is_bookmark_link(el);
            }
            if is_share_bar(el) {
                return true;
            }
            let words = crate::page::names::element_words(el);
            let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
            if !has(WIDGET_WORDS) {
                return false;
            }
            if AUTHOR_COMMENT_CLASSES.iter().any(|c| el.has_class(c))
                || (has(COMMENT_SECTION_WORDS) && is_author_conversation(el))
            {
                return false;
            }
            if el.is_any(&["p", "span", "b", "strong", "em", "i"]) {
                return false;
            }
            !has(EMBED_WORDS)
        }

        pub fn is_labelled_link_list(el: &NodeRef) -> bool {
            if !el.is_any(&["div", "section", "aside", "nav", "footer", "p", "ul"]) {
                return false;
            }
            let mut label = None;
            el.visit_below(|n| {
                let Some(t) = n.text().filter(|_| n.is_text()) else {
                    return Visit::Descend;
                };
                if t.trim().is_empty() {
                    return Visit::Descend;
                }
                if t.trim().len() <= 64 {
                    label = Some(crate::page::lines::normalise_label(&t));
                }
                Visit::Stop
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
    }

    /// Pages that try the shortcuts: share bars labelled in odd cases and
    /// scripts, labels with colons, a Kelvin sign and a dotted capital I,
    /// links hidden in SVG styles, author comments in raw-text elements.
    const TRICKY_PAGES: &[&str] = &[
        r#"<p>Story.</p><div class="x"><a href="/s">SHARE</a> <a href="/p">Print</a></div><ul><li><a href="/t"> Tweet </a></li></ul>"#,
        r#"<div><a href="/s">Share this:</a> and some more words after it to pass sixty characters of text in all</div><span><a>分享到</a></span>"#,
        r#"<div><svg><style><a>Share</a></style></svg></div><div><script>var a = "<a>Share</a>";</script><a href="/e">Email</a></div>"#,
        "<div><a href=\"/x\">Share on Facebook</a><b>and</b></div><p><a>Ema\u{130}l</a><a>\u{212a}</a></p>",
        "<section><span>You may also li\u{212a}e：</span><ul><li><a href=\"/a\">Other one</a></li></ul></section><div><h3>RELATED:</h3><a href=\"/b\">B</a></div>",
        r#"<div>  <p>   </p><b>Read more</b> <a href="/c">a long linked headline here</a></div><nav><i>相關報導</i><a>另一篇</a>x</nav><p>related posts <a>x</a></p>"#,
        r#"<div>Related Σ<a>x</a></div><div><em>延伸閱讀:</em><a>一</a><a>二</a></div><footer>See also:<a>Other</a></footer>"#,
        r#"<div id="comments" class="comments"><article class="comment bypostauthor"><p>The author answers at length, at great length indeed.</p></article><style class="bypostauthor">x</style><p>short</p></div>"#,
        r#"<div id="comments"><svg><style><g class="comment-by-node-author">An author's words, long enough to count for most.</g></style></svg><p>A reader.</p></div>"#,
        "<div id=\"comments\"><p>A reader's comment, sixty characters long or thereabouts, ok.</p><style class=\"bypostauthor\">An author's forty characters of style..</style></div>",
        "<div><a href=\"/f\">SHARE ON FACEBOO\u{212a}</a></div>",
        r#"<div class="comment-list"><template><p class="bypostauthor">hidden</p></template><p>Visible reader text.</p></div><p class="social">x</p><span class="share">y</span><div class="social embed">z</div>"#,
        // Labelled lists with pictures, and a label only a script holds.
        r#"<div><h3>Related</h3><a href="/x"><img src="/t.png">Other story</a></div><section><script>Related</script><a href="/y">Y</a></section><ul><li><img src="/i.png"></li><li><a href="/z">See also</a></li></ul>"#,
        // Share bars of exactly the longest length, and one character over.
        r#"<div><a>Share on Facebook</a><a>Share on Facebook</a><a>Share on Facebook</a><a>Share on Facebook</a></div><ul><li><a>Share on Facebook</a><a>Share on Facebook</a><a>Share on Facebook</a><a>Share on Facebook</a>x</li></ul>"#,
    ];

    fn fixture_pages() -> Vec<String> {
        let mut pages = crate::testing::fixture_pages();
        pages.extend(TRICKY_PAGES.iter().map(|p| p.to_string()));
        pages
    }

    #[test]
    fn the_fast_predicates_agree_with_the_plain_ones_on_every_element() {
        let (mut named, mut conversations) = (0, 0);
        for page in fixture_pages() {
            let doc = Document::parse(&page);
            let facts = Facts::measure(&doc);
            for el in doc.body().element_descendants() {
                let what = el.describe();
                let widget = plain::is_widget(&el);
                let fact = facts.of(&el).expect("measured");
                assert_eq!(is_widget(&el, fact, &facts), widget, "{what}");
                let list = plain::is_labelled_link_list(&el);
                assert_eq!(is_labelled_link_list(&el, fact, &facts), list, "{what}");
                let conversation = plain::is_author_conversation(&el);
                assert_eq!(is_author_conversation(&el), conversation, "{what}");
                let measured = is_author_conversation_measured(&el, &facts);
                assert_eq!(measured, conversation, "{what}");
                conversations += usize::from(conversation);
                named += usize::from(widget) + usize::from(list);
            }
        }
        // The pages do hold widgets and conversations for the fast paths
        // to find.
        assert!(named > 20 && conversations > 2, "{named} {conversations}");
    }

    #[test]
    fn labels_match_as_lower_casing_a_copy_matches() {
        for (labels, set) in [
            (SHARE_LABELS, &*SHARE_LABEL_SET),
            (RELATED_LABELS, &*RELATED_LABEL_SET),
        ] {
            // What `matching` relies on.
            for l in labels {
                assert!(!l.is_empty() && *l == l.to_lowercase(), "{l}");
                assert!(!l.contains(['σ', 'ς']), "{l}");
            }
            let plain = |t: &str| {
                let lower = t.to_lowercase();
                labels.iter().copied().find(|l| *l == lower)
            };
            let mut texts = Vec::new();
            for l in labels {
                let upper = l.to_uppercase();
                texts.extend([
                    l.to_string(),
                    upper.clone(),
                    l.replace('k', "\u{212a}"),
                    l.replace('i', "\u{130}"),
                    l.replace('s', "Σ"),
                    format!("{l}s"),
                    format!("Σ{l}"),
                    l.chars().skip(1).collect(),
                    l.chars().take(l.chars().count() - 1).collect(),
                    upper.repeat(5),
                ]);
            }
            let alphabet = ['S', 'h', 'İ', 'Σ', '相', '\u{212a}', ' '];
            texts.extend(crate::testing::all_strings(&alphabet, 4));
            for t in &texts {
                assert_eq!(set.matching(t), plain(t), "{t:?}");
                if plain(t).is_some() {
                    assert!(set.may_start(t), "{t:?}");
                }
            }
        }
    }

    #[test]
    fn related_labels_are_found_as_normalising_finds_them() {
        let plain = |t: &str| {
            let t = t.trim();
            if t.is_empty() || t.len() > MAX_LABEL_BYTES {
                return None;
            }
            let label = normalise_label(t);
            RELATED_LABELS.iter().copied().find(|l| *l == label)
        };
        let mut texts: Vec<String> = Vec::new();
        for l in RELATED_LABELS {
            texts.extend([
                l.to_string(),
                l.to_uppercase(),
                format!(" \n{l}: "),
                format!("\u{3000}{l}：\u{a0}"),
                format!("{l} ::"),
                format!("{l}:x"),
                format!(":{l}"),
                format!("{l}{}", " ".repeat(60)),
                format!("{}{l}", "\u{3000}".repeat(30)),
                l.repeat(3),
            ]);
        }
        let alphabet = ['R', ':', '：', ' ', '\u{a0}', '相', '关'];
        texts.extend(crate::testing::all_strings(&alphabet, 4));
        for t in &texts {
            assert_eq!(related_label(t), plain(t), "{t:?}");
        }
    }
}
