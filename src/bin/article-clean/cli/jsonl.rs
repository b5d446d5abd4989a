//! `--jsonl`: JSON Lines records in, one JSON object per record out, in
//! order, so the program can sit in a shell pipeline or under any engine
//! that pipes records.
//!
//! A record is an object with `html` (a string) and optionally `url` (a
//! string or null); its other fields are copied to the output. The output
//! object is those fields, then `url`, `metadata`, the format's output
//! (`html`, `text`, `markdown`; `json` gives `html` and `text`), `report`
//! and `error`: `null` on success; on failure the reason, with `null` in
//! the others. A line that is not such a record gets an output line too,
//! with only `error`, so output line N is always about input record N.
//! Blank lines are skipped.

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::sync::Mutex;

use article_clean::{Cleaned, Metadata, Report};
use serde::Serialize;
use serde_json::{Map, Value};

use super::render::{json_line, Format};
use super::run::{self, Outcome, Tally};
use super::Settings;

/// One line read, or why a source could not be read.
type Item = Result<Line, String>;

struct Line {
    /// `<file>:<line>`, for messages.
    place: String,
    bytes: Vec<u8>,
    /// The line was longer than the limit; `bytes` holds only its start.
    too_long: bool,
}

/// Cleans the records of `paths` (standard input when empty or `-`).
pub(crate) fn run(
    settings: &Settings,
    paths: &[PathBuf],
    out: &mut dyn Write,
    err: &Mutex<&mut (dyn Write + Send)>,
) -> Tally {
    let sources = if paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        paths.to_vec()
    };
    // JSON escaping can make a page's line up to about twice its size in
    // bytes (quotes, backslashes, newlines); past that, a line is refused
    // without being parsed.
    let limit = settings.max_bytes.saturating_mul(2).saturating_add(4096);
    let lines = Lines {
        sources: sources.into_iter(),
        current: None,
        limit,
    };
    run::run(
        settings,
        lines,
        None,
        |item| process(settings, item),
        out,
        err,
    )
}

/// The lines of each source in turn.
struct Lines {
    sources: std::vec::IntoIter<PathBuf>,
    current: Option<(String, Box<dyn BufRead + Send>, usize)>,
    limit: usize,
}

impl Iterator for Lines {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            let Some((name, reader, number)) = &mut self.current else {
                let path = self.sources.next()?;
                let name = path.display().to_string();
                let reader: Box<dyn BufRead + Send> = if path.as_os_str() == "-" {
                    Box::new(BufReader::new(std::io::stdin()))
                } else {
                    match open(&path) {
                        Ok(file) => Box::new(BufReader::new(file)),
                        Err(e) => return Some(Err(format!("{name}: cannot read: {e}"))),
                    }
                };
                self.current = Some((name, reader, 0));
                continue;
            };
            let mut bytes = Vec::new();
            match read_line(reader.as_mut(), self.limit, &mut bytes) {
                Ok(None) => self.current = None,
                Ok(Some(too_long)) => {
                    *number += 1;
                    if !too_long && bytes.trim_ascii().is_empty() {
                        continue;
                    }
                    return Some(Ok(Line {
                        place: format!("{name}:{number}"),
                        bytes,
                        too_long,
                    }));
                }
                Err(e) => {
                    let msg = format!("{name}:{}: cannot read: {e}", *number + 1);
                    self.current = None;
                    return Some(Err(msg));
                }
            }
        }
    }
}

/// Opens a file of records; refuses what is not a regular file (a FIFO
/// is fine to read as a stream, but a folder is not).
fn open(path: &PathBuf) -> std::io::Result<File> {
    if std::fs::metadata(path)?.is_dir() {
        return Err(std::io::Error::other("is a folder"));
    }
    File::open(path)
}

/// Reads one line (without its `\n`) into `buf`, keeping at most `limit`
/// bytes of it and skipping the rest. `None` at the end of the input, else
/// whether the line was cut.
fn read_line(
    reader: &mut dyn BufRead,
    limit: usize,
    buf: &mut Vec<u8>,
) -> std::io::Result<Option<bool>> {
    let mut any = false;
    let mut too_long = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(any.then_some(too_long));
        }
        any = true;
        let (part, used, end) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (&chunk[..i], i + 1, true),
            None => (chunk, chunk.len(), false),
        };
        let room = limit.saturating_sub(buf.len());
        if part.len() > room {
            too_long = true;
        }
        buf.extend_from_slice(&part[..part.len().min(room)]);
        reader.consume(used);
        if end {
            return Ok(Some(too_long));
        }
    }
}

/// The output object of one record.
#[derive(Serialize)]
struct Record<'a> {
    #[serde(flatten)]
    fields: &'a Map<String, Value>,
    url: Option<&'a str>,
    metadata: Option<&'a Metadata>,
    /// Outer `None`: not this format's output; inner `None`: refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    html: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    markdown: Option<Option<&'a str>>,
    report: Option<&'a Report>,
    error: Option<&'a str>,
}

/// Keys the output writes itself, so a record's own are not copied.
const OURS: &[&str] = &[
    "url", "metadata", "html", "text", "markdown", "report", "error",
];

fn process(settings: &Settings, item: Item) -> Outcome {
    let line = match item {
        Ok(line) => line,
        Err(msg) => return Outcome::failed(msg),
    };
    let refuse = |fields: &Map<String, Value>, url: Option<&str>, error: String| Outcome {
        body: Some(record(settings.format, fields, url, None, Some(&error))),
        target: None,
        failure: Some(format!("{}: {error}", line.place)),
    };
    let empty = Map::new();
    if line.too_long {
        let error = format!(
            "record is longer than {} bytes (twice --max-bytes), not read",
            line.bytes.len()
        );
        return refuse(&empty, None, error);
    }
    let mut fields = match serde_json::from_slice::<Value>(&line.bytes) {
        Ok(Value::Object(fields)) => fields,
        Ok(_) => return refuse(&empty, None, "a record must be a JSON object".into()),
        Err(e) => return refuse(&empty, None, format!("invalid JSON: {e}")),
    };
    let html = fields.remove("html");
    let url = fields.remove("url");
    fields.retain(|k, _| !OURS.contains(&k.as_str()));
    let url = match url {
        None | Some(Value::Null) => None,
        Some(Value::String(url)) => Some(url),
        Some(_) => return refuse(&fields, None, "\"url\" must be a string or null".into()),
    };
    let Some(Value::String(html)) = html else {
        return refuse(
            &fields,
            url.as_deref(),
            "a record needs an \"html\" string".into(),
        );
    };
    let result = match &url {
        Some(url) => settings.cleaner.clean_with_url(&html, url),
        None => settings.cleaner.clean(&html),
    };
    match result {
        Ok(cleaned) => Outcome {
            body: Some(record(
                settings.format,
                &fields,
                url.as_deref(),
                Some(&cleaned),
                None,
            )),
            target: None,
            failure: None,
        },
        Err(e) => refuse(&fields, url.as_deref(), e.to_string()),
    }
}

/// The output line for a record: cleaned, or refused with `error`.
fn record(
    format: Format,
    fields: &Map<String, Value>,
    url: Option<&str>,
    cleaned: Option<&Cleaned>,
    error: Option<&str>,
) -> Vec<u8> {
    let part = |wanted: bool, value: fn(&Cleaned) -> &str| wanted.then(|| cleaned.map(value));
    json_line(&Record {
        fields,
        url,
        metadata: cleaned.map(Cleaned::metadata),
        html: part(matches!(format, Format::Html | Format::Json), Cleaned::html),
        text: part(matches!(format, Format::Text | Format::Json), Cleaned::text),
        markdown: part(format == Format::Markdown, Cleaned::markdown),
        report: cleaned.map(Cleaned::report),
        error,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_and_skipped_to_their_end() {
        let mut input = &b"short\nthis one is long\n\nlast"[..];
        let mut lines = Vec::new();
        loop {
            let mut buf = Vec::new();
            match read_line(&mut input, 8, &mut buf).unwrap() {
                None => break,
                Some(cut) => lines.push((String::from_utf8(buf).unwrap(), cut)),
            }
        }
        assert_eq!(
            lines,
            [
                ("short".to_string(), false),
                ("this one".to_string(), true),
                (String::new(), false),
                ("last".to_string(), false)
            ]
        );
    }
}
