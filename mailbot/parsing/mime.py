"""The message's structure: the text as a reader sees it, charsets, format=flowed, attached
files, and delivery reports (SPEC §3, §10).

Rules of this file: the HTML part when there is one (rendered by `reading.html`: it keeps tables
and lists as written), else the plain part with its tabs. Charsets are decoded as mail clients
really use them (iso-8859-1 means windows-1252) and never fail; a part that cannot be decoded is a
problem noted, not an exception.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from email import errors
from email.message import EmailMessage, Message
from typing import Final

from mailbot.parsing.charsets import decoded
from mailbot.parsing.headers import (
    FOLDING,
    RAW_MESSAGE_ID,
    Headers,
    first_msg_id,
    text_from_surrogates,
    unfold,
)
from mailbot.parsing.parsed import BounceReport
from mailbot.reading.html import Rendered, rendered
from mailbot.reading.message import File

_BASE64_DEFECTS: Final = (
    errors.InvalidBase64CharactersDefect,
    errors.InvalidBase64PaddingDefect,
    errors.InvalidBase64LengthDefect,
)
_LINE_BREAK: Final = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_INVISIBLE: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\xad]")
_CONTENT_TYPE: Final = re.compile(r"\s*([^\s/;\"]+)\s*/\s*([^\s/;\"]+)")
_CONTENT_TYPE_PARAMS: Final = {
    name: re.compile(rf";\s*{name}\*?\s*=\s*(?:\"([^\"]*)\"|([^;\s]*))", re.IGNORECASE)
    for name in ("charset", "format", "delsp", "report-type")
}


def body(msg: EmailMessage, problems: list[str]) -> Rendered:
    """The whole text of the message as a reader sees it (SPEC §3): the HTML part when there is
    one (it keeps tables and lists as written), else the plain part with its tabs kept."""
    plain, html = _text_parts(msg)
    if html is not None:
        text = _INVISIBLE.sub("", _decoded_payload(html, problems))
        shown = rendered(text)
        if any(line.strip() for line in shown.lines) or plain is None:
            return shown
    if plain is None:
        problems.append("no readable text part")
        return Rendered(())
    return Rendered(tuple(_plain_lines(plain, problems, keep_tabs=True)))


def attached_files(msg: EmailMessage, limit: int) -> tuple[File, ...]:
    """Attached files other than the text parts, at most `limit` of them; a file that cannot be
    decoded is left out (it cannot be a list anyone meant)."""
    plain, html = _text_parts(msg)
    found: list[File] = []
    for part in _leaf_parts(msg):
        if part is plain or part is html or _content_type(part).startswith("multipart/"):
            continue
        name = part.get_filename() or ""
        if not name and not _is_attachment(part):
            continue
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            found.append(File(str(name), _content_type(part), payload))
        if len(found) >= limit:
            break
    return tuple(found)


_SEALED_TYPES: Final = frozenset(
    {"multipart/encrypted", "application/pkcs7-mime", "application/x-pkcs7-mime"}
)
_PGP_MESSAGE: Final = "-----BEGIN PGP MESSAGE-----"


def sealed(msg: EmailMessage, shown: Rendered) -> bool:
    """The message's own text is ciphertext: PGP/MIME (`multipart/encrypted`), S/MIME enveloped
    or opaque-signed (`application/pkcs7-mime`), or an inline PGP message in the body. What it
    says cannot be read, so its subject alone is no registration (SPEC §3: the organiser, who
    may hold the key, reads it). A note merely signed (`multipart/signed`) is read as written."""
    if _content_type(msg) in _SEALED_TYPES:
        return True
    return any(line.strip() == _PGP_MESSAGE for line in shown.lines)


def _text_parts(msg: EmailMessage) -> tuple[EmailMessage | None, EmailMessage | None]:
    """(text/plain, text/html): the first of each among the body parts, attachments skipped.

    MIME headers are read from their raw text: asking the policy parses Content-Type anew on
    every call, which was most of the time spent per message.
    """
    leaves = list(_leaf_parts(msg))
    bodies = [p for p in leaves if not _is_attachment(p)]
    if not bodies and len(leaves) == 1:
        bodies = leaves  # a lone text part marked as attachment is still the only text there is
    return _first_of_type(bodies, "text/plain"), _first_of_type(bodies, "text/html")


def _first_of_type(parts: Sequence[EmailMessage], content_type: str) -> EmailMessage | None:
    return next((p for p in parts if _content_type(p) == content_type), None)


def _leaf_parts(part: EmailMessage) -> Iterator[EmailMessage]:
    """Leaves of the multipart tree, not entering attached messages (message/rfc822)."""
    if part.is_multipart() and _content_type(part).startswith("multipart/"):
        for sub in part.get_payload():
            if isinstance(sub, EmailMessage):
                yield from _leaf_parts(sub)
    else:
        yield part


def _mime_header(part: Message, name: str) -> str:
    for key, value in part.raw_items():
        if key.lower() == name:
            return unfold(str(value))
    return ""


def _content_type(part: Message) -> str:
    """The part's media type, lower-case; RFC 2045's text/plain when missing or unreadable."""
    return _media_type(_mime_header(part, "content-type"))


@functools.lru_cache(maxsize=256)
def _media_type(content_type: str) -> str:
    """Of a Content-Type value: asked about each part seven or eight times while a message is
    read, and most values recur from mail to mail (only a multipart's boundary is new)."""
    match = _CONTENT_TYPE.match(content_type)
    return f"{match[1]}/{match[2]}".lower() if match else "text/plain"


def _param(part: Message, name: str) -> str:
    """A Content-Type parameter (charset, format, delsp, report-type), lower-case, quotes
    removed."""
    match = _CONTENT_TYPE_PARAMS[name].search(_mime_header(part, "content-type"))
    if match is None:
        return ""
    return (match[1] if match[1] is not None else match[2]).strip().strip("'").lower()


def _is_attachment(part: Message) -> bool:
    return _mime_header(part, "content-disposition").strip().lower().startswith("attachment")


def _plain_lines(part: EmailMessage, problems: list[str], *, keep_tabs: bool = False) -> list[str]:
    text = _normalised(_decoded_payload(part, problems), keep_tabs=keep_tabs)
    raw_lines = text.split("\n")
    if _param(part, "format") == "flowed":
        raw_lines = _unflowed(raw_lines, delsp=_param(part, "delsp") == "yes")
    return [line.strip() for line in raw_lines]


def _decoded_payload(part: EmailMessage, problems: list[str]) -> str:
    """The part's text from its bytes, so that no charset label can make decoding raise."""
    payload = part.get_payload(decode=True)
    data = payload if isinstance(payload, bytes) else b""
    if any(isinstance(d, _BASE64_DEFECTS) for d in part.defects):
        problems.append("the text part's base64 is damaged; what could be decoded was read")
    return decoded(data, _charset(part), problems)


def _charset(part: EmailMessage) -> str | None:
    return _param(part, "charset") or None


def _normalised(text: str, *, keep_tabs: bool = False) -> str:
    """CRLF and other line breaks to LF first (a captured `\\r` breaks reply headers later);
    invisible and control characters out; tabs and no-break spaces become plain blanks; NFC."""
    text = _LINE_BREAK.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    if not keep_tabs:
        text = text.replace("\t", " ")
    text = text.replace("\xa0", " ")
    return unicodedata.normalize("NFC", text)


def _unflowed(lines: list[str], *, delsp: bool) -> list[str]:
    """RFC 3676: join soft-broken lines of format=flowed text, so a long value stays one line."""
    out: list[str] = []
    pending: str | None = None
    pending_depth = 0
    for line in lines:
        depth = len(line) - len(line.lstrip(">"))
        content = line[depth:]
        if content.startswith(" "):
            content = content[1:]  # space-stuffing
        if pending is not None and depth != pending_depth:
            out.append(_quoted(pending, pending_depth))
            pending = None
        joined = content if pending is None else pending + content
        if content.endswith(" ") and content != "-- ":
            pending, pending_depth = (joined[:-1] if delsp else joined), depth
        else:
            out.append(_quoted(joined, depth))
            pending = None
    if pending is not None:
        out.append(_quoted(pending, pending_depth))
    return out


def _quoted(content: str, depth: int) -> str:
    return ">" * depth + " " + content if depth else content


_DISPOSITION: Final = "message/disposition-notification"  # a read receipt's status part
_STATUS_PARTS: Final = frozenset(
    {"message/delivery-status", "message/global-delivery-status", _DISPOSITION}
)
_RETURNED_MESSAGE: Final = frozenset({"message/rfc822", "message/global"})
_RETURNED_HEADERS: Final = frozenset(
    {"text/rfc822-headers", "message/rfc822-headers", "message/global-headers"}
)
_STATUS_FIELD: Final = re.compile(
    r"^(final-recipient|action)[ \t]*:[ \t]*(.*)$", re.IGNORECASE | re.MULTILINE
)


def bounce_report(msg: EmailMessage) -> BounceReport | None:
    """The returned message's Message-ID, the Final-Recipients and the action of a report."""
    if _content_type(msg) != "multipart/report":
        return None
    original: str | None = None
    recipients: list[str] = []
    actions: list[str] = []
    returned = False
    report_type = _param(msg, "report-type")
    for part in _leaf_parts(msg):
        content_type = _content_type(part)
        if content_type == _DISPOSITION and not report_type:
            report_type = "disposition-notification"  # a read receipt that does not say so
        if content_type in _STATUS_PARTS:
            for name, value in _status_fields(part):
                if name == "final-recipient":
                    recipients.append(_recipient_address(value))
                else:
                    actions.append(value.strip().lower())
        elif original is None and content_type in _RETURNED_MESSAGE | _RETURNED_HEADERS:
            returned = True
            original = _returned_message_id(part)
    action = "failed" if "failed" in actions else next(iter(actions), None)
    found = tuple(dict.fromkeys(r for r in recipients if r))
    return BounceReport(original, found, action, returns_headers=returned, report_type=report_type)


def _status_fields(part: EmailMessage) -> Iterator[tuple[str, str]]:
    payload = part.get_payload()
    if isinstance(payload, list):  # the parser splits a delivery-status into field groups
        for group in payload:
            if isinstance(group, Message):
                for name, value in Headers.of(group).fields:
                    if name in ("final-recipient", "action"):
                        yield name, value
    else:
        text = text_from_surrogates(str(payload))
        for match in _STATUS_FIELD.finditer(FOLDING.sub("", text)):
            yield match[1].lower(), match[2].strip()


def _recipient_address(value: str) -> str:
    """`rfc822; anna@x.se` → `anna@x.se` (the address type is not part of the address)."""
    address = value.split(";", 1)[-1].strip()
    return address.strip("<>").strip()


def _returned_message_id(part: EmailMessage) -> str | None:
    payload = part.get_payload()
    if isinstance(payload, list):
        returned = next((m for m in payload if isinstance(m, Message)), None)
        return None if returned is None else first_msg_id(Headers.of(returned).first("message-id"))
    match = RAW_MESSAGE_ID.search(text_from_surrogates(str(payload)))
    return match[1] if match else None
