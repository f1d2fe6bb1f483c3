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
from typing import TYPE_CHECKING, Any, Literal

from mailbot.state import ACTIVE, HeldToken, Registration

if TYPE_CHECKING:
    from mailbot.model import OutboxItem

SCHEMA_VERSION = 3

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
    # 2: messages held until their sender answers a confirmation token (§4.4 `confirm`). Only
    # the token's SHA-256 is kept; `token_hash` is NULL for a message held while a token mailed
    # with an earlier one is still out (any answered token of the sender releases both).
    """
    CREATE TABLE held (
        message INTEGER PRIMARY KEY REFERENCES messages(id),
        sender_key TEXT NOT NULL,
        token_hash TEXT UNIQUE,
        held_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        released_at TEXT
    );
    CREATE INDEX held_sender ON held(sender_key, released_at);
    """,
    # 3: a mail accepted for some recipients and refused for now (4xx) for others is tried
    # again for those alone (§12): `remaining_json` lists them; NULL is "every recipient".
    """
    ALTER TABLE outbox ADD COLUMN remaining_json TEXT;
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
    size: int | None = None  # the size as received: a headers-only copy is still "too large"


@dataclass(frozen=True)
class OutboxRow:
    """A queued mail as the store holds it (the SMTP side sees only `model.OutboxItem`)."""

    id: int
    message_id: str
    kind: str
    mail_from: str
    rcpts: tuple[str, ...]
    raw: bytes
    attempts: int
    status: str


@dataclass(frozen=True)
class OutboxEntry:
    """A queued mail's envelope and subject, without its bytes: what a notice about it names."""

    id: int
    message_id: str
    kind: str
    to: tuple[str, ...]
    cc: tuple[str, ...]
    subject: str
    source_message: int | None
    status: str


def connect(path: Path, synchronous: str = "FULL") -> sqlite3.Connection:
    """Open the database with the durability settings §12 asks for; owner-only permissions."""
    path = Path(path)
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        conn = sqlite3.connect(path, isolation_level=None, timeout=60.0, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute(f"PRAGMA synchronous={synchronous}")
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
            # Another connection (the service's other parts, a `mailbot status`) may have
            # migrated while this one waited for the write lock: read the version again under it.
            if conn.execute("PRAGMA user_version").fetchone()[0] > target:
                conn.execute("COMMIT")
                continue
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

    def __init__(self, path: Path, *, synchronous: Literal["FULL", "NORMAL"] = "FULL") -> None:
        """`synchronous="NORMAL"` only for a connection whose every write a retry redoes (the
        outbox sender's): power loss may then forget its last commits, never a kill -9."""
        self.path = Path(path)
        self.conn = connect(self.path, synchronous)
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
        """One write transaction; a nested use is a savepoint within the outer one.

        An exception leaving a nested block undoes that block's writes only, so a caller that
        decides many messages in one transaction (one commit, one fsync, for a batch) loses
        none of the others to one that fails (`pipeline.handle_batch`).
        """
        if self._depth:
            savepoint = f"nested_{self._depth}"
            self.conn.execute(f"SAVEPOINT {savepoint}")
            self._depth += 1
            try:
                yield
            except BaseException:
                if self.conn.in_transaction:  # else SQLite has already rolled it all back
                    self.conn.execute(f"ROLLBACK TO {savepoint}")
                    self.conn.execute(f"RELEASE {savepoint}")
                raise
            else:
                self.conn.execute(f"RELEASE {savepoint}")
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
        """The message stored under `key`, also after `purge_seminar` re-keyed it."""
        row = self.conn.execute(
            "SELECT id, message_key, state, attempts, size FROM messages"
            " WHERE message_key IN (?, ?) ORDER BY id LIMIT 1",
            (key, purged_key(key)),
        ).fetchone()
        return StoredMessage(row[0], row[1], row[2], row[3], row[4]) if row else None

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

    # ------------------------------------------------------------------ outbox (SMTP side)

    def due_outbox(self, now: dt.datetime, limit: int) -> list[OutboxItem]:
        """Queued mails whose next try is due, oldest first (the SMTP side's view).

        A mail never tried is due whatever the clock says: only retries wait for their time.
        (A process whose clock is behind the one that queued it, `run --now` restarted or a
        clock stepped back, would otherwise hold fresh replies back.)
        """
        from mailbot.model import OutboxItem

        rows = self.conn.execute(
            "SELECT id, message_id, mail_from, to_json, cc_json, raw, attempts, remaining_json"
            " FROM outbox WHERE status = 'queued' AND (attempts = 0 OR next_attempt_at <= ?)"
            " ORDER BY id LIMIT ?",
            (iso(now), limit),
        ).fetchall()
        return [
            OutboxItem(
                r[0],
                r[1],
                r[2],
                tuple(json.loads(r[7])) if r[7] else tuple(json.loads(r[3]) + json.loads(r[4])),
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
                (iso(at), self._refused_with(item_id, refused), item_id),
            )

    def mark_partial(
        self,
        item_id: int,
        at: dt.datetime,
        remaining: Sequence[str],
        refused: Mapping[str, str],
        error: str,
        next_attempt_at: dt.datetime,
    ) -> None:
        """Sent to some recipients; `remaining` (refused for now) are tried again alone."""
        with self.transaction():
            self.conn.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,"
                " remaining_json = ?, refused_json = ? WHERE id = ?",
                (
                    error[:2000],
                    iso(next_attempt_at),
                    json.dumps(list(remaining)),
                    self._refused_with(item_id, refused),
                    item_id,
                ),
            )

    def recipients_sent_since(self, since: dt.datetime) -> list[tuple[dt.datetime, int]]:
        """(sent_at, number of recipients) of each mail sent since `since`, oldest first: the
        provider's daily recipient limit counts them across a restart (`pacing.Pace`)."""
        rows = self.conn.execute(
            "SELECT sent_at, json_array_length(to_json) + json_array_length(cc_json) FROM outbox"
            " WHERE status = 'sent' AND sent_at >= ? ORDER BY sent_at",
            (iso(since),),
        ).fetchall()
        return [(when, int(r[1])) for r in rows if (when := from_iso(r[0])) is not None]

    def _refused_with(self, item_id: int, refused: Mapping[str, str]) -> str | None:
        """The row's refusals so far (from earlier partial tries) and `refused`, as JSON."""
        row = self.conn.execute("SELECT refused_json FROM outbox WHERE id = ?", (item_id,))
        earlier = row.fetchone()
        merged = {**json.loads(earlier[0] if earlier and earlier[0] else "{}"), **refused}
        return json.dumps(merged) if merged else None

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

    def outbox_entry(self, item_id: int) -> OutboxEntry | None:
        row = self.conn.execute(
            "SELECT id, message_id, kind, to_json, cc_json, subject, source_message, status"
            " FROM outbox WHERE id = ?",
            (item_id,),
        ).fetchone()
        if row is None:
            return None
        to, cc = tuple(json.loads(row[3])), tuple(json.loads(row[4]))
        return OutboxEntry(row[0], row[1], row[2], to, cc, row[5], row[6], row[7])

    def active_count(self) -> int:
        marks = ",".join("?" * len(ACTIVE))
        return int(
            self.conn.execute(
                f"SELECT COUNT(*) FROM registrations WHERE status IN ({marks})", tuple(ACTIVE)
            ).fetchone()[0]
        )

    # ------------------------------------------------------------------ held messages (§4.4)

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

    # ------------------------------------------------------------------ personal data (GDPR)

    def purge_seminar(
        self,
        seminar: str,
        *,
        actors: Sequence[str],
        report_files: Sequence[str],
        keep: Sequence[str],
        marker: tuple[str, str, str] | None,
        now: dt.datetime,
    ) -> dict[str, int]:
        """Delete what is stored about one seminar's participants, in one transaction.

        Participants are the seminar's registrations (any status); with them go their
        registering senders' addresses. Messages about them — from the seminar's `actors`,
        sent by one of those addresses, naming a participant in an outcome, or holding a
        participant's address in their raw bytes — keep a skeleton row (time, size, actor,
        state, outcome kinds and rules) so the journal still counts them; their bytes, sender,
        subject, Message-ID, error text and outcome participants and reasons go. Outbox rows
        caused by those messages or addressed to or about those people go, and so does the
        seminar's deadline report (found by its attachment's file name, `report_files`). Alerts
        keyed by those addresses, held tokens, and reminder markers (keyed by address) go.
        Addresses in `keep` (the organiser, the bot) are never treated as a participant's.
        `marker`, when given, is recorded as done scheduled work (a retention purge runs once).

        Deleted bytes are overwritten (`secure_delete`); `compact()` then clears the WAL.
        """
        kept = {k.casefold() for k in keep}
        with self.transaction():
            regs = self.conn.execute(
                "SELECT email_key, registered_by, message FROM registrations WHERE seminar = ?",
                (seminar,),
            ).fetchall()
            people = {r[0] for r in regs} - kept
            addresses = (people | {r[1].casefold() for r in regs}) - kept
            ids = {int(r[2]) for r in regs if r[2] is not None}
            if actors:
                marks = ",".join("?" * len(actors))
                ids |= {
                    int(r[0])
                    for r in self.conn.execute(
                        f"SELECT id FROM messages WHERE actor IN ({marks})", tuple(actors)
                    )
                }
            for message, participant in self.conn.execute(
                "SELECT message, participant FROM outcomes WHERE participant IS NOT NULL"
            ):
                if participant.casefold() in people:
                    ids.add(int(message))
            for message, sender in self.conn.execute(
                "SELECT id, sender FROM messages WHERE sender IS NOT NULL"
            ):
                if sender.casefold() in addresses:
                    ids.add(int(message))
            needles = [a.encode("utf-8") for a in people]
            if needles:
                for message, raw in self.conn.execute(
                    "SELECT id, raw FROM messages WHERE raw IS NOT NULL"
                ):
                    low = bytes(raw).lower()
                    if any(n in low for n in needles):
                        ids.add(int(message))
            reports = [f.encode("utf-8") for f in report_files]
            outbox: set[int] = set()
            for oid, source, to, cc, about, kind, raw in self.conn.execute(
                "SELECT id, source_message, to_json, cc_json, about_json, kind, raw FROM outbox"
            ):
                named = {a.casefold() for a in json.loads(to) + json.loads(cc) + json.loads(about)}
                data = bytes(raw)
                if (
                    source in ids
                    or named & addresses
                    or (kind == "deadline-report" and any(f in data for f in reports))
                    or any(n in data.lower() for n in needles)
                ):
                    outbox.add(int(oid))
            senders = {
                r[0].casefold()
                for r in self.conn.execute(
                    "SELECT sender FROM messages WHERE sender IS NOT NULL AND id IN"
                    " (SELECT value FROM json_each(?))",
                    (json.dumps(sorted(ids)),),
                )
            } - kept
            gone = addresses | senders
            id_list = json.dumps(sorted(ids))
            key_list = json.dumps(sorted(gone))
            counts = {
                "registrations": len(regs),
                "messages": len(ids),
                "outbox": len(outbox),
            }
            self.conn.execute(
                "DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(sorted(outbox)),),
            )
            counts["held"] = self.conn.execute(
                "DELETE FROM held WHERE message IN (SELECT value FROM json_each(?))"
                " OR sender_key IN (SELECT value FROM json_each(?))",
                (id_list, key_list),
            ).rowcount
            self.conn.execute("DELETE FROM registrations WHERE seminar = ?", (seminar,))
            self.conn.execute(
                "UPDATE outcomes SET participant = NULL, reason = NULL"
                " WHERE message IN (SELECT value FROM json_each(?))",
                (id_list,),
            )
            self.conn.executemany(
                "UPDATE messages SET raw = NULL, sender = NULL, subject = NULL, message_id = NULL,"
                " error = NULL, message_key = ? WHERE id = ? AND message_key NOT LIKE 'purged:%'",
                [
                    (purged_key(key), message)
                    for message, key in self.conn.execute(
                        "SELECT id, message_key FROM messages"
                        " WHERE id IN (SELECT value FROM json_each(?))",
                        (id_list,),
                    ).fetchall()
                ],
            )
            counts["alerts"] = self.conn.execute(
                "DELETE FROM alerts WHERE key IN (SELECT value FROM json_each(?))", (key_list,)
            ).rowcount
            counts["reminders"] = self.conn.execute(
                "DELETE FROM scheduled WHERE seminar = ? AND kind = 'reminder'", (seminar,)
            ).rowcount
            if marker is not None:
                self.conn.execute(
                    "INSERT OR IGNORE INTO scheduled (kind, seminar, key, done_at)"
                    " VALUES (?,?,?,?)",
                    (*marker, iso(now)),
                )
        return counts

    def compact(self) -> bool:
        """Leave no deleted byte in the database files: copy the WAL into the database and
        truncate it, rebuild the database without free pages (its scratch copy in memory, not
        in a temp file), truncate the WAL again. False when a reader kept the WAL from being
        truncated (it is then cleared by the next checkpoint)."""
        first = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        self.conn.execute("PRAGMA temp_store = MEMORY")
        try:
            self.conn.execute("VACUUM")
        finally:
            self.conn.execute("PRAGMA temp_store = DEFAULT")
        second = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return not (first[0] or second[0])

    def person_data(self, email_key: str) -> dict[str, Any]:
        """Everything stored about one address (right of access): registrations, the journal
        entries that name it (as sender, in an outcome or in the subject of an organiser
        command), outbox rows to or about it (metadata and subject, not the bytes), held
        messages, alerts and reminder markers. Matching is case-insensitive."""
        key = email_key.casefold()
        registrations = [
            r
            for r in self.participants()
            if r.email_key == key or r.registered_by.casefold() == key
        ]
        mentioned: set[int] = set()
        for message, participant in self.conn.execute(
            "SELECT message, participant FROM outcomes WHERE participant IS NOT NULL"
        ):
            if participant.casefold() == key:
                mentioned.add(int(message))
        for message, sender, subject in self.conn.execute(
            "SELECT id, sender, subject FROM messages"
        ):
            if (sender or "").casefold() == key or key in (subject or "").casefold():
                mentioned.add(int(message))
        journal = [
            {
                **{k: e[k] for k in ("id", "message_id", "sender", "subject", "received_at")},
                **{k: e[k] for k in ("state", "actor", "size")},
                "outcomes": [
                    o
                    for o in e["outcomes"]
                    if o["participant"] is None or o["participant"].casefold() == key
                ],
            }
            for e in self.journal()
            if e["id"] in mentioned
        ]
        outbox = []
        for row in self.conn.execute(
            "SELECT id, message_id, kind, source_message, to_json, cc_json, about_json, subject,"
            " status, created_at, sent_at, attempts, last_error FROM outbox ORDER BY id"
        ):
            to, cc, about = json.loads(row[4]), json.loads(row[5]), json.loads(row[6])
            if key in {a.casefold() for a in to + cc + about}:
                outbox.append(
                    {
                        "id": row[0],
                        "message_id": row[1],
                        "kind": row[2],
                        "source_message": row[3],
                        "to": to,
                        "cc": cc,
                        "about": about,
                        "subject": row[7],
                        "status": row[8],
                        "created_at": from_iso(row[9]),
                        "sent_at": from_iso(row[10]),
                        "attempts": row[11],
                        "last_error": row[12],
                    }
                )
        held = [
            {
                "message": r[0],
                "held_at": from_iso(r[1]),
                "expires_at": from_iso(r[2]),
                "released_at": from_iso(r[3]),
                "token_mailed": bool(r[4]),
            }
            for r in self.conn.execute(
                "SELECT message, held_at, expires_at, released_at, token_hash IS NOT NULL"
                " FROM held WHERE sender_key = ? ORDER BY message",
                (key,),
            )
        ]
        alerts = [
            {"kind": r[0], "day": r[1]}
            for r in self.conn.execute(
                "SELECT kind, day FROM alerts WHERE key = ? ORDER BY day, kind", (key,)
            )
        ]
        reminders = [
            {"seminar": r[0], "key": r[1], "done_at": from_iso(r[2])}
            for r in self.conn.execute(
                "SELECT seminar, key, done_at FROM scheduled WHERE kind = 'reminder'"
                " AND key LIKE ? ESCAPE '\\' ORDER BY done_at",
                (_like_prefix(key) + ":%",),
            )
        ]
        return {
            "registrations": registrations,
            "messages": journal,
            "outbox": outbox,
            "held": held,
            "alerts": alerts,
            "reminders": reminders,
        }


def purged_key(key: str) -> str:
    """What a purged message is keyed by: not the Message-ID (it can name a person), but a
    digest of it, so a redelivery after the purge is still recognised as handled (§12)."""
    import hashlib

    return "purged:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
