"""The index's vocabulary: how a word, a name and a spelling become index terms.

Ordinary words are folded and stemmed. Beside them the index holds three
kinds of special terms, told apart by their first character, which the word
filters leave alone:

* ``@lysychansk`` stands for an entity: every spelling of it carries it;
* ``~lasacansk`` is the variant key of a capitalised word no gazetteer knows,
  so unknown names still meet their variants (Goncharenko, Honcharenko);
* ``=pokrovske`` is a capitalised word as written (folded, not stemmed), so
  a strict-spelling query can tell Pokrovske from Pokrovsk;
* ``^JrJ`` is the sound key of a Cyrillic word of a person's name the gazetteer
  lacks (Джордже), which the English spellings of it share (George: see
  :mod:`.names.sound`); ``^:bnt`` that of a surname that names a person on its
  own (Беннетом), which a search for the full name (Naftali Bennett) finds.

Queries (``frontline.search.query``) build the same terms from what was typed.
"""

from collections.abc import Iterable
from functools import lru_cache

from whoosh.lang.porter import stem

from .memo import WORDS
from .gazetteer.model import Entity
from .gazetteer.store import Gazetteer
from .names.inflection import lemmas, ordinary_word
from .names.spelling import normalize
from .names.translit import has_cyrillic
from .names.variants import is_common_word, variant_key

ENTITY_PREFIX = "@"
KEY_PREFIX = "~"
EXACT_PREFIX = "="
SOUND_PREFIX = "^"
SPECIAL_PREFIXES = (ENTITY_PREFIX, KEY_PREFIX, EXACT_PREFIX, SOUND_PREFIX)


def fold_word(word: str) -> str:
    """The searchable form of one word before stemming (see :func:`~.names.spelling.normalize`)."""
    return normalize(word)


def search_form(word: str) -> str:
    """What a word is indexed as: folded, then stemmed (see :func:`search_forms`)."""
    return search_forms(word)[0]


@lru_cache(maxsize=WORDS)
def search_forms(word: str) -> tuple[str, ...]:
    """Every form a word is indexed and searched as, the first its own: a Latin word's Porter stem; a
    Cyrillic word's dictionary forms (війни: війна, війнути), which the index holds beside one another."""
    folded = fold_word(word)
    return lemmas(folded) if has_cyrillic(folded) else (stem(folded),)


def romanised(word: str) -> bool:
    """Whether a Cyrillic word is also indexed and searched in Latin letters: a name may be printed
    in either script, but an ordinary word is no name ("в" is not the V of Sputnik V)."""
    folded = fold_word(word)
    return has_cyrillic(folded) and not ordinary_word(folded)


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


def sound_token(key: str) -> str:
    """The term of a sound key (see :mod:`.names.sound`): "JrJ" → "^JrJ"."""
    return SOUND_PREFIX + key


def lone_surname_token(key: str) -> str:
    """The term of the sound key of a surname printed without its person's given name: "bnt" → "^:bnt"."""
    return SOUND_PREFIX + ":" + key


def wants_key(word: str) -> bool:
    """A capitalised word that may be a name the gazetteer lacks (not an acronym, not English)."""
    return len(word) >= 4 and word[:1].isupper() and not word.isupper() and not is_common_word(word)


def word_matches_alone(word: str, entities: Iterable[Entity], gazetteer: Gazetteer) -> bool:
    """Whether a name's word may also be searched as a plain word: unless stemming makes another name
    the same word ("pokrovsk" is the stem of Pokrovske as well as of Pokrovsk), or a Cyrillic word's
    dictionary forms make it an ordinary word besides (Сум is also сума, "sum"; Луганську the adjective
    луганський, which every Луганській області prints): a Cyrillic name is searched as a word only by
    dictionary forms that are its names (Слава, Буча)."""
    own, folded = {e.id for e in entities}, fold_word(word)
    if has_cyrillic(folded):
        return all(any(e.id in own for e in gazetteer.lookup(form)) for form in search_forms(word))
    return all(spelling == folded or all(e.id in own for e in gazetteer.lookup(spelling))
               for spelling in gazetteer.spellings_with_stem(search_form(word)))
