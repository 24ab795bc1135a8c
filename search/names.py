"""Fuzzy name lookup: "Kharko" → Kharkiv, "Zelenskiy" → Volodymyr Zelenskyy, "Лисичанск" → Lysychansk.

Candidates are every gazetteer spelling plus the names found only in the
indexed documents (people introduced by title, ambiguous place names).
rapidfuzz scores them against what was typed; a spelling the typed text
begins is as good as a full match, so suggestions work while typing. Among
equally good spellings, an entity the documents mention often, or a larger
place, comes first.
"""

import math
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from frontline.index.entities import AMBIGUOUS
from frontline.index.gazetteer.store import Gazetteer
from frontline.index.spelling import normalize
from frontline.index.translit import to_latin

#: Below this rapidfuzz score a spelling is not offered at all.
MIN_SCORE = 70
#: How many spellings rapidfuzz hands over before they are grouped by entity.
CANDIDATES = 200
#: Typed text shorter than this is not completed as a prefix (too many names begin "Ko").
MIN_PREFIX = 3
_LEVEL_WEIGHT = {"country": 6, "oblast": 6, "region": 5, "city": 4, "area": 4, "raion": 2, "town": 2}


@dataclass(frozen=True)
class Choice:
    spelling: str
    entity_id: str
    label: str


class NameLookup:
    def __init__(self, gazetteer: Gazetteer, document_counts: dict[str, int] | None = None,
                 document_labels: dict[str, str] | None = None):
        """document_counts: entity id → documents mentioning it; document_labels: names only the documents know."""
        self.gazetteer = gazetteer
        self.counts = document_counts or {}
        self.choices: list[Choice] = [Choice(s, eid, "") for s, eid, _note in gazetteer.spellings()]
        self.choices += [Choice(normalize(label.removesuffix(AMBIGUOUS)), value, label)
                         for value, label in (document_labels or {}).items()]
        self._strings = [c.spelling for c in self.choices]

    def lookup(self, text: str, limit: int = 10) -> list[dict]:
        typed = normalize(text)
        if not typed:
            return []
        best: dict[str, tuple[float, Choice]] = {}
        for query in dict.fromkeys([typed, normalize(to_latin(text))]):
            for score, position in self._scored(query):
                choice = self.choices[position]
                if choice.entity_id not in best or score > best[choice.entity_id][0]:
                    best[choice.entity_id] = (score, choice)
        ranked = sorted(best.values(), key=lambda item: -self._rank(*item))
        return [self._describe(score, choice) for score, choice in ranked[:limit]]

    def _scored(self, query: str):
        """(score, choice position) for whole names like the query, and for names it begins (typos allowed).

        A prefix counts slightly less than the whole name, so "Kyiv" ranks above "Kyivka" for "Kyiv".
        """
        for _spelling, score, position in process.extract(
            query, self._strings, scorer=fuzz.ratio, limit=CANDIDATES, score_cutoff=MIN_SCORE
        ):
            yield score, position
        if len(query) >= MIN_PREFIX:
            heads = [s[: len(query)] for s in self._strings]
            for _head, score, position in process.extract(
                query, heads, scorer=fuzz.ratio, limit=CANDIDATES, score_cutoff=MIN_SCORE
            ):
                if len(self._strings[position]) > len(query):
                    yield score - 2, position

    def _rank(self, score: float, choice: Choice) -> float:
        """Match quality first; document mentions and size break near-ties."""
        entity = self.gazetteer.get(choice.entity_id)
        weight = math.log1p(self.counts.get(choice.entity_id, 0)) * 2
        if entity is not None:
            weight += _LEVEL_WEIGHT.get(entity.level, 3 if entity.kind != "place" else 0)
            weight += math.log10(entity.population + 1) / 2
        return score + weight

    def _describe(self, score: float, choice: Choice) -> dict:
        entity = self.gazetteer.get(choice.entity_id)
        described = {
            "id": choice.entity_id,
            "label": entity.label if entity else choice.label,
            "kind": entity.kind if entity else choice.entity_id.split(":", 1)[0],
            "level": entity.level if entity else "",
            "region": "",
            "region_label": "",
            "spelling": choice.spelling,
            "score": round(score, 1),
            "documents": self.counts.get(choice.entity_id, 0),
        }
        if entity is not None and entity.region:
            described["region"] = entity.region[0]
            described["region_label"] = self.gazetteer.region_label(entity.region[0])
        if described["kind"] == "name":
            described["kind"] = "place"
        return described
