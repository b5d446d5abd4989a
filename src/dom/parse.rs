//! Parsing under budgets: html5ever's tokenizer and tree builder, over a
//! tree sink of our own that builds the `markup5ever_rcdom` tree while
//! counting the nodes it creates and the depth it places each element at.
//!
//! html5ever's tree builder walks its stack of open elements for many
//! tags, so a page nested N deep costs O(N²); and its active-formatting
//! list rebuilds every open `<b>`, `<i>`, `<font>` ... for each later
//! paragraph, so 58 KB can make millions of nodes. Neither can be seen
//! reliably before the parse (a slash, a stray end tag or an odd comment
//! changes what nests). So the sink measures the tree as it is built, and
//! once a budget is passed the parse stops at the next tag: the tokenizer
//! is suspended the way it is for a script, and never resumed.
//!
//! The sink builds exactly the tree `markup5ever_rcdom`'s own sink does,
//! with three differences: parse errors are not kept (nothing reads them,
//! and garbage input makes one per byte), `<selectedcontent>` does not get
//! a copy of the selected `<option>` (forms never reach the output), and a
//! node's place among its siblings is searched from the end, where the
//! tree builder inserts.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::rc::Rc;

use html5ever::buffer_queue::BufferQueue;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{
    ElementFlags, NodeOrText, QuirksMode, TreeBuilder, TreeBuilderOpts, TreeSink,
};
use html5ever::{Attribute, ExpandedName, QualName, TokenizerResult};
use markup5ever_rcdom::{Handle, Node, NodeData};

use super::{NodeKey, PtrMap};

/// What a parse may spend. Every limit is inclusive: a page exactly at
/// one is parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    /// Deepest element, counting `<html>` as depth 1.
    pub max_depth: usize,
    /// Nodes created, of every kind, the document node included.
    pub max_nodes: usize,
    /// Attributes on one element, those the parser adds to `<html>` and
    /// `<body>` from later copies of their tags included.
    pub max_attributes: usize,
}

impl Limits {
    /// No limit at all.
    pub const NONE: Limits = Limits {
        max_depth: usize::MAX,
        max_nodes: usize::MAX,
        max_attributes: usize::MAX,
    };
}

/// The first limit a parse passed, with how far it got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exceeded {
    Depth(usize),
    Nodes(usize),
    Attributes(usize),
}

/// The parse stopped: `exceeded` was passed around byte `offset` of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stopped {
    pub exceeded: Exceeded,
    pub offset: usize,
}

/// The parsed document node, and the number of nodes the parse created.
pub(crate) struct Parsed {
    pub document: Handle,
    #[cfg_attr(not(test), allow(dead_code))]
    pub nodes: usize,
}

/// Parses `html` as a whole document, the way a browser does, within `limits`.
pub(crate) fn parse(html: &str, limits: Limits, opts: TreeBuilderOpts) -> Result<Parsed, Stopped> {
    let sink = BudgetSink::new(limits);
    let tokenizer = Tokenizer::new(
        Stopping(TreeBuilder::new(sink, opts)),
        TokenizerOpts::default(),
    );
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    loop {
        match tokenizer.feed(&input) {
            TokenizerResult::Done => break,
            // A `</script>` (or an encoding hint) pauses the tokenizer; so
            // does the sink once a budget is passed.
            TokenizerResult::Script(_) | TokenizerResult::EncodingIndicator(_) => {
                if tokenizer.sink.0.sink.exceeded.get().is_some() {
                    break;
                }
            }
        }
    }
    let sink = &tokenizer.sink.0.sink;
    if let Some(exceeded) = sink.exceeded.get() {
        let mut left = 0;
        while let Some(rest) = input.pop_front() {
            left += rest.len();
        }
        return Err(Stopped {
            exceeded,
            offset: html.len().saturating_sub(left),
        });
    }
    tokenizer.end();
    let sink = &tokenizer.sink.0.sink;
    // The end of the input closes what is open, which creates nothing:
    // a budget passed there was passed before it.
    if let Some(exceeded) = sink.exceeded.get() {
        return Err(Stopped {
            exceeded,
            offset: html.len(),
        });
    }
    Ok(Parsed {
        document: sink.document.clone(),
        nodes: sink.nodes.get(),
    })
}

/// Hands tokens to the tree builder until its sink has passed a budget,
/// then drops them, and suspends the tokenizer at the first tag. (Only a
/// tag may suspend it: the tokenizer insists that text, comments and
/// the end of input are always taken.)
struct Stopping(TreeBuilder<Handle, BudgetSink>);

impl TokenSink for Stopping {
    type Handle = Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Handle> {
        if self.0.sink.exceeded.get().is_none() {
            return self.0.process_token(token, line_number);
        }
        match token {
            Token::TagToken(_) => TokenSinkResult::Script(self.0.sink.document.clone()),
            _ => TokenSinkResult::Continue,
        }
    }

    fn end(&self) {
        self.0.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.0
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// The tree sink: builds rcdom nodes and measures them against the limits.
struct BudgetSink {
    document: Handle,
    limits: Limits,
    /// Nodes created so far.
    nodes: Cell<usize>,
    /// The first limit passed.
    exceeded: Cell<Option<Exceeded>>,
    /// The ancestors of the element placed last, each with its depth, from
    /// the top of its tree: the tree builder places most elements into
    /// the one before, or into one of its ancestors, so the depth of the
    /// parent is found here, near the end. Emptied to the document whenever
    /// a node moves (its subtree's depths change).
    path: RefCell<Vec<(Handle, usize)>>,
    /// The depth of each `<template>`'s contents, which hang below no
    /// parent: the template's own depth.
    template_depths: RefCell<PtrMap<usize>>,
    /// The attribute names of the elements later tags add attributes to
    /// (`<html>`, `<body>`).
    attribute_names: RefCell<PtrMap<HashSet<QualName>>>,
}

impl BudgetSink {
    fn new(limits: Limits) -> BudgetSink {
        let document = Node::new(NodeData::Document);
        BudgetSink {
            path: RefCell::new(vec![(document.clone(), 0)]),
            document,
            limits,
            nodes: Cell::new(1),
            exceeded: Cell::new(None),
            template_depths: RefCell::new(PtrMap::default()),
            attribute_names: RefCell::new(PtrMap::default()),
        }
    }

    fn exceed(&self, what: Exceeded) {
        if self.exceeded.get().is_none() {
            self.exceeded.set(Some(what));
        }
    }

    /// Counts one new node against the budget.
    fn count_node(&self) {
        let nodes = self.nodes.get() + 1;
        self.nodes.set(nodes);
        if nodes > self.limits.max_nodes {
            self.exceed(Exceeded::Nodes(nodes));
        }
    }

    fn new_node(&self, data: NodeData) -> Handle {
        self.count_node();
        Node::new(data)
    }

    /// The depth of `node`, leaving the path ending at it. Amortised O(1)
    /// when `node` is on the path; otherwise its ancestors are walked once.
    fn depth_of(&self, node: &Handle) -> usize {
        let mut path = self.path.borrow_mut();
        if let Some(i) = path.iter().rposition(|(h, _)| Rc::ptr_eq(h, node)) {
            path.truncate(i + 1);
            return path[i].1;
        }
        let mut chain = vec![node.clone()];
        while let Some(parent) = parent_of(&chain[chain.len() - 1]) {
            chain.push(parent);
        }
        let top = &chain[chain.len() - 1];
        let base = self
            .template_depths
            .borrow()
            .get(&NodeKey::of(top))
            .copied()
            .unwrap_or(0);
        path.clear();
        path.extend(
            chain
                .into_iter()
                .rev()
                .enumerate()
                .map(|(i, h)| (h, base + i)),
        );
        base + path.len() - 1
    }

    /// Records `child`, an element just placed in `parent`, at its depth.
    fn placed(&self, parent: &Handle, child: &Handle) {
        let depth = self.depth_of(parent) + 1;
        if depth > self.limits.max_depth {
            self.exceed(Exceeded::Depth(depth));
        }
        self.path.borrow_mut().push((child.clone(), depth));
    }

    /// A node moved: the depths on the path may be wrong now.
    fn moved(&self) {
        let mut path = self.path.borrow_mut();
        path.clear();
        path.push((self.document.clone(), 0));
    }

    fn check_attributes(&self, count: usize) {
        if count > self.limits.max_attributes {
            self.exceed(Exceeded::Attributes(count));
        }
    }
}

fn parent_of(node: &Handle) -> Option<Handle> {
    let weak = node.parent.take();
    let parent = weak.as_ref().and_then(|w| w.upgrade());
    node.parent.set(weak);
    parent
}

/// `node`'s parent and its index there, searched from the end.
fn parent_and_index(node: &Handle) -> Option<(Handle, usize)> {
    let parent = parent_of(node)?;
    let i = parent
        .children
        .borrow()
        .iter()
        .rposition(|c| Rc::ptr_eq(c, node))?;
    Some((parent, i))
}

fn is_element(node: &Handle) -> bool {
    matches!(node.data, NodeData::Element { .. })
}

/// Appends `text` to `node` if it is a text node.
fn extend_text(node: &Handle, text: &str) -> bool {
    match &node.data {
        NodeData::Text { contents } => {
            contents.borrow_mut().push_slice(text);
            true
        }
        _ => false,
    }
}

fn detach(node: &Handle) {
    if let Some((parent, i)) = parent_and_index(node) {
        parent.children.borrow_mut().remove(i);
        node.parent.set(None);
    }
}

/// The name `elem_name` gives a node that is not an element (the tree
/// builder never asks).
static NO_NAME: std::sync::LazyLock<QualName> =
    std::sync::LazyLock::new(|| QualName::new(None, html5ever::ns!(), html5ever::local_name!("")));

impl TreeSink for BudgetSink {
    type Handle = Handle;
    type Output = Handle;
    type ElemName<'a> = ExpandedName<'a>;

    fn finish(self) -> Handle {
        self.document
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Handle {
        self.document.clone()
    }

    fn elem_name<'a>(&'a self, target: &'a Handle) -> ExpandedName<'a> {
        match &target.data {
            NodeData::Element { name, .. } => name.expanded(),
            _ => NO_NAME.expanded(),
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> Handle {
        self.check_attributes(attrs.len());
        let template_contents = flags.template.then(|| self.new_node(NodeData::Document));
        self.new_node(NodeData::Element {
            name,
            attrs: RefCell::new(attrs),
            template_contents: RefCell::new(template_contents),
            mathml_annotation_xml_integration_point: flags.mathml_annotation_xml_integration_point,
        })
    }

    fn create_comment(&self, text: StrTendril) -> Handle {
        self.new_node(NodeData::Comment { contents: text })
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> Handle {
        self.new_node(NodeData::ProcessingInstruction {
            target,
            contents: data,
        })
    }

    fn append(&self, parent: &Handle, child: NodeOrText<Handle>) {
        let child = match child {
            NodeOrText::AppendText(text) => {
                if let Some(last) = parent.children.borrow().last() {
                    if extend_text(last, &text) {
                        return;
                    }
                }
                self.new_node(NodeData::Text {
                    contents: RefCell::new(text),
                })
            }
            NodeOrText::AppendNode(node) => {
                if parent_of(&node).is_some() || !node.children.borrow().is_empty() {
                    detach(&node);
                    self.moved();
                }
                if is_element(&node) {
                    self.placed(parent, &node);
                }
                node
            }
        };
        child.parent.set(Some(Rc::downgrade(parent)));
        parent.children.borrow_mut().push(child);
    }

    fn append_before_sibling(&self, sibling: &Handle, child: NodeOrText<Handle>) {
        let Some((parent, i)) = parent_and_index(sibling) else {
            return;
        };
        let child = match child {
            NodeOrText::AppendText(text) => {
                if i > 0 && extend_text(&parent.children.borrow()[i - 1], &text) {
                    return;
                }
                self.new_node(NodeData::Text {
                    contents: RefCell::new(text),
                })
            }
            NodeOrText::AppendNode(node) => {
                if parent_of(&node).is_some() || !node.children.borrow().is_empty() {
                    detach(&node);
                    self.moved();
                }
                if is_element(&node) {
                    self.placed(&parent, &node);
                }
                node
            }
        };
        // At the index found before the child was detached, as rcdom
        // does (the tree builder only inserts detached nodes).
        child.parent.set(Some(Rc::downgrade(&parent)));
        let mut kids = parent.children.borrow_mut();
        let i = i.min(kids.len());
        kids.insert(i, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &Handle,
        prev_element: &Handle,
        child: NodeOrText<Handle>,
    ) {
        if parent_of(element).is_some() {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        let doctype = self.new_node(NodeData::Doctype {
            name,
            public_id,
            system_id,
        });
        doctype.parent.set(Some(Rc::downgrade(&self.document)));
        self.document.children.borrow_mut().push(doctype);
    }

    fn get_template_contents(&self, target: &Handle) -> Handle {
        let contents = match &target.data {
            NodeData::Element {
                template_contents, ..
            } => template_contents.borrow().clone(),
            _ => None,
        };
        // Only templates are asked for; anything else gets a fresh
        // fragment that the tree never holds.
        let contents = contents.unwrap_or_else(|| Node::new(NodeData::Document));
        let depth = self.depth_of(target);
        self.template_depths
            .borrow_mut()
            .insert(NodeKey::of(&contents), depth);
        contents
    }

    fn same_node(&self, x: &Handle, y: &Handle) -> bool {
        Rc::ptr_eq(x, y)
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn add_attrs_if_missing(&self, target: &Handle, attrs: Vec<Attribute>) {
        let NodeData::Element {
            attrs: existing, ..
        } = &target.data
        else {
            return;
        };
        if attrs.is_empty() {
            return;
        }
        let mut existing = existing.borrow_mut();
        // The names already there, kept from one call to the next: a page
        // can repeat `<body ...>` thousands of times.
        let mut known = self.attribute_names.borrow_mut();
        let names = known
            .entry(NodeKey::of(target))
            .or_insert_with(|| existing.iter().map(|a| a.name.clone()).collect());
        for attr in attrs {
            if names.insert(attr.name.clone()) {
                existing.push(attr);
            }
        }
        self.check_attributes(existing.len());
    }

    fn remove_from_parent(&self, target: &Handle) {
        detach(target);
        self.moved();
    }

    fn reparent_children(&self, node: &Handle, new_parent: &Handle) {
        let children = std::mem::take(&mut *node.children.borrow_mut());
        for child in &children {
            child.parent.set(Some(Rc::downgrade(new_parent)));
        }
        new_parent.children.borrow_mut().extend(children);
        self.moved();
    }

    fn is_mathml_annotation_xml_integration_point(&self, target: &Handle) -> bool {
        matches!(
            target.data,
            NodeData::Element {
                mathml_annotation_xml_integration_point: true,
                ..
            }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use html5ever::tendril::TendrilSink;
    use markup5ever_rcdom::RcDom;

    fn opts() -> TreeBuilderOpts {
        TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        }
    }

    /// Every node below `root`, with its depth: kind, name, attributes, text.
    fn dump(root: &Handle) -> (String, usize) {
        use std::fmt::Write;
        let mut out = String::new();
        let mut count = 0;
        let mut stack = vec![(root.clone(), 0usize)];
        while let Some((node, depth)) = stack.pop() {
            count += 1;
            for c in node.children.borrow().iter() {
                let parent = parent_of(c).expect("a parent");
                assert!(Rc::ptr_eq(&parent, &node), "parent pointer");
            }
            let _ = match &node.data {
                NodeData::Element {
                    name,
                    attrs,
                    template_contents,
                    ..
                } => {
                    if let Some(t) = &*template_contents.borrow() {
                        // Its contents hang below it, at its depth.
                        stack.push((t.clone(), depth));
                    }
                    let attrs: Vec<String> = attrs
                        .borrow()
                        .iter()
                        .map(|a| format!("{:?}:{}={:?}", a.name.ns, a.name.local, &*a.value))
                        .collect();
                    writeln!(out, "{depth} <{:?} {} {attrs:?}>", name.ns, name.local)
                }
                NodeData::Text { contents } => writeln!(out, "{depth} {:?}", &**contents.borrow()),
                NodeData::Comment { contents } => writeln!(out, "{depth} <!--{contents}-->"),
                NodeData::Doctype { name, .. } => writeln!(out, "{depth} <!doctype {name}>"),
                NodeData::Document => writeln!(out, "{depth} #document"),
                NodeData::ProcessingInstruction { .. } => writeln!(out, "{depth} pi"),
            };
            let kids = node.children.borrow();
            stack.extend(kids.iter().rev().map(|c| (c.clone(), depth + 1)));
        }
        (out, count)
    }

    fn rcdom(html: &str) -> Handle {
        let opts = html5ever::ParseOpts {
            tree_builder: opts(),
            ..Default::default()
        };
        html5ever::parse_document(RcDom::default(), opts)
            .one(html)
            .document
    }

    /// Pages that exercise every way the tree builder places nodes:
    /// foster parenting, the adoption agency, reconstruction, templates,
    /// `<body>` attributes merged, foreign content, text merged.
    const TRICKY: &[&str] = &[
        "<p>plain</p>",
        "<!doctype html><html lang=en><head><title>T</title></head><body class=a><p>x</p></body></html>",
        "<table>a<tr>b<td>c</td>d</tr>e<div>f</div>g</table>h",
        "<table><tr><td>x</table><table>y<caption>z</table>",
        "<b>1<p>2</b>3</p>",
        "<a href=x>1<div>2<a href=y>3</a>4</div>5</a>",
        "<b><i><u><div>x</b>y</i>z</u>",
        "<p><b id=1>t</p><p>u</p><p>v</p>",
        "<template><p>in</p><template><b>deeper</b></template></template><p>out",
        "<body a=1><p>x<body b=2 a=3><html c=4>",
        "<svg><g><path d=M0/><foreignObject><p>html</p></foreignObject></g></svg><math><mi>x</math>",
        "a&amp;b<!--c-->d\0e<?pi?>f",
        "<select><option>1<option selected>2</select><frameset>",
        "<ul><li>1<li>2<ul><li>3</ul></ul><dl><dt>a<dd>b</dl>",
        "<div><table><tr><td><table><tr><td>x</td></tr></table></td></tr></table></div>",
        "<b><b><b><b>x</b></b></b></b><p>y",
        "<font><p>1<font><p>2</font>3",
        "text only",
        "",
    ];

    #[test]
    fn builds_the_tree_rcdom_builds() {
        for html in TRICKY {
            let ours = parse(html, Limits::NONE, opts()).unwrap();
            let (mine, count) = dump(&ours.document);
            let (theirs, _) = dump(&rcdom(html));
            assert_eq!(mine, theirs, "{html}");
            assert_eq!(ours.nodes, count, "{html}");
        }
    }

    #[test]
    fn random_pages_build_the_same_tree_and_count_every_node() {
        let pieces = [
            "<p>",
            "</p>",
            "<b>",
            "</b>",
            "<i id=1>",
            "</i>",
            "<table>",
            "<tr>",
            "<td>",
            "</table>",
            "<div>",
            "</div>",
            "x",
            " ",
            "<a href=u>",
            "</a>",
            "<template>",
            "</template>",
            "<!--c-->",
            "<br/>",
            "<div/>",
            "</x>",
            "<!-->",
            "<svg>",
            "</svg>",
            "<li>",
            "<ul>",
            "<select>",
            "<option>",
            "&amp;",
            "<body a=1>",
            "<caption>",
            "<font>",
            "<h1>",
            "<h2>",
        ];
        let mut rand = crate::testing::xorshift(0xa11ce);
        for _ in 0..1500 {
            let n = (rand() % 40) as usize;
            let html: String = (0..n)
                .map(|_| pieces[rand() as usize % pieces.len()])
                .collect();
            let ours = parse(&html, Limits::NONE, opts()).unwrap();
            let (mine, count) = dump(&ours.document);
            assert_eq!(mine, dump(&rcdom(&html)).0, "{html}");
            assert_eq!(ours.nodes, count, "{html}");
            // No element of the tree is deeper than the sink saw it placed.
            // (It may have seen one deeper: the adoption agency and foster
            // parenting move nodes up.)
            let deepest = mine
                .lines()
                .filter(|l| l.contains(" <") && !l.contains(" <!"))
                .filter_map(|l| l.split(' ').next()?.parse::<usize>().ok())
                .max()
                .unwrap_or(0);
            if deepest > 1 {
                let limits = Limits {
                    max_depth: deepest - 1,
                    ..Limits::NONE
                };
                assert!(
                    matches!(
                        parse(&html, limits, opts()),
                        Err(Stopped {
                            exceeded: Exceeded::Depth(_),
                            ..
                        })
                    ),
                    "{html}"
                );
            }
        }
    }

    fn depth_error(html: &str, max_depth: usize) -> Option<(usize, usize)> {
        let limits = Limits {
            max_depth,
            ..Limits::NONE
        };
        match parse(html, limits, opts()) {
            Err(Stopped {
                exceeded: Exceeded::Depth(d),
                offset,
            }) => Some((d, offset)),
            Err(other) => panic!("{other:?}"),
            Ok(_) => None,
        }
    }

    #[test]
    fn depth_is_measured_where_the_tree_is_built() {
        // <html> 1, <body> 2, then one level per <div>.
        assert_eq!(depth_error(&"<div>".repeat(8), 10), None);
        assert_eq!(depth_error(&"<div>".repeat(9), 10).map(|e| e.0), Some(11));
        // What fooled a scan of the bytes: a slash on a non-void element,
        // stray end tags, abrupt comments.
        for html in [
            "<div/>".repeat(50),
            "<div></x>".repeat(50),
            format!("<!-->{}", "<div>".repeat(50)),
            format!("<!--->{}", "<div>".repeat(50)),
            "<span><b><blockquote>".repeat(20),
            "<template>".repeat(50),
            "<table><tr><td>".repeat(20),
        ] {
            assert!(depth_error(&html, 40).is_some(), "{html}");
        }
        // Flat pages are not deep, however long.
        assert_eq!(depth_error(&"<div>x</div>".repeat(5_000), 10), None);
        assert_eq!(depth_error(&"<p>x".repeat(5_000), 10), None);
        assert_eq!(depth_error(&"<li>x".repeat(5_000), 10), None);
    }

    #[test]
    fn the_parse_stops_soon_after_a_budget_is_passed() {
        // 100,000 levels: stopped within a tag or two of the limit.
        let html = "<div>".repeat(100_000);
        let (depth, offset) = depth_error(&html, 1_000).unwrap();
        assert_eq!(depth, 1_001);
        assert!((999 * 5..=1_002 * 5).contains(&offset), "{offset}");
        // The reconstruction bomb: stopped at the node limit.
        let head: String = (0..999).map(|i| format!("<p><b id={i}>t</p>")).collect();
        let html = head + &"<p>t</p>".repeat(5_000);
        let limits = Limits {
            max_nodes: 20_000,
            ..Limits::NONE
        };
        match parse(&html, limits, opts()) {
            Err(Stopped {
                exceeded: Exceeded::Nodes(n),
                offset,
            }) => {
                // One token may rebuild up to ~1,000 elements.
                assert!((20_001..=21_100).contains(&n), "{n}");
                assert!(offset < 4_000, "{offset}");
            }
            other => panic!("{:?}", other.err()),
        }
    }

    #[test]
    fn attributes_are_counted_on_elements_and_merged_tags() {
        let attrs = |n: usize| (0..n).map(|i| format!(" a{i}")).collect::<String>();
        let limits = Limits {
            max_attributes: 10,
            ..Limits::NONE
        };
        let html = format!("<p{}>x</p>", attrs(10));
        assert!(parse(&html, limits, opts()).is_ok());
        let html = format!("<p{}>x</p>", attrs(11));
        assert!(matches!(
            parse(&html, limits, opts()),
            Err(Stopped {
                exceeded: Exceeded::Attributes(11),
                ..
            })
        ));
        // Later <body> tags add their attributes to the one <body>.
        let html: String = (0..11).map(|i| format!("<body b{i}>")).collect();
        assert!(matches!(
            parse(&html, limits, opts()),
            Err(Stopped {
                exceeded: Exceeded::Attributes(11),
                ..
            })
        ));
    }

    /// The most attributes on one element of the tree `html` parses to.
    fn most_attributes(html: &str) -> usize {
        // Kept alive: dropping an rcdom node empties every node below it.
        let root = parse(html, Limits::NONE, opts()).unwrap().document;
        let mut most = 0;
        let mut stack = vec![root.clone()];
        while let Some(node) = stack.pop() {
            if let NodeData::Element {
                attrs,
                template_contents,
                ..
            } = &node.data
            {
                most = most.max(attrs.borrow().len());
                stack.extend(template_contents.borrow().clone());
            }
            stack.extend(node.children.borrow().iter().cloned());
        }
        most
    }

    /// The byte scan for tags with many attributes (`html::tag_scan`)
    /// reads at least as many on every element as the parser builds,
    /// whatever the page makes of scripts, comments and quotes.
    #[test]
    fn the_attribute_scan_never_counts_fewer_than_the_parser_builds() {
        use crate::html::tag_scan::too_many_attributes;
        let check = |html: &str| {
            let most = most_attributes(html);
            if most > 0 {
                assert!(
                    too_many_attributes(html, most - 1).is_some(),
                    "{most}: {html}"
                );
            }
        };
        // Every short page of the pieces that change where tags are:
        // raw text, comments, quotes left open, foreign content.
        let pieces = [
            "<script>",
            "</script>",
            "<!--",
            "-->",
            "<textarea>",
            "</textarea>",
            "<a b=\"",
            "'",
            "<svg>",
            "<p s t u>",
            "\"",
            "<!-->",
        ];
        for html in crate::testing::all_sequences(&pieces, 4) {
            check(&html);
        }
        // And longer ones, at random, from more pieces.
        let pieces = [
            "<p a b c>",
            "<div d=1 e='2' f=\"3\">",
            " g",
            " h=i",
            "\"",
            "'",
            "=",
            ">",
            "<",
            "/",
            "<script>",
            "</script>",
            "<style>",
            "</style>",
            "<textarea>",
            "</textarea>",
            "<title>",
            "</title>",
            "<!--",
            "-->",
            "<!-->",
            "<svg>",
            "</svg>",
            "<math>",
            "<a href=\"x\">",
            "</a>",
            "<body k l>",
            "<html m n>",
            "<noscript>",
            "<xmp>",
            "<iframe>",
            "</iframe>",
            "<plaintext>",
            "x y z",
            "<![CDATA[",
            "]]>",
            "<?",
            "</p q r>",
            "<a b=\"",
            "<a b='",
            "<p s t u v w x>",
        ];
        let mut rand = crate::testing::xorshift(0x5ca9);
        for _ in 0..3000 {
            let n = (rand() % 30) as usize;
            let html: String = (0..n)
                .map(|_| pieces[rand() as usize % pieces.len()])
                .collect();
            check(&html);
        }
    }
}
