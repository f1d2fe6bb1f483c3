"""The organiser's commands as read from a mail (SPEC §14): the pure parser, and who is obeyed.

Fast tests of the parts `tests/test_organiser_mail.py` shows end to end: what counts as a command
line, where reading stops, and that only authenticated mail from the organiser or a delegate is
obeyed (never with `trusted_authserv_ids` empty).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mailbot import decide
from mailbot.config import Config
from mailbot.decide.commands import Command, parse, read_line
from mailbot.model import Decision
from mailbot.parsing import Email
from mailbot.state import Case, MemoryState, OpenCase

from support import ORGANISER, SMALL_CONFIG, at, booking, email, make_config, person, present

TRUSTED = "mx.lansstyrelsen.example"
NOW = at("2022-09-01 10:00")


def test_swedish_and_english_commands_read_alike() -> None:
    assert read_line("AVBOKA anna@huddinge.se") == Command(
        "cancel", "AVBOKA anna@huddinge.se", email="anna@huddinge.se"
    )
    assert read_line("cancel anna@huddinge.se") == Command(
        "cancel", "cancel anna@huddinge.se", email="anna@huddinge.se"
    )
    assert read_line("Flytta <anna@huddinge.se> 2022-09-15") == Command(
        "move",
        "Flytta <anna@huddinge.se> 2022-09-15",
        email="anna@huddinge.se",
        seminar="2022-09-15",
    )
    assert read_line("HJÄLP") == Command("help", "HJÄLP")
    assert read_line("lista 2022-09-14") == Command(
        "list", "lista 2022-09-14", seminar="2022-09-14"
    )


def test_platser_takes_a_many_word_actor_and_a_number() -> None:
    assert read_line("PLATSER Huddinge kommun 6") == Command(
        "seats", "PLATSER Huddinge kommun 6", actor="Huddinge kommun", seats=6
    )
    assert read_line("PLATSER Huddinge kommun sex") is None
    assert read_line("PLATSER 6") is None


@pytest.mark.parametrize(
    "line",
    [
        "Avboka gärna Anna om hon inte kan",  # prose that starts with a command word
        "AVBOKA Anna Svensson",  # no address
        "FLYTTA anna@huddinge.se",  # no seminar
        "Status på anmälningarna?",
        "Lista över alla som kommer",
        "Ja, men bara om det finns plats",
        "Hej!",
    ],
)
def test_a_line_with_the_wrong_arguments_is_not_a_command(line: str) -> None:
    assert read_line(line) is None


def test_answer_words_alone_or_with_a_courtesy() -> None:
    assert [present(read_line(w)).verb for w in ("JA", "ok", "Ja tack", "NEJ.", "Nej tack!")] == [
        "yes",
        "yes",
        "yes",
        "no",
        "no",
    ]
    assert read_line("FLYTTA") == Command("yes", "FLYTTA")


def test_reading_stops_at_the_first_line_that_is_not_a_command() -> None:
    read = parse(
        "Ändringar", "STATUS\n\nAVBOKA a@huddinge.se\nOch en sak till\nAVBOKA b@huddinge.se\n"
    )
    assert [c.verb for c in read.commands] == ["status", "cancel"]
    assert read.not_understood == "Och en sak till"


def test_a_subject_command_counts_and_a_reply_subject_is_ignored() -> None:
    assert [c.verb for c in parse("STATUS", "").commands] == ["status"]
    assert [c.verb for c in parse("SV: Status", "").commands] == ["status"]
    read = parse("SV: Önskemål om annat seminarium: Åsa", "JA\n")
    assert [c.verb for c in read.commands] == ["yes"] and read.not_understood is None


def test_a_body_that_repeats_the_subject_command_runs_it_once() -> None:
    assert [c.verb for c in parse("STATUS", "status\nAVBOKA a@huddinge.se\n").commands] == [
        "status",
        "cancel",
    ]


def test_boka_ends_the_commands_the_blocks_follow() -> None:
    read = parse(
        "Bokning", "BOKA\n\nNamn: Anna\nE-post: anna@huddinge.se\nOrganisation: Huddinge\n"
    )
    assert [c.verb for c in read.commands] == ["book"] and read.not_understood is None


@given(st.text(max_size=200))
def test_parse_never_raises_and_never_invents_a_line(text: str) -> None:
    read = parse("", text)
    lines = {" ".join(line.split()) for line in text.splitlines()}
    assert all(c.line in lines for c in read.commands)
    assert read.not_understood is None or read.not_understood in {
        ln.strip() for ln in text.splitlines()
    }


# --------------------------------------------------------------------------- who is obeyed


def _config(tmp_path: Path, trusted: bool, delegates: str = "") -> Config:
    text = SMALL_CONFIG
    if trusted:
        text = text.replace("[security]\n", f'[security]\ntrusted_authserv_ids = ["{TRUSTED}"]\n')
    if delegates:
        text = text.replace(f'address = "{ORGANISER}"\n', f'address = "{ORGANISER}"\n{delegates}\n')
    return make_config(tmp_path, text)


def _command(sender: str, passed: bool = True) -> Email:
    domain = sender.rpartition("@")[2]
    results = (f"{TRUSTED}; dmarc=pass header.from={domain}",) if passed else ()
    return email(
        sender,
        "Therese Travis",
        subject="AVBOKA anna@huddinge.se",
        message_id="<cmd@lansstyrelsen.example>",
        authentication_results=results,
    )


def _decide(tmp_path: Path, message: Email, trusted: bool = True, delegates: str = "") -> Decision:
    cfg = _config(tmp_path, trusted, delegates)
    state = MemoryState([booking("anna@huddinge.se")])
    return decide.decide(decide.Inbound(message, NOW), state, cfg, NOW)


def test_an_authenticated_organiser_command_is_obeyed_with_one_results_reply(
    tmp_path: Path,
) -> None:
    d = _decide(tmp_path, _command(ORGANISER))
    assert [(o.outcome, o.participant) for o in d.outcomes] == [("cancelled", "anna@huddinge.se")]
    assert [m.kind for m in d.mails].count("organiser-results") == 1


def test_a_delegate_is_obeyed_as_the_organiser(tmp_path: Path) -> None:
    delegate = "assistent@lansstyrelsen.example"
    d = _decide(tmp_path, _command(delegate), delegates=f'delegates = ["{delegate}"]')
    assert [o.outcome for o in d.outcomes] == ["cancelled"]
    assert next(m for m in d.mails if m.kind == "organiser-results").to == (delegate,)


def test_organiser_mail_without_a_trusted_pass_is_ignored_and_reported(tmp_path: Path) -> None:
    d = _decide(tmp_path, _command(ORGANISER, passed=False))
    assert [(o.outcome, o.rule) for o in d.outcomes] == [("ignored", "unauthenticated")]
    assert [m.kind for m in d.mails] == ["alert-unauthenticated"] and d.registrations == ()


def test_with_no_trusted_authserv_id_organiser_mail_is_not_obeyed(tmp_path: Path) -> None:
    d = _decide(tmp_path, _command(ORGANISER), trusted=False)
    assert not any(o.rule.startswith("organiser") for o in d.outcomes)
    assert d.registrations == () and "organiser-results" not in [m.kind for m in d.mails]
    cfg = _config(tmp_path, trusted=False)
    assert any("organiser is not obeyed by mail" in w for w in cfg.warnings)


def test_the_command_line_and_the_mail_tell_the_participant_the_same(tmp_path: Path) -> None:
    cfg = _config(tmp_path, trusted=True)
    state = MemoryState([booking("anna@huddinge.se")])
    by_cli = decide.organiser_cancel("anna@huddinge.se", None, state, cfg, NOW)
    by_mail = decide.decide(decide.Inbound(_command(ORGANISER), NOW), state, cfg, NOW)
    to_anna = [m for m in by_mail.mails if m.to == ("anna@huddinge.se",)]
    assert to_anna == [m for m in by_cli.mails if m.to == ("anna@huddinge.se",)]


# --------------------------------------------------------------------------- answers to a case


def _answer(tmp_path: Path, case: Case, settled: str | None = None, **kw: Any) -> Decision:
    cfg = _config(tmp_path, trusted=True)
    state = MemoryState([booking("anna@huddinge.se")])
    state.cases["<case@bot>"] = OpenCase("<case@bot>", case, settled)
    message = replace(_command(ORGANISER), subject="SV: ärende", in_reply_to=("<case@bot>",), **kw)
    return decide.decide(decide.Inbound(message, NOW), state, cfg, NOW)


def test_blocks_answering_a_case_with_no_actor_take_their_organisation(tmp_path: Path) -> None:
    case = Case("unauthenticated", actor=None, sender="kalle@gmail.example")
    blocks = (person("Bo Ek", "bo.ek@botkyrka.se", organisation="Botkyrka kommun"),)
    d = _answer(tmp_path, case, participants=blocks)
    [bo] = d.registrations
    assert (bo.actor, bo.status, bo.registered_by) == (
        "Botkyrka kommun",
        "confirmed",
        "kalle@gmail.example",
    )
    assert d.settled == (("<case@bot>", "(participant blocks)"),)


def test_an_answer_to_a_settled_case_says_so_and_does_nothing(tmp_path: Path) -> None:
    case = Case("seminar-request", "Huddinge kommun", ("anna@huddinge.se",), "2022-09-15")
    d = _answer(tmp_path, case, settled="JA", text="NEJ\n")
    assert [(o.outcome, o.rule) for o in d.outcomes] == [("ignored", "case-settled")]
    assert d.registrations == () and d.settled == ()
    [results] = d.mails
    assert results.context["results"][0]["note"] == "settled"


def test_the_subject_never_finds_a_case(tmp_path: Path) -> None:
    cfg = _config(tmp_path, trusted=True)
    state = MemoryState([booking("anna@huddinge.se")])
    case = Case("seminar-request", "Huddinge kommun", ("anna@huddinge.se",), "2022-09-15")
    state.cases["<case@bot>"] = OpenCase("<case@bot>", case)
    message = replace(_command(ORGANISER), subject="SV: <case@bot>", text="JA\n")
    d = decide.decide(decide.Inbound(message, NOW), state, cfg, NOW)
    assert [o.rule for o in d.outcomes] == ["organiser-no-case"] and d.registrations == ()


def test_status_lists_seats_and_what_waits_for_the_organiser(tmp_path: Path) -> None:
    cfg = _config(tmp_path, trusted=True)
    state = MemoryState([booking("anna@huddinge.se")])
    case = Case("seminar-request", "Huddinge kommun", ("bo@huddinge.se",), "2022-09-15")
    state.cases["<case@bot>"] = OpenCase("<case@bot>", case)
    state.cases["<done@bot>"] = OpenCase("<done@bot>", case, settled="JA")
    message = replace(_command(ORGANISER), subject="STATUS")
    d = decide.decide(decide.Inbound(message, NOW), state, cfg, NOW)
    [item] = d.mails[0].context["results"]
    huddinge = next(r for r in item["seats"] if r["actor"] == "Huddinge kommun")
    assert (huddinge["seats"], huddinge["used"], huddinge["free"]) == (4, 1, 3)
    assert [c["participants"] for c in item["waiting"]] == [["bo@huddinge.se"]]
