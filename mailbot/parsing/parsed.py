"""What a read message is: the values `parsing.read` returns (SPEC §3).

Rules of this file: values only (frozen dataclasses), no behaviour beyond the keys they are
compared by. The parts of `parsing` (`headers`, `mime`, `participants`) and `reading` build them
and `parsing` assembles them; the decision and the store read them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from mailbot.reading.attachments import Refused
from mailbot.reading.reasons import Reason

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
class ProseDate:
    """A date written in the subject or a sentence about coming (§6), with the sentence and
    the clause it stands in, so the decision can tell for whom it was written."""

    date: DateRef
    sentence: str
    clause: str


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
    # The reader that found this person (SPEC §3, last points: the journal names the form) and
    # the line it was read from.
    source: str = "key-block"
    line: str = ""

    @property
    def email_key(self) -> str | None:
        """Duplicate key: the library keeps the local part's case, people do not."""
        return self.email.casefold() if self.email and not self.email_error else None

    @property
    def replaces_key(self) -> str | None:
        return self.replaces.casefold() if self.replaces else None


@dataclass(frozen=True)
class Unclear:
    """Text that names a participant but could not be read as one: the needs-info reply quotes
    `line`, says `why`, and asks for `name`'s address when a name was read."""

    source: str
    line: str
    why: Reason  # a code and figures: the reply's language words it
    name: str | None = None
    email: str | None = None  # the address it is about (normalised when valid), when one is


@dataclass(frozen=True)
class Mention:
    """A person written with a cancellation or substitution phrase: a name, an address, or both
    (the address normalised when it is valid)."""

    name: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class Cancel:
    """A phrase asking to cancel (SPEC §3): whom it names, and whether it speaks of the writer."""

    line: str
    names: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    of_sender: bool = False
    in_subject: bool = False
    opening: bool = False  # it opens the text: the blocks below it are whom it cancels
    of_other: bool = False  # it speaks of someone it does not name ("min kollega", "hon")


@dataclass(frozen=True)
class Swap:
    """A phrase saying one person goes instead of another; either side may be unnamed."""

    line: str
    old: Mention | None = None
    new: Mention | None = None


@dataclass(frozen=True)
class Forward:
    """A forwarded mail in the body: its author (From line) and whom its own text names."""

    sender: Sender | None
    participants: tuple[ParticipantBlock, ...] = ()
    unclear: tuple[Unclear, ...] = ()
    names_people: bool = False
    sender_counted: bool = False
    sender_excluded: bool = False


@dataclass(frozen=True)
class BounceReport:
    """What a `multipart/report` delivery report says about the message it returns."""

    original_message_id: str | None
    final_recipients: tuple[str, ...]
    action: str | None  # failed | delayed | delivered | …
    returns_headers: bool = False  # holds the returned message or its headers (§10)
    # The report's `report-type` (RFC 6522): "delivery-status", "disposition-notification" (a
    # read receipt, RFC 8098), or "" when the report does not say (a non-standard bounce).
    report_type: str = ""

    @property
    def read_receipt(self) -> bool:
        """A read receipt proves the mail arrived: it is never a bounce (§10)."""
        return self.report_type == "disposition-notification"


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
    # What the author's text says beyond the participants read (SPEC §3, §4.3, §6, §10).
    unclear: tuple[Unclear, ...] = ()  # lines naming someone that could not be read
    refused: tuple[Refused, ...] = ()  # attachments not read, and why
    names_people: bool = False  # a list, table, attached list or names were written
    registering: bool = False  # a sign of registering in the subject or the text
    sender_counted: bool = False  # the text counts the writer in ("mig själv", …)
    we_come: bool = False  # "Vi kommer gärna" and no one named: the writer is one of "vi"
    sender_excluded: bool = False  # the text says the writer does not come
    cancels: tuple[Cancel, ...] = ()
    swaps: tuple[Swap, ...] = ()
    dates: tuple[DateRef, ...] = ()  # dates written in prose or the subject about coming (§6)
    prose_dates: tuple[ProseDate, ...] = ()  # the same, each with where it was written
    organisations: tuple[str, ...] = ()  # written for a participant or as a key (§4.3)
    signature: tuple[str, ...] = ()  # the author's signature lines (§4.3 evidence)
    points_below: bool = False  # "se nedan", "enligt nedan": the forwarded part says who
    seat_condition: str | None = None  # "Anmäl mig om det finns plats kvar": not waitlisted
    forward: Forward | None = None
    whole_text: str = ""  # the whole body as read, quotes included, for the organiser
    size: int = 0
    problems: tuple[str, ...] = field(default_factory=tuple)  # why parts could not be read
