//! What an element's names (`id`, `class`, `role`, `itemprop`) say about
//! whether it holds the article: `post-content`, `article-body`, `story`
//! lean towards it; `sidebar`, `comments`, `related`, `share`, `promo`,
//! `footer` lean away. Matched by whole word (`content-with-sidebar-wrp`
//! has both `content` and `sidebar`; `shadow` is not `ad`).

use crate::page::names::{word_names, words, Marks, Names};

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
    /// The lean of an element whose names and other attributes say
    /// `names` and `marks` (see [`crate::page::names::read`]): words after
    /// "non", "no" or "not" are negated (`non-ad-column` is not an ad).
    pub fn of(names: Names, marks: Marks) -> Lean {
        Lean {
            toward: names.has(Names::CONTENT),
            away: names.has(Names::FURNITURE),
            never: names.has(Names::NEVER),
            semantic: marks.has(Marks::SEMANTIC),
            landmark: marks.has(Marks::LANDMARK),
        }
    }

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

/// True if a class name has a word naming content (`story-body`,
/// `post__content`).
pub(crate) fn names_content(class: &str) -> bool {
    words(class)
        .iter()
        .any(|w| word_names(w).has(Names::CONTENT))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::Document;

    fn lean(html: &str) -> Lean {
        let doc = Document::parse(html);
        let el = doc.body().first_child().expect("an element");
        let reading = crate::page::names::read(&el);
        Lean::of(reading.names_of(&el), reading.marks)
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
