//! Helpers shared by the test files that check the HTML output's
//! attributes (`xss.rs`, `properties.rs`).
#![allow(dead_code)]

/// URL schemes no attribute of the output may hold.
pub const BAD_SCHEMES: &[&str] = &["javascript:", "vbscript:", "data:text/html", "file:"];

/// Decodes numeric character references and the few named ones that matter
/// for scheme obfuscation.
pub fn decode_entities(s: &str) -> String {
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

/// `(name, value)` of every attribute inside the tags of `html`, values
/// with entities decoded.
pub fn attributes(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let mut name = String::new();
        let mut chars = rest.char_indices();
        let mut end = rest.len();
        while let Some((i, c)) = chars.next() {
            match c {
                '>' => {
                    end = i;
                    break;
                }
                '=' => {
                    let value_start = i + 1;
                    let (value, after) = match rest[value_start..].chars().next() {
                        Some(q @ ('"' | '\'')) => {
                            let body = &rest[value_start + 1..];
                            let close = body.find(q).unwrap_or(body.len());
                            (&body[..close], value_start + 1 + close + 1)
                        }
                        _ => {
                            let body = &rest[value_start..];
                            let close = body
                                .find(|c: char| c.is_whitespace() || c == '>')
                                .unwrap_or(body.len());
                            (&body[..close], value_start + close)
                        }
                    };
                    out.push((
                        std::mem::take(&mut name).to_ascii_lowercase(),
                        decode_entities(value),
                    ));
                    chars = rest[after.min(rest.len())..].char_indices();
                    rest = &rest[after.min(rest.len())..];
                }
                c if c.is_whitespace() || c == '/' => name.clear(),
                c => name.push(c),
            }
        }
        rest = &rest[end.min(rest.len())..];
    }
    out
}

/// The URL schemes of [`BAD_SCHEMES`] an attribute value holds anywhere
/// (a `srcset` lists several URLs), once entities, whitespace and control
/// characters are gone.
pub fn bad_schemes(value: &str) -> Vec<&'static str> {
    let squashed: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    BAD_SCHEMES
        .iter()
        .copied()
        .filter(|s| squashed.contains(s))
        .collect()
}
