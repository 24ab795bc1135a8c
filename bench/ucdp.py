"""Region roll-up against UCDP coders: does each event location land in its oblast?

Every distinct ``where_description`` of ``../shared/corpora/ucdp-ged-ukraine.csv``
is indexed as a short document; its region facet should contain the oblast
the coders gave (``adm_1``) and no other oblast. The coders' spellings
(Bereznegovatoye, Orekhovo) are the test: nothing from this file is in the
gazetteer.
"""

import csv
import json
import tempfile
from collections import Counter
from pathlib import Path

from frontline.index.entities import EntityExtractor
from frontline.index.entities.places import BIG_CITY
from frontline.index.indexer import index_paths
from frontline.index.names.resolver import default_resolver
from frontline.search.engine import Engine
from frontline.search.filters import FilterResolver

from .common import SHARED

TARGET_HIT, TARGET_WRONG = 0.93, 0.03


def _oblast_code(adm_1: str, filters: FilterResolver) -> str:
    """UCDP's adm_1 label ("Zaporizhzhya oblast", "Kiev Special Republican city") as an ISO code."""
    name = adm_1.replace("Special Republican city", "").strip()
    codes = filters.values_for("region", name) if "city" not in adm_1 else filters.values_for("place", name)
    if "city" in adm_1:
        entity = default_resolver().gazetteer.get(codes[0]) if codes else None
        return entity.region[0] if entity and entity.region else ""
    return codes[0] if codes else ""


def _named_outright(extractor: EntityExtractor, text: str) -> tuple[set[str], set[str]]:
    """(oblasts the text names as such: "Kherson region", LPR, Donbas; oblasts of the cities of
    BIG_CITY or more it names: Kherson, Kupiansk)."""
    gazetteer = extractor.gazetteer
    as_regions, by_cities = set(), set()
    for item in extractor.extract(text).found:
        entity = gazetteer.get(item.value)
        if item.value.startswith(("region:", "place:")):
            as_regions.update(item.regions)
        elif entity and entity.level == "city" and entity.population >= BIG_CITY:
            by_cities.update(item.regions)
    return as_regions, by_cities


def run():
    path = SHARED / "corpora" / "ucdp-ged-ukraine.csv"
    if not path.exists():
        raise SystemExit(f"bench: {path} not found")
    filters = FilterResolver(default_resolver())
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    rows = [r for r in rows if r["where_description"].strip() and r["adm_1"].strip()]
    locations = sorted({(r["where_description"].strip(), r["adm_1"].strip()) for r in rows})
    codes = {adm: _oblast_code(adm, filters) for adm in {adm for _d, adm in locations}}
    unmapped = [adm for adm, code in codes.items() if not code]
    if unmapped:
        raise SystemExit(f"bench: cannot map UCDP adm_1 labels {unmapped}")

    work = Path(tempfile.mkdtemp(prefix="frontline-ucdp-"))
    corpus = work / "locations.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for number, (description, adm) in enumerate(locations):
            out.write(json.dumps({"id": str(number), "text": description}, ensure_ascii=False) + "\n")
    summary = index_paths([corpus], work / "index")
    found = _regions_found(Engine(work / "index"), locations)
    extractor = EntityExtractor()
    print(f"{len(locations)} distinct locations ({summary.added} indexed in {summary.seconds:.1f} s)")
    outcome = {location: _judge(extractor, location, codes[location[1]], found[location]) for location in locations}
    _report("over distinct descriptions", list(outcome.values()))
    # The same, one item per distinct coordinate: the description and oblast the coders used most there.
    per_place: dict[tuple[str, str], Counter] = {}
    for row in rows:
        per_place.setdefault((row["latitude"], row["longitude"]), Counter())[
            (row["where_description"].strip(), row["adm_1"].strip())] += 1
    _report(f"over distinct coordinates ({len(per_place)})",
            [outcome[counts.most_common(1)[0][0]] for counts in per_place.values()])
    misses = [loc for loc, result in outcome.items() if not result["hit"]]
    print("\nSome misses (description → coders' oblast):")
    for description, adm in misses[:25]:
        print(f"  {description[:90]!r} → {adm}")
    print("\nSome oblasts added by a smaller place (description → coders' oblast; added):")
    for (description, adm), result in [(loc, r) for loc, r in outcome.items() if r["added"] == "other"][:25]:
        print(f"  {description[:80]!r} → {adm}; added {', '.join(result['extra'])}")


def _regions_found(engine: Engine, locations) -> dict[tuple[str, str], set[str]]:
    """Each location → the Ukrainian region values its indexed document has."""
    found = {}
    with engine.reading() as (generation, searcher):
        table = generation.table
        regions_of: dict[int, set[str]] = {}
        for docnum, number in zip(table.docs, table.value_ids):
            key = table.values[number]
            if key.facet == "region":
                regions_of.setdefault(int(docnum), set()).add(key.value)
        for docnum in searcher.reader().all_doc_ids():
            location = locations[int(searcher.stored_fields(docnum)["id"])]
            found[location] = {c for c in regions_of.get(docnum, set()) if c.startswith("UA-")}
    return found


def _judge(extractor: EntityExtractor, location: tuple[str, str], expected: str, found: set[str]) -> dict:
    """Whether the coders' oblast is among those found, and what named any other one added."""
    kyiv_too = ("UA-32",) if expected == "UA-30" else ()
    extra = sorted(found - {expected, *kyiv_too})
    added = ""
    if extra:
        as_regions, by_cities = _named_outright(extractor, location[0])
        added = "region" if set(extra) <= as_regions else "city" if set(extra) <= as_regions | by_cities else "other"
    return {"hit": expected in found or bool(kyiv_too and "UA-32" in found), "empty": not found,
            "extra": extra, "added": added}


def _report(title: str, results: list[dict]) -> None:
    total = len(results)
    share = lambda test: sum(1 for r in results if test(r)) / total  # noqa: E731
    hit, other = share(lambda r: r["hit"]), share(lambda r: r["added"] == "other")
    print(f"{title}:")
    print(f"  region facet holds the coders' oblast: {hit:.3f} (target ≥ {TARGET_HIT}: {'met' if hit >= TARGET_HIT else 'NOT met'})")
    print(f"  another oblast added:                  {share(lambda r: bool(r['extra'])):.3f}")
    print(f"    the description names it as an oblast (\"Kharkiv region\", LPR, Donbas): {share(lambda r: r['added'] == 'region'):.3f}")
    print(f"    the description names a city of {BIG_CITY:,}+ in it (Kherson, Kupiansk):   {share(lambda r: r['added'] == 'city'):.3f}")
    print(f"    added by a smaller place, which the description does not name:        {other:.3f} "
          f"(target for wrongly added ≤ {TARGET_WRONG}: {'met' if other <= TARGET_WRONG else 'NOT met'})")
    print(f"  misses with no Ukrainian region at all: {sum(r['empty'] for r in results if not r['hit'])} "
          f"of {sum(not r['hit'] for r in results)}")
