"""Cancelling, "we" and swaps in the words found in review (SPEC §3, §9, §10): real mail bytes
through `parsing.read` and `decide`.

"Ta bort mig" cancels like "stryk mig"; a mailing list is not the seminar's list (the organiser
reads such a mail, nothing is cancelled); "Vi kommer gärna" books the writer and asks who the
others are; a sentence that says the writer does not come never books them; a cancellation of
someone it does not name ("Min kollega kan inte komma") asks whom, and never cancels the writer.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailbot.config import Config
from mailbot.state import MemoryState

from mail_decisions import ANNA, SENDER, mail, outcomes, registered, run, statuses
from support import ORGANISER, make_config, raw_mail

BOOKED = {"confirmed", "waitlisted", "promoted", "substituted"}


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


@pytest.mark.parametrize(
    "body",
    [
        "Hej,\n\nTa bort mig från listan, det har krockat med annat.\n\nMvh Karin\n",
        "Ta bort mig tack\n",
        "Hi,\n\nPlease remove me from the list.\n\nKaren\n",
        "Hi,\n\nCould you please remove my registration?\n",
    ],
)
def test_ta_bort_mig_from_a_registered_participant_cancels_her_like_stryk_mig(
    config: Config, body: str
) -> None:
    state = registered(config)
    d = run(config, state, mail(body))
    assert outcomes(d) == [("cancelled", SENDER)]
    assert statuses(state) == {SENDER: "cancelled", ANNA: "confirmed"}


@pytest.mark.parametrize(
    "body",
    [
        "Hej,\n\nTa bort mig från er e-postlista, tack.\n",
        "Hej,\n\nKan ni ta bort mig från utskickslistan för nyhetsbrevet?\n",
        "Hi,\n\nPlease unsubscribe me from your newsletter.\n",
    ],
)
def test_a_removal_from_a_mailing_list_cancels_nothing_and_goes_to_the_organiser(
    config: Config, body: str
) -> None:
    state = registered(config)
    d = run(config, state, mail(body, subject="Utskick"))
    assert outcomes(d) == [("forwarded", None)]
    assert statuses(state) == {SENDER: "confirmed", ANNA: "confirmed"}
    assert all(m.to == (ORGANISER,) for m in d.mails)


@pytest.mark.parametrize(
    "body",
    ["Hej!\n\nVi kommer gärna.\n", "Hej,\n\nVi kommer båda.\n", "Hi,\n\nWe'd both like to come.\n"],
)
def test_vi_kommer_garna_books_the_sender_and_asks_who_the_others_are(
    config: Config, body: str
) -> None:
    state = MemoryState()
    d = run(config, state, mail(body))
    assert sorted(outcomes(d)) == [("confirmed", SENDER), ("needs-info", None)]
    (summary,) = [m for m in d.mails if m.kind == "summary"]  # the whole picture (§9)
    (problem,) = summary.context["problems"]
    assert problem["why"] == "others are said to come, but not named"
    assert summary.context["groups"]["booked"][0]["email"] == SENDER


def test_a_cancellation_of_an_unnamed_colleague_asks_whom_and_cancels_no_one(
    config: Config,
) -> None:
    state = registered(config)
    d = run(config, state, mail("Hej,\n\nMin kollega kan tyvärr inte komma på onsdag.\n"))
    assert outcomes(d) == [("needs-info", None)]
    assert statuses(state) == {SENDER: "confirmed", ANNA: "confirmed"}


@pytest.mark.parametrize(
    "body",
    [
        "Hej,\n\nJag vill meddela att min kollega inte kan komma.\n",
        "Hej,\n\nJag och min kollega kan tyvärr inte komma.\n",
        "Hej,\n\nHon har fått förhinder.\n",
    ],
)
def test_a_cancellation_that_speaks_of_an_unnamed_other_never_cancels_the_writer(
    config: Config, body: str
) -> None:
    state = registered(config)
    d = run(config, state, mail(body))
    assert outcomes(d) in ([("needs-info", None)], [("forwarded", None)])  # asked, either way
    assert statuses(state) == {SENDER: "confirmed", ANNA: "confirmed"}


def test_a_named_swap_beside_kan_vi_byta_deltagare_asks_nothing_more(config: Config) -> None:
    state = registered(config)
    body = (
        "Hej,\n\nKan vi byta deltagare? Anna Berg kan inte, Per Persson går i stället: "
        "per.persson@huddinge.se\n"
    )
    d = run(config, state, mail(body, subject="Byte av deltagare"))
    assert sorted(outcomes(d)) == [
        ("cancelled", ANNA),
        ("substituted", "per.persson@huddinge.se"),
    ]


_NOT_COMING = st.sampled_from(
    [
        "Jag har tyvärr inte möjlighet att delta",
        "Tyvärr hinner jag inte delta",
        "Jag deltar inte",
        "Jag är förhindrad att komma",
        "Jag kan tyvärr inte längre vara med",
        "I won't be attending",
        "I'm not able to attend",
        "Unfortunately I am not coming",
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    phrase=_NOT_COMING,
    opening=st.sampled_from(["", "Tack för inbjudan! ", "Hi Therese, "]),
    subject=st.sampled_from(["Seminariet", "Anmälan", "Registration", "SV: Inbjudan"]),
    end=st.sampled_from([".", " den 14 september.", ", sorry."]),
)
def test_a_mail_that_says_the_writer_does_not_come_never_books_them(
    tmp_path_factory: pytest.TempPathFactory, phrase: str, opening: str, subject: str, end: str
) -> None:
    config = make_config(tmp_path_factory.mktemp("c"))
    d = run(config, MemoryState(), mail(f"Hej,\n\n{opening}{phrase}{end}\n", subject=subject))
    assert not [o for o in d.outcomes if o.outcome in BOOKED], d.outcomes


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    remove=st.sampled_from(["Ta bort mig", "Stryk mig", "Please remove me", "Please take me off"]),
    mailing=st.sampled_from(
        ["från er e-postlista", "från ert nyhetsbrev", "from your mailing list", "from your list"]
    ),
)
def test_a_mail_whose_only_removal_words_are_about_a_mailing_list_cancels_no_one(
    tmp_path_factory: pytest.TempPathFactory, remove: str, mailing: str
) -> None:
    config = make_config(tmp_path_factory.mktemp("c"))
    state = registered(config)
    d = run(config, state, mail(f"Hej,\n\n{remove} {mailing}.\n", subject="Utskick"))
    assert "cancelled" not in {o.outcome for o in d.outcomes}
    assert statuses(state) == {SENDER: "confirmed", ANNA: "confirmed"}


@pytest.mark.parametrize("sender", [ANNA, "maria.lundgren@huddinge.se"], ids=["her", "coordinator"])
def test_vi_kommer_in_an_answer_to_a_confirmation_books_no_one_and_asks_nothing(
    config: Config, sender: str
) -> None:
    state = registered(config)
    state.own_messages["<confirmation@lansstyrelsen.example>"] = (ANNA,)
    raw = raw_mail(
        sender,
        "Tack för bekräftelsen, vi kommer båda två!\n",
        subject="Sv: Bekräftelse",
        message_id="<w9@x>",
        display_name="Anna Berg" if sender == ANNA else "Maria Lundgren",
        extra_headers=(("In-Reply-To", "<confirmation@lansstyrelsen.example>"),),
    )
    d = run(config, state, raw)
    assert outcomes(d) == [("forwarded", None)]
    assert statuses(state) == {SENDER: "confirmed", ANNA: "confirmed"}
