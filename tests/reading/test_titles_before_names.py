"""A title written before a name goes to the title, where the address shows which words are the
name (SPEC §3: "a title written inside the name goes to the title"; reading.names.title_before,
reading.titles)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mailbot.reading.found import Found
from mailbot.reading.key_blocks import key_blocks
from mailbot.reading.lists import list_items
from mailbot.reading.names import looks_like_name, title_before
from mailbot.reading.person import person
from mailbot.reading.prose import prose
from mailbot.reading.titles import is_title_word


@pytest.mark.parametrize(
    ("written", "address", "name", "title"),
    [
        ("Socialsekreterare Anna Berg", "anna.berg@solna.se", "Anna Berg", "Socialsekreterare"),
        ("Fältassistent Omar Said", "omar.said@solna.se", "Omar Said", "Fältassistent"),
        ("enhetschef Eva Lind", "eva.lind@solna.se", "Eva Lind", "enhetschef"),
        ("Biträdande Enhetschef Eva Lind", "eva.lind@x.se", "Eva Lind", "Biträdande Enhetschef"),
        (
            "Senior Customs Officer Lina Berg",
            "lina.berg@x.se",
            "Lina Berg",
            "Senior Customs Officer",
        ),
        ("Head of Unit Mark Evans", "mark.evans@x.se", "Mark Evans", "Head of Unit"),
        ("Kriminalinspektör Berg Anna", "anna.berg@x.se", "Anna Berg", "Kriminalinspektör"),
    ],
    ids=[
        "a swedish title in capitals",
        "another compound title",
        "a title in lower case",
        "two title words",
        "an english title of three words",
        "an english title joined by of",
        "a title before a surname-first name",
    ],
)
def test_a_title_before_a_name_goes_to_the_title_when_the_address_spells_the_name(
    written: str, address: str, name: str, title: str
) -> None:
    assert title_before(written, address) == (name, title)


@pytest.mark.parametrize(
    ("written", "address"),
    [
        ("Karl Johan Berg", "johan.berg@x.se"),
        ("Karl Johan Berg", "karl.johan.berg@x.se"),
        ("Anna Maria Lind", "maria.lind@x.se"),
        ("Mark Evans Berg", "evans.berg@x.se"),
        ("Kock Anna Lind", "anna.lind@x.se"),
        ("Socialsekreterare Anna Berg", "ab@solna.se"),
        ("Socialsekreterare Anna Berg", "a.berg@solna.se"),
        ("Socialsekreterare Anna Berg", "socialtjansten@solna.se"),
        ("Enhetschef Eva Lind", "per.persson@x.se"),
        ("Enhetschef Lind", "lind@x.se"),
    ],
    ids=[
        "a double first name the address shortens",
        "a double first name the address spells whole",
        "a double first name of two given names",
        "a first name that is also a word",
        "a surname that is also a word, first",
        "an address of initials says nothing",
        "an address of an initial and a surname says nothing",
        "a role address says nothing",
        "an address of someone else says nothing",
        "a title and a surname alone is kept",
    ],
)
def test_a_name_is_kept_whole_when_the_address_does_not_show_a_title_before_it(
    written: str, address: str
) -> None:
    assert title_before(written, address) == (written, None)


_given = st.sampled_from(["Anna", "Karl", "Mark", "Will", "Sten", "Rose", "Björn", "Eva"])
_surname = st.sampled_from(["Berg", "Lind", "Kock", "Fiskare", "Evans", "Strand", "Ek"])


@given(first=_given, second=_given, last=_surname)
def test_a_name_of_name_words_loses_no_word_whatever_the_address_spells(
    first: str, second: str, last: str
) -> None:
    assume(first != second)
    written = f"{first} {second} {last}"
    for local in (f"{second}.{last}", f"{first}.{last}", f"{first}.{second}.{last}"):
        assert title_before(written, f"{local.lower()}@x.se") == (written, None)


@pytest.mark.parametrize(
    "word",
    [
        "Socialsekreterare",
        "fältassistent",
        "Enhetschef",
        "Officer",
        "Head",
        "Senior",
        "handläggare",
    ],
)
def test_words_of_titles_are_title_words(word: str) -> None:
    assert is_title_word(word)


@pytest.mark.parametrize("word", ["Anna", "Karl", "Mark", "Berg", "Lind", "Evans", "Johan"])
def test_given_names_and_surnames_are_not_title_words(word: str) -> None:
    assert not is_title_word(word)


def test_a_list_of_people_with_titles_before_their_names_is_read_as_names_and_titles() -> None:
    lines = [
        "Jag anmäler härmed tre av mina medarbetare:",
        "- Socialsekreterare Anna Berg, anna.berg@solna.se",
        "- Fältassistent Omar Said, omar.said@solna.se",
        "- Enhetschef Eva Lind, eva.lind@solna.se",
    ]
    read = [(f.name, f.title) for f in list_items(lines) if isinstance(f, Found)]
    assert read == [
        ("Anna Berg", "Socialsekreterare"),
        ("Omar Said", "Fältassistent"),
        ("Eva Lind", "Enhetschef"),
    ]


def test_a_title_before_a_name_in_an_item_with_an_initials_address_stays_in_the_name() -> None:
    found = person("Socialsekreterare Anna Berg, ab@solna.se")
    assert found is not None
    assert (found.name, found.title) == ("Socialsekreterare Anna Berg", None)


def test_a_title_before_and_after_a_name_are_both_kept_as_the_title() -> None:
    found = person("Fältassistent Omar Said, omar.said@solna.se, Solna stad")
    assert found is not None
    assert (found.name, found.title) == ("Omar Said", "Fältassistent, Solna stad")


def test_english_titles_before_names_in_a_sentence_are_titles_not_names() -> None:
    sentence = (
        "Please register our Head of Unit Mark Evans (mark.evans@tullverket.se) and "
        "Senior Customs Officer Lina Berg (lina.berg@tullverket.se) for the seminar."
    )
    read = [(f.name, f.email, f.title) for f in prose([sentence]) if isinstance(f, Found)]
    assert read == [
        ("Mark Evans", "mark.evans@tullverket.se", "Head of Unit"),
        ("Lina Berg", "lina.berg@tullverket.se", "Senior Customs Officer"),
    ]


def test_a_double_first_name_in_a_sentence_is_kept_whole() -> None:
    sentence = "Jag anmäler Karl Johan Berg (johan.berg@nacka.se) till seminariet."
    read = [(f.name, f.title) for f in prose([sentence]) if isinstance(f, Found)]
    assert read == [("Karl Johan Berg", None)]


def test_a_title_before_the_name_of_a_key_block_goes_to_the_title() -> None:
    lines = ["Namn: Socialsekreterare Anna Berg", "E-post: anna.berg@solna.se"]
    read = [(f.name, f.title) for f in key_blocks(lines) if isinstance(f, Found)]
    assert read == [("Anna Berg", "Socialsekreterare")]


def test_a_name_without_its_title_still_looks_like_a_name() -> None:
    name, _ = title_before("Socialsekreterare Anna Berg", "anna.berg@solna.se")
    assert looks_like_name(name)


_title = st.sampled_from(
    ["Socialsekreterare", "fältassistent", "Head of Unit", "Senior Customs Officer", "Kurator"]
)


@given(title=_title, first=_given, last=_surname)
def test_taking_a_title_out_loses_and_adds_no_word(title: str, first: str, last: str) -> None:
    written = f"{title} {first} {last}"
    name, found = title_before(written, f"{first.lower()}.{last.lower()}@x.se")
    assert (found, name) == (title, f"{first} {last}")
    assert sorted(f"{found} {name}".split()) == sorted(written.split())
