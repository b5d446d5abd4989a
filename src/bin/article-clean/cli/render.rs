//! Output formats, and what one cleaned file becomes in each.

use article_clean::{Cleaned, FrontMatter, Metadata, Report};
use serde::Serialize;

/// An output format, as `--format` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Sanitized clean HTML.
    Html,
    /// Plain text.
    Text,
    /// Markdown (not built yet: refused).
    Markdown,
    /// One JSON object per input.
    Json,
}

impl Format {
    /// The extension of an output file written with `--out-dir`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Json => "json",
        }
    }
}

/// The JSON object written for one file (`--format json`).
#[derive(Serialize)]
struct FileRecord<'a> {
    /// The path as given or found, `-` for standard input.
    file: &'a str,
    metadata: &'a Metadata,
    /// `null` for HTML files.
    front_matter: Option<&'a FrontMatter>,
    html: &'a str,
    text: &'a str,
    report: &'a Report,
}

/// What a cleaned file becomes in `format`: the bytes to print or write.
pub(crate) fn file_output(
    format: Format,
    file: &str,
    front_matter: Option<&FrontMatter>,
    cleaned: Cleaned,
) -> Vec<u8> {
    match format {
        Format::Json => {
            let record = FileRecord {
                file,
                metadata: cleaned.metadata(),
                front_matter,
                html: cleaned.html(),
                text: cleaned.text(),
                report: cleaned.report(),
            };
            json_line(&record)
        }
        Format::Html => cleaned.into_parts().0.into_bytes(),
        Format::Text => cleaned.into_parts().1.into_bytes(),
        Format::Markdown => cleaned.markdown().as_bytes().to_vec(),
    }
}

/// `value` as one line of JSON.
pub(crate) fn json_line(value: &impl Serialize) -> Vec<u8> {
    // Serializing our own types to memory cannot fail: no map has
    // non-string keys and no writer can refuse.
    let mut line = serde_json::to_vec(value).unwrap_or_else(|e| {
        serde_json::json!({ "error": format!("cannot serialize: {e}") })
            .to_string()
            .into_bytes()
    });
    line.push(b'\n');
    line
}
