//! Cleans post files (or plain HTML files) and prints or writes the result.
//!
//! ```text
//! cargo run --release --example clean -- [--text | --json] [--out-dir DIR] FILE...
//! ```
//!
//! - default: clean HTML on stdout, one file after another;
//! - `--text`: plain text instead;
//! - `--json`: one JSON object per line with the front matter, html, text and report;
//! - `--out-dir DIR`: writes `DIR/<file stem>.html` (`.txt` with `--text`,
//!   `.json` with `--json`) instead of printing.
//!
//! A file that cannot be read or cleaned is reported on stderr with its
//! name; the others are still processed, and the exit code is 1 at the end.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use article_clean::{Cleaned, Cleaner, Error, Post};

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Html,
    Text,
    Json,
}

struct Args {
    format: Format,
    out_dir: Option<PathBuf>,
    files: Vec<PathBuf>,
}

const USAGE: &str = "usage: clean [--text | --json] [--out-dir DIR] FILE...";

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        format: Format::Html,
        out_dir: None,
        files: Vec::new(),
    };
    let mut it = std::env::args_os().skip(1);
    while let Some(arg) = it.next() {
        match arg.to_str() {
            Some("--text") => args.format = Format::Text,
            Some("--json") => args.format = Format::Json,
            Some("--out-dir") => {
                let dir = it.next().ok_or("--out-dir needs a directory")?;
                args.out_dir = Some(PathBuf::from(dir));
            }
            Some("-h") | Some("--help") => return Err(USAGE.to_string()),
            Some(s) if s.starts_with("--") => return Err(format!("unknown option {s}\n{USAGE}")),
            _ => args.files.push(PathBuf::from(arg)),
        }
    }
    if args.files.is_empty() {
        return Err(USAGE.to_string());
    }
    Ok(args)
}

/// A post file, or plain HTML (any encoding, see `Cleaner::clean_bytes`) when the file has no front matter and ends in .html/.htm.
fn clean_file(cleaner: &Cleaner, path: &Path) -> Result<(Option<Post>, Cleaned), Error> {
    let is_html = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("html") | Some("htm")
    );
    if is_html {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        return Ok((None, cleaner.clean_bytes(&bytes)?));
    }
    let post = Post::from_path(path)?;
    let cleaned = cleaner.clean_post(&post)?;
    Ok((Some(post), cleaned))
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn json_opt(s: &Option<String>) -> String {
    s.as_deref().map_or("null".to_string(), json_string)
}

fn json_list(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|s| json_string(s)).collect();
    format!("[{}]", parts.join(","))
}

fn to_json(path: &Path, post: Option<&Post>, cleaned: &Cleaned) -> String {
    let meta = match post {
        Some(p) => {
            let fm = p.front_matter();
            format!(
                "{{\"title\":{},\"date\":{},\"author\":{},\"from\":{},\"tags\":{},\"categories\":{}}}",
                json_opt(&fm.title),
                json_opt(&fm.date),
                json_opt(&fm.author),
                json_opt(&fm.from),
                json_list(&fm.tags),
                json_list(&fm.categories)
            )
        }
        None => "null".to_string(),
    };
    let report: Vec<String> = cleaned
        .report()
        .entries()
        .iter()
        .map(|e| {
            format!(
                "{{\"rule\":{},\"action\":{},\"element\":{},\"text_len\":{}}}",
                json_string(&e.rule),
                json_string(&e.action.to_string()),
                json_string(&e.element),
                e.text_len
            )
        })
        .collect();
    format!(
        "{{\"file\":{},\"metadata\":{},\"html\":{},\"text\":{},\"report\":[{}]}}",
        json_string(&path.display().to_string()),
        meta,
        json_string(cleaned.html()),
        json_string(cleaned.text()),
        report.join(",")
    )
}

/// Cleans every file; writes output to `out` (or the output directory) and
/// one `clean: <path>: <error>` line per failure to `err`. Returns the
/// number of failures.
fn run(cleaner: &Cleaner, args: &Args, out: &mut dyn Write, err: &mut dyn Write) -> usize {
    let mut failures = 0;
    for path in &args.files {
        let (post, cleaned) = match clean_file(cleaner, path) {
            Ok(r) => r,
            Err(e) => {
                let _ = writeln!(err, "clean: {}: {e}", path.display());
                failures += 1;
                continue;
            }
        };
        let (body, ext) = match args.format {
            Format::Html => (cleaned.html().to_string(), "html"),
            Format::Text => (cleaned.text().to_string(), "txt"),
            Format::Json => (to_json(path, post.as_ref(), &cleaned) + "\n", "json"),
        };
        match &args.out_dir {
            Some(dir) => {
                let stem = path.file_stem().unwrap_or(path.as_os_str());
                let target = dir.join(stem).with_extension(ext);
                if let Err(e) = std::fs::write(&target, body) {
                    let _ = writeln!(err, "clean: cannot write {}: {e}", target.display());
                    failures += 1;
                }
            }
            None => {
                if let Err(e) = out.write_all(body.as_bytes()) {
                    let _ = writeln!(err, "clean: cannot write output: {e}");
                    failures += 1;
                }
            }
        }
    }
    failures
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };
    if let Some(dir) = &args.out_dir {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("clean: cannot create {}: {e}", dir.display());
            return ExitCode::from(2);
        }
    }
    let cleaner = Cleaner::default();
    let failures = run(
        &cleaner,
        &args,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    if failures > 0 {
        eprintln!("clean: {failures} of {} files failed", args.files.len());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_file_is_reported_by_name_and_the_rest_still_run() {
        let dir = std::env::temp_dir().join(format!("article-clean-cli-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("good.md");
        std::fs::write(&good, "---\ntitle: T\n---\n<p>Good story.</p>\n").unwrap();
        let bad = dir.join("bad.md");
        std::fs::write(&bad, "---\ntitle: [oops\n---\n<p>x</p>\n").unwrap();
        let page = dir.join("page.html");
        std::fs::write(&page, b"<meta charset=gbk><p>\xd6\xd0\xce\xc4</p>").unwrap();
        let missing = dir.join("missing.md");
        let args = Args {
            format: Format::Text,
            out_dir: None,
            files: vec![bad.clone(), good, missing.clone(), page],
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let failures = run(&Cleaner::default(), &args, &mut out, &mut err);
        assert_eq!(failures, 2);
        assert_eq!(String::from_utf8(out).unwrap(), "Good story.\n中文\n");
        let err = String::from_utf8(err).unwrap();
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 2, "{err}");
        assert!(
            lines[0].starts_with(&format!("clean: {}: ", bad.display())),
            "{err}"
        );
        assert!(lines[0].contains("line "), "{err}");
        assert!(
            lines[1].starts_with(&format!("clean: {}: cannot read", missing.display())),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
