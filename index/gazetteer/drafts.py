"""Entities while the sources are merged into them, and the text tests every source needs.

A :class:`Draft` is a mutable entity: each source adds spellings with a note
(see ``model.NOTES``), and a spelling already known keeps its most
authoritative note. :func:`script`, :func:`english` and :func:`is_junk` tell
which of the names a source lists are worth keeping.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..names.spelling import normalize
from ..names.translit import detect_language, latin_forms, to_latin
from ..names.variants import is_common_word
from .model import NOTES, Entity, Spelling

#: A spelling already known keeps the more authoritative note. A rename's
#: "former" outranks "russian" and "alternate": Artemovsk is both, and what a
#: reader needs to know is that the name is no longer used.
NOTE_PRIORITY = {note: rank for rank, note in enumerate(("official", "cyrillic", "renamed", "former", "russian", "alternate", "short"))}
assert set(NOTE_PRIORITY) == set(NOTES)

# -- text helpers ---------------------------------------------------------

_CYRILLIC_LETTERS = set("абвгґдеёєжзиіїйклмнопрстуфхцчшщъыьэюя")
_ALLOWED_PUNCT = set(" -'’ʼ`.")
_DIGIT = re.compile(r"\d")
_HAS_CYRILLIC = re.compile("[\u0400-\u04ff]")
_RAION_ADJ_SUFFIX = re.compile(r"(ськ|цьк|зьк)ий$")


def script(text: str) -> str | None:
    """"latin", "cyrillic" (Russian/Ukrainian letters only) or None for anything else or a mix."""
    kinds = set()
    for char in text:
        if char in _ALLOWED_PUNCT:
            continue
        if not char.isalpha():
            return None
        low = char.lower()
        if low in _CYRILLIC_LETTERS:
            kinds.add("cyrillic")
        elif "LATIN" in unicodedata.name(char, ""):
            kinds.add("latin")
        else:
            return None
    return kinds.pop() if len(kinds) == 1 else None


#: Word endings only Russian spells so (Ukrainian writes -ськ, -цьк, -ська, -ський).
_RUSSIAN_ENDING = re.compile(r"(?:[сц]к|[сц]кая|[сц]кий|[сц]кое|ая|ое|ый)(?![а-яіїєґ])", re.IGNORECASE)


def cyrillic_language(text: str) -> str | None:
    """:func:`detect_language`, and "ru" for text with a Russian-only ending (Луганск, Луганская, Зеленский)."""
    lang = detect_language(text)
    if lang is None and _RUSSIAN_ENDING.search(text):
        return "ru"
    return lang


def is_junk(text: str) -> bool:
    """Codes, fragments and machine romanisations GeoNames lists among the names."""
    letters = sum(ch.isalpha() for ch in text)
    if letters <= 2 or _DIGIT.search(text):
        return True
    if text.isupper() and " " not in text and len(text) <= 5:  # IEV, MSQ, UMY
        return True
    if text == text.lower() and script(text) == "latin":  # "ji fu", "kheiyf": other scripts romanised
        return True
    words = text.split()
    if len(words) > 4 or any(ch in text for ch in "(),;/"):
        return True
    if any(word[:1].islower() and len(word) > 3 for word in words[1:]):
        return True  # nicknames: "Perlyna Chornoho moria", "Yuzhnaya stolitsa"
    return False


def english(text: str) -> bool:
    """A common English word or a phrase of them: "Human", "H'Uman", "Some", "Old Town"."""
    key = normalize(text)
    if is_common_word(text) or is_common_word(key):
        return True
    words = re.findall(r"[^\W\d_]+", key)
    return len(words) > 1 and all(is_common_word(word) for word in words)


# -- drafts ---------------------------------------------------------------


@dataclass
class Draft:
    """A mutable entity while sources are merged into it."""

    id: str
    kind: str
    label: str
    level: str = ""
    region: tuple[str, ...] = ()
    raion: str = ""
    country: str = ""
    population: int = 0
    lat: float | None = None
    lon: float | None = None
    detail: str = ""
    needs_context: list[str] = field(default_factory=list)
    #: The KATOTTG category of a codifier settlement (K, M, T, X, C), for joins.
    category: str = ""
    #: normalized key → [text, note]; the first text of a key is kept.
    spellings: dict[str, list[str]] = field(default_factory=dict)

    def add(self, text: str, note: str) -> bool:
        text = " ".join(text.split())
        key = normalize(text)
        if not key:
            return False
        known = self.spellings.get(key)
        if known is None:
            self.spellings[key] = [text, note]
            return True
        if NOTE_PRIORITY[note] < NOTE_PRIORITY[known[1]]:
            known[1] = note
            if note == "official":
                known[0] = text
        return False

    def add_cyrillic(self, text: str, note: str | None = None, *, official_latin: bool = False) -> None:
        """A Cyrillic spelling and its romanisations.

        ``note`` None: "russian" when the text is Russian, else "cyrillic".
        With ``official_latin`` the Ukrainian (KMU) reading is "official" and
        the Russian one "russian", as for a codifier name.
        """
        if not _HAS_CYRILLIC.search(text):
            return
        lang = cyrillic_language(text)
        if note is None:
            note = "russian" if lang == "ru" else "cyrillic"
        self.add(text, note)
        if "ё" in text.lower():
            # Russian prints ё as е more often than not (Объединённые, Объединенные Арабские Эмираты).
            self.add(text.replace("ё", "е").replace("Ё", "Е"), note)
        if official_latin:
            official = to_latin(text, "uk")
            self.add(official, "official")
            for form in latin_forms(text):
                if form != official:
                    self.add_romanisation(form, "russian")
            return
        latin_note = note if note in ("russian", "renamed", "former", "short") else "alternate"
        forms = [to_latin(text, "ru")] if lang == "ru" else latin_forms(text)
        for form in forms:
            self.add_romanisation(form, latin_note)

    def add_romanisation(self, form: str, note: str) -> None:
        """A machine romanisation, unless it makes an English word the entity is not called (ЄС → "Yes")."""
        if normalize(form) not in self.spellings and english(form):
            return
        self.add(form, note)

    def add_any(self, text: str, latin_note: str) -> None:
        """A spelling in either script; Cyrillic gets its romanisations."""
        if _HAS_CYRILLIC.search(text):
            self.add_cyrillic(text)
        else:
            self.add(text, latin_note)

    def freeze(self) -> Entity:
        spellings = sorted(self.spellings.values(), key=lambda s: NOTE_PRIORITY[s[1]])
        return Entity(
            id=self.id,
            kind=self.kind,
            label=self.label,
            spellings=tuple(Spelling(text, note) for text, note in spellings),
            level=self.level,
            region=tuple(self.region),
            raion=self.raion,
            country=self.country,
            population=int(self.population or 0),
            lat=self.lat,
            lon=self.lon,
            detail=self.detail,
            needs_context=tuple(dict.fromkeys(self.needs_context)),
        )

