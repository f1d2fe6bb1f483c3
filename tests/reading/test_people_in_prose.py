"""A person written in a sentence is a participant only when the text registers them (SPEC §3,
§10; `reading.message.registered_in_prose`): an out-of-office's colleague, a contact person or a
name in a thank-you is no one to book; a registration in prose still books whom it names."""

from __future__ import annotations

import pytest

from mailbot.reading.html import Rendered
from mailbot.reading.message import AUTO_REPLY_SUBJECT, read_text


def _read(subject: str, *lines: str) -> list[str | None]:
    read = read_text(
        Rendered(("Hej!", "", *lines, "", "Med vänlig hälsning", "Anna Lindqvist")),
        subject,
        sender_name="Anna Lindqvist",
        sender_address="anna.lindqvist@huddinge.se",
    )
    assert read.people.unread == ()
    return [p.email for p in read.people.people]


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        (
            "Autosvar: Inbjudan till seminarium – anmälan senast 1 september",
            "Jag är på semester till och med den 28 augusti. Vid brådskande ärenden kontakta min "
            "kollega Per Nord, per.nord@huddinge.se, 08-535 300 00.",
        ),
        (
            "Out of Office: Registration",
            "I am out of the office until Monday. For urgent matters please contact my colleague "
            "Per Nord (per.nord@huddinge.se).",
        ),
        (
            "Anmälan",
            "Jag anmäler mig till seminariet. Vid frågor kontakta min kollega Per Nord, "
            "per.nord@huddinge.se.",
        ),
        (
            "Seminariet",
            "Tack för inbjudan, jag har vidarebefordrat den till Per Nord (per.nord@huddinge.se).",
        ),
    ],
)
def test_a_person_named_in_a_sentence_that_registers_no_one_is_not_read_as_a_participant(
    subject: str, text: str
) -> None:
    assert "per.nord@huddinge.se" not in _read(subject, text)


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        (
            "Seminarium",
            "Från oss kommer Elin Sjögren (elin.sjogren@huddinge.se) och Per Nord (per.nord@huddinge.se).",
        ),
        ("Anmälan", "Per Nord (per.nord@huddinge.se) från socialtjänsten."),
        ("Seminariet", "Jag vill anmäla min kollega Per Nord, per.nord@huddinge.se."),
        ("Seminariet", "Jag kan inte, Per Nord (per.nord@huddinge.se) går i stället."),
        ("Seminariet", "Jag har en fråga men anmäler härmed Per Nord (per.nord@huddinge.se)."),
        (
            "Anmälan",
            "Jag anmäler Lisa Ring (lisa.ring@huddinge.se) och Per Nord (per.nord@huddinge.se).",
        ),
        ("Anmälan", "Jag anmäler vår ansvarige samordnare Per Nord, per.nord@huddinge.se."),
    ],
)
def test_a_person_the_text_registers_in_a_sentence_is_still_read(subject: str, text: str) -> None:
    assert "per.nord@huddinge.se" in _read(subject, text)


@pytest.mark.parametrize(
    "subject",
    [
        "Autosvar: Bekräftelse",
        "Automatiskt svar: Anmälan",
        "Automatic reply: Registration",
        "Out of Office: Anmälan",
        "Frånvaromeddelande",
        "Frånvaro: Inbjudan",
    ],
)
def test_an_auto_reply_subject_is_known_as_one(subject: str) -> None:
    assert AUTO_REPLY_SUBJECT.match(subject)


@pytest.mark.parametrize("subject", ["Anmälan", "Re: Anmälan", "Frånvarande deltagare byts ut"])
def test_an_ordinary_subject_is_no_auto_reply(subject: str) -> None:
    assert not AUTO_REPLY_SUBJECT.match(subject)


def test_the_registering_word_of_an_auto_replys_subject_is_not_its_writers() -> None:
    """The subject after "Autosvar:" is the invitation's: it does not make the
    out-of-office a registration of its sender."""
    read = read_text(
        Rendered(("Jag är på semester till och med den 28 augusti.",)),
        "Autosvar: Inbjudan – anmälan senast 1 september",
        sender_name="Anna Lindqvist",
        sender_address="anna.lindqvist@huddinge.se",
    )
    assert not read.people.registering


def test_an_address_given_in_the_next_sentence_belongs_to_the_newcomer_the_swap_names() -> None:
    # "Hans adress är …" carries the address; the sentence that swaps Per in is the one before.
    assert _read(
        "Ändring deltagare",
        "Anna Berg kan inte komma, Per Nord kommer i stället för henne. "
        "Hans adress är per.nord@huddinge.se.",
    ) == ["per.nord@huddinge.se"]


def test_an_address_given_in_the_next_sentence_to_a_contact_person_books_no_one() -> None:
    assert (
        _read(
            "Autosvar: Anmälan",
            "Jag är ledig. Vid frågor kontakta min kollega Per Nord. Hans adress är per.nord@huddinge.se.",
        )
        == []
    )
