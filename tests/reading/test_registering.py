"""Which sentences ask to register, and which are questions about something else (SPEC §3;
reading.registering, reading.intent.signs_of_registering)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailbot.reading.intent import sender_counted, signs_of_registering
from mailbot.reading.questions import is_question
from mailbot.reading.registering import (
    asks_to_register,
    others_unnamed,
    plain_question,
    states_registering,
)


@pytest.mark.parametrize(
    "question",
    [
        "Kan jag anmäla mig och en kollega?",
        "Går det bra att anmäla Anna Berg, anna.berg@huddinge.se?",
        "Hej! Får jag komma på seminariet den 14 september?",
        "Finns det plats för oss två från Solna?",
        "Kommer ni att ha plats för mig?",
        "Jag undrar om jag kan anmäla mig till seminariet.",
        "Can I still sign up for the seminar?",
        "Would it be possible to register my colleague Omar Ali (omar.ali@nacka.se)?",
        "Is there room for me on the 14th?",
        "Hi Therese, could we attend both days?",
    ],
)
def test_a_question_that_asks_to_be_registered_is_a_sign_of_registering(question: str) -> None:
    assert is_question(question)
    assert asks_to_register(question)
    assert signs_of_registering("", [question])


@pytest.mark.parametrize(
    "question",
    [
        "Kommer det att finnas fika under eftermiddagen?",
        "Hur tar man sig till platsen enklast från Centralen?",
        "Skickas en förteckning över medverkande organisationer ut innan?",
        "Hi, will the attendance list be published anywhere?",
        "Hur anmäler man sig?",
        "Går det fortfarande att anmäla sig?",
        "När är sista dag för anmälan?",
        "Är jag anmäld?",
        "Finns det plats kvar?",
        "Kommer vi att få dokumentationen efteråt?",
        "Kan jag komma förbi ditt kontor i morgon?",
        "Får jag och min kollega parkera i garaget?",
        "Kan Anna Berg (anna.berg@huddinge.se) vara moderator?",
        "How do I register for the seminar?",
        "What time should attendees arrive?",
        "Jag undrar hur man anmäler sig.",
    ],
)
def test_a_question_about_something_else_is_no_sign_even_with_a_registering_word(
    question: str,
) -> None:
    assert plain_question(question)
    assert not signs_of_registering("", ["Hej!", "", question])
    assert sender_counted(["Hej!", "", question]) is None


@pytest.mark.parametrize(
    "statement",
    [
        "Jag anmäler mig till seminariet.",
        "Anmäler enligt nedan.",
        "Jag skulle vilja delta.",
        "Vi kommer gärna båda två.",
        "I så fall kommer jag gärna.",
        "I will be attending.",
        "Please sign me up.",
        "Jag vill boka en plats.",
    ],
)
def test_a_statement_that_registers_is_a_sign(statement: str) -> None:
    assert not is_question(statement)
    assert states_registering(statement)


@pytest.mark.parametrize(
    "statement",
    [
        "Här kommer den krypterade rapporten som vi pratade om.",
        "Vi kommer att skicka rapporten i morgon.",
        "Jag kommer från Huddinge kommun.",
        "Jag tror att hon kommer.",
        "Tack för ert deltagande!",
        "Jag har anmält ärendet till polisen.",
        "Anmälningsblanketten finns på webben.",
        "Vagn 3, plats 41.",
        "Deltagarlistan är bifogad.",
        "Jag deltog förra året.",
    ],
)
def test_a_registering_word_in_another_sense_is_no_sign(statement: str) -> None:
    assert not states_registering(statement)
    assert not signs_of_registering("", [statement])


@pytest.mark.parametrize(
    "statement",
    [
        "Jag vet inte om jag kan komma än, det beror på schemat.",
        "Jag vet inte än om jag kommer.",
        "Jag är osäker på om jag kan delta.",
        "Det är inte bestämt om vi kommer.",
        "I'm not sure if I can attend yet.",
        "I don't know yet whether I can come.",
    ],
)
def test_a_writer_who_does_not_know_yet_whether_they_come_shows_no_sign(statement: str) -> None:
    assert not states_registering(statement)
    assert not signs_of_registering("Seminariet i september", [statement])
    assert sender_counted([statement]) is None


def test_a_writer_who_wonders_whether_they_may_register_still_asks_to() -> None:
    """ "Jag undrar om jag kan anmäla mig" is Swedish politeness for a request."""
    assert signs_of_registering("", ["Jag undrar om jag kan anmäla mig till seminariet."])


@pytest.mark.parametrize(
    ("subject", "statement"),
    [
        ("Rättelse anmälan", "Liten rättelse till vår anmälan: Jonas efternamn stavas Lärkå."),
        ("Seminariet", "Det blev ett fel i min anmälan, Anna heter Berg i efternamn."),
        ("Correction", "A correction to our registration: Per's surname is Lund."),
    ],
)
def test_a_correction_of_an_existing_registration_is_no_sign_of_registering(
    subject: str, statement: str
) -> None:
    assert not signs_of_registering(subject, [statement])


def test_a_registering_subject_over_a_question_about_something_else_is_its_title() -> None:
    """ "Anmälan" over "Finns det parkering?" is a question for the organiser."""
    assert not signs_of_registering("Anmälan", ["Hej!", "", "Finns det parkering vid lokalen?"])
    assert signs_of_registering("Anmälan", [])
    assert signs_of_registering("Anmälan", ["Hej!", "", "Jag heter Eva och jobbar i Solna."])


def test_a_question_in_the_subject_is_read_as_a_question() -> None:
    assert not signs_of_registering("Fråga om anmälan", [])
    assert not signs_of_registering("Anmälan?", [])


@pytest.mark.parametrize(
    ("sentence", "unnamed"),
    [
        ("Kan jag anmäla mig och en kollega?", True),
        ("Jag anmäler mig och min kollega.", True),
        ("Vi kommer gärna båda två.", True),
        ("I would like to register two colleagues.", True),
        ("Jag anmäler min kollega Kalle Karlsson.", False),
        ("Jag vill anmäla två kollegor: Anna Berg och Per Ek.", False),
        ("Min kollega undrar om det finns parkering?", False),
    ],
)
def test_a_registration_that_says_others_come_without_naming_them_is_seen(
    sentence: str, unnamed: bool
) -> None:
    assert others_unnamed(sentence) is unnamed


# A question built not to ask for a registration: an interrogative word or an impersonal
# subject first, then any words, §3's registering words, names and addresses among them.
_OPENINGS = st.sampled_from(
    [
        "Hur",
        "När",
        "Var",
        "Vilken",
        "Vad",
        "Varför",
        "Vem",
        "Kommer det att",
        "Finns det",
        "Skickas",
        "Blir det",
        "How",
        "When",
        "Where",
        "What",
        "Will the",
        "Is the",
    ]
)
_WORDS = st.sampled_from(
    [
        "anmäla",
        "anmälan",
        "anmäler",
        "delta",
        "deltar",
        "deltagare",
        "komma",
        "kommer",
        "plats",
        "platsen",
        "registrera",
        "register",
        "registration",
        "attend",
        "attendance",
        "sign up",
        "jag",
        "mig",
        "vi",
        "oss",
        "I",
        "me",
        "kollega",
        "Anna Berg",
        "anna.berg@huddinge.se",
        "Per Ek (per.ek@nacka.se)",
        "seminariet",
        "fika",
        "lokalen",
        "the",
        "seminar",
        "och",
        "or",
    ]
)
QUESTIONS = st.builds(
    lambda opening, words: f"{opening} {' '.join(words)}?",
    _OPENINGS,
    st.lists(_WORDS, min_size=1, max_size=10),
)


@settings(max_examples=300, deadline=None)
@given(question=QUESTIONS, greeting=st.sampled_from(["", "Hej!", "Hi Therese,", "Hej Therese!"]))
def test_a_question_that_opens_by_asking_how_when_what_or_whether_something_is_asks_no_registration(
    question: str, greeting: str
) -> None:
    lines = [greeting, "", question] if greeting else [question]
    assert plain_question(question)
    assert not signs_of_registering("", lines)
    assert sender_counted(lines) is None


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Jag anmäler Anna Berg (anna.berg@huddinge.se), finns det vegetarisk mat?", True),
        ("Jag kommer gärna och undrar om det finns parkering.", True),
        ("How do I register for the seminar, and is there a deadline?", False),
        ("Hej, jag kommer från Botkyrka och undrar om presentationerna delas?", False),
    ],
)
def test_a_question_after_a_statement_that_registers_is_still_a_registration(
    text: str, sign: bool
) -> None:
    assert signs_of_registering("", [text]) is sign


def test_the_swedish_preposition_i_names_no_one_in_an_impersonal_question() -> None:
    assert not asks_to_register("Går det att anmäla sig i förväg?")
    assert asks_to_register("Can I sign up in advance?")


def test_a_negated_modal_is_passed_over_for_the_one_that_asks() -> None:
    assert asks_to_register("Jag kan inte komma själv, men kan min kollega Per Ek delta?")
    assert not asks_to_register("Jag kan inte komma, kan ni skicka materialet?")
