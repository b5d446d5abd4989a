"""The exceptions of article_clean: one class per variant of the library's
``Error``, all under :class:`Error`.

Each carries the library's message and the variant's fields as attributes
(``InputTooLarge.size``, ``MalformedPost.line``, ...). Those about a bad
value are also :class:`ValueError`; :class:`Io` is also :class:`OSError`.
"""


class Error(Exception):
    """Anything article_clean refuses: catch this to catch them all."""


class InvalidBaseUrl(Error, ValueError):
    """The base URL (given, or a post's ``from:``) is not an absolute URL.

    Attributes: ``url``, ``reason``.
    """


class InputTooLarge(Error, ValueError):
    """The page is larger than the cleaner's ``max_input_bytes``.

    Attributes: ``size``, ``limit`` (bytes).
    """


class TooDeeplyNested(Error, ValueError):
    """The page nests elements deeper than ``max_nesting_depth``.

    Attributes: ``depth``, ``limit``, ``offset`` (byte offset in the input
    where the parse stopped).
    """


class TooManyNodes(Error, ValueError):
    """The page makes the parser create more nodes than its size allows
    (the library's ``Builder::max_nodes_per_byte``).

    Attributes: ``nodes``, ``limit``, ``offset`` (byte offset in the input
    where the parse stopped).
    """


class TooManyAttributes(Error, ValueError):
    """An element of the page has more attributes than the library's
    ``Builder::max_attributes``.

    Attributes: ``attributes``, ``limit``, ``offset`` (byte offset in the input).
    """


class OutputTooLarge(Error, ValueError):
    """Resolving the page's relative URLs against the base URL would add
    more to the HTML output than the page's size plus 64 KiB.

    Attributes: ``added`` (bytes when it stopped), ``limit``.
    """


class MalformedPost(Error, ValueError):
    """A post's front matter could not be read.

    Attributes: ``path`` (or ``None``), ``line`` (1-based), ``message``.
    """


class DuplicateRule(Error, ValueError):
    """Two rules in one pipeline share a name. Attribute: ``name``."""


class UnknownRule(Error, ValueError):
    """``remove_rules`` named a rule that is not in the pipeline.

    Attributes: ``name``, ``known`` (the rule names there are).
    """


class InvalidSetting(Error, ValueError):
    """A cleaner setting is out of range. Attributes: ``setting``, ``reason``."""


class InvalidSelector(Error, ValueError):
    """A CSS selector could not be parsed. Attributes: ``selector``, ``reason``."""


class InvalidRules(Error, ValueError):
    """A rule file could not be read at all. Attributes: ``path``, ``reason``."""


class Io(Error, OSError):
    """Reading a file failed.

    Attributes: ``path``, and ``filename``, ``errno``, ``strerror`` as on
    any :class:`OSError`.
    """

    def __str__(self) -> str:
        # The library's message names the file; OSError's own would be
        # rebuilt from errno and strerror.
        return str(self.args[0]) if self.args else super().__str__()


# Shown and pickled as `article_clean.X`, where users import them from.
for _cls in list(globals().values()):
    if isinstance(_cls, type) and issubclass(_cls, Error):
        _cls.__module__ = "article_clean"
del _cls
