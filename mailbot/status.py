"""`mailbot status`: what an organiser wants to see at a glance (SPEC §13).

Seats used and free per actor, waitlists, the deadline countdown, the outbox and the service's
health. Reads only, through WAL snapshots, so it works while `mailbot run` is running.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from mailbot import timetable
from mailbot.config import Config
from mailbot.store import Store
from mailbot.store.mailbox import CURRENT, RESOLVED, ok_key

# `lock.holder`'s answer: the service's pid and since when (None while it writes them).
Holder = tuple[int | None, dt.datetime | None]


def countdown(until: dt.datetime, now: dt.datetime) -> str:
    delta = until - now
    if delta.total_seconds() <= 0:
        return "passed"
    days, rest = divmod(int(delta.total_seconds()), 86400)
    hours, rest = divmod(rest, 3600)
    return f"in {days} d {hours} h {rest // 60} min"


def scheduled(store: Store, config: Config, now: dt.datetime, limit: int = 8) -> list[str]:
    """The next wake-ups of the scheduler, and work already due that no look has queued yet
    (the service is not running, or its next look is still to come)."""
    lines = ["Scheduled:"]
    for seminar in config.seminars:
        if timetable.report_due(seminar, store, now):
            lines.append(f"  due now  deadline report {seminar.id} (queued at the next tick)")
        waiting = timetable.reminders_due(seminar, store, now)
        if waiting:
            label = waiting[0][1].label
            lines.append(
                f"  due now  reminder {label} {seminar.id} to {len(waiting)} participants"
                " (queued at the next tick)"
            )
    wakeups = timetable.next_wakeups(config, now)
    at_digest = timetable.next_slot(config, now)
    if at_digest is not None:
        zone = timetable.zone_of(config)
        wakeups = sorted([*wakeups, (at_digest.astimezone(zone), "daily digest")])
    for at, what in wakeups[:limit]:  # each in its seminar's own time zone
        lines.append(f"  {at.isoformat(timespec='minutes')}  {what} ({countdown(at, now)})")
    if len(wakeups) > limit:
        lines.append(f"  … and {len(wakeups) - limit} more")
    if len(lines) == 1:
        lines.append("  nothing left to schedule")
    lines.append("")
    return lines


def render(
    store: Store,
    config: Config,
    now: dt.datetime,
    running: Holder | None = None,
    database_problem: str | None = None,
) -> str:
    """The whole report; `running` and `database_problem` as `service` takes them."""
    config = store.cases.applied(config)  # the organiser's `PLATSER` (§14)
    counts: Counter[tuple[str, str, str]] = Counter(
        (r.seminar, r.actor, r.status) for r in store.participants()
    )
    lines: list[str] = []
    for seminar in config.seminars:
        lines.append(f"Seminar {seminar.id}: {seminar.title}")
        starts, deadline = seminar.starts, seminar.deadline
        lines.append(
            f"  starts {starts.isoformat(timespec='minutes')} ({countdown(starts, now)}),"
            f" deadline {deadline.isoformat(timespec='minutes')} ({countdown(deadline, now)})"
        )
        actors = [a for a in config.actors if a.seminar == seminar.id]
        others = sorted({a for (s, a, _) in counts if s == seminar.id} - {a.name for a in actors})
        width = max([len(a.name) for a in actors] + [len(o) for o in others] + [5])
        lines.append(f"  {'actor'.ljust(width)}  seats  used  free  waitlist  pending")
        for name, seats in [(a.name, config.seats_for(a)) for a in actors] + [
            (o, 0) for o in others
        ]:
            used = counts[(seminar.id, name, "confirmed")]
            waiting = counts[(seminar.id, name, "waitlisted")]
            pending = counts[(seminar.id, name, "pending")]
            lines.append(
                f"  {name.ljust(width)}  {seats:>5}  {used:>4}  {max(seats - used, 0):>4}"
                f"  {waiting:>8}  {pending:>7}"
            )
        lines.append("")
    lines += scheduled(store, config, now)
    outbox = store.outbox.counts()
    lines.append(
        "Outbox: "
        + ", ".join(f"{outbox.get(k, 0)} {k}" for k in ("queued", "sent", "failed", "written"))
    )
    lines += service(store, running, database_problem)
    return "\n".join(lines)


def service(store: Store, running: Holder | None, database_problem: str | None = None) -> list[str]:
    """Whether the service runs (`running`: the lock's holder, `lock.holder`), its last contact
    with each server, its current errors (cleared when they end: `health`), the outbox backlog
    and its oldest mail, and a database that cannot be written (`database_problem`)."""
    notes = store.mailbox.health()
    lines = _head(running, notes.get("started_at"), database_problem)
    for part in ("IMAP", "SMTP"):
        last = notes.get(ok_key(part))
        lines.append(f"  last {part} contact: {_at(last) if last else 'none yet'}")
    if notes.get("smtp_slow_down"):  # "": the provider's request ended
        lines.append(f"  SMTP: {notes['smtp_slow_down']}")
    current = sorted(
        (k.removeprefix(CURRENT), v) for k, v in notes.items() if k.startswith(CURRENT)
    )
    label = "current errors" if running is not None else "errors when it stopped"
    lines.append(f"  {label}: {'none' if not current else ''}".rstrip())
    lines += [f"    {part} since {text}" for part, text in current]
    resolved = sorted(
        (k.removeprefix(RESOLVED), v) for k, v in notes.items() if k.startswith(RESOLVED)
    )
    lines += [f"  last resolved: {part} from {text}" for part, text in resolved]
    counts = store.outbox.counts()
    oldest = store.outbox.oldest_queued()
    waiting = counts.get("queued", 0)
    lines.append(
        f"  outbox backlog: {waiting} waiting"
        + (f", the oldest queued {_at(oldest)}" if oldest else "")
    )
    return lines


def unreadable(running: Holder | None, database_problem: str | None, error: Exception) -> str:
    """What `status` can still say when the database cannot even be opened (a full disk
    leaves no room for its `-shm`): whether the service runs, and what is wrong."""
    lines = _head(running, None, database_problem)
    lines.append(f"  the database cannot be read: {error}")
    return "\n".join(lines)


def _head(running: Holder | None, started_at: str | None, problem: str | None) -> list[str]:
    if running is not None:
        pid, since = running
        when = f" since {_at(since)}" if since else ""
        lines = [f"Service: running{when} (pid {pid if pid is not None else '?'})"]
    elif started_at:
        lines = [f"Service: NOT RUNNING (last started {_at(started_at)})"]
    else:
        lines = ["Service: NOT RUNNING (not started on this database, or not known)"]
    if problem:
        lines.append(f"  DATABASE CANNOT BE WRITTEN: {problem}")
    return lines


def _at(when: dt.datetime | str) -> str:
    """A time with how long ago it was, in real time (health notes describe the process)."""
    if isinstance(when, str):
        when = dt.datetime.fromisoformat(when)
    ago = int((dt.datetime.now(dt.UTC) - when).total_seconds())
    hours, rest = divmod(max(ago, 0), 3600)
    age = f"{hours} h {rest // 60} min" if hours else f"{rest // 60} min {rest % 60} s"
    return f"{when.isoformat(timespec='seconds')} ({age} ago)"
