//! `clearurls`: URL cleaning driven by a ClearURLs rules file
//! (`data.min.json`).
//!
//! For each provider whose `urlPattern` matches a URL (case-insensitively),
//! unless one of its `exceptions` matches:
//!
//! - `completeProvider: true`: the URL is left alone and a note is added to
//!   the report (a browser extension would block the request; a cleaner
//!   cannot know what to put instead);
//! - `redirections`: a wrapper URL such as `https://search.example/url?q=...`
//!   is replaced by its first capture group, percent-decoded, and cleaned again;
//! - `rawRules`: each regex match is deleted from the whole URL;
//! - `rules` (and `referralMarketing`, unless allowed): query and fragment
//!   parameters whose name matches the rule in full, case-insensitively,
//!   are removed, as ClearURLs' `(?:&amp;|[/?#&])(?:RULE=[^&]*)` does; the
//!   other parameters keep their order and spelling.
//!
//! `forceRedirection` concerns browser navigation and is ignored. Every URL
//! attribute is cleaned (see
//! [`URL_ATTRIBUTES`](crate::rules::tracking_params::URL_ATTRIBUTES));
//! relative URLs are matched as resolved against the article's URL and,
//! when changed, written absolute.
//! The built-in `tracking-params` rule keeps working with or without this one.

use std::path::Path;

use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use url::Url;

use crate::dom::{Document, Verdict};
use crate::error::{Error, RuleError};
use crate::rule::{Context, Rule};
use crate::rules::tracking_params::rewrite_url_attributes;
use crate::rulesets::query::{percent_decode, strip_params};
use crate::rulesets::LoadReport;

#[derive(Deserialize)]
struct RawData {
    providers: std::collections::BTreeMap<String, RawProvider>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct RawProvider {
    url_pattern: Option<String>,
    complete_provider: bool,
    rules: Vec<String>,
    raw_rules: Vec<String>,
    referral_marketing: Vec<String>,
    exceptions: Vec<String>,
    redirections: Vec<String>,
    #[allow(dead_code)]
    force_redirection: bool,
}

#[derive(Debug, Clone)]
struct Provider {
    name: String,
    url_pattern: Regex,
    complete: bool,
    params: Option<Regex>,
    referral: Option<Regex>,
    raw_rules: Vec<Regex>,
    exceptions: Vec<Regex>,
    redirections: Vec<Regex>,
}

/// ClearURLs rules; a [`Rule`] named `clearurls`.
///
/// ```
/// use article_clean::rulesets::ClearUrls;
///
/// let json = r#"{"providers": {"site": {
///     "urlPattern": "^https?://(?:[a-z0-9-]+\\.)*?site\\.example",
///     "rules": ["ref_[a-z]+"],
///     "redirections": ["^https?://site\\.example/out\\?to=(https?[^&]+)"]}}}"#;
/// let (rules, report) = ClearUrls::parse(json)?;
/// assert_eq!(report.rules, 1);
/// assert_eq!(
///     rules.clean_url("https://www.site.example/a?id=1&ref_src=tw").as_deref(),
///     Some("https://www.site.example/a?id=1")
/// );
/// assert_eq!(
///     rules.clean_url("https://site.example/out?to=https%3A%2F%2Fnews.example%2Fx").as_deref(),
///     Some("https://news.example/x")
/// );
/// # Ok::<(), article_clean::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct ClearUrls {
    providers: Vec<Provider>,
    allow_referral_marketing: bool,
}

fn regex(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(1 << 22)
        .build()
        .map_err(|e| {
            format!(
                "{pattern:?}: {}",
                e.to_string().lines().last().unwrap_or("")
            )
        })
}

/// One regex matching a parameter name against any of `rules` in full;
/// rules that do not compile are left out and reported.
fn param_regex(provider: &str, rules: &[String], report: &mut LoadReport) -> Option<Regex> {
    let good: Vec<&String> = rules
        .iter()
        .filter(|r| match regex(&format!("^(?:{r})$")) {
            Ok(_) => true,
            Err(e) => {
                report
                    .malformed
                    .push((0, format!("provider {provider:?}: rule {e}")));
                false
            }
        })
        .collect();
    if good.is_empty() {
        return None;
    }
    let alternation: Vec<String> = good.iter().map(|r| format!("(?:{r})")).collect();
    regex(&format!("^(?:{})$", alternation.join("|"))).ok()
}

impl ClearUrls {
    /// Parses a ClearURLs `data.min.json`. Fails only when the text is not
    /// JSON of that shape; bad regexes are left out and listed in the report
    /// (ClearURLs data has no lines: the line number is 0 and the provider is named).
    pub fn parse(json: &str) -> Result<(ClearUrls, LoadReport), Error> {
        let data: RawData = serde_json::from_str(json).map_err(|e| Error::InvalidRules {
            path: None,
            reason: format!("not a ClearURLs rules file: {e}"),
        })?;
        let mut report = LoadReport::default();
        let mut providers = Vec::new();
        for (name, raw) in data.providers {
            let Some(pattern) = raw.url_pattern.as_deref() else {
                report
                    .malformed
                    .push((0, format!("provider {name:?}: no urlPattern")));
                continue;
            };
            let url_pattern = match regex(pattern) {
                Ok(r) => r,
                Err(e) => {
                    report
                        .malformed
                        .push((0, format!("provider {name:?}: urlPattern {e}")));
                    continue;
                }
            };
            let mut list = |items: &[String], what: &str| -> Vec<Regex> {
                items
                    .iter()
                    .filter_map(|p| match regex(p) {
                        Ok(r) => Some(r),
                        Err(e) => {
                            report
                                .malformed
                                .push((0, format!("provider {name:?}: {what} {e}")));
                            None
                        }
                    })
                    .collect()
            };
            let raw_rules = list(&raw.raw_rules, "rawRule");
            let exceptions = list(&raw.exceptions, "exception");
            let redirections = list(&raw.redirections, "redirection");
            if raw.force_redirection {
                report.skipped.push((
                    0,
                    format!("provider {name:?}: forceRedirection (browser-only)"),
                ));
            }
            let params = param_regex(&name, &raw.rules, &mut report);
            let referral = param_regex(&name, &raw.referral_marketing, &mut report);
            report.rules += 1;
            providers.push(Provider {
                name,
                url_pattern,
                complete: raw.complete_provider,
                params,
                referral,
                raw_rules,
                exceptions,
                redirections,
            });
        }
        Ok((
            ClearUrls {
                providers,
                allow_referral_marketing: false,
            },
            report,
        ))
    }

    /// Reads and parses a ClearURLs rules file.
    pub fn from_path(path: impl AsRef<Path>) -> Result<(ClearUrls, LoadReport), Error> {
        let path = path.as_ref();
        let text = super::read_text(path)?;
        Self::parse(&text).map_err(|e| match e {
            Error::InvalidRules { reason, .. } => Error::InvalidRules {
                path: Some(path.to_path_buf()),
                reason,
            },
            e => e,
        })
    }

    /// Keeps `referralMarketing` parameters (removed by default, as in ClearURLs).
    pub fn allow_referral_marketing(mut self, allow: bool) -> Self {
        self.allow_referral_marketing = allow;
        self
    }

    /// Adds the providers of `other`.
    pub fn extend(&mut self, other: ClearUrls) {
        self.providers.extend(other.providers);
    }

    /// Number of providers.
    pub fn len(&self) -> usize {
        self.providers.len()
    }

    /// True when no provider is loaded.
    pub fn is_empty(&self) -> bool {
        self.providers.is_empty()
    }

    /// The cleaned absolute URL, or `None` when the rules change nothing.
    pub fn clean_url(&self, url: &str) -> Option<String> {
        let (out, _) = self.clean_with_notes(url);
        out
    }

    /// Names of the `completeProvider` providers that match `url`.
    pub fn complete_providers(&self, url: &str) -> Vec<&str> {
        self.providers
            .iter()
            .filter(|p| p.complete && p.url_pattern.is_match(url) && !p.excepts(url))
            .map(|p| p.name.as_str())
            .collect()
    }

    fn clean_with_notes(&self, url: &str) -> (Option<String>, Vec<String>) {
        let mut notes = Vec::new();
        let mut cur = url.to_string();
        let mut redirects = 0;
        'again: loop {
            for p in &self.providers {
                if !p.url_pattern.is_match(&cur) || p.excepts(&cur) {
                    continue;
                }
                if p.complete {
                    notes.push(format!(
                        "URL matches ClearURLs complete provider {:?} (left in place)",
                        p.name
                    ));
                    continue;
                }
                if redirects < 5 {
                    for r in &p.redirections {
                        let target = r
                            .captures(&cur)
                            .and_then(|c| c.get(1))
                            .map(|m| percent_decode(m.as_str()));
                        if let Some(t) = target.filter(|t| Url::parse(t).is_ok()) {
                            cur = t;
                            redirects += 1;
                            continue 'again;
                        }
                    }
                }
                for r in &p.raw_rules {
                    if r.is_match(&cur) {
                        cur = r.replace_all(&cur, "").into_owned();
                    }
                }
                let referral = if self.allow_referral_marketing {
                    None
                } else {
                    p.referral.as_ref()
                };
                if p.params.is_some() || referral.is_some() {
                    if let Some(c) = strip_params(&cur, |name| {
                        p.params.as_ref().is_some_and(|r| r.is_match(name))
                            || referral.is_some_and(|r| r.is_match(name))
                    }) {
                        cur = c;
                    }
                }
            }
            break;
        }
        ((cur != url).then_some(cur), notes)
    }
}

impl Provider {
    fn excepts(&self, url: &str) -> bool {
        self.exceptions.iter().any(|e| e.is_match(url))
    }
}

impl Rule for ClearUrls {
    fn name(&self) -> &str {
        "clearurls"
    }

    fn apply(&self, doc: &mut Document, cx: &Context<'_>) -> Result<(), RuleError> {
        if self.providers.is_empty() {
            return Ok(());
        }
        let base = cx.base_url();
        let clean_one = |raw: &str, notes: &mut Vec<String>| -> Option<String> {
            let abs = match Url::parse(raw) {
                Ok(u) => u,
                Err(_) => base?.join(raw).ok()?,
            };
            if !matches!(abs.scheme(), "http" | "https") {
                return None;
            }
            let target = if Url::parse(raw).is_ok() {
                raw.to_string()
            } else {
                abs.to_string()
            };
            let (cleaned, n) = self.clean_with_notes(&target);
            notes.extend(n);
            cleaned
        };
        doc.walk(|changes, el| {
            let mut notes = Vec::new();
            rewrite_url_attributes(changes, el, |name, value| {
                if value.trim().is_empty() {
                    None
                } else if name.ends_with("srcset") {
                    let mut changed = false;
                    let parts: Vec<String> = value
                        .split(',')
                        .map(|cand| {
                            let t = cand.trim();
                            let (u, rest) =
                                t.split_at(t.find(char::is_whitespace).unwrap_or(t.len()));
                            match clean_one(u, &mut notes) {
                                Some(c) => {
                                    changed = true;
                                    format!("{c}{rest}")
                                }
                                None => t.to_string(),
                            }
                        })
                        .collect();
                    changed.then(|| parts.join(", "))
                } else {
                    clean_one(value.trim(), &mut notes)
                }
            });
            notes.dedup();
            for n in notes {
                changes.note(el, n);
            }
            Verdict::Keep
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::tests::apply;

    fn fixture() -> (ClearUrls, LoadReport) {
        ClearUrls::parse(include_str!("../../fixtures/rules/clearurls.json")).unwrap()
    }

    #[test]
    fn loads_and_reports_bad_regexes() {
        let (c, r) = fixture();
        assert_eq!(c.len(), 4);
        assert_eq!(r.rules, 4);
        assert_eq!(r.malformed.len(), 2, "{:?}", r.malformed);
        assert!(r.malformed.iter().any(|m| m.1.contains("bad(")));
        assert!(r.skipped[0].1.contains("forceRedirection"));
        assert!(ClearUrls::parse("[1,2]").is_err());
        assert!(ClearUrls::parse("{\"providers\": {}}")
            .unwrap()
            .0
            .is_empty());
    }

    #[test]
    fn cleans_params_raw_rules_redirections_and_exceptions() {
        let (c, _) = fixture();
        let cases = [
            (
                "https://www.search.example/search?q=rust&ved=1&EI=2&trk_src=x",
                Some("https://www.search.example/search?q=rust"),
            ),
            (
                "https://search.example/url?sa=t&url=https%3A%2F%2Fnews.example%2Fstory%3Fid%3D3%26trk_foo%3D1&ved=9",
                Some("https://news.example/story?id=3"),
            ),
            ("https://search.example/keep?ved=1", None),
            (
                "https://search.example/item/ref=sr_1/x?id=2",
                Some("https://search.example/item/x?id=2"),
            ),
            (
                "https://a.example/p?partner_id=7#trk_x=1&sec=2",
                Some("https://a.example/p#sec=2"),
            ),
            ("https://localhost/p?trk_src=1", None),
            ("https://broken.example/?ok=1&also_ok=2&keep=3", Some("https://broken.example/?keep=3")),
            ("https://a.example/p?notrk_src=1", None),
            ("https://beacon.example/p.gif", None),
        ];
        for (input, want) in cases {
            assert_eq!(c.clean_url(input).as_deref(), want, "{input}");
        }
        let keep = c.clone().allow_referral_marketing(true);
        assert_eq!(keep.clean_url("https://a.example/p?partner_id=7"), None);
        assert_eq!(
            c.complete_providers("https://x.beacon.example/"),
            ["beacons"]
        );
    }

    #[test]
    fn rewrites_url_attributes_and_notes_complete_providers() {
        let (c, _) = fixture();
        let html = r#"<p><a href="/story?trk_src=a&amp;id=1">a</a><img src="https://beacon.example/p.gif" srcset="https://i.example/a.jpg?trk_w=1 2x, https://i.example/b.jpg 1x"><a href="https://news.example/clean">c</a></p>"#;
        let (out, edits) = apply(&c, html);
        assert_eq!(
            out,
            r#"<p><a href="https://www.example.com/story?id=1">a</a><img src="https://beacon.example/p.gif" srcset="https://i.example/a.jpg 2x, https://i.example/b.jpg 1x"><a href="https://news.example/clean">c</a></p>"#
        );
        assert!(edits.iter().any(|e| matches!(&e.action, crate::report::Action::Note { message } if message.contains("beacons"))));
    }

    #[test]
    fn percent_decoding_is_lenient() {
        assert_eq!(percent_decode("a%20b%zz%4"), "a b%zz%4");
        assert_eq!(percent_decode("%"), "%");
    }
}
