"""Throughput of the Python package against the Rust example and trafilatura,
on the same pages in the same run.

    cargo build --release --example clean                 # at the repository root
    python python/bench/throughput.py ../shared/corpus/dev

Every contender turns each post's HTML into plain text:

- ``rust example``: ``target/release/examples/clean --text --jobs N DIR``
  (reads the post files, prints the text; output to /dev/null);
- ``python clean_post``: the same files read and cleaned one by one with
  ``Cleaner.clean_post`` (the Rust example's work, from Python);
- ``python clean``: the post bodies, already in memory, with their URLs;
- ``python threads``: ``clean`` from a ``ThreadPoolExecutor``;
- ``python clean_many``: one call over all bodies, ``threads=N``;
- ``spark local[N]``: the job of ``examples/spark_clean.py``
  (``clean_frame``) over the bodies as Parquet shards, in a local[N]
  session: reading, cleaning on N executor threads, writing Parquet. The
  first job in a fresh session (Python workers to start, JVM cold) and the
  best of ``--rounds``/2 later ones are shown apart; a crawl's worth of
  pages sees the later;
- ``trafilatura``: ``trafilatura.extract(body, url=url)``, one thread.

Each runs once to warm up, then ``--rounds`` times; the least wall time
and the least CPU time are kept (the machine may be shared: ``uptime`` is
printed before and after, and CPU time is the steadier measure of one
thread's work). trafilatura runs once, with no warm-up. pages/s and MiB/s
(of the HTML bodies) are from wall time.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import article_clean

REPO = Path(__file__).resolve().parents[2]


def cpu_seconds() -> float:
    """CPU time of this process and its finished children so far: less
    disturbed than wall time by other work on a shared machine."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def timed(run) -> tuple[float, float]:
    """Wall and CPU seconds of one run."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    run()
    return time.perf_counter() - wall, cpu_seconds() - cpu


def best(rounds: int, run) -> tuple[float, float]:
    """The least wall and the least CPU seconds over ``rounds`` runs, after
    one to warm up (file cache, allocator, lazily built state)."""
    run()
    times = [timed(run) for _ in range(rounds)]
    return min(t[0] for t in times), min(t[1] for t in times)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("corpus", type=Path, help="folder of post files (*.md)")
    p.add_argument("--rounds", type=int, default=10)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--rust-example", type=Path, default=REPO / "target/release/examples/clean")
    p.add_argument("--no-spark", action="store_true")
    p.add_argument("--no-trafilatura", action="store_true")
    args = p.parse_args()

    files = sorted(args.corpus.glob("*.md"))
    posts = [article_clean.parse_post(f.read_bytes()) for f in files]
    bodies = [post.body for post in posts]
    urls = [post.url for post in posts]
    mib = sum(len(b.encode()) for b in bodies) / (1 << 20)
    n = args.threads
    cleaner = article_clean.Cleaner("text")
    print(f"{len(files)} pages, {mib:.1f} MiB of HTML; uptime: {os.popen('uptime').read().strip()}")

    rows: list[tuple[str, float, float | None]] = []

    def record(name: str, seconds: tuple[float, float | None]) -> None:
        wall, cpu = seconds
        rows.append((name, wall, cpu))
        cpu_text = f"{cpu:.2f}" if cpu is not None else "-"
        print(f"  {name:<30} {wall:6.2f} s ({cpu_text} s CPU) {len(files) / wall:7.0f} pages/s {mib / wall:6.1f} MiB/s", flush=True)

    if args.rust_example.is_file():
        for jobs in (1, n):
            cmd = [str(args.rust_example), "--text", "--jobs", str(jobs), str(args.corpus)]
            record(
                f"rust example, {jobs} job{'s' if jobs > 1 else ''}",
                best(args.rounds, lambda: subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)),
            )
    else:
        print(f"note: {args.rust_example} not built: cargo build --release --example clean")

    record(
        "python clean_post, 1 thread",
        best(args.rounds, lambda: [cleaner.clean_post(f.read_bytes()) for f in files]),
    )
    record(
        "python clean, 1 thread",
        best(args.rounds, lambda: [cleaner.clean(b, u) for b, u in zip(bodies, urls)]),
    )

    def threads() -> None:
        with ThreadPoolExecutor(max_workers=n) as pool:
            list(pool.map(cleaner.clean, bodies, urls, chunksize=8))

    record(f"python clean, {n} threads", best(args.rounds, threads))
    record(
        f"python clean_many, {n} threads",
        best(args.rounds, lambda: cleaner.clean_many(bodies, urls, threads=n)),
    )

    if not args.no_spark:
        seconds = spark(args, bodies, urls, n)
        if seconds is not None:
            record(f"spark local[{n}], first job", (seconds[0], None))
            record(f"spark local[{n}], warm", (seconds[1], None))

    if not args.no_trafilatura:
        try:
            import trafilatura
        except ImportError:
            print("note: trafilatura not installed (pip install trafilatura)")
        else:
            record(
                "trafilatura, 1 thread",
                timed(lambda: [trafilatura.extract(b, url=u) for b, u in zip(bodies, urls)]),
            )

    print(f"uptime: {os.popen('uptime').read().strip()}")
    print()
    print("| contender | wall s | CPU s | pages/s | MiB/s |")
    print("|---|---:|---:|---:|---:|")
    for name, wall, cpu in rows:
        cpu_text = f"{cpu:.2f}" if cpu is not None else "–"
        print(f"| {name} | {wall:.2f} | {cpu_text} | {len(files) / wall:.0f} | {mib / wall:.1f} |")
    print()
    versions = [f"Python {platform.python_version()}", f"article_clean {article_clean.__version__}"]
    for module in ("pyspark", "trafilatura"):
        try:
            versions.append(f"{module} {__import__(module).__version__}")
        except ImportError:
            pass
    print(", ".join(versions))
    return 0


def spark(args, bodies, urls, n) -> tuple[float, float] | None:
    """Seconds of the first job in a fresh local[n] session, and the best
    of the next ones (Python workers started, JVM warm)."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        print("note: no Java: Spark skipped")
        return None
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
        from pyspark.sql import SparkSession
    except ImportError:
        print("note: pyspark or pyarrow not installed: Spark skipped")
        return None
    spec = importlib.util.spec_from_file_location(
        "spark_clean", REPO / "python" / "examples" / "spark_clean.py"
    )
    job = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(job)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (
        SparkSession.builder.master(f"local[{n}]")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "500")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "pages"
            source.mkdir()
            ids = list(range(len(bodies)))
            for shard in range(2 * n):
                part = slice(shard, None, 2 * n)
                table = pa.table({"id": ids[part], "url": urls[part], "html": bodies[part]})
                pq.write_table(table, source / f"part-{shard}.parquet")

            def run() -> None:
                pages = spark.read.parquet(str(source))
                cleaned = job.clean_frame(pages, format="text")
                cleaned.write.mode("overwrite").parquet(str(Path(tmp) / "out"))

            first = timed(run)[0]
            times = [timed(run)[0] for _ in range(max(1, args.rounds // 2))]
            rows = spark.read.parquet(str(Path(tmp) / "out")).count()
            assert rows == len(bodies), f"{rows} rows out of {len(bodies)}"
            return first, min(times)
    finally:
        spark.stop()


if __name__ == "__main__":
    sys.exit(main())
