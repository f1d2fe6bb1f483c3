"""The outbox queue: rendered mails waiting for the SMTP side, and what became of them (§12)."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from mailbot.store.database import Database, from_iso, iso

if TYPE_CHECKING:
    from mailbot.model import OutboxItem

# How long a claimed mail stays its sender's: longer than a round of `OUTBOX_BATCH` mails can
# take over slow servers (each try is bounded by the SMTP timeout), short enough that a mail
# claimed by a sender that died without a successor under the lock still goes out the same hour.
CLAIM_LEASE = dt.timedelta(minutes=30)
_OWNERS: dict[int, str] = {}


def process_owner() -> str:
    """Who claims mails from this process (the outbox process of `run` is a process of its
    own): the same across the connections it opens anew after an outage, so that it can free
    its own claims; another after a fork."""
    pid = os.getpid()
    if pid not in _OWNERS:
        # 12 random hex digits, as the first 12 of a uuid4 (which are all random)
        _OWNERS[pid] = f"{_host()}:{pid}:{os.urandom(6).hex()}"
    return _OWNERS[pid]


def _host() -> str:
    """This machine's name: `socket.gethostname()` without loading `socket` (and `uuid`) into
    `mailbot status`, which opens the store but claims nothing."""
    return os.uname().nodename


def _alive(owner: str) -> bool:
    """Whether the sender `owner` (`process_owner()`) still runs: a process of this machine
    with its pid. Another machine's is taken as gone: the lock of the one who asks is the
    authority (and a container's hostname changes when it is recreated)."""
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if host != _host() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, another user's
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """Whether `pid` has exited and waits to be reaped: a signal still reaches it, but it sends
    nothing. The outbox process of a service killed with kill -9 is left so when the init of a
    container reaps no orphans (Docker without `--init`), or until a slow one does; taken as
    alive, its claims would hold its mails for `CLAIM_LEASE`."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except OSError:  # no /proc (not Linux), or it ended since
        return False
    # "pid (comm) S ...": comm may hold spaces and parentheses; the state follows the last ")"
    return stat[stat.rfind(b")") + 2 : stat.rfind(b")") + 3] == b"Z"


class QueuedMail(Protocol):
    """A rendered mail as the queue takes it (`replies.Rendered`): its envelope and bytes."""

    @property
    def kind(self) -> str: ...
    @property
    def message_id(self) -> str: ...
    @property
    def mail_from(self) -> str: ...
    @property
    def to(self) -> tuple[str, ...]: ...
    @property
    def cc(self) -> tuple[str, ...]: ...
    @property
    def about(self) -> tuple[str, ...]: ...
    @property
    def subject(self) -> str: ...
    @property
    def raw(self) -> bytes: ...


@dataclass(frozen=True)
class OutboxRow:
    """A queued mail as the store holds it (the SMTP side sees only `model.OutboxItem`)."""

    id: int
    message_id: str
    kind: str
    mail_from: str
    rcpts: tuple[str, ...]
    raw: bytes
    attempts: int
    status: str


@dataclass(frozen=True)
class OutboxEntry:
    """A queued mail's envelope and subject, without its bytes: what a notice about it names."""

    id: int
    message_id: str
    kind: str
    to: tuple[str, ...]
    cc: tuple[str, ...]
    subject: str
    source_message: int | None
    status: str


class OutboxQueue:
    """The outbox table: queued by a decision, taken and marked by the SMTP side."""

    def __init__(self, db: Database) -> None:
        self.conn = db.conn
        self.transaction = db.transaction
        self.owner = process_owner()

    def queue(
        self,
        mails: Sequence[QueuedMail],
        now: dt.datetime,
        *,
        source: int | None,
        caused_at: dt.datetime | None = None,
        sender_key: str | None = None,
        organiser: str = "",
    ) -> None:
        """Queue rendered mails (`replies.Rendered`) for the SMTP side, Message-IDs fixed."""
        self.conn.executemany(
            "INSERT INTO outbox (message_id, kind, source_message, sender_key, caused_at,"
            " mail_from, to_json, cc_json, about_json, subject, raw, created_at, next_attempt_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    m.message_id,
                    m.kind,
                    source,
                    None if m.to == (organiser,) else sender_key,
                    iso(caused_at or now),
                    m.mail_from,
                    json.dumps(list(m.to)),
                    json.dumps(list(m.cc)),
                    json.dumps(list(m.about)),
                    m.subject,
                    m.raw,
                    iso(now),
                    iso(now),
                )
                for m in mails
            ],
        )

    def claim_due(self, now: dt.datetime, limit: int) -> list[OutboxItem]:
        """Claim the queued mails whose next try is due, oldest first, for this sender alone.

        One `UPDATE … RETURNING` under the write lock: two senders (two processes, or a cron
        `run --once` beside the service) never take the same mail (§12). The claim is this
        queue's `owner` with a lease of `CLAIM_LEASE` real time; `mark_*` end it. A claim whose
        holder died is taken over when its lease ends (or at once by `release_claims`).

        A mail never tried is due whatever the clock says: only retries wait for their time.
        (A process whose clock is behind the one that queued it, `run --now` restarted or a
        clock stepped back, would otherwise hold fresh replies back.)
        """
        from mailbot.model import OutboxItem  # only the sender builds them: `status` starts without

        real_now = dt.datetime.now(dt.UTC)
        with self.transaction():
            rows = self.conn.execute(
                "UPDATE outbox SET claimed_by = ?, claimed_until = ? WHERE id IN ("
                " SELECT id FROM outbox WHERE status = 'queued'"
                " AND (attempts = 0 OR next_attempt_at <= ?)"
                " AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY id LIMIT ?)"
                " RETURNING id, message_id, mail_from, to_json, cc_json, raw, attempts,"
                " remaining_json",
                (self.owner, iso(real_now + CLAIM_LEASE), iso(now), iso(real_now), limit),
            ).fetchall()
        return [
            OutboxItem(
                r[0],
                r[1],
                r[2],
                tuple(json.loads(r[7])) if r[7] else tuple(json.loads(r[3]) + json.loads(r[4])),
                bytes(r[5]),
                r[6],
            )
            for r in sorted(rows, key=lambda r: int(r[0]))
        ]

    def release(self, item_ids: Sequence[int]) -> None:
        """Free mails this sender claimed and did not try (a round cut short)."""
        with self.transaction():
            self.conn.executemany(
                "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL"
                " WHERE id = ? AND claimed_by = ?",
                [(i, self.owner) for i in item_ids],
            )

    def release_claims(self) -> int:
        """End the claims of senders that are gone: only for a process that knows no other
        service runs (the service, holding the database's lock, at its start). A sender of
        this machine still alive keeps its claims: the outbox process of a run killed alone
        (kill -9 of its parent) finishes its round before it notices. The number released."""
        with self.transaction():
            owners = [
                str(r[0])
                for r in self.conn.execute(
                    "SELECT DISTINCT claimed_by FROM outbox"
                    " WHERE claimed_by IS NOT NULL AND status = 'queued'"
                )
            ]
            gone = [(owner,) for owner in owners if not _alive(owner)]
            before = self.conn.total_changes
            self.conn.executemany(
                "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL"
                " WHERE claimed_by = ? AND status = 'queued'",
                gone,
            )
            return self.conn.total_changes - before

    def mark_sent(self, item_id: int, at: dt.datetime, refused: Mapping[str, str]) -> None:
        """Sent; `refused` (for good) are added to the row's earlier refusals. With none (nearly
        every mail) the row's refusals stay as they are, without reading them first."""
        with self.transaction():
            if not refused:
                self.conn.execute(
                    "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1,"
                    " claimed_by = NULL, claimed_until = NULL WHERE id = ?",
                    (iso(at), item_id),
                )
                return
            self.conn.execute(
                "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1,"
                " refused_json = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ?",
                (iso(at), self._refused_with(item_id, refused), item_id),
            )

    def mark_partial(
        self,
        item_id: int,
        at: dt.datetime,
        remaining: Sequence[str],
        refused: Mapping[str, str],
        error: str,
        next_attempt_at: dt.datetime,
    ) -> None:
        """Sent to some recipients; `remaining` (refused for now) are tried again alone."""
        with self.transaction():
            self.conn.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,"
                " remaining_json = ?, refused_json = ?, claimed_by = NULL, claimed_until = NULL"
                " WHERE id = ?",
                (
                    error[:2000],
                    iso(next_attempt_at),
                    json.dumps(list(remaining)),
                    self._refused_with(item_id, refused),
                    item_id,
                ),
            )

    def recipients_sent_since(self, since: dt.datetime) -> list[tuple[dt.datetime, int]]:
        """(sent_at, number of recipients) of each mail sent since `since`, oldest first: the
        provider's daily recipient limit counts them across a restart (`pacing.Pace`)."""
        rows = self.conn.execute(
            "SELECT sent_at, json_array_length(to_json) + json_array_length(cc_json) FROM outbox"
            " WHERE status = 'sent' AND sent_at >= ? ORDER BY sent_at",
            (iso(since),),
        ).fetchall()
        return [(when, int(r[1])) for r in rows if (when := from_iso(r[0])) is not None]

    def _refused_with(self, item_id: int, refused: Mapping[str, str]) -> str | None:
        """The row's refusals so far (from earlier partial tries) and `refused`, as JSON."""
        row = self.conn.execute("SELECT refused_json FROM outbox WHERE id = ?", (item_id,))
        earlier = row.fetchone()
        merged = {**json.loads(earlier[0] if earlier and earlier[0] else "{}"), **refused}
        return json.dumps(merged) if merged else None

    def mark_written(self, item_ids: Sequence[int], at: dt.datetime) -> None:
        with self.transaction():
            self.conn.executemany(
                "UPDATE outbox SET status = 'written', sent_at = ? WHERE id = ?",
                [(iso(at), i) for i in item_ids],
            )

    def mark_retry(self, item_id: int, error: str, next_attempt_at: dt.datetime) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,"
                " claimed_by = NULL, claimed_until = NULL WHERE id = ?",
                (error[:2000], iso(next_attempt_at), item_id),
            )

    def mark_failed(self, item_id: int, error: str, at: dt.datetime) -> None:
        with self.transaction():
            self.conn.execute(
                "UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ?,"
                " sent_at = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ?",
                (error[:2000], iso(at), item_id),
            )

    def counts(self) -> dict[str, int]:
        return {
            r[0]: int(r[1])
            for r in self.conn.execute("SELECT status, COUNT(*) FROM outbox GROUP BY status")
        }

    def last_retry_error(self) -> str | None:
        """The error of the latest try of a mail still waiting (the log and `mailbot status`)."""
        row = self.conn.execute(
            "SELECT last_error FROM outbox WHERE status = 'queued' AND last_error IS NOT NULL"
            " ORDER BY next_attempt_at DESC LIMIT 1"
        ).fetchone()
        return str(row[0]) if row else None

    def oldest_queued(self) -> dt.datetime | None:
        """When the mail that has waited longest was queued (`mailbot status`)."""
        row = self.conn.execute("SELECT MIN(created_at) FROM outbox WHERE status = 'queued'")
        return from_iso(row.fetchone()[0])

    def rows(self, status: str = "queued") -> list[OutboxRow]:
        rows = self.conn.execute(
            "SELECT id, message_id, kind, mail_from, to_json, cc_json, raw, attempts, status"
            " FROM outbox WHERE status = ? ORDER BY id",
            (status,),
        ).fetchall()
        return [
            OutboxRow(
                r[0],
                r[1],
                r[2],
                r[3],
                tuple(json.loads(r[4])) + tuple(json.loads(r[5])),
                bytes(r[6]),
                r[7],
                r[8],
            )
            for r in rows
        ]

    def entry(self, item_id: int) -> OutboxEntry | None:
        row = self.conn.execute(
            "SELECT id, message_id, kind, to_json, cc_json, subject, source_message, status"
            " FROM outbox WHERE id = ?",
            (item_id,),
        ).fetchone()
        if row is None:
            return None
        to, cc = tuple(json.loads(row[3])), tuple(json.loads(row[4]))
        return OutboxEntry(row[0], row[1], row[2], to, cc, row[5], row[6], row[7])
