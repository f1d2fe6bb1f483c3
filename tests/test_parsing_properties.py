"""Properties of `parsing.read`: whatever arrives, it returns an `Email` and never raises (SPEC §3).

Mail from the internet is hostile or broken often enough: damaged fixtures (flipped bytes,
truncation, duplicated headers, relabelled charsets and encodings, other line ends), arbitrary
bytes, and a few invariants the rest of mailbot relies on (no control characters in anything that
may be echoed into a reply header, sizes, msg-id syntax).
"""

from __future__ import annotations

import email.policy
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailbot.parsing import DateRef, Email, read

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = {p.name: p.read_bytes() for p in sorted(FIXTURES.glob("*.eml"))}
# The fixtures that are damaged on purpose, and what each must report.
BROKEN = {
    "bad-base64.eml": "base64",
    "garbage-bytes.eml": "From",
    "no-from-header.eml": "From",
    "unknown-charset-latin1-bytes.eml": "charset",
}

CHARSETS = [
    "utf-8",
    "UTF-8",
    "iso-8859-1",
    "latin1",
    "us-ascii",
    "windows-1252",
    "iso-8859-15",
    "koi8-r",
    "utf-16",
    "utf-7",
    "unknown-8bit",
    "x-foo",
    "idna",
    "rot13",
    "base64",
    "",
    '"',
    "utf-8\x00",
    "é",
]
ENCODINGS = ["7bit", "8bit", "binary", "quoted-printable", "base64", "x-uuencode", "bogus", ""]
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

fixture_bytes = st.sampled_from(sorted(CORPUS)).map(CORPUS.__getitem__)


def check_invariants(raw: bytes, found: Email) -> None:
    """What every caller may rely on, however broken the input."""
    assert isinstance(found, Email)
    assert found.size == len(raw)
    assert not CONTROL.search(found.subject)
    assert "\r" not in found.text
    assert all(isinstance(p, str) for p in found.problems)
    assert found.intent in ("register", "cancel", "substitute")
    assert found.language in (None, "en")
    if found.sender is not None:
        assert not CONTROL.search(found.sender.display_name)
        assert found.sender.domain == found.sender.domain.lower()
        assert "@" in found.sender.address
    for msg_id in (found.message_id, *found.in_reply_to, *found.references):
        if msg_id is not None:
            assert re.fullmatch(r"<[^<>\s]+>", msg_id)
    for block in found.participants:
        assert block.name or block.email
        for value in (block.name, block.email, block.title, block.organisation, block.notes):
            assert value is None or not CONTROL.search(value)
    for value in (found.auto_submitted, found.precedence, found.return_path):
        assert value is None or ("\r" not in value and "\n" not in value)
    for value in found.authentication_results:
        assert "\r" not in value and "\n" not in value
    _ = str(found).encode("utf-8")  # no lone surrogates: the store writes UTF-8


# --------------------------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_every_fixture_parses_without_problems_except_the_broken_ones(name: str) -> None:
    found = read(CORPUS[name])

    check_invariants(CORPUS[name], found)
    if name in BROKEN:
        assert any(BROKEN[name] in problem for problem in found.problems), found.problems
    else:
        assert found.problems == ()
        assert found.sender is not None
        assert found.message_id is not None


def test_every_fixture_has_a_distinct_message_id() -> None:
    ids = [read(raw).message_id for name, raw in CORPUS.items() if name != "garbage-bytes.eml"]

    assert len(ids) == len(set(ids))


def test_the_corpus_is_large_enough_to_mean_something() -> None:
    assert len(CORPUS) >= 45


# --------------------------------------------------------------------------------------------
# Never raises
# --------------------------------------------------------------------------------------------


@SETTINGS
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    check_invariants(raw, read(raw))


@SETTINGS
@given(
    st.lists(
        st.sampled_from(
            [
                b"From: ",
                b"Subject: ",
                b"Content-Type: multipart/mixed; boundary=x",
                b"--x",
                b"\r\n",
                b"\n",
                b"=?utf-8?q?",
                b"?=",
                b"<",
                b">",
                b"@",
                b"Namn: ",
                b"E-post: ",
                b"\xff",
                b"\x00",
                b"=C3",
                b":",
            ]
        ),
        max_size=80,
    )
)
def test_mail_shaped_noise_never_raises(tokens: list[bytes]) -> None:
    raw = b"".join(tokens)
    check_invariants(raw, read(raw))


@SETTINGS
@given(
    fixture_bytes,
    st.lists(
        st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=20
    ),
)
def test_fixtures_with_flipped_bytes_never_raise(
    raw: bytes, flips: list[tuple[float, int]]
) -> None:
    damaged = bytearray(raw)
    for where, value in flips:
        damaged[int(where * len(damaged))] = value
    check_invariants(bytes(damaged), read(bytes(damaged)))


@SETTINGS
@given(fixture_bytes, st.floats(0, 1))
def test_truncated_fixtures_never_raise(raw: bytes, keep: float) -> None:
    cut = raw[: int(keep * len(raw))]
    check_invariants(cut, read(cut))


@SETTINGS
@given(fixture_bytes, st.data())
def test_fixtures_with_duplicated_headers_never_raise(raw: bytes, data: st.DataObject) -> None:
    head, sep, body = raw.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    copies = data.draw(st.lists(st.sampled_from(lines), min_size=1, max_size=6))
    at = data.draw(st.integers(0, len(lines)))
    mutated = b"\r\n".join(lines[:at] + copies + lines[at:]) + sep + body
    check_invariants(mutated, read(mutated))


@SETTINGS
@given(fixture_bytes, st.sampled_from(CHARSETS), st.sampled_from(ENCODINGS))
def test_fixtures_relabelled_with_any_charset_or_encoding_never_raise(
    raw: bytes, charset: str, encoding: str
) -> None:
    mutated = re.sub(rb"charset=\"?[^\";\s]*\"?", b"charset=" + charset.encode(), raw)
    mutated = re.sub(
        rb"Content-Transfer-Encoding: [^\r\n]*",
        b"Content-Transfer-Encoding: " + encoding.encode(),
        mutated,
    )
    check_invariants(mutated, read(mutated))


@SETTINGS
@given(fixture_bytes, st.sampled_from([b"\n", b"\r", b"\r\r\n", b"\n\r"]))
def test_fixtures_with_other_line_ends_never_raise(raw: bytes, line_end: bytes) -> None:
    mutated = raw.replace(b"\r\n", line_end)
    check_invariants(mutated, read(mutated))


@SETTINGS
@given(fixture_bytes, st.binary(min_size=1, max_size=64), st.floats(0, 1))
def test_fixtures_with_inserted_bytes_never_raise(raw: bytes, junk: bytes, where: float) -> None:
    at = int(where * len(raw))
    mutated = raw[:at] + junk + raw[at:]
    check_invariants(mutated, read(mutated))


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 400))
def test_deeply_nested_multiparts_never_raise(depth: int) -> None:
    raw = b"From: a@huddinge.se\r\nMessage-ID: <deep@huddinge.se>\r\n"
    raw += b"".join(
        b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i)
        for i in range(depth)
    )
    raw += b"Content-Type: text/plain\r\n\r\nNamn: Anna\r\n"
    found = read(raw)

    check_invariants(raw, found)
    assert found.message_id == "<deep@huddinge.se>"


# --------------------------------------------------------------------------------------------
# Agreement with the slow paths, and round trips
# --------------------------------------------------------------------------------------------

words = st.text(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZåäöÅÄÖé-", min_size=1, max_size=12
)


def encoded_word(word: str) -> str:
    return (
        "=?utf-8?q?"
        + "".join(
            c if c.isascii() and c.isalnum() else "".join(f"={b:02X}" for b in c.encode())
            for c in word
        )
        + "?="
    )


@SETTINGS
@given(st.lists(words, max_size=4), st.booleans(), st.booleans())
def test_display_names_read_on_the_fast_path_match_the_policy_parser(
    parts: list[str], quoted: bool, bare: bool
) -> None:
    if bare:
        header = "maria.oberg@huddinge.se"
    elif quoted and all(w.isascii() for w in parts):
        header = '"' + " ".join(parts) + '" <maria.oberg@huddinge.se>'
    else:
        phrase = " ".join(w if w.isascii() else encoded_word(w) for w in parts)
        header = f"{phrase} <maria.oberg@huddinge.se>"
    expected = email.policy.default.header_factory("from", header).addresses[0]
    raw = f"From: {header}\r\nMessage-ID: <x@y.se>\r\n\r\nHej\r\n".encode()

    found = read(raw)

    assert found.sender is not None
    assert found.sender.display_name == expected.display_name.strip()
    assert found.sender.address == expected.addr_spec


MONTH_NAMES = {
    1: ["januari", "january", "jan"],
    3: ["mars", "march"],
    5: ["maj", "may"],
    9: ["september", "sept", "sep"],
    10: ["oktober", "october", "okt", "oct"],
    12: ["december", "dec"],
}


DATE_TEMPLATES = [  # (how it is written, whether a year may follow)
    ("{d} {m}", True),
    ("den {d} {m}", True),
    ("{d}th {m}", True),
    ("{m} {d}", True),
    ("{d}/{n}", True),
    ("{d}.{n}", False),
    ("{Y}-{nn}-{dd}", False),
]


@SETTINGS
@given(
    st.sampled_from(sorted(MONTH_NAMES)),
    st.integers(1, 28),
    st.sampled_from(DATE_TEMPLATES),
    st.sampled_from([None, 2022, 2023]),
    st.data(),
)
def test_any_written_date_reads_back_as_the_same_day(
    month: int, day: int, template: tuple[str, bool], year: int | None, data: st.DataObject
) -> None:
    pattern, takes_year = template
    name = data.draw(st.sampled_from(MONTH_NAMES[month]))
    if "{Y}" in pattern:
        year = year or 2022
    elif not takes_year:
        year = None
    written = pattern.format(d=day, m=name, n=month, nn=f"{month:02}", dd=f"{day:02}", Y=year)
    if year is not None and "{Y}" not in pattern:
        written += f" {year}"
    raw = f"From: a@huddinge.se\r\n\r\nNamn: A\r\nDatum: {written}\r\n".encode()

    block = read(raw).participants[0]

    assert block.seminar_date == DateRef(month=month, day=day, year=year)


@SETTINGS
@given(fixture_bytes)
def test_reading_is_deterministic(raw: bytes) -> None:
    assert read(raw) == read(raw)
