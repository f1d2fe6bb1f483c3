"""The outbox side of `mailbot run`: drain the queue over SMTP when woken and on a timer, in a
child process of its own under `mailbot run` (`OutboxProcess.elsewhere`), in-process in tests.

With `[smtp] auth = "oauth2"` the token provider is built in the process that sends: a provider
holds an HTTP session and a token cache, which do not cross a process boundary (the client
secret, a string, does: it comes in `Secrets`).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import multiprocessing
import os
import signal
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from multiprocessing import resource_tracker
from multiprocessing.connection import Connection
from typing import Literal

from mailbot import oauth, outbox, pacing
from mailbot.aio import first_of, in_thread
from mailbot.clock import Clock, utcnow
from mailbot.config import Config
from mailbot.health import Health
from mailbot.logs import configure_logging, redact
from mailbot.model import OutboxItem
from mailbot.notices import FailureNotices
from mailbot.passwords import Secrets
from mailbot.storage_outage import StorageOutage
from mailbot.store import Store, StoreError
from mailbot.timing import Timing
from mailbot.tokens import TokenError, TokenProvider

log = logging.getLogger("mailbot.service")

OUTBOX_BATCH = 25  # mails per `drain` call: a stop request is looked at between calls
# SMTP connections the outbox sends over at once: a reply waits for the server's answer four
# times, and a second connection fills those waits (benchmarks/README.md).
SMTP_CONNECTIONS = 2

DrainResult = Literal["ok", "config", "error", "storage"]
Drained = tuple[DrainResult, dt.datetime | None]  # and when pacing lets held-back mail go


class OutboxProcess:
    """Drains the outbox until `stopping` is set; `due` is set whenever a commit queued mail.

    `stop` is the service's own stop (it is called when the child process was stopped by a
    signal meant for the whole group, which is a stop and not a failure). `tokens` replaces the
    provider `[oauth2]` configures (tests hand in one of their own; under `elsewhere` it goes
    to the child pickled, so it must pickle); None: each process builds its own.
    """

    def __init__(
        self,
        config: Config,
        secrets: Secrets,
        clock: Clock,
        timing: Timing,
        health: Health,
        stopping: asyncio.Event,
        stop: Callable[[], None],
        tokens: TokenProvider | None = None,
    ) -> None:
        self._config = config
        self._secrets = secrets
        self._clock = clock
        self._timing = timing
        self._health = health
        self._stopping = stopping
        self._stop = stop
        self._due = asyncio.Event()
        assert config.smtp is not None  # `Service` refuses a config without [smtp]
        self._smtp = config.smtp
        self._handed_tokens = tokens
        self._tokens = tokens
        self._pacer = outbox.Pacer.for_settings(config.smtp)
        self._storage = StorageOutage(
            "outbox", "no mail is sent", config.bot.database, timing.retry_s
        )
        self._storage_error: BaseException | None = None
        # Sends the server accepted (or answered) whose results a full disk kept from the
        # store, and mails claimed but not tried: settled before anything else is sent.
        self._pending: list[tuple[OutboxItem, outbox.Result, dt.datetime]] = []
        self._unsent: list[int] = []

    def sender(self) -> outbox.Sender:
        """A connection as `[smtp]` says: the password, or a token from this process's provider."""
        return outbox.Sender(self._smtp, self._secrets.smtp_password, tokens=self._token_provider())

    async def check_login(self) -> str | None:
        """`outbox.check_login` with this side's credentials (SPEC §12: checked at start)."""
        password, tokens = self._secrets.smtp_password, self._token_provider()
        return await outbox.check_login(self._smtp, password, tokens=tokens)

    def _token_provider(self) -> TokenProvider | None:
        """This process's provider for `auth = "oauth2"`, built on first use (None: password)."""
        if self._smtp.auth != "oauth2":
            return None
        if self._tokens is None:
            try:
                self._tokens = oauth.provider_for(self._config, self._secrets.oauth_secret)
            except TokenError as e:  # `secrets_from` checked it; a human must act all the same
                raise outbox.SmtpConfigError(f"the OAuth provider for SMTP: {e}") from e
        return self._tokens

    def _connections(self) -> int:
        """`SMTP_CONNECTIONS`, or fewer if the provider allows fewer (`max_connections`)."""
        return min(SMTP_CONNECTIONS, self._smtp.max_connections or SMTP_CONNECTIONS)

    def wake(self) -> None:
        """Mail was queued: drain soon (call from the event loop's thread)."""
        self._due.set()

    async def elsewhere(self) -> None:
        """`loop` in a child process. The inbox thread is busy with the CPU (parsing,
        rendering), and sharing one interpreter lock with it, the SMTP side waited for the
        lock at every answer of the server: a burst went at two thirds of the speed
        (measured: benchmarks/README.md). The child has its own connection to the database, as
        the loop always had; it is woken through a pipe whenever the loop here would have been,
        and it stops, after its round, when the pipe ends: at our stop, or when this process dies
        (SIGKILL included). The child ending by itself is a failure, as for any part."""
        if self._stopping.is_set():
            return
        # multiprocessing's "spawn": a fresh interpreter (no copy of this one's threads and
        # connections), its arguments pickled to it over a pipe (the passwords never in argv).
        # It re-imports the script that started us as `__mp_main__` (the `mailbot` entry point
        # has a main guard) and starts a resource-tracker process (~10 MB, idle).
        context = multiprocessing.get_context("spawn")
        wake_read, wake_write = context.Pipe(duplex=False)
        offset = self._clock() - utcnow()
        level = logging.getLogger().level
        settings = (self._config, self._secrets, offset, self._timing, level, self._handed_tokens)
        child = context.Process(
            target=run_child, args=(*settings, wake_read), name="mailbot-outbox"
        )
        with held_signals():  # the child starts with them held, until its handlers are in place
            child.start()
        wake_read.close()
        exited = in_thread(child.join, "mailbot-outbox-wait")
        os.set_blocking(wake_write.fileno(), False)
        try:
            while not exited.done() and not self._stopping.is_set():
                await first_of(exited, self._stopping.wait(), self._due.wait())
                if self._due.is_set():
                    self._due.clear()
                    with contextlib.suppress(BlockingIOError, BrokenPipeError):  # one is pending
                        os.write(wake_write.fileno(), b"w")
            wake_write.close()  # the child's cue to finish its round and exit
            await exited  # `_shut_down` bounds this wait, and cancels it after its grace
        finally:
            wake_write.close()
            if child.is_alive():
                child.terminate()  # its SIGTERM handler stops it after the round in hand
                child.join(1.0)
                if child.is_alive():
                    child.kill()
            child.join()
        if child.exitcode in (-signal.SIGTERM, -signal.SIGINT):
            # systemd (and Ctrl-C) signals the whole group: a signal that killed the child (only
            # before `held_signals` hands it to its handlers, so with nothing in hand) is a stop,
            # not a failure (found by tests/test_crash.py, which signals as systemd does).
            self._stop()
        elif child.exitcode != 0 and self._stopping.is_set():  # e.g. Ctrl-C while it started
            log.warning("the outbox process exited with status %s while stopping", child.exitcode)
        elif child.exitcode != 0:
            raise RuntimeError(f"the outbox process exited with status {child.exitcode}")

    async def child_main(self, fd: int) -> None:
        """In the child: the outbox loop, woken by a byte on `fd`, stopped by its end."""
        loop = asyncio.get_running_loop()
        os.set_blocking(fd, False)

        def woken() -> None:
            try:
                data = os.read(fd, 4096)
            except BlockingIOError:
                return
            if data:
                self._due.set()
            else:  # the parent stopped us, or died
                loop.remove_reader(fd)
                self._stop()

        loop.add_reader(fd, woken)
        loop.add_signal_handler(signal.SIGTERM, self._stop)  # systemd signals the whole group
        signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD_SIGNALS)  # held since `elsewhere`
        self._due.set()  # mail may be waiting from before the start
        await self.loop()

    async def loop(self) -> None:
        """Drain when mail was queued and every `outbox_poll_s` for retries, until stopped.

        Each send is committed as soon as it is answered (§12). The commits need not wait for
        the disk: what a power loss could forget here (a "sent" mark, a failure notice) is
        redone by the retry that follows, with the same Message-ID; a kill -9 forgets nothing.
        When pacing holds mail back, the loop waits until it may go (a stop ends the wait).
        While the database cannot be written nothing is sent (a round ends "storage"); the
        connection is then opened anew before the next look, as SQLite keeps a connection
        opened read-only read-only after the cause is fixed.
        """
        async with contextlib.AsyncExitStack() as opened:
            senders = [
                await opened.enter_async_context(self.sender()) for _ in range(self._connections())
            ]
            while not self._stopping.is_set():
                try:
                    store = Store(self._config.bot.database, synchronous="NORMAL")
                except StoreError as e:
                    await self._storage_wait(e)
                    continue
                with store:
                    await self._serve(store, senders)
                if self._storage_error is not None:
                    error, self._storage_error = self._storage_error, None
                    await self._storage_wait(error)
        if self._pending:
            log.warning(
                "outbox: stopping with %d sent mails not recorded (the database could not be"
                " written): the next start may send them again, with the same Message-ID",
                len(self._pending),
            )

    async def _serve(self, store: Store, senders: Sequence[outbox.Sender]) -> None:
        """The rounds over one connection; returns when stopped or the store failed."""
        notices = FailureNotices(store, self._config)
        if self._smtp.max_recipients_per_day is not None:  # the day counted so far
            sent = store.outbox.recipients_sent_since(self._clock() - pacing.DAY)
            self._pacer = outbox.Pacer.for_settings(self._smtp, sent)
        while not self._stopping.is_set():
            self._due.clear()
            drained = await self._drain_until_stopped(store, notices, senders)
            if drained is None or drained[0] == "storage":
                return
            await self._after_drain(*drained)

    async def _storage_wait(self, error: BaseException) -> None:
        await first_of(self._stopping.wait(), timeout=self._storage.failed(error))

    async def _after_drain(self, result: DrainResult, waiting_until: dt.datetime | None) -> None:
        """The wait before the next round: slow after a config error, until the pace allows."""
        if result == "config":  # a human must act: try now and then, not on each mail
            await first_of(self._stopping.wait(), timeout=self._timing.smtp_config_retry_s)
        elif result == "error":
            await first_of(self._stopping.wait(), timeout=self._timing.retry_s)
        elif waiting_until is not None:  # looked at again at least every `outbox_poll_s`
            wait = (waiting_until - self._clock()).total_seconds()
            wait = min(max(0.0, wait), self._timing.outbox_poll_s)
            await first_of(self._stopping.wait(), timeout=wait)
        else:
            await first_of(
                self._stopping.wait(), self._due.wait(), timeout=self._timing.outbox_poll_s
            )

    async def _drain_until_stopped(
        self, store: Store, notices: FailureNotices, senders: Sequence[outbox.Sender]
    ) -> Drained | None:
        """`drain`, cut off `smtp_stop_grace_s` after a stop (a hung server answers nothing:
        the round would last the whole SMTP timeout). None if it was cut off."""
        round_ = asyncio.ensure_future(self.drain(store, notices, senders))
        await first_of(round_, self._stopping.wait())
        if not round_.done():
            await first_of(round_, timeout=self._timing.smtp_stop_grace_s)
        if not round_.done():
            round_.cancel()  # mid-send at worst: sent again at start, same Message-ID
            log.info("outbox: a send was still in flight at the stop; it goes at the next start")
            with contextlib.suppress(asyncio.CancelledError):
                await round_
            return None
        return round_.result()

    async def drain(
        self,
        store: Store,
        notices: FailureNotices,
        sender: outbox.Sender | Sequence[outbox.Sender],
    ) -> Drained:
        """Send everything due now, `OUTBOX_BATCH` at a time so that a stop is heard; and when
        to look again if pacing held mail back. Results a full disk kept from being recorded
        are recorded first, and until they are, nothing is sent: "storage" (the caller waits,
        then opens a new connection)."""
        sent, deferred = 0, 0
        waiting_until = None
        try:
            self._settle(store, notices)
            while not self._stopping.is_set():
                stats = await outbox.drain(
                    notices, sender, self._clock, limit=OUTBOX_BATCH, pacer=self._pacer
                )
                sent, deferred = sent + stats.sent, deferred + stats.retried
                waiting_until = stats.waiting_until
                if waiting_until or stats.sent + stats.retried + stats.failed < OUTBOX_BATCH:
                    break
            self._storage.ended()
        except outbox.SmtpConfigError as e:
            log.error(
                "SMTP: %s: fix [smtp] or the password; trying again in %.0f s",
                e,
                self._timing.smtp_config_retry_s,
            )
            self._health.error(store, "SMTP", e)
            return "config", None
        except outbox.NotRecorded as e:
            self._pending += e.pending
            self._unsent += e.unsent
            return self._storage_failed(e.__cause__ or e), None
        except (sqlite3.Error, StoreError) as e:
            if StorageOutage.concerns(e):
                return self._storage_failed(e), None
            log.error("outbox: %s; trying again in %.0f s", e, self._timing.retry_s)
            self._health.error(store, "outbox", e)
            return "error", None
        self._health.smtp_pause(store, self._pacer.pace.paused(self._clock()))
        self._report(store, sent, deferred)
        return "ok", waiting_until

    def _report(self, store: Store, sent: int, deferred: int) -> None:
        """An SMTP outage starts when a round delivers nothing and defers mail, and ends when a
        mail goes through; mails deferred while others went are the server's word on them."""
        last_error = redact(store.outbox.last_retry_error() or "") if deferred else ""
        if deferred and not sent:
            self._health.error(store, "SMTP", f"{deferred} mails deferred; last: {last_error}")
        elif deferred:
            log.info("SMTP: %d mails deferred for a later try (last: %s)", deferred, last_error)
        if sent:
            self._health.ok(store, "SMTP")
        backlog = store.outbox.counts().get("queued", 0)
        self._health.ok(store, "outbox", outbox_backlog=str(backlog))

    def _settle(self, store: Store, notices: FailureNotices) -> None:
        """Record what an outage left unrecorded, and free the mails it left claimed: the
        first writes after it, so that sending resumes only once they succeed."""
        self._storage.check()
        if self._pending:
            outbox.record_pending(notices, self._pending)
            log.info("outbox: recorded the results of sends made before the outage")
        if self._unsent:
            store.outbox.release(self._unsent)
            self._unsent = []

    def _storage_failed(self, error: BaseException) -> DrainResult:
        """Nothing more is sent until the database can be written; the wait is `loop`'s,
        after it closed this connection."""
        self._storage_error = error
        return "storage"


HELD_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})


@contextlib.contextmanager
def held_signals() -> Iterator[None]:
    """Block SIGINT and SIGTERM in this thread while it starts the outbox process.

    A spawned child runs Python's start-up, unpickles its arguments and imports mailbot before
    a line of ours runs in it; a Ctrl-C to the group then ended it with a KeyboardInterrupt
    traceback in the log. The signal mask is inherited through fork and exec, so the child
    starts with both held (pending, not lost) and takes them once its handlers are in place
    (`child_main`); here they are held only for the `start()` call, and come after it. The
    same technique as CPython's resource tracker (bpo-33613), which is started first so that
    its own block and unblock do not end ours.
    """
    resource_tracker.ensure_running()
    signal.pthread_sigmask(signal.SIG_BLOCK, HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD_SIGNALS)


def run_child(
    config: Config,
    secrets: Secrets,
    offset: dt.timedelta,
    timing: Timing,
    log_level: int,
    tokens: TokenProvider | None,
    wake: Connection,
) -> None:
    """The outbox process of `OutboxProcess.elsewhere` (its arguments come from the parent)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the group: the parent decides
    configure_logging(log_level)

    def clock() -> dt.datetime:
        return utcnow() + offset

    async def main() -> None:
        stopping = asyncio.Event()
        process = OutboxProcess(
            config, secrets, clock, timing, Health(), stopping, stopping.set, tokens
        )
        await process.child_main(wake.fileno())

    asyncio.run(main())
