//! The `empty-containers` rule, [`EmptyContainers`]: what it does and why is on the type.

use crate::dom::{Document, NodeRef, Step, Visit};
use crate::error::RuleError;
use crate::html::tags::{EMPTY_STRUCTURE, KEPT_EMPTY, SHOWN_MEDIA};
use crate::page::facts::Fact;
use crate::rule::{Context, Rule};

/// Removes elements with no text and no media.
///
/// `empty-containers`: removes elements left with no visible text and no
/// media once the other rules have run: empty ad wrappers, `<a name>`
/// anchors, spacer `<div>`s, lists with no items. Line breaks, rules and
/// table cells are structure, not containers, and stay. Media means what
/// the HTML output keeps, an image: a paragraph or link holding only an
/// `<svg>` icon goes with it (the sanitizer would drop the icon and leave
/// it empty, and cleaning the output again would remove it then).
#[derive(Debug, Clone, Copy, Default)]
pub struct EmptyContainers;

/// The elements to remove, in the order [`Document::walk`] would decide
/// them (each kept element's children in turn, kept elements in document
/// order), found in one bottom-up pass without changing the tree, so the
/// report reads the same. An element goes if it is not kept while empty,
/// holds no visible text or media and has no table part or rule below it
/// (a table or rule keeps the structure around it); nothing inside an
/// element that goes is decided.
fn removable_elements(body: &NodeRef) -> Vec<NodeRef> {
    struct Open {
        /// Index of the next child to look at.
        next: usize,
        /// Position in document order, for the walk's order.
        rank: usize,
        /// Visible text or media below.
        content: bool,
        /// A table part or rule below.
        structure: bool,
        /// Where the removable elements found below it start.
        candidates_from: usize,
    }
    let open = |rank: usize, candidates_from: usize| Open {
        next: 0,
        rank,
        content: false,
        structure: false,
        candidates_from,
    };
    // (rank of the parent, index in it): the walk decides in that order.
    let mut candidates: Vec<((usize, usize), NodeRef)> = Vec::new();
    let mut stack = vec![open(0, 0)];
    let mut rank = 0;
    body.walk_below(|step| {
        let done = match step {
            Step::Enter(child) => {
                let Some(top) = stack.last_mut() else {
                    return Visit::Stop;
                };
                top.next += 1;
                if child.is_element() {
                    rank += 1;
                    let from = candidates.len();
                    stack.push(open(rank, from));
                    return Visit::Descend;
                }
                if child.with_text(crate::dom::has_visible_char) == Some(true) {
                    top.content = true;
                }
                return Visit::Skip;
            }
            Step::Leave(done) => done,
        };
        let (Some(finished), Some(parent)) = (stack.pop(), stack.last_mut()) else {
            return Visit::Stop; // the body itself is never decided
        };
        let tag = done.tag_id();
        let content = finished.content || SHOWN_MEDIA.contains(tag);
        let kept = KEPT_EMPTY.contains(tag);
        if !kept && !content && !finished.structure {
            // It goes as a whole: nothing below it is decided.
            candidates.truncate(finished.candidates_from);
            candidates.push(((parent.rank, parent.next - 1), done.clone()));
        }
        parent.content |= content;
        parent.structure |= finished.structure || EMPTY_STRUCTURE.contains(tag);
        Visit::Descend
    });
    // Keys are unique.
    candidates.sort_unstable_by_key(|(key, _)| *key);
    candidates.into_iter().map(|(_, n)| n).collect()
}

/// True if an element goes, as [`removable_elements`] decides it: not
/// kept while empty, and no visible text, media or structure at or below it.
fn is_removable(fact: &Fact) -> bool {
    let tag = fact.tag();
    !KEPT_EMPTY.contains(tag)
        && !SHOWN_MEDIA.contains(tag)
        && !fact.has_visible_text()
        && !fact.has_shown_media_below()
        && !fact.has_structure_below()
}

impl Rule for EmptyContainers {
    fn name(&self) -> &str {
        super::EMPTY_CONTAINERS
    }

    fn apply(&self, doc: &mut Document, _cx: &Context<'_>) -> Result<(), RuleError> {
        // Most articles have no empty element left: the page facts say so
        // without a walk.
        if !doc.facts().visit_any(is_removable) {
            return Ok(());
        }
        // The decisions need the whole subtree of each element, so they
        // are made first, bottom-up; `remove_all` then reports the
        // removals in the order given and rebuilds each parent once.
        let doomed = removable_elements(&doc.body());
        doc.remove_all(&doomed);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::RuleError;
    use crate::rules::tests::apply;

    /// The walk the rule used to make, deciding each element from its
    /// whole subtree: the bottom-up pass must remove the same elements and
    /// report them in the same order.
    struct WalkedEmptyContainers;

    impl Rule for WalkedEmptyContainers {
        fn name(&self) -> &str {
            "walked"
        }

        fn apply(&self, doc: &mut Document, _cx: &Context<'_>) -> Result<(), RuleError> {
            use crate::dom::Verdict;
            let content = |el: &NodeRef| {
                el.descendants_and_self().any(|n| {
                    n.is_in(SHOWN_MEDIA)
                        || n.with_text(crate::dom::has_visible_char).unwrap_or(false)
                })
            };
            doc.walk(|_, el| {
                let structure_below = || el.descendants().any(|n| n.is_in(EMPTY_STRUCTURE));
                if el.is_in(KEPT_EMPTY) || content(el) || structure_below() {
                    Verdict::Keep
                } else {
                    Verdict::Remove
                }
            });
            Ok(())
        }
    }

    #[test]
    fn removes_what_the_walk_removed_in_the_same_order() {
        let cases = [
            "<div><div> </div></div><p>&nbsp;</p><p>text</p><a name=\"more\"></a>",
            "<div><span></span><p>x</p><i></i></div><b></b><div><div><em></em></div><hr></div>",
            "<table><tr><td><span></span></td><td>x<u></u></td></tr></table><ul><li><br></li></ul>",
            "<section><div><p></p><p><img src=a.jpg></p><p><br></p></div><p><wbr></p></section><p>\u{3000}</p>",
            "<div><div><div></div><div><span>y</span><s></s></div></div><q></q></div><script></script>",
            "<p><svg><path d=M0></path></svg></p><p><a href=x><svg></svg></a>y</p><p><math><mi>z</mi></math></p><canvas></canvas>",
        ];
        for html in cases {
            let (want, want_edits) = apply(&WalkedEmptyContainers, html);
            let (got, got_edits) = apply(&EmptyContainers, html);
            assert_eq!(got, want, "{html}");
            assert_eq!(got_edits, want_edits, "{html}");
            assert!(!got_edits.is_empty(), "{html}");
        }
    }

    /// The page facts find a removable element exactly when the walk does.
    #[test]
    fn the_facts_see_what_the_walk_removes() {
        let mut pages = crate::testing::fixture_pages();
        let pieces = [
            "<div>",
            "</div>",
            "<p>",
            "</p>",
            "x",
            " ",
            "<img>",
            "<hr>",
            "<br>",
            "<script>s</script>",
            "<td>",
            "<!--c-->",
            "<svg>",
        ];
        pages.extend(crate::testing::all_sequences(&pieces, 3));
        let mut found = 0;
        for page in &pages {
            let doc = Document::parse(page);
            let walked = !removable_elements(&doc.body()).is_empty();
            assert_eq!(doc.facts().visit_any(is_removable), walked, "{page}");
            found += usize::from(walked);
        }
        assert!(found > 100, "{found}");
    }

    /// An icon the sanitizer drops is no content: the paragraph or link
    /// holding only it goes now, not on a second pass.
    #[test]
    fn svg_icons_are_not_content() {
        let html = r##"<p><svg viewBox="0 0 1 1"><path d="M0"></path></svg></p><h2>Title <a href="#t"><svg><use href="#i"></use></svg></a></h2><p>Text <svg><text>drawn words</text></svg></p>"##;
        let (out, _) = apply(&EmptyContainers, html);
        assert_eq!(
            out,
            r#"<h2>Title </h2><p>Text <svg><text>drawn words</text></svg></p>"#
        );
    }

    #[test]
    fn removes_empty_wrappers_but_keeps_media_and_structure() {
        let html = r#"<div><div> </div></div><p>&nbsp;</p><p>text</p><a name="more"></a><p><img src="/a.jpg"></p><ul><li> </li></ul><hr><table><tr><td></td><td>x</td></tr></table>"#;
        let (out, _) = apply(&EmptyContainers, html);
        assert_eq!(
            out,
            r#"<p>text</p><p><img src="/a.jpg"></p><hr><table><tbody><tr><td></td><td>x</td></tr></tbody></table>"#
        );
    }
}
