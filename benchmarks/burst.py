"""A registration burst at the speed of the mail server: mailbot against the bare transport.

    python benchmarks/burst.py --n 5000 [--repeat 3] [--seed 1]

Each repetition starts a private Dovecot with N realistic registrations waiting in INBOX (see
common.generate) and an aiosmtpd sink in a process of its own, then measures:

1. mailbot: a real `mailbot run` process (IDLE on) from its start until the sink has accepted
   the last reply, with its peak RSS (VmHWM from /proc);
2. the raw limit, on a fresh Dovecot with the same N messages: imapclient fetching them all
   with `UID FETCH BODY.PEEK[]` (100 per command), aiosmtplib sending the very replies mailbot
   queued over one connection, and `UID MOVE` (100 per command): what the transport alone needs.

It prints each repetition, the median and spread, and the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiosmtplib
import common
import imapclient

import servers as testservers

BATCH = 100


def raw_transport(
    server: testservers.Dovecot, sink: common.SinkProcess, mails: list[tuple[str, list[str], bytes]]
) -> dict[str, float]:
    """Seconds for fetch, send and move with no processing at all."""
    sink.reset()
    client = imapclient.IMAPClient(server.host, server.port, ssl=False, timeout=60)
    try:
        testservers.nodelay(client)
        client.login(server.username, server.password)
        client._imap.debug = 0  # as mailbot.imap does: no repr of every response
        client.create_folder("Processed")
        client.select_folder("INBOX")
        start = time.perf_counter()
        uids = sorted(client.search(["ALL"]))
        fetched = 0
        for i in range(0, len(uids), BATCH):
            data = client.fetch(uids[i : i + BATCH], ["BODY.PEEK[]", "INTERNALDATE"])
            fetched += sum(len(row[b"BODY[]"]) > 0 for row in data.values())
        fetch_s = time.perf_counter() - start

        start = time.perf_counter()
        asyncio.run(_send_all(sink, mails))
        send_s = time.perf_counter() - start

        start = time.perf_counter()
        for i in range(0, len(uids), BATCH):
            client.move(uids[i : i + BATCH], "Processed")
        move_s = time.perf_counter() - start
    finally:
        client.logout()
    if fetched != len(uids):
        raise RuntimeError(f"fetched {fetched} of {len(uids)}")
    received, _ = sink.count()
    if received != len(mails):
        raise RuntimeError(f"the sink holds {received} of {len(mails)} replies")
    return {"fetch": fetch_s, "send": send_s, "move": move_s, "total": fetch_s + send_s + move_s}


async def _send_all(sink: common.SinkProcess, mails: list[tuple[str, list[str], bytes]]) -> None:
    smtp = aiosmtplib.SMTP(hostname=sink.host, port=sink.port, timeout=60)
    await smtp.connect()
    try:
        for mail_from, rcpts, raw in mails:
            await smtp.sendmail(mail_from, rcpts, raw)
    finally:
        await smtp.quit()


def one_round(
    messages: list[common.Message], seats: dict[str, int], tmp: Path, sink: common.SinkProcess
) -> tuple[common.MailbotRun, dict[str, float]]:
    with common.fresh_dovecot() as server:
        common.deliver(server, messages)
        run = common.run_mailbot_until_done(tmp, server, sink, len(messages), seats=seats)
    mails = common.outbox_mails(tmp / "mailbot.sqlite3")
    with common.fresh_dovecot() as server:
        common.deliver(server, messages)
        raw = raw_transport(server, sink, mails)
    return run, raw


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    print(f"machine: {common.machine()}")
    runs: list[common.MailbotRun] = []
    raws: list[dict[str, float]] = []
    with common.SinkProcess() as sink:
        for i in range(args.repeat):
            messages = common.generate(args.n, args.seed + i)
            seats = common.seats_for_half(messages)
            with tempfile.TemporaryDirectory(prefix="mailbot-burst-") as tmp:
                Path(tmp).chmod(0o755)
                run, raw = one_round(messages, seats, Path(tmp), sink)
            runs.append(run)
            raws.append(raw)
            print(
                f"run {i + 1}: mailbot {run.seconds:6.2f} s ({args.n / run.seconds:5.0f} msg/s,"
                f" {run.replies} replies, first after {run.first_reply_s:.2f} s,"
                f" CPU {run.cpu_s / args.n * 1000:.2f} ms/msg, load {run.load:.1f},"
                f" peak RSS {run.peak_rss_mb:.0f} MB, exit {run.exit_code});"
                f" raw {raw['total']:5.2f} s (fetch {raw['fetch']:.2f}, send {raw['send']:.2f},"
                f" move {raw['move']:.2f}); ratio {run.seconds / raw['total']:.2f}",
                flush=True,
            )
            if i == 0:
                print(f"  outcomes: {run.outcomes}", flush=True)
    n = args.n
    print(f"\nburst of {n} messages, {args.repeat} runs (median [min–max] ±half-spread):")
    print(f"  mailbot   {common.summary([n / r.seconds for r in runs], ' msg/s', 0)}")
    print(f"            {common.summary([r.seconds for r in runs], ' s')}")
    print(f"  raw       {common.summary([n / r['total'] for r in raws], ' msg/s', 0)}")
    print(f"            {common.summary([r['total'] for r in raws], ' s')}")
    for phase in ("fetch", "send", "move"):
        print(f"    {phase:<6}  {common.summary([r[phase] for r in raws], ' s')}")
    ratios = [r.seconds / w["total"] for r, w in zip(runs, raws, strict=True)]
    print(f"  ratio     {common.summary(ratios, ' ×')}  (mailbot / raw, same run)")
    print(f"  peak RSS  {common.summary([r.peak_rss_mb for r in runs], ' MB', 0)}")
    cpu = [r.cpu_s / n * 1000 for r in runs]
    print(f"  CPU       {common.summary(cpu, ' ms per message')} (mailbot's own)")
    replies = statistics.median(r.replies for r in runs)
    print(f"  replies   {replies:.0f} per {n} messages")
    return 0 if all(r.exit_code == 0 for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
