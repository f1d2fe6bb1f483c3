"""Where the inbox loop is in the IMAP folder, and the service's health notes (`mailbot status`)."""

from __future__ import annotations

from collections.abc import Iterable

from mailbot.store.database import Database

# The keys of the health notes that `health` writes and `mailbot status` reads: kept with the
# table rather than in `health`, so that `status` need not load the logging machinery.
CURRENT = "error:"  # `error:PART`: the outage of a part while it lasts
RESOLVED = "resolved:"  # `resolved:PART`: the last outage of a part that ended


def ok_key(part: str) -> str:
    """The key of a part's last success: `last_imap_ok`, `last_smtp_ok`."""
    return f"last_{part.lower()}_ok"


class Mailbox:
    """The IMAP position per folder (UIDVALIDITY, last UID) and health key/values."""

    def __init__(self, db: Database) -> None:
        self.conn = db.conn
        self.transaction = db.transaction

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

    def set_health(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO health (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def delete_health(self, keys: Iterable[str]) -> None:
        """Forget these notes (an error that ended is no longer current)."""
        with self.transaction():
            self.conn.executemany("DELETE FROM health WHERE key = ?", [(k,) for k in keys])

    def health(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.conn.execute("SELECT key, value FROM health")}
