"""The Whoosh filter that makes every spelling of a name one searchable term.

Beside each name it finds, at the same position and over the same
characters, it adds:

* ``@<canonical name>`` for a gazetteer entity (Kiev, Київ, Kyiv → ``@kyiv``),
  so a query for any spelling matches and the highlighter marks the
  spelling actually printed;
* ``~<variant key>`` for a capitalised word the gazetteer does not know
  (Goncharenko, Honcharenko → one key), so unknown names still meet their
  variants;
* the romanised form of a Cyrillic word, so Latin queries reach Cyrillic text.

It runs in index mode only (indexing and highlighting); queries are resolved
by :mod:`frontline.search.query`, which knows what the user typed.
"""

import re

from whoosh.analysis import Filter

from .analysis import KEY_PREFIX, fold_word, search_form
from .names import Word, default_resolver
from .translit import latin_forms
from .variants import is_english_word, variant_key


#: Words that, after a place's name, make the name of something at or around it.
_GEOGRAPHIC_WORDS = frozenset(
    "oblast region raion district province krai city people republic river sea lake bay strait canal dam "
    "reservoir island spit bridge plant station airport port nuclear power npp hpp front direction axis".split()
)


def key_token(word: str) -> str:
    return KEY_PREFIX + variant_key(word).replace(" ", "_")


def wants_key(word: str) -> bool:
    """A capitalised word that may be a name the gazetteer lacks (not an acronym, not English)."""
    return len(word) >= 4 and word[:1].isupper() and not word.isupper() and not is_english_word(word)


_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _is_cyrillic(word: str) -> bool:
    return _CYRILLIC.search(word) is not None


class NamesFilter(Filter):
    """Add entity, variant-key and romanised tokens beside the words they stand for."""

    def __eq__(self, other):
        return type(other) is type(self)

    def __call__(self, tokens):
        first = next(tokens, None)
        if first is None:
            return
        if first.mode == "query":
            yield first
            yield from tokens
            return
        # WordTokenizer makes a Token per word, so the whole field can be held to look ahead.
        buffered = [first, *tokens]
        words = [Word(t.original, t.startchar, t.endchar) for t in buffered]
        mentions = {m.start: m for m in default_resolver().find_mentions(words)}
        inside = 0
        for index, token in enumerate(buffered):
            yield token
            mention = mentions.get(index)
            if mention:
                inside = mention.end
                for text in _mention_tokens(mention, words):
                    yield _beside(token, text, (mention.startchar, mention.endchar))
            elif index >= inside:
                yield from self._unknown_word(token)

    @staticmethod
    def _unknown_word(token):
        original = token.original
        if _is_cyrillic(original):
            for form in latin_forms(original):
                latin = search_form(form)
                if latin and latin != token.text:
                    yield _beside(token, latin)
        if wants_key(original):
            yield _beside(token, key_token(original))


def _mention_tokens(mention, words) -> list[str]:
    """The mention's entity terms, plus those of its longest leading part that names something too.

    "Lugansk region" is Luhansk Oblast and "Nova Kakhovka dam" the dam, but a
    search for Luhansk or Nova Kakhovka should find them as a search for the
    words would: the leading name's entity rides along.
    """
    tokens = mention.resolution.tokens
    for end in range(mention.end - 1, mention.start, -1):
        rest = words[end : mention.end]
        # Only a name followed by common or geographic words ("Lugansk region", "Dnipro River",
        # "Luhansk People's Republic"): in "Kryvyi Rih", "Kryvyi" is no name of its own.
        if not all(w.text.islower() or fold_word(w.text) in _GEOGRAPHIC_WORDS for w in rest):
            continue
        leading = default_resolver().resolve(" ".join(w.text for w in words[mention.start : end]), fuzzy=False)
        if leading:
            return list(dict.fromkeys(tokens + leading.tokens))
    return tokens


def _beside(token, text, span=None):
    """A copy of token with another text, over `span` characters if given."""
    extra = token.copy()
    extra.text = text
    extra.beside = True
    if span:
        extra.startchar, extra.endchar = span
    return extra
