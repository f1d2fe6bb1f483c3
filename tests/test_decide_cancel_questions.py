"""Questions about cancelling or swapping (SPEC §3, §5, §10): real mail bytes through
`parsing.read` and `decide`.

A question about whether or how one could cancel or swap changes no booking: it goes where a
question goes (the organiser for an invited sender, no reply for an uninvited one). A question
that asks for it to be done to someone identified ("Kan ni stryka mig från listan?", "Could you
cancel my registration?", "Kan Per Persson gå i stället för Anna?") is the request it makes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailbot.config import Config
from mailbot.state import MemoryState

from mail_decisions import ANNA, SENDER, mail, outcomes, registered, run, statuses
from support import ORGANISER, make_config

CHANGES = {"confirmed", "waitlisted", "promoted", "substituted", "cancelled"}


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        ("Avbokning", "Hej,\n\nKan man avboka senare om planerna ändras?\n"),
        ("Fråga", "Hej! Hur gör jag om jag behöver lämna återbud?\n\nMvh Karin\n"),
        ("Question", "Hi,\n\nIs it possible to cancel later if plans change?\n"),
        ("Seminariet", "Hej,\n\nGår det att byta deltagare om någon blir sjuk?\n"),
        ("Återbud?", "Hej,\n\nKan Anna Berg avboka i efterhand om hon blir sjuk?\n"),
    ],
    ids=["avboka senare", "hur lamnar jag aterbud", "cancel later", "byta deltagare", "subject"],
)
def test_a_question_about_cancelling_from_a_registered_sender_goes_to_the_organiser(
    config: Config, subject: str, body: str
) -> None:
    state = registered(config)
    before = statuses(state)
    d = run(config, state, mail(body, subject=subject))
    assert outcomes(d) == [("forwarded", None)]
    assert [m.to for m in d.mails] == [(ORGANISER,)]
    assert statuses(state) == before


def test_a_question_about_cancelling_from_an_uninvited_sender_is_ignored_unanswered(
    config: Config,
) -> None:
    raw = mail(
        "Hej,\n\nKan man avboka senare?\n", subject="Avbokning", sender="eva@konsult.example"
    )
    d = run(config, MemoryState(), raw)
    assert [(o.outcome, o.rule) for o in d.outcomes] == [("ignored", "not-a-registration")]
    assert d.mails == ()


@pytest.mark.parametrize(
    "body",
    [
        "Hej,\n\nKan ni stryka mig från listan?\n\nMvh Karin\n",
        "Hi,\n\nCould you cancel my registration, please?\n",
        "Hej! Jag undrar om ni kan avboka min plats på seminariet.\n",
    ],
)
def test_a_question_that_asks_to_cancel_the_writer_cancels_the_writer(
    config: Config, body: str
) -> None:
    state = registered(config)
    d = run(config, state, mail(body))
    assert outcomes(d) == [("cancelled", SENDER)]
    assert statuses(state) == {SENDER: "cancelled", ANNA: "confirmed"}


def test_a_question_that_asks_to_cancel_a_named_colleague_cancels_her(config: Config) -> None:
    state = registered(config)
    d = run(config, state, mail("Hej,\n\nKan ni stryka Anna Berg från deltagarlistan?\n"))
    assert outcomes(d) == [("cancelled", ANNA)]
    assert statuses(state) == {SENDER: "confirmed", ANNA: "cancelled"}


def test_a_question_that_asks_for_a_named_swap_substitutes(config: Config) -> None:
    state = registered(config)
    body = "Hej,\n\nKan Per Persson (per.persson@huddinge.se) gå i stället för Anna Berg?\n"
    d = run(config, state, mail(body))
    assert sorted(outcomes(d)) == [
        ("cancelled", ANNA),
        ("substituted", "per.persson@huddinge.se"),
    ]


_ASKING = st.sampled_from(
    [
        "Kan man {verb} senare?",
        "Går det att {verb} {who} om någon blir sjuk?",
        "Hur gör jag om jag behöver {verb} {who}?",
        "Är det möjligt att {verb} {who} i efterhand?",
        "Is it possible to {verb} {who} later?",
        "How do I {verb} {who}?",
        "What happens if I have to {verb} {who}?",
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    asking=_ASKING,
    verb=st.sampled_from(
        ["avboka", "avanmäla", "stryka", "ta bort", "cancel", "unregister", "remove"]
    ),
    who=st.sampled_from(["", "mig", "Anna Berg", ANNA, "me", "my colleague"]),
    subject=st.sampled_from(["Avbokning", "Återbud", "Fråga", "Cancellation", "Seminariet"]),
)
def test_a_question_about_whether_or_how_one_could_cancel_changes_no_booking(
    tmp_path_factory: pytest.TempPathFactory, asking: str, verb: str, who: str, subject: str
) -> None:
    config = make_config(tmp_path_factory.mktemp("c"))
    state = registered(config)
    before = statuses(state)
    question = " ".join(asking.format(verb=verb, who=who).split())
    d = run(config, state, mail(f"Hej,\n\n{question}\n", subject=subject))
    assert not [o for o in d.outcomes if o.outcome in CHANGES], d.outcomes
    assert statuses(state) == before
    assert all(m.to == (ORGANISER,) for m in d.mails), [m.to for m in d.mails]
