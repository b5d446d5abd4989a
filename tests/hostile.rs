//! Hostile and broken input: every case ends in a result or a typed error,
//! never a panic or a hang.
//!
//! Hangs are caught with generous timeouts (the work runs on a thread and
//! the test waits with `recv_timeout`); nothing here asserts speed.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use article_clean::{Cleaned, Cleaner, Error, Post, DEFAULT_MAX_INPUT_BYTES};

/// Far longer than any of these cases takes, even in a debug build on a
/// busy machine: only a real hang trips it.
const TIMEOUT: Duration = Duration::from_secs(600);

/// Runs `f` on its own thread and fails the test if it panics or hangs.
fn within<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name(what.to_string())
        .spawn(move || {
            let _ = tx.send(f());
        })
        .unwrap();
    match rx.recv_timeout(TIMEOUT) {
        Ok(v) => v,
        Err(RecvTimeoutError::Timeout) => panic!("{what}: no answer after {TIMEOUT:?}"),
        Err(RecvTimeoutError::Disconnected) => panic!("{what}: panicked"),
    }
}

fn clean(what: &str, html: impl Into<String>) -> Result<Cleaned, Error> {
    let html = html.into();
    within(what, move || Cleaner::default().clean(&html))
}

/// The output invariants that hold for any input.
fn assert_safe(what: &str, cleaned: &Cleaned) {
    let html = cleaned.html().to_ascii_lowercase();
    for bad in ["<script", "<style", "<iframe", "javascript:", "\0"] {
        assert!(!html.contains(bad), "{what}: html has {bad:?}: {html:?}");
    }
    assert!(!cleaned.text().contains('\0'), "{what}: text has NUL");
}

/// A xorshift64* generator: fixed seed, same bytes on every run.
struct Prng(u64);

impl Prng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| (self.next() >> 56) as u8).collect()
    }
}

#[test]
fn a_hundred_thousand_nested_divs_are_refused() {
    let err = clean("nested", "<div>".repeat(100_000) + "deep").unwrap_err();
    match &err {
        Error::TooDeeplyNested { depth, limit, .. } => {
            assert_eq!(*limit, 1_000);
            assert_eq!(*depth, 1_001);
        }
        other => panic!("{other:?}"),
    }
    let message = err.to_string();
    assert!(
        message.contains("1000") && message.contains("byte"),
        "{message}"
    );
    // Other nesting elements too, and a lower configured limit.
    let cleaner = Cleaner::builder().max_nesting_depth(50).build().unwrap();
    let html = "<span><b><blockquote>".repeat(20);
    assert!(matches!(
        within("nested spans", move || cleaner.clean(&html)),
        Err(Error::TooDeeplyNested { limit: 50, .. })
    ));
}

#[test]
fn a_hundred_thousand_siblings_are_all_kept() {
    let mut html = String::new();
    for i in 0..100_000 {
        html.push_str(&format!("<p>sibling {i}</p>"));
    }
    let cleaned = clean("siblings", html).unwrap();
    assert_eq!(cleaned.text().matches("sibling ").count(), 100_000);
    assert_eq!(cleaned.html().matches("<p>").count(), 100_000);
    assert!(cleaned.text().ends_with("sibling 99999\n"));
}

#[test]
fn fifty_megabytes_are_refused_with_the_limit_named() {
    let big = "<p>x</p>".repeat(50 * 1024 * 1024 / 8);
    let size = big.len();
    let cleaner = Cleaner::builder()
        .max_input_bytes(1024 * 1024)
        .build()
        .unwrap();
    let err = cleaner.clean(&big).unwrap_err();
    assert!(
        matches!(err, Error::InputTooLarge { size: s, limit: 1_048_576 } if s == size),
        "{err:?}"
    );
    assert!(err.to_string().contains("1048576"), "{err}");
    // The default limit is 32 MiB.
    assert_eq!(DEFAULT_MAX_INPUT_BYTES, 32 * 1024 * 1024);
    let err = Cleaner::default().clean(&big).unwrap_err();
    assert!(matches!(err, Error::InputTooLarge { limit, .. } if limit == DEFAULT_MAX_INPUT_BYTES));
    let err = Cleaner::default().clean_bytes(big.as_bytes()).unwrap_err();
    assert!(matches!(err, Error::InputTooLarge { limit, .. } if limit == DEFAULT_MAX_INPUT_BYTES));
    // Exactly at the limit is accepted.
    let cleaner = Cleaner::builder().max_input_bytes(8).build().unwrap();
    assert_eq!(cleaner.clean("<p>x</p>").unwrap().text(), "x\n");
}

#[test]
fn nul_bytes() {
    for html in [
        "\0",
        "<p>a\0b</p>",
        "<\0p>x</p>",
        "<p \0=\"1\">x</p>",
        "<a href=\"java\0script:alert(1)\">x</a>",
        "<scr\0ipt>alert(1)</script>",
        "<!--\0--><p>\0</p>",
    ] {
        let cleaned = clean("nul", html).unwrap();
        assert_safe(html, &cleaned);
    }
}

#[test]
fn unclosed_tags_and_comments() {
    for html in [
        "<p>kept <b>bold <i>italic",
        "<p>kept<!-- never closed <p>hidden</p>",
        "<p>kept</p><!--",
        "<p>kept</p><!-",
        "<p>kept</p><div",
        "<p>kept</p><a href=\"https://x.example/",
        "<p>kept</p><script>alert(1)",
        "<p>kept</p><style>p { color: red",
        "<p>kept</p><textarea><p>x",
        "<p>kept</p><title>",
        "<p>kept</p><![CDATA[ x",
        "<p>kept</p></",
        "<p>kept</p><",
        "<table><tr><td><p>kept",
        "<ul><li><p>kept",
    ] {
        let cleaned = clean("unclosed", html).unwrap();
        assert_safe(html, &cleaned);
        assert!(
            cleaned.text().contains("kept"),
            "{html}: {:?}",
            cleaned.text()
        );
        assert!(!cleaned.text().contains("hidden"), "{html}");
    }
}

#[test]
fn plaintext_swallows_the_rest_as_text() {
    let cleaned = clean(
        "plaintext",
        "<p>before</p><plaintext><p>after</p><script>alert(1)</script>",
    )
    .unwrap();
    assert_safe("plaintext", &cleaned);
    // Everything after `<plaintext>` is one raw text that looks like markup: dropped.
    assert_eq!(cleaned.text(), "before\n");
    assert_eq!(cleaned.html(), "<p>before</p>\n");
    assert!(!cleaned.html().contains("<plaintext"), "{}", cleaned.html());
}

#[test]
fn binary_garbage() {
    let mut rng = Prng(0x5eed_1234_abcd_0042);
    for round in 0..40 {
        let len = [0, 1, 7, 64, 1_000, 20_000][round % 6] + (rng.next() % 512) as usize;
        let mut bytes = rng.bytes(len);
        // Make some rounds look more like markup.
        if round % 2 == 1 {
            for b in bytes.iter_mut().step_by(5) {
                *b = b"<>/=\"'!-&p"[(rng.next() % 10) as usize];
            }
        }
        let what = format!("garbage round {round}");
        let copy = bytes.clone();
        let from_bytes = within(&what, move || Cleaner::default().clean_bytes(&copy));
        match from_bytes {
            Ok(cleaned) => assert_safe(&what, &cleaned),
            Err(Error::TooDeeplyNested { .. }) => {}
            Err(other) => panic!("{what}: {other}"),
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        match clean(&what, text) {
            Ok(cleaned) => assert_safe(&what, &cleaned),
            Err(Error::TooDeeplyNested { .. }) => {}
            Err(other) => panic!("{what}: {other}"),
        }
    }
}

#[test]
fn empty_and_blank_input() {
    for html in [
        "",
        " ",
        "\n\n\t",
        "&nbsp;",
        "\u{3000}",
        "<p></p>",
        "<!---->",
        "<html></html>",
    ] {
        let cleaned = clean("empty", html).unwrap();
        assert_eq!(cleaned.html(), "", "{html:?}");
        assert_eq!(cleaned.text(), "", "{html:?}");
    }
}

fn post_error_line(text: &str) -> usize {
    match Post::parse(text) {
        Err(Error::MalformedPost {
            line,
            path,
            message,
        }) => {
            assert!(path.is_none());
            assert!(!message.is_empty());
            line
        }
        other => panic!("{text:?}: {other:?}"),
    }
}

#[test]
fn malformed_front_matter_names_the_line() {
    assert_eq!(post_error_line(""), 1);
    assert_eq!(post_error_line("<p>no front matter</p>"), 1);
    assert_eq!(post_error_line("---\ntitle: x\nauthor: y\n"), 3);
    assert_eq!(
        post_error_line("---\ntitle: x\nauthor: [a, b\n---\n<p>x</p>"),
        4
    );
    let unterminated = post_error_line("---\ntitle: ok\ndate: 2021\nauthor: \"open\n---\n");
    assert!((4..=5).contains(&unterminated), "{unterminated}");
    assert_eq!(post_error_line("---\ntitle: a\n  - b: [\n---\n"), 3);
    // Found by fuzzing (parse_post): the YAML parser counts a lone `\r` as
    // a line break, so the error named line 7 of a 5-line file.
    let fuzzed = format!(
        "---\ntitle: \"{}\t{}/p><{}jttps:8/example.com/a\ntags: [ news,\u{7c8}orld ]\n---\n<!--326474496/p></diV>\n",
        "\r".repeat(5),
        "\r".repeat(14),
        "\r".repeat(7)
    );
    let line = post_error_line(&fuzzed);
    assert!((2..=5).contains(&line), "{line}");
    let crlf = post_error_line("---\r\ntitle: \"a\r\r\r\rb\r\nx: [\r\n---\r\n");
    assert!((2..=4).contains(&crlf), "{crlf}");
    let err = Post::parse("---\ntitle: ok\n\tbad: tab\n---\n").unwrap_err();
    assert!(err.to_string().contains("line "), "{err}");
    // Reading from a file names the file too.
    let dir = std::env::temp_dir().join(format!("article-clean-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.md");
    std::fs::write(&path, "---\ntitle: [x\n---\n").unwrap();
    let err = Post::from_path(&path).unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("bad.md") && message.contains("line "),
        "{message}"
    );
    let missing = Post::from_path(dir.join("missing.md")).unwrap_err();
    assert!(matches!(missing, Error::Io { .. }));
    assert!(missing.to_string().contains("missing.md"), "{missing}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_post_with_no_body() {
    for text in [
        "---\ntitle: Only a title\n---\n",
        "---\ntitle: x\n---",
        "---\n---\n",
    ] {
        let post = Post::parse(text).unwrap();
        let cleaned = Cleaner::default().clean_post(&post).unwrap();
        assert_eq!(cleaned.html(), "");
        assert_eq!(cleaned.text(), "");
    }
    let post =
        Post::parse("---\ntitle: x\n---\n<!--123-->\n[x](https://a.example/)\n------\n").unwrap();
    assert_eq!(Cleaner::default().clean_post(&post).unwrap().text(), "");
}

#[test]
fn a_post_with_a_bad_from_url_is_a_typed_error() {
    let post = Post::parse("---\nfrom: not a url\n---\n<p>x</p>").unwrap();
    let err = Cleaner::default().clean_post(&post).unwrap_err();
    assert!(matches!(err, Error::InvalidBaseUrl { .. }), "{err:?}");
    assert!(err.to_string().contains("not a url"), "{err}");
}
