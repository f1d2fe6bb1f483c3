"""The SMTP side of the transport: send what the store says is due, and tell it what happened.

It knows nothing about registrations: an `OutboxItem` is an envelope and the exact bytes to
send. The store fixed those bytes (Message-ID included) when it queued the reply, so every try
sends the same message and a duplicate, if the kill or timeout fell after the server's final
answer (RFC 5321 §6.1), is recognisable as one.

What a try comes to (RFC 5321 §4.2.1, and what MTAs do):
- every recipient accepted → sent; some refused → sent, the refusals recorded with it;
- some recipients refused with a 4xx while the others accepted → sent to those, and retried
  for the refused ones alone (`partial`; SPEC §12);
- 4xx, 552 (in practice often a full mailbox, treated as temporary by MTAs), a broken or timed
  out connection → retried later with `backoff()`, and failed after about two days (`MAX_AGE`);
- any other 5xx → failed at once;
- the provider saying "slow down" (`pacing.slow_down_reason`: Exchange's `432 4.3.2` and
  `554 5.2.0 SubmissionQuotaExceeded`) → `slow`: not a failed try; the mail stays due and the
  outbox pauses (`pacing.Pace`), so a burst never turns into lost or failed replies;
- the server refusing our login or token, not offering STARTTLS, or showing a certificate
  that does not verify → `SmtpConfigError`, raised: a human must act, and retrying would lock
  the account or send the password in clear.

Logging in: with the password, or with SASL XOAUTH2 and a fresh token from a `TokenProvider`
at each connection (`[smtp] auth = "oauth2"`); the provider is handed in, so this module never
imports a provider library. `[smtp] ca_file` adds certificates to the system's CAs.
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
from mailbot.pacing import Limits, Pace, slow_down_reason
from mailbot.tls import tls_context
from mailbot.tokens import ProviderUnreachable, TokenError, TokenProvider, renew_at

log = logging.getLogger(__name__)

FIRST_DELAY = dt.timedelta(minutes=1)
MAX_DELAY = dt.timedelta(hours=6)
MAX_AGE = dt.timedelta(days=2)  # Postfix bounces after 5 days; a registration reply is stale sooner
JITTER = 0.10
TEMPORARY_5XX = frozenset({552})
QUIT_TIMEOUT_S = 2.0  # the goodbye is a courtesy: not worth holding a stop for
CHECK_TIMEOUT_S = 30.0  # the login check at start: a server this slow is "unreachable", not wrong


class OutboxStore(Protocol):
    """What `drain` needs of the store (`mailbot.store` implements it)."""

    def due_outbox(self, now: dt.datetime, limit: int) -> list[OutboxItem]: ...
    def mark_sent(self, item_id: int, at: dt.datetime, refused: Mapping[str, str]) -> None: ...
    def mark_retry(self, item_id: int, error: str, next_attempt_at: dt.datetime) -> None: ...
    def mark_failed(self, item_id: int, error: str, at: dt.datetime) -> None: ...
    def mark_partial(
        self,
        item_id: int,
        at: dt.datetime,
        remaining: Sequence[str],
        refused: Mapping[str, str],
        error: str,
        next_attempt_at: dt.datetime,
    ) -> None:
        """Accepted for some recipients; `remaining` (refused with a 4xx) are tried again
        alone at `next_attempt_at`; `refused` are those refused for good."""
        ...


class SmtpConfigError(Exception):
    """The SMTP settings cannot work (login refused, no STARTTLS, bad certificate): alert."""


Status = Literal["sent", "partial", "retry", "failed", "slow"]


@dataclass(frozen=True)
class Result:
    """What one try came to. `refused` maps a refused recipient to the server's reply;
    `remaining` (status `partial`) are those of them refused for now (4xx), to try again.
    Status `slow`: the server asked us to slow down (`pause_reason`; `quota`: the daily one)."""

    status: Status
    error: str = ""
    refused: Mapping[str, str] = field(default_factory=dict)
    remaining: tuple[str, ...] = ()
    pause_reason: str = ""
    quota: bool = False


@dataclass(frozen=True)
class DrainStats:
    """`waiting_until`: mail was left due because of pacing (our limits or the server's
    "slow down"); the outbox should look again at that time, not before."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    waiting_until: dt.datetime | None = None


@dataclass
class Pacer:
    """The outbox's pace, kept between `drain` calls (the shell's mutable holder of a `Pace`)."""

    pace: Pace = field(default_factory=Pace)

    @classmethod
    def for_settings(
        cls, settings: config.Smtp, sent: Sequence[tuple[dt.datetime, int]] = ()
    ) -> Pacer:
        """The pace `[smtp]` asks for; `sent`: (time, recipients) of mail sent in the last day,
        so that a restart does not start the daily count from nothing."""
        limits = Limits(settings.max_per_minute, settings.max_recipients_per_day)
        return cls(Pace(limits, recipients=tuple(sent)))


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
    """Sort a failed try into retry, failed or slow (login and TLS problems are handled before)."""
    if slowed := _slow_down(error):
        return slowed
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


def _slow_down(error: Exception) -> Result | None:
    """A `slow` result if the server's answer (every recipient's, for a refused list) was
    "slow down"."""
    if isinstance(error, SMTPRecipientsRefused):
        answers = [(r.code, r.message) for r in error.recipients]
    elif isinstance(error, SMTPResponseException):
        answers = [(error.code, error.message)]
    else:
        return None
    reasons = [slow_down_reason(code, message) for code, message in answers]
    if not answers or any(r is None for r in reasons):
        return None
    code, message = answers[0]
    quota = any(r is not None and r[1] for r in reasons)
    reason = next(r[0] for r in reasons if r is not None and r[1] == quota)
    return Result("slow", _reply(code, message), pause_reason=reason, quota=quota)


def _is_permanent(code: int) -> bool:
    return 500 <= code < 600 and code not in TEMPORARY_5XX


def _accepted(refused: Mapping[str, aiosmtplib.SMTPResponse]) -> Result:
    """A mail the server accepted for at least one recipient; those refused for now (4xx, a
    slow-down) are `remaining`, to be tried again alone (SPEC §12)."""
    replies = {k: _reply(v.code, v.message) for k, v in refused.items()}
    remaining = tuple(
        k
        for k, v in refused.items()
        if not _is_permanent(v.code) or slow_down_reason(v.code, v.message)
    )
    if not remaining:
        return Result("sent", refused=replies)
    error = "refused for now: " + "; ".join(f"{k}: {replies[k]}" for k in remaining)
    return Result("partial", error, refused=replies, remaining=remaining)


def tls_context_for(settings: config.Smtp) -> ssl.SSLContext:
    """The system's CAs plus `[smtp] ca_file` (`tls.tls_context`, as IMAP's); an unreadable
    file is a configuration error."""
    try:
        return tls_context(settings.ca_file)
    except (OSError, ssl.SSLError) as e:
        where = settings.ca_file
        raise SmtpConfigError(f"smtp.ca_file {where}: not readable PEM certificates: {e}") from e


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
    not offer it), `none` only to a loopback host. Logs in when `settings.username` is set:
    with `tokens` (XOAUTH2, a fresh token at each connection) or else the password.
    `tls_context` defaults to the system's CAs plus `settings.ca_file`.
    """

    def __init__(
        self,
        settings: config.Smtp,
        password: str = "",
        *,
        tokens: TokenProvider | None = None,
        timeout_s: float = 60.0,
        tls_context: ssl.SSLContext | None = None,
        local_hostname: str | None = None,
    ) -> None:
        if settings.tls == "none" and settings.host not in config.LOOPBACK_HOSTS:
            raise SmtpConfigError(f"{settings.host}: no password is sent without TLS")
        if settings.auth == "oauth2" and tokens is None:
            raise SmtpConfigError('[smtp] auth = "oauth2" needs a token provider ([oauth2])')
        self.settings = settings
        self._password = password
        self._tokens = tokens
        self._timeout_s = timeout_s
        self._tls_context = tls_context or tls_context_for(settings)
        self._local_hostname = local_hostname
        self._smtp: aiosmtplib.SMTP | None = None
        self._renew_at: dt.datetime | None = None  # logged in with a token: reconnect then
        self.connections = 0  # opened so far: tests and benchmarks check the reuse

    @property
    def _where(self) -> str:
        return f"{self.settings.host}:{self.settings.port}"

    def _new_client(self) -> aiosmtplib.SMTP:
        tls = self.settings.tls
        username = self.settings.username or None
        oauth = username is not None and self.settings.auth == "oauth2"
        return aiosmtplib.SMTP(
            hostname=self.settings.host,
            port=self.settings.port,
            username=username,
            password=self._password if username and not oauth else None,
            oauth_token_generator=self._token if oauth else None,
            use_tls=tls == "implicit",
            start_tls=tls == "starttls",
            tls_context=self._tls_context,
            timeout=self._timeout_s,
            local_hostname=self._local_hostname,
        )

    async def _token(self) -> str:
        """A fresh access token for this connection (aiosmtplib calls this at each connect)."""
        assert self._tokens is not None
        try:
            token = await asyncio.to_thread(self._tokens.fetch)  # providers block (HTTP)
        except ProviderUnreachable as e:  # an outage, as an unreachable server: retried
            raise SMTPConnectError(f"the OAuth provider could not be reached: {e}") from e
        except TokenError as e:
            raise SmtpConfigError(f"the OAuth provider gave no token for SMTP: {e}") from e
        self._renew_at = renew_at(token, dt.datetime.now(dt.UTC))
        return token.token

    async def _connection(self) -> tuple[aiosmtplib.SMTP, bool]:
        """The open connection and True, or a new one and False. A connection logged in with
        a token is replaced before the token expires (SPEC §2), as the IMAP session is."""
        if self._smtp is not None and self._smtp.is_connected:
            if self._renew_at is None or dt.datetime.now(dt.UTC) < self._renew_at:
                return self._smtp, True
            log.info("SMTP: renewing the connection before its OAuth token expires")
            await self.close()
        smtp = self._new_client()
        try:
            await smtp.connect()
        except SMTPAuthenticationError as e:
            if _slow_down(e):
                raise
            user = self.settings.username
            how = "token" if self.settings.auth == "oauth2" else "login"
            raise SmtpConfigError(f"{self._where} refused the {how} of {user!r}: {e}") from e
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
        except asyncio.CancelledError:
            self._drop()  # cut off mid-send (a stop): the server's state is unknown, never QUIT
            raise
        except SMTPAuthenticationError as e:  # e.g. a session that needs to log in again
            if slowed := _slow_down(e):
                return slowed
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
        return _accepted(refused)

    def _drop(self) -> None:
        if self._smtp is not None:
            self._smtp.close()
            self._smtp = None

    async def close(self) -> None:
        """QUIT politely if connected, waiting `QUIT_TIMEOUT_S` at most: a stop must not wait
        the whole SMTP timeout on a server that stopped answering."""
        smtp, self._smtp = self._smtp, None
        if smtp is not None and smtp.is_connected:
            try:
                await smtp.quit(timeout=min(self._timeout_s, QUIT_TIMEOUT_S))
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


async def check_login(
    settings: config.Smtp,
    password: str = "",
    *,
    tokens: TokenProvider | None = None,
    tls_context: ssl.SSLContext | None = None,
    timeout_s: float = CHECK_TIMEOUT_S,
) -> str | None:
    """Connect, upgrade to TLS and log in as the outbox will, then QUIT (SPEC §12: at start).

    `SmtpConfigError` naming the cause when the settings cannot work (login or token refused,
    a certificate not trusted or for another host name, no STARTTLS, an unreadable
    `ca_file`): the service exits 3 at once. A server that cannot be reached is no
    configuration error (it may be down for a minute): the reason is returned, and the
    outbox's retries take it from there. None: all is well.
    """
    sender = Sender(settings, password, tokens=tokens, timeout_s=timeout_s, tls_context=tls_context)
    try:
        await sender._connection()
    except (SMTPException, OSError) as e:
        return str(classify(e).error or e)
    finally:
        await sender.close()
    return None


# --------------------------------------------------------------------------- draining


async def drain(
    store: OutboxStore,
    sender: Sender | Sequence[Sender],
    clock: Callable[[], dt.datetime],
    limit: int = 500,
    pacer: Pacer | None = None,
) -> DrainStats:
    """Send everything due now (at most `limit`), recording each result.

    Several senders (connections) send at once, each taking the next item: a reply waits on
    the server's answers several times, and one connection leaves those waits idle. Each
    result is recorded as soon as the server has answered, so a kill can re-send at most the
    mail in flight on each connection (SPEC §12), with the same Message-ID.
    `SmtpConfigError` propagates and leaves the remaining items due: nothing is marked for a
    try that did not happen.

    `pacer` keeps the provider's limits across calls: a mail that may not go yet, or any mail
    after the server said "slow down", is left due and untouched, and `waiting_until` says
    when to call again. Nothing here sleeps: the caller waits, and can stop meanwhile.
    """
    senders = [sender] if isinstance(sender, Sender) else list(sender)
    pacer = pacer or Pacer()
    waiting = deque(store.due_outbox(clock(), limit))
    counts: Counter[Status] = Counter()

    async def send_waiting(one: Sender) -> None:
        while waiting:
            item, now = waiting[0], clock()
            if pacer.pace.next_send_at(now, len(item.rcpts)) is not None:
                return  # left due; `waiting_until` below
            waiting.popleft()
            pacer.pace = pacer.pace.sent_at(now, len(item.rcpts))  # before: others send too
            result = await one.send(item)
            if result.status == "slow":
                pacer.pace = pacer.pace.slowed(clock(), result.pause_reason, quota=result.quota)
                waiting.appendleft(item)  # not a try: untouched, still due
                log.info("outbox: the server asked us to slow down: %s", redact(result.error))
                return
            pacer.pace = pacer.pace.answered()
            counts[_record(store, item, result, clock())] += 1

    tasks = [asyncio.ensure_future(send_waiting(one)) for one in senders]
    try:
        await asyncio.gather(*tasks)
    except BaseException:
        for task in tasks:
            task.cancel()  # an item cut off mid-send stays due: tried again, same Message-ID
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
    until = None
    if waiting:
        now = clock()
        until = pacer.pace.next_send_at(now, len(waiting[0].rcpts)) or now
    return DrainStats(
        sent=counts["sent"],
        retried=counts["retry"] + counts["partial"],
        failed=counts["failed"],
        waiting_until=until,
    )


def _record(store: OutboxStore, item: OutboxItem, result: Result, now: dt.datetime) -> Status:
    failures = item.attempts + 1
    if result.status == "partial" and not gives_up(failures):
        refused_for_good = {k: v for k, v in result.refused.items() if k not in result.remaining}
        delay = backoff(failures)
        log.info("outbox %s: some recipients refused for now; next in %s", item.id, delay)
        store.mark_partial(
            item.id, now, result.remaining, refused_for_good, result.error, now + delay
        )
        return "partial"
    if result.status in ("sent", "partial"):  # partial after two days: those refused for good
        store.mark_sent(item.id, now, result.refused)
        return "sent"
    if result.status == "retry" and not gives_up(failures):
        delay = backoff(failures)
        log.info(
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
