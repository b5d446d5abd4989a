//! One walk of a parsed page that gathers what its metadata is read from:
//! the `<html lang>`, every `<meta>`, the `<title>`, the headings,
//! JSON-LD scripts, canonical and image links, and the first byline and
//! date in the markup.

use super::text::clean_text;
use crate::dom::{Document, NodeRef};

/// Everything the metadata is read from, gathered in one walk of the page.
#[derive(Default)]
pub(crate) struct Sources {
    /// `<html lang>`.
    pub(crate) lang: Option<String>,
    /// `(key, content, from property)` of every `<meta>` with content, in
    /// order. Keys are lower-cased, with `.` read as `:` (`dc.title` is
    /// `dc:title`): each token of `property`, the `name`, `http-equiv:` +
    /// `http-equiv`, `itemprop:` + `itemprop`.
    pub(crate) metas: Vec<(String, String, bool)>,
    /// The text of the first `<title>` (not an SVG one).
    pub(crate) title: Option<String>,
    /// The text of the `<h1>` and `<h2>` elements of the page's content,
    /// with whether it is an `<h1>`.
    pub(crate) headings: Vec<(String, bool)>,
    /// The text of each JSON-LD script.
    pub(crate) json_ld: Vec<String>,
    /// `<link rel=canonical>` targets.
    pub(crate) canonical: Vec<String>,
    /// `<link rel=image_src>`.
    pub(crate) image_src: Option<String>,
    /// The first byline in the markup.
    pub(crate) byline: Option<String>,
    /// The first `<time datetime>` (or `itemprop=datePublished`) of the
    /// content.
    pub(crate) time: Option<String>,
}

/// Where in the page the walk is.
#[derive(Clone, Copy, Default)]
struct Place {
    in_body: bool,
    /// Inside comments, sidebars, footers, navigation, hidden elements:
    /// no byline, heading or date is taken from there.
    off_article: bool,
    in_svg: bool,
}

impl Sources {
    pub(crate) fn collect(doc: &Document) -> Sources {
        let body = doc.body();
        let top = body.ancestors().last().unwrap_or_else(|| body.clone());
        let mut found = Sources::default();
        let mut stack = vec![(top, Place::default())];
        while let Some((node, place)) = stack.pop() {
            let mut inner = place;
            let descend = match node.tag() {
                Some(_) => found.element(&node, &body, &mut inner),
                None => true,
            };
            if descend {
                stack.extend(
                    node.child_nodes()
                        .rev()
                        .filter(NodeRef::is_element)
                        .map(|c| (c, inner)),
                );
            }
        }
        found
    }

    /// Reads one element; returns whether to look inside it.
    fn element(&mut self, el: &NodeRef, body: &NodeRef, place: &mut Place) -> bool {
        let tag = el.tag().unwrap_or_default();
        if el == body {
            place.in_body = true;
        }
        if tag == "svg" || tag == "math" {
            place.in_svg = true;
        }
        match tag {
            "html" if self.lang.is_none() => {
                self.lang = el
                    .attr("lang")
                    .or_else(|| el.attr("xml:lang"))
                    .and_then(|l| clean_text(&l));
            }
            "title" if !place.in_svg => {
                if self.title.is_none() {
                    self.title = Some(el.text_content());
                }
                return false;
            }
            "meta" => self.meta_element(el),
            "link" => {
                let rel = el.attr("rel").unwrap_or_default().to_ascii_lowercase();
                let href = el.attr("href").filter(|h| !h.trim().is_empty());
                if let Some(href) = href {
                    if rel.split_ascii_whitespace().any(|r| r == "canonical") {
                        self.canonical.push(href);
                    } else if rel.split_ascii_whitespace().any(|r| r == "image_src") {
                        self.image_src.get_or_insert(href);
                    }
                }
            }
            "script" => {
                let is_ld = el
                    .attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                if is_ld {
                    self.json_ld.push(el.text_content());
                }
                return false;
            }
            "style" | "template" | "noscript" | "iframe" => return false,
            _ => {}
        }
        if !place.in_body || place.off_article {
            return true;
        }
        let marks = Marks::of(el);
        if marks.off_article(tag) {
            place.off_article = true;
            return true;
        }
        if matches!(tag, "h1" | "h2") {
            if let Some(text) = clean_text(&el.text_content()) {
                self.headings.push((text, tag == "h1"));
            }
        }
        if self.time.is_none() {
            self.time = date_of(el, tag, &marks);
        }
        if self.byline.is_none() {
            if let Some(byline) = byline_of(el, tag, &marks) {
                self.byline = Some(byline);
                return false;
            }
        }
        true
    }

    fn meta_element(&mut self, el: &NodeRef) {
        let Some(content) = el.attr("content").filter(|c| !c.trim().is_empty()) else {
            return;
        };
        let key = |k: &str| k.trim().to_ascii_lowercase().replace('.', ":");
        if let Some(property) = el.attr("property") {
            for token in property.split_ascii_whitespace() {
                self.metas.push((key(token), content.clone(), true));
            }
        }
        if let Some(name) = el.attr("name") {
            self.metas.push((key(&name), content.clone(), false));
        }
        if let Some(equiv) = el.attr("http-equiv") {
            let key = format!("http-equiv:{}", key(&equiv));
            self.metas.push((key, content.clone(), false));
        }
        if let Some(itemprop) = el.attr("itemprop") {
            for token in itemprop.split_ascii_whitespace() {
                let key = format!("itemprop:{}", key(token));
                self.metas.push((key, content.clone(), false));
            }
        }
    }

    /// The raw content of every meta with this key: those given by
    /// `property` (the attribute Open Graph and RDFa define) first, then
    /// those given by `name` and the others, each in page order.
    pub(crate) fn meta_raw<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let with = move |property: bool| {
            self.metas
                .iter()
                .filter(move |(k, _, p)| k == key && *p == property)
                .map(|(_, v, _)| v.as_str())
        };
        with(true).chain(with(false))
    }

    /// The cleaned values of the metas with these keys, the keys in the
    /// order given.
    pub(crate) fn meta_values<'a>(
        &'a self,
        keys: &'a [&'a str],
    ) -> impl Iterator<Item = String> + 'a {
        keys.iter()
            .flat_map(move |k| self.meta_raw(k))
            .filter_map(clean_text)
    }

    /// The names given by the first of these keys that has any (several
    /// `dc:creator` are several authors), joined with `, `. URLs and
    /// handles are not names.
    pub(crate) fn meta_names(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|key| {
            let mut names: Vec<String> = Vec::new();
            for name in self.meta_raw(key).filter_map(clean_text) {
                if is_name(&name) && !names.contains(&name) {
                    names.push(name);
                }
            }
            (!names.is_empty()).then(|| names.join(", "))
        })
    }

    /// The first cleaned value among metas with these keys, the keys in the
    /// order given.
    pub(crate) fn meta(&self, keys: &[&str]) -> Option<String> {
        self.meta_values(keys).next()
    }
}

/// Class and id words of the parts of a page that are not the article:
/// a byline or date found there belongs to a comment or a teaser.
const OFF_ARTICLE_WORDS: &[&str] = &[
    "comment",
    "sidebar",
    "related",
    "footer",
    "disqus",
    "replies",
    "respond",
    "recommend",
    "popular",
    "trending",
    "newsletter",
    "promo",
    "nav",
    "menu",
    "breadcrumb",
    "widget",
];

/// Class and id words of the article itself, which outweigh the words
/// above (`content-with-sidebar`), but for comments.
const ARTICLE_WORDS: &[&str] = &["article", "main", "story", "body", "content"];

/// What the walk needs to know of an element's attributes, read in one
/// pass over them.
#[derive(Default)]
struct Marks {
    /// `hidden`, `aria-hidden="true"`, or a style that hides it.
    hidden: bool,
    /// A class or id word of [`OFF_ARTICLE_WORDS`].
    off_words: bool,
    /// A class or id word of [`ARTICLE_WORDS`].
    article_words: bool,
    /// A class or id word starting with `comment`.
    comment_words: bool,
    /// A class or id naming a byline (see [`names_byline`]).
    byline_name: bool,
    /// `itemprop` has `author`.
    itemprop_author: bool,
    /// `itemprop` has `datePublished`.
    itemprop_published: bool,
    /// `rel` has `author`.
    rel_author: bool,
}

impl Marks {
    fn of(el: &NodeRef) -> Marks {
        let mut m = Marks::default();
        let has_token = |value: &str, token: &str| {
            value
                .split_ascii_whitespace()
                .any(|t| t.eq_ignore_ascii_case(token))
        };
        el.for_each_attr(|name, value| match name {
            "class" | "id" => {
                for w in words(value).filter(|w| w.len() >= 3) {
                    m.off_words |= OFF_ARTICLE_WORDS
                        .iter()
                        .any(|o| starts_with_ignore_case(w, o));
                    m.article_words |= ARTICLE_WORDS.iter().any(|a| starts_with_ignore_case(w, a));
                    m.comment_words |= starts_with_ignore_case(w, "comment");
                }
                m.byline_name |= names_byline(value);
            }
            "hidden" => m.hidden = true,
            "aria-hidden" => m.hidden |= value.trim() == "true",
            "style" => m.hidden |= style_hides(value),
            "itemprop" => {
                m.itemprop_author |= has_token(value, "author");
                m.itemprop_published |= has_token(value, "datePublished");
            }
            "rel" => m.rel_author |= has_token(value, "author"),
            _ => {}
        });
        m
    }

    /// True for elements outside the article proper: navigation, footers,
    /// comment threads and the like, and hidden elements.
    fn off_article(&self, tag: &str) -> bool {
        match tag {
            "html" | "body" | "main" | "article" => false,
            "nav" | "footer" | "form" | "button" | "select" => true,
            _ => self.hidden || self.off_words && (self.comment_words || !self.article_words),
        }
    }
}

/// True for an inline style that hides the element.
fn style_hides(style: &str) -> bool {
    if !(style.contains("none") || style.contains("hidden")) {
        return false;
    }
    let compact: String = style
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    compact.contains("display:none") || compact.contains("visibility:hidden")
}

/// The words of a class or id value (`"post-Comments_list"` is `post`,
/// `Comments`, `list`).
fn words(value: &str) -> impl Iterator<Item = &[u8]> {
    value
        .as_bytes()
        .split(|b| !b.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
}

fn starts_with_ignore_case(word: &[u8], prefix: &str) -> bool {
    let prefix = prefix.as_bytes();
    word.len() >= prefix.len()
        && word[0].eq_ignore_ascii_case(&prefix[0])
        && word[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// The byline an element holds, if it is one: `rel=author`,
/// `itemprop=author` (its `name` inside if it has one), or a class or id
/// naming a byline, with 1 to 100 characters of text.
fn byline_of(el: &NodeRef, tag: &str, marks: &Marks) -> Option<String> {
    if matches!(tag, "link" | "meta" | "img" | "html" | "body") {
        return None;
    }
    if !(marks.rel_author || marks.itemprop_author || marks.byline_name) {
        return None;
    }
    let text = if marks.itemprop_author {
        el.element_descendants()
            .find(|d| d.with_attr("itemprop", |v| v.trim() == "name") == Some(true))
            .map(|n| n.attr("content").unwrap_or_else(|| n.text_content()))
            .unwrap_or_else(|| el.text_content())
    } else {
        el.text_content()
    };
    let text = clean_text(&text)?;
    (text.chars().count() < 100 && !looks_like_date(&text)).then_some(text)
}

/// True if a class or id value names a byline: contains `byline`,
/// `author`, `dateline` or `writtenby` (`article__author`, `postauthor`,
/// the microformats `p-author`: a naming convention most publishing
/// systems share), but not as part of `authority` or `authorization`.
fn names_byline(value: &str) -> bool {
    let value = value.as_bytes();
    // One pass: each name starts with a different letter.
    (0..value.len()).any(|at| {
        let name: &[u8] = match value[at].to_ascii_lowercase() {
            b'a' => b"author",
            b'b' => b"byline",
            b'd' => b"dateline",
            b'w' => b"writtenby",
            _ => return false,
        };
        let Some(found) = value.get(at..at + name.len()) else {
            return false;
        };
        let rest = &value[at + name.len()..];
        let authority = rest.len() >= 2
            && (rest[..2].eq_ignore_ascii_case(b"it") || rest[..2].eq_ignore_ascii_case(b"iz"));
        found.eq_ignore_ascii_case(name) && !authority
    })
}

/// Words of dates and times (English), to tell a dateline that holds only
/// a date from one that names someone.
#[rustfmt::skip]
const DATE_WORDS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "am", "pm", "utc",
    "gmt", "at", "on", "updated", "published", "posted", "last", "edt", "est", "pst", "pdt",
    "cet",
];

/// True for text made only of numbers and date words: `Sunday, Feb 1,
/// 2015 11:57 AM UTC`.
fn looks_like_date(text: &str) -> bool {
    let mut words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .peekable();
    words.peek().is_some()
        && words.all(|w| {
            w.chars().all(|c| c.is_ascii_digit())
                || DATE_WORDS.contains(&w.to_lowercase().as_str())
                || w.trim_start_matches(|c: char| c.is_ascii_digit())
                    .chars()
                    .all(|c| c.is_ascii_alphabetic())
                    && w.starts_with(|c: char| c.is_ascii_digit())
        })
}

/// A publication date an element gives: `itemprop=datePublished` (its
/// `content` or `datetime`), or a `<time datetime>`.
fn date_of(el: &NodeRef, tag: &str, marks: &Marks) -> Option<String> {
    if marks.itemprop_published {
        return el
            .attr("content")
            .or_else(|| el.attr("datetime"))
            .or_else(|| Some(el.text_content()))
            .and_then(|v| clean_text(&v));
    }
    if tag == "time" {
        return el.attr("datetime").and_then(|v| clean_text(&v));
    }
    None
}

/// True for a value that reads as a person's or an organisation's name,
/// not a URL or a handle-less placeholder.
fn is_name(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    !(lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
        || lower.starts_with('@'))
}
