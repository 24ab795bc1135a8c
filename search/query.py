"""User query text to a Whoosh query, with errors a person can act on.

Whoosh's parser never complains: an unclosed parenthesis silently matches
nothing and an unknown field becomes two words. A researcher needs to know
the query was not read as written, so the text is checked first.
"""

import re

from whoosh import query as wq
from whoosh.qparser import MultifieldParser

#: Fields a user may name as field:value, and the index field each means.
FIELD_ALIASES = {
    "title": "title",
    "text": "text",
    "body": "text",
    "source": "source",
    "date": "date",
    "lang": "lang",
    "id": "id",
    "url": "url",
}
SEARCHED_FIELDS = ("title", "text")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
_FIELD = re.compile(r"(?<![\w:/])([A-Za-z_]+):(?!//)")
_MINUS = re.compile(r'(^|[\s(])-(?=[\w"(])')
_QUOTED = re.compile(r'"[^"]*"')


class QuerySyntaxError(ValueError):
    """The query cannot be read as written; the message says where and how to fix it."""


def _outside_quotes(text: str) -> str:
    """The query with quoted phrases blanked out, positions kept."""
    return _QUOTED.sub(lambda m: " " * len(m.group()), text)


def check_syntax(text: str) -> None:
    """Raise QuerySyntaxError for the mistakes Whoosh would silently swallow."""
    if text.count('"') % 2:
        raise QuerySyntaxError(f'unclosed quote at character {text.rindex(chr(34)) + 1}: add the closing "')
    bare = _outside_quotes(text)
    depth = 0
    for position, char in enumerate(bare, start=1):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            raise QuerySyntaxError(f"')' at character {position} closes nothing")
    if depth:
        raise QuerySyntaxError(f"{depth} unclosed '(' : add the missing ')'")
    words = bare.replace("(", " ").replace(")", " ").split()
    if words and (words[0] in _OPERATORS - {"NOT"} or words[-1] in _OPERATORS):
        raise QuerySyntaxError(f"'{words[0] if words[0] in _OPERATORS else words[-1]}' needs a word on both sides")
    for left, right in zip(words, words[1:]):
        if left in _OPERATORS and right in _OPERATORS - {"NOT"}:
            raise QuerySyntaxError(f"'{left} {right}': two operators in a row")
    for match in _FIELD.finditer(bare):
        name = match.group(1)
        if name.lower() not in FIELD_ALIASES:
            known = ", ".join(sorted(FIELD_ALIASES))
            raise QuerySyntaxError(f"unknown field '{name}:' (known fields: {known}); quote it to search the text")
        rest = bare[match.end():]
        if not rest or rest[0].isspace():
            raise QuerySyntaxError(f"'{name}:' needs a value right after the colon")


def _normalize_operators(text: str) -> str:
    """-word means NOT word; field names are case-insensitive and may be aliases."""
    text = _MINUS.sub(r"\1NOT ", text)
    return _FIELD.sub(lambda m: FIELD_ALIASES.get(m.group(1).lower(), m.group(1)) + ":", text)


def make_parser(schema) -> MultifieldParser:
    return MultifieldParser(list(SEARCHED_FIELDS), schema)


def parse_query(text: str, schema) -> wq.Query:
    """The Whoosh query for text; every document when text is blank."""
    text = text.strip()
    if not text:
        return wq.Every()
    check_syntax(text)
    parsed = make_parser(schema).parse(_normalize_operators(text))
    if isinstance(parsed, wq.NullQuery.__class__) or parsed is wq.NullQuery:
        raise QuerySyntaxError("the query has no searchable words")
    return parsed
