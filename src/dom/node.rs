//! [`NodeRef`]: a handle to one node, and what can be read through it.

use std::fmt;
use std::rc::Rc;

use html5ever::ns;
use markup5ever_rcdom::{Handle, Node, NodeData};

use super::measure::text_len_of;
use super::visit::{visit_handles_below, Visit};
use super::{NodeKey, PtrSet};
use crate::html::tags::{Tag, TagSet};

/// A handle to one node of a [`Document`](crate::Document): an element, a text node or a comment.
///
/// Handles are cheap to clone and compare by identity. Reading through a
/// handle never changes the tree; changes go through [`Document`](crate::Document) (or the
/// [`Changes`](crate::Changes) given to a [`Document::walk`](crate::Document::walk) callback) so that they are
/// journaled and reported.
#[derive(Clone)]
pub struct NodeRef(pub(super) Handle);

/// What kind of node a [`NodeRef`] points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
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
        NodeRef::kind_of(&self.0)
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
        visit_handles_below(&self.0, |node| {
            if let NodeData::Text { contents } = &node.data {
                out.push_str(&contents.borrow());
            }
            Visit::Descend
        });
        out
    }

    /// Number of non-whitespace characters of text below this node: the
    /// measure the report and the pipeline's safety check use.
    ///
    /// Text inside elements that never show as text (`<script>`, `<style>`,
    /// `<template>`, `<textarea>`, ...: see [`NOT_TEXT`](crate::NOT_TEXT)) does not count.
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
        visit_handles_below(&self.0, |n| match &n.data {
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

/// What the crate reads through a [`NodeRef`] besides the public methods:
/// enough for rules, page facts and the serializers to walk and read the
/// tree without ever naming the tree's own types.
impl NodeRef {
    /// The node's identity, for sets and maps of nodes.
    pub(crate) fn key(&self) -> NodeKey {
        NodeKey::of(&self.0)
    }

    /// True if the node has children.
    pub(crate) fn has_children(&self) -> bool {
        !self.0.children.borrow().is_empty()
    }

    /// The child nodes, in order, without collecting them into a list. The
    /// child list stays borrowed while the iterator lives: the tree must
    /// not change meanwhile.
    pub(crate) fn child_nodes(&self) -> ChildNodes<'_> {
        let kids = self.0.children.borrow();
        let back = kids.len();
        ChildNodes {
            kids,
            front: 0,
            back,
        }
    }

    /// The element's tag as an id of the tag table ([`Tag::OTHER`] for
    /// other nodes), matched on the interned name.
    pub(crate) fn tag_id(&self) -> Tag {
        match &self.0.data {
            NodeData::Element { name, .. } => Tag::of_local(&name.local),
            _ => Tag::OTHER,
        }
    }

    /// True if this is an element whose tag is in `set`.
    pub(crate) fn is_in(&self, set: TagSet) -> bool {
        set.contains(self.tag_id())
    }

    /// True if an element below this node has a tag in `set`; stops at
    /// the first.
    pub(crate) fn contains_any(&self, set: TagSet) -> bool {
        let mut found = false;
        visit_handles_below(&self.0, |n| match &n.data {
            NodeData::Element { name, .. } if set.contains(Tag::of_local(&name.local)) => {
                found = true;
                Visit::Stop
            }
            _ => Visit::Descend,
        });
        found
    }

    /// True if a child of this node is of `kind`, found without cloning
    /// the children: asked of every element.
    pub(crate) fn has_child_of_kind(&self, kind: NodeKind) -> bool {
        self.0
            .children
            .borrow()
            .iter()
            .any(|c| NodeRef::kind_of(c) == kind)
    }

    fn kind_of(node: &Node) -> NodeKind {
        match node.data {
            NodeData::Element { .. } => NodeKind::Element,
            NodeData::Text { .. } => NodeKind::Text,
            NodeData::Comment { .. } => NodeKind::Comment,
            _ => NodeKind::Other,
        }
    }

    /// Calls `f` with a comment's contents without copying them.
    pub(crate) fn with_comment<T>(&self, f: impl FnOnce(&str) -> T) -> Option<T> {
        match &self.0.data {
            NodeData::Comment { contents } => Some(f(contents)),
            _ => None,
        }
    }

    /// True for an element in the HTML namespace (not SVG or MathML).
    pub(crate) fn is_html_element(&self) -> bool {
        matches!(&self.0.data, NodeData::Element { name, .. } if name.ns == ns!(html))
    }

    /// The namespace URL of an element.
    #[cfg(feature = "selectors")] // for the selector engine
    pub(crate) fn namespace(&self) -> Option<&str> {
        match &self.0.data {
            NodeData::Element { name, .. } => Some(&name.ns),
            _ => None,
        }
    }

    /// True if both are elements with the same name, namespace included.
    #[cfg(feature = "selectors")] // for the selector engine
    pub(crate) fn same_name(&self, other: &NodeRef) -> bool {
        match (&self.0.data, &other.0.data) {
            (NodeData::Element { name: a, .. }, NodeData::Element { name: b, .. }) => a == b,
            _ => false,
        }
    }

    /// True if the element has any attribute.
    pub(crate) fn has_attrs(&self) -> bool {
        match &self.0.data {
            NodeData::Element { attrs, .. } => !attrs.borrow().is_empty(),
            _ => false,
        }
    }

    /// Calls `f` with each attribute in source order, namespace and prefix
    /// included, until it returns true; returns whether it did.
    pub(crate) fn any_attr(&self, mut f: impl FnMut(Attr<'_>) -> bool) -> bool {
        let NodeData::Element { attrs, .. } = &self.0.data else {
            return false;
        };
        attrs.borrow().iter().any(|a| {
            f(Attr {
                prefix: a.name.prefix.as_deref(),
                ns: &a.name.ns,
                name: &a.name.local,
                value: &a.value,
            })
        })
    }
}

/// One attribute, as [`NodeRef::any_attr`] shows it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Attr<'a> {
    /// The prefix (`xlink` of `xlink:href`), if any.
    pub prefix: Option<&'a str>,
    /// The namespace URL, empty for ordinary attributes.
    pub ns: &'a str,
    /// The local name.
    pub name: &'a str,
    pub value: &'a str,
}

/// The children of a node; see [`NodeRef::child_nodes`].
pub(crate) struct ChildNodes<'a> {
    kids: std::cell::Ref<'a, Vec<Handle>>,
    front: usize,
    back: usize,
}

impl Iterator for ChildNodes<'_> {
    type Item = NodeRef;
    fn next(&mut self) -> Option<NodeRef> {
        if self.front == self.back {
            return None;
        }
        self.front += 1;
        Some(NodeRef(self.kids[self.front - 1].clone()))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.back - self.front, Some(self.back - self.front))
    }
}

impl DoubleEndedIterator for ChildNodes<'_> {
    fn next_back(&mut self) -> Option<NodeRef> {
        if self.front == self.back {
            return None;
        }
        self.back -= 1;
        Some(NodeRef(self.kids[self.back].clone()))
    }
}

impl ExactSizeIterator for ChildNodes<'_> {}

/// Pre-order iterator over a subtree; see [`NodeRef::descendants`].
pub struct Descendants {
    stack: Vec<Handle>,
}

impl std::fmt::Debug for Descendants {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Descendants")
            .field("pending", &self.stack.len())
            .finish()
    }
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

/// Calls `f` with the value of attribute `name` of an element node.
pub(super) fn with_attr_of<T>(node: &Node, name: &str, f: impl FnOnce(&str) -> T) -> Option<T> {
    match &node.data {
        NodeData::Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .find(|a| a.name.ns == ns!() && &*a.name.local == name)
            .map(|a| f(&a.value)),
        _ => None,
    }
}

pub(super) fn parent_of(node: &Handle) -> Option<Handle> {
    let weak = node.parent.take();
    let parent = weak.as_ref().and_then(|w| w.upgrade());
    node.parent.set(weak);
    parent
}

pub(super) fn set_parent(child: &Handle, parent: &Handle) {
    child.parent.set(Some(Rc::downgrade(parent)));
}

/// The next element child of `parent` from index `*i` on, moving `*i` past it.
pub(super) fn element_at(parent: &Handle, i: &mut usize) -> Option<Handle> {
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
pub(super) fn push_to_visit(stack: &mut Vec<Handle>, element: Handle) {
    if !element.children.borrow().is_empty() {
        stack.push(element);
    }
}

/// Makes `parent` the parent of `child`, touching nothing if it already is.
pub(super) fn adopt(child: &Handle, parent: &Handle) {
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

/// Removes the children of `parent` that are in `doomed`, in one pass, and
/// returns them with their indices in the list before. Their parent
/// pointers are cleared.
pub(super) fn remove_children_in(parent: &Handle, doomed: &PtrSet) -> Vec<(usize, Handle)> {
    let mut removed = Vec::new();
    let mut index = 0;
    parent.children.borrow_mut().retain(|c| {
        let gone = doomed.contains(&NodeKey::of(c));
        if gone {
            c.parent.set(None);
            removed.push((index, c.clone()));
        }
        index += 1;
        !gone
    });
    removed
}

#[cfg(test)]
mod tests {
    use crate::dom::Document;

    #[test]
    fn describe_gives_tag_id_and_classes() {
        let doc = Document::parse("<div id=\"dfp-ad-imu1\" class=\"dfp-tag-wrapper x\"></div>");
        let div = doc.elements().next().unwrap();
        assert_eq!(div.describe(), "div#dfp-ad-imu1.dfp-tag-wrapper.x");
    }
}
