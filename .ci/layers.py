#!/usr/bin/env python3
"""Checks the layers of src/: no module imports a higher layer, and no two
folders import each other. Reads every `crate::name` path outside test
modules (`#[cfg(test)]` items and `mod tests`). Prints the folder graph and
any violation; exits 1 on one."""
import pathlib
import re
import sys

# Lowest first; a module may use its own layer and those below it.
LAYERS = [
    {"html", "error", "report", "encoding", "nesting", "post"},
    {"dom"},
    {"text"},
    {"page"},
    {"rule", "rules", "rulesets"},
    {"output"},
    {"pipeline"},
    {"quality", "lib"},
]
LEVEL = {m: i for i, layer in enumerate(LAYERS) for m in layer}
# Crate-root re-exports (`crate::Cleaner`) name the module they come from.
ROOT = {"Cleaner": "pipeline", "Builder": "pipeline", "Error": "error", "NOT_TEXT": "html"}

src = pathlib.Path(__file__).resolve().parent.parent / "src"


def strip_tests(text):
    """The text without `#[cfg(test)]` items (test modules, test-only fns)."""
    out, skip_depth, depth, pending = [], None, 0, False
    for line in text.splitlines():
        stripped = line.strip()
        if skip_depth is None and stripped.startswith("#[cfg(test)]"):
            pending = True
            continue
        opens, closes = line.count("{"), line.count("}")
        if pending and skip_depth is None:
            if stripped.endswith(";") and opens == 0:
                pending = False  # a test-only `use` or field
                continue
            skip_depth = depth
            pending = False
        depth += opens - closes
        if skip_depth is not None:
            if depth <= skip_depth and (opens or closes):
                skip_depth = None
            continue
        out.append(line)
    return "\n".join(out)


edges, bad = {}, []
for path in sorted(src.rglob("*.rs")):
    rel = path.relative_to(src)
    module = rel.parts[0].removesuffix(".rs")
    if module in ("testing", "main"):
        continue
    text = strip_tests(path.read_text())
    text = "\n".join(l for l in text.splitlines() if not l.strip().startswith("//"))
    for name in set(re.findall(r"\bcrate::(\w+)", text)):
        target = ROOT.get(name, name)
        if target == module or target not in LEVEL:
            continue
        edges.setdefault(module, set()).add(target)
        if LEVEL[target] > LEVEL[module]:
            bad.append(f"{rel}: uses crate::{name} (layer {LEVEL[target]} above {LEVEL[module]})")

for m in sorted(edges, key=lambda m: (LEVEL[m], m)):
    print(f"{m:9} -> {', '.join(sorted(edges[m], key=lambda t: (LEVEL[t], t)))}")
loops = sorted({tuple(sorted((a, b))) for a in edges for b in edges[a] if a in edges.get(b, ())})
for a, b in loops:
    bad.append(f"loop: {a} <-> {b}")
print("\n".join(bad) if bad else "no upward import, no loop")
sys.exit(1 if bad else 0)
