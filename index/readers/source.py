"""One input to read: a file on disk, or something inside one (a zip member, an e-mail attachment).

Readers take a Source rather than a path, so the same PDF reader reads a PDF in a folder, in an
archive and attached to a message. A Source says what its documents are called (`rel`, their id
prefix and where problems are reported: ``reports.zip!/2022/march.pdf``), which file on disk
holds them (`path`, by which the index tracks them), how deep inside other inputs it is, and how
to open its bytes.
"""

import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from .decoding import SNIFF, check_not_binary, decode_bytes
from .documents import Document, Problem

#: Called with the number of bytes of the file read so far (progress by bytes).
Consumed = Callable[[int], None]


def _nothing(_read: int) -> None:
    pass


@dataclass
class Source:
    rel: str
    #: Its own file name: the suffix tells its type.
    name: str
    #: The file on disk that holds it (relative, as the index tracks files).
    path: str
    size: int
    opener: Callable[[], BinaryIO]
    #: How many archives or messages it is inside.
    depth: int = 0
    #: On disk itself (not inside another input): readers that need a file name may use it as it is.
    disk_path: Path | None = None
    consumed: Consumed = field(default=_nothing)

    @classmethod
    def of_file(cls, path: Path, rel: str, consumed: Consumed | None = None) -> "Source":
        return cls(rel=rel, name=path.name, path=rel, size=path.stat().st_size, opener=lambda: path.open("rb"),
                   disk_path=path, consumed=consumed or _nothing)

    def inner(self, rel: str, name: str, size: int, opener: Callable[[], BinaryIO]) -> "Source":
        """Something this source holds, one level deeper, tracked by the same file on disk."""
        return Source(rel=rel, name=name, path=self.path, size=size, opener=opener, depth=self.depth + 1)

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()

    def open(self) -> BinaryIO:
        return self.opener()

    def head(self) -> bytes:
        """Its first bytes (to tell its type)."""
        with self.open() as file:
            return file.read(SNIFF)

    def read_bytes(self) -> bytes:
        with self.open() as file:
            return file.read()

    def text(self) -> tuple[str, str | None]:
        """(text, note), refused when binary; the note says how it was decoded when not clean UTF-8."""
        data = self.read_bytes()
        check_not_binary(data)
        return decode_bytes(data)

    @contextmanager
    def local_file(self) -> Iterator[Path]:
        """A path to its bytes on disk, for libraries that seek about a file or want its name: the file
        itself, or a temporary copy streamed out of the archive or message (deleted afterwards)."""
        if self.disk_path is not None:
            yield self.disk_path
            return
        with tempfile.NamedTemporaryFile(prefix="frontline-", suffix=self.suffix) as copy:
            with self.open() as file:
                shutil.copyfileobj(file, copy, 1 << 20)
            copy.flush()
            yield Path(copy.name)


def text_reader(read_text: Callable[["Source", str], Iterator[Document | Problem]]):
    """A reader of a source's decoded text made from one of (source, text): how the bytes were decoded
    is reported first, and an empty input is skipped as such."""
    def read(source: Source) -> Iterator[Document | Problem]:
        text, note = source.text()
        if note:
            yield Problem(source.rel, None, note)
        if not text.strip():
            yield Problem.skipped(source.rel, "empty file")
            return
        yield from read_text(source, text)
    read.__doc__ = read_text.__doc__
    return read
