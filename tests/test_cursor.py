"""The search's cursor: every match, a page at a time, past the 1,000 hits a page may hold."""

import base64
import json
import re

import pytest

from frontline.search.cursor import CursorError
from frontline.search.engine import Engine, SearchRequest
from frontline.web.app import create_app

SORTS = ("relevance", "newest", "oldest")


def walk(engine: Engine, limit: int, **request) -> tuple[list[str], int, int]:
    """(every id the cursor walk returns, the total each page reported, how many pages it took)."""
    ids, cursor, pages = [], "", 0
    while True:
        page = engine.search(SearchRequest(limit=limit, cursor=cursor, **request))
        ids += [hit["id"] for hit in page["hits"]]
        pages += 1
        total, cursor = page["total"], page["cursor"]
        if cursor is None:
            return ids, total, pages


@pytest.fixture(scope="module")
def web_engine(web_index):
    return Engine(web_index)


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("q", ["", "Kyiv OR Kharkiv OR Odesa OR Luhansk"])
def test_walking_the_cursor_returns_the_ranking_a_page_at_a_time(web_engine, q, sort):
    whole = [hit["id"] for hit in web_engine.search(SearchRequest(q=q, sort=sort, limit=100))["hits"]]
    ids, total, pages = walk(web_engine, 2, q=q, sort=sort)
    assert ids == whole and total == len(whole) >= 5
    assert pages == (total + 1) // 2


def test_the_undated_come_last_and_are_walked_too(web_engine):
    ids, total, _pages = walk(web_engine, 3, sort="oldest")
    dates = [web_engine.document(doc_id)["date"] for doc_id in ids]
    dated = [d for d in dates if d]
    assert dated == sorted(dated) and dates[len(dated):] == [""] * (total - len(dated)) and len(dated) < total


def test_the_last_page_has_no_cursor(web_engine):
    everything = web_engine.search(SearchRequest(q="Kyiv", limit=100))
    assert everything["cursor"] is None
    assert web_engine.search(SearchRequest(q="Kyiv", limit=everything["total"] - 1))["cursor"]
    assert web_engine.search(SearchRequest(q="Nothingatallhere", limit=10))["cursor"] is None


def test_a_cursor_continues_only_its_own_search(web_engine):
    cursor = web_engine.search(SearchRequest(q="Kyiv", limit=1))["cursor"]
    for other in (SearchRequest(q="Kharkiv", limit=1, cursor=cursor),
                  SearchRequest(q="Kyiv", limit=1, sort="newest", cursor=cursor),
                  SearchRequest(q="Kyiv", limit=1, filters={"region": ["UA-30"]}, cursor=cursor)):
        with pytest.raises(CursorError, match="another search"):
            web_engine.search(other)
    fields = json.loads(base64.urlsafe_b64decode(cursor + "=="))
    forged = [{**fields, "key": "x"}, {**fields, "extra": 1}, {**fields, "v": 0}, {}]
    for unreadable in ("not-a-cursor", *(base64.urlsafe_b64encode(json.dumps(f).encode()).decode() for f in forged)):
        with pytest.raises(CursorError, match="cannot be read"):
            web_engine.search(SearchRequest(q="Kyiv", limit=1, cursor=unreadable))
    with pytest.raises(CursorError, match="not both"):
        SearchRequest(q="Kyiv", offset=1, cursor=cursor)


def test_the_api_and_the_cli_take_the_cursor(web_index, cli):
    client = create_app(web_index).test_client()
    first = client.get("/api/search?q=Kyiv&limit=2").get_json()
    second = client.get(f"/api/search?q=Kyiv&limit=2&cursor={first['cursor']}").get_json()
    assert [h["id"] for h in first["hits"] + second["hits"]] == \
        [h["id"] for h in client.get("/api/search?q=Kyiv&limit=4").get_json()["hits"]]
    printed = json.loads(cli("search", "--index", web_index, "--json", "--limit", 2, "--cursor", first["cursor"],
                             "Kyiv").out)
    assert [h["id"] for h in printed["hits"]] == [h["id"] for h in second["hits"]]
    assert printed["cursor"] == second["cursor"]
    refused = client.get(f"/api/search?q=Kharkiv&cursor={first['cursor']}")
    assert refused.status_code == 400 and "another search" in refused.get_json()["error"]
    assert client.get(f"/api/search?q=Kyiv&offset=2&cursor={first['cursor']}").status_code == 400
    bad = cli("search", "--index", web_index, "--cursor", "garbled", "Kyiv")
    assert bad.code == 2 and "cursor cannot be read" in bad.err


def test_the_search_page_never_carries_a_cursor_into_its_links(web_index):
    client = create_app(web_index).test_client()
    cursor = client.get("/api/search?q=Kyiv&limit=1").get_json()["cursor"]
    response = client.get(f"/?q=Kyiv&limit=1&cursor={cursor}")
    assert response.status_code == 200
    links = re.findall(r'href="(/\?[^"]*)"', response.get_data(as_text=True))
    assert links and not [link for link in links if "cursor" in link]


def record(number: int, date: str) -> str:
    return json.dumps({"id": f"r{number:02}", "date": date, "text": f"Report {number} from Kharkiv."})


def test_after_a_commit_the_walk_goes_on_after_the_same_document(make_index):
    # One day's reports: the oldest-first order among them is the index's, the order of document numbers.
    corpus = make_index({"a.jsonl": "\n".join(record(n, "2022-03-01") for n in range(8)) + "\n"})
    engine = Engine(corpus.index_dir)
    first = engine.search(SearchRequest(q="Kharkiv", sort="oldest", limit=3))
    assert [h["id"] for h in first["hits"]] == ["r00", "r01", "r02"]
    # r01 goes and later reports arrive, in a rebuild: every document is numbered anew.
    corpus.write({"a.jsonl": "\n".join(record(n, "2022-03-01") for n in range(8) if n != 1) + "\n",
                  "b.jsonl": "\n".join(record(n, "2022-04-01") for n in range(10, 13)) + "\n"})
    corpus.index(rebuild=True)
    rest = engine.search(SearchRequest(q="Kharkiv", sort="oldest", limit=100, cursor=first["cursor"]))
    assert [h["id"] for h in rest["hits"]] == ["r03", "r04", "r05", "r06", "r07", "r10", "r11", "r12"]


@pytest.mark.shared
@pytest.mark.parametrize("sort", SORTS)
def test_the_cursor_walks_every_match_of_a_broad_query(news_corpora, sort):
    engine = Engine(news_corpora.index_dir)
    ids, total, pages = walk(engine, 1000, q="Ukraine OR Russia OR war", sort=sort)
    assert total > 2000 and len(ids) == len(set(ids)) == total
    assert pages == -(-total // 1000)
    every = [hit["id"] for hit in engine.iter_hits(SearchRequest(q="Ukraine OR Russia OR war", sort=sort), text=False)]
    assert ids == every
