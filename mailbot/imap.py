"""The IMAP side of the transport: find new messages, hand over their bytes, mark them done.

A synchronous facade over imapclient; the caller runs it in a thread, off the event loop. It
knows nothing about registrations: it gives out raw bytes with the server's arrival time
(INTERNALDATE, which SPEC §7 makes the received time) and moves handled messages away.

The rules of this module:
- UIDs only, never sequence numbers; the caller keeps (UIDVALIDITY, last UID) and asks for
  what came after it. `UID SEARCH N:*` returns the highest UID even when it is below N, so
  every search result is filtered.
- Bodies are fetched with `BODY.PEEK[]`, so reading never sets `\\Seen`.
- Every failure surfaces as one of three exceptions: `ConnectionLost` (reconnect with
  `reconnect()` and resume from the last UID), `AuthenticationFailed` (a human must fix the
  password; retrying only locks the account) and `ImapError` (anything else the server refused).
- A dead connection must not look like a quiet mailbox: imapclient's `idle_check` swallows
  socket errors and EOF and returns nothing (and loses the session on half a line), so IDLE
  responses are read here (`_idle_check`), and each IDLE round ends with DONE and a NOOP.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import select
import socket
import ssl
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Literal, Self

import imapclient
from imapclient import SocketTimeout
from imapclient.exceptions import IMAPClientError
from imapclient.imapclient import _parse_untagged_response  # what idle_check parses with

from mailbot import config
from mailbot.imap_errors import AuthenticationFailed as AuthenticationFailed
from mailbot.imap_errors import ConnectionLost as ConnectionLost
from mailbot.imap_errors import ImapError as ImapError
from mailbot.imap_errors import SessionEnded as SessionEnded
from mailbot.imap_errors import translated
from mailbot.imap_login import Login as Login
from mailbot.imap_login import fetch_token, log_in, start_tls
from mailbot.tls import tls_context as tls_context
from mailbot.tokens import AccessToken, renew_at

log = logging.getLogger(__name__)

DoneMode = Literal["auto", "move", "copy", "flag"]
DONE_KEYWORD = "$MailbotDone"
DEFAULT_TIMEOUT = SocketTimeout(connect=15.0, read=120.0)
IDLE_ROUND_S = 300.0  # RFC 2177: servers may drop an IDLE after 30 min; re-issue well before
STOP_CHECK_S = 1.0  # how often a blocking wait looks at its stop event
MARK_BATCH = 200  # UIDs per MOVE/STORE: one at a time is ~70x slower on Dovecot (NOTES)
SEARCH_RETRIES = 3
MIN_SESSION = dt.timedelta(seconds=1)  # an OAuth session is renewed no sooner than this


@dataclass(frozen=True)
class Fetched:
    """One message as the server holds it.

    `raw` is the whole message, or only its header when it was fetched with `max_bytes` and
    is larger (`size > max_bytes`). `received_at` is INTERNALDATE, aware, in UTC.
    """

    uid: int
    raw: bytes
    received_at: dt.datetime
    size: int


# --------------------------------------------------------------------------- connecting


def connect(
    settings: config.Imap,
    password: Login,
    timeout: SocketTimeout | float = DEFAULT_TIMEOUT,
    *,
    ssl_context: ssl.SSLContext | None = None,
    done_mode: DoneMode = "auto",
) -> Mailbox:
    """Connect and log in (TLS as `settings.tls` says, never less); `select()` comes next.

    `password` is the password, or a `TokenProvider` for SASL XOAUTH2: a fresh token is
    fetched for each connection, and the Mailbox's `renew_at` says when to replace it.
    `ssl_context` replaces the default verifying context (which trusts `settings.ca_file`
    besides the system's CAs). `done_mode` forces how `mark_done` works (see `Mailbox`).
    """
    where = f"{settings.host}:{settings.port}"
    if settings.tls == "none" and settings.host not in config.LOOPBACK_HOSTS:
        raise ImapError(f"{where}: refusing to send a password without TLS to a remote host")
    secret = password if isinstance(password, str) else fetch_token(password)
    context = ssl_context or tls_context(settings.ca_file)
    with translated(f"connecting to {where}"):
        client = imapclient.IMAPClient(
            settings.host,
            settings.port,
            ssl=settings.tls == "implicit",
            ssl_context=context,
            timeout=timeout,
        )
    try:
        nodelay(client)
        if settings.tls == "starttls":
            start_tls(client, context, where)
        log_in(client, settings.username, secret, where)
    except BaseException:
        _close_quietly(client)
        raise
    client.normalise_times = False  # keep INTERNALDATE's zone instead of naive local time
    if not logging.getLogger("imapclient").isEnabledFor(logging.DEBUG):
        # imapclient sets imaplib's debug level to 5, so imaplib formats a repr of every
        # response, message bodies included, for a log nobody reads: measured 20-40 % of
        # the time of a batched fetch.
        client._imap.debug = 0
    return Mailbox(client, settings, done_mode, None if isinstance(secret, str) else secret)


def open_mailbox(
    settings: config.Imap,
    password: Login,
    timeout: SocketTimeout | float = DEFAULT_TIMEOUT,
    *,
    ssl_context: ssl.SSLContext | None = None,
    done_mode: DoneMode = "auto",
) -> Mailbox:
    """`connect()` then `select()`: what a (re)connection needs before searching."""
    mailbox = connect(settings, password, timeout, ssl_context=ssl_context, done_mode=done_mode)
    try:
        mailbox.select()
    except BaseException:
        mailbox.logout()
        raise
    return mailbox


def nodelay(client: Any) -> None:
    """Send each write at once: imaplib writes an APPEND literal and its CRLF separately, and
    with Nagle's algorithm on, the CRLF waits for the server's delayed ACK (~40 ms per APPEND
    to pymap)."""
    client.socket().setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def _close_quietly(client: Any) -> None:
    try:
        client.logout()
    except Exception:  # already broken: all that is left is to drop the socket
        with contextlib.suppress(Exception):
            client.shutdown()


# --------------------------------------------------------------------------- the mailbox


class Mailbox:
    """One logged-in connection working on `settings.folder`.

    `mark_done` moves handled messages to `settings.done_folder` with MOVE where the server
    has it; else COPY, `\\Deleted` and `UID EXPUNGE` (UIDPLUS: a plain EXPUNGE would also
    remove other clients' deleted messages); else it adds the keyword `$MailbotDone`, and
    `fetch_new` skips messages carrying it. `done_mode` forces one of these ("move", "copy",
    "flag"); "auto" picks the first the server can do. A server that can do none (no MOVE, no
    UIDPLUS, no keywords: pymap has MOVE, but no keywords) makes `select()` raise `ImapError`.

    Like the imapclient connection under it, a Mailbox is for one thread at a time.
    """

    def __init__(
        self,
        client: Any,
        settings: config.Imap,
        done_mode: DoneMode = "auto",
        token: AccessToken | None = None,
    ) -> None:
        self._client = client
        self.settings = settings
        # Logged in with an OAuth token: the server may end the session when it expires
        # (Exchange: `* BYE ... AccessTokenExpired`), so the session is renewed before then.
        self.token_expires_at = token.expires_at if token else None
        now = _utcnow()
        # At least a second of session, so a token issued with no life left cannot make the
        # caller log in again in a tight loop.
        self.renew_at = max(renew_at(token, now), now + MIN_SESSION) if token else None
        self._requested_mode: DoneMode = done_mode
        self.done_mode: DoneMode | None = None  # resolved by select()
        self.uidvalidity: int | None = None
        self._news_pending = False

    # -- capabilities and folders
    def has(self, capability: str) -> bool:
        with translated("CAPABILITY"):
            return bool(self._client.has_capability(capability))

    def select(self) -> int:
        """Select `settings.folder`, create `done_folder` if needed; return UIDVALIDITY."""
        folder = self.settings.folder
        with translated(f"SELECT {folder!r}"):
            info = self._client.select_folder(folder)
        self.done_mode = self._resolve_done_mode(info)
        if self.done_mode in ("move", "copy"):
            self._ensure_folder(self.settings.done_folder)
        self._take_news()  # the SELECT's own EXISTS is not news
        self.uidvalidity = int(info[b"UIDVALIDITY"])
        return self.uidvalidity

    def _resolve_done_mode(self, select_info: Mapping[bytes, Any]) -> DoneMode:
        mode = self._requested_mode
        if mode == "auto":
            mode = "move" if self.has("MOVE") else "copy" if self.has("UIDPLUS") else "flag"
        needed = {"move": "MOVE", "copy": "UIDPLUS"}.get(mode)
        if needed and not self.has(needed):
            raise ImapError(f"marking messages done by {mode} needs the {needed} capability")
        if mode == "flag" and not _keeps_keywords(select_info):
            raise ImapError(
                f"{self.settings.host} has neither MOVE nor UIDPLUS, and does not keep the "
                f"{DONE_KEYWORD} keyword (PERMANENTFLAGS lacks \\*): mailbot cannot mark "
                "handled messages there"
            )
        return mode

    def _ensure_folder(self, folder: str) -> None:
        with translated(f"creating folder {folder!r}"):
            if self._client.folder_exists(folder):
                return
            try:
                self._client.create_folder(folder)
            except IMAPClientError:
                if not self._client.folder_exists(folder):  # else another client won the race
                    raise

    def _selected_mode(self) -> DoneMode:
        if self.done_mode is None:
            raise ImapError("select() the folder first")
        return self.done_mode

    # -- finding and fetching
    def new_uids(self, after_uid: int) -> list[int]:
        """UIDs above `after_uid` not yet marked done, ascending."""
        criteria: list[str] = ["UID", f"{after_uid + 1}:*"]
        mode = self._selected_mode()
        if mode == "flag":
            criteria += ["NOT", "KEYWORD", DONE_KEYWORD]
        elif mode == "copy":
            criteria.append("UNDELETED")  # copied and flagged, but a crash stopped the EXPUNGE
        found = self._search(criteria)
        # A server may announce new mail (EXISTS) only at the end of the SEARCH, whose result
        # left it out (pymap does: measured). Search again until the view is stable.
        for _ in range(SEARCH_RETRIES):
            if not self._take_news():
                break
            found = self._search(criteria)
        else:
            self._news_pending = self._take_news()
        # `N:*` means "N up to the highest UID": when nothing is above N it matches the highest.
        return sorted(int(uid) for uid in found if int(uid) > after_uid)

    def _search(self, criteria: list[str]) -> list[int]:
        with translated("UID SEARCH"):
            return list(self._client.search(criteria))

    def fetch_new(
        self, after_uid: int, batch: int = 100, max_bytes: int | None = None
    ) -> Iterator[Fetched]:
        """Messages above `after_uid`, ascending, fetched `batch` at a time.

        With `max_bytes`, a larger message comes with its header only (see `Fetched`).
        """
        yield from self.fetch(self.new_uids(after_uid), batch, max_bytes)

    def fetch(
        self, uids: Iterable[int], batch: int = 100, max_bytes: int | None = None
    ) -> Iterator[Fetched]:
        """The given messages, ascending; a UID expunged meanwhile is left out."""
        for chunk in _chunks(sorted(set(uids)), batch):
            yield from self._fetch_chunk(chunk, max_bytes)

    def _fetch_chunk(self, uids: list[int], max_bytes: int | None) -> list[Fetched]:
        if max_bytes is None:
            return self._fetch_items(uids, "")
        sizes = self.sizes(uids)
        small = [uid for uid, size in sizes.items() if size <= max_bytes]
        large = [uid for uid, size in sizes.items() if size > max_bytes]
        items = self._fetch_items(small, "") + self._fetch_items(large, "HEADER")
        return sorted(items, key=lambda item: item.uid)

    def _fetch_items(self, uids: list[int], section: str) -> list[Fetched]:
        if not uids:
            return []
        key = f"BODY[{section}]".encode()
        data = self._fetch(uids, [f"BODY.PEEK[{section}]", "INTERNALDATE", "RFC822.SIZE"])
        items = []
        for uid in uids:
            row = data.get(uid, {})
            if key not in row or b"INTERNALDATE" not in row:
                log.info("UID %s vanished before it was fetched (expunged meanwhile)", uid)
                continue
            raw = row[key]
            items.append(
                Fetched(
                    uid=uid,
                    raw=bytes(raw),
                    received_at=_aware_utc(row[b"INTERNALDATE"]),
                    size=int(row.get(b"RFC822.SIZE", len(raw))),
                )
            )
        return items

    def sizes(self, uids: Iterable[int]) -> dict[int, int]:
        """RFC822.SIZE of each message, to check a size limit before fetching a body."""
        wanted = sorted(set(uids))
        data = self._fetch(wanted, ["RFC822.SIZE"])
        return {
            uid: int(data[uid][b"RFC822.SIZE"])
            for uid in wanted
            if b"RFC822.SIZE" in data.get(uid, {})
        }

    def fetch_headers(self, uids: Iterable[int]) -> dict[int, bytes]:
        """The header block of each message (for one too large to fetch whole)."""
        wanted = sorted(set(uids))
        data = self._fetch(wanted, ["BODY.PEEK[HEADER]"])
        return {
            uid: bytes(data[uid][b"BODY[HEADER]"])
            for uid in wanted
            if b"BODY[HEADER]" in data.get(uid, {})
        }

    def _fetch(self, uids: list[int], items: list[str]) -> dict[int, dict[bytes, Any]]:
        """Only the requested UIDs: servers add unsolicited FETCH responses (pymap: flags)."""
        if not uids:
            return {}
        self._selected_mode()
        with translated(f"UID FETCH of {len(uids)} messages"):
            data = self._client.fetch(uids, items)  # imapclient 4 takes no ranges here
        wanted = set(uids)
        return {int(uid): row for uid, row in data.items() if int(uid) in wanted}

    # -- marking done
    def mark_done(self, uids: Sequence[int], batch: int = MARK_BATCH) -> None:
        """Move (or flag) handled messages out of the way, `batch` UIDs per command.

        The UIDs must be ones this session has seen (from `new_uids`/`fetch_new`, or there at
        `select()`): pymap silently ignores UIDs of messages it has not announced yet.
        """
        mode = self._selected_mode()
        done = self.settings.done_folder
        for chunk in _chunks(sorted(set(uids)), batch):
            ids = _uid_set(chunk)
            with translated(f"marking {len(chunk)} messages done ({mode})"):
                if mode == "move":
                    self._client.move(ids, done)
                elif mode == "copy":
                    self._client.copy(ids, done)
                    self._client.add_flags(ids, [imapclient.DELETED], silent=True)
                    self._client.uid_expunge(ids)
                else:
                    self._client.add_flags(ids, [DONE_KEYWORD], silent=True)

    # -- waiting for mail
    def wait(self, timeout_s: float, stop: threading.Event | None = None) -> bool:
        """Block until the server reports new mail (EXISTS: True), or `timeout_s` passes (False).

        With IDLE (offered, and `settings.idle`): IDLE in rounds of at most `IDLE_ROUND_S`,
        each ended by DONE and a NOOP, which raise `ConnectionLost` on a dead connection.
        Without: sleep `poll_seconds` (or `timeout_s` if shorter), NOOP, and return True once a
        poll interval has passed, since a search is the only reliable look. A set `stop`
        event ends the wait within `STOP_CHECK_S`, returning False.
        """
        self._selected_mode()
        if self._take_news() or self._news_pending:  # came with an earlier command's answer
            self._news_pending = False
            return True
        if self.settings.idle and self.has("IDLE"):
            return self._idle(timeout_s, stop)
        return self._poll(timeout_s, stop)

    def _idle(self, timeout_s: float, stop: threading.Event | None) -> bool:
        deadline = time.monotonic() + timeout_s
        while (left := deadline - time.monotonic()) > 0 and not _stopped(stop):
            if self._idle_round(min(left, IDLE_ROUND_S), stop):
                return True
        return False

    def _idle_round(self, seconds: float, stop: threading.Event | None) -> bool:
        with translated("IDLE"):
            self._client.idle()
        news = self._idle_check_until(time.monotonic() + seconds, stop)
        with translated("ending IDLE"):
            _, tail = self._client.idle_done()
        # News proves the connection alive; else a NOOP must (DONE alone may meet a buffer).
        return news or _has_news(tail) or _has_news(self.noop())

    def _idle_check_until(self, deadline: float, stop: threading.Event | None) -> bool:
        """True on EXISTS; False at the deadline or on stop; `ConnectionLost` on BYE or EOF."""
        while (left := deadline - time.monotonic()) > 0 and not _stopped(stop):
            step = min(left, STOP_CHECK_S) if stop is not None else left
            with translated("IDLE"):
                responses = self._idle_check(step)
            if any(_is_bye(r) for r in responses):
                raise SessionEnded(f"the server ended the session: {_text(responses)}")
            if _has_news(responses):
                return True
        return False

    def _idle_check(self, timeout_s: float) -> list[Any]:
        """imapclient's `idle_check`, minus two flaws.

        imapclient reads IDLE responses from a non-blocking socket: half a line (pymap writes
        `* 1 FETCH (` and the rest apart) raises "unterminated line" and loses the session,
        and EOF comes back as "nothing happened". Here only the waiting is non-blocking; a
        line, once begun, is read blocking (under the read timeout) to its end, and EOF
        raises.
        """
        if not self._buffered() and not _readable(self._client.socket(), timeout_s):
            return []
        responses = []
        while True:
            responses.append(_parse_untagged_response(self._client._imap._get_line()))
            if not self._buffered():
                return responses

    def _buffered(self) -> bool:
        """Whether received bytes wait in imaplib's buffer (or the TLS layer), unseen by poll."""
        sock = self._client.socket()
        sock.setblocking(False)
        try:
            return bool(self._client._imap.file.peek(1))
        except OSError:  # TLS "want read": nothing buffered
            return False
        finally:
            self._client._set_read_timeout()

    def _poll(self, timeout_s: float, stop: threading.Event | None) -> bool:
        interval = min(timeout_s, float(self.settings.poll_seconds))
        if stop is not None and stop.wait(interval):
            return False
        if stop is None:
            time.sleep(interval)
        news = _has_news(self.noop())
        return news or interval >= self.settings.poll_seconds

    def noop(self) -> list[Any]:
        """NOOP: keeps the session alive, proves the connection works, collects updates."""
        with translated("NOOP"):
            _, responses = self._client.noop()
        self._take_news()  # they are returned here; do not report them twice
        return list(responses)

    def _take_news(self) -> bool:
        """Whether an EXISTS came with an earlier command's answer (imaplib keeps those
        in `untagged_responses`, and keeps them forever: clear them, or a long-running bot
        grows a list of every EXPUNGE it caused)."""
        untagged = self._client._imap.untagged_responses
        exists = untagged.pop("EXISTS", [])
        for name in ("RECENT", "EXPUNGE", "FETCH", "VANISHED", "COPYUID"):
            untagged.pop(name, None)
        return bool(exists)

    # -- OAuth token life
    def seconds_to_renewal(self) -> float | None:
        """Seconds until this session should be replaced by one with a fresh token (None:
        logged in with a password, which does not expire)."""
        if self.renew_at is None:
            return None
        return (self.renew_at - _utcnow()).total_seconds()

    def token_has_ended(self, error: ConnectionLost) -> bool:
        """Whether a lost connection is routine for a session logged in with a token: Exchange
        ends it with `* BYE ... AccessTokenExpired` (imaplib may keep only the text after BYE),
        other servers with a plain BYE when the token is revoked or expired, or drop it once
        the token's life is over. The caller logs in again at once with a fresh token; if that
        fails, `reconnect` reports the outage then."""
        if self.token_expires_at is None:
            return False
        return (
            isinstance(error, SessionEnded)
            or "AccessTokenExpired" in str(error)
            or _utcnow() >= self.token_expires_at
        )

    # -- closing
    def logout(self) -> None:
        """Log out politely; a broken connection is just dropped."""
        _close_quietly(self._client)

    close = logout

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.logout()


# --------------------------------------------------------------------------- helpers


def _keeps_keywords(select_info: Mapping[bytes, Any]) -> bool:
    permanent = tuple(select_info.get(b"PERMANENTFLAGS", ()))
    return b"\\*" in permanent or DONE_KEYWORD.encode() in permanent


def _is_bye(response: Any) -> bool:
    return isinstance(response, tuple) and bool(response) and response[0] == b"BYE"


def _has_news(responses: Iterable[Any]) -> bool:
    """An untagged `n EXISTS` among parsed responses.

    EXISTS only: RECENT also changes when nothing arrived (Dovecot answers a MOVE with
    `* 0 RECENT` and repeats `* 5 RECENT` during a FETCH), and a server must send EXISTS
    whenever the mailbox grows.
    """
    return any(
        isinstance(r, tuple) and len(r) >= 2 and isinstance(r[0], int) and r[1] == b"EXISTS"
        for r in responses
    )


def _text(responses: Iterable[Any]) -> str:
    return "; ".join(
        " ".join(p.decode(errors="replace") if isinstance(p, bytes) else str(p) for p in r)
        for r in responses
    )


def _readable(sock: socket.socket, timeout_s: float) -> bool:
    """Poll, not select: select() fails on a descriptor above 1024."""
    poller = select.poll()
    poller.register(sock.fileno(), select.POLLIN)
    return bool(poller.poll(max(0.0, timeout_s) * 1000))


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _stopped(stop: threading.Event | None) -> bool:
    return stop is not None and stop.is_set()


def _aware_utc(value: dt.datetime) -> dt.datetime:
    """INTERNALDATE always carries a zone; a naive one would be a bug upstream."""
    if value.tzinfo is None:
        raise ImapError(f"INTERNALDATE without a time zone: {value!r}")
    return value.astimezone(dt.UTC)


def _chunks(items: Sequence[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), max(1, size)):
        yield list(items[start : start + size])


def _uid_set(uids: Sequence[int]) -> list[str]:
    """Ascending UIDs as IMAP ranges: [1, 2, 3, 7] → ["1:3", "7"] (shorter command lines)."""
    parts: list[str] = []
    run_start = previous = None
    for uid in uids:
        if previous is not None and uid == previous + 1:
            previous = uid
            continue
        if run_start is not None:
            parts.append(_range(run_start, previous))
        run_start = previous = uid
    if run_start is not None:
        parts.append(_range(run_start, previous))
    return parts


def _range(low: int, high: int | None) -> str:
    return str(low) if high in (None, low) else f"{low}:{high}"
