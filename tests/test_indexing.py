"""The indexer: bad input, idempotent re-indexing, atomic commits, one writer at a time."""

import json
import shutil
import subprocess
import sys
import textwrap

import pytest
from whoosh import index as whoosh_index

import frontline.index.indexer as indexer
from frontline.index.file_table import TABLE_NAME
from frontline.search.stories import CACHE_PREFIX as STORIES_PREFIX
from frontline.index.indexer import IndexBusyError, index_paths

from conftest import CORPUS, Corpus

SEED_FILES = sorted(p.name for p in CORPUS.glob("*.txt"))


def jsonl(*records) -> str:
    return "".join(json.dumps(r) + "\n" if r is not None else "\n" for r in records)


# --- the seed corpus -------------------------------------------------------------------


def test_seed_corpus_is_indexed_whole(seed_corpus):
    summary = seed_corpus.summary
    n = len(SEED_FILES)
    assert n >= 5
    assert (summary.files, summary.added, summary.updated, summary.unchanged, summary.removed) == (n, n, 0, 0, 0)
    assert summary.problems == []
    assert summary.describe().startswith(f"{n} files read: {n} added, 0 updated, 0 unchanged, 0 removed; 0 problems; ")
    stored = seed_corpus.stored()
    assert sorted(stored) == SEED_FILES
    # 004 has a headline and a byline; 000 opens with a sentence and so has no title.
    assert stored["004_49ffb3c6d30f4edb.txt"]["title"] == "Ukraine, Russia talks uncertain amid deadly strikes on Kyiv"
    assert stored["000_60fd183bd79a48d3.txt"]["title"] == ""
    assert {fields["lang"] for fields in stored.values()} == {"en"}
    assert all(fields["path"] == fields["id"] for fields in stored.values())


# --- bad input does not stop the run ------------------------------------------------------

CYRILLIC = "Обстріл Харкова\n\nУ Харкові вночі пролунали вибухи, повідомив міський голова Ігор Терехов.\n"


def test_folder_with_bad_files_indexes_the_good_ones(make_index):
    corpus = make_index({
        "good.txt": "Drone attack on Odesa\n\nThe port of Odesa was hit twice overnight.\n",
        "scan.txt": b"%PDF-1.4\x00\x00\x01binary",
        "cp1251.txt": CYRILLIC.encode("cp1251"),
        "empty.md": "",
        "feed.jsonl": '{"text": "Before: shelling near Bakhmut."}\n'
                      '{"text": "half a record\n'
                      '{"text": "After: Avdiivka under fire.", "date": "yesterday"}\n',
        "broken.json": '{"text": ',
    })
    summary = corpus.summary
    assert summary.files == 6
    assert summary.added == 4
    assert sorted(corpus.stored()) == ["cp1251.txt", "feed.jsonl#1", "feed.jsonl#3", "good.txt"]
    problems = corpus.problems
    assert "scan.txt: binary file (NUL bytes); skipped" in problems
    assert "empty.md: empty file; skipped" in problems
    assert any(p.startswith("cp1251.txt: not valid UTF-8 (first bad byte on line 1); decoded as ") for p in problems)
    assert any(p.startswith("feed.jsonl:2: malformed JSON line") for p in problems)
    assert any(p.startswith("feed.jsonl:3: date 'yesterday' not understood") for p in problems)
    assert any(p.startswith("broken.json:1: malformed JSON") for p in problems)
    assert len(problems) == 6
    # the lines either side of the bad one are searchable, and so is the recovered cp1251 text
    assert corpus.ids("Bakhmut") == ["feed.jsonl#1"]
    assert corpus.ids("Avdiivka") == ["feed.jsonl#3"]
    assert corpus.ids("Терехов") == ["cp1251.txt"]
    assert corpus.stored()["cp1251.txt"]["title"] == "Обстріл Харкова"


def test_folder_with_only_bad_files_indexes_nothing(make_index):
    corpus = make_index({"a.txt": b"\x00\x01\x02", "b.jsonl": "not json\n", "c.txt": "   \n"})
    assert corpus.summary.indexed == 0
    assert len(corpus.problems) == 3
    assert corpus.search()["total"] == 0


# --- re-indexing -------------------------------------------------------------------------------


def test_reindexing_unchanged_files_writes_nothing(make_index):
    corpus = make_index({"a.txt": "Alpha\n\nText about Kharkiv.", "b.jsonl": jsonl({"text": "one"}, {"text": "two"})})
    assert (corpus.summary.added, corpus.summary.unchanged) == (3, 0)
    generation, files = corpus.generation(), sorted(p.name for p in corpus.index_dir.iterdir())
    again = corpus.index()
    assert (again.files, again.added, again.updated, again.unchanged, again.removed) == (2, 0, 0, 3, 0)
    assert again.describe().startswith("2 files read: 0 added, 0 updated, 3 unchanged, 0 removed; 0 problems")
    assert corpus.generation() == generation
    assert sorted(p.name for p in corpus.index_dir.iterdir()) == files
    assert len(corpus.stored()) == 3


def test_seed_corpus_reindexed_is_unchanged(seed_corpus, tmp_path):
    index_dir = tmp_path / "index"
    shutil.copytree(seed_corpus.index_dir, index_dir)
    before = whoosh_index.open_dir(index_dir).latest_generation()
    summary = index_paths([CORPUS], index_dir)
    assert (summary.added, summary.updated, summary.unchanged, summary.removed) == (0, 0, len(SEED_FILES), 0)
    ix = whoosh_index.open_dir(index_dir)
    assert ix.latest_generation() == before
    assert ix.doc_count() == len(SEED_FILES)


def test_changed_file_is_updated_and_old_text_gone(make_index):
    corpus = make_index({"a.txt": "Alpha\n\nShelling in Kharkiv.", "b.txt": "Beta\n\nQuiet in Lviv."})
    corpus.write({"a.txt": "Alpha\n\nShelling in Mykolaiv."})
    summary = corpus.index()
    assert (summary.added, summary.updated, summary.unchanged, summary.removed) == (0, 1, 1, 0)
    assert corpus.ids("Mykolaiv") == ["a.txt"]
    assert corpus.ids("Kharkiv") == []
    assert len(corpus.stored()) == 2


def test_record_removed_from_jsonl_is_removed(make_index):
    corpus = make_index({"feed.jsonl": jsonl({"id": "r1", "text": "Kupiansk"}, {"id": "r2", "text": "Izium"},
                                             {"id": "r3", "text": "Lyman"})})
    corpus.write({"feed.jsonl": jsonl({"id": "r1", "text": "Kupiansk"}, {"id": "r3", "text": "Lyman"})})
    summary = corpus.index()
    assert (summary.added, summary.updated, summary.unchanged, summary.removed) == (0, 0, 2, 1)
    assert sorted(corpus.stored()) == ["r1", "r3"]
    assert corpus.ids("Izium") == []


def test_last_line_removed_from_jsonl_without_ids(make_index):
    corpus = make_index({"feed.jsonl": jsonl({"text": "Kupiansk"}, {"text": "Izium"}, {"text": "Lyman"})})
    corpus.write({"feed.jsonl": jsonl({"text": "Kupiansk"}, {"text": "Izium"})})
    summary = corpus.index()
    assert (summary.added, summary.updated, summary.unchanged, summary.removed) == (0, 0, 2, 1)
    assert sorted(corpus.stored()) == ["feed.jsonl#1", "feed.jsonl#2"]


def test_new_file_is_added(make_index):
    corpus = make_index({"a.txt": "Alpha text."})
    corpus.write({"sub/b.md": "# Beta\n\nBeta text."})
    summary = corpus.index()
    assert (summary.added, summary.unchanged) == (1, 1)
    assert corpus.stored()["sub/b.md"]["title"] == "Beta"


def test_record_moved_to_another_file_is_kept(make_index):
    corpus = make_index({"a.jsonl": jsonl({"id": "x", "text": "Vuhledar"}), "b.jsonl": jsonl({"id": "y", "text": "Marinka"})})
    corpus.write({"a.jsonl": jsonl({"id": "y", "text": "Marinka"}), "b.jsonl": jsonl({"id": "x", "text": "Vuhledar"})})
    corpus.index()
    stored = corpus.stored()
    assert sorted(stored) == ["x", "y"]
    assert (stored["x"]["path"], stored["y"]["path"]) == ("b.jsonl", "a.jsonl")
    assert corpus.ids("Vuhledar") == ["x"]


def test_duplicate_id_in_one_run_keeps_one_copy(make_index):
    corpus = make_index({"a.jsonl": jsonl({"id": "dup", "text": "first copy Sumy"}),
                         "b.jsonl": jsonl({"id": "dup", "text": "second copy Poltava"})})
    assert corpus.problems == ["b.jsonl: duplicate id 'dup' (first in a.jsonl); this copy skipped"]
    assert corpus.search()["total"] == 1
    assert corpus.ids("Sumy") == ["dup"]
    assert corpus.ids("Poltava") == []
    again = corpus.index()
    assert (again.added, again.updated, again.unchanged, again.removed) == (0, 0, 1, 0)
    assert corpus.search()["total"] == 1


def test_rebuild_starts_over_with_the_same_ids(make_index):
    corpus = make_index({"a.txt": "Alpha text.", "b.jsonl": jsonl({"text": "one"}, {"text": "two"}),
                         "c.txt": "Gamma text."})
    ids = sorted(corpus.stored())
    corpus.write({"c.txt": None})
    summary = corpus.index(rebuild=True)
    assert (summary.added, summary.updated, summary.unchanged, summary.removed) == (3, 0, 0, 0)
    assert sorted(corpus.stored()) == ["a.txt", "b.jsonl#1", "b.jsonl#2"] == [i for i in ids if i != "c.txt"]
    again = corpus.index()
    assert (again.added, again.unchanged) == (0, 3)


def test_ids_do_not_depend_on_where_the_corpus_is(make_index, tmp_path):
    corpus = make_index({"sub/a.txt": "Alpha.", "b.jsonl": jsonl({"text": "one"})})
    moved = tmp_path / "elsewhere" / "copy"
    shutil.copytree(corpus.root, moved)
    other = Corpus(root=moved, index_dir=tmp_path / "other-index")
    other.index()
    assert sorted(other.stored()) == sorted(corpus.stored()) == ["b.jsonl#1", "sub/a.txt"]


# --- a failed writer leaves the last good index --------------------------------------------


def test_exception_mid_run_leaves_previous_index(make_index, monkeypatch):
    corpus = make_index({"a.txt": "Alpha\n\nShelling in Kharkiv."})
    generation = corpus.generation()
    corpus.write({"a.txt": "Alpha\n\nShelling in Mykolaiv.", "b.txt": "Beta\n\nKharkiv again.", "c.txt": "Gamma."})
    real_read_file = indexer.read_file

    def failing_read_file(path, rel, *progress):
        if rel == "c.txt":
            raise RuntimeError("reader crashed")
        yield from real_read_file(path, rel, *progress)

    monkeypatch.setattr(indexer, "read_file", failing_read_file)
    with pytest.raises(RuntimeError, match="reader crashed"):
        corpus.index()
    # nothing of the failed run is visible: old text, old document set, old generation
    assert corpus.generation() == generation
    assert corpus.ids("Kharkiv") == ["a.txt"]
    assert corpus.ids("Mykolaiv") == []
    # and the lock was released, so the next run completes
    monkeypatch.setattr(indexer, "read_file", real_read_file)
    summary = corpus.index()
    assert (summary.added, summary.updated) == (2, 1)
    assert sorted(corpus.ids("Kharkiv")) == ["b.txt"]


def test_cancelled_writer_leaves_previous_index(make_index):
    corpus = make_index({"a.txt": "Alpha\n\nShelling in Kharkiv."})
    ix = whoosh_index.open_dir(corpus.index_dir)
    writer = ix.writer()
    writer.add_document(id="ghost", text="Kharkiv ghost")
    writer.delete_by_term("id", "a.txt")
    writer.cancel()
    assert corpus.ids("Kharkiv") == ["a.txt"]


KILLER = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    import frontline.index.indexer as indexer

    real_read_file = indexer.read_file

    def read_file(path, rel, *progress):
        if rel == "c.txt":
            os.kill(os.getpid(), signal.SIGKILL)
        yield from real_read_file(path, rel, *progress)

    indexer.read_file = read_file
    indexer.index_paths([Path(sys.argv[1])], Path(sys.argv[2]), rebuild=sys.argv[3] == "rebuild")
""")


@pytest.mark.parametrize("mode", ["update", "rebuild"])
def test_killed_indexer_leaves_previous_index(make_index, mode):
    corpus = make_index({"a.txt": "Alpha\n\nShelling in Kharkiv.", "z.txt": "Zeta\n\nKharkiv suburbs."})
    generation = corpus.generation()
    corpus.write({"a.txt": "Alpha\n\nShelling in Mykolaiv.", "b.txt": "Beta\n\nKharkiv again.", "c.txt": "Gamma."})
    result = subprocess.run([sys.executable, "-c", KILLER, str(corpus.root), str(corpus.index_dir), mode],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == -9, result.stderr
    assert corpus.generation() == generation
    assert sorted(corpus.ids("Kharkiv")) == ["a.txt", "z.txt"]
    assert corpus.ids("Mykolaiv") == []
    summary = corpus.index()  # the dead process's lock does not block the next run
    assert summary.added + summary.updated >= 3
    assert sorted(corpus.ids("Kharkiv")) == ["b.txt", "z.txt"]


# --- one writer at a time -----------------------------------------------------------------------


@pytest.mark.parametrize("rebuild", [False, True], ids=["update", "rebuild"])
def test_second_writer_is_refused_and_index_untouched(make_index, rebuild):
    corpus = make_index({"a.txt": "Alpha\n\nShelling in Kharkiv."})
    corpus.write({"b.txt": "Beta\n\nKharkiv again."})
    generation = corpus.generation()
    writer = whoosh_index.open_dir(corpus.index_dir).writer()
    try:
        with pytest.raises(IndexBusyError) as raised:
            index_paths([corpus.root], corpus.index_dir, rebuild=rebuild)
        assert str(raised.value) == (
            f"another indexer is writing to {corpus.index_dir}; try again when it has finished")
        assert corpus.generation() == generation
        assert corpus.ids("Kharkiv") == ["a.txt"]
    finally:
        writer.cancel()
    summary = corpus.index()
    assert summary.added == 1
    assert sorted(corpus.ids("Kharkiv")) == ["a.txt", "b.txt"]


# --- the shared corpus (skipped when ../shared is absent) ----------------------------------------


@pytest.mark.shared
def test_press_releases_index_and_reindex(press_releases):
    source = press_releases.root
    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(records) == 1796
    summary = press_releases.summary
    assert (summary.files, summary.added, summary.updated, summary.unchanged, summary.removed) == (1, 1796, 0, 0, 0)
    assert summary.problems == []
    ix = whoosh_index.open_dir(press_releases.index_dir)
    generation = ix.latest_generation()
    assert ix.doc_count() == 1796
    again = index_paths([source], press_releases.index_dir)
    assert (again.added, again.updated, again.unchanged, again.removed) == (0, 0, 1796, 0)
    ix = whoosh_index.open_dir(press_releases.index_dir)
    assert ix.doc_count() == 1796
    assert ix.latest_generation() == generation


def test_documents_prepared_by_worker_processes_index_as_in_process(tmp_path, monkeypatch):
    """Entity extraction and analysis in two forked workers give the very index one process gives."""
    import frontline.index.writing as writing
    from frontline.search.engine import Engine, SearchRequest

    monkeypatch.setattr(writing, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(writing, "CHUNK", 2)  # many chunks, both workers writing
    answers = {}
    for workers in (1, 2):
        index_dir = tmp_path / f"index-{workers}"
        summary = index_paths([CORPUS], index_dir, workers=workers)
        assert summary.added == len(list(CORPUS.glob("*.txt")))
        engine = Engine(index_dir)
        answers[workers] = [engine.search(SearchRequest(q=q, filters=f)) for q, f in
                            (("Kyiv", {}), ("Lysychansk OR Severodonetsk", {}), ("", {"region": ["UA-09"]}))]
    for ours, theirs in zip(answers[1], answers[2]):
        assert [(h["id"], h["score"], h["snippets"]) for h in ours["hits"]] == \
            [(h["id"], h["score"], h["snippets"]) for h in theirs["hits"]]
        assert ours["facets"] == theirs["facets"] and ours["total"] == theirs["total"]


def _postings_by_id(index_dir) -> dict:
    """Every term of every field, each with its documents' ids and encoded positions, in the order stored."""
    with whoosh_index.open_dir(index_dir).reader() as reader:
        ids = {n: reader.stored_fields(n)["id"] for n in reader.all_doc_ids()}
        return {(field, text): _matched(reader.postings(field, text), ids) for field, text in reader.all_terms()}


def _matched(matcher, ids: dict) -> list:
    out = []
    while matcher.is_active():
        out.append((ids[matcher.id()], matcher.value()))
        matcher.next()
    return out


@pytest.mark.parametrize("limit_mb, block", [(0.05, 4096), (0.05, 3), (0.0005, 4096)])  # a few runs, a term's
# postings over several blocks of a run, more runs than are merged at once
def test_postings_spilled_to_disk_index_as_kept_in_memory(tmp_path, monkeypatch, limit_mb, block):
    """A writer whose postings outgrow its memory writes them to sorted runs merged at flush: the
    index is the one a writer holding them all in memory makes."""
    import frontline.index.segments as segments

    index_paths([CORPUS], tmp_path / "memory")
    monkeypatch.setattr(indexer, "WRITER_LIMIT_MB", limit_mb)
    monkeypatch.setattr(segments, "RUN_BLOCK", block)
    index_paths([CORPUS], tmp_path / "spilled")
    in_memory, spilled = _postings_by_id(tmp_path / "memory"), _postings_by_id(tmp_path / "spilled")
    assert len(in_memory) > 1000 and spilled == in_memory


def _files_outside_the_toc(index_dir) -> list[str]:
    """Files of the index folder that belong to no segment of its newest generation (left by a writer)."""
    ix = whoosh_index.open_dir(index_dir)
    ids = {segment.segment_id() for segment in ix._segments()}
    kept_beside = ("_MAIN_", "MAIN_WRITELOCK", TABLE_NAME, STORIES_PREFIX)
    return sorted(name for name in ix.storage.list() if not name.startswith(kept_beside)
                  and not any(name.startswith(i) for i in ids))


def test_a_failing_worker_stops_the_run_and_leaves_the_previous_index(make_index, monkeypatch):
    """A document a worker cannot prepare fails the run with the worker's traceback; nothing is
    committed and no worker's half-written segment is left behind; the next run completes."""
    import frontline.index.writing as writing

    corpus = make_index({"a.txt": "Alpha\n\nShelling in Kharkiv."})
    generation = corpus.generation()
    corpus.write({f"n{n}.txt": f"Note {n}\n\nKharkiv, day {n}." for n in range(12)})
    monkeypatch.setattr(writing, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(writing, "CHUNK", 2)
    real_fields = writing.document_fields

    def failing_fields(document, *rest):
        if document.id == "n7.txt":
            raise ValueError("cannot read n7")
        return real_fields(document, *rest)

    monkeypatch.setattr(writing, "document_fields", failing_fields)
    with pytest.raises(writing.WorkerError, match="(?s)an indexing worker failed:.*ValueError: cannot read n7"):
        index_paths([corpus.root], corpus.index_dir, workers=2)
    assert corpus.generation() == generation
    assert corpus.ids("Kharkiv") == ["a.txt"]
    assert _files_outside_the_toc(corpus.index_dir) == []
    monkeypatch.setattr(writing, "document_fields", real_fields)
    summary = index_paths([corpus.root], corpus.index_dir, workers=2)
    assert summary.added == 12
    assert len(corpus.ids("Kharkiv")) == 13


def test_workers_segments_are_committed_with_the_run_deletions(make_index, monkeypatch):
    """A large run's documents are written by the workers, each to a segment of its own, and the
    documents they replace are deleted in the same commit: an updated document is there once."""
    import frontline.index.writing as writing

    corpus = make_index({"a.txt": "Alpha\n\nShelling in Kharkiv.", "b.txt": "Beta\n\nMykolaiv port."})
    monkeypatch.setattr(writing, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(writing, "CHUNK", 1)
    corpus.write({"a.txt": "Alpha\n\nShelling in Odesa.", **{f"n{n}.txt": f"Note {n}\n\nOdesa, day {n}." for n in range(6)}})
    summary = index_paths([corpus.root], corpus.index_dir, workers=2)
    assert (summary.added, summary.updated, summary.unchanged) == (6, 1, 1)
    ix = whoosh_index.open_dir(corpus.index_dir)
    assert len(ix._segments()) >= 2  # the workers' (the old segment, small, merged into the indexer's)
    assert ix.doc_count() == 8
    assert sorted(corpus.ids("Odesa")) == sorted(["a.txt", *(f"n{n}.txt" for n in range(6))])
    assert corpus.ids("Kharkiv") == [] and corpus.ids("Mykolaiv") == ["b.txt"]
    assert _files_outside_the_toc(corpus.index_dir) == []


OLD_VERSION_INDEX = textwrap.dedent("""
    import sys
    from whoosh import index
    from whoosh.analysis import Filter, RegexTokenizer
    from whoosh.fields import ID, TEXT, Schema

    class RetiredFilter(Filter):  # a class this version of Frontline no longer has
        def __call__(self, tokens):
            yield from tokens

    RetiredFilter.__module__ = "frontline.index.analysis"
    import frontline.index.analysis
    frontline.index.analysis.RetiredFilter = RetiredFilter
    ix = index.create_in(sys.argv[1], Schema(id=ID(stored=True, unique=True),
                                             text=TEXT(analyzer=RegexTokenizer() | RetiredFilter())))
    with ix.writer() as writer:
        writer.add_document(id="old", text="Kharkiv")
""")


def test_an_index_an_older_version_wrote_is_rebuilt(make_index, tmp_path):
    """An index whose schema names classes this version lacks cannot be read: searching it says
    to re-index, and `frontline index` rebuilds it rather than failing."""
    from frontline.search.engine import Engine, IndexMissingError

    corpus = make_index({"a.txt": "Alpha\n\nShelling in Kharkiv."})
    old = tmp_path / "old-index"
    old.mkdir()
    subprocess.run([sys.executable, "-c", OLD_VERSION_INDEX, str(old)], check=True)
    with pytest.raises(IndexMissingError, match="built by an older version"):
        Engine(old)
    summary = index_paths([corpus.root], old)
    assert summary.added == 1
    assert Corpus(root=corpus.root, index_dir=old).ids("Kharkiv") == ["a.txt"]


# --- files unchanged since the last run are not read ---------------------------------------------


def _settle(corpus, seconds_ago: float = 60.0) -> None:
    """Date every input file a minute back, as files are that no one is writing."""
    import os
    import time

    for path in corpus.root.rglob("*"):
        if path.is_file():
            os.utime(path, (time.time() - seconds_ago,) * 2)


def _reads(monkeypatch) -> list[str]:
    """The files the indexer reads from now on."""
    read, real = [], indexer.read_file

    def counting(path, rel, *progress):
        read.append(rel)
        yield from real(path, rel, *progress)

    monkeypatch.setattr(indexer, "read_file", counting)
    return read


def test_settled_unchanged_files_are_not_read_again(make_index, monkeypatch):
    corpus = make_index({"a.txt": "Alpha\n\nKharkiv.", "b.jsonl": jsonl({"id": "b1", "text": "Odesa"}, {"id": "b2", "text": "Lviv"})})
    _settle(corpus)
    corpus.index()  # records the settled files
    generation = corpus.generation()
    read = _reads(monkeypatch)
    again = corpus.index()
    assert read == []
    assert (again.files, again.added, again.updated, again.unchanged, again.removed) == (2, 0, 0, 3, 0)
    assert corpus.generation() == generation
    # a file rewritten to the same size is read again (its time changed), and only it
    corpus.write({"a.txt": "Alpha\n\nKherson."})
    _settle(corpus, seconds_ago=30)
    summary = corpus.index()
    assert read == ["a.txt", "b.jsonl"]  # b.jsonl's time changed too (settled again above)
    assert (summary.updated, summary.unchanged) == (1, 2)
    assert corpus.ids("Kherson") == ["a.txt"] and corpus.ids("Kharkiv") == []


def test_a_file_still_being_written_is_read_every_time(make_index, monkeypatch):
    corpus = make_index({"a.txt": "Alpha\n\nKharkiv."})  # just written: not yet settled
    read = _reads(monkeypatch)
    corpus.index()
    corpus.index()
    assert read == ["a.txt", "a.txt"]


def test_the_file_table_of_another_generation_is_not_trusted(make_index, monkeypatch):
    """A commit the table was not written for (an indexer killed after committing, another version)
    makes every file be read again."""
    corpus = make_index({"a.txt": "Alpha\n\nKharkiv.", "b.txt": "Beta\n\nOdesa."})
    _settle(corpus)
    corpus.index()
    writer = whoosh_index.open_dir(corpus.index_dir).writer()
    writer.delete_by_term("id", "b.txt")
    writer.commit()
    read = _reads(monkeypatch)
    summary = corpus.index()
    assert read == ["a.txt", "b.txt"]
    assert (summary.added, summary.unchanged) == (1, 1)
    assert corpus.ids("Odesa") == ["b.txt"]


def test_an_unchanged_files_problems_are_reported_every_time_without_reading_it(make_index, monkeypatch):
    corpus = make_index({"a.jsonl": jsonl({"id": "a1", "text": "Kharkiv"}) + "{broken\n", "b.txt": "Odesa."})
    _settle(corpus)
    corpus.index()
    read = _reads(monkeypatch)
    summary = corpus.index()
    assert read == []
    assert [(p.path, p.line) for p in summary.problems] == [("a.jsonl", 2)]
    assert summary.unchanged == 2


def test_a_file_that_could_not_be_read_is_read_again(make_index, monkeypatch):
    from frontline.index import readers

    corpus = make_index({"a.txt": "Kharkiv."})
    _settle(corpus)

    def refused(*_args):
        raise PermissionError(13, "Permission denied")

    with monkeypatch.context() as patch:
        patch.setattr(readers.Source, "of_file", refused)
        summary = corpus.index(rebuild=True)
    assert [str(p) for p in summary.problems] == ["a.txt: cannot read (Permission denied); skipped"]
    read = _reads(monkeypatch)
    assert corpus.index().added == 1
    assert read == ["a.txt"]


def test_an_unchanged_file_whose_id_another_file_now_holds_is_read(make_index, monkeypatch):
    """The first copy of an id wins, as when every file is read: a new file read before an unchanged
    one takes the id, and the unchanged file's copy is reported as the duplicate."""
    corpus = make_index({"m.jsonl": jsonl({"id": "x", "text": "Kharkiv"})})
    _settle(corpus)
    corpus.index()
    corpus.write({"a.jsonl": jsonl({"id": "x", "text": "Odesa"})})
    read = _reads(monkeypatch)
    summary = corpus.index()
    assert read == ["a.jsonl", "m.jsonl"]
    assert [p.message for p in summary.problems] == ["duplicate id 'x' (first in a.jsonl); this copy skipped"]
    assert corpus.ids("Odesa") == ["x"]
