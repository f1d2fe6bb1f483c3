"""One service per database (SPEC §12): the lock `mailbot run` holds while it runs.

An exclusive `flock` on a file beside the database (`mailbot.sqlite` → `mailbot.sqlite.lock`)
holding the holder's pid and start time. The kernel releases a `flock` when the last descriptor
of it closes, so a process that dies (a kill -9 included) leaves no stale lock: the file stays,
its content is only a note for `holder()`. The descriptor is not inherited by child processes
(Python opens files non-inheritable), so the outbox process neither holds nor keeps it.

Reading commands never take the lock; `mailbot status` asks `holder()`, which only looks: it
opens the file read-only and never creates it.
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import os
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self

# A `holder()` probe holds a shared lock for a few microseconds; an `acquire` that meets one
# tries again for this long before it believes another service runs.
PROBE_PATIENCE_S = 0.5


class AlreadyRunning(Exception):
    """Another process holds the database's lock: `pid` and `since` as it wrote them (None when
    it has not written them yet)."""

    def __init__(self, path: Path, pid: int | None, since: dt.datetime | None) -> None:
        who = f"pid {pid}" if pid is not None else "another process"
        when = f" since {since.isoformat(timespec='seconds')}" if since else ""
        super().__init__(
            f"{path}: another mailbot run is already running on this database ({who}{when}); "
            "stop it first (systemctl stop mailbot, or kill that pid)"
        )
        self.pid = pid
        self.since = since


def lock_path(database: Path) -> Path:
    """The lock file of a database: beside it, so that it names that database and no other."""
    database = Path(database)
    return database.with_name(database.name + ".lock")


@dataclass
class ServiceLock:
    """The held lock; `release()` (or leaving the `with`) lets the next service start."""

    path: Path
    fd: int | None

    def release(self) -> None:
        fd, self.fd = self.fd, None
        if fd is not None:
            os.close(fd)  # closing the only descriptor releases the flock

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


def acquire(database: Path, *, now: dt.datetime | None = None) -> ServiceLock:
    """Take the database's lock for this process, or raise `AlreadyRunning` at once.

    `OSError` when the lock file cannot be created (a read-only directory): the caller treats
    that as the database not being writable.
    """
    path = lock_path(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        _lock_exclusive(fd, path)
        since = now or dt.datetime.now(dt.UTC)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {since.isoformat(timespec='seconds')}\n".encode(), 0)
    except BaseException:
        os.close(fd)
        raise
    return ServiceLock(path, fd)


def _lock_exclusive(fd: int, path: Path) -> None:
    deadline = time.monotonic() + PROBE_PATIENCE_S
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as e:
            if e.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
                raise
        if time.monotonic() >= deadline:
            pid, since = _read_note(fd)
            raise AlreadyRunning(path.with_name(path.name.removesuffix(".lock")), pid, since)
        time.sleep(0.02)


def holder(database: Path) -> tuple[int | None, dt.datetime | None] | None:
    """Who runs the service on `database`: (pid, since) while a process holds its lock, else
    None (no service runs; a crashed one leaves no lock). Only looks: takes a shared lock for an
    instant to learn whether an exclusive one is held, and creates nothing. pid and since are
    None in the instant between a service taking the lock and writing them."""
    try:
        fd = os.open(lock_path(database), os.O_RDONLY | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError as e:
            if e.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
                raise
            return _read_note(fd)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def _read_note(fd: int) -> tuple[int | None, dt.datetime | None]:
    """The holder's "pid since" note; read a few times, as it may be being written."""
    for _ in range(10):
        text = os.pread(fd, 200, 0).decode("ascii", "replace").split()
        if len(text) == 2:
            try:
                return int(text[0]), dt.datetime.fromisoformat(text[1])
            except ValueError:
                pass
        time.sleep(0.01)
    return None, None
