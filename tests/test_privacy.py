"""Personal data (GDPR): purge, export, retention, file permissions and logs (SPEC §13, SECURITY.md).

The purge test reads the raw bytes of the database files (`.sqlite3`, `-wal`, `-shm`) and looks
for every address and name of the purged seminar's people: none may be left, while the other
seminar's people are all still there.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NoReturn

import pytest

from mailbot import cli, commands, logs, outbox, pipeline, privacy, schedule
from mailbot.config import Config
from mailbot.model import OutboxItem
from mailbot.store import Store

from support import BOT, FIXTURES, ORGANISER, SMALL_CONFIG, at, make_config, present, raw_mail

ON_TIME = at("2022-09-01 10:00")
PURGED = "2022-09-14"  # Huddinge, Rinkeby-Kista, Spånga-Tensta, Tullverket
KEPT = "2022-09-15"  # Botkyrka

HUDDINGE = {  # the people of the purged seminar: address -> name
    "asa.oberg@huddinge.se": "Åsa Öberg",
    "per.strom@huddinge.se": "Per Ström",
    "olle.nyberg@huddinge.se": "Olle Nyberg",
    "lisa.berg@huddinge.se": "Lisa Berg",
    "kim.sand@huddinge.se": "Kim Sandqvist",  # the waitlisted fifth
    "ersattare.ek@huddinge.se": "Ersättare Ek",  # substitute
}
SENDER = "karin.lind@huddinge.se"
SENDER_NAME = "Karin Lindholm"
BOTKYRKA = {"fatima.hassan@botkyrka.se": "Fatima Hassan", "jonas.larka@botkyrka.se": "Jonas Lärka"}


def block(people: dict[str, str]) -> str:
    return "Hej!\n\n" + "\n\n".join(f"Namn: {n}\nE-post: {e}" for e, n in people.items()) + "\n"


def files_bytes(db: Path) -> bytes:
    """Every byte of the database files as they are on disk now."""
    return b"".join(
        Path(f"{db}{s}").read_bytes() for s in ("", "-wal", "-shm") if Path(f"{db}{s}").exists()
    )


def traces(data: bytes, people: dict[str, str]) -> list[str]:
    low = data.lower()
    found = [e for e in people if e.encode() in low]
    found += [n for n in people.values() if n.encode() in data]
    return found


def fill(store: Store, config: Config, when: dt.datetime = ON_TIME) -> None:
    """Two seminars' worth of traffic: registrations, waitlist, cancel, substitute, a forwarded
    reply, an out-of-office, a bounce, an organiser command, reminders and deadline reports."""
    first = dict(list(HUDDINGE.items())[:5])
    msgs = [
        raw_mail(SENDER, block(first), message_id="<h1@huddinge.se>", display_name=SENDER_NAME),
        raw_mail(
            "fatima.hassan@botkyrka.se",
            block(BOTKYRKA),
            message_id="<b1@botkyrka.se>",
            display_name="Fatima Hassan",
        ),
        raw_mail(
            SENDER,
            "Namn: Ersättare Ek\nE-post: ersattare.ek@huddinge.se\nErsätter: lisa.berg@huddinge.se\n",
            message_id="<h2@huddinge.se>",
            display_name=SENDER_NAME,
        ),
        raw_mail(
            "per.strom@huddinge.se",
            "Hej, jag kan inte komma.\n",
            subject="Avanmälan",
            message_id="<h3@huddinge.se>",
            display_name="Per Ström",
        ),
        raw_mail(
            "asa.oberg@huddinge.se",
            "Jag är på semester.\n",
            subject="Automatiskt svar: Bekräftelse",
            message_id="<h4@huddinge.se>",
            display_name="Åsa Öberg",
            extra_headers=(("Auto-Submitted", "auto-replied"),),
        ),
        raw_mail(
            SENDER,
            "En fråga om parkering.\n",
            subject="SV: Bekräftelse",
            message_id="<h5@huddinge.se>",
            display_name=SENDER_NAME,
        ),
        # Someone not invited tries to register a Huddinge participant: only the raw bytes
        # name them (the outcome is about the whole message).
        raw_mail(
            "someone@gmail.com",
            block({"olle.nyberg@huddinge.se": "Olle Nyberg"}),
            message_id="<g1@gmail.com>",
        ),
    ]
    for raw in msgs:
        assert pipeline.handle(store, config, raw, when).status == "handled"
    dsn = (FIXTURES / "bounce-dsn-of-confirmation.eml").read_bytes()
    dsn = dsn.replace(b"maria.oberg@huddinge.se", b"olle.nyberg@huddinge.se")
    pipeline.handle(store, config, dsn, when)
    cli.main(
        [
            "cancel",
            "olle.nyberg@huddinge.se",
            "--config",
            str(config.path),
            "--now",
            "2022-09-02T10:00",
        ]
    )
    schedule.tick(store, config, at("2022-09-05 00:00"))  # deadline reports
    schedule.tick(store, config, at("2022-09-07 13:30"))  # P7D reminders of the 14th
    schedule.tick(store, config, at("2022-09-14 13:30"))  # P1D reminders of the 15th


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


# --------------------------------------------------------------------------- purge


def test_purge_leaves_no_byte_of_the_seminars_people_in_the_database_files(config: Config) -> None:
    db = Path(config.bot.database)
    with Store(db) as store:
        fill(store, config)
        people = {**HUDDINGE, SENDER: SENDER_NAME}
        assert set(traces(files_bytes(db), people)) == set(people) | set(people.values())
        kept_before = store.participants(KEPT)
        kept_raw = store.messages.raw(present(store.messages.find_message("<b1@botkyrka.se>")).id)
        reader = sqlite3.connect(db)  # another process reading (idle between reads)
        reader.execute("SELECT COUNT(*) FROM registrations").fetchone()

        report = privacy.purge(store, config, PURGED, at("2022-10-01 12:00"))

        assert report.compacted
        assert report.counts["registrations"] == len(HUDDINGE)
        assert traces(files_bytes(db), people) == []
        # The other seminar is untouched.
        assert store.participants(KEPT) == kept_before
        assert (
            store.messages.raw(present(store.messages.find_message("<b1@botkyrka.se>")).id)
            == kept_raw
        )
        assert set(traces(files_bytes(db), BOTKYRKA)) == set(BOTKYRKA) | set(BOTKYRKA.values())
        report_kinds = [
            json.loads(r[0])
            for r in store.conn.execute("SELECT to_json FROM outbox WHERE kind = 'reminder'")
        ]
        assert sorted(t[0] for t in report_kinds) == sorted(BOTKYRKA)
        reports = store.conn.execute(
            "SELECT COUNT(*) FROM outbox WHERE kind = 'deadline-report'"
        ).fetchone()[0]
        assert reports == 1  # Botkyrka's
        # A skeleton journal stays: the purged messages, their outcome kinds, the purge itself.
        journal = store.journal()
        purged = [
            e for e in journal if e["sender"] is None and e["message_id"].startswith("purged:")
        ]
        assert purged and all(o["participant"] is None for e in purged for o in e["outcomes"])
        assert any(o["outcome"] == "confirmed" for e in purged for o in e["outcomes"])
        assert "purged seminar 2022-09-14" in journal[-1]["subject"]
        # A redelivered purged message is still known as handled (§12).
        again = raw_mail(SENDER, block(HUDDINGE), message_id="<h1@huddinge.se>")
        assert pipeline.handle(store, config, again, at("2022-10-01 12:00")).status == "already"
        reader.close()
    assert traces(files_bytes(db), people) == []


def test_purge_removes_the_daily_digests_that_carry_the_seminars_lists(tmp_path: Path) -> None:
    config = make_config(
        tmp_path, SMALL_CONFIG.replace("[organiser]\n", '[organiser]\ndigest_at = "08:00"\n')
    )

    def digests(store: Store) -> int:
        sql = "SELECT COUNT(*) FROM outbox WHERE kind = 'digest'"
        return int(store.conn.execute(sql).fetchone()[0])

    with Store(Path(config.bot.database)) as store:
        raw = raw_mail(SENDER, block(HUDDINGE), message_id="<h1@huddinge.se>")
        assert pipeline.handle(store, config, raw, ON_TIME).status == "handled"
        schedule.tick(store, config, at("2022-09-02 08:00:30"))
        # The next digest names only Botkyrka's new people in its text; Huddinge's are in the
        # attached lists alone, base64-encoded (and deflated in the .xlsx).
        later = raw_mail("x@botkyrka.se", block(BOTKYRKA), message_id="<b1@botkyrka.se>")
        assert pipeline.handle(store, config, later, at("2022-09-02 10:00")).status == "handled"
        schedule.tick(store, config, at("2022-09-03 08:00:30"))
        assert digests(store) == 2
        privacy.purge(store, config, PURGED, at("2022-10-01 12:00"))
        assert digests(store) == 0


def test_purge_removes_the_organisers_cases_about_the_seminars_people(config: Config) -> None:
    """A request for another seminar waits for the organiser as a case (§14), naming the
    participant and the sender: purging the seminar asked for removes it."""
    request = "Namn: Åsa Öberg\nE-post: asa.oberg@huddinge.se\nDatum: 2022-09-15\n"
    with Store(Path(config.bot.database)) as store:
        raw = raw_mail("karin.lind@huddinge.se", request, message_id="<c1@huddinge.se>")
        pipeline.handle(store, config, raw, at("2022-09-01 10:00"))
        assert store.conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0] == 1
        report = privacy.purge(store, config, KEPT, at("2022-10-01 12:00"))
        assert report.counts["cases"] == 1
        assert store.conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0] == 0


def test_purge_removes_an_unclear_organisations_case_the_seminars_actors_might_have_had(
    config: Config,
) -> None:
    """An unclear organisation (§4.3) waits as a case that keeps the people read; nobody was
    booked, so only its candidates tie it to the seminar: purging the seminar removes it."""
    people = "Namn: Leila Ahmadi\nE-post: leila@stockholm.se\n"
    with Store(Path(config.bot.database)) as store:
        raw = raw_mail("karin@stockholm.se", people, message_id="<u1@stockholm.se>")
        pipeline.handle(store, config, raw, at("2022-09-01 10:00"))
        [kind] = store.conn.execute("SELECT kind FROM cases").fetchone()
        assert kind == "ambiguous" and store.participants() == []
        assert privacy.purge(store, config, KEPT, at("2022-10-01 12:00")).counts["cases"] == 0
        assert privacy.purge(store, config, PURGED, at("2022-10-01 12:00")).counts["cases"] == 1
        assert store.conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0] == 0


def test_purge_twice_finds_nothing_more(config: Config) -> None:
    with Store(config.bot.database) as store:
        fill(store, config)
        privacy.purge(store, config, PURGED, at("2022-10-01 12:00"))
        second = privacy.purge(store, config, PURGED, at("2022-10-01 12:05"))
    assert second.counts["registrations"] == 0 and second.counts["outbox"] == 0


def test_purge_removes_held_messages_and_their_tokens(tmp_path: Path) -> None:
    text = SMALL_CONFIG.replace(
        "[security]\n",
        '[security]\ntrusted_authserv_ids = ["mx.lansstyrelsen.example"]\nunauthenticated = "confirm"\n',
    )
    config = make_config(tmp_path, text)
    db = Path(config.bot.database)
    with Store(db) as store:
        raw = raw_mail(SENDER, block(HUDDINGE), message_id="<held@x>", display_name=SENDER_NAME)
        assert pipeline.handle(store, config, raw, ON_TIME).outcomes[0].rule == "confirm-sender"
        assert store.conn.execute("SELECT COUNT(*) FROM held").fetchone()[0] == 1
        report = privacy.purge(store, config, PURGED, at("2022-10-01 12:00"))
        assert report.counts["held"] == 1
        assert store.conn.execute("SELECT COUNT(*) FROM held").fetchone()[0] == 0
        assert traces(files_bytes(db), {**HUDDINGE, SENDER: SENDER_NAME}) == []


# --------------------------------------------------------------------------- the command


def mailbot(
    *args: str, cwd: Path, stdin: int | None = subprocess.DEVNULL
) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("mailbot")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILBOT_")}
    return subprocess.run(
        [str(exe), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        stdin=stdin,
        timeout=120,
    )


def test_purge_without_a_terminal_needs_yes(config: Config, tmp_path: Path) -> None:
    with Store(config.bot.database) as store:
        fill(store, config)
    refused = mailbot("purge", "--seminar", PURGED, cwd=tmp_path)
    assert refused.returncode == 2 and "--yes" in refused.stderr
    with Store(config.bot.database) as store:
        assert store.participants(PURGED)
    done = mailbot("purge", "--seminar", PURGED, "--yes", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "purged seminar 2022-09-14: 6 registrations" in done.stdout
    with Store(config.bot.database) as store:
        assert store.participants(PURGED) == [] and store.participants(KEPT)


@pytest.mark.parametrize("typed, deleted", [("2022-09-14", True), ("yes", False)])
def test_purge_on_a_terminal_asks_for_the_seminar_id(
    config: Config, tmp_path: Path, typed: str, deleted: bool
) -> None:
    with Store(config.bot.database) as store:
        fill(store, config)
    master, slave = os.openpty()
    try:
        os.write(master, typed.encode() + b"\n")
        result = mailbot("purge", "--seminar", PURGED, cwd=tmp_path, stdin=slave)
    finally:
        os.close(master)
        os.close(slave)
    assert "Type the seminar id" in result.stdout
    assert result.returncode == (0 if deleted else 2), result.stderr
    with Store(config.bot.database) as store:
        assert (store.participants(PURGED) == []) is deleted


def test_purge_of_an_unknown_seminar_is_a_usage_error(config: Config, tmp_path: Path) -> None:
    result = mailbot("purge", "--seminar", "1999-01-01", "--yes", cwd=tmp_path)
    assert result.returncode == 2 and "no such seminar" in result.stderr


# --------------------------------------------------------------------------- retention


def test_retention_purges_each_seminar_once_n_days_after_it_ended(tmp_path: Path) -> None:
    config = make_config(tmp_path, SMALL_CONFIG + "\n[retention]\ndays_after_seminar = 30\n")
    with Store(config.bot.database) as store:
        fill(store, config)
        schedule.tick(store, config, at("2022-10-14 16:00"))  # 29.98 days after the 14th ended
        assert store.participants(PURGED)
        schedule.tick(store, config, at("2022-10-15 12:00"))
        assert store.participants(PURGED) == [] and store.participants(KEPT)
        schedule.tick(store, config, at("2022-10-15 13:00"))
        purges = [e for e in store.journal() if "retention" in (e["subject"] or "")]
        assert len(purges) == 1
        schedule.tick(store, config, at("2022-10-16 12:00"))
        assert store.participants(KEPT) == []
        assert traces(files_bytes(Path(config.bot.database)), {**HUDDINGE, **BOTKYRKA}) == []


# --------------------------------------------------------------------------- export


def test_export_person_prints_everything_stored_about_one_address(
    config: Config, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store(config.bot.database) as store:
        fill(store, config)
    capsys.readouterr()
    assert cli.main(["export-person", "Per.Strom@Huddinge.se", "--config", str(config.path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["email"] == "per.strom@huddinge.se"
    assert [(r["seminar"], r["status"], r["name"]) for r in data["registrations"]] == [
        (PURGED, "cancelled", "Per Ström")
    ]
    sent = [m for m in data["messages"] if m["sender"] == "per.strom@huddinge.se"]
    assert [m["message_id"] for m in sent] == ["<h3@huddinge.se>"]
    assert {"confirmed", "cancelled"} <= {
        o["outcome"] for m in data["messages"] for o in m["outcomes"]
    }
    assert {o["kind"] for o in data["outbox"]} >= {"confirmed", "reminder"} - {"reminder"}
    assert all("raw" not in o for o in data["outbox"])
    assert data["held"] == [] and data["registered_others"] == []
    assert data["messages"][0]["received_at"].endswith("+02:00")


def test_export_of_a_registering_sender_lists_whom_they_registered(
    config: Config, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store(config.bot.database) as store:
        fill(store, config)
    capsys.readouterr()
    cli.main(["export-person", SENDER, "--config", str(config.path)])
    data = json.loads(capsys.readouterr().out)
    assert {r["email"] for r in data["registered_others"]} == set(HUDDINGE)
    assert {m["message_id"] for m in data["messages"]} >= {"<h1@huddinge.se>", "<h2@huddinge.se>"}


# --------------------------------------------------------------------------- files


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_and_its_wal_and_shm_files_are_owner_only(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        db = tmp_path / "sub" / "m.sqlite3"
        with Store(db) as store:
            store.messages.save_raw("<x@y>", b"x", ON_TIME, size=1)
            files = [Path(f"{db}{s}") for s in ("", "-wal", "-shm")]
            assert all(f.exists() for f in files)
            assert [mode(f) for f in files] == [0o600, 0o600, 0o600]
    finally:
        os.umask(old)


def test_outbox_files_are_owner_only_from_the_start(config: Config, tmp_path: Path) -> None:
    out = tmp_path / "out"
    old = os.umask(0o022)
    try:
        mail = raw_mail(SENDER, block({"asa.oberg@huddinge.se": "Åsa Öberg"}), message_id="<o@x>")
        path = tmp_path / "m.eml"
        path.write_bytes(mail)
        (out).mkdir()
        (out / "000001-confirmed.eml").write_bytes(b"old")  # an earlier run's file, 0644
        argv = ["process", str(path), "--config", str(config.path), "--now", "2022-09-01T10:00"]
        assert cli.main([*argv, "--outbox", str(out)]) == 0
    finally:
        os.umask(old)
    files = sorted(out.glob("*.eml"))
    assert files and all(mode(f) == 0o600 for f in files)
    fresh = tmp_path / "fresh"
    with Store(config.bot.database) as store:
        store.conn.execute("UPDATE outbox SET status = 'queued'")
        commands.write_outbox(store, fresh, ON_TIME)
    assert mode(fresh) == 0o700 and all(mode(f) == 0o600 for f in fresh.glob("*.eml"))


# --------------------------------------------------------------------------- logs


def test_no_participant_address_or_name_in_logs_above_debug(
    config: Config, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.DEBUG, logger="mailbot")
    with Store(config.bot.database) as store:
        fill(store, config)
        for f in sorted(FIXTURES.glob("*.eml")):
            pipeline.handle(store, config, f.read_bytes(), ON_TIME)

        def explode(*args: object, **kwargs: object) -> NoReturn:
            raise ValueError("cannot render for Åsa Öberg <asa.oberg@huddinge.se>")

        monkeypatch.setattr(pipeline, "decide", explode)
        raw = raw_mail(SENDER, block(HUDDINGE), message_id="<boom@x>", display_name=SENDER_NAME)
        for _ in range(pipeline.MAX_ATTEMPTS):
            pipeline.handle(store, config, raw, ON_TIME)
        people = {r.email: r.name for r in store.participants()}
        senders = {e["sender"]: "" for e in store.journal() if e["sender"]}
    people.update(HUDDINGE)
    addresses = [a for a in {**people, **senders} if a not in (ORGANISER, BOT)]
    names = [n for n in people.values() if len(n) > 3]
    loud = [r for r in caplog.records if r.levelno > logging.DEBUG]
    assert loud  # the pipeline does log at INFO
    for record in loud:
        text = record.getMessage() + (record.exc_text or "")
        if record.exc_info:
            text += logging.Formatter().formatException(record.exc_info)
        assert not [a for a in addresses if a.casefold() in text.casefold()], text
        assert not [n for n in names if n in text], text
    # The error itself is kept where the organiser can read it: the journal.
    with Store(config.bot.database) as store:
        failed = next(e for e in store.journal() if e["message_id"] == "<boom@x>")
    assert "asa.oberg@huddinge.se" in failed["error"]


def test_smtp_errors_are_logged_without_the_recipient_address(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="mailbot")

    class Recorder:
        """An outbox store that keeps nothing: only what is logged matters here."""

        def claim_due(self, now: dt.datetime, limit: int) -> list[OutboxItem]:
            return []

        def release(self, item_ids: Sequence[int]) -> None: ...
        def mark_sent(self, item_id: int, at: dt.datetime, refused: Mapping[str, str]) -> None: ...
        def mark_retry(self, item_id: int, error: str, next_attempt_at: dt.datetime) -> None: ...
        def mark_failed(self, item_id: int, error: str, at: dt.datetime) -> None: ...
        def mark_partial(
            self,
            item_id: int,
            at: dt.datetime,
            remaining: Sequence[str],
            refused: Mapping[str, str],
            error: str,
            next_attempt_at: dt.datetime,
        ) -> None: ...

    item = OutboxItem(1, "<m@x>", BOT, ("asa.oberg@huddinge.se",), b"", 0)
    refusal = "550 5.1.1 <asa.oberg@huddinge.se>: Recipient address rejected"
    outbox._record(Recorder(), item, outbox.Result("failed", refusal), ON_TIME)
    outbox._record(Recorder(), item, outbox.Result("retry", "451 " + refusal), ON_TIME)
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "550 5.1.1 <<address>>" in logged and "asa.oberg" not in logged


def test_the_redacting_filter_cleans_messages_and_tracebacks() -> None:
    logger = logging.getLogger("mailbot.test-redact")
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep()
    handler.addFilter(logs.RedactAddresses())
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        logger.warning("refused %s", "asa.oberg@huddinge.se")
        try:
            raise ValueError("bad asa.oberg@huddinge.se")
        except ValueError:
            logger.exception("failed")
        logger.debug("kept for developers: %s", "asa.oberg@huddinge.se")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)
    assert records[0].getMessage() == "refused <address>"
    assert "asa.oberg" not in (records[1].exc_text or "") and "<address>" in (
        records[1].exc_text or ""
    )
    assert "asa.oberg@huddinge.se" in records[2].getMessage()
