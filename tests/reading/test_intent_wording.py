"""Cancelling, "we" and swaps in the words found in review (reading.intent, SPEC §3):
"ta bort mig" is "stryk mig", a mailing list is not the seminar's list, "vi" names people it
does not identify, and a named swap answers the bare question beside it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailbot.reading.html import Rendered
from mailbot.reading.intent import (
    Mention,
    cancellations,
    sender_counted,
    signs_of_registering,
    substitutions,
    unsubscribes,
    we_come,
)
from mailbot.reading.message import read_text

# ------------------------------------------------------------------------------ "ta bort mig"


@pytest.mark.parametrize(
    "text",
    [
        "Ta bort mig",
        "Hej, ta bort mig från listan.",
        "Ta bort mig från deltagarlistan, tack.",
        "Ta bort min anmälan är du snäll.",
        "Kan ni ta bort mig från listan?",
        "Please remove me from the list.",
        "Please remove my registration.",
        "Could you please remove my registration?",
        "Please take me off the list.",
        "Jag drar tillbaka min anmälan.",
        "I would like to withdraw my registration.",
    ],
)
def test_ta_bort_mig_and_remove_me_cancel_the_writer_like_stryk_mig(text: str) -> None:
    (found,) = cancellations("", [text])
    assert found.of_sender
    assert found.names == () and found.addresses == ()


def test_ta_bort_a_named_person_cancels_that_name() -> None:
    (found,) = cancellations("", ["Ta bort Lisa Berg från listan, hon har slutat."])
    assert found.names == ("Lisa Berg",)
    assert not found.of_sender


@pytest.mark.parametrize(
    "text",
    ["Ta bort bilagan.", "Kan man ta bort sin anmälan i efterhand?", "Remove the old version."],
)
def test_ta_bort_without_a_person_or_a_request_cancels_no_one(text: str) -> None:
    assert cancellations("", [text]) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Ta bort mig från er e-postlista.",
        "Kan ni ta bort mig från er utskickslista?",
        "Stryk mig från sändlistan för nyhetsbrevet.",
        "Please unsubscribe me from your newsletter.",
        "Please remove me from your mailing list, I never registered.",
    ],
)
def test_a_removal_from_a_mailing_list_cancels_no_one_and_is_no_sign_of_registering(
    text: str,
) -> None:
    assert unsubscribes(text)
    assert cancellations("", [text]) == ()
    assert not signs_of_registering("", [text])


def test_a_mailing_list_beside_not_coming_still_cancels_the_writer() -> None:
    (found,) = cancellations("", ["Jag kan inte komma, och ta bort mig från ert nyhetsbrev."])
    assert found.of_sender


_REMOVE = st.sampled_from(
    ["Ta bort mig", "Stryk mig", "Kan ni ta bort mig", "Please remove me", "Please take me off"]
)
_MAILING = st.sampled_from(
    [
        "från er e-postlista",
        "från utskickslistan",
        "från ert nyhetsbrev",
        "från era utskick",
        "from your mailing list",
        "from the newsletter",
        "from your list",
        "from your distribution list",
    ]
)


@given(remove=_REMOVE, mailing=_MAILING, end=st.sampled_from([".", "?", ", tack.", "!"]))
def test_a_mail_whose_only_removal_words_are_about_a_mailing_list_cancels_no_one(
    remove: str, mailing: str, end: str
) -> None:
    lines = ["Hej,", "", f"{remove} {mailing}{end}", "", "Mvh Lisa"]
    assert cancellations("Utskick", lines) == ()
    assert sender_counted(lines) is None


# ------------------------------------------------------------------------------ not coming

_NOT_COMING = st.sampled_from(
    [
        "Jag har tyvärr inte möjlighet att delta",
        "Tyvärr hinner jag inte delta",
        "Jag deltar inte",
        "Jag är förhindrad att komma",
        "Jag kan tyvärr inte längre vara med",
        "Jag har ingen möjlighet att komma",
        "I won't be attending after all",
        "I'm not able to attend",
        "I can no longer attend",
        "Unfortunately I am not coming",
    ]
)


@given(
    phrase=_NOT_COMING,
    opening=st.sampled_from(["", "Hej! ", "Tack för inbjudan. ", "Hi Therese, "]),
    end=st.sampled_from([".", " den 14 september.", " on the 14th.", "!"]),
)
def test_a_sentence_that_says_the_writer_does_not_come_never_counts_them_in(
    phrase: str, opening: str, end: str
) -> None:
    lines = [opening + phrase + end]
    assert sender_counted(lines) is None
    (found,) = cancellations("", lines)
    assert found.of_sender


# ------------------------------------------------------------------------------ "vi"


@pytest.mark.parametrize(
    "text",
    [
        "Vi kommer gärna.",
        "Vi kommer båda.",
        "Tack för inbjudan. Vi kommer gärna på seminariet.",
        "Vi vill anmäla oss till seminariet.",
        "Räkna med oss!",
        "We'd both like to come.",
        "Please register us for the seminar.",
    ],
)
def test_vi_kommer_counts_the_writer_and_asks_who_the_others_are(text: str) -> None:
    read = read_text(
        Rendered(("Hej!", "", text, "", "Mvh Karin")),
        "Seminariet",
        sender_name="Karin Lind",
        sender_address="karin.lind@huddinge.se",
    )
    assert read.people.people == ()
    assert read.people.we_come is not None
    (unread,) = read.people.unread
    assert str(unread.why) == "others are said to come, but not named"


@pytest.mark.parametrize(
    "text",
    [
        "Vi kommer att skicka listan senare.",
        "Vi kan tyvärr inte komma.",
        "Vi vill anmäla två kollegor.",
        "Kommer vi att få material?",
        "We will come back to you.",
        "Vi ses på seminariet!",
    ],
)
def test_vi_that_does_not_say_we_come_counts_no_one(text: str) -> None:
    assert we_come([text]) is None


def test_vi_beside_named_people_books_them_not_the_writer() -> None:
    read = read_text(
        Rendered(
            ("Vi kommer gärna: Anna Berg (anna.berg@huddinge.se) och Per Ek (per.ek@huddinge.se).",)
        ),
        "Anmälan",
        sender_name="Karin Lind",
        sender_address="karin.lind@huddinge.se",
    )
    assert [p.email for p in read.people.people] == ["anna.berg@huddinge.se", "per.ek@huddinge.se"]
    assert read.people.sender_counted is None and read.people.we_come is None


# ------------------------------------------------------------------------------ swaps


@pytest.mark.parametrize(
    "lines",
    [
        ["Kan vi byta deltagare? Anna Berg kan inte, Per Persson går i stället: per@lund.se"],
        [
            "Kan vi byta deltagare?",
            "",
            "Anna Berg kan inte, Per Persson går i stället: per@lund.se",
        ],
        [
            "Anna Berg kan inte, Per Persson går i stället: per@lund.se. Går det bra att byta deltagare?"
        ],
    ],
)
def test_a_named_swap_answers_the_bare_question_beside_it(lines: list[str]) -> None:
    (found,) = substitutions("Byte av deltagare", lines)
    assert found.old == Mention("Anna Berg", None)
    assert found.new == Mention("Per Persson", "per@lund.se")


def test_byta_deltagare_till_a_named_person_names_the_new_one() -> None:
    (found,) = substitutions("", ["Kan vi byta deltagare till Per Persson, per@lund.se?"])
    assert found.old is None
    assert found.new == Mention("Per Persson", "per@lund.se")


@pytest.mark.parametrize(
    "text",
    [
        "Jag har fått förhinder, men min kollega Sara Ek (sara.ek@lund.se) går i mitt ställe.",
        "Min kollega Sara Ek tar min plats, sara.ek@lund.se",
        "My colleague Sara Ek (sara.ek@lund.se) will take my place.",
    ],
)
def test_one_who_goes_in_my_place_replaces_the_writer(text: str) -> None:
    (found,) = substitutions("", [text], "anna.berg@lund.se")
    assert found.old == Mention(None, "anna.berg@lund.se")
    assert found.new == Mention("Sara Ek", "sara.ek@lund.se")
    assert cancellations("", [text]) == ()


def test_in_my_place_with_no_writer_known_leaves_the_one_replaced_to_be_asked() -> None:
    (found,) = substitutions("", ["Sara Ek (sara.ek@lund.se) går i mitt ställe."])
    assert found.old is None


@pytest.mark.parametrize(
    "text",
    [
        "Ta bort min kommentar från förra mejlet.",
        "Tyvärr finns det ingen möjlighet att delta på distans, så jag kommer på plats.",
        "Please remove her from the CC list.",
    ],
)
def test_removing_something_else_or_an_impersonal_no_cancels_no_one(text: str) -> None:
    assert cancellations("", [text]) == ()


@pytest.mark.parametrize(
    "text",
    ["Min kollega kan tyvärr inte komma.", "Hon har fått förhinder.", "Vi kan inte komma ändå."],
)
def test_a_cancellation_of_someone_it_does_not_name_says_so(text: str) -> None:
    (found,) = cancellations("", [text])
    assert found.of_other
    assert found.names == () and found.addresses == ()


def test_a_cancellation_of_a_named_person_is_not_of_an_unnamed_other() -> None:
    (found,) = cancellations("", ["Hon kan inte komma, Anna Berg alltså."])
    assert found.names == ("Anna Berg",)
    assert not found.of_other
