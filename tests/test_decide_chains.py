"""The decision's two rule tables and its one booking rule (SPEC §4.4, §5, §10), as pure values.

`decide` walks `rules.MESSAGE_RULES` (the reply cap among them) and, per participant,
`register.PARTICIPANT_RULES`; seats are given by `booking.book` alone. These tests hold the seams
between them: what a rule that runs after the draft (the reply cap) does to what an earlier one
promised, and the seat rule over any number of people already booked.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailbot.config import Config
from mailbot.decide import Inbound, decide, token_hash
from mailbot.decide.rules import MESSAGE_RULES
from mailbot.model import Decision
from mailbot.state import MemoryState, Registration

from support import ORGANISER, SMALL_CONFIG, at, email, make_config, person

ON_TIME = at("2022-09-01 10:00")
SENDER = "karin.lind@huddinge.se"
TOKEN = "A" * 22


def confirming_config(tmp_path: Path) -> Config:
    """Senders must authenticate; an unauthenticated one is held and mailed a token."""
    text = SMALL_CONFIG.replace(
        "[security]\n",
        '[security]\ntrusted_authserv_ids = ["mx.lansstyrelsen.example"]\n'
        'unauthenticated = "confirm"\n',
    )
    return make_config(tmp_path, text)


def held(config: Config, state: MemoryState) -> Decision:
    message = email(sender=SENDER, participants=(person("Åsa Öberg", "asa@huddinge.se"),))
    return decide(Inbound(message, ON_TIME, token=TOKEN), state, config, ON_TIME)


def rules_of(decision: Decision) -> list[tuple[str, str]]:
    return [(o.outcome, o.rule) for o in decision.outcomes]


def test_a_held_message_mails_its_sender_one_token_and_keeps_only_its_hash(tmp_path: Path) -> None:
    d = held(confirming_config(tmp_path), MemoryState())

    assert rules_of(d) == [("needs-info", "confirm-sender")]
    assert [(m.kind, m.to) for m in d.mails] == [("confirm-sender", (SENDER,))]
    assert d.hold is not None and d.hold.token_hash == token_hash(TOKEN)
    assert [a.kind for a in d.alerts] == ["confirm-sender"]
    assert d.registrations == ()


def test_a_held_message_over_the_reply_cap_mails_no_token_and_promises_none(tmp_path: Path) -> None:
    state = MemoryState(sent=[(SENDER, ON_TIME - dt.timedelta(minutes=5))] * 10)

    d = held(confirming_config(tmp_path), state)

    assert rules_of(d) == [("needs-info", "confirm-sender"), ("ignored", "reply-cap")]
    assert [(m.kind, m.to) for m in d.mails] == [("alert-reply-cap", (ORGANISER,))]
    assert d.hold is not None and d.hold.token_hash is None  # no token went out
    assert [a.kind for a in d.alerts] == ["reply-cap"]


def test_the_reply_cap_is_the_last_rule_and_runs_only_on_a_drafted_reply() -> None:
    assert [r.name for r in MESSAGE_RULES][-1] == "reply-cap"
    stages = [(r.stage, r.name) for r in MESSAGE_RULES if r.stage == "reply"]
    assert stages == [("reply", "coordinator-summary"), ("reply", "reply-cap")]
    assert len({r.name for r in MESSAGE_RULES}) == len(MESSAGE_RULES)


def booked(i: int) -> Registration:
    return Registration(
        seminar="2022-09-14",
        email=f"earlier{i}@huddinge.se",
        name=f"Earlier {i}",
        actor="Huddinge kommun",
        status="confirmed",
        registered_at=ON_TIME - dt.timedelta(days=1),
        registered_by=SENDER,
    )


@settings(max_examples=40, deadline=None)
@given(already=st.integers(min_value=0, max_value=6), asking=st.integers(1, 7))
def test_people_get_the_seats_left_in_order_and_the_rest_wait(
    tmp_path_factory: pytest.TempPathFactory, already: int, asking: int
) -> None:
    config = make_config(tmp_path_factory.mktemp("event"))
    seats = 4  # Huddinge kommun, a `kommun`
    state = MemoryState(registrations=[booked(i) for i in range(already)])
    people = tuple(person(f"P {i}", f"p{i}@huddinge.se") for i in range(asking))

    d = decide(Inbound(email(participants=people), ON_TIME), state, config, ON_TIME)

    free = max(0, seats - already)
    expected = ["confirmed"] * min(free, asking) + ["waitlisted"] * (asking - min(free, asking))
    assert [o.outcome for o in d.outcomes] == expected
    assert [r.status for r in d.registrations] == expected
    waiting = [r for r in d.registrations if r.status == "waitlisted"]
    assert all(r.confirmed_at is None for r in waiting)
