//! What an element's names say it is: `id` and `class` values split into
//! words, so naming conventions match by whole token (`dfp-ad-imu1` has
//! the token `ad`; `header`, `shadow` and `download` do not), and the
//! vocabularies the naming rules and the page scoring match them against,
//! one per concept.
//!
//! [`read`] reads an element's attributes once and says everything they
//! name ([`Names`]: ad, promotion, widget, chrome, comment section, the
//! words that lean towards or away from the article) and mark ([`Marks`]:
//! hidden, landmark roles, ad-server data): the page facts
//! ([`crate::page::facts`]) keep that reading for every element, so no
//! rule splits a name twice.

use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::Anchored;

use crate::dom::NodeRef;
use crate::html::attributes::is_url_attribute;

/// Words that name an ad unit wherever they appear in an id or class.
pub(crate) const AD_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "advertisements",
    "advertising",
    "adsbygoogle",
    "adsense",
    "adslot",
    "adunit",
    "adbox",
    "adbanner",
    "adcontainer",
    "adwrapper",
    "adzone",
    "dfp",
    "gpt",
    "doubleclick",
    "mpu",
    "leaderboard",
    "skyscraper",
    "outbrain",
    "taboola",
    "teads",
    "innity",
    "revcontent",
    "mgid",
    "zergnet",
    "sponsored",
    "sponsor",
    "googlead",
    "googleads",
];

/// Words in an id/class that name a promotion block: subscription,
/// newsletter, donation, app-download and paywall banners.
pub(crate) const PROMOTION_WORDS: &[&str] = &[
    "promo",
    "promos",
    "promotion",
    "promotions",
    "selfpromo",
    "newsletter",
    "newsletters",
    "subscribe",
    "subscription",
    "subscriptions",
    "signup",
    "paywall",
    "donate",
    "donation",
    "donations",
    "interstitial",
    "membership",
    "upsell",
    "appdownload",
    "app-download",
    "app-promo",
    "cx_paywall_placeholder",
    "freemium",
    "barrier",
];

/// Words naming a widget wherever they appear in an id or class.
pub(crate) const WIDGET_WORDS: &[&str] = &[
    // sharing
    "share",
    "shares",
    "sharing",
    "sharedaddy",
    "sharethis",
    "addthis",
    "addtoany",
    "a2a",
    "social",
    "socials",
    "sociallinks",
    "social-links",
    "share-buttons",
    "sd-sharing-enabled",
    // related and recommended
    "related",
    "relatedposts",
    "jp-relatedposts",
    "related-posts",
    "yarpp",
    "recommended",
    "recommendations",
    "more-stories",
    "read-more-links",
    "post-navigation",
    "nav-links",
    "navigation",
    // comments
    "comments",
    "comment",
    "commentlist",
    "comment-list",
    "comment-respond",
    "respond",
    "disqus",
    "disqus_thread",
    "fb-comments",
    // likes and reactions
    "likes",
    "like-button",
    "reactions",
];

/// Whole id/class values (or words of them) that name page chrome.
pub(crate) const CHROME_WORDS: &[&str] = &[
    "byline",
    "copyright",
    "submitted",
    "breadcrumb",
    "breadcrumbs",
    "entry-meta",
    "post-meta",
    "article-meta",
    "meta-item",
    "cat-links",
    "tags-links",
    "tag-links",
    "posted-on",
    "post-date",
    "entry-date",
    "published-on",
    "word-count",
    "reading-time",
    "entry-footer",
    "site-header",
    "site-footer",
    "site-nav",
    "sidebar",
    "widget-area",
];

/// True for an element named as a reader comment section (`#comments`,
/// `.comment-list`, `.comments-area`). The page facts know this of every
/// element: this reads one element on its own.
#[cfg(any(test, feature = "quality"))]
pub(crate) fn is_comment_section(el: &NodeRef) -> bool {
    read(el).names_of(el).has(Names::COMMENT_SECTION)
}

/// The id/class words that name a reader comment section.
pub(crate) const COMMENT_SECTION_WORDS: &[&str] = &["comments", "comment", "commentlist", "disqus"];

/// Splits an identifier into lower-case words at every non-alphanumeric
/// character and at lower→upper camelCase boundaries:
/// `"div-gpt-ad_1"` → `div gpt ad 1`, `"StandardArticleBody"` → `standard article body`.
pub fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(s, &mut String::new(), |w| {
        out.push(w.to_string());
        false
    });
    out
}

/// Calls `f` with each word of [`words`] in turn, built in `buf`, until it
/// returns true; returns whether it did. Allocates nothing once `buf` has
/// grown.
fn for_each_word(s: &str, buf: &mut String, f: impl FnMut(&str) -> bool) -> bool {
    if s.is_ascii() {
        for_each_ascii_word(s.as_bytes(), buf, f)
    } else {
        for_each_char_word(s, buf, f)
    }
}

/// [`for_each_word`] for any string, character by character.
fn for_each_char_word(s: &str, buf: &mut String, mut f: impl FnMut(&str) -> bool) -> bool {
    buf.clear();
    let mut prev_lower = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            if c.is_uppercase() && prev_lower && !buf.is_empty() {
                if f(buf) {
                    return true;
                }
                buf.clear();
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            buf.extend(c.to_lowercase());
        } else {
            prev_lower = false;
            if !buf.is_empty() {
                if f(buf) {
                    return true;
                }
                buf.clear();
            }
        }
    }
    !buf.is_empty() && f(buf)
}

/// [`for_each_word`] for ASCII names (nearly all of them), byte by byte:
/// the same splits without decoding characters or Unicode case tables.
fn for_each_ascii_word(s: &[u8], buf: &mut String, mut f: impl FnMut(&str) -> bool) -> bool {
    buf.clear();
    let mut prev_lower = false;
    for &c in s {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower && !buf.is_empty() {
                if f(buf) {
                    return true;
                }
                buf.clear();
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            buf.push(char::from(c.to_ascii_lowercase()));
        } else {
            prev_lower = false;
            if !buf.is_empty() {
                if f(buf) {
                    return true;
                }
                buf.clear();
            }
        }
    }
    !buf.is_empty() && f(buf)
}

/// The words of an element's `id` and of each of its classes, plus each
/// whole class value and id lower-cased (so `jp-relatedposts` can be matched
/// as one name too).
pub fn element_words(el: &NodeRef) -> Vec<String> {
    let mut out = Vec::new();
    any_element_word(el, |w| {
        out.push(w.to_string());
        false
    });
    out
}

/// True if `f` is true for one of the [`element_words`] of `el`; stops at
/// the first, and builds no list: rules ask this of every element.
pub fn any_element_word(el: &NodeRef, mut f: impl FnMut(&str) -> bool) -> bool {
    let mut found = false;
    let mut buf = String::new();
    el.for_each_attr(|name, value| {
        if found
            || !(name == "id" || name == "class")
            || name == "id" && is_heading_anchor(el, value)
        {
            return;
        }
        for part in value
            .split_ascii_whitespace()
            .filter(|p| !is_taxonomy_class(p))
        {
            buf.clear();
            if part.is_ascii() {
                buf.push_str(part);
                buf.make_ascii_lowercase();
            } else {
                // str::to_lowercase, not per char: final sigma.
                buf.push_str(&part.to_lowercase());
            }
            if f(&buf) || for_each_word(part, &mut buf, &mut f) {
                found = true;
                return;
            }
        }
    });
    found
}

/// True if `id` is the text of `el`'s heading made into an anchor
/// (`<section id="sharing-with-a-team"><h2>Sharing with a team</h2>`, as
/// documentation generators write): words of prose, not a name for what
/// the element is.
pub(crate) fn is_heading_anchor(el: &NodeRef, id: &str) -> bool {
    // Three words at least: short ids are names.
    if id.matches(['-', '_']).count() < 2 {
        return false;
    }
    let Some(heading) = el
        .children()
        .into_iter()
        .find(|c| c.is_any(&["h1", "h2", "h3", "h4", "h5", "h6"]))
    else {
        return false;
    };
    let id_words = plain_words(id);
    !id_words.is_empty() && plain_words(&heading.text_content()).starts_with(&id_words)
}

/// The lower-case words of a text, split at every character that is not
/// a letter or a digit (no camelCase splits: for prose, not names).
pub(crate) fn plain_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Classes CMSes derive from a post's categories and tags
/// (`category-newsletters`, `tag-social-media`, `format-standard`): they
/// say what the post is about, not what the element is.
pub fn is_taxonomy_class(class: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "category-",
        "tag-",
        "post_tag-",
        "format-",
        "status-",
        "type-",
        "topic-",
    ];
    PREFIXES.iter().any(|p| {
        class
            .as_bytes()
            .get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
    })
}

/// The word that names an ad slot's position on a page (`<section
/// id="imu">`): too short to trust on an element holding text.
pub(crate) const AD_POSITION_WORDS: &[&str] = &["imu"];

/// Words of an id or class that name a donation (`donate-us`,
/// `donation`): a link so named that wraps only an image is a donation
/// button.
pub(crate) const DONATION_WORDS: &[&str] = &["donate", "donation", "donations"];

/// Words that mark a social *embed* (a quoted post or video), which is
/// content, not a share bar.
pub(crate) const EMBED_WORDS: &[&str] = &["embed", "embedded"];

/// Words naming article content, for the page scoring.
pub(crate) const CONTENT_WORDS: &[&str] = &[
    "article",
    "articles",
    "articlebody",
    "body",
    "blog",
    "content",
    "contents",
    "entry",
    "hentry",
    "main",
    "post",
    "posts",
    "postbody",
    "prose",
    "story",
    "storybody",
    "text",
    "richtext",
    "permalink",
];

/// Words naming furniture around an article, for the page scoring.
pub(crate) const FURNITURE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "advertisement",
    "banner",
    "combx",
    "comment",
    "comments",
    "commentlist",
    "community",
    "contact",
    "disqus",
    "extra",
    "gdpr",
    "meta",
    "outbrain",
    "promo",
    "promoted",
    "promotion",
    "recommended",
    "recirculation",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "sponsored",
    "shopping",
    "supplemental",
    "taboola",
    "tags",
    "trending",
    "popular",
    "widget",
    "widgets",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "teaser",
    "teasers",
    "rail",
];

/// Words naming what no article holds, for the page scoring: stronger
/// than [`FURNITURE_WORDS`].
pub(crate) const NEVER_WORDS: &[&str] = &[
    "breadcrumb",
    "breadcrumbs",
    "cookie",
    "cookies",
    "consent",
    "footer",
    "header",
    "masthead",
    "menu",
    "nav",
    "navbar",
    "navigation",
    "pagination",
    "pager",
    "popup",
    "modal",
    "share",
    "sharing",
    "social",
    "skip",
    "toolbar",
    "login",
];

/// Words that negate the word after them for the page scoring:
/// `non-ad-column` is not an ad.
pub(crate) const NEGATION_WORDS: &[&str] = &["non", "no", "not"];

/// Words of an image's names that make it the phone version of a banner.
pub(crate) const MOBILE_WORDS: &[&str] = &["mobile", "m", "phone"];

/// Words of an image's names that make it the desktop version of a banner.
pub(crate) const DESKTOP_WORDS: &[&str] = &["desktop", "pc"];

/// Whole class or id values (never words of longer names: Drupal's
/// `field-label-hidden` wraps the article body) that hide text from sight.
pub(crate) const HIDDEN_NAMES: &[&str] = &[
    "hidden",
    "screen-reader-text",
    "sr-only",
    "visually-hidden",
    "element-hidden",
    "element-invisible",
    "off-screen",
    "offscreen",
    "print-only",
];

/// What an element's `id` and `class` name: a set of concepts, one per
/// vocabulary.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub(crate) struct Names(u32);

impl Names {
    /// A word of [`AD_WORDS`].
    pub(crate) const AD: Names = Names(1);
    /// A word of [`AD_POSITION_WORDS`].
    pub(crate) const AD_POSITION: Names = Names(1 << 1);
    /// A word of [`PROMOTION_WORDS`].
    pub(crate) const PROMOTION: Names = Names(1 << 2);
    /// A word of [`WIDGET_WORDS`].
    pub(crate) const WIDGET: Names = Names(1 << 3);
    /// A word of [`EMBED_WORDS`].
    pub(crate) const EMBED: Names = Names(1 << 4);
    /// A word of [`CHROME_WORDS`].
    pub(crate) const CHROME: Names = Names(1 << 5);
    /// A word of [`COMMENT_SECTION_WORDS`].
    pub(crate) const COMMENT_SECTION: Names = Names(1 << 6);
    /// A word of [`CONTENT_WORDS`], not negated.
    pub(crate) const CONTENT: Names = Names(1 << 7);
    /// A word of [`FURNITURE_WORDS`], not negated.
    pub(crate) const FURNITURE: Names = Names(1 << 8);
    /// A word of [`NEVER_WORDS`], not negated.
    pub(crate) const NEVER: Names = Names(1 << 9);
    /// A word of [`MOBILE_WORDS`].
    pub(crate) const MOBILE: Names = Names(1 << 10);
    /// A word of [`DESKTOP_WORDS`].
    pub(crate) const DESKTOP: Names = Names(1 << 11);
    /// A whole `id` or class of [`HIDDEN_NAMES`], in any ASCII case.
    pub(crate) const HIDDEN: Names = Names(1 << 12);
    /// A word of [`NEGATION_WORDS`] (it negates the word after it).
    const NEGATION: Names = Names(1 << 13);
    /// A word of [`DONATION_WORDS`].
    pub(crate) const DONATION: Names = Names(1 << 14);
    /// The page scoring's leanings, which a negation cancels.
    const LEANING: Names = Names(Self::CONTENT.0 | Self::FURNITURE.0 | Self::NEVER.0);

    /// True if every concept of `other` is named.
    pub(crate) fn has(self, other: Names) -> bool {
        self.0 & other.0 == other.0
    }

    const fn or(self, other: Names) -> Names {
        Names(self.0 | other.0)
    }
}

/// What an element's other attributes (and its tag, for `<main>`) mark it
/// as, read in the same pass as its names.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub(crate) struct Marks(u32);

impl Marks {
    /// A `hidden` attribute, in any namespace.
    pub(crate) const HIDDEN: Marks = Marks(1);
    /// A `hidden` attribute in no namespace.
    pub(crate) const HIDDEN_PLAIN: Marks = Marks(1 << 1);
    /// The first `aria-hidden` in no namespace is `"true"`.
    pub(crate) const ARIA_HIDDEN: Marks = Marks(1 << 2);
    /// An inline style of `display: none` or `visibility: hidden`.
    pub(crate) const STYLE_HIDES: Marks = Marks(1 << 3);
    /// An `id` or `class` attribute, even an empty one.
    pub(crate) const NAMED: Marks = Marks(1 << 4);
    /// Ad-server data attributes (`data-ad-slot`, `data-google-query-id`, ...).
    pub(crate) const AD_DATA: Marks = Marks(1 << 5);
    /// Marked as the article: `<main>`, `role="main"` or `"article"`,
    /// `itemprop="articleBody"` or `"text"`.
    pub(crate) const SEMANTIC: Marks = Marks(1 << 6);
    /// Marked as page furniture by a landmark role (`navigation`,
    /// `banner`, `contentinfo`, ...).
    pub(crate) const LANDMARK: Marks = Marks(1 << 7);
    /// An `id` of three words or more on an element with a heading child:
    /// the id may be the heading's text made into an anchor (see
    /// [`is_heading_anchor`]).
    pub(crate) const ANCHOR_ID: Marks = Marks(1 << 8);
    /// A URL attribute ([`URL_ATTRIBUTES`](crate::html::attributes::URL_ATTRIBUTES))
    /// holds a query (`?`): it may carry tracking parameters.
    pub(crate) const URL_QUERY: Marks = Marks(1 << 9);

    /// True if every mark of `other` is set.
    pub(crate) fn has(self, other: Marks) -> bool {
        self.0 & other.0 == other.0
    }

    fn set(&mut self, other: Marks) {
        self.0 |= other.0;
    }
}

/// Everything one pass over an element's attributes says.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub(crate) struct Reading {
    /// What the names say with every `id` and class word counted.
    pub names: Names,
    /// What they say when the `id` is the heading's text made into an
    /// anchor ([`is_heading_anchor`]), so only the classes count. The same
    /// as `names` without [`Marks::ANCHOR_ID`].
    pub names_if_anchor: Names,
    pub marks: Marks,
}

impl Reading {
    /// The names as they stand: without the `id`'s words when it is the
    /// element's heading made into an anchor.
    pub(crate) fn names_of(&self, el: &NodeRef) -> Names {
        if self.marks.has(Marks::ANCHOR_ID) && id_is_heading_anchor(el) {
            self.names_if_anchor
        } else {
            self.names
        }
    }
}

/// True if a child of `el` is a heading.
fn has_heading_child(el: &NodeRef) -> bool {
    el.child_nodes()
        .any(|c| c.is_any(&["h1", "h2", "h3", "h4", "h5", "h6"]))
}

/// What one lower-case word names, on its own.
pub(crate) fn word_names(word: &str) -> Names {
    VOCABULARY.names_of(word)
}

/// True if `el`'s `id` is its heading's text made into an anchor.
pub(crate) fn id_is_heading_anchor(el: &NodeRef) -> bool {
    el.with_attr("id", |id| is_heading_anchor(el, id)) == Some(true)
}

/// An element's words as a sequence: the concepts named so far, and
/// whether the last word negates the next one for the page scoring.
#[derive(Default)]
struct Sequence {
    names: Names,
    negated: bool,
}

impl Sequence {
    /// Adds the next word of the sequence, which names `word`.
    fn push(&mut self, word: Names) {
        // A word after "non" or "no" is negated for the page scoring, and
        // only for it: `non-ad-column` still holds the word `ad`.
        let negated = std::mem::replace(&mut self.negated, word.has(Names::NEGATION));
        let leaning = if negated {
            Names(word.0 & !Names::LEANING.0)
        } else {
            word
        };
        self.names = self.names.or(leaning);
    }

    /// Adds the words of a value, as [`ValueNames`] sums them up.
    fn push_value(&mut self, value: &ValueNames) {
        let names = if self.negated {
            value.after_negation
        } else {
            value.names
        };
        self.names = self.names.or(names);
        if let Some(negates) = value.negates_next {
            self.negated = negates;
        }
    }
}

/// What one `id` or `class` value says, whatever is around it: its words
/// as a piece of an element's [`Sequence`].
#[derive(Clone, Copy, Debug)]
struct ValueNames {
    /// What its words name after a word that does not negate.
    names: Names,
    /// What its words name after a word that negates (the first word's
    /// leanings are cancelled).
    after_negation: Names,
    /// Whether its last word negates the next word; `None` with no word.
    negates_next: Option<bool>,
    /// What its parts name as whole values.
    whole: Names,
}

/// Reads elements' attributes (see [`read`]), each distinct `id` or class
/// value once: the values of a page repeat (`wp-caption`, `p1`), and
/// splitting a value into words is most of the cost of reading it.
#[derive(Default)]
pub(crate) struct Reader {
    values: std::collections::HashMap<Box<str>, ValueNames, BuildHasherDefault<StrHasher>>,
}

impl Reader {
    /// What `value` says, read once.
    fn value(&mut self, value: &str) -> ValueNames {
        if let Some(known) = self.values.get(value) {
            return *known;
        }
        let read = VOCABULARY.read_value(value);
        self.values.insert(value.into(), read);
        read
    }

    /// Reads `el`'s attributes once: what its `id` and classes name (each
    /// word as [`any_element_word`] gives them) and what its other
    /// attributes mark.
    pub(crate) fn read(&mut self, el: &NodeRef) -> Reading {
        let mut all = Sequence::default();
        let mut classes_only = Sequence::default();
        let mut marks = Marks::default();
        let mut hidden = Names::default();
        let mut aria_seen = false;
        el.any_attr(|a| {
            let plain = a.ns.is_empty();
            match a.name {
                "id" | "class" => {
                    marks.set(Marks::NAMED);
                    let anchor = a.name == "id" && a.value.matches(['-', '_']).count() >= 2;
                    if anchor {
                        marks.set(Marks::ANCHOR_ID);
                    }
                    let value = self.value(a.value);
                    hidden = hidden.or(value.whole);
                    all.push_value(&value);
                    if !anchor {
                        classes_only.push_value(&value);
                    }
                }
                "hidden" => {
                    marks.set(Marks::HIDDEN);
                    if plain {
                        marks.set(Marks::HIDDEN_PLAIN);
                    }
                }
                "aria-hidden" if plain && !aria_seen => {
                    aria_seen = true;
                    if a.value == "true" {
                        marks.set(Marks::ARIA_HIDDEN);
                    }
                }
                "style" if style_hides(a.value) => marks.set(Marks::STYLE_HIDES),
                "role" => {
                    let role = a.value.trim();
                    if role.eq_ignore_ascii_case("main") || role.eq_ignore_ascii_case("article") {
                        marks.set(Marks::SEMANTIC);
                    } else if LANDMARK_ROLES.iter().any(|r| role.eq_ignore_ascii_case(r)) {
                        marks.set(Marks::LANDMARK);
                    }
                }
                "itemprop"
                    if a.value
                        .split_ascii_whitespace()
                        .any(|v| v.eq_ignore_ascii_case("articleBody") || v == "text") =>
                {
                    marks.set(Marks::SEMANTIC);
                }
                name if is_ad_data_attr(name) => marks.set(Marks::AD_DATA),
                name if is_url_attribute(name) && a.value.contains('?') => {
                    marks.set(Marks::URL_QUERY)
                }
                _ => {}
            }
            false
        });
        if el.is("main") {
            marks.set(Marks::SEMANTIC);
        }
        // An id can only be a heading's text when there is a heading.
        if marks.has(Marks::ANCHOR_ID) && !has_heading_child(el) {
            marks.0 &= !Marks::ANCHOR_ID.0;
        }
        Reading {
            names: all.names.or(hidden),
            names_if_anchor: classes_only.names.or(hidden),
            marks,
        }
    }
}

/// Reads `el`'s attributes once (see [`Reader::read`]).
pub(crate) fn read(el: &NodeRef) -> Reading {
    Reader::default().read(el)
}

/// Hashes short strings eight bytes at a time: one multiply a word.
#[derive(Default)]
struct StrHasher(u64);

impl Hasher for StrHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(word) ^ rest.len() as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl StrHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

/// Roles that mark page furniture.
const LANDMARK_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
];

/// Data attributes that ad servers put on their slots.
fn is_ad_data_attr(name: &str) -> bool {
    let Some(rest) = name.strip_prefix("data-") else {
        return false;
    };
    rest.starts_with("ad-")
        || rest == "ad"
        || rest.starts_with("dfp")
        || rest.starts_with("gpt")
        || rest == "google-query-id"
        || rest == "adunit"
}

/// True for an inline style that hides the element: `display: none` or
/// `visibility: hidden`, in any case and spacing (whitespace taken out
/// and the style lower-cased, one of them occurs in it).
fn style_hides(style: &str) -> bool {
    // Most styles say nothing of the kind: looked at closely only when
    // "none" or "hidden" occurs in them, in any ASCII case.
    let bytes = style.as_bytes();
    let says = |b: &[u8]| {
        memchr::memmem::find(b, b"none").is_some() || memchr::memmem::find(b, b"hidden").is_some()
    };
    let says_so = if bytes.iter().any(u8::is_ascii_uppercase) {
        says(&bytes.to_ascii_lowercase())
    } else {
        says(bytes)
    };
    if !says_so {
        return false;
    }
    let squashed: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    squashed.contains("display:none") || squashed.contains("visibility:hidden")
}

/// Every vocabulary, as one automaton over lower-case words: a word is
/// looked up by stepping through its bytes once, and the match says every
/// concept it names.
struct Vocabulary {
    dfa: aho_corasick::dfa::DFA,
    start: StateID,
    /// The dead state: no word starts this way.
    dead: StateID,
    /// The longest word, in bytes.
    longest: usize,
    /// By pattern: what the word names as a word of a name.
    as_word: Vec<Names>,
    /// By pattern: what the word names as a whole `id` or class value.
    as_whole: Vec<Names>,
}

/// The vocabularies of words, each with the concept it names.
const WORD_VOCABULARIES: &[(Names, &[&str])] = &[
    (Names::AD, AD_WORDS),
    (Names::AD_POSITION, AD_POSITION_WORDS),
    (Names::PROMOTION, PROMOTION_WORDS),
    (Names::WIDGET, WIDGET_WORDS),
    (Names::EMBED, EMBED_WORDS),
    (Names::CHROME, CHROME_WORDS),
    (Names::COMMENT_SECTION, COMMENT_SECTION_WORDS),
    (Names::CONTENT, CONTENT_WORDS),
    (Names::FURNITURE, FURNITURE_WORDS),
    (Names::NEVER, NEVER_WORDS),
    (Names::NEGATION, NEGATION_WORDS),
    (Names::MOBILE, MOBILE_WORDS),
    (Names::DESKTOP, DESKTOP_WORDS),
    (Names::DONATION, DONATION_WORDS),
];

/// The vocabularies of whole values.
const WHOLE_VOCABULARIES: &[(Names, &[&str])] = &[(Names::HIDDEN, HIDDEN_NAMES)];

/// The one table of every vocabulary, built on first use.
static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(Vocabulary::new);

impl Vocabulary {
    fn new() -> Vocabulary {
        let mut words: Vec<&'static str> = Vec::new();
        let mut as_word = Vec::new();
        let mut as_whole = Vec::new();
        let mut index_of = |word: &'static str, words: &mut Vec<&'static str>| {
            words.iter().position(|w| *w == word).unwrap_or_else(|| {
                words.push(word);
                as_word.push(Names::default());
                as_whole.push(Names::default());
                words.len() - 1
            })
        };
        let mut entries = Vec::new();
        for &(concept, list) in WORD_VOCABULARIES {
            for &word in list {
                entries.push((index_of(word, &mut words), concept, false));
            }
        }
        for &(concept, list) in WHOLE_VOCABULARIES {
            for &word in list {
                entries.push((index_of(word, &mut words), concept, true));
            }
        }
        for (i, concept, whole) in entries {
            if whole {
                as_whole[i] = as_whole[i].or(concept);
            } else {
                as_word[i] = as_word[i].or(concept);
            }
        }
        let dfa = aho_corasick::dfa::DFA::builder()
            .start_kind(aho_corasick::StartKind::Anchored)
            .match_kind(aho_corasick::MatchKind::Standard)
            .build(&words)
            .expect("a list of literal words always builds");
        let start = dfa
            .start_state(Anchored::Yes)
            .expect("an anchored automaton has an anchored start");
        let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
        // Any byte no word starts with leads to the dead state.
        let dead = (0..=255u8)
            .map(|b| dfa.next_state(Anchored::Yes, start, b))
            .find(|&s| dfa.is_dead(s))
            .unwrap_or(start);
        Vocabulary {
            dfa,
            start,
            dead,
            longest,
            as_word,
            as_whole,
        }
    }

    /// Steps `state` over one (lower-case) byte; the dead state stays dead.
    fn step(&self, state: StateID, byte: u8) -> StateID {
        if self.dfa.is_dead(state) {
            state
        } else {
            self.dfa.next_state(Anchored::Yes, state, byte)
        }
    }

    /// The pattern that the word of `len` bytes that took the automaton to
    /// `state` is, if any. (A state also matches the patterns that end its
    /// word, `ad` for `lead`: only one as long as the word is the word.)
    fn word_at(&self, state: StateID, len: usize) -> Option<usize> {
        if !self.dfa.is_match(state) {
            return None;
        }
        (0..self.dfa.match_len(state))
            .map(|i| self.dfa.match_pattern(state, i))
            .find(|&p| self.dfa.pattern_len(p) == len)
            .map(|p| p.as_usize())
    }

    /// What the word of `len` bytes that took the automaton to `state` names.
    fn names_at(&self, state: StateID, len: usize) -> Names {
        self.word_at(state, len)
            .map_or(Names::default(), |p| self.as_word[p])
    }

    /// What `word` (lower-case) names.
    fn names_of(&self, word: &str) -> Names {
        let state = word.bytes().fold(self.start, |s, b| self.step(s, b));
        self.names_at(state, word.len())
    }

    /// What one `id` or `class` value says (see [`ValueNames`]).
    fn read_value(&self, value: &str) -> ValueNames {
        let mut plain = Sequence::default();
        let mut negated = Sequence {
            names: Names::default(),
            negated: true,
        };
        let mut whole = Names::default();
        let mut words = false;
        self.read_names(value, &mut whole, |word| {
            plain.push(word);
            negated.push(word);
            words = true;
        });
        ValueNames {
            names: plain.names,
            after_negation: negated.names,
            negates_next: words.then_some(plain.negated),
            whole,
        }
    }

    /// Reads one `id` or `class` value: `f` gets what each of its words
    /// names, in the order [`any_element_word`] gives the words (each
    /// class whole, then its words; taxonomy classes left out), and
    /// `whole` gains what any whole part names as a whole value.
    fn read_names(&self, value: &str, whole: &mut Names, mut f: impl FnMut(Names)) {
        for part in value.split_ascii_whitespace() {
            if !part.is_ascii() {
                if !is_taxonomy_class(part) {
                    // str::to_lowercase, not per char: final sigma.
                    f(self.names_of(&part.to_lowercase()));
                    for_each_char_word(part, &mut String::new(), |w| {
                        f(self.names_of(w));
                        false
                    });
                }
                continue;
            }
            let bytes = part.as_bytes();
            // The words first, each looked up as it is read: a part that is
            // one word (most are) is its own whole value, and needs no
            // second run.
            let mut words = Words::default();
            let single = self.read_ascii_words(bytes, &mut words);
            let state = match single {
                Some(state) => state,
                None if bytes.len() > self.longest => self.dead,
                None => bytes
                    .iter()
                    .fold(self.start, |s, &b| self.step(s, b.to_ascii_lowercase())),
            };
            let pattern = self.word_at(state, bytes.len());
            if let Some(p) = pattern {
                *whole = whole.or(self.as_whole[p]);
            }
            if is_taxonomy_class(part) {
                continue;
            }
            f(pattern.map_or(Names::default(), |p| self.as_word[p]));
            match words.overflow {
                false => words.names[..words.len].iter().for_each(|&n| f(n)),
                // More words than kept: read again, straight to `f`.
                true => {
                    self.read_ascii_words(bytes, &mut Words::passing(&mut f));
                }
            }
        }
    }

    /// The words of an ASCII name, split as [`for_each_ascii_word`] splits
    /// them, each stepped through the automaton as it is read and what it
    /// names handed to `out`. Returns the automaton's state if the name is
    /// a single word, whole.
    fn read_ascii_words(&self, s: &[u8], out: &mut impl WordSink) -> Option<StateID> {
        let mut state = self.start;
        let mut len = 0;
        let mut words = 0;
        let mut prev_lower = false;
        for &c in s {
            if c.is_ascii_alphanumeric() {
                if c.is_ascii_uppercase() && prev_lower && len > 0 {
                    out.word(self.names_at(state, len));
                    words += 1;
                    state = self.start;
                    len = 0;
                }
                prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
                state = self.step(state, c.to_ascii_lowercase());
                len += 1;
            } else {
                prev_lower = false;
                if len > 0 {
                    out.word(self.names_at(state, len));
                    words += 1;
                    state = self.start;
                    len = 0;
                }
            }
        }
        if len > 0 {
            out.word(self.names_at(state, len));
            words += 1;
        }
        (words == 1 && len == s.len()).then_some(state)
    }
}

/// Where [`Vocabulary::read_ascii_words`] hands what each word names.
trait WordSink {
    fn word(&mut self, names: Names);
}

/// The words of one part, kept until its whole value has been handed on.
struct Words<F = fn(Names)> {
    names: [Names; 16],
    len: usize,
    /// More words than `names` holds came.
    overflow: bool,
    /// Or, passing them straight on: see [`Words::passing`].
    pass: Option<F>,
}

impl Default for Words {
    fn default() -> Self {
        Words {
            names: [Names::default(); 16],
            len: 0,
            overflow: false,
            pass: None,
        }
    }
}

impl<F: FnMut(Names)> Words<F> {
    /// Words handed straight to `f`.
    fn passing(f: F) -> Self {
        Words {
            names: [Names::default(); 16],
            len: 0,
            overflow: false,
            pass: Some(f),
        }
    }
}

impl<F: FnMut(Names)> WordSink for Words<F> {
    fn word(&mut self, names: Names) {
        if let Some(f) = &mut self.pass {
            f(names);
        } else if self.len < self.names.len() {
            self.names[self.len] = names;
            self.len += 1;
        } else {
            self.overflow = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_made_from_a_heading_are_not_names() {
        let doc = crate::dom::Document::parse(
            r#"<div id="sharing-with-a-team"><h2>Sharing with a team</h2></div><div id="share-this-story"><h2>Elsewhere</h2></div>"#,
        );
        let [anchor, named] = [0, 1].map(|i| doc.body().element_children()[i].clone());
        assert!(element_words(&anchor).is_empty());
        assert!(element_words(&named).contains(&"share".to_string()));
    }

    #[test]
    fn splits_on_separators_and_camel_case() {
        assert_eq!(words("div-gpt-ad_1"), ["div", "gpt", "ad", "1"]);
        assert_eq!(
            words("StandardArticleBody_body"),
            ["standard", "article", "body", "body"]
        );
        assert_eq!(words("bbccom_mpu_3"), ["bbccom", "mpu", "3"]);
        assert_eq!(words("adsbygoogle"), ["adsbygoogle"]);
        assert_eq!(words("HTMLParser"), ["htmlparser"]);
    }

    type Splitter = fn(&str, &mut String, &mut dyn FnMut(&str) -> bool) -> bool;

    #[test]
    fn the_ascii_splitter_agrees_with_the_general_one() {
        let collect = |split: Splitter, s: &str| {
            let mut out = Vec::new();
            split(s, &mut String::new(), &mut |w| {
                out.push(w.to_string());
                false
            });
            out
        };
        let ascii: Splitter = |s, buf, f| for_each_ascii_word(s.as_bytes(), buf, f);
        let general: Splitter = |s, buf, f| for_each_char_word(s, buf, f);
        // Every string of up to four characters over an alphabet with each
        // kind of byte the splitter distinguishes.
        let alphabet = ['a', 'Z', '7', '-', '_', ' ', 'q', 'B'];
        for s in &crate::testing::all_strings(&alphabet, 4) {
            assert_eq!(collect(ascii, s), collect(general, s), "{s:?}");
        }
    }

    #[test]
    fn taxonomy_classes_are_not_roles() {
        let doc = crate::Document::parse(
            r#"<article class="post category-newsletters tag-social-media format-standard">x</article>"#,
        );
        let article = doc.elements().next().unwrap();
        assert_eq!(element_words(&article), ["post", "post"]);
    }

    #[test]
    fn substrings_are_not_words() {
        for s in [
            "header", "shadow", "download", "lead", "read", "thread", "badge",
        ] {
            assert!(!words(s).contains(&"ad".to_string()), "{s}");
        }
    }

    /// Names read once, against every vocabulary, say what asking each
    /// vocabulary on its own (the way the rules first did) says.
    #[test]
    fn one_reading_answers_as_each_vocabulary_does() {
        // Each vocabulary asked on its own, word by word.
        struct Plain(&'static [&'static str]);
        impl Plain {
            fn names(&self, el: &NodeRef) -> bool {
                element_words(el)
                    .iter()
                    .any(|w| self.0.contains(&w.as_str()))
            }
        }
        let (ad, position, promotion, widget, chrome, comment) = (
            Plain(AD_WORDS),
            Plain(AD_POSITION_WORDS),
            Plain(PROMOTION_WORDS),
            Plain(WIDGET_WORDS),
            Plain(CHROME_WORDS),
            Plain(COMMENT_SECTION_WORDS),
        );
        let words_of = |el: &NodeRef| element_words(el);
        // The page scoring's lean, as it was first written.
        let lean = |el: &NodeRef| {
            let (mut toward, mut away, mut never) = (false, false, false);
            let mut negated = false;
            for w in words_of(el) {
                if std::mem::replace(&mut negated, matches!(w.as_str(), "non" | "no" | "not")) {
                    continue;
                }
                toward |= CONTENT_WORDS.contains(&w.as_str());
                away |= FURNITURE_WORDS.contains(&w.as_str());
                never |= NEVER_WORDS.contains(&w.as_str());
            }
            (toward, away, never)
        };
        let hidden_name = |el: &NodeRef| {
            let mut found = false;
            el.for_each_attr(|name, value| {
                if name == "id" || name == "class" {
                    found |= value
                        .split_ascii_whitespace()
                        .any(|p| HIDDEN_NAMES.iter().any(|h| p.eq_ignore_ascii_case(h)));
                }
            });
            found
        };
        let mut pages = crate::testing::fixture_pages();
        pages.extend(
            [
                r#"<div id="div-gpt-AD-1"></div><div class="RelatedPosts x"></div><div class="sharé"></div><div class="header lead"></div><div class="tag-ad post"></div><p>x</p>"#,
                r#"<section id="comments-and-more"><h2>Comments and more</h2></section><section id="comments-and-more"><h2>Other</h2></section><div id="share-this-story" class="x"><h3>Share this story</h3></div>"#,
                r#"<div class="non-ad-column no comments"><p class="not-related social">x</p></div><div id="no" class="ad"></div><div class="ad" id="no"></div>"#,
                r#"<div class="SR-ONLY x"></div><div id="Off-Screen"></div><div class="field-label-hidden"></div><div class="category-hidden hidden"></div><div class="ＨＩＤＤＥＮ"></div>"#,
                "<div class=\"\u{212a}\u{212a}-mobile sharé-button ΣΑΣ imu\"></div><img class=\"banner-Mobile pc\"><img id=\"phoneImg\">",
                r#"<main class="js-social-anchor-start"></main><div role="Navigation"></div><div role=" main "></div><div itemprop="articleBody text"></div><aside role="complementary" class="content"></aside>"#,
                r#"<div class="StoryBodyContent article__body entry-content post_body"></div><div class="embed social"></div><div class="social-embed"></div><div class="jp-relatedposts"></div>"#,
                r#"<div class="" id=" "></div><div class="  sidebar  widget-area "></div><span class="byline">By</span><div class="imu">text</div><div id="imu"></div>"#,
            ]
            .map(String::from),
        );
        let mut named = 0;
        for page in &pages {
            let doc = crate::dom::Document::parse(page);
            for el in doc
                .body()
                .descendants_and_self()
                .filter(NodeRef::is_element)
            {
                let names = read(&el).names_of(&el);
                let what = el.describe();
                assert_eq!(names.has(Names::AD), ad.names(&el), "ad {what}");
                assert_eq!(names.has(Names::AD_POSITION), position.names(&el), "{what}");
                assert_eq!(names.has(Names::PROMOTION), promotion.names(&el), "{what}");
                assert_eq!(names.has(Names::WIDGET), widget.names(&el), "{what}");
                assert_eq!(names.has(Names::CHROME), chrome.names(&el), "{what}");
                assert_eq!(
                    names.has(Names::COMMENT_SECTION),
                    comment.names(&el),
                    "{what}"
                );
                let words = words_of(&el);
                let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
                assert_eq!(names.has(Names::EMBED), has(EMBED_WORDS), "{what}");
                assert_eq!(names.has(Names::MOBILE), has(MOBILE_WORDS), "{what}");
                assert_eq!(names.has(Names::DESKTOP), has(DESKTOP_WORDS), "{what}");
                let (toward, away, never) = lean(&el);
                assert_eq!(names.has(Names::CONTENT), toward, "{what}");
                assert_eq!(names.has(Names::FURNITURE), away, "{what}");
                assert_eq!(names.has(Names::NEVER), never, "{what}");
                assert_eq!(names.has(Names::HIDDEN), hidden_name(&el), "{what}");
                named += usize::from(names != Names::default());
            }
        }
        assert!(named > 100, "{named}");
    }

    #[test]
    fn attributes_are_marked_as_they_read() {
        let doc = crate::dom::Document::parse(
            r#"<div hidden data-ad-slot="x"></div><div aria-hidden="true" aria-hidden="false" style="DISPLAY : None"></div><div style="visibility:hidden;color:red" data-google-query-id="q"></div><div data-adunit="a" data-advice="b" role="banner"></div><svg><g xlink:hidden="x" class="c"></g></svg><main></main><div data-dfp-x data-gpt></div>"#,
        );
        let marks: Vec<Marks> = doc.elements().map(|el| read(&el).marks).collect();
        let m = |bits: &[Marks]| Marks(bits.iter().fold(0, |a, b| a | b.0));
        assert_eq!(
            marks,
            [
                m(&[Marks::HIDDEN, Marks::HIDDEN_PLAIN, Marks::AD_DATA]),
                m(&[Marks::ARIA_HIDDEN, Marks::STYLE_HIDES]),
                m(&[Marks::STYLE_HIDES, Marks::AD_DATA]),
                m(&[Marks::AD_DATA, Marks::LANDMARK]),
                m(&[]),
                m(&[Marks::NAMED]),
                m(&[Marks::SEMANTIC]),
                m(&[Marks::AD_DATA]),
            ]
        );
    }

    #[test]
    fn styles_hide_as_squashing_them_finds() {
        // As the page scoring first read them: "none" or "hidden" in the
        // style as written, then the style squashed.
        let plain = |style: &str| {
            let caseless = |needle: &str| {
                style
                    .as_bytes()
                    .windows(needle.len())
                    .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
            };
            let squashed: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect();
            (caseless("none") || caseless("hidden"))
                && (squashed.contains("display:none") || squashed.contains("visibility:hidden"))
        };
        let mut styles: Vec<String> = [
            "display:none",
            "DISPLAY : None",
            "color:red; display:\u{3000}none",
            "visibility:hidden;",
            "VISIBİLITY:hidden",
            "display:non e",
            "display:nonE!important",
            "display: block; border: none",
            "visibility: visible",
            "display:\u{212a}none",
            "",
        ]
        .map(String::from)
        .to_vec();
        let alphabet = [
            'd', 'i', 's', 'p', 'l', 'a', 'y', ':', 'n', 'o', 'e', ' ', 'İ',
        ];
        styles.extend(
            crate::testing::all_strings(&alphabet, 3)
                .into_iter()
                .map(|s| format!("display:{s}none")),
        );
        styles.extend(
            crate::testing::all_strings(&alphabet, 3)
                .into_iter()
                .map(|s| format!("{s}isplay:none")),
        );
        for style in &styles {
            assert_eq!(style_hides(style), plain(style), "{style:?}");
        }
    }
}
