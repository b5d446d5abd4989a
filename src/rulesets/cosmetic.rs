//! `cosmetic-filters`: element hiding rules from EasyList / uBlock Origin
//! style filter lists, applied as removals.
//!
//! Supported lines:
//!
//! | line | meaning |
//! |---|---|
//! | `##.ad-banner`, `###top-ad`, `##div[id^="ad-"] > a` | remove matching elements on every site |
//! | `example.com##.x` | only on `example.com` and its subdomains |
//! | `example.com,news.example.org##.x` | on any of the listed domains |
//! | `example.com,~shop.example.com##.x` | on `example.com` except `shop.example.com` |
//! | `~example.com##.x` | everywhere except `example.com` |
//! | `#@#.x`, `example.com#@#.x` | exception: the rule with the same selector does not apply (there) |
//!
//! Recognised and skipped (counted in [`LoadReport::skipped`]): comments
//! (`!`), headers (`[Adblock Plus 2.0]`), network filters (`||ads.example^`,
//! `@@||...`, `/banner/*`), scriptlets (`##+js(...)`, `#%#`), HTML filters
//! (`##^`), CSS injection (`#$#`, `:style()`), procedural and extended
//! selectors (`#?#`, `:has-text()`, `:xpath()`, `:-abp-*`, `:upward()` and
//! the like) and entity domains (`example.*`). A selector that does not parse
//! is listed in [`LoadReport::malformed`]. No line makes the loader panic.
//!
//! Rules are indexed by the id, first class, first attribute name or tag
//! of the rightmost compound selector, so an element is only tested against the rules that
//! could match it (plus the few with no such key): a 50,000-rule list costs
//! little more per document than a 50-rule one.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::dom::{Document, PtrSet};
use crate::error::{Error, RuleError};
use crate::rule::{Context, Rule};
use crate::rulesets::selector::{Impl, MatchTree, Selector};
use crate::rulesets::site_profiles::host_matches;
use crate::rulesets::LoadReport;

/// Domains a rule is restricted to (`include`) or kept away from (`exclude`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Domains {
    include: Vec<String>,
    exclude: Vec<String>,
}

impl Domains {
    fn applies_to(&self, host: Option<&str>) -> bool {
        match host {
            None => self.include.is_empty(),
            Some(h) => {
                (self.include.is_empty() || self.include.iter().any(|d| host_matches(h, d)))
                    && !self.exclude.iter().any(|d| host_matches(h, d))
            }
        }
    }
}

#[derive(Debug, Clone)]
enum PartMatch {
    /// `#id` or `.class` alone: the index key is the whole test.
    Key,
    /// Anything else: one selector of the rule's list.
    Complex(selectors::parser::Selector<Impl>),
}

#[derive(Debug, Clone)]
struct Part {
    rule: u32,
    test: PartMatch,
    /// `#id` / `.class` tokens the selector needs somewhere in the document
    /// (from every compound, outside `:not()` and friends): a rule keyed by
    /// a common tag or attribute is skipped at once on pages without them.
    required: Box<[String]>,
}

#[derive(Debug, Clone)]
struct HideRule {
    selector: String,
    domains: Domains,
}

/// A loaded cosmetic filter list; a [`Rule`] named `cosmetic-filters`.
///
/// ```
/// use article_clean::{Cleaner, rulesets::CosmeticFilter};
///
/// let (list, report) = CosmeticFilter::parse(
///     "! my list\n##.sponsor-box\nnews.example##aside.teaser\n||ads.example^\n",
/// );
/// assert_eq!((report.rules, report.skipped.len()), (2, 2));
/// let cleaner = Cleaner::builder().cosmetic_filters(list).build()?;
/// let html = "<p>Story.</p><div class=sponsor-box>Buy</div><aside class=teaser>More</aside>";
/// let cleaned = cleaner.clean_with_url(html, "https://www.news.example/a")?;
/// assert_eq!(cleaned.html(), "<p>Story.</p>\n");
/// let cleaned = cleaner.clean_with_url(html, "https://elsewhere.example/a")?;
/// assert!(cleaned.html().contains("More"));
/// # Ok::<(), article_clean::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct CosmeticFilter {
    rules: Vec<HideRule>,
    parts: Vec<Part>,
    by_id: HashMap<String, Vec<u32>>,
    by_class: HashMap<String, Vec<u32>>,
    by_tag: HashMap<String, Vec<u32>>,
    by_attr: HashMap<String, Vec<u32>>,
    /// Parts whose rightmost compound has no id or class but an ancestor
    /// compound does, keyed by that `#id`/`.class` token: only looked at on
    /// pages that contain the token.
    gated: HashMap<String, Vec<u32>>,
    fallback: Vec<u32>,
    /// Exception selector text -> where the exception holds.
    exceptions: HashMap<String, Vec<Domains>>,
}

enum Line<'a> {
    Blank,
    Skip(&'static str),
    Bad(String),
    Hide {
        domains: Domains,
        selector: &'a str,
        exception: bool,
    },
}

/// Markers after the domain part, longest first; `None` marks the kinds we skip.
const MARKERS: &[(&str, Option<bool>, &str)] = &[
    ("#@$?#", None, "CSS injection filter"),
    ("#$?#", None, "CSS injection filter"),
    ("#@$#", None, "CSS injection filter"),
    ("#$#", None, "CSS injection filter"),
    ("#@?#", None, "procedural (extended CSS) filter"),
    ("#?#", None, "procedural (extended CSS) filter"),
    ("#@%#", None, "scriptlet"),
    ("#%#", None, "scriptlet"),
    ("#@#", Some(true), ""),
    ("##", Some(false), ""),
];

/// Pseudo-classes that only content blockers understand.
const PROCEDURAL: &[&str] = &[
    ":has-text(",
    ":xpath(",
    ":-abp-",
    ":upward(",
    ":nth-ancestor(",
    ":matches-css",
    ":matches-attr(",
    ":matches-prop(",
    ":matches-path(",
    ":matches-media(",
    ":min-text-length(",
    ":watch-attr(",
    ":others(",
    ":if(",
    ":if-not(",
    ":contains(",
    ":shadow(",
    ":spath(",
    ":remove(",
    ":remove-attr(",
    ":remove-class(",
    ":style(",
];

fn classify(line: &str) -> Line<'_> {
    let line = line.trim();
    if line.is_empty() {
        return Line::Blank;
    }
    if line.starts_with('!') {
        return Line::Skip("comment");
    }
    if line.starts_with('[') && line.ends_with(']') {
        return Line::Skip("header");
    }
    let Some(hash) = line.find('#') else {
        return Line::Skip("network filter");
    };
    let (domain_part, rest) = line.split_at(hash);
    let Some(&(marker, kind, why)) = MARKERS.iter().find(|(m, _, _)| rest.starts_with(m)) else {
        return Line::Skip("network filter");
    };
    if domain_part.starts_with("||")
        || domain_part.starts_with('|')
        || domain_part.starts_with("@@")
        || domain_part.contains('/')
        || domain_part.contains('$')
    {
        return Line::Skip("network filter");
    }
    let Some(exception) = kind else {
        return Line::Skip(why);
    };
    let selector = rest[marker.len()..].trim();
    if selector.starts_with("+js(") {
        return Line::Skip("scriptlet");
    }
    if selector.starts_with('^') {
        return Line::Skip("HTML filter");
    }
    if selector.is_empty() {
        return Line::Bad("empty selector".into());
    }
    if PROCEDURAL.iter().any(|p| selector.contains(p)) {
        return Line::Skip("procedural (extended CSS) filter");
    }
    let mut domains = Domains::default();
    for d in domain_part.split(',') {
        let d = d.trim();
        if d.is_empty() {
            if domain_part.trim().is_empty() {
                continue;
            }
            return Line::Bad(format!("empty domain in {domain_part:?}"));
        }
        let (neg, name) = match d.strip_prefix('~') {
            Some(n) => (true, n),
            None => (false, d),
        };
        let name = name.to_ascii_lowercase();
        if name.ends_with(".*") {
            return Line::Skip("entity domain (example.*)");
        }
        if name.is_empty()
            || name.starts_with('.')
            || name.ends_with('.')
            || !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b >= 0x80)
        {
            return Line::Bad(format!("invalid domain {d:?}"));
        }
        if neg {
            domains.exclude.push(name);
        } else {
            domains.include.push(name);
        }
    }
    Line::Hide {
        domains,
        selector,
        exception,
    }
}

/// `.name` / `#name` with a plain ASCII identifier: indexed without the CSS parser.
fn simple_key(selector: &str) -> Option<(char, &str)> {
    let mut chars = selector.chars();
    let sigil = chars.next().filter(|c| *c == '.' || *c == '#')?;
    let name = &selector[1..];
    let b = name.as_bytes();
    let first_ok = match b.first()? {
        c if c.is_ascii_alphabetic() || *c == b'_' => true,
        b'-' => b
            .get(1)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_'),
        _ => false,
    };
    (first_ok
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-'))
    .then_some((sigil, name))
}

fn required_tokens(sel: &selectors::parser::Selector<Impl>) -> Box<[String]> {
    use selectors::parser::Component;
    let mut out = Vec::new();
    let mut it = sel.iter();
    loop {
        for c in &mut it {
            match c {
                Component::ID(i) => out.push(format!("#{}", i.as_str())),
                Component::Class(k) => out.push(format!(".{}", k.as_str())),
                _ => {}
            }
        }
        if it.next_sequence().is_none() {
            break;
        }
    }
    out.into_boxed_slice()
}

impl CosmeticFilter {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Parses a filter list. Never fails: what it cannot use is in the report.
    pub fn parse(list: &str) -> (CosmeticFilter, LoadReport) {
        let mut f = CosmeticFilter::new();
        let report = f.add_list(list);
        (f, report)
    }

    /// Reads and parses a filter list file.
    pub fn from_path(path: impl AsRef<Path>) -> Result<(CosmeticFilter, LoadReport), Error> {
        let text = super::read_text(path.as_ref())?;
        Ok(Self::parse(&text))
    }

    /// Adds the rules of another list text to this one.
    pub fn add_list(&mut self, list: &str) -> LoadReport {
        let mut report = LoadReport::default();
        for (n, line) in list.lines().enumerate() {
            let n = n + 1;
            match classify(line) {
                Line::Blank => {}
                Line::Skip(why) => report.skipped.push((n, why.to_string())),
                Line::Bad(why) => report.malformed.push((n, why)),
                Line::Hide {
                    domains,
                    selector,
                    exception: true,
                } => {
                    self.exceptions
                        .entry(selector.to_string())
                        .or_default()
                        .push(domains);
                    report.rules += 1;
                }
                Line::Hide {
                    domains,
                    selector,
                    exception: false,
                } => match self.add_rule(selector, domains) {
                    Ok(()) => report.rules += 1,
                    Err(Error::InvalidSelector { reason, .. }) => report
                        .malformed
                        .push((n, format!("{selector:?}: {reason}"))),
                    Err(e) => report.malformed.push((n, e.to_string())),
                },
            }
        }
        report
    }

    /// Adds one hiding rule for `domains` (none: everywhere).
    fn add_rule(&mut self, selector: &str, domains: Domains) -> Result<(), Error> {
        let rule = self.rules.len() as u32;
        if let Some((sigil, name)) = simple_key(selector) {
            let map = if sigil == '#' {
                &mut self.by_id
            } else {
                &mut self.by_class
            };
            map.entry(name.to_string())
                .or_default()
                .push(self.parts.len() as u32);
            self.parts.push(Part {
                rule,
                test: PartMatch::Key,
                required: Box::new([]),
            });
        } else {
            let parsed = Selector::parse(selector)?;
            for sel in parsed.parts() {
                let part = self.parts.len() as u32;
                self.parts.push(Part {
                    rule,
                    test: PartMatch::Complex(sel.clone()),
                    required: required_tokens(sel),
                });
                self.index_part(sel, part);
            }
        }
        self.rules.push(HideRule {
            selector: selector.to_string(),
            domains,
        });
        Ok(())
    }

    fn index_part(&mut self, sel: &selectors::parser::Selector<Impl>, part: u32) {
        use selectors::parser::Component;
        let (mut id, mut class, mut tag, mut attr) = (None, None, None, None);
        for c in sel.iter() {
            match c {
                Component::ID(i) => id = id.or(Some(i.as_str().to_string())),
                Component::Class(k) => class = class.or(Some(k.as_str().to_string())),
                Component::LocalName(l) => tag = Some(l.lower_name.as_str().to_string()),
                Component::AttributeInNoNamespaceExists { local_name, .. }
                | Component::AttributeInNoNamespace { local_name, .. } => {
                    attr = attr.or(Some(local_name.as_str().to_ascii_lowercase()))
                }
                _ => {}
            }
        }
        let gate = self.parts[part as usize].required.first().cloned();
        if let Some(id) = id {
            self.by_id.entry(id).or_default().push(part);
        } else if let Some(class) = class {
            self.by_class.entry(class).or_default().push(part);
        } else if let Some(gate) = gate {
            self.gated.entry(gate).or_default().push(part);
        } else if let Some(attr) = attr {
            self.by_attr.entry(attr).or_default().push(part);
        } else if let Some(tag) = tag {
            self.by_tag.entry(tag).or_default().push(part);
        } else {
            self.fallback.push(part);
        }
    }

    /// Adds all rules and exceptions of `other`.
    pub fn extend(&mut self, other: CosmeticFilter) {
        let rule_offset = self.rules.len() as u32;
        let part_offset = self.parts.len() as u32;
        self.rules.extend(other.rules);
        self.parts.extend(other.parts.into_iter().map(|mut p| {
            p.rule += rule_offset;
            p
        }));
        for (mine, theirs) in [
            (&mut self.by_id, other.by_id),
            (&mut self.by_class, other.by_class),
            (&mut self.by_tag, other.by_tag),
            (&mut self.by_attr, other.by_attr),
            (&mut self.gated, other.gated),
        ] {
            for (k, v) in theirs {
                mine.entry(k)
                    .or_default()
                    .extend(v.into_iter().map(|p| p + part_offset));
            }
        }
        self.fallback
            .extend(other.fallback.into_iter().map(|p| p + part_offset));
        for (k, v) in other.exceptions {
            self.exceptions.entry(k).or_default().extend(v);
        }
    }

    /// Number of hiding rules (exceptions not counted).
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// True when the list holds no hiding rule.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// True if rule `r` applies on `host`, exceptions considered.
    fn active(&self, r: u32, host: Option<&str>) -> bool {
        let rule = &self.rules[r as usize];
        rule.domains.applies_to(host)
            && !self
                .exceptions
                .get(&rule.selector)
                .is_some_and(|ex| ex.iter().any(|d| d.applies_to(host)))
    }
}

impl Rule for CosmeticFilter {
    fn name(&self) -> &str {
        "cosmetic-filters"
    }

    fn apply(&self, doc: &mut Document, cx: &Context<'_>) -> Result<(), RuleError> {
        if self.rules.is_empty() {
            return Ok(());
        }
        let host = cx
            .base_url()
            .and_then(|u| u.host_str())
            .map(|h| h.trim_end_matches('.').to_ascii_lowercase());
        let host = host.as_deref();
        let body = doc.body();
        let tree = MatchTree::new(&body);
        let Some(start) = tree.index_of(&body) else {
            return Ok(());
        };
        let end = tree.subtree_end(start);
        let mut hits = PtrSet::default();
        let mut candidates: Vec<u32> = Vec::new();
        // Per part: 0 not yet known, 1 can apply on this page, 2 cannot.
        let mut viable: Vec<u8> = vec![0; self.parts.len()];
        let mut tokens: Option<HashSet<String>> = None;
        let collect_tokens = || {
            let mut set = HashSet::new();
            for i in start + 1..end {
                tree.node(i).for_each_attr(|name, value| match name {
                    "id" => {
                        set.insert(format!("#{value}"));
                    }
                    "class" => {
                        for c in value.split_ascii_whitespace() {
                            set.insert(format!(".{c}"));
                        }
                    }
                    _ => {}
                });
            }
            set
        };
        let mut always: Vec<u32> = self.fallback.clone();
        if !self.gated.is_empty() {
            let set = tokens.get_or_insert_with(collect_tokens);
            for t in set.iter() {
                if let Some(v) = self.gated.get(t) {
                    always.extend(v);
                }
            }
        }
        tree.with_matcher(|m| {
            for i in start + 1..end {
                let node = tree.node(i);
                candidates.clear();
                node.for_each_attr(|name, value| match name {
                    "id" => {
                        if let Some(v) = self.by_id.get(value) {
                            candidates.extend(v);
                        }
                    }
                    "class" => {
                        for c in value.split_ascii_whitespace() {
                            if let Some(v) = self.by_class.get(c) {
                                candidates.extend(v);
                            }
                        }
                    }
                    _ => {}
                });
                if !self.by_attr.is_empty() {
                    node.for_each_attr(|name, _| {
                        if let Some(v) = self.by_attr.get(name) {
                            candidates.extend(v);
                        }
                    });
                }
                if let Some(v) = node.tag().and_then(|t| self.by_tag.get(t)) {
                    candidates.extend(v);
                }
                let matched = candidates.iter().chain(&always).any(|&p| {
                    let part = &self.parts[p as usize];
                    if viable[p as usize] == 0 {
                        let ok = self.active(part.rule, host)
                            && (part.required.is_empty() || {
                                let set = tokens.get_or_insert_with(collect_tokens);
                                part.required.iter().all(|t| set.contains(t))
                            });
                        viable[p as usize] = if ok { 1 } else { 2 };
                    }
                    viable[p as usize] == 1
                        && match &part.test {
                            PartMatch::Key => true,
                            PartMatch::Complex(sel) => m.matches_one(i, sel),
                        }
                });
                if matched {
                    hits.insert(node.key());
                }
            }
        });
        if !hits.is_empty() {
            crate::rules::remove_blocks(doc, |el| hits.contains(&el.key()));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Report;

    fn run(list: &str, html: &str, url: Option<&str>) -> String {
        let (f, report) = CosmeticFilter::parse(list);
        assert!(report.malformed.is_empty(), "{report:?}");
        let url = url.map(|u| url::Url::parse(u).unwrap());
        let rep = Report::default();
        let cx = Context {
            base_url: url.as_ref(),
            title: None,
            report: &rep,
            html: "",
        };
        let mut doc = Document::parse(html);
        f.apply(&mut doc, &cx).unwrap();
        crate::output::serialize_children(&doc.body())
    }

    const HTML: &str = r#"<p>Text</p><div class="ad-banner big">A</div><div id="innity-in-post">B</div><section class="box"><a href="https://shop.example/x">C</a></section><aside data-slot=1>D</aside>"#;

    #[test]
    fn generic_rules_by_class_id_and_complex_selectors() {
        let list =
            "##.ad-banner\n###innity-in-post\n##section.box > a[href*=\"shop\"]\n##[data-slot]";
        // The emptied <section> goes too, like the wrappers of built-in removals.
        assert_eq!(run(list, HTML, None), "<p>Text</p>");
    }

    #[test]
    fn domain_rules_and_exceptions() {
        let list = "example.com,~sub.example.com##.ad-banner\n~example.com###innity-in-post\n##aside\nexample.com#@#aside";
        let at = |url| run(list, HTML, Some(url));
        let out = at("https://www.example.com/a");
        assert!(
            !out.contains(">A<") && out.contains(">B<") && out.contains(">D<"),
            "{out}"
        );
        let out = at("https://sub.example.com/a");
        assert!(out.contains(">A<") && out.contains(">B<"), "{out}");
        let out = at("https://notexample.com/a");
        assert!(
            out.contains(">A<") && !out.contains(">B<") && !out.contains(">D<"),
            "{out}"
        );
        let out = run(list, HTML, None);
        assert!(out.contains(">A<") && !out.contains(">B<"), "{out}");
        let out = run("##aside\n#@#aside", HTML, Some("https://x.org/"));
        assert!(out.contains(">D<"), "generic exception");
    }

    #[test]
    fn unsupported_lines_are_skipped_and_counted() {
        let list = "[Adblock Plus 2.0]\n! Title: test\n||ads.example.com^\n@@||example.com^$document\n/banner/*/img^\nexample.com##+js(set-constant, x, 1)\nexample.com#?#div:-abp-has(.x)\n##div:has-text(Sponsored)\nexample.com#$#body { color: red }\nexample.com##^script:has-text(x)\n##.ok\nexample.*##.y\nexample.com#%#window.x=1\n\n";
        let (f, r) = CosmeticFilter::parse(list);
        assert_eq!(f.len(), 1);
        assert_eq!(r.rules, 1);
        assert_eq!(r.skipped.len(), 12, "{:?}", r.skipped);
        assert!(r.malformed.is_empty());
        assert_eq!(r.skipped[0], (1, "header".to_string()));
        assert_eq!(r.skipped[2], (3, "network filter".to_string()));
        assert_eq!(r.skipped[5], (6, "scriptlet".to_string()));
    }

    #[test]
    fn malformed_lines_are_reported_with_line_numbers() {
        let (f, r) = CosmeticFilter::parse("##.ok\n##div[\nex ample.com##.x\n##\n,,##.y\n");
        assert_eq!(f.len(), 1);
        let lines: Vec<usize> = r.malformed.iter().map(|m| m.0).collect();
        assert_eq!(lines, [2, 3, 4, 5], "{r:?}");
        assert!(r.malformed[0].1.contains("div["));
    }

    #[test]
    fn lists_merge() {
        let (mut a, _) = CosmeticFilter::parse("##.ad-banner");
        let (b, _) = CosmeticFilter::parse("##aside\n###innity-in-post");
        a.extend(b);
        assert_eq!(a.len(), 3);
        let rep = Report::default();
        let cx = Context {
            base_url: None,
            title: None,
            report: &rep,
            html: "",
        };
        let mut doc = Document::parse(HTML);
        a.apply(&mut doc, &cx).unwrap();
        assert_eq!(doc.body().text_content(), "TextC");
    }

    #[test]
    fn garbage_never_panics() {
        let mut next = crate::testing::xorshift(0x9E37_79B9_7F4A_7C15);
        let alphabet: Vec<char> = "#@$?%~,.:()[]=^*|/!\"' abcXYZ019-_>+\\{}\u{e9}\u{1F600}\t"
            .chars()
            .collect();
        let mut list = String::new();
        for _ in 0..5_000 {
            let len = (next() % 40) as usize;
            let prefix = ["##", "#@#", "example.com##", "", "#?#", "~a.b,"][(next() % 6) as usize];
            list.push_str(prefix);
            for _ in 0..len {
                list.push(alphabet[(next() % alphabet.len() as u64) as usize]);
            }
            list.push('\n');
        }
        let (f, r) = CosmeticFilter::parse(&list);
        assert!(r.rules + r.skipped.len() + r.malformed.len() <= 5_000);
        let rep = Report::default();
        let url = url::Url::parse("https://example.com/").unwrap();
        let cx = Context {
            base_url: Some(&url),
            title: None,
            report: &rep,
            html: "",
        };
        let mut doc = Document::parse(HTML);
        f.apply(&mut doc, &cx).unwrap();
    }
}
#[cfg(test)]
mod index_tests {
    use super::*;

    #[test]
    fn attribute_rules_are_indexed() {
        let (f, _) = CosmeticFilter::parse(
            "##[data-abc]\n##[data-x=\"1\"]\n##div > [data-y]\n##.box a[href]\n##:not(p)",
        );
        assert_eq!(f.by_attr.len(), 3);
        assert_eq!(f.gated.keys().collect::<Vec<_>>(), [".box"]);
        assert_eq!(f.fallback.len(), 1);
        // A gated rule still matches where its token is present.
        let rep = crate::report::Report::default();
        let cx = Context {
            base_url: None,
            title: None,
            report: &rep,
            html: "",
        };
        let mut doc = Document::parse("<p>t</p><div class=box><a href=/x>l</a></div>");
        f.apply(&mut doc, &cx).unwrap();
        assert_eq!(doc.body().text_content(), "t");
    }
}
