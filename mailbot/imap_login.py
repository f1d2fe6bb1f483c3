"""Logging in to an IMAP server: STARTTLS insisted on, then a password or an OAuth token
(SASL XOAUTH2, SPEC §2), with a refusal told apart from an outage."""

from __future__ import annotations

import ssl
from typing import Any

from mailbot.imap_errors import AuthenticationFailed, ConnectionLost, ImapError, translated
from mailbot.tokens import AccessToken, ProviderUnreachable, TokenError, TokenProvider

Login = str | TokenProvider  # a password, or where XOAUTH2 tokens come from


def log_in(client: Any, user: str, secret: str | AccessToken, where: str) -> None:
    """LOGIN with a password, or AUTHENTICATE XOAUTH2 with a token `fetch_token` gave."""
    if isinstance(secret, AccessToken):
        _oauth2_login(client, user, secret, where)
        return
    with translated(f"logging in to {where} as {user!r}"):
        client.login(user, secret)


def _oauth2_login(client: Any, user: str, token: AccessToken, where: str) -> None:
    try:
        with translated(f"logging in to {where} as {user!r} with an OAuth token"):
            client.oauth2_login(user, token.token)
    except AuthenticationFailed as e:
        raise AuthenticationFailed(
            f"{e} (the provider issued the token, the mail server refused it: is the app "
            "allowed into this mailbox? See docs/mailboxes.md)"
        ) from e


def fetch_token(provider: TokenProvider) -> AccessToken:
    """A token, or why not: a refusal needs a human (`AuthenticationFailed`); an unreachable
    provider is retried like an unreachable server (`ConnectionLost`)."""
    try:
        return provider.fetch()
    except ProviderUnreachable as e:
        raise ConnectionLost(f"OAuth token: {e}") from e
    except TokenError as e:
        raise AuthenticationFailed(f"OAuth token: {e}") from e


def start_tls(client: Any, context: ssl.SSLContext, where: str) -> None:
    """STARTTLS or fail: a server (or a man in the middle) not offering it is not a reason to
    send the password in clear text."""
    with translated(f"STARTTLS with {where}"):
        offered = client.has_capability("STARTTLS")
        if not offered:
            raise ImapError(
                f'{where} does not offer STARTTLS; with tls = "starttls" mailbot will not '
                'log in without it (use tls = "implicit" and port 993 if the server has it)'
            )
        client.starttls(context)
