"""Facets and filters: counts over every match, filters in any spelling, dates, the CLI, re-indexing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from frontline.search.engine import Engine, SearchRequest
from frontline.search.filters import FilterError

from conftest import CORPUS, Corpus, search_index

FACETS = {"region", "place", "person", "organization", "weapon", "source", "lang", "date"}
SEED_IDS = sorted(p.name for p in CORPUS.glob("*.txt"))


def seed_text(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def saying(pattern: str) -> set[str]:
    """Seed documents whose text matches pattern."""
    return {name for name in SEED_IDS if re.search(pattern, seed_text(name))}


def ids(index_dir: Path, q: str = "", **request) -> set[str]:
    return {hit["id"] for hit in search_index(index_dir, q, limit=1000, **request)["hits"]}


def counts(result: dict, facet: str) -> dict[str, int]:
    return {v["value"]: v["count"] for v in result["facets"][facet]}


@pytest.fixture(scope="module")
def engine(seed_index) -> Engine:
    return Engine(seed_index)


# --- counts over every match -----------------------------------------------------------------------


@pytest.mark.parametrize("q", ["", "Kyiv", "missile", "Zelensky", "Russia NOT Belarus"])
def test_counts_cover_every_match_not_only_the_page(engine, q):
    page = engine.search(SearchRequest(q=q, limit=1, facet_size=1000))
    everything = engine.search(SearchRequest(q=q, limit=100, facet_size=1000))
    assert set(page["facets"]) == set(page["facet_totals"]) == FACETS
    assert len(page["hits"]) == 1 and page["total"] == everything["total"] > 1
    assert page["facets"] == everything["facets"]
    assert page["facet_totals"] == everything["facet_totals"]
    assert page["facet_totals"] == {name: len(values) for name, values in everything["facets"].items()}
    for request in (dict(limit=0), dict(limit=5, offset=100)):  # no page at all: the counts stay
        empty = engine.search(SearchRequest(q=q, facet_size=1000, **request))
        assert empty["hits"] == [] and empty["total"] == everything["total"]
        assert empty["facets"] == everything["facets"]


def test_counts_of_any_set_of_documents_are_those_of_its_entries(web_index):
    """However many documents are counted (few, most, all, none), each value's count is the number of
    them that have it, and a story counts once."""
    import numpy as np

    engine = Engine(web_index)
    with engine.reading() as (generation, _searcher):
        table = generation.table
        having = {n: set(table.docs[table.value_ids == n].tolist()) for n in range(len(table.values))}
        pick = np.random.default_rng(7)
        masks = [table.live, ~table.live, np.zeros(table.doc_count, dtype=bool)]
        masks += [table.live & (pick.random(table.doc_count) < share) for share in (0.1, 0.4, 0.6, 0.9) for _ in range(3)]
        stories = np.arange(table.doc_count) // 2  # documents 2k and 2k+1 one story
        for mask in masks:
            chosen = set(np.flatnonzero(mask).tolist())
            assert table.count(mask).tolist() == [len(having[n] & chosen) for n in range(len(table.values))]
            assert table.count(mask, stories).tolist() == [
                len({d // 2 for d in having[n] & chosen}) for n in range(len(table.values))]
        assert table.count(None).tolist() == [len(having[n]) for n in range(len(table.values))]
        assert sum(table.count(table.live)) == len(table.docs) > table.doc_count


@pytest.mark.parametrize("q", ["", "Kyiv", "missile"])
def test_each_count_is_the_number_of_documents_its_filter_finds(seed_index, engine, q):
    result = engine.search(SearchRequest(q=q, limit=100, facet_size=1000))
    matching = {hit["id"] for hit in result["hits"]}
    checked = 0
    for facet in ("region", "place", "person", "organization", "weapon", "lang"):
        for value in result["facets"][facet]:
            found = ids(seed_index, q, filters={facet: [value["value"]]})
            assert found <= matching
            assert len(found) == value["count"], (facet, value)
            checked += 1
    assert checked > 20


def test_every_seed_article_counts_for_kyiv(engine):
    every = engine.search(SearchRequest(limit=1))
    assert every["total"] == len(SEED_IDS) == 5
    kyiv = saying(r"\b(?:Kyiv|Kiev)\b")
    assert counts(every, "region")["UA-30"] == len(kyiv) == 5
    # Sorted by count, then label; every region (the map needs them all), other facets at most
    # facet_size values, with the number of values beside.
    region = every["facets"]["region"]
    assert region[0] == {"value": "UA-30", "label": "Kyiv (city)", "count": 5}
    assert [v["count"] for v in region] == sorted((v["count"] for v in region), reverse=True)
    assert len(region) == every["facet_totals"]["region"] > 10
    assert len(every["facets"]["place"]) == 10 < every["facet_totals"]["place"]
    assert len(engine.search(SearchRequest(limit=1, facet_size=3))["facets"]["place"]) == 3


def test_counts_follow_the_query(engine):
    result = engine.search(SearchRequest(q="Lavrov", limit=1, facet_size=1000))
    assert result["total"] == len(saying(r"\bLavrov\b")) == 1
    assert counts(result, "person") == {p: 1 for p in counts(result, "person")}
    assert "person:sergei-lavrov" in counts(result, "person")
    assert "person:dmytro-kuleba" not in counts(result, "person")


# --- filters ---------------------------------------------------------------------------------------------


LUHANSK_SPELLINGS = ["Lugansk", "Luhanska oblast", "UA-09", "ua-09", "Luhansk Oblast", "Luhansk",
                     "Луганська область", "Luhansk oblast"]


@pytest.mark.parametrize("value", LUHANSK_SPELLINGS)
def test_region_filter_in_any_spelling(seed_index, value):
    result = search_index(seed_index, "", limit=100, filters={"region": [value]})
    assert {h["id"] for h in result["hits"]} == saying(r"\b(?:Luhansk|Lugansk)\b") == {"001_7e40db191626a058.txt"}
    assert result["filters"] == [{"facet": "region", "value": "UA-09", "label": "Luhansk Oblast"}]
    assert result["warnings"] == []


@pytest.mark.parametrize("facet, values, pattern", [
    ("place", ["Kiev", "Київ", "Kyiv"], r"\b(?:Kyiv|Kiev)\b"),
    ("place", ["Lisichansk", "Лисичанськ", "Lysychansk"], r"\b(?:Lisichansk|Lysichansk)\b"),
    ("person", ["Zelensky", "Зеленський", "Volodymyr Zelenskyy", "person:volodymyr-zelenskyy"], r"\bZelensky"),
    ("person", ["Kuleba", "Dmitro Kuleba", "Dmytro Kuleba"], r"\bKuleba\b"),
    ("region", ["Kharkiv", "Kharkov", "Kharkivska oblast", "UA-63"], r"\bKharkiv\b"),
])
def test_entity_filters_in_any_spelling(seed_index, facet, values, pattern):
    expected = saying(pattern)
    assert expected
    for value in values:
        assert ids(seed_index, filters={facet: [value]}) == expected, value


@pytest.mark.parametrize("value, code", [("Kyiv", "UA-30"), ("Kiev", "UA-30"), ("Moscow", "RU-MOW")])
def test_region_filter_for_a_city_with_special_status(engine, value, code):
    result = engine.search(SearchRequest(limit=100, filters={"region": [value]}))
    assert code in [f["value"] for f in result["filters"]]
    assert result["total"] == counts(engine.search(SearchRequest(limit=1, facet_size=1000)), "region")[code]


def test_filters_and_across_facets_or_within_one(seed_index):
    luhansk = ids(seed_index, filters={"region": ["UA-09"]})
    sumy = ids(seed_index, filters={"region": ["Sumy"]})
    kharkiv = ids(seed_index, filters={"region": ["Kharkiv"]})
    kuleba = ids(seed_index, filters={"person": ["Kuleba"]})
    assert luhansk == {"001_7e40db191626a058.txt"} and sumy == {"004_49ffb3c6d30f4edb.txt"}
    assert kuleba == saying(r"\bKuleba\b") == {"002_985ac83668d44405.txt", "003_eb948de8da57cf2e.txt"}
    assert kharkiv == saying(r"\bKharkiv\b")
    # OR within one facet
    assert ids(seed_index, filters={"region": ["UA-09", "Sumy"]}) == luhansk | sumy
    # AND across facets
    assert ids(seed_index, filters={"region": ["Kharkiv"], "person": ["Kuleba"]}) == kharkiv & kuleba == {
        "003_eb948de8da57cf2e.txt"}
    assert ids(seed_index, filters={"region": ["UA-09"], "person": ["Kuleba"]}) == set()
    assert ids(seed_index, filters={"region": ["UA-09", "Kharkiv"], "person": ["Kuleba"]}) == (
        (luhansk | kharkiv) & kuleba)
    # and with the query
    assert ids(seed_index, "Putin", filters={"region": ["Belarus"]}) == saying(r"\bPutin\b") & ids(
        seed_index, filters={"region": ["Belarus"]})


def test_empty_query_with_a_filter_browses(seed_index):
    result = search_index(seed_index, "", limit=100, filters={"region": ["Kursk"]})
    assert [h["id"] for h in result["hits"]] == ["004_49ffb3c6d30f4edb.txt"]
    assert result["total"] == 1
    assert result["filters"] == [{"facet": "region", "value": "RU-KRS", "label": "Kursk Oblast (Russia)"}]
    assert counts(result, "person")["person:volodymyr-zelenskyy"] == 1


@pytest.mark.parametrize("facet, value", [("region", "Atlantis"), ("place", "Atlantis"), ("weapon", "Xyzzy"),
                                          ("organization", "Qwertyuiop"), ("date", "someday")])
def test_unknown_filter_value_is_refused_naming_it(seed_index, facet, value):
    """A total that no page can show is worse than an error: the filter that names nothing is named."""
    with pytest.raises(FilterError, match=f"no such filter value: {facet}={value};"):
        search_index(seed_index, "Kyiv", limit=100, filters={facet: [value]})


def test_unknown_value_beside_a_known_one_is_named_alone(seed_index):
    with pytest.raises(FilterError, match="no such filter value: region=Atlantis;"):
        search_index(seed_index, "", limit=100, filters={"region": ["UA-09", "Atlantis"]})


@pytest.mark.parametrize("date_from, date_to", [("2022-09", "2022-06"), ("2022-06-02", "2022-06-01"), ("2023", "2022")])
def test_date_range_that_ends_before_it_starts_is_refused(seed_index, date_from, date_to):
    with pytest.raises(FilterError, match=f"starts \\({date_from}\\) after it ends \\({date_to}\\)"):
        search_index(seed_index, "Kyiv", date_from=date_from, date_to=date_to)


@pytest.mark.parametrize("date_from, date_to", [("2022-06", "2022-06"), ("2022-06", "2022-06-30"), ("2022", "2022-01")])
def test_date_range_within_one_period_is_read(seed_index, date_from, date_to):
    assert search_index(seed_index, "Kyiv", date_from=date_from, date_to=date_to)["total"] == 0  # undated seeds


@pytest.mark.parametrize("facet, value, warning", [
    ("person", "Xyzzy Qwertyuiop", "no document has person=Xyzzy Qwertyuiop"),
    ("date", "June 2022", "no document has date=June 2022"),  # a real month; the seed articles are undated
])
def test_filter_values_that_match_nothing_warn(seed_index, facet, value, warning):
    result = search_index(seed_index, "", limit=100, filters={facet: [value]})
    assert result["total"] == 0
    assert result["warnings"] == [warning]


def test_unknown_filter_name_is_refused(seed_index):
    with pytest.raises(ValueError, match="unknown filter 'colour'"):
        search_index(seed_index, "", filters={"colour": ["red"]})


def test_filtered_facet_keeps_its_other_values_visible(engine):
    """Disjunctive counts: region=UA-09 narrows the hits, but the region facet still lists the
    other regions with the counts they would have without the region filter."""
    for q in ("", "Kyiv", "missile"):
        plain = engine.search(SearchRequest(q=q, limit=100, facet_size=1000))
        filtered = engine.search(SearchRequest(q=q, limit=100, facet_size=1000, filters={"region": ["UA-09"]}))
        assert {h["id"] for h in filtered["hits"]} == {"001_7e40db191626a058.txt"}
        assert filtered["facets"]["region"] == plain["facets"]["region"]
        assert len(filtered["facets"]["region"]) > 5
        # ... while every other facet counts the filtered documents only.
        assert all(v["count"] == 1 for v in filtered["facets"]["person"])
        assert "person:dmytro-kuleba" not in counts(filtered, "person")


def test_each_filtered_facet_leaves_out_only_its_own_filter(engine):
    both = engine.search(SearchRequest(limit=100, facet_size=1000,
                                       filters={"region": ["Kharkiv"], "person": ["Kuleba"]}))
    by_person = engine.search(SearchRequest(limit=100, facet_size=1000, filters={"person": ["Kuleba"]}))
    by_region = engine.search(SearchRequest(limit=100, facet_size=1000, filters={"region": ["Kharkiv"]}))
    assert both["facets"]["region"] == by_person["facets"]["region"]
    assert both["facets"]["person"] == by_region["facets"]["person"]
    assert counts(both, "place") == {v: 1 for v in counts(both, "place")}  # one document left


def test_applied_filter_of_a_pattern_found_person_has_a_readable_label(seed_index):
    result = search_index(seed_index, "", filters={"person": ["Stefan J. Bos"]})
    assert [h["id"] for h in result["hits"]] == ["004_49ffb3c6d30f4edb.txt"]
    assert result["filters"] == [{"facet": "person", "value": "person:~stefan-j-bos", "label": "Stefan J. Bos"}]


# --- facet value search ------------------------------------------------------------------------------------


def test_facet_values_by_label(engine):
    found = engine.facet_values("place", "kyi")
    assert found["facet"] == "place" and found["q"] == "kyi"
    assert found["total"] == len(found["values"]) >= 3
    assert all("kyi" in v["label"].lower() for v in found["values"])
    assert found["values"][0] == {"value": "ua:UA80000000000093317", "label": "Kyiv", "count": 5}
    labels = {v["label"] for v in found["values"]}
    assert {"Kyiv", "Kyiv Oblast"} <= labels
    counts_ = [v["count"] for v in found["values"]]
    assert counts_ == sorted(counts_, reverse=True)
    # every count is the documents a filter on that value finds
    for value in found["values"]:
        assert len(ids(engine.index_dir, filters={"place": [value["value"]]})) == value["count"]


def test_facet_values_limit_and_search(engine):
    limited = engine.facet_values("place", "kyi", limit=1)
    assert len(limited["values"]) == 1 and limited["total"] == engine.facet_values("place", "kyi")["total"]
    narrowed = engine.facet_values("place", "kyi", search_q="Klitschko")
    klitschko = saying(r"\bKlitschko\b")
    assert len(klitschko) == 2
    assert {v["label"]: v["count"] for v in narrowed["values"]}["Kyiv"] == len(klitschko)
    assert engine.facet_values("person", "bos")["values"] == [
        {"value": "person:~stefan-j-bos", "label": "Stefan J. Bos", "count": 1}]
    assert engine.facet_values("region", "")["total"] == engine.search(SearchRequest(limit=1))["facet_totals"]["region"]
    assert engine.facet_values("place", "zzzqqq") == {"facet": "place", "q": "zzzqqq", "total": 0, "values": []}


def test_facet_values_refuses_an_unknown_facet(engine):
    with pytest.raises(ValueError, match="unknown facet 'colour'"):
        engine.facet_values("colour", "red")


# --- dates -----------------------------------------------------------------------------------------------------

DATED = [
    {"id": "d1", "date": "2022-03-02", "source": "Kyiv Independent", "title": "Shelling of Kharkiv",
     "text": "Russian artillery shelled Kharkiv overnight."},
    {"id": "d2", "date": "2022-03-20", "source": "Reuters", "title": "Mariupol theatre",
     "text": "A strike hit the drama theatre in Mariupol."},
    {"id": "d3", "date": "2022-06-25", "source": "Reuters", "title": "Sievierodonetsk falls",
     "text": "Ukrainian troops withdrew from Severodonetsk in the Luhansk region."},
    {"id": "d4", "date": "2022-07-03", "source": "AP", "title": "Lysychansk",
     "text": "Russia said it captured Lisichansk in the Luhansk region."},
    {"id": "d5", "date": "2022-09-10", "source": "AP", "title": "Kharkiv counteroffensive",
     "text": "Ukrainian forces retook Balakliia and Kupiansk in Kharkiv region."},
    {"id": "d6", "date": "2022-09-30", "source": "Kyiv Independent", "title": "Annexation",
     "text": "Putin claimed four regions, including Luhansk Oblast and Kherson Oblast."},
    {"id": "d7", "date": "2023-01-14", "source": "Reuters", "title": "Dnipro strike",
     "text": "A missile hit an apartment block in Dnipro."},
]
MONTHS = {"2022-03": {"d1", "d2"}, "2022-06": {"d3"}, "2022-07": {"d4"}, "2022-09": {"d5", "d6"},
          "2023-01": {"d7"}}


@pytest.fixture(scope="module")
def dated(build_index) -> Corpus:
    corpus = build_index({"news.jsonl": "".join(json.dumps(r) + "\n" for r in DATED)}, name="dated")
    assert corpus.summary.added == len(DATED) and corpus.problems == []
    return corpus


def in_range(start: str, end: str) -> set[str]:
    return {r["id"] for r in DATED if (not start or r["date"] >= start) and (not end or r["date"][:len(end)] <= end)}


def test_date_facet_lists_every_month_in_calendar_order(dated):
    result = dated.search(limit=1, facet_size=2)
    assert result["facets"]["date"] == [
        {"value": "2022-03", "label": "March 2022", "count": 2},
        {"value": "2022-06", "label": "June 2022", "count": 1},
        {"value": "2022-07", "label": "July 2022", "count": 1},
        {"value": "2022-09", "label": "September 2022", "count": 2},
        {"value": "2023-01", "label": "January 2023", "count": 1},
    ]
    assert [v["count"] for v in result["facets"]["date"]] == [len(MONTHS[m]) for m in sorted(MONTHS)]
    # other facets are cut at facet_size (sorted by count, then label); dates never are
    assert result["facets"]["source"] == [{"value": "Reuters", "label": "Reuters", "count": 3},
                                          {"value": "AP", "label": "AP", "count": 2}]
    assert result["facet_totals"]["source"] == 3


@pytest.mark.parametrize("start, end", [("2022-06-01", "2022-09-30"), ("2022-07", ""), ("", "2022-03"),
                                        ("2022-03-20", "2022-03-20"), ("2022-09-11", "2023"), ("2024-01-01", "")])
def test_from_and_to(dated, start, end):
    result = dated.search(limit=100, date_from=start, date_to=end)
    assert {h["id"] for h in result["hits"]} == in_range(start, end)
    months = {v["value"]: v["count"] for v in result["facets"]["date"]}
    assert months == {m: len(MONTHS[m] & in_range(start, end)) for m in MONTHS if MONTHS[m] & in_range(start, end)}
    applied = [f for f in result["filters"] if f["facet"] in ("from", "to")]
    assert applied == [{"facet": n, "value": v, "label": v} for n, v in (("from", start), ("to", end)) if v]


def test_date_filter_by_month_and_year(dated):
    assert set(dated.ids(filters={"date": ["2022-09"]})) == MONTHS["2022-09"]
    assert set(dated.ids(filters={"date": ["2022-03", "2023-01"]})) == MONTHS["2022-03"] | MONTHS["2023-01"]
    assert set(dated.ids(filters={"date": ["2022"]})) == {r["id"] for r in DATED if r["date"].startswith("2022")}
    result = dated.search(filters={"date": ["2022-09"]})
    assert result["filters"] == [{"facet": "date", "value": "2022-09", "label": "September 2022"}]
    # the date facet is disjunctive too: the other months stay listed
    assert [v["value"] for v in result["facets"]["date"]] == sorted(MONTHS)


def test_date_source_and_region_filters_combine(dated):
    assert set(dated.ids(filters={"source": ["AP"]})) == {"d4", "d5"}
    assert set(dated.ids(filters={"source": ["AP"], "region": ["Luhansk"]})) == {"d4"}
    assert set(dated.ids("Luhansk", date_from="2022-07-01")) == {"d4", "d6"}
    assert set(dated.ids(filters={"region": ["Luhansk"], "date": ["2022-06", "2022-07"]})) == {"d3", "d4"}
    result = dated.search("Luhansk", filters={"date": ["2022-06"]})
    assert [h["id"] for h in result["hits"]] == ["d3"]
    assert {v["value"]: v["count"] for v in result["facets"]["date"]} == {"2022-06": 1, "2022-07": 1, "2022-09": 1}


def test_browse_is_newest_first(dated):
    assert [h["id"] for h in dated.search(limit=100)["hits"]] == ["d7", "d6", "d5", "d4", "d3", "d2", "d1"]
    assert [h["id"] for h in dated.search(limit=100, filters={"region": ["UA-09"]})["hits"]] == ["d6", "d4", "d3"]


# --- the CLI ----------------------------------------------------------------------------------------------------


def without_timing(result: dict) -> dict:
    return {k: v for k, v in result.items() if k != "took_ms"}


@pytest.mark.parametrize("argv, request_", [
    (["--region", "Luhansk"], dict(filters={"region": ["Luhansk"]})),
    (["--region", "Luhansk", "--region", "Sumy", "Kyiv"], dict(q="Kyiv", filters={"region": ["Luhansk", "Sumy"]})),
    (["--person", "Kuleba", "--place", "Kharkiv"], dict(filters={"place": ["Kharkiv"], "person": ["Kuleba"]})),
    (["--region", "Luhansk", "--person", "Xyzzy"], dict(filters={"region": ["Luhansk"], "person": ["Xyzzy"]})),
])
def test_cli_search_json_is_the_api_answer(cli, seed_index, argv, request_):
    run = cli("search", "--index", seed_index, "--json", *argv)
    assert run.code == 0, run.err
    printed = json.loads(run.out)
    answer = search_index(seed_index, **request_)
    assert without_timing(printed) == without_timing(answer)
    assert printed["total"] == len(ids(seed_index, **request_))


def test_cli_region_luhansk_finds_the_luhansk_article(cli, seed_index):
    printed = json.loads(cli("search", "--index", seed_index, "--region", "Luhansk", "--json").out)
    assert [h["id"] for h in printed["hits"]] == ["001_7e40db191626a058.txt"]
    assert printed["filters"] == [{"facet": "region", "value": "UA-09", "label": "Luhansk Oblast"}]


def test_cli_from_to(cli, dated):
    run = cli("search", "--index", dated.index_dir, "--from", "2022-06-01", "--to", "2022-09-30", "--json")
    assert run.code == 0, run.err
    printed = json.loads(run.out)
    assert {h["id"] for h in printed["hits"]} == in_range("2022-06-01", "2022-09-30") == {"d3", "d4", "d5", "d6"}
    answer = dated.search(date_from="2022-06-01", date_to="2022-09-30")
    assert without_timing(printed) == without_timing(answer)


def test_cli_refuses_a_filter_value_that_names_nothing(cli, seed_index):
    run = cli("search", "--index", seed_index, "--region", "Luhansk", "--region", "Atlantis", "--json")
    assert run.code == 2 and run.out == ""
    assert run.err.startswith("frontline: filter error: no such filter value: region=Atlantis;")
    assert "Traceback" not in run.err


def test_cli_text_output_warns_and_prints_facets(cli, seed_index):
    """The person filter matches nothing, yet the person facet still counts the region's people (disjunctive)."""
    filters = {"region": ["Luhansk"], "person": ["Xyzzy Qwertyuiop"]}
    run = cli("search", "--index", seed_index, "--facets", "--region", "Luhansk", "--person", "Xyzzy Qwertyuiop")
    assert run.code == 0
    assert "warning: no document has person=Xyzzy Qwertyuiop" in run.err
    assert run.out.startswith("No results for ''.")
    answer = search_index(seed_index, filters=filters)
    person_line = next(line for line in run.out.splitlines() if line.startswith("person ["))
    shown = ", ".join(f"{v['label']} ({v['count']})" for v in answer["facets"]["person"])
    assert person_line == f"person [{answer['facet_totals']['person']}]: {shown}"
    assert "Serhiy Haidai (1)" in person_line
    assert not any(line.startswith("region [") for line in run.out.splitlines())


# --- re-indexing --------------------------------------------------------------------------------------------------

MOVING = {
    "a.txt": "Shelling hit Kharkiv overnight.",
    "b.txt": "Shelling hit Sumy overnight.",
    "c.txt": "Drones struck Kharkiv again.",
}


def test_filters_follow_a_document_that_changes_region(make_index):
    corpus = make_index(MOVING)
    assert set(corpus.ids(filters={"region": ["Kharkiv"]})) == {"a.txt", "c.txt"}
    corpus.write({"a.txt": "Shelling hit Odesa overnight."})
    assert corpus.index().updated == 1
    assert set(corpus.ids(filters={"region": ["Kharkiv"]})) == {"c.txt"}
    assert set(corpus.ids(filters={"region": ["Odesa"]})) == {"a.txt"}


def test_counts_follow_a_document_that_changes_region(make_index):
    corpus = make_index(MOVING)
    engine = Engine(corpus.index_dir)  # kept open across the re-index, as the web app does
    before = engine.search(SearchRequest(limit=1))
    assert counts(before, "region") == {"UA-63": 2, "UA-59": 1}
    corpus.write({"a.txt": "Shelling hit Odesa overnight."})
    assert corpus.index().updated == 1
    for current in (engine, Engine(corpus.index_dir)):
        after = current.search(SearchRequest(limit=1))
        assert after["total"] == 3
        assert counts(after, "region") == {"UA-63": 1, "UA-59": 1, "UA-51": 1}
        assert counts(current.search(SearchRequest(q="Shelling")), "region") == {"UA-59": 1, "UA-51": 1}
