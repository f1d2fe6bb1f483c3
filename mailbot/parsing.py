"""Bytes in, a registration request out: SPEC §3.

Pure: no I/O, no clock. `read()` never raises; a message it cannot make sense of still comes back
as an `Email` whose `problems` say why, so the caller can record an outcome for it.

How a message is read, and why in this order:

1. Header fields (`headers`) are taken from the raw header text. The policy's header objects
   raise on real mail (Outlook msg-ids, cpython #94306) and turn long msg-ids into encoded-words,
   so only From and Subject go through them, guarded, and everything else is read as written.
2. The author's text part (`mime`, `charsets`): text/plain when there is one (no HTML conversion
   then: it is the slow step), else HTML turned into lines as a reader sees them. Charsets are
   decoded as mail clients really use them (iso-8859-1 means windows-1252) and never fail.
3. The author's own words only (`quotes`): quoted replies, forwarded mail and the signature are
   cut before anything is parsed, so an invitation quoted below a reply never registers anyone.
4. `Key: value` blocks become participants (`blocks`, `addresses`); intent and reply language
   follow from them (here).

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
from typing import Final, Literal, TypeVar

from mailbot.addresses import Deliverable
from mailbot.blocks import Found, find_blocks
from mailbot.headers import (
    POLICY,
    RAW_MESSAGE_ID,
    Headers,
    first_msg_id,
    msg_ids,
    sender_of,
    subject_of,
)
from mailbot.mime import author_lines, bounce_report
from mailbot.parsed import BounceReport, DateRef, Email, Intent, ParticipantBlock, Sender

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
    lines = _guarded(problems, "body", lambda: author_lines(msg, problems)) or ()
    found = _guarded(problems, "participants", lambda: find_blocks(lines, deliverable))
    found = found or Found((), None, 0, 0)
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
        text="\n".join(lines),
        intent=_intent(subject, lines, found.participants),
        participants=found.participants,
        organisation=found.organisation,
        language=_language(subject, found.english_keys, found.swedish_keys),
        size=len(raw),
        problems=tuple(problems),
    )


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

_CANCEL_WORD: Final = re.compile(
    r"avanmäl|avanmal|återbud|aterbud|avbok|cancel|unregister|de-?register", re.IGNORECASE
)
_GREETING: Final = re.compile(
    r"(?:hej|hejsan|hallå|hello|hi|hey|dear|tjena|tja|goddag|god (?:morgon|middag|eftermiddag"
    r"|kväll|dag)|good (?:morning|afternoon|evening|day))\b",
    re.IGNORECASE,
)
_ENGLISH_SUBJECT: Final = re.compile(
    r"\b(?:registration|registrations|register|registering|cancel\w*|unregister|participants?"
    r"|sign[- ]?up|attendance|substitut\w*|replacement)\b",
    re.IGNORECASE,
)


def _intent(subject: str, lines: Sequence[str], participants: Sequence[ParticipantBlock]) -> Intent:
    """SPEC §3: a cancel word in the subject or the opening line wins; then a substitution."""
    if _CANCEL_WORD.search(subject) or any(_CANCEL_WORD.search(s) for s in _opening(lines)):
        return "cancel"
    if any(p.replaces for p in participants):
        return "substitute"
    return "register"


def _opening(lines: Sequence[str]) -> list[str]:
    """The first non-empty line, and the next one too when the first is a greeting ("Hej,")."""
    nonblank = (line for line in lines if line)
    first = next(nonblank, None)
    if first is None:
        return []
    if not _GREETING.match(first):
        return [first]
    second = next(nonblank, None)
    return [first] if second is None else [first, second]


def _language(subject: str, english_keys: int, swedish_keys: int) -> Literal["en"] | None:
    """English keys outnumbering Swedish ones decide; with no majority, an English subject."""
    if english_keys != swedish_keys:
        return "en" if english_keys > swedish_keys else None
    return "en" if _ENGLISH_SUBJECT.search(subject) else None
