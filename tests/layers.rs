//! The layers of `src/`: no module imports a layer above its own, so no
//! two folders import each other. Reads every `crate::name` path outside
//! test code (`#[cfg(test)]` items). Run with `--nocapture` to see the
//! import graph.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Lowest first; a module may use its own layer and those below it.
const LAYERS: &[&[&str]] = &[
    &["html", "error", "report", "encoding", "nesting", "post"],
    &["dom"],
    &["text"],
    &["page"],
    &["rule", "rules", "rulesets"],
    &["output"],
    &["pipeline"],
    &["quality"],
];

/// Items re-exported at the crate root, by the module they come from.
const ROOT_ITEMS: &[(&str, &str)] = &[
    ("Cleaner", "pipeline"),
    ("Builder", "pipeline"),
    ("Error", "error"),
    ("NOT_TEXT", "html"),
];

fn level(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// The source without `#[cfg(test)]` items and without comments.
fn library_code(text: &str) -> String {
    let mut out = String::new();
    let mut depth: i64 = 0;
    let mut skip_to: Option<i64> = None;
    let mut pending = false;
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let trimmed = code.trim();
        if skip_to.is_none() && trimmed.starts_with("#[cfg(test)]") {
            pending = true;
            continue;
        }
        let opens = code.matches('{').count() as i64;
        let closes = code.matches('}').count() as i64;
        if pending {
            pending = false;
            if opens == 0 && trimmed.ends_with(';') {
                continue; // a test-only `use`
            }
            skip_to = Some(depth);
        }
        depth += opens - closes;
        if let Some(to) = skip_to {
            if depth <= to && opens + closes > 0 {
                skip_to = None;
            }
            continue;
        }
        out.push_str(code);
        out.push('\n');
    }
    out
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_layer_imports_a_higher_one() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut upward = Vec::new();
    for path in files {
        let rel = path.strip_prefix(&src).expect("below src/");
        let first = rel.components().next().expect("a path");
        let module = first.as_os_str().to_string_lossy();
        let module = module.trim_end_matches(".rs").to_string();
        // `bin/` is the command-line program, a user of the library.
        if module == "lib" || module == "testing" || module == "bin" {
            continue;
        }
        let Some(own) = level(&module) else {
            panic!("{} is in no layer: add it to LAYERS", rel.display());
        };
        let code = library_code(&std::fs::read_to_string(&path).expect("readable"));
        for (i, _) in code.match_indices("crate::") {
            let name: String = code[i + 7..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let target = ROOT_ITEMS
                .iter()
                .find(|(item, _)| *item == name)
                .map_or(name.as_str(), |(_, m)| m);
            let Some(theirs) = level(target) else {
                continue;
            };
            if target == module {
                continue;
            }
            graph
                .entry(module.clone())
                .or_default()
                .insert(target.to_string());
            if theirs > own {
                upward.push(format!("{} uses crate::{name}", rel.display()));
            }
        }
    }
    for (module, uses) in &graph {
        let uses: Vec<&str> = uses.iter().map(String::as_str).collect();
        println!("{module:9} -> {}", uses.join(", "));
    }
    let loops: Vec<String> = graph
        .iter()
        .flat_map(|(a, uses)| uses.iter().map(move |b| (a, b)))
        .filter(|(a, b)| a < b && graph.get(*b).is_some_and(|u| u.contains(*a)))
        .map(|(a, b)| format!("{a} <-> {b}"))
        .collect();
    assert!(upward.is_empty(), "imports of a higher layer: {upward:#?}");
    assert!(loops.is_empty(), "folders importing each other: {loops:#?}");
}
