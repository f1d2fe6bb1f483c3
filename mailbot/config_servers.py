"""The `[imap]` and `[smtp]` tables: where the mailbox is, how to reach it, how to log in, and
the provider's sending limits (SPEC §2).

Kept apart from `config.py` (which reads the event) as `oauth_settings` is: each reports every
problem at once through the reader `config` passes in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypedDict

from mailbot.oauth_settings import AuthMode, Reader, read_auth, read_ca_file

TlsMode = Literal["implicit", "starttls", "none"]
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


@dataclass(frozen=True, kw_only=True)
class Server:
    """What `[imap]` and `[smtp]` share: where the server is, how to reach it, how to log in."""

    host: str
    port: int
    tls: TlsMode
    username: str = ""
    password_env: str
    auth: AuthMode = "password"
    ca_file: Path | None = None  # PEM certificates trusted besides the system's CAs


@dataclass(frozen=True, kw_only=True)
class Imap(Server):
    """`[imap]`: the mailbox the bot reads registrations from."""

    port: int = 993
    tls: TlsMode = "implicit"
    password_env: str = "MAILBOT_IMAP_PASSWORD"
    folder: str = "INBOX"
    done_folder: str = "Processed"
    idle: bool = True
    poll_seconds: int = 60


@dataclass(frozen=True, kw_only=True)
class Smtp(Server):
    """`[smtp]`: the server the bot sends its replies through, and the provider's limits."""

    port: int = 587
    tls: TlsMode = "starttls"
    password_env: str = "MAILBOT_SMTP_PASSWORD"
    # The provider's sending limits (None: no limit). Exchange Online: 3, 30, 10,000.
    max_connections: int | None = None
    max_per_minute: int | None = None
    max_recipients_per_day: int | None = None


def check_servers(
    r: Reader,
    sections: Sequence[tuple[str, Server | None]],
    has_oauth2: bool,
    environ: Mapping[str, str],
) -> None:
    """What holds across the tables: no password in clear text to another host, `oauth2`
    only with an `[oauth2]` table, and a warning for each password variable not set."""
    for section, settings in sections:
        if settings is None:
            continue
        if settings.tls == "none" and settings.host not in LOOPBACK_HOSTS:
            r.problem(
                f"{section}.tls",
                f'"none" sends the password in clear text; it is allowed only for a loopback '
                f'host, not {settings.host!r}: use "implicit" or "starttls"',
            )
        if settings.auth == "oauth2" and not has_oauth2:
            r.problem(f"{section}.auth", '"oauth2" needs an [oauth2] table (see SPEC §2)')
        unset = not environ.get(settings.password_env)
        if settings.auth == "password" and settings.username and unset:
            r.warnings.append(
                f"{r.path}: {section}.password_env: environment variable "
                f"{settings.password_env} is not set (needed by `mailbot run`)"
            )


def _tls(r: Reader, t: Mapping[str, Any], section: str, default: str) -> TlsMode:
    tls = r.get(t, section, "tls", str, default=default)
    if tls not in ("implicit", "starttls", "none"):
        r.problem(f"{section}.tls", f'must be "implicit", "starttls" or "none", not {tls!r}')
        return "implicit"
    return tls  # type: ignore[no-any-return]


def _port(r: Reader, t: Mapping[str, Any], section: str, default: int) -> int:
    port = r.get(t, section, "port", int, default=default)
    if not 0 < port < 65536:
        r.problem(f"{section}.port", f"must be between 1 and 65535, not {port}")
    return int(port)


class _Connection(TypedDict):
    """The fields of `Server` as read from a table."""

    host: str
    port: int
    tls: TlsMode
    username: str
    password_env: str
    auth: AuthMode
    ca_file: Path | None


_CONNECTION_KEYS = frozenset(_Connection.__annotations__)


def _connection(
    r: Reader, t: Mapping[str, Any], section: str, base: Path, defaults: Server
) -> _Connection:
    """The keys every server table has, with the port, TLS and password variable of `defaults`
    where the table leaves them out."""
    return _Connection(
        host=r.get(t, section, "host", str) or "",
        port=_port(r, t, section, defaults.port),
        tls=_tls(r, t, section, defaults.tls),
        username=r.get(t, section, "username", str, default=""),
        password_env=r.get(t, section, "password_env", str, default=defaults.password_env),
        auth=read_auth(r, t, section),
        ca_file=read_ca_file(r, t, section, base),
    )


def read_imap(r: Reader, t: Mapping[str, Any], base: Path) -> Imap:
    r.check_unknown(t, "imap", {*_CONNECTION_KEYS, "folder", "done_folder", "idle", "poll_seconds"})
    poll = r.get(t, "imap", "poll_seconds", int, default=60)
    if poll < 1:
        r.problem("imap.poll_seconds", f"must be at least 1, not {poll}")
    return Imap(
        **_connection(r, t, "imap", base, Imap(host="")),
        folder=r.get(t, "imap", "folder", str, default="INBOX"),
        done_folder=r.get(t, "imap", "done_folder", str, default="Processed"),
        idle=r.get(t, "imap", "idle", bool, default=True),
        poll_seconds=poll,
    )


def read_smtp(r: Reader, t: Mapping[str, Any], base: Path) -> Smtp:
    limits = ("max_connections", "max_per_minute", "max_recipients_per_day")
    r.check_unknown(t, "smtp", {*_CONNECTION_KEYS, *limits})
    pacing = {key: _limit(r, t, "smtp", key) for key in limits}
    return Smtp(**_connection(r, t, "smtp", base, Smtp(host="")), **pacing)


def _limit(r: Reader, t: Mapping[str, Any], section: str, key: str) -> int | None:
    """An optional provider limit: absent is no limit, else a whole number of at least 1."""
    value = r.get(t, section, key, int, default=None)
    if value is not None and value < 1:
        r.problem(f"{section}.{key}", f"must be at least 1 (leave it out: no limit), not {value}")
        return None
    return value  # type: ignore[no-any-return]
