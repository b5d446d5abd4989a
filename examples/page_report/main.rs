//! Whole-page report: cleans a set of whole web pages and scores the text
//! and metadata against reference articles, the instrument for tuning
//! extraction and metadata.
//!
//! ```text
//! cargo run --release --example page_report -- [SET] [--worst N] [--show PAGE] [--out DIR] [--summary]
//! ```
//!
//! `SET` (default `../shared/fullpage/readability`) holds a folder per page:
//! `source.html` (the page), `expected.html` (the reference article) and,
//! where known, `expected-metadata.json`. Each `source.html` goes through
//! `Cleaner::clean_bytes` with text output, as a caller holding a saved page
//! would run it.
//!
//! Printed: per page, precision, recall and F1 of the text (4-token
//! shingles; see `score.rs` for the exact definition, which is
//! `../shared/fullpage/score.py`'s) and the metadata fields it missed; then
//! the set's F1, precision and recall (F1 of the averaged precision and
//! recall) and metadata hits per field.
//!
//! - `--worst N`: the N pages with the lowest min(precision, recall);
//! - `--show PAGE`: one page in full: the metadata found and expected, the
//!   reference text the output lost and the output text the reference does
//!   not have, as runs of words;
//! - `--out DIR`: writes `DIR/<page>.txt` (the text) and `DIR/<page>.json`
//!   (the metadata: `title`, `byline`, `published_time`, `site_name`,
//!   `lang`, `excerpt`, `canonical_url`, `image`, `null` where unknown), so
//!   that `python3 ../shared/fullpage/score.py DIR` scores the same outputs;
//! - `--score DIR`: scores the outputs already in `DIR` (`<page>.txt`,
//!   `<page>.json`, as `--out` writes them or another extractor did)
//!   instead of cleaning the pages: the same figures as score.py's on them;
//! - `--summary`: no per-page lines.

mod score;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use article_clean::{Cleaner, Metadata, Output};
use serde_json::{json, Value};

/// Metadata fields scored, with the name the reference files use.
const SCORED_FIELDS: &[(&str, &str)] = &[
    ("title", "title"),
    ("byline", "byline"),
    ("lang", "lang"),
    ("site_name", "siteName"),
    ("published_time", "publishedTime"),
    ("excerpt", "excerpt"),
];

struct Args {
    set: PathBuf,
    worst: usize,
    show: Option<String>,
    out: Option<PathBuf>,
    score: Option<PathBuf>,
    summary: bool,
}

const USAGE: &str =
    "usage: page_report [SET] [--worst N] [--show PAGE] [--out DIR | --score DIR] [--summary]";

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        set: PathBuf::from("../shared/fullpage/readability"),
        worst: 0,
        show: None,
        out: None,
        score: None,
        summary: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--worst" => {
                args.worst = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or("--worst needs a number")?;
            }
            "--show" => args.show = Some(it.next().ok_or("--show needs a page name")?),
            "--out" => args.out = Some(PathBuf::from(it.next().ok_or("--out needs a directory")?)),
            "--score" => {
                args.score = Some(PathBuf::from(it.next().ok_or("--score needs a directory")?))
            }
            "--summary" => args.summary = true,
            "-h" | "--help" => return Err(USAGE.to_string()),
            s if s.starts_with("--") => return Err(format!("unknown option {s}\n{USAGE}")),
            _ => args.set = PathBuf::from(arg),
        }
    }
    Ok(args)
}

/// One page's outcome.
struct Page {
    name: String,
    precision: f64,
    recall: f64,
    /// `(field, hit)` for each scored field the reference has a value for.
    meta: Vec<(&'static str, bool)>,
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// The output's value of each scored field, by our name.
type Fields = HashMap<&'static str, String>;

fn fields_of(meta: &Metadata) -> Fields {
    SCORED_FIELDS
        .iter()
        .filter_map(|&(ours, _)| Some((ours, field(meta, ours)?.to_string())))
        .collect()
}

/// A page's output as written in a directory: its text (empty when
/// missing, as score.py counts it) and the metadata of `<page>.json`
/// (our key names, else the reference's).
fn read_output(dir: &Path, name: &str) -> Result<(String, Fields), String> {
    let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap_or_default();
    let path = dir.join(format!("{name}.json"));
    let mut fields = Fields::new();
    if path.exists() {
        let json: Value = serde_json::from_str(&read_to_string(&path)?)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        for &(ours, theirs) in SCORED_FIELDS {
            let value = json.get(ours).or_else(|| json.get(theirs));
            if let Some(value) = value.and_then(Value::as_str) {
                fields.insert(ours, value.to_string());
            }
        }
    }
    Ok((text, fields))
}

fn metadata_json(meta: &Metadata) -> Value {
    json!({
        "title": meta.title(),
        "byline": meta.byline(),
        "published_time": meta.published_time(),
        "site_name": meta.site_name(),
        "lang": meta.lang(),
        "excerpt": meta.excerpt(),
        "canonical_url": meta.canonical_url(),
        "image": meta.image(),
    })
}

fn field<'a>(meta: &'a Metadata, name: &str) -> Option<&'a str> {
    match name {
        "title" => meta.title(),
        "byline" => meta.byline(),
        "lang" => meta.lang(),
        "site_name" => meta.site_name(),
        "published_time" => meta.published_time(),
        "excerpt" => meta.excerpt(),
        _ => None,
    }
}

fn read_to_string(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// The reference metadata: `{}` when the page has none.
fn expected_metadata(dir: &Path) -> Result<Value, String> {
    let path = dir.join("expected-metadata.json");
    if !path.exists() {
        return Ok(json!({}));
    }
    serde_json::from_str(&read_to_string(&path)?).map_err(|e| format!("{}: {e}", path.display()))
}

fn reference_value<'a>(want: &'a Value, ours: &str, theirs: &str) -> Option<&'a str> {
    want.get(theirs)
        .or_else(|| want.get(ours))
        .and_then(Value::as_str)
        .filter(|v| !score::norm(v).is_empty())
}

/// Words of `tokens` not covered by a shingle that `other` has too, as
/// runs of consecutive words (the multiset is consumed as it matches).
fn uncovered_runs(tokens: &[&str], other: &[&str]) -> Vec<String> {
    let mut available: HashMap<Vec<&str>, usize> = score::shingles(other);
    let n = score::SHINGLE.min(tokens.len());
    let mut covered = vec![false; tokens.len()];
    if n > 0 {
        for start in 0..=tokens.len() - n {
            let shingle = tokens[start..start + n].to_vec();
            if let Some(left) = available.get_mut(&shingle).filter(|l| **l > 0) {
                *left -= 1;
                covered[start..start + n].iter_mut().for_each(|c| *c = true);
            }
        }
    }
    let mut runs = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    for (token, covered) in tokens.iter().zip(covered) {
        if covered {
            if !run.is_empty() {
                runs.push(run.join(" "));
                run.clear();
            }
        } else {
            run.push(token);
        }
    }
    if !run.is_empty() {
        runs.push(run.join(" "));
    }
    runs
}

fn show(
    name: &str,
    reference: &str,
    output: &str,
    meta: Option<&Metadata>,
    fields: &Fields,
    want: &Value,
) {
    let (p, r) = score::page_scores(reference, output);
    println!(
        "== {name}: precision {p:.3} recall {r:.3} F1 {:.3}",
        f1(p, r)
    );
    println!("-- metadata (found / expected)");
    for &(ours, theirs) in SCORED_FIELDS {
        let got = fields.get(ours).map(String::as_str);
        let expected = reference_value(want, ours, theirs);
        let mark = match expected {
            Some(w) if score::meta_match(ours, w, got) => "ok",
            Some(_) => "MISS",
            None => "  ",
        };
        println!("  {mark:4} {ours:15} {got:?} / {expected:?}");
    }
    if let Some(meta) = meta {
        println!(
            "  {:4} {:15} {:?}",
            "",
            "canonical_url",
            meta.canonical_url()
        );
        println!("  {:4} {:15} {:?}", "", "image", meta.image());
    }
    let (rt, ot) = (score::tokens(reference), score::tokens(output));
    println!("-- lost: reference text the output does not have");
    for run in uncovered_runs(&rt, &ot) {
        println!("  - {run}");
    }
    println!("-- extra: output text the reference does not have");
    for run in uncovered_runs(&ot, &rt) {
        println!("  + {run}");
    }
}

fn run(args: &Args) -> Result<(), String> {
    let entries =
        std::fs::read_dir(&args.set).map_err(|e| format!("{}: {e}", args.set.display()))?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("expected.html").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    if let Some(page) = &args.show {
        if !names.contains(page) {
            return Err(format!("no page {page:?} in {}", args.set.display()));
        }
        names.retain(|n| n == page);
    }
    if args.out.is_some() && args.score.is_some() {
        return Err("--out and --score exclude each other".into());
    }
    if let Some(out) = &args.out {
        std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    let cleaner = Cleaner::builder()
        .output(Output::Text)
        .build()
        .map_err(|e| e.to_string())?;
    let mut pages = Vec::new();
    for name in &names {
        let dir = args.set.join(name);
        let reference = score::html_text(&read_to_string(&dir.join("expected.html"))?);
        let (text, meta, fields) = match &args.score {
            Some(outputs) => {
                let (text, fields) = read_output(outputs, name)?;
                (text, None, fields)
            }
            None => {
                let source = dir.join("source.html");
                let bytes =
                    std::fs::read(&source).map_err(|e| format!("{}: {e}", source.display()))?;
                let (text, meta) = match cleaner.clean_bytes(&bytes) {
                    Ok(cleaned) => (cleaned.text().to_string(), cleaned.metadata().clone()),
                    Err(e) => {
                        eprintln!("page_report: {name}: {e}");
                        (String::new(), Metadata::default())
                    }
                };
                let fields = fields_of(&meta);
                (text, Some(meta), fields)
            }
        };
        if let Some(out) = &args.out {
            let write = |file: String, contents: String| {
                let path = out.join(file);
                std::fs::write(&path, contents).map_err(|e| format!("{}: {e}", path.display()))
            };
            write(format!("{name}.txt"), text.clone())?;
            let meta = meta.clone().unwrap_or_default();
            write(
                format!("{name}.json"),
                metadata_json(&meta).to_string() + "\n",
            )?;
        }
        let want = expected_metadata(&dir)?;
        if args.show.is_some() {
            show(name, &reference, &text, meta.as_ref(), &fields, &want);
        }
        let (precision, recall) = score::page_scores(&reference, &text);
        let meta_hits = SCORED_FIELDS
            .iter()
            .filter_map(|&(ours, theirs)| {
                let expected = reference_value(&want, ours, theirs)?;
                let got = fields.get(ours).map(String::as_str);
                Some((ours, score::meta_match(ours, expected, got)))
            })
            .collect();
        pages.push(Page {
            name: name.clone(),
            precision,
            recall,
            meta: meta_hits,
        });
    }
    report(args, &pages);
    Ok(())
}

fn report(args: &Args, pages: &[Page]) {
    if !args.summary && args.show.is_none() {
        println!(
            "{:<45} {:>9} {:>9} {:>9}  metadata missed",
            "page", "precision", "recall", "F1"
        );
        for page in pages {
            let missed: Vec<&str> = page.meta.iter().filter(|m| !m.1).map(|m| m.0).collect();
            println!(
                "{:<45} {:>9.3} {:>9.3} {:>9.3}  {}",
                page.name,
                page.precision,
                page.recall,
                f1(page.precision, page.recall),
                missed.join(" ")
            );
        }
    }
    let scores: Vec<(f64, f64)> = pages.iter().map(|p| (p.precision, p.recall)).collect();
    let (f1, precision, recall) = score::overall(&scores);
    println!(
        "pages {}  F1 {f1:.3}  precision {precision:.3}  recall {recall:.3}",
        pages.len()
    );
    let mut hits: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for page in pages {
        for &(field, hit) in &page.meta {
            let entry = hits.entry(field).or_default();
            entry.0 += usize::from(hit);
            entry.1 += 1;
        }
    }
    let fields: Vec<String> = SCORED_FIELDS
        .iter()
        .filter_map(|&(f, _)| {
            let (hit, total) = hits.get(f)?;
            Some(format!(
                "{f} {hit}/{total} ({:.0}%)",
                100.0 * *hit as f64 / *total as f64
            ))
        })
        .collect();
    if !fields.is_empty() {
        println!("metadata: {}", fields.join(", "));
    }
    if args.worst > 0 {
        let mut worst: Vec<&Page> = pages.iter().collect();
        worst.sort_by(|a, b| {
            a.precision
                .min(a.recall)
                .total_cmp(&b.precision.min(b.recall))
        });
        for page in worst.into_iter().take(args.worst) {
            println!(
                "  {:<45} precision {:.3} recall {:.3}",
                page.name, page.precision, page.recall
            );
        }
    }
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("page_report: {msg}");
            ExitCode::FAILURE
        }
    }
}
