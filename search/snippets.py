"""The best passages of a hit, with the words that matched marked.

Whoosh's highlighter is reused piece by piece rather than through
``hit.highlights()`` for two reasons: the fragments are wanted as a list,
and the text is analysed in index mode, so the tokens the names layer adds
beside "Kiev" are there to match a query for Kyiv, and the mark falls on the
spelling actually printed.
"""

import re
from dataclasses import dataclass, field
from html import escape

from whoosh.highlight import BasicFragmentScorer, ContextFragmenter, Formatter, set_matched_filter, top_fragments

#: Roughly two lines of text per snippet.
SNIPPET_CHARS = 240
SURROUND = 90
_WHITESPACE = re.compile(r"\s+")


class MarkFormatter(Formatter):
    """Escape the text and wrap each matched token in <mark>."""

    between = " … "

    def _text(self, text):
        return escape(text, quote=False)

    def format_token(self, text, token, replace=False):
        return f"<mark>{escape(text[token.startchar:token.endchar], quote=False)}</mark>"


@dataclass
class Snippets:
    fragments: list[str]
    #: Each distinct matched spelling as printed, with the index terms it matched on.
    spellings: dict[str, set[str]] = field(default_factory=dict)


def make_snippets(text: str, terms: set[str], analyzer, top: int = 3) -> Snippets:
    """Up to `top` escaped HTML fragments of text around the tokens whose terms are in `terms`."""
    if not text:
        return Snippets([])
    if terms:
        tokens = analyzer(text, chars=True, positions=True, mode="index", removestops=False)
        spellings: dict[str, set[str]] = {}
        fragmenter = ContextFragmenter(maxchars=SNIPPET_CHARS, surround=SURROUND)
        matched = []
        for token in set_matched_filter(tokens, frozenset(terms)):
            if token.matched:
                spellings.setdefault(text[token.startchar:token.endchar], set()).add(token.text)
            matched.append(token.copy())
        fragments = top_fragments(
            fragmenter.fragment_tokens(text, iter(matched)), top, BasicFragmentScorer(), _by_position, 1
        )
        if fragments:
            formatter = MarkFormatter()
            return Snippets([_one_line(formatter.format_fragment(f, replace=True)) for f in fragments], spellings)
    return Snippets([_lead(text)])


def _one_line(html: str) -> str:
    return _WHITESPACE.sub(" ", html).strip()


def _by_position(fragment):
    return fragment.startchar


def _lead(text: str) -> str:
    """The opening of the text, cut at a word boundary, for hits with nothing to mark."""
    cut = text[:SNIPPET_CHARS]
    if len(text) > SNIPPET_CHARS and " " in cut:
        cut = cut.rsplit(" ", 1)[0] + " …"
    return _one_line(escape(cut, quote=False))
