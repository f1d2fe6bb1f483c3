"""`mailbot demo`, the README's quick start, as a user runs it: no account, no config, no setup."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mailbot import demo, shipped


@pytest.mark.servers
def test_demo_runs_the_samples_through_the_service_and_shows_what_went_out(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILBOT_")}
    started = time.monotonic()
    result = subprocess.run(
        [str(Path(sys.executable).with_name("mailbot")), "demo"],
        cwd=tmp_path,  # anywhere: the event and the samples are package data
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    seconds = time.monotonic() - started

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    samples = shipped.sample_mail()
    assert all(f". {sample.name}  (arrived 2022-09-01 10:0" in out for sample in samples)
    assert "confirmed asa.oberg@huddinge.se  [register/key-block]" in out
    assert "reply:    confirmed → Åsa Öberg <asa.oberg@huddinge.se>" in out
    assert "cc karin.lindstrom@huddinge.se" in out
    assert "promoted lina.holm@huddinge.se" in out  # the cancellation freed a seat
    assert "(not received!)" not in out
    assert f"{len(samples)} messages handled and moved (INBOX: 0, Processed: {len(samples)})" in out
    assert list(tmp_path.iterdir()) == []  # nothing left behind
    assert seconds < 15


def test_the_demo_config_keeps_the_event_and_replaces_the_servers() -> None:
    text = shipped.example_config().read_text(encoding="utf-8")
    kept = demo.event_sections(text)
    assert "[imap]" not in kept and "[smtp]" not in kept and "[bot]" not in kept
    assert kept.count("[[actors]]") == text.count("[[actors]]")
    assert "[organiser]" in kept and "[seats]" in kept
