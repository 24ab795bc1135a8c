"""Run a search against the index and shape the answer the CLI and the API share."""

import threading
from bisect import bisect_right
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

from . import entity as entities
from .arrays import Evaluation, Postings
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
    #: One hit per story: the reports that print the same story folded into the best-ranked one.
    collapse: bool = True
    #: Only the reports of this document's story.
    story: str = ""
    #: Facet counts count stories, not documents (ten copies of one wire story count once).
    count_stories: bool = False
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
        return search_fingerprint(self.q, self.exact, self.filters, self.date_from, self.date_to, self.sort,
                                  self.story, self.collapse)


@dataclass
class Hit:
    fields: dict
    score: float | None
    snippets: list[str] = field(default_factory=list)
    matched: list[dict] = field(default_factory=list)
    #: What the document names, most mentioned first: [{"facet", "value", "label"}].
    entities: list[dict] = field(default_factory=list)
    #: The page each snippet is on (a PDF's), else empty.
    pages: list[int] = field(default_factory=list)
    #: The id of its story (its earliest report's), the story's reports this search matches, and the
    #: others of them ({"id", "title", "date", "source"}).
    story: str = ""
    story_size: int = 1
    story_others: list[dict] = field(default_factory=list)

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
            "pages": self.pages,
            "parent": f.get("parent", ""),
            "story": self.story or f["id"],
            "story_size": self.story_size,
            "story_others": self.story_others,
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
    #: The documents matched and passing every filter, before stories are folded.
    selected: np.ndarray
    #: The hits there are (one a story when folded).
    total: int
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


def page_numbers(page_starts: list[int] | None, offsets: list[int]) -> list[int]:
    """The page (from 1) each text offset is on, given where the pages after the first start; [] unpaged."""
    return [bisect_right(page_starts, offset) + 1 for offset in offsets] if page_starts else []


def _earliest_first(generation: Generation, searcher, docnums: np.ndarray, limit: int | None = None) -> list[dict]:
    """The first `limit` of documents oldest first (the undated last), each as a line in a list."""
    return [_brief(searcher.stored_fields(int(d))) for d in generation.table.by_date(docnums, newest=False)[:limit]]


def _brief(fields: dict) -> dict:
    """A document as a line in a list: id, title, date, source."""
    return {"id": fields["id"], "title": display_title(fields), "date": fields.get("date", ""),
            "source": fields.get("source", "")}


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
        self._postings = Postings()

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
                return Generation(self.ix, self.ix.latest_generation(), self.facet_label, ranking_model(), self._postings)
            except FileNotFoundError:  # a commit deleted it while it was being opened: take the next
                time.sleep(0.05)
        return Generation(self.ix, self.ix.latest_generation(), self.facet_label, ranking_model(), self._postings)

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
            return self._search(generation, searcher, request, filters, started)

    def _search(self, generation: Generation, searcher, request: SearchRequest, filters: Filters,
                started: float) -> dict:
        """One search in one generation (see search())."""
        table = generation.table
        parsed = self._read(searcher, request.q, request.exact)
        query = parsed.query
        budget = TimeBudget(SEARCH_SECONDS)
        collected = self._run(generation, searcher, query, filters, request, budget)
        page = collected.hits[request.offset : request.offset + request.limit]
        records = FacetRecords(searcher.reader(), self.facet_label)
        marks = PageHighlighter(searcher, "text", _marked_terms(query, searcher.reader()), [hit.docnum for hit in page])
        hits = [self._hit(hit, marks, parsed.names, records.entities(hit.docnum)) for hit in page]
        self._tell_stories(generation, searcher, collected, page, hits)
        facets, facet_totals = self._facets(table, collected, filters, request.facet_size,
                                            generation.stories.labels if request.count_stories else None)
        cursor = self._next_cursor(request, collected, page, hits, generation)
        warnings = self._warnings(filters, table)
        if budget.spent:
            warnings.append(f"the search ran out of time after {SEARCH_SECONDS:g} s: the hits and counts are "
                            "those found by then")
        return {
            "query": request.q,
            "total": collected.total,
            "documents": int(collected.selected.sum()),
            "collapse": request.collapse,
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

    # -- entities -------------------------------------------------------------------

    def entity(self, facet: str, value: str, limit: int = 10) -> dict:
        """Everything about one entity (see search.entity): value is its facet value, or any label or
        spelling that names one the collection has (the answer's "value" is then the canonical one).
        UnknownEntityError when the collection names no such entity."""
        started = time.perf_counter()
        if facet not in entities.ENTITY_PAGE_FACETS:
            raise entities.UnknownEntityError(
                f"There are entity pages for {', '.join(entities.ENTITY_PAGE_FACETS)}, not for {facet!r}.")
        resolver = default_resolver()
        with self.reading() as (generation, searcher):
            table = generation.table
            value = self._entity_value(table, facet, value)
            own = FacetValue(facet, value)
            request = SearchRequest(filters={facet: [value]}, sort="newest", limit=limit, facet_size=1)
            filters = self._filters(request)
            documents = self._search(generation, searcher, request, filters, started)
            mask = table.mask(filters)
            counts = table.count(mask)
            key = entities.entity_key(resolver.gazetteer, facet, value)
            return {
                **entities.describe(resolver.gazetteer, facet, value, table.label(own)),
                "documents": documents["documents"],
                "spellings": entities.spellings(searcher.reader(), table, mask, key, resolver),
                "months": table.listing("date", counts, None)[0],
                "region_counts": table.listing("region", counts, None)[0],
                "company": entities.company(table, counts, facet, value, key),
                "hits": documents["hits"],
                "took_ms": round((time.perf_counter() - started) * 1000, 1),
            }

    def _entity_value(self, table: FacetTable, facet: str, raw: str) -> str:
        """The facet value raw is, or the first one it names that some document has."""
        if table.has(facet, raw):
            return raw
        named = [v for v in self.filter_resolver.values_for(facet, raw.strip()) if table.has(facet, v)]
        if not named:
            raise entities.UnknownEntityError(f"No document in this collection names the {facet} {raw!r}.")
        return named[0]

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
    def _facets(table: FacetTable, collected: _Collected, filters: Filters, size: int,
                stories: np.ndarray | None) -> tuple[dict, dict]:
        """Counts per facet over all matches (of documents, or of stories when given each document's story);
        a filtered facet is counted without its own filter, so its other values stay visible to widen the
        choice (OR within a facet). All from the one pass's matches."""
        counts = table.count(collected.selected, stories)
        facets, totals = {}, {}
        for facet in ALL_FACETS:
            own = counts
            if filters.values.get(facet):
                own = table.count(collected.documents(table.mask(filters, leave_out=facet)), stories)
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
        selected = (table.live if allowed is None else allowed) if unranked else \
            (matched if allowed is None else matched & allowed)
        if request.story:
            selected = selected & self._story_of(generation, searcher, request.story)
        by_score = request.sort == "relevance" and not unranked
        newest = request.sort != "oldest"
        candidates = selected
        if request.collapse:
            candidates = generation.stories.fold(
                selected, (lambda docs: -scores[docs]) if by_score else (lambda docs: table.date_order(docs, newest)))
        documents = np.flatnonzero(candidates)
        total = len(documents)
        order = "relevance" if by_score else "newest" if newest else "oldest"
        if request.cursor:
            cursor, docnum = self._continued(request, order, generation, searcher)
            documents = cursor.following(documents, scores, table.dates, docnum)
        ranked = len(documents)
        wanted = None if everything else request.offset + request.limit
        if by_score:
            documents = _best(documents, scores[documents], wanted)
        else:
            documents = table.by_date(documents, newest=newest)[:wanted]
        hits = [_Ranked(searcher, int(d), float(scores[d]) if by_score else None) for d in documents]
        return _Collected(hits, matched, allowed, selected, total, order, ranked)

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

    @staticmethod
    def _story_of(generation: Generation, searcher, doc_id: str) -> np.ndarray:
        """The mask of the documents of a document's story (none when no document has the id)."""
        docnum = searcher.document_number(id=doc_id)
        if docnum is None:
            return np.zeros(generation.table.doc_count, dtype=bool)
        return generation.stories.of(docnum)

    #: The other reports of a story listed with a hit.
    STORY_OTHERS = 10

    def _tell_stories(self, generation: Generation, searcher, collected: _Collected, page: list, hits: list[Hit]):
        """Each hit's story, how many of its reports the search matches, and which the others are."""
        stories = generation.stories
        for ranked, hit in zip(page, hits):
            if not stories.shared[ranked.docnum]:
                continue
            others = stories.others(ranked.docnum, collected.selected)
            hit.story = searcher.stored_fields(int(stories.labels[ranked.docnum]))["id"]
            hit.story_size = len(others) + 1
            hit.story_others = _earliest_first(generation, searcher, others, self.STORY_OTHERS)

    def _hit(self, hit, marks: PageHighlighter, names: list[NameTerm], entities: list[dict]) -> Hit:
        fields = hit.fields()
        snippets = marks.snippets(hit.docnum, fields.get("text", ""))
        return Hit(fields, hit.score, snippets.fragments, explain_matches(names, snippets.spellings), entities,
                   page_numbers(fields.get("pages"), snippets.anchors))

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
                values = [records.values(ranked.docnum) for ranked in batch]
                hits = [self._hit(ranked, marks, parsed.names, FacetRecords.entities_of(found)) if marks else
                        Hit(ranked.fields(), ranked.score, entities=FacetRecords.entities_of(found))
                        for ranked, found in zip(batch, values)]
                self._tell_stories(generation, searcher, collected, batch, hits)
                for hit, found in zip(hits, values):
                    row = {**hit.to_json(), "facets": found}
                    if text:
                        row["text"] = hit.fields.get("text", "")
                    yield row

    def matching_ids(self, request: SearchRequest) -> list[str]:
        """The id of every match, in the search's order: what a saved search finds now."""
        filters = self._filters(request)
        with self.reading() as (generation, searcher):
            parsed = self._read(searcher, request.q, request.exact)
            collected = self._run(generation, searcher, parsed.query, filters,
                                  replace(request, offset=0, limit=0, cursor="", collapse=False), TimeBudget(None),
                                  everything=True)
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

    def document_matches(self, doc_id: str, q: str, exact: bool = False) -> dict:
        """Where a search matches one document's text, as its snippets are marked: every matched word's
        character span (`spans`, in text order) and, as a hit's `matched`, which spelling matched which
        name and why. A query with no words (or none found here) marks nothing; an unreadable one raises
        QuerySyntaxError (a ValueError) as a search would."""
        with self.searcher() as searcher:
            docnum = searcher.document_number(id=doc_id)
            parsed = self._read(searcher, q, exact)
            if docnum is None or isinstance(parsed.query, wq.Every):
                return {"spans": [], "matched": []}
            marks = PageHighlighter(searcher, "text", _marked_terms(parsed.query, searcher.reader()), [docnum])
            found = marks.matches(docnum, searcher.stored_fields(docnum).get("text", ""))
        return {"spans": [(token.startchar, token.endchar) for token in found.tokens],
                "matched": explain_matches(parsed.names, found.spellings)}

    def document(self, doc_id: str) -> dict | None:
        """A document's stored fields, its facet values as indexed (title and text, regions too), and the
        other reports of its story (earliest first)."""
        with self.reading() as (generation, searcher):
            docnum = searcher.document_number(id=doc_id)
            if docnum is None:
                return None
            fields = searcher.stored_fields(docnum)
            story = _earliest_first(generation, searcher, generation.stories.others(docnum, generation.table.live))
            facets = FacetRecords(searcher.reader(), self.facet_label).values(docnum)
        return {**{k: fields.get(k, "") for k in ("id", "date", "source", "url", "lang", "text", "parent")},
                "title": display_title(fields), "pages": fields.get("pages", []), "story": story, "facets": facets}
