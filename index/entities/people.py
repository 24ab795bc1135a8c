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
from functools import lru_cache, partial

from ..names.given_names import is_given_name
from ..names.inflection import (adjective_places, is_genitive_noun, is_patronymic, is_surname, lemmas,
                                personal_nominatives)
from ..names.resolver import Mention, NameResolver
from ..names.spelling import normalize
from ..names.translit import ROMANISED_LANGUAGES, detect_language, has_cyrillic, to_latin
from ..names.variants import is_common_word
from ..names.word_frequency import zipf
from ..names.words import Word
from .model import Found, person_value
from .name_words import (HONORIFICS, INITIAL, PARTICLES, RARE_WORD_ZIPF, ROLES, WEAK, given_strength, is_title,
                         not_a_name_word, place_before_name, plural_noun, prominent_place, surname_like)

#: How a known person's entity id begins.
PERSON_ID_PREFIX = "person:"
#: Words before a place named after a person: "named after", and the kinds of place so named.
_NAMED_AFTER = frozenset("імені ім имени им".split())
_PLACE_WORDS = frozenset("село селище місто вулиця проспект площа провулок бульвар район парк станція "
                         "поселок посёлок город улица площадь переулок".split())
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

    def find(self, text: str, words: list[Word], mentions: list[Mention], lang: str = "") -> People:
        """Every person mention, named in full or by surname, curated or found by how the text names them; one the
        gazetteer lacks romanised as its document's language (`lang`) writes it, when that is Ukrainian or Russian."""
        unlisted = partial(_unlisted, lang=lang if lang in ROMANISED_LANGUAGES else None)
        at = {m.start: m for m in mentions}
        full: list[Found] = []
        curated: list[Found] = []
        singles: list[tuple[int, str]] = []  # (word, the country of the title before it, if any)
        for start, end in _name_runs(words, text):
            self._read_run(text, words, start, end, at, full, curated, singles, unlisted)
        full += self._by_pattern(text, full + curated, unlisted)
        found = _dedupe(full + curated)
        surnames = _surnames(found)
        taken = [(f.start, f.end) for f in found]
        # After a title, a lone word is a surname if rare, or after an honorific ("Mr. Sullivan"), or a
        # given name ("Pope Francis"): the person's, if the text names them in full.
        for index, country in singles:
            word = words[index]
            if _overlaps((word.startchar, word.endchar), taken):
                continue
            person = surnames.get(_surname_key(word.text)) or self._compatriot(word.text, country)
            if person is None and self._place_adjective(word.text):
                continue  # "депутат Киевского горсовета": Kyiv's adjective, no surname
            honorific = index and normalize(words[index - 1].text) in HONORIFICS
            if person is None and (_names_something_else(words, index + 1, len(words)) or (
                    not (honorific or is_given_name(word.text))
                    and zipf(normalize(word.text), "en") >= RARE_WORD_ZIPF)):
                continue  # "St George Hall", "Federal Assembly"
            found.append(Found(word.startchar, word.endchar, word.text, "person",
                               *(person or unlisted(word.text))))
            taken.append((word.startchar, word.endchar))
        # The surname alone, anywhere in the text, is the person named in full ("Whelan said").
        for word in words if surnames else ():
            person = word.text[:1].isupper() and surnames.get(_surname_key(word.text))
            if person and not _overlaps((word.startchar, word.endchar), taken):
                found.append(Found(word.startchar, word.endchar, word.text, "person", *person))
                taken.append((word.startchar, word.endchar))
        found.sort(key=lambda f: f.start)
        return People(found)

    def _read_run(self, text, words, start, end, at, full, curated, singles, unlisted) -> None:
        """The people in one run of capitalised words ("Foreign Minister Penny Wong", "Mr. Biden").

        Titles come first in a run ("Deputy Defence Minister Timur Ivanov"): a name is looked for
        after the last of them, and at any known person's name.
        """
        # A title word right after a given name is a surname ("Dan Bishop"), not a title.
        titles_at = [i for i in range(start, end) if is_title(words[i].text) and not _person_at(at, i)
                     and not (i > start and given_strength(words[i - 1].text) and not is_title(words[i - 1].text))]
        titled = bool(titles_at) or _titled_before(words, start, text)
        i = titles_at[-1] + 1 if titles_at else start
        country = ""
        place = at.get(i)
        genitive = (place is not None and place.resolution.best.kind == "place" and has_cyrillic(place.text)
                    and place.resolution.note == "inflected")
        if (prominent_place(place) and i == start and _title_of_before(words, start)) or (
                titled and genitive and (prominent_place(place) or (place.end < end and not _surname_first(words, i, end)))):
            # "President of Kazakhstan Kassym-Jomart Tokayev", "Прем'єр-міністром Великої Британії Джонсоном",
            # "мэра Петрозаводска Владимира …": the title's country or town (a genitive in Ukrainian and Russian),
            # then the name.
            i, titled, country = place.end, True, place.resolution.best.country
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
                full.append(Found(first.startchar, last.endchar, name, "person", *unlisted(name)))
                i += length
            else:
                if length == 1:
                    singles.append((i, country))
                i += 1
            titled = False

    def _place_adjective(self, word: str) -> bool:
        """A Cyrillic adjective of a city's or a country's name (Киевского, Харківської)."""
        return any(e.kind == "place" and e.level in ("city", "country", "oblast", "region")
                   for name in adjective_places(normalize(word)) for e in self.resolver.gazetteer.lookup(name))

    def _compatriot(self, word: str, country: str) -> tuple[str, str] | None:
        """The known person of `country` whose surname `word` is, after a title and that country ("Prime Minister
        of Britain Johnson", "Прем'єр-міністром Великої Британії Джонсоном"): a surname that alone may be several
        people's is the one who acts for that country, if only one does."""
        people = _people_by_surname(self.resolver.gazetteer).get((country, _surname_key(word)), ()) if country else ()
        return people[0] if len(people) == 1 else None

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
        town_form = mention is not None and mention.resolution.note == "inflected" and not prominent_place(mention)
        if not given and (mention is None or town_form) and _surname_first(words, i, end):
            return 3, None  # a surname may also be a town's case form (Сак: of Saky) before a name in the nominative
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
        if (mention and mention.end - mention.start >= max(length, 2) and mention.resolution.best.kind != "person"
                and not _named_after(words, i, mention)):
            return 0, None
        if given and length < 2 and not titled:
            return 0, None
        return length, None

    def _by_pattern(self, text: str, known: list[Found], unlisted) -> list[Found]:
        """People introduced by a role apposition ("spokesman, Ivan Petrov") or a byline."""
        taken = [(f.start, f.end) for f in known]
        people = []
        for pattern in _PATTERNS:
            for match in pattern.finditer(text):
                start, end = match.span(1)
                name = match.group(1)
                if _overlaps((start, end), taken) or _not_a_name(name):
                    continue
                people.append(Found(start, end, name, "person", *unlisted(name)))
                taken.append((start, end))
        return people


def _surname_first(words: list[Word], i: int, end: int) -> bool:
    """A Ukrainian or Russian decree's order, surname first: "Тодорову Дмитру Руслановичу", "Сак Олександр
    Олександрович" (a surname-like word no gazetteer name, a given name, a patronymic)."""
    return (i + 2 < end and has_cyrillic(words[i].text) and surname_like(words[i].text, None, rare=False)
            and is_given_name(words[i + 1].text) and is_patronymic(normalize(words[i + 2].text)))


def _named_after(words: list[Word], i: int, place: Mention) -> bool:
    """A place named after a person, in the genitive as Ukrainian and Russian name it ("село Тараса Шевченка",
    of "імені Тараса Шевченка"): a given name and a surname, which, printed with no word for a place or
    "named after" before them, are the person ("день народження Тараса Шевченка")."""
    if place.end - place.start != 2 or not has_cyrillic(words[i].text) or not is_given_name(words[i].text):
        return False
    before = normalize(words[i - 1].text) if i else ""
    return is_surname(normalize(words[i + 1].text)) and not (before in _NAMED_AFTER or lemmas(before)[0] in _PLACE_WORDS)


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
    """A lower-case title or role right before the run: "spokesman Dmitry Peskov", "the former marine Paul Whelan";
    in Ukrainian and Russian, also a title and the genitive of what it heads ("директор компании Гаус")."""
    if start == 0 or not _spaced(words, start - 1, start, text) or not words[start - 1].text.islower():
        return False
    previous = words[start - 1].text
    if is_title(previous):
        return True
    return (start >= 2 and has_cyrillic(previous) and _spaced(words, start - 2, start - 1, text)
            and words[start - 2].text.islower() and is_title(words[start - 2].text) and is_genitive_noun(normalize(previous)))


def _spaced(words: list[Word], before: int, after: int, text: str) -> bool:
    return text[words[before].endchar : words[after].startchar] == " "


def _surname_key(word: str) -> str:
    """A surname as compared across the text: romanised, and a Cyrillic one in its nominative, so that
    "Бречалов" and "Бречаловым" are the Бречалова named in full."""
    folded = normalize(word)
    nominative = personal_nominatives(folded)
    return normalize(to_latin(nominative[0] if nominative else folded))


@lru_cache(maxsize=4)
def _people_by_surname(gazetteer) -> dict[tuple[str, str], tuple[tuple[str, str], ...]]:
    """(country, surname key) → (value, label) of the known people of that country with that surname, in any of
    their full names' spellings."""
    found: dict[tuple[str, str], dict[tuple[str, str], None]] = {}
    for entity_id in gazetteer.entities:
        entity = gazetteer.get(entity_id) if entity_id.startswith(PERSON_ID_PREFIX) else None
        for spelling in entity.spellings if entity is not None and entity.country else ():
            if " " in spelling.text:
                key = (entity.country, _surname_key(spelling.text.split()[-1]))
                found.setdefault(key, {})[(entity.id, entity.label)] = None
    return {key: tuple(people) for key, people in found.items()}


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


def _unlisted(name: str, lang: str | None = None) -> tuple[str, str]:
    """The facet value and label of a person the gazetteer lacks; a Cyrillic name in the nominative, so its
    every case form is one person (Бориса Романченка, Борисом Романченком: Borys Romanchenko), romanised by
    `lang` ("uk", "ru") where its letters do not tell the language."""
    words = [(personal_nominatives(normalize(w)) or (w,))[0] for w in name.split(" ")]
    nominative = " ".join(w[:1].upper() + w[1:] if w != original else w for w, original in zip(words, name.split(" ")))
    lang = detect_language(nominative) or lang
    return person_value(nominative, lang), _display(nominative, lang)


def _display(name: str, lang: str | None) -> str:
    """A name as a label: romanised, possessive dropped."""
    return re.sub(r"['’]s$", "", to_latin(name, lang))


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    start, end = span
    return any(s < end and start < e for s, e in taken)


def _not_a_name(name: str) -> bool:
    words = [w for w in name.split() if not re.fullmatch(r"[A-Z]\.", w)]
    return any(is_common_word(w) for w in words) or len(words) < 2


