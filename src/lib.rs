//! Turns the messy HTML of a published article, or of a whole web page,
//! into clean, safe HTML, plain text or Markdown: ad slots, subscription
//! and promotion banners, share, related-post and comment widgets,
//! tracking pixels and tracking parameters, lazy-load placeholders,
//! scripts and Word markup go; the article's paragraphs stay, normalised.
//! On a whole page, navigation, sidebars and footers go too, and the
//! page's metadata (title, byline, date, site, language, ...) is read
//! before cleaning.
//!
//! ```
//! let cleaned = article_clean::Cleaner::default().clean(
//!     r#"<div><p>The story.</p><div id="dfp-ad-imu1"></div>
//!        <a href="https://subscribe.example.com/promotions/x?utm_source=site"><img src="/banner.png"></a></div>"#,
//! )?;
//! assert_eq!(cleaned.html(), "<p>The story.</p>\n");
//! assert_eq!(cleaned.text(), "The story.\n");
//! // Why something vanished:
//! assert_eq!(cleaned.report().entries()[0].to_string(), "ad-slots: removed div#dfp-ad-imu1");
//! # Ok::<(), article_clean::Error>(())
//! ```
//!
//! # What goes in, what comes out
//!
//! A [`Cleaner`] is built once ([`Cleaner::builder`] sets the base URL,
//! the outputs, the limits and the rules) and shared across threads. It
//! takes a fragment or a whole page as text ([`Cleaner::clean`],
//! [`Cleaner::clean_with_url`]) or as bytes in any encoding
//! ([`Cleaner::clean_bytes`], which finds the charset the way browsers
//! do). The result, [`Cleaned`], holds sanitized HTML (ammonia has the last
//! word on safety), plain text, the page's [`Metadata`] and a [`Report`]
//! of every removal and rewrite, rule by rule.
//!
//! # How it works
//!
//! The page is parsed by html5ever into a [`Document`]; an ordered list of
//! small, named [`Rule`]s removes and rewrites nodes (see [`rules`] for
//! the built-in ones, in order); paragraphs are normalised; the outputs are
//! rendered. A rule that fails, panics or would remove most of the
//! article's text is rolled back and reported. Your own rules implement
//! [`Rule`] and go in with [`Builder::rule`]; declarative ones (CSS
//! selectors, filter lists, ClearURLs data, site profiles) come from
//! [`rulesets`].
//!
//! # Limits and errors
//!
//! Every failure is an [`Error`] naming what was wrong and where. Inputs
//! over [`Builder::max_input_bytes`] (default 32 MiB) or nesting deeper
//! than [`Builder::max_nesting_depth`] are refused; anything else gives
//! output, never a panic.
//!
//! # Cargo features
//!
//! The default build is the core pipeline alone; everything else is
//! opt-in.
//!
//! | feature | adds | dependencies |
//! |---|---|---|
//! | *(default)* | [`Cleaner`], the built-in rules and site profiles, HTML and text output, metadata, [`Cleaner::clean_bytes`] | html5ever, ammonia, url, encoding_rs, serde_json (JSON-LD) |
//! | `selectors` | CSS selectors ([`rulesets::Selector`], [`rulesets::SelectorRule`], [`Document::select`]) and EasyList-style cosmetic filter lists | selectors, cssparser |
//! | `clearurls` | ClearURLs `data.min.json` rules | regex, serde |
//! | `profiles` | site profiles in TOML and FiveFilters site configs (implies `selectors`) | toml, serde |
//! | `rulesets` | all three, and [`rulesets::RuleFile`] to tell rule files apart | |
//! | `posts` | post files: Jekyll front matter then HTML ([`Post`], [`Cleaner::clean_post`]) | yaml-rust2 |
//! | `serde` | `Serialize` for [`Cleaned`], [`Report`], [`Entry`], [`Action`], [`Metadata`], [`FrontMatter`] | serde |
//! | `cli` | the `article-clean` program (`cargo install article-clean --features cli`) | clap, indicatif |
//! | `quality` | `article_clean::quality`, the evaluation instrument behind the repository's corpus reports; not a stable API | |
//!
//! # The command-line program
//!
//! With the `cli` feature the crate installs `article-clean`, which
//! cleans files, folders, standard input or JSON Lines records into HTML,
//! text or JSON; `article-clean --help` lists its options and exit codes.
#![forbid(unsafe_code)]
#![warn(missing_docs)]
// Feature badges on docs.rs (built with `--cfg docsrs` on nightly).
#![cfg_attr(docsrs, feature(doc_cfg))]

mod dom;
mod encoding;
mod error;
mod html;
pub mod output;
mod page;
mod pipeline;
#[cfg(feature = "posts")]
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
    Builder, Cleaned, Cleaner, Output, DEFAULT_MAX_ATTRIBUTES, DEFAULT_MAX_INPUT_BYTES,
    DEFAULT_MAX_NESTING_DEPTH, DEFAULT_MAX_NODES_PER_BYTE, DEFAULT_MAX_REMOVAL_RATIO,
    NODES_FOR_ANY_INPUT,
};
#[cfg(feature = "posts")]
pub use post::{BodyShape, FrontMatter, Post};
pub use report::{Action, Entry, Report};
pub use rule::{Context, Rule};

/// The README's Rust examples, compiled and run as doc tests so they stay
/// true (the README itself is the repository's page, not the crate's).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
