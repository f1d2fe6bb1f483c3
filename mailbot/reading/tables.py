"""Tables (SPEC §3): HTML tables (Excel pasted into Outlook), tab-separated rows, and the rows
of attached spreadsheets.

Why one reader for all three: each is rows of cells, and people head them the same way. The
header row says which column is which (§3's key words, `Förnamn`/`Efternamn` columns); without
one, the column of addresses is found by content and the name by what is left. A two-column
table whose first column holds keys is a key block laid out as a table.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Final

from mailbot.reading.addresses import addresses
from mailbot.reading.found import Found, Source, Unread
from mailbot.reading.key_blocks import key_blocks
from mailbot.reading.keys import Field, key
from mailbot.reading.lists import is_item
from mailbot.reading.names import (
    is_name_word,
    looks_like_name,
    split_title,
    title_before,
    turned_round,
)
from mailbot.reading.reasons import reason

_PEOPLE_FIELDS: Final = frozenset({"name", "first-name", "last-name", "name-and-title", "email"})
_HEADER_SEARCH: Final = 5  # a title and a few lines may stand above a spreadsheet's header


def table(rows: Sequence[Sequence[str]], source: Source = "table") -> list[Found | Unread]:
    """The people of a table: Found for each row with an address, Unread for a row that names
    someone without one or with several addresses."""
    cells = [[" ".join(str(c).split()) for c in row] for row in rows]
    if _is_key_table(cells):
        lines = [
            f"{row[0].rstrip(' :')}: {row[1] if len(row) > 1 else ''}" if any(row) else ""
            for row in cells
        ]
        return [dataclasses.replace(r, source=source) for r in key_blocks(lines)]
    cells = [row for row in cells if any(row)]
    for index, row in enumerate(cells[:_HEADER_SEARCH]):
        columns = _header(row)
        if columns is not None:
            body = cells[index + 1 :]
            if "email" not in columns.values():
                found = _address_column(body)
                if found is not None and found not in columns:
                    columns[found] = "email"
            return [r for row in body if (r := _row(row, columns, source)) is not None]
    return _without_header(cells, source)


def _is_key_table(cells: list[list[str]]) -> bool:
    """Two columns, the first holding keys (`Namn`, `E-post`) and the second their values, on
    at least two rows and half of them; a row of two keys is a header, not a key table."""
    filled = [row for row in cells if any(row)]
    if not filled or any(sum(1 for c in row if c) > 2 for row in filled):
        return False
    keyed = [
        known
        for row in filled
        if (known := key(row[0]) if row[0] else None) is not None
        and not (len(row) > 1 and row[1] and key(row[1]) is not None)
    ]
    people = [k for k in keyed if k.field in _PEOPLE_FIELDS]
    return len(keyed) >= 2 and bool(people) and 2 * len(keyed) >= len(filled)


def _header(row: Sequence[str]) -> dict[int, Field] | None:
    """Column index → field, when the row is a header: it names a name or address column and
    holds no address itself."""
    if any(addresses(cell) for cell in row):
        return None
    columns: dict[int, Field] = {}
    for index, cell in enumerate(row):
        known = key(cell) if cell else None
        if known is not None and known.field not in columns.values():
            columns[index] = known.field
    return columns if _PEOPLE_FIELDS & set(columns.values()) else None


def _cell(row: Sequence[str], columns: dict[int, Field], wanted: Field) -> str | None:
    for index, name in columns.items():
        if name == wanted and index < len(row) and row[index]:
            return row[index]
    return None


def _row(row: Sequence[str], columns: dict[int, Field], source: Source) -> Found | Unread | None:
    line = "\t".join(row)
    name, title = _row_name(row, columns)
    title = _cell(row, columns, "title") or title
    written = _cell(row, columns, "email")
    found = addresses(written) if written else []
    if len(found) > 1:
        return Unread(source, line, reason("several-addresses"), name)
    email = found[0] if found else (written if written and "@" in written else None)
    if email is None:
        return Unread(source, line, reason("no-address"), name) if name else None
    before = None
    if name:
        name, before = title_before(turned_round(name, email), email)
    return Found(
        source,
        line,
        name=name or None,
        email=email,
        title=title or before,
        organisation=_cell(row, columns, "organisation"),
        seminar=_cell(row, columns, "seminar"),
        replaces=_cell(row, columns, "replaces"),
        notes=_cell(row, columns, "notes"),
    )


def _row_name(row: Sequence[str], columns: dict[int, Field]) -> tuple[str | None, str | None]:
    written = _cell(row, columns, "name") or _cell(row, columns, "name-and-title")
    if written is not None:
        return split_title(written)
    parts = [p for f in ("first-name", "last-name") if (p := _cell(row, columns, f))]
    return (" ".join(parts), None) if parts else (None, None)


def _address_column(rows: list[list[str]]) -> int | None:
    """The column where most filled cells hold an address (at least half of the rows)."""
    width = max((len(row) for row in rows), default=0)
    counts = [sum(1 for row in rows if i < len(row) and addresses(row[i])) for i in range(width)]
    best = max(range(width), key=lambda i: counts[i], default=None)
    if best is None or 2 * counts[best] < len(rows) or counts[best] == 0:
        return None
    return best


def _without_header(cells: list[list[str]], source: Source) -> list[Found | Unread]:
    """No header row: the address column by content, the name column by what is left (a column
    of names, or two columns of single name words: first and last name)."""
    address_at = _address_column(cells)
    if address_at is None:
        return [
            Unread(source, "\t".join(row), reason("no-address"), name)
            for row in cells
            if (name := next((c for c in row if looks_like_name(c)), None)) is not None
        ]
    columns: dict[int, Field] = {address_at: "email"}
    columns.update(_name_columns(cells, address_at))
    return [r for row in cells if (r := _row(row, columns, source)) is not None]


def _share(cells: list[list[str]], index: int, test: object) -> float:
    filled = [row[index] for row in cells if index < len(row) and row[index]]
    if not filled or not callable(test):
        return 0.0
    return sum(1 for cell in filled if test(cell)) / len(cells)


def _name_columns(cells: list[list[str]], address_at: int) -> dict[int, Field]:
    width = max(len(row) for row in cells)
    others = [i for i in range(width) if i != address_at]
    names = [
        i for i in others if _share(cells, i, lambda c: looks_like_name(split_title(c)[0])) > 0.5
    ]
    if names:
        return {names[0]: "name"}
    words = [i for i in others if _share(cells, i, is_name_word) > 0.5]
    if len(words) >= 2 and words[1] == words[0] + 1:
        return {words[0]: "first-name", words[1]: "last-name"}
    return {}


def tab_runs(lines: Sequence[str]) -> list[range]:
    """Runs of two or more consecutive lines with tabs: tables pasted as text (or an HTML table
    turned into tab-joined lines), to be read by `table`."""
    runs: list[range] = []
    start: int | None = None
    for index, line in enumerate([*lines, ""]):
        if "\t" in line.strip(" ") and not is_item(line):  # a list item is the list's
            start = index if start is None else start
            continue
        if start is not None and index - start >= 2:
            runs.append(range(start, index))
        start = None
    return runs


def tab_separated(lines: Sequence[str]) -> list[Found | Unread]:
    """The people of each tab-separated run of lines, read as a table."""
    read: list[Found | Unread] = []
    for run in tab_runs(lines):
        read.extend(table([lines[i].strip(" ").split("\t") for i in run]))
    return read
