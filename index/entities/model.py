"""What the entity layer finds in a text, and the facet values it is filed under."""

from dataclasses import dataclass, field

from ..names.resolver import Mention
from ..names.spelling import normalize
from ..names.translit import to_latin
from ..names.words import Word

FACETS = ("region", "place", "person", "organization", "weapon")
#: Said of a place name no single place could be chosen for ("Novoselivka (ambiguous)").
AMBIGUOUS = " (ambiguous)"
#: Facet values the documents define rather than the gazetteer: a place name no single place
#: could be chosen for, and a person found by how the text names them.
NAME_PREFIX, PERSON_PREFIX = "name:", "person:~"
OWN_VALUE_PREFIXES = (PERSON_PREFIX, NAME_PREFIX)
#: Levels that are regions in themselves: naming one sets the context for the rest of the text.
REGION_LEVELS = ("oblast", "region")
#: Countries too omnipresent in war reporting to be a location filter on their own.
ACTOR_COUNTRIES = ("country:UA", "country:RU")


@dataclass(frozen=True)
class Found:
    """One resolved mention: character span, what kind of entity, which one."""

    start: int
    end: int
    text: str
    kind: str
    value: str
    label: str
    regions: tuple[str, ...] = ()
    #: The name several places share, when it was one of them ("Pervomaisk" for Sokolohirsk).
    namesakes: str = ""
    #: Chosen between namesakes by size or by the collection, not by the text itself.
    guessed: bool = False


@dataclass
class Extraction:
    found: list[Found] = field(default_factory=list)
    #: The words of the text as the entity layer read them, so the index need not read them again.
    words: list[Word] | None = None

    def facets(self) -> dict[str, dict[str, str]]:
        """facet → {value: label}, regions included."""
        values: dict[str, dict[str, str]] = {name: {} for name in FACETS}
        for item in self.found:
            values[item.kind][item.value] = item.label
            for code in item.regions:
                values["region"].setdefault(code, code)
        return values


def found_at(mention: Mention, text: str, kind: str, value: str, label: str, regions=()) -> Found:
    """A mention as found, with the text as printed over its span."""
    return Found(mention.startchar, mention.endchar, text[mention.startchar : mention.endchar], kind, value, label,
                 tuple(regions))


def name_value(label: str) -> str:
    """The facet value of a place name we could not pin to one entity."""
    return NAME_PREFIX + normalize(label).replace(" ", "-")


def person_value(name: str, lang: str | None = None) -> str:
    """The facet value of a person the gazetteer lacks, in any script: "person:~stefan-j-bos"; Cyrillic romanised
    by `lang` ("uk", "ru"; see :func:`~..names.translit.to_latin`)."""
    return PERSON_PREFIX + normalize(to_latin(name, lang)).replace(" ", "-").replace(".", "")


#: A city with special status stands for the oblast around it too when judging context
#: (a "suburb of Ukrainka" in a text about Kyiv is the Ukrainka in Kyiv Oblast).
_SURROUNDING = {"UA-30": ("UA-32",), "UA-40": ("UA-43",)}


def with_surroundings(codes) -> set[str]:
    """Region codes with the oblasts around the special cities among them."""
    return {code for region in codes for code in (region, *_SURROUNDING.get(region, ()))}
