"""Ordinary words that are also names: does a query for the word still find every document that has it?

For each of the 5,000 most frequent English words (wordfreq), ``word`` (names resolved, in every
spelling) must find at least the documents ``=word`` (that spelling only) finds. Printed beside,
in the same run, what the word's entity terms alone would find: how a query reads a word that
is also a name (WHO, the villages Side and Step, the town Bar) when it loses the word.
"""

from wordfreq import top_n_list
from whoosh import query as wq

from frontline.index.names.resolver import default_resolver
from frontline.index.terms import entity_terms
from frontline.search.engine import Engine
from frontline.search.query import QuerySyntaxError, SEARCHED_FIELDS, parse_query

from .common import corpus_index

WORDS = 5000
SHOWN = 12


def run():
    engine = Engine(corpus_index())
    resolver = default_resolver()
    schema = engine.ix.schema
    words = [w for w in top_n_list("en", WORDS) if w.isalpha()]
    losses, entity_only_losses, names = [], [], 0
    with engine.searcher() as searcher:
        def docs(query) -> set[int]:
            return set(searcher.docs_for_query(query))

        for word in words:
            try:
                exact = docs(parse_query(f"={word}", schema, resolver).query)
                found = docs(parse_query(word, schema, resolver).query)
            except QuerySyntaxError:
                continue
            if found < exact or exact - found:
                losses.append((word, len(exact - found), len(exact)))
            resolution = resolver.resolve(word)
            if resolution is not None:
                names += 1
                alone = docs(wq.Or([wq.Term(f, t) for f in SEARCHED_FIELDS for t in entity_terms(resolution.entities)]))
                if exact - alone:
                    entity_only_losses.append((word, len(exact - alone), len(exact)))
    print(f"{len(words)} of the {WORDS} most frequent English words as queries over the three corpora; "
          f"{names} of them also name something")
    print(f"  frontline (the word or the entity): {len(losses)} words lose documents that contain them "
          f"({sum(n for _w, n, _t in losses)} documents)")
    print(f"  the entity alone, for comparison:   {len(entity_only_losses)} words would lose documents "
          f"({sum(n for _w, n, _t in entity_only_losses)} documents)")
    for word, lost, total in sorted(losses or entity_only_losses, key=lambda x: -x[1])[:SHOWN]:
        print(f"    {word!r}: {lost} of {total} documents {'lost' if losses else 'the entity alone would miss'}")
