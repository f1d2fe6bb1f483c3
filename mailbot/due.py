"""The mails of scheduled work: the organiser's deadline report (SPEC §7) and reminders (§8).

When each is due is decided in `timetable`; this module makes what is due into mails (`due`),
with the participant lists as CSV and `.xlsx` attachments (`spreadsheet`), which the daily
digest (`digest`) attaches too. Like `timetable`, it reads nothing but its arguments and never
a clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from mailbot.config import Config, Reminder, Seminar
from mailbot.model import Decision, Mail
from mailbot.spreadsheet import (
    HEADERS,
    STATUS_ORDER,
    XLSX_MIME,
    Sheet,
    participants_csv,
    participants_xlsx,
)
from mailbot.state import Registration, State
from mailbot.timetable import (
    REMINDER,
    REPORT,
    reminder_marker,
    reminders_due,
    report_due,
    report_marker,
)

CSV_FILENAME = {"sv": "deltagare-{id}.csv", "en": "participants-{id}.csv"}
XLSX_FILENAME = {"sv": "deltagare-{id}.xlsx", "en": "participants-{id}.xlsx"}


# --------------------------------------------------------------------------- entry points


def due(config: Config, state: State, now: dt.datetime) -> Decision:
    """Everything due at `now` and not yet done, as mails plus the markers that record them."""

    mails: list[Mail] = []
    done: list[tuple[str, str, str]] = []
    for seminar in config.seminars:
        if report_due(seminar, state, now):
            mails.append(deadline_report(config, state, seminar, now))
            done.append(report_marker(seminar))
        for registration, reminder in reminders_due(seminar, state, now):
            mails.append(reminder_mail(registration, seminar, reminder))
            done.append(reminder_marker(seminar, registration, reminder))
    return Decision(
        outcomes=(), mails=tuple(mails), language=config.bot.language, scheduled=tuple(done)
    )


# --------------------------------------------------------------------------- deadline report


def deadline_report(config: Config, state: State, seminar: Seminar, now: dt.datetime) -> Mail:
    """The organiser's participant list: a summary in the body, every row in a CSV file and
    the same rows in an `.xlsx` workbook (§7), made at `now`."""

    language = config.bot.language if config.bot.language in HEADERS else "sv"
    regs = state.participants(seminar.id)
    elsewhere = [
        r
        for other in config.seminars
        if other.id != seminar.id
        for r in state.participants(other.id)
        if r.status == "pending" and _invited_to(config, r.actor) == seminar.id
    ]
    filename = CSV_FILENAME[language].format(id=seminar.id)
    context: dict[str, Any] = {
        "seminar": seminar.id,
        "filename": filename,
        "xlsx_filename": XLSX_FILENAME[language].format(id=seminar.id),
        "counts": {s: sum(1 for r in regs if r.status == s) for s in STATUS_ORDER},
        "actors": seat_summary(config, seminar, regs),
        "waitlist": _waitlist(regs),
        "pending": [_person(r) for r in regs if r.status == "pending"],
        "elsewhere": [{**_person(r), "seminar": r.seminar} for r in elsewhere],
    }
    return Mail(
        REPORT,
        (config.organiser.address,),
        language=language,
        answers=False,
        context=context,
        attachments=participant_files([(seminar, regs)], language, now, context["xlsx_filename"]),
    )


def participant_files(
    lists: Sequence[tuple[Seminar, Sequence[Registration]]],
    language: str,
    now: dt.datetime,
    xlsx_name: str,
) -> tuple[tuple[str, str, bytes], ...]:
    """Participant lists as attachments: one CSV per seminar (its name names the seminar), then
    one `.xlsx` workbook with a worksheet per seminar, made at `now`."""
    csvs = tuple(
        (
            CSV_FILENAME[language].format(id=seminar.id),
            "text/csv",
            participants_csv(regs, seminar.timezone, language),
        )
        for seminar, regs in lists
    )
    sheets = [Sheet(seminar.id, seminar.timezone, tuple(regs)) for seminar, regs in lists]
    return (*csvs, (xlsx_name, XLSX_MIME, participants_xlsx(sheets, language, now)))


def seat_summary(
    config: Config, seminar: Seminar, regs: Sequence[Registration]
) -> list[dict[str, Any]]:
    """Seats used and free per actor: the invited actors in config order, then any other actor
    with people here (moved by the organiser), whose seats belong to their own seminar."""

    def count(actor: str, status: str) -> int:
        return sum(1 for r in regs if r.actor == actor and r.status == status)

    rows: list[dict[str, Any]] = []
    invited = [a for a in config.actors if a.seminar == seminar.id]
    for actor in invited:
        seats, used = config.seats_for(actor), count(actor.name, "confirmed")
        rows.append(
            {
                "name": actor.name,
                "invited": True,
                "seats": seats,
                "used": used,
                "free": max(seats - used, 0),
                "waitlisted": count(actor.name, "waitlisted"),
            }
        )
    names = {a.name for a in invited}
    moved_here = {r.actor for r in regs if r.status in ("confirmed", "waitlisted")}
    for name in sorted(moved_here - names):
        rows.append(
            {
                "name": name,
                "invited": False,
                "seats": None,
                "used": count(name, "confirmed"),
                "free": None,
                "waitlisted": count(name, "waitlisted"),
            }
        )
    return rows


def _waitlist(regs: Sequence[Registration]) -> list[dict[str, Any]]:
    """Waitlisted people per actor, first come first, numbered as they will be promoted."""
    waiting = sorted(
        (r for r in regs if r.status == "waitlisted"),
        key=lambda r: (r.actor, r.registered_at, r.id or 0),
    )
    rows: list[dict[str, Any]] = []
    for r in waiting:
        position = 1 + sum(1 for w in rows if w["actor"] == r.actor)
        rows.append({**_person(r), "position": position})
    return rows


def _person(r: Registration) -> dict[str, Any]:
    return {"name": r.name, "email": r.email, "actor": r.actor, "title": r.title}


def _invited_to(config: Config, actor_name: str) -> str | None:
    return next((a.seminar for a in config.actors if a.name == actor_name), None)


# --------------------------------------------------------------------------- reminders


def reminder_mail(registration: Registration, seminar: Seminar, reminder: Reminder) -> Mail:
    """A new message (`auto-generated`), in the registration's language, with the .ics again."""

    r = registration
    cc = (r.registered_by,) if r.bouncing and r.registered_by.casefold() != r.email_key else ()
    return Mail(
        REMINDER,
        (r.email,),
        language=r.language,
        cc=cc,
        answers=False,
        context={
            "participant": {
                "name": r.name,
                "email": r.email,
                "title": r.title,
                "organisation": r.organisation,
            },
            "seminar": seminar.id,
            "actor": r.actor,
            "status": r.status,
            "registered_by": r.registered_by,
            "reminder": reminder.label,
        },
        calendar=(seminar.id, r.email, r.name),
        about=(r.email,),
    )
