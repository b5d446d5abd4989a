//! Serializing the tree as HTML: exactly, or one block per line for the
//! sanitizer.

use super::html;
use crate::dom::{NodeRef, Step, Visit};
use crate::html::tags::{
    Tag, ALLOWED, LINE_BLOCKS, NOT_TEXT, OPEN_LINE_BLOCKS, RAW_TEXT, STRUCTURAL, VOID,
};

/// What the serializer asks of a tag, looked up in the tag table once per
/// element and shared by its start and end tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TagInfo {
    /// Kept by the sanitizer ([`ALLOWED`]).
    allowed: bool,
    void: bool,
    raw_text: bool,
    line_block: bool,
    open_line_block: bool,
    structural: bool,
}

impl TagInfo {
    fn of(tag: Tag) -> TagInfo {
        TagInfo {
            allowed: ALLOWED.contains(tag),
            void: VOID.contains(tag),
            raw_text: RAW_TEXT.contains(tag),
            line_block: LINE_BLOCKS.contains(tag),
            open_line_block: OPEN_LINE_BLOCKS.contains(tag),
            structural: STRUCTURAL.contains(tag),
        }
    }
}

/// Serializes the children of `node` as HTML, exactly, with no added whitespace.
pub fn serialize_children(node: &NodeRef) -> String {
    let mut out = String::new();
    write_children(node, &mut out, false);
    out
}

/// Serializes the children of `node` with one block element per line.
pub(crate) fn serialize_pretty(node: &NodeRef) -> String {
    let mut out = String::new();
    write_pretty(node, &mut out);
    out
}

/// [`serialize_pretty`] appending to `out`.
pub(crate) fn write_pretty(node: &NodeRef, out: &mut String) {
    write_children(node, out, true);
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

/// The serializer's state besides the stack of open elements.
struct Writer<'o> {
    out: &'o mut String,
    lines: Lines,
    /// Depth of open `<pre>` elements: no line breaks are added inside.
    pre_depth: usize,
}

impl Writer<'_> {
    /// Writes a start tag; true if the element has contents and an end tag.
    fn open(&mut self, el: &NodeRef, tag: &str, info: TagInfo) -> bool {
        let out = &mut *self.out;
        out.push('<');
        out.push_str(tag);
        // Pretty output goes to the sanitizer, which would drop attributes
        // an allowed tag may not have (`class`, `style`, `data-*`): not
        // writing them spares it parsing them. Attributes never change how
        // these tags parse; everything else is left for it to judge.
        let sanitized = self.lines.pretty && info.allowed;
        el.any_attr(|a| {
            if sanitized && a.prefix.is_none() && !html::allows_attribute(tag, a.name) {
                return false;
            }
            out.push(' ');
            if let Some(prefix) = a.prefix {
                out.push_str(prefix);
                out.push(':');
            }
            out.push_str(a.name);
            out.push_str("=\"");
            escape_attr(a.value, out);
            out.push('"');
            false
        });
        out.push('>');
        if info.allowed {
            self.lines.wrote();
        }
        if info.void {
            if self.pre_depth == 0 && tag == "hr" {
                self.lines.end_line(self.out);
            }
            return false;
        }
        if tag == "pre" {
            self.pre_depth += 1;
        }
        if self.pre_depth == 0 && info.open_line_block {
            self.lines.end_line(self.out);
        }
        true
    }

    fn close(&mut self, tag: &str, info: TagInfo) {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        if info.allowed {
            self.lines.wrote();
        }
        if tag == "pre" {
            self.pre_depth = self.pre_depth.saturating_sub(1);
        }
        if self.pre_depth == 0 && info.line_block {
            self.lines.end_line(self.out);
        }
    }

    /// Writes the contents of a raw-text element (`<script>`, `<style>`)
    /// unescaped, as a browser reads them. `visible` says whether the text
    /// survives sanitizing (it does not for `<script>` and the like).
    fn raw(&mut self, element: &NodeRef, visible: bool) {
        for child in element.child_nodes() {
            let mut write = |text: &str| {
                self.out.push_str(text);
                !text.is_empty()
            };
            let written = child
                .with_text(&mut write)
                .or_else(|| child.with_comment(&mut write))
                .unwrap_or(false);
            if visible && written {
                self.lines.wrote();
            }
        }
    }

    /// Writes a comment (which the sanitizer drops: no line is started).
    fn comment(&mut self, comment: &str) {
        self.out.push_str("<!--");
        self.out.push_str(comment);
        self.out.push_str("-->");
    }

    fn text(&mut self, text: &str, structural_parent: bool) {
        if self.lines.pretty && self.pre_depth == 0 {
            if structural_parent && text.chars().all(char::is_whitespace) {
                return;
            }
            if self.lines.at_line_start && text.bytes().all(|b| b.is_ascii_whitespace()) {
                return;
            }
        }
        escape_text(text, self.out);
        if !text.is_empty() {
            self.lines.wrote();
        }
    }
}

fn write_children(root: &NodeRef, out: &mut String, pretty: bool) {
    let mut w = Writer {
        out,
        lines: Lines {
            pretty,
            at_line_start: true,
        },
        pre_depth: 0,
    };
    // What each open element's tag is, the root's first: found once per
    // element, shared by its start and end tags and asked by its text.
    let mut open = vec![TagInfo::of(root.tag_id())];
    root.walk_below(|step| {
        let node = match step {
            Step::Enter(node) => node,
            Step::Leave(el) => {
                if let (Some(info), Some(tag)) = (open.pop(), el.tag()) {
                    w.close(tag, info);
                }
                return Visit::Descend;
            }
        };
        let Some(tag) = node.tag() else {
            let structural = open.last().is_some_and(|parent| parent.structural);
            if node.with_text(|t| w.text(t, structural)).is_none() {
                node.with_comment(|c| w.comment(c));
            }
            return Visit::Skip;
        };
        let id = node.tag_id();
        let info = TagInfo::of(id);
        if !w.open(node, tag, info) {
            return Visit::Skip;
        }
        if info.raw_text {
            w.raw(node, !NOT_TEXT.contains(id));
            w.close(tag, info);
            return Visit::Skip;
        }
        open.push(info);
        Visit::Descend
    });
}

/// Escapes text for an HTML text node.
fn escape_text(s: &str, out: &mut String) {
    escape(
        s,
        out,
        |b| memchr::memchr3(b'&', b'<', b'>', b),
        |b| match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            _ => "&gt;",
        },
    );
}

/// Escapes text for a double-quoted attribute value.
fn escape_attr(s: &str, out: &mut String) {
    escape(
        s,
        out,
        |b| memchr::memchr2(b'&', b'"', b),
        |b| match b {
            b'&' => "&amp;",
            _ => "&quot;",
        },
    );
}

/// Copies `s` to `out` with the ASCII characters `find` finds replaced by
/// `replace`, and U+00A0 written `&nbsp;`. Both kinds are searched with
/// memchr and the runs between them copied whole: most text has neither.
fn escape(
    s: &str,
    out: &mut String,
    find: impl Fn(&[u8]) -> Option<usize>,
    replace: impl Fn(u8) -> &'static str,
) {
    let bytes = s.as_bytes();
    let after = |i: usize, found: Option<usize>| found.map(|j| i + j);
    let mut start = 0;
    let mut next_ascii = find(bytes);
    // U+00A0 is 0xC2 0xA0 in UTF-8; 0xC2 alone also leads other characters.
    let mut next_lead = memchr::memchr(0xc2, bytes);
    loop {
        let i = match (next_ascii, next_lead) {
            (Some(a), Some(l)) => a.min(l),
            (Some(a), None) => a,
            (None, Some(l)) => l,
            (None, None) => break,
        };
        // Both stops are an ASCII byte or a lead byte: char boundaries.
        if next_lead == Some(i) {
            if bytes.get(i + 1) == Some(&0xa0) {
                out.push_str(&s[start..i]);
                out.push_str("&nbsp;");
                start = i + 2;
            }
            next_lead = after(i + 1, memchr::memchr(0xc2, &bytes[i + 1..]));
        } else {
            out.push_str(&s[start..i]);
            out.push_str(replace(bytes[i]));
            start = i + 1;
            next_ascii = after(i + 1, find(&bytes[i + 1..]));
        }
    }
    out.push_str(&s[start..]);
}
