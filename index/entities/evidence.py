"""Whether a name the gazetteer matched is used as a name here: the evidence, weighed.

A bare match is enough for most names: Kharkiv, Lysychansk, HIMARS. Some
matches are weak readings, and count only where the text supports them:

* an ordinary word that is also a place's name ("As" the Crimean village,
  "Side", "Step", "Bar"), or an ambiguous organisation or weapon (Patriot);
* a common given name that is also a village's or a foreign town's name ("Sasha", "Slava", "Vladimir");
* a village's name in another spelling that is also a name English text
  uses ("Burton" for Burtyn, "Petrov" for Petriv);
* a near spelling of a well-known place (Kahrkiv, Shahtarsk), see :mod:`..names.near`;
* a small Ukrainian village or town in a text whose other places all lie abroad.

Support is what a reader would go by: the words around the name ("the village
of", "X, Luhansk region", "X direction", "in X"), being listed with places
the text names plainly, or those places lying in the same oblast. Some cues
rule a place out whatever else holds: a place inside the name of someone or
something else (the cruiser Moskva, Levada Center, Dynamo Kyiv, Babyn Yar), a
small place's name followed by "said".
"""

from rapidfuzz.distance import OSA
from ..names.word_frequency import zipf

from ..gazetteer.model import Entity
from ..names.given_names import is_common_given_name
from ..names.inflection import ordinary_word
from ..names.resolver import Mention
from ..names.spelling import normalize
from ..names.variants import is_common_word
from . import cues
from .model import REGION_LEVELS, with_surroundings
from .name_words import is_title

#: Weak readings, each a reason a match needs support.
COMMON_WORD, GIVEN_NAME, VILLAGE_FORM, NEAR, ELSEWHERE = (
    "common word", "given name", "village spelled like an English name", "near spelling",
    "small Ukrainian place in a text set abroad")
#: A place this large is what its name means even where the name is also a given name (Sofia, Paris).
_PROMINENT = 500_000
#: A misspelt city this large is recognised with any Ukrainian place beside it, not only its own oblast's.
_BIG_MISSPELT = 100_000
#: A town this size is known by its name even in a text set abroad.
_KNOWN_TOWN = 2_000
#: Place levels small enough that "X said" makes X a person.
_SMALL = ("village", "town", "district")
#: A village's other spelling this frequent in English text ("Burton" 3.8, "Petrov" 2.8) is likelier a surname.
_ENGLISH_NAME_ZIPF = 2.5
#: Levels whose spellings vary and repeat: settlements and city districts.
_SETTLEMENTS = ("city", "town", "village", "district")
#: Places that vouch for a name listed beside them.
_LISTED_LEVELS = ("city", "town", "village", "district", "raion", "landmark")
#: Words that say what kind of place a name is: "Kherson Oblast", "Dnipro River".
_GEOGRAPHIC = frozenset("oblast region raion rayon district province city town village river lake sea".split())
_QUALIFIERS = frozenset(
    "system systems missile missiles launcher launchers tank tanks howitzer howitzers drone drones battery "
    "batteries mlrs rocket rockets jet jets fighter fighters aircraft complex complexes air defence defense "
    "munitions shells interceptor interceptors".split()
)


def weak_reading(mention: Mention) -> str | None:
    """Why a match is weak evidence on its own, or None when it is enough by itself."""
    resolution = mention.resolution
    entity = resolution.best
    if resolution.note == "near":
        return NEAR
    if normalize(resolution.matched) in entity.needs_context:
        return COMMON_WORD
    if entity.kind != "place" or entity.level not in _SETTLEMENTS:
        return None
    if (resolution.note in ("variant", "russian", "alternate") and entity.level == "village"
            and zipf(normalize(mention.text), "en") >= _ENGLISH_NAME_ZIPF):
        # "Burton", "Petrov": a word English text uses (a surname, a place abroad) is likelier than
        # another spelling of a village; Shirokino, Yarovaya are no English words.
        return VILLAGE_FORM
    if (mention.end - mention.start == 1 and entity.population < _PROMINENT
            and (entity.level == "village" or entity.country != "UA") and is_common_given_name(mention.text)):
        return GIVEN_NAME
    return None


def small_ukrainian_place(mention: Mention) -> bool:
    """A Ukrainian village or town too small to be known by name alone."""
    entity = mention.resolution.best
    return (entity.kind == "place" and entity.country == "UA" and entity.level in ("village", "town")
            and entity.population < _KNOWN_TOWN)


def set_abroad(mention: Mention, setting: set[str]) -> bool:
    """A small Ukrainian place named in a text whose other places (its `setting`) all lie abroad ("the
    Chaika ice palace in Khabarovsk"): the name is likelier a word or a place the gazetteer lacks."""
    return small_ukrainian_place(mention) and bool(setting) and not any(code.startswith("UA-") for code in setting)


def ruled_out(mention: Mention, text: str, known) -> bool:
    """Cues that make the words no mention of the place, whatever else holds. `known(word)` says
    whether the gazetteer knows a word as a name."""
    entity = mention.resolution.best
    if entity.kind != "place":
        return False
    if cues.names_a_vessel(mention, text) or cues.names_something_else(mention, text):
        return True
    before, after = cues.neighbouring_names(mention, text)
    if entity.level not in ("country", *REGION_LEVELS) and before and not _a_plain_word(before) and not known(before):
        return True  # "Aleksey Aleksandrov", "Dynamo Kyiv": the place's name ends someone's or something's
    if entity.level in _SMALL:
        # "Babyn Yar": a small place's name beside another name is part of a longer one.
        return (cues.speaker_follows(mention, text) or cues.names_a_feature(mention, text)
                or any(word and not _a_word(word) for word in (before, after)))
    return False


def _a_word(word: str) -> bool:
    """Words that may stand beside a place's name without making it part of another name."""
    return _a_plain_word(word) or is_title(word) or normalize(word) in _GEOGRAPHIC


def _a_plain_word(word: str) -> bool:
    """A common word, or one the Ukrainian or Russian dictionary knows only as an ordinary word (Обстрел,
    "shelling", at the start of a sentence is no given name before Донецка)."""
    return is_common_word(word) or ordinary_word(normalize(word))


def supported(reason: str, mention: Mention, index: int, mentions: list[Mention], text: str,
              plain: list[Mention], context: set[str], apposed: set[str]) -> bool:
    """Whether the text supports a weak reading. `plain` are the mentions that needed no support,
    `context` the regions they name."""
    entity = mention.resolution.best
    if entity.kind != "place":
        return _qualified(mention, text)
    in_context = any(with_surroundings(p.region) & context for p in _places(mention))
    if apposed:
        # "X, Luhansk region": support only where that is where X lies ("Porkhov in Pskov Region" is no Pokrov).
        return any(with_surroundings(p.region) & apposed for p in _places(mention))
    if cues.settlement_word(mention, text) or cues.is_heading(mention, text) or _listed_with(mention, index, mentions, text, plain):
        return reason != NEAR or in_context or not context
    if reason == COMMON_WORD:
        return in_context and cues.after_place_preposition(mention, text)
    if reason in (GIVEN_NAME, VILLAGE_FORM, ELSEWHERE):
        return in_context
    # NEAR: a misspelt well-known place, where the text's places agree or, for a city one keystroke
    # off, where the text names no other place (a field report of one name).
    if in_context:
        return True
    one_off = OSA.distance(normalize(mention.text), mention.resolution.matched) <= 1
    if entity.level == "city" and one_off and not context:
        return True
    return one_off and entity.population >= _BIG_MISSPELT and any(code.startswith("UA-") for code in context)


def _listed_with(mention: Mention, index: int, mentions: list[Mention], text: str, plain: list[Mention]) -> bool:
    """Listed next to a place the text names plainly: "Izium, Bar and Balakliia", "Semihatka/Henichesk"."""
    neighbours = [mentions[i] for i in (index - 1, index + 1) if 0 <= i < len(mentions)]
    for other in neighbours:
        # Settlements listed together, not "UKRAINE, AS …": a country beside a word proves nothing.
        if other in plain and other.resolution.best.level in _LISTED_LEVELS and (
                cues.joined(other, mention, text) or cues.joined(mention, other, text)):
            return True
    return False


def _places(mention: Mention) -> list[Entity]:
    return [e for e in mention.resolution.entities if e.kind == "place"]


def _qualified(mention: Mention, text: str) -> bool:
    """An ambiguous weapon or organisation name counts only next to a word saying what it is."""
    before = text[max(0, mention.startchar - 40) : mention.startchar].split()[-2:]
    after = text[mention.endchar : mention.endchar + 40].split()[:2]
    return any(w.strip(".,;:()\"'").lower() in _QUALIFIERS for w in before + after)
