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

mod document;
mod journal;
pub(crate) mod measure;
mod node;
pub(crate) mod parse;
mod tracked;
pub(crate) mod visit;

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use markup5ever_rcdom::Node;

pub use document::{Document, Verdict};
pub use journal::Changes;
pub(crate) use journal::{Edit, Touch};
pub(crate) use measure::{count_visible_chars, has_visible_char};

pub use node::{Descendants, NodeKind, NodeRef};
pub(crate) use tracked::Tracked;
pub(crate) use visit::{Step, Visit};

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

/// A node's identity: its address, unique while the node lives. The key
/// of [`PtrSet`] and [`PtrMap`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) struct NodeKey(*const Node);

impl NodeKey {
    pub(super) fn of(handle: &markup5ever_rcdom::Handle) -> NodeKey {
        NodeKey(std::rc::Rc::as_ptr(handle))
    }
}

/// A set of nodes, by address.
pub(crate) type PtrSet = HashSet<NodeKey, BuildHasherDefault<PtrHasher>>;

/// A map keyed by node address.
pub(crate) type PtrMap<V> = HashMap<NodeKey, V, BuildHasherDefault<PtrHasher>>;
