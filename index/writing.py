"""Documents written to the index on every core: entities, analysis and segments made in worker processes.

Whoosh has one writer per index, but a segment can be written anywhere. In a large run, forked
workers (which start with the gazetteer and models the parent loaded for the run's first document,
written in-process) take chunks of documents from one queue, read their entities, analyse them
and add them to a segment of their own, flushed in parallel when the run ends. The indexing
process reads the files, deletes the documents being replaced and commits the workers' segments
with its own (see ``segments.SegmentWriter.commit``), so readers see all of a run or none of it.
A small run is written by the indexing process itself: starting workers would cost more than it
saves.
"""

import gc
import multiprocessing
import os
import queue
import traceback

from frontline.config import default_workers

from . import stories
from .analysis import ReadText
from .entities import EntityExtractor, Extraction
from .entities.facet_values import facet_fields
from .readers.documents import Document, lead
from .readers.language import guess_language
from .schema import build_schema
from .segments import SegmentWriter, delete_segment

#: Documents sent to a worker at a time, and chunks queued per worker (memory stays bounded on any input).
CHUNK, QUEUED = 32, 2
#: Below this many bytes to read (about 300 articles) a run is written in-process.
PARALLEL_BYTES = 1 << 20
#: Memory a worker's posting pool may use before spilling sorted runs to disk.
WORKER_LIMIT_MB = 48
#: Seconds between a waiting process's checks that the other side is still there.
_POLL = 1.0


class WorkerError(RuntimeError):
    """A worker process failed; the message holds its traceback."""


def read_fields(extractor: EntityExtractor, title: str, text: str, date: str, source: str, lang: str) -> dict:
    """Title, text and facet fields of a document, its title and text read by the entity layer once:
    the index's entity terms and the facets come from the same reading (see ``analysis.ReadText``).

    An untitled document's opening words are searched as its title, as they are shown as it, so
    it is not ranked below titled ones; they keep the text's reading of them."""
    readings = {name: extractor.extract(value, lang) for name, value in (("title", title), ("text", text))}
    searched_title = ReadText(title, readings["title"])
    if not title.strip():
        opening = lead(text)
        searched_title = ReadText(opening, Extraction([f for f in readings["text"].found if f.end <= len(opening)]))
    return {
        "title": searched_title, "_stored_title": title,
        "text": ReadText(text, readings["text"]), "_stored_text": text,
        "source_words": source,
        "minhash": stories.signature(text),
        **facet_fields(readings.values(), date, source, lang),
    }


def document_fields(document: Document, fingerprint: str, extractor: EntityExtractor) -> dict:
    """Every field of a document for add_document."""
    lang = document.lang or guess_language(document.text)
    return {
        "id": document.id, "fingerprint": fingerprint, "path": document.path, "date": document.date,
        "source": document.source, "url": document.url, "lang": lang,
        **({"pages": list(document.pages)} if document.pages else {}),
        **({"parent": document.parent} if document.parent else {}),
        **read_fields(extractor, document.title, document.text, document.date, document.source, lang),
    }


class DocumentWriter:
    """Writes the documents the index does not hold as they are; in worker processes when the run is
    large. Nothing is started before the first document: an unchanged re-run loads nothing."""

    def __init__(self, writer: SegmentWriter, prior: dict[str, str], input_bytes: int, workers: int | None = None):
        self._writer, self._prior = writer, prior
        count = workers or default_workers()
        parallel = count > 1 and input_bytes >= PARALLEL_BYTES and "fork" in multiprocessing.get_all_start_methods()
        self._count = count if parallel else 0
        self._extractor: EntityExtractor | None = None
        self._chunk: list[tuple[Document, str]] = []
        self._processes: list = []
        self._segments: list = []

    def write(self, document: Document, fingerprint: str, replaces: bool) -> None:
        """Add document; replaces: the index holds an earlier version of it, deleted here.

        The first document is written here even in a large run: what the entity layer and the
        language guesser load on first use is then loaded once, before the fork, and shared."""
        if replaces:
            self._writer.delete_by_term("id", document.id)
        if self._processes:
            self._chunk.append((document, fingerprint))
            if len(self._chunk) >= CHUNK:
                self._put(self._chunk)
                self._chunk = []
            return
        if self._extractor is None:
            self._extractor = EntityExtractor(prior=self._prior)
        self._writer.add_document(**document_fields(document, fingerprint, self._extractor))
        if self._count:
            self._start()

    def finish(self) -> list:
        """The workers' segments, flushed, for the writer to commit with its own."""
        if self._chunk:
            self._put(self._chunk)
        for _ in self._processes:
            self._put(None)
        while len(self._segments) < len(self._processes):
            self._receive(block=True)
        for process in self._processes:
            process.join()
        self._processes = []
        return [segment for segment in self._segments if segment is not None]

    def cancel(self) -> None:
        """Stop the workers; each deletes the segment it was writing, and those they finished are deleted here."""
        if not self._processes:
            return
        self._cancelled.set()
        for process in self._processes:
            process.join(timeout=30)
            if process.is_alive():
                process.terminate()
        self._processes = []
        while True:
            try:
                kind, value = self._results.get_nowait()
            except queue.Empty:
                break
            if kind == "segment":
                self._segments.append(value)
        for segment in filter(None, self._segments):
            delete_segment(self._writer.storage, segment)

    def _start(self) -> None:
        # What the parent has loaded stays shared with the workers: the collector must not write
        # to (and so copy) the pages of objects that live as long as the process.
        gc.freeze()
        context = multiprocessing.get_context("fork")
        self._jobs, self._results = context.Queue(QUEUED * self._count), context.Queue()
        self._cancelled = context.Event()
        args = (self._writer.storage, self._writer.indexname, self._prior, self._jobs, self._results,
                self._cancelled, os.getpid())
        self._processes = [context.Process(target=_work, args=args, daemon=True) for _ in range(self._count)]
        for process in self._processes:
            process.start()

    def _put(self, item) -> None:
        """Queue item for the workers, raising a worker's failure instead of waiting on it."""
        while True:
            try:
                self._jobs.put(item, timeout=_POLL)
                return
            except queue.Full:
                self._receive(block=False)

    def _receive(self, block: bool) -> None:
        """Take the workers' reports: a finished segment (or None), or a failure, raised here."""
        try:
            kind, value = self._results.get(timeout=_POLL) if block else self._results.get_nowait()
        except queue.Empty:
            dead = [p.exitcode for p in self._processes if p.exitcode not in (None, 0)]
            if dead:
                raise WorkerError(f"an indexing worker stopped (exit code {dead[0]})") from None
            return
        if kind == "error":
            raise WorkerError(f"an indexing worker failed:\n{value}")
        self._segments.append(value)


def _work(storage, indexname, prior, jobs, results, cancelled, parent: int) -> None:
    """A worker: documents from jobs into a segment of its own, reported on results when jobs ends."""
    from whoosh.index import FileIndex

    extractor = EntityExtractor(prior=prior)
    writer = SegmentWriter(FileIndex(storage, indexname=indexname), _lk=False, own_temp=True,
                           limitmb=WORKER_LIMIT_MB, compound=False)
    writer.schema = build_schema()
    try:
        while not cancelled.is_set():
            try:
                chunk = jobs.get(timeout=_POLL)
            except queue.Empty:
                if os.getppid() != parent:  # the indexing process is gone
                    break
                continue
            if chunk is None:
                results.put(("segment", writer.finish_segment()))
                return
            for document, fingerprint in chunk:
                writer.add_document(**document_fields(document, fingerprint, extractor))
        writer.discard()
    except BaseException:
        results.put(("error", traceback.format_exc()))
        if not writer.is_closed:
            writer.discard()
