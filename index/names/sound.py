"""How a person's name sounds, so a name typed in English letters meets the Cyrillic it was printed in.

The press writes foreign names in Cyrillic by ear (George Simion: Джордже Симион; Susie Wiles: Сьюзи
Уайлс; Marcel Ciolacu: Марчел Чолаку; Nancy: Ненсі), and Russian names both ways (Alexander,
Aleksandr, Oleksandr: Александр), so no romanisation of the Cyrillic gives back the English
spelling, and :func:`.variant_key` keeps apart what those spellings write differently (Alexander
against Aleksandr, c against ч). A *sound key* keeps only the consonants, in one symbol per sound,
and whether the word begins with a vowel:

* a Cyrillic word is read letter by letter, as it is pronounced (:func:`cyrillic_sound`);
* an English-letter word may be pronounced several ways (c in Nancy, Marcel, Ciolacu; g in George
  and Gleb; w in Wiles and Warsaw), so it gets every reading (:func:`latin_sounds`), of which the
  index holds only the Cyrillic's.

Such a key is loose on purpose: the index puts it only beside the words of a person's name the
gazetteer lacks, and a query only matches through it the words a person's name is made of.
"""

import re
from functools import lru_cache
from itertools import islice, product

from unidecode import unidecode

from ..memo import WORDS
from .translit import has_cyrillic

#: Cyrillic letters as sounds: g and h are one (г is g in Russian, h in Ukrainian), vowels, й and the
#: signs are none. Symbols: C ч, S ш and щ, Z ж, J дж, H х, c ц, G г and ґ.
_CYRILLIC_SOUNDS = {
    "б": "b", "в": "v", "г": "G", "ґ": "G", "д": "d", "ж": "Z", "з": "z", "к": "k", "л": "l", "м": "m", "н": "n",
    "п": "p", "р": "r", "с": "s", "т": "t", "ф": "f", "х": "H", "ц": "c", "ч": "C", "ш": "S", "щ": "S",
}
_CYRILLIC_VOWELS = frozenset("аеєиіїоуюяыэёй")
_CYRILLIC_SILENT = frozenset("ьъ'’ʼ")

#: English-letter spellings and the sounds each may stand for, longest spelling first.
_LATIN_SOUNDS = (
    ("shch", ("S",)), ("tsch", ("C",)), ("dzh", ("J",)), ("sch", ("S",)), ("tch", ("C",)),
    ("zh", ("Z",)), ("kh", ("H",)), ("ch", ("C", "S", "H")), ("sh", ("S",)), ("ts", ("c",)), ("tz", ("c",)),
    ("cz", ("C",)), ("sz", ("S",)), ("dj", ("J",)), ("gh", ("G",)), ("ph", ("f",)), ("th", ("t",)),
    ("ck", ("k",)), ("qu", ("kv", "k")),
    ("x", ("ks",)), ("q", ("k",)), ("w", ("v", "")), ("j", ("J", "")), ("h", ("G", "H")),
    ("z", ("z", "c")),
)
#: s between vowels may be voiced (Susie: Сьюзи).
_VOICED_S = ("s", "z")
#: c and g before e, i or y may be soft (Nancy, Marcel, Ciolacu; George).
_SOFT = {"c": ("s", "c", "C", "k"), "g": ("G", "J")}
_HARD = {"c": ("k",), "g": ("G",)}
#: Letters with a caron or an acute are one sound (Čaputová, Łukasz, Šefčovič).
_MARKED = str.maketrans({"č": "C", "ć": "C", "š": "S", "ś": "S", "ž": "Z", "ź": "Z", "ş": "S", "ţ": "c", "ț": "c",
                         "ș": "S", "ł": "l"})
_LATIN_VOWELS = frozenset("aeiouy")
#: A last consonant after a vowel that French leaves unsaid.
_MAY_BE_SILENT = frozenset("dtsx")
_FRONT_VOWELS = frozenset("eiy")
_SINGLE_SOUNDS = {letter: (letter,) for letter in "bdfklmnprstv"}
#: More readings than this of one word are not worth searching for.
MAX_READINGS = 16
_VOWEL = "."


def _finish(symbols: list[str]) -> str:
    """Symbols to a key: repeats made one (Bennett, Еммануель), vowels dropped, a leading one kept as "_"."""
    joined = re.sub(r"(.)\1+", r"\1", "".join(symbols))
    leading = "_" if joined.startswith(_VOWEL) else ""
    return leading + joined.replace(_VOWEL, "")


@lru_cache(maxsize=WORDS)
def cyrillic_sound(word: str) -> str:
    """A Cyrillic word's sound key (Джордже: "JrJ"; Уайлс: "_ls"; Александр: "_lksndr"); "" for none."""
    word = word.lower()
    symbols = []
    index = 0
    while index < len(word):
        letter = word[index]
        if word.startswith("дж", index):
            symbols.append("J")
            index += 2
            continue
        if letter in _CYRILLIC_VOWELS:
            symbols.append(_VOWEL)
        elif letter in _CYRILLIC_SOUNDS:
            symbols.append(_CYRILLIC_SOUNDS[letter])
        elif letter not in _CYRILLIC_SILENT:
            return ""  # not a Cyrillic word
        index += 1
    return _finish(symbols)


@lru_cache(maxsize=WORDS)
def latin_sounds(word: str) -> tuple[str, ...]:
    """The sound keys an English-letter word may have, likeliest first (Marcel: "mrsl", …, "mrCl"; George:
    "GrG", "GrJ", "JrG", "JrJ"); none for a Cyrillic word (see :func:`cyrillic_sound`) or one of no letters."""
    if has_cyrillic(word):
        return ()
    word = unidecode(word.lower().translate(_MARKED).replace("ė", "e"))
    options: list[tuple[str, ...]] = []
    index = 0
    while index < len(word):
        letter = word[index]
        spelling = next(((s, sounds) for s, sounds in _LATIN_SOUNDS if word.startswith(s, index)), None)
        if letter in _SOFT:
            front = index + 1 < len(word) and word[index + 1] in _FRONT_VOWELS
            if not (spelling and len(spelling[0]) > 1):
                spelling = (letter, (_SOFT if front else _HARD)[letter])
        if letter == "s" and not spelling and 0 < index < len(word) - 1 and word[index - 1] in _LATIN_VOWELS \
                and word[index + 1] in _LATIN_VOWELS:
            spelling = (letter, _VOICED_S)
        if letter == "h" and index and word[index - 1] in _LATIN_VOWELS and word[index + 1 : index + 2] not in _LATIN_VOWELS:
            spelling = (letter, ("", "G", "H"))  # silent after a vowel: Johnson, Sarah
        if letter in _MAY_BE_SILENT and index == len(word) - 1 and index and word[index - 1] in _LATIN_VOWELS:
            spelling = (letter, (*(spelling[1] if spelling else (letter,)), ""))  # Renaud: Рено; Charles: Шарль
        if spelling:
            options.append(spelling[1])
            index += len(spelling[0])
            continue
        if letter in _LATIN_VOWELS:
            options.append((_VOWEL,))
        elif letter in _SINGLE_SOUNDS:
            options.append(_SINGLE_SOUNDS[letter])
        elif letter.isupper():  # a marked letter's sound (see _MARKED)
            options.append((letter,))
        elif letter.isalpha() or not letter.isascii():
            return ()
        index += 1
    keys = (_finish(list(choice)) for choice in product(*options)) if options else ()
    return tuple(dict.fromkeys(k for k in islice(keys, MAX_READINGS * 4) if k.strip("_")))[:MAX_READINGS]
