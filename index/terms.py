"""The index's vocabulary: how a word, a name and a spelling become index terms.

Ordinary words are folded and stemmed. Beside them the index holds three
kinds of special terms, told apart by their first character, which the word
filters leave alone:

* ``@lysychansk`` stands for an entity: every spelling of it carries it;
* ``~lasacansk`` is the variant key of a capitalised word no gazetteer knows,
  so unknown names still meet their variants (Goncharenko, Honcharenko);
* ``=pokrovske`` is a capitalised word as written (folded, not stemmed), so
  a strict-spelling query can tell Pokrovske from Pokrovsk.

Queries (``frontline.search.query``) build the same terms from what was typed.
"""

from collections.abc import Iterable
from functools import lru_cache

from whoosh.lang.porter import stem

from .gazetteer.model import Entity
from .gazetteer.store import Gazetteer
from .names.spelling import normalize
from .names.variants import is_common_word, variant_key

ENTITY_PREFIX = "@"
KEY_PREFIX = "~"
EXACT_PREFIX = "="
SPECIAL_PREFIXES = (ENTITY_PREFIX, KEY_PREFIX, EXACT_PREFIX)


def fold_word(word: str) -> str:
    """The searchable form of one word before stemming (see :func:`~.names.spelling.normalize`)."""
    return normalize(word)


def search_form(word: str) -> str:
    """What a word is indexed as: folded, then stemmed."""
    return stem(fold_word(word))


def exact_term(word: str) -> str:
    """The term a capitalised word is findable by as spelled: "Pokrovske" → "=pokrovske"."""
    return EXACT_PREFIX + fold_word(word)


def entity_token(label: str) -> str:
    """The term that stands for every spelling of a name: "@lysychansk"."""
    return ENTITY_PREFIX + normalize(label).replace(" ", "_")


def entity_terms(entities: Iterable[Entity]) -> list[str]:
    """Distinct entity terms, one per distinct canonical name, in order."""
    return list(dict.fromkeys(entity_token(e.label) for e in entities))


def key_token(word: str) -> str:
    """The variant-key term of a word: "Honcharenko" → "~hancarank"."""
    return KEY_PREFIX + variant_key(word).replace(" ", "_")


def wants_key(word: str) -> bool:
    """A capitalised word that may be a name the gazetteer lacks (not an acronym, not English)."""
    return len(word) >= 4 and word[:1].isupper() and not word.isupper() and not is_common_word(word)


@lru_cache(maxsize=2)
def _stem_owners(gazetteer: Gazetteer) -> dict[str, tuple[tuple[str, str], ...]]:
    """The stemmed form of every one-word Latin spelling → (spelling, entity id) of each spelled so."""
    owners: dict[str, list[tuple[str, str]]] = {}
    for spelling, entity_id, _note in gazetteer.spellings():
        if " " not in spelling and spelling.isascii():
            owners.setdefault(stem(spelling), []).append((spelling, entity_id))
    return {form: tuple(pairs) for form, pairs in owners.items()}


def word_matches_alone(word: str, entities: Iterable[Entity], gazetteer: Gazetteer) -> bool:
    """Whether a name's word may also be searched as a plain word: unless stemming makes another name
    the same word ("pokrovsk" is the stem of Pokrovske as well as of Pokrovsk)."""
    own, folded = {e.id for e in entities}, fold_word(word)
    return all(spelling == folded or entity_id in own
               for spelling, entity_id in _stem_owners(gazetteer).get(search_form(word), ()))
