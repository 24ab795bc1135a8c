"""A document's language when the source does not say.

Ukrainian and Russian are told apart by their own letters first, since a
statistical model trained on short texts confuses the two; everything else
goes to py3langid.
"""

import re

import py3langid
import pycountry

from ..names.translit import detect_language

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LETTER = re.compile(r"[^\W\d_]")
#: The opening characters a language is told from: enough for py3langid, whose time grows with the text.
_SAMPLE = 1000


def guess_language(text: str) -> str:
    """ISO 639-1 code, or "" when the text is too short to tell."""
    sample = text[:_SAMPLE]
    letters = len(_LETTER.findall(sample))
    if letters < 20:
        return ""
    if len(_CYRILLIC.findall(sample)) > letters / 2:
        return detect_language(sample) or py3langid.classify(sample)[0]
    return py3langid.classify(sample)[0]


def language_code(name: str) -> str:
    """The ISO 639-1 code a language is written as (en, uk, Ukrainian, ukr): "" when it is no language."""
    name = name.strip()
    language = pycountry.languages.get(alpha_2=name.lower()) if len(name) == 2 else None
    try:
        language = language or (pycountry.languages.lookup(name) if name else None)
    except LookupError:
        return ""
    return getattr(language, "alpha_2", "") if language else ""


def language_name(code: str) -> str:
    """The English name of a language code ("uk" → "Ukrainian"); the code itself when unknown."""
    language = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    return language.name if language else code
