"""A segment's common terms as flat arrays on disk, written beside the segment when it is flushed.

A search reads each term's document numbers and weights as arrays (see ``search.arrays``). Read
from Whoosh's posting blocks, a term costs a zlib inflate and an unpickle of every 128 postings,
its positions included: half a second for a word in most of 100,000 documents, paid by every
server process the first time it meets the word. A segment never changes once written, so the
terms with many postings are written out once more, as they are flushed, in the form a search
uses: one file of document numbers (int32) and weights (float32) that every server process maps
into memory and shares through the page cache (Lucene's memory-mapped postings).

The file is named after its segment (``<segment id>.tarr``), so Whoosh deletes it with the segment.
Layout: for each term its document numbers then its weights, written as the term passes (a flush
holds none of them); a marshalled {(field, term bytes): (offset, count)}; the footer (the table's
offset and the magic). A segment without one (written by plain Whoosh) is read
from its posting blocks as before.
"""

import marshal
import os
import struct
from array import array
from itertools import groupby
from operator import itemgetter

import numpy as np

#: A term is written out when the segment holds at least this many postings of it (a few of Whoosh's
#: 128-posting blocks): rarer terms read from their blocks in a millisecond or two.
MIN_POSTINGS = 512
SUFFIX = "tarr"
_MAGIC = b"FLTARR02"
_FOOTER = struct.Struct("<q8s")


def file_name(segment_id: str) -> str:
    return f"{segment_id}.{SUFFIX}"


class TermArraysWriter:
    """Watches the (field, term, document, weight, value) postings a segment is flushed from, sorted by
    term, and writes each common term of the given fields as it passes (nothing is held but the table)."""

    def __init__(self, storage, segment_id: str, fieldnames: set[str]):
        self._storage, self._name, self._fields = storage, file_name(segment_id), fieldnames
        self._out = None
        self._written = 0
        self._table: dict[tuple[str, bytes], tuple[int, int]] = {}

    def watch(self, postings):
        """The postings, passed on unchanged; a term's are looked at once, as a group."""
        for (fieldname, btext), group in groupby(postings, key=itemgetter(0, 1)):
            if fieldname not in self._fields:
                yield from group
                continue
            group = list(group)
            if len(group) >= MIN_POSTINGS:
                self._write(fieldname, btext, group)
            yield from group

    def _write(self, fieldname: str, btext: bytes, postings: list) -> None:
        """A term's document numbers, then its weights (4 bytes each: every term starts 4-byte aligned)."""
        if self._out is None:
            self._out = self._storage.create_file(self._name)
        self._table[(fieldname, btext)] = (self._written, len(postings))
        self._out.write(array("i", map(itemgetter(2), postings)).tobytes())
        self._out.write(array("f", map(itemgetter(3), postings)).tobytes())
        self._written += 8 * len(postings)

    def close(self) -> None:
        if self._out is None:
            return
        self._out.write(marshal.dumps(self._table))
        self._out.write(_FOOTER.pack(self._written, _MAGIC))
        self._out.close()


class TermArrays:
    """The term arrays of one segment (empty when it has none); the arrays are views of the mapped file."""

    def __init__(self, storage, segment_id: str):
        self._table: dict = {}
        name = file_name(segment_id)
        if not storage.file_exists(name):
            return
        folder = getattr(storage, "folder", None)
        if folder is not None:
            data = np.memmap(os.path.join(folder, name), dtype=np.uint8, mode="r")
        else:  # an in-memory storage
            stream = storage.open_file(name)
            try:
                data = np.frombuffer(stream.read(), dtype=np.uint8)
            finally:
                stream.close()
        table_at, magic = _FOOTER.unpack(bytes(data[-_FOOTER.size:]))
        if magic != _MAGIC:
            return  # not a file this version wrote: read the posting blocks
        self._table = marshal.loads(bytes(data[table_at:-_FOOTER.size]))
        self._data = data

    def get(self, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray] | None:
        """(document numbers, weights) of a term, or None when the file does not hold it."""
        found = self._table.get((fieldname, btext))
        if found is None:
            return None
        start, count = found
        middle = start + 4 * count
        return self._data[start:middle].view(np.int32), self._data[middle : middle + 4 * count].view(np.float32)
