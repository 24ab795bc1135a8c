"""Saved searches, and which documents each finds that it did not find when it was last opened.

They are kept in a small SQLite file in the index folder, beside the file table
(`frontline-files.json`) and never in the Whoosh index: a rebuild starts the index over but
keeps them, and the web server's processes and the command line share them safely.

"New since last opened" is kept as the ids the search found when it was last opened (or saved),
compressed: documents have no time they were added, and Whoosh renumbers documents when segments
merge, but a document keeps its id through re-indexing, rebuilds and merges. A document is new to
a saved search when the search finds it now and did not then, whether it was just indexed or was
changed so that it now matches.
"""

import sqlite3
import zlib
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlencode

from .engine import Engine, SearchRequest

SAVED_NAME = "frontline-saved.sqlite"
MAX_NAME = 100
_SCHEMA = """CREATE TABLE IF NOT EXISTS saved (
    name TEXT PRIMARY KEY,
    q TEXT NOT NULL,
    sort TEXT NOT NULL,
    exact INTEGER NOT NULL,
    date_from TEXT NOT NULL,
    date_to TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    seen BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS saved_filter (
    name TEXT NOT NULL REFERENCES saved(name) ON DELETE CASCADE,
    facet TEXT NOT NULL,
    value TEXT NOT NULL,
    position INTEGER NOT NULL
);"""


class SavedSearchError(ValueError):
    """A name that cannot be used, or names no saved search: the message says which."""


@dataclass
class SavedSearch:
    name: str
    request: SearchRequest
    saved_at: str
    opened_at: str
    #: The ids the search found when it was last opened.
    seen: frozenset[str] = field(repr=False)


@dataclass
class Standing:
    """A saved search as it stands now: what it finds and which of those are new."""

    saved: SavedSearch
    total: int
    new: list[str]
    #: Why the search cannot run now (a filter value the gazetteer no longer knows), else None.
    error: str | None = None

    def to_json(self, engine: Engine | None = None) -> dict:
        """The saved search, its total and new count; with an engine, the new documents too."""
        request = self.saved.request
        answer = {"name": self.saved.name, "query": request.q, "filters": request.filters,
                  "from": request.date_from, "to": request.date_to, "sort": request.sort, "exact": request.exact,
                  "params": urlencode(request.params()), "saved_at": self.saved.saved_at,
                  "opened_at": self.saved.opened_at, "total": self.total, "new": len(self.new), "error": self.error}
        if engine is not None:
            answer["new_documents"] = [_headline(engine, doc_id) for doc_id in self.new]
        return answer


def _headline(engine: Engine, doc_id: str) -> dict:
    doc = engine.document(doc_id) or {}
    return {"id": doc_id, **{key: doc.get(key, "") for key in ("title", "date", "source", "url")}}


class SavedSearches:
    """The saved searches of one index."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.path = Path(engine.index_dir) / SAVED_NAME

    @contextmanager
    def _database(self):
        """One connection per use: short transactions the server's processes and the CLI can share."""
        with closing(sqlite3.connect(self.path, timeout=10)) as database:
            database.execute("PRAGMA foreign_keys = ON")
            database.executescript(_SCHEMA)
            with database:
                yield database

    def save(self, name: str, request: SearchRequest) -> tuple[Standing, bool]:
        """Save the search under name (replacing one of that name), with what it finds now as seen;
        (where it stands, whether it replaced one). ValueError when the search cannot run."""
        name = _checked(name)
        found = self.engine.matching_ids(request)
        now = _now()
        with self._database() as database:
            replaced = database.execute("DELETE FROM saved WHERE name = ?", (name,)).rowcount > 0
            database.execute("INSERT INTO saved VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             (name, request.q, request.sort, int(request.exact), request.date_from, request.date_to,
                              now, now, _pack(found)))
            database.executemany("INSERT INTO saved_filter VALUES (?, ?, ?, ?)",
                                 [(name, facet, value, position) for facet, values in request.filters.items()
                                  for position, value in enumerate(values)])
        return Standing(SavedSearch(name, _request(request), now, now, frozenset(found)), len(found), []), replaced

    def all(self) -> list[SavedSearch]:
        """Every saved search, by name."""
        if not self.path.exists():
            return []
        with self._database() as database:
            filters: dict[str, dict[str, list[str]]] = {}
            for name, facet, value in database.execute(
                    "SELECT name, facet, value FROM saved_filter ORDER BY name, facet, position"):
                filters.setdefault(name, {}).setdefault(facet, []).append(value)
            rows = database.execute("SELECT name, q, sort, exact, date_from, date_to, saved_at, opened_at, seen "
                                    "FROM saved ORDER BY name COLLATE NOCASE, name").fetchall()
        return [SavedSearch(name, SearchRequest(q=q, sort=sort, exact=bool(exact), filters=filters.get(name, {}),
                                                date_from=date_from, date_to=date_to),
                            saved_at, opened_at, _unpack(seen))
                for name, q, sort, exact, date_from, date_to, saved_at, opened_at, seen in rows]

    def get(self, name: str) -> SavedSearch:
        for saved in self.all():
            if saved.name == name:
                return saved
        raise SavedSearchError(f"no saved search is named {name!r}")

    def standing(self, saved: SavedSearch) -> Standing:
        """What the saved search finds now, and which of those (in its order) it did not find when last opened."""
        found = self.engine.matching_ids(saved.request)
        return Standing(saved, len(found), [doc_id for doc_id in found if doc_id not in saved.seen])

    def standings(self) -> list[Standing]:
        """Where every saved search stands; one that cannot run now says why instead of failing the rest."""
        standings = []
        for saved in self.all():
            try:
                standings.append(self.standing(saved))
            except ValueError as error:  # QuerySyntaxError, FilterError
                standings.append(Standing(saved, 0, [], str(error)))
        return standings

    def open(self, name: str) -> Standing:
        """The saved search with what it finds now marked seen (as opening it in the browser does)."""
        saved = self.get(name)
        found = self.engine.matching_ids(saved.request)
        now = _now()
        with self._database() as database:
            database.execute("UPDATE saved SET opened_at = ?, seen = ? WHERE name = ?", (now, _pack(found), name))
        saved.opened_at, saved.seen = now, frozenset(found)
        return Standing(saved, len(found), [])

    def delete(self, name: str) -> None:
        with self._database() as database:
            if not database.execute("DELETE FROM saved WHERE name = ?", (name,)).rowcount:
                raise SavedSearchError(f"no saved search is named {name!r}")


def _request(request: SearchRequest) -> SearchRequest:
    """What is saved of a request: what it finds and in which order, not its page."""
    return SearchRequest(q=request.q, sort=request.sort, exact=request.exact, filters=request.filters,
                         date_from=request.date_from, date_to=request.date_to)


def _checked(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise SavedSearchError("a saved search needs a name")
    if len(name) > MAX_NAME:
        raise SavedSearchError(f"a saved search's name has at most {MAX_NAME} characters")
    return name


#: Between two ids in the seen set: no id holds it.
_SEPARATOR = "\0"


def _pack(ids: list[str]) -> bytes:
    return zlib.compress(_SEPARATOR.join(sorted(set(ids))).encode(), 6)


def _unpack(blob: bytes) -> frozenset[str]:
    text = zlib.decompress(blob).decode()
    return frozenset(text.split(_SEPARATOR)) if text else frozenset()


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()
