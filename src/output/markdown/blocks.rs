//! The block structure of the Markdown: the open block quotes, lists and
//! list items, the prefix each line gets from them (`> `, `- `, the
//! indentation under a list marker), and the blank line or line break
//! between one block and the next.

/// An open container block.
#[derive(Debug)]
enum Container {
    Quote {
        id: u32,
    },
    List {
        id: u32,
        ordered: bool,
        /// The number of the next item.
        next: u64,
        /// `-` or `*`; `.` or `)`.
        delimiter: char,
        /// Items written so far.
        items: u32,
        /// Blank lines between the items: one of them holds more than one block.
        loose: bool,
        /// Opened for an `<li>` outside a list.
        implicit: bool,
    },
    Item {
        id: u32,
        /// The width of the marker, once written: the indentation of the
        /// item's other lines.
        width: Option<usize>,
    },
    /// A quote, list or item nested deeper than [`MAX_NESTING`]: its
    /// blocks are written in the container around it. `implicit` as for
    /// a list.
    Flat {
        id: u32,
        implicit: bool,
    },
}

impl Container {
    fn id(&self) -> u32 {
        match *self {
            Container::Quote { id }
            | Container::List { id, .. }
            | Container::Item { id, .. }
            | Container::Flat { id, .. } => id,
        }
    }
}

/// Quotes and list items nested deeper than this are written at this
/// depth: every line repeats the prefix of every level, so a page of
/// 1,000 nested quotes would otherwise write its text 1,000 times over.
pub(super) const MAX_NESTING: usize = 8;

/// The largest list item number CommonMark reads (nine digits).
const MAX_ITEM_NUMBER: u64 = 999_999_999;

/// Writes blocks inside their containers.
#[derive(Debug, Default)]
pub(super) struct Blocks {
    out: String,
    stack: Vec<Container>,
    /// The containers the last block was written in, by id.
    written_in: Vec<u32>,
    next_id: u32,
    /// A list closed just now, nothing written since: its depth and
    /// delimiter. A list of the same kind right after it takes the other
    /// delimiter, or the two would read as one.
    closed_list: Option<(usize, char)>,
}

impl Blocks {
    /// Blocks written to `out`, cleared first (a buffer kept from before).
    pub(super) fn writing_to(mut out: String) -> Blocks {
        out.clear();
        Blocks {
            out,
            ..Blocks::default()
        }
    }

    /// The Markdown written.
    pub(super) fn into_out(self) -> String {
        self.out
    }

    fn new_id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id
    }

    /// True if the open quotes and items are as deep as they may go.
    fn too_deep(&self) -> bool {
        let depth = self
            .stack
            .iter()
            .filter(|c| matches!(c, Container::Quote { .. } | Container::Item { .. }))
            .count();
        depth >= MAX_NESTING
    }

    fn push_flat(&mut self, implicit: bool) {
        let id = self.new_id();
        self.stack.push(Container::Flat { id, implicit });
    }

    pub(super) fn open_quote(&mut self) {
        if self.too_deep() {
            return self.push_flat(false);
        }
        let id = self.new_id();
        self.stack.push(Container::Quote { id });
    }

    pub(super) fn close_quote(&mut self) {
        if let Some(Container::Quote { .. } | Container::Flat { .. }) = self.stack.last() {
            self.stack.pop();
        }
    }

    /// Opens a list; `start` is the first number of an ordered one.
    pub(super) fn open_list(&mut self, ordered: bool, start: u64) {
        self.push_list(ordered, start, false);
    }

    fn push_list(&mut self, ordered: bool, start: u64, implicit: bool) {
        if self.too_deep() {
            return self.push_flat(implicit);
        }
        let (usual, other) = if ordered { ('.', ')') } else { ('-', '*') };
        let delimiter = match self.closed_list {
            Some((depth, d)) if depth == self.stack.len() && d == usual => other,
            _ => usual,
        };
        let id = self.new_id();
        self.stack.push(Container::List {
            id,
            ordered,
            next: start.min(MAX_ITEM_NUMBER),
            delimiter,
            items: 0,
            loose: false,
            implicit,
        });
    }

    pub(super) fn close_list(&mut self) {
        if let Some(Container::Flat { .. }) = self.stack.last() {
            self.stack.pop();
            return;
        }
        if let Some(Container::List {
            items, delimiter, ..
        }) = self.stack.last()
        {
            let closed = (*items > 0).then_some(*delimiter);
            self.stack.pop();
            if let Some(d) = closed {
                self.closed_list = Some((self.stack.len(), d));
            }
        }
    }

    /// Opens a list item (in a list of its own if it is outside one).
    pub(super) fn open_item(&mut self) {
        if !matches!(
            self.stack.last(),
            Some(Container::List { .. } | Container::Flat { .. })
        ) {
            self.push_list(false, 1, true);
        }
        if self.too_deep() || matches!(self.stack.last(), Some(Container::Flat { .. })) {
            return self.push_flat(false);
        }
        let id = self.new_id();
        self.stack.push(Container::Item { id, width: None });
    }

    pub(super) fn close_item(&mut self) {
        if let Some(Container::Item { .. } | Container::Flat { .. }) = self.stack.last() {
            self.stack.pop();
            if let Some(
                Container::List { implicit: true, .. } | Container::Flat { implicit: true, .. },
            ) = self.stack.last()
            {
                self.close_list();
            }
        }
    }

    /// Writes a block: `lines` separated by `\n`, each after the prefix of
    /// the open containers (the first one after any list marker due).
    pub(super) fn block(&mut self, lines: &str) {
        let blank = self.separator();
        if !self.out.is_empty() {
            self.out.push('\n');
            if blank {
                self.blank_line();
                self.out.push('\n');
            }
        }
        for (k, line) in lines.split('\n').enumerate() {
            if k > 0 {
                self.out.push('\n');
            }
            self.prefix(k == 0);
            self.out.push_str(line);
            if line.is_empty() {
                let trimmed = self.out.trim_end_matches(' ').len();
                self.out.truncate(trimmed);
            }
        }
        self.written_in.clear();
        self.written_in.extend(self.stack.iter().map(Container::id));
        self.closed_list = None;
        // A block in a list but in none of its items ends the list as
        // Markdown reads it: the next item starts it again.
        if let Some(Container::List { items, .. }) = self.stack.last_mut() {
            *items = 0;
        }
    }

    /// True if a blank line goes before the next block, false if a line
    /// break is enough: between the items of a tight list, and before a
    /// list nested right under the first line of its item.
    fn separator(&mut self) -> bool {
        let Some(pos) = self
            .stack
            .iter()
            .position(|c| matches!(c, Container::Item { width: None, .. }))
        else {
            // Another block in the same item: the item's list is loose.
            let in_item = self
                .stack
                .iter()
                .rposition(|c| matches!(c, Container::Item { .. }));
            if let Some(k) = in_item {
                let item_id = self.stack[k].id();
                if self.written_in.contains(&item_id) {
                    if let Some(Container::List { loose, .. }) =
                        k.checked_sub(1).map(|l| &mut self.stack[l])
                    {
                        *loose = true;
                    }
                }
            }
            return true;
        };
        // This block starts an item (or several, nested).
        let list = pos.checked_sub(1).map(|l| &self.stack[l]);
        let Some(&Container::List {
            items,
            loose,
            ordered,
            next,
            ..
        }) = list
        else {
            return true;
        };
        if items > 0 {
            return loose;
        }
        // The first item of a list: right under its parent item's text if
        // it can interrupt a paragraph (an ordered list only from 1).
        let parent_item = pos.checked_sub(2).and_then(|p| match self.stack[p] {
            Container::Item { id, width: Some(_) } => Some(id),
            _ => None,
        });
        let under_parent = parent_item.is_some_and(|id| self.written_in.last() == Some(&id));
        !(under_parent && (!ordered || next == 1))
    }

    /// Writes the prefix of a blank line between two blocks: the quote
    /// markers of the containers both are in.
    fn blank_line(&mut self) {
        let mut line = String::new();
        for (c, id) in self.stack.iter().zip(&self.written_in) {
            if c.id() != *id {
                break;
            }
            match c {
                Container::Quote { .. } => line.push_str("> "),
                Container::Item { width: Some(w), .. } => line.extend(std::iter::repeat_n(' ', *w)),
                _ => {}
            }
        }
        self.out.push_str(line.trim_end());
    }

    /// Writes the prefix of a line: `> ` for each quote, the indentation
    /// of each item, and on a block's first line the markers of the items
    /// it starts.
    fn prefix(&mut self, first_line: bool) {
        for k in 0..self.stack.len() {
            match self.stack[k] {
                Container::Quote { .. } => self.out.push_str("> "),
                Container::List { .. } | Container::Flat { .. } => {}
                Container::Item { width: Some(w), .. } => {
                    self.out.extend(std::iter::repeat_n(' ', w));
                }
                Container::Item { width: None, .. } if first_line => {
                    let marker = match k.checked_sub(1).map(|l| &mut self.stack[l]) {
                        Some(Container::List {
                            ordered,
                            next,
                            delimiter,
                            items,
                            ..
                        }) => {
                            *items += 1;
                            let marker = if *ordered {
                                format!("{next}{delimiter} ")
                            } else {
                                format!("{delimiter} ")
                            };
                            *next = (*next + 1).min(MAX_ITEM_NUMBER);
                            marker
                        }
                        _ => "- ".to_string(),
                    };
                    self.out.push_str(&marker);
                    if let Container::Item { width, .. } = &mut self.stack[k] {
                        *width = Some(marker.len());
                    }
                }
                // Not reached: a block's first line writes every marker due.
                Container::Item { width: None, .. } => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_lists_quotes_and_loose_items() {
        let mut b = Blocks::default();
        b.block("Intro");
        b.open_list(false, 1);
        b.open_item();
        b.block("one");
        b.open_list(true, 1);
        b.open_item();
        b.block("nested");
        b.close_item();
        b.close_list();
        b.close_item();
        b.open_item();
        b.block("two");
        b.block("two, again");
        b.close_item();
        b.open_item();
        b.open_quote();
        b.block("quoted");
        b.block("quoted, again");
        b.close_quote();
        b.close_item();
        b.close_list();
        b.block("After");
        assert_eq!(
            b.out,
            "Intro\n\n- one\n  1. nested\n- two\n\n  two, again\n\n- > quoted\n  >\n  > quoted, again\n\nAfter"
        );
    }

    #[test]
    fn sibling_lists_and_quotes_stay_apart() {
        let mut b = Blocks::default();
        for _ in 0..2 {
            b.open_list(false, 1);
            b.open_item();
            b.block("a");
            b.close_item();
            b.close_list();
        }
        for _ in 0..2 {
            b.open_quote();
            b.block("q");
            b.close_quote();
        }
        assert_eq!(b.out, "- a\n\n* a\n\n> q\n\n> q");
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_written_at_the_limit() {
        let mut b = Blocks::default();
        for _ in 0..MAX_NESTING + 3 {
            b.open_quote();
        }
        b.block("deep");
        b.block("deeper");
        b.open_item();
        b.block("item");
        b.close_item();
        for _ in 0..MAX_NESTING + 3 {
            b.close_quote();
        }
        b.block("out");
        let prefix = "> ".repeat(MAX_NESTING);
        let blank = prefix.trim_end();
        assert_eq!(
            b.out,
            format!("{prefix}deep\n{blank}\n{prefix}deeper\n{blank}\n{prefix}item\n\nout")
        );
        assert!(b.stack.is_empty());
    }

    #[test]
    fn ordered_lists_number_from_their_start_and_indent_under_the_marker() {
        let mut b = Blocks::default();
        b.open_list(true, 9);
        for text in ["nine", "ten"] {
            b.open_item();
            b.block(text);
            b.block("more");
            b.close_item();
        }
        b.close_list();
        assert_eq!(b.out, "9. nine\n\n   more\n\n10. ten\n\n    more");
    }
}
