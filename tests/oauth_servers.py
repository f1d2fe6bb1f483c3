"""Stand-ins for an identity provider and an OAuth mail server, on loopback, for the OAuth tests.

- `IdentityProvider`: a small HTTPS server (stdlib `http.server` in a thread, a trustme CA) that
  the real msal and google-auth clients talk to: the OpenID discovery document and token endpoint
  of an Entra tenant, and a Google service-account token endpoint. Beside it, a plain-HTTP
  introspection endpoint (`/userinfo`) for Dovecot's `passdb oauth2`: it answers
  `{"email": ...}` for a token it issued that is still alive and not revoked, 401 otherwise.
- `IntrospectedTokens`: the same check for an SMTP server (`smtp_servers.OAuthSmtpSink`).
- `OAuthDovecot`: the test suite's private Dovecot with `passdb { driver = oauth2 }` added
  (`oauth2_passdb`, easy to move with the Dovecot driver), optionally `ssl = required`.
"""

from __future__ import annotations

import base64
import itertools
import json
import ssl
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import trustme

from servers import CertFiles, Dovecot

TENANT = "contoso.onmicrosoft.com"
CLIENT_ID = "11111111-2222-3333-4444-555555555555"
CLIENT_SECRET = "the-right-secret"

BAD_SECRET = {
    "error": "invalid_client",
    "error_description": "AADSTS7000215: Invalid client secret provided. Ensure the secret being "
    "sent in the request is the client secret value, not the client secret ID.",
    "error_codes": [7000215],
}


@dataclass
class Issued:
    token: str
    user: str
    expires: float  # time.time()
    revoked: bool = False


@dataclass
class TokenState:
    """What the identity provider has issued and accepts; the tests change it as they go."""

    user: str
    life_s: float = 3600.0
    secret: str = CLIENT_SECRET
    refuse_with: dict[str, Any] | None = None  # an error answer for every token request
    issued: list[Issued] = field(default_factory=list)
    introspections: list[str] = field(default_factory=list)
    google_assertions: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    _numbers: Any = field(default_factory=lambda: itertools.count(1))

    def issue(self, user: str) -> dict[str, Any]:
        with self.lock:
            token = f"token-{next(self._numbers)}-{time.monotonic_ns()}"
            self.issued.append(Issued(token, user, time.time() + self.life_s))
        return {"token_type": "Bearer", "expires_in": int(self.life_s), "access_token": token}

    def user_of(self, token: str) -> str | None:
        with self.lock:
            self.introspections.append(token)
            for issued in self.issued:
                if issued.token == token and not issued.revoked and time.time() < issued.expires:
                    return issued.user
        return None

    def revoke_all(self) -> None:
        """The tokens issued so far stop working, as expired ones do at Exchange."""
        with self.lock:
            for issued in self.issued:
                issued.revoked = True


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _json(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        state, base = self.server.state, self.server.base_url
        path = urllib.parse.urlparse(self.path).path
        if path == f"/{TENANT}/v2.0/.well-known/openid-configuration":
            self._json(200, _openid_configuration(base))
        elif path.endswith("/.well-known/openid-configuration"):
            tenant = path.split("/")[1]
            self._json(
                400,
                {
                    "error": "invalid_tenant",
                    "error_description": f"AADSTS90002: Tenant '{tenant}' not found.",
                },
            )
        elif path == "/userinfo":
            header = self.headers.get("Authorization", "")
            user = state.user_of(header.removeprefix("Bearer ").strip())
            # Dovecot 2.3 takes a 401 (or no username) for a temporary failure; an answer
            # saying the token is not active is a refused login, as at a real provider.
            if user is None:
                self._json(200, {"active": False})
            else:
                self._json(200, {"active": True, "email": user})
        else:
            self._json(404, {"error": "not_found"})

    def do_POST(self) -> None:
        state = self.server.state
        length = int(self.headers.get("Content-Length", "0"))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        value = {key: values[0] for key, values in form.items()}
        path = urllib.parse.urlparse(self.path).path
        if state.refuse_with is not None:
            self._json(400, state.refuse_with)
        elif path == f"/{TENANT}/oauth2/v2.0/token":
            self._microsoft_token(value)
        elif path == "/google/token":
            self._google_token(value)
        else:
            self._json(404, {"error": "not_found"})

    def _microsoft_token(self, form: dict[str, str]) -> None:
        state = self.server.state
        if form.get("client_id") != CLIENT_ID:
            self._json(
                400,
                {
                    "error": "unauthorized_client",
                    "error_codes": [700016],
                    "error_description": "AADSTS700016: Application not found.",
                },
            )
        elif "client_assertion" in form:  # a certificate: the signed assertion is msal's work
            self._json(200, state.issue(state.user))
        elif form.get("client_secret") != state.secret:
            self._json(401, BAD_SECRET)
        else:
            self._json(200, state.issue(state.user))

    def _google_token(self, form: dict[str, str]) -> None:
        state = self.server.state
        claims = _jwt_claims(form.get("assertion", ""))
        state.google_assertions.append(claims)
        self._json(200, state.issue(claims.get("sub", "")))


def _openid_configuration(base: str) -> dict[str, Any]:
    return {
        "issuer": f"{base}/{TENANT}/v2.0",
        "authorization_endpoint": f"{base}/{TENANT}/oauth2/v2.0/authorize",
        "token_endpoint": f"{base}/{TENANT}/oauth2/v2.0/token",
    }


def _jwt_claims(assertion: str) -> dict[str, Any]:
    """The claims of a JWT, unverified: the test checks what google-auth asked for."""
    try:
        payload = assertion.split(".")[1]
        claims: dict[str, Any] = json.loads(base64.urlsafe_b64decode(payload + "=" * 4))
        return claims
    except (IndexError, ValueError):
        return {}


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state: TokenState, context: ssl.SSLContext | None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.state = state
        if context is not None:
            self.socket = context.wrap_socket(self.socket, server_side=True)
        scheme = "https" if context else "http"
        self.base_url = f"{scheme}://localhost:{self.server_address[1]}"


class IdentityProvider:
    """The token endpoints over HTTPS (certificate from `ca`) and Dovecot's introspection
    endpoint over plain HTTP, sharing one `TokenState`."""

    def __init__(self, ca: trustme.CA, directory: Path, user: str) -> None:
        self.state = TokenState(user=user)
        self.ca_file = directory / "identity-ca.pem"
        ca.cert_pem.write_to_path(str(self.ca_file))
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert("localhost", "127.0.0.1").configure_cert(context)
        self._https = _Server(self.state, context)
        self._http = _Server(self.state, None)
        self._threads = [
            threading.Thread(target=server.serve_forever, daemon=True)
            for server in (self._https, self._http)
        ]

    @property
    def authority(self) -> str:
        return f"{self._https.base_url}/{TENANT}"

    @property
    def google_token_uri(self) -> str:
        return f"{self._https.base_url}/google/token"

    @property
    def introspection_url(self) -> str:
        return f"http://127.0.0.1:{self._http.server_address[1]}/userinfo"

    def __enter__(self) -> IdentityProvider:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        for server in (self._https, self._http):
            server.shutdown()
            server.server_close()


@dataclass(frozen=True)
class IntrospectedTokens:
    """An SMTP server's check of XOAUTH2 tokens, as Dovecot's `passdb oauth2` checks them: ask
    the identity provider's introspection endpoint whether the token is alive, and for whom
    (for `smtp_servers.OAuthSmtpSink`)."""

    introspection_url: str
    user: str

    def accepts(self, user: str, token: str) -> bool:
        request = urllib.request.Request(
            self.introspection_url, headers={"Authorization": f"Bearer {token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            body = json.load(answer)
        return body.get("active") is True and body.get("email") == user == self.user


# --------------------------------------------------------------------------- Dovecot


def oauth2_passdb(base: Path, introspection_url: str) -> str:
    """Dovecot 2.3 settings that check XOAUTH2 tokens against `introspection_url` (GET with
    `Authorization: Bearer`, the answer's `email` must be the user); written beside the
    config. Appended after the password passdb, so PLAIN logins keep working."""
    args = base / "dovecot-oauth2.conf.ext"
    args.write_text(
        "introspection_mode = auth\n"
        f"introspection_url = {introspection_url}\n"
        "username_attribute = email\n"
        "active_attribute = active\n"
        "active_value = true\n"
        "force_introspection = yes\n"
    )
    args.chmod(0o644)
    return (
        "auth_mechanisms = plain login xoauth2 oauthbearer\n"
        "passdb {\n"
        "  driver = oauth2\n"
        "  mechanisms = xoauth2 oauthbearer\n"
        f"  args = {args}\n"
        "}\n"
    )


class OAuthDovecot(Dovecot):
    """The private Dovecot, logging in with XOAUTH2 tokens from an `IdentityProvider`."""

    def __init__(
        self, introspection_url: str, *, ssl_required: bool = False, **kwargs: Any
    ) -> None:
        self.introspection_url = introspection_url
        self.ssl_required = ssl_required
        super().__init__(**kwargs)

    def _config(self, rootless: bool) -> str:
        extra = oauth2_passdb(self.base, self.introspection_url)
        if self.ssl_required:
            extra += "ssl = required\n"
        return super()._config(rootless) + extra


def trustme_cert_files(ca: trustme.CA, directory: Path, *names: str) -> CertFiles:
    """A server certificate from `ca` for `names`, as the files Dovecot reads."""
    issued = ca.issue_cert(*(names or ("localhost", "127.0.0.1")))
    cert, key = directory / "server-cert.pem", directory / "server-key.pem"
    for blob_path, blobs in ((cert, issued.cert_chain_pems), (key, [issued.private_key_pem])):
        blob_path.write_bytes(b"".join(blob.bytes() for blob in blobs))
        blob_path.chmod(0o644)  # Dovecot reads them after dropping privileges
    return CertFiles(cert, key)
