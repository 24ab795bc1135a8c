"""Near-duplicate stories: the documents that print the same story (a wire copy under another headline,
a release reprinted, the same text in two feeds) share a story.

At index time each document's text gets a MinHash signature over its 5-word shingles (datasketch),
kept in a column. A generation's stories are then found over every signature at once, by the
banding of locality-sensitive hashing: documents whose signatures agree on every row of one band
are candidates, and a candidate pair is one story when the share of their signatures that agrees
(the estimate of their shingles' Jaccard similarity) reaches THRESHOLD. Stories are the connected
groups of such pairs. The banding is numpy over the whole collection rather than datasketch's
MinHashLSH, which would insert and query one document at a time in Python on every commit; the
band count and width are the ones MinHashLSH chooses for CANDIDATES, well below THRESHOLD, as
MinHashLSH's own choice for THRESHOLD finds only 40% of the pairs at THRESHOLD. An estimate
within MARGIN of THRESHOLD (three standard deviations of it) is settled by the exact similarity
of the two texts, when they can be read.
"""

import re
import zlib
from collections.abc import Callable
from functools import lru_cache

import numpy as np

#: Words per shingle, hash functions per signature, and the Jaccard similarity that makes one story.
SHINGLE_WORDS = 5
NUM_PERM = 128
THRESHOLD = 0.8
CANDIDATES = 0.5
MARGIN = 0.1
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _template():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32)


def shingles(text: str) -> set[bytes]:
    """The text's runs of SHINGLE_WORDS words, case folded (a text shorter than that is one shingle)."""
    words = _WORD.findall(text.casefold())
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode() for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def signature(text: str) -> bytes:
    """The MinHash signature of a text's shingles, NUM_PERM 32-bit values; b"" for a text with no words."""
    from datasketch import MinHash

    found = shingles(text)
    if found == {b""}:
        return b""
    template = _template()
    minhash = MinHash(num_perm=NUM_PERM, permutations=template.permutations, scheme=template.scheme,
                      hashfunc=zlib.crc32)
    minhash.update_batch(found)
    return minhash.hashvalues.astype("<u4").tobytes()


def signatures_array(values) -> tuple[np.ndarray, np.ndarray]:
    """(NUM_PERM columns of uint32 per document, whether it has a signature) from signature() bytes."""
    values = list(values)
    present = np.asarray([len(v or b"") == 4 * NUM_PERM for v in values], dtype=bool)
    array = np.zeros((len(values), NUM_PERM), dtype=np.uint32)
    if present.any():
        array[present] = np.frombuffer(b"".join(v for v, p in zip(values, present) if p), dtype="<u4").reshape(-1, NUM_PERM)
    return array, present


#: Bands and rows per band: what datasketch's MinHashLSH picks for CANDIDATES and NUM_PERM (a test
#: checks), kept here so that a search, which groups, need not import datasketch (3 s).
BANDS, ROWS = 25, 5


def group(signatures: np.ndarray, present: np.ndarray, order: np.ndarray | None = None,
          text_of: Callable[[int], str] | None = None) -> np.ndarray:
    """Each document's story: the number of the story's first document by `order` (a rank per document,
    lower first; default the document number). A document without a signature is a story of its own.
    text_of(number) gives a document's text, to settle the pairs whose estimate is too close to call."""
    count = len(signatures)
    if not count:
        return np.zeros(0, dtype=np.int64)
    order = np.arange(count) if order is None else np.asarray(order)
    first, second = _candidate_pairs(signatures, present)
    estimate = (signatures[first] == signatures[second]).mean(axis=1) if len(first) else np.zeros(0)
    agree = estimate >= THRESHOLD
    if text_of is not None:
        for n in np.flatnonzero(np.abs(estimate - THRESHOLD) < MARGIN):
            agree[n] = jaccard(shingles(text_of(int(first[n]))), shingles(text_of(int(second[n])))) >= THRESHOLD
    first, second = first[agree], second[agree]
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    graph = coo_matrix((np.ones(len(first), dtype=np.int8), (first, second)), shape=(count, count))
    _count, component = connected_components(graph, directed=False)
    # The story's representative: its document first by order (ties: the lower number).
    ranked = np.lexsort((np.arange(count), order, component))
    leaders = np.full(component.max() + 1, -1, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, component[ranked][1:] != component[ranked][:-1]])
    leaders[component[ranked][starts]] = ranked[starts]
    return leaders[component]


def _candidate_pairs(signatures: np.ndarray, present: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of documents whose signatures agree on a whole band: each document and the first one of its
    bucket (enough to connect the bucket), over every band. A band's rows are hashed to one 64-bit key
    (a chance collision only adds a candidate, which the estimate then turns down)."""
    rows = ROWS
    documents = np.flatnonzero(present)
    multipliers = _ODD_MULTIPLIERS[:rows]
    firsts, seconds = [], []
    with np.errstate(over="ignore"):
        for band in range(BANDS):
            block = signatures[documents, band * rows : (band + 1) * rows].astype(np.uint64)
            keys = (block * multipliers).sum(axis=1, dtype=np.uint64) ^ (block[:, 0] << np.uint64(32))
            ordered = np.argsort(keys)
            sorted_keys = keys[ordered]
            starts = np.r_[True, sorted_keys[1:] != sorted_keys[:-1]]
            head = ordered[np.flatnonzero(starts)][np.cumsum(starts) - 1]
            shared = head != ordered
            firsts.append(documents[head[shared]])
            seconds.append(documents[ordered[shared]])
    if not firsts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    pairs = np.unique(np.stack([np.concatenate(firsts), np.concatenate(seconds)], axis=1), axis=0)
    return pairs[:, 0], pairs[:, 1]


#: Odd 64-bit multipliers (fixed), one per row of a band, for its key.
_ODD_MULTIPLIERS = np.random.default_rng(20221).integers(1, 2**63, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)
