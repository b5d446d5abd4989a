//! The [`Rule`] trait: one named, replaceable stage of the cleaning pipeline.

use url::Url;

use crate::dom::Document;
use crate::error::RuleError;
use crate::report::Report;

/// One stage of the cleaning pipeline.
///
/// A rule has a stable [`name`](Rule::name), used in the report and by
/// [`Builder::remove_rule`](crate::Builder::remove_rule), and changes the
/// document through [`Document`]'s methods, which journal every change. If
/// [`apply`](Rule::apply) returns an error, panics, or removes most of the
/// article's paragraph text in one go, the pipeline undoes everything the
/// rule did and records why in the report.
///
/// Rules written in other crates plug in exactly like the built-in ones:
///
/// ```
/// use article_clean::{Cleaner, Context, Document, Rule, RuleError, Verdict};
///
/// /// Drops `<aside class="note">` boxes.
/// struct DropNotes;
///
/// impl Rule for DropNotes {
///     fn name(&self) -> &str {
///         "drop-notes"
///     }
///     fn apply(&self, doc: &mut Document, _cx: &Context<'_>) -> Result<(), RuleError> {
///         doc.walk(|_, el| {
///             if el.is("aside") && el.has_class("note") { Verdict::Remove } else { Verdict::Keep }
///         });
///         Ok(())
///     }
/// }
///
/// let cleaner = Cleaner::builder().rule(DropNotes).build()?;
/// let cleaned = cleaner.clean("<p>Text.</p><aside class=\"note\">Aside</aside>")?;
/// assert_eq!(cleaned.html(), "<p>Text.</p>\n");
/// assert_eq!(cleaned.report().removed_by("drop-notes"), 1);
/// # Ok::<(), article_clean::Error>(())
/// ```
pub trait Rule: Send + Sync {
    /// A stable, unique, kebab-case name such as `"ad-slots"`.
    fn name(&self) -> &str;

    /// Changes the document. Return an error to have the rule's changes rolled back.
    fn apply(&self, doc: &mut Document, cx: &Context<'_>) -> Result<(), RuleError>;

    /// True for a rule that keeps only part of the page by design, such as
    /// [`MainContent`](crate::rules::MainContent), which drops everything
    /// but the article of a whole web page: the pipeline does not roll it
    /// back for removing most of the text (it still does if it fails or
    /// panics). False by default: any other rule that takes most of the
    /// article's paragraph text in one go is undone.
    fn extracts(&self) -> bool {
        false
    }
}

/// What a rule knows about the article besides its tree.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub(crate) base_url: Option<&'a Url>,
    pub(crate) title: Option<&'a str>,
    pub(crate) report: &'a Report,
    /// The page's HTML as it was parsed, before any rule ran: evidence
    /// the rules remove (a platform's pixel or feed footer) is still there.
    pub(crate) html: &'a str,
}

impl<'a> Context<'a> {
    /// The article's URL (a post's `from:`, or the builder's base URL).
    pub fn base_url(&self) -> Option<&'a Url> {
        self.base_url
    }

    /// The host the article comes from, lower case, without a leading `www.`.
    pub fn source_host(&self) -> Option<&'a str> {
        let host = self.base_url?.host_str()?;
        Some(host.strip_prefix("www.").unwrap_or(host))
    }

    /// The article's title, when known (a post's front matter).
    pub fn title(&self) -> Option<&'a str> {
        self.title
    }

    /// What the rules before this one did.
    pub fn report(&self) -> &'a Report {
        self.report
    }

    /// The page's HTML as it was parsed, before any rule ran.
    pub(crate) fn page_html(&self) -> &'a str {
        self.html
    }
}
