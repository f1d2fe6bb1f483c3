"""One person per line, between separators (reading.lines, SPEC §3)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from people_strategies import people as named_people

from mailbot.reading.found import Found
from mailbot.reading.lines import separated_lines


def read(*lines: str) -> list[tuple[str | None, str | None, str | None]]:
    return [(r.name, r.email, r.title) for r in separated_lines(lines) if isinstance(r, Found)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Anna Svensson; anna@lund.se; socialsekreterare",
            ("Anna Svensson", "anna@lund.se", "socialsekreterare"),
        ),
        (
            "Anna Svensson\tanna@lund.se\tsocialsekreterare",
            ("Anna Svensson", "anna@lund.se", "socialsekreterare"),
        ),
        (
            "Anna Svensson, anna@lund.se, socialsekreterare",
            ("Anna Svensson", "anna@lund.se", "socialsekreterare"),
        ),
        ("Anna Svensson <anna@lund.se>", ("Anna Svensson", "anna@lund.se", None)),
        ('"Anna Svensson" <anna@lund.se>', ("Anna Svensson", "anna@lund.se", None)),
        ("Anna Svensson (anna@lund.se)", ("Anna Svensson", "anna@lund.se", None)),
        (
            "Anna Svensson, socialsekreterare, anna@lund.se",
            ("Anna Svensson", "anna@lund.se", "socialsekreterare"),
        ),
        (
            "socialsekreterare, anna@lund.se, Anna Svensson",
            ("Anna Svensson", "anna@lund.se", "socialsekreterare"),
        ),
        (
            '"Svensson, Anna" <anna.svensson@lund.se>',
            ("Anna Svensson", "anna.svensson@lund.se", None),
        ),
        (
            "Persson Johan <johan.persson@polisen.se>",
            ("Johan Persson", "johan.persson@polisen.se", None),
        ),
        (
            "Jane Doe, social worker, jane.doe@example.org",
            ("Jane Doe", "jane.doe@example.org", "social worker"),
        ),
        ("anna@lund.se", (None, "anna@lund.se", None)),
    ],
    ids=[
        "semicolons",
        "tabs",
        "commas",
        "name and address in angle brackets",
        "quoted name and address in angle brackets",
        "address in parentheses",
        "name title address",
        "title address name",
        "an outlook surname-comma display name",
        "a surname-first display name turned round by the address",
        "english",
        "an address alone",
    ],
)
def test_a_person_on_a_line_of_their_own_is_read(
    line: str, expected: tuple[str | None, str, str | None]
) -> None:
    assert read(line) == [expected]


@pytest.mark.parametrize(
    "line",
    [
        "Anna Svensson <anna@lund.se>; Per Persson <per@lund.se>",
        "Anna Svensson <anna@lund.se>, Per Persson <per@lund.se>",
        "anna@lund.se (Anna Svensson), per@lund.se (Per Persson)",
    ],
)
def test_several_people_on_one_line_are_several_people(line: str) -> None:
    assert [(n, e) for n, e, _ in read(line)] == [
        ("Anna Svensson", "anna@lund.se"),
        ("Per Persson", "per@lund.se"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Kalle Karlsson, kalle@lund.se, kommer också.",
        "Jag vill anmäla Kalle (kalle@lund.se) och Lisa (lisa@lund.se).",
        "Please register my colleague Jane Doe – jane.doe@example.org",
        "Frågor? Skicka till anmalan@lund.se",
    ],
    ids=[
        "a swedish sentence",
        "two people in a sentence",
        "an english sentence",
        "a sentence with an address",
    ],
)
def test_a_sentence_is_left_to_the_prose_reader(line: str) -> None:
    assert read(line) == []


def test_outlook_display_names_with_commas_inside_quotes_are_not_split() -> None:
    line = '"Svensson, Anna" <anna@lund.se>; "Persson, Per" <per.persson@lund.se>'
    # Kept as written without evidence of the order; turned where the address shows it (§3).
    assert [(n, e) for n, e, _ in read(line)] == [
        ("Svensson, Anna", "anna@lund.se"),
        ("Per Persson", "per.persson@lund.se"),
    ]


def test_list_items_key_lines_and_tables_are_left_to_their_readers() -> None:
    lines = [
        "1. Anna Svensson, anna@lund.se",
        "E-post: per@lund.se",
        "Namn\tE-post",
        "Lisa Berg\tlisa@lund.se",
    ]
    assert read(*lines) == []


@given(named_people(2, 6), st.sampled_from(["; ", ", "]))
def test_every_name_on_a_line_gets_the_address_written_next_to_it(
    pairs: list[tuple[str, str]], separator: str
) -> None:
    line = separator.join(f"{n} <{a}>" for n, a in pairs)
    assert [(n, e) for n, e, _ in read(line)] == pairs
