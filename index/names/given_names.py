"""Given names, from the list ``gender-guesser`` ships (Jörg Michael's nam_dict, ~45,000 names in 54 countries).

A capitalised word that is a given name and is followed by a surname is a
person (Vladimir Lenin, Penny Wong), and a village that shares a common given
name (Sasha, Slava) needs more than the bare word. The list gives each name a
frequency per country (1 rare … 13 very common); a name counts as common when
it reaches :data:`COMMON` somewhere.

A Cyrillic word is a given name in the form it is printed in (Бориса, Ілоном, Ненсі): through the given
names the Ukrainian or Russian dictionary reads it as, which the list may lack in their romanised form;
and a word the dictionary knows only as an ordinary word is none, whatever it romanises to (Від, "from",
is no Vid; Так, "so", no Tak).
"""

from functools import lru_cache
from importlib import resources

from ..memo import WORDS
from .word_frequency import zipf

from .inflection import given_name_forms, ordinary_word
from .spelling import normalize
from .translit import has_cyrillic, to_latin

#: A name this frequent somewhere (on the list's 1–13 scale) is one readers know as a given name.
COMMON = 3
#: English words this frequent (Zipf scale: "the" 7.7, "will" 6.5, "mark" 5.1) are read as words, not names.
FUNCTION_WORD_ZIPF = 5.5
#: The frequency of a given name the Cyrillic dictionary knows and the list lacks (Ненсі): a rare one.
DICTIONARY_NAME = 1
#: Where nam_dict's per-country frequency columns start; "+" joins the parts of a name ("Jean+Pierre").
_COLUMNS = 30


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, int]:
    """Normalized given name → its highest frequency in any country."""
    names: dict[str, int] = {}
    text = resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line[0] in "#=" or len(line) <= _COLUMNS:
            continue
        parts = line.split()
        if len(parts) < 2 or "<" in parts[1]:
            continue
        frequency = max((int(c, 16) for c in line[_COLUMNS:].rstrip("$ \r") if c.strip() and c in "0123456789ABCDEF"),
                        default=0)
        for form in {parts[1].replace("+", " "), parts[1].replace("+", "-"), parts[1].replace("+", "")}:
            key = normalize(form)
            names[key] = max(names.get(key, 0), frequency)
    return names


@lru_cache(maxsize=WORDS)
def given_name_frequency(word: str) -> int:
    """The word's highest frequency as a given name (0 when it is none), in any script."""
    frequency = _frequencies().get(normalize(to_latin(word)), 0)
    if not has_cyrillic(word):
        return frequency
    folded = normalize(word)
    if ordinary_word(folded):
        return 0
    forms = given_name_forms(folded)
    return max([frequency, *(_frequencies().get(normalize(to_latin(f)), DICTIONARY_NAME) for f in forms)])


@lru_cache(maxsize=WORDS)
def is_given_name(word: str) -> bool:
    """A capitalised word that is a given name somewhere (Penny, Vladimir, Олена), and not one of
    the commonest English words the list also holds as names somewhere ("The", "Will")."""
    return (word[:1].isupper() and not word.isupper() and given_name_frequency(word) > 0
            and zipf(word.lower(), "en") < FUNCTION_WORD_ZIPF)


def is_common_given_name(word: str) -> bool:
    return given_name_frequency(word) >= COMMON
