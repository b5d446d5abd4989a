//! The `paragraphs` rule, [`Paragraphs`]: what it does and why is on the type.

mod inline;

use inline::{collapse_whitespace, drop_empty_inline, NewText};

use crate::dom::{Document, NodeRef, PtrSet, Step, Visit};
use crate::error::RuleError;
use crate::html::tags::{
    renamed_to, Tag, BLOCK_WRAPPERS, HEADINGS, INLINE_KEPT, LISTS, LIST_ITEMS, LOOSE_CONTAINERS,
    NOT_TEXT, TABLES, TABLE_PARTS, TIGHT_CONTAINERS, VERBATIM,
};
use crate::rule::{Context, Rule};
use crate::text::whitespace::{is_invisible, is_space};

/// Normalises paragraphs.
///
/// `paragraphs`: paragraph normalisation, the last built-in rule.
///
/// Rebuilds the body as a flat sequence of meaningful blocks:
/// - wrappers with no meaning (`div`, `section`, `span`, `font`, Word's
///   `o:p`, `MsoNormal` blocks, unknown elements) are unwrapped; a block
///   wrapper still ends the paragraph before it;
/// - bare text and inline content become `<p>`; two or more `<br>` in a row
///   split paragraphs, a single `<br>` stays a line break;
/// - whitespace collapses to single spaces; spaces, `&nbsp;` and U+3000
///   ideographic spaces are trimmed from both ends of every paragraph and
///   line, and a space between two CJK characters is dropped;
/// - empty paragraphs and empty inline elements go, and so do elements
///   whose contents are never text (`script`, `style`, ...: see
///   [`NOT_TEXT`](crate::NOT_TEXT));
/// - structure is kept: `h2`–`h6` (an `h1` becomes `h2`), lists,
///   `blockquote`, `figure`/`figcaption`, `img`, `table`, `pre`/`code`,
///   `a`, `strong`/`em` (`b`/`i` become `strong`/`em`).
///
/// The rule rebuilds rather than edits, in time linear in the document, and
/// is idempotent: normalising its own output changes nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Paragraphs;

/// What the normaliser does with an element, by tag: each kind is a set of
/// the tag table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `h1`–`h6`.
    Heading,
    /// `ul`, `ol`, `dl`.
    List,
    /// `li`, `dd`, `dt`.
    ListItem,
    /// Containers kept as they are whose content is normalised as flow
    /// content: `blockquote`.
    LooseContainer,
    /// Containers whose content is flow, but a lone paragraph in them is
    /// unwrapped: cells, captions, figures (and list items, above).
    TightContainer,
    Table,
    /// `tr`, `tbody`, `thead`, `tfoot`: blocks, reached through their table.
    TablePart,
    /// Blocks kept exactly as written.
    Verbatim,
    /// Block wrappers: unwrapped, but a paragraph boundary.
    BlockWrapper,
    /// Inline elements kept (everything else inline is unwrapped).
    InlineKept,
    /// Inline elements renamed to their meaningful twin.
    Renamed(&'static str),
    /// `span`, `font`, `o:p`, unknown elements: unwrapped.
    Other,
}

fn kind(tag: Tag) -> Kind {
    if HEADINGS.contains(tag) {
        Kind::Heading
    } else if LISTS.contains(tag) {
        Kind::List
    } else if LIST_ITEMS.contains(tag) {
        Kind::ListItem
    } else if LOOSE_CONTAINERS.contains(tag) {
        Kind::LooseContainer
    } else if TIGHT_CONTAINERS.contains(tag) {
        Kind::TightContainer
    } else if TABLES.contains(tag) {
        Kind::Table
    } else if TABLE_PARTS.contains(tag) {
        Kind::TablePart
    } else if VERBATIM.contains(tag) {
        Kind::Verbatim
    } else if BLOCK_WRAPPERS.contains(tag) {
        Kind::BlockWrapper
    } else if INLINE_KEPT.contains(tag) {
        Kind::InlineKept
    } else if let Some(to) = renamed_to(tag) {
        Kind::Renamed(to)
    } else {
        Kind::Other
    }
}

fn is_block_tag(tag: Tag) -> bool {
    !matches!(kind(tag), Kind::InlineKept | Kind::Renamed(_) | Kind::Other)
}

/// Elements with a block element somewhere below them (one linear pass).
fn elements_with_blocks(root: &NodeRef) -> PtrSet {
    let mut set = PtrSet::default();
    // For each open element, the root first: was a block found below it?
    let mut found = vec![false];
    root.walk_below(|step| {
        match step {
            Step::Enter(node) => {
                if !node.is_element() {
                    return Visit::Skip;
                }
                if let Some(parent) = found.last_mut() {
                    *parent |= is_block_tag(node.tag_id());
                }
                found.push(false);
            }
            Step::Leave(el) => {
                if found.pop() == Some(true) {
                    set.insert(el.key());
                    if let Some(parent) = found.last_mut() {
                        *parent = true;
                    }
                }
            }
        }
        Visit::Descend
    });
    if found.pop() == Some(true) {
        set.insert(root.key());
    }
    set
}

enum Item {
    Node(NodeRef),
    Boundary,
}

struct Normaliser<'d> {
    doc: &'d mut Document,
    has_block: PtrSet,
    /// Containers whose content still has to be normalised, and whether they are tight.
    queue: Vec<(NodeRef, bool)>,
    /// Normalise a `<p>` that would come out as itself in place, instead
    /// of rebuilding it, and take a run without line breaks as its
    /// paragraph whole (off only to test that the fast paths agree with
    /// the straightforward ones).
    keep_plain_paragraphs: bool,
    /// Buffers of [`Normaliser::inline`], kept from one paragraph to the
    /// next instead of allocated for each: elements still to flatten, and
    /// the text nodes of the whitespace collapse.
    stack: Vec<NodeRef>,
    texts: Vec<(NodeRef, NewText, usize)>,
}

impl Rule for Paragraphs {
    fn name(&self) -> &str {
        super::PARAGRAPHS
    }

    fn apply(&self, doc: &mut Document, _cx: &Context<'_>) -> Result<(), RuleError> {
        normalise(doc, true);
        Ok(())
    }
}

fn normalise(doc: &mut Document, keep_plain_paragraphs: bool) {
    let body = doc.body();
    let has_block = elements_with_blocks(&body);
    let mut n = Normaliser {
        doc,
        has_block,
        queue: vec![(body, false)],
        keep_plain_paragraphs,
        stack: Vec::new(),
        texts: Vec::new(),
    };
    while let Some((container, tight)) = n.queue.pop() {
        n.container(&container, tight);
    }
}

impl Normaliser<'_> {
    /// Takes an unwrapped element's children out of it and queues them to
    /// be decided next, in its place.
    fn spill(&mut self, node: &NodeRef, work: &mut Vec<Item>) {
        work.extend(
            self.doc
                .take_children(node)
                .into_iter()
                .rev()
                .map(Item::Node),
        );
    }

    /// Rebuilds one container's children as blocks.
    fn container(&mut self, container: &NodeRef, tight: bool) {
        if tight && self.keep_plain_paragraphs && self.is_plain_run(container) {
            // Its children would make one paragraph, unwrapped again as the
            // container's only block: normalise them where they are.
            if !(self.paragraph_in_place(container) && super::has_content(container)) {
                self.doc.take_children(container);
            }
            return;
        }
        let mut work: Vec<Item> = container.child_nodes().rev().map(Item::Node).collect();
        // Mostly one block out for each child in.
        let mut out: Vec<NodeRef> = Vec::with_capacity(work.len());
        let mut run: Vec<NodeRef> = Vec::new();
        while let Some(item) = work.pop() {
            let node = match item {
                Item::Boundary => {
                    self.flush(&mut run, &mut out);
                    continue;
                }
                Item::Node(n) => n,
            };
            let Some(tag) = node.tag() else {
                if node.is_text() {
                    run.push(node);
                }
                continue;
            };
            let id = node.tag_id();
            if NOT_TEXT.contains(id) {
                // Scripts, styles and the like left by an earlier rule (or
                // with `active-content` turned off): never paragraph text.
                continue;
            }
            let is_h1 = tag == "h1";
            match kind(id) {
                Kind::Heading => {
                    self.flush(&mut run, &mut out);
                    let heading = if is_h1 {
                        self.rebuild_as(&node, "h2")
                    } else {
                        node
                    };
                    self.inline(&heading);
                    if super::has_content(&heading) {
                        out.push(heading);
                    }
                }
                Kind::List => {
                    self.flush(&mut run, &mut out);
                    self.list(&node);
                    out.push(node);
                }
                Kind::ListItem => {
                    // A list item outside a list: collected into a list below.
                    self.flush(&mut run, &mut out);
                    self.queue.push((node.clone(), true));
                    out.push(node);
                }
                k @ (Kind::LooseContainer | Kind::TightContainer) => {
                    self.flush(&mut run, &mut out);
                    self.queue.push((node.clone(), k == Kind::TightContainer));
                    out.push(node);
                }
                Kind::Table => {
                    self.flush(&mut run, &mut out);
                    self.table(&node);
                    out.push(node);
                }
                Kind::Verbatim => {
                    self.flush(&mut run, &mut out);
                    out.push(node);
                }
                Kind::BlockWrapper
                    if self.keep_plain_paragraphs && self.is_plain_paragraph(&node) =>
                {
                    // What unwrapping it would make of it: its children as one
                    // paragraph, between paragraph boundaries.
                    self.flush(&mut run, &mut out);
                    if self.paragraph_in_place(&node) && super::has_content(&node) {
                        out.push(node);
                    }
                }
                k if k == Kind::BlockWrapper || self.has_block.contains(&node.key()) => {
                    work.push(Item::Boundary);
                    self.spill(&node, &mut work);
                    work.push(Item::Boundary);
                }
                Kind::InlineKept | Kind::Renamed(_) => run.push(node),
                // span, font, o:p, unknown inline elements: their children take their place.
                _ => self.spill(&node, &mut work),
            }
        }
        self.flush(&mut run, &mut out);
        let out = group_stray_list_items(self.doc, out);
        let mut out = if tight {
            unwrap_lone_paragraph(self.doc, out)
        } else {
            out
        };
        // A rule at the very start or end separates nothing.
        while out.first().is_some_and(|b| b.is("hr")) {
            out.remove(0);
        }
        while out.last().is_some_and(|b| b.is("hr")) {
            out.pop();
        }
        self.doc.set_children_raw(container, out);
    }

    /// Turns a run of inline nodes into paragraphs, split at `<br><br>`.
    fn flush(&mut self, run: &mut Vec<NodeRef>, out: &mut Vec<NodeRef>) {
        if run.is_empty() {
            return;
        }
        let nodes = std::mem::take(run);
        if self.keep_plain_paragraphs && !nodes.iter().any(|n| n.is("br")) {
            // Nothing to split at (the common case): the run is the
            // paragraph, moved rather than copied node by node.
            self.emit_paragraph(nodes, out);
            return;
        }
        let mut chunk: Vec<NodeRef> = Vec::with_capacity(nodes.len());
        let mut i = 0;
        while i < nodes.len() {
            if nodes[i].is("br") {
                // Count the breaks in a row, looking through whitespace-only text.
                let mut j = i;
                let mut breaks = 0;
                while j < nodes.len() && (nodes[j].is("br") || is_blank_text(&nodes[j])) {
                    if nodes[j].is("br") {
                        breaks += 1;
                    }
                    j += 1;
                }
                if breaks >= 2 {
                    self.emit_paragraph(std::mem::take(&mut chunk), out);
                    i = j;
                    continue;
                }
            }
            chunk.push(nodes[i].clone());
            i += 1;
        }
        self.emit_paragraph(chunk, out);
    }

    /// A `<p>` that unwrapping and paragraph building would rebuild as an
    /// equal `<p>` with the same children: one without attributes (the
    /// rebuilt one has none) around a [plain run](Self::is_plain_run).
    fn is_plain_paragraph(&self, node: &NodeRef) -> bool {
        node.is("p") && node.is_html_element() && !node.has_attrs() && self.is_plain_run(node)
    }

    /// The children of `parent`, if [`container`](Self::container) would put them into one
    /// paragraph as they are: text and the inline elements it keeps
    /// (nothing unwrapped, dropped or holding a block), with fewer than two
    /// line breaks, so the run is not split.
    fn is_plain_run(&self, parent: &NodeRef) -> bool {
        let mut breaks = 0;
        parent.child_nodes().all(|k| match k.tag() {
            None => k.is_text(),
            Some(tag) => {
                let id = k.tag_id();
                breaks += usize::from(tag == "br");
                breaks < 2
                    && matches!(kind(id), Kind::InlineKept | Kind::Renamed(_))
                    && !NOT_TEXT.contains(id)
                    && !self.has_block.contains(&k.key())
            }
        })
    }

    /// Normalises a plain run's parent as the paragraph the run would
    /// become. Returns false, and leaves it alone, when that paragraph
    /// would not be made at all (blank text only).
    fn paragraph_in_place(&mut self, block: &NodeRef) -> bool {
        if block.child_nodes().all(|c| is_blank(&c)) {
            return false;
        }
        self.inline(block);
        true
    }

    fn emit_paragraph(&mut self, chunk: Vec<NodeRef>, out: &mut Vec<NodeRef>) {
        if chunk.iter().all(is_blank_text) {
            return;
        }
        let p = self.doc.new_element("p");
        self.doc.set_children_raw(&p, chunk);
        self.inline(&p);
        if super::has_content(&p) {
            out.push(p);
        }
    }

    /// A copy of `node` under another tag name, with its children moved in.
    fn rebuild_as(&mut self, node: &NodeRef, tag: &str) -> NodeRef {
        let new = self.doc.new_element(tag);
        let kids = self.doc.take_children(node);
        self.doc.set_children_raw(&new, kids);
        new
    }

    fn list(&mut self, list: &NodeRef) {
        let mut items = Vec::new();
        for child in list.children() {
            match child.tag() {
                Some(_) if child.is_in(LIST_ITEMS) => items.push(child),
                Some(_) => {
                    let li = self
                        .doc
                        .new_element(if list.is("dl") { "dd" } else { "li" });
                    self.doc.set_children_raw(&li, vec![child]);
                    items.push(li);
                }
                None if !is_blank_text(&child) && child.is_text() => {
                    let li = self
                        .doc
                        .new_element(if list.is("dl") { "dd" } else { "li" });
                    self.doc.set_children_raw(&li, vec![child]);
                    items.push(li);
                }
                None => {}
            }
        }
        for item in &items {
            self.queue.push((item.clone(), true));
        }
        self.doc.set_children_raw(list, items);
    }

    fn table(&mut self, table: &NodeRef) {
        let mut stack = table.children();
        while let Some(n) = stack.pop() {
            match n.tag() {
                Some("td") | Some("th") | Some("caption") => self.queue.push((n, true)),
                Some("thead") | Some("tbody") | Some("tfoot") | Some("tr") => {
                    stack.extend(n.children())
                }
                _ => {}
            }
        }
    }

    /// Normalises inline content of a paragraph or heading: unwraps inline
    /// wrappers, renames `b`/`i`, collapses whitespace, drops empty inline
    /// elements and line breaks at the edges.
    fn inline(&mut self, block: &NodeRef) {
        // 1. Flatten wrappers and rename, top-down.
        let mut stack = std::mem::take(&mut self.stack);
        stack.push(block.clone());
        while let Some(el) = stack.pop() {
            // Most elements hold only text and kept inline elements: check
            // that without copying the child list.
            if el.child_nodes().all(|k| is_kept_inline(&k)) {
                stack.extend(el.child_nodes().filter(NodeRef::has_children));
                continue;
            }
            let mut new_children = Vec::new();
            let mut work: Vec<NodeRef> = el.children().into_iter().rev().collect();
            while let Some(child) = work.pop() {
                let Some(tag) = child.tag() else {
                    if child.is_text() {
                        new_children.push(child);
                    }
                    continue;
                };
                match kind(child.tag_id()) {
                    _ if tag == "picture" => {
                        work.extend(
                            self.doc
                                .take_children(&child)
                                .into_iter()
                                .filter(|c| !c.is("source"))
                                .rev(),
                        );
                    }
                    Kind::InlineKept => {
                        stack.push(child.clone());
                        new_children.push(child);
                    }
                    Kind::Renamed(to) => {
                        let renamed = self.rebuild_as(&child, to);
                        stack.push(renamed.clone());
                        new_children.push(renamed);
                    }
                    _ => work.extend(self.doc.take_children(&child).into_iter().rev()),
                }
            }
            self.doc.set_children_raw(&el, new_children);
        }
        self.stack = stack;
        // 2. Collapse whitespace across the text nodes, in document order.
        let nothing_to_drop = collapse_whitespace(self.doc, block, &mut self.texts);
        // 3. Drop inline elements left empty, and line breaks at the edges.
        if !nothing_to_drop {
            drop_empty_inline(self.doc, block);
        }
    }
}

/// A child that step 1 of [`Normaliser::inline`] leaves as it is.
fn is_kept_inline(node: &NodeRef) -> bool {
    match node.tag() {
        None => node.is_text(),
        Some(tag) => tag != "picture" && node.is_in(INLINE_KEPT),
    }
}

fn is_blank_text(n: &NodeRef) -> bool {
    is_blank(n)
}

/// A text node of nothing but whitespace and invisible characters.
fn is_blank(n: &NodeRef) -> bool {
    n.with_text(|t| {
        // ASCII whitespace is checked bytewise; text is decoded only from
        // its first other byte on.
        match t.bytes().position(|b| !matches!(b, b'\t'..=b'\r' | b' ')) {
            None => true,
            Some(i) if t.as_bytes()[i].is_ascii() => false,
            Some(i) => t[i..].chars().all(|c| is_space(c) || is_invisible(c)),
        }
    })
    .unwrap_or(false)
}

/// Wraps consecutive `<li>` that ended up outside any list into a `<ul>`.
fn group_stray_list_items(doc: &mut Document, blocks: Vec<NodeRef>) -> Vec<NodeRef> {
    if !blocks.iter().any(|b| b.is("li")) {
        return blocks;
    }
    let mut out = Vec::with_capacity(blocks.len());
    let mut items: Vec<NodeRef> = Vec::new();
    for b in blocks {
        if b.is("li") {
            items.push(b);
            continue;
        }
        if !items.is_empty() {
            let ul = doc.new_element("ul");
            doc.set_children_raw(&ul, std::mem::take(&mut items));
            out.push(ul);
        }
        out.push(b);
    }
    if !items.is_empty() {
        let ul = doc.new_element("ul");
        doc.set_children_raw(&ul, items);
        out.push(ul);
    }
    out
}

/// In a list item, cell or figure, a single paragraph needs no `<p>`.
fn unwrap_lone_paragraph(doc: &mut Document, blocks: Vec<NodeRef>) -> Vec<NodeRef> {
    let paragraphs = blocks.iter().filter(|b| b.is("p")).count();
    if paragraphs != 1 {
        return blocks;
    }
    blocks
        .into_iter()
        .flat_map(|b| {
            if b.is("p") {
                doc.take_children(&b)
            } else {
                vec![b]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::inline::*;
    use super::*;
    use crate::rules::tests::apply;

    fn norm(html: &str) -> String {
        apply(&Paragraphs, html).0
    }

    /// `Collapse::text` written the straightforward way: every character
    /// decoded and judged on its own.
    fn collapse_by_chars(state: &mut Collapse, node: NodeRef, text: &str) {
        let index = state.outputs.len();
        state.outputs.push((node, NewText::Prefix(0), text.len()));
        let mut run = 0;
        for (i, c) in text.char_indices() {
            if !(is_space(c) || is_invisible(c)) {
                continue;
            }
            state.visible(index, text, run, i);
            if is_space(c) {
                if state.last.is_some() && state.pending.is_none() {
                    state.pending = Some(index);
                    state.pending_break = false;
                }
                state.pending_break |= c == '\n' || c == '\r';
            }
            run = i + c.len_utf8();
        }
        state.visible(index, text, run, text.len());
    }

    /// The byte scan of the collapse, with its whitespace runs taken in one
    /// go, makes what judging every character makes: tried on every
    /// sequence of three pieces, as three text nodes and as one.
    #[test]
    fn collapse_matches_decoding_every_character() {
        const PIECES: &[&str] = &[
            "a", " ", "  ", "\n", "\r\n", "\t", " \n\t", "中", "，", "“", "\u{3000}", "\u{a0}",
            " \u{a0} ", "\u{200b}", "\u{feff}", "\u{ad}", "\u{2028}", "é", "😀",
        ];
        let doc = Document::parse("");
        let fresh = || Collapse {
            outputs: Vec::new(),
            last: None,
            pending: None,
            pending_break: false,
        };
        // What each text node ends up holding, and the state left over.
        let outcome = |state: Collapse| {
            let texts: Vec<String> = state
                .outputs
                .iter()
                .map(|(node, new, _)| match new {
                    NewText::Owned(s) => s.clone(),
                    NewText::Prefix(k) => {
                        node.with_text(|t| t[..*k].to_string()).unwrap_or_default()
                    }
                })
                .collect();
            (texts, state.last, state.pending, state.pending_break)
        };
        let n = PIECES.len();
        for k in 0..n * n * n {
            let seq = [PIECES[k % n], PIECES[k / n % n], PIECES[k / n / n]];
            let joined = seq.concat();
            for texts in [&seq[..], &[joined.as_str()][..]] {
                let (mut fast, mut slow) = (fresh(), fresh());
                for text in texts {
                    fast.text(doc.new_text(text), text);
                    collapse_by_chars(&mut slow, doc.new_text(text), text);
                }
                assert_eq!(outcome(fast), outcome(slow), "{texts:?}");
            }
        }
    }

    /// Serialized body after normalising, with or without the fast paths.
    fn normalised(html: &str, fast: bool) -> String {
        let mut doc = Document::parse(html);
        normalise(&mut doc, fast);
        crate::output::serialize_children(&doc.body())
    }

    /// Keeping a plain `<p>` in place makes what rebuilding it makes: tried
    /// on every sequence of up to three pieces of paragraph content, in
    /// paragraphs with and without attributes, alone, between text, in a
    /// list item and in a cell.
    #[test]
    fn kept_paragraphs_are_the_rebuilt_ones() {
        const PIECES: &[&str] = &[
            "text",
            " ",
            "&nbsp;\u{200B}",
            "\n",
            "<br>",
            "a<br> <br>b",
            "<b>bold</b>",
            "<i> </i>",
            "<a href=x>link</a>",
            "<span>in span</span>",
            "<span><script>code</script></span>",
            "<iframe src=x></iframe>",
            "<script>code</script>",
            "<!-- note -->",
            "<img src=x>",
            "<picture><source srcset=x><img src=y></picture>",
            // (Without a doctype a table does not close the paragraph.)
            "<strong><table><tr><td>cell</td></tr></table></strong>",
            "<em>中文</em>",
        ];
        let inners = crate::testing::all_sequences(PIECES, 3);
        let mut kept_somewhere = false;
        for inner in &inners {
            for html in [
                format!("<p>{inner}</p>"),
                format!("<p class=c>{inner}</p>"),
                format!("<div>{inner}</div>"),
                format!("lead<p>{inner}</p>tail<p>{inner}</p>"),
                format!("<ul><li><p>{inner}</p></li></ul>"),
                format!("<ul><li>{inner}</li><li>{inner}<p>two</p></li>{inner}</ul>"),
                format!("<figure>{inner}</figure>"),
                format!("<blockquote>{inner}</blockquote>{inner}"),
                format!("<table><tr><td><p>{inner}</p><p>two</p></td></tr></table>"),
            ] {
                let fast = normalised(&html, true);
                assert_eq!(fast, normalised(&html, false), "{html:?}");
                kept_somewhere |= fast.contains("<p>");
            }
        }
        assert!(kept_somewhere);
    }

    /// When `nothing_to_drop` says so, `drop_empty_inline` changes
    /// nothing, and the whitespace collapse, which answers for it on the
    /// way, says what it says: tried on every sequence of up to three
    /// pieces (the collapse empties text).
    #[test]
    fn nothing_to_drop_means_nothing_is_dropped() {
        const PIECES: &[&str] = &[
            "a",
            " ",
            "<br>",
            "<b></b>",
            "<b> </b>",
            "<b>x</b>",
            "<b><i>x</i></b>",
            "<b><br></b>",
            "<a href=x><img src=x></a>",
            "<video><source src=x></video>",
            "<!-- c -->",
        ];
        let inners = crate::testing::all_sequences(PIECES, 3);
        let mut claimed = 0;
        for inner in &inners {
            let mut doc = Document::parse(&format!("<p>{inner}</p>"));
            let Some(p) = doc.body().first_child() else {
                continue;
            };
            let claimed_by_collapse = collapse_whitespace(&mut doc, &p, &mut Vec::new());
            assert_eq!(claimed_by_collapse, nothing_to_drop(&p), "{inner:?}");
            if nothing_to_drop(&p) {
                claimed += 1;
                let before = crate::output::serialize_children(&p);
                drop_empty_inline(&mut doc, &p);
                assert_eq!(crate::output::serialize_children(&p), before, "{inner:?}");
            }
        }
        assert!(claimed > 100, "{claimed}");
    }

    #[test]
    fn bare_text_becomes_paragraphs_split_at_double_breaks() {
        assert_eq!(
            norm("<div>one<br><br>two<br>line<br> <br><br>three</div>"),
            "<p>one</p><p>two<br>line</p><p>three</p>"
        );
    }

    #[test]
    fn wrappers_are_unwrapped_and_end_paragraphs() {
        assert_eq!(
            norm("<div>lead <span><font>in</font></span><div>block</div>tail</div>"),
            "<p>lead in</p><p>block</p><p>tail</p>"
        );
    }

    #[test]
    fn whitespace_and_padding_are_trimmed() {
        assert_eq!(
            norm("<p>&nbsp;\u{3000}\u{3000}正文\n  继续 text&nbsp; </p><p> </p><p>&nbsp;</p>"),
            "<p>正文继续 text</p>"
        );
        // Line breaks between CJK characters are source formatting; typed
        // spaces between CJK words are separators.
        assert_eq!(
            norm("<p>中文\n  “引号”\n和 English\nwords</p>"),
            "<p>中文“引号”和 English words</p>"
        );
        assert_eq!(
            norm("<p>记者某某 报道 责编：某某</p>"),
            "<p>记者某某 报道 责编：某某</p>"
        );
    }

    #[test]
    fn word_markup_is_unwrapped() {
        let html = r#"<div class="MsoNormal"><b style="mso-bidi-font-weight:normal"><span lang="EN-US">Z.</span></b><span>文字<o:p></o:p></span></div><div class="MsoNormal"><o:p>&nbsp;</o:p></div>"#;
        assert_eq!(norm(html), "<p><strong>Z.</strong>文字</p>");
    }

    #[test]
    fn structure_is_kept() {
        let html = "<h1>T</h1><ul><li><p>a</p></li><li> b </li></ul><blockquote>q<br><br>r</blockquote><figure><img src=x><figcaption><span>cap</span></figcaption></figure><pre>  x\n  y</pre><table><tr><td><p>c</p></td></tr></table>";
        assert_eq!(
            norm(html),
            "<h2>T</h2><ul><li>a</li><li>b</li></ul><blockquote><p>q</p><p>r</p></blockquote><figure><img src=\"x\"><figcaption>cap</figcaption></figure><pre>  x\n  y</pre><table><tbody><tr><td>c</td></tr></tbody></table>"
        );
    }

    #[test]
    fn stray_list_items_are_grouped() {
        assert_eq!(
            norm("<li>a</li><li>b</li><p>c</p>"),
            "<ul><li>a</li><li>b</li></ul><p>c</p>"
        );
    }

    #[test]
    fn empty_inline_elements_and_edge_breaks_go() {
        assert_eq!(
            norm("<p><br><a href=x></a><strong> </strong>text<br></p>"),
            "<p>text</p>"
        );
    }

    #[test]
    fn is_idempotent() {
        let html = "<div>a<br><br><span>b</span> c<ul><li>d</li></ul><b>e</b></div>";
        let once = norm(html);
        assert_eq!(norm(&once), once);
    }
}
