//! What the pipeline did to a document, rule by rule.

use std::fmt;

/// What a rule did to one element.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Action {
    /// The element and everything inside it was removed.
    Removed,
    /// The element was replaced by its children.
    Unwrapped,
    /// The element was given another tag name.
    Renamed {
        /// The new tag name.
        to: String,
    },
    /// An attribute was rewritten (a URL cleaned, a lazy source promoted).
    Rewrote {
        /// The attribute.
        attr: String,
    },
    /// An attribute was dropped.
    DroppedAttr {
        /// The attribute.
        attr: String,
    },
    /// All changes of the rule were undone.
    RolledBack {
        /// Why: the rule's error, or the share of paragraph text it would have removed.
        reason: String,
    },
    /// A remark from a rule that changed nothing by itself.
    Note {
        /// The remark.
        message: String,
    },
}

/// Serialized as its display text (`"removed"`, `"rewrote href"`,
/// `"rolled back: ..."`), so new kinds of action need no new shape.
#[cfg(feature = "serde")]
impl serde::Serialize for Action {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::Removed => f.write_str("removed"),
            Action::Unwrapped => f.write_str("unwrapped"),
            Action::Renamed { to } => write!(f, "renamed to <{to}>"),
            Action::Rewrote { attr } => write!(f, "rewrote {attr}"),
            Action::DroppedAttr { attr } => write!(f, "dropped {attr}"),
            Action::RolledBack { reason } => write!(f, "rolled back: {reason}"),
            Action::Note { message } => write!(f, "note: {message}"),
        }
    }
}

/// One line of the report.
///
/// With the `serde` feature it serializes as an object with these fields,
/// the action as its display text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Entry {
    /// Name of the rule that made the change.
    pub rule: String,
    /// What it did.
    pub action: Action,
    /// The element, as `tag#id.class1.class2`.
    pub element: String,
    /// Non-whitespace characters of text the change took out of the document
    /// (0 for rewrites and unwraps).
    pub text_len: usize,
    /// The start of the text taken out (up to 80 characters), empty for
    /// rewrites and unwraps.
    pub excerpt: String,
}

impl Entry {
    /// An entry for a change that took no text out (a rewrite, an unwrap, a
    /// note): [`Report::push`] it from your own code.
    ///
    /// ```
    /// use article_clean::{Action, Entry, Report};
    ///
    /// let mut report = Report::default();
    /// report.push(Entry::new("my-rule", Action::Unwrapped, "div.wrapper"));
    /// assert_eq!(report.to_string(), "my-rule: unwrapped div.wrapper\n");
    /// ```
    pub fn new(rule: impl Into<String>, action: Action, element: impl Into<String>) -> Entry {
        Entry {
            rule: rule.into(),
            action,
            element: element.into(),
            text_len: 0,
            excerpt: String::new(),
        }
    }
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} {}", self.rule, self.action, self.element)?;
        if self.text_len > 0 {
            write!(f, " ({} chars: {:?})", self.text_len, self.excerpt)?;
        }
        Ok(())
    }
}

/// Every change the pipeline made to one document, in order.
///
/// ```
/// let cleaned = article_clean::Cleaner::default()
///     .clean("<p>Story.</p><div id=\"dfp-ad-top\">Advertisement</div>")?;
/// let entry = &cleaned.report().entries()[0];
/// assert_eq!(entry.rule, "ad-slots");
/// assert_eq!(entry.element, "div#dfp-ad-top");
/// assert_eq!(entry.text_len, "Advertisement".len());
/// # Ok::<(), article_clean::Error>(())
/// ```
///
/// With the `serde` feature it serializes as the list of its entries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(transparent))]
pub struct Report {
    entries: Vec<Entry>,
}

impl Report {
    /// All entries in the order the changes were made.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entries of one rule.
    pub fn by_rule<'a>(&'a self, rule: &'a str) -> impl Iterator<Item = &'a Entry> + 'a {
        self.entries.iter().filter(move |e| e.rule == rule)
    }

    /// Number of elements a rule removed.
    pub fn removed_by(&self, rule: &str) -> usize {
        self.by_rule(rule)
            .filter(|e| e.action == Action::Removed)
            .count()
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds an entry.
    pub fn push(&mut self, entry: Entry) {
        self.entries.push(entry);
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.entries {
            writeln!(f, "{e}")?;
        }
        Ok(())
    }
}
