//! Read-only visits of a subtree, with an explicit stack: no recursion per
//! tree level, so any depth is safe.

use std::cell::Cell;

use markup5ever_rcdom::Handle;

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
