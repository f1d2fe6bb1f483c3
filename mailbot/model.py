"""The values that pass between the core and the shell: outcomes, mails, decisions, queued mail.

Rules of this file: values only (frozen dataclasses and the names of outcomes), no behaviour worth
testing, and no import from any other part of mailbot except `state`, the other leaf of values.
Every module may import it; it imports none of them, so it can never be part of a cycle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from mailbot.state import Case, Registration

# The outcomes a mail tells of: each has a reply template of the same name (SPEC §11).
ToldOutcome = Literal[
    "confirmed",
    "waitlisted",
    "promoted",
    "duplicate",
    "cancelled",
    "substituted",
    "rejected-not-invited",
    "rejected-closed",
    "rejected-full",
    "rejected-not-allowed",
    "needs-info",
    "forwarded",
]
OutcomeKind = Literal[ToldOutcome, "ignored"]  # an ignored message is never answered

# The mails that are not an outcome told to the sender: notices to a participant replaced or
# reminded, the organiser's forwards, alerts and reports, and the sender's confirmation token.
NoticeKind = Literal[
    "summary",
    "replaced",
    "forward-to-organiser",
    "forward-seminar-request",
    "alert-unauthenticated",
    "alert-limit",
    "alert-attachment",
    "confirm-sender",
    "alert-reply-cap",
    "alert-failed",
    "alert-credential-expiry",
    "bounce-notice",
    "delivery-failed",
    "reminder",
    "deadline-report",
    "digest",
    "organiser-results",
    "request-declined",
    "forward-ambiguous",
    "registration-declined",
]
# Every kind of mail, each the name of its template: the type checker holds every `Mail` to it.
MailKind = Literal[ToldOutcome, NoticeKind]


@dataclass(frozen=True)
class Outcome:
    outcome: OutcomeKind
    rule: str
    participant: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Mail:
    """A mail to queue. `kind` names its template; `answers` says it replies to the inbound
    message (threaded, `auto-replied`) rather than being a new one (`auto-generated`)."""

    kind: MailKind
    to: tuple[str, ...]
    language: str
    cc: tuple[str, ...] = ()
    answers: bool = True
    context: Mapping[str, Any] = field(default_factory=dict)
    calendar: tuple[str, str, str] | None = None  # (seminar id, participant email, name)
    about: tuple[str, ...] = ()  # participant addresses the mail is about (bounces, purge)
    # Files to attach as they are: (filename, MIME type, bytes), e.g. the deadline report's CSV.
    attachments: tuple[tuple[str, str, bytes], ...] = ()
    # A mail to the organiser about something that waits for them: recorded under this mail's
    # Message-ID, so that their reply to it acts on it (§14).
    case: Case | None = None
    # The reply that asks the sender what the organiser's case (opened by the same decision)
    # asks: recorded with that case, so that the sender's answer to it settles it too (§4.3).
    asks_for_case: bool = False


@dataclass(frozen=True)
class Alert:
    """A note that (kind, key) was mailed about on `day`, so it is mailed at most once a day: the
    organiser's alerts, and the confirmation token mailed to an unauthenticated sender."""

    kind: str
    key: str
    day: dt.date


@dataclass(frozen=True)
class Decision:
    outcomes: tuple[Outcome, ...]
    registrations: tuple[Registration, ...] = ()  # new or changed rows, upserted by the store
    mails: tuple[Mail, ...] = ()
    alerts: tuple[Alert, ...] = ()
    actor: str | None = None
    language: str = "sv"
    bouncing: tuple[str, ...] = ()  # participant addresses now known to bounce
    # Scheduled work now done, (kind, seminar, key): recorded with the mails it queues (§12).
    scheduled: tuple[tuple[str, str, str], ...] = ()
    hold: Hold | None = None  # this message waits for its sender to confirm (§4.4 confirm)
    release: str | None = None  # this sender confirmed: decide their held messages now
    settled: tuple[tuple[str, str], ...] = ()  # (case Message-ID, how) settled by this decision
    seats: tuple[tuple[str, int], ...] = ()  # (actor, seats): the organiser's seat overrides


@dataclass(frozen=True)
class Hold:
    """An unauthenticated message kept until its From address answers a token (Mailman's
    confirmation). Only the token's SHA-256 is stored; `token_hash` is None when no token was
    mailed with this message (one is already out today), and then any answered token of the
    same sender releases it too."""

    sender_key: str
    token_hash: str | None
    expires_at: dt.datetime


# The outcome names of SPEC §11 and the template names, in one list each: the `Literal`s above are
# the source (nested `Literal`s are flattened, in order).
OUTCOME_KINDS: tuple[str, ...] = get_args(OutcomeKind)
MAIL_KINDS: tuple[str, ...] = get_args(MailKind)


@dataclass(frozen=True)
class OutboxItem:
    """One queued message: the envelope and the exact bytes, fixed when it was queued.

    `attempts` counts the tries already made (0 for a fresh item).
    """

    id: int
    message_id: str
    mail_from: str
    rcpts: tuple[str, ...]
    raw: bytes
    attempts: int
