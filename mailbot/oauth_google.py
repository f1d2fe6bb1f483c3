"""Google Workspace tokens for Gmail, with google-auth: the `google` extra.

A service account with domain-wide delegation acts as the mailbox (`with_subject`), scope
`https://mail.google.com/` (NOTES.md "Real mailboxes"). The token endpoint is the `token_uri` in
the service account's JSON key. Imported only when `[oauth2] provider = "google"`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from google.auth import exceptions
from google.auth.transport.requests import Request
from google.oauth2 import service_account

from mailbot import oauth_http
from mailbot.oauth_settings import OAuth2
from mailbot.tokens import AccessToken, ProviderUnreachable, TokenError


class GoogleProvider:
    """Tokens for `mailbox` from a service account allowed to act for it."""

    def __init__(self, settings: OAuth2, mailbox: str, clock: Any) -> None:
        self.settings = settings
        self.mailbox = mailbox
        self._clock = clock

    def fetch(self) -> AccessToken:
        credentials = self._credentials()
        session = oauth_http.Session(self.settings.ca_file)
        where = f"Google ({credentials._token_uri})"
        try:
            credentials.refresh(Request(session))
        except exceptions.TransportError as e:
            raise ProviderUnreachable(f"{where}: cannot reach it: {e}") from e
        except exceptions.RefreshError as e:
            raise TokenError(f"{where} refused a token for {self.mailbox}: {e.args[0]}") from e
        finally:
            session.close()
        if not credentials.token:
            raise TokenError(f"{where} answered without an access token")
        expiry = credentials.expiry
        expires_at = (
            expiry.replace(tzinfo=dt.UTC)  # google-auth keeps it naive, in UTC
            if expiry is not None
            else self._clock() + dt.timedelta(hours=1)
        )
        return AccessToken(str(credentials.token), expires_at)

    def _credentials(self) -> Any:
        path = self.settings.service_account_file
        try:
            credentials = service_account.Credentials.from_service_account_file(  # type: ignore[no-untyped-call]
                str(path), scopes=[self.settings.scope]
            )
        except (OSError, ValueError, KeyError) as e:
            raise TokenError(
                f"oauth2.service_account_file: {path} is not a service account key: {e}"
            ) from e
        return credentials.with_subject(self.mailbox)
