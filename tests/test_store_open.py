"""Opening the database (SPEC §12): two processes creating it at once, and the checks at start."""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

from mailbot.store import Store

RACES = 50


def _open(path: str, start: Any, errors: Any) -> None:
    """In a child process: wait for the shot, open (create) the database, report."""
    start.wait()
    try:
        Store(Path(path)).close()
        errors.put("")
    except Exception as e:
        errors.put(f"{type(e).__name__}: {e}")


def test_two_processes_opening_a_new_database_at_once_both_succeed_fifty_times(tmp_path):
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
