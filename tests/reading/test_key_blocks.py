"""Blocks of `Key: value` lines (reading.key_blocks, SPEC §3)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from people_strategies import people as named_people

from mailbot.reading.found import Found, Unread
from mailbot.reading.key_blocks import key_blocks


def people(text: str) -> list[tuple[str | None, str | None]]:
    return [(r.name, r.email) for r in key_blocks(text.splitlines()) if isinstance(r, Found)]


def test_a_blank_line_starts_the_next_participant() -> None:
    text = "Namn: Anna Svensson\nE-post: anna@lund.se\n\nNamn: Per Persson\nE-post: per@lund.se"
    assert people(text) == [("Anna Svensson", "anna@lund.se"), ("Per Persson", "per@lund.se")]


def test_a_repeated_key_starts_the_next_participant() -> None:
    text = "Name: Jane Doe\nEmail: jane@x.org\nName: John Smith\nEmail: john@x.org"
    assert people(text) == [("Jane Doe", "jane@x.org"), ("John Smith", "john@x.org")]


def test_a_value_may_stand_on_the_line_below_its_key() -> None:
    text = "Namn:\nAnna Svensson\nMailadress:\nanna@lund.se"
    (found,) = key_blocks(text.splitlines())
    assert isinstance(found, Found)
    assert (found.name, found.email) == ("Anna Svensson", "anna@lund.se")
    assert found.line == text


def test_first_and_last_name_together_make_the_name() -> None:
    text = "Förnamn: Anna\nEfternamn: Svensson\nE-post: anna@lund.se\nFörnamn: Per\nEfternamn: Persson\nE-post: per@lund.se"
    assert people(text) == [("Anna Svensson", "anna@lund.se"), ("Per Persson", "per@lund.se")]


def test_name_and_title_is_split_into_name_and_title() -> None:
    (found,) = key_blocks(["Namn och titel: Lisa Berg, kurator", "E-post: lisa@lund.se"])
    assert isinstance(found, Found)
    assert (found.name, found.title) == ("Lisa Berg", "kurator")


def test_a_title_inside_the_name_goes_to_the_title() -> None:
    (found,) = key_blocks(["Namn: Anna Svensson, socialsekreterare", "E-post: anna@lund.se"])
    assert isinstance(found, Found)
    assert (found.name, found.title) == ("Anna Svensson", "socialsekreterare")


def test_a_phone_line_is_read_and_ignored() -> None:
    (found,) = key_blocks(["Namn: Anna Svensson", "Telefon: 070-123 45 67", "E-post: anna@lund.se"])
    assert isinstance(found, Found)
    assert (found.name, found.email, found.notes) == ("Anna Svensson", "anna@lund.se", None)


def test_every_field_of_the_spec_is_read() -> None:
    text = [
        "Namn: Omar Ali",
        "E-post: omar.ali@lund.se",
        "Organisation: Lunds kommun",
        "Befattning: kurator",
        "Datum: 14 september",
        "Ersätter: lisa.berg@lund.se",
        "Övrigt: vegetarisk kost",
    ]
    (found,) = key_blocks(text)
    assert found == Found(
        "key-block",
        "\n".join(text),
        name="Omar Ali",
        email="omar.ali@lund.se",
        title="kurator",
        organisation="Lunds kommun",
        seminar="14 september",
        replaces="lisa.berg@lund.se",
        notes="vegetarisk kost",
    )


def test_english_keys_read_like_swedish_ones() -> None:
    text = "Participant: Jane Doe\nE-mail: jane.doe@example.org\nRole: social worker\nReplaces: john@example.org"
    (found,) = key_blocks(text.splitlines())
    assert isinstance(found, Found)
    assert (found.name, found.email, found.title, found.replaces) == (
        "Jane Doe",
        "jane.doe@example.org",
        "social worker",
        "john@example.org",
    )


def test_a_block_with_a_name_and_no_address_is_found_without_an_address() -> None:
    (found,) = key_blocks(["Namn: Anna Svensson", "Befattning: kurator"])
    assert isinstance(found, Found)
    assert (found.name, found.email) == ("Anna Svensson", None)


def test_a_signature_contact_card_without_a_name_is_no_participant() -> None:
    text = "Med vänliga hälsningar\nKim Berg\nTel: 08-123 45\nE-post: kim.berg@lund.se\nWebb: www.lund.se"
    assert key_blocks(text.splitlines()) == []


def test_an_organisation_line_alone_is_no_participant() -> None:
    assert key_blocks(["Organisation: Polisen Järva"]) == []


def test_an_address_field_with_two_addresses_is_unread() -> None:
    (unread,) = key_blocks(["Namn: Anna Svensson", "E-post: anna@lund.se, per@lund.se"])
    assert isinstance(unread, Unread)
    assert str(unread.why) == "more than one address"


def test_a_malformed_address_is_kept_as_written_for_the_validator() -> None:
    (found,) = key_blocks(["Namn: Anna Svensson", "E-post: anna.lund.se"])
    assert isinstance(found, Found)
    assert found.email == "anna.lund.se"


def test_a_surname_first_name_is_turned_round_by_the_address() -> None:
    (found,) = key_blocks(["Namn: Persson Johan", "E-post: johan.persson@polisen.se"])
    assert isinstance(found, Found)
    assert found.name == "Johan Persson"


def test_a_name_with_its_address_in_brackets_is_read_in_one_line() -> None:
    (found,) = key_blocks(["Deltagare: Anna Svensson <anna@lund.se>"])
    assert isinstance(found, Found)
    assert (found.name, found.email) == ("Anna Svensson", "anna@lund.se")


_keys = st.tuples(
    st.sampled_from(["Namn", "Name", "Deltagare"]), st.sampled_from(["E-post", "Email", "Mejl"])
)


@given(named_people(1, 6), _keys, st.booleans())
def test_blocks_give_back_every_person_in_order(
    pairs: list[tuple[str, str]], keys: tuple[str, str], blank: bool
) -> None:
    lines: list[str] = []
    for name, address in pairs:
        lines += [f"{keys[0]}: {name}", f"{keys[1]}: {address}"] + ([""] if blank else [])
    emails = [r.email for r in key_blocks(lines) if isinstance(r, Found)]
    assert emails == [a for _, a in pairs]


@pytest.mark.parametrize(
    "line",
    [
        "Namn: Anna Svensson E-post: anna@lund.se Befattning: kurator",
        "Namn: Anna Svensson, E-post: anna@lund.se, Befattning: kurator",
        "Name: Anna Svensson | Email: anna@lund.se | Role: kurator",
    ],
    ids=["flattened by a form", "separated by commas", "separated by bars"],
)
def test_several_keys_on_one_line_are_read_as_their_own_lines(line: str) -> None:
    (found,) = key_blocks([line])
    assert isinstance(found, Found)
    assert (found.name, found.email, found.title) == ("Anna Svensson", "anna@lund.se", "kurator")


def test_a_colon_inside_a_value_does_not_split_it() -> None:
    (found,) = key_blocks(
        ["Namn: Anna Svensson", "E-post: anna@lund.se", "Övrigt: se https://lund.se kl 10:30"]
    )
    assert isinstance(found, Found)
    assert found.notes == "se https://lund.se kl 10:30"
