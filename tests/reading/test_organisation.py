"""Organisation evidence for shared domains (reading.organisation, SPEC §4.3)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailbot.reading.organisation import Evidence, organisation_evidence


def texts(
    subject: str = "",
    lines: tuple[str, ...] = (),
    signature: tuple[str, ...] = (),
    sender: str | None = None,
) -> list[str]:
    return [e.text for e in organisation_evidence(subject, lines, signature, sender)]


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Anmälan från Rinkeby-Kista stadsdelsförvaltning", "Rinkeby-Kista stadsdelsförvaltning"),
        ("SV: Anmälan – Polisen Järva", "Polisen Järva"),
        ("Anmälan Lokalpolisområde Järva", "Lokalpolisområde Järva"),
        ("Registration from Lund Municipality", "Lund Municipality"),
    ],
)
def test_the_organisation_written_in_the_subject_is_evidence(subject: str, expected: str) -> None:
    read = organisation_evidence(subject, [])
    assert read[0] == Evidence(expected, "subject", subject)


def test_the_whole_subject_is_evidence_too_for_an_alias_standing_in_it() -> None:
    assert "Anmälan Järva" in texts("VB: Anmälan Järva")


@pytest.mark.parametrize(
    "sentence",
    [
        "Jag jobbar på Rinkeby-Kista stadsdelsförvaltning och vill anmäla två.",
        "Vi är två från lokalpolisområde Järva som vill komma.",
        "Polisen Järva anmäler följande.",
        "Socialförvaltningen i Lund anmäler två.",
    ],
)
def test_an_organisation_in_a_sentence_is_evidence(sentence: str) -> None:
    found = organisation_evidence("", [sentence])
    assert found and all(e.where == "prose" for e in found)
    assert any(e.text.casefold() in sentence.casefold() and len(e.text.split()) >= 2 for e in found)


def test_the_signature_names_the_organisation_and_not_the_sender_or_their_phone() -> None:
    signature = (
        "Med vänliga hälsningar",
        "Kim Berg",
        "Samordnare",
        "Lokalpolisområde Järva",
        "Tel: 010-123 45 67",
        "kim.berg@polisen.se",
        "www.polisen.se",
        "123 45 Stockholm",
    )
    assert texts(signature=signature, sender="Kim Berg") == ["Lokalpolisområde Järva", "Samordnare"]


def test_evidence_comes_strongest_first_key_subject_signature_prose() -> None:
    found = organisation_evidence(
        "Anmälan Polisen Syd",
        ["Organisation: Polisen Järva", "Vi på Polisen Nord vill komma."],
        ["Polisen Öst"],
    )
    assert [e.where for e in found] == ["key", "subject", "subject", "signature", "prose"]
    assert found[0].text == "Polisen Järva"


def test_the_same_organisation_written_twice_is_evidence_once_where_it_is_strongest() -> None:
    found = organisation_evidence("Anmälan Polisen Järva", ["Vi från Polisen Järva kommer."])
    assert [e.text for e in found].count("Polisen Järva") == 1
    assert found[0].where == "subject"


def test_a_mail_that_names_no_organisation_gives_no_prose_evidence() -> None:
    assert (
        organisation_evidence("", ["Hej!", "Vi kommer gärna två personer.", "Tack på förhand"])
        == ()
    )


@given(st.text(max_size=200), st.text(max_size=60))
def test_evidence_is_always_text_written_in_the_message(text: str, subject: str) -> None:
    lines = text.splitlines()
    for evidence in organisation_evidence(subject, lines, lines):
        assert (
            evidence.text.casefold()
            in (subject + "\n" + " ".join(" ".join(lines).split())).casefold()
            or evidence.where == "key"
            or evidence.text in text
        )


def test_client_footers_valedictions_and_the_senders_first_name_alone_are_no_organisation() -> None:
    signature = (
        "Hälsningar Per",
        "/Eva",
        "Skickat från min iPhone",
        "Get Outlook for iOS",
        "Maria",
        "Göteborgs Stad",
    )
    assert texts(signature=signature, sender="Maria Lind") == ["Göteborgs Stad"]
