"""The one address pattern all readers share (reading.addresses)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailbot.reading.addresses import addresses, is_address, locate, without_addresses


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anna Svensson <anna.svensson@lund.se>", ["anna.svensson@lund.se"]),
        ("Kalle Karlsson (kalle.karlsson@lund.se)", ["kalle.karlsson@lund.se"]),
        ("Skriv till anna@lund.se.", ["anna@lund.se"]),
        ("mailto:per@polisen.se", ["per@polisen.se"]),
        ("E-post:per@polisen.se", ["per@polisen.se"]),
        ("anna@x.se<mailto:anna@x.se>", ["anna@x.se"]),
        ("*jane.doe@example.org*", ["jane.doe@example.org"]),
        ("anna@x.se; per@x.se, lisa@x.se", ["anna@x.se", "per@x.se", "lisa@x.se"]),
        ("ANNA@X.SE och anna@x.se", ["ANNA@X.SE"]),
        ("åsa.öberg@malmö.se", ["åsa.öberg@malmö.se"]),
        ("Ingen adress här, bara @ och text", []),
        ("anna@lund,se", ["anna@lund"]),
    ],
    ids=[
        "an address in angle brackets",
        "an address in parentheses",
        "the full stop ending a sentence is not part of the address",
        "mailto is not part of the address",
        "a key glued to the address is not part of it",
        "outlooks address with its mailto link counts once",
        "gmail bold stars are not part of the address",
        "several addresses are found in order",
        "a case-only repeat counts once",
        "swedish letters are kept as written",
        "a lone at sign is no address",
        "a comma typo is found as written for the validator to refuse",
    ],
)
def test_addresses_are_found_as_people_write_them(text: str, expected: list[str]) -> None:
    assert addresses(text) == expected


def test_a_whole_text_is_one_address_give_or_take_brackets_and_mailto() -> None:
    assert is_address("<anna@lund.se>")
    assert is_address(" mailto:anna@lund.se ")
    assert not is_address("Anna <anna@lund.se>")
    assert not is_address("anna@lund.se per@lund.se")


def test_blanking_addresses_leaves_the_name_and_title_around_them() -> None:
    text = "Anna Svensson <anna@x.se<mailto:anna@x.se>>, kurator"
    left = without_addresses(text)
    assert "@" not in left and "mailto" not in left
    assert left.split() == ["Anna", "Svensson", "<", ">,", "kurator"]


_local = st.from_regex(r"[a-z][a-z0-9]{0,8}(\.[a-z][a-z0-9]{0,8}){0,2}", fullmatch=True)
_domain = st.from_regex(r"[a-z][a-z0-9-]{0,8}[a-z0-9]\.(se|com|org|nu)", fullmatch=True)
_wrappers = st.sampled_from(
    ["{}", "<{}>", "({})", "mailto:{}", "{}.", "{},", "{};", "*{}*", "[{}]"]
)


@given(
    local=_local,
    domain=_domain,
    wrapper=_wrappers,
    before=st.sampled_from(["", "Anna ", "E-post: "]),
)
def test_an_address_is_found_whatever_it_is_wrapped_in(
    local: str, domain: str, wrapper: str, before: str
) -> None:
    address = f"{local}@{domain}"
    text = before + wrapper.format(address) + " kommer"
    assert addresses(text) == [address]
    (located,) = locate(text)
    assert text[located.start : located.end] == address


@given(st.text(max_size=300))
def test_every_address_found_stands_in_the_text(text: str) -> None:
    for located in locate(text):
        assert text[located.start : located.end] == located.address
        assert "@" in located.address
