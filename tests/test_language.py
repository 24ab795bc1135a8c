"""Telling a document's language when the record does not say: short English rows stay English."""

import pytest

from frontline.index.readers.language import guess_language

#: Headlines and CSV rows as monitoring tables hold them; py3langid alone calls these Norwegian Nynorsk,
#: Danish, Dutch or Nigerian Pidgin.
SHORT_ENGLISH = [
    "Drones over Odesa, Mykolaiv and Kherson region",
    "Zelensky met Biden in Washington",
    "Kharkiv Oblast, Izium raion: 3 killed",
    "Shelling reported in Kharkiv overnight",
    "Missile strike on Kramatorsk station",
    "Ukraine says it retook Lyman",
]


@pytest.mark.parametrize("text", SHORT_ENGLISH)
def test_short_english_is_english(text):
    assert guess_language(text) == "en"


@pytest.mark.parametrize("text, expected", [
    ("Der Präsident sprach heute in Kiew über den Krieg", "de"),
    ("Angriff auf Odessa in der Nacht", "de"),
    ("Le président a parlé à Kyiv ce matin de la guerre", "fr"),
    ("Prezydent rozmawiał dziś w Kijowie o wojnie", "pl"),
    ("Ataque con misiles en Járkov esta mañana", "es"),
    ("Presidentti puhui tänään Kiovassa sodasta", "fi"),
])
def test_other_languages_are_still_told_when_the_text_says_so(text, expected):
    assert guess_language(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Обстріл Харкова тривав усю ніч, повідомили в ОВА", "uk"),
    ("Обстрел Донецка продолжается всю ночь", "ru"),
    ("Сербия и Македония подписали соглашение", "ru"),  # no letter tells it apart; py3langid alone: Bulgarian
])
def test_cyrillic(text, expected):
    assert guess_language(text) == expected


def test_too_short_to_tell():
    assert guess_language("Kyiv, 3 May") == ""


def test_a_csv_of_short_english_rows_is_filed_as_english(make_index):
    rows = "\n".join(f'{n},"{text}"' for n, text in enumerate(SHORT_ENGLISH))
    corpus = make_index({"rows.csv": "id,text\n" + rows + "\n"})
    assert {fields["lang"] for fields in corpus.stored().values()} == {"en"}
