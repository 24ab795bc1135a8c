"""Exports: every match as CSV, JSON or JSON Lines, each hit with its passages, matched spellings,
entities and regions and (unless text=0) its text, in the search's own order."""

import csv
import io
import json
import random

import pytest

from frontline.web import export
from frontline.web.app import create_app

SEED_001 = "001_7e40db191626a058.txt"  # Lysychansk, printed "Lysichansk" and "Lisichansk"


def client_of(index_dir):
    app = create_app(index_dir)
    app.testing = True
    return app.test_client()


@pytest.fixture(scope="module")
def client(seed_index):
    return client_of(seed_index)


def get(client, url: str, mimetype: str):
    response = client.get(url)
    assert response.status_code == 200, response.data[:500]
    assert response.mimetype == mimetype
    return response


def csv_rows(client, url: str) -> list[dict]:
    csv.field_size_limit(2**31 - 1)  # a whole text may be longer than the reader's default 128 kB
    response = get(client, url, "text/csv")
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def jsonl_hits(client, url: str) -> list[dict]:
    body = get(client, url, "application/jsonl").get_data(as_text=True)
    assert body.endswith("\n")
    return [json.loads(line) for line in body.splitlines()]


def api(client, url: str):
    return get(client, url, "application/json").get_json()


def paged_ids(client, query: str) -> list[str]:
    """Every hit's id, paging through /api/search by offset."""
    ids, offset = [], 0
    while True:
        page = api(client, f"/api/search?{query}&limit=1000&offset={offset}")
        ids += [hit["id"] for hit in page["hits"]]
        offset += 1000
        if offset >= page["total"]:
            return ids


# -- the seed corpus ---------------------------------------------------------------------------

def test_a_json_lines_hit_is_the_search_hit_with_its_facets_and_text(client):
    hits = jsonl_hits(client, "/export.jsonl?q=Lisichansk OR Kyiv")
    found = api(client, "/api/search?q=Lisichansk OR Kyiv&limit=100")
    assert len(hits) == found["total"] == 5
    for exported, shown in zip(hits, found["hits"], strict=True):
        document = api(client, f"/api/doc/{exported['id']}")
        assert {k: v for k, v in exported.items() if k not in ("facets", "text")} == shown
        assert exported["facets"] == document["facets"]
        assert exported["text"] == document["text"]
    (lysychansk,) = jsonl_hits(client, "/export.jsonl?q=Lisichansk")
    assert lysychansk["id"] == SEED_001
    assert "<mark>Lisichansk</mark>" in " ".join(lysychansk["snippets"])
    assert [m["spelling"] for m in lysychansk["matched"]] == ["Lysichansk", "Lisichansk"]
    assert "Lysychansk" in [v["label"] for v in lysychansk["facets"]["place"]]
    assert "UA-09" in [v["value"] for v in lysychansk["facets"]["region"]]
    assert any(e["label"] == "Lysychansk" for e in lysychansk["entities"])


def test_csv_has_a_column_per_facet_the_passages_and_the_text(client):
    rows = csv_rows(client, "/export.csv?q=Lisichansk")
    assert list(rows[0]) == list(export.CSV_COLUMNS) == [
        "id", "title", "date", "source", "url", "lang", "score", "story", "story_size", "regions", "places", "people", "organisations",
        "weapons", "matched", "snippets", "text"]
    (row,) = rows
    document = api(client, f"/api/doc/{SEED_001}")
    assert row["id"] == SEED_001 and row["text"] == document["text"]
    assert row["matched"] == "Lysichansk; Lisichansk"
    assert "Capturing [Lisichansk] would give" in row["snippets"] and "<mark>" not in row["snippets"]
    for facet, column in export.FACET_COLUMNS.items():
        assert row[column] == "; ".join(v["label"] for v in document["facets"][facet])
    assert "Luhansk Oblast" in row["regions"].split("; ")
    assert "Lysychansk" in row["places"].split("; ")


def test_text_0_leaves_the_text_out_of_every_format(client):
    rows = csv_rows(client, "/export.csv?q=Kyiv&text=0")
    assert "text" not in rows[0] and len(rows) == api(client, "/api/search?q=Kyiv")["total"]
    assert all("text" not in hit for hit in jsonl_hits(client, "/export.jsonl?q=Kyiv&text=0"))
    data = json.loads(get(client, "/export.json?q=Kyiv&text=false", "application/json").get_data(as_text=True))
    assert data["hits"] and all("text" not in hit and hit["snippets"] for hit in data["hits"])
    assert all(hit["text"] for hit in jsonl_hits(client, "/export.jsonl?q=Kyiv"))


def test_snippets_0_leaves_the_passages_out_for_speed(client):
    full = jsonl_hits(client, "/export.jsonl?q=Lisichansk OR Kyiv")
    quick = jsonl_hits(client, "/export.jsonl?q=Lisichansk OR Kyiv&snippets=0")
    assert [hit["id"] for hit in quick] == [hit["id"] for hit in full]
    for fast, whole in zip(quick, full, strict=True):
        assert fast["snippets"] == fast["matched"] == [] and whole["snippets"] and whole["matched"]
        assert {k: v for k, v in fast.items() if k not in ("snippets", "matched")} == \
            {k: v for k, v in whole.items() if k not in ("snippets", "matched")}
    (row,) = csv_rows(client, "/export.csv?q=Lisichansk&snippets=0")
    assert row["snippets"] == row["matched"] == "" and "Lysychansk" in row["places"]


def test_exports_say_their_total_and_ignore_page_and_cursor(client):
    page = api(client, "/api/search?q=Kyiv&limit=2")
    assert page["cursor"]
    response = get(client, f"/export.jsonl?q=Kyiv&limit=2&cursor={page['cursor']}", "application/jsonl")
    assert response.headers["X-Total-Count"] == str(page["total"])
    assert response.headers["Content-Disposition"] == 'attachment; filename="frontline-kyiv.jsonl"'
    assert len(response.get_data(as_text=True).splitlines()) == page["total"]


def test_the_search_page_offers_every_export(client):
    html = get(client, "/?q=Kyiv", "text/html").get_data(as_text=True)
    for kind in ("csv", "json", "jsonl"):
        assert f'href="/export.{kind}?q=Kyiv" download' in html


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(make_index):
    corpus = make_index({"feed.jsonl": json.dumps({
        "id": "f1", "title": "=HYPERLINK(\"http://evil\",\"Kyiv\")", "source": "+cmd|' /C calc'!A0",
        "url": "@SUM(1+1)", "text": "-2 dead in Kyiv as =1+1 drones struck"}) + "\n"})
    (row,) = csv_rows(client_of(corpus.index_dir), "/export.csv?q=Kyiv")
    assert row["title"] == "'=HYPERLINK(\"http://evil\",\"Kyiv\")"
    assert row["source"] == "'+cmd|' /C calc'!A0"
    assert row["text"] == "'-2 dead in Kyiv as =1+1 drones struck"
    assert row["snippets"] == "'-2 dead in [Kyiv] as =1+1 drones struck"


# -- the three news corpora ----------------------------------------------------------------------

BROAD = "q=Ukraine OR Russia"


@pytest.fixture(scope="module")
def news(news_corpora):
    return client_of(news_corpora.index_dir)


@pytest.mark.shared
def test_an_export_of_a_broad_query_is_every_match_in_the_search_order(news):
    ids = paged_ids(news, BROAD)
    total = api(news, f"/api/search?{BROAD}")["total"]
    assert total > 1000 and len(ids) == len(set(ids)) == total
    assert [hit["id"] for hit in jsonl_hits(news, f"/export.jsonl?{BROAD}&text=0")] == ids
    assert [row["id"] for row in csv_rows(news, f"/export.csv?{BROAD}")] == ids
    data = json.loads(get(news, f"/export.json?{BROAD}&text=0", "application/json").get_data(as_text=True))
    assert data["total"] == total and [hit["id"] for hit in data["hits"]] == ids
    newest = paged_ids(news, f"{BROAD}&sort=newest&region=UA-14")
    assert [row["id"] for row in csv_rows(news, f"/export.csv?{BROAD}&sort=newest&region=UA-14&text=0")] == newest


@pytest.mark.shared
def test_an_exports_entities_and_regions_are_the_documents(news):
    hits = {hit["id"]: hit for hit in jsonl_hits(news, f"/export.jsonl?{BROAD}&text=0")}
    rows = {row["id"]: row for row in csv_rows(news, f"/export.csv?{BROAD}&text=0")}
    for doc_id in random.Random(14).sample(sorted(hits), 40):
        document = api(news, f"/api/doc/{doc_id}")
        exported = hits[doc_id]
        assert exported["facets"] == document["facets"]
        for facet, column in export.FACET_COLUMNS.items():
            assert rows[doc_id][column] == "; ".join(v["label"] for v in document["facets"][facet])
        # What the document page marks in the text is among the facets (which read the title too).
        for mention in document["entities"]:
            assert mention["id"] in [v["value"] for v in exported["facets"][mention["kind"]]], mention
            assert set(mention["regions"]) <= {v["value"] for v in exported["facets"]["region"]}, mention
    assert sum(bool(hit["facets"]["region"]) for hit in hits.values()) > len(hits) / 2
