"""Misspellings and loose romanisations of well-known Ukrainian places.

Field reports and machine translations print Kahrkiv, Dontesk, Adviika,
Zaporizha, Shahtarsk and Izum. None is a spelling the gazetteer knows or a
variant the guard in :mod:`.variants` accepts, yet a reader sees the city at
once. The signs a reader goes by are what this index checks: the first
letter is right, the rest is a few keystrokes away (a transposition counts
as one), more of them in a longer word (then ending alike) and only one for
a town or village, and the place is well known (a city or town, or a village of some size). Its answers are candidates only: the
entity layer accepts one where the text agrees (see
``frontline.index.entities.evidence``).
"""

import re
from collections import defaultdict

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..gazetteer.model import Entity
from ..gazetteer.store import Gazetteer
from .word_frequency import zipf

from .variants import variant_key

#: Slavic surname endings (Rogozin, Lebedev, Suvorov, Lyubimova): such a word is a surname, not a misspelt
#: place; the places' own Russian forms end -ovo, -ino, -ovka and are matched exactly or as variants.
_SURNAME_ENDING = re.compile(r"(?:[oe]v|[oe]va|in|ina|yn|yna|sk[iy]y?|skaya|enko|chuk|yuk)$")
#: Words this frequent in English (Zipf: "bravery" 3.3) are words, not misspellings of a place.
WORD_ZIPF = 3.0
#: Notes of the spellings a misspelling is measured against: a place's current names, not its former ones.
OWN_NOTES = ("official", "russian")
#: Levels well known enough to be recognised misspelt, and the size from which a village is.
WELL_KNOWN_LEVELS = ("oblast", "city", "town")
WELL_KNOWN_VILLAGE = 2_000
#: Shortest word worth correcting, and shortest taken for a misspelling rather than a loose romanisation.
MIN_LENGTH, MIN_MISSPELT = 4, 6


def max_distance(length: int) -> int:
    """Edits allowed in a word of this length: one up to six letters, two up to eleven, three beyond."""
    return 1 if length <= 6 else 2 if length <= 11 else 3


class NearSpellings:
    """The Latin spellings of well-known Ukrainian places, grouped by first letter for quick lookup."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        by_letter: dict[str, set[str]] = defaultdict(set)
        for spelling, entity_id, note in gazetteer.spellings():
            # A place's own names only: GeoNames' alternates hold surnames and old names ("Stalin").
            if (len(spelling) >= MIN_LENGTH and spelling.isascii() and spelling[0].isalpha()
                    and note in OWN_NOTES):
                entity = gazetteer.get(entity_id)
                if _well_known(entity):
                    by_letter[spelling[0]].add(spelling)
        self._by_letter = {letter: sorted(spellings) for letter, spellings in by_letter.items()}
        #: Spellings of cities, which may be misspelt further than a town's or village's.
        self._cities = {spelling for spellings in by_letter.values() for spelling in spellings
                        if any(e.level in ("city", "oblast") for e in gazetteer.lookup(spelling))}

    def closest(self, typed: str) -> tuple[str, list[Entity]] | None:
        """(the known spelling, its well-known places) nearest to `typed`, or None.

        `typed` is normalized. The nearest spelling wins; between equally near
        ones, a loose romanisation (same variant key) before a misspelling.
        """
        if (len(typed) < MIN_LENGTH or not typed.isascii() or any(_a_word(w) for w in typed.split())
                or _SURNAME_ENDING.search(typed)):
            return None
        choices = self._by_letter.get(typed[0], ())
        limit = max_distance(len(typed))
        key = variant_key(typed)
        best = None
        for known, distance, _index in process.extract(typed, choices, scorer=OSA.distance,
                                                       score_cutoff=limit, limit=20):
            loose = variant_key(known) == key  # a loose romanisation: Shahtarsk, Izum
            if not loose and len(typed) < MIN_MISSPELT:
                continue
            if distance > 1 and (known not in self._cities or known[-2:] != typed[-2:]):
                continue  # two keystrokes off only for a city, and the word must still end alike
            rank = (distance, not loose)
            if best is None or rank < best[0]:
                best = (rank, known)
        if best is None:
            return None
        known = best[1]
        places = [e for e in self.gazetteer.lookup(known)
                  if _well_known(e) and self.gazetteer.note(e.id, known) in OWN_NOTES]
        return (known, places) if places else None


def _a_word(word: str) -> bool:
    """A word English text uses ("Bravery", "Balkan"): a misspelling is no word of its own."""
    return zipf(word, "en") >= WORD_ZIPF


def _well_known(entity: Entity | None) -> bool:
    return (entity is not None and entity.kind == "place" and entity.country == "UA"
            and (entity.level in WELL_KNOWN_LEVELS or entity.population >= WELL_KNOWN_VILLAGE))
