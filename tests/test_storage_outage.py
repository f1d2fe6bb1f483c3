"""A database that cannot be written (SPEC §12): no mail sent twice, none taken, nothing lost.

The full disk is real: the database lives on a tmpfs of a few megabytes mounted for the test
(`mount -t tmpfs -o size=…`, which needs root, as this machine and CI run the tests), filled
with a file until the kernel answers ENOSPC, so SQLite meets the error where it would in
production (appending to its WAL at a commit). Not an injected `SQLITE_FULL`. A read-only
database is a read-only remount of such a volume. A test that cannot mount fails; it never
skips.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_one_service import message_id

from mailbot import config, service
from mailbot.passwords import Secrets
from mailbot.service import Service
from mailbot.store import Store, StoreError, writable_problem

from servers import Dovecot, ImapPeer, SmtpSink
from support import SMALL_CONFIG, make_config, registration, wait_until, with_servers
from test_service import FAST, ON_TIME, Clock, Running

MAILBOT = str(Path(sys.executable).with_name("mailbot"))


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 16 MB tmpfs of the test's own, unmounted at the end."""
    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs", str(disk)], check=True
    )
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk: Path) -> Path:
    """Write a file until the filesystem is full; the file, to delete when space returns."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 512):
            with contextlib.suppress(OSError):
                while os.write(fd, b"\0" * size):
                    pass
    finally:
        os.close(fd)
    chunk = b"\0" * 65536
    try:
        with (disk / "probe").open("wb") as probe:
            probe.write(chunk)
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as e:
        assert e.errno == errno.ENOSPC
    else:
        raise AssertionError("the disk did not fill up")
    return filler


def on_disk(disk: Path, settings: config.Imap, sink: SmtpSink, home: Path) -> config.Config:
    text = SMALL_CONFIG.replace('database = "mailbot.sqlite3"', f'database = "{disk}/db.sqlite3"')
    cfg = make_config(home, with_servers(text, settings, sink.settings()))
    Store(cfg.bot.database).close()
    return cfg


def decided(cfg: config.Config) -> int:
    with Store(cfg.bot.database) as store:
        return sum(1 for e in store.journal() if e["state"] != "received")


def queued(cfg: config.Config) -> int:
    with Store(cfg.bot.database) as store:
        return store.outbox.counts().get("queued", 0)


def people(first: int, count: int) -> list[bytes]:
    """Registrations of one new person each, from senders of their own."""
    return [
        registration(f"s{n}@huddinge.se", [(f"Person {n}", f"p{n}@huddinge.se")], f"<full-{n}@t>")
        for n in range(first, first + count)
    ]


@pytest.mark.servers
def test_a_disk_full_while_replies_go_out_sends_nothing_twice_and_everything_once_after(
    tmp_path: Path, small_disk: Path, dovecot_server: Dovecot, caplog: pytest.LogCaptureFixture
) -> None:
    tag = uuid.uuid4().hex[:8]
    settings = dovecot_server.settings(folder=f"in-{tag}", done_folder=f"done-{tag}")
    caplog.set_level(logging.INFO, logger="mailbot")
    with ImapPeer.to(dovecot_server) as peer, SmtpSink() as sink:
        peer.ensure_folder(settings.folder)
        cfg = on_disk(small_disk, settings, sink, tmp_path)
        clock = Clock(ON_TIME + dt.timedelta(hours=1))
        service = Service(cfg, Secrets(dovecot_server.password), clock=clock, timing=FAST)
        with Running(service):
            peer.append(people(0, 3), settings.folder, internal_date=ON_TIME)
            wait_until(lambda: decided(cfg) == 3 and queued(cfg) == 0, 30, "the first replies")
            # The next reply is answered 2 s after its data: the disk fills up meanwhile, so
            # the server accepts a mail whose sending cannot be recorded.
            sink.stall_next_data(2.0)
            peer.append(people(3, 4), settings.folder, internal_date=ON_TIME)
            wait_until(lambda: decided(cfg) == 7, 30, "the second decisions")
            filler = fill(small_disk)
            time.sleep(4.0)  # in the old code: the accepted mail went out again every retry
            assert "disk is full" in (writable_problem(cfg.bot.database) or "")
            # New mail while the disk is full waits on the IMAP server.
            peer.append(people(7, 2), settings.folder, internal_date=ON_TIME)
            time.sleep(3.0)
            assert len(peer.uids(settings.folder)) == 2
            delivered = Counter(message_id(r.data) for r in sink.received)
            assert max(delivered.values()) == 1
            errors = [r for r in caplog.records if r.levelno == logging.ERROR]
            assert any("disk is full" in r.getMessage() for r in errors), caplog.text
            assert len([r for r in errors if "outbox:" in r.getMessage()]) <= 1, caplog.text
            assert len([r for r in errors if "inbox:" in r.getMessage()]) <= 1, caplog.text
            filler.unlink()  # space returns: everything goes out, once
            wait_until(lambda: decided(cfg) == 9 and queued(cfg) == 0, 60, "the catch-up")
            wait_until(lambda: peer.uids(settings.folder) == [], 30, "the moves")
        with Store(cfg.bot.database) as store:
            sent = {row.message_id for row in store.outbox.rows("sent")}
        delivered = Counter(message_id(r.data) for r in sink.received)
    assert set(delivered) == sent
    assert [mid for mid, n in delivered.items() if n > 1] == []
    assert "can be written again" in caplog.text
    # The stalled mail was accepted while the disk was full: recorded after, not sent again.
    assert "recorded the results of sends made before the outage" in caplog.text
    assert writable_problem(cfg.bot.database) is None


@pytest.mark.servers
def test_a_read_only_database_at_start_is_exit_4_with_the_reason(
    tmp_path: Path, small_disk: Path, dovecot_server: Dovecot
) -> None:
    with SmtpSink() as sink:
        cfg = on_disk(small_disk, dovecot_server.settings(), sink, tmp_path)
        subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
        assert "read-only" in (writable_problem(cfg.bot.database) or "")
        env = {k: v for k, v in os.environ.items() if not k.startswith("MAILBOT_")}
        env["MAILBOT_IMAP_PASSWORD"] = dovecot_server.password
        done = subprocess.run(
            [MAILBOT, "run", "--config", str(cfg.path)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert done.returncode == 4, done.stderr
    assert "Read-only file system" in done.stderr or "read-only" in done.stderr
    assert "Traceback" not in done.stderr


NOBODY = 65534


def _as_nobody(database: Path) -> str:
    """`service.check_storage` in a forked child that became `nobody` (as root nothing is
    read-only); what it raised, or "" when the database could be opened and written. Forked,
    not started: the loaded interpreter needs no file under /root, which nobody cannot read."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: no pytest, no exceptions out of here
        code = 0
        try:
            os.close(read)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            try:
                service.check_storage(database, release=True)
            except StoreError as e:
                os.write(write, str(e).encode())
        except BaseException as e:
            os.write(write, f"unexpected {type(e).__name__}: {e}".encode())
            code = 1
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        said = pipe.read().decode()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, said
    return said


def test_a_shm_file_another_user_left_read_only_is_named_at_start_and_mended_by_fixing_it(
    request: pytest.FixtureRequest,
) -> None:
    """The issue's stuck service: its database file fixed, a `-shm` another user created
    still kept every connection read-only. The start check names the `-shm`; once it is
    fixed, a new connection (as the service opens after an outage) writes again."""
    # pytest's tmp_path is under a root-only folder: nobody could not reach it.
    home = Path(tempfile.mkdtemp(prefix="mailbot-shm-"))
    request.addfinalizer(lambda: shutil.rmtree(home, ignore_errors=True))
    database = home / "db.sqlite3"
    Store(database).close()
    for path in (home, database):
        os.chown(path, NOBODY, NOBODY)
    shm = home / "db.sqlite3-shm"
    shm.write_bytes(b"")
    shm.chmod(0o644)  # root's, readable by all, writable by root alone
    said = _as_nobody(database)
    assert "db.sqlite3-shm" in said and "not writable" in said, said
    os.chown(shm, NOBODY, NOBODY)  # the operator's fix
    assert _as_nobody(database) == ""


@pytest.mark.servers
def test_cron_run_once_on_a_full_disk_exits_4_takes_no_mail_and_catches_up_after(
    tmp_path: Path, small_disk: Path, dovecot_server: Dovecot
) -> None:
    tag = uuid.uuid4().hex[:8]
    settings = dovecot_server.settings(folder=f"in-{tag}", done_folder=f"done-{tag}")
    password = dovecot_server.password
    with ImapPeer.to(dovecot_server) as peer, SmtpSink() as sink:
        peer.ensure_folder(settings.folder)
        cfg = on_disk(small_disk, settings, sink, tmp_path)
        peer.append(people(20, 2), settings.folder, internal_date=ON_TIME)
        assert run_once(cfg.path, password).returncode == 0
        assert len(sink.received) == 2
        filler = fill(small_disk)
        peer.append(people(22, 2), settings.folder, internal_date=ON_TIME)
        full = run_once(cfg.path, password)
        assert full.returncode == 4, full.stderr
        assert "disk is full" in full.stderr and "Traceback" not in full.stderr
        assert len(peer.uids(settings.folder)) == 2 and len(sink.received) == 2
        filler.unlink()
        assert run_once(cfg.path, password).returncode == 0
        assert peer.uids(settings.folder) == []
        delivered = Counter(message_id(r.data) for r in sink.received)
    assert len(delivered) == 4 and max(delivered.values()) == 1


def run_once(config_path: Path, password: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILBOT_")}
    env["MAILBOT_IMAP_PASSWORD"] = password
    return subprocess.run(
        [MAILBOT, "run", "--once", "--config", str(config_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
