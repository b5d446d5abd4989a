"""The wheel is built from the same dependency versions as the library's
own tests: python/Cargo.lock is a separate lock file (python/ is its own
workspace), and the HTML parser or sanitizer at another version could
change the output. The library's lock may hold more versions of a crate
than the package's (a dev-dependency such as dom_smoothie, for the
benchmarks, brings an older `selectors`); what matters is that every
version the wheel is built with is one the library is tested with."""

from __future__ import annotations

from collections import defaultdict

import pytest

from conftest import PYTHON_DIR, REPO

tomllib = pytest.importorskip("tomllib")  # Python 3.11+


def versions(lock) -> dict[str, set[str]]:
    out = defaultdict(set)
    for package in tomllib.loads(lock.read_text())["package"]:
        out[package["name"]].add(package["version"])
    return out


def test_shared_dependencies_have_the_library_versions():
    library = versions(REPO / "Cargo.lock")
    package = versions(PYTHON_DIR / "Cargo.lock")
    differ = {
        name: (sorted(library[name]), sorted(package[name]))
        for name in package
        if name in library and not package[name] <= library[name]
    }
    assert not differ, (
        "python/Cargo.lock has versions that Cargo.lock lacks (library, package): "
        f"{differ}; align them with `cargo update --manifest-path python/Cargo.toml "
        "-p NAME --precise VERSION`"
    )
