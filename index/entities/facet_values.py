"""A document's facet values, as index fields (to filter on) and columns (to count from).

Filters are ordinary Whoosh term queries on keyword fields. Counting over
every matching document is done from the ``facets`` column instead: one
compact JSON record per Whoosh document number, read once per index
generation into numpy arrays (see :mod:`frontline.search.facets`).

Beside it the ``spellings`` column records how the document prints each entity
(``{"ua:…": {"Kiev": 3, "Kyiv": 1}}``), as the entity layer found it: an entity
page reads it for that entity's documents only (see :mod:`frontline.search.entity`),
where finding the spellings again would mean reading every document again.
"""

import json
from collections import Counter
from collections.abc import Iterable, Iterator

from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, KEYWORD

from .collection_prior import open_names, settled_placements
from .model import FACETS, OWN_VALUE_PREFIXES, Extraction

#: Record keys of what the collection prior learns from a document and what it may re-decide in it.
SETTLED, OPEN = "settled", "open"
#: Every facet a search returns counts for, in display order.
ALL_FACETS = (*FACETS, "source", "lang", "date")


def facet_schema_fields() -> dict:
    fields = {name: KEYWORD(scorable=False) for name in FACETS}
    fields["month"] = ID()
    fields["facets"] = COLUMN(VarBytesColumn())
    fields["spellings"] = COLUMN(VarBytesColumn())
    return fields


def month_of(date: str) -> str:
    """"2022-06" for any ISO date with a month; "" otherwise."""
    return date[:7] if len(date) >= 7 else ""


def facet_fields(extractions: Iterable[Extraction], date: str, source: str, lang: str = "") -> dict:
    """The facet fields of one document (the extractions of its title and text), ready for
    ``writer.add_document(**fields)``."""
    values: dict[str, dict[str, str]] = {name: {} for name in FACETS}
    mentions: Counter = Counter()
    spellings: dict[str, Counter] = {}
    settled, unsettled = set(), set()
    for extraction in extractions:
        mentions.update((f.kind, f.value) for f in extraction.found)
        for found in extraction.found:
            spellings.setdefault(found.value, Counter())[found.text] += 1
        for name, found in extraction.facets().items():
            values[name].update(found)
        settled |= settled_placements(extraction)
        unsettled |= open_names(extraction)
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
    # What the collection prior learns from this document, and what it may re-decide in it.
    if settled:
        record[SETTLED] = sorted(settled)
    if unsettled:
        record[OPEN] = sorted(unsettled)
    if source:
        record["source"] = [source]
    if lang:
        record["lang"] = [lang]
    if month:
        record["date"] = [month]
    fields["facets"] = _compact_json(record)
    fields["spellings"] = _compact_json(spellings)
    return fields


def _compact_json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def facet_records(reader) -> Iterator[tuple[int, dict]]:
    """(document number, facet record) for every document of a reader."""
    column = reader.column_reader("facets") if reader.has_column("facets") else None
    for docnum in reader.all_doc_ids():
        # A multi-segment column reader has len() 0: test for None, not truth.
        yield docnum, json.loads(column[docnum] or b"{}") if column is not None else {}


def placement_records(reader) -> Iterator[tuple[int, list, list]]:
    """(document number, settled placements, open names) of every document with either (see SETTLED).

    The indexer reads these for the whole collection twice a run: only those two parts of each record
    are parsed. A key's quoted name followed by ":[" stands only before a key's list (inside a string
    its quotes would be escaped)."""
    if not reader.has_column("facets"):
        return
    column = reader.column_reader("facets")
    decoder = json.JSONDecoder()
    keys = [json.dumps(key) + ":[" for key in (SETTLED, OPEN)]
    for docnum in reader.all_doc_ids():
        record = (column[docnum] or b"").decode()
        found = [record.find(key) for key in keys]
        if found != [-1, -1]:
            yield docnum, *(decoder.raw_decode(record, at + len(key) - 1)[0] if at >= 0 else []
                            for key, at in zip(keys, found))


def printed_spellings(reader, docnums: Iterable[int], value: str) -> Iterator[tuple[int, dict[str, int]]]:
    """(document number, {spelling as printed: mentions}) of one facet value, for the given documents that name it.

    Only the value's own part of each record is parsed: its key, as the record is written, can only
    stand before an object at the record's top level (a spelling's key stands before a count)."""
    if not reader.has_column("spellings"):
        return
    column = reader.column_reader("spellings")
    key = json.dumps(value, ensure_ascii=False) + ":{"
    decoder = json.JSONDecoder()
    for docnum in docnums:
        record = (column[docnum] or b"").decode()
        at = record.find(key)
        if at >= 0:
            yield docnum, decoder.raw_decode(record, at + len(key) - 1)[0]
