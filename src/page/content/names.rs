//! What an element's names (`id`, `class`, `role`, `itemprop`) say about
//! whether it holds the article: `post-content`, `article-body`, `story`
//! lean towards it; `sidebar`, `comments`, `related`, `share`, `promo`,
//! `footer` lean away. Matched by whole word (`content-with-sidebar-wrp`
//! has both `content` and `sidebar`; `shadow` is not `ad`).

use crate::dom::NodeRef;
use crate::page::names::any_element_word;

/// The lean of an element's names, summed over its words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Lean {
    /// A word naming article content (`content`, `article`, `entry`, `post`, `story`, `body`, ...).
    pub toward: bool,
    /// A word naming furniture around the article (`sidebar`, `comment`, `related`, ...).
    pub away: bool,
    /// A word naming what no article holds (`nav`, `menu`, `footer`, `breadcrumb`,
    /// `cookie`, `share`): stronger than [`away`](Self::away).
    pub never: bool,
    /// Marked up as the article by semantics: `itemprop="articleBody"`,
    /// `role="main"`, `<main>`.
    pub semantic: bool,
    /// Marked up as page furniture by role: `navigation`, `banner`,
    /// `contentinfo`, `complementary`, `search`, `dialog`, `menu`.
    pub landmark: bool,
}

impl Lean {
    /// A score adjustment: positive for content names, negative for furniture.
    pub fn weight(self) -> f64 {
        let mut w = 0.0;
        if self.toward {
            w += 25.0;
        }
        if self.away {
            w -= 25.0;
        }
        if self.never {
            w -= 25.0;
        }
        if self.semantic {
            w += 25.0;
        }
        if self.landmark {
            w -= 50.0;
        }
        w
    }

    /// Named only as furniture.
    pub fn is_furniture(self) -> bool {
        (self.away || self.never || self.landmark) && !self.toward && !self.semantic
    }
}

/// Which way one word of a name leans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordLean {
    Toward,
    Away,
    Never,
}

/// The lean of one lower-case word of an `id` or `class`: a `match`, so
/// the words of every element are looked up without a search of lists.
fn word_lean(word: &str) -> Option<WordLean> {
    use WordLean::*;
    Some(match word {
        // Names of article content.
        "article" | "articles" | "articlebody" | "body" | "blog" | "content" | "contents"
        | "entry" | "hentry" | "main" | "post" | "posts" | "postbody" | "prose" | "story"
        | "storybody" | "text" | "richtext" | "permalink" => Toward,
        // Names of furniture around an article.
        "ad" | "ads" | "advert" | "advertisement" | "banner" | "combx" | "comment" | "comments"
        | "commentlist" | "community" | "contact" | "disqus" | "extra" | "gdpr" | "meta"
        | "outbrain" | "promo" | "promoted" | "promotion" | "recommended" | "recirculation"
        | "related" | "remark" | "replies" | "rss" | "shoutbox" | "sidebar" | "skyscraper"
        | "sponsor" | "sponsored" | "shopping" | "supplemental" | "taboola" | "tags"
        | "trending" | "popular" | "widget" | "widgets" | "newsletter" | "subscribe"
        | "subscription" | "signup" | "teaser" | "teasers" | "rail" => Away,
        // Names of what no article holds.
        "breadcrumb" | "breadcrumbs" | "cookie" | "cookies" | "consent" | "footer" | "header"
        | "masthead" | "menu" | "nav" | "navbar" | "navigation" | "pagination" | "pager"
        | "popup" | "modal" | "share" | "sharing" | "social" | "skip" | "toolbar" | "login" => {
            Never
        }
        _ => return None,
    })
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

/// True if a class name has a word naming content (`story-body`,
/// `post__content`).
pub(crate) fn names_content(class: &str) -> bool {
    crate::page::names::words(class)
        .iter()
        .any(|w| word_lean(w) == Some(WordLean::Toward))
}

/// The lean of `el`'s names.
pub(crate) fn lean_of(el: &NodeRef) -> Lean {
    let mut lean = Lean::default();
    let mut named = false;
    el.for_each_attr(|name, value| match name {
        "id" | "class" => named = named || !value.trim().is_empty(),
        "role" => {
            let role = value.trim();
            if role.eq_ignore_ascii_case("main") || role.eq_ignore_ascii_case("article") {
                lean.semantic = true;
            } else if LANDMARK_ROLES.iter().any(|r| role.eq_ignore_ascii_case(r)) {
                lean.landmark = true;
            }
        }
        "itemprop"
            if value
                .split_ascii_whitespace()
                .any(|v| v.eq_ignore_ascii_case("articleBody") || v == "text") =>
        {
            lean.semantic = true;
        }
        _ => {}
    });
    if el.is("main") {
        lean.semantic = true;
    }
    if named {
        // A word after "non" or "no" is negated: `non-ad-column` is not an ad.
        let mut negated = false;
        any_element_word(el, |word| {
            if std::mem::replace(&mut negated, matches!(word, "non" | "no" | "not")) {
                return false;
            }
            match word_lean(word) {
                Some(WordLean::Toward) => lean.toward = true,
                Some(WordLean::Away) => lean.away = true,
                Some(WordLean::Never) => lean.never = true,
                None => {}
            }
            false
        });
    }
    lean
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::Document;

    fn lean(html: &str) -> Lean {
        let doc = Document::parse(html);
        let el = doc.body().first_child().expect("an element");
        lean_of(&el)
    }

    #[test]
    fn whole_words_of_ids_and_classes() {
        assert!(lean(r#"<div class="post-content"></div>"#).toward);
        assert!(lean(r#"<div class="StoryBody"></div>"#).toward);
        assert!(lean(r#"<div id="sidebar"></div>"#).is_furniture());
        let both = lean(r#"<div class="content-with-sidebar-wrp"></div>"#);
        assert!(both.toward && both.away && !both.is_furniture());
        assert_eq!(lean(r#"<div class="shadow-box"></div>"#), Lean::default());
        assert!(lean(r#"<div class="site-footer"></div>"#).never);
        // An id made from the heading's words says nothing about the block.
        assert_eq!(
            lean(r#"<div id="sharing-with-a-team"><h2>Sharing with a team</h2></div>"#),
            Lean::default()
        );
        assert!(lean(r#"<div id="share-this-story"><h2>Elsewhere</h2></div>"#).never);
    }

    #[test]
    fn semantics_and_roles() {
        assert!(lean(r#"<div itemprop="articleBody"></div>"#).semantic);
        assert!(lean(r#"<div role="main"></div>"#).semantic);
        assert!(lean(r#"<div role="navigation"></div>"#).landmark);
        let main = lean(r#"<main class="js-social-anchor-start"></main>"#);
        assert!(main.semantic && main.never && !main.is_furniture());
        assert!(!lean(r#"<section class="non-ad-column-l"></section>"#).away);
        // Taxonomy classes say what the post is about, not what the element is.
        assert_eq!(
            lean(r#"<article class="category-social-media"></article>"#),
            Lean::default()
        );
    }
}
