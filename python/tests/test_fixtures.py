"""The package gives the Rust library's output byte for byte: on the
bundled fixtures against their golden files (written by the library), and
on the fixtures and dev corpus as crawl records against the reference
helper (the library alone)."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

import article_clean
from conftest import dev_posts, fixture_posts, records

FIXTURES = fixture_posts()


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
@pytest.mark.parametrize(
    "format,ext", [("html", "expected.html"), ("text", "expected.txt"), ("markdown", "expected.md")]
)
def test_fixture_matches_its_golden_file(path, format, ext):
    expected = path.with_suffix("").with_suffix("." + ext).read_text(encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    assert article_clean.clean_post(text, format).content == expected
    # The same post given as bytes, and through a Cleaner of that format.
    assert article_clean.clean_post(path.read_bytes(), format).content == expected
    assert article_clean.Cleaner(format).clean_post(text).content == expected


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_metadata_comes_from_the_front_matter(path):
    post = article_clean.parse_post(path.read_text(encoding="utf-8"))
    fm = post.front_matter
    meta = article_clean.clean_post(path.read_text(encoding="utf-8")).metadata
    assert list(meta) == article_clean.METADATA_FIELDS
    assert meta["title"] == (fm["title"].strip() if fm["title"] else None)
    assert meta["byline"] == (fm["author"].strip() if fm["author"] else None)
    assert meta["published_time"] == (fm["date"].strip() if fm["date"] else None)
    # The library gives the URL as parsed: non-ASCII path characters
    # percent-encoded.
    assert unquote(meta["canonical_url"]) == unquote(post.url)
    # The rest is what the body itself tells (a fixture body is a fragment).
    assert meta["excerpt"], "every fixture has a first paragraph"
    assert meta["title"], "every fixture has a title"


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_the_report_does_not_depend_on_the_format(path):
    text = path.read_text(encoding="utf-8")
    as_html = [e.to_dict() for e in article_clean.clean_post(text, "html").report]
    as_text = [e.to_dict() for e in article_clean.clean_post(text, "text").report]
    assert as_html == as_text
    assert as_html, "every fixture has something removed"


def _check_against_reference(recs, reference, format, threads):
    expected = reference(recs, format)
    results = article_clean.Cleaner(format).clean_many(
        [r["html"] for r in recs], [r["url"] for r in recs], threads=threads
    )
    assert len(results) == len(recs)
    mismatches = []
    for rec, got in zip(recs, results):
        want = expected[rec["id"]]
        if isinstance(got, Exception):
            same = (type(got).__name__, str(got)) == (want["error_type"], want["error"])
        else:
            same = (
                want["error_type"] is None
                and got.content == want["content"]
                and got.metadata == want["metadata"]
                and [e.to_dict() for e in got.report] == want["report"]
            )
        if not same:
            mismatches.append(rec["id"])
    assert not mismatches, f"{len(mismatches)} records differ from the library: {mismatches[:10]}"


@pytest.mark.parametrize("format", ["text", "html", "markdown"])
def test_fixture_records_match_the_library(reference, format):
    _check_against_reference(records(FIXTURES), reference, format, threads=1)


@pytest.mark.parametrize("format", ["text", "html", "markdown"])
def test_dev_corpus_records_match_the_library(reference, format):
    posts = dev_posts()
    if not posts:
        pytest.skip("../shared/corpus/dev absent")
    _check_against_reference(records(posts), reference, format, threads=2)
