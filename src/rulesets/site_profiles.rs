//! `site-profiles`: the one rule that runs every site profile of a
//! cleaner, the built-in ones first.
//!
//! The built-in profiles name page furniture of a few sources that no
//! generic rule can. They are part of the default behaviour, so they are
//! written here as code, with plain class tests instead of CSS selectors:
//! the core pipeline does not need the selector engine (the `selectors`
//! feature). Profiles read from files (the `profiles` feature) join them
//! in the same rule.

use crate::dom::{Document, NodeRef, Verdict};
use crate::error::RuleError;
use crate::rule::{Context, Rule};
#[cfg(feature = "profiles")]
use crate::rulesets::SiteProfile;

/// How a built-in profile recognises an element.
#[derive(Debug, Clone, Copy)]
enum Furniture {
    /// One of the element's class names is this (CSS `.name`).
    Class(&'static str),
    /// The `class` attribute contains this text (CSS `[class*='text']`).
    ClassContains(&'static str),
}

impl Furniture {
    fn matches(self, el: &NodeRef) -> bool {
        match self {
            Furniture::Class(name) => el.has_class(name),
            Furniture::ClassContains(text) => {
                el.with_attr("class", |c| c.contains(text)).unwrap_or(false)
            }
        }
    }
}

/// A built-in profile: what a source needs beyond the generic rules.
struct BuiltinSite {
    /// The host, matching its subdomains too.
    host: &'static str,
    /// Elements removed (with everything inside them).
    remove: &'static [Furniture],
}

/// Written from the structure of these sources' pages (class names are
/// facts about the markup); each entry says why the generic rules do not
/// cover it.
const BUILTIN: &[BuiltinSite] = &[
    // Reuters Chinese: a "trust principles" badge closes every article; its
    // class names no role the generic rules know.
    BuiltinSite {
        host: "reuters.com",
        remove: &[Furniture::ClassContains("trustBadge")],
    },
    // BBC: the text a video player shows when it cannot play, and the
    // placeholder of a captioned image.
    BuiltinSite {
        host: "bbc.com",
        remove: &[
            Furniture::Class("media-player-wrapper"),
            Furniture::Class("media-with-caption__placeholder"),
        ],
    },
];

/// True if `host` is `domain` or one of its subdomains.
pub(crate) fn host_matches(host: &str, domain: &str) -> bool {
    host == domain
        || (host.len() > domain.len()
            && host.ends_with(domain)
            && host.as_bytes()[host.len() - domain.len() - 1] == b'.')
}

/// All site profiles of a cleaner, as one rule named `site-profiles`.
#[derive(Debug, Clone, Default)]
pub(crate) struct SiteProfiles {
    /// Whether the built-in profiles run.
    pub(crate) builtin: bool,
    /// Profiles added to the builder, in the order they were added.
    #[cfg(feature = "profiles")]
    pub(crate) profiles: Vec<SiteProfile>,
}

impl SiteProfiles {
    /// The built-in profiles alone.
    pub(crate) fn builtin() -> SiteProfiles {
        SiteProfiles {
            builtin: true,
            #[cfg(feature = "profiles")]
            profiles: Vec::new(),
        }
    }

    /// True when the rule has nothing to do on any page.
    pub(crate) fn is_empty(&self) -> bool {
        #[cfg(feature = "profiles")]
        if !self.profiles.is_empty() {
            return false;
        }
        !self.builtin
    }

    /// The added profiles for `host`.
    #[cfg(feature = "profiles")]
    fn for_host<'a>(&'a self, host: &'a str) -> impl Iterator<Item = &'a SiteProfile> + 'a {
        self.profiles.iter().filter(move |p| p.applies_to(host))
    }

    /// Applies the raw-HTML replacements of the profiles for `host` (site
    /// configs' `find_string`/`replace_string`).
    pub(crate) fn replace<'h>(
        &self,
        html: &'h str,
        host: Option<&str>,
    ) -> std::borrow::Cow<'h, str> {
        #[allow(unused_mut)]
        let mut out = std::borrow::Cow::Borrowed(html);
        #[cfg(feature = "profiles")]
        if let Some(host) = host {
            for p in self.for_host(host) {
                for (find, rep) in p.replacements() {
                    if out.contains(find.as_str()) {
                        out = std::borrow::Cow::Owned(out.replace(find.as_str(), rep));
                    }
                }
            }
        }
        #[cfg(not(feature = "profiles"))]
        let _ = host;
        out
    }
}

impl Rule for SiteProfiles {
    fn name(&self) -> &str {
        "site-profiles"
    }

    fn apply(&self, doc: &mut Document, cx: &Context<'_>) -> Result<(), RuleError> {
        let Some(host) = cx.base_url().and_then(|u| u.host_str()) else {
            return Ok(());
        };
        if self.builtin {
            let host = host.to_ascii_lowercase();
            for site in BUILTIN.iter().filter(|s| host_matches(&host, s.host)) {
                doc.walk(|_, el| {
                    if site.remove.iter().any(|f| f.matches(el)) {
                        Verdict::Remove
                    } else {
                        Verdict::Keep
                    }
                });
            }
        }
        #[cfg(feature = "profiles")]
        for p in self.for_host(host) {
            p.apply(doc);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Cleaner;

    const PAGE: &str = r#"<p>The story, told at length.</p><div class="x-trustBadge-y">Our principles</div><div class="media-player-wrapper">Video unavailable</div><p class="media-player-wrapper-not">Kept.</p>"#;

    #[test]
    fn builtin_profiles_act_on_their_hosts_only() {
        let on = |url: &str| Cleaner::default().clean_with_url(PAGE, url).unwrap();
        let reuters = on("https://cn.reuters.com/article/x");
        assert!(!reuters.text().contains("principles"), "{}", reuters.text());
        assert!(reuters.text().contains("Video unavailable"));
        assert_eq!(reuters.report().removed_by("site-profiles"), 1);
        let bbc = on("https://www.bbc.com/zhongwen/x");
        assert!(!bbc.text().contains("Video unavailable"), "{}", bbc.text());
        assert!(bbc.text().contains("principles") && bbc.text().contains("Kept."));
        let elsewhere = on("https://notbbc.com/x");
        assert_eq!(elsewhere.report().removed_by("site-profiles"), 0);
        let off = Cleaner::builder()
            .without_builtin_profiles()
            .build()
            .unwrap();
        assert!(!off.rule_names().contains(&"site-profiles"));
    }

    #[test]
    fn hosts_match_themselves_and_their_subdomains() {
        assert!(host_matches("bbc.com", "bbc.com"));
        assert!(host_matches("www.bbc.com", "bbc.com"));
        assert!(!host_matches("notbbc.com", "bbc.com"));
        assert!(!host_matches("bbc.com.example", "bbc.com"));
    }

    /// The class tests are the CSS selectors they were translated from.
    #[cfg(feature = "selectors")]
    #[test]
    fn builtin_tests_agree_with_their_css() {
        use crate::rulesets::Selector;
        let doc = Document::parse(
            r#"<div class="trustBadge"></div><div class="a-trustBadge"></div><div class="trustbadge"></div>
               <div class="media-player-wrapper x"></div><div class="media-player-wrapper-x"></div>
               <div class="MEDIA-player-wrapper"></div><div class="media-with-caption__placeholder"></div>"#,
        );
        for (furniture, css) in [
            (
                Furniture::ClassContains("trustBadge"),
                "[class*='trustBadge']",
            ),
            (
                Furniture::Class("media-player-wrapper"),
                ".media-player-wrapper",
            ),
            (
                Furniture::Class("media-with-caption__placeholder"),
                ".media-with-caption__placeholder",
            ),
        ] {
            let by_code: Vec<NodeRef> = doc.elements().filter(|e| furniture.matches(e)).collect();
            let by_css = doc.select(&Selector::parse(css).unwrap());
            assert!(!by_code.is_empty(), "{css}");
            assert_eq!(by_code, by_css, "{css}");
        }
    }
}
