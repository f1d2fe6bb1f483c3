"""Scheduled work through the real store (SPEC §7, §8, §12): queued once, in one transaction."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import email
import email.policy
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from mailbot import pipeline, schedule
from mailbot.config import Config
from mailbot.model import Decision
from mailbot.replies import TemplateError
from mailbot.store import Store

from support import ORGANISER, at, make_config, present, raw_mail, registration

P7D = at("2022-09-07 13:00")
P1D = at("2022-09-13 13:00")
ON_TIME = at("2022-09-01 10:00")


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


@pytest.fixture
def store(config: Config) -> Iterator[Store]:
    with Store(config.bot.database) as s:
        yield s


def register(
    store: Store,
    config: Config,
    people: list[tuple[str, str]],
    mid: str,
    when: dt.datetime = ON_TIME,
) -> None:
    result = pipeline.handle(
        store, config, registration("karin.lind@huddinge.se", people, mid), when
    )
    assert result.status == "handled", result


def cancel(store: Store, config: Config, who: str, mid: str, when: dt.datetime) -> None:
    raw = raw_mail(
        "karin.lind@huddinge.se", f"Hej,\n\nE-post: {who}\n", subject="Avanmälan", message_id=mid
    )
    result = pipeline.handle(store, config, raw, when)
    assert result.outcomes[0].outcome == "cancelled", result


def queued(store: Store, kind: str) -> list[tuple[str, ...]]:
    return sorted(r.rcpts for r in store.outbox.rows() if r.kind == kind)


def scheduled_rows(store: Store) -> list[tuple[str, str, str]]:
    return sorted(tuple(r) for r in store.conn.execute("SELECT kind, seminar, key FROM scheduled"))


def test_tick_queues_the_report_and_reminders_and_records_them(
    store: Store, config: Config
) -> None:
    register(store, config, [("Åsa Öberg", "asa@huddinge.se")], "<r1@huddinge.se>")
    decision = schedule.tick(store, config, P7D)
    assert sorted(m.kind for m in decision.mails) == [
        "deadline-report",
        "deadline-report",
        "reminder",
    ]
    assert queued(store, "reminder") == [("asa@huddinge.se",)]
    assert queued(store, "deadline-report") == [(ORGANISER,), (ORGANISER,)]
    assert ("reminder", "2022-09-14", "asa@huddinge.se:P7D") in scheduled_rows(store)
    (entry,) = [e for e in store.journal() if (e["subject"] or "").startswith("mailbot tick")]
    assert entry["sender"] == config.bot.address and entry["state"] == "handled"
    assert sorted(r["kind"] for r in entry["replies"]) == [
        "deadline-report",
        "deadline-report",
        "reminder",
    ]


def test_ticks_repeated_at_the_same_instant_queue_nothing_twice(
    store: Store, config: Config
) -> None:
    register(
        store, config, [("Åsa", "asa@huddinge.se"), ("Bo", "bo@huddinge.se")], "<r1@huddinge.se>"
    )
    first = schedule.tick(store, config, P7D)
    before = (store.outbox.counts(), len(store.journal()))
    for _ in range(3):
        assert schedule.tick(store, config, P7D).mails == ()
    assert (store.outbox.counts(), len(store.journal())) == before
    assert len(first.mails) == 4


def test_restart_across_a_reminder_instant_sends_it_once(config: Config) -> None:
    with Store(config.bot.database) as s:
        register(s, config, [("Åsa", "asa@huddinge.se")], "<r1@huddinge.se>")
        schedule.tick(s, config, P1D - dt.timedelta(seconds=1))
    with Store(config.bot.database) as s:  # a new process, a minute late
        assert [m.kind for m in schedule.tick(s, config, P1D + dt.timedelta(minutes=1)).mails] == [
            "reminder"
        ]
    with Store(config.bot.database) as s:
        assert schedule.tick(s, config, P1D + dt.timedelta(minutes=2)).mails == ()
        assert len(queued(s, "reminder")) == 2  # P7D at the first look (catch-up), P1D now


def test_ticks_from_several_processes_at_once_queue_each_mail_once(
    store: Store, config: Config, tmp_path: Path
) -> None:
    register(store, config, [(f"P{i}", f"p{i}@huddinge.se") for i in range(4)], "<r1@huddinge.se>")
    code = (
        "import sys, datetime as dt; sys.path.insert(0, sys.argv[3]);"
        "from mailbot import config, schedule; from mailbot.store import Store;"
        "c = config.load(sys.argv[1]); s = Store(c.bot.database);"
        "print(len(schedule.tick(s, c, dt.datetime.fromisoformat(sys.argv[2])).mails))"
    )
    args = [str(config.path), P7D.isoformat(), str(Path(__file__).parent)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILBOT_")}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env
        )
        for _ in range(4)
    ]
    counts = sorted(int(p.communicate(timeout=120)[0]) for p in procs)
    assert counts == [0, 0, 0, 6]  # one process queued 2 reports + 4 reminders, the rest nothing
    assert len(queued(store, "reminder")) == 4 and len(queued(store, "deadline-report")) == 2


def test_a_look_that_fails_records_nothing(store: Store, config: Config) -> None:
    register(store, config, [("Åsa", "asa@huddinge.se")], "<r1@huddinge.se>")
    assert config.bot.templates is not None
    (config.bot.templates / "sv" / "reminder.txt.j2").write_text(
        "{% block subject %}{{ no_such_name }}{% endblock %}{% block body %}{% endblock %}"
    )
    with pytest.raises(TemplateError):
        schedule.tick(store, config, P7D)
    assert scheduled_rows(store) == [] and queued(store, "deadline-report") == []


def test_participant_promoted_before_the_reminder_gets_it_and_the_cancelled_one_not(
    store: Store, config: Config
) -> None:
    register(
        store, config, [(f"P{i}", f"p{i}@huddinge.se") for i in range(1, 6)], "<r1@huddinge.se>"
    )
    schedule.tick(store, config, P7D + dt.timedelta(days=1))  # P7D reminders: p5 is waitlisted
    cancel(store, config, "p2@huddinge.se", "<c1@huddinge.se>", at("2022-09-10 09:00"))
    assert (
        present(store.registration("2022-09-14", "p5@huddinge.se")).status == "confirmed"
    )  # promoted
    schedule.tick(store, config, P1D)
    reminders = [
        (json.loads(row[0]), row[1])
        for row in store.conn.execute(
            "SELECT to_json, created_at FROM outbox WHERE kind = 'reminder' ORDER BY id"
        )
    ]
    assert [to for to, _ in reminders] == [
        ["p1@huddinge.se"],
        ["p2@huddinge.se"],
        ["p3@huddinge.se"],
        ["p4@huddinge.se"],
        ["p1@huddinge.se"],
        ["p3@huddinge.se"],
        ["p4@huddinge.se"],
        ["p5@huddinge.se"],
    ]


def test_raised_seats_promote_at_the_next_tick(store: Store, config: Config) -> None:
    register(
        store, config, [(f"P{i}", f"p{i}@huddinge.se") for i in range(1, 6)], "<r1@huddinge.se>"
    )
    raised = dataclasses.replace(config, seats={**config.seats, "kommun": 5})
    decision = schedule.tick(store, raised, at("2022-09-02 10:00"))
    assert [(o.outcome, o.participant) for o in decision.outcomes] == [
        ("promoted", "p5@huddinge.se")
    ]
    assert queued(store, "promoted") == [("p5@huddinge.se", "karin.lind@huddinge.se")]


def test_queued_reminder_is_an_auto_generated_mail_with_the_calendar(
    store: Store, config: Config
) -> None:
    register(store, config, [("Åsa Öberg", "asa@huddinge.se")], "<r1@huddinge.se>")
    schedule.tick(store, config, P7D)
    (row,) = [r for r in store.outbox.rows() if r.kind == "reminder"]
    message = email.message_from_bytes(row.raw, policy=email.policy.default)
    assert (
        message["Auto-Submitted"] == "auto-generated"
        and message["To"] == "Åsa Öberg <asa@huddinge.se>"
    )
    assert [p.get_content_type() for p in message.iter_attachments()] == ["text/calendar"]


# --------------------------------------------------------------------------- the APScheduler wrapper


def test_scheduler_looks_at_start_and_at_the_next_reminder_instant(config: Config) -> None:
    with Store(config.bot.database) as s:
        register(s, config, [("Åsa", "asa@huddinge.se")], "<r1@huddinge.se>")
        schedule.tick(s, config, P7D)  # the report and the P7D reminder are done
    looks: list[tuple[dt.datetime, Decision]] = []
    real_start = time.monotonic()

    def clock() -> dt.datetime:  # 300 ms before the P1D reminder, running at real speed
        return (
            P1D
            - dt.timedelta(milliseconds=300)
            + dt.timedelta(seconds=time.monotonic() - real_start)
        )

    async def main() -> None:
        scheduler = schedule.Scheduler(
            lambda: Store(config.bot.database),
            config,
            clock,
            on_tick=lambda d: looks.append((clock(), d)),
        )
        scheduler.start()
        assert [what for _, what in scheduler.planned()] == [
            "safety sweep",
            "reminder P1D 2022-09-14",
            "reminder P1D 2022-09-15",
        ]
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not any(d.mails for _, d in looks):
            await asyncio.sleep(0.05)
        await scheduler.shutdown()
        assert not scheduler.running

    asyncio.run(main())
    assert looks[0][1].mails == ()  # the look at start: nothing due yet
    when, decision = next((w, d) for w, d in looks if d.mails)
    assert when >= P1D and [m.to for m in decision.mails] == [("asa@huddinge.se",)]
    with Store(config.bot.database) as s:
        assert len(queued(s, "reminder")) == 2


def test_scheduler_survives_a_failing_look_and_accepts_an_async_callback(config: Config) -> None:
    calls: list[str] = []

    def flaky_store() -> Store:
        if not calls:
            calls.append("failed")
            raise OSError("disk not mounted yet")
        return Store(config.bot.database)

    async def on_tick(decision: Decision) -> None:
        calls.append(f"ticked {len(decision.mails)}")

    async def main() -> None:
        scheduler = schedule.Scheduler(
            flaky_store, config, lambda: P7D, on_tick=on_tick, sweep=dt.timedelta(milliseconds=200)
        )
        scheduler.start()
        for _ in range(100):
            if len(calls) >= 2:
                break
            await asyncio.sleep(0.05)
        decision = await scheduler.look("test")
        await scheduler.shutdown()
        assert decision.mails == ()

    asyncio.run(main())
    assert calls[:2] == ["failed", "ticked 2"]  # the sweep retried: the two deadline reports


def test_scheduler_shutdown_waits_for_a_look_in_progress(
    config: Config, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    finished: list[bool] = []
    real_tick = schedule.tick

    def slow_tick(store: Store, cfg: Config, now: dt.datetime) -> Decision:
        time.sleep(0.3)
        result = real_tick(store, cfg, now)
        finished.append(True)
        return result

    monkeypatch.setattr(schedule, "tick", slow_tick)

    async def main() -> None:
        scheduler = schedule.Scheduler(lambda: Store(config.bot.database), config, lambda: P7D)
        scheduler.start()
        await asyncio.sleep(0.1)  # the look at start is in its thread now
        await scheduler.shutdown()
        assert finished == [True]
        await scheduler.shutdown()  # a second stop is harmless
        assert not scheduler.running

    asyncio.run(main())
    assert [r.getMessage() for r in caplog.records if r.levelname in ("WARNING", "ERROR")] == []


def test_scheduler_can_use_one_store_it_is_given(store: Store, config: Config) -> None:
    register(store, config, [("Åsa", "asa@huddinge.se")], "<r1@huddinge.se>")

    async def main() -> Decision:
        looked = asyncio.Event()
        scheduler = schedule.Scheduler(store, config, lambda: P7D, on_tick=lambda d: looked.set())
        scheduler.start()
        await asyncio.wait_for(looked.wait(), 10)  # the look at start
        decision = await scheduler.look("test")
        await scheduler.shutdown()
        return decision

    assert asyncio.run(main()).mails == ()
    assert queued(store, "reminder") == [("asa@huddinge.se",)]
