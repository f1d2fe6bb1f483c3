"""The author's own words: quoted replies, forwarded mail and the signature cut off (SPEC §3).

Rules of this file: everything from the first quote, attribution ("On … wrote:", "Den … skrev:"),
Outlook quote header (From/Sent/To/Subject, Swedish or English) or signature separator on is
cut before anything is parsed, so an invitation quoted below a reply never registers anyone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from mailbot.parsing.blocks import participant_field

_SEPARATOR: Final = re.compile(
    r"-*\s*(?:original message|ursprungligt meddelande|originalmeddelande|forwarded message"
    r"|vidarebefordrat meddelande|begin forwarded message|början av vidarebefordrat meddelande)"
    r"\s*:?\s*-*",
    re.IGNORECASE,
)
_ATTRIBUTION: Final = re.compile(r"(?:\bwrote|\bskrev\b[^:]{0,160}):$", re.IGNORECASE)
_ATTRIBUTION_START: Final = re.compile(r"(?:on|den)\s", re.IGNORECASE)
_QUOTE_FROM: Final = re.compile(r"[*_]*(?:from|från)[*_]*\s*:", re.IGNORECASE)
_QUOTE_SENT: Final = re.compile(r"[*_]*(?:sent|skickat)[*_]*\s*:", re.IGNORECASE)
_QUOTE_DATE: Final = re.compile(r"[*_]*(?:date|datum)[*_]*\s*:", re.IGNORECASE)
_QUOTE_TO_OR_SUBJECT: Final = re.compile(r"[*_]*(?:to|till|subject|ämne)[*_]*\s*:", re.IGNORECASE)
_VALEDICTION: Final = re.compile(
    r"(?:med vänlig(?:a)? hälsning(?:ar)?|vänlig(?:a)? hälsning(?:ar)?|bästa hälsningar|mvh"
    r"|hälsningar|(?:kind|best|warm|many thanks and)? ?regards|best wishes|(?:yours )?sincerely)"
    r"\b[\s,.!/–-]*(?:[^\W\d_][\w .'’-]{0,40})?",
    re.IGNORECASE,
)
_MOBILE_SIGNATURE: Final = re.compile(
    r"(?:sent from my|skickat från min|get outlook for|hämta outlook för|skickat från outlook)\b.*",
    re.IGNORECASE,
)
_RULE: Final = re.compile(r"[-_=*~]{2,}")
_OUTLOOK_HEADER_WINDOW: Final = 6
_ATTRIBUTION_LINES: Final = 3


def cut_quotes_and_signature(lines: Sequence[str]) -> tuple[str, ...]:
    """Only the author's own text counts (SPEC §3): stop at the first quote header, forwarded
    message or signature, and skip `>` lines (inline replies) on the way."""
    kept: list[str] = []
    for index, line in enumerate(lines):
        if _ends_authors_text(lines, index):
            break
        if not line.startswith(">"):
            kept.append(line)
    while kept and (not kept[-1] or _RULE.fullmatch(kept[-1])):
        kept.pop()  # blank lines and the rule Outlook draws above a quote
    start = next((i for i, line in enumerate(kept) if line), len(kept))
    return tuple(kept[start:])


def _ends_authors_text(lines: Sequence[str], index: int) -> bool:
    line = lines[index]
    if not line or line.startswith(">"):
        return False
    if line == "--":  # "-- " stripped: the signature delimiter, with or without its blank
        return True
    if participant_field(line) is not None:  # "E-post: x@y" is a participant, not a quote
        return False
    return (
        _SEPARATOR.fullmatch(line) is not None
        or _is_attribution(lines, index)
        or _is_outlook_quote_header(lines, index)
        or _VALEDICTION.fullmatch(line) is not None
        or _MOBILE_SIGNATURE.fullmatch(line) is not None
    )


def _is_attribution(lines: Sequence[str], index: int) -> bool:
    """ "On … wrote:", "Den … skrev:", "… skrev:"; Gmail wraps long ones over up to three lines."""
    line = lines[index]
    if _ATTRIBUTION.search(line):
        return True
    if not _ATTRIBUTION_START.match(line):
        return False
    joined = line
    for following in lines[index + 1 : index + _ATTRIBUTION_LINES]:
        if not following:
            return False
        joined += " " + following
        if _ATTRIBUTION.search(joined):
            return True
    return False


def _is_outlook_quote_header(lines: Sequence[str], index: int) -> bool:
    """Outlook's "From:/Från:" line with "Sent:/Skickat:" (or Date: and To:/Subject:) below it."""
    if not _QUOTE_FROM.match(lines[index]):
        return False
    window = lines[index + 1 : index + _OUTLOOK_HEADER_WINDOW]
    if any(_QUOTE_SENT.match(line) for line in window):
        return True
    return any(_QUOTE_DATE.match(line) for line in window) and any(
        _QUOTE_TO_OR_SUBJECT.match(line) for line in window
    )
