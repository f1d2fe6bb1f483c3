"""What every rule of the decision reads and writes: the message in context, and the draft.

Rules of this file: `Context` is what a rule may read (the message, the config, the state as
stored, the clock); `Working` is the state as this message has changed it so far, so a later
participant sees an earlier one; `Builder` collects outcomes and mails in the order they happen;
`finish` turns a builder into the `Decision`. The mail helpers here are the only place that
decides who gets a copy of a participant's mail (the registering sender in Cc, §9).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mailbot.config import Actor, Config
from mailbot.model import Alert, Decision, Hold, Mail, MailKind, Outcome, OutcomeKind
from mailbot.parsing.parsed import Email
from mailbot.state import Case, Registration, State


@dataclass(frozen=True)
class Inbound:
    """A message to decide on, with what the shell knows about its arrival.

    The shell also hands in what a pure function cannot make itself: a fresh random `token`
    (used only if the message is held for confirmation), and whether the raw bytes are over a
    size or MIME limit (`limit`, found by `limits.check` before the parse).
    """

    email: Email
    received_at: dt.datetime  # the server's arrival time (INTERNALDATE), never `Date:`
    limit: str | None = None  # why the raw message is over a header/MIME limit
    token: str | None = None  # a fresh one-time token, e.g. secrets.token_urlsafe(16)
    sender_confirmed: bool = False  # the From address answered a token: authenticated by that


@dataclass(frozen=True)
class Context:
    """What a rule may read. `release` is the sender key when this message answered a token."""

    inbound: Inbound
    config: Config
    state: State
    now: dt.datetime
    release: str | None = None

    @property
    def email(self) -> Email:
        return self.inbound.email

    @property
    def language(self) -> str:
        """The reply language: the message's own when it has one, else the bot's."""
        return self.email.language or self.config.bot.language

    @property
    def local_day(self) -> dt.date:
        """The arrival day in the event's time zone: what "once a day" counts in."""
        return self.inbound.received_at.astimezone(self.config.seminars[0].starts.tzinfo).date()


class Working:
    """The state as this message has changed it so far: later participants see earlier ones."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.changed: dict[tuple[str, str], Registration] = {}

    def registration(self, seminar: str, email_key: str) -> Registration | None:
        return self.changed.get((seminar, email_key)) or self.state.registration(seminar, email_key)

    def registrations_of(self, email_key: str) -> list[Registration]:
        stored = {(r.seminar, r.email_key): r for r in self.state.registrations_of(email_key)}
        stored.update({k: r for k, r in self.changed.items() if k[1] == email_key})
        return list(stored.values())

    def active(self, email_key: str) -> list[Registration]:
        return [r for r in self.registrations_of(email_key) if r.is_active]

    def confirmed(self, actor: str, seminar: str) -> int:
        count = self.state.confirmed_count(actor, seminar)
        for (sem, key), new in self.changed.items():
            if sem != seminar:
                continue
            old = self.state.registration(sem, key)
            count += (new.actor == actor and new.status == "confirmed") - (
                old is not None and old.actor == actor and old.status == "confirmed"
            )
        return count

    def first_waitlisted(self, actor: str, seminar: str) -> Registration | None:
        for r in self.state.waitlist(actor, seminar):
            current = self.changed.get((r.seminar, r.email_key), r)
            if current.status == "waitlisted":
                return current
        new = [
            r
            for (sem, _), r in self.changed.items()
            if sem == seminar and r.actor == actor and r.status == "waitlisted"
        ]
        return min(new, key=lambda r: r.registered_at) if new else None

    def put(self, registration: Registration) -> None:
        self.changed[(registration.seminar, registration.email_key)] = registration


@dataclass
class Builder:
    """Collects what one decision produces, in the order it happens.

    `problems` gathers the needs-info items of one message, mailed together in one reply;
    `hold` is set when the message waits for its sender to answer a token.
    """

    ctx: Context
    actor: Actor | None = None
    outcomes: list[Outcome] = field(default_factory=list)
    mails: list[Mail] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)
    hold: Hold | None = None
    # The organiser's command (the command line, or their mail): nothing here answers a sender,
    # every participant is told by a new message (booking.announce).
    command: bool = False
    seat_overrides: dict[str, int] = field(default_factory=dict)  # `PLATSER` of this decision
    settled: list[tuple[str, str]] = field(default_factory=list)  # (case Message-ID, how)
    work: Working = field(init=False)

    def __post_init__(self) -> None:
        self.work = Working(self.ctx.state)

    @property
    def language(self) -> str:
        return self.ctx.language

    @property
    def config(self) -> Config:
        return self.ctx.config

    @property
    def received_at(self) -> dt.datetime:
        return self.ctx.inbound.received_at

    def seats(self, actor: Actor) -> int:
        """The actor's seats: the organiser's `PLATSER` when they set one (§14), else config's."""
        override = self.seat_overrides.get(actor.name, self.ctx.state.seats_override(actor.name))
        return self.config.seats_for(actor) if override is None else override

    @property
    def sender(self) -> str:
        assert self.ctx.email.sender is not None
        return self.ctx.email.sender.address

    def add(
        self, outcome: OutcomeKind, rule: str, participant: str | None, reason: str | None
    ) -> Outcome:
        o = Outcome(outcome, rule, participant, reason)
        self.outcomes.append(o)
        return o

    def mail(self, kind: MailKind, to: tuple[str, ...], **kw: Any) -> None:
        kw.setdefault("language", self.language)
        self.mails.append(Mail(kind, to, **kw))

    def reply(self, kind: MailKind, **kw: Any) -> None:
        """A mail to the sender of the message, in answer to it."""
        self.mail(kind, (self.sender,), **kw)

    def reply_about(self, kind: MailKind, r: Registration) -> None:
        """A mail to the sender about one participant (duplicate, waitlisted, not allowed …)."""
        self.reply(kind, context=participant_context(r, self.config))

    def needs_info(self, problem: dict[str, Any]) -> None:
        """Note one needs-info item; `send_problems` mails them all in one reply."""
        self.problems.append(problem)

    def send_problems(self) -> None:
        if self.problems:
            self.reply("needs-info", context={"problems": list(self.problems)})
            self.problems.clear()


def finish(b: Builder) -> Decision:
    """The decision a builder made. A token's alert and hash stand only if its mail is still
    among the mails (the reply cap may have held it back): what was not mailed was not promised."""
    mails = tuple(b.mails)
    alerts = tuple(b.alerts)
    hold = b.hold
    if hold is not None and not any(m.kind == "confirm-sender" for m in mails):
        hold = Hold(hold.sender_key, None, hold.expires_at)
        alerts = tuple(a for a in alerts if a.kind != "confirm-sender")
    return Decision(
        outcomes=tuple(b.outcomes),
        registrations=tuple(b.work.changed.values()),
        mails=mails,
        alerts=alerts,
        actor=b.actor.name if b.actor else None,
        language=b.language,
        hold=hold,
        release=b.ctx.release,
        seats=tuple(b.seat_overrides.items()),
        settled=tuple(b.settled),
    )


def problem(kind: str, **details: Any) -> dict[str, Any]:
    """A needs-info item; every key present so templates can test any of them."""
    return {
        "kind": kind,
        "index": None,
        "name": None,
        "email": None,
        "error": None,
        "seminar": None,
    } | details


def participant_context(r: Registration, config: Config) -> dict[str, Any]:
    return {
        "participant": {
            "name": r.name,
            "email": r.email,
            "title": r.title,
            "organisation": r.organisation,
        },
        "seminar": r.seminar,
        "actor": r.actor,
        "status": r.status,
        "registered_by": r.registered_by,
    }


def participant_mail(
    b: Builder,
    r: Registration,
    kind: MailKind,
    *,
    answers: bool,
    calendar: bool = True,
    cc: bool = True,
) -> None:
    """A mail to the participant themself, the registering sender in Cc when different (§9)."""
    copy = () if not cc or r.registered_by.casefold() == r.email_key else (r.registered_by,)
    b.mails.append(
        Mail(
            kind,
            (r.email,),
            language=r.language,
            cc=copy,
            answers=answers,
            context=participant_context(r, b.config),
            calendar=(r.seminar, r.email, r.name) if calendar else None,
            about=(r.email,),
        )
    )


def organiser_mail(
    ctx: Context, kind: MailKind, context: Mapping[str, Any], case: Case | None = None
) -> Mail:
    """A new mail to the organiser; with a `case`, about something that waits for them, which
    their reply to this mail settles (§14)."""
    return Mail(
        kind,
        (ctx.config.organiser.address,),
        language=ctx.config.bot.language,
        answers=False,
        context={
            "subject": ctx.email.subject,
            "case": case.kind if case else None,
            "case_actor": case.actor if case else None,
            **context,
        },
        case=case,
    )
