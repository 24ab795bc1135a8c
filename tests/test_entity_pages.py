"""Entity pages: /api/entity/<facet>/<value> and /entity/<facet>/<value>, and the links to them."""

import re
from pathlib import Path

import pytest

from frontline.web.app import create_app

KYIV = "ua:UA80000000000093317"
KHARKIV = "ua:UA63120270010096107"
CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def get(client, url: str, status: int = 200, mimetype: str = "application/json"):
    response = client.get(url)
    assert response.status_code == status, response.data[:500]
    assert response.mimetype == mimetype
    return response.get_json() if mimetype == "application/json" else response.get_data(as_text=True)


@pytest.fixture(scope="module")
def seed_client(seed_index):
    return create_app(seed_index).test_client()


@pytest.fixture(scope="module")
def web_client(web_index):
    return create_app(web_index).test_client()


def test_api_entity_on_the_seed_corpus(seed_client):
    """Kyiv in corpus/: every document names it; 22 times as Kyiv (titles too, "Kyiv region" and "Kyiv city"
    being the oblast and the city's own region) and once as Kiev, in 000's list of cities."""
    kyiv = get(seed_client, f"/api/entity/place/{KYIV}")
    assert (kyiv["value"], kyiv["label"], kyiv["kind"], kyiv["level"]) == (KYIV, "Kyiv", "place", "city")
    assert kyiv["regions"] == [{"code": "UA-30", "label": "Kyiv (city)"}]
    assert kyiv["country"] == {"code": "UA", "label": "Ukraine"} and kyiv["raion"] is None
    assert kyiv["documents"] == 5
    spellings = kyiv["spellings"]
    assert (spellings["documents"], spellings["naming"], spellings["mentions"]) == (5, 5, 23)
    assert [(s["spelling"], s["count"], s["documents"], s["note"]) for s in spellings["spellings"]] == [
        ("Kyiv", 22, 5, "official spelling"), ("Kiev", 1, 1, "Russian-era spelling")]
    assert spellings["by_source"] == [{"source": "", "documents": 5, "mentions": 23, "spellings": {"Kyiv": 22, "Kiev": 1}}]
    people = {p["label"]: p["count"] for p in kyiv["company"]["person"]}
    assert people["Vitali Klitschko"] == 2 and people["Volodymyr Zelenskyy"] == 4 and people["Vladimir Putin"] == 4
    assert kyiv["company"]["region"][0] == {"value": "UA-30", "label": "Kyiv (city)", "count": 5}
    assert KYIV not in [p["value"] for p in kyiv["company"]["place"]]  # not named together with itself
    assert sorted(h["id"] for h in kyiv["hits"]) == sorted(p.name for p in CORPUS.glob("*.txt"))


def test_a_person_found_under_every_spelling(seed_client):
    """Zelensky (000, 001), Zelenskyy (002, 004): one person; a surname alone is a short form."""
    zelenskyy = get(seed_client, "/api/entity/person/person:volodymyr-zelenskyy")
    assert zelenskyy["label"] == "Volodymyr Zelenskyy" and zelenskyy["documents"] == 4
    assert {s["spelling"]: (s["count"], s["documents"]) for s in zelenskyy["spellings"]["spellings"]} == {
        "Zelenskyy": (4, 1), "Zelensky": (2, 1), "Volodymyr Zelensky": (2, 2), "Volodymyr Zelenskyy": (2, 2)}
    assert [(p["label"], p["count"]) for p in zelenskyy["company"]["place"][:3]] == [
        ("Kyiv", 4), ("Russia", 4), ("Ukraine", 4)]


def test_a_label_or_spelling_names_the_entity(seed_client):
    """The API answers for a spelling with the canonical value; the page redirects to the canonical address."""
    assert get(seed_client, "/api/entity/place/Kiev")["value"] == KYIV
    response = seed_client.get("/entity/person/Zelensky")
    assert response.status_code == 302 and response.headers["Location"] == "/entity/person/person:volodymyr-zelenskyy"


def test_a_region_page_counts_every_document_filed_under_it(seed_client):
    """Luhansk Oblast: 001 names the oblast as "Lugansk region" and places in it (Severodonetsk, Lysichansk)."""
    luhansk = get(seed_client, "/api/entity/region/UA-09")
    assert (luhansk["label"], luhansk["level"], luhansk["documents"]) == ("Luhansk Oblast", "oblast", 1)
    assert [s["spelling"] for s in luhansk["spellings"]["spellings"]] == ["Lugansk region", "Luhansk region"]
    places = {p["label"] for p in luhansk["company"]["place"]}
    assert {"Lysychansk", "Donbas"} <= places and "Luhansk Oblast" not in places  # not named together with itself


@pytest.mark.parametrize("url, message", [
    ("/api/entity/place/Atlantis", "No document in this collection names the place 'Atlantis'."),
    ("/api/entity/weapon/person:volodymyr-zelenskyy", "No document in this collection names the weapon"),
    ("/api/entity/source/kremlin.ru", "There are entity pages for region, place, person, organization, weapon, not for 'source'."),
])
def test_unknown_entity_is_404_with_a_message(seed_client, url, message):
    assert get(seed_client, url, status=404)["error"].startswith(message)


def test_unknown_entity_page_says_so(seed_client):
    html = get(seed_client, "/entity/place/Atlantis", status=404, mimetype="text/html")
    assert "No document in this collection names the place &#39;Atlantis&#39;." in html


def test_entity_page_renders_with_document_text_escaped(web_client):
    """Kharkiv is named by the hostile document: its title and text stay text on the entity page."""
    html = get(web_client, f"/entity/place/{KHARKIV}", mimetype="text/html")
    assert "<h1>Kharkiv <span class=\"kind\">city</span></h1>" in html
    assert "Kharkiv Raion · Kharkiv Oblast · Ukraine" in html
    assert "Test &lt;script&gt;alert(1)&lt;/script&gt; headline" in html and "<script>alert" not in html
    # the newest document first (extra-script is dated, the seed article is not), linked to the full search
    assert html.index('href="/doc/extra-script"') < html.index('href="/doc/003_eb948de8da57cf2e.txt"')
    assert f'href="/?place={KHARKIV}&amp;sort=newest"' in html
    # who prints which: Test Wire printed "Kharkiv" once
    assert re.search(r'<a href="/\?place=[^"]+&amp;source=Test\+Wire">Test Wire</a>', html)
    # the map marks Kharkiv Oblast, and the month bar of March 2022 is there
    assert re.search(r'data-region="UA-63" class="oblast shade-\d active"', html)
    assert 'data-month="2022-03"' in html
    # named together: Sumy Oblast (the hostile document's Sumy), with a link to its own page
    assert re.search(r'<a class="chip kind-region" href="/entity/region/UA-59"\s+title="1 document names both">Sumy Oblast', html)


def test_entity_links_beside_facets_chips_and_suggestions(web_client):
    search = get(web_client, "/?q=Kyiv", mimetype="text/html")
    facet = re.search(r'<a class="facet-value" href="/\?q=Kyiv&amp;place=ua%3AUA80000000000093317"[^>]*>.*?</a>'
                      r'<a class="entity-link" href="/entity/place/ua:UA80000000000093317" title="About Kyiv">', search, re.S)
    assert facet, "a place facet value has a link to its page beside it"
    region = re.search(r'data-value="UA-09">.*?</a><a class="entity-link" href="/entity/region/UA-09"', search, re.S)
    assert region
    assert 'data-entity-url="/entity/place/"' in search and 'data-entity-url="/entity/source/' not in search
    doc = get(web_client, "/doc/001_7e40db191626a058.txt", mimetype="text/html")
    assert re.search(r'<a class="chip kind-person" href="/entity/person/person:vitali-klitschko"', doc)
    names = get(web_client, "/api/names?q=Kharko&limit=3")["names"]
    assert names[0]["entity_url"] == f"/entity/place/{KHARKIV}"
    assert get(web_client, "/api/names?q=Luhansk Oblast&limit=1")["names"][0]["entity_url"] == "/entity/region/UA-09"


@pytest.mark.shared
def test_sources_spell_kyiv_their_own_way(press_releases):
    """The Kremlin's releases print Kiev, the Ukrainian President's Kyiv."""
    kyiv = get(create_app(press_releases.index_dir).test_client(), "/api/entity/place/Kyiv")
    assert kyiv["value"] == KYIV
    spellings = {s["spelling"]: s for s in kyiv["spellings"]["spellings"]}
    assert {"Kyiv", "Kiev"} <= set(spellings)
    sources = {row["source"]: row["spellings"] for row in kyiv["spellings"]["by_source"]}
    kremlin, president = sources["kremlin.ru"], sources["president.gov.ua"]
    assert max(kremlin, key=kremlin.get) == "Kiev" and "Kyiv" not in kremlin
    assert max(president, key=president.get) == "Kyiv" and president["Kyiv"] > 100
    assert {"source": "kremlin.ru", "count": kremlin["Kiev"]} == spellings["Kiev"]["sources"][0]
