//! Rendering a subtree as plain text: paragraphs separated by one blank line, list
//! items as `- item` (`1. item` in ordered lists), headings on lines of
//! their own, table rows with cells separated by tabs, `<pre>` verbatim.
//! Whitespace is collapsed (no stray spaces inside CJK text) and no line
//! ends in whitespace.

use std::cell::RefCell;
use std::fmt::Write as _;

use crate::dom::{NodeRef, Step, Visit};
use crate::html::tags::{Tag, NOT_TEXT, TEXT_BLOCKS};
use crate::text::whitespace::{cjk_joins, for_each_piece, Piece};

#[derive(Default)]
struct Writer {
    /// The finished blocks, joined.
    out: String,
    /// The list of the last finished block; `None` before the first one.
    /// Blocks of the same list are joined by one newline, not a blank line.
    last_list: Option<Option<usize>>,
    current: String,
    /// `current` holds a line break: it has to be split into lines.
    has_break: bool,
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
            self.has_break |= memchr::memchr(b'\n', text.as_bytes()).is_some();
            return;
        }
        for_each_piece(text, |piece| match piece {
            Piece::Visible(start, end) => self.push_visible(&text[start..end]),
            Piece::Space { line_break } => {
                if !self.pending_space {
                    self.pending_break = false;
                }
                self.pending_space = true;
                self.pending_break |= line_break;
            }
            Piece::Invisible => {}
        });
    }

    /// Appends a run of visible characters, after the pending space if any.
    fn push_visible(&mut self, run: &str) {
        let Some(first) = run.chars().next() else {
            return;
        };
        if self.pending_space {
            if let Some(l) = self.current.chars().next_back() {
                // A source line break between CJK characters is formatting;
                // a cell starts after its tab, spaces or not.
                if l != '\n' && l != '\t' && !(self.pending_break && cjk_joins(l, first)) {
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
        self.has_break = true;
    }

    /// Trims a line of the current block (only at the end in `<pre>`).
    fn trim<'s>(&self, line: &'s str) -> &'s str {
        if self.verbatim {
            line.trim_end()
        } else {
            line.trim()
        }
    }

    fn end_block(&mut self) {
        self.pending_space = false;
        let mark = self.out.len();
        if let Some(last) = self.last_list {
            let same_list = self.list.is_some() && self.list == last;
            self.out.push_str(if same_list { "\n" } else { "\n\n" });
        }
        let start = self.out.len();
        debug_assert!(self.has_break || !self.current.contains('\n'));
        if !self.has_break {
            // One line: most blocks.
            let line = self.trim(&self.current);
            if !line.is_empty() {
                self.out.push_str(&self.prefix);
                self.out.push_str(line);
            }
        } else {
            // Lines trimmed, blank lines at the start and end dropped, and
            // every line after the first indented under the list prefix.
            let indent = self.prefix.chars().count();
            let mut started = false;
            let mut blank = 0usize;
            for line in self.current.lines() {
                let line = self.trim(line);
                if line.is_empty() {
                    blank += usize::from(started);
                    continue;
                }
                if started {
                    for _ in 0..=blank {
                        self.out.push('\n');
                        self.out.extend(std::iter::repeat_n(' ', indent));
                    }
                } else {
                    self.out.push_str(&self.prefix);
                    started = true;
                }
                self.out.push_str(line);
                blank = 0;
            }
        }
        self.current.clear();
        self.has_break = false;
        if self.out.len() == start {
            // Nothing written: no block, and no separator before it.
            self.out.truncate(mark);
            return;
        }
        self.prefix.clear();
        self.last_list = Some(self.list);
    }

    fn finish(&mut self) {
        self.end_block();
        if !self.out.is_empty() {
            self.out.push('\n');
        }
    }
}

/// List levels indented in the text output; deeper items stay at this
/// indentation (real pages nest lists two levels deep at most).
const MAX_LIST_INDENT: usize = 8;

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
    fn enter(&mut self, tag: &str, id: Tag) -> bool {
        let w = &mut self.w;
        if tag == "br" {
            w.line_break();
        } else if NOT_TEXT.contains(id) {
            // Never article text, and raw-text elements whose text
            // looks like markup (`<xmp><img onerror=...>`).
            return false;
        }
        if TEXT_BLOCKS.contains(id) {
            w.end_block();
        }
        match tag {
            "ul" | "ol" => {
                self.lists.push((self.next_list_id, tag == "ol", 1));
                self.next_list_id += 1;
            }
            "li" => {
                // Written into the prefix buffer in place, not formatted
                // into new strings.
                // Indented two spaces a level, down to a limit: an
                // indentation growing with depth made a few kilobytes of
                // nested lists into a hundred times that of spaces.
                let depth = self.lists.len().saturating_sub(1).min(MAX_LIST_INDENT);
                w.prefix.clear();
                for _ in 0..depth {
                    w.prefix.push_str("  ");
                }
                match self.lists.last_mut() {
                    Some((_, true, n)) => {
                        let _ = write!(w.prefix, "{n}. ");
                        *n += 1;
                    }
                    _ => w.prefix.push_str("- "),
                }
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
    fn exit(&mut self, tag: &str, id: Tag) {
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
        if TEXT_BLOCKS.contains(id) {
            w.end_block();
            if tag == "li" {
                w.list = self.lists.first().map(|l| l.0);
            } else if self.lists.is_empty() {
                w.list = None;
            }
        }
    }
}

thread_local! {
    /// The writer's output and block buffers, kept from one rendering to
    /// the next: grown from empty a doubling at a time for each, they cost
    /// more reallocating than the text cost writing.
    static BUFFERS: RefCell<(String, String)> = const { RefCell::new((String::new(), String::new())) };
}

/// The largest buffer kept for the next rendering.
const MAX_KEPT_BUFFER: usize = 1 << 22;

/// Renders the children of a node as plain text.
pub fn render_node(root: &NodeRef) -> String {
    let (mut out, mut current) = BUFFERS.with(RefCell::take);
    out.clear();
    current.clear();
    let mut walk = Walk {
        w: Writer {
            out,
            current,
            ..Writer::default()
        },
        ..Walk::default()
    };
    walk.render(root);
    walk.w.finish();
    let Writer { out, current, .. } = walk.w;
    let text = out.as_str().to_owned();
    if out.capacity().max(current.capacity()) <= MAX_KEPT_BUFFER {
        BUFFERS.with(|kept| kept.replace((out, current)));
    }
    text
}

impl Walk {
    /// Walks the children of `root` into the writer.
    fn render(&mut self, root: &NodeRef) {
        root.walk_below(|step| {
            match step {
                Step::Enter(node) => match node.tag() {
                    Some(tag) if !self.enter(tag, node.tag_id()) => return Visit::Skip,
                    Some(_) => {}
                    None => {
                        let verbatim = self.pre > 0;
                        node.with_text(|t| self.w.push_text(t, verbatim));
                    }
                },
                Step::Leave(el) => self.exit(el.tag().unwrap_or_default(), el.tag_id()),
            }
            Visit::Descend
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::dom::Document;

    fn text(html: &str) -> String {
        render_node(&Document::parse(html).body())
    }

    fn is_collapsed(c: char) -> bool {
        c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{00AD}')
    }

    /// Text pieces that the byte scans treat specially, or nearly so.
    const PIECES: &[&str] = &[
        "a", " ", "  ", "\n", "\r", "\t", "中", "，", "“", "”", "…", "\u{3000}", "\u{a0}",
        "\u{200b}", "\u{feff}", "\u{ad}", "\u{2028}", "\u{205f}", "\u{1680}", "é", "😀",
        "\u{e000}", "\u{2010}",
    ];

    /// Every sequence of `len` pieces.
    fn sequences(len: u32) -> impl Iterator<Item = Vec<&'static str>> {
        (0..PIECES.len().pow(len)).map(move |mut k| {
            (0..len)
                .map(|_| {
                    let piece = PIECES[k % PIECES.len()];
                    k /= PIECES.len();
                    piece
                })
                .collect()
        })
    }

    /// `push_text` the straightforward way: decode every character.
    fn push_text_by_chars(w: &mut Writer, text: &str) {
        let mut run = 0;
        for (i, c) in text.char_indices() {
            if !is_collapsed(c) {
                continue;
            }
            w.push_visible(&text[run..i]);
            if c.is_whitespace() {
                if !w.pending_space {
                    w.pending_break = false;
                }
                w.pending_space = true;
                w.pending_break |= c == '\n' || c == '\r';
            }
            run = i + c.len_utf8();
        }
        w.push_visible(&text[run..]);
    }

    /// Whitespace at the start of a table cell is not written after its
    /// tab: the output reads the same cleaned again (where the cleaned
    /// HTML has no whitespace there).
    #[test]
    fn cells_start_right_after_their_tab() {
        assert_eq!(
            text("<table><tr><td>1</td><td>\n  Kyle Busch </td><td> 5040</td></tr></table>"),
            "1\tKyle Busch\t5040\n"
        );
        assert_eq!(
            text("<table><tr><td>1</td><td>Kyle Busch</td><td>5040</td></tr></table>"),
            "1\tKyle Busch\t5040\n"
        );
        assert_eq!(
            text("<table><tr><td>a b</td><td> <b>c</b> d</td></tr></table>"),
            "a b\tc d\n"
        );
    }

    /// Nested lists are indented down to [`MAX_LIST_INDENT`] levels: the
    /// text of any nesting stays within a constant factor of the markup.
    #[test]
    fn list_indentation_stops_growing() {
        assert_eq!(text("<ul><li>a<ul><li>b</ul></ul>"), "- a\n  - b\n");
        let deep = "<ul><li>x".repeat(300);
        let out = text(&deep);
        let widest = out.lines().map(|l| l.len()).max().unwrap_or(0);
        assert_eq!(widest, 2 * MAX_LIST_INDENT + 3, "{out:?}");
        assert!(out.len() < 3 * deep.len());
        let numbered = "<ol><li>x".repeat(300);
        assert!(text(&numbered)
            .lines()
            .all(|l| l.len() <= 2 * MAX_LIST_INDENT + 4));
    }

    /// The kept buffers carry nothing from one rendering to the next:
    /// each renders as it does on fresh ones.
    #[test]
    fn rendering_after_another_renders_alone() {
        let docs = [
            "<p>A long first document.</p><ul><li>one</li><li>two</li></ul><pre> x\n y</pre>",
            "<p>short</p>",
            "",
            "<ol><li>a<br>b</li></ol>",
        ];
        for html in docs.iter().chain(docs.iter().rev()) {
            let doc = Document::parse(html);
            let after_another = render_node(&doc.body());
            BUFFERS.with(RefCell::take);
            assert_eq!(after_another, render_node(&doc.body()), "{html:?}");
        }
    }

    /// The byte scan of `push_text` writes what decoding would, text node
    /// by text node and across nodes.
    #[test]
    fn push_text_matches_decoding_every_character() {
        for seq in sequences(3) {
            let (mut fast, mut slow) = (Writer::default(), Writer::default());
            for piece in &seq {
                fast.push_text(piece, false);
                push_text_by_chars(&mut slow, piece);
            }
            let joined = seq.concat();
            fast.push_text(&joined, false);
            push_text_by_chars(&mut slow, &joined);
            assert_eq!(fast.current, slow.current, "{seq:?}");
            assert_eq!(fast.pending_space, slow.pending_space, "{seq:?}");
            assert_eq!(fast.pending_break, slow.pending_break, "{seq:?}");
        }
    }

    /// A block without a line break ends as splitting it into lines ends it.
    #[test]
    fn one_line_blocks_end_as_split_ones() {
        let ends = ["", " ", "\t", "\r", "\u{3000}", "\u{a0}"];
        for verbatim in [false, true] {
            for prefix in ["", "- ", "  1. "] {
                for start in ends {
                    for end in ends {
                        for middle in ["", "a", "a b", "a\tb", "中\r文"] {
                            let current = format!("{start}{middle}{end}");
                            let ended = |has_break| {
                                let mut w = Writer {
                                    current: current.clone(),
                                    prefix: prefix.to_string(),
                                    verbatim,
                                    has_break,
                                    ..Writer::default()
                                };
                                w.end_block();
                                (w.out, w.prefix, w.last_list)
                            };
                            assert_eq!(ended(false), ended(true), "{current:?} {prefix:?}");
                        }
                    }
                }
            }
        }
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
