//! The title of a page that declares none, read from its `<title>`
//! element against the page's headings and site name.
//!
//! The `<title>` usually carries a site name too (`Story - Site`,
//! `Site | Story`); it is cut where the pieces agree with the page: a
//! heading equal to the whole title keeps it whole, the article's `<h1>`
//! equal to the part before a separator picks that part, a part equal to
//! the site name is dropped, and otherwise the last part goes when what
//! is left is still a title of five words or more.

/// Separators between the parts of a `<title>` (`Story | Site`), each
/// with a space on both sides.
const TITLE_SEPARATORS: &[&str] = &["|", "-", "–", "—", "·", "»", "/", "\\", ">", "::"];

/// The title of a page that declares none, from its `<title>` (collapsed)
/// read against its headings (`(text, is h1)`) and site name: see the
/// module docs.
pub(crate) fn title_from_page(
    title: &str,
    headings: &[(String, bool)],
    site_name: Option<&str>,
) -> String {
    let same = |a: &str, b: &str| a.to_lowercase() == b.to_lowercase();
    if headings.iter().any(|(h, _)| same(h, title)) {
        return title.to_string();
    }
    let separators = separators(title);
    let (Some(&(first_start, first_end)), Some(&(last_start, last_end))) =
        (separators.first(), separators.last())
    else {
        return title.to_string();
    };
    // The part before a separator that the article's <h1> repeats,
    // longest first. (An <h2> may be any section's heading.)
    for &(start, _) in separators.iter().rev() {
        let prefix = title[..start].trim();
        if headings.iter().any(|(h, h1)| *h1 && same(h, prefix)) {
            return prefix.to_string();
        }
    }
    if let Some(site) = site_name {
        if same(title[last_end..].trim(), site) {
            return title[..last_start].trim().to_string();
        }
        if same(title[..first_start].trim(), site) {
            return title[first_end..].trim().to_string();
        }
    }
    let rest = title[..last_start].trim();
    if rest.split_whitespace().count() >= 5 {
        return rest.to_string();
    }
    title.to_string()
}

/// Where the separators of a title are: the byte range of each, from the
/// space before it to just after the space that follows.
fn separators(title: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(at) = title[i..].find(' ').map(|j| i + j) {
        let after = &title[at + 1..];
        let sep = TITLE_SEPARATORS
            .iter()
            .find(|s| after.starts_with(**s) && after[s.len()..].starts_with(' '));
        match sep {
            Some(sep) => {
                let end = at + 1 + sep.len() + 1;
                found.push((at, end));
                // The space after a separator may start the next one.
                i = end - 1;
            }
            None => i = at + 1,
        }
    }
    found
}

/// Share of `b`'s words (by length) that also occur in `a`: 1.0 when every
/// word of `b` is in `a`.
pub(crate) fn similarity(a: &str, b: &str) -> f64 {
    let tokens = |s: &str| -> Vec<String> {
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (tokens(a), tokens(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let total: usize = b.iter().map(|w| w.chars().count() + 1).sum::<usize>() - 1;
    let unique: Vec<&String> = b.iter().filter(|w| !a.contains(w)).collect();
    let unique_len = if unique.is_empty() {
        0
    } else {
        unique.iter().map(|w| w.chars().count() + 1).sum::<usize>() - 1
    };
    1.0 - unique_len as f64 / total as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_title_is_cut_where_the_page_agrees() {
        let cut = |title: &str, headings: &[&str], site: Option<&str>| {
            let headings: Vec<(String, bool)> =
                headings.iter().map(|h| (h.to_string(), true)).collect();
            title_from_page(title, &headings, site)
        };
        // A heading repeats the part before the separator.
        assert_eq!(
            cut("Garden notes - Ferns", &["Garden notes"], None),
            "Garden notes"
        );
        // An <h2> does not pick a part...
        let h2 = [("Garden notes".to_string(), false)];
        assert_eq!(
            title_from_page("Garden notes - Ferns", &h2, None),
            "Garden notes - Ferns"
        );
        // ...but any heading repeating the whole title keeps it whole.
        assert_eq!(
            cut(
                "Autumn: a list - Part 2",
                &["Autumn: a list - Part 2"],
                None
            ),
            "Autumn: a list - Part 2"
        );
        // The site name, at either end.
        assert_eq!(
            cut("Rain at last | Daily Ledger", &[], Some("Daily Ledger")),
            "Rain at last"
        );
        assert_eq!(
            cut("Daily Ledger » Rain at last", &[], Some("daily ledger")),
            "Rain at last"
        );
        // Nothing agrees: the last part goes when five words are left...
        assert_eq!(
            cut("How we fixed the old barn roof – Farm Diary", &[], None),
            "How we fixed the old barn roof"
        );
        assert_eq!(
            cut("One two three four five | Six | Seven", &[], None),
            "One two three four five | Six"
        );
        // ...and stays when that would leave too little.
        assert_eq!(
            cut("Contact - Acme Tools", &[], None),
            "Contact - Acme Tools"
        );
        // No separator (a hyphen inside a word is none).
        assert_eq!(
            cut("Re-reading old letters", &["Other"], None),
            "Re-reading old letters"
        );
        assert_eq!(cut("Plain", &[], Some("Plain")), "Plain");
    }
}
