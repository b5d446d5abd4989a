//! Page-level knowledge: what a whole web page says about itself, read
//! once from the parsed page before the rules run.

mod jsonld;
pub(crate) mod metadata;
mod sources;
mod text;
mod title;
