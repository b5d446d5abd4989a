//! The document tree that rules work on.
//!
//! [`Document`] and [`NodeRef`] wrap the html5ever tree so that the crate
//! behind them (today `markup5ever_rcdom`) never shows in the public API and
//! can be swapped later. Every change made through a `Document` is journaled,
//! so the pipeline can roll back a rule that went wrong, and recorded, so the
//! report can say what each rule removed or rewrote.
//!
//! Nothing here recurses per tree level: traversal, text extraction and
//! serialization use explicit stacks, so a document nested 100,000 levels
//! deep cannot overflow the stack.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::{ns, Attribute, LocalName, ParseOpts, QualName};
use markup5ever_rcdom::{Handle, Node, NodeData, RcDom};

/// A handle to one node of a [`Document`]: an element, a text node or a comment.
///
/// Handles are cheap to clone and compare by identity. Reading through a
/// handle never changes the tree; changes go through [`Document`] (or the
/// [`Changes`] given to a [`Document::walk`] callback) so that they are
/// journaled and reported.
#[derive(Clone)]
pub struct NodeRef(pub(crate) Handle);

/// What kind of node a [`NodeRef`] points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// An element such as `<p>`.
    Element,
    /// A run of text.
    Text,
    /// An HTML comment.
    Comment,
    /// The document itself, a doctype or a processing instruction.
    Other,
}

impl PartialEq for NodeRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
impl Eq for NodeRef {}

impl fmt::Debug for NodeRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind() {
            NodeKind::Element => write!(f, "<{}>", self.describe()),
            NodeKind::Text => write!(f, "text({:?})", self.text().unwrap_or_default()),
            NodeKind::Comment => f.write_str("comment"),
            NodeKind::Other => f.write_str("node"),
        }
    }
}

impl NodeRef {
    /// The kind of node.
    pub fn kind(&self) -> NodeKind {
        match self.0.data {
            NodeData::Element { .. } => NodeKind::Element,
            NodeData::Text { .. } => NodeKind::Text,
            NodeData::Comment { .. } => NodeKind::Comment,
            _ => NodeKind::Other,
        }
    }

    /// True for elements.
    pub fn is_element(&self) -> bool {
        matches!(self.0.data, NodeData::Element { .. })
    }

    /// True for text nodes.
    pub fn is_text(&self) -> bool {
        matches!(self.0.data, NodeData::Text { .. })
    }

    /// The element's tag name in lower case (`"p"`, `"o:p"`), or `None` for
    /// text and comments.
    pub fn tag(&self) -> Option<&str> {
        match &self.0.data {
            NodeData::Element { name, .. } => Some(&name.local),
            _ => None,
        }
    }

    /// True if this is an element with the given (lower-case) tag name.
    pub fn is(&self, tag: &str) -> bool {
        self.tag() == Some(tag)
    }

    /// True if this is an element whose tag is one of `tags`.
    pub fn is_any(&self, tags: &[&str]) -> bool {
        self.tag().is_some_and(|t| tags.contains(&t))
    }

    /// The value of an attribute, if the element has it.
    pub fn attr(&self, name: &str) -> Option<String> {
        self.with_attr(name, |v| v.to_string())
    }

    /// Calls `f` with an attribute's value without copying it.
    pub fn with_attr<T>(&self, name: &str, f: impl FnOnce(&str) -> T) -> Option<T> {
        with_attr_of(&self.0, name, f)
    }

    /// True if the element has the attribute.
    pub fn has_attr(&self, name: &str) -> bool {
        self.with_attr(name, |_| ()).is_some()
    }

    /// All attributes as `(name, value)` pairs, in source order.
    pub fn attrs(&self) -> Vec<(String, String)> {
        match &self.0.data {
            NodeData::Element { attrs, .. } => attrs
                .borrow()
                .iter()
                .map(|a| (a.name.local.to_string(), a.value.to_string()))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Calls `f` with each attribute's name and value without copying them.
    pub fn for_each_attr(&self, mut f: impl FnMut(&str, &str)) {
        if let NodeData::Element { attrs, .. } = &self.0.data {
            for a in attrs.borrow().iter() {
                f(&a.name.local, &a.value);
            }
        }
    }

    /// The `id` attribute.
    pub fn id(&self) -> Option<String> {
        self.attr("id")
    }

    /// The whitespace-separated tokens of the `class` attribute.
    pub fn classes(&self) -> Vec<String> {
        self.with_attr("class", |c| {
            c.split_ascii_whitespace().map(str::to_string).collect()
        })
        .unwrap_or_default()
    }

    /// True if the `class` attribute contains `class` as a whole token.
    pub fn has_class(&self, class: &str) -> bool {
        self.with_attr("class", |c| c.split_ascii_whitespace().any(|t| t == class))
            .unwrap_or(false)
    }

    /// The contents of a text node (or a comment), `None` for elements.
    pub fn text(&self) -> Option<String> {
        match &self.0.data {
            NodeData::Text { contents } => Some(contents.borrow().to_string()),
            NodeData::Comment { contents } => Some(contents.to_string()),
            _ => None,
        }
    }

    /// Calls `f` with a text node's contents without copying them.
    pub fn with_text<T>(&self, f: impl FnOnce(&str) -> T) -> Option<T> {
        match &self.0.data {
            NodeData::Text { contents } => Some(f(&contents.borrow())),
            _ => None,
        }
    }

    /// All the text below this node, concatenated in document order.
    pub fn text_content(&self) -> String {
        let mut out = String::new();
        if let NodeData::Text { contents } = &self.0.data {
            out.push_str(&contents.borrow());
        }
        visit_below(&self.0, |node| {
            if let NodeData::Text { contents } = &node.data {
                out.push_str(&contents.borrow());
            }
            true
        });
        out
    }

    /// Number of non-whitespace characters of text below this node: the
    /// measure the report and the pipeline's safety check use.
    ///
    /// Text inside elements that never show as text (`<script>`, `<style>`,
    /// `<template>`, `<textarea>`, ...: see [`NOT_TEXT`]) does not count.
    pub fn text_len(&self) -> usize {
        text_len_of(&self.0)
    }

    /// The parent node, or `None` for a detached node or the document root.
    pub fn parent(&self) -> Option<NodeRef> {
        parent_of(&self.0).map(NodeRef)
    }

    /// The child nodes, in order.
    pub fn children(&self) -> Vec<NodeRef> {
        self.0
            .children
            .borrow()
            .iter()
            .cloned()
            .map(NodeRef)
            .collect()
    }

    /// The element children, in order.
    pub fn element_children(&self) -> Vec<NodeRef> {
        self.0
            .children
            .borrow()
            .iter()
            .filter(|c| matches!(c.data, NodeData::Element { .. }))
            .cloned()
            .map(NodeRef)
            .collect()
    }

    /// Number of child nodes.
    pub fn child_count(&self) -> usize {
        self.0.children.borrow().len()
    }

    /// The first child node.
    pub fn first_child(&self) -> Option<NodeRef> {
        self.0.children.borrow().first().cloned().map(NodeRef)
    }

    /// The last child node.
    pub fn last_child(&self) -> Option<NodeRef> {
        self.0.children.borrow().last().cloned().map(NodeRef)
    }

    /// The sibling before this node.
    pub fn prev_sibling(&self) -> Option<NodeRef> {
        let parent = self.parent()?;
        let kids = parent.0.children.borrow();
        let i = kids.iter().position(|k| Rc::ptr_eq(k, &self.0))?;
        i.checked_sub(1).map(|j| NodeRef(kids[j].clone()))
    }

    /// The sibling after this node.
    pub fn next_sibling(&self) -> Option<NodeRef> {
        let parent = self.parent()?;
        let kids = parent.0.children.borrow();
        let i = kids.iter().position(|k| Rc::ptr_eq(k, &self.0))?;
        kids.get(i + 1).cloned().map(NodeRef)
    }

    /// The ancestors, nearest first.
    pub fn ancestors(&self) -> impl Iterator<Item = NodeRef> {
        std::iter::successors(self.parent(), |n| n.parent())
    }

    /// All nodes below this one in document order (pre-order), not including it.
    pub fn descendants(&self) -> Descendants {
        let stack: Vec<Handle> = self.0.children.borrow().iter().rev().cloned().collect();
        Descendants { stack }
    }

    /// True if an element below this node has one of the tag names `tags`.
    /// Stops at the first one and clones no node: rules ask this of
    /// thousands of elements.
    ///
    /// ```
    /// let doc = article_clean::Document::parse("<p>See <b><a href=x>this</a></b></p><p>No</p>");
    /// let paragraphs: Vec<_> = doc.elements_by_tag("p").collect();
    /// assert!(paragraphs[0].contains_tag(&["a", "img"]));
    /// assert!(!paragraphs[1].contains_tag(&["a", "img"]));
    /// ```
    pub fn contains_tag(&self, tags: &[&str]) -> bool {
        let mut found = false;
        visit_below_until(&self.0, |n| match &n.data {
            NodeData::Element { name, .. } if tags.contains(&&*name.local) => {
                found = true;
                Visit::Stop
            }
            _ => Visit::Descend,
        });
        found
    }

    /// This node followed by all nodes below it, in document order.
    pub fn descendants_and_self(&self) -> Descendants {
        Descendants {
            stack: vec![self.0.clone()],
        }
    }

    /// The element descendants in document order.
    pub fn element_descendants(&self) -> impl Iterator<Item = NodeRef> {
        self.descendants().filter(NodeRef::is_element)
    }

    /// A short description for reports: `tag#id.class1.class2`.
    pub fn describe(&self) -> String {
        let Some(tag) = self.tag() else {
            return match self.kind() {
                NodeKind::Text => "#text".into(),
                NodeKind::Comment => "#comment".into(),
                _ => "#node".into(),
            };
        };
        // Built in place: the report describes every element it names.
        let mut s = String::with_capacity(32);
        s.push_str(tag);
        self.with_attr("id", |id| {
            let id = id.trim();
            if !id.is_empty() {
                s.push('#');
                s.push_str(id);
            }
        });
        self.with_attr("class", |classes| {
            for c in classes.split_ascii_whitespace() {
                s.push('.');
                s.push_str(c);
            }
        });
        s
    }
}

/// Pre-order iterator over a subtree; see [`NodeRef::descendants`].
pub struct Descendants {
    stack: Vec<Handle>,
}

impl Iterator for Descendants {
    type Item = NodeRef;
    fn next(&mut self) -> Option<NodeRef> {
        let node = self.stack.pop()?;
        self.stack
            .extend(node.children.borrow().iter().rev().cloned());
        Some(NodeRef(node))
    }
}

/// Hashes node addresses, which are unique: one multiply instead of SipHash.
#[derive(Default)]
pub(crate) struct PtrHasher(u64);

impl Hasher for PtrHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        // Nodes are 8-aligned: the low bits carry nothing.
        self.0 = (n as u64 >> 3).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A set of nodes, by address.
pub(crate) type PtrSet = HashSet<*const Node, BuildHasherDefault<PtrHasher>>;

/// A map keyed by node address.
pub(crate) type PtrMap<V> = HashMap<*const Node, V, BuildHasherDefault<PtrHasher>>;

/// Characters of removed text the report quotes.
const EXCERPT_CHARS: usize = 80;

/// The start of a removed text, whitespace collapsed, for the report: the
/// first [`EXCERPT_CHARS`] characters and "…" if there are more. Built
/// from the text in pieces (text nodes), reading no further than it needs.
#[derive(Default)]
struct Excerpt {
    out: String,
    chars: usize,
    /// The last character read was part of a word.
    in_word: bool,
    /// More than [`EXCERPT_CHARS`] characters were seen: "…" is written.
    full: bool,
}

impl Excerpt {
    /// Reads the next piece of text; false once the excerpt is complete.
    /// Words run on across pieces, as they do in `text_content`.
    fn read(&mut self, s: &str) -> bool {
        for c in s.chars() {
            if c.is_whitespace() {
                self.in_word = false;
                continue;
            }
            if !self.in_word && !self.out.is_empty() && !self.push(' ') {
                return false;
            }
            self.in_word = true;
            if !self.push(c) {
                return false;
            }
        }
        !self.full
    }

    fn push(&mut self, c: char) -> bool {
        if self.full {
            return false;
        }
        if self.chars == EXCERPT_CHARS {
            self.out.push('…');
            self.full = true;
            return false;
        }
        self.out.push(c);
        self.chars += 1;
        true
    }
}

/// The report's [`Excerpt`] of the text below `node` (and of `node`
/// itself if it is text), script text included.
fn excerpt_of(node: &Handle) -> String {
    let mut excerpt = Excerpt {
        out: String::with_capacity(EXCERPT_CHARS + 4),
        ..Excerpt::default()
    };
    if let NodeData::Text { contents } = &node.data {
        excerpt.read(&contents.borrow());
    }
    if !excerpt.full {
        visit_below_until(node, |n| match &n.data {
            NodeData::Text { contents } if !excerpt.read(&contents.borrow()) => Visit::Stop,
            _ => Visit::Descend,
        });
    }
    excerpt.out
}

/// Elements whose contents are never article text: code, styles, inert
/// templates, form fields, the document head and obsolete raw-text
/// elements. Their text is not counted as article text, not written to the
/// text output, and removed with them from the HTML output.
pub const NOT_TEXT: &[&str] = &[
    "script",
    "style",
    "template",
    "head",
    "textarea",
    "title",
    "xmp",
    "noembed",
    "noframes",
    "plaintext",
    "iframe",
];

/// Counts characters that are not whitespace (Unicode whitespace, which
/// includes `&nbsp;` and the ideographic space U+3000).
pub(crate) fn count_visible_chars(s: &str) -> usize {
    // Counts bytes instead of decoding UTF-8: this is the hottest loop of
    // the pipeline. First pass, branch-free so it vectorises: bytes that
    // start a character and are not ASCII whitespace (U+0009..=U+000D, space).
    let bytes = s.as_bytes();
    let starts: usize = bytes
        .chunks(128)
        .map(|chunk| {
            // At most 128 per chunk: a u8 sum cannot overflow.
            let n: u8 = chunk
                .iter()
                .map(|&b| u8::from((b as i8) >= -0x40 && !matches!(b, b'\t'..=b'\r' | b' ')))
                .fold(0, u8::wrapping_add);
            usize::from(n)
        })
        .sum();
    if s.is_ascii() {
        return starts;
    }
    // Second pass: the few non-ASCII whitespace characters, found by their
    // lead bytes. U+3000 is looked for whole: its lead byte 0xE3 also leads
    // the CJK punctuation and kana that fill Chinese and Japanese text.
    let spaces = memchr::memchr3_iter(0xc2, 0xe1, 0xe2, bytes)
        .filter(|&i| is_unicode_space(&bytes[i..]))
        .count();
    static IDEOGRAPHIC_SPACE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("\u{3000}"));
    let ideographic = IDEOGRAPHIC_SPACE.find_iter(bytes).count();
    starts - spaces - ideographic
}

/// True if `s` starts with the UTF-8 encoding of a non-ASCII character that
/// `char::is_whitespace` accepts.
fn is_unicode_space(s: &[u8]) -> bool {
    matches!(
        s,
        [0xc2, 0x85 | 0xa0, ..]              // U+0085, U+00A0
            | [0xe1, 0x9a, 0x80, ..]         // U+1680
            | [0xe2, 0x80, 0x80..=0x8a, ..]  // U+2000..=U+200A
            | [0xe2, 0x80, 0xa8 | 0xa9 | 0xaf, ..] // U+2028, U+2029, U+202F
            | [0xe2, 0x81, 0x9f, ..]         // U+205F
            | [0xe3, 0x80, 0x80, ..] // U+3000
    )
}

/// Visits every node below `root` (not `root` itself) in document order.
/// `visit` returns whether to go on into the node's children.
///
/// Read-only and allocation-light: only nodes that are descended into are
/// cloned onto the stack, so text nodes and leaf elements cost a borrow.
/// `visit` must not change the tree.
pub(crate) fn visit_below(root: &Handle, mut visit: impl FnMut(&Handle) -> bool) {
    visit_below_until(root, |n| {
        if visit(n) {
            Visit::Descend
        } else {
            Visit::Skip
        }
    });
}

/// What [`visit_below_until`] does after visiting a node.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Visit {
    /// Go on into the node's children.
    Descend,
    /// Go on with the node's next sibling.
    Skip,
    /// The question is answered: visit nothing more.
    Stop,
}

/// [`visit_below`] that can also stop the whole visit, so a "more than N
/// characters?" question about the `<div>` holding the whole article
/// costs N characters, not the article.
pub(crate) fn visit_below_until(root: &Handle, visit: impl FnMut(&Handle) -> Visit) {
    thread_local! {
        // Rules ask small questions of thousands of elements; a stack kept
        // per thread saves an allocation per question. A visit started from
        // inside another one finds it taken and uses a fresh one.
        static STACK: Cell<Vec<(Handle, usize)>> = const { Cell::new(Vec::new()) };
    }
    let mut stack = STACK.take();
    visit_below_with(root, visit, &mut stack);
    stack.clear();
    STACK.set(stack);
}

fn visit_below_with(
    root: &Handle,
    mut visit: impl FnMut(&Handle) -> Visit,
    stack: &mut Vec<(Handle, usize)>,
) {
    stack.push((root.clone(), 0));
    while let Some((node, next)) = stack.last_mut() {
        let kids = node.children.borrow();
        let Some(child) = kids.get(*next) else {
            drop(kids);
            stack.pop();
            continue;
        };
        *next += 1;
        let descend = match visit(child) {
            Visit::Stop => return,
            Visit::Skip => false,
            Visit::Descend => !child.children.borrow().is_empty(),
        };
        let child = descend.then(|| child.clone());
        drop(kids);
        if let Some(child) = child {
            stack.push((child, 0));
        }
    }
}

/// True if `s` holds a character that is not whitespace. Bytes are checked
/// first: only text with non-ASCII characters is decoded, from the first one.
pub(crate) fn has_visible_char(s: &str) -> bool {
    match s.bytes().position(|b| !matches!(b, b'\t'..=b'\r' | b' ')) {
        None => false,
        Some(i) if s.as_bytes()[i].is_ascii() => true,
        Some(i) => s[i..].chars().any(|c| !c.is_whitespace()),
    }
}

/// True if `node` or a text node below it holds a non-whitespace character:
/// `text_len() > 0`, stopping at the first one.
pub(crate) fn has_visible_text(node: &Handle) -> bool {
    let visible = |n: &Handle| match &n.data {
        NodeData::Text { contents } => has_visible_char(&contents.borrow()),
        _ => false,
    };
    if visible(node) {
        return true;
    }
    let mut found = false;
    visit_below_until(node, |child| {
        found = visible(child);
        if found {
            Visit::Stop
        } else {
            Visit::Descend
        }
    });
    found
}

/// [`NodeRef::text_len`] on a raw handle.
/// [`text_len_of`], but stops counting once past `cap` (returning a value
/// above it): for "is this block short?" checks on large subtrees.
pub(crate) fn text_len_capped(node: &Handle, cap: usize) -> usize {
    let mut n = 0;
    visit_below_until(node, |child| match &child.data {
        NodeData::Text { contents } => {
            n += count_visible_chars_capped(&contents.borrow(), cap - n);
            if n > cap {
                Visit::Stop
            } else {
                Visit::Descend
            }
        }
        NodeData::Element { name, .. } if NOT_TEXT.contains(&&*name.local) => Visit::Skip,
        _ => Visit::Descend,
    });
    n
}

/// [`count_visible_chars`], but stops once past `cap` (returning a value
/// above it): a long paragraph is not counted to the end to learn that it
/// is longer than a label.
fn count_visible_chars_capped(s: &str, cap: usize) -> usize {
    // Chunks end on character boundaries, so each is counted exactly.
    let mut n = 0;
    let mut rest = s;
    while !rest.is_empty() && n <= cap {
        let mut end = rest.len().min(256);
        while !rest.is_char_boundary(end) {
            end += 1;
        }
        let (chunk, tail) = rest.split_at(end);
        n += count_visible_chars(chunk);
        rest = tail;
    }
    n
}

pub(crate) fn text_len_of(node: &Handle) -> usize {
    if let NodeData::Text { contents } = &node.data {
        return count_visible_chars(&contents.borrow());
    }
    let mut n = 0;
    visit_below(node, |child| match &child.data {
        NodeData::Text { contents } => {
            n += count_visible_chars(&contents.borrow());
            true
        }
        // Script and style text is never article text.
        NodeData::Element { name, .. } => !NOT_TEXT.contains(&&*name.local),
        _ => true,
    });
    n
}

/// Calls `f` with the value of attribute `name` of an element node.
pub(crate) fn with_attr_of<T>(node: &Node, name: &str, f: impl FnOnce(&str) -> T) -> Option<T> {
    match &node.data {
        NodeData::Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .find(|a| a.name.ns == ns!() && &*a.name.local == name)
            .map(|a| f(&a.value)),
        _ => None,
    }
}

fn parent_of(node: &Handle) -> Option<Handle> {
    let weak = node.parent.take();
    let parent = weak.as_ref().and_then(|w| w.upgrade());
    node.parent.set(weak);
    parent
}

fn set_parent(child: &Handle, parent: &Handle) {
    child.parent.set(Some(Rc::downgrade(parent)));
}

/// The next element child of `parent` from index `*i` on, moving `*i` past it.
fn element_at(parent: &Handle, i: &mut usize) -> Option<Handle> {
    let kids = parent.children.borrow();
    while let Some(c) = kids.get(*i) {
        *i += 1;
        if matches!(c.data, NodeData::Element { .. }) {
            return Some(c.clone());
        }
    }
    None
}

/// Queues an element for [`Document::walk`] to decide its children: one
/// with no children has nothing to decide.
fn push_to_visit(stack: &mut Vec<Handle>, element: Handle) {
    if !element.children.borrow().is_empty() {
        stack.push(element);
    }
}

/// Makes `parent` the parent of `child`, touching nothing if it already is.
fn adopt(child: &Handle, parent: &Handle) {
    let weak = child.parent.take();
    if weak
        .as_ref()
        .is_some_and(|w| std::ptr::eq(w.as_ptr(), Rc::as_ptr(parent)))
    {
        child.parent.set(weak);
    } else {
        drop(weak);
        set_parent(child, parent);
    }
}

/// The index of `child` among `parent`'s children.
fn index_in(parent: &Handle, child: &Handle) -> Option<usize> {
    parent
        .children
        .borrow()
        .iter()
        .position(|c| Rc::ptr_eq(c, child))
}

/// Removes the children of `parent` that are in `doomed`, in one pass, and
/// returns them with their indices in the list before. Their parent
/// pointers are cleared.
fn remove_children_in(parent: &Handle, doomed: &PtrSet) -> Vec<(usize, Handle)> {
    let mut removed = Vec::new();
    let mut index = 0;
    parent.children.borrow_mut().retain(|c| {
        let gone = doomed.contains(&Rc::as_ptr(c));
        if gone {
            c.parent.set(None);
            removed.push((index, c.clone()));
        }
        index += 1;
        !gone
    });
    removed
}

/// What a [`Document::walk`] callback decides for one element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Keep the element and visit its children.
    Keep,
    /// Keep the element but do not visit its children.
    Skip,
    /// Remove the element with everything inside it.
    Remove,
    /// Replace the element by its children, which are then visited.
    Unwrap,
    /// Give the element a new tag name (keeping attributes and children),
    /// then visit its children.
    Rename(String),
}

/// One change a rule made, as recorded for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Edit {
    pub action: crate::report::Action,
    pub element: String,
    pub text_len: usize,
    pub excerpt: String,
}

/// One step of the journal, undone by [`Changes::undo_all`] in reverse
/// order, each on the tree exactly as the change left it.
///
/// Steps hold what the change took away, not copies of what it kept: a
/// removal holds the removed node and its index, so committing a rule frees
/// only what it removed, and journaling a removal from a parent of a
/// thousand children touches one of them.
enum Undo {
    /// `parent`'s whole child list was replaced; `old` is the list before.
    Children {
        parent: Handle,
        old: Vec<Handle>,
    },
    /// `node` was at `index` of `parent`'s children and was removed.
    Removed {
        parent: Handle,
        index: usize,
        node: Handle,
    },
    /// Children removed from `parent` in one pass, each with its index in
    /// the list before, in increasing order.
    RemovedRun {
        parent: Handle,
        removed: Vec<(usize, Handle)>,
    },
    /// `node`, at `index` of `parent`'s children, was replaced by its
    /// `count` children.
    Unwrapped {
        parent: Handle,
        index: usize,
        node: Handle,
        count: usize,
    },
    /// `from`'s children were moved, in order, to the new element `to`.
    ChildrenMoved {
        from: Handle,
        to: Handle,
    },
    /// The child at `index` of `parent` was `old` and was replaced (by a
    /// renamed copy).
    Replaced {
        parent: Handle,
        index: usize,
        old: Handle,
    },
    Parent {
        node: Handle,
        old: Option<Handle>,
    },
    /// The value of the attribute at `index` was `old`.
    AttrValue {
        node: Handle,
        index: usize,
        old: StrTendril,
    },
    /// An attribute was added at the end of the list.
    AttrAdded {
        node: Handle,
    },
    /// Attributes removed, each with its index in the list before, in
    /// increasing order.
    AttrsRemoved {
        node: Handle,
        removed: Vec<(usize, Attribute)>,
    },
    Text {
        node: Handle,
        old: StrTendril,
    },
}

impl Undo {
    /// True if undoing this step can change the text or structure of the
    /// tree (attributes do not count: they are not text).
    fn touches_tree(&self) -> bool {
        !matches!(
            self,
            Undo::AttrValue { .. } | Undo::AttrAdded { .. } | Undo::AttrsRemoved { .. }
        )
    }

    /// Undoes this step on the tree as the change left it.
    fn undo(self) {
        match self {
            Undo::Children { parent, old } => {
                for child in &old {
                    set_parent(child, &parent);
                }
                *parent.children.borrow_mut() = old;
            }
            Undo::Removed {
                parent,
                index,
                node,
            } => {
                set_parent(&node, &parent);
                let mut kids = parent.children.borrow_mut();
                let index = index.min(kids.len());
                kids.insert(index, node);
            }
            Undo::RemovedRun { parent, removed } => {
                let mut kids = parent.children.borrow_mut();
                let now = std::mem::take(&mut *kids);
                *kids = merge_back(now, removed, |node| set_parent(node, &parent));
            }
            Undo::Unwrapped {
                parent,
                index,
                node,
                count,
            } => {
                let mut kids = parent.children.borrow_mut();
                let start = index.min(kids.len());
                let end = (start + count).min(kids.len());
                let inner: Vec<Handle> = kids
                    .splice(start..end, std::iter::once(node.clone()))
                    .collect();
                drop(kids);
                for k in &inner {
                    set_parent(k, &node);
                }
                *node.children.borrow_mut() = inner;
                set_parent(&node, &parent);
            }
            Undo::ChildrenMoved { from, to } => {
                let kids = std::mem::take(&mut *to.children.borrow_mut());
                for k in &kids {
                    set_parent(k, &from);
                }
                *from.children.borrow_mut() = kids;
            }
            Undo::Replaced { parent, index, old } => {
                if let Some(slot) = parent.children.borrow_mut().get_mut(index) {
                    slot.parent.set(None);
                    *slot = old.clone();
                }
                set_parent(&old, &parent);
            }
            Undo::Parent { node, old } => match old {
                Some(p) => set_parent(&node, &p),
                None => node.parent.set(None),
            },
            Undo::AttrValue { node, index, old } => {
                if let NodeData::Element { attrs, .. } = &node.data {
                    if let Some(a) = attrs.borrow_mut().get_mut(index) {
                        a.value = old;
                    }
                }
            }
            Undo::AttrAdded { node } => {
                if let NodeData::Element { attrs, .. } = &node.data {
                    attrs.borrow_mut().pop();
                }
            }
            Undo::AttrsRemoved { node, removed } => {
                if let NodeData::Element { attrs, .. } = &node.data {
                    let mut attrs = attrs.borrow_mut();
                    let now = std::mem::take(&mut *attrs);
                    *attrs = merge_back(now, removed, |_| ());
                }
            }
            Undo::Text { node, old } => {
                if let NodeData::Text { contents } = &node.data {
                    *contents.borrow_mut() = old;
                }
            }
        }
    }
}

/// Puts `removed` items back among the `kept` ones: each `(index, item)`
/// goes to `index` of the result, the kept items fill the other places in
/// order. `restored` is called on each item put back. Linear, however many
/// were removed.
fn merge_back<T>(kept: Vec<T>, removed: Vec<(usize, T)>, mut restored: impl FnMut(&T)) -> Vec<T> {
    let mut out = Vec::with_capacity(kept.len() + removed.len());
    let mut kept = kept.into_iter();
    for (index, item) in removed {
        while out.len() < index {
            match kept.next() {
                Some(k) => out.push(k),
                None => break,
            }
        }
        restored(&item);
        out.push(item);
    }
    out.extend(kept);
    out
}

/// The journal and the edit record of a document: everything that changes
/// the tree goes through here.
///
/// A [`Document::walk`] callback gets `&mut Changes` so it can rewrite
/// attributes and text of the node it is looking at while the walk holds the
/// tree.
#[derive(Default)]
pub struct Changes {
    journal: Vec<Undo>,
    edits: Vec<Edit>,
    /// Bumped whenever the tree's structure or text may have changed, so
    /// measures of the tree can be cached (see [`Document::paragraph_text_len`]).
    tree_version: u64,
}

impl Changes {
    /// Journals an undo step; every change to the tree goes through here.
    fn push_undo(&mut self, undo: Undo) {
        if undo.touches_tree() {
            self.tree_version += 1;
        }
        self.journal.push(undo);
    }

    fn record(&mut self, action: crate::report::Action, node: &NodeRef, text_len: usize) {
        let excerpt = if text_len > 0 {
            excerpt_of(&node.0)
        } else {
            String::new()
        };
        self.edits.push(Edit {
            action,
            element: node.describe(),
            text_len,
            excerpt,
        });
    }

    fn save_children(&mut self, parent: &Handle) {
        let old = parent.children.borrow().clone();
        self.push_undo(Undo::Children {
            parent: parent.clone(),
            old,
        });
    }

    /// Sets an attribute (adding it if missing). Does nothing on non-elements.
    pub fn set_attr(&mut self, node: &NodeRef, name: &str, value: &str) {
        let NodeData::Element { attrs, .. } = &node.0.data else {
            return;
        };
        if node.with_attr(name, |v| v == value) == Some(true) {
            return;
        }
        let mut attrs = attrs.borrow_mut();
        let undo = match attrs
            .iter_mut()
            .enumerate()
            .find(|(_, a)| a.name.ns == ns!() && &*a.name.local == name)
        {
            Some((index, a)) => Undo::AttrValue {
                node: node.0.clone(),
                index,
                old: std::mem::replace(&mut a.value, StrTendril::from(value)),
            },
            None => {
                attrs.push(Attribute {
                    name: QualName::new(None, ns!(), LocalName::from(name)),
                    value: StrTendril::from(value),
                });
                Undo::AttrAdded {
                    node: node.0.clone(),
                }
            }
        };
        drop(attrs);
        self.push_undo(undo);
        self.record(
            crate::report::Action::Rewrote {
                attr: name.to_string(),
            },
            node,
            0,
        );
    }

    /// Removes an attribute if present.
    pub fn remove_attr(&mut self, node: &NodeRef, name: &str) {
        self.retain_attrs(node, |n, _| n != name);
    }

    /// Keeps only the attributes for which `keep(name, value)` is true.
    pub fn retain_attrs(&mut self, node: &NodeRef, mut keep: impl FnMut(&str, &str) -> bool) {
        let NodeData::Element { attrs, .. } = &node.0.data else {
            return;
        };
        let dropped: Vec<String> = attrs
            .borrow()
            .iter()
            .filter(|a| !keep(&a.name.local, &a.value))
            .map(|a| a.name.local.to_string())
            .collect();
        if dropped.is_empty() {
            return;
        }
        // Every attribute with a dropped name goes, as `retain` by name would.
        let mut attrs = attrs.borrow_mut();
        let mut removed = Vec::new();
        let mut kept = Vec::with_capacity(attrs.len());
        for (index, a) in std::mem::take(&mut *attrs).into_iter().enumerate() {
            if dropped.iter().any(|d| **d == *a.name.local) {
                removed.push((index, a));
            } else {
                kept.push(a);
            }
        }
        *attrs = kept;
        drop(attrs);
        self.push_undo(Undo::AttrsRemoved {
            node: node.0.clone(),
            removed,
        });
        for attr in dropped {
            self.record(crate::report::Action::DroppedAttr { attr }, node, 0);
        }
    }

    /// Replaces the contents of a text node. Does nothing on other nodes or
    /// when the text is unchanged. Not reported: text normalisation is
    /// routine, and the report is for removals and rewrites.
    pub fn set_text(&mut self, node: &NodeRef, text: &str) {
        let NodeData::Text { contents } = &node.0.data else {
            return;
        };
        if **contents.borrow() == *text {
            return;
        }
        let old = contents.replace(StrTendril::from(text));
        self.push_undo(Undo::Text {
            node: node.0.clone(),
            old,
        });
    }

    /// Adds a free-form note to the report, attributed to the running rule.
    pub fn note(&mut self, node: &NodeRef, message: impl Into<String>) {
        self.record(
            crate::report::Action::Note {
                message: message.into(),
            },
            node,
            0,
        );
    }

    fn undo_all(&mut self) {
        self.tree_version += 1;
        while let Some(undo) = self.journal.pop() {
            undo.undo();
        }
    }
}

/// A parsed HTML document (or fragment) being cleaned.
///
/// Rules see the `<body>` of the parsed input: a fragment is parsed the way
/// a browser would parse it as a whole page, so bare text, a lone `<div>` or
/// a complete `<html>` document all work.
///
/// ```
/// use article_clean::{Document, Verdict};
///
/// let mut doc = Document::parse("<div><p>Hello</p><div class=\"ad\">Buy!</div></div>");
/// doc.walk(|_, el| if el.has_class("ad") { Verdict::Remove } else { Verdict::Keep });
/// assert_eq!(doc.body().text_content(), "Hello");
/// ```
pub struct Document {
    _root: Handle,
    body: NodeRef,
    changes: Changes,
    /// `(tree version, paragraph_text_len)` when last measured.
    paragraph_len: Cell<Option<(u64, usize)>>,
    /// `(tree version, measurement)` of [`Document::measured`].
    measurement: RefCell<Option<(u64, Rc<dyn Any>)>>,
}

impl fmt::Debug for Document {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Document")
            .field("body", &self.body)
            .finish_non_exhaustive()
    }
}

impl Document {
    /// Parses HTML the way a browser does: never fails, whatever the input.
    pub fn parse(html: &str) -> Document {
        let opts = ParseOpts {
            tree_builder: TreeBuilderOpts {
                // Parse <noscript> contents as markup, so the real <img> a
                // lazy-loading page hides there can be recovered.
                scripting_enabled: false,
                ..Default::default()
            },
            ..Default::default()
        };
        let dom = html5ever::parse_document(RcDom::default(), opts).one(html);
        let root = dom.document.clone();
        let body = find_body(&root).unwrap_or_else(|| {
            // parse_document always creates <body>; this is a fallback for
            // a future tree builder that does not.
            let body = new_element_handle("body");
            root.children.borrow_mut().push(body.clone());
            set_parent(&body, &root);
            body
        });
        Document {
            _root: root,
            body: NodeRef(body),
            changes: Changes::default(),
            paragraph_len: Cell::new(None),
            measurement: RefCell::new(None),
        }
    }

    /// The `<body>` element: the article content.
    pub fn body(&self) -> NodeRef {
        self.body.clone()
    }

    /// All elements in the body, in document order.
    pub fn elements(&self) -> impl Iterator<Item = NodeRef> {
        self.body.element_descendants()
    }

    /// Elements with the given tag name, in document order.
    pub fn elements_by_tag<'a>(&self, tag: &'a str) -> impl Iterator<Item = NodeRef> + 'a {
        self.body.element_descendants().filter(move |e| e.is(tag))
    }

    /// Elements that have attribute `name`, with a value for which `matches` is true.
    pub fn elements_with_attr<'a>(
        &self,
        name: &'a str,
        mut matches: impl FnMut(&str) -> bool + 'a,
    ) -> impl Iterator<Item = NodeRef> + 'a {
        self.body
            .element_descendants()
            .filter(move |e| e.with_attr(name, &mut matches).unwrap_or(false))
    }

    /// Number of non-whitespace text characters inside `<p>` elements (and
    /// headings, list items, table cells, captions and block quotes outside
    /// them), not counting comment sections: the measure the pipeline uses
    /// to notice a rule that would empty the article. (A reader comment
    /// thread longer than the story is common on scraped pages; removing it
    /// does not empty the article.)
    ///
    /// Cached until the tree next changes: the pipeline asks after every rule.
    pub fn paragraph_text_len(&self) -> usize {
        let version = self.changes.tree_version;
        if let Some((v, len)) = self.paragraph_len.get() {
            if v == version {
                return len;
            }
        }
        let len = article_paragraph_len_of(&self.body.0);
        self.paragraph_len.set(Some((version, len)));
        len
    }

    /// A measurement of the tree that several rules ask for (see
    /// `rules::facts`), taken by `measure` and kept until the tree next
    /// changes; one kind at a time, the last asked for.
    pub(crate) fn measured<T: 'static>(&self, measure: impl FnOnce(&Document) -> T) -> Rc<T> {
        let version = self.changes.tree_version;
        if let Some((v, kept)) = &*self.measurement.borrow() {
            if *v == version {
                if let Ok(kept) = Rc::clone(kept).downcast::<T>() {
                    return kept;
                }
            }
        }
        let fresh = Rc::new(measure(self));
        *self.measurement.borrow_mut() = Some((version, fresh.clone()));
        fresh
    }

    /// Walks the body in one pass and applies `decide`'s verdict to each
    /// element: the fast way to remove, unwrap or rename many elements.
    ///
    /// Each element is seen with its subtree intact. All children of a node
    /// are decided before any of them is descended into; children of an
    /// unwrapped element are decided in its place. Cost is linear in the size
    /// of the tree, however many elements are removed.
    pub fn walk(&mut self, mut decide: impl FnMut(&mut Changes, &NodeRef) -> Verdict) {
        // One stack for the whole walk: the elements to descend into are
        // pushed as their parent's children are decided, then reversed in
        // place so the first child is visited first. Nothing else is
        // allocated for a parent that keeps all its children.
        let mut stack = vec![self.body.0.clone()];
        while let Some(parent) = stack.pop() {
            let base = stack.len();
            let mut first_change = None;
            let mut i = 0;
            // Fast path: decide the children in place until one changes.
            // (A callback cannot change the structure of the tree: `Changes`
            // only rewrites attributes and text.)
            while let Some(child) = element_at(&parent, &mut i) {
                let node = NodeRef(child);
                match decide(&mut self.changes, &node) {
                    Verdict::Keep => push_to_visit(&mut stack, node.0),
                    Verdict::Skip => {}
                    Verdict::Rename(tag) if node.is(&tag) => push_to_visit(&mut stack, node.0),
                    verdict => {
                        first_change = Some((i - 1, node, verdict));
                        break;
                    }
                }
            }
            if let Some((index, node, verdict)) = first_change {
                self.rebuild_children(&parent, index, node, verdict, &mut decide, &mut stack);
            }
            stack[base..].reverse();
        }
    }

    /// The slow path of [`walk`](Self::walk): the child at `index` got a
    /// changing `verdict`; applies it, decides the children after it, and
    /// replaces the parent's child list (journaled) once all are decided.
    /// Elements to descend into are pushed on `descend`.
    fn rebuild_children(
        &mut self,
        parent: &Handle,
        index: usize,
        first: NodeRef,
        first_verdict: Verdict,
        decide: &mut impl FnMut(&mut Changes, &NodeRef) -> Verdict,
        descend: &mut Vec<Handle>,
    ) {
        let mut pending: Vec<Handle> = Vec::new(); // children of unwrapped elements, reversed
                                                   // The list stays in place while the rest is decided (callbacks may
                                                   // look at siblings); it is swapped for the new one at the end, and
                                                   // the journal keeps it as it was, not a copy.
        let mut new: Vec<Handle> = {
            let old = parent.children.borrow();
            let mut new = Vec::with_capacity(old.len());
            new.extend_from_slice(&old[..index]);
            new
        };
        let mut next_old = index + 1;
        let mut next = Some((first, first_verdict));
        loop {
            let (node, verdict) = match next.take() {
                Some(decided) => decided,
                None => {
                    let child = match pending.pop() {
                        Some(c) => c,
                        None => {
                            let Some(c) = parent.children.borrow().get(next_old).cloned() else {
                                break;
                            };
                            next_old += 1;
                            c
                        }
                    };
                    if !matches!(child.data, NodeData::Element { .. }) {
                        new.push(child);
                        continue;
                    }
                    let node = NodeRef(child);
                    let verdict = decide(&mut self.changes, &node);
                    (node, verdict)
                }
            };
            match verdict {
                Verdict::Keep => {
                    push_to_visit(descend, node.0.clone());
                    new.push(node.0);
                }
                Verdict::Skip => new.push(node.0),
                Verdict::Remove => {
                    let len = node.text_len();
                    self.changes
                        .record(crate::report::Action::Removed, &node, len);
                }
                Verdict::Unwrap => {
                    self.changes
                        .record(crate::report::Action::Unwrapped, &node, 0);
                    self.changes.save_children(&node.0);
                    let kids = std::mem::take(&mut *node.0.children.borrow_mut());
                    pending.extend(kids.into_iter().rev());
                }
                Verdict::Rename(tag) => {
                    if node.is(&tag) {
                        push_to_visit(descend, node.0.clone());
                        new.push(node.0);
                        continue;
                    }
                    self.changes.record(
                        crate::report::Action::Renamed { to: tag.clone() },
                        &node,
                        0,
                    );
                    let renamed = self.changes.renamed_copy(&node.0, &tag);
                    push_to_visit(descend, renamed.clone());
                    new.push(renamed);
                }
            }
        }
        for c in &new {
            adopt(c, parent);
        }
        let old = std::mem::replace(&mut *parent.children.borrow_mut(), new);
        self.changes.push_undo(Undo::Children {
            parent: parent.clone(),
            old,
        });
    }

    /// Removes a node with everything inside it. Does nothing on a detached node.
    pub fn remove(&mut self, node: &NodeRef) {
        let Some(parent) = parent_of(&node.0) else {
            return;
        };
        let Some(index) = index_in(&parent, &node.0) else {
            return;
        };
        if node.is_element() {
            let len = node.text_len();
            self.changes
                .record(crate::report::Action::Removed, node, len);
        }
        let removed = parent.children.borrow_mut().remove(index);
        removed.parent.set(None);
        self.changes.push_undo(Undo::Removed {
            parent,
            index,
            node: removed,
        });
    }

    /// Removes each of `nodes` with everything inside it, as [`remove`](Self::remove)
    /// does one by one, but rebuilds each parent's child list once: removing
    /// most of 100,000 siblings stays linear. Detached nodes are skipped.
    pub fn remove_all(&mut self, nodes: &[NodeRef]) {
        // One set of all the doomed nodes answers "is this child doomed?"
        // for every parent; a parent losing one child (the usual case)
        // needs no pass over its list with it.
        let mut doomed = PtrSet::default();
        let mut group_of: PtrMap<usize> = PtrMap::default();
        let mut groups: Vec<(Handle, Handle, usize)> = Vec::new(); // parent, first doomed, count
        for node in nodes {
            let Some(parent) = parent_of(&node.0) else {
                continue;
            };
            if !doomed.insert(Rc::as_ptr(&node.0)) {
                continue; // listed twice
            }
            match group_of.entry(Rc::as_ptr(&parent)) {
                std::collections::hash_map::Entry::Occupied(e) => groups[*e.get()].2 += 1,
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(groups.len());
                    groups.push((parent, node.0.clone(), 1));
                }
            }
            if node.is_element() {
                let len = node.text_len();
                self.changes
                    .record(crate::report::Action::Removed, node, len);
            }
        }
        for (parent, first, count) in groups {
            if count == 1 {
                if let Some(index) = index_in(&parent, &first) {
                    let node = parent.children.borrow_mut().remove(index);
                    node.parent.set(None);
                    self.changes.push_undo(Undo::Removed {
                        parent,
                        index,
                        node,
                    });
                }
                continue;
            }
            let removed = remove_children_in(&parent, &doomed);
            if !removed.is_empty() {
                self.changes.push_undo(Undo::RemovedRun { parent, removed });
            }
        }
    }

    /// Replaces an element by its children.
    pub fn unwrap(&mut self, node: &NodeRef) {
        let Some(parent) = parent_of(&node.0) else {
            return;
        };
        let Some(index) = index_in(&parent, &node.0) else {
            return;
        };
        if node.is_element() {
            self.changes
                .record(crate::report::Action::Unwrapped, node, 0);
        }
        let kids = std::mem::take(&mut *node.0.children.borrow_mut());
        for k in &kids {
            set_parent(k, &parent);
        }
        let count = kids.len();
        parent.children.borrow_mut().splice(index..=index, kids);
        node.0.parent.set(None);
        self.changes.push_undo(Undo::Unwrapped {
            parent,
            index,
            node: node.0.clone(),
            count,
        });
    }

    /// Gives an element a new tag name, keeping its attributes and children.
    /// Returns the handle of the renamed element (the old handle is detached).
    pub fn rename(&mut self, node: &NodeRef, tag: &str) -> NodeRef {
        if !node.is_element() || node.is(tag) {
            return node.clone();
        }
        self.changes.record(
            crate::report::Action::Renamed {
                to: tag.to_string(),
            },
            node,
            0,
        );
        let renamed = self.changes.renamed_copy(&node.0, tag);
        if let Some(parent) = parent_of(&node.0) {
            if let Some(index) = index_in(&parent, &node.0) {
                set_parent(&renamed, &parent);
                let old =
                    std::mem::replace(&mut parent.children.borrow_mut()[index], renamed.clone());
                old.parent.set(None);
                self.changes
                    .push_undo(Undo::Replaced { parent, index, old });
            }
        }
        NodeRef(renamed)
    }

    /// Replaces all children of `parent` by `children` (which may include
    /// new nodes and nodes moved from elsewhere in the tree). Nodes that
    /// were children before and are not in the new list are dropped
    /// silently: report removals with [`Document::remove`] or [`Document::walk`].
    pub fn replace_children(&mut self, parent: &NodeRef, children: Vec<NodeRef>) {
        // Detach moved nodes from their old parents, one pass per old parent,
        // so moving many siblings stays linear.
        let mut moved_from: PtrMap<(Handle, PtrSet)> = PtrMap::default();
        for child in &children {
            if let Some(old_parent) = parent_of(&child.0) {
                if Rc::ptr_eq(&old_parent, &parent.0) {
                    continue;
                }
                moved_from
                    .entry(Rc::as_ptr(&old_parent))
                    .or_insert_with(|| (old_parent, PtrSet::default()))
                    .1
                    .insert(Rc::as_ptr(&child.0));
            }
        }
        for (old_parent, set) in moved_from.into_values() {
            // Their parent pointers are set (and journaled) below.
            let removed = remove_children_in(&old_parent, &set);
            if !removed.is_empty() {
                self.changes.push_undo(Undo::RemovedRun {
                    parent: old_parent,
                    removed,
                });
            }
        }
        self.set_children_raw(parent, children);
    }

    /// Empties `node`'s child list (journaled) and returns what it held: the
    /// way to move children out of an element that is being discarded.
    /// (A discarded element must not keep live nodes in its child list:
    /// dropping it would empty them.)
    pub(crate) fn take_children(&mut self, node: &NodeRef) -> Vec<NodeRef> {
        if node.child_count() == 0 {
            return Vec::new();
        }
        self.changes.save_children(&node.0);
        let kids = std::mem::take(&mut *node.0.children.borrow_mut());
        kids.into_iter().map(NodeRef).collect()
    }

    /// Sets `parent`'s children without detaching them from their previous
    /// parents: linear, and journaled. Only for callers that have emptied
    /// those previous parents with [`Document::take_children`] or replace
    /// their child lists too (the paragraph normaliser rebuilding a container).
    pub(crate) fn set_children_raw(&mut self, parent: &NodeRef, children: Vec<NodeRef>) {
        // The old list is replaced whole, so the journal takes it as it is
        // rather than a copy: no reference count of every child touched.
        let old = std::mem::take(&mut *parent.0.children.borrow_mut());
        self.changes.push_undo(Undo::Children {
            parent: parent.0.clone(),
            old,
        });
        let new: Vec<Handle> = children.into_iter().map(|c| c.0).collect();
        for c in &new {
            let old = parent_of(c);
            if !old.as_ref().is_some_and(|o| Rc::ptr_eq(o, &parent.0)) {
                self.changes.push_undo(Undo::Parent {
                    node: c.clone(),
                    old,
                });
                set_parent(c, &parent.0);
            }
        }
        *parent.0.children.borrow_mut() = new;
    }

    /// Appends `child` as the last child of `parent`, moving it if it is
    /// attached elsewhere.
    pub fn append(&mut self, parent: &NodeRef, child: &NodeRef) {
        let mut kids = parent.children();
        kids.retain(|k| k != child);
        kids.push(child.clone());
        self.replace_children(parent, kids);
    }

    /// Inserts `new` just before `reference`, moving it if it is attached elsewhere.
    pub fn insert_before(&mut self, reference: &NodeRef, new: &NodeRef) {
        let Some(parent) = reference.parent() else {
            return;
        };
        let mut kids = parent.children();
        kids.retain(|k| k != new);
        let i = kids
            .iter()
            .position(|k| k == reference)
            .unwrap_or(kids.len());
        kids.insert(i, new.clone());
        self.replace_children(&parent, kids);
    }

    /// Replaces `old` by `new` in the tree. The removal of `old` is reported.
    pub fn replace(&mut self, old: &NodeRef, new: &NodeRef) {
        self.insert_before(old, new);
        self.remove(old);
    }

    /// Creates a detached element with no attributes.
    pub fn new_element(&self, tag: &str) -> NodeRef {
        NodeRef(new_element_handle(tag))
    }

    /// Creates a detached text node.
    pub fn new_text(&self, text: &str) -> NodeRef {
        NodeRef(Node::new(NodeData::Text {
            contents: RefCell::new(StrTendril::from(text)),
        }))
    }

    /// Sets an attribute; see [`Changes::set_attr`].
    pub fn set_attr(&mut self, node: &NodeRef, name: &str, value: &str) {
        self.changes.set_attr(node, name, value);
    }

    /// Removes an attribute; see [`Changes::remove_attr`].
    pub fn remove_attr(&mut self, node: &NodeRef, name: &str) {
        self.changes.remove_attr(node, name);
    }

    /// Replaces a text node's contents; see [`Changes::set_text`].
    pub fn set_text(&mut self, node: &NodeRef, text: &str) {
        self.changes.set_text(node, text);
    }

    /// Adds a note to the report; see [`Changes::note`].
    pub fn note(&mut self, node: &NodeRef, message: impl Into<String>) {
        self.changes.note(node, message);
    }

    /// Direct access to the change recorder.
    pub fn changes(&mut self) -> &mut Changes {
        &mut self.changes
    }

    /// Characters of text removed since the last commit, as recorded.
    pub(crate) fn pending_removed_text(&self) -> usize {
        self.changes
            .edits
            .iter()
            .filter(|e| e.action == crate::report::Action::Removed)
            .map(|e| e.text_len)
            .sum()
    }

    /// Makes the changes so far permanent and returns what was recorded.
    pub(crate) fn commit(&mut self) -> Vec<Edit> {
        self.changes.journal.clear();
        std::mem::take(&mut self.changes.edits)
    }

    /// Undoes every change since the last commit.
    pub(crate) fn roll_back(&mut self) -> Vec<Edit> {
        self.changes.undo_all();
        std::mem::take(&mut self.changes.edits)
    }
}

impl Changes {
    /// Builds a renamed copy of an element and moves its children into it.
    fn renamed_copy(&mut self, node: &Handle, tag: &str) -> Handle {
        let attrs = match &node.data {
            NodeData::Element { attrs, .. } => attrs.borrow().clone(),
            _ => Vec::new(),
        };
        let renamed = Node::new(NodeData::Element {
            name: QualName::new(None, ns!(html), LocalName::from(tag)),
            attrs: RefCell::new(attrs),
            template_contents: RefCell::new(None),
            mathml_annotation_xml_integration_point: false,
        });
        let kids = std::mem::take(&mut *node.children.borrow_mut());
        for k in &kids {
            set_parent(k, &renamed);
        }
        *renamed.children.borrow_mut() = kids;
        self.push_undo(Undo::ChildrenMoved {
            from: node.clone(),
            to: renamed.clone(),
        });
        renamed
    }
}

fn new_element_handle(tag: &str) -> Handle {
    Node::new(NodeData::Element {
        name: QualName::new(None, ns!(html), LocalName::from(tag)),
        attrs: RefCell::new(Vec::new()),
        template_contents: RefCell::new(None),
        mathml_annotation_xml_integration_point: false,
    })
}

fn find_body(root: &Handle) -> Option<Handle> {
    let html = root
        .children
        .borrow()
        .iter()
        .find(|c| matches!(&c.data, NodeData::Element { name, .. } if &*name.local == "html"))
        .cloned()?;
    let body = html
        .children
        .borrow()
        .iter()
        .find(|c| matches!(&c.data, NodeData::Element { name, .. } if &*name.local == "body"))
        .cloned();
    body
}

/// True for an element named as a reader comment section (`#comments`,
/// `.comment-list`, `.comments-area`).
pub(crate) fn is_comment_section(el: &NodeRef) -> bool {
    use crate::rules::tokens::WordSet;
    static COMMENT_WORDS: std::sync::LazyLock<WordSet> =
        std::sync::LazyLock::new(|| WordSet::new(COMMENT_SECTION_WORDS));
    COMMENT_WORDS.names(el)
}

/// The id/class words that name a reader comment section.
pub(crate) const COMMENT_SECTION_WORDS: &[&str] = &["comments", "comment", "commentlist", "disqus"];

/// Non-whitespace characters of paragraph text inside `node` (the node
/// itself counts if it is a paragraph element).
pub(crate) fn paragraph_len_of(node: &Handle) -> usize {
    paragraph_len_below(node, false)
}

/// Like [`paragraph_len_of`], but skipping reader comment sections.
pub(crate) fn article_paragraph_len_of(node: &Handle) -> usize {
    paragraph_len_below(node, true)
}

fn paragraph_len_below(node: &Handle, skip_comments: bool) -> usize {
    if is_paragraph_element(node) {
        return text_len_of(node);
    }
    let mut total = 0;
    visit_below(node, |child| {
        if is_paragraph_element(child) {
            total += text_len_of(child);
            false
        } else {
            !(skip_comments
                && matches!(child.data, NodeData::Element { .. })
                && is_comment_section(&NodeRef(child.clone())))
        }
    });
    total
}

fn is_paragraph_element(node: &Handle) -> bool {
    matches!(&node.data, NodeData::Element { name, .. } if is_paragraph_tag(&name.local))
}

/// Elements whose text counts as article paragraph text.
pub(crate) fn is_paragraph_tag(tag: &str) -> bool {
    // Every block that holds article text once normalised: headings too,
    // since normalisation moves the text of a `<p>` inside an `<h2>` into
    // the heading, and that must not count as text lost.
    matches!(
        tag,
        "p" | "li"
            | "blockquote"
            | "pre"
            | "dd"
            | "dt"
            | "td"
            | "th"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "figcaption"
            | "caption"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html_of(doc: &Document) -> String {
        crate::output::serialize_children(&doc.body())
    }

    #[test]
    fn parses_fragments_and_documents() {
        let doc = Document::parse("plain <b>text</b>");
        assert_eq!(doc.body().text_content(), "plain text");
        let doc =
            Document::parse("<html><head><title>T</title></head><body><p>x</p></body></html>");
        assert_eq!(html_of(&doc), "<p>x</p>");
    }

    #[test]
    fn walk_removes_unwraps_and_renames() {
        let mut doc = Document::parse("<div><span>a</span><i class=x>b</i><b>c</b></div>");
        doc.walk(|_, e| match e.tag() {
            Some("div") | Some("span") => Verdict::Unwrap,
            Some("i") => Verdict::Remove,
            Some("b") => Verdict::Rename("strong".into()),
            _ => Verdict::Keep,
        });
        assert_eq!(html_of(&doc), "a<strong>c</strong>");
        let edits = doc.commit();
        assert_eq!(edits.len(), 4);
        assert!(edits.iter().any(|e| e.element == "i.x" && e.text_len == 1));
    }

    #[test]
    fn has_visible_char_agrees_with_char_is_whitespace() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            for s in [c.to_string(), format!(" \t{c}"), format!("\u{3000}{c} ")] {
                let expected = s.chars().any(|c| !c.is_whitespace());
                assert_eq!(has_visible_char(&s), expected, "{s:?}");
            }
        }
    }

    #[test]
    fn remove_all_removes_siblings_in_one_rebuild_and_rolls_back() {
        let src = "<p>a</p><i>b</i><p>c</p><div><i>d</i><p>e</p></div><i>f</i>";
        let mut doc = Document::parse(src);
        let before = html_of(&doc);
        let doomed: Vec<NodeRef> = doc.elements_by_tag("i").collect();
        // Listed twice, and a node already detached, change nothing more.
        let mut listed = doomed.clone();
        listed.push(doomed[0].clone());
        doc.remove_all(&listed);
        doc.remove_all(&doomed);
        assert_eq!(html_of(&doc), "<p>a</p><p>c</p><div><p>e</p></div>");
        assert!(doomed.iter().all(|n| n.parent().is_none()));
        let edits = doc.roll_back();
        assert_eq!(edits.iter().filter(|e| e.element == "i").count(), 3);
        assert_eq!(html_of(&doc), before);
    }

    #[test]
    fn roll_back_restores_the_tree_exactly() {
        let src = "<div id=a><p>one <span>two</span></p><p class=k>three</p></div><p>four</p>";
        let mut doc = Document::parse(src);
        let before = html_of(&doc);
        doc.walk(|ch, e| {
            ch.set_attr(e, "data-x", "1");
            match e.tag() {
                Some("div") => Verdict::Unwrap,
                Some("span") => Verdict::Rename("em".into()),
                _ if e.has_class("k") => Verdict::Remove,
                _ => Verdict::Keep,
            }
        });
        let p = doc.elements_by_tag("p").next().unwrap();
        doc.unwrap(&p);
        let t = doc.new_text("new");
        doc.append(&doc.body(), &t);
        assert_ne!(html_of(&doc), before);
        doc.roll_back();
        assert_eq!(html_of(&doc), before);
        // Parent pointers are restored too.
        for e in doc.elements() {
            for c in e.children() {
                assert_eq!(c.parent().as_ref(), Some(&e));
            }
        }
    }

    /// Every node below `root`, with its depth, namespace, name,
    /// attributes (in order, with prefixes and namespaces) and text,
    /// checking each child's parent pointer on the way: two trees with the
    /// same dump are the same, byte for byte.
    fn dump(root: &NodeRef) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let mut stack = vec![(root.0.clone(), 0usize)];
        while let Some((node, depth)) = stack.pop() {
            for c in node.children.borrow().iter() {
                let parent = parent_of(c);
                assert!(
                    parent.is_some_and(|p| Rc::ptr_eq(&p, &node)),
                    "parent pointer of {:?}",
                    NodeRef(c.clone())
                );
            }
            let _ = match &node.data {
                NodeData::Element { name, attrs, .. } => {
                    let _ = write!(out, "{depth} <{:?} {}", name.ns, name.local);
                    for a in attrs.borrow().iter() {
                        let (prefix, ns, local) = (&a.name.prefix, &a.name.ns, &a.name.local);
                        let _ = write!(out, " {prefix:?}:{ns:?}:{local}={:?}", &*a.value);
                    }
                    writeln!(out, ">")
                }
                NodeData::Text { contents } => writeln!(out, "{depth} {:?}", &**contents.borrow()),
                NodeData::Comment { contents } => writeln!(out, "{depth} <!--{contents}-->"),
                _ => writeln!(out, "{depth} other"),
            };
            let kids = node.children.borrow();
            stack.extend(kids.iter().rev().map(|c| (c.clone(), depth + 1)));
        }
        out
    }

    /// A page with a little of everything the journal has to restore:
    /// attributes in a given order, comments, empty elements, nesting,
    /// runs of siblings and text between elements.
    const MIXED: &str = r#"<div id=a class="x y" data-k=v><p>one <b>two</b> <i data-k=v>three</i></p><!-- c --><ul><li>a</li><li>b <a href="/x?utm_source=1" rel=x>link</a></li><li></li></ul><span></span><img src=i.png alt=""></div><section><h2 title=t>Head</h2><p>four<br>five</p><div><div><p class=deep>deep</p></div></div><em>1</em><em>2</em><em>3</em></section>tail<svg><path d=M0></path></svg>"#;

    /// One change picked at random among everything `Document` can do.
    fn random_change(doc: &mut Document, rand: &mut impl FnMut() -> u64) {
        let body = doc.body();
        let nodes: Vec<NodeRef> = body.descendants().collect();
        if nodes.is_empty() {
            let t = doc.new_text("fresh");
            doc.append(&body, &t);
            return;
        }
        let a = nodes[rand() as usize % nodes.len()].clone();
        let b = nodes[rand() as usize % nodes.len()].clone();
        // Moving `b` under or beside `a` must not make a cycle.
        let b_is_above_a = b == a || a.ancestors().any(|x| x == b);
        match rand() % 14 {
            0 => doc.remove(&a),
            1 => {
                let some: Vec<NodeRef> =
                    nodes.iter().filter(|_| rand() % 3 == 0).cloned().collect();
                doc.remove_all(&some);
            }
            2 => doc.unwrap(&a),
            3 => {
                doc.rename(&a, if rand() % 2 == 0 { "em" } else { "p" });
            }
            4 if a.is_element() && !b_is_above_a => doc.append(&a, &b),
            5 if !b_is_above_a => doc.insert_before(&a, &b),
            6 => {
                let new = doc.new_element("figure");
                doc.replace(&a, &new);
            }
            7 => doc.set_attr(&a, ["class", "data-n", "id"][rand() as usize % 3], "set"),
            8 => doc.remove_attr(&a, ["class", "id", "data-k", "href"][rand() as usize % 4]),
            9 => doc
                .changes()
                .retain_attrs(&a, |name, _| name.len() % 2 == 0),
            10 => doc.set_text(&a, "changed text"),
            11 if a.is_element() => {
                // Rewrap a's children, as the paragraph normaliser does.
                let kids = doc.take_children(&a);
                let wrapper = doc.new_element("p");
                doc.set_children_raw(&wrapper, kids);
                doc.set_children_raw(&a, vec![wrapper]);
            }
            12 if a.is_element() => {
                let mut kids = a.children();
                kids.reverse();
                if !b_is_above_a {
                    kids.push(b);
                }
                doc.replace_children(&a, kids);
            }
            _ => doc.walk(|ch, e| match rand() % 9 {
                0 => Verdict::Remove,
                1 => Verdict::Unwrap,
                2 => Verdict::Rename("span".into()),
                3 => Verdict::Skip,
                4 => {
                    ch.set_attr(e, "data-w", "1");
                    Verdict::Keep
                }
                5 => {
                    ch.retain_attrs(e, |name, _| name != "class");
                    Verdict::Keep
                }
                _ => Verdict::Keep,
            }),
        }
    }

    #[test]
    fn roll_back_after_mixed_changes_restores_every_byte() {
        for seed in 1..=400u64 {
            let mut doc = Document::parse(MIXED);
            let mut rand = crate::testing::xorshift(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
            // A committed rule first: rolling back must stop there.
            for _ in 0..rand() % 4 {
                random_change(&mut doc, &mut rand);
            }
            doc.commit();
            let before = dump(&doc.body());
            let html_before = html_of(&doc);
            let changes = 1 + rand() % 12;
            for _ in 0..changes {
                random_change(&mut doc, &mut rand);
            }
            doc.roll_back();
            assert_eq!(dump(&doc.body()), before, "seed {seed}");
            assert_eq!(html_of(&doc), html_before, "seed {seed}");
            // And the journal is empty afterwards.
            doc.roll_back();
            assert_eq!(dump(&doc.body()), before, "seed {seed}");
        }
    }

    #[test]
    fn journaling_a_removal_copies_no_sibling() {
        let mut doc = Document::parse(&"<p class=k id=i>x</p>".repeat(1000));
        let before = dump(&doc.body());
        let ps: Vec<NodeRef> = doc.elements_by_tag("p").collect();
        doc.remove(&ps[500]);
        doc.remove_all(&[ps[10].clone(), ps[11].clone(), ps[900].clone()]);
        doc.unwrap(&ps[20]);
        let renamed = doc.rename(&ps[30], "div");
        doc.set_attr(&ps[40], "class", "changed");
        doc.remove_attr(&ps[41], "class");
        // Each untouched paragraph is held by its parent and by `ps` only:
        // no journal entry keeps a copy of the list it sits in.
        let touched = [10, 11, 20, 30, 40, 41, 500, 900];
        for (i, p) in ps.iter().enumerate() {
            if !touched.contains(&i) {
                assert_eq!(Rc::strong_count(&p.0), 2, "paragraph {i}");
            }
        }
        assert_eq!(renamed.parent(), Some(doc.body()));
        doc.roll_back();
        assert_eq!(dump(&doc.body()), before);
    }

    /// [`Document::walk`] as first written: every child list rebuilt and
    /// every kept element queued, leaves included. The walk's fast paths
    /// must decide the same elements in the same order, to the same tree.
    fn plain_walk(doc: &mut Document, decide: &mut impl FnMut(&mut Changes, &NodeRef) -> Verdict) {
        let mut stack = vec![doc.body()];
        while let Some(parent) = stack.pop() {
            let mut queue: std::collections::VecDeque<NodeRef> = parent.children().into();
            let mut new = Vec::new();
            let mut descend = Vec::new();
            while let Some(child) = queue.pop_front() {
                if !child.is_element() {
                    new.push(child);
                    continue;
                }
                match decide(&mut doc.changes, &child) {
                    Verdict::Keep => {
                        descend.push(child.clone());
                        new.push(child);
                    }
                    Verdict::Skip => new.push(child),
                    Verdict::Remove => {
                        let len = child.text_len();
                        doc.changes
                            .record(crate::report::Action::Removed, &child, len);
                    }
                    Verdict::Unwrap => {
                        let action = crate::report::Action::Unwrapped;
                        doc.changes.record(action, &child, 0);
                        for k in doc.take_children(&child).into_iter().rev() {
                            queue.push_front(k);
                        }
                    }
                    Verdict::Rename(tag) if child.is(&tag) => {
                        descend.push(child.clone());
                        new.push(child);
                    }
                    Verdict::Rename(tag) => {
                        let action = crate::report::Action::Renamed { to: tag.clone() };
                        doc.changes.record(action, &child, 0);
                        let renamed = NodeRef(doc.changes.renamed_copy(&child.0, &tag));
                        descend.push(renamed.clone());
                        new.push(renamed);
                    }
                }
            }
            doc.set_children_raw(&parent, new);
            stack.extend(descend.into_iter().rev());
        }
    }

    #[test]
    fn walk_decides_as_the_plain_walk_does() {
        let page = format!(
            "{MIXED}<div></div><p><span></span><b><i></i></b></p><ul><li><p></p></li></ul>"
        );
        for seed in 1..=300u64 {
            let mut runs = Vec::new();
            for plain in [false, true] {
                let mut doc = Document::parse(&page);
                let mut rand =
                    crate::testing::xorshift(seed.wrapping_mul(0x2545_f491_4f6c_dd1d) | 1);
                let mut seen = Vec::new();
                let mut decide = |ch: &mut Changes, e: &NodeRef| {
                    seen.push(format!("{} {:?}", e.describe(), e.text_content()));
                    match rand() % 10 {
                        0 => Verdict::Remove,
                        1 | 2 => Verdict::Unwrap,
                        3 => Verdict::Rename("span".into()),
                        4 => Verdict::Rename(e.tag().unwrap_or("x").to_string()),
                        5 => Verdict::Skip,
                        6 => {
                            ch.set_attr(e, "data-seen", "1");
                            Verdict::Keep
                        }
                        _ => Verdict::Keep,
                    }
                };
                if plain {
                    plain_walk(&mut doc, &mut decide);
                } else {
                    doc.walk(decide);
                }
                let after = dump(&doc.body());
                let edits = doc.commit();
                runs.push((seen, after, edits));
            }
            assert_eq!(runs[0], runs[1], "seed {seed}");
        }
    }

    /// The excerpt as first written: the whole text collapsed, then cut.
    fn plain_excerpt(text: &str) -> String {
        let mut out = String::new();
        for word in text.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
            if out.chars().count() > EXCERPT_CHARS {
                let cut: String = out.chars().take(EXCERPT_CHARS).collect();
                return cut + "…";
            }
        }
        out
    }

    #[test]
    fn excerpts_read_only_what_they_need_and_agree_with_the_whole_text() {
        // Words split across text nodes and elements, wide and multi-byte
        // characters, Unicode spaces and script text (which the excerpt
        // quotes), around the 80-character cut.
        let pieces = [
            "a", "bc ", " d", "中文", "\u{3000}", "é", "\n\t", "xyz", "  ", "\u{a0}q",
        ];
        let tags = ["p", "b", "script", "span"];
        let mut rand = crate::testing::xorshift(0x5eed);
        for round in 0..600 {
            let mut html = String::new();
            let mut open = Vec::new();
            let target = (round % 40) * 6;
            while html.len() < target || !open.is_empty() {
                match rand() % 5 {
                    0 if open.len() < 4 && html.len() < target => {
                        let tag = tags[rand() as usize % tags.len()];
                        html.push_str(&format!("<{tag}>"));
                        open.push(tag);
                    }
                    1 if !open.is_empty() => {
                        let tag = open.pop().unwrap_or("p");
                        html.push_str(&format!("</{tag}>"));
                    }
                    _ => html.push_str(pieces[rand() as usize % pieces.len()]),
                }
            }
            let doc = Document::parse(&html);
            for node in doc.body().descendants_and_self() {
                let whole = node.text_content();
                let mut streamed = Excerpt::default();
                streamed.read(&whole);
                assert_eq!(streamed.out, plain_excerpt(&whole), "{whole:?}");
                assert_eq!(excerpt_of(&node.0), plain_excerpt(&whole), "{html:?}");
            }
        }
        for (text, expected) in [
            ("x".repeat(200), format!("{}…", "x".repeat(80))),
            ("é".repeat(80), "é".repeat(80)),
            (
                format!("{} y", "x".repeat(79)),
                format!("{} ", "x".repeat(79)) + "…",
            ),
            (format!("{} ", "x".repeat(80)), "x".repeat(80)),
        ] {
            let doc = Document::parse(&format!("<p>{text}</p>"));
            assert_eq!(plain_excerpt(&text), expected);
            assert_eq!(excerpt_of(&doc.body().0), expected);
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 5_000; // the parser is quadratic in depth; see nesting.rs
        let html = "<div>".repeat(depth) + "x" + &"</div>".repeat(depth);
        let mut doc = Document::parse(&html);
        assert_eq!(doc.body().text_len(), 1);
        doc.walk(|_, _| Verdict::Unwrap);
        assert_eq!(html_of(&doc), "x");
    }

    #[test]
    fn counting_visible_chars_agrees_with_char_is_whitespace() {
        let mut all = String::new();
        let mut expected = 0;
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let one = c.to_string();
            let visible = usize::from(!c.is_whitespace());
            assert_eq!(count_visible_chars(&one), visible, "{:?}", c);
            all.push(c);
            expected += visible;
        }
        assert_eq!(count_visible_chars(&all), expected);
        assert_eq!(count_visible_chars(" a\u{a0}b\u{3000}中 文\t"), 4);
        // Short and long strings take different paths, and the capped count
        // works in chunks: every length from 0 to 300 characters of a mix
        // of ASCII, CJK and Unicode spaces agrees with decoding.
        let mix: Vec<char> = "a 中\u{3000}b\u{a0}。\u{2009}\u{85}é\n\u{1680}\u{202f}文"
            .chars()
            .collect();
        let text: String = (0..300).map(|i| mix[i * 7 % mix.len()]).collect();
        for (end, _) in text.char_indices() {
            let s = &text[..end];
            let expected = s.chars().filter(|c| !c.is_whitespace()).count();
            assert_eq!(count_visible_chars(s), expected, "{s:?}");
            assert_eq!(count_visible_chars_capped(s, usize::MAX), expected);
            assert!(count_visible_chars_capped(s, 10) > 10 || expected <= 10);
        }
    }

    #[test]
    fn describe_gives_tag_id_and_classes() {
        let doc = Document::parse("<div id=\"dfp-ad-imu1\" class=\"dfp-tag-wrapper x\"></div>");
        let div = doc.elements().next().unwrap();
        assert_eq!(div.describe(), "div#dfp-ad-imu1.dfp-tag-wrapper.x");
    }
}
