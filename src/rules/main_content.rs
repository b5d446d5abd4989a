//! The `main-content` rule, [`MainContent`]: what it does and why is on the type.

use crate::dom::{Document, NodeRef, PtrMap};
use crate::error::RuleError;
use crate::page::content;
use crate::rule::{Context, Rule};

/// `main-content`: on a whole web page, keeps the article and drops the
/// rest of the page (navigation, header, sidebars, related lists, comment
/// threads, footer); on an article fragment, does nothing.
///
/// # Page or fragment
///
/// A post body, a feed item or a CMS field is left as it is. A whole page
/// is recognised by what only whole pages carry: a `<head>` with a
/// `<title>`, `<meta>` or `<link>`, a `<main>`, or two kinds of page
/// furniture (`<nav>`, `<footer>`, `<aside>`, a landmark role) beside the
/// content rather than inside an `<article>`.
///
/// # Finding the article
///
/// The page is measured once, then every element is scored by the prose
/// it holds: paragraphs of 25 characters or more, worth more the longer
/// they are and the more commas they have, less the more of them is link
/// text, counted for their parent and, halving, for a few elements above.
/// Names tip the balance (`article-body`, `post-content`, `<main>`,
/// `itemprop="articleBody"` up; `sidebar`, `comments`, `related`, `share`,
/// `promo`, `<nav>`, `<aside>` down). The best candidate is the
/// container; from there it climbs to an ancestor when what the ancestor
/// adds is more of the same prose, and siblings join it when they read
/// as prose, are dressed like it, or sit quietly between its parts (a
/// subheading, a figure); a figure just before it is its lead image, and
/// blocks elsewhere sharing its content class (`story-body-1`,
/// `story-body-2`) are its other parts. Inside what is kept, hidden
/// elements, furniture and link blocks go, unless they carry much of the
/// prose; the headline that repeats the page title goes with its byline.
///
/// # What comes out, by kind of page
///
/// - **News article, blog post**: the story's paragraphs, subheadings,
///   figures, lists and lead image; the headline, byline, comments,
///   related links and the rest of the page go.
/// - **Forum thread**: the posts, each with its author line and time (the
///   thread holding them is the container); the forum's menus, reply form
///   and footer go.
/// - **Product page**: the description with its feature list, and the
///   panels dressed like it (a specification table); the shop's
///   navigation and related products go, and so do the title, price and
///   gallery when they sit beside the description rather than with it.
/// - **Documentation**: the document's text, code and tables; the site
///   menu and the table of contents beside it go.
/// - **Service or landing page**: the block with the most prose.
/// - **Listing, index page or gallery** with no article: when nothing
///   holds two paragraphs' worth of prose, the page's `<main>` (or its
///   body) stays, with its furniture dropped.
///
/// # How it changes the tree
///
/// It removes what is not the article (each removal is reported) and
/// moves the kept elements up to the body, replacing wrappers by what
/// they hold, so no container of the article is left for a naming rule to
/// remove. It runs first: it needs nothing cleaned before it (scripts,
/// styles, `<noscript>` fallbacks and hidden elements are not measured as
/// text), and every rule after it then walks the article alone instead of
/// the whole page. The pipeline's removal-ratio rollback does not apply to
/// it: removing most of a page is its job, and it says so by
/// [extracting](Rule::extracts).
#[derive(Debug, Clone, Copy, Default)]
pub struct MainContent;

/// Containers that only group their children: the kept ones are replaced
/// by what they hold.
const WRAPPERS: &[&str] = &[
    "div", "section", "article", "main", "span", "center", "font", "form", "body", "header",
];

impl Rule for MainContent {
    fn name(&self) -> &str {
        super::MAIN_CONTENT
    }

    fn extracts(&self) -> bool {
        true
    }

    fn apply(&self, doc: &mut Document, _cx: &Context<'_>) -> Result<(), RuleError> {
        if !content::is_whole_page(doc) {
            return Ok(());
        }
        let found = content::extract(doc);
        // The facts the scoring took know every removed block's length.
        let lengths: PtrMap<usize> = {
            let facts = doc.facts();
            found
                .drop
                .iter()
                .map(|n| (n.key(), facts.text_len(n)))
                .collect()
        };
        doc.remove_all_measured(&found.drop, |n| {
            lengths
                .get(&n.key())
                .copied()
                .unwrap_or_else(|| n.text_len())
        });
        // The kept elements move up to the body, wrappers replaced by what
        // they hold; their ancestors, emptied above, go with nothing left.
        let mut children: Vec<NodeRef> = Vec::new();
        for kept in found.keep {
            if kept.is_any(WRAPPERS) {
                children.extend(kept.children());
            } else {
                children.push(kept);
            }
        }
        let body = doc.body();
        doc.replace_children(&body, children);
        Ok(())
    }
}
