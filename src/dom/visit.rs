//! Read-only visits of a subtree, with an explicit stack: no recursion per
//! tree level, so any depth is safe.
//!
//! Two shapes, for the crate: [`NodeRef::visit_below`] asks one question of
//! each node in document order, [`NodeRef::walk_below`] also says when an
//! element's children are done (serializers, bottom-up measurements).
//! Inside `dom`, the measures use [`visit_handles_below`], which hands out
//! the tree's own handles without cloning them.

use std::cell::Cell;

use markup5ever_rcdom::Handle;

use super::NodeRef;

/// What a visit does after visiting a node.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Visit {
    /// Go on into the node's children.
    Descend,
    /// Go on with the node's next sibling.
    Skip,
    /// The question is answered: visit nothing more.
    Stop,
}

/// One step of [`NodeRef::walk_below`].
#[derive(Clone, Copy, Debug)]
pub(crate) enum Step<'a> {
    /// A node is reached, before anything below it.
    Enter(&'a NodeRef),
    /// The children of an element entered with [`Visit::Descend`] are done
    /// (at once for an element without children).
    Leave(&'a NodeRef),
}

impl NodeRef {
    /// Visits every node below this one (not itself) in document order;
    /// `visit` says whether to go into each node's children, skip them or
    /// stop.
    ///
    /// Read-only: `visit` must not change the tree. A "more than N
    /// characters?" question about the `<div>` holding the whole article
    /// costs N characters, not the article.
    pub(crate) fn visit_below(&self, mut visit: impl FnMut(&NodeRef) -> Visit) {
        thread_local! {
            // Rules ask small questions of thousands of elements; a stack
            // kept per thread saves an allocation per question. A visit
            // started from inside another one finds it taken and uses a
            // fresh one.
            static STACK: Cell<Vec<(NodeRef, usize)>> = const { Cell::new(Vec::new()) };
        }
        let mut stack = STACK.take();
        stack.push((self.clone(), 0));
        while let Some((node, next)) = stack.last_mut() {
            let Some(child) = next_child(node, next) else {
                stack.pop();
                continue;
            };
            match visit(&child) {
                Visit::Stop => break,
                Visit::Descend if child.has_children() => stack.push((child, 0)),
                _ => {}
            }
        }
        stack.clear();
        STACK.set(stack);
    }

    /// Walks the nodes below this one (not itself) in document order:
    /// [`Step::Enter`] for each node, and [`Step::Leave`] for each element
    /// whose `Enter` answered [`Visit::Descend`], once its children are
    /// done. What `Enter` answers for other nodes only counts if it is
    /// [`Visit::Stop`]; what `Leave` answers only if it is `Stop`.
    ///
    /// Read-only, like [`visit_below`](Self::visit_below).
    pub(crate) fn walk_below(&self, mut step: impl FnMut(Step<'_>) -> Visit) {
        let mut stack: Vec<(NodeRef, usize)> = vec![(self.clone(), 0)];
        while let Some((node, next)) = stack.last_mut() {
            let Some(child) = next_child(node, next) else {
                let Some((done, _)) = stack.pop() else {
                    break;
                };
                if !stack.is_empty() && step(Step::Leave(&done)) == Visit::Stop {
                    return;
                }
                continue;
            };
            match step(Step::Enter(&child)) {
                Visit::Stop => return,
                Visit::Descend if child.is_element() => {
                    if child.has_children() {
                        stack.push((child, 0));
                    } else if step(Step::Leave(&child)) == Visit::Stop {
                        return;
                    }
                }
                _ => {}
            }
        }
    }
}

/// The child of `node` at `*next`, moving `*next` past it.
#[inline(always)]
fn next_child(node: &NodeRef, next: &mut usize) -> Option<NodeRef> {
    let child = node.0.children.borrow().get(*next).cloned()?;
    *next += 1;
    Some(NodeRef(child))
}

/// Visits every node below `root` (not `root` itself) in document order,
/// as the tree's own handles: the measures inside `dom` that run over
/// whole pages (text lengths, excerpts) pay no reference count per node.
/// Only nodes that are descended into are cloned onto the stack. `visit`
/// must not change the tree.
pub(super) fn visit_handles_below(root: &Handle, visit: impl FnMut(&Handle) -> Visit) {
    thread_local! {
        static STACK: Cell<Vec<(Handle, usize)>> = const { Cell::new(Vec::new()) };
    }
    let mut stack = STACK.take();
    visit_handles_with(root, visit, &mut stack);
    stack.clear();
    STACK.set(stack);
}

fn visit_handles_with(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::Document;

    /// Both visits see every node once, in document order, and the walk
    /// leaves each element it entered after its children.
    #[test]
    fn visits_agree_with_the_descendants() {
        let doc = Document::parse(
            "<div><p>a<b>b</b><i></i></p><!-- c --><ul><li>d</li></ul></div>e<br><img>",
        );
        let body = doc.body();
        let want: Vec<NodeRef> = body.descendants().collect();
        let mut seen = Vec::new();
        body.visit_below(|n| {
            seen.push(n.clone());
            Visit::Descend
        });
        assert_eq!(seen, want);
        let mut entered = Vec::new();
        let mut trace = String::new();
        body.walk_below(|step| {
            match step {
                Step::Enter(n) => {
                    entered.push(n.clone());
                    trace.push_str(&format!("<{}", n.tag().unwrap_or("#")));
                }
                Step::Leave(n) => trace.push_str(&format!(">{}", n.tag().unwrap_or("?"))),
            }
            Visit::Descend
        });
        assert_eq!(entered, want);
        assert_eq!(
            trace,
            "<div<p<#<b<#>b<i>i>p<#<ul<li<#>li>ul>div<#<br>br<img>img"
        );
        // Skipping a node leaves out what is below it, and its Leave.
        let mut trace = String::new();
        body.walk_below(|step| {
            if let Step::Enter(n) = step {
                trace.push_str(n.tag().unwrap_or("#"));
                if n.is("p") {
                    return Visit::Skip;
                }
            }
            Visit::Descend
        });
        assert_eq!(trace, "divp#ulli##brimg");
    }
}
