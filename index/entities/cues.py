"""What the words around a name say about it.

"The village of X", "X, Luhansk region", "X direction", "Chernihiv, Kiev and
Odessa regions", "Kiev-controlled", "the cruiser Moskva", "Levada Center":
each is a cue a reader uses to tell what a name is and where it lies. These
functions read them off the text; :mod:`.evidence` and :mod:`.places` weigh them.
"""

import re
from collections.abc import Iterable

from ..names.inflection import lemmas
from ..names.resolver import Mention
from ..names.spelling import normalize
from .model import REGION_LEVELS, with_surroundings

_SETTLEMENT_BEFORE = re.compile(r"\b(villages?|towns?|cities|city|settlements?)\s+(?:of\s+)?$", re.IGNORECASE)
_SETTLEMENT_AFTER = re.compile(r"^\s+(village|town|city|settlement)\b", re.IGNORECASE)
#: What may stand between a place and the oblast that says where it is: "X, Y region",
#: "X (Y region)", "X of the Y region", "X, Z district, Y region".
_APPOSITION_GAP = re.compile(
    r"^[\s,(]*(?:(?:of|in)\s+(?:the\s+)?)?"
    r"(?:(?:[^\s,;.()]+\s+){0,2}(?:district|raion|rayon|region|community|hromada)\)?[\s,(]*)?$",
    re.IGNORECASE,
)
_APPOSITION_REACH = 60
_CITY_DISTRICT_GAP = re.compile(r"^\s*(,|of|in)\s*(?:the\s+)?(?:city\s+of\s+)?$", re.IGNORECASE)
#: Matched at a position (no "^"): "Kupyansk direction", "Donetsk and Kherson directions".
_HEADING = re.compile(r"\s*(?:directions?|axis|axes)\b", re.IGNORECASE)
_HEADING_JOINER = re.compile(r"^\s*(?:,|and|,\s*and|&|-|–)\s*$", re.IGNORECASE)
_ACTOR_SUFFIX = re.compile(r"[-‑](?:controlled|held|backed|led|loyal|allied|appointed|aligned|installed)\b", re.IGNORECASE)
_LIST_REGION = re.compile(r"^\s*(?:regions|oblasts|provinces|areas)\b", re.IGNORECASE)
_LIST_JOINER = re.compile(r"^\s*(?:,|and|,\s*and|&|or|/|;)\s*$", re.IGNORECASE)
#: Words before a name that say where something is: "in Bar", "near Marinka", "outside Izum".
_PLACE_PREPOSITION = re.compile(
    r"\b(?:in|near|outside|around|from|to|towards|toward|into|at|of|across|through|between|and|"
    r"liberated|captured|shelled|hit|struck|attacked|retook|recaptured)\s+(?:the\s+)?$", re.IGNORECASE)
#: A vessel's type before its name: the cruiser Moskva, крейсера «Москва» is no city.
_VESSEL_BEFORE = re.compile(
    r"(?:\b(?:cruiser|frigate|corvette|destroyer|submarine|warship|flagship|ship|vessel|tanker|boat|ferry|"
    r"landing ship|patrol ship|tug)\s+(?:the\s+)?"
    r"|\b(?:крейсер|фрегат|корвет|есмін|эсминц|эсминец|корабел|корабл|судн|танкер|флагман|паром|буксир)\w*\s+)"
    r"[«\"„“]?$", re.IGNORECASE)
#: Words after a place's name that make the whole the name of an institution, outlet, team, unit or
#: street, which is not the place (Levada Center, Kyiv Independent, Moskovska Street); an event or initiative
#: about the place still names it (Crimea Platform). Matched at a position: no "^".
_NAME_OF_SOMETHING_ELSE = re.compile(
    r"[ \t-]+(?:Center|Centre|Institute|University|Academy|School|College|Foundation|Fund|Group|Company|"
    r"Corporation|Corp|Inc|Ltd|Bank|Club|FC|Arena|Stadium|Independent|Post|Times|Herald|Tribune|Gazette|"
    r"Pravda|Radio|TV|Television|Media|Airlines|Orchestra|Ballet|Opera|Party|Movement|Battalion|Regiment|"
    r"Brigade|Street|Avenue|Boulevard|Square|Lane|Road|Highway|Prospekt|Embankment|Territory)\b")


#: Ukrainian and Russian nouns (dictionary forms) a city's adjective before them makes the city's own: its
#: authorities, and a front's direction named after it ("киевский режим", "Харківський напрямок").
_GOVERNED_BY_PLACE = frozenset(
    "режим влада власть уряд правительство хунта міськрада горсовет мерія мэрия адміністрація администрация "
    "напрямок напрям направление фронт лінія линия".split())


def governed_by_place(word: str) -> bool:
    """A Cyrillic noun for a city's authorities or a front's direction (режим, горсовета, напрямок, линии)."""
    return not word.isascii() and any(lemma in _GOVERNED_BY_PLACE for lemma in lemmas(normalize(word)))


def settlement_word(mention: Mention, text: str) -> str:
    """"village", "town" or "city" when the text says which kind of place the name is, else ""."""
    before = _SETTLEMENT_BEFORE.search(text[max(0, mention.startchar - 24) : mention.startchar])
    after = _SETTLEMENT_AFTER.match(text[mention.endchar : mention.endchar + 15])
    word = (before or after).group(1).lower() if (before or after) else ""
    if word.startswith("village"):
        return "village"
    if word.startswith("town"):
        return "town"
    if word.startswith(("city", "cities")):
        return "city"
    return "settlement" if word.startswith("settlement") else ""


def apposed_regions(mentions: list[Mention], text: str) -> dict[int, set[str]]:
    """Mention index → the oblast named right after it: "Pervomaisk, Luhansk region",
    "Luhansk (Bakhmut district), Donetsk region", "Novoselovskoye of the LPR"."""
    apposed = {}
    for index, mention in enumerate(mentions):
        oblast = region_after(mention.endchar, mentions[index + 1 :], text)
        if oblast:
            apposed[index] = oblast
    return apposed


def region_after(end: int, mentions: Iterable[Mention], text: str) -> set[str]:
    """The oblast named right after position `end` ("…, Luhansk region"), or an empty set."""
    for later in mentions:
        if later.startchar < end:
            continue
        if later.startchar - end > _APPOSITION_REACH:
            break
        best = later.resolution.best
        if best.kind == "place" and best.level in REGION_LEVELS:
            if _APPOSITION_GAP.match(text[end : later.startchar]):
                return with_surroundings(best.region)
            break
    return set()


def city_after(end: int, mentions: list[Mention], text: str) -> tuple[set[str], bool]:
    """(the oblast of a city named right after position `end`, whether the words say the text
    before is part of it): "… district of Donetsk" → ({UA-14}, True); "… district, Kharkiv",
    where the city may stand for its oblast → ({UA-63}, False); else (set(), False)."""
    for later in mentions:
        if later.startchar >= end:
            best = later.resolution.best
            gap = _CITY_DISTRICT_GAP.match(text[end : later.startchar])
            if best.kind == "place" and best.level == "city" and gap:
                return with_surroundings(best.region), gap.group(1).strip() != ","
            break
    return set(), False


def headings(mentions: list[Mention], text: str) -> set[int]:
    """Indexes of places named as a front's direction ("Kupyansk direction", "Donetsk and
    Kherson directions"), when the text also names a place that is not one."""
    found = set()
    for index in range(len(mentions)):
        last = index
        while last + 1 < len(mentions) and _HEADING_JOINER.match(text[mentions[last].endchar : mentions[last + 1].startchar]):
            last += 1
        if _HEADING.match(text, mentions[last].endchar):
            found.add(index)
    others = [m for i, m in enumerate(mentions) if i not in found and m.resolution.best.kind == "place"
              and m.resolution.best.level not in ("country", "sea", "river")]
    return found if others else set()


def is_heading(mention: Mention, text: str) -> bool:
    """"Marinka direction", "Kupyansk axis": the name of a front sector."""
    return bool(_HEADING.match(text, mention.endchar))


def actor_compound(mention: Mention, text: str) -> bool:
    """"Kiev-controlled", "Moscow-backed": the name stands for a government, not a location."""
    return bool(_ACTOR_SUFFIX.match(text, mention.endchar))


def listed_as_regions(mentions: list[Mention], index: int, text: str) -> bool:
    """True for "Chernihiv, Kiev, Odessa and … regions": names in a list that ends in 'regions'."""
    j = index
    while j + 1 < len(mentions) and _LIST_JOINER.match(text[mentions[j].endchar : mentions[j + 1].startchar]):
        j += 1
    tail = text[mentions[j].endchar : mentions[j].endchar + 60]
    if _LIST_REGION.match(tail):
        return j > index or index > 0 and bool(_LIST_JOINER.match(text[mentions[index - 1].endchar : mentions[index].startchar]))
    return bool(re.match(r"^\s*and\s+(?:a|several|other|many|\w+)\s+(?:number of\s+)?(?:\w+\s+)?regions\b", tail))


def joined(left: Mention, right: Mention, text: str) -> bool:
    """Two names listed together: "Izium, Balakliia and Kupiansk", "Semihatka/Henichesk"."""
    return left.endchar <= right.startchar and bool(_LIST_JOINER.match(text[left.endchar : right.startchar]))


def after_place_preposition(mention: Mention, text: str) -> bool:
    """"in Bar", "near Marinka", "shelled Izum": words that introduce a location."""
    return bool(_PLACE_PREPOSITION.search(text[max(0, mention.startchar - 20) : mention.startchar]))


def names_a_vessel(mention: Mention, text: str) -> bool:
    """"the cruiser Moskva", "the ship Odesa": a vessel named after a place."""
    return bool(_VESSEL_BEFORE.search(text[max(0, mention.startchar - 24) : mention.startchar]))


def names_something_else(mention: Mention, text: str) -> bool:
    """"Levada Center", "Kyiv Independent", "Donbas Arena": the place's name begins another name."""
    return bool(_NAME_OF_SOMETHING_ELSE.match(text, mention.endchar))


#: Natural features named after (or like) a place: Chudskoye Lake is no village. Matched at a position.
_FEATURE_AFTER = re.compile(r"[ \t]+(?:Lake|River|Sea|Bay|Gulf|Strait|Island|Islands|Mountain|Mountains|Hills?|"
                            r"Peninsula|Canal|Forest|Valley|Desert|Glacier|Falls)\b")


_FEATURE_BEFORE = re.compile(r"\b(?:Mount|Mt|Lake|Cape|Hill|Mountains|River)\.?\s+$")


def names_a_feature(mention: Mention, text: str) -> bool:
    """"Chudskoye Lake", "Mount Karachun": the name of a lake, river or mountain, not a settlement."""
    return bool(_FEATURE_AFTER.match(text, mention.endchar)
                or _FEATURE_BEFORE.search(text[max(0, mention.startchar - 16) : mention.startchar]))


def neighbouring_names(mention: Mention, text: str) -> tuple[str, str]:
    """The capitalised words right before and after a name, a space away ("" where there is none):
    "Babyn Yar", "Dynamo Kyiv" — the name may be part of a longer one."""
    before = re.search(r"(\w+) $", text[max(0, mention.startchar - 40) : mention.startchar])
    after = re.match(r" (\w+)", text[mention.endchar : mention.endchar + 40])
    return tuple(m.group(1) if m and m.group(1)[:1].isupper() and not m.group(1).isupper() else ""
                 for m in (before, after))


#: Words after a name that say a person spoke, so a lone village-sized name there is a surname
#: (matched at a position: no "^").
_SPEECH_AFTER = re.compile(r"[ \t,]+(?:said|says|told|added|stated|noted|wrote|announced|explained|"
                           r"stressed|argued|claimed|insisted|warned|replied|asked)\b")


def speaker_follows(mention: Mention, text: str) -> bool:
    """"Shevchenko said": a name followed by a verb of speech is a person's."""
    return bool(_SPEECH_AFTER.match(text, mention.endchar))
