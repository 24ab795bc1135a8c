"""The Whoosh schema: what is searchable, what is shown, what keys updates."""

from whoosh.fields import ID, STORED, TEXT, Schema

from .analysis import text_analyzer
from .entities.facet_values import facet_schema_fields

#: A title hit weighs this many body hits (BM25F field boost).
TITLE_BOOST = 3.0


def build_schema() -> Schema:
    analyzer = text_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        # sha1 of id + content: an unchanged document is found by one term lookup.
        fingerprint=ID(stored=True),
        path=ID(stored=True),
        title=TEXT(stored=True, analyzer=analyzer, field_boost=TITLE_BOOST),
        # Character offsets stored with each posting: snippets are cut without re-analysing the text.
        text=TEXT(stored=True, analyzer=analyzer, chars=True),
        date=ID(stored=True, sortable=True),
        source=ID(stored=True),
        url=STORED,
        lang=ID(stored=True),
        **facet_schema_fields(),
    )


def schema_signature(schema: Schema) -> tuple:
    """What an index's schema must match for this version to read and update it."""
    return tuple(sorted((name, type(f).__name__, type(f.format).__name__ if f.format else "")
                        for name, f in schema.items()))
