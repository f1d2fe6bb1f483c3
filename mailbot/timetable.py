"""When scheduled work falls due: deadline reports (SPEC §7), reminders (§8) and the organiser's
daily digest (§14).

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
- Digest: once a day at `[organiser] digest_at`, local time in the time zone of the first seminar
  (the seminars of one event share a zone; when they do not, the first one's is the organiser's),
  from the first registration until the last seminar has ended; marker
  `("digest", "", "<local date>")`, or `("digest", "", "<local date>:quiet")` on a day when
  nothing had changed (`digest`).

What the mails say is made elsewhere (`due`: the deadline report and reminders; `digest`): those
build CSV and `.xlsx` lists, and `mailbot status`, which shows what is due and the next wake-ups,
loads only this module.
"""

from __future__ import annotations

import datetime as dt
from typing import Final
from zoneinfo import ZoneInfo

from mailbot.config import Config, Reminder, Seminar
from mailbot.state import Registration, State

REPORT: Final = "deadline-report"
REMINDER: Final = "reminder"
DIGEST: Final = "digest"
QUIET: Final = ":quiet"

# The report is due strictly after the deadline (a message received at the deadline is on time,
# §7); the first look is one second later, the resolution deadlines are written with.
REPORT_LOOK_AFTER = dt.timedelta(seconds=1)


# ------------------------------------------------------------- deadline report and reminders


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


def _utc(when: dt.datetime) -> dt.datetime:
    """Compare instants in UTC: two datetimes sharing one zone compare (and add) as wall-clock
    times, which is wrong in the hour a daylight-saving switch repeats."""
    return when.astimezone(dt.UTC)


# ------------------------------------------------------------------------ the daily digest


def zone_of(config: Config) -> ZoneInfo:
    """The digest's time zone: the first seminar's (see the module's docstring)."""
    return ZoneInfo(config.seminars[0].timezone if config.seminars else "Europe/Stockholm")


def zone_note(config: Config) -> str | None:
    """For `check-config`: which zone `digest_at` is read in, when the seminars' zones differ."""
    zones = {s.timezone for s in config.seminars}
    if config.organiser.digest_at is None or len(zones) < 2:
        return None
    at, used = config.organiser.digest_at, ", ".join(sorted(zones))
    return (
        f"organiser.digest_at {at:%H:%M} is local time in {zone_of(config).key}"
        f" (the first seminar's zone; the seminars use {used})"
    )


def latest_slot(config: Config, now: dt.datetime) -> tuple[dt.date, dt.datetime] | None:
    """The latest digest time at or before `now`, with its local date; None without `digest_at`."""
    at = config.organiser.digest_at
    if at is None:
        return None
    zone = zone_of(config)
    day = now.astimezone(zone).date()
    slot = _instant(day, at, zone)
    if slot > now.astimezone(dt.UTC):
        day -= dt.timedelta(days=1)
        slot = _instant(day, at, zone)
    return day, slot


def next_slot(config: Config, now: dt.datetime) -> dt.datetime | None:
    """The first digest time after `now` (a wake-up for the scheduler), before the last seminar
    ends; None when there is none."""
    found = latest_slot(config, now)
    at = config.organiser.digest_at
    if found is None or at is None or not config.seminars:
        return None
    following = _instant(found[0] + dt.timedelta(days=1), at, zone_of(config))
    return following if following < last_end(config) else None


def markers(day: dt.date) -> tuple[tuple[str, str, str], tuple[str, str, str]]:
    """The marker of a day's digest, and of a day when nothing had changed."""
    return (DIGEST, "", day.isoformat()), (DIGEST, "", day.isoformat() + QUIET)


def _instant(day: dt.date, at: dt.time, zone: ZoneInfo) -> dt.datetime:
    # A wall time a daylight-saving switch skips lands after the gap, as `durations` does it.
    wall = dt.datetime.combine(day, at, tzinfo=zone)
    return dt.datetime.fromtimestamp(wall.timestamp(), dt.UTC)


def last_end(config: Config) -> dt.datetime:
    """When the last seminar ends: no digest is due after it."""
    return max(s.ends.astimezone(dt.UTC) for s in config.seminars)
