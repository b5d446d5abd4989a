//! The settings of a [`Cleaner`] and the [`Builder`] that checks them and
//! assembles the rule pipeline.

use std::sync::Arc;

use url::Url;

use super::cleaner::Cleaner;
use super::guard::Guard;
use crate::error::Error;
use crate::rule::Rule;
use crate::rules;
use crate::rulesets::site_profiles::SiteProfiles;
#[cfg(feature = "clearurls")]
use crate::rulesets::ClearUrls;
#[cfg(feature = "selectors")]
use crate::rulesets::CosmeticFilter;
#[cfg(feature = "rulesets")]
use crate::rulesets::RuleFile;
#[cfg(feature = "profiles")]
use crate::rulesets::SiteProfile;

/// Default limit on input size: 32 MiB, far above any real article.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;

/// Default limit on element nesting depth: far above any real article.
pub const DEFAULT_MAX_NESTING_DEPTH: usize = 1_000;

/// Default budget of nodes the parser may create per byte of input, on
/// top of [`NODES_FOR_ANY_INPUT`]: one node per four bytes.
///
/// Real pages make far fewer: at most 0.05 nodes per byte over the 672
/// posts of the development corpus and the 130 whole pages of the
/// readability set (pages of 1 KB or more; 2026-12-04), a fifth of the
/// budget. What passes it is the parser rebuilding the same unclosed
/// formatting elements (`<b>`, `<font>`, ...) for paragraph after
/// paragraph: 58 KB of them made 93 MB of output. The budget is also what
/// keeps the cleaner's memory in bounds: every node costs a few hundred
/// bytes by the time both outputs are rendered, so a 1 MB page at the
/// budget peaks under 200 MB.
pub const DEFAULT_MAX_NODES_PER_BYTE: f64 = 0.25;

/// Nodes any input may make, however short, on top of the per-byte budget
/// ([`Builder::max_nodes_per_byte`]): a page of a few bytes still gets
/// `<html>`, `<head>` and `<body>`.
pub const NODES_FOR_ANY_INPUT: usize = 10_000;

/// Default limit on attributes per element. Real pages have at most 70 on
/// one element (the development corpus and the readability pages,
/// 2026-12-04); the parser's cost grows with the square of the count.
pub const DEFAULT_MAX_ATTRIBUTES: usize = 1_000;

/// Default share of paragraph text one rule may remove before it is rolled back.
pub const DEFAULT_MAX_REMOVAL_RATIO: f64 = 0.75;

/// Which outputs [`Cleaner::clean`] renders; the others are left empty.
/// Each costs its rendering: text and Markdown a walk of the cleaned tree,
/// HTML also the sanitizer's pass.
///
/// ```
/// use article_clean::{Cleaner, Output};
///
/// let cleaner = Cleaner::builder().output(Output::Markdown).build()?;
/// let cleaned = cleaner.clean("<h2>News</h2><p>It <em>rained</em>.</p>")?;
/// assert_eq!(cleaned.markdown(), "## News\n\nIt *rained*.\n");
/// assert_eq!(cleaned.html(), "");
/// # Ok::<(), article_clean::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Output {
    /// Sanitized HTML only ([`Cleaned::html`](crate::Cleaned::html)).
    Html,
    /// Plain text only ([`Cleaned::text`](crate::Cleaned::text)): no
    /// sanitizer pass is paid for.
    Text,
    /// HTML and text, the default.
    #[default]
    Both,
    /// Markdown only ([`Cleaned::markdown`](crate::Cleaned::markdown)): no
    /// sanitizer pass is paid for.
    #[cfg(feature = "markdown")]
    Markdown,
    /// HTML, text and Markdown.
    #[cfg(feature = "markdown")]
    All,
}

impl Output {
    /// True if this selection renders the HTML output.
    pub(crate) fn html(self) -> bool {
        match self {
            Output::Html | Output::Both => true,
            Output::Text => false,
            #[cfg(feature = "markdown")]
            Output::Markdown => false,
            #[cfg(feature = "markdown")]
            Output::All => true,
        }
    }

    /// True if this selection renders the text output.
    pub(crate) fn text(self) -> bool {
        match self {
            Output::Text | Output::Both => true,
            Output::Html => false,
            #[cfg(feature = "markdown")]
            Output::Markdown => false,
            #[cfg(feature = "markdown")]
            Output::All => true,
        }
    }

    /// True if this selection renders the Markdown output.
    #[cfg(feature = "markdown")]
    pub(crate) fn markdown(self) -> bool {
        matches!(self, Output::Markdown | Output::All)
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
    #[cfg(feature = "selectors")]
    cosmetic: Option<CosmeticFilter>,
    #[cfg(feature = "clearurls")]
    clear_urls: Option<ClearUrls>,
    profiles: SiteProfiles,
    base_url: Option<String>,
    output: Output,
    max_input_bytes: usize,
    max_nesting_depth: usize,
    max_nodes_per_byte: f64,
    max_attributes: usize,
    max_removal_ratio: f64,
}

enum Placement {
    /// Declarative removal rules: after the built-in removal rules, before
    /// `empty-containers` (so the wrappers they empty are tidied), else
    /// before `paragraphs`, else last.
    Declarative,
    /// After `tracking-params`, else like `Declarative`.
    #[cfg(feature = "clearurls")]
    AfterUrlCleaning,
    BeforeNormalisation,
    Before(String),
    After(String),
    Last,
}

impl std::fmt::Debug for Builder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names = |rules: &mut dyn Iterator<Item = &Arc<dyn Rule>>| {
            rules.map(|r| r.name().to_string()).collect::<Vec<_>>()
        };
        let mut d = f.debug_struct("Builder");
        d.field("rules", &names(&mut self.rules.iter()))
            .field("added", &names(&mut self.inserts.iter().map(|(_, r)| r)))
            .field("removed", &self.removals);
        #[cfg(feature = "selectors")]
        d.field("cosmetic_filters", &self.cosmetic.as_ref().map(|c| c.len()));
        #[cfg(feature = "clearurls")]
        d.field("clear_urls", &self.clear_urls.as_ref().map(|c| c.len()));
        d.field("builtin_profiles", &self.profiles.builtin);
        #[cfg(feature = "profiles")]
        d.field("site_profiles", &self.profiles.profiles.len());
        d.field("base_url", &self.base_url)
            .field("output", &self.output)
            .field("max_input_bytes", &self.max_input_bytes)
            .field("max_nesting_depth", &self.max_nesting_depth)
            .field("max_removal_ratio", &self.max_removal_ratio)
            .finish()
    }
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            rules: rules::default_rules(),
            inserts: Vec::new(),
            removals: Vec::new(),
            #[cfg(feature = "selectors")]
            cosmetic: None,
            #[cfg(feature = "clearurls")]
            clear_urls: None,
            profiles: SiteProfiles::builtin(),
            base_url: None,
            output: Output::Both,
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            max_nesting_depth: DEFAULT_MAX_NESTING_DEPTH,
            max_nodes_per_byte: DEFAULT_MAX_NODES_PER_BYTE,
            max_attributes: DEFAULT_MAX_ATTRIBUTES,
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
    #[cfg(feature = "selectors")]
    pub fn selector_rule(self, rule: crate::rulesets::SelectorRule) -> Self {
        self.rule(rule)
    }

    /// Adds a cosmetic filter list (see [`CosmeticFilter`](CosmeticFilter)).
    /// Several lists merge into one `cosmetic-filters` rule.
    #[cfg(feature = "selectors")]
    pub fn cosmetic_filters(mut self, list: CosmeticFilter) -> Self {
        match &mut self.cosmetic {
            Some(mine) => mine.extend(list),
            None => self.cosmetic = Some(list),
        }
        self
    }

    /// Adds ClearURLs rules (see [`ClearUrls`](ClearUrls)), run
    /// right after `tracking-params`. Several sets merge into one `clearurls` rule.
    #[cfg(feature = "clearurls")]
    pub fn clear_urls(mut self, rules: ClearUrls) -> Self {
        match &mut self.clear_urls {
            Some(mine) => mine.extend(rules),
            None => self.clear_urls = Some(rules),
        }
        self
    }

    /// Adds a site profile (see [`SiteProfile`](SiteProfile)).
    /// All profiles run as one `site-profiles` rule; each acts only on its host.
    #[cfg(feature = "profiles")]
    pub fn site_profile(mut self, profile: SiteProfile) -> Self {
        self.profiles.profiles.push(profile);
        self
    }

    /// Leaves out the site profiles that ship with the crate: the few
    /// sources whose page furniture the generic rules cannot name (see the
    /// crate's README).
    pub fn without_builtin_profiles(mut self) -> Self {
        self.profiles.builtin = false;
        self
    }

    /// Adds several site profiles (as read from a TOML file).
    #[cfg(feature = "profiles")]
    pub fn site_profiles(mut self, profiles: impl IntoIterator<Item = SiteProfile>) -> Self {
        self.profiles.profiles.extend(profiles);
        self
    }

    /// Adds a FiveFilters site config (read with
    /// [`SiteProfile::parse_ftr`](SiteProfile::parse_ftr)). Its
    /// `find_string`/`replace_string` pairs are applied to the raw HTML
    /// before parsing when the page's host matches.
    #[cfg(feature = "profiles")]
    pub fn site_config(self, config: SiteProfile) -> Self {
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
        self.profiles.builtin = false;
        self
    }

    /// The URL relative links resolve against, for [`Cleaner::clean`].
    /// Posts use their own `from:` URL. It must be an absolute `http` or
    /// `https` URL, else [`build`](Builder::build) fails with
    /// [`Error::InvalidBaseUrl`] (so does a post's `from:`, and the URL
    /// given to [`Cleaner::clean_with_url`]); a page's own canonical URL
    /// that is not is not used.
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
    /// with depth, and no real article comes near the default of 1,000
    /// (`<html>` is depth 1, `<body>` 2; real pages reach 39). The depth
    /// is measured where the parser places each element, and the parse
    /// stops at the first tag past the limit.
    pub fn max_nesting_depth(mut self, depth: usize) -> Self {
        self.max_nesting_depth = depth;
        self
    }

    /// The parser may create [`NODES_FOR_ANY_INPUT`] nodes plus this many
    /// per byte of input (default [`DEFAULT_MAX_NODES_PER_BYTE`]); past
    /// that the parse stops and the input is refused with
    /// [`Error::TooManyNodes`]. This bounds the tree, and with it the
    /// time and memory of everything after the parse, to a multiple of
    /// the input size.
    pub fn max_nodes_per_byte(mut self, nodes: f64) -> Self {
        self.max_nodes_per_byte = nodes;
        self
    }

    /// Inputs with an element carrying more attributes than this are
    /// refused with [`Error::TooManyAttributes`] (default
    /// [`DEFAULT_MAX_ATTRIBUTES`]): the parser's cost grows with the
    /// square of the count, so tags are checked before parsing.
    pub fn max_attributes(mut self, attributes: usize) -> Self {
        self.max_attributes = attributes;
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
        if !(self.max_nodes_per_byte > 0.0 && self.max_nodes_per_byte.is_finite()) {
            return Err(Error::InvalidSetting {
                setting: "max_nodes_per_byte",
                reason: format!(
                    "must be a finite number greater than 0, got {}",
                    self.max_nodes_per_byte
                ),
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
        #[allow(unused_mut)]
        let mut inserts = self.inserts;
        #[cfg(feature = "selectors")]
        if let Some(list) = self.cosmetic {
            inserts.push((Placement::Declarative, Arc::new(list)));
        }
        let profiles = Arc::new(self.profiles);
        if !profiles.is_empty() {
            inserts.push((Placement::Declarative, profiles.clone()));
        }
        #[cfg(feature = "clearurls")]
        if let Some(rules) = self.clear_urls {
            inserts.push((Placement::AfterUrlCleaning, Arc::new(rules)));
        }
        for (placement, rule) in inserts {
            let index = match placement {
                Placement::BeforeNormalisation => rules
                    .iter()
                    .position(|r| r.name() == rules::PARAGRAPHS)
                    .unwrap_or(rules.len()),
                Placement::Declarative => before_tidying(&rules),
                #[cfg(feature = "clearurls")]
                Placement::AfterUrlCleaning => {
                    match rules
                        .iter()
                        .position(|r| r.name() == rules::TRACKING_PARAMS)
                    {
                        Some(i) => i + 1,
                        None => before_tidying(&rules),
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
            max_nodes_per_byte: self.max_nodes_per_byte,
            max_attributes: self.max_attributes,
            guard: Guard {
                max_removal_ratio: self.max_removal_ratio,
            },
        })
    }
}

/// Where declarative removal rules go: before `empty-containers` (so the
/// wrappers they empty are tidied), else before `paragraphs`, else last.
fn before_tidying(rules: &[Arc<dyn Rule>]) -> usize {
    rules
        .iter()
        .position(|r| r.name() == rules::EMPTY_CONTAINERS || r.name() == rules::PARAGRAPHS)
        .unwrap_or(rules.len())
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

#[cfg(feature = "rulesets")]
impl Builder {
    /// Adds the rules of a [`RuleFile`] of any kind.
    pub fn rule_file(self, file: RuleFile) -> Self {
        match file {
            RuleFile::Cosmetic(c) => self.cosmetic_filters(c),
            RuleFile::ClearUrls(c) => self.clear_urls(c),
            RuleFile::Profiles(p) => self.site_profiles(p),
            RuleFile::SiteConfig(p) => self.site_config(p),
        }
    }
}

pub(super) fn parse_base_url(url: &str) -> Result<Url, Error> {
    let parsed = Url::parse(url).map_err(|e| Error::InvalidBaseUrl {
        url: url.to_string(),
        reason: e.to_string(),
        source: Some(e),
    })?;
    if parsed.cannot_be_a_base() {
        return Err(Error::InvalidBaseUrl {
            url: url.to_string(),
            reason: "cannot be a base for relative URLs".into(),
            source: None,
        });
    }
    // Relative links in a published page resolve to web pages: against a
    // `file:` (or `ftp:`, ...) base they would point the reader at local
    // files.
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(Error::InvalidBaseUrl {
            url: url.to_string(),
            reason: format!("a base URL must be http or https, not {}:", parsed.scheme()),
            source: None,
        });
    }
    Ok(parsed)
}
