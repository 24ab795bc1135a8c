"""Near-duplicate stories: wire copies grouped, results folded to one hit per story, copies on request."""

import json

import numpy as np
import pytest

from frontline.index import stories

from conftest import search_index

WIRE = ("Russian forces shelled the eastern city of Kharkiv overnight, damaging a school, two apartment blocks "
        "and a power substation, regional governor Oleh Syniehubov said on Tuesday. Emergency crews worked "
        "through the night to restore electricity to more than ten thousand homes, and three people were "
        "taken to hospital with shrapnel wounds. The strike came a day after officials warned residents to "
        "stay close to shelters as air raid alerts sounded across the region for hours.")
OTHER = ("Farmers in the south are racing to bring in the grain harvest before the autumn rains, but mined "
         "fields and damaged silos mean much of it may rot, agricultural officials in Mykolaiv said.")


def wire_copies() -> dict[str, str]:
    """One wire story printed three times (another headline, a byline, a dateline), and two unrelated reports."""
    records = [
        {"id": "ap-1", "title": "Kharkiv shelled overnight", "date": "2022-05-10", "source": "AP", "text": WIRE},
        {"id": "paper-7", "title": "School hit as Russia pounds Kharkiv", "date": "2022-05-11", "source": "Daily",
         "text": "By the Associated Press\n" + WIRE},
        {"id": "site-3", "title": "Night of shelling in Kharkiv", "date": "2022-05-09", "source": "Site",
         "text": "KHARKIV, Ukraine — " + WIRE + " More follows."},
        {"id": "grain", "title": "Harvest at risk", "date": "2022-05-10", "source": "AP", "text": OTHER},
        {"id": "kharkiv-other", "title": "Kharkiv metro reopens", "date": "2022-05-12", "source": "AP",
         "text": "The Kharkiv metro reopened on Tuesday after months in which its stations served as shelters."},
    ]
    return {"feed.jsonl": "\n".join(json.dumps(r) for r in records) + "\n"}


@pytest.fixture(scope="module")
def wire(build_index):
    return build_index(wire_copies(), name="wire")


def test_the_bands_are_those_datasketch_chooses_for_the_candidate_threshold():
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=stories.CANDIDATES, num_perm=stories.NUM_PERM)
    assert (lsh.b, lsh.r) == (stories.BANDS, stories.ROWS)


def test_signatures_group_copies_and_keep_other_texts_apart():
    texts = [WIRE, "By the Associated Press\n" + WIRE, OTHER, OTHER.upper(), "", WIRE[: len(WIRE) // 3]]
    signatures, present = stories.signatures_array(stories.signature(t) for t in texts)
    assert present.tolist() == [True, True, True, True, False, True]
    labels = stories.group(signatures, present, order=np.array([5, 1, 2, 3, 4, 0]), text_of=texts.__getitem__)
    # The copies are one story led by the one first in order; case does not matter; a third of the text
    # (Jaccard about 0.3) is another report; no text, no story to share.
    assert labels.tolist() == [1, 1, 2, 2, 4, 5]


def test_a_search_folds_a_story_into_its_best_hit_and_lists_the_others(wire):
    result = search_index(wire.index_dir, "Kharkiv")
    assert (result["total"], result["documents"]) == (2, 4)
    story_hit = next(hit for hit in result["hits"] if hit["story_size"] > 1)
    assert story_hit["story_size"] == 3
    # The story is named by its first report; the others are listed earliest first.
    assert story_hit["story"] == "site-3"
    assert [other["id"] for other in story_hit["story_others"]] == \
        sorted({"ap-1", "paper-7", "site-3"} - {story_hit["id"]}, key={"site-3": 0, "ap-1": 1, "paper-7": 2}.get)
    lone = next(hit for hit in result["hits"] if hit["id"] == "kharkiv-other")
    assert (lone["story"], lone["story_size"], lone["story_others"]) == ("kharkiv-other", 1, [])


def test_every_copy_on_request_and_the_story_filter(wire):
    every = search_index(wire.index_dir, "Kharkiv", collapse=False)
    assert (every["total"], every["documents"]) == (4, 4)
    assert all(hit["story_size"] == 3 for hit in every["hits"] if hit["id"] != "kharkiv-other")
    story = search_index(wire.index_dir, "", story="ap-1", collapse=False, sort="oldest")
    assert [hit["id"] for hit in story["hits"]] == ["site-3", "ap-1", "paper-7"]


def test_newest_first_folds_a_story_into_its_newest_report(wire):
    result = search_index(wire.index_dir, "shelled", sort="newest")
    assert [(hit["id"], hit["story_size"]) for hit in result["hits"]] == [("paper-7", 3)]


def test_facets_count_stories_on_request(wire):
    documents = {v["value"]: v["count"] for v in search_index(wire.index_dir, "")["facets"]["source"]}
    assert documents == {"AP": 3, "Daily": 1, "Site": 1}
    counted = {v["value"]: v["count"] for v in search_index(wire.index_dir, "", count_stories=True)["facets"]["source"]}
    assert counted == {"AP": 3, "Daily": 1, "Site": 1}  # each source printed the story once
    places = search_index(wire.index_dir, "", count_stories=True)["facets"]["place"]
    kharkiv = next(v for v in places if v["label"] == "Kharkiv")
    assert kharkiv["count"] == 2  # the wire story once, the metro report once
    assert next(v for v in search_index(wire.index_dir, "")["facets"]["place"] if v["label"] == "Kharkiv")["count"] == 4


def test_the_document_lists_the_other_reports_of_its_story(wire):
    from frontline.search.engine import Engine

    engine = Engine(wire.index_dir)
    assert [d["id"] for d in engine.document("paper-7")["story"]] == ["site-3", "ap-1"]
    assert engine.document("grain")["story"] == []


def test_web_folds_and_unfolds(wire):
    from frontline.web.app import create_app

    client = create_app(wire.index_dir).test_client()
    page = client.get("/?q=Kharkiv").get_data(as_text=True)
    assert "2 more reports of this story" in page and "4 reports, copies of a story folded" in page
    assert "/?q=Kharkiv&amp;collapse=0" in page
    api = client.get("/api/search?q=Kharkiv&collapse=0").get_json()
    assert api["total"] == 4
    doc = client.get("/doc/paper-7").get_data(as_text=True)
    assert "Other reports of this story" in doc and "Night of shelling in Kharkiv" in doc


def test_cli_folds_and_shows_every_copy(cli, wire):
    folded = cli("search", "--index", wire.index_dir, "Kharkiv")
    assert folded.out.startswith("2 results (4 reports, copies of a story folded); 1–2 shown")
    assert "2 more reports of this story (frontline search --all-copies --story site-3)" in folded.out
    every = cli("search", "--index", wire.index_dir, "--all-copies", "--json", "Kharkiv")
    assert json.loads(every.out)["total"] == 4


@pytest.mark.shared
def test_exact_copies_in_the_news_corpus_are_one_story(shared_dir, build_index):
    source = shared_dir / "corpora" / "nyt-guardian.jsonl"
    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_text: dict[str, list[str]] = {}
    for record in records:
        by_text.setdefault(" ".join(record["text"].split()), []).append(record["id"])
    copies = [ids for ids in by_text.values() if len(ids) > 1]
    assert copies, "the corpus is known to hold exact copies"
    corpus = build_index({"nyt-guardian.jsonl": source.read_bytes()}, name="nyt")
    for ids in copies:
        hits = search_index(corpus.index_dir, "", story=ids[0], collapse=False, limit=50)["hits"]
        assert set(ids) <= {hit["id"] for hit in hits}
    folded = search_index(corpus.index_dir, "", limit=0)
    assert folded["documents"] - folded["total"] >= sum(len(ids) - 1 for ids in copies)


def test_a_generations_stories_are_kept_beside_the_index_and_read_by_the_next_process(make_index, monkeypatch):
    from frontline.search import stories as story_tables

    corpus = make_index(wire_copies())
    assert search_index(corpus.index_dir, "Kharkiv")["total"] == 2
    [kept] = corpus.index_dir.glob("frontline-stories-*.npy")

    def must_not_group(*_args):
        raise AssertionError("grouped again")

    with monkeypatch.context() as patch:
        patch.setattr(story_tables, "_group", must_not_group)
        assert search_index(corpus.index_dir, "Kharkiv")["total"] == 2
    corpus.write({"more.txt": "Kharkiv metro trains ran on time."})
    corpus.index()
    assert search_index(corpus.index_dir, "Kharkiv")["total"] == 3
    assert [path.name for path in corpus.index_dir.glob("frontline-stories-*.npy")] != [kept.name]
    assert len(list(corpus.index_dir.glob("frontline-stories-*.npy"))) == 1
