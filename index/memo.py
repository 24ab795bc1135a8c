"""How many answers each per-word memo of the entity and analysis layers keeps (one bound for all).

Every word of every document goes through a few dozen small functions (its normalized spelling,
variant key, dictionary readings, whether it is a name). Their answers are memoized: a news
vocabulary repeats, so a few tens of thousands of entries catch most words. At 200,000 entries
each, the memos of one indexing process held 240 MB after 12 MB of text (emptying them freed it),
while most of their hits come from the commonest words: at 32,768 entries 12 MB of text indexed in
one process as fast (36.5 s against 35.7 s at 131,072) in 80 MB less.
"""

#: Entries per memo (``functools.lru_cache(maxsize=WORDS)``).
WORDS = 1 << 15
