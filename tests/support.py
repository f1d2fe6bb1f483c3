"""Builders shared by the tests: a compact event config and parsed-email values.

The core is tested with values, not files: `email()` builds what `parsing.read` would return,
so a decision test says exactly which facts of a message it depends on.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from mailbot import config as config_mod
from mailbot import replies, template_files
from mailbot.model import Mail
from mailbot.parsing import DateRef, Email, ParticipantBlock, Sender
from mailbot.parsing.parsed import Cancel
from mailbot.reading.intent import signs_of_registering
from mailbot.state import Registration, Status

REPO = Path(__file__).resolve().parent.parent
STOCKHOLM = ZoneInfo("Europe/Stockholm")
BOT = "anmalan@lansstyrelsen.example"
ORGANISER = "therese.travis@lansstyrelsen.example"

SMALL_CONFIG = f"""
[bot]
address = "{BOT}"
display_name = "Länsstyrelsen Stockholm – anmälan"
language = "sv"
database = "mailbot.sqlite3"
templates = "templates"

[organiser]
name = "Therese Travis"
title = "Projektledare"
address = "{ORGANISER}"

[security]
max_replies_per_sender_per_hour = 10

[[seminars]]
id = "2022-09-14"
title = "Öppna drogscener i Stockholms läns utsatta områden"
starts = 2022-09-14T13:00:00
ends = 2022-09-14T16:30:00
timezone = "Europe/Stockholm"
location = "Länsstyrelsen Stockholm, Regeringsgatan 66, plan 4, lokal Grand"
deadline = 2022-09-04T23:59:59
reminders = ["P7D", "P1D"]

[[seminars]]
id = "2022-09-15"
title = "Öppna drogscener – seminarium 3"
starts = 2022-09-15T13:00:00
ends = 2022-09-15T16:30:00
timezone = "Europe/Stockholm"
location = "Länsstyrelsen Stockholm, Regeringsgatan 66, plan 4, lokal Grand"
deadline = 2022-09-04T23:59:59
reminders = ["P1D"]

[seats]
kommun = 4
stadsdelsforvaltning = 4
lokalpolisomrade = 4
default = 2

[[actors]]
name = "Huddinge kommun"
kind = "kommun"
domains = ["huddinge.se"]
seminar = "2022-09-14"

[[actors]]
name = "Botkyrka kommun"
kind = "kommun"
domains = ["botkyrka.se"]
seminar = "2022-09-15"

[[actors]]
name = "Rinkeby-Kista stadsdelsförvaltning"
kind = "stadsdelsforvaltning"
domains = ["stockholm.se"]
aliases = ["Rinkeby-Kista", "Rinkeby-Kista sdf"]
seminar = "2022-09-14"

[[actors]]
name = "Spånga-Tensta stadsdelsförvaltning"
kind = "stadsdelsforvaltning"
domains = ["stockholm.se"]
aliases = ["Spånga-Tensta"]
seminar = "2022-09-14"

[[actors]]
name = "Tullverket"
kind = "myndighet"
domains = ["tullverket.se"]
addresses = ["registrator@example-shared.se"]
seats = 3
seminar = "2022-09-14"
"""


def make_config(tmp_path: Path, text: str = SMALL_CONFIG, **environ: str) -> config_mod.Config:
    """Write `text` as config.toml beside a copy of the shipped templates and load it."""
    shutil.copytree(REPO / "mailbot" / "templates", tmp_path / "templates", dirs_exist_ok=True)
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return config_mod.load(path, environ)


def render(
    mail: Mail,
    config: config_mod.Config,
    now: dt.datetime,
    parent: Email | None = None,
    msgid: str | None = None,
) -> replies.Rendered:
    """`replies.render` with the config's template directory, loaded as the shell loads it."""
    templates = template_files.environment(config.bot.templates)
    return replies.render(mail, config, now, parent, msgid, templates=templates)


def at(text: str) -> dt.datetime:
    """A Stockholm local time, e.g. at("2022-09-01 10:00")."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


T = TypeVar("T")


def present(value: T | None) -> T:
    """`value`, which the test expects to be there: a registration, a message's body part.

    An `Optional` the test knows is filled, asserted once so that the check reads as one line.
    """
    assert value is not None, "expected a value, got None"
    return value


def person(name: str | None, email: str | None, **kw: Any) -> ParticipantBlock:
    return ParticipantBlock(name=name, email=email, **kw)


def email(
    sender: str = "karin.lind@huddinge.se",
    display_name: str = "Karin Lind",
    participants: tuple[ParticipantBlock, ...] = (),
    subject: str = "Anmälan till seminariet",
    message_id: str = "<m1@huddinge.se>",
    **kw: Any,
) -> Email:
    """An `Email` as `parsing.read` fills it: the organisation written is also the evidence of
    §4.3, a cancel intent's participants are the cancellation's addresses, and the signs of
    registering are read from the subject and text as the reader reads them."""
    domain = sender.rpartition("@")[2].lower()
    if kw.get("organisation") and "organisations" not in kw:
        kw["organisations"] = (kw["organisation"],)
    if kw.get("intent") == "cancel" and "cancels" not in kw:
        written = tuple(p.email for p in participants if p.email)
        kw["cancels"] = (Cancel("avanmälan", addresses=written, opening=True),)
        participants = ()
    kw.setdefault("registering", signs_of_registering(subject, kw.get("text", "").split("\n")))
    kw.setdefault("names_people", bool(participants))
    return Email(
        message_id=message_id,
        sender=Sender(address=sender, display_name=display_name, domain=domain),
        subject=subject,
        participants=participants,
        **kw,
    )


def date(month: int, day: int, year: int | None = None) -> DateRef:
    return DateRef(month=month, day=day, year=year)


def raw_mail(
    sender: str,
    body: str,
    *,
    subject: str = "Anmälan",
    message_id: str | None = None,
    display_name: str = "",
    extra_headers: tuple[tuple[str, str], ...] = (),
) -> bytes:
    """A plain UTF-8 message as a mail client sends it (CRLF, encoded-word headers)."""
    from email.header import Header

    def enc(text: str) -> str:
        return text if text.isascii() else Header(text, "utf-8").encode()

    from_ = f"{enc(display_name)} <{sender}>" if display_name else sender
    headers = [
        ("From", from_),
        ("To", BOT),
        ("Subject", enc(subject)),
        ("Date", "Thu, 01 Sep 2022 10:00:00 +0200"),
        *([("Message-ID", message_id)] if message_id else []),
        *extra_headers,
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Transfer-Encoding", "8bit"),
    ]
    head = "".join(f"{k}: {v}\r\n" for k, v in headers)
    return head.encode("ascii") + b"\r\n" + body.replace("\n", "\r\n").encode("utf-8")


def registration(
    sender: str, people: list[tuple[str, str]], message_id: str | None, **kw: Any
) -> bytes:
    body = (
        "Hej,\n\n" + "\n\n".join(f"Namn: {n}\nE-post: {e}" for n, e in people) + "\n\nHälsningar\n"
    )
    return raw_mail(sender, body, message_id=message_id, **kw)


FIXTURES = Path(__file__).resolve().parent / "fixtures"


def booking(
    email: str,
    status: Status = "confirmed",
    *,
    seminar: str = "2022-09-14",
    actor: str = "Huddinge kommun",
    registered_at: dt.datetime | None = None,
    confirmed_at: dt.datetime | None = None,
    **kw: Any,
) -> Registration:
    """A stored registration as the store would hand it back (scheduled work, §7 §8)."""
    registered_at = registered_at or at("2022-09-01 10:00")
    if confirmed_at is None and status == "confirmed":
        confirmed_at = registered_at
    kw.setdefault("name", email.partition("@")[0].replace(".", " ").title())
    kw.setdefault("registered_by", "karin.lind@huddinge.se")
    return Registration(
        seminar=seminar,
        email=email,
        actor=actor,
        status=status,
        registered_at=registered_at,
        confirmed_at=confirmed_at,
        **kw,
    )


# --------------------------------------------------------------------------- the service
# (test_service.py, test_crash.py): a config pointing at test servers, `mailbot run` as a process


def with_servers(text: str, imap: config_mod.Imap, smtp: config_mod.Smtp) -> str:
    """A config text plus [imap] and [smtp] tables pointing at test servers."""
    import dataclasses
    import json

    def table(name: str, settings: Any) -> str:
        pairs = [
            (k, str(v) if isinstance(v, Path) else v)
            for k, v in dataclasses.asdict(settings).items()
        ]
        return "\n".join(
            [f"[{name}]", *(f"{k} = {json.dumps(v)}" for k, v in pairs if v is not None)]
        )

    return f"{text}\n{table('imap', imap)}\n\n{table('smtp', smtp)}\n"


def wait_until(
    predicate: Any, timeout_s: float = 15.0, what: str = "the condition", interval_s: float = 0.01
) -> float:
    """Poll until `predicate()` is true; return the seconds it took (AssertionError on timeout)."""
    import time

    started = time.monotonic()
    while not predicate():
        if time.monotonic() - started > timeout_s:
            raise AssertionError(f"{what} did not happen within {timeout_s} s")
        time.sleep(interval_s)
    return time.monotonic() - started


class BotProcess:
    """`mailbot run` as a real process, as systemd or cron runs it; its log in a file.

    It runs in a process group of its own, and signals go to the whole group, as systemd sends
    them (`KillMode=control-group`): a SIGKILL then kills every process of the service (the
    outbox's among them), as a crash of the machine would.
    """

    def __init__(
        self,
        config_path: Path,
        *args: str,
        password: str,
        log: Path,
        env: Mapping[str, str] | None = None,
    ) -> None:
        """`password`: the IMAP password; `env`: other variables (an OAuth client secret)."""
        import os
        import subprocess
        import sys

        self.log = log
        environment = {k: v for k, v in os.environ.items() if not k.startswith("MAILBOT_")}
        environment["MAILBOT_IMAP_PASSWORD"] = password
        environment.update(env or {})
        command = [str(Path(sys.executable).with_name("mailbot")), "run", "--config"]
        with log.open("ab") as out:
            self.process = subprocess.Popen(
                [*command, str(config_path), *args],
                cwd=config_path.parent,
                env=environment,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def _signal_group(self, sig: int) -> None:
        import contextlib
        import os

        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, sig)

    def stop(self, sig: int | None = None, timeout_s: float = 15.0) -> tuple[int, float]:
        """Send `sig` (SIGTERM by default); the exit status and how long the exit took."""
        import signal
        import time

        started = time.monotonic()
        self._signal_group(signal.SIGTERM if sig is None else sig)
        code = self.process.wait(timeout_s)
        return code, time.monotonic() - started

    def caught_up(self, database: Path) -> bool:
        """Whether this process has done its first inbox catch-up (its health records say so)."""
        from mailbot.store import Store

        with Store(database) as store:
            health = store.mailbox.health()
        return health.get("pid") == str(self.process.pid) and health.get(
            "last_poll", ""
        ) >= health.get("started_at", "~")

    def kill(self) -> None:
        """SIGKILL to every process of the service: no clean-up of any kind."""
        import signal

        self._signal_group(signal.SIGKILL)
        self.process.wait(15)

    def wait(self, timeout_s: float = 60.0) -> int:
        return self.process.wait(timeout_s)

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
