//! [`Document`]: the parsed page and every change made to it.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;

use html5ever::tendril::StrTendril;
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::{ns, LocalName, QualName};
use markup5ever_rcdom::{Handle, Node, NodeData};

use super::journal::{Changes, Edit, Undo};
use super::node::{adopt, element_at, parent_of, push_to_visit, remove_children_in, set_parent};
use super::parse::{Limits, Stopped};
use super::{NodeKey, NodeRef, PtrMap, PtrSet};

/// What a [`Document::walk`] callback decides for one element.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
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
    pub(super) changes: Changes,
    /// The measurement kept valid through every change, if one was asked
    /// for (see `Document::tracked`).
    pub(super) tracked: super::tracked::TrackedSlot,
    /// Where the last search for a node among its siblings found it: see
    /// [`Document::place_of`].
    place_hint: Cell<usize>,
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
    ///
    /// Nothing bounds the work: a page nested 100,000 deep or a few
    /// kilobytes that make the parser rebuild a thousand formatting
    /// elements per paragraph cost minutes and gigabytes. A
    /// [`Cleaner`](crate::Cleaner) parses within budgets and refuses such
    /// input with an [`Error`](crate::Error) naming the budget.
    pub fn parse(html: &str) -> Document {
        match Document::parse_within(html, Limits::NONE) {
            Ok(doc) => doc,
            // Unreachable: nothing is over no limit.
            Err(_) => Document::from_root(Node::new(NodeData::Document)),
        }
    }

    /// Parses HTML within `limits`; stops soon after one is passed.
    pub(crate) fn parse_within(html: &str, limits: Limits) -> Result<Document, Stopped> {
        let opts = TreeBuilderOpts {
            // Parse <noscript> contents as markup, so the real <img> a
            // lazy-loading page hides there can be recovered.
            scripting_enabled: false,
            ..Default::default()
        };
        let parsed = super::parse::parse(html, limits, opts)?;
        Ok(Document::from_root(parsed.document))
    }

    fn from_root(root: Handle) -> Document {
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
            tracked: RefCell::new(None),
            place_hint: Cell::new(0),
        }
    }

    /// The index of `child` among `parent`'s children, searched outwards
    /// from where the last search found a node: a rule that edits
    /// siblings one by one, in document order or backwards, finds each
    /// in a step or two, where a search from the start made editing
    /// thousands of siblings quadratic.
    fn place_of(&self, parent: &Handle, child: &Handle) -> Option<usize> {
        let kids = parent.children.borrow();
        let at = |i: usize| kids.get(i).is_some_and(|c| Rc::ptr_eq(c, child));
        let hint = self.place_hint.get().min(kids.len());
        let found = (0..=kids.len()).find_map(|d| {
            if at(hint + d) {
                Some(hint + d)
            } else if d < hint && at(hint - d - 1) {
                Some(hint - d - 1)
            } else {
                None
            }
        });
        if let Some(i) = found {
            self.place_hint.set(i);
        }
        found
    }

    /// Takes `node` out of its parent's children, journaled but not
    /// reported: the first half of a move.
    fn detach(&mut self, node: &NodeRef) {
        let Some(parent) = parent_of(&node.0) else {
            return;
        };
        let Some(index) = self.place_of(&parent, &node.0) else {
            return;
        };
        let removed = parent.children.borrow_mut().remove(index);
        removed.parent.set(None);
        self.changes.push_undo(Undo::Removed {
            parent,
            index,
            node: removed,
        });
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
    ///
    /// Costs a search for the node among its siblings, outwards from where
    /// the last edit found one (so editing siblings one after the other
    /// finds each at once), and the shift of the siblings after it. To
    /// remove many nodes at once, [`Document::remove_all`] rebuilds each
    /// parent's child list once; [`Document::walk`] decides every element
    /// in one pass.
    pub fn remove(&mut self, node: &NodeRef) {
        let Some(parent) = parent_of(&node.0) else {
            return;
        };
        let Some(index) = self.place_of(&parent, &node.0) else {
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
        self.remove_all_measured(nodes, NodeRef::text_len);
    }

    /// [`remove_all`](Self::remove_all), with the text length each removal
    /// reports given by `text_len` (which must answer as
    /// [`NodeRef::text_len`]): a caller holding the page facts looks the
    /// lengths up instead of walking every removed subtree again.
    pub(crate) fn remove_all_measured(
        &mut self,
        nodes: &[NodeRef],
        mut text_len: impl FnMut(&NodeRef) -> usize,
    ) {
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
            if !doomed.insert(node.key()) {
                continue; // listed twice
            }
            match group_of.entry(NodeKey::of(&parent)) {
                std::collections::hash_map::Entry::Occupied(e) => groups[*e.get()].2 += 1,
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(groups.len());
                    groups.push((parent, node.0.clone(), 1));
                }
            }
            if node.is_element() {
                let len = text_len(node);
                self.changes
                    .record(crate::report::Action::Removed, node, len);
            }
        }
        for (parent, first, count) in groups {
            if count == 1 {
                if let Some(index) = self.place_of(&parent, &first) {
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
        let Some(index) = self.place_of(&parent, &node.0) else {
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
            if let Some(index) = self.place_of(&parent, &node.0) {
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
                    .entry(NodeKey::of(&old_parent))
                    .or_insert_with(|| (old_parent, PtrSet::default()))
                    .1
                    .insert(child.key());
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
    /// attached elsewhere. Costs a search for `child`'s old place, if it
    /// has one (see [`Document::remove`]); nothing is copied.
    pub fn append(&mut self, parent: &NodeRef, child: &NodeRef) {
        self.detach(child);
        set_parent(&child.0, &parent.0);
        parent.0.children.borrow_mut().push(child.0.clone());
        self.changes.push_undo(Undo::Appended {
            parent: parent.0.clone(),
        });
    }

    /// Inserts `new` just before `reference`, moving it if it is attached
    /// elsewhere. Does nothing if `reference` is detached. Costs a search
    /// for each node's place (see [`Document::remove`]) and the shift of
    /// the siblings after `reference`; nothing is copied.
    pub fn insert_before(&mut self, reference: &NodeRef, new: &NodeRef) {
        if reference == new {
            return;
        }
        let Some(parent) = parent_of(&reference.0) else {
            return;
        };
        self.detach(new);
        let Some(index) = self.place_of(&parent, &reference.0) else {
            return;
        };
        set_parent(&new.0, &parent);
        parent.children.borrow_mut().insert(index, new.0.clone());
        self.changes.push_undo(Undo::Inserted { parent, index });
    }

    /// Replaces `old` by `new` in the tree, in `old`'s place. The removal
    /// of `old` is reported. Does nothing if `old` is detached. Costs a
    /// search for each node's place (see [`Document::remove`]); nothing
    /// is copied or shifted.
    pub fn replace(&mut self, old: &NodeRef, new: &NodeRef) {
        if old == new || parent_of(&old.0).is_none() {
            return;
        }
        self.detach(new);
        let Some(parent) = parent_of(&old.0) else {
            return;
        };
        let Some(index) = self.place_of(&parent, &old.0) else {
            return;
        };
        if old.is_element() {
            let len = old.text_len();
            self.changes
                .record(crate::report::Action::Removed, old, len);
        }
        set_parent(&new.0, &parent);
        let removed = std::mem::replace(&mut parent.children.borrow_mut()[index], new.0.clone());
        removed.parent.set(None);
        self.changes.push_undo(Undo::Replaced {
            parent,
            index,
            old: removed,
        });
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

    #[test]
    fn roll_back_after_mixed_changes_restores_every_byte() {
        use crate::testing::{random_change, MIXED};
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
        // Moves and insertions, of new nodes and of nodes in the tree.
        let fresh = doc.new_element("figure");
        doc.insert_before(&ps[600], &fresh);
        doc.append(&doc.body(), &ps[601]);
        doc.insert_before(&ps[3], &ps[700]);
        let other = doc.new_element("hr");
        doc.replace(&ps[800], &other);
        doc.replace(&ps[801], &ps[802]);
        let text = doc.new_text("t");
        doc.append(&ps[50], &text);
        // Each untouched paragraph is held by its parent and by `ps` only:
        // no journal entry keeps a copy of the list it sits in.
        let touched = [
            10, 11, 20, 30, 40, 41, 50, 500, 601, 700, 800, 801, 802, 900,
        ];
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
            "{}<div></div><p><span></span><b><i></i></b></p><ul><li><p></p></li></ul>",
            crate::testing::MIXED
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

    /// The search outwards from the last place found agrees with a plain
    /// search from the start, wherever the last search left off.
    #[test]
    fn a_node_is_found_in_its_place_from_any_hint() {
        let doc = Document::parse(&"<p>x</p>".repeat(50));
        let body = doc.body();
        let kids = body.children();
        let mut rand = crate::testing::xorshift(0x91ace);
        for _ in 0..2_000 {
            doc.place_hint.set(rand() as usize % 60);
            let i = rand() as usize % kids.len();
            assert_eq!(doc.place_of(&body.0, &kids[i].0), Some(i));
        }
        let stranger = doc.new_element("p");
        assert_eq!(doc.place_of(&body.0, &stranger.0), None);
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
}
