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

from frontline.index.entities import BIG_CITY, EntityExtractor
from frontline.index.indexer import index_paths
from frontline.index.names import default_resolver
from frontline.search.engine import Engine
from frontline.search.filters import FilterResolver

from .common import SHARED

TARGET_HIT, TARGET_WRONG = 0.90, 0.05


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
    locations = sorted({(r["where_description"].strip(), r["adm_1"].strip()) for r in rows
                        if r["where_description"].strip() and r["adm_1"].strip()})
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
    engine = Engine(work / "index")

    hits = wrong = empty = 0
    why_added = Counter()
    extractor = EntityExtractor()
    misses, wrongs = Counter(), Counter()
    with engine.searcher() as searcher:
        table = engine.facet_table(searcher)
        regions_of = {}
        for docnum, number in zip(table.docs, table.value_ids):
            key = table.values[number]
            if key.facet == "region":
                regions_of.setdefault(int(docnum), set()).add(key.value)
        for docnum in searcher.reader().all_doc_ids():
            number = int(searcher.stored_fields(docnum)["id"])
            description, adm = locations[number]
            expected = codes[adm]
            found = {c for c in regions_of.get(docnum, set()) if c.startswith("UA-")}
            if expected in found or (expected == "UA-30" and "UA-32" in found):
                hits += 1
            else:
                misses[(description, adm)] += 1
                empty += not found
            extra = found - {expected, *(("UA-32",) if expected == "UA-30" else ())}
            if extra:
                wrong += 1
                wrongs[(description, adm, ", ".join(sorted(extra)))] += 1
                as_regions, by_cities = _named_outright(extractor, description)
                why_added["region" if extra <= as_regions else "city" if extra <= as_regions | by_cities else "other"] += 1
    total = len(locations)
    print(f"{total} distinct locations ({summary.added} indexed in {summary.seconds:.1f} s)")
    print(f"  region facet holds the coders' oblast: {hits / total:.3f} (target ≥ {TARGET_HIT})")
    print(f"  another oblast added:                  {wrong / total:.3f} (target for wrongly added: ≤ {TARGET_WRONG})")
    print(f"    the description names it as an oblast (\"Kharkiv region\", LPR, Donbas): {why_added['region'] / total:.3f}")
    print(f"    the description names a city of {BIG_CITY:,}+ in it (Kherson, Kupiansk):   {why_added['city'] / total:.3f}")
    print(f"    added by a smaller place:                                            {why_added['other'] / total:.3f}")
    print(f"  misses with no Ukrainian region at all: {empty} of {total - hits}")
    print("\nSome misses (description → coders' oblast):")
    for (description, adm), _ in list(misses.items())[:25]:
        print(f"  {description[:90]!r} → {adm}")
    print("\nSome wrong additions (description → coders' oblast; added):")
    for (description, adm, added), _ in list(wrongs.items())[:25]:
        print(f"  {description[:80]!r} → {adm}; added {added}")
