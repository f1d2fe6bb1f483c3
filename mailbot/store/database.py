"""One SQLite connection with mailbot's durability settings, and its write transactions.

Every repository of the store (`journal`, `registrations`, `outbox`, `mailbox`, `personal`) works
over the one `Database` a `Store` opens, so a decision, the registrations it changes and the mails
it queues are written in one `BEGIN IMMEDIATE` transaction (SQLite then lets one writer in at a
time, across threads and processes: two bot processes on one file cannot both take the last seat).
Times are stored as UTC ISO 8601 text, so that comparing strings compares instants.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class StoreError(Exception):
    """The database cannot be opened or written; the message says which file and why."""


def iso(when: dt.datetime) -> str:
    if when.tzinfo is None:
        raise ValueError("naive datetime reached the store")
    return when.astimezone(dt.UTC).isoformat(timespec="microseconds")


def from_iso(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def connect(path: Path, synchronous: str = "FULL") -> sqlite3.Connection:
    """Open the database with the durability settings §12 asks for; owner-only permissions."""
    path = Path(path)
    try:
        if not path.exists():
            _create(path)
        elif path.stat().st_size == 0:
            raise StoreError(
                f"{path}: the database file is empty (0 bytes): truncated, or not mailbot's;"
                " it is left as it is. Restore it from a backup, or move it away to start"
                " with an empty database"
            )
        conn = sqlite3.connect(path, isolation_level=None, timeout=60.0, check_same_thread=False)
        _journal_mode_wal(conn)
        conn.execute(f"PRAGMA synchronous={synchronous}")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA busy_timeout=60000")
        conn.execute("PRAGMA secure_delete=ON")  # purge must leave no bytes in free pages
    except (OSError, sqlite3.Error) as e:
        raise StoreError(f"{path}: cannot open the database: {e}") from None
    conn.row_factory = sqlite3.Row
    return conn


def _create(path: Path) -> None:
    """A new database appears whole: made under a temporary name (owner-only), switched to WAL,
    which writes its first page, then linked to its name. So no process ever sees mailbot's
    database at 0 bytes, and a 0-byte file at the path is a truncated file or someone else's:
    `connect` refuses it instead of silently starting an empty database over it (§12)."""
    import tempfile  # only when a database is made: `status` of a running event starts without

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".new", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(temporary, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
        finally:
            conn.close()
        with contextlib.suppress(FileExistsError):  # another process made it first: theirs
            os.link(temporary, path)
    finally:
        for name in (temporary, f"{temporary}-wal", f"{temporary}-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name)


WAL_TRIES = 200  # 5 s at most, in 25 ms steps
WAL_STEP_S = 0.025


def _journal_mode_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL, retrying "database is locked".

    Two processes opening a NEW file at the same moment (the service's parts, a cron `run --once`
    beside a `status`) race to write its first header: the loser's `journal_mode=WAL` fails at
    once with SQLITE_BUSY, and the busy timeout does not cover that statement (NOTES: measured 1
    run in 12). The winner finishes within milliseconds, so a short retry suffices.
    """
    for attempt in range(WAL_TRIES):
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            if ("locked" not in str(e) and "busy" not in str(e)) or attempt == WAL_TRIES - 1:
                raise
            time.sleep(WAL_STEP_S)


class Database:
    """The connection and the transaction depth every repository shares."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._depth = 0

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
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            # A COMMIT that failed (the disk full: SQLite says to roll back by hand) must not
            # leave the connection inside the transaction, or every later BEGIN fails too.
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
