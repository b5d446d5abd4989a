//! `site-profiles`: per-site removals, protections and URL parameters,
//! from our own TOML format or from FiveFilters site configs
//! (see `ftr.rs`).
//!
//! ```toml
//! [[site]]
//! host = "example.com"            # also www.example.com, news.example.com, ...
//! remove = [".share-row", "aside.teaser"]
//! keep = [".teaser .pull-quote"]  # protects from this profile's `remove`
//! strip_params = ["src", "ref"]   # query parameters dropped from URL attributes
//! ```
//!
//! `keep` semantics: an element matched by `remove` stays if it matches a
//! `keep` selector or contains an element that does. `keep` only limits the
//! profile's own removals: the built-in rules and other lists do not see it.
//! A profile applies when the article's host is `host` or a subdomain of it.

use std::path::Path;

use serde::Deserialize;

use crate::dom::{Document, PtrSet, Verdict};
use crate::error::Error;
use crate::rules::tracking_params::rewrite_url_attributes;
use crate::rulesets::selector::{apply_to, MatchTree};
use crate::rulesets::site_profiles::host_matches;
use crate::rulesets::{LoadReport, Selector};

/// A `test_url` of a site config with the texts its cleaned page should contain.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SiteTest {
    /// The page.
    pub url: String,
    /// Texts the cleaned page should contain.
    pub contains: Vec<String>,
}

/// What to do on one site.
///
/// `site-profiles`: per-site removals, protections and URL parameters,
/// from our own TOML format or from FiveFilters site configs
/// (see `ftr.rs`).
///
/// ```toml
/// [[site]]
/// host = "example.com"            # also www.example.com, news.example.com, ...
/// remove = [".share-row", "aside.teaser"]
/// keep = [".teaser .pull-quote"]  # protects from this profile's `remove`
/// strip_params = ["src", "ref"]   # query parameters dropped from URL attributes
/// ```
///
/// `keep` semantics: an element matched by `remove` stays if it matches a
/// `keep` selector or contains an element that does. `keep` only limits the
/// profile's own removals: the built-in rules and other lists do not see it.
/// A profile applies when the article's host is `host` or a subdomain of it.
#[derive(Debug, Clone)]
pub struct SiteProfile {
    pub(crate) host: String,
    pub(crate) remove: Vec<Selector>,
    pub(crate) keep: Vec<Selector>,
    pub(crate) strip_attrs: Vec<(Selector, String)>,
    pub(crate) strip_params: Vec<String>,
    pub(crate) replacements: Vec<(String, String)>,
    pub(crate) tests: Vec<SiteTest>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlFile {
    #[serde(default)]
    site: Vec<TomlSite>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlSite {
    host: String,
    #[serde(default)]
    remove: Vec<String>,
    #[serde(default)]
    keep: Vec<String>,
    #[serde(default)]
    strip_params: Vec<String>,
}

impl SiteProfile {
    /// An empty profile for `host` (and its subdomains).
    pub fn new(host: &str) -> SiteProfile {
        let host = host.trim().trim_start_matches('.').to_ascii_lowercase();
        SiteProfile {
            host: host.strip_prefix("www.").unwrap_or(&host).to_string(),
            remove: Vec::new(),
            keep: Vec::new(),
            strip_attrs: Vec::new(),
            strip_params: Vec::new(),
            replacements: Vec::new(),
            tests: Vec::new(),
        }
    }

    /// Adds a selector whose matches are removed.
    pub fn remove(mut self, selector: Selector) -> Self {
        self.remove.push(selector);
        self
    }

    /// Adds a selector whose matches (and their ancestors) `remove` spares.
    pub fn keep(mut self, selector: Selector) -> Self {
        self.keep.push(selector);
        self
    }

    /// Adds a query parameter to drop from URL attributes.
    pub fn strip_param(mut self, name: &str) -> Self {
        self.strip_params.push(name.to_ascii_lowercase());
        self
    }

    /// Adds a raw-HTML replacement made before parsing.
    pub fn replace(mut self, find: &str, replace: &str) -> Self {
        self.replacements
            .push((find.to_string(), replace.to_string()));
        self
    }

    /// The host the profile is for.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// True if the profile applies to pages on `host`.
    pub fn applies_to(&self, host: &str) -> bool {
        host_matches(&host.to_ascii_lowercase(), &self.host)
    }

    /// The site config's `test_url`/`test_contains` pairs.
    pub fn tests(&self) -> &[SiteTest] {
        &self.tests
    }

    /// Replacements made to the raw HTML before parsing.
    pub fn replacements(&self) -> &[(String, String)] {
        &self.replacements
    }

    /// Reads `[[site]]` tables from our TOML format. Fails only when the text
    /// is not TOML of that shape; bad selectors are reported as malformed.
    pub fn parse_toml(text: &str) -> Result<(Vec<SiteProfile>, LoadReport), Error> {
        let file: TomlFile = toml::from_str(text).map_err(|e| Error::InvalidRules {
            path: None,
            reason: format!("not a site profile file: {e}"),
        })?;
        let mut report = LoadReport::default();
        let mut out = Vec::new();
        for site in file.site {
            let mut p = SiteProfile::new(&site.host);
            if p.host.is_empty() {
                report.malformed.push((0, "site with an empty host".into()));
                continue;
            }
            for (list, target) in [(site.remove, &mut p.remove), (site.keep, &mut p.keep)] {
                for s in list {
                    match Selector::parse(&s) {
                        Ok(sel) => {
                            target.push(sel);
                            report.rules += 1;
                        }
                        Err(e) => report
                            .malformed
                            .push((0, format!("site {:?}: {e}", site.host))),
                    }
                }
            }
            report.rules += site.strip_params.len();
            p.strip_params = site
                .strip_params
                .iter()
                .map(|s| s.to_ascii_lowercase())
                .collect();
            out.push(p);
        }
        Ok((out, report))
    }

    /// Reads a TOML profile file.
    pub fn from_toml_path(path: impl AsRef<Path>) -> Result<(Vec<SiteProfile>, LoadReport), Error> {
        let path = path.as_ref();
        Self::parse_toml(&super::read_text(path)?).map_err(|e| with_path(e, path))
    }
}

pub(crate) fn with_path(e: Error, path: &Path) -> Error {
    match e {
        Error::InvalidRules { reason, .. } => Error::InvalidRules {
            path: Some(path.to_path_buf()),
            reason,
        },
        e => e,
    }
}

impl SiteProfile {
    /// Runs this profile on a page of its host: removals (minus what
    /// `keep` protects), attribute strips, then parameter strips.
    pub(crate) fn apply(&self, doc: &mut Document) {
        let body = doc.body();
        let tree = MatchTree::new(&body);
        let Some(start) = tree.index_of(&body) else {
            return;
        };
        let end = tree.subtree_end(start);
        let mut protected = PtrSet::default();
        let mut hits = PtrSet::default();
        let mut attr_hits = Vec::new();
        tree.with_matcher(|m| {
            for i in start + 1..end {
                if self.keep.iter().any(|s| m.matches(i, s)) {
                    let n = tree.node(i);
                    protected.insert(n.key());
                    for a in n.ancestors() {
                        protected.insert(a.key());
                    }
                }
                if self.remove.iter().any(|s| m.matches(i, s)) {
                    hits.insert(tree.node(i).key());
                }
                for (s, attr) in &self.strip_attrs {
                    if m.matches(i, s) {
                        attr_hits.push((tree.node(i), attr.clone()));
                    }
                }
            }
        });
        for (n, attr) in attr_hits {
            doc.remove_attr(&n, &attr);
        }
        hits.retain(|h| !protected.contains(h));
        apply_to(doc, &hits, Verdict::Remove);
        if !self.strip_params.is_empty() {
            doc.walk(|changes, el| {
                rewrite_url_attributes(changes, el, |_, value| {
                    if !value.contains('?') {
                        return None;
                    }
                    super::query::strip_params(value, |k| {
                        self.strip_params.iter().any(|s| s.eq_ignore_ascii_case(k))
                    })
                });
                Verdict::Keep
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Cleaner;

    const PAGE: &str = r#"<p>The story <a href="https://example.com/n?id=1&amp;src=home">more</a>.</p><div class="share-row">Share</div><aside class="teaser">Other <q class="pull-quote">quoted</q></aside><aside class="teaser">Gone</aside><img src="https://example.com/a.jpg" srcset="x 2x"><span class="dropcap">T</span><hr class="break">"#;

    #[test]
    fn toml_profiles_remove_keep_and_strip_params() {
        let (profiles, report) =
            SiteProfile::parse_toml(include_str!("../../fixtures/rules/profile.toml")).unwrap();
        assert_eq!(profiles.len(), 2);
        assert_eq!(report.malformed.len(), 1, "{report:?}");
        let cleaner = Cleaner::builder().site_profiles(profiles).build().unwrap();
        let out = cleaner
            .clean_with_url(PAGE, "https://news.example.com/x")
            .unwrap();
        let html = out.html();
        assert!(!html.contains("Share") && !html.contains("Gone"), "{html}");
        assert!(html.contains("quoted"), "kept: {html}");
        assert!(html.contains("n?id=1\""), "{html}");
        let elsewhere = cleaner
            .clean_with_url(PAGE, "https://example.org/x")
            .unwrap();
        assert!(elsewhere.html().contains("Gone"));
        assert!(SiteProfile::parse_toml("[[site]]\nhots = 1").is_err());
    }

    #[test]
    fn ftr_configs_strip_and_replace_before_parsing() {
        let (p, _) = SiteProfile::from_ftr_path(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules/example.com.txt"),
        )
        .unwrap();
        assert_eq!(p.host(), "example.com");
        let cleaner = Cleaner::builder().site_config(p.clone()).build().unwrap();
        let page = r#"<p>The story.</p><div class="share-row">S</div><div class="x inline-teaser-2">T</div><p id="sponsor-strip-1">Ad</p><img src="https://cdn.example/pixel/1.gif" width=5 height=5><p><img src="https://example.com/a.jpg" srcset="https://example.com/b.jpg 2x" alt="pic"></p><p><span class="dropcap">O</span>nce.</p>"#;
        let out = cleaner
            .clean_with_url(page, "https://example.com/news/1")
            .unwrap();
        let html = out.html();
        for gone in ["share-row", "T</div>", "Ad", "pixel", "srcset", "dropcap"] {
            assert!(!html.contains(gone), "{gone}: {html}");
        }
        assert!(html.contains("a.jpg") && html.contains("Once."), "{html}");
        let missing = p.self_test(&cleaner, &p.tests()[0], page).unwrap();
        assert_eq!(missing, Vec::<String>::new());
        let other = cleaner
            .clean_with_url(page, "https://example.net/")
            .unwrap();
        assert!(other.html().contains("srcset"));
    }
}
