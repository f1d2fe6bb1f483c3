"""Whom a cancellation written in prose names (SPEC §3 *cancel*, §5): real mail bytes through
`parsing.read` and `decide`, Karin Lind of Huddinge writing, with herself and Anna Berg booked.

A word that stands for someone or something without naming them ("Något", "Someone") is no
name: the writer's own "I have to pull out" cancels the writer, "Någon från vår enhet kan inte
komma" asks whom. The writer's own "… och kommer inte imorgon" cancels them; "Rapporten kommer
inte idag" cancels no one. "att X inte kan komma" is about X. "Ta bort Anna från listan" matches
the first name among the actor's registrations: one match is cancelled, none or several asked
about; "från cc" and "från sändlistan" cancel no one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mailbot.config import Config
from mailbot.model import Decision
from mailbot.state import MemoryState

from mail_decisions import ANNA, SENDER, mail, outcomes, registered, run, statuses
from support import ORGANISER, make_config

BOTH_BOOKED = {SENDER: "confirmed", ANNA: "confirmed"}
ANNA_EK = "anna.ek@huddinge.se"


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


def _problems(d: Decision) -> list[dict[str, object]]:
    """The questions the reply to the sender asks (needs-info, or the coordinator's summary)."""
    (reply,) = [m for m in d.mails if m.kind in {"needs-info", "summary"}]
    return list(reply.context["problems"])


@pytest.mark.parametrize(
    "body",
    [
        "Hej Therese,\n\nNågot har kommit emellan och jag kan tyvärr inte komma.\n\nMvh Karin\n",
        "Hi,\n\nSomething has come up and I have to pull out.\n\nKaren\n",
        "Hej,\n\nDet har tyvärr dykt upp något. Något gör att jag måste avstå seminariet.\n",
    ],
)
def test_the_writers_own_pulling_out_after_something_came_up_cancels_the_writer(
    config: Config, body: str
) -> None:
    state = registered(config)
    d = run(config, state, mail(body))
    assert outcomes(d) == [("cancelled", SENDER)]
    assert statuses(state) == {SENDER: "cancelled", ANNA: "confirmed"}


@pytest.mark.parametrize(
    "body",
    [
        "Hej,\n\nNågon från vår enhet kan tyvärr inte komma på seminariet.\n",
        "Hi,\n\nSomeone from our unit has to pull out of the seminar.\n",
        "Hej,\n\nEn av oss kan inte komma på onsdag.\n",
    ],
)
def test_someone_who_is_not_named_pulling_out_asks_whom_and_cancels_no_one(
    config: Config, body: str
) -> None:
    state = registered(config)
    d = run(config, state, mail(body))
    assert outcomes(d) == [("needs-info", None)]
    assert statuses(state) == BOTH_BOOKED


@pytest.mark.parametrize(
    "body",
    [
        "Har blivit sjuk och kommer inte imorgon.\n",
        "Hej,\n\nJag är hemma med sjukt barn och kommer inte på seminariet imorgon.\n",
        "Hej!\n\nKommer tyvärr inte imorgon.\n\nKarin\n",
        "Jag kommer inte på seminariet.\n",
    ],
)
def test_the_writers_own_kommer_inte_about_the_seminar_cancels_the_writer(
    config: Config, body: str
) -> None:
    state = registered(config)
    d = run(config, state, mail(body))
    assert outcomes(d) == [("cancelled", SENDER)]
    assert statuses(state) == {SENDER: "cancelled", ANNA: "confirmed"}


@pytest.mark.parametrize(
    "body",
    [
        "Hej,\n\nRapporten från vår enhet kommer inte idag, jag skickar den på fredag.\n",
        "Hej,\n\nJag tror att materialet är försenat och kommer inte idag heller.\n",
        "Hej,\n\nJag har beställt fikat men det kommer inte imorgon.\n",
    ],
)
def test_kommer_inte_idag_said_of_a_thing_cancels_no_one_and_goes_to_the_organiser(
    config: Config, body: str
) -> None:
    state = registered(config)
    d = run(config, state, mail(body, subject="Rapporten"))
    assert outcomes(d) == [("forwarded", None)]
    assert [m.to for m in d.mails] == [(ORGANISER,)]
    assert statuses(state) == BOTH_BOOKED


def test_att_min_kollega_inte_kan_komma_asks_whom_as_min_kollega_kan_inte_komma_does(
    config: Config,
) -> None:
    state = registered(config)
    d = run(config, state, mail("Hej,\n\nJag vill meddela att min kollega inte kan komma.\n"))
    assert outcomes(d) == [("needs-info", None)]
    assert [p["kind"] for p in _problems(d)] == ["cancel-unclear"]
    assert statuses(state) == BOTH_BOOKED


@pytest.mark.parametrize(
    "body",
    [
        "Hej,\n\nJag vill meddela att Anna Berg tyvärr inte kan komma på seminariet.\n",
        "Hej,\n\nJag ville bara säga att Anna inte kan komma på onsdag.\n",
    ],
)
def test_att_a_named_colleague_inte_kan_komma_cancels_that_colleague_not_the_writer(
    config: Config, body: str
) -> None:
    state = registered(config)
    d = run(config, state, mail(body))
    assert outcomes(d) == [("cancelled", ANNA)]
    assert statuses(state) == {SENDER: "confirmed", ANNA: "cancelled"}


def test_om_det_visar_sig_att_a_colleague_inte_kan_komma_cancels_no_one(config: Config) -> None:
    state = registered(config)
    body = "Hej,\n\nOm det visar sig att Anna Berg inte kan komma hör jag av mig igen.\n"
    d = run(config, state, mail(body))
    assert outcomes(d) == [("forwarded", None)]
    assert statuses(state) == BOTH_BOOKED


@pytest.mark.parametrize(
    "body",
    [
        "Hej,\n\nTa bort Anna från listan, hon är sjukskriven.\n",
        "Hej,\n\nStryk Anna från deltagarlistan.\n",
        "Hi,\n\nPlease remove Anna from the list.\n",
    ],
)
def test_a_first_name_taken_off_the_list_cancels_the_one_registration_it_matches(
    config: Config, body: str
) -> None:
    state = registered(config)
    d = run(config, state, mail(body, subject="Ändring"))
    assert outcomes(d) == [("cancelled", ANNA)]
    assert statuses(state) == {SENDER: "confirmed", ANNA: "cancelled"}


def test_a_first_name_that_matches_two_registrations_asks_and_cancels_no_one(
    config: Config,
) -> None:
    state = registered(config)
    body = f"Hej,\n\nVi anmäler också:\n\nNamn: Anna Ek\nE-post: {ANNA_EK}\n"
    assert outcomes(run(config, state, mail(body, subject="Anmälan", n=2))) == [
        ("confirmed", ANNA_EK)
    ]
    d = run(config, state, mail("Hej,\n\nTa bort Anna från listan.\n", subject="Ändring", n=3))
    assert outcomes(d) == [("needs-info", None)]
    (problem,) = _problems(d)
    assert problem["name"] == "Anna"  # the reply says whom it understood
    assert statuses(state) == {**BOTH_BOOKED, ANNA_EK: "confirmed"}


def test_a_first_name_that_matches_no_registration_asks_and_cancels_no_one(
    config: Config,
) -> None:
    state = registered(config)
    d = run(config, state, mail("Hej,\n\nTa bort Sofia från listan.\n", subject="Ändring"))
    assert outcomes(d) == [("needs-info", None)]
    (problem,) = _problems(d)
    assert problem["name"] == "Sofia"
    assert statuses(state) == BOTH_BOOKED


@pytest.mark.parametrize(
    "body",
    [
        "Hej,\n\nTa bort Anna från cc i fortsättningen, hon är inte berörd.\n",
        "Hej,\n\nTa bort Anna Berg från cc, hon behöver inte få kopior.\n",
        "Hej,\n\nTa bort Anna från sändlistan, hon har bytt tjänst.\n",
        "Hi,\n\nPlease remove Anna Berg from cc.\n",
    ],
)
def test_taking_someone_off_cc_or_a_mailing_list_cancels_no_one(config: Config, body: str) -> None:
    state = registered(config)
    d = run(config, state, mail(body, subject="Utskick"))
    assert outcomes(d) == [("forwarded", None)]
    assert statuses(state) == BOTH_BOOKED


@pytest.mark.parametrize(
    ("body", "subject"),
    [
        ("Hej,\n\nTa bort mig från listan, det har krockat.\n", "Seminariet"),
        ("Hej,\n\nTa bort mig från er utskickslista, tack.\n", "Utskick"),
    ],
)
def test_ta_bort_mig_still_cancels_the_writer_and_a_mailing_list_still_cancels_no_one(
    config: Config, body: str, subject: str
) -> None:
    state = registered(config)
    d = run(config, state, mail(body, subject=subject))
    if subject == "Utskick":
        assert outcomes(d) == [("forwarded", None)]
        assert statuses(state) == BOTH_BOOKED
    else:
        assert outcomes(d) == [("cancelled", SENDER)]
        assert statuses(state) == {SENDER: "cancelled", ANNA: "confirmed"}


def test_a_fresh_writer_with_no_booking_saying_something_came_up_is_not_booked(
    config: Config,
) -> None:
    d = run(config, MemoryState(), mail("Något har kommit emellan och jag kan inte komma.\n"))
    assert all(o.outcome not in {"confirmed", "waitlisted"} for o in d.outcomes)
