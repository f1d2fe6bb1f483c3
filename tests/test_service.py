"""`mailbot run` against real servers on loopback: pymap and Dovecot for IMAP, aiosmtpd for SMTP.

The service runs in-process (a thread with its own event loop) where a test needs to script the
clock or the SMTP answers, and as a real `mailbot run` process where signals and restarts are the
point. Each test uses folders of its own on the session's servers, or a server of its own when it
restarts it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email
import email.policy
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mailbot import config, pipeline
from mailbot.config import Config
from mailbot.decide import Inbound, decide
from mailbot.model import Decision
from mailbot.passwords import Secrets
from mailbot.service import Service
from mailbot.state import State
from mailbot.store import Store
from mailbot.store.outbox import OutboxRow
from mailbot.timing import Timing

from servers import Dovecot, ImapPeer, ImapServer, SmtpSink
from support import (
    ORGANISER,
    SMALL_CONFIG,
    BotProcess,
    at,
    make_config,
    present,
    raw_mail,
    registration,
    wait_until,
    with_servers,
)

ON_TIME = at("2022-09-01 10:00")
LATE = at("2022-09-05 08:00")
FAST = Timing(
    outbox_poll_s=0.2,
    retry_s=0.5,
    reconnect_base_s=0.1,
    reconnect_cap_s=1.0,
    first_catch_up_s=5.0,
)


# --------------------------------------------------------------------------- helpers


class Clock:
    """The service's clock: real time shifted to the event's days, and movable by the test."""

    def __init__(self, start: dt.datetime) -> None:
        self.offset = start - dt.datetime.now(dt.UTC)

    def __call__(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC) + self.offset

    def advance(self, delta: dt.timedelta) -> None:
        self.offset += delta


class Running:
    """The service in a thread with its own event loop, stopped (and checked) at exit."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self.code: int | None = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._main, daemon=True)

    def _main(self) -> None:
        try:
            self.code = asyncio.run(self.service.run(handle_signals=False))
        except BaseException as e:
            self.error = e

    def __enter__(self) -> Running:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.service.stop()
        self._thread.join(15)
        assert not self._thread.is_alive(), "the service did not stop within 15 s"
        if self.error is not None:
            raise self.error
        assert self.code == 0


@pytest.fixture
def settings(imap_server: ImapServer) -> config.Imap:
    """Folders of this test's own on the session server."""
    tag = uuid.uuid4().hex[:8]
    return imap_server.settings(folder=f"in-{tag}", done_folder=f"done-{tag}")


@pytest.fixture
def event(tmp_path: Path, settings: config.Imap, smtp_sink: SmtpSink) -> Config:
    return served(tmp_path, settings, smtp_sink)


def served(tmp_path: Path, settings: config.Imap, sink: SmtpSink) -> Config:
    """The small event with these servers, its database created: the test's own reading
    connections must not race the service's first one (SQLite's switch to WAL does not wait)."""
    cfg = make_config(tmp_path, with_servers(SMALL_CONFIG, settings, sink.settings()))
    Store(cfg.bot.database).close()
    return cfg


@pytest.fixture
def peer(imap_server: ImapServer, settings: config.Imap) -> Iterator[ImapPeer]:
    with ImapPeer.to(imap_server) as peer:
        peer.ensure_folder(settings.folder)
        yield peer


def running(cfg: Config, server: ImapServer, clock: Clock | None = None) -> Running:
    clock = clock or Clock(ON_TIME + dt.timedelta(hours=1))
    return Running(Service(cfg, Secrets(server.password), clock=clock, timing=FAST))


def journal(cfg: Config) -> list[dict[str, Any]]:
    with Store(cfg.bot.database) as store:
        return store.journal()


def decided(cfg: Config) -> int:
    return sum(1 for e in journal(cfg) if e["state"] != "received")


def queued(cfg: Config) -> int:
    with Store(cfg.bot.database) as store:
        return store.outbox.counts().get("queued", 0)


def parsed(data: bytes) -> email.message.EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, email.message.EmailMessage)
    return message


def one_person(n: int, sender: str | None = None) -> bytes:
    """A registration of one new person (Huddinge has 4 seats: the rest are waitlisted), each
    from a sender of its own (one sender gets at most 10 replies an hour, §10)."""
    sender = sender or f"sender{n}@huddinge.se"
    return registration(sender, [(f"Person {n}", f"person{n}@huddinge.se")], f"<p{n}@test>")


# --------------------------------------------------------------------------- end to end


@pytest.mark.servers
def test_run_handles_a_mailbox_moves_each_message_and_sends_threaded_replies(
    imap_server: ImapServer,
    settings: config.Imap,
    peer: ImapPeer,
    event: Config,
    smtp_sink: SmtpSink,
) -> None:
    on_time = registration(
        "karin.lind@huddinge.se",
        [("Åsa Öberg", "asa.oberg@huddinge.se"), ("Per Ström", "per.strom@huddinge.se")],
        "<e2e-1@huddinge.se>",
    )
    outsider = raw_mail(
        "kalle@gmail.example", "Namn: Kalle\nE-post: kalle@gmail.example\n", message_id="<e2e-2@x>"
    )
    # Its Date header says 1 September; the server received it after the deadline (§7).
    late = registration("mona.ek@botkyrka.se", [("Mona Ek", "mona.ek@botkyrka.se")], "<e2e-3@b>")
    uids = peer.append([on_time, outsider], settings.folder, internal_date=ON_TIME)
    uids += peer.append([late], settings.folder, internal_date=LATE)

    with running(event, imap_server):
        wait_until(lambda: decided(event) == 3 and queued(event) == 0, what="handling")
        wait_until(lambda: peer.uids(settings.folder) == [], what="the moves")

    assert len(peer.uids(settings.done_folder)) == 3
    entries = {e["message_id"]: e for e in journal(event)}
    assert [o["outcome"] for o in entries["<e2e-1@huddinge.se>"]["outcomes"]] == [
        "confirmed",
        "confirmed",
    ]
    assert entries["<e2e-1@huddinge.se>"]["received_at"] == ON_TIME
    assert [o["outcome"] for o in entries["<e2e-2@x>"]["outcomes"]] == ["rejected-not-invited"]
    assert [o["outcome"] for o in entries["<e2e-3@b>"]["outcomes"]] == ["rejected-closed"]

    sent = {parsed(r.data)["Message-ID"]: (r, parsed(r.data)) for r in smtp_sink.received}
    replies = [(e, reply) for e in entries.values() for reply in e["replies"]]
    # two confirmations (the coordinator in Cc), her summary of the two (§9), two rejections
    assert len(sent) == len(replies) == len(smtp_sink.received) == 5
    for entry, reply in replies:
        envelope, mail = sent[reply["message_id"]]
        assert mail["In-Reply-To"] == entry["message_id"]
        assert entry["message_id"] in mail["References"]
        assert mail["Auto-Submitted"] == "auto-replied"
        assert mail["X-Auto-Response-Suppress"] == "All"
        assert set(envelope.rcpt_tos) == {*reply["to"], *reply["cc"]}
        assert reply["status"] == "sent"
    asa = next(mail for _, mail in sent.values() if "asa.oberg" in str(mail["To"]))
    assert str(asa["Cc"]) == "karin.lind@huddinge.se"

    with Store(event.bot.database) as store:
        health = store.mailbox.health()
        position = store.mailbox.mailbox_position(settings.folder)
    assert health["outbox_backlog"] == "0" and health["last_poll"]
    assert position is not None and position[1] == max(uids)


@pytest.mark.servers
def test_run_once_catches_up_sends_and_exits_for_cron(
    imap_server: ImapServer,
    settings: config.Imap,
    peer: ImapPeer,
    event: Config,
    smtp_sink: SmtpSink,
) -> None:
    peer.append([one_person(1), one_person(2)], settings.folder, internal_date=ON_TIME)
    bot = BotProcess(
        event.path,
        "--once",
        "--now",
        "2022-09-01T12:00",
        password=imap_server.password,
        log=event.path.parent / "run.log",
    )
    assert bot.wait(60) == 0, bot.tail()
    assert peer.uids(settings.folder) == []
    assert decided(event) == 2 and queued(event) == 0
    assert len(smtp_sink.received) == 2
    assert "Traceback" not in bot.tail()


@pytest.mark.servers
def test_a_message_left_undecided_by_a_crash_is_decided_at_start_and_moved(
    imap_server: ImapServer,
    settings: config.Imap,
    peer: ImapPeer,
    event: Config,
    smtp_sink: SmtpSink,
) -> None:
    raw = one_person(7)
    [uid] = peer.append([raw], settings.folder, internal_date=ON_TIME)
    with ImapPeer.to(imap_server) as look:
        validity = look.client.select_folder(settings.folder)[b"UIDVALIDITY"]
    with Store(event.bot.database) as store:  # what a kill right after `save_raw` leaves
        store.messages.save_raw(
            "<p7@test>",
            raw,
            ON_TIME,
            size=len(raw),
            message_id="<p7@test>",
            source=(settings.folder, validity, uid),
        )
    with running(event, imap_server):
        wait_until(lambda: decided(event) == 1 and queued(event) == 0, what="handling")
        wait_until(lambda: peer.uids(settings.folder) == [], what="the move")
    assert len(journal(event)) == 1
    assert len(smtp_sink.received) == 1


# --------------------------------------------------------------------------- IDLE


@pytest.mark.servers
def test_a_message_appended_while_the_bot_idles_is_answered_within_a_second(
    imap_server: ImapServer,
    settings: config.Imap,
    peer: ImapPeer,
    event: Config,
    smtp_sink: SmtpSink,
) -> None:
    latencies: list[float] = []
    with running(event, imap_server):
        wait_until(lambda: _health(event).get("last_poll"), what="the first catch-up")
        for n in range(12):
            time.sleep(random.uniform(0.2, 0.4))  # the bot is back in IDLE
            before = len(smtp_sink.received)
            appended = time.monotonic()
            peer.append([one_person(n)], settings.folder, internal_date=ON_TIME)
            wait_until(lambda b=before: len(smtp_sink.received) > b, 5, "the reply", 0.002)
            latencies.append(time.monotonic() - appended)

    p50, worst = statistics.median(latencies), max(latencies)
    print(
        f"\nIDLE {imap_server.name}: append → reply accepted by SMTP, p50 {p50:.3f} s, "
        f"max {worst:.3f} s over {len(latencies)}"
    )
    # Dovecot itself waits ~0.5 s before it tells an IDLE client (NOTES); pymap does not.
    assert worst < (1.5 if imap_server.name == "dovecot" else 1.0)


def _health(cfg: Config) -> dict[str, str]:
    with Store(cfg.bot.database) as store:
        return store.mailbox.health()


# --------------------------------------------------------------------------- the IMAP server goes


@pytest.mark.servers
def test_a_restarted_dovecot_is_reconnected_and_nothing_is_skipped_or_handled_twice(
    tmp_path: Path, smtp_sink: SmtpSink
) -> None:
    with Dovecot() as server:  # Dovecot keeps its mail across a restart; pymap does not
        settings = server.settings()
        cfg = served(tmp_path, settings, smtp_sink)
        raws = [one_person(n) for n in range(45)]
        with ImapPeer.to(server) as peer:
            peer.append(raws[:20], internal_date=ON_TIME)
        with running(cfg, server):
            wait_until(lambda: decided(cfg) >= 3, what="the first messages")
            server.restart()  # in the middle of the first wave
            with ImapPeer.to(server) as peer:
                peer.append(raws[20:40], internal_date=ON_TIME)
            wait_until(lambda: decided(cfg) == 40, 30, "the second wave")
            server.restart()  # while the bot idles
            with ImapPeer.to(server) as peer:
                peer.append(raws[40:], internal_date=ON_TIME)
            wait_until(lambda: decided(cfg) == 45 and queued(cfg) == 0, 30, "the third wave")
        with ImapPeer.to(server) as peer:
            assert peer.uids("INBOX") == []
            assert len(peer.uids("Processed")) == 45
        health = _health(cfg)

    entries = journal(cfg)
    assert len(entries) == 45 and all(e["state"] == "handled" for e in entries)
    answered = [parsed(r.data)["In-Reply-To"] for r in smtp_sink.received]
    assert sorted(answered) == sorted(e["message_id"] for e in entries)  # one reply each
    assert "IMAP" in health["last_error"] and int(health["failures"]) >= 2


# --------------------------------------------------------------------------- SMTP answers


@pytest.mark.servers
def test_a_451_is_retried_with_backoff_and_the_reply_is_delivered_once(
    imap_server: ImapServer,
    settings: config.Imap,
    peer: ImapPeer,
    event: Config,
    smtp_sink: SmtpSink,
) -> None:
    smtp_sink.fail_next_data(1)
    clock = Clock(ON_TIME + dt.timedelta(hours=1))
    peer.append([one_person(1)], settings.folder, internal_date=ON_TIME)
    with running(event, imap_server, clock):
        wait_until(lambda: _outbox(event, "queued") and _outbox(event, "queued")[0].attempts == 1)
        time.sleep(0.5)  # two outbox polls: the retry is not due before its backoff
        assert smtp_sink.received == []
        clock.advance(dt.timedelta(minutes=3))  # past the first backoff (~1 min)
        wait_until(lambda: len(_outbox(event, "sent")) == 1, what="the retry")
        time.sleep(0.5)
    [row] = _outbox(event, "sent")
    assert row.attempts == 2
    assert [parsed(r.data)["Message-ID"] for r in smtp_sink.received] == [row.message_id]


@pytest.mark.servers
def test_a_550_is_recorded_failed_and_the_organiser_is_told_once(
    imap_server: ImapServer,
    settings: config.Imap,
    peer: ImapPeer,
    event: Config,
    smtp_sink: SmtpSink,
) -> None:
    own = registration("karin.lind@huddinge.se", [("Karin", "karin.lind@huddinge.se")], "<own@h>")
    smtp_sink.refuse_recipient("karin.lind@huddinge.se")
    peer.append([own], settings.folder, internal_date=ON_TIME)
    with running(event, imap_server):
        wait_until(lambda: decided(event) == 1 and queued(event) == 0 and _outbox(event, "sent"))

    [failed] = _outbox(event, "failed")
    assert failed.kind == "confirmed"
    [notice] = smtp_sink.received
    mail = parsed(notice.data)
    assert notice.rcpt_tos == (ORGANISER,)
    assert mail["Auto-Submitted"] == "auto-generated"
    assert "karin.lind@huddinge.se" in present(mail.get_body()).get_content()
    [entry] = journal(event)
    assert [(r["kind"], r["status"]) for r in entry["replies"]] == [
        ("confirmed", "failed"),
        ("delivery-failed", "sent"),
    ]


@pytest.mark.servers
def test_a_failed_notice_to_the_organiser_tells_no_one_no_loop(
    imap_server: ImapServer,
    settings: config.Imap,
    peer: ImapPeer,
    event: Config,
    smtp_sink: SmtpSink,
) -> None:
    own = registration("karin.lind@huddinge.se", [("Karin", "karin.lind@huddinge.se")], "<own@h>")
    smtp_sink.refuse_recipient("karin.lind@huddinge.se")
    smtp_sink.refuse_recipient(ORGANISER)
    peer.append([own], settings.folder, internal_date=ON_TIME)
    with running(event, imap_server):
        wait_until(lambda: len(_outbox(event, "failed")) == 2)
        time.sleep(0.5)
    assert sorted(r.kind for r in _outbox(event, "failed")) == ["confirmed", "delivery-failed"]
    assert _outbox(event, "queued") == [] and smtp_sink.received == []


def _outbox(cfg: Config, status: str) -> list[OutboxRow]:
    with Store(cfg.bot.database) as store:
        return store.outbox.rows(status)


# --------------------------------------------------------------------------- the process


@pytest.mark.servers
def test_sigterm_finishes_the_message_in_hand_and_exits_0_within_10_s(
    imap_server: ImapServer,
    settings: config.Imap,
    peer: ImapPeer,
    event: Config,
    smtp_sink: SmtpSink,
) -> None:
    log = event.path.parent / "run.log"
    bot = BotProcess(
        event.path, "--now", "2022-09-01T12:00", password=imap_server.password, log=log
    )
    wait_until(lambda: bot.caught_up(event.bot.database), 30, "the first catch-up")
    time.sleep(0.3)
    code, idle_exit = bot.stop()
    assert code == 0, bot.tail()

    # Again, now with mail flowing: SIGTERM lands in the middle of a batch.
    peer.append([one_person(n) for n in range(60)], settings.folder, internal_date=ON_TIME)
    bot = BotProcess(
        event.path, "--now", "2022-09-01T12:00", password=imap_server.password, log=log
    )
    wait_until(lambda: decided(event) >= 1, 30, "the first message")
    code, busy_exit = bot.stop()
    assert code == 0, bot.tail()
    print(
        f"\nSIGTERM {imap_server.name}: exit after {idle_exit:.2f} s idle, "
        f"{busy_exit:.2f} s busy ({decided(event)} of 60 handled by then)"
    )
    assert idle_exit < 10 and busy_exit < 10

    once = BotProcess(
        event.path, "--once", "--now", "2022-09-01T12:00", password=imap_server.password, log=log
    )
    assert once.wait() == 0, once.tail()
    entries = journal(event)
    assert len(entries) == 60 and all(e["state"] == "handled" for e in entries)
    assert peer.uids(settings.folder) == []
    mids = [parsed(r.data)["Message-ID"] for r in smtp_sink.received]
    assert len(mids) == len(set(mids)) == 60
    assert "Traceback" not in log.read_text()


def test_run_without_the_password_variable_exits_non_zero_naming_it(tmp_path: Path) -> None:
    imap = config.Imap(host="127.0.0.1", port=1, tls="none", username="bot")
    smtp = config.Smtp(host="127.0.0.1", port=1, tls="none")
    cfg = make_config(tmp_path, with_servers(SMALL_CONFIG, imap, smtp))
    result = _mailbot("run", "--config", str(cfg.path))
    assert result.returncode == 3
    assert "MAILBOT_IMAP_PASSWORD is not set" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.servers
def test_a_refused_imap_login_at_start_exits_non_zero_without_a_traceback(
    imap_server: ImapServer, event: Config
) -> None:
    result = _mailbot("run", "--config", str(event.path), password="wrong")
    assert result.returncode == 3, result.stderr
    assert "mailbot: IMAP:" in result.stderr
    assert "Traceback" not in result.stderr and "wrong" not in result.stderr


def _mailbot(*args: str, password: str | None = None) -> subprocess.CompletedProcess[str]:
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILBOT_")}
    if password is not None:
        env["MAILBOT_IMAP_PASSWORD"] = password
    exe = Path(sys.executable).with_name("mailbot")
    return subprocess.run(
        [str(exe), *args], capture_output=True, text=True, env=env, timeout=60, check=False
    )


# --------------------------------------------------------------------------- scheduled work


P7D = at("2022-09-07 13:00")
P1D = at("2022-09-13 13:00")


@pytest.mark.servers
@pytest.mark.parametrize("kill", ["just after it was sent", "down across the instant"])
def test_a_restarted_run_sends_the_reminder_exactly_once(
    kill: str, pymap_server: ImapServer, tmp_path: Path, smtp_sink: SmtpSink
) -> None:
    tag = uuid.uuid4().hex[:8]
    settings = pymap_server.settings(folder=f"in-{tag}", done_folder=f"done-{tag}")
    cfg = served(tmp_path, settings, smtp_sink)
    with ImapPeer.to(pymap_server) as peer:
        peer.ensure_folder(settings.folder)
    mail = tmp_path / "registration.eml"
    mail.write_bytes(registration("karin.lind@huddinge.se", [("Åsa", "asa@huddinge.se")], "<r@h>"))
    out = tmp_path / "written"
    for command in (
        ["process", str(mail), "--now", "2022-09-01T10:00"],
        ["tick", "--now", "2022-09-07T13:00:01"],  # the report and the P7D reminder: written
    ):
        result = _mailbot(*command, "--config", str(cfg.path), "--outbox", str(out))
        assert result.returncode == 0, result.stderr
    log = tmp_path / "run.log"

    def run_at(offset_s: float) -> BotProcess:
        when = (P1D + dt.timedelta(seconds=offset_s)).isoformat()
        return BotProcess(cfg.path, "--now", when, "-v", password=pymap_server.password, log=log)

    def looks_at_start() -> int:
        """The scheduler's looks at start so far (each run logs one, at DEBUG, when done)."""
        return log.read_text(errors="replace").count("look (sweep) at") if log.exists() else 0

    def reminders() -> list[str]:
        return [r.rcpt_tos[0] for r in smtp_sink.received if b"Auto-Submitted: auto-gen" in r.data]

    def reminder_recorded_sent() -> bool:
        with Store(cfg.bot.database) as store:
            return any(row.kind == "reminder" for row in store.outbox.rows("sent"))

    # The waits below are events (a mail at the sink, a row in the store, a line in the log),
    # each bounded only to catch a hang: at load 9 a start takes seconds, not the usual 0.5.
    if kill == "just after it was sent":
        bot = run_at(-3)  # its timer fires at the P1D instant (or the look at start, if later)
        wait_until(lambda: reminders(), 120, "the reminder")
        # A kill between the server's answer and the commit that records it re-sends the mail
        # at the next start, by design (§12: same Message-ID); "after it was sent" is after that
        # commit, which follows the answer by a few ms (not always before the poll sees the mail).
        wait_until(reminder_recorded_sent, 60, "the reminder recorded as sent")
        bot.kill()
    else:
        # Ten minutes before the instant: stopped long before it however slow the start is.
        bot = run_at(-600)
        wait_until(lambda: looks_at_start() == 1, 120, "the look at start, before the instant")
        assert bot.stop()[0] == 0
        assert reminders() == []
        bot = run_at(+60)  # the look at start catches up
        wait_until(lambda: reminders(), 120, "the reminder")
        assert bot.stop()[0] == 0
    looked = looks_at_start()
    bot = run_at(+120)
    wait_until(lambda: looks_at_start() > looked, 120, "the look at start of the restarted run")
    assert bot.stop(signal.SIGTERM)[0] == 0, bot.tail()
    assert reminders() == ["asa@huddinge.se"]
    with Store(cfg.bot.database) as store:  # and none queued to go at the next start
        queued = [
            r for s in ("queued", "sent") for r in store.outbox.rows(s) if r.kind == "reminder"
        ]
    assert len(queued) == 1


@pytest.mark.servers
def test_a_message_whose_handling_fails_stays_then_is_set_aside_without_blocking_the_rest(
    imap_server: ImapServer,
    settings: config.Imap,
    peer: ImapPeer,
    event: Config,
    smtp_sink: SmtpSink,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tries: list[float] = []

    def failing(inbound: Inbound, state: State, cfg: Config, now: dt.datetime) -> Decision:
        if inbound.email.message_id == "<p0@test>":  # a bug that only this message meets
            tries.append(time.monotonic())
            raise RuntimeError("boom")
        return decide(inbound, state, cfg, now)

    monkeypatch.setattr(pipeline, "decide", failing)
    peer.append([one_person(0), one_person(1)], settings.folder, internal_date=ON_TIME)
    with running(event, imap_server):
        # the failed one waits in the inbox (the other is moved just after its commit)
        wait_until(
            lambda: decided(event) == 1 and len(peer.uids(settings.folder)) == 1,
            what="the message behind it, moved",
        )
        wait_until(lambda: decided(event) == 2 and queued(event) == 0, 10, "the set-aside")
        wait_until(lambda: peer.uids(settings.folder) == [], what="its move")

    assert len(tries) == pipeline.MAX_ATTEMPTS
    entries = {e["message_id"]: e for e in journal(event)}
    assert entries["<p0@test>"]["state"] == "failed"
    assert [o["rule"] for o in entries["<p0@test>"]["outcomes"]] == ["set-aside"]
    kinds = sorted(r["kind"] for e in entries.values() for r in e["replies"])
    assert kinds == ["alert-failed", "confirmed"]
    assert ORGANISER in [r.rcpt_tos[0] for r in smtp_sink.received]


@pytest.mark.servers
def test_a_recipient_refused_while_the_cc_got_it_is_reported_to_the_organiser(
    imap_server: ImapServer,
    settings: config.Imap,
    peer: ImapPeer,
    event: Config,
    smtp_sink: SmtpSink,
) -> None:
    mail = registration("karin.lind@huddinge.se", [("Åsa", "asa@huddinge.se")], "<partly@h>")
    smtp_sink.refuse_recipient("asa@huddinge.se")
    peer.append([mail], settings.folder, internal_date=ON_TIME)
    with running(event, imap_server):
        wait_until(
            lambda: decided(event) == 1 and queued(event) == 0 and len(_outbox(event, "sent")) == 2
        )

    confirmation, notice = smtp_sink.received
    assert confirmation.rcpt_tos == ("karin.lind@huddinge.se",)  # the Cc got it
    assert notice.rcpt_tos == (ORGANISER,)
    text = present(parsed(notice.data).get_body()).get_content()
    assert "asa@huddinge.se" in text and "550" in text


def test_run_once_with_the_imap_server_unreachable_exits_5_for_cron_to_retry(
    tmp_path: Path,
) -> None:
    from servers import free_port

    imap = config.Imap(host="127.0.0.1", port=free_port(), tls="none", username="bot")
    smtp = config.Smtp(host="127.0.0.1", port=free_port(), tls="none")
    cfg = make_config(tmp_path, with_servers(SMALL_CONFIG, imap, smtp))
    started = time.monotonic()
    result = _mailbot("run", "--once", "--config", str(cfg.path), password="secret")
    assert result.returncode == 5, result.stderr
    assert "IMAP unreachable" in result.stderr and "Traceback" not in result.stderr
    assert time.monotonic() - started < 15
