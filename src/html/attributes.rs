//! What HTML says about attribute names: which hold URLs.

/// Attributes that hold a URL (or, for `srcset`, a list of them).
pub const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "srcset",
    "data-src",
    "data-srcset",
    "data-original",
    "data-lazy-src",
    "data-href",
    "poster",
    "cite",
    "action",
    "longdesc",
];

/// True for the [`URL_ATTRIBUTES`]. A `match`: it runs for every
/// attribute of the page.
pub(crate) fn is_url_attribute(name: &str) -> bool {
    matches!(
        name,
        "href"
            | "src"
            | "srcset"
            | "data-src"
            | "data-srcset"
            | "data-original"
            | "data-lazy-src"
            | "data-href"
            | "poster"
            | "cite"
            | "action"
            | "longdesc"
    )
}
