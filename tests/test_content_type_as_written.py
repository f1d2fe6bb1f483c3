"""A plain Content-Type is handed to the `email` library as written (`parsing.headers`), not
parsed into a header object: whatever the library reads from it must be what it reads from the
header object of `email.policy.default`.

The library takes `str()` of a part's Content-Type and splits it again wherever it reads one
(type, boundary, charset, filename), so the two are compared there, on every part of every
mail under tests/ and on generated values of the plain form, including folded ones.
"""

from __future__ import annotations

import email
import email.policy
from email.message import Message
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mailbot.parsing.headers import POLICY

TESTS = Path(__file__).parent

TOKEN = st.text(st.sampled_from("abcXYZ019!#$&+.^_`|~-"), min_size=1, max_size=12).filter(
    lambda t: t[0].isalnum()
)
QUOTED = st.text(st.sampled_from(" abcXYZ019!#$%&'()*+,-./:;<=>?@[]^_`{|}~"), max_size=20)
NAME = st.sampled_from(["boundary", "charset", "name", "format", "delsp", "report-type", "x-a"])
SPACE = st.sampled_from(["", " ", "\t", "\r\n\t", "\n ", "  "])


@st.composite
def plain_content_types(draw: st.DrawFn) -> str:
    value = f"{draw(TOKEN)}/{draw(TOKEN)}"
    for _ in range(draw(st.integers(0, 3))):
        written = draw(TOKEN) if draw(st.booleans()) else f'"{draw(QUOTED)}"'
        value += f"{draw(SPACE)};{draw(SPACE)}{draw(NAME)}={written}"
    return value + draw(st.sampled_from(["", ";", " ", "; "]))


def what_the_library_reads(part: Message) -> tuple[object, ...]:
    return (
        part.get_content_type(),
        part.get_content_maintype(),
        part.get_params(),
        part.get_boundary(),
        part.get_content_charset(),
        part.get_filename(),
        part.get_param("format"),
    )


def read_both(value: str) -> tuple[tuple[object, ...], tuple[object, ...]]:
    raw = f"Content-Type: {value}\r\n\r\nbody\r\n".encode("ascii")
    ours = email.message_from_bytes(raw, policy=POLICY)
    library = email.message_from_bytes(raw, policy=email.policy.default)
    return what_the_library_reads(ours), what_the_library_reads(library)


@settings(max_examples=1500, deadline=None)
@given(plain_content_types())
def test_a_plain_content_type_reads_as_the_librarys_header_object_reads(value: str) -> None:
    ours, library = read_both(value)
    assert ours == library


def test_every_content_type_of_the_test_mails_reads_as_the_librarys_header_object_reads() -> None:
    compared = 0
    for path in sorted(TESTS.rglob("*.eml")):
        raw = path.read_bytes()
        ours = email.message_from_bytes(raw, policy=POLICY)
        library = email.message_from_bytes(raw, policy=email.policy.default)
        for mine, theirs in zip(ours.walk(), library.walk(), strict=True):
            assert what_the_library_reads(mine) == what_the_library_reads(theirs), path.name
            compared += 1
    assert compared > 900


def test_a_content_type_with_an_encoded_word_or_rfc_2231_is_still_parsed_by_the_policy() -> None:
    for value in (
        'application/vnd.ms-excel; name="=?utf-8?q?lista_=C3=A5.xls?="',
        "application/vnd.ms-excel; name*=utf-8''lista%20%C3%A5.xls",
    ):
        msg = email.message_from_bytes(
            f"Content-Type: {value}\r\n\r\nx\r\n".encode(), policy=POLICY
        )
        assert hasattr(msg["content-type"], "params"), value
        ours, library = read_both(value)
        assert ours == library
