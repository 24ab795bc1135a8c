"""Name suggestions: "Zelen" → Volodymyr Zelenskyy, "Kiev" → Kyiv, "Лисичанск" → Lysychansk, "Kahrkiv" → Kharkiv.

Candidates are every gazetteer spelling plus the names only the indexed
documents know (people introduced by title, ambiguous place names), found
three ways: what the typed text names as a whole (through the resolver, so
any spelling, variant or misspelling of a whole name), the spellings it
begins, and the spellings a few keystrokes off (typos, by rapidfuzz's OSA distance).

They are ranked the way a researcher reads them: first the names the text
names or begins in a spelling this collection prints (typing "Sever" means
Severodonetsk, which the reports print, before "Severnaya Koreya", a
romanisation no report uses), then spellings no report prints, then typos;
within each, names that would find documents here first, the whole name
before the longer ones it begins, and by how many documents.
"""

import math
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from frontline.index.entities import AMBIGUOUS
from frontline.index.gazetteer.store import Gazetteer
from frontline.index.names.resolver import NameResolver
from frontline.index.names.spelling import normalize
from frontline.index.names.translit import to_latin

#: Below this similarity (0–100: edits, a transposition counting one) a spelling is not offered as a typo.
MIN_SCORE = 70
#: How many spellings rapidfuzz hands over before they are grouped by entity.
CANDIDATES = 200
#: Typed text shorter than this is not completed as a prefix (too many names begin "Ko").
MIN_PREFIX = 3
#: The most spellings one prefix may expand to ("nov" begins thousands of village names).
MAX_PREFIXED = 20_000
#: Match tiers: the text names or begins a printed spelling; begins one no report prints; a typo.
NAMED, UNPRINTED, ALIKE = 0, 1, 2
_FACET_OF = {"place": "place", "name": "place", "person": "person", "organization": "organization", "weapon": "weapon"}
_LEVEL_WEIGHT = {"country": 6, "oblast": 6, "region": 5, "city": 4, "area": 4, "raion": 2, "town": 2}


@dataclass(frozen=True)
class Choice:
    spelling: str
    entity_id: str
    label: str


@dataclass(frozen=True)
class Match:
    tier: int
    score: float
    choice: Choice


class NameLookup:
    def __init__(self, gazetteer: Gazetteer, document_counts: dict[str, int] | None = None,
                 document_labels: dict[str, str] | None = None, resolver: NameResolver | None = None):
        """document_counts: entity id → documents it would find; document_labels: names only the documents know."""
        self.gazetteer = gazetteer
        self.resolver = resolver or NameResolver(gazetteer)
        self.counts = document_counts or {}
        choices = [Choice(s, eid, "") for s, eid, _note in gazetteer.spellings()]
        choices += [Choice(normalize(label.removesuffix(AMBIGUOUS)), value, label)
                    for value, label in (document_labels or {}).items()]
        self.choices = sorted(choices, key=lambda c: c.spelling)
        self._strings = [c.spelling for c in self.choices]
        # The later words of names, so typing a surname or a second word finds the whole name
        # ("Kuleba" → Oleksiy Kuleba, "Kakhovka" → Nova Kakhovka).
        later = sorted(((c.spelling[i + 1 :], c) for c in choices for i, char in enumerate(c.spelling) if char == " "),
                       key=lambda pair: pair[0])
        self._later_strings = [text for text, _choice in later]
        self._later_choices = [choice for _text, choice in later]

    def lookup(self, text: str, limit: int = 10, printed: Callable[[str], bool] | None = None) -> list[dict]:
        """Suggestions for `text`, best first. `printed(spelling)` says whether the collection prints a
        spelling; without it every spelling counts as printed."""
        return [self._describe(match) for match in self._matches(text, printed)[:limit]]

    def spelled(self, text: str) -> list[dict]:
        """Every suggestion `text` names or begins in any spelling (no typos), for filtering a list."""
        return [self._describe(match) for match in self._matches(text, None) if match.tier != ALIKE]

    def _matches(self, text: str, printed: Callable[[str], bool] | None) -> list[Match]:
        typed = normalize(text)
        if not typed:
            return []
        best: dict[str, Match] = {}

        def offer(tier: int, score: float, choice: Choice) -> None:
            known = best.get(choice.entity_id)
            if known is None or (tier, -score) < (known.tier, -known.score):
                best[choice.entity_id] = Match(tier, score, choice)

        resolution = self.resolver.resolve(text) or self.resolver.near(text)
        for rank, entity in enumerate(resolution.entities if resolution else ()):
            # What the text means first, then what else it may mean.
            offer(NAMED, 100 if rank == 0 else 99, Choice(resolution.matched, entity.id, ""))
        for form in dict.fromkeys([typed, normalize(to_latin(text))]):
            for choice in self._prefixed(form, self._strings, self.choices):
                shown = choice.label or printed is None or printed(choice.spelling)
                offer(NAMED if shown else UNPRINTED, 100 if choice.spelling == form else 98, choice)
            for choice in self._prefixed(form, self._later_strings, self._later_choices):
                shown = choice.label or printed is None or printed(choice.spelling)
                offer(NAMED if shown else UNPRINTED, 97, choice)
            for spelling, score, position in process.extract(
                    form, self._strings, scorer=OSA.normalized_similarity, limit=CANDIDATES, score_cutoff=MIN_SCORE / 100):
                if spelling[:1] == form[:1]:  # a typo rarely hits the first letter: Budanov is no Zhdanov
                    offer(ALIKE, 100 * score, self.choices[position])
        return sorted(best.values(), key=self._rank)

    @staticmethod
    def _prefixed(form: str, strings: list[str], choices: list[Choice]) -> list[Choice]:
        """The choices whose (sorted) strings `form` begins; only those it is, when shorter than MIN_PREFIX."""
        found = []
        for position in range(bisect_left(strings, form), len(strings)):
            string = strings[position]
            if not string.startswith(form) or len(found) == MAX_PREFIXED:
                break
            if len(form) >= MIN_PREFIX or string == form:
                found.append(choices[position])
        return found

    def _rank(self, match: Match) -> tuple:
        """Tier first; then names that would find documents here; then how alike (the whole name before
        the longer names it begins: Kharkiv before Kharkiv Oblast); then how many documents; then size."""
        entity = self.gazetteer.get(match.choice.entity_id)
        importance = 0.0
        if entity is not None:
            importance = _LEVEL_WEIGHT.get(entity.level, 3 if entity.kind != "place" else 0)
            importance += math.log10(entity.population + 1) / 2
        documents = self.counts.get(match.choice.entity_id, 0)
        return (match.tier, documents == 0, -round(match.score), -documents, -importance)

    def _describe(self, match: Match) -> dict:
        choice = match.choice
        entity = self.gazetteer.get(choice.entity_id)
        described = {
            "id": choice.entity_id,
            "label": entity.label if entity else choice.label,
            "kind": entity.kind if entity else choice.entity_id.split(":", 1)[0],
            "level": entity.level if entity else "",
            "region": "",
            "region_label": "",
            "spelling": choice.spelling,
            "score": round(match.score, 1),
            "documents": self.counts.get(choice.entity_id, 0),
            # The filter that finds those documents: an oblast's or region's every place, else the entity.
            "facet": "region" if entity is not None and entity.id.startswith("region:") else _FACET_OF.get(
                entity.kind if entity else choice.entity_id.split(":", 1)[0], "place"),
            "value": entity.id.removeprefix("region:") if entity is not None and entity.id.startswith("region:")
            else choice.entity_id,
        }
        if entity is not None and entity.region:
            described["region"] = entity.region[0]
            described["region_label"] = self.gazetteer.region_label(entity.region[0])
        if described["kind"] == "name":
            described["kind"] = "place"
        return described
