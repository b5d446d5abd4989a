//! # article-clean
//!
//! Turns the messy HTML of a published article into clean, safe HTML,
//! plain text or Markdown: ad slots, subscription and promotion banners, share,
//! related-post and comment widgets, tracking pixels and tracking
//! parameters, lazy-load placeholders, scripts and Word markup go; the
//! article's paragraphs stay, normalised.
//!
//! ```
//! let cleaned = article_clean::Cleaner::default().clean(
//!     r#"<div><p>The story.</p><div id="dfp-ad-imu1"></div>
//!        <a href="https://subscribe.example.com/promotions/x?utm_source=site"><img src="/banner.png"></a></div>"#,
//! )?;
//! assert_eq!(cleaned.html(), "<p>The story.</p>\n");
//! assert_eq!(cleaned.text(), "The story.\n");
//! # Ok::<(), article_clean::Error>(())
//! ```
//!
//! The work is done by a pipeline of small, named [`Rule`]s over a parsed
//! [`Document`]; see [`rules`] for the built-in ones and [`Rule`] for
//! writing your own. [`Cleaner::builder`] configures the pipeline.
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod dom;
mod encoding;
mod error;
mod html;
mod nesting;
pub mod output;
mod page;
mod pipeline;
mod post;
#[cfg(feature = "quality")]
pub mod quality;
mod report;
mod rule;
pub mod rules;
pub mod rulesets;
#[cfg(test)]
mod testing;
mod text;

pub use dom::{Changes, Descendants, Document, NodeKind, NodeRef, Verdict};
pub use encoding::{decode_html, Decoded, EncodingSource, META_SCAN_BYTES};
pub use error::{Error, RuleError};
pub use html::tags::NOT_TEXT_NAMES as NOT_TEXT;
pub use page::metadata::Metadata;
pub use pipeline::{
    Builder, Cleaned, Cleaner, Output, DEFAULT_MAX_INPUT_BYTES, DEFAULT_MAX_NESTING_DEPTH,
    DEFAULT_MAX_REMOVAL_RATIO,
};
pub use post::{BodyShape, FrontMatter, Post};
pub use report::{Action, Entry, Report};
pub use rule::{Context, Rule};
