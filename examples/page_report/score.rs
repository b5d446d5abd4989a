//! The whole-page scores, defined as `../shared/fullpage/score.py` defines
//! them so that the two agree on the same outputs.
//!
//! - Text: both texts split into `\w+` tokens (Python's `\w`: letters,
//!   digits and other numbers, `_`; case kept); each page's tokens form
//!   4-token shingles (a text of fewer than 4 tokens is one shingle of all
//!   of them); true positives are the shingles the two multisets share.
//!   Per page, precision = tp / output shingles (1 when both are empty) and
//!   recall = tp / reference shingles (1 when the reference is empty). Over
//!   a set, precision and recall are averaged over pages and F1 is the
//!   harmonic mean of the two averages.
//! - The reference text of an `expected.html`: its text with a line break
//!   at each block element's start and end tags, without `<script>`,
//!   `<style>` and `<template>` contents.
//! - Metadata: a field counts where the reference value is non-empty after
//!   whitespace collapsing and case folding; it is a hit when the output's
//!   value is equal (byline and excerpt: one contains the other).

use std::collections::HashMap;
use std::sync::OnceLock;

use article_clean::{Document, NodeKind, NodeRef};
use regex::Regex;

/// Shingle length.
pub const SHINGLE: usize = 4;

/// The `\w+` tokens of a text, as Python's `re` finds them.
pub fn tokens(text: &str) -> Vec<&str> {
    static WORD: OnceLock<Regex> = OnceLock::new();
    let word = WORD.get_or_init(|| Regex::new(r"[\p{L}\p{N}_]+").expect("a valid pattern"));
    word.find_iter(text).map(|m| m.as_str()).collect()
}

/// The multiset of shingles of a token list.
pub fn shingles<'a>(tokens: &[&'a str]) -> HashMap<Vec<&'a str>, usize> {
    let mut out = HashMap::new();
    if tokens.is_empty() {
        return out;
    }
    if tokens.len() < SHINGLE {
        out.insert(tokens.to_vec(), 1);
        return out;
    }
    for window in tokens.windows(SHINGLE) {
        *out.entry(window.to_vec()).or_insert(0) += 1;
    }
    out
}

/// Precision and recall of one page's output against its reference text.
pub fn page_scores(reference: &str, output: &str) -> (f64, f64) {
    let (r, o) = (tokens(reference), tokens(output));
    let (r, o) = (shingles(&r), shingles(&o));
    let tp: usize = r
        .iter()
        .map(|(s, n)| (*n).min(o.get(s).copied().unwrap_or(0)))
        .sum();
    let nr: usize = r.values().sum();
    let no: usize = o.values().sum();
    let precision = match (no, nr) {
        (0, 0) => 1.0,
        (0, _) => 0.0,
        _ => tp as f64 / no as f64,
    };
    let recall = if nr == 0 { 1.0 } else { tp as f64 / nr as f64 };
    (precision, recall)
}

/// `(F1, mean precision, mean recall)` over pages' `(precision, recall)`.
pub fn overall(pages: &[(f64, f64)]) -> (f64, f64, f64) {
    if pages.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let n = pages.len() as f64;
    let p = pages.iter().map(|x| x.0).sum::<f64>() / n;
    let r = pages.iter().map(|x| x.1).sum::<f64>() / n;
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (f1, p, r)
}

/// Tags after whose start and end tags the reference text breaks a line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "br",
    "hr",
    "header",
    "footer",
    "aside",
    "main",
    "dd",
    "dt",
    "dl",
];

/// The reference text of an `expected.html`.
pub fn html_text(markup: &str) -> String {
    let doc = Document::parse(markup);
    let mut out = String::new();
    // (node, entering): an element is visited on the way in and out.
    let mut stack: Vec<(NodeRef, bool)> = vec![(doc.body(), true)];
    while let Some((node, entering)) = stack.pop() {
        match node.kind() {
            NodeKind::Text => {
                node.with_text(|t| out.push_str(t));
            }
            NodeKind::Element => {
                let tag = node.tag().unwrap_or_default();
                if matches!(tag, "script" | "style" | "template") {
                    continue;
                }
                let block = BLOCKS.contains(&tag);
                if block {
                    out.push('\n');
                }
                if entering {
                    stack.push((node.clone(), false));
                    stack.extend(node.children().into_iter().rev().map(|c| (c, true)));
                }
            }
            _ => {}
        }
    }
    out
}

/// A metadata value as score.py compares it: whitespace runs to one space,
/// trimmed, case folded.
pub fn norm(value: &str) -> String {
    let collapsed = value.split_whitespace().collect::<Vec<_>>().join(" ");
    // Python's casefold() beyond lower-casing, for the letters that occur
    // in titles and names.
    collapsed
        .to_lowercase()
        .replace('ß', "ss")
        .replace('ς', "σ")
        .replace('ſ', "s")
}

/// True when the output's `got` matches the reference's `want` for `field`.
pub fn meta_match(field: &str, want: &str, got: Option<&str>) -> bool {
    let (want, got) = (norm(want), norm(got.unwrap_or_default()));
    if matches!(field, "byline" | "excerpt") {
        !got.is_empty() && (want.contains(&got) || got.contains(&want))
    } else {
        want == got
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn tokens_follow_python_word_characters() {
        assert_eq!(
            tokens("It's a top-10 list_item, 3½ ①!"),
            ["It", "s", "a", "top", "10", "list_item", "3½", "①"]
        );
        assert_eq!(tokens("中文 text"), ["中文", "text"]);
        // A combining vowel sign is not a word character in Python.
        assert_eq!(tokens("\u{915}\u{93e}x"), ["\u{915}", "x"]);
    }

    #[test]
    fn hand_computed_pages() {
        // Reference: a b c d e (shingles abcd, bcde). Output: a b c d x
        // (abcd, bcdx): one shared of two each.
        let (p, r) = page_scores("a b c d e", "a b c d x");
        assert!(close(p, 0.5) && close(r, 0.5), "{p} {r}");
        // Output repeats the reference: the multiset counts the repeat once.
        // Reference: 1 shingle; output: "a b c d a b c d" has 5, of which
        // abcd twice: tp = min(1, 2) = 1.
        let (p, r) = page_scores("a b c d", "a b c d a b c d");
        assert!(close(p, 1.0 / 5.0) && close(r, 1.0), "{p} {r}");
        // Fewer than four tokens: one shingle of all of them.
        assert_eq!(page_scores("one two", "one two"), (1.0, 1.0));
        assert_eq!(page_scores("one two", "one two three"), (0.0, 0.0));
        // Empty output, empty reference.
        assert_eq!(page_scores("words here and there", ""), (0.0, 0.0));
        assert_eq!(page_scores("", ""), (1.0, 1.0));
        assert_eq!(page_scores("", "extra words in output"), (0.0, 1.0));
        // Punctuation and case: tokens only, case kept.
        let (p, r) = page_scores("The cat, the hat; the bat.", "the cat the hat the bat");
        // Reference shingles: [The cat the hat] [cat the hat the] [the hat the bat];
        // output: [the cat the hat] [cat the hat the] [the hat the bat].
        assert!(close(p, 2.0 / 3.0) && close(r, 2.0 / 3.0), "{p} {r}");
    }

    #[test]
    fn overall_is_f1_of_the_averages() {
        let (f1, p, r) = overall(&[(1.0, 0.5), (0.5, 1.0), (0.0, 0.0)]);
        assert!(close(p, 0.5) && close(r, 0.5) && close(f1, 0.5));
        // Not the average of per-page F1s.
        let (f1, _, _) = overall(&[(1.0, 0.2), (0.2, 1.0)]);
        assert!(close(f1, 0.6));
    }

    #[test]
    fn reference_text_breaks_at_blocks_only() {
        let text = html_text("<div><p>one<b>two</b></p><p>three</p><span>four</span><span>five</span><script>x y</script>six<br>seven &amp; eight</div>");
        // Script text goes without a break, as in score.py.
        assert_eq!(
            tokens(&text),
            ["onetwo", "three", "fourfivesix", "seven", "eight"]
        );
    }

    #[test]
    fn metadata_comparison() {
        assert!(meta_match("title", " A  Title ", Some("a title")));
        assert!(!meta_match("title", "A Title", Some("A Title - Site")));
        assert!(meta_match("byline", "By Ana Ruiz", Some("Ana Ruiz")));
        assert!(meta_match("byline", "Ana", Some("ANA RUIZ")));
        assert!(!meta_match("byline", "Ana", Some(" ")));
        assert!(!meta_match("lang", "en", None));
        assert!(meta_match("site_name", "Straße", Some("STRASSE")));
    }
}
