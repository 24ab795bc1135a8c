"""Do two strings spell one name? Spelling variants of Ukrainian and Russian names.

Kharkiv/Kharkov/Харків, Haidai/Gaidai/Gayday, Zelenskyy/Zelensky/Зеленський
differ in ways romanisation makes predictable: which digraph writes a sound
(kh/h, zh, ch/tsch), g versus h, how i/y/j/ie are written, doubled letters,
and the regular Ukrainian/Russian differences (Kharkiv/Kharkov, Nizhyn/Nezhin,
Oleshky/Aleshki, Vovchansk/Volchansk). :func:`variant_key` folds all of those
away, so it is cheap to index and look up by, but it also folds away what
tells Pokrovsk from Pokrovske, Chernihiv from Cherniakhiv or Sumy from
"some". :func:`same_name` therefore adds a guard: kh must still be kh, the
vowels the key erased may differ only where Ukrainian and Russian forms
differ, words must end alike, the spellings must still be close, and a
common English word is never a name.
"""

import re
from functools import lru_cache

from rapidfuzz.distance import JaroWinkler
from ..memo import WORDS
from .word_frequency import zipf

from .spelling import normalize
from .translit import to_latin

_CYRILLIC = re.compile("[\u0400-\u04ff]")
#: Minimum Jaro-Winkler similarity of the lightly folded forms (see :func:`_soft`).
MIN_SIMILARITY = 0.9
#: Words this frequent in English (Zipf scale: "some" 6.2, "mayor" 4.6,
#: "kiev" 3.5) are English words first, never folded into a name.
COMMON_ZIPF = 4.0

# --- Spelling: what the key folds away -------------------------------------

# Sounds with several spellings → one symbol each. Longest spellings first, so
# "shch" is not read as "sh" + "ch". The symbols are letters no spelling ends
# up as and that are not vowels: q = ch, w = sh, x = zh, c = ts.
_SOUNDS = {
    "shch": "w", "tsch": "q", "sch": "w", "tch": "q", "cz": "q", "ch": "q",
    "sz": "w", "sh": "w", "zh": "x", "kh": "h", "gh": "h", "ts": "c", "tz": "c",
    "ph": "f", "c": "k", "x": "ks", "w": "v", "g": "h",
}
_KEY_SOUNDS = re.compile("|".join(sorted(_SOUNDS, key=len, reverse=True)))
#: The guard keeps kh apart from h and g. Only Turkish or Spanish-style
#: spellings (Harkiv, Herson) swap them; romanisations of Ukrainian and Russian
#: write х as kh or ch and г as h or g, so Cherniakhiv is not Chernihiv.
_GUARD_SOUNDS = re.compile("|".join(sorted(set(_SOUNDS) - {"kh"}, key=len, reverse=True)))
#: A bare c is ts before a front vowel (Bila Cerkva, Czerniowce), k elsewhere.
_FRONT_C = re.compile(r"c(?=[eiy])")
#: Ukrainian soft ц before a (Vinnytsia) is Russian hard ц (Vinnitsa).
_SOFT_TS = re.compile(r"(?<=c)[iyj](?=a)")
#: Ukrainian prothetic v before u: Vuhledar, Russian Ugledar.
_PROTHETIC_V = re.compile(r"^vu")
#: Ukrainian ov for Russian ol or el in a first syllable: Vovchansk/Volchansk,
#: Zhovti/Zheltye, Dovhe/Dolgoye (and Rivne/Rovno, folded the same way on both sides).
_FIRST_OV = re.compile(r"^([^aeiouyj]*[aeiouyj]+)v(?=[^aeiouyj])")
_DOUBLE = re.compile(r"([a-z])\1+")
_VOWELS = re.compile(r"[aeiouyj]+")
_SYLLABLE = re.compile(r"([aeiouyj]+)([^aeiouyj]*)")
_FINAL_SYLLABLE = re.compile(r"([^aeiouyj]*)([aeiouyj]+)$")

# --- Sound: which vowel differences the guard accepts ----------------------

#: y, j and ie are spellings of i, and Russian e is often Ukrainian i
#: (Nezhin/Nizhyn, Belgorod/Bilhorod).
_FRONT_VOWELS = str.maketrans("eyj", "iii")
#: Ukrainian і for Russian о or е in a closed syllable (Kharkiv/Kharkov,
#: Chernivtsi/Chernovtsy, Vilnohirsk/Volnogorsk): closed in either spelling.
_IKAVISM = frozenset("io")
_CLOSED_O = re.compile(r"o(?=[^aeiouyj](?:[^aeiouyj]|$))")
#: Russian е for Ukrainian я (Kamenets/Kamianets); only a plain e, so Marinka
#: (Мар'їнка) stays apart from Marianka (Мар'янка).
_E_FOR_IA = frozenset(("i", "ia"))
#: Russian А- for Ukrainian О- at the start of a word (Aleshki/Oleshky, Aleksei/Oleksii).
#: Not further in: Karpylivka and Korpylivka are two villages.
_AKANYE = frozenset("ao")
_LEADING_O = re.compile(r"^o")
#: Ukrainian е and и are different letters, and no romanisation writes one for
#: the other: Kornelivka is not Kornylivka.
_E_Y = frozenset("ey")
#: Endings (see :func:`_ending`) that are one ending in Ukrainian and Russian:
#: -я and Russian -е/-ье (Zaporizhzhia/Zaporozhe), and Russian -ье, -ие, -ые,
#: which stand for Ukrainian -я, -і, -и or -е (Horishni/Gorishnie, Zhovti/Zheltye).
_SAME_ENDINGS = {
    frozenset(("ia", "o")), frozenset(("ia", "ie")), frozenset(("i", "ie")), frozenset(("o", "ie")),
}


@lru_cache(maxsize=WORDS)
def _words(name: str) -> tuple[str, ...]:
    """The name romanised, normalised and split: where every comparison starts."""
    return tuple(re.findall(r"[a-z]+", normalize(to_latin(name))))


def _sounds(word: str, sounds: re.Pattern = _KEY_SOUNDS) -> str:
    """One symbol per consonant sound; no prothetic v; ts before a hard, as in Russian."""
    word = sounds.sub(lambda m: _SOUNDS[m.group()], _FRONT_C.sub("ts", word))
    return _PROTHETIC_V.sub("u", _SOFT_TS.sub("", word))


def _word_key(word: str, sounds: re.Pattern = _KEY_SOUNDS) -> str:
    word = _DOUBLE.sub(r"\1", _sounds(word, sounds))
    return _VOWELS.sub("a", _FIRST_OV.sub(r"\1l", word))


@lru_cache(maxsize=WORDS)
def variant_key(name: str) -> str:
    """One key for every spelling of a name, in any script: Харків, Kharkiv, Kharkov → "harkav".

    Consonant digraphs and kh/h/g become one symbol each, every run of vowels
    (y and j included) becomes "a", doubled letters one; a multi-word name
    gets one key per word. Keys over-merge on purpose (Pashkove and Pushkove,
    Sumy and "some" share one); use :func:`same_name` to decide.
    """
    return " ".join(_word_key(word) for word in _words(name))


def _vowel(run: str) -> str:
    """A vowel run as a sound: ie, y, j → i; ou → u (Kouleba); repeats once."""
    return _DOUBLE.sub(r"\1", run.translate(_FRONT_VOWELS)).replace("ou", "u")


def _ending(word: str) -> str:
    """The grammatical ending a word's final vowels spell, Ukrainian and Russian forms together.

    ``a`` feminine (-a, -aya), ``ia`` the Ukrainian neuter -я after a long
    consonant (Zaporizhzhia, Shchastia), ``ya`` other soft -я (-ia, Russian -eya),
    ``o`` neuter (-e, -o, -oye), ``ie`` Russian -ье/-ие/-ые, ``i`` masculine
    adjective or plural (-yi, -y, -iy, -oy, -i, -ai), ``u``. Other differences
    in ending are different names (Nova/Nove/Novyi, Dmytro/Dmitry, Rivne/Rivnia).
    """
    consonants, run = _FINAL_SYLLABLE.search(_sounds(word)).groups()
    if run[-1] == "a":
        if re.fullmatch(r"(?:a[iyj])?a", run):
            return "a"
        long = len(consonants) > 1 and (consonants[-1] == consonants[-2] or consonants[-2:] == "st")
        return "ia" if long else "ya"
    if re.fullmatch(r"[iyj]+e", run):
        return "ie"
    return {"e": "o", "o": "o", "u": "u"}.get(run[-1], "i")


@lru_cache(maxsize=WORDS)
def _vowel_runs(word: str) -> tuple[tuple[str, bool], ...]:
    """Each run of vowels, and whether its syllable is closed (two consonants or the end follow)."""
    sounds = _sounds(word)
    return tuple(
        (m[1], len(m[2]) > 1 or (len(m[2]) == 1 and m.end() == len(sounds)))
        for m in _SYLLABLE.finditer(sounds)
    )


def _vowels_agree(a: str, b: str) -> bool:
    """Do two words with one key differ only in vowels that Ukrainian and Russian forms swap?"""
    runs = list(zip(_vowel_runs(a), _vowel_runs(b)))
    if _VOWELS.fullmatch(a[-1]):
        ends = frozenset((_ending(a), _ending(b)))
        if len(ends) > 1 and ends not in _SAME_ENDINGS:
            return False
        runs.pop()
    for i, ((x, closed_x), (y, closed_y)) in enumerate(runs):
        pair = frozenset((_vowel(x), _vowel(y)))
        if not (
            (len(pair) == 1 and frozenset((x, y)) != _E_Y)
            or (pair == _IKAVISM and (closed_x or closed_y))
            or (pair == _E_FOR_IA and "e" in (x, y))
            or (pair == _AKANYE and i == 0 and a[0] in "ao")
        ):
            return False
    return True


def _words_agree(a: str, b: str) -> bool:
    """The guard for one word of two spellings with one variant key."""
    return a == b or (
        _word_key(a, _GUARD_SOUNDS) == _word_key(b, _GUARD_SOUNDS) and _vowels_agree(a, b)
    )


def _soft_word(word: str) -> str:
    word = _FIRST_OV.sub(r"\1l", _sounds(word, _GUARD_SOUNDS))
    word = _CLOSED_O.sub("i", _LEADING_O.sub("a", word))
    return _DOUBLE.sub(r"\1", word.translate(_FRONT_VOWELS))


@lru_cache(maxsize=WORDS)
def _soft(name: str) -> str:
    """The similarity's form: spelling folded as in the key (but kh), and only the
    regular vowel differences (e/y/j → i, closed o → i, leading o → a)."""
    return " ".join(_soft_word(word) for word in _words(name))


def similarity(a: str, b: str) -> float:
    """Jaro-Winkler similarity (0..1) of the lightly folded forms: the guard's score, for ranking."""
    return JaroWinkler.normalized_similarity(_soft(a), _soft(b))


@lru_cache(maxsize=WORDS)
def is_common_word(word: str) -> bool:
    """True for a common word, which is never a variant of a name: English for Latin letters ("Some",
    "Leave", "Mayor"), Ukrainian or Russian for Cyrillic ("Крім", besides, is no Krym)."""
    lower = word.lower()
    if _CYRILLIC.search(lower):
        return max(zipf(lower, "uk"), zipf(lower, "ru")) >= COMMON_ZIPF
    return zipf(lower, "en") >= COMMON_ZIPF


def _english_agrees(a: str, b: str) -> bool:
    """May one-word spellings ``a`` and ``b`` be one name, as far as English is concerned?

    Two different English words never are (Gate/Hate), and an English word is
    another spelling of a name only when nothing but spelling convention
    differs (Putin/Putyn, Victor/Viktor; not Some/Sumy).
    """
    english = is_common_word(a) + is_common_word(b)
    return english == 0 or (english == 1 and _soft(a) == _soft(b))


def same_name(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are spellings of one name (Kharkov/Харків, Gaidai/Haidai).

    Equal variant keys are necessary but not enough: every word the two
    spellings write differently must pass the guard (:func:`_words_agree`),
    the whole must be at least :data:`MIN_SIMILARITY` alike, and a one-word
    name is not folded into a common English word (Some/Sumy, see
    :func:`_english_agrees`). In longer names the other words vouch for it
    being a name (Novyi Buh/Novy Bug).
    """
    words_a, words_b = _words(a), _words(b)
    if words_a == words_b:
        return bool(words_a)
    if variant_key(a) != variant_key(b):
        return False
    if len(words_a) == 1 and not _english_agrees(words_a[0], words_b[0]):
        return False
    return all(map(_words_agree, words_a, words_b)) and similarity(a, b) >= MIN_SIMILARITY
