//! The one tag table: every set of tag names the crate asks about,
//! declared once here, built from the names or from other sets.
//!
//! A tag name is looked up as a small id ([`Tag`]) by a `match` on the
//! interned name (`local_name!`): the tree hands over its `LocalName`
//! (`NodeRef::tag_id`, `NodeRef::is_in`), and nothing compares strings. A set is a bit
//! set of ids, so asking one is a shift and a mask, and sets combine at
//! compile time (`union`, `minus`). A name a set lists that the table does
//! not know fails the build.
//!
//! Only local names count: `<svg><a>` is an `a` (as the rules always
//! treated it).

use html5ever::{local_name, LocalName};

/// Declares the known tag names and the two lookups from a name to its
/// id. `interned` names are matched as interned atoms (`local_name!`);
/// `other` names are not in html5ever's static atom table, so they are
/// compared as strings once the atom matched none of the others.
macro_rules! known_tags {
    (interned: [$($name:tt)*] other: [$($other:tt)*]) => {
        /// Every known tag name, in the order of the ids; id 0 is any other name.
        pub(crate) const NAMES: &[&str] = &["", $($name,)* $($other,)*];

        impl Tag {
            /// The id of a tag name, by its text: what the atom match
            /// is tested against.
            #[cfg(test)]
            pub(crate) fn of(name: &str) -> Tag {
                match name {
                    $($name => const { Tag::named($name) },)*
                    $($other => const { Tag::named($other) },)*
                    _ => Tag::OTHER,
                }
            }

            /// The id of an element's interned local name: a `match` on
            /// the atom, never on its text for a name the table knows.
            pub(crate) fn of_local(name: &LocalName) -> Tag {
                match *name {
                    $(local_name!($name) => const { Tag::named($name) },)*
                    _ => match &**name {
                        $($other => const { Tag::named($other) },)*
                        _ => Tag::OTHER,
                    },
                }
            }
        }
    };
}

known_tags! {
    interned: [
        "a" "abbr" "address" "applet" "area" "article" "aside" "audio" "b" "base" "bdi" "bdo"
        "blockquote" "body" "br" "button" "canvas" "caption" "center" "cite" "code" "col"
        "colgroup" "dd" "del" "details" "dfn" "dialog" "dir" "div" "dl" "dt" "em" "embed" "fieldset"
        "figcaption" "figure" "footer" "form" "frame" "frameset" "h1" "h2" "h3" "h4" "h5" "h6"
        "head" "header" "hgroup" "hr" "html" "i" "iframe" "img" "input" "kbd" "keygen" "label"
        "legend" "li" "link" "main" "map" "mark" "math" "menu" "meta" "nav" "noembed" "noframes"
        "noscript" "object" "ol" "option" "p" "param" "picture" "plaintext" "pre" "q" "rp" "rt"
        "ruby" "s" "samp" "script" "search" "section" "select" "slot" "small" "source" "span"
        "strike" "strong" "style" "sub" "summary" "sup" "svg" "table" "tbody" "td" "template"
        "textarea" "tfoot" "th" "thead" "time" "title" "tr" "track" "tt" "u" "ul" "var" "video"
        "wbr" "xmp"
    ]
    other: ["portal"]
}

/// A tag name as a small id: an index into [`NAMES`], 0 for names the
/// table does not know.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Tag(u8);

impl Tag {
    /// Any name the table does not know; in no set.
    pub(crate) const OTHER: Tag = Tag(0);

    /// The id of `name`, found at compile time; a name missing from the
    /// table stops the build.
    pub(crate) const fn named(name: &str) -> Tag {
        let mut i = 1;
        while i < NAMES.len() {
            if str_eq(NAMES[i], name) {
                return Tag(i as u8);
            }
            i += 1;
        }
        panic!("a tag name missing from known_tags!")
    }

    /// The tag's name ("" for [`Tag::OTHER`]).
    pub(crate) fn name(self) -> &'static str {
        NAMES[usize::from(self.0)]
    }

    /// The tag at `index` of the table (for building tables indexed by
    /// tag; [`Tag::OTHER`] past its end).
    pub(crate) const fn at(index: usize) -> Tag {
        if index < NAMES.len() {
            Tag(index as u8)
        } else {
            Tag::OTHER
        }
    }

    /// The tag's place in the table, for tables indexed by tag ([`COUNT`]
    /// places).
    pub(crate) const fn index(self) -> usize {
        self.0 as usize
    }
}

/// Places in the table: every known tag and [`Tag::OTHER`].
pub(crate) const COUNT: usize = NAMES.len();

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// 64-bit words a set needs for every id.
const WORDS: usize = NAMES.len().div_ceil(64);

/// A set of tag names.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct TagSet([u64; WORDS]);

impl TagSet {
    /// The names `names`; a name the table does not know stops the build.
    pub(crate) const fn of(names: &[&str]) -> TagSet {
        let mut bits = [0u64; WORDS];
        let mut i = 0;
        while i < names.len() {
            let id = Tag::named(names[i]).0 as usize;
            bits[id / 64] |= 1 << (id % 64);
            i += 1;
        }
        TagSet(bits)
    }

    /// The names in either set.
    pub(crate) const fn union(self, other: TagSet) -> TagSet {
        let mut bits = self.0;
        let mut i = 0;
        while i < WORDS {
            bits[i] |= other.0[i];
            i += 1;
        }
        TagSet(bits)
    }

    /// The names in this set and not in `other`.
    pub(crate) const fn minus(self, other: TagSet) -> TagSet {
        let mut bits = self.0;
        let mut i = 0;
        while i < WORDS {
            bits[i] &= !other.0[i];
            i += 1;
        }
        TagSet(bits)
    }

    /// True if the set holds `tag`.
    #[inline]
    pub(crate) const fn contains(self, tag: Tag) -> bool {
        let id = tag.0 as usize;
        self.0[id / 64] >> (id % 64) & 1 == 1
    }

    /// True if the set holds the tag named `name`.
    #[cfg(test)]
    pub(crate) fn has(self, name: &str) -> bool {
        self.contains(Tag::of(name))
    }

    /// The names in the set, in table order.
    #[cfg(test)]
    pub(crate) fn names(self) -> Vec<&'static str> {
        (1..NAMES.len())
            .map(|i| Tag(i as u8))
            .filter(|&t| self.contains(t))
            .map(Tag::name)
            .collect()
    }
}

// --- What the text is -------------------------------------------------

/// Elements whose contents are never article text: code, styles, inert
/// templates, form fields, the document head and obsolete raw-text
/// elements. Their text is not counted as article text, not written to the
/// text output, and removed with them from the HTML output.
pub const NOT_TEXT_NAMES: &[&str] = &[
    "script",
    "style",
    "template",
    "head",
    "textarea",
    "title",
    "xmp",
    "noembed",
    "noframes",
    "plaintext",
    "iframe",
];
/// [`NOT_TEXT_NAMES`].
pub(crate) const NOT_TEXT: TagSet = TagSet::of(NOT_TEXT_NAMES);

/// Elements that count as content even with no text in them.
pub(crate) const MEDIA_NAMES: &[&str] = &[
    "img", "picture", "video", "audio", "iframe", "embed", "object", "svg", "math", "canvas",
];
/// [`MEDIA_NAMES`].
pub(crate) const MEDIA: TagSet = TagSet::of(MEDIA_NAMES);

/// The media the HTML output keeps (`<img>`): the sanitizer drops the
/// others (`<svg>`, `<math>`, `<canvas>`, ... keep only their text).
pub(crate) const SHOWN_MEDIA: TagSet = MEDIA.minus(MEDIA.minus(ALLOWED));

/// `h1`–`h6`.
pub(crate) const HEADINGS: TagSet = TagSet::of(&["h1", "h2", "h3", "h4", "h5", "h6"]);

/// `ul`, `ol`, `dl`.
pub(crate) const LISTS: TagSet = TagSet::of(&["ul", "ol", "dl"]);

/// `li`, `dd`, `dt`.
pub(crate) const LIST_ITEMS: TagSet = TagSet::of(&["li", "dd", "dt"]);

/// Rows and row groups of a table.
pub(crate) const TABLE_PARTS: TagSet = TagSet::of(&["thead", "tbody", "tfoot", "tr"]);

/// Table cells.
pub(crate) const CELLS: TagSet = TagSet::of(&["td", "th"]);

/// Elements whose text counts as article paragraph text: every block that
/// holds article text once normalised. Headings too: normalisation moves
/// the text of a `<p>` inside an `<h2>` into the heading, and that must not
/// count as text lost.
pub(crate) const PARAGRAPHS: TagSet =
    TagSet::of(&["p", "blockquote", "pre", "figcaption", "caption"])
        .union(HEADINGS)
        .union(LIST_ITEMS)
        .union(CELLS);

// --- The HTML output ----------------------------------------------------

/// Tags allowed in the HTML output.
pub const ALLOWED_NAMES: &[&str] = &[
    "p",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "figure",
    "figcaption",
    "img",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "pre",
    "code",
    "a",
    "strong",
    "em",
    "sub",
    "sup",
    "s",
    "del",
    "u",
    "mark",
    "q",
    "cite",
    "abbr",
    "kbd",
    "var",
    "samp",
    "time",
    "small",
    "hr",
    "ruby",
    "rt",
    "rp",
    "bdi",
    "dfn",
    "wbr",
];
/// [`ALLOWED_NAMES`].
pub(crate) const ALLOWED: TagSet = TagSet::of(ALLOWED_NAMES);

/// Void elements: no contents, no end tag.
pub(crate) const VOID: TagSet = TagSet::of(&[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen",
]);

/// Raw-text elements: their text is written unescaped.
pub(crate) const RAW_TEXT: TagSet = TagSet::of(&[
    "script",
    "style",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
]);

/// Block wrappers the pretty output and the text output both break lines
/// around.
const SECTIONS: TagSet = TagSet::of(&["div", "section", "article"]);

/// Blocks whose children start on a line of their own in pretty output.
pub(crate) const OPEN_LINE_BLOCKS: TagSet = TagSet::of(&["blockquote", "figure", "table"])
    .union(LISTS)
    .union(TABLE_PARTS)
    .union(SECTIONS);

/// Blocks that end their line in pretty output.
pub(crate) const LINE_BLOCKS: TagSet = TagSet::of(&["p", "figcaption", "caption", "pre", "hr"])
    .union(HEADINGS)
    .union(LIST_ITEMS)
    .union(OPEN_LINE_BLOCKS);

/// Containers where whitespace-only text is formatting, never content.
pub(crate) const STRUCTURAL: TagSet = TagSet::of(&["table", "body"])
    .union(LISTS)
    .union(TABLE_PARTS);

// --- The text output ----------------------------------------------------

/// Elements that start and end a block of the text output.
pub(crate) const TEXT_BLOCKS: TagSet = LINE_BLOCKS
    .minus(TagSet::of(&["thead", "tbody", "tfoot"]))
    .union(TagSet::of(&[
        "header", "footer", "aside", "nav", "main", "address", "center", "details", "summary",
    ]));

// --- Paragraph normalisation ----------------------------------------------

/// Containers whose content is flow, but a lone paragraph in them is
/// unwrapped: cells, captions, figures (and list items).
pub(crate) const TIGHT_CONTAINERS: TagSet =
    TagSet::of(&["figcaption", "figure", "caption"]).union(CELLS);

/// Blocks kept exactly as written.
pub(crate) const VERBATIM: TagSet = TagSet::of(&["pre", "hr"]);

/// Block wrappers: unwrapped, but a paragraph boundary.
pub(crate) const BLOCK_WRAPPERS: TagSet = TagSet::of(&[
    "main", "header", "footer", "aside", "nav", "center", "address", "hgroup", "details",
    "summary", "fieldset", "form", "body", "html", "noscript", "dialog", "search", "p",
])
.union(SECTIONS);

/// Inline elements the normaliser keeps (everything else inline is
/// unwrapped or renamed).
pub(crate) const INLINE_KEPT: TagSet = TagSet::of(&[
    "a", "strong", "em", "code", "sub", "sup", "br", "img", "s", "del", "u", "mark", "q", "cite",
    "abbr", "kbd", "var", "samp", "time", "ruby", "rt", "rp", "dfn", "bdi", "bdo", "wbr", "small",
    "video", "audio", "iframe", "svg", "math", "picture", "source",
]);

/// Containers kept as they are whose content is normalised as flow
/// content.
pub(crate) const LOOSE_CONTAINERS: TagSet = TagSet::of(&["blockquote"]);

/// Tables: blocks whose cells are normalised as containers.
pub(crate) const TABLES: TagSet = TagSet::of(&["table"]);

/// The meaningful twin an inline element is renamed to (`b` → `strong`),
/// if it has one.
pub(crate) fn renamed_to(tag: Tag) -> Option<&'static str> {
    match tag.name() {
        "b" => Some("strong"),
        "i" => Some("em"),
        "tt" => Some("code"),
        "strike" => Some("s"),
        _ => None,
    }
}

// --- Rules ----------------------------------------------------------------

/// Elements `active-content` removes with everything inside them: what
/// runs or asks for input rather than reads.
pub(crate) const ACTIVE: TagSet = TagSet::of(&[
    "script",
    "style",
    "template",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "option",
    "label",
    "fieldset",
    "link",
    "meta",
    "base",
    "title",
    "head",
    "applet",
    "frame",
    "frameset",
    "dialog",
    "canvas",
    "map",
    "area",
    "param",
    "track",
    "menu",
    "slot",
    "portal",
    "xmp",
    "noembed",
    "noframes",
    "plaintext",
]);

/// Elements that mean something while empty: `empty-containers` keeps them.
pub(crate) const KEPT_EMPTY: TagSet = TagSet::of(&["br", "hr", "col", "colgroup", "wbr"])
    .union(CELLS)
    .union(TABLE_PARTS);

/// Line breaks: kept while empty, but no structure.
pub(crate) const BREAKS: TagSet = TagSet::of(&["br", "wbr"]);

/// Elements kept while empty that are structure around them (a table, a
/// rule), unlike line breaks.
pub(crate) const EMPTY_STRUCTURE: TagSet = KEPT_EMPTY.minus(BREAKS);

/// The block and inline elements that may be left holding an ad label.
pub(crate) const AD_LABEL_HOLDERS: TagSet =
    TagSet::of(&["p", "div", "span", "small", "aside", "section"]);

/// Elements a naming rule judges on their own, never as containers that
/// might hold the story.
pub(crate) const NOT_CONTAINERS: TagSet = TagSet::of(&[
    "p", "a", "img", "span", "small", "li", "b", "strong", "i", "em",
]);

/// Where the climb from a removed block's parent to the highest emptied
/// ancestor stops: structure that stays even when empty.
pub(crate) const EMPTIED_ANCESTOR_STOPS: TagSet = TagSet::of(&["body", "html", "li"])
    .union(CELLS)
    .union(TagSet::of(&["tr"]));

// --- Main content -------------------------------------------------------

/// Elements never shown as text (scripts, styles, templates, form
/// controls, `<noscript>` fallbacks, embedded frames and objects): the
/// page scoring does not measure them or look inside them.
pub(crate) const UNSEEN: TagSet = TagSet::of(&[
    "script",
    "style",
    "template",
    "noscript",
    "textarea",
    "title",
    "head",
    "select",
    "option",
    "button",
    "input",
    "xmp",
    "noembed",
    "noframes",
    "plaintext",
    "iframe",
    "object",
    "embed",
    "canvas",
    "math",
    "dialog",
]);

/// Pictures and players: the media the page scoring counts as figures.
pub(crate) const PICTURES: TagSet = TagSet::of(&["img", "picture", "video", "audio", "svg"]);

/// Embedded frames and objects: unseen, but counted as media.
pub(crate) const EMBEDS: TagSet = TagSet::of(&["iframe", "embed", "object", "canvas"]);

/// Block-level elements, for the page scoring: paragraphs, containers,
/// list items, cells (headings are a kind of their own).
pub(crate) const FLOW_BLOCKS: TagSet = TagSet::of(&[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "ul",
    "frameset",
    "legend",
]);

#[cfg(test)]
mod tests {
    use super::*;

    /// Every element name HTML defines, a few it does not, and the names
    /// of the table: the two lookups agree on all of them, and each known
    /// name comes back from its id.
    #[test]
    fn both_lookups_agree_and_round_trip() {
        const HTML: &str = "a abbr address area article aside audio b base bdi bdo \
            blockquote body br button canvas caption cite code col colgroup data datalist dd \
            del details dfn dialog div dl dt em embed fieldset figcaption figure footer form \
            h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd keygen \
            label legend li link main map mark math menu meta meter nav noembed noframes \
            noscript object ol optgroup option output p param picture plaintext portal pre \
            progress q rp rt ruby s samp script search section select slot small source span \
            strong style sub summary sup svg table tbody td template textarea tfoot th thead \
            time title tr track u ul var video wbr xmp font center o:p x-custom P tt strike";
        for name in HTML.split_whitespace().chain(NAMES.iter().copied()) {
            let tag = Tag::of(name);
            assert_eq!(tag, Tag::of_local(&LocalName::from(name)), "{name}");
            if tag != Tag::OTHER {
                assert_eq!(tag.name(), name);
            }
        }
        assert_eq!(Tag::of("P"), Tag::OTHER);
        assert_eq!(Tag::of(""), Tag::OTHER);
        assert!(NAMES.len() <= usize::from(u8::MAX));
    }

    #[test]
    fn sets_built_from_sets_hold_what_they_are_built_from() {
        assert!(ALLOWED.has("p") && !ALLOWED.has("div") && !ALLOWED.has("o:p"));
        assert_eq!(
            TagSet::of(NOT_TEXT_NAMES).names().len(),
            NOT_TEXT_NAMES.len()
        );
        assert!(!NOT_TEXT.contains(Tag::OTHER));
        assert_eq!(OPEN_LINE_BLOCKS.minus(LINE_BLOCKS), TagSet::of(&[]));
        assert!(TEXT_BLOCKS.has("nav") && !TEXT_BLOCKS.has("tbody") && TEXT_BLOCKS.has("tr"));
        assert_eq!(
            PARAGRAPHS.names(),
            [
                "blockquote",
                "caption",
                "dd",
                "dt",
                "figcaption",
                "h1",
                "h2",
                "h3",
                "h4",
                "h5",
                "h6",
                "li",
                "p",
                "pre",
                "td",
                "th"
            ]
        );
    }
}
