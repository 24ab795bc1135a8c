"""The language facet: every document's language counted, filtered on, in the API, the CLI and the page."""

import json

import pytest

from frontline.web.app import create_app

LANGUAGES = {
    "en.txt": "Shelling in Kharkiv\n\nRussian forces shelled the city of Kharkiv again on Monday night.\n",
    "uk.txt": "Обстріл Харкова\n\nУ понеділок увечері російські війська знову обстріляли Харків та передмістя.\n",
    "ru.txt": "Обстрел Харькова\n\nВ понедельник вечером российские войска снова обстреляли Харьков и пригороды.\n",
    "en2.txt": "Kyiv talks\n\nThe talks in Kyiv went on for several hours without any result being announced.\n",
}


@pytest.fixture(scope="module")
def languages(build_index):
    corpus = build_index(LANGUAGES, name="languages")
    assert corpus.problems == []
    return corpus


def test_each_language_is_counted_with_its_name(languages):
    facet = languages.search("")["facets"]["lang"]
    assert facet == [{"value": "en", "label": "English", "count": 2},
                     {"value": "ru", "label": "Russian", "count": 1},
                     {"value": "uk", "label": "Ukrainian", "count": 1}]


@pytest.mark.parametrize("value", ["uk", "Ukrainian", "ukr"])
def test_a_language_filter_takes_a_code_or_a_name(languages, value):
    assert languages.ids("Kharkiv", filters={"lang": [value]}) == ["uk.txt"]


def test_a_language_filter_narrows_and_ors_within(languages):
    assert sorted(languages.ids("", filters={"lang": ["uk", "ru"]})) == ["ru.txt", "uk.txt"]
    counts = {v["value"]: v["count"] for v in languages.search("Kharkiv", filters={"lang": ["en"]})["facets"]["lang"]}
    assert counts == {"en": 1, "ru": 1, "uk": 1}  # the filtered facet keeps its own counts


def test_an_unknown_language_is_refused_by_name(languages):
    client = create_app(languages.index_dir).test_client()
    response = client.get("/api/search?q=&lang=Klingonese")
    assert response.status_code == 400
    assert "Klingonese" in response.get_json()["error"]
    page = client.get("/?q=Kharkiv&lang=uk")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Language" in html and "Ukrainian" in html


def test_the_cli_filters_by_language(languages, cli):
    result = cli("search", "--index", languages.index_dir, "--json", "--lang", "ru", "Kharkiv")
    assert result.code == 0
    assert [hit["id"] for hit in json.loads(result.out)["hits"]] == ["ru.txt"]
