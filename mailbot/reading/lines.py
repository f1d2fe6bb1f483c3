"""One person per line, between separators (SPEC §3).

Why its own reader: `Name; address; title`, tab- or comma-separated lines, `Name <address>`,
`"Name" <address>`, `Name (address)` in any order are how people paste from address books and
spreadsheets. Several `Name <address>` on one line are several people. A line that reads as a
sentence is left to the prose reader; list items, `Key:` lines and runs of tab-separated
lines (a table) to theirs.
"""

from __future__ import annotations

from collections.abc import Sequence

from mailbot.reading.addresses import locate
from mailbot.reading.found import Found, Unread
from mailbot.reading.keys import key_line
from mailbot.reading.lists import item_lines
from mailbot.reading.person import people
from mailbot.reading.tables import tab_runs


def separated_lines(lines: Sequence[str]) -> list[Found | Unread]:
    """Each person written on a line of its own (or several on one line), with an address."""
    read: list[Found | Unread] = []
    elsewhere = item_lines(lines) | {i for run in tab_runs(lines) for i in run}
    for index, line in enumerate(lines):
        if index in elsewhere or not locate(line) or key_line(line) is not None:
            continue
        found = people(line)
        if found is None:
            continue  # a sentence, or pairs that cannot be told apart: the prose reader's
        read.extend(
            Found("line", line.strip(), p.name, p.email, p.title)
            for p in found
            if p.email is not None
        )
    return read
