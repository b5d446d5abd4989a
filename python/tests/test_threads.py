"""A Cleaner is shared by threads safely, and releases the GIL while it
works (which is what lets threads scale; the speed itself is measured in
bench/throughput.py, not asserted here)."""

from __future__ import annotations

import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import article_clean
from article_clean import Cleaner
from conftest import fixture_posts

POSTS = [p.read_text(encoding="utf-8") for p in fixture_posts()]


def outputs(results):
    return [(r.content, [str(e) for e in r.report]) for r in results]


def test_threads_sharing_one_cleaner_get_what_one_thread_gets():
    cleaner = Cleaner("html")
    expected = outputs(cleaner.clean_post(p) for p in POSTS)
    work = [i % len(POSTS) for i in range(len(POSTS) * 8)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda i: cleaner.clean_post(POSTS[i]), work))
    assert outputs(got) == [expected[i] for i in work]


def test_formats_built_on_first_use_by_racing_threads_are_consistent():
    cleaner = Cleaner("text")
    barrier = threading.Barrier(4)

    def first_html(post):
        barrier.wait()
        return cleaner.clean_post(post, format="html").content

    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(first_html, POSTS[:4]))
    assert got == [article_clean.clean_post(p, "html").content for p in POSTS[:4]]


@pytest.mark.parametrize("threads", [0, 2, 3, 64])
def test_a_batch_on_threads_keeps_input_order(threads):
    cleaner = Cleaner()
    posts = [article_clean.parse_post(p) for p in POSTS] * 3
    pages = [p.body for p in posts]
    urls = [p.url for p in posts]
    one = cleaner.clean_many(pages, urls, threads=1)
    assert outputs(cleaner.clean_many(pages, urls, threads=threads)) == outputs(one)


def big_page() -> str:
    # About 4 MB of paragraphs: tens of milliseconds of cleaning.
    para = "<p>" + "Words of a long article, one after another. " * 20 + "</p>\n"
    return "<article>" + para * 4500 + "</article>"


@pytest.mark.parametrize("call", ["clean", "clean_post", "clean_many"])
def test_the_gil_is_released_while_cleaning(call):
    """With the interpreter's thread switch interval set far beyond the
    test, a thread holding the GIL keeps it until it releases it on its
    own. The main thread must get to run while the worker is inside the
    cleaner: it sees the worker's `done` flag still unset."""
    cleaner = Cleaner()
    page = big_page()
    run = {
        "clean": lambda: cleaner.clean(page),
        "clean_post": lambda: cleaner.clean_post("---\ntitle: t\n---\n" + page),
        "clean_many": lambda: cleaner.clean_many([page]),
    }[call]
    started = threading.Event()
    done = []

    def worker():
        started.set()
        run()
        done.append(True)

    old = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)
    try:
        t = threading.Thread(target=worker)
        t.start()
        started.wait()
        seen_running = not done
        t.join()
    finally:
        sys.setswitchinterval(old)
    assert done == [True]
    assert seen_running, f"{call} held the GIL for the whole page"
