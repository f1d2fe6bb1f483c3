"""The `mailbot` console script run as a user runs it, for the command-line tests."""

from __future__ import annotations

import email
import email.policy
import os
import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "mailbot" / "examples" / "registrations"
PASSWORDS = {"MAILBOT_IMAP_PASSWORD": "imap-secret", "MAILBOT_SMTP_PASSWORD": "smtp-secret"}


def mailbot(
    *args: str, cwd: Path, exe: Path | None = None, environ: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The console script as a user runs it, with only the environment it is given."""
    exe = exe or Path(sys.executable).with_name("mailbot")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILBOT_")}
    return subprocess.run(
        [str(exe), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env | (environ or {}),
        timeout=120,
        check=False,
    )


def subjects(outbox: Path) -> dict[str, str]:
    """The Subject of each written reply, by its kind (`000001-confirmed.eml` → confirmed)."""
    found = {}
    for f in sorted(outbox.glob("*.eml")):
        message = email.message_from_bytes(f.read_bytes(), policy=email.policy.default)
        found[f.stem.split("-", 1)[1]] = str(message["Subject"])
    return found


def process_first_sample(folder: Path, exe: Path | None = None) -> dict[str, str]:
    """Åsa Öberg's registration of five (sample 01), processed with `mailbot process`."""
    result = mailbot(
        "process",
        str(SAMPLE / "01-huddinge-five.eml"),
        "--now",
        "2022-09-01T10:00:00+02:00",
        "--outbox",
        "out",
        cwd=folder,
        exe=exe,
    )
    assert result.returncode == 0, result.stderr
    assert "template" not in result.stderr
    return subjects(folder / "out")
