//! The kit the naming rules share: find the blocks a rule names, remove
//! them under the story guard (a container holding most of the article is
//! never removed by its name), and tidy the wrappers left empty.

use crate::dom::{Document, NodeRef, Visit};
use crate::html::tags::{Tag, EMPTIED_ANCESTOR_STOPS, MEDIA, NOT_CONTAINERS};
use crate::page::content::ArticleView;
use crate::page::facts::{Fact, Facts};
use crate::page::names::Names;

/// True if the subtree holds visible text or media.
pub(crate) fn has_content(node: &NodeRef) -> bool {
    let is_content = |n: &NodeRef| match n.tag() {
        Some(_) => n.is_in(MEDIA),
        None => n.with_text(crate::dom::has_visible_char).unwrap_or(false),
    };
    if is_content(node) {
        return true;
    }
    // Stops descending at the first hit.
    let mut found = false;
    node.visit_below(|n| {
        found = is_content(n);
        if found {
            Visit::Stop
        } else {
            Visit::Descend
        }
    });
    found
}

/// `f` of [`NodeRef::text_content`], gathered into a buffer kept per thread
/// instead of a fresh string grown text node by text node.
pub(crate) fn with_text_content<T>(el: &NodeRef, f: impl FnOnce(&str) -> T) -> T {
    thread_local! {
        static BUFFER: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
    }
    // Taken, not borrowed: `f` may ask for another element's text.
    let mut text = BUFFER.take();
    text.clear();
    let mut push = |n: &NodeRef| n.with_text(|t| text.push_str(t));
    push(el);
    el.visit_below(|n| {
        push(n);
        Visit::Descend
    });
    let answer = f(&text);
    BUFFER.set(text);
    answer
}

/// Blocks holding more than this share of the article's paragraph text are
/// never removed by a naming rule, and the rule leaves their insides alone
/// too: a container named `comments-and-article` around the whole story is
/// a naming accident, and a "conversation" page whose essays sit in a
/// comment thread has nothing else. A comment section that is merely
/// longer than the story it follows still goes: the guard only holds when
/// what is left outside the block is short too.
const MAX_BLOCK_SHARE: f64 = 0.75;

/// Text outside a guarded block must be shorter than this for the guard to
/// hold: with a story this long elsewhere, the block is not the story.
const MIN_STORY_OUTSIDE: usize = 1000;

/// Removes every element for which `matches` is true, unless it holds most
/// of the article, then removes the containers that were left holding nothing.
/// (The built-in rules read the page facts instead: see
/// [`remove_blocks_measured`]; cosmetic filter lists use this.)
#[cfg(any(feature = "selectors", test))]
pub(crate) fn remove_blocks(doc: &mut Document, matches: impl FnMut(&NodeRef) -> bool) {
    let body = doc.body();
    let found = find_blocks(&body, matches);
    remove_found(doc, found);
}

/// [`remove_blocks`] for a rule that asks about the text, links, media or
/// names of most elements: `matches` gets each element's facts and the
/// page facts (see [`Facts`]), and the elements are read from the facts
/// in document order instead of walking the tree.
pub(crate) fn remove_blocks_measured(
    doc: &mut Document,
    mut matches: impl FnMut(&NodeRef, &Fact, &Facts) -> bool,
) {
    let found = {
        let facts = doc.facts();
        let mut found = Vec::new();
        // As `find_blocks` finds them: a match is not looked inside.
        facts.visit_elements(|el, fact| {
            if fact.tag() == HTML || !matches(el, fact, &facts) {
                return Visit::Descend;
            }
            found.push(el.clone());
            Visit::Skip
        });
        found
    };
    remove_found(doc, found);
}

const HTML: Tag = Tag::named("html");

/// The elements below `body` that `matches`, without looking inside a match.
#[cfg(any(feature = "selectors", test))]
fn find_blocks(body: &NodeRef, mut matches: impl FnMut(&NodeRef) -> bool) -> Vec<NodeRef> {
    // Found without changing the tree; a match is not looked inside,
    // whether it goes or is kept, so the tree as it was answers every
    // question the guard asks in `remove_found`.
    let mut found = Vec::new();
    body.visit_below(|el| {
        if !el.is_element() {
            return Visit::Skip;
        }
        if el.is("html") || !matches(el) {
            return Visit::Descend;
        }
        found.push(el.clone());
        Visit::Skip
    });
    found
}

/// Removes the `found` blocks, except those holding most of the article
/// (measured on the tree as it was when they were found), then the
/// containers left holding nothing.
fn remove_found(doc: &mut Document, found: Vec<NodeRef>) {
    if found.is_empty() {
        return;
    }
    let holds_the_story = holding_the_story(doc, &found);
    let mut doomed = Vec::with_capacity(found.len());
    let mut parents = Vec::new();
    for (el, holds) in found.into_iter().zip(holds_the_story) {
        if holds {
            doc.note(&el, "kept: holds most of the article's text");
            continue;
        }
        if let Some(p) = el.parent() {
            parents.push(p);
        }
        doomed.push(el);
    }
    doc.remove_all(&doomed);
    remove_emptied_ancestors(doc, parents);
}

/// For each of the `found` blocks, whether it holds most of the article.
fn holding_the_story(doc: &Document, found: &[NodeRef]) -> Vec<bool> {
    // The guard is for containers: a single paragraph or link the rule
    // names is judged on its own (and the pipeline's rollback still stops
    // a rule that takes most of the text).
    let containers: Vec<bool> = found.iter().map(|el| !el.is_in(NOT_CONTAINERS)).collect();
    if !containers.contains(&true) {
        return containers;
    }
    // All paragraph text, comment threads included: the guard compares a
    // block with everything else on the page.
    let (total, inside, comments): (usize, Vec<usize>, Vec<bool>) = {
        let facts = doc.facts();
        let inside = found.iter().map(|el| facts.paragraph_len(el)).collect();
        let comments = found
            .iter()
            .map(|el| facts.names(el).has(Names::COMMENT_SECTION))
            .collect();
        (facts.paragraph_len(&doc.body()), inside, comments)
    };
    // The article as the page scoring sees it: asked only when a named
    // container holds half the paragraph text or more.
    let mut article = None;
    (0..found.len())
        .map(|i| {
            let inside = inside[i];
            containers[i] && {
                let most = total > 0
                    && inside as f64 > MAX_BLOCK_SHARE * total as f64
                    && total.saturating_sub(inside) < MIN_STORY_OUTSIDE
                    && (!comments[i] || story_outside_is_short(doc, &found[i]));
                // A theme's name on the article's own container
                // (`non-ad-column`, `content-with-sidebar`,
                // `js-social-anchor`): what the page scoring sees as
                // holding the article stays. Comment threads are judged by
                // their own rule.
                most || total > 0
                    && inside * 2 >= total
                    && !comments[i]
                    && article
                        .get_or_insert_with(|| ArticleView::of(doc))
                        .as_ref()
                        .is_some_and(|a| a.holds(&found[i]))
            }
        })
        .collect()
}

/// True if the visible text outside `comments` (a block named as a
/// comment section) is short too. Paragraph text alone misjudges a story
/// written in `<div>`s and `<br>`s followed by a thread of comments in
/// `<p>`s: the thread then seems to hold the story.
fn story_outside_is_short(doc: &Document, comments: &NodeRef) -> bool {
    let facts = doc.facts();
    facts
        .text_len(&doc.body())
        .saturating_sub(facts.text_len(comments))
        < MIN_STORY_OUTSIDE
}

/// After removals, climbs from each former parent and removes the highest
/// ancestor chain that now holds no text and no media (the `<section id="imu">`
/// left around a removed ad slot). Each parent is looked at once, however
/// many children it lost: looking again cost a walk of its subtree per
/// removed child.
pub(crate) fn remove_emptied_ancestors(doc: &mut Document, parents: Vec<NodeRef>) {
    let mut seen = crate::dom::PtrSet::default();
    for parent in parents {
        if !seen.insert(parent.key()) {
            continue;
        }
        let mut top = None;
        let mut cur = Some(parent);
        while let Some(node) = cur {
            if !node.is_element()
                || node.is_in(EMPTIED_ANCESTOR_STOPS)
                || node.parent().is_none()
                || has_content(&node)
            {
                break;
            }
            top = Some(node.clone());
            cur = node.parent();
        }
        if let Some(top) = top {
            doc.remove(&top);
        }
    }
}
