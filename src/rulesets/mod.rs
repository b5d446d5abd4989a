//! Declarative rules: CSS selectors, cosmetic filter lists, ClearURLs
//! data, site profiles and FiveFilters site configs.
//!
//! Each kind loads from text (or a file) into a value plus a [`LoadReport`]
//! that counts the rules understood and lists, by line, what was skipped
//! (valid syntax this crate does not apply, such as network filters) or
//! malformed. Loading never fails on a bad line and never panics.
//!
//! Each kind is behind a cargo feature: `selectors` (CSS selectors and
//! cosmetic filter lists), `clearurls`, `profiles` (TOML site profiles and
//! FiveFilters site configs), and `rulesets` for all of them and
//! [`RuleFile`]. Without any, this module holds only the built-in site
//! profiles, which are part of the default pipeline.

#[cfg(feature = "clearurls")]
mod clearurls;
#[cfg(feature = "selectors")]
mod cosmetic;
#[cfg(feature = "profiles")]
mod ftr;
#[cfg(any(feature = "selectors", feature = "clearurls"))]
mod load_report;
#[cfg(feature = "profiles")]
mod profile;
#[cfg(any(feature = "clearurls", feature = "profiles"))]
mod query;
#[cfg(feature = "rulesets")]
mod rule_file;
#[cfg(feature = "selectors")]
mod selector;
pub(crate) mod site_profiles;

#[cfg(any(feature = "selectors", feature = "clearurls"))]
pub(crate) use load_report::read_text;
#[cfg(any(feature = "selectors", feature = "clearurls"))]
pub use load_report::LoadReport;

#[cfg(feature = "clearurls")]
pub use clearurls::ClearUrls;
#[cfg(feature = "selectors")]
pub use cosmetic::CosmeticFilter;
#[cfg(feature = "profiles")]
pub use ftr::xpath_to_css;
#[cfg(feature = "profiles")]
pub use profile::{SiteProfile, SiteTest};
#[cfg(feature = "rulesets")]
pub use rule_file::RuleFile;
#[cfg(feature = "selectors")]
pub use selector::{Selector, SelectorRule};
