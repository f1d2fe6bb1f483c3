"""The passwords `mailbot run` needs, read from the environment variables the config names.

Only `run` reads them (SPEC §2): every other command works without, and none is ever printed or
put on a command line.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from mailbot import oauth
from mailbot.config import Config, ConfigError
from mailbot.tokens import TokenError


@dataclass(frozen=True)
class Secrets:
    """The passwords, read from the environment variables the config names; never printed."""

    imap_password: str = field(repr=False)
    smtp_password: str = field(default="", repr=False)
    oauth_secret: str = field(default="", repr=False)  # the Entra client secret, if one is used


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
    if config.imap.auth == "password" and not imap_password:
        problems.append(_unset(where, "imap", config.imap.password_env))
    if config.smtp.auth == "password" and config.smtp.username and not smtp_password:
        problems.append(_unset(where, "smtp", config.smtp.password_env))
    oauth_secret = oauth.client_secret(config, environ)
    problems += _oauth_problems(config, oauth_secret)
    if problems:
        raise ConfigError(problems)
    return Secrets(imap_password, smtp_password, oauth_secret)


def _oauth_problems(config: Config, oauth_secret: str) -> list[str]:
    """Whether the token provider can be built (its extra installed, its secret set); the
    provider itself is first asked for a token at the first login, where a refusal is exit 3."""
    sections = (config.imap, config.smtp)
    if not any(section is not None and section.auth == "oauth2" for section in sections):
        return []
    try:
        oauth.provider_for(config, oauth_secret)
    except TokenError as e:
        return [str(e)]
    return []


def _unset(where: object, section: str, variable: str) -> str:
    return (
        f"{where}: {section}.password_env: environment variable {variable} is not set; "
        f"`mailbot run` needs the {section.upper()} password in it"
    )
