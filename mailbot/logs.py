"""Logging: lines to stderr, and no participant's address above DEBUG.

Its own module so that the SMTP side (`outbox`), which has no database, can redact what a server
says without importing the personal-data code.
"""

from __future__ import annotations

import logging
import re

_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def redact(text: object) -> str:
    """The text with every email address replaced by `<address>`: for log lines that quote
    what a server or a message said."""
    return _ADDRESS.sub("<address>", str(text))


class RedactAddresses(logging.Filter):
    """A handler filter for `mailbot run`: records above DEBUG lose any address they carry.

    Install it on the handler (a logger's filters do not see its children's records):
    `handler.addFilter(RedactAddresses())`. DEBUG records are left whole, for a developer.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.DEBUG:
            message = record.getMessage()
            cleaned = redact(message)
            if cleaned != message:
                record.msg, record.args = cleaned, ()
            if record.exc_info and record.exc_info[1] is not None:
                record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
                record.exc_info = None
        return True


def configure_logging(level: int = logging.INFO) -> None:
    """Log lines to stderr (journald adds its own time stamps, a terminal wants ours).

    Addresses are removed from every record above DEBUG (`RedactAddresses`), and
    imapclient's and APScheduler's chatter is kept out: imapclient's DEBUG log shows every
    command, the LOGIN among them.
    """
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactAddresses())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("imapclient").setLevel(max(level, logging.INFO))
    logging.getLogger("apscheduler").setLevel(max(level, logging.WARNING))
    # The pipeline's own INFO line per message repeats `log_handled`'s: one line a message.
    logging.getLogger("mailbot.pipeline").setLevel(max(level, logging.WARNING))
