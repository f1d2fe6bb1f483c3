"""The participant list as `.xlsx` (SPEC §7, §14), read back as the organiser's Excel reads it."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from typing import Any

import openpyxl
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.worksheet.worksheet import Worksheet

from mailbot.spreadsheet import FORMULA_START, Sheet, participants_xlsx
from mailbot.state import Registration, Status

from support import present

CREATED = dt.datetime(2022, 9, 5, 8, 0, tzinfo=dt.UTC)
STOCKHOLM = "Europe/Stockholm"


def person(name: str, status: Status = "confirmed", **fields: Any) -> Registration:
    values: dict[str, Any] = {
        "seminar": "2022-09-14",
        "email": f"{hashlib.sha256(name.encode()).hexdigest()[:8]}@huddinge.se",
        "name": name,
        "actor": "Huddinge kommun",
        "status": status,
        "registered_at": dt.datetime(2022, 9, 1, 8, 0, tzinfo=dt.UTC),
        "registered_by": "karin.lind@huddinge.se",
        **fields,
    }
    return Registration(**values)


def worksheet(*regs: Registration, language: str = "sv") -> Worksheet:
    """The one worksheet of the list, as the organiser's Excel opens it."""
    data = participants_xlsx([Sheet("2022-09-14", STOCKHOLM, regs)], language, CREATED)
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert isinstance(ws, Worksheet)
    return ws


def test_every_participant_is_a_row_with_the_csv_columns_in_the_organisers_language() -> None:
    ws = worksheet(
        person("Åsa Öberg", title="Socialdirektör", organisation="Huddinge kommun, Äldreförv."),
        person("Örjan Ärlig", "waitlisted"),
        person("Lars Lund", "cancelled"),
    )
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == [
        "Namn",
        "Befattning",
        "Organisation",
        "Aktör",
        "E-post",
        "Status",
        "Anmäld",
        "Anmäld av",
    ]
    assert [r[0] for r in rows[1:]] == ["Åsa Öberg", "Örjan Ärlig", "Lars Lund"]
    assert [r[5] for r in rows[1:]] == ["bekräftad", "väntelista", "avanmäld"]
    assert rows[1][1:4] == ["Socialdirektör", "Huddinge kommun, Äldreförv.", "Huddinge kommun"]
    assert ws.title == "2022-09-14"


def test_english_headers_and_status_words_in_english() -> None:
    ws = worksheet(person("Anna Berg", "pending"), language="en")
    assert ws["A1"].value == "Name" and ws["F2"].value == "awaiting decision"


def test_registration_time_is_a_real_excel_date_in_the_seminars_local_time() -> None:
    ws = worksheet(person("Åsa Öberg"))
    cell = ws["G2"]
    assert cell.is_date and cell.value == dt.datetime(2022, 9, 1, 10, 0)  # 08:00 UTC is 10:00 CEST
    assert cell.number_format == "yyyy-mm-dd hh:mm"


def test_a_participant_named_like_a_formula_is_a_text_cell() -> None:
    ws = worksheet(
        person('=HYPERLINK("x")'),
        person("+46 70 123 45 67"),
        person("@SUM(A1)"),
        person("-1+1", title="https://evil.example/"),
    )
    names = {ws.cell(row, 1).value: ws.cell(row, 1) for row in range(2, 6)}
    assert set(names) == {'=HYPERLINK("x")', "+46 70 123 45 67", "@SUM(A1)", "-1+1"}
    assert all(c.data_type == "s" and c.hyperlink is None for c in names.values())
    assert all(c.quotePrefix for c in names.values())  # editing the cell keeps it text
    title = ws.cell(present(names["-1+1"].row), 2)
    assert title.value == "https://evil.example/" and title.hyperlink is None


def test_no_formula_and_no_link_is_stored_anywhere_in_the_file() -> None:
    data = participants_xlsx(
        [Sheet("s", STOCKHOLM, (person('=HYPERLINK("http://x")'),))], "sv", CREATED
    )
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
        assert b"<f>" not in sheet and b"hyperlink" not in sheet
        assert not any("rels" in n and b"hyperlink" in z.read(n) for n in z.namelist())


def test_header_row_is_frozen_filtered_and_columns_sized_to_content() -> None:
    long_org = "Stockholms stad, Hägersten-Älvsjö stadsdelsförvaltning"
    ws = worksheet(person("Åsa Öberg", organisation=long_org), person("Bo Ek"))
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:H3"
    assert ws["A1"].font.b
    widths = {k: v.width for k, v in ws.column_dimensions.items()}
    assert widths["C"] >= len(long_org) * 0.9 > widths["A"]
    assert widths["G"] >= len("2022-09-01 10:00")


def test_one_worksheet_per_seminar_each_in_its_own_time_zone() -> None:
    helsinki = person("Eero Aalto", seminar="2022-09-15")
    data = participants_xlsx(
        [
            Sheet("2022-09-14", STOCKHOLM, (person("Åsa Öberg"),)),
            Sheet("2022-09-15", "Europe/Helsinki", (helsinki,)),
        ],
        "sv",
        CREATED,
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["2022-09-14", "2022-09-15"]
    assert book["2022-09-15"]["G2"].value == dt.datetime(2022, 9, 1, 11, 0)


def test_the_same_list_gives_the_same_bytes() -> None:
    sheets = [Sheet("2022-09-14", STOCKHOLM, (person("Åsa Öberg"),))]
    assert participants_xlsx(sheets, "sv", CREATED) == participants_xlsx(sheets, "sv", CREATED)


def test_an_empty_list_is_still_a_workbook_with_headers() -> None:
    ws = worksheet()
    assert ws["A1"].value == "Namn" and ws.max_row == 1


printable = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")).filter(lambda c: c not in "_"), max_size=40
)


@given(start=st.sampled_from([*FORMULA_START[:4], ""]), rest=printable)
def test_any_text_comes_back_as_the_same_text_never_a_formula(start: str, rest: str) -> None:
    text = start + rest
    if not text.strip():
        return
    ws = worksheet(person(text, title=text))
    for cell in (ws["A2"], ws["B2"]):
        assert cell.data_type == "s" and cell.value == text
