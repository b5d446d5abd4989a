//! The `lazy-images` rule, [`LazyImages`]: what it does and why is on the type.

use crate::dom::{Document, NodeRef, Step, Verdict, Visit};
use crate::error::RuleError;
use crate::rule::{Context, Rule};

/// Promotes lazy image sources and drops placeholders.
///
/// `lazy-images`: makes lazy-loaded images real and drops their leftovers.
///
/// - `data-src`, `data-original`, `data-lazy-src`, `data-actualsrc`,
///   `data-echo` (and `data-srcset`, `data-lazy-srcset`) become `src`
///   (`srcset`) when they hold a real URL, and the lazy attributes go;
/// - placeholder sources (`data:` URIs, spacer, blank and loading GIFs) go,
///   and an image left with no source at all is removed;
/// - a `<noscript>` holding the same image again is removed (one that holds
///   the only real copy is unwrapped), any other `<noscript>` is removed;
/// - of two adjacent copies of the same banner, one marked for desktop and
///   one for mobile (or with the same source), only the first is kept.
#[derive(Debug, Clone, Copy, Default)]
pub struct LazyImages;

/// Attributes lazy loaders keep the real source in, most trusted first.
const LAZY_SRC: &[&str] = &[
    "data-src",
    "data-lazy-src",
    "data-original",
    "data-actualsrc",
    "data-echo",
    "data-lazyload",
];
const LAZY_SRCSET: &[&str] = &["data-srcset", "data-lazy-srcset"];

/// True if a source is a placeholder rather than the picture.
pub(crate) fn is_placeholder_src(src: &str) -> bool {
    // Compared ignoring ASCII case rather than lower-cased into a copy:
    // this runs for every image.
    let s = src.trim();
    if s.is_empty() || s == "#" {
        return true;
    }
    // `data:`, `blob:`, `about:` and other non-web schemes: nothing a
    // reader of the cleaned article could load.
    if let Some((scheme, _)) = s.split_once(':') {
        let is_scheme = !scheme.is_empty()
            && !scheme.contains('/')
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if is_scheme
            && !scheme.eq_ignore_ascii_case("http")
            && !scheme.eq_ignore_ascii_case("https")
        {
            return true;
        }
    }
    // The last path segment, found by byte searches: `?`, `#` and `/`
    // are ASCII.
    let path = &s[..memchr::memchr2(b'?', b'#', s.as_bytes()).unwrap_or(s.len())];
    let file = &path[memchr::memrchr(b'/', path.as_bytes()).map_or(0, |i| i + 1)..];
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    const STEMS: &[&str] = &[
        "blank",
        "spacer",
        "pixel",
        "transparent",
        "placeholder",
        "loading",
        "lazy",
        "grey",
        "gray",
        "empty",
        "1x1",
    ];
    let starts_with = |prefix: &str| {
        stem.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
    };
    STEMS.iter().any(|w| stem.eq_ignore_ascii_case(w))
        || starts_with("lazy-placeholder")
        || starts_with("loading-")
}

fn looks_like_url(v: &str) -> bool {
    let v = v.trim();
    !v.is_empty() && !v.starts_with('{') && !v.starts_with('[') && !is_placeholder_src(v)
}

/// True if a `srcset` names at least one real picture: a web URL, not a
/// placeholder, a `data:` image or a `javascript:` one.
fn has_real_candidate(srcset: &str) -> bool {
    crate::html::srcset::candidates(srcset)
        .iter()
        .any(|c| looks_like_url(c.url))
}

/// Attributes `promote` drops once it has used them.
fn is_lazy_attr(name: &str) -> bool {
    LAZY_SRC.contains(&name)
        || LAZY_SRCSET.contains(&name)
        || name == "loading"
        || name == "data-sizes"
}

fn promote(changes: &mut crate::dom::Changes, img: &NodeRef) {
    // Most media elements have no lazy attribute: nothing to promote or
    // drop, only a placeholder source to clear. One pass over the
    // attributes tells, without copying their values.
    let mut lazy = false;
    img.for_each_attr(|name, _| lazy |= is_lazy_attr(name));
    if !lazy {
        if img.with_attr("src", is_placeholder_src) == Some(true) {
            changes.remove_attr(img, "src");
        }
        if img.with_attr("srcset", |s| s.trim_start().starts_with("data:")) == Some(true) {
            changes.remove_attr(img, "srcset");
        }
        return;
    }
    let real = LAZY_SRC
        .iter()
        .find_map(|a| img.attr(a).filter(|v| looks_like_url(v)));
    if let Some(real) = real {
        changes.set_attr(img, "src", real.trim());
    } else if img.with_attr("src", is_placeholder_src).unwrap_or(false) {
        changes.remove_attr(img, "src");
    }
    if let Some(set) = LAZY_SRCSET
        .iter()
        .find_map(|a| img.attr(a).filter(|v| has_real_candidate(v)))
    {
        changes.set_attr(img, "srcset", &set);
    } else if img.with_attr("srcset", |s| s.trim_start().starts_with("data:")) == Some(true) {
        changes.remove_attr(img, "srcset");
    }
    changes.retain_attrs(img, |name, _| !is_lazy_attr(name));
}

/// The source an image shows once lazy loading is undone.
fn effective_src(img: &NodeRef) -> Option<String> {
    LAZY_SRC
        .iter()
        .find_map(|a| img.attr(a).filter(|v| looks_like_url(v)))
        .or_else(|| img.attr("src").filter(|v| looks_like_url(v)))
}

/// The image a node shows: itself, or the only image inside a link or picture.
fn single_image(node: &NodeRef) -> Option<NodeRef> {
    if node.is("img") {
        return Some(node.clone());
    }
    if !node.is_any(&["a", "picture", "span", "div"]) {
        return None;
    }
    // One scan, which stops at the first visible character or the second
    // image: either means there is no single image.
    let mut first = None;
    let mut single = true;
    node.visit_below(|n| {
        if n.with_text(crate::dom::has_visible_char) == Some(true) {
            single = false;
            return Visit::Stop;
        }
        if n.is("img") {
            if first.is_some() {
                single = false;
                return Visit::Stop;
            }
            first = Some(n.clone());
        }
        Visit::Descend
    });
    first.filter(|_| single)
}

fn device_class(img: &NodeRef) -> Option<&'static str> {
    let words = crate::page::names::element_words(img);
    if words
        .iter()
        .any(|w| w == "mobile" || w == "m" || w == "phone")
    {
        Some("mobile")
    } else if words.iter().any(|w| w == "desktop" || w == "pc") {
        Some("desktop")
    } else {
        None
    }
}

/// True if `second` repeats `first`: same source, or the mobile twin of a
/// desktop banner. `a` and `b` are their [`single_image`]s.
fn is_duplicate(first: &NodeRef, a: &NodeRef, second: &NodeRef, b: &NodeRef) -> bool {
    // Two banners linking to the same place with the same picture. (Two
    // bare images with one source are left alone: 🙏🙏 as emoji images.)
    let same_link = first.is("a") && second.is("a") && first.attr("href") == second.attr("href");
    if same_link {
        if let (Some(sa), Some(sb)) = (effective_src(a), effective_src(b)) {
            if sa == sb {
                return true;
            }
        }
    }
    let pair = (device_class(a), device_class(b));
    let twins = matches!(
        pair,
        (Some("desktop"), Some("mobile")) | (Some("mobile"), Some("desktop"))
    );
    twins && (same_link || (first.is("img") && second.is("img")))
}

/// False if [`is_duplicate`] is false for `first` and `second` whatever
/// their single images: it only ever finds two links to one place, or two
/// bare images, to be copies.
fn may_be_copies(first: &NodeRef, second: &NodeRef) -> bool {
    let (Some(a), Some(b)) = (first.tag(), second.tag()) else {
        return false;
    };
    match (a, b) {
        ("img", "img") => true,
        ("a", "a") => first.attr("href") == second.attr("href"),
        _ => false,
    }
}

impl Rule for LazyImages {
    fn name(&self) -> &str {
        super::LAZY_IMAGES
    }

    fn apply(&self, doc: &mut Document, _cx: &Context<'_>) -> Result<(), RuleError> {
        // Duplicates and <noscript> copies first, while sources are still as written.
        let (drop, unwrap) = copies_and_duplicates(doc);
        for n in &drop {
            doc.remove(n);
        }
        for n in &unwrap {
            doc.unwrap(n);
        }
        doc.walk(|changes, el| {
            // A `match`, not a list search: it runs for every element.
            if matches!(el.tag(), Some("img" | "source" | "iframe" | "video")) {
                promote(changes, el);
                if el.is("img") && !el.has_attr("src") && !el.has_attr("srcset") {
                    return Verdict::Remove;
                }
            }
            Verdict::Keep
        });
        Ok(())
    }
}

/// The `<noscript>` copies and duplicate images to drop, and the
/// `<noscript>`s to unwrap (their image is the only copy), in document order.
///
/// An element's previous sibling is the element just before it, looking
/// past whitespace-only text (none if other text or a comment comes
/// between). It is tracked per level of one pre-order pass: asking each
/// element for its previous sibling would be quadratic in the number of
/// siblings.
fn copies_and_duplicates(doc: &Document) -> (Vec<NodeRef>, Vec<NodeRef>) {
    /// What one level of siblings has seen so far.
    #[derive(Default)]
    struct Level {
        prev: Option<NodeRef>,
        prev_dropped: bool,
        /// `single_image(prev)`, if it was worked out: each element is
        /// scanned for it once, not again as the next one's predecessor.
        prev_image: Option<Option<NodeRef>>,
    }
    let image_of =
        |el: &NodeRef, known: Option<Option<NodeRef>>| known.unwrap_or_else(|| single_image(el));
    let mut drop = Vec::new();
    let mut unwrap = Vec::new();
    let mut stack = vec![Level::default()];
    doc.body().walk_below(|step| {
        let el = match step {
            Step::Leave(_) => {
                stack.pop();
                return Visit::Descend;
            }
            Step::Enter(el) => el,
        };
        let Some(level) = stack.last_mut() else {
            return Visit::Stop;
        };
        // Other nodes only ever clear the previous sibling, which needs no
        // look at a text that follows none.
        if !el.is_element() {
            let keeps = el.is_text()
                && (level.prev.is_none()
                    || el.with_text(|t| !crate::dom::has_visible_char(t)) == Some(true));
            if !keeps {
                *level = Level::default();
            }
            return Visit::Skip;
        }
        // An element that shows no single image and cannot start a pair of
        // copies answers every question about the one after it as no
        // element does: it is not kept, and the text after it is not read.
        let pairs = el.is_any(&["img", "a", "picture", "span", "div"]);
        let prev = std::mem::replace(&mut level.prev, pairs.then(|| el.clone()));
        let prev_image = level.prev_image.take();
        let dropped = if el.is("noscript") {
            let has_img = el.contains_tag(&["img"]);
            if has_img
                && prev
                    .as_ref()
                    .and_then(|p| image_of(p, prev_image))
                    .is_none()
            {
                unwrap.push(el.clone());
                false
            } else {
                drop.push(el.clone());
                true
            }
        } else if let Some(prev) = prev.filter(|_| !level.prev_dropped) {
            // Most pairs cannot be copies whatever images they hold: only
            // those are scanned for their images.
            let image = may_be_copies(&prev, el).then(|| single_image(el));
            let duplicate = image.as_ref().is_some_and(|image| {
                image.as_ref().is_some_and(|b| {
                    image_of(&prev, prev_image).is_some_and(|a| is_duplicate(&prev, &a, el, b))
                })
            });
            if duplicate {
                drop.push(el.clone());
            }
            level.prev_image = image;
            duplicate
        } else {
            false
        };
        level.prev_dropped = dropped;
        stack.push(Level::default());
        Visit::Descend
    });
    (drop, unwrap)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::tests::apply;

    #[test]
    fn promotes_lazy_sources_and_drops_placeholders() {
        let html = r#"<img class="lazyload" data-src="https://e.com/real.jpg" src="data:image/gif;base64,R0lGOD"><img data-original="/b.jpg" src="/img/blank.gif"><img data-srcset="/c.jpg 2x" loading="lazy"><img src="data:image/png;base64,AAAA">"#;
        let (out, _) = apply(&LazyImages, html);
        assert_eq!(
            out,
            r#"<img class="lazyload" src="https://e.com/real.jpg"><img src="/b.jpg"><img srcset="/c.jpg 2x">"#
        );
        // A lazy srcset of nothing but script URLs, placeholders or data
        // images is no picture: the image goes.
        for lazy in [
            "javascript:alert(1) 1x",
            "JAVASCRIPT:alert(1)",
            "data:text/html;base64,PHA+ 1x, /blank.gif 2x",
            " , ",
        ] {
            let html = format!("<p>x<img data-srcset=\"{lazy}\" alt=a></p>");
            let (out, _) = apply(&LazyImages, &html);
            assert_eq!(out, "<p>x</p>", "{lazy}");
        }
    }

    #[test]
    fn noscript_copies_are_dropped_or_unwrapped() {
        let html = r#"<img data-src="/a.jpg"><noscript><img src="/a.jpg"></noscript><p>x</p><noscript><img src="/only.jpg"></noscript><noscript>Enable JavaScript</noscript>"#;
        let (out, _) = apply(&LazyImages, html);
        assert_eq!(out, r#"<img src="/a.jpg"><p>x</p><img src="/only.jpg">"#);
    }

    #[test]
    fn desktop_and_mobile_twins_are_kept_once() {
        let html = r#"<a href="/offer"><img class="view-desktop" src="/d.png"></a> <a href="/offer"><img class="view-mobile" src="/m.png"></a><a href="/b"><img src="/x.png"></a><a href="/b"><img src="/x.png"></a><img src="/e.png" alt="1"><img src="/e.png" alt="2">"#;
        let (out, _) = apply(&LazyImages, html);
        assert_eq!(
            out,
            r#"<a href="/offer"><img class="view-desktop" src="/d.png"></a> <a href="/b"><img src="/x.png"></a><img src="/e.png" alt="1"><img src="/e.png" alt="2">"#
        );
    }

    #[test]
    fn recognises_placeholders() {
        for p in [
            "data:image/gif;base64,x",
            "/s/spacer.gif",
            "https://e.com/lazy.png?v=1",
            "",
            "  ",
        ] {
            assert!(is_placeholder_src(p), "{p}");
        }
        for real in ["https://e.com/photo.jpg", "/uploads/blankets.png"] {
            assert!(!is_placeholder_src(real), "{real}");
        }
    }
}

#[cfg(test)]
mod scheme_tests {
    use super::is_placeholder_src;

    #[test]
    fn non_web_schemes_are_placeholders_but_odd_paths_are_not() {
        for p in [
            "blob:https://e.com/be4d6a71",
            "about:blank",
            "DATA:image/png;base64,x",
        ] {
            assert!(is_placeholder_src(p), "{p}");
        }
        for real in [
            "//cdn.e.com/a:b.jpg",
            "photo.jpg?t=1:2",
            "HTTPS://e.com/x.jpg",
        ] {
            assert!(!is_placeholder_src(real), "{real}");
        }
    }
}

#[cfg(test)]
mod fast_path_tests {
    use super::*;

    /// `single_image` as it was: a visible-text scan, then a list of images.
    fn plain_single_image(node: &NodeRef) -> Option<NodeRef> {
        if node.is("img") {
            return Some(node.clone());
        }
        if node.is_any(&["a", "picture", "span", "div"]) && !node.has_visible_text() {
            let mut imgs = node.descendants().filter(|n| n.is("img"));
            let first = imgs.next()?;
            return imgs.next().is_none().then_some(first);
        }
        None
    }

    /// `copies_and_duplicates` as it was: no cached images, every text
    /// node looked at.
    fn plain_copies_and_duplicates(doc: &Document) -> (Vec<NodeRef>, Vec<NodeRef>) {
        fn plain_is_duplicate(first: &NodeRef, second: &NodeRef) -> bool {
            match (plain_single_image(first), plain_single_image(second)) {
                (Some(a), Some(b)) => is_duplicate(first, &a, second, &b),
                _ => false,
            }
        }
        let (mut drop, mut unwrap) = (Vec::new(), Vec::new());
        // (parent, next child, previous element, was it dropped)
        let mut stack = vec![(doc.body(), 0, None::<NodeRef>, false)];
        while let Some((parent, next, prev, prev_dropped)) = stack.last_mut() {
            let Some(child) = parent.children().get(*next).cloned() else {
                stack.pop();
                continue;
            };
            *next += 1;
            if child.is_text() && child.text().unwrap().trim().is_empty() {
                continue;
            }
            if !child.is_element() {
                *prev = None;
                *prev_dropped = false;
                continue;
            }
            let before = prev.replace(child.clone());
            let dropped = if child.is("noscript") {
                if child.contains_tag(&["img"])
                    && before.as_ref().and_then(plain_single_image).is_none()
                {
                    unwrap.push(child.clone());
                    false
                } else {
                    drop.push(child.clone());
                    true
                }
            } else if let Some(before) = before.filter(|_| !*prev_dropped) {
                let duplicate =
                    plain_single_image(&child).is_some() && plain_is_duplicate(&before, &child);
                if duplicate {
                    drop.push(child.clone());
                }
                duplicate
            } else {
                false
            };
            *prev_dropped = dropped;
            stack.push((child, 0, None, false));
        }
        (drop, unwrap)
    }

    const TRICKY_PAGES: &[&str] = &[
        r#"<a href="/o"><img class="desktop" src="/d.png"></a>
           <a href="/o"><img class="mobile" src="/m.png"></a><a href="/o"><img class="mobile" src="/m2.png"></a>"#,
        r#"<div><img src="/a.png"><span> </span></div><div><img src="/a.png"></div><div>&nbsp;<img src="/b.png"><img src="/c.png"></div>"#,
        "<img class=pc src=/p.png>\u{3000}<img class=phone src=/q.png>x<img class=pc src=/p.png><!-- c --><img class=m src=/q.png>",
        "<p><img class=pc src=/1.png>, <img class=phone src=/2.png></p><p><img class=pc src=/3.png> <img class=phone src=/4.png></p>",
        r#"<img src="/a.png"><noscript><img src="/a.png"></noscript><noscript><img src="/b.png"></noscript><span><img src="/s.png"></span><noscript><p>no</p></noscript>"#,
        r#"<picture><source srcset="/x.webp"><img src="/x.png"></picture><picture><img src="/x.png"><img src="/y.png"></picture><a href="/l"><span><img data-src="/z.png" src="/blank.gif"></span></a><a href="/l"><img src="/z.png"></a>"#,
        r#"<div><a href="/k"><img src="/k.png"></a><a href="/k"><img src="/k.png"></a><a href="/k"><img src="/k.png"></a></div><div><script>x</script><img class="desktop" src="/r.png"></div><div><img class="mobile" src="/r.png"></div>"#,
        // Noscript copies after elements that show an image and after
        // ones that cannot, with text between and without.
        "<div><img src=/d.png></div><noscript><img src=/d.png></noscript><em><img src=/e.png></em><noscript><img src=/e.png></noscript><p>x</p>\n<noscript><img src=/p.png></noscript><picture><img src=/q.png></picture> <noscript><img src=/q.png></noscript><span><img src=/s.png></span> y <noscript><img src=/s.png></noscript><img class=pc src=/t.png><p>t</p><img class=m src=/t.png>",
        // Links without an href, links to different places, and twins of
        // which only one is a bare image.
        r#"<a><img src="/n.png"></a><a><img src="/n.png"></a><a href="/p"><img src="/n.png"></a><a href="/q"><img src="/n.png"></a><img class="desktop" src="/t.png"><a href="/t"><img class="mobile" src="/t.png"></a><span><img class="pc" src="/u.png"></span><img class="m" src="/u.png">"#,
    ];

    #[test]
    fn the_fast_scans_agree_with_the_plain_ones() {
        let mut pages = crate::testing::fixture_pages();
        pages.extend(TRICKY_PAGES.iter().map(|p| p.to_string()));
        let (mut images, mut found) = (0, 0);
        for page in &pages {
            let doc = Document::parse(page);
            for el in doc.body().element_descendants() {
                let image = plain_single_image(&el);
                assert_eq!(single_image(&el), image, "{}", el.describe());
                images += usize::from(image.is_some());
            }
            let (drop, unwrap) = copies_and_duplicates(&doc);
            assert_eq!(
                (&drop, &unwrap),
                (
                    &plain_copies_and_duplicates(&doc).0,
                    &plain_copies_and_duplicates(&doc).1
                ),
                "{page}"
            );
            found += drop.len() + unwrap.len();
        }
        assert!(images > 20 && found > 8, "{images} {found}");
    }

    /// `is_placeholder_src` as it was, splitting the URL for its file name.
    fn plain_is_placeholder_src(src: &str) -> bool {
        let s = src.trim();
        if s.is_empty() || s == "#" {
            return true;
        }
        if let Some((scheme, _)) = s.split_once(':') {
            let is_scheme = !scheme.is_empty()
                && !scheme.contains('/')
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
            if is_scheme
                && !scheme.eq_ignore_ascii_case("http")
                && !scheme.eq_ignore_ascii_case("https")
            {
                return true;
            }
        }
        let file = s
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .rsplit('/')
            .next()
            .unwrap_or("");
        let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
        let starts_with = |prefix: &str| {
            stem.get(..prefix.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
        };
        [
            "blank",
            "spacer",
            "pixel",
            "transparent",
            "placeholder",
            "loading",
            "lazy",
            "grey",
            "gray",
            "empty",
            "1x1",
        ]
        .iter()
        .any(|w| stem.eq_ignore_ascii_case(w))
            || starts_with("lazy-placeholder")
            || starts_with("loading-")
    }

    #[test]
    fn placeholders_are_found_as_splitting_the_url_finds_them() {
        let alphabet = ['/', '?', '#', '.', 'L', 'a', 'z', 'y', '中'];
        let mut placeholders = 0;
        for s in crate::testing::all_strings(&alphabet, 6) {
            let plain = plain_is_placeholder_src(&s);
            assert_eq!(is_placeholder_src(&s), plain, "{s:?}");
            placeholders += usize::from(plain);
        }
        assert!(placeholders > 20, "{placeholders}");
    }
}
