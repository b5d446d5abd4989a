//! The inline pass over one block: whitespace collapsed across its text
//! nodes (no stray spaces in CJK text, none at the edges), then inline
//! elements left empty and line breaks at the edges dropped.

use super::Document;
use crate::dom::{NodeRef, Visit};
use crate::html::tags::SHOWN_MEDIA;
use crate::text::whitespace::{cjk_joins, for_each_piece, Piece};

/// The new text of one text node, built as the collapse goes.
pub(super) enum NewText {
    /// So far the node's own text up to this byte: nothing was dropped or
    /// changed yet, so nothing is copied (the common case).
    Prefix(usize),
    /// Text that differs from the node's.
    Owned(String),
}

impl NewText {
    /// Switches to an owned copy of what the text is so far.
    fn owned(&mut self, text: &str) -> &mut String {
        if let NewText::Prefix(k) = *self {
            let mut s = String::with_capacity(text.len());
            s.push_str(&text[..k]);
            *self = NewText::Owned(s);
        }
        match self {
            NewText::Owned(s) => s,
            NewText::Prefix(_) => unreachable!("made owned above"),
        }
    }

    /// Appends `text[start..end]`, a run of the node's own `text`.
    fn push_run(&mut self, text: &str, start: usize, end: usize) {
        match self {
            NewText::Prefix(k) if *k == start => *k = end,
            _ => self.owned(text).push_str(&text[start..end]),
        }
    }

    /// Appends a space to the node whose own text is `text`.
    fn push_space(&mut self, text: &str) {
        match self {
            NewText::Prefix(k) if text.as_bytes().get(*k) == Some(&b' ') => *k += 1,
            _ => self.owned(text).push(' '),
        }
    }
}

/// State of the whitespace collapse across the text nodes of one block.
pub(super) struct Collapse {
    /// New text of each text node so far, in document order.
    /// New text of each text node so far, in document order, with the
    /// length of its own text.
    pub(super) outputs: Vec<(NodeRef, NewText, usize)>,
    /// The last visible character (U+FFFC for media), `None` at a line start.
    pub(super) last: Option<char>,
    /// The text node in which a pending whitespace run started.
    pub(super) pending: Option<usize>,
    /// Did the pending whitespace run hold a line break? Source line breaks
    /// between CJK characters are formatting and vanish; a typed space
    /// between CJK words is a separator and stays.
    pub(super) pending_break: bool,
}

impl Collapse {
    /// Writes the pending space into the text node it started in.
    fn push_pending_space(&mut self, i: usize) {
        let (node, new, _) = &mut self.outputs[i];
        node.with_text(|t| new.push_space(t));
    }

    /// Appends the run `text[start..end]` of visible characters to the
    /// text node `index`, whose text is `text`.
    pub(super) fn visible(&mut self, index: usize, text: &str, start: usize, end: usize) {
        let run = &text[start..end];
        let (Some(first), Some(last)) = (run.chars().next(), run.chars().next_back()) else {
            return;
        };
        if let Some(i) = self.pending.take() {
            if !(self.pending_break && self.last.is_some_and(|l| cjk_joins(l, first))) {
                self.push_pending_space(i);
            }
        }
        self.outputs[index].1.push_run(text, start, end);
        self.last = Some(last);
    }

    pub(super) fn text(&mut self, node: NodeRef, text: &str) {
        let index = self.outputs.len();
        self.outputs.push((node, NewText::Prefix(0), text.len()));
        for_each_piece(text, |piece| match piece {
            Piece::Visible(start, end) => self.visible(index, text, start, end),
            Piece::Space { line_break } => {
                if self.last.is_some() && self.pending.is_none() {
                    self.pending = Some(index);
                    self.pending_break = false;
                }
                self.pending_break |= line_break;
            }
            Piece::Invisible => {}
        });
    }
}

/// Collapses whitespace in the text below `block`; `buffer` is an empty
/// vector to use for the text nodes' new texts, left empty again.
///
/// Returns whether [`drop_empty_inline`] would keep every node of the
/// collapsed block (what `nothing_to_drop` answers), found on the way
/// instead of by a second visit.
pub(super) fn collapse_whitespace(
    doc: &mut Document,
    block: &NodeRef,
    buffer: &mut Vec<(NodeRef, NewText, usize)>,
) -> bool {
    let mut state = Collapse {
        outputs: std::mem::take(buffer),
        last: None,
        pending: None,
        pending_break: false,
    };
    let mut keeps_all = !(block.first_child().is_some_and(|k| is_br(&k))
        || block.last_child().is_some_and(|k| is_br(&k)));
    block.visit_below(|node| {
        match node.tag() {
            Some("br") => {
                state.pending = None;
                state.last = None;
            }
            // An image is an object in the line; an `<svg>` or `<math>` is
            // not (the HTML output keeps only its text), and the text in it
            // joins the line's, spaces collapsed across it.
            Some(_) if node.is_in(SHOWN_MEDIA) => {
                if let (Some(i), Some(_)) = (state.pending, state.last) {
                    state.push_pending_space(i);
                }
                state.pending = None;
                state.last = Some('\u{FFFC}');
            }
            Some(_) => keeps_all = keeps_all && node.child_nodes().any(|k| !is_br(&k)),
            None => {
                if node.with_text(|t| state.text(node.clone(), t)).is_none() {
                    keeps_all = false;
                }
            }
        }
        Visit::Descend
    });
    for (node, new, len) in state.outputs.drain(..) {
        match new {
            NewText::Owned(text) => {
                keeps_all &= !text.is_empty();
                doc.set_text(&node, &text);
            }
            // Unchanged but perhaps cut short (whitespace at the end).
            NewText::Prefix(k) => {
                keeps_all &= k > 0;
                if k < len {
                    if let Some(text) = node.with_text(|t| t[..k].to_string()) {
                        doc.set_text(&node, &text);
                    }
                }
            }
        }
    }
    *buffer = state.outputs;
    keeps_all
}

/// True if [`drop_empty_inline`] would keep every node below `block`: no
/// text node is empty, every element is media or a line break or has a
/// child that is not a line break (which holds content, by induction from
/// the leaves), and no line break is the block's first or last child.
/// [`collapse_whitespace`] answers this on its way; this visit is the
/// specification it is tested against.
#[cfg(test)]
pub(super) fn nothing_to_drop(block: &NodeRef) -> bool {
    if block.first_child().is_some_and(|k| is_br(&k))
        || block.last_child().is_some_and(|k| is_br(&k))
    {
        return false;
    }
    let mut keeps_all = true;
    block.visit_below(|n| {
        keeps_all = match n.tag() {
            None => n.with_text(|t| !t.is_empty()).unwrap_or(false),
            Some(tag) => tag == "br" || n.is_in(SHOWN_MEDIA) || n.child_nodes().any(|k| !is_br(&k)),
        };
        if keeps_all {
            Visit::Descend
        } else {
            Visit::Stop
        }
    });
    keeps_all
}

pub(super) fn drop_empty_inline(doc: &mut Document, block: &NodeRef) {
    enum Move {
        Enter(NodeRef),
        Exit(NodeRef),
    }
    // One post-order pass: an element holds content if it is media or a
    // child does; `flags` holds one such flag per finished node, so a
    // parent finds its children's flags at the top when it exits.
    let mut flags: Vec<bool> = Vec::new();
    let mut moves = vec![Move::Enter(block.clone())];
    // Inside a `<br>` nothing is pruned (a parsed `<br>` has no children).
    let mut in_br = 0usize;
    while let Some(next) = moves.pop() {
        match next {
            Move::Enter(node) => match node.tag() {
                Some(tag) => {
                    if tag == "br" {
                        in_br += 1;
                    }
                    moves.push(Move::Exit(node.clone()));
                    moves.extend(node.child_nodes().rev().map(Move::Enter));
                }
                None => flags.push(node.with_text(|t| !t.is_empty()).unwrap_or(false)),
            },
            Move::Exit(node) => {
                let Some(tag) = node.tag() else {
                    continue;
                };
                let is_br = tag == "br";
                if is_br {
                    in_br -= 1;
                }
                let n = node.child_count();
                let first = flags.len().saturating_sub(n);
                let content = node.is_in(SHOWN_MEDIA) || flags[first..].contains(&true);
                let is_block = node == *block;
                // Only the block and the elements it keeps are pruned: an
                // element without content goes as a whole.
                if is_block || (content && !is_br && in_br == 0) {
                    prune_children(doc, &node, &flags[first..], is_block);
                }
                flags.truncate(first);
                flags.push(content);
            }
        }
    }
}

/// Keeps the children of `parent` that hold content (per `flags`) and line
/// breaks, except line breaks at the edges of the block.
pub(super) fn prune_children(doc: &mut Document, parent: &NodeRef, flags: &[bool], is_block: bool) {
    let kids = parent.children();
    let keep = |(k, &f): (&NodeRef, &bool)| f || is_br(k);
    let mut kept = kids.iter().zip(flags).filter(|&p| keep(p)).count();
    let mut lead = 0;
    let mut trail = 0;
    if is_block {
        // Line breaks at the edges of the block carry nothing.
        let mut kept_iter = kids.iter().zip(flags).filter(|&p| keep(p));
        lead = kept_iter.by_ref().take_while(|(k, _)| is_br(k)).count();
        if lead < kept {
            let mut back = kids.iter().zip(flags).rev().filter(|&p| keep(p));
            trail = back.by_ref().take_while(|(k, _)| is_br(k)).count();
        }
        kept -= lead + trail;
    }
    if kept == kids.len() {
        return;
    }
    let new: Vec<NodeRef> = kids
        .iter()
        .zip(flags)
        .filter(|&p| keep(p))
        .skip(lead)
        .take(kept)
        .map(|(k, _)| k.clone())
        .collect();
    doc.set_children_raw(parent, new);
}

pub(super) fn is_br(node: &NodeRef) -> bool {
    node.is("br")
}
