"""User query text to a Whoosh query, with errors a person can act on.

Whoosh's parser never complains: an unclosed parenthesis silently matches
nothing and an unknown field becomes two words. A researcher needs to know
the query was not read as written, so the text is checked first.
"""

import re
import string
from dataclasses import dataclass, field

from whoosh import query as wq
from whoosh.qparser import MultifieldParser

from frontline.index.names.resolver import NameResolver, Resolution
from frontline.index.names.translit import latin_forms
from frontline.index.names.words import Word
from frontline.index.terms import entity_terms, exact_term, key_token, search_form, wants_key, word_matches_alone

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
        rest = text[match.end():]
        if not rest or rest[0].isspace():
            raise QuerySyntaxError(f"'{name}:' needs a value right after the colon")


def _normalize_operators(text: str) -> str:
    """-word means NOT word; field names are case-insensitive and may be aliases."""
    text = _MINUS.sub(r"\1NOT ", text)
    return _FIELD.sub(lambda m: FIELD_ALIASES.get(m.group(1).lower(), m.group(1)) + ":", text)


def make_parser(schema) -> MultifieldParser:
    return MultifieldParser(list(SEARCHED_FIELDS), schema)


@dataclass
class NameTerm:
    """A name the user typed, and the index terms any of its spellings are found by."""

    typed: str
    resolution: Resolution | None
    terms: list[str]
    #: A name of several words also matches as those words in a row (the name OR the entity).
    phrase: list[str] = field(default_factory=list)


@dataclass
class ParsedQuery:
    query: wq.Query
    names: list[NameTerm] = field(default_factory=list)


#: Query pieces: field:"phrase", "phrase", parentheses, and everything else up to a space.
_PIECE = re.compile(r'[A-Za-z_]+:"[^"]*"|"[^"]*"|[()]|[^\s()]+')
_PLAIN_WORD = re.compile(r"^[^\W_][\w.'’ʼ\-]*$")


def _placeholder(number: int) -> str:
    """A word that passes the analyzer unchanged and stands for one resolved name until parsing is done."""
    letters = string.ascii_lowercase
    return "qqname" + letters[number // 26] + letters[number % 26] + "qq"


class _NameRewriter:
    """Replace each name in the query text by a placeholder, remembering the terms it stands for.

    Without a resolver (strict spelling) every capitalised word matches only
    as written; with one, names match in every spelling and `=Word` as written.
    """

    def __init__(self, resolver: NameResolver | None):
        self.resolver = resolver
        self.names: dict[str, NameTerm] = {}

    def _stand_in(self, typed: str, resolution: Resolution | None, terms: list[str], phrase=()) -> str:
        placeholder = _placeholder(len(self.names))
        self.names[placeholder] = NameTerm(typed, resolution, list(dict.fromkeys(terms)), list(phrase))
        return placeholder

    def _as_written(self, word: str) -> str:
        """A word matched as spelled: a capitalised one on its unstemmed form, others as usual."""
        return self._stand_in(word, None, [exact_term(word)]) if word[:1].isupper() else word

    @staticmethod
    def _word_forms(word: str) -> list[str]:
        """The word's own terms: itself and its romanisations, as the index folds and stems them."""
        return [search_form(word)] + [search_form(form) for form in latin_forms(word)]

    def _word_terms(self, word: str) -> list[str]:
        """Terms for a word the gazetteer does not know: its own terms and its variant key."""
        terms = self._word_forms(word)
        if wants_key(word[:1].upper() + word[1:]):
            terms.append(key_token(word))
        return terms

    def _name_terms(self, text: str, resolution: Resolution) -> list[str]:
        """Every spelling of the name, and a one-word name as the word it also is: a query word
        that names something matches the word or the entity, never the entity alone (side, who, port)."""
        if " " in text:
            return entity_terms(resolution.entities)
        plain = self._word_forms(text) if word_matches_alone(text, resolution.entities, self.resolver.gazetteer) else []
        return [exact_term(text), *plain] + entity_terms(resolution.entities)

    def _name_stand_in(self, text: str, resolution: Resolution) -> str:
        words = text.split()
        phrase = [search_form(w) for w in words] if len(words) > 1 else []
        return self._stand_in(text, resolution, self._name_terms(text, resolution), phrase)

    def _name(self, text: str) -> str | None:
        resolution = self.resolver.resolve(text) if self.resolver else None
        if resolution is None:
            return None
        return self._name_stand_in(text, resolution)

    def rewrite_words(self, words: list[str]) -> list[str]:
        """A run of plain words, with every name (one or more words) replaced."""
        if self.resolver is None:
            return [self._as_written(w) for w in words]
        mentions = self.resolver.find_mentions([Word(w, 0, 0) for w in words], capitalised_only=False)
        out, i = [], 0
        for mention in mentions:
            out.extend(self._plain(w) for w in words[i : mention.start])
            out.append(self._name_stand_in(mention.text, mention.resolution))
            i = mention.end
        out.extend(self._plain(w) for w in words[i:])
        return out

    def _plain(self, word: str) -> str:
        terms = self._word_terms(word)
        return self._stand_in(word, None, terms) if len(set(terms)) > 1 else word

    def rewrite(self, text: str) -> str:
        pieces, run = [], []
        for piece in _PIECE.findall(text):
            if _PLAIN_WORD.match(piece) and piece not in _OPERATORS:
                run.append(piece)
                continue
            pieces.extend(self.rewrite_words(run))
            run = []
            pieces.append(self._special(piece))
        pieces.extend(self.rewrite_words(run))
        return " ".join(pieces)

    def _special(self, piece: str) -> str:
        """Quoted phrases and field:values are names only when the whole value is one; =word is literal."""
        if piece.startswith("="):
            return self._as_written(piece[1:])
        name, colon, value = piece.partition(":")
        if colon and name in FIELD_ALIASES and value:
            if FIELD_ALIASES[name] not in SEARCHED_FIELDS:
                return piece
            if _PLAIN_WORD.match(value):
                return f"{name}:{self.rewrite_words([value])[0]}"
            return f"{name}:{self._special(value)}"
        if piece.startswith('"') and piece.endswith('"') and len(piece) > 2:
            return self._name(piece[1:-1]) or piece
        return piece


def _expand(query: wq.Query, names: dict[str, NameTerm]) -> wq.Query:
    def replace(node):
        if isinstance(node, wq.Term) and node.text in names:
            name = names[node.text]
            choices = [wq.Term(node.fieldname, t) for t in name.terms]
            if name.phrase:
                choices.append(wq.Phrase(node.fieldname, name.phrase))
            if len(choices) == 1:
                return wq.Term(node.fieldname, choices[0].text, boost=node.boost)
            # The best-matching form scores, not the sum of them: a document that prints the typed
            # spelling is not worth twice one that prints another spelling of the same name.
            return wq.DisjunctionMax(choices, boost=node.boost)
        return node

    return query.accept(replace)


def parse_query(text: str, schema, resolver: NameResolver | None = None) -> ParsedQuery:
    """The Whoosh query for text; every document when text is blank.

    With a resolver, each name in the query matches every spelling of it;
    without one (strict spelling), words match as written.
    """
    text = text.strip()
    if not text:
        return ParsedQuery(wq.Every())
    check_syntax(text)
    rewriter = _NameRewriter(resolver)
    parsed = make_parser(schema).parse(rewriter.rewrite(_normalize_operators(text)))
    if parsed is wq.NullQuery:
        raise QuerySyntaxError("the query has no searchable words")
    return ParsedQuery(_expand(parsed, rewriter.names), [n for n in rewriter.names.values() if n.resolution])
