"""`mailbot run`: the service — IMAP in, the pipeline, SMTP out, and the scheduler (SPEC §12, §13).

One asyncio program with three parts that share nothing but the database file, each through its
own connection to it:

- the inbox (`inbox.Inbox`, in a thread of its own, since imapclient blocks) reads the folder
  from the stored (folder, UIDVALIDITY, last UID) position, hands each message to
  `pipeline.handle`, and only after that commit marks the message done (a batched MOVE); then it
  IDLEs or polls. It knows UIDs and folders; what a message means is the intake's business
  (`intake.PipelineIntake`).
- the outbox (`outbox_process.OutboxProcess`: aiosmtplib is async; under `mailbot run` in a child
  process of its own) drains the outbox over reused connections (`SMTP_CONNECTIONS`)
  whenever a commit queued mail, and on a timer for retries.
- the scheduler (`schedule.Scheduler`), started after the first inbox catch-up, so that mail that
  arrived on time while the bot was down is in the first deadline report.

Crash safety comes from the order of the steps, not from state kept here: the raw message is
stored before it is decided; the decision and its replies are one transaction; the IMAP message is
marked done only after it; the stored position never passes a message that is not done; and a
message met again (a kill between commit and MOVE, a changed UIDVALIDITY) is recognised by its
key and only marked done. So nothing needs flushing on exit, and SIGKILL at any instant loses
nothing (tests/test_crash.py). SIGTERM and Ctrl-C finish the message in hand and exit 0.

One service per database: `run` holds the database's lock (`lock`) while it runs, and a second
one exits at once (`EXIT_RUNNING`). While the database cannot be written (a full disk), each
part stops on its own (`storage_outage`): the inbox takes no mail, the outbox sends nothing it
could not record; both resume by themselves. A database that cannot be opened or written at
start is `StoreError` (exit 4, `check_storage`).

This module is the orchestrator only; the parts live in `inbox`, `intake`, `outbox_process`,
`notices` (failure notices), `health`, `passwords`, `timing` and `aio` (asyncio helpers).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

from mailbot import imap, lock, oauth, outbox, schedule
from mailbot.aio import first_of, in_thread
from mailbot.clock import Clock, utcnow
from mailbot.config import Config, ConfigError
from mailbot.health import Health
from mailbot.inbox import Inbox, StartError
from mailbot.intake import PipelineIntake, decide_unfinished
from mailbot.logs import redact
from mailbot.model import Decision
from mailbot.notices import FailureNotices, warn_of_expiry
from mailbot.outbox_process import OutboxProcess
from mailbot.passwords import Secrets
from mailbot.storage_outage import StorageOutage
from mailbot.store import (
    StorageUnavailable,
    Store,
    StoreError,
    check_at_start,
    probe_write,
    writable_problem,
)
from mailbot.timing import Timing
from mailbot.tokens import TokenError, TokenProvider

log = logging.getLogger("mailbot.service")

EXIT_OK = 0
EXIT_CONFIG = 3  # as `cli`: a password refused, TLS not as configured: a human must act
EXIT_STORAGE = 4  # as `cli`: the database cannot be written (at start, or `--once` at any time)
EXIT_UNAVAILABLE = 5  # `--once`: a server could not be reached; cron tries again next time
# Another `run` holds the database's lock (`lock.AlreadyRunning`): not a failure to restart on
# (the example unit lists it in RestartPreventExitStatus), and nothing was done.
EXIT_RUNNING = 6


class Service:
    """Wires the inbox thread, the outbox loop and the scheduler together; `run()` is `mailbot
    run`, `run(once=True)` is `mailbot run --once`, and `stop()` asks for a clean exit."""

    def __init__(
        self,
        config: Config,
        secrets: Secrets,
        *,
        clock: Clock = utcnow,
        timing: Timing | None = None,
        halt: threading.Event | None = None,
        outbox_process: bool = False,
        smtp_tokens: TokenProvider | None = None,
        exclusive: bool = True,
    ) -> None:
        """`halt`, when given, is the stop signal itself: `cli` sets it from a SIGTERM that
        comes while the program is still starting, before `run` installs its own handlers.
        `outbox_process`: send from a child process (`OutboxProcess.elsewhere`), as `mailbot run`
        does; tests that script the clock keep it here. `smtp_tokens`: a provider to use
        instead of the one `[oauth2]` configures, for `[smtp] auth = "oauth2"` (tests).
        `exclusive=False` skips the database's lock (`lock.acquire`): only for tests of what
        happens without it (SPEC §12)."""
        if config.imap is None or config.smtp is None:
            raise ConfigError([f"{config.path}: `mailbot run` needs [imap] and [smtp]"])
        self.config = config
        self._imap = config.imap
        self._smtp = config.smtp
        self._secrets = secrets
        self._clock = clock
        self._timing = timing or Timing()
        self._health = Health()
        self._halt = halt or threading.Event()  # the inbox thread's stop signal
        self._stopping = asyncio.Event()
        self._caught_up = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._outbox_process = outbox_process
        self._exclusive = exclusive
        self._outbox = OutboxProcess(
            config,
            secrets,
            clock,
            self._timing,
            self._health,
            self._stopping,
            self.stop,
            smtp_tokens,
        )

    # -- controlling it
    def stop(self) -> None:
        """Finish the message in hand and exit; safe from any thread and from a signal."""
        self._halt.set()
        self._call_soon(self._stopping.set)

    def _call_soon(self, callback: Callable[[], object]) -> None:
        loop = self._loop
        if loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop is closed: nothing left to wake
                loop.call_soon_threadsafe(callback)

    async def run(self, *, once: bool = False, handle_signals: bool = True) -> int:
        """Serve until stopped (or, with `once`, catch up and return); the exit status."""
        self._loop = asyncio.get_running_loop()
        installed = self._install_signals() if handle_signals else []
        if self._halt.is_set():  # stopped before the loop ran (a signal during start-up)
            self._stopping.set()
        held: lock.ServiceLock | None = None
        try:
            held = self._lock()
            self._check_storage()
            return await (self._once() if once else self._serve())
        finally:
            for sig in installed:
                self._loop.remove_signal_handler(sig)
            if held is not None:
                held.release()

    def _lock(self) -> lock.ServiceLock | None:
        """One service per database (§12): `lock.AlreadyRunning` when another holds it."""
        if not self._exclusive:
            return None
        database = self.config.bot.database
        try:
            return lock.acquire(database)
        except OSError as e:
            raise StoreError(f"{lock.lock_path(database)}: cannot take the lock: {e}") from None

    def _check_storage(self) -> None:
        check_storage(self.config.bot.database, release=self._exclusive)

    def _install_signals(self) -> list[signal.Signals]:
        if threading.current_thread() is not threading.main_thread() or self._loop is None:
            return []
        installed = []
        for sig in (signal.SIGTERM, signal.SIGINT):
            self._loop.add_signal_handler(sig, self._on_signal, sig)
            installed.append(sig)
        return installed

    def _on_signal(self, sig: signal.Signals) -> None:
        log.info("%s: finishing the message in hand, then stopping", sig.name)
        self.stop()

    # -- the long-running service
    async def _serve(self) -> int:
        started = time.monotonic()
        if not await self._smtp_works():
            return EXIT_OK  # stopped while checking
        log.info(
            "mailbot run: reading %r on %s:%s, sending through %s:%s",
            self._imap.folder,
            self._imap.host,
            self._imap.port,
            self._smtp.host,
            self._smtp.port,
        )
        inbox = in_thread(self._inbox_main, "mailbot-imap")
        sending = self._outbox.elsewhere() if self._outbox_process else self._outbox.loop()
        outbox_task = asyncio.create_task(sending, name="mailbot-outbox")
        scheduler = await self._start_scheduler(inbox, outbox_task)
        # Each part runs until stopped; one that ends by itself has failed, and so has the
        # service: better an exit that systemd sees (and restarts) than a bot half alive.
        await first_of(inbox, outbox_task, self._stopping.wait())
        await self._shut_down(inbox, outbox_task, scheduler, started)
        for part in (inbox, outbox_task):
            error = part.exception() if part.done() and not part.cancelled() else None
            if error is not None:
                raise error  # StartError: the CLI says what to fix
        return EXIT_OK

    async def _smtp_works(self) -> bool:
        """SPEC §12: the SMTP login and certificate checked at start, as IMAP's are; a refused
        login, token or certificate is `StartError` (exit 3). An unreachable server only
        warns: the outbox retries. False if stopped meanwhile (a hung server is cut short)."""
        check = asyncio.ensure_future(self._outbox.check_login())
        await first_of(check, self._stopping.wait())
        if not check.done():
            check.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await check
            return False
        try:
            unreachable = check.result()
        except outbox.SmtpConfigError as e:
            raise StartError(f"SMTP: {e}") from e
        if unreachable:
            log.warning("SMTP: %s; the outbox keeps trying", redact(unreachable))
        return True

    def _inbox_main(self) -> None:
        """The inbox thread: serve over a connection of its own; while the database cannot
        be written, take no mail (it waits on the IMAP server, §12), and look again with
        backoff over a new connection (one opened read-only stays so after the fix)."""
        outage = StorageOutage(
            "inbox", "mail waits on the IMAP server", self.config.bot.database, self._timing.retry_s
        )
        started = False
        while not self._halt.is_set():
            try:
                with Store(self.config.bot.database) as store:
                    outage.check()
                    probe_write(store.conn)
                    outage.ended()
                    if not started:
                        self._health.started(store)
                        started = True
                        if warn_of_expiry(store, self.config, self._clock()):
                            self._wake_outbox()
                    if decide_unfinished(store, self.config, self._clock):
                        self._wake_outbox()
                    self._inbox(store).serve()
                return
            except Exception as e:
                if not StorageOutage.concerns(e):
                    raise
                self._halt.wait(outage.failed(e))

    def _wake_outbox(self) -> None:
        self._call_soon(self._outbox.wake)

    def _inbox(self, store: Store) -> Inbox:
        def caught_up() -> None:
            self._health.polled(store)
            self._call_soon(self._caught_up.set)
            self._wake_outbox()  # also for mail queued before a restart and not yet sent

        return Inbox(
            self._imap,
            self._imap_login(),
            store.mailbox,
            PipelineIntake(store, self.config, self._clock, self._wake_outbox),
            stop=self._halt,
            timing=self._timing,
            max_bytes=self.config.security.max_message_bytes,
            on_caught_up=caught_up,
            on_trouble=lambda where, e: self._health.error(store, where, e),
            escalate=StorageOutage.concerns,
        )

    def _imap_login(self) -> imap.Login:
        """The IMAP password, or the token provider for `auth = "oauth2"` (one per service, so
        the provider's token cache lives as long as the service)."""
        if self._imap.auth == "password":
            return self._secrets.imap_password
        try:
            return oauth.provider_for(self.config, self._secrets.oauth_secret)
        except TokenError as e:
            raise StartError(f"IMAP: {e}") from e

    async def _start_scheduler(self, *parts: asyncio.Future[None]) -> schedule.Scheduler | None:
        """After the first catch-up, so that mail that came while the bot was down is counted
        in the first deadline report; after `first_catch_up_s` without one, all the same:
        reminders must not wait for an IMAP server that is down. None if stopped first (or
        one of `parts` ended: failed) meanwhile."""
        await first_of(
            self._caught_up.wait(),
            self._stopping.wait(),
            *parts,
            timeout=self._timing.first_catch_up_s,
        )
        if self._stopping.is_set() or any(part.done() for part in parts):
            return None
        if not self._caught_up.is_set():
            log.warning("no inbox catch-up yet; starting the scheduler without it")
        database = self.config.bot.database
        scheduler = schedule.Scheduler(
            lambda: Store(database), self.config, self._clock, on_tick=self._on_tick
        )
        scheduler.start()
        return scheduler

    def _on_tick(self, decision: Decision) -> None:
        if decision.mails:
            self._outbox.wake()

    async def _shut_down(
        self,
        inbox: asyncio.Future[None],
        outbox_task: asyncio.Task[None],
        scheduler: schedule.Scheduler | None,
        started: float,
    ) -> None:
        """Stop taking work, let the work in hand finish within `grace_s`, then go."""
        self.stop()
        deadline = time.monotonic() + self._timing.grace_s
        if scheduler is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(scheduler.shutdown(), self._timing.grace_s / 2)
        pending = {task for task in (inbox, outbox_task) if not task.done()}
        if pending:
            _, pending = await asyncio.wait(pending, timeout=max(0.1, deadline - time.monotonic()))
        if outbox_task in pending:
            outbox_task.cancel()  # mid-send at worst: that mail is sent again, same Message-ID
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await outbox_task
        if inbox in pending:
            log.warning("the IMAP side did not finish in time; what it had is taken again at start")
        log.info("stopped after %.1f s of service", time.monotonic() - started)

    # -- once (cron)
    async def _once(self) -> int:
        """Catch up the inbox, run the scheduled work due now, drain the outbox, return; exit
        4 (and nothing more done) when the database cannot be written: cron tries again."""
        try:
            return await self._once_steps()
        except Exception as e:
            if not StorageOutage.concerns(e):
                raise
            log.error("the database cannot be written (%s): stopping; mail waits", e)
            return EXIT_STORAGE

    async def _once_steps(self) -> int:
        status = EXIT_OK
        try:
            await in_thread(self._inbox_once, "mailbot-imap")
        except imap.ConnectionLost as e:
            log.error("IMAP unreachable: %s", e)
            status = EXIT_UNAVAILABLE
        except imap.ImapError as e:
            log.error("IMAP: %s", e)
            status = EXIT_CONFIG
        await asyncio.to_thread(self._tick_once)
        with Store(self.config.bot.database) as store:
            try:
                sender = self._outbox.sender()
            except outbox.SmtpConfigError as e:  # e.g. no token provider: nothing can be sent
                log.error("SMTP: %s", e)
                return EXIT_CONFIG
            async with sender:
                notices = FailureNotices(store, self.config)
                result, _ = await self._outbox.drain(store, notices, sender)
        if result == "config":
            status = EXIT_CONFIG
        elif result == "storage":
            log.error("the database cannot be written: sending stopped; mail waits")
            status = EXIT_STORAGE
        return status

    def _inbox_once(self) -> None:
        with Store(self.config.bot.database) as store:
            warn_of_expiry(store, self.config, self._clock())
            decide_unfinished(store, self.config, self._clock)
            self._inbox(store).catch_up_once()

    def _tick_once(self) -> None:
        with Store(self.config.bot.database) as store:
            decision = schedule.tick(store, self.config, self._clock())
        if decision.mails:
            log.info("scheduled work: %d mails queued", len(decision.mails))


def check_storage(database: Path, *, release: bool) -> None:
    """The database before the service's parts open their own connections: a new one is
    created and migrated here by one connection, and one that cannot be opened or written stops
    the start (`StoreError`: exit 4), naming what is at fault (the file, its folder, a `-shm`
    another user created), rather than a service that takes no mail. `release`: this process
    holds the database's lock, so no other sender is alive and the mails a dead one had
    claimed are free again at once."""
    try:
        check_at_start(database)  # damaged or 0 bytes: exit 4, the file untouched
        store = Store(database)
    except StoreError as e:
        problem = writable_problem(database)
        raise StoreError(f"{e} ({problem})" if problem else str(e)) from None
    with store:
        try:
            probe_write(store.conn)
        except StorageUnavailable as e:
            problem = writable_problem(database) or e.reason
            raise StoreError(f"{database}: cannot be written: {problem}") from None
        if release:
            _release_claims(store)


def _release_claims(store: Store) -> None:
    try:
        released = store.outbox.release_claims()
    except Exception as e:  # a full disk: the outbox meets it too, and waits it out
        if not StorageOutage.concerns(e):
            raise
        log.warning("could not free the mails an earlier run had claimed: %s", e)
        return
    if released:
        log.info("%d mails claimed by an earlier run are free to send again", released)


def run(
    config: Config,
    secrets: Secrets,
    *,
    once: bool = False,
    clock: Clock = utcnow,
    timing: Timing | None = None,
    halt: threading.Event | None = None,
) -> int:
    """`mailbot run [--once]` (the passwords and the OAuth client secret come from
    `secrets_from`; each process builds its own token provider from them); the exit status."""
    service = Service(config, secrets, clock=clock, timing=timing, halt=halt, outbox_process=True)
    return asyncio.run(service.run(once=once))
