"""Two rules no other test pins exactly (SPEC §5, §10): the reply cap's boundary, and a colleague
of the same actor cancelling someone another colleague registered."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_decide import ON_TIME, kinds, run

from mailbot.config import Config
from mailbot.model import Decision, Mail
from mailbot.parsing import Email
from mailbot.state import MemoryState

from support import ORGANISER, at, email, make_config, person, present


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


def _one_registration(n: int, minutes: int = 0) -> tuple[Email, dt.datetime]:
    """A message registering one new person, `minutes` after the first."""
    message = email(message_id=f"<m{n}@x>", participants=(person(f"P{n}", f"p{n}@huddinge.se"),))
    return message, ON_TIME + dt.timedelta(minutes=minutes)


def _replies_to_sender(decision: Decision) -> list[Mail]:
    return [m for m in decision.mails if m.to != (ORGANISER,)]


def test_the_nth_reply_within_the_hour_is_sent_and_the_next_is_held(config: Config) -> None:
    cap = config.security.max_replies_per_sender_per_hour
    state = MemoryState()
    for n in range(1, cap + 1):  # the cap's worth of replies, all within the hour
        message, received = _one_registration(n, minutes=n)
        d = run(config, state, message, received)
        assert len(_replies_to_sender(d)) == 1, f"reply {n} of {cap} is sent"
        assert "ignored" not in kinds(d)
    message, received = _one_registration(cap + 1, minutes=cap + 1)
    d = run(config, state, message, received)
    assert _replies_to_sender(d) == []
    assert ("ignored", "reply-cap") in [(o.outcome, o.rule) for o in d.outcomes]


def test_a_reply_that_left_the_hour_no_longer_counts_against_the_cap(config: Config) -> None:
    cap = config.security.max_replies_per_sender_per_hour
    state = MemoryState()
    for n in range(1, cap + 1):
        run(config, state, *_one_registration(n, minutes=n))
    # The first reply was caused at minute 1: at minute 61 and a second it is out of the hour.
    late = ON_TIME + dt.timedelta(minutes=61, seconds=1)
    message, _ = _one_registration(cap + 1)
    assert len(_replies_to_sender(run(config, state, message, late))) == 1


def test_a_colleague_of_the_same_actor_may_cancel_someone_another_colleague_registered(
    config: Config,
) -> None:
    state = MemoryState()
    run(config, state, email(participants=(person("Åsa Öberg", "asa@huddinge.se"),)))
    d = run(
        config,
        state,
        email(
            sender="olle.berg@huddinge.se",  # neither Åsa nor Karin, who registered her
            display_name="Olle Berg",
            message_id="<c@x>",
            intent="cancel",
            participants=(person(None, "asa@huddinge.se"),),
        ),
        at("2022-09-02 09:00"),
    )
    assert [(o.outcome, o.rule) for o in d.outcomes] == [("cancelled", "cancel-same-actor")]
    assert present(state.registration("2022-09-14", "asa@huddinge.se")).status == "cancelled"
