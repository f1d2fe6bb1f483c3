"""Cheap limits on hostile mail, checked on the raw bytes before the full parse (SPEC §3, §12).

Pure: bytes and limits in, a reason (or None) out. Python's `email` package parses any MIME
structure it is given, and a message of a few hundred kilobytes can hold a multipart nested a
thousand deep (the parser then dies in a RecursionError after a second of work) or ten thousand
parts (seconds of work, and memory for every part). One such message must not hold up the
messages behind it, so before `parsing.read` sees a message this module looks at its bytes:

- the header block: its length, up to the first empty line;
- the MIME tree: a single pass over the lines that start with `--`, checked against the
  boundaries declared so far (a stack, as the parser keeps one), reading only the header blocks
  of parts; `message/rfc822` parts count as a level too;
- as a backstop that does not depend on reading boundaries as the parser does, the number of
  `Content-Type: multipart/…` and `message/…` fields anywhere in the message.

Every count stops at the first limit passed, so the work is bounded by the limits, not by the
message: a 1,000-deep or a 10,000-part message is turned down in milliseconds. The scan may count
more than the parser would (it never counts less for the shapes the parser reads), which errs on
the side of refusing a message no registration needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from mailbot.config import Security

# A line break as the `email` feed parser splits lines: CRLF, LF or a bare CR.
_BREAK: Final = rb"(?:\r\n|\n|\r(?!\n))"
_BLANK_LINE: Final = re.compile(_BREAK + _BREAK)
# Patterns that start with a literal, searched in a lower-cased copy: the regex engine then skips
# to each occurrence (a 10 MB message in ~10 ms), where a look-behind or a case-insensitive
# pattern tests every position (~0.5 s). Whether a hit starts a line is checked afterwards.
_DASH_LINE: Final = re.compile(rb"--([^\r\n]*)")
_CONTENT_TYPE: Final = re.compile(
    rb"content-type[ \t]*:([^\r\n]*(?:" + _BREAK + rb"[ \t][^\r\n]*)*)"
)
_CONTAINER_TYPE: Final = re.compile(rb"content-type[ \t]*:[ \t\r\n]*(?:multipart|message)/")
_BOUNDARY: Final = re.compile(
    rb"""boundary[ \t]*(\*)?[ \t]*=[ \t]*(?:"((?:[^"\\]|\\.)*)"|([^;\s"]+))""", re.IGNORECASE
)
_MEDIA_TYPE: Final = re.compile(rb"[ \t\r\n]*([a-z0-9!#$&^_.+-]+)/([a-z0-9!#$&^_.+-]+)", re.I)


@dataclass(frozen=True)
class _Entity:
    """What the scan needs of one MIME entity's header block."""

    kind: str  # "multipart", "message" or "leaf"
    boundary: bytes | None
    body: int  # offset where its body starts


def check(raw: bytes, security: Security) -> str | None:
    """Why this message is over a limit, or None when it is within all of them."""
    too_large = _header_block_too_large(raw, security.max_header_bytes)
    if too_large:
        return too_large
    low = raw.lower()  # same length and offsets: only ASCII letters change
    return _too_many_containers(low, security.max_mime_parts) or _tree_over_limits(
        raw, low, security
    )


def header_length(raw: bytes, limit: int) -> int | None:
    """Length of the header block (up to its empty line) when found within `limit` bytes."""
    found = _BLANK_LINE.search(raw, 0, limit + 4)
    if found is None:
        return None if len(raw) > limit else len(raw)
    return found.start()


def _header_block_too_large(raw: bytes, limit: int) -> str | None:
    length = header_length(raw, limit)
    if length is None or length > limit:
        return f"the header block is over {limit} bytes (security.max_header_bytes)"
    return None


def _starts_line(data: bytes, pos: int) -> bool:
    return pos == 0 or data[pos - 1] in b"\r\n"


def _too_many_containers(low: bytes, max_parts: int) -> str | None:
    count = 0
    for found in _CONTAINER_TYPE.finditer(low):
        if not _starts_line(low, found.start()):
            continue
        count += 1
        if count > max_parts:
            return f"more than {max_parts} multipart or message/* fields (security.max_mime_parts)"
    return None


def _tree_over_limits(raw: bytes, low: bytes, security: Security) -> str | None:
    max_depth, max_parts = security.max_mime_depth, security.max_mime_parts
    # One entry per open container: a multipart's boundary, or None for a message/* level.
    stack: list[bytes | None] = []
    parts = 0

    def enter(start: int) -> str | None:
        """Read the entity at `start` and any messages it encloses; push its containers."""
        pos = start
        while True:
            entity = _entity(raw, low, pos, security.max_header_bytes)
            if entity.kind == "leaf":
                return None
            stack.append(entity.boundary if entity.kind == "multipart" else None)
            if len(stack) > max_depth:
                return f"MIME nesting deeper than {max_depth} levels (security.max_mime_depth)"
            if entity.kind == "multipart":
                return None
            pos = entity.body  # message/rfc822: its body is a message with headers of its own

    problem = enter(0)
    if problem:
        return problem
    for match in _DASH_LINE.finditer(raw):
        if not stack:
            return None
        if not _starts_line(raw, match.start()):
            continue
        line = match.group(1).rstrip(b" \t")
        level = _level(stack, line)
        if level is not None:
            del stack[level + 1 :]
            parts += 1
            if parts > max_parts:
                return f"more than {max_parts} MIME parts (security.max_mime_parts)"
            problem = enter(_next_line(raw, match.end()))
            if problem:
                return problem
        elif line.endswith(b"--") and (level := _level(stack, line[:-2])) is not None:
            del stack[level:]
    return None


def _level(stack: list[bytes | None], boundary: bytes) -> int | None:
    """Index of the innermost open multipart with this boundary (the stack is short: ≤ depth)."""
    for i in range(len(stack) - 1, -1, -1):
        if stack[i] == boundary:
            return i
    return None


def _next_line(raw: bytes, pos: int) -> int:
    if raw.startswith(b"\r\n", pos):
        return pos + 2
    return pos + 1 if raw[pos : pos + 1] in (b"\n", b"\r") else pos


def _entity(raw: bytes, low: bytes, start: int, max_header_bytes: int) -> _Entity:
    end = _BLANK_LINE.search(raw, start, start + max_header_bytes + 4)
    head_end = end.start() if end else min(len(raw), start + max_header_bytes)
    body = end.end() if end else head_end
    found = next(
        (m for m in _CONTENT_TYPE.finditer(low, start, head_end) if _starts_line(low, m.start())),
        None,
    )
    if found is None:
        return _Entity("leaf", None, body)
    value = raw[found.start(1) : found.end(1)]  # the boundary is case-sensitive
    media = _MEDIA_TYPE.match(value)
    maintype = media.group(1).lower() if media else b""
    if maintype == b"message":
        return _Entity("message", None, body)
    if maintype != b"multipart":
        return _Entity("leaf", None, body)
    boundary = _boundary(value)
    return _Entity("multipart", boundary, body) if boundary else _Entity("leaf", None, body)


def _boundary(value: bytes) -> bytes | None:
    """The boundary parameter: quoted, plain, or RFC 2231 `boundary*=charset'lang'value`."""
    found = _BOUNDARY.search(value)
    if found is None:
        return None
    if found.group(2) is not None:
        text = re.sub(rb"\\(.)", rb"\1", found.group(2))
    else:
        text = found.group(3)
    if found.group(1):  # extended value: strip charset'language' and %-decode
        text = text.split(b"'", 2)[-1]
        text = re.sub(rb"%([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), text)
    return text.rstrip(b" \t") or None


# Header fields a message over a limit is still recorded with: who sent it and what it says it
# is, for the journal and the organiser's alert (and the Message-ID, against redelivery).
_KEPT_FIELDS: Final = (b"from", b"subject", b"message-id", b"date")
_FIELD: Final = re.compile(rb"([!-9;-~]+)[ \t]*:([^\r\n]*(?:" + _BREAK + rb"[ \t][^\r\n]*)*)")
_FIELD_VALUE_LIMIT: Final = 2_000


def skeleton(raw: bytes, max_header_bytes: int) -> bytes:
    """A small stand-in for a message over a limit: a few of its header fields (each at most
    2,000 bytes, from the first `max_header_bytes` of the message) and no body, so that the
    parser reads the sender and subject without meeting the hostile part."""
    head = raw[:max_header_bytes]
    length = header_length(head, max_header_bytes)
    head = head[:length] if length is not None else head
    kept: dict[bytes, bytes] = {}
    pos = 0
    while pos < len(head) and len(kept) < len(_KEPT_FIELDS):
        found = _FIELD.match(head, pos)
        if found is None:
            newline = _next_break(head, pos)
            if newline < 0:
                break
            pos = newline
            continue
        name = found.group(1).lower()
        if name in _KEPT_FIELDS and name not in kept:
            kept[name] = found.group(2)[:_FIELD_VALUE_LIMIT]
        pos = found.end()
    lines = [name + b":" + value for name, value in kept.items()]
    return b"\r\n".join(lines) + b"\r\n\r\n"


def _next_break(data: bytes, pos: int) -> int:
    """Offset just after the next line break at or after `pos`, or -1."""
    found = re.compile(_BREAK).search(data, pos)
    return found.end() if found else -1
