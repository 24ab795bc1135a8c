"""How common a word is (wordfreq's Zipf scale), from tables of only the words common enough to matter.

The entity layer asks whether a word is at least so common in English (a name or a word?) and, for
Cyrillic, whether it is a common Ukrainian or Russian word (at least 4.0). wordfreq answers from its
whole word list, loaded per language on first use: 33 MB for English, 74 for Ukrainian and 107 for
Russian, in every indexing worker. Here each language keeps only the entries at or above the rarest
frequency any caller compares with (:data:`FLOORS`, a few thousand to a hundred thousand words),
read from a small cache file built once from wordfreq. Above its floor the answer is wordfreq's own,
computed the way wordfreq computes it; below, it is 0.
"""

import logging
import math
import os
import pickle
import tempfile
import threading
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import wordfreq
from wordfreq.numbers import digit_freq, smash_numbers
from wordfreq.tokens import lossy_tokenize

from ..memo import WORDS

log = logging.getLogger(__name__)

#: The rarest Zipf frequency any caller compares a word of the language with.
FLOORS = {"en": 2.5, "uk": 4.0, "ru": 4.0}
_FORMAT = 1
_tables: dict[str, dict[str, float]] = {}
_lock = threading.Lock()


def zipf(word: str, lang: str) -> float:
    """wordfreq's ``zipf_frequency(word, lang)`` when it is at least ``FLOORS[lang]``, else 0."""
    frequency = _frequency(word, lang)
    return round(math.log10(frequency) + 9, 2) if frequency else 0.0


def _frequency(word: str, lang: str) -> float:
    """wordfreq's word_frequency over the kept entries: tokens' frequencies combined as 1/f = Σ 1/fᵢ,
    a digit run's share by its digits, rounded to three significant digits."""
    tokens = _tokens(word, lang)
    if not tokens:
        return 0.0
    table = _table(lang)
    one_over = 0.0
    for token in tokens:
        smashed = smash_numbers(token)
        frequency = table.get(smashed)
        if frequency is None:  # below the floor, or unknown: so is the whole word
            return 0.0
        if smashed != token:
            frequency *= digit_freq(token)
        one_over += 1.0 / frequency
    frequency = 1.0 / one_over
    return round(frequency, math.floor(-math.log10(frequency)) + 3)


@lru_cache(maxsize=WORDS)
def _tokens(word: str, lang: str) -> tuple[str, ...]:
    """wordfreq's tokens of a word, cached (as its own word_frequency is): the tokenizer is most of the time."""
    return tuple(lossy_tokenize(word, lang))


def _table(lang: str) -> dict[str, float]:
    table = _tables.get(lang)
    if table is None:
        with _lock:
            if not _tables:
                _tables.update(_load())
            table = _tables[lang]
    return table


def _cache_path() -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    floors = "-".join(f"{lang}{floor:g}" for lang, floor in sorted(FLOORS.items()))
    return cache / "frontline" / f"word-frequencies-{_FORMAT}-{metadata.version('wordfreq')}-{floors}.pickle"


def _load() -> dict[str, dict[str, float]]:
    """The tables from the cache file, built from wordfreq (and saved) when it is missing or unreadable."""
    path = _cache_path()
    try:
        with path.open("rb") as handle:
            tables = pickle.load(handle)
        if set(tables) == set(FLOORS):
            return tables
    except FileNotFoundError:
        pass
    except Exception as error:  # a truncated or foreign file is rebuilt
        log.warning("word frequencies: cannot read %s (%s); rebuilding", path, error)
    tables = {lang: _build(lang, floor) for lang, floor in FLOORS.items()}
    _save(path, tables)
    return tables


def _build(lang: str, floor: float) -> dict[str, float]:
    least = 10 ** (floor - 0.005 - 9)  # every word wordfreq rounds up to the floor
    table = {token: f for token, f in wordfreq.get_frequency_dict(lang).items() if f >= least}
    wordfreq.get_frequency_dict.cache_clear()  # the whole list is not needed again
    return table


def _save(path: Path, tables: dict) -> None:
    """Atomically (a temporary file beside it, then a rename); a cache that cannot be written is rebuilt next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            pickle.dump(tables, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, path)
    except OSError as error:
        log.warning("word frequencies: cannot save %s (%s)", path, error)
