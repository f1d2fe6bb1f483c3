"""A database that cannot be written, as one part of the service lives through it (SPEC §12).

Disk full, a read-only remount, an I/O error: nothing the service does can be recorded, so the
part stops (the outbox sends nothing, the inbox takes no mail: it waits on the IMAP server),
says so once at ERROR, looks again with a doubling wait, and says once at INFO when it goes on.
The health table cannot carry the news (it is in the database), so `mailbot status` finds the
condition from outside (`store.writable_problem`).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mailbot.store import StorageUnavailable, storage_problem, writable_problem

log = logging.getLogger("mailbot.service")

CAP_S = 300.0  # the longest wait between two looks: a disk freed is noticed within 5 minutes


class StorageOutage:
    """One part's view of the database's writability: `failed` when a write failed (the wait
    before the next look), `ended` when one succeeded."""

    def __init__(self, part: str, consequence: str, database: Path, first_s: float) -> None:
        """`part` names it in the log ("outbox"), `consequence` says what waits meanwhile."""
        self._part = part
        self._consequence = consequence
        self._database = Path(database)
        self._first_s = max(0.05, first_s)
        self._next_s = self._first_s
        self.active = False

    @staticmethod
    def concerns(error: BaseException) -> bool:
        """Whether `error` is the database's writability rather than a fault of the work."""
        return storage_problem(error) is not None

    def failed(self, error: BaseException) -> float:
        """Note a failed write; logs at ERROR when the outage starts. The wait before the
        next look, doubling up to `CAP_S`."""
        if not self.active:
            reason = storage_problem(error) or f"{type(error).__name__}: {error}"
            seen = writable_problem(self._database)
            log.error(
                "%s: the database cannot be written: %s%s; %s until it can (looking again with"
                " backoff up to %.0f s)",
                self._part,
                reason,
                f" ({seen})" if seen and seen != reason else "",
                self._consequence,
                CAP_S,
            )
            self.active = True
        else:
            log.debug("%s: the database still cannot be written: %s", self._part, error)
        wait, self._next_s = self._next_s, min(CAP_S, self._next_s * 2)
        return wait

    def check(self) -> None:
        """While an outage lasts, `StorageUnavailable` if the files still show it (the disk
        still full, the file still read-only): a small write that happens to fit must not end
        it, only to fail again on the next message (and log the outage twice)."""
        if self.active and (problem := writable_problem(self._database)):
            raise StorageUnavailable(problem)

    def ended(self) -> None:
        """A write succeeded: logs at INFO if an outage ends with it."""
        if self.active:
            log.info("%s: the database can be written again; carrying on", self._part)
        self.active = False
        self._next_s = self._first_s
