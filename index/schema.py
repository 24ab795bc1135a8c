"""The Whoosh schema: what is searchable, what is shown, what keys updates."""

from collections import Counter, defaultdict

from whoosh import formats
from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.fields import ID, TEXT, Schema

from .analysis import text_analyzer
from .entities.facet_values import facet_schema_fields
from .terms import SPECIAL_PREFIXES

#: Bumped when what the index holds changes while its fields stay the same: an index built
#: before (its schema keeps the number it was built with) is rebuilt by the next `frontline index`.
INDEX_VERSION = 5


class Analyzed(str):
    """A field's postings made elsewhere (a worker process, see index.preparing): the writer indexes them as they are."""

    postings: list

    def __new__(cls, postings: list):
        value = super().__new__(cls, "")
        value.postings = postings
        return value


class _CountsWords:
    """A posting format whose field length counts the words only.

    Whoosh takes a field's length (BM25's length normalisation) as the sum of its term
    frequencies; the entity, exact-form, variant-key and romanised terms put beside a name
    would make a text with many names (a headline in title case) look longer than it is."""

    def word_values(self, value, analyzer, **kwargs):
        if isinstance(value, Analyzed):
            yield from value.postings
            return
        postings, weights, words = defaultdict(list), defaultdict(float), Counter()
        kwargs.update(positions=True, chars=self.with_chars, boosts=True)
        for token in formats.tokens(value, analyzer, kwargs):
            postings[token.text].append((token.pos, token.startchar, token.endchar) if self.with_chars else token.pos)
            weights[token.text] += token.boost
            if not getattr(token, "beside", False) and not token.text.startswith(SPECIAL_PREFIXES):
                words[token.text] += 1
        for text, found in postings.items():
            yield text, words[text], weights[text] * self.field_boost, self.encode(found)


class WordPositions(_CountsWords, formats.Positions):
    with_chars = False


class WordCharacters(_CountsWords, formats.Characters):
    with_chars = True


def _words_field(chars: bool = False, **options) -> TEXT:
    """A TEXT field whose length is its number of words (see :class:`_CountsWords`)."""
    field = TEXT(chars=chars, **options)
    field.format = WordCharacters() if chars else WordPositions()
    field.format.index_version = INDEX_VERSION  # pickled with the index's schema
    return field


def build_schema() -> Schema:
    analyzer = text_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        # sha1 of id + content: an unchanged document is found by one term lookup.
        fingerprint=ID(stored=True),
        path=ID(stored=True),
        # An untitled document's opening words are indexed as its title (they are shown as it).
        title=_words_field(stored=True, analyzer=analyzer),
        # Character offsets stored with each posting: snippets are cut without re-analysing the text.
        text=_words_field(stored=True, analyzer=analyzer, chars=True),
        date=ID(stored=True, sortable=True),
        source=ID(stored=True),
        # The words of the source and the address, for source:kremlin and url:theguardian.
        source_words=TEXT(analyzer=_address_words()),
        url=TEXT(stored=True, analyzer=_address_words()),
        lang=ID(stored=True),
        **facet_schema_fields(),
    )


def _address_words():
    """The words of a domain, an outlet's name or an address: kremlin.ru is "kremlin" "ru"."""
    return RegexTokenizer(r"[^\W_]+") | LowercaseFilter()


def schema_signature(schema: Schema) -> tuple:
    """What an index's schema must match for this version to read and update it."""
    return tuple(sorted((name, type(f).__name__, type(f.format).__name__ if f.format else "",
                         getattr(f.format, "index_version", 0)) for name, f in schema.items()))
