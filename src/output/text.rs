//! The plain-text output: paragraphs separated by one blank line, list
//! items as `- item` (`1. item` in ordered lists), headings on lines of
//! their own, table rows with cells separated by tabs, `<pre>` verbatim.
//! Whitespace is collapsed (no stray spaces inside CJK text) and no line
//! ends in whitespace.

use markup5ever_rcdom::{Handle, NodeData};

use crate::dom::{Document, NodeRef, Visit};
use crate::rules::paragraphs::cjk_joins;

/// Elements that start and end a text block. A `match` rather than a list
/// search: it runs twice for every element.
fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "dl"
            | "li"
            | "dt"
            | "dd"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "table"
            | "caption"
            | "tr"
            | "pre"
            | "hr"
            | "div"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "main"
            | "address"
            | "center"
            | "details"
            | "summary"
    )
}

/// Bytes that may start a character `push_text` treats specially: ASCII
/// whitespace, and the lead bytes of the non-ASCII whitespace (U+0085,
/// U+00A0, U+1680, U+2000..=U+205F, U+3000) and of the invisible characters
/// (U+00AD, U+200B, U+FEFF). Runs of other bytes are copied whole.
const SPECIAL_LEAD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = matches!(
            b as u8,
            b'\t'..=b'\r' | b' ' | 0xc2 | 0xe1 | 0xe2 | 0xe3 | 0xef
        );
        b += 1;
    }
    t
};

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{00AD}')
}

struct Block {
    text: String,
    /// Blocks of the same list are joined by one newline, not a blank line.
    list: Option<usize>,
}

#[derive(Default)]
struct Writer {
    blocks: Vec<Block>,
    current: String,
    pending_space: bool,
    /// The pending whitespace held a line break.
    pending_break: bool,
    list: Option<usize>,
    prefix: String,
    /// Inside `<pre>`: keep indentation.
    verbatim: bool,
}

impl Writer {
    fn push_text(&mut self, text: &str, verbatim: bool) {
        if verbatim {
            self.current.push_str(text);
            return;
        }
        let bytes = text.as_bytes();
        // `run` starts the run of visible characters being scanned; `i`
        // only ever stops on a special lead byte, a character boundary.
        let mut run = 0;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if !SPECIAL_LEAD[usize::from(b)] {
                i += 1;
                continue;
            }
            // A single space between two visible characters stays as it
            // is: the run goes on (the common case in spaced scripts).
            if b == b' '
                && i > run
                && bytes
                    .get(i + 1)
                    .is_some_and(|&n| !SPECIAL_LEAD[usize::from(n)])
            {
                i += 2;
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            let space = c.is_whitespace();
            if !space && !is_invisible(c) {
                i += c.len_utf8();
                continue;
            }
            self.push_visible(&text[run..i]);
            if space {
                if !self.pending_space {
                    self.pending_break = false;
                }
                self.pending_space = true;
                self.pending_break |= c == '\n' || c == '\r';
            }
            i += c.len_utf8();
            run = i;
        }
        self.push_visible(&text[run..]);
    }

    /// Appends a run of visible characters, after the pending space if any.
    fn push_visible(&mut self, run: &str) {
        let Some(first) = run.chars().next() else {
            return;
        };
        if self.pending_space {
            if let Some(l) = self.current.chars().next_back() {
                // A source line break between CJK characters is formatting.
                if l != '\n' && !(self.pending_break && cjk_joins(l, first)) {
                    self.current.push(' ');
                }
            }
            self.pending_space = false;
        }
        self.current.push_str(run);
    }

    fn line_break(&mut self) {
        self.pending_space = false;
        self.current.push('\n');
    }

    fn end_block(&mut self) {
        self.pending_space = false;
        // Lines trimmed (only at the end in `<pre>`), blank lines at the
        // start and end dropped, and every line after the first indented
        // under the list prefix: built in one pass.
        let indent = self.prefix.chars().count();
        let mut text = String::with_capacity(self.current.len() + self.prefix.len());
        let mut blank = 0usize;
        for line in self.current.lines() {
            let line = if self.verbatim {
                line.trim_end()
            } else {
                line.trim()
            };
            if line.is_empty() {
                blank += usize::from(!text.is_empty());
                continue;
            }
            if text.is_empty() {
                text.push_str(&self.prefix);
            } else {
                for _ in 0..=blank {
                    text.push('\n');
                    text.extend(std::iter::repeat_n(' ', indent));
                }
            }
            text.push_str(line);
            blank = 0;
        }
        self.current.clear();
        if text.is_empty() {
            return;
        }
        self.prefix.clear();
        self.blocks.push(Block {
            text,
            list: self.list,
        });
    }

    fn finish(mut self) -> String {
        self.end_block();
        let mut out = String::new();
        for (i, b) in self.blocks.iter().enumerate() {
            if i > 0 {
                let same_list = b.list.is_some() && b.list == self.blocks[i - 1].list;
                out.push_str(if same_list { "\n" } else { "\n\n" });
            }
            out.push_str(&b.text);
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out
    }
}

/// Renders the document body as plain text.
pub(crate) fn render(doc: &Document) -> String {
    render_node(&doc.body())
}

/// State of one rendering walk besides the writer.
#[derive(Default)]
struct Walk {
    w: Writer,
    /// Depth of open `<pre>` elements.
    pre: usize,
    /// (list id, ordered, next number) for each open list.
    lists: Vec<(usize, bool, usize)>,
    next_list_id: usize,
}

impl Walk {
    /// Opens an element; false if its contents are skipped.
    fn enter(&mut self, tag: &str) -> bool {
        let w = &mut self.w;
        match tag {
            "br" => w.line_break(),
            // Never article text, and raw-text elements whose text
            // looks like markup (`<xmp><img onerror=...>`).
            t if crate::dom::NOT_TEXT.contains(&t) => return false,
            _ => {}
        }
        if is_block(tag) {
            w.end_block();
        }
        match tag {
            "ul" | "ol" => {
                self.lists.push((self.next_list_id, tag == "ol", 1));
                self.next_list_id += 1;
            }
            "li" => {
                let depth = self.lists.len().saturating_sub(1);
                let prefix = match self.lists.last_mut() {
                    Some((_, true, n)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "- ".to_string(),
                };
                w.prefix = format!("{}{prefix}", "  ".repeat(depth));
                // Items of nested lists stay in their outermost list's block group.
                w.list = self.lists.first().map(|l| l.0);
            }
            "pre" => {
                self.pre += 1;
                w.verbatim = true;
            }
            "td" | "th" if !w.current.is_empty() && !w.current.ends_with('\t') => {
                w.current.push('\t');
            }
            _ => {}
        }
        true
    }

    /// Closes an element that [`Walk::enter`] opened.
    fn exit(&mut self, tag: &str) {
        let w = &mut self.w;
        match tag {
            "ul" | "ol" => {
                w.end_block();
                self.lists.pop();
                w.list = self.lists.first().map(|l| l.0);
                return;
            }
            "pre" => {
                w.end_block();
                self.pre = self.pre.saturating_sub(1);
                w.verbatim = self.pre > 0;
            }
            "td" | "th" => w.pending_space = false,
            _ => {}
        }
        if is_block(tag) {
            w.end_block();
            if tag == "li" {
                w.list = self.lists.first().map(|l| l.0);
            } else if self.lists.is_empty() {
                w.list = None;
            }
        }
    }
}

/// A lower bound on the non-whitespace characters [`render_node`] writes
/// for `root`, found without rendering and counted only until it passes
/// `cap`. Every character of a text node outside [`NOT_TEXT`] elements that
/// is neither whitespace nor invisible is written as it is (list markers
/// and `<pre>` text may add more), so a block whose bound is above a line
/// limit cannot render as a line that short.
///
/// [`NOT_TEXT`]: crate::dom::NOT_TEXT
pub(crate) fn rendered_chars_at_least(root: &NodeRef, cap: usize) -> usize {
    let mut n = 0;
    crate::dom::visit_below_until(&root.0, |node| match &node.data {
        NodeData::Text { contents } => {
            for c in contents.borrow().chars() {
                if !c.is_whitespace() && !is_invisible(c) {
                    n += 1;
                    if n > cap {
                        return Visit::Stop;
                    }
                }
            }
            Visit::Descend
        }
        // The walk in `render_node` skips these too (`Walk::enter`).
        NodeData::Element { name, .. } if crate::dom::NOT_TEXT.contains(&&*name.local) => {
            Visit::Skip
        }
        _ => Visit::Descend,
    });
    n
}

/// Renders the children of a node as plain text.
pub fn render_node(root: &NodeRef) -> String {
    let mut walk = Walk::default();
    // Open elements with the index of their next child: text and childless
    // elements are handled in place, without copying child lists.
    let mut stack: Vec<(Handle, usize)> = vec![(root.0.clone(), 0)];
    while let Some((node, next)) = stack.last_mut() {
        let kids = node.children.borrow();
        let Some(child) = kids.get(*next) else {
            drop(kids);
            if let Some((done, _)) = stack.pop() {
                if stack.is_empty() {
                    break;
                }
                if let NodeData::Element { name, .. } = &done.data {
                    walk.exit(&name.local);
                }
            }
            continue;
        };
        *next += 1;
        match &child.data {
            NodeData::Text { contents } => {
                let verbatim = walk.pre > 0;
                walk.w.push_text(&contents.borrow(), verbatim);
            }
            NodeData::Element { name, .. } => {
                if !walk.enter(&name.local) {
                    continue;
                }
                if child.children.borrow().is_empty() {
                    walk.exit(&name.local);
                } else {
                    let child = child.clone();
                    drop(kids);
                    stack.push((child, 0));
                }
            }
            _ => {}
        }
    }
    walk.w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        render(&Document::parse(html))
    }

    #[test]
    fn paragraphs_headings_and_lists() {
        assert_eq!(
            text("<h2>Title</h2><p>One &amp; <b>two</b>.</p><ul><li>a</li><li>b<ul><li>c</li></ul></li></ul><ol><li>x</li><li>y</li></ol><p>end<br>line</p>"),
            "Title\n\nOne & two.\n\n- a\n- b\n  - c\n\n1. x\n2. y\n\nend\nline\n"
        );
    }

    #[test]
    fn cjk_text_has_no_stray_spaces_and_lines_no_trailing_space() {
        assert_eq!(
            text("<p>中文\n  正文 text </p><p>  </p>"),
            "中文正文 text\n"
        );
    }

    #[test]
    fn tables_and_pre() {
        assert_eq!(
            text("<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table><pre>  x\n  y</pre>"),
            "a\tb\n\n1\t2\n\n  x\n  y\n"
        );
    }
}
