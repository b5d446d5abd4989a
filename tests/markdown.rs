//! The Markdown output read back by a CommonMark parser (pulldown-cmark,
//! with the GFM extensions a reader may turn on): it must give the same
//! text as the text output, block by block (each line trimmed, whitespace
//! collapsed, list markers aside), the same link and image URLs as the
//! HTML output, and no raw HTML. Over the fixtures and whole pages, a
//! list of constructs, generated documents, and the dev corpus when
//! `../shared/corpus/dev` is present.

use std::path::{Path, PathBuf};

use article_clean::output::{html, markdown, serialize_children, text};
use article_clean::{Cleaned, Cleaner, Document, NodeRef, Output, Post};
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use url::Url;

/// What a reader makes of a Markdown document.
#[derive(Debug, Default)]
struct ReadBack {
    /// The text, one entry per line of a block, normalised.
    lines: Vec<String>,
    /// Link and image URLs in document order.
    targets: Vec<String>,
    /// Markup that must not come out of our Markdown: raw HTML, task list
    /// boxes, footnote references.
    stray: Vec<String>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_GFM
}

/// A line as the comparison sees it: trimmed, whitespace collapsed.
fn normalise(line: &str) -> Option<String> {
    let s = line.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

/// `line` without the words that could be list markers: `-` and numbers
/// ending in `.`.
fn unmarked(line: &str) -> String {
    let is_marker = |w: &str| {
        w == "-"
            || w.strip_suffix('.')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    let words: Vec<&str> = line.split(' ').filter(|w| !is_marker(w)).collect();
    words.join(" ")
}

fn read_back(md: &str) -> ReadBack {
    let mut r = ReadBack::default();
    let mut line = String::new();
    let end_line = |line: &mut String, lines: &mut Vec<String>| {
        lines.extend(normalise(line));
        line.clear();
    };
    let mut in_image = 0usize;
    let mut in_code_block = false;
    let mut links = Vec::new();
    // For each open list, whether it is ordered and its items so far; and
    // the marker of an item whose text has not started: the text output
    // writes it before that text, numbering every list from 1.
    let mut lists: Vec<(bool, usize)> = Vec::new();
    let mut marker: Option<String> = None;
    for event in Parser::new_ext(md, options()) {
        if let Event::Text(_) | Event::Code(_) = &event {
            if line.trim().is_empty() && in_image == 0 {
                if let Some(m) = marker.take() {
                    line.insert_str(0, &m);
                }
            }
        }
        match event {
            Event::Start(Tag::List(start)) => {
                end_line(&mut line, &mut r.lines);
                lists.push((start.is_some(), 0));
            }
            Event::End(TagEnd::List(_)) => {
                end_line(&mut line, &mut r.lines);
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                end_line(&mut line, &mut r.lines);
                marker = lists.last_mut().map(|(ordered, n)| {
                    *n += 1;
                    if *ordered {
                        format!("{n}. ")
                    } else {
                        "- ".to_string()
                    }
                });
            }
            Event::End(TagEnd::Item) => {
                end_line(&mut line, &mut r.lines);
                marker = None;
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                links.push(Target::Image(dest_url.to_string()));
                in_image += 1;
            }
            Event::End(TagEnd::Image) => in_image -= 1,
            _ if in_image > 0 => {}
            Event::Start(Tag::Link { dest_url, .. }) => {
                links.push(Target::Link(dest_url.to_string()))
            }
            Event::Start(Tag::TableCell) => line.push(' '),
            Event::Start(Tag::CodeBlock(_)) => {
                end_line(&mut line, &mut r.lines);
                in_code_block = true;
            }
            Event::End(TagEnd::CodeBlock) => {
                end_line(&mut line, &mut r.lines);
                in_code_block = false;
            }
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
            | Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::TableCell,
            ) => {}
            Event::Start(_) | Event::End(_) | Event::HardBreak | Event::Rule => {
                end_line(&mut line, &mut r.lines)
            }
            Event::Text(t) if in_code_block => {
                for (k, part) in t.split('\n').enumerate() {
                    if k > 0 {
                        end_line(&mut line, &mut r.lines);
                    }
                    line.push_str(part);
                }
            }
            Event::Text(t) | Event::Code(t) => line.push_str(&t),
            Event::SoftBreak => line.push(' '),
            Event::Html(h) | Event::InlineHtml(h) => r.stray.push(format!("html {h:?}")),
            Event::TaskListMarker(_) => r.stray.push("task list box".into()),
            Event::FootnoteReference(f) => r.stray.push(format!("footnote {f:?}")),
            other => r.stray.push(format!("{other:?}")),
        }
    }
    end_line(&mut line, &mut r.lines);
    r.targets = targets(links);
    r
}

/// A link or image URL.
enum Target {
    Link(String),
    Image(String),
}

/// The URLs in order, a link to the URL of the link before it left out:
/// the Markdown links each block of a link around several blocks.
fn targets(found: Vec<Target>) -> Vec<String> {
    let mut last_link = None;
    let mut out = Vec::new();
    for t in found {
        match t {
            Target::Link(url) if last_link.as_ref() == Some(&url) => {}
            Target::Link(url) => {
                last_link = Some(url.clone());
                out.push(url);
            }
            Target::Image(url) => out.push(url),
        }
    }
    out
}

/// The text output, as the comparison sees it.
fn text_lines(text: &str) -> Vec<String> {
    text.lines().filter_map(normalise).collect()
}

/// True if the link `a` shows something outside code blocks: text, or an
/// image with a URL.
fn shows_something(a: &NodeRef) -> bool {
    a.descendants().any(|n| {
        let shows = n.is_text() && n.text().is_some_and(|t| !t.trim().is_empty())
            || n.is("img") && n.has_attr("src");
        shows
            && !n
                .ancestors()
                .take_while(|p| p.tag() != Some("a"))
                .any(|p| p.is("pre"))
    })
}

/// The link and image URLs of the HTML output in document order: links
/// that show nothing and URLs inside code blocks (which Markdown cannot
/// link from) left out.
fn html_targets(html: &str) -> Vec<String> {
    let doc = Document::parse(html);
    let mut found = Vec::new();
    for node in doc.body().descendants() {
        if node.ancestors().any(|a| a.is("pre")) {
            continue;
        }
        match node.tag() {
            Some("a") if shows_something(&node) => {
                found.extend(node.attr("href").map(Target::Link))
            }
            Some("img") => found.extend(node.attr("src").map(Target::Image)),
            _ => {}
        }
    }
    targets(found)
}

/// True if the Markdown's lines are the text's, or the text's with some
/// consecutive lines joined by a space: what Markdown cannot break into
/// lines (a table cell, a heading) it writes on one. List markers count,
/// unless leaving them all out makes the two equal (a `<li>` inside a
/// `<pre>` has one in the text output, none in a code block; an `<ol>`
/// with `start` or an empty `<li>` numbers the items differently; the
/// text output gives the block after an empty `<li>` its marker).
fn same_text(markdown: &[String], text: &[String]) -> bool {
    let joins = |m: &str, t: &str| {
        m.len() == t.len()
            && m.bytes()
                .zip(t.bytes())
                .all(|(a, b)| a == b || (a == b' ' && b == b'\n'))
    };
    let without_markers = |lines: &[String]| {
        lines
            .iter()
            .map(|l| unmarked(l))
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    };
    joins(&markdown.join("\n"), &text.join("\n"))
        || joins(&without_markers(markdown), &without_markers(text))
}

/// What differs between the Markdown and the other outputs; empty if
/// nothing does.
fn differences(md: &str, text: &str, html: &str) -> Vec<String> {
    let r = read_back(md);
    let mut out = r.stray;
    let want = text_lines(text);
    if !same_text(&r.lines, &want) {
        let k = r
            .lines
            .iter()
            .zip(&want)
            .take_while(|(a, b)| a == b)
            .count();
        out.push(format!(
            "text differs at line {k}:\n  markdown: {:?}\n  text:     {:?}",
            r.lines.get(k),
            want.get(k)
        ));
    }
    let targets = html_targets(html);
    if r.targets != targets {
        out.push(format!(
            "URLs differ:\n  markdown: {:?}\n  html:     {:?}",
            r.targets, targets
        ));
    }
    out
}

fn cleaned_differences(cleaned: &Cleaned) -> Vec<String> {
    differences(cleaned.markdown(), cleaned.text(), cleaned.html())
}

/// Renders a parsed tree all three ways, without the rules.
fn render_all(html: &str, base: Option<&Url>) -> (String, String, String) {
    let doc = Document::parse(html);
    let body = doc.body();
    (
        markdown::render_node(&body, base),
        text::render_node(&body),
        html::sanitize(&serialize_children(&body), base),
    )
}

fn all_outputs() -> Cleaner {
    Cleaner::builder().output(Output::All).build().unwrap()
}

fn fixture_posts() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut posts: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".md") && !name.contains(".expected.") && name != "README.md"
        })
        .collect();
    posts.sort();
    posts
}

fn fixture_pages() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pages");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".html") && !name.contains(".expected.")
        })
        .collect();
    pages.sort();
    pages
}

/// Every fixture post and page, cleaned: `(name, cleaned, base URL)`.
fn cleaned_fixtures() -> Vec<(String, Cleaned, Option<String>)> {
    let cleaner = all_outputs();
    let mut out = Vec::new();
    for path in fixture_posts() {
        let post = Post::from_path(&path).unwrap();
        let url = post
            .front_matter()
            .from
            .clone()
            .map(|u| u.trim().to_string());
        out.push((
            path.display().to_string(),
            cleaner.clean_post(&post).unwrap(),
            url,
        ));
    }
    for path in fixture_pages() {
        let html = std::fs::read_to_string(&path).unwrap();
        out.push((
            path.display().to_string(),
            cleaner.clean(&html).unwrap(),
            None,
        ));
    }
    out
}

#[test]
fn every_fixture_reads_back_as_its_text_and_links() {
    let fixtures = cleaned_fixtures();
    assert!(fixtures.len() >= 22, "found {} fixtures", fixtures.len());
    let mut failures = Vec::new();
    for (name, cleaned, _) in &fixtures {
        assert!(!cleaned.markdown().is_empty(), "{name}: no Markdown");
        for d in cleaned_differences(cleaned) {
            failures.push(format!("{name}: {d}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Cleaning the HTML output again gives the same Markdown: the Markdown
/// says what the HTML says.
#[test]
fn markdown_of_the_cleaned_html_is_the_same() {
    let cleaner = all_outputs();
    for (name, once, url) in cleaned_fixtures() {
        let twice = match &url {
            Some(url) => cleaner.clean_with_url(once.html(), url).unwrap(),
            None => cleaner.clean(once.html()).unwrap(),
        };
        assert_eq!(once.markdown(), twice.markdown(), "{name}");
    }
}

/// Each construct the Markdown output renders, and the text around it
/// that could be mistaken for markup.
const CONSTRUCTS: &[&str] = &[
    "<h1>One</h1><p>Para.</p><h4>Four <em>it</em></h4>",
    "<p><em>em</em> <strong>strong</strong> <s>gone</s> un<em>believ</em>able <b><i>both</i></b></p>",
    "<p>a<b>\"b\"</b>c <b>标题：</b>正文 <b>标题：</b>“正文” 他说，<b>“好”</b>。</p>",
    "<p><em>a</em><strong>b</strong><em>c</em> <strong>x<em>y</em></strong>z <em><strong>p</strong>q</em></p>",
    r#"<p><a href="/a?b=1&amp;c=2">rel</a> <a href="https://o.example/(x)">paren</a> <a href="https://o.example/x)">half</a> <a href="javascript:alert(1)">js</a> <a href="/x y">space</a></p>"#,
    r#"<p><a href="https://a.example/"><img src="/i.png" alt="A [b] *c*"></a> Wow!<a href="https://a.example/w">x] [y</a></p>"#,
    r#"<a href="https://a.example/s"><h3>Title</h3><p>Summary.</p></a><em><p>one</p><p>two</p></em>"#,
    "<ul><li>a<ul><li>b<ol><li>c</li><li>d</li></ol></li></ul></li><li>e</li></ul>",
    r#"<ol start="9"><li><p>nine</p><p>more</p></li><li>ten</li></ol><ul><li>a<ol start="3"><li>c</li></ol></li></ul>"#,
    "<ul><li>a</li></ul><ul><li>b</li></ul><ol><li>c</li></ol><ol><li>d</li></ol><li>orphan</li>",
    "<ul><li><h3>H</h3><blockquote>q</blockquote><pre>code\n  line</pre><table><tr><td>t</td></tr></table></li></ul>",
    "<blockquote><p>a</p><blockquote><p>b</p><p>c</p></blockquote><p>d</p><ul><li>e</li></ul></blockquote><blockquote>f</blockquote>",
    "<pre><code>let s = \"```\";\n\n  indented &lt;b&gt;\n</code></pre><pre>a <b>b</b><br>c</pre>",
    "<p><code>a</code> <code>`b`</code> <code>c `` d</code> <code>*no* _markup_ [here]</code> x<code> a  b </code>y</p>",
    r#"<p><code>f(<a href="https://d.example/x">x</a>)</code></p>"#,
    "<table><caption>Cap</caption><thead><tr><th>a|b</th><th>c</th></tr></thead><tbody><tr><td>one</td><td>x<br>y</td></tr><tr><td>only</td></tr></tbody></table>",
    r#"<table><tr><td colspan="2">wide</td></tr><tr><td>1</td><td>2</td><td>3</td></tr></table>"#,
    r#"<table><tr><td><table><tr><td>in</td><td>ner</td></tr></table></td><td><code>a|b</code> <a href="https://x.example/a|b">l|k</a></td></tr></table>"#,
    "<p>a<br>b<br><br>c<br></p><p>a<br># b<br>===<br>--<br>1. c<br>|--|<br>- d</p><h2>a<br>b</h2>",
    r#"<p>a</p><hr><figure><img src="https://x.example/f.jpg" alt="F"><figcaption>The <em>caption</em>.</figcaption></figure>"#,
    "<p>中文\n  正文 text\n  中文<em>强调\n文字</em>，<img src=\"https://x.example/i.png\">\n后</p>",
    "<p># 1. *not* _em_ `code` [link](x) &lt;b&gt; &amp;amp; a_b 2 * 3 a < b AT&amp;T __init__ snake_case</p>",
    "<p>- item</p><p>+ item</p><p>* item</p><p>2026. A year</p><p>&gt; quote</p><p>---</p><p>***</p><p>___</p><p>= x</p>",
    "<p>C:\\dir\\*.txt \\</p><p>~~x~~ ~5 km</p><h2>Number #</h2><h2>C#</h2><h2>#</h2><ul><li>1. first</li><li>[ ] box</li><li>[x] done</li></ul>",
    "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;!-- c --&gt; &lt;https://x.example&gt; &lt;div&gt;</p><p>&lt;div&gt;</p>",
    "<p>[^1] and [a]: /b</p><p>[a]: /definition</p><p>```</p><p>~~~</p><p>    indented</p>",
    "<p>&amp;copy; &amp;#169; &amp;x</p><p>*a* **b** _c_ ***d***</p><p>a*b*c a_b_c</p>",
    "<dl><dt>Term</dt><dd>Definition</dd></dl><details><summary>More</summary><p>Hidden</p></details>",
    "<p><img src=\"/a.png\"> starts <img src=\"/b.png\"></p><p><em> </em><a href=\"https://x.example/\"> </a></p>",
];

#[test]
fn every_construct_reads_back_as_its_text_and_links() {
    let base = Url::parse("https://news.example/a/page").unwrap();
    let mut failures = Vec::new();
    for html in CONSTRUCTS {
        for base in [None, Some(&base)] {
            let (md, text, clean) = render_all(html, base);
            for d in differences(&md, &text, &clean) {
                failures.push(format!("{html}\n{md}\n  {d}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Hostile URLs and raw HTML never reach the Markdown.
#[test]
fn no_unsafe_url_or_raw_html_comes_through() {
    let html = r#"<p><a href="javascript:alert(1)">a</a> <a href=" JaVaScRiPt:alert(1)">b</a>
        <a href="vbscript:x">c</a> <a href="data:text/html;base64,PHNjcmlwdD4=">d</a>
        <img src="javascript:alert(1)" alt="e"> <img src="data:text/html,x" alt="f">
        <a href="java&#x09;script:alert(1)">g</a> &lt;img src=x onerror=alert(1)&gt;
        &lt;a href="javascript:alert(1)"&gt;h&lt;/a&gt; [i](javascript:alert(1))
        <a href="https://ok.example/">ok</a></p><script>alert(1)</script>"#;
    for cleaned in [
        all_outputs().clean(html).unwrap(),
        all_outputs()
            .clean_with_url(html, "https://news.example/")
            .unwrap(),
    ] {
        let md = cleaned.markdown();
        let r = read_back(md);
        assert!(r.stray.is_empty(), "{md}\n{:?}", r.stray);
        assert_eq!(r.targets, ["https://ok.example/"], "{md}");
        assert!(cleaned_differences(&cleaned).is_empty(), "{md}");
    }
}

/// Nesting deeper than the Markdown writes out is flattened: the output
/// stays within a constant of the input (every line would repeat each
/// level's `> ` otherwise), and still reads back as the text.
#[test]
fn deep_nesting_keeps_the_markdown_linear() {
    for (open, close) in [
        ("<blockquote>", "</blockquote>"),
        ("<ul><li>", "</li></ul>"),
    ] {
        let mut html = open.repeat(300);
        html.push_str(&"<p>x</p>".repeat(3_000));
        html.push_str(&close.repeat(300));
        let (md, text, clean) = render_all(&html, None);
        assert!(
            md.len() < 6 * html.len(),
            "{open}: {} from {}",
            md.len(),
            html.len()
        );
        assert!(differences(&md, &text, &clean).is_empty(), "{open}");
    }
}

/// Pieces of text that are, or are next to, Markdown syntax.
const PIECES: &[&str] = &[
    "a",
    "word",
    " ",
    "  ",
    "\n",
    "中",
    "文",
    "，",
    "“",
    "”",
    "：",
    "。",
    "*",
    "**",
    "_",
    "__",
    "`",
    "``",
    "[",
    "]",
    "(",
    ")",
    "!",
    "<",
    ">",
    "#",
    "##",
    "1.",
    "2)",
    "-",
    "--",
    "+",
    "=",
    "\\",
    "|",
    "~",
    "&amp;",
    "&amp;amp;",
    "&lt;b&gt;",
    "&lt;/",
    "é",
    "&nbsp;",
    "😀",
    "x_y",
];

#[derive(Debug, Clone)]
enum Node {
    Text(String),
    Element(&'static str, Vec<Node>),
    Void(&'static str),
}

const BLOCKS: &[&str] = &[
    "p",
    "h2",
    "blockquote",
    "div",
    "ul",
    "ol",
    "li",
    "pre",
    "figure",
    "figcaption",
    "table",
    "tr",
    "td",
    "th",
    "dl",
    "dd",
];
const INLINE: &[&str] = &[
    "em",
    "strong",
    "s",
    "code",
    "span",
    "a href=\"https://x.example/p\"",
    "a",
    "b",
    "i",
    "kbd",
];
const VOID: &[&str] = &[
    "br",
    "hr",
    "img src=\"https://x.example/i.png\" alt=\"i*[m]g\"",
    "wbr",
];

fn node() -> impl Strategy<Value = Node> {
    let leaf = prop_oneof![
        4 => proptest::collection::vec(proptest::sample::select(PIECES), 1..5)
            .prop_map(|p| Node::Text(p.concat())),
        1 => proptest::sample::select(VOID).prop_map(Node::Void),
    ];
    leaf.prop_recursive(5, 48, 5, |inner| {
        prop_oneof![
            (
                proptest::sample::select(BLOCKS),
                proptest::collection::vec(inner.clone(), 0..5)
            )
                .prop_map(|(t, k)| Node::Element(t, k)),
            (
                proptest::sample::select(INLINE),
                proptest::collection::vec(inner, 0..4)
            )
                .prop_map(|(t, k)| Node::Element(t, k)),
        ]
    })
}

fn write(node: &Node, out: &mut String) {
    match node {
        Node::Text(t) => out.push_str(t),
        Node::Void(t) => {
            out.push('<');
            out.push_str(t);
            out.push('>');
        }
        Node::Element(t, kids) => {
            out.push('<');
            out.push_str(t);
            out.push('>');
            for k in kids {
                write(k, out);
            }
            out.push_str("</");
            out.push_str(t.split(' ').next().unwrap_or(t));
            out.push('>');
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Any tree: its Markdown reads back as its text, with its links.
    #[test]
    fn generated_documents_read_back_as_their_text(nodes in proptest::collection::vec(node(), 1..6)) {
        let mut html = String::new();
        for n in &nodes {
            write(n, &mut html);
        }
        let (md, text, clean) = render_all(&html, None);
        let d = differences(&md, &text, &clean);
        prop_assert!(d.is_empty(), "{html}\n--- markdown\n{md}\n--- text\n{text}\n{}", d.join("\n"));
    }

    /// The same through the whole pipeline.
    #[test]
    fn cleaned_documents_read_back_as_their_text(nodes in proptest::collection::vec(node(), 1..6)) {
        let mut html = String::new();
        for n in &nodes {
            write(n, &mut html);
        }
        let cleaned = all_outputs().clean(&html).unwrap();
        let d = cleaned_differences(&cleaned);
        prop_assert!(d.is_empty(), "{html}\n--- markdown\n{}\n{}", cleaned.markdown(), d.join("\n"));
    }
}

/// Over the dev corpus: every post's Markdown is free of raw HTML and of
/// URLs the HTML output does not have, and reads back as its text
/// (printed: how many exactly, and what differs in the others).
#[test]
fn dev_corpus_reads_back_as_its_text() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/dev");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!(
            "note: {} not found; corpus round trip skipped",
            dir.display()
        );
        return;
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    let cleaner = all_outputs();
    let (mut exact, mut text_only, mut urls_only) = (0, 0, 0);
    // Posts whose lines are the text output's one for one, markers and
    // all (the others join lines in table cells and headings).
    let mut line_for_line = 0;
    let (mut emphasis_in_html, mut emphasis_in_markdown) = (0, 0);
    let mut failures = Vec::new();
    let mut examples = Vec::new();
    for path in &paths {
        let Ok(post) = Post::from_path(path) else {
            continue;
        };
        let Ok(cleaned) = cleaner.clean_post(&post) else {
            continue;
        };
        let r = read_back(cleaned.markdown());
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !r.stray.is_empty() {
            failures.push(format!("{name}: {:?}", r.stray));
        }
        let html_urls = html_targets(cleaned.html());
        if let Some(u) = r.targets.iter().find(|u| !html_urls.contains(u)) {
            failures.push(format!("{name}: URL {u:?} not in the HTML output"));
        }
        let text_ok = same_text(&r.lines, &text_lines(cleaned.text()));
        line_for_line += usize::from(r.lines == text_lines(cleaned.text()));
        emphasis_in_html += emphasis_elements(cleaned.html());
        emphasis_in_markdown += Parser::new_ext(cleaned.markdown(), options())
            .filter(|e| {
                matches!(
                    e,
                    Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
                )
            })
            .count();
        let urls_ok = r.targets == html_urls;
        match (text_ok, urls_ok) {
            (true, true) => exact += 1,
            (false, true) => text_only += 1,
            (true, false) => urls_only += 1,
            (false, false) => {
                text_only += 1;
                urls_only += 1;
            }
        }
        if !(text_ok && urls_ok) && examples.len() < 10 {
            let d = cleaned_differences(&cleaned);
            examples.push(format!("{name}: {}", d.join("\n  ")));
        }
    }
    println!(
        "{exact} of {} posts read back as their text and URLs ({line_for_line} line for line); \
         text differs in {text_only}, URLs in {urls_only}; emphasis: {emphasis_in_html} \
         elements in the HTML, {emphasis_in_markdown} in the Markdown",
        paths.len()
    );
    for e in &examples {
        println!("{e}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        exact * 100 >= paths.len() * 99,
        "only {exact} of {} posts read back:\n{}",
        paths.len(),
        examples.join("\n")
    );
}

/// The `<em>`, `<strong>`, `<s>` and `<del>` of an HTML output that show
/// text and are not inside one of their own kind (which adds nothing).
fn emphasis_elements(html: &str) -> usize {
    let doc = Document::parse(html);
    let kind = |n: &NodeRef| match n.tag() {
        Some("em") => Some(0),
        Some("strong") => Some(1),
        Some("s" | "del") => Some(2),
        _ => None,
    };
    doc.body()
        .descendants()
        .filter(|n| {
            let Some(k) = kind(n) else { return false };
            !n.ancestors().any(|a| kind(&a) == Some(k) || a.is("pre"))
                && n.descendants()
                    .any(|t| t.is_text() && t.text().is_some_and(|t| !t.trim().is_empty()))
        })
        .count()
}
