"""Zip archives: every member read by the reader of its type, as ``archive.zip!/path/inside``.

Archives inside archives are read to MAX_DEPTH. A zip bomb is refused before anything is
decompressed: a member that would expand more than MAX_RATIO times (and past RATIO_FLOOR bytes),
or an archive whose members would add up to more than MAX_TOTAL bytes. zipfile stops reading a
member at the size its entry declares, so a lying entry cannot expand past the limits either.
Members are streamed (a large JSON Lines member a line at a time), so memory stays bounded.
"""

import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath

from .documents import Document, Problem
from .source import Source

SUFFIXES = (".zip",)
MAX_DEPTH = 3
MAX_RATIO = 100
RATIO_FLOOR = 1 << 20
MAX_TOTAL = 16 << 30


def read(source: Source) -> Iterator[Document | Problem]:
    from . import read_source  # the members' readers: imported here, as they import this module

    if source.depth >= MAX_DEPTH:
        yield Problem.skipped(source.rel, "archive nested too deep", f" (more than {MAX_DEPTH} levels)")
        return
    with source.local_file() as path:
        try:
            archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as error:
            yield Problem.skipped(source.rel, "unreadable zip archive", f" ({error})")
            return
        with archive:
            members = [info for info in archive.infolist() if not info.is_dir() and not _hidden(info.filename)]
            refusal = _bomb(members)
            if refusal:
                yield Problem.skipped(source.rel, "zip bomb refused", f" ({refusal})")
                return
            if not members:
                yield Problem.skipped(source.rel, "empty archive")
            done = 0
            for info in members:
                if info.flag_bits & 0x1:
                    yield Problem.skipped(f"{source.rel}!/{info.filename}", "encrypted archive member")
                    continue
                inner = source.inner(f"{source.rel}!/{info.filename}", PurePosixPath(info.filename).name,
                                     info.file_size, lambda info=info: archive.open(info))
                yield from read_source(inner)
                done += info.compress_size
                source.consumed(done)


def _hidden(name: str) -> bool:
    """A member nobody saved on purpose: macOS's resource forks, dot files."""
    parts = PurePosixPath(name).parts
    return any(part.startswith(".") or part == "__MACOSX" for part in parts)


def _bomb(members: list[zipfile.ZipInfo]) -> str:
    """Why the archive is a zip bomb, or ""."""
    total = sum(info.file_size for info in members)
    if total > MAX_TOTAL:
        return f"its members would expand to {total:,} bytes, more than {MAX_TOTAL:,}"
    for info in members:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            return f"{info.filename} would expand {ratio:,.0f} times, more than {MAX_RATIO}"
    return ""
