"""The clock that the service and the outbox process read: a leaf module of its own, so that the
outbox process (which only sends) imports it without the reading and deciding code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Clock = Callable[[], dt.datetime]


def utcnow() -> dt.datetime:
    """Now, aware, in UTC: the service's clock unless `run --now` or a test hands in another."""
    return dt.datetime.now(dt.UTC)
