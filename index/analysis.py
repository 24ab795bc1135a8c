"""The analysis chain for title and text, built from small Whoosh filters.

``RegexTokenizer | FoldFilter | StemFilter`` gives ordinary words their
searchable form; :class:`~frontline.index.names_filter.NamesFilter` is added
on the end to put each name's entity and variant-key tokens beside it.
"""


import re

from whoosh.analysis import Filter, StemFilter, Token, Tokenizer
from whoosh.lang.porter import stem

from .spelling import normalize

#: Words keep inner apostrophes and dots (Mar'inka, U.S.), so a name is one token.
WORD_PATTERN = r"\w+(?:[.'’ʼ]\w+)*"


def fold_word(word: str) -> str:
    """The searchable form of one word before stemming (see :func:`~.spelling.normalize`)."""
    return normalize(word)


def search_form(word: str) -> str:
    """What a word is indexed as: folded, then stemmed."""
    return stem(fold_word(word))


#: Tokens the names layer adds start with one of these; word filters leave them alone.
ENTITY_PREFIX = "@"
KEY_PREFIX = "~"
#: A capitalised word as written (folded, not stemmed): "=pokrovske" stays apart from "=pokrovsk",
#: which stemming would merge. Strict-spelling queries and names match on it.
EXACT_PREFIX = "="
_SPECIAL = (ENTITY_PREFIX, KEY_PREFIX, EXACT_PREFIX)


class WordTokenizer(Tokenizer):
    """Words, each a Token of its own with its original text, position and characters.

    Whoosh's RegexTokenizer reuses one Token object; the names filter looks
    ahead over a whole field for multi-word names and needs the original case,
    so fresh tokens are cheaper than copying reused ones.
    """

    expression = re.compile(WORD_PATTERN)

    def __eq__(self, other):
        return type(other) is type(self)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        for pos, match in enumerate(self.expression.finditer(value), start=start_pos):
            word = match.group()
            token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
            token.text = token.original = word
            token.boost, token.stopped, token.pos = 1.0, False, pos
            token.startchar, token.endchar = start_char + match.start(), start_char + match.end()
            yield token


class FoldFilter(Filter):
    """Casefold, drop possessive 's and apostrophes, strip accents from Latin letters."""

    def __call__(self, tokens):
        for token in tokens:
            if not token.text.startswith(_SPECIAL):
                token.text = fold_word(token.text)
            if token.text:
                yield token


class WordStemFilter(StemFilter):
    """Porter stemming for words; entity and key tokens pass through untouched."""

    def __call__(self, tokens):
        stemfn = self._stem
        for token in tokens:
            if not token.stopped and not token.text.startswith(_SPECIAL):
                token.text = stemfn(token.text)
            yield token


class ExactFormFilter(Filter):
    """Beside each capitalised word, its unstemmed form as a term of its own ("=pokrovske").

    Added at index time only, after the names layer, to the words of the text
    (not to the tokens other filters put beside them).
    """

    def __call__(self, tokens):
        for token in tokens:
            yield token
            if token.mode == "query" or token.text.startswith(_SPECIAL) or getattr(token, "beside", False):
                continue
            if token.original[:1].isupper():
                exact = token.copy()
                exact.text = exact_term(token.original)
                yield exact


def exact_term(word: str) -> str:
    """The term a capitalised word is findable by as spelled: "Pokrovske" → "=pokrovske"."""
    return EXACT_PREFIX + fold_word(word)


def base_analyzer():
    """Tokenizer and word folding shared by every text field; the names filter goes after it."""
    return WordTokenizer() | FoldFilter() | WordStemFilter(cachesize=100_000)


def text_analyzer():
    """The analyzer the index uses for title and text: words, the names layer, exact forms."""
    from .names_filter import NamesFilter

    return base_analyzer() | NamesFilter() | ExactFormFilter()
