"""Rewrites known_failing.toml from a run of tests/test_noise.py with no case marked.

Run from the repository root after the readers change (or after noise_build.py renumbered the corpus):
`.venv/bin/python tests/noise/record_known_failing.py`. It prints the counts per check, so the
commit that changes the list can say how many cases now pass. Never run it to hide a regression:
a number that leaves the list and comes back is a case that broke again.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHECKS = {
    "test_mail_that_is_not_a_registration_books_no_one": "books_no_one",
    "test_no_reply_goes_to_the_sender_and_nothing_but_a_note_to_the_organiser": "no_reply",
    "test_each_message_ends_as_a_careful_organiser_expects": "outcome",
    "test_with_a_trusted_server_what_it_does_not_vouch_for_is_ignored_unanswered": "strict",
    "test_a_bounce_of_mail_the_bot_did_not_send_marks_no_one_as_bouncing": "bounce",
}
HEADER = """\
# The noise cases today's code gets wrong, by the number that starts the file name, per check of
# tests/test_noise.py (written by record_known_failing.py). test_noise.py marks them xfail (not
# strict). Empty since issue 9's precise reading of questions (all 364 pass): a case that comes
# back here is a regression.
"""


def main() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/test_noise.py",
            "-q",
            "-rf",
            "-p",
            "no:cacheprovider",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "NOISE_NO_XFAIL": "1"},
        check=False,
    )
    failing: dict[str, list[int]] = {check: [] for check in CHECKS.values()}
    for match in re.finditer(r"^FAILED tests/test_noise\.py::(\w+)\[(\d{3})-", done.stdout, re.M):
        failing[CHECKS[match.group(1)]].append(int(match.group(2)))
    lines = [HEADER]
    for check, numbers in failing.items():
        lines.append(f"{check} = [")
        numbers.sort()
        for i in range(0, len(numbers), 16):
            lines.append("    " + ", ".join(map(str, numbers[i : i + 16])) + ",")
        lines.append("]")
        print(f"{check}: {len(numbers)} failing")
    (HERE / "known_failing.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(figures(failing))


def figures(failing: dict[str, list[int]]) -> str:
    """A Markdown table: per kind, how many messages pass each check (the README's figures)."""
    cases = tomllib.loads((HERE / "expected.toml").read_text("utf-8"))["message"]
    rows: dict[str, list[int]] = {}
    for case in cases:
        number = int(case["file"][:3])
        passed = [number not in failing[check] for check in CHECKS.values()]
        row = rows.setdefault(case["kind"], [0] * (len(passed) + 2))
        for i, ok in enumerate([True, *passed, all(passed)]):
            row[i] += ok
    head = ["kind", "messages", *CHECKS.values(), "all checks"]
    out = ["| " + " | ".join(head) + " |", "|---" + "|---:" * (len(head) - 1) + "|"]
    total = [sum(column) for column in zip(*rows.values(), strict=True)]
    for kind, row in [*rows.items(), ("all", total)]:
        out.append(f"| {kind} | " + " | ".join(map(str, row)) + " |")
    return "\n".join(out)


if __name__ == "__main__":
    main()
