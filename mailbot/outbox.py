"""The SMTP side of the transport: send what the store says is due, and tell it what happened.

It knows nothing about registrations: an `OutboxItem` is an envelope and the exact bytes to
send. The store fixed those bytes (Message-ID included) when it queued the reply, so every try
sends the same message and a duplicate, if the kill or timeout fell after the server's final
answer (RFC 5321 §6.1), is recognisable as one.

What a try comes to (RFC 5321 §4.2.1, and what MTAs do):
- every recipient accepted → sent; some refused → sent, the refusals recorded with it;
- 4xx, 552 (in practice often a full mailbox, treated as temporary by MTAs), a broken or timed
  out connection → retried later with `backoff()`, and failed after about two days (`MAX_AGE`);
- any other 5xx → failed at once;
- the server refusing our login, not offering STARTTLS, or showing a certificate that does
  not verify → `SmtpConfigError`, raised: a human must act, and retrying would lock the
  account or send the password in clear.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import random
import ssl
from collections import Counter, deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Literal, Protocol, Self

import aiosmtplib
from aiosmtplib import (
    SMTPAuthenticationError,
    SMTPConnectError,
    SMTPException,
    SMTPHeloError,
    SMTPNotSupported,
    SMTPRecipientsRefused,
    SMTPResponseException,
    SMTPServerDisconnected,
    SMTPTimeoutError,
)

from mailbot import config
from mailbot.logs import redact
from mailbot.model import OutboxItem

log = logging.getLogger(__name__)

FIRST_DELAY = dt.timedelta(minutes=1)
MAX_DELAY = dt.timedelta(hours=6)
MAX_AGE = dt.timedelta(days=2)  # Postfix bounces after 5 days; a registration reply is stale sooner
JITTER = 0.10
TEMPORARY_5XX = frozenset({552})


class OutboxStore(Protocol):
    """What `drain` needs of the store (`mailbot.store` implements it)."""

    def due_outbox(self, now: dt.datetime, limit: int) -> list[OutboxItem]: ...
    def mark_sent(self, item_id: int, at: dt.datetime, refused: Mapping[str, str]) -> None: ...
    def mark_retry(self, item_id: int, error: str, next_attempt_at: dt.datetime) -> None: ...
    def mark_failed(self, item_id: int, error: str, at: dt.datetime) -> None: ...


class SmtpConfigError(Exception):
    """The SMTP settings cannot work (login refused, no STARTTLS, bad certificate): alert."""


Status = Literal["sent", "retry", "failed"]


@dataclass(frozen=True)
class Result:
    """What one try came to. `refused` maps a refused recipient to the server's reply."""

    status: Status
    error: str = ""
    refused: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DrainStats:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    # The last deferred try's error, addresses removed, for the log and `mailbot status`;
    # not part of what a round came to.
    last_retry_error: str = field(default="", compare=False)


# --------------------------------------------------------------------------- backoff


def _nominal_delay(failures: int) -> dt.timedelta:
    exponent = min(max(0, failures - 1), 20)  # 2**20 minutes is far past the cap already
    delay: dt.timedelta = FIRST_DELAY * 2**exponent
    return min(MAX_DELAY, delay)


def backoff(attempts: int, rng: Callable[[], float] = random.random) -> dt.timedelta:
    """The wait before the next try, after `attempts` failed tries, as an MTA would wait.

    1 → ~1 min, 2 → ~2 min, then 4, 8, … doubling up to 6 h; each ±10 % at random so that a
    queue that failed together does not retry in one burst.
    """
    return _nominal_delay(attempts) * (1 + JITTER * (2 * rng() - 1))


def gives_up(attempts: int) -> bool:
    """Whether `attempts` failed tries are enough: their nominal waits add up to `MAX_AGE`.

    With 1 min doubling to 6 h that is the 16th failure, about 50 hours after the first try
    (15 failures: about 44.5 hours).
    """
    waited = sum((_nominal_delay(n) for n in range(1, attempts + 1)), dt.timedelta())
    return waited >= MAX_AGE


# --------------------------------------------------------------------------- classifying


def _reply(code: int, message: str) -> str:
    return f"{code} {message}".strip()


def classify(error: Exception) -> Result:
    """Sort a failed try into retry or failed (login and TLS problems are handled before)."""
    if isinstance(error, SMTPRecipientsRefused):
        refused = {r.recipient: _reply(r.code, r.message) for r in error.recipients}
        text = "all recipients refused: " + "; ".join(f"{k}: {v}" for k, v in refused.items())
        permanent = all(_is_permanent(r.code) for r in error.recipients)
        return Result("failed" if permanent else "retry", text, refused)
    if isinstance(error, SMTPConnectError | SMTPHeloError):
        return Result("retry", str(error))  # the server, not this message (even a 554 greeting)
    if isinstance(error, SMTPResponseException):
        status: Status = "failed" if _is_permanent(error.code) else "retry"
        return Result(status, f"{type(error).__name__}: {_reply(error.code, error.message)}")
    if isinstance(error, SMTPNotSupported | ValueError):
        return Result("failed", f"{type(error).__name__}: {error}")  # e.g. needs SMTPUTF8
    return Result("retry", f"{type(error).__name__}: {error}")


def _is_permanent(code: int) -> bool:
    return 500 <= code < 600 and code not in TEMPORARY_5XX


def _cert_problem(error: BaseException) -> ssl.SSLCertVerificationError | None:
    """aiosmtplib wraps a failed certificate check in SMTPConnectError; find it in the chain."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


# --------------------------------------------------------------------------- sending


class Sender:
    """One SMTP connection, opened on first use and reused for every message after it.

    TLS exactly as configured: `implicit` (`use_tls`), `starttls` (`start_tls=True`: the
    upgrade must happen, aiosmtplib's default `None` would quietly skip it when the server does
    not offer it), `none` only to a loopback host. Logs in when `settings.username` is set.
    """

    def __init__(
        self,
        settings: config.Smtp,
        password: str = "",
        *,
        timeout_s: float = 60.0,
        tls_context: ssl.SSLContext | None = None,
        local_hostname: str | None = None,
    ) -> None:
        if settings.tls == "none" and settings.host not in config.LOOPBACK_HOSTS:
            raise SmtpConfigError(f"{settings.host}: no password is sent without TLS")
        self.settings = settings
        self._password = password
        self._timeout_s = timeout_s
        self._tls_context = tls_context
        self._local_hostname = local_hostname
        self._smtp: aiosmtplib.SMTP | None = None
        self.connections = 0  # opened so far: tests and benchmarks check the reuse

    @property
    def _where(self) -> str:
        return f"{self.settings.host}:{self.settings.port}"

    def _new_client(self) -> aiosmtplib.SMTP:
        tls = self.settings.tls
        username = self.settings.username or None
        return aiosmtplib.SMTP(
            hostname=self.settings.host,
            port=self.settings.port,
            username=username,
            password=self._password if username else None,
            use_tls=tls == "implicit",
            start_tls=tls == "starttls",
            tls_context=self._tls_context,
            timeout=self._timeout_s,
            local_hostname=self._local_hostname,
        )

    async def _connection(self) -> tuple[aiosmtplib.SMTP, bool]:
        """The open connection and True, or a new one and False."""
        if self._smtp is not None and self._smtp.is_connected:
            return self._smtp, True
        smtp = self._new_client()
        try:
            await smtp.connect()
        except SMTPAuthenticationError as e:
            user = self.settings.username
            raise SmtpConfigError(f"{self._where} refused the login of {user!r}: {e}") from e
        except SMTPException as e:
            if cert := _cert_problem(e):
                raise SmtpConfigError(f"{self._where}: TLS certificate not valid: {cert}") from e
            if type(e) is SMTPException:  # "STARTTLS (or AUTH) not supported by server"
                raise SmtpConfigError(f"{self._where}: {e}") from e
            raise
        except ssl.SSLCertVerificationError as e:
            raise SmtpConfigError(f"{self._where}: TLS certificate not valid: {e}") from e
        self._smtp = smtp
        self.connections += 1
        return smtp, False

    async def send(self, item: OutboxItem) -> Result:
        """One try at `item`; `SmtpConfigError` if the settings cannot work at all."""
        try:
            return await self._send_once(item)
        except _StaleConnection:
            log.info("SMTP connection to %s had gone stale; reconnecting", self._where)
            with contextlib.suppress(_StaleConnection):
                return await self._send_once(item)
            return Result("retry", "the server closed the connection")

    async def _send_once(self, item: OutboxItem) -> Result:
        try:
            smtp, reused = await self._connection()
        except SmtpConfigError:
            raise
        except (SMTPException, OSError) as e:
            return classify(e)
        try:
            refused, _ = await smtp.sendmail(item.mail_from, list(item.rcpts), item.raw)
        except SMTPAuthenticationError as e:  # e.g. a session that needs to log in again
            raise SmtpConfigError(f"{self._where}: {e}") from e
        except (SMTPServerDisconnected, ConnectionError) as e:
            self._drop()
            if reused:  # the server closed an idle connection: nothing of this try got there
                raise _StaleConnection from e
            return classify(e)
        except (SMTPException, OSError, ValueError) as e:
            if isinstance(e, SMTPTimeoutError | OSError):
                self._drop()  # unknown state: start the next try on a fresh connection
            return classify(e)
        return Result("sent", refused={k: _reply(v.code, v.message) for k, v in refused.items()})

    def _drop(self) -> None:
        if self._smtp is not None:
            self._smtp.close()
            self._smtp = None

    async def close(self) -> None:
        """QUIT politely if connected."""
        smtp, self._smtp = self._smtp, None
        if smtp is not None and smtp.is_connected:
            try:
                await smtp.quit()
            except (SMTPException, OSError):
                smtp.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()


class _StaleConnection(Exception):
    """A reused connection turned out closed before the message went out."""


# --------------------------------------------------------------------------- draining


async def drain(
    store: OutboxStore,
    sender: Sender | Sequence[Sender],
    clock: Callable[[], dt.datetime],
    limit: int = 500,
) -> DrainStats:
    """Send everything due now (at most `limit`), recording each result.

    Several senders (connections) send at once, each taking the next item: a reply waits on
    the server's answers several times, and one connection leaves those waits idle. Each
    result is recorded as soon as the server has answered, so a kill can re-send at most the
    mail in flight on each connection (SPEC §12), with the same Message-ID.
    `SmtpConfigError` propagates and leaves the remaining items due: nothing is marked for a
    try that did not happen.
    """
    senders = [sender] if isinstance(sender, Sender) else list(sender)
    waiting = deque(store.due_outbox(clock(), limit))
    counts: Counter[Status] = Counter()
    retry_errors: list[str] = []

    async def send_waiting(one: Sender) -> None:
        while waiting:
            item = waiting.popleft()
            result = await one.send(item)
            status = _record(store, item, result, clock())
            counts[status] += 1
            if status == "retry":
                retry_errors.append(redact(result.error))

    tasks = [asyncio.ensure_future(send_waiting(one)) for one in senders]
    try:
        await asyncio.gather(*tasks)
    except BaseException:
        for task in tasks:
            task.cancel()  # an item cut off mid-send stays due: tried again, same Message-ID
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
    return DrainStats(
        sent=counts["sent"],
        retried=counts["retry"],
        failed=counts["failed"],
        last_retry_error=retry_errors[-1] if retry_errors else "",
    )


def _record(store: OutboxStore, item: OutboxItem, result: Result, now: dt.datetime) -> Status:
    if result.status == "sent":
        store.mark_sent(item.id, now, result.refused)
        return "sent"
    failures = item.attempts + 1
    if result.status == "retry" and not gives_up(failures):
        delay = backoff(failures)
        # DEBUG: one line per mail per try would bury the log in an outage; the outbox logs
        # the outage once (`health`), and deferred mails in a working round at INFO.
        log.debug(
            "outbox %s: try %d failed (%s); next in %s",
            item.id,
            failures,
            redact(result.error),  # a server's refusal often quotes the recipient address
            delay,
        )
        store.mark_retry(item.id, result.error, now + delay)
        return "retry"
    error = result.error
    if result.status == "retry":
        error = f"gave up after {failures} tries over {MAX_AGE.days} days; last: {error}"
    log.warning("outbox %s (%s) failed: %s", item.id, item.message_id, redact(error))
    store.mark_failed(item.id, error, now)
    return "failed"
