"""Scheduled work: what is due at an instant — deadline reports (SPEC §7) and reminders (§8).

Rules of this file: it reads nothing but its arguments (config, a read-only `State`, `now`) and
writes nothing; it never reads a clock. Whether a piece of work is due is derived from the database
alone, so a restart, a late timer or a second process cannot lose or repeat it (§12): each piece of
work done is named by a `(kind, seminar, key)` marker that the store writes in the same
transaction as the mails it queues, and work whose marker exists is not due.

- Deadline report: due once `now > deadline` and before the seminar ends; marker
  `("deadline-report", seminar, <deadline as UTC ISO 8601>)`, so a deadline the organiser moves
  later gets a fresh report after the new deadline.
- Reminders: only the latest reminder whose instant has come (and the seminar not yet started) is
  sent, to each confirmed participant whose seat was theirs at or before that instant, and who has
  not had that reminder or a later one; marker `("reminder", seminar, "<email key>:<label>")`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Final

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

REPORT: Final = "deadline-report"
REMINDER: Final = "reminder"

# The report is due strictly after the deadline (a message received at the deadline is on time,
# §7); the first look is one second later, the resolution deadlines are written with.
REPORT_LOOK_AFTER = dt.timedelta(seconds=1)

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


def next_wakeups(config: Config, now: dt.datetime) -> list[tuple[dt.datetime, str]]:
    """Future instants at which something may become due, earliest first, with what it is.

    Derived from the config alone: a wake-up is a hint to look, never a promise that work is due
    (the marker may exist already), and work due between wake-ups is found by any later look.
    Each instant is in its seminar's own time zone.
    """
    wakeups: list[tuple[dt.datetime, str]] = []
    for seminar in config.seminars:
        zone = seminar.starts.tzinfo
        look = (_utc(seminar.deadline) + REPORT_LOOK_AFTER).astimezone(zone)
        if _utc(now) < _utc(look) < _utc(seminar.ends):
            wakeups.append((look, f"deadline report {seminar.id}"))
        for reminder in seminar.reminders:
            at = reminder.due_at(seminar.starts)
            if _utc(now) < _utc(at) < _utc(seminar.starts):
                wakeups.append((at, f"reminder {reminder.label} {seminar.id}"))
    return sorted(wakeups, key=lambda w: (_utc(w[0]), w[1]))


# --------------------------------------------------------------------------- deadline report


def report_marker(seminar: Seminar) -> tuple[str, str, str]:
    return (REPORT, seminar.id, seminar.deadline.astimezone(dt.UTC).isoformat())


def report_due(seminar: Seminar, state: State, now: dt.datetime) -> bool:
    """After the deadline, before the seminar ends, and not yet queued.

    A report after the seminar has ended would be noise (an old config, a bot installed late);
    `mailbot participants` still has the list.
    """
    if not (_utc(seminar.deadline) < _utc(now) < _utc(seminar.ends)):
        return False
    return not state.scheduled_done(*report_marker(seminar))


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


def _utc(when: dt.datetime) -> dt.datetime:
    """Compare instants in UTC: two datetimes sharing one zone compare (and add) as wall-clock
    times, which is wrong in the hour a daylight-saving switch repeats."""
    return when.astimezone(dt.UTC)


def _invited_to(config: Config, actor_name: str) -> str | None:
    return next((a.seminar for a in config.actors if a.name == actor_name), None)


# --------------------------------------------------------------------------- reminders


def reminder_marker(
    seminar: Seminar, registration: Registration, reminder: Reminder
) -> tuple[str, str, str]:
    return (REMINDER, seminar.id, f"{registration.email_key}:{reminder.label}")


def latest_due_reminder(seminar: Seminar, now: dt.datetime) -> tuple[Reminder, dt.datetime] | None:
    """The latest reminder whose instant has come, with that instant (UTC); none at or after
    the start.

    Only this one is sent: a bot that was down across two reminder times sends one catch-up,
    not a pile (§8). Among reminders at the same instant the first in the config wins.
    """
    now = _utc(now)
    if now >= _utc(seminar.starts):
        return None
    latest: tuple[Reminder, dt.datetime] | None = None
    for reminder in seminar.reminders:
        at = _utc(reminder.due_at(seminar.starts))
        if at <= now and (latest is None or at > latest[1]):
            latest = (reminder, at)
    return latest


def reminders_due(
    seminar: Seminar, state: State, now: dt.datetime
) -> list[tuple[Registration, Reminder]]:
    """(participant, reminder) pairs to send now.

    A participant qualifies when their booking is confirmed, the seat became theirs at or before
    the reminder's instant (registered, promoted or substituted before it: someone confirmed later
    has just had a confirmation with the same facts, and waits for the next reminder), and no
    reminder at this instant or later was sent to them. A cancelled participant is not confirmed
    and so gets none. An address known to bounce is still tried (a full mailbox recovers; the
    outbox records a permanent failure), with the registering sender in Cc so someone gets it.
    """
    found = latest_due_reminder(seminar, now)
    if found is None:
        return []
    reminder, at = found
    covering = [r for r in seminar.reminders if _utc(r.due_at(seminar.starts)) >= at]
    due_now: list[tuple[Registration, Reminder]] = []
    for registration in state.participants(seminar.id):
        if registration.status != "confirmed":
            continue
        confirmed_at = registration.confirmed_at or registration.registered_at
        if _utc(confirmed_at) > at:
            continue
        if any(state.scheduled_done(*reminder_marker(seminar, registration, r)) for r in covering):
            continue
        due_now.append((registration, reminder))
    return due_now


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
