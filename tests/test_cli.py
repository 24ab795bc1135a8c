"""The `frontline` command: index and search, exit codes, messages, the JSON it prints."""

import json
import re

import pytest
from whoosh import index as whoosh_index

from conftest import CORPUS, REPO

SEED_COUNT = len(list(CORPUS.glob("*.txt")))


def messages(err: str) -> list[str]:
    """The command's own stderr lines (library logging, if any, is left out)."""
    return [line for line in err.splitlines() if line.startswith(("frontline:", "warning:"))]


# --- frontline index ------------------------------------------------------------------------


def test_index_without_path_uses_corpus_in_the_cwd(cli, monkeypatch, tmp_path):
    monkeypatch.chdir(REPO)
    index_dir = tmp_path / "ix"
    result = cli("index", "--index", index_dir)
    assert result.code == 0, result.err
    assert result.out.startswith(f"{SEED_COUNT} files read: {SEED_COUNT} added, 0 updated, 0 unchanged, 0 removed; "
                                 "0 problems; ")
    assert result.out.rstrip().endswith(f"index: {index_dir}")
    assert messages(result.err) == []
    assert whoosh_index.open_dir(index_dir).doc_count() == SEED_COUNT
    again = cli("index", "--index", index_dir)
    assert again.code == 0
    assert again.out.startswith(f"{SEED_COUNT} files read: 0 added, 0 updated, {SEED_COUNT} unchanged, 0 removed; ")
    rebuilt = cli("index", "--index", index_dir, "--rebuild")
    assert rebuilt.code == 0
    assert rebuilt.out.startswith(f"{SEED_COUNT} files read: {SEED_COUNT} added, 0 updated, 0 unchanged, 0 removed; ")
    assert whoosh_index.open_dir(index_dir).doc_count() == SEED_COUNT


def test_index_without_path_and_no_corpus_here(cli, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    result = cli("index", "--index", tmp_path / "ix")
    assert result.code == 2
    assert messages(result.err) == ["frontline: corpus: no such file or folder"]


def test_missing_path_is_named_and_others_still_indexed(cli, tmp_path):
    result = cli("index", "--index", tmp_path / "ix", tmp_path / "nope", CORPUS)
    assert result.code == 0
    assert messages(result.err) == [f"frontline: {tmp_path / 'nope'}: no such file or folder"]
    assert result.out.startswith(f"{SEED_COUNT} files read: {SEED_COUNT} added")


def test_env_variable_sets_the_default_index(cli, monkeypatch, tmp_path):
    env_index = tmp_path / "from-env"
    monkeypatch.setenv("FRONTLINE_INDEX", str(env_index))
    result = cli("index", CORPUS)
    assert result.code == 0
    assert result.out.rstrip().endswith(f"index: {env_index}")
    assert whoosh_index.open_dir(env_index).doc_count() == SEED_COUNT
    found = json.loads(cli("search", "--json", "Klitschko").out)
    assert found["total"] == 2
    # --index still wins over the variable
    missing = cli("search", "--index", tmp_path / "other", "Klitschko")
    assert missing.code == 2
    assert messages(missing.err) == [f"frontline: no index at {tmp_path / 'other'}: run 'frontline index' first"]


def test_bad_file_among_good_ones_warns_and_exits_0(cli, tmp_path):
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "good.txt").write_text("Drone attack on Odesa\n\nThe port was hit.\n")
    (docs / "sub" / "feed.jsonl").write_text('{"text": "Izium"}\n{"text": \n{"text": "Lyman"}\n')
    (docs / "scan.txt").write_bytes(b"%PDF\x00\x00binary")
    result = cli("index", "--index", tmp_path / "ix", docs)
    assert result.code == 0
    assert result.out.startswith("3 files read: 3 added, 0 updated, 0 unchanged, 0 removed; 2 problems (skipped: 1 binary file); ")
    warnings = messages(result.err)
    assert len(warnings) == 2
    assert warnings[0] == "warning: scan.txt: binary file (NUL bytes); skipped"
    assert warnings[1].startswith("warning: sub/feed.jsonl:2: malformed JSON line")


def test_only_bad_files_exits_1(cli, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "scan.txt").write_bytes(b"\x00\x01\x02")
    (docs / "empty.md").write_text("")
    result = cli("index", "--index", tmp_path / "ix", docs)
    assert result.code == 1
    assert result.out.startswith("2 files read: 0 added, 0 updated, 0 unchanged, 0 removed; 2 problems "
                                 "(skipped: 1 empty file, 1 binary file); ")
    assert messages(result.err) == ["warning: empty.md: empty file; skipped",
                                    "warning: scan.txt: binary file (NUL bytes); skipped"]


def test_a_folder_of_unreadable_files_says_why_each_was_skipped(cli, tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    (folder / "photo2.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    result = cli("index", "--index", tmp_path / "ix", folder)
    assert result.code == 1
    assert messages(result.err) == ["warning: photo.jpg: unsupported type image/jpeg; skipped",
                                    "warning: photo2.jpg: unsupported type image/jpeg; skipped",
                                    "warning: scan.pdf: unreadable PDF (Stream has ended unexpectedly); skipped"]
    assert "3 problems (skipped: 2 unsupported type image/jpeg, 1 unreadable PDF); " in result.out


def test_busy_index_exits_3_with_message(cli, tmp_path):
    index_dir = tmp_path / "ix"
    assert cli("index", "--index", index_dir, CORPUS).code == 0
    writer = whoosh_index.open_dir(index_dir).writer()
    try:
        result = cli("index", "--index", index_dir, CORPUS)
    finally:
        writer.cancel()
    assert result.code == 3
    assert messages(result.err) == [f"frontline: another indexer is writing to {index_dir}; "
                                    "try again when it has finished"]
    assert result.out == ""


# --- frontline search -----------------------------------------------------------------------


def test_search_json_shape(cli, seed_index):
    result = cli("search", "--index", seed_index, "--json", "Kyiv")
    assert result.code == 0
    data = json.loads(result.out)
    assert {"total", "hits", "facets"} <= set(data)
    assert isinstance(data["total"], int) and data["total"] == len(data["hits"]) > 0
    assert isinstance(data["facets"], dict)
    for hit in data["hits"]:
        assert {"id", "title", "date", "source", "score", "snippets"} <= set(hit)
        assert isinstance(hit["id"], str) and hit["id"].endswith(".txt")
        assert isinstance(hit["title"], str) and hit["title"]
        assert isinstance(hit["score"], float) and hit["score"] > 0
        assert isinstance(hit["snippets"], list) and all(isinstance(s, str) for s in hit["snippets"])


def test_search_json_seed_corpus_kyiv(cli, seed_index):
    expected = {p.name for p in CORPUS.glob("*.txt") if re.search(r"\bKyiv\b", p.read_text(encoding="utf-8"))}
    data = json.loads(cli("search", "--index", seed_index, "--json", "--limit", 50, "Kyiv").out)
    assert data["total"] == len(expected)
    assert {hit["id"] for hit in data["hits"]} == expected
    assert all(any("<mark>Kyiv</mark>" in s for s in hit["snippets"]) for hit in data["hits"])


def test_search_paging(cli, seed_index):
    def page(offset):
        return json.loads(cli("search", "--index", seed_index, "--json", "--limit", 2, "--offset", offset, "Kyiv").out)

    full = json.loads(cli("search", "--index", seed_index, "--json", "--limit", 50, "Kyiv").out)
    ids = [hit["id"] for hit in full["hits"]]
    first, second, third = page(0), page(2), page(4)
    assert [len(p["hits"]) for p in (first, second, third)] == [2, 2, len(ids) - 4]
    assert {p["total"] for p in (first, second, third)} == {len(ids)}
    stitched = [hit["id"] for p in (first, second, third) for hit in p["hits"]]
    assert stitched == ids
    assert not {h["id"] for h in first["hits"]} & {h["id"] for h in second["hits"]}


def test_search_words_are_joined_into_one_query(cli, seed_index):
    data = json.loads(cli("search", "--index", seed_index, "--json", "Klitschko", "Pechersk").out)
    assert [hit["id"] for hit in data["hits"]] == ["000_60fd183bd79a48d3.txt"]


def test_search_text_output(cli, seed_index):
    result = cli("search", "--index", seed_index, "Pechersk")
    assert result.code == 0
    lines = result.out.splitlines()
    assert re.match(r"^1 results; 1–1 shown \([\d.]+ ms\)$", lines[0])
    assert lines[2].startswith("1. Kyiv Mayor Vitali Klitschko confirmed")
    assert "000_60fd183bd79a48d3.txt" in lines[3]
    assert "[Pechersk]" in result.out  # marks become brackets in a pipe
    assert "<mark>" not in result.out


def test_search_no_results(cli, seed_index):
    result = cli("search", "--index", seed_index, "Zaporizhzhia")
    assert result.code == 0
    assert result.out == "No results for 'Zaporizhzhia'.\n"


@pytest.mark.parametrize(
    "query, message",
    [
        (['"Kyiv missiles'], "unclosed quote"),
        (["(Kyiv", "OR", "Kharkiv"], "unclosed '('"),
        (["Kyiv)"], "closes nothing"),
        (["Kyiv", "AND"], "'AND' needs a word on both sides"),
        (["date:[2022-06", "TO", "2022-01]"], "after it ends"),
        (["title:"], "needs a value"),
    ],
)
def test_query_error_exits_2_without_traceback(cli, seed_index, query, message):
    result = cli("search", "--index", seed_index, *query)
    assert result.code == 2
    assert result.out == ""
    assert len(messages(result.err)) == 1
    assert messages(result.err)[0].startswith("frontline: query error: ")
    assert message in messages(result.err)[0]
    assert "Traceback" not in result.err


# --- the installed command, as a user runs it ------------------------------------------------


def test_console_command_search_json(run_frontline, seed_index):
    done = run_frontline("search", "--json", "--index", seed_index, "Kyiv")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["total"] == SEED_COUNT
    assert {"total", "hits", "facets"} <= set(data)
    assert all("<mark>Kyiv</mark>" in " ".join(hit["snippets"]) for hit in data["hits"])


def test_console_command_query_error(run_frontline, seed_index):
    done = run_frontline("search", "--index", seed_index, "Kyiv", "AND")
    assert done.returncode == 2
    assert done.stdout == ""
    assert messages(done.stderr) == ["frontline: query error: 'AND' needs a word on both sides"]
    assert "Traceback" not in done.stderr
