"""Cleans a crawl on Spark: records with ``url`` and ``html`` in, Parquet out.

    spark-submit --master 'local[2]' python/examples/spark_clean.py \\
        --input crawl/ --output cleaned.parquet --format text

The input is a file or folder of JSON Lines (``--input-format jsonl``, the
default) or Parquet (``--input-format parquet``) records, each with an
``html`` column (string or binary) and optionally ``url``; other columns
(``id``, ``fetched_at``, ...) pass through to the output. Each output row
holds those columns plus ``content`` (text, HTML or Markdown), ``format``,
``metadata``, ``report``, ``error_type`` and ``error`` (see
``article_clean.spark``). Every input row gives exactly one output row;
pages the library refuses keep their row, with the error.

The pages are cleaned on the executors by ``mapInArrow``: Arrow batches go
straight to the Rust cleaner with no pandas conversion in between, and the
``Cleaner`` is built once per Python worker and reused across its tasks.
Rule files (``--rules``) are shipped to the executors with the job.

The executors need ``article_clean`` installed in the Python they run; the
README shows how to ship it to a cluster.
"""

from __future__ import annotations

import argparse
import os
import sys
import time


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("--input", required=True, help="file or folder of records")
    p.add_argument("--output", required=True, help="Parquet folder to write (replaced)")
    p.add_argument("--input-format", choices=["jsonl", "parquet"], default="jsonl")
    p.add_argument("--format", choices=["text", "html", "markdown"], default="text")
    p.add_argument("--html-column", default="html")
    p.add_argument("--url-column", default="url")
    p.add_argument(
        "--rules", action="append", default=[], metavar="FILE",
        help="rule file (filter list, ClearURLs .json, profiles .toml, site config); repeatable",
    )
    p.add_argument(
        "--remove-rule", action="append", default=[], metavar="NAME",
        help="leave out a built-in rule; repeatable",
    )
    p.add_argument("--no-report", action="store_true", help="leave the report column null")
    p.add_argument(
        "--batch-size", type=int, default=500,
        help="records per Arrow batch handed to the cleaner (default 500)",
    )
    p.add_argument(
        "--partitions", type=int, default=0,
        help="repartition the input into N partitions first (0: keep the input's)",
    )
    return p.parse_args(argv)


def clean_frame(
    pages,
    *,
    format: str = "text",
    html_column: str = "html",
    url_column: str = "url",
    report: bool = True,
    rules: list[str] = (),
    remove_rules: list[str] = (),
):
    """The cleaned DataFrame of ``pages``: every column but ``html_column``,
    then the columns of ``article_clean.spark.OUTPUT_DDL``."""
    from article_clean.spark import OUTPUT_DDL, clean_batches
    from pyspark import SparkFiles
    from pyspark.sql.types import StructType

    for path in rules:
        pages.sparkSession.sparkContext.addFile(os.path.abspath(path))
    rule_names = [os.path.basename(p) for p in rules]
    options = dict(
        format=format,
        html_column=html_column,
        url_column=url_column,
        report=report,
        remove_rules=list(remove_rules),
    )

    def clean(batches):
        # Runs on the executors: rule files are read from where Spark put them.
        paths = [SparkFiles.get(name) for name in rule_names]
        return clean_batches(batches, rules=paths, **options)

    kept = [f for f in pages.schema.fields if f.name != html_column]
    schema = StructType(kept + StructType.fromDDL(OUTPUT_DDL).fields)
    return pages.mapInArrow(clean, schema)


def main(argv: list[str]) -> int:
    args = parse_args(argv)

    import article_clean
    from pyspark.sql import SparkSession

    # Fail on the driver, before any task starts, for a format or a rule
    # file this build cannot use.
    article_clean.Cleaner(args.format, rules=args.rules, remove_rules=args.remove_rule)

    spark = SparkSession.builder.appName("article-clean").getOrCreate()
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", str(args.batch_size))
    if args.input_format == "parquet":
        pages = spark.read.parquet(args.input)
    else:
        pages = spark.read.json(args.input)
    if args.html_column not in pages.columns:
        print(f"spark_clean: the input has no {args.html_column!r} column", file=sys.stderr)
        return 2
    if args.partitions > 0:
        pages = pages.repartition(args.partitions)

    cleaned = clean_frame(
        pages,
        format=args.format,
        html_column=args.html_column,
        url_column=args.url_column,
        report=not args.no_report,
        rules=args.rules,
        remove_rules=args.remove_rule,
    )
    start = time.perf_counter()
    cleaned.write.mode("overwrite").parquet(args.output)
    seconds = time.perf_counter() - start

    out = spark.read.parquet(args.output)
    total = out.count()
    refused = out.where(out.error_type.isNotNull()).count()
    print(
        f"spark_clean: {total} pages cleaned to {args.format} in {seconds:.1f} s "
        f"({refused} refused, see the error column) -> {args.output}"
    )
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
