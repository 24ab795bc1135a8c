"""The web UI and JSON API through Flask's test client: every route, its errors, and escaping."""

import csv
import io
import json
import re
import socket

import pytest

from frontline.search.engine import Engine, SearchRequest
from frontline.web import document, export
from frontline.web.app import create_app
from frontline.web.charts import MAP_FILE, month_bars, shade
from frontline.web.server import OneAtATime, serve

SEED_001 = "001_7e40db191626a058.txt"
ALL_DOCS = 9  # corpus/ (5) + tests/web_corpus/extra.jsonl (4)


@pytest.fixture(scope="module")
def client(web_index):
    app = create_app(web_index)
    app.testing = True
    return app.test_client()


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.data[:500]
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def api(client, url: str, status: int = 200):
    response = client.get(url)
    assert response.status_code == status, response.data[:500]
    assert response.mimetype == "application/json"
    return response.get_json()


def hit_ids(html: str) -> list[str]:
    return re.findall(r'<li class="hit">\s*<h2><a href="/doc/([^"?]+)', html)


# -- the search page ---------------------------------------------------------------------

def test_home_browses_every_document_with_map_histogram_and_facets(client):
    html = page(client, "/")
    assert len(hit_ids(html)) == ALL_DOCS
    assert f"<strong>{ALL_DOCS}</strong> documents" in html
    assert len(re.findall(r'<a href="[^"]*" data-region="UA-\d\d"', html)) == 27
    assert 'data-month="2022-05"' in html
    for title in ("Region", "Place", "Person", "Organisation", "Weapon", "Source"):
        assert f'">{title} <span class="n">' in html


def test_variant_spelling_is_marked_where_printed_and_explained(client):
    html = page(client, "/?q=Lisichansk")
    assert SEED_001 in hit_ids(html)
    marked = set(re.findall(r"<mark>([^<]+)</mark>", html))
    assert marked & {"Lisichansk", "Lysichansk", "Lysychansk"}
    assert re.search(r'class="matched">Matched via <b>[^<]*→ Lysychansk', html)


def test_cyrillic_query_finds_the_latin_spelling(client):
    assert SEED_001 in hit_ids(page(client, "/?q=Лисичанськ"))


def test_strict_spelling_toggle_is_kept_and_applied(client):
    html = page(client, "/?q=Lisichansk&exact=1")
    assert 'name="exact" value="1" checked' in html
    assert api(client, "/api/search?q=Kiev&exact=1")["total"] < api(client, "/api/search?q=Kiev")["total"]


def test_facet_link_adds_a_filter_and_the_chip_removes_it(client):
    html = page(client, "/?q=Kyiv")
    link = re.search(r'href="([^"]*region=UA-09[^"]*)" data-value="UA-09"', html).group(1)
    filtered = page(client, link.replace("&amp;", "&"))
    assert len(hit_ids(filtered)) < len(hit_ids(html))
    chip = re.search(r'<a class="chip removable" href="([^"]*)" data-filter="region=UA-09"', filtered)
    assert "Luhansk Oblast" in filtered[chip.start():chip.start() + 400]
    assert 'class="facet-value active" href="/?q=Kyiv" data-value="UA-09"' in filtered  # click again: removed
    assert chip.group(1) == "/?q=Kyiv"
    assert '<input type="hidden" name="region" value="UA-09">' in filtered  # a new query keeps the filter


def test_filters_or_within_a_facet_and_and_across(client):
    luhansk = api(client, "/api/search?region=UA-09")["total"]
    odesa = api(client, "/api/search?region=UA-51")["total"]
    both = api(client, "/api/search?region=UA-09&region=UA-51")
    assert both["total"] == luhansk + odesa
    assert [f["value"] for f in both["filters"]] == ["UA-09", "UA-51"]
    assert api(client, "/api/search?region=UA-09&source=Reuters")["total"] == 0


def test_date_filters_from_the_histogram_and_the_range_form(client):
    assert [h["id"] for h in api(client, "/api/search?date=2022-05")["hits"]] == ["extra-2"]
    ranged = api(client, "/api/search?from=2022-05&to=2022-07")
    assert {h["id"] for h in ranged["hits"]} == {"extra-2", "extra-3", "extra-4"}
    html = page(client, "/?date=2022-05")
    assert 'class="month active"' in html and 'data-filter="date=2022-05"' in html


def test_pagination_and_page_size(client):
    first = page(client, "/?limit=2")
    assert len(hit_ids(first)) == 2
    assert 'aria-label="Pages of results"' in first and 'href="/?limit=2&amp;offset=2" rel="next"' in first
    second = page(client, "/?limit=2&offset=2")
    assert '<ol class="hits" start="3">' in second
    assert not set(hit_ids(first)) & set(hit_ids(second))
    assert '<span class="current" aria-current="page">2</span>' in second


@pytest.mark.parametrize("newest, oldest", [("newest", "oldest"), ("-date", "date")])
def test_sort_by_date(client, newest, oldest):
    dates = [h["date"] for h in api(client, f"/api/search?sort={newest}&limit=20")["hits"] if h["date"]]
    assert dates == sorted(dates, reverse=True) and dates
    dates = [h["date"] for h in api(client, f"/api/search?sort={oldest}&limit=20")["hits"] if h["date"]]
    assert dates == sorted(dates)


def test_sort_menu_names_the_order_shown(client):
    html = page(client, "/?q=Kyiv&sort=date")
    assert '<option value="oldest" selected>Oldest first</option>' in html


def test_did_you_mean_offers_names_with_documents(client):
    html = page(client, "/?q=Kharko")
    assert "No documents" in html
    assert re.search(r'Did you mean\s*<a href="/\?q=Kharkiv">Kharkiv</a>', html)


def test_query_syntax_error_is_a_message_not_a_traceback(client):
    html = page(client, '/?q=%22air+defense', status=400)
    assert "could not be read" in html and "unclosed quote at character 1" in html
    assert "Traceback" not in html
    assert api(client, '/api/search?q=%22air+defense', status=400) == {
        "error": 'unclosed quote at character 1: add the closing "'}


@pytest.mark.parametrize("query", ["limit=ten", "offset=-x", "sort=latest"])
def test_unreadable_parameters_are_refused(client, query):
    assert "error" in api(client, f"/api/search?{query}", status=400)
    assert "Traceback" not in page(client, f"/?{query}", status=400)


# -- escaping: document text is data, never markup ----------------------------------------

def test_script_in_a_document_is_shown_as_text_on_every_page(client):
    html = page(client, "/?q=alert")
    assert "extra-script" in hit_ids(html)
    assert "<script>alert" not in html
    assert "Test &lt;script&gt;alert(1)&lt;/script&gt; headline" in html

    doc = page(client, "/doc/extra-script")
    assert "<script>alert" not in doc and "<b>bold" not in doc
    assert "quotes &lt;script&gt;alert(1)&lt;/script&gt;" in doc and "&lt;b&gt;bold&lt;/b&gt; &amp; ampersand" in doc
    assert 'href="javascript:' not in doc  # a non-http URL is shown, not linked


def test_api_returns_document_text_as_json_data(client):
    response = client.get("/api/doc/extra-script")
    assert response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "<script>alert(1)</script>" in response.get_json()["text"]
    hit = api(client, "/api/search?q=alert")["hits"][0]
    assert "&lt;script&gt;" in "".join(hit["snippets"]) and "<script>" not in "".join(hit["snippets"])


def test_pages_load_nothing_from_elsewhere(client):
    response = client.get("/")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    html = response.get_data(as_text=True)
    assert not re.search(r'<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?//', html)
    for asset in ("app.css", "app.js", "favicon.svg", "ukraine-oblasts.json", "MAP-PROVENANCE.md"):
        assert client.get(f"/static/{asset}").status_code == 200


# -- the document page --------------------------------------------------------------------

def test_document_page_links_entities_to_their_filters(client):
    html = page(client, f"/doc/{SEED_001}?q=Lisichansk")
    assert "Russian missiles aim at Kyiv" in html
    assert '<a href="/?q=Lisichansk">← Back to results</a>' in html
    entity = r'<a class="ent kind-{}" href="/\?{}={}" title="[^"]+">{}</a>'
    # The query's match is marked inside the mention's link.
    assert re.search(entity.format("place", "place", "ua:[^\"]+", '<mark data-match="0" id="match-0">Lysichansk</mark>'), html)
    assert re.search(entity.format("person", "person", "person:vitali-klitschko", "Vitali Klitschko"), html)
    similar = html[html.index('id="h-similar"'):]
    assert len(re.findall(r'<li><a href="/doc/', similar)) >= 3 and SEED_001 not in similar


SEED_000 = "000_60fd183bd79a48d3.txt"  # prints Kyiv three times and Kiev once


def marks(html: str) -> list[tuple[str, str]]:
    """(match number, text) of each <mark> in the document's text."""
    text = html[html.index('<div class="text">'):]
    return re.findall(r'<mark data-match="(\d+)"[^>]*>([^<]*)</mark>', text)


@pytest.mark.parametrize("q", ["Kyiv", "Київ", "kiev"])
def test_document_page_marks_the_query_in_every_spelling_and_says_why(client, q):
    html = page(client, f"/doc/{SEED_000}?q={q}&region=UA-30")
    assert marks(html) == [("0", "Kyiv"), ("1", "Kyiv"), ("2", "Kiev"), ("3", "Kyiv")]
    summary = html[html.index('class="match-summary"'):html.index('class="match-nav"')]
    assert "<strong>4</strong> matches of <q>" in summary
    assert re.search(r"\((kiev|Kiev|Київ) → Kyiv, (Russian-era|Cyrillic) spelling\)", summary)
    assert 'href="#match-0"' in html  # without JavaScript: a link to the first match
    assert '← Back to results' in html and "region=UA-30" in html[html.index('class="crumbs"'):]


def test_document_page_marks_one_spelling_when_strict(client):
    html = page(client, f"/doc/{SEED_000}?q=Kiev&exact=1")
    assert marks(html) == [("0", "Kiev")]
    assert "→" not in html[html.index('class="match-summary"'):html.index('class="match-nav"')]


def test_document_page_marks_words_and_a_phrase(client):
    html = page(client, f"/doc/{SEED_001}?q=%22air+force%22+OR+Klitschko")
    marked = [text for _n, text in marks(html)]
    assert marked[0] == "Vitali Klitschko"  # a name is marked as the whole name the text prints
    assert {"Air", "Force"} <= set(marked) <= {"Vitali Klitschko", "Air", "Force", "forces"}  # words by their stems


def test_document_page_without_a_query_marks_nothing(client):
    html = page(client, f"/doc/{SEED_000}")
    assert marks(html) == [] and "match-bar" not in html


def test_document_page_with_an_unreadable_query_still_shows_the_document(client):
    html = page(client, f"/doc/{SEED_000}?q=%22unclosed")
    assert "could not be marked in the text" in html and marks(html) == []
    assert '<div class="text">' in html


def test_marks_in_a_document_escape_its_text(client):
    html = page(client, "/doc/extra-script?q=alert")
    assert ("0", "alert") in marks(html)
    assert "&lt;script&gt;" in html and "<script>alert" not in html


def test_a_match_crossing_a_mention_is_cut_at_its_edge_and_keeps_its_number():
    text = "in Kyiv Oblast today"
    mention = {"start": 3, "end": 7, "kind": "place", "id": "kyiv"}
    assert document.segments(text, [mention], [(3, 14)]) == [
        (None, [("in ", None, False)]),
        (mention, [("Kyiv", 0, True)]),
        (None, [(" Oblast", 0, False), (" today", None, False)]),
    ]


def test_unknown_document_is_404(client):
    assert "No document has the id" in page(client, "/doc/no-such-doc", status=404)
    assert api(client, "/api/doc/no-such-doc", status=404) == {"error": "No document has the id 'no-such-doc'."}


# -- the JSON API ---------------------------------------------------------------------------

def test_api_search_is_exactly_the_engines_answer(client, web_index):
    answer = api(client, "/api/search?q=Kyiv&limit=3&offset=1&region=UA-30&sort=relevance")
    expected = Engine(web_index).search(SearchRequest(q="Kyiv", limit=3, offset=1, filters={"region": ["UA-30"]}))
    answer.pop("took_ms"), expected.pop("took_ms")
    assert answer == expected
    assert list(answer) == list(expected)


def test_api_search_without_a_query_browses_the_filtered_documents(client):
    answer = api(client, "/api/search?source=Test+Wire")
    assert {h["id"] for h in answer["hits"]} == {"extra-script", "extra-4"}


def test_api_names_is_fuzzy_and_counts_documents(client):
    kharkiv = api(client, "/api/names?q=Kharko&limit=3")["names"][0]
    assert (kharkiv["label"], kharkiv["kind"], kharkiv["region"]) == ("Kharkiv", "place", "UA-63")
    assert kharkiv["documents"] >= 1
    assert api(client, "/api/names?q=Zelenskiy")["names"][0]["label"] == "Volodymyr Zelenskyy"
    assert api(client, "/api/names?q=Лисичанськ")["names"][0]["label"] == "Lysychansk"
    assert len(api(client, "/api/names?q=Ko&limit=2")["names"]) <= 2


def test_api_doc_has_entity_offsets_into_the_text(client):
    doc = api(client, f"/api/doc/{SEED_001}")
    assert {"id", "title", "date", "source", "url", "lang", "text", "entities"} <= set(doc)
    assert doc["entities"]
    for mention in doc["entities"]:
        assert doc["text"][mention["start"]:mention["end"]] == mention["text"]
        assert mention["kind"] in ("place", "person", "organization", "weapon") and mention["id"] and mention["label"]
    assert any(m["label"] == "Lysychansk" and m["text"] == "Lysichansk" for m in doc["entities"])


def test_api_facet_values(client):
    answer = api(client, "/api/facets/place?q=Kh")
    assert "Kharkiv" in [v["label"] for v in answer["values"]]
    scoped = api(client, "/api/facets/place?q=Kh&search=Odesa")
    assert "Kharkiv" not in [v["label"] for v in scoped["values"]]
    assert "unknown facet" in api(client, "/api/facets/colour", status=400)["error"]


# -- exports ---------------------------------------------------------------------------------

def read_csv(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=\"frontline-")
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def test_csv_export_has_every_matching_document_and_no_formulas(client):
    rows = read_csv(client, "/export.csv?limit=1&offset=3")  # the page's limit and offset do not apply
    assert len(rows) == ALL_DOCS and len({r["id"] for r in rows}) == ALL_DOCS
    assert list(rows[0]) == list(export.CSV_COLUMNS)
    formula = next(r for r in rows if r["id"] == "extra-4")
    assert formula["title"].startswith("'=HYPERLINK")
    kyiv = read_csv(client, "/export.csv?q=Kyiv&region=UA-30")
    assert len(kyiv) == api(client, "/api/search?q=Kyiv&region=UA-30")["total"]


def test_json_export(client):
    response = client.get("/export.json?q=Kyiv")
    assert response.headers["Content-Disposition"] == 'attachment; filename="frontline-kyiv.json"'
    data = json.loads(response.get_data(as_text=True))
    found = api(client, "/api/search?q=Kyiv&limit=100")
    assert data["total"] == len(data["hits"]) == found["total"]
    assert [h["id"] for h in data["hits"]] == [h["id"] for h in found["hits"]]  # same ranking
    assert all("Kyiv" in h["text"] or "Kiev" in h["text"] or "Київ" in h["text"] for h in data["hits"])


def test_export_refuses_a_bad_query(client):
    assert "unclosed" in api(client, "/export.csv?q=%22x", status=400)["error"]


# -- no index, server, map data ---------------------------------------------------------------

def test_without_an_index_the_page_says_what_to_run(tmp_path):
    client = create_app(tmp_path / "nothing").test_client()
    response = client.get("/?q=Kyiv")
    assert response.status_code == 503 and b"frontline index" in response.data
    answer = client.get("/api/search?q=Kyiv")
    assert answer.status_code == 503 and "frontline index" in answer.get_json()["error"]


def test_serve_reports_a_busy_port(web_index, capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        assert serve(web_index, "127.0.0.1", busy.getsockname()[1]) == 1
    assert "cannot listen" in capsys.readouterr().err


@pytest.mark.parametrize("workers", [2, 1])
def test_serve_answers_from_several_worker_processes_or_one(web_index, workers):
    """--workers 2: pre-forked processes, each opening the index itself; 1: one process's threads."""
    import subprocess
    import sys
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "frontline.cli", "serve", "--index", str(web_index),
                               "--port", str(port), "--workers", str(workers)], stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line
        assert ("2 worker processes" in line) == (workers == 2)
        answers = []
        for _ in range(6):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/search?q=Kyiv", timeout=30) as response:
                answers.append(json.loads(response.read())["total"])
        assert len(set(answers)) == 1 and answers[0] > 0
        if workers == 2:
            import psutil

            assert len(psutil.Process(server.pid).children()) == 2
    finally:
        server.terminate()
        assert server.wait(timeout=30) is not None


def _call(app, environ=None) -> list[bytes]:
    """app's answer to a GET (or to environ), its body read to the end."""
    statuses = []
    body = app({"REQUEST_METHOD": "GET", "PATH_INFO": "/", **(environ or {})},
               lambda status, headers: statuses.append(status))
    return [*body, statuses[0].encode()]


def test_a_process_runs_one_request_at_a_time_and_answers_every_one():
    import threading
    import time

    inside, most, lock = [0], [0], threading.Lock()

    def app(environ, start_response):
        with lock:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        time.sleep(0.02)
        with lock:
            inside[0] -= 1
        start_response("200 OK", [])
        return [environ["PATH_INFO"].encode()]

    turns, answers = OneAtATime(app), []
    threads = [threading.Thread(target=lambda n=n: answers.append(_call(turns, {"PATH_INFO": f"/{n}"})))
               for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most[0] == 1
    assert sorted(answers) == sorted([f"/{n}".encode(), b"200 OK"] for n in range(8))


def test_a_streamed_body_and_a_slow_request_body_take_no_turn():
    """An export still being sent, and a client still sending its form, leave the app to the others."""
    import threading

    released = threading.Event()

    def export():
        yield b"first"
        yield b"rest" if released.wait(5) else b"timed out"

    def app(environ, start_response):
        start_response("200 OK", [])
        return export() if environ["PATH_INFO"] == "/export" else [environ["wsgi.input"].read()]

    class SlowBody:
        def read(self, size=-1):
            released.wait(5)
            return b"q=Kyiv"

    turns, answers = OneAtATime(app), []
    streaming = turns({"REQUEST_METHOD": "GET", "PATH_INFO": "/export"}, lambda *_: None)
    form = {"REQUEST_METHOD": "POST", "PATH_INFO": "/save", "CONTENT_LENGTH": "6", "wsgi.input": SlowBody()}
    sending = threading.Thread(target=lambda: answers.append(_call(turns, form)))
    sending.start()
    assert _call(turns, {"PATH_INFO": "/api/search", "wsgi.input": io.BytesIO(b"")}) == [b"", b"200 OK"]
    assert not answers  # the form is still on its way, and the export unfinished
    released.set()
    sending.join(5)
    assert answers == [[b"q=Kyiv", b"200 OK"]] and list(streaming) == [b"first", b"rest"]


def test_map_has_every_oblast_under_its_region_code():
    from frontline.index.gazetteer.store import Gazetteer

    outlines = json.loads(MAP_FILE.read_text(encoding="utf-8"))
    codes = [r["code"] for r in outlines["regions"]]
    oblasts = [code for code in Gazetteer.load().regions if code.startswith("UA-")]
    assert sorted(codes) == sorted(oblasts) and len(codes) == 27
    assert codes[-2:] == ["UA-30", "UA-40"]  # the cities are drawn over their oblasts


def test_shades_and_month_bars():
    assert [shade(n, 100) for n in (0, 1, 100)] == [0, 1, 5]
    bars = month_bars([{"value": "2022-03", "count": 4}, {"value": "2022-05", "count": 2}], ["2022-05"])
    assert len(bars) == 12 and [b["count"] for b in bars if b["count"]] == [4, 2]
    assert [b["value"] for b in bars if b["active"]] == ["2022-05"]
    assert len(month_bars([{"value": "1900-01", "count": 1}, {"value": "2022-03", "count": 1}], [])) == 2
    ranged = month_bars([{"value": "2022-03", "count": 4}], [], "2022-02-15", "2022-04")
    assert [b["value"] for b in ranged if b["active"]] == ["2022-02", "2022-03", "2022-04"]


def test_entity_chips_on_hits_link_to_their_filters(web_index):
    """The engine's hits may name their entities; each becomes a chip that filters by it."""
    app = create_app(web_index)
    engine = app.extensions["frontline"].engine
    plain = engine.search

    def with_entities(request):
        answer = plain(request)
        for hit in answer["hits"]:
            hit["entities"] = [{"facet": "person", "value": "person:vitali-klitschko", "label": "Vitali Klitschko"}]
        return answer

    engine.search = with_entities
    html = page(app.test_client(), "/?q=Klitschko")
    chip = '<a class="chip kind-person" href="/?q=Klitschko&amp;person=person%3Avitali-klitschko">Vitali Klitschko</a>'
    assert chip in html
