"""Microsoft 365 (Entra ID) tokens for Exchange Online, with msal: the `microsoft` extra.

App-only access for a daemon: the client-credentials grant with a client secret or a
certificate, scope `https://outlook.office365.com/.default` (NOTES.md "Real mailboxes"). msal
caches the token and asks again once fewer than five minutes of it are left, so each connection
gets a token with life in it. Imported only when `[oauth2] provider = "microsoft"`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import msal
import requests
from cryptography import x509

from mailbot import oauth_http
from mailbot.oauth_settings import OAuth2
from mailbot.tokens import AccessToken, ProviderUnreachable, TokenError

# What the commonest AADSTS codes mean for the person who set the app up (Entra's own texts are
# long and generic); the code and Entra's text are always kept in the message as well.
HINTS = {
    7000215: "the client secret is wrong (copy the secret's Value, not its ID)",
    7000222: "the client secret has expired: make a new one under Certificates & secrets",
    700027: "the certificate is not the one registered for the app, or it expired",
    700016: "no app with this client_id in this tenant (check client_id and tenant)",
    90002: "the tenant does not exist (check tenant)",
    900023: "the tenant is not a valid tenant name or ID",
    65001: "an administrator has not granted consent to the app's permissions",
    500011: "the resource is not in the tenant: is Exchange Online licensed there?",
    7000112: "the app is disabled",
}


class MicrosoftProvider:
    """Client-credentials tokens from Entra ID for one app registration."""

    def __init__(self, settings: OAuth2, secret: str | None, clock: Any) -> None:
        self.settings = settings
        self._secret = secret
        self._clock = clock
        self._app: msal.ConfidentialClientApplication | None = None

    def fetch(self) -> AccessToken:
        app = self._application()
        try:
            result = app.acquire_token_for_client(scopes=[self.settings.scope])
        except requests.exceptions.SSLError as e:
            raise TokenError(f"{self._where()}: TLS certificate not trusted: {e}") from e
        except requests.RequestException as e:
            raise ProviderUnreachable(f"{self._where()}: cannot reach it: {e}") from e
        except Exception as e:  # msal's own checks (a key Entra cannot use: not RSA, …)
            raise TokenError(f"{self._where()}: {type(e).__name__}: {e}") from e
        if not isinstance(result, dict) or "access_token" not in result:
            raise TokenError(f"{self._where()} refused a token: {explain(result)}")
        life = dt.timedelta(seconds=float(result.get("expires_in", 3600)))
        return AccessToken(str(result["access_token"]), self._clock() + life)

    def _application(self) -> msal.ConfidentialClientApplication:
        """Built once, on first use: msal fetches the tenant's OpenID configuration here, so a
        wrong tenant or an unreachable authority surfaces at the first login, with its cause."""
        if self._app is not None:
            return self._app
        settings = self.settings
        try:
            self._app = msal.ConfidentialClientApplication(
                settings.client_id,
                client_credential=self._credential(),
                authority=settings.microsoft_authority,
                # An overridden authority (a national cloud, a test) is not in Microsoft's list.
                instance_discovery=False if settings.authority else None,
                http_client=oauth_http.Session(settings.ca_file),
            )
        except requests.exceptions.SSLError as e:
            raise TokenError(f"{self._where()}: TLS certificate not trusted: {e}") from e
        except requests.RequestException as e:
            raise ProviderUnreachable(f"{self._where()}: cannot reach it: {e}") from e
        except ValueError as e:  # msal: OIDC discovery failed (unknown tenant), a bad key
            raise TokenError(f"{self._where()}: {e}") from e
        return self._app

    def _credential(self) -> str | dict[str, str]:
        if self._secret is not None:
            return self._secret
        path = self.settings.certificate_file
        assert path is not None
        try:
            pem = path.read_text()
        except OSError as e:
            raise TokenError(f"oauth2.certificate_file: cannot read {path}: {e}") from e
        if "PRIVATE KEY-----" not in pem or "CERTIFICATE-----" not in pem:
            raise TokenError(
                f"oauth2.certificate_file: {path} must hold the private key and the certificate "
                "(PEM); the certificate alone is what Entra gets"
            )
        if self.settings.certificate_thumbprint:
            return {"private_key": pem, "thumbprint": self.settings.certificate_thumbprint}
        return {"private_key": pem, "public_certificate": _certificate_block(pem)}

    def _where(self) -> str:
        return f"Microsoft Entra ({self.settings.microsoft_authority})"


def explain(result: Any) -> str:
    """Entra's error, its AADSTS code and what it most likely means."""
    if not isinstance(result, dict):
        return repr(result)
    error = result.get("error", "no access_token in the answer")
    description = " ".join(str(result.get("error_description", "")).split())
    codes = [code for code in result.get("error_codes", []) if code in HINTS]
    hint = f" ({HINTS[codes[0]]})" if codes else ""
    return f"{error}: {description}{hint}" if description else f"{error}{hint}"


def certificate_not_after(path: Path) -> dt.datetime:
    """When the certificate in `path` (PEM, perhaps beside its key) stops being valid."""
    try:
        certificate = x509.load_pem_x509_certificate(_certificate_block(path.read_text()).encode())
    except (OSError, ValueError) as e:
        what = f"oauth2.certificate_file: cannot read a certificate in {path}"
        raise TokenError(f"{what}: {e}") from e
    return certificate.not_valid_after_utc


def _certificate_block(pem: str) -> str:
    begin, end = "-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----"
    start = pem.find(begin)
    stop = pem.find(end, start)
    if start < 0 or stop < 0:
        raise TokenError("oauth2.certificate_file: no certificate (BEGIN CERTIFICATE) in it")
    return pem[start : stop + len(end)] + "\n"
