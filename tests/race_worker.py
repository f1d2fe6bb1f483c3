"""One of two processes racing on one database through the pipeline API, without the lock
(tests/test_one_service.py): decide the given messages, then send the outbox to the sink.

Run as `python race_worker.py CONFIG MESSAGES_DIR START_AT MODE`: it waits until the wall clock
reads START_AT (both processes start at the same instant), then takes every `.eml` file of
MESSAGES_DIR in name order, by batches of 20 (`handle_batch`, as the inbox does) when MODE is
"batch", one by one (`handle`, as `mailbot process` does) when "single", and drains the outbox
until nothing is due, over two SMTP connections as the service does.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
import time
from pathlib import Path

from mailbot import config, outbox, pipeline
from mailbot.clock import utcnow
from mailbot.notices import FailureNotices
from mailbot.store import Store

# As the test's reference run: on time for the seminar, decided an hour later.
RECEIVED = dt.datetime.fromisoformat("2022-09-01T10:00:00+02:00")
NOW = RECEIVED + dt.timedelta(hours=1)


def decide(store: Store, cfg: config.Config, files: list[Path], mode: str) -> None:
    now = NOW
    if mode == "single":
        for path in files:
            pipeline.handle(store, cfg, path.read_bytes(), RECEIVED, now=now)
        return
    for start in range(0, len(files), 20):
        items = [pipeline.Incoming(p.read_bytes(), RECEIVED) for p in files[start : start + 20]]
        pipeline.handle_batch(store, cfg, items, now=now)


async def send(store: Store, cfg: config.Config) -> None:
    assert cfg.smtp is not None
    notices = FailureNotices(store, cfg)
    senders = [outbox.Sender(cfg.smtp), outbox.Sender(cfg.smtp)]
    try:
        while True:
            stats = await outbox.drain(notices, senders, utcnow, limit=7)
            if stats.sent + stats.retried + stats.failed == 0:
                return
    finally:
        for one in senders:
            await one.close()


def main(argv: list[str]) -> None:
    config_path, messages, start_at, mode = argv
    cfg = config.load(Path(config_path), {})
    files = sorted(Path(messages).glob("*.eml"))
    with Store(cfg.bot.database) as store:
        time.sleep(max(0.0, float(start_at) - time.time()))
        decide(store, cfg, files, mode)
        asyncio.run(send(store, cfg))


if __name__ == "__main__":
    main(sys.argv[1:])
