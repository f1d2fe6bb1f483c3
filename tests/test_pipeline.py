"""One message through the store (SPEC §11, §12): handled once, recorded whole, never lost."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest

from mailbot import parsing, pipeline
from mailbot.config import Config
from mailbot.store import SCHEMA_VERSION, Store, StoreError

from support import at, make_config, present, raw_mail, registration

NOW = at("2022-09-01 10:00")


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


@pytest.fixture
def store(config: Config) -> Iterator[Store]:
    with Store(config.bot.database) as s:
        yield s


def test_decision_state_and_replies_are_committed_together(store: Store, config: Config) -> None:
    raw = registration("karin@huddinge.se", [("Åsa Öberg", "asa@huddinge.se")], "<r1@huddinge.se>")
    result = pipeline.handle(store, config, raw, NOW)
    assert result.status == "handled" and [o.outcome for o in result.outcomes] == ["confirmed"]
    (entry,) = store.journal()
    assert entry["state"] == "handled" and entry["replies"][0]["kind"] == "confirmed"
    assert present(store.registration("2022-09-14", "asa@huddinge.se")).status == "confirmed"
    assert store.messages.raw(entry["id"]) == raw


def test_same_message_id_again_is_already_handled_and_changes_nothing(
    store: Store, config: Config
) -> None:
    raw = registration("karin@huddinge.se", [("Åsa", "asa@huddinge.se")], "<r1@huddinge.se>")
    pipeline.handle(store, config, raw, NOW)
    before = (store.journal(), store.outbox.counts())
    assert pipeline.handle(store, config, raw, NOW).status == "already"
    assert (store.journal(), store.outbox.counts()) == before


def test_a_batch_decides_new_and_interrupted_messages_once_and_the_rest_are_already_handled(
    store: Store, config: Config
) -> None:
    done = registration("karin@huddinge.se", [("Åsa", "asa@huddinge.se")], "<r1@huddinge.se>")
    stored = registration("karin@huddinge.se", [("Bo", "bo@huddinge.se")], "<r2@huddinge.se>")
    new = registration("karin@huddinge.se", [("Cia", "cia@huddinge.se")], "<r3@huddinge.se>")
    pipeline.handle(store, config, done, NOW)
    key = parsing.message_key(stored, "<r2@huddinge.se>")
    store.messages.save_raw(key, stored, NOW, size=len(stored))  # a crash before its decision
    items = [pipeline.Incoming(raw, NOW) for raw in (done, stored, new, new)]

    results = pipeline.handle_batch(store, config, items, now=NOW)

    assert [r.status for r in results] == ["already", "handled", "handled", "already"]
    assert [len(store.messages.raw(r.message or 0)) for r in results[1:3]] == [
        len(stored),
        len(new),
    ]
    assert [e["message_id"] for e in store.journal()] == [
        "<r1@huddinge.se>",
        "<r2@huddinge.se>",
        "<r3@huddinge.se>",
    ]
    assert {e["state"] for e in store.journal()} == {"handled"}


def test_message_without_message_id_is_keyed_by_its_bytes(store: Store, config: Config) -> None:
    raw = registration("karin@huddinge.se", [("Åsa", "asa@huddinge.se")], None)
    first = pipeline.handle(store, config, raw, NOW)
    assert first.key.startswith("sha256:")
    assert pipeline.handle(store, config, raw, NOW).status == "already"


def test_unreadable_bytes_still_get_an_outcome(store: Store, config: Config) -> None:
    result = pipeline.handle(store, config, b"\x00\xff garbage \r\n\r\n\xfe", NOW)
    assert result.status == "handled" and result.outcomes[0].outcome == "ignored"


def test_oversized_message_keeps_only_its_headers(store: Store, config: Config) -> None:
    raw = raw_mail("karin@huddinge.se", "x" * 200, message_id="<big@huddinge.se>")
    result = pipeline.handle(
        store, config, raw + b"y" * 100, NOW, size=config.security.max_message_bytes + 1
    )
    assert result.outcomes[0].rule == "too-large"
    assert store.messages.raw(present(result.message)) == pipeline.header_block(raw)


def test_a_message_that_keeps_failing_is_set_aside_and_the_organiser_told(
    store: Store, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*a: object, **k: object) -> NoReturn:
        raise RuntimeError("template exploded")

    monkeypatch.setattr(pipeline, "decide", boom)
    raw = registration("karin@huddinge.se", [("Åsa", "asa@huddinge.se")], "<f@huddinge.se>")
    statuses = [
        pipeline.handle(store, config, raw, NOW).status for _ in range(pipeline.MAX_ATTEMPTS)
    ]
    assert statuses == ["retry"] * (pipeline.MAX_ATTEMPTS - 1) + ["set-aside"]
    (entry,) = store.journal()
    assert entry["state"] == "failed" and "template exploded" in entry["error"]
    assert entry["outcomes"][0]["rule"] == "set-aside"
    assert entry["replies"][0]["kind"] == "alert-failed"


def test_the_database_is_private_to_its_owner(config: Config, store: Store) -> None:
    assert (Path(config.bot.database).stat().st_mode & 0o777) == 0o600


def test_a_newer_schema_is_refused_with_a_clear_error(config: Config, store: Store) -> None:
    store.conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer than this mailbot"):
        Store(config.bot.database)


def test_durability_settings_are_those_section_12_asks_for(store: Store) -> None:
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


WORKER = """
import sys
from pathlib import Path
sys.path[:0] = [{tests!r}]
from mailbot import config, pipeline
from mailbot.store import Store
from support import at, registration
cfg = config.load({config!r}, {{}})
start = Path({go!r})
while not start.exists():
    pass
with Store(cfg.bot.database) as store:
    for i in range(40):
        raw = registration("karin@huddinge.se", [(f"P {{i}}", f"{tag}{{i}}@huddinge.se")], f"<{tag}{{i}}@huddinge.se>")
        pipeline.handle(store, cfg, raw, at("2022-09-01 10:00"))
"""


def test_two_processes_on_one_database_never_overbook(config: Config, tmp_path: Path) -> None:
    go = tmp_path / "go"
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                WORKER.format(
                    tests=str(Path(__file__).parent), config=str(config.path), go=str(go), tag=tag
                ),
            ]
        )
        for tag in ("a", "b")
    ]
    go.touch()
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    db = sqlite3.connect(config.bot.database)
    counts = dict(
        db.execute("SELECT status, COUNT(*) FROM registrations GROUP BY status").fetchall()
    )
    assert counts == {"confirmed": 4, "waitlisted": 76}
    assert db.execute("SELECT COUNT(*) FROM messages WHERE state = 'handled'").fetchone()[0] == 80


def test_a_cancellation_by_name_finds_the_senders_actors_registration_in_the_store(
    store: Store, config: Config
) -> None:
    same_name = [("Lisa Berg", "lisa.berg@botkyrka.se")]
    pipeline.handle(store, config, registration("eva@botkyrka.se", same_name, "<b1@x>"), NOW)
    mine = [("Lisa Berg", "lisa.berg@huddinge.se"), ("Per Ek", "per.ek@huddinge.se")]
    pipeline.handle(store, config, registration("karin@huddinge.se", mine, "<h1@x>"), NOW)
    cancel = raw_mail(
        "karin@huddinge.se", "Hej,\n\nLisa Berg kan tyvärr inte komma.\n", subject="Återbud"
    )
    result = pipeline.handle(store, config, cancel, NOW)
    assert [(o.outcome, o.participant) for o in result.outcomes] == [
        ("cancelled", "lisa.berg@huddinge.se")
    ]
    other = store.registration("2022-09-15", "lisa.berg@botkyrka.se")
    assert other is not None and other.status == "confirmed"
    assert [r.email for r in store.registrations_by("Huddinge kommun") if r.is_active] == [
        "per.ek@huddinge.se"
    ]
