//! ADAPTER: everything this package takes from the library's result, in one
//! PyO3-free file (the `reference` helper compiles this same file, so the
//! tests compare like with like).

use article_clean::{Action, Cleaned, Output, Report};

/// An output format a caller can ask for by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Markdown,
}

impl Format {
    /// Every format, in the order of [`Format::index`].
    pub const ALL: [Format; 3] = [Format::Text, Format::Html, Format::Markdown];

    /// The format called `name` (`"text"`, `"html"` or `"markdown"`).
    pub fn parse(name: &str) -> Result<Format, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == name)
            .ok_or_else(|| {
                format!("unknown format {name:?}: expected \"text\", \"html\" or \"markdown\"")
            })
    }

    /// The format's name, as callers spell it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Markdown => "markdown",
        }
    }

    /// Position in [`Format::ALL`].
    pub fn index(self) -> usize {
        match self {
            Format::Text => 0,
            Format::Html => 1,
            Format::Markdown => 2,
        }
    }

    /// The library output that renders this format (and only it: text
    /// and Markdown never pay for the HTML sanitizer).
    pub fn output(self) -> Output {
        match self {
            Format::Text => Output::Text,
            Format::Html => Output::Html,
            Format::Markdown => Output::Markdown,
        }
    }
}

/// The cleaned document in `format`, and the report.
pub fn content(cleaned: Cleaned, format: Format) -> (String, Report) {
    // `into_parts` moves out the HTML and the text; the Markdown is the
    // only output a Markdown cleaner rendered, so copying it costs the
    // one string.
    let markdown = match format {
        Format::Markdown => cleaned.markdown().to_owned(),
        _ => String::new(),
    };
    let (html, text, report) = cleaned.into_parts();
    let content = match format {
        Format::Text => text,
        Format::Html => html,
        Format::Markdown => markdown,
    };
    (content, report)
}

/// The names of the metadata fields, in order: the same for every page,
/// so a table of results has one shape whatever each page held.
pub const METADATA_FIELDS: [&str; 8] = [
    "title",
    "byline",
    "published_time",
    "site_name",
    "lang",
    "excerpt",
    "canonical_url",
    "image",
];

/// What is known about the article besides its content; `None` where
/// nothing is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published_time: Option<String>,
    pub site_name: Option<String>,
    pub lang: Option<String>,
    pub excerpt: Option<String>,
    pub canonical_url: Option<String>,
    pub image: Option<String>,
}

impl Metadata {
    /// The fields, named as in [`METADATA_FIELDS`] and in that order.
    pub fn fields(&self) -> [(&'static str, Option<&str>); 8] {
        [
            (METADATA_FIELDS[0], self.title.as_deref()),
            (METADATA_FIELDS[1], self.byline.as_deref()),
            (METADATA_FIELDS[2], self.published_time.as_deref()),
            (METADATA_FIELDS[3], self.site_name.as_deref()),
            (METADATA_FIELDS[4], self.lang.as_deref()),
            (METADATA_FIELDS[5], self.excerpt.as_deref()),
            (METADATA_FIELDS[6], self.canonical_url.as_deref()),
            (METADATA_FIELDS[7], self.image.as_deref()),
        ]
    }
}

/// The metadata of a cleaned page, as the library read it before cleaning
/// (for a post file, its front matter wins where it has a value:
/// `title`, `author` as byline, `date` as published time, `from:` as the
/// canonical URL).
pub fn metadata(cleaned: &Cleaned) -> Metadata {
    let m = cleaned.metadata();
    let owned = |v: Option<&str>| v.map(str::to_string);
    Metadata {
        title: owned(m.title()),
        byline: owned(m.byline()),
        published_time: owned(m.published_time()),
        site_name: owned(m.site_name()),
        lang: owned(m.lang()),
        excerpt: owned(m.excerpt()),
        canonical_url: owned(m.canonical_url()),
        image: owned(m.image()),
    }
}

/// A report action as a short kind and its detail: `("renamed", "p")`,
/// `("rolled_back", reason)`, `("removed", None)`.
pub fn action_parts(action: &Action) -> (&'static str, Option<String>) {
    match action {
        Action::Removed => ("removed", None),
        Action::Unwrapped => ("unwrapped", None),
        Action::Renamed { to } => ("renamed", Some(to.clone())),
        Action::Rewrote { attr } => ("rewrote", Some(attr.clone())),
        Action::DroppedAttr { attr } => ("dropped_attr", Some(attr.clone())),
        Action::RolledBack { reason } => ("rolled_back", Some(reason.clone())),
        Action::Note { message } => ("note", Some(message.clone())),
        // Actions the library adds later keep their own wording.
        other => ("other", Some(other.to_string())),
    }
}
