"""What a word of running text is: the one definition the index, the entity layer and queries share.

A word keeps its inner apostrophes (Mar'inka) and the dots of abbreviations
and numbers (U.S., 3.5), so a name is one word. A dot between two real words
is a sentence that lost its space ("in Kiev.As announced", "cities.Kiev
imposed"): those are two words, or neither would be found.
"""

import re
from collections.abc import Iterator
from typing import NamedTuple

#: Letters and digits, with inner apostrophes and dots.
WORD_PATTERN = r"\w+(?:[.'’ʼ]\w+)*"
_WORD = re.compile(WORD_PATTERN)
#: A dot after a word of two or more letters and before one of two or more: a missing space.
_RUN_TOGETHER = re.compile(r"(?<=[^\W\d_]{2})\.(?=[^\W\d_]{2})")


class Word(NamedTuple):
    """A word of running text as printed, with its character span."""

    text: str
    startchar: int
    endchar: int


def iter_words(text: str) -> Iterator[Word]:
    """The words of text in order, run-together sentences split."""
    for match in _WORD.finditer(text):
        word, start = match.group(), match.start()
        if "." not in word:
            yield Word(word, start, match.end())
            continue
        piece_start = 0
        for dot in _RUN_TOGETHER.finditer(word):
            yield Word(word[piece_start : dot.start()], start + piece_start, start + dot.start())
            piece_start = dot.end()
        yield Word(word[piece_start:], start + piece_start, match.end())


def words_of(text: str) -> list[Word]:
    return list(iter_words(text))
