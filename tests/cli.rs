//! The installed program as a user runs it: arguments, standard input and
//! output, exit codes. (Its engine is tested in `src/bin/article-clean/`.)

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `article-clean` with `args`, `stdin` piped in.
fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_article-clean"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the program starts");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin.as_bytes())
        .expect("stdin is written");
    child.wait_with_output().expect("the program ends")
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("UTF-8 output")
}

#[test]
fn help_lists_the_options_and_exit_codes() {
    let out = run(&["--help"], "");
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    for needle in [
        "--format",
        "--jsonl",
        "--url",
        "--rules",
        "--jobs",
        "--out-dir",
        "Exit codes:",
    ] {
        assert!(help.contains(needle), "{needle}: {help}");
    }
    assert!(help.starts_with("Turns the messy HTML"), "{help}");
    let out = run(&["--version"], "");
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with("article-clean "));
}

#[test]
fn a_usage_error_exits_2() {
    let out = run(&["--no-such-option"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let out = run(&["--format", "pdf"], "");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn standard_input_is_the_default_input() {
    let page = "<p>The story.</p><div id=\"dfp-ad-top\">Advertisement</div>";
    let out = run(&["--format", "text"], page);
    assert_eq!(
        (out.status.code(), text(&out.stdout)),
        (Some(0), "The story.\n")
    );
    let out = run(
        &["-", "--url", "https://news.example/a"],
        "<p><a href=\"/b\">b</a></p>",
    );
    assert_eq!(
        text(&out.stdout),
        "<p><a href=\"https://news.example/b\" rel=\"noopener noreferrer\">b</a></p>\n"
    );
}

#[test]
fn jsonl_in_a_pipeline() {
    let records = "{\"id\":\"a\",\"url\":\"https://news.example/1\",\"html\":\"<p>One.</p>\"}\n{\"id\":\"b\",\"html\":7}\n";
    let out = run(&["--jsonl", "-f", "text"], records);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        (lines[0]["id"].as_str(), lines[0]["text"].as_str()),
        (Some("a"), Some("One.\n"))
    );
    assert!(lines[0]["error"].is_null());
    assert_eq!(lines[1]["id"], "b");
    assert!(lines[1]["error"].is_string());
    assert!(text(&out.stderr).contains("1 of 2 inputs failed"));
}

#[test]
fn markdown_from_a_page_and_from_records() {
    let page = "<h2>Ferry news</h2><p>The ferry <em>returns</em>: <a href=\"/times?utm_source=x\">times</a>.</p>";
    let out = run(
        &["--format", "markdown", "--url", "https://news.example/a"],
        page,
    );
    assert_eq!(
        (out.status.code(), text(&out.stdout)),
        (
            Some(0),
            "## Ferry news\n\nThe ferry *returns*: [times](https://news.example/times).\n"
        )
    );
    let records = "{\"url\":\"https://news.example/1\",\"html\":\"<p>One <b>bold</b> <a href=\\\"2\\\">step</a>.</p>\"}\n";
    let out = run(&["--jsonl", "--format", "markdown"], records);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let line: serde_json::Value =
        serde_json::from_str(text(&out.stdout).trim_end()).expect("one JSON object");
    assert_eq!(
        line["markdown"].as_str(),
        Some("One **bold** [step](https://news.example/2).\n")
    );
    assert!(line.get("html").is_none() && line.get("text").is_none());
}
