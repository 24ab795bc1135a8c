"""People a text names, whether or not the gazetteer knows them.

Reporting introduces people in a few ways, and a reader goes by them:

* a given name followed by a surname (Penny Wong, Vladimir Lenin: the given
  name comes from ``gender-guesser``'s list, see :mod:`..names.given_names`);
* a title or role before the name (Foreign Minister, Gen., "spokesman
  Dmitry Peskov"; titles from ``nameparser``'s list);
* a known person's name or surname (the curated table, through the resolver);
* later, the surname alone ("Whelan said"), which is then the same person.

A run of words that is a person is never also a place: the places layer
drops any place mention inside one (Taras Shevchenko is no village).
"""

import re
from dataclasses import dataclass
from ..names.word_frequency import zipf

from ..names.given_names import is_given_name
from ..names.inflection import is_patronymic, personal_nominatives
from ..names.resolver import Mention, NameResolver
from ..names.spelling import normalize
from ..names.translit import has_cyrillic, to_latin
from ..names.variants import is_common_word
from ..names.words import Word
from .model import Found, person_value
from .name_words import (HONORIFICS, INITIAL, PARTICLES, RARE_WORD_ZIPF, ROLES, WEAK, given_strength, is_title,
                         not_a_name_word, place_before_name, plural_noun, prominent_place, surname_like)

#: Longest name a run may hold ("Recep Tayyip Erdoğan", "Ursula von der Leyen").
_MAX_NAME_WORDS = 4
#: What may stand between the words of one name: a space or a hyphen; after an initial or an
#: abbreviated title, its dot and a space ("Stefan J. Bos", "Gen. Valery Gerasimov").
_NAME_GAP = re.compile(r"^(?: |-)$")
_DOT_GAP = ". "
#: The introductions by pattern the name rules above do not cover: a role apposition, a byline, a speaker.
_NAME_WORD = r"[A-ZА-ЯІЇЄҐ][a-zа-яіїєґ'’\-]+"
_PERSON_NAME = rf"({_NAME_WORD}(?:\s+[A-Z]\.)?(?:\s+{_NAME_WORD}){{1,2}})"
_ROLE_WORDS = "|".join(sorted(ROLES | {"mayor", "governor", "minister", "commander", "adviser", "advisor",
                                         "ambassador", "deputy", "journalist", "director", "secretary",
                                         "president", "doctor"}))
_PATTERNS = (
    re.compile(rf"\b(?:{_ROLE_WORDS})(?: of [^,.;]{{1,60}})?,\s+{_PERSON_NAME}\b"),
    re.compile(rf"(?m)^\s*By\s+{_PERSON_NAME}\s*$"),
    # A transcript's speaker: "Bayarma Radnayeva: Good afternoon, Mr President."
    re.compile(rf"(?:^|[.!?]\s+|\n)\s*{_PERSON_NAME}:\s"),
    re.compile(rf"(?:^|[.!?]\s+|\n)\s*{_PERSON_NAME},\s+(?:a|an|the)\s+[a-z]"),
)


@dataclass(frozen=True)
class People:
    """The people of a text: each mention as found, and the character spans they occupy."""

    found: list[Found]

    def covers(self, start: int, end: int) -> bool:
        return any(f.start < end and start < f.end for f in self.found)


class PeopleFinder:
    def __init__(self, resolver: NameResolver):
        self.resolver = resolver

    def find(self, text: str, words: list[Word], mentions: list[Mention]) -> People:
        """Every person mention, named in full or by surname, curated or found by how the text names them."""
        at = {m.start: m for m in mentions}
        full: list[Found] = []
        curated: list[Found] = []
        singles: list[tuple[int, int]] = []
        for start, end in _name_runs(words, text):
            self._read_run(text, words, start, end, at, full, curated, singles)
        full += self._by_pattern(text, full + curated)
        found = _dedupe(full + curated)
        surnames = _surnames(found)
        taken = [(f.start, f.end) for f in found]
        # After a title, a lone word is a surname if rare, or after an honorific ("Mr. Sullivan"), or a
        # given name ("Pope Francis"): the person's, if the text names them in full.
        for index in singles:
            word = words[index]
            if _overlaps((word.startchar, word.endchar), taken):
                continue
            person = surnames.get(_surname_key(word.text))
            honorific = index and normalize(words[index - 1].text) in HONORIFICS
            if person is None and (_names_something_else(words, index + 1, len(words)) or (
                    not (honorific or is_given_name(word.text))
                    and zipf(normalize(word.text), "en") >= RARE_WORD_ZIPF)):
                continue  # "St George Hall", "Federal Assembly"
            found.append(Found(word.startchar, word.endchar, word.text, "person",
                               *(person or _unlisted(word.text))))
            taken.append((word.startchar, word.endchar))
        # The surname alone, anywhere in the text, is the person named in full ("Whelan said").
        for word in words if surnames else ():
            person = word.text[:1].isupper() and surnames.get(_surname_key(word.text))
            if person and not _overlaps((word.startchar, word.endchar), taken):
                found.append(Found(word.startchar, word.endchar, word.text, "person", *person))
                taken.append((word.startchar, word.endchar))
        found.sort(key=lambda f: f.start)
        return People(found)

    def _read_run(self, text, words, start, end, at, full, curated, singles) -> None:
        """The people in one run of capitalised words ("Foreign Minister Penny Wong", "Mr. Biden").

        Titles come first in a run ("Deputy Defence Minister Timur Ivanov"): a name is looked for
        after the last of them, and at any known person's name.
        """
        # A title word right after a given name is a surname ("Dan Bishop"), not a title.
        titles_at = [i for i in range(start, end) if is_title(words[i].text) and not _person_at(at, i)
                     and not (i > start and given_strength(words[i - 1].text) and not is_title(words[i - 1].text))]
        titled = bool(titles_at) or _titled_before(words, start, text)
        i = titles_at[-1] + 1 if titles_at else start
        if i == start and prominent_place(at.get(start)) and _title_of_before(words, start):
            # "President of Kazakhstan Kassym-Jomart Tokayev": the title's country, then the name.
            i, titled = at[start].end, True
        for j in range(start, i):
            if _person_at(at, j):
                self._curated(text, words, at[j], j, curated)
        while i < end:
            if _person_at(at, i) and not self._other_with_surname(words, at, i, start):
                i = self._curated(text, words, at[i], i, curated)
                titled = False
                continue
            length, person = self._name_length(words, i, end, at, titled)
            if person is not None:
                # "Vladimir V. Putin": the given name and initial belong to the known person after them.
                i = self._curated(text, words, person, i, curated)
            elif length >= 2 and not _names_something_else(words, i + length, end):
                first, last = words[i], words[i + length - 1]
                name = text[first.startchar : last.endchar]
                full.append(Found(first.startchar, last.endchar, name, "person", *_unlisted(name)))
                i += length
            else:
                if length == 1:
                    singles.append(i)
                i += 1
            titled = False

    @staticmethod
    def _curated(text, words, mention: Mention, first: int, curated: list[Found]) -> int:
        """A known person's mention, from word `first` (a given name or initial before it included)."""
        entity = mention.resolution.best
        start = words[first].startchar
        curated.append(Found(start, mention.endchar, text[start : mention.endchar], "person", entity.id, entity.label))
        return mention.end

    @staticmethod
    def _other_with_surname(words, at: dict[int, Mention], i: int, start: int) -> bool:
        """"Ivan Kuleba": a given name before a known person's bare surname is someone else's (but not
        a title's or a country's: "Gen Budanov", "Prime Minister of India Modi")."""
        before = words[i - 1].text if i > start else ""
        return (at[i].resolution.note == "short" and is_given_name(before) and not is_title(before)
                and not prominent_place(at.get(i - 1)))

    def _name_length(self, words, i, end, at, titled: bool) -> tuple[int, Mention | None]:
        """How many words from i are a person's name (0: none), and the known person they lead into,
        if any. A given name needs a surname after it; after a title, rare words are a name. A
        longer gazetteer name there wins (Nova Kakhovka)."""
        mention = at.get(i)
        given = 0 if place_before_name(mention, words[i].text) else given_strength(words[i].text)
        if not given and mention is None and _surname_first(words, i, end):
            return 3, None
        if not (given or titled):
            return 0, None
        length = 0
        while i + length < end and length < _MAX_NAME_WORDS:
            word, there = words[i + length].text, at.get(i + length)
            if length and _person_at(at, i + length):
                if _own_given_name(words[i].text, there):
                    return 0, there  # "Vladimir V. Putin": the known person's own given name and initial
                if not surname_like(word, None, rare=False):
                    break
            if length and is_title(word) and not (given and i + length == end - 1):
                break  # "Foreign Minister" after a name; but a run's last word may be a surname ("Dan Bishop")
            leading = length == 0 and given
            if not (leading or INITIAL.match(word) or normalize(word) in PARTICLES
                    or surname_like(word, there, rare=not given or given == WEAK)):
                break
            length += 1
        while length and (normalize(words[i + length - 1].text) in PARTICLES or INITIAL.match(words[i + length - 1].text)):
            length -= 1
        if mention and mention.end - mention.start >= max(length, 2) and mention.resolution.best.kind != "person":
            return 0, None
        if given and length < 2 and not titled:
            return 0, None
        return length, None

    def _by_pattern(self, text: str, known: list[Found]) -> list[Found]:
        """People introduced by a role apposition ("spokesman, Ivan Petrov") or a byline."""
        taken = [(f.start, f.end) for f in known]
        people = []
        for pattern in _PATTERNS:
            for match in pattern.finditer(text):
                start, end = match.span(1)
                name = match.group(1)
                if _overlaps((start, end), taken) or _not_a_name(name):
                    continue
                people.append(Found(start, end, name, "person", *_unlisted(name)))
                taken.append((start, end))
        return people


def _surname_first(words: list[Word], i: int, end: int) -> bool:
    """A Ukrainian or Russian decree's order, surname first: "Тодорову Дмитру Руслановичу", "Сак Олександр
    Олександрович" (a surname-like word no gazetteer name, a given name, a patronymic)."""
    return (i + 2 < end and has_cyrillic(words[i].text) and surname_like(words[i].text, None, rare=False)
            and is_given_name(words[i + 1].text) and is_patronymic(normalize(words[i + 2].text)))


def _own_given_name(word: str, person: Mention) -> bool:
    """Whether `word` begins one of the known person's full names (Vladimir for Vladimir Putin, not Ivan
    for Dmytro Kuleba)."""
    first = normalize(word)
    return any(normalize(s.text).split(" ")[0] == first for s in person.resolution.best.spellings if " " in s.text)


def _person_at(at: dict[int, Mention], index: int) -> bool:
    mention = at.get(index)
    return mention is not None and mention.resolution.best.kind == "person"


def _names_something_else(words: list[Word], after: int, end: int) -> bool:
    """"Ural Turbine Works", "St George Hall": the run goes on into an institution's or a building's name."""
    if after >= end or not words[after].text[:1].isupper():
        return False
    folded = normalize(words[after].text)
    return not_a_name_word(folded) or plural_noun(folded)


def _name_runs(words: list[Word], text: str):
    """(start, end) word ranges of capitalised words that stand together, with particles and initials."""
    start = None
    for index, word in enumerate(words):
        capital = word.text[:1].isupper()
        if start is not None and not ((capital or normalize(word.text) in PARTICLES)
                                      and _joined(words[index - 1], text[words[index - 1].endchar : word.startchar])):
            yield start, index
            start = None
        if start is None and capital:
            start = index
    if start is not None:
        yield start, len(words)


def _joined(previous: Word, gap: str) -> bool:
    if _NAME_GAP.match(gap):
        return True
    return gap == _DOT_GAP and (bool(INITIAL.match(previous.text)) or is_title(previous.text))


def _title_of_before(words: list[Word], start: int) -> bool:
    """"President of …", "Prime Minister of …" right before the run."""
    return start >= 2 and words[start - 1].text == "of" and is_title(words[start - 2].text)


def _titled_before(words: list[Word], start: int, text: str) -> bool:
    """A lower-case title or role right before the run: "spokesman Dmitry Peskov", "the former marine Paul Whelan"."""
    if start == 0:
        return False
    previous = words[start - 1]
    gap = text[previous.endchar : words[start].startchar]
    return gap == " " and previous.text.islower() and is_title(previous.text)


def _surname_key(word: str) -> str:
    """A surname as compared across the text: romanised, and a Cyrillic one in its nominative, so that
    "Бречалов" and "Бречаловым" are the Бречалова named in full."""
    folded = normalize(word)
    nominative = personal_nominatives(folded)
    return normalize(to_latin(nominative[0] if nominative else folded))


def _surnames(people: list[Found]) -> dict[str, tuple[str, str]]:
    """Surname → (value, label) of the people named in full in the text; a surname two of them share is left out."""
    owners: dict[str, set[tuple[str, str]]] = {}
    for person in people:
        words = person.text.split()
        if len(words) >= 2:
            owners.setdefault(_surname_key(words[-1]), set()).add((person.value, person.label))
    return {surname: next(iter(people)) for surname, people in owners.items() if len(people) == 1}


def _dedupe(found: list[Found]) -> list[Found]:
    """One mention per span: the first found (full names before curated surnames inside them)."""
    kept: list[Found] = []
    for item in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if not _overlaps((item.start, item.end), [(k.start, k.end) for k in kept]):
            kept.append(item)
    return kept


def _unlisted(name: str) -> tuple[str, str]:
    """The facet value and label of a person the gazetteer lacks; a Cyrillic name in the nominative, so its
    every case form is one person (Бориса Романченка, Борисом Романченком: Borys Romanchenko)."""
    words = [(personal_nominatives(normalize(w)) or (w,))[0] for w in name.split(" ")]
    nominative = " ".join(w[:1].upper() + w[1:] if w != original else w for w, original in zip(words, name.split(" ")))
    return person_value(nominative), _display(nominative)


def _display(name: str) -> str:
    """A name as a label: romanised, possessive dropped."""
    return re.sub(r"['’]s$", "", to_latin(name))


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    start, end = span
    return any(s < end and start < e for s, e in taken)


def _not_a_name(name: str) -> bool:
    words = [w for w in name.split() if not re.fullmatch(r"[A-Z]\.", w)]
    return any(is_common_word(w) for w in words) or len(words) < 2


