"""A query evaluated over whole arrays: every match and its BM25F score, in numpy.

Whoosh walks a query's postings one document at a time in Python (a tree of matchers, one score()
call per match): 0.1–0.5 s for a common word at 30,000 documents, and linear in the archive. Here
each term's postings are read once per index generation into arrays (document numbers, weights)
and kept (or mapped from the arrays the indexer wrote beside the segment, see
``index.term_arrays``); a query's matches are one boolean mask and its scores one float array, combined node by
node as Whoosh's matchers combine them: OR adds its parts' scores, AND adds them where all match,
AND NOT keeps the left side's, the best-of (DisjunctionMax) takes the highest, a boost multiplies.
A term scores with the scorer Whoosh itself would use (its idf, average length, b and k1), so the
ranking is Whoosh's BM25F. Phrases and proximity ("air defense", "Zaporizhzhia nuclear"~5) are
matched here too: the documents holding every part are found from the arrays, and the positions
are decoded for those documents only and joined in numpy, with the rules of Whoosh's span
matchers (see :func:`_chained`). Other nodes (Khar*, ranges, spans of other shapes) are run by
Whoosh's own matchers and their (document, score) pairs taken into arrays.
"""

import threading
from collections import OrderedDict

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.query import spans
from whoosh.scoring import BM25FScorer

from frontline.index.term_arrays import TermArrays

#: Postings kept in memory per generation (document number and weight, 4 bytes each, as Whoosh stores them): ~80 MB.
CACHED_POSTINGS = 10_000_000
#: A position's key is document × _STRIDE + position: one sorted int64 array holds a term's positions in
#: every document, and two positions within a few words of each other are in the same document.
_STRIDE = 1 << 32


class Postings:
    """The per-term arrays and per-field lengths of segments, read on first use and kept while the
    segment is searched. A segment never changes once written (its deletions are the generation's
    live mask), so a commit that adds a segment keeps what was read of the others: the searches after
    it are as quick as before (Lucene's per-segment caches). A term the segment's term arrays hold is
    a view of the mapped file: nothing to decode, and its pages are shared by every process."""

    def __init__(self):
        self._cache: OrderedDict = OrderedDict()
        self._cached = 0
        self._lengths: dict[tuple[str, str], np.ndarray] = {}
        self._mapped: dict[str, TermArrays] = {}
        self._lock = threading.Lock()

    def keep(self, segment_ids: set[str]) -> None:
        """Forget what was read of segments other than these (merged away by a commit)."""
        with self._lock:
            for key in [key for key in self._cache if key[0] not in segment_ids]:
                self._cached -= len(self._cache.pop(key)[0])
            for key in [key for key in self._lengths if key[0] not in segment_ids]:
                del self._lengths[key]
            for key in [key for key in self._mapped if key not in segment_ids]:
                del self._mapped[key]

    def term(self, leaf, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        """(document numbers within the segment, weights) of a term in one segment's reader."""
        if (fieldname, btext) not in leaf:
            return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.float32)
        key = (segment_id(leaf), fieldname, btext)
        mapped = self._mapped_arrays(leaf, key[0]).get(fieldname, btext)
        if mapped is not None:
            return mapped
        with self._lock:
            found = self._cache.get(key)
            if found is not None:
                self._cache.move_to_end(key)
                return found
        found = _read_postings(leaf, fieldname, btext)
        with self._lock:
            if key not in self._cache:  # another search may have read it meanwhile
                self._cache[key] = found
                self._cached += len(found[0])
            while self._cached > CACHED_POSTINGS and len(self._cache) > 1:
                _key, (docs, _weights) = self._cache.popitem(last=False)
                self._cached -= len(docs)
        return found

    def _mapped_arrays(self, leaf, segment: str) -> TermArrays:
        with self._lock:
            mapped = self._mapped.get(segment)
            if mapped is None:
                mapped = self._mapped[segment] = TermArrays(leaf.storage(), segment)
            return mapped

    def lengths(self, leaf, fieldname: str) -> np.ndarray:
        """Every document's length in a field of one segment, as Whoosh stores it (one byte, decoded)."""
        key = (segment_id(leaf), fieldname)
        with self._lock:
            if key not in self._lengths:
                count = leaf.doc_count_all()
                self._lengths[key] = np.fromiter(
                    ((leaf.doc_field_length(d, fieldname) or 0) for d in range(count)), dtype=np.float64, count=count)
            return self._lengths[key]


def segment_id(reader) -> str:
    """The id of the segment a leaf reader reads (unique to it, kept by its deletions); "" for an empty index."""
    segment = reader.segment()
    return segment.segment_id() if segment is not None else ""


def _read_postings(leaf, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
    """Block by block (Whoosh decodes a block's ids and weights at once), not posting by posting."""
    if (fieldname, btext) not in leaf:
        return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.float32)
    matcher = leaf.postings(fieldname, btext)
    while not isinstance(matcher, W3LeafMatcher) and hasattr(matcher, "child"):  # deletions filter it
        matcher = matcher.child
    ids, weights = [], []
    if isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids.append(np.asarray(matcher._ids, dtype=np.int32)[matcher._i:])
            weights.append(np.asarray(matcher._weights, dtype=np.float32)[matcher._i:])
            matcher._next_block()
    else:  # another codec: one posting at a time
        for docnum in matcher.all_ids():
            ids.append(np.asarray([docnum], dtype=np.int32))
            weights.append(np.asarray([matcher.weight()], dtype=np.float32))
    if not ids:
        return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.float32)
    return np.concatenate(ids), np.concatenate(weights)


class Evaluation:
    """One query over one searcher: evaluate() gives (matched mask, scores) over all documents."""

    def __init__(self, searcher, postings: Postings, live: np.ndarray, budget):
        self.searcher = searcher
        self.postings = postings
        self.live = live
        self.budget = budget
        self.count = len(live)
        self.leaves = [(leaf, offset) for leaf, offset in searcher.leaf_searchers()]

    def evaluate(self, query: wq.Query) -> tuple[np.ndarray, np.ndarray]:
        matched, scores = self._node(query)
        return matched & self.live, np.where(matched & self.live, scores, 0.0)

    def _none(self):
        return np.zeros(self.count, dtype=bool), np.zeros(self.count)

    def _node(self, query: wq.Query):
        if isinstance(query, wq.Term):
            return self._term(query)
        if query is wq.NullQuery:
            return self._none()
        if isinstance(query, wq.Every) and query.fieldname in (None, "", "*"):
            return self.live.copy(), np.full(self.count, float(query.boost))
        if isinstance(query, wq.AndNot):
            matched, scores = self._node(query.a)
            excluded, _ = self._node(query.b)
            return matched & ~excluded, scores
        if isinstance(query, wq.Not):
            excluded, _ = self._node(query.query)
            return self.live & ~excluded, np.full(self.count, 1.0)
        if type(query) in (wq.Or, wq.And) or (type(query) is wq.DisjunctionMax and not query.tiebreak):
            if not getattr(query, "scale", None) and not getattr(query, "minmatch", 0):
                return self._compound(query)
        near = _near_parts(query, self.searcher.schema)
        if near is not None:
            return self._near(*near)
        return self._by_whoosh(query)

    def _compound(self, query):
        parts = [self._node(sub) for sub in query.subqueries]
        if not parts:
            return self._none()
        if len(parts) == 1:  # Whoosh uses the one part's matcher: no boost of its own
            return parts[0]
        masks = [m for m, _ in parts]
        if isinstance(query, wq.And):
            matched = np.logical_and.reduce(masks)
            scores = np.sum([s for _, s in parts], axis=0)
        elif isinstance(query, wq.DisjunctionMax):
            matched = np.logical_or.reduce(masks)
            scores = np.max([np.where(m, s, -np.inf) for m, s in parts], axis=0)
        else:
            matched = np.logical_or.reduce(masks)
            scores = np.sum([np.where(m, s, 0.0) for m, s in parts], axis=0)
        scores = np.where(matched, scores, 0.0)
        return matched, scores * query.boost if query.boost != 1.0 else scores

    def _term(self, query: wq.Term):
        schema = self.searcher.schema
        if query.fieldname not in schema:
            return self._none()
        field = schema[query.fieldname]
        try:
            btext = field.to_bytes(query.text)
        except ValueError:
            return self._none()
        if not field.scorable:
            return self._by_whoosh(query)
        matched, scores = self._none()
        for leaf, offset in self.leaves:
            docs, weights = self.postings.term(leaf.reader(), query.fieldname, btext)
            if not len(docs):
                continue
            scorer = self.searcher.weighting.scorer(leaf, query.fieldname, btext)
            if not isinstance(scorer, BM25FScorer):
                return self._by_whoosh(query)
            weights = weights.astype(np.float64)  # scored in double precision, as Whoosh scores
            lengths = self.postings.lengths(leaf.reader(), query.fieldname)[docs]
            k1, b = scorer.K1, scorer.B
            term_scores = scorer.idf * ((weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * lengths / scorer.avgfl)))
            matched[docs + offset] = True
            scores[docs + offset] = term_scores * query.boost if query.boost != 1.0 else term_scores
        return matched, scores

    def _near(self, fieldname: str, parts: list[list[str]], slop: int, ordered: bool, boost: float):
        """Documents where a term of each part follows the one before within slop words (in any order
        when not ordered), scored as Whoosh's span matchers score: each part by its terms that the
        document holds, wherever they are, the parts summed."""
        evaluated = [[self._term(wq.Term(fieldname, text)) for text in part] for part in parts]
        masks = [np.logical_or.reduce([m for m, _ in terms]) for terms in evaluated]
        candidates = np.logical_and.reduce(masks) & self.live
        if not candidates.any():
            return self._none()
        keys = [np.unique(np.concatenate([self._positions(fieldname, text, candidates) for text in part]))
                for part in parts]
        matched = np.zeros(self.count, dtype=bool)
        matched[_chained(keys, slop, ordered) // _STRIDE] = True
        scores = np.sum([np.where(m, s, 0.0) for terms in evaluated for m, s in terms], axis=0)
        return matched, np.where(matched, scores * boost, 0.0)

    def _positions(self, fieldname: str, text: str, candidates: np.ndarray) -> np.ndarray:
        """The keys (document × _STRIDE + position) of a term's positions in the candidate documents,
        decoded from the posting blocks that hold a candidate only."""
        btext = self.searcher.schema[fieldname].to_bytes(text)
        decode = self.searcher.schema[fieldname].format.decode_positions
        keys: list[int] = []
        for leaf, offset in self.leaves:
            reader = leaf.reader()
            count = reader.doc_count_all()
            local = candidates[offset : offset + count]
            if (fieldname, btext) not in reader or not local.any():
                continue
            matcher = reader.postings(fieldname, btext)
            while not isinstance(matcher, W3LeafMatcher) and hasattr(matcher, "child"):  # deletions filter it
                matcher = matcher.child
            if not isinstance(matcher, W3LeafMatcher):  # another codec: one posting at a time
                for docnum in matcher.all_ids():
                    if local[docnum]:
                        keys += [(offset + docnum) * _STRIDE + p for p in matcher.value_as("positions")]
                continue
            before = np.concatenate(([0], np.cumsum(local)))  # candidates below each document number
            last = -1
            while matcher.is_active() and self.budget.left():  # past the budget: the matches found by then
                top = min(matcher.block_max_id(), count - 1)
                if before[top + 1] > before[last + 1]:  # a candidate in this block's range of documents
                    matcher._read_ids()
                    matcher._read_values()
                    ids = np.asarray(matcher._ids, dtype=np.int64)
                    for i in np.flatnonzero(local[ids]):
                        base = (offset + int(ids[i])) * _STRIDE
                        keys += [base + p for p in decode(matcher._values[i])]
                last = top
                matcher._next_block()
        return np.asarray(keys, dtype=np.int64)

    def _by_whoosh(self, query: wq.Query):
        """Whoosh's own matcher, document by document (phrases, spans, patterns, ranges)."""
        matched, scores = self._none()
        context = self.searcher.context()
        for leaf, offset in self.leaves:
            matcher = query.matcher(leaf, context)
            number = 0
            while matcher.is_active():
                if number % 256 == 0 and not self.budget.left():
                    return matched, scores
                docnum = offset + matcher.id()
                matched[docnum] = True
                scores[docnum] = matcher.score()
                matcher.next()
                number += 1
        return matched, scores


def _near_parts(query: wq.Query, schema) -> tuple[str, list[list[str]], int, bool, float] | None:
    """(field, each part's terms, slop, ordered, boost) of a phrase or a span-near of terms (or of
    ORs of terms) over one positional field; None for any other query, which Whoosh then runs.

    A Phrase is Whoosh's ordered SpanNear2 with mindist 1, boosted by its boost; a SpanNear2 ignores its
    boost in Whoosh, and so here. An unordered span of more than two parts is left to Whoosh: its
    growing spans are measured from either end."""
    if isinstance(query, wq.Phrase):
        fieldname, parts, slop, ordered, boost = query.fieldname, [[w] for w in query.words], query.slop, True, query.boost
    elif type(query) is spans.SpanNear2 and query.mindist == 1 and (query.ordered or len(query.qs) == 2):
        parts, fields = [], set()
        for part in query.qs:
            terms = [part] if isinstance(part, wq.Term) else getattr(part, "subqs", None) if isinstance(part, spans.SpanOr) else None
            if not terms or not all(type(t) is wq.Term and t.boost == 1.0 for t in terms):
                return None
            parts.append([t.text for t in terms])
            fields.update(t.fieldname for t in terms)
        if len(fields) != 1:
            return None
        fieldname, slop, ordered, boost = fields.pop(), query.slop, query.ordered, 1.0
    else:
        return None
    field = schema[fieldname] if fieldname in schema else None
    if field is None or not field.format or not field.format.supports("positions") or len(parts) < 2:
        return None
    return fieldname, parts, slop, ordered, boost


def _chained(keys: list[np.ndarray], slop: int, ordered: bool) -> np.ndarray:
    """The position keys where a chain of the parts' positions ends (sorted, unique keys per part).

    Whoosh's SpanNear2 with mindist 1: ordered, each next position comes 1 to slop words after the
    one before; unordered (two parts), the second is 1 to slop words from the first, either side."""
    reached = keys[0]
    for following in keys[1:]:
        if not len(reached):
            break
        if ordered:
            window = np.searchsorted(reached, following - 1, side="right") - np.searchsorted(reached, following - slop)
        else:
            window = (np.searchsorted(reached, following + slop, side="right") - np.searchsorted(reached, following - slop)
                      - (np.searchsorted(reached, following, side="right") - np.searchsorted(reached, following)))
        reached = following[window > 0]
    return reached
