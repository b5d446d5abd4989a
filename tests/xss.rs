//! Filter-evasion cases in the spirit of the OWASP XSS cheat sheet: whatever
//! the input, the HTML output carries no script, event handler, dangerous
//! URL scheme, inline style, `srcdoc` or `formaction`, and the text output
//! carries no markup.

mod common;

use article_clean::Cleaner;
use common::{attributes, bad_schemes, decode_entities};

/// `(name, input)`: every case is wrapped in an article paragraph.
const CASES: &[(&str, &str)] = &[
    ("script tag", "<script>alert(1)</script>"),
    ("script src upper case", "<SCRIPT SRC=http://xss.example/x.js></SCRIPT>"),
    ("split script tag", "<scr<script>ipt>alert(1)</scr</script>ipt>"),
    ("img onerror", "<img src=x onerror=alert(1)>"),
    ("img onerror quoted, slash", "<img src=x onerror=\"alert(1)\"//>"),
    ("img onerror fromCharCode", "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>"),
    ("img quote soup", "<img \"\"\"><script>alert(1)</script>\">"),
    ("slash as separator", "<p/onclick=alert(1)>x</p><img/src=x/onerror=alert(1)>"),
    ("body onload", "<body onload=alert(1)><p>x</p>"),
    ("anchor onmouseover", "<a href=\"#\" onmouseover=\"alert(1)\">x</a>"),
    ("details ontoggle", "<details open ontoggle=alert(1)><summary>s</summary></details>"),
    ("video source onerror", "<video><source onerror=\"alert(1)\"></video>"),
    ("javascript href", "<a href=\"javascript:alert(1)\">x</a>"),
    ("javascript mixed case", "<a href=\"JaVaScRiPt:alert(1)\">x</a>"),
    ("javascript tab entity", "<a href=\"jav&#x09;ascript:alert(1)\">x</a>"),
    ("javascript literal tab", "<a href=\"jav\tascript:alert(1)\">x</a>"),
    ("javascript newline entity", "<img src=\"jav&#x0A;ascript:alert(1);\">"),
    ("javascript decimal entities", "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>"),
    ("javascript hex entities no semicolons", "<a href=\"&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)\">x</a>"),
    ("javascript padded entities", "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)\">x</a>"),
    ("javascript leading control chars", "<a href=\" &#14;  javascript:alert(1)\">x</a>"),
    ("javascript named colon", "<a href=\"javascript&colon;alert(1)\">x</a>"),
    ("javascript with comment newline", "<a href=\"javascript://%0aalert(1)\">x</a>"),
    ("vbscript", "<a href=\"vbscript:msgbox(1)\">x</a><img src=\"VBScript:msgbox(1)\">"),
    ("data text/html link", "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>"),
    ("data text/html img", "<img src=\"data:text/html,<script>alert(1)</script>\">"),
    ("object and embed", "<object data=\"javascript:alert(1)\"></object><embed src=\"data:text/html,x\">"),
    ("svg onload", "<svg onload=alert(1)><circle r=1 /></svg>"),
    ("svg script", "<svg><script>alert(1)</script></svg>"),
    ("svg xlink href", "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>"),
    ("svg animate", "<svg><animate onbegin=alert(1) attributeName=x dur=1s>"),
    ("mathml href", "<math href=\"javascript:alert(1)\"><mi>x</mi></math>"),
    ("mathml style mutation", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"),
    ("iframe srcdoc", "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>"),
    ("iframe javascript src", "<iframe src=\"javascript:alert(1)\"></iframe>"),
    ("button formaction", "<form><button formaction=\"javascript:alert(1)\">x</button></form>"),
    ("input formaction", "<input type=image formaction=javascript:alert(1) src=x>"),
    ("css expression", "<div style=\"width: expression(alert(1))\">x</div>"),
    ("css url javascript", "<p style=\"background:url(javascript:alert(1))\">x</p>"),
    ("style import", "<style>@import 'http://xss.example/x.css';</style>"),
    ("meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">"),
    ("base href", "<base href=\"javascript:alert(1)//\"><a href=\"x\">x</a>"),
    ("link stylesheet", "<link rel=stylesheet href=\"javascript:alert(1)\">"),
    ("noscript mutation", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>"),
    ("template script", "<template><script>alert(1)</script><img src=x onerror=alert(1)></template>"),
    ("comment mutation", "<!--<img src=\"--><img src=x onerror=alert(1)//\">"),
    ("textarea", "<textarea><script>alert(1)</script></textarea>"),
    ("title", "<title><img src=x onerror=alert(1)></title>"),
    ("xmp", "<xmp><img src=x onerror=alert(1)></xmp>"),
    ("unclosed attribute quote", "<img src=\"x\" onerror=\"alert(1)"),
    ("backtick attributes", "<img src=`x` onerror=`alert(1)`>"),
    ("escaped markup as text", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("noembed", "<noembed><img src=x onerror=alert(1)></noembed>"),
    ("noframes", "<noframes><img src=x onerror=alert(1)></noframes>"),
    // Every allowed attribute that holds a URL, not only href and src.
    ("img srcset javascript", "<img src=\"/a.png\" srcset=\"javascript:alert(1) 1x, /b.png 2x\">"),
    ("img srcset mixed case, spaces", "<img src=/a.png srcset=\" \tJaVaScRiPt:alert(1) 1x\">"),
    ("img srcset hex entity", "<img src=/a.png srcset=\"&#x6A;avascript:alert(1) 2x\">"),
    ("img srcset tab entity", "<img src=/a.png srcset=\"jav&#x09;ascript:alert(1) 2x\">"),
    ("img srcset second candidate", "<img src=/a.png srcset=\"/a.png 1x,javascript:alert(1) 2x\">"),
    ("img srcset vbscript", "<img src=/a.png srcset=\"vbscript:msgbox(1) 1x\">"),
    ("img srcset data html", "<img src=/a.png srcset=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg== 1x\">"),
    ("img srcset file", "<img src=/a.png srcset=\"file:///etc/passwd 1x\">"),
    ("picture source srcset", "<picture><source srcset=\"javascript:alert(1)\"><img src=/a.png></picture>"),
    ("blockquote cite javascript", "<blockquote cite=\"javascript:alert(1)\"><p>quoted</p></blockquote>"),
    ("blockquote cite entities", "<blockquote cite=\"&#106;avascript&colon;alert(1)\"><p>quoted</p></blockquote>"),
    ("blockquote cite leading controls", "<blockquote cite=\" &#14; javascript:alert(1)\"><p>quoted</p></blockquote>"),
    ("q cite vbscript", "<p>He said <q cite=\"VBScript:msgbox(1)\">this</q>.</p>"),
    ("q cite data html", "<p>He said <q cite=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\">this</q>.</p>"),
    ("q cite file", "<p>He said <q cite=\"file:///etc/passwd\">this</q>.</p>"),
    ("lazy data-srcset", "<img data-srcset=\"javascript:alert(1) 1x\" alt=x>"),
    ("lazy data-srcset upper case", "<img data-srcset=\"JAVASCRIPT:alert(1)\" loading=lazy>"),
    ("lazy data-src", "<img data-src=\"javascript:alert(1)\" src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\">"),
    ("file href and src", "<a href=\"file:///etc/passwd\">x</a><img src=\"FILE:///etc/shadow\">"),
];

/// Attribute names inside the tags of `html`.
fn attribute_names(html: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').map_or(rest.len(), |j| start + j);
        let tag = &rest[start + 1..end];
        let mut in_quote = None;
        let mut word = String::new();
        for c in tag.chars() {
            match in_quote {
                Some(q) if c == q => in_quote = None,
                Some(_) => {}
                None if c == '"' || c == '\'' => in_quote = Some(c),
                None if c == '=' => {
                    names.push(std::mem::take(&mut word).to_ascii_lowercase());
                }
                None if c.is_whitespace() || c == '/' => word.clear(),
                None => word.push(c),
            }
        }
        rest = &rest[end.min(rest.len())..];
        if rest.is_empty() {
            break;
        }
        rest = &rest[1..];
    }
    names
}

fn check(name: &str, input: &str, cleaner: &Cleaner, based: bool) -> Vec<String> {
    let html_in =
        format!("<div><p>Safe paragraph before.</p>{input}<p>Safe paragraph after.</p></div>");
    let cleaned = cleaner.clean(&html_in).unwrap();
    let html = cleaned.html();
    let lower = html.to_ascii_lowercase();
    let mut problems = Vec::new();
    let mut fail =
        |what: &str| problems.push(format!("{name}: {what}\n  in:   {input}\n  html: {html:?}"));
    if lower.contains("<script") {
        fail("<script");
    }
    for attr in attribute_names(html) {
        if attr.starts_with("on") || attr == "style" || attr == "srcdoc" || attr == "formaction" {
            fail(&format!("attribute {attr}"));
        }
    }
    for word in ["style=", "srcdoc", "formaction"] {
        if lower.contains(word) {
            fail(word);
        }
    }
    let decoded: String = decode_entities(html)
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    for scheme in ["javascript:", "vbscript:", "data:text/html"] {
        if decoded.contains(scheme) {
            fail(scheme);
        }
    }
    for (attr, value) in attributes(html) {
        for scheme in bad_schemes(&value) {
            fail(&format!("{scheme} in {attr}"));
        }
        // With a base URL every URL is absolute and on the web.
        if based && ["href", "src", "cite"].contains(&attr.as_str()) {
            let web = value.starts_with("https://") || value.starts_with("http://");
            let mail = attr == "href" && value.starts_with("mailto:");
            if !(web || mail) {
                fail(&format!("{attr}={value:?} not resolved"));
            }
        }
    }
    let text = cleaned.text();
    // text() is plain text, not HTML: an article that writes `&lt;p&gt;`
    // says "<p>", and the text output must say so too. Callers that put
    // text() into HTML escape it like any other text.
    let markup = !input.starts_with("&lt;")
        && text.char_indices().any(|(i, c)| {
            c == '<'
                && text[i + 1..]
                    .chars()
                    .next()
                    .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'))
        });
    if input.starts_with("&lt;")
        && !(text.contains("<script>alert(1)</script>") && lower.contains("&lt;script&gt;"))
    {
        problems.push(format!(
            "{name}: escaped text not kept as text: {text:?} {html:?}"
        ));
    }
    if markup {
        problems.push(format!("{name}: markup in text {text:?}"));
    }
    if !text.contains("Safe paragraph before.") {
        problems.push(format!("{name}: lost the article: {text:?}"));
    }
    problems
}

#[test]
fn the_xss_table() {
    assert!(CASES.len() >= 40);
    let cleaners = [
        ("default", Cleaner::default(), false),
        (
            "with base url",
            Cleaner::builder()
                .base_url("https://news.example/a/")
                .build()
                .unwrap(),
            true,
        ),
        (
            "no rules, sanitizer only",
            Cleaner::builder().no_default_rules().build().unwrap(),
            false,
        ),
    ];
    let mut problems = Vec::new();
    for (label, cleaner, based) in &cleaners {
        for (name, input) in CASES {
            problems.extend(
                check(name, input, cleaner, *based)
                    .into_iter()
                    .map(|p| format!("[{label}] {p}")),
            );
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Relative `srcset` and `cite` URLs resolve against the base, as `href`
/// and `src` do; what passes the scheme check is kept as written.
#[test]
fn srcset_and_cite_resolve_against_the_base() {
    let cleaner = Cleaner::builder()
        .base_url("https://news.example/a/1")
        .build()
        .unwrap();
    let html = r#"<p>Text long enough to be an article paragraph.</p><p><img src="/a.png" srcset="/a-2x.png 2x, b.png  3x, //cdn.example/c.png 640w, javascript:alert(1) 4x" alt="x"></p><blockquote cite="/source"><p>Quoted text.</p></blockquote><p>Said <q cite="https://other.example/q">this</q>.</p>"#;
    let out = cleaner.clean(html).unwrap();
    assert!(out.html().contains(r#"srcset="https://news.example/a-2x.png 2x, https://news.example/a/b.png 3x, https://cdn.example/c.png 640w""#), "{}", out.html());
    assert!(
        out.html()
            .contains(r#"<blockquote cite="https://news.example/source">"#),
        "{}",
        out.html()
    );
    assert!(
        out.html().contains(r#"<q cite="https://other.example/q">"#),
        "{}",
        out.html()
    );
    // Cleaning the output again changes nothing.
    assert_eq!(cleaner.clean(out.html()).unwrap().html(), out.html());
}

/// A base URL that is not http or https is refused wherever it comes
/// from: relative links would turn into `file:` URLs.
#[test]
fn a_base_that_is_not_on_the_web_is_refused() {
    for base in [
        "file:///etc/",
        "ftp://files.example/",
        "data:text/html,x",
        "javascript:x",
    ] {
        assert!(
            matches!(
                Cleaner::builder().base_url(base).build(),
                Err(article_clean::Error::InvalidBaseUrl { .. })
            ),
            "{base}"
        );
        assert!(matches!(
            Cleaner::default().clean_with_url("<p>x</p>", base),
            Err(article_clean::Error::InvalidBaseUrl { .. })
        ));
        let post = article_clean::Post::parse(&format!(
            "---\ntitle: T\nfrom: \"{base}\"\n---\n<p>Text <a href=\"passwd\">rel</a>.</p>"
        ))
        .unwrap();
        let err = Cleaner::default().clean_post(&post).unwrap_err();
        assert!(
            matches!(err, article_clean::Error::InvalidBaseUrl { .. }),
            "{err}"
        );
        if base.contains("//") {
            assert!(err.to_string().contains("http or https"), "{err}");
        }
    }
    // A page's own canonical URL of another scheme is not used as the base.
    let page = r#"<html><head><link rel="canonical" href="file:///etc/"></head><body><p>Text long enough to be kept <a href="passwd">rel</a>.</p></body></html>"#;
    let out = Cleaner::default().clean(page).unwrap();
    assert!(!out.html().contains("file:"), "{}", out.html());
}

#[test]
fn the_checks_catch_what_they_should() {
    assert_eq!(
        decode_entities("jav&#x09;a&#115;cript&colon;"),
        "jav\tascript:"
    );
    assert_eq!(decode_entities("&#x6A&#106;&amp;"), "jj&");
    assert_eq!(
        attribute_names("<a href=\"x y=z\" onclick='1'>t</a> on=1"),
        ["href", "onclick"]
    );
    assert_eq!(
        attributes("<img src=\"a\" srcset='b 1x, &#x6A;avascript:c 2x' alt=d>t"),
        [
            ("src".to_string(), "a".to_string()),
            ("srcset".to_string(), "b 1x, javascript:c 2x".to_string()),
            ("alt".to_string(), "d".to_string())
        ]
    );
    assert_eq!(bad_schemes("b 1x, Jav a\tscript:c 2x"), ["javascript:"]);
    assert_eq!(bad_schemes("FILE:///x"), ["file:"]);
    assert!(bad_schemes("https://a.example/file.png").is_empty());
}
