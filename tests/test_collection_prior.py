"""The collection prior: a name several places share, placed where the collection's own reports place it."""

import pytest

from frontline.index.entities.collection_prior import DOMINANCE, MIN_REPORTS, open_names, place_prior, settled_placements
from frontline.index.entities import EntityExtractor


def test_settled_and_open_names_of_a_text():
    extractor = EntityExtractor()
    said = extractor.extract("Shelling hit Novoselivka, Kherson region.")
    assert settled_placements(said) == {("Novoselivka", "UA-65")} and open_names(said) == set()
    bare = extractor.extract("Shelling hit Novoselivka.")
    assert settled_placements(bare) == set() and open_names(bare) == {"Novoselivka"}


def test_a_name_needs_enough_reports_that_agree():
    kherson = [("Novoselivka", "UA-65")]
    assert MIN_REPORTS == 2
    assert place_prior([kherson]) == {}
    assert place_prior([kherson, kherson]) == {"Novoselivka": "UA-65"}
    # The same report naming it twice counts once.
    assert place_prior([kherson * 2]) == {}
    donetsk = [("Novoselivka", "UA-14")]
    split = [kherson] * DOMINANCE + [donetsk]
    assert place_prior(split) == {"Novoselivka": "UA-65"}
    assert place_prior(split + [donetsk]) == {}  # 3 against 2: no agreement


def in_kherson(corpus) -> list[str]:
    return sorted(h["id"] for h in corpus.search(filters={"region": ["UA-65"]}, limit=50)["hits"])


@pytest.mark.parametrize("in_workers", [False, True])
def test_documents_written_before_the_collection_agreed_are_re_placed(make_index, monkeypatch, in_workers):
    """Indexing in two runs ends where indexing all at once does, and a third run writes nothing; the
    documents re-placed are written by worker processes when they are many."""
    if in_workers:
        import frontline.index.writing as writing

        monkeypatch.setattr(writing, "PARALLEL_BYTES", 0)
        monkeypatch.setattr(writing, "CHUNK", 1)
        monkeypatch.setattr(writing, "default_workers", lambda: 2)
        start = writing.DocumentWriter._start
        monkeypatch.setattr(writing.DocumentWriter, "_start", lambda self: (started.append(self), start(self)))
    started = []
    bare = {f"bare-{n}.txt": f"Shelling hit Novoselivka on Monday, report {n} said." for n in range(3)}
    corpus = make_index(bare)
    assert in_kherson(corpus) == []
    corpus.write({
        "a.txt": "Shelling hit Novoselivka, Kherson region, on Monday.",
        "b.txt": "Residents of Novoselivka in the Kherson region were evacuated.",
    })
    started.clear()
    summary = corpus.index()
    assert (summary.added, summary.resettled) == (2, 3)
    assert len(started) == (2 if in_workers else 0)  # the run's documents', then the re-placed ones' workers
    assert in_kherson(corpus) == ["a.txt", "b.txt", *bare]
    again = corpus.index()
    assert (again.added, again.updated, again.resettled, again.unchanged) == (0, 0, 0, 5)
    # One placing report no longer says so: the bare ones are open again.
    corpus.write({"b.txt": "Residents were evacuated."})
    changed = corpus.index()
    assert (changed.updated, changed.resettled) == (1, 3)
    assert in_kherson(corpus) == ["a.txt"]


def test_placement_records_are_the_settled_and_open_parts_of_the_facet_records(make_index):
    from whoosh import index as whoosh_index

    from frontline.index.entities.facet_values import OPEN, SETTLED, facet_records, placement_records

    corpus = make_index({
        "bare.txt": "Shelling hit Novoselivka on Monday.",
        "settled.txt": "Shelling hit Novoselivka, Kherson region, on Monday.",
        "quoted.txt": 'A unit called "settled":[ was shelled near Kyiv.',
        "none.txt": "Nothing happened.",
    })
    with whoosh_index.open_dir(corpus.index_dir).reader() as reader:
        parts = [(docnum, record.get(SETTLED, []), record.get(OPEN, [])) for docnum, record in facet_records(reader)]
        records = {reader.stored_fields(docnum)["id"]: (settled, open_)
                   for docnum, settled, open_ in placement_records(reader)}
        assert list(placement_records(reader)) == [part for part in parts if part[1] or part[2]]
    assert records["settled.txt"] == ([["Novoselivka", "UA-65"]], []) and records["bare.txt"] == ([], ["Novoselivka"])
    assert "none.txt" not in records


def test_the_document_view_places_names_as_the_index_did(make_index):
    from frontline.web.app import create_app

    corpus = make_index({
        "a.txt": "Shelling hit Novoselivka, Kherson region, on Monday.",
        "b.txt": "Residents of Novoselivka in the Kherson region were evacuated.",
        "bare.txt": "Shelling hit Novoselivka on Monday.",
    })
    entities = create_app(corpus.index_dir).test_client().get("/api/doc/bare.txt").get_json()["entities"]
    (village,) = [e for e in entities if e["text"] == "Novoselivka"]
    assert village["regions"] == ["UA-65"]
    (hit,) = [h for h in corpus.search(limit=10)["hits"] if h["id"] == "bare.txt"]
    assert village["id"] in [e["value"] for e in hit["entities"]]
