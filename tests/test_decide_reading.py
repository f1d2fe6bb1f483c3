"""Whom a mail is about, as written (SPEC §3, §4, §10): real mail bytes through `parsing.read`
and `decide`, so the readers and the decision are tried together."""

from __future__ import annotations

import datetime as dt
import io
from email.message import EmailMessage
from pathlib import Path

import openpyxl
import pytest

from mailbot import parsing
from mailbot.config import Config
from mailbot.decide import Inbound, decide
from mailbot.model import Decision
from mailbot.state import MemoryState, Registration

from support import BOT, ORGANISER, at, make_config, raw_mail

ON_TIME = at("2022-09-01 10:00")
SENDER = "karin.lind@huddinge.se"


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return make_config(tmp_path)


def run(
    config: Config, state: MemoryState, raw: bytes, received: dt.datetime = ON_TIME
) -> Decision:
    decision = decide(Inbound(parsing.read(raw), received), state, config, received)
    state.upsert(decision.registrations)
    return decision


def mail(body: str, subject: str = "Anmälan", mid: str = "<m1@huddinge.se>") -> bytes:
    return raw_mail(SENDER, body, subject=subject, message_id=mid, display_name="Karin Lind")


def outcomes(d: Decision) -> list[tuple[str, str, str | None]]:
    return [(o.outcome, o.rule, o.participant) for o in d.outcomes]


def booked(state: MemoryState) -> set[str]:
    return {r.email for r in state.participants("2022-09-14") if r.is_active}


def test_a_fresh_mail_that_asks_to_register_and_names_no_one_books_its_sender(
    config: Config,
) -> None:
    d = run(config, MemoryState(), mail("Hej!\n\nJag vill gärna delta på seminariet.\n"))
    assert outcomes(d) == [("confirmed", "register/sender", SENDER)]


def test_a_numbered_list_books_the_people_listed_and_not_the_sender(config: Config) -> None:
    state = MemoryState()
    body = (
        "Hej,\n\nVi blir två:\n\n1. Per Ström, per.strom@huddinge.se\n"
        "2. Lisa Berg, lisa.berg@huddinge.se\n\nMvh Karin\n"
    )
    d = run(config, state, mail(body))
    assert outcomes(d) == [
        ("confirmed", "register/list", "per.strom@huddinge.se"),
        ("confirmed", "register/list", "lisa.berg@huddinge.se"),
    ]
    assert SENDER not in booked(state)


def test_a_sender_who_says_they_do_not_come_is_not_booked_beside_their_colleagues(
    config: Config,
) -> None:
    state = MemoryState()
    body = "Hej,\n\nSjälv kan jag inte, men anmäler Per Ström <per.strom@huddinge.se>.\n"
    run(config, state, mail(body))
    assert booked(state) == {"per.strom@huddinge.se"}


def test_a_list_of_names_without_addresses_asks_and_books_no_one(config: Config) -> None:
    state = MemoryState()
    d = run(config, state, mail("Hej,\n\nVi anmäler:\n- Per Ström\n- Lisa Berg\n"))
    assert {o.outcome for o in d.outcomes} == {"needs-info"}
    assert booked(state) == set()
    assert d.mails[0].to == (SENDER,)


def test_a_fresh_question_from_an_invited_sender_goes_to_the_organiser_unanswered(
    config: Config,
) -> None:
    d = run(config, MemoryState(), mail("Hej,\n\nFinns det parkering?\n", subject="Fråga"))
    assert outcomes(d) == [("forwarded", "not-a-registration", None)]
    assert [m.to for m in d.mails] == [(ORGANISER,)]


def test_a_newsletter_from_a_sender_who_is_not_invited_gets_no_reply(config: Config) -> None:
    raw = raw_mail("news@example.com", "Veckans nyheter om parkering.\n", subject="Nyhetsbrev")
    d = run(config, MemoryState(), raw)
    assert outcomes(d) == [("ignored", "not-a-registration", None)]
    assert d.mails == ()


def test_a_cancellation_by_name_cancels_the_one_registration_of_that_name(config: Config) -> None:
    state = MemoryState()
    run(config, state, mail("1. Lisa Berg, lisa.berg@huddinge.se\n2. Per Ek, per.ek@huddinge.se\n"))
    d = run(config, state, mail("Hej,\n\nLisa Berg kan tyvärr inte komma.\n", "Återbud", "<c@x>"))
    assert [(o.outcome, o.participant) for o in d.outcomes] == [
        ("cancelled", "lisa.berg@huddinge.se")
    ]
    assert booked(state) == {"per.ek@huddinge.se"}


def test_a_cancellation_naming_no_one_registered_asks_and_cancels_no_one(config: Config) -> None:
    state = MemoryState()
    run(config, state, mail("1. Lisa Berg, lisa.berg@huddinge.se\n"))
    d = run(config, state, mail("Hej,\n\nÅterbud för Karl Nilsson.\n", "Återbud", "<c@x>"))
    assert [o.outcome for o in d.outcomes] == ["needs-info"]
    assert booked(state) == {"lisa.berg@huddinge.se"}


class Counted(MemoryState):
    """A state that counts how often a decision reads whole lists of registrations."""

    lists_read: int = 0

    def registrations_by(self, actor: str) -> list[Registration]:
        self.lists_read += 1
        return super().registrations_by(actor)

    def participants(self, seminar: str) -> list[Registration]:
        self.lists_read += 1
        return super().participants(seminar)


def test_a_registration_that_names_no_one_to_cancel_reads_no_earlier_registrations(
    config: Config,
) -> None:
    # Reading every registration for every message made a burst of 5,000 quadratic.
    state = Counted()
    for i, name in enumerate(["Lisa Berg", "Per Ek", "Omar Ali"]):
        address = name.lower().replace(" ", ".") + "@huddinge.se"
        run(config, state, mail(f"1. {name}, {address}\n", mid=f"<m{i}@x>"))
    assert state.lists_read == 0
    run(config, state, mail("Hej,\n\nPer Ek kan tyvärr inte komma.\n", "Återbud", "<c@x>"))
    assert state.lists_read == 1
    assert booked(state) == {"lisa.berg@huddinge.se", "omar.ali@huddinge.se"}


def _xlsx(rows: int) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Namn", "E-post"])
    for i in range(rows):
        sheet.append([f"Person Nummer{i}", f"p{i}@huddinge.se"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _with_attachment(body: str, name: str, data: bytes) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"Karin Lind <{SENDER}>"
    msg["To"] = BOT
    msg["Subject"] = "Anmälan"
    msg["Message-ID"] = "<att@huddinge.se>"
    msg.set_content(body)
    msg.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return msg.as_bytes()


def test_an_attached_list_over_the_row_limit_asks_the_sender_and_tells_the_organiser(
    config: Config,
) -> None:
    state = MemoryState()
    raw = _with_attachment("Hej,\n\nAnmäler enligt bifogad lista.\n", "lista.xlsx", _xlsx(2100))
    d = run(config, state, raw)
    assert {o.outcome for o in d.outcomes} == {"needs-info"}
    assert booked(state) == set()
    kinds = {(m.kind, m.to) for m in d.mails}
    assert ("needs-info", (SENDER,)) in kinds and ("alert-attachment", (ORGANISER,)) in kinds


def test_an_attached_list_within_the_limits_is_booked_as_an_attachment(config: Config) -> None:
    state = MemoryState()
    raw = _with_attachment("Hej,\n\nAnmäler enligt bifogad lista.\n", "lista.xlsx", _xlsx(2))
    d = run(config, state, raw)
    assert [(o.outcome, o.rule) for o in d.outcomes] == [("confirmed", "register/attachment")] * 2


# --------------------------------------------------------------------------- §3 a list that cannot be read

_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
_DOCX = b"PK\x03\x04\x14\x00\x06\x00\x08\x00word/document.xml" + b"\x00" * 32
_JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32 + b"\xff\xd9"
_VCF = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Karin Lind\r\nEMAIL:karin.lind@huddinge.se\r\nEND:VCARD\r\n"
)
_FILES = {
    "pdf": ("application", "pdf", _PDF),
    "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document", _DOCX),
    "jpg": ("image", "jpeg", _JPG),
    "png": ("image", "png", _JPG),
    "vcf": ("text", "vcard", _VCF),
}


def _with_file(body: str, name: str, subject: str = "Anmälan") -> bytes:
    maintype, subtype, data = _FILES[name.rsplit(".", 1)[1]]
    msg = EmailMessage()
    msg["From"] = f"Karin Lind <{SENDER}>"
    msg["To"] = BOT
    msg["Subject"] = subject
    msg["Message-ID"] = "<file@huddinge.se>"
    msg.set_content(body)
    if maintype == "text":
        msg.add_attachment(data.decode(), subtype=subtype, filename=name)
    else:
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Hej!\n\nBifogar anmälan för våra deltagare.\n\nMvh Karin\n", "Deltagare.docx"),
        ("Hej,\n\nSe bifogad anmälningsblankett med våra tre deltagare.\n", "Blankett.pdf"),
        ("Här är listan på de som kommer från oss\n\nSkickat från min iPhone\n", "IMG_4512.jpg"),
        ("Hi,\n\nPlease find attached the list of our participants.\n", "participants.pdf"),
        ("Hej!\n\nDeltagarna från oss finns i bilagan.\n", "namn.pdf"),
    ],
)
def test_a_mail_whose_list_of_participants_is_an_unreadable_file_asks_and_books_no_one(
    config: Config, body: str, name: str
) -> None:
    """§3: it holds an attached list from which no participant could be read: needs-info, the
    reply says the file was not read, the organiser hears why, and the sender is not booked."""
    state = MemoryState()
    d = run(config, state, _with_file(body, name))
    assert {o.outcome for o in d.outcomes} == {"needs-info"}
    assert booked(state) == set()
    kinds = {(m.kind, m.to) for m in d.mails}
    assert ("needs-info", (SENDER,)) in kinds and ("alert-attachment", (ORGANISER,)) in kinds


@pytest.mark.parametrize(
    ("body", "name"),
    [
        (
            "Hej!\n\nJag anmäler mig till seminariet. Bifogar agendan från vår förvaltning.\n",
            "Agenda.pdf",
        ),
        ("Hej,\n\nJag vill gärna delta på seminariet.\n\nMvh Karin\n", "image001.png"),
        ("Anmäler mig härmed till seminariet den 14 september.\n", "Karin Lind.vcf"),
        ("Jag anmäler mig. Se bifogad fil.\n", "Resa.pdf"),
    ],
)
def test_a_sender_who_registers_themself_beside_a_file_that_is_no_list_is_booked(
    config: Config, body: str, name: str
) -> None:
    """The agenda, a signature logo, a vCard: the text does not call them the list."""
    d = run(config, MemoryState(), _with_file(body, name))
    assert outcomes(d) == [("confirmed", "register/sender", SENDER)]


def test_a_person_written_in_the_text_is_booked_and_the_unreadable_list_of_the_rest_asked_about(
    config: Config,
) -> None:
    state = MemoryState()
    body = (
        "Hej,\n\nJag anmäler Lisa Berg (lisa.berg@huddinge.se) och bifogar listan med "
        "övriga deltagare.\n"
    )
    d = run(config, state, _with_file(body, "Deltagare.docx"))
    assert booked(state) == {"lisa.berg@huddinge.se"}
    assert "needs-info" in {o.outcome for o in d.outcomes}


def test_here_is_the_list_above_people_written_in_the_text_reads_them_and_asks_nothing(
    config: Config,
) -> None:
    """ "Här är listan" with the list in the text: the logo beside it is no list."""
    state = MemoryState()
    body = (
        "Här är listan på de som kommer från oss:\n\n"
        "Lisa Berg; lisa.berg@huddinge.se\nOmar Ali; omar.ali@huddinge.se\n"
    )
    d = run(config, state, _with_file(body, "image001.png"))
    assert booked(state) == {"lisa.berg@huddinge.se", "omar.ali@huddinge.se"}
    assert "needs-info" not in {o.outcome for o in d.outcomes}


# --------------------------------------------------------------------------- §3, §10 mail that registers no one


@pytest.mark.parametrize(
    "subject",
    [
        "Autosvar: Inbjudan till seminarium – anmälan senast 1 september",
        "Automatic reply: Invitation – registration by 1 September",
        "Frånvaromeddelande",
    ],
)
def test_an_out_of_office_without_auto_submitted_books_neither_its_sender_nor_the_colleague(
    config: Config, subject: str
) -> None:
    """An old system's out-of-office (no Auto-Submitted, no In-Reply-To) in answer to the
    invitation: the organiser reads it; the colleague named for urgent matters is no one's
    registration, and the invitation's "anmälan" in the subject is not the writer's."""
    state = MemoryState()
    body = (
        "Hej!\n\nJag är på semester till och med den 28 augusti och läser inte min e-post. "
        "Vid brådskande ärenden kontakta min kollega Per Nord, per.nord@huddinge.se, "
        "08-535 300 00.\n\nMed vänlig hälsning\nKarin Lind\n"
    )
    d = run(config, state, mail(body, subject))
    assert [o.outcome for o in d.outcomes] == ["forwarded"]
    assert booked(state) == set()


def test_a_thank_you_whose_signature_names_a_contact_person_books_no_one(config: Config) -> None:
    state = MemoryState()
    body = (
        "Tack för informationen! Vi ses den 14:e.\nKarin Lind\nSamordnare, Socialtjänsten\n"
        "Huddinge kommun\nKontaktperson vid frånvaro: Per Nord, per.nord@huddinge.se\n"
        "Tel: 08-535 300 00\n"
    )
    d = run(config, state, mail(body, "SV: Inbjudan"))
    assert [o.outcome for o in d.outcomes] == ["forwarded"]
    assert booked(state) == set()


@pytest.mark.parametrize(
    ("subject", "body"),
    [
        (
            "Seminariet i september",
            "Hej,\n\nJag vet inte om jag kan komma än, det beror på schemat. "
            "Kan jag återkomma nästa vecka?\n\nMvh Karin\n",
        ),
        (
            "Rättelse anmälan",
            "Hej!\n\nLiten rättelse till vår anmälan: Jonas efternamn stavas Lärkå, inte Lärka. "
            "Adressen är densamma.\n\nMvh Karin\n",
        ),
    ],
)
def test_an_undecided_writer_or_a_correction_goes_to_the_organiser_and_books_no_one(
    config: Config, subject: str, body: str
) -> None:
    state = MemoryState()
    d = run(config, state, mail(body, subject))
    assert [o.outcome for o in d.outcomes] == ["forwarded"]
    assert booked(state) == set()
