"""Fuzzing the whole pipeline with mutated real mail (SPEC §3 "never crash", §11, §12).

For every input: no exception escapes `pipeline.handle`, the message is handled (not left to be
retried: a retry means something inside raised) with at least one recorded outcome, and the
memory one message takes stays bounded (tracemalloc peak). Two runs:

- a Hypothesis run over mutation seeds (`MAILBOT_FUZZ_EXAMPLES`, default 200), which shrinks a
  failure to a small reproducible seed;
- a time-boxed run (`MAILBOT_FUZZ_SECONDS`, default 5) that prints inputs/s, for longer runs
  on demand: `MAILBOT_FUZZ_SECONDS=600 pytest tests/test_fuzz.py -s`.
  `benchmarks/fuzz.py` is the same loop as a script that keeps the inputs that fail.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutations import corpus, mutate

from mailbot import pipeline
from mailbot.config import Config
from mailbot.store import Store

from support import at, make_config

NOW = at("2022-09-01 10:00")
EXAMPLES = int(os.environ.get("MAILBOT_FUZZ_EXAMPLES", "200"))
SECONDS = float(os.environ.get("MAILBOT_FUZZ_SECONDS", "5"))
# A mutated fixture is under 100 KB; parsing, deciding and rendering it must not need more.
PEAK_BYTES = 64 * 1024 * 1024
CORPUS = corpus()


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Config:
    return make_config(tmp_path_factory.mktemp("fuzz"))


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="mailbot-fuzz-") as d:
        yield Path(d)


def check_one(config: Config, directory: Path, raw: bytes, n: int) -> int:
    """Handle one input on a fresh database; assert the invariants; return the memory peak."""
    path = directory / f"fuzz-{n}.sqlite3"
    try:
        with Store(path) as store:
            tracemalloc.reset_peak()
            result = pipeline.handle(store, config, raw, NOW)
            _, peak = tracemalloc.get_traced_memory()
            assert result.status == "handled", (result.status, result.error)
            assert result.outcomes
            (entry,) = store.journal()
            assert entry["state"] == "handled" and entry["outcomes"]
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    assert peak < PEAK_BYTES, f"{peak:,} bytes for a {len(raw):,}-byte message"
    return peak


counter = {"inputs": 0, "peak": 0}


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rng=st.randoms(use_true_random=False))
def test_mutated_mail_never_escapes_the_pipeline(
    config: Config, scratch: Path, rng: random.Random
) -> None:
    raw = mutate(rng, CORPUS)
    tracemalloc.start()
    try:
        peak = check_one(config, scratch, raw, counter["inputs"])
    finally:
        tracemalloc.stop()
    counter["inputs"] += 1
    counter["peak"] = max(counter["peak"], peak)


def test_report_the_hypothesis_run() -> None:
    """Prints what the run above did (run with -s to see it)."""
    print(f"\nfuzz (hypothesis): {counter['inputs']} inputs, peak {counter['peak'] / 1e6:.1f} MB")


def test_time_boxed_fuzz_run(config: Config, scratch: Path) -> None:
    seed = int(os.environ.get("MAILBOT_FUZZ_SEED", "0")) or random.randrange(2**32)
    rng = random.Random(seed)
    deadline = time.monotonic() + SECONDS
    inputs, peak, started = 0, 0, time.monotonic()
    tracemalloc.start()
    try:
        while time.monotonic() < deadline:
            raw = mutate(rng, CORPUS)
            try:
                peak = max(peak, check_one(config, scratch, raw, inputs))
            except BaseException:
                print(f"\nfuzz: failed at input {inputs} of seed {seed} (MAILBOT_FUZZ_SEED)")
                raise
            inputs += 1
    finally:
        tracemalloc.stop()
    elapsed = time.monotonic() - started
    print(
        f"\nfuzz (time-boxed, seed {seed}): {inputs} inputs in {elapsed:.1f} s "
        f"({inputs / elapsed:.0f}/s), peak {peak / 1e6:.1f} MB, no findings"
    )
    assert inputs > 0
