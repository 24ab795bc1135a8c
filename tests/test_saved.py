"""Saved searches: kept beside the index, each with the documents it finds that it did not find when
it was last opened; from the library, the command line, the API and the pages."""

import json
import sqlite3

import pytest
from whoosh import index as whoosh_index

from frontline.search.engine import Engine, SearchRequest
from frontline.search.saved import SAVED_NAME, SavedSearchError, SavedSearches
from frontline.web.app import create_app


def report(doc_id: str, text: str, date: str = "2022-06-01") -> str:
    return json.dumps({"id": doc_id, "title": text.split(".")[0], "date": date, "text": text})


FIRST = {"feed.jsonl": "\n".join([
    report("a1", "Shelling in Kharkiv overnight. Two were hurt.", "2022-05-01"),
    report("a2", "Drones over Kharkiv again. Air defence was active.", "2022-05-02"),
    report("a3", "Grain ships left Odesa. The port reopened.", "2022-05-03"),
]) + "\n"}
MORE = {"more.jsonl": "\n".join([
    report("b1", "A missile hit Kharkiv. The mayor said a school burned.", "2022-06-10"),
    report("b2", "Kharkiv metro stations shelter families.", "2022-06-11"),
    report("b3", "Mykolaiv was without water. Repairs began.", "2022-06-12"),
]) + "\n"}


@pytest.fixture
def corpus(make_index):
    return make_index(FIRST)


def saved_of(corpus) -> SavedSearches:
    return SavedSearches(Engine(corpus.index_dir))


def test_saved_searches_live_in_a_sqlite_file_beside_the_index_not_in_it(corpus):
    saved = saved_of(corpus)
    assert saved.all() == [] and not (corpus.index_dir / SAVED_NAME).exists()
    standing, replaced = saved.save("kharkiv", SearchRequest(q="Kharkiv", sort="newest"))
    assert not replaced and standing.total == 2 and standing.new == []
    path = corpus.index_dir / SAVED_NAME
    with sqlite3.connect(path) as database:
        assert database.execute("SELECT name, q, sort FROM saved").fetchall() == [("kharkiv", "Kharkiv", "newest")]
    assert whoosh_index.open_dir(corpus.index_dir).doc_count() == 3
    # A rebuild starts the index over and keeps them.
    corpus.index(rebuild=True)
    assert [s.name for s in saved_of(corpus).all()] == ["kharkiv"]


def test_new_documents_are_counted_until_the_search_is_opened(corpus):
    saved = saved_of(corpus)
    saved.save("kharkiv", SearchRequest(q="Kharkiv", sort="newest"))
    saved.save("odesa port", SearchRequest(q="port", filters={"place": ["Odessa"]}))
    corpus.write(MORE)
    corpus.index()
    kharkiv, odesa = saved.standings()
    assert (kharkiv.saved.name, kharkiv.total, kharkiv.new) == ("kharkiv", 4, ["b2", "b1"])  # newest first
    assert (odesa.saved.name, odesa.total, odesa.new) == ("odesa port", 1, [])
    opened = saved.open("kharkiv")
    assert opened.total == 4 and opened.new == []
    assert saved.standing(saved.get("kharkiv")).new == []
    # A document changed so that it matches now is new to the search too.
    corpus.write({"feed.jsonl": FIRST["feed.jsonl"].replace("Grain ships left Odesa", "Grain ships left Kharkiv")})
    corpus.index()
    assert saved.standing(saved.get("kharkiv")).new == ["a3"]


def test_saving_under_a_name_again_replaces_it_and_deleting_removes_it(corpus):
    saved = saved_of(corpus)
    saved.save("watch", SearchRequest(q="Kharkiv"))
    standing, replaced = saved.save("watch", SearchRequest(q="Odesa", date_from="2022-05"))
    assert replaced and standing.total == 1
    (only,) = saved.all()
    assert (only.request.q, only.request.date_from) == ("Odesa", "2022-05")
    saved.delete("watch")
    assert saved.all() == []
    with pytest.raises(SavedSearchError, match="no saved search is named 'watch'"):
        saved.delete("watch")
    with pytest.raises(SavedSearchError, match="needs a name"):
        saved.save("  ", SearchRequest(q="Kharkiv"))
    with pytest.raises(ValueError, match="unclosed"):
        saved.save("bad", SearchRequest(q='"Kharkiv'))
    assert saved.all() == []


# -- the command line ------------------------------------------------------------------------------

def test_the_cli_saves_lists_prints_what_is_new_and_deletes(corpus, cli):
    index = ("--index", corpus.index_dir)
    added = cli("saved", *index, "--add", "kharkiv", "Kharkiv", "--sort", "newest", "--from", "2022-05")
    assert (added.code, added.out, added.err) == (0, "saved 'kharkiv': 2 documents\n", "")
    assert cli("saved", *index, "--add", "all odesa", "--place", "Odessa").out == "saved 'all odesa': 1 document\n"
    listed = cli("saved", *index)
    assert listed.code == 0 and listed.out.splitlines()[0].startswith("all odesa: 0 new of 1 · --place 'Odessa' · opened ")
    assert listed.out.splitlines()[1].startswith("kharkiv: 0 new of 2 · 'Kharkiv' --from 2022-05 --sort newest · ")
    assert cli("saved", *index, "--new").out == ""  # nothing new: nothing to mail
    corpus.write(MORE)
    corpus.index()
    new = cli("saved", *index, "--new")
    assert new.code == 0 and new.err == ""
    lines = new.out.splitlines()
    assert lines[0].startswith("kharkiv: 2 new of 4 · ") and lines[1:] == [
        "   2022-06-11 · b2 · Kharkiv metro stations shelter families",
        "   2022-06-10 · b1 · A missile hit Kharkiv"]
    printed = json.loads(cli("saved", *index, "--new", "--json").out)
    api = create_app(corpus.index_dir).test_client().get("/api/saved?new=1").get_json()
    assert printed == api
    kharkiv = printed["saved"][1]
    assert (kharkiv["name"], kharkiv["new"], [d["id"] for d in kharkiv["new_documents"]]) == ("kharkiv", 2, ["b2", "b1"])
    assert kharkiv["params"] == "q=Kharkiv&from=2022-05&sort=newest"
    assert cli("saved", *index, "--new", "--mark-seen").out == new.out
    assert cli("saved", *index, "--new").out == ""
    assert "kharkiv: 0 new of 4" in cli("saved", *index).out
    assert cli("saved", *index, "--delete", "kharkiv").out == "deleted 'kharkiv'\n"
    missing = cli("saved", *index, "--delete", "kharkiv")
    assert missing.code == 1 and missing.err == "frontline: no saved search is named 'kharkiv'\n"
    bad = cli("saved", *index, "--add", "bad", '"Kharkiv')
    assert bad.code == 2 and "query error" in bad.err
    assert [entry["name"] for entry in json.loads(cli("saved", *index, "--json").out)["saved"]] == ["all odesa"]


# -- the API and the pages ----------------------------------------------------------------------------

@pytest.fixture
def client(corpus):
    app = create_app(corpus.index_dir)
    app.testing = True
    return app.test_client()


def test_the_api_saves_lists_opens_and_deletes(corpus, client):
    created = client.post("/api/saved", json={"name": "kharkiv", "q": "Kharkiv", "sort": "newest"})
    assert created.status_code == 201 and created.get_json()["saved"]["total"] == 2
    again = client.post("/api/saved", json={"name": "kharkiv", "q": "Kharkiv", "date": ["2022-05"]})
    assert again.status_code == 200 and again.get_json()["replaced"] is True
    assert again.get_json()["saved"]["filters"] == {"date": ["2022-05"]}
    corpus.write(MORE)
    corpus.index()
    (entry,) = client.get("/api/saved").get_json()["saved"]
    assert (entry["name"], entry["total"], entry["new"]) == ("kharkiv", 2, 0)  # the new ones are dated June
    client.post("/api/saved", json={"name": "kharkiv", "q": "Kharkiv"})
    corpus.write({"late.jsonl": report("c1", "Kharkiv tram lines restored.") + "\n"})
    corpus.index()
    (entry,) = client.get("/api/saved?new=1").get_json()["saved"]
    assert entry["new"] == 1 and entry["new_documents"] == [
        {"id": "c1", "title": "Kharkiv tram lines restored", "date": "2022-06-01", "source": "", "url": ""}]
    opened = client.post("/api/saved/kharkiv/open")
    assert opened.status_code == 200 and opened.get_json()["saved"]["new"] == 0
    assert client.get("/api/saved").get_json()["saved"][0]["new"] == 0
    assert client.delete("/api/saved/kharkiv").get_json() == {"deleted": "kharkiv"}
    assert client.delete("/api/saved/kharkiv").status_code == 404
    assert client.post("/api/saved/kharkiv/open").status_code == 404
    refused = client.post("/api/saved", json={"name": "x", "q": '"Kharkiv'})
    assert refused.status_code == 400 and "unclosed" in refused.get_json()["error"]
    assert client.post("/api/saved", json={"q": "Kharkiv"}).status_code == 400
    assert client.get("/api/saved").get_json() == {"saved": []}


def test_the_search_page_saves_and_the_saved_page_opens_with_post_only(corpus, client):
    page = client.get("/?q=Kharkiv&sort=newest&offset=1").get_data(as_text=True)
    assert '<form class="save-search" action="/saved" method="post">' in page
    assert '<input type="hidden" name="sort" value="newest">' in page and 'name="offset"' not in page.split("save-search")[1].split("</form>")[0]
    saved = client.post("/saved", data={"name": "<b>kharkiv</b>", "q": "Kharkiv", "sort": "newest"})
    assert saved.status_code == 303 and saved.headers["Location"] == "/saved"
    corpus.write(MORE)
    corpus.index()
    listing = client.get("/saved").get_data(as_text=True)
    assert "&lt;b&gt;kharkiv&lt;/b&gt;" in listing and "<b>kharkiv</b>" not in listing
    assert "2 new" in listing
    assert client.get("/saved/%3Cb%3Ekharkiv%3C%2Fb%3E/open").status_code == 405  # no change by following a link
    opened = client.post("/saved/%3Cb%3Ekharkiv%3C%2Fb%3E/open")
    assert opened.status_code == 303 and opened.headers["Location"] == "/?q=Kharkiv&sort=newest"
    assert "nothing new" in client.get("/saved").get_data(as_text=True)
    assert client.post("/saved/%3Cb%3Ekharkiv%3C%2Fb%3E/delete").status_code == 303
    assert "No saved searches yet" in client.get("/saved").get_data(as_text=True)
    assert client.post("/saved", data={"name": "", "q": "Kharkiv"}).status_code == 400


def test_a_saved_search_that_cannot_run_now_says_why_and_the_rest_still_count(corpus, cli):
    saved = saved_of(corpus)
    saved.save("kharkiv", SearchRequest(q="Kharkiv"))
    saved.save("odesa", SearchRequest(q="Odesa"))
    with sqlite3.connect(corpus.index_dir / SAVED_NAME) as database:  # as if the gazetteer had dropped a name
        database.execute("INSERT INTO saved_filter VALUES ('odesa', 'region', 'Atlantis', 0)")
    kharkiv, odesa = saved.standings()
    assert (kharkiv.total, kharkiv.error) == (2, None)
    assert odesa.total == 0 and "Atlantis" in odesa.error
    listed = cli("saved", "--index", corpus.index_dir)
    assert listed.code == 0 and listed.out.splitlines()[1].startswith("odesa: cannot run now: ")
    page = create_app(corpus.index_dir).test_client().get("/saved").get_data(as_text=True)
    assert "This search cannot run now" in page and "Atlantis" in page
