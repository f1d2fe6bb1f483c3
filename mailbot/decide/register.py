"""Registering participants: the per-participant rules, one ordered table, first hit wins (§3–§6).

Rules of this file: a participant needs an email address, a valid one, and a name; the seminar is
the actor's own unless `Datum:` names another one that exists. Someone already active on that
seminar is a duplicate; a request for another seminar goes to the organiser; everyone else is
booked (`booking`). Needs-info items of one message are mailed back together, in one reply.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mailbot.config import Actor, Seminar
from mailbot.decide import booking
from mailbot.decide.context import Builder, organiser_mail, participant_context, problem
from mailbot.decide.prose_dates import dates_for
from mailbot.parsing.parsed import ParticipantBlock
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


def register(
    b: Builder,
    actor: Actor,
    blocks: Sequence[ParticipantBlock],
    *,
    sender_without_name: bool = False,
) -> None:
    """Register `blocks` for `actor` (the sender among them when §3 counts them); a sender who
    counts but whose name is not known is asked for it. Problems wait for `send_problems`."""
    own = b.config.seminar(actor.seminar)
    if not own.is_on_time(b.received_at) and not _all_booked(b, own, blocks):
        reason = f"received after the deadline {own.deadline.isoformat()}"
        b.add("rejected-closed", "deadline-passed", None, reason)
        b.reply("rejected-closed", context={"seminar": own.id})
        return
    if _seat_condition_unmet(b, actor, own, blocks):
        return
    if sender_without_name:
        b.add("needs-info", "missing-name", None, "the sender registers, but their name is unknown")
        b.needs_info(problem("missing-name", email=b.sender))
    for i, block in enumerate(blocks, start=1):
        register_one(b, actor, block, i)


def _all_booked(b: Builder, own: Seminar, blocks: Sequence[ParticipantBlock]) -> bool:
    """Everyone named is booked already: after the deadline they hear "already registered"
    (§5's duplicate), not "registration closed", which would tell them they have no seat."""
    keys = [x.email_key for x in blocks]
    return bool(keys) and all(
        k is not None and (r := b.ctx.state.registration(own.id, k)) is not None and r.is_active
        for k in keys
    )


def _seat_condition_unmet(
    b: Builder, actor: Actor, own: Seminar, blocks: Sequence[ParticipantBlock]
) -> bool:
    """§3 and §5: a registration asked for only if there is a seat ("Anmäl mig om det finns
    plats kvar, annars struntar vi i det") that the actor's free seats cannot hold in full is
    asked about, and no one is booked: a waitlist place is what the writer declined, and
    booking some of the people named but not others would guess which the writer wants. With
    no waitlist kept, §5's "full" answer already books no one."""
    condition = b.ctx.email.seat_condition
    if condition is None or not own.waitlist:
        return False
    wanting = {
        x.email_key
        for x in blocks
        if x.email_key and not x.email_error and x.seminar is None
        and ((r := b.work.registration(own.id, x.email_key)) is None or not r.is_active)
    }  # fmt: skip
    free = max(b.seats(actor) - b.work.confirmed(actor.name, own.id), 0)
    if len(wanting) <= free:
        return False
    reason = f"asked only if there is a seat; {actor.name} has {free} free for {len(wanting)}"
    b.add("needs-info", "seat-condition", None, reason)
    b.needs_info(problem("seat-condition", line=condition, free=free, wanted=len(wanting)))
    return True


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
        return _seminar_in_prose(b, own, block)
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


def _seminar_in_prose(
    b: Builder, own: Seminar, block: ParticipantBlock
) -> tuple[Seminar | None, str | None]:
    """§6: a date written for this participant (in the subject or a sentence about coming, see
    `prose_dates`) that is another seminar's date asks for that seminar; the actor's own date,
    or a date of no seminar, changes nothing. Dates the text does not tie to one person are
    asked about (`None` and why), never guessed."""
    dates = dates_for(b.ctx.email, block, b.ctx.email.participants)
    if dates is None:
        return None, SEMINAR_UNCLEAR
    if any(d.matches(own.starts.date()) for d in dates):
        return own, None
    for d in dates:
        for s in b.config.seminars:
            if d.matches(s.starts.date()):
                return s, None
    return own, None


SEMINAR_UNCLEAR = "the text writes several dates and does not say which is this person's"


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


def _seminar_unclear(b: Builder, a: Applicant) -> str | None:
    return a.seminar_problem if a.seminar_problem == SEMINAR_UNCLEAR else None


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
        b.add("confirmed", f"register/{a.block.source}", a.block.email, None)
        booking.announce(b, booked)
    else:
        reason = booking.full_reason(b, a.actor)
        b.add("waitlisted", f"waitlist/{a.block.source}", a.block.email, reason)
        booking.announce(b, booked)


PARTICIPANT_RULES: tuple[ParticipantRule, ...] = (
    ParticipantRule("missing-email", _no_email, _ask("name")),
    ParticipantRule("invalid-email", _invalid_email, _ask("email", "error")),
    ParticipantRule("missing-name", _no_name, _ask("email")),
    ParticipantRule("seminar-unclear", _seminar_unclear, _ask("name", "email")),
    ParticipantRule("unknown-seminar", _no_seminar, _ask("email", "seminar")),
    ParticipantRule("already-registered", _already_registered, _duplicate),
    ParticipantRule("other-seminar", _other_seminar, _forward),
    ParticipantRule("book", _always, _book),
)
