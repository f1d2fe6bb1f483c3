"""Bytes in, a registration request out: SPEC §3.

Pure: no I/O, no clock. `read()` never raises; a message it cannot make sense of still comes back
as an `Email` whose `problems` say why, so the caller can record an outcome for it.

How a message is read, and why in this order:

1. Header fields (`headers`) are taken from the raw header text. The policy's header objects
   raise on real mail (Outlook msg-ids, cpython #94306) and turn long msg-ids into encoded-words,
   so only From and Subject go through them, guarded, and everything else is read as written.
2. The body as a reader sees it (`mime.body`): the HTML part when there is one (it keeps
   tables and lists as written, `reading.html`), else the plain part with its tabs. Charsets
   are decoded as mail clients really use them (iso-8859-1 means windows-1252) and never fail.
3. What the text says (`reading.message.read_text`): the author's own words apart from quotes,
   forwards, signature and disclaimer (`reading.split`), every reader of people over them and
   the attached spreadsheets within limits, one chooser (`reading.choose`), the phrases of
   intent and the organisations written (§4.3). A quoted invitation never registers anyone.
4. Addresses validated once, dates read (`participants`), and the values of `parsed` filled.

CONTRACT (used by actors/decide/store): the values of `parsed` (re-exported here), `read()` and
`message_key()`. The reading modules import nothing from here; this one assembles them.
"""

from __future__ import annotations

import email
import email.header
import email.policy
import email.utils
import hashlib
import re
from collections.abc import Callable, Sequence
from typing import Any, Final, Literal, TypeVar

from mailbot.parsing import participants as people
from mailbot.parsing.addresses import Deliverable
from mailbot.parsing.headers import (
    POLICY,
    RAW_MESSAGE_ID,
    Headers,
    first_msg_id,
    msg_ids,
    sender_of,
    subject_of,
)
from mailbot.parsing.mime import attached_files, body, bounce_report, sealed
from mailbot.parsing.parsed import (
    BounceReport,
    Cancel,
    DateRef,
    Email,
    Intent,
    ParticipantBlock,
    Sender,
    Swap,
)
from mailbot.reading.html import Rendered
from mailbot.reading.keys import key_language, key_words
from mailbot.reading.message import MAX_ATTACHMENTS, Text, read_text

__all__ = [
    "BounceReport",
    "DateRef",
    "Deliverable",
    "Email",
    "Intent",
    "ParticipantBlock",
    "Sender",
    "message_key",
    "read",
]

_T = TypeVar("_T")


def message_key(raw: bytes, message_id: str | None) -> str:
    """What makes a message "the same message" (SPEC §12): its Message-ID, else a digest."""
    if message_id:
        return message_id
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def read(raw: bytes, *, deliverable: Deliverable | None = None) -> Email:
    """Parse raw RFC 5322 bytes. Never raises.

    Each stage is guarded on its own (see `_read`), so a broken body still leaves the Message-ID
    and sender for the journal; this outer guard only catches what escapes all of them. An address
    that `deliverable` refuses is read as an invalid one, with its reason.
    """
    try:
        return _read(bytes(raw), deliverable)
    except Exception as exc:  # the contract: every message gets an outcome
        return _unreadable(raw, exc)


def _unreadable(raw: object, exc: Exception) -> Email:
    """What is left when the parser itself gives up (e.g. multiparts nested thousands deep):
    the Message-ID, found in the raw header block, still keeps a redelivery from being handled
    twice (SPEC §12)."""
    head = raw[:_HEAD_LIMIT] if isinstance(raw, bytes) else b""
    head = head.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
    found = RAW_MESSAGE_ID.search(head.decode("utf-8", "replace"))
    return Email(
        message_id=found[1] if found else None,
        sender=None,
        subject="",
        size=_size(raw),
        problems=(f"message could not be read: {_describe(exc)}",),
    )


_HEAD_LIMIT: Final = 256 * 1024


def _read(raw: bytes, deliverable: Deliverable | None) -> Email:
    problems: list[str] = []
    msg = email.message_from_bytes(raw, policy=POLICY)
    headers = Headers.of(msg)
    sender = _guarded(problems, "From", lambda: sender_of(headers, deliverable, problems))
    subject = _guarded(problems, "Subject", lambda: subject_of(headers)) or ""
    shown = _guarded(problems, "body", lambda: body(msg, problems)) or Rendered(())
    files = _guarded(problems, "attachments", lambda: attached_files(msg, MAX_ATTACHMENTS)) or ()
    text = _guarded(
        problems,
        "participants",
        lambda: read_text(
            shown,
            subject,
            sender_name=sender.display_name if sender else None,
            sender_address=sender.address if sender else None,
            files=files,
        ),
    )
    said = _what_it_says(subject, text, deliverable) if text is not None else {}
    ciphertext: bool | None = _guarded(problems, "encryption", lambda: sealed(msg, shown))
    if said and ciphertext:
        said["registering"] = False  # ciphertext says nothing of registering (§3)
    return Email(
        message_id=first_msg_id(headers.first("message-id")),
        sender=sender,
        subject=subject,
        in_reply_to=msg_ids(headers.first("in-reply-to")),
        references=msg_ids(headers.first("references")),
        auto_submitted=headers.stripped("auto-submitted"),
        precedence=headers.stripped("precedence"),
        x_auto_response_suppress=headers.stripped("x-auto-response-suppress"),
        return_path=headers.stripped("return-path"),
        has_list_headers=headers.has_list_headers(),
        report=_guarded(problems, "delivery report", lambda: bounce_report(msg)),
        authentication_results=tuple(v.strip() for v in headers.all("authentication-results")),
        size=len(raw),
        whole_text="\n".join(shown.lines),
        problems=tuple(problems),
        **said,
    )


def _what_it_says(subject: str, text: Text, deliverable: Deliverable | None) -> dict[str, Any]:
    """The fields of `Email` that the author's text gives (SPEC §3, §4.3, §6, §10)."""
    found = people.blocks(text.people.people, deliverable)
    cancels = people.cancels(text.cancellations, deliverable, text.opening)
    swaps = people.swaps(text.substitutions, deliverable)
    # An organisation written for a participant (a key, a table's column) is the strongest
    # evidence of whom the sender writes for (§4.3); then what the text says.
    written = [p.organisation for p in found if p.organisation]
    organisations = tuple(dict.fromkeys([*written, *text.organisation_keys]))
    return {
        "text": "\n".join(text.author),
        "intent": _intent(cancels, swaps, found),
        "participants": found,
        "organisation": organisations[0] if organisations else None,
        "signature": text.signature,
        "language": _language(subject, key_language(key_words(text.author))),
        "unclear": people.unclear(text.people.unread),
        "refused": text.refused,
        "names_people": text.people.names_people,
        "registering": text.people.registering,
        "sender_counted": text.people.sender_counted is not None,
        "we_come": text.people.we_come is not None,
        "sender_excluded": text.people.sender_excluded is not None,
        "cancels": cancels,
        "swaps": swaps,
        "dates": people.dates(text.date_requests),
        "prose_dates": people.prose_dates(text.date_requests),
        "organisations": organisations,
        "points_below": text.points_below,
        "seat_condition": text.seat_condition,
        "forward": people.forward(text.forwarded, deliverable),
    }


def _guarded(problems: list[str], what: str, stage: Callable[[], _T]) -> _T | None:
    """Run one stage; a failure is recorded as a problem instead of losing the whole message."""
    try:
        return stage()
    except Exception as exc:
        problems.append(f"{what} could not be read: {_describe(exc)}")
        return None


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]


def _size(raw: object) -> int:
    return len(raw) if isinstance(raw, bytes | bytearray | memoryview) else 0


# --------------------------------------------------------------------------------------------

_ENGLISH_SUBJECT: Final = re.compile(
    r"\b(?:registration|registrations|register|registering|cancel\w*|unregister|participants?"
    r"|sign[- ]?up|attendance|substitut\w*|replacement|seminars?|unsubscribe)\b",
    re.IGNORECASE,
)


def _intent(
    cancels: Sequence[Cancel], swaps: Sequence[Swap], participants: Sequence[ParticipantBlock]
) -> Intent:
    """SPEC §3, as one word for the journal (the decision reads the phrases themselves): a
    substitution when someone goes instead of someone; a cancellation when one names whom, or
    when no one is registered beside it ("Återbud kommer senare" above a block is neither)."""
    if any(s.old or s.new for s in swaps) or any(p.replaces for p in participants):
        return "substitute"
    if any(c.names or c.addresses or c.in_subject or c.opening for c in cancels):
        return "cancel"
    if any(c.of_sender for c in cancels) and not participants:
        return "cancel"
    return "register"


def _language(subject: str, keys: str | None) -> Literal["en"] | None:
    """English keys outnumbering Swedish ones decide; with no majority, an English subject."""
    if keys is not None:
        return "en" if keys == "en" else None
    return "en" if _ENGLISH_SUBJECT.search(subject) else None
