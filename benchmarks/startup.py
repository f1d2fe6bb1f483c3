"""Start-up time of `mailbot --help` and `mailbot status` (targets: 50 ms and 100 ms).

    python benchmarks/startup.py [--runs 10]

Runs each command `--runs` times as a new process (wall time and CPU time, median and spread),
then once more under `python -X importtime` to list the slowest imports and to check that each
command imports none of the modules it does not need (`HEAVY`, and for `--help` also `HELP_HEAVY`;
`tests/test_startup_imports.py` checks the same lists without timing anything).

Two ways of starting are timed, each with its own bytecode cache in the temporary folder:

- *installed*: every module's bytecode cached, as after `pip install` (which compiles it) or any
  earlier run. This is what an organiser waits for, and what the targets are for.
- *from source*: mailbot's own modules compiled on every start (the standard library's and the
  dependencies' bytecode cached), as in a checkout run with `PYTHONDONTWRITEBYTECODE=1` — our
  worktrees. Shown because it is what a developer measures there; it grows with the source that
  a command imports.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

import common

# What `mailbot status` must not import (a name matches itself and everything below it): the
# parser's, the templates', the calendar's and the authentication checks' libraries, the mail
# and network machinery, the OAuth providers, the service, and mailbot's own modules that only
# the service uses. Each was once in `status`'s imports, or would be by one careless import.
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
    "xlsxwriter",
    "msal",
    "google",
    "email",
    "asyncio",
    "ssl",
    "socket",
    "uuid",
    "logging",
    "hashlib",
    "csv",
    "mailbot.parsing",
    "mailbot.reading",
    "mailbot.decide",
    "mailbot.replies",
    "mailbot.pipeline",
    "mailbot.service",
    "mailbot.schedule",
    "mailbot.oauth",
    "mailbot.oauth_google",
    "mailbot.oauth_microsoft",
    "mailbot.oauth_http",
    "mailbot.authentication",
    "mailbot.imap",
    "mailbot.outbox",
    "mailbot.health",
    "mailbot.due",
    "mailbot.digest",
    "mailbot.spreadsheet",
    "mailbot.store.journal",
    "mailbot.store.personal",
    "mailbot.store.activity",
)
# `mailbot --help` reads neither the config nor the database.
HELP_HEAVY = ("mailbot.config", "mailbot.store", "sqlite3", "tomllib", "zoneinfo", "json")


def heavy_among(modules: list[str], heavy: tuple[str, ...]) -> list[str]:
    """The modules of `modules` that are, or are below, a name of `heavy`."""
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in heavy))


def timed_runs(
    command: list[str], cwd: Path, env: Mapping[str, str], runs: int
) -> tuple[list[float], list[float]]:
    """(wall ms, CPU ms) of each run; CPU is the child's user + system time, which other work on
    a shared machine disturbs less than the wall time."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
        walls.append((time.perf_counter() - start) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000)
    return walls, cpus


def imports(command: list[str], cwd: Path, env: Mapping[str, str]) -> list[tuple[int, str]]:
    """(cumulative µs, module) of every import the command makes, slowest first."""
    python = [sys.executable, "-X", "importtime", "-c", "from mailbot.cli import main; main()"]
    done = subprocess.run(
        [*python, *command[1:]], cwd=cwd, env=env, check=True, capture_output=True, text=True
    )
    found = []
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = line.split("|")
            if cumulative.strip().isdigit():
                found.append((int(cumulative), name.strip()))
    return sorted(found, reverse=True)


def environments(tmp: Path) -> dict[str, dict[str, str]]:
    """The two ways of starting, each with a bytecode cache of its own, filled by one run."""
    installed = {**os.environ, "PYTHONPYCACHEPREFIX": str(tmp / "pyc-installed")}
    source = {**os.environ, "PYTHONPYCACHEPREFIX": str(tmp / "pyc-source")}
    for env in (installed, source):
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        warm = [common.MAILBOT, "status"]
        subprocess.run(warm, cwd=tmp, env=env, check=True, capture_output=True)
    # from source: forget mailbot's own bytecode, and write none again
    spec = importlib.util.find_spec("mailbot")  # where the venv's mailbot is, not imported
    assert spec is not None and spec.submodule_search_locations
    package = Path(spec.submodule_search_locations[0]).resolve()
    shutil.rmtree(Path(source["PYTHONPYCACHEPREFIX"]) / package.relative_to(package.anchor))
    source["PYTHONDONTWRITEBYTECODE"] = "1"
    return {"installed": installed, "from source": source}


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
        envs = environments(cwd)
        load = os.getloadavg()[0]
        commands = (([common.MAILBOT, "--help"], 50), ([common.MAILBOT, "status"], 100))
        for command, target in commands:
            label = " ".join(["mailbot", *command[1:]])
            for how, env in envs.items():
                walls, cpus = timed_runs(command, cwd, env, args.runs)
                verdict = ""
                if how == "installed":
                    over = statistics.median(walls) > target
                    verdict = f"  {'OVER' if over else 'ok'} (target {target} ms)"
                print(
                    f"{label:<15} {how:<12} wall {common.summary(walls, ' ms', 0)},"
                    f" CPU {common.summary(cpus, ' ms', 0)}{verdict}"
                )
            found = imports(command, cwd, envs["installed"])
            names = [n for _, n in found]
            heavy = heavy_among(names, HEAVY + (HELP_HEAVY if "--help" in command else ()))
            ok = ok and not heavy  # the time is reported; a heavy import is a regression
            slowest = ", ".join(f"{n} {us / 1000:.0f} ms" for us, n in found[:6])
            print(f"  {len(names)} modules; slowest imports (installed): {slowest}")
            print(f"  heavy imports: {', '.join(heavy) or 'none'}")
        print(f"load average: {load:.2f} at the start, {os.getloadavg()[0]:.2f} at the end")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
