"""The organiser's daily digest (SPEC §14), run as the organiser's server runs it.

Days pass by `--now` (no real waiting); every `mailbot tick` and `mailbot run --once` is a process
start of its own, so "at most one a day" is also "at most one a day across restarts".
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email
import email.policy
import io
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailbot import cli, digest, pipeline, schedule, timetable
from mailbot import config as config_mod
from mailbot.model import Decision
from mailbot.state import MemoryState
from mailbot.store import Store

from servers import ImapPeer, ImapServer, SmtpSink
from support import (
    ORGANISER,
    SMALL_CONFIG,
    BotProcess,
    at,
    make_config,
    present,
    raw_mail,
    registration,
    with_servers,
)

DIGEST_CONFIG = SMALL_CONFIG.replace("[organiser]\n", '[organiser]\ndigest_at = "08:00"\n')
FORMULA_NAME = '=HYPERLINK("x")'


def first_mail() -> bytes:
    body = (
        "Hej,\n\nNamn: Åsa Öberg\nE-post: asa.oberg@huddinge.se\nBefattning: Socialdirektör\n\n"
        f"Namn: {FORMULA_NAME}\nE-post: hyper@huddinge.se\n\nHälsningar\nKarin Lind\n"
    )
    return raw_mail("karin.lind@huddinge.se", body, message_id="<first@huddinge.se>")


def cancellation() -> bytes:
    body = "Hej,\n\nJag kan tyvärr inte komma, så jag avanmäler mig.\n\n/Åsa\n"
    return raw_mail(
        "asa.oberg@huddinge.se", body, message_id="<cancel@huddinge.se>", subject="Avanmälan"
    )


@pytest.fixture
def event(tmp_path: Path) -> Path:
    make_config(tmp_path, DIGEST_CONFIG)
    return tmp_path


def run(event: Path, *args: str) -> int:
    return cli.main([args[0], "--config", str(event / "config.toml"), *args[1:]])


def process(event: Path, data: bytes, now: str) -> None:
    mail = event / f"{uuid.uuid4().hex}.eml"
    mail.write_bytes(data)
    assert run(event, "process", str(mail), "--now", now) == 0


def digests_after_tick(event: Path, now: str) -> list[email.message.EmailMessage]:
    """Run `mailbot tick --now`, and return the digests it wrote."""
    out = event / "out" / now.replace(":", "")
    assert run(event, "tick", "--now", now, "--outbox", str(out)) == 0
    return [parse(p.read_bytes()) for p in sorted(out.glob("*digest.eml"))]


def parse(data: bytes) -> email.message.EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, email.message.EmailMessage)
    return message


def attachments(message: email.message.EmailMessage) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for part in message.iter_attachments():
        data = part.get_payload(decode=True)
        assert isinstance(data, bytes)
        found[str(part.get_filename())] = data
    return found


def body(message: email.message.EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def test_one_digest_a_day_when_something_changed_none_when_nothing_did(event: Path) -> None:
    process(event, first_mail(), "2022-09-01T10:00")
    assert digests_after_tick(event, "2022-09-02T07:59") == []  # not yet its time
    (first,) = digests_after_tick(event, "2022-09-02T08:00:30")
    assert first["To"] == ORGANISER
    assert "Åsa Öberg" in body(first) and "Huddinge kommun: 2 av 4 använda" in body(first)
    assert digests_after_tick(event, "2022-09-02T08:10") == []  # at most one a day
    assert digests_after_tick(event, "2022-09-02T17:00") == []

    # Day 2: nothing changed, so no digest, and a change later that day waits for day 3.
    assert digests_after_tick(event, "2022-09-03T08:00:30") == []
    process(event, cancellation(), "2022-09-03T09:00")
    assert digests_after_tick(event, "2022-09-03T12:00") == []

    (third,) = digests_after_tick(event, "2022-09-04T08:05")
    text = body(third)
    assert "avanmäld: Åsa Öberg <asa.oberg@huddinge.se>" in text
    assert "sedan förra sammanfattningen (2022-09-02 08:00)" in text
    assert "Huddinge kommun: 1 av 4 använda, 3 lediga" in text
    assert digests_after_tick(event, "2022-09-04T08:06") == []


def test_after_days_down_one_catch_up_digest_not_a_pile(event: Path) -> None:
    process(event, first_mail(), "2022-09-01T10:00")
    (catch_up,) = digests_after_tick(event, "2022-09-05T09:30")  # down since the 1st
    assert "2022-09-05" in catch_up["Subject"]
    assert digests_after_tick(event, "2022-09-05T09:40") == []


def test_no_digest_before_the_first_registration_nor_after_the_last_seminar(event: Path) -> None:
    assert digests_after_tick(event, "2022-09-01T08:00:30") == []
    process(event, first_mail(), "2022-09-01T10:00")
    assert digests_after_tick(event, "2022-09-15T16:31") == []  # the last seminar has ended


def test_without_digest_at_there_is_no_digest(tmp_path: Path) -> None:
    make_config(tmp_path)
    process(tmp_path, first_mail(), "2022-09-01T10:00")
    assert digests_after_tick(tmp_path, "2022-09-02T08:00:30") == []


def test_the_digests_spreadsheet_holds_every_participant_with_status_and_actor(event: Path) -> None:
    process(event, first_mail(), "2022-09-01T10:00")
    process(event, cancellation(), "2022-09-01T11:00")
    (message,) = digests_after_tick(event, "2022-09-02T08:00:30")
    files = attachments(message)
    assert set(files) == {
        "deltagare-2022-09-14.csv",
        "deltagare-2022-09-15.csv",
        "deltagare-2022-09-02.xlsx",
    }
    book = openpyxl.load_workbook(io.BytesIO(files["deltagare-2022-09-02.xlsx"]))
    assert book.sheetnames == ["2022-09-14", "2022-09-15"]
    rows = {r[0].value: r for r in book["2022-09-14"].iter_rows(min_row=2)}
    assert (
        rows["Åsa Öberg"][5].value == "avanmäld" and rows["Åsa Öberg"][3].value == "Huddinge kommun"
    )
    formula = rows[FORMULA_NAME]
    assert formula[0].data_type == "s" and formula[5].value == "bekräftad"
    assert rows["Åsa Öberg"][6].value == dt.datetime(2022, 9, 1, 10, 0)
    assert files["deltagare-2022-09-14.csv"].startswith(b"\xef\xbb\xbf")


def test_the_deadline_report_has_the_xlsx_beside_the_unchanged_csv(event: Path) -> None:
    process(event, first_mail(), "2022-09-01T10:00")
    out = event / "report"
    assert run(event, "tick", "--now", "2022-09-05T00:00", "--outbox", str(out)) == 0
    # One report per seminar whose deadline passed; the order of files in a folder is arbitrary.
    reports = [parse(p.read_bytes()) for p in sorted(out.glob("*deadline-report.eml"))]
    report = next(r for r in reports if "deltagare-2022-09-14.csv" in attachments(r))
    files = attachments(report)
    assert list(files) == ["deltagare-2022-09-14.csv", "deltagare-2022-09-14.xlsx"]
    assert files["deltagare-2022-09-14.csv"].startswith(b"\xef\xbb\xbf")
    book = openpyxl.load_workbook(io.BytesIO(files["deltagare-2022-09-14.xlsx"]))
    names = [r[0].value for r in present(book.active).iter_rows(min_row=2)]
    assert sorted(names, key=str) == sorted(["Åsa Öberg", FORMULA_NAME])
    assert "deltagare-2022-09-14.xlsx" in body(report)


# --------------------------------------------------------------------------- when, pure


def config_at(tmp_path: Path, time: str) -> config_mod.Config:
    return make_config(
        tmp_path, SMALL_CONFIG.replace("[organiser]\n", f'[organiser]\ndigest_at = "{time}"\n')
    )


def test_the_digest_time_is_local_wall_time_across_a_daylight_saving_switch(tmp_path: Path) -> None:
    cfg = config_at(tmp_path, "08:00")
    # Sunday 30 October 2022 Sweden leaves summer time: 08:00 is 07:00 UTC that day, 06:00 before.
    assert present(timetable.latest_slot(cfg, at("2022-10-29 09:00")))[1] == dt.datetime(
        2022, 10, 29, 6, tzinfo=dt.UTC
    )
    assert present(timetable.latest_slot(cfg, at("2022-10-30 09:00")))[1] == dt.datetime(
        2022, 10, 30, 7, tzinfo=dt.UTC
    )
    assert present(timetable.latest_slot(cfg, at("2022-10-30 07:59")))[0] == dt.date(2022, 10, 29)


def test_the_next_digest_wake_up_is_tomorrow_and_none_after_the_last_seminar(
    tmp_path: Path,
) -> None:
    cfg = config_at(tmp_path, "08:00")
    assert timetable.next_slot(cfg, at("2022-09-01 08:00")) == at("2022-09-02 08:00")
    assert timetable.next_slot(cfg, at("2022-09-01 07:00")) == at("2022-09-01 08:00")
    assert timetable.next_slot(cfg, at("2022-09-15 09:00")) is None


class Quiet(MemoryState):
    """A `DigestState` from lists: registrations, and the activity the test says happened."""

    def __init__(self, activity: digest.Activity, **kw: Any) -> None:
        super().__init__(**kw)
        self.activity = activity

    def last_digest(self) -> dt.datetime | None:
        return None

    def first_registered_at(self) -> dt.datetime | None:
        return min((r.registered_at for r in self.registrations), default=None)

    def activity_since(self, since: dt.datetime | None, now: dt.datetime) -> digest.Activity:
        return self.activity


def test_a_day_with_nothing_new_is_marked_quiet_and_sends_nothing(tmp_path: Path) -> None:
    from support import booking

    cfg = config_at(tmp_path, "08:00")
    found = digest.digest_due(
        cfg,
        Quiet(digest.Activity(), registrations=[booking("a@huddinge.se")]),
        at("2022-09-02 08:00"),
    )
    assert found == digest.Due(None, ("digest", "", "2022-09-02:quiet"))
    bounced = digest.Activity(
        troubles=(digest.Trouble("bounce", "a@huddinge.se", at("2022-09-01 12:00")),)
    )
    found = digest.digest_due(
        cfg, Quiet(bounced, registrations=[booking("a@huddinge.se")]), at("2022-09-02 08:00")
    )
    assert (
        found is not None
        and found.mail is not None
        and found.marker == ("digest", "", "2022-09-02")
    )


# --------------------------------------------------------------------------- mailbot run


@pytest.mark.servers
def test_mailbot_run_sends_one_digest_a_day_over_three_days_with_restarts(
    imap_server: ImapServer, tmp_path: Path, smtp_sink: SmtpSink
) -> None:
    tag = uuid.uuid4().hex[:8]
    settings = imap_server.settings(folder=f"in-{tag}", done_folder=f"done-{tag}")
    cfg = make_config(tmp_path, with_servers(DIGEST_CONFIG, settings, smtp_sink.settings()))
    with ImapPeer.to(imap_server) as peer:
        peer.ensure_folder(settings.folder)
        peer.append([first_mail()], settings.folder, internal_date=at("2022-09-01 10:00"))

    def run_once(now: str) -> None:
        bot = BotProcess(
            cfg.path,
            "--once",
            "--now",
            now,
            password=imap_server.password,
            log=tmp_path / "run.log",
        )
        assert bot.wait(60) == 0, bot.tail()

    def digests() -> list[email.message.EmailMessage]:
        found = [parse(r.data) for r in smtp_sink.received]
        return [m for m in found if m["Subject"].startswith("Dagens läge")]

    run_once("2022-09-01T10:00")  # the registration is handled; no digest before 08:00 tomorrow
    assert digests() == []
    run_once("2022-09-02T08:00:30")
    run_once("2022-09-02T09:00")  # a restart the same day
    assert len(digests()) == 1
    run_once("2022-09-03T08:00:30")  # nothing changed
    assert len(digests()) == 1
    with ImapPeer.to(imap_server) as peer:
        peer.append(
            [
                registration(
                    "karin.lind@huddinge.se",
                    [("Örjan Ärlig", "orjan@huddinge.se")],
                    "<r2@huddinge.se>",
                )
            ],
            settings.folder,
            internal_date=at("2022-09-03 10:00"),
        )
    run_once("2022-09-03T10:00")
    run_once("2022-09-04T08:00:30")
    assert len(digests()) == 2
    last = digests()[-1]
    assert (
        "Örjan Ärlig" in body(last) and "Åsa Öberg" not in body(last).split("Huddinge kommun:")[0]
    )
    book = openpyxl.load_workbook(io.BytesIO(attachments(last)["deltagare-2022-09-04.xlsx"]))
    names = {r[0].value: r[5].value for r in book["2022-09-14"].iter_rows(min_row=2)}
    assert names == {
        "Åsa Öberg": "bekräftad",
        FORMULA_NAME: "bekräftad",
        "Örjan Ärlig": "bekräftad",
    }


# --------------------------------------------------------------------------- the scheduler


def test_the_running_scheduler_sends_the_digest_at_its_time_and_plans_the_next(event: Path) -> None:
    process(event, first_mail(), "2022-09-01T10:00")
    cfg = config_mod.load(event / "config.toml", {})
    slot = at("2022-09-02 08:00")
    looks: list[Decision] = []
    real_start = time.monotonic()

    def clock() -> dt.datetime:  # 300 ms before the digest time, running at real speed
        return (
            slot
            - dt.timedelta(milliseconds=300)
            + dt.timedelta(seconds=time.monotonic() - real_start)
        )

    async def main() -> list[tuple[dt.datetime, str]]:
        scheduler = schedule.Scheduler(
            lambda: Store(cfg.bot.database), cfg, clock, on_tick=looks.append
        )
        scheduler.start()
        assert "daily digest" in [what for _, what in scheduler.planned()]
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not any(d.mails for d in looks):
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.2)  # the digest job plans the next one after its look
        planned = scheduler.planned()
        await scheduler.shutdown()
        return planned

    planned = asyncio.run(main())
    assert looks[0].mails == ()  # the look at start: not yet its time
    assert [m.kind for d in looks for m in d.mails] == ["digest"]
    (next_fire,) = [t for t, what in planned if what == "daily digest"]
    assert (
        dt.timedelta(hours=23, minutes=59)
        < next_fire - dt.datetime.now(dt.UTC)
        <= dt.timedelta(days=1)
    )


# --------------------------------------------------------------------------- the rule, in general

START = at("2022-09-01 06:00")
steps = st.lists(
    st.tuples(st.integers(0, 5 * 24 * 4), st.sampled_from(["tick", "tick", "register"])),
    max_size=14,
).map(sorted)


@settings(max_examples=15, deadline=None)
@given(steps=steps)
def test_at_most_one_digest_a_day_each_with_news_and_none_left_untold(
    steps: list[tuple[int, str]],
) -> None:
    """Any order of looks and registrations over five days, then a look on the sixth morning."""
    with tempfile.TemporaryDirectory() as folder:
        cfg = make_config(Path(folder), DIGEST_CONFIG)
        with Store(cfg.bot.database) as store:
            registered: list[dt.datetime] = []
            for n, (quarter, what) in enumerate(steps):
                now = START + dt.timedelta(minutes=15 * quarter)
                if what == "tick":
                    schedule.tick(store, cfg, now)
                    continue
                raw = registration(
                    f"s{n}@huddinge.se", [(f"Person {n}", f"p{n}@huddinge.se")], f"<{n}@h>"
                )
                result = pipeline.handle(store, cfg, raw, now)
                if result.outcomes[0].outcome in ("confirmed", "waitlisted"):
                    registered.append(now)  # not after the deadline (the 4th, 23:59:59)
            schedule.tick(store, cfg, at("2022-09-07 09:00"))
            sent = [
                (dt.date.fromisoformat(key), dt.datetime.fromisoformat(done))
                for key, done in store.conn.execute(
                    "SELECT key, done_at FROM scheduled WHERE kind = 'digest' AND key NOT LIKE '%quiet'"
                    " ORDER BY done_at"
                )
            ]
            queued = store.conn.execute(
                "SELECT COUNT(*) FROM outbox WHERE kind = 'digest'"
            ).fetchone()[0]
    assert queued == len(sent)
    days = [day for day, _ in sent]
    assert len(days) == len(set(days))  # at most one a day
    previous = dt.datetime.min.replace(tzinfo=dt.UTC)
    for day, done in sent:
        assert at(f"{day} 08:00") <= done  # never before its time
        assert any(previous < r <= done for r in registered)  # only with something new
        previous = done
    assert all(r <= previous for r in registered)  # nothing left untold


def test_check_config_says_which_zone_the_digest_time_is_in_when_seminars_differ(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = DIGEST_CONFIG.replace(
        'timezone = "Europe/Stockholm"\nlocation = "Länsstyrelsen Stockholm, Regeringsgatan 66, plan 4, lokal Grand"\ndeadline = 2022-09-04T23:59:59\nreminders = ["P1D"]',
        'timezone = "Europe/Helsinki"\nlocation = "Helsingfors"\ndeadline = 2022-09-04T23:59:59\nreminders = ["P1D"]',
    )
    assert "Europe/Helsinki" in text
    make_config(tmp_path, text)
    assert run(tmp_path, "check-config") == 0
    err = capsys.readouterr().err
    assert "digest_at 08:00 is local time in Europe/Stockholm" in err and "Europe/Helsinki" in err
