"""Spreadsheet files made the way spreadsheet programs make them, and the bombs a hostile
sender could attach. Shared by tests/reading/test_attachments.py and
benchmarks/attachment_limits.py."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

import openpyxl
import xlsxwriter

SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def xlsx_with_openpyxl(rows: list[list[object]], far: str | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Anmälan"
    for row in rows:
        sheet.append(row)
    if far:
        sheet[far] = "x"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_with_xlsxwriter(rows: Sequence[Sequence[object]]) -> bytes:
    out = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": True}
    book = xlsxwriter.Workbook(out, options)
    sheet = book.add_worksheet("Deltagare")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.close()
    return out.getvalue()


def zip_bomb(mebibytes: int = 200) -> bytes:
    """An .xlsx-shaped zip whose sheet inflates to `mebibytes` of zeros (about 1000:1)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(mebibytes):
                member.write(chunk)
    return out.getvalue()


def ratio_bomb() -> bytes:
    """Under the total size limit, but one part shrank far more than any real sheet does."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b" " * (10 << 20))
    return out.getvalue()


def billion_laughs(root: str) -> bytes:
    """`root` with "LOL" standing for 10^9 "lol"s, declared in the document's DTD."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    return (
        head + "<!DOCTYPE lolz [" + "".join(entities) + "]>\n" + root.replace("LOL", "&lol9;")
    ).encode()


def with_replaced_member(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            body = content if item.filename == name else source.read(item.filename)
            target.writestr(item.filename, body)
    return out.getvalue()


def laughing_xlsx() -> dict[str, bytes]:
    """A real list whose workbook, sheet or shared strings each carry a billion laughs."""
    good = xlsx_with_xlsxwriter([["Namn", "E-post"], ["Anna", "anna@lund.se"]])
    book = billion_laughs(
        f'<workbook xmlns="{SHEET_NS}" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
        '<sheet name="LOL" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    sheet = billion_laughs(
        f'<worksheet xmlns="{SHEET_NS}"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>LOL</t></is></c></row></sheetData></worksheet>'
    )
    strings = billion_laughs(
        f'<sst xmlns="{SHEET_NS}" count="1" uniqueCount="1"><si><t>LOL</t></si></sst>'
    )
    return {
        member: with_replaced_member(good, member, bomb)
        for member, bomb in (
            ("xl/workbook.xml", book),
            ("xl/worksheets/sheet1.xml", sheet),
            ("xl/sharedStrings.xml", strings),
        )
    }
