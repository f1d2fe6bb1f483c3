"""The author's own text, apart from quotes, forwards, signature and disclaimer (SPEC §3, §10).

Only the author's own lines name participants. What follows them (a quoted reply, a forwarded
mail, the signature, a legal disclaimer, "Skickat från min iPhone") is kept apart, not thrown
away: a forward's headers and its own author's text are what a forwarded registration is read
from, and a reply nobody can read goes to the organiser whole.

Why our own rules and not quotequail or mail-parser-reply: measured on the same 43 bodies
(mailbot/reading/README.md, benchmarks/split_compare.py), neither reads Swedish mail as well.
quotequail finds no Outlook "Skickat:" header and no "Ursprungligt meddelande", and cuts no
signature; mail-parser-reply cuts a hyphen list as a signature and knows no Swedish forward.
Their ideas are kept: quotequail's forwarded headers as data, talon's "the signature repeats
the sender".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from mailbot.reading.keys import key_line
from mailbot.reading.names import looks_like_name

Lines = tuple[str, ...]

_MAX_FORWARDS: Final = 4  # a forward of a forward of …: deeper ones stay quoted text


@dataclass(frozen=True)
class Forwarded:
    """A forwarded mail inside the body: its headers as written and its own author's text."""

    sender: str | None  # the From line's value, "Lisa Berg <lisa.berg@lund.se>"
    date: str | None
    subject: str | None
    to: str | None
    author: Lines
    signature: Lines = ()
    quoted: Lines = ()
    forwarded: Forwarded | None = None  # what this mail itself forwarded


@dataclass(frozen=True)
class Split:
    """One body, apart: `author` is all that is read for participants. `rest_start` is the
    index in the lines given of the first quoted or forwarded line (None when there is none),
    so a table that `reading.html` found can be placed: its rows are the author's only when
    the table ends before it."""

    author: Lines
    signature: Lines = ()
    disclaimer: Lines = ()
    quoted: Lines = ()
    forwarded: Forwarded | None = None
    rest_start: int | None = None


def split(
    lines: Sequence[str],
    *,
    quote_start: int | None = None,
    subject: str = "",
    sender_name: str | None = None,
    sender_address: str | None = None,
) -> Split:
    """Split a body's lines (plain text, or HTML as `reading.html.rendered` gives them, with
    its `quote_start`). The subject says whether a header block below is a forward (`VB:`,
    `FW:`, `Fwd:`); the sender's name and address let a closing block that repeats them be
    recognised as the signature."""
    return _split(lines, quote_start, subject, sender_name, sender_address, _MAX_FORWARDS)


def _split(
    lines: Sequence[str],
    quote_start: int | None,
    subject: str,
    sender_name: str | None,
    sender_address: str | None,
    forwards_left: int,
) -> Split:
    body = [_clean(line) for line in lines]
    boundary = _boundary(body, quote_start)
    own, rest = body[:boundary], body[boundary:]
    forwarded = _forwarded(rest, subject, forwards_left) if rest and forwards_left else None
    quoted = tuple(line for line in own if _is_quoted(line))
    own = [line for line in own if not _is_quoted(line)]
    author, signature, disclaimer = _closing(own, sender_name, sender_address)
    if forwarded is None:
        quoted += tuple(rest)
    return Split(
        _trimmed(author),
        _trimmed(signature),
        _trimmed(disclaimer),
        quoted,
        forwarded,
        boundary if rest else None,
    )


def _clean(line: str) -> str:
    """Blanks at the ends out, but the signature delimiter "-- " kept recognisable."""
    stripped = line.replace("\xa0", " ").strip()
    return "-- " if stripped == "--" else stripped


def _is_quoted(line: str) -> bool:
    return line.startswith(">")


def _trimmed(lines: Sequence[str]) -> Lines:
    start, end = 0, len(lines)
    while start < end and (not lines[start] or _RULE.fullmatch(lines[start])):
        start += 1
    while end > start and (not lines[end - 1] or _RULE.fullmatch(lines[end - 1])):
        end -= 1
    return tuple(lines[start:end])


# --------------------------------------------------------------------------------------------
# Where the quoted or forwarded part begins
# --------------------------------------------------------------------------------------------

_FORWARD_WORDS: Final = (
    r"forwarded message|vidarebefordrat meddelande|begin forwarded message"
    r"|början av vidarebefordrat (?:meddelande|brev)|weitergeleitete nachricht"
    r"|anfang der weitergeleiteten (?:e-mail|nachricht)"
)
_REPLY_WORDS: Final = (
    r"original message|ursprungligt meddelande|originalmeddelande|ursprüngliche nachricht"
)
_SEPARATOR: Final = re.compile(
    rf"[-_=\s]*(?:(?P<forward>{_FORWARD_WORDS})|{_REPLY_WORDS})\s*:?[-_=\s]*", re.IGNORECASE
)
_ATTRIBUTION_END: Final = re.compile(
    r"(?:\bwrote|\bskrev\b[^:]{0,200}|\bschrieb\b[^:]{0,200}|\ba écrit\s?|\bnapisał\(a\)):$",
    re.IGNORECASE,
)
_ATTRIBUTION_START: Final = re.compile(
    r"(?:on|den|am|le|el|w dniu)\s|\d|(?:mån|tis|ons|tor|fre|lör|sön|mon|tue|wed|thu|fri|sat|sun)",
    re.IGNORECASE,
)
_HEADER_LINE: Final = re.compile(
    r"[*_]*(?P<key>from|från|von|sent|skickat|gesendet|date|datum|to|till|an|cc|kopia"
    r"|subject|ämne|betreff)[*_]*\s*:[*_]*\s*(?P<value>.*)",
    re.IGNORECASE,
)
_FROM_KEYS: Final = frozenset({"from", "från", "von"})
_DATE_KEYS: Final = frozenset({"sent", "skickat", "gesendet", "date", "datum"})
_TO_KEYS: Final = frozenset({"to", "till", "an"})
_SUBJECT_KEYS: Final = frozenset({"subject", "ämne", "betreff"})
_RULE: Final = re.compile(r"[-_=*~]{2,}")
_HEADER_WINDOW: Final = 6
_ATTRIBUTION_LINES: Final = 3
_FORWARD_SUBJECT: Final = re.compile(r"\s*(?:fwd?|vb|wg|tr|vs)\s*:", re.IGNORECASE)


def _boundary(lines: Sequence[str], quote_start: int | None) -> int:
    """The first line of the quoted or forwarded part: where the markup said, or the first
    separator, attribution or header block the text shows, whichever comes first."""
    end = len(lines) if quote_start is None else max(0, min(quote_start, len(lines)))
    for index in range(end):
        if _starts_rest(lines, index):
            return index
    return end


def _starts_rest(lines: Sequence[str], index: int) -> bool:
    line = lines[index]
    if not line or _is_quoted(line):
        return False
    return (
        _SEPARATOR.fullmatch(line) is not None
        or _is_attribution(lines, index)
        or _is_header_block(lines, index)
    )


def _is_attribution(lines: Sequence[str], index: int) -> bool:
    """ "On … wrote:", "Den … skrev:", "2 dec. 2026 kl. 09:14 skrev …:"; Gmail wraps a long one
    over up to three lines. A sentence of the author's ending in "skrev:" is not one: it must
    start like a date or an introduction, or hold an address."""
    joined = lines[index]
    for extra in range(_ATTRIBUTION_LINES):
        if extra:
            following = lines[index + extra] if index + extra < len(lines) else ""
            if not following:
                return False
            joined += " " + following
        if not joined.endswith(":"):
            continue  # (every attribution ends in a colon: the cheap test first)
        if key_line(lines[index + extra]) is not None and not _ATTRIBUTION_END.search(joined):
            return False  # `Namn: …` / `E-post: …` lines are a block, not a wrapped attribution
        if _ATTRIBUTION_END.search(joined):
            name = _NAME_WROTE.fullmatch(joined)
            return (
                _ATTRIBUTION_START.match(joined) is not None
                or ("@" in joined and key_line(joined) is None)
                or (name is not None and looks_like_name(name["name"]))
            )
    return False


# "Therese Travis skrev:", "Anna Berg wrote:": Apple's and old clients' short attribution.
_NAME_WROTE: Final = re.compile(r"(?P<name>[^:@]{3,60}?)\s+(?:skrev|wrote|schrieb)\s*:")


def _is_header_block(lines: Sequence[str], index: int) -> bool:
    """Outlook's "From:/Från:" with "Sent:/Skickat:" or "Date:/Datum:" below it (or above:
    Thunderbird and Apple put the date and subject first), and a "To:" or "Subject:" too."""
    window = lines[index : index + _HEADER_WINDOW]
    keys = []
    for line in window:
        match = _HEADER_LINE.fullmatch(line)
        if match is None:
            break
        keys.append(match["key"].lower())
    if len(keys) < 2 or keys[0] not in _FROM_KEYS | _DATE_KEYS | _SUBJECT_KEYS:
        return False
    has = set(keys)
    return (
        bool(has & _FROM_KEYS) and bool(has & _DATE_KEYS) and bool(has & (_TO_KEYS | _SUBJECT_KEYS))
    )


# --------------------------------------------------------------------------------------------
# A forwarded mail
# --------------------------------------------------------------------------------------------


def _forwarded(rest: Sequence[str], subject: str, forwards_left: int) -> Forwarded | None:
    """The forwarded mail when the rest is one: a forward separator, or a header block under
    a forwarding subject. A reply's quoted invitation is not a forward."""
    start = next((i for i, line in enumerate(rest) if line), len(rest))
    separator = _SEPARATOR.fullmatch(rest[start]) if start < len(rest) else None
    forwarding_subject = _FORWARD_SUBJECT.match(subject) is not None
    if separator is not None:
        if not (separator["forward"] or forwarding_subject):
            return None  # "-----Original Message-----" of a reply
        start += 1
    elif not forwarding_subject:
        return None
    forward = _unquoted(rest[start:])
    start = next((i for i, line in enumerate(forward) if line), len(forward))
    headers, body_start = _headers(forward, start)
    if "from" not in headers:
        return None
    sender = _display_name(headers["from"])
    inner = _split(forward[body_start:], None, "", sender, None, forwards_left - 1)
    return Forwarded(
        sender=headers["from"],
        date=headers.get("date"),
        subject=headers.get("subject"),
        to=headers.get("to"),
        author=inner.author,
        signature=inner.signature + inner.disclaimer,
        quoted=inner.quoted,
        forwarded=inner.forwarded,
    )


def _unquoted(lines: Sequence[str]) -> list[str]:
    """A forward that iOS quotes whole (`> Från: …`), one level of `>` off; else as it is."""
    if not all(_is_quoted(line) for line in lines if line):
        return list(lines)
    return [line[1:].strip() for line in lines]


def _headers(lines: Sequence[str], start: int) -> tuple[dict[str, str], int]:
    """The forwarded header lines from `start`: which of from/date/subject/to they give and
    where the forwarded body begins. Bold marks (Gmail's `*From:*`) and tabs are dropped."""
    found: dict[str, str] = {}
    index = start
    while index < len(lines):
        match = _HEADER_LINE.fullmatch(lines[index])
        if match is None:
            break
        key = match["key"].lower()
        value = match["value"].replace("*", "").replace("\t", " ").strip()
        for name, keys in (
            ("from", _FROM_KEYS),
            ("date", _DATE_KEYS),
            ("to", _TO_KEYS),
            ("subject", _SUBJECT_KEYS),
        ):
            if key in keys:
                found.setdefault(name, " ".join(value.split()))
        index += 1
    return found, index


def _display_name(value: str) -> str | None:
    name = value.split("<", 1)[0].strip().strip('"').strip()
    return name or None


# --------------------------------------------------------------------------------------------
# Signature and disclaimer at the end of the author's text
# --------------------------------------------------------------------------------------------

_VALEDICTION: Final = re.compile(
    r"(?:med vänlig(?:a)? hälsning(?:ar)?|vänlig(?:a)? hälsning(?:ar)?|bästa hälsningar|mvh"
    r"|hälsningar|hälsning|(?:kind|best|warm|many thanks and)? ?regards|best wishes|best|cheers"
    r"|thanks|many thanks|tack|tack på förhand|(?:yours )?sincerely|mit freundlichen grüßen)"
    r"\b[\s,.!/–-]*(?:(?-i:[A-ZÅÄÖÉÜ][\w'’.-]*)(?:\s+(?-i:[A-ZÅÄÖÉÜ][\w'’.-]*)){0,2})?[.!]?",
    re.IGNORECASE,
)
_MOBILE: Final = re.compile(
    r"(?:sent from my|skickat från min|get outlook for|hämta outlook för|skickat från outlook"
    r"|sent from outlook|sent from mail for|skickat från e-post för)\b.*",
    re.IGNORECASE,
)
_SHORT_CLOSING: Final = re.compile(r"/{1,2}\s*[^\W\d_][\w.'’ -]{0,30}")
_DISCLAIMER: Final = re.compile(
    # `(?=[…])`: the words' first letters, so most places fail on one test (`reading.intent`)
    r"(?=[abcdgikprst])(?:sekretess|konfidentiell|av misstag|dataskyddsförordningen"
    r"|personuppgifter|gdpr"
    r"|detta e-?(?:post)?meddelande|denna e-?post|behörig mottagare|avsedd mottagare"
    r"|confidential|intended (?:solely )?(?:for|recipient)|received this (?:e-?mail|message) in"
    r"error|privileged|addressee|disclaimer|this e-?mail and any attachments)",
    re.IGNORECASE,
)
_DISCLAIMER_CHARS: Final = 60
_POSTSCRIPT: Final = re.compile(r"p\.?\s?s\.?(?:\s|:|$)", re.IGNORECASE)
_ADDRESS: Final = re.compile(r"[^\s<>()]+@[^\s<>()]+\.[^\s<>()]+")
_SIGNATURE_LINE_CHARS: Final = 70
_SIGNATURE_WINDOW: Final = 10
# A signature line that names someone else in a role, not as a participant: "Kontaktperson vid
# frånvaro: Per Nord, per.nord@…", "Ersättare: …", "Assistent: …", "Växel: …".
_ROLE_LINE: Final = re.compile(
    r"\s*(?:kontaktperson|kontakt|vid frånvaro|ersättare|assistent|växel|sekreterare"
    r"|(?:närmaste )?chef|contact(?: person)?|deputy|assistant|in my absence|switchboard)"
    r"[^:@]{0,30}:",
    re.IGNORECASE,
)
# A phone line: what a closing block holds and a list of participants does not.
_PHONE_LINE: Final = re.compile(
    r"\s*(?:(?:tel|telefon|tfn|mobil|mob|mobile|phone|direkt|växel|cell)\b[^\d+]{0,12}"
    r"|)\+?\(?\d[\d ()-]{6,}\d\s*$",
    re.IGNORECASE,
)
_SENTENCE_END_LINE: Final = re.compile(r".*[.!?]\s*$")


def _closing(
    lines: Sequence[str], sender_name: str | None, sender_address: str | None
) -> tuple[Lines, Lines, Lines]:
    """(author, signature, disclaimer) of the author's region: the disclaimer is the last
    paragraphs that read like one; the signature starts at "-- ", a valediction, a mobile
    client's line, "/Eva", or a closing block that starts with the sender's own name."""
    lines, disclaimer = _without_disclaimer(lines)
    start = next(
        (
            index
            for index, line in enumerate(lines)
            if line == "-- " or _MOBILE.fullmatch(line) or _VALEDICTION.fullmatch(line)
        ),
        None,
    )
    if start is None:
        start = _closing_block(lines, sender_name, sender_address)
    postscript = next((i for i in range(start, len(lines)) if _POSTSCRIPT.match(lines[i])), None)
    if postscript is not None:  # "PS. Per kommer också": the author's again, below the name
        end = next(
            (i for i in range(postscript + 1, len(lines)) if lines[i] in ("", "-- ")), len(lines)
        )
        author = (*lines[:start], "", *lines[postscript:end])
        return author, (*lines[start:postscript], *lines[end:]), disclaimer
    return tuple(lines[:start]), tuple(lines[start:]), disclaimer


def _without_disclaimer(lines: Sequence[str]) -> tuple[list[str], Lines]:
    """The last paragraphs, while each reads like a legal or confidentiality notice; of the
    paragraph above them, only its trailing lines that do (Outlook often writes the notice
    with no blank line before it, right under the author's last line)."""
    end = len(lines)
    while True:
        while end > 0 and not lines[end - 1]:
            end -= 1
        start = _notice_start(lines, end)
        if start is None:
            break
        end = start
        if end > 0 and lines[end - 1]:
            break  # the notice began inside a paragraph: above it is the author's
    return list(lines[:end]), tuple(line for line in lines[end:] if line)


def _notice_start(lines: Sequence[str], end: int) -> int | None:
    """Where a notice that ends at `end` starts: back over lines that name what notices name
    or are long enough to be one of its wrapped lines (the last line of a wrapped notice may
    be short), stopping at a long line that holds an address but no such word."""
    start = end
    while start > 0 and lines[start - 1]:
        line = lines[start - 1]
        worded = _DISCLAIMER.search(line) is not None
        long = len(line) >= _DISCLAIMER_CHARS and not _ADDRESS.search(line)
        if not (worded or long or start == end):
            break
        start -= 1
    if not any(_DISCLAIMER.search(line) for line in lines[start:end]):
        return None  # (line by line: joining the run again for each line was quadratic)
    while start < end and not (
        _DISCLAIMER.search(lines[start]) or len(lines[start]) >= _DISCLAIMER_CHARS
    ):
        start += 1  # a short line above the notice (a name, "Mvh") is not part of it
    paragraph = " ".join(lines[start:end])
    if len(paragraph) < _DISCLAIMER_CHARS or not _DISCLAIMER.search(paragraph):
        return None
    return start


def _closing_block(
    lines: Sequence[str], sender_name: str | None, sender_address: str | None
) -> int:
    """talon's idea: a signature repeats the sender. The last lines from a line that is the
    sender's name (or "/Eva") are the signature when every line after it is short and holds
    nothing but the sender's own details: a title, an organisation, a phone, their address."""
    names = _name_forms(sender_name)
    first = max(0, len(lines) - _SIGNATURE_WINDOW)
    for index in range(first, len(lines)):
        line = lines[index]
        is_name = line.lower().strip(" ,.*_") in names
        if (is_name or _SHORT_CLOSING.fullmatch(line)) and _only_own_details(
            lines[index + 1 :], sender_address
        ):
            if is_name and index > 0 and lines[index - 1] and not _closes(lines, index):
                continue  # a name inside a paragraph or list, not a closing block
            return index
    return len(lines)


def _closes(lines: Sequence[str], index: int) -> bool:
    """The sender's name right under the last sentence, with no blank line (Outlook's
    signature put straight under the text), starts the closing block when the block holds a
    phone line: a list of participants has none."""
    return bool(_SENTENCE_END_LINE.fullmatch(lines[index - 1])) and any(
        _PHONE_LINE.match(line) for line in lines[index + 1 :]
    )


def _name_forms(sender_name: str | None) -> frozenset[str]:
    if not sender_name:
        return frozenset()
    words = sender_name.replace(",", " ").split()
    forms = {" ".join(words).lower()}
    if len(words) >= 2:
        forms |= {words[0].lower(), f"{words[-1]} {words[0]}".lower(), words[-1].lower()}
    return frozenset(forms)


def _only_own_details(lines: Sequence[str], sender_address: str | None) -> bool:
    own = (sender_address or "").lower()
    for line in lines:
        if len(line) > _SIGNATURE_LINE_CHARS or _is_quoted(line):
            return False
        addresses = [address.lower().strip(".,;") for address in _ADDRESS.findall(line)]
        if any(address != own for address in addresses) and not _ROLE_LINE.match(line):
            return False
    return True
