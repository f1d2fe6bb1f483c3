"""The journal: every message kept as received, what was decided about it, and held messages.

Raw bytes are saved before anything else happens to them (§12); `record` then writes a
decision's effects — outcomes, registrations, queued mails, alerts, scheduled work done — inside
the caller's transaction, through the other repositories.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from mailbot.model import Alert, Outcome
from mailbot.state import Registration
from mailbot.store.database import Database, from_iso, iso
from mailbot.store.outbox import OutboxQueue, QueuedMail
from mailbot.store.registrations import Registrations


@dataclass(frozen=True)
class StoredMessage:
    id: int
    key: str
    state: str
    attempts: int
    size: int | None = None  # the size as received: a headers-only copy is still "too large"


class Journal:
    """Messages and their outcomes (§11), and messages held for a token (§4.4)."""

    def __init__(self, db: Database, registrations: Registrations, outbox: OutboxQueue) -> None:
        self.conn = db.conn
        self.transaction = db.transaction
        self._registrations = registrations
        self._outbox = outbox

    def find_message(self, key: str) -> StoredMessage | None:
        """The message stored under `key`, also after `purge_seminar` re-keyed it."""
        row = self.conn.execute(
            "SELECT id, message_key, state, attempts, size FROM messages"
            " WHERE message_key IN (?, ?) ORDER BY id LIMIT 1",
            (key, purged_key(key)),
        ).fetchone()
        return StoredMessage(row[0], row[1], row[2], row[3], row[4]) if row else None

    def state_of(self, message: int) -> str | None:
        """The message's state now ("received" until decided); None if there is no such row."""
        row = self.conn.execute("SELECT state FROM messages WHERE id = ?", (message,)).fetchone()
        return str(row[0]) if row else None

    def find_by_uid(self, folder: str, uidvalidity: int, uid: int) -> StoredMessage | None:
        row = self.conn.execute(
            "SELECT id, message_key, state, attempts FROM messages"
            " WHERE folder = ? AND uidvalidity = ? AND uid = ?",
            (folder, uidvalidity, uid),
        ).fetchone()
        return StoredMessage(row[0], row[1], row[2], row[3]) if row else None

    def save_raw(
        self,
        key: str,
        raw: bytes,
        received_at: dt.datetime,
        *,
        size: int,
        message_id: str | None = None,
        sender: str | None = None,
        subject: str | None = None,
        headers_only: bool = False,
        source: tuple[str, int, int] | None = None,
        absent: bool = False,
    ) -> StoredMessage:
        """Keep the raw bytes before anything else happens to them (§12). Idempotent by key.
        `absent`: the caller found no message under `key` (`find_message`) in the write
        transaction this runs in, so it is not looked up again."""
        folder, uidvalidity, uid = source if source else (None, None, None)
        with self.transaction():
            existing = None if absent else self.find_message(key)
            if existing is not None:
                return existing
            cur = self.conn.execute(
                "INSERT INTO messages (message_key, message_id, sender, subject, received_at, size,"
                " raw, headers_only, folder, uidvalidity, uid) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    key,
                    message_id,
                    sender,
                    subject,
                    iso(received_at),
                    size,
                    raw,
                    int(headers_only),
                    folder,
                    uidvalidity,
                    uid,
                ),
            )
            assert cur.lastrowid is not None
            return StoredMessage(cur.lastrowid, key, "received", 0, size)

    def raw(self, message: int) -> bytes:
        row = self.conn.execute("SELECT raw FROM messages WHERE id = ?", (message,)).fetchone()
        return bytes(row[0]) if row and row[0] is not None else b""

    def unfinished(self) -> list[tuple[StoredMessage, bytes, dt.datetime]]:
        """Messages saved but not decided (a crash came between): handled again at start."""
        rows = self.conn.execute(
            "SELECT id, message_key, state, attempts, raw, received_at, size FROM messages"
            " WHERE state = 'received' ORDER BY id"
        ).fetchall()
        return [
            (StoredMessage(r[0], r[1], r[2], r[3], r[6]), bytes(r[4] or b""), from_iso(r[5]))  # type: ignore[misc]
            for r in rows
        ]

    def note_failure(self, message: int, error: str, max_attempts: int) -> bool:
        """Count a failed attempt; True when the message is now set aside (shunted)."""
        with self.transaction():
            self.conn.execute(
                "UPDATE messages SET attempts = attempts + 1, error = ? WHERE id = ?",
                (error[:2000], message),
            )
            attempts = self.conn.execute(
                "SELECT attempts FROM messages WHERE id = ?", (message,)
            ).fetchone()[0]
            return int(attempts) >= max_attempts

    def record(
        self,
        message: int,
        *,
        outcomes: Sequence[Outcome],
        registrations: Sequence[Registration],
        mails: Sequence[QueuedMail],
        alerts: Sequence[Alert],
        bouncing: Sequence[str],
        actor: str | None,
        language: str,
        state: str,
        now: dt.datetime,
        caused_at: dt.datetime,
        sender_key: str | None,
        organiser: str,
        error: str | None = None,
        sender: str | None = None,
        subject: str | None = None,
        scheduled: Sequence[tuple[str, str, str]] = (),
    ) -> None:
        """Write a decision's effects. Call inside `transaction()` with the decision's reads."""
        self.conn.execute("DELETE FROM outcomes WHERE message = ?", (message,))
        self.conn.executemany(
            "INSERT INTO outcomes (message, seq, outcome, participant, rule, reason)"
            " VALUES (?,?,?,?,?,?)",
            [
                (message, i, o.outcome, o.participant, o.rule, o.reason)
                for i, o in enumerate(outcomes)
            ],
        )
        self._registrations.upsert(registrations, now, message)
        self._registrations.mark_bouncing(bouncing, now)
        self._outbox.queue(
            mails,
            now,
            source=message,
            caused_at=caused_at,
            sender_key=sender_key,
            organiser=organiser,
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO alerts (kind, key, day) VALUES (?,?,?)",
            [(a.kind, a.key, a.day.isoformat()) for a in alerts],
        )
        # Plain INSERT, not OR IGNORE: work found due twice is a bug, and the primary key then
        # rolls the whole transaction back rather than let a second reminder be queued (§8).
        self.conn.executemany(
            "INSERT INTO scheduled (kind, seminar, key, done_at) VALUES (?,?,?,?)",
            [(kind, seminar, key, iso(now)) for kind, seminar, key in scheduled],
        )
        self.conn.execute(
            "UPDATE messages SET state = ?, actor = ?, language = ?, handled_at = ?,"
            " error = COALESCE(?, error), sender = COALESCE(?, sender),"
            " subject = COALESCE(?, subject) WHERE id = ?",
            (state, actor, language, iso(now), error, sender, subject, message),
        )

    def entries(self) -> list[dict[str, Any]]:
        """Every handled message with its outcomes and the mails it caused (§13 `messages`)."""
        messages = self.conn.execute(
            "SELECT id, message_key, message_id, sender, subject, received_at, state, actor, error,"
            " size FROM messages ORDER BY id"
        ).fetchall()
        outcomes: dict[int, list[dict[str, Any]]] = {}
        for r in self.conn.execute(
            "SELECT message, outcome, participant, rule, reason FROM outcomes ORDER BY message, seq"
        ):
            outcomes.setdefault(r[0], []).append(
                {"outcome": r[1], "participant": r[2], "rule": r[3], "reason": r[4]}
            )
        replies: dict[int, list[dict[str, Any]]] = {}
        for r in self.conn.execute(
            "SELECT source_message, to_json, cc_json, subject, kind, status, message_id FROM outbox"
            " WHERE source_message IS NOT NULL ORDER BY id"
        ):
            replies.setdefault(r[0], []).append(
                {
                    "to": json.loads(r[1]),
                    "cc": json.loads(r[2]),
                    "subject": r[3],
                    "kind": r[4],
                    "status": r[5],
                    "message_id": r[6],
                }
            )
        return [
            {
                "id": m[0],
                "message_id": m[2] or m[1],
                "sender": m[3],
                "subject": m[4],
                "received_at": from_iso(m[5]),
                "state": m[6],
                "actor": m[7],
                "error": m[8],
                "size": m[9],
                "outcomes": outcomes.get(m[0], []),
                "replies": replies.get(m[0], []),
            }
            for m in messages
        ]

    def hold(
        self,
        message: int,
        *,
        sender_key: str,
        token_hash: str | None,
        now: dt.datetime,
        expires_at: dt.datetime,
    ) -> None:
        """Keep a message until its sender answers a token; call inside the decision's
        transaction, so a held message and its token mail are committed together."""
        self.conn.execute(
            "INSERT INTO held (message, sender_key, token_hash, held_at, expires_at)"
            " VALUES (?,?,?,?,?) ON CONFLICT (message) DO UPDATE SET"
            " sender_key = excluded.sender_key,"
            " token_hash = COALESCE(excluded.token_hash, token_hash),"
            " expires_at = excluded.expires_at, released_at = NULL",
            (message, sender_key, token_hash, iso(now), iso(expires_at)),
        )

    def held_messages(
        self, sender_key: str, at: dt.datetime
    ) -> list[tuple[StoredMessage, bytes, dt.datetime]]:
        """The sender's held messages that can still be released at `at`, oldest first."""
        rows = self.conn.execute(
            "SELECT m.id, m.message_key, m.state, m.attempts, m.raw, m.received_at, m.size"
            " FROM held h JOIN messages m ON m.id = h.message WHERE h.sender_key = ?"
            " AND h.released_at IS NULL AND h.expires_at >= ? ORDER BY m.id",
            (sender_key, iso(at)),
        ).fetchall()
        return [
            (StoredMessage(r[0], r[1], r[2], r[3], r[6]), bytes(r[4] or b""), from_iso(r[5]))  # type: ignore[misc]
            for r in rows
        ]

    def release_held(self, sender_key: str, messages: Sequence[int], now: dt.datetime) -> None:
        """Mark held messages decided (their tokens used up). The sender proved the address,
        so the next held message of theirs may mail a token again the same day."""
        self.conn.executemany(
            "UPDATE held SET released_at = ? WHERE message = ?", [(iso(now), m) for m in messages]
        )
        self.conn.execute(
            "DELETE FROM alerts WHERE kind = 'confirm-sender' AND key = ?", (sender_key,)
        )


def purged_key(key: str) -> str:
    """What a purged message is keyed by: not the Message-ID (it can name a person), but a
    digest of it, so a redelivery after the purge is still recognised as handled (§12)."""
    return "purged:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
