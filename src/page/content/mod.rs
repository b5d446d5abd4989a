//! Main content: is the input a whole web page or already an article, and
//! on a page, which elements hold the article.
//!
//! # Page or fragment
//!
//! A post body, a feed item or a CMS field is cleaned as it is: the
//! main-content rule changes nothing on it. A whole page is recognised by
//! what only whole pages carry: a `<head>` with a `<title>`, `<meta>` or
//! `<link>`, a `<main>`, or two kinds of page furniture (`<nav>`,
//! `<footer>`, `<aside>`, a landmark role) beside the article rather than
//! inside it.
//!
//! # Finding the article
//!
//! The page is measured once ([`measure`]), then every element is scored
//! by the prose it holds ([`score`]). [`top_candidate`] picks the
//! container: the best candidate, or the ancestor of several near-best
//! ones, climbing on while an ancestor adds more of the same prose.
//! [`select`] joins its siblings (prose, dressed like it, quiet blocks
//! between its parts, a lead figure) and its parts elsewhere (sharing a
//! content class), or falls back to the main landmark when nothing is
//! convincing. [`removals`] drops the rest of the page and, inside the
//! kept blocks, hidden elements, furniture and link blocks that carry
//! little of the container's score; [`headline`] finds the headline that
//! repeats the page title.
//!
//! What comes out for each kind of page is documented on the rule,
//! [`crate::rules::MainContent`].

pub(crate) mod measure;
pub(crate) mod names;
pub(crate) mod score;

use crate::dom::{Document, NodeRef};
use measure::{Blocks, Kind};
use score::{is_furniture_tag, Scores, MIN_UNIT};

/// What the main-content rule keeps of a page.
#[derive(Debug)]
pub(crate) struct Extraction {
    /// The elements holding the article, in document order: the container
    /// and the siblings that join it.
    pub keep: Vec<NodeRef>,
    /// Elements outside `keep` (other than its ancestors) and elements
    /// inside it that are not part of the article: the removals.
    pub drop: Vec<NodeRef>,
}

/// True if `doc` is a whole web page rather than an article fragment.
pub(crate) fn is_whole_page(doc: &Document) -> bool {
    let body = doc.body();
    let head = body
        .parent()
        .and_then(|html| html.children().into_iter().find(|c| c.is("head")));
    let says_page = |c: &NodeRef| match c.tag() {
        Some("title") => true,
        Some("meta") => c.has_attr("name") || c.has_attr("property"),
        Some("link") => c.has_attr("rel"),
        _ => false,
    };
    let head_says_page = head.is_some_and(|head| head.children().iter().any(says_page));
    // Markup before `<head>` makes the parser start the body early, and
    // the head's elements then stand at the top of the body.
    let misplaced_head = body
        .element_children()
        .iter()
        .any(|c| c.is("title") || c.is("meta") && says_page(c));
    head_says_page || misplaced_head || has_page_furniture(&body)
}

/// True if the landmarks of a page stand below `body`, a few levels down
/// at most and not inside an `<article>` or a list: a `<main>`, or two
/// kinds of furniture beside the content (`<nav>`, `<footer>`, `<aside>`,
/// a landmark role). One alone is not enough: a post's body may end with
/// its own `<footer>` or set a note in an `<aside>`; and a `<header>` is
/// as often an article's headline block.
fn has_page_furniture(body: &NodeRef) -> bool {
    const MAX_DEPTH: usize = 4;
    let mut kinds = 0u8;
    let mut stack: Vec<(NodeRef, usize)> = body
        .element_children()
        .into_iter()
        .map(|c| (c, 1))
        .collect();
    while let Some((el, depth)) = stack.pop() {
        let tag = el.tag().unwrap_or("");
        let role = el.attr("role").unwrap_or_default().to_ascii_lowercase();
        kinds |= match (tag, role.trim()) {
            ("main", _) => return true,
            ("nav", _) | (_, "navigation") => 1,
            ("footer", _) | (_, "contentinfo") => 2,
            ("aside", _) | (_, "complementary") => 4,
            (_, "banner") => 8,
            (_, "search") => 16,
            _ => 0,
        };
        if kinds.count_ones() >= 2 {
            return true;
        }
        if depth < MAX_DEPTH
            && !matches!(tag, "article" | "ul" | "ol" | "table" | "blockquote" | "p")
        {
            stack.extend(el.element_children().into_iter().map(|c| (c, depth + 1)));
        }
    }
    false
}

/// Finds the article on a page. When nothing reads as one, the page's
/// main landmark (or its body) is kept, with its furniture dropped.
pub(crate) fn extract(doc: &Document) -> Extraction {
    let blocks = Blocks::of(doc);
    let scores = Scores::of(&blocks);
    let keep = select(&blocks, &scores);
    let mut drop = removals(&blocks, &scores, &keep);
    if let Some(headline) = page_title(doc).and_then(|t| headline(&blocks, &keep, &drop, &t)) {
        drop.push(headline);
    }
    Extraction {
        keep: keep.iter().map(|&i| blocks[i].node.clone()).collect(),
        drop,
    }
}

/// The page's title: its `<title>`, else its `og:title`.
fn page_title(doc: &Document) -> Option<String> {
    let head = doc
        .body()
        .parent()?
        .children()
        .into_iter()
        .find(|c| c.is("head"))?;
    let children = head.element_children();
    let title = children
        .iter()
        .find(|c| c.is("title"))
        .map(NodeRef::text_content)
        .filter(|t| !t.trim().is_empty());
    title.or_else(|| {
        children.iter().find_map(|c| {
            let og = c.is("meta") && c.attr("property").as_deref() == Some("og:title");
            og.then(|| c.attr("content")).flatten()
        })
    })
}

/// The article's headline inside the kept blocks: the first `<h1>` or
/// `<h2>` whose words run on in the page title (which may add the site's
/// name), with the header block around it. It is the page's title, not
/// the article's text.
fn headline(blocks: &Blocks, keep: &[usize], drop: &[NodeRef], title: &str) -> Option<NodeRef> {
    let words = crate::page::names::plain_words;
    let title = words(title);
    let (owner, heading) = keep.iter().find_map(|&k| {
        (k..blocks[k].end)
            .find(|&i| blocks[i].kind == Kind::Heading && matches!(blocks[i].tag(), "h1" | "h2"))
            .map(|i| (k, i))
    })?;
    let node = &blocks[heading].node;
    if drop
        .iter()
        .any(|d| d == node || node.ancestors().any(|a| a == *d))
    {
        return None;
    }
    let said = words(&node.text_content());
    // The title may add the site's name after the headline ("Headline |
    // Site"), or be the headline alone with a short prefix or suffix.
    let runs_in_title = !said.is_empty()
        && (title.starts_with(&said)
            || said.len() * 2 >= title.len()
                && title.windows(said.len()).any(|w| w == said.as_slice()));
    if !runs_in_title {
        return None;
    }
    // The block around the headline that holds little else (its kicker,
    // byline and date line) is the page's header for the article.
    let mut header = heading;
    while let Some(p) = blocks[header].parent {
        let little_else = blocks[p].text <= blocks[heading].text + HEADER_EXTRA;
        if p == owner || !blocks.contains(owner, p) || !little_else {
            break;
        }
        header = p;
    }
    Some(blocks[header].node.clone())
}

/// Most text a headline's header block holds besides the headline: a
/// kicker, a byline, a date.
const HEADER_EXTRA: usize = 120;

/// The article as the page scoring sees it, for the guard that keeps the
/// naming rules from removing it.
pub(crate) struct ArticleView {
    blocks: Blocks,
    top: usize,
    /// Worth reaching the container through each block inside it.
    through: Vec<f64>,
}

impl ArticleView {
    /// Scores `doc` as it stands; `None` if nothing in it reads as prose.
    pub(crate) fn of(doc: &Document) -> Option<ArticleView> {
        let blocks = Blocks::of(doc);
        let scores = Scores::of(&blocks);
        let top = top_candidate(&blocks, &scores)?;
        let through = score::worth_through(&blocks, &scores, top);
        Some(ArticleView {
            blocks,
            top,
            through,
        })
    }

    /// True if `el` holds the article: it is the container or holds it,
    /// or it is inside the container and carries a large share of what
    /// made it win.
    pub(crate) fn holds(&self, el: &NodeRef) -> bool {
        let Some(i) = self.blocks.index_of(el) else {
            return false;
        };
        let (top, total) = (self.top, self.through[0]);
        self.blocks.contains(i, top)
            || self.blocks.contains(top, i)
                && total > 0.0
                && self.through[i - top] > HOLDS_ARTICLE * total
    }
}

/// Candidates scoring at least this share of the best count as near-best.
const NEAR_BEST: f64 = 0.75;

/// How many near-best candidates under one ancestor make it the container.
const NEAR_BEST_TO_CLIMB: usize = 3;

/// Share of the text an ancestor adds to the container that must be
/// prose for it to become the container.
const MORE_OF_THE_SAME: f64 = 0.8;

/// Share of the text an ancestor adds that may be links for it to become
/// the container.
const FEW_LINKS: f64 = 0.1;

/// Share of the container's prose an ancestor must add to be worth
/// climbing to.
const SUBSTANTIAL: f64 = 0.25;

/// The block of the article's container.
fn top_candidate(blocks: &Blocks, scores: &Scores) -> Option<usize> {
    let ranked = scores.ranked(blocks);
    let &(mut top, best) = ranked.first()?;
    // An article in several sections: near-best candidates under one
    // ancestor of the best make that ancestor the container.
    let near: Vec<usize> = ranked
        .iter()
        .skip(1)
        .take(5)
        .filter(|&&(_, s)| s >= NEAR_BEST * best)
        .map(|&(i, _)| i)
        .collect();
    if near.len() >= NEAR_BEST_TO_CLIMB {
        for a in blocks.ancestors(top) {
            if a == 0 {
                break;
            }
            if near.iter().filter(|&&i| blocks.contains(a, i)).count() >= NEAR_BEST_TO_CLIMB {
                top = a;
                break;
            }
        }
    }
    // Climb while what an ancestor adds is more of the same: prose outside
    // page furniture, with few links (an article split over sections, a
    // lead paragraph above its read-more wrapper), or nothing that reads
    // at all (a wrapper holding a button or an image).
    let base = &blocks[top];
    let (text, links, prose) = (base.text, base.link_text, scores.clean_prose[top]);
    let mut climbed = top;
    for a in blocks.ancestors(top) {
        let extra_text = blocks[a].text - text;
        let extra_links = blocks[a].link_text - links;
        let extra_prose = scores.clean_prose[a] - prose;
        let wrapper = extra_text <= MIN_UNIT;
        let more_of_the_same = extra_prose as f64 >= MORE_OF_THE_SAME * extra_text as f64
            && extra_links as f64 <= FEW_LINKS * extra_text as f64;
        if !(wrapper || more_of_the_same) {
            break;
        }
        // A headline, a caption or a standfirst beside the container is
        // not worth taking the ancestor's edges for; more of the article is.
        if wrapper || extra_prose as f64 >= SUBSTANTIAL * prose as f64 {
            climbed = a;
        }
    }
    Some(climbed)
}

/// Least prose outside furniture a container must hold to be taken as
/// the article: two short paragraphs.
const CONVINCING_PROSE: usize = 4 * MIN_UNIT;

/// The page's `<main>` (or the element marked `role="main"` or
/// `itemprop="articleBody"`), if it has one holding text.
fn main_landmark(blocks: &Blocks) -> Option<usize> {
    (1..blocks.len()).find(|&i| {
        let b = &blocks[i];
        (b.tag() == "main" || b.lean.semantic) && b.text > 0 && !b.hidden
    })
}

/// The container and the siblings that join it, in document order.
fn select(blocks: &Blocks, scores: &Scores) -> Vec<usize> {
    let top = match top_candidate(blocks, scores) {
        Some(top) if scores.clean_prose[top] >= CONVINCING_PROSE => top,
        // Nothing reads as an article (a listing, a gallery, a page of
        // links): the page's main landmark, or the whole body, with its
        // furniture dropped.
        _ => return vec![main_landmark(blocks).unwrap_or(0)],
    };
    let Some(parent) = blocks[top].parent else {
        return vec![top];
    };
    let top_score = scores.candidate(blocks, top);
    let threshold = (0.2 * top_score).max(10.0);
    let top_class = blocks[top]
        .node
        .attr("class")
        .filter(|c| !c.trim().is_empty());
    let siblings: Vec<usize> = blocks.children(parent).collect();
    let mut joined = vec![false; siblings.len()];
    for (n, &s) in siblings.iter().enumerate() {
        let b = &blocks[s];
        if s == top {
            joined[n] = true;
            continue;
        }
        if b.hidden || b.kind == Kind::Unseen || scores.in_furniture[s] {
            continue;
        }
        let same_class = top_class.is_some() && b.node.attr("class") == top_class;
        let bonus = if same_class { 0.2 * top_score } else { 0.0 };
        // A sibling dressed like the container is another part of it (a
        // tab panel, a step, a section) when it has no links to speak of.
        let same_part = same_class && b.link_density() < 0.1;
        joined[n] = same_part
            || scores.candidate(blocks, s) + bonus >= threshold
            || reads_as_prose(blocks, s);
    }
    // Between the joined blocks, quiet blocks belong to the article too
    // (its subheadings, figures, short lines); just before the first, a
    // quiet block with a picture is its lead image (a headline alone
    // there is the page's).
    let first = joined.iter().position(|&j| j).unwrap_or(0);
    let last = joined.iter().rposition(|&j| j).unwrap_or(0);
    for n in first.saturating_sub(1)..last {
        let s = siblings[n];
        let lead = n + 1 == first;
        let b = &blocks[s];
        let figure = b.media > 0 || b.kind == Kind::Media;
        if !joined[n] && is_quiet(blocks, scores, s) && (!lead || figure) {
            joined[n] = true;
        }
    }
    let mut keep: Vec<usize> = siblings
        .iter()
        .zip(&joined)
        .filter(|(_, &j)| j)
        .map(|(&s, _)| s)
        .collect();
    keep.extend(same_class_parts(blocks, scores, top));
    keep.sort_unstable();
    keep.dedup();
    keep
}

/// The other parts of an article cut into blocks that are not siblings
/// (`story-body-1` in the header's section, `story-body-2` further down):
/// blocks outside the container that share a class naming content with
/// it and hold prose outside furniture with few links.
fn same_class_parts(blocks: &Blocks, scores: &Scores, top: usize) -> Vec<usize> {
    let content_classes: Vec<String> = blocks[top]
        .node
        .classes()
        .into_iter()
        .filter(|c| names::names_content(c))
        .collect();
    let mut parts = Vec::new();
    if content_classes.is_empty() {
        return parts;
    }
    let mut i = 1;
    while i < blocks.len() {
        let b = &blocks[i];
        if blocks.contains(top, i) {
            i = b.end;
            continue;
        }
        let joins = !blocks.contains(i, top)
            && scores.clean_prose[i] >= score::MIN_UNIT
            && b.link_density() < 0.2
            && !scores.in_furniture[i]
            && b.node.classes().iter().any(|c| content_classes.contains(c));
        if joins {
            parts.push(i);
            i = b.end;
        } else {
            i += 1;
        }
    }
    parts
}

/// A block that does not look like anything but part of the article
/// when it stands among its blocks: a heading, a figure, a short line,
/// with no links to speak of and no furniture name.
fn is_quiet(blocks: &Blocks, scores: &Scores, i: usize) -> bool {
    let b = &blocks[i];
    matches!(
        b.kind,
        Kind::Block | Kind::Heading | Kind::Media | Kind::Inline
    ) && !b.hidden
        && !scores.in_furniture[i]
        && b.text <= QUIET_TEXT
        && b.link_density() < 0.1
}

/// Most text a quiet block may have.
const QUIET_TEXT: usize = 300;

/// A paragraph-like block of prose with few links.
fn reads_as_prose(blocks: &Blocks, i: usize) -> bool {
    let b = &blocks[i];
    if b.kind != Kind::Block || b.holds_blocks {
        return false;
    }
    let density = b.link_density();
    if b.text > 80 {
        return density < 0.25;
    }
    // A short closing line with no links: a sentence of its own.
    density == 0.0
        && b.text > 0
        && b.node
            .text_content()
            .trim_end()
            .ends_with(['.', '。', '!', '?', '！', '？'])
}

/// Share of a kept element's score above which an element inside it stays
/// whatever it is named: it holds the article.
const HOLDS_ARTICLE: f64 = 0.3;

/// The elements to remove: everything outside the kept blocks and their
/// ancestors, and the furniture inside them.
fn removals(blocks: &Blocks, scores: &Scores, keep: &[usize]) -> Vec<NodeRef> {
    // The kept blocks are disjoint and in document order: one walk, with
    // the next kept block in view, meets each of them and their ancestors.
    let mut drop = Vec::new();
    let mut next = keep.iter().copied().peekable();
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        match next.peek() {
            Some(&k) if k == i => {
                drop_inside(blocks, scores, k, &mut drop);
                next.next();
                i = b.end;
            }
            // An ancestor of the next kept block: look inside.
            Some(&k) if k < b.end => i += 1,
            _ => {
                drop.push(b.node.clone());
                i = b.end;
            }
        }
    }
    drop
}

/// Adds the elements inside kept block `k` that are not part of the
/// article to `drop`.
fn drop_inside(blocks: &Blocks, scores: &Scores, k: usize, drop: &mut Vec<NodeRef>) {
    let through = score::worth_through(blocks, scores, k);
    let total = through[0];
    let mut i = k + 1;
    while i < blocks[k].end {
        let b = &blocks[i];
        let holds_article = total > 0.0 && through[i - k] > HOLDS_ARTICLE * total;
        if !holds_article && is_furniture_inside(blocks, scores, i) {
            drop.push(b.node.clone());
            i = b.end;
        } else {
            i += 1;
        }
    }
}

/// True for an element inside the article that is not part of it.
fn is_furniture_inside(blocks: &Blocks, scores: &Scores, i: usize) -> bool {
    let b = &blocks[i];
    if b.hidden {
        return true;
    }
    if b.kind != Kind::Block {
        return false;
    }
    let tag = b.tag();
    let named = is_furniture_tag(tag) || b.lean.is_furniture();
    // A named embed holding a picture or a video and its caption is a figure.
    let figure = b.media > 0 && b.text < 300 && b.link_density() < 0.5 && !b.lean.never;
    if (named && !figure) || tag == "form" {
        return true;
    }
    // Link blocks: containers whose text is mostly links and holds little
    // prose. (Not lists: a list of links inside an article is its sources
    // or its list of changes; a related-links list carries a name or a
    // label, which the naming rules judge.)
    let container = matches!(tag, "div" | "section" | "table" | "header" | "dl" | "span");
    container && b.text > 0 && b.link_density() > 0.5 && scores.prose[i] * 2 < b.text
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROSE: &str =
        "A sentence of the story, long enough to count as prose, with a comma or two in it.";

    fn paragraphs(n: usize) -> String {
        (0..n).map(|_| format!("<p>{PROSE}</p>")).collect()
    }

    fn kept_text(html: &str) -> String {
        let doc = Document::parse(html);
        let found = extract(&doc);
        let dropped = |n: &NodeRef| {
            found
                .drop
                .iter()
                .any(|d| d == n || n.ancestors().any(|a| a == *d))
        };
        let mut out = String::new();
        for k in &found.keep {
            for n in k.descendants_and_self() {
                if n.is_text() && !dropped(&n) {
                    out.push_str(&n.text().unwrap_or_default());
                }
            }
        }
        out
    }

    #[test]
    fn pages_and_fragments() {
        let page = |html: &str| is_whole_page(&Document::parse(html));
        assert!(page("<title>T</title><p>x</p>"));
        assert!(page(r#"<meta name="description" content="d"><p>x</p>"#));
        assert!(page(
            "<div><nav><a href=/>Home</a></nav><p>x</p><footer>f</footer></div>"
        ));
        assert!(page("<main><p>x</p></main>"));
        assert!(page(
            r#"<div role="navigation">menu</div><p>x</p><aside>a</aside>"#
        ));
        assert!(page(
            r#"<div role="banner">Site</div><p>x</p><div role="contentinfo">f</div>"#
        ));
        // A head after stray markup lands in the body.
        assert!(page("<div></div><head><title>T</title></head><p>x</p>"));
        // One piece of furniture may be the post's own.
        assert!(!page(
            "<p>x</p><aside class=note>An aside to the story.</aside>"
        ));
        assert!(!page("<p>x</p><footer>Filed under: news</footer>"));
        // An article's own header and footer do not make a page.
        assert!(!page(
            "<article><header><h1>T</h1></header><p>x</p><footer>tags</footer></article>"
        ));
        assert!(!page(
            "<div><header class=entry-header><h1>T</h1></header><p>x</p></div>"
        ));
        assert!(!page(r#"<meta charset="utf-8"><p>x</p>"#));
        assert!(!page("<p>Just a paragraph.</p>"));
    }

    #[test]
    fn the_container_and_its_prose_siblings_stay_the_furniture_goes() {
        let html = format!(
            r#"<title>T</title><div class="wrap"><div class="story">{}</div><p>{PROSE}</p>
            <div class="sidebar"><h3>Popular</h3><ul><li><a href="/a">One</a></li><li><a href="/b">Two</a></li></ul></div></div>
            <footer><a href="/about">About</a></footer>"#,
            paragraphs(4)
        );
        let text = kept_text(&html);
        assert_eq!(text.matches(PROSE).count(), 5, "{text}");
        assert!(
            !text.contains("Popular") && !text.contains("About"),
            "{text}"
        );
    }

    #[test]
    fn an_article_in_parts_stays_whole() {
        // Cousins sharing a content class, with an ad between them.
        let html = format!(
            r#"<title>T</title><div><section><div class="article-part">{}</div></section>
            <div class="ad-slot"><a href="/ad">Buy</a></div>
            <section><div class="article-part">{}</div></section></div><aside>{PROSE}</aside>"#,
            paragraphs(3),
            paragraphs(2)
        );
        let text = kept_text(&html);
        assert_eq!(text.matches(PROSE).count(), 5, "{text}");
        assert!(!text.contains("Buy"), "{text}");
    }

    #[test]
    fn the_headline_repeating_the_title_goes_with_its_byline() {
        let html = format!(
            r#"<title>Ferry returns | Courier</title><article><div class="head"><h1>Ferry returns</h1><span>By A. Writer</span></div>{}</article><nav>menu</nav>"#,
            paragraphs(3)
        );
        let text = kept_text(&html);
        assert!(
            !text.contains("Ferry returns") && !text.contains("Writer"),
            "{text}"
        );
        assert_eq!(text.matches(PROSE).count(), 3);
    }

    #[test]
    fn hidden_and_named_furniture_inside_the_article_go() {
        let html = format!(
            r#"<title>T</title><article>{}<div style="display:none">{PROSE}</div><div class="share-tools"><a href="/s">Share</a></div>{}</article><nav>menu</nav>"#,
            paragraphs(2),
            paragraphs(2)
        );
        let text = kept_text(&html);
        assert_eq!(text.matches(PROSE).count(), 4, "{text}");
        assert!(!text.contains("Share"), "{text}");
    }

    #[test]
    fn with_no_article_the_main_landmark_stays() {
        let html = r#"<title>Index</title><nav><a href="/">Home</a></nav><main><ul><li><a href="/1">First story</a></li><li><a href="/2">Second story</a></li></ul></main><footer>f</footer>"#;
        let text = kept_text(html);
        assert!(
            text.contains("First story") && text.contains("Second story"),
            "{text}"
        );
        assert!(!text.contains("Home"), "{text}");
    }

    #[test]
    fn the_guard_sees_the_article_and_what_carries_it() {
        let doc = Document::parse(&format!(
            r#"<div id="page"><div class="non-ad-column"><div id="body">{}</div></div><div id="more"><p><a href="/next">Read next</a>: {PROSE}</p></div></div>"#,
            paragraphs(4)
        ));
        let view = ArticleView::of(&doc).expect("prose to score");
        let by_id = |id: &str| {
            doc.elements()
                .find(|e| e.attr("id").as_deref() == Some(id) || e.has_class(id))
                .expect("element")
        };
        assert!(view.holds(&by_id("body")));
        assert!(view.holds(&by_id("non-ad-column")));
        assert!(view.holds(&by_id("page")));
        assert!(!view.holds(&by_id("more")));
    }
}
