"""Reconnecting to the IMAP server: retried with jittered exponential backoff while the server
is unreachable (`ConnectionLost`), never when a human must act (a refused login)."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator
from typing import TypeVar

from mailbot.imap_errors import ConnectionLost

log = logging.getLogger("mailbot.imap")

T = TypeVar("T")


def backoff_delays(
    base_s: float = 1.0, cap_s: float = 300.0, rng: Callable[[], float] = random.random
) -> Iterator[float]:
    """Delays before each retry: doubling from `base_s` up to `cap_s`, each picked at random
    between half and all of its step, so that many clients do not retry in lockstep."""
    step = base_s
    while True:
        yield step * (0.5 + 0.5 * rng())
        step = min(cap_s, step * 2)


def reconnect(
    open_: Callable[[], T],
    *,
    sleep: Callable[[float], object] = time.sleep,
    delays: Iterator[float] | None = None,
    max_attempts: int | None = None,
) -> T:
    """Call `open_` until it succeeds, sleeping `backoff_delays()` between `ConnectionLost`s.

    `AuthenticationFailed` and other `ImapError`s are not retried: they need a human. `sleep`
    may be a stop event's `wait`: when it returns True the last `ConnectionLost` is raised.
    Typical use: `reconnect(lambda: open_mailbox(settings, password), sleep=stop.wait)`.
    """
    delays = delays if delays is not None else backoff_delays()
    attempt = 0
    while True:
        try:
            return open_()
        except ConnectionLost as e:
            attempt += 1
            if max_attempts is not None and attempt >= max_attempts:
                raise
            delay = next(delays)
            log.warning("IMAP unavailable (%s); attempt %d, retrying in %.1f s", e, attempt, delay)
            if sleep(delay) is True:
                raise
