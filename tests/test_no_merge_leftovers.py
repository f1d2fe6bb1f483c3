"""No tracked file holds what a half-finished merge leaves behind.

Several engineers merge into one main; a conflict resolved in the code but not in a README once
landed with its markers (benchmarks/README.md, 2026-12-02). Git itself does not refuse them.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The three lines git writes around a conflict, each alone on its line, as `git merge` writes them.
NEWLINE = b"\n"
MARKER = re.compile(rb"^(?:<{7}|>{7})(?: .*)?$|^={7}$", re.MULTILINE)


def tracked_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    return [ROOT / name for name in listed.decode().split("\0") if name]


def test_the_marker_pattern_finds_a_conflict_and_not_a_rule_of_equals_signs() -> None:
    conflict = b"text\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> main\n"
    assert len(MARKER.findall(conflict)) == 3
    assert not MARKER.findall(b"Title\n========\n\n=== not a marker ===\n")


def test_no_tracked_file_holds_a_merge_conflict_marker() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{data.count(NEWLINE, 0, m.start()) + 1}"
        for path in tracked_files()
        if path.is_file()
        for data in [path.read_bytes()]
        for m in MARKER.finditer(data)
    ]
    assert not found, f"merge conflict markers left in: {found}"
