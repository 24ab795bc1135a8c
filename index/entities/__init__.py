"""The entity layer: which places, people, organisations and weapons a text names, and where they lie.

``EntityExtractor(prior).extract(text)`` reads a text the way a careful reader
does (see :mod:`.extractor`); its findings become a document's facet values
(:mod:`.facet_values`).
"""

from .extractor import EntityExtractor
from .model import (ACTOR_COUNTRIES, AMBIGUOUS, FACETS, NAME_PREFIX, OWN_VALUE_PREFIXES, PERSON_PREFIX, REGION_LEVELS,
                    Extraction, Found, name_value, person_value)

__all__ = ["EntityExtractor", "Extraction", "Found", "FACETS", "AMBIGUOUS", "NAME_PREFIX", "PERSON_PREFIX",
           "OWN_VALUE_PREFIXES", "REGION_LEVELS", "ACTOR_COUNTRIES", "name_value", "person_value"]
