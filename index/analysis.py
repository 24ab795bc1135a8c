"""The analysis chain queries are read with, built from small Whoosh filters.

``WordTokenizer | FoldFilter | WordStemFilter`` gives ordinary words their
searchable form. What a title or text is indexed as (those words, and the
entity, variant-key and exact-form terms beside them) is made in one pass by
:mod:`.postings`, from the same word forms (see :mod:`.terms`).
"""

from whoosh.analysis import Filter, Token, Tokenizer

from .entities import Extraction
from .names.words import iter_words
from .terms import SPECIAL_PREFIXES, fold_word, search_form


class ReadText(str):
    """A field value together with the entity layer's reading of it, so it is read once.

    Whoosh passes the value it is given to the format unchanged (see
    :mod:`.postings`); the indexer stores the plain text
    (``_stored_<field>``), never this class.
    """

    extraction: Extraction

    def __new__(cls, text: str, extraction: Extraction):
        value = super().__new__(cls, text)
        value.extraction = extraction
        return value


class WordTokenizer(Tokenizer):
    """Words (see :mod:`.names.words`), each a Token of its own with its text, position and characters.

    Whoosh's RegexTokenizer reuses one Token object and splits words its own way;
    the index and the entity layer share :mod:`.names.words`' definition.
    """

    def __eq__(self, other):
        return type(other) is type(self)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        for pos, word in enumerate(iter_words(value), start=start_pos):
            token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
            token.text = token.original = word.text
            token.boost, token.stopped, token.pos = 1.0, False, pos
            token.startchar, token.endchar = start_char + word.startchar, start_char + word.endchar
            yield token


class FoldFilter(Filter):
    """Casefold, drop possessive 's and apostrophes, strip accents from Latin letters."""

    def __call__(self, tokens):
        for token in tokens:
            if not token.text.startswith(SPECIAL_PREFIXES):
                token.text = fold_word(token.text)
            if token.text:
                yield token


class WordStemFilter(Filter):
    """Each word's own searchable form (a Latin word's Porter stem, a Cyrillic word's first dictionary
    form: see :func:`.terms.search_forms`); entity and key tokens pass through untouched."""

    def __call__(self, tokens):
        for token in tokens:
            if not token.stopped and not token.text.startswith(SPECIAL_PREFIXES):
                token.text = search_form(token.text)
            yield token


def text_analyzer():
    """Words in their searchable form: how title and text are read at query time."""
    return WordTokenizer() | FoldFilter() | WordStemFilter()

