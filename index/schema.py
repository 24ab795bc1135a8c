"""The Whoosh schema: what is searchable, what is shown, what keys updates."""

from whoosh.fields import ID, STORED, TEXT, Schema

from .analysis import text_analyzer
from .facet_values import facet_schema_fields

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
        text=TEXT(stored=True, analyzer=analyzer),
        date=ID(stored=True, sortable=True),
        source=ID(stored=True),
        url=STORED,
        lang=ID(stored=True),
        **facet_schema_fields(),
    )
