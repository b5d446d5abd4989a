//! A measurement of the tree kept valid through every change: the hook the
//! page-facts layer hangs on. The document builds it when first asked,
//! then, whenever it is asked again, hands it the nodes every change since
//! has touched (see `Changes::touched`), so it can bring the parts they
//! affect up to date instead of measuring the whole tree again.
//!
//! `dom` knows nothing of what is measured: the measurement is any type
//! that implements [`Tracked`].

use std::any::Any;
use std::cell::{Ref, RefCell};

use super::{Document, NodeRef, Touch};

/// A measurement of a document's tree that follows its changes.
pub(crate) trait Tracked: Any {
    /// Brings the measurement up to date with `doc` after changes that
    /// touched `touched`: parents whose child lists changed, elements whose
    /// attributes changed, text nodes whose text changed, each with what
    /// changed. A node may be listed more than once, in any order, and may
    /// since have been detached; a roll-back touches again what it
    /// restores.
    fn catch_up(&mut self, doc: &Document, touched: Vec<(NodeRef, Touch)>);
}

/// The one tracked measurement of a document, of any [`Tracked`] type.
pub(super) struct Slot {
    value: Box<dyn Any>,
    /// `T::catch_up` for the type `value` holds.
    catch_up: fn(&mut dyn Any, &Document, Vec<(NodeRef, Touch)>),
}

fn catch_up_as<T: Tracked>(value: &mut dyn Any, doc: &Document, touched: Vec<(NodeRef, Touch)>) {
    if let Some(value) = value.downcast_mut::<T>() {
        value.catch_up(doc, touched);
    }
}

impl Document {
    /// The tracked measurement of type `T`, up to date: built by `build`
    /// the first time (or when one of another type was kept), caught up
    /// with the changes made since it was last asked for otherwise.
    ///
    /// While the returned borrow lives the tree cannot change (changes
    /// need `&mut Document`), so the measurement stays right.
    pub(crate) fn tracked<T: Tracked>(&self, build: impl FnOnce(&Document) -> T) -> Ref<'_, T> {
        if !self.catch_up::<T>() {
            let value = build(self);
            // Changes from now on are noted; none before counts.
            self.changes.tracking.set(true);
            self.changes.touched.borrow_mut().clear();
            *self.tracked.borrow_mut() = Some(Slot {
                value: Box::new(value),
                catch_up: catch_up_as::<T>,
            });
        }
        self.kept::<T>()
            .expect("a measurement of this type was just kept")
    }

    /// The tracked measurement, measured afresh by `build` whatever was
    /// kept (a measurement that now needs more than it kept).
    pub(crate) fn remeasure<T: Tracked>(&self, build: impl FnOnce(&Document) -> T) -> Ref<'_, T> {
        let value = build(self);
        // Changes from now on are noted; none before counts.
        self.changes.tracking.set(true);
        self.changes.touched.borrow_mut().clear();
        *self.tracked.borrow_mut() = Some(Slot {
            value: Box::new(value),
            catch_up: catch_up_as::<T>,
        });
        self.kept::<T>()
            .expect("a measurement of this type was just kept")
    }

    /// Catches the kept measurement up if it is a `T`; false if none is.
    /// With nothing to catch up it only looks, so it may be asked while
    /// the measurement is borrowed.
    fn catch_up<T: Tracked>(&self) -> bool {
        let kept = self
            .tracked
            .borrow()
            .as_ref()
            .is_some_and(|kept| kept.value.is::<T>());
        if !kept || self.changes.touched.borrow().is_empty() {
            return kept;
        }
        let touched = self.changes.touched.take();
        let mut slot = self.tracked.borrow_mut();
        if let Some(kept) = slot.as_mut() {
            let touched = touched
                .into_iter()
                .map(|(node, touch)| (NodeRef(node), touch))
                .collect();
            (kept.catch_up)(kept.value.as_mut(), self, touched);
        }
        true
    }

    fn kept<T: Tracked>(&self) -> Option<Ref<'_, T>> {
        Ref::filter_map(self.tracked.borrow(), |slot| {
            slot.as_ref()
                .and_then(|kept| kept.value.downcast_ref::<T>())
        })
        .ok()
    }
}

/// The document's slot for its tracked measurement.
pub(super) type TrackedSlot = RefCell<Option<Slot>>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::PtrMap;

    /// What a change can alter about one element: its attributes, which
    /// nodes its children are and the text of those that are text.
    fn shape(el: &NodeRef) -> String {
        let mut out = format!("{:?}", el.attrs());
        for child in el.child_nodes() {
            match child.text() {
                Some(text) => out.push_str(&format!(" {text:?}")),
                None => out.push_str(&format!(" {:?}", child.key())),
            }
        }
        out
    }

    /// The shape of every element, kept up to date from the touched nodes
    /// alone: right only if every change notes every node it alters. Each
    /// element is held, so no new node can take a measured one's address.
    struct Shapes(PtrMap<(NodeRef, String)>);

    impl Shapes {
        fn of(doc: &Document) -> Shapes {
            let mut shapes = PtrMap::default();
            for el in doc
                .body()
                .descendants_and_self()
                .filter(NodeRef::is_element)
            {
                shapes.insert(el.key(), (el.clone(), shape(&el)));
            }
            Shapes(shapes)
        }
    }

    impl Tracked for Shapes {
        fn catch_up(&mut self, _doc: &Document, touched: Vec<(NodeRef, Touch)>) {
            for (node, touch) in touched {
                // Text changes only on text nodes, attributes only on
                // elements (a text node unwrapped counts as a child list).
                match node.kind() {
                    crate::dom::NodeKind::Element => assert_ne!(touch, Touch::Text),
                    _ => assert_ne!(touch, Touch::Attributes),
                }
                let el = if node.is_element() {
                    Some(node)
                } else {
                    node.parent()
                };
                if let Some(el) = el {
                    self.0.insert(el.key(), (el.clone(), shape(&el)));
                }
            }
        }
    }

    #[test]
    fn every_change_and_every_roll_back_notes_what_it_touched() {
        for seed in 1..=300u64 {
            let mut doc = Document::parse(crate::testing::MIXED);
            let mut rand = crate::testing::xorshift(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
            // Changes before the first measurement are not noted, and need not be.
            crate::testing::random_change(&mut doc, &mut rand);
            for round in 0..8 {
                drop(doc.tracked(Shapes::of));
                for _ in 0..1 + rand() % 4 {
                    crate::testing::random_change(&mut doc, &mut rand);
                }
                match rand() % 3 {
                    0 => drop(doc.commit()),
                    1 => drop(doc.roll_back()),
                    _ => {}
                }
                let kept = doc.tracked(Shapes::of);
                // New elements were never measured; every other one is right.
                for el in doc
                    .body()
                    .descendants_and_self()
                    .filter(NodeRef::is_element)
                {
                    if let Some((_, kept)) = kept.0.get(&el.key()) {
                        assert_eq!(*kept, shape(&el), "seed {seed} round {round}: {el:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn nothing_is_noted_until_a_measurement_is_kept() {
        let mut doc = Document::parse("<p>a</p><p>b</p>");
        let first = doc.body().first_child().expect("a paragraph");
        doc.remove(&first);
        assert!(doc.changes.touched.borrow().is_empty());
        drop(doc.tracked(Shapes::of));
        let second = doc.body().first_child().expect("a paragraph");
        doc.remove(&second);
        assert_eq!(doc.changes.touched.borrow().len(), 1);
        drop(doc.tracked(Shapes::of));
        assert!(doc.changes.touched.borrow().is_empty());
    }
}
