//! The `ad-slots` rule, [`AdSlots`]: what it does and why is on the type.

use crate::dom::{Document, NodeRef};
use crate::error::RuleError;
use crate::html::tags::{TagSet, AD_LABEL_HOLDERS};
use crate::page::facts::Fact;
use crate::page::names::{Marks, Names};
use crate::rule::{Context, Rule};

/// Removes ad slots.
///
/// `ad-slots`: ad units, recognised by the names ad servers and CMSes give them.
///
/// Matches whole words of `id`/`class` (see `page::names`), so
/// `dfp-ad-imu1`, `div-gpt-ad-123`, `bbccom_mpu_3`, `o-ads` and
/// `in-article-advert` are ads while `header`, `shadow`, `download`, `lead`
/// and `read` are not. Also matches ad-server data attributes
/// (`data-ad-slot`, `data-google-query-id`, ...) and `<ins class="adsbygoogle">`.
/// The containers left holding only removed ads (`<section id="imu">`) go too.
#[derive(Debug, Clone, Copy, Default)]
pub struct AdSlots;

/// True if the element is named as an ad unit: an ad word in its `id` or
/// classes (`<section id="imu">`, a slot position, only when it holds no
/// text: as a word on its own it is too short to trust on elements with
/// text), ad-server data attributes, or `<ins class="adsbygoogle">`.
fn is_ad_slot(el: &NodeRef, fact: &Fact) -> bool {
    let names = fact.names();
    names.has(Names::AD)
        || names.has(Names::AD_POSITION) && !fact.has_visible_text()
        || fact.marks().has(Marks::AD_DATA)
        || el.is("ins") && el.has_class("adsbygoogle")
}

/// The label an ad slot leaves behind when its ad did not load.
const AD_LABELS: &[&str] = &[
    "advertisement",
    "advertisements",
    "advert",
    "sponsored",
    "sponsored content",
    "paid content",
    "广告",
    "廣告",
    "赞助内容",
    "anzeige",
    "publicité",
    "publicidad",
    "pubblicità",
    "реклама",
];

/// True if `el`, one of the [`AD_LABEL_HOLDERS`], holds only an ad label.
fn is_ad_label(el: &NodeRef, fact: &Fact) -> bool {
    if fact.text_len() > 24
        || fact.has_media_below()
        || fact.has_link_below()
        // All-blank text trims to nothing, which is no label: cheaper to
        // know than to gather the text.
        || !fact.has_visible_text()
    {
        return false;
    }
    super::with_text_content(el, is_ad_label_text)
}

/// True if `text`, less the dashes and spaces around it, is an ad label in
/// any letter case.
fn is_ad_label_text(text: &str) -> bool {
    let label = text.trim_matches(|c: char| c == '-' || c == '—' || c.is_whitespace());
    if label.is_ascii() {
        // The labels are lower-case: this is `to_lowercase` without the copy.
        AD_LABELS.iter().any(|l| l.eq_ignore_ascii_case(label))
    } else {
        // Most such text is no label: its first letter rules out nearly all.
        let Some(first) = label.chars().next() else {
            return false;
        };
        let mut first_lower = first.to_lowercase();
        let starts = first_lower.next();
        AD_LABELS
            .iter()
            .any(|l| l.chars().next() == starts && lowercases_to(label, l))
    }
}

/// True if `text` lower-cased is `lower`, a label, compared character by
/// character without building the lower-cased copy. `str::to_lowercase`
/// differs from lower-casing each character only for a final capital sigma
/// (`ς`, not `σ`), and no label has either sigma.
fn lowercases_to(text: &str, lower: &str) -> bool {
    text.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

impl Rule for AdSlots {
    fn name(&self) -> &str {
        super::AD_SLOTS
    }

    fn apply(&self, doc: &mut Document, _cx: &Context<'_>) -> Result<(), RuleError> {
        super::remove_blocks_measured(doc, |el, fact, _| {
            // Paragraphs and list items are text, whatever they are called.
            let tag = fact.tag();
            (!PARAGRAPH_OR_ITEM.contains(tag) && is_ad_slot(el, fact))
                || (AD_LABEL_HOLDERS.contains(tag) && is_ad_label(el, fact))
        });
        Ok(())
    }
}

/// `<p>` and `<li>`.
const PARAGRAPH_OR_ITEM: TagSet = TagSet::of(&["p", "li"]);

#[cfg(test)]
mod tests {
    use crate::rules::tests::apply;

    #[test]
    fn removes_named_ad_units_and_their_wrappers() {
        let html = r#"<p>a</p><section id="imu"><div id="dfp-ad-imu1-wrapper" class="dfp-tag-wrapper"><div id="dfp-ad-imu1"></div></div></section><p>b</p><div id="innity-in-post"></div><div id="div-gpt-ad-12-0"></div><ins class="adsbygoogle" data-ad-client="x"></ins><div class="bbccom_slot mpu-ad"><div class="bbccom_advert">Advertisement</div></div><div class="o-ads"></div><aside class="in-article-advert">promo</aside><div data-google-query-id="q"></div>"#;
        let (out, report) = apply(&super::AdSlots, html);
        assert_eq!(out, "<p>a</p><p>b</p>");
        assert!(
            report.iter().any(|e| e.element == "section#imu"),
            "{report:?}"
        );
    }

    #[test]
    fn words_that_merely_contain_ad_are_kept() {
        let html = r#"<div class="header">h</div><div class="shadow">s</div><a class="download">d</a><p class="lead">l</p><div id="read-more">r</div><div class="thread">t</div><div class="loading">x</div>"#;
        let (out, report) = apply(&super::AdSlots, html);
        assert_eq!(out, html);
        assert!(report.is_empty());
    }

    #[test]
    fn leftover_ad_labels_go() {
        let html = "<p>Story.</p><div>ADVERTISEMENT</div><p>More.</p><p><span>— 广告 —</span></p><p>Advertisement is a word in this sentence.</p>";
        let (out, _) = apply(&super::AdSlots, html);
        assert_eq!(
            out,
            "<p>Story.</p><p>More.</p><p>Advertisement is a word in this sentence.</p>"
        );
    }

    /// The measured check, with its blank-text shortcut, against reading
    /// every element's text.
    #[test]
    fn measured_labels_are_the_labels_in_the_text() {
        let html = "<div> \u{3000} </div><div><script>advertisement</script></div>\
            <span>\n<b> </b>\u{a0}</span><small>— ANZEIGE —</small><div><p> </p>\
            <p>广告</p></div><section><style>x</style> Sponsored </section><p>—</p>";
        let doc = crate::dom::Document::parse(html);
        let facts = crate::page::facts::Facts::measure(&doc);
        let mut labels = 0;
        for el in doc.body().element_descendants() {
            let read = el.is_any(&["p", "div", "span", "small", "aside", "section"])
                && el.text_len() <= 24
                && !el.contains_any(crate::html::tags::MEDIA)
                && !el.contains_tag(&["a"])
                && super::is_ad_label_text(&el.text_content());
            let fact = facts.of(&el).expect("measured");
            let label =
                el.is_in(crate::html::tags::AD_LABEL_HOLDERS) && super::is_ad_label(&el, fact);
            assert_eq!(label, read, "{el:?}");
            labels += usize::from(read);
        }
        assert_eq!(labels, 4);
    }

    #[test]
    fn label_text_matches_as_lower_casing_would() {
        let lowered = |t: &str| {
            let label = t.trim_matches(|c: char| c == '-' || c == '—' || c.is_whitespace());
            super::AD_LABELS.contains(&label.to_lowercase().as_str())
        };
        for label in super::AD_LABELS {
            assert_eq!(*label, label.to_lowercase(), "labels are lower-case");
            for text in [
                label.to_string(),
                label.to_uppercase(),
                format!(" — {} —\u{3000}", label.to_uppercase()),
                format!("-{label}-x"),
                format!("{label}s"),
                label.replace('e', "\u{212A}"),
            ] {
                assert_eq!(super::is_ad_label_text(&text), lowered(&text), "{text}");
            }
        }
        for text in [
            "",
            " - ",
            "AD",
            "Advertisement\u{301}",
            "ADVERTİSEMENT",
            "РЕКЛАМА",
            "РЕКЛАМАΣ",
            "ΣРЕКЛАМА",
            "广告Σ",
            "廣\u{212A}告",
            "ПУБЛИЦИТЕ",
        ] {
            assert_eq!(super::is_ad_label_text(text), lowered(text), "{text}");
        }
    }

    #[test]
    fn a_container_holding_the_article_is_not_an_ad() {
        let body = "<p>".to_string() + &"word ".repeat(100) + "</p>";
        let html = format!(r#"<div class="ad-free-article">{body}{body}</div>"#);
        let (out, _) = apply(&super::AdSlots, &html);
        assert!(out.contains("word"));
    }
}
