//! Measuring how well cleaning went on one document: the instrument behind
//! `examples/corpus_report.rs` and the corpus test.
//!
//! The checks here are deliberately independent of the rules and broader
//! than them: the rules match naming conventions by whole word, the
//! leftover scan matches substrings too, so it flags what the rules might
//! have missed rather than re-running them.
//!
//! ```
//! use article_clean::{quality, Cleaner};
//!
//! let html = r#"<p>First paragraph of the story.</p><div class="sharebar"><a href="https://www.facebook.com/sharer/sharer.php?u=x">Share</a></div>"#;
//! let a = quality::assess(&Cleaner::default(), html, Some("https://example.com/a"), None)?;
//! // The share bar's one word is counted as input text that did not survive.
//! assert_eq!((a.paragraph_chars_kept, a.paragraph_chars_in), (25, 30));
//! assert!(a.idempotent);
//! assert!(a.findings.is_empty(), "{:?}", a.findings);
//! # Ok::<(), article_clean::Error>(())
//! ```

use std::fmt;

use crate::dom::{Document, NodeRef};
use crate::error::Error;
use crate::page::names::{is_comment_section, is_taxonomy_class, words};
use crate::pipeline::Cleaner;
use crate::report::Report;
use crate::rules::tracking_params::{TrackingParams, URL_ATTRIBUTES};

/// A kind of junk that should not survive cleaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Junk {
    /// An ad slot.
    AdSlot,
    /// A promotion, subscription or newsletter banner or link.
    Promotion,
    /// A share, related-posts or comments widget.
    Widget,
    /// A tracking pixel.
    TrackingPixel,
    /// A tracking parameter in a URL.
    TrackingParam,
    /// A script, style, iframe or event handler.
    ActiveContent,
}

impl Junk {
    /// All kinds, in report order.
    pub const ALL: [Junk; 6] = [
        Junk::AdSlot,
        Junk::Promotion,
        Junk::Widget,
        Junk::TrackingPixel,
        Junk::TrackingParam,
        Junk::ActiveContent,
    ];
}

impl fmt::Display for Junk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Junk::AdSlot => "ad-slot",
            Junk::Promotion => "promotion",
            Junk::Widget => "widget",
            Junk::TrackingPixel => "tracking-pixel",
            Junk::TrackingParam => "tracking-param",
            Junk::ActiveContent => "active-content",
        })
    }
}

/// One piece of junk found in the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What it looks like.
    pub kind: Junk,
    /// Where it was seen: an element description, URL or line of text.
    pub evidence: String,
}

/// How cleaning went on one document.
#[derive(Debug, Clone)]
pub struct Assessment {
    /// Input size in bytes.
    pub input_bytes: usize,
    /// Size of the HTML output in bytes.
    pub output_bytes: usize,
    /// Readable blocks (paragraphs, list items, headings, cells) in the input.
    pub paragraphs_in: usize,
    /// Non-whitespace characters in those blocks.
    pub paragraph_chars_in: usize,
    /// Characters of input blocks outside reader comment threads (comment
    /// sections not written by the post's authors), leaving out blocks that
    /// only repeat metadata (the headline, a date line, a copyright
    /// notice): the article text.
    pub article_chars_in: usize,
    /// Characters of those found again in the output text.
    pub article_chars_kept: usize,
    /// Characters of input blocks found again in the output text (matched in
    /// windows of six characters, so a trimmed block counts in part).
    pub paragraph_chars_kept: usize,
    /// The input blocks not wholly found in the output, most missing first
    /// (up to 20), each as `[N missing] text` cut to 120 characters.
    pub lost_paragraphs: Vec<String>,
    /// Non-whitespace characters of the text output.
    pub output_text_chars: usize,
    /// Junk-looking things that survived.
    pub findings: Vec<Finding>,
    /// True if cleaning the HTML output again gives the same HTML and text.
    pub idempotent: bool,
    /// The HTML output.
    pub html: String,
    /// The text output.
    pub text: String,
    /// The cleaner's report.
    pub report: Report,
}

impl Assessment {
    /// Share of input block text kept (1.0 for an input with none).
    pub fn kept_ratio(&self) -> f64 {
        if self.paragraph_chars_in == 0 {
            1.0
        } else {
            self.paragraph_chars_kept as f64 / self.paragraph_chars_in as f64
        }
    }

    /// Share of the article's block text kept: like [`kept_ratio`](Self::kept_ratio)
    /// but with reader comment threads left out of the input (and so never
    /// counted as lost).
    pub fn article_kept_ratio(&self) -> f64 {
        if self.article_chars_in == 0 {
            1.0
        } else {
            self.article_chars_kept as f64 / self.article_chars_in as f64
        }
    }
}

/// Cleans `html` with `cleaner` and measures the result; `url` and `title`
/// play the part of a post's `from:` and `title:`.
pub fn assess(
    cleaner: &Cleaner,
    html: &str,
    url: Option<&str>,
    title: Option<&str>,
) -> Result<Assessment, Error> {
    let (doc, report) = cleaner.clean_document(html, url, title)?;
    let url_parsed = url.and_then(|u| url::Url::parse(u).ok());
    // No budget: the instrument measures what the rules left.
    let out_html =
        crate::output::html::render(&doc, url_parsed.as_ref(), usize::MAX).unwrap_or_default();
    let out_text = crate::output::text::render(&doc);

    // Input blocks: the input with only scripts removed and paragraphs normalised.
    let baseline = Cleaner::builder()
        .no_default_rules()
        .rule(crate::rules::ActiveContent)
        .rule_last(crate::rules::Paragraphs)
        .max_removal_ratio(1.0)
        .build()?;
    let output_shingles = shingles(&squash(&out_text));
    let (input_doc, _) = baseline.clean_document(html, url, None)?;
    let blocks = readable_blocks(&input_doc);
    let without_comments = Cleaner::builder()
        .no_default_rules()
        .rule(crate::rules::ActiveContent)
        .rule(DropReaderComments)
        .rule_last(crate::rules::Paragraphs)
        .max_removal_ratio(1.0)
        .build()?;
    let (article_doc, _) = without_comments.clean_document(html, url, None)?;
    let (mut article_chars_in, mut article_chars_kept) = (0, 0);
    // The article baseline leaves out what the post's metadata already
    // says (issue of record: title, byline and dates are metadata, not
    // body): the headline, date-only lines, copyright notices.
    let is_metadata = |b: &str| {
        crate::page::lines::is_date_line(b)
            || crate::page::lines::is_copyright_line(b)
            || title.is_some_and(|t| crate::page::lines::is_headline(b, t))
    };
    for b in readable_blocks(&article_doc)
        .into_iter()
        .filter(|b| !is_metadata(b))
    {
        let chars: Vec<char> = squash(&b).chars().collect();
        article_chars_in += chars.len();
        article_chars_kept += covered_chars(&chars, &output_shingles, &out_text);
    }
    let mut kept = 0;
    let mut total = 0;
    let mut lost = Vec::new();
    for b in &blocks {
        let chars: Vec<char> = squash(b).chars().collect();
        let covered = covered_chars(&chars, &output_shingles, &out_text);
        total += chars.len();
        kept += covered;
        if covered < chars.len() {
            lost.push((chars.len() - covered, b.clone()));
        }
    }
    lost.sort_by_key(|(missing, _)| std::cmp::Reverse(*missing));
    lost.truncate(20);
    let lost = lost
        .into_iter()
        .map(|(missing, b)| {
            format!(
                "[{missing} missing] {}",
                b.chars().take(120).collect::<String>()
            )
        })
        .collect();

    // Leftovers: on the tree before normalisation unwraps the evidence...
    let structural = Cleaner::builder()
        .remove_rule(crate::rules::PARAGRAPHS)
        .remove_rule(crate::rules::EMPTY_CONTAINERS)
        .build()?;
    let (structural_doc, _) = structural.clean_document(html, url, title)?;
    let mut findings = scan_tree(&structural_doc);
    // ...and on the outputs.
    findings.extend(scan_output(&Document::parse(&out_html), &out_text));

    let again = cleaner.clean_document(&out_html, url, title)?.0;
    let again_html =
        crate::output::html::render(&again, url_parsed.as_ref(), usize::MAX).unwrap_or_default();
    let again_text = crate::output::text::render(&again);
    let idempotent = again_html == out_html && again_text == out_text;

    Ok(Assessment {
        input_bytes: html.len(),
        output_bytes: out_html.len(),
        paragraphs_in: blocks.len(),
        paragraph_chars_in: total,
        article_chars_in,
        article_chars_kept,
        paragraph_chars_kept: kept,
        lost_paragraphs: lost,
        output_text_chars: crate::dom::count_visible_chars(&out_text),
        findings,
        idempotent,
        html: out_html,
        text: out_text,
        report,
    })
}

/// Length of the character windows used to match input text in the output.
const SHINGLE: usize = 6;

/// Every window of `SHINGLE` characters of `text`.
fn shingles(text: &str) -> std::collections::HashSet<String> {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(SHINGLE).map(|w| w.iter().collect()).collect()
}

/// How many characters of `block` lie in a window that also occurs in the
/// output: partial credit for a block the rules trimmed (a caption label
/// removed from a caption), none for a block removed whole. Blocks shorter
/// than a window count if they occur in the output at all.
fn covered_chars(
    block: &[char],
    output: &std::collections::HashSet<String>,
    out_text: &str,
) -> usize {
    if block.len() < SHINGLE {
        let s: String = block.iter().collect();
        return if squash(out_text).contains(&s) {
            block.len()
        } else {
            0
        };
    }
    let mut covered = vec![false; block.len()];
    for (i, w) in block.windows(SHINGLE).enumerate() {
        let w: String = w.iter().collect();
        if output.contains(&w) {
            covered[i..i + SHINGLE].iter_mut().for_each(|c| *c = true);
        }
    }
    covered.iter().filter(|c| **c).count()
}

/// Removes reader comment threads, for the article-only baseline.
struct DropReaderComments;

impl crate::rule::Rule for DropReaderComments {
    fn name(&self) -> &str {
        "drop-reader-comments"
    }
    fn apply(
        &self,
        doc: &mut Document,
        _cx: &crate::rule::Context<'_>,
    ) -> Result<(), crate::error::RuleError> {
        doc.walk(|_, el| {
            if is_comment_section(el) && !crate::rules::widgets::is_author_conversation(el) {
                crate::dom::Verdict::Remove
            } else {
                crate::dom::Verdict::Keep
            }
        });
        Ok(())
    }
}

/// Text with all whitespace removed, for matching.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Text of each readable block of a normalised document.
fn readable_blocks(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![doc.body()];
    while let Some(n) = stack.pop() {
        match n.tag() {
            Some(
                "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "dt" | "dd" | "figcaption" | "td"
                | "th" | "pre",
            ) => push_block(&n, &mut out),
            Some("li") if !n.children().iter().any(|c| c.is_any(&["ul", "ol", "p"])) => {
                push_block(&n, &mut out)
            }
            _ => stack.extend(n.children().into_iter().rev()),
        }
    }
    out
}

fn push_block(n: &NodeRef, out: &mut Vec<String>) {
    let text = crate::output::text::render_node(n);
    let text = text.trim();
    if crate::dom::count_visible_chars(text) > 0 {
        out.push(text.to_string());
    }
}

const AD_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adsbygoogle",
    "dfp",
    "gpt",
    "mpu",
    "outbrain",
    "taboola",
    "teads",
    "innity",
];
const AD_SUBSTRINGS: &[&str] = &[
    "advert",
    "sponsor",
    "adslot",
    "adunit",
    "adsense",
    "doubleclick",
    "banner-ad",
    "ad-slot",
    "ad-container",
];
const PROMO_SUBSTRINGS: &[&str] = &[
    "promo",
    "subscri",
    "newsletter",
    "paywall",
    "donat",
    "membership",
    "signup",
    "app-download",
    "interstitial",
];
const WIDGET_SUBSTRINGS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "related",
    "comment",
    "disqus",
    "addthis",
    "addtoany",
    "likes",
    "recommend",
];
const SHARE_TARGETS: &[&str] = &[
    "sharer",
    "intent/tweet",
    "share?",
    "/share.php",
    "sharearticle",
    "addtoany.com",
    "reddit.com/submit",
    "pinterest.com/pin/create",
];
const PROMO_TARGETS: &[&str] = &[
    "subscribe",
    "/promotions/",
    "newsletter",
    "/donate",
    "apps.apple.com",
    "play.google.com/store",
];
const PIXEL_TARGETS: &[&str] = &[
    "/_/stat",
    "feedburner.com/~r",
    "pixel",
    "beacon",
    "/stat?",
    "google-analytics",
    "doubleclick",
    "scorecardresearch",
];

/// Junk-looking elements in a tree that still hold text.
///
/// Not flagged: elements holding most of the document's text (a container
/// of the article whatever its name, such as a "Conversation" page whose
/// article is its comment thread), elements with media but no text (an
/// image wrapper named after a paywall; banners are caught by their link
/// targets instead), and CMS taxonomy classes (`tag-social-media`).
fn scan_tree(doc: &Document) -> Vec<Finding> {
    let mut findings = Vec::new();
    let total_text = doc.body().text_len();
    let mut stack = vec![doc.body()];
    while let Some(el) = stack.pop() {
        for c in el.children().into_iter().rev() {
            if c.is_element() {
                stack.push(c);
            }
        }
        let text_len = el.text_len();
        if text_len == 0 || el.is("body") || text_len * 2 > total_text {
            continue;
        }
        let mut names = String::new();
        el.for_each_attr(|name, value| {
            if name == "id" || name == "class" {
                for part in value.split_ascii_whitespace() {
                    if !is_taxonomy_class(part) && part != "node-promoted" {
                        names.push(' ');
                        names.push_str(&part.to_lowercase());
                    }
                }
            }
        });
        if names.is_empty() {
            continue;
        }
        let ws = words(&names);
        let kind = if ws.iter().any(|w| AD_WORDS.contains(&w.as_str()))
            || AD_SUBSTRINGS.iter().any(|s| names.contains(s))
        {
            Some(Junk::AdSlot)
        } else if PROMO_SUBSTRINGS.iter().any(|s| names.contains(s)) {
            Some(Junk::Promotion)
        } else if WIDGET_SUBSTRINGS.iter().any(|s| names.contains(s)) {
            Some(Junk::Widget)
        } else {
            None
        };
        if let Some(kind) = kind {
            // Report the outermost junk-looking element only.
            findings.push(Finding {
                kind,
                evidence: el.describe(),
            });
            stack.retain(|n| !n.ancestors().any(|a| a == el));
        }
    }
    findings
}

/// Junk in the final HTML (as parsed back) and text.
fn scan_output(doc: &Document, text: &str) -> Vec<Finding> {
    let tracking = TrackingParams::default();
    let mut findings = Vec::new();
    for el in doc.elements() {
        if el.is_any(&["script", "style", "iframe", "object", "embed", "form"]) {
            findings.push(Finding {
                kind: Junk::ActiveContent,
                evidence: el.describe(),
            });
        }
        el.for_each_attr(|name, value| {
            if name.starts_with("on")
                || value
                    .trim_start()
                    .to_ascii_lowercase()
                    .starts_with("javascript:")
            {
                findings.push(Finding {
                    kind: Junk::ActiveContent,
                    evidence: format!("{} {name}", el.describe()),
                });
            }
            if !URL_ATTRIBUTES.contains(&name) {
                return;
            }
            let lower = value.to_ascii_lowercase();
            if tracking.clean_url(value).is_some() || lower.contains("utm_") {
                findings.push(Finding {
                    kind: Junk::TrackingParam,
                    evidence: value.to_string(),
                });
            }
            if el.is("a") && name == "href" {
                if SHARE_TARGETS.iter().any(|t| lower.contains(t)) {
                    findings.push(Finding {
                        kind: Junk::Widget,
                        evidence: value.to_string(),
                    });
                } else if PROMO_TARGETS.iter().any(|t| lower.contains(t)) {
                    findings.push(Finding {
                        kind: Junk::Promotion,
                        evidence: value.to_string(),
                    });
                }
            }
            if el.is("img") && name == "src" && PIXEL_TARGETS.iter().any(|t| lower.contains(t)) {
                findings.push(Finding {
                    kind: Junk::TrackingPixel,
                    evidence: value.to_string(),
                });
            }
        });
        if el.is("img") {
            let tiny = |a: &str| {
                el.with_attr(a, |v| matches!(v.trim(), "0" | "1"))
                    .unwrap_or(false)
            };
            if tiny("width") && tiny("height") {
                findings.push(Finding {
                    kind: Junk::TrackingPixel,
                    evidence: el.attr("src").unwrap_or_default(),
                });
            }
        }
    }
    for line in text.lines() {
        let l = line.trim().to_lowercase();
        let ad_label = matches!(
            l.as_str(),
            "advertisement" | "广告" | "廣告" | "ad" | "sponsored" | "赞助内容"
        );
        let widget_label = matches!(
            l.as_str(),
            "share this:"
                | "share"
                | "like this:"
                | "related"
                | "related posts"
                | "related articles"
                | "相关文章"
                | "相關文章"
                | "分享"
                | "leave a reply"
                | "comments"
        );
        if ad_label {
            findings.push(Finding {
                kind: Junk::AdSlot,
                evidence: line.to_string(),
            });
        }
        if widget_label {
            findings.push(Finding {
                kind: Junk::Widget,
                evidence: line.to_string(),
            });
        }
    }
    findings
}
