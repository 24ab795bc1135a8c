"""Which place a place name means, and the regions it rolls up to.

A spelling several places share (Novoselivka, Antonivka) goes to the one the
text places: in the oblast named right after it, else in an oblast or near a
city the text names; "the village of X" is never a city of 50,000. Failing
that it goes to the better-known one — where this collection's own reports
place the name, else a clearly larger place — else it stays a place without
a region rather than a guess. "Chernihiv, Kiev and Odessa regions" names
three oblasts; "Izyumsky district" is a raion named after its centre.
"""

import re
from collections.abc import Mapping
from dataclasses import replace

from ..gazetteer.model import Entity
from ..names.inflection import adjective_places
from ..names.resolver import SETTLEMENT_LEVELS, Mention, NameResolver
from ..names.spelling import normalize
from . import cues
from .model import ACTOR_COUNTRIES, AMBIGUOUS, NAME_PREFIX, REGION_LEVELS, Found, found_at, name_value, with_surroundings

#: Settlement tiers, most important first, for "the larger or better-known place".
_TIER = {"city": 0, "town": 1, "raion": 2, "district": 3, "village": 4}
#: A candidate this many times more populous than the next is the one meant.
DOMINANCE = 5
#: ... and it must be a town of some size, not the largest of several hamlets.
MIN_DOMINANT = 10_000
#: A settlement this size is on record in GeoNames; its namesakes with no population are hamlets.
MIN_KNOWN = 2_000
#: Which namesakes the words "village", "town", "city" leave; "settlement" is left out:
#: reports use it for anything from a hamlet to a city.
_SETTLEMENT_WORDS = {
    "village": ("village", "town"),
    "town": ("town", "city"),
    "city": ("city",),
}
#: A city this large is the one meant by its bare name, whatever else the text names (Mykolaiv)...
REGIONAL_CENTRE = 200_000
#: ... and one this large unless a namesake lies in a region the text names (Pervomaisk, Luhansk region).
BIG_CITY = 50_000
#: Places small enough that a namesake elsewhere is likelier than a contradiction of the text.
_SMALL_LEVELS = ("village", "town", "district")
_RAION_ADJECTIVE = re.compile(
    r"\b(([A-ZА-ЯІЇЄҐ][\w'’\-]*?)(?:skyi|skiy|skyy|sky|skii|skoi|skoy|ski|ський|ский))\s+"
    r"(?i:district|raion|rayon|район|районі|area|community|hromada|громада)\b"
)
#: A Cyrillic place adjective in any case before "район" in any case, or before another such adjective and it
#: ("Суджанского района", "Глушковского и Кореневского районов"): the raion of the town it is made from,
#: which no list of Russia's raions gives.
_CYRILLIC_RAION_ADJECTIVE = re.compile(
    r"\b(([А-ЯЁІЇЄҐ][а-яёіїєґ'’\-]*?(?:ск|цк|зк|ськ|цьк|зьк))[а-яёіїє]{1,3})"
    r"(?:\s+(?i:район[а-яёіїє]{0,3})\b|(?=\s+(?:и|і|та)\s+[А-ЯЁІЇЄҐ][а-яёіїєґ'’\-]*\s+(?i:район)))"
)
#: Places too large to roll up into one region.
_UNBOUNDED_LEVELS = ("sea", "river")


class Placer:
    """Settles place mentions for one gazetteer and one collection prior."""

    def __init__(self, resolver: NameResolver, prior: Mapping[str, str]):
        self.resolver = resolver
        self.gazetteer = resolver.gazetteer
        #: Place label → the oblast the collection's reports place it in, for names no text settles.
        self.prior = prior

    def region_codes(self, entity: Entity) -> tuple[str, ...]:
        """The region facet values of a place: its labelled regions, and its country when abroad."""
        if entity.level in _UNBOUNDED_LEVELS:
            return ()
        labels = self.gazetteer.regions
        codes = [code for code in entity.region if code in labels]
        if entity.country and entity.country != "UA" and entity.country in labels:
            codes.append(entity.country)
        return tuple(dict.fromkeys(codes))

    def is_big_city(self, item: Found) -> bool:
        entity = self.gazetteer.get(item.value)
        return entity is not None and entity.level == "city" and entity.population >= BIG_CITY

    # -- context --------------------------------------------------------------------

    @staticmethod
    def context_regions(mentions: list[Mention]) -> dict[Mention, set[str]]:
        """Mention → the regions it names outright, or through a place that needs no context
        itself: the only one of its name, or a city of some size with no namesake city (Donetsk)."""
        context = {}
        for mention in mentions:
            places = ukrainian_first([e for e in mention.resolution.entities if e.kind == "place"])
            if not places:
                continue
            first, *others = sorted(places, key=tier)
            big_city = first.level == "city" and first.population >= BIG_CITY and all(p.level != "city" for p in others)
            if not others or first.level in REGION_LEVELS or big_city:
                context[mention] = with_surroundings(first.region)
        return context

    @staticmethod
    def named_regions(mentions: list[Mention]) -> set[str]:
        """Oblasts the text names as such ("Donetsk region", "LPR") or through one of their raions
        ("the Volnovakha district"), with the areas around special cities."""
        named = set()
        for mention in mentions:
            best = mention.resolution.best
            if best.kind == "place" and (best.level in REGION_LEVELS or best.level == "raion" and len(mention.resolution.entities) == 1):
                named |= with_surroundings(best.region)
        return named

    # -- raions named by their adjective ---------------------------------------------

    def raions_by_adjective(self, text, mentions, context_of: dict[Mention, set[str]]) -> tuple[list[Found], list[Mention]]:
        """"Izyumsky district", "Pervomaisky community": a raion or community named after its
        centre, including raions abolished in 2020 that no current list has, placed by that
        centre: in the oblast named right after it, else where the text's places are, if it
        names any ("Petrovsky district" of Donetsk is no raion of Kirovohrad's Petrove). Returns
        the raions and the mentions left: a mention of the adjective alone gives way; a longer
        one ("Kyivskyi district") stays."""
        raions, displaced = [], set()
        matches = [(m, _adjective_stems(m.group(2))) for m in _RAION_ADJECTIVE.finditer(text)]
        matches += [(m, adjective_places(normalize(m.group(1)))) for m in _CYRILLIC_RAION_ADJECTIVE.finditer(text)]
        for match, names in matches:
            start, end = match.span()
            inside = [m for m in mentions if start <= m.startchar and m.endchar <= match.end(1)]
            if any(m not in inside for m in mentions if m.startchar < end and start < m.endchar):
                continue
            city, of_city = cues.city_after(end, mentions, text)
            context = {code for mention, regions in context_of.items() if mention not in inside for code in regions}
            oblast = cues.region_after(end, mentions, text) or city or {c for c in context if c.startswith("UA-")}
            centre = None if of_city else self._raion_centre(names, oblast, context)
            if centre is None and oblast:
                # "Kievsky district of Donetsk": a district of the city, named after somewhere else.
                displaced.update(inside)
            if centre:
                raions.append(Found(start, end, match.group(0), "place", centre.id, centre.label,
                                    self.region_codes(centre)))
                displaced.update(inside)
        return raions, [m for m in mentions if m not in displaced]

    def _raion_centre(self, names: list[str], oblast: set[str], context: set[str]) -> Entity | None:
        """The town a raion adjective names, of the names it may be made from: Izyum(sky), Kupyansk(y),
        Maryin(sky) → Maryinka, Суджанского → Суджа; a Ukrainian one within `oblast` when the text says
        which, a Russian one only in a region of Russia the text names (Глава Курской области …
        Кореневского района), as Ukrainian reports name raions of Ukraine."""
        for name in names:
            resolution = self.resolver.resolve(name)
            for centre in resolution.entities if resolution else ():
                if centre.kind == "place" and centre.level in ("city", "town"):
                    if centre.country == "UA" and (not oblast or with_surroundings(centre.region) & oblast):
                        return centre
                    if centre.country == "RU" and set(centre.region) & context:
                        return centre
                if not oblast:
                    break  # without an oblast to go by, only the best candidate counts
        return None

    # -- one place mention --------------------------------------------------------------

    def place(self, mention: Mention, mentions: list[Mention], index: int, text: str,
              context: set[str], apposed: set[str]) -> Found:
        """The place a mention means among its namesakes, with its regions; a name-only value when
        no single place can be chosen."""
        places = [e for e in mention.resolution.entities if e.kind == "place"]
        label = places[0].label
        also: tuple[str, ...] = ()
        if places[0].level not in REGION_LEVELS and cues.listed_as_regions(mentions, index, text):
            oblast = self.resolver.resolve(f"{mention.text} oblast", fuzzy=False)
            if oblast and oblast.best.level in REGION_LEVELS:
                also = oblast.best.region
        namesakes = label if len(places) > 1 else ""
        settlement = cues.settlement_word(mention, text)
        settlement = settlement if settlement in _SETTLEMENT_WORDS else ""
        places = _allowed_by_words(places, settlement, apposed)
        if not places:
            # No place of the name is what the words around it say ("the village of Luhansk,
            # Donetsk region"): a namesake we lack.
            return found_at(mention, text, "place", name_value(label), label + AMBIGUOUS, also)
        chosen = self._choose(places, context)
        guessed = chosen is None
        if guessed:
            chosen = self._better_known(places, label, settlement)
            if chosen and context and not with_surroundings(chosen.region) & context and not _sole_city(chosen, places):
                chosen = None  # a guess the text's other places contradict: a namesake we lack
        if chosen is None:
            # Which of the namesakes is meant is open, but where all of them lie in one oblast,
            # the oblast is not.
            shared = set.intersection(*(set(self.region_codes(p)) for p in places))
            if context and not shared & context:
                shared = set()  # the text's other places lie elsewhere: this is a namesake we lack
            return replace(found_at(mention, text, "place", name_value(label), label + AMBIGUOUS,
                                    tuple(sorted(shared)) + also), namesakes=namesakes, guessed=True)
        regions = () if chosen.id in ACTOR_COUNTRIES else self.region_codes(chosen)
        regions = tuple(dict.fromkeys(regions + also))
        return replace(found_at(mention, text, "place", chosen.id, chosen.label, regions),
                       namesakes=namesakes, guessed=guessed)

    @staticmethod
    def _choose(places: list[Entity], context: set[str]) -> Entity | None:
        if places[0].level in ("country", *REGION_LEVELS):
            return places[0]
        places = ukrainian_first(places)
        if len(places) == 1:
            return places[0]
        ranked = sorted(places, key=tier)  # stable: the resolver's order within a tier
        first = ranked[0]
        if first.level == "city" and first.population >= REGIONAL_CENTRE:
            return first
        in_context = [p for p in ranked if set(p.region) & context]
        return in_context[0] if in_context else None

    def _better_known(self, places: list[Entity], name: str, settlement: str) -> Entity | None:
        """Of namesakes the text does not choose between, the one this collection's other reports
        place (see :mod:`.collection_prior`), else the one kind of place the text calls it, else a
        clearly larger or better-known one, else None."""
        ranked = sorted(ukrainian_first(places), key=tier)
        region = self.prior.get(name)
        placed = [p for p in ranked if region in p.region]
        if placed:
            return placed[0]
        if settlement:
            # Writers are too loose with "village" and "town" for the word to outweigh the
            # collection or the text's other places, but it still tells namesakes apart.
            kind = [p for p in ranked if p.level in _SETTLEMENT_WORDS[settlement]]
            if len(kind) == 1:
                return kind[0]
        first, second = ranked[:2]
        if first.level == "city" and first.population >= BIG_CITY:
            return first
        if first.level == "city" and second.level != "city":
            return first
        # Size decides among Ukrainian namesakes where there are any: Dzerzhinsk on the Volga is larger
        # than Toretsk, once Dzerzhynsk, but a war report means Toretsk.
        ranked = [p for p in ranked if p.country == "UA"] or ranked
        if len(ranked) < 2:
            return ranked[0]
        largest, runner_up = sorted(ranked, key=lambda p: -p.population)[:2]
        if largest.population >= MIN_DOMINANT and largest.population >= DOMINANCE * max(runner_up.population, 1):
            return largest
        if largest.population >= MIN_KNOWN and runner_up.population == 0:
            # The only one of its namesakes with a population on record is the one reports mean.
            return largest
        return None

    # -- the text's places together -------------------------------------------------------

    def placed_together(self, ambiguous: list[tuple[Mention, Found]]) -> list[Found]:
        """Names no context settled, settled by each other: places named together lie together.

        "Zhelobok, Kalinovo and Molodyozhnoye" each have namesakes across the
        country, but if one oblast has a place of each of two or more of those
        names and no other oblast has as many, that is where they are.
        """
        if len(ambiguous) < 2:
            return [item for _mention, item in ambiguous]
        names_in: dict[str, set[str]] = {}
        for mention, item in ambiguous:
            for place in mention.resolution.entities:
                for code in place.region if place.kind == "place" else ():
                    names_in.setdefault(code, set()).add(item.value)
        ranked = sorted(names_in.items(), key=lambda kv: -len(kv[1]))
        best, runner_up = ranked[0], ranked[1] if len(ranked) > 1 else (None, set())
        if len(best[1]) < 2 or len(best[1]) == len(runner_up[1]):
            return [item for _mention, item in ambiguous]
        region = best[0]
        settled = []
        for mention, item in ambiguous:
            there = [p for p in mention.resolution.entities if p.kind == "place" and region in p.region]
            if there:
                place = sorted(there, key=tier)[0]
                settled.append(Found(item.start, item.end, item.text, "place", place.id, place.label,
                                     self.region_codes(place)))
            else:
                settled.append(item)
        return settled

    def outside_named_regions(self, item: Found) -> Found:
        """A small place placed outside every oblast the text names is a namesake we lack:
        keep the name, drop the guess ("Donetsk region: … in Ivanopil")."""
        if item.value.startswith(NAME_PREFIX):
            return Found(item.start, item.end, item.text, "place", item.value, item.label)
        entity = self.gazetteer.get(item.value)
        if entity is None or entity.level not in _SMALL_LEVELS:
            return item
        return Found(item.start, item.end, item.text, "place", name_value(entity.label), entity.label + AMBIGUOUS)


def _sole_city(chosen: Entity, places: list[Entity]) -> bool:
    """A town of some size whose namesakes are all villages is no namesake we lack, wherever else the text
    is set ("в Маріуполі, Харкові, Бучі": Bucha the city, not a village of Kyiv Oblast we do not know)."""
    return (chosen.level == "city" and chosen.population >= MIN_DOMINANT
            and all(p.level != "city" for p in places if p is not chosen))


def tier(entity: Entity) -> int:
    return _TIER.get(entity.level, 5)


def ukrainian_first(places: list[Entity]) -> list[Entity]:
    """This is war reporting: a Ukrainian namesake is meant before a smaller place abroad."""
    return [p for p in places if p.country == "UA" or p.population >= REGIONAL_CENTRE] or places


def _adjective_stems(adjective: str) -> list[str]:
    """Settlement names a raion adjective may come from: Izyumsky → Izyum, Kupyansky → Kupyansk,
    Maryinsky → Maryinka, Yasinovatsky → Yasinovata."""
    return [adjective + ending for ending in ("sk", "ka", "a", "", "e", "o", "y", "i")]


def _allowed_by_words(places: list[Entity], settlement: str, apposed: set[str]) -> list[Entity]:
    """The namesakes the words around a name leave open.

    "The village of X" is no city of 50,000; "X, Luhansk region" and
    "X (Donetsk region)" lie in that oblast, unless X is a regional centre
    the text calls by its name (a list: "Kharkiv, Sumy region and …").
    """
    if settlement == "village":
        places = [p for p in places if not (p.level == "city" and p.population >= BIG_CITY)]
    if apposed and places and places[0].level in SETTLEMENT_LEVELS:
        inside = [p for p in places if with_surroundings(p.region) & apposed]
        centre = places[0].level == "city" and places[0].population >= REGIONAL_CENTRE and not settlement
        places = inside or (places if centre else [])
    return places
