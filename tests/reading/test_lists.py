"""Numbered and bulleted lists, one person per item (reading.lists, SPEC §3)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from people_strategies import people as named_people

from mailbot.reading.found import Found, Unread
from mailbot.reading.lists import list_items


def read(text: str) -> list[tuple[str | None, str | None, str | None]]:
    return [
        (r.name, r.email, r.title) for r in list_items(text.splitlines()) if isinstance(r, Found)
    ]


@pytest.mark.parametrize(
    "mark",
    ["1.", "1)", "(1)", "-", "*", "•", "·", "o", "§", "Ø", "–", "a)"],
    ids=lambda m: f"items marked {m!r}",
)
def test_an_item_with_any_common_mark_is_one_person(mark: str) -> None:
    text = f"Jag anmäler:\n{mark} Anna Svensson, anna@lund.se\n{mark} Per Persson, per@lund.se"
    assert read(text) == [
        ("Anna Svensson", "anna@lund.se", None),
        ("Per Persson", "per@lund.se", None),
    ]


def test_outlooks_plain_text_bullet_with_a_tab_is_a_list_item() -> None:
    assert read("·\tAnna Svensson <anna@lund.se>") == [("Anna Svensson", "anna@lund.se", None)]


@pytest.mark.parametrize(
    "item",
    [
        "Anna Svensson, kurator, anna.svensson@lund.se",
        "anna.svensson@lund.se, Anna Svensson, kurator",
        "kurator – Anna Svensson – anna.svensson@lund.se",
        "Anna Svensson (anna.svensson@lund.se), kurator",
        "Anna Svensson; anna.svensson@lund.se; kurator",
        "Anna Svensson kurator <anna.svensson@lund.se>",
    ],
    ids=[
        "name title address",
        "address name title",
        "title name address with dashes",
        "address in parentheses",
        "semicolons",
        "lower-case title inside the name",
    ],
)
def test_an_item_may_hold_name_address_and_title_in_any_order(item: str) -> None:
    assert read(f"1. {item}") == [("Anna Svensson", "anna.svensson@lund.se", "kurator")]


def test_an_item_may_go_on_on_an_indented_line() -> None:
    assert read("1. Anna Svensson\n   anna@lund.se\n2. Per Persson\n   per@lund.se") == [
        ("Anna Svensson", "anna@lund.se", None),
        ("Per Persson", "per@lund.se", None),
    ]


def test_an_item_that_names_someone_without_an_address_is_unread() -> None:
    (unread,) = list_items(["- Kalle Karlsson, socialsekreterare"])
    assert isinstance(unread, Unread)
    assert (str(unread.why), unread.name) == ("no address", "Kalle Karlsson")


def test_an_item_that_opens_with_a_name_in_a_sentence_is_unread() -> None:
    (unread,) = list_items(["1. Kalle Karlsson kommer också"])
    assert isinstance(unread, Unread)
    assert unread.name == "Kalle Karlsson"


def test_items_that_name_no_one_are_not_people() -> None:
    assert list_items(["- Lunch ingår", "- Parkering finns", "1. Inledning", "* kurator"]) == []


@pytest.mark.parametrize("item", ["Jag själv", "Mig själv", "jag", "Myself"])
def test_the_sender_as_a_list_item_is_left_to_intent(item: str) -> None:
    assert list_items([f"- {item}", "- Anna Svensson, anna@lund.se"]) == [
        Found("list", "Anna Svensson, anna@lund.se", "Anna Svensson", "anna@lund.se")
    ]


def test_an_item_with_two_addresses_it_cannot_pair_is_unread() -> None:
    (unread,) = list_items(["1. Anna och Per: anna@lund.se per@lund.se"])
    assert isinstance(unread, Unread)


def test_two_people_with_their_addresses_in_one_item_are_both_read() -> None:
    assert read("- Anna Svensson <anna@lund.se>, Per Persson <per@lund.se>") == [
        ("Anna Svensson", "anna@lund.se", None),
        ("Per Persson", "per@lund.se", None),
    ]


def test_a_key_line_in_a_list_is_left_to_the_key_block_reader() -> None:
    assert list_items(["- Namn: Anna Svensson", "- E-post: anna@lund.se"]) == []


def test_english_lists_read_like_swedish_ones() -> None:
    text = "Please register:\n1. Jane Doe, social worker, jane.doe@example.org\n2. John Smith <john.smith@example.org>"
    assert read(text) == [
        ("Jane Doe", "jane.doe@example.org", "social worker"),
        ("John Smith", "john.smith@example.org", None),
    ]


_form = st.sampled_from(["{n}, {a}", "{n} <{a}>", "{a} ({n})", "{n}; {a}", "{n} – {a}", "{a}, {n}"])


@given(named_people(1, 8), _form, st.sampled_from(["1.", "-", "•"]))
def test_every_item_address_is_read_with_no_other(
    pairs: list[tuple[str, str]], form: str, mark: str
) -> None:
    lines = [f"{mark} " + form.format(n=n, a=a) for n, a in pairs]
    emails = [r.email for r in list_items(lines) if isinstance(r, Found)]
    assert emails == [a for _, a in pairs]
