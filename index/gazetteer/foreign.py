"""Source 3: places abroad: countries (``pycountry``, GeoNames, and the everyday names and abbreviations
of ``curated/countries.tsv``), the regions of Russia reports name
(``curated/foreign_regions.tsv``) and their towns of 5,000+, the cities of Ukraine's neighbours of
50,000+, cities of a million and capitals anywhere."""

from __future__ import annotations

import gettext

from .curated import read_table
from .drafts import _HAS_CYRILLIC, english, script
from .katottg import OBLAST_SUFFIXES

#: Foreign cities kept: Ukraine's neighbours and Georgia from this size, anywhere from a million, and capitals.
NEIGHBOURS = ("RU", "BY", "MD", "PL", "RO", "HU", "SK", "GE")
NEIGHBOUR_MIN_POPULATION = 50_000
#: Towns of the Russian regions reports name (curated/foreign_regions.tsv) are kept from this size: the
#: centres of their raions (Sudzha, Glushkovo), which a raion's adjective names.
REGION_TOWN_MIN_POPULATION = 5_000
#: A raion abroad no list has is known by its centre: "Korenevo District" is filed as the town.
RAION_SUFFIXES = ("District", "district", "raion", "rayon")
WORLD_MIN_POPULATION = 1_000_000
#: Places at least this big are known by their name whatever it means in English.
BIG_PLACE = 1_000_000
#: A capital whose name is an English word is kept only from this size (Washington, not Victoria or Male).
CAPITAL_MIN_POPULATION_IF_ENGLISH = 250_000


class Foreign:
    """Countries, foreign regions and cities, as a part of :class:`~.build.Builder`."""

    def build_countries(self) -> None:
        import pycountry

        uk = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["uk"])
        ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
        everyday = {row["code"]: row["names"] for row in read_table("countries.tsv")}
        for code, country in self.countries.items():
            label = country["name"]
            draft = self.new(
                f"country:{code}", "place", label, level="country", region=(code,), country=code,
                population=int(country.get("population") or 0),
            )
            self.regions.setdefault(code, label)
            record = pycountry.countries.get(alpha_2=code)
            names = []
            if record is not None:
                names = [getattr(record, attr, None) for attr in ("name", "common_name", "official_name")]
                for name in filter(None, names):
                    draft.add(name, "official")
                    draft.add_cyrillic(uk.gettext(name), "cyrillic")
                    draft.add_cyrillic(ru.gettext(name), "russian")
            for extra in everyday.get(code, []):
                draft.add_any(extra, "alternate")

    def build_foreign_regions(self) -> None:
        for row in read_table("foreign_regions.tsv"):
            code, label, country = row["code"], row["label"], row.get("country", "")
            draft = self.new(f"region:{code}", "place", label, level="region", region=(code,), country=country)
            self.regions[code] = label
            for admin1 in row.get("geonames_admin1", []):
                self.admin1[(country, admin1)] = code
            # Latin stems only: a bare Курск or Москва is the city, not the region.
            stems = [stem for stem in row.get("stems", []) if not _HAS_CYRILLIC.search(stem)]
            for stem in stems:
                for suffix in OBLAST_SUFFIXES:
                    draft.add(f"{stem} {suffix}", "official" if stem == stems[0] else "alternate")
            for text in row.get("names", []):
                self._add_region_name(draft, text)

    def build_foreign_cities(self) -> None:
        capitals = {}
        for code, country in self.countries.items():
            capitals[(code, country.get("capital", ""))] = None
        best_capital: dict[tuple[str, str], dict] = {}
        for city in self.cities.values():
            key = (city["countrycode"], city["name"])
            if key in capitals and (key not in best_capital or city["population"] > best_capital[key]["population"]):
                best_capital[key] = city
        capital_ids = {c["geonameid"] for c in best_capital.values()}
        for city in self.cities.values():
            cc = city["countrycode"]
            if cc == "UA":
                continue
            population = city["population"] or 0
            region_town = (cc, city["admin1code"]) in self.admin1 and population >= REGION_TOWN_MIN_POPULATION
            if not (
                (cc in NEIGHBOURS and population >= NEIGHBOUR_MIN_POPULATION)
                or population >= WORLD_MIN_POPULATION
                or city["geonameid"] in capital_ids
                or region_town
            ):
                continue
            if script(city["name"]) != "latin":
                continue
            capital = city["geonameid"] in capital_ids
            if population < (CAPITAL_MIN_POPULATION_IF_ENGLISH if capital else BIG_PLACE) and english(city["name"]):
                # Roman (Romania), Martin (Slovakia): the word is far likelier than the town.
                self.stats["foreign places dropped as English words"] += 1
                continue
            latin, _ = self.filtered_alternates(city, city["name"])
            if english(city["name"]) and all(english(x) for x in latin):
                self.stats["foreign places dropped as English words"] += 1
                continue
            region = self.admin1.get((cc, city["admin1code"]), cc)
            small = population < NEIGHBOUR_MIN_POPULATION and not capital
            draft = self.new(
                f"geo:{city['geonameid']}", "place", city["name"], level="town" if small else "city",
                region=(region,), country=cc, population=int(population), lat=city["latitude"],
                lon=city["longitude"], detail="capital" if capital else "",
            )
            self.add_geonames_spellings(draft, city)
            if region_town and cc == "RU":
                for suffix in RAION_SUFFIXES:
                    draft.add(f"{city['name']} {suffix}", "alternate")

