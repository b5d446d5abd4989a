//! Throughput benchmarks (issue 5).
//!
//! ```text
//! cargo bench --bench clean                 # all groups
//! cargo bench --bench clean -- corpus       # one group
//! ```
//!
//! - `corpus`: every post of `../shared/corpus/dev` (relative to the crate
//!   root), cleaned to text, Markdown, HTML and both, against
//!   `ammonia::clean`, a bare html5ever parse + serialize and a bare parse
//!   of the same bodies, and the text and HTML pipelines with no rules
//!   (`text_no_rules`, `html_no_rules`: parse, serialize, ammonia, no rule;
//!   the floors of the design). Without the corpus, the fixture posts are
//!   used, else a synthetic article.
//! - Whole web pages, with dom_smoothie beside us, are in `benches/pages.rs`.
//! - `fixtures`: each bundled fixture to text and to HTML, with
//!   `ammonia::clean` on the same body.
//! - `scaling`: a synthetic article repeated from 10 KB to 5 MB, 100,000
//!   sibling paragraphs, and nesting 500 vs 1,000 deep.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use article_clean::{Cleaner, Output, Post};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use html5ever::serialize::{SerializeOpts, TraversalScope};
use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{RcDom, SerializableHandle};

/// A synthetic article written for these benchmarks: paragraphs with inline
/// markup, an ad slot, a promotion link with tracking parameters, a lazy
/// image, a share bar and a list.
const ARTICLE: &str = r#"<div class="article-body">
<h2>Harbour lights return after the long winter</h2>
<p>The ferry from the northern islands arrived <em>two hours late</em> on Tuesday, its deck crowded with crates of salted fish, bicycles and a piano that nobody would admit to owning. Harbour staff said the delay was caused by fog, which had settled over the strait before dawn and refused to lift until almost noon.</p>
<div id="div-gpt-ad-1234" class="ad-slot dfp-ad"><script>googletag.display("div-gpt-ad-1234");</script></div>
<p>Residents gathered along the quay to watch the unloading. "We have waited since October for the lamps," said one of them, pointing at a stack of boxes marked <strong>fragile</strong>. The lamps, made in a workshop on the mainland, will line the promenade from the lighthouse to the old customs house.</p>
<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="https://img.example.org/harbour/lamps.jpg?w=800" class="lazyload" alt="Crates of lamps on the quay" width="800" height="533"></p>
<p>The council approved the project last spring after a <a href="https://news.example.org/2024/03/council-vote?utm_source=rss&amp;utm_medium=feed&amp;id=42">narrow vote</a>. Critics argued that the money would be better spent on the road to the airport, which floods every autumn; supporters answered that a town without light on its waterfront is a town that has given up.</p>
<div class="promo-banner"><a href="https://subscribe.example.org/offer?utm_campaign=winter"><img src="https://img.example.org/banners/subscribe.png" alt="Subscribe now"></a></div>
<ul>
<li>Length of the promenade: 1.2 km</li>
<li>Number of lamps: 148</li>
<li>Expected completion: early summer</li>
</ul>
<p>&nbsp;</p>
<p>Work begins next week. The harbour master has asked fishermen to keep the eastern berth clear while the cranes are in use, and promised that the ferry timetable will not change.</p>
<div class="share-buttons"><a href="https://twitter.com/share?url=x">Tweet</a> <a href="https://facebook.com/sharer?u=x">Share</a></div>
<img src="https://pixel.example.net/track.gif?id=1" width="1" height="1">
</div>
"#;

struct Input {
    posts: Vec<Post>,
    bytes: u64,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev")
}

fn md_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                    name.ends_with(".md") && !name.contains(".expected.")
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Posts of the dev corpus, else `fixtures/*.md`, else the synthetic article.
fn load_corpus() -> Input {
    let mut files = md_files(&corpus_dir());
    if files.is_empty() {
        eprintln!(
            "note: {} not found; using fixtures/*.md",
            corpus_dir().display()
        );
        files = md_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"));
    }
    let mut posts: Vec<Post> = files
        .iter()
        .filter_map(|f| std::fs::read(f).ok())
        .filter_map(|b| Post::parse(&String::from_utf8_lossy(&b)).ok())
        .collect();
    if posts.is_empty() {
        eprintln!("note: no fixtures either; using the built-in synthetic article");
        let text = format!(
            "---\ntitle: Harbour lights\nfrom: https://news.example.org/a/1\n---\n{}",
            ARTICLE.repeat(20)
        );
        posts.push(Post::parse(&text).expect("synthetic post parses"));
    }
    let bytes = posts.iter().map(|p| p.body().len() as u64).sum();
    eprintln!("corpus: {} posts, {bytes} bytes of body", posts.len());
    Input { posts, bytes }
}

fn cleaner(output: Output) -> Cleaner {
    Cleaner::builder().output(output).build().expect("cleaner")
}

/// The pipeline with no rule and no site profile.
fn no_rules(output: Output) -> Cleaner {
    Cleaner::builder()
        .output(output)
        .no_default_rules()
        .without_builtin_profiles()
        .build()
        .expect("cleaner")
}

fn parse_serialize(html: &str) -> Vec<u8> {
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
    let mut out = Vec::with_capacity(html.len());
    let opts = SerializeOpts {
        traversal_scope: TraversalScope::ChildrenOnly(None),
        ..Default::default()
    };
    html5ever::serialize(
        &mut out,
        &SerializableHandle::from(dom.document.clone()),
        opts,
    )
    .expect("serialize to memory");
    out
}

fn corpus(c: &mut Criterion) {
    let input = load_corpus();
    let mut group = c.benchmark_group("corpus");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8))
        .throughput(Throughput::Bytes(input.bytes));
    for (name, output) in [
        ("text", Output::Text),
        ("markdown", Output::Markdown),
        ("html", Output::Html),
        ("both", Output::Both),
    ] {
        let cleaner = cleaner(output);
        group.bench_function(name, |b| {
            b.iter(|| {
                for post in &input.posts {
                    // Errors (inputs over a limit) are part of the work measured.
                    let _ = black_box(cleaner.clean_post(post));
                }
            })
        });
    }
    // The floors of the design: the same pipelines with no rule at all
    // (parse, size and nesting checks, metadata, text rendering or
    // serializing and sanitizing), and the parse alone.
    for (name, output) in [
        ("text_no_rules", Output::Text),
        ("html_no_rules", Output::Html),
    ] {
        let no_rules = no_rules(output);
        group.bench_function(name, |b| {
            b.iter(|| {
                for post in &input.posts {
                    let _ = black_box(no_rules.clean_post(post));
                }
            })
        });
    }
    group.bench_function("html5ever_parse", |b| {
        b.iter(|| {
            for post in &input.posts {
                black_box(
                    html5ever::parse_document(RcDom::default(), Default::default())
                        .one(post.body()),
                );
            }
        })
    });
    group.bench_function("ammonia_clean", |b| {
        b.iter(|| {
            for post in &input.posts {
                black_box(ammonia::clean(post.body()));
            }
        })
    });
    group.bench_function("html5ever_parse_serialize", |b| {
        b.iter(|| {
            for post in &input.posts {
                black_box(parse_serialize(post.body()));
            }
        })
    });
    group.finish();
}

/// The synthetic article repeated to at least `bytes` bytes.
fn repeated(bytes: usize) -> String {
    ARTICLE.repeat(bytes.div_ceil(ARTICLE.len()))
}

fn nested(depth: usize) -> String {
    let mut s = "<div>".repeat(depth);
    s.push_str("<p>Deep inside the nesting, one paragraph of text.</p>");
    s.push_str(&"</div>".repeat(depth));
    s
}

fn scaling(c: &mut Criterion) {
    let cleaner = Cleaner::default();
    let mut group = c.benchmark_group("scaling");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    let mut inputs: Vec<(String, String)> = [
        ("10KB", 10 << 10),
        ("100KB", 100 << 10),
        ("1MB", 1 << 20),
        ("5MB", 5 << 20),
    ]
    .into_iter()
    .map(|(name, n)| (format!("article/{name}"), repeated(n)))
    .collect();
    inputs.push((
        "paragraphs/100000".into(),
        "<p>A short paragraph.</p>".repeat(100_000),
    ));
    inputs.push(("nested/500".into(), nested(500)));
    inputs.push(("nested/1000".into(), nested(1_000)));
    for (name, html) in &inputs {
        group.throughput(Throughput::Bytes(html.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), html, |b, html| {
            b.iter(|| black_box(cleaner.clean(html).expect("within the limits")))
        });
    }
    group.finish();
}

/// Each bundled fixture to text and to HTML, with `ammonia::clean` on the
/// same body: per-pattern costs (an ad-heavy page, a Word export, `<br>`
/// paragraphs, ...) that the corpus average hides.
fn fixtures(c: &mut Criterion) {
    let text = cleaner(Output::Text);
    let html = cleaner(Output::Html);
    let mut group = c.benchmark_group("fixtures");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    for file in md_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")) {
        let Some(post) = std::fs::read_to_string(&file)
            .ok()
            .and_then(|s| Post::parse(&s).ok())
        else {
            continue;
        };
        let name = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        group.throughput(Throughput::Bytes(post.body().len() as u64));
        group.bench_with_input(BenchmarkId::new("text", &name), &post, |b, post| {
            b.iter(|| black_box(text.clean_post(post)))
        });
        group.bench_with_input(BenchmarkId::new("html", &name), &post, |b, post| {
            b.iter(|| black_box(html.clean_post(post)))
        });
        group.bench_with_input(
            BenchmarkId::new("ammonia_clean", &name),
            &post,
            |b, post| b.iter(|| black_box(ammonia::clean(post.body()))),
        );
    }
    group.finish();
}

criterion_group!(benches, corpus, fixtures, scaling);
criterion_main!(benches);
