"""Subjects and display names keep every space when a long non-ASCII header is folded (SPEC §9).

Each test decodes what is sent: the rendered bytes are parsed back with `email.policy.default`
and compared with what went in. Python 3.11's own folder turned "relationer – stöd" into
"relationer –stöd" (the space fell between two encoded-words, where decoders drop it).
"""

from __future__ import annotations

import dataclasses
import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailbot import replies
from mailbot.config import Config
from mailbot.model import Mail

from support import at, make_config, render
from support import email as parsed

NOW = at("2022-09-01 10:00")
LONG_TITLE = "Våld i nära relationer – stöd till våldsutsatta och deras barn i Stockholms län"

# Swedish words as people write them, with the punctuation and dashes that go between them.
SWEDISH = st.sampled_from(
    [
        "Våld",
        "i",
        "nära",
        "relationer",
        "–",
        "stöd",
        "till",
        "våldsutsatta",
        "Bekräftelse:",
        "Länsstyrelsen",
        "Östergötland",
        "för",
        "äldre",
        "barn",
        "och",
        "Åsa",
        "Öberg",
        "Ängelholms",
        "kommun,",
        "socialförvaltningen",
        "(SoL)",
        "—",
        "«citat»",
        "Ørsted",
        "ÅÄÖåäö",
        "fråga?",
        "stad",
        "=?",
        '"Karin"',
    ]
)
SWEDISH_TEXT = st.lists(SWEDISH, min_size=1, max_size=40).map(" ".join)


def wire(raw: bytes) -> EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)


def head(subject: str, to_name: str) -> bytes:
    msg = EmailMessage(policy=replies.POLICY)
    msg["To"] = [replies._address("anna.svensson@huddinge.se", to_name)]
    msg["Cc"] = [replies._address("karin@huddinge.se", "Karin Lind")]
    msg["Subject"] = replies.clean_header(subject)  # as `render` does
    return b"".join(replies.POLICY.fold_binary(n, v) for n, v in msg.raw_items()) + b"\r\n"


def lines_are_short(raw: bytes) -> bool:
    """RFC 5322's hard limit holds (encoded-words cannot be broken, so 78 is advisory)."""
    return all(len(line) <= 998 for line in raw.split(b"\r\n"))


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


def test_a_long_swedish_subject_keeps_the_space_around_the_dash(config: Config) -> None:
    seminar = dataclasses.replace(config.seminars[0], title=LONG_TITLE)
    config = dataclasses.replace(config, seminars=(seminar, *config.seminars[1:]))
    participant = {
        "name": "Åsa Öberg",
        "email": "asa@huddinge.se",
        "title": None,
        "organisation": None,
    }
    mail = Mail(
        "confirmed",
        ("asa@huddinge.se",),
        "sv",
        context={
            "participant": participant,
            "seminar": seminar.id,
            "actor": "Huddinge kommun",
            "status": "confirmed",
            "registered_by": "karin@huddinge.se",
        },
    )
    sent = wire(render(mail, config, NOW, parent=parsed()).raw)
    assert sent["Subject"] == f"Bekräftelse: {LONG_TITLE}"


def test_a_long_display_name_keeps_every_space_in_the_to_header() -> None:
    name = "Övergripande samordnare för våld i nära relationer – Stockholms stad, Östermalm"
    sent = wire(head("Hej", name))
    (to,) = sent["To"].addresses
    assert (to.display_name, to.addr_spec) == (name, "anna.svensson@huddinge.se")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(subject=SWEDISH_TEXT, name=SWEDISH_TEXT)
def test_swedish_subjects_and_display_names_decode_to_what_was_written(
    subject: str, name: str
) -> None:
    raw = head(subject, name)
    sent = wire(raw)
    assert str(sent["Subject"]) == replies.clean_header(subject)
    (to,) = sent["To"].addresses
    assert to.display_name == replies.clean_header(name)
    assert to.addr_spec == "anna.svensson@huddinge.se"
    assert [a.addr_spec for a in sent["Cc"].addresses] == ["karin@huddinge.se"]
    assert lines_are_short(raw) and raw.isascii()


def test_an_ascii_subject_is_folded_as_before() -> None:
    subject = "Registration confirmed: " + "very long seminar title " * 4
    raw = head(subject.strip(), "Anna Svensson")
    assert b"=?" not in raw
    assert str(wire(raw)["Subject"]) == subject.strip()
