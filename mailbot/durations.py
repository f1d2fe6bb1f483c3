"""ISO 8601 durations counted on the wall clock, as people mean "one day before".

`P1D` before 13:00 is 13:00 the day before in the seminar's own time zone, also when a
daylight-saving switch lies between: the subtraction is done on local wall time and the result
is then placed back in the zone, not done on UTC instants.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeAlias

import isodate

Duration: TypeAlias = "dt.timedelta | isodate.Duration"


def parse(text: str) -> Duration:
    """Parse `P7D`, `PT2H`, `P1W`, `P1M`…; raise `ValueError` naming the text."""
    try:
        value = isodate.parse_duration(text)
    except (isodate.ISO8601Error, ValueError, TypeError):
        raise ValueError(f"{text!r} is not an ISO 8601 duration") from None
    if isinstance(value, dt.timedelta) and value <= dt.timedelta(0):
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
