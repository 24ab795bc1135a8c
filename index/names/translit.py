"""Cyrillic (and any other script) to Latin, the way names are written in reporting.

A name reaches the index in Ukrainian Cyrillic, Russian Cyrillic, or in one
of several romanisations. Variant keys and gazetteer lookups work on Latin
letters, so everything is romanised first:

* Ukrainian by KMU-2010 (``translitua``'s default table), the official
  system, which most English-language reporting now follows: Kyiv,
  Lysychansk, Haidai, Zaporizhzhia.
* Russian by a press scheme: ``translitua``'s *International Passport 1997,
  reduced* table is the closest of its Russian tables to the usual English
  press spellings (Kiev, Gorlovka, Sergey, Krivoy Rog, Belgorod-Dnestrovsky).
  Where the press differs from it, :class:`_RussianPress` follows the press:
  no apostrophes for soft and hard signs (Vasilyevka, not Vasil'yevka; also
  Maryinka, Ilyich), ``-y`` for ``ий`` only at the end of a word (Zelensky,
  but Biysk), and ``Ye-`` for a leading ``Е`` (Yenakievo, Yevgeny). ``ё`` is
  written ``e`` (Artemovsk): most Russian print omits the dots, and one word
  should get one romanisation either way.
* Cyrillic without a letter only one of the languages has is read as
  Ukrainian; :func:`latin_forms` gives both readings for such text.
* Other scripts and Latin letters with diacritics go through ``unidecode``.
"""

import re
import unicodedata

import translitua
from translitua.translit import add_uppercase
from unidecode import unidecode

from .spelling import APOSTROPHES

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UKRAINIAN_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_RUSSIAN_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")
#: A word, apostrophes inside it included (Мар'їнка is one word).
_WORD = re.compile(rf"[^\W\d_]+(?:[{APOSTROPHES}][^\W\d_]+)*")
#: KMU-2010 drops apostrophes, and Russian does not write them (Мар'янка → Marianka, Maryanka).
_DROP_APOSTROPHES = str.maketrans("", "", APOSTROPHES)


class _RussianPress:
    """Russian → Latin as the English-language press writes it (see module docstring)."""

    MAIN_TRANSLIT_TABLE = {
        **translitua.RussianInternationalPassport1997Reduced.MAIN_TRANSLIT_TABLE,
        ord("ъ"): "",
        ord("Ъ"): "",
    }
    # A soft or hard sign before a vowel is heard as y: Vasilyevka, Podyezd, Maryinka.
    # -ий/-ый lose the i only at the end of a word (Zelensky, Dmitry, but Biysk).
    SPECIAL_CASES = add_uppercase(
        {"ье": "ye", "ьё": "ye", "ъе": "ye", "ъё": "ye", "ьи": "yi", "ий": "y", "ый": "y"}
    )
    PATTERN1 = re.compile(r"[ьъЬЪ][еёЕЁ]|[ьЬ][иИ]|[иыИЫ]й$")
    FIRST_CHARACTERS = {"е": "ye", "Е": "Ye", "ё": "yo", "Ё": "Yo"}
    PATTERN2 = re.compile(r"^[еёЕЁ]")


_TABLES = {"uk": translitua.UkrainianKMU, "ru": _RussianPress}
#: The languages :func:`to_latin` has a table of its own for.
ROMANISED_LANGUAGES = frozenset(_TABLES)


def has_cyrillic(text: str) -> bool:
    """Whether the text has a Cyrillic letter."""
    return bool(_CYRILLIC.search(text))


def detect_language(text: str) -> str | None:
    """``"uk"`` or ``"ru"`` when the text has letters only that language uses, else None.

    Most Cyrillic names (Харків, Донецьк) are spelled alike in both, and
    guessing would romanise half of them wrongly; callers treat None as
    "could be either".
    """
    uk = len(_UKRAINIAN_ONLY.findall(text))
    ru = len(_RUSSIAN_ONLY.findall(text))
    if uk > ru:
        return "uk"
    if ru > uk:
        return "ru"
    return None


def _romanise_word(word: str, table: type) -> str:
    """One word: Cyrillic by ``table``, anything else non-ASCII by unidecode."""
    if _CYRILLIC.search(word):
        word = word.translate(_DROP_APOSTROPHES)
        if word.isupper() and len(word) > 1:
            # translitua's special cases are written in lower and title case only.
            word = translitua.translit(word.lower(), table).upper()
        else:
            word = translitua.translit(word, table)
    # Letters the table has no entry for (ў, і under the Russian table) fall through.
    return word if word.isascii() else unidecode(word).strip()


def to_latin(text: str, lang: str | None = None) -> str:
    """Romanise every non-ASCII word of ``text``; ASCII text comes back unchanged.

    ``lang`` ("uk" or "ru") overrides :func:`detect_language`; Cyrillic of
    unknown language is read as Ukrainian. Case is kept per word (Київ → Kyiv,
    КИЇВ → KYIV), punctuation and spacing are left as they are.
    """
    if text.isascii():
        return text
    table = _TABLES[lang or detect_language(text) or "uk"]
    return _WORD.sub(lambda m: _romanise_word(m.group(), table), text)


def _is_latin(text: str) -> bool:
    return all(
        char.isascii() or not char.isalpha() or "LATIN" in unicodedata.name(char, "")
        for char in text
    )


def latin_forms(text: str) -> list[str]:
    """The romanisations of ``text`` worth indexing, most likely first.

    Cyrillic of unknown language gets both the Ukrainian and the Russian
    reading ("Киев" is Kyev by KMU, Kiev in the press); Latin text is its
    own only form.
    """
    if not _CYRILLIC.search(text):
        return [text] if _is_latin(text) else [to_latin(text)]
    lang = detect_language(text)
    if lang:
        return [to_latin(text, lang)]
    return list(dict.fromkeys([to_latin(text, "uk"), to_latin(text, "ru")]))
