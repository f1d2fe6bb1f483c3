"""Cancelling words a careful organiser would not act on, through `parsing.read` and `decide`
(SPEC §3 precision first, §5, §10): nobody is cancelled, swapped or booked, and a booked writer
who says they come is not told that registration is closed. The mails are the corpus's
`adv-*` cases (tests/corpus/cases_adversary.py) in short."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailbot import parsing
from mailbot.config import Config
from mailbot.decide import Inbound, decide
from mailbot.model import Decision
from mailbot.state import MemoryState

from support import at, make_config, raw_mail

ON_TIME = at("2022-09-01 10:00")
LATE = at("2022-09-06 10:00")  # after the deadline, before the seminar
SENDER = "karin.lind@huddinge.se"
ANNA = "anna.berg@huddinge.se"
CHANGED = {"cancelled", "substituted", "confirmed", "waitlisted", "promoted"}


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


def run(config: Config, state: MemoryState, raw: bytes, when: object = ON_TIME) -> Decision:
    decision = decide(Inbound(parsing.read(raw), when), state, config, when)  # type: ignore[arg-type]
    state.upsert(decision.registrations)
    return decision


def mail(body: str, n: int, subject: str = "Seminariet") -> bytes:
    return raw_mail(
        SENDER, body, subject=subject, message_id=f"<d{n}@x>", display_name="Karin Lind"
    )


def registered(config: Config) -> MemoryState:
    state = MemoryState()
    body = f"Hej,\n\nNamn: Karin Lind\nE-post: {SENDER}\n\nNamn: Anna Berg\nE-post: {ANNA}\n"
    run(config, state, mail(body, 0, subject="Anmälan"))
    return state


@pytest.mark.parametrize(
    "sentence",
    [
        "Jag har inte för avsikt att dra tillbaka min anmälan, finns det parkering?",
        "Om jag inte kan komma hör jag av mig senast på tisdag.",
        "Jag deltar inte i förmiddagens nätverksmöte men kommer på eftermiddagen.",
        "Jag hinner tyvärr inte delta hela eftermiddagen, jag måste gå kl. 15.",
        "Jag är förhindrad den 13:e, men som anmäld kommer jag den 14:e.",
        "Kan ni ta bort mig som kontaktperson? Maria tar över samordningen.",
        "If it turns out I won't be attending, I will let you know by Friday.",
        "I won't be attending the lunch beforehand, but I'll be there for the seminar.",
        "There is no need to remove me from the list after all.",
        "I may be needed in court. If so, Jon Berg (jon.berg@huddinge.se) will take my place.",
        "Om jag blir sjuk tar Jon Berg (jon.berg@huddinge.se) min plats.",
    ],
)
@pytest.mark.parametrize("when", [ON_TIME, LATE])
def test_a_doubted_cancelling_sentence_changes_no_booking(
    config: Config, sentence: str, when: object
) -> None:
    state = registered(config)
    d = run(config, state, mail(f"Hej,\n\n{sentence}\n\nMvh Karin\n", 1), when)
    assert not [o for o in d.outcomes if o.outcome in CHANGED]
    assert {r.email: r.status for r in state.registrations} == {
        SENDER: "confirmed",
        ANNA: "confirmed",
    }


def test_a_booked_writer_who_says_they_come_after_the_deadline_hears_already_registered(
    config: Config,
) -> None:
    state = registered(config)
    d = run(
        config, state, mail("Hej,\n\nJag kommer som planerat den 14:e.\n\nMvh Karin\n", 1), LATE
    )
    assert [o.outcome for o in d.outcomes] != ["rejected-closed"]
    assert "rejected-closed" not in {o.outcome for o in d.outcomes}
