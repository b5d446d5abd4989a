//! What an element's names say it is: `id` and `class` values split into
//! words, so naming conventions match by whole token (`dfp-ad-imu1` has
//! the token `ad`; `header`, `shadow` and `download` do not), and the
//! vocabularies the naming rules match them against, one per concept.

use std::sync::LazyLock;

use crate::dom::NodeRef;
use crate::text::search::Needles;

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
    "imu",
];

/// [`AD_WORDS`] for lookups.
pub(crate) static AD_WORD_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(AD_WORDS));

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

/// [`PROMOTION_WORDS`] for lookups.
pub(crate) static PROMOTION_WORD_SET: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(PROMOTION_WORDS));

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

/// [`WIDGET_WORDS`] for lookups.
pub(crate) static WIDGET_WORD_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(WIDGET_WORDS));

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

/// [`CHROME_WORDS`] for lookups.
pub(crate) static CHROME_WORD_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(CHROME_WORDS));

/// True for an element named as a reader comment section (`#comments`,
/// `.comment-list`, `.comments-area`).
pub(crate) fn is_comment_section(el: &NodeRef) -> bool {
    COMMENT_SECTION_WORD_SET.names(el)
}

/// The id/class words that name a reader comment section.
pub(crate) const COMMENT_SECTION_WORDS: &[&str] = &["comments", "comment", "commentlist", "disqus"];

/// [`COMMENT_SECTION_WORDS`] for lookups.
pub(crate) static COMMENT_SECTION_WORD_SET: LazyLock<WordSet> =
    LazyLock::new(|| WordSet::new(COMMENT_SECTION_WORDS));

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

/// A fixed set of words, bucketed by length: rules ask one about every word
/// of every element's names, and searching a list of forty in order was
/// most of that cost. [`may_name`](Self::may_name) answers "certainly not"
/// for most elements before any name is split.
pub(crate) struct WordSet {
    by_len: Vec<Vec<&'static str>>,
    substrings: Needles,
}

impl WordSet {
    pub(crate) fn new(words: &[&'static str]) -> Self {
        let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
        let mut by_len = vec![Vec::new(); longest + 1];
        for w in words {
            by_len[w.len()].push(*w);
        }
        let substrings = Needles::new(words);
        WordSet { by_len, substrings }
    }

    pub(crate) fn contains(&self, word: &str) -> bool {
        self.by_len
            .get(word.len())
            .is_some_and(|same_len| same_len.contains(&word))
    }

    /// False only if no word of `el`'s [`element_words`] can be in the set.
    /// Every word of an ASCII name is a lower-cased piece of it, so a name
    /// in which no word of the set occurs (ignoring ASCII case) yields
    /// none; other names are not ruled out.
    pub(crate) fn may_name(&self, el: &NodeRef) -> bool {
        let mut maybe = false;
        el.for_each_attr(|name, value| {
            if !maybe && (name == "id" || name == "class") {
                maybe = !value.is_ascii() || self.substrings.occur_in(value);
            }
        });
        maybe
    }

    /// True if one of `el`'s [`element_words`] is in the set.
    pub(crate) fn names(&self, el: &NodeRef) -> bool {
        self.may_name(el) && any_element_word(el, |w| self.contains(w))
    }
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
    fn a_word_set_holds_exactly_its_words() {
        let set = WordSet::new(&["ad", "ads", "promo", "相关"]);
        for w in ["ad", "ads", "promo", "相关"] {
            assert!(set.contains(w), "{w}");
        }
        for w in ["", "a", "adx", "promos", "相", "a-very-long-word-indeed"] {
            assert!(!set.contains(w), "{w}");
        }
        assert!(!WordSet::new(&[]).contains(""));
    }

    #[test]
    fn may_name_never_rules_out_a_named_element() {
        let set = WordSet::new(&["ad", "related", "share"]);
        let doc = crate::Document::parse(
            r#"<div id="div-gpt-AD-1"></div><div class="RelatedPosts x"></div><div class="sharé"></div><div class="header lead"></div><div class="tag-ad post"></div><p>x</p>"#,
        );
        let verdicts: Vec<(bool, bool)> = doc
            .elements()
            .map(|el| (set.may_name(&el), set.names(&el)))
            .collect();
        // Named elements always pass the quick check. The others are not
        // named: a non-ASCII name (always split), `ad` inside other words,
        // a taxonomy class, no names at all.
        let expected = [
            (true, true),
            (true, true),
            (true, false),
            (true, false),
            (true, false),
            (false, false),
        ];
        assert_eq!(verdicts, expected);
        // Without `ad` in the set, the header is ruled out at once.
        let header = doc.elements().nth(3).unwrap();
        assert!(!WordSet::new(&["related", "share"]).may_name(&header));
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
}
