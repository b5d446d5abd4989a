"""Clean the messy HTML of an article or a whole web page into text or HTML.

Ad slots, promotion and subscription banners, share/related/comment
widgets, tracking pixels and parameters, page chrome and scripts go; the
article's paragraphs stay, normalised. Every removal is reported with the
rule that made it.

>>> import article_clean
>>> page = '<div><p>The story.</p><div id="dfp-ad-top">Advertisement</div></div>'
>>> cleaned = article_clean.clean(page, url="https://news.example/a/1")
>>> cleaned.content
'The story.\\n'
>>> [str(e) for e in cleaned.report]
['ad-slots: removed div#dfp-ad-top (13 chars: "Advertisement")']

The work is done in Rust with the GIL released, so threads scale; a
:class:`Cleaner` is built once (rule files, options) and shared.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from ._errors import (
    DuplicateRule,
    Error,
    InputTooLarge,
    InvalidBaseUrl,
    InvalidRules,
    InvalidSelector,
    InvalidSetting,
    Io,
    MalformedPost,
    OutputTooLarge,
    TooDeeplyNested,
    TooManyAttributes,
    TooManyNodes,
    UnknownRule,
)
from ._native import (
    FORMATS,
    METADATA_FIELDS,
    Cleaned,
    Cleaner,
    Entry,
    Post,
    __version__,
    parse_post,
)

__all__ = [
    "FORMATS",
    "METADATA_FIELDS",
    "Cleaned",
    "Cleaner",
    "DuplicateRule",
    "Entry",
    "Error",
    "InputTooLarge",
    "InvalidBaseUrl",
    "InvalidRules",
    "InvalidSelector",
    "InvalidSetting",
    "Io",
    "MalformedPost",
    "OutputTooLarge",
    "Post",
    "TooDeeplyNested",
    "TooManyAttributes",
    "TooManyNodes",
    "UnknownRule",
    "__version__",
    "clean",
    "clean_many",
    "clean_post",
    "default_cleaner",
    "parse_post",
]

_default: Cleaner | None = None
_default_lock = threading.Lock()


def default_cleaner() -> Cleaner:
    """The shared :class:`Cleaner` with default settings behind
    :func:`clean`, :func:`clean_post` and :func:`clean_many`."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Cleaner()
    return _default


def clean(html: str | bytes, url: str | None = None, format: str = "text") -> Cleaned:
    """Cleans one page with the default settings.

    ``html`` is a ``str``, or ``bytes`` in any encoding (told from a byte
    order mark or ``<meta charset>``). ``url`` is where the page was
    published: relative links resolve against it and site profiles key on
    its host. ``format`` is ``"text"``, ``"html"`` or ``"markdown"``.
    Raises an :class:`Error` subclass for a page the library refuses.
    """
    return default_cleaner().clean(html, url, format)


def clean_post(post: str | bytes, format: str = "text") -> Cleaned:
    """Cleans a post file (Jekyll front matter, then the article HTML);
    its ``from:`` URL is the base URL and its front matter wins in
    ``metadata`` where it has a value."""
    return default_cleaner().clean_post(post, format)


def clean_many(
    pages: Iterable[str | bytes],
    urls: Iterable[str | None] | None = None,
    format: str = "text",
    threads: int = 1,
) -> list[Cleaned | Exception]:
    """Cleans a batch with the default settings; see :meth:`Cleaner.clean_many`."""
    return default_cleaner().clean_many(pages, urls, format, threads)
