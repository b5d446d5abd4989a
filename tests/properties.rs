//! Property tests over generated article-like HTML trees.

mod common;

use article_clean::{Cleaned, Cleaner};
use common::{attributes, bad_schemes};
use proptest::prelude::*;

/// Plain words that no rule treats as a promotion, widget or chrome.
const WORDS: &[&str] = &[
    "the",
    "river",
    "council",
    "voted",
    "on",
    "Tuesday",
    "budget",
    "new",
    "bridge",
    "residents",
    "said",
    "water",
    "levels",
    "rose",
    "quickly",
    "mayor",
    "spring",
    "report",
    "42",
    "percent",
];

/// Pieces of free text: ASCII, CJK, entities and odd spaces.
const TEXT_PIECES: &[&str] = &[
    "hello",
    "world",
    " ",
    "  ",
    "\n",
    "&nbsp;",
    "\u{3000}",
    "中文",
    "新闻报道",
    "。",
    "，",
    "&amp;",
    "x &lt; y",
    "3 &gt; 2",
    "\u{a0}",
    "café",
    "\t",
    "emoji 🎉",
];

#[derive(Debug, Clone)]
enum Node {
    /// Free text.
    Text(String),
    /// `<p>` holding nothing but plain words.
    Para(String),
    /// A comment.
    Comment(String),
    /// Markup with no children of interest: void elements, scripts, junk slots.
    Leaf(&'static str),
    /// An element with children.
    Elem {
        open: &'static str,
        close: &'static str,
        /// The element is an ad slot or similar that the cleaner removes.
        junk: bool,
        /// Children are wrapped in `<li>`.
        list: bool,
        children: Vec<Node>,
    },
}

const LEAVES: &[&str] = &[
    "<br>",
    "<img src=\"/img/a.jpg\" alt=\"A\">",
    "<img data-src=\"/img/b.jpg\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">",
    "<img src=\"https://t.example/pixel.gif?utm_source=x\" width=\"1\" height=\"1\">",
    "<script>var a = '<p>x</p>'; document.write(\"<b>\");</script>",
    "<style>p { color: red } .ad { display: none }</style>",
    "<iframe src=\"https://ads.example/frame\"></iframe>",
    "<ins class=\"adsbygoogle\" data-ad-slot=\"1\"></ins>",
    "<div id=\"dfp-ad-x\"></div>",
    "<div class=\"ad\"></div>",
    "<span onclick=\"evil()\" style=\"color:red\">styled</span>",
    "<a href=\"javascript:alert(1)\">js</a>",
    // What the sanitizer drops or unwraps, and spacing it leaves behind.
    "<svg viewBox=\"0 0 1 1\"><path d=\"M0\"/></svg>",
    "<math> <mi> x </mi> <mo>=</mo> <mn>2</mn> </math>",
    "<table>\n<tr>\n<td> 1 </td>\n<td>\n two</td>\n</tr>\n</table>",
];

/// `(open, close, junk, list)`
const BRANCHES: &[(&str, &str, bool, bool)] = &[
    ("<div>", "</div>", false, false),
    ("<p>", "</p>", false, false),
    ("<span>", "</span>", false, false),
    (
        "<a href=\"https://example.com/story?id=1\">",
        "</a>",
        false,
        false,
    ),
    (
        "<a href=\"/story?utm_source=twitter&amp;utm_medium=social&amp;id=2\">",
        "</a>",
        false,
        false,
    ),
    ("<ul>", "</ul>", false, true),
    ("<blockquote>", "</blockquote>", false, false),
    ("<h2>", "</h2>", false, false),
    ("<div class=\"ad\">", "</div>", true, false),
    ("<div id=\"dfp-ad-x\">", "</div>", true, false),
    ("<ins class=\"adsbygoogle\">", "</ins>", true, false),
];

fn leaf() -> impl Strategy<Value = Node> {
    prop_oneof![
        3 => prop::collection::vec(prop::sample::select(TEXT_PIECES), 1..6)
            .prop_map(|p| Node::Text(p.concat())),
        3 => prop::collection::vec(prop::sample::select(WORDS), 1..8)
            .prop_map(|w| Node::Para(w.join(" "))),
        1 => prop::collection::vec(prop::sample::select(TEXT_PIECES), 0..3)
            .prop_map(|p| Node::Comment(p.concat())),
        2 => prop::sample::select(LEAVES).prop_map(Node::Leaf),
    ]
}

fn tree() -> impl Strategy<Value = Vec<Node>> {
    let node = leaf().prop_recursive(4, 48, 5, |inner| {
        (
            prop::sample::select(BRANCHES),
            prop::collection::vec(inner, 0..5),
        )
            .prop_map(|((open, close, junk, list), children)| Node::Elem {
                open,
                close,
                junk,
                list,
                children,
            })
    });
    prop::collection::vec(node, 0..6)
}

/// Renders the nodes; collects the plain-word paragraphs outside any junk container.
fn render(nodes: &[Node], junk: bool, out: &mut String, survivors: &mut Vec<String>) {
    for node in nodes {
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Para(words) => {
                out.push_str("<p>");
                out.push_str(words);
                out.push_str("</p>");
                if !junk {
                    survivors.push(words.clone());
                }
            }
            Node::Comment(c) => {
                out.push_str("<!--");
                out.push_str(c);
                out.push_str("-->");
            }
            Node::Leaf(l) => out.push_str(l),
            Node::Elem {
                open,
                close,
                junk: is_junk,
                list,
                children,
            } => {
                out.push_str(open);
                for child in children {
                    if *list {
                        out.push_str("<li>");
                    }
                    render(
                        std::slice::from_ref(child),
                        junk || *is_junk,
                        out,
                        survivors,
                    );
                    if *list {
                        out.push_str("</li>");
                    }
                }
                out.push_str(close);
            }
        }
    }
}

fn html_of(nodes: &[Node]) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut survivors = Vec::new();
    render(nodes, false, &mut out, &mut survivors);
    (out, survivors)
}

fn clean(html: &str) -> Cleaned {
    Cleaner::default()
        .clean(html)
        .unwrap_or_else(|e| panic!("clean failed: {e}\n{html}"))
}

/// Attribute names inside the tags of `html`.
fn attribute_names(html: &str) -> Vec<String> {
    let mut names = Vec::new();
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        let mut in_quote = false;
        let mut word = String::new();
        for c in tag.chars() {
            match c {
                '"' => in_quote = !in_quote,
                _ if in_quote => {}
                '=' => names.push(std::mem::take(&mut word).to_ascii_lowercase()),
                c if c.is_whitespace() || c == '/' => word.clear(),
                c => word.push(c),
            }
        }
    }
    names
}

fn has_markup(text: &str) -> bool {
    text.char_indices().any(|(i, c)| {
        c == '<'
            && text[i + 1..]
                .chars()
                .next()
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!'))
    })
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn cleaning_is_idempotent(nodes in tree()) {
        let (html, _) = html_of(&nodes);
        let once = clean(&html);
        let twice = clean(once.html());
        prop_assert_eq!(twice.html(), once.html(), "input: {}", html);
        prop_assert_eq!(twice.text(), once.text(), "input: {}", html);
    }

    #[test]
    fn output_is_safe_and_text_has_no_markup(nodes in tree()) {
        let (html, _) = html_of(&nodes);
        let cleaned = clean(&html);
        let out = cleaned.html().to_ascii_lowercase();
        for bad in ["<script", "<style", "javascript:", "<iframe"] {
            prop_assert!(!out.contains(bad), "{} in {:?}\ninput: {}", bad, out, html);
        }
        for attr in attribute_names(cleaned.html()) {
            prop_assert!(!attr.starts_with("on") && attr != "style", "attribute {} in {:?}", attr, out);
        }
        prop_assert!(!has_markup(cleaned.text()), "markup in text {:?}\ninput: {}", cleaned.text(), html);
    }

    #[test]
    fn plain_paragraphs_outside_junk_survive(nodes in tree()) {
        let (html, survivors) = html_of(&nodes);
        let text = collapse(clean(&html).text());
        for words in survivors {
            prop_assert!(text.contains(&words), "lost {:?}\ntext: {:?}\ninput: {}", words, text, html);
        }
    }
}

/// URLs in every disguise: schemes the output must never carry, written
/// the ways a page can write them, and ordinary ones.
const URLS: &[&str] = &[
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " \t javascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "&#106;avascript&colon;alert(1)",
    "jav&#x09;ascript:alert(1)",
    "java\nscript:alert(1)",
    "&#14;javascript:alert(1)",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "DATA:text/html,x",
    "file:///etc/passwd",
    "FILE://host/x",
    "/a.png",
    "b.png",
    "https://ok.example/c.png",
    "//cdn.example/d.png",
    "mailto:a@b.example",
    "",
    "#x",
];

/// Elements with URL-bearing attributes, allowed or not; `{u}` and `{v}`
/// are URLs from [`URLS`].
const URL_ELEMENTS: &[&str] = &[
    "<a href=\"{u}\">link</a>",
    "<img src=\"{u}\" alt=i>",
    "<img src=/ok.png srcset=\"{u} 1x, {v} 2x\">",
    "<img srcset=\"{u}\">",
    "<picture><source srcset=\"{u}\"><img src=\"{v}\"></picture>",
    "<blockquote cite=\"{u}\"><p>the river rose</p></blockquote>",
    "<p>said <q cite=\"{u}\">this</q></p>",
    "<img data-src=\"{u}\" data-srcset=\"{v} 2x\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">",
    "<img data-srcset=\"{u}\" alt=x>",
    "<iframe src=\"{u}\"></iframe>",
    "<video poster=\"{u}\" src=\"{v}\"></video>",
    "<object data=\"{u}\"></object>",
    "<form action=\"{u}\"><button formaction=\"{v}\">b</button></form>",
    "<base href=\"{u}\">",
    "<svg><a xlink:href=\"{u}\"><text>t</text></a></svg>",
    "<math href=\"{u}\"><mi>x</mi></math>",
];

fn url_page() -> impl Strategy<Value = String> {
    let element = (
        prop::sample::select(URL_ELEMENTS),
        prop::sample::select(URLS),
        prop::sample::select(URLS),
        prop::sample::select(&["", "<p>", "<div>", "<li>", "<figure>"][..]),
    )
        .prop_map(|(e, u, v, wrap)| format!("{wrap}{}", e.replace("{u}", u).replace("{v}", v)));
    prop::collection::vec(element, 1..8).prop_map(|elements| {
        format!(
            "<div><p>The council voted on the budget.</p>{}<p>Residents said the water rose.</p></div>",
            elements.concat()
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// No attribute of any HTML output holds a `javascript:`, `vbscript:`,
    /// `data:text/html` or `file:` URL, with a base URL or without, and
    /// with a base every `href`, `src` and `cite` is an absolute web URL.
    #[test]
    fn no_output_attribute_holds_an_unsafe_url(html in url_page()) {
        let based = Cleaner::builder().base_url("https://news.example/a/1").build().unwrap();
        for (cleaner, with_base) in [(Cleaner::default(), false), (based, true)] {
            let out = cleaner.clean(&html).unwrap();
            for (name, value) in attributes(out.html()) {
                prop_assert!(bad_schemes(&value).is_empty(), "{}={:?} in {}\ninput: {}", name, value, out.html(), html);
                if with_base && ["href", "src", "cite"].contains(&name.as_str()) {
                    prop_assert!(
                        value.starts_with("https://") || value.starts_with("mailto:"),
                        "{}={:?} in {}\ninput: {}", name, value, out.html(), html
                    );
                }
                if with_base && name == "srcset" {
                    for candidate in value.split(", ") {
                        prop_assert!(candidate.starts_with("https://"), "{:?} in {}", candidate, out.html());
                    }
                }
            }
        }
    }
}
