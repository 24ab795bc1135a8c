"""What a title or text is indexed as: its postings, made in one pass over its words.

Each word is indexed as its searchable form (folded, stemmed: see :mod:`.terms`; a Cyrillic word
as each of its dictionary forms). Beside it, at the same position and over the same characters:

* beside each name the entity layer found, the entity's term ("@kyiv" beside Kiev, Київ, Kyiv),
  over the whole name, with those of a name leading it ("Lugansk region": Luhansk) and of the country
  an authority's name ends with (Минобороны РФ: Russia);
* beside a word outside every name, its romanised forms if it is Cyrillic and no ordinary word, and
  its variant key if it may be a name the gazetteer lacks ("~hancarank"); a Cyrillic word of a person's
  name the gazetteer lacks also by the nominative it is a case form of (Бориса Романченка: the forms and
  keys of Borys Romanchenko) and its sound key, so the name typed in Latin letters finds every case
  of it, in any of its English spellings (Джордже Симиона: George Simion);
* beside each capitalised word, its unstemmed form ("=pokrovske").

Only the words count towards a field's length (BM25's length normalisation): the terms put beside
a name would make a text with many names (a headline in title case) look longer than it is.

The index and the facets read a text once: the entity layer's reading of a field reaches here with
the field's value (see :class:`.analysis.ReadText`), with the words it read, so the terms beside
a name are exactly the entities its facets hold ("As" at the start of a sentence gets no Crimean
village). What a word adds depends on the word alone, so it is worked out once per spelling.
Queries (:mod:`frontline.search.query`) build the same terms from what was typed.
"""

from collections import defaultdict
from functools import lru_cache
from typing import NamedTuple

from .memo import WORDS
from .entities import AMBIGUOUS, PERSON_PREFIX, EntityExtractor
from .names.inflection import guessed_nominatives, personal_nominatives
from .names.resolver import default_resolver
from .names.sound import cyrillic_sound
from .names.translit import has_cyrillic, latin_forms
from .names.words import iter_words
from .terms import (entity_terms, entity_token, exact_term, fold_word, key_token, romanised, search_form, search_forms,
                    lone_surname_token, sound_token, wants_key)

#: Words after a place's name that make the name of something at or around it.
_GEOGRAPHIC_WORDS = frozenset(
    "oblast region raion district province krai city people republic river sea lake bay strait canal dam "
    "reservoir island spit bridge plant station airport port nuclear power npp hpp front direction axis".split()
)


class FieldPostings(NamedTuple):
    """term → its places in the field, each (position, startchar, endchar); term → times it is a word."""

    places: dict[str, list[tuple[int, int, int]]]
    word_counts: dict[str, int]


class _WordTerms(NamedTuple):
    """What one printed word is indexed as."""

    word: str  # its searchable form ("" for a word that folds to nothing)
    also: tuple[str, ...]  # its other dictionary forms (a Cyrillic word's other readings)
    unknown: tuple[str, ...]  # romanised forms and variant key, put beside it outside a name
    exact: str  # its unstemmed form if capitalised, else ""


def field_postings(value: str) -> FieldPostings:
    """Every term of a title or text with its positions and characters (see the module's docstring)."""
    extraction = getattr(value, "extraction", None) or _default_extractor().extract(value)
    # People the gazetteer lacks have no entity term: their words get variant keys, as unknown names do.
    names = {found.start: found for found in extraction.found if not found.value.startswith(PERSON_PREFIX)}
    people = {found.start: found.end for found in extraction.found if found.value.startswith(PERSON_PREFIX)}
    # A person named by the surname alone ("Прем'єр-міністром Ізраїлю Беннетом"), which a search for the full name finds.
    alone = {found.start for found in extraction.found if found.value.startswith(PERSON_PREFIX) and " " not in found.text}
    words = extraction.words if extraction.words is not None else iter_words(value)
    places, word_counts = defaultdict(list), defaultdict(int)
    inside = in_person = -1
    for position, (text, start, end) in enumerate(words):
        terms = _word_terms(text)
        if not terms.word:
            continue
        place = (position, start, end)
        places[terms.word].append(place)
        word_counts[terms.word] += 1
        for term in terms.also:
            places[term].append(place)
        found = names.get(start)
        if found:
            inside = found.end
            for term in _found_terms(found, value):
                places[term].append((position, found.start, found.end))
        elif start >= inside:
            in_person = people.get(start, in_person)
            for term in terms.unknown + (_person_word_terms(text) if start < in_person else ()):
                places[term].append(place)
            for term in _lone_surname_terms(text) if start in alone else ():
                places[term].append(place)
        if terms.exact:
            places[terms.exact].append(place)
    return FieldPostings(places, word_counts)


@lru_cache(maxsize=WORDS)
def _word_terms(text: str) -> _WordTerms:
    forms = search_forms(text) if fold_word(text) else ("",)
    unknown = []
    if romanised(text):
        unknown.extend(latin for latin in map(search_form, latin_forms(text)) if latin and latin not in forms)
    if wants_key(text):
        unknown.append(key_token(text))
    return _WordTerms(forms[0], forms[1:], tuple(dict.fromkeys(unknown)), exact_term(text) if text[:1].isupper() else "")


@lru_cache(maxsize=WORDS)
def _person_word_terms(text: str) -> tuple[str, ...]:
    """A Cyrillic word of a person's name as its nominatives, romanised, keyed and sounded (Романченка: romanchenko,
    ~ramanqanka, ^rmnCnk), beside the terms of the form printed."""
    if not has_cyrillic(text):
        return ()
    terms = []
    nominatives = personal_nominatives(fold_word(text))
    for nominative in nominatives:
        name = nominative[:1].upper() + nominative[1:]
        # The key whatever the word: the reading of the text made it a name (Максим, Кац).
        terms += [search_form(latin) for latin in latin_forms(name)] + [key_token(name)]
    # A name the dictionary does not know (П'єр, Бетелем) sounds as printed, case ending aside.
    terms += [sound_token(sound) for sound in map(cyrillic_sound, nominatives or guessed_nominatives(fold_word(text)))
              if sound]
    own = _word_terms(text)
    return tuple(t for t in dict.fromkeys(terms) if t and t != own.word and t not in own.unknown)


@lru_cache(maxsize=WORDS)
def _lone_surname_terms(text: str) -> tuple[str, ...]:
    """A Cyrillic surname that names a person alone, by the sound of its nominatives (Беннетом: ^:bnt)."""
    if not has_cyrillic(text):
        return ()
    forms = personal_nominatives(fold_word(text)) or guessed_nominatives(fold_word(text))
    return tuple(dict.fromkeys(lone_surname_token(sound) for sound in map(cyrillic_sound, forms) if sound))


def _found_terms(found, value: str) -> list[str]:
    """The entity's term, plus those of the longest leading part of the mention that names something too.

    "Lugansk region" is Luhansk Oblast and "Nova Kakhovka dam" the dam, but a
    search for Luhansk or Nova Kakhovka should find them as a search for the
    words would: the leading name's entity rides along.
    """
    terms = [entity_token(found.label.removesuffix(AMBIGUOUS))]
    words = list(iter_words(value[found.start : found.end]))
    if found.kind == "organization":
        terms += _governed_country(words)
    for end in range(len(words) - 1, 0, -1):
        rest = words[end:]
        # Only a name followed by common or geographic words ("Lugansk region", "Dnipro River",
        # "Luhansk People's Republic"): in "Kryvyi Rih", "Kryvyi" is no name of its own.
        if not all(w.text.islower() or fold_word(w.text) in _GEOGRAPHIC_WORDS for w in rest):
            continue
        leading = default_resolver().resolve(" ".join(w.text for w in words[:end]), fuzzy=False)
        if leading:
            return list(dict.fromkeys(terms + entity_terms(leading.entities)))
    return terms


def _governed_country(words) -> list[str]:
    """The entity term of the country an authority's name ends with (Минобороны РФ, Ministry of Defence of
    Ukraine, Міністерство закордонних справ України): a search for the country finds it, as a reader counts
    the country an authority governs as named."""
    for start in range(1, len(words)):
        trailing = default_resolver().resolve(" ".join(w.text for w in words[start:]), fuzzy=False)
        if trailing and trailing.best.kind == "place" and trailing.best.level == "country":
            return [entity_token(trailing.best.label)]
    return []


@lru_cache(maxsize=1)
def _default_extractor() -> EntityExtractor:
    """The extractor for text indexed without a reading attached (tests, a field added by hand)."""
    return EntityExtractor()
