"""The inbox: one IMAP folder read from its stored position, each message handed to an intake
and marked done (moved) only after the intake committed it (SPEC §12)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Protocol

from mailbot import imap, reconnecting
from mailbot.config import Imap
from mailbot.timing import Timing

log = logging.getLogger("mailbot.service")

Source = tuple[str, int, int]  # (folder, UIDVALIDITY, UID): where a message was found

TAKE_BATCH = 100  # messages handled between two MOVEs and position updates (NOTES: batch moves)
FETCH_BATCH = 100  # messages per UID FETCH
COMMIT_BATCH = 20  # messages decided in one transaction: one fsync for all (pipeline.handle_batch)
FETCH_BYTES = 32_000_000  # at most this much mail fetched into memory at once


class StartError(Exception):
    """The service cannot work as configured (login refused, no TLS where asked): a human must
    act, and retrying would only lock the account. The message says what to fix."""


class Intake(Protocol):
    """What the inbox hands messages to. The inbox knows IMAP; the intake knows the rest."""

    def known(self, source: Source) -> bool:
        """Whether the message found there was handled before: mark it done without reading."""
        ...

    def take(self, message: imap.Fetched, source: Source) -> bool:
        """Handle one message; True once that is committed and it may be marked done."""
        ...

    def take_many(self, messages: Sequence[tuple[imap.Fetched, Source]]) -> list[bool]:
        """`take` for several messages in arrival order, committed together (one fsync)."""
        ...


class Positions(Protocol):
    """Where the inbox keeps its (folder, UIDVALIDITY, last UID) position (`store.Store`)."""

    def mailbox_position(self, folder: str) -> tuple[int, int] | None: ...
    def set_mailbox_position(self, folder: str, uidvalidity: int, last_uid: int) -> None: ...


class Inbox:
    """One IMAP folder read for the service; blocking, so it runs in a thread of its own.

    Each catch-up searches the folder above the stored position, hands the messages to the
    intake batch by batch, marks the ones it committed done (moved to the done folder), and then
    stores the new position: the highest UID such that no message at or below it is still open.
    A message whose handling failed ("retry") stays in the folder and below the position, so the
    next catch-up (at most `retry_s` later) tries it again; the pipeline sets it aside after
    `pipeline.MAX_ATTEMPTS`. `stop` is looked at between messages and ends an IDLE within a
    second.
    """

    def __init__(
        self,
        settings: Imap,
        password: imap.Login,
        positions: Positions,
        intake: Intake,
        *,
        stop: threading.Event,
        timing: Timing,
        max_bytes: int | None,
        on_caught_up: Callable[[], None] = lambda: None,
        on_trouble: Callable[[str, Exception], None] = lambda where, error: None,
    ) -> None:
        self.settings = settings
        self._password = password
        self._positions = positions
        self._intake = intake
        self._stop = stop
        self._timing = timing
        self._max_bytes = max_bytes
        self._on_caught_up = on_caught_up
        self._on_trouble = on_trouble
        self._position = 0
        self._quick_losses = self._delays()

    # -- the two ways to run
    def serve(self) -> None:
        """Until `stop`: connect, catch up, wait for news, catch up again; reconnect with backoff
        when the server goes away. `StartError` if the first connection cannot log in."""
        first = True
        while not self._stop.is_set():
            mailbox = self._connect(first)
            if mailbox is None:
                return
            first = False
            self._session_guarded(mailbox)

    def catch_up_once(self) -> None:
        """`--once`: connect (a few tries), catch up, log out; errors are raised to the caller."""
        mailbox = reconnecting.reconnect(
            self._open,
            sleep=self._stop.wait,
            delays=self._delays(),
            max_attempts=self._timing.once_connect_attempts,
        )
        with mailbox:
            validity = self._validity(mailbox)
            self._position = self._start_position(validity)
            self._catch_up(mailbox, validity)
            self._on_caught_up()

    # -- connecting
    def _open(self) -> imap.Mailbox:
        try:
            return imap.open_mailbox(self.settings, self._password, self._timing.imap_timeout)
        except imap.ConnectionLost as e:  # `reconnect` retries it; `mailbot status` shows it
            self._on_trouble("IMAP connect", e)
            raise

    def _delays(self) -> Iterator[float]:
        return reconnecting.backoff_delays(
            self._timing.reconnect_base_s, self._timing.reconnect_cap_s
        )

    def _connect(self, first: bool) -> imap.Mailbox | None:
        """A selected mailbox, or None once stopped. A refused login ends a first start
        (`StartError`); later (a password changed under a running bot) it is retried slowly."""
        while not self._stop.is_set():
            try:
                return reconnecting.reconnect(
                    self._open, sleep=self._stop.wait, delays=self._delays()
                )
            except imap.ConnectionLost:
                return None  # reconnect gives up on a ConnectionLost only when stopped
            except imap.ImapError as e:
                if first:
                    raise StartError(f"IMAP: {e}") from e
                log.error("IMAP: %s; trying again in %.0f s", e, self._timing.imap_config_retry_s)
                self._on_trouble("IMAP login", e)
                self._stop.wait(self._timing.imap_config_retry_s)
        return None

    def _session_guarded(self, mailbox: imap.Mailbox) -> None:
        """One connection's life; whatever ends it is logged, recorded and waited out a little
        (a server that drops every session at once must not make us spin)."""
        started = time.monotonic()
        try:
            with mailbox:
                self._session(mailbox)
            return
        except imap.ConnectionLost as e:
            # Routine with OAuth: no outage, reconnect at once. A session ended within a second
            # of its start is not: that server must be waited out with backoff, as below.
            if mailbox.token_has_ended(e) and time.monotonic() - started >= 1.0:
                log.info("IMAP session ended with its OAuth token (%s); logging in afresh", e)
                return
            log.warning("IMAP connection lost (%s); reconnecting", e)
            self._on_trouble("IMAP", e)
            if time.monotonic() - started > 60:  # it worked for a while: count afresh
                self._quick_losses = self._delays()
            pause = next(self._quick_losses)
        except imap.ImapError as e:
            log.error("IMAP: %s; trying again in %.0f s", e, self._timing.retry_s)
            self._on_trouble("IMAP", e)
            pause = self._timing.retry_s
        except Exception as e:  # the store or the pipeline: not a message's fault
            log.error("handling stopped: %s; trying again in %.0f s", e, self._timing.retry_s)
            log.debug("handling stopped", exc_info=True)
            self._on_trouble("handling", e)
            pause = self._timing.retry_s
        self._stop.wait(pause)

    def _session(self, mailbox: imap.Mailbox) -> None:
        validity = self._validity(mailbox)
        self._position = self._start_position(validity)
        while not self._stop.is_set():
            retrying = self._catch_up(mailbox, validity)
            self._on_caught_up()
            if self._stop.is_set():
                return
            wait_s = self._timing.retry_s if retrying else self._timing.wait_s
            renew_in = mailbox.seconds_to_renewal()
            if renew_in is not None and renew_in <= 0:
                log.info("IMAP: renewing the session before its OAuth token expires")
                return  # `serve` logs in again with a fresh token, then searches again
            mailbox.wait(wait_s if renew_in is None else min(wait_s, renew_in), self._stop)

    @staticmethod
    def _validity(mailbox: imap.Mailbox) -> int:
        if mailbox.uidvalidity is None:
            raise imap.ImapError("the folder was not selected")
        return mailbox.uidvalidity

    def _start_position(self, validity: int) -> int:
        """The stored last UID, or 0 to read the whole folder when UIDVALIDITY changed (the
        stored UIDs then name nothing: messages handled before are recognised by key)."""
        stored = self._positions.mailbox_position(self.settings.folder)
        if stored is None:
            return 0
        old_validity, last_uid = stored
        if old_validity != validity:
            log.warning(
                "UIDVALIDITY of %r changed (%s → %s): reading the whole folder again; messages "
                "handled before are recognised by Message-ID and only moved",
                self.settings.folder,
                old_validity,
                validity,
            )
            return 0
        return last_uid

    # -- catching up
    def _catch_up(self, mailbox: imap.Mailbox, validity: int) -> bool:
        """Take every message above the position; True when some wait for a retry."""
        cursor, still_open = self._position, []
        while not self._stop.is_set():
            uids = mailbox.new_uids(cursor)
            if not uids:
                break
            for start in range(0, len(uids), TAKE_BATCH):
                batch = uids[start : start + TAKE_BATCH]
                still_open += self._take_batch(mailbox, validity, batch)
                cursor = batch[-1]
                self._advance(validity, min([cursor, *(uid - 1 for uid in still_open)]))
                if self._stop.is_set():
                    break
        return bool(still_open)

    def _take_batch(self, mailbox: imap.Mailbox, validity: int, uids: list[int]) -> list[int]:
        """Hand over one batch, then mark done what was committed; return the UIDs left open."""
        folder = self.settings.folder
        done = [uid for uid in uids if self._intake.known((folder, validity, uid))]
        wanted = sorted(set(uids) - set(done))
        left: list[int] = []
        for chunk in _by_volume(wanted, mailbox.sizes(wanted) if wanted else {}, self._max_bytes):
            group: list[tuple[imap.Fetched, Source]] = []
            for message in mailbox.fetch(chunk, FETCH_BATCH, self._max_bytes):
                if self._stop.is_set():
                    left.append(message.uid)  # the messages in hand are finished; not the next
                    continue
                group.append((message, (folder, validity, message.uid)))
                if len(group) >= COMMIT_BATCH:
                    self._take_group(group, done, left)
                    group = []
            self._take_group(group, done, left)
        if done:
            mailbox.mark_done(done)
        return left

    def _take_group(
        self, group: list[tuple[imap.Fetched, Source]], done: list[int], left: list[int]
    ) -> None:
        if self._stop.is_set():  # fetched, not begun: taken again at the next start
            left.extend(message.uid for message, _ in group)
        elif group:
            for (message, _), taken in zip(group, self._intake.take_many(group), strict=True):
                (done if taken else left).append(message.uid)

    def _advance(self, validity: int, position: int) -> None:
        if position != self._position:
            self._positions.set_mailbox_position(self.settings.folder, validity, position)
            self._position = position


def _by_volume(
    uids: Sequence[int], sizes: Mapping[int, int], max_bytes: int | None
) -> Iterator[list[int]]:
    """Consecutive groups of UIDs whose messages together stay under `FETCH_BYTES` in memory
    (a message over `max_bytes` comes as its header only, so it counts as little)."""
    group: list[int] = []
    volume = 0
    for uid in uids:
        size = sizes.get(uid, 0)
        if max_bytes is not None and size > max_bytes:
            size = 0
        if group and volume + size > FETCH_BYTES:
            yield group
            group, volume = [], 0
        group.append(uid)
        volume += size
    if group:
        yield group
