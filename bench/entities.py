"""The entity layer on whole real articles, against hand annotation and a plain dictionary matcher.

Gold: ``bench/data/entities-gold.jsonl`` (how it was made: ``bench/data/README.md``), every
Ukrainian oblast each article names a place in and every person it names, for articles of
the three English corpora; the texts are read from ``../shared/corpora`` by id.

Measured, per split (``dev`` is what the code was developed against, ``heldout`` was not
looked at while developing):

* region precision and recall over (article, oblast) pairs;
* person precision and recall over (article, person) pairs, a found person matching a gold
  one when their surnames agree (any spelling);

each for Frontline and, in the same run, a plain dictionary matcher: every capitalised
gazetteer spelling taken at its best reading, people only when the curated table has them.
Then, over the whole three corpora, the documents filed under Crimea, Vinnytsia Oblast and
the top weapon beside the documents that plainly name them.
"""

import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from rapidfuzz.distance import JaroWinkler

from frontline.index.entities import EntityExtractor
from frontline.index.names.resolver import default_resolver
from frontline.index.names.spelling import normalize
from frontline.index.names.translit import to_latin
from frontline.index.names.words import words_of

from .common import corpus_paths, read_jsonl
from .variants import LiteralTruth

GOLD = Path(__file__).resolve().parent / "data" / "entities-gold.jsonl"
TARGETS = {"region precision": 0.97, "region recall": 0.95, "person precision": 0.92, "person recall": 0.92}
#: Cities this large are what a plain reader counts as naming their oblast.
PLAIN_CITY = 50_000
SHOWN_ERRORS = 40


def read_gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


class Dictionary:
    """The baseline: every capitalised gazetteer match at its best reading, no evidence weighed."""

    def __init__(self, resolver):
        self.resolver = resolver

    def read(self, text: str) -> tuple[set[str], dict[str, set[str]]]:
        regions, people = set(), {}
        for mention in self.resolver.find_mentions(words_of(text)):
            best = mention.resolution.best
            if best.kind == "place":
                regions |= set(best.region)
            elif best.kind == "person":
                people.setdefault(best.id, {best.label}).add(mention.text)
        return regions, people


class Frontline:
    def __init__(self, resolver):
        self.extractor = EntityExtractor(resolver)

    def read(self, text: str) -> tuple[set[str], dict[str, set[str]]]:
        regions, people = set(), {}
        for found in self.extractor.extract(text).found:
            regions |= set(found.regions)
            if found.kind == "person":
                people.setdefault(found.value, {found.label}).add(found.text)
        return regions, people


def _surname(name: str) -> str:
    words = re.findall(r"[a-z]+", normalize(to_latin(name)))
    return words[-1] if words else ""


def _same_person(found_names: set[str], gold: dict) -> bool:
    ours = {_surname(n) for n in found_names} - {""}
    theirs = {_surname(n) for n in [gold["name"], *gold.get("forms", [])]} - {""}
    return any(a == b or (min(len(a), len(b)) >= 4 and JaroWinkler.similarity(a, b) >= 0.9) for a in ours for b in theirs)


class Score:
    def __init__(self):
        self.counts = Counter()
        self.errors = []

    def add(self, kind: str, tp: int, fp: list, fn: list, article: str):
        self.counts[kind, "tp"] += tp
        self.counts[kind, "fp"] += len(fp)
        self.counts[kind, "fn"] += len(fn)
        self.errors += [(article, kind, "added", x) for x in fp] + [(article, kind, "missed", x) for x in fn]

    def measure(self, kind: str) -> tuple[float, float, int, int, int]:
        tp, fp, fn = (self.counts[kind, k] for k in ("tp", "fp", "fn"))
        return (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0, tp, fp, fn)


def score_article(system, article: dict, text: str, score: Score) -> None:
    regions, people = system.read(text)
    predicted = {code for code in regions if code.startswith("UA-")}
    gold = {o["code"] for o in article["oblasts"]}
    unsure = {code for u in article.get("uncertain", []) for code in u.get("codes", [])} - gold
    predicted -= unsure
    score.add("region", len(predicted & gold), sorted(predicted - gold), sorted(gold - predicted), article["id"])

    unmatched = list(article["persons"])
    unsure_people = [{"name": n, "forms": []} for n in article.get("uncertain_persons", [])]
    fp = []
    tp = 0
    for names in people.values():
        match = next((g for g in unmatched if _same_person(names, g)), None)
        if match is not None:
            unmatched.remove(match)
            tp += 1
        elif not any(_same_person(names, g) for g in unsure_people + article["persons"]):
            fp.append(sorted(names)[0])
    score.add("person", tp, fp, [g["name"] for g in unmatched], article["id"])


def _texts(ids: set[str]) -> dict[str, str]:
    texts = {}
    for path in corpus_paths():
        for record in read_jsonl(path):
            if str(record["id"]) in ids:
                texts[str(record["id"])] = f"{record.get('title') or ''}\n\n{record.get('text') or ''}"
    return texts


def run():
    resolver = default_resolver()
    gold = read_gold()
    texts = _texts({a["id"] for a in gold})
    missing = [a["id"] for a in gold if a["id"] not in texts]
    if missing:
        raise SystemExit(f"bench: {len(missing)} annotated articles not in ../shared/corpora: {missing[:3]}")
    systems = {"frontline": Frontline(resolver), "dictionary": Dictionary(resolver)}
    splits = {"dev": [a for a in gold if a["split"] == "dev"], "heldout": [a for a in gold if a["split"] == "heldout"]}
    print(f"{len(gold)} annotated articles ({', '.join(f'{k} {len(v)}' for k, v in splits.items())}); "
          f"{sum(len(a['oblasts']) for a in gold)} (article, oblast) pairs, {sum(len(a['persons']) for a in gold)} people")
    scores = {}
    for split, articles in splits.items():
        for name, system in systems.items():
            score = scores[split, name] = Score()
            for article in articles:
                score_article(system, article, texts[article["id"]], score)
    for split in splits:
        print(f"\n{split}:")
        for kind in ("region", "person"):
            for name in systems:
                p, r, tp, fp, fn = scores[split, name].measure(kind)
                print(f"  {kind:6} {name:10} precision {p:.3f}  recall {r:.3f}   (tp {tp}, fp {fp}, fn {fn})")
        ours = scores[split, "frontline"]
        checks = []
        for target, floor in TARGETS.items():
            kind, measure = target.split()
            value = ours.measure(kind)[0 if measure == "precision" else 1]
            checks.append(f"{target} {value:.3f} {'≥' if value >= floor else '<'} {floor}")
        print("  targets: " + "; ".join(checks))
    errors = scores["dev", "frontline"].errors
    print(f"\nFrontline's errors on dev ({len(errors)}; first {SHOWN_ERRORS}):")
    for article, kind, what, value in errors[:SHOWN_ERRORS]:
        print(f"  {what:6} {kind:6} {value!s:28} {article}")
    _facet_counts(systems["frontline"].extractor)


def facet_agreement(extractor: EntityExtractor, records: list[dict]) -> list[tuple[str, set[str], set[str]]]:
    """(label, documents filed under it, documents that plainly name it) for Crimea, Vinnytsia Oblast
    and the weapon filed most often."""
    gazetteer = extractor.gazetteer
    filed = defaultdict(set)
    for record in records:
        for part in (record.get("title") or "", record.get("text") or ""):
            for found in extractor.extract(part).found:
                for code in found.regions:
                    filed["region", code].add(record["id"])
                if found.kind == "weapon":
                    filed["weapon", found.value].add(record["id"])
    weapons = [key for key in filed if key[0] == "weapon"]
    top_weapon = max(weapons, key=lambda key: len(filed[key])) if weapons else None
    rows = []
    for key in (("region", "UA-43"), ("region", "UA-05"), top_weapon):
        if key is None:
            continue
        entity = gazetteer.get(f"region:{key[1]}") if key[0] == "region" else gazetteer.get(key[1])
        spellings = {s.text for s in entity.spellings if s.text.isascii()}
        if key[0] == "region":
            # The oblast's names, its cities of PLAIN_CITY+ and its landmarks and areas, as printed.
            spellings |= {s.text for e in gazetteer.entities.values() if e.kind == "place" and e.region == (key[1],)
                          and e.level in ("city", "landmark", "area") and (e.population >= PLAIN_CITY or e.level != "city")
                          for s in e.spellings if s.text.isascii() and s.note in ("official", "russian")}
        label = entity.label if key[0] == "region" else f"top weapon: {entity.label}"
        rows.append((label, filed[key], LiteralTruth(records, spellings).containing(spellings)))
    return rows


def _facet_counts(extractor: EntityExtractor) -> None:
    records = [r for path in corpus_paths() for r in read_jsonl(path)]
    print(f"\nFacet counts over the three corpora ({len(records)} documents) beside the documents that plainly name them:")
    for label, filed, plain in facet_agreement(extractor, records):
        print(f"  {label:34} filed {len(filed):5}  named plainly {len(plain):5}  "
              f"filed but not named {len(filed - plain):4}  named but not filed {len(plain - filed):4}")
