"""The query language as researchers type it (Kibana, Aleph): each case's total against a plain count.

The plain count reads the documents below with Python (words, phrases, dates, sources), so a case
checks what the query language means, not what the engine happens to return.
"""

import json
import re

import pytest

from frontline.search.filters import FilterError
from frontline.search.query import QuerySyntaxError
from frontline.web.app import create_app

from conftest import Corpus

DOCS = [
    {"id": "d01", "title": "Air defense downs drones over Kyiv", "date": "2022-10-17", "source": "kyivindependent.com",
     "text": "Ukrainian air defense shot down drones over Kyiv overnight."},
    {"id": "d02", "title": "Patriot batteries arrive", "date": "2023-04-19", "source": "theguardian.com",
     "url": "https://www.theguardian.com/world/2023/apr/19/patriot-batteries",
     "text": "The first Patriot battery arrived in Ukraine. Air defence crews trained in Germany."},
    {"id": "d03", "title": "Power plant hit", "date": "2022-10-10", "source": "nytimes.com",
     "text": "A missile struck a thermal power plant and a substation near Kharkiv."},
    {"id": "d04", "title": "Substation repaired", "date": "2022-11-02", "source": "president.gov.ua",
     "url": "https://www.president.gov.ua/en/news/substation-repaired",
     "text": "Engineers repaired the substation in Odesa after shelling."},
    {"id": "d05", "title": "Russia-Ukraine war: what we know on day 139 of the invasion", "date": "2022-07-12",
     "source": "theguardian.com",
     "text": "Ukrainian forces used HIMARS to strike an ammunition depot in Nova Kakhovka, officials said."},
    {"id": "d06", "title": "Burger and two fries? Russia unveils logo as it replaces McDonald’s", "date": "2022-06-10",
     "source": "theguardian.com",
     "text": "The replacement for McDonald’s has unveiled its new logo ahead of a grand reopening in Moscow."},
    {"id": "d07", "title": "Sanctions on Russia widen", "date": "2022-04-08", "source": "kremlin.ru",
     "url": "http://en.kremlin.ru/events/president/news/68700",
     "text": "The EU agreed new sanctions against Russia over the war."},
    {"id": "d08", "title": "Grain exports", "date": "2022-07-22", "source": "un.org",
     "text": "Sanctions do not cover grain and fertiliser exports, the UN said."},
    {"id": "d09", "title": "Governor's briefing", "date": "2022-06-01", "source": "kyivindependent.com",
     "text": "Luhansk governor Serhiy Haidai said that fighting in Severodonetsk continued."},
    {"id": "d10", "title": "Evacuation", "date": "2022-05-20", "source": "kyivindependent.com",
     "text": "Serhiy Haidai spoke at length about the humanitarian situation, the evacuation buses, the lack of "
             "water and the damaged bridges, and only then about Sievierodonetsk itself."},
    {"id": "d11", "text": "President: We will never forget what happened in Bucha."},
    {"id": "d12", "title": "Update: Kharkiv shelled again", "date": "2022-05-01", "source": "nytimes.com",
     "text": "Shelling hit Kharkiv overnight."},
    {"id": "d13", "title": "Queues for water", "date": "2022-03-03", "source": "kremlin.ru",
     "text": "Kharkov residents queue for water."},
    {"id": "d14", "title": "Minister on sanctions", "source": "un.org",
     "text": "Sanctions against Russia will stay, the minister said in Kyiv."},
]
ALL = {d["id"] for d in DOCS}


def words_of(doc: dict) -> list[str]:
    return re.findall(r"\w+", f"{doc.get('title', '')} {doc['text']}".lower())


def having(*words: str) -> set[str]:
    """Documents with every word (a word ending in * : any word it starts)."""
    def has(doc, word):
        found = words_of(doc)
        return any(w.startswith(word[:-1]) for w in found) if word.endswith("*") else word in found
    return {d["id"] for d in DOCS if all(has(d, w) for w in words)}


def phrase(text: str) -> set[str]:
    return {d["id"] for d in DOCS if f" {text} " in " " + " ".join(words_of(d)) + " "}


def dated(low: str, high: str) -> set[str]:
    return {d["id"] for d in DOCS if d.get("date") and low <= d["date"][: len(low)] and d["date"][: len(high)] <= high}


@pytest.fixture(scope="module")
def news(build_index) -> Corpus:
    corpus = build_index({"news.jsonl": "".join(json.dumps(d) + "\n" for d in DOCS)}, name="query-language")
    assert corpus.summary.added == len(DOCS) and corpus.problems == []
    return corpus


def found(news, q: str, **request) -> set[str]:
    result = news.search(q, limit=100, **request)
    assert result["total"] == len(result["hits"])
    return {hit["id"] for hit in result["hits"]}


# --- phrases with operators ---------------------------------------------------------------------


@pytest.mark.parametrize("q, expected", [
    ('"air defense" OR Patriot', phrase("air defense") | having("patriot")),
    ('"power plant" AND substation', phrase("power plant") & having("substation")),
    ('("power plant" OR substation)', phrase("power plant") | having("substation")),
    ('"air defense" OR "air defence"', phrase("air defense") | phrase("air defence")),
    ('("power plant" OR substation) NOT Odesa', (phrase("power plant") | having("substation")) - having("odesa")),
    ('title:"power plant" OR title:substation', {"d03", "d04"}),
    ("title:(substation OR patriot)", {"d02", "d04"}),
])
def test_phrases_combine_with_operators(news, q, expected):
    assert expected and found(news, q) == expected


# --- pasted headlines read as words ------------------------------------------------------------


@pytest.mark.parametrize("headline, doc_id", [
    ("Russia-Ukraine war: what we know on day 139", "d05"),
    ("Update: Kharkiv", "d12"),
    ("Nova Kakhovka: HIMARS", "d05"),
    ("President: We will never forget", "d11"),
    ("Burger and two fries? Russia unveils logo", "d06"),
    ("Burger and two fries? Russia unveils logo as it replaces McDonald’s", "d06"),
])
def test_a_pasted_headline_finds_its_article_first(news, headline, doc_id):
    result = news.search(headline)
    assert result["hits"][0]["id"] == doc_id
    # The colon and question mark are punctuation: the same as the words alone.
    assert result["total"] == news.search(re.sub(r"[:?]", " ", headline))["total"]


def test_a_known_field_with_a_colon_is_still_a_field(news):
    assert found(news, "title: Kharkiv") == found(news, "title:Kharkiv") == {"d12"}
    assert found(news, "Title:Kharkiv") == {"d12"}


# --- boolean algebra ----------------------------------------------------------------------------------


@pytest.mark.parametrize("a, b", [("sanctions", "Russia"), ("Kharkiv", "shelling"), ('"air defense"', "Kyiv"),
                                  ("Haidai", "Severodonetsk"), ("Kyiv", "water")])
def test_not_is_the_complement_and_totals_obey_the_algebra(news, a, b):
    total = {q: news.search(q, limit=0)["total"] for q in (a, b, f"{a} OR {b}", f"{a} AND {b}", f"{a} NOT {b}",
                                                          f"{a} -{b}", f"NOT {b}", f"-{b}")}
    assert total[f"{a} OR {b}"] >= max(total[a], total[b])
    assert total[f"{a} AND {b}"] <= min(total[a], total[b])
    assert total[f"{a} NOT {b}"] == total[f"{a} -{b}"] == total[a] - total[f"{a} AND {b}"]
    assert total[f"NOT {b}"] == total[f"-{b}"] == len(DOCS) - total[b]


def test_sanctions_not_russia_against_a_plain_count(news):
    assert found(news, "sanctions NOT Russia") == having("sanctions") - having("russia") == {"d08"}


@pytest.mark.parametrize("q", ["kharkiv", "KHARKIV", "Kharkiv", "kHARKIV"])
def test_case_never_changes_what_is_found(news, q):
    assert found(news, q) == {"d03", "d12", "d13"}  # Kharkov too: one entity


# --- fields, dates, patterns, proximity, everything ---------------------------------------------


@pytest.mark.parametrize("q, expected", [
    ("url:kremlin", {d["id"] for d in DOCS if "kremlin" in d.get("url", "")}),
    ("url:theguardian", {d["id"] for d in DOCS if "theguardian" in d.get("url", "")}),
    ('url:"president.gov.ua"', {"d04"}),
    ("source:kremlin", {d["id"] for d in DOCS if "kremlin" in d.get("source", "")}),
    ("source:kremlin.ru", {"d07", "d13"}),
    ("source:thegua*", {d["id"] for d in DOCS if d.get("source", "").startswith("thegua")}),
    ("date:2022", dated("2022", "2022")),
    ("date:2022*", dated("2022", "2022")),
    ("date:2022-10", dated("2022-10", "2022-10")),
    ("date:2022-10-17", {"d01"}),
    ("date:[2022-03 TO 2022-06]", dated("2022-03", "2022-06")),
    ("date:[2022-07 TO *]", dated("2022-07", "9999")),
    ("Khar*", having("khar*")),
    ("*", ALL),
    ("", ALL),
    ('"Haidai Severodonetsk"~10', {"d09"}),  # d10 names them too, 25 words apart
    ('"Haidai Severodonetsk"~40', {"d09", "d10"}),  # in any spelling: Sievierodonetsk
    ("batery~1", having("battery") | having("batteries")),  # one edit from the word's stem
])
def test_fields_dates_patterns_and_proximity(news, q, expected):
    assert found(news, q) == expected


def test_source_words_match_whole_words_of_the_source(news):
    assert found(news, "source:guardian") == set()  # "theguardian" is one word
    assert found(news, "source:theguardian") == {"d02", "d05", "d06"}


# --- refused with a message, never a crash ----------------------------------------------------------


@pytest.mark.parametrize("q, message", [
    ("Kharkiv " * 800, "at most 2,000 are read"),
    ("x" * 5000, "at most 2,000 are read"),
    (" OR ".join(f"{letter}*" for letter in "abcdefghijklmnopqrstuvwxy"), "more than 20 patterns"),
    ('"air defense', "unclosed quote"),
    ("date:[2022-06 TO 2022-01]", "after it ends"),
    ("date:sometime", "is no date"),
])
def test_what_cannot_be_run_is_refused_with_a_message(news, q, message):
    with pytest.raises(QuerySyntaxError, match=re.escape(message)):
        news.search(q)


def test_a_pattern_that_matches_too_many_words_is_refused(make_index, monkeypatch):
    import frontline.search.query as query

    corpus = make_index({"many.txt": " ".join(f"kharkiv{n}" for n in range(60))})
    monkeypatch.setattr(query, "MAX_TERMS", 50)
    with pytest.raises(QuerySyntaxError, match="more than 50 index terms"):
        corpus.search("kharkiv*")
    assert corpus.search("kharkiv1*")["total"] == 1  # 11 words


@pytest.mark.parametrize("filters, date_from, date_to, message", [
    ({"region": ["nonsense"]}, "", "", "no such filter value: region=nonsense"),
    ({}, "2022-09", "2022-03", "starts (2022-09) after it ends (2022-03)"),
    ({}, "whenever", "", "no such filter value: from=whenever"),
])
def test_filters_that_cannot_be_applied_are_refused(news, filters, date_from, date_to, message):
    with pytest.raises(FilterError, match=re.escape(message)):
        news.search("Kyiv", filters=filters, date_from=date_from, date_to=date_to)


# --- the same over HTTP: search, exports, the UI -------------------------------------------------------


@pytest.fixture(scope="module")
def client(news):
    return create_app(news.index_dir).test_client()


@pytest.mark.parametrize("path", ["/api/search", "/export.csv", "/export.json", "/"])
@pytest.mark.parametrize("query, message", [
    ('q="bad', "unclosed quote"),
    ("q=Kyiv&region=nonsense", "no such filter value: region=nonsense"),
    ("q=Kyiv&from=2022-09&to=2022-03", "after it ends"),
    ("q=" + "Kharkiv+" * 800, "at most 2,000 are read"),
    ("q=" + "x" * 5000, "at most 2,000 are read"),
])
def test_every_endpoint_answers_the_same_400(client, path, query, message):
    response = client.get(f"{path}?{query}")
    assert response.status_code == 400
    if path == "/":
        assert message in response.get_data(as_text=True)
    else:
        assert message in response.get_json()["error"]


def test_url_field_answers_over_http(client):
    answer = client.get("/api/search?q=url:kremlin").get_json()
    assert [hit["id"] for hit in answer["hits"]] == ["d07"]


def test_sorting_by_date_puts_undated_last_both_ways(client):
    for sort in ("newest", "oldest"):
        hits = client.get(f"/api/search?q=sanctions&sort={sort}").get_json()["hits"]
        assert [h["id"] for h in hits] == {"newest": ["d08", "d07", "d14"], "oldest": ["d07", "d08", "d14"]}[sort]


@pytest.mark.parametrize("q", ["Kharkiv OR sanctions OR Kyiv OR water", "sanctions OR Russia", "Khar* OR Kyiv"])
@pytest.mark.parametrize("limit", [0, 1, 2])
def test_the_total_counts_every_match_whatever_the_page_size(news, q, limit):
    """Whoosh skips documents that cannot reach the page once it is full; the total must not."""
    assert news.search(q, limit=limit)["total"] == len(found(news, q)) > 3


def test_the_total_counts_matches_that_cannot_reach_the_page(make_index):
    """Once the page is full, Whoosh drops the parts of an OR whose best score cannot reach it
    (matcher replacement); the total still counts the documents only those parts match."""
    # Scores that rise from one document to the next raise the page's lowest score as it fills (the weak
    # reports are copies of one story: every copy is listed).
    strong = [{"id": f"s{n}", "text": "Bakhmut shelled. " * n} for n in range(1, 6)]
    weak = [{"id": f"w{n}", "text": "A long report on the harvest. " * 20 + "Grain left Odesa."} for n in range(100)]
    corpus = make_index({"many.jsonl": "".join(json.dumps(d) + "\n" for d in strong + weak)})
    for limit in (1, 2):
        result = corpus.search("Bakhmut OR grain", limit=limit, collapse=False)
        assert result["total"] == 105 and len(result["hits"]) == limit
        assert result["hits"][0]["id"].startswith("s")


@pytest.mark.parametrize("q, expected", [
    ("date:{2022-07 TO 2022-11]", dated("2022-08", "2022-11")),
    ("date:[2022-07 TO 2022-11}", dated("2022-07", "2022-10")),
    ("date:{2022-07 TO 2022-11}", dated("2022-08", "2022-10")),
    ("date:{2022 TO *}", dated("2023", "9999")),
    ("date:{* TO 2023}", dated("0000", "2022")),
])
def test_exclusive_date_bounds_leave_out_the_whole_period(news, q, expected):
    assert expected and found(news, q) == expected
