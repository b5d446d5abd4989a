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
- ``spark local[N]``: ``examples/spark_clean.py`` over the bodies as
  JSON Lines shards, through spark-submit (the time the job itself
  reports: reading, cleaning on N executor threads, writing Parquet;
  JVM start-up excluded; best of at most 3 runs);
- ``trafilatura``: ``trafilatura.extract(body, url=url)``, one thread.

Each runs once to warm up, then ``--rounds`` times, and the best round is
kept (the machine may be shared; ``uptime`` is printed before and after).
trafilatura runs once, with no warm-up. MiB/s counts the HTML bodies.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import article_clean

REPO = Path(__file__).resolve().parents[2]


def best(rounds: int, run) -> float:
    run()  # warm-up: file cache, allocator, lazily built state
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    p.add_argument("corpus", type=Path, help="folder of post files (*.md)")
    p.add_argument("--rounds", type=int, default=5)
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

    rows: list[tuple[str, float]] = []

    def record(name: str, seconds: float) -> None:
        rows.append((name, seconds))
        print(f"  {name:<28} {seconds:7.2f} s  {len(files) / seconds:8.1f} pages/s  {mib / seconds:6.1f} MiB/s", flush=True)

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
            record(f"spark local[{n}]", seconds)

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
    print("| contender | seconds | pages/s | MiB/s |")
    print("|---|---:|---:|---:|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} | {len(files) / seconds:.0f} | {mib / seconds:.1f} |")
    print()
    versions = [f"Python {platform.python_version()}", f"article_clean {article_clean.__version__}"]
    for module in ("pyspark", "trafilatura"):
        try:
            versions.append(f"{module} {__import__(module).__version__}")
        except ImportError:
            pass
    print(", ".join(versions))
    return 0


def spark(args, bodies, urls, n) -> float | None:
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        print("note: no Java: Spark skipped")
        return None
    try:
        from pyspark.find_spark_home import _find_spark_home
    except ImportError:
        print("note: pyspark not installed: Spark skipped")
        return None
    submit = Path(_find_spark_home()) / "bin" / "spark-submit"
    job = REPO / "python" / "examples" / "spark_clean.py"
    with tempfile.TemporaryDirectory() as tmp:
        pages = Path(tmp) / "pages"
        pages.mkdir()
        for shard in range(2 * n):
            with open(pages / f"part-{shard}.jsonl", "w", encoding="utf-8") as f:
                for i in range(shard, len(bodies), 2 * n):
                    f.write(json.dumps({"id": i, "url": urls[i], "html": bodies[i]}) + "\n")
        env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
        times = []
        for _ in range(min(args.rounds, 3)):  # each is a new JVM: no warm-up carries over
            done = subprocess.run(
                [str(submit), "--master", f"local[{n}]", "--conf", "spark.ui.enabled=false",
                 str(job), "--input", str(pages), "--output", str(Path(tmp) / "out"),
                 "--format", "text"],
                env=env, capture_output=True, text=True, check=True,
            )
            found = re.search(r"cleaned to text in ([0-9.]+) s", done.stdout)
            if found is None:
                print(done.stdout[-2000:], done.stderr[-2000:])
                return None
            times.append(float(found.group(1)))
        return min(times)


if __name__ == "__main__":
    sys.exit(main())
