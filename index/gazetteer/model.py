"""The gazetteer's record types: an entity and the spellings it is known by.

Both are frozen, slotted dataclasses: they are built once (see ``build.py``),
shared by every reader of the process-wide :class:`~.store.Gazetteer`, and
never changed afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass

#: What a spelling is, from the most to the least authoritative.
#: ``official``  the label, the KMU-2010 romanisation, the official name;
#: ``cyrillic``  the name in Ukrainian Cyrillic;
#: ``russian``   the Russian form, in Cyrillic or a Russian-era romanisation;
#: ``former``    a name the entity had before a rename (Artemivsk for Bakhmut);
#: ``alternate`` other languages and transliterations;
#: ``short``     a surname on its own, an abbreviation.
NOTES = ("official", "cyrillic", "russian", "renamed", "former", "alternate", "short")

KINDS = ("place", "person", "organization", "weapon")

#: Place levels, broadest first. The order is the one :meth:`Gazetteer.lookup`
#: ranks candidates of the same spelling in (see ``LEVEL_RANK``).
LEVELS = (
    "country",   # a sovereign state (country:UA)
    "oblast",    # a Ukrainian oblast-level unit: the 24 oblasts, Crimea, Kyiv city, Sevastopol
    "region",    # a foreign first-level unit (region:RU-KRS)
    "area",      # a named area spanning units (Donbas)
    "sea",
    "river",
    "island",
    "raion",     # a Ukrainian raion
    "city",
    "town",      # urban-type settlement / selyshche
    "landmark",
    "district",  # a district of a city
    "village",
)


@dataclass(frozen=True, slots=True)
class Spelling:
    """One way an entity is written, and what kind of spelling it is (see ``NOTES``)."""

    text: str
    note: str


@dataclass(frozen=True, slots=True, eq=False)
class Entity:
    """A canonical entity with every spelling it is known by.

    ``id``      ``ua:<KATOTTG id>`` for Ukrainian units below oblast level,
                ``region:<ISO 3166-2>`` for oblast-level units and foreign regions,
                ``country:<alpha-2>``, ``geo:<geonameid>`` for other places, and the
                curated ids (``person:…``, ``org:…``, ``weapon:…``, ``place:…``).
    ``region``  the region code(s) the entity rolls up to: ``("UA-09",)``,
                ``("RU-KRS",)``, ``("BY",)``, ``("UA-14", "UA-09")`` for Donbas.
    ``raion``   the entity id of the raion a Ukrainian settlement lies in.
    ``detail``  free text: a person's role, a weapon's category, a rename note.
    ``needs_context``  normalized spellings too ambiguous to count on their own
                (a common English word, a bare abbreviation).
    """

    id: str
    kind: str
    label: str
    spellings: tuple[Spelling, ...]
    level: str = ""
    region: tuple[str, ...] = ()
    raion: str = ""
    country: str = ""
    population: int = 0
    lat: float | None = None
    lon: float | None = None
    detail: str = ""
    needs_context: tuple[str, ...] = ()

    # An id names one entity: equal and hashed by it (hashing every spelling cost indexing a tenth of its time).
    def __eq__(self, other) -> bool:
        return isinstance(other, Entity) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    def texts(self, note: str | None = None) -> list[str]:
        """The spelling texts, optionally only those with the given note."""
        return [s.text for s in self.spellings if note is None or s.note == note]
