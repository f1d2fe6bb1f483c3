"""One person per line, between separators (SPEC §3).

Why its own reader: `Name; address; title`, tab- or comma-separated lines, `Name <address>`,
`"Name" <address>`, `Name (address)` in any order are how people paste from address books and
spreadsheets. Several `Name <address>` on one line are several people. A line that reads as a
sentence, or goes on with the sentence wrapped above it, is left to the prose reader; list
items, `Key:` lines and runs of tab-separated lines (a table) to theirs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from mailbot.reading.addresses import locate
from mailbot.reading.found import Found, Unread
from mailbot.reading.keys import awaits_value, key_line
from mailbot.reading.lists import item_lines
from mailbot.reading.person import Person, people
from mailbot.reading.tables import tab_runs

_SENTENCE_END: Final = (".", "!", "?", ":", ";", ",")


def _wraps_into(previous: str, line: str) -> bool:
    """The line goes on with a sentence wrapped above it ("…min kollega Kalle" /
    "Karlsson (kalle@lund.se)."): the line above is text with no address, no key, and no end."""
    previous = previous.strip()
    return bool(
        previous
        and not previous.endswith(_SENTENCE_END)
        and not locate(previous)
        and key_line(previous) is None
        and line[:1] not in ("\t",)
    )


def people_lines(lines: Sequence[str]) -> dict[int, list[Person]]:
    """The lines this reader reads, by index, with the people on each."""
    elsewhere = item_lines(lines) | {i for run in tab_runs(lines) for i in run}
    read: dict[int, list[Person]] = {}
    for index, line in enumerate(lines):
        if index in elsewhere or not locate(line) or key_line(line) is not None:
            continue
        if index > 0 and (_wraps_into(lines[index - 1], line) or awaits_value(lines[index - 1])):
            continue
        found = people(line)
        if found is not None:  # else a sentence, or pairs that cannot be told apart: prose's
            read[index] = [p for p in found if p.email is not None]
    return read


def separated_lines(lines: Sequence[str]) -> list[Found | Unread]:
    """Each person written on a line of its own (or several on one line), with an address."""
    return [
        Found("line", lines[index].strip(), p.name, p.email, p.title)
        for index, found in people_lines(lines).items()
        for p in found
    ]
