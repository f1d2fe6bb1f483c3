"""Questions, sealed mail and names that cannot be read whole (SPEC §3, §4, §9, §11): real mail
bytes through `parsing.read` and `decide`.

A question about something else is the organiser's: it books no one, however many of §3's
registering words, names or addresses it holds; a question that asks to register is a
registration. A sealed (encrypted) body is no registration by its subject alone. A question
about one address names that address, in the journal and in the reply.
"""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailbot import parsing
from mailbot.config import Config
from mailbot.decide import Inbound, decide
from mailbot.model import Decision, Mail
from mailbot.state import MemoryState

from support import BOT, ORGANISER, at, make_config, raw_mail, render

ON_TIME = at("2022-09-01 10:00")
SENDER = "karin.lind@huddinge.se"
BOOKINGS = {"confirmed", "waitlisted", "promoted", "substituted", "cancelled", "duplicate"}


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


def run(config: Config, state: MemoryState, raw: bytes) -> Decision:
    decision = decide(Inbound(parsing.read(raw), ON_TIME), state, config, ON_TIME)
    state.upsert(decision.registrations)
    return decision


def mail(body: str, subject: str = "Seminariet", sender: str = SENDER) -> bytes:
    return raw_mail(sender, body, subject=subject, message_id="<q1@x>", display_name="Karin Lind")


def outcomes(d: Decision) -> list[tuple[str, str | None]]:
    return [(o.outcome, o.participant) for o in d.outcomes]


def body_of(sent: Mail, config: Config, raw: bytes) -> str:
    rendered = render(sent, config, ON_TIME, parent=parsing.read(raw)).raw
    parsed = email.message_from_bytes(rendered, policy=email.policy.default)
    part = parsed.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


# --------------------------------------------------------------------------- questions


@pytest.mark.parametrize(
    "body",
    [
        "Hej,\n\nKommer det att finnas fika under eftermiddagen?\n",
        "Hej! Hur tar man sig till platsen enklast från Centralen?\n",
        "Hej!\n\nKan Anna Berg (anna.berg@huddinge.se) vara moderator?\n\nMvh Karin\n",
        "Hi, will the attendance list be published anywhere? Just curious.\n",
    ],
)
def test_a_question_about_something_else_from_an_invited_sender_goes_to_the_organiser(
    config: Config, body: str
) -> None:
    d = run(config, MemoryState(), mail(body, subject="Anmälan"))
    assert outcomes(d) == [("forwarded", None)]
    assert [m.to for m in d.mails] == [(ORGANISER,)]
    assert d.registrations == ()


def test_a_question_from_an_uninvited_sender_is_ignored_unanswered(config: Config) -> None:
    raw = mail("Hej,\n\nKommer det att finnas fika?\n", sender="karin@konsult.example")
    d = run(config, MemoryState(), raw)
    assert [(o.outcome, o.rule) for o in d.outcomes] == [("ignored", "not-a-registration")]
    assert d.mails == ()


def test_a_request_put_as_a_question_books_the_colleague_it_names_not_the_sender(
    config: Config,
) -> None:
    body = "Hej!\n\nGår det bra att anmäla Sara Holm, sara.holm@huddinge.se, till seminariet?\n"
    d = run(config, MemoryState(), mail(body))
    assert outcomes(d) == [("confirmed", "sara.holm@huddinge.se")]


def test_asking_to_register_oneself_and_an_unnamed_colleague_books_the_writer_and_asks(
    config: Config,
) -> None:
    d = run(config, MemoryState(), mail("Hej,\n\nKan jag anmäla mig och en kollega?\n"))
    assert sorted(outcomes(d), key=str) == [("confirmed", SENDER), ("needs-info", None)]
    # one mail tells the writer both: booked, and who the colleague is still wanted (§9)
    [summary] = [m for m in d.mails if m.kind == "summary"]
    assert summary.to == (SENDER,) and summary.context["problems"]


def test_a_seat_asked_for_the_writer_books_the_writer(config: Config) -> None:
    d = run(config, MemoryState(), mail("Hej! Finns det plats för mig på seminariet?\n"))
    assert outcomes(d) == [("confirmed", SENDER)]


_OPENING = st.sampled_from(
    ["Hur", "När", "Vad", "Vilken", "Kommer det att", "Finns det", "Skickas", "How", "Will the"]
)
_WORD = st.sampled_from(
    [
        "anmäla",
        "anmälan",
        "delta",
        "kommer",
        "komma",
        "plats",
        "platsen",
        "registrera",
        "attend",
        "sign up",
        "jag",
        "mig",
        "vi",
        "kollega",
        "Per Ek",
        "per.ek@huddinge.se",
        "Lisa Berg <lisa.berg@huddinge.se>",
        "seminariet",
        "fika",
    ]
)
_QUESTION = st.builds(
    lambda o, w: f"{o} {' '.join(w)}?", _OPENING, st.lists(_WORD, min_size=1, max_size=8)
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    questions=st.lists(_QUESTION, min_size=1, max_size=3),
    subject=st.sampled_from(["Anmälan", "Fråga", "Registration", "Seminariet", "Deltagare"]),
    sender=st.sampled_from([SENDER, "eva@konsult.example"]),
    greeting=st.sampled_from(["", "Hej!\n\n", "Hi Therese,\n\n"]),
)
def test_a_mail_whose_author_text_is_only_questions_that_ask_no_registration_books_no_one(
    tmp_path_factory: pytest.TempPathFactory,
    questions: list[str],
    subject: str,
    sender: str,
    greeting: str,
) -> None:
    """Whatever registering words, names and addresses the questions hold: no booking, no
    participant named, no mail to the sender (the organiser may get it)."""
    config = make_config(tmp_path_factory.mktemp("q"))
    body = greeting + "\n\n".join(questions) + "\n"
    d = run(config, MemoryState(), mail(body, subject=subject, sender=sender))
    assert not [o for o in d.outcomes if o.outcome in BOOKINGS], d.outcomes
    assert all(o.participant is None for o in d.outcomes), d.outcomes
    assert d.registrations == ()
    assert all(m.to == (ORGANISER,) for m in d.mails), [m.to for m in d.mails]


# --------------------------------------------------------------------------- sealed mail


def _pgp_mime(sender: str, subject: str) -> bytes:
    return (
        f"From: Karin Lind <{sender}>\r\nTo: {BOT}\r\nSubject: {subject}\r\n"
        "Message-ID: <sealed@x>\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; '
        'boundary="b1"\r\n\r\n--b1\r\nContent-Type: application/pgp-encrypted\r\n\r\n'
        'Version: 1\r\n--b1\r\nContent-Type: application/octet-stream; name="encrypted.asc"'
        "\r\n\r\n-----BEGIN PGP MESSAGE-----\r\n\r\nhQEMA8Yx3wZ0aW5nAQf/abc\r\n"
        "-----END PGP MESSAGE-----\r\n--b1--\r\n"
    ).encode()


def test_a_sealed_mail_under_a_registering_subject_goes_to_the_organiser_unbooked(
    config: Config,
) -> None:
    d = run(config, MemoryState(), _pgp_mime(SENDER, "Anmälan"))
    assert outcomes(d) == [("forwarded", None)]
    assert [m.to for m in d.mails] == [(ORGANISER,)]


def test_a_sealed_mail_from_an_uninvited_sender_is_ignored_unanswered(config: Config) -> None:
    d = run(config, MemoryState(), _pgp_mime("eva@konsult.example", "Anmälan"))
    assert [(o.outcome, o.rule) for o in d.outcomes] == [("ignored", "not-a-registration")]
    assert d.mails == ()


def test_an_inline_pgp_message_is_sealed_too() -> None:
    raw = mail("-----BEGIN PGP MESSAGE-----\n\nhQEMA8Yx3wZ0aW5n\n-----END PGP MESSAGE-----\n")
    assert not parsing.read(raw).registering


# --------------------------------------------------------------------------- §11: which address


def test_an_address_written_with_two_names_is_asked_about_by_its_address(config: Config) -> None:
    body = (
        "Hej,\n\nNamn: Per Ek\nE-post: per.ek@huddinge.se\n\n"
        "Namn: Pia Ekström\nE-post: per.ek@huddinge.se\n"
    )
    raw = mail(body, subject="Anmälan")
    d = run(config, MemoryState(), raw)
    assert outcomes(d) == [("needs-info", "per.ek@huddinge.se")]
    [asked] = [m for m in d.mails if m.kind == "needs-info"]
    assert "per.ek@huddinge.se" in body_of(asked, config, raw).split("kunde inte läsas")[0]


def test_a_garbled_name_beside_someone_elses_address_is_asked_about_not_booked(
    config: Config,
) -> None:
    body = "Hej,\n\nNamn: J\ufffdrgen Persson\nE-post: per.andersson@huddinge.se\n"
    d = run(config, MemoryState(), mail(body, subject="Anmälan"))
    assert outcomes(d) == [("needs-info", "per.andersson@huddinge.se")]
    assert d.registrations == ()


def test_a_garbled_name_beside_its_own_address_is_booked(config: Config) -> None:
    body = "Hej,\n\nNamn: J\ufffdrgen Persson\nE-post: jorgen.persson@huddinge.se\n"
    d = run(config, MemoryState(), mail(body, subject="Anmälan"))
    assert outcomes(d) == [("confirmed", "jorgen.persson@huddinge.se")]
