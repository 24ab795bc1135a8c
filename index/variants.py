"""Do two strings spell one name? Spelling variants of Ukrainian and Russian names.

Kharkiv/Kharkov/Харків, Haidai/Gaidai/Gayday, Zelenskyy/Zelensky/Зеленський
differ in ways romanisation makes predictable: which digraph writes a sound
(kh/h, zh/j, ch/tsch), g versus h, how i/y/j/ie are written, doubled letters,
and the Ukrainian/Russian vowel shifts (Kharkiv/Kharkov, Nizhyn/Nezhin,
Oleshky/Aleshki). :func:`variant_key` folds all of those away, so it is cheap
to index and look up by, but it also folds away what tells Pokrovsk from
Pokrovske or Sumy from "some". :func:`same_name` therefore adds a guard: the
folded forms must still be close, end in the same grammatical ending, and an
English word is never a name.
"""

import re
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler
from wordfreq import zipf_frequency

from .spelling import normalize
from .translit import to_latin

#: Minimum Jaro-Winkler similarity of the lightly folded forms (see :func:`_soft`).
MIN_SIMILARITY = 0.9
#: Words this frequent in English (Zipf scale; "some" is 6.9, "mayor" 4.8,
#: "kyiv" 3.9) are English words first, never folded into a name.
ENGLISH_ZIPF = 4.0

# Sounds with several spellings → one symbol each. Longest spellings first, so
# "shch" is not read as "sh" + "ch". Lower-case letters no spelling ends up as
# stand for the sounds: q = ch, w = sh, j = zh, c = ts.
_SOUNDS = {
    "shch": "w", "tsch": "q", "sch": "w", "tch": "q", "cz": "q", "ch": "q",
    "sz": "w", "sh": "w", "zh": "j", "kh": "h", "gh": "h", "ts": "c", "tz": "c",
    "ck": "k", "ph": "f", "x": "ks", "w": "v", "g": "h",
}
_SOUND = re.compile("|".join(sorted(_SOUNDS, key=len, reverse=True)))
#: A bare c is ts before a front vowel (Cerkva, Czech/Polish style), k elsewhere.
_BARE_C = re.compile(r"c(?=[eiy])")
_DOUBLE = re.compile(r"([a-z])\1+")
_VOWELS = re.compile(r"[aeiouyj]+")
#: Ukrainian prothetic v before u: Vuhledar, Russian Ugledar.
_PROTHETIC_V = re.compile(r"^vu")
#: Ukrainian ov for Russian ol before a consonant: Vovchansk/Volchansk, Zhovti/Zheltye.
_OL = re.compile(r"(?<=a)l(?=[^a])")

#: A word's grammatical ending, Ukrainian and Russian forms together: feminine
#: -a/-aya, neuter -e/-o/-oye, masculine adjective or plural -yi/-y/-iy/-oy/-i,
#: and a bare consonant (Pokrovsk). Names with different endings are
#: different names (Pokrovsk/Pokrovske, Nova/Novyi), whatever their key says.
_ENDINGS = (
    (re.compile(r"[aeiouy]?[aeiouy]?a$"), "a"),
    (re.compile(r"[eo]$"), "o"),
    (re.compile(r"[iyj]$"), "i"),
    (re.compile(r"u$"), "u"),
)


@lru_cache(maxsize=200_000)
def _latin(name: str) -> str:
    """The name romanised and normalised: the form every comparison starts from."""
    return normalize(to_latin(name))


def _sounds(word: str) -> str:
    word = _BARE_C.sub("c", word.replace("ck", "k"))
    word = word.replace("c", "k") if "c" in _SOUND.sub("", word) else word
    return _SOUND.sub(lambda m: _SOUNDS[m.group()], word)


def _word_key(word: str) -> str:
    word = _DOUBLE.sub(r"\1", _sounds(word))
    word = _PROTHETIC_V.sub("u", word)
    word = _VOWELS.sub("a", word)
    return _OL.sub("v", word)


@lru_cache(maxsize=200_000)
def variant_key(name: str) -> str:
    """One key for every spelling of a name, in any script: Харків, Kharkiv, Kharkov → "harkav".

    Consonant digraphs and g/h become one symbol each, every run of vowels
    (with y and j) becomes "a", doubled letters one. Keys over-merge on
    purpose (Pokrovsk and Pokrovske differ only by an ending, Sumy and
    "some" not at all); use :func:`same_name` to decide.
    """
    return " ".join(_word_key(word) for word in re.findall(r"[a-z]+", _latin(name)))
