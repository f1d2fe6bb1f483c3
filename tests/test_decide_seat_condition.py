"""A registration asked for only if there is a seat (SPEC §3, §5): "Anmäl mig om det finns plats
kvar, annars struntar vi i det". With a free seat it books as any registration; when the actor's
free seats cannot hold everyone it asks for, no one is booked, not on the waitlist either, and
the writer is told why and how to ask for the waitlist. Real mail bytes through `parsing.read`
and `decide`; Huddinge has four seats, Karin Lind has booked two.
"""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest

from mailbot.config import Config
from mailbot.model import Mail
from mailbot.state import MemoryState

from mail_decisions import ON_TIME, mail, outcomes, registered, run, statuses
from support import make_config, render

PER = "per.nord@huddinge.se"


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


def full(config: Config) -> MemoryState:
    """Huddinge's four seats taken: Karin Lind and Anna Berg, then Omar Ali and Eva Ek."""
    state = registered(config)
    body = "Anmäler också:\n\nOmar Ali; omar.ali@huddinge.se\nEva Ek; eva.ek@huddinge.se\n"
    d = run(config, state, mail(body, subject="Anmälan", n=9))
    assert {o for o, _ in outcomes(d)} == {"confirmed"}
    return state


def body_of(sent: Mail, config: Config) -> str:
    raw = render(sent, config, ON_TIME).raw
    part = email.message_from_bytes(raw, policy=email.policy.default).get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def per_writes(body: str, n: int = 1) -> bytes:
    return mail(body, subject="Anmälan", sender=PER, n=n).replace(b"Karin Lind", b"Per Nord")


@pytest.mark.parametrize(
    "body",
    [
        "Hej!\n\nAnmäl mig om det finns plats kvar, annars struntar vi i det.\n\nMvh Per\n",
        "Hej,\n\nJag vill gärna komma i mån av plats.\n\n/Per Nord\n",
        "Hi,\n\nPlease register me if there is still room.\n\nPer\n",
    ],
)
def test_a_registration_only_if_there_is_a_seat_is_asked_about_when_the_actor_is_full(
    config: Config, body: str
) -> None:
    state = full(config)
    d = run(config, state, per_writes(body))
    assert outcomes(d) == [("needs-info", None)]
    assert PER not in statuses(state)
    (reply,) = d.mails
    assert reply.kind == "needs-info" and reply.to == (PER,)


def test_a_registration_only_if_there_is_a_seat_books_when_there_is_one(config: Config) -> None:
    state = registered(config)
    body = "Hej!\n\nAnmäl mig om det finns plats kvar, annars struntar vi i det.\n\nMvh Per\n"
    d = run(config, state, per_writes(body))
    assert outcomes(d) == [("confirmed", PER)]


def test_two_people_asked_for_only_if_there_are_seats_with_one_free_books_neither(
    config: Config,
) -> None:
    state = registered(config)
    run(config, state, mail("Anmäler också Omar Ali; omar.ali@huddinge.se\n", n=8))
    body = (
        "Hej,\n\nOm det finns platser kvar vill vi anmäla:\n\n"
        "Lisa Berg; lisa.berg@huddinge.se\nJonas Ek; jonas.ek@huddinge.se\n"
    )
    d = run(config, state, per_writes(body))
    assert outcomes(d) == [("needs-info", None)]
    assert not {"lisa.berg@huddinge.se", "jonas.ek@huddinge.se"} & set(statuses(state))


def test_a_writer_who_accepts_the_waitlist_is_waitlisted_as_any_other(config: Config) -> None:
    state = full(config)
    body = "Hej!\n\nAnmäl mig om det finns plats kvar, annars gärna på väntelistan.\n\nPer Nord\n"
    d = run(config, state, per_writes(body))
    assert outcomes(d) == [("waitlisted", PER)]


def test_the_question_says_no_one_was_booked_and_shows_how_to_take_the_waitlist(
    config: Config,
) -> None:
    state = full(config)
    body = "Hej!\n\nAnmäl mig om det finns plats kvar, annars struntar vi i det.\n\nMvh Per\n"
    (reply,) = run(config, state, per_writes(body)).mails
    text = body_of(reply, config)
    assert "ingen anmälts, inte heller till väntelistan" in text
    assert "> Anmäl mig om det finns plats kvar" in text
    example = "Anmäl mig, gärna på väntelistan."
    assert example in text
    again = run(config, state, per_writes(f"Hej!\n\n{example}\n\nPer Nord\n", n=2))
    assert outcomes(again) == [("waitlisted", PER)]


def test_a_plain_registration_of_a_full_actor_is_still_waitlisted(config: Config) -> None:
    state = full(config)
    d = run(config, state, per_writes("Hej!\n\nAnmäl mig till seminariet.\n\nPer Nord\n"))
    assert outcomes(d) == [("waitlisted", PER)]
