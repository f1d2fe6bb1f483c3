"""Time for each hostile message of `tests/test_hostile_mime.py` to reach its recorded outcome
through `pipeline.handle` (read, decide, render, commit on a temporary store).

    python benchmarks/hostile_mime.py [--runs 5] [--only "4 MB"]

The test checks only that each ends in the right outcome and does not hang; the figures live
here (median [min–max] of `--runs`, a fresh store each run, the load average printed beside
them), because a shared machine at load 9 says nothing about speed.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import common  # noqa: F401  (puts the repository and tests/ on sys.path)
from test_hostile_mime import CASES, NOW

from mailbot import pipeline
from mailbot.store import Store

from support import make_config


def one(raw: bytes) -> float:
    """Seconds for one message through `pipeline.handle` on a fresh store."""
    with tempfile.TemporaryDirectory() as tmp:
        config = make_config(Path(tmp))
        with Store(config.bot.database) as store:
            started = time.perf_counter()
            result = pipeline.handle(store, config, raw, NOW)
            took = time.perf_counter() - started
    if result.status != "handled" or not result.outcomes:
        raise SystemExit(f"not handled: {result}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", help="only the cases whose name holds this text")
    args = parser.parse_args()
    for name, (make, _) in CASES.items():
        if args.only and args.only not in name:
            continue
        raw = make()
        times = [one(raw) for _ in range(args.runs)]
        with open("/proc/loadavg") as f:
            load = f.read().split()[0]
        print(
            f"{name}: {len(raw):,} bytes → {statistics.median(times) * 1000:.0f} ms"
            f" [{min(times) * 1000:.0f}–{max(times) * 1000:.0f}] (load {load})",
            flush=True,
        )


if __name__ == "__main__":
    main()
