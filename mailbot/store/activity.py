"""What happened since an instant, for the organiser's daily digest (SPEC §14, `digest`).

Read from what the store keeps anyway, so the digest needs no bookkeeping of its own: the
journal's outcomes (every booking, cancellation and promotion, whether caused by a message, an
organiser command or a scheduled look, is an outcome of a journal entry, timed by when it was
handled), the outbox (forwards to the organiser, mails that failed for good), and held messages.
"""

from __future__ import annotations

import datetime as dt
import json

from mailbot.digest import CHANGE_OUTCOMES, Activity, Change, Forwarded, Trouble
from mailbot.store.database import Database, from_iso, iso
from mailbot.timetable import DIGEST, QUIET

# Mails to the organiser about a case that waits for them.
WAITING_KINDS = (
    "forward-to-organiser",
    "forward-seminar-request",
    "forward-ambiguous",
    "alert-unauthenticated",
)
# Stands for "no digest yet": before any time the store holds.
_BEGINNING = "0000"


def _when(text: str) -> dt.datetime:
    when = from_iso(text)
    assert when is not None
    return when


class ActivityLog:
    """The digest's questions (`digest.DigestState`), answered with indexed SQL."""

    def __init__(self, db: Database) -> None:
        self.conn = db.conn

    def last_digest(self) -> dt.datetime | None:
        row = self.conn.execute(
            "SELECT MAX(done_at) FROM scheduled WHERE kind = ? AND key NOT LIKE ?",
            (DIGEST, "%" + QUIET),
        ).fetchone()
        return from_iso(row[0])

    def first_registered_at(self) -> dt.datetime | None:
        row = self.conn.execute("SELECT MIN(registered_at) FROM registrations").fetchone()
        return from_iso(row[0])

    def activity_since(self, since: dt.datetime | None, now: dt.datetime) -> Activity:
        after = iso(since) if since else _BEGINNING
        marks = ",".join("?" * len(CHANGE_OUTCOMES))
        changes = tuple(
            Change(outcome, participant, _when(at))
            for outcome, participant, at in self.conn.execute(
                "SELECT o.outcome, o.participant, m.handled_at FROM outcomes o"
                " JOIN messages m ON m.id = o.message"
                f" WHERE m.handled_at > ? AND o.participant IS NOT NULL AND o.outcome IN ({marks})"
                " ORDER BY m.handled_at, o.message, o.seq",
                (after, *CHANGE_OUTCOMES),
            )
        )
        return Activity(
            changes=changes,
            forwarded=self._forwarded(after),
            troubles=self._bounces(after) + self._failures(after),
            held_new=self._count("SELECT COUNT(*) FROM held WHERE held_at > ?", after),
            held_waiting=self._count(
                "SELECT COUNT(*) FROM held WHERE released_at IS NULL AND expires_at > ?", iso(now)
            ),
        )

    def _forwarded(self, after: str) -> tuple[Forwarded, ...]:
        marks = ",".join("?" * len(WAITING_KINDS))
        return tuple(
            Forwarded(kind, subject, _when(at))
            for kind, subject, at in self.conn.execute(
                "SELECT kind, subject, created_at FROM outbox"
                f" WHERE created_at > ? AND kind IN ({marks}) ORDER BY created_at, id",
                (after, *WAITING_KINDS),
            )
        )

    def _bounces(self, after: str) -> tuple[Trouble, ...]:
        """Addresses a delivery report said bounce (`decide.reports`), once each."""
        seen: dict[str, Trouble] = {}
        for participant, at in self.conn.execute(
            "SELECT o.participant, m.handled_at FROM outcomes o JOIN messages m"
            " ON m.id = o.message WHERE m.handled_at > ? AND o.rule = 'delivery-report'"
            " AND o.participant IS NOT NULL ORDER BY m.handled_at",
            (after,),
        ):
            seen.setdefault(participant.casefold(), Trouble("bounce", participant, _when(at)))
        return tuple(seen.values())

    def _failures(self, after: str) -> tuple[Trouble, ...]:
        """Mails the outbox gave up on (`sent_at` is when it did)."""
        return tuple(
            Trouble("failed", ", ".join(json.loads(to)), _when(at), f"{kind}: {error or ''}")
            for to, at, error, kind in self.conn.execute(
                "SELECT to_json, sent_at, last_error, kind FROM outbox"
                " WHERE status = 'failed' AND sent_at > ? ORDER BY sent_at, id",
                (after,),
            )
        )

    def _count(self, sql: str, value: str) -> int:
        return int(self.conn.execute(sql, (value,)).fetchone()[0])
