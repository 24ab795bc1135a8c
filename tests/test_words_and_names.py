"""A query word that is also a name finds the word or the entity, never the entity alone; facet boxes and
suggestions take any spelling and rank by what the collection holds."""

from __future__ import annotations

import pytest

from frontline.search.engine import Engine, SearchRequest

DOCUMENTS = {
    "side.txt": "Soldiers on the other side of the river waited.\n",
    "sides.txt": "Both sides agreed to talk. Side by side they sat.\n",
    "who.txt": "The WHO said hospitals in Mariupol were hit.\n",
    "who-word.txt": "Officials who fled the city spoke to reporters.\n",
    "port.txt": "The port of Odesa reopened for grain ships.\n",
    "bar.txt": "Explosions in Bar, Vinnytsia region, overnight. A bar was damaged.\n",
    "kharkiv.txt": "Missiles hit Kharkiv overnight.\n",
    "kharkov.txt": "Explosions were heard in Kharkov.\n",
    "zelensky.txt": "President Volodymyr Zelensky addressed parliament. Zelensky thanked allies.\n",
    "zelenskyy.txt": "Zelenskyy met the governor of Kharkivshchyna.\n",
    "severo.txt": "Fighting continued in Severodonetsk and Lysychansk.\n",
    "kharkiv-region.txt": "Shelling continued in the Kharkiv region.\n",
}


@pytest.fixture(scope="module")
def corpus(build_index):
    corpus = build_index(DOCUMENTS, name="words-and-names")
    corpus.index()
    return corpus


@pytest.fixture(scope="module")
def engine(corpus) -> Engine:
    return Engine(corpus.index_dir)


@pytest.mark.parametrize("q, expected", [
    ("side", {"side.txt", "sides.txt"}),
    ("who", {"who.txt", "who-word.txt"}),
    ("port", {"port.txt"}),
    ("bar", {"bar.txt"}),
])
def test_a_word_that_is_also_a_name_finds_every_document_with_the_word(corpus, q, expected):
    assert set(corpus.ids(q)) == expected
    assert set(corpus.ids(q)) >= set(corpus.ids(f"={q}"))


def test_the_entity_still_finds_its_other_spellings(corpus):
    # "the Kharkiv region" names the city's name too, as a search for the word would find it.
    assert set(corpus.ids("Kharkiv")) == {"kharkiv.txt", "kharkov.txt", "kharkiv-region.txt"}
    assert set(corpus.ids("kharkiv")) == set(corpus.ids("Kharkiv")) == set(corpus.ids("KHARKIV"))


def test_a_regional_name_finds_the_oblast_in_every_form(corpus):
    assert set(corpus.ids("Kharkivshchyna")) == set(corpus.ids("Харківщина")) == {"zelenskyy.txt", "kharkiv-region.txt"}
    assert set(corpus.ids("", filters={"region": ["Kharkivshchyna"]})) >= {"kharkiv.txt", "kharkiv-region.txt"}


def test_a_name_scores_once_whichever_spelling_matched(corpus):
    hits = corpus.search("Kharkiv", limit=10)["hits"]
    scores = {hit["id"]: hit["score"] for hit in hits}
    # The document printing "Kharkiv" matches on the typed form and the entity; the other only on the
    # entity: the best of them counts, not their sum, so neither is worth twice the other.
    assert scores["kharkiv.txt"] < 2 * scores["kharkov.txt"]


def test_facet_box_finds_values_in_any_spelling(engine):
    def labels(facet, q):
        return [v["label"] for v in engine.facet_values(facet, q)["values"]]

    # Most documents first: the city, then the oblast the text names (Kharkivshchyna), whose
    # names "Kharkov" begins (Kharkov oblast).
    assert labels("place", "Kharkov") == labels("place", "Харків") == ["Kharkiv", "Kharkiv Oblast"]
    assert labels("place", "Sievier") == ["Siverskodonetsk"]
    assert labels("region", "Kharkivshchyna") == ["Kharkiv Oblast"]
    assert labels("region", "Харківщина") == ["Kharkiv Oblast"]
    assert labels("person", "Zelenskiy") == ["Volodymyr Zelenskyy"]


def test_suggestions_rank_what_the_collection_holds_first(engine):
    names = engine.names("Zelen", 5)["names"]
    assert names[0]["label"] == "Volodymyr Zelenskyy" and names[0]["documents"] == 2
    # Typing the name of a place suggests it before the longer names it begins (Kharkiv Oblast).
    assert engine.names("Kharkiv", 3)["names"][0]["label"] == "Kharkiv"
    assert engine.names("Sever", 3)["names"][0]["label"] == "Siverskodonetsk"


def test_a_suggestion_counts_what_its_filter_finds(engine):
    suggested = [name for name in engine.names("Kharkiv", 5)["names"] if name["documents"]]
    assert {name["label"] for name in suggested} >= {"Kharkiv", "Kharkiv Oblast"}
    for name in suggested:
        found = engine.search(SearchRequest(filters={name["facet"]: [name["value"]]}, limit=0))["total"]
        assert found == name["documents"], name
