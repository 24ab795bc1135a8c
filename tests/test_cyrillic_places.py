"""Places in Ukrainian and Russian reporting (issue 12): a city's case form before villages of a like name, a
plural name kept plural, country abbreviations, Russia's federal subjects, and a Cyrillic name's query that
does not match the ordinary word it is spelled like."""

import pytest



def places(extractor, text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(f.text, f.label, f.regions) for f in extractor.extract(text).found if f.kind == "place"]


# -- case forms --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("form, label", [
    # The city's genitive, before the genitive of the villages called Kropyvnytske.
    ("Кропивницького", "Kropyvnytskyi"),
    # охтирці are also Okhtyrka's people, but a word for them so rare names no one before the town.
    ("Охтирці", "Okhtyrka"),
    ("Лебедина", "Lebedyn"),
    # A sturgeon's name is no word in common use either, yet the case form of a city this large is the city's.
    ("Калуги", "Kaluga"),
])
def test_a_towns_case_form_is_the_town(resolver, form, label):
    assert resolver.resolve(form).best.label == label


def test_a_word_in_common_use_for_people_is_no_towns_case_form(resolver):
    assert resolver.resolve("Українці") is None  # Ukrainians, not the town Ukrainka's locative


def test_a_town_in_a_case_form_is_placed_in_its_oblast(extractor):
    assert places(extractor, "Вночі ворог обстріляв промзону в Охтирці.") == [("Охтирці", "Okhtyrka", ("UA-59",))]


def test_a_city_named_among_cities_elsewhere_is_no_village_we_lack(extractor):
    """Bucha is a city of Kyiv Oblast and a village there: named with cities of the east, still the city."""
    assert places(extractor, "Окупанти зробили це в Маріуполі, Харкові, Бучі.") == [
        ("Маріуполі", "Mariupol", ("UA-14",)), ("Харкові", "Kharkiv", ("UA-63",)), ("Бучі", "Bucha", ("UA-32",))]


def test_a_sea_in_a_case_form_is_the_sea(extractor):
    assert places(extractor, "Кораблі ворога у Чорному морі та Азовському морі.") == [
        ("Чорному морі", "Black Sea", ()), ("Азовському морі", "Sea of Azov", ())]


def test_a_vessel_named_after_a_city_is_no_city(extractor):
    assert places(extractor, "Прикордонники не злякалися крейсера «Москва». Затонув крейсер Москва.") == []


# -- countries ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["Сполучені Штати", "Сполучених Штатах", "Соединенных Штатов", "Соединённым Штатам"])
def test_a_plural_name_without_its_genitive_is_the_country(resolver, form):
    assert resolver.resolve(form).best.label == "United States"


@pytest.mark.parametrize("form, label", [
    ("ОАЭ", "United Arab Emirates"), ("ОАЕ", "United Arab Emirates"),
    ("Объединенных Арабских Эмиратов", "United Arab Emirates"),  # pycountry prints Объединённые
    ("ФРГ", "Germany"), ("ЮАР", "South Africa"),
])
def test_a_countrys_abbreviation_or_plural_name(resolver, form, label):
    assert resolver.resolve(form).best.label == label


# -- landmarks -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("form, label", [
    ("Запорізькій атомній станції", "Zaporizhzhia Nuclear Power Plant"),
    ("Чернобыльской атомной электростанции", "Chornobyl Nuclear Power Plant"),
])
def test_a_nuclear_plant_is_also_an_atomic_station(resolver, form, label):
    assert resolver.resolve(form).best.label == label


# -- Russia's federal subjects --------------------------------------------------------------------------------------


@pytest.mark.parametrize("form, code", [
    ("Карелии", "RU-KR"), ("Республике Карелия", "RU-KR"), ("Karelia", "RU-KR"),
    ("Амурской области", "RU-AMU"), ("Амурській області", "RU-AMU"), ("Amur Oblast", "RU-AMU"),
    ("Красноярского края", "RU-KYA"), ("Новосибирская область", "RU-NVS"), ("Omsk region", "RU-OMS"),
    # The curated ones keep their own rows.
    ("Курской области", "RU-KRS"),
])
def test_every_federal_subject_of_russia_is_known(resolver, form, code):
    resolution = resolver.resolve(form)
    assert resolution.best.level == "region" and resolution.best.region == (code,)


def test_a_mistranslated_name_of_a_subject_is_left_out(resolver):
    """pycountry's Ukrainian for Krasnoyarsk Krai is Краснодарський край: that stays Krasnodar's alone."""
    assert [e.id for e in resolver.resolve("Краснодарський край").entities] == ["region:RU-KDA"]


def test_a_federal_subject_fills_the_region_facet(extractor):
    assert places(extractor, "Новую машину собрали бойцы из Амурской области.") == [
        ("Амурской области", "Amur Oblast (Russia)", ("RU-AMU", "RU"))]


# -- Russian raions, by their centres -------------------------------------------------------------------------------


def test_a_russian_raion_named_by_its_adjective_is_its_centre(extractor):
    text = ("Губернатор Курской области встретился с жителями Глушковского и Кореневского районов. "
            "Глава Суджанского района уволен.")
    assert places(extractor, text) == [
        ("Курской области", "Kursk Oblast (Russia)", ("RU-KRS", "RU")),
        ("Глушковского", "Glushkovo", ("RU-KRS", "RU")),
        ("Кореневского районов", "Korenevo", ("RU-KRS", "RU")),
        ("Суджанского района", "Sudzha", ("RU-KRS", "RU"))]


def test_a_russian_raion_needs_its_region_named(extractor):
    """Without the region, "Глушковского района" could be any raion; a report names Russia's region."""
    assert places(extractor, "Жители Глушковского района покинули дома.") == []


def test_a_raion_abroad_is_found_by_its_centre(resolver):
    assert resolver.resolve("Sudzha District").best.label == "Sudzha"
    assert resolver.resolve("Суджи").best.label == "Sudzha"


# -- searched -------------------------------------------------------------------------------------------------------

DOCUMENTS = {
    "sumy.txt": "Вночі окупанти обстріляли околиці Сум.",
    "sum.txt": "Загальна сума допомоги перевищила мільярд, і цю суму вже виплачено.",
    "luhansk-city.txt": "Вибухи пролунали в Луганську вночі.",
    "luhansk-oblast.txt": "Ситуація в Луганській області складна.",
    "usa.txt": "Помощник Трампа прибыл в США.",
    "uae.txt": "Блогер эмигрировал в ОАЭ в прошлом году.",
    "karelia.txt": "В Карелии открыли новый завод.",
    "sudzha.txt": "В Курской области уволен глава Суджанского района.",
    "ministry.txt": "Восемь беспилотников сбиты над регионами, сообщает Минобороны РФ.",
}


@pytest.fixture(scope="module")
def corpus(build_index):
    built = build_index(DOCUMENTS, name="cyrillic-places")
    assert built.problems == []
    return built


@pytest.mark.parametrize("q, ids", [
    # A Cyrillic name is not searched as the ordinary word its dictionary forms also make it.
    ("Сум", {"sumy.txt"}),
    ("Sumy", {"sumy.txt"}),
    ("Луганську", {"luhansk-city.txt"}),
    ("Luhansk Oblast", {"luhansk-oblast.txt"}),
    # The plural name without its genitive finds the abbreviation, and the reverse.
    ("Соединенных Штатов", {"usa.txt"}),
    ("Сполучені Штати", {"usa.txt"}),
    ("United Arab Emirates", {"uae.txt"}),
    ("Karelia", {"karelia.txt"}),
    ("Sudzha District", {"sudzha.txt"}),
    ("Суджа", {"sudzha.txt"}),
    # An authority's name names the country it governs.
    ("Russia", {"ministry.txt"}),
])
def test_a_place_is_found_by_any_of_its_names_and_nothing_else(corpus, q, ids):
    assert set(corpus.ids(q)) == ids


def test_the_ordinary_word_is_still_found_by_itself(corpus):
    assert "sum.txt" in corpus.ids("сума") and "sum.txt" in corpus.ids("суму")


def test_a_federal_subject_is_a_region_facet_value(corpus):
    assert set(corpus.ids("", filters={"region": ["RU-KR"]})) == {"karelia.txt"}


# -- adjectives sharing one plural noun for oblasts ----------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    # Донецька is also the genitive of the city Донецьк: the plural "області" both share makes it the oblast.
    ("Обстріли тривають: Донецька та Луганська області без світла.", ["Donetsk Oblast", "Luhansk Oblast"]),
    ("Харківська, Донецька і Луганська області під ударом.", ["Kharkiv Oblast", "Donetsk Oblast", "Luhansk Oblast"]),
    ("Донецкая, Луганская и Херсонская области были аннексированы.",
     ["Donetsk Oblast", "Luhansk Oblast", "Kherson Oblast"]),
    # A singular noun is shared by the adjectives after it.
    ("Сумська область, Донецька, Луганська – всюди обстріли.", ["Sumy Oblast", "Donetsk Oblast", "Luhansk Oblast"]),
])
def test_adjectives_sharing_a_plural_noun_for_oblasts_name_oblasts(extractor, text, expected):
    assert [label for _text, label, _regions in places(extractor, text)] == expected


@pytest.mark.parametrize("text", [
    "Ми були біля Донецька та Луганської області.",  # another case: the city's genitive
    "Луганська область і Донецька ТЕЦ.",  # the adjective of the word after it
])
def test_a_city_beside_an_oblast_stays_the_city_unless_it_shares_the_noun(extractor, text):
    found = {label for _text, label, _regions in places(extractor, text)}
    assert "Luhansk Oblast" in found and "Donetsk Oblast" not in found
