"""Phrases of intent in the author's text and the subject (reading.intent, SPEC §3, §6)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailbot.reading.date_requests import date_requests
from mailbot.reading.intent import (
    Cancellation,
    cancellations,
    for_information_only,
    sender_counted,
    sender_excluded,
    signs_of_registering,
    substitutions,
)
from mailbot.reading.names import names_in
from mailbot.reading.swaps import Mention, Substitution


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        ("Anmälan", ""),
        ("Avanmälan?", "Hej, vi vill anmäla två personer"),
        ("", "Jag vill delta i seminariet"),
        ("", "Vi deltar gärna"),
        ("", "Kommer ni att ha plats för oss?"),
        ("Registration", ""),
        ("", "I would like to attend"),
        ("", "Can I sign up two colleagues?"),
        ("", "Vi kommer tre stycken"),
    ],
)
def test_a_sign_of_registering_in_the_subject_or_the_text_is_seen(subject: str, text: str) -> None:
    assert signs_of_registering(subject, text.splitlines())


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        ("Nyhetsbrev november", "Läs om höstens nyheter på vår webbplats."),
        ("Fråga om parkering", "Var parkerar man vid lokalen?"),
        ("Your invoice", "Please find the invoice attached."),
        ("Avanmälan", ""),
    ],
    ids=["a newsletter", "a question", "an english notice", "a cancellation alone"],
)
def test_a_mail_with_no_sign_of_registering_is_seen_as_none(subject: str, text: str) -> None:
    assert not signs_of_registering(subject, text.splitlines())


@pytest.mark.parametrize(
    "text",
    [
        "Jag vill anmäla mig själv och min kollega Kalle Karlsson.",
        "Jag och min kollega Lisa kommer.",
        "Jag anmäler:\n- Jag själv\n- Anna Svensson, anna@lund.se",
        "Tack! Jag kommer gärna.",
        "Hej, anmäler härmed mig till seminariet.",
        "I will attend myself, together with Jane Doe.",
        "Please register me and my colleague.",
        "Me and my colleague would like to come.",
    ],
)
def test_the_sender_is_counted_when_the_text_says_so(text: str) -> None:
    assert sender_counted(text.splitlines()) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Själv kan jag inte komma, men jag anmäler mina kollegor.",
        "Själv kommer jag inte, men Anna kommer.",
        "Jag anmäler mina kollegor:",
        "Jag själv kan tyvärr inte delta.",
        "Jag anmäler inte mig själv.",
        "I can't attend myself, but please register Jane Doe.",
        "Myself, I cannot come.",
    ],
)
def test_the_sender_is_excluded_when_the_text_says_they_do_not_come(text: str) -> None:
    assert sender_excluded(text.splitlines()) is not None
    assert sender_counted(text.splitlines()) is None


def test_registering_others_and_oneself_counts_the_sender() -> None:
    lines = ["Jag anmäler härmed två kollegor och mig själv."]
    assert sender_counted(lines) is not None
    assert sender_excluded(lines) is None


@pytest.mark.parametrize(
    "text",
    [
        "I would like to register two colleagues.",
        "Jag vill anmäla Anna Svensson.",
        "Vi kommer tre.",
    ],
)
def test_registering_others_does_not_count_the_sender(text: str) -> None:
    assert sender_counted([text]) is None


def test_registering_for_the_seminar_counts_the_sender() -> None:
    assert sender_counted(["I would like to register for the seminar."]) is not None


def test_registering_only_others_excludes_the_sender() -> None:
    assert sender_excluded(["Jag vill anmäla följande personer:", "- Anna Svensson, anna@lund.se"])


def test_a_plain_registration_of_others_neither_counts_nor_excludes_the_sender() -> None:
    lines = ["Hej!", "Vi anmäler Anna Svensson, anna@lund.se."]
    assert sender_counted(lines) is None
    assert sender_excluded(lines) is None


@pytest.mark.parametrize(
    ("subject", "text", "expected"),
    [
        (
            "Återbud – Lisa Berg",
            "",
            Cancellation("Återbud – Lisa Berg", ("Lisa Berg",), in_subject=True),
        ),
        ("SV: Avanmälan", "", Cancellation("SV: Avanmälan", in_subject=True)),
        (
            "",
            "kan inte komma, stryk mig",
            Cancellation("kan inte komma, stryk mig", of_sender=True),
        ),
        ("", "Lisa kan tyvärr inte delta.", Cancellation("Lisa kan tyvärr inte delta.", ("Lisa",))),
        (
            "",
            "Vänligen avboka anna@lund.se",
            Cancellation("Vänligen avboka anna@lund.se", addresses=("anna@lund.se",)),
        ),
        (
            "",
            "Stryk Per Persson från listan.",
            Cancellation("Stryk Per Persson från listan.", ("Per Persson",)),
        ),
        ("Cancellation", "", Cancellation("Cancellation", in_subject=True)),
        (
            "",
            "Please unregister John Smith.",
            Cancellation("Please unregister John Smith.", ("John Smith",)),
        ),
        ("", "I can't attend, sorry.", Cancellation("I can't attend, sorry.", of_sender=True)),
        ("", "Vi har fått förhinder.", Cancellation("Vi har fått förhinder.", of_other=True)),
    ],
    ids=[
        "aterbud with a name in the subject",
        "avanmalan in a reply subject",
        "cannot come and strike me",
        "a given name that cannot take part",
        "cancel an address",
        "strike a named person",
        "english cancellation subject",
        "english unregister a name",
        "english cannot attend",
        "we have been prevented: who are we? (of_other)",
    ],
)
def test_a_cancellation_carries_the_names_and_addresses_written_with_it(
    subject: str, text: str, expected: Cancellation
) -> None:
    assert cancellations(subject, text.splitlines()) == (expected,)


def test_the_people_listed_below_a_cancel_sentence_are_the_ones_cancelled() -> None:
    lines = [
        "Hej!",
        "Följande kan tyvärr inte komma:",
        "- Lisa Berg",
        "- omar.ali@lund.se",
        "",
        "Mvh Kim",
    ]
    (cancel,) = cancellations("", lines)
    assert (cancel.names, cancel.addresses, cancel.of_sender) == (
        ("Lisa Berg",),
        ("omar.ali@lund.se",),
        False,
    )
    assert cancel.line == "Följande kan tyvärr inte komma:\n- Lisa Berg\n- omar.ali@lund.se"


def test_a_mail_with_no_cancel_phrase_has_no_cancellation() -> None:
    assert cancellations("Anmälan", ["Jag kan komma den 14:e.", "Anna kommer också."]) == ()


def test_one_mail_may_cancel_one_person_and_register_another() -> None:
    lines = [
        "Lisa Berg kan tyvärr inte komma.",
        "",
        "Vi anmäler i stället Omar Ali, omar@lund.se, till nästa.",
    ]
    (cancel,) = cancellations("", lines)
    assert cancel.names == ("Lisa Berg",)


@pytest.mark.parametrize(
    ("text", "old", "new"),
    [
        (
            "Anna kan inte, Per Persson går i stället: per.persson@lund.se",
            Mention("Anna"),
            Mention("Per Persson", "per.persson@lund.se"),
        ),
        (
            "Lisa ersätts av Omar Ali (omar.ali@lund.se).",
            Mention("Lisa"),
            Mention("Omar Ali", "omar.ali@lund.se"),
        ),
        (
            "Omar Ali, omar@lund.se, kommer i stället för Lisa Berg.",
            Mention("Lisa Berg"),
            Mention("Omar Ali", "omar@lund.se"),
        ),
        (
            "Per Persson ersätter anna@lund.se",
            Mention(None, "anna@lund.se"),
            Mention("Per Persson"),
        ),
        ("John Smith replaces Jane Doe.", Mention("Jane Doe"), Mention("John Smith")),
        ("Jane Doe will attend instead of John Smith", Mention("John Smith"), Mention("Jane Doe")),
        (
            "Jane Doe is replaced by John Smith <john@example.org>",
            Mention("Jane Doe"),
            Mention("John Smith", "john@example.org"),
        ),
    ],
    ids=[
        "one cannot and another goes instead with an address",
        "replaced by",
        "comes instead of",
        "replaces an address",
        "english replaces",
        "english instead of",
        "english is replaced by",
    ],
)
def test_a_substitution_says_who_replaces_whom(text: str, old: Mention, new: Mention) -> None:
    assert substitutions("", [text]) == (Substitution(text, old, new),)


@pytest.mark.parametrize("text", ["Byte av deltagare", "Change of participant", "Substitution"])
def test_a_change_of_participant_without_names_is_a_substitution_naming_no_one(text: str) -> None:
    assert substitutions(text, []) == (Substitution(text, None, None),)


def test_a_substitution_is_not_also_a_cancellation() -> None:
    text = ["Anna kan inte komma, Per Persson går i stället: per.persson@lund.se"]
    assert cancellations("", text) == ()


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Vi vill hellre komma den 19 maj.", "19 maj"),
        ("Kan vi byta till 15/9?", "15/9"),
        ("We would rather come on the 15th of September.", "the 15th of September"),
        ("Jag vill anmäla mig till 2026-09-15.", "2026-09-15"),
        ("Could we attend on September 15 instead?", "September 15"),
    ],
)
def test_a_date_where_the_author_asks_to_come_is_read_as_written(text: str, date: str) -> None:
    (request,) = date_requests("", [text])
    assert request.date == date


def test_a_date_in_the_subject_is_read() -> None:
    (request,) = date_requests("Anmälan 19 maj", [])
    assert (request.date, request.in_subject) == ("19 maj", True)


def test_a_date_in_a_sentence_about_something_else_is_no_request() -> None:
    assert date_requests("", ["Fakturan skickades 15/9.", "Vi ses!"]) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Bifogar listan för kännedom.",
        "Till er kännedom: deltagarlistan.",
        "FYI, the list of staff.",
        "For information only.",
    ],
)
def test_an_attachment_for_information_only_is_seen(text: str) -> None:
    assert for_information_only("", [text]) == text


def test_an_attachment_without_such_words_is_not_for_information_only() -> None:
    assert for_information_only("Anmälan", ["Bifogar listan med deltagare."]) is None


def test_names_in_a_phrase_are_runs_of_name_words_and_a_lone_given_name() -> None:
    assert names_in("Återbud – Lisa Berg och Per af Klercker") == ("Lisa Berg", "Per af Klercker")
    assert names_in("Omar kan inte.") == ("Omar",)
    assert names_in("Tyvärr kan vi inte.") == ()
    assert names_in("Avboka kalle.karlsson@lund.se") == ()


@given(st.text(max_size=300), st.text(max_size=80))
def test_intent_functions_never_raise_and_are_deterministic(text: str, subject: str) -> None:
    lines = text.splitlines()
    for function in (cancellations, substitutions, date_requests):
        assert function(subject, lines) == function(subject, lines)
    assert sender_counted(lines) == sender_counted(lines)
    assert sender_excluded(lines) == sender_excluded(lines)


# ------------------------------------------------------- questions about cancelling or swapping


@pytest.mark.parametrize(
    "text",
    [
        "Kan man avboka senare?",
        "Hur gör jag om jag behöver lämna återbud?",
        "Is it possible to cancel later if plans change?",
        "Går det att avanmäla sig i efterhand?",
        "Vad händer om jag inte kan komma?",
        "När är sista dag att avboka?",
        "Kan jag avboka om jag blir sjuk?",
        "Can I still cancel my registration?",
        "Ska jag avboka min plats?",
        "Do I need to cancel if I arrive late?",
        "Jag undrar om man kan stryka sig från listan senare.",
        "How do I cancel a colleague's registration?",
        "Måste man avanmäla sig skriftligt, eller räcker det att ringa?",
        "Kan man avboka, eller är det bindande?",
    ],
)
def test_a_question_about_whether_or_how_one_could_cancel_cancels_no_one(text: str) -> None:
    assert cancellations("", [text]) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Går det att byta deltagare om någon blir sjuk?",
        "Går det bra att byta deltagare?",
        "Kan man skicka en ersättare om jag inte kan komma?",
        "Is a substitution possible if someone falls ill?",
    ],
)
def test_a_question_about_whether_one_could_swap_is_no_substitution(text: str) -> None:
    assert substitutions("", [text]) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kan ni stryka mig från listan?",
            Cancellation("Kan ni stryka mig från listan?", of_sender=True),
        ),
        (
            "Could you cancel my registration?",
            Cancellation("Could you cancel my registration?", of_sender=True),
        ),
        (
            "Går det bra att stryka Anna Berg från listan?",
            Cancellation("Går det bra att stryka Anna Berg från listan?", ("Anna Berg",)),
        ),
        (
            "Kan ni avboka anna@lund.se om det går?",
            Cancellation("Kan ni avboka anna@lund.se om det går?", addresses=("anna@lund.se",)),
        ),
        (
            "Kan jag avanmäla mig?",
            Cancellation("Kan jag avanmäla mig?", of_sender=True),
        ),
        (
            "Jag undrar om ni kan stryka mig från deltagarlistan.",
            Cancellation("Jag undrar om ni kan stryka mig från deltagarlistan.", of_sender=True),
        ),
        (
            "Jag kan tyvärr inte komma, kan ni skicka materialet i efterhand?",
            Cancellation(
                "Jag kan tyvärr inte komma, kan ni skicka materialet i efterhand?", of_sender=True
            ),
        ),
    ],
    ids=[
        "kan ni stryka mig",
        "could you cancel my registration",
        "gar det bra att stryka a named person",
        "kan ni avboka an address if possible",
        "kan jag avanmala mig",
        "an indirect request",
        "a question after a sentence that cancels",
    ],
)
def test_a_question_that_asks_to_cancel_someone_identified_is_a_cancellation(
    text: str, expected: Cancellation
) -> None:
    assert cancellations("", [text]) == (expected,)


@pytest.mark.parametrize(
    ("text", "old", "new"),
    [
        (
            "Kan Per Persson gå i stället för Anna?",
            Mention("Anna"),
            Mention("Per Persson"),
        ),
        (
            "Anna kan inte, kan Per Persson gå i stället?",
            Mention("Anna"),
            Mention("Per Persson"),
        ),
        (
            "Could Jane Doe <jane@example.org> attend instead of John Smith?",
            Mention("John Smith"),
            Mention("Jane Doe", "jane@example.org"),
        ),
    ],
)
def test_a_question_that_asks_for_a_named_swap_is_a_substitution(
    text: str, old: Mention, new: Mention
) -> None:
    assert substitutions("", [text]) == (Substitution(text, old, new),)


@pytest.mark.parametrize(
    ("subject", "text"),
    [
        ("Avbokning", "Kan man avboka senare?"),
        ("Återbud?", "Hej, jag har en fråga."),
        ("Fråga om avbokning", "Hej! Vilken tid börjar det?"),
    ],
)
def test_a_subject_about_cancelling_over_a_question_cancels_no_one(subject: str, text: str) -> None:
    assert cancellations(subject, text.splitlines()) == ()


def test_a_cancelling_subject_over_a_request_still_cancels() -> None:
    found = cancellations("Återbud – Lisa Berg", ["Hej, kan ni skicka en bekräftelse?"])
    assert [c.names for c in found] == [("Lisa Berg",)]


_WHETHER = st.sampled_from(
    [
        "Kan man {verb} senare",
        "Går det att {verb} om {who} blir sjuk",
        "Hur gör jag om jag behöver {verb}",
        "Hur {verb} man",
        "När måste man {verb} senast",
        "Är det möjligt att {verb} {who} i efterhand",
        "Could you {verb} {who} afterwards",
        "Jag undrar om man kan {verb} {who} längre fram",
        "Kan jag {verb} {who} om planerna ändras",
        "Is it possible to {verb} later",
        "How do I {verb} {who}",
        "Can I still {verb} {who}",
        "What happens if I need to {verb} {who}",
        "Should we {verb} {who} if plans change",
        "When is the last day to {verb}",
        "Måste man {verb} {who} skriftligt, eller räcker det att ringa",
        "Can one {verb} {who}, or is it binding",
    ]
)
_CANCEL_VERB = st.sampled_from(
    [
        "avboka",
        "avanmäla",
        "lämna återbud för",
        "stryka",
        "ta bort",
        "cancel",
        "unregister",
        "deregister",
        "remove",
    ]
)
_WHO = st.sampled_from(
    ["mig", "oss", "min kollega", "Anna Berg", "anna.berg@lund.se", "Per Ek <per@lund.se>", "me"]
)
_NAME = st.from_regex(r"[A-ZÅÄÖ][a-zåäö]{2,8} [A-ZÅÄÖ][a-zåäö]{2,10}", fullmatch=True)


@given(
    template=_WHETHER,
    verb=_CANCEL_VERB,
    who=st.one_of(_WHO, _NAME),
    greeting=st.sampled_from(["", "Hej! ", "Hi Therese, "]),
    end=st.sampled_from(["?", "?\n", "? Tack på förhand!"]),
)
def test_a_question_about_whether_or_how_one_could_cancel_never_cancels_anyone(
    template: str, verb: str, who: str, greeting: str, end: str
) -> None:
    text = greeting + template.format(verb=verb, who=who) + end
    assert cancellations("", text.splitlines()) == ()
    assert cancellations("Avbokning", text.splitlines()) == ()
    assert substitutions("", text.splitlines()) == ()


def test_a_change_subject_over_a_question_about_swapping_is_no_substitution() -> None:
    lines = ["Hi Therese, can I still swap a colleague in later, or cancel if needed?"]
    assert substitutions("Substitution", lines) == ()
    assert cancellations("Substitution", lines) == ()
