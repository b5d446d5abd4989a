//! The page facts: for every element of the page, what its names say (read
//! once against every vocabulary, see [`names::read`]), its tag, and what
//! is below it (visible text, link and paragraph text, commas, links,
//! images, media, headings, blocks: see [`sums`]), taken in one bottom-up
//! pass when a rule first asks ([`Document::facts`]) and kept valid
//! through every change after.
//!
//! Asked element by element, each question is a walk of the element's
//! subtree, and nested wrappers make those walks overlap; asked of every
//! rule, the names are split again by each. Here every answer is a
//! lookup.
//!
//! # Kept valid
//!
//! Each element's facts hold the sums of its children. Every change to the
//! tree notes the nodes it touched (see `dom::Tracked`); when the facts are
//! next asked for, each touched element is read and summed again from its
//! children (measuring children never seen before), and the difference its
//! contribution to its parent made is carried up through its ancestors.
//! The contributions are linear (see [`sums`]), so the order in which the
//! touched nodes are taken does not matter, a node touched twice costs no
//! more than once, and a roll-back is just more touched nodes. A change
//! costs its depth; when most of the page changed, it is measured afresh.
//! The tests below check every answer against a fresh measurement after
//! random edits and roll-backs.
//!
//! Each element measured is held by the facts, so no new node can take its
//! address while the document lives.

mod sums;

use std::cell::{Ref, RefCell};

use crate::dom::{
    count_visible_chars, Document, NodeRef, PtrMap, PtrSet, Step, Touch, Tracked, Visit,
};
use crate::html::tags::Tag;
use crate::page::names::{self, Marks, Names, Reading};
use sums::{contribution, count_commas, own, Roles, Sum, Sums};

/// The facts of every element of a document's body.
pub(crate) struct Facts {
    /// Every element measured, each at its id.
    entries: Vec<Entry>,
    /// The id of each element measured.
    ids: PtrMap<u32>,
    /// The body measured.
    body: NodeRef,
    /// The body's elements in document order; `None` once a child list
    /// changed, until it is next asked for.
    order: RefCell<Option<Order>>,
    /// Elements read with an `id` that may be their heading made into an
    /// anchor ([`Marks::ANCHOR_ID`]): while there are any, a change below
    /// an element may change what its names say.
    anchor_ids: usize,
    /// Measure afresh when most of the page changed (off only in tests of
    /// the catching up).
    remeasure: bool,
    /// Reads each distinct `id` and class value of the page once.
    reader: names::Reader,
    /// Commas are counted ([`Facts::measure_prose`]): only the page scoring
    /// reads them, and finding them in all the text costs.
    commas: bool,
}

struct Entry {
    /// Held: see the module docs.
    node: NodeRef,
    fact: Fact,
}

/// The elements of the body in document order (the body first), by id,
/// each with the end of its subtree: an element's subtree is the range
/// from its place to its end.
#[derive(Default)]
struct Order {
    ids: Vec<u32>,
    ends: Vec<u32>,
}

/// One element's facts.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fact {
    tag: Tag,
    reading: Reading,
    /// The reading's names as they stand ([`Reading::names_of`]).
    names: Names,
    roles: Roles,
    /// The sums of the element's children.
    below: Sums,
}

impl Fact {
    /// Reads `el` (its sums are added later).
    fn read(el: &NodeRef, reader: &mut names::Reader) -> Fact {
        let tag = el.tag_id();
        let reading = reader.read(el);
        let names = reading.names_of(el);
        Fact {
            tag,
            reading,
            names,
            roles: Roles::of(tag, names, reading.marks),
            below: Sums::default(),
        }
    }

    fn contribution(&self) -> Sums {
        contribution(self.roles, &self.below)
    }

    fn own(&self, sum: Sum) -> usize {
        own(self.roles, &self.below, false)[sum] as usize
    }

    /// The element's tag.
    pub(crate) fn tag(&self) -> Tag {
        self.tag
    }

    /// What the element's names say.
    pub(crate) fn names(&self) -> Names {
        self.names
    }

    /// What the element's other attributes mark.
    pub(crate) fn marks(&self) -> Marks {
        self.reading.marks
    }

    /// [`NodeRef::text_len`].
    pub(crate) fn text_len(&self) -> usize {
        self.own(Sum::Text)
    }

    /// [`NodeRef::paragraph_len`].
    pub(crate) fn paragraph_len(&self) -> usize {
        self.own(Sum::Paragraph)
    }

    /// An `<a>` is below.
    pub(crate) fn has_link_below(&self) -> bool {
        self.below[Sum::Links] > 0
    }

    /// An `<img>` is below.
    pub(crate) fn has_img_below(&self) -> bool {
        self.below[Sum::Images] > 0
    }

    /// A [`MEDIA`](crate::html::tags::MEDIA) element is below.
    pub(crate) fn has_media_below(&self) -> bool {
        self.below[Sum::Media] > 0
    }

    /// A [`SHOWN_MEDIA`](crate::html::tags::SHOWN_MEDIA) element (media
    /// the HTML output keeps) is below.
    pub(crate) fn has_shown_media_below(&self) -> bool {
        self.below[Sum::ShownMedia] > 0
    }

    /// [`NodeRef::has_visible_text`].
    pub(crate) fn has_visible_text(&self) -> bool {
        self.below[Sum::AnyText] > 0
    }

    /// An element with a URL attribute holding a query is below.
    pub(crate) fn has_query_below(&self) -> bool {
        self.below[Sum::Queries] > 0
    }

    /// Table parts, cells or rules are below ([`EMPTY_STRUCTURE`](crate::html::tags::EMPTY_STRUCTURE)).
    pub(crate) fn has_structure_below(&self) -> bool {
        self.below[Sum::Structure] > 0
    }

    /// Hidden from sight by its attributes (`hidden`, `display: none`,
    /// `visibility: hidden`), for the page scoring; never an element that
    /// is not shown anyway ([`UNSEEN`](crate::html::tags::UNSEEN)).
    pub(crate) fn is_hidden(&self) -> bool {
        self.roles.has(Roles::HIDDEN)
    }

    /// What the page scoring reads of the element. `root` is the element
    /// it starts from, read even when hidden. The commas are only counted
    /// in the facts of [`Document::prose_facts`].
    pub(crate) fn prose(&self, root: bool) -> Prose {
        let own = own(self.roles, &self.below, root);
        let n = |sum: Sum| own[sum] as usize;
        Prose {
            text: n(Sum::SeenText),
            link_text: n(Sum::SeenLinkText),
            commas: n(Sum::Commas),
            loose_text: n(Sum::LooseText),
            loose_link_text: n(Sum::LooseLinkText),
            loose_commas: n(Sum::LooseCommas),
            holds_blocks: own[Sum::Blocks] > 0,
            headings: n(Sum::Headings),
            media: n(Sum::Figures),
            elements: n(Sum::Elements),
        }
    }
}

/// An element as [`Facts::visit_in_order`] hands it.
pub(crate) struct InOrder<'a> {
    pub node: &'a NodeRef,
    pub fact: &'a Fact,
    /// Its place in document order.
    pub place: usize,
    /// One past the place of the last element of its subtree.
    pub end: usize,
}

/// What the page scoring reads of an element: the text it sees below it
/// (nothing below an element never shown as text or hidden), as visible
/// characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Prose {
    /// Text below the element.
    pub text: usize,
    /// Text below the element that is inside links.
    pub link_text: usize,
    /// Commas (any script's) in the text below.
    pub commas: usize,
    /// Text of the element's own prose: below it but not inside a block
    /// element below it (for a `<p>`, all its text; for a `<div>` holding
    /// paragraphs and a bare line, the bare line).
    pub loose_text: usize,
    /// [`loose_text`](Self::loose_text) inside links.
    pub loose_link_text: usize,
    /// Commas in the [`loose_text`](Self::loose_text).
    pub loose_commas: usize,
    /// Some block element is below this one.
    pub holds_blocks: bool,
    /// Headings below.
    pub headings: usize,
    /// Images and other media below (embedded frames and objects too).
    pub media: usize,
    /// Elements below (all kinds).
    pub elements: usize,
}

/// A touched node list longer than this share of the measured elements is
/// cheaper to measure afresh than to catch up with, node by node.
const CATCH_UP_SHARE: usize = 2;

impl Facts {
    /// Measures every element of `doc`'s body, in one pass.
    pub(crate) fn measure(doc: &Document) -> Facts {
        Facts::measure_with(doc, false)
    }

    /// [`Facts::measure`], commas counted too (see [`Facts::prose`]).
    pub(crate) fn measure_prose(doc: &Document) -> Facts {
        Facts::measure_with(doc, true)
    }

    fn measure_with(doc: &Document, commas: bool) -> Facts {
        let body = doc.body();
        let mut facts = Facts {
            entries: Vec::with_capacity(256),
            ids: PtrMap::with_capacity_and_hasher(256, Default::default()),
            body: body.clone(),
            order: RefCell::new(None),
            anchor_ids: 0,
            remeasure: true,
            reader: names::Reader::default(),
            commas,
        };
        let mut order = Order::default();
        facts.measure_below(&body, Some(&mut order));
        *facts.order.get_mut() = Some(order);
        facts
    }

    fn id(&self, el: &NodeRef) -> Option<usize> {
        self.ids.get(&el.key()).map(|&id| id as usize)
    }

    fn fact(&self, el: &NodeRef) -> Option<&Fact> {
        self.id(el).map(|id| &self.entries[id].fact)
    }

    fn fact_mut(&mut self, el: &NodeRef) -> Option<&mut Fact> {
        let id = self.id(el)?;
        Some(&mut self.entries[id].fact)
    }

    /// Keeps `fact` as `el`'s facts; returns `el`'s id.
    fn keep(&mut self, el: &NodeRef, fact: Fact) -> u32 {
        if fact.reading.marks.has(Marks::ANCHOR_ID) {
            self.anchor_ids += 1;
        }
        match self.ids.entry(el.key()) {
            std::collections::hash_map::Entry::Occupied(id) => {
                let id = *id.get();
                self.entries[id as usize].fact = fact;
                id
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                let id = self.entries.len() as u32;
                slot.insert(id);
                self.entries.push(Entry {
                    node: el.clone(),
                    fact,
                });
                id
            }
        }
    }

    /// Measures `root` and every element below it not measured yet (an
    /// element measured before is taken as it is: if anything below it
    /// changed since, it was touched, and catching up puts it right).
    /// With `order`, lists them in document order there (for a root none
    /// of whose elements was measured).
    fn measure_below(&mut self, root: &NodeRef, mut order: Option<&mut Order>) {
        if !root.is_element() {
            return;
        }
        let mut reader = std::mem::take(&mut self.reader);
        // Post-order: each open element with its children's sums so far,
        // and its place in the order.
        let mut open = vec![(Fact::read(root, &mut reader), 0)];
        if let Some(order) = order.as_deref_mut() {
            order.ids.push(0);
            order.ends.push(0);
        }
        root.walk_below(|step| match step {
            Step::Enter(node) if node.is_element() => {
                // Listing, nothing below the root was measured: a node met
                // again is one a child list holds twice, listed again.
                let seen = if order.is_none() {
                    self.fact(node)
                } else {
                    None
                };
                if let Some(fact) = seen {
                    let up = fact.contribution();
                    if let Some((parent, _)) = open.last_mut() {
                        parent.below.add(&up);
                    }
                    return Visit::Skip;
                }
                let place = match order.as_deref_mut() {
                    Some(order) => {
                        order.ids.push(0);
                        order.ends.push(0);
                        order.ids.len() - 1
                    }
                    None => 0,
                };
                open.push((Fact::read(node, &mut reader), place));
                Visit::Descend
            }
            Step::Enter(node) => {
                if let Some((parent, _)) = open.last_mut() {
                    add_text(parent, node, self.commas);
                }
                Visit::Skip
            }
            Step::Leave(el) => {
                if let Some((fact, place)) = open.pop() {
                    if let Some((parent, _)) = open.last_mut() {
                        parent.below.add(&fact.contribution());
                    }
                    let id = self.keep(el, fact);
                    if let Some(order) = order.as_deref_mut() {
                        order.ids[place] = id;
                        order.ends[place] = order.ids.len() as u32;
                    }
                }
                Visit::Descend
            }
        });
        if let Some((fact, place)) = open.pop() {
            let id = self.keep(root, fact);
            if let Some(order) = order {
                order.ids[place] = id;
                order.ends[place] = order.ids.len() as u32;
            }
        }
        self.reader = reader;
    }

    /// The body's elements in document order, listed again if a child
    /// list changed since they were; `None` if an element has no facts
    /// (never, once caught up).
    fn order(&self) -> Option<Ref<'_, Order>> {
        if self.order.borrow().is_none() {
            let mut order = Order::default();
            let mut open = Vec::new();
            let mut listed = self.id(&self.body).is_some();
            if let Some(id) = self.id(&self.body) {
                order.ids.push(id as u32);
                order.ends.push(0);
                open.push(0);
            }
            self.body.walk_below(|step| match step {
                Step::Enter(node) if node.is_element() => {
                    let Some(id) = self.id(node) else {
                        listed = false;
                        return Visit::Stop;
                    };
                    open.push(order.ids.len());
                    order.ids.push(id as u32);
                    order.ends.push(0);
                    Visit::Descend
                }
                Step::Enter(_) => Visit::Skip,
                Step::Leave(_) => {
                    if let Some(place) = open.pop() {
                        order.ends[place] = order.ids.len() as u32;
                    }
                    Visit::Descend
                }
            });
            if !listed {
                return None;
            }
            order.ends[0] = order.ids.len() as u32;
            *self.order.borrow_mut() = Some(order);
        }
        Ref::filter_map(self.order.borrow(), Option::as_ref).ok()
    }

    /// Visits the elements below the body in document order, each with
    /// its facts: `visit` says whether to go below it, skip what is below
    /// it, or stop. Read from the facts' list of the body's elements, with
    /// no walk of the tree unless a child list changed since it was made.
    pub(crate) fn visit_elements(&self, mut visit: impl FnMut(&NodeRef, &Fact) -> Visit) {
        let Some(order) = self.order() else {
            // Not caught up: walk the tree.
            self.body.visit_below(|node| match self.fact(node) {
                Some(fact) => visit(node, fact),
                None if node.is_element() => Visit::Descend,
                None => Visit::Skip,
            });
            return;
        };
        let mut place = 1;
        while place < order.ids.len() {
            let entry = &self.entries[order.ids[place] as usize];
            place = match visit(&entry.node, &entry.fact) {
                Visit::Descend => place + 1,
                Visit::Skip => order.ends[place] as usize,
                Visit::Stop => return,
            };
        }
    }

    /// Reads `el` again and sums its children again, then carries the
    /// change in what it adds to its parent up through its ancestors.
    fn refresh(&mut self, el: &NodeRef, pending: &PtrSet, anchors: &mut Vec<NodeRef>) {
        let before = self.fact(el).map(Fact::contribution);
        let mut fact = Fact::read(el, &mut self.reader);
        for child in el.child_nodes() {
            if !child.is_element() {
                add_text(&mut fact, &child, self.commas);
                continue;
            }
            if self.fact(&child).is_none() {
                self.measure_below(&child, None);
            }
            if let Some(measured) = self.fact(&child) {
                fact.below.add(&measured.contribution());
            }
        }
        let after = fact.contribution();
        self.keep(el, fact);
        let change = match before {
            Some(before) => after.minus(&before),
            // Its parent was touched when it was put there, and sums it
            // afresh; what is above knows nothing of it yet.
            None => Sums::default(),
        };
        self.carry_up(el, change, pending, anchors);
    }

    /// Adds `change`, the change in what `from` adds to its parent, to the
    /// ancestors of `from`, each passing on the change in its own
    /// contribution, up to the first one still `pending` (it will be
    /// summed afresh). Ancestors whose `id` may be a heading anchor are
    /// listed in `anchors`, as what is below them changed.
    fn carry_up(
        &mut self,
        from: &NodeRef,
        mut change: Sums,
        pending: &PtrSet,
        anchors: &mut Vec<NodeRef>,
    ) {
        let mut at = from.parent();
        while let Some(el) = at {
            if change.is_zero() && self.anchor_ids == 0 || pending.contains(&el.key()) {
                return;
            }
            match self.fact_mut(&el) {
                Some(fact) => {
                    if fact.reading.marks.has(Marks::ANCHOR_ID) {
                        anchors.push(el.clone());
                    }
                    if !change.is_zero() {
                        let before = fact.contribution();
                        fact.below.add(&change);
                        change = fact.contribution().minus(&before);
                    }
                }
                // Never measured: it is new, and its parent sums it afresh.
                None => change = Sums::default(),
            }
            at = el.parent();
        }
    }

    /// Reads again what the names of `el`, whose `id` may be its heading
    /// made into an anchor, say now that its heading may have changed.
    fn reread_anchor(&mut self, el: &NodeRef) {
        let Some(&fact) = self.fact(el) else {
            return;
        };
        let names = fact.reading.names_of(el);
        if names == fact.names {
            return;
        }
        let before = fact.contribution();
        let fact = Fact {
            names,
            roles: Roles::of(fact.tag, names, fact.reading.marks),
            ..fact
        };
        let change = fact.contribution().minus(&before);
        if let Some(kept) = self.fact_mut(el) {
            *kept = fact;
        }
        self.carry_up(el, change, &PtrSet::default(), &mut Vec::new());
    }

    /// Visits the body and the elements below it in document order, as
    /// [`visit_elements`](Self::visit_elements) does, each with its place
    /// in that order and the end of its subtree there (the body is at
    /// place 0). False, having visited nothing, if the facts are not
    /// caught up with the tree (never, once asked for through the
    /// document).
    pub(crate) fn visit_in_order(&self, mut visit: impl FnMut(InOrder<'_>) -> Visit) -> bool {
        let Some(order) = self.order() else {
            return false;
        };
        let mut place = 0;
        while place < order.ids.len() {
            let entry = &self.entries[order.ids[place] as usize];
            let end = order.ends[place] as usize;
            let step = visit(InOrder {
                node: &entry.node,
                fact: &entry.fact,
                place,
                end,
            });
            place = match step {
                Visit::Descend => place + 1,
                Visit::Skip => end,
                Visit::Stop => break,
            };
        }
        true
    }

    /// True if `found` is true for an element below the body.
    pub(crate) fn visit_any(&self, mut found: impl FnMut(&Fact) -> bool) -> bool {
        let mut any = false;
        self.visit_elements(|_, fact| {
            any = found(fact);
            if any {
                Visit::Stop
            } else {
                Visit::Descend
            }
        });
        any
    }

    /// The facts of `el`, if it was measured (every element of the body is).
    pub(crate) fn of(&self, el: &NodeRef) -> Option<&Fact> {
        self.fact(el)
    }

    /// What `el`'s names say: read for a measured element, read now for
    /// any other.
    pub(crate) fn names(&self, el: &NodeRef) -> Names {
        self.fact(el)
            .map_or_else(|| names::read(el).names_of(el), |f| f.names)
    }

    /// [`NodeRef::text_len`]. Like every answer here, looked up for a
    /// measured element and walked for any other node.
    pub(crate) fn text_len(&self, el: &NodeRef) -> usize {
        self.fact(el).map_or_else(|| el.text_len(), Fact::text_len)
    }

    /// [`NodeRef::paragraph_len`].
    pub(crate) fn paragraph_len(&self, el: &NodeRef) -> usize {
        self.fact(el)
            .map_or_else(|| el.paragraph_len(), Fact::paragraph_len)
    }

    /// The paragraph text of `el` outside reader comment sections (see
    /// [`Document::paragraph_text_len`]).
    fn story_len(&self, el: &NodeRef) -> usize {
        self.fact(el).map_or_else(
            || {
                el.paragraph_len_skipping(|e| {
                    names::read(e).names_of(e).has(Names::COMMENT_SECTION)
                })
            },
            |f| f.own(Sum::Story),
        )
    }
}

/// Adds what text node `node` holds to `parent`'s sums, its commas too
/// if `commas`.
fn add_text(parent: &mut Fact, node: &NodeRef, commas: bool) {
    node.with_text(|t| {
        let visible = count_visible_chars(t) as u32;
        // Commas count only where the page scoring sees the text.
        let commas = if !commas || visible == 0 || parent.roles.has(Roles::UNSEEN) {
            0
        } else {
            count_commas(t)
        };
        parent.below.add_text(parent.roles, visible, commas);
    });
}

impl Tracked for Facts {
    fn catch_up(&mut self, doc: &Document, touched: Vec<(NodeRef, Touch)>) {
        if self.remeasure && touched.len() * CATCH_UP_SHARE > self.entries.len() {
            *self = Facts::measure_with(doc, self.commas);
            return;
        }
        // The order holds while only attributes and text changed.
        if touched.iter().any(|(_, touch)| *touch == Touch::Children) {
            *self.order.get_mut() = None;
        }
        // The touched elements (a text node's text is its parent's to sum),
        // each once, deepest first: every change carried up from below
        // reaches an element before it is summed afresh, and stops there.
        // (A node taken out of the tree may still point at its old parent,
        // which then no longer holds it: that parent was touched by the
        // change that took it out, so nothing is carried past it.)
        let mut pending = PtrSet::default();
        let mut order: Vec<(usize, NodeRef)> = Vec::with_capacity(touched.len());
        for (node, _) in touched {
            let el = if node.is_element() {
                Some(node)
            } else {
                node.parent()
            };
            if let Some(el) = el.filter(|el| pending.insert(el.key())) {
                order.push((el.ancestors().count(), el));
            }
        }
        order.sort_by_key(|(depth, _)| std::cmp::Reverse(*depth));
        let mut anchors = Vec::new();
        for (_, el) in order {
            pending.remove(&el.key());
            self.refresh(&el, &pending, &mut anchors);
        }
        let mut reread = PtrSet::default();
        for el in anchors {
            if reread.insert(el.key()) {
                self.reread_anchor(&el);
            }
        }
    }
}

impl Document {
    /// The page facts, taken when first asked for and kept valid through
    /// every change since.
    pub(crate) fn facts(&self) -> Ref<'_, Facts> {
        self.tracked(Facts::measure)
    }

    /// [`Document::facts`] with the commas of the text counted, for the
    /// page scoring ([`Fact::prose`]): measured afresh the first time.
    pub(crate) fn prose_facts(&self) -> Ref<'_, Facts> {
        let facts = self.tracked(Facts::measure_prose);
        if facts.commas {
            return facts;
        }
        drop(facts);
        self.remeasure(Facts::measure_prose)
    }

    /// Number of non-whitespace text characters inside `<p>` elements (and
    /// headings, list items, table cells, captions and block quotes outside
    /// them), not counting comment sections: the measure the pipeline uses
    /// to notice a rule that would empty the article. (A reader comment
    /// thread longer than the story is common on scraped pages; removing it
    /// does not empty the article.)
    ///
    /// Read from the page facts, which the pipeline keeps up to date
    /// through every change: it asks after every rule.
    pub fn paragraph_text_len(&self) -> usize {
        let body = self.body();
        self.facts().story_len(&body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::Document;
    use crate::html::tags::{MEDIA, NOT_TEXT, PARAGRAPHS, SHOWN_MEDIA};

    /// The plain answers, walked through the subtree of `el`.
    fn walked(el: &NodeRef) -> [usize; 11] {
        let comment = |e: &NodeRef| names::read(e).names_of(e).has(Names::COMMENT_SECTION);
        let below = |f: &dyn Fn(&NodeRef) -> bool| usize::from(el.descendants().any(|n| f(&n)));
        let query = |n: &NodeRef| {
            let mut found = false;
            n.for_each_attr(|name, value| {
                found |=
                    crate::html::attributes::URL_ATTRIBUTES.contains(&name) && value.contains('?');
            });
            found
        };
        [
            el.text_len(),
            el.paragraph_len(),
            usize::from(el.contains_tag(&["a"])),
            usize::from(el.contains_tag(&["img"])),
            usize::from(el.contains_any(MEDIA)),
            usize::from(el.contains_any(SHOWN_MEDIA)),
            usize::from(el.has_visible_text()),
            el.paragraph_len_skipping(comment),
            names::read(el).names_of(el).has(Names::COMMENT_SECTION) as usize,
            below(&query),
            below(&|n| n.is_in(crate::html::tags::EMPTY_STRUCTURE)),
        ]
    }

    fn looked_up(facts: &Facts, el: &NodeRef) -> [usize; 11] {
        let fact = facts.of(el);
        [
            facts.text_len(el),
            facts.paragraph_len(el),
            usize::from(fact.map_or_else(|| el.contains_tag(&["a"]), Fact::has_link_below)),
            usize::from(fact.map_or_else(|| el.contains_tag(&["img"]), Fact::has_img_below)),
            usize::from(
                facts
                    .of(el)
                    .map_or_else(|| el.contains_any(MEDIA), Fact::has_media_below),
            ),
            usize::from(
                fact.map_or_else(|| el.contains_any(SHOWN_MEDIA), Fact::has_shown_media_below),
            ),
            usize::from(fact.map_or_else(|| el.has_visible_text(), Fact::has_visible_text)),
            facts.story_len(el),
            facts.names(el).has(Names::COMMENT_SECTION) as usize,
            fact.map_or(0, |f| usize::from(f.has_query_below())),
            fact.map_or(0, |f| usize::from(f.has_structure_below())),
        ]
    }

    /// Every fact of every element below `root` equals a fresh
    /// measurement of the document as it stands.
    fn assert_fresh(facts: &Facts, doc: &Document, what: &str) {
        let fresh = Facts::measure(doc);
        for el in doc
            .body()
            .descendants_and_self()
            .filter(NodeRef::is_element)
        {
            let kept = facts.of(&el).expect("every element of the body measured");
            let new = fresh.of(&el).expect("measured");
            assert_eq!(kept.names, new.names, "names of {el:?} {what}");
            assert_eq!(kept.reading, new.reading, "reading of {el:?} {what}");
            assert_eq!(kept.roles, new.roles, "roles of {el:?} {what}");
            assert_eq!(kept.below, new.below, "sums of {el:?} {what}");
        }
    }

    /// The elements a visit reaches, skipping below every third one, read
    /// from `facts` or walked.
    fn visited(body: &NodeRef, facts: Option<&Facts>) -> Vec<NodeRef> {
        let mut seen = Vec::new();
        let mut step = |el: &NodeRef| {
            seen.push(el.clone());
            if seen.len() % 3 == 0 {
                Visit::Skip
            } else {
                Visit::Descend
            }
        };
        match facts {
            Some(facts) => facts.visit_elements(|el, _| step(el)),
            None => body.visit_below(|n| if n.is_element() { step(n) } else { Visit::Skip }),
        }
        seen
    }

    /// Every element of `html`, measured both ways.
    fn assert_agrees(html: &str) {
        let doc = Document::parse(html);
        let facts = Facts::measure(&doc);
        for el in doc
            .body()
            .descendants_and_self()
            .filter(NodeRef::is_element)
        {
            assert!(facts.of(&el).is_some(), "{el:?} measured");
            assert_eq!(looked_up(&facts, &el), walked(&el), "{el:?} in {html}");
        }
    }

    #[test]
    fn measurements_equal_the_subtree_walks() {
        for html in [
            "<p>One <b>two</b> three</p><div><div><p>Nested <a href=x>link</a></p></div></div>",
            "<div>Text <script>var x = 1;</script><style>p{}</style> after</div>",
            "<a href=x><script>only code</script><img src=i.png></a>",
            "<a href=x> \u{3000}\u{a0} <img src=i.png></a><p>\u{3000}</p>",
            "<ul><li>One<p>inner para</p></li><li><blockquote>quote<p>deep</p></blockquote></li></ul>",
            "<noscript><p>fallback text</p></noscript><template><p>inert</p></template>",
            "<table><tr><td>cell <iframe src=v></iframe></td><th>head<video></video></th></tr></table>",
            "<div><h2>Heading</h2><span>side <svg><text>drawn</text></svg></span></div>",
            "<p></p><div><!-- a comment --></div><textarea>typed</textarea>",
            r#"<div><!-- c --><a href="/x?utm_source=y">q</a><img srcset="a.png?x 2x"><form><input></form><video src=v></video></div><table><tr><td><hr></td></tr></table>"#,
            r#"<div id="comments"><p>A reader.</p></div><p class="comment">Para</p><section id="comments-and-replies"><h2>Comments and replies</h2><p>Story.</p></section>"#,
            "",
        ] {
            assert_agrees(html);
        }
        for page in crate::testing::fixture_pages() {
            assert_agrees(&page);
        }
    }

    #[test]
    fn every_string_over_a_small_alphabet_agrees() {
        // Pieces chosen to meet every case of the pass: nesting, paragraphs
        // in and out of not-text elements, links, media, blank text.
        let pieces = [
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<a href=x>",
            "</a>",
            "<img src=i>",
            "<script>",
            "</script>",
            "w",
            " ",
            "\u{3000}",
        ];
        for html in crate::testing::all_sequences(&pieces, 3) {
            assert_agrees(&html);
        }
        // And longer pages, drawn at random from the same pieces.
        let mut random = crate::testing::xorshift(0x5eed);
        for _ in 0..300 {
            let html: String = (0..10)
                .map(|_| pieces[random() as usize % pieces.len()])
                .collect();
            assert_agrees(&html);
        }
    }

    /// A page with what the facts must follow through edits: names of
    /// every vocabulary, a heading-anchor id, hidden and unseen elements,
    /// commas, links, paragraphs in a comment section.
    pub(super) const EDITED_PAGE: &str = r#"<div id="post-1-body" class="entry-content"><h2>Post 1 body</h2><p>One, two <a href="/x">three</a>，四、五</p><div class="comments" style="display:none"><p>A reader, <b>here</b>.</p></div></div><section id="comments-and-more"><h2>Comments and more</h2><p>Said, and done.</p><script>var a = "x,y";</script></section><aside class="sidebar share"><ul><li><a href="/y">Y</a></li></ul><img src="i.png"></aside><p hidden>gone, away</p><nav><a href="/">Home</a></nav>"#;

    #[test]
    fn kept_facts_equal_fresh_ones_after_random_edits_and_roll_backs() {
        use crate::testing::{random_change, xorshift, MIXED};
        let mut checked = 0;
        for page in [EDITED_PAGE, MIXED] {
            for seed in 1..=250u64 {
                let mut doc = Document::parse(page);
                let mut rand = xorshift(seed.wrapping_mul(0x2545_f491_4f6c_dd1d) | 1);
                // Caught up node by node however much changed (odd seeds),
                // or measured afresh past their patience (even ones).
                drop(doc.tracked(|doc| Facts {
                    remeasure: seed % 2 == 0,
                    ..Facts::measure(doc)
                }));
                for round in 0..6 {
                    for _ in 0..1 + rand() % 4 {
                        random_change(&mut doc, &mut rand);
                    }
                    match rand() % 3 {
                        0 => drop(doc.commit()),
                        1 => drop(doc.roll_back()),
                        _ => {}
                    }
                    let facts = doc.facts();
                    assert_fresh(&facts, &doc, &format!("seed {seed} round {round}"));
                    assert_eq!(
                        visited(&doc.body(), Some(&facts)),
                        visited(&doc.body(), None),
                        "seed {seed} round {round}"
                    );
                    for el in doc
                        .body()
                        .descendants_and_self()
                        .filter(NodeRef::is_element)
                    {
                        assert_eq!(looked_up(&facts, &el), walked(&el), "{el:?}");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    #[test]
    fn a_heading_anchor_is_read_again_when_its_heading_changes() {
        let mut doc = Document::parse(
            r#"<section id="comments-and-more"><h2>Comments <b>and</b> more</h2><p>Story text here.</p></section>"#,
        );
        drop(doc.tracked(|doc| Facts {
            remeasure: false,
            ..Facts::measure(doc)
        }));
        let section = doc.body().first_child().expect("the section");
        assert!(!doc.facts().names(&section).has(Names::COMMENT_SECTION));
        let story = doc.paragraph_text_len();
        // The heading's words change deep inside it: the id is a name again.
        let bold = doc.elements_by_tag("b").next().expect("the bold word");
        let word = bold.first_child().expect("its text");
        doc.set_text(&word, "or");
        assert!(doc.facts().names(&section).has(Names::COMMENT_SECTION));
        assert_eq!(doc.paragraph_text_len(), 0);
        assert_fresh(&doc.facts(), &doc, "after the heading changed");
        doc.roll_back();
        assert_eq!(doc.paragraph_text_len(), story);
        assert_fresh(&doc.facts(), &doc, "after the roll-back");
    }

    #[test]
    fn nodes_never_measured_are_walked() {
        let doc = Document::parse("<div><p>x <a href=y>z</a></p></div><p>w</p>");
        let facts = Facts::measure(&doc);
        let detached = Document::parse("<div><p>v <img src=i></p></div>");
        let div = detached.body().first_child().expect("a div");
        assert!(facts.of(&div).is_none());
        assert_eq!(facts.text_len(&div), 1);
        assert_eq!(facts.paragraph_len(&div), 1);
        assert_eq!(facts.names(&div), Names::default());
        assert!(NOT_TEXT.contains(Tag::named("script")) && PARAGRAPHS.contains(Tag::named("p")));
    }
}
