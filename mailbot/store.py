"""The SQLite store: raw messages, the journal, registrations, the outbox (SPEC §11, §12).

One database file is the single source of truth. A decision, the registrations it changes and the
mails it queues are written in one `BEGIN IMMEDIATE` transaction: SQLite then lets one writer in at
a time, across threads and processes, so two bot processes on one file cannot both take the last
seat. `synchronous=FULL` because WAL with NORMAL can lose the last commits on power loss, and a
lost commit here is a lost registration. Readers (`participants`, `status`) use WAL snapshots and
never block the writer.

Times are stored as UTC ISO 8601 text, so that comparing strings compares instants.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mailbot.state import ACTIVE, Registration

if TYPE_CHECKING:
    from mailbot.outbox import OutboxItem

SCHEMA_VERSION = 1

# Each entry migrates from version i to i+1; a release that changes the schema appends one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        message_key TEXT NOT NULL UNIQUE,
        message_id TEXT,
        sender TEXT,
        subject TEXT,
        received_at TEXT NOT NULL,
        size INTEGER NOT NULL,
        raw BLOB,
        headers_only INTEGER NOT NULL DEFAULT 0,
        folder TEXT,
        uidvalidity INTEGER,
        uid INTEGER,
        state TEXT NOT NULL DEFAULT 'received',
        attempts INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        actor TEXT,
        language TEXT,
        handled_at TEXT
    );
    CREATE INDEX messages_state ON messages(state);
    CREATE UNIQUE INDEX messages_uid ON messages(folder, uidvalidity, uid) WHERE uid IS NOT NULL;
    CREATE TABLE outcomes (
        message INTEGER NOT NULL REFERENCES messages(id),
        seq INTEGER NOT NULL,
        outcome TEXT NOT NULL,
        participant TEXT,
        rule TEXT NOT NULL,
        reason TEXT,
        PRIMARY KEY (message, seq)
    );
    CREATE INDEX outcomes_participant ON outcomes(participant);
    CREATE TABLE registrations (
        id INTEGER PRIMARY KEY,
        seminar TEXT NOT NULL,
        email TEXT NOT NULL,
        email_key TEXT NOT NULL,
        name TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        organisation TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        actor TEXT NOT NULL,
        status TEXT NOT NULL,
        registered_at TEXT NOT NULL,
        registered_by TEXT NOT NULL,
        language TEXT NOT NULL DEFAULT 'sv',
        confirmed_at TEXT,
        bouncing INTEGER NOT NULL DEFAULT 0,
        message INTEGER REFERENCES messages(id),
        updated_at TEXT NOT NULL,
        UNIQUE (seminar, email_key)
    );
    CREATE INDEX registrations_actor ON registrations(actor, seminar, status, registered_at);
    CREATE INDEX registrations_email ON registrations(email_key);
    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        message_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        source_message INTEGER REFERENCES messages(id),
        sender_key TEXT,
        caused_at TEXT NOT NULL,
        mail_from TEXT NOT NULL,
        to_json TEXT NOT NULL,
        cc_json TEXT NOT NULL,
        about_json TEXT NOT NULL DEFAULT '[]',
        subject TEXT NOT NULL,
        raw BLOB NOT NULL,
        created_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'queued',
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT,
        sent_at TEXT,
        refused_json TEXT
    );
    CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
    CREATE INDEX outbox_sender ON outbox(sender_key, caused_at);
    CREATE INDEX outbox_source ON outbox(source_message);
    CREATE TABLE alerts (
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        day TEXT NOT NULL,
        PRIMARY KEY (kind, key, day)
    );
    CREATE TABLE mailbox (
        folder TEXT PRIMARY KEY,
        uidvalidity INTEGER NOT NULL,
        last_uid INTEGER NOT NULL
    );
    CREATE TABLE scheduled (
        kind TEXT NOT NULL,
        seminar TEXT NOT NULL,
        key TEXT NOT NULL,
        done_at TEXT NOT NULL,
        PRIMARY KEY (kind, seminar, key)
    );
    CREATE TABLE health (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    """,
)


class StoreError(Exception):
    """The database cannot be opened or written; the message says which file and why."""


def iso(when: dt.datetime) -> str:
    if when.tzinfo is None:
        raise ValueError("naive datetime reached the store")
    return when.astimezone(dt.UTC).isoformat(timespec="microseconds")


def from_iso(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


@dataclass(frozen=True)
class StoredMessage:
    id: int
    key: str
    state: str
    attempts: int


@dataclass(frozen=True)
class OutboxRow:
    """A queued mail as the store holds it (the SMTP side sees only `outbox.OutboxItem`)."""

    id: int
    message_id: str
    kind: str
    mail_from: str
    rcpts: tuple[str, ...]
    raw: bytes
    attempts: int
    status: str


def connect(path: Path) -> sqlite3.Connection:
    """Open the database with the durability settings §12 asks for; owner-only permissions."""
    path = Path(path)
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        conn = sqlite3.connect(path, isolation_level=None, timeout=60.0, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=60000")
        conn.execute("PRAGMA secure_delete=ON")  # purge must leave no bytes in free pages
    except (OSError, sqlite3.Error) as e:
        raise StoreError(f"{path}: cannot open the database: {e}") from None
    conn.row_factory = sqlite3.Row
    return conn


def migrate(conn: sqlite3.Connection, path: Path) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: database schema {version} is newer than this mailbot ({SCHEMA_VERSION}); "
            "upgrade mailbot"
        )
    for target in range(version, SCHEMA_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[target].split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA user_version={target + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


class Store:
    """The repository: every SQL statement of mailbot lives here."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.conn = connect(self.path)
        try:
            migrate(self.conn, self.path)
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot prepare the database: {e}") from None
        self._depth = 0

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ transactions

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; nested uses join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self.conn.execute("ROLLBACK")
            raise
        self._depth = 0
        self.conn.execute("COMMIT")

    # ------------------------------------------------------------------ messages

    def find_message(self, key: str) -> StoredMessage | None:
        row = self.conn.execute(
            "SELECT id, message_key, state, attempts FROM messages WHERE message_key = ?", (key,)
        ).fetchone()
        return StoredMessage(row[0], row[1], row[2], row[3]) if row else None

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
    ) -> StoredMessage:
        """Keep the raw bytes before anything else happens to them (§12). Idempotent by key."""
        folder, uidvalidity, uid = source if source else (None, None, None)
        with self.transaction():
            existing = self.find_message(key)
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
            return StoredMessage(cur.lastrowid, key, "received", 0)

    def raw(self, message: int) -> bytes:
        row = self.conn.execute("SELECT raw FROM messages WHERE id = ?", (message,)).fetchone()
        return bytes(row[0]) if row and row[0] is not None else b""

    def unfinished(self) -> list[tuple[StoredMessage, bytes, dt.datetime]]:
        """Messages saved but not decided (a crash came between): handled again at start."""
        rows = self.conn.execute(
            "SELECT id, message_key, state, attempts, raw, received_at FROM messages"
            " WHERE state = 'received' ORDER BY id"
        ).fetchall()
        return [
            (StoredMessage(r[0], r[1], r[2], r[3]), bytes(r[4] or b""), from_iso(r[5]))  # type: ignore[misc]
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
        outcomes: Sequence[Any],
        registrations: Sequence[Registration],
        mails: Sequence[Any],
        alerts: Sequence[Any],
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
        self.upsert(registrations, now, message)
        for addr in bouncing:
            self.conn.execute(
                "UPDATE registrations SET bouncing = 1, updated_at = ? WHERE email_key = ?",
                (iso(now), addr.casefold()),
            )
        self.queue(
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

    def delete_registration(self, seminar: str, email_key: str) -> None:
        self.conn.execute(
            "DELETE FROM registrations WHERE seminar = ? AND email_key = ?", (seminar, email_key)
        )

    def queue(
        self,
        mails: Sequence[Any],
        now: dt.datetime,
        *,
        source: int | None,
        caused_at: dt.datetime | None = None,
        sender_key: str | None = None,
        organiser: str = "",
    ) -> None:
        """Queue rendered mails (`replies.Rendered`) for the SMTP side, Message-IDs fixed."""
        self.conn.executemany(
            "INSERT INTO outbox (message_id, kind, source_message, sender_key, caused_at,"
            " mail_from, to_json, cc_json, about_json, subject, raw, created_at, next_attempt_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    m.message_id,
                    m.kind,
                    source,
                    None if m.to == (organiser,) else sender_key,
                    iso(caused_at or now),
                    m.mail_from,
                    json.dumps(list(m.to)),
                    json.dumps(list(m.cc)),
                    json.dumps(list(m.about)),
                    m.subject,
                    m.raw,
                    iso(now),
                    iso(now),
                )
                for m in mails
            ],
        )

    # ------------------------------------------------------------------ the State protocol

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

    def alerted(self, kind: str, key: str, day: dt.date) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM alerts WHERE kind = ? AND key = ? AND day = ?",
            (kind, key, day.isoformat()),
        ).fetchone()
        return row is not None

    def scheduled_done(self, kind: str, seminar: str, key: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM scheduled WHERE kind = ? AND seminar = ? AND key = ?",
            (kind, seminar, key),
        ).fetchone()
        return row is not None

    # ------------------------------------------------------------------ outbox (SMTP side)

    def due_outbox(self, now: dt.datetime, limit: int) -> list[OutboxItem]:
        """Queued mails whose next try is due, oldest first (the SMTP side's view)."""
        from mailbot.outbox import OutboxItem

        rows = self.conn.execute(
            "SELECT id, message_id, mail_from, to_json, cc_json, raw, attempts FROM outbox"
            " WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY id LIMIT ?",
            (iso(now), limit),
        ).fetchall()
        return [
            OutboxItem(
                r[0],
                r[1],
                r[2],
                tuple(json.loads(r[3])) + tuple(json.loads(r[4])),
                bytes(r[5]),
                r[6],
            )
            for r in rows
        ]

    def mark_sent(self, item_id: int, at: dt.datetime, refused: Mapping[str, str]) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1,"
                " refused_json = ? WHERE id = ?",
                (iso(at), json.dumps(dict(refused)) if refused else None, item_id),
            )

    def mark_written(self, item_ids: Sequence[int], at: dt.datetime) -> None:
        with self.transaction():
            self.conn.executemany(
                "UPDATE outbox SET status = 'written', sent_at = ? WHERE id = ?",
                [(iso(at), i) for i in item_ids],
            )

    def mark_retry(self, item_id: int, error: str, next_attempt_at: dt.datetime) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?"
                " WHERE id = ?",
                (error[:2000], iso(next_attempt_at), item_id),
            )

    def mark_failed(self, item_id: int, error: str, at: dt.datetime) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ?,"
                " sent_at = ? WHERE id = ?",
                (error[:2000], iso(at), item_id),
            )

    # ------------------------------------------------------------------ IMAP position

    def mailbox_position(self, folder: str) -> tuple[int, int] | None:
        row = self.conn.execute(
            "SELECT uidvalidity, last_uid FROM mailbox WHERE folder = ?", (folder,)
        ).fetchone()
        return (int(row[0]), int(row[1])) if row else None

    def set_mailbox_position(self, folder: str, uidvalidity: int, last_uid: int) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO mailbox (folder, uidvalidity, last_uid) VALUES (?,?,?)"
                " ON CONFLICT (folder) DO UPDATE SET uidvalidity = excluded.uidvalidity,"
                " last_uid = excluded.last_uid",
                (folder, uidvalidity, last_uid),
            )

    # ------------------------------------------------------------------ health

    def set_health(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO health (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def health(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT key, value FROM health")}

    # ------------------------------------------------------------------ reading

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

    def journal(self) -> list[dict[str, Any]]:
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

    def outbox_counts(self) -> dict[str, int]:
        return {
            r[0]: int(r[1])
            for r in self.conn.execute("SELECT status, COUNT(*) FROM outbox GROUP BY status")
        }

    def outbox_rows(self, status: str = "queued") -> list[OutboxRow]:
        rows = self.conn.execute(
            "SELECT id, message_id, kind, mail_from, to_json, cc_json, raw, attempts, status"
            " FROM outbox WHERE status = ? ORDER BY id",
            (status,),
        ).fetchall()
        return [
            OutboxRow(
                r[0],
                r[1],
                r[2],
                r[3],
                tuple(json.loads(r[4])) + tuple(json.loads(r[5])),
                bytes(r[6]),
                r[7],
                r[8],
            )
            for r in rows
        ]

    def active_count(self) -> int:
        marks = ",".join("?" * len(ACTIVE))
        return int(
            self.conn.execute(
                f"SELECT COUNT(*) FROM registrations WHERE status IN ({marks})", tuple(ACTIVE)
            ).fetchone()[0]
        )
