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
#[non_exhaustive]
pub struct Finding {
    /// What it looks like.
    pub kind: Junk,
    /// How it was seen.
    pub sign: Sign,
    /// Where it was seen: an element description, URL or line of text.
    pub evidence: String,
}

/// How a [`Finding`] was seen. The names of elements and the headings of
/// sections are clues (an article may be a comment thread, a section may
/// be named after sharing and hold the story); the other signs leave no
/// doubt, and the corpus test allows none of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sign {
    /// An element's id or class words.
    Name,
    /// A section heading: "Related posts", "Comments", "Advertisement".
    Heading,
    /// Where a link goes: a share or bookmark endpoint, a promotion or
    /// donation page (a donation button also by its name).
    LinkTarget,
    /// An image's source or size: a pixel, a share service's logo.
    ImageSource,
    /// The label of a share or bookmark button, alone on its line:
    /// "Share this:", "Add to:", "Bookmark this post on Google".
    ButtonLabel,
    /// A line of a feed plugin's footer: `… | Permalink | …`, `Post tags:`.
    FeedFooter,
    /// A tracking parameter in a URL.
    Parameter,
    /// Active markup: a script, an event handler, a `javascript:` URL.
    Markup,
}

impl Sign {
    /// True for the signs that leave no doubt: everything but element
    /// names and section headings.
    pub fn is_certain(self) -> bool {
        !matches!(self, Sign::Name | Sign::Heading)
    }
}

/// How cleaning went on one document.
#[derive(Debug, Clone)]
#[non_exhaustive]
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
    /// notice, a feed plugin's `© … | Permalink | …` and `Post tags: …`
    /// footer): the article text.
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
            || is_post_links_footer(b)
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
    let page = PageSeen {
        url: url_parsed.as_ref(),
        medium: looks_like_medium(html),
    };
    findings.extend(scan_output(&Document::parse(&out_html), &out_text, &page));

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
    // Social bookmarking of the older web.
    "del.icio.us",
    "delicious.com/save",
    "delicious.com/post",
    "google.com/bookmarks",
    "digg.com/submit",
    "stumbleupon.com/submit",
    "technorati.com/faves",
    "myweb2.search.yahoo.com",
    "bookmarks.yahoo.com",
    "favorites.live.com",
    "newsvine.com/_tools",
    "/bookmarklet",
];
/// Paths of the images share and bookmark plugins draw their service
/// logos from (Drupal's Service Links, WordPress's Sociable).
const SERVICE_LOGO_PATHS: &[&str] = &["servicelinks", "service_links", "service-links", "sociable"];
/// Hosts and pages that take donations or payments: a link there with no
/// words of its own is a donation banner.
const DONATION_TARGETS: &[&str] = &[
    "cgi-bin/webscr",
    "_s-xclick",
    "paypal.me/",
    "paypal.com/donate",
    "patreon.com",
    "ko-fi.com",
    "buymeacoffee.com",
    "liberapay.com",
    "opencollective.com",
    "/donate",
];
/// Parameters only Facebook adds to its links, to track the click.
const FACEBOOK_PARAMS: &[&str] = &["__tn__", "__xts__", "__cft__", "__eep__"];
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
/// article is its comment thread, and a comment section written by the
/// article's authors, which `widgets` keeps), elements with media but no text (an
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
        if text_len == 0 && el.is("a") && is_donation_banner(&el) {
            findings.push(Finding {
                kind: Junk::Promotion,
                sign: Sign::LinkTarget,
                evidence: format!("{} {}", el.describe(), el.attr("href").unwrap_or_default()),
            });
            continue;
        }
        if text_len == 0 || el.is("body") || text_len * 2 > total_text {
            continue;
        }
        // What `widgets` keeps on purpose: the authors' own conversation.
        if is_comment_section(&el) && crate::rules::widgets::is_author_conversation(&el) {
            stack.retain(|n| !n.ancestors().any(|a| a == el));
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
                sign: Sign::Name,
                evidence: el.describe(),
            });
            stack.retain(|n| !n.ancestors().any(|a| a == el));
        }
    }
    findings
}

/// A link with no words of its own (an image, a picture, nothing) that
/// goes to a donation or payment page or is named after a donation.
fn is_donation_banner(a: &NodeRef) -> bool {
    let to_donation = a
        .with_attr("href", |h| {
            let h = h.to_ascii_lowercase();
            DONATION_TARGETS.iter().any(|t| h.contains(t))
        })
        .unwrap_or(false);
    let named = ["id", "class"].iter().any(|attr| {
        a.with_attr(attr, |v| v.to_ascii_lowercase().contains("donat"))
            .unwrap_or(false)
    });
    to_donation || named
}

/// What the scan knows of the page besides the output: where it was
/// published and whether it is a Medium post.
struct PageSeen<'a> {
    url: Option<&'a url::Url>,
    medium: bool,
}

/// True if the input looks like a Medium post wherever it is served: images
/// on Medium's image hosts, Medium's view pixel, or the "originally
/// published in … on Medium" footer.
fn looks_like_medium(html: &str) -> bool {
    [
        "//cdn-images-1.medium.com/",
        "//miro.medium.com/",
        "medium.com/_/stat",
    ]
    .iter()
    .any(|s| html.contains(s))
        || (html.contains("originally published in") && html.contains("on Medium"))
}

/// True for medium.com and its subdomains (a writer's `name.medium.com`).
fn is_medium_host(host: &str) -> bool {
    host == "medium.com" || host.ends_with(".medium.com")
}

/// True for YouTube's hosts, the short-link one included.
fn is_youtube_host(host: &str) -> bool {
    let host = host.strip_prefix("www.").unwrap_or(host);
    matches!(
        host,
        "youtube.com" | "m.youtube.com" | "music.youtube.com" | "youtu.be" | "youtube-nocookie.com"
    )
}

/// True if `value` carries a parameter that tracks only on some hosts:
/// YouTube's share parameter `si`, Medium's `source` on Medium's hosts
/// and, in a Medium post, on the post's own host.
fn has_host_tracking(value: &str, page: &PageSeen<'_>) -> bool {
    if !value.contains('?') {
        return false;
    }
    let parsed = match page.url {
        Some(base) => base.join(value.trim()),
        None => url::Url::parse(value.trim()),
    };
    let Ok(u) = parsed else { return false };
    let host = u.host_str().unwrap_or("").to_ascii_lowercase();
    let own_host = page
        .url
        .and_then(|b| b.host_str())
        .is_some_and(|h| h.eq_ignore_ascii_case(&host));
    u.query_pairs().any(|(k, _)| match k.as_ref() {
        "si" => is_youtube_host(&host),
        "source" => is_medium_host(&host) || (page.medium && own_host),
        _ => false,
    })
}

/// True for a block whose every line is a line of a WordPress feed
/// footer ([`is_feed_footer_line`]).
fn is_post_links_footer(block: &str) -> bool {
    let mut lines = block.lines().map(str::trim).filter(|l| !l.is_empty());
    let mut any = false;
    lines.all(|l| {
        any = true;
        is_feed_footer_line(&l.to_lowercase())
    }) && any
}

/// True for a line (lower case) of the footer a WordPress feed plugin
/// appends to each item: `© Author for Site, 2020. | Permalink | No
/// comment | Add to del.icio.us`, `Post tags: …` (with the year's template
/// tag sometimes left unexpanded).
fn is_feed_footer_line(line: &str) -> bool {
    line.contains("get_post_time(")
        || line.starts_with("post tags:")
        || (line.matches('|').count() >= 2 && line.split('|').any(|s| s.trim() == "permalink"))
}

/// Labels of bookmarking buttons, left behind without their links.
fn is_bookmark_label(line: &str) -> bool {
    matches!(
        line,
        "add to"
            | "add to:"
            | "bookmark"
            | "bookmark:"
            | "bookmarks"
            | "bookmarks:"
            | "social bookmarks"
            | "bookmark and share"
            | "bookmark this"
            | "bookmark this:"
    ) || line.starts_with("bookmark this post on")
        || line.starts_with("bookmark this page on")
}

/// Junk in the final HTML (as parsed back) and text.
fn scan_output(doc: &Document, text: &str, page: &PageSeen<'_>) -> Vec<Finding> {
    let tracking = TrackingParams::default();
    let mut findings = Vec::new();
    for el in doc.elements() {
        if el.is_any(&["script", "style", "iframe", "object", "embed", "form"]) {
            findings.push(Finding {
                kind: Junk::ActiveContent,
                sign: Sign::Markup,
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
                    sign: Sign::Markup,
                    evidence: format!("{} {name}", el.describe()),
                });
            }
            if !URL_ATTRIBUTES.contains(&name) {
                return;
            }
            let lower = value.to_ascii_lowercase();
            if tracking.clean_url(value).is_some()
                || lower.contains("utm_")
                || FACEBOOK_PARAMS.iter().any(|p| lower.contains(p))
                || (name != "srcset" && has_host_tracking(value, page))
            {
                findings.push(Finding {
                    kind: Junk::TrackingParam,
                    sign: Sign::Parameter,
                    evidence: value.to_string(),
                });
            }
            if el.is("a") && name == "href" {
                if SHARE_TARGETS.iter().any(|t| lower.contains(t)) {
                    findings.push(Finding {
                        kind: Junk::Widget,
                        sign: Sign::LinkTarget,
                        evidence: value.to_string(),
                    });
                } else if PROMO_TARGETS.iter().any(|t| lower.contains(t)) {
                    findings.push(Finding {
                        kind: Junk::Promotion,
                        sign: Sign::LinkTarget,
                        evidence: value.to_string(),
                    });
                }
            }
            if el.is("img") && name == "src" && PIXEL_TARGETS.iter().any(|t| lower.contains(t)) {
                findings.push(Finding {
                    kind: Junk::TrackingPixel,
                    sign: Sign::ImageSource,
                    evidence: value.to_string(),
                });
            }
            if el.is("img") && name == "src" && SERVICE_LOGO_PATHS.iter().any(|t| lower.contains(t))
            {
                findings.push(Finding {
                    kind: Junk::Widget,
                    sign: Sign::ImageSource,
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
                    sign: Sign::ImageSource,
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
        let widget_heading = matches!(
            l.as_str(),
            "related"
                | "related posts"
                | "related articles"
                | "相关文章"
                | "相關文章"
                | "leave a reply"
                | "comments"
        );
        let button_label = matches!(l.as_str(), "share this:" | "share" | "like this:" | "分享")
            || is_bookmark_label(&l);
        let sign = if ad_label || widget_heading {
            Some(Sign::Heading)
        } else if button_label {
            Some(Sign::ButtonLabel)
        } else if is_feed_footer_line(&l) {
            Some(Sign::FeedFooter)
        } else {
            None
        };
        if let Some(sign) = sign {
            findings.push(Finding {
                kind: if ad_label { Junk::AdSlot } else { Junk::Widget },
                sign,
                evidence: line.to_string(),
            });
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The findings of both scans on `html` as it stands (no rule run),
    /// with its rendered text, for a page published at `url`.
    fn scan(html: &str, url: &str) -> Vec<Finding> {
        let doc = Document::parse(html);
        let text = crate::output::text::render(&doc);
        let url = url::Url::parse(url).unwrap();
        let page = PageSeen {
            url: Some(&url),
            medium: looks_like_medium(html),
        };
        let mut findings = scan_tree(&doc);
        findings.extend(scan_output(&doc, &text, &page));
        findings
    }

    /// The kinds of the findings seen by a sign that leaves no doubt: what
    /// the corpus test fails on.
    fn kinds(findings: &[Finding]) -> Vec<Junk> {
        findings
            .iter()
            .filter(|f| f.sign.is_certain())
            .map(|f| f.kind)
            .collect()
    }

    const STORY: &str = "<p>The article itself, long enough to be most of the page's text by far, \
        with a second sentence so that no leftover holds half of it.</p>";

    #[test]
    fn a_conversation_by_the_authors_is_not_a_leftover_but_reader_comments_are() {
        let thread = |by: &str| {
            format!(
                r#"<div id="comments" class="comment-wrapper"><div class="comment {by}"><p>A reply of some length to the article above.</p></div></div>"#
            )
        };
        let names = |found: &[Finding]| found.iter().filter(|f| f.sign == Sign::Name).count();
        let authors = scan(
            &format!("{STORY}{}", thread("comment-by-node-author")),
            "https://blog.example/a",
        );
        assert_eq!(names(&authors), 0, "{authors:?}");
        let readers = scan(
            &format!("{STORY}{}", thread("comment-by-anonymous")),
            "https://blog.example/a",
        );
        assert_eq!(names(&readers), 1, "{readers:?}");
    }

    #[test]
    fn old_bookmark_links_their_logos_and_labels_are_widgets() {
        for junk in [
            r#"<p><a href="http://del.icio.us/post?url=https://blog.example/a&amp;title=A">del.icio.us</a></p>"#,
            r#"<p><a href="https://www.google.com/bookmarks/mark?op=add&amp;bkmk=https://blog.example/a" title="Bookmark this post on Google"><img alt="logo" src="/g.png"></a></p>"#,
            r#"<p><a href="http://digg.com/submit?url=https://blog.example/a">Digg</a></p>"#,
            r#"<p><a href="http://www.stumbleupon.com/submit?url=x">Stumble</a></p>"#,
            r#"<p><a href="http://technorati.com/faves?add=x">Fave</a></p>"#,
            r#"<p><a href="https://favorites.live.com/quickadd.aspx?url=x">Live</a></p>"#,
            r#"<p><img alt="Twitter logo" src="https://blog.example/themes/x/servicelinks/png/twitter.png"></p>"#,
            "<p>Add to:</p>",
            "<p>Bookmark this post on Google</p>",
        ] {
            let found = scan(&format!("{STORY}{junk}"), "https://blog.example/a");
            assert!(kinds(&found).contains(&Junk::Widget), "{junk}: {found:?}");
        }
    }

    #[test]
    fn wordpress_feed_footer_lines_are_widgets() {
        for junk in [
            r#"<p><small>© Ann for <a href="/">Site</a>, get_post_time('Y'). |<a href="/a">Permalink</a> |<a href="/a#comments">No comment</a> |Add to</small></p>"#,
            r#"<p>© Ann for Site, 2020. | <a href="/a">Permalink</a> | 3 comments</p>"#,
            r#"<p>Post tags: <a href="/tag/x">x</a>, <a href="/tag/y">y</a></p>"#,
        ] {
            let found = scan(&format!("{STORY}{junk}"), "https://blog.example/a");
            assert!(kinds(&found).contains(&Junk::Widget), "{junk}: {found:?}");
        }
        // "Permalink" in a sentence is not a footer.
        let found = scan(
            &format!("{STORY}<p>The permalink | as a word | is fine.</p>"),
            "https://blog.example/a",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_feed_footer_is_not_article_text() {
        let story = "<p>The article itself.</p>";
        let footer = r#"<p><small>© Ann for <a href="/">Site</a>, 2020. |<a href="/a">Permalink</a> |<a href="/a#c">No comment</a><br>Post tags: <a href="/t/x">x</a></small></p>"#;
        let keep_all = Cleaner::builder().no_default_rules().build().unwrap();
        let a = assess(&keep_all, story, None, None).unwrap();
        let b = assess(&keep_all, &format!("{story}{footer}"), None, None).unwrap();
        assert_eq!(a.article_chars_in, b.article_chars_in);
        assert!(b.paragraph_chars_in > a.paragraph_chars_in);
    }

    #[test]
    fn donation_banners_are_promotions() {
        for junk in [
            r#"<a href="https://www.paypal.com/cgi-bin/webscr?cmd=_s-xclick&amp;hosted_button_id=X"><img src="/btn.gif"></a>"#,
            r#"<a href="https://www.patreon.com/somebody"><picture><source srcset="/p.webp"><img src="/p.png"></picture></a>"#,
            r#"<a href="https://ko-fi.com/somebody"><img src="/k.png"></a>"#,
            r#"<a href="https://www.buymeacoffee.com/somebody"><img src="/c.png"></a>"#,
            r#"<a href="https://liberapay.com/somebody"><img src="/l.png"></a>"#,
            r#"<a href="https://opencollective.com/thing"><img src="/o.png"></a>"#,
            r#"<a href="/support/donate"><img src="/d.png"></a>"#,
            r#"<a class="donate-us" href="/support"><img src="/d.png"></a>"#,
        ] {
            let found = scan(&format!("{STORY}{junk}"), "https://blog.example/a");
            assert!(
                kinds(&found).contains(&Junk::Promotion),
                "{junk}: {found:?}"
            );
        }
        // A Patreon post linked in a sentence is a source, not a banner.
        let found = scan(
            &format!(
                r#"{STORY}<p>The list is <a href="https://www.patreon.com/posts/123">here</a>.</p>"#
            ),
            "https://blog.example/a",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn social_and_video_tracking_parameters_are_found() {
        for (junk, url) in [
            (
                r#"<p><a href="https://www.facebook.com/x/posts/1?__tn__=-R">post</a></p>"#,
                "https://blog.example/a",
            ),
            (
                r#"<p><a href="https://www.facebook.com/x/posts/1?__xts__%5B0%5D=68.AR">post</a></p>"#,
                "https://blog.example/a",
            ),
            (
                r#"<p><a href="https://www.facebook.com/groups/x/posts/1/?__cft__[0]=AZ">post</a></p>"#,
                "https://blog.example/a",
            ),
            (
                r#"<p><a href="https://www.facebook.com/hashtag/x?__eep__=6">tag</a></p>"#,
                "https://blog.example/a",
            ),
            (
                r#"<p><a href="https://youtu.be/abc?si=Xy_1&amp;t=683">video</a></p>"#,
                "https://blog.example/a",
            ),
            (
                r#"<p><a href="https://www.youtube.com/watch?v=abc&amp;si=Xy_1">video</a></p>"#,
                "https://blog.example/a",
            ),
            (
                r#"<p><a href="https://medium.com/pub/story-1?source=rss----1---4">story</a></p>"#,
                "https://blog.example/a",
            ),
            (
                r#"<p><a href="https://writer.medium.com/story-1?source=collection_home---4">story</a></p>"#,
                "https://blog.example/a",
            ),
            // A Medium publication on its own domain, known by its images.
            (
                r#"<p><img src="https://miro.medium.com/max/700/1.png"><a href="/story-2?source=collection_home---4">story</a></p>"#,
                "https://pub.example/story-1",
            ),
        ] {
            let found = scan(&format!("{STORY}{junk}"), url);
            assert!(
                kinds(&found).contains(&Junk::TrackingParam),
                "{junk}: {found:?}"
            );
        }
        // Parameters that mean something stay unflagged: a start time, a
        // `source` off Medium, `si` off YouTube.
        for (kept, url) in [
            (
                r#"<p><a href="https://youtu.be/abc?t=683">video</a></p>"#,
                "https://blog.example/a",
            ),
            (
                r#"<p><a href="https://pub.example/story-2?source=collection_home">story</a></p>"#,
                "https://pub.example/story-1",
            ),
            (
                r#"<p><a href="https://shop.example/item?si=4">item</a></p>"#,
                "https://blog.example/a",
            ),
            (
                r#"<p><a href="https://www.google.com/url?source=web&amp;q=x">search</a></p>"#,
                "https://blog.example/a",
            ),
        ] {
            let found = scan(&format!("{STORY}{kept}"), url);
            assert!(found.is_empty(), "{kept}: {found:?}");
        }
    }
}
