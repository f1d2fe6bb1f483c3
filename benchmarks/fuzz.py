"""Fuzz the whole pipeline for a while and keep what breaks it.

    python benchmarks/fuzz.py --seconds 600 [--seed N] [--findings fuzz-findings/] [--memory]

Each input is a fixture from tests/fixtures bent by `tests/mutations.py` (byte flips, splices,
duplicated headers, corrupted boundaries, hostile tokens), handled by `pipeline.handle` on a fresh
database. A finding is an input where an exception escaped, the message was not handled (a retry
means something inside raised), no outcome was recorded, or handling took longer than `--slow`
seconds; each is written to the findings folder with the reason, and the run goes on. Prints
inputs/s and the findings at the end; exits 1 if there were any. `--memory` also tracks the
tracemalloc peak per input (about three times slower).

The same loop runs for a few seconds in CI: tests/test_fuzz.py (`MAILBOT_FUZZ_SECONDS`).
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import random
import shutil
import sys
import tempfile
import time
import traceback
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from mutations import corpus, mutate  # noqa: E402

from mailbot import pipeline  # noqa: E402
from mailbot.store import Store  # noqa: E402

from support import at, make_config  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--findings", type=Path, default=Path("fuzz-findings"))
    parser.add_argument("--slow", type=float, default=2.0, help="seconds that count as a finding")
    parser.add_argument("--memory", action="store_true", help="track the tracemalloc peak")
    args = parser.parse_args()

    logging.getLogger("mailbot").setLevel(logging.CRITICAL)  # findings are kept, not logged
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    rng = random.Random(seed)
    messages = corpus()
    base = Path("/dev/shm") if Path("/dev/shm").is_dir() else None
    work = Path(tempfile.mkdtemp(prefix="mailbot-fuzz-", dir=base))
    config = make_config(work)
    now = at("2022-09-01 10:00")
    findings: list[tuple[str, Path]] = []
    inputs, slowest, peak = 0, 0.0, 0
    if args.memory:
        tracemalloc.start()
    started = time.monotonic()
    try:
        while time.monotonic() - started < args.seconds:
            raw = mutate(rng, messages)
            db = work / "fuzz.sqlite3"
            reason = None
            t0 = time.perf_counter()
            try:
                if args.memory:
                    tracemalloc.reset_peak()
                with Store(db) as store:
                    result = pipeline.handle(store, config, raw, now)
                    if result.status != "handled":
                        reason = f"status {result.status}: {result.error}"
                    elif not result.outcomes:
                        reason = "no outcome recorded"
            except Exception:
                reason = "exception:\n" + traceback.format_exc()
            elapsed = time.perf_counter() - t0
            if args.memory:
                peak = max(peak, tracemalloc.get_traced_memory()[1])
            slowest = max(slowest, elapsed)
            if reason is None and elapsed > args.slow:
                reason = f"slow: {elapsed:.2f} s"
            if reason is not None:
                findings.append((reason, keep(args.findings, raw, reason)))
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            inputs += 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    elapsed = time.monotonic() - started
    print(
        f"fuzz: seed {seed}, {inputs} inputs in {elapsed:.0f} s ({inputs / elapsed:.0f}/s), "
        f"slowest {slowest * 1000:.0f} ms"
        + (f", peak {peak / 1e6:.1f} MB" if args.memory else "")
        + f", {len(findings)} findings"
    )
    for reason, path in findings:
        print(f"  {path}: {reason.splitlines()[0]}")
    return 1 if findings else 0


def keep(folder: Path, raw: bytes, reason: str) -> Path:
    """Write a failing input (and why) where it can be replayed with `mailbot process`."""
    folder.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha256(raw).hexdigest()[:16]
    (folder / f"{name}.eml").write_bytes(raw)
    (folder / f"{name}.txt").write_text(reason)
    return folder / f"{name}.eml"


if __name__ == "__main__":
    sys.exit(main())
