"""An ambiguous organisation (SPEC §4.3, §14) as the pure decision sees it.

Two invited district administrations write from stockholm.se, one invited to each seminar. A
registration that does not say which it is asks its sender and opens a case for the organiser;
whichever answers first settles it, the people are registered once and for the actor named, and
the other answer is closed. `Bot` applies each decision to a `MemoryState` as the store does:
registrations, the cases opened under the Message-ID of the organiser's mail, the question to the
sender linked to its case, and the cases settled.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest

from mailbot.config import Config
from mailbot.decide import Inbound, decide
from mailbot.model import Decision, Mail
from mailbot.parsing import DateRef, Email
from mailbot.parsing.parsed import ProseDate
from mailbot.state import MemoryState, OpenCase

from support import ORGANISER, SMALL_CONFIG, at, booking, email, make_config, person

TRUSTED = "mx.lansstyrelsen.example"
ON_TIME = at("2022-09-01 10:00")
AFTER_DEADLINE = at("2022-09-06 09:00")
RINKEBY = "Rinkeby-Kista stadsdelsförvaltning"
SPANGA = "Spånga-Tensta stadsdelsförvaltning"
SENDER = "karin@stockholm.se"
PASS = (f"{TRUSTED}; dmarc=pass header.from=stockholm.se",)


@pytest.fixture
def config(tmp_path: Path) -> Config:
    """Spånga-Tensta is invited to the other seminar, so a wrong actor would be a wrong seminar."""
    text = SMALL_CONFIG.replace(
        "[security]\n", f'[security]\ntrusted_authserv_ids = ["{TRUSTED}"]\n'
    )
    text = text.replace(
        'aliases = ["Spånga-Tensta"]\nseminar = "2022-09-14"',
        'aliases = ["Spånga-Tensta"]\nseminar = "2022-09-15"',
    )
    return make_config(tmp_path, text)


@dataclass
class Bot:
    """The decision and a `MemoryState` kept as the store keeps it; each mail gets a Message-ID."""

    config: Config
    state: MemoryState = field(default_factory=MemoryState)
    ids: dict[int, str] = field(default_factory=dict)
    _n: Any = field(default_factory=lambda: itertools.count(1))

    def decide(self, message: Email, at: dt.datetime = ON_TIME) -> Decision:
        decision = decide(Inbound(message, at), self.state, self.config, at)
        self.state.upsert(decision.registrations)
        opened = []
        for mail in decision.mails:
            mid = f"<bot{next(self._n)}@lansstyrelsen.example>"
            self.ids[id(mail)] = mid
            self.state.own_messages[mid] = mail.about
            if mail.case is not None:
                self.state.cases[mid] = OpenCase(mid, mail.case)
                opened.append(mid)
        for mail in decision.mails:
            if mail.asks_for_case and len(opened) == 1:
                self.state.asked[self.ids[id(mail)]] = opened[0]
        for mid, how in decision.settled:
            case = self.state.cases[mid]
            if case.settled is None:
                self.state.cases[mid] = replace(case, settled=how)
        return decision

    def mid(self, mail: Mail) -> str:
        return self.ids[id(mail)]

    def people(self) -> dict[str, tuple[str, str, str]]:
        """email → (status, seminar, actor), of the active registrations."""
        return {r.email: (r.status, r.seminar, r.actor) for r in self.state.registrations}


def unclear(**kw: Any) -> Email:
    """Two people from stockholm.se, and no word of which district administration."""
    people = (
        person("Leila Ahmadi", "leila@stockholm.se"),
        person("Omar Said", "omar@stockholm.se"),
    )
    kw.setdefault("message_id", "<first@stockholm.se>")
    kw.setdefault("authentication_results", PASS)
    return email(sender=SENDER, display_name="Karin Lind", participants=people, **kw)


def organiser_answer(to: Mail, bot: Bot, text: str, **kw: Any) -> Email:
    mid = bot.mid(to)
    return email(
        ORGANISER,
        "Therese Travis",
        subject="SV: Oklar organisation",
        text=text,
        message_id=kw.pop("message_id", "<answer@lansstyrelsen.example>"),
        in_reply_to=(mid,),
        references=(mid,),
        authentication_results=(f"{TRUSTED}; dmarc=pass header.from=lansstyrelsen.example",),
        **kw,
    )


def sender_answer(to: Mail, bot: Bot, organisation: str | None, **kw: Any) -> Email:
    mid = bot.mid(to)
    return email(
        kw.pop("sender", SENDER),
        "Karin Lind",
        subject="SV: Din anmälan behöver kompletteras",
        text=f"Organisation: {organisation}" if organisation else "Vi är från Stockholm",
        organisation=organisation,
        message_id=kw.pop("message_id", "<reply@stockholm.se>"),
        in_reply_to=(mid,),
        references=("<first@stockholm.se>", mid),
        authentication_results=PASS,
        **kw,
    )


def the(decision: Decision, kind: str) -> Mail:
    [mail] = [m for m in decision.mails if m.kind == kind]
    return mail


def outcomes(decision: Decision) -> list[tuple[str, str | None]]:
    return [(o.outcome, o.participant) for o in decision.outcomes]


# --------------------------------------------------------------------------- the case opened


def test_an_unclear_organisation_asks_the_sender_and_opens_a_case_for_the_organiser(
    config: Config,
) -> None:
    bot = Bot(config)
    d = bot.decide(unclear())
    assert [o.outcome for o in d.outcomes] == ["needs-info"] and d.registrations == ()
    question, told = the(d, "needs-info"), the(d, "forward-ambiguous")
    assert question.to == (SENDER,) and question.asks_for_case
    assert list(question.context["candidates"]) == [RINKEBY, SPANGA]
    assert told.to == (ORGANISER,) and told.case is not None
    assert told.case.kind == "ambiguous" and told.case.actor is None
    assert told.case.participants == ("leila@stockholm.se", "omar@stockholm.se")
    assert told.case.details["candidates"] == [RINKEBY, SPANGA] and told.case.sender == SENDER
    assert [p["email"] for p in told.context["people"]] == [p for p in told.case.participants]


def test_a_clear_organisation_opens_no_case(config: Config) -> None:
    d = Bot(config).decide(unclear(organisation="Rinkeby-Kista"))
    assert [o.outcome for o in d.outcomes] == ["confirmed", "confirmed"]
    assert not any(m.case for m in d.mails)


# --------------------------------------------------------------------------- the organiser answers


def test_the_organiser_naming_one_actor_registers_the_people_for_it_and_settles_the_case(
    config: Config,
) -> None:
    bot = Bot(config)
    told = the(bot.decide(unclear()), "forward-ambiguous")
    d = bot.decide(organiser_answer(told, bot, "Spånga-Tensta"))
    assert outcomes(d) == [("confirmed", "leila@stockholm.se"), ("confirmed", "omar@stockholm.se")]
    assert bot.people() == {
        "leila@stockholm.se": ("confirmed", "2022-09-15", SPANGA),
        "omar@stockholm.se": ("confirmed", "2022-09-15", SPANGA),
    }
    assert all(r.registered_by == SENDER for r in bot.state.registrations)
    confirmations = [m for m in d.mails if m.kind == "confirmed"]
    assert [m.cc for m in confirmations] == [(SENDER,), (SENDER,)]
    assert not any(m.answers for m in confirmations)  # new mails: the organiser wrote, not they
    assert bot.state.cases[bot.mid(told)].settled == "Spånga-Tensta"
    assert the(d, "organiser-results").to == (ORGANISER,)


@pytest.mark.parametrize(
    "text", ["Organisation: Rinkeby-Kista", "JA Rinkeby-Kista sdf", "JA\nRinkeby-Kista", RINKEBY]
)
def test_the_organiser_may_write_the_name_as_a_key_after_ja_or_alone(
    config: Config, text: str
) -> None:
    bot = Bot(config)
    told = the(bot.decide(unclear()), "forward-ambiguous")
    bot.decide(organiser_answer(told, bot, text))
    assert {a for _, _, a in bot.people().values()} == {RINKEBY}


def test_a_bare_ja_names_no_organisation_and_settles_nothing(config: Config) -> None:
    bot = Bot(config)
    told = the(bot.decide(unclear()), "forward-ambiguous")
    d = bot.decide(organiser_answer(told, bot, "JA"))
    assert d.registrations == () and bot.state.cases[bot.mid(told)].settled is None
    [item] = the(d, "organiser-results").context["results"]
    assert item["status"] == "not-understood" and item["note"] == "name-actor"


def test_a_first_line_that_names_no_single_organisation_settles_nothing(config: Config) -> None:
    bot = Bot(config)
    told = the(bot.decide(unclear()), "forward-ambiguous")
    d = bot.decide(organiser_answer(told, bot, "Rinkeby-Kista eller Spånga-Tensta?"))
    assert d.registrations == () and bot.state.cases[bot.mid(told)].settled is None


def test_nej_books_no_one_and_tells_the_sender(config: Config) -> None:
    bot = Bot(config)
    told = the(bot.decide(unclear()), "forward-ambiguous")
    d = bot.decide(organiser_answer(told, bot, "NEJ"))
    assert d.registrations == () and bot.state.cases[bot.mid(told)].settled == "NEJ"
    declined = the(d, "registration-declined")
    assert declined.to == (SENDER,) and not declined.answers
    assert [p["email"] for p in declined.context["people"]] == [
        "leila@stockholm.se",
        "omar@stockholm.se",
    ]


def test_the_organisers_answer_keeps_the_time_the_registration_came(config: Config) -> None:
    bot = Bot(config)
    told = the(bot.decide(unclear(), at=ON_TIME), "forward-ambiguous")
    d = bot.decide(organiser_answer(told, bot, "Rinkeby-Kista"), at=AFTER_DEADLINE)
    assert [o.outcome for o in d.outcomes] == ["confirmed", "confirmed"]
    assert {r.registered_at for r in bot.state.registrations} == {ON_TIME}


def test_the_seminar_a_date_in_the_message_asked_for_is_still_asked_for(config: Config) -> None:
    bot = Bot(config)
    asked = unclear(dates=(DateRef(9, 15),))
    told = the(bot.decide(asked), "forward-ambiguous")
    d = bot.decide(organiser_answer(told, bot, "Rinkeby-Kista"))
    assert [o.outcome for o in d.outcomes] == ["forwarded", "forwarded"]  # §6: to the organiser
    assert {s for _, s, _ in bot.people().values()} == {"2022-09-15"}


# --------------------------------------------------------------------------- the sender answers


def test_the_senders_answer_naming_the_organisation_registers_the_people_once(
    config: Config,
) -> None:
    bot = Bot(config)
    first = bot.decide(unclear())
    question, told = the(first, "needs-info"), the(first, "forward-ambiguous")
    d = bot.decide(sender_answer(question, bot, "Rinkeby-Kista"))
    assert outcomes(d) == [("confirmed", "leila@stockholm.se"), ("confirmed", "omar@stockholm.se")]
    assert {a for _, _, a in bot.people().values()} == {RINKEBY}
    assert bot.state.cases[bot.mid(told)].settled == f"{SENDER}: {RINKEBY}"
    late = bot.decide(organiser_answer(told, bot, "Spånga-Tensta", message_id="<late@l.example>"))
    assert late.registrations == ()
    assert [(o.outcome, o.rule) for o in late.outcomes] == [("ignored", "case-settled")]
    assert {a for _, _, a in bot.people().values()} == {RINKEBY}


def test_the_senders_answer_after_the_organiser_settled_it_books_no_one_again(
    config: Config,
) -> None:
    bot = Bot(config)
    first = bot.decide(unclear())
    question, told = the(first, "needs-info"), the(first, "forward-ambiguous")
    bot.decide(organiser_answer(told, bot, "Spånga-Tensta"))
    d = bot.decide(sender_answer(question, bot, "Rinkeby-Kista"))
    assert d.registrations == ()
    assert bot.people() == {
        "leila@stockholm.se": ("confirmed", "2022-09-15", SPANGA),
        "omar@stockholm.se": ("confirmed", "2022-09-15", SPANGA),
    }


def test_an_answer_naming_no_candidate_is_asked_again_without_a_second_case(
    config: Config,
) -> None:
    bot = Bot(config)
    first = bot.decide(unclear())
    question, told = the(first, "needs-info"), the(first, "forward-ambiguous")
    d = bot.decide(sender_answer(question, bot, "Huddinge kommun"))
    assert d.registrations == () and [o.outcome for o in d.outcomes] == ["needs-info"]
    assert [m.kind for m in d.mails] == ["needs-info"]
    assert bot.state.cases[bot.mid(told)].settled is None


def test_a_new_registration_by_the_sender_with_the_organisation_closes_the_case(
    config: Config,
) -> None:
    bot = Bot(config)
    told = the(bot.decide(unclear()), "forward-ambiguous")
    again = unclear(organisation="Spånga-Tensta", message_id="<again@stockholm.se>")
    bot.decide(again)
    assert bot.state.cases[bot.mid(told)].settled == f"{SENDER}: {SPANGA}"
    late = bot.decide(organiser_answer(told, bot, "Rinkeby-Kista"))
    assert late.registrations == ()
    assert {a for _, _, a in bot.people().values()} == {SPANGA}


def test_someone_booked_meanwhile_by_another_sender_is_not_booked_twice(config: Config) -> None:
    bot = Bot(config)
    bot.state.registrations.append(
        booking("leila@stockholm.se", actor=SPANGA, seminar="2022-09-15")
    )
    told = the(bot.decide(unclear()), "forward-ambiguous")
    d = bot.decide(organiser_answer(told, bot, "Rinkeby-Kista"))
    assert outcomes(d) == [("duplicate", "leila@stockholm.se"), ("confirmed", "omar@stockholm.se")]
    assert [r.email for r in bot.state.registrations].count("leila@stockholm.se") == 1


def test_a_reply_as_unclear_as_the_first_mail_replaces_its_case(config: Config) -> None:
    bot = Bot(config)
    first = bot.decide(unclear())
    question, told = the(first, "needs-info"), the(first, "forward-ambiguous")
    again = replace(
        sender_answer(question, bot, None),
        participants=(person("Leila Ahmadi", "leila@stockholm.se"),),
        names_people=True,
    )
    d = bot.decide(again)
    assert the(d, "forward-ambiguous").case is not None and d.registrations == ()
    assert (
        bot.state.cases[bot.mid(told)].settled == f"{SENDER}: SV: Din anmälan behöver kompletteras"
    )
    assert len(bot.state.open_cases()) == 1


def test_an_answer_that_names_people_books_them_and_asks_about_those_it_left_out(
    config: Config,
) -> None:
    bot = Bot(config)
    first = bot.decide(unclear())
    question, told = the(first, "needs-info"), the(first, "forward-ambiguous")
    again = replace(
        sender_answer(question, bot, "Rinkeby-Kista"),
        participants=(person("Leila Ahmadi", "leila@stockholm.se"),),
        names_people=True,
    )
    d = bot.decide(again)
    assert outcomes(d) == [("confirmed", "leila@stockholm.se"), ("needs-info", "omar@stockholm.se")]
    assert list(bot.people()) == ["leila@stockholm.se"]
    summary = the(d, "summary")  # §9: the sender of a mail about several gets one picture
    assert summary.to == (SENDER,)
    assert [(p["kind"], p["email"]) for p in summary.context["problems"]] == [
        ("left-out", "omar@stockholm.se")
    ]
    assert bot.state.cases[bot.mid(told)].settled == f"{SENDER}: {RINKEBY}"


def test_a_date_written_for_one_person_is_still_that_persons_once_settled(
    config: Config,
) -> None:
    bot = Bot(config)
    sentence = "Jag anmäler Leila Ahmadi till den 14 september och Omar Said till den 15 september."
    written = (
        ProseDate(DateRef(9, 14), sentence, "Jag anmäler Leila Ahmadi till den 14 september"),
        ProseDate(DateRef(9, 15), sentence, "Omar Said till den 15 september."),
    )
    asked = unclear(dates=(DateRef(9, 14), DateRef(9, 15)), prose_dates=written)
    told = the(bot.decide(asked), "forward-ambiguous")
    d = bot.decide(organiser_answer(told, bot, "Rinkeby-Kista"))
    assert outcomes(d) == [("confirmed", "leila@stockholm.se"), ("forwarded", "omar@stockholm.se")]
