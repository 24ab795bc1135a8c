"""Entities named in a document, resolved to one place, person, organisation or weapon each.

The names resolver finds every mention and its candidates; this module
decides between candidates the way a careful reader would:

* a spelling several places share (Novoselivka, Antonivka) goes to the one in
  an oblast the text names, else to a clearly larger or better-known one,
  else stays a place without a region rather than a guess;
* "Chernihiv, Kiev and Odessa regions" names three oblasts, not three cities;
* a word that is also an ordinary word (Patriot, Grad) counts as a weapon
  only beside a word like "system" or "missile";
* people the gazetteer does not know are found by how reporting introduces
  them (a title, a byline, "Name, a resident").
"""

import re
from itertools import islice
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from .analysis import WORD_PATTERN
from .gazetteer.model import Entity
from .names import SETTLEMENT_LEVELS, Mention, NameResolver, Word, default_resolver
from .spelling import normalize
from .translit import to_latin
from .variants import is_english_word

FACETS = ("region", "place", "person", "organization", "weapon")
#: Said of a place name no single place could be chosen for ("Novoselivka (ambiguous)").
AMBIGUOUS = " (ambiguous)"
#: Facet values the documents define rather than the gazetteer: a place name no single place
#: could be chosen for, and a person found by pattern.
NAME_PREFIX, PERSON_PREFIX = "name:", "person:~"
OWN_VALUE_PREFIXES = (PERSON_PREFIX, NAME_PREFIX)
#: Levels that are regions in themselves: naming one sets the context for the rest of the text.
REGION_LEVELS = ("oblast", "region")
#: Settlement tiers, most important first, for "the larger or better-known place".
_TIER = {"city": 0, "town": 1, "raion": 2, "district": 3, "village": 4}
#: A candidate this many times more populous than the next is the one meant.
DOMINANCE = 5
#: ... and it must be a town of some size, not the largest of several hamlets.
MIN_DOMINANT = 10_000
#: A settlement this size is on record in GeoNames; its namesakes with no population are hamlets.
MIN_KNOWN = 2_000
#: Words that say what kind of settlement a name is ("the village of Pisky", "Krymske town");
#: "settlement" is left out: reports use it for anything from a hamlet to a city.
_SETTLEMENT_WORDS = {
    "village": ("village", "town"),
    "town": ("town", "city"),
    "city": ("city",),
}
_SETTLEMENT_BEFORE = re.compile(r"\b(villages?|towns?|cities|city)\s+(?:of\s+)?$", re.IGNORECASE)
_SETTLEMENT_AFTER = re.compile(r"^\s+(village|town|city)\b", re.IGNORECASE)
#: A city this large is the one meant by its bare name, whatever else the text names (Mykolaiv)...
REGIONAL_CENTRE = 200_000
#: ... and one this large unless a namesake lies in a region the text names (Pervomaisk, Luhansk region).
BIG_CITY = 50_000
#: A city with special status stands for the oblast around it too when judging context
#: (a "suburb of Ukrainka" in a text about Kyiv is the Ukrainka in Kyiv Oblast).
_SURROUNDING = {"UA-30": ("UA-32",), "UA-40": ("UA-43",)}
#: Places small enough that a namesake elsewhere is likelier than a contradiction of the text.
_SMALL_LEVELS = ("village", "town", "district")
_RAION_ADJECTIVE = re.compile(
    r"\b(([A-ZА-ЯІЇЄҐ][\w'’\-]*?)(?:skyi|skiy|skyy|sky|skii|skoi|skoy|ski|ський|ский))\s+"
    r"(?i:district|raion|rayon|район|районі|area|community|hromada|громада)\b"
)
#: Places too large to roll up into one region.
_UNBOUNDED_LEVELS = ("sea", "river")
#: Countries too omnipresent in war reporting to be a location filter on their own.
ACTOR_COUNTRIES = ("country:UA", "country:RU")
_QUALIFIERS = frozenset(
    "system systems missile missiles launcher launchers tank tanks howitzer howitzers drone drones battery "
    "batteries mlrs rocket rockets jet jets fighter fighters aircraft complex complexes air defence defense "
    "munitions shells interceptor interceptors".split()
)
#: What may stand between a place and the oblast that says where it is: "X, Y region",
#: "X (Y region)", "X of the Y region", "X, Z district, Y region".
_APPOSITION_GAP = re.compile(
    r"^[\s,(]*(?:(?:of|in)\s+(?:the\s+)?)?"
    r"(?:(?:[^\s,;.()]+\s+){0,2}(?:district|raion|rayon|region|community|hromada)\)?[\s,(]*)?$",
    re.IGNORECASE,
)
_APPOSITION_REACH = 60
_CITY_DISTRICT_GAP = re.compile(r"^\s*(,|of|in)\s*(?:the\s+)?(?:city\s+of\s+)?$", re.IGNORECASE)
#: Matched at a position (no "^"): "Kupyansk direction", "Donetsk and Kherson directions".
_HEADING = re.compile(r"\s*(?:directions?|axis|axes)\b", re.IGNORECASE)
_HEADING_JOINER = re.compile(r"^\s*(?:,|and|,\s*and|&|-|–)\s*$", re.IGNORECASE)
_ACTOR_SUFFIX = re.compile(r"[-‑](?:controlled|held|backed|led|loyal|allied|appointed|aligned|installed)\b", re.IGNORECASE)
_LIST_REGION = re.compile(r"^\s*(?:regions|oblasts|provinces|areas)\b", re.IGNORECASE)
_LIST_JOINER = re.compile(r"^\s*(?:,|and|,\s*and|&)\s*$", re.IGNORECASE)

# People the gazetteer lacks, by how reporting introduces them.
_NAME_WORD = r"[A-ZА-ЯІЇЄҐ][a-zа-яіїєґ'’\-]+"
_PERSON_NAME = rf"({_NAME_WORD}(?:\s+[A-Z]\.)?(?:\s+{_NAME_WORD}){{1,2}})"
_TITLES = (
    r"President|Prime Minister|Minister|Governor|Mayor|Spokesman|Spokeswoman|Spokesperson|General|Gen\.|"
    r"Colonel|Col\.|Lieutenant|Lt\.|Commander|Ambassador|Secretary|Chancellor|Senator|Sen\.|Rep\.|Deputy|"
    r"Adviser|Advisor|Director|Chief|Patriarch|Dr\.|Mr\.|Mrs\.|Ms\."
)
_ROLES = (
    r"mayor|governor|minister|spokesman|spokeswoman|spokesperson|head|chief|commander|adviser|advisor|"
    r"ambassador|resident|deputy|lawmaker|official|analyst|expert|journalist|correspondent|director|"
    r"secretary|president|volunteer|soldier|officer|witness|survivor|doctor|prosecutor"
)
_PERSON_PATTERNS = (
    re.compile(rf"\b(?:{_TITLES})\s+{_PERSON_NAME}"),
    re.compile(rf"\b(?:{_ROLES})(?: of [^,.;]{{1,60}})?,\s+{_PERSON_NAME}\b"),
    re.compile(rf"(?m)^\s*By\s+{_PERSON_NAME}\s*$"),
    re.compile(rf"(?:^|[.!?]\s+|\n)\s*{_PERSON_NAME},\s+(?:a|an|the)\s+[a-z]"),
)


@dataclass(frozen=True)
class Found:
    """One resolved mention: character span, what kind of entity, which one."""

    start: int
    end: int
    text: str
    kind: str
    value: str
    label: str
    regions: tuple[str, ...] = ()
    #: The name several places share, when it was one of them ("Pervomaisk" for Sokolohirsk).
    namesakes: str = ""
    #: Chosen between namesakes by size or by the collection, not by the text itself.
    guessed: bool = False


@dataclass
class Extraction:
    found: list[Found] = field(default_factory=list)

    def facets(self) -> dict[str, dict[str, str]]:
        """facet → {value: label}, regions included."""
        values: dict[str, dict[str, str]] = {name: {} for name in FACETS}
        for item in self.found:
            values[item.kind][item.value] = item.label
            for code in item.regions:
                values["region"].setdefault(code, code)
        return values


def words_of(text: str) -> list[Word]:
    return [Word(m.group(), m.start(), m.end()) for m in re.finditer(WORD_PATTERN, text)]


class EntityExtractor:
    def __init__(self, resolver: NameResolver | None = None, prior: Mapping[str, str] | None = None):
        self.resolver = resolver or default_resolver()
        self.gazetteer = self.resolver.gazetteer
        #: Place label → the oblast the collection's reports place it in, for names no text settles.
        self.prior = prior or {}

    def extract(self, text: str) -> Extraction:
        words = words_of(text)
        mentions = self.resolver.find_mentions(words)
        # A raion named by its adjective ("Yasinovatsky district") places the villages near it.
        context_of = self._context_regions(mentions)
        raions, mentions = self._raions_by_adjective(text, mentions, context_of)
        raion_regions = {code for raion in raions for code in raion.regions}
        everywhere = Counter(code for mention in mentions for code in context_of.get(mention, ()))
        named = self._named_regions(mentions) | raion_regions
        apposed = _apposed_regions(mentions, text)
        headings = _headings(mentions, text)
        found = list(raions)
        ambiguous = []
        for index, mention in enumerate(mentions):
            # The context of a name is what the rest of the text says, not the name itself.
            own = context_of.get(mention, set())
            context = raion_regions | {code for code, count in everywhere.items() if count > (code in own)}
            item = self._resolve(mention, mentions, index, words, text, context, apposed.get(index, set()))
            if item and named and item.kind == "place" and not set(item.regions) & named:
                item = self._outside_named_regions(item)
            if item and index in headings:
                # "Kupyansk direction: … Novoselovskoye, LPR": the front sector is named after where
                # it leads; the places the text names are where it happened.
                item = replace(item, regions=())
            if item and item.value.startswith(NAME_PREFIX):
                ambiguous.append((mention, item))
            elif item:
                found.append(item)
        found.extend(self._placed_together(ambiguous))
        found.extend(self._people_by_pattern(text, found))
        found.sort(key=lambda f: f.start)
        return Extraction(found)

    # -- places -------------------------------------------------------------------

    def _context_regions(self, mentions: list[Mention]) -> dict[Mention, set[str]]:
        """Mention → the regions it names outright, or through a place that needs no context
        itself: the only one of its name, or a city of some size with no namesake city (Donetsk)."""
        context = {}
        for mention in mentions:
            places = _ukrainian_first([e for e in mention.resolution.entities if e.kind == "place"])
            if not places:
                continue
            first, *others = sorted(places, key=_tier)
            big_city = first.level == "city" and first.population >= BIG_CITY and all(p.level != "city" for p in others)
            if not others or first.level in REGION_LEVELS or big_city:
                context[mention] = _with_surroundings(first.region)
        return context

    def _named_regions(self, mentions: list[Mention]) -> set[str]:
        """Oblasts the text names as such ("Donetsk region", "LPR"), with the areas around special cities."""
        named = set()
        for mention in mentions:
            best = mention.resolution.best
            if best.kind == "place" and best.level in REGION_LEVELS:
                named |= _with_surroundings(best.region)
        return named

    def _placed_together(self, ambiguous: list[tuple[Mention, Found]]) -> list[Found]:
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
                place = sorted(there, key=_tier)[0]
                settled.append(Found(item.start, item.end, item.text, "place", place.id, place.label,
                                     _region_codes(place, self.gazetteer.regions)))
            else:
                settled.append(item)
        return settled

    def _outside_named_regions(self, item: Found) -> Found:
        """A small place placed outside every oblast the text names is a namesake we lack:
        keep the name, drop the guess ("Donetsk region: … in Ivanopil")."""
        if item.value.startswith(NAME_PREFIX):
            return Found(item.start, item.end, item.text, "place", item.value, item.label)
        entity = self.gazetteer.get(item.value)
        if entity is None or entity.level not in _SMALL_LEVELS:
            return item
        return Found(item.start, item.end, item.text, "place", name_value(entity.label),
                     entity.label + AMBIGUOUS)

    def _raions_by_adjective(self, text, mentions, context_of: dict[Mention, set[str]]) -> tuple[list[Found], list[Mention]]:
        """"Izyumsky district", "Pervomaisky community": a raion or community named after its
        centre, including raions abolished in 2020 that no current list has, placed by that
        centre: in the oblast named right after it, else where the text's places are, if it
        names any ("Petrovsky district" of Donetsk is no raion of Kirovohrad's Petrove). Returns
        the raions and the mentions left: a mention of the adjective alone gives way; a longer
        one ("Kyivskyi district") stays."""
        raions, displaced = [], set()
        for match in _RAION_ADJECTIVE.finditer(text):
            start, end = match.span()
            inside = [m for m in mentions if start <= m.startchar and m.endchar <= match.end(1)]
            if any(m not in inside for m in mentions if m.startchar < end and start < m.endchar):
                continue
            city, of_city = _city_after(end, mentions, text)
            context = {code for mention, regions in context_of.items() if mention not in inside
                       for code in regions if code.startswith("UA-")}
            oblast = _region_after(end, mentions, text) or city or context
            centre = None if of_city else self._raion_centre(match.group(2), oblast)
            if centre is None and oblast:
                # "Kievsky district of Donetsk": a district of the city, named after somewhere else.
                displaced.update(inside)
            if centre:
                raions.append(Found(start, end, match.group(0), "place", centre.id, centre.label,
                                    _region_codes(centre, self.gazetteer.regions)))
                displaced.update(inside)
        return raions, [m for m in mentions if m not in displaced]

    def _raion_centre(self, stem: str, oblast: set[str]) -> Entity | None:
        """The town a raion adjective's stem names: Izyum(sky), Kupyansk(y), Maryin(sky) → Maryinka;
        within `oblast` when the text says which."""
        for name in _adjective_stems(stem):
            resolution = self.resolver.resolve(name)
            for centre in resolution.entities if resolution else ():
                if (centre.kind == "place" and centre.level in ("city", "town") and centre.country == "UA"
                        and (not oblast or _with_surroundings(centre.region) & oblast)):
                    return centre
                if not oblast:
                    break  # without an oblast to go by, only the best candidate counts
        return None

    def _choose_place(self, places: list[Entity], context: set[str]) -> Entity | None:
        if places[0].level in ("country", *REGION_LEVELS):
            return places[0]
        places = _ukrainian_first(places)
        if len(places) == 1:
            return places[0]
        ranked = sorted(places, key=_tier)  # stable: the resolver's order within a tier
        first = ranked[0]
        if first.level == "city" and first.population >= REGIONAL_CENTRE:
            return first
        in_context = [p for p in ranked if set(p.region) & context]
        if in_context:
            return in_context[0]
        return None

    def _better_known(self, places: list[Entity], name: str, settlement: str) -> Entity | None:
        """Of namesakes the text does not choose between, the one this collection's other reports
        place (see :mod:`.collection_prior`), else the one kind of place the text calls it, else a
        clearly larger or better-known one, else None."""
        places = _ukrainian_first(places)
        ranked = sorted(places, key=_tier)
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
        largest, runner_up = sorted(ranked, key=lambda p: -p.population)[:2]
        if largest.population >= MIN_DOMINANT and largest.population >= DOMINANCE * max(runner_up.population, 1):
            return largest
        if largest.population >= MIN_KNOWN and runner_up.population == 0:
            # The only one of its namesakes with a population on record is the one reports mean.
            return largest
        return None

    def _listed_as_regions(self, mentions, index, text) -> bool:
        """True for "Chernihiv, Kiev, Odessa and … regions": names in a list that ends in 'regions'."""
        j = index
        while j + 1 < len(mentions) and _LIST_JOINER.match(text[mentions[j].endchar : mentions[j + 1].startchar]):
            j += 1
        tail = text[mentions[j].endchar : mentions[j].endchar + 60]
        if _LIST_REGION.match(tail):
            return j > index or index > 0 and _LIST_JOINER.match(text[mentions[index - 1].endchar : mentions[index].startchar])
        if re.match(r"^\s*and\s+(?:a|several|other|many|\w+)\s+(?:number of\s+)?(?:\w+\s+)?regions\b", tail):
            return True
        return False

    def _place(self, mention, mentions, index, text, context, apposed) -> Found | None:
        places = [e for e in mention.resolution.entities if e.kind == "place"]
        label = places[0].label
        also: tuple[str, ...] = ()
        if places[0].level not in REGION_LEVELS and self._listed_as_regions(mentions, index, text):
            oblast = self.resolver.resolve(f"{mention.text} oblast", fuzzy=False)
            if oblast and oblast.best.level in REGION_LEVELS:
                also = oblast.best.region
        namesakes = label if len(places) > 1 else ""
        settlement = _settlement_word(mention, text)
        places = _allowed_by_words(places, settlement, apposed)
        if not places:
            # No place of the name is what the words around it say ("the village of Luhansk,
            # Donetsk region"): a namesake we lack.
            return _found(mention, text, "place", name_value(label), label + AMBIGUOUS, also)
        chosen = self._choose_place(places, context)
        guessed = chosen is None
        if guessed:
            chosen = self._better_known(places, label, settlement)
            if chosen and context and not _with_surroundings(chosen.region) & context:
                chosen = None  # a guess the text's other places contradict: a namesake we lack
        if chosen is None:
            # Which of the namesakes is meant is open, but where all of them lie in one oblast,
            # the oblast is not.
            shared = set.intersection(*(set(_region_codes(p, self.gazetteer.regions)) for p in places))
            if context and not shared & context:
                shared = set()  # the text's other places lie elsewhere: this is a namesake we lack
            return replace(_found(mention, text, "place", name_value(label), label + AMBIGUOUS, tuple(sorted(shared)) + also),
                           namesakes=namesakes, guessed=True)
        regions = () if chosen.id in ACTOR_COUNTRIES else _region_codes(chosen, self.gazetteer.regions)
        regions = tuple(dict.fromkeys(regions + also))
        return replace(_found(mention, text, "place", chosen.id, chosen.label, regions), namesakes=namesakes, guessed=guessed)

    # -- everything -----------------------------------------------------------------

    def _resolve(self, mention, mentions, index, words, text, context, apposed) -> Found | None:
        entity = mention.resolution.best
        if entity.kind == "place":
            if _followed_by_surname(mention, words) and entity.level in ("village", "town"):
                return None
            if _after_given_name(mention, words, self.resolver) and entity.level not in ("country", *REGION_LEVELS):
                return None
            if _actor_compound(mention, text):
                return _found(mention, text, "place", entity.id, entity.label)
            return self._place(mention, mentions, index, text, context, apposed)
        if normalize(mention.resolution.matched) in entity.needs_context and not _qualified(mention, words):
            return None
        return _found(mention, text, entity.kind, entity.id, entity.label)

    def _people_by_pattern(self, text: str, found: list[Found]) -> list[Found]:
        taken = [(f.start, f.end) for f in found]
        people = []
        for pattern in _PERSON_PATTERNS:
            for match in pattern.finditer(text):
                start, end = match.span(1)
                name = match.group(1)
                if _overlaps((start, end), taken) or _not_a_name(name):
                    continue
                known = self.resolver.resolve(name.split()[-1], fuzzy=False)
                if known and known.best.kind == "person":
                    entity = known.best
                    people.append(Found(start, end, name, "person", entity.id, entity.label))
                else:
                    people.append(Found(start, end, name, "person", person_value(name), to_latin(name)))
                taken.append((start, end))
        return people


def _found(mention: Mention, text: str, kind: str, value: str, label: str, regions=()) -> Found:
    """A mention as found, with the text as printed over its span."""
    return Found(mention.startchar, mention.endchar, text[mention.startchar : mention.endchar], kind, value, label,
                 tuple(regions))


def name_value(label: str) -> str:
    """The facet value of a place name we could not pin to one entity."""
    return NAME_PREFIX + normalize(label).replace(" ", "-")


def person_value(name: str) -> str:
    """The facet value of a person the gazetteer lacks, in any script: "person:~stefan-j-bos"."""
    return PERSON_PREFIX + normalize(to_latin(name)).replace(" ", "-").replace(".", "")


def _adjective_stems(adjective: str) -> list[str]:
    """Settlement names a raion adjective may come from: Izyumsky → Izyum, Kupyansky → Kupyansk,
    Maryinsky → Maryinka, Yasinovatsky → Yasinovata."""
    return [adjective + ending for ending in ("sk", "ka", "a", "", "e", "o", "y", "i")]


def _ukrainian_first(places: list[Entity]) -> list[Entity]:
    """This is war reporting: a Ukrainian namesake is meant before a smaller place abroad."""
    return [p for p in places if p.country == "UA" or p.population >= REGIONAL_CENTRE] or places


def _allowed_by_words(places: list[Entity], settlement: str, apposed: set[str]) -> list[Entity]:
    """The namesakes the words around a name leave open.

    "The village of X" is no city of 50,000; "X, Luhansk region" and
    "X (Donetsk region)" lie in that oblast, unless X is a regional centre
    the text calls by its name (a list: "Kharkiv, Sumy region and …").
    """
    if settlement == "village":
        places = [p for p in places if not (p.level == "city" and p.population >= BIG_CITY)]
    if apposed and places and places[0].level in SETTLEMENT_LEVELS:
        inside = [p for p in places if _with_surroundings(p.region) & apposed]
        centre = places[0].level == "city" and places[0].population >= REGIONAL_CENTRE and not settlement
        places = inside or (places if centre else [])
    return places


def _apposed_regions(mentions: list[Mention], text: str) -> dict[int, set[str]]:
    """Mention index → the oblast named right after it: "Pervomaisk, Luhansk region",
    "Luhansk (Bakhmut district), Donetsk region", "Novoselovskoye of the LPR"."""
    apposed = {}
    for index, mention in enumerate(mentions):
        oblast = _region_after(mention.endchar, islice(mentions, index + 1, None), text)
        if oblast:
            apposed[index] = oblast
    return apposed


def _city_after(end: int, mentions: list[Mention], text: str) -> tuple[set[str], bool]:
    """(the oblast of a city named right after position `end`, whether the words say the text
    before is part of it): "… district of Donetsk" → ({UA-14}, True); "… district, Kharkiv",
    where the city may stand for its oblast → ({UA-63}, False); else (set(), False)."""
    for later in mentions:
        if later.startchar >= end:
            best = later.resolution.best
            gap = _CITY_DISTRICT_GAP.match(text[end : later.startchar])
            if best.kind == "place" and best.level == "city" and gap:
                return _with_surroundings(best.region), gap.group(1).strip() != ","
            break
    return set(), False


def _region_after(end: int, mentions: Iterable[Mention], text: str) -> set[str]:
    """The oblast named right after position `end` ("…, Luhansk region"), or an empty set."""
    for later in mentions:
        if later.startchar < end:
            continue
        if later.startchar - end > _APPOSITION_REACH:
            break
        best = later.resolution.best
        if best.kind == "place" and best.level in REGION_LEVELS:
            if _APPOSITION_GAP.match(text[end : later.startchar]):
                return _with_surroundings(best.region)
            break
    return set()


def _headings(mentions: list[Mention], text: str) -> set[int]:
    """Indexes of places named as a front's direction ("Kupyansk direction", "Donetsk and
    Kherson directions"), when the text also names a place that is not one."""
    headings = set()
    for index in range(len(mentions)):
        last = index
        while last + 1 < len(mentions) and _HEADING_JOINER.match(text[mentions[last].endchar : mentions[last + 1].startchar]):
            last += 1
        if _HEADING.match(text, mentions[last].endchar):
            headings.add(index)
    others = [m for i, m in enumerate(mentions) if i not in headings and m.resolution.best.kind == "place"
              and m.resolution.best.level not in ("country", *_UNBOUNDED_LEVELS)]
    return headings if others else set()


def _actor_compound(mention: Mention, text: str) -> bool:
    """"Kiev-controlled", "Moscow-backed": the name stands for a government, not a location."""
    return bool(_ACTOR_SUFFIX.match(text, mention.endchar))


def _settlement_word(mention: Mention, text: str) -> str:
    """"village", "town" or "city" when the text says which kind of place the name is, else ""."""
    before = _SETTLEMENT_BEFORE.search(text[max(0, mention.startchar - 20) : mention.startchar])
    after = _SETTLEMENT_AFTER.match(text[mention.endchar : mention.endchar + 15])
    word = (before or after).group(1).lower() if (before or after) else ""
    if word.startswith("village"):
        return "village"
    if word.startswith("town"):
        return "town"
    return "city" if word.startswith(("city", "cities")) else ""


def _with_surroundings(codes) -> set[str]:
    return {code for region in codes for code in (region, *_SURROUNDING.get(region, ()))}


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    start, end = span
    return any(s < end and start < e for s, e in taken)


def _tier(entity: Entity) -> int:
    return _TIER.get(entity.level, 5)


def _region_codes(entity: Entity, labels: dict[str, str]) -> tuple[str, ...]:
    """The region facet values of a place: its labelled regions, and its country when abroad."""
    if entity.level in _UNBOUNDED_LEVELS:
        return ()
    codes = [code for code in entity.region if code in labels]
    if entity.country and entity.country != "UA" and entity.country in labels:
        codes.append(entity.country)
    return tuple(dict.fromkeys(codes))


def _after_given_name(mention: Mention, words: list[Word], resolver: NameResolver) -> bool:
    """"Aleksey Aleksandrov": a place name right after an unknown capitalised word is a surname."""
    if mention.start == 0:
        return False
    previous = words[mention.start - 1]
    return (
        mention.startchar - previous.endchar == 1
        and previous.text[:1].isupper()
        and not previous.text.isupper()
        and not is_english_word(previous.text)
        and resolver.resolve(previous.text, fuzzy=False) is None
    )


def _followed_by_surname(mention: Mention, words: list[Word]) -> bool:
    """"Olena Lapyshnak": a village-sized match followed by a capitalised unknown word is a first name."""
    if mention.end - mention.start != 1 or mention.end >= len(words):
        return False
    following = words[mention.end]
    gap = following.startchar - words[mention.start].endchar
    return gap == 1 and following.text[:1].isupper() and not is_english_word(following.text)


def _qualified(mention: Mention, words: list[Word]) -> bool:
    """An ambiguous weapon or organisation name counts only next to a word saying what it is."""
    near = words[max(0, mention.start - 2) : mention.start] + words[mention.end : mention.end + 2]
    return any(w.text.lower() in _QUALIFIERS for w in near)


def _not_a_name(name: str) -> bool:
    words = [w for w in name.split() if not re.fullmatch(r"[A-Z]\.", w)]
    return any(is_english_word(w) for w in words) or len(words) < 2
