"""Opening the database (SPEC §12): two processes creating it at once, and the checks at start."""

from __future__ import annotations

import multiprocessing
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

from mailbot import config
from mailbot.config import Config
from mailbot.store import Store, check_at_start

from support import SMALL_CONFIG, make_config, with_servers

RACES = 50


def _open(path: str, start: Any, errors: Any) -> None:
    """In a child process: wait for the shot, open (create) the database, report."""
    start.wait()
    try:
        Store(Path(path)).close()
        errors.put("")
    except Exception as e:
        errors.put(f"{type(e).__name__}: {e}")


def test_two_processes_opening_a_new_database_at_once_both_succeed_fifty_times(
    tmp_path: Path,
) -> None:
    context = multiprocessing.get_context("fork")
    failures = []
    for run in range(RACES):
        path = str(tmp_path / f"race{run}.sqlite3")
        start, errors = context.Event(), context.Queue()
        children = [context.Process(target=_open, args=(path, start, errors)) for _ in range(2)]
        for child in children:
            child.start()
        start.set()
        results = [errors.get(timeout=60) for _ in children]
        for child in children:
            child.join(60)
        failures += [r for r in results if r]
        assert all(child.exitcode == 0 for child in children)
    assert failures == []


# --------------------------------------------------------------------------- the start checks


def _mailbot_run(cfg_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILBOT_")}
    env["MAILBOT_IMAP_PASSWORD"] = "unused"
    exe = Path(sys.executable).with_name("mailbot")
    return subprocess.run(
        [str(exe), "run", "--config", str(cfg_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def _event(tmp_path: Path) -> Config:
    """The small event with servers nobody listens on: the start checks come before them."""
    imap = config.Imap(host="127.0.0.1", port=1, tls="none", username="")
    smtp = config.Smtp(host="127.0.0.1", port=1, tls="none")
    return make_config(tmp_path, with_servers(SMALL_CONFIG, imap, smtp))


def _filled(path: Path, rows: int = 400) -> None:
    with Store(path) as store, store.transaction():
        for i in range(rows):
            store.conn.execute(
                "INSERT INTO messages (message_key, sender, received_at, size, raw)"
                " VALUES (?, ?, ?, ?, ?)",
                (f"key{i}", f"p{i}@huddinge.se", "2022-09-01T10:00:00+00:00", 100, b"x" * 900),
            )
    with Store(path) as store:
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def test_a_database_with_garbage_mid_file_is_exit_4_with_the_reason_and_left_as_it_was(
    tmp_path: Path,
) -> None:
    cfg = _event(tmp_path)
    _filled(cfg.bot.database)
    data = bytearray(cfg.bot.database.read_bytes())
    middle = len(data) // 2 // 4096 * 4096
    data[middle : middle + 8192] = random.Random(1).randbytes(8192)
    cfg.bot.database.write_bytes(bytes(data))
    result = _mailbot_run(cfg.path)
    assert result.returncode == 4, result.stderr
    assert "damaged" in result.stderr and str(cfg.bot.database) in result.stderr
    assert "Traceback" not in result.stderr
    assert cfg.bot.database.read_bytes() == bytes(data)


def test_a_zero_byte_database_file_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    cfg = _event(tmp_path)
    cfg.bot.database.parent.mkdir(parents=True, exist_ok=True)
    cfg.bot.database.write_bytes(b"")
    result = _mailbot_run(cfg.path)
    assert result.returncode == 4, result.stderr
    assert "0 bytes" in result.stderr and "Traceback" not in result.stderr
    assert cfg.bot.database.stat().st_size == 0


def test_a_new_database_is_created_whole_and_passes_the_start_check(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "new.sqlite3"
    check_at_start(path)
    assert path.stat().st_size > 0 and path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == ["new.sqlite3"]
    Store(path).close()
    check_at_start(path)


def test_a_healthy_database_passes_the_start_check_untouched(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    _filled(path)
    before = path.read_bytes()
    check_at_start(path)
    assert path.read_bytes() == before
