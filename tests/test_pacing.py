"""Pacing to the provider's limits (SPEC §2 `[smtp]` max_per_minute, max_recipients_per_day) and
"slow down" answers: the pure `pacing.Pace`, checked with an injected clock."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from mailbot.pacing import (
    CONNECTIONS_PAUSE,
    MAX_PAUSE,
    QUOTA_PAUSE,
    Limits,
    Pace,
    slow_down_reason,
)

from support import present

T0 = dt.datetime(2026, 12, 2, 8, 0, tzinfo=dt.UTC)
SECOND = dt.timedelta(seconds=1)


def send_all(pace: Pace, recipients: list[int]) -> list[dt.datetime]:
    """Send mails to these numbers of recipients as fast as `pace` allows; their send times."""
    now, times = T0, []
    for count in recipients:
        if (until := pace.next_send_at(now, count)) is not None:
            assert until > now
            now = until
            assert pace.next_send_at(now, count) is None
        pace = pace.sent_at(now, count)
        times.append(now)
    return times


def test_without_limits_every_mail_may_go_at_once() -> None:
    assert send_all(Pace(), [1] * 100) == [T0] * 100


def test_thirty_a_minute_sends_thirty_then_waits_for_the_first_to_leave_the_minute() -> None:
    times = send_all(Pace(Limits(max_per_minute=30)), [1] * 100)
    minute = dt.timedelta(minutes=1)
    assert times[:30] == [T0] * 30
    assert times[30:60] == [T0 + minute] * 30
    assert times[99] == T0 + 3 * minute


def test_the_daily_recipient_limit_holds_a_mail_until_the_oldest_leaves_the_day() -> None:
    pace = Pace(Limits(max_recipients_per_day=10))
    pace = pace.sent_at(T0, 6).sent_at(T0 + dt.timedelta(hours=1), 3)
    later = T0 + dt.timedelta(hours=2)
    assert pace.next_send_at(later, 1) is None  # 9 + 1 fits
    assert pace.next_send_at(later, 2) == T0 + dt.timedelta(days=1)  # when the 6 leave the day


def test_a_mail_to_more_recipients_than_the_daily_limit_waits_for_an_empty_day() -> None:
    pace = Pace(Limits(max_recipients_per_day=10)).sent_at(T0, 1)
    assert pace.next_send_at(T0, 50) == T0 + dt.timedelta(days=1)
    assert Pace(Limits(max_recipients_per_day=10)).next_send_at(T0, 50) is None


def test_a_slow_down_answer_pauses_sending_and_doubles_while_it_repeats() -> None:
    pace = Pace().slowed(T0, "busy", quota=False)
    assert pace.next_send_at(T0, 1) == T0 + CONNECTIONS_PAUSE
    assert pace.paused(T0) is not None and pace.paused(T0 + CONNECTIONS_PAUSE) is None
    again = pace.slowed(T0 + CONNECTIONS_PAUSE, "busy", quota=False)
    assert again.next_send_at(T0 + CONNECTIONS_PAUSE, 1) == T0 + 3 * CONNECTIONS_PAUSE
    calm = again.sent_at(T0 + 3 * CONNECTIONS_PAUSE, 1).answered()  # an answer ends the run
    assert calm.slowed(T0, "busy", quota=False).slowdowns == 1


def test_the_quota_pause_is_an_hour_and_never_more_than_six() -> None:
    pace = Pace()
    for _ in range(20):
        pace = pace.slowed(T0, "quota", quota=True)
    assert Pace().slowed(T0, "quota", quota=True).next_send_at(T0, 1) == T0 + QUOTA_PAUSE
    assert pace.next_send_at(T0, 1) == T0 + MAX_PAUSE


def test_exchange_slow_down_answers_are_told_from_failures() -> None:
    concurrent = "4.3.2 STOREDRV.ClientSubmit; Concurrent connections limit exceeded"
    quota = (
        "5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to "
        "process message due to a permanent exception"
    )
    assert present(slow_down_reason(432, concurrent))[1] is False
    assert slow_down_reason(554, quota) == ("the daily sending quota is used up", True)
    assert slow_down_reason(554, "5.6.0 message rejected") is None
    assert slow_down_reason(451, "4.3.0 try later") is None
    assert slow_down_reason(550, "5.1.1 no such user") is None


@settings(max_examples=200, deadline=None)
@given(
    per_minute=st.integers(1, 40),
    per_day=st.integers(1, 200),
    mails=st.lists(st.integers(1, 20), min_size=1, max_size=120),
)
def test_a_paced_sender_never_exceeds_either_limit_in_any_window(
    per_minute: int, per_day: int, mails: list[int]
) -> None:
    times = send_all(Pace(Limits(per_minute, per_day)), mails)
    assert times == sorted(times)
    for i, start in enumerate(times):
        in_minute = [t for t in times[i:] if t < start + dt.timedelta(minutes=1)]
        assert len(in_minute) <= per_minute
        in_day = sum(
            min(n, per_day)
            for t, n in zip(times[i:], mails[i:], strict=True)
            if t < start + dt.timedelta(days=1)
        )
        assert in_day <= per_day


def test_a_pace_with_no_limits_keeps_no_history_however_many_mails_go() -> None:
    # Copying every send of the day into the next value made a burst of 6,000 replies
    # quadratic in the outbox process, with no limit to read it.
    pace = Pace()
    for i in range(2000):
        pace = pace.sent_at(T0 + i * SECOND / 100, 2)
    assert (pace.sent, pace.recipients) == ((), ())
    assert pace.next_send_at(T0 + 20 * SECOND, 10_000) is None


def test_a_pace_keeps_the_history_of_the_one_limit_it_has() -> None:
    per_minute = Pace(Limits(max_per_minute=2)).sent_at(T0, 5).sent_at(T0 + SECOND, 5)
    assert per_minute.recipients == () and len(per_minute.sent) == 2
    assert per_minute.next_send_at(T0 + 2 * SECOND, 1) == T0 + dt.timedelta(minutes=1)
    per_day = Pace(Limits(max_recipients_per_day=10)).sent_at(T0, 6).sent_at(T0 + SECOND, 3)
    assert per_day.sent == () and per_day.recipients == ((T0, 6), (T0 + SECOND, 3))
    assert per_day.next_send_at(T0 + 2 * SECOND, 2) == T0 + dt.timedelta(days=1)
