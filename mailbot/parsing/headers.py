"""Header fields as written: From, Subject, msg-ids and the loop-prevention fields (SPEC §3, §10).

Rules of this file: the policy's header objects raise on real mail (Outlook msg-ids, cpython
#94306) and turn long msg-ids into encoded-words, so only From and Subject go through them,
guarded, and everything else is read from the raw header text. 8-bit bytes are decoded as UTF-8,
else windows-1252; no surrogate and no control character leaves this module.
"""

from __future__ import annotations

import email
import email.header
import email.policy
import email.utils
import functools
import re
import unicodedata
from dataclasses import dataclass
from email.message import EmailMessage, Message
from typing import Any, Final, cast

from email_validator import (
    EmailNotValidError,
)

from mailbot.header_registry import ClassOnceRegistry
from mailbot.parsing.addresses import Deliverable, validated
from mailbot.parsing.charsets import decoded
from mailbot.parsing.parsed import Sender


class _ReadOncePolicy(email.policy.EmailPolicy):
    """`email.policy.default`, parsing each distinct MIME header value once: the feed parser asks
    for a part's Content-Type several times while it splits the message, and each ask parsed
    the value anew (about half the time of a parse, measured: benchmarks/README.md). Header
    objects are immutable, so handing out the same one again changes nothing."""

    def header_fetch_parse(self, name: str, value: str) -> Any:
        if hasattr(value, "name") or len(value) > _CACHED_HEADER_CHARS:
            return super().header_fetch_parse(name, value)
        if name.lower() == "content-type":
            plain = _plain_content_type(value)
            if plain is not None:
                return plain
        return _fetched(self, name, value)


@functools.lru_cache(maxsize=256)
def _plain_content_type(value: str) -> str | None:
    """The value unfolded as the parent policy unfolds it, if it is a plain Content-Type (below);
    the feed parser asks for each part's eight times or so while it splits a message."""
    unfolded = "".join(_LINE_ENDS.split(value))
    return unfolded if _is_plain_content_type(unfolded) else None


_CACHED_HEADER_CHARS: Final = 998  # RFC 5322's line limit: a longer value is not worth keeping

# A Content-Type as nearly every client writes it: `type/subtype` and `name=token` or
# `name="quoted"` parameters, ASCII, no RFC 2231 `*`/`%`/`'`, no encoded-word, no backslash,
# no comment. Its header object is parsed only to be read back as text: everything that reads
# a parsed message's Content-Type (the feed parser's `get_content_type`, `get_boundary`,
# `get_param`, `get_filename`; `mime` reads the raw fields) takes `str()` of it and splits it
# again, and for this form the unfolded value splits into the same type and parameters
# (tests/test_content_type_as_written.py). Each multipart's is new (its boundary), so the
# cache above never helped: parsing it was 12 % of a parse in a burst (benchmarks/README.md).
_MEDIA_TYPE: Final = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9!#$&+.^_-]*/[A-Za-z0-9][A-Za-z0-9!#$&+.^_-]*"
)
_PARAMETER: Final = re.compile(
    r'[ \t]*;[ \t]*([A-Za-z0-9][A-Za-z0-9._-]*)=(?:[A-Za-z0-9!#$&+.^_`|~-]+|"[ !#-\[\]-~]*")'
)


def _is_plain_content_type(value: str) -> bool:
    """`type/subtype` and distinct `name=token` or `name="quoted"` parameters, nothing else
    (a trailing ";" or a parameter named twice reads otherwise: the policy drops them)."""
    media = _MEDIA_TYPE.match(value)
    if media is None or "=?" in value:
        return False
    names: set[str] = set()
    end = media.end()
    while (parameter := _PARAMETER.match(value, end)) is not None:
        if parameter[1].lower() in names:
            return False
        names.add(parameter[1].lower())
        end = parameter.end()
    return not value[end:].strip(" \t")


_LINE_ENDS: Final = re.compile(r"\n|\r")  # email.policy's linesep_splitter


@functools.lru_cache(maxsize=256)
def _fetched(policy: email.policy.EmailPolicy, name: str, value: str) -> Any:
    return email.policy.EmailPolicy.header_fetch_parse(policy, name, value)


POLICY: Final = cast(
    "email.policy.EmailPolicy[EmailMessage]", _ReadOncePolicy(header_factory=ClassOnceRegistry())
)

RAW_MESSAGE_ID: Final = re.compile(r"^message-id[ \t]*:\s*(<[^<>\s]+>)", re.IGNORECASE | re.M)

# Header fields, as written
# --------------------------------------------------------------------------------------------

FOLDING: Final = re.compile(r"\r?\n(?=[ \t])")
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
class Headers:
    """Header fields as written: (lower-case name, unfolded value), topmost first.

    Values keep their encoded-words and msg-ids verbatim; 8-bit bytes (which the parser keeps as
    surrogates) are decoded as UTF-8, else windows-1252, so no surrogate ever reaches the store.
    """

    fields: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, msg: Message) -> Headers:
        return cls(
            tuple((str(name).lower(), unfold(str(value))) for name, value in msg.raw_items())
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

    def has_list_headers(self) -> bool:
        """Mailing-list traffic (SPEC §10): any `List-*` header (RFC 2369/2919), or one of the
        older ones that ezmlm, SmartList and Majordomo still write instead."""
        return any(key.startswith("list-") or key in OLD_LIST_HEADERS for key, _ in self.fields)


OLD_LIST_HEADERS: Final = frozenset({"mailing-list", "x-mailing-list", "x-loop"})


def unfold(value: str) -> str:
    """RFC 5322 §2.2.3 unfolding (drop the CRLF, keep the blank), and 8-bit bytes decoded."""
    text = text_from_surrogates(value)
    if "\n" not in text and "\r" not in text:
        return text  # most fields are one line: no pattern to run (every field of every mail)
    return _STRAY_LINE_BREAK.sub("", FOLDING.sub("", text))


def text_from_surrogates(value: str) -> str:
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


def msg_ids(value: str | None) -> tuple[str, ...]:
    """The `<id>`s of In-Reply-To/References exactly as written (SPEC §9: never re-encoded)."""
    if not value:
        return ()
    found = _MSG_ID.findall(value)
    if not found and "=?" in value:  # a broken mailer encoded the field: look inside
        found = _MSG_ID.findall(_decode_words(value))
    return tuple(dict.fromkeys(found))


def first_msg_id(value: str | None) -> str | None:
    """The Message-ID as written; a bare `id@host` (some mailers drop the brackets) gets them."""
    ids = msg_ids(value)
    if ids:
        return ids[0]
    bare = _BARE_MSG_ID.fullmatch(value.strip()) if value else None
    return f"<{bare.group()}>" if bare else None


@functools.lru_cache(maxsize=256)  # a burst of registrations shares a few subjects
def _decoded_header(name: str, raw: str) -> str:
    """Encoded-words decoded by the policy, falling back to the legacy decoder if it raises."""
    try:
        return str(POLICY.header_factory(name, raw))
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
        return text_from_surrogates(value)
    return _SURROGATE.sub("\ufffd", value)


def subject_of(headers: Headers) -> str:
    raw = headers.first("subject")
    return _header_text(_decoded_header("subject", raw)) if raw else ""


def sender_of(
    headers: Headers, deliverable: Deliverable | None, problems: list[str]
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
        valid = validated(addr_spec, deliverable)
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
        addresses = POLICY.header_factory("from", raw).addresses
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
    return decoded(data, charset.lower() if charset else None, [])
