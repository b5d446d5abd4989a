//! Runs the default cleaner over the dev corpus (`../shared/corpus/dev`)
//! when it is present, and holds the line on what matters to users:
//! no panic, no empty output from an input with text, no lost article
//! paragraphs, no junk left that the leftover scan is sure of (tracking
//! parameters and pixels, share and bookmark links, donation banners,
//! feed-footer lines, ...), and idempotence (cleaning the HTML output
//! again changes neither the HTML nor the text).
//!
//! Skipped, with a note, when the corpus is absent.

use std::path::Path;

use article_clean::quality::assess;
use article_clean::{Cleaner, Post};

/// A doc fails when it loses more than this many characters of article
/// block text *and* keeps less than `MIN_KEPT` of it. The margin covers what
/// the rules remove on purpose inside the article area of scraped pages:
/// bylines, date lines, share-button labels, image-credit labels, copyright
/// notices (at most a few hundred characters in this corpus); a lost
/// paragraph of the story is longer, and a lost story is far longer.
const MAX_LOST_CHARS: usize = 300;
const MIN_KEPT: f64 = 0.85;

/// Overall share of article block text that must survive.
const MIN_KEPT_OVERALL: f64 = 0.98;

#[test]
fn dev_corpus_is_cleaned_without_loss_or_leftovers() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("note: {} not found; corpus test skipped", dir.display());
        return;
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    let cleaner = Cleaner::default();
    let mut failures = Vec::new();
    let (mut chars_in, mut chars_kept) = (0usize, 0usize);
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let post = match Post::from_path(path) {
            Ok(p) => p,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let fm = post.front_matter();
        let a = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            assess(
                &cleaner,
                post.body(),
                fm.from.as_deref().map(str::trim),
                fm.title.as_deref(),
            )
        })) {
            Ok(Ok(a)) => a,
            Ok(Err(e)) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
            Err(_) => {
                failures.push(format!("{name}: panicked"));
                continue;
            }
        };
        chars_in += a.article_chars_in;
        chars_kept += a.article_chars_kept;
        if a.article_chars_in > 0 && a.output_text_chars == 0 {
            failures.push(format!(
                "{name}: empty output from {} chars of text",
                a.article_chars_in
            ));
        }
        let lost = a.article_chars_in - a.article_chars_kept;
        if lost > MAX_LOST_CHARS && a.article_kept_ratio() < MIN_KEPT {
            failures.push(format!(
                "{name}: lost {lost} of {} chars of article text; first lost: {:?}",
                a.article_chars_in,
                a.lost_paragraphs.first()
            ));
        }
        // Leftovers seen by a sign that leaves no doubt: a tracking
        // parameter, pixel or active markup; a link to a share or bookmark
        // endpoint or to a promotion or donation page; a share service's
        // logo; a share button's label; a feed plugin's footer line.
        // (Element names and section headings are only clues.)
        for f in a.findings.iter().filter(|f| f.sign.is_certain()) {
            failures.push(format!(
                "{name}: {} left ({:?}): {}",
                f.kind, f.sign, f.evidence
            ));
        }
        if !a.idempotent {
            failures.push(format!("{name}: cleaning the output again changes it"));
        }
    }
    let overall = chars_kept as f64 / chars_in.max(1) as f64;
    println!(
        "dev corpus: {} docs, article text kept {:.2}%",
        paths.len(),
        overall * 100.0
    );
    assert!(
        overall >= MIN_KEPT_OVERALL,
        "article text kept overall {overall:.4} < {MIN_KEPT_OVERALL}"
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The post the project started from: exactly its six paragraphs survive.
#[test]
fn the_seed_post_keeps_exactly_its_six_paragraphs() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed/zaobao-2021-10-03.md");
    let Ok(post) = Post::from_path(&path) else {
        println!("note: {} not found; seed test skipped", path.display());
        return;
    };
    let cleaned = Cleaner::default().clean_post(&post).unwrap();
    let html = cleaned.html();
    assert_eq!(html.lines().count(), 6, "{html}");
    assert!(
        html.lines()
            .all(|l| l.starts_with("<p>") && l.ends_with("</p>")),
        "{html}"
    );
    for junk in [
        "dfp-ad",
        "innity",
        "imu",
        "subscribe",
        "promotions",
        "paywall",
        "utm_",
        "lazyload",
        "pinger-seen",
        "referrerpolicy",
        "<img",
        "<a ",
    ] {
        assert!(!html.contains(junk), "{junk} left in:\n{html}");
    }
    // Six paragraphs, one blank line between them, one newline at the end.
    let text = cleaned.text();
    assert!(text.ends_with('\n') && !text.ends_with("\n\n"), "{text:?}");
    let paragraphs: Vec<&str> = text.trim_end().split("\n\n").collect();
    assert_eq!(paragraphs.len(), 6, "{text}");
    assert!(
        paragraphs
            .iter()
            .all(|p| !p.is_empty() && !p.contains('\n')),
        "{text}"
    );
}
