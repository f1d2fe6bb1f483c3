"""The benchmark scripts (benchmarks/) still run: each once, with a tiny N, against real servers.

No timing is asserted here (a loaded CI machine says nothing about speed); the figures live in
benchmarks/README.md. What is asserted is that each script gets to its summary, that every
message was answered, and that `mailbot status` imports none of the heavy libraries.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"

pytestmark = pytest.mark.servers


def run(script: str, *args: str, timeout: float = 60) -> str:
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    return done.stdout


def test_burst_runs_mailbot_and_the_raw_transport_on_a_small_burst() -> None:
    out = run("burst.py", "--n", "20", "--repeat", "1")
    assert "ratio" in out and "peak RSS" in out and "msg/s" in out


def test_latency_times_idle_and_polling() -> None:
    out = run("latency.py", "--n", "4", "--poll-n", "2", "--poll-seconds", "1")
    assert "IDLE on" in out and "IDLE off" in out
    assert "server's EXISTS → reply (mailbot)" in out


def test_backlog_compares_peak_memory_of_two_sizes() -> None:
    out = run("backlog.py", "--sizes", "10", "20")
    assert "N=    10" in out and "N=    20" in out and "peak RSS" in out


def test_core_measures_the_pipeline_without_network_and_profiles_it() -> None:
    out = run("core.py", "--n", "30", "--repeat", "1", "--profile", "--top", "5")
    assert "per transaction" in out and "cProfile of 30 messages" in out


def test_startup_finds_no_heavy_import_in_status() -> None:
    out = run("startup.py", "--runs", "2")
    assert out.count("heavy imports: none") == 2


def test_stop_times_sigterm_under_a_hung_smtp_start_check() -> None:
    out = run("stop.py", "--runs", "1")
    assert "SIGTERM under a hung SMTP start check: exit after" in out


def test_hostile_mime_times_each_hostile_message() -> None:
    out = run("hostile_mime.py", "--runs", "1", "--only", "bad base64", timeout=120)
    assert "bad base64: " in out and " ms [" in out


def test_sent_compare_finds_the_same_mail_from_the_same_install() -> None:
    """Two runs of one install differ only in what the comparison normalises (Message-ID, Date,
    boundaries, the .ics DTSTAMP): anything else left unnormalised would show here."""
    mailbot = str(Path(sys.executable).with_name("mailbot"))
    out = run("sent_compare.py", "--against", mailbot, "--n", "20", timeout=120)
    assert "SAME: " in out and " with an .ics" in out


def test_readings_compares_every_reading_and_decision_with_those_written(tmp_path: Path) -> None:
    written = tmp_path / "readings.json"
    run("readings.py", "--n", "20", "--decisions", "--write", str(written), timeout=120)
    out = run("readings.py", "--n", "20", "--decisions", "--compare", str(written), timeout=120)
    assert "fields compared: 0 differ" in out
