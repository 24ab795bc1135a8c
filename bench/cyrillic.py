"""Ukrainian and Russian reporting: every case form of a name, searched in Latin or Cyrillic letters.

Gold: ``bench/data/cyrillic-gold.jsonl`` (how it was made: ``bench/data/README.md``): for 40
Ukrainian presidential addresses and 40 Russian Telegram posts, every place and person each names
(an English name and the forms printed, case endings and all) and every Ukrainian oblast it names
a place in. The two corpora are indexed whole; over the 80 annotated documents, measured per
language:

* a name typed in Latin letters (the annotators' English name: Kharkiv, Luhansk Oblast, Volodymyr
  Zelenskyy): recall over the (entity, document) pairs the gold holds, precision over what the
  query returns among the annotated documents;
* the same for each case form as printed (Харкова, Луганской области, Зеленського) as a query:
  every document naming the entity, in any form, should be found;
* the region facet: precision and recall over (document, oblast) pairs.

Plain Whoosh (StandardAnalyzer, the same documents) answers the same queries in the same run.
"""

import json
import tempfile
from collections import defaultdict
from pathlib import Path

from frontline.index.indexer import index_paths
from frontline.search.engine import MAX_LIMIT, Engine, SearchRequest

from .common import SHARED, build_plain_index, plain_parser, read_jsonl

GOLD = Path(__file__).resolve().parent / "data" / "cyrillic-gold.jsonl"
CORPORA = {"ukrainian-addresses": "ukrainian-addresses.jsonl", "russian-telegram": "russian-telegram.jsonl"}
TARGET = 0.95
SHOWN_ERRORS = 25


def read_gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def _named(gold: list[dict]) -> dict[str, dict]:
    """entity name → {"docs": documents naming it, "unsure": documents where it is uncertain, "forms": printed forms}."""
    named: dict[str, dict] = defaultdict(lambda: {"docs": set(), "unsure": set(), "forms": set()})
    for doc in gold:
        for item in doc["places"] + doc["persons"]:
            named[item["name"]]["docs"].add(doc["id"])
            named[item["name"]]["forms"].update(item.get("forms", ()))
        for item in doc.get("uncertain", []):
            named[item["name"]]["unsure"].add(doc["id"])
    return named


class _Counts:
    def __init__(self):
        self.tp = self.fp = self.fn = 0
        self.errors: list[str] = []

    def add(self, query: str, found: set[str], wanted: set[str], among: set[str]) -> None:
        found = found & among
        self.tp += len(found & wanted)
        self.fp += len(found - wanted)
        self.fn += len(wanted - found)
        self.errors += [f"{query!r}: missed {d}" for d in sorted(wanted - found)]
        self.errors += [f"{query!r}: also {d}" for d in sorted(found - wanted)]

    def line(self) -> str:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        verdict = "met" if precision >= TARGET and recall >= TARGET else "NOT met"
        return f"precision {precision:.3f}, recall {recall:.3f} (tp {self.tp}, fp {self.fp}, fn {self.fn}; {verdict})"


def _ids(engine: Engine, q: str, **request) -> set[str]:
    found, offset = set(), 0
    while True:
        result = engine.search(SearchRequest(q=q, limit=MAX_LIMIT, offset=offset, **request))
        found |= {hit["id"] for hit in result["hits"]}
        offset += MAX_LIMIT
        if offset >= result["total"]:
            return found


def _plain_ids(plain_ix, q: str) -> set[str]:
    with plain_ix.searcher() as searcher:
        return {hit["id"] for hit in searcher.search(plain_parser(plain_ix).parse(q), limit=None)}


def run() -> None:
    paths = [SHARED / "corpora" / name for name in CORPORA.values()]
    work = Path(tempfile.mkdtemp(prefix="frontline-bench-cyrillic-"))
    index_paths(paths, work / "index")
    engine = Engine(work / "index")
    plain_ix = build_plain_index(work / "plain", [r for path in paths for r in read_jsonl(path)])
    gold = read_gold()
    for corpus in CORPORA:
        docs = [d for d in gold if d["corpus"] == corpus]
        among = {d["id"] for d in docs}
        named = _named(docs)
        latin, printed, plain_latin, plain_printed, regions = (_Counts() for _ in range(5))
        for name, entry in sorted(named.items()):
            if not entry["docs"]:
                continue
            considered = among - entry["unsure"]
            latin.add(name, _ids(engine, name), entry["docs"], considered)
            plain_latin.add(name, _plain_ids(plain_ix, name), entry["docs"], considered)
            for form in sorted(entry["forms"]):
                printed.add(form, _ids(engine, form), entry["docs"], considered)
                plain_printed.add(form, _plain_ids(plain_ix, form), entry["docs"], considered)
        for code in sorted({o["code"] for d in docs for o in d["oblasts"]}):
            wanted = {d["id"] for d in docs if any(o["code"] == code for o in d["oblasts"])}
            regions.add(code, _ids(engine, "", filters={"region": [code]}), wanted, among)
        print(f"-- {corpus}: {len(docs)} annotated documents, {sum(len(e['docs']) for e in named.values())} "
              f"(entity, document) pairs, {len(named)} entities")
        print(f"  Latin name as the query:    Frontline {latin.line()}")
        print(f"                              plain Whoosh {plain_latin.line()}")
        print(f"  printed form as the query:  Frontline {printed.line()}")
        print(f"                              plain Whoosh {plain_printed.line()}")
        print(f"  region facet:               Frontline {regions.line()}")
        for error in (latin.errors + printed.errors + regions.errors)[:SHOWN_ERRORS]:
            print(f"    {error}")
