//! The `edge-lines` rule, [`EdgeLines`]: what it does and why is on the type.

mod closing;
mod header;

use closing::{closing_related_run, is_closing_boilerplate, remove_trailing_read_more};
use header::{header_meta_line, strip_headline};

use crate::dom::{Document, NodeRef, PtrMap, Visit};
use crate::error::RuleError;
use crate::html::tags::MEDIA;
use crate::rule::{Context, Rule};
use crate::text::render::render_node;

/// Removes date lines at the start and boilerplate lines at the end.
///
/// `edge-lines`: lines at the edges of the article that are not the
/// article. At the top, the page header a scraped page repeats: the
/// headline (the post's title, possibly with the site name appended), the
/// short kicker/source lines above it and the byline under it, a date line,
/// a byline (`文/`, `作者：`, `By …`), a line of category links. At the
/// bottom: copyright notices, feed footers ("… was originally published in
/// …", "获取更多RSS") and stray rules.
///
/// Runs after paragraph normalisation, on the body's top-level blocks, and
/// repeats until nothing changes, so it is idempotent whatever the markup
/// the lines came in.
#[derive(Debug, Clone, Copy, Default)]
pub struct EdgeLines;

/// The `<a>` elements below `block`, in document order.
fn links_below(block: &NodeRef) -> Vec<NodeRef> {
    let mut links = Vec::new();
    block.visit_below(|n| {
        if n.is("a") {
            links.push(n.clone());
        }
        Visit::Descend
    });
    links
}

fn block_text(block: &NodeRef) -> String {
    // Trimmed where it is: no second copy.
    let mut text = render_node(block);
    text.truncate(text.trim_end().len());
    let lead = text.len() - text.trim_start().len();
    text.drain(..lead);
    text
}

fn has_media(block: &NodeRef) -> bool {
    block.is_in(MEDIA) || block.contains_any(MEDIA)
}

impl Rule for EdgeLines {
    fn name(&self) -> &str {
        super::EDGE_LINES
    }

    fn apply(&self, doc: &mut Document, cx: &Context<'_>) -> Result<(), RuleError> {
        strip_edge_lines(doc, cx.title(), true);
        Ok(())
    }
}

/// The rule's rounds; `remember` keeps header verdicts from one round to
/// the next (off only to test that it changes nothing).
fn strip_edge_lines(doc: &mut Document, title: Option<&str>, remember: bool) {
    let body = doc.body();
    let mut headline_done = false;
    let mut judged = PtrMap::default();
    // Where the closing run of one-link blocks starts, while known: it
    // stays put as blocks go from the end, so a page ending in thousands
    // of boilerplate lines is not scanned back again for each one.
    let mut run = None;
    // The body's element children, kept in step with every removal below
    // instead of listed afresh each round (only blocks are removed, and
    // the one edit inside a block leaves it in place).
    let mut blocks = body.element_children();
    loop {
        debug_assert!(blocks == body.element_children());
        if !remember {
            judged.clear();
        }
        if blocks.len() < 2 {
            // A lone block stays, less a "read more" link at its end.
            if let Some(block) = blocks.first() {
                remove_trailing_read_more(doc, block);
            }
            return;
        }
        if !headline_done {
            headline_done = true;
            if let Some(title) = title {
                if let Some(removed) = strip_headline(doc, &blocks, title) {
                    blocks.drain(removed);
                    run = None;
                    continue;
                }
            }
        }
        if let Some(i) = header_meta_line(&blocks, &mut judged) {
            let text = block_text(&blocks[i]);
            let marker_only = matches!(text.as_str(), "文/" | "文／" | "撰文：" | "作者：");
            doc.remove(&blocks[i]);
            let mut end = i + 1;
            // "文/" alone on its line: the name is the next line.
            if marker_only
                && i + 2 < blocks.len()
                && block_text(&blocks[i + 1]).chars().count() <= 12
            {
                doc.remove(&blocks[i + 1]);
                end += 1;
            }
            blocks.drain(i..end);
            run = None;
            continue;
        }
        if let Some(label) = closing_related_run(&blocks, &mut run).filter(|&at| at > 0) {
            for b in &blocks[label..] {
                doc.remove(b);
            }
            blocks.truncate(label);
            run = None;
            continue;
        }
        let last = &blocks[blocks.len() - 1];
        if is_closing_boilerplate(last) {
            doc.remove(last);
            blocks.pop();
            continue;
        }
        // "…更多" / "...more" closing the teaser's last sentence.
        if remove_trailing_read_more(doc, last) {
            run = None;
            continue;
        }
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::header::*;
    use super::*;
    #[allow(unused_imports)]
    use crate::page::lines::*;
    #[allow(unused_imports)]
    use crate::page::names::*;
    use crate::rules::tests::apply;
    use crate::text::visible::rendered_chars_at_least;

    #[test]
    fn removes_opening_date_lines_and_closing_boilerplate() {
        let html = "<p><em>A WRITER<br>2020-08-06 11:02:15</em></p><p>Story of 2020.</p><p>More.</p><p>© 2020 AFP</p><hr><p>获取更多RSS：<br><a href=\"https://feeds.example\">https://feeds.example</a></p>";
        let (out, _) = apply(&EdgeLines, html);
        assert_eq!(out, "<p>Story of 2020.</p><p>More.</p>");
    }

    fn apply_titled(html: &str, title: &str) -> String {
        let url = url::Url::parse("https://www.example.com/news/1").unwrap();
        let report = crate::Report::default();
        let cx = Context {
            base_url: Some(&url),
            title: Some(title),
            report: &report,
            html: "",
        };
        let mut doc = crate::Document::parse(html);
        EdgeLines.apply(&mut doc, &cx).unwrap();
        crate::output::serialize_children(&doc.body())
    }

    #[test]
    fn removes_the_page_header_around_a_repeated_headline() {
        let html = "<p>Book Review</p><p>The Night Buses</p><p>A. Writer</p><p>2021-03-04</p><p>The story begins here, at length.</p><p>More.</p>";
        assert_eq!(
            apply_titled(html, "The Night Buses"),
            "<p>The story begins here, at length.</p><p>More.</p>"
        );
        // The title with the site's name appended.
        let html = "<h2>[video]The catch</h2><p>Body text of the post goes on.</p><p>More.</p>";
        assert_eq!(
            apply_titled(html, "[video]The catch - Example Site"),
            "<p>Body text of the post goes on.</p><p>More.</p>"
        );
        // A long paragraph above the headline is not header: only the headline goes.
        let html = "<p>An opening paragraph that is long enough to be article text, surely.</p><p>The Night Buses</p><p>Body.</p>";
        assert_eq!(
            apply_titled(html, "The Night Buses"),
            "<p>An opening paragraph that is long enough to be article text, surely.</p><p>Body.</p>"
        );
    }

    #[test]
    fn a_first_paragraph_the_title_was_made_from_stays() {
        let html = "<p>You are right!</p><p>Thanks, fixed.</p>";
        assert_eq!(apply_titled(html, "You are right!"), html);
    }

    #[test]
    fn removes_bylines_and_category_lines_at_the_top() {
        let html = r#"<p><a href="/category/feature">Feature</a> • <a href="/category/talks">Talks</a></p><p>文/</p><p>林栖</p><p>正文第一段。</p><p>正文第二段。</p>"#;
        assert_eq!(
            apply_titled(html, "无关标题"),
            "<p>正文第一段。</p><p>正文第二段。</p>"
        );
        assert!(!is_headline("News", "News digest of the week"));
    }

    #[test]
    fn wordpress_feed_footers_go() {
        // One paragraph, as the plugin writes it (here after the
        // bookmark link went), the rule above it left last.
        let html = r#"<p>Story.</p><p>More.</p><hr><p><small>© Ann for <a href="https://blog.example">Blog</a>, get_post_time('Y'). |<a href="https://blog.example/a">Permalink</a> |<a href="https://blog.example/a#comments">No comment</a> |Add to<br>Post tags: <a href="/tag/x">x</a>, <a href="/tag/y">y</a><br></small></p>"#;
        assert_eq!(apply(&EdgeLines, html).0, "<p>Story.</p><p>More.</p>");
        // Its lines in paragraphs of their own.
        let html = r#"<p>Story.</p><p>More.</p><p>© 2020 Ann | <a href="/a">Permalink</a> | <a href="/a#c">3 comments</a></p><p>Post tags: <a href="/tag/x">x</a></p>"#;
        assert_eq!(apply(&EdgeLines, html).0, "<p>Story.</p><p>More.</p>");
        // Pipes and a permalink in a sentence are the story's.
        let html = r#"<p>Story.</p><p>Menus read <a href="/m">Home | Permalink | About</a> on the old theme, as the post explains at length.</p>"#;
        assert_eq!(apply(&EdgeLines, html).0, html);
    }

    #[test]
    fn closing_read_more_links_go() {
        let html = r#"<p>The teaser of the story...</p><p><a href="/full">Read more »</a></p>"#;
        let (out, _) = apply(&EdgeLines, html);
        assert_eq!(out, "<p>The teaser of the story...</p>");
        let html = r#"<p>The teaser.</p><p>More on <a href="/x">this topic</a> here.</p>"#;
        assert_eq!(apply(&EdgeLines, html).0, html);
        let html = r#"<p>Intro.</p><p>The teaser ends...<a href="/full">...more</a></p>"#;
        assert_eq!(
            apply(&EdgeLines, html).0,
            "<p>Intro.</p><p>The teaser ends...</p>"
        );
    }

    #[test]
    fn closing_follow_prompts_separators_and_related_runs_go() {
        let html = r#"<p>The interview ends here.</p><p>——————</p><p>微信搜索“某某书评”：重申文化想象。</p><p>——————</p><p><strong>阅读更多：</strong></p><p>·<a href="/a">另一篇文章</a></p><p>·<a href="/b">第三篇文章</a></p>"#;
        assert_eq!(apply(&EdgeLines, html).0, "<p>The interview ends here.</p>");
        // Reference links without a label are content.
        let html = r#"<p>Text.</p><p><a href="https://en.example.org/wiki/X">https://en.example.org/wiki/X</a></p>"#;
        assert_eq!(apply(&EdgeLines, html).0, html);
    }

    /// Looking for a marker in the lower-cased head first answers as
    /// lower-casing the whole line does: tried on every short line over an
    /// alphabet of marker pieces, case, `Σ` (lower-cased by context) and
    /// characters whose lower case is longer (`İ`) or ASCII (`K`, the
    /// Kelvin sign), and after every marker.
    #[test]
    fn byline_marker_prefilter_is_exact() {
        fn whole(text: &str) -> bool {
            let lower = text.trim().to_lowercase();
            if lower.chars().count() > MAX_KICKER_CHARS || is_sentence(&lower) {
                return false;
            }
            if lower.starts_with("by ") && lower.split_whitespace().count() > 5 {
                return false;
            }
            BYLINE_MARKERS.iter().any(|m| lower.starts_with(m))
        }
        assert!(BYLINE_MARKERS
            .iter()
            .all(|m| m.chars().count() <= BYLINE_MARKER_CHARS));
        const ALPHABET: &[char] = &[
            'b', 'B', 'y', 'Y', ' ', 'Σ', 'İ', '\u{212A}', '文', '/', '作', '者', '：', '.',
        ];
        let tails = crate::testing::all_strings(ALPHABET, 4);
        let mut heads: Vec<String> = vec![String::new(), " ".into(), "Σ".into()];
        for m in BYLINE_MARKERS {
            heads.push(m.to_string());
            heads.push(m.to_uppercase());
            heads.push(format!(" {}", m.to_uppercase()));
            heads.push(
                m.chars()
                    .rev()
                    .skip(1)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect(),
            );
        }
        heads.push("WRITTEN BΣ".into());
        heads.push("ΣΣΣΣΣΣΣΣΣΣ".into());
        let mut bylines = 0;
        for head in &heads {
            for tail in &tails {
                let line = format!("{head}{tail}");
                assert_eq!(is_byline(&line), whole(&line), "{line:?}");
                bylines += usize::from(whole(&line));
            }
        }
        assert!(bylines > 0);
    }

    /// The squashing compare must agree with squashing both and comparing
    /// the copies, as `is_headline` once did: tried on every short text
    /// over an alphabet with whitespace, case, separators and characters
    /// whose lower case is longer (`İ`) or that only match after it.
    #[test]
    fn the_streaming_headline_compare_is_the_copying_one() {
        fn copying(text: &str, title: &str) -> bool {
            let (text, title) = (squash(text), squash(title));
            if text.is_empty() || title.is_empty() {
                return false;
            }
            if text == title {
                return true;
            }
            let Some(rest) = title.strip_prefix(&text) else {
                return false;
            };
            text.chars().count() >= 4
                && rest.chars().count() <= 30
                && rest.starts_with(['-', '|', '–', '—', '_', '·', '丨', '｜', ':', '：'])
        }
        const ALPHABET: &[char] = &[
            'a', 'A', ' ', '\u{3000}', '-', '|', 'İ', 'i', '\u{307}', '中',
        ];
        let titles = [
            "",
            " ",
            "a",
            "aa",
            "A a",
            "aaaa",
            "aaaa - Site",
            "AAAA|x",
            "aAaA-",
            "İa",
            "i\u{307}a",
            "中中中中 | 站",
            "aaaa-0123456789012345678901234567890",
        ];
        let texts = crate::testing::all_strings(ALPHABET, 4);
        for title in titles {
            for text in &texts {
                assert_eq!(
                    is_headline(text, title),
                    copying(text, title),
                    "{text:?} / {title:?}"
                );
            }
        }
    }

    /// `rendered_chars_at_least` is a lower bound on what rendering writes,
    /// invisible characters, `<pre>`, lists and skipped elements included.
    #[test]
    fn the_rendered_length_bound_never_overshoots() {
        let cases = [
            "<p>plain text here</p>",
            "<p>a\u{200B}b\u{FEFF}c\u{00AD}d &nbsp; e\u{3000}f</p>",
            "<p><script>var x = 1;</script>two<style>p{}</style><iframe>xx</iframe></p>",
            "<p><pre>  \u{200B}code\n  more</pre></p>",
            "<div><ul><li>one</li><li>two<ol><li>x</li></ol></li></ul></div>",
            "<div><table><tr><td>a</td><td>b</td></tr></table><br>c<!-- note --></div>",
            "<div><template>t</template><textarea>u</textarea><noscript>n</noscript></div>",
        ];
        for html in cases {
            let doc = crate::Document::parse(html);
            let block = doc.body();
            let rendered = render_node(&block)
                .chars()
                .filter(|c| !c.is_whitespace())
                .count();
            let bound = rendered_chars_at_least(&block, usize::MAX - 1);
            assert!(bound <= rendered, "{html:?}: {bound} > {rendered}");
            for cap in 0..bound {
                assert!(
                    rendered_chars_at_least(&block, cap) > cap,
                    "{html:?} cap {cap}"
                );
            }
            assert_eq!(rendered_chars_at_least(&block, bound), bound);
        }
    }

    /// Remembering header verdicts between rounds changes nothing: tried
    /// on every sequence of up to four blocks from a set that makes
    /// several rounds (header lines, closing lines, a trailing link).
    #[test]
    fn remembered_header_verdicts_are_fresh_ones() {
        const BLOCKS: &[&str] = &[
            "<p>2020-08-06</p>",
            "<p>文/</p>",
            "<p>林栖</p>",
            "<p>By Ann Lee</p>",
            r#"<p><a href="/tag/x">X</a></p>"#,
            "<h2>The Title</h2>",
            "<p>The article text starts here and it goes on for well over eighty characters in all.</p>",
            "<p>© 2020 AFP</p>",
            r#"<p>Teaser ends...<a href="/full">...more</a></p>"#,
        ];
        let docs = crate::testing::all_strings(&['0', '1', '2', '3', '4', '5', '6', '7', '8'], 4);
        let mut rounds_changed = 0;
        for digits in &docs {
            let html: String = digits
                .bytes()
                .map(|d| BLOCKS[usize::from(d - b'0')])
                .collect();
            let run = |remember: bool| {
                let mut doc = crate::Document::parse(&html);
                strip_edge_lines(&mut doc, Some("The Title"), remember);
                crate::output::serialize_children(&doc.body())
            };
            let fresh = run(false);
            assert_eq!(run(true), fresh, "{html:?}");
            rounds_changed += usize::from(fresh != html);
        }
        assert!(rounds_changed > 1000, "{rounds_changed}");
    }

    /// Trimming in place leaves what `trim` does, Unicode spaces included.
    #[test]
    fn block_text_is_the_trimmed_rendering() {
        for html in [
            "<p>plain</p>",
            "<p> \u{3000}&nbsp;中文 text\u{2003} </p>",
            "<ul><li> a </li><li>b</li></ul>",
            "<pre>\n  x  \n</pre>",
            "<pre>\t\u{3000} x\u{3000}\t</pre>",
            "<p>\u{3000}</p>",
            "",
        ] {
            let doc = crate::Document::parse(html);
            let block = doc.body();
            let rendered = render_node(&block);
            assert_eq!(block_text(&block), rendered.trim(), "{html:?}");
        }
    }

    #[test]
    fn a_lone_block_is_never_removed() {
        let (out, _) = apply(&EdgeLines, "<p>2020-08-06</p>");
        assert_eq!(out, "<p>2020-08-06</p>");
    }
}
