"""Whether a name is used as one: the evidence the entity layer weighs on real text.

A bare match counts for most names; ordinary words, given names, other
spellings of villages and near spellings count only where the text supports
them; a place inside the name of a person, ship, institution or street is no
place. Each rule is checked where it should hold and where it should not.
"""

from __future__ import annotations

import pytest



def found(extractor, text: str, kind: str | None = None) -> list[tuple[str, str]]:
    """(text as printed, label) of each mention, of one kind if given."""
    return [(f.text, f.label) for f in extractor.extract(text).found if kind is None or f.kind == kind]


def regions(extractor, text: str) -> set[str]:
    return {code for f in extractor.extract(text).found for code in f.regions if code.startswith("UA-")}


# --- ordinary words are words ------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "As the war goes on, prices rise.",
    "Side by side, they waited.",
    "Step by step the talks resumed.",
    "Port authorities closed the harbour.",
    "Bar owners in the capital complained.",
    "UKRAINE, AS FORMER VP VISITS KEY PRIMARY STATE",
])
def test_a_common_word_that_is_also_a_village_is_no_place(extractor, text):
    assert [label for _t, label in found(extractor, text, "place") if label != "Ukraine"] == []


@pytest.mark.parametrize("text, label, region", [
    ("Shelling hit the village of Step, Dnipropetrovsk region.", "Step", "UA-12"),
    ("Explosions in Bar, Vinnytsia region, overnight.", "Bar", "UA-05"),
])
def test_a_common_word_is_a_place_where_the_text_says_so(extractor, text, label, region):
    places = found(extractor, text, "place")
    assert label in [l for _t, l in places]
    assert region in regions(extractor, text)


@pytest.mark.parametrize("text", [
    "In the 1980s and 1970s the plant was built.",
    "Australia announced a new $100m package; Britain added £250m.",
    "In 2022, 300 people were evacuated.",
])
def test_numbers_and_decades_are_no_weapons(extractor, text):
    assert found(extractor, text, "weapon") == []


def test_a_model_number_in_the_plural_is_still_a_weapon(extractor):
    assert ("F-16s", "F-16") in found(extractor, "Allies promised F-16s to Ukraine.", "weapon")


# --- people before places ------------------------------------------------------------------------


@pytest.mark.parametrize("text, person, not_place", [
    ("Vladimir Lenin founded the party.", "Vladimir Lenin", "Vladimir"),
    ("The chess player Vladimir Kramnik spoke.", "Vladimir Kramnik", "Vladimir"),
    ("Poems by Taras Shevchenko were read.", "Taras Shevchenko", "Shevchenko"),
    ("Sasha Petrenko, a volunteer, drove the van.", "Sasha Petrenko", "Sasha"),
])
def test_a_place_name_inside_a_persons_name_is_no_place(extractor, text, person, not_place):
    assert person in [l for _t, l in found(extractor, text, "person")]
    assert not_place not in [l for _t, l in found(extractor, text, "place")]


def test_a_surname_alone_after_the_full_name_is_the_person_not_the_village(extractor):
    text = "Kyrylo Shevchenko, the central bank governor, resigned. Shevchenko said he was ill."
    people = [f for f in extractor.extract(text).found if f.kind == "person"]
    assert [p.text for p in people] == ["Kyrylo Shevchenko", "Shevchenko"]
    assert len({p.value for p in people}) == 1
    assert found(extractor, text, "place") == []


def test_a_village_named_like_a_speaker_is_no_place(extractor):
    assert found(extractor, "Shevchenko said the talks had failed.", "place") == []


@pytest.mark.parametrize("text", ["Sasha and Slava went home.", "Slava wrote back at once."])
def test_a_common_given_name_that_is_also_a_village_needs_more(extractor, text):
    assert found(extractor, text, "place") == []


def test_a_village_named_like_a_given_name_is_a_place_where_the_text_says_so(extractor):
    assert "Slava" in [l for _t, l in found(extractor, "Shelling of the village of Slava, Chernihiv region.", "place")]


def test_a_known_persons_name_beats_an_old_alternate_name_of_a_city(extractor):
    text = "Stalin ruled the Soviet Union for thirty years."
    assert found(extractor, text, "person") == [("Stalin", "Joseph Stalin")]
    assert found(extractor, text, "place") == []
    assert "UA-14" in regions(extractor, "The city was called Stalino until 1961.")


# --- names of other things ------------------------------------------------------------------------


@pytest.mark.parametrize("text, not_place", [
    ("The cruiser Moskva sank in April.", "Moscow"),
    ("A Levada Center poll was published.", "Levada"),
    ("The Kyiv Independent reported it first.", "Kyiv"),
    ("He lived on Moskovska Street in Lysychansk.", "Moscow"),
    ("Dynamo Kyiv won the match.", "Kyiv"),
    ("The battles of Chudskoye Lake and Poltava.", "Chudske"),
])
def test_a_place_name_inside_the_name_of_something_else_is_no_place(extractor, text, not_place):
    assert not_place not in [l for _t, l in found(extractor, text, "place")]


def test_an_initiative_about_a_place_still_names_it(extractor):
    assert "UA-43" in regions(extractor, "Forty countries joined the Crimea Platform summit.")


def test_a_ukrainian_village_in_a_text_set_abroad_needs_more(extractor):
    text = "A new ice palace, the Chaika, opened in Nikolayevsk-on-Amur and Khabarovsk."
    assert regions(extractor, text) == set()


# --- field spellings ------------------------------------------------------------------------------


@pytest.mark.parametrize("text, label", [
    ("Shelling of Kharkiv region: in Kahrkiv two were hurt.", "Kharkiv"),
    ("Vuhledar near Dontesk was shelled, Donetsk region officials said.", "Donetsk"),
    ("Heavy fighting near Adviika and Bakhmut in Donetsk region.", "Avdiivka"),
    ("In Donetsk region, Shahtarsk and Horlivka came under fire.", "Shakhtarsk"),
    ("Kupiansk and Izum, Kharkiv region, were shelled.", "Izium"),
    ("Four rockets hit a military object in Yaroviv, the Lviv regional governor said.", "Yavoriv"),
])
def test_a_misspelt_well_known_place_counts_where_the_text_agrees(extractor, text, label):
    assert label in [l for _t, l in found(extractor, text, "place")]


@pytest.mark.parametrize("text, not_place", [
    ("Dmitry Rogozin spoke about space. Rogozin smiled.", "Rohatyn"),
    ("A blast rocked a cinema in the town of Porkhov in Pskov Region.", "Pokrov"),
    ("MINSK, 28 January (BelTA) – the President said.", "Balta"),
    ("A special award For Courage and Bravery was established.", "Brovary"),
])
def test_surnames_acronyms_and_words_are_no_misspelt_places(extractor, text, not_place):
    assert not_place not in [l for _t, l in found(extractor, text, "place")]


def test_a_misspelt_place_alone_in_a_field_report(extractor):
    assert [l for _t, l in found(extractor, "Nova Kahovka", "place")] == ["Nova Kakhovka"]


@pytest.mark.parametrize("text, labels", [
    ("Strikes on Semihatka/Henichesk overnight.", {"Henichesk"}),
    ("Explosions were heard in Kiev.As announced, curfew starts at ten.", {"Kyiv"}),
    ("Missiles hit several cities.Kiev imposed a curfew.", {"Kyiv"}),
])
def test_names_joined_by_a_slash_or_run_into_the_next_sentence(extractor, text, labels):
    assert {l for _t, l in found(extractor, text, "place")} == labels


@pytest.mark.parametrize("text, code", [
    ("Shelling in Kharkivshchyna overnight.", "UA-63"),
    ("Харківщина: обстріли тривають.", "UA-63"),
    ("Donechchyna is under fire.", "UA-14"),
    ("Запоріжчина та Вінниччина", "UA-23"),
])
def test_regional_names_mean_the_oblast(extractor, text, code):
    assert code in regions(extractor, text)
