//! Text values as metadata gives them: character references decoded,
//! whitespace collapsed.

use std::borrow::Cow;

use crate::dom::NodeRef;

/// A text value as metadata gives it: HTML character references decoded
/// (meta content escaped twice still shows `&amp;`), whitespace collapsed
/// to single spaces and trimmed. `None` when nothing is left.
pub(crate) fn clean_text(raw: &str) -> Option<String> {
    let decoded = decode_entities(raw);
    let mut out = String::with_capacity(decoded.len());
    for word in decoded.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    (!out.is_empty()).then_some(out)
}

/// Decodes `&name;`, `&#123;` and `&#x7b;` references. Anything that is not
/// a complete reference stays as written.
fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        match reference(after) {
            Some((decoded, len)) => {
                out.push_str(&decoded);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The text of the character reference at the start of `s` (just after
/// its `&`), and how many bytes it takes including the `;`.
fn reference(s: &str) -> Option<(String, usize)> {
    let end = s.find(';').filter(|&e| e > 0 && e <= 32)?;
    let name = &s[..end];
    if let Some(number) = name.strip_prefix('#') {
        let value = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse::<u32>().ok()?,
        };
        let c = match value {
            0 => '\u{fffd}',
            v => char::from_u32(v).unwrap_or('\u{fffd}'),
        };
        return Some((c.to_string(), end + 1));
    }
    if !name.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let key = &s[..=end];
    let &(first, second) = html5ever::data::NAMED_ENTITIES.get(key)?;
    if first == 0 {
        return None;
    }
    let mut text: String = char::from_u32(first).into_iter().collect();
    text.extend(char::from_u32(second).filter(|_| second != 0));
    Some((text, end + 1))
}

/// The text of an element with line breaks and block boundaries read as
/// spaces (`a<br>b` is `a b`, not `ab`).
pub(crate) fn visible_text(el: &NodeRef) -> String {
    let mut out = String::new();
    for node in el.descendants() {
        if let Some(()) = node.with_text(|t| out.push_str(t)) {
            continue;
        }
        if node.is_any(&["br", "p", "div", "li", "td", "th", "tr", "hr"]) {
            out.push(' ');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_whitespace() {
        assert_eq!(
            clean_text(" a&amp;b &lt;c&gt;\n\t d &#39;e&#x27; &eacute; &bogus; &amp ").as_deref(),
            Some("a&b <c> d 'e' é &bogus; &amp")
        );
        assert_eq!(
            clean_text("&#0;&#xD800;&#99999999;").as_deref(),
            Some("\u{fffd}\u{fffd}\u{fffd}")
        );
        assert_eq!(clean_text(" \u{a0} "), None);
    }
}
