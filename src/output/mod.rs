//! Turning the cleaned tree into output: HTML serialization, the sanitized
//! HTML output and the plain-text output.

pub mod html;
pub mod text;

use crate::dom::NodeRef;
use markup5ever_rcdom::NodeData;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen",
];
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Blocks that end their line in pretty output.
const LINE_BLOCKS: &[&str] = &[
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
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "pre",
    "hr",
    "div",
    "section",
    "article",
];
/// Blocks whose children start on a line of their own in pretty output.
const OPEN_LINE_BLOCKS: &[&str] = &[
    "ul",
    "ol",
    "dl",
    "blockquote",
    "figure",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "div",
    "section",
    "article",
];
/// Containers where whitespace-only text is formatting, never content.
const STRUCTURAL: &[&str] = &[
    "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "body",
];

/// Serializes the children of `node` as HTML, exactly, with no added whitespace.
pub fn serialize_children(node: &NodeRef) -> String {
    let mut out = String::new();
    write_children(node, &mut out, false);
    out
}

/// Serializes the children of `node` with one block element per line.
pub(crate) fn serialize_pretty(node: &NodeRef) -> String {
    let mut out = String::new();
    write_children(node, &mut out, true);
    out
}

enum Op {
    Open(NodeRef),
    Close(String),
    /// Contents of a raw-text element (`<script>`, `<style>`), written unescaped
    /// as a browser reads them. The flag says whether the text survives
    /// sanitizing (it does not for `<script>` and the like).
    Raw(String, bool),
}

/// Pretty-printing state. Pretty output is sanitized afterwards, which drops
/// comments and tags outside the allowlist (`div`, `section`, ...), so line
/// breaks are decided on what will remain: a break is added only where the
/// remaining output does not already end a line, and whitespace-only text
/// at the start of a line is dropped (the line breaks stand for it). This
/// makes serializing the parse of pretty output give the same output again.
struct Lines {
    pretty: bool,
    /// The output that survives sanitizing is at the start of a line.
    at_line_start: bool,
}

impl Lines {
    /// Ends the current line unless it is already ended.
    fn end_line(&mut self, out: &mut String) {
        if self.pretty && !self.at_line_start {
            out.push('\n');
            self.at_line_start = true;
        }
    }

    /// Records that something visible was written.
    fn wrote(&mut self) {
        self.at_line_start = false;
    }
}

fn survives(tag: &str) -> bool {
    html::ALLOWED_TAGS.contains(&tag)
}

fn write_children(root: &NodeRef, out: &mut String, pretty: bool) {
    let mut ops: Vec<Op> = root.children().into_iter().rev().map(Op::Open).collect();
    let mut pre_depth = 0usize;
    let root_structural = root.is_any(STRUCTURAL);
    let mut parents_structural: Vec<bool> = vec![root_structural];
    let mut lines = Lines {
        pretty,
        at_line_start: true,
    };
    while let Some(op) = ops.pop() {
        match op {
            Op::Raw(text, visible) => {
                out.push_str(&text);
                if visible && !text.is_empty() {
                    lines.wrote();
                }
            }
            Op::Close(tag) => {
                parents_structural.pop();
                out.push_str("</");
                out.push_str(&tag);
                out.push('>');
                if survives(&tag) {
                    lines.wrote();
                }
                if tag == "pre" {
                    pre_depth = pre_depth.saturating_sub(1);
                }
                if pre_depth == 0 && LINE_BLOCKS.contains(&tag.as_str()) {
                    lines.end_line(out);
                }
            }
            Op::Open(node) => match &node.0.data {
                NodeData::Element { name, attrs, .. } => {
                    let tag: &str = &name.local;
                    out.push('<');
                    out.push_str(tag);
                    for a in attrs.borrow().iter() {
                        out.push(' ');
                        if let Some(prefix) = &a.name.prefix {
                            out.push_str(prefix);
                            out.push(':');
                        }
                        out.push_str(&a.name.local);
                        out.push_str("=\"");
                        escape_attr(&a.value, out);
                        out.push('"');
                    }
                    out.push('>');
                    if survives(tag) {
                        lines.wrote();
                    }
                    if VOID.contains(&tag) {
                        if pre_depth == 0 && tag == "hr" {
                            lines.end_line(out);
                        }
                        continue;
                    }
                    if tag == "pre" {
                        pre_depth += 1;
                    }
                    if pre_depth == 0 && OPEN_LINE_BLOCKS.contains(&tag) {
                        lines.end_line(out);
                    }
                    let raw = RAW_TEXT.contains(&tag);
                    let raw_visible = !html::CONTENT_REMOVED.contains(&tag);
                    ops.push(Op::Close(tag.to_string()));
                    parents_structural.push(STRUCTURAL.contains(&tag));
                    for child in node.children().into_iter().rev() {
                        if raw {
                            if let Some(t) = child.text() {
                                ops.push(Op::Raw(t, raw_visible));
                            }
                        } else {
                            ops.push(Op::Open(child));
                        }
                    }
                }
                NodeData::Text { contents } => {
                    let text = contents.borrow();
                    if pretty && pre_depth == 0 {
                        let structural = parents_structural.last().copied().unwrap_or(false);
                        if structural && text.chars().all(char::is_whitespace) {
                            continue;
                        }
                        if lines.at_line_start && text.chars().all(|c| c.is_ascii_whitespace()) {
                            continue;
                        }
                    }
                    escape_text(&text, out);
                    if !text.is_empty() {
                        lines.wrote();
                    }
                }
                NodeData::Comment { contents } => {
                    out.push_str("<!--");
                    out.push_str(contents);
                    out.push_str("-->");
                }
                _ => {}
            },
        }
    }
}

fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
}

fn escape_attr(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\u{a0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
}
