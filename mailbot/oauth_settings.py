"""The `[oauth2]` table and the `auth` / `ca_file` keys of `[imap]` and `[smtp]` (SPEC §2).

Kept apart from `config.py` so that the OAuth settings, which only Microsoft 365 and Google
Workspace users need, are read and checked in one place. Like `config`, this is core: it reads
files named in the config (to check that they exist and parse) but talks to no server, imports
no provider library (only asks whether the extra is installed), and reports every problem at once
through the reader `config` passes in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

AuthMode = Literal["password", "oauth2"]
ProviderName = Literal["microsoft", "google", "command"]

MICROSOFT_AUTHORITY = "https://login.microsoftonline.com/{tenant}"
MICROSOFT_SCOPE = "https://outlook.office365.com/.default"
GOOGLE_SCOPE = "https://mail.google.com/"
COMMAND_TIMEOUT_S = 30

# The extra that installs each provider's library, and the module it must make importable.
EXTRAS: Mapping[str, tuple[str, str]] = {
    "microsoft": ("microsoft", "msal"),
    "google": ("google", "google.oauth2"),
}

_KEYS: Mapping[str, frozenset[str]] = {
    "microsoft": frozenset(
        {
            "tenant",
            "client_id",
            "client_secret_env",
            "certificate_file",
            "certificate_thumbprint",
            "secret_expires",
            "authority",
        }
    ),
    "google": frozenset({"service_account_file"}),
    "command": frozenset({"command", "timeout_seconds"}),
}
_COMMON = frozenset({"provider", "scope", "ca_file"})
_ALL = _COMMON.union(*_KEYS.values())


@dataclass(frozen=True)
class OAuth2:
    """How mailbot gets its access tokens; which fields matter depends on `provider`."""

    provider: ProviderName
    scope: str
    tenant: str = ""
    client_id: str = ""
    client_secret_env: str = ""
    certificate_file: Path | None = None  # PEM: the private key and its certificate
    certificate_thumbprint: str = ""  # SHA-1 hex as Entra shows it; else derived from the cert
    secret_expires: dt.date | None = None  # a client secret's expiry is not in any token
    authority: str = ""  # overrides https://login.microsoftonline.com/{tenant} (tests, clouds)
    service_account_file: Path | None = None
    command: tuple[str, ...] = ()
    timeout_seconds: int = COMMAND_TIMEOUT_S
    ca_file: Path | None = None  # trusted for the token endpoint besides the system's CAs

    @property
    def microsoft_authority(self) -> str:
        return self.authority or MICROSOFT_AUTHORITY.format(tenant=self.tenant)


class Reader(Protocol):
    """What `config._Reader` offers: collect problems and warnings instead of raising."""

    path: Path
    warnings: list[str]

    def problem(self, key: str, what: str) -> None: ...

    def get(
        self,
        table: Mapping[str, Any],
        prefix: str,
        key: str,
        kind: type[Any] | tuple[type, ...],
        default: Any = ...,
        hint: str = "",
    ) -> Any: ...

    def strings(self, table: Mapping[str, Any], prefix: str, key: str) -> tuple[str, ...]: ...

    def check_unknown(self, table: Mapping[str, Any], prefix: str, known: set[str]) -> None: ...


def read_auth(r: Reader, t: Mapping[str, Any], section: str) -> AuthMode:
    auth = r.get(t, section, "auth", str, default="password")
    if auth not in ("password", "oauth2"):
        r.problem(f"{section}.auth", f'must be "password" or "oauth2", not {auth!r}')
        return "password"
    return auth  # type: ignore[no-any-return]


def read_ca_file(r: Reader, t: Mapping[str, Any], section: str, base: Path) -> Path | None:
    """An optional PEM bundle, relative to the config file, that must load as CA certificates."""
    name = r.get(t, section, "ca_file", str, default=None)
    if name is None:
        return None
    path: Path = base / str(name)
    if not path.is_file():
        r.problem(f"{section}.ca_file", f"file not found: {path}")
        return None
    import ssl  # only a config with a `ca_file` needs it: `mailbot status` starts without it

    try:
        ssl.create_default_context(cafile=str(path))
    except (ssl.SSLError, ValueError, OSError) as e:
        r.problem(f"{section}.ca_file", f"{path} is not a PEM file of certificates: {e}")
        return None
    return path


def read_oauth2(r: Reader, t: Any, base: Path, environ: Mapping[str, str]) -> OAuth2 | None:
    """The `[oauth2]` table, checked for its provider; None (and a problem) when unusable."""
    if not isinstance(t, dict):
        r.problem("[oauth2]", "must be a table")
        return None
    provider = r.get(t, "oauth2", "provider", str, hint='"microsoft", "google" or "command"')
    if provider not in _KEYS:
        if provider is not None:
            names = '"microsoft", "google" or "command"'
            r.problem("oauth2.provider", f"must be {names}, not {provider!r}")
        return None
    known = _COMMON | _KEYS[provider]
    for key in sorted(set(t) - known):
        owner = next((name for name, keys in _KEYS.items() if key in keys), None)
        if owner is not None:
            r.problem(f"oauth2.{key}", f'is for provider = "{owner}", not "{provider}"')
    r.check_unknown({k: v for k, v in t.items() if k not in _ALL}, "oauth2", set(known))
    _check_extra(r, provider)
    scope_default = {"microsoft": MICROSOFT_SCOPE, "google": GOOGLE_SCOPE}.get(provider, "")
    common = {
        "scope": r.get(t, "oauth2", "scope", str, default=scope_default),
        "ca_file": read_ca_file(r, t, "oauth2", base),
    }
    if provider == "microsoft":
        return _microsoft(r, t, base, environ, common)
    if provider == "google":
        account = _file(r, t, "service_account_file", base, "the service account's JSON key")
        return OAuth2(provider="google", service_account_file=account, **common)
    return _command(r, t, common)


def _microsoft(
    r: Reader, t: Mapping[str, Any], base: Path, environ: Mapping[str, str], common: Any
) -> OAuth2:
    tenant = r.get(t, "oauth2", "tenant", str, hint="the Entra tenant (its .onmicrosoft.com name)")
    client_id = r.get(t, "oauth2", "client_id", str, hint="the app registration's client ID")
    secret_env = r.get(t, "oauth2", "client_secret_env", str, default="")
    certificate = None
    if "certificate_file" in t:
        certificate = _file(r, t, "certificate_file", base, "PEM: private key and certificate")
    if secret_env and "certificate_file" in t:
        r.problem("oauth2.certificate_file", "give client_secret_env or certificate_file, not both")
    elif not secret_env and "certificate_file" not in t:
        r.problem(
            "oauth2.client_secret_env",
            "is missing: name the environment variable holding the client secret, "
            "or give certificate_file",
        )
    elif secret_env and not environ.get(secret_env):
        r.warnings.append(
            f"{r_path(r)}oauth2.client_secret_env: environment variable {secret_env} is not set "
            "(needed by `mailbot run`)"
        )
    expires = r.get(t, "oauth2", "secret_expires", dt.date, default=None)
    if isinstance(expires, dt.datetime):
        expires = expires.date()
    authority = r.get(t, "oauth2", "authority", str, default="")
    if authority and not authority.startswith("https://"):
        r.problem("oauth2.authority", f"must be an https:// URL, not {authority!r}")
    return OAuth2(
        provider="microsoft",
        tenant=tenant or "",
        client_id=client_id or "",
        client_secret_env=secret_env,
        certificate_file=certificate,
        certificate_thumbprint=r.get(t, "oauth2", "certificate_thumbprint", str, default=""),
        secret_expires=expires,
        authority=authority,
        **common,
    )


def _command(r: Reader, t: Mapping[str, Any], common: Any) -> OAuth2:
    command = r.strings(t, "oauth2", "command")
    if not command:
        r.problem(
            "oauth2.command",
            'is missing: the program and its arguments, e.g. ["/usr/local/bin/token-for", '
            '"anmalan@example.org"]',
        )
    timeout = r.get(t, "oauth2", "timeout_seconds", int, default=COMMAND_TIMEOUT_S)
    if timeout < 1:
        r.problem("oauth2.timeout_seconds", f"must be at least 1, not {timeout}")
    return OAuth2(provider="command", command=command, timeout_seconds=timeout, **common)


def _file(r: Reader, t: Mapping[str, Any], key: str, base: Path, what: str) -> Path | None:
    name = r.get(t, "oauth2", key, str, hint=what)
    if name is None:
        return None
    path: Path = base / str(name)
    if not path.is_file():
        r.problem(f"oauth2.{key}", f"file not found: {path}")
    return path


def _check_extra(r: Reader, provider: str) -> None:
    """A provider library that is not installed is a warning for `check-config` (the config is
    right; the install is not) and an error for `mailbot run`."""
    if provider not in EXTRAS:
        return
    extra, module = EXTRAS[provider]
    if not extra_installed(module):
        r.warnings.append(
            f"{r_path(r)}oauth2.provider: {provider!r} needs the {extra!r} extra, which is not "
            f"installed: pip install 'mailbot[{extra}]'"
        )


def extra_installed(module: str) -> bool:
    import importlib.util  # only for a config with an OAuth provider: `status` starts without

    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:  # a parent package missing (google, for google.oauth2)
        return False


def r_path(r: Reader) -> str:
    """The `file: ` prefix a warning starts with, as the reader's own problems do."""
    return f"{r.path}: "
