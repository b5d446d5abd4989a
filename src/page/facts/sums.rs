//! What an element measures, as sums over its children: each child passes
//! its parent a [`Sums`] worked out from its own (its *contribution*), and
//! each text child its visible characters and commas.
//!
//! Every contribution is linear in the child's sums (a selection, a copy,
//! a constant for the child itself), so a change below an element changes
//! each ancestor's sums by a difference that can be carried up alone: the
//! page facts stay valid through an edit in time proportional to its
//! depth (see [`super::Facts`]).

use crate::html::tags::{
    self, Tag, TagSet, EMBEDS, EMPTY_STRUCTURE, FLOW_BLOCKS, HEADINGS, MEDIA, NOT_TEXT, PARAGRAPHS,
    PICTURES, SHOWN_MEDIA, UNSEEN,
};
use crate::page::names::{Marks, Names};

/// One measurement summed over an element's subtree.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Sum {
    /// Visible characters below, text of [`NOT_TEXT`] elements left out:
    /// `NodeRef::text_len`.
    Text,
    /// Visible characters below, all text counted.
    AnyText,
    /// Text of the paragraphs at or below: `NodeRef::paragraph_len`.
    Paragraph,
    /// [`Sum::Paragraph`] outside reader comment sections: the article's
    /// text, as the pipeline's removal guard weighs it.
    Story,
    /// `<a>` elements below.
    Links,
    /// `<img>` elements below.
    Images,
    /// [`MEDIA`] elements below.
    Media,
    /// [`SHOWN_MEDIA`] elements below: media the HTML output keeps.
    ShownMedia,
    // What the page scoring sees: nothing below an element never shown as
    // text ([`UNSEEN`]) or hidden by its attributes counts.
    /// Visible characters seen below.
    SeenText,
    /// Of [`Sum::SeenText`], the characters inside links.
    SeenLinkText,
    /// Commas (any script's) in the text seen below.
    Commas,
    /// Seen text not inside a block element below: the element's own prose.
    LooseText,
    /// Of [`Sum::LooseText`], the characters inside links.
    LooseLinkText,
    /// Commas in the [`Sum::LooseText`].
    LooseCommas,
    /// Block elements (and headings) below.
    Blocks,
    /// Headings below.
    Headings,
    /// Pictures, players and embedded frames below.
    Figures,
    /// Elements below.
    Elements,
    // What tells a rule there is nothing for it to do.
    /// Elements with a URL attribute holding a query (`?`) below.
    Queries,
    /// Table parts, cells and rules ([`EMPTY_STRUCTURE`]) below.
    Structure,
}

/// Number of [`Sum`]s.
const SUMS: usize = Sum::Structure as usize + 1;

/// A value for each [`Sum`]. Arithmetic wraps: a difference carried up
/// may be "negative", and every stored sum is a true count.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub(super) struct Sums([u32; SUMS]);

impl std::ops::Index<Sum> for Sums {
    type Output = u32;
    fn index(&self, sum: Sum) -> &u32 {
        &self.0[sum as usize]
    }
}

impl std::ops::IndexMut<Sum> for Sums {
    fn index_mut(&mut self, sum: Sum) -> &mut u32 {
        &mut self.0[sum as usize]
    }
}

impl Sums {
    /// Adds `other` to each sum.
    pub(super) fn add(&mut self, other: &Sums) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a = a.wrapping_add(b);
        }
    }

    /// `self - other`, sum by sum.
    pub(super) fn minus(&self, other: &Sums) -> Sums {
        let mut out = *self;
        for (a, b) in out.0.iter_mut().zip(other.0) {
            *a = a.wrapping_sub(b);
        }
        out
    }

    pub(super) fn is_zero(&self) -> bool {
        self.0.iter().all(|&v| v == 0)
    }

    /// What a text child with `visible` characters and `commas` commas
    /// adds to an element of `roles`.
    pub(super) fn add_text(&mut self, roles: Roles, visible: u32, commas: u32) {
        self[Sum::Text] += visible;
        self[Sum::AnyText] += visible;
        if !roles.has(Roles::UNSEEN) {
            self[Sum::SeenText] += visible;
            self[Sum::LooseText] += visible;
            self[Sum::Commas] += commas;
            self[Sum::LooseCommas] += commas;
        }
    }
}

/// What an element is, for its own sums and what it passes up: read from
/// its tag and its names once.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub(super) struct Roles(u16);

impl Roles {
    /// Its text is not article text ([`NOT_TEXT`]).
    pub(super) const NOT_TEXT: Roles = Roles(1);
    /// A paragraph ([`PARAGRAPHS`]).
    pub(super) const PARAGRAPH: Roles = Roles(1 << 1);
    /// Named as a reader comment section.
    pub(super) const COMMENT_SECTION: Roles = Roles(1 << 2);
    /// `<a>`.
    pub(super) const LINK: Roles = Roles(1 << 3);
    /// `<img>`.
    pub(super) const IMAGE: Roles = Roles(1 << 4);
    /// One of [`MEDIA`].
    pub(super) const MEDIA: Roles = Roles(1 << 5);
    /// Never shown as text ([`UNSEEN`]).
    pub(super) const UNSEEN: Roles = Roles(1 << 6);
    /// Hidden by its attributes (and not [`Roles::UNSEEN`]).
    pub(super) const HIDDEN: Roles = Roles(1 << 7);
    /// A heading.
    pub(super) const HEADING: Roles = Roles(1 << 8);
    /// A picture, a player or an embedded frame ([`PICTURES`], [`EMBEDS`]).
    pub(super) const FIGURE: Roles = Roles(1 << 9);
    /// A block element or a heading.
    pub(super) const BLOCK: Roles = Roles(1 << 10);
    /// Structure while empty ([`EMPTY_STRUCTURE`]).
    pub(super) const STRUCTURE: Roles = Roles(1 << 11);
    /// A URL attribute holds a query.
    pub(super) const QUERY: Roles = Roles(1 << 12);
    /// One of [`SHOWN_MEDIA`].
    pub(super) const SHOWN_MEDIA: Roles = Roles(1 << 13);

    pub(super) fn of(tag: Tag, names: Names, marks: Marks) -> Roles {
        let mut roles = BY_TAG[tag.index()];
        let hideable = !roles.has(Roles::UNSEEN);
        if hideable && (marks.has(Marks::HIDDEN) || marks.has(Marks::STYLE_HIDES)) {
            roles.0 |= Roles::HIDDEN.0;
        }
        if names.has(Names::COMMENT_SECTION) {
            roles.0 |= Roles::COMMENT_SECTION.0;
        }
        if marks.has(Marks::URL_QUERY) {
            roles.0 |= Roles::QUERY.0;
        }
        roles
    }

    /// The roles a tag gives, whatever the element's attributes.
    const fn of_tag(tag: Tag) -> Roles {
        let sets: [(Roles, TagSet); 9] = [
            (Roles::STRUCTURE, EMPTY_STRUCTURE),
            (Roles::NOT_TEXT, NOT_TEXT),
            (Roles::PARAGRAPH, PARAGRAPHS),
            (Roles::LINK, LINK),
            (Roles::IMAGE, IMAGE),
            (Roles::MEDIA, MEDIA),
            (Roles::SHOWN_MEDIA, SHOWN_MEDIA),
            (Roles::UNSEEN, UNSEEN),
            (Roles::FIGURE, PICTURES.union(EMBEDS)),
        ];
        let mut roles = 0;
        let mut i = 0;
        while i < sets.len() {
            if sets[i].1.contains(tag) {
                roles |= sets[i].0 .0;
            }
            i += 1;
        }
        if !UNSEEN.contains(tag) {
            if HEADINGS.contains(tag) {
                roles |= Roles::HEADING.0;
            }
            if FLOW_BLOCKS.union(HEADINGS).contains(tag) {
                roles |= Roles::BLOCK.0;
            }
        }
        Roles(roles)
    }

    pub(super) fn has(self, role: Roles) -> bool {
        self.0 & role.0 == role.0
    }
}

const LINK: TagSet = TagSet::of(&["a"]);
const IMAGE: TagSet = TagSet::of(&["img"]);

/// [`Roles::of_tag`] of every tag, by its place in the tag table.
const BY_TAG: [Roles; tags::COUNT] = {
    let mut table = [Roles(0); tags::COUNT];
    let mut i = 0;
    while i < tags::COUNT {
        table[i] = Roles::of_tag(Tag::at(i));
        i += 1;
    }
    table
};

/// The element's own measurements, from `below` (the sums of its
/// children): what the queries answer. `root` is the element the page
/// scoring starts from, measured even when hidden.
pub(super) fn own(roles: Roles, below: &Sums, root: bool) -> Sums {
    let mut own = *below;
    if roles.has(Roles::PARAGRAPH) {
        own[Sum::Paragraph] = own[Sum::Text];
        own[Sum::Story] = own[Sum::Text];
    }
    let unseen = roles.has(Roles::UNSEEN) || roles.has(Roles::HIDDEN) && !root;
    if unseen {
        for sum in SEEN {
            own[sum] = 0;
        }
    } else if roles.has(Roles::LINK) {
        own[Sum::SeenLinkText] = own[Sum::SeenText];
        own[Sum::LooseLinkText] = own[Sum::LooseText];
    }
    own
}

/// The sums of what the page scoring sees.
const SEEN: [Sum; 10] = [
    Sum::SeenText,
    Sum::SeenLinkText,
    Sum::Commas,
    Sum::LooseText,
    Sum::LooseLinkText,
    Sum::LooseCommas,
    Sum::Blocks,
    Sum::Headings,
    Sum::Figures,
    Sum::Elements,
];

/// What an element of `roles` whose children sum to `below` adds to its
/// parent's sums.
pub(super) fn contribution(roles: Roles, below: &Sums) -> Sums {
    let mut up = own(roles, below, false);
    if roles.has(Roles::NOT_TEXT) {
        up[Sum::Text] = 0;
    }
    if roles.has(Roles::COMMENT_SECTION) && !roles.has(Roles::PARAGRAPH) {
        up[Sum::Story] = 0;
    }
    let one = |role: Roles| u32::from(roles.has(role));
    up[Sum::Links] += one(Roles::LINK);
    up[Sum::Images] += one(Roles::IMAGE);
    up[Sum::Media] += one(Roles::MEDIA);
    up[Sum::ShownMedia] += one(Roles::SHOWN_MEDIA);
    if roles.has(Roles::BLOCK) {
        // A block's prose is its own, not its parent's.
        up[Sum::LooseText] = 0;
        up[Sum::LooseLinkText] = 0;
        up[Sum::LooseCommas] = 0;
    }
    up[Sum::Blocks] += one(Roles::BLOCK);
    up[Sum::Headings] += one(Roles::HEADING);
    up[Sum::Figures] += one(Roles::FIGURE);
    up[Sum::Elements] += 1;
    up[Sum::Queries] += one(Roles::QUERY);
    up[Sum::Structure] += one(Roles::STRUCTURE);
    up
}

/// Commas of Latin, CJK, Arabic and full-width punctuation in `s`:
/// `,` `，` `、` `،` `﹐` `﹑` `︐`.
pub(super) fn count_commas(s: &str) -> u32 {
    let bytes = s.as_bytes();
    if s.is_ascii() {
        return memchr::memchr_iter(b',', bytes).count() as u32;
    }
    // Found by their last bytes, which are rarer than their lead bytes
    // (those also lead most CJK punctuation): `,` 2C, `，` EF BC 8C, `،`
    // D8 8C, `、` E3 80 81; then `﹐` EF B9 90, `︐` EF B8 90, `﹑` EF B9 91.
    let ends_comma = |i: usize, lead: &[&[u8]]| lead.iter().any(|l| bytes[..i].ends_with(l));
    let first = memchr::memchr3_iter(b',', 0x8c, 0x81, bytes)
        .filter(|&i| match bytes[i] {
            b',' => true,
            0x8c => ends_comma(i, &[b"\xef\xbc", b"\xd8"]),
            _ => ends_comma(i, &[b"\xe3\x80"]),
        })
        .count();
    let second = memchr::memchr2_iter(0x90, 0x91, bytes)
        .filter(|&i| match bytes[i] {
            0x90 => ends_comma(i, &[b"\xef\xb9", b"\xef\xb8"]),
            _ => ends_comma(i, &[b"\xef\xb9"]),
        })
        .count();
    (first + second) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commas_are_counted_as_decoding_counts_them() {
        let plain = |s: &str| {
            s.chars()
                .filter(|c| matches!(c, ',' | '，' | '、' | '،' | '﹐' | '﹑' | '︐'))
                .count() as u32
        };
        let alphabet = [
            ',', '，', '、', '،', '﹐', '﹑', '︐', '。', 'ｌ', '\u{fe52}', '\u{3002}', 'a', '中',
            'ج',
        ];
        for s in crate::testing::all_strings(&alphabet, 3) {
            assert_eq!(count_commas(&s), plain(&s), "{s:?}");
        }
    }
}
