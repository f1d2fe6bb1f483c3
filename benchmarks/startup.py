"""Start-up time of `mailbot --help` and `mailbot status` (target: under 300 ms).

    python benchmarks/startup.py [--runs 10]

Runs each command `--runs` times as a new process (wall time, median and spread), then once
more under `python -X importtime` to list the slowest imports and to check that `status`
imports none of the heavy libraries it does not need (the parser's, the templates', the
calendar's, the authentication checks').
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import common

HEAVY = (
    "email_validator",
    "jinja2",
    "babel",
    "icalendar",
    "authres",
    "publicsuffixlist",
    "inscriptis",
    "lxml",
    "aiosmtplib",
    "imapclient",
    "apscheduler",
    "mailbot.parsing",
    "mailbot.decide",
    "mailbot.replies",
)


def timed_runs(command: list[str], cwd: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def imports(command: list[str], cwd: Path) -> list[tuple[int, str]]:
    """(cumulative µs, module) of every import the command makes, slowest first."""
    python = [sys.executable, "-X", "importtime", "-c", "from mailbot.cli import main; main()"]
    done = subprocess.run(
        [*python, *command[1:]], cwd=cwd, check=True, capture_output=True, text=True
    )
    found = []
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = line.split("|")
            if cumulative.strip().isdigit():
                found.append((int(cumulative), name.strip()))
    return sorted(found, reverse=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args(argv)
    print(f"machine: {common.machine()}")
    ok = True
    with tempfile.TemporaryDirectory(prefix="mailbot-startup-") as tmp:
        cwd = Path(tmp)
        shutil.copy(common.REPO / "mailbot" / "examples" / "config.toml", cwd / "config.toml")
        shutil.copytree(common.REPO / "mailbot" / "templates", cwd / "templates")
        subprocess.run([common.MAILBOT, "status"], cwd=cwd, check=True, capture_output=True)
        for command in ([common.MAILBOT, "--help"], [common.MAILBOT, "status"]):
            label = " ".join(["mailbot", *command[1:]])
            times = timed_runs(command, cwd, args.runs)
            verdict = "ok" if sorted(times)[len(times) // 2] < 0.3 else "OVER 300 ms"
            print(f"{label:<15} {common.summary([t * 1000 for t in times], ' ms', 0)}  {verdict}")
            found = imports(command, cwd)
            heavy = sorted({n for _, n in found if n.split(".")[0] in HEAVY or n in HEAVY})
            ok = ok and not heavy  # the time is reported; a heavy import is a regression
            slowest = ", ".join(f"{n} {us / 1000:.0f} ms" for us, n in found[:6])
            print(f"  slowest imports: {slowest}")
            print(f"  heavy imports: {', '.join(heavy) or 'none'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
