"""Whether the database can be written, seen from inside (an error) and from outside (the files).

SPEC §12: a mail is never sent when its sending cannot be recorded, and mail is not taken when
its decision cannot be. The service learns that the database cannot be written from the errors
SQLite raises (`storage_problem`); `mailbot status`, which may not be able to read a health
note that could not be written, learns it from the files (`writable_problem`): free space on the
database's filesystem, and whether the database, its `-wal` and `-shm` files and its folder may
be written. A `-shm` file created read-only (by a `mailbot status` run as another user, or a
copy) makes every connection read-only after the database file itself has been fixed, so it is
named on its own.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from mailbot.store.database import StoreError

# Below this much free space a write is about to fail: a batch of messages with their raw
# bytes needs room in the WAL. (An outage ends only once there is at least this much again.)
LOW_SPACE_BYTES = 1024 * 1024

# SQLite's primary result codes (sqlite3.h) that mean the file, not the statement, is at fault.
_CONDITIONS = {
    5: "the database is locked by another process (SQLITE_BUSY)",
    8: "the database is read-only (SQLITE_READONLY)",
    10: "disk I/O error (SQLITE_IOERR)",
    13: "the disk is full (SQLITE_FULL)",
    14: "the database file cannot be opened (SQLITE_CANTOPEN)",
}
_ERRNOS = {
    errno.ENOSPC: "the disk is full (ENOSPC)",
    errno.EDQUOT: "the disk quota is exceeded (EDQUOT)",
    errno.EROFS: "the filesystem is read-only (EROFS)",
    errno.EACCES: "permission denied (EACCES)",
    errno.EPERM: "permission denied (EPERM)",
    errno.EIO: "disk I/O error (EIO)",
}


class StorageUnavailable(StoreError):
    """The database cannot be written now (`reason` says why); nothing about the message or the
    mail in hand is wrong, so it is neither counted against a message nor against a mail."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def storage_problem(error: BaseException) -> str | None:
    """Why `error` means the database cannot be written now, or None when it is about the
    statement or the data (a bug, a constraint) rather than the storage."""
    if isinstance(error, StorageUnavailable):
        return error.reason
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        if code is not None:
            return _CONDITIONS.get(code & 0xFF)
        text = str(error).lower()  # an error raised by the sqlite3 module itself has no code
        if "readonly" in text or "disk is full" in text or "disk i/o" in text:
            return str(error)
        return None
    if isinstance(error, OSError) and error.errno in _ERRNOS:
        return _ERRNOS[error.errno]
    return None


def writable_problem(path: Path) -> str | None:
    """What keeps the database at `path` from being written, seen from outside, or None.

    Does not write: only looks at the filesystem's free space and at permissions (as the
    calling user: run it as the service's user for a true answer). A database that does not
    exist yet is writable when its folder is.
    """
    path = Path(path)
    folder = path.parent
    try:
        space = os.statvfs(folder if folder.exists() else folder.parent)
    except OSError as e:
        return f"{folder}: {e.strerror}"
    if space.f_flag & os.ST_RDONLY:
        return f"{folder}: the filesystem is mounted read-only"
    free = space.f_bavail * space.f_frsize
    if free < LOW_SPACE_BYTES:
        return f"{folder}: the disk is full ({free // 1024} KB free)"
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if file.exists() and not os.access(file, os.W_OK):
            return f"{file}: not writable (fix its owner or mode)"
    if folder.exists() and not os.access(folder, os.W_OK | os.X_OK):
        return f"{folder}: the folder is not writable (SQLite creates its -wal and -shm there)"
    return None


def probe_write(conn: sqlite3.Connection) -> None:
    """Write to the database and take it back: `StorageUnavailable` if it cannot be written.

    A connection SQLite opened read-only (the file, its `-shm` or the filesystem read-only at
    open time) stays read-only when the cause is fixed, so after a failure the caller opens a
    new connection before probing again.
    """
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("INSERT OR REPLACE INTO health (key, value) VALUES ('write_probe', '1')")
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
    except sqlite3.Error as e:
        raise StorageUnavailable(storage_problem(e) or str(e)) from e
