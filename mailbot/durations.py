"""ISO 8601 durations counted on the wall clock, as people mean "one day before".

`P1D` before 13:00 is 13:00 the day before in the seminar's own time zone, also when a
daylight-saving switch lies between: the subtraction is done on local wall time and the result
is then placed back in the zone, not done on UTC instants.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    import isodate

Duration: TypeAlias = "dt.timedelta | isodate.Duration"

# The forms reminders are written in (`P7D`, `P1W`, `PT12H`), read without importing isodate
# (~4 ms with `decimal`, at every `mailbot status`): one unit, a whole number of at most six
# digits, to the same `timedelta` isodate gives (`test_durations` checks every one of them).
# Any other text goes to isodate, so that what a config accepts is isodate's to say.
_UNITS = {"D": "days", "W": "weeks", "TH": "hours", "TM": "minutes", "TS": "seconds"}


def _one_unit(text: str) -> dt.timedelta | None:
    """`P<n>D`, `P<n>W`, `PT<n>H`, `PT<n>M`, `PT<n>S` as a timedelta; None for any other text."""
    if not text.startswith("P"):
        return None
    of_time = text.startswith("PT")
    number = text[2:-1] if of_time else text[1:-1]
    unit = _UNITS.get(("T" if of_time else "") + text[-1:])
    if unit is None or not (number.isascii() and number.isdigit() and len(number) <= 6):
        return None
    return dt.timedelta(**{unit: int(number)})


def parse(text: str) -> Duration:
    """Parse `P7D`, `PT2H`, `P1W`, `P1M`…; raise `ValueError` naming the text."""
    simple = _one_unit(text)
    if simple is not None:
        return _longer_than_zero(text, simple)
    import isodate  # only for a form `_one_unit` does not read (`P1M`, `P1DT2H`, `PT1.5H`)

    try:
        value = isodate.parse_duration(text)
    except (isodate.ISO8601Error, ValueError, TypeError):
        raise ValueError(f"{text!r} is not an ISO 8601 duration") from None
    return _longer_than_zero(text, value) if isinstance(value, dt.timedelta) else value


def _longer_than_zero(text: str, value: dt.timedelta) -> dt.timedelta:
    if value <= dt.timedelta(0):
        raise ValueError(f"{text!r} must be longer than zero")
    return value


def wall_clock_before(instant: dt.datetime, duration: Duration) -> dt.datetime:
    """`instant` minus `duration`, counted in the calendar of `instant`'s own time zone."""
    zone = instant.tzinfo
    wall = instant.replace(tzinfo=None) - duration
    # fold=0 takes the first of two ambiguous wall times; a time skipped by a DST switch
    # lands after the gap, as zoneinfo does it.
    return dt.datetime.fromtimestamp(wall.replace(tzinfo=zone).timestamp(), zone)


def time_of_day(value: str | dt.time) -> dt.time:
    """Read `"08:00"` or a TOML local time (`08:00:00`): people write either in a config."""
    if isinstance(value, dt.time):
        return value
    try:
        hours, minutes = (int(part) for part in value.strip().split(":"))
        return dt.time(hours, minutes)
    except ValueError:
        raise ValueError(f'{value!r} is not a time of day such as "08:00"') from None
