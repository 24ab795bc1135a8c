"""Bring an index up to date with a set of files, in one atomic commit.

Documents are keyed by id and fingerprinted by content, so re-running over
the same files writes nothing and a changed file rewrites only its changed
records. Whoosh publishes a commit by writing its table of contents last: an
indexer killed half-way leaves the previous generation as the searchable one.
"""

import hashlib
from collections import Counter
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.writing import CLEAR, LockError

from .entities.collection_prior import place_prior
from .entities.facet_values import placement_records
from .file_table import FileTable, Signature
from .readers import CANNOT_READ, iter_files, read_file
from .readers.documents import Document, Problem
from .schema import UnreadableSchemaError, build_schema, open_existing, schema_signature
from .segments import SegmentWriter
from .writing import DocumentWriter

#: Memory Whoosh may use for its posting pool before spilling to disk.
WRITER_LIMIT_MB = 256


class IndexBusyError(RuntimeError):
    pass


@dataclass
class Summary:
    files: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    #: Documents whose ambiguous place names the collection now places differently.
    resettled: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def indexed(self) -> int:
        return self.added + self.updated + self.unchanged

    def skipped(self) -> Counter:
        """Inputs left out, by why ("unsupported type image/jpeg": 3)."""
        return Counter(problem.reason for problem in self.problems if problem.reason)

    def describe(self) -> str:
        rate = (self.added + self.updated) / self.seconds if self.seconds else 0.0
        skipped = ", ".join(f"{count} {reason}" for reason, count in sorted(self.skipped().items(), key=lambda i: -i[1]))
        return (
            f"{self.files} files read: {self.added} added, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.removed} removed"
            f"{f', {self.resettled} re-placed by the collection' if self.resettled else ''}; {len(self.problems)} problems"
            f"{f' (skipped: {skipped})' if skipped else ''}; {self.seconds:.1f} s ({rate:.0f} docs/s written)"
        )


def fingerprint(doc: Document) -> str:
    # The path is part of it: a record that moved to another file must be rewritten with
    # its new path, or removing it from the old file would delete it.
    return hashlib.sha1(f"{doc.id}\x1e{doc.path}\x1e{doc.content()}".encode()).hexdigest()


def open_index(index_dir: Path, rebuild: bool = False):
    """Open the index in index_dir, creating it when there is none.

    A rebuild does not wipe the existing index here (that would lose it if the
    rebuild is refused or killed): index_paths starts over inside its writer,
    and only an index that cannot be read at all is recreated up front (without
    asking, when its schema is an older version's that this one cannot load).
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    try:
        ix = open_existing(index_dir)
    except UnreadableSchemaError:
        ix = None  # an older version's: nothing in it can be read, or kept
    except Exception:
        if not rebuild:
            raise
        ix = None
    return ix or whoosh_index.create_in(index_dir, build_schema())


class _Progress:
    """On an interactive terminal, a bar over the bytes of every file (one large file moves it too) with
    the documents read and their rate; tqdm adds the ETA. Nothing otherwise: the summary line says it all."""

    def __init__(self, files: list[tuple[Path, str]]):
        self.bar, self.finished, self.shown = None, 0, 0
        self.started = time.perf_counter()
        if sys.stderr.isatty():
            from tqdm import tqdm

            total = sum(path.stat().st_size for path, _rel in files if path.exists())
            self.bar = tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024, file=sys.stderr, leave=False)

    def read(self, consumed: int) -> None:
        """consumed bytes of the current file are read."""
        if self.bar:
            self.bar.update(self.finished + consumed - self.shown)
            self.shown = self.finished + consumed

    def file_done(self, path: Path) -> None:
        if self.bar:
            self.finished += path.stat().st_size if path.exists() else 0
            self.read(0)

    def documents(self, summary: Summary) -> None:
        if self.bar and summary.indexed % 100 == 0:
            rate = summary.indexed / max(time.perf_counter() - self.started, 1e-9)
            self.bar.set_postfix_str(f"{summary.indexed} docs, {rate:.0f} docs/s", refresh=False)

    def close(self):
        if self.bar:
            self.bar.close()


def index_paths(
    paths: Iterable[Path],
    index_dir: Path,
    rebuild: bool = False,
    on_problem: Callable[[Problem], None] | None = None,
    workers: int | None = None,
) -> Summary:
    """Index every supported file below paths into index_dir and report what happened; a large run
    is written by `workers` processes (default: one per core, see index.writing)."""
    started = time.perf_counter()
    summary = Summary()
    files = list(iter_files(Path(p) for p in paths))
    ix = open_index(index_dir, rebuild)
    if not rebuild and schema_signature(ix.schema) != schema_signature(build_schema()):
        # Built by an older version: the fields differ, so every document must be rewritten.
        rebuild = True
    try:
        writer = SegmentWriter(ix, limitmb=WRITER_LIMIT_MB, compound=False)
    except LockError:
        raise IndexBusyError(f"another indexer is writing to {index_dir}; try again when it has finished") from None
    if rebuild:
        # Start over with the current schema; the commit below drops the old segments (CLEAR),
        # so until then the previous index stays the searchable one.
        writer.schema = build_schema()

    def report(problem: Problem):
        summary.problems.append(problem)
        if on_problem:
            on_problem(problem)

    progress = _Progress(files)
    with ix.searcher() as current:
        prior = _prior_of(placement_records(current.reader()))
    table = FileTable(index_dir, None if rebuild else ix.latest_generation())
    to_read = sum(path.stat().st_size for path, rel in files if path.exists() and table.unchanged(path, rel) is None)
    documents = DocumentWriter(writer, prior, to_read, workers)
    seen: dict[str, str] = {}
    ids_by_file: dict[str, set[str]] = {}
    try:
        with ix.searcher() as old:
            searcher = None if rebuild else old
            for document, print_ in _changed(files, searcher, table, seen, ids_by_file, summary, report, progress):
                replaces = searcher is not None and searcher.document_number(id=document.id) is not None
                documents.write(document, print_, replaces)
                if replaces:
                    summary.updated += 1
                else:
                    summary.added += 1
                progress.documents(summary)
            if searcher is not None:
                summary.removed = sum(_remove_vanished(writer, searcher, rel, seen) for rel in ids_by_file)
        segments = documents.finish()
        if rebuild:
            writer.commit(mergetype=CLEAR, segments=segments)
        elif summary.added or summary.updated or summary.removed:
            writer.commit(merge=True, segments=segments)
        else:
            writer.discard()  # nothing changed: no new generation
    except BaseException:
        documents.cancel()
        writer.discard()
        raise
    finally:
        progress.close()
    # Only a change to the collection can change where it places a shared name.
    summary.resettled = _resettle(ix, prior, workers) if summary.added or summary.updated or summary.removed else 0
    table.save(ix.latest_generation())
    summary.seconds = time.perf_counter() - started
    return summary


def _changed(files, searcher, table: FileTable, seen: dict[str, str], ids_by_file: dict[str, set[str]],
             summary: Summary, report, progress: _Progress) -> Iterator[tuple[Document, str]]:
    """The documents of the files that the index does not hold as they are (searcher None: all of them),
    each id once, with its fingerprint; problems reported, unchanged documents counted, the ids each file
    holds recorded. A file unchanged since the table recorded it is not read, unless an id it holds was
    read from another file first (which one holds that id is then read anew)."""
    for path, rel in files:
        summary.files += 1
        unchanged = table.unchanged(path, rel)
        if unchanged is not None and not any(doc_id in seen for doc_id in unchanged):
            table.keep(rel)
            for problem in table.problems(rel):
                report(problem)
            seen.update(dict.fromkeys(unchanged, rel))
            summary.unchanged += len(unchanged)
            progress.documents(summary)
            progress.file_done(path)
            continue
        signature, first_problem = Signature.of(path), len(summary.problems)
        ids_in_file = ids_by_file.setdefault(rel, set())
        # A file that lost an id to another one is read again next time: that one may let it go.
        lost_an_id = False
        for item in read_file(path, rel, progress.read):
            if isinstance(item, Problem):
                report(item)
                continue
            if item.id in seen:
                # Whoosh cannot take back a document added in this same commit,
                # so the first copy is the one kept.
                report(Problem(rel, None, f"duplicate id {item.id!r} (first in {seen[item.id]}); this copy skipped"))
                lost_an_id = True
                continue
            seen[item.id] = rel
            ids_in_file.add(item.id)
            print_ = fingerprint(item)
            if searcher is not None and searcher.document_number(fingerprint=print_) is not None:
                summary.unchanged += 1
                progress.documents(summary)
                continue
            yield item, print_
        problems = summary.problems[first_problem:]
        if not lost_an_id and not any(problem.reason == CANNOT_READ for problem in problems):
            table.record(rel, signature, sorted(ids_in_file), problems)
        progress.file_done(path)


def _prior_of(records) -> dict[str, str]:
    """The collection prior of placement records (see ``placement_records``)."""
    return place_prior(settled for _docnum, settled, _open in records)


def _resettle(ix, used: dict[str, str], workers: int | None = None) -> int:
    """Rewrite the documents whose guessed places the collection, as it now stands, places
    differently than it did when they were written (see :mod:`.entities.collection_prior`); as a run's
    documents are written, on every core when they are many."""
    with ix.searcher() as searcher:
        records = list(placement_records(searcher.reader()))
        prior = _prior_of(records)
        changed = {name for name in used.keys() | prior.keys() if used.get(name) != prior.get(name)}
        stale = [searcher.stored_fields(docnum) for docnum, _settled, open_names in records
                 if changed.intersection(open_names)]
    if not stale:
        return 0
    try:
        writer = SegmentWriter(ix, limitmb=WRITER_LIMIT_MB, compound=False)
    except LockError:
        return 0  # another indexer has started: it re-places these when it finishes
    documents = DocumentWriter(writer, prior, sum(len(stored.get("text", "")) for stored in stale), workers)
    try:
        for stored in stale:
            documents.write(_stored_document(stored), stored.get("fingerprint", ""), replaces=True)
        writer.commit(merge=True, segments=documents.finish())
    except BaseException:
        documents.cancel()
        writer.discard()
        raise
    return len(stale)


def _stored_document(stored: dict) -> Document:
    """The document an index holds, as its reader read it."""
    return Document(id=stored["id"], text=stored.get("text", ""), title=stored.get("title", ""),
                    date=stored.get("date", ""), source=stored.get("source", ""), url=stored.get("url", ""),
                    lang=stored.get("lang", ""), path=stored.get("path", ""), pages=tuple(stored.get("pages") or ()),
                    parent=stored.get("parent", ""))


def _remove_vanished(writer, searcher, rel: str, seen: dict[str, str]) -> int:
    """Delete documents that came from this file before but are in none of this run's files.

    An id read from another file in this run has moved there, and was replaced
    by that write rather than removed.
    """
    removed = 0
    for docnum in searcher.document_numbers(path=rel):
        doc_id = searcher.stored_fields(docnum)["id"]
        if doc_id not in seen:
            writer.delete_document(docnum)
            removed += 1
    return removed
