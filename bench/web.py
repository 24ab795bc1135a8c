"""The search page as a browser gets it: GET /?q=… with every facet, map and histogram rendered,
over the three news corpora; against the JSON API for the same searches, in the same run."""

from frontline.web.app import create_app

from .common import Timer, corpus_index, report_latency

PAGES = (
    "/?q=Kyiv", "/?q=Kharkov+missile", "/?q=Zelensky", "/?q=grain", "/?q=%22air+defense%22",
    "/?q=Donbass", "/?region=UA-09", "/?q=shelling&region=UA-14&region=UA-09", "/?person=Shoigu",
    "/?q=nuclear&place=Zaporizhzhia", "/?from=2022-03-01&to=2022-03-31", "/?q=HIMARS&sort=date",
    "/?q=Лисичанськ", "/?q=sanctions&date=2022", "/",
)
ROUNDS = 5
TARGET_P95_MS = 300


def run():
    client = create_app(corpus_index()).test_client()
    client.get("/")  # open the index and the facet table once, as a running server has
    page_ms, api_ms = [], []
    for _ in range(ROUNDS):
        for path in PAGES:
            with Timer() as t:
                response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            page_ms.append(t.seconds * 1000)
            api = "/api/search" + path[1:] if path != "/" else "/api/search"
            with Timer() as t:
                client.get(api)
            api_ms.append(t.seconds * 1000)
    print(f"{len(PAGES)} pages x {ROUNDS} rounds (Flask test client, no network)")
    report_latency(("GET / with results, facets, map, histogram", page_ms),
                   ("GET /api/search, same searches", api_ms), TARGET_P95_MS)
