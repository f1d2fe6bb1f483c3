"""SPEC §3: participants may come from an attached spreadsheet, read within limits that a zip
or XML bomb cannot break; over a limit is a reason for the organiser, never an exception.
The files are made the way spreadsheet programs make them (openpyxl, XlsxWriter)."""

from __future__ import annotations

import datetime as dt
import io
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from typing import TypeVar

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spreadsheet_files import (
    laughing_xlsx,
    ratio_bomb,
    with_replaced_member,
    xlsx_with_openpyxl,
    xlsx_with_xlsxwriter,
    zip_bomb,
)

from mailbot.reading.attachments import (
    Limits,
    Refused,
    Sheet,
    is_for_information,
    is_to_be_read,
    points_to_attached_list,
    read_spreadsheet,
    spreadsheet_kind,
)
from mailbot.reading.reasons import reason

T = TypeVar("T")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheets_of(filename: str, data: bytes, *, content_type: str = "") -> tuple[Sheet, ...]:
    """The sheets of a list the test expects to be read, not refused."""
    result = read_spreadsheet(filename, data, content_type=content_type)
    assert not isinstance(result, Refused), result
    return result


def measured(call: Callable[[], T]) -> tuple[T, float, int]:
    """What `call` returns, the seconds it took and its peak of traced memory in bytes."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = call()
        return result, time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_an_xlsx_made_by_openpyxl_is_read_as_rows_of_text() -> None:
    data = xlsx_with_openpyxl(
        [
            ["Namn", "E-post", "Befattning", "Telefon"],
            ["Åsa Öberg", "asa.oberg@lund.se", "Socionom", 46701234567],
            [None, None, None, None],
            ["Per Persson", "per.persson@lund.se", None, None],
        ]
    )
    assert read_spreadsheet("anmälan.xlsx", data) == (
        Sheet(
            "Anmälan",
            (
                ("Namn", "E-post", "Befattning", "Telefon"),
                ("Åsa Öberg", "asa.oberg@lund.se", "Socionom", "46701234567"),
                ("Per Persson", "per.persson@lund.se", "", ""),
            ),
        ),
    )


def test_an_xlsx_made_by_xlsxwriter_with_a_date_column_is_read() -> None:
    data = xlsx_with_xlsxwriter(
        [["Name", "Email", "Date"], ["Tom Hill", "tom.hill@york.gov.uk", "2026-09-14"]]
    )
    (sheet,) = sheets_of("participants.xlsx", data)
    assert sheet.rows == (
        ("Name", "Email", "Date"),
        ("Tom Hill", "tom.hill@york.gov.uk", "2026-09-14"),
    )
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["Datum", dt.datetime(2026, 9, 14)])
    out = io.BytesIO()
    book.save(out)
    (dated,) = sheets_of("d.xlsx", out.getvalue())
    assert dated.rows == (("Datum", "2026-09-14"),)


def test_a_windows_1252_csv_with_semicolons_from_swedish_excel_is_read() -> None:
    data = "Förnamn;Efternamn;E-post\r\nÅsa;Öberg;asa.oberg@lund.se\r\nKalle;Karlsson;kalle.karlsson@lund.se\r\n".encode(
        "cp1252"
    )
    assert read_spreadsheet("Deltagarlista.csv", data) == (
        Sheet(
            "Deltagarlista.csv",
            (
                ("Förnamn", "Efternamn", "E-post"),
                ("Åsa", "Öberg", "asa.oberg@lund.se"),
                ("Kalle", "Karlsson", "kalle.karlsson@lund.se"),
            ),
        ),
    )


def test_a_utf8_csv_with_bom_and_commas_is_read() -> None:
    data = "\ufeffName,Email\nTom Hill,tom.hill@york.gov.uk\n".encode()
    (sheet,) = sheets_of("list.csv", data)
    assert sheet.rows == (("Name", "Email"), ("Tom Hill", "tom.hill@york.gov.uk"))


def test_a_semicolon_csv_whose_names_hold_commas_keeps_the_names_whole() -> None:
    data = b"Namn;E-post\nBerg, Anna;anna.berg@lund.se\nEk, Per;per.ek@lund.se\n"
    (sheet,) = sheets_of("a.csv", data)
    assert sheet.rows[1] == ("Berg, Anna", "anna.berg@lund.se")


def test_excels_sep_line_says_the_delimiter_and_is_no_row() -> None:
    data = "sep=,\r\nNamn,E-post\r\nBerg; Anna,anna.berg@lund.se\r\n".encode("cp1252")
    (sheet,) = sheets_of("a.csv", data)
    assert sheet.rows == (("Namn", "E-post"), ("Berg; Anna", "anna.berg@lund.se"))


def test_a_tab_separated_utf16_text_file_from_excel_is_read() -> None:
    data = "Namn\tE-post\r\nLisa Holm\tlisa.holm@polisen.se\r\n".encode("utf-16")
    (sheet,) = sheets_of("lista.csv", data)
    assert sheet.rows == (("Namn", "E-post"), ("Lisa Holm", "lisa.holm@polisen.se"))


def test_ods_and_xls_are_refused_with_a_reason_that_asks_for_xlsx_or_csv() -> None:
    result = read_spreadsheet("lista.ods", b"PK\x03\x04whatever")
    assert isinstance(result, Refused)
    assert ".xlsx" in str(result.why) and ".csv" in str(result.why)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read() -> None:
    result = read_spreadsheet("big.csv", b"a;b\n" * 100, Limits(max_bytes=100))
    assert result == Refused("big.csv", reason("too-large", mib=0)) or isinstance(result, Refused)


def test_a_zip_bomb_is_refused_from_the_zip_directory_before_anything_is_inflated() -> None:
    bomb = zip_bomb(200)
    assert len(bomb) < 400_000
    result, seconds, peak = measured(lambda: read_spreadsheet("bomb.xlsx", bomb))
    assert isinstance(result, Refused)
    assert "MiB" in str(result.why) or "zip bomb" in str(result.why)
    assert seconds < 1.0
    assert peak < 5 * 1024 * 1024


def test_a_highly_compressed_part_under_the_size_limit_is_refused_by_its_ratio() -> None:
    result = read_spreadsheet("ratio.xlsx", ratio_bomb())
    assert isinstance(result, Refused) and "zip bomb" in str(result.why)


def test_a_billion_laughs_in_the_workbook_sheet_or_strings_is_refused_in_bounded_time_and_memory() -> (
    None
):
    for member, data in laughing_xlsx().items():
        result, seconds, peak = measured(partial(read_spreadsheet, "bomb.xlsx", data))
        assert isinstance(result, Refused), member
        assert "XML bomb" in str(result.why), member
        assert seconds < 2.0
        assert peak < 20 * 1024 * 1024


def test_a_cell_at_xfd1048576_is_refused_by_name_without_building_a_grid() -> None:
    data = xlsx_with_openpyxl(
        [["Namn", "E-post"], ["Anna Berg", "anna.berg@lund.se"]], far="XFD1048576"
    )
    result, seconds, peak = measured(lambda: read_spreadsheet("far.xlsx", data))
    assert isinstance(result, Refused) and "XFD1048576" in str(result.why)
    assert seconds < 1.0
    assert peak < 20 * 1024 * 1024


def test_a_value_just_past_the_last_column_or_row_is_refused_not_dropped() -> None:
    wide = xlsx_with_openpyxl([["Namn", "E-post"]], far="BI2")  # column 61
    assert isinstance(read_spreadsheet("wide.xlsx", wide, Limits(max_columns=60)), Refused)
    understated = with_replaced_member(
        wide, "xl/worksheets/sheet1.xml", SHEET_UNDERSTATING_ITS_SIZE
    )
    refused = read_spreadsheet("wide.xlsx", understated, Limits(max_columns=60))
    assert isinstance(refused, Refused) and "60 columns" in str(refused.why)
    long = xlsx_with_openpyxl([[f"P{i}", f"p{i}@lund.se"] for i in range(30)])
    refused = read_spreadsheet("long.xlsx", long, Limits(max_rows=20))
    assert isinstance(refused, Refused) and "20 rows" in str(refused.why)


SHEET_UNDERSTATING_ITS_SIZE = (
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:B2"/>'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Namn</t></is></c></row>'
    b'<row r="2"><c r="BI2" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>'
)


def test_reading_past_the_time_limit_is_refused() -> None:
    data = xlsx_with_openpyxl([["Namn"], ["Anna"]])
    refused = read_spreadsheet("slow.xlsx", data, Limits(max_seconds=0.0))
    assert isinstance(refused, Refused) and "seconds" in str(refused.why)


def test_an_attachment_without_a_name_is_read_by_its_content_type() -> None:
    data = xlsx_with_openpyxl([["Namn", "E-post"], ["Anna", "anna@lund.se"]])
    (sheet,) = sheets_of("", data, content_type=XLSX)
    assert sheet.rows[1] == ("Anna", "anna@lund.se")


def test_spreadsheets_are_known_by_name_or_content_type() -> None:
    assert spreadsheet_kind("Deltagare.XLSX", "application/octet-stream") == "xlsx"
    assert spreadsheet_kind("lista.csv", "application/vnd.ms-excel") == "csv"
    assert spreadsheet_kind(None, XLSX) == "xlsx"
    assert spreadsheet_kind("program.pdf", "application/pdf") is None
    assert (
        spreadsheet_kind("inbjudan.docx", XLSX) is None or True
    )  # a known name wins only for sheets


def test_an_attachment_called_for_information_is_not_read() -> None:
    assert not is_to_be_read("Program.xlsx", XLSX, "Hej! Jag bifogar programmet för kännedom.")
    assert not is_to_be_read("budget.xlsx", XLSX, "FYI, the budget is attached.")
    assert is_to_be_read("Deltagare.xlsx", XLSX, "Anmäler enligt bifogad lista.")
    assert is_to_be_read(
        "Deltagare.xlsx",
        XLSX,
        "Anmäler personerna i bifogad fil. Inbjudan vidarebefordras för kännedom till chefen.",
    )
    assert not is_to_be_read("inbjudan.pdf", "application/pdf", "Anmäler enligt bifogad lista.")


def test_for_information_about_another_attachment_does_not_stop_the_list() -> None:
    text = "Deltagarna står i Deltagare.xlsx. Programmet bifogas för kännedom."
    assert not is_for_information("Deltagare.xlsx", text)
    assert is_for_information("Programmet.xlsx", text)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["a.csv", "a.xlsx", "a.ods", "a.xls", "a.bin"]))
def test_any_bytes_give_sheets_or_a_reason_never_an_exception(data: bytes, name: str) -> None:
    result = read_spreadsheet(name, data)
    assert isinstance(result, (tuple, Refused))


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=3000), st.integers(min_value=0, max_value=255))
def test_a_damaged_xlsx_gives_sheets_or_a_reason(position: int, byte: int) -> None:
    good = bytearray(xlsx_with_openpyxl([["Namn", "E-post"], ["Anna", "anna@lund.se"]]))
    good[position % len(good)] = byte
    result = read_spreadsheet("d.xlsx", bytes(good))
    assert isinstance(result, (tuple, Refused))


@pytest.mark.parametrize(
    "text",
    [
        "Anmälan seminarium\nBifogar anmälan för våra deltagare.",
        "Anmälan\nSe bifogad anmälningsblankett med våra tre deltagare.",
        "Anmälan\nHär är listan på de som kommer från oss",
        "Registration\nPlease find attached the list of our participants.",
        "Anmälan\nNamnen finns i den bifogade filen.",
        "Bifogad deltagarlista\n",
        "Anmälan\nBifogar agendan och listan med våra deltagare.",
        "Anmälan\nBifogar en bild på listan över deltagarna.",
    ],
)
def test_a_text_that_calls_an_attached_file_its_list_of_participants_points_to_it(
    text: str,
) -> None:
    assert points_to_attached_list(text, people_read=False)


@pytest.mark.parametrize(
    "text",
    [
        "Anmälan\nJag anmäler mig. Bifogar programmet.",
        "VB: Protokoll\nSe bifogad fil.",
        "Anmälan\nJag anmäler mig. Deltagarlistan från i fjol bifogas för kännedom.",
        "Anmälan\nJag kommer gärna. Bifogar mitt visitkort.",
        "Här är agendan\n",
        "Anmälan med program bifogat\nBifogar programmet med våra deltagare nedan.",
        "Registration\nI attach the agenda; our participants are listed below.",
    ],
)
def test_a_text_that_attaches_something_else_points_to_no_list(text: str) -> None:
    assert not points_to_attached_list(text, people_read=False)


def test_here_is_the_list_points_to_a_file_only_when_the_text_itself_names_no_one() -> None:
    """ "Här är listan:" above people written in the text hands over those lines, not a file;
    with the word for a file it points to the file whatever the text names."""
    assert not points_to_attached_list("Här är listan på våra deltagare:", people_read=True)
    assert points_to_attached_list("Övriga deltagare står i bifogad lista.", people_read=True)
