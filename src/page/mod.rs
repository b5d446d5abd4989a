//! The page: what its elements are called and measure, and the lines that
//! frame its article. The naming rules (and the coming main-content
//! scoring) read the page through this layer instead of each deriving it
//! again.
//!
//! - [`names`]: an element's id/class words, and the vocabularies (ad,
//!   promotion, widget, chrome, comment section) they are matched against;
//! - [`facts`]: per-element measurements (text, links, media, paragraph
//!   text) taken in one pass;
//! - [`lines`]: date, copyright, headline, feed-footer and
//!   related-label lines.

pub(crate) mod facts;
pub(crate) mod lines;
pub(crate) mod names;
