//! `Cleaned::metadata`: read from the whole page before the rules run,
//! front matter first for posts, the canonical URL as the base URL.

use article_clean::{Cleaner, Post};

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="nl">
<head>
  <title>Bikes on the ferry - Harbour Weekly</title>
  <meta property="og:site_name" content="Harbour Weekly">
  <meta name="description" content="From May the ferry takes bikes at no charge.">
  <meta property="article:published_time" content="2026-04-30T07:15:00+02:00">
  <meta property="og:image" content="/media/ferry.jpg">
  <link rel="canonical" href="https://weekly.example/news/ferry-bikes">
  <script type="application/ld+json">
    {"@context": "https://schema.org", "@type": "NewsArticle",
     "headline": "Bikes ride the ferry for free from May",
     "author": {"@type": "Person", "name": "Noor de Vries"}}
  </script>
</head>
<body>
  <nav><a href="/">Home</a> <a href="/news">News</a></nav>
  <article>
    <h1>Bikes ride the ferry for free from May</h1>
    <p class="byline">By Noor de Vries</p>
    <p>From the first of May, cyclists can take their bikes on the ferry at no
       charge, the operator said on Tuesday. <a href="timetable">See the timetable</a>.</p>
  </article>
</body>
</html>"#;

#[test]
fn whole_page_metadata() {
    let cleaned = Cleaner::default().clean(PAGE).unwrap();
    let meta = cleaned.metadata();
    assert_eq!(meta.title(), Some("Bikes ride the ferry for free from May"));
    assert_eq!(meta.byline(), Some("Noor de Vries"));
    assert_eq!(meta.published_time(), Some("2026-04-30T07:15:00+02:00"));
    assert_eq!(meta.site_name(), Some("Harbour Weekly"));
    assert_eq!(meta.lang(), Some("nl"));
    assert_eq!(
        meta.excerpt(),
        Some("From May the ferry takes bikes at no charge.")
    );
    assert_eq!(
        meta.canonical_url(),
        Some("https://weekly.example/news/ferry-bikes")
    );
    assert_eq!(meta.image(), Some("https://weekly.example/media/ferry.jpg"));
}

#[test]
fn the_canonical_url_is_the_base_when_none_is_given() {
    let cleaned = Cleaner::default().clean(PAGE).unwrap();
    assert!(
        cleaned
            .html()
            .contains(r#"href="https://weekly.example/news/timetable""#),
        "{}",
        cleaned.html()
    );
    // The caller's base URL wins.
    let cleaned = Cleaner::default()
        .clean_with_url(PAGE, "https://mirror.example/a/b")
        .unwrap();
    assert!(cleaned
        .html()
        .contains(r#"href="https://mirror.example/a/timetable""#));
    // A canonical URL that is not http(s) is no base and no canonical URL.
    let page = PAGE.replace("https://weekly.example/news/ferry-bikes", "file:///etc/x");
    let cleaned = Cleaner::default().clean(&page).unwrap();
    assert_eq!(cleaned.metadata().canonical_url(), None);
    assert!(!cleaned.html().contains("file:"), "{}", cleaned.html());
}

#[test]
fn metadata_survives_the_rules_that_remove_its_sources() {
    // Without JSON-LD and meta tags, the byline comes from the markup
    // that the rules may remove from the output.
    let page = r#"<html><head><title>Quiet streets</title></head><body>
        <div class="post-author">Sam Ortiz</div>
        <p>The town closed the centre to cars on Sundays.</p></body></html>"#;
    let cleaned = Cleaner::default().clean(page).unwrap();
    assert_eq!(cleaned.metadata().byline(), Some("Sam Ortiz"));
    assert_eq!(cleaned.metadata().title(), Some("Quiet streets"));
    assert_eq!(
        cleaned.metadata().excerpt(),
        Some("The town closed the centre to cars on Sundays.")
    );
}

#[test]
fn front_matter_wins_for_posts() {
    let post = Post::parse(&format!(
        "---\ntitle: \"Free bikes on the ferry\"\nauthor: Desk\ndate: 2026-05-01\nfrom: https://feed.example/item/9\n---\n{PAGE}"
    ))
    .unwrap();
    let cleaned = Cleaner::default().clean_post(&post).unwrap();
    let meta = cleaned.metadata();
    assert_eq!(meta.title(), Some("Free bikes on the ferry"));
    assert_eq!(meta.byline(), Some("Desk"));
    assert_eq!(meta.published_time(), Some("2026-05-01"));
    assert_eq!(meta.canonical_url(), Some("https://feed.example/item/9"));
    // Fields the front matter lacks come from the page.
    assert_eq!(meta.site_name(), Some("Harbour Weekly"));
    assert_eq!(meta.lang(), Some("nl"));
}

#[test]
fn fragments_have_little_metadata() {
    let cleaned = Cleaner::default()
        .clean("<p>Just a paragraph of an article body.</p>")
        .unwrap();
    let meta = cleaned.metadata();
    assert_eq!(meta.title(), None);
    assert_eq!(meta.byline(), None);
    assert_eq!(meta.excerpt(), Some("Just a paragraph of an article body."));
    assert!(Cleaner::default().clean("").unwrap().metadata().is_empty());
}

#[test]
fn legacy_encodings_decode_before_metadata_is_read() {
    let page = "<html lang=\"zh-CN\"><head><meta charset=\"gbk\"><meta property=\"og:title\" content=\"渡轮免费载自行车\"></head><body><p>正文。</p></body></html>";
    let (bytes, _, _) = encoding_rs::GBK.encode(page);
    let cleaned = Cleaner::default().clean_bytes(&bytes).unwrap();
    assert_eq!(cleaned.metadata().title(), Some("渡轮免费载自行车"));
    assert_eq!(cleaned.metadata().lang(), Some("zh-CN"));
}
