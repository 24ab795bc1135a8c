"""The names layer: which entity a spelling names, in any script, spelling or misspelling.

:mod:`.spelling` (one normal form), :mod:`.translit` (Cyrillic to Latin),
:mod:`.variants` (romanisation variants and their guard), :mod:`.near`
(misspellings of well-known places), :mod:`.given_names`, :mod:`.words`
(what a word of running text is) and :mod:`.resolver`, which puts them together.
"""
