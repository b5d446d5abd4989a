//! Cleans post files (or plain HTML files) and prints or writes the result.
//!
//! ```text
//! cargo run --release --example clean -- [--text | --json] [--out-dir DIR] [--jobs N] PATH...
//! ```
//!
//! - default: clean HTML on stdout, one file after another, in input order;
//! - `--text`: plain text instead (no HTML sanitizer pass is run);
//! - `--json`: one JSON object per line with the page metadata (`metadata`:
//!   title, byline, published_time, site_name, lang, excerpt, canonical_url,
//!   image, `null` where unknown), the post's front matter (`front_matter`,
//!   `null` for HTML files), html, text and report;
//! - `--out-dir DIR`: writes `DIR/<file stem>.html` (`.txt` with `--text`,
//!   `.json` with `--json`) as each file finishes, instead of printing;
//! - `--jobs N`: files cleaned in parallel (default: the number of cores);
//! - a PATH that is a directory is walked for `*.md` and `*.html` files.
//!
//! Files are read and cleaned one at a time per worker, so memory stays
//! bounded whatever the size of the corpus. A progress bar is drawn when
//! stderr is a terminal.
//!
//! A file that cannot be read or cleaned is reported on stderr with its
//! name; the others are still processed, and the exit code is 1 at the end.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

use article_clean::rulesets::RuleFile;
use article_clean::{Cleaned, Cleaner, Error, Output, Post};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Html,
    Text,
    Json,
}

struct Args {
    format: Format,
    out_dir: Option<PathBuf>,
    jobs: usize,
    rules: Vec<PathBuf>,
    files: Vec<PathBuf>,
}

const USAGE: &str =
    "usage: clean [--text | --json] [--out-dir DIR] [--jobs N] [--rules FILE]... PATH...";

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        format: Format::Html,
        out_dir: None,
        jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
        rules: Vec::new(),
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
            Some("--jobs") | Some("-j") => {
                let n = it.next().ok_or("--jobs needs a number")?;
                args.jobs = n
                    .to_str()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n: &usize| n > 0)
                    .ok_or("--jobs needs a positive number")?;
            }
            Some("--rules") => {
                let file = it.next().ok_or("--rules needs a file")?;
                args.rules.push(PathBuf::from(file));
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

/// The files to clean: files as given, directories walked (sorted) for
/// `*.md` and `*.html` files.
fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let mut dirs = vec![path.clone()];
        while let Some(dir) = dirs.pop() {
            let entries = match std::fs::read_dir(&dir) {
                Ok(rd) => rd,
                Err(e) => {
                    errors.push(format!("clean: {}: {e}", dir.display()));
                    continue;
                }
            };
            let mut found: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            found.sort();
            for p in found {
                if p.is_dir() {
                    dirs.push(p);
                } else if matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("md") | Some("html")
                ) {
                    files.push(p);
                }
            }
        }
    }
    (files, errors)
}

/// A post file, or plain HTML when the file has no front matter and ends in .html/.htm.
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
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let escaped = match c {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            c if (c as u32) < 0x20 => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if escaped.is_empty() {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push_str(escaped);
        }
        start = i + c.len_utf8();
    }
    out.push_str(&s[start..]);
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

/// The page metadata: always these eight keys, `null` where unknown.
fn metadata_json(cleaned: &Cleaned) -> String {
    let m = cleaned.metadata();
    let field = |v: Option<&str>| v.map_or("null".to_string(), json_string);
    format!(
        "{{\"title\":{},\"byline\":{},\"published_time\":{},\"site_name\":{},\"lang\":{},\"excerpt\":{},\"canonical_url\":{},\"image\":{}}}",
        field(m.title()),
        field(m.byline()),
        field(m.published_time()),
        field(m.site_name()),
        field(m.lang()),
        field(m.excerpt()),
        field(m.canonical_url()),
        field(m.image())
    )
}

fn to_json(path: &Path, post: Option<&Post>, cleaned: &Cleaned) -> String {
    let front_matter = match post {
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
        "{{\"file\":{},\"metadata\":{},\"front_matter\":{},\"html\":{},\"text\":{},\"report\":[{}]}}",
        json_string(&path.display().to_string()),
        metadata_json(cleaned),
        front_matter,
        json_string(cleaned.html()),
        json_string(cleaned.text()),
        report.join(",")
    )
}

/// Cleans one file and renders it in the chosen format, with the output
/// file's extension.
fn render(cleaner: &Cleaner, format: Format, path: &Path) -> Result<(String, &'static str), Error> {
    let (post, cleaned) = clean_file(cleaner, path)?;
    Ok(match format {
        Format::Html => (cleaned.into_parts().0, "html"),
        Format::Text => (cleaned.into_parts().1, "txt"),
        Format::Json => (to_json(path, post.as_ref(), &cleaned) + "\n", "json"),
    })
}

fn progress_bar(len: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} files, {elapsed} ({eta} left)")
    {
        bar.set_style(style);
    }
    bar
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
    let output = match args.format {
        Format::Html => Output::Html,
        Format::Text => Output::Text,
        Format::Json => Output::Both,
    };
    let mut builder = Cleaner::builder().output(output);
    // Declarative rule files; the kind is told from the extension or content.
    for path in &args.rules {
        match RuleFile::from_path(path) {
            Ok((file, report)) => {
                eprintln!("clean: {}: {report}", path.display());
                for (line, why) in &report.malformed {
                    eprintln!("clean: {}:{line}: malformed: {why}", path.display());
                }
                builder = builder.rule_file(file);
            }
            Err(e) => {
                eprintln!("clean: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let cleaner = match builder.build() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("clean: {e}");
            return ExitCode::from(2);
        }
    };
    let stdout = std::io::stdout();
    let (failures, total) = run(&cleaner, &args, &mut stdout.lock(), &mut std::io::stderr());
    if failures > 0 {
        eprintln!("clean: {failures} of {total} files failed");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Cleans every file on `args.jobs` threads. Output goes to `out` in input
/// order, or with `--out-dir` to one file per input as each finishes; each
/// failure is one `clean: <path>: <error>` line on `err`. Returns the
/// number of failures and of files.
fn run(
    cleaner: &Cleaner,
    args: &Args,
    out: &mut dyn Write,
    err: &mut (dyn Write + Send),
) -> (usize, usize) {
    let err = std::sync::Mutex::new(err);
    let report = |msg: String| {
        if let Ok(mut e) = err.lock() {
            let _ = writeln!(e, "{msg}");
        }
    };
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs)
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            report(format!("clean: cannot start {} threads: {e}", args.jobs));
            return (1, args.files.len());
        }
    };
    let (files, walk_errors) = expand(&args.files);
    for e in &walk_errors {
        report(e.clone());
    }
    let failures = AtomicUsize::new(walk_errors.len());
    let bar = progress_bar(files.len());
    let fail = |msg: String| {
        bar.suspend(|| report(msg));
        failures.fetch_add(1, Ordering::Relaxed);
    };
    match &args.out_dir {
        // Each worker writes its file as soon as it is cleaned.
        Some(dir) => pool.install(|| {
            files.par_iter().for_each(|path| {
                match render(cleaner, args.format, path) {
                    Ok((body, ext)) => {
                        let stem = path.file_stem().unwrap_or(path.as_os_str());
                        let target = dir.join(stem).with_extension(ext);
                        if let Err(e) = std::fs::write(&target, body) {
                            fail(format!("clean: cannot write {}: {e}", target.display()));
                        }
                    }
                    Err(e) => fail(format!("clean: {}: {e}", path.display())),
                }
                bar.inc(1);
            })
        }),
        // Printed in input order, as soon as each file's turn comes. The
        // workers take files in order and may run at most `ahead` files past
        // the last one written, which bounds the outputs held in memory
        // without making every worker wait at the end of a batch.
        None => {
            let ahead = args.jobs.max(1) * 16;
            let next = AtomicUsize::new(0);
            let stop = AtomicBool::new(false);
            let written = (Mutex::new(0usize), Condvar::new());
            let (tx, rx) = std::sync::mpsc::channel();
            // The workers run on the pool; this thread writes.
            pool.in_place_scope(|scope| {
                for _ in 0..args.jobs.max(1) {
                    let tx = tx.clone();
                    let (next, stop, written, files) = (&next, &stop, &written, &files);
                    let bar = &bar;
                    scope.spawn(move |_| loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= files.len() {
                            break;
                        }
                        let mut done = lock(&written.0);
                        while i >= *done + ahead && !stop.load(Ordering::Relaxed) {
                            done = written.1.wait(done).unwrap_or_else(|e| e.into_inner());
                        }
                        drop(done);
                        if stop.load(Ordering::Relaxed) {
                            break;
                        }
                        let result = render(cleaner, args.format, &files[i]);
                        bar.inc(1);
                        if tx.send((i, result)).is_err() {
                            break;
                        }
                    });
                }
                drop(tx);
                let mut waiting = std::collections::BTreeMap::new();
                let mut turn = 0;
                for (i, result) in &rx {
                    waiting.insert(i, result);
                    // Once a write has failed, nothing more is written:
                    // the results already waiting would each fail again.
                    while !stop.load(Ordering::Relaxed) {
                        let Some(result) = waiting.remove(&turn) else {
                            break;
                        };
                        match result {
                            Ok((body, _)) => {
                                if let Err(e) = out.write_all(body.as_bytes()) {
                                    fail(format!("clean: cannot write output: {e}"));
                                    stop.store(true, Ordering::Relaxed);
                                }
                            }
                            Err(e) => fail(format!("clean: {}: {e}", files[turn].display())),
                        }
                        turn += 1;
                        *lock(&written.0) = turn;
                        written.1.notify_all();
                    }
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                }
                // Wake any worker still waiting for its turn, so it can stop.
                stop.store(true, Ordering::Relaxed);
                written.1.notify_all();
            });
        }
    }
    bar.finish_and_clear();
    (failures.into_inner(), files.len())
}

/// Locks `m`, even if a worker panicked while holding it: a count stays valid.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
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
            jobs: 2,
            rules: Vec::new(),
            files: vec![bad.clone(), good, missing.clone(), page],
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let (failures, total) = run(&Cleaner::default(), &args, &mut out, &mut err);
        assert_eq!(total, 4);
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

    #[test]
    fn json_carries_page_metadata_and_front_matter() {
        let keys = [
            "title",
            "byline",
            "published_time",
            "site_name",
            "lang",
            "excerpt",
            "canonical_url",
            "image",
        ];
        let page = Cleaner::default()
            .clean(r#"<html lang="fr"><title>Le marché</title><p>Ouvert le samedi.</p></html>"#)
            .unwrap();
        let json: serde_json::Value =
            serde_json::from_str(&to_json(Path::new("p.html"), None, &page)).unwrap();
        let metadata = json["metadata"].as_object().unwrap();
        assert_eq!(metadata.keys().collect::<Vec<_>>().len(), keys.len());
        for key in keys {
            assert!(metadata.contains_key(key), "{key}");
        }
        assert_eq!(json["metadata"]["title"], "Le marché");
        assert_eq!(json["metadata"]["lang"], "fr");
        assert_eq!(json["metadata"]["excerpt"], "Ouvert le samedi.");
        assert!(json["metadata"]["byline"].is_null());
        assert!(json["front_matter"].is_null());

        let post = Post::parse("---\ntitle: Market day\nauthor: Léa\nfrom: https://news.example/m\n---\n<p>Open on Saturdays.</p>").unwrap();
        let cleaned = Cleaner::default().clean_post(&post).unwrap();
        let json: serde_json::Value =
            serde_json::from_str(&to_json(Path::new("p.md"), Some(&post), &cleaned)).unwrap();
        assert_eq!(json["metadata"]["title"], "Market day");
        assert_eq!(json["metadata"]["byline"], "Léa");
        assert_eq!(json["metadata"]["canonical_url"], "https://news.example/m");
        assert_eq!(json["front_matter"]["title"], "Market day");
        assert_eq!(json["front_matter"]["from"], "https://news.example/m");
    }

    /// `n` one-paragraph posts in a fresh directory, in order.
    fn many_posts(name: &str, n: usize) -> (PathBuf, Vec<PathBuf>) {
        let dir = std::env::temp_dir().join(format!("article-clean-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let files = (0..n)
            .map(|i| {
                let path = dir.join(format!("{i:03}.md"));
                let body = format!("---\ntitle: T\n---\n<p>Story {i}.</p>\n");
                std::fs::write(&path, body).unwrap();
                path
            })
            .collect();
        (dir, files)
    }

    #[test]
    fn outputs_come_in_input_order_however_many_workers() {
        let (dir, files) = many_posts("order", 150);
        let expected: String = (0..150).map(|i| format!("Story {i}.\n")).collect();
        for jobs in [1, 2, 3, 8] {
            let args = Args {
                format: Format::Text,
                out_dir: None,
                jobs,
                rules: Vec::new(),
                files: files.clone(),
            };
            let (mut out, mut err) = (Vec::new(), Vec::new());
            assert_eq!(
                run(&Cleaner::default(), &args, &mut out, &mut err),
                (0, 150)
            );
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{jobs} jobs");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Accepts `left` bytes, then fails every write.
    struct Full {
        left: usize,
    }

    impl Write for Full {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.left < buf.len() {
                return Err(std::io::Error::other("disk full"));
            }
            self.left -= buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failing_output_stops_the_workers_instead_of_hanging() {
        let (dir, files) = many_posts("full", 200);
        let args = Args {
            format: Format::Text,
            out_dir: None,
            jobs: 2,
            rules: Vec::new(),
            files,
        };
        let (mut out, mut err) = (Full { left: 30 }, Vec::new());
        let (failures, total) = run(&Cleaner::default(), &args, &mut out, &mut err);
        assert_eq!((failures, total), (1, 200));
        assert!(String::from_utf8(err).unwrap().contains("disk full"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
