"""The one normal form every spelling is compared in.

Gazetteer keys, mention matching and query resolution must agree on when two
strings are "the same spelling", so they all go through :func:`normalize`.
It removes differences no reader would call a different spelling (case,
accents on Latin letters, apostrophe style, hyphen versus space) and keeps
everything that might be one (Cyrillic letters, including й and ї, stay as
they are). A word that mixes Cyrillic with Latin letters that look the same
("CША" typed with a Latin C) is read as the Cyrillic word it looks like.
"""

import re
import unicodedata
from functools import lru_cache

from ..memo import WORDS

#: Apostrophes and the letters that stand in for them in romanised names
#: (Mar'inka, Mar’inka, Marʼinka, Mar`inka) are dropped, as KMU-2010 does.
APOSTROPHES = "'’ʼ`´‘ʹ"
_DROP = str.maketrans("", "", APOSTROPHES)
_POSSESSIVE = re.compile(rf"(?<=[a-z])[{APOSTROPHES}]s\b")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_/]+")
_LETTERS = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-zA-Z]")
#: Latin letters that look like Cyrillic ones, for words printed with both.
_LOOK_ALIKES = str.maketrans("AaBCcEeHIiKMOoPpTXxYy", "АаВСсЕеНІіКМОоРрТХхУу")


def _cyrillic_look_alikes(text: str) -> str:
    """Each word with Cyrillic and Latin letters, its Latin look-alikes written in Cyrillic (CША: США)."""
    if not (_CYRILLIC.search(text) and _LATIN.search(text)):
        return text
    return _LETTERS.sub(lambda m: m.group().translate(_LOOK_ALIKES)
                        if _CYRILLIC.search(m.group()) and _LATIN.search(m.group()) else m.group(), text)


def _strip_latin_accents(text: str) -> str:
    """Remove combining marks from Latin letters only (é→e, ł stays ł but ż→z).

    Cyrillic й, ї and ё are decomposed letters too, and must not lose their marks.
    """
    out = []
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char) and out and "LATIN" in unicodedata.name(out[-1], ""):
            continue
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


@lru_cache(maxsize=WORDS)
def normalize(text: str) -> str:
    """Casefolded, English possessives and apostrophes dropped, Latin accents removed, separators as one space."""
    text = _cyrillic_look_alikes(unicodedata.normalize("NFKC", text))
    text = _POSSESSIVE.sub("", text.casefold()).translate(_DROP)
    text = _strip_latin_accents(text).replace("ł", "l").replace("ß", "ss")
    return _SEPARATORS.sub(" ", text).strip()
