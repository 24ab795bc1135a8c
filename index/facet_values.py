"""A document's facet values, as index fields (to filter on) and one column (to count from).

Filters are ordinary Whoosh term queries on keyword fields. Counting over
every matching document is done from the ``facets`` column instead: one
compact JSON record per Whoosh document number, read once per index
generation into numpy arrays (see :mod:`frontline.search.facets`).
"""

import json
from collections import Counter

from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD

from .entities import FACETS, OWN_VALUE_PREFIXES, EntityExtractor

#: Every facet a search returns counts for, in display order.
ALL_FACETS = (*FACETS, "source", "date")


def facet_schema_fields() -> dict:
    fields = {name: KEYWORD(scorable=False) for name in FACETS}
    fields["month"] = ID()
    fields["facets"] = COLUMN(VarBytesColumn())
    return fields


def month_of(date: str) -> str:
    """"2022-06" for any ISO date with a month; "" otherwise."""
    return date[:7] if len(date) >= 7 else ""


def facet_fields(extractor: EntityExtractor, title: str, text: str, date: str, source: str) -> dict:
    """The facet fields of one document, ready for ``writer.add_document(**fields)``."""
    values: dict[str, dict[str, str]] = {name: {} for name in FACETS}
    mentions: Counter = Counter()
    for part in (title, text):
        extraction = extractor.extract(part)
        mentions.update((f.kind, f.value) for f in extraction.found)
        for name, found in extraction.facets().items():
            values[name].update(found)
    fields = {name: " ".join(sorted(found)) for name, found in values.items()}
    month = month_of(date)
    fields["month"] = month
    # Most mentioned first, so a hit can show what the document is mostly about.
    record = {name: sorted(found, key=lambda v, n=name: (-mentions[(n, v)], v)) for name, found in values.items() if found}
    # Labels the gazetteer cannot give back later: pattern-found people, ambiguous names.
    labels = {value: label for found in values.values() for value, label in found.items()
              if value.startswith(OWN_VALUE_PREFIXES)}
    if labels:
        record["labels"] = labels
    if source:
        record["source"] = [source]
    if month:
        record["date"] = [month]
    fields["facets"] = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()
    return fields
