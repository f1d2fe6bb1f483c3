"""How long the service waits for what, and the clock it reads (`run --now`, the demo)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from imapclient import SocketTimeout

from mailbot import imap
from mailbot.clock import Clock, utcnow


@dataclass(frozen=True)
class Timing:
    """How long the service waits for what. The defaults are for production; tests shorten them."""

    wait_s: float = 300.0  # a quiet mailbox is searched again after this anyway (missed news)
    retry_s: float = 30.0  # a message whose handling failed is tried again after this
    outbox_poll_s: float = 30.0  # the outbox looks for due retries at least this often
    smtp_config_retry_s: float = 300.0  # SMTP login refused: try again this much later
    imap_config_retry_s: float = 600.0  # IMAP login refused (after a good start): likewise
    reconnect_base_s: float = 1.0  # first reconnect delay; doubles, with jitter, up to the cap
    reconnect_cap_s: float = 120.0
    first_catch_up_s: float = 120.0  # the scheduler starts after this even with no catch-up
    grace_s: float = 8.0  # SIGTERM: time left for the work in hand (SPEC §13: exit in 10 s)
    # SIGTERM: time left to a send in flight. A hung SMTP server answers nothing within any
    # grace: the send is then cut off (at worst sent again at start, same Message-ID).
    smtp_stop_grace_s: float = 2.0
    imap_timeout: SocketTimeout = field(default_factory=lambda: imap.DEFAULT_TIMEOUT)
    once_connect_attempts: int = 3  # `--once`: tries to reach the IMAP server before giving up


def offset_clock(at: dt.datetime, real: Clock = utcnow) -> Clock:
    """A clock that reads `at` now and runs at real speed from there (`run --now`, the demo).

    now = real now + (at - real now at the start): timers still fire at the matching real time.
    """
    if at.tzinfo is None:
        raise ValueError("offset_clock needs an aware time")
    offset = at - real()
    return lambda: real() + offset
