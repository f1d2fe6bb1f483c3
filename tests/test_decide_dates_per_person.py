"""A seminar date per person in prose (SPEC §6): a date belongs to the people named in its
clause, a date whose clause names no one to everyone, and a person named in a sentence of
several dates but in none of its dated clauses is asked about, never booked on a guess. Real mail
bytes through `parsing.read` and `decide`; Huddinge's seminar is the 14th, another is the 15th.
"""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest

from mailbot.config import Config
from mailbot.reading.date_requests import date_requests
from mailbot.state import MemoryState

from mail_decisions import ON_TIME, mail, outcomes, run
from support import make_config, render

PER = "per.nord@huddinge.se"
SOFIA = "sofia.aberg@huddinge.se"


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


def decided(config: Config, text: str) -> dict[str, tuple[str, str]]:
    """participant → (outcome, seminar) after Karin Lind writes `text`."""
    state = MemoryState()
    d = run(config, state, mail(f"Hej!\n\n{text}\n\nMvh Karin\n", subject="Anmälan"))
    seminars = {r.email: r.seminar for r in state.registrations}
    return {p or "": (o, seminars.get(p or "", "")) for o, p in outcomes(d)}


@pytest.mark.parametrize(
    "text",
    [
        f"Jag anmäler Per Nord ({PER}) till seminariet den 14 september och Sofia Åberg "
        f"({SOFIA}) till den 15 september, eftersom hon inte kan den 14:e.",
        f"Den 14 september kommer Per Nord ({PER}) och den 15 september Sofia Åberg ({SOFIA}).",
        f"Jag anmäler Per Nord ({PER}) till den 14 september. Sofia Åberg ({SOFIA}) vill "
        "hellre komma den 15 september.",
        f"Please register Per Nord ({PER}) for 14 September and Sofia Åberg ({SOFIA}) for "
        "15 September.",
    ],
)
def test_a_date_written_beside_one_person_is_that_persons_seminar(
    config: Config, text: str
) -> None:
    assert decided(config, text) == {
        PER: ("confirmed", "2022-09-14"),
        SOFIA: ("forwarded", "2022-09-15"),
    }


def test_one_date_written_for_two_people_asks_for_that_seminar_for_both(config: Config) -> None:
    text = f"Vi anmäler Per Nord ({PER}) och Sofia Åberg ({SOFIA}) till den 15 september."
    assert decided(config, text) == {
        PER: ("forwarded", "2022-09-15"),
        SOFIA: ("forwarded", "2022-09-15"),
    }


def test_dates_that_cannot_be_tied_to_one_person_are_asked_about(config: Config) -> None:
    text = (
        f"Jag anmäler Per Nord ({PER}) och Sofia Åberg ({SOFIA}), den ena till den 14 "
        "september och den andra till den 15 september."
    )
    assert decided(config, text) == {PER: ("needs-info", ""), SOFIA: ("needs-info", "")}


def test_a_date_of_no_seminar_beside_a_person_books_the_actors_own(config: Config) -> None:
    text = f"Jag anmäler Per Nord ({PER}) till den 14 september och Sofia Åberg ({SOFIA}) till den 20 september."
    assert decided(config, text) == {
        PER: ("confirmed", "2022-09-14"),
        SOFIA: ("confirmed", "2022-09-14"),
    }


def test_a_sentence_of_several_dates_is_read_clause_by_clause() -> None:
    found = date_requests(
        "",
        ["Per och Sofia kommer den 15 september, Kalle Ek den 14 september."],
    )
    assert [(r.date, r.clause) for r in found] == [
        ("15 september", "Per och Sofia kommer den 15 september"),
        ("14 september", "Kalle Ek den 14 september."),
    ]


def test_a_sentence_of_one_date_is_one_clause() -> None:
    (found,) = date_requests("", ["Vi anmäler Per och Sofia till den 15 september."])
    assert found.clause == found.line


def test_the_question_about_an_untied_date_shows_how_to_write_it(config: Config) -> None:
    text = (
        f"Jag anmäler Per Nord ({PER}) och Sofia Åberg ({SOFIA}), den ena till den 14 "
        "september och den andra till den 15 september."
    )
    d = run(config, MemoryState(), mail(f"Hej!\n\n{text}\n\nMvh Karin\n", subject="Anmälan"))
    (sent,) = d.mails
    raw = render(sent, config, ON_TIME).raw
    part = email.message_from_bytes(raw, policy=email.policy.default).get_body(("plain",))
    assert part is not None
    body = str(part.get_content())
    assert "det framgår inte vilket som gäller Per Nord" in body
    assert f"E-post: {SOFIA}" in body and "Datum: 2022-09-14" in body
