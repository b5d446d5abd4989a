"""The Python API: formats, options, metadata, report, posts, stubs."""

from __future__ import annotations

import ast
import doctest
from pathlib import Path

import pytest

import article_clean
from article_clean import Cleaner
from conftest import FIXTURES

STORY = '<div><p>The story, <a href="/next?utm_source=rss&amp;id=2">read on</a>.</p><div id="dfp-ad-top">Advertisement</div></div>'


def test_the_package_docstring_examples_hold():
    failed, attempted = doctest.testmod(article_clean)
    assert attempted > 0 and failed == 0


def test_clean_gives_text_by_default_and_html_on_request():
    text = article_clean.clean(STORY, url="https://news.example/a/1")
    assert text.format == "text"
    assert text.content == "The story, read on.\n"
    assert str(text) == text.content
    html = article_clean.clean(STORY, url="https://news.example/a/1", format="html")
    assert html.format == "html"
    assert html.content == (
        '<p>The story, <a href="https://news.example/next?id=2" '
        'rel="noopener noreferrer">read on</a>.</p>\n'
    )


def test_a_cleaner_has_a_default_format_and_takes_others_per_call():
    cleaner = Cleaner("html")
    assert cleaner.format == "html"
    assert cleaner.clean(STORY).content.startswith("<p>")
    assert cleaner.clean(STORY, format="text").content == "The story, read on.\n"
    assert cleaner.clean_many([STORY], format="text")[0].content == "The story, read on.\n"


def test_markdown_is_a_format_like_the_others():
    assert "markdown" in article_clean.FORMATS
    want = "The story, [read on](https://news.example/next?id=2).\n"
    url = "https://news.example/a/1"
    assert article_clean.clean(STORY, url=url, format="markdown").content == want
    assert Cleaner("markdown").clean(STORY, url).content == want
    assert Cleaner().clean(STORY, url, format="markdown").format == "markdown"
    assert Cleaner().clean_many([STORY], [url], format="markdown")[0].content == want
    post = "---\ntitle: t\nfrom: https://news.example/a/1\n---\n<p>A <em>b</em> * c</p>"
    assert article_clean.clean_post(post, format="markdown").content == "A *b* * c\n"


def test_an_unknown_format_is_a_value_error():
    with pytest.raises(ValueError, match="unknown format 'pdf'|unknown format \"pdf\""):
        Cleaner("pdf")
    with pytest.raises(ValueError, match="unknown format"):
        article_clean.clean(STORY, format="TEXT")


def test_metadata_has_every_field_and_none_where_a_fragment_tells_nothing():
    meta = article_clean.clean(STORY).metadata
    assert list(meta) == article_clean.METADATA_FIELDS == [
        "title", "byline", "published_time", "site_name",
        "lang", "excerpt", "canonical_url", "image",
    ]
    # A bare fragment names nothing; its excerpt is its first paragraph.
    assert meta["excerpt"] == "The story, read on."
    assert {k: v for k, v in meta.items() if k != "excerpt"} == dict.fromkeys(
        article_clean.METADATA_FIELDS[:5] + article_clean.METADATA_FIELDS[6:]
    )


def test_a_whole_page_tells_its_metadata():
    page = (
        '<html lang="en-GB"><head><title>Tide tables - Harbour News</title>'
        '<meta property="og:title" content="Tide tables">'
        '<meta property="og:site_name" content="Harbour News">'
        '<meta name="author" content="R. Vale">'
        '<meta property="article:published_time" content="2024-05-01T08:00:00Z">'
        '<meta name="description" content="When the water comes in.">'
        '<link rel="canonical" href="https://harbour.example/tides">'
        '</head><body><article><h1>Tide tables</h1>'
        '<p>The water comes in twice a day, and the tables say when.</p></article></body></html>'
    )
    meta = article_clean.clean(page).metadata
    assert meta == {
        "title": "Tide tables", "byline": "R. Vale", "published_time": "2024-05-01T08:00:00Z",
        "site_name": "Harbour News", "lang": "en-GB", "excerpt": "When the water comes in.",
        "canonical_url": "https://harbour.example/tides", "image": None,
    }


def test_a_post_fills_metadata_from_its_front_matter():
    post = (
        "---\ntitle: \"Harbour lights\"\nauthor: R. Vale\ndate: 2024-05-01 08:00\n"
        "from: https://harbour.example/lights\ntags: [a, b]\n---\n"
        '<p>The lamps are lit, as <a href="/maps">the harbour map</a> shows.</p>'
    )
    cleaned = article_clean.clean_post(post, "html")
    assert cleaned.metadata == {
        "title": "Harbour lights", "byline": "R. Vale", "published_time": "2024-05-01 08:00",
        "site_name": None, "lang": None, "excerpt": "The lamps are lit, as the harbour map shows.",
        "canonical_url": "https://harbour.example/lights", "image": None,
    }
    # `from:` is the base URL.
    assert 'href="https://harbour.example/maps"' in cleaned.content
    parsed = article_clean.parse_post(post)
    assert parsed.url == "https://harbour.example/lights"
    assert parsed.front_matter["tags"] == ["a", "b"]
    assert parsed.front_matter["layout"] is None
    assert parsed.body.startswith("<p>The lamps")


def test_the_report_says_what_went_and_why():
    cleaned = article_clean.clean(STORY, url="https://news.example/a/1")
    by_rule = {e.rule: e for e in cleaned.report}
    ad = by_rule["ad-slots"]
    assert (ad.action, ad.detail, ad.element, ad.text_len, ad.excerpt) == (
        "removed", None, "div#dfp-ad-top", len("Advertisement"), "Advertisement",
    )
    assert str(ad) == 'ad-slots: removed div#dfp-ad-top (13 chars: "Advertisement")'
    assert ad.to_dict() == {
        "rule": "ad-slots", "action": "removed", "detail": None,
        "element": "div#dfp-ad-top", "text_len": 13, "excerpt": "Advertisement",
    }
    params = by_rule["tracking-params"]
    assert (params.action, params.detail) == ("rewrote", "href")
    d = cleaned.to_dict()
    assert d["content"] == cleaned.content and d["format"] == "text"
    assert d["report"] == [e.to_dict() for e in cleaned.report]
    assert d["metadata"] == cleaned.metadata


def test_results_are_immutable():
    cleaned = article_clean.clean(STORY)
    with pytest.raises(AttributeError):
        cleaned.content = "changed"
    with pytest.raises(AttributeError):
        cleaned.report[0].rule = "changed"


def test_bytes_are_decoded_by_their_declared_charset():
    page = b"<meta charset=windows-1252><p>Caf\xe9 cr\xe8me.</p>"
    assert article_clean.clean(page).content == "Caf\u00e9 cr\u00e8me.\n"
    assert article_clean.clean("<p>Café</p>".encode()).content == "Café\n"


def test_a_lone_surrogate_is_replaced_not_refused():
    assert article_clean.clean("<p>a\ud800b\udfffc</p>").content == "a\ufffdb\ufffdc\n"
    batch = article_clean.clean_many(["<p>\ud800</p>", "<p>ok</p>"])
    assert [c.content for c in batch] == ["\ufffd\n", "ok\n"]


def test_pages_must_be_str_or_bytes():
    with pytest.raises(TypeError, match="str or bytes, not int"):
        article_clean.clean(42)
    with pytest.raises(TypeError, match="not bytearray"):
        article_clean.clean(bytearray(b"<p>x</p>"))


def test_options_reach_the_library():
    assert Cleaner(remove_rules=["tracking-params"]).clean(STORY, format="html").content.count(
        "utm_source"
    ) == 1
    names = Cleaner().rule_names
    assert names[0] == "main-content" and "paragraphs" in names
    assert "ad-slots" not in Cleaner(remove_rules=["ad-slots"]).rule_names
    assert Cleaner(default_rules=False).rule_names == []
    assert "site-profiles" not in Cleaner(builtin_profiles=False).rule_names
    base = Cleaner("html", url="https://base.example/x/")
    assert 'href="https://base.example/next?id=2"' in base.clean(STORY).content
    # A url per call wins over the cleaner's.
    assert "https://other.example/next" in base.clean(STORY, url="https://other.example/").content


def test_rule_files_are_read_once_and_reported():
    rules = FIXTURES / "rules"
    cleaner = Cleaner(rules=[rules / "cosmetic.txt", str(rules / "profile.toml"), rules / "clearurls.json"])
    loaded = cleaner.loaded_rules
    assert [Path(r["path"]).name for r in loaded] == ["cosmetic.txt", "profile.toml", "clearurls.json"]
    cosmetic = loaded[0]
    assert cosmetic["rules"] > 0 and cosmetic["skipped"] and cosmetic["malformed"]
    assert all(isinstance(line, int) and why for line, why in cosmetic["malformed"])
    assert {"cosmetic-filters", "clearurls"} <= set(cleaner.rule_names)
    # Only the filter list names this box.
    page = '<p>Story text here.</p><div id="partnerbox-7"><p>Partner offers</p></div>'
    assert Cleaner().clean(page).content == "Story text here.\n\nPartner offers\n"
    assert cleaner.clean(page).content == "Story text here.\n"


def test_the_stub_declares_exactly_what_the_module_has():
    stub = ast.parse((Path(article_clean.__file__).parent / "_native.pyi").read_text())
    declared = set()
    for node in stub.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            declared.add(node.name)
        elif isinstance(node, ast.AnnAssign):
            declared.add(node.target.id)
    helper_types = {"Metadata", "EntryDict", "CleanedDict", "LoadedRules"}
    public = {n for n in dir(article_clean._native) if not n.startswith("_")} | {"__version__"}
    assert declared - helper_types - {"Format"} == public
    # Every method and property of each class is declared too.
    for node in stub.body:
        if isinstance(node, ast.ClassDef) and node.name not in helper_types:
            cls = getattr(article_clean._native, node.name)
            members = {n.name for n in node.body if isinstance(n, ast.FunctionDef)} - {"__init__"}
            actual = {n for n in vars(cls) if not n.startswith("_")}
            assert members == actual, node.name


def test_every_name_in_all_is_there():
    for name in article_clean.__all__:
        assert hasattr(article_clean, name), name


def test_a_post_with_a_broken_byte_keeps_its_text():
    cleaned = article_clean.clean_post(b"---\ntitle: caf\xc3\xa9\n---\n<p>a \xffb</p>")
    assert cleaned.content == "a \ufffdb\n"
    assert cleaned.metadata["title"] == "caf\u00e9"
    assert article_clean.parse_post(b"---\ntitle: x\n---\n\xfe").body == "\ufffd"
