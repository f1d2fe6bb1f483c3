"""What an author typed, as values: paragraphs, lists, tables, a signature, a disclaimer, a quoted
or forwarded mail, attachments. `clients.py` renders them the way each mail client does."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

BOT = "anmalan@lansstyrelsen.example"
BOT_NAME = "Länsstyrelsen Stockholm – anmälan"


@dataclass(frozen=True)
class P:
    """A paragraph; each `\\n` is a line the author ended with Enter. `**x**` is bold."""

    text: str


@dataclass(frozen=True)
class Blank:
    """An empty line (Outlook: `<p class=MsoNormal><o:p>&nbsp;</o:p></p>`)."""


@dataclass(frozen=True)
class Items:
    """A list made with the client's list button: bullets, or numbers when `numbered`."""

    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    """A table; `rows[0]` is the header row when there is one. `excel`: cells copied from Excel
    and pasted into the mail (Outlook then writes Excel's borderless, `nowrap` cells) rather than
    a table inserted in the mail itself (Word's `MsoTableGrid`)."""

    rows: tuple[tuple[str, ...], ...]
    excel: bool = False


@dataclass(frozen=True)
class Sig:
    """The author's signature: name, title, organisation, phone, address lines."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Disclaimer:
    """A legal or confidentiality notice that the mail system adds below the signature."""

    text: str


@dataclass(frozen=True)
class Quote:
    """A quoted (reply) or forwarded mail, with its own header fields and body."""

    name: str
    address: str
    when: dt.datetime  # local time; each client writes it its own way
    to: str
    subject: str
    body: tuple[object, ...]
    forward: bool = False


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Mail:
    """What the author sent: who, to whom, when, the subject, the body and attachments."""

    sender_name: str
    sender: str
    subject: str
    date: str  # RFC 5322 date as the client wrote it
    body: tuple[object, ...]
    lang: str = "sv"
    to: str = BOT
    to_name: str = BOT_NAME
    attachments: tuple[Attachment, ...] = field(default_factory=tuple)
    in_reply_to: str | None = None
    headers: tuple[str, ...] = ()  # extra header lines as written (Auto-Submitted, X-MS-…), last
