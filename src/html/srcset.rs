//! Reading a `srcset` attribute the way the HTML standard does: image
//! candidates, each a URL and its descriptors (`2x`, `640w`).

/// One image candidate of a `srcset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Candidate<'a> {
    pub url: &'a str,
    /// What follows the URL up to the next comma (outside parentheses),
    /// trimmed: `2x`, `640w`, or empty.
    pub descriptors: &'a str,
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// The candidates of `srcset`, in order. A URL is a run of non-space
/// characters (commas inside it belong to it, as in `data:` URLs), less
/// the commas that end it; its descriptors run to the next comma outside
/// parentheses.
pub(crate) fn candidates(srcset: &str) -> Vec<Candidate<'_>> {
    let bytes = srcset.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b',') {
            i += 1;
        }
        if i >= bytes.len() {
            return out;
        }
        let start = i;
        while i < bytes.len() && !is_space(bytes[i]) {
            i += 1;
        }
        let url = &srcset[start..i];
        if url.ends_with(',') {
            out.push(Candidate {
                url: url.trim_end_matches(','),
                descriptors: "",
            });
            continue;
        }
        let from = i;
        let mut depth = 0usize;
        while i < bytes.len() {
            match bytes[i] {
                b'(' => depth += 1,
                b')' => depth = depth.saturating_sub(1),
                b',' if depth == 0 => break,
                _ => {}
            }
            i += 1;
        }
        out.push(Candidate {
            url,
            descriptors: srcset[from..i].trim_matches(|c: char| c.is_ascii_whitespace()),
        });
        i += 1; // past the comma
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(srcset: &str) -> Vec<(&str, &str)> {
        candidates(srcset)
            .into_iter()
            .map(|c| (c.url, c.descriptors))
            .collect()
    }

    #[test]
    fn reads_urls_and_descriptors() {
        assert_eq!(
            pairs("a.png 1x, /b.png 2x,c.png\t640w"),
            [("a.png", "1x"), ("/b.png", "2x"), ("c.png", "640w")]
        );
        assert_eq!(pairs("only.png"), [("only.png", "")]);
        assert_eq!(pairs(" , ,"), []);
        assert_eq!(pairs(""), []);
        // A comma ending the URL ends the candidate; one inside belongs to it.
        assert_eq!(
            pairs("a.png,b.png 2x, data:image/png;base64,AAA= 3x"),
            [("a.png,b.png", "2x"), ("data:image/png;base64,AAA=", "3x")]
        );
        assert_eq!(pairs("a.png, b.png"), [("a.png", ""), ("b.png", "")]);
        // Commas in parentheses stay in the descriptors.
        assert_eq!(
            pairs("a.png 100w (x, y), b.png"),
            [("a.png", "100w (x, y)"), ("b.png", "")]
        );
        assert_eq!(pairs("é.png 2x,ü.png"), [("é.png", "2x"), ("ü.png", "")]);
    }
}
