"""OAuth 2.0 (SPEC §2, issue 12): token providers, XOAUTH2 IMAP logins, private CAs.

Real servers on loopback, no mocks: a local identity provider (tests/oauth_servers.py) that the
real msal and google-auth clients talk to over HTTPS, a private Dovecot checking tokens against
its introspection endpoint, and the aiosmtpd sink (password: the SMTP side over XOAUTH2 is the
outbox's work, issue 12's other half).
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import email
import email.policy
import json
import logging
import stat
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import imapclient
import pytest
import trustme
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from mailbot import config, imap, oauth
from mailbot.config import Config, ConfigError
from mailbot.inbox import StartError
from mailbot.passwords import Secrets, secrets_from
from mailbot.service import Service
from mailbot.store import Store
from mailbot.timing import Timing
from mailbot.tokens import ProviderUnreachable, TokenError, TokenProvider

from oauth_servers import (
    CLIENT_ID,
    CLIENT_SECRET,
    TENANT,
    IdentityProvider,
    OAuthDovecot,
    trustme_cert_files,
)
from servers import SmtpSink
from support import (
    ORGANISER,
    SMALL_CONFIG,
    at,
    make_config,
    present,
    registration,
    wait_until,
    with_servers,
)

pytestmark = pytest.mark.servers

USER = "mailbot"
ON_TIME = at("2022-09-01 10:00")
FAST = Timing(outbox_poll_s=0.2, retry_s=0.5, reconnect_base_s=0.1, reconnect_cap_s=1.0)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def idp(ca: trustme.CA, tmp_path: Path) -> Iterator[IdentityProvider]:
    with IdentityProvider(ca, tmp_path, USER) as provider:
        yield provider


@pytest.fixture
def dovecot(idp: IdentityProvider) -> Iterator[OAuthDovecot]:
    with OAuthDovecot(idp.introspection_url, username=USER) as server:
        yield server


def oauth2_table(idp: IdentityProvider, **keys: object) -> str:
    values: dict[str, object] = {
        "provider": "microsoft",
        "tenant": TENANT,
        "client_id": CLIENT_ID,
        "client_secret_env": "MAILBOT_OAUTH_SECRET",
        "authority": idp.authority,
        "ca_file": str(idp.ca_file),
    }
    values.update(keys)
    lines = [
        f"{k} = {v.isoformat() if isinstance(v, dt.date) else json.dumps(v)}"
        for k, v in values.items()
        if v is not None
    ]
    return "\n[oauth2]\n" + "\n".join(lines) + "\n"


def oauth_config(
    tmp_path: Path,
    imap_settings: config.Imap,
    sink: SmtpSink,
    idp: IdentityProvider,
    **keys: object,
) -> Config:
    text = with_servers(SMALL_CONFIG, imap_settings, sink.settings())
    cfg = make_config(tmp_path, text + oauth2_table(idp, **keys))
    Store(cfg.bot.database).close()
    return cfg


def oauth_imap(server: OAuthDovecot, tls: config.TlsMode = "none", **keys: Any) -> config.Imap:
    tag = uuid.uuid4().hex[:8]
    settings = server.settings(folder=f"in-{tag}", done_folder=f"done-{tag}", tls=tls)
    return dataclasses.replace(settings, auth="oauth2", **keys)


def microsoft(cfg: Config, secret: str = CLIENT_SECRET) -> TokenProvider:
    return oauth.provider_for(cfg, secret)


def start_failure(cfg: Config, secret: str = CLIENT_SECRET, timing: Timing = FAST) -> str:
    """Run the service as `mailbot run` does and return the message it exits 3 with."""
    service = Service(cfg, Secrets("", "", secret), timing=timing)
    with pytest.raises(StartError) as failure:
        asyncio_run(service)
    return str(failure.value)


def asyncio_run(service: Service) -> int:
    return asyncio.run(service.run(handle_signals=False))


def append(server: OAuthDovecot, folder: str, *messages: bytes, tls_ca: Path | None = None) -> None:
    """Deliver as another client would: plain imapclient with the password, not mailbot.imap."""
    if tls_ca is None:
        client = imapclient.IMAPClient(server.host, server.port, ssl=False, timeout=15)
    else:
        context = imap.tls_context(tls_ca)
        client = imapclient.IMAPClient(
            server.host, server.implicit_tls_port, ssl=True, ssl_context=context, timeout=15
        )
    with client:
        client.login(server.username, server.password)
        if not client.folder_exists(folder):
            client.create_folder(folder)
        for raw in messages:
            client.append(folder, raw, msg_time=ON_TIME)


class InThread:
    """The service in a thread, as in test_service.py, stopped at the end."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._main, daemon=True)

    def _main(self) -> None:
        try:
            asyncio_run(self.service)
        except BaseException as e:
            self.error = e

    def __enter__(self) -> InThread:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.service.stop()
        self.thread.join(15)
        assert not self.thread.is_alive()
        if self.error is not None:
            raise self.error


def confirmations(sink: SmtpSink) -> list[str]:
    return [r.rcpt_tos[0] for r in sink.received]


def registration_mail(n: int) -> bytes:
    return registration(
        "karin.lind@huddinge.se", [("Åsa Öberg", f"asa{n}@huddinge.se")], f"<oauth-{n}@huddinge.se>"
    )


# --------------------------------------------------------------------------- config


def test_oauth2_auth_without_an_oauth2_table_is_an_error_naming_the_key(tmp_path: Path) -> None:
    text = SMALL_CONFIG + '\n[imap]\nhost = "imap.example.org"\nauth = "oauth2"\n'
    with pytest.raises(ConfigError, match=r"imap\.auth: \"oauth2\" needs an \[oauth2\] table"):
        make_config(tmp_path, text)


def test_an_unknown_oauth2_key_gets_a_did_you_mean(tmp_path: Path) -> None:
    text = SMALL_CONFIG + '\n[oauth2]\nprovider = "microsoft"\ntenant = "t"\nclient_id = "c"\n'
    text += 'client_secret_env = "S"\nclient_secret_enw = "S"\n'
    with pytest.raises(ConfigError, match="did you mean 'client_secret_env'"):
        make_config(tmp_path, text)


def test_a_microsoft_provider_needs_a_secret_or_a_certificate(tmp_path: Path) -> None:
    text = SMALL_CONFIG + '\n[oauth2]\nprovider = "microsoft"\ntenant = "t"\nclient_id = "c"\n'
    with pytest.raises(ConfigError, match=r"oauth2\.client_secret_env: is missing"):
        make_config(tmp_path, text)


def test_password_env_is_not_needed_with_oauth2_but_the_client_secret_is(tmp_path: Path) -> None:
    text = SMALL_CONFIG + (
        '\n[imap]\nhost = "imap.example.org"\nusername = "bot@example.org"\nauth = "oauth2"\n'
        '[smtp]\nhost = "smtp.example.org"\nusername = "bot@example.org"\nauth = "oauth2"\n'
        '[oauth2]\nprovider = "microsoft"\ntenant = "t"\nclient_id = "c"\n'
        'client_secret_env = "MAILBOT_OAUTH_SECRET"\n'
    )
    cfg = make_config(tmp_path, text)
    assert not any("MAILBOT_IMAP_PASSWORD" in w for w in cfg.warnings)
    assert any("MAILBOT_OAUTH_SECRET is not set" in w for w in cfg.warnings)
    with pytest.raises(ConfigError, match="MAILBOT_OAUTH_SECRET is not set") as failure:
        secrets_from(cfg, {})
    assert "IMAP password" not in str(failure.value)
    assert secrets_from(cfg, {"MAILBOT_OAUTH_SECRET": "s"}).oauth_secret == "s"


def test_a_ca_file_must_exist_and_hold_pem_certificates(tmp_path: Path) -> None:
    (tmp_path / "not-pem.txt").write_text("hello\n")
    text = SMALL_CONFIG + '\n[imap]\nhost = "imap.example.org"\nca_file = "not-pem.txt"\n'
    text += '[smtp]\nhost = "smtp.example.org"\nca_file = "missing.pem"\n'
    with pytest.raises(ConfigError) as failure:
        make_config(tmp_path, text)
    assert "imap.ca_file: " in str(failure.value) and "not a PEM file" in str(failure.value)
    assert "smtp.ca_file: file not found" in str(failure.value)


def test_a_ca_file_is_relative_to_the_config_file(tmp_path: Path, ca: trustme.CA) -> None:
    ca.cert_pem.write_to_path(str(tmp_path / "agency-ca.pem"))
    text = SMALL_CONFIG + '\n[imap]\nhost = "imap.example.org"\nca_file = "agency-ca.pem"\n'
    assert present(make_config(tmp_path, text).imap).ca_file == tmp_path / "agency-ca.pem"


def test_a_client_secret_expiring_within_30_days_is_warned_about(tmp_path: Path) -> None:
    text = SMALL_CONFIG + '\n[oauth2]\nprovider = "microsoft"\ntenant = "t"\nclient_id = "c"\n'
    text += 'client_secret_env = "S"\nsecret_expires = 2027-01-31\n'
    settings = make_config(tmp_path, text).oauth2
    assert oauth.expiry_warnings(settings, dt.datetime(2026, 12, 1, tzinfo=dt.UTC)) == []
    (warning,) = oauth.expiry_warnings(settings, dt.datetime(2027, 1, 10, tzinfo=dt.UTC))
    assert "the client secret expires on 2027-01-31 (in 21 days)" in warning


def test_a_certificate_expiring_within_30_days_is_warned_about(
    tmp_path: Path, ca: trustme.CA
) -> None:
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(days=10)
    issued = ca.issue_cert("mailbot-app", not_after=soon, key_type=trustme.KeyType.RSA)
    issued.private_key_and_cert_chain_pem.write_to_path(str(tmp_path / "app.pem"))
    text = SMALL_CONFIG + '\n[oauth2]\nprovider = "microsoft"\ntenant = "t"\nclient_id = "c"\n'
    text += 'certificate_file = "app.pem"\n'
    settings = make_config(tmp_path, text).oauth2
    (warning,) = oauth.expiry_warnings(settings, dt.datetime.now(dt.UTC))
    assert "app.pem expires on" in warning


# --------------------------------------------------------------------------- providers


def test_the_microsoft_provider_gets_a_token_from_the_tenant_with_the_real_msal_client(
    tmp_path: Path, idp: IdentityProvider, dovecot: OAuthDovecot, smtp_sink: SmtpSink
) -> None:
    cfg = oauth_config(tmp_path, oauth_imap(dovecot), smtp_sink, idp)
    token = microsoft(cfg).fetch()
    assert token.token == idp.state.issued[-1].token
    assert (
        dt.timedelta(minutes=59)
        < token.expires_at - dt.datetime.now(dt.UTC)
        <= dt.timedelta(hours=1)
    )


def test_a_wrong_client_secret_is_refused_with_entras_own_explanation(
    tmp_path: Path, idp: IdentityProvider, dovecot: OAuthDovecot, smtp_sink: SmtpSink
) -> None:
    cfg = oauth_config(tmp_path, oauth_imap(dovecot), smtp_sink, idp)
    with pytest.raises(TokenError, match=r"AADSTS7000215.*the client secret is wrong"):
        microsoft(cfg, "not-the-secret").fetch()


def test_a_wrong_tenant_is_refused_naming_the_tenant(
    tmp_path: Path, idp: IdentityProvider, dovecot: OAuthDovecot, smtp_sink: SmtpSink
) -> None:
    wrong = idp.authority.replace(TENANT, "nosuch.onmicrosoft.com")
    cfg = oauth_config(tmp_path, oauth_imap(dovecot), smtp_sink, idp, authority=wrong)
    with pytest.raises(TokenError, match=r"nosuch\.onmicrosoft\.com"):
        microsoft(cfg).fetch()


def test_an_untrusted_token_endpoint_is_a_refusal_not_a_retry(
    tmp_path: Path, idp: IdentityProvider, dovecot: OAuthDovecot, smtp_sink: SmtpSink
) -> None:
    cfg = oauth_config(tmp_path, oauth_imap(dovecot), smtp_sink, idp, ca_file=None)
    with pytest.raises(TokenError, match="TLS certificate not trusted") as failure:
        microsoft(cfg).fetch()
    assert not isinstance(failure.value, ProviderUnreachable)


def test_the_microsoft_provider_signs_with_a_certificate_instead_of_a_secret(
    tmp_path: Path,
    ca: trustme.CA,
    idp: IdentityProvider,
    dovecot: OAuthDovecot,
    smtp_sink: SmtpSink,
) -> None:
    ca.issue_cert(
        "mailbot-app", key_type=trustme.KeyType.RSA
    ).private_key_and_cert_chain_pem.write_to_path(str(tmp_path / "app.pem"))
    cfg = oauth_config(
        tmp_path,
        oauth_imap(dovecot),
        smtp_sink,
        idp,
        client_secret_env=None,
        certificate_file="app.pem",
    )
    assert oauth.provider_for(cfg).fetch().token == idp.state.issued[-1].token


def test_the_google_provider_asks_for_the_mailbox_with_a_service_account(
    tmp_path: Path, idp: IdentityProvider
) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    account = {
        "type": "service_account",
        "client_email": "mailbot@project.iam.gserviceaccount.com",
        "private_key": pem,
        "private_key_id": "k1",
        "token_uri": idp.google_token_uri,  # the test's endpoint, as Google's JSON key names its own
    }
    (tmp_path / "account.json").write_text(json.dumps(account))
    text = SMALL_CONFIG + '\n[imap]\nhost = "imap.example.org"\nusername = "anmalan@example.org"\n'
    text += f'auth = "oauth2"\n[oauth2]\nprovider = "google"\nservice_account_file = "account.json"\nca_file = "{idp.ca_file}"\n'
    cfg = make_config(tmp_path, text)
    token = oauth.provider_for(cfg).fetch()
    assert token.token == idp.state.issued[-1].token
    (claims,) = idp.state.google_assertions
    assert claims["sub"] == "anmalan@example.org"
    assert claims["scope"] == "https://mail.google.com/"
    assert claims["iss"] == "mailbot@project.iam.gserviceaccount.com"


def script(tmp_path: Path, body: str) -> str:
    path = tmp_path / "token-for"
    path.write_text(f"#!{sys.executable}\nimport sys, time, json\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_the_command_provider_takes_the_token_the_program_prints(tmp_path: Path) -> None:
    bare = oauth.CommandProvider((script(tmp_path, "print('abc.def')"),), 5)
    assert bare.fetch().token == "abc.def"
    as_json = oauth.CommandProvider(
        (script(tmp_path, "print(json.dumps({'access_token': 'xyz', 'expires_in': 600}))"),), 5
    )
    token = as_json.fetch()
    assert token.token == "xyz"
    assert token.expires_at - dt.datetime.now(dt.UTC) <= dt.timedelta(seconds=600)


def test_a_failing_command_is_explained_by_its_exit_status_and_stderr(tmp_path: Path) -> None:
    failing = script(tmp_path, "print('no consent for anmalan@', file=sys.stderr); sys.exit(2)")
    with pytest.raises(TokenError, match="exited with status 2: no consent for anmalan@"):
        oauth.CommandProvider((failing,), 5).fetch()


def test_a_command_that_hangs_is_given_up_after_its_timeout(tmp_path: Path) -> None:
    hanging = script(tmp_path, "time.sleep(30)")
    started = time.monotonic()
    with pytest.raises(ProviderUnreachable, match=r"did not finish within 0\.5 s"):
        oauth.CommandProvider((hanging,), 0.5).fetch()
    assert time.monotonic() - started < 5


# --------------------------------------------------------------------------- the service


def test_a_registration_is_read_over_xoauth2_imap_and_answered(
    tmp_path: Path, idp: IdentityProvider, dovecot: OAuthDovecot, smtp_sink: SmtpSink
) -> None:
    settings = oauth_imap(dovecot)
    cfg = oauth_config(tmp_path, settings, smtp_sink, idp)
    append(dovecot, settings.folder, registration_mail(1))
    with InThread(Service(cfg, Secrets("", "", CLIENT_SECRET), timing=FAST)):
        wait_until(lambda: "asa1@huddinge.se" in confirmations(smtp_sink), what="the reply")
    assert "method=XOAUTH2" in dovecot.log
    assert idp.state.introspections  # Dovecot asked the identity provider about the token


def test_a_session_ended_with_its_token_is_renewed_and_the_next_mail_is_answered_without_warning(
    tmp_path: Path,
    idp: IdentityProvider,
    dovecot: OAuthDovecot,
    smtp_sink: SmtpSink,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Exchange ends a session whose token expired (`* BYE ... AccessTokenExpired`); Dovecot
    does not, so the provider stops accepting the token and the session is kicked (`* BYE`)."""
    settings = oauth_imap(dovecot)
    cfg = oauth_config(tmp_path, settings, smtp_sink, idp)
    # Under 5 minutes of life msal counts a token as expired and asks anew, as it would after
    # Exchange's AccessTokenExpired; mailbot would renew after 232 s, long after this test.
    idp.state.life_s = 290
    append(dovecot, settings.folder, registration_mail(1))
    caplog.set_level(logging.INFO)
    with InThread(Service(cfg, Secrets("", "", CLIENT_SECRET), timing=FAST)):
        wait_until(lambda: len(confirmations(smtp_sink)) == 1, what="the first reply")
        time.sleep(1.5)  # into IDLE, the session a second old at least (a younger end is an outage)
        first = len(idp.state.issued)
        idp.state.revoke_all()
        subprocess.run(
            ["doveadm", "-c", str(dovecot.base / "dovecot.conf"), "kick", USER],
            check=True,
            capture_output=True,
        )
        append(dovecot, settings.folder, registration_mail(2))
        wait_until(lambda: len(confirmations(smtp_sink)) == 2, what="the reply after the kick")
    assert len(idp.state.issued) > first  # a fresh token for the new session
    assert "IMAP session ended with its OAuth token" in caplog.text
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert warnings == [], [r.getMessage() for r in warnings]


def test_the_session_is_renewed_before_its_token_expires(
    tmp_path: Path,
    idp: IdentityProvider,
    dovecot: OAuthDovecot,
    smtp_sink: SmtpSink,
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = oauth_imap(dovecot)
    cfg = oauth_config(tmp_path, settings, smtp_sink, idp)
    idp.state.life_s = 2
    append(dovecot, settings.folder)  # the folder, empty
    caplog.set_level(logging.INFO)
    with InThread(Service(cfg, Secrets("", "", CLIENT_SECRET), timing=FAST)):
        wait_until(lambda: len(idp.state.issued) >= 3, timeout_s=20, what="two renewals")
        append(dovecot, settings.folder, registration_mail(3))
        wait_until(lambda: len(confirmations(smtp_sink)) == 1, what="the reply")
    assert "renewing the session before its OAuth token expires" in caplog.text
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


# --------------------------------------------------------------------------- start failures


def test_a_token_the_server_refuses_stops_the_start_naming_the_refusal(
    tmp_path: Path, idp: IdentityProvider, dovecot: OAuthDovecot, smtp_sink: SmtpSink
) -> None:
    idp.state.user = "someone-else"  # the token is for another mailbox: Dovecot refuses it
    cfg = oauth_config(tmp_path, oauth_imap(dovecot), smtp_sink, idp)
    message = start_failure(cfg)
    assert "with an OAuth token" in message and "AUTHENTICATIONFAILED" in message


def test_a_wrong_client_secret_stops_the_start_with_the_aadsts_code(
    tmp_path: Path, idp: IdentityProvider, dovecot: OAuthDovecot, smtp_sink: SmtpSink
) -> None:
    cfg = oauth_config(tmp_path, oauth_imap(dovecot), smtp_sink, idp)
    assert "AADSTS7000215" in start_failure(cfg, secret="wrong")


def test_a_missing_client_secret_stops_mailbot_run_at_once_with_exit_3(
    tmp_path: Path, idp: IdentityProvider, dovecot: OAuthDovecot, smtp_sink: SmtpSink
) -> None:
    cfg = oauth_config(tmp_path, oauth_imap(dovecot), smtp_sink, idp)
    done = subprocess.run(
        [sys.executable, "-m", "mailbot.cli", "run", "--config", str(cfg.path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 3
    assert "MAILBOT_OAUTH_SECRET is not set" in done.stderr


def test_mailbot_run_with_a_wrong_client_secret_exits_3_with_entras_explanation(
    tmp_path: Path, idp: IdentityProvider, dovecot: OAuthDovecot, smtp_sink: SmtpSink
) -> None:
    cfg = oauth_config(tmp_path, oauth_imap(dovecot), smtp_sink, idp)
    done = subprocess.run(
        [sys.executable, "-m", "mailbot.cli", "run", "--config", str(cfg.path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "MAILBOT_OAUTH_SECRET": "wrong"},
    )
    assert done.returncode == 3, done.stderr
    assert "AADSTS7000215" in done.stderr and "the client secret is wrong" in done.stderr


# --------------------------------------------------------------------------- TLS with a private CA


@pytest.fixture
def tls_dovecot(
    ca: trustme.CA, tmp_path: Path, idp: IdentityProvider
) -> Iterator[tuple[OAuthDovecot, Path]]:
    cert = trustme_cert_files(ca, tmp_path, "localhost", "127.0.0.1")
    server = OAuthDovecot(idp.introspection_url, username=USER, cert=cert, ssl_required=True)
    with server:
        yield server, idp.ca_file  # the same private CA signed both


@pytest.mark.parametrize("tls", ["implicit", "starttls"])
def test_imap_over_tls_with_a_private_ca_trusted_through_ca_file(
    tmp_path: Path,
    idp: IdentityProvider,
    tls_dovecot: tuple[OAuthDovecot, Path],
    smtp_sink: SmtpSink,
    tls: config.TlsMode,
) -> None:
    server, ca_file = tls_dovecot
    settings = oauth_imap(server, tls, host="localhost", ca_file=ca_file)
    cfg = oauth_config(tmp_path, settings, smtp_sink, idp)
    append(server, settings.folder, registration_mail(4), tls_ca=ca_file)
    with InThread(Service(cfg, Secrets("", "", CLIENT_SECRET), timing=FAST)):
        wait_until(lambda: "asa4@huddinge.se" in confirmations(smtp_sink), what="the reply")


def test_an_untrusted_server_certificate_stops_the_start(
    tmp_path: Path,
    idp: IdentityProvider,
    tls_dovecot: tuple[OAuthDovecot, Path],
    smtp_sink: SmtpSink,
) -> None:
    server, _ = tls_dovecot
    settings = oauth_imap(server, "implicit", host="localhost")  # no ca_file: system CAs only
    message = start_failure(oauth_config(tmp_path, settings, smtp_sink, idp))
    assert "TLS certificate is not valid" in message and "certificate verify failed" in message


def test_a_certificate_for_another_host_name_stops_the_start(
    tmp_path: Path, ca: trustme.CA, idp: IdentityProvider, smtp_sink: SmtpSink
) -> None:
    cert = trustme_cert_files(ca, tmp_path, "mail.example.org")
    with OAuthDovecot(idp.introspection_url, username=USER, cert=cert) as server:
        settings = oauth_imap(server, "implicit", host="localhost", ca_file=idp.ca_file)
        message = start_failure(oauth_config(tmp_path, settings, smtp_sink, idp))
    assert "Hostname mismatch" in message or "doesn't match" in message, message


def test_the_microsoft_365_example_config_is_valid_and_logs_in_with_oauth2() -> None:
    path = Path(__file__).parent.parent / "examples" / "config-microsoft365.toml"
    cfg = config.load(path, {"MAILBOT_OAUTH_SECRET": "s"})
    assert cfg.imap is not None and cfg.imap.auth == "oauth2"
    assert cfg.smtp is not None and cfg.smtp.auth == "oauth2"
    assert cfg.oauth2 is not None and cfg.oauth2.provider == "microsoft"
    assert not any("MAILBOT_" in w for w in cfg.warnings)


def test_a_key_of_another_provider_says_which_provider_it_is_for(tmp_path: Path) -> None:
    text = SMALL_CONFIG + '\n[oauth2]\nprovider = "command"\ncommand = ["/bin/true"]\n'
    text += 'tenant = "t"\n'
    with pytest.raises(ConfigError, match=r'oauth2\.tenant: is for provider = "microsoft"'):
        make_config(tmp_path, text)


def test_a_secret_expiring_soon_is_mailed_to_the_organiser_once_a_day(
    tmp_path: Path,
    idp: IdentityProvider,
    dovecot: OAuthDovecot,
    smtp_sink: SmtpSink,
    caplog: pytest.LogCaptureFixture,
) -> None:
    soon = (dt.datetime.now(dt.UTC) + dt.timedelta(days=10)).date()
    settings = oauth_imap(dovecot)
    cfg = oauth_config(tmp_path, settings, smtp_sink, idp, secret_expires=soon)
    append(dovecot, settings.folder)
    for _ in range(2):  # a restart the same day tells no one again
        with InThread(Service(cfg, Secrets("", "", CLIENT_SECRET), timing=FAST)):
            wait_until(lambda: len(smtp_sink.received) >= 1, what="the notice")
            time.sleep(0.5)
    (notice,) = smtp_sink.received
    assert list(notice.rcpt_tos) == [ORGANISER]
    parsed = email.message_from_bytes(notice.data, policy=email.policy.default)
    assert parsed["Subject"] == "mailbots inloggning till brevlådan går snart ut"  # bot.language
    assert f"the client secret expires on {soon}" in present(parsed.get_body()).get_content()
    assert f"the client secret expires on {soon}" in caplog.text
