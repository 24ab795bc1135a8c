"""Source 3b: the federal subjects of Russia that ``curated/foreign_regions.tsv`` leaves out, from
``pycountry``'s ISO 3166-2:RU list (Karelia, Amur Oblast, Kamchatka Krai …).

pycountry names them in the BGN/PCGN romanisation, word order and all ("Kareliya, Respublika",
"Amurskaya oblast'"), and in Ukrainian for most; the Russian Cyrillic, which Russian reports print, is
read back from the romanisation, which is regular enough for that (ya → я, kh → х, ' → ь, y → ы or й).
A Ukrainian name whose letters do not agree with the Russian one is a mistake of the translation
(pycountry's Ukrainian for Krasnoyarsk Krai is Краснодарський край) and is left out. English names
come from the adjective's stem: the region's centre where GeoNames has a city of that name and size
(Kurskaya → Kursk, Penzenskaya → Penza), else the stem itself (Amurskaya → Amur).
"""

from __future__ import annotations

import gettext
import re

from ..names.spelling import normalize
from ..names.translit import to_latin
from ..names.variants import is_common_word, variant_key
from .drafts import Draft
from .katottg import OBLAST_SUFFIXES

#: BGN/PCGN digraphs, longest first; a lone "y" and "e" are decided by their neighbours (see :func:`_cyrillic`).
_DIGRAPHS = (("shch", "щ"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"), ("zh", "ж"),
             ("ya", "я"), ("yu", "ю"), ("ye", "е"), ("yo", "ё"))
_LETTERS = dict(zip("abvgdezijklmnoprstufh'\"", "абвгдезийклмнопрстуфхьъ"))
_VOWELS = set("aeiouy")
#: How pycountry's romanised name ends, per kind of subject: (ending, Russian noun, English noun).
_KINDS = ((" oblast'", "область", "Oblast"), (" kray", "край", "Krai"))
#: Endings of a subject's adjective ("Amurskaya", "Primorskiy") before its stem, and the endings its
#: centre's name may have on that stem (Kursk, Kirov, Penza, Vologda, Kemerovo).
_ADJECTIVE = re.compile(r"'?sk(?:aya|iy)$")
_CENTRE_ENDINGS = ("", "sk", "a", "o")
#: A city this large may be a subject's centre (Magadan, 90,000), unlike towns its adjective also fits (Amursk).
_CENTRE_MIN_POPULATION = 50_000


def _cyrillic(latin: str) -> str:
    """The Russian Cyrillic of a BGN/PCGN romanised name: Amurskaya oblast' → Амурская область."""
    out, text, i = [], latin.lower(), 0
    while i < len(text):
        for digraph, letter in _DIGRAPHS:
            if text.startswith(digraph, i):
                out.append(letter)
                i += len(digraph)
                break
        else:
            char = text[i]
            before = text[i - 1] if i else " "
            if char == "y":  # й after a vowel (Altay, -skiy), ы after a consonant (Tyva, -nyy)
                out.append("й" if before in _VOWELS else "ы")
            elif char == "e" and not before.isalpha():
                out.append("э")  # Mariy El
            else:
                out.append(_LETTERS.get(char, char))
            i += 1
    return "".join(out)


def _stem(adjective: str, cities: set[str], krai: bool) -> str:
    """The English stem of a subject's adjective: its centre's name where GeoNames has a city so called,
    else a krai's adjective as English writes it (Primorsky Krai), an oblast's stem (Amur Oblast)."""
    bare = _ADJECTIVE.sub("", adjective)
    candidates = [bare + ending for ending in _CENTRE_ENDINGS] + [bare[:-1] + "a", bare[:-2] + "a"]
    fallback = adjective.removesuffix("iy") + "y" if krai else bare
    return next((c for c in candidates if normalize(c) in cities), fallback)


class Russia:
    """Russia's federal subjects beyond the curated ones, as a part of :class:`~.build.Builder`."""

    def build_russian_subjects(self) -> None:
        import pycountry

        ukrainian = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["uk"])
        cities = {normalize(c["name"]) for c in self.cities.values()
                  if c["countrycode"] == "RU" and c["population"] >= _CENTRE_MIN_POPULATION}
        for subdivision in pycountry.subdivisions.get(country_code="RU"):
            if subdivision.code in self.regions:
                continue  # curated, with its press spellings
            made = self._subject(subdivision.code, subdivision.name, cities)
            if made is None:
                continue
            draft, russian = made
            translated = ukrainian.gettext(subdivision.name)
            if translated != subdivision.name and variant_key(to_latin(translated, "uk")) == variant_key(
                    to_latin(russian, "ru")):
                draft.add_cyrillic(translated, "cyrillic")
                if translated.startswith("Республіка "):
                    draft.add_cyrillic(translated.removeprefix("Республіка "), "cyrillic")
            self.stats["russian subjects from pycountry"] += 1

    def _subject(self, code: str, name: str, cities: set[str]) -> tuple[Draft, str] | None:
        """The subject's entity with its Latin and Russian names, and its Russian name; None for a federal city."""
        if name.endswith(", Respublika"):
            base = name.removesuffix(", Respublika")
            english = re.sub(r"iya\b", "ia", base)
            draft = self._new_subject(code, english)
            bare = [english, base] if len(base) >= 5 and not is_common_word(base) else []
            for text in bare + [f"Republic of {english}", f"{english} Republic", f"Respublika {base}"]:
                draft.add(text, "official" if text == english else "alternate")
            russian = _cyrillic(f"Respublika {base}")
            for text in (russian, _cyrillic(base)) if bare else (russian,):
                draft.add_cyrillic(text, "russian")
            return draft, russian
        if " avtonomn" in name or name.endswith(" Respublika"):
            draft = self._new_subject(code, name.replace("'", ""))
            draft.add(name.replace("'", ""), "official")
            russian = _cyrillic(name)
            draft.add_cyrillic(russian, "russian")
            return draft, russian
        for ending, noun, english_noun in _KINDS:
            if name.endswith(ending):
                adjective = name.removesuffix(ending)
                stem = _stem(adjective, cities, noun == "край").replace("'", "")
                draft = self._new_subject(code, f"{stem} {english_noun}")
                draft.add(name.replace("'", ""), "alternate")
                for suffix in OBLAST_SUFFIXES if noun == "область" else ("Krai", "Territory", "region", "Region"):
                    draft.add(f"{stem} {suffix}", "official" if suffix == english_noun else "alternate")
                russian = f"{_cyrillic(adjective)} {noun}"
                draft.add_cyrillic(russian, "russian")
                return draft, russian
        return None  # a federal city: Moscow and Saint Petersburg are curated

    def _new_subject(self, code: str, english: str) -> Draft:
        label = f"{english} (Russia)"
        self.regions[code] = label
        return self.new(f"region:{code}", "place", label, level="region", region=(code,), country="RU")
