"""Shared pytest fixtures.

Mail servers (`tests/servers.py`): real servers on loopback, started once per session. A
server that cannot start makes the tests that need it fail with the reason (an error, never a
skip): a CI without Dovecot must not pass while testing nothing. Deselect them with
`-m "not servers"` when working on something else.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import servers as testservers

# --------------------------------------------------------------------------- mail servers

IMAP_SERVERS = ("pymap", "dovecot")


@pytest.fixture(scope="session")
def dovecot_server() -> Iterator[testservers.Dovecot]:
    """One private Dovecot for the session (tests keep apart by using their own folders)."""
    with testservers.Dovecot() as server:
        yield server


@pytest.fixture(scope="session")
def pymap_server() -> Iterator[testservers.Pymap]:
    """One pymap (in-memory) server for the session."""
    with testservers.Pymap() as server:
        yield server


@pytest.fixture(params=IMAP_SERVERS)
def imap_server(request: pytest.FixtureRequest) -> testservers.ImapServer:
    """Each IMAP test runs against pymap and against Dovecot (session servers: don't stop them)."""
    server: testservers.ImapServer = request.getfixturevalue(f"{request.param}_server")
    return server


@pytest.fixture(params=IMAP_SERVERS)
def own_imap_server(request: pytest.FixtureRequest) -> Iterator[testservers.ImapServer]:
    """A fresh server for this test alone: for tests that stop or restart it."""
    server: testservers.Dovecot | testservers.Pymap
    server = testservers.Dovecot() if request.param == "dovecot" else testservers.Pymap()
    with server:
        yield server


@pytest.fixture(scope="session")
def test_cert(tmp_path_factory: pytest.TempPathFactory) -> testservers.CertFiles:
    """A self-signed certificate for localhost/127.0.0.1, for TLS tests."""
    directory: Path = tmp_path_factory.mktemp("cert")
    directory.chmod(0o755)
    return testservers.make_cert(directory)


@pytest.fixture
def smtp_sink() -> Iterator[testservers.SmtpSink]:
    """An SMTP server recording what it receives; script refusals with its methods."""
    with testservers.SmtpSink() as sink:
        yield sink
