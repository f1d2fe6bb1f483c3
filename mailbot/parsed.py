"""What a read message is: the values `parsing.read` returns (SPEC §3).

Rules of this file: values only (frozen dataclasses), no behaviour beyond the keys they are
compared by. The reading modules (`headers`, `addresses`, `mime`, `quotes`, `blocks`) build them
and `parsing` assembles them; the decision and the store read them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Intent = Literal["register", "cancel", "substitute"]


@dataclass(frozen=True)
class Sender:
    """The From address (never Reply-To, never the envelope), as `email-validator` normalised it."""

    address: str  # normalised: domain lower-cased, local part as written
    display_name: str
    domain: str  # lower-case, IDNA-decoded (unicode) form

    @property
    def key(self) -> str:
        return self.address.casefold()


@dataclass(frozen=True)
class DateRef:
    """A seminar date as written in a `Datum:` line; year is None when it was not written."""

    month: int
    day: int
    year: int | None = None

    def matches(self, date: dt.date) -> bool:
        return (
            self.month == date.month
            and self.day == date.day
            and (self.year is None or self.year == date.year)
        )


@dataclass(frozen=True)
class ParticipantBlock:
    """One `Key: value` block of the author's text (SPEC §3)."""

    name: str | None = None
    email: str | None = None  # normalised by email-validator; the raw text when invalid
    email_error: str | None = None  # why `email` is not a valid address, else None
    organisation: str | None = None
    title: str | None = None
    seminar: str | None = None  # the raw `Datum:` value
    seminar_date: DateRef | None = None  # parsed; None when absent or not a date
    replaces: str | None = None  # normalised address of the participant being substituted
    notes: str | None = None

    @property
    def email_key(self) -> str | None:
        """Duplicate key: the library keeps the local part's case, people do not."""
        return self.email.casefold() if self.email and not self.email_error else None

    @property
    def replaces_key(self) -> str | None:
        return self.replaces.casefold() if self.replaces else None


@dataclass(frozen=True)
class BounceReport:
    """What a `multipart/report` delivery report says about the message it returns."""

    original_message_id: str | None
    final_recipients: tuple[str, ...]
    action: str | None  # failed | delayed | delivered | …
    returns_headers: bool = False  # holds the returned message or its headers (§10)


@dataclass(frozen=True)
class Email:
    """A parsed inbound message: only what the decision needs, already decoded."""

    message_id: str | None  # "<id@host>" as written (angle brackets kept), or None
    sender: Sender | None  # None when From is missing or not an address
    subject: str  # decoded, control characters removed
    in_reply_to: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    # Loop-prevention headers (SPEC §10), raw values or None when absent.
    auto_submitted: str | None = None
    precedence: str | None = None
    x_auto_response_suppress: str | None = None
    return_path: str | None = None
    has_list_headers: bool = False
    report: BounceReport | None = None  # set for multipart/report
    # Authentication-Results header values, topmost first (SPEC §4.4).
    authentication_results: tuple[str, ...] = ()
    # The author's own text, quotes and signature removed, line ends normalised to \n.
    text: str = ""
    intent: Intent = "register"
    participants: tuple[ParticipantBlock, ...] = ()
    organisation: str | None = None  # the organisation written in the message (first one found)
    language: Literal["sv", "en"] | None = None  # "en" when English keys/subject, else None
    size: int = 0
    problems: tuple[str, ...] = field(default_factory=tuple)  # why parts could not be read
