"""The `mailbot` command (SPEC §13): the table of commands and their options, and `main`.

Start-up is kept light: `mailbot --help` imports argparse and this table only, and a command
imports what it does (`commands`, and in each command function what that command needs) when it
runs, so that `mailbot status` does not pay for the email, Jinja2 and calendar machinery. Errors
a user can fix (configuration, storage, usage) print one clear message and exit non-zero, never
a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence


class NotAsked:
    """Stands for the parser of a command that was not asked for: its options are not built."""

    def add_argument(self, *args: object, **kwargs: object) -> None:
        return None


# Makes a command's parser (name, help, whether it takes `--config`), or a `NotAsked`.
Command = Callable[..., "argparse.ArgumentParser | NotAsked"]


def build_parser(asked: str | None = None) -> argparse.ArgumentParser:
    """The table of commands. With `asked`, the command named first on the command line, only
    that command's parser is built: argparse reads no other (building all 14 is ~3 ms of
    `mailbot status`). A name that is no command gets the whole table, for argparse's "invalid
    choice" error and its list of commands."""
    parser = argparse.ArgumentParser(
        prog="mailbot", description="Email-driven registration for invite-only events."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str, config: bool = True) -> argparse.ArgumentParser | NotAsked:
        if asked is not None and name != asked:
            return NotAsked()
        p = sub.add_parser(name, help=help, description=help)
        if not config:  # `init` and `demo` take no `--config` of an event
            return p
        p.add_argument(
            "--config", default="config.toml", help="the event config (default: ./config.toml)"
        )
        return p

    add_event_commands(command)
    add_setup_commands(command)
    if asked is not None and asked not in sub.choices:
        return build_parser()
    return parser


def add_event_commands(command: Command) -> None:
    """The commands on an event: each reads its config (`--config`) and most its database."""
    p = command("process", "process .eml files or Maildir folders through the pipeline")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--now", help="received time, ISO 8601 (default: now)")
    p.add_argument(
        "--outbox", metavar="DIR", help="write replies as .eml files instead of queueing them"
    )

    p = command("participants", "list registrations")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--seminar", metavar="ID")

    p = command("messages", "the journal of handled messages and their outcomes")
    p.add_argument("--format", choices=("table", "json"), default="table")

    p = command("tick", "run the scheduled work due at --now (reports, reminders)")
    p.add_argument("--now", help="the time to run at, ISO 8601 (default: now)")
    p.add_argument(
        "--outbox", metavar="DIR", help="write mails as .eml files instead of queueing them"
    )

    p = command("status", "seats per actor, waitlists, deadlines, outbox")
    p.add_argument("--now", help=argparse.SUPPRESS)

    p = command("move", "book a participant on another seminar (organiser)")
    p.add_argument("email")
    p.add_argument("--seminar", required=True, metavar="ID")
    p.add_argument("--now", help=argparse.SUPPRESS)

    p = command("cancel", "cancel a participant (organiser); the waitlist moves up")
    p.add_argument("email")
    p.add_argument("--seminar", metavar="ID", help="only this seminar")
    p.add_argument("--now", help=argparse.SUPPRESS)

    command("check-config", "validate the config and templates")

    p = command(
        "purge",
        "delete what is stored about a seminar's participants, leaving no byte in the database",
    )
    p.add_argument("--seminar", required=True, metavar="ID")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.add_argument("--now", help=argparse.SUPPRESS)

    p = command("export-person", "print as JSON all that is stored about one")
    p.add_argument("email")

    p = command("run", "the service: read the mailbox (IMAP), answer (SMTP), remind")
    p.add_argument(
        "--once", action="store_true", help="catch up, run what is due, send, exit (for cron)"
    )
    p.add_argument(
        "-v", "--verbose", action="store_true", help="log at DEBUG level (names and addresses)"
    )
    p.add_argument("--now", help=argparse.SUPPRESS)


def add_setup_commands(command: Command) -> None:
    """`init` and `demo`: they take no `--config` of an event, they make or bring one."""
    help = "write a starter config.toml (the example event) to make your own; never overwrites"
    p = command("init", help, config=False)
    p.add_argument("directory", nargs="?", default=".", metavar="DIR", help="default: .")
    p.add_argument(
        "--templates", action="store_true", help="also copy the reply templates, to edit"
    )

    help = "the quick start: the real service on loopback servers with the sample mail"
    p = command("demo", help, config=False)
    p.add_argument(
        "--config", help="the event to use (default: the config.toml shipped with mailbot)"
    )


def function_of(command: str) -> str:
    """The function of `commands` that carries out `command`: `check-config` is
    `commands.cmd_check_config` (a test checks that every command of the table has one)."""
    return "cmd_" + command.replace("-", "_")


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:  # Ctrl-C while still importing: no traceback in the log
        return 130


def _main(argv: Sequence[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    asked = argv[0] if argv and not argv[0].startswith("-") else None
    args = build_parser(asked).parse_args(argv)
    from mailbot import commands
    from mailbot.commands import EXIT_CONFIG, EXIT_STORAGE, EXIT_USAGE, UsageError
    from mailbot.config import ConfigError
    from mailbot.store import StoreError

    run: Callable[[argparse.Namespace], int] = getattr(commands, function_of(args.command))
    try:
        return int(run(args))
    except ConfigError as e:
        for problem in e.problems:
            print(problem, file=sys.stderr)
        return EXIT_CONFIG
    except StoreError as e:
        print(f"storage error: {e}", file=sys.stderr)
        return EXIT_STORAGE
    except UsageError as e:
        print(f"mailbot: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
