"""The service's health figures, which `mailbot status` shows."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
import threading

from mailbot import pacing
from mailbot.logs import redact
from mailbot.store import Store, StoreError

log = logging.getLogger("mailbot.service")


class Health:
    """The service's figures in the store's `health` table, which `mailbot status` shows.

    `last_poll` (the last inbox catch-up), `last_error` (when, where, what; addresses removed),
    `failures` (errors since the start), `outbox_backlog` (mails waiting), `smtp_slow_down` (the
    provider's request to slow down, "" once it ended), `started_at`. Times
    are real UTC time, also under `--now`: they describe the process, not the event.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failures = 0

    def started(self, store: Store) -> None:
        self._write(store, started_at=_real_now(), failures="0", pid=str(os.getpid()))

    def polled(self, store: Store) -> None:
        self._write(store, last_poll=_real_now())

    def backlog(self, store: Store, queued: int) -> None:
        self._write(store, outbox_backlog=str(queued))

    def smtp_pause(self, store: Store, pause: pacing.Pause | None) -> None:
        """Why the outbox waits, when the provider asked it to slow down; "" when it does not."""
        text = ""
        if pause is not None:
            until = pause.until.astimezone(dt.UTC).strftime("%H:%M UTC")
            text = f"provider asked us to slow down until {until} ({pause.reason})"
        self._write(store, smtp_slow_down=text)

    def error(self, store: Store, where: str, error: object) -> None:
        with self._lock:
            self._failures += 1
            failures = self._failures
        text = redact(error)[:300]
        self._write(store, last_error=f"{_real_now()} {where}: {text}", failures=str(failures))

    @staticmethod
    def _write(store: Store, **values: str) -> None:
        """Health is a report, not work: failing to write it must not stop the work."""
        try:
            with store.transaction():
                for key, value in values.items():
                    store.mailbox.set_health(key, value)
        except (sqlite3.Error, StoreError) as e:
            log.warning("could not record health (%s)", e)


def _real_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
