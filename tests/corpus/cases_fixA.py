"""Twins of the blind cases of groups A, B and C (branch i9-fixA): mails that sit right beside
the ones the bot read wrong, and must keep being read right once those are fixed.

- A. An attachment that cannot be read: the list of participants in it is asked for, but a
  sender who registers themself beside an unrelated file (the agenda, a signature logo, a
  vCard) is booked; people written in the text are booked and the rest asked for; "Här är
  listan" over a list written in the text reads the text.
- B. A person named in prose beside no registering (an out-of-office's colleague, a contact
  person in a signature put straight under the text) is no participant, but an addition to a
  registration, a polite "Jag undrar om jag kan anmäla mig" and a registration whose closing
  names a contact person still book whom they mean; an undecided writer in English is the
  organiser's.
- C. A read receipt in English ("Read:") is ignored like the Swedish one.
"""

from __future__ import annotations

from body import Attachment, Blank, Items, Mail, P, Sig
from expect import ANNA, HUD, HUD_TWO, LISA, NAC, Case, b, booked
from pieces import (
    CONFIRMATION,
    CONFIRMATION_SUBJECT,
    INVITATION_SUBJECT,
    PDF,
    date,
    mvh,
    received,
)

CASES: list[Case] = []


def add(case: Case) -> None:
    CASES.append(case)


SOLNA = "Solna stad"
SIGTUNA = "Sigtuna kommun"
SOLL = "Sollentuna kommun"

_LOGO = Attachment(
    "image001.png",
    "image/png",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
    + b"\x00" * 24
    + b"IEND\xaeB`\x82",
)
_DOCX = Attachment(
    "Deltagare.docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00word/document.xml" + b"\x00" * 64,
)


def _vcard(name: str, email: str) -> Attachment:
    first, last = name.split(" ", 1)
    text = (
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:{last};{first};;;\r\nFN:{name}\r\n"
        f"EMAIL;TYPE=INTERNET;TYPE=WORK:{email}\r\nTEL;TYPE=WORK:08-123 456 00\r\nEND:VCARD\r\n"
    )
    return Attachment(f"{name}.vcf", "text/vcard", text.encode())


# --------------------------------------------------------------------------- A. attachments

_elsa = b("Elsa Nyberg", "nacka.se", NAC)
add(
    Case(
        "fixA-att-jag-anmaler-mig-agenda-pdf-nacka",
        "outlook",
        Mail(
            "Elsa Nyberg",
            "elsa.nyberg@nacka.se",
            "Anmälan seminarium 14 september",
            date(25, 9, 10),
            (
                P("Hej!"),
                P(
                    "Jag anmäler mig till seminariet den 14 september. Bifogar programmet med "
                    "mina frågor inför eftermiddagen."
                ),
                mvh("Elsa"),
            ),
            attachments=(PDF,),
        ),
        "sender",
        booked(_elsa),
        (_elsa,),
        note="the PDF is the programme, not a list: the sender registers herself",
    )
)

_jonas = b("Jonas Ekdahl", "solna.se", SOLNA)
add(
    Case(
        "fixA-att-signature-logo-image-solna",
        "outlook",
        Mail(
            "Jonas Ekdahl",
            "jonas.ekdahl@solna.se",
            "Anmälan",
            date(25, 10, 0),
            (
                P("Hej,"),
                P("Jag vill gärna delta på seminariet."),
                mvh("Jonas"),
                Sig(("Jonas Ekdahl", "Fältassistent", "Solna stad", "Tel: 08-746 10 00")),
            ),
            attachments=(_LOGO,),
        ),
        "sender",
        booked(_jonas),
        (_jonas,),
        note="the image is the signature's logo: the sender is booked",
    )
)

_lina = b("Lina Holm", "sigtuna.se", SIGTUNA)
add(
    Case(
        "fixA-att-vcard-iphone-sigtuna",
        "iphone",
        Mail(
            "Lina Holm",
            "lina.holm@sigtuna.se",
            "Anmälan",
            date(25, 11, 15),
            (P("Anmäler mig härmed till seminariet!"), Blank(), P("Skickat från min iPhone")),
            attachments=(_vcard("Lina Holm", "lina.holm@sigtuna.se"),),
        ),
        "sender",
        booked(_lina),
        (_lina,),
        note="a vCard beside 'Anmäler mig': the sender is booked, the card is not read",
    )
)

_karin_n = b("Karin Nord", "nacka.se", NAC)
add(
    Case(
        "fixA-att-one-in-text-rest-in-docx-nacka",
        "outlook",
        Mail(
            "Göran Sjöberg",
            "goran.sjoberg@nacka.se",
            "Anmälan seminarium",
            date(25, 14, 40),
            (
                P("Hej!"),
                P(
                    "Jag anmäler Karin Nord (karin.nord@nacka.se) och bifogar listan med våra "
                    "övriga deltagare."
                ),
                mvh("Göran"),
            ),
            attachments=(_DOCX,),
        ),
        "prose",
        (("confirmed", _karin_n.email), ("needs-info", None)),
        (_karin_n,),
        ask=True,
        note="Karin is written in the text and booked; the others are in a Word file: asked for",
    )
)

_sara = b("Sara Lindgren", "sollentuna.se", SOLL)
_omar = b("Omar Haddad", "sollentuna.se", SOLL)
add(
    Case(
        "fixA-att-har-ar-listan-in-text-logo-sollentuna",
        "outlook",
        Mail(
            "Maria Sjöholm",
            "maria.sjoholm@sollentuna.se",
            "Anmälan",
            date(26, 8, 30),
            (
                P("Hej,"),
                P("Här är listan på de som kommer från oss:"),
                Items(
                    (
                        "Sara Lindgren, sara.lindgren@sollentuna.se",
                        "Omar Haddad, omar.haddad@sollentuna.se",
                    )
                ),
                mvh("Maria"),
            ),
            attachments=(_LOGO,),
        ),
        "list",
        booked(_sara, _omar),
        (_sara, _omar),
        note="'Här är listan' hands over the list in the text; the logo is no list",
    )
)

add(
    Case(
        "fixA-att-please-find-attached-pdf-en-solna",
        "gmail",
        Mail(
            "Peter Wallin",
            "peter.wallin@solna.se",
            "Registration",
            date(26, 9, 45),
            (
                P("Hi,"),
                P("Please find attached the list of our participants for the seminar."),
                P("Best regards,\nPeter"),
            ),
            lang="en",
            attachments=(Attachment("Participants Solna.pdf", "application/pdf", PDF.data),),
        ),
        "attachment",
        (("needs-info", None),),
        (),
        ask=True,
        note="the participants are in a PDF the bot does not read: ask; never book the sender",
    )
)

# --------------------------------------------------------------------------- B. no one registered

add(
    Case(
        "fixA-out-of-office-en-invitation-no-headers-nacka",
        "outlook",
        Mail(
            "Oskar Berg",
            "oskar.berg@nacka.se",
            "Automatic reply: " + INVITATION_SUBJECT,
            date(20, 7, 5),
            (
                P("Hello,"),
                P(
                    "I am out of the office until 29 August with limited access to email. For "
                    "urgent matters, please contact my colleague Sara Lind (sara.lind@nacka.se)."
                ),
                P("Kind regards,\nOskar Berg"),
            ),
            lang="en",
        ),
        "none",
        (("forwarded", None),),
        (),
        note="an out-of-office with no Auto-Submitted: neither its writer nor the colleague is booked",
    )
)

add(
    Case(
        "fixA-autosvar-anmalan-subject-not-booked-nacka",
        "outlook",
        Mail(
            "Eva Lundin",
            "eva.lundin@nacka.se",
            "Autosvar: Inbjudan till seminarium – anmälan senast 1 september",
            date(20, 7, 10),
            (
                P("Hej!"),
                P(
                    "Jag är tjänstledig till och med den 31 augusti. Vid frågor om "
                    "socialtjänsten, kontakta Per Holm, per.holm@nacka.se."
                ),
                P("Med vänlig hälsning\nEva Lundin"),
            ),
        ),
        "none",
        (("forwarded", None),),
        (),
        note="'anmälan' is the invitation's subject, not the writer's word: no self-registration",
    )
)

_lars_k = b("Lars Karlsson", "huddinge.se", HUD)
add(
    Case(
        "fixA-registration-signature-contact-person-no-blank-line-huddinge",
        "outlook",
        Mail(
            "Lars Karlsson",
            "lars.karlsson@huddinge.se",
            "Anmälan till seminariet",
            date(24, 9, 30),
            (
                P("Hej, jag anmäler mig till seminariet den 14 september."),
                Sig(
                    (
                        "Lars Karlsson",
                        "Enhetschef, Socialtjänsten",
                        "Huddinge kommun",
                        "Kontaktperson vid frånvaro: Per Nord, per.nord@huddinge.se",
                        "Tel: 08-535 300 00",
                    )
                ),
            ),
        ),
        "sender",
        booked(_lars_k),
        (_lars_k,),
        note="the sender registers; the contact person of his signature is not a participant",
    )
)

_per_k = b("Per Krantz", "huddinge.se", HUD)
add(
    Case(
        "fixA-komplettering-till-anmalan-adds-one-huddinge",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Komplettering anmälan",
            date(26, 10, 20),
            (
                P("Hej!"),
                P(
                    "En komplettering till vår anmälan: även Per Krantz "
                    "(per.krantz@huddinge.se) kommer från oss."
                ),
                mvh("Maria"),
            ),
        ),
        "prose",
        booked(_per_k),
        (LISA, ANNA, _per_k),
        setup=(HUD_TWO,),
        received=received(26, 10, 21),
        note="an addition to a registration is a registration of the one added (no correction)",
    )
)

_ida = b("Ida Strand", "solna.se", SOLNA)
add(
    Case(
        "fixA-jag-undrar-om-jag-kan-anmala-mig-solna",
        "gmail",
        Mail(
            "Ida Strand",
            "ida.strand@solna.se",
            "Seminariet den 14 september",
            date(24, 13, 0),
            (
                P("Hej!"),
                P("Jag undrar om jag kan anmäla mig till seminariet den 14 september."),
                P("/Ida"),
            ),
        ),
        "sender",
        booked(_ida),
        (_ida,),
        note="Swedish politeness for a request: the sender is booked (not an undecided writer)",
    )
)

add(
    Case(
        "fixA-not-sure-yet-en-sollentuna",
        "owa",
        Mail(
            "Adam Nilsson",
            "adam.nilsson@sollentuna.se",
            "Seminar in September",
            date(24, 15, 0),
            (
                P("Hi,"),
                P("I'm not sure yet whether I can attend. Could I get back to you next week?"),
                P("Thanks,\nAdam"),
            ),
            lang="en",
        ),
        "none",
        (("forwarded", None),),
        (),
        note="undecided: no registration; the organiser reads it",
    )
)

# --------------------------------------------------------------------------- C. read receipts

add(
    Case(
        "fixA-read-receipt-en-of-confirmation",
        "outlook:read-receipt",
        Mail(
            "Anna Lindqvist",
            "anna.lindqvist@huddinge.se",
            "Read: " + CONFIRMATION_SUBJECT,
            date(22, 10, 5),
            (
                P(
                    "Your message\n\n    To: Anna Lindqvist\n    Subject: "
                    + CONFIRMATION_SUBJECT
                    + "\n    Sent: 22 August 2022 09:15\n\nwas read on 22 August 2022 10:05."
                ),
            ),
            lang="en",
            in_reply_to=CONFIRMATION,
        ),
        "none",
        (("ignored", None),),
        (LISA, ANNA),
        setup=(HUD_TWO,),
        received=received(22, 10, 6),
        reply_to=ANNA.email,
        extra={"read_by": "anna.lindqvist@huddinge.se"},
        note="a read receipt proves delivery: ignored, no one marked as bouncing (§10)",
    )
)
