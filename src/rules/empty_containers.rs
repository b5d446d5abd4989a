//! `empty-containers`: removes elements left with no visible text and no
//! media once the other rules have run: empty ad wrappers, `<a name>`
//! anchors, spacer `<div>`s, lists with no items. Line breaks, rules and
//! table cells are structure, not containers, and stay.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::rc::Rc;

use markup5ever_rcdom::{Handle, Node, NodeData};

use super::MEDIA_TAGS;
use crate::dom::{Document, NodeRef, Verdict};
use crate::error::RuleError;
use crate::rule::{Context, Rule};

/// Removes elements with no text and no media. See the [module docs](self).
#[derive(Debug, Clone, Copy, Default)]
pub struct EmptyContainers;

/// Elements that mean something while empty.
fn is_kept_empty(tag: &str) -> bool {
    matches!(
        tag,
        "br" | "hr" | "td" | "th" | "tr" | "thead" | "tbody" | "tfoot" | "col" | "colgroup" | "wbr"
    )
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

/// True if `s` holds a character that is not whitespace. Bytes are checked
/// first: only text with non-ASCII characters is decoded, from the first one.
fn has_visible_char(s: &str) -> bool {
    match s.bytes().position(|b| !matches!(b, b'\t'..=b'\r' | b' ')) {
        None => false,
        Some(i) if s.as_bytes()[i].is_ascii() => true,
        Some(i) => s[i..].chars().any(|c| !c.is_whitespace()),
    }
}

/// The elements below `root` that hold text or media, computed bottom-up in
/// one linear pass.
pub(crate) fn elements_with_content(root: &NodeRef) -> PtrSet {
    let mut with_content = PtrSet::default();
    if let NodeData::Text { contents } = &root.0.data {
        if has_visible_char(&contents.borrow()) {
            with_content.insert(Rc::as_ptr(&root.0));
        }
        return with_content;
    }
    // Open elements with the index of their next child and whether content
    // was found below them; child lists are read in place.
    let mut stack: Vec<(Handle, usize, bool)> = vec![(root.0.clone(), 0, false)];
    while let Some((node, next, found)) = stack.last_mut() {
        let kids = node.children.borrow();
        let Some(child) = kids.get(*next) else {
            drop(kids);
            if let Some((node, _, found)) = stack.pop() {
                let has = found || is_media(&node);
                if has {
                    with_content.insert(Rc::as_ptr(&node));
                }
                if let Some(parent) = stack.last_mut() {
                    parent.2 |= has;
                }
            }
            continue;
        };
        *next += 1;
        match &child.data {
            NodeData::Text { contents } if has_visible_char(&contents.borrow()) => {
                with_content.insert(Rc::as_ptr(child));
                *found = true;
            }
            NodeData::Element { .. } => {
                let child = child.clone();
                drop(kids);
                stack.push((child, 0, false));
            }
            _ => {}
        }
    }
    with_content
}

fn is_media(node: &Handle) -> bool {
    matches!(&node.data, NodeData::Element { name, .. } if MEDIA_TAGS.contains(&&*name.local))
}

impl Rule for EmptyContainers {
    fn name(&self) -> &str {
        "empty-containers"
    }

    fn apply(&self, doc: &mut Document, _cx: &Context<'_>) -> Result<(), RuleError> {
        let with_content = elements_with_content(&doc.body());
        doc.walk(|_, el| {
            if el.tag().is_some_and(is_kept_empty) || with_content.contains(&Rc::as_ptr(&el.0)) {
                Verdict::Keep
            } else if el.descendants().any(|n| {
                n.tag()
                    .is_some_and(|t| is_kept_empty(t) && t != "br" && t != "wbr")
            }) {
                // A table or rule inside: keep the structure around it.
                Verdict::Keep
            } else {
                Verdict::Remove
            }
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::tests::apply;

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
