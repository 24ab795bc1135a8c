"""A query's tree (see :mod:`.syntax`) to a Whoosh query, with every spelling of the names in it.

Each word and phrase is read through the names layer: a name matches its
entity term in every spelling *or* the words as typed, whichever scores best
(never their sum, and never the entity alone, so ``side`` and ``who`` keep the
documents with the word); words that name nothing match their folded, stemmed
and romanised forms. Boolean operators map one to one, so the algebra holds
between totals: ``A NOT B`` is ``A`` less ``A AND B``, ``-B`` is ``NOT B``.
"""

from dataclasses import dataclass, field
from itertools import islice

from luqum import tree
from whoosh import query as wq
from whoosh.query import spans

from frontline.index.names.resolver import NameResolver, Resolution
from frontline.index.entities.name_words import PARTICLES
from frontline.index.names.given_names import is_given_name
from frontline.index.names.sound import latin_sounds
from frontline.index.names.translit import has_cyrillic, latin_forms
from frontline.index.names.words import iter_words
from frontline.index.readers.dates import DateError, normalize_date
from frontline.index.terms import (entity_terms, exact_term, fold_word, key_token, romanised, search_form, search_forms,
                                   lone_surname_token, sound_token, wants_key, word_matches_alone)

from .syntax import FIELDS, QuerySyntaxError, read
from .whoosh_fixes import AndNot, SpanOr

__all__ = ["FIELDS", "SEARCHED_FIELDS", "NameTerm", "ParsedQuery", "QuerySyntaxError", "check_size", "parse_query"]

#: The fields a word with no field: prefix is searched in.
SEARCHED_FIELDS = ("title", "text")
#: What a query may expand to: beyond this many index terms (patterns expanded) it is refused, not run.
MAX_TERMS = 3000
#: What a query may hold of patterns (Khar*, Kh?rkiv, word~), each of which is matched against the whole vocabulary.
MAX_PATTERNS = 20
#: A capitalised word typed alone is matched by its sound (see :mod:`frontline.index.names.sound`) only
#: if it has this many consonant sounds: a short key ("Sak": s-k) is too many people's.
MIN_SOUNDS_ALONE = 3
#: The most words a name typed in full may have for its surname alone to be looked for.
_MAX_NAME_WORDS = 3
#: A word found in the title scores this many times what it scores in the text (tuned on `bench ranking`).
TITLE_BOOST = 3.0


def _in_field(name: str, query: wq.Query) -> wq.Query:
    """The query of one field, weighted as that field weighs."""
    if name == "title":
        query.boost = TITLE_BOOST
    return query


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


def parse_query(text: str, schema, resolver: NameResolver | None = None) -> ParsedQuery:
    """The Whoosh query for text; every document when text is blank or ``*``.

    With a resolver, each name in the query matches every spelling of it; without one (strict
    spelling), words match as written.
    """
    syntax_tree = read(text)
    if syntax_tree is None:
        return ParsedQuery(wq.Every())
    builder = _Builder(resolver, schema)
    query = builder.top(syntax_tree)
    if query is None:
        raise QuerySyntaxError("the query has no searchable words")
    return ParsedQuery(query, builder.names)


def check_size(query: wq.Query, reader) -> None:
    """Refuse a query that asks for more than MAX_TERMS index terms, each pattern (Khar*, Kh?rkiv,
    word~) counted as the words it matches: such a query would hold the server, not answer."""
    budget = MAX_TERMS
    patterns = [leaf for leaf in query.leaves() if isinstance(leaf, _PATTERNS)]
    if len(patterns) > MAX_PATTERNS * len(SEARCHED_FIELDS):
        raise QuerySyntaxError(f"the query has more than {MAX_PATTERNS} patterns (Khar*, Kh?rkiv, word~): "
                               "each is looked up in every word of the index; search for fewer")
    for leaf in query.leaves():
        if isinstance(leaf, _PATTERNS):
            budget -= sum(1 for _ in islice(leaf._btexts(reader), budget + 1))
        else:
            budget -= len(leaf.words) if isinstance(leaf, wq.Phrase) else 1
        if budget < 0:
            raise QuerySyntaxError(f"the query asks for more than {MAX_TERMS:,} index terms (a pattern such as "
                                   "Khar* counts every word it matches): search for fewer or longer words")


_PATTERNS = (wq.Prefix, wq.Wildcard, wq.FuzzyTerm, wq.Regex)


@dataclass
class _Negated:
    """A clause that excludes: NOT x, -x."""

    query: wq.Query


class _Builder:
    def __init__(self, resolver: NameResolver | None, schema):
        self.resolver = resolver
        self.schema = schema
        self.names: list[NameTerm] = []

    def top(self, node) -> wq.Query | None:
        built = self.build(node, SEARCHED_FIELDS)
        if isinstance(built, _Negated):
            return AndNot(wq.Every(), built.query)
        return built

    def build(self, node, fields: tuple[str, ...]):
        """The Whoosh query of one node (a _Negated for an excluding clause), None when it holds no words."""
        if isinstance(node, (tree.UnknownOperation, tree.AndOperation)):
            return self._all(node.children, fields)
        if isinstance(node, tree.OrOperation):
            choices = [self._standalone(self.build(child, fields)) for child in node.children]
            choices = list(dict.fromkeys(c for c in choices if c is not None))  # "a OR a" asks once
            return wq.Or(choices) if len(choices) > 1 else (choices[0] if choices else None)
        if isinstance(node, (tree.Group, tree.FieldGroup)):
            return self.build(node.expr, fields)
        if isinstance(node, tree.SearchField):
            if node.name.lower() not in FIELDS:  # syntax keeps only known fields' colons
                raise QuerySyntaxError(f"unknown field '{node.name}:'")
            return self.build(node.expr, (FIELDS[node.name.lower()],))
        if isinstance(node, tree.Plus):
            return self.build(node.a, fields)
        if isinstance(node, (tree.Not, tree.Prohibit)):
            inner = self._standalone(self.build(node.a, fields))
            return _Negated(inner) if inner is not None else None
        if isinstance(node, tree.Boost):
            inner = self.build(node.expr, fields)
            if isinstance(inner, wq.Query):
                inner.boost = float(node.force)
            return inner
        if isinstance(node, tree.Proximity):
            return self._phrase(node.term.value[1:-1], fields, slop=max(1, int(node.degree or 1)))
        if isinstance(node, tree.Fuzzy):
            return self._fuzzy(node.term.value, fields, float(node.degree))
        if isinstance(node, tree.Range):
            return self._range(node, fields)
        if isinstance(node, tree.Phrase):
            return self._phrase(node.value[1:-1], fields)
        if isinstance(node, (tree.Word, tree.Regex)):
            return self._run([node.value], fields)
        raise QuerySyntaxError(f"'{node}' is not something Frontline can search for")

    def _all(self, children, fields):
        """Every clause: an And of those that include, less those that exclude."""
        included, excluded, run = [], [], []
        for child in [*children, None]:
            if isinstance(child, tree.Word) and fields[0] in SEARCHED_FIELDS and not _is_pattern(child.value):
                run.append(child.value)  # words side by side may make a name of several words
                continue
            if run:
                included.append(self._run(run, fields))
                run = []
            if child is None:
                break
            built = self.build(child, fields)
            (excluded if isinstance(built, _Negated) else included).append(built)
        included = list(dict.fromkeys(q for q in included if q is not None))  # "Kharkiv Kharkiv" asks once
        excluded = list(dict.fromkeys(n.query for n in excluded if n is not None))
        if not included:
            return _Negated(wq.Or(excluded)) if excluded else None
        query = wq.And(included) if len(included) > 1 else included[0]
        return AndNot(query, wq.Or(excluded)) if excluded else query

    @staticmethod
    def _standalone(built):
        """A clause as a query of its own: an excluding one is everything else (a OR -b)."""
        return wq.Not(built.query) if isinstance(built, _Negated) else built

    # -- words and names ----------------------------------------------------------------------

    def _run(self, values: list[str], fields):
        """Words side by side (as luqum read them: "U.S.", "Russia-Ukraine" are several): an And of their
        queries, a name of several words taken as one."""
        field_name = fields[0]
        if field_name not in SEARCHED_FIELDS:
            parts = [self._field_value(field_name, value) for value in values]
        elif len(values) == 1 and _is_pattern(values[0]):
            parts = [self._pattern(values[0], fields)]
        else:
            parts = self._words(values, fields)
        parts = list(dict.fromkeys(p for p in parts if p is not None))
        return wq.And(parts) if len(parts) > 1 else (parts[0] if parts else None)

    def _words(self, values: list[str], fields) -> list[wq.Query]:
        exact = [v.startswith("=") for v in values]
        words = [w for value in values for w in iter_words(value.removeprefix("="))]
        strict = {w.text for value, is_exact in zip(values, exact) if is_exact
                  for w in iter_words(value.removeprefix("="))}
        if self.resolver is None:
            return [self._as_written(w.text, fields) for w in words]
        queries, position = [], 0
        # Capitalised words side by side may be a person's name, which the press may print by ear (Джордже).
        in_name = sum(w.text[:1].isupper() for w in words) > 1
        plain = [not _particle_between_names(words, i) for i in range(len(words))]
        for mention in self.resolver.find_mentions(words, capitalised_only=False):
            queries += [self._plain(w.text, fields, w.text in strict, in_name)
                        for i, w in enumerate(words[position : mention.start], position) if plain[i]]
            if any(w.text in strict for w in words[mention.start : mention.end]):
                queries += [self._as_written(w.text, fields) for w in words[mention.start : mention.end]]
            else:
                queries.append(self._name(mention.text, mention.resolution, fields))
            position = mention.end
        queries += [self._plain(w.text, fields, w.text in strict, in_name)
                    for i, w in enumerate(words[position:], position) if plain[i]]
        alone = self._surname_alone(words, fields) if position < len(words) and not strict else None
        if alone is not None and queries:
            return [wq.Or([wq.And(queries) if len(queries) > 1 else queries[0], alone])]
        return queries

    def _surname_alone(self, words, fields) -> wq.Query | None:
        """A given name and a surname ("Naftali Bennett") also find the surname that names a person alone in
        Cyrillic ("Прем'єр-міністром Ізраїлю Беннетом"), by its sound."""
        if not (2 <= len(words) <= _MAX_NAME_WORDS and is_given_name(words[0].text)
                and all(w.text[:1].isupper() and not has_cyrillic(w.text) for w in words)):
            return None
        return self._per_field(fields, [lone_surname_token(key) for key in latin_sounds(words[-1].text)])

    def _name(self, typed: str, resolution: Resolution, fields) -> wq.Query:
        """Every spelling of a name (its entity terms), or else the name as the words typed.

        A document the entity is in scores by the entity term alone, whichever spelling was typed
        and printed: typing the article's own spelling gives it no edge over one that prints
        another. The typed words only find (and score) documents the entity is not in."""
        entities = entity_terms(resolution.entities)
        if " " in typed:
            words, phrase = [], [search_form(w) for w in typed.split()]
        else:
            plain = _word_forms(typed) if word_matches_alone(typed, resolution.entities, self.resolver.gazetteer) else []
            words, phrase = [exact_term(typed), *plain], []
            if resolution.note == "variant" and wants_key(typed[:1].upper() + typed[1:]):
                # Only guessed to be another spelling of a known name ("Aliyev" of the village Oliiv): it may as
                # well be a name the gazetteer lacks, found by its variant key as such names are (Алієв).
                words.append(key_token(typed))
        words = [w for w in dict.fromkeys(words) if w not in entities]
        self.names.append(NameTerm(typed, resolution, [*words[:1], *entities, *words[1:]], phrase))
        entity = self._per_field(fields, entities)
        typed_words = self._per_field(fields, words, phrase)
        return wq.Or([entity, AndNot(typed_words, entity)]) if typed_words is not None else entity

    def _plain(self, word: str, fields, strict: bool, in_name: bool = False) -> wq.Query | None:
        """A word that names nothing: its own forms and its variant key; a capitalised one in a name of several
        words (or a long one alone) also its sound keys, which Cyrillic people's names are indexed by."""
        if strict:
            return self._as_written(word, fields)
        terms = _word_forms(word)
        if wants_key(word[:1].upper() + word[1:].lower()):  # as the word capitalised, whatever its case
            terms.append(key_token(word))
        if word[:1].isupper() and not has_cyrillic(word):
            terms += [sound_token(key) for key in latin_sounds(word)
                      if in_name or len(key.strip("_")) >= MIN_SOUNDS_ALONE]
        return self._per_field(fields, list(dict.fromkeys(t for t in terms if t)))

    def _as_written(self, word: str, fields) -> wq.Query:
        """A word matched as spelled: a capitalised one on its unstemmed form, others as usual."""
        return self._per_field(fields, [exact_term(word) if word[:1].isupper() else search_form(word)])

    def _per_field(self, fields, terms: list[str], phrase: list[str] = ()) -> wq.Query | None:
        """One query over the fields: in each, the best of the terms (and phrase) scores."""
        if not terms and not phrase:
            return None
        per_field = []
        for name in fields:
            choices = [wq.Term(name, t) for t in terms] + ([wq.Phrase(name, list(phrase))] if phrase else [])
            per_field.append(_in_field(name, choices[0] if len(choices) == 1 else wq.DisjunctionMax(choices)))
        return per_field[0] if len(per_field) == 1 else wq.Or(per_field)

    def _phrase(self, text: str, fields, slop: int = 0) -> wq.Query | None:
        """A quoted phrase: the name it is, in any spelling; else its words in a row (each name among them
        in any spelling), or within `slop` words of each other in any order ("…"~10)."""
        if fields[0] not in SEARCHED_FIELDS:
            return self._field_value(fields[0], text)
        words = list(iter_words(text))
        if not words:
            return None
        resolution = self.resolver.resolve(text) if self.resolver and not slop else None
        if resolution is not None:
            return self._name(" ".join(w.text for w in words), resolution, fields)
        if len(words) == 1:
            return self._words([words[0].text], fields)[0]
        alternatives = [self._word_alternatives(w.text) for w in words]
        queries = []
        for name in fields:
            if not slop and all(len(terms) == 1 for terms in alternatives):
                queries.append(_in_field(name, wq.Phrase(name, [terms[0] for terms in alternatives])))
                continue
            parts = [SpanOr([wq.Term(name, t) for t in terms]) if len(terms) > 1 else wq.Term(name, terms[0])
                     for terms in alternatives]
            queries.append(_in_field(name, spans.SpanNear2(parts, slop=slop + 1, ordered=not slop)))
        return queries[0] if len(queries) == 1 else wq.Or(queries)

    def _word_alternatives(self, word: str) -> list[str]:
        """The terms one word of a phrase may match: a name's every spelling, else the word's own forms."""
        resolution = self.resolver.resolve(word) if self.resolver else None
        if resolution is None:
            return list(dict.fromkeys(_word_forms(word) if self.resolver else [search_form(word)]))
        plain = _word_forms(word) if word_matches_alone(word, resolution.entities, self.resolver.gazetteer) else []
        self.names.append(NameTerm(word, resolution, [exact_term(word), *plain, *entity_terms(resolution.entities)]))
        return list(dict.fromkeys([exact_term(word), *plain, *entity_terms(resolution.entities)]))

    def _pattern(self, value: str, fields) -> wq.Query:
        """Khar*, Kh?rkiv: every word the pattern spells, as the index folds them."""
        folded = fold_word(value.rstrip("*")) if value.endswith("*") and "?" not in value and value.count("*") == 1 \
            else None
        if folded is not None:
            queries = [_in_field(name, wq.Prefix(name, folded)) for name in fields]
        else:
            queries = [_in_field(name, wq.Wildcard(name, fold_word(value))) for name in fields]
        return queries[0] if len(queries) == 1 else wq.Or(queries)

    def _fuzzy(self, value: str, fields, degree: float) -> wq.Query:
        """word~ (one edit) or word~2 (two): words a few keystrokes from it."""
        distance = 2 if degree >= 2 else 1
        form = search_form(value)
        queries = [_in_field(name, wq.FuzzyTerm(name, form, maxdist=distance, prefixlength=1)) for name in fields]
        return queries[0] if len(queries) == 1 else wq.Or(queries)

    # -- the other fields ---------------------------------------------------------------------

    def _field_value(self, name: str, value: str) -> wq.Query | None:
        if name == "date":
            return _date_query(value)
        if name in ("source", "url"):
            return self._field_phrase(name, [w.text.lower() for w in iter_words(value)], pattern=value)
        if name == "lang":
            return wq.Term("lang", value.lower())
        return wq.Term(name, value)

    @staticmethod
    def _field_phrase(name: str, words: list[str], pattern: str = "") -> wq.Query | None:
        """source:kremlin, url:"theguardian.com": the words of a source or address, in a row."""
        field_name = _WORD_FIELDS.get(name, name)
        if pattern.endswith("*") and len(words) == 1:
            return wq.Prefix(field_name, words[0].rstrip("*"))
        if not words:
            return None
        return wq.Term(field_name, words[0]) if len(words) == 1 else wq.Phrase(field_name, words)

    def _range(self, node, fields) -> wq.Query:
        if fields != ("date",):
            raise QuerySyntaxError("a range [a TO b] works on dates only: date:[2022-03 TO 2022-06]")
        low, high = (_date_bound(str(node.low)), _date_bound(str(node.high)))
        if low and high and low > high:
            raise QuerySyntaxError(f"the date range starts ({low}) after it ends ({high})")
        # A bound is a period ("2023": the year): [2023 takes it in, {2023 starts after it; likewise the end.
        start = (low + "\uffff" if low and not node.include_low else low) or None
        end = (high + "\uffff" if high and node.include_high else high) or None
        return wq.TermRange("date", start, end, startexcl=False, endexcl=not node.include_high and bool(high))


#: Fields searched by the words of their value: the source (a domain, an outlet) and the address.
_WORD_FIELDS = {"source": "source_words", "url": "url"}


def _word_forms(word: str) -> list[str]:
    """The word's own terms: its forms and (a Cyrillic word that may be a name) its romanisations,
    as the index folds and stems them."""
    return [*search_forms(word), *(map(search_form, latin_forms(word)) if romanised(word) else ())]


def _particle_between_names(words, index: int) -> bool:
    """"al" in "Bashar al-Assad", "van" in "Ludwig van Beethoven": a lower-case particle between capitalised
    words, which the other scripts' spellings drop (Башар Асад) and so the query need not ask for."""
    word = words[index].text
    return (0 < index < len(words) - 1 and word.islower() and word in PARTICLES
            and words[index - 1].text[:1].isupper() and words[index + 1].text[:1].isupper())


def _is_pattern(value: str) -> bool:
    """Khar*, Kh?rkiv: a word with wildcards inside it or at its end (syntax removed the others)."""
    return "*" in value or "?" in value


def _date_query(value: str) -> wq.Query:
    """date:2022, date:2022-06, date:2022-06-15, date:2022*: the documents of that year, month or day."""
    bound = _date_bound(value.rstrip("*"))
    if not bound:
        raise QuerySyntaxError(f"'date:{value}' is no date: write date:2022, date:2022-06 or date:2022-06-15")
    return wq.Term("date", bound) if len(bound) == 10 else wq.Prefix("date", bound)


def _date_bound(value: str) -> str:
    """A date as the index stores it: "2022", "2022-06", "2022-06-15"; "" for an open end (*)."""
    value = value.strip()
    if value in ("", "*"):
        return ""
    if len(value) == 4 and value.isdigit():
        return value
    try:
        return normalize_date(value)
    except DateError:
        raise QuerySyntaxError(f"'{value}' is no date: write 2022, 2022-06 or 2022-06-15") from None
