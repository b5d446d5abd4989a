//! The plain-text output: paragraphs separated by one blank line, list
//! items as `- item` (`1. item` in ordered lists), headings on lines of
//! their own, table rows with cells separated by tabs, `<pre>` verbatim.
//! Whitespace is collapsed (no stray spaces inside CJK text) and no line
//! ends in whitespace. The renderer itself is in the text layer
//! (`text::render`), where the rules that judge a block by its text use it
//! too.

use crate::dom::Document;

pub use crate::text::render::render_node;

/// Renders the document body as plain text.
pub(crate) fn render(doc: &Document) -> String {
    render_node(&doc.body())
}
