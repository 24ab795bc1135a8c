"""Turn files and folders into documents, one reader per format (a module each).

Each reader takes a :class:`~.source.Source` and yields :class:`Document` and :class:`Problem` items
in order, so one malformed line is reported where it is and the lines around it are still indexed.
Every file below a folder is either read or reported once with why not; a file whose name says
nothing (no suffix, or one Frontline does not know) is read by what its first bytes show it is.
"""

import mimetypes
import os
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from . import archive, html, mail, pdf, records, rich_text, text, word
from .decoding import BinaryFileError
from .documents import Document, Problem
from .source import Consumed, Source
from .text import split_headline

__all__ = ["Document", "Problem", "Source", "iter_files", "read_file", "read_source", "split_headline"]

Item = Document | Problem
#: Why a file the system would not let us read was skipped (it may be readable next time, unchanged).
CANNOT_READ = "cannot read"
Reader = Callable[[Source], Iterator[Item]]


def _each(suffixes: Iterable[str], reader: Reader) -> dict[str, Reader]:
    return dict.fromkeys(suffixes, reader)


READERS: dict[str, Reader] = {
    **_each(text.SUFFIXES, text.read),
    **_each(records.JSON_SUFFIXES, records.read_json),
    **_each(records.LINES_SUFFIXES, records.read_lines),
    **_each(records.CSV_SUFFIXES, records.read_csv),
    **_each(html.SUFFIXES, html.read),
    **_each(pdf.SUFFIXES, pdf.read),
    **_each(word.SUFFIXES, word.read),
    **_each(rich_text.RTF_SUFFIXES, rich_text.read_rtf),
    **_each(rich_text.ODT_SUFFIXES, rich_text.read_odt),
    **_each(mail.MESSAGE_SUFFIXES, mail.read_message),
    **_each(mail.MAILBOX_SUFFIXES, mail.read_mailbox),
    **_each(archive.SUFFIXES, archive.read),
}

#: First bytes that say what a file is, whatever it is called.
_MAGIC = ((b"%PDF-", ".pdf"), (b"{\\rtf", ".rtf"), (b"From ", ".mbox"))
#: A block of header lines (and their folded continuations) at the start of a file.
_HEADERS = re.compile(rb"(?:[A-Za-z][A-Za-z0-9-]*:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*)+")
_MESSAGE_HEADERS = {b"from", b"to", b"subject", b"date", b"message-id", b"received", b"mime-version"}


def read_file(path: Path, rel: str, consumed: Consumed | None = None) -> Iterator[Item]:
    """All documents and problems of one file; consumed(bytes) is told how far into it reading has got."""
    try:
        source = Source.of_file(path, rel, consumed)
    except OSError as error:
        yield Problem.skipped(rel, CANNOT_READ, f" ({error.strerror or error})")
        return
    yield from read_source(source)
    source.consumed(source.size)


def read_source(source: Source) -> Iterator[Item]:
    """The documents of one input (a file, an archive's member, an attachment), by the reader of its
    type; a failure to read it is reported, never raised, so the inputs around it are still read."""
    try:
        reader, reason = _reader_for(source)
        if reader is None:
            yield Problem.skipped(source.rel, reason)
            return
        yield from reader(source)
    except BinaryFileError:
        yield Problem.skipped(source.rel, "binary file", " (NUL bytes)")
    except OSError as error:
        yield Problem.skipped(source.rel, CANNOT_READ, f" ({error.strerror or error})")
    except Exception as error:  # a library failing on a malformed file: that file is reported, the run goes on
        yield Problem.skipped(source.rel, "unreadable file", f" ({type(error).__name__}: {error})")


def _reader_for(source: Source) -> tuple[Reader | None, str]:
    """The reader for a source, or None and why there is none ("unsupported type image/jpeg")."""
    if source.suffix in READERS:
        return READERS[source.suffix], ""
    mime = mimetypes.guess_type(source.name)[0]
    if mime and mime != "text/plain":
        return None, f"unsupported type {mime}"
    head = source.head()
    sniffed = _sniffed_suffix(source, head)
    if sniffed:
        return READERS[sniffed], ""
    return None, f"unsupported type {_sniffed_mime(head)}"


def _sniffed_suffix(source: Source, head: bytes) -> str | None:
    """What the first bytes show a file named without a known suffix to be: a PDF, a zip, a Word file,
    an e-mail, a mailbox, or text; None for anything else."""
    for magic, suffix in _MAGIC:
        if head.startswith(magic):
            return suffix
    if head.startswith(b"PK\x03\x04"):
        with source.local_file() as path, zipfile.ZipFile(path) as archive_file:
            names = set(archive_file.namelist())
        return ".docx" if "word/document.xml" in names else ".odt" if "content.xml" in names else ".zip"
    if b"\x00" in head:
        return None
    return ".eml" if _is_message(head) else ".txt"


def _is_message(head: bytes) -> bool:
    """Whether a text starts with an e-mail's headers (two of From, To, Subject, Date …)."""
    block = _HEADERS.match(head)
    names = {line.split(b":", 1)[0].lower() for line in block.group().splitlines() if line[:1] not in (b" ", b"\t")} \
        if block else set()
    return len(names & _MESSAGE_HEADERS) >= 2


def _sniffed_mime(head: bytes) -> str:
    import puremagic

    try:
        return puremagic.from_string(head, mime=True) or "(unrecognised binary data)"
    except puremagic.PureError:
        return "(unrecognised binary data)"


def iter_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """(file, id prefix) for every file below the given paths, sorted, hidden ones (.git, .DS_Store) left out.

    Ids are relative to the folder given on the command line, so the same
    corpus indexed from elsewhere keeps its ids.
    """
    for root in paths:
        if root.is_file():
            yield root, root.name
            continue
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    full = Path(folder, name)
                    yield full, full.relative_to(root).as_posix()
