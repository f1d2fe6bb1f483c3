"""The organiser's commands: cancel anyone, move someone to another seminar, fill freed seats.

Rules of this file: the organiser is trusted (the command line, or authenticated mail from the
organiser, §14), so none of the sender rules apply; every mail is a new message to the participant
(never a reply). `cancel` and `move` work on a builder, and are the one code path of both the
command line (`organiser_cancel`, `organiser_move`) and the organiser's mail (`organiser_mail`), so
a participant is told the same whichever the organiser used. A cancelled or moved confirmed
participant frees a seat for the same actor's waitlist, as long as the seminar has not started.
A move books by the same rule as a registration.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from mailbot.config import Config
from mailbot.decide import booking
from mailbot.decide.changes import promote, started
from mailbot.decide.context import Builder, Context, Inbound, participant_mail
from mailbot.model import Decision
from mailbot.parsing.parsed import Email
from mailbot.state import Registration, State


def organiser_cancel(
    email_key: str, seminar: str | None, state: State, config: Config, now: dt.datetime
) -> Decision:
    """`mailbot cancel EMAIL`: the organiser may cancel anyone, at any time before the start."""
    b = _command_builder(state, config, now)
    cancel(b, email_key, seminar)
    return _decision(b)


def cancel(b: Builder, email_key: str, seminar: str | None) -> None:
    """Cancel that person's active registrations (on `seminar` only, when given); a confirmed
    one frees its seat for the same actor's waitlist."""
    regs = [r for r in b.work.active(email_key) if seminar in (None, r.seminar)]
    if not regs:
        b.add("needs-info", "not-registered", email_key, "no active registration for this address")
        return
    for r in regs:
        cancelled = replace(r, status="cancelled")
        b.work.put(cancelled)
        b.add("cancelled", "organiser-cancel", r.email, f"was {r.status}")
        participant_mail(b, cancelled, "cancelled", answers=False, calendar=False)
        known = b.config.find_seminar(r.seminar) is not None
        if r.status == "confirmed" and known and not started(b, r.seminar):
            promote(b, r.actor, r.seminar)


def organiser_move(
    email_key: str, seminar_id: str, state: State, config: Config, now: dt.datetime
) -> Decision:
    """`mailbot move EMAIL --seminar ID`: book a pending or registered person on another seminar,
    within their actor's seats there; the seat they leave goes to their actor's waitlist."""
    b = _command_builder(state, config, now)
    move(b, email_key, seminar_id)
    return _decision(b)


def move(b: Builder, email_key: str, seminar_id: str) -> None:
    """Book a pending or registered person on another seminar within their actor's seats
    there; the seat they leave goes to their actor's waitlist."""
    target = b.config.find_seminar(seminar_id)
    if target is None:
        b.add("needs-info", "unknown-seminar", email_key, f"no seminar {seminar_id!r}")
        return
    current = _to_move(b, email_key, seminar_id)
    if current is None:
        return
    try:
        actor = b.config.actor(current.actor)
    except KeyError:
        reason = f"actor {current.actor!r} is no longer in the config"
        b.add("needs-info", "unknown-actor", current.email, reason)
        return
    if current.seminar != seminar_id:
        b.work.put(replace(current, status="cancelled"))
        if current.status == "confirmed" and not started(b, current.seminar):
            promote(b, current.actor, current.seminar)
    base = replace(current, seminar=seminar_id, id=None, confirmed_at=None)
    booked = booking.book(b, actor, target, base)
    if booked is None:
        reason = f"{actor.name} is full on {seminar_id}"
        b.add("rejected-full", "organiser-move", current.email, reason)
    elif booked.status == "confirmed":
        b.add("confirmed", "organiser-move", booked.email, f"moved to {seminar_id}")
        booking.announce(b, booked)
    else:
        reason = f"{actor.name} is full on {seminar_id}"
        b.add("waitlisted", "organiser-move", booked.email, reason)
        booking.announce(b, booked)


def _to_move(b: Builder, email_key: str, seminar_id: str) -> Registration | None:
    """The registration a move applies to: a pending one (for that seminar first), else the
    first active one; None, with the outcome saying why, when there is nothing to move."""
    regs = b.work.active(email_key)
    if not regs:
        b.add("needs-info", "not-registered", email_key, "no pending or active registration")
        return None
    current = next((r for r in regs if r.seminar == seminar_id and r.status == "pending"), None)
    current = current or next((r for r in regs if r.status == "pending"), None) or regs[0]
    if current.seminar == seminar_id and current.status in ("confirmed", "waitlisted"):
        reason = f"already {current.status} for {seminar_id}"
        b.add("duplicate", "already-registered", current.email, reason)
        return None
    return current


def fill_freed_seats(state: State, config: Config, now: dt.datetime) -> Decision:
    """Promote from waitlists wherever seats are free, e.g. after seats were raised in config."""
    b = _command_builder(state, config, now)
    for actor in config.actors:
        for seminar in config.seminars:
            if not started(b, seminar.id):
                promote(b, actor.name, seminar.id)
    return _decision(b)


def _command_builder(state: State, config: Config, now: dt.datetime) -> Builder:
    """A builder for a command: no message, no sender; the clock is the arrival time."""
    email = Email(message_id=None, sender=None, subject="")
    return Builder(Context(Inbound(email, now), config, state, now), command=True)


def _decision(b: Builder) -> Decision:
    return Decision(
        outcomes=tuple(b.outcomes),
        registrations=tuple(b.work.changed.values()),
        mails=tuple(b.mails),
        language=b.language,
        seats=tuple(b.seat_overrides.items()),
    )
