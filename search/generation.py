"""One index generation, as a search reads it: its readers, facet table and term arrays, taken together.

`frontline index` commits while a server searches. A search that took its searcher from one
generation and its facet table from the next counted documents the other did not have (an
IndexError, every search a 500). Here a search takes one Generation and reads only from it; the
engine swaps in the next one when a commit is seen, and searches already running finish on theirs.

Whoosh deletes a generation's table of contents and merged-away segment files at the next
commit: a reader opens every file it will read when it is made, so one already made goes on
reading (POSIX keeps a deleted file readable while it is open), and a reader is only made from
a generation that is still the newest one (see Engine.generation).
"""

import queue
import threading

from whoosh.index import TOC
from whoosh.searching import Searcher

from .arrays import Postings, segment_id
from .facets import FacetTable
from .stories import StoryTable, cache_path


class Generation:
    """The readers of one generation are pooled: a Whoosh reader seeks and reads shared file
    objects, so a reader serves one search at a time, and is kept for the next one."""

    def __init__(self, ix, number: int, labeler, weighting, postings: Postings):
        self.number = number
        self._ix = ix
        self._toc = TOC.read(ix.storage, ix.indexname, number)
        self._weighting = weighting
        self._idle: queue.SimpleQueue = queue.SimpleQueue()
        reader = self._open_reader()
        self.table = FacetTable(reader, labeler)
        self.stories = StoryTable(reader, self.table.date_rank, self.table.live,
                                  cache_path(ix.storage.folder, self._toc) if hasattr(ix.storage, "folder") else None)
        # Shared by the engine's generations: what was read of a segment serves the next generation too.
        postings.keep({segment_id(leaf) for leaf, _offset in reader.leaf_readers()})
        self.postings = postings
        self._idle.put(reader)
        #: What is built from this generation on first use (the name lookup): lives and dies with it.
        self.cache: dict = {}
        self.cache_lock = threading.Lock()

    def _open_reader(self):
        toc = self._toc
        reader = self._ix._reader(self._ix.storage, toc.schema, toc.segments, toc.generation)
        _open_every_file(reader, toc.schema)
        return reader

    def take(self) -> Searcher:
        """A searcher over this generation, on a reader no other search is using; give it back after.
        FileNotFoundError when the generation is gone and no reader of it is left to reuse."""
        try:
            reader = self._idle.get_nowait()
        except queue.Empty:
            reader = self._open_reader()
        return Searcher(reader, weighting=self._weighting, closereader=False)

    def give_back(self, searcher: Searcher) -> None:
        self._idle.put(searcher.reader())


def _open_every_file(reader, schema) -> None:
    """Open the files Whoosh opens lazily (stored fields, lengths, columns) while they exist."""
    scored = [name for name, field in schema.items() if field.scorable]
    columns = [name for name, field in schema.items() if field.column_type is not None]
    for leaf, _offset in reader.leaf_readers():
        if not leaf.doc_count_all():
            continue
        leaf.stored_fields(0)
        for name in scored:
            leaf.doc_field_length(0, name)
        for name in columns:
            if leaf.has_column(name):
                leaf.column_reader(name)
