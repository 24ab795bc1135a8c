"""People the gazetteer lacks, found by how reporting names them; and what is no person.

A given name and a surname, a title or role before a name, "President of X"
and a name, a transcript's speaker label; later the surname alone, which is
then the same person. Institutions, buildings, streets and demonyms that look
like names are not people.
"""

from __future__ import annotations

import pytest



def people(extractor, text: str) -> list[tuple[str, str]]:
    """(text as printed, label) of each person mention."""
    return [(f.text, f.label) for f in extractor.extract(text).found if f.kind == "person"]


@pytest.mark.parametrize("text, name", [
    ("Australia's foreign minister Penny Wong arrived.", "Penny Wong"),
    ("The former marine Paul Whelan was freed.", "Paul Whelan"),
    ("Anton Vaino, the Kremlin chief of staff, attended.", "Anton Vaino"),
    ("Olena Kurylo, a teacher, was hurt.", "Olena Kurylo"),
    ("Олена Курило розповіла про обстріл.", "Olena Kurylo"),
    ("David Cameron met the delegation.", "David Cameron"),
    ("Senators Ted Cruz of Texas and Tom Cotton of Arkansas objected.", "Tom Cotton"),
    ("CIA director William Burns warned.", "William Burns"),
])
def test_a_given_name_and_a_surname_is_a_person(extractor, text, name):
    assert name in [label for _text, label in people(extractor, text)]


@pytest.mark.parametrize("text, name", [
    ("Tajik President Emomali Rahmon arrived in Moscow.", "Emomali Rahmon"),
    ("On Wednesday, Mr. Sullivan said the talks went well.", "Sullivan"),
    ("Pope Francis called for peace.", "Francis"),
    ("President of Kazakhstan Kassym-Jomart Tokayev took part.", "Kassym-Jomart Tokayev"),
    ("Galina Kairova: Good afternoon, Mr President.", "Galina Kairova"),
    ("Rep. Dan Bishop of North Carolina voted no.", "Dan Bishop"),
])
def test_a_title_role_or_speaker_label_introduces_a_person(extractor, text, name):
    assert name in [label for _text, label in people(extractor, text)]


def test_the_surname_alone_is_the_person_named_in_full(extractor):
    text = "Paul Whelan has been held since 2018. Whelan said he was innocent, and Mr. Whelan's family agreed."
    found = [f for f in extractor.extract(text).found if f.kind == "person"]
    assert [f.text for f in found] == ["Paul Whelan", "Whelan", "Whelan's"]
    assert {f.value for f in found} == {"person:~paul-whelan"}


def test_a_known_persons_given_name_and_initial_are_one_mention(extractor):
    assert people(extractor, "President Vladimir V. Putin spoke; Donald J. Trump replied.") == [
        ("Vladimir V. Putin", "Vladimir Putin"), ("Donald J. Trump", "Donald Trump")]


def test_someone_else_with_a_known_persons_surname(extractor):
    assert people(extractor, "Ivan Kuleba, a farmer, was interviewed.") == [("Ivan Kuleba", "Ivan Kuleba")]
    assert people(extractor, "Prime Minister of India Modi and Lt Gen Budanov.") == [
        ("Modi", "Narendra Modi"), ("Budanov", "Kyrylo Budanov")]


def test_a_country_before_a_name_is_no_given_name(extractor):
    found = extractor.extract("Talks with President of Argentina Alberto Fernandez.").found
    assert [(f.text, f.kind) for f in found] == [("Argentina", "place"), ("Alberto Fernandez", "person")]


@pytest.mark.parametrize("text", [
    "Servicemen of the Main Intelligence Directorate were awarded.",
    "The heads of both chambers of the Federal Assembly met.",
    "World powers agreed to continue a United Nations aid mission.",
    "Our companies ROTEC and Ural Turbine Works completed it.",
    "Cadets gathered in the Kremlin's St George Hall.",
    "The Federation of German Industries welcomed the move.",
    "Joint Statement of the Leaders of the Five Nuclear-Weapons States.",
    "It was a pity. Thus, we call on our partners to act.",
    "A pro-Russia rally in Bangui, in March. Photograph: AFP",
    "Will Ukraine join the alliance?",
])
def test_institutions_buildings_and_words_are_no_people(extractor, text):
    assert people(extractor, text) == []


def test_a_persons_name_breaks_at_a_full_stop(extractor):
    text = "Celebrities including American actor Steven Seagal.\n\nNeither the U.S. nor Germany sent envoys."
    assert people(extractor, text) == [("Steven Seagal", "Steven Seagal")]
