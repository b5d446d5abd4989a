//! Golden tests: every post in `fixtures/` is cleaned and compared exactly
//! with its reviewed `*.expected.html`, `*.expected.txt` and `*.expected.md`.
//!
//! To update after an intended change: `UPDATE_GOLDEN=1 cargo test --test fixtures`,
//! then review the diff of the golden files by eye before committing.

use std::path::{Path, PathBuf};

use article_clean::{Cleaner, Output, Post};

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut posts: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".md") && !name.contains(".expected.") && name != "README.md"
        })
        .collect();
    posts.sort();
    posts
}

fn check(path: &Path, ext: &str, actual: &str, failures: &mut Vec<String>) {
    let golden = path.with_extension(ext);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&golden, actual).expect("write golden file");
        return;
    }
    match std::fs::read_to_string(&golden) {
        Ok(expected) if expected == actual => {}
        Ok(expected) => failures.push(format!(
            "{} differs:\n--- expected\n{expected}\n--- actual\n{actual}",
            golden.display()
        )),
        Err(e) => failures.push(format!("{}: {e}", golden.display())),
    }
}

#[test]
fn fixtures_match_their_golden_files() {
    let cleaner = Cleaner::builder().output(Output::All).build().unwrap();
    let posts = fixtures();
    assert!(
        posts.len() >= 12,
        "expected the bundled fixtures, found {}",
        posts.len()
    );
    let mut failures = Vec::new();
    for path in &posts {
        let post = Post::from_path(path).expect("fixture parses");
        let cleaned = cleaner.clean_post(&post).expect("fixture cleans");
        check(path, "expected.html", cleaned.html(), &mut failures);
        check(path, "expected.txt", cleaned.text(), &mut failures);
        check(path, "expected.md", cleaned.markdown(), &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn fixtures_are_idempotent_and_free_of_known_junk() {
    let cleaner = Cleaner::builder().output(Output::All).build().unwrap();
    for path in fixtures() {
        let post = Post::from_path(&path).unwrap();
        let url = post.front_matter().from.clone().unwrap_or_default();
        let once = cleaner.clean_post(&post).unwrap();
        let twice = cleaner.clean_with_url(once.html(), url.trim()).unwrap();
        assert_eq!(
            once.html(),
            twice.html(),
            "{}: html not idempotent",
            path.display()
        );
        assert_eq!(
            once.text(),
            twice.text(),
            "{}: text not idempotent",
            path.display()
        );
        assert_eq!(
            once.markdown(),
            twice.markdown(),
            "{}: markdown not idempotent",
            path.display()
        );
        for junk in [
            "utm_",
            "fbclid",
            "lazyload",
            "pinger-seen",
            "referrerpolicy",
            "dfp-ad",
            "adsbygoogle",
            "<script",
            "<style",
            "/_/stat",
            "sharer",
            "data:image",
            "del.icio.us",
            "bookmarks/mark",
            "servicelinks",
            "service_links",
            "get_post_time",
            "Permalink",
            "Post tags:",
            "cgi-bin/webscr",
            "ko-fi.com",
            "__tn__",
            "__xts__",
            "__cft__",
            "__eep__",
            "si=",
            "source=rss",
            "source=collection_home",
        ] {
            assert!(
                !once.html().contains(junk),
                "{}: {junk} left in html",
                path.display()
            );
        }
    }
}
