"""Cleaning pages inside Spark (or any pipeline of Arrow record batches).

:func:`clean_batches` takes Arrow record batches holding an ``html`` column
(``str`` or ``bytes``) and, optionally, a ``url`` column, and yields the
same rows with ``html`` replaced by the columns of :data:`OUTPUT_DDL`:
``content``, ``format``, ``metadata``, ``report``, ``error_type`` and
``error``. Every other column passes through. Use it with
``DataFrame.mapInArrow``; ``examples/spark_clean.py`` is a whole job.

A page the library refuses (or a null ``html``) keeps its row, with the
exception's class name in ``error_type`` and its message in ``error``:
no row is lost and none is added.

pyarrow is imported only when a function here is called.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from . import METADATA_FIELDS, Cleaner

if TYPE_CHECKING:
    import pyarrow as pa

#: The columns :func:`clean_batches` adds, as a Spark DDL string.
OUTPUT_DDL = (
    "content STRING, format STRING, "
    "metadata STRUCT<" + ", ".join(f"{f}: STRING" for f in METADATA_FIELDS) + ">, "
    "report ARRAY<STRUCT<rule: STRING, action: STRING, detail: STRING, "
    "element: STRING, text_len: BIGINT, excerpt: STRING>>, "
    "error_type STRING, error STRING"
)

_cleaners: dict[tuple[Any, ...], Cleaner] = {}
_cleaners_lock = threading.Lock()


def _freeze(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    return value


def cleaner_for(format: str = "text", **options: Any) -> Cleaner:
    """The :class:`Cleaner` for these settings, built on the first call in
    this process and reused after: a Spark Python worker serves many tasks,
    and rule files are read once, not once per partition."""
    key = (format, tuple(sorted((k, _freeze(v)) for k, v in options.items())))
    with _cleaners_lock:
        cleaner = _cleaners.get(key)
        if cleaner is None:
            cleaner = _cleaners[key] = Cleaner(format, **options)
        return cleaner


def output_fields() -> list[pa.Field]:
    """The Arrow fields of :data:`OUTPUT_DDL`, in order."""
    import pyarrow as pa

    entry = pa.struct(
        [
            ("rule", pa.string()),
            ("action", pa.string()),
            ("detail", pa.string()),
            ("element", pa.string()),
            ("text_len", pa.int64()),
            ("excerpt", pa.string()),
        ]
    )
    return [
        pa.field("content", pa.string()),
        pa.field("format", pa.string()),
        pa.field("metadata", pa.struct([(f, pa.string()) for f in METADATA_FIELDS])),
        pa.field("report", pa.list_(entry)),
        pa.field("error_type", pa.string()),
        pa.field("error", pa.string()),
    ]


def clean_batches(
    batches: Iterable[pa.RecordBatch],
    *,
    format: str = "text",
    html_column: str = "html",
    url_column: str | None = "url",
    report: bool = True,
    threads: int = 1,
    **options: Any,
) -> Iterator[pa.RecordBatch]:
    """Cleans each batch's pages; see the module documentation.

    ``url_column`` may be missing from the batches (or ``None``): pages are
    then cleaned without a URL. ``report=False`` leaves the report column
    null, which saves converting it. ``threads`` cleans each batch on that
    many threads; under Spark keep 1 and let Spark run a task per core.
    ``options`` are :class:`Cleaner` settings (``rules``, ``remove_rules``,
    ...).
    """
    import pyarrow as pa

    cleaner = cleaner_for(format, **options)
    added = output_fields()
    for batch in batches:
        pages = batch.column(html_column).to_pylist()
        urls = None
        if url_column is not None and url_column in batch.schema.names:
            urls = batch.column(url_column).to_pylist()
        results = cleaner.clean_many(pages, urls, threads=threads)
        columns = _columns(results, format, report)
        kept = [i for i, name in enumerate(batch.schema.names) if name != html_column]
        arrays = [batch.column(i) for i in kept]
        arrays += [pa.array(values, type=f.type) for values, f in zip(columns, added)]
        fields = [batch.schema.field(i) for i in kept] + added
        yield pa.RecordBatch.from_arrays(arrays, schema=pa.schema(fields))


def _columns(
    results: Sequence[Any], format: str, report: bool
) -> tuple[list[Any], ...]:
    content: list[str | None] = []
    formats: list[str] = []
    metadata: list[dict[str, str | None] | None] = []
    reports: list[list[dict[str, Any]] | None] = []
    error_types: list[str | None] = []
    errors: list[str | None] = []
    for r in results:
        formats.append(format)
        if isinstance(r, Exception):
            content.append(None)
            metadata.append(None)
            reports.append(None)
            error_types.append(type(r).__name__)
            errors.append(str(r))
        else:
            content.append(r.content)
            metadata.append(r.metadata)
            reports.append([e.to_dict() for e in r.report] if report else None)
            error_types.append(None)
            errors.append(None)
    return content, formats, metadata, reports, error_types, errors
