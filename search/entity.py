"""Everything the collection says about one entity: what it is and where it lies, every spelling the
documents print it in and which sources print which, when it is named, what it is named with.

All of it is counted over the entity's documents in one index generation. The document set and
the co-occurrence counts come from the facet table (one bincount, as a search's facet counts); the
spellings from the ``spellings`` column the indexer writes (see
:mod:`frontline.index.entities.facet_values`), read for those documents only: finding them again
would mean reading every document through the entity layer (~25 ms each), and the entity terms
in the postings cover neither the people found by how the text names them nor the headlines.
"""

import re
from collections import Counter, defaultdict
from functools import lru_cache

import numpy as np

from frontline.index.entities import FACETS
from frontline.index.entities.facet_values import printed_spellings
from frontline.index.memo import WORDS
from frontline.index.gazetteer.store import Gazetteer
from frontline.index.names.resolver import WHY, NameResolver

from .facets import FacetTable, FacetValue

#: The facets an entity page is about (source, language and month are no entities).
ENTITY_PAGE_FACETS = FACETS
#: Entities listed per facet as named together with this one.
COMPANY_SIZE = 12
#: The possessive a name is printed with ("Kyiv's", "Russia’s") is no spelling of its own.
_POSSESSIVE = re.compile(r"(?<=\w)['’]s?$", re.IGNORECASE)


class UnknownEntityError(LookupError):
    """No entity of that facet and value is named in the collection; the message says so."""


def entity_key(gazetteer: Gazetteer, facet: str, value: str) -> str:
    """The id an entity's spellings are recorded under: its facet value, or for a region code the oblast,
    region or country it stands for ("UA-09" → "region:UA-09", "PL" → "country:PL")."""
    if facet != "region":
        return value
    return next((key for key in (f"region:{value}", f"country:{value}") if key in gazetteer), value)


def describe(gazetteer: Gazetteer, facet: str, value: str, label: str) -> dict:
    """What the entity is: its name, kind and level, and for a place where it lies."""
    entity = gazetteer.get(entity_key(gazetteer, facet, value))
    about = {"facet": facet, "value": value, "label": label, "kind": facet, "level": "", "detail": "",
             "regions": [], "raion": None, "country": None, "population": 0, "in_gazetteer": entity is not None}
    if entity is None:
        return about
    about.update(kind=entity.kind, level=entity.level, detail="" if entity.detail.startswith("KATOTTG") else entity.detail,
                 population=entity.population,
                 regions=[{"code": code, "label": gazetteer.region_label(code)} for code in entity.region
                          if code != value])
    raion = gazetteer.get(entity.raion) if entity.raion else None
    if raion is not None:
        about["raion"] = {"id": raion.id, "label": raion.label}
    if entity.country and entity.level != "country":
        about["country"] = {"code": entity.country, "label": gazetteer.region_label(entity.country)}
    return about


def spellings(reader, table: FacetTable, documents: np.ndarray, key: str, resolver: NameResolver) -> dict:
    """Every spelling the documents print the entity in, with its mentions, documents and sources, and per
    source the spellings it prints. A possessive ("Kyiv's") is the spelling it is added to; case is kept
    (HIMARS and Himars are two houses' styles)."""
    docnums = np.flatnonzero(documents)
    sources = table.values_of("source", documents)
    mentions, printed_in = Counter(), Counter()
    by_source: dict[str, Counter] = defaultdict(Counter)
    spelling_sources: dict[str, Counter] = defaultdict(Counter)
    source_documents = Counter()
    for docnum, printed in printed_spellings(reader, docnums, key):
        source = sources.get(docnum, "")
        source_documents[source] += 1
        seen = set()
        for text, count in printed.items():
            spelling = _without_possessive(text)
            mentions[spelling] += count
            by_source[source][spelling] += count
            spelling_sources[spelling][source] += count
            seen.add(spelling)
        printed_in.update(seen)
    return {
        "documents": int(len(docnums)),
        "naming": sum(source_documents.values()),
        "mentions": sum(mentions.values()),
        "spellings": [{"spelling": spelling, "count": count, "documents": printed_in[spelling],
                       "note": _note(resolver, key, spelling),
                       "sources": [{"source": s, "count": n} for s, n in spelling_sources[spelling].most_common()]}
                      for spelling, count in sorted(mentions.items(), key=lambda item: (-item[1], item[0]))],
        "by_source": [{"source": source, "documents": n, "mentions": sum(by_source[source].values()),
                       "spellings": dict(by_source[source].most_common())}
                      for source, n in sorted(source_documents.items(), key=lambda item: (-item[1], item[0]))],
    }


@lru_cache(maxsize=WORDS)
def _without_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text.strip())


def _note(resolver: NameResolver, key: str, spelling: str) -> str:
    """What kind of spelling it is for this entity ("Russian-era spelling", "inflected form"); "" when unknown."""
    note = resolver.gazetteer.note(key, spelling)
    if not note:
        resolution = resolver.resolve(spelling)
        if resolution and any(entity.id == key for entity in resolution.entities):
            note = resolution.note
    return WHY.get(note, note)


def company(table: FacetTable, counts: np.ndarray, facet: str, value: str, key: str, size: int = COMPANY_SIZE) -> dict:
    """The entities of each facet most often named in the same documents, with how many they share:
    other than itself, as a region (UA-09) or as the place it is (Luhansk Oblast)."""
    itself = {FacetValue(facet, value), FacetValue("place", key), FacetValue("region", key.removeprefix("region:"))}
    others = counts.copy()
    for same in itself:
        if same in table:
            others[table.number(same)] = 0
    return {facet: table.listing(facet, others, size)[0][:size] for facet in ENTITY_PAGE_FACETS}
