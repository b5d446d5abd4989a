//! The plain-text output: paragraphs separated by one blank line, list
//! items as `- item` (`1. item` in ordered lists), headings on lines of
//! their own, table rows with cells separated by tabs, `<pre>` verbatim.
//! Whitespace is collapsed (no stray spaces inside CJK text) and no line
//! ends in whitespace.

use crate::dom::{Document, NodeRef};
use crate::rules::paragraphs::cjk_joins;

/// Elements that start and end a text block.
const BLOCKS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "li",
    "dt",
    "dd",
    "blockquote",
    "figure",
    "figcaption",
    "table",
    "caption",
    "tr",
    "pre",
    "hr",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "nav",
    "main",
    "address",
    "center",
    "details",
    "summary",
];

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
        for c in text.chars() {
            if c.is_whitespace() {
                if !self.pending_space {
                    self.pending_break = false;
                }
                self.pending_space = true;
                self.pending_break |= c == '\n' || c == '\r';
                continue;
            }
            if matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{00AD}') {
                continue;
            }
            if self.pending_space {
                let last = self.current.chars().next_back();
                if let Some(l) = last {
                    // A source line break between CJK characters is formatting.
                    if l != '\n' && !(self.pending_break && cjk_joins(l, c)) {
                        self.current.push(' ');
                    }
                }
                self.pending_space = false;
            }
            self.current.push(c);
        }
    }

    fn line_break(&mut self) {
        self.pending_space = false;
        self.current.push('\n');
    }

    fn end_block(&mut self) {
        self.pending_space = false;
        let text: Vec<&str> = if self.verbatim {
            self.current.lines().map(str::trim_end).collect()
        } else {
            self.current.lines().map(str::trim).collect()
        };
        let text = text.join("\n").trim_matches('\n').to_string();
        self.current.clear();
        if text.is_empty() {
            return;
        }
        let text = if self.prefix.is_empty() {
            text
        } else {
            let indent = " ".repeat(self.prefix.chars().count());
            text.lines()
                .enumerate()
                .map(|(i, l)| {
                    if i == 0 {
                        format!("{}{l}", self.prefix)
                    } else {
                        format!("{indent}{l}")
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
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

enum Step {
    Enter(NodeRef),
    Exit(NodeRef),
}

/// Renders the document body as plain text.
pub(crate) fn render(doc: &Document) -> String {
    render_node(&doc.body())
}

/// Renders the children of a node as plain text.
pub fn render_node(root: &NodeRef) -> String {
    let mut w = Writer::default();
    let mut steps: Vec<Step> = root.children().into_iter().rev().map(Step::Enter).collect();
    let mut pre = 0usize;
    // (list id, ordered, next number) for each open list.
    let mut lists: Vec<(usize, bool, usize)> = Vec::new();
    let mut next_list_id = 0usize;
    while let Some(step) = steps.pop() {
        match step {
            Step::Enter(node) => {
                if let Some(text) = node.with_text(str::to_string) {
                    w.push_text(&text, pre > 0);
                    continue;
                }
                let Some(tag) = node.tag() else { continue };
                match tag {
                    "br" => w.line_break(),
                    // Never article text, and raw-text elements whose text
                    // looks like markup (`<xmp><img onerror=...>`).
                    t if crate::dom::NOT_TEXT.contains(&t) => continue,
                    _ => {}
                }
                if BLOCKS.contains(&tag) {
                    w.end_block();
                }
                match tag {
                    "ul" | "ol" => {
                        lists.push((next_list_id, tag == "ol", 1));
                        next_list_id += 1;
                    }
                    "li" => {
                        let depth = lists.len().saturating_sub(1);
                        let prefix = match lists.last_mut() {
                            Some((_, true, n)) => {
                                *n += 1;
                                format!("{}. ", *n - 1)
                            }
                            _ => "- ".to_string(),
                        };
                        w.prefix = format!("{}{prefix}", "  ".repeat(depth));
                        // Items of nested lists stay in their outermost list's block group.
                        w.list = lists.first().map(|l| l.0);
                    }
                    "pre" => {
                        pre += 1;
                        w.verbatim = true;
                    }
                    "td" | "th" if !w.current.is_empty() && !w.current.ends_with('\t') => {
                        w.current.push('\t');
                    }
                    _ => {}
                }
                steps.push(Step::Exit(node.clone()));
                steps.extend(node.children().into_iter().rev().map(Step::Enter));
            }
            Step::Exit(node) => {
                let tag = node.tag().unwrap_or("");
                match tag {
                    "ul" | "ol" => {
                        w.end_block();
                        lists.pop();
                        w.list = lists.first().map(|l| l.0);
                        continue;
                    }
                    "pre" => {
                        w.end_block();
                        pre = pre.saturating_sub(1);
                        w.verbatim = pre > 0;
                    }
                    "td" | "th" => w.pending_space = false,
                    _ => {}
                }
                if BLOCKS.contains(&tag) {
                    w.end_block();
                    if tag == "li" {
                        w.list = lists.first().map(|l| l.0);
                    } else if lists.is_empty() {
                        w.list = None;
                    }
                }
            }
        }
    }
    w.finish()
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
