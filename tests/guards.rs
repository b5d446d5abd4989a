//! A naming rule never removes the element holding the article.
//!
//! Themes put words on the article's own container that the naming rules
//! look for: `<article data-ad-tags>`, `non-ad-column-l`,
//! `m-advertisement-off-canvas--pusher`, `content-with-sidebar-wrp`,
//! `l-sidebar-fixed l-article-body-segment`,
//! `<main class="js-social-anchor-start">`. Each case below has the
//! structure and names of a real page where that removed the whole story
//! (`../shared/hostile/` keeps minimal copies), in our own words: once as
//! the bare page, once as a whole page with a head, navigation and footer.

use article_clean::Cleaner;

const STORY: [&str; 3] = [
    "The reading room on Quay Street reopened on Saturday after eighteen months of repairs to its leaking roof and its old heating pipes.",
    "Volunteers carried four thousand books back up the stairs by hand, because the lift will not be fixed until the spring.",
    "The librarian said the first visitor was a boy who had kept the same overdue atlas for the whole closure.",
];

/// A teaser of the block that follows the story: a linked headline and
/// a line of summary.
const ASIDE: &str = r#"Most popular: <a href="/news/winter-swim">Harbour swimmers brave the first frost</a> of the year for the annual charity dip."#;

fn story_html() -> String {
    STORY.iter().map(|p| format!("<p>{p}</p>")).collect()
}

/// The two forms of a case: `open` and `close` wrap the story, `after` is
/// the block that follows it.
fn pages(open: &str, close: &str, after: &str) -> [String; 2] {
    let bare = format!(
        "<html><body>{open}{}{close}{after}</body></html>",
        story_html()
    );
    let whole = format!(
        r#"<!DOCTYPE html><html><head><title>Reading room reopens</title><link rel="stylesheet" href="/s.css"></head><body>
<header class="site-header"><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<div class="page">{open}<h1>Reading room reopens</h1>{}{close}{after}</div>
<footer class="site-footer"><a href="/about">About us</a> <a href="/privacy">Privacy</a></footer></body></html>"#,
        story_html()
    );
    [bare, whole]
}

fn assert_story_kept(case: &str, open: &str, close: &str, after: &str) {
    let cleaner = Cleaner::default();
    for (form, html) in ["bare page", "whole page"]
        .iter()
        .zip(pages(open, close, after))
    {
        let cleaned = cleaner.clean(&html).expect("cleans");
        for paragraph in STORY {
            assert!(
                cleaned.text().contains(paragraph),
                "{case} ({form}): lost {paragraph:?}\n{}",
                cleaned.text()
            );
        }
        if *form == "whole page" {
            // On a whole page the article is extracted: the rest goes.
            for furniture in ["Most popular", "About us", "Sport"] {
                assert!(
                    !cleaned.text().contains(furniture),
                    "{case} ({form}): kept {furniture:?}\n{}",
                    cleaned.text()
                );
            }
        }
    }
}

fn aside(tag: &str, class: &str) -> String {
    format!(r#"<{tag} class="{class}"><p>{ASIDE}</p><p>{ASIDE}</p></{tag}>"#)
}

#[test]
fn an_article_with_ad_tags_data() {
    assert_story_kept(
        "article[data-ad-tags]",
        r#"<article data-ad-tags='{"section":["local"]}'>"#,
        "</article>",
        &aside("aside", "rail"),
    );
}

#[test]
fn a_non_ad_column() {
    assert_story_kept(
        "section.non-ad-column-l",
        r#"<section class="non-ad-column-l">"#,
        "</section>",
        &aside("section", "more"),
    );
}

#[test]
fn an_off_canvas_advertisement_pusher() {
    assert_story_kept(
        "div.m-advertisement-off-canvas--pusher",
        r#"<div class="m-advertisement-off-canvas--pusher">"#,
        "</div>",
        &format!("<footer><p>{ASIDE}</p></footer>"),
    );
}

#[test]
fn content_with_a_sidebar() {
    assert_story_kept(
        "div.content-with-sidebar-wrp",
        r#"<div class="content-with-sidebar-wrp">"#,
        "</div>",
        &aside("div", "more"),
    );
}

#[test]
fn a_main_with_a_social_anchor() {
    assert_story_kept(
        "main.js-social-anchor-start",
        r#"<main class="container js-social-anchor-start">"#,
        "</main>",
        &aside("div", "more"),
    );
}

#[test]
fn an_article_body_segment_in_a_fixed_sidebar_layout() {
    assert_story_kept(
        "div.l-sidebar-fixed.l-article-body-segment",
        r#"<div class="l-sidebar-fixed l-article-body-segment">"#,
        "</div>",
        &aside("div", "l-rail"),
    );
}

#[test]
fn a_real_sidebar_still_goes() {
    // The guard is for the article's container, not for anything long.
    let html = format!(
        r#"<div class="entry-content">{}</div><div class="sidebar"><p>{ASIDE}</p></div>"#,
        story_html()
    );
    let cleaned = Cleaner::default().clean(&html).unwrap();
    assert!(cleaned.text().contains(STORY[0]));
    assert!(
        !cleaned.text().contains("Most popular"),
        "{}",
        cleaned.text()
    );
}
