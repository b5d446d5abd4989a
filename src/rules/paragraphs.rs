//! `paragraphs`: paragraph normalisation, the last built-in rule.
//!
//! Rebuilds the body as a flat sequence of meaningful blocks:
//! - wrappers with no meaning (`div`, `section`, `span`, `font`, Word's
//!   `o:p`, `MsoNormal` blocks, unknown elements) are unwrapped; a block
//!   wrapper still ends the paragraph before it;
//! - bare text and inline content become `<p>`; two or more `<br>` in a row
//!   split paragraphs, a single `<br>` stays a line break;
//! - whitespace collapses to single spaces; spaces, `&nbsp;` and U+3000
//!   ideographic spaces are trimmed from both ends of every paragraph and
//!   line, and a space between two CJK characters is dropped;
//! - empty paragraphs and empty inline elements go, and so do elements
//!   whose contents are never text (`script`, `style`, ...: see
//!   [`NOT_TEXT`](crate::NOT_TEXT));
//! - structure is kept: `h2`–`h6` (an `h1` becomes `h2`), lists,
//!   `blockquote`, `figure`/`figcaption`, `img`, `table`, `pre`/`code`,
//!   `a`, `strong`/`em` (`b`/`i` become `strong`/`em`).
//!
//! The rule rebuilds rather than edits, in time linear in the document, and
//! is idempotent: normalising its own output changes nothing.

use std::collections::HashSet;
use std::rc::Rc;

use crate::dom::{Document, NodeRef};
use crate::error::RuleError;
use crate::rule::{Context, Rule};

/// Normalises paragraphs. See the [module docs](self).
#[derive(Debug, Clone, Copy, Default)]
pub struct Paragraphs;

type Ptr = *const markup5ever_rcdom::Node;

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];
const LISTS: &[&str] = &["ul", "ol", "dl"];
const LIST_ITEMS: &[&str] = &["li", "dd", "dt"];
/// Containers kept as they are whose content is normalised as flow content.
const LOOSE_CONTAINERS: &[&str] = &["blockquote"];
/// Containers whose content is flow, but a lone paragraph in them is unwrapped.
const TIGHT_CONTAINERS: &[&str] = &[
    "li",
    "dd",
    "dt",
    "td",
    "th",
    "figcaption",
    "figure",
    "caption",
];
/// Blocks kept exactly as written.
const VERBATIM: &[&str] = &["pre", "hr"];
/// Block wrappers: unwrapped, but a paragraph boundary.
const BLOCK_WRAPPERS: &[&str] = &[
    "div", "section", "article", "main", "header", "footer", "aside", "nav", "center", "address",
    "hgroup", "details", "summary", "fieldset", "form", "body", "html", "noscript", "dialog",
    "search", "p",
];
/// Inline elements kept (everything else inline is unwrapped).
const INLINE_KEPT: &[&str] = &[
    "a", "strong", "em", "code", "sub", "sup", "br", "img", "s", "del", "u", "mark", "q", "cite",
    "abbr", "kbd", "var", "samp", "time", "ruby", "rt", "rp", "dfn", "bdi", "bdo", "wbr", "small",
    "video", "audio", "iframe", "svg", "math", "picture", "source",
];
/// Inline elements renamed to their meaningful twin.
fn inline_rename(tag: &str) -> Option<&'static str> {
    match tag {
        "b" => Some("strong"),
        "i" => Some("em"),
        "tt" => Some("code"),
        "strike" => Some("s"),
        _ => None,
    }
}

fn is_block_tag(tag: &str) -> bool {
    HEADINGS.contains(&tag)
        || LISTS.contains(&tag)
        || LIST_ITEMS.contains(&tag)
        || LOOSE_CONTAINERS.contains(&tag)
        || TIGHT_CONTAINERS.contains(&tag)
        || VERBATIM.contains(&tag)
        || BLOCK_WRAPPERS.contains(&tag)
        || matches!(tag, "table" | "tr" | "tbody" | "thead" | "tfoot")
}

fn ptr(n: &NodeRef) -> Ptr {
    Rc::as_ptr(&n.0)
}

/// Elements with a block element somewhere below them (one linear pass).
fn elements_with_blocks(root: &NodeRef) -> HashSet<Ptr> {
    let nodes: Vec<NodeRef> = root.descendants_and_self().collect();
    let mut set = HashSet::new();
    for node in nodes.iter().rev() {
        if node.is_element()
            && node
                .children()
                .iter()
                .any(|c| c.tag().is_some_and(is_block_tag) || set.contains(&ptr(c)))
        {
            set.insert(ptr(node));
        }
    }
    set
}

/// Whitespace for collapsing: Unicode whitespace (with `&nbsp;` and U+3000).
fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// Invisible characters that are dropped outright.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{00AD}')
}

/// Han, kana, CJK punctuation and full-width forms: scripts written without spaces.
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x303F | 0x3040..=0x30FF | 0x3100..=0x31FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x2FFFF)
}

/// Punctuation that sits between CJK characters without a space in CJK text.
fn is_neutral_punct(c: char) -> bool {
    matches!(
        c,
        '\u{2018}'..='\u{201F}' | '\u{2026}' | '\u{2014}' | '\u{00B7}' | '\u{2022}'
    )
}

/// True if a space between `a` and `b` is a stray one inside CJK text.
pub(crate) fn cjk_joins(a: char, b: char) -> bool {
    (is_wide(a) && (is_wide(b) || is_neutral_punct(b))) || (is_neutral_punct(a) && is_wide(b))
}

enum Item {
    Node(NodeRef),
    Boundary,
}

struct Normaliser<'d> {
    doc: &'d mut Document,
    has_block: HashSet<Ptr>,
    /// Containers whose content still has to be normalised, and whether they are tight.
    queue: Vec<(NodeRef, bool)>,
}

impl Rule for Paragraphs {
    fn name(&self) -> &str {
        super::PARAGRAPHS
    }

    fn apply(&self, doc: &mut Document, _cx: &Context<'_>) -> Result<(), RuleError> {
        let body = doc.body();
        let has_block = elements_with_blocks(&body);
        let mut n = Normaliser {
            doc,
            has_block,
            queue: vec![(body, false)],
        };
        while let Some((container, tight)) = n.queue.pop() {
            n.container(&container, tight);
        }
        Ok(())
    }
}

impl Normaliser<'_> {
    /// Rebuilds one container's children as blocks.
    fn container(&mut self, container: &NodeRef, tight: bool) {
        let mut out: Vec<NodeRef> = Vec::new();
        let mut run: Vec<NodeRef> = Vec::new();
        let mut work: Vec<Item> = container
            .children()
            .into_iter()
            .rev()
            .map(Item::Node)
            .collect();
        while let Some(item) = work.pop() {
            let node = match item {
                Item::Boundary => {
                    self.flush(&mut run, &mut out);
                    continue;
                }
                Item::Node(n) => n,
            };
            let Some(tag) = node.tag().map(str::to_string) else {
                if node.is_text() {
                    run.push(node);
                }
                continue;
            };
            let tag = tag.as_str();
            if crate::dom::NOT_TEXT.contains(&tag) {
                // Scripts, styles and the like left by an earlier rule (or
                // with `active-content` turned off): never paragraph text.
                continue;
            }
            if HEADINGS.contains(&tag) {
                self.flush(&mut run, &mut out);
                let heading = if tag == "h1" {
                    self.rebuild_as(&node, "h2")
                } else {
                    node
                };
                self.inline(&heading);
                if super::has_content(&heading) {
                    out.push(heading);
                }
            } else if LISTS.contains(&tag) {
                self.flush(&mut run, &mut out);
                self.list(&node);
                out.push(node);
            } else if LIST_ITEMS.contains(&tag) {
                // A list item outside a list: collected into a list below.
                self.flush(&mut run, &mut out);
                self.queue.push((node.clone(), true));
                out.push(node);
            } else if LOOSE_CONTAINERS.contains(&tag) || TIGHT_CONTAINERS.contains(&tag) {
                self.flush(&mut run, &mut out);
                self.queue
                    .push((node.clone(), TIGHT_CONTAINERS.contains(&tag)));
                out.push(node);
            } else if tag == "table" {
                self.flush(&mut run, &mut out);
                self.table(&node);
                out.push(node);
            } else if VERBATIM.contains(&tag) {
                self.flush(&mut run, &mut out);
                out.push(node);
            } else if BLOCK_WRAPPERS.contains(&tag) || self.has_block.contains(&ptr(&node)) {
                work.push(Item::Boundary);
                work.extend(
                    self.doc
                        .take_children(&node)
                        .into_iter()
                        .rev()
                        .map(Item::Node),
                );
                work.push(Item::Boundary);
            } else if tag == "br" || INLINE_KEPT.contains(&tag) || inline_rename(tag).is_some() {
                run.push(node);
            } else {
                // span, font, o:p, unknown inline elements: their children take their place.
                work.extend(
                    self.doc
                        .take_children(&node)
                        .into_iter()
                        .rev()
                        .map(Item::Node),
                );
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
        let mut chunk: Vec<NodeRef> = Vec::new();
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
                Some(t) if LIST_ITEMS.contains(&t) => items.push(child),
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
        let mut stack = vec![block.clone()];
        while let Some(el) = stack.pop() {
            let mut new_children = Vec::new();
            let mut changed = false;
            let mut work: Vec<NodeRef> = el.children().into_iter().rev().collect();
            while let Some(child) = work.pop() {
                match child.tag() {
                    None => {
                        if child.is_text() {
                            new_children.push(child);
                        } else {
                            changed = true;
                        }
                    }
                    Some("picture") => {
                        changed = true;
                        work.extend(
                            self.doc
                                .take_children(&child)
                                .into_iter()
                                .filter(|c| !c.is("source"))
                                .rev(),
                        );
                    }
                    Some(t) if INLINE_KEPT.contains(&t) => {
                        stack.push(child.clone());
                        new_children.push(child);
                    }
                    Some(t) => {
                        changed = true;
                        if let Some(to) = inline_rename(t) {
                            let renamed = self.rebuild_as(&child, to);
                            stack.push(renamed.clone());
                            new_children.push(renamed);
                        } else {
                            work.extend(self.doc.take_children(&child).into_iter().rev());
                        }
                    }
                }
            }
            if changed {
                self.doc.set_children_raw(&el, new_children);
            }
        }
        // 2. Collapse whitespace across the text nodes, in document order.
        collapse_whitespace(self.doc, block);
        // 3. Drop inline elements left empty, and line breaks at the edges.
        drop_empty_inline(self.doc, block);
    }
}

fn is_blank_text(n: &NodeRef) -> bool {
    n.with_text(|t| t.chars().all(|c| is_space(c) || is_invisible(c)))
        .unwrap_or(false)
}

fn collapse_whitespace(doc: &mut Document, block: &NodeRef) {
    let nodes: Vec<NodeRef> = block.descendants().collect();
    let mut outputs: Vec<(NodeRef, String)> = Vec::new();
    let mut last: Option<char> = None;
    let mut pending: Option<usize> = None;
    // Did the pending whitespace run hold a line break? Source line breaks
    // between CJK characters are formatting and vanish; a typed space
    // between CJK words is a separator and stays.
    let mut pending_break = false;
    for node in nodes {
        if node.is_element() {
            if node.is("br") {
                pending = None;
                last = None;
            } else if node.is_any(super::MEDIA_TAGS) {
                if let (Some(i), Some(_)) = (pending, last) {
                    outputs[i].1.push(' ');
                }
                pending = None;
                last = Some('\u{FFFC}');
            }
            continue;
        }
        let Some(text) = node.text() else { continue };
        let index = outputs.len();
        outputs.push((node, String::with_capacity(text.len())));
        for c in text.chars() {
            if is_invisible(c) {
                continue;
            }
            if is_space(c) {
                if last.is_some() && pending.is_none() {
                    pending = Some(index);
                    pending_break = false;
                }
                pending_break |= c == '\n' || c == '\r';
                continue;
            }
            if let Some(i) = pending.take() {
                if !(pending_break && last.is_some_and(|l| cjk_joins(l, c))) {
                    outputs[i].1.push(' ');
                }
            }
            outputs[index].1.push(c);
            last = Some(c);
        }
    }
    for (node, text) in outputs {
        doc.set_text(&node, &text);
    }
}

fn drop_empty_inline(doc: &mut Document, block: &NodeRef) {
    let nodes: Vec<NodeRef> = block.descendants().collect();
    let mut content: HashSet<Ptr> = HashSet::new();
    for node in nodes.iter().rev() {
        let has = if node.is_element() {
            node.is_any(super::MEDIA_TAGS)
                || node.children().iter().any(|c| content.contains(&ptr(c)))
        } else {
            node.with_text(|t| !t.is_empty()).unwrap_or(false)
        };
        if has {
            content.insert(ptr(node));
        }
    }
    let mut parents = vec![block.clone()];
    while let Some(parent) = parents.pop() {
        let kids = parent.children();
        let mut kept: Vec<NodeRef> = kids
            .iter()
            .filter(|k| k.is("br") || content.contains(&ptr(k)))
            .cloned()
            .collect();
        // Line breaks at the edges of the block carry nothing.
        if parent == *block {
            while kept.first().is_some_and(|k| k.is("br")) {
                kept.remove(0);
            }
            while kept.last().is_some_and(|k| k.is("br")) {
                kept.pop();
            }
        }
        if kept.len() != kids.len() {
            doc.set_children_raw(&parent, kept.clone());
        }
        parents.extend(kept.into_iter().filter(|k| k.is_element() && !k.is("br")));
    }
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
    use super::*;
    use crate::rules::tests::apply;

    fn norm(html: &str) -> String {
        apply(&Paragraphs, html).0
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
