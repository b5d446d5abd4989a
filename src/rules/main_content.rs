//! `main-content`: on a whole web page, keeps the article and drops the
//! rest of the page (navigation, header, sidebars, related lists, comment
//! threads, footer); on an article fragment, does nothing.
//!
//! The decisions (is this a page, which elements hold its article) are
//! made in [`crate::page::content`]; this rule carries them out: it
//! removes what is not the article (each removal is reported) and moves
//! the kept elements up to the body, replacing wrappers by what they hold,
//! so no container of the article is left for a naming rule to remove.
//!
//! It runs first. It needs nothing cleaned before it (scripts, styles,
//! `<noscript>` fallbacks and hidden elements are not measured as text),
//! and every rule after it then walks the article alone instead of the
//! whole page: on whole pages the pipeline gets cheaper, not dearer.

use crate::dom::{Document, NodeRef};
use crate::error::RuleError;
use crate::page::content;
use crate::rule::{Context, Rule};

/// Name of the main-content extraction rule.
pub const MAIN_CONTENT: &str = "main-content";

/// Keeps a page's main content. See the [module docs](self).
#[derive(Debug, Clone, Copy, Default)]
pub struct MainContent;

/// Containers that only group their children: the kept ones are replaced
/// by what they hold.
const WRAPPERS: &[&str] = &[
    "div", "section", "article", "main", "span", "center", "font", "form", "body", "header",
];

impl Rule for MainContent {
    fn name(&self) -> &str {
        MAIN_CONTENT
    }

    fn apply(&self, doc: &mut Document, _cx: &Context<'_>) -> Result<(), RuleError> {
        if !content::is_whole_page(doc) {
            return Ok(());
        }
        let found = content::extract(doc);
        doc.remove_all(&found.drop);
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
