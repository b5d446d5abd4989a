//! Lines a page frames its article with, recognised by their text: dates,
//! copyright notices, the repeated headline, feed footers, related-stories
//! labels. Shared by the rules that remove them wherever they sit.

use crate::dom::{NodeRef, Visit};
use crate::text::search::Needles;

/// Normalises a heading or title for comparison: no whitespace, lower case.
pub(crate) fn squash(s: &str) -> String {
    let mut squashed = String::with_capacity(s.len());
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        if is_caseless(c) {
            squashed.push(c);
        } else {
            squashed.extend(c.to_lowercase());
        }
    }
    squashed
}

/// True if `text`, squashed, is `squashed`: `squash(text) == squashed`
/// without building the squashed copy.
pub(crate) fn squashes_to(text: &str, squashed: &str) -> bool {
    let mut expected = squashed.chars();
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        if is_caseless(c) {
            if expected.next() != Some(c) {
                return false;
            }
        } else if !c.to_lowercase().all(|l| expected.next() == Some(l)) {
            return false;
        }
    }
    expected.next().is_none()
}

/// True for characters of the scripts without case that most titles here
/// are written in (CJK punctuation, kana, ideographs, Hangul, full-width
/// punctuation): each lower-cases to itself, which is known without the
/// search of the case tables `char::to_lowercase` makes for them.
pub(crate) fn is_caseless(c: char) -> bool {
    matches!(
        c,
        '\u{3000}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}' | '\u{FF01}'..='\u{FF20}'
    )
}

/// True for a line that is only a date and/or time (`2020-07-23T08:14:32`,
/// `29/07/2020 - 10:28`, `2020年7月23日 星期四`, `Jul 29, 2020 GMT`).
pub(crate) fn is_date_line(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > 40 {
        return false;
    }
    let digits = line.chars().filter(char::is_ascii_digit).count();
    if digits < 4 {
        return false;
    }
    const WORDS: &[&str] = &[
        "gmt",
        "utc",
        "cst",
        "am",
        "pm",
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "t",
        "z",
        "星期一",
        "星期二",
        "星期三",
        "星期四",
        "星期五",
        "星期六",
        "星期日",
        "星期天",
        "更新",
        "发布",
        "發布",
        "最后更新",
        "最後更新",
    ];
    let lower = line.to_lowercase();
    let rest: String = lower
        .chars()
        .map(|c| {
            if c.is_ascii_digit() || "/-:.,+()年月日时時分秒 ".contains(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut named = false;
    let only_date_words = rest.split_whitespace().all(|w| {
        let word = WORDS.contains(&w);
        named |= word && w.len() > 1;
        word || w.len() <= 1 && w.chars().all(|c| c.is_ascii_alphabetic())
    });
    // Digits alone are not a date (`42 42` is a count, a score, a code):
    // a date names a month or day, joins its numbers (`29/07`, `7月`,
    // `10:28`) or has a year.
    only_date_words && (named || joins_numbers(&lower) || has_year(&lower))
}

/// True if a digit is followed, spaces aside, by a date or time separator
/// (`29/07`, `10:28`, `2 0 1 7 年` as letter-spaced headers write it).
fn joins_numbers(line: &str) -> bool {
    let mut after_digit = false;
    line.chars().any(|c| {
        let joined = after_digit && "/-:.年月日时時分秒".contains(c);
        if c != ' ' {
            after_digit = c.is_ascii_digit();
        }
        joined
    })
}

/// True for a run of exactly four digits from 1900 to 2099.
fn has_year(line: &str) -> bool {
    line.split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() == 4 && (run.starts_with("19") || run.starts_with("20")))
}

/// True for a short trailing copyright notice (`© 2020 AFP`, `版权所有`).
pub(crate) fn is_copyright_line(line: &str) -> bool {
    let line = line.trim();
    // Most lines asked about are long paragraphs: they are counted out
    // before any of them is lower-cased, and only the head of a short one
    // is, character by character, into no copy. (That differs from
    // lower-casing the line only in a final sigma, which no ASCII prefix
    // matches either way.)
    let lower_starts_with = |prefix: &str| {
        line.chars()
            .flat_map(char::to_lowercase)
            .take(prefix.len())
            .eq(prefix.chars())
    };
    line.chars().count() <= 80
        && (line.starts_with('©')
            || lower_starts_with("copyright")
            || lower_starts_with("(c) ")
            || line.starts_with("版权所有")
            || line.starts_with("版權所有"))
}

/// True if `text` is the headline: the title itself, or the title with the
/// site's name appended after a separator ("Story - Site", "Story | Site").
#[cfg(any(test, feature = "quality"))]
pub(crate) fn is_headline(text: &str, title: &str) -> bool {
    is_squashed_headline(text, &squash(title))
}

/// [`is_headline`] with the title already [`squash`]ed. Compares the
/// squashed text with it character by character as it goes, so a block
/// that is not the headline costs a few characters, not a copy.
pub(crate) fn is_squashed_headline(text: &str, title: &str) -> bool {
    let mut title_chars = title.chars();
    let mut text_chars = 0;
    // The characters `squash(text)` would hold, in order.
    for c in text
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
    {
        if title_chars.next() != Some(c) {
            return false;
        }
        text_chars += 1;
    }
    if text_chars == 0 {
        return false;
    }
    // The squashed text is a prefix of the title: all of it, or the title
    // followed by the site's name.
    let rest = title_chars.as_str();
    rest.is_empty()
        || (text_chars >= 4
            && rest.chars().count() <= 30
            && rest.starts_with(['-', '|', '–', '—', '_', '·', '丨', '｜', ':', '：']))
}

/// Phrases of the footer a blog platform appends to each feed item
/// ("… was originally published in … on Medium", "The post … appeared first
/// on …"), and of feed-relay footers.
pub(crate) const FEED_FOOTER_PHRASES: &[&str] = &[
    "was originally published in",
    "appeared first on",
    "originally appeared on",
    "获取更多rss",
    "feed enhanced by",
    "獲取更多rss",
];

/// A short block carrying a feed footer phrase and a link.
pub(crate) fn is_feed_footer(el: &NodeRef) -> bool {
    // Most blocks hold no link: that answer is cheaper than counting text.
    el.contains_tag(&["a"]) && is_short_footer(el, el.text_len_capped(MAX_FEED_FOOTER_CHARS))
}

/// A feed footer is a line or two.
pub(crate) const MAX_FEED_FOOTER_CHARS: usize = 300;

/// True if `el`, holding a link and `len` visible characters (counted at
/// least to [`MAX_FEED_FOOTER_CHARS`] + 1), is a feed footer.
pub(crate) fn is_short_footer(el: &NodeRef, len: usize) -> bool {
    is_footer_length(len) && has_footer_phrase(el)
}

/// True if a block of `len` visible characters is short enough for a
/// footer and not empty.
pub(crate) fn is_footer_length(len: usize) -> bool {
    len != 0 && len <= MAX_FEED_FOOTER_CHARS
}

/// True if the text below `el` holds one of the [`FEED_FOOTER_PHRASES`].
/// The text nodes are fed to the automaton one after another, its state
/// carried from each to the next, which finds what searching their joined
/// text would (a phrase may run across nodes) without joining them.
pub(crate) fn has_footer_phrase(el: &NodeRef) -> bool {
    let phrases = footer_phrases();
    let mut state = phrases.start();
    let mut found = false;
    el.visit_below(|n| {
        found = n
            .with_text(|t| phrases.feed(&mut state, t.as_bytes()))
            .unwrap_or(false);
        if found {
            Visit::Stop
        } else {
            Visit::Descend
        }
    });
    found
}

/// The [`FEED_FOOTER_PHRASES`]. ASCII case folding finds exactly what
/// lower-casing the text would: the phrases are lower-case, and no
/// non-ASCII character lower-cases into one of their letters (U+212A
/// KELVIN SIGN becomes `k`, which no phrase has).
pub(crate) fn footer_phrases() -> &'static Needles {
    static PHRASES: std::sync::OnceLock<Needles> = std::sync::OnceLock::new();
    PHRASES.get_or_init(|| Needles::new(FEED_FOOTER_PHRASES))
}

/// True for the footer a WordPress feed plugin (Better Feed and its kind)
/// appends to every item, given as its rendered `text`: a line of
/// `|`-separated post links (`© Author for Site, 2020. | Permalink | No
/// comment | Add to del.icio.us`, the year's template tag sometimes left
/// unexpanded), a `Post tags: …` line, or both. Every line of the text
/// must be one of them.
pub(crate) fn is_post_links_footer(text: &str) -> bool {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let mut any = false;
    lines.all(|line| {
        any = true;
        is_permalink_line(line) || is_post_tags_line(line)
    }) && any
}

/// A line of `|`-separated pieces, one of them `Permalink` and one the
/// post's comment count (`No comment`, `3 comments`) or its copyright.
fn is_permalink_line(line: &str) -> bool {
    let pieces = || line.split('|').map(str::trim);
    pieces().any(|p| p.eq_ignore_ascii_case("permalink"))
        && pieces().any(|p| is_comment_count(p) || is_copyright_line(p))
}

/// The longest comment-count link text: `Leave a comment`, `12 comments`.
const MAX_COMMENT_COUNT_BYTES: usize = 24;

/// A link text giving a post's comments: ends with `comment` or `comments`.
fn is_comment_count(piece: &str) -> bool {
    piece.len() <= MAX_COMMENT_COUNT_BYTES && {
        let lower = piece.to_ascii_lowercase();
        lower.ends_with("comment") || lower.ends_with("comments")
    }
}

/// A line listing a post's tags: `Post tags: a, b, c`.
fn is_post_tags_line(line: &str) -> bool {
    const LABEL: &str = "post tags:";
    line.as_bytes()
        .get(..LABEL.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(LABEL.as_bytes()))
}

/// Labels that head a list of links to other stories.
pub(crate) const RELATED_LABELS: &[&str] = &[
    "related",
    "related posts",
    "related articles",
    "related stories",
    "related content",
    "more stories",
    "more on this story",
    "read more",
    "see also",
    "also read",
    "more on this",
    "相关",
    "相關",
    "相关报道",
    "相關報導",
    "延伸閱讀",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended for you",
    "相关文章",
    "相關文章",
    "相关阅读",
    "相關閱讀",
    "相关新闻",
    "相關新聞",
    "延伸阅读",
    "延伸閱讀",
    "推荐阅读",
    "推薦閱讀",
    "您可能感兴趣的文章",
    "你可能感兴趣的文章",
    "猜你喜欢",
    "更多文章",
    "阅读更多",
    "閱讀更多",
];

/// A label line as the related-stories labels are written: trimmed, no
/// closing colon, lower case.
pub(crate) fn normalise_label(s: &str) -> String {
    s.trim().trim_end_matches([':', '：']).trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_links_footers_are_whole_blocks_of_footer_lines() {
        for text in [
            "© Ann for Blog, get_post_time('Y'). |Permalink |No comment |Add to",
            "© Ann for Blog, 2020. | PERMALINK | 3 comments | Add to del.icio.us\nPost tags: x, y",
            "Post tags: a, b, c",
            "\n  post tags: x\n",
        ] {
            assert!(is_post_links_footer(text), "{text:?}");
        }
        for text in [
            "",
            "Permalink",
            "Home | Permalink",
            "Post tags",
            "© Ann for Blog | Permalink | No comment\nAnd a sentence of the story.",
            "The menu read Home | Permalink | About, the post says.",
            "Home | Permalink | Comments on the old theme, as the post explains at length",
        ] {
            assert!(!is_post_links_footer(text), "{text:?}");
        }
    }
}
