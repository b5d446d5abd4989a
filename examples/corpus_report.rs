//! Quality report over a directory of post files: the instrument for
//! tuning the built-in rules.
//!
//! ```text
//! cargo run --release --example corpus_report -- DIR [--show DOC] [--all]
//! ```
//!
//! For each source host: docs, bytes in/out, share of input block text
//! kept, elements removed per rule, URLs rewritten, and the suspicious docs:
//! empty output from an input with text, output keeping less than 90% of
//! the input's block text, leftovers that look like junk, and docs that
//! change when cleaned twice. `--show DOC` (a file name or part of one)
//! prints one doc in full: what each rule removed, the input blocks that
//! did not survive, the leftovers, and the text output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use article_clean::quality::{assess, Assessment, Junk};
use article_clean::{Action, Cleaner, Post};

/// Docs keeping less than this share of their input block text are listed.
const SUSPICIOUS_KEPT: f64 = 0.9;

#[derive(Default)]
struct HostStats {
    docs: usize,
    bytes_in: usize,
    bytes_out: usize,
    chars_in: usize,
    chars_kept: usize,
    removed: BTreeMap<String, usize>,
    rewritten_urls: usize,
    rolled_back: usize,
    junk: BTreeMap<Junk, usize>,
}

fn host_of(post: &Post, path: &Path) -> String {
    post.front_matter()
        .from
        .as_deref()
        .and_then(|f| url::Url::parse(f.trim()).ok())
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            name.rsplit_once('-')
                .map_or(name.to_string(), |(h, _)| h.to_string())
        })
}

fn suspicions(a: &Assessment) -> Vec<String> {
    let mut out = Vec::new();
    if a.output_text_chars == 0 && a.paragraph_chars_in > 0 {
        out.push("empty output".to_string());
    } else if a.article_kept_ratio() < SUSPICIOUS_KEPT {
        out.push(format!(
            "kept {:.0}% of article block text ({:.0}% of all)",
            a.article_kept_ratio() * 100.0,
            a.kept_ratio() * 100.0
        ));
    }
    for f in &a.findings {
        out.push(format!("{}: {}", f.kind, truncate(&f.evidence, 90)));
    }
    if !a.idempotent {
        out.push("not idempotent".to_string());
    }
    out
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n).collect::<String>() + "…"
    }
}

fn collect_files(args: &[String]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for a in args {
        let p = PathBuf::from(a);
        if p.is_dir() {
            if let Ok(rd) = std::fs::read_dir(&p) {
                let mut v: Vec<PathBuf> = rd
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|e| e == "md"))
                    .collect();
                v.sort();
                files.extend(v);
            }
        } else {
            files.push(p);
        }
    }
    files
}

fn show(path: &Path, a: &Assessment) {
    println!("=== {}", path.display());
    println!(
        "bytes {} -> {}; block text kept {}/{} chars ({:.1}%); idempotent: {}",
        a.input_bytes,
        a.output_bytes,
        a.paragraph_chars_kept,
        a.paragraph_chars_in,
        a.kept_ratio() * 100.0,
        a.idempotent
    );
    println!("\n--- removed (rule: element, chars, excerpt)");
    for e in a.report.entries() {
        match &e.action {
            Action::Removed => println!(
                "{:<17} {} ({} chars) {}",
                e.rule, e.element, e.text_len, e.excerpt
            ),
            Action::RolledBack { reason } => println!("{:<17} ROLLED BACK: {reason}", e.rule),
            Action::Rewrote { attr } => println!("{:<17} rewrote {attr} on {}", e.rule, e.element),
            Action::Note { message } => println!("{:<17} note: {message} ({})", e.rule, e.element),
            _ => {}
        }
    }
    println!("\n--- input blocks not in the output (longest first)");
    for b in &a.lost_paragraphs {
        println!("- {b}");
    }
    println!("\n--- leftovers");
    for f in &a.findings {
        println!("{}: {}", f.kind, f.evidence);
    }
    println!("\n--- text output\n{}", a.text);
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut show_doc = None;
    if let Some(i) = args.iter().position(|a| a == "--show") {
        if i + 1 >= args.len() {
            eprintln!("--show needs a document name");
            return ExitCode::from(2);
        }
        show_doc = Some(args.remove(i + 1));
        args.remove(i);
    }
    let list_all = args.iter().any(|a| a == "--all");
    args.retain(|a| a != "--all");
    if args.is_empty() {
        eprintln!("usage: corpus_report DIR|FILE... [--show DOC] [--all]");
        return ExitCode::from(2);
    }
    let cleaner = Cleaner::default();
    let mut hosts: BTreeMap<String, HostStats> = BTreeMap::new();
    let mut suspicious: Vec<(PathBuf, Vec<String>)> = Vec::new();
    let mut failures = 0;
    for path in collect_files(&args) {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        if show_doc
            .as_ref()
            .is_some_and(|d| !name.contains(d.as_str()))
        {
            continue;
        }
        let post = match Post::from_path(&path) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                failures += 1;
                continue;
            }
        };
        let fm = post.front_matter();
        let a = match assess(
            &cleaner,
            post.body(),
            fm.from.as_deref().map(str::trim),
            fm.title.as_deref(),
        ) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                failures += 1;
                continue;
            }
        };
        if show_doc.is_some() {
            show(&path, &a);
            continue;
        }
        let h = hosts.entry(host_of(&post, &path)).or_default();
        h.docs += 1;
        h.bytes_in += a.input_bytes;
        h.bytes_out += a.output_bytes;
        h.chars_in += a.article_chars_in;
        h.chars_kept += a.article_chars_kept;
        for e in a.report.entries() {
            match &e.action {
                Action::Removed => *h.removed.entry(e.rule.clone()).or_default() += 1,
                Action::Rewrote { .. } if e.rule == "tracking-params" => h.rewritten_urls += 1,
                Action::RolledBack { .. } => h.rolled_back += 1,
                _ => {}
            }
        }
        for f in &a.findings {
            *h.junk.entry(f.kind).or_default() += 1;
        }
        let s = suspicions(&a);
        if !s.is_empty() {
            suspicious.push((path.clone(), s));
        }
    }
    if show_doc.is_some() {
        return if failures > 0 {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        };
    }
    println!(
        "{:<26} {:>4} {:>9} {:>9} {:>7} {:>5} {:>4}  removed per rule",
        "host", "docs", "bytes in", "bytes out", "kept", "urls", "rb"
    );
    let mut total = HostStats::default();
    for (host, h) in &hosts {
        let kept = if h.chars_in == 0 {
            1.0
        } else {
            h.chars_kept as f64 / h.chars_in as f64
        };
        let removed: Vec<String> = h.removed.iter().map(|(r, n)| format!("{r}={n}")).collect();
        println!(
            "{:<26} {:>4} {:>9} {:>9} {:>6.1}% {:>5} {:>4}  {}",
            truncate(host, 26),
            h.docs,
            h.bytes_in,
            h.bytes_out,
            kept * 100.0,
            h.rewritten_urls,
            h.rolled_back,
            removed.join(" ")
        );
        total.docs += h.docs;
        total.bytes_in += h.bytes_in;
        total.bytes_out += h.bytes_out;
        total.chars_in += h.chars_in;
        total.chars_kept += h.chars_kept;
        total.rewritten_urls += h.rewritten_urls;
        for (k, n) in &h.junk {
            *total.junk.entry(*k).or_default() += n;
        }
    }
    let kept = if total.chars_in == 0 {
        1.0
    } else {
        total.chars_kept as f64 / total.chars_in as f64
    };
    println!(
        "{:<26} {:>4} {:>9} {:>9} {:>6.1}% {:>5}",
        "TOTAL",
        total.docs,
        total.bytes_in,
        total.bytes_out,
        kept * 100.0,
        total.rewritten_urls
    );
    println!("\nleftovers by kind (findings, all docs):");
    for k in Junk::ALL {
        let docs = suspicious
            .iter()
            .filter(|(_, s)| s.iter().any(|l| l.starts_with(&format!("{k}:"))))
            .count();
        println!(
            "  {:<15} {:>4} findings in {:>3} docs",
            k.to_string(),
            total.junk.get(&k).copied().unwrap_or(0),
            docs
        );
    }
    println!("\nsuspicious docs: {}", suspicious.len());
    for (path, s) in &suspicious {
        let shown: Vec<&String> = if list_all {
            s.iter().collect()
        } else {
            s.iter().take(4).collect()
        };
        let more = if s.len() > shown.len() {
            format!(" (+{} more)", s.len() - shown.len())
        } else {
            String::new()
        };
        println!(
            "  {}: {}{}",
            path.file_name().unwrap_or_default().to_string_lossy(),
            shown
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            more
        );
    }
    if failures > 0 {
        eprintln!("{failures} files failed");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
