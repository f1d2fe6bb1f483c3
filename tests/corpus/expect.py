"""What a careful organiser expects of a corpus case: the values `forms.py` and `intents.py`
fill in and `build.py` writes to `expected.toml`."""

from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clients import Mail

HERE = Path(__file__).resolve().parent
CONFIG = tomllib.loads((HERE / "config.toml").read_text(encoding="utf-8"))
SEMINAR_OF = {a["name"]: a["seminar"] for a in CONFIG["actors"]}
ON_TIME = "2022-08-24T10:15:00+02:00"


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
    received: str = ON_TIME
    reply_to: str | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
