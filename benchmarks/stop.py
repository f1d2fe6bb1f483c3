"""How fast `mailbot run` exits on SIGTERM while its start check waits on a hung SMTP server
(SPEC §13: "exits 0 within 10 s"; issue 11 measured 2.9–3.1 s, and 9.7 s before its fix).

    python benchmarks/stop.py [--runs 10]

Each run starts `mailbot run` against a TCP server that accepts and never answers (the start
check's SMTP greeting never comes), waits until the bot is connected to it, sends SIGTERM and
times signal → exit. The test (`tests/test_smtp_transport.py`) checks only what happens (the
check is cut short, the service never starts, exit 0); the figure lives here, because a loaded
machine says nothing about speed.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

import common  # noqa: F401  (puts the repository and tests/ on sys.path)

from mailbot import config
from mailbot.store import Store

from smtp_servers import HungServer
from support import SMALL_CONFIG, BotProcess, make_config, wait_until, with_servers

NOWHERE_IMAP = config.Imap(host="127.0.0.1", port=1, tls="none", username="bot")


def one_stop(folder: Path) -> float:
    """Seconds from SIGTERM to exit, with the start check waiting on a hung SMTP server."""
    with HungServer() as hung:
        smtp = config.Smtp(host=hung.host, port=hung.port, tls="none")
        cfg = make_config(folder, with_servers(SMALL_CONFIG, NOWHERE_IMAP, smtp))
        Store(cfg.bot.database).close()
        bot = BotProcess(cfg.path, password="imap-secret", log=folder / "bot.log")
        try:
            wait_until(lambda: hung.connections >= 1, 120, "the connection to the hung server")
            code, took = bot.stop(timeout_s=60)
        finally:
            if bot.process.poll() is None:
                bot.kill()
    if code != 0:
        raise SystemExit(f"exit {code}: {bot.tail()}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    times = []
    for i in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            times.append(one_stop(Path(tmp)))
        print(f"run {i + 1}: {times[-1]:.2f} s", flush=True)
    with open("/proc/loadavg") as f:
        load = f.read().split()[0]
    print(
        f"SIGTERM under a hung SMTP start check: exit after {statistics.median(times):.2f} s"
        f" [{min(times):.2f}–{max(times):.2f}] over {len(times)} runs (target ≤ 10 s;"
        f" load {load})"
    )


if __name__ == "__main__":
    main()
