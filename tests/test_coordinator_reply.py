"""What the sender is told (SPEC §9): the coordinator's whole picture in one reply, a needs-info
reply that quotes the line it could not use and shows how to write it, a greeting by the name
as it should be read. Decided as values, then rendered and decoded as the recipient reads it."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest

from mailbot.config import Config
from mailbot.decide import Inbound, decide
from mailbot.model import Decision, Mail
from mailbot.parsing import Email, ParticipantBlock
from mailbot.state import MemoryState

from support import at, make_config, person, render
from support import email as message

ON_TIME = at("2022-09-01 10:00")
COORDINATOR = "karin.lind@huddinge.se"


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


def decided(config: Config, state: MemoryState, msg: Email) -> Decision:
    d = decide(Inbound(msg, ON_TIME), state, config, ON_TIME)
    state.upsert(d.registrations)
    return d


def body_of(mail: Mail, config: Config) -> str:
    raw = render(mail, config, ON_TIME, parent=message()).raw
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    part = parsed.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def six_people_one_without_address() -> tuple[ParticipantBlock, ...]:
    people = tuple(person(f"Person {i}", f"p{i}@huddinge.se") for i in range(1, 6))
    return (*people, person("Utan Adress", None))


def test_the_sender_of_a_message_about_several_people_gets_the_whole_picture_in_one_place(
    config: Config,
) -> None:
    state = MemoryState()
    decided(config, state, message(participants=(person("Person 1", "p1@huddinge.se"),)))
    d = decided(
        config, state, message(message_id="<m2@x>", participants=six_people_one_without_address())
    )
    to_sender = [m for m in d.mails if m.to == (COORDINATOR,)]
    assert [m.kind for m in to_sender] == ["summary"]
    body = body_of(to_sender[0], config)
    booked, rest = body.split("Anmälda:")[1].split("På väntelistan:")
    assert all(f"Person {i} <p{i}@huddinge.se>: bekräftad" in booked for i in (2, 3, 4))
    waiting, rest = rest.split("Inte anmälda:")
    assert "Person 5 <p5@huddinge.se>: väntelista" in waiting
    assert "Person 1 <p1@huddinge.se>: redan anmäld" in rest
    assert "Vi har läst namnet Utan Adress, men ingen e-postadress" in rest
    assert "Utan Adress; fornamn.efternamn@exempel.se" in rest


def test_confirmations_still_go_to_each_participant_with_the_coordinator_in_cc(
    config: Config,
) -> None:
    people = tuple(person(f"Person {i}", f"p{i}@huddinge.se") for i in range(1, 3))
    d = decided(config, MemoryState(), message(participants=people))
    confirmations = [m for m in d.mails if m.kind == "confirmed"]
    assert [(m.to, m.cc) for m in confirmations] == [
        (("p1@huddinge.se",), (COORDINATOR,)),
        (("p2@huddinge.se",), (COORDINATOR,)),
    ]
    assert [m.kind for m in d.mails if m.to == (COORDINATOR,)] == ["summary"]


def test_a_message_about_one_person_gets_no_summary(config: Config) -> None:
    d = decided(config, MemoryState(), message(participants=(person("Åsa", "asa@huddinge.se"),)))
    assert [m.kind for m in d.mails] == ["confirmed"]


def test_a_needs_info_reply_quotes_the_line_it_could_not_use_and_shows_how_to_write_it(
    config: Config,
) -> None:
    problem = {
        "kind": "missing-email",
        "index": 2,
        "name": "Kalle Karlsson",
        "email": None,
        "line": "2. Kalle Karlsson, socialsekreterare",
    }
    sv = body_of(Mail("needs-info", (COORDINATOR,), "sv", context={"problems": [problem]}), config)
    assert "Vi har läst namnet Kalle Karlsson, men ingen e-postadress" in sv
    assert "> 2. Kalle Karlsson, socialsekreterare" in sv
    assert "Kalle Karlsson; fornamn.efternamn@exempel.se" in sv
    en = body_of(Mail("needs-info", (COORDINATOR,), "en", context={"problems": [problem]}), config)
    assert "We read the name Kalle Karlsson, but no email address" in en
    assert "> 2. Kalle Karlsson, socialsekreterare" in en
    assert "Kalle Karlsson; first.last@example.org" in en


@pytest.mark.parametrize(
    "kind",
    [
        "missing-name",
        "missing-email",
        "invalid-email",
        "unknown-seminar",
        "not-registered",
        "unread",
        "name-not-matched",
        "substitute-unclear",
        "cancel-unclear",
        "attachment-refused",
        "no-participant-read",
        "seat-condition",
    ],
)
@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_kind_of_question_renders_with_its_quoted_line(
    config: Config, kind: str, language: str
) -> None:
    problem = {"kind": kind, "name": "Lisa Berg", "email": "lisa@huddinge.se", "line": "Lisa B"}
    problem |= {"seminar": "2022-13-40", "why": "no address", "error": "bad"}
    body = body_of(
        Mail("needs-info", (COORDINATOR,), language, context={"problems": [problem]}), config
    )
    assert "> Lisa B" in body


def test_the_greeting_uses_the_name_as_it_should_be_read(config: Config) -> None:
    people = tuple(person(f"Person {i}", f"p{i}@huddinge.se") for i in range(1, 3))
    msg = message(
        sender="johan.persson@huddinge.se", display_name="Persson Johan", participants=people
    )
    d = decided(config, MemoryState(), msg)
    (summary,) = [m for m in d.mails if m.kind == "summary"]
    assert body_of(summary, config).startswith("Hej Johan Persson!")


@pytest.mark.parametrize(
    ("name", "address", "greeting"),
    [
        ("Persson Johan", "johan.persson@huddinge.se", "Hej Johan Persson!"),
        ("Anna Svensson, socialsekreterare", "anna.svensson@huddinge.se", "Hej Anna Svensson!"),
        ("Åsa Öberg", "asa@huddinge.se", "Hej Åsa Öberg!"),
    ],
)
def test_a_confirmation_greets_the_participant_by_the_name_as_it_should_be_read(
    config: Config, name: str, address: str, greeting: str
) -> None:
    participant = {"name": name, "email": address, "title": "", "organisation": ""}
    context = {
        "participant": participant,
        "seminar": "2022-09-14",
        "actor": "Huddinge kommun",
        "status": "confirmed",
        "registered_by": COORDINATOR,
    }
    mail = Mail("confirmed", (address,), "sv", cc=(COORDINATOR,), context=context)
    assert body_of(mail, config).startswith(greeting)
