//! The `promotions` rule, [`Promotions`]: what it does and why is on the type.

use url::Url;

use crate::page::lines::{has_footer_phrase, is_footer_length};
use crate::page::names::{words, Names};
use crate::page::services::is_donation_link;
use crate::text::search::Needles;

use crate::dom::{Document, NodeRef, Visit};
use crate::error::RuleError;
use crate::rule::{Context, Rule};

/// Removes promotion and subscription banners.
///
/// `promotions`: subscription, newsletter, donation, app-download and
/// paywall banners: the publisher selling itself inside the article.
///
/// Three signals, all general:
/// - **where a link goes**: a link to a subscribe/promotion/newsletter/donate
///   page or an app store that wraps only an image (a banner) is removed with
///   the image; a short paragraph whose point is such a link goes too; so
///   is a donation button: a link wrapping only an image or `<picture>`
///   that goes to a donation or payment page (PayPal's `cgi-bin/webscr`,
///   Patreon, Ko-fi, Buy Me a Coffee, Liberapay, Open Collective) or is
///   named after a donation (`donate-us`);
/// - **what a block is called**: `id`/`class` words such as `promo`,
///   `newsletter`, `subscribe`, `paywall`, `donate`, `interstitial`;
/// - **what an image is**: images whose file path names a paywall or
///   subscription banner.
#[derive(Debug, Clone, Copy, Default)]
pub struct Promotions;

/// Words in a link's host or path that mark a subscription or promotion target.
const TARGET_WORDS: &[&str] = &[
    "subscribe",
    "subscription",
    "subscriptions",
    "promotion",
    "promotions",
    "promo",
    "newsletter",
    "newsletters",
    "signup",
    "donate",
    "donation",
    "membership",
    "paywall",
    "freemium",
];

/// Hosts of app stores: a link there inside an article is an app promotion.
const APP_STORE_HOSTS: &[&str] = &["apps.apple.com", "itunes.apple.com", "play.google.com"];

/// True if `href` points at a subscription, newsletter, promotion, donation
/// page or an app store.
#[cfg(test)]
fn is_promo_target(href: &str, base: Option<&Url>) -> bool {
    PromoTargets::new(base).is_target(href)
}

/// [`is_promo_target`] for every link of one page: whether the page's base
/// URL could name a target is decided once, not once per link.
struct PromoTargets<'a> {
    base: Option<&'a Url>,
    base_may_name: bool,
}

impl<'a> PromoTargets<'a> {
    fn new(base: Option<&'a Url>) -> Self {
        let base_may_name = base.is_some_and(|b| target_words().occur_in(b.as_str()));
        PromoTargets {
            base,
            base_may_name,
        }
    }

    fn is_target(&self, href: &str) -> bool {
        if !self.base_may_name && !may_name_a_target(href) {
            return false;
        }
        full_target_check(href, self.base)
    }

    /// True if link `a` goes to a target.
    fn links_to_target(&self, a: &NodeRef) -> bool {
        a.with_attr("href", |h| self.is_target(h)).unwrap_or(false)
    }
}

/// The words [`may_name_a_target`] looks for, ASCII case ignored.
fn target_words() -> &'static Needles {
    static WORDS: std::sync::OnceLock<Needles> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| Needles::new(TARGET_WORDS.iter().chain(APP_STORE_HOSTS).chain(&["email"])))
}

/// Resolves `href` and looks for a target in its host and first path segments.
fn full_target_check(href: &str, base: Option<&Url>) -> bool {
    let url = match base {
        Some(b) => b.join(href.trim()),
        None => Url::parse(href.trim()),
    };
    let Ok(url) = url else { return false };
    let host = url.host_str().unwrap_or("");
    if APP_STORE_HOSTS.contains(&host) {
        return true;
    }
    if host.split('.').any(|label| TARGET_WORDS.contains(&label)) {
        return true;
    }
    // Only the first two path segments, and only short ones: `/subscribe`,
    // `/promotions/...`, `/newsletters/daily`, but not an article slug such
    // as `/2021/police-promotion-scandal`.
    url.path_segments()
        .into_iter()
        .flatten()
        .take(2)
        .map(words)
        .filter(|w| w.len() <= 3)
        .any(|w| {
            w.iter()
                .any(|w| TARGET_WORDS.contains(&w.as_str()) || w == "email")
        })
}

/// False only when the link cannot hold a target word (the caller checks
/// the base it is resolved against once per page): every word the full
/// check finds in a host label or path segment is a substring of the link
/// or the base (ASCII case aside), unless URL parsing rewrites the link
/// (tabs and newlines dropped, `%` escapes decoded in a host, non-ASCII
/// hosts mapped), so such links are always checked in full. Saves parsing
/// a URL for nearly every link on a page.
fn may_name_a_target(href: &str) -> bool {
    let href = href.trim();
    let rewritten = href
        .bytes()
        .any(|b| !b.is_ascii() || matches!(b, b'\t' | b'\n' | b'\r'))
        || escape_in_host(href);
    rewritten || target_words().occur_in(href)
}

/// True if a `%` escape may fall in the link's host, where URL parsing
/// decodes it (in a path it stays as written). A link without a scheme or
/// `//` takes its host from the base. Errs towards true.
fn escape_in_host(href: &str) -> bool {
    let Some(escape) = href.find('%') else {
        return false;
    };
    let b = href.as_bytes();
    let scheme_len = b
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.')))
        .filter(|&i| i > 0 && b[i] == b':' && b[0].is_ascii_alphabetic())
        .map_or(0, |i| i + 1);
    let slashes = b[scheme_len..]
        .iter()
        .take_while(|&&c| c == b'/' || c == b'\\')
        .count();
    if scheme_len == 0 && slashes < 2 {
        return false;
    }
    let host_start = scheme_len + slashes;
    let host_end = b[host_start..]
        .iter()
        .position(|c| matches!(c, b'/' | b'\\' | b'?' | b'#'))
        .map_or(b.len(), |j| host_start + j);
    escape < host_end
}

/// True if an image's source names a paywall or subscription banner.
fn is_banner_image(img: &NodeRef) -> bool {
    ["src", "data-src"].iter().any(|attr| {
        img.with_attr(attr, |src| {
            let path = src.split(['?', '#']).next().unwrap_or("");
            path.rsplit('/').take(3).flat_map(words).any(|w| {
                matches!(
                    w.as_str(),
                    "paywall" | "freemium" | "subscribe" | "subscription"
                )
            })
        })
        .unwrap_or(false)
    })
}

/// A paragraph this short that exists to carry a promotion link is a promotion.
const MAX_PROMO_PARAGRAPH_CHARS: usize = 80;

impl Rule for Promotions {
    fn name(&self) -> &str {
        super::PROMOTIONS
    }

    fn apply(&self, doc: &mut Document, cx: &Context<'_>) -> Result<(), RuleError> {
        let targets = PromoTargets::new(cx.base_url());
        let mut footers = FooterSearch::default();
        // What the un-link pass below needs to know: whether a link left in
        // the tree may go to a promotion page.
        let mut target_link_seen = false;
        let mut matched = Vec::new();
        super::remove_blocks_measured(doc, |el, fact, _| {
            let is_promotion = match el.tag().unwrap_or("") {
                "a" => {
                    let to_promo = targets.links_to_target(el);
                    target_link_seen |= to_promo;
                    // A banner: a promotion link with an image and no words
                    // of its own; or a donation button, whatever its image.
                    !fact.has_visible_text()
                        && ((to_promo && fact.has_img_below())
                            || (fact.has_media_below() && is_donation_link(el, fact.names())))
                }
                "img" => is_banner_image(el),
                tag @ ("p" | "div" | "small") => {
                    // Both checks are for blocks holding a link.
                    let linked_len = fact.has_link_below().then(|| fact.text_len());
                    (tag != "small" && linked_len.is_some_and(|len| footers.is_footer(el, len)))
                        || fact.names().has(Names::PROMOTION)
                        || (tag != "div"
                            && linked_len.is_some_and(|len| is_promo_paragraph(el, len, &targets)))
                }
                _ => fact.names().has(Names::PROMOTION),
            };
            if is_promotion {
                matched.push(el.clone());
            }
            is_promotion
        });
        // Every link was judged above except those inside a matched block,
        // and a matched block is gone unless it holds the story: with no
        // promotion link judged and no matched block kept, none is left.
        let kept_block = matched.iter().any(|el| el.parent().is_some());
        if target_link_seen || kept_block {
            unlink_promotion_links(doc, &targets);
        }
        Ok(())
    }
}

/// Links to promotion pages that are left (inside real sentences) keep
/// their words but lose the link.
fn unlink_promotion_links(doc: &mut Document, targets: &PromoTargets<'_>) {
    // Found without changing the tree, so a read-only visit does.
    let mut unlink = Vec::new();
    doc.body().visit_below(|n| {
        if n.is("a") && n.with_attr("href", |h| targets.is_target(h)) == Some(true) {
            unlink.push(n.clone());
            return Visit::Skip;
        }
        Visit::Descend
    });
    for a in unlink {
        doc.unwrap(&a);
    }
}

/// [`is_feed_footer`] for the elements of a measured page, asked in
/// document order. The text of an element is a piece of the text of each
/// element around it, so once a block's text has been searched in full
/// without finding a phrase, nothing inside it can hold one: blocks nested
/// in it (the `<p>` in a `<div>` in a `<div>`) are not searched again.
#[derive(Default)]
struct FooterSearch {
    /// The last block searched in full without finding a phrase.
    cleared: Option<NodeRef>,
}

impl FooterSearch {
    /// True if `el`, holding a link and `len` visible characters, is a
    /// feed footer.
    fn is_footer(&mut self, el: &NodeRef, len: usize) -> bool {
        if !is_footer_length(len) {
            return false;
        }
        if let Some(cleared) = &self.cleared {
            if el.ancestors().any(|a| a == *cleared) {
                return false;
            }
        }
        let found = has_footer_phrase(el);
        if !found {
            self.cleared = Some(el.clone());
        }
        found
    }
}

/// A short paragraph whose links go to promotion targets and carry a good
/// part of its words: "(Click here to subscribe to our daily briefing.)".
/// `p` holds a link and `len` visible characters.
fn is_promo_paragraph(p: &NodeRef, len: usize, targets: &PromoTargets<'_>) -> bool {
    if len == 0 || len > MAX_PROMO_PARAGRAPH_CHARS {
        return false;
    }
    let mut promo_link_chars = 0;
    for a in p.descendants().filter(|n| n.is("a")) {
        if targets.links_to_target(&a) {
            promo_link_chars += a.text_len();
        }
    }
    promo_link_chars > 0 && promo_link_chars * 10 >= len
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::facts::Facts;
    #[allow(unused_imports)]
    use crate::page::lines::*;
    #[allow(unused_imports)]
    use crate::page::names::*;
    use crate::rules::tests::apply;

    #[test]
    fn recognises_promotion_targets() {
        for href in [
            "https://subscribe.example.com.sg/promotions/3-months/?utm_campaign=x",
            "https://www.example.com/newsletter/signup",
            "https://sso.example.me/email/?source=top-right",
            "https://apps.apple.com/app/id123",
            "/support-us/donate",
        ] {
            assert!(
                is_promo_target(href, Some(&Url::parse("https://example.com/").unwrap())),
                "{href}"
            );
        }
        for href in [
            "https://www.example.com/news/2021/story",
            "https://example.com/subscriber-count-rises",
            "https://example.com/2021/police-promotion-scandal-widens",
        ] {
            assert!(!is_promo_target(href, None), "{href}");
        }
    }

    #[test]
    fn the_quick_check_never_hides_a_target() {
        let base = Url::parse("https://news.example/world/story-1").unwrap();
        // Each is a target only once the URL parser has rewritten it.
        for href in [
            "https://sub\tscribe.example.com/",
            "https://%73ubscribe.example.com/",
            "https://ＳＵＢＳＣＲＩＢＥ.example.com/",
            "/news\nletter/daily",
            "//%73ubscribe.example.com/",
        ] {
            assert!(is_promo_target(href, Some(&base)), "{href}");
        }
        // A relative link takes a target host or path from its base.
        let promo_base = Url::parse("https://subscribe.example.com/offers/").unwrap();
        assert!(is_promo_target("three-months", Some(&promo_base)));
        assert!(!is_promo_target("https://news.example/a", Some(&base)));
        // Escapes in a path are not decoded, so they cannot hide a target.
        assert!(!escape_in_host(
            "https://news.example/%E4%B8%AD/%73ubscribe"
        ));
        assert!(!escape_in_host("%E4%B8%AD.html"));
        assert!(escape_in_host("https://%73ubscribe.example.com/x"));
        assert!(escape_in_host("https:\\\\%73ub.example.com"));
    }

    /// Fed node by node, the automaton finds what searching the joined
    /// text finds: every phrase split across elements at every byte
    /// between characters, in both cases, and near misses.
    #[test]
    fn phrases_are_found_across_text_nodes() {
        let joined = |el: &NodeRef| {
            super::super::with_text_content(el, |text| {
                crate::text::search::caseless_words(FEED_FOOTER_PHRASES).is_match(text)
            })
        };
        let mut texts = Vec::new();
        for phrase in FEED_FOOTER_PHRASES {
            for text in [
                phrase.to_string(),
                phrase.to_uppercase(),
                phrase.replace('e', "é"),
            ] {
                let cuts: Vec<usize> = (0..=text.len())
                    .filter(|&i| text.is_char_boundary(i))
                    .collect();
                for &i in &cuts {
                    texts.push(format!("x <i>{}</i><b>{} y</b>", &text[..i], &text[i..]));
                    texts.push(format!("{}<script>{}</script>", &text[..i], &text[i..]));
                    texts.push(format!("{}<br>-{}", &text[..i], &text[i..]));
                }
            }
        }
        let mut found = 0;
        for text in &texts {
            let doc = Document::parse(&format!("<p>{text}</p>"));
            let p = doc.body().first_child().expect("a paragraph");
            assert_eq!(has_footer_phrase(&p), joined(&p), "{text}");
            found += usize::from(joined(&p));
        }
        assert!(found * 3 > texts.len() && found < texts.len(), "{found}");
    }

    /// Stepping the automaton finds what the search call finds.
    #[test]
    fn needles_are_found_as_a_search_finds_them() {
        let words = TARGET_WORDS.iter().chain(APP_STORE_HOSTS).chain(&["email"]);
        let search = crate::text::search::caseless_words(words.clone());
        let pieces = [
            "subscr",
            "ibe",
            "SUB",
            "Promo",
            "news",
            "letter",
            "/",
            "e",
            "mail",
            "apps.apple",
            ".com",
            "x",
            "é",
            "don",
            "ate",
            "pay",
            "WALL",
            "\u{212A}",
        ];
        let mut random = crate::testing::xorshift(0x5eed5);
        let mut found = 0;
        for _ in 0..20_000 {
            let len = random() as usize % 6;
            let text: String = (0..len)
                .map(|_| pieces[random() as usize % pieces.len()])
                .collect();
            assert_eq!(
                target_words().occur_in(&text),
                search.is_match(&text),
                "{text}"
            );
            found += usize::from(search.is_match(&text));
        }
        assert!(found > 1000 && found < 19_000, "{found}");
    }

    #[test]
    fn feed_footer_phrases_match_in_any_case() {
        let html = r#"<p>Story.</p><p>The post <a href="https://blog.example/a">A</a> APPEARED FIRST ON <a href="https://blog.example">Blog</a>.</p>"#;
        let (out, _) = apply(&Promotions, html);
        assert_eq!(out, "<p>Story.</p>");
    }

    /// The search that skips blocks inside a cleared one must answer as
    /// asking each block on its own does, whatever order of nesting.
    #[test]
    fn skipping_cleared_blocks_changes_no_answer() {
        let footer = r#"The post <a href="x">A</a> appeared first on <b>Blog</b>."#;
        let plain = r#"Read <a href="y">more</a> here."#;
        for html in [
            format!("<div><div><p>{plain}</p></div><p>{footer}</p></div>"),
            format!("<div><p>{footer}</p><div><p>{footer}</p></div></div>"),
            format!("<div><div><p>{plain}</p></div></div><div><p>{footer}</p></div>"),
            "<div>The post <p><a href=x>A</a> appeared</p> first on it.</div>".to_string(),
            format!("<div><p>{plain}</p><p>{plain}</p></div><p>{footer}</p>"),
            format!("<p>{plain}<span><div>{footer}</div></span></p>"),
            format!(
                "<div><div>{}<p>{footer}</p></div></div>",
                "long ".repeat(80)
            ),
        ] {
            let doc = Document::parse(&html);
            let facts = Facts::measure(&doc);
            let mut search = FooterSearch::default();
            let mut footers = 0;
            for el in doc.body().element_descendants() {
                if !el.is_any(&["p", "div"]) {
                    continue;
                }
                let linked = el.contains_tag(&["a"]);
                let alone = linked && is_short_footer(&el, el.text_len());
                let searched = linked && search.is_footer(&el, facts.text_len(&el));
                assert_eq!(searched, alone, "{el:?} in {html}");
                footers += usize::from(alone);
            }
            assert!(footers > 0, "{html}");
        }
    }

    #[test]
    fn links_inside_a_kept_named_block_lose_the_link() {
        // The named block holds the story, so it stays; its links were
        // never judged while finding blocks.
        let story = "The paper reported on the price of things across the region. ".repeat(5);
        let html = format!(
            r#"<div class="newsletter-body"><p>{story}<a href="https://example.com/subscribe">offers</a>.</p></div>"#
        );
        let (out, edits) = apply(&Promotions, &html);
        assert!(out.contains("offers") && !out.contains("<a"), "{out}");
        assert!(out.contains("newsletter-body"), "{out}");
        assert!(!edits.is_empty());
    }

    #[test]
    fn links_judged_for_a_short_paragraph_keep_their_verdicts() {
        // The paragraph is short and holds links, so its links are judged
        // before finding blocks reaches them: the banner still goes, the
        // story link stays a link.
        let html = r#"<p>See <a href="https://example.com/subscribe"><img src="b.png"></a> or <a href="https://example.com/news/2">the story</a> now.</p>"#;
        let (out, edits) = apply(&Promotions, html);
        assert_eq!(
            out,
            r#"<p>See  or <a href="https://example.com/news/2">the story</a> now.</p>"#
        );
        assert_eq!(edits.len(), 1);
    }

    #[test]
    fn removes_banner_links_with_their_images() {
        let html = r#"<p>Story.</p><a href="https://subscribe.example.com/promotions/x/?utm_source=zb"><img data-src="https://static.example.com/images/paywall_desktop.png" src="a.png"></a><a href="https://subscribe.example.com/promotions/x/"><img src="https://static.example.com/images/paywall_mobile.png"></a>"#;
        let (out, edits) = apply(&Promotions, html);
        assert_eq!(out, "<p>Story.</p>");
        assert_eq!(edits.len(), 2);
    }

    #[test]
    fn donation_buttons_go_whatever_their_image() {
        let html = r#"<p>Story.</p><p><a href="https://www.paypal.com/cgi-bin/webscr?cmd=_s-xclick&amp;hosted_button_id=Q1"><img src="/btn_donate.gif"></a></p><a href="https://ko-fi.com/someone"><picture><source srcset="/kofi.webp" type="image/webp"><img src="/kofi.png"></picture></a><a class="donate-us" href="/support"><svg></svg></a>"#;
        let (out, edits) = apply(&Promotions, html);
        assert_eq!(out, "<p>Story.</p>");
        // The three buttons, and the paragraph the first one leaves empty.
        assert_eq!(edits.len(), 4, "{edits:?}");
    }

    #[test]
    fn links_to_donation_sites_with_words_stay_links() {
        // A source on Patreon, a named button with words: content and a
        // call the reader can read, neither a banner.
        let html = r#"<p>The list is <a href="https://www.patreon.com/posts/123">here</a>.</p><p><a class="donate-us" href="/support">Support our reporting</a> if you can.</p>"#;
        let (out, edits) = apply(&Promotions, html);
        assert_eq!(out, html);
        assert!(edits.is_empty());
    }

    #[test]
    fn removes_named_blocks_and_short_promo_paragraphs() {
        let html = r#"<p>Story.</p><div class="newsletter-signup">Get our mail</div><p><i>(Click </i><a href="https://sso.example.me/email/?source=top"><i>here</i></a><i> to get the </i><a href="https://example.com/newsletter/"><i>daily brief</i></a><i>.)</i></p><div class="m-interstitial"></div><p>End.</p>"#;
        let (out, _) = apply(&Promotions, html);
        assert_eq!(out, "<p>Story.</p><p>End.</p>");
    }

    #[test]
    fn feed_footers_are_removed() {
        let html = r#"<p>Story.</p><hr><p><a href="https://medium.com/x/story-1">Story</a> was originally published in <a href="https://medium.com/x">X</a> on Medium, where people are continuing the conversation.</p><p>The post <a href="https://blog.example/a">A</a> appeared first on <a href="https://blog.example">Blog</a>.</p>"#;
        let (out, _) = apply(&Promotions, html);
        assert_eq!(out, "<p>Story.</p><hr>");
    }

    #[test]
    fn a_promotion_link_inside_a_real_sentence_keeps_its_words() {
        let long = "The paper reported on the price of subscriptions across the region, ".repeat(3);
        let html =
            format!(r#"<p>{long}<a href="https://example.com/subscribe">see offers</a>.</p>"#);
        let (out, _) = apply(&Promotions, &html);
        assert!(out.contains("see offers"));
        assert!(!out.contains("<a"));
    }
}
