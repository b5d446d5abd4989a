//! The settings of a [`Cleaner`] and the [`Builder`] that checks them and
//! assembles the rule pipeline.

use std::sync::Arc;

use url::Url;

use super::cleaner::Cleaner;
use super::guard::Guard;
use crate::error::Error;
use crate::rule::Rule;
use crate::rules;
use crate::rulesets::{ClearUrls, CosmeticFilter, RuleFile, SiteProfile, SiteProfiles};

/// Default limit on input size: 32 MiB, far above any real article.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;

/// Default limit on element nesting depth: far above any real article.
pub const DEFAULT_MAX_NESTING_DEPTH: usize = 1_000;

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
    Markdown,
    /// HTML, text and Markdown.
    All,
}

impl Output {
    /// True if this selection renders the HTML output.
    pub(crate) fn html(self) -> bool {
        matches!(self, Output::Html | Output::Both | Output::All)
    }

    /// True if this selection renders the text output.
    pub(crate) fn text(self) -> bool {
        matches!(self, Output::Text | Output::Both | Output::All)
    }

    /// True if this selection renders the Markdown output.
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
    cosmetic: Option<CosmeticFilter>,
    clear_urls: Option<ClearUrls>,
    profiles: SiteProfiles,
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

    /// Adds a cosmetic filter list (see [`CosmeticFilter`](CosmeticFilter)).
    /// Several lists merge into one `cosmetic-filters` rule.
    pub fn cosmetic_filters(mut self, list: CosmeticFilter) -> Self {
        match &mut self.cosmetic {
            Some(mine) => mine.extend(list),
            None => self.cosmetic = Some(list),
        }
        self
    }

    /// Adds ClearURLs rules (see [`ClearUrls`](ClearUrls)), run
    /// right after `tracking-params`. Several sets merge into one `clearurls` rule.
    pub fn clear_urls(mut self, rules: ClearUrls) -> Self {
        match &mut self.clear_urls {
            Some(mine) => mine.extend(rules),
            None => self.clear_urls = Some(rules),
        }
        self
    }

    /// Adds a site profile (see [`SiteProfile`](SiteProfile)).
    /// All profiles run as one `site-profiles` rule; each acts only on its host.
    pub fn site_profile(mut self, profile: SiteProfile) -> Self {
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
    pub fn site_profiles(mut self, profiles: impl IntoIterator<Item = SiteProfile>) -> Self {
        self.profiles.profiles.extend(profiles);
        self
    }

    /// Adds a FiveFilters site config (read with
    /// [`SiteProfile::parse_ftr`](SiteProfile::parse_ftr)). Its
    /// `find_string`/`replace_string` pairs are applied to the raw HTML
    /// before parsing when the page's host matches.
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
                Placement::Declarative => before_tidying(&rules),
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
    })?;
    if parsed.cannot_be_a_base() {
        return Err(Error::InvalidBaseUrl {
            url: url.to_string(),
            reason: "cannot be a base for relative URLs".into(),
        });
    }
    Ok(parsed)
}
