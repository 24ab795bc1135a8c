"""The stories of one index generation: which documents print the same story, and a search's results
folded to one hit per story (see :mod:`frontline.index.stories` for how stories are found).

A story's representative is its earliest-dated document (the first report); its id is the story's
id. Folding keeps, of each story's matching documents, the one the search ranks first, and says
how many matched: "3 more reports of this story".

Grouping a generation takes seconds at 100,000 documents, so the first process to open a generation
keeps its stories in a file beside the index (``frontline-stories-KEY.npy``, KEY naming the
generation and its segments), and the others, the server's other workers and the next searches
after a restart, read it; the files of other generations are removed then.
"""

import hashlib
import os
from pathlib import Path

import numpy as np

from frontline.index import stories

CACHE_PREFIX = "frontline-stories-"


class StoryTable:
    """Each document's story (the number of its representative) over one generation."""

    def __init__(self, reader, date_rank: np.ndarray, live: np.ndarray, cache: Path | None = None):
        """cache: where this generation's stories are kept (see cache_path), read when there, else written."""
        count = reader.doc_count_all()
        self.labels = _load(cache, count) if cache is not None else None
        if self.labels is None:
            self.labels = _group(reader, count, date_rank, live)
            if cache is not None:
                _save(cache, self.labels)
        sizes = np.bincount(self.labels, minlength=count)
        #: Documents in a story of more than one.
        self.shared = (sizes[self.labels] > 1) if count else np.zeros(0, dtype=bool)

    def of(self, docnum: int) -> np.ndarray:
        """The mask of the documents of docnum's story."""
        return self.labels == self.labels[docnum]

    def others(self, docnum: int, among: np.ndarray) -> np.ndarray:
        """The numbers of the other documents of docnum's story in a mask (none for a story of one)."""
        if not self.shared[docnum]:
            return np.zeros(0, dtype=np.int64)
        members = np.flatnonzero(among & self.of(docnum))
        return members[members != docnum]

    def fold(self, candidates: np.ndarray, rank) -> np.ndarray:
        """The mask of candidates with only each story's best-ranked one kept; rank(docnums) orders
        documents, lower first (ties: lower number)."""
        shared = np.flatnonzero(candidates & self.shared)
        if not len(shared):
            return candidates
        labels = self.labels[shared]
        order = np.lexsort((shared, rank(shared), labels))
        ordered, labels = shared[order], labels[order]
        first = np.r_[True, labels[1:] != labels[:-1]]
        kept = candidates.copy()
        kept[ordered[~first]] = False
        return kept


def cache_path(folder: Path, toc) -> Path:
    """Where the stories of the generation of a table of contents are kept: named by the generation and
    its segments (ids and deletions), so another index in the same folder never reads them."""
    what = [toc.generation] + [(segment.segment_id(), segment.deleted_count()) for segment in toc.segments]
    return Path(folder) / f"{CACHE_PREFIX}{hashlib.sha1(repr(what).encode()).hexdigest()[:16]}.npy"


def _group(reader, count: int, date_rank: np.ndarray, live: np.ndarray) -> np.ndarray:
    column = reader.column_reader("minhash") if reader.has_column("minhash") else None
    # A multi-segment column reader has len() 0: test for None, not truth.
    values = [column[docnum] for docnum in range(count)] if column is not None else [b""] * count
    signatures, present = stories.signatures_array(values)
    present &= live
    earliest_first = np.where(date_rank < 0, np.iinfo(np.int64).max, date_rank)
    return stories.group(signatures, present, earliest_first,
                         text_of=lambda docnum: reader.stored_fields(docnum).get("text", ""))


def _load(path: Path, count: int) -> np.ndarray | None:
    try:
        labels = np.load(path)
    except (OSError, ValueError):
        return None
    return labels if labels.shape == (count,) else None


def _save(path: Path, labels: np.ndarray) -> None:
    """Written whole or not at all; the other generations' files go (a read-only index keeps none)."""
    try:
        temporary = path.with_name(f"{path.stem}.{os.getpid()}.tmp")
        with temporary.open("wb") as file:
            np.save(file, labels)
        os.replace(temporary, path)
        for other in path.parent.glob(f"{CACHE_PREFIX}*.npy"):
            if other != path:
                other.unlink(missing_ok=True)
    except OSError:
        pass
