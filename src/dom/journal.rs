//! The journal and the edit record: every change to the tree goes through
//! [`Changes`], which keeps what each change took away (so a rule can be
//! rolled back) and what it did (for the report).

use std::cell::{Cell, RefCell};

use html5ever::tendril::StrTendril;
use html5ever::{ns, Attribute, LocalName, QualName};
use markup5ever_rcdom::{Handle, Node, NodeData};

use super::node::set_parent;
use super::visit::{visit_handles_below, Visit};
use super::NodeRef;

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
        visit_handles_below(node, |n| match &n.data {
            NodeData::Text { contents } if !excerpt.read(&contents.borrow()) => Visit::Stop,
            _ => Visit::Descend,
        });
    }
    excerpt.out
}

/// What a change changed about a node it touched.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Touch {
    /// An element's (or the document's) child list.
    Children,
    /// An element's attributes.
    Attributes,
    /// A text node's text.
    Text,
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
pub(super) enum Undo {
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
    /// A child was appended to `parent`.
    Appended {
        parent: Handle,
    },
    /// A child was inserted at `index` of `parent`'s children.
    Inserted {
        parent: Handle,
        index: usize,
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
    /// Adds the nodes this step changed to `out`, with what changed: a
    /// parent's child list, an element's attributes, a text node's text.
    /// Undoing the step changes the same nodes.
    fn touched(&self, out: &mut Vec<(Handle, Touch)>) {
        match self {
            Undo::Children { parent, .. }
            | Undo::Removed { parent, .. }
            | Undo::RemovedRun { parent, .. }
            | Undo::Replaced { parent, .. }
            | Undo::Appended { parent }
            | Undo::Inserted { parent, .. } => out.push((parent.clone(), Touch::Children)),
            Undo::Unwrapped { parent, node, .. } => {
                out.push((parent.clone(), Touch::Children));
                out.push((node.clone(), Touch::Children));
            }
            Undo::ChildrenMoved { from, to } => {
                out.push((from.clone(), Touch::Children));
                out.push((to.clone(), Touch::Children));
            }
            // Only a parent pointer, set to the parent whose child list a
            // step of its own records.
            Undo::Parent { .. } => {}
            Undo::AttrValue { node, .. }
            | Undo::AttrAdded { node }
            | Undo::AttrsRemoved { node, .. } => out.push((node.clone(), Touch::Attributes)),
            Undo::Text { node, .. } => out.push((node.clone(), Touch::Text)),
        }
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
            Undo::Appended { parent } => {
                if let Some(child) = parent.children.borrow_mut().pop() {
                    child.parent.set(None);
                }
            }
            Undo::Inserted { parent, index } => {
                let mut kids = parent.children.borrow_mut();
                if index < kids.len() {
                    kids.remove(index).parent.set(None);
                }
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
/// A [`Document::walk`](crate::Document::walk) callback gets `&mut Changes` so it can rewrite
/// attributes and text of the node it is looking at while the walk holds the
/// tree.
#[derive(Default)]
pub struct Changes {
    pub(super) journal: Vec<Undo>,
    pub(super) edits: Vec<Edit>,
    /// True while a measurement of the tree is tracked (see
    /// `Document::tracked`): every change then notes the nodes it touched.
    pub(super) tracking: Cell<bool>,
    /// The nodes changed (and changed back, by a roll-back) since the
    /// tracked measurement last caught up, in the order of the changes.
    pub(super) touched: RefCell<Vec<(Handle, Touch)>>,
}

impl std::fmt::Debug for Changes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Changes")
            .field("undo_steps", &self.journal.len())
            .field("edits", &self.edits)
            .finish()
    }
}

impl Changes {
    /// Journals an undo step; every change to the tree goes through here.
    pub(super) fn push_undo(&mut self, undo: Undo) {
        if self.tracking.get() {
            undo.touched(self.touched.get_mut());
        }
        self.journal.push(undo);
    }

    pub(super) fn record(
        &mut self,
        action: crate::report::Action,
        node: &NodeRef,
        text_len: usize,
    ) {
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

    pub(super) fn save_children(&mut self, parent: &Handle) {
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

    pub(super) fn undo_all(&mut self) {
        let tracking = self.tracking.get();
        while let Some(undo) = self.journal.pop() {
            if tracking {
                undo.touched(self.touched.get_mut());
            }
            undo.undo();
        }
    }
}

impl Changes {
    /// Builds a renamed copy of an element and moves its children into it.
    pub(super) fn renamed_copy(&mut self, node: &Handle, tag: &str) -> Handle {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::Document;

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
}
