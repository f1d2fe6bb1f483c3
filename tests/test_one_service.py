"""One service per database, and no double decision or double send without it (SPEC §12).

Real processes and real servers on loopback: a `mailbot run` beside another is refused with the
running one's pid; a kill -9 leaves no stale lock; and two processes racing on one database
through the pipeline API, with no lock at all (`tests/race_worker.py`), decide each message
once and send each mail once, and leave the journal as one process alone would have left it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import random
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest

from mailbot import config, outbox, pipeline, service
from mailbot.notices import FailureNotices
from mailbot.store import Store

from servers import Dovecot, ImapPeer, SmtpSink
from support import SMALL_CONFIG, BotProcess, at, make_config, raw_mail, wait_until, with_servers

HERE = Path(__file__).resolve().parent
MAILBOT = str(Path(sys.executable).with_name("mailbot"))
RECEIVED = at("2022-09-01 10:00")
SENDERS = [
    ("huddinge.se", None),
    ("botkyrka.se", None),
    ("stockholm.se", "Rinkeby-Kista"),
    ("stockholm.se", "Spånga-Tensta"),
    ("tullverket.se", None),
    ("outsider.example", None),
]


def registrations(count: int, seed: int) -> list[bytes]:
    """`count` registrations of 1-3 people from invited actors (and a few outsiders), some
    naming a person an earlier one named (duplicates), some senders writing twice."""
    rng = random.Random(seed)
    used: list[str] = []
    messages = []
    for i in range(count):
        domain, organisation = rng.choice(SENDERS)
        people = []
        for j in range(rng.randint(1, 3)):
            address = rng.choice(used) if used and rng.random() < 0.1 else f"p{i}.{j}@{domain}"
            people.append(address)
            used.append(address)
        blocks = "\n\n".join(f"Namn: Person {i} {j}\nE-post: {a}" for j, a in enumerate(people))
        head = f"Organisation: {organisation}\n\n" if organisation else ""
        sender = f"s{i % 40}@{domain}"
        messages.append(raw_mail(sender, f"Hej,\n\n{head}{blocks}\n", message_id=f"<race-{i}@t>"))
    return messages


def message_id(data: bytes) -> str:
    for line in data.split(b"\r\n\r\n")[0].split(b"\r\n"):
        if line.lower().startswith(b"message-id:"):
            return line.split(b":", 1)[1].strip().decode()
    raise AssertionError("a delivered mail without a Message-ID")


def outcomes(
    database: Path,
) -> tuple[dict[str, list[tuple[str, str | None]]], list[tuple[str, str, str]]]:
    """What the journal says of each message, and who is registered how."""
    with Store(database) as store:
        journal = {
            e["message_id"]: [(o["outcome"], o["participant"]) for o in e["outcomes"]]
            for e in store.journal()
        }
        people: list[tuple[str, str, str]] = sorted(
            (p.email, p.actor, p.status) for p in store.participants()
        )
    return journal, people


@pytest.mark.servers
def test_two_processes_without_the_lock_decide_each_message_once_and_send_each_mail_once(
    tmp_path: Path,
) -> None:
    messages = registrations(100, seed=11)
    folder = tmp_path / "mail"
    folder.mkdir()
    for i, raw in enumerate(messages):
        (folder / f"{i:03d}.eml").write_bytes(raw)
    # What one process alone makes of them, in the same order: the journal to be true to.
    alone = make_config(tmp_path / "alone", SMALL_CONFIG)
    with Store(alone.bot.database) as store:
        for raw in messages:
            pipeline.handle(store, alone, raw, RECEIVED, now=RECEIVED + dt.timedelta(hours=1))
        expected_mails = len(store.outbox.rows("queued"))

    with SmtpSink() as sink:
        smtp = with_servers(SMALL_CONFIG, _unused_imap(), sink.settings())
        cfg = make_config(tmp_path / "race", smtp)
        Store(cfg.bot.database).close()
        start_at = time.time() + 3.0  # both are past their imports by then
        env = {**os.environ, "PYTHONPATH": str(HERE)}
        command = [sys.executable, str(HERE / "race_worker.py"), str(cfg.path), str(folder)]
        workers = [
            subprocess.Popen(
                [*command, str(start_at), mode],
                env=env,
                stderr=subprocess.PIPE,
                text=True,
            )
            for mode in ("batch", "single")
        ]
        for worker in workers:
            _, errors = worker.communicate(timeout=180)
            assert worker.returncode == 0, errors
        delivered = Counter(message_id(r.data) for r in sink.received)

    journal, people = outcomes(cfg.bot.database)
    assert (journal, people) == outcomes(alone.bot.database)
    assert len(journal) == 100
    with Store(cfg.bot.database) as store:
        sent = {row.message_id for row in store.outbox.rows("sent")}
        assert store.outbox.counts() == {"sent": expected_mails}
        assert all(e["state"] == "handled" for e in store.journal())
    assert set(delivered) == sent
    assert [mid for mid, n in delivered.items() if n > 1] == []


def _unused_imap() -> config.Imap:
    """The race goes through the pipeline API: the config needs an [imap] table, not a server."""
    return config.Imap(host="127.0.0.1", port=1, tls="none")


# --------------------------------------------------------------------------- the lock


def _run(cfg_path: Path, *args: str, password: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILBOT_")}
    env["MAILBOT_IMAP_PASSWORD"] = password
    return subprocess.run(
        [MAILBOT, "run", "--config", str(cfg_path), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.servers
def test_a_second_run_and_a_cron_run_once_beside_a_service_exit_at_once_naming_its_pid(
    tmp_path: Path, dovecot_server: Dovecot
) -> None:
    tag = uuid.uuid4().hex[:8]
    settings = dovecot_server.settings(folder=f"in-{tag}", done_folder=f"done-{tag}")
    with ImapPeer.to(dovecot_server) as peer:
        peer.ensure_folder(settings.folder)
    with SmtpSink() as sink:
        cfg = make_config(tmp_path, with_servers(SMALL_CONFIG, settings, sink.settings()))
        Store(cfg.bot.database).close()
        password = dovecot_server.password
        first = BotProcess(cfg.path, password=password, log=tmp_path / "first.log")
        try:
            wait_until(lambda: first.caught_up(cfg.bot.database), 30, "the first start")
            for args in ((), ("--once",)):
                started = time.monotonic()
                second = _run(cfg.path, *args, password=password)
                assert second.returncode == service.EXIT_RUNNING, second.stderr
                assert f"pid {first.process.pid}" in second.stderr
                assert "Traceback" not in second.stderr
                assert time.monotonic() - started < 15
            assert first.process.poll() is None  # the running one carries on
            first.kill()  # kill -9: no clean-up, and no stale lock either
            then = BotProcess(cfg.path, password=password, log=tmp_path / "then.log")
            try:
                wait_until(lambda: then.caught_up(cfg.bot.database), 30, "the start after it")
            finally:
                code, _ = then.stop()
            assert code == 0, then.tail()
        finally:
            if first.process.poll() is None:
                first.kill()


# --------------------------------------------------------------------------- claims


def _queued_mails(tmp_path: Path, count: int) -> config.Config:
    cfg = make_config(tmp_path)
    with Store(cfg.bot.database) as store:
        for raw in registrations(count, seed=5)[:count]:
            pipeline.handle(store, cfg, raw, RECEIVED, now=RECEIVED)
    return cfg


def test_a_mail_claimed_by_one_sender_is_not_due_for_another(tmp_path: Path) -> None:
    cfg = _queued_mails(tmp_path, 6)
    now = RECEIVED + dt.timedelta(hours=1)
    with Store(cfg.bot.database) as one, Store(cfg.bot.database) as other:
        total = one.outbox.counts()["queued"]
        first = one.outbox.claim_due(now, 3)
        rest = other.outbox.claim_due(now, 100)
        assert len(first) == 3 and len(rest) == total - 3
        assert {m.id for m in first}.isdisjoint(m.id for m in rest)
        assert one.outbox.claim_due(now, 100) == other.outbox.claim_due(now, 100) == []
        one.outbox.release([m.id for m in first])
        assert [m.id for m in other.outbox.claim_due(now, 100)] == [m.id for m in first]


def test_a_starting_service_frees_the_claims_of_dead_senders_and_not_of_live_ones(
    tmp_path: Path,
) -> None:
    cfg = _queued_mails(tmp_path, 4)
    host = socket.gethostname()
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        with Store(cfg.bot.database) as store:
            ids = [row.id for row in store.outbox.rows("queued")]
            assert len(ids) >= 3
            owners = [f"{host}:{gone.stdout.strip()}:a", f"{host}:{alive.pid}:b", "elsewhere:1:c"]
            for item, owner in zip(ids, owners, strict=False):
                store.conn.execute(
                    "UPDATE outbox SET claimed_by = ?, claimed_until = '9999' WHERE id = ?",
                    (owner, item),
                )
            assert store.outbox.release_claims() == 2
            due = {m.id for m in store.outbox.claim_due(RECEIVED, 100)}
        assert ids[1] not in due and {ids[0], ids[2]} <= due
    finally:
        alive.kill()
        alive.wait()


def test_the_claims_of_a_sender_that_exited_and_was_never_reaped_are_freed(tmp_path: Path) -> None:
    """A zombie (exited, not yet waited for) still answers `kill(pid, 0)`: after a kill -9 of the
    service in a container whose init reaps no orphans, its outbox process stays one."""
    cfg = _queued_mails(tmp_path, 2)
    zombie = subprocess.Popen([sys.executable, "-c", "pass"])
    wait_until(lambda: _state(zombie.pid) == "Z", 30, "the child to exit")  # not waited for
    try:
        with Store(cfg.bot.database) as store:
            item = store.outbox.rows("queued")[0].id
            store.conn.execute(
                "UPDATE outbox SET claimed_by = ?, claimed_until = '9999' WHERE id = ?",
                (f"{socket.gethostname()}:{zombie.pid}:z", item),
            )
            assert store.outbox.release_claims() == 1
            assert item in {m.id for m in store.outbox.claim_due(RECEIVED, 100)}
    finally:
        zombie.wait()


def _state(pid: int) -> str:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return stat[stat.rfind(")") + 2]


@pytest.mark.servers
def test_a_refused_smtp_login_frees_the_mails_it_claimed_for_the_next_try(tmp_path: Path) -> None:
    cfg = _queued_mails(tmp_path, 2)

    async def drain(store: Store, password: str) -> outbox.DrainStats:
        async with outbox.Sender(sink.settings(), password) as sender:
            return await outbox.drain(FailureNotices(store, cfg), sender, pipeline.utcnow)

    with SmtpSink(username="bot", password="right") as sink, Store(cfg.bot.database) as store:
        waiting = store.outbox.counts()["queued"]
        with pytest.raises(outbox.SmtpConfigError):
            asyncio.run(drain(store, "wrong"))
        assert asyncio.run(drain(store, "right")) == outbox.DrainStats(sent=waiting)
