"""OAuth 2.0 token providers for XOAUTH2 logins (SPEC §2): Microsoft, Google, an external command.

Part of the shell: each provider talks to an identity provider (or runs a program) and returns an
`AccessToken`, or raises `TokenError` carrying the provider's own explanation (Entra's AADSTS
code, Google's `unauthorized_client`, a command's stderr), because that text is what an IT
administrator can act on. `ProviderUnreachable` marks what is worth retrying (network, timeout).

The provider libraries (msal, google-auth) are optional extras: `mailbot.oauth_microsoft` and
`mailbot.oauth_google` import them at their top, and are themselves loaded here only when the
config names that provider, so an install for a password mailbox never needs them.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import logging
import os
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from types import ModuleType

from mailbot.config import Config
from mailbot.oauth_settings import EXTRAS, OAuth2
from mailbot.tokens import AccessToken, ProviderUnreachable, TokenError, TokenProvider

log = logging.getLogger(__name__)

EXPIRY_WARNING = dt.timedelta(days=30)
# A command that prints a bare token says nothing of its life: Entra and Google tokens live at
# least an hour, so a connection made with one is renewed after 48 minutes (80 %).
COMMAND_TOKEN_LIFE = dt.timedelta(hours=1)

Clock = Callable[[], dt.datetime]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def provider_for(config: Config, secret: str = "", clock: Clock = utcnow) -> TokenProvider:
    """The token provider `[oauth2]` configures, for the mailbox `[imap] username` (or
    `[smtp] username`). `secret` is the Entra client secret (`Secrets.oauth_secret`); when
    empty it is read from the variable `client_secret_env` names. Raises `TokenError` when
    the provider cannot be built: no `[oauth2]` table, the provider's extra not installed, no
    client secret. Nothing is fetched here: the first `fetch()` talks to the provider."""
    settings = config.oauth2
    if settings is None:
        raise TokenError(f'{config.path}: auth = "oauth2" needs an [oauth2] table')
    if settings.provider == "command":
        return CommandProvider(settings.command, settings.timeout_seconds, clock)
    module = load_extra(settings.provider)
    if settings.provider == "microsoft":
        credential = None if settings.certificate_file else _secret(config, settings, secret)
        provider: TokenProvider = module.MicrosoftProvider(settings, credential, clock)
        return provider
    provider = module.GoogleProvider(settings, _mailbox(config), clock)
    return provider


def client_secret(config: Config, environ: Mapping[str, str] | None = None) -> str:
    """The Entra client secret from its environment variable, or "" when none is configured."""
    settings = config.oauth2
    if settings is None or settings.provider != "microsoft" or not settings.client_secret_env:
        return ""
    return (os.environ if environ is None else environ).get(settings.client_secret_env, "")


def _mailbox(config: Config) -> str:
    for section in (config.imap, config.smtp):
        if section is not None and section.username:
            return section.username
    return config.bot.address


def _secret(config: Config, settings: OAuth2, secret: str) -> str:
    secret = secret or client_secret(config)
    if not secret:
        raise TokenError(
            f"{config.path}: oauth2.client_secret_env: environment variable "
            f"{settings.client_secret_env} is not set; `mailbot run` needs the app's client "
            "secret in it"
        )
    return secret


def load_extra(provider: str) -> ModuleType:
    """`mailbot.oauth_<provider>`, or `TokenError` naming the extra that installs its library."""
    extra, library = EXTRAS[provider]
    try:
        return importlib.import_module(f"mailbot.oauth_{provider}")
    except ModuleNotFoundError as e:
        raise TokenError(
            f"oauth2.provider = {provider!r} needs {library.split('.')[0]}, which is not "
            f"installed ({e}): pip install 'mailbot[{extra}]'"
        ) from e


# --------------------------------------------------------------------------- expiry


def expiry_warnings(settings: OAuth2 | None, now: dt.datetime) -> list[str]:
    """What expires within 30 days: the client secret (from `secret_expires`, since no token
    says) or the certificate (its notAfter). An expired one is a start failure at the provider;
    this is the warning a month before, while there is time to make a new one."""
    if settings is None or settings.provider != "microsoft":
        return []
    found: list[tuple[str, dt.datetime]] = []
    if settings.secret_expires is not None:
        day = settings.secret_expires
        midnight = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
        found.append(("the client secret", midnight))
    if settings.certificate_file is not None:
        module = load_extra("microsoft")
        found.append(
            (
                f"the certificate {settings.certificate_file}",
                module.certificate_not_after(settings.certificate_file),
            )
        )
    return [_expiry_text(what, when, now) for what, when in found if when - now <= EXPIRY_WARNING]


def _expiry_text(what: str, when: dt.datetime, now: dt.datetime) -> str:
    days = (when - now).days
    if when <= now:
        return f"OAuth: {what} expired on {when:%Y-%m-%d}: make a new one (docs/mailboxes.md)"
    return (
        f"OAuth: {what} expires on {when:%Y-%m-%d} (in {days} days): make a new one in Entra "
        "and update mailbot before then (see docs/mailboxes.md)"
    )


# --------------------------------------------------------------------------- command


class CommandProvider:
    """An external program prints an access token: whatever else an organisation uses.

    The program prints the bare token, or a JSON object with `access_token` and `expires_in`
    (seconds), as a token endpoint answers. A non-zero exit is a `TokenError` with its stderr.
    """

    def __init__(self, command: tuple[str, ...], timeout_s: float, clock: Clock = utcnow) -> None:
        self.command = command
        self.timeout_s = timeout_s
        self._clock = clock

    def fetch(self) -> AccessToken:
        name = Path(self.command[0]).name if self.command else "?"
        try:
            done = subprocess.run(
                list(self.command),
                capture_output=True,
                text=True,
                timeout=self.timeout_s,
                stdin=subprocess.DEVNULL,
                check=False,
            )
        except subprocess.TimeoutExpired as e:
            raise ProviderUnreachable(
                f"token command {name} did not finish within {self.timeout_s:g} s"
            ) from e
        except OSError as e:
            raise TokenError(f"token command {self.command[0]!r} cannot be run: {e}") from e
        if done.returncode != 0:
            said = _last_lines(done.stderr) or "(nothing on stderr)"
            raise TokenError(f"token command {name} exited with status {done.returncode}: {said}")
        return self._parse(done.stdout, name)

    def _parse(self, output: str, name: str) -> AccessToken:
        text = output.strip()
        now = self._clock()
        if text.startswith("{"):
            try:
                data = json.loads(text)
                token, life = str(data["access_token"]), float(data.get("expires_in", 3600))
            except (ValueError, KeyError, TypeError) as e:
                what = f"token command {name} printed JSON without access_token"
                raise TokenError(f"{what}: {e}") from e
            return AccessToken(token, now + dt.timedelta(seconds=life))
        token = text.splitlines()[0].strip() if text else ""
        if not token or any(c.isspace() for c in token):
            raise TokenError(f"token command {name} printed no token (one line expected)")
        return AccessToken(token, now + COMMAND_TOKEN_LIFE)


def _last_lines(text: str, lines: int = 5) -> str:
    return " | ".join(line.strip() for line in text.strip().splitlines()[-lines:] if line.strip())
