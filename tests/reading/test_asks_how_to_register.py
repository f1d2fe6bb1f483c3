""" "Vi är två till … som vill komma. Hur gör vi?": a "vi" that comes, followed by a question of
how to register, has registered no one yet; who "vi" are is asked (SPEC §3: a name with no
address is not booked; a careful organiser asks). A question about something else after it
("Hur gör vi med parkeringen?") leaves "vi" counting the writer (reading.intent.asks_how_after,
reading.message)."""

from __future__ import annotations

import pytest

from mailbot.reading import intent
from mailbot.reading.found import OTHERS_UNNAMED
from mailbot.reading.html import Rendered
from mailbot.reading.message import People, read_text


def people(*lines: str) -> People:
    text = read_text(
        Rendered(("Hej!", "", *lines, "", "/Camilla")),
        "Seminariet",
        sender_name="Camilla Strand",
        sender_address="camilla.strand@lidingo.se",
    )
    return text.people


@pytest.mark.parametrize(
    "question",
    [
        "Hur gör vi?",
        "Hur gör vi då?",
        "Hur anmäler vi oss?",
        "Hur gör vi för att anmäla oss?",
        "Vad ska vi göra?",
        "How do we sign up?",
        "What do we do now?",
    ],
)
def test_we_come_followed_by_how_to_register_counts_no_writer_and_asks_who(question: str) -> None:
    read = people(f"Vi är två till från Lidingö som vill komma på seminariet. {question}")
    assert read.we_come is None
    assert [u.why for u in read.unread] == [OTHERS_UNNAMED]


@pytest.mark.parametrize(
    "question",
    ["Hur gör vi med parkeringen?", "Hur tar vi oss dit?", "How do we get there?"],
)
def test_we_come_followed_by_another_question_still_counts_the_writer(question: str) -> None:
    read = people(f"Vi kommer gärna på seminariet. {question}")
    assert read.we_come == "Vi kommer gärna på seminariet."
    assert [u.why for u in read.unread] == [OTHERS_UNNAMED]


def test_a_how_question_before_the_sentence_does_not_take_it_back() -> None:
    lines = ["Hur gör vi?", "Vi kommer gärna på seminariet."]
    assert not intent.asks_how_after(lines, "Vi kommer gärna på seminariet.")
