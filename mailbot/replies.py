"""Turn a decided `Mail` into the exact bytes to send (SPEC §9).

Rendering happens when the mail is queued, not when it is sent: the Message-ID is fixed then, so
every retry sends the very same message, and the outbox holds bytes the SMTP side need not
understand. Wording lives in Jinja2 templates an organiser can edit; this module only supplies
values and builds headers safely (no header injection, msg-ids verbatim, loop headers).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from mailbot.config import Config, Seminar
from mailbot.decide import Mail
from mailbot.parsing import Email

# Refolding off: the msg-id headers we set raw must reach the wire as written, never as RFC 2047
# encoded-words (which `email` makes of long Outlook ids, and which break threading).
POLICY = policy.SMTP.clone(refold_source="none")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# msg-id: printable ASCII without "<" and ">" (RFC 5322 §3.6.4); anything else is not threaded.
_MSG_ID = re.compile(r"<[\x21-\x3b\x3d\x3f-\x7e]{1,250}>")


def clean_header(text: str) -> str:
    """Remove CR, LF, NUL and other control characters from a value bound for a header."""
    return " ".join(_CONTROL.sub(" ", text).split())


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


@lru_cache(maxsize=8)
def environment(templates: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


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
    return context


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
    return Address(display_name=clean_header(name), username=local, domain=domain)


def message_id(config: Config) -> str:
    return make_msgid(domain=config.bot.address.rpartition("@")[2] or "mailbot.invalid")


def render(
    mail: Mail,
    config: Config,
    now: dt.datetime,
    parent: Email | None = None,
    msgid: str | None = None,
) -> Rendered:
    """Render one mail to bytes. `parent` is the message it answers, when `mail.answers`."""
    env = environment(config.bot.templates)
    context = template_context(mail, config, parent)
    language = mail.language if mail.language in ("sv", "en") else config.bot.language
    subject, body = _render_blocks(env, f"{language}/{mail.kind}.txt.j2", context)
    html = _html(env, f"{language}/{mail.kind}.html.j2", context)

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
    mid = msgid or message_id(config)
    msg["Message-ID"] = mid
    if mail.answers and parent is not None:
        _thread(msg, parent)
    msg["Auto-Submitted"] = (
        "auto-replied" if mail.answers and parent is not None else "auto-generated"
    )
    msg["X-Auto-Response-Suppress"] = "All"
    msg["Content-Language"] = language
    msg.set_content(body, cte="quoted-printable")
    if html is not None:
        msg.add_alternative(html, subtype="html", cte="quoted-printable")
    if mail.calendar is not None:
        seminar = config.find_seminar(mail.calendar[0])
        if seminar is not None:
            ics = calendar_file(seminar, config, mail.calendar[1], mail.calendar[2], now)
            msg.add_attachment(
                ics,
                maintype="text",
                subtype="calendar",
                filename=f"seminarium-{seminar.id}.ics",
                params={"method": "PUBLISH"},
            )
    for filename, mime, data in mail.attachments:
        # Bytes go out base64-encoded, untouched: a CSV keeps its byte-order mark for Excel.
        maintype, _, subtype = mime.partition("/")
        msg.add_attachment(
            data,
            maintype=maintype,
            subtype=subtype or "octet-stream",
            filename=clean_header(filename),
        )
    return Rendered(
        kind=mail.kind,
        message_id=mid,
        mail_from=config.bot.address,
        to=mail.to,
        cc=mail.cc,
        subject=subject,
        raw=msg.as_bytes(),
        about=mail.about,
    )


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
    """The seminar as iCalendar; a stable UID per participant lets an update replace it."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//mailbot//registration//SV")
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    event = icalendar.Event()
    digest = hashlib.sha256(f"{seminar.id}:{email.casefold()}".encode()).hexdigest()[:24]
    event.add("uid", f"{seminar.id}-{digest}@{config.bot.address.rpartition('@')[2]}")
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("dtstart", seminar.starts)
    event.add("dtend", seminar.ends)
    event.add("summary", seminar.title)
    event.add("location", seminar.location)
    event.add("description", f"{name} <{email}>")
    organiser = icalendar.vCalAddress(f"mailto:{config.organiser.address}")
    organiser.params["cn"] = icalendar.vText(clean_header(config.organiser.name))
    event["organizer"] = organiser
    cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


# Every template a decision can ask for; `check-config` makes sure each exists and compiles.
KINDS: tuple[str, ...] = (
    "confirmed",
    "promoted",
    "substituted",
    "waitlisted",
    "duplicate",
    "cancelled",
    "replaced",
    "rejected-not-invited",
    "rejected-closed",
    "rejected-full",
    "rejected-not-allowed",
    "needs-info",
    "forwarded",
    "forward-to-organiser",
    "forward-seminar-request",
    "alert-unauthenticated",
    "alert-reply-cap",
    "alert-failed",
    "bounce-notice",
    "reminder",
    "deadline-report",
)


def check_templates(config: Config, kinds: tuple[str, ...] = KINDS) -> list[str]:
    """Problems with the reply templates, one line each naming the file."""
    env = environment(config.bot.templates)
    problems = []
    for language in ("sv", "en"):
        for kind in kinds:
            name = f"{language}/{kind}.txt.j2"
            try:
                template = env.get_template(name)
            except jinja2.TemplateNotFound:
                problems.append(
                    f"{config.bot.templates / name}: missing (copy it from the repo's templates/)"
                )
                continue
            except jinja2.TemplateSyntaxError as e:
                problems.append(f"{config.bot.templates / name}:{e.lineno}: {e.message}")
                continue
            for block in ("subject", "body"):
                if block not in template.blocks:
                    problems.append(f"{config.bot.templates / name}: needs a {{% block {block} %}}")
    return problems
