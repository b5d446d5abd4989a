//! The one error type of the crate.

use std::path::PathBuf;

/// Everything that can go wrong while building a [`Cleaner`](crate::Cleaner),
/// cleaning a document or reading a post file.
///
/// Each variant names what was wrong and where, so a batch job can print it
/// next to the file it came from and carry on with the next one.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The base URL given to the builder or to
    /// [`Cleaner::clean_with_url`](crate::Cleaner::clean_with_url), or found
    /// in a post's `from:` field, is not an absolute `http` or `https` URL.
    #[error("invalid base URL {url:?}: {reason}")]
    InvalidBaseUrl {
        /// The text that was given.
        url: String,
        /// Why it was refused.
        reason: String,
        /// The `url` crate's error, when it could not parse the text at
        /// all (`None` when it parsed but cannot be a base, or its scheme
        /// is not http or https).
        #[source]
        source: Option<url::ParseError>,
    },

    /// The input is larger than the cleaner's configured limit.
    #[error(
        "input is {size} bytes, over the limit of {limit} bytes (see Builder::max_input_bytes)"
    )]
    InputTooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The configured limit in bytes.
        limit: usize,
    },

    /// The input nests elements deeper than the cleaner's limit. (Parsing
    /// such input costs time quadratic in its depth, so it is refused.)
    #[error("input nests elements {depth} levels deep at byte {offset}, over the limit of {limit} (see Builder::max_nesting_depth)")]
    TooDeeplyNested {
        /// The depth reached when the limit was passed.
        depth: usize,
        /// The configured limit.
        limit: usize,
        /// Byte offset in the input where the parse stopped, just after
        /// the limit was passed.
        offset: usize,
    },

    /// The input makes the parser create more nodes than the cleaner's
    /// budget for its size: typically the same unclosed formatting
    /// elements rebuilt for paragraph after paragraph.
    #[error("input makes the parser create over {limit} nodes (stopped at byte {offset} with {nodes}; see Builder::max_nodes_per_byte)")]
    TooManyNodes {
        /// Nodes created when the parse stopped.
        nodes: usize,
        /// The budget for this input.
        limit: usize,
        /// Byte offset in the input where the parse stopped.
        offset: usize,
    },

    /// An element in the input has more attributes than the cleaner's
    /// limit. (The parser's cost grows with the square of the count.)
    #[error("input has an element with {attributes} attributes at byte {offset}, over the limit of {limit} (see Builder::max_attributes)")]
    TooManyAttributes {
        /// Attributes counted when the limit was passed.
        attributes: usize,
        /// The configured limit.
        limit: usize,
        /// Byte offset in the input where the limit was passed.
        offset: usize,
    },

    /// Resolving the output's relative URLs against the base URL would add
    /// more to the HTML output than the input's size plus 64 KiB (a long
    /// base URL and thousands of short relative links): the output would
    /// be many times the size of the input.
    #[error("resolving relative URLs against the base URL would add over {limit} bytes to the output ({added} when it stopped)")]
    OutputTooLarge {
        /// Bytes resolution had added when it stopped.
        added: usize,
        /// The budget for this input.
        limit: usize,
    },

    /// A post file's front matter could not be read.
    #[error("malformed post{}: line {line}: {message}", display_path(.path))]
    MalformedPost {
        /// The file, when the post was read from one.
        path: Option<PathBuf>,
        /// 1-based line number in the post file.
        line: usize,
        /// What was wrong.
        message: String,
    },

    /// Two rules in one pipeline share a name, so the report and
    /// [`Builder::remove_rule`](crate::Builder::remove_rule) could not tell them apart.
    #[error("two rules are named {name:?}: rule names must be unique in a pipeline")]
    DuplicateRule {
        /// The name used twice.
        name: String,
    },

    /// [`Builder::remove_rule`](crate::Builder::remove_rule) named a rule that is not in the pipeline.
    #[error("no rule named {name:?} to remove (known rules: {known})")]
    UnknownRule {
        /// The name asked for.
        name: String,
        /// The names in the pipeline, comma-separated.
        known: String,
    },

    /// A builder setting is out of its range.
    #[error("invalid setting {setting}: {reason}")]
    InvalidSetting {
        /// The builder method.
        setting: &'static str,
        /// What is allowed.
        reason: String,
    },

    /// A CSS selector (given directly or found in a rule list) could not be parsed.
    #[error("invalid selector {selector:?}: {reason}")]
    InvalidSelector {
        /// The selector as given.
        selector: String,
        /// What the parser objected to.
        reason: String,
    },

    /// A rule file could not be read at all (not JSON, not TOML, unknown kind).
    #[error("invalid rule file{}: {reason}", display_path(.path))]
    InvalidRules {
        /// The file, when the rules were read from one.
        path: Option<PathBuf>,
        /// What was wrong.
        reason: String,
    },

    /// Reading a file failed.
    #[error("cannot read {path}: {source}", path = .path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

fn display_path(path: &Option<PathBuf>) -> String {
    match path {
        Some(p) => format!(" {}", p.display()),
        None => String::new(),
    }
}

/// The error a [`Rule`](crate::Rule) returns when it cannot do its work.
///
/// The pipeline rolls the rule's changes back and records the message in the
/// report; the rest of the pipeline still runs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
#[non_exhaustive]
pub struct RuleError(pub String);

impl RuleError {
    /// A rule error with a message.
    pub fn new(message: impl Into<String>) -> Self {
        RuleError(message.into())
    }
}
