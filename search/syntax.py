"""What a researcher types, read as the Lucene / Elasticsearch ``query_string`` syntax of Kibana and Aleph.

Phrases, groups, AND/OR/NOT (and ``&&``, ``||``), ``-word``, ``+word``, ``field:value``, ``field:(a OR b)``,
``Khar*``, ``Kh?rkiv``, ``"Haidai Severodonetsk"~10``, ``word~``, ``word^2``, ``date:[2022-03 TO 2022-06]``
and ``*`` are parsed by ``luqum`` into a tree (:func:`read`). Pasted prose is read as words, not refused:
a colon after anything but a known field is punctuation ("Russia-Ukraine war: what we know"), and so are
``?`` and ``*`` outside a word ("fries?"), a dash between spaces, brackets, slashes and the like. What
cannot be read as written — an unclosed quote or parenthesis, a dangling operator, a field with no
value — is refused with a message that says what to fix.
"""

import re

from luqum.exceptions import IllegalCharacterError, ParseError
from luqum.parser import parser

#: Fields a user may name as field:value (case does not matter), and the index field each means.
FIELDS = {
    "title": "title", "text": "text", "body": "text", "source": "source", "date": "date",
    "lang": "lang", "language": "lang", "id": "id", "url": "url",
}
#: Longer queries are refused: a pasted paragraph fits, a pasted article does not.
MAX_CHARS = 2000
OPERATORS = frozenset(("AND", "OR", "NOT"))

_QUOTED = re.compile(r'"[^"]*"')
#: A word and its colon where luqum would read a field: at the start, or after a space, "(", "+" or "-".
_FIELD_COLON = re.compile(r"(?<![^\s(+\-])([^\W\d_][\w\-]*):(\s*)")
#: A range after a known field: date:[2022-03 TO 2022-06], date:{2022 TO *}.
_RANGE = re.compile(r"(?<![^\s(+\-])([^\W\d_]\w*):\s*([\[{][^\]}\[{]*[\]}])")
_LONE_SIGN = re.compile(r"(?:(?<=\s)|^)[-+](?=\s|$)")
_PROSE_QUESTION = re.compile(r"(?<!\w)\?|\?(?!\w)")
_PROSE_STAR = re.compile(r"(?<!\w)\*")
_BOOST = re.compile(r"\^(?!\d)|(?<![\w\"')\]])\^")
_TILDE = re.compile(r"(?<![\w\"])~|~(?![\d\s)]|$)")
_PUNCTUATION = re.compile(r"[!\\/\[\]{}]")
#: Control characters: never typed, and the marks :func:`_prepare` sets aside phrases and ranges with.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_EMPTY_GROUP = re.compile(r"\(\s*\)")
#: Stands for the colon of a known field while every other colon becomes a space.
_KEPT_COLON = "\x02"


class QuerySyntaxError(ValueError):
    """The query cannot be read as written; the message says where and how to fix it."""


def read(text: str):
    """The luqum tree of a query, or None for a query that asks for everything (blank, ``*``)."""
    text = _CONTROL.sub(" ", text).strip()
    if not text or text == "*":
        return None
    if len(text) > MAX_CHARS:
        raise QuerySyntaxError(f"the query is {len(text):,} characters long; at most {MAX_CHARS:,} are read")
    _check_quotes(text)
    _check_parentheses(text)
    prepared = _prepare(text)
    _check_operators(prepared)
    if not prepared.strip():
        raise QuerySyntaxError("the query has no searchable words")
    try:
        return parser.parse(prepared)
    except (ParseError, IllegalCharacterError) as error:
        raise QuerySyntaxError(f"the query cannot be read as written ({error})") from None


def _check_quotes(text: str) -> None:
    if text.count('"') % 2:
        raise QuerySyntaxError(f'unclosed quote at character {text.rindex(chr(34)) + 1}: add the closing "')


def _check_parentheses(text: str) -> None:
    depth = 0
    for position, char in enumerate(_blank_quotes(text), start=1):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            raise QuerySyntaxError(f"')' at character {position} closes nothing")
    if depth:
        raise QuerySyntaxError(f"{depth} unclosed '(' : add the missing ')'")


def _check_operators(prepared: str) -> None:
    words = _QUOTED.sub(" PHRASE ", prepared).replace("(", " ( ").replace(")", " ) ").split()
    for index, word in enumerate(words):
        if word not in OPERATORS:
            continue
        before = words[index - 1] if index else "("
        after = words[index + 1] if index + 1 < len(words) else ")"
        if after == ")" or (before == "(" and word != "NOT"):
            raise QuerySyntaxError(f"'{word}' needs a word on both sides")
        if after in OPERATORS - {"NOT"}:
            raise QuerySyntaxError(f"'{word} {after}': two operators in a row")


def _blank_quotes(text: str) -> str:
    """The text with quoted phrases blanked out, positions kept."""
    return _QUOTED.sub(lambda m: " " * len(m.group()), text)


def _prepare(text: str) -> str:
    """The query with the characters luqum would misread in prose made plain, phrases left as they are.

    Phrases stand aside as placeholders that keep their quotes, so what follows a phrase ("…"~10) is
    still read beside it."""
    phrases = _QUOTED.findall(text)
    counter = iter(range(len(phrases)))
    text = _QUOTED.sub(lambda m: f'"\x01{next(counter)}"', text)
    text = text.replace("&&", " AND ").replace("||", " OR ")
    ranges = {}

    def keep_range(match):
        if match.group(1).lower() not in FIELDS:
            return " ".join(re.findall(r"[^\[\]{}:\s]+", match.group()))  # "note:[see above]" is words
        ranges[f"\x00{len(ranges)}\x00"] = f"{FIELDS[match.group(1).lower()]}:{match.group(2)}"
        return f" \x00{len(ranges) - 1}\x00 "

    text = _RANGE.sub(keep_range, text)
    text = _FIELD_COLON.sub(_field_or_punctuation, text)
    text = text.replace(":", " ").replace(_KEPT_COLON, ":")  # 10:30, https://, 2date: are no fields
    text = _LONE_SIGN.sub(" ", text)
    text = _PROSE_QUESTION.sub(" ", text)
    text = _PROSE_STAR.sub(" ", text)
    text = _BOOST.sub(" ", text)
    text = _TILDE.sub(" ", text)
    text = _PUNCTUATION.sub(" ", text)
    text = _EMPTY_GROUP.sub(" ", text)
    for placeholder, kept in ranges.items():
        text = text.replace(placeholder, kept)
    return re.sub('"\x01(\\d+)"', lambda m: phrases[int(m.group(1))], text)


def _field_or_punctuation(match) -> str:
    """A known field keeps its colon (and loses the spaces after it); any other word's colon is punctuation."""
    name = match.group(1)
    field = FIELDS.get(name.lower())
    if field is None:
        return f"{name} "
    rest = match.string[match.end():]
    if not rest or rest[0] == ")":
        raise QuerySyntaxError(f"'{name}:' needs a value right after the colon")
    return f"{field}{_KEPT_COLON}"
