//! The inline content of one block: gathered as tokens while the tree is
//! walked, then written as Markdown once the whole block is known, because
//! what a space, a delimiter or a character becomes depends on what comes
//! after it.
//!
//! Whitespace collapses as in the text output (the same scanner, and no
//! space where a source line break falls between CJK characters), so the
//! Markdown reads back as the same text. Spaces and line breaks at the
//! edges of an emphasis or a link move outside it; an emphasis whose
//! delimiters a CommonMark reader would not take as delimiters (`a**"b"**`)
//! is written as plain text rather than leave stray `*` in it.

use super::emphasis;
use super::escape::{self, After, Place};
use crate::text::whitespace::{cjk_joins, for_each_piece, Piece};

/// An inline mark with an opening and a closing delimiter.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Mark {
    Em,
    Strong,
    Strike,
    /// A link to the URL at this range of the text buffer (the range
    /// counts only in an opening).
    Link(usize, usize),
}

impl Mark {
    /// The delimiter character of an emphasis-like mark.
    fn delimiter(self) -> Option<char> {
        match self {
            Mark::Em | Mark::Strong => Some('*'),
            Mark::Strike => Some('~'),
            Mark::Link(..) => None,
        }
    }

    fn same_kind(self, other: Mark) -> bool {
        std::mem::discriminant(&self) == std::mem::discriminant(&other)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Token {
    /// Visible text at this range of the text buffer; `code` inside inline code.
    Text {
        start: usize,
        end: usize,
        code: bool,
    },
    /// Collapsed whitespace: whether it held a source line break (no
    /// space between CJK characters), whether it stands for a `<br>` that
    /// cannot be a line break here (a space whatever is around it), and
    /// whether it was inside inline code.
    Space {
        line_break: bool,
        hard: bool,
        code: bool,
    },
    Open(Mark),
    Close(Mark),
    /// An image: its alt text and URL, ranges of the text buffer.
    Image {
        alt: (usize, usize),
        url: (usize, usize),
    },
    /// `<br>`.
    Break,
}

/// Where the block's Markdown goes: what its lines may hold.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Context {
    /// A paragraph: lines start blocks unless escaped.
    Paragraph,
    /// A heading: one line, whose end must not read as closing `#`s.
    Heading,
    /// A table cell: one line, `|` escaped.
    Cell,
}

/// The inline content of the current block.
#[derive(Default)]
pub(super) struct Inline {
    /// The text of text tokens, alt texts and URLs.
    buffer: String,
    tokens: Vec<Token>,
    /// A text or an image was added.
    visible: bool,
    /// Scratch space for deciding spaces, kept from block to block.
    seen: Vec<Seen>,
    gaps: Vec<(bool, bool)>,
}

/// What deciding spaces knows of a token.
#[derive(Clone, Copy)]
struct Seen {
    char_before: Option<char>,
    visible_before: bool,
    gap: usize,
    keep: bool,
}

impl Inline {
    /// True if the block has nothing visible to write.
    pub(super) fn is_empty(&self) -> bool {
        !self.visible
    }

    pub(super) fn clear(&mut self) {
        self.buffer.clear();
        self.tokens.clear();
        self.visible = false;
    }

    /// Adds the text of a text node, whitespace collapsed.
    pub(super) fn text(&mut self, text: &str, code: bool) {
        for_each_piece(text, |piece| match piece {
            Piece::Visible(start, end) => self.visible_run(&text[start..end], code),
            Piece::Space { line_break } => self.space(line_break, code),
            Piece::Invisible => {}
        });
    }

    fn visible_run(&mut self, run: &str, code: bool) {
        let start = self.buffer.len();
        self.buffer.push_str(run);
        let end = self.buffer.len();
        self.visible = true;
        if let Some(Token::Text {
            end: last_end,
            code: last_code,
            ..
        }) = self.tokens.last_mut()
        {
            if *last_end == start && *last_code == code {
                *last_end = end;
                return;
            }
        }
        self.tokens.push(Token::Text { start, end, code });
    }

    /// Index where whitespace goes if it comes now: before the opening
    /// delimiters just written, so `a <em>b</em>` is `a *b*`.
    fn before_openings(&self) -> usize {
        let mut i = self.tokens.len();
        while i > 0 && matches!(self.tokens[i - 1], Token::Open(_)) {
            i -= 1;
        }
        i
    }

    /// Adds collapsed whitespace.
    pub(super) fn space(&mut self, line_break: bool, code: bool) {
        self.push_space(line_break, false, code);
    }

    /// Adds a space that stands for a line break where there can be none
    /// (a heading, a table cell).
    pub(super) fn hard_space(&mut self) {
        self.push_space(false, true, false);
    }

    fn push_space(&mut self, line_break: bool, hard: bool, code: bool) {
        let i = self.before_openings();
        if let Some(Token::Space {
            line_break: b,
            hard: h,
            code: c,
        }) = i.checked_sub(1).and_then(|k| self.tokens.get_mut(k))
        {
            *b |= line_break;
            *h |= hard;
            *c &= code;
            return;
        }
        self.tokens.insert(
            i,
            Token::Space {
                line_break,
                hard,
                code,
            },
        );
    }

    /// Adds a hard line break.
    pub(super) fn line_break(&mut self) {
        let i = self.before_openings();
        self.tokens.insert(i, Token::Break);
    }

    /// Adds an image with alt text `alt` (whitespace collapsed here) and URL `url`.
    pub(super) fn image(&mut self, alt: &str, url: &str) {
        let start = self.buffer.len();
        let mut space = false;
        for_each_piece(alt, |piece| match piece {
            Piece::Visible(s, e) => {
                if space && self.buffer.len() > start {
                    self.buffer.push(' ');
                }
                space = false;
                self.buffer.push_str(&alt[s..e]);
            }
            Piece::Space { .. } => space = true,
            Piece::Invisible => {}
        });
        let alt = (start, self.buffer.len());
        let url = self.push_url(url);
        self.tokens.push(Token::Image { alt, url });
        self.visible = true;
    }

    /// Keeps a URL in the buffer; its range.
    pub(super) fn push_url(&mut self, url: &str) -> (usize, usize) {
        let start = self.buffer.len();
        self.buffer.push_str(url);
        (start, self.buffer.len())
    }

    /// Opens a mark. A mark opened right where the same kind closed, or
    /// a space after it, goes on instead (`<em>a</em><em>b</em>` is
    /// `*ab*`).
    pub(super) fn open(&mut self, mark: Mark) {
        if !matches!(mark, Mark::Link(..)) {
            let n = self.tokens.len();
            match self.tokens[n.saturating_sub(2)..] {
                [.., Token::Close(last)] if last == mark => {
                    self.tokens.pop();
                    return;
                }
                // Across a space too: `**a** **b**` reads as `**a b**`.
                [Token::Close(last), Token::Space { .. }] if last == mark => {
                    self.tokens.remove(n - 2);
                    return;
                }
                _ => {}
            }
        }
        self.tokens.push(Token::Open(mark));
    }

    /// Closes the mark opened last: after its content, before the spaces
    /// and breaks that end it; with no content, the mark goes.
    pub(super) fn close(&mut self, mark: Mark) {
        let mut i = self.tokens.len();
        while i > 0 && matches!(self.tokens[i - 1], Token::Space { .. } | Token::Break) {
            i -= 1;
        }
        if let Some(Token::Open(open)) = i.checked_sub(1).map(|k| self.tokens[k]) {
            if open.same_kind(mark) {
                self.tokens.remove(i - 1);
                return;
            }
        }
        self.tokens.insert(i, Token::Close(mark));
    }

    /// Writes the block's Markdown to `out`, lines separated by `\n`.
    pub(super) fn write(&mut self, context: Context, out: &mut String) {
        // Most blocks are one run of text: nothing to decide.
        let marks = self
            .tokens
            .iter()
            .any(|t| matches!(t, Token::Open(_) | Token::Close(_)));
        if marks {
            self.drop_unmatched_marks();
        }
        if self
            .tokens
            .iter()
            .any(|t| matches!(t, Token::Space { .. } | Token::Break))
        {
            self.resolve_whitespace();
        }
        if marks {
            self.drop_misread_emphasis();
            self.merge_texts();
        }
        Writer {
            inline: self,
            context,
            out,
        }
        .write();
    }

    /// Drops an opening without its closing in the block and a closing
    /// without its opening (a mark around a table spans its cells).
    fn drop_unmatched_marks(&mut self) {
        let mut open: Vec<(usize, Mark)> = Vec::new();
        let mut keep = vec![true; self.tokens.len()];
        for (i, t) in self.tokens.iter().enumerate() {
            match *t {
                Token::Open(mark) => open.push((i, mark)),
                Token::Close(mark) => match open.last() {
                    Some(&(_, o)) if o.same_kind(mark) => {
                        open.pop();
                    }
                    _ => keep[i] = false,
                },
                _ => {}
            }
        }
        for (i, _) in open {
            keep[i] = false;
        }
        if keep.iter().all(|&k| k) {
            return;
        }
        let mut k = 0;
        self.tokens.retain(|_| {
            k += 1;
            keep[k - 1]
        });
    }

    /// Decides every space and break: a break stays between visible
    /// content; a space stays between visible content on its line, unless
    /// it was a source line break between CJK characters.
    fn resolve_whitespace(&mut self) {
        let visible = |t: &Token| matches!(t, Token::Text { .. } | Token::Image { .. });
        let (Some(first), Some(last)) = (
            self.tokens.iter().position(visible),
            self.tokens.iter().rposition(visible),
        ) else {
            self.tokens.clear();
            return;
        };
        let mut seen = std::mem::take(&mut self.seen);
        let mut gaps = std::mem::take(&mut self.gaps);
        seen.clear();
        gaps.clear();
        // Forwards: for each token, the last text character before it on
        // its line, and whether anything visible is before it there. The
        // spaces between two texts, with only images and marks among them,
        // are one gap to the text output (which does not see images): each
        // space's gap, and whether the gap holds a source line break and a
        // hard space.
        let (mut char_before, mut visible_before) = (None, false);
        let mut in_gap = false;
        for (i, t) in self.tokens.iter().enumerate() {
            let mut gap = 0;
            match *t {
                Token::Text { end, .. } => {
                    char_before = self.buffer[..end].chars().next_back();
                    visible_before = true;
                    in_gap = false;
                }
                Token::Image { .. } => visible_before = true,
                Token::Break if i > first && i < last => {
                    char_before = None;
                    visible_before = false;
                    in_gap = false;
                }
                Token::Space {
                    line_break, hard, ..
                } => {
                    if !in_gap {
                        gaps.push((false, false));
                        in_gap = true;
                    }
                    gap = gaps.len() - 1;
                    gaps[gap].0 |= line_break;
                    gaps[gap].1 |= hard;
                }
                _ => {}
            }
            seen.push(Seen {
                char_before,
                visible_before,
                gap,
                keep: true,
            });
        }
        // Backwards, deciding.
        let (mut char_after, mut visible_after) = (None, false);
        for i in (0..self.tokens.len()).rev() {
            match self.tokens[i] {
                Token::Text { start, .. } => {
                    char_after = self.buffer[start..].chars().next();
                    visible_after = true;
                }
                Token::Image { .. } => visible_after = true,
                Token::Break => {
                    seen[i].keep = i > first && i < last;
                    if seen[i].keep {
                        char_after = None;
                        visible_after = false;
                    }
                }
                Token::Space { .. } => {
                    let s = seen[i];
                    let (line_break, hard) = gaps[s.gap];
                    let joins = line_break
                        && !hard
                        && matches!((s.char_before, char_after), (Some(a), Some(b)) if cjk_joins(a, b));
                    seen[i].keep = s.visible_before && visible_after && !joins;
                }
                _ => {}
            }
        }
        let mut k = 0;
        self.tokens.retain(|_| {
            k += 1;
            seen[k - 1].keep
        });
        // Spaces kept next to each other (around a dropped break) are one.
        self.tokens
            .dedup_by(|b, a| matches!((a, b), (Token::Space { .. }, Token::Space { .. })));
        self.seen = seen;
        self.gaps = gaps;
    }

    /// The first and last characters a token writes, as far as the
    /// emphasis rules care (`None`: a line start or end).
    fn edges(&self, t: Token) -> (Option<char>, Option<char>) {
        match t {
            Token::Text { code: true, .. } => (Some('`'), Some('`')),
            Token::Text { start, end, .. } => {
                let s = &self.buffer[start..end];
                (s.chars().next(), s.chars().next_back())
            }
            Token::Space { .. } => (Some(' '), Some(' ')),
            Token::Open(Mark::Link(..)) => (Some('['), Some('[')),
            Token::Close(Mark::Link(..)) => (Some(']'), Some(')')),
            Token::Open(m) | Token::Close(m) => (m.delimiter(), m.delimiter()),
            Token::Image { .. } => (Some('!'), Some(')')),
            Token::Break => (Some('\\'), None),
        }
    }

    /// Drops, one at a time, the emphasis a reader would pair otherwise
    /// than meant (the neighbours of the others change with each).
    fn drop_misread_emphasis(&mut self) {
        let delimiters = self
            .tokens
            .iter()
            .filter(
                |t| matches!(t, Token::Open(m) | Token::Close(m) if !matches!(m, Mark::Link(..))),
            )
            .count();
        if delimiters == 0 {
            return;
        }
        if delimiters > emphasis::MAX_DELIMITERS {
            self.tokens.retain(
                |t| !matches!(t, Token::Open(m) | Token::Close(m) if !matches!(m, Mark::Link(..))),
            );
            return;
        }
        // `***a***` reads as emphasis around strong: write the two that way
        // round when they hold the same text.
        let partner = emphasis::partners(&self.tokens);
        for i in 0..self.tokens.len().saturating_sub(1) {
            if let (Token::Open(Mark::Strong), Token::Open(Mark::Em), Some(e), Some(s)) = (
                self.tokens[i],
                self.tokens[i + 1],
                partner[i + 1],
                partner[i],
            ) {
                if s == e + 1 {
                    self.tokens.swap(i, i + 1);
                    self.tokens.swap(e, s);
                }
            }
        }
        while let Some(k) = emphasis::misread(&self.tokens, &|t| self.edges(t)) {
            let partner = emphasis::partners(&self.tokens)[k];
            let (a, b) = match partner {
                Some(p) => (k.min(p), k.max(p)),
                None => (k, k),
            };
            if a != b && self.move_punctuation_out(a, b) {
                continue;
            }
            self.tokens.remove(b);
            if a != b {
                self.tokens.remove(a);
            }
        }
    }

    /// Joins text tokens left next to each other (by marks dropped or
    /// punctuation moved): an escape may depend on the text after a
    /// character (`&amp;` split as `&` and `amp;`).
    fn merge_texts(&mut self) {
        let mut merged: Vec<Token> = Vec::with_capacity(self.tokens.len());
        for &t in &self.tokens {
            if let (
                Some(Token::Text {
                    start: a,
                    end: b,
                    code: c1,
                }),
                Token::Text {
                    start: c,
                    end: d,
                    code: c2,
                },
            ) = (merged.last().copied(), t)
            {
                if c1 == c2 {
                    let (start, end) = if b == c {
                        (a, d)
                    } else {
                        let start = self.buffer.len();
                        let joined = format!("{}{}", &self.buffer[a..b], &self.buffer[c..d]);
                        self.buffer.push_str(&joined);
                        (start, self.buffer.len())
                    };
                    if let Some(last) = merged.last_mut() {
                        *last = Token::Text {
                            start,
                            end,
                            code: c1,
                        };
                    }
                    continue;
                }
            }
            merged.push(t);
        }
        self.tokens = merged;
    }

    /// Moves the punctuation at the edges of the text inside the mark
    /// opened at `open` and closed at `close` out of it, keeping some text
    /// inside: `**标题：**正文` cannot close, `**标题**：正文` can. True if
    /// something moved.
    fn move_punctuation_out(&mut self, open: usize, close: usize) -> bool {
        let punct = |c: char| {
            matches!(
                escape::class(Some(c)),
                escape::Class::Punct | escape::Class::Unknown
            )
        };
        let mut moved = false;
        if let Token::Text {
            start,
            end,
            code: false,
        } = self.tokens[close - 1]
        {
            let keep = self.buffer[start..end].trim_end_matches(punct).len();
            if close - 1 > open && keep > 0 && start + keep < end {
                let split = start + keep;
                self.tokens[close - 1] = Token::Text {
                    start,
                    end: split,
                    code: false,
                };
                let after = Token::Text {
                    start: split,
                    end,
                    code: false,
                };
                self.tokens.insert(close + 1, after);
                moved = true;
            }
        }
        if let Token::Text {
            start,
            end,
            code: false,
        } = self.tokens[open + 1]
        {
            let rest = self.buffer[start..end].trim_start_matches(punct).len();
            if open + 1 < close && rest > 0 && rest < end - start {
                let split = end - rest;
                self.tokens[open + 1] = Token::Text {
                    start: split,
                    end,
                    code: false,
                };
                let before = Token::Text {
                    start,
                    end: split,
                    code: false,
                };
                self.tokens.insert(open, before);
                moved = true;
            }
        }
        moved
    }
}

/// Writes resolved tokens.
struct Writer<'a> {
    inline: &'a Inline,
    context: Context,
    out: &'a mut String,
}

impl Writer<'_> {
    fn write(mut self) {
        let tokens = &self.inline.tokens;
        let buffer = &self.inline.buffer;
        let mut link_url = (0, 0);
        let mut place = Place {
            in_brackets: false,
            in_table: self.context == Context::Cell,
            brackets_after: self.closing_brackets(),
        };
        let start = self.out.len();
        let mut line_start = start;
        let mut first_line = true;
        let mut starts_with_text = matches!(tokens.first(), Some(Token::Text { code: false, .. }));
        let mut i = 0;
        while i < tokens.len() {
            match tokens[i] {
                Token::Text { code: true, .. } => {
                    i = self.code_span(i);
                    continue;
                }
                Token::Text { start, end, .. } => {
                    let before = if self.out.len() > line_start {
                        self.out.chars().next_back()
                    } else {
                        None
                    };
                    let after = self.after(i + 1);
                    escape::text(&buffer[start..end], before, after, &mut place, self.out);
                }
                Token::Space { .. } => self.out.push(' '),
                Token::Open(Mark::Link(s, e)) => {
                    self.out.push('[');
                    place.in_brackets = true;
                    link_url = (s, e);
                }
                Token::Close(Mark::Link(..)) => {
                    self.out.push_str("](");
                    let (s, e) = link_url;
                    escape::destination(&buffer[s..e], place.in_table, self.out);
                    self.out.push(')');
                    place.in_brackets = false;
                    place.brackets_after = place.brackets_after.saturating_sub(1);
                }
                Token::Open(mark) | Token::Close(mark) => self.out.push_str(match mark {
                    Mark::Em => "*",
                    Mark::Strong => "**",
                    _ => "~~",
                }),
                Token::Image { alt, url } => {
                    self.out.push_str("![");
                    let mut alt_place = Place {
                        in_brackets: true,
                        in_table: place.in_table,
                        brackets_after: 1,
                    };
                    let alt = &buffer[alt.0..alt.1];
                    escape::text(alt, Some('['), After::Char(']'), &mut alt_place, self.out);
                    self.out.push_str("](");
                    escape::destination(&buffer[url.0..url.1], place.in_table, self.out);
                    self.out.push(')');
                    place.brackets_after = place.brackets_after.saturating_sub(1);
                }
                Token::Break => {
                    if self.context == Context::Paragraph {
                        self.escape_line_start(line_start, first_line, starts_with_text);
                        self.out.push_str("\\\n");
                        line_start = self.out.len();
                        first_line = false;
                        starts_with_text =
                            matches!(tokens.get(i + 1), Some(Token::Text { code: false, .. }));
                    } else {
                        self.out.push(' ');
                    }
                }
            }
            i += 1;
        }
        match self.context {
            Context::Paragraph => self.escape_line_start(line_start, first_line, starts_with_text),
            Context::Heading => {
                if let Some(k) = escape::heading_end(&self.out[start..]) {
                    self.out.insert(start + k, '\\');
                }
            }
            Context::Cell => {}
        }
    }

    /// Adds the backslash a line that starts with text may need.
    fn escape_line_start(&mut self, line_start: usize, first_line: bool, starts_with_text: bool) {
        if !starts_with_text {
            return;
        }
        if let Some(k) = escape::line_start(&self.out[line_start..], first_line) {
            self.out.insert(line_start + k, '\\');
        }
    }

    /// The number of `]` the block writes: text ones, and those closing
    /// links and image alt texts.
    fn closing_brackets(&self) -> usize {
        self.inline
            .tokens
            .iter()
            .map(|t| match *t {
                Token::Text {
                    start,
                    end,
                    code: false,
                } => self.inline.buffer[start..end].matches(']').count(),
                Token::Close(Mark::Link(..)) | Token::Image { .. } => 1,
                _ => 0,
            })
            .sum()
    }

    /// What follows the text before token `i`.
    fn after(&self, i: usize) -> After {
        match self.inline.tokens.get(i) {
            None => After::End,
            Some(Token::Break) if self.context == Context::Paragraph => After::HardBreak,
            Some(Token::Break) => After::Char(' '),
            Some(t) => match self.inline.edges(*t).0 {
                Some(c) => After::Char(c),
                None => After::End,
            },
        }
    }

    /// Writes the code span that starts at token `i`: the run of code
    /// text and the spaces between it. Returns the index after it.
    fn code_span(&mut self, i: usize) -> usize {
        let tokens = &self.inline.tokens;
        let mut code = String::new();
        let mut j = i;
        loop {
            match tokens.get(j) {
                Some(Token::Text {
                    start,
                    end,
                    code: true,
                }) => code.push_str(&self.inline.buffer[*start..*end]),
                Some(Token::Space { code: true, .. })
                    if matches!(tokens.get(j + 1), Some(Token::Text { code: true, .. })) =>
                {
                    code.push(' ')
                }
                _ => break,
            }
            j += 1;
        }
        // The delimiter: a backtick run no run inside has the length of.
        let mut runs = Vec::new();
        let mut run = 0;
        for b in code.bytes().chain([0]) {
            if b == b'`' {
                run += 1;
            } else if run > 0 {
                runs.push(run);
                run = 0;
            }
        }
        let n = (1..).find(|n| !runs.contains(n)).unwrap_or(1);
        let pad = code.starts_with('`') || code.ends_with('`');
        self.out.extend(std::iter::repeat_n('`', n));
        if pad {
            self.out.push(' ');
        }
        if self.context == Context::Cell {
            self.out.push_str(&code.replace('|', "\\|"));
        } else {
            self.out.push_str(&code);
        }
        if pad {
            self.out.push(' ');
        }
        self.out.extend(std::iter::repeat_n('`', n));
        j
    }
}
