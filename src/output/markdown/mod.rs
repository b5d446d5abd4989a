//! The Markdown output (CommonMark with GFM tables and strikethrough),
//! rendered from the cleaned tree: ATX headings, paragraphs, `*emphasis*`,
//! `**strong**`, `~~struck~~`, links and images with absolute URLs (the
//! HTML output's: a URL it drops is dropped here too), nested lists and
//! block quotes, fenced code blocks, inline code, tables, hard line breaks
//! (`\` at the end of a line), `---` rules; a figure is its image and its
//! caption's paragraph.
//!
//! The text reads back as the text output's: the same blocks (`text::render`
//! and this walk both break blocks on `TEXT_BLOCKS` and skip `NOT_TEXT`),
//! and whitespace collapsed by the same scanner, with no stray spaces in
//! CJK text. Text never turns into markup, since a backslash goes before
//! what a reader would take as markup; raw HTML in the text is escaped,
//! never passed through. What Markdown cannot say is left out: a table
//! cell is one line (its blocks joined by spaces, `|` escaped), a link
//! inside a code block is its text, emphasis a reader would pair otherwise
//! than meant is plain text (after its edge punctuation is moved out:
//! `a"**b**"c`), and quotes and lists nested more than eight deep are
//! written eight deep.

mod blocks;
mod emphasis;
mod escape;
mod inline;

use std::cell::RefCell;

use url::Url;

use self::blocks::Blocks;
use self::inline::{Context, Inline, Mark};
use super::urls::Resolver;
use crate::dom::{Document, NodeRef, Step, Visit};
use crate::html::tags::{Tag, NOT_TEXT, TEXT_BLOCKS};

/// Renders the document body as Markdown, resolving relative URLs against
/// `base_url` as the HTML output does. `Err(added)` if resolving would add
/// more than `budget` bytes to the output (see
/// [`Error::OutputTooLarge`](crate::Error::OutputTooLarge)).
pub(crate) fn render(
    doc: &Document,
    base_url: Option<&Url>,
    budget: usize,
) -> Result<String, usize> {
    let urls = Resolver {
        base: base_url.cloned(),
        budget,
        added: 0,
    };
    let (markdown, urls) = render_with(&doc.body(), urls);
    if urls.over_budget() {
        return Err(urls.added);
    }
    Ok(markdown)
}

/// Renders the children of a node as Markdown, resolving relative URLs
/// against `base_url` as the HTML output does.
///
/// ```
/// use article_clean::{output::markdown::render_node, Document};
///
/// let doc = Document::parse("<h2>Notes</h2><p>One <em>two</em> [three]</p>");
/// assert_eq!(render_node(&doc.body(), None), "## Notes\n\nOne *two* \\[three]\n");
/// ```
pub fn render_node(root: &NodeRef, base_url: Option<&Url>) -> String {
    let urls = Resolver {
        base: base_url.cloned(),
        ..Resolver::NONE
    };
    render_with(root, urls).0
}

/// Renders the children of `root`, its URLs checked by `urls`; gives
/// `urls` back to say what resolving added.
fn render_with(root: &NodeRef, urls: Resolver) -> (String, Resolver) {
    let kept = KEPT.with(RefCell::take);
    let mut walk = Walk {
        urls,
        blocks: Blocks::writing_to(kept.out),
        inline: kept.inline,
        scratch: kept.scratch,
        ..Walk::default()
    };
    walk.inline.clear();
    walk.render(root);
    walk.end_block();
    let Walk {
        urls,
        blocks,
        inline,
        scratch,
        ..
    } = walk;
    let out = blocks.into_out();
    let mut markdown = String::with_capacity(out.len() + 1);
    markdown.push_str(&out);
    if !markdown.is_empty() {
        markdown.push('\n');
    }
    if out.capacity().max(scratch.capacity()) <= MAX_KEPT_BUFFER {
        KEPT.with(|kept| {
            kept.replace(Kept {
                out,
                inline,
                scratch,
            })
        });
    }
    (markdown, urls)
}

/// The buffers of a rendering, kept for the next one: grown from empty a
/// doubling at a time for each document, they cost more reallocating than
/// the Markdown cost writing.
#[derive(Default)]
struct Kept {
    out: String,
    inline: Inline,
    scratch: String,
}

thread_local! {
    static KEPT: RefCell<Kept> = RefCell::new(Kept::default());
}

/// The largest buffer kept for the next rendering.
const MAX_KEPT_BUFFER: usize = 1 << 22;

/// What an element is to the Markdown, found from its tag once per
/// element.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Break,
    Image,
    List {
        ordered: bool,
    },
    Item,
    Quote,
    Rule,
    Pre,
    Table,
    Row,
    Cell,
    Heading(u8),
    Code,
    Em,
    Strong,
    Strike,
    Link,
    /// Anything else: its contents only.
    Other,
}

impl Role {
    fn of(id: Tag) -> Role {
        const BR: Tag = Tag::named("br");
        const IMG: Tag = Tag::named("img");
        const UL: Tag = Tag::named("ul");
        const OL: Tag = Tag::named("ol");
        const LI: Tag = Tag::named("li");
        const BLOCKQUOTE: Tag = Tag::named("blockquote");
        const HR: Tag = Tag::named("hr");
        const PRE: Tag = Tag::named("pre");
        const TABLE: Tag = Tag::named("table");
        const TR: Tag = Tag::named("tr");
        const TD: Tag = Tag::named("td");
        const TH: Tag = Tag::named("th");
        const H1: Tag = Tag::named("h1");
        const H2: Tag = Tag::named("h2");
        const H3: Tag = Tag::named("h3");
        const H4: Tag = Tag::named("h4");
        const H5: Tag = Tag::named("h5");
        const H6: Tag = Tag::named("h6");
        const CODE: Tag = Tag::named("code");
        const KBD: Tag = Tag::named("kbd");
        const SAMP: Tag = Tag::named("samp");
        const TT: Tag = Tag::named("tt");
        const EM: Tag = Tag::named("em");
        const I: Tag = Tag::named("i");
        const STRONG: Tag = Tag::named("strong");
        const B: Tag = Tag::named("b");
        const S: Tag = Tag::named("s");
        const DEL: Tag = Tag::named("del");
        const STRIKE: Tag = Tag::named("strike");
        const A: Tag = Tag::named("a");
        match id {
            BR => Role::Break,
            IMG => Role::Image,
            UL => Role::List { ordered: false },
            OL => Role::List { ordered: true },
            LI => Role::Item,
            BLOCKQUOTE => Role::Quote,
            HR => Role::Rule,
            PRE => Role::Pre,
            TABLE => Role::Table,
            TR => Role::Row,
            TD | TH => Role::Cell,
            H1 => Role::Heading(1),
            H2 => Role::Heading(2),
            H3 => Role::Heading(3),
            H4 => Role::Heading(4),
            H5 => Role::Heading(5),
            H6 => Role::Heading(6),
            CODE | KBD | SAMP | TT => Role::Code,
            EM | I => Role::Em,
            STRONG | B => Role::Strong,
            S | DEL | STRIKE => Role::Strike,
            A => Role::Link,
            _ => Role::Other,
        }
    }
}

/// The outermost table being written: its caption goes before it, its
/// rows are written when it ends.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    /// Inside a cell of this table.
    in_cell: bool,
    /// Empty cells due after the current one for its `colspan`.
    span: usize,
    /// Cells so far, and empty cells added for `colspan`: at most one
    /// per cell, so the output stays linear in the input.
    cells: usize,
    spans: usize,
}

/// State of one rendering walk.
#[derive(Default)]
struct Walk {
    /// Checks and resolves link and image URLs as the HTML output does.
    urls: Resolver,
    blocks: Blocks,
    inline: Inline,
    /// A scratch buffer for a block's Markdown.
    scratch: String,
    /// Levels of the open headings.
    headings: Vec<u8>,
    /// Depth of open `<pre>` elements, and the text of the outermost.
    pre: usize,
    code_block: String,
    /// Depth of open inline code elements.
    code: usize,
    /// Depth of open elements of each mark (nested ones write nothing),
    /// and for each open `<a>` whether it opened a link.
    em: usize,
    strong: usize,
    strike: usize,
    links: Vec<bool>,
    /// The marks open, outermost first, and the URL of the open link:
    /// closed at the end of a block and opened again in the next.
    marks: Vec<Mark>,
    link_url: String,
    /// The outermost table, and how many tables are open.
    table: Option<Table>,
    tables: usize,
}

impl Walk {
    fn render(&mut self, root: &NodeRef) {
        root.walk_below(|step| {
            match step {
                Step::Enter(node) if node.is_element() => {
                    if !self.enter(node, node.tag_id()) {
                        return Visit::Skip;
                    }
                }
                Step::Enter(node) => {
                    node.with_text(|t| self.text(t));
                }
                Step::Leave(el) => self.exit(el.tag_id()),
            }
            Visit::Descend
        });
    }

    fn in_cell(&self) -> bool {
        self.table.as_ref().is_some_and(|t| t.in_cell)
    }

    /// Inside a table: block structure other than its rows and cells is
    /// flattened.
    fn in_table(&self) -> bool {
        self.tables > 0
    }

    fn text(&mut self, text: &str) {
        if self.pre > 0 && !self.in_table() {
            self.code_block.push_str(text);
        } else {
            let code = self.code > 0 || self.pre > 0;
            self.inline.text(text, code);
        }
    }

    /// Opens an element; false if its contents are skipped.
    fn enter(&mut self, node: &NodeRef, id: Tag) -> bool {
        if NOT_TEXT.contains(id) {
            return false;
        }
        let role = Role::of(id);
        match role {
            Role::Break => {
                if self.pre > 0 && !self.in_table() {
                    self.code_block.push('\n');
                } else if self.in_table() || !self.headings.is_empty() || self.pre > 0 {
                    // One line only: a space stands for the break.
                    self.inline.hard_space();
                } else {
                    self.inline.line_break();
                }
                return false;
            }
            // A code block holds text only, even in a table inside it.
            Role::Image if self.pre > 0 => return false,
            Role::Image => {
                let url = node.with_attr("src", |src| {
                    self.urls.output_url(src).map(|u| u.into_owned())
                });
                if let Some(Some(url)) = url {
                    let alt = node.attr("alt").unwrap_or_default();
                    self.inline.image(&alt, &url);
                }
                return false;
            }
            _ => {}
        }
        if TEXT_BLOCKS.contains(id) {
            self.end_block();
        }
        if self.in_table() {
            return self.enter_in_table(node, role);
        }
        match role {
            Role::List { ordered } => {
                let start = if ordered {
                    node.with_attr("start", |s| s.trim().parse::<u64>().ok())
                        .flatten()
                        .unwrap_or(1)
                } else {
                    1
                };
                self.blocks.open_list(ordered, start);
            }
            Role::Item => self.blocks.open_item(),
            Role::Quote => self.blocks.open_quote(),
            Role::Rule if self.pre == 0 => self.blocks.block("---"),
            Role::Pre => self.pre += 1,
            Role::Table => {
                // A code block's text before a table in it comes first.
                self.write_code_block();
                self.tables += 1;
                self.table = Some(Table::default());
            }
            Role::Heading(level) => self.headings.push(level),
            _ => self.enter_inline(node, role),
        }
        true
    }

    /// Opens an element inside the outermost table.
    fn enter_in_table(&mut self, node: &NodeRef, role: Role) -> bool {
        match role {
            Role::Table => self.tables += 1,
            Role::Cell if self.tables == 1 => {
                if let Some(t) = &mut self.table {
                    t.in_cell = true;
                    t.row.push(String::new());
                    let span = node
                        .with_attr("colspan", |s| s.trim().parse::<usize>().ok())
                        .flatten()
                        .unwrap_or(1);
                    t.cells += 1;
                    t.span = span.saturating_sub(1).min(t.cells - t.spans);
                    t.spans += t.span;
                }
            }
            // The cells of a table inside a cell are words of that cell.
            Role::Cell => self.inline.hard_space(),
            Role::Pre => self.pre += 1,
            _ => self.enter_inline(node, role),
        }
        true
    }

    /// Opens an inline element that writes markup.
    fn enter_inline(&mut self, node: &NodeRef, role: Role) {
        if self.pre > 0 && !self.in_table() {
            // A code block holds text only.
            return;
        }
        let (inline, marks) = (&mut self.inline, &mut self.marks);
        match role {
            Role::Code => self.code += 1,
            Role::Em => Self::open_mark(&mut self.em, Mark::Em, inline, marks),
            Role::Strong => Self::open_mark(&mut self.strong, Mark::Strong, inline, marks),
            Role::Strike => Self::open_mark(&mut self.strike, Mark::Strike, inline, marks),
            Role::Link => {
                if self.links.contains(&true) {
                    self.end_outer_link();
                }
                let url = node
                    .with_attr("href", |href| {
                        self.urls.output_url(href).map(|u| u.into_owned())
                    })
                    .flatten()
                    .filter(|_| self.pre == 0);
                match url {
                    Some(url) => {
                        self.link_url = url;
                        self.open_link();
                        self.links.push(true);
                    }
                    None => self.links.push(false),
                }
            }
            _ => {}
        }
    }

    /// Ends the open link for good where another `<a>` starts inside it
    /// (foster parenting can nest them): as the HTML output, parsed again,
    /// ends it.
    fn end_outer_link(&mut self) {
        let Some(k) = self.marks.iter().position(|m| matches!(m, Mark::Link(..))) else {
            return;
        };
        let inner: Vec<Mark> = self.marks.drain(k..).collect();
        for &mark in inner.iter().rev() {
            self.inline.close(mark);
        }
        for &mark in &inner[1..] {
            self.inline.open(mark);
            self.marks.push(mark);
        }
        for open in &mut self.links {
            *open = false;
        }
    }

    fn open_link(&mut self) {
        let (start, end) = self.inline.push_url(&self.link_url);
        let mark = Mark::Link(start, end);
        self.inline.open(mark);
        self.marks.push(mark);
    }

    /// Opens `mark` unless an element of its kind is open already.
    fn open_mark(depth: &mut usize, mark: Mark, inline: &mut Inline, marks: &mut Vec<Mark>) {
        *depth += 1;
        if *depth == 1 {
            inline.open(mark);
            marks.push(mark);
        }
    }

    /// Closes `mark` if this is the outermost element of its kind.
    fn close_mark(depth: &mut usize, mark: Mark, inline: &mut Inline, marks: &mut Vec<Mark>) {
        if *depth == 1 {
            inline.close(mark);
            marks.pop();
        }
        *depth = depth.saturating_sub(1);
    }

    /// Closes an element that [`Walk::enter`] opened.
    fn exit(&mut self, id: Tag) {
        if TEXT_BLOCKS.contains(id) {
            self.end_block();
        }
        let role = Role::of(id);
        if self.in_table() {
            self.exit_in_table(role);
            return;
        }
        match role {
            Role::List { .. } => self.blocks.close_list(),
            Role::Item => self.blocks.close_item(),
            Role::Quote => self.blocks.close_quote(),
            Role::Pre => {
                self.pre = self.pre.saturating_sub(1);
                if self.pre == 0 {
                    self.write_code_block();
                }
            }
            Role::Heading(_) => {
                self.headings.pop();
            }
            _ => self.exit_inline(role),
        }
    }

    fn exit_in_table(&mut self, role: Role) {
        match role {
            Role::Table => {
                self.tables -= 1;
                if self.tables == 0 {
                    self.write_table();
                }
            }
            Role::Cell if self.tables == 1 => self.end_cell(),
            Role::Row if self.tables == 1 => {
                if let Some(t) = &mut self.table {
                    if !t.row.is_empty() {
                        t.rows.push(std::mem::take(&mut t.row));
                    }
                }
            }
            Role::Pre => self.pre = self.pre.saturating_sub(1),
            _ => self.exit_inline(role),
        }
    }

    fn exit_inline(&mut self, role: Role) {
        if self.pre > 0 && !self.in_table() {
            return;
        }
        let (inline, marks) = (&mut self.inline, &mut self.marks);
        match role {
            Role::Code => self.code = self.code.saturating_sub(1),
            Role::Em => Self::close_mark(&mut self.em, Mark::Em, inline, marks),
            Role::Strong => Self::close_mark(&mut self.strong, Mark::Strong, inline, marks),
            Role::Strike => Self::close_mark(&mut self.strike, Mark::Strike, inline, marks),
            // Every `<a>` pushed whether it opened a link: popped here.
            Role::Link if self.links.pop() == Some(true) => {
                inline.close(Mark::Link(0, 0));
                marks.pop();
            }
            _ => {}
        }
    }

    /// Ends the current block: its inline content becomes a paragraph or
    /// a heading; inside a table cell, a space.
    fn end_block(&mut self) {
        if self.pre > 0 && !self.in_table() {
            // A block inside a code block starts a line of it.
            if !self.code_block.is_empty() && !self.code_block.ends_with('\n') {
                self.code_block.push('\n');
            }
            return;
        }
        if self.in_cell() {
            self.inline.hard_space();
            return;
        }
        if self.inline.is_empty() {
            // Nothing to write but the opening of the marks still open.
            self.inline.clear();
            self.reopen_marks();
            return;
        }
        self.close_open_marks();
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        match self.headings.last() {
            Some(&level) if !self.in_table() => {
                scratch.extend(std::iter::repeat_n('#', usize::from(level)));
                scratch.push(' ');
                self.inline.write(Context::Heading, &mut scratch);
            }
            _ => self.inline.write(Context::Paragraph, &mut scratch),
        }
        self.inline.clear();
        self.blocks.block(&scratch);
        self.scratch = scratch;
        self.reopen_marks();
    }

    /// Closes the marks open across a block boundary (`<em>` around two
    /// paragraphs, a link around a heading and a paragraph): each block's
    /// markup is whole.
    fn close_open_marks(&mut self) {
        for &mark in self.marks.iter().rev() {
            self.inline.close(mark);
        }
    }

    /// Opens again, for the next block, the marks [`close_open_marks`]
    /// closed.
    ///
    /// [`close_open_marks`]: Walk::close_open_marks
    fn reopen_marks(&mut self) {
        for mark in std::mem::take(&mut self.marks) {
            match mark {
                Mark::Link(..) => self.open_link(),
                _ => {
                    self.inline.open(mark);
                    self.marks.push(mark);
                }
            }
        }
    }

    fn end_cell(&mut self) {
        let Some(t) = &mut self.table else { return };
        if !t.in_cell {
            return;
        }
        t.in_cell = false;
        let mut cell = String::new();
        self.inline.write(Context::Cell, &mut cell);
        self.inline.clear();
        if let Some(last) = t.row.last_mut() {
            *last = cell;
        }
        // The columns a `colspan` cell spans, as empty cells after it.
        t.row.extend(std::iter::repeat_n(String::new(), t.span));
        t.span = 0;
    }

    fn write_table(&mut self) {
        let Some(table) = self.table.take() else {
            return;
        };
        let mut rows = table.rows;
        if !table.row.is_empty() {
            rows.push(table.row);
        }
        let Some(columns) = rows.iter().map(Vec::len).max().filter(|&n| n > 0) else {
            return;
        };
        let mut out = String::new();
        let write_row = |out: &mut String, cells: &[String], width: usize| {
            out.push('|');
            for k in 0..width {
                out.push(' ');
                out.push_str(cells.get(k).map_or("", String::as_str));
                out.push_str(" |");
            }
        };
        // GFM needs a header row as wide as the table; the rows after it
        // may be shorter.
        write_row(&mut out, &rows[0], columns);
        out.push_str("\n|");
        for _ in 0..columns {
            out.push_str(" --- |");
        }
        for row in &rows[1..] {
            out.push('\n');
            write_row(&mut out, row, row.len());
        }
        self.blocks.block(&out);
    }

    /// Writes the text of a `<pre>` as a fenced code block, the fence
    /// longer than any backtick run inside it.
    fn write_code_block(&mut self) {
        let code = std::mem::take(&mut self.code_block);
        let lines: Vec<&str> = code.lines().map(str::trim_end).collect();
        let (Some(first), Some(last)) = (
            lines.iter().position(|l| !l.is_empty()),
            lines.iter().rposition(|l| !l.is_empty()),
        ) else {
            return;
        };
        let mut longest = 0;
        let mut run = 0;
        for b in code.bytes() {
            run = if b == b'`' { run + 1 } else { 0 };
            longest = longest.max(run);
        }
        let fence = "`".repeat((longest + 1).max(3));
        let mut block = String::with_capacity(code.len() + 2 * fence.len() + 2);
        block.push_str(&fence);
        for line in &lines[first..=last] {
            block.push('\n');
            block.push_str(line);
        }
        block.push('\n');
        block.push_str(&fence);
        self.blocks.block(&block);
        self.code_block = code;
        self.code_block.clear();
    }
}

#[cfg(test)]
mod tests;
