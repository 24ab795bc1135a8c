"""Which entity a spelling names, and where names stand in a run of words.

One resolver serves the index (each name in a document), the query (each
name a user types) and the name lookup, so a spelling means the same thing
everywhere. A spelling resolves in two steps:

1. exactly, through the gazetteer's table of every known spelling (Kiev,
   Київ, Киев, Artemivsk all name a known entity), or as an inflected form
   of one (Харкові, Луганської області: see :mod:`.inflection`);
2. failing that, by variant key with a guard: the gazetteer spellings that
   share the key and that :func:`~.variants.same_name` accepts (Lysichansk →
   Lysychansk). English words never take this step.

A third, looser step (:meth:`NameResolver.near`: typos and loose
romanisations of well-known places) only offers candidates; the entity
layer accepts one only where the text supports it.
"""

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..memo import WORDS
from ..gazetteer.model import Entity
from ..gazetteer.store import MIN_KEYED_LENGTH, Gazetteer
from .inflection import adjective_places, feminine_adjectives, lemmas, name_starts, nominatives, people_nouns
from .near import NearSpellings
from .spelling import normalize
from .translit import has_cyrillic
from .variants import is_common_word, same_name, similarity, variant_key
from .words import Word

#: Longest name, in words, looked for in text ("Armed Forces of Ukraine General Staff").
MAX_WORDS = 6
#: A single unknown word this short is too weak to be a variant of anything.
MIN_VARIANT_LENGTH = MIN_KEYED_LENGTH

#: Notes of spellings that are an entity's name now, as opposed to an alternate or former one.
CURRENT_NOTES = ("official", "cyrillic", "russian", "short")
OFFICIAL_NOTES = ("official", "cyrillic")
#: Notes of the spellings an unlisted Latin spelling may be a variant of: an entity's current names and the
#: other languages' forms of them (Kiew, Charkiw), not its former names.
VARIANT_NOTES = (*CURRENT_NOTES, "alternate")
#: A city abroad this large is what its name means, even where a Ukrainian place has a similar name.
PROMINENT_ABROAD = 500_000
#: Levels that are a country or a first-level region.
REGION_LEVELS = ("country", "oblast", "region")
#: Place levels of named features, not settlements.
FEATURE_LEVELS = ("sea", "river", "island", "landmark")
#: Place levels whose names repeat across the country (dozens of Novoselivkas).
SETTLEMENT_LEVELS = ("city", "town", "village", "district")
#: How many first letters of a country's Cyrillic name are compared before a lower-case word is looked up.
_COUNTRY_START = 3
#: A city this large is what its case form means before a noun in common use for people spelled so.
KNOWN_CITY = 50_000
#: The noun a feminine place adjective leaves out in a list of oblasts ("у Київській, Харківській та Луганській
#: областях"), in Ukrainian and in Russian.
_OBLAST_NOUNS = ("область", "области")

#: How each kind of spelling is explained to a user.
WHY = {
    "official": "official spelling",
    "cyrillic": "Cyrillic spelling",
    "russian": "Russian-era spelling",
    "renamed": "former name",
    "former": "former name",
    "alternate": "alternate spelling",
    "short": "short form",
    "variant": "variant spelling",
    "near": "misspelling",
    "inflected": "inflected form",
}

#: Digits alone (a year, a decade, a count) name nothing; "F-16s", "Tu-95s" are model numbers in the plural.
_NUMBER = re.compile(r"\d+s?")
_NUMBERED_PLURAL = re.compile(r"\d+s$")


@dataclass(frozen=True)
class Resolution:
    """What one spelling names: candidate entities best first, and how the spelling was recognised."""

    spelling: str
    entities: tuple[Entity, ...]
    #: A key of WHY: the note of the matched gazetteer spelling, "variant", or "near".
    note: str
    #: The gazetteer spelling it was matched to (differs from `spelling` for variants).
    matched: str

    @property
    def best(self) -> Entity:
        return self.entities[0]

    @property
    def why(self) -> str:
        return WHY.get(self.note, self.note)


@dataclass(frozen=True)
class Mention:
    """A run of words (start..end, exclusive) that may name something."""

    start: int
    end: int
    startchar: int
    endchar: int
    text: str
    resolution: Resolution


def _starts_name(word: str) -> bool:
    """Names in running text start with a capital or a digit (Kyiv, HIMARS, 9K720)."""
    return word[:1].isupper() or word[:1].isdigit()


class NameResolver:
    """Spelling → entities over one gazetteer, with the indexes that make it fast."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self._resolve = lru_cache(maxsize=WORDS)(self._resolve_uncached)
        self._near = lru_cache(maxsize=WORDS)(self._near_uncached)
        self._spans = lru_cache(maxsize=8)(self._find_spans)

    @cached_property
    def _longest_from(self) -> dict[str, int]:
        """First word of each known spelling → the most words a spelling starting with it has."""
        longest: dict[str, int] = {}
        for spelling, _entity_id, _note in self.gazetteer.spellings():
            words = spelling.split(" ")
            if len(words) <= MAX_WORDS and len(words) > longest.get(words[0], 0):
                longest[words[0]] = len(words)
        return longest

    @cached_property
    def _country_starts(self) -> frozenset[str]:
        """The first letters of every Cyrillic name of a country, to tell cheaply which lower-case words may be one."""
        countries = self.gazetteer.ids_at_level("country")
        return frozenset(spelling[:_COUNTRY_START] for spelling, entity_id, _note in self.gazetteer.spellings()
                         if entity_id in countries and has_cyrillic(spelling))

    def _lower_case_country(self, word: str) -> bool:
        """A Cyrillic country's name in lower case (Ukrainian addresses print "росія", "росії" so on purpose):
        a word whose every dictionary form is the name, so no ordinary word that a country is spelled like
        (того, "of that", is no Togo; мали, "had", no Mali)."""
        if word[:_COUNTRY_START] not in self._country_starts:
            return False
        resolution = self.resolve(word, fuzzy=False)
        return (resolution is not None and all(e.kind == "place" and e.level == "country" for e in resolution.entities)
                and set(lemmas(word)) <= {resolution.matched})

    @cached_property
    def _near_spellings(self) -> NearSpellings:
        return NearSpellings(self.gazetteer)

    def resolve(self, spelling: str, fuzzy: bool = True) -> Resolution | None:
        """The entities `spelling` names, exactly or (with fuzzy) as a guarded variant."""
        return self._resolve(normalize(spelling), fuzzy)

    def _resolve_uncached(self, spelling: str, fuzzy: bool) -> Resolution | None:
        if not spelling or _NUMBER.fullmatch(spelling):
            return None
        exact = self.gazetteer.lookup(spelling)
        fuzzy = fuzzy and len(spelling) >= MIN_VARIANT_LENGTH and not any(is_common_word(w) for w in spelling.split(" "))
        if exact:
            notes = {e.id: self.gazetteer.note(e.id, spelling) for e in exact}
            exact = self._meant(spelling, exact, notes)
            resolution = Resolution(spelling, self._with_namesakes(exact), notes[exact[0].id], spelling)
            inflected = self._inflected(spelling) if all(e.level == "village" for e in exact) else None
            if inflected is not None and inflected.best.level != "village":
                # A case form of a city's name before the villages spelled so (Львове: Lviv, in
                # Russian's locative, before two villages called Lvove).
                return Resolution(spelling, tuple(dict.fromkeys(inflected.entities + resolution.entities)),
                                  inflected.note, inflected.matched)
            official = any(notes[e.id] in OFFICIAL_NOTES and e.country == "UA" for e in exact)
            if not fuzzy or official or any(e.kind != "place" or _prominent(e) for e in exact):
                return resolution
            # A Russian or alternate form GeoNames lists for the few places it could join
            # ("Novoselovka" for one village, "Antonovka" for Antalovtsi) is just as much a
            # variant of every place whose official name it resembles: those count too.
            variant = self._variant(spelling)
            if variant is None:
                return resolution
            merged = _ranked(spelling, list(dict.fromkeys(resolution.entities + variant.entities)))
            return Resolution(spelling, tuple(merged), resolution.note, spelling)
        return self._inflected(spelling) or (self._variant(spelling) if fuzzy else None)

    def _inflected(self, spelling: str) -> Resolution | None:
        """A Ukrainian or Russian case form of a known name, as its nominative resolves. A word that is (or
        may be read back to) a common word names no town or village (Сили, "forces", is no Syla; Серед,
        "among", no Seredy): only a city, raion, region, area or country, a person or an organisation."""
        candidates = nominatives(spelling)
        if not candidates:
            return None
        common = any(is_common_word(form) for form in (spelling, *candidates))
        people = people_nouns(spelling)
        # A noun in common use for people is meant before any town but a large one (Калуги: Kaluga, not
        # sturgeons; Українці: Ukrainians, not the town Ukrainka's); a rare one before no city (Охтирці: in Okhtyrka).
        city_size = KNOWN_CITY if any(map(is_common_word, people)) else 0
        # A name of several words that is no settlement's is no phrase of common words (Чорному морі: the Black Sea).
        allowed = ("city", "area", "raion", *REGION_LEVELS) + (FEATURE_LEVELS if " " in spelling else ())
        found = []
        for nominative in candidates:
            exact = self.gazetteer.lookup(nominative)
            if exact and common:
                exact = [e for e in exact if e.kind != "place" or e.level in allowed]
            if exact and people:
                # Українці are Ukrainians before they are in the town of Ukrainka; Білорусі is in Belarus.
                exact = [e for e in exact if e.kind == "place" and (
                    e.level in ("country", *REGION_LEVELS) or e.level == "city" and e.population >= city_size)]
            if exact:
                notes = {e.id: self.gazetteer.note(e.id, nominative) for e in exact}
                meant = self._meant(nominative, exact, notes)
                found.append(Resolution(spelling, self._with_namesakes(meant), "inflected", nominative))
                if found[-1].best.level != "village":
                    break
        # The likeliest reading that names more than villages: Кропивницького is the city Kropyvnytskyi's
        # genitive before it is that of the villages called Kropyvnytske.
        return next((r for r in found if r.best.level != "village"), found[0] if found else None) \
            or self.oblast_of_adjective(spelling)

    def city_of_adjective(self, word: str) -> Resolution | None:
        """The city a Cyrillic place adjective is made from (киевский, Киевского: Kyiv; Харківський: Kharkiv;
        запорожской: Zaporizhzhia), a city of some size, for a caller that has seen the noun it governs."""
        for name in adjective_places(normalize(word)):
            cities = [e for e in self.gazetteer.lookup(name)
                      if e.kind == "place" and e.level == "city" and e.population >= KNOWN_CITY]
            if cities:
                return Resolution(word, tuple(cities), "inflected", name)
        return None

    def oblast_of_adjective(self, spelling: str) -> Resolution | None:
        """A feminine place adjective alone names the oblast or region it is the adjective of (Харківській:
        Kharkiv Oblast, Брянской: Bryansk Oblast), as область is left out in a list of them."""
        for adjective in feminine_adjectives(spelling):
            for noun in _OBLAST_NOUNS:
                regions = [e for e in self.gazetteer.lookup(f"{adjective} {noun}") if e.level in REGION_LEVELS]
                if regions:
                    return Resolution(spelling, tuple(regions), "inflected", f"{adjective} {noun}")
        return None

    @staticmethod
    def _meant(spelling: str, exact: list[Entity], notes: dict[str, str]) -> list[Entity]:
        """Of the entities a spelling is listed for, the ones it means, most important first.

        A Ukrainian place's official name belongs to it: another place keeps the
        spelling only when it is truly a variant of its own name (Балаклея is
        the Russian for Balakliia, but "Donetske" is no form of Donetsk), and a
        place that merely used to bear the name drops out (Stanislav the village,
        not Ivano-Frankivsk; Pokrovsk, not Engels), unless it was renamed so recently that
        reports still use the name (Pervomaisk: also Sokolohirsk, renamed in 2024). A person,
        organisation or weapon listed under the name outranks a place that has it only as an
        alternate (Stalin the man, not Donetsk). Otherwise current Russian and recent former
        names come before GeoNames' alternates (Artemovsk: Bakhmut, then Kypuche; Dzerzhynsk:
        Toretsk, not Dzerzhinsk).
        """
        # A country's or region's own name means it before a village called the same (Китай: China).
        regions = [e for e in exact if e.level in REGION_LEVELS and notes[e.id] != "alternate"]
        official = regions + [e for e in exact if notes[e.id] in OFFICIAL_NOTES and e.country == "UA" and e not in regions]
        if official:
            chosen = official + [e for e in exact if e not in official and (
                notes[e.id] == "renamed" or notes[e.id] in CURRENT_NOTES and same_name(spelling, e.label))]
        else:
            chosen = [e for e in exact if notes[e.id] != "alternate"] or exact
        if any(e.kind != "place" for e in chosen):
            chosen = [e for e in chosen if e.kind != "place" or notes[e.id] != "alternate"]
        # A region's own name means the region before a village named after it (Kharkivshchyna).
        return sorted(_ranked(spelling, chosen),
                      key=lambda e: not (e.level in REGION_LEVELS and notes[e.id] in OFFICIAL_NOTES))

    def _variant(self, spelling: str) -> Resolution | None:
        """The closest known spelling that shares the variant key and passes the guard.
        A spelling with digits (100m, F-16) has no variants: its digits are its name."""
        if any(char.isdigit() for char in spelling):
            return None
        candidates = {}
        cyrillic = not spelling.isascii()
        for known in self.gazetteer.spellings_with_key(variant_key(spelling)):
            if known != spelling and same_name(spelling, known):
                # A variant of an entity's current name only: a former or occupation-era name matches
                # as that name (Stalino), never its look-alikes; and Cyrillic is romanised like a
                # Ukrainian or Russian name, never like another language's (Крім, "besides", is no Krim).
                entities = [e for e in self.gazetteer.lookup(known) if _has_variants(e)
                            and self.gazetteer.note(e.id, known) in (CURRENT_NOTES if cyrillic else VARIANT_NOTES)]
                if entities:
                    candidates[known] = entities
        if not candidates:
            return None
        closest = max(candidates, key=lambda s: similarity(spelling, s))
        return Resolution(spelling, self._with_namesakes(candidates[closest]), "variant", closest)

    def near(self, spelling: str) -> Resolution | None:
        """A well-known Ukrainian place `spelling` may be a misspelling or loose romanisation of
        (Kahrkiv, Dontesk, Shahtarsk, Izum): a candidate only, for callers that can check the text."""
        return self._near(normalize(spelling))

    def _near_uncached(self, spelling: str) -> Resolution | None:
        if self.resolve(spelling) is not None:
            return None
        found = self._near_spellings.closest(spelling)
        if found is None:
            return None
        known, entities = found
        return Resolution(spelling, tuple(entities), "near", known)

    def _with_namesakes(self, entities: list[Entity]) -> tuple[Entity, ...]:
        """Entities plus the other places of the same name.

        Russian and other spellings are listed only for the villages GeoNames
        could join, so "Chervonaya Dibrova" names one of several Chervona
        Dibrovas; which one is for the reader of the text (context) to decide.
        """
        found = list(entities)
        for entity in entities:
            if entity.kind == "place" and entity.level in SETTLEMENT_LEVELS:
                found += [e for e in self.gazetteer.lookup(entity.label) if e.label == entity.label and e.kind == "place"]
        return tuple(dict.fromkeys(found))

    def find_mentions(self, words: list[Word], capitalised_only: bool = True) -> list[Mention]:
        """Longest-first, left-to-right name mentions in a word sequence.

        In running text a mention must start with a capitalised word, which
        keeps "some", "leave" and "human" out; a query is matched whatever its case.
        """
        texts = tuple(w.text for w in words)
        spans = self._spans(texts, capitalised_only)
        return [
            Mention(start, end, words[start].startchar, words[end - 1].endchar, " ".join(texts[start:end]), resolution)
            for start, end, resolution in spans
        ]

    def _find_spans(self, texts: tuple[str, ...], capitalised_only: bool) -> list[tuple[int, int, Resolution]]:
        """(start, end, resolution) of each mention. Cached for the last few texts."""
        folded = [normalize(t) for t in texts]
        spans = []
        i = 0
        while i < len(texts):
            found = None
            if not capitalised_only or _starts_name(texts[i]) or self._lower_case_country(folded[i]):
                longest = min(max(self._longest_from.get(first, 1) for first in (folded[i], *name_starts(folded[i]))),
                              len(texts) - i)
                for length in range(longest, 0, -1):
                    phrase = " ".join(folded[i : i + length])
                    resolution = self.resolve(phrase, fuzzy=length > 1 or _fuzzy_candidate(texts[i]))
                    if resolution is None and _NUMBERED_PLURAL.search(phrase):
                        resolution = self.resolve(phrase[:-1], fuzzy=False)
                    if resolution:
                        found = (i, i + length, resolution)
                        break
            if found:
                spans.append(found)
                i = found[1]
            else:
                i += 1
        return spans


def _importance(entity: Entity) -> tuple:
    """Sort key: people, organisations and weapons as listed, then places: Ukrainian before foreign
    (this is war reporting: Dzerzhynsk is Toretsk before it is Dzerzhinsk), broadest and largest first."""
    if entity.kind != "place":
        return (0, False, 0, 0)
    return (1, entity.country not in ("UA", ""), _LEVEL_ORDER.get(entity.level, len(_LEVEL_ORDER)), -entity.population)


_LEVEL_ORDER = {level: rank for rank, level in enumerate(
    ("country", "oblast", "region", "area", "sea", "river", "island", "city", "raion", "town", "landmark", "district", "village"))}


def _prominent(entity: Entity) -> bool:
    """A place abroad too prominent to be mistaken for a Ukrainian one (Moscow, Belarus, Kursk Oblast)."""
    return entity.level in REGION_LEVELS or entity.population >= PROMINENT_ABROAD


def _ranked(spelling: str, entities: list[Entity]) -> list[Entity]:
    """Entities whose own name the spelling is a variant of first (Slovyansk: Sloviansk before a
    city GeoNames lists it for), then by importance."""
    return sorted(entities, key=lambda e: (not same_name(spelling, e.label), _importance(e)))


def _has_variants(entity: Entity) -> bool:
    """Whether unlisted variant spellings may resolve to the entity.

    Romanisation variants are a Ukrainian and Russian phenomenon: for a small
    town abroad they only turn surnames into places (Marienko → Marigot), and
    a Russian town only Ukraine's renamed towns into it (Krasnoarmiisk is
    Pokrovsk's former name, not Krasnoarmeysk on the Volga): a town abroad is
    known by its listed spellings alone.
    """
    return (entity.kind != "place" or entity.country == "UA" or entity.level in REGION_LEVELS
            or entity.country in ("RU", "BY") and entity.level != "town")


def _fuzzy_candidate(word: str) -> bool:
    """A lone word worth a variant lookup: a capitalised name-like word, not an acronym."""
    return len(word) >= MIN_VARIANT_LENGTH and not word.isupper()


@lru_cache(maxsize=1)
def default_resolver() -> NameResolver:
    """The process-wide resolver over the cached gazetteer."""
    return NameResolver(Gazetteer.load())
