//! What a page says about itself: title, byline, date, site, language,
//! description, canonical URL and lead image, read from the parsed page
//! before the rules run (they remove `<head>`, scripts and bylines).
//!
//! Each field has several sources; the first that has a value wins, in
//! this order:
//!
//! | field | sources |
//! |---|---|
//! | title | JSON-LD `headline`/`name`; `dc:title`; `og:title`; `<meta name=title>`; `twitter:title`; `parsely-title`; else the `<title>`, read against the page's headings (below) |
//! | byline | JSON-LD `author` (a name, an object, a list); `dc:creator`; `<meta name=author>`; `parsely-author`; `article:author` when it is a name, not a URL; else the first byline in the markup: `rel=author`, `itemprop=author`, or a class or id naming a byline or author, outside comments, sidebars and footers |
//! | published time | JSON-LD `datePublished`; `article:published_time`; `parsely-pub-date` and other date metas; `itemprop=datePublished`; else the first `<time datetime>` in the article |
//! | site name | JSON-LD `publisher` name; `og:site_name`; else a JSON-LD `WebSite` name, `application-name` |
//! | lang | `<html lang>`; `content-language`; `og:locale` |
//! | excerpt | JSON-LD `description`; `dc:description`; `og:description`; `<meta name=description>`; `twitter:description`; else the first paragraph of the cleaned article |
//! | canonical URL | `<link rel=canonical>`; `og:url` (http and https only) |
//! | image | `og:image`; `twitter:image`; JSON-LD `image`; `<link rel=image_src>` |
//!
//! A title the publisher declares (JSON-LD, Dublin Core, Open Graph,
//! Twitter) is taken as written. The `<title>` element usually carries a
//! site name too (`Story - Site`, `Site | Story`); it is cut where its
//! parts agree with the page's `<h1>` and site name (see [`super::title`]).
//!
//! Text values are HTML-unescaped (many pages escape their meta content
//! twice) and whitespace-collapsed.

use url::Url;

use super::jsonld;
use super::sources::Sources;
use super::text::{clean_text, visible_text};
use super::title::{similarity, title_from_page};
use crate::dom::Document;
#[cfg(feature = "posts")]
use crate::post::FrontMatter;

/// What a page says about itself, read before cleaning: see
/// [`Cleaned::metadata`](crate::Cleaned::metadata).
///
/// Every field is `None` where the page does not say. Strings are
/// HTML-unescaped and whitespace-collapsed; URLs are absolute `http` or
/// `https` URLs.
///
/// ```
/// let page = r#"<html lang="en"><head>
///   <title>Tides explained - The Harbour Gazette</title>
///   <meta property="og:site_name" content="The Harbour Gazette">
///   <meta name="author" content="Rosa Marin">
///   <link rel="canonical" href="https://gazette.example/tides">
/// </head><body><h1>Tides explained</h1><p>The moon pulls the sea.</p></body></html>"#;
/// let cleaned = article_clean::Cleaner::default().clean(page)?;
/// let meta = cleaned.metadata();
/// assert_eq!(meta.title(), Some("Tides explained"));
/// assert_eq!(meta.byline(), Some("Rosa Marin"));
/// assert_eq!(meta.site_name(), Some("The Harbour Gazette"));
/// assert_eq!(meta.lang(), Some("en"));
/// assert_eq!(meta.canonical_url(), Some("https://gazette.example/tides"));
/// assert_eq!(meta.excerpt(), Some("The moon pulls the sea."));
/// assert_eq!(meta.published_time(), None);
/// # Ok::<(), article_clean::Error>(())
/// ```
///
/// With the `serde` feature it serializes as an object with every field
/// (`title`, `byline`, `published_time`, `site_name`, `lang`, `excerpt`,
/// `canonical_url`, `image`), `null` where unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Metadata {
    title: Option<String>,
    byline: Option<String>,
    published_time: Option<String>,
    site_name: Option<String>,
    lang: Option<String>,
    excerpt: Option<String>,
    canonical_url: Option<String>,
    image: Option<String>,
}

impl Metadata {
    /// The article's title.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// Who wrote it, as the page puts it (`"Ana Ruiz, Tom Berg"`, `"By Ana Ruiz"`).
    pub fn byline(&self) -> Option<&str> {
        self.byline.as_deref()
    }

    /// When it was published, as the page writes it (usually ISO 8601,
    /// `2026-03-02T08:00:00Z`; not parsed).
    pub fn published_time(&self) -> Option<&str> {
        self.published_time.as_deref()
    }

    /// The name of the site or publisher.
    pub fn site_name(&self) -> Option<&str> {
        self.site_name.as_deref()
    }

    /// The language tag of the page (`"en"`, `"pt-BR"`), as written.
    pub fn lang(&self) -> Option<&str> {
        self.lang.as_deref()
    }

    /// A short description: the page's own, else the article's first paragraph.
    pub fn excerpt(&self) -> Option<&str> {
        self.excerpt.as_deref()
    }

    /// The page's canonical URL.
    pub fn canonical_url(&self) -> Option<&str> {
        self.canonical_url.as_deref()
    }

    /// The URL of the lead image the page declares for sharing.
    pub fn image(&self) -> Option<&str> {
        self.image.as_deref()
    }

    /// True when no field has a value.
    pub fn is_empty(&self) -> bool {
        *self == Metadata::default()
    }

    /// The canonical URL as a base for relative links.
    pub(crate) fn canonical_base(&self) -> Option<Url> {
        self.canonical_url.as_deref().and_then(web_url)
    }

    /// Overrides the fields a post's front matter has a value for: title,
    /// author (the byline), date (the published time) and `from:` (the
    /// canonical URL).
    #[cfg(feature = "posts")]
    pub(crate) fn apply_front_matter(&mut self, front_matter: &FrontMatter) {
        let value = |v: &Option<String>| v.as_deref().and_then(clean_text);
        if let Some(title) = value(&front_matter.title) {
            self.title = Some(title);
        }
        if let Some(author) = value(&front_matter.author) {
            self.byline = Some(author);
        }
        if let Some(date) = value(&front_matter.date) {
            self.published_time = Some(date);
        }
        if let Some(from) = front_matter.from.as_deref().and_then(web_url) {
            self.canonical_url = Some(from.into());
        }
    }

    /// Uses the first paragraph of the cleaned document as the excerpt when
    /// the page declared none, passing over one that only repeats the title
    /// or the byline.
    pub(crate) fn fill_excerpt(&mut self, cleaned: &Document) {
        if self.excerpt.is_some() {
            return;
        }
        let repeats = |text: &str, field: &Option<String>| {
            field.as_deref().is_some_and(|f| {
                let text = text.to_lowercase();
                let f = f.to_lowercase();
                text == f || text.strip_prefix("by ") == Some(f.as_str())
            })
        };
        self.excerpt = cleaned
            .elements_by_tag("p")
            .filter_map(|p| clean_text(&visible_text(&p)))
            .find(|text| !repeats(text, &self.title) && !repeats(text, &self.byline));
    }
}

/// Reads the metadata of a freshly parsed page. Relative URLs resolve
/// against `base_url`, else the canonical URL.
pub(crate) fn read(doc: &Document, base_url: Option<&Url>) -> Metadata {
    let found = Sources::collect(doc);
    let ld = jsonld::read(found.json_ld.iter().map(String::as_str));
    let ld = ld.as_ref();
    let meta = |keys: &[&str]| found.meta(keys);

    let site_name = ld
        .and_then(|l| l.publisher.as_deref())
        .and_then(clean_text)
        .or_else(|| meta(&["og:site_name"]))
        .or_else(|| meta(&["application-name"]));

    let page_title = found
        .title
        .as_deref()
        .and_then(clean_text)
        .map(|title| title_from_page(&title, &found.headings, site_name.as_deref()));
    let title = ld
        .and_then(|l| ld_title(l, page_title.as_deref()))
        .or_else(|| {
            meta(&[
                "dc:title",
                "dcterm:title",
                "dcterms:title",
                "og:title",
                "title",
                "twitter:title",
                "parsely-title",
            ])
        })
        .or(page_title);

    let byline = ld
        .filter(|l| !l.authors.is_empty())
        .and_then(|l| clean_text(&l.authors.join(", ")))
        .or_else(|| {
            found.meta_names(&[
                "dc:creator",
                "dcterm:creator",
                "dcterms:creator",
                "author",
                "parsely-author",
                "article:author",
                "og:article:author",
            ])
        })
        .or_else(|| found.byline.clone());

    let published_time = ld
        .and_then(|l| l.date_published.as_deref())
        .and_then(clean_text)
        .or_else(|| {
            meta(&[
                "article:published_time",
                "parsely-pub-date",
                "og:published_time",
                "published_time",
                "dc:date:issued",
                "dcterms:issued",
                "dcterms:created",
                "dc:date",
                "pubdate",
                "publishdate",
                "publish-date",
                "sailthru:date",
                "date",
                "itemprop:datepublished",
            ])
        })
        .or_else(|| found.time.clone());

    let lang = found
        .lang
        .clone()
        .or_else(|| {
            meta(&[
                "http-equiv:content-language",
                "content-language",
                "language",
                "dc:language",
            ])
            .and_then(|l| l.split([',', ';']).next().and_then(clean_text))
        })
        .or_else(|| meta(&["og:locale"]).map(|l| l.replace('_', "-")));

    let excerpt = ld
        .and_then(|l| l.description.as_deref())
        .and_then(clean_text)
        .or_else(|| {
            meta(&[
                "dc:description",
                "dcterm:description",
                "dcterms:description",
                "og:description",
                "description",
                "twitter:description",
            ])
        });

    let canonical_url = found
        .canonical
        .iter()
        .map(String::as_str)
        .chain(found.meta_raw("og:url"))
        .find_map(|href| resolve(href, base_url));
    let base = base_url
        .cloned()
        .or_else(|| canonical_url.as_deref().and_then(web_url));
    let image = found
        .meta_raw("og:image")
        .chain(found.meta_raw("og:image:url"))
        .chain(found.meta_raw("og:image:secure_url"))
        .chain(found.meta_raw("twitter:image"))
        .chain(found.meta_raw("twitter:image:src"))
        .chain(ld.and_then(|l| l.image.as_deref()))
        .chain(found.image_src.as_deref())
        .find_map(|src| resolve(src, base.as_ref()));

    Metadata {
        title,
        byline,
        published_time,
        site_name,
        lang,
        excerpt,
        canonical_url,
        image,
    }
}

/// The JSON-LD title: `headline` and `name` are usually the same; when
/// they differ (some pages put the site's name in `name`), the one that
/// covers the title read from the `<title>` element, else `name`.
fn ld_title(ld: &jsonld::ArticleLd, page_title: Option<&str>) -> Option<String> {
    let headline = ld.headline.as_deref().and_then(clean_text);
    let name = ld.name.as_deref().and_then(clean_text);
    match (headline, name) {
        (Some(headline), Some(name)) if headline != name => {
            let page_title = page_title.unwrap_or_default();
            let agrees = |s: &str| similarity(s, page_title) > 0.75;
            Some(if agrees(&headline) && !agrees(&name) {
                headline
            } else {
                name
            })
        }
        (headline, name) => name.or(headline),
    }
}

/// An absolute `http`/`https` URL.
fn web_url(url: &str) -> Option<Url> {
    Url::parse(url.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
}

/// `href` made absolute against `base` (when it is relative and there is
/// one); `None` unless the result is an `http`/`https` URL.
fn resolve(href: &str, base: Option<&Url>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    let url = match base {
        Some(base) => base.join(href).ok()?,
        None => Url::parse(href).ok().or_else(|| {
            href.starts_with("//")
                .then(|| Url::parse(&format!("https:{href}")).ok())?
        })?,
    };
    matches!(url.scheme(), "http" | "https").then(|| url.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(html: &str) -> Metadata {
        read(&Document::parse(html), None)
    }

    #[test]
    fn declared_titles_win_in_order() {
        let page = r#"<head><title>Page title - Site</title>
            <meta name="twitter:title" content="Twitter title">
            <meta property="og:title" content="Open Graph title">
            <meta name="DC.title" content="Dublin Core title"></head><body><h1>Heading</h1></body>"#;
        assert_eq!(meta_of(page).title(), Some("Dublin Core title"));
        let page = page.replace("DC.title", "other");
        assert_eq!(meta_of(&page).title(), Some("Open Graph title"));
        let ld = r#"<script type="application/ld+json">{"@type":"Article","headline":"From JSON-LD"}</script>"#;
        assert_eq!(
            meta_of(&format!("{ld}{page}")).title(),
            Some("From JSON-LD")
        );
    }

    #[test]
    fn space_separated_properties_each_count() {
        let page = r#"<meta property="x og:title  dc:creator" content="Shared value">"#;
        let meta = meta_of(page);
        assert_eq!(meta.title(), Some("Shared value"));
        assert_eq!(meta.byline(), Some("Shared value"));
    }

    #[test]
    fn json_ld_name_and_headline_disagree() {
        let ld = |name: &str, headline: &str, title: &str| {
            meta_of(&format!(
                r#"<title>{title}</title><script type="application/ld+json">
                {{"@type":"NewsArticle","name":"{name}","headline":"{headline}"}}</script>"#
            ))
            .title
        };
        // `name` holds the site's name: the headline matches the <title>.
        assert_eq!(
            ld(
                "Morning Post",
                "Old bridge reopens after long repairs",
                "Old bridge reopens after long repairs | Morning Post"
            )
            .as_deref(),
            Some("Old bridge reopens after long repairs")
        );
        // Neither matches: `name`.
        assert_eq!(
            ld("Short name", "Long headline here", "Other").as_deref(),
            Some("Short name")
        );
    }

    #[test]
    fn bylines_from_meta_json_ld_and_markup() {
        let ld = r#"<script type="application/ld+json">{"@type":"BlogPosting","author":[{"name":"A. One"},{"name":"B. Two"}]}</script>"#;
        assert_eq!(meta_of(ld).byline(), Some("A. One, B. Two"));
        let page = r#"<meta name="author" content="https://social.example/someone">
            <body><div class="comments"><span class="author">A commenter</span></div>
            <p class="post-byline">By  Jo   Park</p>"#;
        assert_eq!(meta_of(page).byline(), Some("By Jo Park"));
        let page = r#"<div itemprop="author" itemscope><img src=a.png><span itemprop="name">Lee Chan</span>, staff writer</div>"#;
        assert_eq!(meta_of(page).byline(), Some("Lee Chan"));
        let page = r#"<p>Text by <a rel="author" href="/u/mo">Mo Diaz</a></p>"#;
        assert_eq!(meta_of(page).byline(), Some("Mo Diaz"));
        // Too long to be a byline: the name inside is.
        let long = "x".repeat(120);
        let page = format!(
            r#"<div class="author-box"><p>{long}</p><span class="author-name">Ida Berg</span></div>"#
        );
        assert_eq!(meta_of(&page).byline(), Some("Ida Berg"));
        let hidden =
            r#"<span class="byline" hidden>Ghost</span><span class="byline">Real Name</span>"#;
        assert_eq!(meta_of(hidden).byline(), Some("Real Name"));
    }

    #[test]
    fn dates_site_lang_excerpt() {
        let page = r#"<html lang="pt-BR"><head>
            <meta property="article:published_time" content="2026-05-01T10:00:00-03:00">
            <meta property="og:site_name" content="Jornal &amp;amp; Cia">
            <meta name="description" content="  Uma  descrição &quot;curta&quot; "></head>
            <body><time datetime="2020-01-01">old</time></body></html>"#;
        let meta = meta_of(page);
        assert_eq!(meta.published_time(), Some("2026-05-01T10:00:00-03:00"));
        assert_eq!(meta.site_name(), Some("Jornal & Cia"));
        assert_eq!(meta.lang(), Some("pt-BR"));
        assert_eq!(meta.excerpt(), Some("Uma descrição \"curta\""));

        let page = r#"<head><meta http-equiv="Content-Language" content="de, en"></head>
            <body><div class="sidebar"><time datetime="2019-09-09">x</time></div>
            <article><time datetime="2026-02-03">3 Feb</time></article></body>"#;
        let meta = meta_of(page);
        assert_eq!(meta.published_time(), Some("2026-02-03"));
        assert_eq!(meta.lang(), Some("de"));
        let page = r#"<span itemprop="datePublished" content="2026-07-08">8 July</span>"#;
        assert_eq!(meta_of(page).published_time(), Some("2026-07-08"));
    }

    #[test]
    fn urls_are_absolute_web_urls() {
        let page = r#"<head><link rel="canonical" href="https://news.example/a/1?x=1">
            <meta property="og:image" content="/img/lead.jpg"></head>"#;
        let meta = meta_of(page);
        assert_eq!(meta.canonical_url(), Some("https://news.example/a/1?x=1"));
        assert_eq!(meta.image(), Some("https://news.example/img/lead.jpg"));
        // A relative canonical needs a base; other schemes are refused.
        let page = r#"<link rel="canonical" href="/a/2"><meta property="og:url" content="javascript:alert(1)">
            <meta property="og:image" content="file:///etc/passwd">"#;
        let meta = meta_of(page);
        assert_eq!(meta.canonical_url(), None);
        assert_eq!(meta.image(), None);
        let base = Url::parse("https://site.example/x/").unwrap();
        let meta = read(&Document::parse(page), Some(&base));
        assert_eq!(meta.canonical_url(), Some("https://site.example/a/2"));
    }

    #[test]
    fn svg_titles_and_script_text_are_not_titles() {
        let page = r#"<body><svg><title>icon</title></svg><h1>Real</h1>
            <script>var t = '<title>no</title>';</script></body>"#;
        assert_eq!(meta_of(page).title(), None);
        assert!(meta_of("").is_empty());
    }

    #[test]
    fn front_matter_wins_where_it_has_a_value() {
        let mut meta = meta_of(
            r#"<meta property="og:title" content="Page"><meta name="author" content="Page Author">"#,
        );
        let fm = FrontMatter {
            title: Some("Post title".into()),
            date: Some("2026-01-02".into()),
            from: Some("https://blog.example/p/3".into()),
            author: Some("  ".into()),
            ..Default::default()
        };
        meta.apply_front_matter(&fm);
        assert_eq!(meta.title(), Some("Post title"));
        assert_eq!(meta.byline(), Some("Page Author"));
        assert_eq!(meta.published_time(), Some("2026-01-02"));
        assert_eq!(meta.canonical_url(), Some("https://blog.example/p/3"));
    }
}
