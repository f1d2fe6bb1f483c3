"""The chooser: each person once, and a question where readings disagree (SPEC §3, precision
first)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mailbot.reading.choose import choose
from mailbot.reading.found import Found, Unread
from mailbot.reading.reasons import reason


def test_the_same_address_read_by_two_readers_is_one_person_read_by_the_first() -> None:
    chosen = choose(
        [
            Found("list", "1. Anna Berg, anna.berg@lund.se", "Anna Berg", "anna.berg@lund.se"),
            Found("prose", "… Anna Berg (Anna.Berg@lund.se)", "Anna Berg", "Anna.Berg@lund.se"),
        ]
    )
    assert [(p.source, p.email) for p in chosen.people] == [("list", "anna.berg@lund.se")]
    assert chosen.unread == ()


def test_an_address_written_with_two_names_is_asked_about_not_booked() -> None:
    chosen = choose(
        [
            Found("list", "- Anna Berg, anna.berg@lund.se", "Anna Berg", "anna.berg@lund.se"),
            Found("line", "Per Ek; anna.berg@lund.se", "Per Ek", "anna.berg@lund.se"),
        ]
    )
    assert chosen.people == ()
    assert [u.line for u in chosen.unread] == ["Per Ek; anna.berg@lund.se"]


def test_a_name_paired_with_someone_elses_address_is_asked_about() -> None:
    line = "Anna Svensson, per.persson@lund.se"
    chosen = choose([Found("line", line, "Anna Svensson", "per.persson@lund.se")])
    assert chosen.people == ()
    assert chosen.unread[0].name == "Anna Svensson"


def test_a_name_without_an_address_adds_nothing_when_another_reading_gives_it_one() -> None:
    chosen = choose(
        [
            Unread("prose", "jag och Kalle Karlsson", reason("no-address"), "Kalle Karlsson"),
            Found("line", "Kalle Karlsson <kalle@lund.se>", "Kalle Karlsson", "kalle@lund.se"),
            Found("key-block", "Namn: Kalle Karlsson", "Kalle Karlsson", None),
        ]
    )
    assert [p.email for p in chosen.people] == ["kalle@lund.se"]
    assert chosen.unread == ()


def test_a_name_without_an_address_anywhere_stays_to_be_asked_for() -> None:
    chosen = choose([Found("key-block", "Namn: Per Holm", "Per Holm", None)])
    assert [(p.name, p.email) for p in chosen.people] == [("Per Holm", None)]


NAMES = st.sampled_from(["Anna Berg", "Per Ek", "Lisa Holm", None])
ADDRESSES = st.sampled_from(["anna.berg@lund.se", "per.ek@lund.se", "Lisa.Holm@lund.se", None])
SOURCES = st.sampled_from(["key-block", "list", "line", "table", "prose"])
FOUND = st.builds(Found, SOURCES, st.text(max_size=20), NAMES, ADDRESSES)


@given(st.lists(FOUND, max_size=8))
def test_no_address_is_chosen_twice_and_every_chosen_one_was_read(read: list[Found]) -> None:
    chosen = choose(read)
    keys = [p.email.casefold() for p in chosen.people if p.email]
    assert len(keys) == len(set(keys))
    assert all(p in read for p in chosen.people)
