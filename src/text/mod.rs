//! Text as a reader sees it: how whitespace collapses, which characters
//! show, a subtree rendered as plain text, and the case-blind word
//! searches the rules run over names, links and lines.

pub(crate) mod render;
pub(crate) mod search;
pub(crate) mod visible;
pub(crate) mod whitespace;
