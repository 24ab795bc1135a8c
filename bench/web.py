"""The search page as a browser gets it: GET /?q=… with every facet, map and histogram rendered,
over the three news corpora; against the JSON API for the same searches, in the same run. Then entity
pages (GET /entity/…: spellings and their sources, months, named-together counts, newest documents) of
entities named in 25 to 2,000 documents, against the search page's timings of the same run.

Then whether one user can stall the server: a plain `q=Kyiv` timed alone, and while four threads send
the heaviest queries a user can type (5,000 characters; 2,000 characters of the commonest words ORed;
patterns) as fast as they are answered."""

import threading
import urllib.parse

from wordfreq import top_n_list

from frontline.web.app import create_app

from .common import Timer, corpus_index, report_latency

PAGES = (
    "/?q=Kyiv", "/?q=Kharkov+missile", "/?q=Zelensky", "/?q=grain", "/?q=%22air+defense%22",
    "/?q=Donbass", "/?region=UA-09", "/?q=shelling&region=UA-14&region=UA-09", "/?person=Shoigu",
    "/?q=nuclear&place=Zaporizhzhia", "/?from=2022-03-01&to=2022-03-31", "/?q=HIMARS&sort=date",
    "/?q=Лисичанськ", "/?q=sanctions&date=2022", "/",
)
#: Kyiv, Russia (named in three in four documents), Zelenskyy, Luhansk Oblast as a region, Mariupol, Lysychansk,
#: Serhiy Haidai, a person only the texts know (Anton Vaino), NATO, HIMARS.
ENTITY_PAGES = (
    "/entity/place/ua:UA80000000000093317", "/entity/place/country:RU", "/entity/person/person:volodymyr-zelenskyy",
    "/entity/region/UA-09", "/entity/place/ua:UA14140050010029262", "/entity/place/ua:UA44120050010021900",
    "/entity/person/person:serhiy-haidai", "/entity/person/person:~anton-vaino", "/entity/organization/org:nato",
    "/entity/weapon/weapon:himars",
)
ROUNDS = 5
TARGET_P95_MS = 300
ENTITY_TARGET_P95_MS = 150
HEAVY_THREADS = 4
HEAVY = (
    "x" * 5000,
    " OR ".join(top_n_list("en", 500))[:2000].rsplit(" OR ", 1)[0],
    " ".join(top_n_list("en", 500))[:2000].rsplit(" ", 1)[0],
    " OR ".join(f"{a}{b}*" for a in "kps" for b in "aeiou"),
)


def run():
    client = create_app(corpus_index()).test_client()
    client.get("/")  # open the index and the facet table once, as a running server has
    page_ms, api_ms = [], []
    for _ in range(ROUNDS):
        for path in PAGES:
            page_ms.append(_timed_ms(client, path))
            api_ms.append(_timed_ms(client, "/api/search" + path[1:] if path != "/" else "/api/search"))
    print(f"{len(PAGES)} pages x {ROUNDS} rounds (Flask test client, no network)")
    report_latency(("GET / with results, facets, map, histogram", page_ms),
                   ("GET /api/search, same searches", api_ms), TARGET_P95_MS)
    _entity_pages(client, page_ms)
    _stall(client)


def _entity_pages(client, page_ms: list[float]) -> None:
    """Every entity page ROUNDS times, the first visit to each included; beside the search pages' timings."""
    entity_ms = [_timed_ms(client, path) for _ in range(ROUNDS) for path in ENTITY_PAGES]
    print(f"{len(ENTITY_PAGES)} entity pages x {ROUNDS} rounds")
    report_latency(("GET /entity/… spellings, sources, months, company, documents", entity_ms),
                   ("GET / with results, facets, map, histogram", page_ms), ENTITY_TARGET_P95_MS)


def _timed_ms(client, path: str) -> float:
    """Milliseconds to answer GET path, which must succeed."""
    with Timer() as t:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return t.seconds * 1000


def _stall(client) -> None:
    """q=Kyiv alone, then beside HEAVY_THREADS threads sending the heaviest queries without pause."""
    def kyiv_ms(times: int) -> list[float]:
        timings = []
        for _ in range(times):
            with Timer() as t:
                client.get("/api/search?q=Kyiv")
            timings.append(t.seconds * 1000)
        return timings

    alone = kyiv_ms(20)
    stop, heavy_ms, statuses = threading.Event(), [], set()

    def hammer(offset: int):
        number = offset
        while not stop.is_set():
            with Timer() as t:
                response = client.get("/api/search?q=" + urllib.parse.quote(HEAVY[number % len(HEAVY)]))
            heavy_ms.append(t.seconds * 1000)
            statuses.add(response.status_code)
            number += 1

    threads = [threading.Thread(target=hammer, args=(n,)) for n in range(HEAVY_THREADS)]
    for thread in threads:
        thread.start()
    beside = kyiv_ms(20)
    stop.set()
    for thread in threads:
        thread.join()
    print(f"  the heaviest queries: {len(heavy_ms)} answered ({', '.join(map(str, sorted(statuses)))}), "
          f"slowest {max(heavy_ms):.0f} ms")
    report_latency((f"q=Kyiv beside {HEAVY_THREADS} threads of them", beside), ("q=Kyiv alone", alone),
                   TARGET_P95_MS * 10)
