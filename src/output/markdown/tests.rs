//! The Markdown of each construct, exactly. That each reads back as the
//! text output's text is checked with a CommonMark parser in
//! `tests/markdown.rs`.

use url::Url;

use super::render_node;
use crate::dom::Document;

fn md(html: &str) -> String {
    render_node(&Document::parse(html).body(), None)
}

fn md_at(html: &str, base: &str) -> String {
    let base = Url::parse(base).unwrap();
    render_node(&Document::parse(html).body(), Some(&base))
}

#[test]
fn headings_and_paragraphs() {
    assert_eq!(
        md("<h1>One</h1><p>Para one.</p><h3>Three <em>it</em></h3><p>Para two.</p><h6>Six</h6>"),
        "# One\n\nPara one.\n\n### Three *it*\n\nPara two.\n\n###### Six\n"
    );
    // Empty blocks write nothing; text outside blocks is a paragraph.
    assert_eq!(md("<p> </p><h2></h2>loose <b>text</b>"), "loose **text**\n");
    assert_eq!(md(""), "");
}

#[test]
fn emphasis_strong_and_strikethrough() {
    assert_eq!(
        md("<p><em>em</em> <strong>strong</strong> <s>gone</s>, <del>too</del></p>"),
        "*em* **strong** ~~gone~~, ~~too~~\n"
    );
    // Nested, and intraword.
    assert_eq!(
        md("<p><strong><em>both</em></strong> un<em>believ</em>able</p>"),
        "***both*** un*believ*able\n"
    );
    // Spaces at the edges go outside; empty ones vanish; the same mark
    // twice in a row, or with a space between, is one.
    assert_eq!(
        md("<p>a<em> b </em>c <em> </em>d <b>e</b><b>f</b> and <b>g </b><b>h</b></p>"),
        "a *b* c d **ef** and **g h**\n"
    );
    // An emphasis inside the same emphasis adds nothing.
    assert_eq!(md("<p><em>a <em>b</em> c</em></p>"), "*a b c*\n");
}

#[test]
fn emphasis_hugging_punctuation_inside_words() {
    // `a**"b"**c` would not read as strong: the quotes move out.
    assert_eq!(md("<p>a<b>\"b\"</b>c</p>"), "a\"**b**\"c\n");
    // A Chinese label ending in a colon, right before text.
    assert_eq!(md("<p><b>标题：</b>正文</p>"), "**标题**：正文\n");
    // With punctuation or a space outside, it stays as it is.
    assert_eq!(md("<p><b>标题：</b>“正文”</p>"), "**标题：**“正文”\n");
    assert_eq!(md("<p>他说，<b>“好”</b>。</p>"), "他说，**“好”**。\n");
    // Nothing but punctuation: plain text.
    assert_eq!(md("<p>a<b>：</b>b</p>"), "a：b\n");
}

#[test]
fn emphasis_a_reader_would_pair_otherwise_is_plain_text() {
    // Strong after strong inside emphasis, between punctuation:
    // `***中**，**，***` pairs the wrong delimiters; the emphasis goes.
    assert_eq!(
        md("<p><em><b>中</b>，<b>，</b></em>，</p>"),
        "**中**，**，**，\n"
    );
}

#[test]
fn links_are_absolute_and_unsafe_ones_are_text() {
    assert_eq!(
        md_at(
            r#"<p><a href="../b?x=1&amp;y=2">rel</a> <a href="https://o.example/(x)">paren</a> <a href="javascript:alert(1)">js</a> <a>none</a> <a href="data:text/html,x">data</a></p>"#,
            "https://news.example/a/page"
        ),
        "[rel](https://news.example/b?x=1&y=2) [paren](https://o.example/(x)) js none data\n"
    );
    // Without a base, a relative URL stays as written.
    assert_eq!(md(r#"<p><a href="/x y">s</a></p>"#), "[s](</x y>)\n");
    // A link around an image; a link with nothing in it goes.
    assert_eq!(
        md(
            r#"<p><a href="https://a.example/"><img src="https://a.example/i.png" alt="A [b]"></a><a href="https://a.example/e"> </a></p>"#
        ),
        "[![A \\[b\\]](https://a.example/i.png)](https://a.example/)\n"
    );
    // Link text is escaped as link text.
    assert_eq!(
        md(r#"<p><a href="https://a.example/">x] [y</a></p>"#),
        "[x\\] \\[y](https://a.example/)\n"
    );
}

#[test]
fn a_link_around_blocks_links_each() {
    assert_eq!(
        md(r#"<a href="https://a.example/s"><h3>Title</h3><p>Summary.</p></a>"#),
        "### [Title](https://a.example/s)\n\n[Summary.](https://a.example/s)\n"
    );
    assert_eq!(md("<em><p>one</p><p>two</p></em>"), "*one*\n\n*two*\n");
}

#[test]
fn images_resolve_and_unsafe_ones_go() {
    assert_eq!(
        md_at(
            r#"<p><img src="/i.png" alt="An  image
            of things"> <img src="javascript:x" alt="bad"> <img alt="no src"></p>"#,
            "https://news.example/a/"
        ),
        "![An image of things](https://news.example/i.png)\n"
    );
}

#[test]
fn lists_nested_ordered_and_loose() {
    assert_eq!(
        md("<ul><li>a<ul><li>b<ol><li>c</li><li>d</li></ol></li></ul></li><li>e</li></ul>"),
        "- a\n  - b\n    1. c\n    2. d\n- e\n"
    );
    assert_eq!(
        md(r#"<ol start="9"><li><p>nine</p><p>more</p></li><li>ten</li></ol>"#),
        "9. nine\n\n   more\n\n10. ten\n"
    );
    // An ordered list from 3 cannot interrupt its parent item's text.
    assert_eq!(
        md(r#"<ul><li>a<ol start="3"><li>c</li></ol></li></ul>"#),
        "- a\n\n  3. c\n"
    );
    // Two lists in a row stay two lists; an item outside a list is one.
    assert_eq!(
        md("<ul><li>a</li></ul><ul><li>b</li></ul><li>c</li>"),
        "- a\n\n* b\n\n- c\n"
    );
    // Empty items are left out.
    assert_eq!(md("<ul><li></li><li>x</li></ul>"), "- x\n");
}

#[test]
fn list_items_holding_blocks() {
    assert_eq!(
        md("<ul><li><h3>H</h3><blockquote>q</blockquote><pre>code\n  line</pre></li></ul>"),
        "- ### H\n\n  > q\n\n  ```\n  code\n    line\n  ```\n"
    );
}

#[test]
fn blockquotes_nested() {
    assert_eq!(
        md("<blockquote><p>a</p><blockquote><p>b</p><p>c</p></blockquote><p>d</p></blockquote><blockquote>e</blockquote>"),
        "> a\n>\n> > b\n> >\n> > c\n>\n> d\n\n> e\n"
    );
}

#[test]
fn code_blocks_are_fenced_longer_than_any_backtick_run() {
    assert_eq!(
        md("<pre><code>let s = \"```\";\n\n  indented &lt;b&gt;\n</code></pre>"),
        "````\nlet s = \"```\";\n\n  indented <b>\n````\n"
    );
    // Markup inside is text; a line break is a line.
    assert_eq!(
        md(
            r#"<pre>a <b>b</b> <a href="https://x.example/">c</a><br>d <img src="https://x.example/i.png"></pre>"#
        ),
        "```\na b c\nd\n```\n"
    );
    assert_eq!(md("<pre>\n \n</pre>"), "");
}

#[test]
fn inline_code_handles_backtick_runs() {
    assert_eq!(
        md("<p><code>a</code> <code>`b`</code> <code>c `` d</code></p>"),
        "`a` `` `b` `` `c `` d`\n"
    );
    assert_eq!(
        md("<p><code>*no* _markup_ [here]</code></p>"),
        "`*no* _markup_ [here]`\n"
    );
    // Spaces at the edges go outside, those inside stay.
    assert_eq!(md("<p>x<code> a  b </code>y</p>"), "x `a b` y\n");
    // A link inside code: the code goes inside the link.
    assert_eq!(
        md(r#"<p><code>f(<a href="https://d.example/x">x</a>)</code></p>"#),
        "`f(`[`x`](https://d.example/x)`)`\n"
    );
}

#[test]
fn tables_are_gfm_with_one_line_cells() {
    assert_eq!(
        md("<table><caption>Cap</caption><thead><tr><th>a|b</th><th>c</th></tr></thead><tbody><tr><td><p>one</p><p>two</p></td><td>x<br>y</td></tr><tr><td>only</td></tr></tbody></table>"),
        "Cap\n\n| a\\|b | c |\n| --- | --- |\n| one two | x y |\n| only |\n"
    );
    // The header row is as wide as the widest row; colspan adds cells.
    assert_eq!(
        md(
            r#"<table><tr><td colspan="2">wide</td></tr><tr><td>1</td><td>2</td><td>3</td></tr></table>"#
        ),
        "| wide |  |  |\n| --- | --- | --- |\n| 1 | 2 | 3 |\n"
    );
    // A table in a cell is flattened into it; code and links keep `|` escaped.
    assert_eq!(
        md(
            r#"<table><tr><td><table><tr><td>in</td><td>ner</td></tr></table></td><td><code>a|b</code> <a href="https://x.example/a|b">l|k</a></td></tr></table>"#
        ),
        "| in ner | `a\\|b` [l\\|k](https://x.example/a\\|b) |\n| --- | --- |\n"
    );
    assert_eq!(md("<table><tr><td> </td></tr></table>"), "|  |\n| --- |\n");
    assert_eq!(md("<table></table>"), "");
}

#[test]
fn line_breaks_are_hard_breaks() {
    assert_eq!(md("<p>a<br>b<br><br>c<br></p>"), "a\\\nb\\\n\\\nc\n");
    // In headings and cells a break is a space.
    assert_eq!(md("<h2>a<br>b</h2>"), "## a b\n");
    // The line after a break is a line start too.
    assert_eq!(
        md("<p>a<br># b<br>===<br>1. c</p>"),
        "a\\\n\\# b\\\n\\===\\\n1\\. c\n"
    );
}

#[test]
fn horizontal_rules_and_figures() {
    assert_eq!(
        md(
            r#"<p>a</p><hr><figure><img src="https://x.example/f.jpg" alt="F"><figcaption>The <em>caption</em>.</figcaption></figure>"#
        ),
        "a\n\n---\n\n![F](https://x.example/f.jpg)\n\nThe *caption*.\n"
    );
}

#[test]
fn cjk_text_has_no_stray_spaces() {
    assert_eq!(
        md("<p>中文\n  正文 text\n  中文<em>强调\n文字</em>，<img src=\"https://x.example/i.png\">\n后</p>"),
        "中文正文 text 中文*强调文字*，![](https://x.example/i.png)后\n"
    );
}

#[test]
fn text_that_looks_like_markup_is_escaped_only_where_needed() {
    assert_eq!(
        md("<p># 1. *not* _em_ `code` [link](x) &lt;b&gt; &amp;amp; a_b 2 * 3 a < b AT&amp;T</p>"),
        "\\# 1. \\*not\\* \\_em\\_ \\`code\\` \\[link](x) \\<b> \\&amp; a_b 2 * 3 a < b AT&T\n"
    );
    for (html, markdown) in [
        ("<p>- item</p>", "\\- item\n"),
        ("<p>+ item</p>", "\\+ item\n"),
        ("<p>* item</p>", "\\* item\n"),
        ("<p>2026. A year</p>", "2026\\. A year\n"),
        ("<p>&gt; quote</p>", "\\> quote\n"),
        ("<p>---</p>", "\\---\n"),
        ("<p>a &gt; b</p>", "a > b\n"),
        ("<p>C:\\dir\\*.txt</p>", "C:\\dir\\\\\\*.txt\n"),
        ("<p>~~x~~</p>", "\\~\\~x\\~\\~\n"),
        (
            "<p>Wow!<a href=\"https://x.example/\">link</a></p>",
            "Wow\\![link](https://x.example/)\n",
        ),
        ("<h2>Number #</h2>", "## Number \\#\n"),
        ("<h2>C#</h2>", "## C#\n"),
        ("<ul><li>1. first</li></ul>", "- 1\\. first\n"),
    ] {
        assert_eq!(md(html), markdown, "{html}");
    }
}

#[test]
fn raw_html_in_text_is_escaped() {
    assert_eq!(
        md("<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;!-- c --&gt; &lt;https://x.example&gt;</p>"),
        "\\<script>alert(1)\\</script> \\<!-- c --> \\<https://x.example>\n"
    );
}

#[test]
fn not_text_elements_are_skipped() {
    assert_eq!(
        md("<p>a<script>b()</script><style>p{}</style><template>t</template>c</p>"),
        "ac\n"
    );
}
