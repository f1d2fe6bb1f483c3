"""What waits for the organiser, and the seats they set by mail (SPEC §14).

A case is stored under the Message-ID of the bot's mail about it: the organiser answers that mail,
and the answer's `In-Reply-To`/`References` name it, never the subject (which any client rewrites
and anyone may copy). A settled case stays, marked with how it was settled, so a second answer can
be told that it came too late rather than act twice.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from mailbot.config import Config
from mailbot.state import Case, OpenCase
from mailbot.store.database import Database, iso

_COLUMNS = (
    "message_id, kind, actor, participants_json, seminar, sender, source_message_id, settled,"
    " details_json"
)


class Cases:
    """The `cases` and `seats` tables."""

    def __init__(self, db: Database) -> None:
        self.conn = db.conn

    def open(self, message_id: str, case: Case, now: dt.datetime) -> None:
        """Record a case under the Message-ID of the mail that tells the organiser of it."""
        self.conn.execute(
            "INSERT OR IGNORE INTO cases (message_id, kind, actor, participants_json, seminar,"
            " sender, source_message_id, opened_at, details_json) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                message_id,
                case.kind,
                case.actor,
                json.dumps(list(case.participants)),
                case.seminar,
                case.sender,
                case.source_message_id,
                iso(now),
                json.dumps(dict(case.details)),
            ),
        )

    def ask(self, message_id: str, asked_message_id: str) -> None:
        """Record the Message-ID of the question mailed to the case's sender: their answer to
        it settles the case as the organiser's answer would (an ambiguous organisation)."""
        self.conn.execute(
            "UPDATE cases SET asked_message_id = ? WHERE message_id = ?",
            (asked_message_id, message_id),
        )

    def case_asked(self, asked_message_id: str) -> OpenCase | None:
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM cases WHERE asked_message_id = ?", (asked_message_id,)
        ).fetchone()
        return _open_case(row) if row is not None else None

    def settle(self, settled: Iterable[tuple[str, str]], now: dt.datetime) -> None:
        """Mark cases settled, each with how (the organiser's answer), once."""
        self.conn.executemany(
            "UPDATE cases SET settled = ?, settled_at = ? WHERE message_id = ? AND settled IS NULL",
            [(how, iso(now), message_id) for message_id, how in settled],
        )

    def case(self, message_id: str) -> OpenCase | None:
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM cases WHERE message_id = ?", (message_id,)
        ).fetchone()
        return _open_case(row) if row is not None else None

    def waiting(self) -> list[OpenCase]:
        """The open cases, oldest first (the organiser's `STATUS`, the digest)."""
        rows = self.conn.execute(
            "SELECT message_id FROM cases WHERE settled IS NULL ORDER BY opened_at"
        ).fetchall()
        return [c for (mid,) in rows if (c := self.case(mid)) is not None]

    def set_seats(self, seats: Iterable[tuple[str, int]], now: dt.datetime) -> None:
        self.conn.executemany(
            "INSERT INTO seats (actor, seats, set_at) VALUES (?,?,?)"
            " ON CONFLICT (actor) DO UPDATE SET seats = excluded.seats, set_at = excluded.set_at",
            [(actor, n, iso(now)) for actor, n in seats],
        )

    def seats_override(self, actor: str) -> int | None:
        row = self.conn.execute("SELECT seats FROM seats WHERE actor = ?", (actor,)).fetchone()
        return int(row[0]) if row else None

    def seat_overrides(self) -> dict[str, int]:
        return {a: int(n) for a, n in self.conn.execute("SELECT actor, seats FROM seats")}

    def applied(self, config: Config) -> Config:
        """The config with the seats the organiser set by mail written into its actors: what
        the deadline report and `status` count with (the decision asks `seats_override`)."""
        seats = self.seat_overrides()
        if not seats:
            return config
        actors = tuple(
            replace(a, seats=seats[a.name]) if a.name in seats else a for a in config.actors
        )
        return replace(config, actors=actors)


def _open_case(row: tuple[Any, ...]) -> OpenCase:
    case = Case(
        kind=row[1],
        actor=row[2],
        participants=tuple(json.loads(row[3])),
        seminar=row[4],
        sender=row[5],
        source_message_id=row[6],
        details=json.loads(row[8] or "{}"),
    )
    return OpenCase(message_id=row[0], case=case, settled=row[7])
