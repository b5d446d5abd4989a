//! `empty-containers`: removes elements left with no visible text and no
//! media once the other rules have run: empty ad wrappers, `<a name>`
//! anchors, spacer `<div>`s, lists with no items. Line breaks, rules and
//! table cells are structure, not containers, and stay.

use std::collections::HashSet;
use std::rc::Rc;

use super::MEDIA_TAGS;
use crate::dom::{Document, NodeRef, Verdict};
use crate::error::RuleError;
use crate::rule::{Context, Rule};

/// Removes elements with no text and no media. See the [module docs](self).
#[derive(Debug, Clone, Copy, Default)]
pub struct EmptyContainers;

/// Elements that mean something while empty.
const KEPT_EMPTY: &[&str] = &[
    "br", "hr", "td", "th", "tr", "thead", "tbody", "tfoot", "col", "colgroup", "wbr",
];

/// The elements below `root` that hold text or media, computed bottom-up in
/// one linear pass.
pub(crate) fn elements_with_content(root: &NodeRef) -> HashSet<*const markup5ever_rcdom::Node> {
    let nodes: Vec<NodeRef> = root.descendants_and_self().collect();
    let mut with_content = HashSet::new();
    // Pre-order reversed visits every child before its parent.
    for node in nodes.iter().rev() {
        let has = if node.is_element() {
            node.is_any(MEDIA_TAGS)
                || node
                    .children()
                    .iter()
                    .any(|c| with_content.contains(&Rc::as_ptr(&c.0)))
        } else {
            node.with_text(|t| t.chars().any(|c| !c.is_whitespace()))
                .unwrap_or(false)
        };
        if has {
            with_content.insert(Rc::as_ptr(&node.0));
        }
    }
    with_content
}

impl Rule for EmptyContainers {
    fn name(&self) -> &str {
        "empty-containers"
    }

    fn apply(&self, doc: &mut Document, _cx: &Context<'_>) -> Result<(), RuleError> {
        let with_content = elements_with_content(&doc.body());
        doc.walk(|_, el| {
            if el.is_any(KEPT_EMPTY) || with_content.contains(&Rc::as_ptr(&el.0)) {
                Verdict::Keep
            } else if el
                .descendants()
                .any(|n| n.is_any(KEPT_EMPTY) && !n.is("br") && !n.is("wbr"))
            {
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
