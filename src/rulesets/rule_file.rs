//! [`RuleFile`]: a rule file of any kind, told apart by its extension or
//! its content.

use super::{read_text, ClearUrls, CosmeticFilter, LoadReport, SiteProfile};

/// A rule file of any supported kind, as told by [`RuleFile::from_path`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum RuleFile {
    /// An EasyList/uBlock-style filter list.
    Cosmetic(CosmeticFilter),
    /// A ClearURLs `data.min.json`.
    ClearUrls(ClearUrls),
    /// Our TOML site profiles.
    Profiles(Vec<SiteProfile>),
    /// A FiveFilters site config.
    SiteConfig(SiteProfile),
}

impl RuleFile {
    /// Reads a rule file, telling its kind from the extension (`.json`:
    /// ClearURLs, `.toml`: site profiles) or, for other files, from the
    /// content: `##`/`#@#` lines or an `[Adblock` header make a filter
    /// list, `strip:`-style `key: value` lines a FiveFilters site config
    /// (its host comes from the file name).
    pub fn from_path(
        path: impl AsRef<std::path::Path>,
    ) -> Result<(RuleFile, LoadReport), crate::Error> {
        let path = path.as_ref();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("json") => ClearUrls::from_path(path).map(|(c, r)| (RuleFile::ClearUrls(c), r)),
            Some("toml") => {
                SiteProfile::from_toml_path(path).map(|(p, r)| (RuleFile::Profiles(p), r))
            }
            _ => {
                let text = read_text(path)?;
                if looks_like_site_config(&text) {
                    SiteProfile::from_ftr_path(path).map(|(p, r)| (RuleFile::SiteConfig(p), r))
                } else {
                    let (c, r) = CosmeticFilter::parse(&text);
                    Ok((RuleFile::Cosmetic(c), r))
                }
            }
        }
    }
}

fn looks_like_site_config(text: &str) -> bool {
    let mut config_lines = 0;
    for line in text.lines().map(str::trim) {
        if line.contains("##") || line.contains("#@#") || line.starts_with("[Adblock") {
            return false;
        }
        if let Some((key, _)) = line.split_once(':') {
            let key = key.trim();
            if matches!(
                key,
                "strip"
                    | "strip_id_or_class"
                    | "strip_image_src"
                    | "strip_attr"
                    | "title"
                    | "body"
                    | "find_string"
                    | "replace_string"
                    | "test_url"
                    | "prune"
                    | "tidy"
            ) || key.starts_with("replace_string(")
            {
                config_lines += 1;
            }
        }
    }
    config_lines > 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn rule_files_are_told_apart() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
        let kind = |f: &str| match RuleFile::from_path(dir.join(f)).unwrap().0 {
            RuleFile::Cosmetic(_) => "cosmetic",
            RuleFile::ClearUrls(_) => "clearurls",
            RuleFile::Profiles(_) => "profiles",
            RuleFile::SiteConfig(_) => "ftr",
        };
        assert_eq!(kind("cosmetic.txt"), "cosmetic");
        assert_eq!(kind("clearurls.json"), "clearurls");
        assert_eq!(kind("profile.toml"), "profiles");
        assert_eq!(kind("example.com.txt"), "ftr");
        let (_, r) = RuleFile::from_path(dir.join("cosmetic.txt")).unwrap();
        assert_eq!(r.rules, 5);
        assert_eq!(r.skipped.len(), 5);
        assert_eq!(r.malformed, vec![(11, r.malformed[0].1.clone())]);
        assert!(matches!(
            RuleFile::from_path(dir.join("missing.json")),
            Err(crate::Error::Io { .. })
        ));
    }

    #[test]
    fn all_kinds_together_in_one_cleaner() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
        let mut b = crate::Cleaner::builder();
        for f in [
            "cosmetic.txt",
            "clearurls.json",
            "profile.toml",
            "example.com.txt",
        ] {
            b = b.rule_file(RuleFile::from_path(dir.join(f)).unwrap().0);
        }
        let cleaner = b.build().unwrap();
        let names = cleaner.rule_names();
        let pos = |n: &str| names.iter().position(|x| *x == n).unwrap();
        assert!(pos("tracking-params") < pos("clearurls"));
        assert!(pos("cosmetic-filters") < pos("empty-containers"));
        assert!(pos("site-profiles") < pos("paragraphs"));
        let html = r#"<p>The story <a href="https://search.example/url?q=https%3A%2F%2Fnews.example%2Fa&amp;ved=1">link</a>.</p><div class="teaser-box">T</div><div id="partnerbox-1">S</div><div class="share-row">R</div>"#;
        let out = cleaner
            .clean_with_url(html, "https://example.com/a")
            .unwrap();
        assert_eq!(
            out.html(),
            "<p>The story <a href=\"https://news.example/a\" rel=\"noopener noreferrer\">link</a>.</p>\n<p>S</p>\n"
        );
    }
}
