"""The organiser's daily digest (SPEC §14): whether today's is due, and what it says.

Rules of this file, as of `due`: it reads only its arguments and never a clock. When the digest
falls due is `timetable`'s (`latest_slot`, `next_slot`). Each day's look is recorded by a marker
in the same transaction as the mail it queues, so that at most one digest goes out a day, also
across restarts:

- `("digest", "", "<local date>")` when a digest was queued that day;
- `("digest", "", "<local date>:quiet")` when nothing had changed since the last digest, so that
  a change later that day waits for tomorrow's digest instead of making one at 10:13.

A bot that was down for days finds only the latest day's slot due: one catch-up digest, which
covers everything since the last digest sent, not one per missed day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol
from zoneinfo import ZoneInfo

from mailbot.config import Config
from mailbot.due import CSV_FILENAME, participant_files, seat_summary
from mailbot.model import Mail
from mailbot.spreadsheet import HEADERS, STATUS_ORDER
from mailbot.state import Registration
from mailbot.timetable import DIGEST, last_end, latest_slot, markers, zone_of

XLSX_FILENAME = {"sv": "deltagare-{date}.xlsx", "en": "participants-{date}.xlsx"}

# The outcomes (SPEC §11) that change who comes; a "forwarded" outcome is a request waiting for
# the organiser.
CHANGE_OUTCOMES = ("confirmed", "waitlisted", "promoted", "substituted", "cancelled", "forwarded")


@dataclass(frozen=True)
class Change:
    """One outcome about a participant since the last digest, as the journal recorded it."""

    outcome: str
    participant: str
    at: dt.datetime


@dataclass(frozen=True)
class Trouble:
    """A participant's address that bounced, or a mail the bot could not deliver."""

    what: Literal["bounce", "failed"]
    address: str
    at: dt.datetime
    detail: str = ""


@dataclass(frozen=True)
class Forwarded:
    """A mail the bot sent the organiser about a case that waits for them."""

    kind: str
    subject: str
    at: dt.datetime


@dataclass(frozen=True)
class Activity:
    """What happened since the last digest (all of it when there was none), and what waits."""

    changes: tuple[Change, ...] = ()
    forwarded: tuple[Forwarded, ...] = ()
    troubles: tuple[Trouble, ...] = ()
    held_new: int = 0  # messages held for their sender's confirmation since then
    held_waiting: int = 0  # held now, neither released nor expired

    @property
    def changed(self) -> bool:
        return bool(self.changes or self.forwarded or self.troubles or self.held_new)


class DigestState(Protocol):
    """The questions the digest asks of the database (the store answers them)."""

    def participants(self, seminar: str) -> list[Registration]: ...

    def registrations_of(self, email_key: str) -> list[Registration]: ...

    def scheduled_done(self, kind: str, seminar: str, key: str) -> bool: ...

    def last_digest(self) -> dt.datetime | None:
        """When the latest digest was queued (quiet days not counted); None: never."""

    def first_registered_at(self) -> dt.datetime | None:
        """The earliest registration's time, None when there is none."""

    def activity_since(self, since: dt.datetime | None, now: dt.datetime) -> Activity:
        """What the journal, the outbox and the held messages show after `since`."""


# --------------------------------------------------------------------------- when


# --------------------------------------------------------------------------- what


@dataclass(frozen=True)
class Due:
    """A look's verdict: the mail to queue (None on a quiet day) and the marker to record."""

    mail: Mail | None
    marker: tuple[str, str, str]


def digest_due(config: Config, state: DigestState, now: dt.datetime) -> Due | None:
    """Today's digest (or its quiet marker) if its time has come and it was not yet looked at.

    None before `digest_at`, for a digest time before the first registration, after the last
    seminar, and when the day's marker exists.
    """
    found = latest_slot(config, now)
    if found is None or not config.seminars or now.astimezone(dt.UTC) >= last_end(config):
        return None
    day, slot = found
    sent, quiet = markers(day)
    if state.scheduled_done(*sent) or state.scheduled_done(*quiet):
        return None
    first = state.first_registered_at()
    if first is None or first.astimezone(dt.UTC) > slot:
        return None  # the first digest time is the first after the first registration
    since = state.last_digest()
    activity = state.activity_since(since, now)
    if not activity.changed:
        return Due(None, quiet)
    return Due(digest_mail(config, state, activity, since, day, now), sent)


def digest_mail(
    config: Config,
    state: DigestState,
    activity: Activity,
    since: dt.datetime | None,
    day: dt.date,
    now: dt.datetime,
) -> Mail:
    """The digest: changes since `since`, seats per actor, what waits, troubles; the lists."""
    language = config.bot.language if config.bot.language in HEADERS else "sv"
    zone = zone_of(config)
    seminars = []
    lists = [(seminar, state.participants(seminar.id)) for seminar in config.seminars]
    for seminar, regs in lists:
        seminars.append(
            {
                "id": seminar.id,
                "counts": {s: sum(1 for r in regs if r.status == s) for s in STATUS_ORDER},
                "actors": seat_summary(config, seminar, regs),
                "pending": [_person(r, zone) for r in regs if r.status == "pending"],
            }
        )
    xlsx = XLSX_FILENAME[language].format(date=day.isoformat())
    files = participant_files(lists, language, now, xlsx)
    context: dict[str, Any] = {
        "date": day.isoformat(),
        "since": _local(since, zone) if since else None,
        "changes": _changes(state, activity.changes, zone),
        "seminars": seminars,
        "forwarded": [
            {"kind": f.kind, "subject": f.subject, "at": _local(f.at, zone)}
            for f in activity.forwarded
        ],
        "held_waiting": activity.held_waiting,
        "troubles": [
            {"what": t.what, "address": t.address, "at": _local(t.at, zone), "detail": t.detail}
            for t in activity.troubles
        ],
        "files": [name for name, _, _ in files],
        "csv_names": [CSV_FILENAME[language].format(id=s.id) for s in config.seminars],
        "xlsx_name": xlsx,
    }
    return Mail(
        DIGEST,
        (config.organiser.address,),
        language=language,
        answers=False,
        context=context,
        attachments=files,
    )


def _changes(state: DigestState, changes: Sequence[Change], zone: ZoneInfo) -> list[dict[str, Any]]:
    """Each change with who it is about, as the registrations now name them."""
    rows: list[dict[str, Any]] = []
    for change in changes:
        regs = state.registrations_of(change.participant.casefold())
        reg = next((r for r in reversed(regs) if r.status == _status_of(change.outcome)), None)
        reg = reg or (regs[-1] if regs else None)
        rows.append(
            {
                "outcome": change.outcome,
                "email": change.participant,
                "name": reg.name if reg else change.participant,
                "actor": reg.actor if reg else "",
                "seminar": reg.seminar if reg else "",
                "at": _local(change.at, zone),
            }
        )
    return rows


def _status_of(outcome: str) -> str:
    return {"promoted": "confirmed", "substituted": "confirmed", "forwarded": "pending"}.get(
        outcome, outcome
    )


def _person(r: Registration, zone: ZoneInfo) -> dict[str, Any]:
    return {
        "name": r.name,
        "email": r.email,
        "actor": r.actor,
        "registered": _local(r.registered_at, zone),
    }


def _local(when: dt.datetime, zone: ZoneInfo) -> str:
    return when.astimezone(zone).strftime("%Y-%m-%d %H:%M")
