"""mailbot.imap against real IMAP servers on loopback (pymap and Dovecot), plus its pure parts.

Each server test runs against both servers, in folders of its own, with a second connection
(`ImapPeer`) playing the outside world that delivers mail.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import threading
import time
import uuid
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest

from mailbot import config, imap, imap_errors, reconnecting

from servers import CertFiles, Dovecot, ImapPeer, ImapServer, Pymap, sample_message

# --------------------------------------------------------------------------- fixtures


@pytest.fixture
def settings(imap_server: ImapServer) -> config.Imap:
    """Folders of this test's own, so tests sharing a session server cannot see each other."""
    tag = uuid.uuid4().hex[:8]
    return imap_server.settings(folder=f"in-{tag}", done_folder=f"done-{tag}")


@pytest.fixture
def peer(imap_server: ImapServer, settings: config.Imap) -> Iterator[ImapPeer]:
    with ImapPeer.to(imap_server) as peer:
        peer.ensure_folder(settings.folder)
        yield peer


@pytest.fixture
def mailbox(
    imap_server: ImapServer, settings: config.Imap, peer: ImapPeer
) -> Iterator[imap.Mailbox]:
    with imap.open_mailbox(settings, imap_server.password, timeout=10) as mailbox:
        yield mailbox


def deliver(peer: ImapPeer, settings: config.Imap, count: int) -> list[int]:
    return peer.append([sample_message(n) for n in range(count)], settings.folder)


# --------------------------------------------------------------------------- finding, fetching


@pytest.mark.servers
def test_select_reports_uidvalidity_and_creates_the_done_folder(
    imap_server: ImapServer, settings: config.Imap, peer: ImapPeer
) -> None:
    with imap.open_mailbox(settings, imap_server.password) as mailbox:
        assert mailbox.uidvalidity == peer.client.select_folder(settings.folder)[b"UIDVALIDITY"]
        assert mailbox.done_mode == "move"  # both servers have MOVE
    assert peer.client.folder_exists(settings.done_folder)


@pytest.mark.servers
def test_fetch_new_hands_over_the_exact_bytes_and_the_internaldate(
    mailbox: imap.Mailbox, peer: ImapPeer, settings: config.Imap
) -> None:
    arrived = dt.datetime(2022, 9, 4, 23, 59, 59, tzinfo=ZoneInfo("Europe/Stockholm"))
    raw = sample_message(1)
    [uid] = peer.append([raw], settings.folder, internal_date=arrived)

    # No NOOP in between: pymap announces the new message only after the first SEARCH.
    [fetched] = mailbox.fetch_new(after_uid=0)

    assert fetched.uid == uid
    assert fetched.raw == raw
    assert fetched.size == len(raw)
    assert fetched.received_at == arrived
    assert fetched.received_at.utcoffset() == dt.timedelta(0)


@pytest.mark.servers
def test_fetch_new_skips_the_highest_uid_that_a_star_range_always_matches(
    mailbox: imap.Mailbox, peer: ImapPeer, settings: config.Imap
) -> None:
    uids = deliver(peer, settings, 3)

    assert mailbox.new_uids(after_uid=uids[-1]) == []
    assert [m.uid for m in mailbox.fetch_new(after_uid=uids[-1] + 100)] == []
    assert [m.uid for m in mailbox.fetch_new(after_uid=uids[0])] == uids[1:]


@pytest.mark.servers
def test_fetch_new_in_small_batches_returns_every_message_in_uid_order(
    mailbox: imap.Mailbox, peer: ImapPeer, settings: config.Imap
) -> None:
    uids = deliver(peer, settings, 10)

    fetched = list(mailbox.fetch_new(after_uid=0, batch=3))

    assert [m.uid for m in fetched] == uids
    assert all(m.raw.startswith(b"From: Sender ") for m in fetched)


@pytest.mark.servers
def test_fetching_does_not_mark_messages_seen(
    mailbox: imap.Mailbox, peer: ImapPeer, settings: config.Imap
) -> None:
    uids = deliver(peer, settings, 2)
    list(mailbox.fetch_new(after_uid=0))

    flags = peer.flags(settings.folder, uids)

    assert all(b"\\Seen" not in f for f in flags.values())


@pytest.mark.servers
def test_a_message_over_max_bytes_comes_with_its_header_only(
    mailbox: imap.Mailbox, peer: ImapPeer, settings: config.Imap
) -> None:
    small, large = sample_message(1), sample_message(2, size=20_000)
    uids = peer.append([small, large], settings.folder)

    fetched = list(mailbox.fetch_new(after_uid=0, max_bytes=10_000))

    assert [m.uid for m in fetched] == uids
    assert fetched[0].raw == small
    header = large.split(b"\r\n\r\n")[0] + b"\r\n\r\n"
    assert fetched[1].size == len(large)
    assert fetched[1].raw == header
    assert mailbox.sizes(uids) == {uids[0]: len(small), uids[1]: len(large)}
    assert mailbox.fetch_headers([uids[1]]) == {uids[1]: fetched[1].raw}


# --------------------------------------------------------------------------- marking done


@pytest.mark.servers
def test_mark_done_moves_the_messages_to_the_done_folder(
    mailbox: imap.Mailbox, peer: ImapPeer, settings: config.Imap
) -> None:
    uids = deliver(peer, settings, 5)
    assert mailbox.new_uids(after_uid=0) == uids  # pymap acts only on messages it announced

    mailbox.mark_done(uids[:4], batch=2)

    assert peer.uids(settings.folder) == uids[4:]
    assert len(peer.uids(settings.done_folder)) == 4
    assert [m.uid for m in mailbox.fetch_new(after_uid=0)] == uids[4:]


@pytest.mark.servers
def test_the_copy_fallback_expunges_only_the_messages_it_moved(
    imap_server: ImapServer, settings: config.Imap, peer: ImapPeer
) -> None:
    uids = deliver(peer, settings, 3)
    peer.client.select_folder(settings.folder)
    peer.client.add_flags([uids[2]], [b"\\Deleted"])  # another client's, not yet expunged

    with imap.open_mailbox(settings, imap_server.password, done_mode="copy") as mailbox:
        assert mailbox.done_mode == "copy"
        mailbox.mark_done(uids[:2])
        assert mailbox.new_uids(after_uid=0) == []  # the \Deleted one is not handed over

    assert peer.uids(settings.folder) == [uids[2]]  # UID EXPUNGE, not EXPUNGE
    assert len(peer.uids(settings.done_folder)) == 2


@pytest.mark.servers
def test_the_keyword_fallback_flags_messages_and_fetch_new_skips_them(
    imap_server: ImapServer, settings: config.Imap, peer: ImapPeer
) -> None:
    uids = deliver(peer, settings, 3)
    if isinstance(imap_server, Pymap):  # pymap drops keywords: flagging would be forgotten
        with pytest.raises(imap.ImapError, match="PERMANENTFLAGS"):
            imap.open_mailbox(settings, imap_server.password, done_mode="flag")
        return

    with imap.open_mailbox(settings, imap_server.password, done_mode="flag") as mailbox:
        mailbox.mark_done(uids[:2])
        assert [m.uid for m in mailbox.fetch_new(after_uid=0)] == [uids[2]]

    flags = peer.flags(settings.folder, uids)
    assert imap.DONE_KEYWORD.encode() in flags[uids[0]]
    assert imap.DONE_KEYWORD.encode() not in flags[uids[2]]


# --------------------------------------------------------------------------- waiting


@pytest.mark.servers
def test_idle_wakes_within_a_second_of_an_append_from_another_connection(
    mailbox: imap.Mailbox, peer: ImapPeer, settings: config.Imap
) -> None:
    appended: list[float] = []

    def deliver_later() -> None:
        peer.append([sample_message(1)], settings.folder)
        appended.append(time.monotonic())

    timer = threading.Timer(0.3, deliver_later)
    timer.start()
    woke = mailbox.wait(timeout_s=10)
    woke_at = time.monotonic()
    timer.join()

    assert woke
    assert woke_at - appended[0] < 1.0  # Dovecot itself takes ~0.5 s (NOTES)
    assert len(mailbox.new_uids(after_uid=0)) == 1


@pytest.mark.servers
def test_wait_times_out_when_nothing_arrives_even_after_a_fetch_and_a_move(
    mailbox: imap.Mailbox, peer: ImapPeer, settings: config.Imap
) -> None:
    uids = deliver(peer, settings, 2)
    list(mailbox.fetch_new(after_uid=0))
    mailbox.mark_done(uids)

    started = time.monotonic()
    assert mailbox.wait(timeout_s=1.5) is False
    assert 1.4 < time.monotonic() - started < 3.0


@pytest.mark.servers
def test_a_stop_event_ends_the_wait_within_a_second(mailbox: imap.Mailbox) -> None:
    stop = threading.Event()
    threading.Timer(0.2, stop.set).start()

    started = time.monotonic()
    assert mailbox.wait(timeout_s=30, stop=stop) is False
    assert time.monotonic() - started < 1.5
    mailbox.noop()  # the session is still usable


@pytest.mark.servers
def test_without_idle_wait_polls_every_poll_seconds(
    imap_server: ImapServer, settings: config.Imap, peer: ImapPeer
) -> None:
    polling = dataclasses.replace(settings, idle=False, poll_seconds=1)
    with imap.open_mailbox(polling, imap_server.password) as mailbox:
        started = time.monotonic()
        assert mailbox.wait(timeout_s=0.3) is False  # shorter than a poll interval
        assert mailbox.wait(timeout_s=60) is True  # a poll interval passed: time to search
        assert 1.2 < time.monotonic() - started < 2.5


# --------------------------------------------------------------------------- failures


@pytest.mark.servers
def test_a_restarted_server_raises_connection_lost_and_reconnect_resumes(
    own_imap_server: ImapServer,
) -> None:
    server = own_imap_server
    settings = server.settings()
    with ImapPeer.to(server) as peer:
        uids = peer.append([sample_message(1)])
    idle = imap.open_mailbox(settings, server.password, timeout=5)
    busy = imap.open_mailbox(settings, server.password, timeout=5)
    validity = idle.uidvalidity

    restart = threading.Timer(0.3, server.restart)
    restart.start()
    with pytest.raises(imap.ConnectionLost):
        idle.wait(timeout_s=10)  # the server goes away while we IDLE
    restart.join()  # (the BYE comes before every server process has stopped)
    with pytest.raises(imap.ConnectionLost):
        busy.new_uids(after_uid=0)  # ... or between commands
    idle.logout()
    busy.logout()

    delays: list[float] = []
    again = reconnecting.reconnect(
        lambda: imap.open_mailbox(settings, server.password), sleep=delays.append
    )
    with again:
        if server.keeps_data_on_restart:
            assert again.uidvalidity == validity
            assert again.new_uids(after_uid=0) == uids
        else:  # pymap keeps mail in memory: a new mailbox, so a new UIDVALIDITY
            assert again.new_uids(after_uid=0) == []


@pytest.mark.servers
def test_reconnect_backs_off_until_a_stopped_server_is_back(
    own_imap_server: ImapServer,
) -> None:
    server = own_imap_server
    server.stop()
    delays: list[float] = []

    def sleep(seconds: float) -> None:
        delays.append(seconds)
        if len(delays) == 3:
            server.start()

    mailbox = reconnecting.reconnect(
        lambda: imap.open_mailbox(server.settings(), server.password, timeout=5),
        sleep=sleep,
        delays=reconnecting.backoff_delays(base_s=0.01, rng=lambda: 1.0),
    )
    mailbox.logout()
    assert delays == [0.01, 0.02, 0.04]


@pytest.mark.servers
def test_a_wrong_password_raises_authentication_failed_and_is_not_retried(
    imap_server: ImapServer,
) -> None:
    attempts: list[float] = []
    with pytest.raises(imap.AuthenticationFailed):
        reconnecting.reconnect(
            lambda: imap.connect(imap_server.settings(), "wrong password"), sleep=attempts.append
        )
    assert attempts == []


@pytest.mark.servers
def test_starttls_is_required_when_configured_never_skipped(imap_server: ImapServer) -> None:
    settings = dataclasses.replace(imap_server.settings(), tls="starttls")  # server has no TLS

    with pytest.raises(imap.ImapError, match="does not offer STARTTLS") as caught:
        imap.connect(settings, imap_server.password)
    assert not isinstance(caught.value, imap.ConnectionLost)


@pytest.mark.servers
@pytest.mark.parametrize("kind", ["dovecot", "pymap"])
def test_tls_modes_log_in_with_a_verified_certificate(kind: str, test_cert: CertFiles) -> None:
    server = Dovecot(cert=test_cert) if kind == "dovecot" else Pymap(cert=test_cert)
    modes: list[config.TlsMode] = ["starttls", "implicit"] if kind == "dovecot" else ["starttls"]
    with server:
        for tls in modes:
            settings = server.settings(tls=tls)
            context = test_cert.client_context()
            with imap.open_mailbox(settings, server.password, ssl_context=context) as mailbox:
                assert mailbox.new_uids(after_uid=0) == []
                assert mailbox.wait(timeout_s=0.2) is False  # IDLE over TLS: no false news
            with pytest.raises(imap.ImapError, match="certificate") as caught:
                imap.connect(settings, server.password)  # default context: not trusted
            assert not isinstance(caught.value, imap.ConnectionLost)


# --------------------------------------------------------------------------- pure parts


def test_plaintext_to_a_remote_host_is_refused_before_connecting() -> None:
    settings = config.Imap(host="imap.example.org", port=143, tls="none", username="bot")
    with pytest.raises(imap.ImapError, match="without TLS"):
        imap.connect(settings, "secret")


def test_uid_sets_are_written_as_ranges() -> None:
    assert imap._uid_set([1, 2, 3, 7, 9, 10]) == ["1:3", "7", "9:10"]
    assert imap._uid_set([5]) == ["5"]
    assert imap._uid_set([]) == []


def test_only_exists_counts_as_new_mail() -> None:
    assert imap._has_news([(b"OK", b"Still here"), (3, b"EXISTS")])
    assert not imap._has_news([(0, b"RECENT"), (5, b"RECENT"), (2, b"EXPUNGE")])


def test_a_login_refusal_is_final_but_a_temporary_one_is_a_lost_connection() -> None:
    refused = imap_errors.login_failure("login", Exception("[AUTHENTICATIONFAILED] Auth failed."))
    temporary = imap_errors.login_failure("login", Exception("[UNAVAILABLE] Temporary failure"))
    assert type(refused) is imap.AuthenticationFailed
    assert type(temporary) is imap.ConnectionLost


def test_backoff_doubles_up_to_the_cap_with_jitter_in_the_upper_half() -> None:
    top = itertools.islice(reconnecting.backoff_delays(base_s=1, cap_s=30, rng=lambda: 1.0), 7)
    bottom = itertools.islice(reconnecting.backoff_delays(base_s=1, cap_s=30, rng=lambda: 0.0), 7)
    assert list(top) == [1, 2, 4, 8, 16, 30, 30]
    assert list(bottom) == [0.5, 1, 2, 4, 8, 15, 15]


def test_reconnect_raises_the_last_error_when_sleep_reports_a_stop() -> None:
    def never() -> imap.Mailbox:
        raise imap.ConnectionLost("down")

    stop = threading.Event()
    stop.set()
    with pytest.raises(imap.ConnectionLost, match="down"):
        reconnecting.reconnect(never, sleep=stop.wait)
