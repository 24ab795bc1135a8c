"""The analysis chain for title and text, built from small Whoosh filters.

``WordTokenizer | FoldFilter | WordStemFilter`` gives ordinary words their
searchable form; :class:`NamesFilter` then puts, beside each name the entity
layer found, the entity's term (and beside unknown names their variant key),
and :class:`ExactFormFilter` the unstemmed form of capitalised words. See
:mod:`.terms` for the vocabulary.

The index and the facets read a text once: the entity layer's reading of a
field reaches the names filter with the field's value (see
:class:`ReadText`), so the terms beside a name are exactly the entities its
facets hold ("As" at the start of a sentence gets no Crimean village).
"""

import re
from functools import lru_cache

from whoosh.analysis import Filter, StemFilter, Token, Tokenizer

from .entities import AMBIGUOUS, PERSON_PREFIX, EntityExtractor, Extraction
from .names.resolver import default_resolver
from .names.translit import latin_forms
from .names.words import iter_words
from .terms import (SPECIAL_PREFIXES, entity_terms, entity_token, exact_term, fold_word, key_token, search_form,
                    wants_key)

#: Words after a place's name that make the name of something at or around it.
_GEOGRAPHIC_WORDS = frozenset(
    "oblast region raion district province krai city people republic river sea lake bay strait canal dam "
    "reservoir island spit bridge plant station airport port nuclear power npp hpp front direction axis".split()
)
_CYRILLIC = re.compile("[\u0400-\u04ff]")


class ReadText(str):
    """A field value together with the entity layer's reading of it, so it is read once.

    Whoosh passes the value it is given to the analyzer unchanged; the
    indexer stores the plain text (``_stored_<field>``), never this class.
    """

    extraction: Extraction

    def __new__(cls, text: str, extraction: Extraction):
        value = super().__new__(cls, text)
        value.extraction = extraction
        return value


class WordTokenizer(Tokenizer):
    """Words (see :mod:`.names.words`), each a Token of its own with its text, position and characters.

    Whoosh's RegexTokenizer reuses one Token object; the names filter looks
    ahead over a whole field and needs the original case, so fresh tokens are
    cheaper than copying reused ones. Each token carries the field's value,
    which the names filter reads the entities of.
    """

    def __eq__(self, other):
        return type(other) is type(self)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        for pos, word in enumerate(iter_words(value), start=start_pos):
            token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
            token.text = token.original = word.text
            token.boost, token.stopped, token.pos = 1.0, False, pos
            token.startchar, token.endchar = start_char + word.startchar, start_char + word.endchar
            token.field_value = value
            yield token


class FoldFilter(Filter):
    """Casefold, drop possessive 's and apostrophes, strip accents from Latin letters."""

    def __call__(self, tokens):
        for token in tokens:
            if not token.text.startswith(SPECIAL_PREFIXES):
                token.text = fold_word(token.text)
            if token.text:
                yield token


class WordStemFilter(StemFilter):
    """Porter stemming for words; entity and key tokens pass through untouched."""

    def __call__(self, tokens):
        stemfn = self._stem
        for token in tokens:
            if not token.stopped and not token.text.startswith(SPECIAL_PREFIXES):
                token.text = stemfn(token.text)
            yield token


class NamesFilter(Filter):
    """Beside each name the entity layer found, at the same position and over the same characters:
    its entity term (``@kyiv`` beside Kiev, Київ, Kyiv); beside a capitalised word it did not
    resolve, the word's variant key; beside a Cyrillic word, its romanised forms.

    It runs in index mode only (indexing and highlighting); queries are
    resolved by :mod:`frontline.search.query`, which knows what the user typed.
    """

    def __eq__(self, other):
        return type(other) is type(self)

    def __call__(self, tokens):
        first = next(tokens, None)
        if first is None:
            return
        if first.mode == "query":
            yield first
            yield from tokens
            return
        value = first.field_value
        extraction = getattr(value, "extraction", None) or _default_extractor().extract(value)
        # People the gazetteer lacks have no entity term: their words get variant keys, as unknown names do.
        entities = {found.start: found for found in extraction.found if not found.value.startswith(PERSON_PREFIX)}
        inside = -1
        for token in (first, *tokens):
            yield token
            found = entities.get(token.startchar)
            if found:
                inside = found.end
                for text in _found_terms(found, value):
                    yield _beside(token, text, (found.start, found.end))
            elif token.startchar >= inside:
                yield from _unknown_word(token)


def _found_terms(found, value: str) -> list[str]:
    """The entity's term, plus those of the longest leading part of the mention that names something too.

    "Lugansk region" is Luhansk Oblast and "Nova Kakhovka dam" the dam, but a
    search for Luhansk or Nova Kakhovka should find them as a search for the
    words would: the leading name's entity rides along.
    """
    terms = [entity_token(found.label.removesuffix(AMBIGUOUS))]
    words = list(iter_words(value[found.start : found.end]))
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


def _unknown_word(token):
    original = token.original
    if _CYRILLIC.search(original):
        for form in latin_forms(original):
            latin = search_form(form)
            if latin and latin != token.text:
                yield _beside(token, latin)
    if wants_key(original):
        yield _beside(token, key_token(original))


def _beside(token, text, span=None):
    """A copy of token with another text, over `span` characters if given."""
    extra = token.copy()
    extra.text = text
    extra.beside = True
    if span:
        extra.startchar, extra.endchar = span
    return extra


class ExactFormFilter(Filter):
    """Beside each capitalised word, its unstemmed form as a term of its own ("=pokrovske").

    Added at index time only, after the names layer, to the words of the text
    (not to the tokens other filters put beside them).
    """

    def __call__(self, tokens):
        for token in tokens:
            yield token
            if token.mode == "query" or token.text.startswith(SPECIAL_PREFIXES) or getattr(token, "beside", False):
                continue
            if token.original[:1].isupper():
                exact = token.copy()
                exact.text = exact_term(token.original)
                yield exact


@lru_cache(maxsize=1)
def _default_extractor() -> EntityExtractor:
    """The extractor for text analysed without a reading attached (highlighting, tests)."""
    return EntityExtractor()


def base_analyzer():
    """Tokenizer and word folding shared by every text field; the names filter goes after it."""
    return WordTokenizer() | FoldFilter() | WordStemFilter(cachesize=100_000)


def text_analyzer():
    """The analyzer the index uses for title and text: words, the names layer, exact forms."""
    return base_analyzer() | NamesFilter() | ExactFormFilter()
