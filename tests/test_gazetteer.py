"""The gazetteer: one entity per place, person, organisation or weapon, with every known spelling.

The real gazetteer is built (or read from the cache) once per session by
``Gazetteer.load()``; the store's own behaviour is tested on small hand-made ones.
"""

from __future__ import annotations

import gzip
import os
import time
from pathlib import Path

import pytest

from frontline.index.gazetteer import store as store_module
from frontline.index.gazetteer.curated import CURATED_DIR, read_table
from frontline.index.gazetteer.drafts import is_junk, script
from frontline.index.gazetteer.model import Entity, Spelling
from frontline.index.gazetteer.store import Gazetteer, default_path, fingerprint

UA_CODES = {
    "UA-05", "UA-07", "UA-09", "UA-12", "UA-14", "UA-18", "UA-21", "UA-23", "UA-26", "UA-30",
    "UA-32", "UA-35", "UA-40", "UA-43", "UA-46", "UA-48", "UA-51", "UA-53", "UA-56", "UA-59",
    "UA-61", "UA-63", "UA-65", "UA-68", "UA-71", "UA-74", "UA-77",
}


def needs_table(name: str):
    return pytest.mark.skipif(not (CURATED_DIR / name).exists(), reason=f"curated/{name} not written yet")


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def first(gaz: Gazetteer, spelling: str) -> Entity:
    found = gaz.lookup(spelling)
    assert found, f"{spelling!r} found nothing"
    return found[0]


# -- the real gazetteer -----------------------------------------------------------


def test_kyiv_every_spelling_is_one_city(gaz):
    kyiv = first(gaz, "Kyiv")
    assert kyiv.id == "ua:UA80000000000093317"
    assert kyiv.kind == "place" and kyiv.level == "city"
    assert kyiv.region == ("UA-30",)
    assert kyiv.population > 2_000_000
    for spelling in ("Kiev", "Київ", "Киев", "KYIV", "Kyïv"):
        assert first(gaz, spelling).id == kyiv.id, spelling
    assert gaz.note(kyiv.id, "Kyiv") == "official"
    assert gaz.note(kyiv.id, "Київ") == "cyrillic"
    assert gaz.note(kyiv.id, "Киев") == "russian"
    assert gaz.note(kyiv.id, "Kiev") == "russian"
    # GeoNames' "Ko" (and its codes) are not spellings of Kyiv.
    assert kyiv.id not in {e.id for e in gaz.lookup("Ko")}
    assert kyiv.id not in {e.id for e in gaz.lookup("IEV")}


def test_kyiv_city_region_is_not_the_bare_name(gaz):
    region = gaz.get("region:UA-30")
    assert region is not None and region.level == "oblast"
    assert first(gaz, "Kyiv city").id == "region:UA-30"
    assert first(gaz, "city of Kyiv").id == "region:UA-30"
    assert "region:UA-30" not in {e.id for e in gaz.lookup("Kyiv")}
    assert first(gaz, "Sevastopol").region == ("UA-40",)


def test_lysychansk(gaz):
    for spelling in ("Lysychansk", "Lisichansk", "Лисичанськ", "Лисичанск"):
        city = first(gaz, spelling)
        assert city.label == "Lysychansk", spelling
        assert city.region == ("UA-09",)
    assert first(gaz, "Лисичанськ").id == first(gaz, "Lisichansk").id


def test_settlement_labels_are_kmu_romanisations(gaz):
    # The codifier has the city under its new name, Сіверськодонецьк; the old one still finds it.
    city = first(gaz, "Сіверськодонецьк")
    assert city.label == "Siverskodonetsk" and city.region == ("UA-09",)
    for old in ("Сєвєродонецьк", "Sievierodonetsk", "Severodonetsk"):
        assert first(gaz, old).id == city.id, old
    assert first(gaz, "Kharkov").label == "Kharkiv"
    assert first(gaz, "Запоріжжя").label == "Zaporizhzhia"


@needs_table("renames.tsv")
def test_former_name_artemivsk_is_bakhmut(gaz):
    bakhmut = first(gaz, "Artemivsk")
    assert bakhmut.label == "Bakhmut"
    assert bakhmut.region == ("UA-14",)
    assert gaz.note(bakhmut.id, "Artemivsk") == "renamed"
    assert first(gaz, "Bakhmut").id == bakhmut.id


def test_oblast_spellings(gaz):
    for spelling in ("Luhansk Oblast", "Luhansk oblast", "Luhansk region", "Lugansk region",
                     "Луганська область", "Luhanska oblast"):
        assert first(gaz, spelling).id == "region:UA-09", spelling
    luhansk = gaz.get("region:UA-09")
    assert luhansk.level == "oblast" and luhansk.region == ("UA-09",)
    # The bare stem is the city, not the oblast.
    assert first(gaz, "Luhansk").level == "city"


def test_the_27_ukrainian_regions(gaz):
    regions = {e.region[0]: e for e in gaz.entities.values() if e.level == "oblast"}
    assert set(regions) == UA_CODES
    assert all(e.id == f"region:{code}" for code, e in regions.items())
    assert {code for code in gaz.regions if code.startswith("UA-")} == UA_CODES
    for code, entity in regions.items():
        assert entity.label == gaz.regions[code]
        assert entity.label.isascii(), entity.label
    assert gaz.regions["UA-09"] == "Luhansk Oblast"
    assert gaz.regions["UA-14"] == "Donetsk Oblast"
    assert gaz.regions["UA-30"] == "Kyiv (city)"


@needs_table("regions.tsv")
def test_curated_region_labels(gaz):
    table = {row["code"]: row["label"] for row in read_table("regions.tsv")}
    assert set(table) == UA_CODES
    for code, label in table.items():
        assert gaz.regions[code] == label
    assert first(gaz, "Crimea").id == "region:UA-43"


@needs_table("foreign_regions.tsv")
def test_kursk_is_in_kursk_oblast(gaz):
    kursk = first(gaz, "Kursk")
    assert kursk.country == "RU"
    assert kursk.region == ("RU-KRS",)
    assert "RU-KRS" in gaz.regions
    assert gaz.get("region:RU-KRS").level == "region"


def test_foreign_cities(gaz):
    minsk = first(gaz, "Minsk")
    assert minsk.country == "BY" and minsk.level == "city"
    assert first(gaz, "Мінськ").id == minsk.id
    assert first(gaz, "Moscow").country == "RU"
    assert first(gaz, "Москва").id == first(gaz, "Moscow").id
    assert first(gaz, "Belgorod").country == "RU"
    assert gaz.regions["BY"] == "Belarus"


def test_countries(gaz):
    assert first(gaz, "Ukraine").id == "country:UA"
    assert first(gaz, "Україна").id == "country:UA"
    assert first(gaz, "Russia").id == "country:RU"
    assert first(gaz, "Росія").id == "country:RU"
    assert first(gaz, "Belarus").region == ("BY",)


def test_english_words_are_not_names(gaz):
    assert gaz.lookup("Some") == []
    assert first(gaz, "Sumy").label == "Sumy"
    assert first(gaz, "Sumy").region == ("UA-59",)
    uman = first(gaz, "Uman")
    assert uman.region == ("UA-71",)
    assert uman.id not in {e.id for e in gaz.lookup("Human")}
    assert uman.id not in {e.id for e in gaz.lookup("H'Uman")}


def test_raion_rolls_up_to_its_oblast(gaz):
    raion = first(gaz, "Bakhmut Raion")
    assert raion.level == "raion"
    assert raion.region == ("UA-14",)
    for spelling in ("Bakhmut district", "Bakhmutskyi raion", "Бахмутський район"):
        assert first(gaz, spelling).id == raion.id, spelling
    bakhmut = first(gaz, "Bakhmut")
    assert bakhmut.level == "city" and bakhmut.raion == raion.id
    assert first(gaz, "Pokrovsk Raion").region == ("UA-14",)
    assert first(gaz, "Kryvyi Rih Raion").region == ("UA-12",)


def test_city_district(gaz):
    pechersk = first(gaz, "Pecherskyi district")
    assert pechersk.level == "district"
    assert pechersk.region == ("UA-30",)
    assert first(gaz, "Pechersk district").id == pechersk.id
    assert first(gaz, "Печерський район").id == pechersk.id


def test_pokrovsk_and_pokrovske_are_different(gaz):
    pokrovsk = first(gaz, "Pokrovsk")
    pokrovske = gaz.lookup("Pokrovske")
    assert pokrovsk.label == "Pokrovsk" and pokrovsk.region == ("UA-14",)
    assert pokrovske and pokrovsk.id not in {e.id for e in pokrovske}
    assert all(e.label == "Pokrovske" for e in pokrovske)
    assert first(gaz, "Покровськ").id == pokrovsk.id


def test_lookup_ranks_best_known_first(gaz):
    kyivs = gaz.lookup("Київ")
    assert kyivs[0].level == "city" and kyivs[-1].level == "village"
    villages = gaz.lookup("Pokrovske")
    populations = [e.population for e in villages if e.level == "village"]
    assert populations == sorted(populations, reverse=True)


def test_spellings_iterator_matches_lookup(gaz):
    seen = 0
    for key, entity_id, note in gaz.spellings():
        if key == "kiev":
            assert entity_id == first(gaz, "Kiev").id and note == "russian"
            seen += 1
    assert seen == 1
    assert gaz.note("ua:UA80000000000093317", "not a spelling") == ""


@needs_table("people.tsv")
def test_zelenskyy(gaz):
    for spelling in ("Zelenskyy", "Zelensky", "Зеленський", "Volodymyr Zelenskyy"):
        person = first(gaz, spelling)
        assert person.id == "person:volodymyr-zelenskyy", spelling
        assert person.kind == "person"


@needs_table("places_extra.tsv")
def test_donbas_rolls_up_to_two_oblasts(gaz):
    donbas = first(gaz, "Donbas")
    assert set(donbas.region) == {"UA-14", "UA-09"}


def test_process_wide_and_fast(gaz, tmp_path):
    path = gaz.path
    assert Gazetteer.load(path) is gaz
    assert path.exists()
    if not os.environ.get("FRONTLINE_GAZETTEER"):
        assert path.name == f"gazetteer-{gaz.fingerprint}.pickle.gz"
    started = time.perf_counter()
    again = Gazetteer.read(path)
    elapsed = time.perf_counter() - started
    assert len(again.entities) == len(gaz.entities)
    assert elapsed < 3.0  # about 0.5 s on the 2-core machine; generous for slow CI
    assert path.stat().st_size < 10_000_000


# -- helpers and the store on small gazetteers ------------------------------------------


def test_script_and_junk():
    assert script("Kyiv") == "latin"
    assert script("Київ") == "cyrillic"
    assert script("Кꙑѥвъ") is None
    assert script("基輔") is None
    assert script("Kyiv Київ") is None
    for junk in ("IEV", "Ko", "ji fu", "Teremki-1", "UMY"):
        assert is_junk(junk), junk
    assert not is_junk("Kiev")
    assert not is_junk("Stare Misto")


def test_read_table(tmp_path, monkeypatch):
    monkeypatch.setattr("frontline.index.gazetteer.curated.CURATED_DIR", tmp_path)
    (tmp_path / "t.tsv").write_text(
        "# a comment\nid\tlabel\tnames\tneeds_context\n"
        "org:x\tX Corp\tX|Икс\t-\n\n# another\norg:y\tY\t-\tyes\n",
        encoding="utf-8",
    )
    rows = read_table("t.tsv")
    assert rows == [
        {"id": "org:x", "label": "X Corp", "names": ["X", "Икс"], "needs_context": []},
        {"id": "org:y", "label": "Y", "names": [], "needs_context": ["yes"]},
    ]
    assert read_table("missing.tsv") == []


def small() -> Gazetteer:
    def place(eid, label, level, population=0, *spellings):
        return Entity(eid, "place", label, (Spelling(label, "official"), *spellings), level=level,
                      region=("UA-09",), population=population)

    entities = {
        "ua:a": place("ua:a", "Lysychansk", "city", 93_000, Spelling("Lisichansk", "russian")),
        "ua:b": place("ua:b", "Lysychansk", "village", 300),
        "region:UA-09": place("region:UA-09", "Luhansk Oblast", "oblast"),
        "ua:c": place("ua:c", "Novyi", "village", 900, Spelling("Lysychansk", "former")),
    }
    return Gazetteer(entities, {"UA-09": "Luhansk Oblast"}, fingerprint="test")


def test_small_lookup_and_ranking():
    gaz = small()
    assert [e.id for e in gaz.lookup("lysychansk")] == ["ua:a", "ua:b", "ua:c"]
    assert [e.id for e in gaz.lookup("LISICHANSK")] == ["ua:a"]
    assert gaz.note("ua:c", "Lysychansk") == "former"
    assert gaz.note("ua:a", "Lisichansk") == "russian"
    assert gaz.get("ua:zzz") is None
    assert sorted(gaz.spellings()) == sorted([
        ("lysychansk", "ua:a", "official"), ("lisichansk", "ua:a", "russian"),
        ("lysychansk", "ua:b", "official"), ("luhansk oblast", "region:UA-09", "official"),
        ("novyi", "ua:c", "official"), ("lysychansk", "ua:c", "former"),
    ])


def test_save_and_read_round_trip(tmp_path):
    gaz = small()
    path = gaz.save(tmp_path / "sub" / "g.pickle.gz")
    assert not list(path.parent.glob("*.tmp"))
    again = Gazetteer.read(path)
    assert again.entities == gaz.entities
    assert again.regions == gaz.regions
    assert again.fingerprint == "test"
    assert [e.id for e in again.lookup("Lysychansk")] == ["ua:a", "ua:b", "ua:c"]
    # Plain tuples inside, no pickled classes of ours.
    assert b"frontline" not in gzip.decompress(path.read_bytes())


def test_load_rebuilds_missing_stale_or_broken_files(tmp_path, monkeypatch):
    builds = []

    def fake_build(cls):
        builds.append(1)
        gaz = small()
        gaz.fingerprint = fingerprint()
        return gaz

    monkeypatch.setattr(Gazetteer, "build", classmethod(fake_build))
    monkeypatch.setattr(Gazetteer, "_loaded", {})
    path = tmp_path / "g.pickle.gz"
    first_load = Gazetteer.load(path)
    assert builds == [1] and path.exists()
    assert Gazetteer.load(path) is first_load  # process-wide
    Gazetteer.forget()
    Gazetteer.load(path)
    assert builds == [1]  # fresh file: read, not rebuilt
    Gazetteer.forget()
    small().save(path)  # fingerprint "test": stale
    Gazetteer.load(path)
    assert builds == [1, 1]
    Gazetteer.forget()
    path.write_bytes(b"not a gazetteer")
    assert len(Gazetteer.load(path).entities) == 4
    assert builds == [1, 1, 1]


def test_default_path(monkeypatch, tmp_path):
    monkeypatch.setenv("FRONTLINE_GAZETTEER", str(tmp_path / "g.gz"))
    assert default_path() == tmp_path / "g.gz"
    monkeypatch.delenv("FRONTLINE_GAZETTEER")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_path() == tmp_path / "frontline" / f"gazetteer-{fingerprint()}.pickle.gz"


def test_fingerprint_follows_curated_tables(tmp_path, monkeypatch):
    before = fingerprint()
    fake = tmp_path / "gazetteer"
    (fake / "curated").mkdir(parents=True)
    for name in ("build.py", "model.py", "store.py"):
        (fake / name).write_bytes((Path(store_module.__file__).parent / name).read_bytes())
    monkeypatch.setattr(store_module, "_HERE", fake)
    without_tables = fingerprint()
    (fake / "curated" / "people.tsv").write_text("id\tlabel\n", encoding="utf-8")
    assert fingerprint() != without_tables
    monkeypatch.undo()
    assert fingerprint() == before
