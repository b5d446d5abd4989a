//! CSS selectors on the document tree, through the `selectors` crate.
//!
//! [`Selector::parse`] accepts what a stylesheet would, minus
//! pseudo-elements and state pseudo-classes (`:hover`, `:visited`): type,
//! class, id and attribute selectors (`[a]`, `[a=v]`, `~=`, `|=`, `^=`,
//! `$=`, `*=`, ` i`), all four combinators, `:not()`, `:is()`, `:where()`,
//! `:has()`, `:empty`, `:root` and the `:nth-*`/`:first-*`/`:last-*`/`:only-*`
//! family.
//!
//! Matching runs over a snapshot of the tree ([`MatchTree`]): rules collect
//! what matches first and change the document afterwards, the way a
//! stylesheet applies to a page as it is.

use std::borrow::Borrow;
use std::fmt;

use cssparser::{ParseError, Parser as CssParser, ToCss};
use precomputed_hash::PrecomputedHash;
use selectors::attr::{AttrSelectorOperation, CaseSensitivity, NamespaceConstraint};
use selectors::bloom::BloomFilter;
use selectors::context::{
    MatchingContext, MatchingForInvalidation, MatchingMode, NeedsSelectorFlags, QuirksMode,
    SelectorCaches,
};
use selectors::matching::{matches_selector_list, ElementSelectorFlags};
use selectors::parser::{ParseRelative, SelectorParseErrorKind};
use selectors::{OpaqueElement, SelectorList};

use crate::dom::{Document, NodeRef, PtrSet, Verdict};
use crate::error::{Error, RuleError};
use crate::rule::{Context, Rule};

/// A string as the selector engine stores it (names, ids, classes, values).
#[derive(Clone, PartialEq, Eq, Default, Debug, Hash)]
pub(crate) struct CssStr(String);

impl From<&str> for CssStr {
    fn from(s: &str) -> Self {
        CssStr(s.to_string())
    }
}
impl AsRef<str> for CssStr {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
impl Borrow<str> for CssStr {
    fn borrow(&self) -> &str {
        &self.0
    }
}
impl ToCss for CssStr {
    fn to_css<W: fmt::Write>(&self, dest: &mut W) -> fmt::Result {
        cssparser::serialize_identifier(&self.0, dest)
    }
}
impl PrecomputedHash for CssStr {
    fn precomputed_hash(&self) -> u32 {
        // FNV-1a: only used for the (unused) bloom filter path.
        self.0.bytes().fold(0x811c_9dc5u32, |h, b| {
            (h ^ b as u32).wrapping_mul(0x0100_0193)
        })
    }
}

impl CssStr {
    /// The string.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

/// No state pseudo-classes and no pseudo-elements are supported: an
/// uninhabited type.
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) enum Unsupported {}

impl ToCss for Unsupported {
    fn to_css<W: fmt::Write>(&self, _: &mut W) -> fmt::Result {
        match *self {}
    }
}
impl selectors::parser::NonTSPseudoClass for Unsupported {
    fn is_active_or_hover(&self) -> bool {
        match *self {}
    }
    fn is_user_action_state(&self) -> bool {
        match *self {}
    }
}
impl selectors::parser::PseudoElement for Unsupported {}

/// The selector engine's view of our types.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Impl;

impl selectors::SelectorImpl for Impl {
    type ExtraMatchingData<'a> = ();
    type AttrValue = CssStr;
    type Identifier = CssStr;
    type LocalName = CssStr;
    type NamespaceUrl = CssStr;
    type NamespacePrefix = CssStr;
    type BorrowedNamespaceUrl = str;
    type BorrowedLocalName = str;
    type NonTSPseudoClass = Unsupported;
    type PseudoElement = Unsupported;
}

struct SelectorParser;

impl<'i> selectors::Parser<'i> for SelectorParser {
    type Impl = Impl;
    type Error = SelectorParseErrorKind;

    fn parse_has(&self) -> bool {
        true
    }
    fn parse_is_and_where(&self) -> bool {
        true
    }
}

/// A parsed CSS selector list (`div.ad, #promo > a`).
///
/// ```
/// use article_clean::{Document, rulesets::Selector};
///
/// let sel = Selector::parse("div.ad:not(.keep), aside:has(> a[href*='shop'])")?;
/// let doc = Document::parse("<div class=ad>x</div><div class='ad keep'>y</div><aside><a href=/shop>z</a></aside>");
/// let tags: Vec<String> = doc.select(&sel).iter().map(|n| n.describe()).collect();
/// assert_eq!(tags, ["div.ad", "aside"]);
/// assert!(Selector::parse("div::before").is_err());
/// # Ok::<(), article_clean::Error>(())
/// ```
#[derive(Clone)]
pub struct Selector {
    source: String,
    pub(crate) list: SelectorList<Impl>,
}

impl fmt::Debug for Selector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Selector({:?})", self.source)
    }
}

impl PartialEq for Selector {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Selector {
    /// Parses a selector list; the error quotes the selector and says why.
    pub fn parse(selector: &str) -> Result<Selector, Error> {
        let invalid = |reason: String| Error::InvalidSelector {
            selector: selector.to_string(),
            reason,
        };
        if selector.trim().is_empty() {
            return Err(invalid("empty selector".into()));
        }
        let mut parser = CssParser::new(selector);
        let list = SelectorList::parse(&SelectorParser, &mut parser, ParseRelative::No)
            .map_err(|e| invalid(describe_error(&e)))?;
        parser
            .expect_exhausted()
            .map_err(|e| invalid(format!("unexpected {:?}", e.kind)))?;
        Ok(Selector {
            source: selector.to_string(),
            list,
        })
    }

    /// The text the selector was parsed from.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// The selectors of the list, for indexing (see [`crate::rulesets::cosmetic`]).
    pub(crate) fn parts(&self) -> &[selectors::parser::Selector<Impl>] {
        self.list.slice()
    }
}

fn describe_error(e: &ParseError<SelectorParseErrorKind>) -> String {
    use cssparser::ParseErrorKind;
    let what = match &e.kind {
        ParseErrorKind::Basic(b) => format!("{b:?}"),
        ParseErrorKind::Custom(c) => match c {
            SelectorParseErrorKind::UnsupportedPseudoClassOrElement => {
                "unsupported pseudo-class or pseudo-element".to_string()
            }
            SelectorParseErrorKind::EmptySelector => "empty selector".to_string(),
            SelectorParseErrorKind::DanglingCombinator => "dangling combinator".to_string(),
            other => format!("{other:?}"),
        },
    };
    what
}

/// A snapshot of a document's elements that the selector engine can walk:
/// indices into a vector, so element handles are `Copy` and no unsafe code
/// is needed.
pub(crate) struct MatchTree {
    nodes: Vec<Slot>,
}

struct Slot {
    node: NodeRef,
    parent: Option<u32>,
    prev: Option<u32>,
    next: Option<u32>,
    first_child: Option<u32>,
    last_child: Option<u32>,
}

impl MatchTree {
    /// Snapshots the elements of the tree `node` belongs to (from its
    /// topmost element ancestor down), in document order.
    pub(crate) fn new(node: &NodeRef) -> MatchTree {
        let top = std::iter::once(node.clone())
            .chain(node.ancestors())
            .filter(NodeRef::is_element)
            .last()
            .unwrap_or_else(|| node.clone());
        let mut nodes: Vec<Slot> = Vec::new();
        let mut stack: Vec<(NodeRef, Option<u32>)> = vec![(top, None)];
        while let Some((node, parent)) = stack.pop() {
            let me = nodes.len() as u32;
            let mut prev = None;
            if let Some(p) = parent {
                let ps = &mut nodes[p as usize];
                prev = ps.last_child;
                ps.last_child = Some(me);
                if ps.first_child.is_none() {
                    ps.first_child = Some(me);
                }
            }
            if let Some(pr) = prev {
                nodes[pr as usize].next = Some(me);
            }
            stack.extend(
                node.child_nodes()
                    .rev()
                    .filter(NodeRef::is_element)
                    .map(|c| (c, Some(me))),
            );
            nodes.push(Slot {
                node,
                parent,
                prev,
                next: None,
                first_child: None,
                last_child: None,
            });
        }
        MatchTree { nodes }
    }

    /// Number of elements in the snapshot.
    pub(crate) fn len(&self) -> usize {
        self.nodes.len()
    }

    /// The element at `index` (document order).
    pub(crate) fn node(&self, index: usize) -> NodeRef {
        self.nodes[index].node.clone()
    }

    /// The index of `node` in the snapshot (linear search).
    pub(crate) fn index_of(&self, node: &NodeRef) -> Option<usize> {
        self.nodes.iter().position(|s| s.node == *node)
    }

    /// One past the last index of the subtree rooted at `index`
    /// (snapshots are in document order, so subtrees are contiguous).
    pub(crate) fn subtree_end(&self, index: usize) -> usize {
        let mut cur = Some(index as u32);
        while let Some(i) = cur {
            let slot = &self.nodes[i as usize];
            if let Some(next) = slot.next {
                return next as usize;
            }
            cur = slot.parent;
        }
        self.nodes.len()
    }

    /// Runs `f` with a matcher over this snapshot.
    pub(crate) fn with_matcher<T>(&self, f: impl FnOnce(&mut Matcher<'_, '_>) -> T) -> T {
        let mut caches = SelectorCaches::default();
        let cx = MatchingContext::new(
            MatchingMode::Normal,
            None,
            &mut caches,
            QuirksMode::NoQuirks,
            NeedsSelectorFlags::No,
            MatchingForInvalidation::No,
        );
        let mut m = Matcher { tree: self, cx };
        f(&mut m)
    }
}

/// Matches selectors against the elements of a [`MatchTree`].
pub(crate) struct Matcher<'t, 'c> {
    tree: &'t MatchTree,
    cx: MatchingContext<'c, Impl>,
}

impl Matcher<'_, '_> {
    /// True if the element at `index` matches any selector of `selector`.
    pub(crate) fn matches(&mut self, index: usize, selector: &Selector) -> bool {
        let el = El {
            tree: self.tree,
            i: index as u32,
        };
        matches_selector_list(&selector.list, el, &mut self.cx)
    }

    /// True if the element at `index` matches this one selector of a list.
    pub(crate) fn matches_one(
        &mut self,
        index: usize,
        selector: &selectors::parser::Selector<Impl>,
    ) -> bool {
        let el = El {
            tree: self.tree,
            i: index as u32,
        };
        selectors::matching::matches_selector(selector, 0, None, el, &mut self.cx)
    }
}

/// An element of a [`MatchTree`], as the selector engine sees it.
#[derive(Clone, Copy)]
pub(crate) struct El<'a> {
    tree: &'a MatchTree,
    i: u32,
}

impl fmt::Debug for El<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.node())
    }
}

impl<'a> El<'a> {
    fn slot(&self) -> &'a Slot {
        &self.tree.nodes[self.i as usize]
    }
    fn node(&self) -> &'a NodeRef {
        &self.slot().node
    }
    fn at(&self, i: Option<u32>) -> Option<Self> {
        i.map(|i| El { tree: self.tree, i })
    }
    fn with_attr<T>(&self, name: &str, f: impl FnOnce(&str) -> T) -> Option<T> {
        self.node().with_attr(name, f)
    }
}

impl selectors::Element for El<'_> {
    type Impl = Impl;

    fn opaque(&self) -> OpaqueElement {
        // The slot stands for its node: one per element, as long as the
        // snapshot lives.
        OpaqueElement::new(self.slot())
    }
    fn parent_element(&self) -> Option<Self> {
        self.at(self.slot().parent)
    }
    fn parent_node_is_shadow_root(&self) -> bool {
        false
    }
    fn containing_shadow_host(&self) -> Option<Self> {
        None
    }
    fn is_pseudo_element(&self) -> bool {
        false
    }
    fn prev_sibling_element(&self) -> Option<Self> {
        self.at(self.slot().prev)
    }
    fn next_sibling_element(&self) -> Option<Self> {
        self.at(self.slot().next)
    }
    fn first_element_child(&self) -> Option<Self> {
        self.at(self.slot().first_child)
    }
    fn is_html_element_in_html_document(&self) -> bool {
        self.node().is_html_element()
    }
    fn has_local_name(&self, local_name: &str) -> bool {
        self.node().is(local_name)
    }
    fn has_namespace(&self, ns: &str) -> bool {
        self.node().namespace() == Some(ns)
    }
    fn is_same_type(&self, other: &Self) -> bool {
        self.node().same_name(other.node())
    }
    fn attr_matches(
        &self,
        ns: &NamespaceConstraint<&CssStr>,
        local_name: &CssStr,
        operation: &AttrSelectorOperation<&CssStr>,
    ) -> bool {
        self.node().any_attr(|a| {
            a.name == local_name.as_str()
                && match ns {
                    NamespaceConstraint::Any => true,
                    NamespaceConstraint::Specific(url) => a.ns == url.as_str(),
                }
                && operation.eval_str(a.value)
        })
    }
    fn match_non_ts_pseudo_class(
        &self,
        pc: &Unsupported,
        _: &mut MatchingContext<'_, Impl>,
    ) -> bool {
        match *pc {}
    }
    fn match_pseudo_element(&self, pe: &Unsupported, _: &mut MatchingContext<'_, Impl>) -> bool {
        match *pe {}
    }
    fn apply_selector_flags(&self, _: ElementSelectorFlags) {}
    fn is_link(&self) -> bool {
        self.node().is_any(&["a", "area", "link"]) && self.with_attr("href", |_| ()).is_some()
    }
    fn is_html_slot_element(&self) -> bool {
        false
    }
    fn has_id(&self, id: &CssStr, case_sensitivity: CaseSensitivity) -> bool {
        self.with_attr("id", |v| {
            case_sensitivity.eq(v.as_bytes(), id.as_str().as_bytes())
        })
        .unwrap_or(false)
    }
    fn has_class(&self, name: &CssStr, case_sensitivity: CaseSensitivity) -> bool {
        self.with_attr("class", |v| {
            v.split_ascii_whitespace()
                .any(|c| case_sensitivity.eq(c.as_bytes(), name.as_str().as_bytes()))
        })
        .unwrap_or(false)
    }
    fn has_custom_state(&self, _: &CssStr) -> bool {
        false
    }
    fn imported_part(&self, _: &CssStr) -> Option<CssStr> {
        None
    }
    fn is_part(&self, _: &CssStr) -> bool {
        false
    }
    fn is_empty(&self) -> bool {
        self.node().child_nodes().all(|c| match c.kind() {
            crate::dom::NodeKind::Element => false,
            crate::dom::NodeKind::Text => c.with_text(str::is_empty).unwrap_or(true),
            _ => true,
        })
    }
    fn is_root(&self) -> bool {
        self.slot().parent.is_none()
    }
    fn add_element_unique_hashes(&self, _: &mut BloomFilter) -> bool {
        false
    }
}

impl NodeRef {
    /// True if this element matches `selector`. Builds a snapshot of the
    /// whole tree for one answer: to test many elements, use
    /// [`Document::select`].
    pub fn matches(&self, selector: &Selector) -> bool {
        if !self.is_element() {
            return false;
        }
        let tree = MatchTree::new(self);
        match tree.index_of(self) {
            Some(i) => tree.with_matcher(|m| m.matches(i, selector)),
            None => false,
        }
    }
}

impl Document {
    /// The elements of the body that match `selector`, in document order.
    pub fn select(&self, selector: &Selector) -> Vec<NodeRef> {
        let tree = MatchTree::new(&self.body());
        let body = tree.index_of(&self.body()).unwrap_or(0);
        tree.with_matcher(|m| {
            (body + 1..tree.len())
                .filter(|&i| m.matches(i, selector))
                .map(|i| tree.node(i))
                .filter(|n| n.ancestors().any(|a| a == self.body()))
                .collect()
        })
    }
}

/// Applies `verdict` to every element of the body whose node is in `nodes`,
/// in one walk.
pub(crate) fn apply_to(doc: &mut Document, nodes: &PtrSet, verdict: Verdict) {
    if nodes.is_empty() {
        return;
    }
    doc.walk(|_, el| {
        if nodes.contains(&el.key()) {
            verdict.clone()
        } else {
            Verdict::Keep
        }
    });
}

/// What a [`SelectorRule`] does to the elements it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SelectorAction {
    Remove,
    Unwrap,
}

/// A rule that removes (or unwraps) every element matching any of its selectors.
///
/// ```
/// use article_clean::{Cleaner, rulesets::{Selector, SelectorRule}};
///
/// let rule = SelectorRule::remove("no-promos", [Selector::parse("div.teaser, #see-also")?]);
/// let cleaner = Cleaner::builder().selector_rule(rule).build()?;
/// let cleaned = cleaner.clean("<p>Story.</p><div class=teaser>Other</div><p id=see-also>More</p>")?;
/// assert_eq!(cleaned.html(), "<p>Story.</p>\n");
/// assert_eq!(cleaned.report().removed_by("no-promos"), 2);
/// # Ok::<(), article_clean::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct SelectorRule {
    name: String,
    selectors: Vec<Selector>,
    action: SelectorAction,
}

impl SelectorRule {
    /// A rule named `name` that removes what `selectors` match.
    pub fn remove(name: &str, selectors: impl IntoIterator<Item = Selector>) -> Self {
        SelectorRule {
            name: name.to_string(),
            selectors: selectors.into_iter().collect(),
            action: SelectorAction::Remove,
        }
    }

    /// A rule named `name` that replaces what `selectors` match by its children.
    pub fn unwrap(name: &str, selectors: impl IntoIterator<Item = Selector>) -> Self {
        SelectorRule {
            name: name.to_string(),
            selectors: selectors.into_iter().collect(),
            action: SelectorAction::Unwrap,
        }
    }

    /// The selectors.
    pub fn selectors(&self) -> &[Selector] {
        &self.selectors
    }
}

impl Rule for SelectorRule {
    fn name(&self) -> &str {
        &self.name
    }

    fn apply(&self, doc: &mut Document, _cx: &Context<'_>) -> Result<(), RuleError> {
        let mut hits = PtrSet::default();
        for sel in &self.selectors {
            for n in doc.select(sel) {
                hits.insert(n.key());
            }
        }
        let verdict = match self.action {
            SelectorAction::Remove => Verdict::Remove,
            SelectorAction::Unwrap => Verdict::Unwrap,
        };
        apply_to(doc, &hits, verdict);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::tests::apply;

    fn select(html: &str, sel: &str) -> Vec<String> {
        let doc = Document::parse(html);
        doc.select(&Selector::parse(sel).unwrap())
            .iter()
            .map(NodeRef::describe)
            .collect()
    }

    #[test]
    fn matches_classes_ids_attributes_and_combinators() {
        let html = r#"<div id=main class="a b"><p class=x>1</p><span data-k="v1 v2">2</span><p>3</p></div><p class=x>4</p>"#;
        assert_eq!(select(html, ".a.b > p.x"), ["p.x"]);
        assert_eq!(select(html, "#main p"), ["p.x", "p"]);
        assert_eq!(select(html, "[data-k~=v2]"), ["span"]);
        assert_eq!(select(html, "[data-k^=v1]"), ["span"]);
        assert_eq!(select(html, "p.x + span ~ p"), ["p"]);
        assert_eq!(select(html, "p:not(.x)"), ["p"]);
        assert_eq!(select(html, "div:has(span)"), ["div#main.a.b"]);
        assert_eq!(
            select(html, "p:first-child, body > p:last-child"),
            ["p.x", "p.x"]
        );
        assert_eq!(select(html, "body > *:nth-child(2)"), ["p.x"]);
        assert_eq!(
            select(html, "P.X"),
            Vec::<String>::new(),
            "classes are case-sensitive"
        );
        assert_eq!(select(html, "DIV > SPAN"), ["span"], "tags are not");
    }

    #[test]
    fn invalid_selectors_are_errors_quoting_the_selector() {
        for bad in ["", "div[", "p::before", "a:hover", "..x", "div >", "#"] {
            let err = Selector::parse(bad).unwrap_err();
            assert!(
                matches!(&err, Error::InvalidSelector { selector, .. } if selector == bad),
                "{bad}: {err}"
            );
            assert!(err.to_string().contains(&format!("{bad:?}")), "{err}");
        }
    }

    #[test]
    fn node_matches() {
        let doc = Document::parse("<ul><li class=a>x</li></ul>");
        let li = doc.elements_by_tag("li").next().unwrap();
        assert!(li.matches(&Selector::parse("ul > li.a").unwrap()));
        assert!(!li.matches(&Selector::parse("ol li").unwrap()));
    }

    #[test]
    fn selector_rules_remove_and_unwrap() {
        let rule = SelectorRule::unwrap("unwrap-spans", [Selector::parse("span.w").unwrap()]);
        let (out, edits) = apply(
            &rule,
            "<p><span class=w>a <b>b</b></span><span>c</span></p>",
        );
        assert_eq!(out, "<p>a <b>b</b><span>c</span></p>");
        assert_eq!(edits.len(), 1);
        let rule = SelectorRule::remove("rm", [Selector::parse("div.ad, div.ad p").unwrap()]);
        let (out, edits) = apply(&rule, "<div class=ad><p>x</p></div><p>y</p>");
        assert_eq!(out, "<p>y</p>");
        assert_eq!(edits.len(), 1, "nested matches go with their ancestor");
    }
}
