#!/usr/bin/env python3
"""Checks what a user of the published crate would build, from the lock file.

- No dependency of ours has a wildcard (`*`) version requirement: the
  registry refuses them at upload, and `cargo publish --dry-run` does not.
- No package our library can build with (normal and build dependencies,
  every feature on, any target) declares a `rust-version` newer than ours:
  only one toolchain exists here, so the minimum is checked this way and by
  clippy's `incompatible_msrv` lint, which checks our own use of the
  standard library against `rust-version`. (A dependency that declares no
  `rust-version` cannot be checked: selectors 0.42, for one, uses
  let-chains, stable since 1.88, our minimum.)

Usage: python3 .ci/check_deps.py (from the repository root).
"""

import json
import subprocess
import sys


def version_key(v):
    parts = [int(p) for p in v.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def main():
    meta = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--format-version", "1", "--all-features", "--locked"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    packages = {p["id"]: p for p in meta["packages"]}
    root_id = meta["resolve"]["root"]
    root = packages[root_id]
    ours = root["rust_version"]
    problems = []

    for dep in root["dependencies"]:
        if dep.get("path") is None and dep["req"].strip() == "*":
            problems.append(f"{dep['name']}: wildcard version requirement")

    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    seen, todo = {root_id}, [root_id]
    while todo:
        node = nodes[todo.pop()]
        for dep in node["deps"]:
            kinds = {k["kind"] for k in dep["dep_kinds"]}
            if kinds & {None, "build"} and dep["pkg"] not in seen:
                seen.add(dep["pkg"])
                todo.append(dep["pkg"])
    newest = None
    for pkg_id in sorted(seen - {root_id}):
        pkg = packages[pkg_id]
        theirs = pkg.get("rust_version")
        if not theirs:
            continue
        if newest is None or version_key(theirs) > version_key(newest[0]):
            newest = (theirs, pkg["name"])
        if version_key(theirs) > version_key(ours):
            problems.append(
                f"{pkg['name']} {pkg['version']} needs Rust {theirs}, above our rust-version {ours}"
            )

    for p in problems:
        print(f"check_deps: {p}", file=sys.stderr)
    if problems:
        return 1
    print(
        f"check_deps: {len(seen) - 1} packages with every feature, none above rust-version {ours}"
        + (f" (newest: {newest[1]} at {newest[0]})" if newest else "")
        + "; no wildcard requirement"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
