//! Cleaning is idempotent: cleaning the HTML output again gives the same
//! HTML and the same text. These are the shapes that once broke it, in
//! pages of our own; every dev post (`tests/corpus.rs`) and every whole
//! page (`tests/fullpage.rs`) is checked the same way when the shared
//! data is present, and random pages in `tests/properties.rs`.

use article_clean::Cleaner;

/// Cleans `html`, cleans the HTML output again, and returns both results
/// (HTML and text) of each pass.
fn two_passes(cleaner: &Cleaner, html: &str) -> [(String, String); 2] {
    let once = cleaner.clean(html).unwrap();
    let twice = cleaner.clean(once.html()).unwrap();
    [
        (once.html().to_string(), once.text().to_string()),
        (twice.html().to_string(), twice.text().to_string()),
    ]
}

const STORY: &str = "<p>The harbour board met on Monday to discuss the new ferry timetable.</p>";

/// `(what broke, page)`.
const CASES: &[(&str, &str)] = &[
    // An icon is media to the rules but not to the sanitizer, which drops
    // it: the paragraph, link or heading anchor around it was left empty.
    (
        "svg alone in a paragraph",
        "<p><svg viewBox=\"0 0 8 8\"><path d=\"M0 0h8\"/></svg></p>",
    ),
    (
        "svg in a link",
        "<p><a href=\"/home\"><svg><use href=\"#mark\"></use></svg></a></p>",
    ),
    (
        "svg anchor after a heading",
        "<h2>Ferry times <a href=\"#times\" class=\"anchor\"><svg><path d=\"M1\"/></svg></a></h2>",
    ),
    (
        "svg between words",
        "<p>Sign in <svg></svg> to comment on the timetable change.</p>",
    ),
    (
        "list item led by an icon",
        "<ul><li> <svg><path d=\"M2\"/></svg> <a href=\"/feeds/board\">Board feed</a></li></ul>",
    ),
    // MathML is unwrapped by the sanitizer: its whitespace met the
    // paragraph's edge and the words around it.
    (
        "math at the start of a paragraph",
        "<p><math> <mi> x </mi> <mo>=</mo> <mn> 2 </mn> </math> ferries a day,  <math> <mi>y</mi> </math> crews.</p>",
    ),
    (
        "loose math between paragraphs",
        "<div>When</div><math>\n  <mi>\n n\n </mi></math>, the board said  <math>\n<mn> 3 </mn></math> times.",
    ),
    // Whitespace between table cells was written after the tab.
    (
        "table cells on their own lines",
        "<table>\n<tr>\n<td>1</td>\n<td> Morning crossing </td>\n<td>\n 0715</td>\n</tr>\n</table>",
    ),
    (
        "header cells with inline markup",
        "<table><tr><th> <b>Route</b></th><th>  Minutes </th></tr><tr><td>North</td><td> 40</td></tr></table>",
    ),
    // Older regressions, kept with the rest.
    ("paragraph in a heading", "<div><h2><p>the</p></h2></div>"),
    (
        "script text in a paragraph",
        "<p><p><script>var a = '<p>x</p>';</script></p></p><p>Story.</p>",
    ),
];

#[test]
fn every_shape_that_broke_idempotence_is_a_fixed_point() {
    let cleaners = [
        ("default", Cleaner::default()),
        (
            "with base url",
            Cleaner::builder()
                .base_url("https://harbour.example/news/1")
                .build()
                .unwrap(),
        ),
    ];
    let mut failures = Vec::new();
    for (label, cleaner) in &cleaners {
        for (what, body) in CASES {
            let html = format!("<div>{STORY}{body}{STORY}</div>");
            let [(html1, text1), (html2, text2)] = two_passes(cleaner, &html);
            if html1 != html2 {
                failures.push(format!("[{label}] {what}: HTML\n  {html1:?}\n  {html2:?}"));
            }
            if text1 != text2 {
                failures.push(format!("[{label}] {what}: text\n  {text1:?}\n  {text2:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// What the fixes mean for the first pass itself.
#[test]
fn the_first_pass_leaves_nothing_for_the_second() {
    let cleaner = Cleaner::default();
    let out = cleaner
        .clean(&format!(
            "<div>{STORY}<p><svg><path d=\"M0\"/></svg></p><p><a href=\"/x\"><svg></svg></a></p>{STORY}</div>"
        ))
        .unwrap();
    assert!(!out.html().contains("<p></p>"), "{}", out.html());
    assert!(!out.html().contains("<a"), "{}", out.html());
    let out = cleaner
        .clean("<table>\n<tr>\n<td>1</td>\n<td> Morning crossing </td>\n<td>\n 0715</td>\n</tr>\n</table>")
        .unwrap();
    assert_eq!(out.text(), "1\tMorning crossing\t0715\n");
    let out = cleaner
        .clean("<p><math> <mi> x </mi> <mo>=</mo> <mn> 2 </mn> </math> ferries a day.</p>")
        .unwrap();
    assert_eq!(out.html(), "<p>x = 2 ferries a day.</p>\n");
}
