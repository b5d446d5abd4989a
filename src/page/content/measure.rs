//! The page as the main-content scoring reads it: every element below
//! `<body>` as a [`Block`] (how much text and link text is below it, how
//! much of that is loose prose of its own, its commas, headings and
//! images, what its names say), read from the page facts
//! ([`crate::page::facts`]), which measured all of it in their one pass.
//! The scoring then asks a flat table: the tree is not walked again.
//!
//! The table is in document order (pre-order), so an element's subtree is
//! the index range `i..blocks[i].end`, its children are found by jumping
//! from one subtree end to the next, and "is `a` an ancestor of `b`" is a
//! range check. Elements never shown as text and hidden ones are blocks
//! with nothing below them.

use crate::dom::{Document, NodeRef, Visit};
use crate::html::tags::{Tag, FLOW_BLOCKS, HEADINGS, PICTURES, UNSEEN};
use crate::page::facts::{Fact, Facts, Prose};

use super::names::Lean;

/// What kind of element a tag makes, for the scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Never shown as text (`script`, `style`, `template`, form controls,
    /// `noscript` fallbacks): not measured, not descended into.
    Unseen,
    /// A block-level element: paragraphs, containers, list items, cells.
    Block,
    /// `h1`–`h6`.
    Heading,
    /// `a`.
    Link,
    /// Images, video, audio, embedded graphics.
    Media,
    /// Everything else: inline formatting and unknown tags.
    Inline,
}

fn kind_of(tag: Tag) -> Kind {
    if UNSEEN.contains(tag) {
        Kind::Unseen
    } else if HEADINGS.contains(tag) {
        Kind::Heading
    } else if tag == Tag::named("a") {
        Kind::Link
    } else if PICTURES.contains(tag) {
        Kind::Media
    } else if FLOW_BLOCKS.contains(tag) {
        Kind::Block
    } else {
        Kind::Inline
    }
}

/// One element's facts. Lengths count visible (non-whitespace) characters.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// The element.
    pub node: NodeRef,
    /// Index of the parent element's block, `None` for `<body>`.
    pub parent: Option<usize>,
    /// One past the index of the last block in this element's subtree.
    pub end: usize,
    /// Elements between `<body>` and this one.
    pub depth: usize,
    pub kind: Kind,
    /// What the element's names say.
    pub lean: Lean,
    /// Hidden from sight (`hidden`, `display:none`, `visibility:hidden`):
    /// measured as empty.
    pub hidden: bool,
    /// Text below the element.
    pub text: usize,
    /// Text below the element that is inside links.
    pub link_text: usize,
    /// Text of the element's own prose: below it but not inside a block
    /// element below it (for a `<p>`, all its text; for a `<div>` holding
    /// paragraphs and a bare line, the bare line).
    pub loose_text: usize,
    /// [`loose_text`](Self::loose_text) inside links.
    pub loose_link_text: usize,
    /// Commas in the [`loose_text`](Self::loose_text).
    pub loose_commas: usize,
    /// Some block element is below this one.
    pub holds_blocks: bool,
    /// Images and other media below (embedded frames and objects too).
    pub media: usize,
}

impl Block {
    /// The block of `node`, from its facts.
    fn read(node: NodeRef, fact: &Fact, parent: Option<usize>, depth: usize) -> Block {
        let kind = kind_of(fact.tag());
        let lean = if kind == Kind::Unseen {
            Lean::default()
        } else {
            Lean::of(fact.names(), fact.marks())
        };
        let Prose {
            text,
            link_text,
            loose_text,
            loose_link_text,
            loose_commas,
            holds_blocks,
            media,
            ..
        } = fact.prose(parent.is_none());
        Block {
            node,
            parent,
            end: 0,
            depth,
            kind,
            lean,
            hidden: fact.is_hidden(),
            text,
            link_text,
            loose_text,
            loose_link_text,
            loose_commas,
            holds_blocks,
            media,
        }
    }

    /// Share of the text that is link text.
    pub fn link_density(&self) -> f64 {
        if self.text == 0 {
            0.0
        } else {
            self.link_text as f64 / self.text as f64
        }
    }

    /// The element's tag.
    pub fn tag(&self) -> &str {
        self.node.tag().unwrap_or("")
    }
}

/// The facts of every element of a document's body, in document order.
pub(crate) struct Blocks {
    blocks: Vec<Block>,
}

impl std::ops::Index<usize> for Blocks {
    type Output = Block;
    fn index(&self, i: usize) -> &Block {
        &self.blocks[i]
    }
}

impl Blocks {
    /// `doc`'s body as blocks, read from its page facts in their document
    /// order: no walk of the tree.
    pub fn of(doc: &Document) -> Blocks {
        let facts = doc.prose_facts();
        let mut table = Blocks { blocks: Vec::new() };
        // The open blocks, with the place their subtree ends at.
        let mut open: Vec<(usize, usize)> = Vec::new();
        let listed = facts.visit_in_order(|el| {
            while open.last().is_some_and(|&(_, end)| end <= el.place) {
                if let Some((i, _)) = open.pop() {
                    table.close(i);
                }
            }
            let parent = open.last().map(|&(i, _)| i);
            let depth = open.len();
            table
                .blocks
                .push(Block::read(el.node.clone(), el.fact, parent, depth));
            let at = table.blocks.len() - 1;
            let block = &table.blocks[at];
            if parent.is_some() && (block.kind == Kind::Unseen || block.hidden) {
                table.close(at);
                Visit::Skip
            } else {
                open.push((at, el.end));
                Visit::Descend
            }
        });
        while let Some((i, _)) = open.pop() {
            table.close(i);
        }
        if listed {
            table
        } else {
            Blocks::walked(doc, &facts)
        }
    }

    /// [`Blocks::of`] by walking the tree and looking each element up:
    /// what reading the facts' order must give.
    fn walked(doc: &Document, facts: &Facts) -> Blocks {
        let body = doc.body();
        let mut table = Blocks { blocks: Vec::new() };
        if !table.push(facts, body.clone(), None, 0) {
            return table;
        }
        // (block index, the element's children, next child to visit)
        let mut stack: Vec<(usize, Vec<NodeRef>, usize)> = vec![(0, body.children(), 0)];
        while let Some((index, children, next)) = stack.last_mut() {
            let index = *index;
            let Some(child) = children.get(*next).cloned() else {
                stack.pop();
                table.close(index);
                continue;
            };
            *next += 1;
            if !child.is_element() {
                continue;
            }
            let depth = table.blocks[index].depth + 1;
            if !table.push(facts, child.clone(), Some(index), depth) {
                continue;
            }
            let at = table.blocks.len() - 1;
            let block = &table.blocks[at];
            if block.kind == Kind::Unseen || block.hidden {
                table.close(at);
            } else {
                stack.push((at, child.children(), 0));
            }
        }
        table
    }

    /// Adds the block of `node`; false if it has no facts (never the case
    /// for an element of the body).
    fn push(&mut self, facts: &Facts, node: NodeRef, parent: Option<usize>, depth: usize) -> bool {
        let Some(fact) = facts.of(&node) else {
            return false;
        };
        let block = Block::read(node, fact, parent, depth);
        self.blocks.push(block);
        true
    }

    /// Block `i`'s subtree is done.
    fn close(&mut self, i: usize) {
        self.blocks[i].end = self.blocks.len();
    }

    /// Number of blocks; the body is block 0.
    pub fn len(&self) -> usize {
        self.blocks.len()
    }

    /// The indices of `i`'s child elements, in order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let end = self.blocks[i].end;
        std::iter::successors(Some(i + 1).filter(|&c| c < end), move |&c| {
            Some(self.blocks[c].end).filter(|&next| next < end)
        })
    }

    /// True if `a` is `b` or an ancestor of it.
    pub fn contains(&self, a: usize, b: usize) -> bool {
        a <= b && b < self.blocks[a].end
    }

    /// The ancestors of `i`, nearest first, up to the body.
    pub fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.blocks[i].parent, move |&p| self.blocks[p].parent)
    }

    /// The block of `node`, if it was measured.
    pub fn index_of(&self, node: &NodeRef) -> Option<usize> {
        self.blocks.iter().position(|b| b.node == *node)
    }

    /// All blocks, in document order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &Block)> {
        self.blocks.iter().enumerate()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure(html: &str) -> (Document, Blocks) {
        let doc = Document::parse(html);
        let blocks = Blocks::of(&doc);
        (doc, blocks)
    }

    /// The block of the first element with this id.
    fn by_id(blocks: &Blocks, id: &str) -> usize {
        blocks
            .iter()
            .find(|(_, b)| b.node.attr("id").as_deref() == Some(id))
            .map(|(i, _)| i)
            .expect("an element with that id")
    }

    /// The measurement the page scoring first made for itself, walking the
    /// tree: what the view on the page facts must read, field by field.
    mod plain {
        use crate::dom::{Document, NodeKind, NodeRef};
        use crate::page::content::measure::Kind;
        use crate::page::content::names::Lean;

        /// A block as the walk measured it.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Block {
            pub node: NodeRef,
            pub parent: Option<usize>,
            pub end: usize,
            pub depth: usize,
            pub kind: Kind,
            pub lean: Lean,
            pub hidden: bool,
            pub text: usize,
            pub link_text: usize,
            pub commas: usize,
            pub loose_text: usize,
            pub loose_link_text: usize,
            pub loose_commas: usize,
            pub holds_blocks: bool,
            pub headings: usize,
            pub media: usize,
            pub elements: usize,
        }

        impl Block {
            fn tag(&self) -> &str {
                self.node.tag().unwrap_or("")
            }
        }

        pub struct Blocks {
            pub blocks: Vec<Block>,
        }

        fn lean_of(el: &NodeRef) -> Lean {
            let reading = crate::page::names::read(el);
            Lean::of(reading.names_of(el), reading.marks)
        }

        fn kind_of(tag: &str) -> Kind {
            match tag {
                "script" | "style" | "template" | "noscript" | "textarea" | "title" | "head"
                | "select" | "option" | "button" | "input" | "xmp" | "noembed" | "noframes"
                | "plaintext" | "iframe" | "object" | "embed" | "canvas" | "math" | "dialog" => {
                    Kind::Unseen
                }
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Kind::Heading,
                "a" => Kind::Link,
                "img" | "picture" | "video" | "audio" | "svg" => Kind::Media,
                "address" | "article" | "aside" | "blockquote" | "body" | "center" | "dd"
                | "details" | "dir" | "div" | "dl" | "dt" | "fieldset" | "figcaption"
                | "figure" | "footer" | "form" | "header" | "hgroup" | "hr" | "li" | "main"
                | "menu" | "nav" | "ol" | "p" | "pre" | "section" | "summary" | "table"
                | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" | "caption" | "ul"
                | "frameset" | "legend" => Kind::Block,
                _ => Kind::Inline,
            }
        }

        impl Blocks {
            /// Measures `doc`'s body in one pass.
            pub fn measure(doc: &Document) -> Blocks {
                let mut table = Blocks { blocks: Vec::new() };
                let body = doc.body();
                table.push(body.clone(), None, Kind::Block, 0);
                // (block index, the element's children, next child to visit)
                let mut stack: Vec<(usize, Vec<NodeRef>, usize)> = vec![(0, body.children(), 0)];
                while let Some((index, children, next)) = stack.last_mut() {
                    let index = *index;
                    let Some(child) = children.get(*next).cloned() else {
                        stack.pop();
                        table.close(index);
                        continue;
                    };
                    *next += 1;
                    match child.kind() {
                        NodeKind::Text => {
                            let (len, commas) = child
                                .with_text(|t| (visible_chars(t), count_commas(t)))
                                .unwrap_or((0, 0));
                            let b = &mut table.blocks[index];
                            b.text += len;
                            b.loose_text += len;
                            b.commas += commas;
                            b.loose_commas += commas;
                        }
                        NodeKind::Element => {
                            let tag = child.tag().unwrap_or("");
                            let kind = kind_of(tag);
                            let depth = table.blocks[index].depth + 1;
                            let at = table.push(child.clone(), Some(index), kind, depth);
                            if kind == Kind::Unseen || table.blocks[at].hidden {
                                table.close(at);
                            } else {
                                stack.push((at, child.children(), 0));
                            }
                        }
                        _ => {}
                    }
                }
                table
            }

            fn push(
                &mut self,
                node: NodeRef,
                parent: Option<usize>,
                kind: Kind,
                depth: usize,
            ) -> usize {
                let hidden = kind != Kind::Unseen && is_hidden(&node);
                let lean = if kind == Kind::Unseen {
                    Lean::default()
                } else {
                    lean_of(&node)
                };
                self.blocks.push(Block {
                    node,
                    parent,
                    end: 0,
                    depth,
                    kind,
                    lean,
                    hidden,
                    text: 0,
                    link_text: 0,
                    commas: 0,
                    loose_text: 0,
                    loose_link_text: 0,
                    loose_commas: 0,
                    holds_blocks: false,
                    headings: 0,
                    media: 0,
                    elements: 0,
                });
                self.blocks.len() - 1
            }

            /// Finishes block `i` (its subtree is measured) and adds it to its parent.
            fn close(&mut self, i: usize) {
                let end = self.blocks.len();
                let b = &mut self.blocks[i];
                b.end = end;
                if b.kind == Kind::Link {
                    b.link_text = b.text;
                    b.loose_link_text = b.loose_text;
                }
                let b = b.clone();
                let Some(p) = b.parent else {
                    return;
                };
                let parent = &mut self.blocks[p];
                parent.elements += 1 + b.elements;
                parent.text += b.text;
                parent.link_text += b.link_text;
                parent.commas += b.commas;
                parent.headings += b.headings + usize::from(b.kind == Kind::Heading);
                let shows_media = b.kind == Kind::Media
                    || matches!(b.tag(), "iframe" | "embed" | "object" | "canvas");
                parent.media += b.media + usize::from(shows_media);
                if matches!(b.kind, Kind::Block | Kind::Heading) {
                    parent.holds_blocks = true;
                } else {
                    parent.loose_text += b.loose_text;
                    parent.loose_link_text += b.loose_link_text;
                    parent.loose_commas += b.loose_commas;
                    parent.holds_blocks |= b.holds_blocks;
                }
            }
        }

        /// Visible characters: not whitespace (which includes `&nbsp;` and U+3000).
        fn visible_chars(s: &str) -> usize {
            crate::dom::count_visible_chars(s)
        }

        /// Commas of Latin, CJK, Arabic and full-width punctuation.
        fn count_commas(s: &str) -> usize {
            let ascii = memchr::memchr_iter(b',', s.as_bytes()).count();
            if s.is_ascii() {
                return ascii;
            }
            ascii
                + s.chars()
                    .filter(|c| matches!(c, '，' | '、' | '،' | '﹐' | '﹑' | '︐'))
                    .count()
        }

        /// Hidden from sight by markup: the `hidden` attribute, or an inline
        /// style of `display: none` or `visibility: hidden`.
        fn is_hidden(el: &NodeRef) -> bool {
            let mut hidden = false;
            el.for_each_attr(|name, value| match name {
                "hidden" => hidden = true,
                // Most styles say nothing of the kind: looked at closely only when
                // "none" or "hidden" occurs in them.
                "style"
                    if contains_caseless(value, "none") || contains_caseless(value, "hidden") =>
                {
                    let squashed: String = value
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .flat_map(char::to_lowercase)
                        .collect();
                    hidden |=
                        squashed.contains("display:none") || squashed.contains("visibility:hidden");
                }
                _ => {}
            });
            hidden
        }

        /// True if `needle` (lower-case ASCII) occurs in `haystack`, ASCII case ignored.
        fn contains_caseless(haystack: &str, needle: &str) -> bool {
            haystack
                .as_bytes()
                .windows(needle.len())
                .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
        }
    }

    /// Every block of the view, field by field, against the walk.
    fn assert_view_is_the_walk(html: &str) {
        let doc = Document::parse(html);
        let view = Blocks::of(&doc);
        let walked = plain::Blocks::measure(&doc).blocks;
        assert_eq!(view.len(), walked.len(), "{html}");
        for (i, w) in walked.iter().enumerate() {
            let v = &view[i];
            let read = (&v.node, v.parent, v.end, v.depth, v.kind, v.lean, v.hidden);
            let want = (&w.node, w.parent, w.end, w.depth, w.kind, w.lean, w.hidden);
            assert_eq!(read, want, "block {i} of {html}");
            let read = (
                v.text,
                v.link_text,
                v.loose_text,
                v.loose_link_text,
                v.loose_commas,
                v.holds_blocks,
                v.media,
            );
            let want = (
                w.text,
                w.link_text,
                w.loose_text,
                w.loose_link_text,
                w.loose_commas,
                w.holds_blocks,
                w.media,
            );
            assert_eq!(read, want, "block {i} of {html}");
            let prose = doc
                .prose_facts()
                .of(&v.node)
                .expect("measured")
                .prose(i == 0);
            assert_eq!(
                (prose.commas, prose.headings, prose.elements),
                if w.hidden && i > 0 || w.kind == Kind::Unseen {
                    (0, 0, 0)
                } else {
                    (w.commas, w.headings, w.elements)
                },
                "block {i} of {html}"
            );
        }
    }

    #[test]
    fn the_view_reads_what_the_walk_measured() {
        let mut pages = crate::testing::fixture_pages();
        pages.extend(
            [
                r#"<div id=d>Bare line, here <b>bold</b><p id=p>One, two <a href=x>link</a></p><h2>Head</h2></div>"#,
                r#"<div id=d><script>var a = 1;</script><p style="DISPLAY: None">gone, gone</p><p hidden>gone</p><p style="visibility:hidden;color:red">gone</p><p style="color: red">x，y、z</p><noscript>Turn on scripts</noscript>seen</div>"#,
                r#"<body style="display:none"><main class="content"><article><h1>T</h1><p>One, two.</p><figure><img src=a><figcaption>Cap</figcaption></figure><iframe src=v></iframe><a href=x><h3 hidden>Hidden heading</h3>link text</a></article></main><nav role=navigation><a>Home</a></nav><aside class="non-ad-column sidebar">x</aside><legend>l</legend><dir><li>d</li></dir><svg><p>in svg</p></svg></body>"#,
                "<table><tr><td>cell, one<td><div>block<p>p，q</p></div></table><select><option>o</option></select><dialog>d</dialog>",
            ]
            .map(String::from),
        );
        for page in &pages {
            assert_view_is_the_walk(page);
        }
    }

    /// Read from the facts' order, the table is the one walking the tree
    /// gives, block for block.
    #[test]
    fn the_order_gives_the_walked_table() {
        let mut pages = crate::testing::fixture_pages();
        pages.push(r#"<body style="display:none"><div hidden><p>x</p></div><p>y<script>z</script></p><section><noscript><p>n</p></noscript><div><p>deep</p></div></section></body>"#.into());
        for page in &pages {
            let doc = Document::parse(page);
            let read = Blocks::of(&doc);
            let walked = Blocks::walked(&doc, &doc.prose_facts());
            assert_eq!(read.len(), walked.len(), "{page}");
            for i in 0..read.len() {
                let (r, w) = (&read[i], &walked[i]);
                assert_eq!(
                    (&r.node, r.parent, r.end, r.depth, r.kind, r.hidden, r.text),
                    (&w.node, w.parent, w.end, w.depth, w.kind, w.hidden, w.text),
                    "block {i} of {page}"
                );
            }
        }
    }

    #[test]
    fn text_links_and_loose_prose() {
        let (_, blocks) = measure(
            r#"<div id=d>Bare line, here <b>bold</b><p id=p>One, two <a href=x>link</a></p><h2>Head</h2></div>"#,
        );
        let d = &blocks[by_id(&blocks, "d")];
        // "Bareline,herebold" + "One,twolink" + "Head"
        assert_eq!(d.text, 17 + 11 + 4);
        assert_eq!(d.link_text, 4);
        assert_eq!(d.loose_text, 17);
        assert_eq!(d.loose_link_text, 0);
        assert_eq!(d.loose_commas, 1);
        assert!(d.holds_blocks);
        let p = &blocks[by_id(&blocks, "p")];
        assert_eq!((p.loose_text, p.loose_link_text), (11, 4));
        assert!(!p.holds_blocks);
    }

    #[test]
    fn unseen_and_hidden_text_is_not_measured() {
        let (_, blocks) = measure(
            r#"<div id=d><script>var a = 1;</script><p style="DISPLAY: None">gone</p><p hidden>gone</p><p style="visibility:hidden;color:red">gone</p><p style="color: red">x</p><noscript>Turn on scripts</noscript>seen</div>"#,
        );
        let d = &blocks[by_id(&blocks, "d")];
        assert_eq!(d.text, 5);
        assert_eq!(blocks.iter().filter(|(_, b)| b.hidden).count(), 3);
    }

    #[test]
    fn subtrees_are_ranges() {
        let (_, blocks) =
            measure("<div id=a><p id=b>x</p><div id=c><p id=d>y</p></div></div><p id=e>z</p>");
        let [a, b, c, d, e] = ["a", "b", "c", "d", "e"].map(|id| by_id(&blocks, id));
        assert_eq!(blocks.children(a).collect::<Vec<_>>(), [b, c]);
        assert_eq!(blocks.children(0).collect::<Vec<_>>(), [a, e]);
        assert!(blocks.contains(a, d) && !blocks.contains(c, e) && blocks.contains(0, e));
        assert_eq!(blocks.ancestors(d).collect::<Vec<_>>(), [c, a, 0]);
    }
}
