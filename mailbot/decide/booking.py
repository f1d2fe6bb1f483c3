"""Booking: whether a person gets a seat, a waitlist place or nothing, and who is told (§5).

Rules of this file: a seat is the actor's when it has fewer confirmed participants on that seminar
than its seats; else the person waits if the seminar keeps a waitlist; else it is full. The same
rule books a registration by mail, a substitute's announcement and the organiser's move. Who is
told: in answer to a message, the participant gets the confirmation (its sender in Cc) and the
sender hears of a waitlist place; on the organiser's command, the participant is told of both.
"""

from __future__ import annotations

from dataclasses import replace

from mailbot.config import Actor, Seminar
from mailbot.decide.context import Builder, participant_mail
from mailbot.model import MailKind
from mailbot.state import Registration


def book(b: Builder, actor: Actor, seminar: Seminar, base: Registration) -> Registration | None:
    """`base` confirmed or waitlisted, put into the working state; None when the actor is full
    and the seminar keeps no waitlist."""
    at = b.received_at
    if b.work.confirmed(actor.name, seminar.id) < b.seats(actor):
        booked = replace(base, status="confirmed", confirmed_at=at)
    elif seminar.waitlist:
        booked = replace(base, status="waitlisted", registered_at=at)
    else:
        return None
    b.work.put(booked)
    return booked


def announce(b: Builder, r: Registration, confirmed_kind: MailKind = "confirmed") -> None:
    """Tell of a booked registration: `confirmed_kind` names the confirmation's template."""
    answering = b.ctx.email.sender is not None and not b.command
    if r.status == "confirmed":
        participant_mail(b, r, confirmed_kind, answers=answering)
    elif answering:
        b.reply_about("waitlisted", r)
    else:
        participant_mail(b, r, "waitlisted", answers=False, calendar=False, cc=False)


def full_reason(b: Builder, actor: Actor) -> str:
    return f"{actor.name} has used all {b.seats(actor)} seats"
