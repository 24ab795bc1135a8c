"""Searching while `frontline index` commits: every search reads one generation, none fails, and each
commit's documents are found within seconds; an indexer killed mid-write loses nothing and blocks nothing."""

import signal
import subprocess
import sys
import threading
import time
import traceback

import pytest

from frontline.index.indexer import index_paths
from frontline.search.engine import Engine, SearchRequest

from conftest import CORPUS

#: What the searching threads send: words, names, filters (masks over the facet table), browsing.
REQUESTS = (
    SearchRequest(q="Kyiv"),
    SearchRequest(q="Kharkiv OR Lysychansk", filters={"region": ["UA-09"]}),
    SearchRequest(q="", filters={"region": ["Luhansk"]}),
    SearchRequest(q="missile", date_from="2022-01-01"),
    SearchRequest(q="codeword*"),
)
COMMITS = 4


def _marker(number: int) -> str:
    """A word found in one report only (letters: a tokenizer cuts at digits)."""
    return "codeword" + "".join("abcdefghij"[int(digit)] for digit in str(number))


def _report(number: int, words: int = 60) -> str:
    return f"A report from Lysychansk in Luhansk Oblast, {_marker(number)}. " + "Shelling continued overnight. " * words


@pytest.fixture
def live_index(tmp_path):
    index_dir = tmp_path / "index"
    index_paths([CORPUS], index_dir)
    return index_dir


def _search_until(stop: threading.Event, engine: Engine, errors: list, answered: list):
    number = 0
    while not stop.is_set():
        request = REQUESTS[number % len(REQUESTS)]
        try:
            result = engine.search(request)
            # Hits, total and counts read from one generation agree (a filtered facet counts beyond the total).
            assert len(result["hits"]) == min(result["total"], request.limit)
            assert all(value["count"] <= result["total"] for value in result["facets"]["place"])
            engine.names("Kyiv")
            answered.append(result["total"])
        except Exception:  # every failure is the test's finding, whatever its type
            errors.append(traceback.format_exc())
        number += 1


def _answers_grow(answered: list, by: int, seconds: float = 60):
    wanted, deadline = len(answered) + by, time.monotonic() + seconds
    while len(answered) < wanted and time.monotonic() < deadline:
        time.sleep(0.02)


def _found_within(engine: Engine, q: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if engine.search(SearchRequest(q=q))["total"]:
            return True
        time.sleep(0.05)
    return False


def test_searches_never_fail_while_an_indexer_commits_and_see_each_commit(live_index, tmp_path):
    engine = Engine(live_index)
    before = engine.search(SearchRequest(q=""))["total"]
    stop, errors, answered = threading.Event(), [], []
    threads = [threading.Thread(target=_search_until, args=(stop, engine, errors, answered)) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        incoming = tmp_path / "incoming"
        incoming.mkdir()
        for number in range(COMMITS):
            _answers_grow(answered, 2)  # searches run between every two commits
            (incoming / f"report-{number}.txt").write_text(_report(number), encoding="utf-8")
            index_paths([CORPUS, incoming], live_index)
            assert _found_within(engine, _marker(number), 5), f"commit {number} not visible"
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert errors == [], errors[0]
    assert len(answered) >= 2 * COMMITS
    assert engine.search(SearchRequest(q=""))["total"] == before + COMMITS
    # The new documents are filed under their oblast in the facet table the searches now read.
    assert engine.search(SearchRequest(q=_marker(3), filters={"region": ["Luhansk"]}))["total"] == 1


_KILLED_WRITER = """
import sys
from pathlib import Path
from frontline.index.indexer import index_paths
index_paths([Path(sys.argv[2])], Path(sys.argv[1]))
"""


@pytest.mark.parametrize("after", [0.5, 2.0, 4.0])
def test_an_indexer_killed_mid_write_leaves_the_index_searchable_and_unlocked(live_index, tmp_path, after):
    engine = Engine(live_index)
    before = engine.search(SearchRequest(q=""))["total"]
    stop, errors, answered = threading.Event(), [], []
    searching = threading.Thread(target=_search_until, args=(stop, engine, errors, answered))
    searching.start()
    try:
        big = tmp_path / "big"
        big.mkdir()
        for number in range(100, 160):
            (big / f"report-{number}.txt").write_text(_report(number, 200), encoding="utf-8")
        writer = subprocess.Popen([sys.executable, "-c", _KILLED_WRITER, str(live_index), str(big)])
        time.sleep(after)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        total = engine.search(SearchRequest(q=""))["total"]
        assert total in (before, before + 60)  # the old generation, or all of the new one: never a part
        # The lock died with the writer: the next run indexes.
        index_paths([big], live_index)
        assert _found_within(engine, _marker(159), 5)
    finally:
        stop.set()
        searching.join()
    assert errors == [], errors[0]
    assert engine.search(SearchRequest(q=""))["total"] == before + 60
