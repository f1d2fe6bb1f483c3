"""The mails a burst sends, compared between two installs of mailbot: same outcomes, same bytes.

    python benchmarks/sent_compare.py --against /work/wt/trial/.venv/bin/mailbot [--n 500]

Runs `mailbot run` (this checkout's, then `--against`'s) on a fresh Dovecot holding the same
generated burst (`common.generate`, seed 1), each sending to its own SMTP sink that keeps every
message, until all are decided and every reply accepted. Then it compares the two sets of mails
(envelope and bytes) after normalising only what must differ between two runs: the Message-ID
and Date header values, the multipart boundaries (random), and the `.ics` DTSTAMP (the time of
sending; its base64 part is decoded for that and compared as text). In-Reply-To and References
name the incoming messages and are compared as they are. Also compares the outcome counts.
Exit status 0 when both are the same.
"""

from __future__ import annotations

import argparse
import base64
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import common

import servers as testservers

_MESSAGE_ID = re.compile(rb"^(Message-ID): [^\r\n]*(\r\n[ \t][^\r\n]*)*", re.M | re.I)
_DATE = re.compile(rb"^(Date): [^\r\n]*", re.M)
_BOUNDARY = re.compile(rb"=_[0-9a-f]{32}")
_CALENDAR_PART = re.compile(
    rb"(Content-Type: text/calendar;[^\r\n]*(?:\r\n[ \t][^\r\n]*)*\r\n"
    rb"Content-Transfer-Encoding: base64\r\n(?:[^\r\n]+\r\n)*\r\n)((?:[A-Za-z0-9+/=]+\r\n)+)"
)
_DTSTAMP = re.compile(rb"\r\nDTSTAMP:[0-9TZ]+\r\n")


def normalised(mail_from: str, rcpts: tuple[str, ...], data: bytes) -> bytes:
    """The mail with only the run-dependent values replaced (see the module's docstring)."""
    data = _MESSAGE_ID.sub(rb"\1: <MESSAGE-ID>", data)
    data = _DATE.sub(rb"\1: <DATE>", data)
    data = _BOUNDARY.sub(b"=_BOUNDARY", data)

    def calendar(match: re.Match[bytes]) -> bytes:
        text = base64.b64decode(match.group(2))
        return match.group(1) + _DTSTAMP.sub(b"\r\nDTSTAMP:<STAMP>\r\n", text)

    data = _CALENDAR_PART.sub(calendar, data)
    return f"{mail_from} -> {','.join(rcpts)}\r\n".encode() + data


def sent_by(
    mailbot: str, messages: list[common.Message], seats: dict[str, int]
) -> tuple[list[bytes], dict[str, int]]:
    """(normalised mails, outcome counts) of one `mailbot run` on this burst."""
    common.MAILBOT = mailbot
    sink = testservers.SmtpSink()
    sink.start()
    try:
        with tempfile.TemporaryDirectory(prefix="mailbot-compare-") as tmp:
            directory = Path(tmp)
            directory.chmod(0o755)
            with common.fresh_dovecot() as server:
                common.deliver(server, messages)
                imap = server.settings(idle=True)
                path = common.write_config(directory, imap=imap, smtp_port=sink.port, seats=seats)
                db = directory / "mailbot.sqlite3"
                process = common.start_mailbot(path, server.password, log=directory / "log")
                try:
                    deadline = time.monotonic() + 900
                    while time.monotonic() < deadline:
                        time.sleep(0.2)
                        decided, queued, sent = common.database_progress(db)
                        done = decided >= len(messages) and queued == 0
                        if done and len(sink.received) >= sent > 0:
                            break
                    else:
                        raise TimeoutError(f"{mailbot}: not done after 900 s")
                finally:
                    common.stop(process)
                outcomes = common.outcome_counts(db)
        mails = sorted(normalised(r.mail_from, r.rcpt_tos, r.data) for r in sink.received)
    finally:
        sink.stop()
    return mails, outcomes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", required=True, help="the other install's `mailbot` script")
    parser.add_argument("--mailbot", default=common.MAILBOT, help="this install's (default)")
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    messages = common.generate(args.n, args.seed)
    seats = common.seats_for_half(messages)
    ours, our_outcomes = sent_by(args.mailbot, messages, seats)
    theirs, their_outcomes = sent_by(args.against, messages, seats)
    print(f"outcomes: {our_outcomes}\n     vs.  {their_outcomes}")
    print(f"mails: {len(ours)} vs. {len(theirs)}")
    only_ours = Counter(ours) - Counter(theirs)
    only_theirs = Counter(theirs) - Counter(ours)
    for label, extra in (("only in --mailbot", only_ours), ("only in --against", only_theirs)):
        for mail in list(extra)[:3]:
            print(f"--- {label}:\n{mail.decode(errors='replace')[:3000]}")
    same = our_outcomes == their_outcomes and not only_ours and not only_theirs
    calendars = sum(b"DTSTAMP:<STAMP>" in m for m in ours)
    print(
        f"{'SAME' if same else 'DIFFERENT'}: {len(ours)} mails ({calendars} with an .ics),"
        f" {sum(our_outcomes.values())} outcomes"
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
