"""Entities named in a text, each resolved to one place, person, organisation or weapon.

The steps, in the order a careful reader takes them:

1. the names resolver finds every run of words that may be a name, and
   near spellings of well-known places for the capitalised words it cannot
   read (:mod:`..names.resolver`);
2. people come first (:mod:`.people`): a place's name inside a person's name
   is no place;
3. weak readings count only where the text supports them (:mod:`.evidence`);
4. each place is settled among its namesakes and rolled up to its regions
   (:mod:`.places`); organisations and weapons are what they name.
"""

from collections import Counter
from collections.abc import Mapping
from dataclasses import replace

from ..names.given_names import is_given_name
from ..names.resolver import Mention, NameResolver, default_resolver
from ..names.spelling import normalize
from ..names.variants import is_common_word
from ..names.words import Word, words_of
from . import cues, evidence
from .model import NAME_PREFIX, REGION_LEVELS, Extraction, Found, found_at
from .name_words import is_title
from .people import PeopleFinder
from .places import Placer

#: Shortest capitalised word worth a near-spelling lookup.
_MIN_NEAR = 4


class EntityExtractor:
    def __init__(self, resolver: NameResolver | None = None, prior: Mapping[str, str] | None = None):
        self.resolver = resolver or default_resolver()
        self.gazetteer = self.resolver.gazetteer
        #: Place label → the oblast the collection's reports place it in, for names no text settles.
        self.prior = prior or {}
        self.placer = Placer(self.resolver, self.prior)
        self.people = PeopleFinder(self.resolver)

    def extract(self, text: str, lang: str = "") -> Extraction:
        """The entities of a text; `lang`, the document's language, says how to romanise the names of people the
        gazetteer lacks (Александр Богачев in Russian: Aleksandr Bogachev)."""
        words = words_of(text)
        candidates = self._candidates(words)
        people = self.people.find(text, words, candidates, lang)
        candidates = [m for m in candidates if not people.covers(m.startchar, m.endchar)
                      and m.resolution.best.kind != "person" and not evidence.ruled_out(m, text, self._known)]
        found = self._entities(text, self._used_as_names(candidates, text)) + people.found
        found.sort(key=lambda f: f.start)
        return Extraction(found, words)

    def _candidates(self, words: list[Word]) -> list[Mention]:
        """Every gazetteer match, and the near spellings of the capitalised words nothing matched."""
        mentions = self.resolver.find_mentions(words)
        covered = {i for m in mentions for i in range(m.start, m.end)}
        near = []
        i = 0
        while i < len(words):
            if i in covered or not _near_candidate(words[i].text):
                i += 1
                continue
            mention = None
            # Two capitalised words first: "Stanysa Luganska", "Nova Kahovka" are one misspelt name.
            pairs = [(i, 2)] if i + 1 < len(words) and words[i + 1].text[:1].isupper() else []
            if i and words[i - 1].text[:1].isupper() and words[i - 1].endchar + 1 == words[i].startchar:
                pairs.append((i - 1, 2))
            for first, length in (*pairs, (i, 1)):
                phrase = " ".join(w.text for w in words[first : first + length])
                resolution = self.resolver.near(phrase)
                if resolution:
                    mention = Mention(first, first + length, words[first].startchar,
                                      words[first + length - 1].endchar, phrase, resolution)
                    break
            if mention:
                near.append(mention)
                i = mention.end
            else:
                i += 1
        taken = {i for m in near for i in range(m.start, m.end)}
        mentions = [m for m in mentions if not taken.intersection(range(m.start, m.end))]
        covered |= taken
        found = sorted(mentions + near + self._governing_adjectives(words, covered), key=lambda m: m.start)
        return self._coordinated_oblasts(words, found)

    def _coordinated_oblasts(self, words: list[Word], mentions: list[Mention]) -> list[Mention]:
        """Adjectives listed with an oblast's name share its noun: in "Донецька та Луганська області",
        "Донецкая, Луганская и Херсонская области" or "Харківська область, Донецька, Луганська" Донецька is
        Donetsk Oblast, not the genitive of the city Донецьк. A list joins its adjectives by a comma or
        "та/і/и", and they agree in case (the same ending); a plural noun is shared by the adjectives
        before it, a singular one by those after it."""
        mentions = list(mentions)
        noun = {i: _oblast_noun(m, words) for i, m in enumerate(mentions) if m.resolution.best.level in REGION_LEVELS}
        before = {i for i, form in noun.items() if form in _PLURAL_OBLAST}
        after = {i for i, form in noun.items() if form}

        def share(index: int, neighbour: int) -> bool:
            mention, other = mentions[index], mentions[neighbour]
            first, second = sorted((mention, other), key=lambda m: m.start)
            if mention.end - mention.start != 1 or not _joined(words, first.end, second.start):
                return False
            if _governs_next(words, mention.end):  # "Донецька ТЕЦ": the adjective of the word after it
                return False
            if normalize(mention.text)[-2:] != normalize(words[other.start].text)[-2:]:
                return False
            oblast = self.resolver.oblast_of_adjective(mention.text)
            if oblast is not None:
                mentions[index] = replace(mention, resolution=oblast)
            return oblast is not None

        for index in range(len(mentions) - 2, -1, -1):
            if index + 1 in before and share(index, index + 1):
                before.add(index)
        for index in range(1, len(mentions)):
            if index - 1 in after and share(index, index - 1):
                after.add(index)
        return mentions

    def _governing_adjectives(self, words: list[Word], covered: set[int]) -> list[Mention]:
        """A city's adjective before a noun for its authorities or a front's direction, in any case
        ("киевский режим", "Киевского горсовета", "Харківський напрямок", "на запорожской линии
        фронта"): the city, as "the Kiev regime" or "the Kharkiv direction" names it."""
        found = []
        for i in range(len(words) - 1):
            if i in covered or not cues.governed_by_place(words[i + 1].text):
                continue
            resolution = self.resolver.city_of_adjective(words[i].text)
            if resolution:
                found.append(Mention(i, i + 1, words[i].startchar, words[i].endchar, words[i].text, resolution))
        return found

    def _used_as_names(self, mentions: list[Mention], text: str) -> list[Mention]:
        """The mentions that are names here: every plain match, and the weak ones the text supports."""
        reasons = {m: evidence.weak_reading(m) for m in mentions}
        # Where the text is set: the regions of its plain mentions of places known by name alone.
        setting = _regions_named([m for m in mentions if reasons[m] is None and not evidence.small_ukrainian_place(m)])
        for m in mentions:
            if reasons[m] is None and evidence.set_abroad(m, setting):
                reasons[m] = evidence.ELSEWHERE
        plain = [m for m in mentions if reasons[m] is None]
        context = _regions_named(plain)
        apposed = cues.apposed_regions(mentions, text)
        return [m for index, m in enumerate(mentions) if reasons[m] is None or evidence.supported(
            reasons[m], m, index, mentions, text, plain, context, apposed.get(index, set()))]

    def _entities(self, text: str, mentions: list[Mention]) -> list[Found]:
        """Places settled and rolled up, organisations and weapons as named."""
        # A raion named by its adjective ("Yasinovatsky district") places the villages near it.
        context_of = self.placer.context_regions(mentions)
        raions, mentions = self.placer.raions_by_adjective(text, mentions, context_of)
        raion_regions = {code for raion in raions for code in raion.regions}
        everywhere = Counter(code for mention in mentions for code in context_of.get(mention, ()))
        named = self.placer.named_regions(mentions) | raion_regions
        apposed = cues.apposed_regions(mentions, text)
        headings = cues.headings(mentions, text)
        found = list(raions)
        ambiguous = []
        for index, mention in enumerate(mentions):
            # The context of a name is what the rest of the text says, not the name itself.
            own = context_of.get(mention, set())
            context = raion_regions | {code for code, count in everywhere.items() if count > (code in own)}
            item = self._resolve(mention, mentions, index, text, context, apposed.get(index, set()))
            if item and named and item.kind == "place" and not set(item.regions) & named:
                item = self.placer.outside_named_regions(item)
            if item and index in headings and not self.placer.is_big_city(item):
                # "Kupyansk direction: … Novoselovskoye, LPR": a front sector named after a town
                # where it leads; the places the text names are where it happened. A sector named
                # after a regional city ("Kharkiv direction") is fighting in its oblast.
                item = replace(item, regions=())
            if item and item.value.startswith(NAME_PREFIX):
                ambiguous.append((mention, item))
            elif item:
                found.append(item)
        found.extend(self.placer.placed_together(ambiguous))
        return found

    def _known(self, word: str) -> bool:
        return self.resolver.resolve(word, fuzzy=False) is not None

    def _resolve(self, mention, mentions, index, text, context, apposed) -> Found | None:
        entity = mention.resolution.best
        if entity.kind != "place":
            return found_at(mention, text, entity.kind, entity.id, entity.label)
        if cues.actor_compound(mention, text):
            return found_at(mention, text, "place", entity.id, entity.label)
        return self.placer.place(mention, mentions, index, text, context, apposed)


def _regions_named(mentions: list[Mention]) -> set[str]:
    """The regions these mentions name outright (see ``Placer.context_regions``)."""
    return {code for regions in Placer.context_regions(mentions).values() for code in regions}


def _near_candidate(word: str) -> bool:
    """A capitalised word that may be a misspelt place: no acronym (BelTA), number, common word, given name or title."""
    return (len(word) >= _MIN_NEAR and word[:1].isupper() and word[1:].islower() and word.isalpha()
            and not is_common_word(word) and not is_given_name(word) and not is_title(word))


#: The noun for oblasts in every case (Ukrainian, Russian), and its plural forms (області, области: also singular).
_OBLAST_NOUN = frozenset("область області областю областей областям областях областями области областью".split())
_PLURAL_OBLAST = frozenset("області областей областям областях областями области".split())
#: What joins two adjectives of a list: a comma, or "and".
_JOINING = frozenset(", та і й и ta".split())


def _oblast_noun(mention: Mention, words: list[Word]) -> str:
    """The noun for oblasts a mention ends in ("Луганська області": області), else ""."""
    last = normalize(words[mention.end - 1].text)
    return last if mention.end - mention.start == 2 and last in _OBLAST_NOUN else ""


def _governs_next(words: list[Word], end: int) -> bool:
    """Whether the word after a one-word mention follows it with only a space between and is no "and"."""
    return end < len(words) and words[end].startchar - words[end - 1].endchar == 1 \
        and normalize(words[end].text) not in _JOINING


def _joined(words: list[Word], end: int, start: int) -> bool:
    """Whether only a comma or "and" comes between two mentions' words (the comma is no word: none between)."""
    return start == end or (start == end + 1 and normalize(words[end].text) in _JOINING)
