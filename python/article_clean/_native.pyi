"""Types of the Rust extension module, as Python sees them."""

from collections.abc import Iterable
from os import PathLike
from typing import Literal, TypedDict

Format = Literal["text", "html", "markdown"]

__version__: str
FORMATS: list[str]
"""Every format name: ``["text", "html", "markdown"]``."""
METADATA_FIELDS: list[str]
"""The keys of :attr:`Cleaned.metadata`, in order."""

class Metadata(TypedDict):
    title: str | None
    byline: str | None
    published_time: str | None
    site_name: str | None
    lang: str | None
    excerpt: str | None
    canonical_url: str | None
    image: str | None

class EntryDict(TypedDict):
    rule: str
    action: str
    detail: str | None
    element: str
    text_len: int
    excerpt: str

class CleanedDict(TypedDict):
    content: str
    format: str
    metadata: Metadata
    report: list[EntryDict]

class LoadedRules(TypedDict):
    path: PathLike[str]
    rules: int
    skipped: list[tuple[int, str]]
    malformed: list[tuple[int, str]]

class Entry:
    """One line of the report: which ``rule`` did what (``action``, with
    its ``detail``) to which ``element``, and how much text went with it.
    ``str(entry)`` is the library's wording, e.g.
    ``ad-slots: removed div#dfp-ad-top (13 chars: "Advertisement")``."""

    @property
    def rule(self) -> str:
        """The rule's name, e.g. ``"ad-slots"``."""
    @property
    def action(self) -> str:
        """``"removed"``, ``"unwrapped"``, ``"renamed"``, ``"rewrote"``,
        ``"dropped_attr"``, ``"rolled_back"`` or ``"note"``."""
    @property
    def detail(self) -> str | None:
        """The new tag, the attribute, the reason or the note; ``None`` for
        removals and unwraps."""
    @property
    def element(self) -> str:
        """The element, as ``tag#id.class1.class2``."""
    @property
    def text_len(self) -> int:
        """Non-whitespace characters of text the change took out."""
    @property
    def excerpt(self) -> str:
        """The start of the text taken out (up to 80 characters)."""
    def to_dict(self) -> EntryDict: ...

class Cleaned:
    """One cleaned page. ``str(cleaned)`` is its ``content``."""

    @property
    def content(self) -> str:
        """The cleaned article in :attr:`format`."""
    @property
    def format(self) -> Format: ...
    @property
    def metadata(self) -> Metadata:
        """Every key of ``METADATA_FIELDS``, ``None`` where nothing is known.

        Read from the page before cleaning (``<title>``, Open Graph and
        other ``<meta>`` tags, JSON-LD, ``<html lang>``, byline markup);
        the excerpt falls back to the first paragraph. For a post file,
        its front matter wins where it has a value (``title``, ``author``
        as ``byline``, ``date`` as ``published_time``, ``from:`` as
        ``canonical_url``)."""
    @property
    def report(self) -> list[Entry]:
        """Every removal and rewrite, in the order they were made."""
    def to_dict(self) -> CleanedDict:
        """All of it as plain Python values."""

class Post:
    """A post file read apart (see :func:`parse_post`)."""

    @property
    def body(self) -> str:
        """The article HTML after the front matter."""
    @property
    def url(self) -> str | None:
        """The ``from:`` URL, trimmed, or ``None``."""
    @property
    def front_matter(self) -> dict[str, str | list[str] | None]:
        """``title``, ``date``, ``author``, ``from``, ``layout`` (``None``
        when absent), ``tags`` and ``categories`` (lists)."""

class Cleaner:
    """Cleans pages with one configuration, built once and shared.

    A cleaner is immutable and thread-safe; every call releases the GIL
    while the library works, so threads clean pages in parallel.

    ``format`` is the default output of :meth:`clean` (each call may ask
    for another). ``url`` is the base URL for pages cleaned without one.
    ``rules`` are rule files read now: cosmetic filter lists, ClearURLs
    ``.json``, site profiles ``.toml``, FiveFilters site configs (see
    :attr:`loaded_rules`). ``remove_rules`` names built-in rules to leave
    out; ``default_rules=False`` starts from an empty pipeline;
    ``builtin_profiles=False`` leaves out the bundled site profiles. The
    limits default to the library's (32 MiB, depth 1,000, ratio 0.75).

    Raises :class:`~article_clean.Error` subclasses for bad settings or
    unreadable rule files, :class:`ValueError` for an unknown format or one
    this build cannot produce.
    """

    def __init__(
        self,
        format: Format = "text",
        *,
        url: str | None = None,
        rules: Iterable[str | PathLike[str]] = (),
        remove_rules: Iterable[str] = (),
        default_rules: bool = True,
        builtin_profiles: bool = True,
        max_input_bytes: int | None = None,
        max_nesting_depth: int | None = None,
        max_removal_ratio: float | None = None,
    ) -> None: ...
    @property
    def format(self) -> Format: ...
    @property
    def rule_names(self) -> list[str]:
        """The rules, in the order they run."""
    @property
    def loaded_rules(self) -> list[LoadedRules]:
        """For each rule file: how many rules were loaded, and the lines
        skipped or malformed, with why."""
    def clean(
        self, html: str | bytes, url: str | None = None, format: Format | None = None
    ) -> Cleaned:
        """Cleans one page: ``str``, or ``bytes`` in any encoding. ``url``
        is where it was published (relative links resolve against it, site
        profiles key on its host)."""
    def clean_post(self, post: str | bytes, format: Format | None = None) -> Cleaned:
        """Cleans a post file's text (front matter, then HTML): its
        ``from:`` is the base URL, its title helps spot a repeated
        headline, its front matter wins in ``metadata`` where it has a
        value."""
    def clean_many(
        self,
        pages: Iterable[str | bytes],
        urls: Iterable[str | None] | None = None,
        format: Format | None = None,
        threads: int = 1,
    ) -> list[Cleaned | Exception]:
        """Cleans a batch, releasing the GIL once for all of it.

        ``urls``, when given, has one entry (or ``None``) per page.
        Nothing in a batch is lost: a page the library refuses leaves its
        :class:`~article_clean.Error` in its place, a page that is neither
        ``str`` nor ``bytes`` (``None``, say) a :class:`TypeError`.
        ``threads`` > 1 cleans on that many threads (0: one per core);
        results stay in input order."""

def parse_post(post: str | bytes) -> Post:
    """Reads a post file's text apart without cleaning it. Raises
    :class:`~article_clean.MalformedPost`."""
