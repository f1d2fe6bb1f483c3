"""What a careful organiser expects of a corpus case: the values the `cases_*.py` modules
fill in and `build.py` writes to `expected.toml`."""

from __future__ import annotations

import datetime as dt
import tomllib
import unicodedata
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from body import Mail

HERE = Path(__file__).resolve().parent
CONFIG = tomllib.loads((HERE / "config.toml").read_text(encoding="utf-8"))
SEMINAR_OF = {a["name"]: a["seminar"] for a in CONFIG["actors"]}


def addr(name: str, domain: str) -> str:
    """The address an agency gives a person: `förnamn.efternamn@domain` without diacritics."""
    plain = unicodedata.normalize("NFKD", name.lower()).encode("ascii", "ignore").decode()
    return ".".join(plain.split()) + "@" + domain


@dataclass(frozen=True)
class Booking:
    email: str
    name: str
    actor: str
    status: str = "confirmed"
    seminar: str = ""

    def row(self) -> dict[str, str]:
        return {
            "email": self.email,
            "name": self.name,
            "status": self.status,
            "actor": self.actor,
            "seminar": self.seminar or SEMINAR_OF[self.actor],
        }


_OUTCOME_OF = {"confirmed": "confirmed", "waitlisted": "waitlisted", "pending": "forwarded"}


def booked(*bookings: Booking) -> tuple[tuple[str, str | None], ...]:
    """The outcomes a fresh registration of these bookings gives, in order."""
    return tuple((_OUTCOME_OF[x.status], x.email) for x in bookings)


def b(name: str, domain: str, actor: str, status: str = "confirmed", seminar: str = "") -> Booking:
    return Booking(addr(name, domain), name, actor, status, seminar)


@dataclass(frozen=True)
class Case:
    """One fixture and what a careful organiser expects of it.

    `outcomes` are (outcome, participant address or None) for this message alone; `bookings` is
    the whole participant list afterwards (setup included); `ask` says the bot must ask the
    sender something; `form` names the reader that should find the people.
    """

    name: str
    client: str
    mail: Mail
    form: str
    outcomes: tuple[tuple[str, str | None], ...] = ()
    bookings: tuple[Booking, ...] = ()
    ask: bool = False
    setup: tuple[str, ...] = ()
    received: str = ""  # default: a minute after the Date the client wrote
    reply_to: str | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def arrived(self) -> str:
        """When the server received it (IMAP INTERNALDATE): as given, else a minute after Date."""
        if self.received:
            return self.received
        sent = parsedate_to_datetime(self.mail.date)
        return (sent + dt.timedelta(minutes=1)).isoformat()


# The actors the cases write from most (names as in config.toml).
HUD = "Huddinge kommun"
BOK = "Botkyrka kommun"
NAC = "Nacka kommun"
SOL = "Solna stad"
SDT = "Södertälje kommun"
HAN = "Haninge kommun"
JAR = "Järfälla kommun"
REG = "Region Stockholm"
TULL = "Tullverket"
KV = "Kriminalvården"

# Setup states other cases start from (cases_keyblocks.py).
HUD_TWO = "kb-outlook-two-blocks-huddinge"  # Lisa Berg, Anna Lindqvist
BOT_TWO = "kb-values-on-next-line-botkyrka"  # Fatima Hassan, Jonas Lärka
HAN_FIVE = "kb-five-blocks-haninge-waitlist"  # four confirmed, Ulla Gustafsson waiting
KV_TWO = "kb-thunderbird-kriminalvarden"  # Emma Johansson, Mats Hellström
LISA = b("Lisa Berg", "huddinge.se", HUD)
ANNA = b("Anna Lindqvist", "huddinge.se", HUD)


def st(x: Booking, status: str) -> Booking:
    """The same booking with another status (after a cancellation or a promotion)."""
    return Booking(x.email, x.name, x.actor, status, x.seminar)
