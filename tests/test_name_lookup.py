"""Fuzzy name lookup (NameLookup, Engine.names, `frontline names`): any spelling, partial or misspelt."""

from __future__ import annotations

import json
import re

import pytest

from frontline.index.gazetteer.store import Gazetteer
from frontline.index.names.resolver import default_resolver
from frontline.search.engine import Engine
from frontline.search.names import NameLookup

from conftest import CORPUS

KEYS = {"id", "label", "kind", "level", "region", "region_label", "spelling", "score", "documents", "facet", "value"}


@pytest.fixture(scope="module")
def lookup() -> NameLookup:
    """The gazetteer alone, no document counts."""
    return NameLookup(Gazetteer.load())


@pytest.fixture(scope="module")
def engine(seed_index) -> Engine:
    return Engine(seed_index)


def entity_id(name: str) -> str:
    return default_resolver().resolve(name).best.id


def documents_saying(pattern: str) -> int:
    return sum(bool(re.search(pattern, p.read_text(encoding="utf-8"))) for p in CORPUS.glob("*.txt"))


@pytest.mark.parametrize("typed, label, kind", [
    ("Kharko", "Kharkiv", "place"),  # typing: a prefix of the Russian form
    ("Kharkov", "Kharkiv", "place"),
    ("Харків", "Kharkiv", "place"),
    ("Zelenskiy", "Volodymyr Zelenskyy", "person"),
    ("Zelenskuy", "Volodymyr Zelenskyy", "person"),  # a typo
    ("Лисичанск", "Lysychansk", "place"),
    ("Lisichansk", "Lysychansk", "place"),
    ("Gaidai", "Serhiy Haidai", "person"),
    ("Zaluzhny", "Valerii Zaluzhnyi", "person"),
    ("Odessa", "Odesa", "place"),
    ("Kiev", "Kyiv", "place"),
    ("Kyiv", "Kyiv", "place"),  # the whole name before the places it begins (Kyivka, Kyiv Oblast)
])
def test_best_suggestion(lookup, typed, label, kind):
    names = lookup.lookup(typed)
    assert names, typed
    first = names[0]
    assert set(first) == KEYS
    assert (first["label"], first["kind"]) == (label, kind), [n["label"] for n in names[:5]]
    assert first["id"] == entity_id(label)
    assert first["score"] >= 90


def test_one_suggestion_per_entity(lookup):
    names = lookup.lookup("Kharkiv", limit=20)
    assert len({n["id"] for n in names}) == len(names)
    assert names[0]["id"] == entity_id("Kharkiv")
    assert names[0]["region"] == "UA-63" and names[0]["region_label"] == "Kharkiv Oblast"
    assert names[0]["level"] == "city"


def test_lookup_limit_and_nothing_alike(lookup):
    assert len(lookup.lookup("Kharkiv", limit=3)) == 3
    assert lookup.lookup("") == [] and lookup.lookup("   ") == []
    assert lookup.lookup("xqzwv") == []


def test_without_an_index_there_are_no_document_counts(lookup):
    assert all(n["documents"] == 0 for n in lookup.lookup("Kyiv"))


# --- with the seed index ------------------------------------------------------------------------------


@pytest.mark.parametrize("typed, label, pattern", [
    ("Kyiv", "Kyiv", r"\b(?:Kyiv|Kiev)\b"),
    ("Zelenskiy", "Volodymyr Zelenskyy", r"\bZelensky"),
    ("Kuleba", "Dmytro Kuleba", r"\bKuleba\b"),
    ("Gaidai", "Serhiy Haidai", r"\bGaidai\b"),
    ("Лисичанск", "Lysychansk", r"\b(?:Lisichansk|Lysichansk)\b"),
    ("Putin", "Vladimir Putin", r"\bPutin\b"),
])
def test_document_counts_from_the_seed_index(engine, seed_index, typed, label, pattern):
    answer = engine.names(typed)
    assert answer["query"] == typed
    first = answer["names"][0]
    assert first["label"] == label
    assert first["documents"] == documents_saying(pattern) > 0


def test_document_counts_agree_with_the_facets(engine):
    from frontline.search.engine import SearchRequest

    facets = engine.search(SearchRequest(limit=1, facet_size=1000))["facets"]
    counted = {v["value"]: v["count"] for name in ("place", "person") for v in facets[name]}
    for typed in ("Kharkiv", "Klitschko", "Lukashenko", "Sumy", "Uman"):
        first = engine.names(typed)["names"][0]
        assert first["documents"] == counted[first["id"]], typed


def test_names_only_the_documents_know(engine):
    first = engine.names("Stefan Bos")["names"][0]
    assert (first["id"], first["label"], first["kind"], first["documents"]) == (
        "person:~stefan-j-bos", "Stefan J. Bos", "person", 1)


AMBIGUOUS = {
    "a.txt": "Shelling hit Novoselivka, Kherson region, on Monday.",
    "b.txt": "Residents of Novoselivka in the Kherson region were evacuated.",
    "c.txt": "Shelling hit Novoselivka on Monday.",
}


@pytest.fixture(scope="module")
def novoselivka(build_index) -> Engine:
    return Engine(build_index(AMBIGUOUS, name="novoselivka").index_dir)


@pytest.fixture(scope="module")
def lone_novoselivka(build_index) -> Engine:
    """One report places the name: too little for the bare mention to follow it."""
    return Engine(build_index({k: AMBIGUOUS[k] for k in ("a.txt", "c.txt")}, name="lone-novoselivka").index_dir)


def test_documents_break_ties_between_namesakes(lookup, novoselivka):
    plain = [n for n in lookup.lookup("Novoselivka", limit=10) if n["label"] == "Novoselivka"]
    kherson = [n["id"] for n in plain if n["region"] == "UA-65"]
    assert len(plain) == 10 and len(kherson) == 1  # many namesakes, one in Kherson Oblast ...
    assert plain[0]["id"] != kherson[0]  # ... not first by itself
    first = novoselivka.names("Novoselivka")["names"][0]
    # Two reports place it in Kherson Oblast by their own words; the bare third follows them.
    assert (first["id"], first["documents"]) == (kherson[0], 3)
    assert "name:novoselivka" not in [n["id"] for n in novoselivka.names("Novoselivka")["names"]]


def test_an_ambiguous_name_the_documents_use_is_offered(lone_novoselivka):
    names = lone_novoselivka.names("Novoselivka")["names"]
    assert "name:novoselivka" in [n["id"] for n in names]
    assert [n["documents"] for n in names if n["region"] == "UA-65"] == [1]


# --- the CLI ----------------------------------------------------------------------------------------------------


def test_cli_names_json(cli, seed_index, engine):
    run = cli("names", "--index", seed_index, "--json", "Gaidai")
    assert run.code == 0, run.err
    printed = json.loads(run.out)
    assert printed == engine.names("Gaidai")
    first = printed["names"][0]
    assert (first["id"], first["label"], first["kind"]) == ("person:serhiy-haidai", "Serhiy Haidai", "person")
    assert first["documents"] == documents_saying(r"\bGaidai\b") == 1


def test_cli_names_limit_and_words_joined(cli, seed_index):
    printed = json.loads(cli("names", "--index", seed_index, "--json", "--limit", "1", "Dmitro", "Kuleba").out)
    assert printed["query"] == "Dmitro Kuleba"
    assert [n["id"] for n in printed["names"]] == ["person:dmytro-kuleba"] and printed["names"][0]["documents"] == 2
    # "Kuleba" begins two known people's names: the limit keeps the one the documents mention.
    printed = json.loads(cli("names", "--index", seed_index, "--json", "--limit", "1", "Kuleba").out)
    assert [n["id"] for n in printed["names"]] == ["person:dmytro-kuleba"]
    printed = json.loads(cli("names", "--index", seed_index, "--json", "--limit", "3", "Kuleba").out)
    assert {n["id"] for n in printed["names"]} >= {"person:dmytro-kuleba", "person:oleksiy-kuleba"}


def test_cli_names_without_an_index_uses_the_gazetteer(cli, lookup):
    # the cli fixture points FRONTLINE_INDEX at an empty folder
    run = cli("names", "--json", "Gaidai")
    assert run.code == 0, run.err
    printed = json.loads(run.out)
    assert printed == {"query": "Gaidai", "names": lookup.lookup("Gaidai", 10)}
    assert printed["names"][0]["documents"] == 0


def test_cli_names_text(cli, seed_index):
    run = cli("names", "--index", seed_index, "Lisichansk")
    assert run.code == 0
    first = run.out.splitlines()[0]
    assert first.startswith("Lysychansk (city, Luhansk Oblast) · 1 documents · matched ")
    assert first.endswith(f"· {entity_id('Lysychansk')}")
    assert cli("names", "--index", seed_index, "xqzwv").out.strip() == "No names like 'xqzwv'."
