"""Whoosh's segment writer, made to write segments in several processes and to flush faster.

* ``commit(segments=…)`` publishes segments other processes wrote (see :mod:`.writing`) with this
  writer's own, in one new generation, as Whoosh's own multi-process writer does.
* Postings spilled to disk are kept by term, a block of terms marshalled at a time, and merged term by
  term: Whoosh marshals, reads back and merges each posting on its own, a fifth of an indexing
  worker's time.
* When a segment is flushed, Whoosh asks the per-document reader for a field's length once per
  posting (a column read each time, about a fifth of the writer's time); here a field's lengths
  are read once for every document and kept while its postings are written.
* A flushed segment's common terms are also written as the flat arrays a search reads
  (:mod:`.term_arrays`), merged segments' too: their postings pass through the same flush.
"""

import heapq
import marshal
from itertools import groupby, islice

from whoosh import writing

from .term_arrays import TermArraysWriter

#: Postings marshalled at a time to a spilled run: what a merge holds of each run. A worker's 50,000
#: documents spill about 150 runs and Whoosh merges up to 128 at once, one block of each held: at 4,096
#: postings a block the final flush added ~100 MB a worker, at 1,024 it adds ~34 MB (peak PSS of a
#: 100,000-document run 1,055 → 922 MB, same speed).
RUN_BLOCK = 1024


class SegmentWriter(writing.SegmentWriter):
    def __init__(self, ix, *, own_temp: bool = False, **kwargs):
        """own_temp: spill postings to a temporary folder of this writer's own, not the one Whoosh
        gives every writer of the index (which the first to finish deletes)."""
        super().__init__(ix, **kwargs)
        if own_temp:
            self._tempstorage = self.storage.temp_storage(f"{self.indexname}.{self.newsegment.segment_id()}.tmp")
        self.pool = _BlockPostingPool(self._tempstorage, self.newsegment, limitmb=kwargs.get("limitmb", 128))

    def commit(self, mergetype=None, optimize=None, merge=None, segments=()):
        """As Whoosh's, `segments` (finished elsewhere, not yet in any generation) joining the index."""
        self._check_state()
        final = self._merge_segments(mergetype, optimize, merge) + list(segments)
        if self._added:
            final.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(final)
        self._finish()

    def finish_segment(self):
        """This writer's documents as a finished segment another writer can commit (None if it has none)."""
        if not self._added:
            self.discard()
            return None
        segment = self._finalize_segment()
        self._finish()
        return segment

    def discard(self):
        """Cancel, and delete the (unpublished) segment files this writer had opened."""
        self.cancel()
        delete_segment(self.storage, self.newsegment)

    def _flush_segment(self):
        """As Whoosh's, with the lengths read through :class:`_LengthsOnce` and the term arrays written."""
        self.perdocwriter.close()
        lengths = _LengthsOnce(self.per_document_reader()) if self.codec.length_stats else None
        scored = {name for name, field in self.schema.items() if field.scorable}
        arrays = TermArraysWriter(self.storage, self.newsegment.segment_id(), scored)
        self.fieldwriter.add_postings(self.schema, lengths, arrays.watch(self.pool.iter_postings()))
        self.fieldwriter.close()
        arrays.close()
        if lengths:
            lengths.close()


class _BlockPostingPool(writing.PostingPool):
    """Whoosh's posting pool, a spilled run written as its terms, each with its postings, RUN_BLOCK postings
    marshalled at a time: the runs are merged term by term, not posting by posting.

    A worker's documents arrive in order, so a run's documents all come before the next run's (and a
    run merged from several runs covers theirs): a term's postings from two runs, or from two blocks
    of one, join in the order of their first document."""

    def _write_run(self, f, items):
        block, size = [], 0
        for (fieldname, text), postings in groupby(items, key=_term_of):
            postings = (posting[2:] for posting in postings)
            while chunk := list(islice(postings, RUN_BLOCK - size)):  # a common term's postings over several blocks
                block.append((fieldname, text, chunk))
                size += len(chunk)
                if size == RUN_BLOCK:
                    marshal.dump(block, f, 2)
                    block, size = [], 0
        if block:
            marshal.dump(block, f, 2)
        f.close()

    def _read_run(self, path):
        f = self._open_run(path)
        try:
            while True:
                try:
                    block = marshal.load(f)
                except EOFError:
                    return
                yield from block
        finally:
            f.close()
            self._remove_run(path)

    def _merge_runs(self, paths):
        for fieldname, text, postings in heapq.merge(*map(self._read_run, paths), key=_term_and_first_document):
            for docnum, weight, value in postings:
                yield fieldname, text, docnum, weight, value


def _term_of(posting) -> tuple:
    return posting[0], posting[1]


def _term_and_first_document(term) -> tuple:
    return term[0], term[1], term[2][0][0]


def delete_segment(storage, segment) -> None:
    """Delete the files of a segment no generation holds."""
    prefix = segment.segment_id()
    for name in list(storage):
        if name.startswith(prefix):
            try:
                storage.delete_file(name)
            except OSError:
                pass


class _LengthsOnce:
    """doc_field_length from a per-document reader, a field's lengths read on first use."""

    def __init__(self, reader):
        self._reader = reader
        self._fields: dict[str, list] = {}

    def doc_field_length(self, docnum, fieldname, default=0):
        lengths = self._fields.get(fieldname)
        if lengths is None:
            read = self._reader.doc_field_length
            lengths = self._fields[fieldname] = [read(n, fieldname, default) for n in range(self._reader.doc_count_all())]
        return lengths[docnum]

    def close(self):
        self._reader.close()
