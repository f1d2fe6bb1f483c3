"""Corpus cases written as questions (SPEC §3): a question that asks to register is a
registration ("Går det bra att anmäla Anna Berg, anna.berg@…?", "Kan jag anmäla mig och en
kollega?", "Finns det plats för mig?"); a question about something else, or about how to
register, is the organiser's, even with a registering word or a person's address in it.

What a careful organiser does with each is the choice written in mailbot/reading/registering.py:
book whom the request names, ask about whom it does not name, answer nothing by booking.
"""

from __future__ import annotations

from body import Items, Mail, P
from expect import BOK, HUD, NAC, REG, SOL, Case, b, booked
from pieces import date, mvh, sig

CASES: list[Case] = []


def add(case: Case) -> None:
    CASES.append(case)


_q1 = b("Sara Holm", "huddinge.se", HUD)
add(
    Case(
        "question-gar-det-bra-att-anmala-colleague-huddinge",
        "outlook",
        Mail(
            "Mikael Strand",
            "mikael.strand@huddinge.se",
            "Seminariet om öppna drogscener",
            date(23, 10, 40),
            (
                P("Hej Therese!"),
                P(
                    "Går det bra att anmäla min kollega Sara Holm, sara.holm@huddinge.se, till seminariet den 14 september?"
                ),
                mvh("Mikael"),
                sig(
                    "Mikael Strand",
                    "Enhetschef",
                    "Huddinge kommun",
                    "08-535 300 00",
                    "mikael.strand@huddinge.se",
                ),
            ),
        ),
        "prose",
        booked(_q1),
        (_q1,),
        note="a polite request put as a question names its participant: book her, not the sender",
    )
)

_q2 = b("Karin Åström", "solna.se", SOL)
add(
    Case(
        "question-finns-det-plats-for-mig-iphone-solna",
        "iphone",
        Mail(
            "Karin Åström",
            "karin.astrom@solna.se",
            "Seminarium 14 september",
            date(24, 7, 55),
            (P("Hej! Finns det plats för mig på seminariet den 14 september?"), mvh("Karin")),
        ),
        "sender",
        booked(_q2),
        (_q2,),
        note="a seat asked for the writer is a registration of the writer",
    )
)

_q3 = b("Lena Forsberg", "nacka.se", NAC)
add(
    Case(
        "question-kan-jag-anmala-mig-och-en-kollega-gmail-nacka",
        "gmail",
        Mail(
            "Lena Forsberg",
            "lena.forsberg@nacka.se",
            "Anmälan?",
            date(24, 13, 5),
            (
                P("Hej,"),
                P("Kan jag anmäla mig och en kollega till seminariet?"),
                mvh("Lena"),
            ),
        ),
        "sender",
        (*booked(_q3), ("needs-info", None)),
        (_q3,),
        ask=True,
        note="the writer is booked ('mig'); the colleague has no name or address: ask for them",
    )
)

_q4 = b("Omar Ali", "regionstockholm.se", REG)
add(
    Case(
        "question-english-could-i-register-my-colleague-region",
        "gmail",
        Mail(
            "Hannah Berg",
            "hannah.berg@regionstockholm.se",
            "Seminar 14 September – registering a colleague",
            date(25, 9, 30),
            (
                P("Hi Therese,"),
                P(
                    "Could I register my colleague Omar Ali (omar.ali@regionstockholm.se) for the seminar on open drug scenes?"
                ),
                P("Best regards,\nHannah Berg\nRegion Stockholm"),
            ),
            lang="en",
        ),
        "prose",
        booked(_q4),
        (_q4,),
    )
)

_q5 = [b("Nils Ek", "botkyrka.se", BOK), b("Amira Said", "botkyrka.se", BOK)]
add(
    Case(
        "question-kan-ni-anmala-foljande-list-owa-botkyrka",
        "owa",
        Mail(
            "Petra Lind",
            "petra.lind@botkyrka.se",
            "Seminariet 14 september",
            date(25, 14, 10),
            (
                P("Hej!"),
                P("Kan ni anmäla följande två till seminariet?"),
                Items(
                    (
                        "Nils Ek, nils.ek@botkyrka.se",
                        "Amira Said, amira.said@botkyrka.se",
                    )
                ),
                mvh("Petra"),
            ),
        ),
        "list",
        booked(*_q5),
        tuple(_q5),
        note="a request put as a question above a list: the list is booked, not the writer",
    )
)

add(
    Case(
        "none-question-how-to-register-haninge",
        "thunderbird",
        Mail(
            "Jonas Wikström",
            "jonas.wikstrom@haninge.se",
            "Anmälan",
            date(24, 16, 20),
            (P("Hej,"), P("Hur anmäler man sig till seminariet? Hittar ingen länk."), mvh("Jonas")),
        ),
        "none",
        (("forwarded", None),),
        (),
        note="a question about how to register is the organiser's to answer, not a registration",
    )
)

add(
    Case(
        "none-question-names-a-moderator-sodertalje",
        "outlook",
        Mail(
            "Eva Lindberg",
            "eva.lindberg@sodertalje.se",
            "Moderator?",
            date(26, 11, 0),
            (
                P("Hej Therese,"),
                P(
                    "Kan Anna Sjögren (anna.sjogren@sodertalje.se) vara moderator under eftermiddagen, eller har ni redan någon?"
                ),
                mvh("Eva"),
            ),
        ),
        "none",
        (("forwarded", None),),
        (),
        note="a person named in a question about something else is no participant",
    )
)

add(
    Case(
        "none-question-kommer-det-platsen-gmail-sodertalje",
        "gmail",
        Mail(
            "Henrik Sandberg",
            "henrik.sandberg@sodertalje.se",
            "Deltagarlista och lokal",
            date(26, 15, 45),
            (
                P("Hej!"),
                P(
                    "Kommer deltagarlistan att skickas ut innan? Och hur tar man sig till platsen från Södertälje?"
                ),
                mvh("Henrik"),
            ),
        ),
        "none",
        (("forwarded", None),),
        (),
        note="registering words in other senses (kommer … att, deltagarlistan, platsen)",
    )
)
