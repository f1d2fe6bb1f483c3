"""What a reader found: a person as written, with where and how it was read.

Rules of this file: values only. Addresses are kept as written (validation and normalisation
happen once, later, in one place), so a reader never decides whether an address is good.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from mailbot.reading.reasons import Reason

# Why an Unread says others come: "Kan jag anmäla mig och en kollega?", "Vi kommer gärna".
OTHERS_UNNAMED: Final = Reason("others-unnamed")

# The reader that found a person; the journal's rule names the form (SPEC §3, last points).
Source = Literal["key-block", "list", "line", "table", "attachment", "prose", "sender"]


@dataclass(frozen=True)
class Found:
    """One person a reader found in the author's text or an attached list."""

    source: Source
    line: str  # the text it was read from, as written (quoted back in a needs-info reply)
    name: str | None = None
    email: str | None = None  # the address text as written; None when the text gives none
    title: str | None = None
    organisation: str | None = None
    seminar: str | None = None  # a date as written for this person (`Datum:`), raw
    replaces: str | None = None  # the address (or name) of the person this one replaces
    notes: str | None = None


@dataclass(frozen=True)
class Unread:
    """Text that looks like it names a participant but could not be read as one: a needs-info
    reply quotes `line` and says `why`."""

    source: Source
    line: str
    why: Reason  # a code and its figures; the reply's templates word it
    name: str | None = None  # the person it is about, when a name could be read ("no address")
    email: str | None = None  # the address it is about, as written ("written with two names")
