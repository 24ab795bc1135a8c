"""Variant matching: every spelling of an entity as a query, Frontline against plain Whoosh.

Ground truth is literal: a document is about entity E when it contains, as
whole words, any spelling that means E (its spellings in
``../shared/eval/variants.tsv`` and every gazetteer spelling whose best
reading is E). Each spelling is then run as a query:

* recall    = share of E's documents the query finds;
* precision = share of what the query finds that is one of E's documents.

Entities measured: those of variants.tsv, and every place or person of which
the corpora use two or more spellings. Negatives (negatives.tsv) must not
be merged: a query for one must find no document that only the other names.
"""

import csv
import re
import statistics
import tempfile
from collections import defaultdict
from pathlib import Path

import ahocorasick
from whoosh import query as wq

from frontline.index.names.words import WORD_PATTERN
from frontline.index.names.given_names import is_common_given_name
from frontline.index.names.resolver import default_resolver
from frontline.index.names.spelling import normalize
from frontline.search.engine import Engine
from frontline.search.query import parse_query

from .common import SHARED, build_plain_index, corpus_index, corpus_paths, read_jsonl

#: A spelling must occur in at least this many documents to be a query of its own.
MIN_DOCS = 1
TARGET = 0.98
NOTABLE_LEVELS = ("country", "oblast", "region", "area", "sea", "river", "city")


def _words(text: str) -> str:
    return " ".join(normalize(w) for w in re.findall(WORD_PATTERN, text))


def read_variants(path: Path) -> list[tuple[str, str, list[str]]]:
    rows = []
    for row in csv.reader(path.open(encoding="utf-8"), delimiter="\t"):
        if row and not row[0].startswith("#"):
            rows.append((row[0], row[1], [row[0], *row[2].split("|")]))
    return rows


def read_negatives(path: Path) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in csv.reader(path.open(encoding="utf-8"), delimiter="\t") if r and not r[0].startswith("#")]


class LiteralTruth:
    """Which documents contain which spellings, as whole words (Aho-Corasick over folded text).

    ``containing(spellings, given=...)`` is the name-aware reading: an occurrence right after a
    common given name that is none of ``given`` (the entity's own given names) is another person's
    name, not the entity (Svitlana Klymenko is not Ihor Klymenko, Daniil Medvedev not Dmitry).
    """

    def __init__(self, records: list[dict], spellings: set[str]):
        automaton = ahocorasick.Automaton()
        for spelling in spellings:
            folded = _words(spelling)
            if folded:
                automaton.add_word(f" {folded} ", folded)
        automaton.make_automaton()
        self.docs: dict[str, set[str]] = defaultdict(set)
        #: spelling → document → the words printed right before it.
        self.before: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for record in records:
            haystack = f" {_words((record.get('title') or '') + ' . ' + (record.get('text') or ''))} "
            for end, folded in automaton.iter(haystack):
                self.docs[folded].add(str(record["id"]))
                start = end - len(folded) - 1
                self.before[folded][str(record["id"])].add(haystack[:start].rsplit(" ", 1)[-1])

    def containing(self, spellings, given: set[str] | None = None) -> set[str]:
        found = set()
        for spelling in spellings:
            folded = _words(spelling)
            if given is None:
                found |= self.docs.get(folded, set())
                continue
            for doc, before in self.before.get(folded, {}).items():
                if any(word in given or not is_common_given_name(word.title()) for word in before):
                    found.add(doc)
        return found


def own_given_names(entity) -> set[str]:
    """The first words of an entity's names of several words: its own given names (vladimir, dmytro)."""
    return {_words(s.text).split(" ")[0] for s in entity.spellings if " " in _words(s.text)}


def _entity_spellings(resolver, entity, extra=()) -> set[str]:
    """Spellings whose best reading is this entity."""
    spellings = {s.text for s in entity.spellings}
    spellings |= set(extra)
    return {s for s in spellings if (r := resolver.resolve(s, fuzzy=False)) is None or r.best.id == entity.id}


def run():
    resolver = default_resolver()
    gazetteer = resolver.gazetteer
    records = [r for path in corpus_paths() for r in read_jsonl(path)]
    variants = read_variants(SHARED / "eval" / "variants.tsv")
    negatives = read_negatives(SHARED / "eval" / "negatives.tsv")

    entities = {}
    for canonical, _kind, spellings in variants:
        entity = resolver.resolve(canonical).best
        entities[entity.id] = (entity, set(spellings))
    all_spellings = {s.text for e in gazetteer.entities.values() if e.kind in ("place", "person") for s in e.spellings}
    all_spellings |= {s for _e, spellings in entities.values() for s in spellings}
    for a, b in negatives:
        all_spellings |= {a, b}
    truth = LiteralTruth(records, all_spellings)

    # Entities the corpora spell in two or more ways.
    by_entity = defaultdict(set)
    for folded, docs in truth.docs.items():
        r = resolver.resolve(folded, fuzzy=False)
        if r and r.best.kind in ("place", "person") and len(docs) >= MIN_DOCS:
            by_entity[r.best.id].add(folded)
    for entity_id, found in by_entity.items():
        entity = gazetteer.get(entity_id)
        if len(found) >= 2 and entity_id not in entities and _notable(entity):
            entities[entity_id] = (entity, set())

    work = Path(tempfile.mkdtemp(prefix="frontline-variants-"))
    engine = Engine(corpus_index())
    plain = build_plain_index(work / "plain", records)

    print(f"{len(records)} documents; {len(entities)} entities "
          f"({len(variants)} from variants.tsv, the rest spelled two or more ways in the corpora)")
    print(f"{'entity':34} {'spell':>5} {'docs':>5}  {'frontline R':>11} {'P':>6}  {'plain R':>8} {'P':>6}")
    with engine.searcher() as ours, plain.searcher() as theirs:
        ours_ids = _id_lookup(ours)
        theirs_ids = _id_lookup(theirs)

        def frontline_docs(spelling):
            parsed = parse_query(f'"{spelling}"' if " " in spelling else spelling, engine.ix.schema, resolver)
            return {ours_ids[n] for n in ours.docs_for_query(parsed.query)}

        def literal_docs(word):
            return {ours_ids[n] for n in ours.docs_for_query(parse_query(word, engine.ix.schema).query)}

        def plain_docs(spelling):
            words = [t.text for t in plain.schema["text"].analyzer(spelling)]
            if not words:
                return set()
            q = wq.Or([wq.Phrase(f, words) if len(words) > 1 else wq.Term(f, words[0]) for f in ("title", "text")])
            return {theirs_ids[n] for n in theirs.docs_for_query(q)}

        totals = {"frontline": ([], []), "plain": ([], [])}
        #: The same against the name-aware truth (see LiteralTruth), Frontline's only.
        aware = ([], [])
        variant_cover = []
        for entity_id, (entity, listed) in sorted(entities.items(), key=lambda kv: kv[1][0].label):
            spellings = _entity_spellings(resolver, entity, listed)
            relevant = truth.containing(spellings)
            if not relevant:
                continue
            relevant_aware = truth.containing(spellings, given=own_given_names(entity))
            found_spellings = {s for s in spellings if truth.containing([s])} | listed
            scores = {"frontline": ([], []), "plain": ([], [])}
            for spelling in sorted(found_spellings):
                for system, docs in (("frontline", frontline_docs(spelling)), ("plain", plain_docs(spelling))):
                    hit = len(docs & relevant)
                    scores[system][0].append(hit / len(relevant))
                    scores[system][1].append(hit / len(docs) if docs else 1.0)
                    if system == "frontline" and relevant_aware:
                        aware[0].append(len(docs & relevant_aware) / len(relevant_aware))
                        aware[1].append(len(docs & relevant_aware) / len(docs) if docs else 1.0)
                if spelling in listed:
                    others = truth.containing(listed - {spelling})
                    if others:
                        variant_cover.append((len(frontline_docs(spelling) & others) / len(others), entity.label, spelling))
            for system in totals:
                totals[system][0].extend(scores[system][0])
                totals[system][1].extend(scores[system][1])
            f, p = scores["frontline"], scores["plain"]
            print(f"{entity.label[:34]:34} {len(found_spellings):5} {len(relevant):5}  "
                  f"{statistics.mean(f[0]):11.3f} {statistics.mean(f[1]):6.3f}  "
                  f"{statistics.mean(p[0]):8.3f} {statistics.mean(p[1]):6.3f}")

        print("\nOverall (mean over every spelling query):")
        for system, (recalls, precisions) in totals.items():
            print(f"  {system:9} recall {statistics.mean(recalls):.3f}  precision {statistics.mean(precisions):.3f}  "
                  f"({len(recalls)} queries)")
        fr, fp = (statistics.mean(v) for v in totals["frontline"])
        pr, pp = (statistics.mean(v) for v in totals["plain"])
        print(f"  ratio frontline/plain: recall {fr / pr:.2f}, precision {fp / pp:.2f}")
        print(f"  frontline against the name-aware truth (a spelling right after another person's given name "
              f"is not the entity): recall {statistics.mean(aware[0]):.3f}  precision {statistics.mean(aware[1]):.3f}")

        below = [c for c in variant_cover if c[0] < TARGET]
        print(f"\nvariants.tsv: each spelling finds, of the documents any other listed spelling names, "
              f"min {min(c[0] for c in variant_cover):.3f}, mean {statistics.mean(c[0] for c in variant_cover):.3f} "
              f"over {len(variant_cover)} spellings; below {TARGET}: {len(below)}")
        for share, label, spelling in sorted(below)[:15]:
            print(f"  {share:.3f}  {spelling!r} ({label})")

        print("\nNegatives (a query for one must not find documents that only the other names):")
        merged = 0
        for a, b in negatives:
            leaks = []
            for x, y in ((a, b), (b, a)):
                # Documents naming y and not x in any form: x as a word, stemmed ("leaves" for "Leave").
                only_y = truth.containing([y]) - truth.containing([x]) - literal_docs(x.lower())
                leak = frontline_docs(x) & only_y
                if leak:
                    leaks.append(f"{x}→{y}: {len(leak)} docs")
            ra, rb = resolver.resolve(a), resolver.resolve(b)
            same_entity = bool(ra and rb and ra.best.id == rb.best.id)
            merged += bool(leaks or same_entity)
            status = "MERGED " + "; ".join(leaks) if leaks or same_entity else "apart"
            print(f"  {a:14} {b:16} {status}")
        print(f"  {merged} of {len(negatives)} pairs merged")


def _notable(entity) -> bool:
    """Entities worth measuring beyond variants.tsv: people, and places above village size.

    Villages named like first names (Serhii, Maksym) would measure the
    corpus's people, not variant matching.
    """
    return entity.kind == "person" or entity.level in NOTABLE_LEVELS


def _id_lookup(searcher) -> dict[int, str]:
    return {n: searcher.stored_fields(n)["id"] for n in searcher.reader().all_doc_ids()}
