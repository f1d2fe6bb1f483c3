"""Real mail servers on loopback for the tests and benchmarks (not part of the package).

mailbot is tested against servers that speak the protocols for real, never against mocks of
IMAP or SMTP: a mock answers what its author believed the server says, and the pitfalls (a
`N:*` search that returns a UID below N, an IDLE that reports EOF as silence, keywords a server
silently drops) are exactly where that belief is wrong.

- `Dovecot`: a private Dovecot (the Debian `dovecot-imapd` binary) in a temporary directory.
- `Pymap`, `SmtpSink`, `ImapPeer`: from `mailbot.demo_servers` (the demo runs them too).
- `make_cert`, `append_messages`, `sample_message`: certificates and mail for the tests.

A server that cannot start raises `ServerStartError` naming why: tests that need it must fail,
never skip, or a CI without Dovecot would pass while testing nothing.
"""

from __future__ import annotations

import datetime as dt
import grp
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from mailbot.demo_servers import (
    LOOPBACK,
    NO_SUCH_USER,
    REJECTED,
    START_TIMEOUT_S,
    TRY_LATER,
    CertFiles,
    ImapPeer,
    ImapServer,
    Pymap,
    Received,
    ServerStartError,
    SmtpSink,
    free_port,
    log_tail,
    wait_for_port,
)
from mailbot.imap import nodelay

__all__ = [
    "LOOPBACK",
    "NO_SUCH_USER",
    "REJECTED",
    "START_TIMEOUT_S",
    "TRY_LATER",
    "CertFiles",
    "Dovecot",
    "ImapPeer",
    "ImapServer",
    "Pymap",
    "Received",
    "ServerStartError",
    "SmtpSink",
    "append_messages",
    "free_port",
    "make_cert",
    "nodelay",
    "sample_message",
    "wait_for_port",
]


def make_cert(directory: Path) -> CertFiles:
    """Create a self-signed certificate with the `openssl` command (so tests can check TLS)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        raise ServerStartError("the `openssl` command is needed to make a test certificate")
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            *(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost"),
            *("-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
    )
    key.chmod(0o644)  # Dovecot reads it after dropping privileges in rootless mode
    return CertFiles(cert, key)


def dovecot_binary() -> str:
    """The `dovecot` executable, or `ServerStartError` saying how to install it."""
    found = shutil.which("dovecot") or shutil.which("dovecot", path="/usr/sbin:/usr/local/sbin")
    if found is None:
        where = " (CI must install it)" if os.environ.get("CI") else ""
        raise ServerStartError(
            f"Dovecot is not installed{where}: `apt-get install dovecot-imapd`, "
            'or deselect the server tests with `-m "not servers"`'
        )
    return found


_DOVECOT_CONF = """\
# A private Dovecot for mailbot's tests: loopback only, plaintext login, maildir in {base}.
base_dir = {base}/run
state_dir = {base}/state
instance_name = mailbot-test-{port}
log_path = {base}/dovecot.log
protocols = imap
listen = {host}
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{base}/mail/%u
# Without this Dovecot polls a maildir only every 30 s when inotify is unavailable.
mailbox_idle_check_interval = 1 secs
# A wrong password is answered at once (default: 2 s), so failure tests stay quick.
auth_failure_delay = 0
{users}
namespace inbox {{
  inbox = yes
  separator = /
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {base}/passwd
}}
userdb {{
  driver = static
  args = {mail_ids}home={base}/mail/%u
}}
service imap-login {{
{chroot}  inet_listener imap {{
    address = {host}
    port = {port}
  }}
  inet_listener imaps {{
    address = {host}
    port = {imaps_port}
  }}
}}
{ssl}
"""

_DOVECOT_ROOTLESS = """\
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
first_valid_uid = {uid}
service anvil {{
  chroot =
}}"""


class Dovecot(ImapServer):
    """A private Dovecot instance: one user, maildir under a temporary directory.

    Plaintext on `port`; with `cert`, also STARTTLS there and implicit TLS on
    `implicit_tls_port`. The binary is the distribution's (`apt-get install dovecot-imapd`).

    As root (CI, containers) Dovecot drops privileges as usual: login processes run as
    `dovenull`, internal ones as `dovecot`, mail access as `nobody`; so every directory above
    the base dir must be traversable (0755), which is checked. As any other user it runs
    "rootless": every process runs as that user (Dovecot's documented single-user setup).
    """

    name = "dovecot"
    keeps_data_on_restart = True

    def __init__(
        self,
        *,
        username: str = "mailbot",
        password: str = "mailbot-secret",
        port: int = 0,
        base: Path | None = None,
        cert: CertFiles | None = None,
    ) -> None:
        self.binary = dovecot_binary()
        self.username = username
        self.password = password
        self.port = port or free_port()
        self.implicit_tls_port = free_port() if cert else 0
        self.cert = cert
        self._own_base = base is None
        self.base = Path(base) if base else Path(tempfile.mkdtemp(prefix="mailbot-dovecot-"))
        self._log = self.base / "dovecot.out"
        try:
            self._prepare()
        except BaseException:
            self.close()
            raise

    def _prepare(self) -> None:
        self.base.chmod(0o755)  # mkdtemp makes 0700: Dovecot's unprivileged logins need to enter
        _check_traversable(self.base)
        for sub in ("run", "state", "mail"):
            (self.base / sub).mkdir(exist_ok=True)
        (self.base / "passwd").write_text(f"{self.username}:{{PLAIN}}{self.password}\n")
        rootless = os.geteuid() != 0
        if not rootless:
            os.chown(self.base / "mail", *_mail_ids())
            for user in ("dovecot", "dovenull"):
                _require_user(user)
        (self.base / "dovecot.conf").write_text(self._config(rootless))

    def _config(self, rootless: bool) -> str:
        me = pwd.getpwuid(os.geteuid())
        users = ""
        if rootless:
            group = _group_name(me.pw_gid)
            users = _DOVECOT_ROOTLESS.format(user=me.pw_name, group=group, uid=me.pw_uid)
        ssl_block = "ssl = no"
        if self.cert is not None:
            ssl_block = f"ssl = yes\nssl_cert = <{self.cert.cert}\nssl_key = <{self.cert.key}"
        return _DOVECOT_CONF.format(
            base=self.base,
            host=self.host,
            port=self.port,
            imaps_port=self.implicit_tls_port,
            users=users,
            mail_ids="" if rootless else "uid={} gid={} ".format(*_mail_ids()),
            chroot="  chroot =\n" if rootless else "",
            ssl=ssl_block,
        )

    def _command(self) -> list[str]:
        return [self.binary, "-F", "-c", str(self.base / "dovecot.conf")]

    def _describe_failure(self) -> str:
        return log_tail(self._log) + "\n" + log_tail(self.base / "dovecot.log")

    def start(self) -> None:
        super().start()
        if self.implicit_tls_port:
            wait_for_port(self.host, self.implicit_tls_port)
        # A SIGTERM that reaches the master while it still spawns the login process our probe
        # connection started makes it hang (measured: 5 s, then SIGKILL); let it settle.
        time.sleep(0.1)

    @property
    def log(self) -> str:
        """Dovecot's own log (logins, errors): the first place to look when a test fails."""
        return log_tail(self.base / "dovecot.log", 200)

    def close(self) -> None:
        """Stop and delete the temporary directory (if this object made it)."""
        self.stop()
        if self._own_base:
            shutil.rmtree(self.base, ignore_errors=True)

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _check_traversable(path: Path) -> None:
    """Dovecot's unprivileged processes must be able to enter every parent of its base dir."""
    if os.geteuid() != 0:
        return
    for parent in [path, *path.parents]:
        if not parent.stat().st_mode & 0o001:
            raise ServerStartError(
                f"{parent} is not traversable by other users (mode "
                f"{parent.stat().st_mode & 0o777:o}); Dovecot's logins would fail with "
                "'Temporary authentication failure': chmod 0755 it or set TMPDIR elsewhere"
            )


def _require_user(name: str) -> None:
    try:
        pwd.getpwnam(name)
    except KeyError:
        raise ServerStartError(
            f"system user {name!r} is missing: install Dovecot from the distribution "
            "(`apt-get install dovecot-imapd`), which creates it"
        ) from None


def _group_name(gid: int) -> str:
    return grp.getgrgid(gid).gr_name


def _mail_ids() -> tuple[int, int]:
    """Mail is accessed as `nobody` when Dovecot runs as root (never as root, nor `dovecot`)."""
    nobody = pwd.getpwnam("nobody")
    return nobody.pw_uid, nobody.pw_gid


def append_messages(
    server: ImapServer,
    messages: Sequence[bytes],
    folder: str = "INBOX",
    *,
    internal_date: dt.datetime | None = None,
    batch: int = 100,
) -> list[int]:
    """Deliver raw messages into `folder` over a fresh connection; return their UIDs."""
    with ImapPeer.to(server) as peer:
        return peer.append(messages, folder, internal_date=internal_date, batch=batch)


def sample_message(n: int, *, size: int = 0, sender: str = "someone@example.org") -> bytes:
    """A small, valid RFC 5322 message numbered `n` (padded to about `size` bytes if given)."""
    head = (
        f"From: Sender {n} <{sender}>\r\n"
        f"To: anmalan@example.org\r\n"
        f"Subject: Registration {n}\r\n"
        f"Message-ID: <test-{n}-{time.monotonic_ns()}@example.org>\r\n"
        f"Date: Mon, 29 Aug 2022 10:00:00 +0200\r\n"
        f"MIME-Version: 1.0\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n"
        f"Content-Transfer-Encoding: 8bit\r\n\r\n"
    ).encode()
    body = f"Namn: Person {n}\r\nE-post: person{n}@example.org\r\n".encode()
    padding = max(0, size - len(head) - len(body))
    body += (b"x" * 76 + b"\r\n") * (padding // 78)
    return head + body
