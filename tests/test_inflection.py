"""Ukrainian and Russian case forms of a name resolve, are found in text and are searched as the name."""

import pytest

from frontline.index.names.inflection import name_starts, nominatives


@pytest.mark.parametrize("form, label", [
    ("Харкові", "Kharkiv"), ("Харкова", "Kharkiv"), ("Харькове", "Kharkiv"),
    ("Києві", "Kyiv"), ("Киеве", "Kyiv"), ("Одесі", "Odesa"), ("Львові", "Lviv"), ("Дніпрі", "Dnipro"),
    ("Сумах", "Sumy"), ("Запоріжжі", "Zaporizhzhia"), ("Маріуполя", "Mariupol"), ("Мариуполе", "Mariupol"),
    ("Бахмутом", "Bakhmut"), ("Артемовске", "Bakhmut"), ("Львове", "Lviv"), ("Нової Каховки", "Nova Kakhovka"),
    ("Новой Каховке", "Nova Kakhovka"), ("Кривого Рогу", "Kryvyi Rih"),
    ("Луганської області", "Luhansk Oblast"), ("Луганской области", "Luhansk Oblast"),
    ("Запорожской области", "Zaporizhzhia Oblast"), ("Харківщині", "Kharkiv Oblast"), ("Донеччини", "Donetsk Oblast"),
    ("Зеленського", "Volodymyr Zelenskyy"), ("Зеленского", "Volodymyr Zelenskyy"), ("Шмигаля", "Denys Shmyhal"),
    ("Володимира Зеленського", "Volodymyr Zelenskyy"),
])
def test_a_case_form_resolves_to_the_name(resolver, form, label):
    resolution = resolver.resolve(form)
    assert resolution is not None and resolution.best.label == label
    assert resolution.note == "inflected" and resolution.why == "inflected form"


@pytest.mark.parametrize("form", ["Харків", "Київ", "Луганська область"])
def test_the_nominative_resolves_as_itself(resolver, form):
    assert resolver.resolve(form).note == "cyrillic"


def test_a_place_reading_comes_before_a_surname(resolver):
    """Харкові is also the dative of a surname Харко, Києві of the given name Кий."""
    assert nominatives("харкові")[0] == "харків"
    assert nominatives("києві")[0] == "київ"


def test_an_adjective_may_begin_a_name_in_any_gender():
    assert {"луганська", "луганський", "луганське"} <= set(name_starts("луганської"))
    assert "луганская" in name_starts("луганской")


def test_latin_words_have_no_case_forms():
    assert nominatives("kharkiv") == () and nominatives("харків kyiv") == ()


@pytest.mark.parametrize("text, found", [
    ("Обстріл у Харкові та в Луганської області.", [("Харкові", "Kharkiv"), ("Луганської області", "Luhansk Oblast")]),
    ("В Киеве и под Бахмутом, в Артемовске и Луганской области.",
     [("Киеве", "Kyiv"), ("Бахмутом", "Bakhmut"), ("Артемовске", "Bakhmut"), ("Луганской области", "Luhansk Oblast")]),
    ("Ми зустрілися з Володимиром Зеленським у Маріуполі.",
     [("Володимиром Зеленським", "Volodymyr Zelenskyy"), ("Маріуполі", "Mariupol")]),
    # an ordinary word that starts the sentence is no given name before the place
    ("Обстрел Донецка продолжается.", [("Донецка", "Donetsk")]),
    ("Жителі Херсона повернулися додому.", [("Херсона", "Kherson")]),
])
def test_case_forms_in_running_text_are_the_entities(extractor, text, found):
    assert [(f.text, f.label) for f in extractor.extract(text).found] == found


INFLECTED = {
    "uk.txt": "Вночі ворог обстріляв околиці Харкова. У Харківській області працює ППО.\n",
    "ru.txt": "Во Львове и в Запорожской области объявили воздушную тревогу.\n",
    "en.txt": "Sirens sounded in Kharkiv and across Zaporizhzhia region overnight.\n",
    "other.txt": "A quiet night in Lutsk.\n",
}


@pytest.fixture(scope="module")
def inflected(build_index):
    corpus = build_index(INFLECTED, name="inflected")
    assert corpus.problems == []
    return corpus


@pytest.mark.parametrize("q, ids", [
    ("Kharkiv", {"uk.txt", "en.txt"}),
    ("Харкові", {"uk.txt", "en.txt"}),
    ("Kharkiv Oblast", {"uk.txt"}),
    ("Lviv", {"ru.txt"}),
    ("Zaporizhzhia Oblast", {"ru.txt", "en.txt"}),
    ("Запорізької області", {"ru.txt", "en.txt"}),
])
def test_a_name_finds_every_case_form(inflected, q, ids):
    assert set(inflected.ids(q)) == ids


def test_the_printed_case_form_is_marked_and_explained(inflected):
    hit = next(h for h in inflected.search("Kharkiv")["hits"] if h["id"] == "uk.txt")
    assert "<mark>Харкова</mark>" in hit["snippets"][0]
    explanation = next(m for m in hit["matched"] if m["spelling"] == "Харкова")
    assert explanation["entity"] == "Kharkiv" and "inflected form" in explanation["why"]


def test_case_forms_fill_the_region_facet(inflected):
    assert set(inflected.ids("", filters={"region": ["UA-63"]})) == {"uk.txt", "en.txt"}
    assert set(inflected.ids("", filters={"region": ["UA-23"]})) == {"ru.txt", "en.txt"}


WORDS = {
    "war-uk.txt": "Після війни місто відбудують. Війною зруйновано школи.\n",
    "war-ru.txt": "Во время войны мост был разрушен.\n",
    "vaccine.txt": "The Sputnik V vaccine was shipped on Monday.\n",
    "vaino.txt": "Kremlin chief of staff Anton Vaino attended.\n",
    "kyiv-ru.txt": "Совещание прошло в Киеве в понедельник.\n",
}


@pytest.fixture(scope="module")
def words(build_index):
    corpus = build_index(WORDS, name="cyrillic-words")
    assert corpus.problems == []
    return corpus


@pytest.mark.parametrize("q, ids", [
    ("війна", {"war-uk.txt"}),
    ("війни", {"war-uk.txt"}),
    ("война", {"war-ru.txt"}),
    ("в Киеве", {"kyiv-ru.txt"}),
])
def test_an_ordinary_cyrillic_word_is_searched_by_its_dictionary_forms(words, q, ids):
    assert set(words.ids(q)) == ids


def test_the_forms_of_a_word_are_marked_as_printed(words):
    (hit,) = words.search("війна")["hits"]
    assert "<mark>війни</mark>" in hit["snippets"][0] and "<mark>Війною</mark>" in hit["snippets"][0]


def test_an_ordinary_cyrillic_word_is_no_latin_name(words):
    """в is a preposition, not the V of Sputnik V; війна is a word, not Vaino."""
    assert words.ids("в") == ["kyiv-ru.txt"]
    assert words.ids("V") == ["vaccine.txt"]
    assert words.ids("Vaino") == ["vaino.txt"]
