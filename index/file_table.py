"""What each input file held when it was last indexed, so that an unchanged file is not read again.

A re-run over a large collection would otherwise read, parse and fingerprint every document to
find that nothing changed. Beside the index, a small table keeps each file's size and
modification time (to the nanosecond) and the ids of its documents, as make and git do: a file
whose size and time are unchanged holds the documents the index has from it. The table is written
after each run, for the generation that run left: a table written for any other generation (a
run was killed after its commit, or an older version wrote the index) is not trusted. A file
modified within ``SETTLE_SECONDS`` of being read, or one that could not be read at all (a permission
may be fixed without changing the file), is not recorded: it is read again next time. The problems a
recorded file had are kept with it and reported again on every run, without reading it.
"""

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from .readers.documents import Problem

TABLE_NAME = "frontline-files.json"
#: A file this recently modified may be written again within its timestamp's resolution.
SETTLE_SECONDS = 2.0
_VERSION = 2


@dataclass(frozen=True)
class Signature:
    """A file as it stood when it was read: where it is, its size and modification time."""

    path: str
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> "Signature | None":
        """The file's signature now (None if it cannot be read: its reader reports why)."""
        try:
            stat = path.stat()
        except OSError:
            return None
        return cls(os.path.abspath(path), stat.st_size, stat.st_mtime_ns)

    def recorded(self) -> list:
        """The signature as the table holds it."""
        return [self.path, self.size, self.mtime_ns]

    def settled(self) -> bool:
        return time.time_ns() - self.mtime_ns > SETTLE_SECONDS * 1e9


class FileTable:
    """rel → (signature, ids) of the files of the last runs, read from and written to the index folder."""

    def __init__(self, index_dir: Path, generation: int | None):
        """The table recorded for this generation of the index (None: start empty, as a rebuild does)."""
        self._path = Path(index_dir) / TABLE_NAME
        self._old: dict[str, dict] = {} if generation is None else _load(self._path, generation)
        self._new: dict[str, dict] = {}
        self._answers: dict[str, list[str] | None] = {}

    def unchanged(self, path: Path, rel: str) -> list[str] | None:
        """The ids of the file's documents if it is unchanged since it was recorded, else None
        (asked once per run: the answer is kept)."""
        if rel not in self._answers:
            entry = self._old.get(rel)
            signature = Signature.of(path) if entry is not None else None
            same = signature is not None and signature.recorded() == entry["signature"]
            self._answers[rel] = entry["ids"] if same else None
        return self._answers[rel]

    def keep(self, rel: str) -> None:
        """The file was unchanged: its entry stays."""
        self._new[rel] = self._old[rel]

    def problems(self, rel: str) -> list[Problem]:
        """The problems an unchanged file had when it was read."""
        return [Problem(*problem) for problem in self._old[rel].get("problems", ())]

    def record(self, rel: str, signature: Signature | None, ids: list[str], problems: list[Problem]) -> None:
        """The file read as it stood at signature held these documents and had these problems (a file
        that may still be changing is left out: it is read again next time)."""
        if signature is not None and signature.settled():
            self._new[rel] = {"signature": signature.recorded(), "ids": ids,
                              "problems": [[p.path, p.line, p.message, p.reason] for p in problems]}

    def save(self, generation: int) -> None:
        """Write the table for the index's generation, whole or not at all; the files this run did
        not see (indexed from another folder) are kept."""
        table = {**{rel: e for rel, e in self._old.items() if rel not in self._new}, **self._new}
        temporary = self._path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"version": _VERSION, "generation": generation, "files": table}),
                             encoding="utf-8")
        os.replace(temporary, self._path)


def _load(path: Path, generation: int) -> dict[str, dict]:
    """The files recorded for this generation; none without a table, or with one this version cannot read."""
    try:
        table = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(table, dict) or table.get("version") != _VERSION or table.get("generation") != generation:
        return {}
    return table.get("files", {})
