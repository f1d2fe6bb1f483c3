"""Tables: HTML tables, tab-separated rows and attached spreadsheets (reading.tables, SPEC §3)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from people_strategies import people as named_people

from mailbot.reading.found import Found, Unread
from mailbot.reading.tables import tab_runs, tab_separated, table


def people(rows: list[list[str]]) -> list[tuple[str | None, str | None, str | None]]:
    return [(r.name, r.email, r.title) for r in table(rows) if isinstance(r, Found)]


def test_the_header_row_says_which_column_is_which() -> None:
    rows = [
        ["Befattning", "E-post", "Namn", "Telefon"],
        ["kurator", "anna@lund.se", "Anna Svensson", "070-1"],
    ]
    assert people(rows) == [("Anna Svensson", "anna@lund.se", "kurator")]


@pytest.mark.parametrize(
    "header",
    [
        ["Name", "Email", "Title"],
        ["NAMN", "MEJL", "ROLL"],
        ["Deltagare", "E-postadress", "Funktion"],
    ],
    ids=["english", "upper case swedish", "other swedish key words"],
)
def test_any_key_word_of_the_spec_heads_a_column(header: list[str]) -> None:
    assert people([header, ["Anna Svensson", "anna@lund.se", "kurator"]]) == [
        ("Anna Svensson", "anna@lund.se", "kurator")
    ]


def test_first_and_last_name_columns_make_the_name() -> None:
    rows = [
        ["Förnamn", "Efternamn", "E-post"],
        ["Anna", "Svensson", "anna@lund.se"],
        ["Per", "Persson", "per@lund.se"],
    ]
    assert people(rows) == [
        ("Anna Svensson", "anna@lund.se", None),
        ("Per Persson", "per@lund.se", None),
    ]


def test_a_title_row_above_the_header_is_passed_over() -> None:
    rows = [
        ["Anmälan till seminariet", "", ""],
        ["Namn", "E-post", ""],
        ["Anna Svensson", "anna@lund.se", ""],
    ]
    assert people(rows) == [("Anna Svensson", "anna@lund.se", None)]


def test_an_address_column_under_an_unknown_header_is_found_by_content() -> None:
    rows = [["Deltagare", "Kontakt"], ["Anna Svensson", "anna@lund.se"]]
    assert people(rows) == [("Anna Svensson", "anna@lund.se", None)]


def test_without_a_header_the_address_column_is_found_by_content_and_the_name_by_what_is_left() -> (
    None
):
    rows = [["Anna Svensson", "kurator", "anna@lund.se"], ["Per Persson", "chef", "per@lund.se"]]
    assert [(n, e) for n, e, _ in people(rows)] == [
        ("Anna Svensson", "anna@lund.se"),
        ("Per Persson", "per@lund.se"),
    ]


def test_without_a_header_two_columns_of_single_names_are_first_and_last_name() -> None:
    rows = [["anna@lund.se", "Anna", "Svensson"], ["per@lund.se", "Per", "Persson"]]
    assert [(n, e) for n, e, _ in people(rows)] == [
        ("Anna Svensson", "anna@lund.se"),
        ("Per Persson", "per@lund.se"),
    ]


def test_a_two_column_table_of_keys_is_read_as_key_lines() -> None:
    rows = [
        ["Namn", "Anna Svensson"],
        ["E-post", "anna@lund.se"],
        ["", ""],
        ["Namn", "Per Persson"],
        ["E-post", "per@lund.se"],
    ]
    assert [(n, e) for n, e, _ in people(rows)] == [
        ("Anna Svensson", "anna@lund.se"),
        ("Per Persson", "per@lund.se"),
    ]
    assert all(r.source == "table" for r in table(rows))


def test_a_two_column_header_is_not_mistaken_for_key_lines() -> None:
    rows = [["Namn", "E-post"], ["Anna Svensson", "anna@lund.se"], ["Per Persson", "per@lund.se"]]
    assert [(n, e) for n, e, _ in people(rows)] == [
        ("Anna Svensson", "anna@lund.se"),
        ("Per Persson", "per@lund.se"),
    ]


def test_a_row_that_names_someone_without_an_address_is_unread() -> None:
    rows = [["Namn", "E-post"], ["Anna Svensson", "anna@lund.se"], ["Per Persson", ""]]
    unread = [r for r in table(rows) if isinstance(r, Unread)]
    assert [(str(u.why), u.name) for u in unread] == [("no address", "Per Persson")]


def test_a_cell_with_two_addresses_is_unread() -> None:
    (unread,) = table([["Namn", "E-post"], ["Anna Svensson", "anna@lund.se; per@lund.se"]])
    assert isinstance(unread, Unread)
    assert str(unread.why) == "more than one address"


def test_a_malformed_address_cell_is_kept_as_written_for_the_validator() -> None:
    ((_, email, _),) = people([["Namn", "E-post"], ["Anna Svensson", "anna@lund,se"]])
    assert email == "anna@lund"  # the validator refuses it and the reply asks (SPEC §3)


def test_a_table_of_names_without_any_address_is_unread_row_by_row() -> None:
    read = table([["Anna Svensson", "kurator"], ["Per Persson", "chef"]])
    assert [(str(r.why), r.name) for r in read if isinstance(r, Unread)] == [
        ("no address", "Anna Svensson"),
        ("no address", "Per Persson"),
    ]


def test_the_source_names_the_attachment_reader_when_it_hands_the_rows() -> None:
    (found,) = table([["Name", "Email"], ["Jane Doe", "jane@example.org"]], source="attachment")
    assert found.source == "attachment"
    assert found.line == "Jane Doe\tjane@example.org"


def test_runs_of_tab_separated_lines_are_tables() -> None:
    lines = [
        "Hej!",
        "Namn\tE-post",
        "Anna Svensson\tanna@lund.se",
        "Per Persson\tper@lund.se",
        "",
        "Mvh Kim",
    ]
    assert tab_runs(lines) == [range(1, 4)]
    read = tab_separated(lines)
    found = [r for r in read if isinstance(r, Found)]
    assert found == read
    assert [(r.name, r.email) for r in found] == [
        ("Anna Svensson", "anna@lund.se"),
        ("Per Persson", "per@lund.se"),
    ]


@given(
    named_people(1, 8),
    st.permutations([0, 1, 2]),
    st.booleans(),
)
def test_every_row_is_read_whatever_the_column_order_with_or_without_header(
    pairs: list[tuple[str, str]], order: list[int], header: bool
) -> None:
    rows = [[[n, a, "kurator"][i] for i in order] for n, a in pairs]
    if header:
        rows.insert(0, [["Namn", "E-post", "Titel"][i] for i in order])
    assert [r.email for r in table(rows) if isinstance(r, Found)] == [a for _, a in pairs]
