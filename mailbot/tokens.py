"""OAuth 2.0 access tokens for IMAP and SMTP (SASL XOAUTH2): the values both transports share.

Rules of this file: values and the XOAUTH2 encoding only; the providers that fetch tokens
(Microsoft, Google, an external command) live in `mailbot.oauth` and are imported only when
configured, so an install without the provider extras never loads them.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class AccessToken:
    token: str
    expires_at: dt.datetime  # aware, UTC; renew the connection before this


class TokenProvider(Protocol):
    """Fetches a fresh access token; raises `TokenError` with the provider's own explanation."""

    def fetch(self) -> AccessToken: ...


class TokenError(Exception):
    """The provider refused to issue a token (wrong secret, missing consent, expired secret…)."""


def xoauth2(user: str, token: str) -> str:
    """The SASL XOAUTH2 initial response, base64-encoded (as Google and Microsoft document it)."""
    raw = f"user={user}\x01auth=Bearer {token}\x01\x01"
    return base64.b64encode(raw.encode()).decode("ascii")


class ProviderUnreachable(TokenError):
    """The token endpoint could not be reached (network, DNS, TLS, timeout): worth retrying,
    unlike a refusal, which needs a human."""


RENEW_FRACTION = 0.8  # renew a connection after this share of its token's life (NOTES: Exchange)


def renew_at(token: AccessToken, now: dt.datetime, fraction: float = RENEW_FRACTION) -> dt.datetime:
    """When a connection logged in with `token` at `now` should be renewed: after `fraction` of
    the life the token had left, so a new login happens well before the server ends the session."""
    life = max(dt.timedelta(0), token.expires_at - now)
    return now + life * fraction
