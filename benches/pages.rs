//! Whole-page throughput against dom_smoothie (issue 12).
//!
//! ```text
//! taskset -c 1 cargo bench --bench pages
//! ```
//!
//! Group `whole_pages`: the 130 pages of `../shared/fullpage/readability`
//! (relative to the crate root), each once per iteration, decoded once up
//! front so that every function gets the same `&str` inputs; throughput is
//! in input bytes.
//!
//! - `article_clean_text`: the default rules (main-content extraction
//!   first), plain text out.
//! - `article_clean_html`: the same, sanitized HTML out.
//! - `article_clean_text_no_rules`: no rule at all (parse, checks, text
//!   rendering): the floor of the design.
//! - `article_clean_html_no_rules`: no rule, sanitized HTML out (parse,
//!   serialize, ammonia): the floor of the HTML path.
//! - `dom_smoothie_text`: dom_smoothie's `Readability` with its default
//!   `Config`, the article's `text_content` (the pages have no URL).
//!
//! Without the pages the group is skipped with a note.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use article_clean::{Cleaner, Output};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dom_smoothie::Readability;

/// Every `*/source.html` under the page set, decoded the way
/// `Cleaner::clean_bytes` decodes it, in name order.
fn load_pages() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fullpage/readability");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path().join("source.html")))
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
        .iter()
        .filter_map(|f| std::fs::read(f).ok())
        .map(|b| article_clean::decode_html(&b).text.into_owned())
        .collect()
}

fn whole_pages(c: &mut Criterion) {
    let pages = load_pages();
    if pages.is_empty() {
        eprintln!("note: ../shared/fullpage/readability not found; whole_pages skipped");
        return;
    }
    let bytes: usize = pages.iter().map(String::len).sum();
    eprintln!("whole_pages: {} pages, {bytes} bytes", pages.len());

    let mut group = c.benchmark_group("whole_pages");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10))
        .throughput(Throughput::Bytes(bytes as u64));

    let text = Cleaner::builder()
        .output(Output::Text)
        .build()
        .expect("cleaner");
    let html = Cleaner::builder()
        .output(Output::Html)
        .build()
        .expect("cleaner");
    let no_rules = Cleaner::builder()
        .output(Output::Text)
        .no_default_rules()
        .without_builtin_profiles()
        .build()
        .expect("cleaner");
    let html_no_rules = Cleaner::builder()
        .output(Output::Html)
        .no_default_rules()
        .without_builtin_profiles()
        .build()
        .expect("cleaner");
    for (name, cleaner) in [
        ("article_clean_text", &text),
        ("article_clean_html", &html),
        ("article_clean_text_no_rules", &no_rules),
        ("article_clean_html_no_rules", &html_no_rules),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                for page in &pages {
                    // Errors (inputs over a limit) are part of the work measured.
                    let _ = black_box(cleaner.clean(page));
                }
            })
        });
    }
    group.bench_function("dom_smoothie_text", |b| {
        b.iter(|| {
            for page in &pages {
                let article = Readability::new(page.as_str(), None, None)
                    .and_then(|mut r| r.parse())
                    .map(|a| a.text_content);
                let _ = black_box(article);
            }
        })
    });
    group.finish();
}

criterion_group!(benches, whole_pages);
criterion_main!(benches);
