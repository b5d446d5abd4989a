//! Helpers shared by the unit tests: fixed-seed garbage, exhaustive
//! small inputs, and random changes to a document.

use crate::dom::{Document, NodeRef, Verdict};

/// A fixed-seed xorshift64 generator: the same numbers on every run, so a
/// garbage test that fails fails again.
pub(crate) fn xorshift(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

/// Every string of up to `max_len` characters drawn from `alphabet`
/// (the empty string first): for checking a fast path against the plain
/// one on all small inputs.
pub(crate) fn all_strings(alphabet: &[char], max_len: usize) -> Vec<String> {
    let pieces: Vec<String> = alphabet.iter().map(char::to_string).collect();
    let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
    all_sequences(&pieces, max_len)
}

/// The text of every bundled fixture post (`fixtures/*.md`), as pages for
/// comparing a fast path with the plain one on every element.
pub(crate) fn fixture_pages() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("the fixtures directory")
        .map(|e| e.expect("a fixture entry").path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".md") && !name.contains(".expected.")
        })
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("a readable fixture"))
        .collect()
}

/// Every concatenation of up to `max_len` of `pieces` (the empty string
/// first): small pages built from tricky pieces of markup.
pub(crate) fn all_sequences(pieces: &[&str], max_len: usize) -> Vec<String> {
    let mut all = vec![String::new()];
    let mut last = all.clone();
    for _ in 0..max_len {
        last = last
            .iter()
            .flat_map(|s| pieces.iter().map(move |p| format!("{s}{p}")))
            .collect();
        all.extend(last.iter().cloned());
    }
    all
}

/// A page with a little of everything the journal has to restore:
/// attributes in a given order, comments, empty elements, nesting,
/// runs of siblings and text between elements.
pub(crate) const MIXED: &str = r#"<div id=a class="x y" data-k=v><p>one <b>two</b> <i data-k=v>three</i></p><!-- c --><ul><li>a</li><li>b <a href="/x?utm_source=1" rel=x>link</a></li><li></li></ul><span></span><img src=i.png alt=""></div><section><h2 title=t>Head</h2><p>four<br>five</p><div><div><p class=deep>deep</p></div></div><em>1</em><em>2</em><em>3</em></section>tail<svg><path d=M0></path></svg>"#;

/// One change picked at random among everything `Document` can do.
pub(crate) fn random_change(doc: &mut Document, rand: &mut impl FnMut() -> u64) {
    let body = doc.body();
    let nodes: Vec<NodeRef> = body.descendants().collect();
    if nodes.is_empty() {
        let t = doc.new_text("fresh");
        doc.append(&body, &t);
        return;
    }
    let a = nodes[rand() as usize % nodes.len()].clone();
    let b = nodes[rand() as usize % nodes.len()].clone();
    // Moving `b` under or beside `a` must not make a cycle.
    let b_is_above_a = b == a || a.ancestors().any(|x| x == b);
    match rand() % 14 {
        0 => doc.remove(&a),
        1 => {
            let some: Vec<NodeRef> = nodes
                .iter()
                .filter(|_| rand().is_multiple_of(3))
                .cloned()
                .collect();
            doc.remove_all(&some);
        }
        2 => doc.unwrap(&a),
        3 => {
            doc.rename(&a, if rand().is_multiple_of(2) { "em" } else { "p" });
        }
        4 if a.is_element() && !b_is_above_a => doc.append(&a, &b),
        5 if !b_is_above_a => doc.insert_before(&a, &b),
        6 => {
            let new = doc.new_element("figure");
            doc.replace(&a, &new);
        }
        7 => doc.set_attr(&a, ["class", "data-n", "id"][rand() as usize % 3], "set"),
        8 => doc.remove_attr(&a, ["class", "id", "data-k", "href"][rand() as usize % 4]),
        9 => doc
            .changes()
            .retain_attrs(&a, |name, _| name.len() % 2 == 0),
        10 => doc.set_text(&a, "changed text"),
        11 if a.is_element() => {
            // Rewrap a's children, as the paragraph normaliser does.
            let kids = doc.take_children(&a);
            let wrapper = doc.new_element("p");
            doc.set_children_raw(&wrapper, kids);
            doc.set_children_raw(&a, vec![wrapper]);
        }
        12 if a.is_element() => {
            let mut kids = a.children();
            kids.reverse();
            if !b_is_above_a {
                kids.push(b);
            }
            doc.replace_children(&a, kids);
        }
        _ => doc.walk(|ch, e| match rand() % 9 {
            0 => Verdict::Remove,
            1 => Verdict::Unwrap,
            2 => Verdict::Rename("span".into()),
            3 => Verdict::Skip,
            4 => {
                ch.set_attr(e, "data-w", "1");
                Verdict::Keep
            }
            5 => {
                ch.retain_attrs(e, |name, _| name != "class");
                Verdict::Keep
            }
            _ => Verdict::Keep,
        }),
    }
}
