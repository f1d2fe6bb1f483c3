"""A cancelling or swapping phrase that a careful organiser would not act on (reading.doubts,
SPEC §3 precision first): negated, conditional, about another event or part of it, beside the
writer's coming, or about a role. Found by writing mails against the review's phrases
(tests/corpus/cases_adversary.py)."""

from __future__ import annotations

import pytest

from mailbot.reading.found import Found, Unread
from mailbot.reading.intent import cancellations, doubted, substitutions, we_come
from mailbot.reading.message import doubted_asked

NOT_ACTED_ON = [
    # negated
    "Jag har inte för avsikt att dra tillbaka min anmälan, jag ville bara fråga om parkering.",
    "Ni behöver inte stryka mig, jag kommer ändå.",
    "My meeting was moved, so there is no need to remove me from the list after all.",
    "Please don't cancel my registration, I sent that mail by mistake.",
    # a case that may come
    "Om jag inte hinner delta på grund av jouren meddelar jag er senast på tisdag.",
    "If it turns out I won't be attending after all, I will let you know by Friday.",
    "Skulle jag inte kunna komma hör jag av mig.",
    "In case I can't attend, I will tell you on Monday.",
    # another event, or part of it
    "Jag deltar inte i förmiddagens nätverksmöte.",
    "Jag deltar inte i samverkansmötet med polisen på onsdag eftersom jag ska på ert seminarium.",
    "I won't be attending the lunch beforehand.",
    "Jag hinner tyvärr inte delta hela eftermiddagen, jag måste gå kl. 15.",
    "Jag kan tyvärr inte komma på vårt avstämningsmöte imorgon kl. 10.",
    # the writer still comes
    "Jag är förhindrad den 13:e, men som anmäld kommer jag förstås den 14:e.",
    "My manager won't be attending, as she is on leave, but I will be there as booked.",
    "Min kollega Per kan inte komma, men jag kommer som planerat.",
    # a role or a copy, not a seat
    "Kan ni ta bort mig som kontaktperson för Huddinge?",
    "Could you remove me from cc on the coordination emails?",
]


@pytest.mark.parametrize("text", NOT_ACTED_ON)
def test_a_negated_conditional_or_other_event_phrase_cancels_no_one(text: str) -> None:
    assert cancellations("", [text]) == ()
    assert substitutions("", [text], writer="lisa.berg@huddinge.se") == ()


@pytest.mark.parametrize(
    "text",
    [
        "I may be needed in court that day. If so, my colleague Jon Berg "
        "(jon.berg@kriminalvarden.se) will take my place.",
        "Om jag blir sjuk tar Jon Berg (jon.berg@huddinge.se) min plats.",
        "Ingen kollega kan gå i mitt ställe, så jag kommer själv.",
    ],
)
def test_a_swap_that_may_come_or_is_negated_swaps_no_one(text: str) -> None:
    assert substitutions("", [text], writer="emma@kriminalvarden.se") == ()


@pytest.mark.parametrize(
    "text",
    [
        "Hej, jag kan inte komma ändå, stryk mig från listan.",
        "Jag har tyvärr inte möjlighet att delta den 14:e.",
        "Tyvärr hinner jag inte delta på onsdag, det har kommit in en akut placering.",
        "I'm sorry, but I won't be attending on the 14th after all.",
        "Jag drar tillbaka min anmälan till seminariet, det blev ändrade planer.",
        "Please cancel my registration as I have to attend another meeting.",
        "Jag kan inte komma, men tack för inbjudan.",
        "Jag måste tyvärr avstå seminariet på onsdag pga sjukdom.",
        "Jag får tyvärr ställa in mitt deltagande.",
        "Something has come up and I have to pull out of the seminar.",
        "Jag kommer tyvärr inte imorgon, jag är sjuk.",
    ],
)
def test_a_plain_cancellation_of_the_writer_is_still_read(text: str) -> None:
    (found,) = cancellations("", [text])
    assert found.of_sender


def test_a_swap_of_the_writer_with_nothing_against_it_is_still_read() -> None:
    text = (
        "Jag har fått förhinder, men min kollega Sara Ek (sara.ek@huddinge.se) går i mitt ställe."
    )
    (swap,) = substitutions("", [text], writer="anna@huddinge.se")
    assert swap.old is not None and swap.old.address == "anna@huddinge.se"
    assert swap.new is not None and swap.new.address == "sara.ek@huddinge.se"


def test_a_person_named_in_a_conditional_swap_is_asked_about_not_booked() -> None:
    line = "Om jag blir sjuk tar Jon Berg (jon.berg@huddinge.se) min plats."
    read = [Found("prose", line, name="Jon Berg", email="jon.berg@huddinge.se")]
    (asked,) = doubted_asked(list(read), doubted([line]))
    assert isinstance(asked, Unread) and asked.email == "jon.berg@huddinge.se"


def test_vi_kommer_garna_att_is_a_promise_not_we_come() -> None:
    assert we_come(["Vi kommer gärna att sprida inbjudan vidare inom socialtjänsten."]) is None
    assert we_come(["Vi kommer gärna båda två."]) is not None
