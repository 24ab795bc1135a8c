"""The stories of one index generation: which documents print the same story, and a search's results
folded to one hit per story (see :mod:`frontline.index.stories` for how stories are found).

A story's representative is its earliest-dated document (the first report); its id is the story's
id. Folding keeps, of each story's matching documents, the one the search ranks first, and says
how many matched: "3 more reports of this story".
"""

import numpy as np

from frontline.index import stories


class StoryTable:
    """Each document's story (the number of its representative) over one generation."""

    def __init__(self, reader, date_rank: np.ndarray, live: np.ndarray):
        count = reader.doc_count_all()
        column = reader.column_reader("minhash") if reader.has_column("minhash") else None
        # A multi-segment column reader has len() 0: test for None, not truth.
        values = [column[docnum] for docnum in range(count)] if column is not None else [b""] * count
        signatures, present = stories.signatures_array(values)
        present &= live
        earliest_first = np.where(date_rank < 0, np.iinfo(np.int64).max, date_rank)
        self.labels = stories.group(signatures, present, earliest_first,
                                    text_of=lambda docnum: reader.stored_fields(docnum).get("text", ""))
        sizes = np.bincount(self.labels, minlength=count)
        #: Documents in a story of more than one.
        self.shared = (sizes[self.labels] > 1) if count else np.zeros(0, dtype=bool)

    def of(self, docnum: int) -> np.ndarray:
        """The mask of the documents of docnum's story."""
        return self.labels == self.labels[docnum]

    def fold(self, candidates: np.ndarray, rank: np.ndarray) -> tuple[np.ndarray, dict[int, int]]:
        """(candidates with each story's best-ranked one kept, {kept document: matching documents of its
        story}) for a mask of candidates; rank(docnums) orders documents, lower first (ties: lower number)."""
        shared = np.flatnonzero(candidates & self.shared)
        if not len(shared):
            return candidates, {}
        labels = self.labels[shared]
        order = np.lexsort((shared, rank(shared), labels))
        ordered, labels = shared[order], labels[order]
        first = np.r_[True, labels[1:] != labels[:-1]]
        kept = candidates.copy()
        kept[ordered[~first]] = False
        starts = np.flatnonzero(first)
        counts = np.diff(np.r_[starts, len(ordered)])
        return kept, dict(zip(ordered[starts].tolist(), counts.tolist()))

    def sizes(self, candidates: np.ndarray, docnums: list[int]) -> dict[int, int]:
        """{document: matching documents of its story} for documents in a story of several."""
        return {d: int((candidates & self.of(d)).sum()) for d in docnums if self.shared[d]}
