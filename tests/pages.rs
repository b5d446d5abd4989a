//! Golden tests for whole web pages: every page in `fixtures/pages/` is
//! cleaned and compared exactly with its reviewed `*.expected.html`,
//! `*.expected.txt` and `*.expected.md` (see `fixtures/pages/README.md` for what each page
//! reproduces and what a careful editor keeps of it).
//!
//! To update after an intended change: `UPDATE_GOLDEN=1 cargo test --test pages`,
//! then review the diff of the golden files by eye before committing.

use std::path::{Path, PathBuf};

use article_clean::{Cleaner, Output};

fn pages() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pages");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/pages directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".html") && !name.contains(".expected.")
        })
        .collect();
    pages.sort();
    pages
}

fn golden(page: &Path, ext: &str) -> PathBuf {
    page.with_extension(ext)
}

fn check(path: &Path, actual: &str, failures: &mut Vec<String>) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, actual).expect("write golden file");
        return;
    }
    match std::fs::read_to_string(path) {
        Ok(expected) if expected == actual => {}
        Ok(expected) => failures.push(format!(
            "{} differs:\n--- expected\n{expected}\n--- actual\n{actual}",
            path.display()
        )),
        Err(e) => failures.push(format!("{}: {e}", path.display())),
    }
}

#[test]
fn pages_match_their_golden_files() {
    let cleaner = Cleaner::builder().output(Output::All).build().unwrap();
    let pages = pages();
    assert!(
        pages.len() >= 6,
        "expected the bundled pages, found {}",
        pages.len()
    );
    let mut failures = Vec::new();
    for page in &pages {
        let html = std::fs::read_to_string(page).expect("page reads");
        let cleaned = cleaner.clean(&html).expect("page cleans");
        check(
            &golden(page, "expected.html"),
            cleaned.html(),
            &mut failures,
        );
        check(&golden(page, "expected.txt"), cleaned.text(), &mut failures);
        check(
            &golden(page, "expected.md"),
            cleaned.markdown(),
            &mut failures,
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn page_outputs_are_idempotent_and_free_of_page_furniture() {
    let cleaner = Cleaner::default();
    for page in pages() {
        let html = std::fs::read_to_string(&page).unwrap();
        let once = cleaner.clean(&html).unwrap();
        let twice = cleaner.clean(once.html()).unwrap();
        assert_eq!(
            once.html(),
            twice.html(),
            "{}: html not idempotent",
            page.display()
        );
        assert_eq!(
            once.text(),
            twice.text(),
            "{}: text not idempotent",
            page.display()
        );
        assert!(
            !once.text().trim().is_empty(),
            "{}: nothing kept",
            page.display()
        );
        // Every page's furniture is written with these words; none belongs
        // to an article.
        for furniture in [
            "Skip to content",
            "Subscribe from",
            "Most read",
            "Recent Posts",
            "Leave a Reply",
            "Trending",
            "Who is online",
            "You may also like",
            "Add to basket",
            "Previous: ",
            "Copyright",
            "\u{a9} 2026",
        ] {
            assert!(
                !once.text().contains(furniture),
                "{}: {furniture:?} left in the text",
                page.display()
            );
        }
    }
}

#[test]
fn without_main_content_the_page_stays_whole() {
    let cleaner = Cleaner::builder()
        .remove_rule(article_clean::rules::MAIN_CONTENT)
        .build()
        .unwrap();
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pages/03-article-in-main.html");
    let html = std::fs::read_to_string(page).unwrap();
    let text = cleaner.clean(&html).unwrap().text().to_string();
    assert!(
        text.contains("Small Fixes is written by one person"),
        "{text}"
    );
    assert!(text.contains("Gluing and gilding"), "{text}");
}
