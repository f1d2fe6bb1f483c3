"""The SQLite store: raw messages, the journal, registrations, the outbox (SPEC §11, §12).

One database file is the single source of truth, and every SQL statement of mailbot lives in this
package, one repository per idea over one connection (`database.Database`):

| repository | what it holds |
| --- | --- |
| `store.messages` (`journal.Journal`) | raw messages, outcomes, held messages; `record` |
| `store.registrations` (`registrations.Registrations`) | registrations and the `State` queries |
| `store.outbox` (`outbox.OutboxQueue`) | queued mails and what became of them |
| `store.mailbox` (`mailbox.Mailbox`) | IMAP position per folder, health notes |
| `store.personal` (`personal.PersonalData`) | purge a seminar, export one person |
| `store.activity` (`activity.ActivityLog`) | what happened since the last digest (§14) |
| `store.cases` (`cases.Cases`) | what waits for the organiser; seats set by mail (§14) |

`synchronous=FULL` because WAL with NORMAL can lose the last commits on power loss, and a lost
commit here is a lost registration. Readers (`participants`, `status`) use WAL snapshots and
never block the writer.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import AbstractContextManager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mailbot.state import HeldToken, OpenCase, Registration
from mailbot.store.cases import Cases
from mailbot.store.database import Database, StoreError, connect, from_iso, iso
from mailbot.store.integrity import check_at_start
from mailbot.store.mailbox import Mailbox
from mailbot.store.outbox import OutboxEntry, OutboxQueue, OutboxRow
from mailbot.store.registrations import Registrations
from mailbot.store.schema import MIGRATIONS, SCHEMA_VERSION, migrate
from mailbot.store.writable import (
    StorageUnavailable,
    probe_write,
    storage_problem,
    writable_problem,
)

if TYPE_CHECKING:
    from mailbot.digest import Activity
    from mailbot.store.activity import ActivityLog
    from mailbot.store.journal import Journal
    from mailbot.store.personal import PersonalData

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "OutboxEntry",
    "OutboxRow",
    "StorageUnavailable",
    "Store",
    "StoreError",
    "check_at_start",
    "from_iso",
    "iso",
    "probe_write",
    "storage_problem",
    "writable_problem",
]


class Store:
    """Owns the connection and its transaction; exposes the repositories.

    It is also the `State` a decision reads (`mailbot.state.State`): those queries are passed on
    to `registrations`, so the core sees one object and never a connection.
    """

    def __init__(self, path: Path, *, synchronous: Literal["FULL", "NORMAL"] = "FULL") -> None:
        """`synchronous="NORMAL"` only for a connection whose every write a retry redoes (the
        outbox sender's): power loss may then forget its last commits, never a kill -9."""
        self.path = Path(path)
        self.conn = connect(self.path, synchronous)
        try:
            migrate(self.conn, self.path)
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot prepare the database: {e}") from None
        self.db = Database(self.conn)
        self.registrations = Registrations(self.db)
        self.outbox = OutboxQueue(self.db)
        self.mailbox = Mailbox(self.db)
        self.cases = Cases(self.db)

    # The journal, personal data and the digest's activity are made (and their modules, with
    # the digest's, imported) when first used: `mailbot status` reads none of them and must
    # start in 100 ms.

    @cached_property
    def messages(self) -> Journal:
        from mailbot.store.journal import Journal

        return Journal(self.db, self.registrations, self.outbox)

    @cached_property
    def personal(self) -> PersonalData:
        from mailbot.store.personal import PersonalData

        return PersonalData(self.db, self.messages, self.registrations)

    @cached_property
    def activity(self) -> ActivityLog:
        from mailbot.store.activity import ActivityLog

        return ActivityLog(self.db)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def transaction(self) -> AbstractContextManager[None]:
        """One write transaction; a nested use is a savepoint (`Database.transaction`)."""
        return self.db.transaction()

    def journal(self) -> list[dict[str, Any]]:
        """Every handled message with its outcomes and the mails it caused (§13 `messages`)."""
        return self.messages.entries()

    # ------------------------------------------------------------------ the State protocol

    def registration(self, seminar: str, email_key: str) -> Registration | None:
        return self.registrations.registration(seminar, email_key)

    def registrations_of(self, email_key: str) -> list[Registration]:
        return self.registrations.registrations_of(email_key)

    def registrations_by(self, actor: str) -> list[Registration]:
        return self.registrations.registrations_by(actor)

    def confirmed_count(self, actor: str, seminar: str) -> int:
        return self.registrations.confirmed_count(actor, seminar)

    def waitlist(self, actor: str, seminar: str) -> list[Registration]:
        return self.registrations.waitlist(actor, seminar)

    def replies_since(self, sender_key: str, since: dt.datetime) -> int:
        return self.registrations.replies_since(sender_key, since)

    def own_message(self, message_id: str) -> tuple[str, ...] | None:
        return self.registrations.own_message(message_id)

    def mailed_since(self, address_key: str, since: dt.datetime) -> bool:
        return self.registrations.mailed_since(address_key, since)

    def alerted(self, kind: str, key: str, day: dt.date) -> bool:
        return self.registrations.alerted(kind, key, day)

    def alerts_on(self, kind: str, day: dt.date) -> int:
        return self.registrations.alerts_on(kind, day)

    def held_token(self, token_hash: str) -> HeldToken | None:
        return self.registrations.held_token(token_hash)

    def participants(self, seminar: str | None = None) -> list[Registration]:
        return self.registrations.participants(seminar)

    def scheduled_done(self, kind: str, seminar: str, key: str) -> bool:
        return self.registrations.scheduled_done(kind, seminar, key)

    # ------------------------------------------------------------------ digest.DigestState

    def last_digest(self) -> dt.datetime | None:
        return self.activity.last_digest()

    def first_registered_at(self) -> dt.datetime | None:
        return self.activity.first_registered_at()

    def activity_since(self, since: dt.datetime | None, now: dt.datetime) -> Activity:
        return self.activity.activity_since(since, now)

    # ------------------------------------------------------------------ the organiser's cases

    def case(self, message_id: str) -> OpenCase | None:
        return self.cases.case(message_id)

    def seats_override(self, actor: str) -> int | None:
        return self.cases.seats_override(actor)

    def open_cases(self) -> list[OpenCase]:
        return self.cases.waiting()

    def case_asked(self, message_id: str) -> OpenCase | None:
        return self.cases.case_asked(message_id)
