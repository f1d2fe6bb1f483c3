"""The database's tables and their migrations (SPEC §11, §12): one list, one version number.

A release that changes the schema appends one migration; `migrate` applies the missing ones at
open, each in its own write transaction, so two processes opening an old file do not both migrate.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from mailbot.store.database import StoreError

SCHEMA_VERSION = 6

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
    # 4: an outbox row is claimed by one sender before it is sent (§12: two processes never
    # send a mail twice). `claimed_by` names the sender, `claimed_until` ends its lease; a
    # sender that died is succeeded once the lease ends, or at once by the next service start
    # (which holds the database's lock: no other service is alive).
    """
    ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
    ALTER TABLE outbox ADD COLUMN claimed_until TEXT;
    """,
    # 5: what waits for the organiser, keyed by the Message-ID of the bot's mail about it, so
    # that the organiser's reply finds it (§14); and the seats the organiser set by mail.
    """
    CREATE TABLE cases (
        message_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        actor TEXT,
        participants_json TEXT NOT NULL DEFAULT '[]',
        seminar TEXT,
        sender TEXT,
        source_message_id TEXT,
        opened_at TEXT NOT NULL,
        settled TEXT,
        settled_at TEXT
    );
    CREATE TABLE seats (
        actor TEXT PRIMARY KEY,
        seats INTEGER NOT NULL,
        set_at TEXT NOT NULL
    );
    """,
    # 6: an ambiguous organisation (§4.3) waits for the organiser and for its sender at once: the
    # case keeps what the message asked (`details_json`: the people read, the dates, the
    # organisation written, when it came, the candidates), and the Message-ID of the question
    # mailed to the sender, whose answer settles the case as the organiser's does.
    """
    ALTER TABLE cases ADD COLUMN details_json TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE cases ADD COLUMN asked_message_id TEXT;
    CREATE INDEX cases_asked ON cases(asked_message_id) WHERE asked_message_id IS NOT NULL;
    """,
)


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
