"""Run a search against the index and shape the answer the CLI and the API share."""

import time
from collections.abc import Iterator
from itertools import islice
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh import scoring
from whoosh.collectors import FilterCollector, TimeLimit, WrappingCollector

from frontline.index.entities import EntityExtractor
from frontline.index.entities.facet_values import ALL_FACETS
from frontline.index.names.resolver import default_resolver
from frontline.index.schema import build_schema, schema_signature
from frontline.index.names.spelling import normalize
from frontline.index.readers.documents import lead
from frontline.index.terms import exact_term

from .explain import explain_matches
from .facets import ENTITY_FACETS, FacetRecords, FacetTable, FacetValue, month_label
from .filters import FilterResolver, Filters
from .names import NameLookup
from .ordering import canonical_sort, collector
from .query import SEARCHED_FIELDS, NameTerm, ParsedQuery, check_size, parse_query
from .snippets import PageHighlighter

#: A search collects hits for at most this long; past it the hits found so far are returned, with a warning.
SEARCH_SECONDS = 5.0
#: BM25's length normalisation (b) for titles, tuned on `bench ranking` with TITLE_BOOST; the text keeps 0.75.
TITLE_B = 0.3
MAX_LIMIT = 1000


class IndexMissingError(FileNotFoundError):
    """No index, or one this version cannot read: the message says what to run."""


@dataclass
class SearchRequest:
    q: str = ""
    limit: int = 10
    offset: int = 0
    sort: str = "relevance"
    #: Match words exactly as typed: no other spellings of names.
    exact: bool = False
    #: facet → values, AND across facets, OR within one ({"region": ["Luhansk"]}).
    filters: dict[str, list[str]] = field(default_factory=dict)
    date_from: str = ""
    date_to: str = ""
    #: How many values to list per facet (dates are always all listed).
    facet_size: int = 10

    def __post_init__(self):
        self.limit = max(0, min(int(self.limit), MAX_LIMIT))
        self.offset = max(0, int(self.offset))
        self.sort = canonical_sort(self.sort)


@dataclass
class Hit:
    fields: dict
    score: float | None
    snippets: list[str] = field(default_factory=list)
    matched: list[dict] = field(default_factory=list)
    #: What the document names, most mentioned first: [{"facet", "value", "label"}].
    entities: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        f = self.fields
        return {
            "id": f["id"],
            "title": display_title(f),
            "date": f.get("date", ""),
            "source": f.get("source", ""),
            "url": f.get("url", ""),
            "lang": f.get("lang", ""),
            "score": None if self.score is None else round(self.score, 4),
            "snippets": self.snippets,
            "matched": self.matched,
            "entities": self.entities,
        }


def _score(hit) -> float | None:
    """Sorted by a field, Whoosh puts the sort key where the score goes: there is no score."""
    return hit.score if isinstance(hit.score, float) else None


class TimeBudget:
    """The time one search may take: past it, the hits and counts are those found by then.
    None seconds: no limit (an export wants every match)."""

    def __init__(self, seconds: float | None):
        self.ends = None if seconds is None else time.monotonic() + seconds
        self.spent = False

    def left(self) -> bool:
        if self.ends is not None and not self.spent and time.monotonic() > self.ends:
            self.spent = True
        return not self.spent

    def within(self, docs: Iterator[int]) -> Iterator[int]:
        """The documents, until the time is up (looked at every few hundred)."""
        for number, doc in enumerate(docs):
            if number % 256 == 0 and not self.left():
                return
            yield doc


class _Matches(WrappingCollector):
    """Keeps the number of every document the search matches (the facets count them), and stops once
    the budget is spent (Whoosh's TimeLimitCollector skips the filter it wraps, and its alarm works
    only in the main thread)."""

    def __init__(self, child, budget: TimeBudget):
        super().__init__(child)
        self.budget = budget
        self.docnums: list[int] = []

    def collect(self, sub_docnum):
        if not self.budget.left():
            raise TimeLimit
        self.docnums.append(self.child.offset + sub_docnum)
        return self.child.collect(sub_docnum)


#: The most words one pattern (Khar*) marks in the snippets.
_MARKED_PER_PATTERN = 200


def _marked_terms(query: wq.Query, reader, fieldname: str = "text") -> set[str]:
    """The terms of one field a hit's snippets mark: the query's, patterns expanded, none it excludes."""
    if isinstance(query, wq.AndNot):
        return _marked_terms(query.a, reader, fieldname)
    if isinstance(query, wq.Not):
        return set()
    if isinstance(query, wq.Term):
        return {query.text} if query.fieldname == fieldname else set()
    if isinstance(query, wq.Phrase):
        return set(query.words) if query.fieldname == fieldname else set()
    if isinstance(query, wq.MultiTerm):  # Prefix, Wildcard, FuzzyTerm
        if getattr(query, "fieldname", None) != fieldname:
            return set()
        return {text.decode("utf-8") if isinstance(text, bytes) else text
                for text in islice(query._btexts(reader), _MARKED_PER_PATTERN)}
    parts = getattr(query, "subqueries", None) or getattr(query, "qs", None) or getattr(query, "subqs", None) or ()
    return set().union(*(_marked_terms(part, reader, fieldname) for part in parts))


def _printed_in(reader):
    """Whether the index's documents print a spelling (its first word, capitalised as a name)."""
    def printed(spelling: str) -> bool:
        term = exact_term(spelling.split(" ")[0])
        return any(reader.doc_frequency(fieldname, term) for fieldname in SEARCHED_FIELDS)
    return printed


def ranking_model() -> scoring.BM25F:
    """BM25F, with the title's length normalised less than the text's (TITLE_B, tuned on `bench ranking`):
    a long headline is not less about its words."""
    return scoring.BM25F(title_B=TITLE_B)


def display_title(fields: dict) -> str:
    """The stored title, else the opening words of the text (searched as its title), so no hit is untitled."""
    if fields.get("title"):
        return fields["title"]
    text = fields.get("text", "")
    opening = lead(text)
    return " ".join(opening.split()) + (" …" if text[len(opening):].strip() else "")


class Engine:
    """One open index; cheap to query many times (the web app keeps one)."""

    def __init__(self, index_dir: Path):
        index_dir = Path(index_dir)
        if not whoosh_index.exists_in(index_dir):
            raise IndexMissingError(f"no index at {index_dir}: run 'frontline index' first")
        self.index_dir = index_dir
        self.ix = whoosh_index.open_dir(index_dir)
        if schema_signature(self.ix.schema) != schema_signature(build_schema()):
            raise IndexMissingError(f"the index at {index_dir} was built by an older version of Frontline: "
                                    "run 'frontline index' again to rebuild it")
        self._filter_resolver: FilterResolver | None = None
        self._table: FacetTable | None = None
        self._table_generation = -1
        self._lookup: tuple[FacetTable, NameLookup] | None = None
        self._extractor: EntityExtractor | None = None

    def searcher(self):
        return self.ix.searcher(weighting=ranking_model())

    def _read(self, searcher, q: str, exact: bool = False) -> ParsedQuery:
        """The query of q (names in every spelling unless exact), refused if its patterns expand too far."""
        parsed = parse_query(q, self.ix.schema, None if exact else default_resolver())
        check_size(parsed.query, searcher.reader())
        return parsed

    def _filters(self, request: SearchRequest) -> Filters:
        filters = self.filter_resolver.resolve(request.filters, request.date_from, request.date_to)
        filters.check()
        return filters

    def search(self, request: SearchRequest) -> dict:
        started = time.perf_counter()
        filters = self._filters(request)
        with self.searcher() as searcher:
            parsed = self._read(searcher, request.q, request.exact)
            query = parsed.query
            budget = TimeBudget(SEARCH_SECONDS)
            results, matched = self._run(searcher, query, filters.query(), request, budget)
            total = len(matched)
            page = results[request.offset : request.offset + request.limit]
            records = FacetRecords(searcher.reader(), self.facet_label)
            marks = PageHighlighter(searcher, "text", _marked_terms(query, searcher.reader()), [hit.docnum for hit in page])
            hits = [self._hit(hit, marks, parsed.names, records.entities(hit.docnum)) for hit in page]
            table = self.facet_table(searcher)
            everything = isinstance(query, wq.Every) and not filters.query()
            facets, facet_totals = self._facets(searcher, table, query, filters, request.facet_size, budget,
                                                None if everything else matched)
        warnings = self._warnings(filters, table)
        if budget.spent:
            warnings.append(f"the search ran out of time after {SEARCH_SECONDS:g} s: the hits and counts are "
                            "those found by then")
        return {
            "query": request.q,
            "total": total,
            "offset": request.offset,
            "limit": request.limit,
            "sort": request.sort,
            "took_ms": round((time.perf_counter() - started) * 1000, 1),
            "timed_out": budget.spent,
            "hits": [hit.to_json() for hit in hits],
            "facets": facets,
            "facet_totals": facet_totals,
            "filters": self._applied(filters, table),
            "warnings": warnings,
        }

    # -- facets ---------------------------------------------------------------------

    @property
    def filter_resolver(self) -> FilterResolver:
        if self._filter_resolver is None:
            self._filter_resolver = FilterResolver(default_resolver())
        return self._filter_resolver

    def facet_table(self, searcher) -> FacetTable:
        """The facet arrays of the index generation searcher reads, built once per generation."""
        generation = self.ix.latest_generation()
        if self._table is None or self._table_generation != generation:
            self._table = FacetTable(searcher.reader(), self.facet_label)
            self._table_generation = generation
        return self._table

    def extractor(self) -> EntityExtractor:
        """An entity extractor that places names as the index did, with the collection's prior:
        for showing a document's mentions (its facets were extracted at index time)."""
        with self.searcher() as searcher:
            prior = self.facet_table(searcher).place_prior
        if self._extractor is None or self._extractor.prior is not prior:
            self._extractor = EntityExtractor(prior=prior)
        return self._extractor

    def _value_label(self, table: FacetTable, facet: str, value: str) -> str:
        key = FacetValue(facet, value)
        return table.label(key) if key in table else self.facet_label(facet, value)

    def facet_label(self, facet: str, value: str) -> str:
        """What a person reads for a facet value: an entity's label, a region's name, a month."""
        if facet == "date":
            return month_label(value)
        if facet == "source":
            return value
        gazetteer = default_resolver().gazetteer
        if facet == "region":
            return gazetteer.region_label(value)
        entity = gazetteer.get(value)
        return entity.label if entity else value

    def _matching_docs(self, searcher, query, filter_query, budget: TimeBudget) -> np.ndarray | None:
        """Document numbers matching query and filter (those found in the time budget); None for every document."""
        if isinstance(query, wq.Every) and filter_query is None:
            return None
        combined = query if filter_query is None else wq.And([query, filter_query])
        return np.fromiter(budget.within(searcher.docs_for_query(combined)), dtype=np.int64)

    def _facets(self, searcher, table: FacetTable, query, filters: Filters, size: int,
                budget: TimeBudget, matched: np.ndarray | None) -> tuple[dict, dict]:
        """Counts per facet over all matches (None: every document); a filtered facet is counted without
        its own filter, so its other values stay visible to widen the choice (OR within a facet)."""
        counts = table.count(matched)
        facets, totals = {}, {}
        for facet in ALL_FACETS:
            own = counts
            if filters.values.get(facet):
                own = table.count(self._matching_docs(searcher, query, filters.query(leave_out=facet), budget))
            facets[facet], totals[facet] = table.listing(facet, own, size)
        return facets, totals

    def facet_values(self, facet: str, q: str = "", search_q: str = "", limit: int = 20) -> dict:
        """Values of one facet that q names in any spelling or whose label contains it, with counts over
        the documents search_q finds, most documents first."""
        if facet not in ALL_FACETS:
            raise ValueError(f"unknown facet {facet!r}; facets: {', '.join(ALL_FACETS)}")
        wanted = normalize(q)
        with self.searcher() as searcher:
            query = self._read(searcher, search_q).query
            table = self.facet_table(searcher)
            named = set(self.filter_resolver.values_for(facet, q)) if wanted and facet != "source" else set()
            if wanted and facet in (*ENTITY_FACETS, "region"):
                suggested = self._name_lookup(searcher).spelled(q)
                # A place facet lists oblasts by entity id, the region facet by code: both are offered.
                named |= {s["id"] for s in suggested} | {s["value"] for s in suggested}
            counts = table.count(self._matching_docs(searcher, query, None, TimeBudget(SEARCH_SECONDS)))
            values, total = table.listing(facet, counts, limit, match=lambda key: not wanted or key.value in named
                                          or wanted in normalize(table.label(key)))
        return {"facet": facet, "q": q, "total": total, "values": values[:limit]}

    def names(self, q: str, limit: int = 10) -> dict:
        """Name suggestions in any spelling, each with the number of indexed documents it would find."""
        with self.searcher() as searcher:
            lookup = self._name_lookup(searcher)
            return {"query": q, "names": lookup.lookup(q, limit, printed=_printed_in(searcher.reader()))}

    def _name_lookup(self, searcher) -> NameLookup:
        """The lookup over this index generation's names and counts, built once per generation."""
        table = self.facet_table(searcher)
        if self._lookup is None or self._lookup[0] is not table:
            counts = table.count(None)
            named = [(key, int(counts[n])) for n, key in enumerate(table.values) if key.facet in ENTITY_FACETS]
            documents = {key.value: count for key, count in named}
            # An oblast or region finds every document filed under it: the region facet's count.
            documents.update({f"region:{key.value}": int(counts[n]) for n, key in enumerate(table.values)
                              if key.facet == "region"})
            self._lookup = (table, NameLookup(
                default_resolver().gazetteer, documents,
                document_labels={key.value: table.label(key) for key, _count in named if key in table.labels},
                resolver=default_resolver(),
            ))
        return self._lookup[1]

    @staticmethod
    def _warnings(filters: Filters, table: FacetTable) -> list[str]:
        """Filter values that name nothing, or nothing any indexed document has."""
        warnings = []
        for facet, raw, values in filters.requested:
            if values and not any(table.has(facet, v) for v in values):
                warnings.append(f"no document has {facet}={raw}")
        return warnings

    def _applied(self, filters: Filters, table: FacetTable) -> list[dict]:
        applied = [{"facet": facet, "value": value, "label": self._value_label(table, facet, value)}
                   for facet, values in filters.values.items() for value in values
                   if facet in ("date", "source", "region") or FacetValue(facet, value) in table]
        for name, value in (("from", filters.date_from), ("to", filters.date_to)):
            if value:
                applied.append({"facet": name, "value": value, "label": value})
        return applied

    def _run(self, searcher, query, filter_query, request: SearchRequest, budget: TimeBudget,
             everything: bool = False):
        """The hits found in the budget (by relevance, or by date with undated documents last) and the
        numbers of every document matched."""
        wanted = None if everything else (request.offset + request.limit or 1)
        ordered = collector(searcher, request.sort, wanted, ranked=not isinstance(query, wq.Every))
        matches = _Matches(ordered, budget)
        outer = FilterCollector(matches, allow=filter_query) if filter_query is not None else matches
        try:
            searcher.search_with_collector(query, outer)
        except TimeLimit:
            pass
        return outer.results(), np.array(matches.docnums, dtype=np.int64)

    def _hit(self, hit, marks: PageHighlighter, names: list[NameTerm], entities: list[dict]) -> Hit:
        fields = hit.fields()
        snippets = marks.snippets(hit.docnum, fields.get("text", ""))
        return Hit(fields, _score(hit), snippets.fragments, explain_matches(names, snippets.spellings), entities)

    def iter_hits(self, request: SearchRequest) -> Iterator[dict]:
        """Every match of the request, best first, as stored fields and score: no snippets, no
        facets, no paging (for exports). The searcher stays open until the iterator is used up."""
        filters = self._filters(request)
        with self.searcher() as searcher:
            parsed = self._read(searcher, request.q, request.exact)
            results, _matched = self._run(searcher, parsed.query, filters.query(),
                                          replace(request, offset=0, limit=0), TimeBudget(None), everything=True)
            for hit in results:
                yield {**Hit(hit.fields(), _score(hit)).to_json(), "text": hit.get("text", "")}

    def document(self, doc_id: str) -> dict | None:
        with self.searcher() as searcher:
            fields = searcher.document(id=doc_id)
        if fields is None:
            return None
        return {**{k: fields.get(k, "") for k in ("id", "date", "source", "url", "lang", "text")},
                "title": display_title(fields)}
