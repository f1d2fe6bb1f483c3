"""Swaps written with a pronoun (SPEC §3, *substitute*): "Lisa Berg har fått förhinder, hon
ersätts av Karin Ström", "Per Sundin kommer istället för mig. Hans adress är …". A pronoun
stands for the one person named before it; when two could be meant, no one is read (and the
decision asks), never a guess.
"""

from __future__ import annotations

import pytest

from mailbot.reading.found import Unread
from mailbot.reading.intent import substitutions
from mailbot.reading.prose import prose
from mailbot.reading.swaps import Mention

WRITER = "emma.johansson@kriminalvarden.se"
KARIN = Mention("Karin Ström", "karin.strom@huddinge.se")


def swap(*lines: str) -> tuple[Mention | None, Mention | None]:
    (found,) = substitutions("", list(lines), WRITER)
    return found.old, found.new


@pytest.mark.parametrize(
    "text",
    [
        "Lisa Berg har fått förhinder, hon ersätts av Karin Ström (karin.strom@huddinge.se).",
        "Lisa Berg är sjuk och hon ersätts av Karin Ström, karin.strom@huddinge.se",
        "Lisa Berg is ill, she is replaced by Karin Ström <karin.strom@huddinge.se>",
        "Lisa Berg kan inte komma, hon byts ut mot Karin Ström (karin.strom@huddinge.se).",
    ],
)
def test_a_subject_pronoun_stands_for_the_one_person_named_before_it_in_the_sentence(
    text: str,
) -> None:
    assert swap(text) == (Mention("Lisa Berg"), KARIN)


def test_a_pronoun_that_opens_the_sentence_stands_for_the_one_person_of_the_sentence_before() -> (
    None
):
    old, new = swap(
        "Lisa Berg har fått förhinder.", "Hon ersätts av Karin Ström (karin.strom@huddinge.se)."
    )
    assert (old, new) == (Mention("Lisa Berg"), KARIN)


@pytest.mark.parametrize(
    "text",
    [
        "Lisa Berg kan inte komma, Karin Ström (karin.strom@huddinge.se) ersätter henne.",
        "Lisa Berg can't come, Karin Ström (karin.strom@huddinge.se) will attend instead of her.",
    ],
)
def test_an_object_pronoun_stands_for_the_one_person_named_besides_the_newcomer(text: str) -> None:
    assert swap(text) == (Mention("Lisa Berg"), KARIN)


@pytest.mark.parametrize(
    "text",
    [
        "Jag kan inte komma den 14:e, Per Sundin kommer istället för mig.",
        "Jag kan inte, Per Sundin går i stället för mig.",
        "I can't make it, Per Sundin comes instead of me.",
        "Per Sundin ersätter mig.",
    ],
)
def test_instead_of_me_replaces_the_writer(text: str) -> None:
    assert swap(text) == (Mention(None, WRITER), Mention("Per Sundin"))


def test_hon_kan_inte_before_a_newcomer_going_instead_is_the_one_named_before_it() -> None:
    text = "Lisa Berg är sjuk, hon kan inte komma, Per Sundin går i stället: per.sundin@huddinge.se"
    assert swap(text) == (Mention("Lisa Berg"), Mention("Per Sundin", "per.sundin@huddinge.se"))


@pytest.mark.parametrize(
    "text",
    [
        "Lisa Berg och Anna Lindqvist har förhinder, hon ersätts av Karin Ström (karin.strom@huddinge.se).",
        "Lisa Berg and Anna Lindqvist are ill; she is replaced by Karin Ström <karin.strom@huddinge.se>",
    ],
)
def test_a_pronoun_after_two_names_says_no_one(text: str) -> None:
    assert swap(text) == (None, KARIN)


def test_two_pronouns_for_one_name_do_not_make_one_person_replace_herself() -> None:
    old, new = swap("Lisa Berg kan inte, han ersätter henne.")
    assert old == Mention("Lisa Berg") and new is None


@pytest.mark.parametrize(
    "text",
    [
        "Om Lisa Berg får förhinder, ersätts hon av Karin Ström (karin.strom@huddinge.se).",
        "If Lisa Berg cannot come, she will be replaced by Karin Ström <karin.strom@huddinge.se>.",
        "Lisa Berg har inte förhinder, så hon ersätts inte av Karin Ström.",
    ],
)
def test_a_pronoun_swap_in_a_condition_or_negated_is_no_substitution(text: str) -> None:
    assert [s for s in substitutions("", [text], WRITER) if s.old and s.new] == []


def test_hans_adress_gives_the_address_to_the_one_named_in_the_sentence_before() -> None:
    (found,) = prose(
        [
            "Jag kan inte komma den 14:e, Per Sundin kommer istället för mig. Hans adress är "
            "per.sundin@kriminalvarden.se."
        ]
    )
    assert (found.name, found.email) == ("Per Sundin", "per.sundin@kriminalvarden.se")


def test_hennes_mejl_in_the_same_sentence_belongs_to_the_one_named_before_it() -> None:
    (found,) = prose(["Karin Ström kommer i stället, hennes mejl är ks@huddinge.se"])
    assert (found.name, found.email) == ("Karin Ström", "ks@huddinge.se")


def test_hans_adress_after_two_names_goes_to_the_one_the_address_spells() -> None:
    read = prose(["Anna Berg och Per Sundin kommer. Hans adress är per.sundin@lund.se."])
    assert [(f.name, f.email) for f in read] == [("Per Sundin", "per.sundin@lund.se")]


def test_hans_adress_after_two_names_that_it_does_not_spell_is_asked_about() -> None:
    (unread,) = prose(["Anna Berg och Per Sundin kommer. Hans adress är kontoret@lund.se."])
    assert isinstance(unread, Unread)
    assert str(unread.why) == "an address without a name" and unread.name is None


def test_her_as_a_possessive_is_no_pronoun_for_the_one_replaced() -> None:
    old, new = swap(
        "Anna Berg is away this week.",
        "John Smith (john@example.org) replaces her colleague Lisa Berg.",
    )
    assert old != Mention("Anna Berg")
    assert new == Mention("John Smith", "john@example.org")
