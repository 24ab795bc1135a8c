"""The analysis chain for title and text, built from small Whoosh filters.

``RegexTokenizer | FoldFilter | StemFilter`` gives ordinary words their
searchable form; :class:`~frontline.index.names_filter.NamesFilter` is added
on the end to put each name's entity and variant-key tokens beside it.
"""


from whoosh.analysis import Filter, RegexTokenizer, StemFilter
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
_SPECIAL = (ENTITY_PREFIX, KEY_PREFIX)


class WordTokenizer(RegexTokenizer):
    """A RegexTokenizer that always keeps each token's original text, for filters that need case."""

    def __init__(self):
        super().__init__(WORD_PATTERN, gaps=False)

    def __call__(self, value, **kwargs):
        kwargs["keeporiginal"] = True
        return super().__call__(value, **kwargs)


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


def base_analyzer():
    """Tokenizer and word folding shared by every text field; the names filter goes after it."""
    return WordTokenizer() | FoldFilter() | WordStemFilter(cachesize=100_000)


def text_analyzer():
    """The analyzer the index uses for title and text: words, then the names layer."""
    from .names_filter import NamesFilter

    return base_analyzer() | NamesFilter()
