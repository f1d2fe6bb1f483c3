"""The command line end to end (SPEC §13): `mailbot process` on real mail, then read it back."""

from __future__ import annotations

import email
import email.policy
import json
import mailbox
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from support import REPO

EXAMPLES = REPO / "mailbot" / "examples" / "registrations"


def mailbot(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the installed console script the way a user does."""
    exe = Path(sys.executable).with_name("mailbot")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILBOT_")}
    result = subprocess.run(
        [str(exe), *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"mailbot {' '.join(args)} exited {result.returncode}: {result.stderr}"
        )
    return result


@pytest.fixture
def event(tmp_path: Path) -> Path:
    """A folder with the shipped example config, as an organiser has it (the reply templates are
    the shipped ones: no templates folder needed)."""
    shutil.copy(REPO / "mailbot" / "examples" / "config.toml", tmp_path / "config.toml")
    return tmp_path


@pytest.fixture
def maildir(tmp_path: Path) -> Path:
    """The examples in a Maildir, in their order. Not `Maildir.add`: its names carry the
    microseconds unpadded (`M99999` sorts after `M100000`), so the order `process` reads them in
    (by name) was sometimes not the examples' order, and a booking came out differently."""
    mailbox.Maildir(tmp_path / "Maildir", create=True)
    for n, f in enumerate(sorted(EXAMPLES.glob("*.eml"))):
        (tmp_path / "Maildir" / "new" / f"{n:04d}.example").write_bytes(f.read_bytes())
    return tmp_path / "Maildir"


def participants(event: Path, *extra: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(
        mailbot("participants", "--format", "json", *extra, cwd=event).stdout
    )
    return rows


def test_process_on_a_maildir_produces_participants_journal_and_reply_files(
    event: Path, maildir: Path
) -> None:
    out = mailbot(
        "process", str(maildir), "--now", "2022-09-01T10:00:00+02:00", "--outbox", "out", cwd=event
    )
    assert "mails written" in out.stdout
    people = {p["email"]: p for p in participants(event)}
    assert people["asa.oberg@huddinge.se"]["status"] == "confirmed"
    assert people["asa.oberg@huddinge.se"]["title"] == "Socialdirektör"
    assert people["asa.oberg@huddinge.se"]["actor"] == "Huddinge kommun"
    assert people["lina.holm@huddinge.se"]["status"] == "confirmed"  # promoted when Per cancelled
    assert people["per.strom@huddinge.se"]["status"] == "cancelled"
    assert people["leila.haddad@stockholm.se"]["actor"] == "Rinkeby-Kista stadsdelsförvaltning"
    assert people["anders.wikstrom@polisen.se"]["actor"] == "Lokalpolisområde Järva"
    assert people["tomas.fors@botkyrka.se"] == people["tomas.fors@botkyrka.se"] | {
        "status": "pending",
        "seminar": "2022-09-15",
    }
    assert "kalle.anka@gmail.com" not in people
    assert people["asa.oberg@huddinge.se"]["registered_at"] == "2022-09-01T10:00:00+02:00"

    journal = json.loads(mailbot("messages", "--format", "json", cwd=event).stdout)
    by_id = {m["message_id"]: m for m in journal}
    assert len(journal) == 9  # the start-up seats check found nothing to do: no entry
    not_invited = by_id["<msg-06@gmail.com>"]
    assert not_invited["outcomes"] == [
        {
            "outcome": "rejected-not-invited",
            "participant": None,
            "rule": "not-invited",
            "reason": "gmail.com is not an invited actor's domain",
        }
    ]
    assert not_invited["replies"][0]["to"] == ["kalle.anka@gmail.com"]
    assert by_id["<msg-07@huddinge.se>"]["outcomes"][0]["outcome"] == "ignored"
    assert by_id["<msg-07@huddinge.se>"]["replies"] == []
    assert [o["outcome"] for o in by_id["<msg-09@huddinge.se>"]["outcomes"]] == [
        "cancelled",
        "promoted",
    ]

    files = sorted((event / "out").glob("*.eml"))
    assert len(files) == sum(len(m["replies"]) for m in journal)
    first = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert first["In-Reply-To"] == "<20220829091500.1@huddinge.se>"


def test_processing_the_same_folder_twice_handles_nothing_again(event: Path, maildir: Path) -> None:
    mailbot("process", str(maildir), "--now", "2022-09-01T10:00:00+02:00", cwd=event)
    again = mailbot("process", str(maildir), "--now", "2022-09-01T11:00:00+02:00", cwd=event)
    assert again.stdout.count("already handled") == 9


def test_registrations_after_the_deadline_are_closed(event: Path) -> None:
    mailbot(
        "process",
        str(EXAMPLES / "01-huddinge-five.eml"),
        "--now",
        "2022-09-05T00:00:00+02:00",
        cwd=event,
    )
    assert participants(event) == []
    journal = json.loads(mailbot("messages", "--format", "json", cwd=event).stdout)
    assert journal[-1]["outcomes"][0]["outcome"] == "rejected-closed"


def test_participants_as_csv_and_for_one_seminar(event: Path, maildir: Path) -> None:
    mailbot("process", str(maildir), "--now", "2022-09-01T10:00:00+02:00", cwd=event)
    csv_out = mailbot(
        "participants", "--format", "csv", "--seminar", "2022-09-15", cwd=event
    ).stdout
    assert csv_out.splitlines()[0].startswith("name,email,organisation,title,actor,seminar,status")
    assert "tomas.fors@botkyrka.se" in csv_out and "asa.oberg" not in csv_out


def test_organiser_moves_a_forwarded_participant_onto_the_seminar_asked_for(
    event: Path, maildir: Path
) -> None:
    mailbot("process", str(maildir), "--now", "2022-09-01T10:00:00+02:00", cwd=event)
    out = mailbot(
        "move",
        "tomas.fors@botkyrka.se",
        "--seminar",
        "2022-09-15",
        "--now",
        "2022-09-06T09:00:00+02:00",
        cwd=event,
    )
    assert "confirmed" in out.stdout
    moved = [p for p in participants(event) if p["email"] == "tomas.fors@botkyrka.se"]
    assert [(p["seminar"], p["status"]) for p in moved] == [("2022-09-15", "confirmed")]


def test_organiser_cancel_promotes_from_the_waitlist(event: Path) -> None:
    mailbot(
        "process",
        str(EXAMPLES / "01-huddinge-five.eml"),
        "--now",
        "2022-09-01T10:00:00+02:00",
        cwd=event,
    )
    out = mailbot(
        "cancel", "asa.oberg@huddinge.se", "--now", "2022-09-06T09:00:00+02:00", cwd=event
    )
    assert (
        "cancelled asa.oberg@huddinge.se" in out.stdout
        and "promoted lina.holm@huddinge.se" in out.stdout
    )


def test_status_shows_seats_used_and_free_per_actor(event: Path, maildir: Path) -> None:
    mailbot("process", str(maildir), "--now", "2022-09-01T10:00:00+02:00", cwd=event)
    out = mailbot("status", cwd=event).stdout
    line = next(s for s in out.splitlines() if s.strip().startswith("Huddinge kommun"))
    assert line.split()[2:6] == ["4", "4", "0", "0"]


def test_process_needs_no_password_variables(event: Path, maildir: Path) -> None:
    result = mailbot("process", str(maildir), "--now", "2022-09-01T10:00:00+02:00", cwd=event)
    assert result.returncode == 0


def test_a_bad_config_exits_non_zero_without_a_traceback(event: Path) -> None:
    (event / "config.toml").write_text("[bot]\naddress = 1\n", encoding="utf-8")
    result = mailbot("participants", cwd=event, check=False)
    assert (
        result.returncode != 0
        and "Traceback" not in result.stderr
        and "bot.address" in result.stderr
    )


def test_a_missing_input_path_is_a_usage_error(event: Path) -> None:
    result = mailbot("process", "no-such-folder", cwd=event, check=False)
    assert result.returncode == 2 and "no-such-folder" in result.stderr
