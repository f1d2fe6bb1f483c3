"""Every reading `parsing.read` makes, written down, so that a change meant to make reading
faster can be shown to read every mail exactly as before.

    python benchmarks/readings.py --write before.json    # on the code before the change
    python benchmarks/readings.py --compare before.json  # on the code after it

The mails: every `.eml` under `tests/` (the fixtures, the corpus of `formats.py`, the noise
corpus) and the mails `common.generate` makes (seed 1, n 2,000 by default; the run id in their
Message-IDs, which changes at each call, is replaced by a fixed one). For each mail, each field
of the `Email` that `parsing.read` returns is written as its `repr` (the nested values —
participants, unclear lines, cancellations, swaps, the forward — are frozen dataclasses, so
their `repr` holds every field of theirs too). `--compare` lists every field that differs.

With `--decisions`, the generated mails also go through `pipeline.handle_batch` (20 to a
transaction, as `mailbot run` hands them) on a fresh store with `core.py`'s config and seats,
and each message's outcomes (outcome, rule, participant, reason) and the kinds and recipients of
the mails it queued are written and compared the same way.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
import tempfile
from pathlib import Path

import common
import core

from mailbot import parsing, pipeline
from mailbot.store import Store

TESTS = Path(__file__).resolve().parent.parent / "tests"
RUN_ID = re.compile(rb"<bench-[^>]*?-(\d+)@")


def mails(n: int, seed: int) -> dict[str, bytes]:
    """Name → raw bytes of every mail compared."""
    out = {str(path.relative_to(TESTS)): path.read_bytes() for path in sorted(TESTS.rglob("*.eml"))}
    for i, message in enumerate(common.generate(n, seed)):
        out[f"generated/{seed}/{i}"] = RUN_ID.sub(rb"<bench-fixed-\1@", message.raw)
    return out


def reading(raw: bytes) -> dict[str, str]:
    """Field name → repr of that field of `parsing.read(raw)`."""
    email = parsing.read(raw)
    return {f.name: repr(getattr(email, f.name)) for f in dataclasses.fields(email)}


def decisions(n: int, seed: int) -> dict[str, dict[str, str]]:
    """Name → the outcomes and queued mails of each generated message, as `mailbot run` decides
    them 20 to a transaction."""
    out: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as directory:
        cfg, messages = core.setup(Path(directory), n, seed)
        with Store(cfg.bot.database) as store:
            for start in range(0, len(messages), 20):
                chunk = messages[start : start + 20]
                items = [pipeline.Incoming(m.raw, m.received_at) for m in chunk]
                now = max(m.received_at for m in chunk)
                results = pipeline.handle_batch(store, cfg, items, now=now)
                for i, result in enumerate(results, start):
                    out[f"decision/{seed}/{i}"] = {"outcomes": repr(result.outcomes)}
            rows = store.conn.execute(
                "SELECT source_message, kind, to_json, cc_json, subject FROM outbox ORDER BY id"
            ).fetchall()
    queued: dict[int, list[str]] = {}
    for source, *mail in rows:  # messages are stored in order: row id = index + 1
        queued.setdefault(source, []).append(" ".join(map(str, mail)))
    for index, fields in enumerate(out.values(), 1):
        fields["queued"] = repr(queued.get(index, []))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--write", type=Path, help="write the readings to this JSON file")
    what.add_argument("--compare", type=Path, help="compare the readings with this JSON file")
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--decisions", action="store_true", help="also compare the decisions")
    args = parser.parse_args()
    readings = {name: reading(raw) for name, raw in mails(args.n, args.seed).items()}
    if args.decisions:
        readings.update(decisions(args.n, args.seed))
    fields = sum(len(r) for r in readings.values())
    if args.write:
        args.write.write_text(json.dumps(readings, ensure_ascii=False, indent=0, sort_keys=True))
        print(f"{len(readings)} mails, {fields} fields written to {args.write}")
        return 0
    before = json.loads(args.compare.read_text())
    differ = 0
    for name in sorted(set(before) | set(readings)):
        old, new = before.get(name), readings.get(name)
        if old is None or new is None:
            differ += 1
            print(f"{name}: only {'after' if old is None else 'before'}")
            continue
        for key in sorted(set(old) | set(new)):
            if old.get(key) != new.get(key):
                differ += 1
                print(f"{name} {key}:\n  before {old.get(key)}\n  after  {new.get(key)}")
    print(f"{len(readings)} mails, {fields} fields compared: {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
