"""Corpus cases written as questions (SPEC §3): a question that asks to register is a
registration ("Går det bra att anmäla Anna Berg, anna.berg@…?", "Kan jag anmäla mig och en
kollega?", "Finns det plats för mig?"); a question about something else, or about how to
register, is the organiser's, even with a registering word or a person's address in it.

What a careful organiser does with each is the choice written in mailbot/reading/registering.py:
book whom the request names, ask about whom it does not name, answer nothing by booking.
"""

from __future__ import annotations

from body import Blank, Items, Mail, P
from expect import ANNA, BOK, BOT_TWO, HUD, HUD_TWO, KV, LISA, NAC, REG, SOL, Case, b, booked, st
from pieces import date, mvh, received, sig

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


# ------------------------------------------------------- questions about cancelling or swapping
# A question about whether or how one could cancel or swap changes no booking: it goes to the
# organiser like any question. One that asks for it to be done to someone named is a request
# (mailbot/reading/intent.py `asks_to`).

_OLIVER = b(
    "Oliver Grant", "kriminalvarden.se", KV
)  # cases_people: sender-english-id-like-to-attend
_FATIMA = b("Fatima Hassan", "botkyrka.se", BOK)  # BOT_TWO
_JONAS = b("Jonas Lärka", "botkyrka.se", BOK)

add(
    Case(
        "question-kan-man-avboka-senare-huddinge",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Avbokning",
            date(29, 9, 40),
            (
                P("Hej Therese,"),
                P("Kan man avboka senare om någon av våra deltagare blir sjuk?"),
                mvh("Maria"),
            ),
        ),
        "none",
        (("forwarded", None),),
        (LISA, ANNA),
        setup=(HUD_TWO,),
        received=received(29, 9, 41),
        note="a question about whether one could cancel later cancels no one, not the writer",
    )
)

add(
    Case(
        "question-english-cancel-later-if-plans-change-kriminalvarden",
        "gmail",
        Mail(
            "Oliver Grant",
            "oliver.grant@kriminalvarden.se",
            "Question about the seminar",
            date(30, 15, 5),
            (
                P("Hello,"),
                P("Is it possible to cancel later if plans change? My calendar is uncertain."),
                P("Regards,\nOliver"),
            ),
            lang="en",
        ),
        "none",
        (("forwarded", None),),
        (_OLIVER,),
        setup=("sender-english-id-like-to-attend-kriminalvarden",),
        received=received(30, 15, 6),
        note="asking whether cancelling is possible is no cancellation of the writer",
    )
)

add(
    Case(
        "question-byta-deltagare-om-nagon-blir-sjuk-botkyrka",
        "iphone",
        Mail(
            "Åsa Källström",
            "asa.kallstrom@botkyrka.se",
            "Seminariet 14 september",
            date(30, 16, 30),
            (
                P(
                    "Hej! Går det att byta deltagare om någon blir sjuk? Eller hur gör jag om jag behöver lämna återbud?"
                ),
                Blank(),
                P("Skickat från min iPhone"),
            ),
        ),
        "none",
        (("forwarded", None),),
        (_FATIMA, _JONAS),
        setup=(BOT_TWO,),
        received=received(30, 16, 31),
        note="questions about swapping or cancelling: no substitution asked about, no one cancelled",
    )
)

add(
    Case(
        "question-kan-ni-stryka-lisa-berg-huddinge",
        "owa",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Seminariet 14 september",
            date(30, 8, 50),
            (P("Hej,"), P("Kan ni stryka Lisa Berg från deltagarlistan?"), mvh("Maria")),
        ),
        "none",
        (("cancelled", LISA.email),),
        (st(LISA, "cancelled"), ANNA),
        setup=(HUD_TWO,),
        received=received(30, 8, 51),
        note="a polite request put as a question, naming whom: Lisa Berg is cancelled",
    )
)

_PER = b("Per Persson", "huddinge.se", HUD)
add(
    Case(
        "question-kan-per-persson-ga-i-stallet-for-anna-huddinge",
        "gmail",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Seminariet",
            date(30, 9, 10),
            (
                P("Hej!"),
                P("Kan Per Persson (per.persson@huddinge.se) gå i stället för Anna Lindqvist?"),
                P("Hälsningar Maria"),
            ),
        ),
        "prose",
        (("substituted", _PER.email), ("cancelled", ANNA.email)),
        (LISA, st(ANNA, "cancelled"), _PER),
        setup=(HUD_TWO,),
        received=received(30, 9, 11),
        note="a swap asked as a question names both: Per Persson takes Anna Lindqvist's seat",
    )
)
