"""`mailbot run`: the service — IMAP in, the pipeline, SMTP out, and the scheduler (SPEC §12, §13).

One asyncio program with three parts that share nothing but the database file, each through its
own connection to it:

- the inbox (`Inbox`, in a thread of its own, since imapclient blocks) reads the folder from the
  stored (folder, UIDVALIDITY, last UID) position, hands each message to `pipeline.handle`, and
  only after that commit marks the message done (a batched MOVE); then it IDLEs or polls. It knows
  UIDs and folders; what a message means is the `Intake`'s business (`PipelineIntake`).
- the outbox (`Service._outbox_loop`: aiosmtplib is async; under `mailbot run` in a child process
  of its own, `_outbox_elsewhere`) drains the outbox over reused connections (`SMTP_CONNECTIONS`)
  whenever a commit queued mail, and on a timer for retries.
- the scheduler (`schedule.Scheduler`), started after the first inbox catch-up, so that mail that
  arrived on time while the bot was down is in the first deadline report.

Crash safety comes from the order of the steps, not from state kept here: the raw message is
stored before it is decided; the decision and its replies are one transaction; the IMAP message is
marked done only after it; the stored position never passes a message that is not done; and a
message met again (a kill between commit and MOVE, a changed UIDVALIDITY) is recognised by its
key and only marked done. So nothing needs flushing on exit, and SIGKILL at any instant loses
nothing (tests/test_crash.py). SIGTERM and Ctrl-C finish the message in hand and exit 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import os
import pickle
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, TypeVar

from imapclient import SocketTimeout

from mailbot import imap, outbox, pacing, pipeline, privacy, replies, schedule
from mailbot.config import Config, ConfigError, Imap
from mailbot.model import Decision, Mail, OutboxItem
from mailbot.store import OutboxEntry, Store, StoreError
from mailbot.tokens import TokenProvider

log = logging.getLogger("mailbot.service")

Clock = Callable[[], dt.datetime]
Source = tuple[str, int, int]  # (folder, UIDVALIDITY, UID): where a message was found
T = TypeVar("T")

EXIT_OK = 0
EXIT_CONFIG = 3  # as `cli`: a password refused, TLS not as configured: a human must act
EXIT_UNAVAILABLE = 5  # `--once`: a server could not be reached; cron tries again next time

TAKE_BATCH = 100  # messages handled between two MOVEs and position updates (NOTES: batch moves)
FETCH_BATCH = 100  # messages per UID FETCH
COMMIT_BATCH = 20  # messages decided in one transaction: one fsync for all (pipeline.handle_batch)
FETCH_BYTES = 32_000_000  # at most this much mail fetched into memory at once
OUTBOX_BATCH = 25  # mails per `drain` call: a stop request is looked at between calls
# SMTP connections the outbox sends over at once: a reply waits for the server's answer four
# times, and a second connection fills those waits (benchmarks/README.md).
SMTP_CONNECTIONS = 2


@dataclass(frozen=True)
class Timing:
    """How long the service waits for what. The defaults are for production; tests shorten them."""

    wait_s: float = 300.0  # a quiet mailbox is searched again after this anyway (missed news)
    retry_s: float = 30.0  # a message whose handling failed is tried again after this
    outbox_poll_s: float = 30.0  # the outbox looks for due retries at least this often
    smtp_config_retry_s: float = 300.0  # SMTP login refused: try again this much later
    imap_config_retry_s: float = 600.0  # IMAP login refused (after a good start): likewise
    reconnect_base_s: float = 1.0  # first reconnect delay; doubles, with jitter, up to the cap
    reconnect_cap_s: float = 120.0
    first_catch_up_s: float = 120.0  # the scheduler starts after this even with no catch-up
    grace_s: float = 8.0  # SIGTERM: time left for the work in hand (SPEC §13: exit in 10 s)
    # SIGTERM: time left to a send in flight. A hung SMTP server answers nothing within any
    # grace: the send is then cut off (at worst sent again at start, same Message-ID).
    smtp_stop_grace_s: float = 2.0
    imap_timeout: SocketTimeout = field(default_factory=lambda: imap.DEFAULT_TIMEOUT)
    once_connect_attempts: int = 3  # `--once`: tries to reach the IMAP server before giving up


@dataclass(frozen=True)
class Secrets:
    """The passwords, read from the environment variables the config names; never printed."""

    imap_password: str = field(repr=False)
    smtp_password: str = field(default="", repr=False)


class StartError(Exception):
    """The service cannot work as configured (login refused, no TLS where asked): a human must
    act, and retrying would only lock the account. The message says what to fix."""


def secrets_from(config: Config, environ: Mapping[str, str] | None = None) -> Secrets:
    """The passwords `run` needs, or `ConfigError` naming every variable that is not set.

    `check-config` only warns about these; `run` cannot work without them (SPEC §2).
    """
    environ = os.environ if environ is None else environ
    where = config.path
    problems = [
        f"{where}: [{name}] is missing: `mailbot run` needs it"
        for name, section in (("imap", config.imap), ("smtp", config.smtp))
        if section is None
    ]
    if problems:
        raise ConfigError(problems)
    assert config.imap is not None and config.smtp is not None
    imap_password = environ.get(config.imap.password_env, "")
    smtp_password = environ.get(config.smtp.password_env, "")
    if not imap_password:
        problems.append(_unset(where, "imap", config.imap.password_env))
    smtp_oauth = config.smtp.auth == "oauth2"  # the token comes from the [oauth2] provider
    if config.smtp.username and not smtp_oauth and not smtp_password:
        problems.append(_unset(where, "smtp", config.smtp.password_env))
    if problems:
        raise ConfigError(problems)
    return Secrets(imap_password, smtp_password)


def _unset(where: object, section: str, variable: str) -> str:
    return (
        f"{where}: {section}.password_env: environment variable {variable} is not set; "
        f"`mailbot run` needs the {section.upper()} password in it"
    )


def offset_clock(at: dt.datetime, real: Clock = pipeline.utcnow) -> Clock:
    """A clock that reads `at` now and runs at real speed from there (`run --now`, the demo).

    now = real now + (at - real now at the start): timers still fire at the matching real time.
    """
    if at.tzinfo is None:
        raise ValueError("offset_clock needs an aware time")
    offset = at - real()
    return lambda: real() + offset


# --------------------------------------------------------------------------- health


class Health:
    """The service's figures in the store's `health` table, which `mailbot status` shows.

    `last_poll` (the last inbox catch-up), `last_error` (when, where, what; addresses removed),
    `failures` (errors since the start), `outbox_backlog` (mails waiting), `started_at`. Times
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
        text = privacy.redact(error)[:300]
        self._write(store, last_error=f"{_real_now()} {where}: {text}", failures=str(failures))

    @staticmethod
    def _write(store: Store, **values: str) -> None:
        """Health is a report, not work: failing to write it must not stop the work."""
        try:
            with store.transaction():
                for key, value in values.items():
                    store.set_health(key, value)
        except (sqlite3.Error, StoreError) as e:
            log.warning("could not record health (%s)", e)


def _real_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


# --------------------------------------------------------------------------- the inbox (IMAP)


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
        password: str,
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
        mailbox = imap.reconnect(
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
        return imap.backoff_delays(self._timing.reconnect_base_s, self._timing.reconnect_cap_s)

    def _connect(self, first: bool) -> imap.Mailbox | None:
        """A selected mailbox, or None once stopped. A refused login ends a first start
        (`StartError`); later (a password changed under a running bot) it is retried slowly."""
        while not self._stop.is_set():
            try:
                return imap.reconnect(self._open, sleep=self._stop.wait, delays=self._delays())
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
            mailbox.wait(self._timing.retry_s if retrying else self._timing.wait_s, self._stop)

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


# --------------------------------------------------------------------------- the intake (pipeline)


class PipelineIntake:
    """Hands fetched messages to `pipeline.handle` (INTERNALDATE as the received time, §7) and
    logs one line per message; `on_commit` wakes the outbox after each commit."""

    def __init__(
        self, store: Store, config: Config, clock: Clock, on_commit: Callable[[], None]
    ) -> None:
        self._store = store
        self._config = config
        self._clock = clock
        self._on_commit = on_commit

    def known(self, source: Source) -> bool:
        stored = self._store.find_by_uid(*source)
        return stored is not None and stored.state != "received"

    def take(self, message: imap.Fetched, source: Source) -> bool:
        return self.take_many([(message, source)])[0]

    def take_many(self, messages: Sequence[tuple[imap.Fetched, Source]]) -> list[bool]:
        started = time.perf_counter()
        results = pipeline.handle_batch(
            self._store,
            self._config,
            [pipeline.Incoming(m.raw, m.received_at, source, m.size) for m, source in messages],
            now=self._clock(),
        )
        each = (time.perf_counter() - started) / max(1, len(messages))
        for (_, source), result in zip(messages, results, strict=True):
            log_handled(result, each, source)
        if any(result.status in ("handled", "set-aside") for result in results):
            self._on_commit()
        return [result.status != "retry" for result in results]


def decide_unfinished(store: Store, config: Config, clock: Clock) -> int:
    """Decide the messages a crash left stored but undecided (§12), before reading new mail."""
    left = store.unfinished()
    for stored, raw, received_at in left:
        started = time.perf_counter()
        size = stored.size if stored.size is not None else len(raw)
        result = pipeline.decide_stored(store, config, stored, raw, received_at, clock(), size)
        log_handled(result, time.perf_counter() - started, None)
    if left:
        log.info("decided %d messages left undecided by an earlier stop", len(left))
    return len(left)


def log_handled(result: pipeline.Handled, seconds: float, source: Source | None) -> None:
    """One line per message, key=value: what became of it, no names or addresses (those at
    DEBUG only), the error as its type only (its text may quote the message)."""
    outcomes = Counter(f"{o.outcome}({o.rule})" for o in result.outcomes)
    fields = [
        f"uid={source[2]} uidvalidity={source[1]}" if source else "uid=-",
        f"message={result.message}",
        f"status={result.status}",
        "outcomes=" + (",".join(_counted(k, n) for k, n in outcomes.items()) or "-"),
        f"ms={seconds * 1000:.1f}",
    ]
    if result.released:
        fields.append(f"released={len(result.released)}")
    if result.error:
        fields.append(f"error={result.error.partition(':')[0]}")
    log.info("message %s", " ".join(fields))
    if log.isEnabledFor(logging.DEBUG):
        people = [o.participant for o in result.outcomes if o.participant]
        log.debug("message=%s sender=%s participants=%s", result.message, result.sender, people)


def _counted(key: str, n: int) -> str:
    return key if n == 1 else f"{key}x{n}"


# --------------------------------------------------------------------------- the outbox (SMTP)


class FailureNotices:
    """The store as `outbox.drain` sees it, plus §12's "5xx recorded as failed and reported".

    A mail refused for good (or accepted for some recipients and refused for others, which the
    outbox records as sent: it is not tried again) is recorded, and in the same transaction a
    `delivery-failed` mail to the organiser is queued, so no crash can record one without the
    other. A refused mail that was to the organiser (a notice among them) tells no one: that
    would be a loop.
    """

    def __init__(self, store: Store, config: Config) -> None:
        self._store = store
        self._config = config

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """`drain` records a round's results in one transaction (one commit)."""
        return self._store.transaction()

    def due_outbox(self, now: dt.datetime, limit: int) -> list[OutboxItem]:
        return self._store.due_outbox(now, limit)

    def mark_retry(self, item_id: int, error: str, next_attempt_at: dt.datetime) -> None:
        self._store.mark_retry(item_id, error, next_attempt_at)

    def mark_sent(self, item_id: int, at: dt.datetime, refused: Mapping[str, str]) -> None:
        if not refused:
            self._store.mark_sent(item_id, at, refused)
            return
        error = "; ".join(f"{address}: {reply}" for address, reply in refused.items())
        self._record(
            item_id, at, error, refused, lambda: self._store.mark_sent(item_id, at, refused)
        )

    def mark_failed(self, item_id: int, error: str, at: dt.datetime) -> None:
        self._record(item_id, at, error, {}, lambda: self._store.mark_failed(item_id, error, at))

    def mark_partial(
        self,
        item_id: int,
        at: dt.datetime,
        remaining: Sequence[str],
        refused: Mapping[str, str],
        error: str,
        next_attempt_at: dt.datetime,
    ) -> None:
        """Some recipients refused for now (retried alone): told only of those refused for good."""

        def record() -> None:
            self._store.mark_partial(item_id, at, remaining, refused, error, next_attempt_at)

        if not refused:
            record()
            return
        text = "; ".join(f"{address}: {reply}" for address, reply in refused.items())
        self._record(item_id, at, text, refused, record)

    def _record(
        self,
        item_id: int,
        at: dt.datetime,
        error: str,
        refused: Mapping[str, str],
        record: Callable[[], None],
    ) -> None:
        entry = self._store.outbox_entry(item_id)
        notice = self._notice(entry, error, refused, at) if entry and self._tells(entry) else None
        with self._store.transaction():
            record()
            if notice is not None and entry is not None:
                self._store.queue(
                    [notice],
                    at,
                    source=entry.source_message,
                    organiser=self._config.organiser.address,
                )
        log.warning(
            "outbox %s (%s) %s; %s",
            item_id,
            entry.kind if entry else "?",
            "refused for some recipients" if refused else "refused for good",
            "the organiser is told" if notice else "no notice",
        )

    def _tells(self, entry: OutboxEntry) -> bool:
        organiser = self._config.organiser.address.casefold()
        recipients = {a.casefold() for a in entry.to + entry.cc}
        return entry.kind != "delivery-failed" and organiser not in recipients

    def _notice(
        self, entry: OutboxEntry, error: str, refused: Mapping[str, str], at: dt.datetime
    ) -> replies.Rendered | None:
        """Rendered before the transaction: a broken template costs the notice, not the record."""
        mail = Mail(
            "delivery-failed",
            (self._config.organiser.address,),
            language=self._config.bot.language,
            answers=False,
            context={
                "subject": entry.subject,
                "to": list(entry.to),
                "cc": list(entry.cc),
                "failed_kind": entry.kind,
                "message_id": entry.message_id,
                "error": error[:500],
                "refused": sorted(refused),  # delivered to the others; empty: to nobody
            },
            about=entry.to + entry.cc,
        )
        try:
            return replies.render(mail, self._config, at)
        except Exception as e:
            log.error("could not render the delivery-failed notice: %s", e)
            return None


DrainResult = Literal["ok", "config", "error"]


# --------------------------------------------------------------------------- the service


class Service:
    """Wires the inbox thread, the outbox loop and the scheduler together; `run()` is `mailbot
    run`, `run(once=True)` is `mailbot run --once`, and `stop()` asks for a clean exit."""

    def __init__(
        self,
        config: Config,
        secrets: Secrets,
        *,
        clock: Clock = pipeline.utcnow,
        timing: Timing | None = None,
        halt: threading.Event | None = None,
        outbox_process: bool = False,
        smtp_tokens: TokenProvider | None = None,
    ) -> None:
        """`halt`, when given, is the stop signal itself: `cli` sets it from a SIGTERM that
        comes while the program is still starting, before `run` installs its own handlers.
        `outbox_process`: send from a child process (`_outbox_elsewhere`), as `mailbot run`
        does; tests that script the clock keep it here. `smtp_tokens`: the [oauth2] provider
        when `[smtp] auth = "oauth2"` (it goes to the outbox process pickled)."""
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
        self._outbox_due = asyncio.Event()
        self._caught_up = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._outbox_process = outbox_process
        self._smtp_tokens = smtp_tokens
        self._pacer = outbox.Pacer.for_settings(config.smtp)

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
        # Opened once before the parts open their own connections: a new database is then
        # created and migrated by one connection, and a storage problem stops us right here.
        Store(self.config.bot.database).close()
        try:
            return await (self._once() if once else self._serve())
        finally:
            for sig in installed:
                self._loop.remove_signal_handler(sig)

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
        inbox = _in_thread(self._inbox_main, "mailbot-imap")
        outbox = self._outbox_elsewhere() if self._outbox_process else self._outbox_loop()
        outbox_task = asyncio.create_task(outbox, name="mailbot-outbox")
        scheduler = await self._start_scheduler(inbox, outbox_task)
        # Each part runs until stopped; one that ends by itself has failed, and so has the
        # service: better an exit that systemd sees (and restarts) than a bot half alive.
        await _first_of(inbox, outbox_task, self._stopping.wait())
        await self._shut_down(inbox, outbox_task, scheduler, started)
        for part in (inbox, outbox_task):
            error = part.exception() if part.done() and not part.cancelled() else None
            if error is not None:
                raise error  # StartError: the CLI says what to fix
        return EXIT_OK

    def _inbox_main(self) -> None:
        with Store(self.config.bot.database) as store:
            self._health.started(store)
            if decide_unfinished(store, self.config, self._clock):
                self._wake_outbox()
            self._inbox(store).serve()

    def _wake_outbox(self) -> None:
        self._call_soon(self._outbox_due.set)

    def _inbox(self, store: Store) -> Inbox:
        def caught_up() -> None:
            self._health.polled(store)
            self._call_soon(self._caught_up.set)
            self._wake_outbox()  # also for mail queued before a restart and not yet sent

        return Inbox(
            self._imap,
            self._secrets.imap_password,
            store,
            PipelineIntake(store, self.config, self._clock, self._wake_outbox),
            stop=self._halt,
            timing=self._timing,
            max_bytes=self.config.security.max_message_bytes,
            on_caught_up=caught_up,
            on_trouble=lambda where, e: self._health.error(store, where, e),
        )

    async def _start_scheduler(self, *parts: asyncio.Future[None]) -> schedule.Scheduler | None:
        """After the first catch-up, so that mail that came while the bot was down is counted
        in the first deadline report; after `first_catch_up_s` without one, all the same:
        reminders must not wait for an IMAP server that is down. None if stopped first (or
        one of `parts` ended: failed) meanwhile."""
        await _first_of(
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
            self._outbox_due.set()

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

    async def _smtp_works(self) -> bool:
        """SPEC §12: the SMTP login and certificate checked at start, as IMAP's are; a refused
        login, token or certificate is `StartError` (exit 3). An unreachable server only
        warns: the outbox retries. False if stopped meanwhile (a hung server is cut short)."""
        check = asyncio.ensure_future(
            outbox.check_login(self._smtp, self._secrets.smtp_password, tokens=self._smtp_tokens)
        )
        await _first_of(check, self._stopping.wait())
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
            log.warning("SMTP: %s; the outbox keeps trying", privacy.redact(unreachable))
        return True

    # -- once (cron)
    async def _once(self) -> int:
        """Catch up the inbox, run the scheduled work due now, drain the outbox, return."""
        status = EXIT_OK
        try:
            await _in_thread(self._inbox_once, "mailbot-imap")
        except imap.ConnectionLost as e:
            log.error("IMAP unreachable: %s", e)
            status = EXIT_UNAVAILABLE
        except imap.ImapError as e:
            log.error("IMAP: %s", e)
            status = EXIT_CONFIG
        await asyncio.to_thread(self._tick_once)
        with Store(self.config.bot.database) as store:
            async with self._sender() as sender:
                result, _ = await self._drain(store, FailureNotices(store, self.config), sender)
        if result == "config":
            status = EXIT_CONFIG
        return status

    def _inbox_once(self) -> None:
        with Store(self.config.bot.database) as store:
            decide_unfinished(store, self.config, self._clock)
            self._inbox(store).catch_up_once()

    def _tick_once(self) -> None:
        with Store(self.config.bot.database) as store:
            decision = schedule.tick(store, self.config, self._clock())
        if decision.mails:
            log.info("scheduled work: %d mails queued", len(decision.mails))

    # -- the outbox
    async def _outbox_elsewhere(self) -> None:
        """`_outbox_loop` in a child process. The inbox thread is busy with the CPU (parsing,
        rendering), and sharing one interpreter lock with it, the SMTP side waited for the
        lock at every answer of the server: a burst went at two thirds of the speed
        (measured: benchmarks/README.md). The child has its own connection to the database, as
        the loop always had; it is woken through a pipe whenever the loop here would have been,
        and it stops, after its round, when the pipe ends: at our stop, or when this process dies
        (SIGKILL included). The child ending by itself is a failure, as for any part."""
        if self._stopping.is_set():
            return
        wake_read, wake_write = os.pipe()
        offset = self._clock() - pipeline.utcnow()
        level = logging.getLogger().level
        # Not multiprocessing: its "spawn" runs the script that started us again as a module
        # (harmful without a main guard) and adds a resource-tracker process (13 MB).
        child = subprocess.Popen(
            [sys.executable, "-c", "from mailbot.service import _outbox_child; _outbox_child()"],
            stdin=subprocess.PIPE,
            pass_fds=(wake_read,),
        )
        os.close(wake_read)
        assert child.stdin is not None
        with contextlib.suppress(BrokenPipeError), child.stdin:  # the passwords: never in argv
            pickle.dump((self.config, self._secrets, offset, self._timing, level, wake_read,
                         self._smtp_tokens), child.stdin)  # fmt: skip
        exited = _in_thread(child.wait, "mailbot-outbox-wait")
        os.set_blocking(wake_write, False)
        try:
            while not exited.done() and not self._stopping.is_set():
                await _first_of(exited, self._stopping.wait(), self._outbox_due.wait())
                if self._outbox_due.is_set():
                    self._outbox_due.clear()
                    with contextlib.suppress(BlockingIOError, BrokenPipeError):  # one is pending
                        os.write(wake_write, b"w")
            os.close(wake_write)  # the child's cue to finish its round and exit
            wake_write = -1
            await exited  # `_shut_down` bounds this wait, and cancels it after its grace
        finally:
            if wake_write >= 0:
                os.close(wake_write)
            if child.poll() is None:
                child.terminate()  # its SIGTERM handler stops it after the round in hand
                try:
                    child.wait(1.0)
                except subprocess.TimeoutExpired:
                    child.kill()
            child.wait()
        if child.returncode == -signal.SIGTERM:
            # systemd signals the whole group: a SIGTERM that reached the child while it was
            # still starting (before its handler, so with nothing in hand) killed it. A stop,
            # not a failure (found by tests/test_crash.py, which signals as systemd does).
            self.stop()
        elif child.returncode != 0 and self._stopping.is_set():  # e.g. Ctrl-C while it started
            log.warning("the outbox process exited with status %s while stopping", child.returncode)
        elif child.returncode != 0:
            raise RuntimeError(f"the outbox process exited with status {child.returncode}")

    async def _outbox_child_main(self, fd: int) -> None:
        """In the child: the outbox loop, woken by a byte on `fd`, stopped by its end."""
        loop = self._loop = asyncio.get_running_loop()
        os.set_blocking(fd, False)

        def woken() -> None:
            try:
                data = os.read(fd, 4096)
            except BlockingIOError:
                return
            if data:
                self._outbox_due.set()
            else:  # the parent stopped us, or died
                loop.remove_reader(fd)
                self.stop()

        loop.add_reader(fd, woken)
        loop.add_signal_handler(signal.SIGTERM, self.stop)  # systemd signals the whole group
        self._outbox_due.set()  # mail may be waiting from before the start
        await self._outbox_loop()

    def _sender(self) -> outbox.Sender:
        return outbox.Sender(self._smtp, self._secrets.smtp_password, tokens=self._smtp_tokens)

    def _connections(self) -> int:
        """`SMTP_CONNECTIONS`, or fewer if the provider allows fewer (`max_connections`)."""
        return min(SMTP_CONNECTIONS, self._smtp.max_connections or SMTP_CONNECTIONS)

    async def _outbox_loop(self) -> None:
        """Drain when mail was queued and every `outbox_poll_s` for retries, until stopped.

        Each send is committed as soon as it is answered (§12). The commits need not wait for
        the disk: what a power loss could forget here (a "sent" mark, a failure notice) is
        redone by the retry that follows, with the same Message-ID; a kill -9 forgets nothing.
        When pacing holds mail back, the loop waits until it may go (a stop ends the wait).
        """
        with Store(self.config.bot.database, synchronous="NORMAL") as store:
            notices = FailureNotices(store, self.config)
            if self._smtp.max_recipients_per_day is not None:  # the day counted so far
                sent = store.recipients_sent_since(self._clock() - pacing.DAY)
                self._pacer = outbox.Pacer.for_settings(self._smtp, sent)
            async with contextlib.AsyncExitStack() as opened:
                senders = [
                    await opened.enter_async_context(self._sender())
                    for _ in range(self._connections())
                ]
                while not self._stopping.is_set():
                    self._outbox_due.clear()
                    drained = await self._drain_until_stopped(store, notices, senders)
                    if drained is None:
                        return
                    await self._after_drain(*drained)

    async def _after_drain(self, result: DrainResult, waiting_until: dt.datetime | None) -> None:
        """The wait before the next round: slow after a config error, until the pace allows."""
        if result == "config":  # a human must act: try now and then, not on each mail
            await _first_of(self._stopping.wait(), timeout=self._timing.smtp_config_retry_s)
        elif result == "error":
            await _first_of(self._stopping.wait(), timeout=self._timing.retry_s)
        elif waiting_until is not None:  # looked at again at least every `outbox_poll_s`
            wait = (waiting_until - self._clock()).total_seconds()
            wait = min(max(0.0, wait), self._timing.outbox_poll_s)
            await _first_of(self._stopping.wait(), timeout=wait)
        else:
            await _first_of(
                self._stopping.wait(),
                self._outbox_due.wait(),
                timeout=self._timing.outbox_poll_s,
            )

    async def _drain_until_stopped(
        self, store: Store, notices: FailureNotices, senders: Sequence[outbox.Sender]
    ) -> tuple[DrainResult, dt.datetime | None] | None:
        """`_drain`, cut off `smtp_stop_grace_s` after a stop (a hung server answers nothing:
        the round would last the whole SMTP timeout). None if it was cut off."""
        round_ = asyncio.ensure_future(self._drain(store, notices, senders))
        await _first_of(round_, self._stopping.wait())
        if not round_.done():
            await _first_of(round_, timeout=self._timing.smtp_stop_grace_s)
        if not round_.done():
            round_.cancel()  # mid-send at worst: sent again at start, same Message-ID
            log.info("outbox: a send was still in flight at the stop; it goes at the next start")
            with contextlib.suppress(asyncio.CancelledError):
                await round_
            return None
        return round_.result()

    async def _drain(
        self,
        store: Store,
        notices: FailureNotices,
        sender: outbox.Sender | Sequence[outbox.Sender],
    ) -> tuple[DrainResult, dt.datetime | None]:
        """Send everything due now, `OUTBOX_BATCH` at a time so that a stop is heard; and when
        to look again if pacing held mail back."""
        deferred = 0
        waiting_until = None
        try:
            while not self._stopping.is_set():
                stats = await outbox.drain(
                    notices, sender, self._clock, limit=OUTBOX_BATCH, pacer=self._pacer
                )
                deferred += stats.retried
                waiting_until = stats.waiting_until
                if waiting_until or stats.sent + stats.retried + stats.failed < OUTBOX_BATCH:
                    break
        except outbox.SmtpConfigError as e:
            log.error(
                "SMTP: %s: fix [smtp] or the password; trying again in %.0f s",
                e,
                self._timing.smtp_config_retry_s,
            )
            self._health.error(store, "SMTP", e)
            return "config", None
        except (sqlite3.Error, StoreError) as e:
            log.error("outbox: %s; trying again in %.0f s", e, self._timing.retry_s)
            self._health.error(store, "outbox", e)
            return "error", None
        if deferred:
            self._health.error(store, "SMTP", f"{deferred} mails deferred for a later try")
        self._health.smtp_pause(store, self._pacer.pace.paused(self._clock()))
        self._health.backlog(store, store.outbox_counts().get("queued", 0))
        return "ok", waiting_until


# --------------------------------------------------------------------------- asyncio helpers


def _in_thread(work: Callable[[], T], name: str) -> asyncio.Future[T]:
    """Run blocking `work` in a daemon thread, as a future of its result.

    Not `asyncio.to_thread`: its executor threads are joined at exit, so a thread stuck in a
    socket read could hold the process past SIGTERM's 10 s. A daemon thread is left behind,
    and what it had in hand is taken again at the next start.
    """
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(outcome: tuple[T] | BaseException) -> None:
        if future.done():
            return
        if isinstance(outcome, BaseException):
            future.set_exception(outcome)
        else:
            future.set_result(outcome[0])

    def target() -> None:
        outcome: tuple[T] | BaseException
        try:
            outcome = (work(),)
        except BaseException as e:
            outcome = e
        with contextlib.suppress(RuntimeError):  # the loop is gone: nobody waits any more
            loop.call_soon_threadsafe(settle, outcome)

    threading.Thread(target=target, name=name, daemon=True).start()
    return future


async def _first_of(*waits: Awaitable[object], timeout: float | None = None) -> None:
    """Return when the first of `waits` is done (or at `timeout`). Coroutines given are
    cancelled afterwards; futures given are left alone (they belong to someone else)."""
    owned = [asyncio.ensure_future(w) for w in waits if asyncio.iscoroutine(w)]
    futures = [w for w in waits if isinstance(w, asyncio.Future)] + owned
    try:
        await asyncio.wait(futures, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in owned:
            task.cancel()


# --------------------------------------------------------------------------- entry points


def _outbox_child() -> None:
    """The outbox process of `Service._outbox_elsewhere`; its arguments come pickled on stdin
    from the parent (a pipe between the two: nothing else writes there)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the group: the parent decides
    config, secrets, offset, timing, log_level, wake, tokens = pickle.load(sys.stdin.buffer)
    configure_logging(log_level)
    clock_offset: dt.timedelta = offset

    def clock() -> dt.datetime:
        return pipeline.utcnow() + clock_offset

    service = Service(config, secrets, clock=clock, timing=timing, smtp_tokens=tokens)
    asyncio.run(service._outbox_child_main(wake))


def run(
    config: Config,
    secrets: Secrets,
    *,
    once: bool = False,
    clock: Clock = pipeline.utcnow,
    timing: Timing | None = None,
    halt: threading.Event | None = None,
    smtp_tokens: TokenProvider | None = None,
) -> int:
    """`mailbot run [--once]` (the passwords come from `secrets_from`; the token provider,
    for `[smtp] auth = "oauth2"`, from `oauth.provider_for`); the exit status."""
    service = Service(
        config,
        secrets,
        clock=clock,
        timing=timing,
        halt=halt,
        outbox_process=True,
        smtp_tokens=smtp_tokens,
    )
    return asyncio.run(service.run(once=once))


def configure_logging(level: int = logging.INFO) -> None:
    """Log lines to stderr (journald adds its own time stamps, a terminal wants ours).

    Addresses are removed from every record above DEBUG (`privacy.RedactAddresses`), and
    imapclient's and APScheduler's chatter is kept out: imapclient's DEBUG log shows every
    command, the LOGIN among them.
    """
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(privacy.RedactAddresses())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("imapclient").setLevel(max(level, logging.INFO))
    logging.getLogger("apscheduler").setLevel(max(level, logging.WARNING))
    # The pipeline's own INFO line per message repeats `log_handled`'s: one line a message.
    logging.getLogger("mailbot.pipeline").setLevel(max(level, logging.WARNING))
