"""Run a search against the index and shape the answer the CLI and the API share."""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from whoosh import query as wq
from whoosh import scoring
from whoosh.searching import Searcher

from frontline.index.entities import EntityExtractor
from frontline.index.entities.facet_values import ALL_FACETS
from frontline.index.names.resolver import default_resolver
from frontline.index.schema import UnreadableSchemaError, build_schema, open_existing, schema_signature
from frontline.index.names.spelling import normalize
from frontline.index.readers.documents import lead
from frontline.index.readers.language import language_name
from frontline.index.terms import exact_term

from .arrays import Evaluation
from .cursor import Cursor, CursorError, search_fingerprint
from .explain import explain_matches
from .facets import ENTITY_FACETS, FacetRecords, FacetTable, FacetValue, month_label
from .filters import FilterResolver, Filters
from .generation import Generation
from .names import NameLookup
from .ordering import canonical_sort
from .query import SEARCHED_FIELDS, NameTerm, ParsedQuery, check_size, parse_query
from .snippets import PageHighlighter

#: A search collects hits for at most this long; past it the hits found so far are returned, with a warning.
SEARCH_SECONDS = 5.0
#: BM25's length normalisation (b) for titles, tuned on `bench ranking` with TITLE_BOOST; the text keeps 0.75.
TITLE_B = 0.3
MAX_LIMIT = 1000
#: Hits an export marks passages for together: one pass over each query term's postings per batch.
EXPORT_BATCH = 200
#: Tries at opening the newest generation while commits delete the one before.
_OPEN_ATTEMPTS = 5


def _best(documents: np.ndarray, scores: np.ndarray, wanted: int | None) -> np.ndarray:
    """documents by score, best first, ties in index order (as Whoosh ranks them); the first `wanted`."""
    if wanted is not None and len(documents) > wanted:
        if wanted == 0:
            return documents[:0]
        least = np.partition(scores, len(scores) - wanted)[len(scores) - wanted]
        keep = scores >= least
        documents, scores = documents[keep], scores[keep]
    return documents[np.lexsort((documents, -scores))][:wanted]


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
    #: Continue after the last hit of the page that answered this cursor (see search.cursor); no offset with it.
    cursor: str = ""

    def __post_init__(self):
        self.limit = max(0, min(int(self.limit), MAX_LIMIT))
        self.offset = max(0, int(self.offset))
        self.sort = canonical_sort(self.sort)
        if self.cursor and self.offset:
            raise CursorError("a cursor continues where its page ended: give the cursor or an offset, not both")

    def params(self) -> list[tuple[str, str]]:
        """The search's query, filters and sort as /api/search and the search page take them."""
        params = [("q", self.q)] if self.q else []
        params += [(facet, value) for facet, values in self.filters.items() for value in values]
        params += [(name, value) for name, value in (("from", self.date_from), ("to", self.date_to)) if value]
        if self.sort != "relevance":
            params.append(("sort", self.sort))
        if self.exact:
            params.append(("exact", "1"))
        return params

    def fingerprint(self) -> str:
        """What this search finds and in which order (a cursor names the search it belongs to)."""
        return search_fingerprint(self.q, self.exact, self.filters, self.date_from, self.date_to, self.sort)


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


class _Ranked:
    """A hit: its document number and score (None when ordered by date); its fields read when shown."""

    __slots__ = ("docnum", "score", "_searcher")

    def __init__(self, searcher, docnum: int, score: float | None):
        self._searcher, self.docnum, self.score = searcher, docnum, score

    def fields(self) -> dict:
        return self._searcher.stored_fields(self.docnum)


@dataclass
class _Collected:
    """What one evaluation of a query found."""

    hits: list[_Ranked]
    #: The documents the query matches, before filters (None: every document).
    matched: np.ndarray | None
    #: The documents passing the filters (None: no filter).
    allowed: np.ndarray | None
    #: How the hits are ordered: "relevance", "newest" or "oldest" (see search.cursor).
    order: str
    #: How many hits the order holds past the request's cursor (all of them without one).
    ranked: int

    def documents(self, passing: np.ndarray | None) -> np.ndarray | None:
        """The mask of matched documents that pass `passing` (None: every document)."""
        if self.matched is None:
            return passing
        return self.matched if passing is None else self.matched & passing


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
        older = IndexMissingError(f"the index at {index_dir} was built by an older version of Frontline: "
                                  "run 'frontline index' again to rebuild it")
        try:
            self.ix = open_existing(index_dir)
        except UnreadableSchemaError:
            raise older from None
        if self.ix is None:
            raise IndexMissingError(f"no index at {index_dir}: run 'frontline index' first")
        if schema_signature(self.ix.schema) != schema_signature(build_schema()):
            raise older
        self.index_dir = index_dir
        self._filter_resolver: FilterResolver | None = None
        self._generation: Generation | None = None
        self._opening = threading.Lock()
        self._extractor: EntityExtractor | None = None

    def generation(self) -> Generation:
        """The newest committed generation: opened once when a commit is first seen, then shared."""
        latest = self.ix.latest_generation()
        current = self._generation
        if current is None or current.number != latest:
            with self._opening:
                current = self._generation
                if current is None or current.number != self.ix.latest_generation():
                    current = self._generation = self._open_generation()
        return current

    def _open_generation(self) -> Generation:
        for _attempt in range(_OPEN_ATTEMPTS):
            try:
                return Generation(self.ix, self.ix.latest_generation(), self.facet_label, ranking_model())
            except FileNotFoundError:  # a commit deleted it while it was being opened: take the next
                time.sleep(0.05)
        return Generation(self.ix, self.ix.latest_generation(), self.facet_label, ranking_model())

    @contextmanager
    def reading(self) -> Iterator[tuple[Generation, Searcher]]:
        """The newest generation and a searcher of it, for one search: all it reads comes from the one."""
        for attempt in range(_OPEN_ATTEMPTS):
            generation = self.generation()
            try:
                searcher = generation.take()
                break
            except FileNotFoundError:  # gone since it was opened: generation() now sees the next one
                if attempt == _OPEN_ATTEMPTS - 1:
                    raise
                time.sleep(0.05)
        try:
            yield generation, searcher
        finally:
            generation.give_back(searcher)

    @contextmanager
    def searcher(self) -> Iterator[Searcher]:
        with self.reading() as (_generation, searcher):
            yield searcher

    def _read(self, searcher, q: str, exact: bool = False) -> ParsedQuery:
        """The query of q (names in every spelling unless exact), refused if its patterns expand too far."""
        # The searcher's schema, not ix.schema: that one re-reads the newest table of contents, which a commit may
        # be deleting.
        parsed = parse_query(q, searcher.schema, None if exact else default_resolver())
        check_size(parsed.query, searcher.reader())
        return parsed

    def _filters(self, request: SearchRequest) -> Filters:
        filters = self.filter_resolver.resolve(request.filters, request.date_from, request.date_to)
        filters.check()
        return filters

    def search(self, request: SearchRequest) -> dict:
        started = time.perf_counter()
        filters = self._filters(request)
        with self.reading() as (generation, searcher):
            table = generation.table
            parsed = self._read(searcher, request.q, request.exact)
            query = parsed.query
            budget = TimeBudget(SEARCH_SECONDS)
            collected = self._run(generation, searcher, query, filters, request, budget)
            selected = collected.documents(collected.allowed)
            total = int(table.live.sum() if selected is None else selected.sum())
            page = collected.hits[request.offset : request.offset + request.limit]
            records = FacetRecords(searcher.reader(), self.facet_label)
            marks = PageHighlighter(searcher, "text", _marked_terms(query, searcher.reader()), [hit.docnum for hit in page])
            hits = [self._hit(hit, marks, parsed.names, records.entities(hit.docnum)) for hit in page]
            facets, facet_totals = self._facets(table, collected, selected, filters, request.facet_size)
            cursor = self._next_cursor(request, collected, page, hits, generation)
        warnings = self._warnings(filters, table)
        if budget.spent:
            warnings.append(f"the search ran out of time after {SEARCH_SECONDS:g} s: the hits and counts are "
                            "those found by then")
        return {
            "query": request.q,
            "total": total,
            "offset": request.offset,
            "limit": request.limit,
            "cursor": cursor,
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

    def extractor(self) -> EntityExtractor:
        """An entity extractor that places names as the index did, with the collection's prior:
        for showing a document's mentions (its facets were extracted at index time)."""
        prior = self.generation().table.place_prior
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
        if facet == "lang":
            return language_name(value)
        gazetteer = default_resolver().gazetteer
        if facet == "region":
            return gazetteer.region_label(value)
        entity = gazetteer.get(value)
        return entity.label if entity else value

    @staticmethod
    def _facets(table: FacetTable, collected: _Collected, selected: np.ndarray | None, filters: Filters,
                size: int) -> tuple[dict, dict]:
        """Counts per facet over all matches; a filtered facet is counted without its own filter, so its
        other values stay visible to widen the choice (OR within a facet). All from the one pass's matches."""
        counts = table.count(selected)
        facets, totals = {}, {}
        for facet in ALL_FACETS:
            own = counts
            if filters.values.get(facet):
                own = table.count(collected.documents(table.mask(filters, leave_out=facet)))
            facets[facet], totals[facet] = table.listing(facet, own, size)
        return facets, totals

    def facet_values(self, facet: str, q: str = "", search_q: str = "", limit: int = 20) -> dict:
        """Values of one facet that q names in any spelling or whose label contains it, with counts over
        the documents search_q finds, most documents first."""
        if facet not in ALL_FACETS:
            raise ValueError(f"unknown facet {facet!r}; facets: {', '.join(ALL_FACETS)}")
        wanted = normalize(q)
        with self.reading() as (generation, searcher):
            query = self._read(searcher, search_q).query
            table = generation.table
            named = set(self.filter_resolver.values_for(facet, q)) if wanted and facet != "source" else set()
            if wanted and facet in (*ENTITY_FACETS, "region"):
                suggested = self._name_lookup(generation).spelled(q)
                # A place facet lists oblasts by entity id, the region facet by code: both are offered.
                named |= {s["id"] for s in suggested} | {s["value"] for s in suggested}
            matched = None
            if not isinstance(query, wq.Every):
                evaluation = Evaluation(searcher, generation.postings, table.live, TimeBudget(SEARCH_SECONDS))
                matched = evaluation.evaluate(query)[0]
            counts = table.count(matched)
            values, total = table.listing(facet, counts, limit, match=lambda key: not wanted or key.value in named
                                          or wanted in normalize(table.label(key)))
        return {"facet": facet, "q": q, "total": total, "values": values[:limit]}

    def names(self, q: str, limit: int = 10) -> dict:
        """Name suggestions in any spelling, each with the number of indexed documents it would find."""
        with self.reading() as (generation, searcher):
            lookup = self._name_lookup(generation)
            return {"query": q, "names": lookup.lookup(q, limit, printed=_printed_in(searcher.reader()))}

    def _name_lookup(self, generation: Generation) -> NameLookup:
        """The lookup over this index generation's names and counts, built once per generation."""
        with generation.cache_lock:
            if "lookup" not in generation.cache:
                generation.cache["lookup"] = self._build_name_lookup(generation.table)
            return generation.cache["lookup"]

    @staticmethod
    def _build_name_lookup(table: FacetTable) -> NameLookup:
        counts = table.count(None)
        named = [(key, int(counts[n])) for n, key in enumerate(table.values) if key.facet in ENTITY_FACETS]
        documents = {key.value: count for key, count in named}
        # An oblast or region finds every document filed under it: the region facet's count.
        documents.update({f"region:{key.value}": int(counts[n]) for n, key in enumerate(table.values)
                          if key.facet == "region"})
        return NameLookup(
            default_resolver().gazetteer, documents,
            document_labels={key.value: table.label(key) for key, _count in named if key in table.labels},
            resolver=default_resolver(),
        )

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

    def _run(self, generation: Generation, searcher, query, filters: Filters, request: SearchRequest,
             budget: TimeBudget, everything: bool = False) -> _Collected:
        """Every match of the query as arrays (see search.arrays), and the hits of the page (all of them
        when everything): by relevance, or by date with undated documents last. With no words to rank by,
        every document matches and the order is newest first."""
        table = generation.table
        allowed = table.mask(filters)
        unranked = isinstance(query, wq.Every)
        matched, scores = (None, None) if unranked else \
            Evaluation(searcher, generation.postings, table.live, budget).evaluate(query)
        candidates = (table.live if allowed is None else allowed) if unranked else \
            (matched if allowed is None else matched & allowed)
        documents = np.flatnonzero(candidates)
        order = "relevance" if request.sort == "relevance" and not unranked else \
            "oldest" if request.sort == "oldest" else "newest"
        if request.cursor:
            cursor, docnum = self._continued(request, order, generation, searcher)
            documents = cursor.following(documents, scores, table.dates, docnum)
        ranked = len(documents)
        wanted = None if everything else request.offset + request.limit
        if order == "relevance":
            documents = _best(documents, scores[documents], wanted)
        else:
            documents = table.by_date(documents, newest=order == "newest")[:wanted]
        hits = [_Ranked(searcher, int(d), float(scores[d]) if order == "relevance" else None) for d in documents]
        return _Collected(hits, matched, allowed, order, ranked)

    @staticmethod
    def _continued(request: SearchRequest, order: str, generation: Generation, searcher) -> tuple[Cursor, int]:
        """The request's cursor and the number its last hit has in this generation; CursorError when it
        cannot be read or was made for another search."""
        cursor = Cursor.decode(request.cursor)
        if cursor.search != request.fingerprint() or cursor.order != order:
            raise CursorError("the cursor was made for another search: continue with the query, filters and "
                              "sort it was made for")
        if cursor.generation == generation.number:
            return cursor, cursor.docnum
        # A commit since: documents may have been renumbered, so the last hit is found again by its id.
        docnum = searcher.document_number(id=cursor.doc_id)
        return cursor, cursor.docnum if docnum is None else docnum

    @staticmethod
    def _next_cursor(request: SearchRequest, collected: _Collected, page: list[_Ranked], hits: list[Hit],
                     generation: Generation) -> str | None:
        """The cursor that continues after this page; None when no hit follows it."""
        if not page or request.offset + len(page) >= collected.ranked:
            return None
        last = page[-1]
        key = last.score if collected.order == "relevance" else str(generation.table.dates[last.docnum])
        return Cursor(collected.order, key, last.docnum, hits[-1].fields["id"], generation.number,
                      request.fingerprint()).encode()

    def _hit(self, hit, marks: PageHighlighter, names: list[NameTerm], entities: list[dict]) -> Hit:
        fields = hit.fields()
        snippets = marks.snippets(hit.docnum, fields.get("text", ""))
        return Hit(fields, hit.score, snippets.fragments, explain_matches(names, snippets.spellings), entities)

    def iter_hits(self, request: SearchRequest, text: bool = True, snippets: bool = True) -> Iterator[dict]:
        """Every match of the request in the search's order, no paging, each the API's hit (passages and
        matched spellings unless snippets is False, entities) with its facet values, regions too, and its
        text unless text is False: for exports, read and marked a batch at a time as it is consumed. The
        searcher stays open until the iterator is used up."""
        filters = self._filters(request)
        with self.reading() as (generation, searcher):
            parsed = self._read(searcher, request.q, request.exact)
            collected = self._run(generation, searcher, parsed.query, filters,
                                  replace(request, offset=0, limit=0), TimeBudget(None), everything=True)
            records = FacetRecords(searcher.reader(), self.facet_label)
            marked = _marked_terms(parsed.query, searcher.reader())
            for start in range(0, len(collected.hits), EXPORT_BATCH):
                batch = collected.hits[start : start + EXPORT_BATCH]
                marks = PageHighlighter(searcher, "text", marked, [hit.docnum for hit in batch]) if snippets else None
                for ranked in batch:
                    values = records.values(ranked.docnum)
                    entities = FacetRecords.entities_of(values)
                    hit = self._hit(ranked, marks, parsed.names, entities) if marks else \
                        Hit(ranked.fields(), ranked.score, entities=entities)
                    row = {**hit.to_json(), "facets": values}
                    if text:
                        row["text"] = hit.fields.get("text", "")
                    yield row

    def matching_ids(self, request: SearchRequest) -> list[str]:
        """The id of every match, in the search's order: what a saved search finds now."""
        filters = self._filters(request)
        with self.reading() as (generation, searcher):
            parsed = self._read(searcher, request.q, request.exact)
            collected = self._run(generation, searcher, parsed.query, filters,
                                  replace(request, offset=0, limit=0, cursor=""), TimeBudget(None), everything=True)
            ids = self._document_ids(generation, searcher)
            return [ids[hit.docnum] for hit in collected.hits]

    @staticmethod
    def _document_ids(generation: Generation, searcher) -> list[str | None]:
        """Each document number's id (None: deleted), read once per generation."""
        with generation.cache_lock:
            if "ids" not in generation.cache:
                reader = searcher.reader()
                ids: list[str | None] = [None] * reader.doc_count_all()
                for docnum in reader.all_doc_ids():
                    ids[docnum] = reader.stored_fields(docnum)["id"]
                generation.cache["ids"] = ids
            return generation.cache["ids"]

    def document(self, doc_id: str) -> dict | None:
        """The document's stored fields and its facet values as indexed (title and text), regions too."""
        with self.searcher() as searcher:
            docnum = searcher.document_number(id=doc_id)
            if docnum is None:
                return None
            fields = searcher.stored_fields(docnum)
            facets = FacetRecords(searcher.reader(), self.facet_label).values(docnum)
        return {**{k: fields.get(k, "") for k in ("id", "date", "source", "url", "lang", "text")},
                "title": display_title(fields), "facets": facets}
