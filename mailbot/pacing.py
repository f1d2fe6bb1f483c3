"""Sending at the provider's pace: how long the outbox must wait before its next mail.

Pure: a `Pace` is a value that takes the clock as an argument; the outbox (the shell) asks it
when the next mail may go, tells it what went, and does the waiting itself.

Why pace at all: Exchange Online takes 30 messages a minute and 10,000 recipients a rolling day
per mailbox (NOTES.md "Real mailboxes"). Past the first it delays or refuses with
`432 4.3.2`; past the second it refuses every mail for up to a day with `554 5.2.0
SubmissionQuotaExceeded`. A bot that answers a burst of 100 registrations as fast as it can
therefore earns refusals, and a bot that treats those as failed mails loses replies. So the
outbox keeps under the configured limits itself, and a "slow down" answer from the server
(`slow_down_reason`) pauses sending without counting as a failed try of the mail.

The per-minute limit is a sliding window (no 31st mail within any 60 s), stricter than a
fixed minute, because that is how a provider counting "a minute" is sure to count it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

MINUTE = dt.timedelta(minutes=1)
DAY = dt.timedelta(days=1)
# How long a "slow down" answer pauses sending: connection limits free up within a minute or
# so; a daily submission quota does not, and trying every minute would only collect refusals.
CONNECTIONS_PAUSE = dt.timedelta(minutes=1)
QUOTA_PAUSE = dt.timedelta(hours=1)
MAX_PAUSE = dt.timedelta(hours=6)


@dataclass(frozen=True)
class Limits:
    """`[smtp]` max_per_minute and max_recipients_per_day; None is no limit."""

    max_per_minute: int | None = None
    max_recipients_per_day: int | None = None


@dataclass(frozen=True)
class Pause:
    """The server asked us to slow down: nothing goes before `until`, for `reason`."""

    until: dt.datetime
    reason: str


@dataclass(frozen=True)
class Pace:
    """What was sent recently (as far as the limits look back) and any pause in force.

    `sent` holds the send times within the last minute; `recipients` the (time, count) of each
    mail within the last day; `slowdowns` how many "slow down" answers came in a row (each
    doubles the next pause, up to `MAX_PAUSE`).
    """

    limits: Limits = Limits()
    sent: tuple[dt.datetime, ...] = ()
    recipients: tuple[tuple[dt.datetime, int], ...] = ()
    pause: Pause | None = None
    slowdowns: int = 0

    def next_send_at(self, now: dt.datetime, recipients: int) -> dt.datetime | None:
        """When a mail to `recipients` addresses may go: None if now, else the time to wait for.

        A single mail with more recipients than the daily limit waits for an empty day and
        then goes: it could never go otherwise, and the server judges it.
        """
        waits = []
        if self.pause is not None and self.pause.until > now:
            waits.append(self.pause.until)
        per_minute = self.limits.max_per_minute
        if per_minute is not None:
            recent = [t for t in self.sent if t > now - MINUTE]
            if len(recent) >= per_minute:
                waits.append(recent[len(recent) - per_minute] + MINUTE)
        if (until := self._day_has_room_at(now, recipients)) is not None:
            waits.append(until)
        return max(waits) if waits else None

    def _day_has_room_at(self, now: dt.datetime, recipients: int) -> dt.datetime | None:
        """None if the rolling day has room for `recipients` more now, else when it will."""
        limit = self.limits.max_recipients_per_day
        if limit is None:
            return None
        window = [(t, n) for t, n in self.recipients if t > now - DAY]
        need = min(recipients, limit)  # an oversized mail waits for an empty day
        used = sum(n for _, n in window)
        if used + need <= limit:
            return None
        for t, n in window:  # oldest first: as each leaves the window, room grows
            used -= n
            if used + need <= limit:
                return t + DAY
        return None  # not reached: an empty window has room

    def sent_at(self, when: dt.datetime, recipients: int) -> Pace:
        """This pace after a mail to `recipients` addresses went (or was handed over) at `when`.

        Only what a configured limit looks at is kept: copying every send of the last day into
        the next value, with no limit to read it, made a burst of replies quadratic."""
        sent, day = self.sent, self.recipients
        if self.limits.max_per_minute is not None:
            sent = (*(t for t in self.sent if t > when - MINUTE), when)
        if self.limits.max_recipients_per_day is not None:
            day = (*((t, n) for t, n in self.recipients if t > when - DAY), (when, recipients))
        return dataclasses.replace(self, sent=sent, recipients=day)

    def answered(self) -> Pace:
        """This pace after the server answered a mail with anything but "slow down": the run
        of slow-downs (which doubles each pause) is over."""
        return dataclasses.replace(self, slowdowns=0) if self.slowdowns else self

    def slowed(self, now: dt.datetime, reason: str, *, quota: bool) -> Pace:
        """This pace after the server said "slow down" at `now` (`quota`: the daily one)."""
        base = QUOTA_PAUSE if quota else CONNECTIONS_PAUSE
        wait = min(MAX_PAUSE, base * 2 ** min(self.slowdowns, 10))
        until = max(now + wait, self.pause.until if self.pause else now)
        return dataclasses.replace(self, pause=Pause(until, reason), slowdowns=self.slowdowns + 1)

    def paused(self, now: dt.datetime) -> Pause | None:
        """The server's pause still in force at `now`, if any (for `status`)."""
        return self.pause if self.pause is not None and self.pause.until > now else None


def slow_down_reason(code: int, message: str) -> tuple[str, bool] | None:
    """Whether an SMTP reply means "slow down" rather than "this mail failed": the reason and
    whether it is the daily quota, or None.

    Exchange Online: `432 4.3.2 … Concurrent connections limit exceeded` (too many connections
    or messages at once) and `554 5.2.0 … SubmissionQuotaExceeded…` (recipients per day).
    """
    text = message.casefold()
    if code == 432 or (400 <= code < 500 and "4.3.2" in text and "concurrent" in text):
        return "the server has too many connections or messages from us at once", False
    if "submissionquotaexceeded" in text.replace(" ", ""):
        return "the daily sending quota is used up", True
    return None
