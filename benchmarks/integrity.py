"""What the start-up integrity check costs: `PRAGMA quick_check` against `integrity_check`.

    python benchmarks/integrity.py [--registrations 20000] [--repeat 3]

Builds a database the size an event with N registrations leaves behind (each registration with
its raw message of about 6 KB, two outcomes and a reply of about 4 KB in the outbox), then times
each check on it cold (the page cache dropped where the machine allows it, else after a fresh
copy of the file) and warm, and prints the file size and the seconds each took.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from mailbot.store import Store, iso


def build(path: Path, n: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    now = dt.datetime(2022, 9, 1, tzinfo=dt.UTC)
    with Store(path) as store, store.transaction():
        conn = store.conn
        for i in range(n):
            when = iso(now + dt.timedelta(seconds=i))
            email = f"person{i}@kommun{i % 300}.se"
            raw = rng.randbytes(3000).hex().encode()  # ~6 KB, incompressible like real mail
            cursor = conn.execute(
                "INSERT INTO messages (message_key, message_id, sender, subject, received_at,"
                " size, raw, state, actor, handled_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (f"k{i}", f"<m{i}@x>", email, "Anmälan", when, len(raw), raw, "done", "A", when),
            )
            message = cursor.lastrowid
            for seq in range(2):
                conn.execute(
                    "INSERT INTO outcomes (message, seq, outcome, participant, rule)"
                    " VALUES (?,?,?,?,?)",
                    (message, seq, "registered", email, "seats"),
                )
            conn.execute(
                "INSERT INTO registrations (seminar, email, email_key, name, actor, status,"
                " registered_at, registered_by, message, updated_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    "s1",
                    email,
                    email,
                    f"Person {i}",
                    f"Kommun {i % 300}",
                    "confirmed",
                    when,
                    email,
                    message,
                    when,
                ),
            )
            conn.execute(
                "INSERT INTO outbox (message_id, kind, source_message, sender_key, caused_at,"
                " mail_from, to_json, cc_json, subject, raw, created_at, status,"
                " next_attempt_at, sent_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    f"<r{i}@bot>",
                    "confirmed",
                    message,
                    email,
                    when,
                    "bot@x",
                    f'["{email}"]',
                    "[]",
                    "Bekräftelse",
                    rng.randbytes(2000).hex().encode(),
                    when,
                    "sent",
                    when,
                    when,
                ),
            )


def drop_cache(path: Path) -> str:
    """Evict the file from the page cache (posix_fadvise), as after a reboot."""
    for name in (path, Path(f"{path}-wal")):
        if name.exists():
            fd = os.open(name, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)
    return "cold"


def timed(path: Path, pragma: str) -> tuple[float, str]:
    conn = sqlite3.connect(path)
    try:
        started = time.perf_counter()
        answer = conn.execute(f"PRAGMA {pragma}").fetchone()[0]
        return time.perf_counter() - started, answer
    finally:
        conn.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registrations", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mailbot.sqlite3"
        started = time.perf_counter()
        build(path, args.registrations)
        with Store(path) as store:
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size_mb = path.stat().st_size / 1e6
        print(
            f"{args.registrations} registrations: {size_mb:.0f} MB,"
            f" built in {time.perf_counter() - started:.0f} s; load {os.getloadavg()[0]:.1f}"
        )
        for pragma in ("quick_check", "integrity_check"):
            for _ in range(args.repeat):
                state = drop_cache(path)
                cold, answer = timed(path, pragma)
                warm, _ = timed(path, pragma)
                print(f"  {pragma:16} {state} {cold:6.2f} s, warm {warm:6.2f} s -> {answer}")
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
