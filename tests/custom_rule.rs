//! A rule written outside the crate plugs in exactly like a built-in one,
//! and built-in rules can be taken out by name.

use article_clean::{Action, Cleaner, Context, Document, Rule, RuleError, Verdict};

/// Replaces `<span class="price">` with its text in brackets and removes
/// `<aside class="pull-quote">`, reporting both like a built-in rule would.
struct HouseStyle;

impl Rule for HouseStyle {
    fn name(&self) -> &str {
        "house-style"
    }

    fn apply(&self, doc: &mut Document, cx: &Context<'_>) -> Result<(), RuleError> {
        // The context carries what a rule may need about the article.
        if cx.source_host() == Some("refuse.example") {
            return Err(RuleError::new("not for this site"));
        }
        let prices: Vec<_> = doc
            .elements()
            .filter(|e| e.is("span") && e.has_class("price"))
            .collect();
        for price in prices {
            let text = format!("[{}]", price.text_content().trim());
            let replacement = doc.new_text(&text);
            doc.replace(&price, &replacement);
        }
        doc.walk(|_, el| {
            if el.is("aside") && el.has_class("pull-quote") {
                Verdict::Remove
            } else {
                Verdict::Keep
            }
        });
        Ok(())
    }
}

const HTML: &str = r#"<div><p>Tickets cost <span class="price">12 euros</span> this year.</p>
<aside class="pull-quote">“A quote repeated from below.”</aside>
<p>More at <a href="https://venue.example/tickets?utm_source=newsletter&amp;day=2">the venue</a>.</p></div>"#;

#[test]
fn an_outside_rule_runs_in_the_pipeline_and_is_reported() {
    let cleaner = Cleaner::builder().rule(HouseStyle).build().unwrap();
    assert!(cleaner.rule_names().contains(&"house-style"));
    let cleaned = cleaner
        .clean_with_url(HTML, "https://news.example/a")
        .unwrap();
    assert_eq!(
        cleaned.text(),
        "Tickets cost [12 euros] this year.\n\nMore at the venue.\n"
    );
    let ours: Vec<_> = cleaned.report().by_rule("house-style").collect();
    assert!(ours
        .iter()
        .any(|e| e.action == Action::Removed && e.element == "aside.pull-quote"));
    assert!(ours.iter().any(|e| e.element == "span.price"));
}

#[test]
fn a_failing_outside_rule_is_rolled_back_and_the_rest_still_runs() {
    let cleaner = Cleaner::builder().rule(HouseStyle).build().unwrap();
    let cleaned = cleaner
        .clean_with_url(HTML, "https://refuse.example/a")
        .unwrap();
    assert!(cleaned.text().contains("12 euros"));
    assert!(cleaned.report().by_rule("house-style").any(
        |e| matches!(&e.action, Action::RolledBack { reason } if reason.contains("not for this site"))
    ));
    // tracking-params still ran.
    assert!(!cleaned.html().contains("utm_source"));
}

#[test]
fn removing_a_builtin_rule_by_name_changes_the_output() {
    let all = Cleaner::default().clean(HTML).unwrap();
    assert!(!all.html().contains("utm_source"));
    let without = Cleaner::builder()
        .remove_rule("tracking-params")
        .build()
        .unwrap()
        .clean(HTML)
        .unwrap();
    assert!(without.html().contains("utm_source=newsletter"));
    assert_eq!(without.report().by_rule("tracking-params").count(), 0);
}

#[test]
fn rules_can_be_placed_exactly() {
    let cleaner = Cleaner::builder()
        .rule_before("ad-slots", HouseStyle)
        .build()
        .unwrap();
    let names = cleaner.rule_names();
    let ours = names.iter().position(|n| *n == "house-style").unwrap();
    assert_eq!(names[ours + 1], "ad-slots");
}

/// Keeps only the element marked `data-keep`: an extraction of part of
/// the page, when `extracts` says so.
struct KeepMarked {
    extracts: bool,
}

impl Rule for KeepMarked {
    fn name(&self) -> &str {
        "keep-marked"
    }

    fn apply(&self, doc: &mut Document, _cx: &Context<'_>) -> Result<(), RuleError> {
        doc.walk(|_, el| {
            if el.has_attr("data-keep") {
                Verdict::Skip
            } else if el.descendants().any(|n| n.has_attr("data-keep")) {
                Verdict::Keep
            } else {
                Verdict::Remove
            }
        });
        Ok(())
    }

    fn extracts(&self) -> bool {
        self.extracts
    }
}

#[test]
fn a_rule_that_extracts_may_remove_most_of_the_text() {
    let long = "A long paragraph of the page that is not the part kept. ".repeat(20);
    let html = format!("<p>{long}</p><div><p data-keep>The part kept.</p></div><p>{long}</p>");
    for extracts in [false, true] {
        let cleaner = Cleaner::builder()
            .no_default_rules()
            .rule(KeepMarked { extracts })
            .build()
            .unwrap();
        let cleaned = cleaner.clean(&html).unwrap();
        let rolled_back = cleaned
            .report()
            .by_rule("keep-marked")
            .any(|e| matches!(e.action, Action::RolledBack { .. }));
        assert_eq!(rolled_back, !extracts, "extracts: {extracts}");
        assert_eq!(
            cleaned.text() == "The part kept.\n",
            extracts,
            "{}",
            cleaned.text()
        );
    }
}
