"""Swaps, rows of people and notes written as staff write them (SPEC §3, §5, §10): a pronoun for
the one named before it, "istället för mig" for the writer, "Hans adress är …" for the one just
named, "samt jag själv" and "jag och Kim" counting the writer, a note about a person who is
booked already going to the organiser. Real mail bytes through `parsing.read` and `decide`;
Karin Lind of Huddinge has booked herself and Anna Berg.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mailbot.config import Config

from mail_decisions import ANNA, SENDER, mail, outcomes, registered, run, statuses
from support import make_config

PER = "per.nord@huddinge.se"
BOOKED = {"confirmed", "waitlisted", "promoted", "substituted"}


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


@pytest.mark.parametrize(
    "body",
    [
        "Hej!\n\nAnna Berg har fått förhinder, hon ersätts av Per Nord (per.nord@huddinge.se).\n",
        "Hej!\n\nAnna Berg är sjuk. Hon ersätts av Per Nord, per.nord@huddinge.se\n",
        "Hej!\n\nAnna Berg har fått förhinder. Hon ersätts av Per Nord, per.nord@huddinge.se\n",
        "Hej!\n\nAnna Berg kan inte komma. Per Nord (per.nord@huddinge.se) ersätter henne.\n",
        "Hi,\n\nAnna Berg is ill, she is replaced by Per Nord <per.nord@huddinge.se>.\n",
        "Hej,\n\nAnna Berg kan inte komma, Per Nord kommer i stället för henne. "
        "Hans adress är per.nord@huddinge.se.\n",
    ],
)
def test_a_pronoun_for_the_one_named_before_it_substitutes_that_person(
    config: Config, body: str
) -> None:
    state = registered(config)
    d = run(config, state, mail(body, subject="Ändring deltagare"))
    assert sorted(outcomes(d)) == [("cancelled", ANNA), ("substituted", PER)]
    assert statuses(state) == {SENDER: "confirmed", ANNA: "cancelled", PER: "confirmed"}


@pytest.mark.parametrize(
    "body",
    [
        "Hej,\n\nJag kan inte komma den 14:e, Per Nord kommer istället för mig. "
        "Hans adress är per.nord@huddinge.se.\n\nHälsningar\nAnna\n",
        "Hi,\n\nI can't make it, Per Nord <per.nord@huddinge.se> will attend instead of me.\n",
    ],
)
def test_instead_of_me_from_a_participant_puts_the_newcomer_in_her_place(
    config: Config, body: str
) -> None:
    state = registered(config)
    raw = mail(body, subject="Byte", sender=ANNA).replace(b"Karin Lind", b"Anna Berg")
    d = run(config, state, raw)
    assert sorted(outcomes(d)) == [("cancelled", ANNA), ("substituted", PER)]


def test_a_pronoun_after_two_names_is_asked_about_and_no_one_is_cancelled_or_booked(
    config: Config,
) -> None:
    state = registered(config)
    body = (
        "Hej!\n\nAnna Berg och Karin Lind har fått förhinder, hon ersätts av Per Nord "
        "(per.nord@huddinge.se).\n"
    )
    d = run(config, state, mail(body, subject="Ändring deltagare"))
    assert {o for o, _ in outcomes(d)} == {"needs-info"}
    assert statuses(state) == {SENDER: "confirmed", ANNA: "confirmed"}


def test_a_swap_that_names_no_one_replaced_books_no_newcomer_while_it_asks(
    config: Config,
) -> None:
    state = registered(config)
    body = "Hej!\n\nPer Nord (per.nord@huddinge.se) går i stället.\n"
    d = run(config, state, mail(body, subject="Byte"))
    assert not {o for o, _ in outcomes(d)} & BOOKED
    assert PER not in statuses(state)


def test_samt_jag_sjalv_after_people_with_addresses_books_the_writer_too(config: Config) -> None:
    state = registered(config)
    body = (
        "Hej!\n\nFöljande deltar: samordnare Per Nord (per.nord@huddinge.se) "
        "samt jag själv.\n\nVänliga hälsningar\nOla\n"
    )
    raw = mail(body, subject="Anmälan", sender="ola.ek@huddinge.se")
    d = run(config, state, raw.replace(b"Karin Lind", b"Ola Ek"))
    assert sorted(outcomes(d)) == [("confirmed", "ola.ek@huddinge.se"), ("confirmed", PER)]


def test_jag_och_a_colleague_without_address_books_the_writer_and_asks_for_the_colleague(
    config: Config,
) -> None:
    state = registered(config)
    raw = mail(
        "Hej,\n\nVi kommer att vara två: jag och Kim Sjöberg.\n", sender="ola.ek@huddinge.se"
    )
    d = run(config, state, raw.replace(b"Karin Lind", b"Ola Ek"))
    assert sorted(outcomes(d), key=str) == [
        ("confirmed", "ola.ek@huddinge.se"),
        ("needs-info", None),
    ]
    asked = [p for m in d.mails for p in m.context.get("problems") or ()]
    assert [p["name"] for p in asked] == ["Kim Sjöberg"]


def test_a_note_about_a_registered_person_goes_to_the_organiser_without_a_question(
    config: Config,
) -> None:
    state = registered(config)
    body = "Hej,\n\nGlömde skriva i anmälan att Anna Berg är vegan.\n\nHälsningar\nKarin\n"
    d = run(config, state, mail(body, subject="Specialkost"))
    assert outcomes(d) == [("forwarded", None)]
    assert [m.kind for m in d.mails] == ["forward-to-organiser"]


def test_a_note_about_someone_not_registered_asks_for_the_address(config: Config) -> None:
    state = registered(config)
    body = "Hej,\n\nGlömde skriva i anmälan att Per Nord också kommer.\n\nHälsningar\nKarin\n"
    d = run(config, state, mail(body, subject="Anmälan"))
    assert ("needs-info", None) in outcomes(d)
    assert not {o for o, _ in outcomes(d)} & BOOKED


def test_a_listed_name_without_an_address_is_asked_about_even_when_it_is_registered(
    config: Config,
) -> None:
    state = registered(config)
    d = run(config, state, mail("Hej,\n\nVi anmäler:\n\n- Anna Berg\n- Per Nord\n", n=3))
    asked = [p for m in d.mails for p in m.context.get("problems") or ()]
    assert sorted(p["name"] for p in asked) == ["Anna Berg", "Per Nord"]
