"""Degraded states are visible (SPEC §12): `mailbot status` says whether the service runs, its
last contact with each server, the errors that are still current, and the outbox backlog; an
outage is logged once at WARNING when it starts and once at INFO when it ends.

The outages are real: the SMTP sink and a private Dovecot are stopped and started again under a
running service.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_storage_outage import fill, small_disk  # noqa: F401 (small_disk: a fixture)

from mailbot import cli, commands, lock
from mailbot.config import Config
from mailbot.health import Health
from mailbot.store import Store

from servers import Dovecot, ImapPeer, SmtpSink
from support import SMALL_CONFIG, make_config, wait_until
from test_service import ON_TIME, Clock, _outbox, one_person, running, served


def status_of(cfg: Config, capsys: pytest.CaptureFixture[str]) -> str:
    assert cli.main(["status", "--config", str(cfg.path)]) == 0
    return capsys.readouterr().out.split("Service:", 1)[1]


def warnings_and_infos(caplog: pytest.LogCaptureFixture, part: str) -> tuple[list[str], list[str]]:
    mine = [r for r in caplog.records if r.getMessage().startswith(f"{part}: ")]
    return (
        [r.getMessage() for r in mine if r.levelno == logging.WARNING],
        [r.getMessage() for r in mine if r.levelno == logging.INFO],
    )


@dataclass(frozen=True)
class Queued:
    """A rendered mail as the outbox queue takes it."""

    message_id: str
    to: tuple[str, ...]
    kind: str = "confirmed"
    mail_from: str = "bot@lansstyrelsen.se"
    cc: tuple[str, ...] = ()
    about: tuple[str, ...] = ()
    subject: str = "Bekräftelse"
    raw: bytes = b"Subject: x\r\n\r\nx\r\n"


# --------------------------------------------------------------------------- status, at rest


def test_status_of_a_service_that_never_ran_says_it_is_not_running(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = make_config(tmp_path, SMALL_CONFIG)
    shown = status_of(cfg, capsys)
    assert "NOT RUNNING (not started on this database" in shown
    assert "last IMAP contact: none yet" in shown and "last SMTP contact: none yet" in shown


def test_status_says_running_with_pid_and_since_while_the_lock_is_held_and_not_after(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = make_config(tmp_path, SMALL_CONFIG)
    with Store(cfg.bot.database) as store:
        Health().started(store)
    since = dt.datetime.now(dt.UTC).replace(microsecond=0)
    with lock.acquire(cfg.bot.database, now=since):
        shown = status_of(cfg, capsys)
        assert f"running since {since.isoformat()}" in shown.splitlines()[0]
        assert f"(pid {os.getpid()})" in shown.splitlines()[0]
    shown = status_of(cfg, capsys)
    assert shown.splitlines()[0].startswith(" NOT RUNNING (last started")


def test_an_error_is_current_until_its_part_works_again_then_it_is_last_resolved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = make_config(tmp_path, SMALL_CONFIG)
    health = Health()
    with Store(cfg.bot.database) as store, lock.acquire(cfg.bot.database):
        health.started(store)
        health.error(store, "SMTP", ConnectionRefusedError("Connection refused"))
        health.error(store, "SMTP", ConnectionRefusedError("Connection refused again"))
        shown = status_of(cfg, capsys)
        assert "current errors:\n    SMTP since" in shown and "refused again" in shown
        health.ok(store, "SMTP")
        shown = status_of(cfg, capsys)
        assert "current errors: none" in shown
        assert "last resolved: SMTP from" in shown and "refused again" in shown
        assert "last SMTP contact: none yet" not in shown


def test_a_new_start_does_not_show_the_errors_of_the_process_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = make_config(tmp_path, SMALL_CONFIG)
    with Store(cfg.bot.database) as store:
        Health().error(store, "IMAP", OSError("gone"))
        with lock.acquire(cfg.bot.database):
            assert "IMAP since" in status_of(cfg, capsys)
            Health().started(store)
            assert "current errors: none" in status_of(cfg, capsys)


def test_status_shows_the_outbox_backlog_and_when_the_oldest_waiting_mail_was_queued(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = make_config(tmp_path, SMALL_CONFIG)
    queued_at = dt.datetime(2022, 9, 1, 10, 0, tzinfo=dt.UTC)
    with Store(cfg.bot.database) as store, store.transaction():
        for n in range(3):
            mail = Queued(f"<r{n}@bot>", (f"p{n}@huddinge.se",))
            store.outbox.queue([mail], queued_at + dt.timedelta(minutes=n), source=None)
    shown = status_of(cfg, capsys)
    assert "outbox backlog: 3 waiting, the oldest queued 2022-09-01T10:00:00+00:00" in shown


# --------------------------------------------------------------------------- real outages


@pytest.mark.servers
def test_an_smtp_outage_logs_one_warning_and_one_info_and_status_follows_it(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG, logger="mailbot")
    with Dovecot() as server, SmtpSink() as sink:
        cfg = served(tmp_path, server.settings(), sink)
        clock = Clock(ON_TIME + dt.timedelta(hours=1))
        with running(cfg, server, clock):  # it holds the lock: status says running
            # Started (its SMTP check at start passed, the inbox caught up): then the outage.
            wait_until(lambda: "last IMAP contact: 2" in status_of(cfg, capsys), what="contact")
            sink.stop()
            with ImapPeer.to(server) as peer:
                peer.append([one_person(n) for n in range(3)], internal_date=ON_TIME)
            for tries in range(1, 4):  # three rounds of retries, each failing to connect
                wait_until(
                    lambda t=tries: (
                        _outbox(cfg, "queued")
                        and min(r.attempts for r in _outbox(cfg, "queued")) >= t
                    ),
                    what=f"try {tries} of every reply",
                )
                clock.advance(dt.timedelta(minutes=10))  # past the backoff
            shown = status_of(cfg, capsys)
            assert "current errors:\n" in shown and "SMTP since" in shown, shown
            assert "outbox backlog: 3 waiting" in shown
            sink.start()
            wait_until(lambda: len(sink.received) == 3, 30, "the replies after the outage")
            wait_until(lambda: "current errors: none" in status_of(cfg, capsys), 10)
            shown = status_of(cfg, capsys)
            assert "last resolved: SMTP from" in shown and "outbox backlog: 0 waiting" in shown
    warnings, infos = warnings_and_infos(caplog, "SMTP")
    assert len(warnings) == 1 and "trouble began" in warnings[0], warnings
    assert len(infos) == 1 and "working again" in infos[0], infos
    per_try = [r for r in caplog.records if "try" in r.getMessage() and r.name == "mailbot.outbox"]
    assert per_try and all(r.levelno == logging.DEBUG for r in per_try)


@pytest.mark.servers
def test_an_imap_outage_logs_one_warning_and_one_info_and_clears_the_current_error(
    tmp_path: Path,
    smtp_sink: SmtpSink,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG, logger="mailbot")
    with Dovecot() as server:
        cfg = served(tmp_path, server.settings(), smtp_sink)
        with running(cfg, server):  # it holds the lock: status says running
            wait_until(lambda: "last IMAP contact: 2" in status_of(cfg, capsys), what="contact")
            server.stop()
            wait_until(
                lambda: sum("IMAP unavailable" in r.getMessage() for r in caplog.records) >= 3,
                what="three reconnect attempts",
            )
            assert "IMAP since" in status_of(cfg, capsys)
            server.start()
            with ImapPeer.to(server) as peer:
                peer.append([one_person(1)], internal_date=ON_TIME)
            wait_until(lambda: len(smtp_sink.received) == 1, 30, "the reply after the outage")
            wait_until(lambda: "current errors: none" in status_of(cfg, capsys), 10)
            assert "last resolved: IMAP from" in status_of(cfg, capsys)
    warnings, infos = warnings_and_infos(caplog, "IMAP")
    assert len(warnings) == 1 and "trouble began" in warnings[0], warnings
    assert len(infos) == 1 and "working again" in infos[0], infos


def test_status_of_a_database_that_cannot_be_opened_says_whether_it_runs_and_exits_4(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = make_config(tmp_path, SMALL_CONFIG)
    cfg.bot.database.parent.mkdir(parents=True, exist_ok=True)
    cfg.bot.database.write_bytes(b"")  # 0 bytes: refused, never replaced
    assert cli.main(["status", "--config", str(cfg.path)]) == commands.EXIT_STORAGE
    shown = capsys.readouterr().out
    assert shown.startswith("Service: NOT RUNNING") and "0 bytes" in shown
    assert cfg.bot.database.stat().st_size == 0


def test_status_says_the_database_cannot_be_written_on_a_full_disk_and_not_after(
    tmp_path: Path,
    small_disk: Path,  # noqa: F811 (the fixture)
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = SMALL_CONFIG.replace(
        'database = "mailbot.sqlite3"', f'database = "{small_disk}/db.sqlite3"'
    )
    cfg = make_config(tmp_path, text)
    Store(cfg.bot.database).close()
    assert "CANNOT BE WRITTEN" not in status_of(cfg, capsys)
    filler = fill(small_disk)
    assert cli.main(["status", "--config", str(cfg.path)]) == commands.EXIT_STORAGE
    shown = capsys.readouterr().out
    assert "Service: NOT RUNNING" in shown
    assert "DATABASE CANNOT BE WRITTEN: " in shown and "the disk is full" in shown
    filler.unlink()
    assert "CANNOT BE WRITTEN" not in status_of(cfg, capsys)
