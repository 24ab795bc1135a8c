"""Name suggestions (typeahead, `frontline names`, the facet filter boxes) for what people type.

Typed texts are made from the entities the three corpora mention most (five documents or more):
the first four to six letters of the name, its own Latin spellings whole (official, Russian-era,
short), and the name with two inner letters swapped (a typo). Each should suggest that entity: hit@1, hit@5 and mean
reciprocal rank, for Frontline and, in the same run, a plain fuzzy matcher (rapidfuzz over every
spelling, best score first) over the same spellings.
"""

from collections import defaultdict

from rapidfuzz import fuzz, process

from frontline.index.names.resolver import default_resolver
from frontline.index.names.spelling import normalize
from frontline.search.engine import Engine
from frontline.search.facets import ENTITY_FACETS

from .common import corpus_index

MIN_DOCUMENTS = 5
PER_FACET = 40
DEPTH = 10


def _typed(label: str, spellings: list[str]) -> list[tuple[str, str]]:
    """(what is typed, how it was made) for one entity."""
    typed = [(label[:n], "prefix") for n in (4, 5, 6) if len(label) > n]
    typed += [(s, "spelling") for s in spellings]
    middle = len(label) // 2
    if len(label) >= 6 and label[middle - 1 : middle + 1].isalpha():
        typed.append((label[: middle - 1] + label[middle] + label[middle - 1] + label[middle + 1 :], "typo"))
    return list(dict.fromkeys(typed))


class PlainFuzzy:
    """The baseline: every spelling scored by rapidfuzz alone, one suggestion per entity, best first."""

    def __init__(self, gazetteer):
        pairs = [(s, eid) for s, eid, _note in gazetteer.spellings()]
        self.strings = [s for s, _ in pairs]
        self.ids = [eid for _, eid in pairs]

    def lookup(self, text: str, limit: int) -> list[str]:
        ranked = []
        for _s, _score, position in process.extract(normalize(text), self.strings, scorer=fuzz.WRatio, limit=200):
            if self.ids[position] not in ranked:
                ranked.append(self.ids[position])
        return ranked[:limit]


def run():
    engine = Engine(corpus_index())
    gazetteer = default_resolver().gazetteer
    table = engine.generation().table
    counts = table.count(None)
    top = defaultdict(list)
    for number, key in enumerate(table.values):
        if key.facet in ENTITY_FACETS and counts[number] >= MIN_DOCUMENTS and key.value in gazetteer:
            top[key.facet].append((int(counts[number]), key.value))
    cases = []
    for facet, entries in top.items():
        for _count, entity_id in sorted(entries, reverse=True)[:PER_FACET]:
            entity = gazetteer.get(entity_id)
            # What people type: the entity's own names, not GeoNames' alternates ("Aleksandrovka" for Donetsk).
            spellings = sorted({s.text for s in entity.spellings if s.text.isascii() and s.text != entity.label
                                and s.note in ("official", "russian", "short")})[:3]
            cases += [(text, how, entity_id) for text, how in _typed(entity.label, [entity.label, *spellings])]
    plain = PlainFuzzy(gazetteer)
    systems = {
        "frontline": lambda text: [n["id"] for n in engine.names(text, DEPTH)["names"]],
        "plain fuzzy": lambda text: plain.lookup(text, DEPTH),
    }
    print(f"{len(cases)} typed texts for the {sum(min(len(v), PER_FACET) for v in top.values())} entities the "
          f"corpora mention most ({MIN_DOCUMENTS}+ documents)")
    for name, suggest in systems.items():
        by_how = defaultdict(list)
        for text, how, entity_id in cases:
            ranked = suggest(text)
            by_how[how].append(ranked.index(entity_id) + 1 if entity_id in ranked else 0)
        every = [rank for ranks in by_how.values() for rank in ranks]
        parts = ", ".join(f"{how} hit@1 {_hit(ranks, 1):.2f}" for how, ranks in sorted(by_how.items()))
        print(f"  {name:12} hit@1 {_hit(every, 1):.3f}  hit@5 {_hit(every, 5):.3f}  MRR {_mrr(every):.3f}   ({parts})")


def _hit(ranks: list[int], k: int) -> float:
    return sum(1 for r in ranks if 0 < r <= k) / len(ranks)


def _mrr(ranks: list[int]) -> float:
    return sum(1 / r for r in ranks if r) / len(ranks)
