"""Phrases and proximity evaluated over arrays: Whoosh's documents and scores, and every position on its own."""

import numpy as np
import pytest

from frontline.search import arrays
from frontline.search.arrays import Evaluation
from frontline.search.engine import Engine, SearchRequest, TimeBudget

TEXTS = {
    "said.txt": "Kyiv, 3 March. Volodymyr Zelensky said the air defense held. Air raids went on.",
    "apart.txt": "Volodymyr Zelenskyy met generals. Later the mayor said the air was clear and the defense held.",
    "order.txt": "Defense of the air base at Kharkiv. The nuclear plant at Zaporizhzhia was shelled again.",
    "near.txt": "Zaporizhzhia: the town near the nuclear power plant lost power. Air defense shot down drones.",
}
#: Phrases and proximity that Whoosh's span matchers and the arrays must agree on.
AGREED = ['"air defense"', '"the air"', '"defense held"', '"Zaporizhzhia nuclear"~5', '"nuclear Zaporizhzhia"~5',
          '"nuclear power plant"', '"air defense" OR Kharkiv', '"the nuclear plant"~2', '"air defense held"~3']


@pytest.fixture(scope="module")
def engine(build_index) -> Engine:
    return Engine(build_index(TEXTS, name="positional").index_dir)


def evaluate(engine: Engine, q: str, by_whoosh: bool, monkeypatch) -> tuple[np.ndarray, np.ndarray]:
    with engine.reading() as (generation, searcher):
        query = engine._read(searcher, q).query
        if by_whoosh:
            monkeypatch.setattr(arrays, "_near_parts", lambda query, schema: None)
        try:
            return Evaluation(searcher, generation.postings, generation.table.live, TimeBudget(None)).evaluate(query)
        finally:
            monkeypatch.undo()


@pytest.mark.parametrize("q", AGREED)
def test_phrases_and_proximity_match_and_score_as_whoosh(engine, q, monkeypatch):
    matched, scores = evaluate(engine, q, False, monkeypatch)
    expected, expected_scores = evaluate(engine, q, True, monkeypatch)
    assert matched.tolist() == expected.tolist()
    assert np.allclose(scores, expected_scores, rtol=1e-9, atol=0)


def ids(engine: Engine, q: str) -> set[str]:
    return {hit["id"] for hit in engine.search(SearchRequest(q=q, limit=50))["hits"]}


def test_which_documents_a_phrase_finds(engine):
    assert ids(engine, '"air defense"') == {"said.txt", "near.txt"}
    assert ids(engine, '"defense air"~3') == {"said.txt", "near.txt", "order.txt"}  # any order within 3 words
    assert ids(engine, '"nuclear Zaporizhzhia"~5') == {"order.txt", "near.txt"}
    assert ids(engine, '"air defense held"~3') == {"said.txt"}


def test_a_name_in_a_phrase_is_followed_by_the_next_word(engine, monkeypatch):
    """The person's term stands at the first word of the name: Whoosh merges it with the surname's
    position into one span, which the next word then never follows; each position counts on its own here."""
    assert ids(engine, '"Volodymyr Zelensky said"') == {"said.txt"}
    assert not evaluate(engine, '"Volodymyr Zelensky said"', True, monkeypatch)[0].any()


def test_term_arrays_serve_the_next_generation_and_forget_merged_segments(tmp_path):
    """What was read of a segment is kept across commits while the segment is searched: the answers
    after a commit are a fresh engine's, and nothing is kept of a segment a commit merged away."""
    from frontline.index.indexer import index_paths
    from frontline.search.arrays import segment_id

    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in TEXTS.items():
        (docs / name).write_text(text)
    index_paths([docs], tmp_path / "index")
    engine = Engine(tmp_path / "index")
    before = engine.search(SearchRequest(q='air defense'))
    (docs / "later.txt").write_text("Air defense over Odesa: the defense of the air held all night.")
    index_paths([docs], tmp_path / "index")
    after = engine.search(SearchRequest(q='air defense'))
    fresh = Engine(tmp_path / "index").search(SearchRequest(q='air defense'))
    assert [h["id"] for h in after["hits"]] == [h["id"] for h in fresh["hits"]]
    assert [h["score"] for h in after["hits"]] == [h["score"] for h in fresh["hits"]]
    assert after["total"] == before["total"] + 1
    with engine.reading() as (generation, searcher):
        current = {segment_id(leaf) for leaf, _offset in searcher.reader().leaf_readers()}
    kept = {key[0] for key in generation.postings._cache} | {key[0] for key in generation.postings._lengths}
    assert kept and kept <= current
