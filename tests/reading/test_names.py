"""Names as written, and the repairs SPEC §3 allows (reading.names)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mailbot.reading.names import (
    contradicts,
    greeting_name,
    looks_like_name,
    matches_address,
    same_name,
    split_title,
    turned_round,
)


@pytest.mark.parametrize(
    "text",
    [
        "Anna Svensson",
        "Per af Klercker",
        "Lars-Erik O'Brien",
        "Jane Doe",
        "A. Svensson",
        "Anna SVENSSON",
        "Åsa Öberg",
    ],
)
def test_a_name_as_people_write_it_looks_like_a_name(text: str) -> None:
    assert looks_like_name(text)


@pytest.mark.parametrize(
    "text",
    [
        "Med vänliga hälsningar",
        "Hej Anna",
        "Anna",
        "kurator",
        "Best regards",
        "Tack Per",
        "anna svensson",
        "Jag kommer",
    ],
)
def test_greetings_single_words_and_prose_do_not_look_like_names(text: str) -> None:
    assert not looks_like_name(text)


@pytest.mark.parametrize(
    ("written", "name", "title"),
    [
        ("Anna Svensson, socialsekreterare", "Anna Svensson", "socialsekreterare"),
        ("Anna Svensson – enhetschef", "Anna Svensson", "enhetschef"),
        ("Anna Svensson (kurator)", "Anna Svensson", "kurator"),
        ("Anna Svensson socialsekreterare", "Anna Svensson", "socialsekreterare"),
        ("Jane Doe, Social Worker", "Jane Doe", "Social Worker"),
        ("Anna von Platen", "Anna von Platen", None),
        ("Persson, Johan", "Persson, Johan", None),
        ("Anna Svensson", "Anna Svensson", None),
    ],
    ids=[
        "a title after a comma goes to the title",
        "a title after a dash goes to the title",
        "a title in parentheses goes to the title",
        "a lower-case swedish title after the name goes to the title",
        "an english title after a comma goes to the title",
        "a particle inside a name stays in the name",
        "a surname before a comma is no name with a title",
        "a name alone keeps no title",
    ],
)
def test_a_title_written_inside_the_name_goes_to_the_title(
    written: str, name: str, title: str | None
) -> None:
    assert split_title(written) == (name, title)


@pytest.mark.parametrize(
    ("name", "address", "expected"),
    [
        ("Persson Johan", "johan.persson@polisen.se", "Johan Persson"),
        ("Persson, Johan", "johan.persson@polisen.se", "Johan Persson"),
        ("Öberg Åsa", "asa.oberg@malmo.se", "Åsa Öberg"),
        ("Öberg Åsa", "aasa.oeberg@malmo.se", "Åsa Öberg"),
        ("Svensson Anna-Karin", "anna-karin.svensson@lund.se", "Anna-Karin Svensson"),
        ("Johan Persson", "johan.persson@polisen.se", "Johan Persson"),
        ("Persson Johan", "jp@polisen.se", "Persson Johan"),
        ("Persson Johan", "persson.johan@polisen.se", "Persson Johan"),
        ("Doe Jane", "jane.doe@example.org", "Jane Doe"),
    ],
    ids=[
        "a surname-first display name is turned when the address shows the other order",
        "a surname-comma display name is turned when the address shows the other order",
        "swedish letters compare with their plain spelling in the address",
        "swedish letters compare with their two-letter spelling in the address",
        "a hyphenated first name is turned as one",
        "a name already in the address's order is kept",
        "without evidence in the address the name is kept as written",
        "an address in the written order keeps the written order",
        "english names are turned the same way",
    ],
)
def test_a_surname_first_name_is_turned_round_only_when_the_address_shows_it(
    name: str, address: str, expected: str
) -> None:
    assert turned_round(name, address) == expected


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("Anna Svensson", "Anna"),
        ("Svensson, Anna", "Anna"),
        ("Dr. Anna Svensson", "Anna"),
        ("Anna-Karin Persson", "Anna-Karin"),
        ("A. Svensson", "A. Svensson"),
        ("Jane Doe", "Jane"),
    ],
)
def test_the_greeting_form_of_a_name_is_the_first_given_name(name: str, greeting: str) -> None:
    assert greeting_name(name) == greeting


def test_an_address_that_spells_a_word_of_the_name_matches_it() -> None:
    assert matches_address("Anna Svensson", "anna.s@lund.se")
    assert matches_address("Åsa Öberg", "oberg@malmo.se")
    assert not matches_address("Anna Svensson", "per.persson@lund.se")


_word = st.from_regex(r"[A-ZÅÄÖ][a-zåäö]{1,9}", fullmatch=True)


@given(first=_word, last=_word)
def test_turning_round_never_adds_or_loses_a_word(first: str, last: str) -> None:
    address = f"{first.lower()}.{last.lower()}@x.se"
    turned = turned_round(f"{last} {first}", address)
    assert sorted(turned.split()) == sorted([first, last])
    assert turned_round(turned, address) == turned


@given(first=_word, last=_word, title=st.from_regex(r"[a-zåäö]{3,15}", fullmatch=True))
def test_a_title_after_a_comma_is_always_split_from_the_name(
    first: str, last: str, title: str
) -> None:
    assume(looks_like_name(f"{first} {last}"))  # not "By Med": words of prose are no names
    assert split_title(f"{first} {last}, {title}") == (f"{first} {last}", title)


@pytest.mark.parametrize(
    ("name", "address", "expected"),
    [
        ("Anna Svensson", "per.persson@lund.se", True),
        ("Anna Svensson", "anna.svensson@lund.se", False),
        ("Anna Svensson", "as@lund.se", False),
        ("Anna Svensson", "a.svensson2@lund.se", False),
        ("Anna Svensson", "socialtjansten@lund.se", False),
        ("Åsa Öberg", "asa.oberg@malmo.se", False),
        ("Anna", "per.persson@lund.se", False),
    ],
    ids=[
        "another persons first.last",
        "the same person",
        "initials",
        "an initial and a surname",
        "a shared mailbox of one word",
        "swedish letters",
        "a single given name says too little",
    ],
)
def test_an_address_that_spells_someone_else_contradicts_the_name(
    name: str, address: str, expected: bool
) -> None:
    assert contradicts(name, address) is expected


@pytest.mark.parametrize(
    ("name", "address", "expected"),
    [
        ("J\ufffdrgen Persson", "jorgen.persson@huddinge.se", False),
        ("J\ufffd\ufffdrgen Persson", "joergen.persson@huddinge.se", False),
        ("J\ufffdrgen Perss\ufffdn", "per.andersson@huddinge.se", True),
        ("\ufffd\ufffd \ufffd\ufffd\ufffd", "anna.berg@huddinge.se", True),
        ("\ufffdsa \ufffdberg", "asa.oberg@huddinge.se", False),
    ],
)
def test_a_name_with_replacement_characters_is_compared_not_trusted(
    name: str, address: str, expected: bool
) -> None:
    """SPEC §3, precision first: a garbled letter is a wildcard for one or two letters; a name
    with no word left to compare is no evidence for the address beside it."""
    assert contradicts(name, address) is expected


def test_a_name_read_twice_once_garbled_is_one_name() -> None:
    assert same_name("J\ufffdrgen Persson", "Jörgen Persson")
    assert same_name("J\ufffd\ufffdrgen persson", "Jörgen Persson")
    assert not same_name("J\ufffdrgen Persson", "Jonas Persson")
    assert not same_name("Anna Berg", "Anna Bergström")
