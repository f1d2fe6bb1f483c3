"""`mailbot status`: what an organiser wants to see at a glance (SPEC §13).

Seats used and free per actor, waitlists, the deadline countdown, the outbox and the service's
health. Reads only, through WAL snapshots, so it works while `mailbot run` is running.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from mailbot.config import Config
from mailbot.store import Store


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
    from mailbot import due

    lines = ["Scheduled:"]
    for seminar in config.seminars:
        if due.report_due(seminar, store, now):
            lines.append(f"  due now  deadline report {seminar.id} (queued at the next tick)")
        waiting = due.reminders_due(seminar, store, now)
        if waiting:
            label = waiting[0][1].label
            lines.append(
                f"  due now  reminder {label} {seminar.id} to {len(waiting)} participants"
                " (queued at the next tick)"
            )
    wakeups = due.next_wakeups(config, now)
    for at, what in wakeups[:limit]:  # each in its seminar's own time zone
        lines.append(f"  {at.isoformat(timespec='minutes')}  {what} ({countdown(at, now)})")
    if len(wakeups) > limit:
        lines.append(f"  … and {len(wakeups) - limit} more")
    if len(lines) == 1:
        lines.append("  nothing left to schedule")
    lines.append("")
    return lines


def render(store: Store, config: Config, now: dt.datetime) -> str:
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
    health = {k: v for k, v in store.mailbox.health().items() if v}  # "": a condition that ended
    if health:
        lines.append("Service: " + ", ".join(f"{k} {v}" for k, v in sorted(health.items())))
    return "\n".join(lines)
