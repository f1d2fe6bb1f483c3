"""A registration written in the subject (SPEC §3): a subject that names a person with an address
is part of what the author wrote, so that person is booked and the sender is not (the sender
counts only when no one else is named). A subject without a person is a title; a reply's or a
forward's subject is someone else's words. Real mail bytes through `parsing.read` and `decide`."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailbot.config import Config
from mailbot.model import Decision
from mailbot.reading.html import Rendered
from mailbot.reading.message import read_text
from mailbot.state import MemoryState

from mail_decisions import ANNA, SENDER, mail, registered, run
from support import make_config

SARA = "sara.lind@huddinge.se"


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


def booked(d: Decision) -> list[tuple[str, str | None]]:
    return sorted((o.outcome, o.participant) for o in d.outcomes)


@pytest.mark.parametrize(
    "body",
    ["", "Skickat från min iPhone", "Hej!\n\n/Karin"],
    ids=["an empty body", "only the phone's footer", "only a greeting and a name"],
)
def test_a_person_with_an_address_in_the_subject_is_booked_and_the_sender_is_not(
    config: Config, body: str
) -> None:
    d = run(config, MemoryState(), mail(body, subject=f"Anmälan: Sara Lind, {SARA}"))
    assert booked(d) == [("confirmed", SARA)]


def test_a_subject_that_names_no_one_leaves_the_sender_registering_herself(
    config: Config,
) -> None:
    d = run(config, MemoryState(), mail("Jag anmäler mig.", subject="Anmälan seminarium 14/9"))
    assert booked(d) == [("confirmed", SENDER)]


def test_a_person_in_the_subject_and_the_sender_in_the_text_are_both_booked(
    config: Config,
) -> None:
    raw = mail("Jag kommer också själv.", subject=f"Anmälan: Sara Lind, {SARA}")
    assert booked(run(config, MemoryState(), raw)) == [("confirmed", SENDER), ("confirmed", SARA)]


@pytest.mark.parametrize("prefix", ["SV: ", "Re: ", "VB: ", "Fwd: "])
def test_a_replys_or_a_forwards_subject_that_names_a_person_registers_no_one(
    config: Config, prefix: str
) -> None:
    raw = mail("Jag vill också anmäla mig.", subject=f"{prefix}Anmälan: Sara Lind, {SARA}")
    assert booked(run(config, MemoryState(), raw)) == [("confirmed", SENDER)]


def test_the_subject_is_read_as_a_line_of_the_author_only_when_it_holds_an_address() -> None:
    def people(subject: str) -> list[tuple[str | None, str | None]]:
        text = read_text(
            Rendered(("Jag anmäler mig.",)),
            subject,
            sender_name="Karin Lind",
            sender_address=SENDER,
        )
        return [(p.name, p.email) for p in text.people.people]

    assert people(f"Anmälan: Sara Lind, {SARA}") == [("Sara Lind", SARA)]
    assert people("Anmälan: Sara Lind") == []
    assert people(f"Autosvar: Anmälan: Sara Lind, {SARA}") == []


@pytest.mark.parametrize("where", ["subject", "body"])
def test_a_swap_with_the_new_persons_address_substitutes_and_asks_nothing(
    config: Config, where: str
) -> None:
    state = registered(config)
    line = f"Anna Berg ersätts av Sara Lind, {SARA}"
    raw = mail(line, n=2) if where == "body" else mail("Skickat från min iPhone", line, n=2)
    assert booked(run(config, state, raw)) == [("cancelled", ANNA), ("substituted", SARA)]
