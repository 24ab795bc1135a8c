"""The kept word-frequency tables answer as wordfreq does at and above each language's floor."""

import pickle

import pytest
from wordfreq import zipf_frequency

from frontline.index.names import word_frequency
from frontline.index.names.word_frequency import FLOORS, zipf

WORDS = {
    "en": ["the", "Will", "mark", "village", "drone", "Kyiv's", "don't", "2022", "F-16", "100m", "U.S.",
           "shelling", "grain exports", "xqzvw", ""],
    "uk": ["війна", "України", "сили", "крім", "від", "Харкові", "обстріл", "так", "щоб", "xyz"],
    "ru": ["война", "России", "того", "мали", "ёлка", "елка", "обстрел", "вс", "чтобы", "xyz"],
}


@pytest.mark.parametrize("lang", sorted(WORDS))
def test_at_or_above_the_floor_it_is_wordfreqs_answer(lang):
    for word in WORDS[lang]:
        expected = zipf_frequency(word, lang)
        if expected >= FLOORS[lang]:
            assert zipf(word, lang) == expected, word
        else:
            assert zipf(word, lang) < FLOORS[lang], word
    # Some of each list are common words and some are not: the test sees both sides of the floor.
    assert {zipf(w, lang) >= FLOORS[lang] for w in WORDS[lang]} == {True, False}


def test_the_tables_are_read_from_the_cache_file_when_it_is_there(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(word_frequency, "_tables", {})
    assert zipf("village", "en") == zipf_frequency("village", "en")
    path = word_frequency._cache_path()
    tables = pickle.loads(path.read_bytes())
    assert set(tables) == set(FLOORS) and "village" in tables["en"] and "xqzvw" not in tables["en"]
    # Only the common part of each list is kept.
    assert len(tables["ru"]) < 20_000
    # What the file says is what is answered: a planted frequency proves it is read, not rebuilt.
    tables["en"]["xqzvw"] = 1e-4
    path.write_bytes(pickle.dumps(tables))
    monkeypatch.setattr(word_frequency, "_tables", {})
    assert zipf("xqzvw", "en") == 5.0


def test_an_unreadable_cache_file_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(word_frequency, "_tables", {})
    path = word_frequency._cache_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a pickle")
    assert zipf("war", "en") == zipf_frequency("war", "en")
    assert "war" in pickle.loads(path.read_bytes())["en"]
