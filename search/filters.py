"""Facet filters as the user writes them ("Lugansk", "Luhanska oblast", "UA-09") to index terms.

A filter value may be a facet value as the API returns it, a label, or any
spelling the names layer knows; each resolves to the facet values it means.
Filters combine AND across facets and OR within one.
"""

from dataclasses import dataclass, field

from whoosh import query as wq

from frontline.index.readers.dates import DateError, normalize_date
from frontline.index.readers.language import language_code
from frontline.index.entities import FACETS, OWN_VALUE_PREFIXES, REGION_LEVELS, name_value, person_value
from frontline.index.names.resolver import NameResolver
from frontline.index.names.spelling import normalize

FILTERABLE = (*FACETS, "source", "lang", "date")
_KIND = {"place": "place", "person": "person", "organization": "organization", "weapon": "weapon"}
#: A filter value that names nothing matches no document. (Whoosh drops an empty Or or a
#: NullQuery from an And, which would make such a filter match everything.)
_NOTHING = wq.Term("id", "\x00")


class FilterError(ValueError):
    """A filter that cannot be applied as given; the message names it."""


@dataclass
class Filters:
    """Resolved filters: facet → index values, and what could not be resolved."""

    values: dict[str, list[str]] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    #: (facet, value as given, index values it means), to tell the user which ones match nothing.
    requested: list[tuple[str, str, list[str]]] = field(default_factory=list)
    date_from: str = ""
    date_to: str = ""

    def check(self) -> None:
        """Refuse what cannot be read: a filter value that names nothing, a date range that ends before it begins."""
        if self.unknown:
            raise FilterError(f"no such filter value: {', '.join(self.unknown)}; a filter takes a facet's value, "
                              "a label or any spelling of a name (region=Luhansk, region=UA-09, date=2022-06)")
        if self.date_from and self.date_to and self.date_from > self.date_to + "\uffff":
            raise FilterError(f"the date range starts ({self.date_from}) after it ends ({self.date_to})")

    def query(self) -> wq.Query | None:
        """The filter as one Whoosh query (searches filter by masks over the facet table instead:
        see FacetTable.mask; this is what plain Whoosh is given in the benchmarks)."""
        parts = []
        for facet, values in self.values.items():
            if not values:
                parts.append(_NOTHING)
            elif facet == "date":
                parts.append(wq.Or([_date_term(v) for v in values]))
            else:
                parts.append(wq.Or([wq.Term(facet, v) for v in values]))
        if self.date_from or self.date_to:
            parts.append(wq.TermRange("date", self.date_from or None, (self.date_to + "\uffff") if self.date_to else None))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else wq.And(parts)


def _date_term(value: str) -> wq.Query:
    """"2022-06" is a month, "2022" a whole year."""
    return wq.Term("month", value) if len(value) == 7 else wq.Prefix("month", value)


def _date_values(raw: str) -> list[str]:
    """"2022-06", "June 2022", "2022-06-15" → the month; "2022" → the year; [] for anything else."""
    try:
        date = normalize_date(raw)
    except DateError:
        return []
    return [date[:7]]


class FilterResolver:
    def __init__(self, resolver: NameResolver):
        self.resolver = resolver
        self.gazetteer = resolver.gazetteer
        self._region_by_label = {normalize(label): code for code, label in self.gazetteer.regions.items()}

    def resolve(self, filters: dict[str, list[str]], date_from: str = "", date_to: str = "") -> Filters:
        unknown: list[str] = []
        resolved = Filters(date_from=self._bound(date_from, "from", unknown),
                           date_to=self._bound(date_to, "to", unknown), unknown=unknown)
        for facet, raws in filters.items():
            if facet not in FILTERABLE:
                raise ValueError(f"unknown filter {facet!r}; filters: {', '.join(FILTERABLE)}")
            values = []
            for raw in (r.strip() for r in raws):
                if not raw:
                    continue
                found = self.values_for(facet, raw)
                if not found:
                    resolved.unknown.append(f"{facet}={raw}{self._other_kind(facet, raw)}")
                resolved.requested.append((facet, raw, found))
                values.extend(v for v in found if v not in values)
            resolved.values[facet] = values
        return resolved

    def _other_kind(self, facet: str, raw: str) -> str:
        """" (a place: use place=…)" when a filter value names an entity of another facet."""
        if facet not in _KIND:
            return ""
        resolution = self.resolver.resolve(raw)
        kinds = [e.kind for e in resolution.entities if e.kind != _KIND[facet]] if resolution else []
        return f" (a {kinds[0]}: use {kinds[0]}={raw})" if kinds else ""

    @staticmethod
    def _bound(raw: str, name: str, unknown: list[str]) -> str:
        """A from/to date in ISO form ("March 2022" → "2022-03"); unreadable ones are reported and dropped."""
        if not raw.strip():
            return ""
        try:
            return normalize_date(raw)
        except DateError:
            unknown.append(f"{name}={raw}")
            return ""

    def values_for(self, facet: str, raw: str) -> list[str]:
        """The index values a filter value means; [] when it names nothing."""
        if facet == "source":
            return [raw]
        if facet == "lang":
            code = language_code(raw)
            return [code] if code else []
        if facet == "date":
            return _date_values(raw)
        if facet == "region":
            return self._regions(raw)
        if raw.startswith(OWN_VALUE_PREFIXES) or raw in self.gazetteer.entities:
            return [raw]
        resolution = self.resolver.resolve(raw)
        found = [e.id for e in resolution.entities if e.kind == _KIND[facet]] if resolution else []
        # The facet says which kind is meant: organization=Azov is the regiment, not the town it names first.
        found = found or [e.id for e in self.gazetteer.lookup(normalize(raw)) if e.kind == _KIND[facet]]
        if facet == "place" and resolution:
            found.append(name_value(resolution.best.label))
        if facet == "person" and not found:
            # Cyrillic of either language: the document's language romanised it (Богачев: Bohachev or Bogachev).
            found += dict.fromkeys(person_value(raw, lang) for lang in ("uk", "ru"))
        return found

    def _regions(self, raw: str) -> list[str]:
        """Region code from a code, a label, an oblast's name in any spelling, or a place in it."""
        if raw.upper() in self.gazetteer.regions:
            return [raw.upper()]
        if normalize(raw) in self._region_by_label:
            return [self._region_by_label[normalize(raw)]]
        city = self.resolver.resolve(raw)
        if city and city.best.level == "city":
            # A city that is a region of its own (Kyiv, Sevastopol, Moscow) means that region.
            own = [code for code in city.best.region
                   if normalize(self.gazetteer.region_label(code)).startswith(normalize(city.best.label))]
            if own:
                return own
        for spelling in (raw, f"{raw} oblast"):
            resolution = self.resolver.resolve(spelling)
            if resolution and resolution.best.level in (*REGION_LEVELS, "country"):
                return list(resolution.best.region) or [resolution.best.country]
        resolution = self.resolver.resolve(raw)
        if resolution and resolution.best.kind == "place":
            return list(resolution.best.region)
        return []
