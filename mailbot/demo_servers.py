"""Loopback mail servers for `mailbot demo`: pymap (IMAP) and an aiosmtpd sink (SMTP).

Part of the `demo` extra (`pip install 'mailbot[demo]'`): aiosmtpd and pymap are not needed to
run the bot. The tests use these servers too, with Dovecot and their own helpers around them
(`tests/servers.py`).

- `SmtpSink`: aiosmtpd in a thread; records what it receives; can be told to refuse.
- `Pymap`: the pure-Python `pymap` server (in-memory `dict` backend) as a subprocess.
- `ImapPeer`: a second IMAP connection playing the outside world (delivers mail by APPEND).

Every server listens on 127.0.0.1 on a free port, without TLS unless given a certificate, and
hands out `config.Imap` / `config.Smtp` settings pointing at itself. A server that cannot start
raises `ServerStartError` naming why.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self

import imapclient
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from mailbot import config
from mailbot.imap import nodelay

LOOPBACK = "127.0.0.1"
START_TIMEOUT_S = 15.0


class ServerStartError(RuntimeError):
    """A test server could not be started; the message says why and what to install."""


# --------------------------------------------------------------------------- plumbing


def free_port(host: str = LOOPBACK) -> int:
    """A TCP port that was free a moment ago (the kernel picks it; a race is possible but rare)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def wait_for_port(
    host: str,
    port: int,
    timeout_s: float = START_TIMEOUT_S,
    alive: Callable[[], bool] = lambda: True,
) -> None:
    """Return once `host:port` accepts connections; `ServerStartError` on timeout or death."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not alive():
            raise ServerStartError(f"the server process exited before listening on {port}")
        with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=1.0):
            return
        time.sleep(0.02)
    raise ServerStartError(f"nothing listening on {host}:{port} after {timeout_s:.0f} s")


def log_tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def stop_process(process: subprocess.Popen[bytes] | None, timeout_s: float = 3.0) -> None:
    """SIGTERM to the server's whole process group, then SIGKILL to whatever is left.

    The group, not just the master: Dovecot 2.3.19's master, sent SIGTERM alone, exits and
    leaves its `imap` children running, still serving the clients it had (so a "restart"
    would not drop them), and orphans its `log` and `stats` processes. Signalled as a group,
    each `imap` process says `* BYE Server shutting down.` and exits, as on a real shutdown.
    The server was started in its own session, so its group holds only its processes.
    """
    if process is None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout_s)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


@dataclass(frozen=True)
class CertFiles:
    """A self-signed certificate for `localhost` and 127.0.0.1, and its private key."""

    cert: Path
    key: Path

    def client_context(self) -> ssl.SSLContext:
        """A verifying client context that trusts exactly this certificate."""
        return ssl.create_default_context(cafile=str(self.cert))

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(str(self.cert), str(self.key))
        return context


# --------------------------------------------------------------------------- SMTP

TRY_LATER = "451 4.3.0 try later"
NO_SUCH_USER = "550 5.1.1 no such user"
REJECTED = "554 5.6.0 message rejected"
SmtpTls = Literal["none", "starttls", "implicit"]


@dataclass(frozen=True)
class Received:
    """One message the sink accepted: the envelope and the exact DATA bytes."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes


class _SinkHandler:
    """aiosmtpd handler: answers what the sink was scripted to answer, else accepts and records."""

    def __init__(self, sink: SmtpSink) -> None:
        self.sink = sink

    async def handle_RCPT(  # aiosmtpd's hook names
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        reply = self.sink._rcpt_reply(address)
        if reply is not None:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        stall = self.sink._take_stall()
        if stall:
            await asyncio.sleep(stall)
        reply = self.sink._data_reply()
        if reply is not None:
            return reply
        content = envelope.original_content or envelope.content
        self.sink._record(Received(envelope.mail_from, tuple(envelope.rcpt_tos), bytes(content)))
        return "250 2.0.0 OK queued"


class Started:
    """A server that is its own context manager: started on entry, stopped on exit."""

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


class SmtpSink(Started):
    """An SMTP server on loopback that records every message (a thread-safe list) and can refuse.

    Script it before a send: `fail_next_data(2)` answers the next two DATA with `451`;
    `refuse_recipient(addr)` answers `550` to that RCPT. Context manager; `start()`/`stop()`.
    """

    def __init__(
        self,
        *,
        port: int = 0,
        username: str = "",
        password: str = "",
        tls: SmtpTls = "none",
        cert: CertFiles | None = None,
    ) -> None:
        if tls != "none" and cert is None:
            raise ValueError("a TLS sink needs a certificate (tests/servers.py: make_cert)")
        self.host = LOOPBACK
        self.port = port or free_port()
        self.username = username
        self.password = password
        self.tls = tls
        self.cert = cert
        self._lock = threading.Lock()
        self._received: list[Received] = []
        self._data_replies: list[str] = []
        self._rcpt_replies: dict[str, str] = {}
        self._stall = 0.0
        self._controller: Controller | None = None

    # -- scripting (thread-safe: the server runs in its own thread)
    def fail_next_data(self, count: int = 1, reply: str = TRY_LATER) -> None:
        """Answer the next `count` DATA commands with `reply` instead of accepting."""
        with self._lock:
            self._data_replies.extend([reply] * count)

    def stall_next_data(self, seconds: float) -> None:
        """Wait `seconds` after the next message's final dot before answering (a timeout)."""
        with self._lock:
            self._stall = seconds

    def refuse_recipient(self, address: str, reply: str = NO_SUCH_USER) -> None:
        """Answer every RCPT TO this address with `reply`."""
        with self._lock:
            self._rcpt_replies[address.casefold()] = reply

    def reset(self) -> None:
        """Forget received messages and scripted answers."""
        with self._lock:
            self._received.clear()
            self._data_replies.clear()
            self._rcpt_replies.clear()
            self._stall = 0.0

    @property
    def received(self) -> list[Received]:
        """A copy of what was accepted so far, in arrival order."""
        with self._lock:
            return list(self._received)

    def _rcpt_reply(self, address: str) -> str | None:
        with self._lock:
            return self._rcpt_replies.get(address.casefold())

    def _take_stall(self) -> float:
        with self._lock:
            stall, self._stall = self._stall, 0.0
            return stall

    def _data_reply(self) -> str | None:
        with self._lock:
            return self._data_replies.pop(0) if self._data_replies else None

    def _record(self, message: Received) -> None:
        with self._lock:
            self._received.append(message)

    def _authenticate(
        self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
    ) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == self.username
            and auth_data.password.decode() == self.password
        )
        return AuthResult(success=ok, handled=False)  # False: aiosmtpd sends 235 or 535

    # -- lifecycle
    def start(self) -> None:
        kwargs: dict[str, Any] = {"server_hostname": "sink.localhost", "ready_timeout": 5.0}
        if self.username:
            kwargs.update(authenticator=self._authenticate, auth_require_tls=False)
        if self.cert is not None and self.tls == "implicit":
            kwargs["ssl_context"] = self.cert.server_context()
        if self.cert is not None and self.tls == "starttls":
            kwargs.update(tls_context=self.cert.server_context(), require_starttls=True)
        controller = Controller(_SinkHandler(self), hostname=self.host, port=self.port, **kwargs)
        try:
            controller.start()
        except Exception as e:
            raise ServerStartError(f"SMTP sink on {self.host}:{self.port}: {e}") from e
        self._controller = controller

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def settings(self) -> config.Smtp:
        """Settings for mailbot's sender pointing at this sink (password: `self.password`)."""
        return config.Smtp(host=self.host, port=self.port, tls=self.tls, username=self.username)


# --------------------------------------------------------------------------- IMAP


class ServerProcess(Started):
    """Start/stop/restart and context-manager plumbing shared by the subprocess servers."""

    name = "imap"
    host = LOOPBACK
    port: int
    _process: subprocess.Popen[bytes] | None = None
    _log: Path

    def _command(self) -> list[str]:
        raise NotImplementedError

    def _environment(self) -> dict[str, str] | None:
        return None

    def _describe_failure(self) -> str:
        return log_tail(self._log)

    def start(self) -> None:
        """Start the server and return once it accepts connections."""
        if self._process is not None and self._process.poll() is None:
            return
        with self._log.open("ab") as log:
            self._process = subprocess.Popen(
                self._command(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=self._environment(),
                start_new_session=True,  # its own process group: see _stop_process
            )
        process = self._process
        try:
            wait_for_port(self.host, self.port, alive=lambda: process.poll() is None)
        except ServerStartError as e:
            stop_process(process)
            raise ServerStartError(f"{self.name}: {e}\n{self._describe_failure()}") from None

    def stop(self) -> None:
        """Stop the server; its clients' connections are closed (that is what restart tests)."""
        stop_process(self._process)
        self._process = None

    def restart(self) -> None:
        """Stop and start again on the same port (and, for Dovecot, the same mail)."""
        self.stop()
        self.start()

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None


class ImapSettings:
    host: str
    port: int
    username: str
    cert: CertFiles | None
    implicit_tls_port = 0

    def settings(
        self,
        *,
        folder: str = "INBOX",
        done_folder: str = "Processed",
        idle: bool = True,
        poll_seconds: int = 60,
        tls: config.TlsMode = "none",
    ) -> config.Imap:
        """Settings for mailbot's IMAP side pointing at this server (password: `self.password`).

        `tls` other than "none" needs a server made with a certificate; "implicit" also needs
        an implicit-TLS port (Dovecot has one, pymap only offers STARTTLS).
        """
        if tls != "none" and self.cert is None:
            raise ValueError(f"tls={tls!r} needs a server started with a certificate")
        if tls == "implicit" and not self.implicit_tls_port:
            raise ValueError(f"{type(self).__name__} has no implicit-TLS port")
        return config.Imap(
            host=self.host,
            port=self.implicit_tls_port if tls == "implicit" else self.port,
            tls=tls,
            username=self.username,
            folder=folder,
            done_folder=done_folder,
            idle=idle,
            poll_seconds=poll_seconds,
        )


class ImapServer(ServerProcess, ImapSettings):
    """What tests need of an IMAP test server: both `Dovecot` (tests/servers.py) and `Pymap`."""

    name: str
    username: str
    password: str
    keeps_data_on_restart: bool


# The stock CLI, with a cheaper password hash: pymap hashes the demo password with 500,000
# rounds of PBKDF2 (~120 ms on every login), which only slows tests that log in often. This patches
# a private classmethod because the public way, `--passlib-cfg PATH`, needs passlib (unmaintained
# since 2020, not a dependency of pymap); without passlib pymap offers no option for the rounds.
# The patch is guarded: a pymap without it still starts, only slower.
_PYMAP_LAUNCHER = """\
import sys
try:
    from pysasl.hashing import BuiltinHash
    from pymap.config import IMAPConfig
    IMAPConfig._get_hash_context = classmethod(lambda cls, cfg: BuiltinHash(rounds=1000))
except (ImportError, AttributeError):
    pass
from pymap.main import main
sys.argv[0] = "pymap"
main()
"""


class Pymap(ImapServer):
    """The pure-Python pymap server (in-memory `dict` backend) as a subprocess, one user.

    Unlike Dovecot it cannot keep mail across `restart()` (the backend lives in memory), so a
    restart also gives every folder a new UIDVALIDITY. It has MOVE, UIDPLUS, IDLE and
    MULTIAPPEND, but no keywords: PERMANENTFLAGS lacks `\\*` and `$Keyword` flags are dropped.
    """

    name = "pymap"
    keeps_data_on_restart = False

    def __init__(
        self,
        *,
        username: str = "mailbot",
        password: str = "mailbot-secret",
        port: int = 0,
        cert: CertFiles | None = None,
    ) -> None:
        self.username = username
        self.password = password
        self.port = port or free_port()
        self.cert = cert
        self._dir = Path(tempfile.mkdtemp(prefix="mailbot-pymap-"))
        self._log = self._dir / "pymap.log"

    def _command(self) -> list[str]:
        tls = ["--cert", str(self.cert.cert), "--key", str(self.cert.key)] if self.cert else []
        return [
            sys.executable,
            "-c",
            _PYMAP_LAUNCHER,
            "--host",
            self.host,
            "--port",
            str(self.port),
            *(tls or ["--no-tls"]),
            "dict",
            "--demo-user",
            self.username,
            "--demo-password",
            self.password,
        ]

    def _environment(self) -> dict[str, str]:
        # pymap puts socket.getfqdn() in its greeting: a slow DNS lookup without this.
        return {**os.environ, "FQDN": "localhost"}

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self._dir, ignore_errors=True)

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


# --------------------------------------------------------------------------- delivering mail

_APPENDUID = re.compile(rb"APPENDUID \d+ ([0-9:,]+)")


def _uids_of(response: Any) -> list[int]:
    """The UIDs an APPENDUID response code names (`1:3,7` → [1, 2, 3, 7]); [] without UIDPLUS."""
    match = _APPENDUID.search(response if isinstance(response, bytes) else b"")
    if match is None:
        return []
    uids: list[int] = []
    for part in match.group(1).split(b","):
        low, _, high = part.partition(b":")
        uids.extend(range(int(low), int(high or low) + 1))
    return uids


class ImapPeer:
    """A second IMAP connection playing the outside world: delivers mail and looks into folders.

    It is deliberately not `mailbot.imap`: a test that delivered mail through the code under
    test would share its bugs.
    """

    def __init__(self, host: str, port: int, username: str, password: str) -> None:
        self.client = imapclient.IMAPClient(host, port, ssl=False, timeout=15.0)
        nodelay(self.client)
        self.client.login(username, password)
        self.client.normalise_times = False
        self._multiappend = self.client.has_capability("MULTIAPPEND")

    @classmethod
    def to(cls, server: ImapServer) -> ImapPeer:
        return cls(server.host, server.port, server.username, server.password)

    def ensure_folder(self, folder: str) -> None:
        if not self.client.folder_exists(folder):
            self.client.create_folder(folder)

    def append(
        self,
        messages: Sequence[bytes],
        folder: str = "INBOX",
        *,
        internal_date: dt.datetime | None = None,
        batch: int = 100,
    ) -> list[int]:
        """APPEND raw messages (MULTIAPPEND in batches where offered); return their new UIDs."""
        self.ensure_folder(folder)
        uids: list[int] = []
        for start in range(0, len(messages), batch):
            chunk = messages[start : start + batch]
            if self._multiappend and len(chunk) > 1:
                uids += self._append_many(folder, chunk, internal_date)
            else:
                for raw in chunk:
                    response = self.client.append(folder, raw, msg_time=internal_date)
                    uids += _uids_of(response)
        return uids

    def _append_many(
        self, folder: str, chunk: Sequence[bytes], internal_date: dt.datetime | None
    ) -> list[int]:
        dated = {"date": internal_date} if internal_date else {}
        items = [{"msg": raw, **dated} for raw in chunk]
        typ, data = self.client.multiappend(folder, items)
        if typ != "OK":
            raise imapclient.exceptions.IMAPClientError(f"MULTIAPPEND failed: {data!r}")
        return _uids_of(data[0] if data else b"")

    def uids(self, folder: str = "INBOX") -> list[int]:
        """UIDs now in `folder` (read-only select, so nothing changes)."""
        self.client.select_folder(folder, readonly=True)
        return sorted(self.client.search(["ALL"]))

    def flags(self, folder: str, uids: Sequence[int]) -> dict[int, tuple[bytes, ...]]:
        self.client.select_folder(folder, readonly=True)
        return {int(k): tuple(v) for k, v in self.client.get_flags(list(uids)).items()}

    def close(self) -> None:
        try:
            self.client.logout()
        except Exception:  # the server may already be gone; nothing to clean up then
            with contextlib.suppress(Exception):
                self.client.shutdown()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
