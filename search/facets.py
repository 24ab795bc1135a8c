"""Facet counts over every matching document, from numpy arrays.

Whoosh's own ``FieldFacet`` needs ``allow_overlap=True`` on multi-valued
fields and costs ~100 ms a query at 50,000 documents. Instead the
``facets`` column (one small JSON record per document, written at index
time) is read once per index generation into two parallel arrays, document
number and value number, and a query's counts are one ``np.bincount`` over
the entries of its matching documents.
"""

import calendar
import json
from dataclasses import dataclass

import numpy as np

from frontline.index.entities.collection_prior import place_prior
from frontline.index.entities import ACTOR_COUNTRIES
from frontline.index.entities.facet_values import ALL_FACETS, SETTLED, facet_records

#: Values listed per facet unless the caller asks for more.
DEFAULT_FACET_SIZE = 10
#: Facets whose values are entities: a hit's chips, and what a name lookup can suggest.
ENTITY_FACETS = ("place", "person", "organization", "weapon")


@dataclass(frozen=True)
class FacetValue:
    facet: str
    value: str


class FacetTable:
    """Every (document, facet value) pair of one index generation."""

    def __init__(self, reader, labeler):
        self.labeler = labeler
        self.doc_count = reader.doc_count_all()
        self.values: list[FacetValue] = []
        self.labels: dict[FacetValue, str] = {}
        numbers: dict[FacetValue, int] = {}
        docs, value_ids, settled = [], [], []
        for docnum, record in facet_records(reader):
            settled.append(record.get(SETTLED, ()))
            labels = record.get("labels", {})
            for facet in ALL_FACETS:
                for value in record.get(facet, ()):
                    key = FacetValue(facet, value)
                    number = numbers.get(key)
                    if number is None:
                        number = numbers[key] = len(self.values)
                        self.values.append(key)
                        if value in labels:
                            self.labels[key] = labels[value]
                    docs.append(docnum)
                    value_ids.append(number)
        #: Where the collection places shared names (see frontline.index.entities.collection_prior), read in
        #: the same pass: a document shown later is placed as it was when indexed.
        self.place_prior = place_prior(settled)
        self._numbers = numbers
        self.docs = np.asarray(docs, dtype=np.int64)
        self.value_ids = np.asarray(value_ids, dtype=np.int64)
        self.facet_of = np.asarray([ALL_FACETS.index(v.facet) for v in self.values], dtype=np.int64)

    def __contains__(self, key: FacetValue) -> bool:
        return key in self._numbers

    def has(self, facet: str, value: str) -> bool:
        """Whether any document has the value; for dates, a year has any of its months."""
        if facet == "date":
            return any(key.facet == "date" and key.value.startswith(value) for key in self._numbers)
        return FacetValue(facet, value) in self._numbers

    def label(self, key: FacetValue) -> str:
        return self.labels.get(key) or self.labeler(key.facet, key.value)

    def count(self, docnums: np.ndarray | None) -> np.ndarray:
        """Documents per value among docnums (None: all documents)."""
        if docnums is None:
            selected = self.value_ids
        else:
            mask = np.zeros(self.doc_count, dtype=bool)
            mask[docnums] = True
            selected = self.value_ids[mask[self.docs]]
        return np.bincount(selected, minlength=len(self.values))

    def listing(self, facet: str, counts: np.ndarray, size: int | None, match=None) -> tuple[list[dict], int]:
        """(top values of facet as {value, label, count}, number of distinct values with a count).

        Dates come in calendar order and all of them (for a histogram), regions
        all of them (for the map); the rest by count, then label, the top `size`.
        `match` keeps only the values it accepts.
        """
        numbers = np.flatnonzero((self.facet_of == ALL_FACETS.index(facet)) & (counts > 0))
        entries = [(self.values[n], int(counts[n])) for n in numbers]
        if match is not None:
            entries = [(key, c) for key, c in entries if match(key)]
        if facet == "date":
            entries.sort(key=lambda e: e[0].value)
            shown = entries
        elif facet == "region":  # all of them: a map needs every oblast, and there are at most a few hundred
            entries.sort(key=lambda e: (-e[1], self.label(e[0]).casefold()))
            shown = entries
        else:
            entries.sort(key=lambda e: (-e[1], self.label(e[0]).casefold()))
            shown = entries[: size or DEFAULT_FACET_SIZE]
        return [{"value": key.value, "label": self.label(key), "count": c} for key, c in shown], len(entries)


def month_label(month: str) -> str:
    """"2022-06" → "June 2022"."""
    year, _, number = month.partition("-")
    if number.isdigit() and 1 <= int(number) <= 12:
        return f"{calendar.month_name[int(number)]} {year}"
    return month


class FacetRecords:
    """The facet column of one reader, read per document (for the entities of a page of hits)."""

    def __init__(self, reader, labeler):
        self.column = reader.column_reader("facets") if reader.has_column("facets") else None
        self.labeler = labeler

    def entities(self, docnum: int) -> list[dict]:
        if self.column is None:
            return []
        record = json.loads(self.column[docnum] or b"{}")
        labels = record.get("labels", {})
        entities = [{"facet": facet, "value": value, "label": labels.get(value) or self.labeler(facet, value)}
                    for facet in ENTITY_FACETS for value in record.get(facet, ())]
        # Ukraine and Russia are named in nearly every report: they go last, not first.
        return sorted(entities, key=lambda e: e["value"] in ACTOR_COUNTRIES)
