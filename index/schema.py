"""The Whoosh schema: what is searchable, what is shown, what keys updates."""

from whoosh import formats
from whoosh import index as whoosh_index
from whoosh.analysis import LowercaseFilter, RegexTokenizer
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, STORED, TEXT, Schema

from .analysis import text_analyzer
from .entities.facet_values import facet_schema_fields
from .postings import field_postings

#: Bumped when what the index holds changes while its fields stay the same: an index built
#: before (its schema keeps the number it was built with) is rebuilt by the next `frontline index`.
INDEX_VERSION = 9


class _CountsWords:
    """A posting format for title and text: postings made in one pass over the words (see
    :mod:`.postings`), whose field length counts the words only."""

    def word_values(self, value, analyzer, **kwargs):
        places, word_counts = field_postings(value)
        for text, found in places.items():
            yield (text, word_counts.get(text, 0), len(found) * self.field_boost,
                   self.encode(found if self.with_chars else [position for position, _, _ in found]))


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
    # Queries are read by this analyzer; what a title or text is indexed as is made by .postings.
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
        # Where each page after the first starts in the text (a PDF's): a snippet's page number.
        pages=STORED(),
        # The document this one came with (an e-mail's attachment: the message's id).
        parent=ID(stored=True),
        # The text's MinHash signature (see .stories): which documents print the same story.
        minhash=COLUMN(VarBytesColumn()),
        **facet_schema_fields(),
    )


def _address_words():
    """The words of a domain, an outlet's name or an address: kremlin.ru is "kremlin" "ru"."""
    return RegexTokenizer(r"[^\W_]+") | LowercaseFilter()


def schema_signature(schema: Schema) -> tuple:
    """What an index's schema must match for this version to read and update it."""
    return tuple(sorted((name, type(f).__name__, type(f.format).__name__ if f.format else "",
                         getattr(f.format, "index_version", 0)) for name, f in schema.items()))


class UnreadableSchemaError(Exception):
    """The index's schema names classes this version of Frontline does not have (an older version wrote it)."""


def open_existing(index_dir):
    """The index in index_dir, or None when there is none."""
    try:
        return whoosh_index.open_dir(index_dir) if whoosh_index.exists_in(index_dir) else None
    except (AttributeError, ImportError) as error:  # unpickling the schema
        raise UnreadableSchemaError(str(error)) from error
