//! The program end to end, on files made in a fresh temporary folder.

use std::path::{Path, PathBuf};

use super::*;

/// A fresh, empty folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("article-clean-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(path: &Path, body: impl AsRef<[u8]>) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(path, body).unwrap();
}

/// Runs the program on `args` (after the program name): exit code,
/// stdout, stderr.
fn clean(args: &[&str]) -> (u8, String, String) {
    let args = Args::try_parse_from(std::iter::once("clean").chain(args.iter().copied()))
        .unwrap_or_else(|e| panic!("{e}"));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run_args("clean", &args, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn a_bad_file_is_reported_by_name_and_the_rest_still_run() {
    let dir = scratch("bad-file");
    let good = dir.join("good.md");
    write(&good, "---\ntitle: T\n---\n<p>Good story.</p>\n");
    let bad = dir.join("bad.md");
    write(&bad, "---\ntitle: [oops\n---\n<p>x</p>\n");
    let page = dir.join("page.html");
    write(&page, b"<meta charset=gbk><p>\xd6\xd0\xce\xc4</p>");
    let missing = dir.join("missing.md");
    let (code, out, err) = clean(&["--text", "-j2", s(&bad), s(&good), s(&missing), s(&page)]);
    assert_eq!(code, EXIT_SOME_FAILED);
    assert_eq!(out, "Good story.\n中文\n");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].starts_with(&format!("clean: {}: ", bad.display())),
        "{err}"
    );
    assert!(lines[0].contains("line "), "{err}");
    assert!(
        lines[1].starts_with(&format!("clean: {}: cannot read", missing.display())),
        "{err}"
    );
    assert_eq!(lines[2], "clean: 2 of 4 inputs failed");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `n` one-paragraph posts in a fresh folder, in order.
fn many_posts(name: &str, n: usize) -> (PathBuf, Vec<String>) {
    let dir = scratch(name);
    let files = (0..n)
        .map(|i| {
            let path = dir.join(format!("{i:03}.md"));
            write(&path, format!("---\ntitle: T\n---\n<p>Story {i}.</p>\n"));
            path.display().to_string()
        })
        .collect();
    (dir, files)
}

#[test]
fn outputs_come_in_input_order_however_many_workers() {
    let (dir, files) = many_posts("order", 150);
    let expected: String = (0..150).map(|i| format!("Story {i}.\n")).collect();
    for jobs in ["1", "2", "3", "8"] {
        let mut args = vec!["--format", "text", "--jobs", jobs];
        args.extend(files.iter().map(String::as_str));
        let (code, out, err) = clean(&args);
        assert_eq!((code, err.as_str()), (EXIT_OK, ""));
        assert_eq!(out, expected, "{jobs} jobs");
        // A folder gives the same files in the same order.
        let (code, out, _) = clean(&["-f", "text", "-j", jobs, s(&dir)]);
        assert_eq!((code, out.as_str()), (EXIT_OK, expected.as_str()));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Accepts `left` bytes, then fails every write.
struct Full {
    left: usize,
}

impl Write for Full {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.left < buf.len() {
            return Err(std::io::Error::other("disk full"));
        }
        self.left -= buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_failing_output_stops_the_workers_instead_of_hanging() {
    let (dir, files) = many_posts("full", 200);
    let mut argv = vec!["clean", "--text", "-j", "2"];
    argv.extend(files.iter().map(String::as_str));
    let args = Args::try_parse_from(argv).unwrap();
    let (mut out, mut err) = (Full { left: 30 }, Vec::new());
    assert_eq!(run_args("clean", &args, &mut out, &mut err), EXIT_OUTPUT);
    let err = String::from_utf8(err).unwrap();
    assert_eq!(err.matches("disk full").count(), 1, "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn json_carries_page_metadata_front_matter_and_report() {
    let dir = scratch("json");
    let page = dir.join("p.html");
    write(
        &page,
        r#"<html lang="fr"><title>Le marché</title><p>Ouvert le samedi.</p></html>"#,
    );
    let post = dir.join("p.md");
    write(&post, "---\ntitle: Market day\nauthor: Léa\nfrom: https://news.example/m\n---\n<p>Open on Saturdays.</p><div id=\"ad-top\">Ad</div>");
    let (code, out, _) = clean(&["--json", s(&page), s(&post)]);
    assert_eq!(code, EXIT_OK);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let keys: Vec<&String> = lines[0].as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 6, "{keys:?}");
    let metadata = lines[0]["metadata"].as_object().unwrap();
    for key in [
        "title",
        "byline",
        "published_time",
        "site_name",
        "lang",
        "excerpt",
        "canonical_url",
        "image",
    ] {
        assert!(metadata.contains_key(key), "{key}");
    }
    assert_eq!(metadata.len(), 8);
    assert_eq!(lines[0]["file"], s(&page));
    assert_eq!(lines[0]["metadata"]["title"], "Le marché");
    assert_eq!(lines[0]["metadata"]["lang"], "fr");
    assert!(lines[0]["metadata"]["byline"].is_null());
    assert!(lines[0]["front_matter"].is_null());
    assert_eq!(lines[0]["text"], "Ouvert le samedi.\n");
    assert_eq!(lines[1]["metadata"]["byline"], "Léa");
    assert_eq!(
        lines[1]["metadata"]["canonical_url"],
        "https://news.example/m"
    );
    assert_eq!(lines[1]["front_matter"]["title"], "Market day");
    assert_eq!(lines[1]["front_matter"]["from"], "https://news.example/m");
    assert_eq!(lines[1]["text"], "Open on Saturdays.\n");
    assert_eq!(lines[1]["report"][0]["rule"], "ad-slots");
    assert_eq!(lines[1]["report"][0]["action"], "removed");
    assert_eq!(lines[1]["report"][0]["element"], "div#ad-top");
    assert_eq!(lines[1]["report"][0]["excerpt"], "Ad");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn usage_errors_clean_nothing() {
    let dir = scratch("usage");
    let page = dir.join("a.html");
    write(&page, "<p>Story.</p>");
    let (code, out, err) = clean(&["--url", "not a url", s(&page)]);
    assert_eq!((code, out.as_str()), (EXIT_USAGE, ""));
    assert!(
        err.starts_with("clean: invalid base URL \"not a url\""),
        "{err}"
    );
    let (code, _, err) = clean(&["--rules", s(&dir.join("missing.txt")), s(&page)]);
    assert_eq!(code, EXIT_USAGE, "{err}");
    assert!(Args::try_parse_from(["clean", "--jsonl", "--out-dir", "x"]).is_err());
    assert!(Args::try_parse_from(["clean", "--text", "--format", "html"]).is_err());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_base_url_resolves_links_of_html_files() {
    let dir = scratch("url");
    let page = dir.join("a.html");
    write(
        &page,
        r#"<p>See <a href="/next?utm_source=x">next</a>.</p>"#,
    );
    let (code, out, _) = clean(&["--url", "https://news.example/a/1", s(&page)]);
    assert_eq!(code, EXIT_OK);
    assert_eq!(
        out,
        "<p>See <a href=\"https://news.example/next\" rel=\"noopener noreferrer\">next</a>.</p>\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

// The batch trees of issue 14 (`hostile/batch/make_batch.sh`), rebuilt here.

#[cfg(unix)]
#[test]
fn a_folder_linking_to_itself_is_walked_once() {
    use std::os::unix::fs::symlink;
    let dir = scratch("selfloop");
    write(&dir.join("a.html"), "<p>Story.</p>");
    symlink(".", dir.join("loop")).unwrap();
    let (code, out, err) = clean(&["--text", s(&dir)]);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (EXIT_OK, "Story.\n", "")
    );
    // Three links to the folder: 3^40 paths if each were followed.
    let fan = scratch("symfan");
    write(&fan.join("a.html"), "<p>Story.</p>");
    for link in ["l1", "l2", "l3"] {
        symlink(".", fan.join(link)).unwrap();
    }
    // A link to a sibling folder and a link to a file: still each file once.
    write(&fan.join("sub/b.html"), "<p>Other.</p>");
    symlink("sub", fan.join("again")).unwrap();
    symlink("a.html", fan.join("z.html")).unwrap();
    let (code, out, err) = clean(&["--text", s(&fan), s(&fan.join("a.html"))]);
    assert_eq!((code, err.as_str()), (EXIT_OK, ""));
    assert_eq!(out, "Story.\nOther.\n");
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&fan).unwrap();
}

#[test]
fn same_stems_keep_their_paths_under_the_output_folder() {
    let dir = scratch("stems");
    let tree = dir.join("stems");
    write(&tree.join("x/index.html"), "<p>Story from x.</p>");
    write(&tree.join("y/index.html"), "<p>Story from y.</p>");
    let out_dir = dir.join("out");
    let (code, out, err) = clean(&["--text", "--out-dir", s(&out_dir), s(&tree)]);
    assert_eq!((code, out.as_str(), err.as_str()), (EXIT_OK, "", ""));
    let read = |p: &str| std::fs::read_to_string(out_dir.join(p)).unwrap();
    assert_eq!(read("x/index.txt"), "Story from x.\n");
    assert_eq!(read("y/index.txt"), "Story from y.\n");
    // A post beside a page of the same stem would write the same file:
    // refused, naming both, before anything is cleaned.
    write(
        &tree.join("y/index.md"),
        "---\ntitle: T\n---\n<p>Story from md.</p>",
    );
    let out_dir = dir.join("out2");
    let (code, _, err) = clean(&["--text", "--out-dir", s(&out_dir), s(&tree)]);
    assert_eq!(code, EXIT_USAGE);
    assert!(
        err.contains("y/index.html and ") && err.contains("y/index.md would both write"),
        "{err}"
    );
    assert!(!out_dir.join("x").exists(), "nothing is cleaned");
    // Files named on the command line go to <stem>.<format>; two of one
    // stem are refused the same way.
    let (code, _, err) = clean(&[
        "--out-dir",
        s(&out_dir),
        s(&tree.join("x/index.html")),
        s(&tree.join("y/index.html")),
    ]);
    assert_eq!(code, EXIT_USAGE, "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn a_fifo_is_skipped_never_read() {
    let dir = scratch("fifo");
    write(&dir.join("a.html"), "<p>Story A.</p>");
    write(&dir.join("c.html"), "<p>Story C.</p>");
    let fifo = dir.join("b_fifo.html");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("note: mkfifo not available: FIFO test skipped");
        return;
    }
    // Walked: skipped with a message, not a failure.
    let (code, out, err) = clean(&["--text", s(&dir)]);
    assert_eq!((code, out.as_str()), (EXIT_OK, "Story A.\nStory C.\n"));
    assert_eq!(
        err,
        format!("clean: skipped {}: not a regular file\n", fifo.display())
    );
    // Named: refused unopened, a failure.
    let (code, out, err) = clean(&["--text", s(&fifo), s(&dir.join("a.html"))]);
    assert_eq!((code, out.as_str()), (EXIT_SOME_FAILED, "Story A.\n"));
    assert!(
        err.starts_with(&format!(
            "clean: {}: not a regular file (a FIFO)",
            fifo.display()
        )),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn binary_files_named_html_are_not_cleaned() {
    let dir = scratch("binary");
    write(
        &dir.join("a.html"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01",
    );
    write(
        &dir.join("b.html"),
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0<p>x</p>",
    );
    write(&dir.join("c.html"), "<p>Story.</p>");
    let (code, out, err) = clean(&["--text", s(&dir)]);
    assert_eq!((code, out.as_str()), (EXIT_SOME_FAILED, "Story.\n"));
    assert!(err.contains("a.html: not HTML: a PNG image"), "{err}");
    assert!(err.contains("b.html: not HTML: an ELF executable"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_over_the_limit_is_refused_by_its_size() {
    let dir = scratch("size");
    // Sparse: its size is known without 64 MiB on disk, and reading it
    // would find only zeros.
    let big = dir.join("big.html");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(64 << 20)
        .unwrap();
    write(&dir.join("small.html"), "<p>Story.</p>");
    let (code, out, err) = clean(&["--text", s(&dir)]);
    assert_eq!((code, out.as_str()), (EXIT_SOME_FAILED, "Story.\n"));
    assert!(
        err.contains(&format!(
            "big.html: input is {} bytes, over the limit of {} bytes",
            64 << 20,
            DEFAULT_MAX_INPUT_BYTES
        )),
        "{err}"
    );
    let (code, _, err) = clean(&["--text", "--max-bytes", "5", s(&dir.join("small.html"))]);
    assert_eq!(code, EXIT_SOME_FAILED);
    assert!(
        err.contains("input is 13 bytes, over the limit of 5 bytes (--max-bytes)"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn jsonl_records_in_and_out_in_order() {
    let dir = scratch("jsonl");
    let records = dir.join("in.jsonl");
    write(
        &records,
        concat!(
            r#"{"id": 1, "url": "https://news.example/a/1", "html": "<p>One <a href=\"/b\">b</a>.</p>"}"#,
            "\n",
            "\n",
            r#"{"id": 2, "html": "<p>Two.</p>", "metadata": "theirs"}"#,
            "\n",
            r#"{"id": 3, "url": "javascript:x", "html": "<p>Three.</p>"}"#,
            "\n",
            "not json\n",
            r#"{"id": 5, "url": null}"#,
            "\n",
            r#"[1, 2]"#,
            "\n",
            r#"{"id": 7, "html": "<p>Seven.</p>"}"#,
        ),
    );
    let (code, out, err) = clean(&["--jsonl", "--format", "text", "-j", "3", s(&records)]);
    assert_eq!(code, EXIT_SOME_FAILED, "{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 7, "{out}");
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(lines[0]["url"], "https://news.example/a/1");
    assert_eq!(lines[0]["text"], "One b.\n");
    assert!(lines[0]["error"].is_null());
    assert!(lines[0].get("html").is_none(), "only the format asked for");
    assert!(lines[0]["metadata"].is_object() && lines[0]["report"].is_array());
    assert_eq!(lines[1]["id"], 2);
    assert!(lines[1]["url"].is_null());
    assert!(lines[1]["metadata"].is_object(), "ours, not the record's");
    assert_eq!(lines[2]["id"], 3);
    assert!(lines[2]["text"].is_null() && lines[2]["metadata"].is_null());
    assert!(
        lines[2]["error"]
            .as_str()
            .unwrap()
            .contains("invalid base URL"),
        "{}",
        lines[2]
    );
    assert!(lines[3]["error"]
        .as_str()
        .unwrap()
        .starts_with("invalid JSON"));
    assert_eq!(lines[4]["id"], 5);
    assert_eq!(lines[4]["error"], "a record needs an \"html\" string");
    assert_eq!(lines[5]["error"], "a record must be a JSON object");
    assert_eq!(lines[6]["text"], "Seven.\n");
    let place = format!("clean: {}:5: invalid JSON", records.display());
    assert!(err.contains(&place), "{err}");
    assert!(err.ends_with("clean: 4 of 7 inputs failed\n"), "{err}");
    // --format json gives html and text.
    write(&records, r#"{"html": "<p>x</p>"}"#);
    let (code, out, _) = clean(&["--jsonl", "--json", s(&records)]);
    assert_eq!(code, EXIT_OK);
    let line: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(
        (line["html"].as_str(), line["text"].as_str()),
        (Some("<p>x</p>\n"), Some("x\n"))
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
