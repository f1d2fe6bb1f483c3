"""How well mailbot reads registrations as people write them: the corpus of issue 9.

    python benchmarks/formats.py [--processes N] [--only NAME ...] [--json]

Runs every fixture of `tests/corpus/` through `mailbot process` (see `tests/corpus/judge.py`)
and prints, per form of writing (key-block, list, line, table, attachment, prose, sender, none)
and in total, how many were handled *exact*, *asked* or *wrong*, then each wrong one with why.
Target (issue 9): 0 wrong, at least 95 % exact.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "corpus"))

import judge  # noqa: E402

KINDS = ("exact", "asked", "wrong")


def report(verdicts: list[judge.Verdict], seconds: float) -> str:
    forms = sorted({v.form for v in verdicts})
    by_form: dict[str, Counter[str]] = {f: Counter() for f in forms}
    for v in verdicts:
        by_form[v.form][v.kind] += 1
    total: Counter[str] = Counter(v.kind for v in verdicts)
    lines = [f"{'form':<12}{'cases':>6}{'exact':>7}{'asked':>7}{'wrong':>7}"]
    for f in forms:
        c = by_form[f]
        lines.append(f"{f:<12}{sum(c.values()):>6}" + "".join(f"{c[k]:>7}" for k in KINDS))
    n = len(verdicts)
    lines.append(f"{'total':<12}{n:>6}" + "".join(f"{total[k]:>7}" for k in KINDS))
    if n:
        lines.append(
            f"exact {100 * total['exact'] / n:.1f} %, asked {100 * total['asked'] / n:.1f} %, "
            f"wrong {100 * total['wrong'] / n:.1f} %  ({seconds:.1f} s)"
        )
    for kind in ("wrong", "asked"):
        chosen = [v for v in verdicts if v.kind == kind]
        if chosen:
            lines += ["", f"{kind}:"]
            for v in chosen:
                lines.append(f"  {v.name} [{v.form}]")
                lines += [f"      - {r}" for r in v.reasons]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--processes", type=int, default=None, help="worker processes")
    parser.add_argument("--only", nargs="*", help="judge only these cases")
    parser.add_argument("--json", action="store_true", help="print the verdicts as JSON")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    verdicts = judge.judge_all(args.only, args.processes)
    seconds = time.perf_counter() - start
    if args.json:
        print(json.dumps([v.__dict__ for v in verdicts], ensure_ascii=False, indent=2))
    else:
        print(report(verdicts, seconds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
