//! Turning the cleaned tree into output: HTML serialization, the sanitized
//! HTML output and the plain-text output.

pub mod html;
pub mod text;

use crate::dom::{NodeRef, Step, Visit};

/// Void elements: no contents, no end tag.
#[cfg(test)]
fn is_void(tag: &str) -> bool {
    matches!(
        tag,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
            | "param"
            | "keygen"
    )
}

/// Raw-text elements: their text is written unescaped.
#[cfg(test)]
fn is_raw_text(tag: &str) -> bool {
    matches!(
        tag,
        "script" | "style" | "xmp" | "iframe" | "noembed" | "noframes" | "plaintext"
    )
}

/// Blocks that end their line in pretty output.
#[cfg(test)]
fn is_line_block(tag: &str) -> bool {
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
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "pre"
            | "hr"
            | "div"
            | "section"
            | "article"
    )
}

/// Blocks whose children start on a line of their own in pretty output.
#[cfg(test)]
fn is_open_line_block(tag: &str) -> bool {
    matches!(
        tag,
        "ul" | "ol"
            | "dl"
            | "blockquote"
            | "figure"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "div"
            | "section"
            | "article"
    )
}

/// Containers where whitespace-only text is formatting, never content.
#[cfg(test)]
fn is_structural(tag: &str) -> bool {
    matches!(
        tag,
        "ul" | "ol" | "dl" | "table" | "thead" | "tbody" | "tfoot" | "tr" | "body"
    )
}

/// What the serializer asks of a tag: the answers of [`html::is_allowed_tag`],
/// `is_void`, `is_raw_text`, `is_line_block`, `is_open_line_block` and
/// `is_structural` (the lists, kept for the test that checks this table),
/// found by one `match` per element, shared by its start and end tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Tag {
    allowed: bool,
    void: bool,
    raw_text: bool,
    line_block: bool,
    open_line_block: bool,
    structural: bool,
}

impl Tag {
    const OTHER: Tag = Tag {
        allowed: false,
        void: false,
        raw_text: false,
        line_block: false,
        open_line_block: false,
        structural: false,
    };

    fn of(tag: &str) -> Tag {
        const INLINE: Tag = Tag {
            allowed: true,
            ..Tag::OTHER
        };
        const BLOCK: Tag = Tag {
            line_block: true,
            ..INLINE
        };
        const CONTAINER: Tag = Tag {
            open_line_block: true,
            ..BLOCK
        };
        const VOID: Tag = Tag {
            void: true,
            ..INLINE
        };
        match tag {
            "td" | "th" | "code" | "a" | "strong" | "em" | "sub" | "sup" | "s" | "del" | "u"
            | "mark" | "q" | "cite" | "abbr" | "kbd" | "var" | "samp" | "time" | "small"
            | "ruby" | "rt" | "rp" | "bdi" | "dfn" => INLINE,
            "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "dt" | "dd" | "figcaption"
            | "caption" | "pre" => BLOCK,
            "blockquote" | "figure" => CONTAINER,
            "ul" | "ol" | "dl" | "table" | "thead" | "tbody" | "tfoot" | "tr" => Tag {
                structural: true,
                ..CONTAINER
            },
            "br" | "img" | "wbr" => VOID,
            "hr" => Tag {
                line_block: true,
                ..VOID
            },
            // Dropped by the sanitizer, contents and all or only the tags.
            "area" | "base" | "col" | "embed" | "input" | "link" | "meta" | "source" | "track"
            | "param" | "keygen" => Tag {
                void: true,
                ..Tag::OTHER
            },
            "script" | "style" | "xmp" | "iframe" | "noembed" | "noframes" | "plaintext" => Tag {
                raw_text: true,
                ..Tag::OTHER
            },
            "div" | "section" | "article" => Tag {
                line_block: true,
                open_line_block: true,
                ..Tag::OTHER
            },
            "body" => Tag {
                structural: true,
                ..Tag::OTHER
            },
            _ => Tag::OTHER,
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
    fn open(&mut self, el: &NodeRef, tag: &str, info: Tag) -> bool {
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

    fn close(&mut self, tag: &str, info: Tag) {
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
    let mut open = vec![root.tag().map_or(Tag::OTHER, Tag::of)];
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
        let info = Tag::of(tag);
        if !w.open(node, tag, info) {
            return Visit::Skip;
        }
        if info.raw_text {
            w.raw(node, !html::CONTENT_REMOVED.contains(&tag));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-match table answers as the lists do, for every element
    /// name HTML defines and a few it does not.
    #[test]
    fn tag_table_agrees_with_the_lists() {
        const NAMES: &str = "a abbr address area article aside audio b base bdi bdo \
            blockquote body br button canvas caption cite code col colgroup data datalist dd \
            del details dfn dialog div dl dt em embed fieldset figcaption figure footer form \
            h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd keygen \
            label legend li link main map mark math menu meta meter nav noembed noframes \
            noscript object ol optgroup option output p param picture plaintext pre progress \
            q rp rt ruby s samp script search section select slot small source span strong \
            style sub summary sup svg table tbody td template textarea tfoot th thead time \
            title tr track u ul var video wbr xmp font center o:p x-custom P";
        let mut seen = [false; 6];
        for tag in NAMES.split_whitespace() {
            let want = Tag {
                allowed: html::is_allowed_tag(tag),
                void: is_void(tag),
                raw_text: is_raw_text(tag),
                line_block: is_line_block(tag),
                open_line_block: is_open_line_block(tag),
                structural: is_structural(tag),
            };
            assert_eq!(Tag::of(tag), want, "{tag}");
            let flags = [
                want.allowed,
                want.void,
                want.raw_text,
                want.line_block,
                want.open_line_block,
                want.structural,
            ];
            for (s, f) in seen.iter_mut().zip(flags) {
                *s |= f;
            }
        }
        assert_eq!(seen, [true; 6]);
    }
}
