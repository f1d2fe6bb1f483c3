"""Numbered and bulleted lists (SPEC §3): one person per item.

Why items: people list colleagues the way Word and Outlook let them, `1.`, `1)`, `-`, `*`, `•`,
and in plain text Outlook's own bullets (`·`, `o`, `§`, `Ø`, from the Symbol and Wingdings fonts).
An item may hold name, address and title in any order, and may go on on an indented line below.
An item that names someone without an address is asked about, never booked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Final

from mailbot.reading.addresses import addresses
from mailbot.reading.found import Found, Unread
from mailbot.reading.keys import key_line
from mailbot.reading.names import looks_like_name
from mailbot.reading.person import people
from mailbot.reading.reasons import reason

_ITEM: Final = re.compile(
    r"(?P<indent>[ \t\xa0]*)"
    r"(?P<mark>\(?\d{1,3}[.)]|[a-z]\)|[-*•·◦▪►–—§Ø\uf0b7\uf0a7]|o(?=[ \t\xa0]))"
    r"[ \t\xa0]+(?P<text>\S.*)"
)
# Items that speak of the sender ("Jag själv"): not a person to read here (see `intent`).
_SENDER_ITEM: Final = re.compile(
    r"(?:jag|mig|jag själv|mig själv|undertecknad|myself|me|i myself|me myself)[.!]?",
    re.IGNORECASE,
)


def is_item(line: str) -> bool:
    """The line starts a list item (`1.`, `2)`, `-`, `•`, Outlook's `·` or `o`)."""
    return _ITEM.fullmatch(line.rstrip()) is not None


def items(lines: Sequence[str]) -> Iterator[tuple[str, range]]:
    """The text of each item, its indented continuation lines joined by `; `, and the indexes
    of the lines it spans (so the line reader leaves them alone)."""
    current: list[str] = []
    start = 0
    for index, line in enumerate(lines):
        match = _ITEM.fullmatch(line.rstrip())
        if current and (match is not None or not _continues(line)):
            yield "; ".join(current), range(start, index)
            current = []
        if match is not None:
            current, start = [match["text"].strip()], index
        elif current:
            current.append(line.strip())
    if current:
        yield "; ".join(current), range(start, len(lines))


def item_lines(lines: Sequence[str]) -> frozenset[int]:
    """The indexes of the lines that belong to list items."""
    return frozenset(i for _, span in items(lines) for i in span)


def _continues(line: str) -> bool:
    """An indented line, or a line that is only an address, goes on with the item above."""
    stripped = line.strip()
    if not stripped:
        return False
    return line[:1] in (" ", "\t") or addresses(stripped) == [stripped.strip("<>()")]


def list_items(lines: Sequence[str]) -> list[Found | Unread]:
    """Each item that names a person: Found with the address written in it; Unread when it
    names someone without an address, or holds addresses that cannot be paired with names."""
    read: list[Found | Unread] = []
    for item, _ in items(lines):
        if key_line(item) is not None or _SENDER_ITEM.fullmatch(item.strip()):
            continue  # a key line belongs to a key block; "Jag själv" to the sender
        read.extend(_item(item))
    return read


def _item(item: str) -> list[Found | Unread]:
    found = people(item)
    if found is None:
        if addresses(item):
            return [Unread("list", item, reason("whose-address"))]
        name = _leading_name(item)
        return [] if name is None else [Unread("list", item, reason("no-address"), name)]
    result: list[Found | Unread] = []
    for person in found:
        if person.email is None:
            if person.name is not None and looks_like_name(person.name):
                result.append(Unread("list", item, reason("no-address"), person.name))
            continue
        result.append(Found("list", item, person.name, person.email, person.title))
    return result


def _leading_name(item: str) -> str | None:
    """`Kalle Karlsson kommer också` → `Kalle Karlsson`: the name an item opens with."""
    words = re.split(r"[\s,;:–—-]+", item.strip())
    for size in (4, 3, 2):
        if looks_like_name(" ".join(words[:size])):
            return " ".join(words[:size])
    return None
