"""The database checked at the service's start (SPEC §12): damaged is exit 4, never replaced.

`PRAGMA quick_check` rather than `integrity_check`: both read every page, and on a database of
20,000 registrations (271 MB) both took 6–15 s cold, the disk's time to read the file; warm,
quick_check took 0.23–0.62 s and integrity_check 0.30–1.07 s (benchmarks/integrity.py, shared
machine at load 9). quick_check finds what a torn write or garbage in the file does to pages and
records; what it skips (index entries that do not match their rows) needs a bug in SQLite
itself, and costs a sort per index to find.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from mailbot.store.database import StoreError, connect

REPORTED_LINES = 5  # of quick_check's answer, in the error


def check_at_start(path: Path) -> None:
    """Raise `StoreError` (the CLI's exit 4) naming what is wrong if the database is damaged.

    Run before any migration or write, so that a damaged file is left exactly as it was found
    for the operator to restore or recover. A missing file is created (`connect`); a 0-byte one
    is refused there.
    """
    conn = connect(path)
    try:
        answer = [row[0] for row in conn.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as e:  # "file is not a database", "database disk image is…"
        raise StoreError(f"{path}: the database is damaged ({e}); {_ADVICE}") from None
    finally:
        conn.close()
    if answer != ["ok"]:
        found = "; ".join(answer[:REPORTED_LINES])
        more = f" (and {len(answer) - REPORTED_LINES} more)" if len(answer) > REPORTED_LINES else ""
        raise StoreError(f"{path}: the database is damaged: {found}{more}; {_ADVICE}")


_ADVICE = (
    "it is left as it is: stop mailbot, restore the file from a backup (or try"
    " `sqlite3 FILE .recover`), then start again"
)
