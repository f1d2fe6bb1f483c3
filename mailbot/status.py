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


def render(store: Store, config: Config, now: dt.datetime) -> str:
    counts: Counter[tuple[str, str, str]] = Counter(
        (r.seminar, r.actor, r.status) for r in store.participants()
    )
    lines: list[str] = []
    for seminar in config.seminars:
        lines.append(f"Seminar {seminar.id}: {seminar.title}")
        lines.append(
            f"  starts {seminar.starts.isoformat(timespec='minutes')} ({countdown(seminar.starts, now)}),"
            f" deadline {seminar.deadline.isoformat(timespec='minutes')} ({countdown(seminar.deadline, now)})"
        )
        actors = [a for a in config.actors if a.seminar == seminar.id]
        others = sorted({a for (s, a, _) in counts if s == seminar.id} - {a.name for a in actors})
        width = max([len(a.name) for a in actors] + [len(o) for o in others] + [5])
        lines.append(f"  {'actor'.ljust(width)}  seats  used  free  waitlist  pending")
        for name, seats in [(a.name, config.seats_for(a)) for a in actors] + [(o, 0) for o in others]:
            used = counts[(seminar.id, name, "confirmed")]
            waiting = counts[(seminar.id, name, "waitlisted")]
            pending = counts[(seminar.id, name, "pending")]
            lines.append(
                f"  {name.ljust(width)}  {seats:>5}  {used:>4}  {max(seats - used, 0):>4}"
                f"  {waiting:>8}  {pending:>7}"
            )
        lines.append("")
    outbox = store.outbox_counts()
    lines.append(
        "Outbox: "
        + ", ".join(f"{outbox.get(k, 0)} {k}" for k in ("queued", "sent", "failed", "written"))
    )
    health = store.health()
    if health:
        lines.append("Service: " + ", ".join(f"{k} {v}" for k, v in sorted(health.items())))
    return "\n".join(lines)
