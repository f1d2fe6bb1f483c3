"""`mailbot status` and `mailbot --help` start fast because they import only what they use
(issue 10: status ≤ 100 ms, --help ≤ 50 ms, measured by benchmarks/startup.py).

Nothing is timed here (a loaded machine says nothing about speed): each command runs in a fresh
interpreter, and the modules it imported are checked against the lists of benchmarks/startup.py
(`HEAVY`, `HELP_HEAVY`), read from that file so that there is one list.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mailbot import cli, commands

REPO = Path(__file__).resolve().parent.parent
STARTUP = REPO / "benchmarks" / "startup.py"

# Runs the command as the `mailbot` script does, then writes to argv[1] every module the command
# loaded: not those the interpreter had before (in an editable install, setuptools' path finder
# has already imported `pathlib` when `site` ran; a plain install has not).
RUN = """
import sys
before = set(sys.modules)
from mailbot.cli import main

out, args = sys.argv[1], sys.argv[2:]
try:
    code = main(args)
except SystemExit as e:  # argparse's --help
    code = e.code
with open(out, "w") as f:
    f.write("\\n".join(sorted(set(sys.modules) - before)))
sys.exit(code)
"""


def listed(name: str) -> tuple[str, ...]:
    """A tuple of module names assigned to `name` in benchmarks/startup.py."""
    for node in ast.parse(STARTUP.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and [ast.unparse(t) for t in node.targets] == [name]:
            value = ast.literal_eval(node.value)
            assert isinstance(value, tuple)
            return value
    raise AssertionError(f"{name} not found in {STARTUP}")


HEAVY, HELP_HEAVY = listed("HEAVY"), listed("HELP_HEAVY")


def heavy_among(modules: list[str], heavy: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in heavy))


@pytest.fixture
def event(tmp_path: Path) -> Path:
    """The example event: its config and templates (`status` makes the database)."""
    shutil.copy(REPO / "mailbot" / "examples" / "config.toml", tmp_path / "config.toml")
    shutil.copytree(REPO / "mailbot" / "templates", tmp_path / "templates")
    return tmp_path


def run(folder: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    out = folder / "modules.txt"
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(out), *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done, out.read_text(encoding="utf-8").split()


def test_status_imports_none_of_the_service_machinery(event: Path) -> None:
    made, first = run(event, "status", "--now", "2022-09-01T10:00")
    assert made.returncode == 0, made.stderr
    assert "tempfile" in first  # the first `status` made the database: the check sees that
    # the status of an event whose database exists: what an organiser runs again and again
    done, modules = run(event, "status", "--now", "2022-09-01T10:00")
    assert done.returncode == 0, done.stderr
    # the whole report was made: seats, the schedule (timetable) and the service's health
    assert "Scheduled:\n  2022-09-05T00:00+02:00  deadline report" in done.stdout
    assert "Outbox: 0 queued" in done.stdout and "Service: NOT RUNNING" in done.stdout
    assert {"mailbot.config", "mailbot.store", "mailbot.timetable"} <= set(modules)
    assert heavy_among(modules, HEAVY) == []


def test_help_reads_neither_the_config_nor_the_database(event: Path) -> None:
    done, modules = run(event, "--help")
    assert done.returncode == 0, done.stderr
    assert "status" in done.stdout and "mailbot.cli" in modules
    assert heavy_among(modules, HEAVY + HELP_HEAVY) == []
    # and a command is seen to import what `--help` must not: `commands`, `pathlib`, `typing`
    done, modules = run(event, "init", "starter")
    assert done.returncode == 0, done.stderr
    assert {"mailbot.commands", "datetime", "typing"} <= set(heavy_among(modules, HELP_HEAVY))


def test_a_command_that_needs_the_machinery_is_seen_to_import_it(event: Path) -> None:
    # the check sees a heavy import when there is one: check-config renders every template
    done, modules = run(event, "check-config")
    assert done.returncode == 0, done.stderr
    assert {"jinja2", "mailbot.replies"} <= set(heavy_among(modules, HEAVY))


# What the outbox process has no use for: it sends, it reads no mail (benchmarks/README.md:
# importing these cost the burst ~13 MB in that process, and openpyxl 17 MB in `mailbot run`).
NOT_FOR_SENDING = ("mailbot.parsing", "mailbot.decide", "mailbot.pipeline", "openpyxl", "lxml")


def test_the_outbox_process_imports_no_reader_and_run_no_spreadsheet_library() -> None:
    probe = (
        "import sys, mailbot.outbox_process;"
        "print(' '.join(sorted(sys.modules)));"
        "import mailbot.service;"
        "print(' '.join(sorted(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    child, service = (line.split() for line in done.stdout.splitlines())
    assert heavy_among(child, NOT_FOR_SENDING) == []
    assert heavy_among(service, ("openpyxl",)) == []
    assert heavy_among(service, ("mailbot.parsing",)) != []  # the probe sees what is imported


def test_every_command_of_the_table_has_its_function_in_commands() -> None:
    # `cli` names each command's function without importing `commands` (for `--help`)
    parser = cli.build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert {"status", "check-config", "export-person", "run", "init", "demo"} <= set(sub.choices)
    for name in sub.choices:
        assert callable(getattr(commands, cli.function_of(name))), name


# The command lines whose parsing must not change when only the asked command's parser is built.
COMMAND_LINES = [
    ["status"],
    ["status", "--config", "x.toml", "--now", "2022-09-01T10:00"],
    ["process", "a.eml", "b", "--outbox", "out"],
    ["participants", "--format", "json", "--seminar", "s1"],
    ["messages"],
    ["tick", "--now", "2022-09-01"],
    ["move", "anna@example.se", "--seminar", "s2"],
    ["cancel", "anna@example.se"],
    ["check-config"],
    ["purge", "--seminar", "s1", "--yes"],
    ["export-person", "anna@example.se"],
    ["run", "--once", "-v"],
    ["init", "dir", "--templates"],
    ["demo", "--config", "c.toml"],
]
# … and those whose answer (help, or an error) must not change.
ANSWERED = [["status", "--help"], ["init", "-h"], ["run", "--bogus"], ["move", "x"], ["stauts"]]
ANSWERED += [["--help"], [], ["purge"], ["status", "extra"], ["-h", "status"], ["demo", "--help"]]


def parsed(parser: argparse.ArgumentParser, argv: list[str]) -> tuple[object, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            result: object = vars(parser.parse_args(argv))
        except SystemExit as e:
            result = e.code
    return result, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("argv", COMMAND_LINES + ANSWERED, ids=" ".join)
def test_the_parser_of_the_asked_command_alone_reads_the_line_as_the_whole_table(
    argv: list[str],
) -> None:
    asked = argv[0] if argv and not argv[0].startswith("-") else None
    alone = cli.build_parser(asked)
    assert parsed(alone, argv) == parsed(cli.build_parser(), argv)
    if asked in COMMANDS:
        assert list(sub_commands(alone)) == [asked]  # the others were not built


COMMANDS = {line[0] for line in COMMAND_LINES}


def sub_commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


def test_every_command_is_in_the_lines_above() -> None:
    assert set(sub_commands(cli.build_parser())) == COMMANDS
