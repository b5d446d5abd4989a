//! The rollback guard: a rule that fails, panics, or takes most of the
//! article's paragraph text in one pass is undone and reported.

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::dom::{Document, Edit};
use crate::report::{Action, Entry, Report};
use crate::rule::{Context, Rule};

/// Keeps or undoes each rule's changes.
#[derive(Clone, Copy, Debug)]
pub(super) struct Guard {
    /// The share of all text (0.0 to 1.0) one rule may remove before its
    /// paragraph text is weighed.
    pub(super) max_removal_ratio: f64,
}

/// What became of one rule's changes.
pub(super) enum Outcome {
    /// Kept: what the rule did, for the report.
    Kept(Vec<Edit>),
    /// Undone: why, and how many changes.
    RolledBack { reason: String, undone: usize },
}

impl Guard {
    /// Applies `rule` to `doc` and keeps its changes, unless it failed,
    /// panicked or took most of the article.
    pub(super) fn apply(&self, rule: &dyn Rule, doc: &mut Document, cx: &Context<'_>) -> Outcome {
        if let Err(reason) = try_apply(rule, doc, cx) {
            return roll_back(doc, reason);
        }
        // Most rules remove a little: only when one took most of all the
        // text is the paragraph text measured. A rule that extracts part
        // of the page (the main content) removes most of it by design.
        if !rule.extracts() && self.took_most_text(doc, doc.pending_removed_text()) {
            return self.weigh_paragraph_loss(rule, doc, cx);
        }
        Outcome::Kept(doc.commit())
    }

    /// True if the `lost` characters a rule removed are more than the
    /// removal ratio of all visible text before it. All visible text, not
    /// paragraph text: a page whose story sits in bare `<div>` text has
    /// little paragraph text, and losing a 5-character list item there is
    /// not losing the article. What is left is counted only as far as the
    /// answer needs: past `lost × (1 − ratio) / ratio` characters, no.
    fn took_most_text(&self, doc: &Document, lost: usize) -> bool {
        let ratio = self.max_removal_ratio;
        if lost == 0 || ratio >= 1.0 {
            return false;
        }
        // lost > ratio × (left + lost)  ⇔  left < lost × (1 − ratio) / ratio
        let enough = if ratio > 0.0 {
            (lost as f64 * (1.0 - ratio) / ratio).ceil() as usize
        } else {
            usize::MAX
        };
        // Counted, not read from the page facts: catching them up with the
        // rule's changes costs more than counting this far, and the next
        // rule may not ask for them.
        let left = doc.body().text_len_capped(enough);
        lost as f64 > ratio * (left + lost) as f64
    }

    /// The paragraph text measured after the rule and, by undoing it,
    /// before: past the ratio the rule stays undone; otherwise what it took
    /// was not the article (a comment thread), and since rules are
    /// deterministic it is applied again.
    fn weigh_paragraph_loss(
        &self,
        rule: &dyn Rule,
        doc: &mut Document,
        cx: &Context<'_>,
    ) -> Outcome {
        let after = doc.paragraph_text_len();
        let undone = doc.roll_back().len();
        let before = doc.paragraph_text_len();
        let lost = before.saturating_sub(after);
        if before > 0 && lost as f64 > self.max_removal_ratio * before as f64 {
            let reason = format!("would remove {lost} of {before} characters of paragraph text");
            return Outcome::RolledBack { reason, undone };
        }
        match try_apply(rule, doc, cx) {
            Ok(()) => Outcome::Kept(doc.commit()),
            Err(_) => roll_back(doc, "rule failed when applied again".into()),
        }
    }
}

impl Outcome {
    /// Adds what became of rule `rule` to the report: each change kept, or
    /// one entry saying why all were undone.
    pub(super) fn record(self, rule: &str, report: &mut Report) {
        match self {
            Outcome::RolledBack { reason, undone } => report.push(Entry {
                rule: rule.to_string(),
                action: Action::RolledBack {
                    reason: format!("{reason} ({undone} changes undone)"),
                },
                element: "body".into(),
                text_len: 0,
                excerpt: String::new(),
            }),
            Outcome::Kept(edits) => {
                for e in edits {
                    report.push(Entry {
                        rule: rule.to_string(),
                        action: e.action,
                        element: e.element,
                        text_len: e.text_len,
                        excerpt: e.excerpt,
                    });
                }
            }
        }
    }
}

/// Applies `rule`; the reason it failed or panicked, if it did.
fn try_apply(rule: &dyn Rule, doc: &mut Document, cx: &Context<'_>) -> Result<(), String> {
    match catch_unwind(AssertUnwindSafe(|| rule.apply(doc, cx))) {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(format!("rule failed: {e}")),
        Err(panic) => Err(format!("rule panicked: {}", panic_message(&panic))),
    }
}

/// Undoes everything since the last commit, for `reason`.
fn roll_back(doc: &mut Document, reason: String) -> Outcome {
    let undone = doc.roll_back().len();
    Outcome::RolledBack { reason, undone }
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}
