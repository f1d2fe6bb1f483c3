"""The participant list as files for the organiser: CSV and `.xlsx` (SPEC §7, §14).

Both are opened by a person in Excel or LibreOffice, and both hold text anyone could mail us
(a name, a title), so neither may turn a participant's text into a formula or a link: the CSV
prefixes such text with `'` (OWASP's advice against CSV injection), and the workbook stores every
text as a string cell, never parsed (XlsxWriter's `strings_to_formulas`, `strings_to_urls` and
`strings_to_numbers` off, and `write_string` only), with Excel's quote prefix on a text that
starts like a formula, so that editing the cell keeps it text too.

Pure: registrations in, bytes out. The workbook's creation time is an argument, so the same list
gives the same bytes (XlsxWriter fixes the zip members' times itself).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from mailbot.state import Registration

if TYPE_CHECKING:
    from xlsxwriter import Workbook
    from xlsxwriter.worksheet import Worksheet

STATUS_ORDER = ("confirmed", "waitlisted", "pending", "cancelled")

# Headers and status words in the organiser's language; the CSV's list separator is the one Excel
# expects in that locale (Swedish Excel splits on ";").
HEADERS = {
    "sv": (
        "Namn",
        "Befattning",
        "Organisation",
        "Aktör",
        "E-post",
        "Status",
        "Anmäld",
        "Anmäld av",
    ),
    "en": (
        "Name",
        "Title",
        "Organisation",
        "Actor",
        "Email",
        "Status",
        "Registered",
        "Registered by",
    ),
}
STATUS_WORDS = {
    "sv": {
        "confirmed": "bekräftad",
        "waitlisted": "väntelista",
        "pending": "väntar på beslut",
        "cancelled": "avanmäld",
    },
    "en": {
        "confirmed": "confirmed",
        "waitlisted": "waiting list",
        "pending": "awaiting decision",
        "cancelled": "cancelled",
    },
}
CSV_DELIMITER = {"sv": ";", "en": ","}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "yyyy-mm-dd hh:mm"
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Sheet:
    """One seminar's participants: a worksheet named `name`, times shown in `timezone`."""

    name: str
    timezone: str
    registrations: tuple[Registration, ...]


def report_order(r: Registration) -> tuple[int, str, dt.datetime, str]:
    """Confirmed first, then waitlisted, pending, cancelled; by actor, then first come."""
    rank = STATUS_ORDER.index(r.status) if r.status in STATUS_ORDER else len(STATUS_ORDER)
    return (rank, r.actor, r.registered_at, r.email_key)


def _texts(r: Registration, language: str) -> tuple[str, str, str, str, str, str]:
    status = STATUS_WORDS[language].get(r.status, r.status)
    return (r.name, r.title, r.organisation, r.actor, r.email, status)


def participants_csv(regs: Iterable[Registration], timezone: str, language: str) -> bytes:
    """One row per person, in UTF-8 with a byte-order mark so that Excel shows å, ä and ö."""
    zone = ZoneInfo(timezone)
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=CSV_DELIMITER[language], lineterminator="\r\n")
    writer.writerow(HEADERS[language])
    for r in sorted(regs, key=report_order):
        when = r.registered_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
        writer.writerow(
            [*(_csv_cell(t) for t in _texts(r, language)), when, _csv_cell(r.registered_by)]
        )
    return out.getvalue().encode("utf-8-sig")


def _csv_cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def participants_xlsx(sheets: Sequence[Sheet], language: str, created: dt.datetime) -> bytes:
    """A workbook with one worksheet per `Sheet`: the CSV's columns, registration times as real
    Excel dates in the seminar's local time, the header row bold and frozen, an autofilter, and
    columns sized to their content."""
    # Imported here: XlsxWriter takes ~0.3 s to import, and `mailbot status` (which imports `due`)
    # must start at once.
    import xlsxwriter

    out = io.BytesIO()
    options = {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    }
    with xlsxwriter.Workbook(out, options) as book:
        book.set_properties({"created": created.astimezone(dt.UTC).replace(tzinfo=None)})
        formats = _Formats(book)
        names: set[str] = set()
        for sheet in sheets or (Sheet("-", "UTC", ()),):
            name = _sheet_name(sheet.name, names)
            names.add(name.casefold())
            _write_sheet(book.add_worksheet(name), sheet, language, formats)
    return out.getvalue()


class _Formats:
    """The cell formats of one workbook (XlsxWriter formats belong to the workbook made them)."""

    def __init__(self, book: Workbook) -> None:
        self.header = book.add_format({"bold": True})
        self.text_like_formula = book.add_format({"quote_prefix": True})
        self.when = book.add_format({"num_format": DATE_FORMAT})


def _write_sheet(worksheet: Worksheet, sheet: Sheet, language: str, formats: _Formats) -> None:
    from_zone = ZoneInfo(sheet.timezone)
    headers = HEADERS[language]
    for col, header in enumerate(headers):
        worksheet.write_string(0, col, header, formats.header)
    rows = sorted(sheet.registrations, key=report_order)
    for row, r in enumerate(rows, start=1):
        texts = (*_texts(r, language), r.registered_by)
        for col, text in zip((0, 1, 2, 3, 4, 5, 7), texts, strict=True):
            fmt = formats.text_like_formula if text.startswith(FORMULA_START) else None
            worksheet.write_string(row, col, text, fmt)
        # Excel dates carry no zone: the wall time the organiser would read on a clock there.
        local = r.registered_at.astimezone(from_zone).replace(tzinfo=None)
        worksheet.write_datetime(row, 6, local, formats.when)
    worksheet.freeze_panes(1, 0)
    worksheet.autofilter(0, 0, max(len(rows), 1), len(headers) - 1)
    worksheet.autofit()
    # autofit measures a date by its number, not its format: give it room for "2022-09-01 10:00".
    worksheet.set_column(6, 6, max(len(headers[6]), len("2022-09-01 10:00")) + 2)


def _sheet_name(wanted: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of `[]:*?/\\`, unique ignoring case."""
    base = _SHEET_NAME_FORBIDDEN.sub("-", wanted).strip("'")[:31] or "-"
    name, n = base, 1
    while name.casefold() in taken:
        n += 1
        name = f"{base[: 31 - len(str(n)) - 1]}-{n}"
    return name
