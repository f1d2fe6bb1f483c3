"""Registrations, and the reads a decision makes (the `State` protocol of `mailbot.state`).

The queries count and list; what the counts mean (a seat is free, the reply cap is reached) is
decided in the core.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from mailbot.state import ACTIVE, HeldToken, Registration
from mailbot.store.database import Database, from_iso, iso

if TYPE_CHECKING:
    from mailbot.model import Alert


class Registrations:
    """The registrations table and the State queries over the whole database."""

    def __init__(self, db: Database) -> None:
        self.conn = db.conn
        self.transaction = db.transaction

    def upsert(
        self, registrations: Iterable[Registration], now: dt.datetime, message: int | None
    ) -> None:
        self.conn.executemany(
            "INSERT INTO registrations (seminar, email, email_key, name, title, organisation,"
            " notes, actor, status, registered_at, registered_by, language, confirmed_at, bouncing,"
            " message, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT (seminar, email_key) DO UPDATE SET email = excluded.email,"
            " name = excluded.name, title = excluded.title, organisation = excluded.organisation,"
            " notes = excluded.notes, actor = excluded.actor, status = excluded.status,"
            " registered_at = excluded.registered_at, registered_by = excluded.registered_by,"
            " language = excluded.language, confirmed_at = excluded.confirmed_at,"
            " bouncing = excluded.bouncing, message = COALESCE(excluded.message, message),"
            " updated_at = excluded.updated_at",
            [
                (
                    r.seminar,
                    r.email,
                    r.email_key,
                    r.name,
                    r.title,
                    r.organisation,
                    r.notes,
                    r.actor,
                    r.status,
                    iso(r.registered_at),
                    r.registered_by,
                    r.language,
                    iso(r.confirmed_at) if r.confirmed_at else None,
                    int(r.bouncing),
                    message,
                    iso(now),
                )
                for r in registrations
            ],
        )

    def mark_bouncing(self, addresses: Iterable[str], now: dt.datetime) -> None:
        """Registrations of addresses a delivery report says bounce (§9)."""
        self.conn.executemany(
            "UPDATE registrations SET bouncing = 1, updated_at = ? WHERE email_key = ?",
            [(iso(now), addr.casefold()) for addr in addresses],
        )

    def delete_registration(self, seminar: str, email_key: str) -> None:
        self.conn.execute(
            "DELETE FROM registrations WHERE seminar = ? AND email_key = ?", (seminar, email_key)
        )

    def _registration(self, row: sqlite3.Row) -> Registration:
        return Registration(
            id=row["id"],
            seminar=row["seminar"],
            email=row["email"],
            name=row["name"],
            title=row["title"],
            organisation=row["organisation"],
            notes=row["notes"],
            actor=row["actor"],
            status=row["status"],
            registered_at=from_iso(row["registered_at"]),  # type: ignore[arg-type]
            registered_by=row["registered_by"],
            language=row["language"],
            confirmed_at=from_iso(row["confirmed_at"]),
            bouncing=bool(row["bouncing"]),
        )

    def registration(self, seminar: str, email_key: str) -> Registration | None:
        row = self.conn.execute(
            "SELECT * FROM registrations WHERE seminar = ? AND email_key = ?", (seminar, email_key)
        ).fetchone()
        return self._registration(row) if row else None

    def registrations_of(self, email_key: str) -> list[Registration]:
        rows = self.conn.execute(
            "SELECT * FROM registrations WHERE email_key = ? ORDER BY registered_at, id",
            (email_key,),
        ).fetchall()
        return [self._registration(r) for r in rows]

    def registrations_by(self, actor: str) -> list[Registration]:
        rows = self.conn.execute(
            "SELECT * FROM registrations WHERE actor = ? ORDER BY registered_at, id", (actor,)
        ).fetchall()
        return [self._registration(r) for r in rows]

    def confirmed_count(self, actor: str, seminar: str) -> int:
        return int(
            self.conn.execute(
                "SELECT COUNT(*) FROM registrations WHERE actor = ? AND seminar = ?"
                " AND status = 'confirmed'",
                (actor, seminar),
            ).fetchone()[0]
        )

    def waitlist(self, actor: str, seminar: str) -> list[Registration]:
        rows = self.conn.execute(
            "SELECT * FROM registrations WHERE actor = ? AND seminar = ? AND status = 'waitlisted'"
            " ORDER BY registered_at, id",
            (actor, seminar),
        ).fetchall()
        return [self._registration(r) for r in rows]

    def replies_since(self, sender_key: str, since: dt.datetime) -> int:
        return int(
            self.conn.execute(
                "SELECT COUNT(*) FROM outbox WHERE sender_key = ? AND caused_at >= ?",
                (sender_key, iso(since)),
            ).fetchone()[0]
        )

    def own_message(self, message_id: str) -> tuple[str, ...] | None:
        row = self.conn.execute(
            "SELECT about_json FROM outbox WHERE message_id = ?", (message_id,)
        ).fetchone()
        return tuple(json.loads(row[0])) if row else None

    def mailed_since(self, address_key: str, since: dt.datetime) -> bool:
        # Case-folding is Python's (SQLite's lower() is ASCII only); the time bound keeps the
        # rows to a week's mail, and only delivery reports without returned headers ask.
        rows = self.conn.execute(
            "SELECT to_json, cc_json FROM outbox WHERE caused_at >= ?", (iso(since),)
        )
        return any(
            address_key == a.casefold()
            for to, cc in rows
            for a in (*json.loads(to), *json.loads(cc))
        )

    def alerted(self, kind: str, key: str, day: dt.date) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM alerts WHERE kind = ? AND key = ? AND day = ?",
            (kind, key, day.isoformat()),
        ).fetchone()
        return row is not None

    def record_alert(self, alert: Alert) -> None:
        """Note an alert mailed outside a decision (the credential expiry notice): at most one
        a day, as `alerted` then says."""
        self.conn.execute(
            "INSERT OR IGNORE INTO alerts (kind, key, day) VALUES (?,?,?)",
            (alert.kind, alert.key, alert.day.isoformat()),
        )

    def alerts_on(self, kind: str, day: dt.date) -> int:
        return int(
            self.conn.execute(
                "SELECT COUNT(*) FROM alerts WHERE kind = ? AND day = ?", (kind, day.isoformat())
            ).fetchone()[0]
        )

    def held_token(self, token_hash: str) -> HeldToken | None:
        row = self.conn.execute(
            "SELECT sender_key, expires_at, released_at FROM held WHERE token_hash = ?",
            (token_hash,),
        ).fetchone()
        if row is None:
            return None
        return HeldToken(row[0], from_iso(row[1]), row[2] is not None)  # type: ignore[arg-type]

    def scheduled_done(self, kind: str, seminar: str, key: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM scheduled WHERE kind = ? AND seminar = ? AND key = ?",
            (kind, seminar, key),
        ).fetchone()
        return row is not None

    def participants(self, seminar: str | None = None) -> list[Registration]:
        sql = "SELECT * FROM registrations"
        args: tuple[Any, ...] = ()
        if seminar:
            sql += " WHERE seminar = ?"
            args = (seminar,)
        rows = self.conn.execute(
            sql + " ORDER BY seminar, actor, registered_at, id", args
        ).fetchall()
        return [self._registration(r) for r in rows]

    def active_count(self) -> int:
        marks = ",".join("?" * len(ACTIVE))
        return int(
            self.conn.execute(
                f"SELECT COUNT(*) FROM registrations WHERE status IN ({marks})", tuple(ACTIVE)
            ).fetchone()[0]
        )
