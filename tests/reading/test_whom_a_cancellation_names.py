"""Whom a cancelling sentence is about, as read (reading.names, reading.intent; SPEC §3
*cancel*): pronouns are no names, the writer's own "kommer inte", subordinate "att X inte kan
komma", a first name taken off the list, and the twins that look the same but must not act."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailbot.reading import intent
from mailbot.reading.intent import cancellations, doubted
from mailbot.reading.names import PRONOUNS, is_name_word, looks_like_name, names_in

VERBS = ["kan", "kommer", "har", "får", "ska", "can", "will", "has", "is", "cannot"]
GIVEN_NAMES = ["Anna", "Lisa", "Omar", "Inga", "Ena", "Sig", "Per", "Fatima", "Åsa", "Jon"]


@given(st.sampled_from(sorted(PRONOUNS)), st.sampled_from(VERBS))
def test_a_pronoun_at_the_head_of_a_sentence_is_never_read_as_a_given_name(
    pronoun: str, verb: str
) -> None:
    sentence = f"{pronoun.capitalize()} {verb} tyvärr inte"
    assert names_in(sentence) == ()
    assert not is_name_word(pronoun.capitalize())


@given(st.sampled_from(GIVEN_NAMES), st.sampled_from(VERBS))
def test_a_given_name_in_the_same_place_is_still_read(name: str, verb: str) -> None:
    assert names_in(f"{name} {verb} tyvärr inte") == (name,)


@pytest.mark.parametrize("name", ["Inga Lindström", "Ena Persson", "Kofi Annan", "Sig Andersson"])
def test_names_that_are_also_words_stay_names(name: str) -> None:
    assert looks_like_name(name)


@pytest.mark.parametrize(
    "sentence",
    [
        "Något har kommit emellan och jag kan tyvärr inte komma.",
        "Something has come up and I have to pull out.",
        "Det har tyvärr dykt upp något. Något gör att jag måste avstå seminariet.",
    ],
)
def test_something_came_up_is_the_writers_own_cancellation_naming_no_one(sentence: str) -> None:
    found = cancellations("", [sentence])
    assert found
    assert all(c.names == () and c.of_sender and not c.of_other for c in found)


@pytest.mark.parametrize(
    "sentence",
    [
        "Någon från vår enhet kan tyvärr inte komma.",
        "Someone from our unit has to pull out.",
        "En av oss kan inte komma på onsdag.",
        "Jag vill meddela att min kollega inte kan komma.",
    ],
)
def test_someone_who_is_not_named_is_a_cancellation_of_an_unnamed_other(sentence: str) -> None:
    (found,) = cancellations("", [sentence])
    assert found.names == ()
    assert found.of_other


@pytest.mark.parametrize(
    "sentence",
    [
        "Har blivit sjuk och kommer inte imorgon.",
        "Jag har blivit sjuk och kommer inte imorgon.",
        "Hej, kommer tyvärr inte på onsdag.",
        "Jag är hemma med sjukt barn och kommer inte på seminariet imorgon.",
        "Jag kommer inte på seminariet.",
    ],
)
def test_the_writers_own_kommer_inte_about_the_seminar_is_a_cancellation_of_the_writer(
    sentence: str,
) -> None:
    (found,) = cancellations("", [sentence])
    assert found.of_sender
    assert found.names == ()


@pytest.mark.parametrize(
    "sentence",
    [
        "Rapporten kommer inte idag.",
        "Rapporten från vår enhet kommer inte idag, jag skickar den på fredag.",
        "Jag tror att materialet är försenat och kommer inte idag heller.",
        "Jag har beställt fikat men det kommer inte imorgon.",
        "Jag har pratat med tryckeriet och materialet kommer inte imorgon.",
        "Vi spelar in för de som inte kan komma.",
    ],
)
def test_kommer_inte_said_of_a_thing_or_of_no_one_in_particular_is_no_cancellation(
    sentence: str,
) -> None:
    assert cancellations("", [sentence]) == ()


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Jag vill meddela att Lisa Berg tyvärr inte kan komma.", "Lisa Berg"),
        ("Jag ville bara säga att Anna inte kan komma på onsdag.", "Anna"),
        ("Vi har fått veta att Per af Klercker inte kommer att kunna närvara.", "Per af Klercker"),
    ],
)
def test_att_someone_inte_kan_komma_is_a_cancellation_of_that_someone_not_the_writer(
    sentence: str, name: str
) -> None:
    (found,) = cancellations("", [sentence])
    assert found.names == (name,)
    assert not found.of_sender


def test_att_two_named_colleagues_inte_kan_komma_names_both() -> None:
    (found,) = cancellations("", ["Jag vill meddela att Lisa Berg och Per Ek inte kan komma."])
    assert found.names == ("Lisa Berg", "Per Ek")
    assert not found.of_sender


@pytest.mark.parametrize(
    "sentence", ["Tråkigt att höra att ni inte kan komma.", "Synd att de inte kan delta."]
)
def test_att_someone_neither_named_nor_the_writer_inte_kan_komma_asks_whom(sentence: str) -> None:
    (found,) = cancellations("", [sentence])
    assert found.of_other
    assert not found.of_sender


def test_att_jag_inte_kan_komma_is_the_writers_own() -> None:
    (found,) = cancellations("", ["Jag vill meddela att jag tyvärr inte kan komma."])
    assert found.of_sender
    assert not found.of_other


def test_a_condition_before_att_someone_inte_kan_komma_is_doubted() -> None:
    sentence = "Om det visar sig att Lisa Berg inte kan komma hör jag av mig igen."
    assert cancellations("", [sentence]) == ()
    assert doubted([sentence]) == (sentence,)


@pytest.mark.parametrize(
    "sentence",
    [
        "Ta bort Anna från listan, hon är sjukskriven.",
        "Stryk Anna från deltagarlistan.",
        "Please remove Anna from the list.",
    ],
)
def test_a_first_name_taken_off_the_list_is_named_by_the_cancellation(sentence: str) -> None:
    (found,) = cancellations("", [sentence])
    assert found.names == ("Anna",)
    assert not found.of_sender


def test_a_first_name_alone_in_a_question_identifies_no_one_so_the_organiser_reads_it() -> None:
    # questions.asks_to acts on a request about the writer, an address or a whole name only.
    assert cancellations("", ["Kan ni ta bort Anna från listan?"]) == ()
    assert cancellations("", ["Kan ni ta bort Anna Berg från listan?"])


@pytest.mark.parametrize(
    "sentence",
    [
        "Ta bort Anna från cc i fortsättningen.",
        "Ta bort Anna Lindqvist från cc, hon behöver inte få kopior.",
        "Ta bort anna.lindqvist@huddinge.se från cc.",
        "Ta bort Anna från sändlistan, hon har bytt tjänst.",
        "Please remove Anna Berg from cc.",
        "Ta bort Bilaga från listan?",
    ],
)
def test_taking_someone_off_cc_or_a_mailing_list_is_no_cancellation(sentence: str) -> None:
    assert cancellations("", [sentence]) == ()


_PIECES = [
    "Hej,", "Jag", "har blivit sjuk", "och", "kommer", "inte", "ej", "imorgon", "på seminariet",
    "att", "min kollega", "Lisa Berg", "kan", "komma", "ta bort mig", "rapporten", "tyvärr",
    "hinner", "delta", "avboka", "eftersom", "hej", "ändå", "om", "det", "visar sig", ".", ",",
]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_the_quick_cancel_phrase_search_finds_what_the_whole_pattern_finds(
    pieces: list[str],
) -> None:
    # intent._cancel_phrase runs the costlier patterns only on sentences with "inte"/"ej";
    # it must find the same phrase, at the same place, as the one pattern of all phrases.
    text = " ".join(pieces)
    quick, whole = intent._cancel_phrase(text), intent._CANCEL.search(text)
    assert (quick and quick.span()) == (whole and whole.span())
