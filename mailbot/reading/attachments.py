"""Attached spreadsheets as rows of cells, within limits that a zip or XML bomb cannot break.

SPEC §3: participants may come from an attached `.csv` or `.xlsx`; reading must be bounded in
size, decompressed size, rows, columns and time, and a file over a limit is refused with a
reason the organiser can read (the caller makes it `needs-info`), never an exception.

Why openpyxl (read-only) with defusedxml, not python-calamine (NOTES.md "Spreadsheets"):
calamine is fast but has no limit on decompressed size and builds the whole grid up to the
farthest cell, so one `XFD1048576` cell asks for billions of cells before any check of ours can
run. openpyxl's read-only mode streams the sheet row by row (rows and columns past our limits
are never built), parses with defusedxml when it is installed (entity declarations, the
"billion laughs", are refused) and lets us check the zip's directory first: the sum of the
members' `file_size` and their compression ratio are checked before any XML is parsed, and
`zipfile` stops a member at its declared size (a member that lies fails its CRC). `.ods` and
`.xls` are not read: the only well-kept reader of both is calamine, with the far-cell grid
above; the reason asks for `.xlsx` or `.csv` instead.

Pure: bytes in, values out. The only outside input is the monotonic clock, for the time limit.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import time
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Final

from defusedxml import DefusedXmlException

from mailbot.reading.reasons import Reason, reason

Rows = tuple[tuple[str, ...], ...]

_MIB: Final = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one attachment may cost. Registration lists are a few dozen rows; these leave a
    hundredfold margin and still bound memory to tens of MiB."""

    max_bytes: int = 5 * _MIB  # the attachment as sent (decoded from base64)
    max_unzipped: int = 30 * _MIB  # the sum of the zip members' declared sizes
    max_ratio: int = 150  # a member's declared size over its compressed size
    max_members: int = 500
    max_rows: int = 2000
    max_columns: int = 60
    max_sheets: int = 10
    max_cell_chars: int = 2000
    max_seconds: float = 5.0


LIMITS: Final = Limits()


@dataclass(frozen=True)
class Sheet:
    """One sheet (a CSV file is one sheet): rows of cell text, empty rows left out, every row
    as wide as the widest."""

    name: str
    rows: Rows


@dataclass(frozen=True)
class Refused:
    """An attachment that was not read, and why: a code with its figures (which limit, how
    far), that each reply's language words; `str(why)` is the journal's English."""

    filename: str
    why: Reason


class _OverLimit(Exception):
    """Raised inside the reader only; `read_spreadsheet` turns it into `Refused`."""

    def __init__(self, why: Reason) -> None:
        super().__init__(str(why))
        self.why = why


def read_spreadsheet(
    filename: str, data: bytes, limits: Limits = LIMITS, *, content_type: str = ""
) -> tuple[Sheet, ...] | Refused:
    """The sheets of an attached `.csv` or `.xlsx` (known by its name, else its content type),
    or why it was not read. Never raises."""
    kind = spreadsheet_kind(filename, content_type)
    if len(data) > limits.max_bytes:
        return Refused(filename, reason("too-large", mib=limits.max_bytes // _MIB))
    deadline = time.monotonic() + limits.max_seconds
    try:
        if kind == "csv":
            return (_csv_sheet(filename, data, limits, deadline),)
        if kind == "xlsx":
            return _xlsx_sheets(data, limits, deadline)
    except _OverLimit as over:
        return Refused(filename, over.why)
    except Exception as bad:  # a damaged file may fail anywhere inside the reader
        return Refused(filename, _why_unreadable(bad))
    return Refused(filename, reason("other-spreadsheet"))


def _why_unreadable(exc: BaseException) -> Reason:
    """The reason for the organiser; openpyxl wraps the parser's error in a ValueError."""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            break
        if isinstance(seen, DefusedXmlException) or "amplification" in str(seen):
            return reason("xml-bomb")
        seen = seen.__cause__ or seen.__context__
    if isinstance(exc, zipfile.BadZipFile):
        return reason("damaged")
    return reason("unreadable", error=type(exc).__name__)


_KINDS: Final = {
    ".csv": "csv",
    ".txt": None,
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".ods": "ods",
    ".xls": "xls",
}
_CONTENT_TYPES: Final = {
    "text/csv": "csv",
    "application/csv": "csv",
    "text/comma-separated-values": "csv",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.ms-excel.sheet.macroenabled.12": "xlsx",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.ms-excel": "xls",
}


def spreadsheet_kind(filename: str | None, content_type: str) -> str | None:
    """ "csv", "xlsx", "ods" or "xls" when the attachment is a spreadsheet by its name, else by
    its content type (clients send `.csv` as `application/vnd.ms-excel` or octet-stream, so
    the name wins when it has a known extension); None for anything else."""
    name = (filename or "").strip().lower()
    dot = name.rfind(".")
    if dot >= 0 and name[dot:] in _KINDS:
        return _KINDS[name[dot:]]
    return _CONTENT_TYPES.get(content_type.split(";")[0].strip().lower())


_FOR_INFORMATION: Final = re.compile(
    r"\bf[öo]r\s+(?:din\s+|er\s+)?k[äa]nnedom\b|\bfor\s+(?:your\s+)?information\b|\bfyi\b"
    r"|\bf[öo]r\s+info\b|\bendast\s+f[öo]r\s+information\b",
    re.IGNORECASE,
)
_ATTACHMENT_WORD: Final = re.compile(r"\bbifoga|\bbilaga|\battach|\benclos", re.IGNORECASE)
_SENTENCE_END: Final = re.compile(r"(?<=[.!?])\s+|\n")


def is_for_information(filename: str, text: str) -> bool:
    """True when the author's text says the attachment is for information only ("Programmet
    bifogas för kännedom", "attached for information"): a sentence with such a phrase names the
    file, or names an attachment while no other sentence points to an attached list."""
    stem = filename.rsplit(".", 1)[0].strip().lower()
    sentences = [part for part in _SENTENCE_END.split(text) if part.strip()]
    informing = [part for part in sentences if _FOR_INFORMATION.search(part)]
    if any(len(stem) >= 3 and stem in part.lower() for part in informing):
        return True
    if not any(_ATTACHMENT_WORD.search(part) for part in informing):
        return False
    others = (part for part in sentences if part not in informing)
    return not any(
        _ATTACHMENT_WORD.search(part) or (len(stem) >= 3 and stem in part.lower())
        for part in others
    )


def is_to_be_read(filename: str | None, content_type: str, text: str) -> bool:
    """Whether an attachment is read for participants (SPEC §3): a spreadsheet by name or
    content type, unless the author's text (subject and own lines) calls it for information."""
    if spreadsheet_kind(filename, content_type) is None:
        return False
    return not is_for_information(filename or "", text)


# A sentence that names an attached file, or hands something over as the mail's content ("Här är
# listan", "Please find …"); and the words for a list of people or a registration.
_NAMES_A_FILE: Final = re.compile(
    r"\b(?:bifoga|bilag[ad]|attach|enclos)\w*|\bi (?:filen|dokumentet|bilden|fotot)\b"
    r"|\bse (?:filen|dokumentet|bilden|fotot|blanketten)\b",
    re.IGNORECASE,
)
_HANDS_OVER: Final = re.compile(
    r"\bhär (?:är|kommer|har (?:du|ni)|får (?:du|ni)|skickar jag)\b|\bhere (?:is|are)\b"
    r"|\bhere['’]s\b|\bplease find\b|\bskickar (?:över )?(?:vår|min|listan|anmälan)",
    re.IGNORECASE,
)
# The people are in the mail's own text: "Bifogar programmet med våra deltagare nedan".
_IN_THE_TEXT: Final = re.compile(
    r"\b(?:nedan|nedanstående|härunder|below|i (?:mejlet|mailet|mailen|texten)|in (?:this|the) "
    r"(?:mail|e-?mail|message))\b",
    re.IGNORECASE,
)
_LIST_OF_PEOPLE: Final = re.compile(
    r"\bdeltagar\w*|\bdeltagare(?:n|na)?\b|\banmälan\b|\banmälningar(?:na)?\b"
    r"|\banmälnings(?:blankett|lista|formulär)\w*|\blist(?:a|an|or|orna)\b"
    r"|\bnamn(?:en|lista\w*)?\b|\bpersoner(?:na)?\b|\bkolleg(?:a|an|or|orna|er|erna)\b"
    r"|\bmedarbetar(?:e|na)\b|\bde som (?:kommer|deltar|ska|vill|åker|går)\b"
    r"|\bparticipants?\b|\battendees?\b|\bnames\b|\blist\b|\bregistrations?\b"
    r"|\bcolleagues\b|\b(?:registration|sign-?up) (?:form|sheet)\b",
    re.IGNORECASE,
)


def points_to_attached_list(text: str, *, people_read: bool) -> bool:
    """Whether the author's text (subject and own lines) says the participants are in an
    attached file: "Bifogar anmälan för våra deltagare", "Se bifogad anmälningsblankett med våra
    tre deltagare", "Please find attached the list of participants"; and, when the text itself
    names no one, a list handed over with no word for a file ("Här är listan på de som kommer
    från oss" above a photo). SPEC §3: such a mail, when its file cannot be read, is a question,
    never a self-registration of its sender. "Bifogar programmet", "Se bifogad fil", an
    attachment "för kännedom", and "Bifogar programmet med våra deltagare nedan" (the people
    are in the text) point to no list."""
    for sentence in _SENTENCE_END.split(text):
        if _FOR_INFORMATION.search(sentence) or _IN_THE_TEXT.search(sentence):
            continue
        if not _LIST_OF_PEOPLE.search(sentence):
            continue
        if any(not _attaches_other(sentence, m) for m in _NAMES_A_FILE.finditer(sentence)):
            return True
        if not people_read and _HANDS_OVER.search(sentence):
            return True
    return False


# What is attached when it is no list: "Anmälan med program bifogat", "Bifogar agendan".
_DOCUMENT: Final = re.compile(
    r"(?:program|agenda|inbjudan|protokoll|presentation|rapport|underlag|faktura|visitkort"
    r"|logga|logo|cv|schema|karta|vägbeskrivning|minnesanteckning|invitation|minutes|report"
    r"|slides|invoice|map)\w*",
    re.IGNORECASE,
)
# Words between a file word and what is attached: articles, possessives, "här", "härmed".
_FILLER: Final = re.compile(
    r"en|ett|den|det|de|vår|våra|vårt|min|mina|mitt|er|era|ert|här|härmed|också|även|jag|vi|nu"
    r"|gärna|med|i|the|a|an|our|my|here|also|please|find",
    re.IGNORECASE,
)
_AND: Final = re.compile(r"\s(?:och|samt|and|&)\s+(?:\w+\s+){0,2}?(\w+)", re.IGNORECASE)


def _next_word(words: list[str]) -> str:
    return next((w for w in words if not _FILLER.fullmatch(w)), "")


def _attaches_other(sentence: str, file_word: re.Match[str]) -> bool:
    """The word attached is a document that is no list ("Anmälan med program bifogat",
    "Bifogar programmet") and no list is attached beside it ("… agendan och listan")."""
    after = re.findall(r"[\w-]+", sentence[file_word.end() :])[:4]
    before = re.findall(r"[\w-]+", sentence[: file_word.start()])[-3:][::-1]
    near = [w for w in (_next_word(after), _next_word(before)) if w]
    if not any(_DOCUMENT.fullmatch(w) and not _LIST_OF_PEOPLE.fullmatch(w) for w in near):
        return False
    if any(_LIST_OF_PEOPLE.fullmatch(w) for w in near):
        return False
    return not any(_LIST_OF_PEOPLE.fullmatch(m[1]) for m in _AND.finditer(sentence))


def unread_list(filename: str | None, content_type: str) -> Refused:
    """Why a file that the text calls the list of participants was not read (not a
    spreadsheet: a Word file, a PDF, a photo of a list)."""
    what = (filename or "").strip() or content_type.split(";")[0].strip() or "the attachment"
    return Refused(what, reason("not-a-spreadsheet"))


# --------------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------------

_DELIMITERS: Final = ("\t", ";", ",")  # ties go to the earlier: a name may hold a comma
_SNIFF_LINES: Final = 30
_SEP_HINT: Final = re.compile(r"\s*sep=(?P<sep>[;,\t|])[ \t]*(?:\r\n|\n|\r|$)", re.IGNORECASE)


def _csv_sheet(filename: str, data: bytes, limits: Limits, deadline: float) -> Sheet:
    text = decoded_text(data)
    hint = _SEP_HINT.match(text)
    if hint:  # Excel's own "sep=;" first line says the delimiter and is no row
        text, delimiter = text[hint.end() :], hint["sep"]
    else:
        delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    rows = _bounded_rows(reader, limits, deadline)
    return Sheet(filename, rows)


def decoded_text(data: bytes) -> str:
    """UTF-16 when it starts with its BOM (Excel's "Unicode text"), UTF-8 with or without BOM
    when it decodes as such, else windows-1252 (Excel's "CSV" on a Swedish Windows)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def _delimiter(text: str) -> str:
    """The separator that splits the first lines into the same number (above one) of cells
    most often; csv.Sniffer guesses wrong on short files with commas inside names."""
    sample = [line for line in text.splitlines()[: _SNIFF_LINES * 2] if line.strip()]
    sample = sample[:_SNIFF_LINES]
    best, best_score = ",", 0
    for delimiter in _DELIMITERS:
        counts = [len(row) for row in csv.reader(sample, delimiter=delimiter, strict=False)]
        widths = [count for count in counts if count > 1]
        if not widths:
            continue
        mode = max(set(widths), key=widths.count)
        score = widths.count(mode) * 2 + len(widths)
        if score > best_score:
            best, best_score = delimiter, score
    return best


# --------------------------------------------------------------------------------------------
# XLSX
# --------------------------------------------------------------------------------------------


def _xlsx_sheets(data: bytes, limits: Limits, deadline: float) -> tuple[Sheet, ...]:
    # openpyxl (~17 MB and 245 modules with lxml) only once a spreadsheet is attached: most
    # mail has none, and `mailbot run` kept it for nothing (benchmarks/README.md, burst RSS)
    import openpyxl

    _check_zip(data, limits)
    book = openpyxl.load_workbook(
        io.BytesIO(data), read_only=True, data_only=True, keep_links=False
    )
    try:
        sheets: list[Sheet] = []
        for worksheet in book.worksheets[: limits.max_sheets]:
            if not hasattr(worksheet, "iter_rows"):
                continue  # a chart sheet
            _check_declared_size(worksheet, limits)
            values = worksheet.iter_rows(
                max_row=limits.max_rows + 1, max_col=limits.max_columns + 1, values_only=True
            )
            rows = _bounded_rows(values, limits, deadline)
            if rows:
                sheets.append(Sheet(str(worksheet.title), rows))
        return tuple(sheets)
    finally:
        book.close()


def _check_declared_size(worksheet: Any, limits: Limits) -> None:
    """The size the sheet declares (`<dimension ref="A1:XFD1048576">`): a far cell is refused
    by name rather than read past. A sheet that understates its size is still read only up to
    the limits, and a value in the first row or column past them is refused below."""
    from openpyxl.utils import get_column_letter  # loaded by `_xlsx_sheets` already

    rows, columns = worksheet.max_row or 0, worksheet.max_column or 0
    if rows > limits.max_rows or columns > limits.max_columns:
        far = f"{get_column_letter(min(max(columns, 1), 18278))}{rows}"
        raise _OverLimit(
            reason(
                "far-cell",
                sheet=str(worksheet.title),
                cell=far,
                rows=limits.max_rows,
                columns=limits.max_columns,
            )
        )


def _check_zip(data: bytes, limits: Limits) -> None:
    """The zip's own directory, before any member is inflated: how many members, how large
    they say they are, and how much they say they shrank."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        if len(members) > limits.max_members:
            raise _OverLimit(reason("too-many-parts", parts=limits.max_members))
        total = sum(member.file_size for member in members)
        if total > limits.max_unzipped:
            raise _OverLimit(reason("unzips-too-large", mib=limits.max_unzipped // _MIB))
        for member in members:
            if member.file_size > limits.max_ratio * max(member.compress_size, 1) + 4096:
                raise _OverLimit(reason("zip-bomb", ratio=limits.max_ratio))


# --------------------------------------------------------------------------------------------
# Rows and cells, whatever the reader
# --------------------------------------------------------------------------------------------


_BLANK_ROWS_FACTOR: Final = 5  # rows read, blank ones included, per row a list may have


def _bounded_rows(rows: Iterable[Iterable[object]], limits: Limits, deadline: float) -> Rows:
    """Rows of cell text, refusing when a limit is passed: a non-empty cell past the last
    column or a non-empty row past the last row, a very long cell, or the time."""
    kept: list[tuple[str, ...]] = []
    for index, row in enumerate(rows):
        if time.monotonic() > deadline:
            raise _OverLimit(reason("too-slow", seconds=limits.max_seconds))
        if index >= _BLANK_ROWS_FACTOR * limits.max_rows:
            # Empty rows cost time too: a million `;` lines is no list anyone wrote.
            raise _OverLimit(reason("too-many-rows", rows=limits.max_rows))
        cells = list(_cells(row, limits))
        while cells and not cells[-1]:
            cells.pop()
        if not cells:
            continue
        if index >= limits.max_rows:
            raise _OverLimit(reason("too-many-rows", rows=limits.max_rows))
        if len(cells) > limits.max_columns:
            raise _OverLimit(reason("too-many-columns", columns=limits.max_columns))
        kept.append(tuple(cells))
    width = max((len(row) for row in kept), default=0)
    return tuple(row + ("",) * (width - len(row)) for row in kept)


def _cells(row: Iterable[object], limits: Limits) -> Iterator[str]:
    for column, value in enumerate(row):
        if column > limits.max_columns:
            if value not in (None, ""):
                raise _OverLimit(reason("too-many-columns", columns=limits.max_columns))
            continue
        text = cell_text(value)
        if len(text) > limits.max_cell_chars:
            raise _OverLimit(reason("long-cell", chars=limits.max_cell_chars))
        yield text


def cell_text(value: object) -> str:
    """A cell as the sheet shows it: whole numbers without `.0` (phone numbers are often typed
    as numbers), dates as ISO dates, text with its blanks trimmed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).replace("\xa0", " ").split())
