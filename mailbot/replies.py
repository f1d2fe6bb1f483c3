"""Turn a decided `Mail` into the exact bytes to send (SPEC §9).

Rendering happens when the mail is queued, not when it is sent: the Message-ID is fixed then, so
every retry sends the very same message, and the outbox holds bytes the SMTP side need not
understand. Wording lives in Jinja2 templates an organiser can edit; this module only supplies
values and builds headers safely (no header injection, msg-ids verbatim, loop headers).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import email.utils
import hashlib
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import jinja2

from mailbot import encoded_words
from mailbot.config import Config, Seminar
from mailbot.header_registry import ClassOnceRegistry
from mailbot.model import MAIL_KINDS, Mail
from mailbot.reading.names import split_title, turned_round

if TYPE_CHECKING:  # only for the hints: the `parsing` package would bring every reader into
    # the outbox process, which renders failure notices and reads no mail
    from mailbot.parsing.parsed import Email


class _FoldOncePolicy(policy.EmailPolicy):
    """`policy.SMTP` that folds a header when it is set, and remembers folds it made before.

    Folding non-ASCII text into encoded-words cost ~2 ms a reply (benchmarks/README.md), and
    From and Subject repeat in nearly every reply. What is stored is exactly what `fold()`
    would write at `as_bytes()`, so the bytes do not change; reading the header back parses
    it again, as for any header of a parsed message.
    """

    def header_store_parse(self, name: str, value: Any) -> tuple[str, Any]:
        own = _non_ascii_words(name, value)
        if own is not None:
            return name, own
        text = value if isinstance(value, str) else _address_text(value)
        if (
            text is None
            or hasattr(value, "name")
            or len(text) > _CACHED_CHARS
            or len(text.splitlines()) > 1
        ):
            return super().header_store_parse(name, value)
        if _plain_addresses(value) and len(name) + 2 + len(text) <= 78:
            return name, text  # plain addresses on one line: folding leaves them as they are
        folded = _folded(self, name, text)
        if folded is None:
            return super().header_store_parse(name, value)
        return name, folded

    def header_max_count(self, name: str) -> int | None:
        """As the parent's, which builds a new header class on every call to find out."""
        return _max_count(self, name.lower())


@lru_cache(maxsize=64)
def _max_count(count_policy: policy.EmailPolicy, name: str) -> int | None:
    return policy.EmailPolicy.header_max_count(count_policy, name)


_CACHED_CHARS = 998  # longer values (the parent raises on CR/LF) are not worth keeping


_ATOM = r"[A-Za-z0-9!#$%&'*+/^_`{|}~-]+"  # RFC 5322 atext without "=" and "?": no encoded-word
_PHRASE = re.compile(rf"{_ATOM}(?: {_ATOM})*")  # words that `Address` writes unquoted
_DOT_ATOM_ADDRESS = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*")


def _non_ascii_words(name: str, value: object) -> str | None:
    """A Subject or address list with non-ASCII text, written by `encoded_words` (the policy's
    folder drops the space between two encoded-words on Python 3.11); else None."""
    if isinstance(value, str):
        if name.lower() != "subject" or value.isascii() or "\n" in value or "\r" in value:
            return None
        return encoded_words.unstructured(name, value)
    addresses = [value] if isinstance(value, Address) else value
    if not (isinstance(addresses, list) and addresses):
        return None
    if not all(isinstance(a, Address) and a.addr_spec.isascii() for a in addresses):
        return None
    if all(a.display_name.isascii() for a in addresses):
        return None
    return encoded_words.fold(
        name, [encoded_words.address(a.display_name, a.addr_spec) for a in addresses]
    )


def _plain_addresses(value: object) -> bool:
    """Addresses whose address is a plain dot-atom, without a display name or with one of
    ASCII words of atext joined by single spaces (most To and Cc fields: "Anna Berg
    <anna@x.se>"): their header text is what folding them would write when it fits on a line,
    so there is nothing to fold. Each participant's name is new, and folding it through the
    header registry was ~0.4 ms a reply (benchmarks/README.md, 2026-12-02 `i9-send`)."""
    addresses = [value] if isinstance(value, Address) else value
    return (
        isinstance(addresses, list)
        and bool(addresses)
        and all(
            isinstance(a, Address)
            and (not a.display_name or _PHRASE.fullmatch(a.display_name) is not None)
            and _DOT_ATOM_ADDRESS.fullmatch(a.addr_spec) is not None
            for a in addresses
        )
    )


def _address_text(value: object) -> str | None:
    """What the header registry makes of an `Address` or a list of them: the same text."""
    if isinstance(value, Address):
        return str(value)
    if isinstance(value, list) and value and all(isinstance(a, Address) for a in value):
        return ", ".join(str(a) for a in value)
    return None


@lru_cache(maxsize=1024)
def _folded(fold_policy: policy.EmailPolicy, name: str, text: str) -> str | None:
    """The folded value (lines joined by the policy's line end, no name, no final line end);
    None when the fold does not start "Name: value", which a raw value could not reproduce."""
    folded = fold_policy.header_factory(name, text).fold(policy=fold_policy)
    prefix, end = f"{name}: ", fold_policy.linesep
    if not folded.startswith(prefix) or folded[len(prefix) : len(prefix) + 1] in ("", " ", "\r"):
        return None
    return str(folded[len(prefix) : -len(end)])


# Refolding off: the msg-id headers we set raw must reach the wire as written, never as RFC 2047
# encoded-words (which `email` makes of long Outlook ids, and which break threading).
POLICY = _FoldOncePolicy(linesep="\r\n", refold_source="none", header_factory=ClassOnceRegistry())
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# A lone surrogate cannot be encoded at all: one in a body would fail the reply for good.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# msg-id: printable ASCII without "<" and ">" (RFC 5322 §3.6.4); anything else is not threaded.
_MSG_ID = re.compile(r"<[\x21-\x3b\x3d\x3f-\x7e]{1,250}>")


def clean_header(text: str) -> str:
    """Remove CR, LF, NUL and other control characters from a value bound for a header, and
    break up RFC 2047 encoded-word syntax.

    The second is not cosmetic: the `email` package decodes an encoded-word it finds in a value
    it is given as text, so a participant named `=?utf-8?q?Eva=0D=0ABcc:_x@evil.example?=`
    (literal text in a registration) became a CR LF and a `Bcc:` line in the reply's To header
    (Python 3.11.7; cpython gh-121650 is the related fix). Found by tests/test_fuzz.py.
    """
    return " ".join(_CONTROL.sub(" ", text).split()).replace("=?", "= ?")


@dataclass(frozen=True)
class Rendered:
    """A mail ready for the outbox: its envelope and its bytes."""

    kind: str
    message_id: str
    mail_from: str
    to: tuple[str, ...]
    cc: tuple[str, ...]
    subject: str
    raw: bytes
    about: tuple[str, ...] = ()

    @property
    def recipients(self) -> tuple[str, ...]:
        return self.to + self.cc


class TemplateError(Exception):
    """A reply template is missing or does not render; names the file."""


def _format_date(when: dt.datetime, language: str) -> str:
    from babel.dates import format_date

    return str(format_date(when, "full", locale=language))


def _format_time(when: dt.datetime, language: str) -> str:
    from babel.dates import format_time

    return str(format_time(when, "HH.mm" if language == "sv" else "HH:mm", locale=language))


@lru_cache(maxsize=64)
def event_view(seminar: Seminar, language: str) -> dict[str, str]:
    """Seminar facts as a reader of `language` writes them."""
    deadline = seminar.deadline
    return {
        "id": seminar.id,
        "title": seminar.title,
        "location": seminar.location,
        "date": _format_date(seminar.starts, language),
        "starts": _format_time(seminar.starts, language),
        "ends": _format_time(seminar.ends, language),
        "deadline_date": _format_date(deadline, language),
        "deadline_time": _format_time(deadline, language),
        "timezone": seminar.timezone,
    }


def template_context(mail: Mail, config: Config, parent: Email | None) -> dict[str, Any]:
    context: dict[str, Any] = dict(mail.context)
    seminar_id = context.get("seminar")
    seminar = config.find_seminar(seminar_id) if isinstance(seminar_id, str) else None
    context.update(
        bot={"address": config.bot.address, "display_name": config.bot.display_name},
        organiser={
            "name": config.organiser.name,
            "title": config.organiser.title,
            "address": config.organiser.address,
        },
        event=event_view(seminar, mail.language) if seminar else None,
        events=[event_view(s, mail.language) for s in config.seminars],
        original_subject=clean_header(parent.subject) if parent else "",
        kind=mail.kind,
    )
    context.setdefault("greeting", greeting(context.get("participant")))
    return context


def greeting(participant: object) -> str | None:
    """The participant's name as it should be read in "Hej …!" (§9): without a title written
    into it, and an "Efternamn Förnamn" display name turned round when the address shows it."""
    if not isinstance(participant, Mapping):
        return None
    name = " ".join(str(participant.get("name") or "").split())
    if not name:
        return None
    address = str(participant.get("email") or "")
    return turned_round(split_title(name)[0], address) if address else split_title(name)[0]


def _render_blocks(
    env: jinja2.Environment, name: str, context: Mapping[str, Any]
) -> tuple[str, str]:
    try:
        template = env.get_template(name)
        ctx = template.new_context(dict(context))
        subject = "".join(template.blocks["subject"](ctx))
        body = "".join(template.blocks["body"](ctx))
    except KeyError as e:
        raise TemplateError(f"{name}: needs a {{% block {e.args[0]} %}}") from None
    except jinja2.TemplateNotFound:
        raise TemplateError(f"template {name} not found") from None
    except jinja2.TemplateError as e:
        raise TemplateError(f"{name}: {e}") from None
    return clean_header(subject), body


def _html(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str | None:
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound:
        return None
    try:
        return template.render(dict(context))
    except jinja2.TemplateError as e:
        raise TemplateError(f"{name}: {e}") from None


def _address(addr: str, name: str = "") -> Address:
    local, _, domain = addr.rpartition("@")
    if "=?" in local:  # parsing refuses these: `email` would decode it into the header
        raise ValueError(f"refusing to write {addr!r} into a header: it holds an encoded-word")
    return Address(display_name=clean_header(name), username=local, domain=domain)


def message_id(config: Config) -> str:
    return make_msgid(domain=config.bot.address.rpartition("@")[2] or "mailbot.invalid")


def render(
    mail: Mail,
    config: Config,
    now: dt.datetime,
    parent: Email | None = None,
    msgid: str | None = None,
    *,
    templates: jinja2.Environment,
) -> Rendered:
    """Render one mail to bytes. `parent` is the message it answers, when `mail.answers`;
    `templates` is the shell's environment (`template_files.environment`)."""
    context = template_context(mail, config, parent)
    language = mail.language if mail.language in ("sv", "en") else config.bot.language
    subject, body = _render_blocks(templates, f"{language}/{mail.kind}.txt.j2", context)
    body = _SURROGATE.sub("\ufffd", body)
    html = _html(templates, f"{language}/{mail.kind}.html.j2", context)
    html = _SURROGATE.sub("\ufffd", html) if html is not None else None
    mid = msgid or message_id(config)
    msg = _headers(mail, config, now, parent, subject, mid, language)
    head = b"".join(POLICY.fold_binary(name, value) for name, value in msg.raw_items())
    return Rendered(
        kind=mail.kind,
        message_id=mid,
        mail_from=config.bot.address,
        to=mail.to,
        cc=mail.cc,
        subject=subject,
        raw=head + b"MIME-Version: 1.0\r\n" + _entity(mail, config, now, body, html),
        about=mail.about,
    )


def _headers(
    mail: Mail,
    config: Config,
    now: dt.datetime,
    parent: Email | None,
    subject: str,
    mid: str,
    language: str,
) -> EmailMessage:
    """The header fields, through the policy: they hold the text an outsider controls."""
    msg = EmailMessage(policy=POLICY)
    msg["From"] = _address(config.bot.address, config.bot.display_name)
    participant = mail.context.get("participant")
    named = participant if isinstance(participant, dict) else {}
    msg["To"] = [
        _address(a, named.get("name", "") if a == named.get("email") else "") for a in mail.to
    ]
    if mail.cc:
        msg["Cc"] = [_address(a) for a in mail.cc]
    msg["Subject"] = subject
    msg["Date"] = format_datetime(now)
    if _MSG_ID.fullmatch(mid) and len(mid) <= 66:  # as the policy writes it, without parsing
        msg.set_raw("Message-ID", mid)  # (a new msg-id each time: folding it is never cached)
    else:
        msg["Message-ID"] = mid
    if mail.answers and parent is not None:
        _thread(msg, parent)
    msg["Auto-Submitted"] = (
        "auto-replied" if mail.answers and parent is not None else "auto-generated"
    )
    msg["X-Auto-Response-Suppress"] = "All"
    msg["Content-Language"] = language
    return msg


def _entity(mail: Mail, config: Config, now: dt.datetime, body: str, html: str | None) -> bytes:
    """The MIME body, written here, not by `email`'s generator: building it with
    set_content/add_alternative/add_attachment and `as_bytes()` took ~3 ms of a 4 ms reply,
    the bytes written here ~0.05 ms (benchmarks/README.md)."""
    entity = _text_part("plain", body)
    if html is not None:
        entity = _multipart("alternative", [entity, _text_part("html", html)])
    attached = []
    if mail.calendar is not None:
        seminar = config.find_seminar(mail.calendar[0])
        if seminar is not None:
            ics = calendar_file(seminar, config, mail.calendar[1], mail.calendar[2], now)
            name = f"seminarium-{seminar.id}.ics"
            attached.append(_attachment("text/calendar", name, ics, {"method": "PUBLISH"}))
    for filename, mime, data in mail.attachments:
        # Bytes go out base64-encoded, untouched: a CSV keeps its byte-order mark for Excel.
        attached.append(_attachment(mime, clean_header(filename), data))
    if attached:
        entity = _multipart("mixed", [entity, *attached])
    return entity


def _text_part(subtype: str, text: str) -> bytes:
    """A UTF-8 text entity, quoted-printable (CRLF line ends, as `set_content` would write)."""
    data = b"\r\n".join(text.encode("utf-8").splitlines()) + b"\r\n"
    return (
        f'Content-Type: text/{subtype}; charset="utf-8"\r\n'
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    ).encode() + binascii.b2a_qp(data, istext=True)


def _attachment(
    mime: str, filename: str, data: bytes, params: Mapping[str, str] | None = None
) -> bytes:
    """An attachment entity, base64 in lines of 76 characters."""
    maintype, _, subtype = mime.partition("/")
    content_type = f"{maintype}/{subtype or 'octet-stream'}"
    content_type += "".join(f"; {_param(k, v)}" for k, v in (params or {}).items())
    head = (
        _header_line("Content-Type", content_type)
        + "Content-Transfer-Encoding: base64\r\n"
        + _header_line("Content-Disposition", f"attachment; {_param('filename', filename)}")
    )
    return f"{head}\r\n".encode() + base64.encodebytes(data).replace(b"\n", b"\r\n")


def _multipart(subtype: str, parts: Sequence[bytes]) -> bytes:
    """A multipart entity. "=_" occurs in neither quoted-printable nor base64, so a boundary
    starting with it cannot collide with any part's text."""
    boundary = f"=_{secrets.token_hex(16)}"
    delimiter = f"--{boundary}\r\n".encode()
    return (
        f'Content-Type: multipart/{subtype};\r\n boundary="{boundary}"\r\n\r\n'.encode()
        + b"".join(delimiter + part + b"\r\n" for part in parts)
        + f"--{boundary}--\r\n".encode()
    )


def _param(name: str, value: str) -> str:
    """A MIME parameter as `Message.set_param` writes it (RFC 2231 when not ASCII)."""
    if value.isascii():
        return f'{name}="{email.utils.quote(value)}"'
    return f"{name}*={email.utils.encode_rfc2231(value, 'utf-8', '')}"


def _header_line(name: str, value: str) -> str:
    """One header field, folded by the policy (long values, RFC 2231 parameters)."""
    folded = _folded(POLICY, name, value)
    if folded is None:
        return str(POLICY.fold(name, POLICY.header_factory(name, value)))
    return f"{name}: {folded}\r\n"


def _thread(msg: EmailMessage, parent: Email) -> None:
    """In-Reply-To and References (parent's References plus its Message-ID), verbatim (§9)."""
    parent_id = (
        parent.message_id if parent.message_id and _MSG_ID.fullmatch(parent.message_id) else None
    )
    if parent_id is None:
        return
    refs = [r for r in parent.references if _MSG_ID.fullmatch(r)][-20:]
    msg.set_raw("In-Reply-To", parent_id)
    msg.set_raw("References", "\r\n ".join([*refs, parent_id]))


def calendar_file(
    seminar: Seminar, config: Config, email: str, name: str, now: dt.datetime
) -> bytes:
    """The seminar as iCalendar; a stable UID per participant lets an update replace it.

    Only the participant's own lines (DTSTAMP, UID, DESCRIPTION) are serialised here; the rest
    is the same for everyone and made once per seminar (`_calendar_frame`), which checks that
    frame + own lines is byte for byte what serialising the whole calendar gives.
    """
    digest = hashlib.sha256(f"{seminar.id}:{email.casefold()}".encode()).hexdigest()[:24]
    uid = f"{seminar.id}-{digest}@{config.bot.address.rpartition('@')[2]}"
    organiser = (config.organiser.address, clean_header(config.organiser.name))
    stamp, description = now.astimezone(dt.UTC), f"{name} <{email}>"
    frame = _calendar_frame(seminar, *organiser)
    if frame is None:
        return _calendar(seminar, *organiser, uid, stamp, description)
    return frame[0] + _own_lines(uid, stamp, description) + frame[1]


_STAMP = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@lru_cache(maxsize=64)
def _calendar_frame(
    seminar: Seminar, organiser: str, organiser_name: str
) -> tuple[bytes, bytes] | None:
    whole = _calendar(seminar, organiser, organiser_name, "uid@frame", _STAMP, "frame")
    before, own, after = whole.partition(_own_lines("uid@frame", _STAMP, "frame"))
    return (before, after) if own else None


def _own_lines(uid: str, stamp: dt.datetime, description: str) -> bytes:
    """The participant's DTSTAMP, UID and DESCRIPTION lines, each written by icalendar's
    content-line code (escaping, folding) as `Event.to_ical()` writes them, in its order: an
    `Event` built and serialised per reply was 0.8 ms of a 2 ms render under cProfile, most
    of it the component's type lookup and sorting. `_calendar_frame` checks the result
    against a whole serialised calendar, once per seminar; `_own_lines_by_event` is the
    reference that tests compare with."""
    from icalendar.parser import Contentline, Parameters
    from icalendar.prop import vDDDTypes, vText

    values = (
        ("DTSTAMP", vDDDTypes(stamp)),
        ("UID", vText(uid)),
        ("DESCRIPTION", vText(description)),
    )
    return b"".join(
        bytes(Contentline.from_parts(name, Parameters(), value, sorted=True).to_ical()) + b"\r\n"
        for name, value in values
    )


def _own_lines_by_event(uid: str, stamp: dt.datetime, description: str) -> bytes:
    """The same lines through a whole `icalendar.Event` (the reference for `_own_lines`)."""
    import icalendar

    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("description", description)
    lines = bytes(event.to_ical())
    return lines.removeprefix(b"BEGIN:VEVENT\r\n").removesuffix(b"END:VEVENT\r\n")


def _calendar(
    seminar: Seminar,
    organiser: str,
    organiser_name: str,
    uid: str,
    stamp: dt.datetime,
    description: str,
) -> bytes:
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//mailbot//registration//SV")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", seminar.starts)
    event.add("dtend", seminar.ends)
    event.add("summary", seminar.title)
    event.add("location", seminar.location)
    event.add("description", description)
    address = icalendar.vCalAddress(f"mailto:{organiser}")
    address.params["cn"] = icalendar.vText(organiser_name)
    event["organizer"] = address
    cal.add_component(event)
    # What `cal.add_missing_timezones()` would insert before the event, made once per zone: it
    # computes every transition from 1970 to 2038 (~1.5 ms per reply, measured).
    zones = b"".join(_vtimezone(tzid) for tzid in sorted(cal.get_missing_tzids()))
    head, event_start, tail = bytes(cal.to_ical()).partition(b"BEGIN:VEVENT\r\n")
    return head + zones + event_start + tail


@lru_cache(maxsize=16)
def _vtimezone(tzid: str) -> bytes:
    import icalendar

    try:
        return bytes(icalendar.Timezone.from_tzid(tzid).to_ical())
    except ValueError:  # unknown to the tz database: add_missing_timezones leaves it out too
        return b""


# Every template a mail can ask for (`model.MailKind`: the type checker holds every `Mail` to it);
# `check-config` makes sure each exists and compiles in both languages.
KINDS: tuple[str, ...] = MAIL_KINDS


def check_templates(
    config: Config, templates: jinja2.Environment, kinds: tuple[str, ...] = KINDS
) -> list[str]:
    """Problems with the reply templates as `templates` loads them (the organiser's, falling back
    to the shipped ones), one line each naming the file it came from."""
    problems = []
    for language in ("sv", "en"):
        for kind in kinds:
            name = f"{language}/{kind}.txt.j2"
            try:
                template = templates.get_template(name)
            except jinja2.TemplateNotFound:
                problems.append(f"{name}: missing (neither edited nor shipped)")
                continue
            except jinja2.TemplateSyntaxError as e:
                problems.append(f"{e.filename or name}:{e.lineno}: {e.message}")
                continue
            for block in ("subject", "body"):
                if block not in template.blocks:
                    where = template.filename or name
                    problems.append(f"{where}: needs a {{% block {block} %}}")
    return problems
