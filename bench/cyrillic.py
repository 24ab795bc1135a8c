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
``--misses`` lists every missed and every false (document, entity) pair: for a miss, the forms the
gold says the document prints, and what the index filed the document under; for a false hit, the
words the query matched there.

Last, issue 12's other target: indexing speed on Russian text against English, a few hundred
documents of each on one process (``index_paths(..., workers=1)``), in documents and characters
per second; Russian should index at ≥ 0.5× the English rate.
"""

import argparse
import json
import tempfile
from collections import defaultdict
from itertools import islice
from pathlib import Path

from frontline.index.indexer import index_paths
from frontline.search.engine import MAX_LIMIT, Engine, SearchRequest

from .common import CORPORA as ENGLISH_CORPORA
from .common import SHARED, Timer, build_plain_index, plain_parser, read_jsonl

GOLD = Path(__file__).resolve().parent / "data" / "cyrillic-gold.jsonl"
#: Documents read the same way after the mechanisms were built on the development set, never tuned on.
HELD_OUT = GOLD.with_name("cyrillic-heldout.jsonl")
CORPORA = {"ukrainian-addresses": "ukrainian-addresses.jsonl", "russian-telegram": "russian-telegram.jsonl"}
TARGET = 0.95
SHOWN_ERRORS = 25
#: Documents of each language timed for the indexing-speed comparison, and its target ratio.
SPEED_DOCS = 300
SPEED_TARGET = 0.5


def read_gold(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _named(gold: list[dict]) -> dict[str, dict]:
    """entity name → {"docs": documents naming it, "unsure": documents where it is uncertain, "forms": printed
    forms, "forms_in": document → the forms it prints}."""
    named: dict[str, dict] = defaultdict(lambda: {"docs": set(), "unsure": set(), "forms": set(), "forms_in": {}})
    for doc in gold:
        for item in doc["places"] + doc["persons"]:
            named[item["name"]]["docs"].add(doc["id"])
            named[item["name"]]["forms"].update(item.get("forms", ()))
            named[item["name"]]["forms_in"].setdefault(doc["id"], set()).update(item.get("forms", ()))
        for item in doc.get("uncertain", []):
            named[item["name"]]["unsure"].add(doc["id"])
    return named


class _Counts:
    def __init__(self, kind: str = ""):
        self.kind = kind
        self.tp = self.fp = self.fn = 0
        self.errors: list[str] = []
        #: (kind, query, entity, document, missed?) of every error, for --misses.
        self.pairs: list[tuple[str, str, str, str, bool]] = []

    def add(self, query: str, found: set[str], wanted: set[str], among: set[str], entity: str = "") -> None:
        found = found & among
        self.tp += len(found & wanted)
        self.fp += len(found - wanted)
        self.fn += len(wanted - found)
        self.errors += [f"{query!r}: missed {d}" for d in sorted(wanted - found)]
        self.errors += [f"{query!r}: also {d}" for d in sorted(found - wanted)]
        self.pairs += [(self.kind, query, entity or query, d, True) for d in sorted(wanted - found)]
        self.pairs += [(self.kind, query, entity or query, d, False) for d in sorted(found - wanted)]

    def line(self) -> str:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        verdict = "met" if precision >= TARGET and recall >= TARGET else "NOT met"
        return f"precision {precision:.3f}, recall {recall:.3f} (tp {self.tp}, fp {self.fp}, fn {self.fn}; {verdict})"


def _ids(engine: Engine, q: str, **request) -> set[str]:
    """Every document the query finds: each copy of a story, not only the one its story is folded into."""
    found, offset = set(), 0
    while True:
        result = engine.search(SearchRequest(q=q, limit=MAX_LIMIT, offset=offset, collapse=False, **request))
        found |= {hit["id"] for hit in result["hits"]}
        offset += MAX_LIMIT
        if offset >= result["total"]:
            return found


def _plain_ids(plain_ix, q: str) -> set[str]:
    with plain_ix.searcher() as searcher:
        return {hit["id"] for hit in searcher.search(plain_parser(plain_ix).parse(q), limit=None)}


def run(options: list[str] = ()) -> None:
    parser = argparse.ArgumentParser(prog="bench cyrillic")
    parser.add_argument("--misses", action="store_true",
                        help="list every missed and false (document, entity) pair, with the forms the gold says it prints")
    parser.add_argument("--held-out", action="store_true",
                        help=f"measure on the held-out documents ({HELD_OUT.name}) instead of the development set")
    args = parser.parse_args(list(options))
    misses = args.misses
    paths = [SHARED / "corpora" / name for name in CORPORA.values()]
    work = Path(tempfile.mkdtemp(prefix="frontline-bench-cyrillic-"))
    index_paths(paths, work / "index")
    engine = Engine(work / "index")
    plain_ix = build_plain_index(work / "plain", [r for path in paths for r in read_jsonl(path)])
    gold = read_gold(HELD_OUT if args.held_out else GOLD)
    print(f"gold: {HELD_OUT.name if args.held_out else GOLD.name}")
    for corpus in CORPORA:
        docs = [d for d in gold if d["corpus"] == corpus]
        among = {d["id"] for d in docs}
        named = _named(docs)
        latin, printed, regions = _Counts("Latin"), _Counts("printed"), _Counts("region")
        plain_latin, plain_printed = _Counts(), _Counts()
        for name, entry in sorted(named.items()):
            if not entry["docs"]:
                continue
            considered = among - entry["unsure"]
            latin.add(name, _ids(engine, name), entry["docs"], considered, name)
            plain_latin.add(name, _plain_ids(plain_ix, name), entry["docs"], considered)
            for form in sorted(entry["forms"]):
                printed.add(form, _ids(engine, form), entry["docs"], considered, name)
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
        if misses:
            _print_misses(engine, docs, named, latin.pairs + printed.pairs + regions.pairs)
        else:
            for error in (latin.errors + printed.errors + regions.errors)[:SHOWN_ERRORS]:
                print(f"    {error}")
    if not args.held_out:
        _indexing_speed(work)


def _print_misses(engine: Engine, docs: list[dict], named: dict[str, dict], pairs) -> None:
    """Each error once per (document, entity): which queries missed or wrongly found it, the forms the gold
    says the document prints (a miss), or the words the query matched there (a false hit)."""
    evidence = {(d["id"], o["code"]): o.get("evidence", []) for d in docs for o in d["oblasts"]}
    grouped: dict[tuple[str, str, bool], list[str]] = defaultdict(list)
    for kind, query, entity, doc_id, missed in pairs:
        grouped[(doc_id, entity, missed)].append(f"{kind} {query!r}")
    print(f"  {sum(missed for _d, _e, missed in grouped)} missed and "
          f"{sum(not missed for _d, _e, missed in grouped)} false (document, entity) pairs:")
    for (doc_id, entity, missed), queries in sorted(grouped.items(), key=lambda kv: (not kv[0][2], kv[0][1], kv[0][0])):
        if missed:
            forms = named[entity]["forms_in"].get(doc_id) if entity in named else evidence.get((doc_id, entity))
            facets = (engine.document(doc_id) or {}).get("facets", {})
            filed = "; ".join(f"{facet}: {', '.join(v['label'] if isinstance(v, dict) else str(v) for v in values)}"
                              for facet, values in facets.items() if values and facet in ("region", "place", "person"))
            print(f"    MISSED {doc_id} {entity!r}: prints {sorted(forms or ())} — by {', '.join(queries)}")
            print(f"        filed under {filed or 'nothing'}")
        else:
            query = queries[0].split(" ", 1)[1].strip("'")
            words = _matched_words(engine, doc_id, query) if not entity.startswith("UA-") else ""
            print(f"    FALSE  {doc_id} {entity!r}: matched {words or '(by the facet)'} — by {', '.join(queries)}")


def _matched_words(engine: Engine, doc_id: str, query: str) -> str:
    text = (engine.document(doc_id) or {}).get("text", "")
    spans = engine.document_matches(doc_id, query)["spans"]
    return ", ".join(sorted({text[start:end] for start, end in spans})) or "(in the title)"


def _indexing_speed(work: Path) -> None:
    """Russian against English: the same number of documents of each, indexed by one process."""
    russian = list(islice(read_jsonl(SHARED / "corpora" / CORPORA["russian-telegram"]), SPEED_DOCS))
    english = [r for name in ENGLISH_CORPORA for r in islice(read_jsonl(SHARED / "corpora" / name), SPEED_DOCS // 3)]
    rates = {}
    for language, records in (("English", english), ("Russian", russian)):
        source = work / f"speed-{language}.jsonl"
        source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        chars = sum(len(r.get("title") or "") + len(r.get("text") or "") for r in records)
        with Timer() as took:
            index_paths([source], work / f"speed-{language}-index", workers=1)
        rates[language] = (len(records) / took.seconds, chars / took.seconds)
        print(f"  indexing {language}: {len(records)} documents, {chars:,} characters, {took.seconds:.1f} s: "
              f"{rates[language][0]:.1f} docs/s, {rates[language][1]:,.0f} chars/s")
    docs_ratio = rates["Russian"][0] / rates["English"][0]
    chars_ratio = rates["Russian"][1] / rates["English"][1]
    verdict = "met" if docs_ratio >= SPEED_TARGET else "NOT met"
    print(f"  Russian/English: {docs_ratio:.2f}× in docs/s, {chars_ratio:.2f}× in chars/s "
          f"(target ≥ {SPEED_TARGET}× in docs/s: {verdict})")
