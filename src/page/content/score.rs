//! Candidate scoring: which element holds the article.
//!
//! Prose is measured in *units*: the loose text of one block element (a
//! `<p>`, a `<div>` of bare text, the bare lines of a container) of at
//! least [`MIN_UNIT`] characters. A unit is worth more the longer it is
//! and the more commas it has (sentences of prose have them, menus and
//! captions do not), and less the more of it is link text. Its worth goes
//! to the element holding it and, halving at each step, to a few
//! elements above: the element whose units are most of what it holds
//! scores highest. Names then tip the balance (`article-body` up,
//! `sidebar` down), and the candidate's own link density scales the total.

use super::measure::{Blocks, Kind};

/// Shortest loose text that counts as a unit of prose.
pub(crate) const MIN_UNIT: usize = 25;

/// What a unit of prose inside page furniture is worth, as a share of
/// its worth elsewhere: a comment thread or a sidebar can still win a
/// page that has nothing else.
const FURNITURE_DISCOUNT: f64 = 0.25;

/// How many elements above a unit share its worth.
const SPREAD_LEVELS: usize = 4;

/// The scores of every block.
pub(crate) struct Scores {
    /// Worth of the units each block holds, spread from below.
    pub gathered: Vec<f64>,
    /// Worth of each block as a unit of prose itself (0 if it is none),
    /// before any discount for standing in page furniture.
    pub worth: Vec<f64>,
    /// Text of the units at or below each block.
    pub prose: Vec<usize>,
    /// [`prose`](Self::prose) outside page furniture.
    pub clean_prose: Vec<usize>,
    /// True if an ancestor (or the block itself) is named or tagged as
    /// page furniture.
    pub in_furniture: Vec<bool>,
}

impl Scores {
    /// Scores every block of `blocks`, in four passes over the table.
    ///
    /// Names are a theme's, and themes misname: when the best candidate
    /// stands in furniture (an article in a `modal` layer, a
    /// `non-ad-column`, a `js-social-anchor` main), the page is scored
    /// again trusting the best candidate's ancestors.
    pub fn of(blocks: &Blocks) -> Scores {
        let scores = Scores::trusting(blocks, None);
        match scores.ranked(blocks).first() {
            Some(&(best, _)) if scores.in_furniture[best] => Scores::trusting(blocks, Some(best)),
            _ => scores,
        }
    }

    /// The candidates (blocks scoring above zero) with their scores, best
    /// first; ties go to the one earlier in the page.
    pub fn ranked(&self, blocks: &Blocks) -> Vec<(usize, f64)> {
        let mut ranked: Vec<(usize, f64)> = (0..blocks.len())
            .map(|i| (i, self.candidate(blocks, i)))
            .filter(|&(_, s)| s > 0.0)
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
    }

    /// [`of`](Self::of), with `trusted` and its ancestors never furniture.
    fn trusting(blocks: &Blocks, trusted: Option<usize>) -> Scores {
        let n = blocks.len();
        // 1. The units of prose, and the prose below each block.
        let mut worths = vec![0.0; n];
        let mut prose = vec![0usize; n];
        for (i, b) in blocks.iter() {
            if let Some(worth) = unit_worth(blocks, i) {
                worths[i] = worth;
                prose[i] = b.loose_text;
            }
        }
        sum_up(blocks, &mut prose);
        // 2. Furniture: named or tagged so, and everything inside it.
        let mut in_furniture = vec![false; n];
        for (i, b) in blocks.iter() {
            let named = is_furniture_tag(b.tag()) || b.lean.is_furniture();
            let own = named && !trusted.is_some_and(|t| blocks.contains(i, t));
            in_furniture[i] = own || b.parent.is_some_and(|p| in_furniture[p]);
        }
        // 3. Prose outside furniture.
        let mut clean_prose: Vec<usize> = (0..n)
            .map(|i| {
                if in_furniture[i] || worths[i] == 0.0 {
                    0
                } else {
                    blocks[i].loose_text
                }
            })
            .collect();
        sum_up(blocks, &mut clean_prose);
        // 4. Each unit's worth spread upwards, discounted in furniture.
        let mut gathered = vec![0.0; n];
        for i in 0..n {
            if worths[i] == 0.0 {
                continue;
            }
            let worth = if in_furniture[i] {
                worths[i] * FURNITURE_DISCOUNT
            } else {
                worths[i]
            };
            let mut share = 1.0;
            let mut at = unit_start(blocks, i);
            for _ in 0..SPREAD_LEVELS {
                let Some(a) = at else { break };
                gathered[a] += worth * share;
                share /= 2.0;
                at = blocks[a].parent;
            }
        }
        Scores {
            gathered,
            worth: worths,
            prose,
            clean_prose,
            in_furniture,
        }
    }

    /// The candidate score of block `i`: gathered worth, adjusted by tag
    /// and names, scaled by how little of it is links.
    pub fn candidate(&self, blocks: &Blocks, i: usize) -> f64 {
        let b = &blocks[i];
        // The parts of a table are not containers: a table of data is
        // held by what holds the table (a layout table's cell may be).
        let table_part = matches!(b.tag(), "table" | "tbody" | "thead" | "tfoot" | "tr");
        if self.gathered[i] <= 0.0 || b.hidden || table_part {
            return 0.0;
        }
        let base = match b.tag() {
            "div" | "article" | "section" | "main" => 5.0,
            "td" | "blockquote" | "pre" => 3.0,
            "ol" | "ul" | "li" | "dl" | "dd" | "dt" | "form" | "address" => -3.0,
            "th" => -5.0,
            _ => 0.0,
        };
        let semantic = match b.tag() {
            "article" | "main" => 10.0,
            _ => 0.0,
        };
        let score = self.gathered[i] + base + semantic + b.lean.weight();
        score * (1.0 - b.link_density())
    }
}

/// Adds each block's value to its parent's, bottom-up: children come
/// after their parent in document order.
fn sum_up(blocks: &Blocks, values: &mut [usize]) {
    for i in (1..values.len()).rev() {
        if let Some(p) = blocks[i].parent {
            values[p] += values[i];
        }
    }
}

/// The block where unit `i`'s worth starts to spread: a paragraph's
/// worth starts at its parent; a container's own bare lines start at the
/// container.
pub(crate) fn unit_start(blocks: &Blocks, i: usize) -> Option<usize> {
    if blocks[i].holds_blocks {
        Some(i)
    } else {
        blocks[i].parent
    }
}

/// How much of the worth of the units inside `container` reaches it
/// through each block below it (indexed from `container`): the blocks its
/// score comes from.
pub(crate) fn worth_through(blocks: &Blocks, scores: &Scores, container: usize) -> Vec<f64> {
    let end = blocks[container].end;
    let mut through = vec![0.0; end - container];
    for u in container..end {
        let worth = scores.worth[u];
        if worth == 0.0 {
            continue;
        }
        let Some(start) = unit_start(blocks, u) else {
            continue;
        };
        if !blocks.contains(container, start) {
            continue;
        }
        let levels = blocks[start].depth - blocks[container].depth;
        if levels >= SPREAD_LEVELS {
            continue;
        }
        let share = worth / f64::from(1u32 << levels);
        // Every block from the unit up to the container passes it on.
        let mut at = u;
        while at != container {
            through[at - container] += share;
            match blocks[at].parent {
                Some(p) => at = p,
                None => break,
            }
        }
        through[0] += share;
    }
    through
}

/// The worth of block `i` as a unit of prose, if it is one.
fn unit_worth(blocks: &Blocks, i: usize) -> Option<f64> {
    let b = &blocks[i];
    if b.kind != Kind::Block || b.hidden || b.loose_text < MIN_UNIT {
        return None;
    }
    let link_density = b.loose_link_text as f64 / b.loose_text as f64;
    if link_density > 0.5 {
        return None;
    }
    let length = (b.loose_text as f64 / 100.0).min(3.0);
    let mut worth = (1.0 + b.loose_commas as f64 + length) * (1.0 - link_density);
    if matches!(b.tag(), "li" | "dt" | "dd" | "th") {
        // List items are prose in an article and teasers in a listing.
        worth *= 0.5;
    }
    Some(worth)
}

/// Tags that frame a page rather than hold its article.
pub(crate) fn is_furniture_tag(tag: &str) -> bool {
    matches!(tag, "nav" | "aside" | "footer" | "menu")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::Document;

    fn scored(html: &str) -> (Blocks, Scores) {
        let blocks = Blocks::of(&Document::parse(html));
        let scores = Scores::of(&blocks);
        (blocks, scores)
    }

    fn by_id(blocks: &Blocks, id: &str) -> usize {
        blocks
            .iter()
            .find(|(_, b)| b.node.attr("id").as_deref() == Some(id))
            .map(|(i, _)| i)
            .expect("an element with that id")
    }

    #[test]
    fn units_are_prose_with_few_links() {
        let (blocks, _) = scored(
            r#"<p id=prose>Long enough to be prose, and with a comma.</p>
            <p id=short>Too short.</p>
            <p id=links><a href=x>Mostly a link, nothing but a link here</a> ok</p>
            <li id=item>An item in a list, as long as the prose.</li>"#,
        );
        let worth = |id| unit_worth(&blocks, by_id(&blocks, id));
        assert!(worth("prose").is_some());
        assert!(worth("short").is_none());
        assert!(worth("links").is_none());
        assert!(worth("item").unwrap() < worth("prose").unwrap());
    }

    #[test]
    fn worth_goes_to_the_holder_halving_upwards() {
        let (blocks, scores) = scored(
            "<div id=a><div id=b><p>Long enough to be prose, and with a comma.</p></div></div>",
        );
        let (a, b) = (by_id(&blocks, "a"), by_id(&blocks, "b"));
        assert!(scores.gathered[b] > 0.0);
        assert!((scores.gathered[a] - scores.gathered[b] / 2.0).abs() < 1e-9);
        let through = worth_through(&blocks, &scores, a);
        assert!((through[0] - scores.gathered[a]).abs() < 1e-9);
        assert!((through[b - a] - through[0]).abs() < 1e-9);
    }

    #[test]
    fn furniture_is_discounted_and_table_parts_are_no_containers() {
        let prose = "<p>Long enough to be prose, and with a comma.</p>";
        let (blocks, scores) = scored(&format!(
            "<div id=story>{prose}</div><div id=side class=sidebar>{prose}</div><table><tr id=row><td>{prose}</td></tr></table>"
        ));
        let [story, side, row] = ["story", "side", "row"].map(|id| by_id(&blocks, id));
        assert!(scores.in_furniture[side] && !scores.in_furniture[story]);
        assert!(scores.gathered[side] < scores.gathered[story]);
        assert_eq!(scores.clean_prose[side], 0);
        assert!(scores.gathered[row] > 0.0);
        assert_eq!(scores.candidate(&blocks, row), 0.0);
        assert_eq!(scores.ranked(&blocks)[0].0, story);
    }
}
