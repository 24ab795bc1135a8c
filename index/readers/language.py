"""A document's language when the source does not say.

Ukrainian and Russian are told apart by their own letters first, since a
statistical model trained on short texts confuses the two; everything else
goes to py3langid, weighed by what this collection is written in: a short
English headline is too little evidence for Danish or Nigerian Pidgin.
"""

import re
from functools import cache

import pycountry
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from ..names.translit import detect_language

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LETTER = re.compile(r"[^\W\d_]")
#: The opening characters a language is told from, and (py3langid's time grows with the text) those
#: py3langid reads: the same guess on all but one of the 5,002 documents of the shared corpora as 1,000.
_SAMPLE, _MODEL_SAMPLE = 1000, 500
#: The languages reporting on the war is mostly written in, and how much likelier each is taken to be,
#: before reading the text, than any other of py3langid's 97. Py3langid's probabilities are calibrated
#: by the text's length, so a long text in any language outweighs these odds and a short one does not:
#: "Drones over Odesa, Mykolaiv and Kherson region" is English (Norwegian Nynorsk 0.21, English 0.05),
#: while "Angriff auf Odessa" is still German (0.67).
COLLECTION_LANGUAGES = ("en", "uk", "ru")
PRIOR_ODDS = 10


def guess_language(text: str) -> str:
    """ISO 639-1 code, or "" when the text is too short to tell."""
    sample = text[:_SAMPLE]
    letters = len(_LETTER.findall(sample))
    if letters < 20:
        return ""
    if len(_CYRILLIC.findall(sample)) > letters / 2:
        return detect_language(sample) or _most_probable(sample[:_MODEL_SAMPLE])
    return _most_probable(sample[:_MODEL_SAMPLE])


def _most_probable(sample: str) -> str:
    """py3langid's language of sample, its probabilities weighed by the collection's prior odds."""
    ranked = _identifier().rank(sample)
    return max(ranked, key=lambda pair: pair[1] * (PRIOR_ODDS if pair[0] in COLLECTION_LANGUAGES else 1))[0]


@cache
def _identifier() -> LanguageIdentifier:
    """py3langid's model with probabilities (its module-level one gives raw scores), loaded on first use."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


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
