"""The Spark job, in local mode with two executor threads, over the
fixtures and (when present) the dev corpus: every record comes out once,
and every output equals the Rust library's (the reference helper's)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PYTHON_DIR, dev_posts, fixture_posts, records

JOB = PYTHON_DIR / "examples" / "spark_clean.py"


def spark_submit() -> str:
    """The spark-submit of the installed pyspark; skips (with a note) when
    pyspark or Java is missing."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        print("note: no Java on this machine: the Spark test is skipped")
        pytest.skip("Java is missing")
    try:
        from pyspark.find_spark_home import _find_spark_home
    except ImportError:
        print("note: pyspark is not installed: the Spark test is skipped")
        pytest.skip("pyspark is missing")
    return str(Path(_find_spark_home()) / "bin" / "spark-submit")


def run_job(tmp_path: Path, input_path: Path, input_format: str, format: str) -> list[dict]:
    import pyarrow.parquet as pq

    out = tmp_path / f"out-{format}.parquet"
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    done = subprocess.run(
        [
            spark_submit(), "--master", "local[2]",
            "--conf", "spark.ui.enabled=false",
            "--conf", "spark.sql.shuffle.partitions=2",
            str(JOB),
            "--input", str(input_path), "--input-format", input_format,
            "--output", str(out), "--format", format, "--batch-size", "64",
        ],
        env=env, cwd=tmp_path, capture_output=True, text=True,
    )
    summary = [l for l in done.stdout.splitlines() if l.startswith("spark_clean:")]
    assert done.returncode == 0 and summary, done.stdout[-3000:] + done.stderr[-5000:]
    print(summary[0])
    return pq.read_table(out).to_pylist()


def check(rows: list[dict], recs: list[dict], expected: dict, format: str) -> None:
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "a record came out twice"
    assert sorted(ids) == sorted(r["id"] for r in recs), "records lost or added"
    by_id = {r["id"]: r for r in rows}
    for rec in recs:
        row = by_id[rec["id"]]
        assert row["url"] == rec["url"]
        assert row["format"] == format
        if rec["html"] is None:
            assert (row["error_type"], row["content"]) == ("TypeError", None)
            continue
        want = expected[rec["id"]]
        got = (row["content"], row["metadata"], row["report"] or [], row["error_type"], row["error"])
        assert got == (
            want["content"], want["metadata"], want["report"], want["error_type"], want["error"],
        ), rec["id"]


def test_the_spark_job_cleans_every_record_as_the_library_does(tmp_path, reference):
    recs = records(fixture_posts() + dev_posts())
    # Records a crawl has too: a page that is not there, a URL that is not one.
    recs.append({"id": "no-html", "url": "https://a.example/x", "html": None})
    recs.append({"id": "bad-url", "url": "not a url", "html": "<p>Story.</p>"})
    # Four JSON Lines shards, so both executor threads have work.
    shards = tmp_path / "pages"
    shards.mkdir()
    for n in range(4):
        with open(shards / f"part-{n}.jsonl", "w", encoding="utf-8") as f:
            for rec in recs[n::4]:
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    expected = reference([r for r in recs if r["html"] is not None], "text")
    rows = run_job(tmp_path, shards, "jsonl", "text")
    check(rows, recs, expected, "text")
    assert sum(r["error_type"] == "InvalidBaseUrl" for r in rows) == 1


def test_the_spark_job_reads_parquet_and_writes_html(tmp_path, reference):
    import pyarrow as pa
    import pyarrow.parquet as pq

    recs = records(fixture_posts())
    pages = tmp_path / "pages.parquet"
    pq.write_table(pa.Table.from_pylist(recs), pages)
    rows = run_job(tmp_path, pages, "parquet", "html")
    check(rows, recs, reference(recs, "html"), "html")
