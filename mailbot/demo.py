"""`mailbot demo`: the README's quick start — the real service, end to end, on loopback servers.

No account and no setup: in a temporary folder it starts the embedded IMAP server (pymap) and an
SMTP server that records what it is sent (aiosmtpd), writes a config for them around the shipped
example event (`config.toml`), delivers the shipped sample registrations to the inbox, and runs the
same `service.Service` as `mailbot run` until every message is handled and every reply sent. Then
it prints each message, its outcomes, and each reply as the SMTP server received it.

The sample mail is dated by its arrival (INTERNALDATE, the received time of SPEC §7): three days
before the first deadline at 10:00, a minute apart (2022-09-01 10:00 in Stockholm for the shipped
event), so the replies are those of a normal registration day. The service's clock is set to just
after the last arrival and runs from there, the scheduler included: it looks at start, as in
production, and finds nothing due that day (the deadline report and reminders come later).

`mailbot demo` runs from any folder once installed: the event, the templates and the sample mail
are package data (`shipped`), and everything it writes goes to a temporary folder.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import email
import email.policy
import json
import logging
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from mailbot import config as config_mod
from mailbot import pipeline, shipped
from mailbot.demo_servers import ImapPeer, Pymap, Received, ServerStartError, SmtpSink
from mailbot.logs import RedactAddresses
from mailbot.passwords import Secrets
from mailbot.service import Service
from mailbot.store import Store
from mailbot.table import table
from mailbot.timing import offset_clock

TIMEOUT_S = 60.0
PASSWORD_ENV = "MAILBOT_DEMO_IMAP_PASSWORD"
_SECTION = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.-]+)\s*\]\]?")


class DemoError(Exception):
    """The demo could not run; the message says why."""


@dataclasses.dataclass(frozen=True)
class Sample:
    """One sample message as delivered: its file name, bytes and arrival time."""

    name: str
    raw: bytes
    arrived: dt.datetime

    @property
    def message_id(self) -> str | None:
        return pipeline.quick_message_id(self.raw)


def main(event: Path | None = None, out: TextIO = sys.stdout) -> int:
    """Run the demo; 0 when every sample was handled and every reply sent."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactAddresses())
    try:
        run(event, out)
    except (DemoError, ServerStartError, config_mod.ConfigError) as e:
        print(f"mailbot demo: {e}", file=sys.stderr)
        return 1
    return 0


def run(event: Path | None, out: TextIO) -> None:
    """The demo on `event` (a config file; None: the shipped example event)."""
    started = time.monotonic()
    files = [(f.name, f.read_bytes()) for f in shipped.sample_mail()]
    if not files:
        raise DemoError("the sample mail is missing from the installed package; reinstall mailbot")
    with (
        tempfile.TemporaryDirectory(prefix="mailbot-demo-") as tmp,
        Pymap() as imap_server,
        SmtpSink() as sink,
    ):
        if event is None:
            event = Path(tmp) / "example.toml"
            event.write_text(shipped.example_config().read_text(encoding="utf-8"), "utf-8")
        cfg = write_config(Path(tmp), event, imap_server, sink)
        samples = deliver(imap_server, files, first_arrival(cfg))
        clock = offset_clock(samples[-1].arrived + dt.timedelta(minutes=1))
        asyncio.run(serve_until_done(cfg, imap_server.password, samples, clock))
        with ImapPeer.to(imap_server) as peer:
            folders = {f: len(peer.uids(f)) for f in ("INBOX", "Processed")}
        with Store(cfg.bot.database) as store:
            journal = store.journal()
            participants = store.participants()
        print_report(cfg, samples, journal, participants, sink.received, out)
        print_summary(samples, sink.received, folders, time.monotonic() - started, out)


# --------------------------------------------------------------------------- setting up


def write_config(directory: Path, event: Path, imap_server: Pymap, sink: SmtpSink) -> Any:
    """The event's own sections of `event`, with [bot], [imap] and [smtp] of the demo's."""
    bot = config_mod.load(event, {}).bot
    # The event's edited templates, if it names any; the shipped ones for the rest.
    templates = [] if bot.templates is None else [f"templates = {_toml(str(bot.templates))}"]
    text = "\n".join(
        [
            "# Written by `mailbot demo`: the event of " + str(event) + ", loopback servers.",
            "[bot]",
            f"address = {_toml(bot.address)}",
            f"display_name = {_toml(bot.display_name)}",
            f"language = {_toml(bot.language)}",
            'database = "mailbot.sqlite3"',
            *templates,
            "",
            "[imap]",
            f"host = {_toml(imap_server.host)}",
            f"port = {imap_server.port}",
            'tls = "none"',
            f"username = {_toml(imap_server.username)}",
            f"password_env = {_toml(PASSWORD_ENV)}",
            'folder = "INBOX"',
            'done_folder = "Processed"',
            "",
            "[smtp]",
            f"host = {_toml(sink.host)}",
            f"port = {sink.port}",
            'tls = "none"',
            "",
            event_sections(event.read_text(encoding="utf-8")),
        ]
    )
    path = directory / "config.toml"
    path.write_text(text, encoding="utf-8")
    return config_mod.load(path, {PASSWORD_ENV: imap_server.password})


def event_sections(text: str) -> str:
    """A config file without its [bot], [imap] and [smtp] tables (the demo writes its own)."""
    keep, lines = True, []
    for line in text.splitlines():
        match = _SECTION.match(line)
        if match:
            keep = match.group(1) not in ("bot", "imap", "smtp")
        if keep:
            lines.append(line)
    return "\n".join(lines) + "\n"


def _toml(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def first_arrival(cfg: Any) -> dt.datetime:
    """10:00 local time three days before the earliest deadline: a day for registering."""
    deadline: dt.datetime = min(s.deadline for s in cfg.seminars)
    day = deadline - dt.timedelta(days=3)
    return day.replace(hour=10, minute=0, second=0, microsecond=0)


def deliver(
    imap_server: Pymap, files: Sequence[tuple[str, bytes]], first: dt.datetime
) -> list[Sample]:
    """APPEND the sample files to the inbox, a minute apart, as their arrival times."""
    samples = [
        Sample(name, raw, first + dt.timedelta(minutes=i)) for i, (name, raw) in enumerate(files)
    ]
    with ImapPeer.to(imap_server) as peer:
        for sample in samples:
            peer.append([sample.raw], "INBOX", internal_date=sample.arrived)
    return samples


async def serve_until_done(cfg: Any, password: str, samples: Sequence[Sample], clock: Any) -> None:
    """The service, as `mailbot run` runs it, until every sample is decided and sent."""
    service = Service(cfg, Secrets(password), clock=clock)
    task = asyncio.create_task(service.run())
    expected = {s.message_id for s in samples}
    deadline = time.monotonic() + TIMEOUT_S
    with Store(cfg.bot.database) as store:
        while not _all_done(store, expected):
            if task.done():
                break
            if time.monotonic() > deadline:
                service.stop()
                await task
                raise DemoError(f"the service did not handle the samples in {TIMEOUT_S:.0f} s")
            await asyncio.sleep(0.05)
    service.stop()
    await task


def _all_done(store: Store, expected: set[str | None]) -> bool:
    decided = {e["message_id"] for e in store.journal() if e["state"] != "received"} & expected
    return len(decided) == len(expected) and store.outbox.counts().get("queued", 0) == 0


# --------------------------------------------------------------------------- showing it


def _headers(raw: bytes) -> email.message.EmailMessage:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, email.message.EmailMessage)
    return message


def _header(message: email.message.EmailMessage, name: str) -> str:
    try:
        return " ".join(str(message.get(name, "")).split())
    except (IndexError, ValueError):  # a malformed header: show it as it stands
        return " ".join(str(message.get_all(name, [""])[0]).split())


def print_report(
    cfg: Any,
    samples: Sequence[Sample],
    journal: Sequence[dict[str, Any]],
    participants: Sequence[Any],
    received: Sequence[Received],
    out: TextIO,
) -> None:
    zone = cfg.seminars[0].starts.tzinfo
    by_id = {e["message_id"]: e for e in journal}
    sent = {_header(_headers(r.data), "Message-ID"): r for r in received}
    print(
        f"mailbot demo: {len(samples)} sample messages through the real service "
        f"(IMAP pymap, SMTP aiosmtpd, on 127.0.0.1)\n",
        file=out,
    )
    for n, sample in enumerate(samples, 1):
        message = _headers(sample.raw)
        entry = by_id.get(sample.message_id, {})
        arrived = sample.arrived.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        print(f"{n}. {sample.name}  (arrived {arrived})", file=out)
        print(f"   from:     {_header(message, 'From')}", file=out)
        print(f"   subject:  {_header(message, 'Subject')}", file=out)
        for i, o in enumerate(entry.get("outcomes", [])):
            label = "outcomes:" if i == 0 else ""
            who = f" {o['participant']}" if o["participant"] else ""
            print(f"   {label:<9} {o['outcome']}{who}  [{o['rule']}]", file=out)
        replies = entry.get("replies", [])
        if not replies:
            print("   replies:  none", file=out)
        for reply in replies:
            got = sent.get(reply.get("message_id", ""))
            if got is None:
                print(f"   reply:    {reply['kind']} (not received!)", file=out)
                continue
            mail = _headers(got.data)
            cc = _header(mail, "Cc")
            print(f"   reply:    {reply['kind']} → {_header(mail, 'To')}", file=out)
            if cc:
                print(f"             cc {cc}", file=out)
            print(f"             “{_header(mail, 'Subject')}”", file=out)
        print(file=out)
    _print_participants(participants, out)


def _print_participants(participants: Sequence[Any], out: TextIO) -> None:
    rows = [[p.name, p.email, p.actor, p.seminar, p.status] for p in participants]
    print("Participants:", file=out)
    print(table(rows, ["name", "email", "actor", "seminar", "status"]), file=out)
    print(file=out)


def print_summary(
    samples: Sequence[Sample],
    received: Sequence[Received],
    folders: dict[str, int],
    seconds: float,
    out: TextIO,
) -> None:
    print(
        f"{len(samples)} messages handled and moved (INBOX: {folders['INBOX']}, Processed: "
        f"{folders['Processed']}); {len(received)} mails delivered over SMTP; {seconds:.1f} s.",
        file=out,
    )
    print(
        "The servers and the database were temporary and are gone. To start your own event, "
        "run `mailbot init` in a new folder; for a real mailbox, see “Running it for real” "
        "in README.md.",
        file=out,
    )
