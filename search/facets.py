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
    """Every (document, facet value) pair of one index generation, and each document's date.

    A search's filters are masks over documents made from it (no posting is read for them), and a
    filtered facet's own counts are the search's matches under every filter but its own."""

    def __init__(self, reader, labeler):
        self.labeler = labeler
        self.doc_count = reader.doc_count_all()
        self.values: list[FacetValue] = []
        self.labels: dict[FacetValue, str] = {}
        # Per facet, value → number: plain strings hash in C, and there are millions of entries to number.
        numbered: dict[str, dict[str, int]] = {facet: {} for facet in ALL_FACETS}
        docs, value_ids, settled = [], [], []
        self.live = np.zeros(self.doc_count, dtype=bool)
        for docnum, record in facet_records(reader):
            self.live[docnum] = True
            settled.append(record.get(SETTLED, ()))
            labels = record.get("labels", {})
            for facet in ALL_FACETS:
                numbers = numbered[facet]
                for value in record.get(facet, ()):
                    number = numbers.get(value)
                    if number is None:
                        number = numbers[value] = len(self.values)
                        key = FacetValue(facet, value)
                        self.values.append(key)
                        if value in labels:
                            self.labels[key] = labels[value]
                    docs.append(docnum)
                    value_ids.append(number)
        #: Where the collection places shared names (see frontline.index.entities.collection_prior), read in
        #: the same pass: a document shown later is placed as it was when indexed.
        self.place_prior = place_prior(settled)
        self._numbers = {key: number for number, key in enumerate(self.values)}
        self.docs = np.asarray(docs, dtype=np.int64)
        self.value_ids = np.asarray(value_ids, dtype=np.int64)
        self.facet_of = np.asarray([ALL_FACETS.index(v.facet) for v in self.values], dtype=np.int64)
        # The documents of value n are _docs_by_value[_starts[n]:_starts[n + 1]].
        self._docs_by_value = self.docs[np.argsort(self.value_ids, kind="stable")]
        self._starts = np.concatenate(([0], np.cumsum(np.bincount(self.value_ids, minlength=len(self.values)))))
        # The entries of document d are docs[_doc_starts[d]:_doc_starts[d + 1]] (they were read in document order).
        self._doc_starts = np.concatenate(([0], np.cumsum(np.bincount(self.docs, minlength=self.doc_count))))
        self._all_counts = np.bincount(self.value_ids, minlength=len(self.values))
        self._months = [(value, n) for value, n in numbered["date"].items()]
        self.dates = _dates(reader, self.doc_count)
        # Each document's date as a number that sorts as the date does; -1 when undated.
        rank = np.unique(self.dates, return_inverse=True)[1].reshape(-1)
        self.date_rank = np.where(self.dates == "", -1, rank).astype(np.int64)

    def __contains__(self, key: FacetValue) -> bool:
        return key in self._numbers

    def has(self, facet: str, value: str) -> bool:
        """Whether any document has the value; for dates, a year has any of its months."""
        if facet == "date":
            return any(month.startswith(value) for month, _n in self._months)
        return FacetValue(facet, value) in self._numbers

    def number(self, key: FacetValue) -> int:
        """The value's position in the table's arrays (count() and listing() are indexed by it)."""
        return self._numbers[key]

    def label(self, key: FacetValue) -> str:
        return self.labels.get(key) or self.labeler(key.facet, key.value)

    def documents(self, docnums) -> np.ndarray:
        """The mask of docnums (document numbers a search matched)."""
        mask = np.zeros(self.doc_count, dtype=bool)
        mask[np.asarray(docnums, dtype=np.int64)] = True
        return mask

    def mask(self, filters, leave_out: str | None = None) -> np.ndarray | None:
        """The documents that pass every filter (see search.filters.Filters) but leave_out's; None when none filters.
        Filters combine AND across facets, OR within one; a facet filtered by no known value passes nothing."""
        passing = None
        for facet, values in filters.values.items():
            if facet != leave_out:
                passing = self._having(facet, values) if passing is None else passing & self._having(facet, values)
        if filters.date_from or filters.date_to:
            dated = self._dated(filters.date_from, filters.date_to) & self.live
            passing = dated if passing is None else passing & dated
        return passing

    def by_date(self, documents: np.ndarray, newest: bool) -> np.ndarray:
        """documents (numbers) newest or oldest first, the undated last either way; ties in index order."""
        return documents[np.lexsort((documents, self.date_order(documents, newest)))]

    def date_order(self, documents: np.ndarray, newest: bool) -> np.ndarray:
        """A rank of each document, lower first: newest (or oldest) first, the undated last."""
        rank = self.date_rank[documents]
        return np.where(rank < 0, np.iinfo(np.int64).max, -rank if newest else rank)

    def _having(self, facet: str, values: list[str]) -> np.ndarray:
        if facet == "date":  # "2022-06" is a month, "2022" a whole year
            numbers = [n for month, n in self._months if month.startswith(tuple(values))] if values else []
        else:
            numbers = [self._numbers[key] for key in (FacetValue(facet, v) for v in values) if key in self._numbers]
        mask = np.zeros(self.doc_count, dtype=bool)
        for n in numbers:
            mask[self._docs_by_value[self._starts[n] : self._starts[n + 1]]] = True
        return mask

    def _dated(self, date_from: str, date_to: str) -> np.ndarray:
        """Documents dated within [date_from, date_to]; a bound "2022-03" takes in the whole month."""
        mask = self.dates != ""
        if date_from:
            mask &= self.dates >= date_from
        if date_to:
            mask &= self.dates <= date_to + "\uffff"
        return mask

    def values_of(self, facet: str, documents: np.ndarray) -> dict[int, str]:
        """document number → its value of a one-valued facet (source, lang, date), for a mask of documents."""
        entries = documents[self.docs] & (self.facet_of[self.value_ids] == ALL_FACETS.index(facet))
        return {int(doc): self.values[number].value for doc, number in zip(self.docs[entries], self.value_ids[entries])}

    def count(self, documents: np.ndarray | None, stories: np.ndarray | None = None) -> np.ndarray:
        """Documents per value among a mask of documents (None: all documents); given each document's
        story, stories per value instead.

        Only the entries of the documents counted are read, or, when they are most of the collection,
        those of the others, taken from the whole collection's counts: a query that matches nearly
        everything (Russia) costs as little as one that matches little."""
        size = len(self.values)
        if stories is None:
            if documents is None:
                return self._all_counts.copy()
            if np.count_nonzero(documents) * 2 > self.doc_count:
                return self._all_counts - np.bincount(self.value_ids[self._entries(~documents)], minlength=size)
            return np.bincount(self.value_ids[self._entries(documents)], minlength=size)
        entries = slice(None) if documents is None else self._entries(documents)
        pairs = np.unique(self.value_ids[entries] * self.doc_count + stories[self.docs[entries]])
        return np.bincount(pairs // max(self.doc_count, 1), minlength=size)

    def _entries(self, documents: np.ndarray) -> np.ndarray:
        """Where the entries of a mask's documents are in docs and value_ids (each document's run of them)."""
        chosen = np.flatnonzero(documents)
        starts = self._doc_starts[chosen]
        lengths = self._doc_starts[chosen + 1] - starts
        ends = np.cumsum(lengths)
        if not len(ends):
            return ends
        return np.repeat(starts - (ends - lengths), lengths) + np.arange(ends[-1])

    def listing(self, facet: str, counts: np.ndarray, size: int | None, match=None) -> tuple[list[dict], int]:
        """(top values of facet as {value, label, count}, number of distinct values with a count).

        Dates come in calendar order and all of them (for a histogram), regions
        all of them (for the map); the rest by count, then label, the top `size`.
        `match` keeps only the values it accepts. Labels are looked up only for the values
        that can be shown: those counted at least as often as the size-th.
        """
        numbers = np.flatnonzero((self.facet_of == ALL_FACETS.index(facet)) & (counts > 0))
        if match is not None:
            numbers = np.asarray([n for n in numbers if match(self.values[n])], dtype=np.int64)
        distinct = len(numbers)
        if facet == "date":
            shown = sorted(numbers, key=lambda n: self.values[n].value)
        else:
            if facet != "region":  # a map needs every oblast, and there are at most a few hundred
                size = size or DEFAULT_FACET_SIZE
                if len(numbers) > size:
                    least = np.partition(counts[numbers], len(numbers) - size)[len(numbers) - size]
                    numbers = numbers[counts[numbers] >= least]
            shown = sorted(numbers, key=lambda n: (-counts[n], self.label(self.values[n]).casefold()))
            if facet != "region":
                shown = shown[:size]
        return [{"value": self.values[n].value, "label": self.label(self.values[n]), "count": int(counts[n])}
                for n in shown], distinct


def _dates(reader, doc_count: int) -> np.ndarray:
    """Each document's ISO date ("" when undated), from the sortable date column."""
    if not reader.has_column("date"):
        return np.full(doc_count, "", dtype="U10")
    column = reader.column_reader("date")
    return np.asarray([column[docnum] or "" for docnum in range(doc_count)], dtype="U10")


def month_label(month: str) -> str:
    """"2022-06" → "June 2022"."""
    year, _, number = month.partition("-")
    if number.isdigit() and 1 <= int(number) <= 12:
        return f"{calendar.month_name[int(number)]} {year}"
    return month


#: A document's facet values as a hit or a document reports them: its regions, then its entities.
DOCUMENT_FACETS = ("region", *ENTITY_FACETS)


class FacetRecords:
    """The facet column of one reader, read per document (for the entities of a page of hits)."""

    def __init__(self, reader, labeler):
        self.column = reader.column_reader("facets") if reader.has_column("facets") else None
        self.labeler = labeler

    def values(self, docnum: int) -> dict[str, list[dict]]:
        """facet → [{value, label}] of the document as indexed (title and text), most mentioned first."""
        record = json.loads(self.column[docnum] or b"{}") if self.column is not None else {}
        labels = record.get("labels", {})
        return {facet: [{"value": value, "label": labels.get(value) or self.labeler(facet, value)}
                        for value in record.get(facet, ())] for facet in DOCUMENT_FACETS}

    def entities(self, docnum: int) -> list[dict]:
        return self.entities_of(self.values(docnum))

    @staticmethod
    def entities_of(values: dict[str, list[dict]]) -> list[dict]:
        """The entity chips of a hit: [{facet, value, label}], Ukraine and Russia last (named in nearly every
        report, they say least)."""
        entities = [{"facet": facet, **value} for facet in ENTITY_FACETS for value in values[facet]]
        return sorted(entities, key=lambda e: e["value"] in ACTOR_COUNTRIES)
