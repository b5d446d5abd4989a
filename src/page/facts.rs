//! What the naming rules ask about every element they look at ("how much
//! text is below it?", "is there a link, an image below it?", "how much
//! paragraph text?"), measured for all elements in one bottom-up pass.
//!
//! Asked element by element, each question is a walk of the element's
//! subtree, and nested wrappers make those walks overlap: a page of `div`s
//! five deep walks its text five times per question. A rule that asks
//! about most elements measures the page once with [`Facts::measure`]
//! instead, while the tree stands still (the find phase of
//! `rules::remove_blocks_measured`), and every
//! answer is a lookup. Each answer equals the one the subtree walk in
//! [`crate::dom`] gives; the tests below compare them on every element of
//! tricky pages.

use crate::dom::{count_visible_chars, Document, NodeRef, PtrMap, Step, Visit};
use crate::html::tags::{Tag, TagSet, MEDIA, NOT_TEXT, PARAGRAPHS};

use crate::page::names::is_comment_section;

/// Measurements of every element below (and including) one root.
pub(crate) struct Facts {
    by_element: PtrMap<Fact>,
}

/// One element's measurements.
#[derive(Clone, Copy, Default, Debug)]
struct Fact {
    /// [`NodeRef::text_len`]: visible characters below, [`NOT_TEXT`] left out.
    text: usize,
    /// [`NodeRef::paragraph_len`]: text of the paragraphs at or below.
    paragraph: usize,
    /// Which of the `BELOW_*` kinds of node occur below the element.
    below: u8,
}

const BELOW_LINK: u8 = 1;
const BELOW_IMG: u8 = 2;
const BELOW_MEDIA: u8 = 4;
/// A visible character in any text below, [`NOT_TEXT`] elements included.
const BELOW_ANY_TEXT: u8 = 8;
const BELOW_ALL: u8 = BELOW_LINK | BELOW_IMG | BELOW_MEDIA | BELOW_ANY_TEXT;

/// The element does not count as text ([`NOT_TEXT`]).
const IS_NOT_TEXT: u8 = 16;
/// The element is a paragraph ([`PARAGRAPHS`]).
const IS_PARAGRAPH: u8 = 32;

/// What kind of element `tag` is, for its parent's `below` and for the
/// counting: looked up in the tag table once per element.
fn kinds_of(tag: Tag) -> u8 {
    let mut kinds = 0;
    if LINKS.contains(tag) {
        kinds |= BELOW_LINK;
    }
    if IMAGES.contains(tag) {
        kinds |= BELOW_IMG;
    }
    if MEDIA.contains(tag) {
        kinds |= BELOW_MEDIA;
    }
    if NOT_TEXT.contains(tag) {
        kinds |= IS_NOT_TEXT;
    }
    if PARAGRAPHS.contains(tag) {
        kinds |= IS_PARAGRAPH;
    }
    kinds
}

const LINKS: TagSet = TagSet::of(&["a"]);
const IMAGES: TagSet = TagSet::of(&["img"]);

impl Facts {
    /// Measures every element at or below `root`, in one pass.
    pub(crate) fn measure(root: &NodeRef) -> Facts {
        let mut by_element = PtrMap::default();
        if !root.is_element() {
            return Facts { by_element };
        }
        // Post-order: the measurements summed from the children so far of
        // each open element, the root's first.
        let mut open = vec![Fact::default()];
        let mut finish = |el: &NodeRef, mut fact: Fact, parent: Option<&mut Fact>| {
            let kinds = kinds_of(el.tag_id());
            if kinds & IS_PARAGRAPH != 0 {
                fact.paragraph = fact.text;
            }
            by_element.insert(el.key(), fact);
            if let Some(parent) = parent {
                parent.below |= fact.below | (kinds & BELOW_ALL);
                if kinds & IS_NOT_TEXT == 0 {
                    parent.text += fact.text;
                }
                parent.paragraph += fact.paragraph;
            }
        };
        root.walk_below(|step| {
            match step {
                Step::Enter(node) if node.is_element() => open.push(Fact::default()),
                Step::Enter(node) => {
                    let visible = node.with_text(count_visible_chars).unwrap_or(0);
                    if let Some(parent) = open.last_mut() {
                        parent.text += visible;
                        if visible > 0 {
                            parent.below |= BELOW_ANY_TEXT;
                        }
                    }
                }
                Step::Leave(el) => {
                    if let Some(fact) = open.pop() {
                        finish(el, fact, open.last_mut());
                    }
                }
            }
            Visit::Descend
        });
        if let Some(fact) = open.pop() {
            finish(root, fact, None);
        }
        Facts { by_element }
    }

    fn of(&self, el: &NodeRef) -> Option<&Fact> {
        self.by_element.get(&el.key())
    }

    /// [`NodeRef::text_len`]. Like every answer here, looked up for a
    /// measured element and walked for any other node.
    pub(crate) fn text_len(&self, el: &NodeRef) -> usize {
        self.of(el).map_or_else(|| el.text_len(), |f| f.text)
    }

    /// [`NodeRef::paragraph_len`].
    pub(crate) fn paragraph_len(&self, el: &NodeRef) -> usize {
        self.of(el)
            .map_or_else(|| el.paragraph_len(), |f| f.paragraph)
    }

    /// `el.contains_tag(&["a"])`.
    pub(crate) fn has_link_below(&self, el: &NodeRef) -> bool {
        self.has_below(el, BELOW_LINK, LINKS)
    }

    /// `el.contains_tag(&["img"])`.
    pub(crate) fn has_img_below(&self, el: &NodeRef) -> bool {
        self.has_below(el, BELOW_IMG, IMAGES)
    }

    /// True if a [`MEDIA`] element is below `el`.
    pub(crate) fn has_media_below(&self, el: &NodeRef) -> bool {
        self.has_below(el, BELOW_MEDIA, MEDIA)
    }

    fn has_below(&self, el: &NodeRef, kind: u8, tags: TagSet) -> bool {
        self.of(el)
            .map_or_else(|| el.contains_any(tags), |f| f.below & kind != 0)
    }

    /// [`NodeRef::has_visible_text`].
    pub(crate) fn has_visible_text(&self, el: &NodeRef) -> bool {
        self.of(el)
            .map_or_else(|| el.has_visible_text(), |f| f.below & BELOW_ANY_TEXT != 0)
    }
}

impl Document {
    /// Number of non-whitespace text characters inside `<p>` elements (and
    /// headings, list items, table cells, captions and block quotes outside
    /// them), not counting comment sections: the measure the pipeline uses
    /// to notice a rule that would empty the article. (A reader comment
    /// thread longer than the story is common on scraped pages; removing it
    /// does not empty the article.)
    ///
    /// Cached until the tree next changes: the pipeline asks after every rule.
    pub fn paragraph_text_len(&self) -> usize {
        self.paragraph_len_kept(|body| body.paragraph_len_skipping(is_comment_section))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::Document;

    /// Every element of `html`, measured both ways.
    fn assert_agrees(html: &str) {
        let doc = Document::parse(html);
        let facts = Facts::measure(&doc.body());
        for el in doc
            .body()
            .descendants_and_self()
            .filter(NodeRef::is_element)
        {
            let what = el.describe();
            assert!(facts.of(&el).is_some(), "{what} measured");
            assert_eq!(
                facts.text_len(&el),
                el.text_len(),
                "text of {what} in {html}"
            );
            assert_eq!(
                facts.paragraph_len(&el),
                el.paragraph_len(),
                "paragraphs of {what} in {html}"
            );
            assert_eq!(facts.has_link_below(&el), el.contains_tag(&["a"]), "{what}");
            assert_eq!(
                facts.has_img_below(&el),
                el.contains_tag(&["img"]),
                "{what}"
            );
            assert_eq!(facts.has_media_below(&el), el.contains_any(MEDIA), "{what}");
            assert_eq!(
                facts.has_visible_text(&el),
                el.has_visible_text(),
                "visible text of {what} in {html}"
            );
            for cap in [0, 1, 5, 24] {
                let capped = el.text_len_capped(cap);
                assert_eq!(capped > cap, el.text_len() > cap, "{what} cap {cap}");
            }
        }
    }

    #[test]
    fn measurements_equal_the_subtree_walks() {
        for html in [
            "<p>One <b>two</b> three</p><div><div><p>Nested <a href=x>link</a></p></div></div>",
            "<div>Text <script>var x = 1;</script><style>p{}</style> after</div>",
            "<a href=x><script>only code</script><img src=i.png></a>",
            "<a href=x> \u{3000}\u{a0} <img src=i.png></a><p>\u{3000}</p>",
            "<ul><li>One<p>inner para</p></li><li><blockquote>quote<p>deep</p></blockquote></li></ul>",
            "<noscript><p>fallback text</p></noscript><template><p>inert</p></template>",
            "<table><tr><td>cell <iframe src=v></iframe></td><th>head<video></video></th></tr></table>",
            "<div><h2>Heading</h2><span>side <svg><text>drawn</text></svg></span></div>",
            "<p></p><div><!-- a comment --></div><textarea>typed</textarea>",
            "",
        ] {
            assert_agrees(html);
        }
    }

    #[test]
    fn every_string_over_a_small_alphabet_agrees() {
        // Pieces chosen to meet every case of the pass: nesting, paragraphs
        // in and out of not-text elements, links, media, blank text.
        let pieces = [
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<a href=x>",
            "</a>",
            "<img src=i>",
            "<script>",
            "</script>",
            "w",
            " ",
            "\u{3000}",
        ];
        for html in crate::testing::all_sequences(&pieces, 3) {
            assert_agrees(&html);
        }
        // And longer pages, drawn at random from the same pieces.
        let mut random = crate::testing::xorshift(0x5eed);
        for _ in 0..300 {
            let html: String = (0..10)
                .map(|_| pieces[random() as usize % pieces.len()])
                .collect();
            assert_agrees(&html);
        }
    }

    #[test]
    fn a_change_to_the_tree_retakes_the_measurements() {
        let mut doc = Document::parse("<div><p>one <a href=x>two</a></p></div><p>three</p>");
        let measure = |doc: &Document| Facts::measure(&doc.body());
        let first = doc.measured(measure);
        assert!(std::rc::Rc::ptr_eq(&first, &doc.measured(measure)));
        let div = doc.body().first_child().expect("a div");
        assert_eq!(first.text_len(&doc.body()), 11);
        doc.remove(&div);
        let second = doc.measured(measure);
        assert!(!std::rc::Rc::ptr_eq(&first, &second));
        assert_eq!(second.text_len(&doc.body()), 5);
        assert!(!second.has_link_below(&doc.body()));
        let p = doc.body().first_child().expect("a paragraph");
        let text = p.first_child().expect("its text");
        doc.set_text(&text, "3");
        assert_eq!(doc.measured(measure).text_len(&doc.body()), 1);
    }

    #[test]
    fn nodes_never_measured_are_walked() {
        let doc = Document::parse("<div><p>x <a href=y>z</a></p></div><p>w</p>");
        let first = doc.body().first_child().expect("a div");
        let facts = Facts::measure(&first);
        let body = doc.body();
        assert!(facts.of(&body).is_none());
        assert_eq!(facts.text_len(&body), 3);
        assert_eq!(facts.paragraph_len(&body), 3);
        assert!(facts.has_link_below(&body) && !facts.has_img_below(&body));
        assert!(facts.has_visible_text(&body));
    }
}
