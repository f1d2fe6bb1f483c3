"""A registration asked for only if there is a seat (SPEC §3, §5): the sentence is named, so the
decision can ask instead of waitlisting; a text that accepts the waitlist has no such condition.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailbot.reading.seat_condition import seat_condition


@pytest.mark.parametrize(
    "text",
    [
        "Anmäl mig om det finns plats kvar, annars struntar vi i det.",
        "Anmäl mig om det finns plats kvar, annars inte.",
        "Vi kommer gärna om det fortfarande finns lediga platser.",
        "Jag vill anmäla mig i mån av plats.",
        "Ifall plats finns vill jag gärna delta.",
        "Please register me if there is still room.",
        "I'd like to attend if any seats are left.",
        "Kan ni anmäla mig om det finns plats kvar?",
        "Anmäl mig om det finns plats. Jag vill inte stå på väntelistan.",
    ],
)
def test_a_seat_asked_for_only_if_there_is_one_is_read_as_a_condition(text: str) -> None:
    assert seat_condition([text]) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Anmäl mig om det finns plats kvar, annars gärna på väntelistan.",
        "Anmäl mig. Om det är fullt står jag gärna på reservlistan.",
        "Finns det plats kvar?",
        "Vad händer om det inte finns plats?",
        "Jag anmäler mig till seminariet.",
        "Finns det plats för rullstol i lokalen?",
    ],
)
def test_no_condition_when_the_waitlist_is_accepted_or_seats_are_only_asked_about(
    text: str,
) -> None:
    assert seat_condition([text]) is None


@given(st.text(max_size=300))
def test_reading_the_condition_never_raises(text: str) -> None:
    found = seat_condition(text.split("\n"))
    assert found is None or found.strip()
