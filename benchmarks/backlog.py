"""Memory and throughput with a backlog: does mailbot's memory grow with the mail waiting?

    python benchmarks/backlog.py [--sizes 5000 20000] [--repeat 1]

For each size, N registrations wait in a private Dovecot before a real `mailbot run` starts
(as after a weekend of downtime); it runs until the sink has accepted every reply. Printed:
time, messages per second, peak RSS (VmHWM of the service and its outbox process, summed)
and the RSS seen at each quarter of the run, then the growth of the peak from the smallest
size to the largest (target: within 10 %, and under 150 MB).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import common


def quarters(samples: list[float]) -> str:
    if not samples:
        return "-"
    picks = [samples[min(len(samples) - 1, len(samples) * q // 4)] for q in (1, 2, 3, 4)]
    return " / ".join(f"{mb:.0f}" for mb in picks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    print(f"machine: {common.machine()}")
    peaks: dict[int, list[float]] = {}
    with common.SinkProcess() as sink:
        for n in args.sizes:
            for i in range(args.repeat):
                messages = common.generate(n, args.seed + i)
                seats = common.seats_for_half(messages)
                with common.fresh_dovecot() as server, tempfile.TemporaryDirectory() as tmp:
                    Path(tmp).chmod(0o755)
                    common.deliver(server, messages)
                    run = common.run_mailbot_until_done(
                        Path(tmp), server, sink, n, seats=seats, timeout_s=3600
                    )
                peaks.setdefault(n, []).append(run.peak_rss_mb)
                print(
                    f"N={n:>6}: {run.seconds:7.1f} s, {n / run.seconds:4.0f} msg/s,"
                    f" {run.replies} replies, peak RSS {run.peak_rss_mb:.0f} MB"
                    f" (RSS at each quarter: {quarters(run.rss_samples_mb)} MB),"
                    f" CPU {run.cpu_s / n * 1000:.2f} ms/msg, load {run.load:.1f},"
                    f" exit {run.exit_code}",
                    flush=True,
                )
    small, large = min(peaks), max(peaks)
    if small != large:
        low, high = min(peaks[small]), max(peaks[large])
        growth = (high - low) / low * 100
        print(
            f"peak RSS {low:.0f} MB at {small} → {high:.0f} MB at {large}:"
            f" {growth:+.1f} % ({'within' if abs(growth) <= 10 else 'OVER'} 10 %)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
