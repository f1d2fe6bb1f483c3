"""`mailbot tick` and the schedule in `mailbot status` (SPEC §13), run as a user runs them."""

from __future__ import annotations

import csv
import email
import email.policy
import io
from pathlib import Path

import pytest

from mailbot import cli, commands

from support import make_config, registration


@pytest.fixture
def event(tmp_path: Path) -> Path:
    """An event folder with two registrations processed on time."""
    make_config(tmp_path)
    mail = tmp_path / "in.eml"
    mail.write_bytes(
        registration(
            "karin.lind@huddinge.se",
            [("Åsa Öberg", "asa.oberg@huddinge.se"), ("Örjan Ärlig", "orjan@huddinge.se")],
            "<r1@huddinge.se>",
        )
    )
    assert run(tmp_path, "process", str(mail), "--now", "2022-09-01T10:00:00+02:00") == 0
    return tmp_path


def run(event: Path, *args: str) -> int:
    return cli.main([args[0], "--config", str(event / "config.toml"), *args[1:]])


def test_tick_before_anything_is_due_says_so(
    event: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(event, "tick", "--now", "2022-09-02T10:00:00+02:00") == 0
    assert "nothing due at 2022-09-02T10:00:00+02:00" in capsys.readouterr().out


def test_tick_after_the_deadline_writes_the_report_and_reminders_once(
    event: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    out_dir = event / "out"
    assert run(event, "tick", "--now", "2022-09-07T13:00:00+02:00", "--outbox", str(out_dir)) == 0
    printed = capsys.readouterr().out
    assert "reminder: asa.oberg@huddinge.se" in printed and "reminder: orjan@huddinge.se" in printed
    assert printed.count("deadline-report: ") == 2
    files = sorted(p.name for p in out_dir.glob("*.eml"))
    assert (
        sum("reminder" in f for f in files) == 2 and sum("deadline-report" in f for f in files) == 2
    )

    assert run(event, "tick", "--now", "2022-09-07T13:00:00+02:00", "--outbox", str(out_dir)) == 0
    assert "nothing due" in capsys.readouterr().out
    assert len(list(out_dir.glob("*.eml"))) == len(files)


def test_report_file_opens_with_swedish_letters_intact(event: Path) -> None:
    out_dir = event / "out"
    run(event, "tick", "--now", "2022-09-05T00:00:00+02:00", "--outbox", str(out_dir))
    report = next(p for p in sorted(out_dir.glob("*deadline-report.eml")))
    message = email.message_from_bytes(report.read_bytes(), policy=email.policy.default)
    attachment, _xlsx = list(message.iter_attachments())
    data = attachment.get_payload(decode=True)
    assert isinstance(data, bytes)
    assert data[:3] == b"\xef\xbb\xbf"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [r[0] for r in rows] == ["Namn", "Åsa Öberg", "Örjan Ärlig"]
    assert rows[0][3] == "Aktör" and rows[1][5] == "bekräftad"


def test_tick_without_an_offset_reads_now_as_local_time_of_the_seminar(
    event: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    run(event, "tick", "--now", "2022-09-07T12:59:59")  # one second before P7D
    assert "reminder:" not in capsys.readouterr().out
    run(event, "tick", "--now", "2022-09-07T13:00:00")
    assert "reminder: asa.oberg@huddinge.se" in capsys.readouterr().out


def test_tick_with_a_bad_time_is_a_usage_error(
    event: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(event, "tick", "--now", "next tuesday") == commands.EXIT_USAGE
    assert "--now" in capsys.readouterr().err


def test_status_lists_the_next_scheduled_wakeups(
    event: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert run(event, "status", "--now", "2022-09-06T10:00:00+02:00") == 0
    out = capsys.readouterr().out
    assert "Scheduled:" in out
    assert "due now  deadline report 2022-09-14 (queued at the next tick)" in out
    assert "2022-09-07T13:00+02:00  reminder P7D 2022-09-14 (in 1 d 3 h 0 min)" in out
    assert "2022-09-13T13:00+02:00  reminder P1D 2022-09-14" in out


def test_status_after_a_tick_shows_nothing_left_due(
    event: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(event, "tick", "--now", "2022-09-07T13:00:00+02:00")
    capsys.readouterr()
    run(event, "status", "--now", "2022-09-07T14:00:00+02:00")
    out = capsys.readouterr().out
    assert "due now" not in out and "reminder P1D 2022-09-14" in out
