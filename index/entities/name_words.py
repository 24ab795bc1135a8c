"""What a capitalised word is worth as part of a person's name: a title, a given name, a surname, or a
word that belongs to the name of something else.

Titles come from ``nameparser``'s list (less the adjectives and nouns it holds that head institutions'
names: Federal, United, Special), given names from ``gender-guesser``'s (see
:mod:`..names.given_names`), and how common a word is from ``wordfreq``.
"""

import re
from functools import lru_cache

from nameparser.config import titles
from ..names.word_frequency import zipf

from ..names.given_names import COMMON, given_name_frequency, is_given_name
from ..names.inflection import lemmas
from ..names.resolver import Mention
from ..names.spelling import normalize
from ..names.translit import has_cyrillic

#: Titles nameparser lists that are ordinary words before a capitalised word far more often
#: than titles ("His", "US", "Air Force", "Law").
_NOT_TITLES = frozenset(
    "his her me us uk most high risk rock film tax law heir host pro maid flag wing air army navy mag met rear "
    "first state states national security the of and district regional city academic advertising analytics "
    "appellate assoc associate assistant asst ballet banner baseball behavioral bench biblical blessed blues "
    "british business civil classical comic computer corporate credit criminal customs discovery division "
    "docket english excellent executive family federal field financial flying foreign grand group hereditary "
    "information intelligence judicial kingdom knowledge legal literary marketing mathematics member military "
    "municipal mystery operating personality petty police political radio revenue right royal senior social "
    "software special staff strategy supreme technical television theater theatre travel united voice warrant "
    "chair chairs count master model player principal prior private prime vice deputy chief".split())
#: Titles that stand only before a person's surname: after them any name-like word is one.
HONORIFICS = frozenset("mr mrs ms miss mx dr sir dame lord lady madam monsieur madame herr frau pan pani".split())
#: Roles reporting puts before a name in lower case that nameparser's list lacks.
ROLES = frozenset(
    "spokesman spokeswoman spokesperson head resident lawmaker official analyst expert correspondent volunteer "
    "soldier officer witness survivor prosecutor photographer blogger activist fighter commentator negotiator "
    "ombudsman ombudswoman premier leader chairman chairwoman speaker envoy".split())
#: Ukrainian and Russian titles and roles before a name, as the dictionary writes them (it reads
#: "Прем'єр-міністром" as прем'єр and міністр, apostrophe dropped; "журналіста" as журналіст).
CYRILLIC_TITLES = frozenset(
    "президент президентка премєр премьер міністр министр канцлер король королева принц принцеса принцесса "
    "пан пані панові господин госпожа спікер спікерка спикер посол посолка генерал адмірал адмирал маршал "
    "полковник підполковник подполковник майор капітан капитан лейтенант сержант командувач командующий "
    "губернатор мер мэр депутат сенатор конгресмен прокурор суддя судья речник речниця пресс-секретарь "
    "журналіст журналістка журналист журналистка фотограф фотографка фотокореспондент кореспондент "
    "корреспондент репортер блогер блогерка блогер активіст активістка активист активистка лідер лидер "
    "патріарх патриарх секретар секретарь радник радниця советник помічник помощник заступник заместитель "
    "директор керівник руководитель очільник глава голова генсек омбудсман омбудсмен".split())
#: Capitalised words that end or are no part of a person's name: places, institutions, days, events.
_NOT_NAMES = frozenset(
    "street square avenue road boulevard lane highway river lake sea bay gulf strait island islands peninsula "
    "bridge dam canal hall house palace park garden station airport port cathedral church monastery mosque "
    "temple hospital prison plant factory mine mountain mountains valley forest region oblast district province "
    "city town village republic kingdom empire union federation state states committee council parliament "
    "ministry government army navy force forces guard corps brigade battalion regiment division front "
    "office agency service bureau center centre institute university academy school college foundation fund "
    "group company corporation bank club party movement alliance coalition treaty agreement accords act law "
    "bill plan doctrine day week year war crisis summit conference forum prize award cup league games olympics "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december christmas easter independence victory revolution order medal "
    "news times post telegraph herald tribune journal daily press radio tv television online media".split())
#: A word this frequent in English is a word, not a surname, unless a given name makes it one.
_COMMON_WORD_ZIPF = 5.0
#: After a title alone, or a given name that is also an English word, only a word this rare is a name
#: ("Mr. Rahmon", but not "Federal Assembly").
RARE_WORD_ZIPF = 3.5
#: A given name this frequent as an English word (April, German, Asia) is a weak sign of a person,
#: unless it is a common name too (John, Mark: over this on nam_dict's 1–13 scale).
_ENGLISH_GIVEN_ZIPF = 4.5
_WEAK_GIVEN = 5
#: A city this large is what its name means where that is only a rare given name (Odessa, not Sofia).
LARGE_CITY = 100_000
PARTICLES = frozenset("von van der den de da di du del della la le bin ibn al el ben".split())
INITIAL = re.compile(r"^[A-ZА-ЯІЇЄҐ]$")


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(t for t in titles.TITLES if t.isalpha()) - _NOT_TITLES


def is_title(word: str) -> bool:
    """A title or role word: President, Minister, Gen, spokesman; Президентом, журналіст, министра."""
    folded = normalize(word)
    if has_cyrillic(folded):
        return any(lemma in CYRILLIC_TITLES for lemma in lemmas(folded))
    return folded in _titles() or folded in ROLES


#: How strongly a word reads as a given name: 0 none, WEAK for one that is also a common English word
#: (April, Israel, German: then only a rare surname makes a person), STRONG otherwise.
WEAK, STRONG = 1, 2


def given_strength(word: str) -> int:
    if not is_given_name(word):
        return 0
    common_word = zipf(normalize(word), "en") >= _ENGLISH_GIVEN_ZIPF
    return WEAK if common_word and given_name_frequency(word) <= _WEAK_GIVEN else STRONG


def prominent_place(mention: Mention | None) -> bool:
    """A country or region by its own name: "Argentina Alberto Fernandez" starts with no given name (but
    "Sofia Kovalenko" and "Vladimir Kramnik" do, and "Marina" is no Maryino)."""
    if mention is None or mention.resolution.note not in ("official", "cyrillic", "russian", "inflected"):
        return False
    entity = mention.resolution.best
    return entity.kind == "place" and entity.level in ("country", "oblast", "region")


def place_before_name(mention: Mention | None, word: str) -> bool:
    """A place's name that starts no person's: a country or region, or a large city whose name is a
    rare given name ("Odessa Comrat Dnister" on a map, but "Sofia Kovalenko" is a person)."""
    if prominent_place(mention):
        return True
    entity = mention.resolution.best if mention is not None else None
    return (entity is not None and entity.kind == "place" and entity.population >= LARGE_CITY
            and mention.resolution.note != "near" and given_name_frequency(word) < COMMON)


def not_a_name_word(folded: str) -> bool:
    """"Street", "Lakes", "Forces": words that end a name of something else, singular or plural."""
    return folded in _NOT_NAMES or (folded.endswith("s") and folded[:-1] in _NOT_NAMES)


def plural_noun(folded: str) -> bool:
    """"Lakes", "Industries", "Nations", "Works": the plural of a common English word."""
    if not folded.endswith("s") or zipf(folded, "en") < 3.0:
        return False
    singular = folded[:-3] + "y" if folded.endswith("ies") else folded[:-1]
    return zipf(singular, "en") >= 4.0


def surname_like(word: str, mention: Mention | None, rare: bool) -> bool:
    """A word that may be (part of) a surname: capitalised, no common word (with `rare`, no
    word at all), not a prominent place or organisation."""
    if not word[:1].isupper() or (word.isupper() and len(word) > 1) or len(word) < 2:
        return False
    folded = normalize(word)
    if not_a_name_word(folded):
        return False
    if (rare and plural_noun(folded)) or zipf(folded, "en") >= (RARE_WORD_ZIPF if rare else _COMMON_WORD_ZIPF):
        return is_given_name(word)
    if mention is not None and mention.resolution.note not in ("variant", "near"):
        entity = mention.resolution.best
        if entity.kind in ("organization", "weapon") or prominent_place(mention):
            return False
    return True

