"""The best passages of a page of hits, with the words that matched marked.

The text field stores each term's character offsets, so the matched words of
a hit are read from the postings of the query's terms ("pinpoint"
highlighting) rather than by running the names layer over the whole text
again. The entity terms the names layer put beside "Kiev" carry its offsets,
so a query for Kyiv marks the spelling actually printed.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape, unescape
from itertools import groupby

from whoosh.analysis import Token
from whoosh.highlight import BasicFragmentScorer, Formatter, PinpointFragmenter, top_fragments

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
class Matches:
    """Where the query's terms match one document's text."""

    #: The matched words to mark, in text order, none overlapping another: where a name and its words
    #: start together ("Kyiv region" and "Kyiv"), the longest.
    tokens: list[Token]
    #: Each distinct matched spelling as printed, with the index terms it matched on.
    spellings: dict[str, set[str]]


@dataclass
class Snippets:
    fragments: list[str]
    #: Where each fragment's first marked word is in the text (to say which page of a PDF it is on).
    anchors: list[int] = field(default_factory=list)
    #: Each distinct matched spelling as printed, with the index terms it matched on.
    spellings: dict[str, set[str]] = field(default_factory=dict)


class PageHighlighter:
    """Matched character spans of the query's terms in a page of documents, read from the postings."""

    def __init__(self, searcher, fieldname: str, terms: Iterable[str], docnums: Iterable[int]):
        self.fieldname = fieldname
        self.spans: dict[int, list[Token]] = {docnum: [] for docnum in docnums}
        page = sorted(self.spans)
        reader = searcher.reader()
        for term in terms:
            if not page or (fieldname, term) not in reader:
                continue
            postings = searcher.postings(fieldname, term)
            for docnum in page:
                if not postings.is_active():
                    break
                postings.skip_to(docnum)
                if postings.is_active() and postings.id() == docnum:
                    self.spans[docnum].extend(
                        Token(text=term, pos=pos, startchar=start, endchar=end, matched=True, boost=1.0)
                        for pos, start, end in postings.value_as("characters")
                    )

    def matches(self, docnum: int, text: str) -> Matches:
        """The words of text the query matched, and the spellings they print."""
        tokens = sorted(self.spans.get(docnum, ()), key=lambda t: t.startchar)
        spellings: dict[str, set[str]] = {}
        for token in tokens:
            spellings.setdefault(text[token.startchar:token.endchar], set()).add(token.text)
        marked: list[Token] = []
        for _start, group in groupby(tokens, lambda t: t.startchar):
            longest = max(group, key=lambda t: t.endchar - t.startchar)
            if not marked or longest.startchar >= marked[-1].endchar:
                marked.append(longest)
        return Matches(marked, spellings)

    def snippets(self, docnum: int, text: str, top: int = 3) -> Snippets:
        """Up to `top` escaped HTML fragments of text around the matched words, best first in text order."""
        found = self.matches(docnum, text) if text else None
        if not found or not found.tokens:
            return Snippets([_lead(text)], [0]) if text else Snippets([])
        fragmenter = PinpointFragmenter(maxchars=SNIPPET_CHARS, surround=SURROUND)
        fragments = top_fragments(fragmenter.fragment_matches(text, found.tokens), top, BasicFragmentScorer(),
                                  _by_position, 1)
        _widen(fragments, text)
        formatter = MarkFormatter()
        return Snippets([_one_line(formatter.format_fragment(f, replace=True)) for f in fragments],
                        [f.matches[0].startchar for f in fragments], found.spellings)


def _widen(fragments: list, text: str) -> None:
    """Widen each fragment (in text order) to the snippet length where the text allows, without
    running into its neighbours, then drop the partial words at its cut ends."""
    for number, fragment in enumerate(fragments):
        floor = fragments[number - 1].endchar if number else 0
        ceiling = fragments[number + 1].startchar if number + 1 < len(fragments) else len(text)
        start, end = fragment.startchar, fragment.endchar
        spare = max(0, SNIPPET_CHARS - (end - start))
        start = max(floor, start - spare // 2)
        end = min(ceiling, end + spare - (fragment.startchar - start))
        first, last = fragment.matches[0].startchar, fragment.matches[-1].endchar
        if start > 0 and not text[start - 1].isspace():
            space = text.find(" ", start, first)
            start = space + 1 if space >= 0 else start
        if end < len(text) and not text[end].isspace():
            space = text.rfind(" ", last, end)
            end = space if space >= 0 else end
        fragment.startchar, fragment.endchar = start, end


def plain_text(snippet: str, start: str, end: str) -> str:
    """A snippet as plain text, each marked word between start and end (for a terminal or a spreadsheet)."""
    return unescape(re.sub(r"</?mark>", lambda m: end if m.group().startswith("</") else start, snippet))


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
