"""Start-up time of `mailbot --help` and `mailbot status` (targets: 50 ms and 100 ms).

    python benchmarks/startup.py [--runs 10] [--against CHECKOUT]

Runs each command `--runs` times as a new process (wall time and CPU time, median [min–max] and
10th percentile of the CPU), then once more under `python -X importtime` to list the slowest
imports and to check that each command imports none of the modules it does not need (`HEAVY`,
and for `--help` also `HELP_HEAVY`; `tests/test_startup_imports.py` checks the same lists
without timing anything). The floor is timed with them: `python -c pass` in the same venv, and
`python -I -S -c pass` (no `site`, no `.pth` files).

Two ways of starting are timed, each with its own bytecode cache in the temporary folder:

- *installed*: mailbot installed into a fresh venv as `pip install .` does it (not editable:
  a wheel is built and unpacked, the console script written and the bytecode compiled), with
  the dependencies of this venv linked in; every module's bytecode cached. This is what an
  organiser waits for, and what the targets are for. An editable install (`pip install -e`, our
  worktrees) adds setuptools' path finder to every start: ~20 ms of CPU here before `main` runs.
- *from source*: the checkout's own venv (editable), mailbot's modules compiled on every start
  (the standard library's and the dependencies' bytecode cached), as in a worktree run with
  `PYTHONDONTWRITEBYTECODE=1`. Shown because it is what a developer measures there.

`--against CHECKOUT` (another worktree with its own `.venv`, e.g. main) times that version too,
one start of each version in turn, so that both see the same load on a shared machine: compare
CPU times (user + system), which other work disturbs less than the wall time.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
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
    # taken out of `status` on 2026-12-02 (benchmarks/README.md): the values only the sender
    # builds, a database's creation, the OAuth extras' check, and the libraries that the example
    # config's ASCII domains and `P7D` reminders do not need
    "mailbot.model",
    "tempfile",
    "importlib.util",
    "isodate",
    "decimal",
    "idna",
)
# `mailbot --help` reads neither the config nor the database, and imports only argparse and the
# table of commands (`cli`): not what carries the commands out (`commands`, and with it
# `pathlib`, `datetime`, `typing`).
HELP_HEAVY = (
    "mailbot.config",
    "mailbot.store",
    "sqlite3",
    "tomllib",
    "zoneinfo",
    "json",
    "mailbot.commands",
    "mailbot.table",
    "pathlib",
    "datetime",
    "typing",
)


def heavy_among(modules: list[str], heavy: tuple[str, ...]) -> list[str]:
    """The modules of `modules` that are, or are below, a name of `heavy`."""
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in heavy))


@dataclass(frozen=True)
class Start:
    """One way of starting one version: the `mailbot` script, its interpreter, its environment."""

    script: Path
    env: Mapping[str, str]

    @property
    def python(self) -> Path:
        return self.script.with_name("python")


def cpu_of(command: list[str], cwd: Path, env: Mapping[str, str]) -> tuple[float, float]:
    """(wall ms, CPU ms) of one run; CPU is the child's user + system time, which other work on
    a shared machine disturbs less than the wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    wall = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000


def imports(start: Start, args: list[str], cwd: Path) -> list[tuple[int, str]]:
    """(cumulative µs, module) of every import the command makes, slowest first: run as the
    console script runs it (pip's script imports `re` and `sys`, then `mailbot.cli`)."""
    script = "import re, sys; from mailbot.cli import main; sys.exit(main())"
    python = [str(start.python), "-X", "importtime", "-c", script]
    done = subprocess.run(
        [*python, *args], cwd=cwd, env=start.env, check=False, capture_output=True, text=True
    )
    found = []
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = line.split("|")
            if cumulative.strip().isdigit():
                found.append((int(cumulative), name.strip()))
    return sorted(found, reverse=True)


def install(checkout: Path, folder: Path) -> Path:
    """A venv in `folder` with `checkout` installed as `pip install .` does it (a wheel, its
    console script, its bytecode), the dependencies linked from this venv: the `mailbot` script."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", folder], check=True)
    ours = Path(sysconfig.get_paths()["purelib"])
    theirs = Path(
        subprocess.run(
            [
                folder / "bin" / "python",
                "-c",
                "import sysconfig; print(sysconfig.get_paths()['purelib'])",
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    for entry in ours.iterdir():  # everything but the editable mailbot and pip itself
        if not entry.name.startswith(("__editable__", "mailbot", "pip", "__pycache__")):
            (theirs / entry.name).symlink_to(entry)
    # built from a copy: setuptools leaves a `build/` folder in what it builds
    source = folder / "source"
    skip = shutil.ignore_patterns(".venv", ".git", "build", "*.egg-info", "__pycache__", "tests")
    shutil.copytree(checkout, source, ignore=skip)
    pip = [sys.executable, "-m", "pip", "--python", str(folder / "bin" / "python")]
    subprocess.run(
        [*pip, "install", "--quiet", "--no-deps", str(source)], check=True, capture_output=True
    )
    return folder / "bin" / "mailbot"


def package_of(python: Path, cwd: Path) -> Path:
    """Where `python` finds the `mailbot` package (without importing it), run in `cwd`."""
    where = (
        "import importlib.util as u; print(u.find_spec('mailbot').submodule_search_locations[0])"
    )
    out = subprocess.run([python, "-c", where], cwd=cwd, check=True, capture_output=True, text=True)
    return Path(out.stdout.strip()).resolve()


def starts(checkout: Path, tmp: Path, name: str) -> dict[str, Start]:
    """The two ways of starting `checkout`, each with a bytecode cache of its own, filled by one
    run; "from source" then forgets mailbot's own bytecode and writes none again."""
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    installed = Start(
        install(checkout, tmp / f"venv-{name}"),
        {**base, "PYTHONPYCACHEPREFIX": str(tmp / f"pyc-installed-{name}")},
    )
    source = Start(
        checkout / ".venv" / "bin" / "mailbot",
        {**base, "PYTHONPYCACHEPREFIX": str(tmp / f"pyc-source-{name}")},
    )
    for start in (installed, source):
        subprocess.run(
            [start.script, "status"], cwd=tmp, env=start.env, check=True, capture_output=True
        )
    package = package_of(source.python, tmp)
    shutil.rmtree(Path(source.env["PYTHONPYCACHEPREFIX"]) / package.relative_to(package.anchor))
    source = Start(source.script, {**source.env, "PYTHONDONTWRITEBYTECODE": "1"})
    return {"installed": installed, "from source": source}


def line(label: str, walls: list[float], cpus: list[float], target: int | None) -> str:
    verdict = ""
    if target is not None:
        verdict = f"  {'OVER' if statistics.median(walls) > target else 'ok'} (target {target} ms)"
    p10 = common.percentile(cpus, 10)
    return (
        f"{label:<40} wall {common.summary(walls, ' ms', 0)},"
        f" CPU {common.summary(cpus, ' ms', 0)} p10 {p10:.0f}{verdict}"
    )


Runs = dict[tuple[str, ...], tuple[list[float], list[float]]]
FLOOR = {"python -c pass": ["-c", "pass"], "python -I -S -c pass": ["-I", "-S", "-c", "pass"]}
COMMANDS = {"--help": 50, "status": 100}


def record(runs: Runs, key: tuple[str, ...], took: tuple[float, float]) -> None:
    walls, cpus = runs.setdefault(key, ([], []))
    walls.append(took[0])
    cpus.append(took[1])


def time_rounds(versions: dict[str, dict[str, Start]], cwd: Path, rounds: int) -> Runs:
    """Every start `rounds` times, one of each in turn in every round."""
    runs: Runs = {}
    for _ in range(rounds):
        for command in COMMANDS:
            for how in ("installed", "from source"):
                for version, ways in versions.items():
                    start = ways[how]
                    took = cpu_of([str(start.script), command], cwd, start.env)
                    record(runs, (command, how, version), took)
        installed = versions["this"]["installed"]
        for label, python_args in FLOOR.items():
            record(
                runs, (label,), cpu_of([str(installed.python), *python_args], cwd, installed.env)
            )
    return runs


def report(versions: dict[str, dict[str, Start]], runs: Runs, cwd: Path) -> bool:
    """Print the times and the slowest imports; False if a command imports a heavy module."""
    ok = True
    for label in FLOOR:
        print(line(label, *runs[(label,)], None))
    for command, target in COMMANDS.items():
        for how in ("installed", "from source"):
            for version in versions:
                label = f"mailbot {command} {how}" + (f" ({version})" if len(versions) > 1 else "")
                walls, cpus = runs[(command, how, version)]
                print(line(label, walls, cpus, target if how == "installed" else None))
        found = imports(versions["this"]["installed"], [command], cwd)
        names = [n for _, n in found]
        heavy = heavy_among(names, HEAVY + (HELP_HEAVY if command == "--help" else ()))
        ok = ok and not heavy  # the time is reported; a heavy import is a regression
        slowest = ", ".join(f"{n} {us / 1000:.0f} ms" for us, n in found[:6])
        print(f"  {len(names)} modules; slowest imports (installed): {slowest}")
        print(f"  heavy imports: {', '.join(heavy) or 'none'}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--against", type=Path, metavar="CHECKOUT", help="e.g. /work/main")
    args = parser.parse_args(argv)
    print(f"machine: {common.machine()}")
    with tempfile.TemporaryDirectory(prefix="mailbot-startup-") as tmp:
        cwd = Path(tmp)
        shutil.copy(common.REPO / "mailbot" / "examples" / "config.toml", cwd / "config.toml")
        shutil.copytree(common.REPO / "mailbot" / "templates", cwd / "templates")
        versions = {"this": starts(common.REPO, cwd, "this")}
        if args.against:
            versions[args.against.name] = starts(args.against.resolve(), cwd, "against")
        load = os.getloadavg()
        runs = time_rounds(versions, cwd, args.runs)
        end = os.getloadavg()
        ok = report(versions, runs, cwd)
    print(
        f"load average (1, 5, 15 min): {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the start,"
        f" {end[0]:.2f} {end[1]:.2f} {end[2]:.2f} at the end"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
