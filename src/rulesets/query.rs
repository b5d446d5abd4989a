//! Query and fragment parameters, for the rule kinds that strip them by
//! name (ClearURLs and site profiles' `strip_params`).

/// Removes `key=value` pieces of the query and of a `key=value` fragment
/// whose decoded key satisfies `drop`; `None` when nothing was removed.
pub(crate) fn strip_params(url: &str, drop: impl Fn(&str) -> bool) -> Option<String> {
    let (before_fragment, fragment) = match url.find('#') {
        Some(i) => (&url[..i], Some(&url[i + 1..])),
        None => (url, None),
    };
    let (base, query) = match before_fragment.find('?') {
        Some(q) => (&before_fragment[..q], Some(&before_fragment[q + 1..])),
        None => (before_fragment, None),
    };
    let filter = |pieces: &str| -> (String, bool) {
        let mut removed = false;
        let kept: Vec<&str> = pieces
            .split('&')
            .filter(|piece| {
                let key = percent_decode(piece.split('=').next().unwrap_or(""));
                let hit = !key.is_empty() && drop(&key);
                removed |= hit;
                !hit && !piece.is_empty()
            })
            .collect();
        (kept.join("&"), removed)
    };
    let mut changed = false;
    let mut out = String::with_capacity(url.len());
    out.push_str(base);
    if let Some(q) = query {
        let (kept, removed) = filter(q);
        changed |= removed;
        if !removed {
            out.push('?');
            out.push_str(q);
        } else if !kept.is_empty() {
            out.push('?');
            out.push_str(&kept);
        }
    }
    if let Some(f) = fragment {
        let (kept, removed) = if f.contains('=') {
            filter(f)
        } else {
            (String::new(), false)
        };
        changed |= removed;
        if !removed {
            out.push('#');
            out.push_str(f);
        } else if !kept.is_empty() {
            out.push('#');
            out.push_str(&kept);
        }
    }
    changed.then_some(out)
}

/// Decodes `%XX` escapes (and leaves malformed ones as they are).
pub(crate) fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
