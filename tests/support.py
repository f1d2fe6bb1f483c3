"""Builders shared by the tests: a compact event config and parsed-email values.

The core is tested with values, not files: `email()` builds what `parsing.read` would return,
so a decision test says exactly which facts of a message it depends on.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from mailbot import config as config_mod
from mailbot.parsing import DateRef, Email, ParticipantBlock, Sender

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
    shutil.copytree(REPO / "templates", tmp_path / "templates", dirs_exist_ok=True)
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return config_mod.load(path, environ)


def at(text: str) -> dt.datetime:
    """A Stockholm local time, e.g. at("2022-09-01 10:00")."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=STOCKHOLM)


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
    domain = sender.rpartition("@")[2].lower()
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


def registration(sender: str, people: list[tuple[str, str]], message_id: str, **kw: Any) -> bytes:
    body = (
        "Hej,\n\n" + "\n\n".join(f"Namn: {n}\nE-post: {e}" for n, e in people) + "\n\nHälsningar\n"
    )
    return raw_mail(sender, body, message_id=message_id, **kw)


FIXTURES = Path(__file__).resolve().parent / "fixtures"


def booking(
    email: str,
    status: str = "confirmed",
    *,
    seminar: str = "2022-09-14",
    actor: str = "Huddinge kommun",
    registered_at: dt.datetime | None = None,
    confirmed_at: dt.datetime | None = None,
    **kw: Any,
) -> Any:
    """A stored registration as the store would hand it back (scheduled work, §7 §8)."""
    from mailbot.state import Registration

    registered_at = registered_at or at("2022-09-01 10:00")
    if confirmed_at is None and status == "confirmed":
        confirmed_at = registered_at
    kw.setdefault("name", email.partition("@")[0].replace(".", " ").title())
    kw.setdefault("registered_by", "karin.lind@huddinge.se")
    return Registration(
        seminar=seminar,
        email=email,
        actor=actor,
        status=status,  # type: ignore[arg-type]
        registered_at=registered_at,
        confirmed_at=confirmed_at,
        **kw,
    )
