"""`kill -9` at random moments while mail flows: nothing lost, nothing doubled (SPEC §12).

A real `mailbot run` process reads a private Dovecot and sends to an SMTP sink while 200
registrations arrive in waves; it is killed with SIGKILL at random moments (in start-up, in the
middle of a batch, while sending, while idle) and started again each time. At the end every
message must have exactly one recorded handling and be out of the inbox, every participant must
be somewhere, no actor may be over its seats, and every reply must have reached the sink. A reply
may reach it twice only if a kill fell between the server's acceptance and the commit that
records it (§12): those duplicates are counted and printed. How many one kill can cause is how
many mails can be accepted and not yet recorded at once: the outbox records each mail as soon as
the server answers (`outbox.drain`), so one per kill per SMTP connection.

The moments come from a seed: `MAILBOT_CRASH_SEED=N` repeats a run; the seed is printed.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from mailbot import outbox_process
from mailbot.config import Config
from mailbot.store import Store

from servers import Dovecot, ImapPeer, SmtpSink
from support import SMALL_CONFIG, BotProcess, at, make_config, raw_mail, wait_until, with_servers

MESSAGES = 200
WAVES = 10
# When a kill falls: while the process starts (imports, connecting, deciding what a crash left),
# just after it committed a message, just after a reply got through, or once it may be idle.
MOMENTS = ("start-up", "handling", "sending", "later")
PAUSE = {
    "start-up": (0.02, 0.6),
    "handling": (0.0, 0.05),
    "sending": (0.0, 0.05),
    "later": (0.6, 1.5),
}
ARRIVED = at("2022-09-01 10:00")
# (sender domain, organisation line): actors of SMALL_CONFIG; stockholm.se is shared by two.
SENDERS = [
    ("huddinge.se", None),
    ("botkyrka.se", None),
    ("stockholm.se", "Rinkeby-Kista"),
    ("stockholm.se", "Spånga-Tensta"),
    ("tullverket.se", None),
]


def registrations(rng: random.Random) -> list[tuple[bytes, list[str]]]:
    """The messages, each with its participants' addresses: 1-3 people from an invited actor
    (some already registered by an earlier message: duplicates), a few from outsiders."""
    used: list[str] = []
    messages = []
    for i in range(MESSAGES):
        domain, organisation = rng.choice(SENDERS)
        if rng.random() < 0.04:
            domain, organisation = "outsider.example", None
        people: list[str] = []
        earlier = list(used)  # duplicates of earlier messages' people, never of this one's:
        # one address under two names in one mail is asked about (§3), not booked
        for j in range(rng.randint(1, 3)):
            reuse = earlier and rng.random() < 0.08
            address = rng.choice(earlier) if reuse else f"p{i}.{j}@{domain}"
            if address in people:
                address = f"p{i}.{j}@{domain}"
            people.append(address)
            used.append(address)
        blocks = "\n\n".join(f"Namn: Person {i} {j}\nE-post: {a}" for j, a in enumerate(people))
        head = f"Organisation: {organisation}\n\n" if organisation else ""
        raw = raw_mail(f"s{i}@{domain}", f"Hej,\n\n{head}{blocks}\n", message_id=f"<crash-{i}@t>")
        messages.append((raw, people))
    return messages


@pytest.mark.slow
@pytest.mark.servers
def test_kill_9_at_random_moments_loses_nothing_and_doubles_nothing(tmp_path: Path) -> None:
    seed = int(os.environ.get("MAILBOT_CRASH_SEED") or random.randrange(2**32))
    print(f"\ncrash test seed {seed} (MAILBOT_CRASH_SEED={seed} repeats it)")
    rng = random.Random(seed)
    messages = registrations(rng)
    waves = [messages[i::WAVES] for i in range(WAVES)]
    kills_planned = rng.randint(12, 16)

    with Dovecot() as server, SmtpSink() as sink:
        cfg = make_config(tmp_path, with_servers(SMALL_CONFIG, server.settings(), sink.settings()))
        Store(cfg.bot.database).close()
        log = tmp_path / "run.log"

        def start() -> BotProcess:
            # The real clock, not `--now`: each run's `--now` clock would start afresh, behind
            # the one before, and mail queued by the run before would not be due yet. The mail
            # arrived on time all the same (INTERNALDATE); nothing is scheduled after 2022.
            return BotProcess(cfg.path, password=server.password, log=log)

        def decided() -> int:
            with Store(cfg.bot.database) as store:
                return sum(1 for e in store.journal() if e["state"] != "received")

        def deliver(wave: list[tuple[bytes, list[str]]]) -> None:
            with ImapPeer.to(server) as peer:
                peer.append([raw for raw, _ in wave], internal_date=ARRIVED)

        deliver(waves.pop(0))
        kill_points: list[str] = []
        bot = start()
        for _ in range(kills_planned):
            handled, mailed = decided(), len(sink.received)
            news = bool(waves) and rng.random() < 0.8
            if news:
                deliver(waves.pop(0))
            moment = rng.choice(MOMENTS if news else MOMENTS[::3])
            started = time.monotonic()
            if moment == "handling":  # soon after the first commit of this run
                _soon(_above(decided, handled))
            elif moment == "sending":  # soon after the first reply of this run got through
                _soon(_above(lambda: len(sink.received), mailed))
            time.sleep(rng.uniform(*PAUSE[moment]))
            bot.kill()
            kill_points.append(f"{moment}@{time.monotonic() - started:.2f}s:{decided()}")
            bot = start()
        while waves:
            deliver(waves.pop(0))
        try:
            wait_until(lambda: decided() == MESSAGES and _queued(cfg) == 0, 120, "the catch-up")
            with ImapPeer.to(server) as peer:
                wait_until(lambda: peer.uids("INBOX") == [], 10, "the last moves")
                done = peer.uids("Processed")
            # A SIGTERM before Python has run a line of mailbot kills it like any program.
            wait_until(lambda: bot.caught_up(cfg.bot.database), 30, "the last start")
        finally:
            code, _ = bot.stop(signal.SIGTERM)
        assert code == 0, f"exit status {code}: {bot.tail()}"
        received = sink.received

    with Store(cfg.bot.database) as store:
        journal = store.journal()
        participants = store.participants()
        sent = store.outbox.rows("sent")
        unsent = store.outbox.rows("queued") + store.outbox.rows("failed")

    delivered = Counter(_message_id(r.data) for r in received)
    duplicates = {mid: n for mid, n in delivered.items() if n > 1}
    print(
        f"{len(kill_points)} kills (moment@seconds after start:messages decided by then): "
        f"{' '.join(kill_points)}\n"
        f"{len(received)} mails delivered, {len(sent)} recorded sent, "
        f"{sum(n - 1 for n in duplicates.values())} duplicate deliveries of "
        f"{len(duplicates)} mails {sorted(duplicates)}"
    )

    # Every message: exactly one recorded handling, and out of the inbox.
    ids = [e["message_id"] for e in journal]
    assert sorted(ids) == sorted(f"<crash-{i}@t>" for i in range(MESSAGES))
    assert all(e["state"] == "handled" and e["outcomes"] for e in journal)
    assert len(done) == MESSAGES
    # Every participant: registered, or named in the journal; outsiders rejected whole.
    named = {
        o["participant"].casefold() for e in journal for o in e["outcomes"] if o["participant"]
    }
    booked = {p.email.casefold() for p in participants}
    by_id = {e["message_id"]: e for e in journal}
    for i, (raw, people) in enumerate(messages):
        entry = by_id[f"<crash-{i}@t>"]
        if b"outsider.example" in raw.split(b"\r\n\r\n")[0]:
            assert [o["outcome"] for o in entry["outcomes"]] == ["rejected-not-invited"]
            continue
        for address in people:
            assert address.casefold() in booked | named, address
    # No actor over its seats, and no seat left free while someone of that actor waits.
    status = Counter((p.actor, p.seminar, p.status) for p in participants)
    for actor in cfg.actors:
        confirmed = status[(actor.name, actor.seminar, "confirmed")]
        assert confirmed <= cfg.seats_for(actor), actor.name
        if status[(actor.name, actor.seminar, "waitlisted")]:
            assert confirmed == cfg.seats_for(actor), actor.name
    # Every reply delivered; a duplicate only from a kill between acceptance and commit.
    assert unsent == []
    strays = [r.data for r in received if _message_id(r.data) not in {m.message_id for m in sent}]
    assert not strays, b"delivered but not in the outbox:\n" + strays[0].split(b"\r\n\r\n")[0]
    assert {row.message_id for row in sent} == set(delivered)
    assert (
        sum(n - 1 for n in duplicates.values())
        <= len(kill_points) * outbox_process.SMTP_CONNECTIONS
    )
    assert all(n <= 1 + len(kill_points) for n in delivered.values())
    # No check of the log for tracebacks here: a process killed while it starts a child (the
    # outbox process) leaves that child to fail on its half-sent start-up, which it reports.


def _above(count: Callable[[], int], before: int) -> Callable[[], bool]:
    """`count()` has grown past `before`, the count as it is now (bound here, not in the loop)."""
    return lambda: count() > before


def _soon(condition: Callable[[], bool]) -> None:
    """Wait up to 5 s for `condition` (a run with nothing to do is killed all the same)."""
    with contextlib.suppress(AssertionError):
        wait_until(condition, 5.0, interval_s=0.002)


def _queued(cfg: Config) -> int:
    with Store(cfg.bot.database) as store:
        return store.outbox.counts().get("queued", 0)


def _message_id(data: bytes) -> str:
    for line in data.split(b"\r\n\r\n")[0].split(b"\r\n"):
        if line.lower().startswith(b"message-id:"):
            return line.split(b":", 1)[1].strip().decode()
    raise AssertionError("a delivered mail without a Message-ID")
