""" "Jag vill anmäla mig" from a function mailbox (SPEC §3, §4): the one who signed the mail is
the writer, not `registrator@`. They are booked at the address their signature gives them, else
asked for it ("a name with no address anywhere is not booked"); unsigned, the reply asks who.
A person's own address stays a person, whatever unit the display name shows. Real mail bytes
through `parsing.read` and `decide`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mailbot import parsing
from mailbot.config import Config
from mailbot.decide.shared_mailbox import Writer, writer_of_shared_mailbox
from mailbot.state import MemoryState

from mail_decisions import outcomes, run
from support import make_config, raw_mail


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


def from_(display: str, address: str, body: str) -> bytes:
    return raw_mail(address, body, subject="Anmälan", message_id="<s1@x>", display_name=display)


SELF = "Hej,\n\nJag vill anmäla mig till seminariet.\n\n"


@pytest.mark.parametrize(
    ("display", "address"),
    [
        ("Registrator Huddinge kommun", "registrator@huddinge.se"),
        ("Socialtjänsten Huddinge", "socialtjansten@huddinge.se"),
        ("Kansliet", "kansli.sof@huddinge.se"),
    ],
)
def test_a_function_mailbox_signed_by_a_person_asks_for_that_persons_address(
    config: Config, display: str, address: str
) -> None:
    state = MemoryState()
    d = run(config, state, from_(display, address, SELF + "Vänliga hälsningar\nSara Holm\n"))
    assert outcomes(d) == [("needs-info", None)]
    assert state.registrations == []


def test_the_signers_own_address_in_the_signature_books_the_signer(config: Config) -> None:
    body = SELF + "Mvh\nSara Holm\nHandläggare\nsara.holm@huddinge.se\n"
    state = MemoryState()
    d = run(config, state, from_("Registrator Huddinge kommun", "registrator@huddinge.se", body))
    assert outcomes(d) == [("confirmed", "sara.holm@huddinge.se")]
    assert [(r.name, r.email) for r in state.registrations] == [
        ("Sara Holm", "sara.holm@huddinge.se")
    ]


def test_an_unsigned_function_mailbox_is_asked_who_comes(config: Config) -> None:
    state = MemoryState()
    d = run(config, state, from_("Socialtjänsten Huddinge", "socialtjansten@huddinge.se", SELF))
    assert outcomes(d) == [("needs-info", None)]
    assert state.registrations == []


@pytest.mark.parametrize(
    "display", ["Berg Anna (Socialtjänsten)", "Anna Berg - Huddinge kommun", "Anna Berg"]
)
def test_a_persons_own_address_showing_their_unit_is_a_person(config: Config, display: str) -> None:
    state = MemoryState()
    d = run(config, state, from_(display, "anna.berg@huddinge.se", SELF + "Mvh Anna\n"))
    assert outcomes(d) == [("confirmed", "anna.berg@huddinge.se")]
    assert [r.name for r in state.registrations] == ["Anna Berg"]


def test_the_writer_of_a_shared_mailbox_is_read_from_the_signature(config: Config) -> None:
    raw = from_("Registrator Huddinge kommun", "registrator@huddinge.se", SELF + "Mvh Sara Holm\n")
    assert writer_of_shared_mailbox(parsing.read(raw), config) == Writer("Sara Holm", None)


def test_an_organisations_display_name_on_the_signers_own_address_books_the_signer(
    config: Config,
) -> None:
    body = SELF + "Mvh\nLars Dahl\nEnhetschef\n"
    state = MemoryState()
    d = run(config, state, from_("Huddinge kommun", "lars.dahl@huddinge.se", body))
    assert outcomes(d) == [("confirmed", "lars.dahl@huddinge.se")]
    assert [r.name for r in state.registrations] == ["Lars Dahl"]
