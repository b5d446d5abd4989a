//! Cost of cosmetic filter lists: load time of a generated 50,000-rule list,
//! and cleaning time with no list, 50 rules and 50,000 rules.
//!
//! Inputs: up to 40 posts from ../shared/corpus/dev when present, else a
//! synthetic article. Run with `cargo bench --bench rulesets`.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use article_clean::rulesets::CosmeticFilter;
use article_clean::{Cleaner, Post};
use criterion::{criterion_group, criterion_main, Criterion};

/// A synthetic list: random class and id rules, some complex and
/// domain-restricted ones, a few comments and network filters.
fn generate_list(n: usize) -> String {
    let mut state = 0x1234_5678_9ABC_DEF1u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let word = |next: &mut dyn FnMut() -> u64| -> String {
        (0..6 + next() % 8)
            .map(|_| (b'a' + (next() % 26) as u8) as char)
            .collect()
    };
    let mut out = String::from("[Adblock Plus 2.0]\n! generated\n");
    for i in 0..n {
        let w = word(&mut next);
        let line = match i % 20 {
            0..=8 => format!("##.{w}-ad\n"),
            9..=15 => format!("###{w}-slot\n"),
            16 => format!("site{}.example##.{w}\n", next() % 500),
            17 => format!("##div.{w} > a[href*=\"{w}\"]\n"),
            18 => format!("site{}.example,~m.site.example###{w}\n", next() % 500),
            _ => format!("##[data-{w}]\n"),
        };
        out.push_str(&line);
    }
    out
}

fn inputs() -> Vec<(String, Option<String>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev");
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths.into_iter().take(40) {
            if let Ok(post) = Post::from_path(&p) {
                out.push((post.body().to_string(), post.front_matter().from.clone()));
            }
        }
    }
    if out.is_empty() {
        let mut html = String::new();
        for i in 0..60 {
            html.push_str(&format!(
                "<div class=\"row r{i}\"><p class=\"para\">Paragraph {i} of the story, with <a href=\"/x/{i}?utm_source=a\">a link</a> and more words.</p><span id=\"s{i}\">aside</span></div>"
            ));
        }
        out.push((html, Some("https://www.example.com/story".into())));
    }
    out
}

fn bench(c: &mut Criterion) {
    let big = generate_list(50_000);
    let small = generate_list(50);
    c.bench_function("load 50k cosmetic rules", |b| {
        b.iter(|| CosmeticFilter::parse(black_box(&big)))
    });
    let docs = inputs();
    let plain = Cleaner::default();
    let with = |list: &str| {
        Cleaner::builder()
            .cosmetic_filters(CosmeticFilter::parse(list).0)
            .build()
            .unwrap()
    };
    let cleaners = [
        ("clean: no list", plain),
        ("clean: 50 rules", with(&small)),
        ("clean: 50k rules", with(&big)),
    ];
    let mut g = c.benchmark_group("clean inputs");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    for (name, cleaner) in &cleaners {
        g.bench_function(*name, |b| {
            b.iter(|| {
                for (html, url) in &docs {
                    let r = match url {
                        Some(u) => cleaner.clean_with_url(html, u),
                        None => cleaner.clean(html),
                    };
                    black_box(r.ok());
                }
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
