"""The organiser runs the event from her mail client (SPEC §14), end to end through `mailbot run`.

Each step delivers mail to a private Dovecot, runs `mailbot run --once` as cron would, and reads
what reached the SMTP sink: the bot's mail about a case, the organiser's answer to it (found by
`In-Reply-To`, never the subject), her commands and the one results reply each mail gets.
"""

from __future__ import annotations

import email
import email.policy
import itertools
import uuid
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from mailbot import config
from mailbot.config import Config
from mailbot.store import Store

from servers import Dovecot, ImapPeer, SmtpSink
from support import (
    ORGANISER,
    SMALL_CONFIG,
    BotProcess,
    at,
    make_config,
    raw_mail,
    with_servers,
)

TRUSTED = "mx.lansstyrelsen.example"
ON_TIME = at("2022-09-01 10:00")
_ids = itertools.count(1)


class Event:
    """One event's config, its inbox on the session Dovecot, and what the sink has received."""

    def __init__(self, cfg: Config, server: Dovecot, settings: config.Imap, sink: SmtpSink):
        self.cfg, self.server, self.settings, self.sink = cfg, server, settings, sink
        self.seen = 0

    def deliver(self, *messages: bytes) -> list[EmailMessage]:
        """Deliver, run the bot once, and return the mails it sent for them."""
        with ImapPeer.to(self.server) as peer:
            peer.append(list(messages), self.settings.folder, internal_date=ON_TIME)
        bot = BotProcess(
            self.cfg.path,
            "--once",
            "--now",
            "2022-09-01T12:00",
            password=self.server.password,
            log=self.cfg.path.parent / "run.log",
        )
        assert bot.wait(90) == 0, bot.tail()
        assert "Traceback" not in bot.tail()
        with Store(self.cfg.bot.database) as store:
            assert [e for e in store.journal() if e["state"] != "handled"] == []
        new = self.sink.received[self.seen :]
        self.seen = len(self.sink.received)
        return [parsed(r.data) for r in new]

    def people(self) -> dict[tuple[str, str], str]:
        """(email, seminar) → status."""
        with Store(self.cfg.bot.database) as store:
            return {(r.email, r.seminar): r.status for r in store.participants()}

    def journal(self) -> list[dict[str, Any]]:
        with Store(self.cfg.bot.database) as store:
            return store.journal()


@pytest.fixture
def event(tmp_path: Path, dovecot_server: Dovecot, smtp_sink: SmtpSink) -> Iterator[Event]:
    tag = uuid.uuid4().hex[:8]
    settings = dovecot_server.settings(folder=f"in-{tag}", done_folder=f"done-{tag}")
    text = SMALL_CONFIG.replace(
        "[security]\n", f'[security]\ntrusted_authserv_ids = ["{TRUSTED}"]\n'
    )
    cfg = make_config(tmp_path, with_servers(text, settings, smtp_sink.settings()))
    Store(cfg.bot.database).close()
    yield Event(cfg, dovecot_server, settings, smtp_sink)


def parsed(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def body(mail: EmailMessage) -> str:
    part = mail.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def authenticated(
    sender: str, text: str, *, extra_headers: tuple[tuple[str, str], ...] = (), **kw: str
) -> bytes:
    """Mail as the provider's MX stores it: a DMARC pass for the sender's domain on top."""
    domain = sender.rpartition("@")[2]
    headers = (("Authentication-Results", f"{TRUSTED}; dmarc=pass header.from={domain}"),)
    kw.setdefault("message_id", f"<m{next(_ids)}-{uuid.uuid4().hex[:6]}@{domain}>")
    return raw_mail(sender, text, extra_headers=extra_headers + headers, **kw)


def answer(to: EmailMessage, text: str, *, sender: str = ORGANISER, **kw: str) -> bytes:
    """The organiser's reply to one of the bot's mails, threaded as mail clients thread."""
    mid = str(to["Message-ID"])
    threading = (("In-Reply-To", mid), ("References", mid))
    quoted = "\n".join("> " + line for line in body(to).splitlines())
    return authenticated(
        sender,
        f"{text}\n\n{quoted}\n",
        subject="SV: " + str(to["Subject"]),
        extra_headers=threading,
        **kw,
    )


def people(*numbers: int) -> str:
    return "\n\n".join(f"Namn: Person {n}\nE-post: p{n}@huddinge.se" for n in numbers)


def to(mails: list[EmailMessage], address: str) -> list[EmailMessage]:
    return [m for m in mails if address in str(m["To"])]


def ics_start(mail: EmailMessage) -> str:
    [ics] = [p for p in mail.iter_attachments() if p.get_content_type() == "text/calendar"]
    content = ics.get_content()
    text = content.decode() if isinstance(content, bytes) else content
    event = text[text.index("BEGIN:VEVENT") :]
    return next(line for line in event.splitlines() if line.startswith("DTSTART"))


# --------------------------------------------------------------------------- acting by replying


@pytest.mark.servers
def test_the_organiser_answers_ja_and_the_participant_is_booked_on_the_seminar_asked_for(
    event: Event,
) -> None:
    request = "Hej!\n\nNamn: Åsa Öberg\nE-post: asa.oberg@huddinge.se\nDatum: 2022-09-15\n"
    sent = event.deliver(authenticated("karin.lind@huddinge.se", request))
    [case_mail] = to(sent, ORGANISER)
    assert "JA" in body(case_mail).split("Svara på det här mejlet")[-1]
    assert event.people()[("asa.oberg@huddinge.se", "2022-09-15")] == "pending"

    sent = event.deliver(answer(case_mail, "JA"))

    assert event.people()[("asa.oberg@huddinge.se", "2022-09-15")] == "confirmed"
    [confirmation] = to(sent, "asa.oberg@huddinge.se")
    assert "20220915T130000" in ics_start(confirmation)
    [results] = to(sent, ORGANISER)
    assert "utfört" in body(results) and results["In-Reply-To"]

    again = event.deliver(answer(case_mail, "JA"))
    [late] = again
    assert "redan avgjort" in body(late) or "already settled" in body(late)
    assert to(again, "asa.oberg@huddinge.se") == []


@pytest.mark.servers
def test_nej_leaves_the_participant_on_their_own_seminar_and_tells_them(event: Event) -> None:
    own = "Hej!\n\nNamn: Per Ström\nE-post: per.strom@huddinge.se\n"
    event.deliver(authenticated("karin.lind@huddinge.se", own))
    request = "Hej!\n\nNamn: Per Ström\nE-post: per.strom@huddinge.se\nDatum: 2022-09-15\n"
    [case_mail] = to(event.deliver(authenticated("karin.lind@huddinge.se", request)), ORGANISER)

    sent = event.deliver(answer(case_mail, "Nej"))

    assert event.people()[("per.strom@huddinge.se", "2022-09-14")] == "confirmed"
    assert event.people()[("per.strom@huddinge.se", "2022-09-15")] == "cancelled"
    [told] = to(sent, "per.strom@huddinge.se")
    assert "beviljades inte" in str(told["Subject"])
    assert len(to(sent, ORGANISER)) == 1


@pytest.mark.servers
def test_two_participant_blocks_in_answer_to_a_forwarded_reply_are_booked_for_its_actor(
    event: Event,
) -> None:
    [confirmation] = event.deliver(authenticated("karin.lind@huddinge.se", people(1)))
    thanks = authenticated(
        "karin.lind@huddinge.se",
        "Tack, vi hör av oss om fler!\n",
        subject="SV: " + str(confirmation["Subject"]),
        extra_headers=(("In-Reply-To", str(confirmation["Message-ID"])),),
    )
    [forward] = event.deliver(thanks)
    assert forward["To"] == ORGANISER and "Deltagarblock" in body(forward)

    sent = event.deliver(answer(forward, people(2, 3)))

    status = event.people()
    assert status[("p2@huddinge.se", "2022-09-14")] == "confirmed"
    assert status[("p3@huddinge.se", "2022-09-14")] == "confirmed"
    with Store(event.cfg.bot.database) as store:
        p2 = store.registration("2022-09-14", "p2@huddinge.se")
    assert p2 is not None and p2.actor == "Huddinge kommun"
    assert p2.registered_by == "karin.lind@huddinge.se"
    assert len(to(sent, "p2@huddinge.se")) == len(to(sent, "p3@huddinge.se")) == 1


# --------------------------------------------------------------------------- commands


@pytest.mark.servers
def test_a_command_mail_gets_one_results_reply_and_the_waitlist_moves_up(event: Event) -> None:
    event.deliver(authenticated("karin.lind@huddinge.se", people(1, 2, 3, 4, 5, 6)))
    commands = (
        "STATUS\n"
        "FLYTTA p2@huddinge.se 2022-09-15\n"
        "AVBOKA p1@huddinge.se\n"
        "Kan ni även skicka programmet?\n"
        "AVBOKA p3@huddinge.se\n"
    )
    sent = event.deliver(authenticated(ORGANISER, commands, subject="Ändringar"))

    status = event.people()
    assert status[("p1@huddinge.se", "2022-09-14")] == "cancelled"
    assert status[("p2@huddinge.se", "2022-09-15")] == "confirmed"
    assert status[("p5@huddinge.se", "2022-09-14")] == "confirmed"
    assert status[("p6@huddinge.se", "2022-09-14")] == "confirmed"
    assert status[("p3@huddinge.se", "2022-09-14")] == "confirmed"  # after the unread line
    [results] = to(sent, ORGANISER)
    text = body(results)
    assert text.count("utfört") >= 3 and "inte förstått" in text
    assert "> Kan ni även skicka programmet?" in text
    assert "Huddinge kommun" in text  # the STATUS table
    assert len(to(sent, "p5@huddinge.se")) == 1 and len(to(sent, "p1@huddinge.se")) == 1
    [entry] = [e for e in event.journal() if e["sender"] == ORGANISER]
    cancel = next(o for o in entry["outcomes"] if o["outcome"] == "cancelled")
    assert ORGANISER in cancel["reason"] and "AVBOKA p1@huddinge.se" in cancel["reason"]


@pytest.mark.servers
def test_platser_raised_promotes_two_and_lowered_cancels_nobody(event: Event) -> None:
    event.deliver(authenticated("karin.lind@huddinge.se", people(1, 2, 3, 4, 5, 6, 7)))

    sent = event.deliver(authenticated(ORGANISER, "", subject="PLATSER Huddinge kommun 6"))

    status = event.people()
    assert [status[(f"p{n}@huddinge.se", "2022-09-14")] for n in (5, 6, 7)] == [
        "confirmed",
        "confirmed",
        "waitlisted",
    ]
    assert len(to(sent, ORGANISER)) == 1 and len(to(sent, "p5@huddinge.se")) == 1

    event.deliver(authenticated(ORGANISER, "PLATSER Huddinge kommun 2\n", subject="Platser"))
    event.deliver(authenticated("karin.lind@huddinge.se", people(8)))

    status = event.people()
    assert sum(1 for s in status.values() if s == "confirmed") == 6
    assert status[("p8@huddinge.se", "2022-09-14")] == "waitlisted"


@pytest.mark.servers
def test_boka_books_past_the_seats_and_says_so(event: Event) -> None:
    event.deliver(authenticated("karin.lind@huddinge.se", people(1, 2, 3, 4)))
    text = "BOKA\n\nNamn: Extra Person\nE-post: extra@huddinge.se\nOrganisation: Huddinge kommun\n"

    sent = event.deliver(authenticated(ORGANISER, text, subject="Bokning"))

    assert event.people()[("extra@huddinge.se", "2022-09-14")] == "confirmed"
    [results] = to(sent, ORGANISER)
    assert "past Huddinge kommun's 4 seats" in body(results)
    assert len(to(sent, "extra@huddinge.se")) == 1


# --------------------------------------------------------------------------- forgery


@pytest.mark.servers
def test_a_forged_organiser_mail_changes_nothing_and_the_organiser_is_told(event: Event) -> None:
    event.deliver(authenticated("karin.lind@huddinge.se", people(1)))
    forged = raw_mail(ORGANISER, "AVBOKA p1@huddinge.se\n", subject="AVBOKA p1@huddinge.se")

    sent = event.deliver(forged)

    assert event.people()[("p1@huddinge.se", "2022-09-14")] == "confirmed"
    [alert] = sent
    assert alert["To"] == ORGANISER and "Oautentiserad" in str(alert["Subject"])
    [entry] = [e for e in event.journal() if e["sender"] == ORGANISER]
    assert [(o["outcome"], o["rule"]) for o in entry["outcomes"]] == [
        ("ignored", "unauthenticated")
    ]


# --------------------------------------------------------------------------- an unclear organisation

UNCLEAR = (
    "Hej!\n\nVi vill anmäla två från stadsdelsförvaltningen.\n\n"
    "Namn: Leila Ahmadi\nE-post: leila@stockholm.se\n\n"
    "Namn: Omar Said\nE-post: omar@stockholm.se\n\nHälsningar\nKarin\n"
)


def unclear_registration(event: Event) -> tuple[EmailMessage, EmailMessage]:
    """Two people from stockholm.se, shared by two invited district administrations, and no
    word of which: the sender is asked, the organiser gets a case. (question, case mail)"""
    sent = event.deliver(authenticated("karin@stockholm.se", UNCLEAR, subject="Anmälan"))
    [question] = to(sent, "karin@stockholm.se")
    [case_mail] = to(sent, ORGANISER)
    assert len(sent) == 2 and event.people() == {}
    return question, case_mail


@pytest.mark.servers
def test_the_organiser_names_the_organisation_and_a_later_answer_from_the_sender_books_no_one(
    event: Event,
) -> None:
    question, case_mail = unclear_registration(event)
    answers = body(case_mail).split("Svara på det här mejlet")[-1]
    assert "Spånga-Tensta stadsdelsförvaltning" in body(case_mail) and "NEJ" in answers
    assert "Rinkeby-Kista" in body(question) and "Svara på det här mejlet" in body(question)

    sent = event.deliver(answer(case_mail, "Spånga-Tensta"))

    assert event.people() == {
        ("leila@stockholm.se", "2022-09-14"): "confirmed",
        ("omar@stockholm.se", "2022-09-14"): "confirmed",
    }
    with Store(event.cfg.bot.database) as store:
        leila = store.registration("2022-09-14", "leila@stockholm.se")
    assert leila is not None and leila.actor == "Spånga-Tensta stadsdelsförvaltning"
    assert leila.registered_by == "karin@stockholm.se"
    [to_leila] = to(sent, "leila@stockholm.se")
    assert "karin@stockholm.se" in str(to_leila["Cc"])
    [results] = to(sent, ORGANISER)
    assert "utfört" in body(results)

    late = event.deliver(
        answer(question, "Organisation: Rinkeby-Kista", sender="karin@stockholm.se")
    )

    assert to(late, "leila@stockholm.se") == to(late, "omar@stockholm.se") == []
    with Store(event.cfg.bot.database) as store:
        assert [r.actor for r in store.participants()] == ["Spånga-Tensta stadsdelsförvaltning"] * 2


@pytest.mark.servers
def test_the_sender_names_the_organisation_and_the_organisers_later_answer_is_told_it_is_settled(
    event: Event,
) -> None:
    question, case_mail = unclear_registration(event)

    sent = event.deliver(
        answer(question, "Organisation: Rinkeby-Kista", sender="karin@stockholm.se")
    )

    assert event.people() == {
        ("leila@stockholm.se", "2022-09-14"): "confirmed",
        ("omar@stockholm.se", "2022-09-14"): "confirmed",
    }
    assert len(to(sent, "leila@stockholm.se")) == len(to(sent, "omar@stockholm.se")) == 1
    assert to(sent, ORGANISER) == []

    late = event.deliver(answer(case_mail, "Spånga-Tensta"))

    [told] = late
    assert told["To"] == ORGANISER and "redan avgjort" in body(told)
    assert "Rinkeby-Kista" in body(told)  # how it was settled
    with Store(event.cfg.bot.database) as store:
        assert [r.actor for r in store.participants()] == ["Rinkeby-Kista stadsdelsförvaltning"] * 2


@pytest.mark.servers
def test_nej_to_an_unclear_organisation_books_no_one_and_tells_the_sender(event: Event) -> None:
    question, case_mail = unclear_registration(event)

    sent = event.deliver(answer(case_mail, "NEJ"))

    assert event.people() == {}
    [told] = to(sent, "karin@stockholm.se")
    assert "registrerades inte" in str(told["Subject"]) and "leila@stockholm.se" in body(told)
    late = event.deliver(
        answer(question, "Organisation: Rinkeby-Kista", sender="karin@stockholm.se")
    )
    assert event.people() == {} and to(late, "leila@stockholm.se") == []
