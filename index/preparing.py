"""A document made ready for the writer, on every core: entity extraction and analysis in worker processes.

Whoosh's one writer adds documents one at a time, but what it adds can be made anywhere: a worker
reads a document's entities and runs the analyzer over its title and text, and sends back their
postings (term, frequency, weight, encoded positions), which the writer indexes as they are (see
schema.Analyzed). Workers are forked, so they start with the gazetteer the parent has loaded; a
small run is prepared in the indexing process itself (starting workers would cost more than it saves).
"""

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import chain, islice

from frontline.config import default_workers

from .analysis import ReadText
from .entities import EntityExtractor, Extraction
from .entities.facet_values import facet_fields
from .names.resolver import default_resolver
from .readers.documents import Document, lead
from .readers.language import guess_language
from .schema import Analyzed, build_schema

#: Documents sent to a worker at a time, and batches in flight (memory stays bounded on any input).
CHUNK, BATCH, IN_FLIGHT = 16, 256, 3
#: Below this many bytes of input a run is prepared in-process.
PARALLEL_BYTES = 4 << 20


def read_fields(extractor: EntityExtractor, title: str, text: str, date: str, source: str) -> dict:
    """Title, text and facet fields of a document, its title and text read by the entity layer once:
    the analyzer's entity terms and the facets come from the same reading (see ``analysis.ReadText``).

    An untitled document's opening words are searched as its title, as they are shown as it, so
    it is not ranked below titled ones; they keep the text's reading of them."""
    readings = {name: extractor.extract(value) for name, value in (("title", title), ("text", text))}
    searched_title = ReadText(title, readings["title"])
    if not title.strip():
        opening = lead(text)
        searched_title = ReadText(opening, Extraction([f for f in readings["text"].found if f.end <= len(opening)]))
    return {
        "title": searched_title, "_stored_title": title,
        "text": ReadText(text, readings["text"]), "_stored_text": text,
        "source_words": source,
        **facet_fields(readings.values(), date, source),
    }


class Preparer:
    """Turns documents into the writer's fields, in order; in worker processes when the run is large.
    Nothing is started until there is a document to prepare: an unchanged re-run loads nothing."""

    def __init__(self, prior: dict[str, str], input_bytes: int, workers: int | None = None):
        self._prior = prior
        self._workers = workers or default_workers()
        self._parallel = (self._workers > 1 and input_bytes >= PARALLEL_BYTES
                          and "fork" in multiprocessing.get_all_start_methods())
        self._pool = None

    def prepared(self, documents: Iterable[Document]) -> Iterator[tuple[Document, dict]]:
        """(document, fields for writer.add_document) for each document, in the order given."""
        documents = iter(documents)
        batch = list(islice(documents, BATCH))
        if not batch:
            return
        if not self._parallel:
            _start(self._prior)
            for document in chain(batch, documents):
                yield document, _prepare(document)
            return
        default_resolver()  # loaded before the fork: every worker shares the one gazetteer
        self._pool = multiprocessing.get_context("fork").Pool(self._workers, initializer=_start, initargs=(self._prior,))
        in_flight: deque = deque()
        while batch:
            in_flight.append((batch, self._pool.map_async(_prepare, batch, chunksize=CHUNK)))
            if len(in_flight) >= IN_FLIGHT:
                yield from _collected(*in_flight.popleft())
            batch = list(islice(documents, BATCH))
        while in_flight:
            yield from _collected(*in_flight.popleft())

    def close(self):
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()


def _collected(batch, result) -> Iterator[tuple[Document, dict]]:
    return zip(batch, result.get())


_state: dict = {}


def _start(prior: dict[str, str]) -> None:
    """A worker's (or the indexing process's) extractor and schema, made once."""
    _state["extractor"] = EntityExtractor(prior=prior)
    _state["schema"] = build_schema()


def _prepare(document: Document) -> dict:
    """Every field of a document for add_document, its title and text already analysed."""
    schema = _state["schema"]
    fields = read_fields(_state["extractor"], document.title, document.text, document.date, document.source)
    for name in ("title", "text"):
        field = schema[name]
        fields[name] = Analyzed(list(field.format.word_values(fields[name], field.analyzer, mode="index")))
    return {
        "id": document.id, "path": document.path, "date": document.date, "source": document.source,
        "url": document.url, "lang": document.lang or guess_language(document.text), **fields,
    }
