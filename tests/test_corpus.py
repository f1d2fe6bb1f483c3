"""The registration corpus of issue 9 through the whole pipeline (`tests/corpus/`, SPEC §3–§10).

Every fixture is a registration mail as Swedish agencies write it, from the clients they use;
`tests/corpus/expected.toml` says what a careful human organiser expects of it, and
`tests/corpus/judge.py` runs it through `mailbot process` and judges it *exact*, *asked* or
*wrong*. No fixture may be wrong (a wrong booking is the worst thing mailbot can do), and at
least 95 % must be exact. The corpus is judged once per session, in two processes.

`python benchmarks/formats.py` prints the figures per form (README: "What a registration looks
like").
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))

import judge

CASES = judge.load()


@pytest.fixture(scope="module")
def verdicts() -> dict[str, judge.Verdict]:
    return {v.name: v for v in judge.judge_all(processes=2)}


@pytest.mark.parametrize("name", [c.name for c in CASES])
def test_no_corpus_mail_is_handled_wrong(verdicts: dict[str, judge.Verdict], name: str) -> None:
    verdict = verdicts[name]
    assert verdict.kind != "wrong", "\n".join(verdict.reasons)


def test_at_least_95_percent_of_the_corpus_is_handled_exactly(
    verdicts: dict[str, judge.Verdict],
) -> None:
    exact = sum(v.kind == "exact" for v in verdicts.values())
    assert exact >= 0.95 * len(verdicts), f"{exact} of {len(verdicts)} exact"
