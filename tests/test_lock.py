"""One service per database (SPEC §12): the lock, seen from other real processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mailbot import lock

HOLD = """
import sys, time
from pathlib import Path
from mailbot import lock
held = lock.acquire(Path(sys.argv[1]))
print("held", flush=True)
time.sleep(60)
"""


def _holding(database: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(database)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "held"
    return child


def test_nobody_holds_the_lock_of_a_database_no_service_ever_ran_on(tmp_path: Path) -> None:
    assert lock.holder(tmp_path / "db.sqlite") is None
    assert not lock.lock_path(tmp_path / "db.sqlite").exists()  # looking creates nothing


def test_a_second_taker_is_refused_with_the_pid_of_the_running_one(tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite"
    child = _holding(database)
    try:
        pid, since = lock.holder(database) or (None, None)
        assert pid == child.pid and since is not None
        with pytest.raises(lock.AlreadyRunning, match=f"pid {child.pid}") as refused:
            lock.acquire(database)
        assert refused.value.pid == child.pid
    finally:
        child.kill()
        child.wait()


def test_a_kill_9_leaves_no_stale_lock(tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite"
    child = _holding(database)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert lock.lock_path(database).exists()  # the note stays; the lock does not
    assert lock.holder(database) is None
    with lock.acquire(database) as held:
        pid, _ = lock.holder(database) or (None, None)
        assert pid == os.getpid() and held.fd is not None
    assert lock.holder(database) is None


def test_looking_at_the_holder_never_makes_a_starting_service_fail(tmp_path: Path) -> None:
    """`status` probes with a shared lock for an instant; `acquire` waits that instant out."""
    database = tmp_path / "db.sqlite"
    lock.acquire(database).release()  # the file exists, as after any earlier run
    prober = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom pathlib import Path\nfrom mailbot import lock\n"
            "end = time.monotonic() + 3\n"
            "while time.monotonic() < end: lock.holder(Path(sys.argv[1]))\n",
            str(database),
        ]
    )
    try:
        time.sleep(0.3)
        for _ in range(50):
            lock.acquire(database).release()
    finally:
        prober.wait()
