//! Filter-evasion cases in the spirit of the OWASP XSS cheat sheet: whatever
//! the input, the HTML output carries no script, event handler, dangerous
//! URL scheme, inline style, `srcdoc` or `formaction`, and the text output
//! carries no markup.

use article_clean::Cleaner;

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
];

/// Decodes numeric character references and the few named ones that matter
/// for scheme obfuscation.
fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let named = [
            ("&colon;", ':'),
            ("&tab;", '\t'),
            ("&newline;", '\n'),
            ("&amp;", '&'),
            ("&quot;", '"'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&nbsp;", ' '),
            ("&#39;", '\''),
        ];
        if let Some((entity, c)) = named
            .iter()
            .find(|(e, _)| rest.len() >= e.len() && rest[..e.len()].eq_ignore_ascii_case(e))
        {
            out.push(*c);
            rest = &rest[entity.len()..];
            continue;
        }
        if let Some(num) = rest.strip_prefix("&#") {
            let (radix, digits) = match num.strip_prefix(['x', 'X']) {
                Some(hex) => (16, hex),
                None => (10, num),
            };
            let len = digits.chars().take_while(|c| c.is_digit(radix)).count();
            if len > 0 {
                let value = u32::from_str_radix(&digits[..len], radix).ok();
                out.extend(value.and_then(char::from_u32));
                let after = &digits[len..];
                rest = after.strip_prefix(';').unwrap_or(after);
                continue;
            }
        }
        out.push('&');
        rest = &rest[1..];
    }
    out.push_str(rest);
    out
}

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

fn check(name: &str, input: &str, cleaner: &Cleaner) -> Vec<String> {
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
        ("default", Cleaner::default()),
        (
            "with base url",
            Cleaner::builder()
                .base_url("https://news.example/a/")
                .build()
                .unwrap(),
        ),
        (
            "no rules, sanitizer only",
            Cleaner::builder().no_default_rules().build().unwrap(),
        ),
    ];
    let mut problems = Vec::new();
    for (label, cleaner) in &cleaners {
        for (name, input) in CASES {
            problems.extend(
                check(name, input, cleaner)
                    .into_iter()
                    .map(|p| format!("[{label}] {p}")),
            );
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
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
}
