"""XOAUTH2 on both sides through `mailbot run` (SPEC §2, issue 12): a Microsoft 365 mailbox as
the bot meets it, with every part real and on loopback.

- The identity provider: `oauth_servers.IdentityProvider`, an Entra-like token endpoint over
  HTTPS that the real msal client talks to (client secret flow), plus its introspection endpoint.
- IMAP: the private Dovecot with `passdb oauth2`, which asks that introspection endpoint.
- SMTP: aiosmtpd with `auth_XOAUTH2`, asking the same endpoint (`IntrospectedTokens`).
- TLS on both with certificates of one private CA that the system does not trust, trusted
  through `[imap] ca_file` and `[smtp] ca_file` (one `tls.tls_context` for both).

`mailbot run` is a real process: its outbox runs in a child process, which builds its own
token provider from the config and the client secret (a provider does not cross processes).
"""

from __future__ import annotations

import dataclasses
import email
import email.policy
import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import imapclient
import pytest
import trustme

from mailbot import tls
from mailbot.store import Store

from oauth_servers import (
    CLIENT_ID,
    CLIENT_SECRET,
    TENANT,
    IdentityProvider,
    IntrospectedTokens,
    OAuthDovecot,
    trustme_cert_files,
)
from smtp_servers import OAuthSmtpSink
from support import (
    SMALL_CONFIG,
    BotProcess,
    at,
    make_config,
    registration,
    wait_until,
    with_servers,
)

pytestmark = pytest.mark.servers

USER = "mailbot"
ON_TIME = at("2022-09-01 10:00")
NOW = ("--now", "2022-09-01T12:00")


@pytest.fixture
def idp(tmp_path: Path) -> Iterator[tuple[IdentityProvider, trustme.CA]]:
    ca = trustme.CA()
    with IdentityProvider(ca, tmp_path, USER) as provider:
        yield provider, ca


def oauth2_table(idp: IdentityProvider) -> str:
    """`[oauth2]` for the local Entra tenant: msal, a client secret, the private CA."""
    values = {
        "provider": "microsoft",
        "tenant": TENANT,
        "client_id": CLIENT_ID,
        "client_secret_env": "MAILBOT_OAUTH_SECRET",
        "authority": idp.authority,
        "ca_file": str(idp.ca_file),
    }
    return "\n[oauth2]\n" + "\n".join(f"{k} = {json.dumps(v)}" for k, v in values.items()) + "\n"


def deliver(server: OAuthDovecot, folder: str, raw: bytes, ca_file: Path) -> None:
    """As another client would: plain imapclient with the password, over implicit TLS."""
    context = tls.tls_context(ca_file)
    with imapclient.IMAPClient(
        server.host, server.implicit_tls_port, ssl=True, ssl_context=context, timeout=15
    ) as client:
        client.login(server.username, server.password)
        if not client.folder_exists(folder):
            client.create_folder(folder)
        client.append(folder, raw, msg_time=ON_TIME)


def test_mailbot_run_reads_and_replies_with_xoauth2_tokens_of_one_identity_provider(
    tmp_path: Path, idp: tuple[IdentityProvider, trustme.CA]
) -> None:
    provider, ca = idp
    cert = trustme_cert_files(ca, tmp_path, "localhost", "127.0.0.1")
    tokens = IntrospectedTokens(provider.introspection_url, USER)
    with (
        OAuthDovecot(provider.introspection_url, username=USER, cert=cert, ssl_required=True) as
        dovecot,
        OAuthSmtpSink(tokens, tls="starttls", cert=cert) as sink,
    ):  # fmt: skip
        tag = uuid.uuid4().hex[:8]
        imap = dataclasses.replace(
            dovecot.settings(folder=f"in-{tag}", done_folder=f"done-{tag}", tls="implicit"),
            host="localhost",
            auth="oauth2",
            ca_file=provider.ca_file,
        )
        smtp = dataclasses.replace(sink.settings(), auth="oauth2", ca_file=provider.ca_file)
        cfg = make_config(tmp_path, with_servers(SMALL_CONFIG, imap, smtp) + oauth2_table(provider))
        people = [("Åsa Öberg", "asa.oberg@huddinge.se")]
        deliver(dovecot, imap.folder, registration("karin.lind@huddinge.se", people, "<e2e@h>"),
                provider.ca_file)  # fmt: skip
        log = tmp_path / "bot.log"
        bot = BotProcess(
            cfg.path, *NOW, password="", log=log, env={"MAILBOT_OAUTH_SECRET": CLIENT_SECRET}
        )
        try:
            wait_until(lambda: len(sink.received) == 1, 60, "the confirmation over XOAUTH2")
        finally:
            code, _ = bot.stop()
        assert code == 0, bot.tail()

    (reply,) = sink.received
    parsed = email.message_from_bytes(reply.data, policy=email.policy.default)
    assert parsed["In-Reply-To"] == "<e2e@h>" and "asa.oberg@huddinge.se" in reply.rcpt_tos
    issued = {token.token for token in provider.state.issued}
    # SMTP: the check at start (the main process) and the outbox's connection (its child
    # process, with a provider of its own): two logins, each with a token the provider issued.
    assert len(set(sink.handler.logins)) >= 2 and set(sink.handler.logins) <= issued
    # IMAP: Dovecot asked the provider about a token it issued, and the message was taken.
    imap_tokens = set(provider.state.introspections) - set(sink.handler.logins)
    assert imap_tokens and imap_tokens <= issued
    with Store(cfg.bot.database) as store:
        assert [p.email for p in store.participants()] == ["asa.oberg@huddinge.se"]
    assert "Traceback" not in log.read_text()
