"""People named around addresses in sentences (reading.prose, SPEC §3)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from people_strategies import people as named_people

from mailbot.reading.found import Found, Unread
from mailbot.reading.prose import prose


def found(text: str) -> list[tuple[str | None, str | None]]:
    return [(r.name, r.email) for r in prose(text.splitlines()) if isinstance(r, Found)]


def unread(text: str) -> list[tuple[str, str | None]]:
    return [(str(r.why), r.name) for r in prose(text.splitlines()) if isinstance(r, Unread)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Jag vill anmäla mig själv och min kollega Kalle Karlsson (kalle.karlsson@lund.se).",
            [("Kalle Karlsson", "kalle.karlsson@lund.se")],
        ),
        (
            "Kalle Karlsson, kalle.karlsson@lund.se, kommer också.",
            [("Kalle Karlsson", "kalle.karlsson@lund.se")],
        ),
        (
            "Please register my colleague Jane Doe – jane.doe@example.org",
            [("Jane Doe", "jane.doe@example.org")],
        ),
        (
            "Vi anmäler Anna Svensson (anna@lund.se) och Per Persson (per@lund.se) till seminariet.",
            [("Anna Svensson", "anna@lund.se"), ("Per Persson", "per@lund.se")],
        ),
        (
            "Jag vill anmäla\nmin kollega Kalle\nKarlsson (kalle@lund.se).",
            [("Kalle Karlsson", "kalle@lund.se")],
        ),
        (
            "Anmäl gärna kalle@lund.se (Kalle Karlsson) också.",
            [("Kalle Karlsson", "kalle@lund.se")],
        ),
        ("Kalle (kalle@lund.se) kommer med.", [("Kalle", "kalle@lund.se")]),
        (
            "Jag vill anmäla kalle.karlsson@lund.se till seminariet.",
            [(None, "kalle.karlsson@lund.se")],
        ),
        (
            "I would like to sign up John Smith at john.smith@example.org as well.",
            [("John Smith", "john.smith@example.org")],
        ),
    ],
    ids=[
        "a colleague with the address in parentheses",
        "a name with its address between commas",
        "an english colleague after a dash",
        "two people each with their own address",
        "a sentence wrapped over lines",
        "a name in parentheses after the address",
        "a single given name the address spells",
        "an address alone in a sentence about registering",
        "an address after the word at",
    ],
)
def test_an_address_belongs_to_the_name_written_next_to_it(
    text: str, expected: list[tuple[str | None, str]]
) -> None:
    assert found(text) == expected


def test_a_name_after_a_word_of_registering_without_an_address_is_unread() -> None:
    assert unread("Jag anmäler min kollega Lisa Berg och Omar Ali.") == [
        ("no address", "Lisa Berg"),
        ("no address", "Omar Ali"),
    ]
    assert unread("Please register my colleague Jane Doe.") == [("no address", "Jane Doe")]


def test_two_addresses_written_together_after_two_names_are_not_paired_by_guessing() -> None:
    text = "Jag vill anmäla Anna Svensson och Per Persson (anna@lund.se, per@lund.se)."
    assert found(text) == []
    assert ("cannot tell whose address is whose", None) in unread(text)


def test_a_name_of_one_word_that_the_address_does_not_spell_is_not_taken() -> None:
    assert found("Vi anmäler Kalle (lisa.berg@lund.se).") == [(None, "lisa.berg@lund.se")]


def test_the_writers_own_contact_address_is_no_participant() -> None:
    assert prose(["Har ni frågor kan ni mejla mig på kim.berg@lund.se."]) == []
    assert prose(["If you have questions, contact me at kim@example.org"]) == []


def test_an_address_without_a_name_in_an_unrelated_sentence_is_unread() -> None:
    assert unread("Lokalen är bokad via lokal@lund.se") == [("an address without a name", None)]


def test_lines_that_other_readers_read_are_left_to_them() -> None:
    lines = [
        "Namn: Anna Svensson",
        "E-post: anna@lund.se",
        "1. Per Persson, per@lund.se",
        "Lisa Berg <lisa@lund.se>",
    ]
    assert prose(lines) == []


def test_every_found_carries_its_sentence_and_the_prose_source() -> None:
    (read,) = prose(["Hej!", "", "Kalle Karlsson, kalle@lund.se, kommer också. Tack!"])
    assert read.source == "prose"
    assert read.line == "Kalle Karlsson, kalle@lund.se, kommer också."


_form = st.sampled_from(["{n} ({a})", "{n}, {a},", "{n} – {a}", "{n} <{a}>", "{n} på {a}"])


@given(named_people(1, 4), _form)
def test_each_address_in_a_sentence_goes_to_its_own_name_and_no_other(
    pairs: list[tuple[str, str]], form: str
) -> None:
    sentence = (
        "Jag vill anmäla "
        + " och ".join(form.format(n=n, a=a) for n, a in pairs)
        + " till seminariet."
    )
    read = [r for r in prose([sentence]) if isinstance(r, Found)]
    assert [r.email for r in read] == [a for _, a in pairs]
    for r, (name, _) in zip(read, pairs, strict=True):
        assert r.name in (name, None)


@given(st.text(max_size=400))
def test_prose_never_invents_an_address(text: str) -> None:
    for read in prose(text.splitlines()):
        if isinstance(read, Found):
            assert read.email is not None and read.email in text
        assert read == read  # values, comparable
    assert prose(text.splitlines()) == prose(text.splitlines())


def test_an_address_alone_after_my_colleague_is_found_without_a_name() -> None:
    assert found("Please register my colleague jane.doe@example.org too.") == [
        (None, "jane.doe@example.org")
    ]


def test_an_address_alone_in_a_sentence_that_also_gives_a_contact_is_asked_about() -> None:
    assert unread("Jag anmäler två, svara gärna till kim@lund.se") == [
        ("an address without a name", None)
    ]
