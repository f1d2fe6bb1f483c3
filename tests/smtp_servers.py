"""SMTP servers for the transport tests: XOAUTH2 on aiosmtpd, a private CA, a hung server.

Real servers on loopback, as everywhere in the suite: `OAuthSmtpSink` is the suite's aiosmtpd
sink with an `auth_XOAUTH2` handler that accepts only tokens `IssuingProvider` issued (a real
`TokenProvider`, no mock), `private_ca` a trustme CA whose certificates the system does not
trust, and `HungServer` a socket that accepts connections and never says a word.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import hmac
import secrets
import socket
import ssl
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from mailbot.demo_servers import CertFiles, SmtpSink, _SinkHandler, free_port
from mailbot.tokens import AccessToken, TokenError

REFUSED_TOKEN = "535 5.7.3 Authentication unsuccessful"  # what Exchange Online answers
BUSY = "432 4.3.2 Concurrent connections limit exceeded"


@dataclass
class IssuingProvider:
    """Issues signed access tokens and verifies them, as an authorisation server does.

    A token is a random nonce and its HMAC under the provider's key, so a copy of the provider
    in another process (the outbox process of `mailbot run` gets it pickled) issues tokens the
    sink accepts, as a real token endpoint and a real mail server agree through a key.
    `refuse` makes `fetch` fail with a provider's explanation (a wrong client secret).
    """

    user: str
    lifetime: dt.timedelta = dt.timedelta(hours=1)
    refuse: str = ""
    key: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    issued: list[str] = field(default_factory=list)  # by this copy

    def fetch(self) -> AccessToken:
        if self.refuse:
            raise TokenError(self.refuse)
        nonce = secrets.token_urlsafe(16)
        token = f"{nonce}.{self._signature(nonce)}"
        self.issued.append(token)
        return AccessToken(token, dt.datetime.now(dt.UTC) + self.lifetime)

    def _signature(self, nonce: str) -> str:
        return hmac.new(self.key, nonce.encode(), hashlib.sha256).hexdigest()

    def accepts(self, user: str, token: str) -> bool:
        nonce, _, signature = token.partition(".")
        return user == self.user and hmac.compare_digest(signature, self._signature(nonce))


class TokenVerifier(Protocol):
    """Who decides whether a presented token is good: the issuer itself (`IssuingProvider`) or
    an identity provider's introspection endpoint (`oauth_servers.IntrospectedTokens`)."""

    @property
    def user(self) -> str: ...

    def accepts(self, user: str, token: str) -> bool: ...


class _OAuthHandler(_SinkHandler):
    """The sink's handler plus SASL XOAUTH2 (aiosmtpd calls `auth_<MECHANISM>` hooks)."""

    def __init__(self, sink: OAuthSmtpSink) -> None:
        super().__init__(sink)
        self.provider = sink.provider
        self.logins: list[str] = []  # the tokens presented, in order
        self.busy_logins = 0  # answer this many logins with `BUSY`

    async def auth_XOAUTH2(self, server: Any, args: list[str]) -> AuthResult:
        if len(args) < 2:
            return AuthResult(success=False, handled=False, message="501 5.5.2 no response")
        try:
            fields = base64.b64decode(args[1], validate=True).decode().split("\x01")
        except ValueError:
            return AuthResult(success=False, handled=False, message="501 5.5.2 bad base64")
        values = dict(f.split("=", 1) for f in fields if "=" in f)
        user, token = values.get("user", ""), values.get("auth", "").removeprefix("Bearer ")
        self.logins.append(token)
        if self.busy_logins > 0:  # Exchange: more connections than the mailbox may have
            self.busy_logins -= 1
            return AuthResult(success=False, handled=False, message=BUSY)
        if self.provider.accepts(user, token):
            return AuthResult(success=True, auth_data=user)
        return AuthResult(success=False, handled=False, message=REFUSED_TOKEN)


class OAuthSmtpSink(SmtpSink):
    """`SmtpSink` that offers only XOAUTH2 and checks tokens against `provider`."""

    def __init__(self, provider: TokenVerifier, **kwargs: Any) -> None:
        super().__init__(username=provider.user, **kwargs)
        self.provider = provider
        self.handler = _OAuthHandler(self)

    def start(self) -> None:
        kwargs: dict[str, Any] = {"server_hostname": "sink.localhost", "ready_timeout": 5.0}
        kwargs.update(auth_require_tls=False, auth_exclude_mechanism=["LOGIN", "PLAIN"])
        if self.cert is not None and self.tls == "implicit":
            kwargs["ssl_context"] = self.cert.server_context()
        if self.cert is not None and self.tls == "starttls":
            kwargs.update(tls_context=self.cert.server_context(), require_starttls=True)
        controller = Controller(self.handler, hostname=self.host, port=self.port, **kwargs)
        controller.start()
        self._controller = controller


@dataclass(frozen=True)
class PrivateCa:
    """A trustme CA: `ca_file` (its PEM) and server certificates it issued."""

    ca_file: Path
    for_localhost: CertFiles  # localhost and 127.0.0.1
    for_another_host: CertFiles  # mail.example.org only: a wrong host name for 127.0.0.1


def private_ca(directory: Path) -> PrivateCa:
    ca = trustme.CA()
    ca_file = directory / "private-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))

    def issued(name: str, *hosts: str) -> CertFiles:
        cert = ca.issue_cert(*hosts)
        files = CertFiles(directory / f"{name}.pem", directory / f"{name}.key")
        for n, blob in enumerate(cert.cert_chain_pems):
            blob.write_to_path(str(files.cert), append=n > 0)
        cert.private_key_pem.write_to_path(str(files.key))
        return files

    return PrivateCa(
        ca_file,
        issued("localhost", "localhost", "127.0.0.1"),
        issued("other", "mail.example.org"),
    )


def trusting(ca: PrivateCa) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(ca.ca_file))


class HungServer:
    """A TCP server that accepts every connection and never answers (a hung SMTP server)."""

    def __init__(self) -> None:
        self.host, self.port = "127.0.0.1", free_port()
        self._listener = socket.create_server((self.host, self.port))
        self._accepted: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self._listener.accept()
            except OSError:
                return
            self._accepted.append(connection)

    @property
    def connections(self) -> int:
        return len(self._accepted)

    def __enter__(self) -> HungServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accept()
        self._listener.close()
        for connection in self._accepted:
            connection.close()
