"""The term arrays written beside a segment: the postings Whoosh's blocks hold, and the same answers."""

import numpy as np
import pytest
from whoosh.index import open_dir

from frontline.index import term_arrays
from frontline.index.indexer import index_paths
from frontline.search.arrays import _read_postings, segment_id
from frontline.search.engine import Engine, SearchRequest

TEXTS = {
    "kyiv.txt": "Air defense over Kyiv shot down drones. The air raid alert in Kyiv lasted three hours.",
    "kharkiv.txt": "Kharkiv was shelled again. Air defense in Kharkiv held; the mayor said the city held.",
    "odesa.txt": "Drones struck the port of Odesa. The air defense of Odesa shot down most of the drones.",
}
QUERIES = ("air defense", "drones", "Kyiv OR Odesa", '"air defense"', "held -Kyiv", "Khar*")


def write(folder, files: dict[str, str]):
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text)


def answers(index_dir) -> list:
    engine = Engine(index_dir)
    found = []
    for q in QUERIES:
        result = engine.search(SearchRequest(q=q, limit=10))
        found.append((result["total"], [(hit["id"], hit["score"]) for hit in result["hits"]]))
    return found


@pytest.fixture
def every_term_written(monkeypatch):
    monkeypatch.setattr(term_arrays, "MIN_POSTINGS", 1)


def test_each_written_term_holds_the_postings_of_its_blocks(tmp_path, every_term_written):
    write(tmp_path / "docs", TEXTS)
    index_paths([tmp_path / "docs"], tmp_path / "index")
    with open_dir(tmp_path / "index").reader() as reader:
        checked = 0
        for leaf, _offset in reader.leaf_readers():
            written = term_arrays.TermArrays(leaf.storage(), segment_id(leaf))
            for fieldname, btext in leaf.all_terms():
                if not reader.schema[fieldname].scorable:
                    assert written.get(fieldname, btext) is None
                    continue
                docs, weights = written.get(fieldname, btext)
                expected_docs, expected_weights = _read_postings(leaf, fieldname, btext)
                assert docs.tolist() == expected_docs.tolist()
                assert np.array_equal(weights, expected_weights)
                checked += 1
    assert checked > 50


def test_searches_answer_the_same_with_and_without_them(tmp_path, monkeypatch):
    write(tmp_path / "docs", TEXTS)
    index_paths([tmp_path / "docs"], tmp_path / "blocks")  # at 512 postings a term, these documents write none
    assert not list((tmp_path / "blocks").glob("*.tarr"))
    monkeypatch.setattr(term_arrays, "MIN_POSTINGS", 1)
    index_paths([tmp_path / "docs"], tmp_path / "arrays")
    assert list((tmp_path / "arrays").glob("*.tarr"))
    assert answers(tmp_path / "arrays") == answers(tmp_path / "blocks")


def test_a_merged_segment_has_its_own_and_the_merged_ones_go(tmp_path, every_term_written):
    index_dir = tmp_path / "index"
    for number in range(6):  # small commits, which Whoosh merges as they accumulate
        write(tmp_path / "docs", {f"more-{number}.txt": f"Air defense report {number} from Kyiv and Odesa."})
        index_paths([tmp_path / "docs"], index_dir)
    with open_dir(index_dir).reader() as reader:
        current = {segment_id(leaf) for leaf, _offset in reader.leaf_readers()}
        assert reader.doc_count() == 6
    assert {path.stem for path in index_dir.glob("*.tarr")} == current
    assert len(current) < 6
