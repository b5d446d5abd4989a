//! The pipeline: [`Cleaner`], its [`Builder`], and the [`Cleaned`] result.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use url::Url;

use crate::dom::Document;
use crate::error::Error;
use crate::output;
use crate::post::Post;
use crate::report::{Action, Entry, Report};
use crate::rule::{Context, Rule};
use crate::rules;

/// Default limit on input size: 32 MiB, far above any real article.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;

/// Default limit on element nesting depth: far above any real article.
pub const DEFAULT_MAX_NESTING_DEPTH: usize = 1_000;

/// Default share of paragraph text one rule may remove before it is rolled back.
pub const DEFAULT_MAX_REMOVAL_RATIO: f64 = 0.75;

/// Which outputs [`Cleaner::clean`] produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Output {
    /// Sanitized HTML only ([`Cleaned::text`] is empty).
    Html,
    /// Plain text only: no sanitizer pass is paid for ([`Cleaned::html`] is empty).
    Text,
    /// Both.
    #[default]
    Both,
}

/// Cleans article HTML: runs the rule pipeline, then renders clean HTML and/or text.
///
/// A `Cleaner` is immutable, `Send` and `Sync`: build it once and share it
/// across threads.
///
/// ```
/// use article_clean::Cleaner;
///
/// let html = r#"<div><p>First paragraph.</p><div id="dfp-ad-imu1"></div>
///   <p><a href="/next?utm_source=rss&id=7">Second</a>&nbsp;</p></div>"#;
/// let cleaner = Cleaner::builder().base_url("https://news.example/story/1").build()?;
/// let cleaned = cleaner.clean(html)?;
/// assert_eq!(
///     cleaned.html(),
///     "<p>First paragraph.</p>\n\
///      <p><a href=\"https://news.example/next?id=7\" rel=\"noopener noreferrer\">Second</a></p>\n"
/// );
/// assert_eq!(cleaned.text(), "First paragraph.\n\nSecond\n");
/// # Ok::<(), article_clean::Error>(())
/// ```
#[derive(Clone)]
pub struct Cleaner {
    rules: Vec<Arc<dyn Rule>>,
    profiles: Arc<crate::rulesets::SiteProfiles>,
    base_url: Option<Url>,
    output: Output,
    max_input_bytes: usize,
    max_nesting_depth: usize,
    max_removal_ratio: f64,
}

impl std::fmt::Debug for Cleaner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cleaner")
            .field("rules", &self.rule_names())
            .field("base_url", &self.base_url.as_ref().map(Url::as_str))
            .field("output", &self.output)
            .field("max_input_bytes", &self.max_input_bytes)
            .field("max_nesting_depth", &self.max_nesting_depth)
            .field("max_removal_ratio", &self.max_removal_ratio)
            .finish()
    }
}

impl Default for Cleaner {
    /// All built-in rules and site profiles, both outputs, no base URL.
    fn default() -> Self {
        if let Ok(cleaner) = Builder::default().build() {
            return cleaner;
        }
        // The defaults always build; this is the same pipeline without the
        // built-in site profiles, should that ever change.
        Cleaner {
            rules: rules::default_rules(),
            profiles: Default::default(),
            base_url: None,
            output: Output::Both,
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            max_nesting_depth: DEFAULT_MAX_NESTING_DEPTH,
            max_removal_ratio: DEFAULT_MAX_REMOVAL_RATIO,
        }
    }
}

impl Cleaner {
    /// Starts a builder with every built-in rule on.
    pub fn builder() -> Builder {
        Builder::default()
    }

    /// The names of the rules, in the order they run.
    pub fn rule_names(&self) -> Vec<&str> {
        self.rules.iter().map(|r| r.name()).collect()
    }

    /// Cleans a fragment or a whole document, resolving relative URLs
    /// against the builder's base URL (if any).
    pub fn clean(&self, html: &str) -> Result<Cleaned, Error> {
        self.run(html, self.base_url.as_ref(), None)
    }

    /// Cleans HTML that was published at `url`: relative links resolve
    /// against it and site-specific behaviour keys on its host.
    pub fn clean_with_url(&self, html: &str, url: &str) -> Result<Cleaned, Error> {
        let url = parse_base_url(url)?;
        self.run(html, Some(&url), None)
    }

    /// Cleans a page given as bytes in any encoding: the encoding comes from
    /// a byte order mark, else a `<meta charset>` in the first 1024 bytes,
    /// else UTF-8 if the bytes are valid UTF-8, else a fallback described
    /// in [`decode_html`](crate::decode_html). Malformed bytes never fail:
    /// they become U+FFFD.
    ///
    /// The size limit applies to the bytes as given.
    ///
    /// ```
    /// let cleaned = article_clean::Cleaner::default()
    ///     .clean_bytes(b"<meta charset=windows-1252><p>Caf\xe9 cr\xe8me.</p>")?;
    /// assert_eq!(cleaned.text(), "Café crème.\n");
    /// # Ok::<(), article_clean::Error>(())
    /// ```
    pub fn clean_bytes(&self, bytes: &[u8]) -> Result<Cleaned, Error> {
        self.run_bytes(bytes, self.base_url.as_ref())
    }

    /// [`clean_bytes`](Self::clean_bytes) for a page published at `url`
    /// (see [`clean_with_url`](Self::clean_with_url)).
    pub fn clean_bytes_with_url(&self, bytes: &[u8], url: &str) -> Result<Cleaned, Error> {
        let url = parse_base_url(url)?;
        self.run_bytes(bytes, Some(&url))
    }

    fn run_bytes(&self, bytes: &[u8], base_url: Option<&Url>) -> Result<Cleaned, Error> {
        self.check_size(bytes.len())?;
        let (html, _encoding) = crate::encoding::decode_html(bytes);
        let (doc, report) = self.run_rules_sized(&html, base_url, None)?;
        Ok(self.render(&doc, report, base_url))
    }

    /// Cleans the body of a post file, using its `from:` URL as the base URL
    /// and its title to recognise a repeated headline.
    ///
    /// ```
    /// let post = article_clean::Post::parse(
    ///     "---\ntitle: \"Hello\"\nfrom: https://example.org/a/1\n---\n<h1>Hello</h1><p>Body <a href=\"2\">next</a>.</p>",
    /// )?;
    /// let cleaned = article_clean::Cleaner::default().clean_post(&post)?;
    /// assert_eq!(
    ///     cleaned.html(),
    ///     "<p>Body <a href=\"https://example.org/a/2\" rel=\"noopener noreferrer\">next</a>.</p>\n"
    /// );
    /// # Ok::<(), article_clean::Error>(())
    /// ```
    pub fn clean_post(&self, post: &Post) -> Result<Cleaned, Error> {
        let url = match post.front_matter().from.as_deref() {
            Some(from) if !from.trim().is_empty() => Some(parse_base_url(from.trim())?),
            _ => None,
        };
        let base = url.as_ref().or(self.base_url.as_ref());
        self.run(post.body(), base, post.front_matter().title.as_deref())
    }

    /// Runs the rule pipeline and returns the cleaned tree itself, before
    /// any output is rendered: for tools that inspect what the rules left
    /// (see [`quality`](crate::quality)) and for callers who render the tree
    /// their own way. `url` plays the part of a post's `from:`.
    pub fn clean_document(
        &self,
        html: &str,
        url: Option<&str>,
        title: Option<&str>,
    ) -> Result<(Document, Report), Error> {
        let url = url.map(parse_base_url).transpose()?;
        self.run_rules(html, url.as_ref().or(self.base_url.as_ref()), title)
    }

    fn run_rules(
        &self,
        html: &str,
        base_url: Option<&Url>,
        title: Option<&str>,
    ) -> Result<(Document, Report), Error> {
        self.check_size(html.len())?;
        self.run_rules_sized(html, base_url, title)
    }

    fn check_size(&self, size: usize) -> Result<(), Error> {
        if size > self.max_input_bytes {
            return Err(Error::InputTooLarge {
                size,
                limit: self.max_input_bytes,
            });
        }
        Ok(())
    }

    /// [`run_rules`](Self::run_rules) once the input size has been checked.
    fn run_rules_sized(
        &self,
        html: &str,
        base_url: Option<&Url>,
        title: Option<&str>,
    ) -> Result<(Document, Report), Error> {
        if let Some((depth, offset)) = crate::nesting::exceeds(html, self.max_nesting_depth) {
            return Err(Error::TooDeeplyNested {
                depth,
                limit: self.max_nesting_depth,
                offset,
            });
        }
        let html = self
            .profiles
            .replace(html, base_url.and_then(|u| u.host_str()));
        let mut doc = Document::parse(&html);
        let mut report = Report::default();
        for rule in &self.rules {
            let cx = Context {
                base_url,
                title,
                report: &report,
            };
            let outcome = catch_unwind(AssertUnwindSafe(|| rule.apply(&mut doc, &cx)));
            let failure = match outcome {
                Ok(Ok(())) => None,
                Ok(Err(e)) => Some(format!("rule failed: {e}")),
                Err(panic) => Some(format!("rule panicked: {}", panic_message(&panic))),
            };
            let (edits, rolled_back) = match failure {
                Some(reason) => (doc.roll_back(), Some(reason)),
                None => {
                    // Most rules remove a little: only when one took most of
                    // all the text is the paragraph text measured, before
                    // (by undoing) and after. Main-content extraction is
                    // the one rule whose job on a page is to remove most of
                    // it; it checks its own choice.
                    if rule.name() != rules::MAIN_CONTENT
                        && self.took_most_text(&doc, doc.pending_removed_text())
                    {
                        let after = doc.paragraph_text_len();
                        let undone = doc.roll_back();
                        let before = doc.paragraph_text_len();
                        let lost = before.saturating_sub(after);
                        if before > 0 && lost as f64 > self.max_removal_ratio * before as f64 {
                            let reason = format!(
                                "would remove {lost} of {before} characters of paragraph text"
                            );
                            (undone, Some(reason))
                        } else {
                            // Not the article after all (a comment thread):
                            // rules are deterministic, so apply it again.
                            match catch_unwind(AssertUnwindSafe(|| rule.apply(&mut doc, &cx))) {
                                Ok(Ok(())) => (doc.commit(), None),
                                _ => (
                                    doc.roll_back(),
                                    Some("rule failed when applied again".into()),
                                ),
                            }
                        }
                    } else {
                        (doc.commit(), None)
                    }
                }
            };
            let name = rule.name();
            match rolled_back {
                Some(reason) => {
                    let undone = edits.len();
                    report.push(Entry {
                        rule: name.to_string(),
                        action: Action::RolledBack {
                            reason: format!("{reason} ({undone} changes undone)"),
                        },
                        element: "body".into(),
                        text_len: 0,
                        excerpt: String::new(),
                    });
                }
                None => {
                    for e in edits {
                        report.push(Entry {
                            rule: name.to_string(),
                            action: e.action,
                            element: e.element,
                            text_len: e.text_len,
                            excerpt: e.excerpt,
                        });
                    }
                }
            }
        }
        Ok((doc, report))
    }

    /// True if the `lost` characters a rule removed are more than the
    /// removal ratio of all visible text before it. All visible text, not
    /// paragraph text: a page whose story sits in bare `<div>` text has
    /// little paragraph text, and losing a 5-character list item there is
    /// not losing the article. What is left is counted only as far as the
    /// answer needs: past `lost × (1 − ratio) / ratio` characters, no.
    fn took_most_text(&self, doc: &Document, lost: usize) -> bool {
        let ratio = self.max_removal_ratio;
        if lost == 0 || ratio >= 1.0 {
            return false;
        }
        // lost > ratio × (left + lost)  ⇔  left < lost × (1 − ratio) / ratio
        let enough = if ratio > 0.0 {
            (lost as f64 * (1.0 - ratio) / ratio).ceil() as usize
        } else {
            usize::MAX
        };
        let left = crate::dom::text_len_capped(&doc.body().0, enough);
        lost as f64 > ratio * (left + lost) as f64
    }

    fn run(
        &self,
        html: &str,
        base_url: Option<&Url>,
        title: Option<&str>,
    ) -> Result<Cleaned, Error> {
        let (doc, report) = self.run_rules(html, base_url, title)?;
        Ok(self.render(&doc, report, base_url))
    }

    fn render(&self, doc: &Document, report: Report, base_url: Option<&Url>) -> Cleaned {
        let html = match self.output {
            Output::Html | Output::Both => output::html::render(doc, base_url),
            Output::Text => String::new(),
        };
        let text = match self.output {
            Output::Text | Output::Both => output::text::render(doc),
            Output::Html => String::new(),
        };
        Cleaned { html, text, report }
    }
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

pub(crate) fn parse_base_url(url: &str) -> Result<Url, Error> {
    let parsed = Url::parse(url).map_err(|e| Error::InvalidBaseUrl {
        url: url.to_string(),
        reason: e.to_string(),
    })?;
    if parsed.cannot_be_a_base() {
        return Err(Error::InvalidBaseUrl {
            url: url.to_string(),
            reason: "cannot be a base for relative URLs".into(),
        });
    }
    Ok(parsed)
}

/// The result of cleaning one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    html: String,
    text: String,
    report: Report,
}

impl Cleaned {
    /// Sanitized clean HTML, one block element per line. Empty when the
    /// cleaner was built with [`Output::Text`].
    pub fn html(&self) -> &str {
        &self.html
    }

    /// Plain text: paragraphs separated by a blank line, list items as
    /// `- item`. Empty when the cleaner was built with [`Output::Html`].
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Every removal and rewrite, with the rule that made it.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Takes the parts out: `(html, text, report)`.
    pub fn into_parts(self) -> (String, String, Report) {
        (self.html, self.text, self.report)
    }
}

/// Configures a [`Cleaner`]; reads like a sentence.
///
/// ```
/// use article_clean::{Cleaner, Output};
///
/// let cleaner = Cleaner::builder()
///     .base_url("https://www.example.com/news/1")
///     .remove_rule("tracking-params")
///     .output(Output::Text)
///     .max_input_bytes(4 << 20)
///     .build()?;
/// assert!(!cleaner.rule_names().contains(&"tracking-params"));
///
/// // Mistakes are errors from build(), never panics.
/// let err = Cleaner::builder().remove_rule("no-such-rule").build().unwrap_err();
/// assert!(err.to_string().contains("no-such-rule"));
/// # Ok::<(), article_clean::Error>(())
/// ```
#[must_use]
pub struct Builder {
    rules: Vec<Arc<dyn Rule>>,
    inserts: Vec<(Placement, Arc<dyn Rule>)>,
    removals: Vec<String>,
    cosmetic: Option<crate::rulesets::CosmeticFilter>,
    clear_urls: Option<crate::rulesets::ClearUrls>,
    profiles: crate::rulesets::SiteProfiles,
    builtin_profiles: bool,
    base_url: Option<String>,
    output: Output,
    max_input_bytes: usize,
    max_nesting_depth: usize,
    max_removal_ratio: f64,
}

enum Placement {
    /// Declarative removal rules: after the built-in removal rules, before
    /// `empty-containers` (so the wrappers they empty are tidied), else
    /// before `paragraphs`, else last.
    Declarative,
    /// After `tracking-params`, else like `Declarative`.
    AfterUrlCleaning,
    BeforeNormalisation,
    Before(String),
    After(String),
    Last,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            rules: rules::default_rules(),
            inserts: Vec::new(),
            removals: Vec::new(),
            cosmetic: None,
            clear_urls: None,
            profiles: Default::default(),
            builtin_profiles: true,
            base_url: None,
            output: Output::Both,
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            max_nesting_depth: DEFAULT_MAX_NESTING_DEPTH,
            max_removal_ratio: DEFAULT_MAX_REMOVAL_RATIO,
        }
    }
}

impl Builder {
    /// Adds a rule. It runs after the built-in removal rules and before
    /// paragraph normalisation, so what it leaves behind is tidied like the rest.
    pub fn rule(mut self, rule: impl Rule + 'static) -> Self {
        self.inserts
            .push((Placement::BeforeNormalisation, Arc::new(rule)));
        self
    }

    /// Adds a [`SelectorRule`](crate::rulesets::SelectorRule), like [`Builder::rule`].
    pub fn selector_rule(self, rule: crate::rulesets::SelectorRule) -> Self {
        self.rule(rule)
    }

    /// Adds a cosmetic filter list (see [`CosmeticFilter`](crate::rulesets::CosmeticFilter)).
    /// Several lists merge into one `cosmetic-filters` rule.
    pub fn cosmetic_filters(mut self, list: crate::rulesets::CosmeticFilter) -> Self {
        match &mut self.cosmetic {
            Some(mine) => mine.extend(list),
            None => self.cosmetic = Some(list),
        }
        self
    }

    /// Adds ClearURLs rules (see [`ClearUrls`](crate::rulesets::ClearUrls)), run
    /// right after `tracking-params`. Several sets merge into one `clearurls` rule.
    pub fn clear_urls(mut self, rules: crate::rulesets::ClearUrls) -> Self {
        match &mut self.clear_urls {
            Some(mine) => mine.extend(rules),
            None => self.clear_urls = Some(rules),
        }
        self
    }

    /// Adds a site profile (see [`SiteProfile`](crate::rulesets::SiteProfile)).
    /// All profiles run as one `site-profiles` rule; each acts only on its host.
    pub fn site_profile(mut self, profile: crate::rulesets::SiteProfile) -> Self {
        self.profiles.profiles.push(profile);
        self
    }

    /// Leaves out the site profiles that ship with the crate
    /// (`profiles/builtin.toml`).
    pub fn without_builtin_profiles(mut self) -> Self {
        self.builtin_profiles = false;
        self
    }

    /// Adds several site profiles (as read from a TOML file).
    pub fn site_profiles(
        mut self,
        profiles: impl IntoIterator<Item = crate::rulesets::SiteProfile>,
    ) -> Self {
        self.profiles.profiles.extend(profiles);
        self
    }

    /// Adds a FiveFilters site config (read with
    /// [`SiteProfile::parse_ftr`](crate::rulesets::SiteProfile::parse_ftr)). Its
    /// `find_string`/`replace_string` pairs are applied to the raw HTML
    /// before parsing when the page's host matches.
    pub fn site_config(self, config: crate::rulesets::SiteProfile) -> Self {
        self.site_profile(config)
    }

    /// Adds a rule just before the rule named `name`.
    pub fn rule_before(mut self, name: &str, rule: impl Rule + 'static) -> Self {
        self.inserts
            .push((Placement::Before(name.to_string()), Arc::new(rule)));
        self
    }

    /// Adds a rule just after the rule named `name`.
    pub fn rule_after(mut self, name: &str, rule: impl Rule + 'static) -> Self {
        self.inserts
            .push((Placement::After(name.to_string()), Arc::new(rule)));
        self
    }

    /// Adds a rule at the very end, after paragraph normalisation.
    pub fn rule_last(mut self, rule: impl Rule + 'static) -> Self {
        self.inserts.push((Placement::Last, Arc::new(rule)));
        self
    }

    /// Removes the rule with this name (built-in or added).
    pub fn remove_rule(mut self, name: &str) -> Self {
        self.removals.push(name.to_string());
        self
    }

    /// Starts from an empty pipeline: no built-in rule at all (not even
    /// paragraph normalisation) and no built-in site profile. Sanitizing
    /// the HTML output still happens.
    pub fn no_default_rules(mut self) -> Self {
        self.rules.clear();
        self.builtin_profiles = false;
        self
    }

    /// The URL relative links resolve against, for [`Cleaner::clean`].
    /// Posts use their own `from:` URL.
    pub fn base_url(mut self, url: &str) -> Self {
        self.base_url = Some(url.to_string());
        self
    }

    /// Which outputs to produce.
    pub fn output(mut self, output: Output) -> Self {
        self.output = output;
        self
    }

    /// Inputs larger than this many bytes are refused with [`Error::InputTooLarge`].
    pub fn max_input_bytes(mut self, bytes: usize) -> Self {
        self.max_input_bytes = bytes;
        self
    }

    /// Inputs nesting elements deeper than this are refused with
    /// [`Error::TooDeeplyNested`]: the HTML parser slows down quadratically
    /// with depth, and no real article comes near the default of 1,000.
    pub fn max_nesting_depth(mut self, depth: usize) -> Self {
        self.max_nesting_depth = depth;
        self
    }

    /// The share of paragraph text (0.0 to 1.0) a single rule may remove
    /// before it is rolled back. 1.0 turns the check off.
    pub fn max_removal_ratio(mut self, ratio: f64) -> Self {
        self.max_removal_ratio = ratio;
        self
    }

    /// Checks the configuration and builds the cleaner.
    pub fn build(self) -> Result<Cleaner, Error> {
        if !(0.0..=1.0).contains(&self.max_removal_ratio) {
            return Err(Error::InvalidSetting {
                setting: "max_removal_ratio",
                reason: format!(
                    "must be between 0.0 and 1.0, got {}",
                    self.max_removal_ratio
                ),
            });
        }
        if self.max_nesting_depth == 0 {
            return Err(Error::InvalidSetting {
                setting: "max_nesting_depth",
                reason: "must be greater than 0".into(),
            });
        }
        if self.max_input_bytes == 0 {
            return Err(Error::InvalidSetting {
                setting: "max_input_bytes",
                reason: "must be greater than 0".into(),
            });
        }
        let base_url = self.base_url.as_deref().map(parse_base_url).transpose()?;
        let mut rules = self.rules;
        let mut inserts = self.inserts;
        if let Some(list) = self.cosmetic {
            inserts.push((Placement::Declarative, Arc::new(list)));
        }
        let mut profiles = self.profiles;
        if self.builtin_profiles {
            let mine = std::mem::take(&mut profiles.profiles);
            profiles.profiles = crate::rulesets::builtin_profiles();
            profiles.profiles.extend(mine);
        }
        let profiles = Arc::new(profiles);
        if !profiles.profiles.is_empty() {
            inserts.push((Placement::Declarative, profiles.clone()));
        }
        if let Some(rules) = self.clear_urls {
            inserts.push((Placement::AfterUrlCleaning, Arc::new(rules)));
        }
        for (placement, rule) in inserts {
            let index = match placement {
                Placement::BeforeNormalisation => rules
                    .iter()
                    .position(|r| r.name() == rules::PARAGRAPHS)
                    .unwrap_or(rules.len()),
                Placement::Declarative => rules
                    .iter()
                    .position(|r| r.name() == "empty-containers" || r.name() == rules::PARAGRAPHS)
                    .unwrap_or(rules.len()),
                Placement::AfterUrlCleaning => {
                    match rules.iter().position(|r| r.name() == "tracking-params") {
                        Some(i) => i + 1,
                        None => rules
                            .iter()
                            .position(|r| {
                                r.name() == "empty-containers" || r.name() == rules::PARAGRAPHS
                            })
                            .unwrap_or(rules.len()),
                    }
                }
                Placement::Before(name) => position_of(&rules, &name)?,
                Placement::After(name) => position_of(&rules, &name)? + 1,
                Placement::Last => rules.len(),
            };
            rules.insert(index, rule);
        }
        for name in &self.removals {
            let index = position_of(&rules, name)?;
            rules.remove(index);
        }
        for (i, rule) in rules.iter().enumerate() {
            if rules[..i].iter().any(|r| r.name() == rule.name()) {
                return Err(Error::DuplicateRule {
                    name: rule.name().to_string(),
                });
            }
        }
        Ok(Cleaner {
            rules,
            profiles,
            base_url,
            output: self.output,
            max_input_bytes: self.max_input_bytes,
            max_nesting_depth: self.max_nesting_depth,
            max_removal_ratio: self.max_removal_ratio,
        })
    }
}

fn position_of(rules: &[Arc<dyn Rule>], name: &str) -> Result<usize, Error> {
    rules
        .iter()
        .position(|r| r.name() == name)
        .ok_or_else(|| Error::UnknownRule {
            name: name.to_string(),
            known: rules
                .iter()
                .map(|r| r.name())
                .collect::<Vec<_>>()
                .join(", "),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::Verdict;
    use crate::error::RuleError;

    struct RemoveAllParagraphs;
    impl Rule for RemoveAllParagraphs {
        fn name(&self) -> &str {
            "remove-all"
        }
        fn apply(&self, doc: &mut Document, _: &Context<'_>) -> Result<(), RuleError> {
            doc.walk(|_, e| {
                if e.is("p") {
                    Verdict::Remove
                } else {
                    Verdict::Keep
                }
            });
            Ok(())
        }
    }

    struct Failing;
    impl Rule for Failing {
        fn name(&self) -> &str {
            "failing"
        }
        fn apply(&self, doc: &mut Document, _: &Context<'_>) -> Result<(), RuleError> {
            doc.walk(|_, _| Verdict::Remove);
            Err(RuleError::new("gave up"))
        }
    }

    struct Panicking;
    impl Rule for Panicking {
        fn name(&self) -> &str {
            "panicking"
        }
        fn apply(&self, doc: &mut Document, _: &Context<'_>) -> Result<(), RuleError> {
            doc.walk(|_, _| Verdict::Unwrap);
            panic!("boom")
        }
    }

    const ARTICLE: &str = "<p>One paragraph of text.</p><p>Another paragraph of text.</p>";

    #[test]
    fn a_rule_that_empties_the_article_is_rolled_back() {
        let cleaner = Cleaner::builder()
            .rule(RemoveAllParagraphs)
            .build()
            .unwrap();
        let cleaned = cleaner.clean(ARTICLE).unwrap();
        assert_eq!(
            cleaned.text(),
            "One paragraph of text.\n\nAnother paragraph of text.\n"
        );
        let entry = cleaned.report().by_rule("remove-all").next().unwrap();
        assert!(
            matches!(&entry.action, Action::RolledBack { reason } if reason.contains("would remove"))
        );
    }

    /// Removes the first `n` paragraphs.
    struct RemoveFirst(usize);
    impl Rule for RemoveFirst {
        fn name(&self) -> &str {
            "remove-first"
        }
        fn apply(&self, doc: &mut Document, _: &Context<'_>) -> Result<(), RuleError> {
            let doomed: Vec<_> = doc.elements_by_tag("p").take(self.0).collect();
            doc.remove_all(&doomed);
            Ok(())
        }
    }

    #[test]
    fn the_ratio_is_the_line_between_kept_and_rolled_back() {
        // Ten paragraphs of ten visible characters each: removing seven is
        // 70% (kept), removing eight is 80% (past 75%: rolled back).
        let article = "<p>abcdefghij</p>".repeat(10);
        for (n, left) in [(7, 3), (8, 10)] {
            let cleaner = Cleaner::builder().rule(RemoveFirst(n)).build().unwrap();
            let text = cleaner.clean(&article).unwrap().text().to_string();
            assert_eq!(text.lines().filter(|l| !l.is_empty()).count(), left, "{n}");
        }
    }

    #[test]
    fn the_ratio_can_be_relaxed() {
        let cleaner = Cleaner::builder()
            .rule(RemoveAllParagraphs)
            .max_removal_ratio(1.0)
            .build()
            .unwrap();
        assert_eq!(cleaner.clean(ARTICLE).unwrap().text(), "");
    }

    #[test]
    fn failing_and_panicking_rules_are_rolled_back() {
        let cleaner = Cleaner::builder()
            .rule(Failing)
            .rule(Panicking)
            .build()
            .unwrap();
        let cleaned = cleaner.clean(ARTICLE).unwrap();
        assert_eq!(
            cleaned.text(),
            "One paragraph of text.\n\nAnother paragraph of text.\n"
        );
        let reasons: Vec<String> = cleaned
            .report()
            .entries()
            .iter()
            .filter_map(|e| match &e.action {
                Action::RolledBack { reason } => Some(format!("{}: {reason}", e.rule)),
                _ => None,
            })
            .collect();
        assert_eq!(reasons.len(), 2, "{reasons:?}");
        assert!(reasons[0].starts_with("failing: rule failed: gave up"));
        assert!(reasons[1].starts_with("panicking: rule panicked: boom"));
    }

    #[test]
    fn builder_errors_are_typed() {
        assert!(matches!(
            Cleaner::builder().base_url("not a url").build(),
            Err(Error::InvalidBaseUrl { .. })
        ));
        assert!(matches!(
            Cleaner::builder().remove_rule("nope").build(),
            Err(Error::UnknownRule { .. })
        ));
        assert!(matches!(
            Cleaner::builder().rule(Failing).rule(Failing).build(),
            Err(Error::DuplicateRule { .. })
        ));
        assert!(matches!(
            Cleaner::builder().max_removal_ratio(1.5).build(),
            Err(Error::InvalidSetting { .. })
        ));
        assert!(matches!(
            Cleaner::builder().max_nesting_depth(0).build(),
            Err(Error::InvalidSetting {
                setting: "max_nesting_depth",
                ..
            })
        ));
        assert!(matches!(
            Cleaner::builder().rule_before("nope", Failing).build(),
            Err(Error::UnknownRule { .. })
        ));
    }

    #[test]
    fn oversized_input_is_refused() {
        let cleaner = Cleaner::builder().max_input_bytes(10).build().unwrap();
        let err = cleaner.clean("<p>more than ten bytes</p>").unwrap_err();
        assert!(matches!(
            err,
            Error::InputTooLarge {
                size: 26,
                limit: 10
            }
        ));
    }

    #[test]
    fn deeply_nested_input_is_refused_quickly() {
        let html = "<div>".repeat(100_000) + "x";
        let err = Cleaner::default().clean(&html).unwrap_err();
        assert!(
            matches!(
                err,
                Error::TooDeeplyNested {
                    depth: 1_001,
                    limit: 1_000,
                    ..
                }
            ),
            "{err}"
        );
        let wide = "<p>paragraph</p>".repeat(100_000);
        assert_eq!(
            Cleaner::default()
                .clean(&wide)
                .unwrap()
                .text()
                .matches("paragraph")
                .count(),
            100_000
        );
    }

    /// Found by the idempotence property: normalising `<h2><p>x</p></h2>`
    /// moves the text out of a `<p>`, which the removal guard counted as
    /// text lost, so normalisation was rolled back and its output was not a
    /// fixed point.
    #[test]
    fn a_paragraph_inside_a_heading_is_normalised_not_rolled_back() {
        let once = Cleaner::default()
            .clean("<div><h2><p>the</p></h2></div>")
            .unwrap();
        assert_eq!(once.html(), "<h2>the</h2>\n");
        assert!(once.report().entries().is_empty(), "{:?}", once.report());
        let twice = Cleaner::default().clean(once.html()).unwrap();
        assert_eq!(twice.html(), once.html());
    }

    /// Found by the idempotence property: pretty printing put line breaks
    /// around tags the sanitizer then dropped, and kept whitespace-only text
    /// between blocks, so cleaning the output again added blank lines.
    #[test]
    fn pretty_html_is_a_fixed_point_without_rules() {
        let cleaner = Cleaner::builder().no_default_rules().build().unwrap();
        for html in [
            "<div><h2><p>the</p></h2></div>",
            "<div>text</div><div>more</div>",
            "<section><p>a</p>\n  <div><p>b</p></div>\n</section>\n",
            "<ul>\n<li>a</li>\n<li><ul><li>b</li></ul></li></ul><blockquote> <p>q</p> </blockquote>",
            "<p>x</p><!-- c --><script>s</script> <hr> <pre>\n  a\n\n b </pre> <p><b>x</b> <i>y</i></p>",
        ] {
            let once = cleaner.clean(html).unwrap();
            assert!(!once.html().starts_with('\n'), "{:?}", once.html());
            assert!(!once.html().contains("\n\n<"), "{:?}", once.html());
            let twice = cleaner.clean(once.html()).unwrap();
            assert_eq!(twice.html(), once.html(), "{html}");
        }
    }

    /// Found by the output property: script text counted as paragraph
    /// text, so removing a `<script>` inside a `<p>` looked like emptying
    /// the article and was rolled back; normalisation then turned the
    /// script's code into a paragraph.
    #[test]
    fn script_text_is_not_article_text() {
        let html = "<p><p><script>var a = '<p>x</p>';</script></p></p><p>Story.</p>";
        let cleaned = Cleaner::default().clean(html).unwrap();
        assert_eq!(cleaned.text(), "Story.\n");
        assert_eq!(cleaned.html(), "<p>Story.</p>\n");
        let no_active = Cleaner::builder()
            .remove_rule("active-content")
            .build()
            .unwrap();
        let cleaned = no_active.clean(html).unwrap();
        assert_eq!(cleaned.text(), "Story.\n");
        assert_eq!(cleaned.html(), "<p>Story.</p>\n");
        let no_rules = Cleaner::builder().no_default_rules().build().unwrap();
        let cleaned = no_rules
            .clean("<p>a<style>p{}</style><textarea>t</textarea><iframe>f</iframe></p>")
            .unwrap();
        assert_eq!(cleaned.text(), "a\n");
        assert_eq!(cleaned.html(), "<p>a</p>\n");
    }

    #[test]
    fn cleaner_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Cleaner>();
        check::<Cleaned>();
    }
}
