"""What each `mailbot` command does (SPEC §13); `cli` is the table of commands that calls these.

Each command imports what it needs when it runs, so that `mailbot status` does not pay for the
email, Jinja2 and calendar machinery; and `mailbot --help` imports none of this module, only
`cli`'s table. Errors a user can fix (configuration, storage, usage) are raised or returned as
an exit status for `cli` to print as one clear message, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mailbot.table import table

if TYPE_CHECKING:
    from mailbot.config import Config
    from mailbot.store import Store
    from mailbot.template_files import Origins

EXIT_OK, EXIT_USAGE, EXIT_CONFIG, EXIT_STORAGE = 0, 2, 3, 4
EXIT_RUNNING = 6  # `run`: another `run` holds the database (service.EXIT_RUNNING)


class UsageError(Exception):
    """The command line asks for something that cannot be done; the message says what."""


# --------------------------------------------------------------------------- helpers


def parse_now(text: str | None, config: Config) -> dt.datetime:
    """`--now`: ISO 8601; without an offset it is local time in the (first) seminar's zone."""
    if text is None:
        return dt.datetime.now(dt.UTC)
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(
            f"--now {text!r}: not an ISO 8601 time (e.g. 2022-09-04T23:59:59+02:00)"
        ) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=config.seminars[0].starts.tzinfo)
    return when


def local(when: dt.datetime | None, config: Config) -> str:
    if when is None:
        return ""
    return when.astimezone(config.seminars[0].starts.tzinfo).isoformat(timespec="seconds")


def load_config(args: argparse.Namespace) -> Config:
    from mailbot import config

    return config.load(args.config)


def open_store(cfg: Config) -> Store:
    from mailbot.store import Store

    return Store(cfg.bot.database)


def iter_messages(paths: Sequence[str]) -> Iterator[tuple[str, bytes]]:
    """`.eml` files, folders of them, and Maildir folders (cur/ and new/), in name order."""
    for name in paths:
        path = Path(name)
        if path.is_file():
            yield str(path), path.read_bytes()
        elif (path / "cur").is_dir() or (path / "new").is_dir():
            for sub in ("new", "cur"):
                for f in sorted((path / sub).glob("*")):
                    if f.is_file():
                        yield str(f), f.read_bytes()
        elif path.is_dir():
            for f in sorted(path.iterdir()):
                if f.is_file() and not f.name.startswith("."):
                    yield str(f), f.read_bytes()
        else:
            raise UsageError(f"{name}: no such file or folder")


def write_outbox(store: Store, directory: Path, now: dt.datetime) -> list[Path]:
    """`--outbox DIR`: write queued mails as `.eml` files instead of sending them."""
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    written = []
    rows = store.outbox.rows("queued")
    for row in rows:
        target = directory / f"{row.id:06d}-{row.kind}.eml"
        # Owner-only from the first byte (a write then chmod leaves a moment of 0644), and an
        # existing file of that name is made owner-only too.
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), 0o600)
            f.write(row.raw)
        written.append(target)
    store.outbox.mark_written([r.id for r in rows], now)
    return written


# --------------------------------------------------------------------------- commands


def cmd_check_config(args: argparse.Namespace) -> int:
    from mailbot import config, kinds

    cfg = config.load(args.config)
    problems = []
    from mailbot import template_files
    from mailbot.replies import check_templates

    problems += check_templates(cfg, template_files.environment(cfg.bot.templates))
    for warning in cfg.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    from mailbot import timetable

    if note := timetable.zone_note(cfg):
        print(f"note: {note}", file=sys.stderr)
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        return EXIT_CONFIG
    print(f"{args.config}: ok — {len(cfg.seminars)} seminars, {len(cfg.actors)} actors")
    print_template_origins(cfg.bot.templates, template_files.origins(cfg.bot.templates))
    fallback = kinds.on_default_seats(cfg.actors, cfg.seats)
    # A kind not in [seats]: meant, or a typo the near-miss check did not catch; shown either way.
    default = cfg.seats.get("default", 0)
    print(f"actors on [seats] default ({default} seats): {'' if fallback else 'none'}")
    for actor in fallback:
        print(f"  {actor.name} (kind {actor.kind!r})")
    return EXIT_OK


def print_template_origins(folder: Path | None, origins: Origins) -> None:
    """Which reply templates are the site's own and which are the shipped ones (SPEC §13)."""
    if folder is None:
        print(f"templates: all {len(origins.shipped)} shipped with mailbot ([bot] templates unset)")
        return
    print(f"templates: {len(origins.own)} edited in {folder}, {len(origins.shipped)} shipped")
    for name in origins.own:
        print(f"  own      {name}")
    for name in origins.shipped:
        print(f"  shipped  {name}")
    for name in origins.unused:
        print(f"  unused   {name} (mailbot asks for no template of that name)")


def cmd_process(args: argparse.Namespace) -> int:
    from mailbot import decide, pipeline

    cfg = load_config(args)
    now = parse_now(args.now, cfg)
    with open_store(cfg) as store:
        pipeline.run_command(
            store, cfg, "seats check", lambda s: decide.fill_freed_seats(s, cfg, now), now
        )
        for name, raw in iter_messages(args.paths):
            result = pipeline.handle(store, cfg, raw, now, now=now)
            while result.status == "retry" and result.message is not None:
                stored = store.messages.find_message(result.key)
                assert stored is not None
                result = pipeline.decide_stored(store, cfg, stored, raw, now, now, len(raw))
            if result.status == "already":
                print(f"{name}: already handled")
                continue
            described = "; ".join(
                f"{o.outcome}{' ' + o.participant if o.participant else ''} [{o.rule}]"
                for o in result.outcomes
            )
            print(f"{name}: {described}")
            for held in result.released:
                print(
                    f"  released {held.key}: "
                    + "; ".join(
                        f"{o.outcome}{' ' + o.participant if o.participant else ''} [{o.rule}]"
                        for o in held.outcomes
                    )
                )
        if args.outbox:
            written = write_outbox(store, Path(args.outbox), now)
            print(f"{len(written)} mails written to {args.outbox}")
    return EXIT_OK


def _participant_json(r: Any, cfg: Config) -> dict[str, Any]:
    return {
        "name": r.name,
        "email": r.email,
        "organisation": r.organisation,
        "title": r.title,
        "actor": r.actor,
        "seminar": r.seminar,
        "status": r.status,
        "registered_at": local(r.registered_at, cfg),
        "registered_by": r.registered_by,
        "confirmed_at": local(r.confirmed_at, cfg) or None,
        "bouncing": r.bouncing,
    }


def cmd_participants(args: argparse.Namespace) -> int:
    import json

    cfg = load_config(args)
    if args.seminar and cfg.find_seminar(args.seminar) is None:
        raise UsageError(f"--seminar {args.seminar}: no such seminar in {cfg.path}")
    with open_store(cfg) as store:
        rows = [_participant_json(r, cfg) for r in store.participants(args.seminar)]
    fields = [
        "name",
        "email",
        "organisation",
        "title",
        "actor",
        "seminar",
        "status",
        "registered_at",
    ]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    else:
        print(table([[r[f] or "" for f in fields] for r in rows], fields))
        print(f"\n{len(rows)} registrations")
    return EXIT_OK


def cmd_messages(args: argparse.Namespace) -> int:
    import json

    cfg = load_config(args)
    with open_store(cfg) as store:
        journal = store.journal()
    for entry in journal:
        entry["received_at"] = local(entry["received_at"], cfg)
    if args.format == "json":
        keep = (
            "message_id",
            "sender",
            "subject",
            "received_at",
            "actor",
            "state",
            "error",
            "outcomes",
            "replies",
        )
        print(json.dumps([{k: e[k] for k in keep} for e in journal], ensure_ascii=False, indent=2))
        return EXIT_OK
    rows = []
    for e in journal:
        outcomes = ", ".join(
            o["outcome"] + (f" {o['participant']}" if o["participant"] else "")
            for o in e["outcomes"]
        )
        rows.append([e["received_at"][:16], e["sender"] or "", (e["subject"] or "")[:40], outcomes])
    print(table(rows, ["received", "sender", "subject", "outcomes"]))
    return EXIT_OK


def cmd_tick(args: argparse.Namespace) -> int:
    """Run once what the scheduler runs at `--now`: seat fills, deadline reports, reminders."""
    from mailbot import schedule

    cfg = load_config(args)
    now = parse_now(args.now, cfg)
    with open_store(cfg) as store:
        decision = schedule.tick(store, cfg, now)
        for o in decision.outcomes:
            print(f"{o.outcome}{' ' + o.participant if o.participant else ''} [{o.rule}]")
        for mail in decision.mails:
            print(f"{mail.kind}: {', '.join(mail.to)}")
        if not decision.mails:
            print(f"nothing due at {local(now, cfg)}")
        if args.outbox:
            written = write_outbox(store, Path(args.outbox), now)
            print(f"{len(written)} mails written to {args.outbox}")
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    from mailbot import lock, status
    from mailbot.store import StoreError, writable_problem

    cfg = load_config(args)
    running = lock.holder(cfg.bot.database)
    problem = writable_problem(cfg.bot.database)  # health notes may not be writable then
    try:
        store = open_store(cfg)
    except StoreError as e:  # say what can be said: whether it runs, and what is wrong
        print(status.unreadable(running, problem, e))
        return EXIT_STORAGE
    with store:
        print(status.render(store, cfg, parse_now(args.now, cfg), running, problem))
    return EXIT_OK


def _organiser_command(args: argparse.Namespace, what: str, make: Callable[..., Any]) -> int:
    from mailbot import pipeline

    cfg = load_config(args)
    now = parse_now(args.now, cfg)
    key = args.email.strip().casefold()
    with open_store(cfg) as store:
        decision = pipeline.run_command(
            store, cfg, f"mailbot {what} {args.email}", lambda s: make(key, s, cfg, now), now
        )
    failed = False
    for o in decision.outcomes:
        print(
            f"{o.outcome}{' ' + o.participant if o.participant else ''} [{o.rule}]"
            + (f": {o.reason}" if o.reason else "")
        )
        failed = failed or o.outcome == "needs-info"
    if decision.mails:
        print(f"{len(decision.mails)} mails queued")
    return EXIT_USAGE if failed else EXIT_OK


def cmd_cancel(args: argparse.Namespace) -> int:
    from mailbot import decide

    return _organiser_command(
        args, "cancel", lambda k, s, c, n: decide.organiser_cancel(k, args.seminar, s, c, n)
    )


def cmd_move(args: argparse.Namespace) -> int:
    from mailbot import decide

    return _organiser_command(
        args,
        f"move --seminar {args.seminar}",
        lambda k, s, c, n: decide.organiser_move(k, args.seminar, s, c, n),
    )


def cmd_purge(args: argparse.Namespace) -> int:
    """`mailbot purge --seminar ID`: asks on a terminal; without one, only with `--yes`."""
    from mailbot import privacy

    cfg = load_config(args)
    now = parse_now(args.now, cfg)
    with open_store(cfg) as store:
        known = cfg.find_seminar(args.seminar) is not None or store.participants(args.seminar)
        if not known:
            raise UsageError(f"--seminar {args.seminar}: no such seminar in {cfg.path} or stored")
        if not args.yes:
            if not sys.stdin.isatty():
                raise UsageError(
                    "purge deletes for good and needs confirmation: run it on a terminal, "
                    "or pass --yes"
                )
            print(
                f"This deletes everything stored about the participants of {args.seminar} "
                f"from {cfg.bot.database}; it cannot be undone."
            )
            answer = input(f"Type the seminar id ({args.seminar}) to go ahead: ").strip()
            if answer != args.seminar:
                print("not confirmed: nothing deleted")
                return EXIT_USAGE
        report = privacy.purge(store, cfg, args.seminar, now)
    print(report.describe())
    if not report.compacted:
        print(
            "warning: another process was reading the database, so its write-ahead log could "
            "not be truncated yet; run `mailbot purge` again when it is idle",
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_export_person(args: argparse.Namespace) -> int:
    """`mailbot export-person EMAIL`: the right of access, as JSON on stdout."""
    import json

    from mailbot import privacy

    cfg = load_config(args)
    if "@" not in args.email:
        raise UsageError(f"{args.email!r} is not an email address")
    with open_store(cfg) as store:
        data = privacy.export_person(store, cfg, args.email)
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    """`mailbot run [--once]`: the service. Unlike every other command it needs the passwords
    (SPEC §2), so a missing variable stops it here with the variable's name."""
    import logging
    import signal
    import threading

    # SIGTERM while still importing and connecting: stop cleanly (exit 0) once running, instead
    # of dying of the signal. The service's own handlers replace this one when its loop starts.
    halt = threading.Event()
    signal.signal(signal.SIGTERM, lambda signum, frame: halt.set())

    from mailbot import clock as clock_module
    from mailbot import inbox, lock, logs, passwords, service, timing

    cfg = load_config(args)
    secrets = passwords.secrets_from(cfg)
    logs.configure_logging(logging.DEBUG if args.verbose else logging.INFO)
    for warning in cfg.warnings:
        logging.getLogger("mailbot").warning("%s", warning)
    # The hidden --now moves the whole clock (not only the received time, which is the
    # server's INTERNALDATE): for trying scheduled work, and for tests of it.
    clock = timing.offset_clock(parse_now(args.now, cfg)) if args.now else clock_module.utcnow
    try:
        return service.run(cfg, secrets, once=args.once, clock=clock, halt=halt)
    except inbox.StartError as e:
        print(f"mailbot: {e}", file=sys.stderr)
        return EXIT_CONFIG
    except lock.AlreadyRunning as e:
        print(f"mailbot: {e}", file=sys.stderr)
        return EXIT_RUNNING


def cmd_init(args: argparse.Namespace) -> int:
    """`mailbot init [DIR]`: a starter config (and templates to edit); never overwrites."""
    from mailbot import starter

    directory = Path(args.directory)
    try:
        written = starter.write(directory, templates=args.templates)
    except starter.StarterExists as e:
        raise UsageError(str(e)) from None
    except FileExistsError as e:  # appeared between the check and the write
        raise UsageError(f"{e.filename} exists; mailbot init never overwrites") from None
    config = directory / starter.CONFIG
    print(f"wrote {config}")
    if args.templates:
        print(
            f"wrote {len(written) - 1} reply templates to edit in {directory / starter.TEMPLATES}"
        )
    print(
        f"Next: make {config} your event's, set the password environment variables it names, "
        f"then run: mailbot check-config --config {config}"
    )
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    """`mailbot demo`: the quick start on loopback servers; no account, no setup."""
    try:
        from mailbot import demo
    except ModuleNotFoundError as e:  # aiosmtpd, pymap: the `demo` extra
        raise UsageError(
            f"the demo needs {e.name}: pip install 'mailbot[demo]' (the loopback servers)"
        ) from None

    return demo.main(Path(args.config) if args.config else None)
