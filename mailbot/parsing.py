"""Bytes in, a registration request out: SPEC §3.

Pure: no I/O, no clock. `read()` never raises; a message it cannot make sense of still comes back
as an `Email` whose `problems` say why, so the caller can record an outcome for it.

How a message is read, and why in this order:

1. Header fields are taken from the raw header text. The policy's header objects raise on real
   mail (Outlook msg-ids, cpython #94306) and turn long msg-ids into encoded-words, so only From
   and Subject go through them, guarded, and everything else is read as written.
2. The author's text part: text/plain when there is one (no HTML conversion then: it is the slow
   step), else HTML turned into lines as a reader sees them. Charsets are decoded as mail clients
   really use them (iso-8859-1 means windows-1252) and never fail.
3. The author's own words only: quoted replies, forwarded mail and the signature are cut before
   anything is parsed, so an invitation quoted below a reply never registers anyone.
4. `Key: value` blocks become participants; intent and reply language follow from them.

CONTRACT (used by actors/decide/store): the dataclasses below and `read()`, `message_key()`.
"""

from __future__ import annotations

import datetime as dt
import email
import email.header
import email.policy
import email.utils
import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from email import errors
from email.message import EmailMessage, Message
from typing import Any, Final, Literal, TypeVar, cast

import inscriptis
from email_validator import (
    EmailNotValidError,
    EmailSyntaxError,
    EmailUndeliverableError,
    ValidatedEmail,
    validate_email,
)
from inscriptis.css_profiles import CSS_PROFILES
from inscriptis.html_properties import Display
from inscriptis.model.config import ParserConfig
from inscriptis.model.html_element import HtmlElement

Intent = Literal["register", "cancel", "substitute"]
_T = TypeVar("_T")


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


def message_key(raw: bytes, message_id: str | None) -> str:
    """What makes a message "the same message" (SPEC §12): its Message-ID, else a digest."""
    if message_id:
        return message_id
    return "sha256:" + hashlib.sha256(raw).hexdigest()


# Why mail to a syntactically valid address cannot be delivered, or None: the shell's DNS check
# (`deliverability.check`), handed in where the config asks for it. Reading itself never does I/O.
Deliverable = Callable[[str], str | None]


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
    found = _RAW_MESSAGE_ID.search(head.decode("utf-8", "replace"))
    return Email(
        message_id=found[1] if found else None,
        sender=None,
        subject="",
        size=_size(raw),
        problems=(f"message could not be read: {_describe(exc)}",),
    )


# --------------------------------------------------------------------------------------------
# The whole message
# --------------------------------------------------------------------------------------------


class _ReadOncePolicy(email.policy.EmailPolicy):
    """`email.policy.default`, parsing each distinct MIME header value once: the feed parser asks
    for a part's Content-Type several times while it splits the message, and each ask parsed
    the value anew (about half the time of a parse, measured: benchmarks/README.md). Header
    objects are immutable, so handing out the same one again changes nothing."""

    def header_fetch_parse(self, name: str, value: str) -> Any:
        if hasattr(value, "name") or len(value) > _CACHED_HEADER_CHARS:
            return super().header_fetch_parse(name, value)
        return _fetched(self, name, value)


_CACHED_HEADER_CHARS: Final = 998  # RFC 5322's line limit: a longer value is not worth keeping


@functools.lru_cache(maxsize=256)
def _fetched(policy: email.policy.EmailPolicy, name: str, value: str) -> Any:
    return email.policy.EmailPolicy.header_fetch_parse(policy, name, value)


_POLICY: Final = cast("email.policy.EmailPolicy[EmailMessage]", _ReadOncePolicy())
_HEAD_LIMIT: Final = 256 * 1024
_RAW_MESSAGE_ID: Final = re.compile(r"^message-id[ \t]*:\s*(<[^<>\s]+>)", re.IGNORECASE | re.M)


def _read(raw: bytes, deliverable: Deliverable | None) -> Email:
    problems: list[str] = []
    msg = email.message_from_bytes(raw, policy=_POLICY)
    headers = _Headers.of(msg)
    sender = _guarded(problems, "From", lambda: _sender(headers, deliverable, problems))
    subject = _guarded(problems, "Subject", lambda: _subject(headers)) or ""
    lines = _guarded(problems, "body", lambda: _author_lines(msg, problems)) or ()
    found = _guarded(problems, "participants", lambda: _find_blocks(lines, deliverable))
    found = found or _Found((), None, 0, 0)
    return Email(
        message_id=_first_msg_id(headers.first("message-id")),
        sender=sender,
        subject=subject,
        in_reply_to=_msg_ids(headers.first("in-reply-to")),
        references=_msg_ids(headers.first("references")),
        auto_submitted=headers.stripped("auto-submitted"),
        precedence=headers.stripped("precedence"),
        x_auto_response_suppress=headers.stripped("x-auto-response-suppress"),
        return_path=headers.stripped("return-path"),
        has_list_headers=headers.has_name_starting("list-"),
        report=_guarded(problems, "delivery report", lambda: _bounce_report(msg)),
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
# Header fields, as written
# --------------------------------------------------------------------------------------------

_FOLDING: Final = re.compile(r"\r?\n(?=[ \t])")
_STRAY_LINE_BREAK: Final = re.compile(r"[\r\n]")
_MSG_ID: Final = re.compile(r"<[^<>\s]+>")
_BARE_MSG_ID: Final = re.compile(r"[^<>\s@]+@[^<>\s@]+")
_ATEXT: Final = r"A-Za-z0-9!#$%&'*+\-/=?^_`{|}~"
_SIMPLE_FROM: Final = re.compile(
    rf'\s*"(?P<quoted>[^"\\=\x00-\x1f]*)"\s*<(?P<angle>[{_ATEXT}.]+@[A-Za-z0-9.-]+)>\s*'
    rf"|(?P<phrase>[{_ATEXT}. \t]*)<(?P<angle2>[{_ATEXT}.]+@[A-Za-z0-9.-]+)>\s*"
    rf"|\s*(?P<bare>[{_ATEXT}.]+@[A-Za-z0-9.-]+)\s*"
)
_ENCODED_WORD: Final = re.compile(r"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=")
_HEADER_SPACE: Final = re.compile(r"[\t\n\r\x0b\x0c\x85\u2028\u2029]")
_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SURROGATE: Final = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class _Headers:
    """Header fields as written: (lower-case name, unfolded value), topmost first.

    Values keep their encoded-words and msg-ids verbatim; 8-bit bytes (which the parser keeps as
    surrogates) are decoded as UTF-8, else windows-1252, so no surrogate ever reaches the store.
    """

    fields: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, msg: Message) -> _Headers:
        return cls(
            tuple((str(name).lower(), _unfold(str(value))) for name, value in msg.raw_items())
        )

    def all(self, name: str) -> tuple[str, ...]:
        return tuple(value for key, value in self.fields if key == name)

    def first(self, name: str) -> str | None:
        return next((value for key, value in self.fields if key == name), None)

    def stripped(self, name: str) -> str | None:
        value = self.first(name)
        return None if value is None else value.strip()

    def has_name_starting(self, prefix: str) -> bool:
        return any(key.startswith(prefix) for key, _ in self.fields)


def _unfold(value: str) -> str:
    """RFC 5322 §2.2.3 unfolding (drop the CRLF, keep the blank), and 8-bit bytes decoded."""
    return _STRAY_LINE_BREAK.sub("", _FOLDING.sub("", _text_from_surrogates(value)))


def _text_from_surrogates(value: str) -> str:
    if value.isascii():
        return value
    data = value.encode("utf-8", "surrogateescape") if _is_encodable(value) else b""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def _is_encodable(value: str) -> bool:
    try:
        value.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return False
    return True


def _msg_ids(value: str | None) -> tuple[str, ...]:
    """The `<id>`s of In-Reply-To/References exactly as written (SPEC §9: never re-encoded)."""
    if not value:
        return ()
    found = _MSG_ID.findall(value)
    if not found and "=?" in value:  # a broken mailer encoded the field: look inside
        found = _MSG_ID.findall(_decode_words(value))
    return tuple(dict.fromkeys(found))


def _first_msg_id(value: str | None) -> str | None:
    """The Message-ID as written; a bare `id@host` (some mailers drop the brackets) gets them."""
    ids = _msg_ids(value)
    if ids:
        return ids[0]
    bare = _BARE_MSG_ID.fullmatch(value.strip()) if value else None
    return f"<{bare.group()}>" if bare else None


def _decoded_header(name: str, raw: str) -> str:
    """Encoded-words decoded by the policy, falling back to the legacy decoder if it raises."""
    try:
        return str(_POLICY.header_factory(name, raw))
    except Exception:
        return _decode_words(raw)


def _decode_words(raw: str) -> str:
    try:
        return str(email.header.make_header(email.header.decode_header(raw)))
    except Exception:
        return raw


def _header_text(value: str) -> str:
    """Safe to echo into a header (SPEC §9): line breaks become blanks, controls are removed.
    NFC, so that an "å" typed on a Mac (a + ring) compares equal to everyone else's.

    Surrogates go too: the policy decodes an encoded-word in an unknown charset
    (`=?iso-8859-Æ?Q?…?=`) with `surrogateescape`, and a surrogate in a display name made every
    reply that names the sender fail to encode (found by the fuzz test)."""
    value = _without_surrogates(value)
    return unicodedata.normalize("NFC", _CONTROL.sub("", _HEADER_SPACE.sub(" ", value)).strip())


def _without_surrogates(value: str) -> str:
    """Escaped bytes decoded as header bytes are (UTF-8, else windows-1252); any other lone
    surrogate becomes U+FFFD."""
    if not _SURROGATE.search(value):
        return value
    if _is_encodable(value):
        return _text_from_surrogates(value)
    return _SURROGATE.sub("\ufffd", value)


def _subject(headers: _Headers) -> str:
    raw = headers.first("subject")
    return _header_text(_decoded_header("subject", raw)) if raw else ""


def _sender(
    headers: _Headers, deliverable: Deliverable | None, problems: list[str]
) -> Sender | None:
    """The From address (SPEC §4: never Reply-To), validated like participant addresses."""
    raw = headers.first("from")
    if raw is None or not raw.strip():
        problems.append("no From header")
        return None
    if len(headers.all("from")) > 1:
        # RFC 5322 allows one From field; a receiving server's DMARC check may have judged
        # another one than ours, so nobody can say who sent it (RFC 7489 §6.6.1).
        problems.append("several From fields: the sender is ambiguous")
        return None
    found = _from_address(raw)
    if found is None:
        problems.append(f"From has no address: {_header_text(raw)[:200]!r}")
        return None
    display_name, addr_spec = found
    try:
        valid = _validated(addr_spec, deliverable)
    except EmailNotValidError as exc:
        problems.append(f"From address {_header_text(addr_spec)[:200]!r} is not valid: {exc}")
        return None
    return Sender(
        address=valid.normalized,
        display_name=_header_text(display_name),
        domain=valid.domain.lower(),
    )


def _from_address(raw: str) -> tuple[str, str] | None:
    """(display name, addr-spec) of the first From address; the display name is never trusted.

    `"huddinge.se" <x@evil.example>` is evil.example: only the addr-spec names the sender.
    The common shapes are read directly; the policy's address parser (a large share of the
    time per message) only sees the rest.
    """
    simple = _simple_from_address(raw)
    if simple is not None:
        return simple
    try:
        addresses = _POLICY.header_factory("from", raw).addresses
        pairs = [(a.display_name, a.addr_spec) for a in addresses if a.username]
    except Exception:  # e.g. an encoded CR/LF in the display name (ValueError)
        pairs = [(_decode_words(n), a) for n, a in email.utils.getaddresses([raw]) if a]
    if len(pairs) > 1:
        # Which of them did the receiving server authenticate? Nobody can say (RFC 7489 §6.6.1).
        raise ValueError(f"From holds {len(pairs)} addresses: the sender is ambiguous")
    return pairs[0] if pairs else None


def _simple_from_address(raw: str) -> tuple[str, str] | None:
    """`addr`, `"Quoted Name" <addr>` and `Name =?utf-8?q?…?= <addr>`, read as the policy would."""
    match = _SIMPLE_FROM.fullmatch(raw)
    if match is None:
        return None
    if match["bare"] is not None:
        return "", match["bare"]
    if match["quoted"] is not None:
        return match["quoted"], match["angle"]
    return " ".join(_phrase_word(word) for word in match["phrase"].split()), match["angle2"]


def _phrase_word(word: str) -> str:
    """One word of a display name: an encoded-word is decoded, any other atom kept as written."""
    if not _ENCODED_WORD.fullmatch(word):
        return word
    try:
        (data, charset), *_ = email.header.decode_header(word)
    except Exception:  # damaged base64 inside: keep the word as written
        return word
    if not isinstance(data, bytes):
        return str(data)
    return _decoded(data, charset.lower() if charset else None, [])


# --------------------------------------------------------------------------------------------
# Addresses
# --------------------------------------------------------------------------------------------

_MAILTO: Final = re.compile(r"mailto:", re.IGNORECASE)
_ADDRESS_TOKEN: Final = re.compile(r"[^\s<>()\[\]{}\"',;:|]+@[^\s<>()\[\]{}\"',;:|]+")


def _validated(address: str, deliverable: Deliverable | None) -> ValidatedEmail:
    """email-validator's syntax check, allowing the special-use test domains (.example, .test),
    then `deliverable` (the shell's DNS check) on the normalised address when one is given.

    `globally_deliverable=False` also lets `anna@huddinge` through; a domain without a dot is
    always a typo in practice (no one gets mail at a TLD), so it is refused here. The syntax
    check is pure and costs more than the rest of a participant, so its answers are cached;
    deliverability answers are not (they change).
    """
    outcome = _syntax_checked(address)
    if isinstance(outcome, str):
        raise EmailSyntaxError(outcome)
    refused = deliverable(outcome.normalized) if deliverable is not None else None
    if refused is not None:
        raise EmailUndeliverableError(refused)
    return outcome


@functools.lru_cache(maxsize=4096)
def _syntax_checked(address: str) -> ValidatedEmail | str:
    try:
        return _checked(address)
    except EmailNotValidError as exc:
        return str(exc)


def _checked(address: str) -> ValidatedEmail:
    result = validate_email(
        address,
        check_deliverability=False,
        test_environment=False,
        globally_deliverable=False,
    )
    if "." not in result.ascii_domain:
        raise EmailSyntaxError("The part after the @-sign is not valid. It should have a period.")
    if "=?" in result.local_part:
        # Valid by RFC 5322, but Python's `email` decodes an encoded-word it finds in an address
        # it is given, so `=?utf-8?q?=0D=0A=0D=0A?=@x.se` in a reply's To header ended the header
        # block (found by tests/test_fuzz.py). No one's address looks like this.
        raise EmailSyntaxError("The part before the @-sign looks like an encoded-word (=?…?=).")
    return result


def _participant_address(text: str, deliverable: Deliverable | None) -> tuple[str, str | None]:
    """(normalised address, None), or (the text as written, why it is not an address).

    People write `Anna <anna@x.se>`, `mailto:anna@x.se` and Outlook's
    `anna@x.se<mailto:anna@x.se>`: the one address inside is what they mean.
    """
    candidates = _address_candidates(text)
    if len(candidates) > 1:
        return text, "more than one address: " + ", ".join(candidates)
    try:
        valid = _validated(candidates[0] if candidates else text, deliverable)
    except EmailNotValidError as exc:
        return text, str(exc)
    return valid.normalized, None


def _address_candidates(text: str) -> list[str]:
    tokens = (t.rstrip(".") for t in _ADDRESS_TOKEN.findall(_MAILTO.sub(" ", text)))
    unique: dict[str, str] = {}
    for token in tokens:
        unique.setdefault(token.casefold(), token)
    return list(unique.values())


# --------------------------------------------------------------------------------------------
# The author's text part
# --------------------------------------------------------------------------------------------

_WINDOWS_1252_LABELS: Final = frozenset(
    {
        "iso-8859-1",
        "iso8859-1",
        "iso_8859-1",
        "iso-8859-1:1987",
        "latin-1",
        "latin1",
        "l1",
        "cp819",
        "ibm819",
        "iso-ir-100",
        "csisolatin1",
        "us-ascii",
        "ascii",
        "us",
        "ansi_x3.4-1968",
        "iso646-us",
        "windows-1252",
        "cp1252",
        "x-cp1252",
    }
)
_BASE64_DEFECTS: Final = (
    errors.InvalidBase64CharactersDefect,
    errors.InvalidBase64PaddingDefect,
    errors.InvalidBase64LengthDefect,
)
_LINE_BREAK: Final = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_INVISIBLE: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\xad]")
_NBSP_HTML: Final = re.compile(r"&nbsp;?|&#0*160;|&#x0*a0;|\xa0", re.IGNORECASE)
_NBSP_MARK: Final = "\ue000"  # private use: inscriptis keeps it, unlike a no-break space
_TAG: Final = re.compile(r"<[^>]*>")
_CONTENT_TYPE: Final = re.compile(r"\s*([^\s/;\"]+)\s*/\s*([^\s/;\"]+)")
_CONTENT_TYPE_PARAMS: Final = {
    name: re.compile(rf";\s*{name}\*?\s*=\s*(?:\"([^\"]*)\"|([^;\s]*))", re.IGNORECASE)
    for name in ("charset", "format", "delsp")
}


def _html_config() -> ParserConfig:
    """Firefox's rendering, except that a paragraph has no margins.

    Outlook styles `p.MsoNormal` with margin 0, so one `<p>` is one line as the reader sees it;
    with the default margins every `Key: value` line would become a block of its own.
    """
    css = dict(CSS_PROFILES["strict"])
    css["p"] = HtmlElement(display=Display.block)
    return ParserConfig(css=css)


_HTML_CONFIG: Final = _html_config()


def _author_lines(msg: EmailMessage, problems: list[str]) -> tuple[str, ...]:
    """The author's own lines: the text part read, then quotes and signature cut off."""
    return _cut_quotes_and_signature(_body_lines(msg, problems))


def _body_lines(msg: EmailMessage, problems: list[str]) -> list[str]:
    """text/plain when it has any text (no HTML conversion then); else the HTML part."""
    plain, html = _text_parts(msg)
    lines = _plain_lines(plain, problems) if plain is not None else []
    if html is None or any(lines):
        if plain is None:
            problems.append("no readable text part")
        return lines
    return _lines(_html_to_text(_decoded_payload(html, problems)))


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
    return next((_unfold(str(v)) for k, v in part.raw_items() if k.lower() == name), "")


def _content_type(part: Message) -> str:
    """The part's media type, lower-case; RFC 2045's text/plain when missing or unreadable."""
    match = _CONTENT_TYPE.match(_mime_header(part, "content-type"))
    return f"{match[1]}/{match[2]}".lower() if match else "text/plain"


def _param(part: Message, name: str) -> str:
    """A Content-Type parameter (charset, format, delsp), lower-case, quotes removed."""
    match = _CONTENT_TYPE_PARAMS[name].search(_mime_header(part, "content-type"))
    if match is None:
        return ""
    return (match[1] if match[1] is not None else match[2]).strip().strip("'").lower()


def _is_attachment(part: Message) -> bool:
    return _mime_header(part, "content-disposition").strip().lower().startswith("attachment")


def _plain_lines(part: EmailMessage, problems: list[str]) -> list[str]:
    text = _normalised(_decoded_payload(part, problems))
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
    return _decoded(data, _charset(part), problems)


def _charset(part: EmailMessage) -> str | None:
    return _param(part, "charset") or None


def _decoded(data: bytes, charset: str | None, problems: list[str]) -> str:
    """Decode as mail clients really label it (SPEC §3).

    iso-8859-1/us-ascii labels are read as windows-1252 (as browsers do: Swedish Outlook mail
    labelled latin-1 carries cp1252 dashes and quotes); no label: UTF-8 if it is UTF-8; an
    unknown label: UTF-8 with replacement characters, noted as a problem only when bytes were lost.
    """
    if charset is None:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("cp1252", "replace")
    if charset in _WINDOWS_1252_LABELS:
        return data.decode("cp1252", "replace")
    try:
        return data.decode(charset, "replace")
    except (LookupError, UnicodeError, ValueError, TypeError):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"unknown charset {charset[:60]!r}: read as UTF-8 with replacements")
            return data.decode("utf-8", "replace")


def _normalised(text: str) -> str:
    """CRLF and other line breaks to LF first (a captured `\\r` breaks reply headers later);
    invisible and control characters out; tabs and no-break spaces become plain blanks; NFC."""
    text = _LINE_BREAK.sub("\n", text)
    text = _INVISIBLE.sub("", text).replace("\t", " ").replace("\xa0", " ")
    return unicodedata.normalize("NFC", text)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in _normalised(text).split("\n")]


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


def _html_to_text(html: str) -> str:
    """HTML as a reader sees it: block elements end lines, `<p>&nbsp;</p>` is a blank line.

    inscriptis collapses a no-break space like any blank, which would swallow the empty
    paragraphs that separate participants; a private-use mark stands in for it meanwhile.
    """
    html = _INVISIBLE.sub("", _NBSP_HTML.sub(_NBSP_MARK, html))
    try:
        text = inscriptis.get_text(html, _HTML_CONFIG)
    except Exception:  # lxml refuses some inputs: a crude rendering beats none
        text = _TAG.sub("\n", html)
    return str(text).replace(_NBSP_MARK, " ")


# --------------------------------------------------------------------------------------------
# Quotes, forwarded mail and signatures
# --------------------------------------------------------------------------------------------

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


def _cut_quotes_and_signature(lines: Sequence[str]) -> tuple[str, ...]:
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
    if _participant_field(line) is not None:  # "E-post: x@y" is a participant, not a quote
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


# --------------------------------------------------------------------------------------------
# Participant blocks
# --------------------------------------------------------------------------------------------

_Field = Literal["name", "email", "organisation", "title", "seminar", "replaces", "notes"]
_Lang = Literal["sv", "en"] | None

_KEY_LINE: Final = re.compile(
    r"[\s*_•·◦▪►\-–—]*"
    r"(?P<key>[^\W\d_][^\W_]*(?:[ \-/][^\W_]+){0,3})"
    r"[\s*_]*:[\s*_]*(?P<value>.*?)[\s*_]*"
)
_KEY_NOISE: Final = re.compile(r"[\s\-/]+")
_TRAILING_NUMBER: Final = re.compile(r"\d+$")
_VALUE_TRAILER: Final = re.compile(r"[\s,;]+$")


def _synonyms(field: _Field, lang: _Lang, *keys: str) -> dict[str, tuple[_Field, _Lang]]:
    return {_normalised_key(key): (field, lang) for key in keys}


def _normalised_key(key: str) -> str:
    """`E-post`, `Epost`, `e post`, `Deltagare 2` → `epost`, `epost`, `epost`, `deltagare`."""
    return _TRAILING_NUMBER.sub("", _KEY_NOISE.sub("", key.casefold()))


# SPEC §3's keys, plus the few spellings people really use; None = shared by both languages.
_KEYS: Final[dict[str, tuple[_Field, _Lang]]] = {
    **_synonyms("name", "sv", "Namn", "Deltagare", "Fullständigt namn", "För- och efternamn"),
    **_synonyms("name", "en", "Name", "Participant", "Full name"),
    **_synonyms("email", "sv", "E-post", "Epost", "E-postadress", "Mejl", "Mejladress"),
    **_synonyms("email", "sv", "Mailadress", "E-mailadress"),
    **_synonyms("email", "en", "E-mail", "Email", "Email address", "E-mail address"),
    **_synonyms("email", None, "Mail"),
    **_synonyms("organisation", "sv", "Myndighet", "Förvaltning", "Kommun"),
    **_synonyms("organisation", "en", "Organization"),
    **_synonyms("organisation", None, "Organisation"),
    **_synonyms("title", "sv", "Befattning", "Titel", "Roll", "Yrkestitel"),
    **_synonyms("title", "en", "Title", "Role", "Job title"),
    **_synonyms("seminar", "sv", "Datum", "Seminarium", "Seminariedatum"),
    **_synonyms("seminar", "en", "Date"),
    **_synonyms("seminar", None, "Seminar"),
    **_synonyms("replaces", "sv", "Ersätter"),
    **_synonyms("replaces", "en", "Replaces"),
    **_synonyms("notes", "sv", "Övrigt", "Kommentar", "Kommentarer"),
    **_synonyms("notes", "en", "Notes", "Note", "Comment", "Comments"),
}
# Lines of a contact card ("Tel: …", "E-post: …" under a name): the sender's own signature.
_CONTACT_KEYS: Final = frozenset(
    _normalised_key(key)
    for key in (
        "Tel",
        "Telefon",
        "Mobil",
        "Mobiltelefon",
        "Direkt",
        "Växel",
        "Vxl",
        "Fax",
        "Phone",
        "Mobile",
        "Webb",
        "Web",
        "Hemsida",
        "Besöksadress",
        "Postadress",
        "Adress",
        "Address",
    )
)


@dataclass(frozen=True, slots=True)
class _Found:
    """What the `Key: value` blocks of a message say."""

    participants: tuple[ParticipantBlock, ...]
    organisation: str | None
    english_keys: int
    swedish_keys: int


@dataclass(slots=True)
class _Block:
    fields: dict[_Field, str] = field(default_factory=dict)
    contact_card: bool = False


def _participant_field(line: str) -> tuple[_Field, _Lang, str] | None:
    """(field, language of the key, value) for a known `Key: value` line, else None."""
    match = _KEY_LINE.fullmatch(line)
    if match is None:
        return None
    known = _KEYS.get(_normalised_key(match["key"]))
    if known is None:
        return None
    return known[0], known[1], _VALUE_TRAILER.sub("", match["value"])


def _is_contact_line(line: str) -> bool:
    match = _KEY_LINE.fullmatch(line)
    return match is not None and _normalised_key(match["key"]) in _CONTACT_KEYS


def _find_blocks(lines: Sequence[str], deliverable: Deliverable | None) -> _Found:
    """Blocks of `Key: value` lines; a blank line or a key seen again starts the next block."""
    blocks: list[_Block] = [_Block()]
    english = swedish = 0
    for line in lines:
        current = blocks[-1]
        if not line:
            if current.fields or current.contact_card:
                blocks.append(_Block())
            continue
        known = _participant_field(line)
        if known is None:
            current.contact_card = current.contact_card or _is_contact_line(line)
            continue
        key_field, lang, value = known
        if not value:
            continue
        english += lang == "en"
        swedish += lang == "sv"
        if key_field in current.fields:
            current = _Block()
            blocks.append(current)
        current.fields[key_field] = " ".join(value.split())
    organisation = next(
        (b.fields["organisation"] for b in blocks if "organisation" in b.fields), None
    )
    participants = tuple(_participant(b.fields, deliverable) for b in blocks if _is_participant(b))
    return _Found(participants, organisation, english, swedish)


def _is_participant(block: _Block) -> bool:
    """A block names someone by name or address; a contact card without a name is a signature,
    and a lone `Organisation:` line only says who is writing."""
    if "name" in block.fields:
        return True
    return "email" in block.fields and not block.contact_card


def _participant(fields: dict[_Field, str], deliverable: Deliverable | None) -> ParticipantBlock:
    address, error = (None, None)
    if "email" in fields:
        address, error = _participant_address(fields["email"], deliverable)
    replaces = fields.get("replaces")
    if replaces is not None:
        replaces = _participant_address(replaces, deliverable)[0]
    seminar = fields.get("seminar")
    return ParticipantBlock(
        name=fields.get("name"),
        email=address,
        email_error=error,
        organisation=fields.get("organisation"),
        title=fields.get("title"),
        seminar=seminar,
        seminar_date=_date_ref(seminar) if seminar else None,
        replaces=replaces,
        notes=fields.get("notes"),
    )


# --------------------------------------------------------------------------------------------
# Seminar dates
# --------------------------------------------------------------------------------------------

_MONTHS: Final[dict[str, int]] = {
    **dict.fromkeys(("januari", "january", "jan"), 1),
    **dict.fromkeys(("februari", "february", "feb"), 2),
    **dict.fromkeys(("mars", "march", "mar"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("maj", "may"), 5),
    **dict.fromkeys(("juni", "june", "jun"), 6),
    **dict.fromkeys(("juli", "july", "jul"), 7),
    **dict.fromkeys(("augusti", "august", "aug"), 8),
    **dict.fromkeys(("september", "sept", "sep"), 9),
    **dict.fromkeys(("oktober", "october", "okt", "oct"), 10),
    **dict.fromkeys(("november", "nov"), 11),
    **dict.fromkeys(("december", "dec"), 12),
}
_MONTH: Final = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ISO_DATE: Final = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_DAY_MONTH: Final = re.compile(
    rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th|:e|:a)?\.?\s*(?:of\s+)?({_MONTH})\b\.?(?:,?\s*(\d{{4}}))?",
    re.IGNORECASE,
)
_MONTH_DAY: Final = re.compile(
    rf"\b({_MONTH})\b\.?\s*(\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s*(\d{{4}}))?", re.IGNORECASE
)
_NUMERIC_DATE: Final = re.compile(
    r"(?<![\d.:/])(\d{1,2})\s*[/.]\s*(\d{1,2})(?![\d:])(?:\.?\s*[-/.\s]\s*(\d{4}|\d{2})(?!\d))?"
)


def _date_ref(text: str) -> DateRef | None:
    """A date as people write it in a `Datum:` line (SPEC §3), Swedish or English; else None.

    Named months are tried before numbers so that "14 september kl. 13.00" is not 13 October.
    """
    for match in _ISO_DATE.finditer(text):
        found = _valid_date(int(match[3]), int(match[2]), match[1])
        if found:
            return found
    for match in _DAY_MONTH.finditer(text):
        found = _valid_date(int(match[1]), _MONTHS[match[2].lower()], match[3])
        if found:
            return found
    for match in _MONTH_DAY.finditer(text):
        found = _valid_date(int(match[2]), _MONTHS[match[1].lower()], match[3])
        if found:
            return found
    for match in _NUMERIC_DATE.finditer(text):
        day, month = int(match[1]), int(match[2])
        if month > 12 >= day:  # 9/14: written the American way
            day, month = month, day
        found = _valid_date(day, month, match[3])
        if found:
            return found
    return None


def _valid_date(day: int, month: int, year_text: str | None) -> DateRef | None:
    year = None if year_text is None else int(year_text)
    if year is not None and year < 100:
        year += 2000
    try:
        dt.date(2000 if year is None else year, month, day)  # 2000: 29 February is a date
    except ValueError:
        return None
    return DateRef(month=month, day=day, year=year)


# --------------------------------------------------------------------------------------------
# Intent and language
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


# --------------------------------------------------------------------------------------------
# Delivery reports (SPEC §10)
# --------------------------------------------------------------------------------------------

_STATUS_PARTS: Final = frozenset(
    {
        "message/delivery-status",
        "message/global-delivery-status",
        "message/disposition-notification",
    }
)
_RETURNED_MESSAGE: Final = frozenset({"message/rfc822", "message/global"})
_RETURNED_HEADERS: Final = frozenset(
    {"text/rfc822-headers", "message/rfc822-headers", "message/global-headers"}
)
_STATUS_FIELD: Final = re.compile(
    r"^(final-recipient|action)[ \t]*:[ \t]*(.*)$", re.IGNORECASE | re.MULTILINE
)


def _bounce_report(msg: EmailMessage) -> BounceReport | None:
    """The returned message's Message-ID, the Final-Recipients and the action of a report."""
    if _content_type(msg) != "multipart/report":
        return None
    original: str | None = None
    recipients: list[str] = []
    actions: list[str] = []
    for part in _leaf_parts(msg):
        content_type = _content_type(part)
        if content_type in _STATUS_PARTS:
            for name, value in _status_fields(part):
                if name == "final-recipient":
                    recipients.append(_recipient_address(value))
                else:
                    actions.append(value.strip().lower())
        elif original is None and content_type in _RETURNED_MESSAGE | _RETURNED_HEADERS:
            original = _returned_message_id(part)
    action = "failed" if "failed" in actions else next(iter(actions), None)
    return BounceReport(original, tuple(dict.fromkeys(r for r in recipients if r)), action)


def _status_fields(part: EmailMessage) -> Iterator[tuple[str, str]]:
    payload = part.get_payload()
    if isinstance(payload, list):  # the parser splits a delivery-status into field groups
        for group in payload:
            if isinstance(group, Message):
                for name, value in _Headers.of(group).fields:
                    if name in ("final-recipient", "action"):
                        yield name, value
    else:
        text = _text_from_surrogates(str(payload))
        for match in _STATUS_FIELD.finditer(_FOLDING.sub("", text)):
            yield match[1].lower(), match[2].strip()


def _recipient_address(value: str) -> str:
    """`rfc822; anna@x.se` → `anna@x.se` (the address type is not part of the address)."""
    address = value.split(";", 1)[-1].strip()
    return address.strip("<>").strip()


def _returned_message_id(part: EmailMessage) -> str | None:
    payload = part.get_payload()
    if isinstance(payload, list):
        returned = next((m for m in payload if isinstance(m, Message)), None)
        return (
            None if returned is None else _first_msg_id(_Headers.of(returned).first("message-id"))
        )
    match = _RAW_MESSAGE_ID.search(_text_from_surrogates(str(payload)))
    return match[1] if match else None
