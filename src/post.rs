//! Post files: Jekyll front matter, then the article HTML.
//!
//! Two body shapes are recognised:
//! - **RSS-derived**: a `<!--timestamp-->` line, a `[title](url)` line and a
//!   `------` line, then the HTML of the feed item;
//! - **scraped page**: the page's HTML right after the front matter.

use std::path::{Path, PathBuf};

use yaml_rust2::{Yaml, YamlLoader};

use crate::error::Error;

/// The fields of a post's front matter.
///
/// With the `serde` feature it serializes as an object with these fields,
/// `null` or `[]` where the front matter has none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct FrontMatter {
    /// `title:`
    pub title: Option<String>,
    /// `date:`, as written.
    pub date: Option<String>,
    /// `author:`
    pub author: Option<String>,
    /// `from:`, the article URL.
    pub from: Option<String>,
    /// `tags:`, a list or a single value.
    pub tags: Vec<String>,
    /// `categories:`, a list or a single value.
    pub categories: Vec<String>,
    /// `layout:`
    pub layout: Option<String>,
}

/// How the body of a post was laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BodyShape {
    /// An RSS item's HTML after a `------` line.
    Rss,
    /// A scraped page's HTML right after the front matter.
    Page,
}

/// A post file: front matter and article body.
///
/// ```
/// use article_clean::{BodyShape, Post};
///
/// let post = Post::parse("---\ntitle: \"A story\"\nfrom: https://example.com/a\ntags: [ news, world ]\n---\n<!--1633272480000-->\n[A story](https://example.com/a)\n------\n\n<div><p>Body</p></div>\n")?;
/// assert_eq!(post.front_matter().title.as_deref(), Some("A story"));
/// assert_eq!(post.front_matter().tags, ["news", "world"]);
/// assert_eq!(post.shape(), BodyShape::Rss);
/// assert_eq!(post.body().trim(), "<div><p>Body</p></div>");
///
/// let err = Post::parse("---\ntitle: [unclosed\n---\nbody").unwrap_err();
/// assert!(err.to_string().contains("line 3"), "{err}");
/// # Ok::<(), article_clean::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    front_matter: FrontMatter,
    body: String,
    shape: BodyShape,
    path: Option<PathBuf>,
}

impl Post {
    /// Parses a post from its text.
    pub fn parse(text: &str) -> Result<Post, Error> {
        parse(text, None)
    }

    /// Parses a post from bytes. Invalid UTF-8 is replaced, not refused:
    /// one bad byte should not lose an article.
    ///
    /// ```
    /// let post = article_clean::Post::parse_bytes(b"---\ntitle: Caf\xe9\n---\n<p>x</p>")?;
    /// assert_eq!(post.front_matter().title.as_deref(), Some("Caf\u{fffd}"));
    /// # Ok::<(), article_clean::Error>(())
    /// ```
    pub fn parse_bytes(bytes: &[u8]) -> Result<Post, Error> {
        parse_bytes(bytes, None)
    }

    /// Reads and parses a post file (see [`Post::parse_bytes`]). The whole
    /// file is read: check its size first if it may be large.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Post, Error> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        parse_bytes(&bytes, Some(path))
    }

    /// The front matter.
    pub fn front_matter(&self) -> &FrontMatter {
        &self.front_matter
    }

    /// The article HTML.
    pub fn body(&self) -> &str {
        &self.body
    }

    /// Which layout the body had.
    pub fn shape(&self) -> BodyShape {
        self.shape
    }

    /// The file the post was read from, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
}

fn parse_bytes(bytes: &[u8], path: Option<&Path>) -> Result<Post, Error> {
    // Valid UTF-8 (nearly every post) is checked with simdutf8, several
    // times faster than the standard check on Chinese text, which is
    // itself faster than `from_utf8_lossy`'s char-by-char walk.
    match simdutf8::basic::from_utf8(bytes) {
        Ok(text) => parse(text, path),
        Err(_) => parse(&String::from_utf8_lossy(bytes), path),
    }
}

fn malformed(path: Option<&Path>, line: usize, message: impl Into<String>) -> Error {
    Error::MalformedPost {
        path: path.map(Path::to_path_buf),
        line,
        message: message.into(),
    }
}

fn parse(text: &str, path: Option<&Path>) -> Result<Post, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(malformed(
            path,
            1,
            "expected front matter opening with a `---` line",
        ));
    }
    let mut yaml = String::new();
    let mut consumed = first.len();
    let mut closed = false;
    let mut line_no = 1;
    for line in lines.by_ref() {
        line_no += 1;
        consumed += line.len();
        if line.trim_end() == "---" {
            closed = true;
            break;
        }
        yaml.push_str(line);
    }
    if !closed {
        return Err(malformed(
            path,
            line_no,
            "front matter is never closed by a `---` line",
        ));
    }
    let front_matter = parse_front_matter(&yaml, path)?;
    let rest = &text[consumed..];
    let (body, shape) = split_body(rest);
    Ok(Post {
        front_matter,
        body: body.to_string(),
        shape,
        path: path.map(Path::to_path_buf),
    })
}

fn parse_front_matter(yaml: &str, path: Option<&Path>) -> Result<FrontMatter, Error> {
    let docs = match YamlLoader::load_from_str(yaml) {
        Ok(docs) => docs,
        // Feed generators write titles with a line break inside the quotes
        // and the closing quote at the start of the next line. Strict YAML
        // wants continuation lines indented; Jekyll's parser accepts them.
        // Indent such lines and try once more before giving up.
        Err(e) => YamlLoader::load_from_str(&indent_continuation_lines(yaml)).map_err(|_| {
            // The YAML parser counts a lone `\r` as a line break too; lines
            // here end in `\n`, so count those up to the error's character
            // index. +1 for the opening `---` line, +1 to count from 1.
            let line = yaml
                .chars()
                .take(e.marker().index())
                .filter(|&c| c == '\n')
                .count()
                + 2;
            malformed(path, line, format!("front matter: {}", e.info()))
        })?,
    };
    let Some(doc) = docs.into_iter().next() else {
        return Ok(FrontMatter::default());
    };
    let Yaml::Hash(map) = &doc else {
        if doc.is_null() {
            return Ok(FrontMatter::default());
        }
        return Err(malformed(
            path,
            2,
            "front matter is not a `key: value` mapping",
        ));
    };
    let get = |key: &str| map.get(&Yaml::String(key.to_string()));
    Ok(FrontMatter {
        title: get("title").and_then(scalar),
        date: get("date").and_then(scalar),
        author: get("author").and_then(scalar),
        from: get("from").and_then(scalar),
        tags: get("tags").map(list).unwrap_or_default(),
        categories: get("categories").map(list).unwrap_or_default(),
        layout: get("layout").and_then(scalar),
    })
}

/// Indents every line that is neither a `key:` line, a list item, a
/// comment nor already indented: the continuation of a multi-line scalar.
fn indent_continuation_lines(yaml: &str) -> String {
    let mut out = String::with_capacity(yaml.len() + 16);
    for line in yaml.split_inclusive('\n') {
        let starts_key = line.split_once(':').is_some_and(|(k, _)| {
            !k.is_empty()
                && k.chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        });
        let structural =
            line.starts_with([' ', '\t', '-', '#']) || line.trim().is_empty() || starts_key;
        if !structural {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

fn scalar(y: &Yaml) -> Option<String> {
    match y {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

fn list(y: &Yaml) -> Vec<String> {
    match y {
        Yaml::Array(items) => items.iter().filter_map(scalar).collect(),
        other => scalar(other).into_iter().collect(),
    }
}

/// Splits the RSS header (`<!--ts-->`, `[title](url)`, `------`) off the body.
fn split_body(rest: &str) -> (&str, BodyShape) {
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if i >= 6 {
            break;
        }
        let t = line.trim();
        offset += line.len();
        if t.len() >= 3 && t.chars().all(|c| c == '-') {
            return (&rest[offset..], BodyShape::Rss);
        }
        let header_line =
            t.is_empty() || (t.starts_with("<!--") && t.ends_with("-->")) || t.starts_with('[');
        if !header_line {
            break;
        }
    }
    (rest, BodyShape::Page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_scraped_page_post() {
        let post = Post::parse(
            "---\ntitle: T\nauthor: A\ncategories: one\n---\n<article><p>x</p></article>\n",
        )
        .unwrap();
        assert_eq!(post.shape(), BodyShape::Page);
        assert_eq!(post.front_matter().categories, ["one"]);
        assert_eq!(post.body(), "<article><p>x</p></article>\n");
    }

    #[test]
    fn malformed_front_matter_names_the_line() {
        let err = Post::parse("---\ntitle: ok\nauthor: \"unterminated\n---\n").unwrap_err();
        match err {
            Error::MalformedPost { line, .. } => assert!((3..=4).contains(&line), "{line}"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            Post::parse("no front matter"),
            Err(Error::MalformedPost { line: 1, .. })
        ));
        assert!(matches!(
            Post::parse("---\ntitle: x\n"),
            Err(Error::MalformedPost { line: 2, .. })
        ));
        assert!(matches!(
            Post::parse(""),
            Err(Error::MalformedPost { line: 1, .. })
        ));
    }

    #[test]
    fn a_title_broken_over_two_lines_is_read() {
        let post = Post::parse("---\ntitle: \"Two words\n\"\ndate: 2020-07-30\n---\nbody").unwrap();
        assert_eq!(post.front_matter().title.as_deref(), Some("Two words "));
        assert_eq!(post.front_matter().date.as_deref(), Some("2020-07-30"));
    }

    #[test]
    fn a_file_with_a_broken_byte_is_read_with_a_replacement_character() {
        let dir = std::env::temp_dir().join(format!("article-clean-post-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("broken.md");
        let mut bytes = b"---\ntitle: caf\xc3\xa9\n---\n<p>a ".to_vec();
        bytes.extend([0xff, b'b', b'<', b'/', b'p', b'>']);
        std::fs::write(&path, &bytes).unwrap();
        let post = Post::from_path(&path).unwrap();
        assert_eq!(post.front_matter().title.as_deref(), Some("café"));
        assert_eq!(post.body(), "<p>a \u{fffd}b</p>");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_post_with_no_body_is_fine() {
        let post = Post::parse("---\ntitle: x\n---\n").unwrap();
        assert_eq!(post.body(), "");
    }
}
