"""Personal data (GDPR): purge a seminar, export one person, retention, and logs without addresses.

Shell: it calls the store (where every SQL statement lives) and the pipeline's journal, and does
nothing clever itself. What the law asks and how mailbot answers:

- Storage limitation: `purge(store, config, seminar)` (`mailbot purge --seminar ID`) deletes what
  is stored about that seminar's participants; `[retention] days_after_seminar = N` makes the
  scheduler do it N days after the seminar ended, once (`apply_retention`, called by
  `schedule.tick`). "Deleted" means gone from the files: SQLite overwrites deleted content
  (`secure_delete`), and afterwards the WAL is checkpointed and truncated and the database is
  rebuilt (`Store.compact`). What stays is a skeleton journal (times, sizes, actors, outcome kinds
  and rules) so the counts still add up, and one journal entry recording the purge.
- Right of access: `export_person(store, config, email)` (`mailbot export-person EMAIL`).
- Logs: nothing above DEBUG names a participant (`logs.redact`, `logs.RedactAddresses`).

Not covered here: copies outside the database — the mail in the IMAP done folder, the outbox
`.eml` files `--outbox DIR` wrote, backups, the mail server's own logs. SECURITY.md says so.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from mailbot import due, pipeline
from mailbot.config import Config, Seminar
from mailbot.model import Decision
from mailbot.store import Store

log = logging.getLogger("mailbot.privacy")

RETENTION = "purge"  # the scheduled-work kind that records a retention purge (once per seminar)
RETENTION_KEY = "retention"
NOTHING = Decision(outcomes=())  # a purge changes no registration through the decision path


@dataclass(frozen=True)
class PurgeReport:
    """What one purge removed; `compacted` is False when a reader held the WAL open."""

    seminar: str
    counts: dict[str, int]
    compacted: bool

    def describe(self) -> str:
        c = self.counts
        return (
            f"purged seminar {self.seminar}: {c['registrations']} registrations,"
            f" {c['messages']} messages, {c['outbox']} mails, {c['held']} held,"
            f" {c['alerts']} alerts, {c['reminders']} reminder markers"
        )


def report_files(seminar_id: str) -> tuple[str, ...]:
    """The deadline report's attachment names for a seminar, in every language (`due`)."""
    names = (*due.CSV_FILENAME.values(), *due.XLSX_FILENAME.values())
    return tuple(name.format(id=seminar_id) for name in names)


def purge(
    store: Store,
    config: Config,
    seminar_id: str,
    now: dt.datetime,
    *,
    why: str = "mailbot purge",
    marker: tuple[str, str, str] | None = None,
) -> PurgeReport:
    """Delete what is stored about one seminar's participants, leaving no byte in the files.

    One transaction deletes and records the purge in the journal; then the files are compacted
    (outside it: VACUUM cannot run in a transaction). Safe to repeat: a second purge finds
    nothing more to delete.
    """
    actors = [a.name for a in config.actors if a.seminar == seminar_id]
    with store.transaction():
        counts = store.personal.purge_seminar(
            seminar_id,
            actors=actors,
            report_files=report_files(seminar_id),
            keep=(config.organiser.address, config.bot.address),
            marker=marker,
            now=now,
        )
        report = PurgeReport(seminar_id, counts, compacted=False)
        subject = f"{why}: {report.describe()}"
        pipeline.record_entry(store, config, "command", subject, NOTHING, now)
    compacted = store.personal.compact()
    log.info("%s%s", report.describe(), "" if compacted else " (WAL still in use by a reader)")
    return PurgeReport(seminar_id, counts, compacted)


def retention_due(store: Store, config: Config, now: dt.datetime) -> list[Seminar]:
    """Seminars that ended more than `[retention] days_after_seminar` days ago and were not
    purged for retention yet."""
    days = config.retention_days
    if days is None:
        return []
    return [
        s
        for s in config.seminars
        if now.astimezone(dt.UTC) > (s.ends + dt.timedelta(days=days)).astimezone(dt.UTC)
        and not store.scheduled_done(RETENTION, s.id, RETENTION_KEY)
    ]


def apply_retention(store: Store, config: Config, now: dt.datetime) -> list[PurgeReport]:
    """Purge every seminar whose retention time is over (once each; a marker records it)."""
    reports = []
    for seminar in retention_due(store, config, now):
        reports.append(
            purge(
                store,
                config,
                seminar.id,
                now,
                why=f"retention ({config.retention_days} days after the seminar)",
                marker=(RETENTION, seminar.id, RETENTION_KEY),
            )
        )
    return reports


def export_person(store: Store, config: Config, email: str) -> dict[str, Any]:
    """All that is stored about one address, as JSON-ready values (times with their offset)."""
    key = email.strip().casefold()
    data = store.personal.person_data(key)
    zone = config.seminars[0].starts.tzinfo

    def when(value: dt.datetime | None) -> str | None:
        return value.astimezone(zone).isoformat(timespec="seconds") if value else None

    own = [r for r in data["registrations"] if r.email_key == key]
    others = [r for r in data["registrations"] if r.email_key != key]
    return {
        "email": key,
        "registrations": [
            {
                "seminar": r.seminar,
                "name": r.name,
                "email": r.email,
                "title": r.title,
                "organisation": r.organisation,
                "notes": r.notes,
                "actor": r.actor,
                "status": r.status,
                "registered_at": when(r.registered_at),
                "registered_by": r.registered_by,
                "confirmed_at": when(r.confirmed_at),
                "language": r.language,
                "bouncing": r.bouncing,
            }
            for r in own
        ],
        # People this address registered: that they did is about them too (not the others'
        # details beyond the address and the booking).
        "registered_others": [
            {
                "seminar": r.seminar,
                "email": r.email,
                "status": r.status,
                "registered_at": when(r.registered_at),
            }
            for r in others
        ],
        "messages": [{**m, "received_at": when(m["received_at"])} for m in data["messages"]],
        "outbox": [
            {**o, "created_at": when(o["created_at"]), "sent_at": when(o["sent_at"])}
            for o in data["outbox"]
        ],
        "held": [
            {
                **h,
                "held_at": when(h["held_at"]),
                "expires_at": when(h["expires_at"]),
                "released_at": when(h["released_at"]),
            }
            for h in data["held"]
        ],
        "alerts": data["alerts"],
        "reminders": [{**r, "done_at": when(r["done_at"])} for r in data["reminders"]],
        "cases": data["cases"],
    }
