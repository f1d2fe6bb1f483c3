"""The service's health figures, which `mailbot status` shows, and its outages in the log.

A part of the service (IMAP, SMTP, handling, the outbox's database work) is either working or
in trouble. Trouble that starts is logged once at WARNING and recorded as a CURRENT error
(`error:PART`); more failures of the same outage only update that record (a retry every few
seconds must not fill the log); the first success ends it: one INFO line with how long it
lasted, the record moved to `resolved:PART` and `last_PART_ok` set (SPEC §12: degraded states
visible, an error that ended no longer shown as current).

Each part is watched by one process (IMAP and handling by the service, SMTP and the outbox by
the outbox process), so each keeps its own outages in memory; the records are in the store's
`health` table, which both write.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
import threading

from mailbot import pacing
from mailbot.logs import redact
from mailbot.store import Store, StoreError
from mailbot.store.mailbox import CURRENT, RESOLVED, ok_key

log = logging.getLogger("mailbot.service")

# What an `on_trouble` "where" belongs to: the part whose outage it is.
_PARTS = {"IMAP connect": "IMAP", "IMAP login": "IMAP"}


def part_of(where: str) -> str:
    return _PARTS.get(where, where)


class Health:
    """The service's figures in the store's `health` table, which `mailbot status` shows.

    `started_at` and `pid`, `last_poll` (the last inbox catch-up), `last_PART_ok`, `error:PART`
    (since when, where, what; addresses removed) while the part is in trouble, `resolved:PART`
    (the last outage that ended), `last_error`, `failures` (errors since the start),
    `outbox_backlog`, `smtp_slow_down` (the provider's request to slow down, "" once it ended).
    Times are real UTC time, also under `--now`: they describe the process, not the event.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failures = 0
        self._down: dict[str, tuple[dt.datetime, str]] = {}  # part → (since, last error)

    def started(self, store: Store) -> None:
        """A new service: the errors a previous process recorded are not current any more."""
        self._write(store, started_at=_real_now(), failures="0", pid=str(os.getpid()))
        self._forget(store, *(k for k in _keys(store) if k.startswith(CURRENT)))

    def polled(self, store: Store) -> None:
        """An inbox catch-up finished: IMAP works, and so does handling."""
        self.ok(store, "handling")
        self.ok(store, "IMAP", last_poll=_real_now())

    def smtp_pause(self, store: Store, pause: pacing.Pause | None) -> None:
        """Why the outbox waits, when the provider asked it to slow down; "" when it does not."""
        text = ""
        if pause is not None:
            until = pause.until.astimezone(dt.UTC).strftime("%H:%M UTC")
            text = f"provider asked us to slow down until {until} ({pause.reason})"
        self._write(store, smtp_slow_down=text)

    def error(self, store: Store, where: str, error: object) -> None:
        """A failure of `where` (a part, or "IMAP connect"…): WARNING if it starts an outage."""
        part = part_of(where)
        text = redact(error)[:300]
        now = dt.datetime.now(dt.UTC)
        with self._lock:
            self._failures += 1
            failures = self._failures
            since, _ = self._down.get(part, (now, ""))
            starts = part not in self._down
            self._down[part] = (since, text)
        if starts:
            log.warning("%s: trouble began: %s: %s", part, where, text)
        else:
            log.debug("%s: still in trouble: %s: %s", part, where, text)
        self._write(
            store,
            last_error=f"{_iso(now)} {where}: {text}",
            failures=str(failures),
            **{CURRENT + part: f"{_iso(since)} {where}: {text}"},
        )

    def ok(self, store: Store, part: str, **values: str) -> None:
        """`part` worked just now: ends its outage, if any (one INFO line)."""
        now = dt.datetime.now(dt.UTC)
        with self._lock:
            ended = self._down.pop(part, None)
        values[ok_key(part)] = _iso(now)
        if ended is not None:
            since, text = ended
            lasted = (now - since).total_seconds()
            log.info("%s: working again after %.0f s (last error: %s)", part, lasted, text)
            values[RESOLVED + part] = f"{_iso(since)} to {_iso(now)}: {text}"
        self._write(store, **values)
        if ended is not None:
            self._forget(store, CURRENT + part)

    def in_trouble(self, part: str) -> bool:
        with self._lock:
            return part in self._down

    @staticmethod
    def _write(store: Store, **values: str) -> None:
        """Health is a report, not work: failing to write it must not stop the work."""
        try:
            with store.transaction():
                for key, value in values.items():
                    store.mailbox.set_health(key, value)
        except (sqlite3.Error, StoreError) as e:
            log.warning("could not record health (%s)", e)

    @staticmethod
    def _forget(store: Store, *keys: str) -> None:
        try:
            store.mailbox.delete_health(keys)
        except (sqlite3.Error, StoreError) as e:
            log.warning("could not record health (%s)", e)


def _keys(store: Store) -> list[str]:
    try:
        return list(store.mailbox.health())
    except sqlite3.Error:
        return []


def _iso(when: dt.datetime) -> str:
    return when.isoformat(timespec="milliseconds")


def _real_now() -> str:
    return _iso(dt.datetime.now(dt.UTC))
