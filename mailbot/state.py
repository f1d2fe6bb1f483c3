"""What the decision may know about the world: registrations and recent replies, read-only.

`decide` is a pure function of (message, state, clock). The state is read through the `State`
protocol rather than handed over whole, because an event with thousands of registrations should not
be loaded for every message; `store.Store` answers these questions with indexed SQL inside the
transaction that will commit the decision, and `MemoryState` answers them from a list for tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal, Protocol

Status = Literal["confirmed", "waitlisted", "pending", "cancelled"]
ACTIVE: frozenset[str] = frozenset({"confirmed", "waitlisted", "pending"})


@dataclass(frozen=True)
class HeldToken:
    """A confirmation token mailed to an unauthenticated sender (SPEC §4.4, `confirm`)."""

    sender_key: str
    expires_at: dt.datetime
    used: bool = False


@dataclass(frozen=True)
class Registration:
    """One person's booking (or request) for one seminar."""

    seminar: str
    email: str
    name: str
    actor: str
    status: Status
    registered_at: dt.datetime
    registered_by: str  # the sender address that registered them
    title: str = ""
    organisation: str = ""
    notes: str = ""
    language: str = "sv"
    confirmed_at: dt.datetime | None = None  # when the seat became theirs (reminders, §8)
    bouncing: bool = False
    id: int | None = None

    @property
    def email_key(self) -> str:
        return self.email.casefold()

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE


CaseKind = Literal["seminar-request", "unread-reply", "ambiguous", "unauthenticated"]


@dataclass(frozen=True)
class Case:
    """What waits for the organiser: the kind, the actor it is about (None when that is the
    question), the participants and the seminar asked for, and the message it came from."""

    kind: CaseKind
    actor: str | None = None
    participants: tuple[str, ...] = ()
    seminar: str | None = None
    sender: str | None = None  # who wrote the original message (registers "as if" they had)
    source_message_id: str | None = None
    # An ambiguous organisation (§4.3): what the message asked, kept so that either answer (the
    # organiser's, or the sender's naming the organisation) registers it as it was written. JSON
    # values, written and read by `decide.ambiguous` alone (the store keeps them as they are).
    details: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class OpenCase:
    """A case as stored: the case, the Message-ID of the bot's mail about it, and whether it is
    settled already (and how)."""

    message_id: str
    case: Case
    settled: str | None = None  # how it was settled ("JA", "NEJ", …), None while open


class State(Protocol):
    """Read-only questions the decision asks. Implementations answer consistently for one call."""

    def registration(self, seminar: str, email_key: str) -> Registration | None:
        """The registration of that person for that seminar, in any status."""

    def registrations_of(self, email_key: str) -> list[Registration]:
        """Every registration of that person, any seminar and status, oldest first."""

    def registrations_by(self, actor: str) -> list[Registration]:
        """Every registration of that actor, any seminar and status, oldest first."""

    def confirmed_count(self, actor: str, seminar: str) -> int: ...

    def waitlist(self, actor: str, seminar: str) -> list[Registration]:
        """Waitlisted registrations of that actor for that seminar, first come first."""

    def replies_since(self, sender_key: str, since: dt.datetime) -> int:
        """How many mails messages from that sender caused since `since` (reply cap, §10)."""

    def own_message(self, message_id: str) -> tuple[str, ...] | None:
        """For a Message-ID the bot sent: the participant addresses it was about, else None."""

    def mailed_since(self, address_key: str, since: dt.datetime) -> bool:
        """Whether the bot queued a mail to that address (To or Cc) since `since` (§10: a
        report that returns no headers is about our mail only if we wrote to its recipient)."""

    def alerted(self, kind: str, key: str, day: dt.date) -> bool:
        """Whether the organiser was already told about (kind, key) on that day."""

    def alerts_on(self, kind: str, day: dt.date) -> int:
        """How many (kind, ·) alerts went out on that day, all keys together."""

    def held_token(self, token_hash: str) -> HeldToken | None:
        """The held-message token with that SHA-256, if one was mailed."""

    def participants(self, seminar: str) -> list[Registration]:
        """Every registration for that seminar, any status (deadline report, reminders)."""

    def scheduled_done(self, kind: str, seminar: str, key: str) -> bool:
        """Whether that scheduled work (a report, one person's reminder) was already queued."""

    def case(self, message_id: str) -> OpenCase | None:
        """The organiser's case the bot mailed with that Message-ID, if any (§14)."""

    def seats_override(self, actor: str) -> int | None:
        """The seats the organiser set for that actor by mail (`PLATSER`), else None."""

    def open_cases(self) -> list[OpenCase]:
        """What waits for the organiser, oldest first (`STATUS`, §14)."""

    def case_asked(self, message_id: str) -> OpenCase | None:
        """The case whose question to the sender the bot mailed with that Message-ID (an
        ambiguous organisation: the sender is asked while the organiser is told, §4.3, §14)."""


@dataclass
class MemoryState:
    """A `State` held in lists: for tests and property tests of the pure core."""

    registrations: list[Registration] = field(default_factory=list)
    sent: list[tuple[str, dt.datetime]] = field(default_factory=list)  # (sender_key, at)
    own_messages: dict[str, tuple[str, ...]] = field(default_factory=dict)
    mailed: list[tuple[str, dt.datetime]] = field(default_factory=list)  # (address key, at)
    alerts: set[tuple[str, str, dt.date]] = field(default_factory=set)
    scheduled: set[tuple[str, str, str]] = field(default_factory=set)  # (kind, seminar, key)
    tokens: dict[str, HeldToken] = field(default_factory=dict)  # by token hash
    cases: dict[str, OpenCase] = field(default_factory=dict)  # by Message-ID
    seats: dict[str, int] = field(default_factory=dict)  # the organiser's overrides, by actor
    asked: dict[str, str] = field(default_factory=dict)  # sender's question Message-ID → case's

    def registration(self, seminar: str, email_key: str) -> Registration | None:
        return next(
            (r for r in self.registrations if r.seminar == seminar and r.email_key == email_key),
            None,
        )

    def registrations_of(self, email_key: str) -> list[Registration]:
        return [r for r in self.registrations if r.email_key == email_key]

    def registrations_by(self, actor: str) -> list[Registration]:
        return [r for r in self.registrations if r.actor == actor]

    def confirmed_count(self, actor: str, seminar: str) -> int:
        return sum(
            1
            for r in self.registrations
            if r.actor == actor and r.seminar == seminar and r.status == "confirmed"
        )

    def waitlist(self, actor: str, seminar: str) -> list[Registration]:
        return [
            r
            for r in self.registrations
            if r.actor == actor and r.seminar == seminar and r.status == "waitlisted"
        ]

    def replies_since(self, sender_key: str, since: dt.datetime) -> int:
        return sum(1 for key, at in self.sent if key == sender_key and at >= since)

    def own_message(self, message_id: str) -> tuple[str, ...] | None:
        return self.own_messages.get(message_id)

    def mailed_since(self, address_key: str, since: dt.datetime) -> bool:
        return any(key == address_key and at >= since for key, at in self.mailed)

    def alerted(self, kind: str, key: str, day: dt.date) -> bool:
        return (kind, key, day) in self.alerts

    def alerts_on(self, kind: str, day: dt.date) -> int:
        return sum(1 for k, _, d in self.alerts if k == kind and d == day)

    def held_token(self, token_hash: str) -> HeldToken | None:
        return self.tokens.get(token_hash)

    def participants(self, seminar: str) -> list[Registration]:
        return [r for r in self.registrations if r.seminar == seminar]

    def scheduled_done(self, kind: str, seminar: str, key: str) -> bool:
        return (kind, seminar, key) in self.scheduled

    def case(self, message_id: str) -> OpenCase | None:
        return self.cases.get(message_id)

    def seats_override(self, actor: str) -> int | None:
        return self.seats.get(actor)

    def open_cases(self) -> list[OpenCase]:
        return [c for c in self.cases.values() if c.settled is None]

    def case_asked(self, message_id: str) -> OpenCase | None:
        case = self.asked.get(message_id)
        return self.cases.get(case) if case is not None else None

    def upsert(self, registrations: Iterable[Registration]) -> None:
        """Apply registrations as the store would: replace by (seminar, email key)."""
        for new in registrations:
            for i, old in enumerate(self.registrations):
                if old.seminar == new.seminar and old.email_key == new.email_key:
                    self.registrations[i] = replace(new, id=old.id)
                    break
            else:
                self.registrations.append(replace(new, id=len(self.registrations) + 1))
