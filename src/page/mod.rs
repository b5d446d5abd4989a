//! The page: what its elements are called and measure, the lines that
//! frame its article, and what a whole page says about itself (metadata,
//! read once before the rules run). The naming rules and the main-content
//! scoring read the page through this layer instead of each deriving it
//! again.
//!
//! - [`content`]: where a whole page's main content is (page or fragment,
//!   candidate scoring, the article container);
//! - [`names`]: an element's id/class words, and the vocabularies (ad,
//!   promotion, widget, chrome, comment section) they are matched against;
//! - [`facts`]: per-element measurements (text, links, media, paragraph
//!   text) taken in one pass;
//! - [`lines`]: date, copyright, headline, feed-footer and
//!   related-label lines;
//! - [`metadata`]: title, byline, dates, site name, language and the rest,
//!   from `<head>`, JSON-LD and byline markup;
//! - [`services`]: web services known by their URLs (share and bookmark
//!   endpoints, donation pages, hosts whose link parameters track);
//! - [`platform`]: the publishing platform the post shows it comes from.

pub(crate) mod content;
pub(crate) mod facts;
mod jsonld;
pub(crate) mod lines;
pub(crate) mod metadata;
pub(crate) mod names;
pub(crate) mod platform;
pub(crate) mod services;
mod sources;
mod text;
mod title;
