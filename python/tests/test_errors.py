"""Every refusal is a Python exception named after the library's Error
variant, with its fields; nothing else in a batch is lost."""

from __future__ import annotations

import pickle

import pytest

import article_clean
from article_clean import Cleaner


def test_every_error_is_an_article_clean_error():
    for name in [
        "InvalidBaseUrl", "InputTooLarge", "TooDeeplyNested", "TooManyNodes",
        "TooManyAttributes", "OutputTooLarge", "MalformedPost",
        "DuplicateRule", "UnknownRule", "InvalidSetting", "InvalidSelector",
        "InvalidRules", "Io",
    ]:
        cls = getattr(article_clean, name)
        assert issubclass(cls, article_clean.Error)
        assert cls.__module__ == "article_clean"
        assert issubclass(cls, OSError if name == "Io" else ValueError), name


def test_invalid_base_url():
    with pytest.raises(article_clean.InvalidBaseUrl) as e:
        article_clean.clean("<p>x</p>", url="news.example/a")
    assert e.value.url == "news.example/a"
    assert e.value.reason
    assert str(e.value).startswith('invalid base URL "news.example/a": ')
    with pytest.raises(article_clean.InvalidBaseUrl, match="cannot be a base"):
        Cleaner(url="mailto:someone@example.com")


def test_input_too_large():
    with pytest.raises(article_clean.InputTooLarge) as e:
        Cleaner(max_input_bytes=10).clean("<p>more than ten bytes</p>")
    assert (e.value.size, e.value.limit) == (26, 10)
    assert str(e.value) == (
        "input is 26 bytes, over the limit of 10 bytes (see Builder::max_input_bytes)"
    )
    # Bytes are measured as given.
    with pytest.raises(article_clean.InputTooLarge):
        Cleaner(max_input_bytes=10).clean(b"<p>more than ten bytes</p>")


def test_too_deeply_nested():
    with pytest.raises(article_clean.TooDeeplyNested) as e:
        Cleaner(max_nesting_depth=50).clean("<div>" * 60 + "x")
    # <html> is depth 1 and <body> 2: the 49th <div> is depth 51.
    assert (e.value.depth, e.value.limit) == (51, 50)
    # The parse stops at the next tag: just past the 50th.
    assert e.value.offset == 50 * len("<div>")


def test_too_many_nodes():
    # 300 unclosed bold elements, rebuilt for every later paragraph.
    page = "".join(f"<p><b id={i}>t</p>" for i in range(300)) + "<p>t</p>" * 100
    with pytest.raises(article_clean.TooManyNodes) as e:
        Cleaner().clean(page)
    assert e.value.nodes == e.value.limit + 1
    assert 0 < e.value.offset <= len(page)


def test_too_many_attributes():
    page = "<p" + "".join(f" a{i}" for i in range(2000)) + ">x</p>"
    with pytest.raises(article_clean.TooManyAttributes) as e:
        Cleaner().clean(page)
    assert (e.value.attributes, e.value.limit) == (1001, 1000)


def test_output_too_large():
    # A base URL of 2 KB and thousands of one-letter relative links.
    base = "https://news.example/" + "a/" * 1000
    page = "<p>" + "<a href=x>y</a> " * 5000 + "</p>"
    # Only the HTML output resolves URLs.
    assert Cleaner(url=base).clean(page).content.count("y") == 5000
    with pytest.raises(article_clean.OutputTooLarge) as e:
        Cleaner("html", url=base).clean(page)
    assert e.value.limit == 64 * 1024 + len(page)
    assert e.value.added > e.value.limit


def test_malformed_post():
    with pytest.raises(article_clean.MalformedPost) as e:
        article_clean.clean_post("no front matter")
    assert (e.value.line, e.value.path) == (1, None)
    assert "front matter" in e.value.message
    with pytest.raises(article_clean.MalformedPost) as e:
        article_clean.parse_post("---\ntitle: x\n")
    assert e.value.line == 2
    # A post whose `from:` is not a URL.
    with pytest.raises(article_clean.InvalidBaseUrl):
        article_clean.clean_post("---\nfrom: nowhere\n---\n<p>x</p>")


def test_unknown_rule():
    with pytest.raises(article_clean.UnknownRule) as e:
        Cleaner(remove_rules=["no-such-rule"])
    assert e.value.name == "no-such-rule"
    assert "ad-slots" in e.value.known and "paragraphs" in e.value.known


@pytest.mark.parametrize(
    "setting,options",
    [
        ("max_removal_ratio", {"max_removal_ratio": 1.5}),
        ("max_nesting_depth", {"max_nesting_depth": 0}),
        ("max_input_bytes", {"max_input_bytes": 0}),
    ],
)
def test_invalid_setting(setting, options):
    with pytest.raises(article_clean.InvalidSetting) as e:
        Cleaner(**options)
    assert e.value.setting == setting
    assert e.value.reason


def test_invalid_rules(tmp_path):
    bad = tmp_path / "clearurls.json"
    bad.write_text("this is not json")
    with pytest.raises(article_clean.InvalidRules) as e:
        Cleaner(rules=[bad])
    assert str(e.value.path) == str(bad)


def test_io(tmp_path):
    missing = tmp_path / "missing.txt"
    with pytest.raises(article_clean.Io) as e:
        Cleaner(rules=[missing])
    assert isinstance(e.value, OSError)
    assert e.value.filename == str(missing)
    assert e.value.errno == 2
    assert str(e.value).startswith(f"cannot read {missing}: ")


def test_exceptions_pickle_with_their_fields():
    with pytest.raises(article_clean.InputTooLarge) as e:
        Cleaner(max_input_bytes=1).clean("<p>xx</p>")
    again = pickle.loads(pickle.dumps(e.value))
    assert type(again) is article_clean.InputTooLarge
    assert (again.size, again.limit, str(again)) == (e.value.size, 1, str(e.value))


def test_a_batch_keeps_every_page_and_each_error_in_its_place():
    cleaner = Cleaner(max_input_bytes=1000)
    pages = ["<p>one</p>", None, "<p>" + "x" * 2000 + "</p>", b"<p>four</p>", "<p>five</p>", 5]
    urls = [None, None, None, None, "not a url", None]
    for threads in (1, 2):
        out = cleaner.clean_many(pages, urls, threads=threads)
        assert len(out) == len(pages)
        assert out[0].content == "one\n"
        assert isinstance(out[1], TypeError) and "NoneType" in str(out[1])
        assert isinstance(out[2], article_clean.InputTooLarge) and out[2].size == 2007
        assert out[3].content == "four\n"
        assert isinstance(out[4], article_clean.InvalidBaseUrl)
        assert isinstance(out[5], TypeError)


def test_a_batch_wants_one_url_per_page():
    with pytest.raises(ValueError, match="2 pages but 1 urls"):
        article_clean.clean_many(["<p>a</p>", "<p>b</p>"], ["https://a.example/"])
    out = article_clean.clean_many(["<p>a</p>"], [42])
    assert isinstance(out[0], TypeError)
    assert article_clean.clean_many([]) == []
    # One page where a list is wanted would be cleaned character by character.
    with pytest.raises(TypeError, match="pages must be a list"):
        article_clean.clean_many("<p>one page</p>")
    with pytest.raises(TypeError, match="urls must be a list"):
        article_clean.clean_many(["<p>a</p>"], "https://a.example/")
    # Any iterable will do.
    assert [c.content for c in article_clean.clean_many(f"<p>{i}</p>" for i in range(3))] == [
        "0\n", "1\n", "2\n",
    ]
