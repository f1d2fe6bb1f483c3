"""Registering participants: the per-participant rules, one ordered table, first hit wins (§3–§6).

Rules of this file: a participant needs an email address, a valid one, and a name; the seminar is
the actor's own unless `Datum:` names another one that exists. Someone already active on that
seminar is a duplicate; a request for another seminar goes to the organiser; everyone else is
booked (`booking`). Needs-info items of one message are mailed back together, in one reply.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mailbot.config import Actor, Seminar
from mailbot.decide import booking
from mailbot.decide.context import Builder, organiser_mail, participant_context, problem
from mailbot.parsed import ParticipantBlock
from mailbot.state import Case, Registration


@dataclass(frozen=True)
class Applicant:
    """One participant block of a message, with the seminar it asks for (None: not found)."""

    actor: Actor
    block: ParticipantBlock
    index: int
    seminar: Seminar | None
    seminar_problem: str | None

    @property
    def name(self) -> str:
        return (self.block.name or "").strip()


Action = Callable[[Builder, Applicant, str, str], None]


@dataclass(frozen=True)
class ParticipantRule:
    """A named predicate over one applicant (returns the reason when it hits) and its action."""

    name: str
    check: Callable[[Builder, Applicant], str | None]
    action: Action


def register(b: Builder, actor: Actor) -> None:
    """Register the message's participants (or its sender, when it names none) for `actor`."""
    own = b.config.seminar(actor.seminar)
    if not own.is_on_time(b.received_at):
        reason = f"received after the deadline {own.deadline.isoformat()}"
        b.add("rejected-closed", "deadline-passed", None, reason)
        b.reply("rejected-closed", context={"seminar": own.id})
        return
    blocks = b.ctx.email.participants
    if not blocks:
        block = _self_block(b)
        if block is None:
            b.add("needs-info", "missing-name", None, "no participant block and no name in From")
            b.needs_info(problem("missing-name"))
            b.send_problems()
            return
        blocks = (block,)
    for i, block in enumerate(blocks, start=1):
        register_one(b, actor, block, i)
    b.send_problems()


def register_one(b: Builder, actor: Actor, block: ParticipantBlock, index: int) -> None:
    """Run the participant rules for one block; its needs-info item waits in `b.problems`."""
    seminar, seminar_problem = _seminar_for(b, actor, block)
    applicant = Applicant(actor, block, index, seminar, seminar_problem)
    for rule in PARTICIPANT_RULES:
        reason = rule.check(b, applicant)
        if reason is not None:
            rule.action(b, applicant, rule.name, reason)
            return


def reject_not_invited(b: Builder, participant: str | None, reason: str) -> None:
    b.add("rejected-not-invited", "not-invited", participant, reason)
    b.reply("rejected-not-invited")


def _seminar_for(
    b: Builder, actor: Actor, block: ParticipantBlock
) -> tuple[Seminar | None, str | None]:
    """The seminar a block asks for: the actor's own unless `Datum:` names another (§6)."""
    own = b.config.seminar(actor.seminar)
    if block.seminar is None:
        return own, None
    for s in b.config.seminars:
        if s.id == block.seminar.strip():
            return s, None
    if block.seminar_date is None:
        return None, f"the date {block.seminar!r} is not a date mailbot can read"
    if block.seminar_date.matches(own.starts.date()):
        return own, None
    for s in b.config.seminars:
        if block.seminar_date.matches(s.starts.date()):
            return s, None
    return None, f"there is no seminar on {block.seminar!r}"


def _self_block(b: Builder) -> ParticipantBlock | None:
    """No block at all: the sender registers themself (§3), if we know their name."""
    sender = b.ctx.email.sender
    assert sender is not None
    if not sender.display_name.strip():
        return None
    return ParticipantBlock(
        name=sender.display_name.strip(),
        email=sender.address,
        organisation=b.ctx.email.organisation,
    )


def _base(b: Builder, a: Applicant) -> Registration:
    """The registration the applicant asks for, before any seat is given."""
    assert a.seminar is not None and a.block.email is not None
    return Registration(
        seminar=a.seminar.id,
        email=a.block.email,
        name=a.name,
        actor=a.actor.name,
        status="pending",
        registered_at=b.received_at,
        registered_by=b.sender,
        title=a.block.title or "",
        organisation=a.block.organisation or b.ctx.email.organisation or "",
        notes=a.block.notes or "",
        language=b.language,
    )


# --------------------------------------------------------------------------- checks


def _no_email(b: Builder, a: Applicant) -> str | None:
    if a.block.email:
        return None
    return f"participant {a.index} ({a.block.name or '?'}) has no email address"


def _invalid_email(b: Builder, a: Applicant) -> str | None:
    return a.block.email_error or None


def _no_name(b: Builder, a: Applicant) -> str | None:
    return None if a.name else f"participant {a.index} has no name"


def _no_seminar(b: Builder, a: Applicant) -> str | None:
    return a.seminar_problem if a.seminar is None else None


def _existing(b: Builder, a: Applicant) -> Registration | None:
    assert a.seminar is not None and a.block.email_key is not None
    existing = b.work.registration(a.seminar.id, a.block.email_key)
    return existing if existing is not None and existing.is_active else None


def _already_registered(b: Builder, a: Applicant) -> str | None:
    existing = _existing(b, a)
    return None if existing is None else f"already {existing.status} for {existing.seminar}"


def _other_seminar(b: Builder, a: Applicant) -> str | None:
    assert a.seminar is not None
    if a.seminar.id == a.actor.seminar:
        return None
    return f"asks for {a.seminar.id}; the actor is invited to {a.actor.seminar}"


def _always(b: Builder, a: Applicant) -> str | None:
    return ""


# --------------------------------------------------------------------------- actions


def _ask(*fields: str) -> Action:
    """Needs-info: the outcome now, the item (with these fields of the block) in the reply."""

    def action(b: Builder, a: Applicant, rule: str, reason: str) -> None:
        block = a.block
        values = {
            "name": block.name,
            "email": block.email,
            "error": block.email_error,
            "seminar": block.seminar,
        }
        b.add("needs-info", rule, block.email or None, reason)
        b.needs_info(problem(rule, index=a.index, **{f: values[f] for f in fields}))

    return action


def _duplicate(b: Builder, a: Applicant, rule: str, reason: str) -> None:
    existing = _existing(b, a)
    assert existing is not None
    b.add("duplicate", rule, a.block.email, reason)
    b.reply_about("duplicate", existing)


def _forward(b: Builder, a: Applicant, rule: str, reason: str) -> None:
    """Another seminar than the actor's: pending, for the organiser to decide (§6)."""
    base = _base(b, a)
    b.work.put(base)
    b.add("forwarded", rule, a.block.email, reason)
    b.reply_about("forwarded", base)
    case = Case(
        "seminar-request",
        actor=a.actor.name,
        participants=(base.email,),
        seminar=base.seminar,
        sender=b.sender,
        source_message_id=b.ctx.email.message_id,
    )
    context = participant_context(base, b.config)
    b.mails.append(organiser_mail(b.ctx, "forward-seminar-request", context, case))


def _book(b: Builder, a: Applicant, rule: str, reason: str) -> None:
    assert a.seminar is not None
    base = _base(b, a)
    booked = booking.book(b, a.actor, a.seminar, base)
    if booked is None:
        b.add("rejected-full", "actor-full", a.block.email, booking.full_reason(b, a.actor))
        b.reply_about("rejected-full", base)
    elif booked.status == "confirmed":
        b.add("confirmed", "seat-free", a.block.email, None)
        booking.announce(b, booked)
    else:
        b.add("waitlisted", "actor-full-waitlist", a.block.email, booking.full_reason(b, a.actor))
        booking.announce(b, booked)


PARTICIPANT_RULES: tuple[ParticipantRule, ...] = (
    ParticipantRule("missing-email", _no_email, _ask("name")),
    ParticipantRule("invalid-email", _invalid_email, _ask("email", "error")),
    ParticipantRule("missing-name", _no_name, _ask("email")),
    ParticipantRule("unknown-seminar", _no_seminar, _ask("email", "seminar")),
    ParticipantRule("already-registered", _already_registered, _duplicate),
    ParticipantRule("other-seminar", _other_seminar, _forward),
    ParticipantRule("book", _always, _book),
)
