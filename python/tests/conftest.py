"""Shared paths and helpers for the package's tests.

The tests run against the *installed* package (the wheel), as users get
it. Run them with ``pytest`` from ``python/`` after installing the wheel;
``python -m pytest`` would put ``python/`` on the path and import the
source folder, which has no compiled module.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

try:
    import article_clean
    from article_clean import _native  # noqa: F401
except ModuleNotFoundError as e:  # pragma: no cover - a setup mistake
    pytest.exit(
        f"cannot import the compiled article_clean ({e}): build the wheel with "
        "`maturin build --release`, pip install it, and run `pytest` (not "
        "`python -m pytest`, which imports the source folder instead)",
        returncode=4,
    )

PYTHON_DIR = Path(__file__).resolve().parents[1]
REPO = PYTHON_DIR.parent
FIXTURES = REPO / "fixtures"
DEV_CORPUS = REPO.parent / "shared" / "corpus" / "dev"


def fixture_posts() -> list[Path]:
    """The bundled fixture posts, in name order."""
    posts = sorted(
        p for p in FIXTURES.glob("*.md") if p.name != "README.md" and ".expected." not in p.name
    )
    assert len(posts) >= 12, f"expected the bundled fixtures in {FIXTURES}"
    return posts


def dev_posts() -> list[Path]:
    """The dev corpus posts, or none (with a note) when it is absent."""
    if not DEV_CORPUS.is_dir():
        print(f"note: {DEV_CORPUS} absent: the dev-corpus part is skipped")
        return []
    return sorted(DEV_CORPUS.glob("*.md"))


def records(posts: list[Path]) -> list[dict]:
    """Crawl-shaped records ``{id, url, html}`` from post files: the post's
    body as the page, its ``from:`` as the URL."""
    out = []
    for path in posts:
        post = article_clean.parse_post(path.read_bytes())
        out.append({"id": path.stem, "url": post.url, "html": post.body})
    return out


def reference_binary() -> Path | None:
    """The `article-clean-reference` helper (`python/reference.rs`):
    `$ARTICLE_CLEAN_REFERENCE` (which must exist when set: CI sets it),
    else the release build in `python/target`, else None."""
    given = os.environ.get("ARTICLE_CLEAN_REFERENCE")
    if given:
        path = Path(given)
        assert path.is_file(), f"ARTICLE_CLEAN_REFERENCE={given} does not exist"
        return path
    path = PYTHON_DIR / "target" / "release" / "examples" / "article-clean-reference"
    return path if path.is_file() else None


@pytest.fixture(scope="session")
def reference():
    """``reference(records, format) -> {id: expected}``: what the Rust
    library alone makes of the records."""
    binary = reference_binary()
    if binary is None:
        pytest.skip(
            "the reference helper is not built: "
            "cargo build --release --manifest-path python/Cargo.toml "
            "--example article-clean-reference"
        )

    def run(recs: list[dict], format: str) -> dict:
        lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)
        done = subprocess.run(
            [str(binary), format], input=lines.encode(), capture_output=True, check=True
        )
        out = {}
        for line in done.stdout.decode().splitlines():
            row = json.loads(line)
            assert row["id"] not in out, f"duplicate id {row['id']}"
            out[row["id"]] = row
        assert len(out) == len(recs)
        return out

    return run
