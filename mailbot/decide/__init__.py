"""The registration decision: (message, state, clock) → outcomes, new registrations, mails to send.

Rules of this package: it reads nothing but its arguments and writes nothing at all. Message rules
are one table (`rules.MESSAGE_RULES`), checked in order, first hit wins, as Mailman's chains do;
a message that passes them is decided per participant by a second table
(`register.PARTICIPANT_RULES`), seats by one booking rule (`booking`). Every outcome names the rule
that chose it, so the journal explains itself.

Where each rule lives: `rules` (loops, senders, authentication, the reply cap), `holds`
(confirmation tokens), `reports` (delivery reports), `route` (reply, change, not invited,
ambiguous, register), `register` (participant blocks), `booking` (seats), `changes` (cancel,
substitute, promote), `organiser` (the organiser's commands), `organiser_mail` (her mail:
answers to a case, commands), `ambiguous` (an unclear organisation: the sender and the
organiser asked at once, the first answer settles it), `context` (the working state).
"""

from __future__ import annotations

import datetime as dt

from mailbot.config import Config
from mailbot.decide.context import Context, Inbound
from mailbot.decide.holds import CONFIRM_PREFIX, CONFIRM_VALID, token_hash
from mailbot.decide.organiser import fill_freed_seats, organiser_cancel, organiser_move
from mailbot.decide.rules import ALERTS, MAX_ALERTS_PER_DAY, MESSAGE_RULES, Verdict, run
from mailbot.model import Decision
from mailbot.state import State

__all__ = [
    "ALERTS",
    "CONFIRM_PREFIX",
    "CONFIRM_VALID",
    "MAX_ALERTS_PER_DAY",
    "Inbound",
    "decide",
    "fill_freed_seats",
    "organiser_cancel",
    "organiser_move",
    "token_hash",
]


def decide(inbound: Inbound, state: State, config: Config, now: dt.datetime) -> Decision:
    """Decide what happens to one inbound message. Pure; never raises on message content."""
    return run(MESSAGE_RULES, Verdict(Context(inbound, config, state, now)))
