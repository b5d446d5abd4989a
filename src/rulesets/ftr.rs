//! FiveFilters ftr-site-config files (`example.com.txt`): `key: value`
//! lines, `#` comments, read into a [`SiteProfile`].
//!
//! | directive | becomes |
//! |---|---|
//! | `strip: XPATH` | a `remove` selector (XPath translated to CSS, see below) |
//! | `strip_id_or_class: x` | remove `[id*="x"], [class*="x"]` |
//! | `strip_image_src: x` | remove `img[src*="x"]` |
//! | `strip_attr: //img/@srcset` | drop that attribute from the elements the path selects |
//! | `find_string: a` + `replace_string: b`, `replace_string(a): b` | replace in the raw HTML before parsing |
//! | `convert_double_br_tags: yes` | accepted: `paragraphs` already turns `<br><br>` into paragraphs |
//! | `test_url: URL` + `test_contains: text` | kept in [`SiteProfile::tests`] |
//!
//! Other directives (`title`, `body`, `author`, `date`, `prune`, `tidy`,
//! `next_page_link`, `http_header(...)`, ...) are about extraction and
//! fetching, and are skipped with their line number.
//!
//! XPath subset: paths of `//` (descendant) and `/` (child) steps, each a
//! tag name or `*` with predicates made of `@a`, `@a='v'`, `contains(@a,'v')`,
//! `starts-with(@a,'v')`, `contains(concat(' ',normalize-space(@class),' '),' v ')`,
//! `not(...)`, `and`, `or`, and unions with `|`. Positions (`[1]`), axes
//! (`ancestor::`), `text()`, `..` and other functions are reported as skipped.

use std::path::Path;

use crate::error::Error;
use crate::rulesets::profile::{SiteProfile, SiteTest};
use crate::rulesets::{read_text, LoadReport, Selector};

/// Translates an XPath expression of the supported subset to a CSS selector.
pub fn xpath_to_css(xpath: &str) -> Result<String, String> {
    if xpath.len() > 2_000 {
        return Err("expression too long".into());
    }
    let parts = split_top(xpath, "|");
    let css: Result<Vec<String>, String> = parts.iter().map(|p| path(p.trim())).collect();
    Ok(css?.join(", "))
}

/// Splits at `sep` outside quotes, brackets and parentheses.
fn split_top<'a>(s: &'a str, sep: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let (mut depth, mut quote, mut start) = (0i32, None, 0);
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                b'\'' | b'"' => quote = Some(c),
                b'[' | b'(' => depth += 1,
                b']' | b')' => depth -= 1,
                _ if depth == 0 && b[i..].starts_with(sep.as_bytes()) => {
                    out.push(&s[start..i]);
                    i += sep.len();
                    start = i;
                    continue;
                }
                _ => {}
            },
        }
        i += 1;
    }
    out.push(&s[start..]);
    out
}

fn path(p: &str) -> Result<String, String> {
    let mut rest = p;
    let mut out = String::new();
    let mut first = true;
    while !rest.is_empty() {
        let comb = if let Some(r) = rest.strip_prefix("//") {
            rest = r;
            " "
        } else if let Some(r) = rest.strip_prefix('/') {
            rest = r;
            " > "
        } else if first {
            " "
        } else {
            return Err(format!("unexpected {rest:?}"));
        };
        if !first {
            out.push_str(comb);
        }
        first = false;
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '*'))
            .unwrap_or(rest.len());
        let name = &rest[..name_len];
        if name.is_empty() {
            return Err(format!("unsupported step {rest:?}"));
        }
        if rest[name_len..].starts_with("::") || rest[name_len..].starts_with('(') {
            return Err(format!("unsupported step {rest:?}"));
        }
        out.push_str(&name.to_ascii_lowercase());
        rest = &rest[name_len..];
        while rest.starts_with('[') {
            let end = matching_bracket(rest).ok_or("unbalanced [")?;
            out.push_str(&predicate(&rest[1..end])?);
            rest = &rest[end + 1..];
        }
    }
    if out.is_empty() {
        return Err("empty path".into());
    }
    Ok(out)
}

fn matching_bracket(s: &str) -> Option<usize> {
    let (mut depth, mut quote) = (0, None);
    for (i, c) in s.bytes().enumerate() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                b'\'' | b'"' => quote = Some(c),
                b'[' => depth += 1,
                b']' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i);
                    }
                }
                _ => {}
            },
        }
    }
    None
}

fn predicate(p: &str) -> Result<String, String> {
    let ors = split_top(p, " or ");
    if ors.len() > 1 {
        let alts: Result<Vec<String>, String> = ors.iter().map(|o| predicate(o)).collect();
        return Ok(format!(
            ":is({})",
            alts?
                .iter()
                .map(|a| format!("*{a}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let mut out = String::new();
    for atom in split_top(p, " and ") {
        out.push_str(&atom_css(atom.trim())?);
    }
    Ok(out)
}

fn call<'a>(s: &'a str, name: &str) -> Option<&'a str> {
    let r = s.strip_prefix(name)?.trim_start();
    r.strip_prefix('(')?.strip_suffix(')')
}

fn literal(s: &str) -> Option<&str> {
    let s = s.trim();
    s.strip_prefix('\'')
        .and_then(|r| r.strip_suffix('\''))
        .or_else(|| s.strip_prefix('"').and_then(|r| r.strip_suffix('"')))
}

fn attr_name(s: &str) -> Option<&str> {
    let n = s.trim().strip_prefix('@')?;
    (!n.is_empty()
        && n.bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_' || c == b':'))
    .then_some(n)
}

fn quote(v: &str) -> String {
    format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""))
}

fn atom_css(a: &str) -> Result<String, String> {
    let unsupported = || Err(format!("unsupported predicate {a:?}"));
    if let Some(inner) = call(a, "not") {
        return Ok(format!(":not(*{})", predicate(inner)?));
    }
    for (f, op) in [("contains", "*="), ("starts-with", "^=")] {
        if let Some(args) = call(a, f) {
            let args = split_top(args, ",");
            if args.len() != 2 {
                return unsupported();
            }
            let Some(value) = literal(args[1]) else {
                return unsupported();
            };
            if let Some(name) = attr_name(args[0]) {
                return Ok(format!("[{name}{op}{}]", quote(value)));
            }
            let compact: String = args[0].chars().filter(|c| !c.is_whitespace()).collect();
            if f == "contains"
                && (compact == "concat('',normalize-space(@class),'')"
                    || compact == "concat(\"\",normalize-space(@class),\"\")")
            {
                let class = value.trim();
                if !class.is_empty() && !class.contains(char::is_whitespace) {
                    return Ok(format!("[class~={}]", quote(class)));
                }
            }
            return unsupported();
        }
    }
    if let Some(name) = attr_name(a) {
        return Ok(format!("[{name}]"));
    }
    if let [lhs, rhs] = split_top(a, "=")[..] {
        if let (Some(name), Some(v)) = (attr_name(lhs), literal(rhs)) {
            return Ok(format!("[{name}={}]", quote(v)));
        }
    }
    unsupported()
}

/// Directives that only matter for extraction or fetching.
const SKIPPED: &[&str] = &[
    "title",
    "body",
    "author",
    "date",
    "prune",
    "tidy",
    "autodetect_on_failure",
    "single_page_link",
    "single_page_link_in_feed",
    "next_page_link",
    "parser",
    "if_page_contains",
    "native_ad_clue",
    "login_uri",
    "login_username_field",
    "login_password_field",
    "not_logged_in_xpath",
    "src_lazy_load_attr",
    "skip_json_ld",
    "insert_detected_image",
    "move_into",
    "wrap_in",
    "dissolve",
    "footnotes",
    "rewrite_url",
];

/// Parses an ftr-site-config text for `host`.
pub(crate) fn parse(host: &str, text: &str) -> (SiteProfile, LoadReport) {
    let mut profile = SiteProfile::new(host);
    let mut report = LoadReport::default();
    let mut pending_find: Option<(usize, String)> = None;
    for (n, raw) in text.lines().enumerate() {
        let n = n + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            report.malformed.push((n, "expected `key: value`".into()));
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        if let Some(find) = key
            .strip_prefix("replace_string(")
            .and_then(|k| k.strip_suffix(')'))
        {
            if find.is_empty() {
                report.malformed.push((n, "empty find string".into()));
            } else {
                profile
                    .replacements
                    .push((find.to_string(), value.to_string()));
                report.rules += 1;
            }
            continue;
        }
        match key {
            "strip" | "strip_attr" => {
                let (path, attr) = if key == "strip_attr" {
                    match value.rsplit_once("/@") {
                        Some((p, a)) if !a.is_empty() => (p, Some(a)),
                        _ => {
                            report
                                .malformed
                                .push((n, "strip_attr needs a path ending in /@attr".into()));
                            continue;
                        }
                    }
                } else {
                    (value, None)
                };
                match xpath_to_css(path).and_then(|css| {
                    Selector::parse(&css).map_err(|e| format!("translated to {css:?}: {e}"))
                }) {
                    Ok(sel) => {
                        match attr {
                            Some(a) => profile.strip_attrs.push((sel, a.to_ascii_lowercase())),
                            None => profile.remove.push(sel),
                        }
                        report.rules += 1;
                    }
                    Err(why) => report.skipped.push((n, format!("{key}: {why}"))),
                }
            }
            "strip_id_or_class" | "strip_image_src" => {
                let v = value.trim_matches(|c| c == '"' || c == '\'');
                if v.is_empty() {
                    report.malformed.push((n, format!("empty {key}")));
                    continue;
                }
                let css = if key == "strip_image_src" {
                    format!("img[src*={}]", quote(v))
                } else {
                    format!("[id*={0}], [class*={0}]", quote(v))
                };
                match Selector::parse(&css) {
                    Ok(sel) => {
                        profile.remove.push(sel);
                        report.rules += 1;
                    }
                    Err(e) => report.malformed.push((n, e.to_string())),
                }
            }
            "find_string" => {
                if let Some((m, _)) = pending_find.replace((n, value.to_string())) {
                    report
                        .malformed
                        .push((m, "find_string without replace_string".into()));
                }
            }
            "replace_string" => match pending_find.take() {
                Some((_, find)) if !find.is_empty() => {
                    profile.replacements.push((find, value.to_string()));
                    report.rules += 1;
                }
                _ => report
                    .malformed
                    .push((n, "replace_string without find_string".into())),
            },
            "convert_double_br_tags" => {
                report.rules += 1;
            }
            "test_url" => {
                profile.tests.push(SiteTest {
                    url: value.to_string(),
                    contains: Vec::new(),
                });
            }
            "test_contains" => match profile.tests.last_mut() {
                Some(t) => t.contains.push(value.to_string()),
                None => report
                    .malformed
                    .push((n, "test_contains before test_url".into())),
            },
            k if SKIPPED.contains(&k) || k.starts_with("http_header(") => report
                .skipped
                .push((n, format!("{k}: extraction/fetching directive"))),
            k => report.skipped.push((n, format!("unknown directive {k:?}"))),
        }
    }
    if let Some((m, _)) = pending_find {
        report
            .malformed
            .push((m, "find_string without replace_string".into()));
    }
    (profile, report)
}

/// Site configs make site profiles: the constructors live with the format.
impl SiteProfile {
    /// Reads a FiveFilters site config for `host`; never fails.
    pub fn parse_ftr(host: &str, text: &str) -> (SiteProfile, LoadReport) {
        parse(host, text)
    }

    /// Reads a FiveFilters site config file; the host comes from the file
    /// name (`example.com.txt`, or `.example.com.txt` as ftr writes wildcards).
    pub fn from_ftr_path(path: impl AsRef<Path>) -> Result<(SiteProfile, LoadReport), Error> {
        let path = path.as_ref();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let host = name.strip_suffix(".txt").unwrap_or(name);
        if host.trim_start_matches('.').is_empty() {
            return Err(Error::InvalidRules {
                path: Some(path.to_path_buf()),
                reason: "cannot tell the host from the file name".into(),
            });
        }
        Ok(Self::parse_ftr(host, &read_text(path)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translates_the_documented_subset() {
        let cases = [
            ("//div[@class='x']", "div[class=\"x\"]"),
            ("//*[contains(@class,'x')]", "*[class*=\"x\"]"),
            ("//div[@id=\"y\"]", "div[id=\"y\"]"),
            ("//p[contains(@class,'a')]//span", "p[class*=\"a\"] span"),
            ("//ul/li[@data-x]", "ul > li[data-x]"),
            (
                "//div[contains(concat(' ', normalize-space(@class), ' '), ' promo ')]",
                "div[class~=\"promo\"]",
            ),
            ("//aside | //footer", "aside, footer"),
            (
                "//div[starts-with(@id,'ad-') and not(@data-keep)]",
                "div[id^=\"ad-\"]:not(*[data-keep])",
            ),
            (
                "//a[@rel='x' or @rel='y']",
                "a:is(*[rel=\"x\"], *[rel=\"y\"])",
            ),
        ];
        for (x, css) in cases {
            assert_eq!(xpath_to_css(x).as_deref(), Ok(css), "{x}");
            Selector::parse(css).unwrap();
        }
        for bad in [
            "//div[1]",
            "//p/text()",
            "//div/..",
            "//a/ancestor::div",
            "//div[string-length(.)>3]",
            "",
            "//div[@class='x'",
        ] {
            assert!(xpath_to_css(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_a_site_config() {
        let (p, r) = parse(
            "example.com",
            include_str!("../../fixtures/rules/example.com.txt"),
        );
        assert_eq!(p.remove.len(), 4, "{r:?}");
        assert_eq!(p.strip_attrs.len(), 1);
        assert_eq!(p.replacements.len(), 2);
        assert_eq!(p.tests.len(), 1);
        assert_eq!(p.tests[0].contains.len(), 1);
        let skipped: Vec<usize> = r.skipped.iter().map(|s| s.0).collect();
        assert_eq!(skipped, [2, 3, 6, 10], "{r:?}");
        assert!(r.malformed.is_empty(), "{r:?}");
    }

    #[test]
    fn garbage_never_panics() {
        let mut next = crate::testing::xorshift(0x2545_F491_4F6C_DD1D);
        let alphabet: Vec<char> = "/@[]()'\",|*=: abc-_.~#\u{e9}".chars().collect();
        let keys = [
            "strip: ",
            "strip_attr: ",
            "find_string: ",
            "replace_string(",
            "strip_id_or_class: ",
            "test_contains: ",
            "",
            "x",
        ];
        let mut text = String::new();
        for _ in 0..3_000 {
            text.push_str(keys[(next() % keys.len() as u64) as usize]);
            for _ in 0..(next() % 30) {
                text.push(alphabet[(next() % alphabet.len() as u64) as usize]);
            }
            text.push('\n');
        }
        let (_, r) = parse("example.com", &text);
        assert!(r.rules + r.skipped.len() + r.malformed.len() > 0);
        for _ in 0..2_000 {
            let s: String = (0..(next() % 25))
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let _ = xpath_to_css(&format!("//{s}"));
        }
    }
}
