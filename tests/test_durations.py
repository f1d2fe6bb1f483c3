"""Reminder durations (SPEC §9): ISO 8601, read as isodate reads them.

`durations` reads the one-unit forms that reminders are written in (`P7D`, `PT12H`) itself, so
that `mailbot status` starts without importing isodate; these tests hold it to isodate's answer
for every such text, and leave every other text to isodate.
"""

from __future__ import annotations

import datetime as dt

import isodate
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailbot import durations

ONE_UNIT = ("P{}D", "P{}W", "PT{}H", "PT{}M", "PT{}S")


def isodates(text: str) -> object:
    """What `durations.parse` gave when isodate read every text: the value, or the error."""
    try:
        value = isodate.parse_duration(text)
    except (isodate.ISO8601Error, ValueError, TypeError):
        return ValueError
    if isinstance(value, dt.timedelta) and value <= dt.timedelta(0):
        return ValueError
    return value


def ours(text: str) -> object:
    try:
        return durations.parse(text)
    except ValueError:
        return ValueError


@pytest.mark.parametrize("form", ONE_UNIT)
@pytest.mark.parametrize("number", ["0", "1", "7", "12", "007", "30", "90", "999999"])
def test_a_one_unit_duration_is_the_timedelta_isodate_gives(form: str, number: str) -> None:
    text = form.format(number)
    assert ours(text) == isodates(text)
    assert type(ours(text)) is type(isodates(text))


@given(st.sampled_from(ONE_UNIT), st.integers(min_value=0, max_value=999_999))
def test_every_whole_number_of_one_unit_reads_as_isodate_reads_it(form: str, n: int) -> None:
    text = form.format(n)
    assert ours(text) == isodates(text)


OTHER: tuple[str, ...] = (
    "P1M",
    "P1Y",
    "P1DT2H",
    "PT1.5H",
    "P1,5D",
    "P-1D",
    "P7H",
    "PT7D",
    "P",
    "PT",
    "PD",
)
OTHER += ("P٣D", "p7d", " P7D", "P7D ", "P1234567D", "P²D", "one day", "")


@pytest.mark.parametrize("text", OTHER)
def test_every_other_text_is_isodates_to_read_or_refuse(text: str) -> None:
    assert ours(text) == isodates(text)


@given(st.text(alphabet="PTDWHMSY0123456789.,-+ ", max_size=10))
def test_any_text_reads_as_isodate_reads_it(text: str) -> None:
    assert ours(text) == isodates(text)


def test_a_month_stays_a_calendar_month() -> None:
    starts = dt.datetime(2022, 3, 31, 13, 0, tzinfo=dt.UTC)
    assert durations.wall_clock_before(starts, durations.parse("P1M")) == starts.replace(
        month=2, day=28
    )
