"""Corpus cases found in review (issue 9's reading gaps): the same intents in other words.

"Ta bort mig (från listan)" and "please remove me / my registration" cancel like "stryk mig";
"ta bort mig från er utskickslista" and "unsubscribe me from your newsletter" cancel nothing
(they go to the organiser); "Vi kommer gärna" books the writer and asks who "vi" are; a
"Kan vi byta deltagare?" beside a named swap is that swap's own question; (mails written
afterwards in staff's own words are in `cases_fresh.py`).
"""

from __future__ import annotations

from body import Blank, Mail, P
from expect import ANNA, BOK, HUD, HUD_TWO, KV, KV_TWO, LISA, SDT, Case, b, booked, st
from pieces import (
    CONFIRMATION,
    CONFIRMATION_SUBJECT,
    KOMMUN_DISCLAIMER,
    STATE_DISCLAIMER,
    confirmation_quote,
    date,
    invitation,
    mvh,
    received,
    sig,
)

CASES: list[Case] = []
AMIR = b("Amir Hosseini", "botkyrka.se", BOK)  # cases_people: sender-jag-anmaler-mig-botkyrka
AMIR_SETUP = "sender-jag-anmaler-mig-botkyrka"
EMMA = b("Emma Johansson", "kriminalvarden.se", KV)
MATS = b("Mats Hellström", "kriminalvarden.se", KV)


def add(case: Case) -> None:
    CASES.append(case)


# --------------------------------------------------------------------------- "ta bort mig"

add(
    Case(
        "remove-ta-bort-mig-fran-listan-botkyrka",
        "outlook",
        Mail(
            "Amir Hosseini",
            "amir.hosseini@botkyrka.se",
            "Seminariet 14/9",
            date(1, 8, 12, 9),
            (
                P("Hej!"),
                P("Det har tyvärr krockat med en nämnd den dagen. Ta bort mig från listan."),
                mvh("Amir"),
                KOMMUN_DISCLAIMER,
            ),
        ),
        "sender",
        (("cancelled", AMIR.email),),
        (st(AMIR, "cancelled"),),
        setup=(AMIR_SETUP,),
        received=received(1, 8, 13, 9),
        note="'ta bort mig från listan' from a registered participant: cancel him, as 'stryk mig'",
    )
)

add(
    Case(
        "remove-ta-bort-mig-reply-to-confirmation-iphone",
        "iphone",
        Mail(
            "Anna Lindqvist",
            "anna.lindqvist@huddinge.se",
            "Sv: " + CONFIRMATION_SUBJECT,
            date(2, 7, 5, 9),
            (
                P("Ta bort mig tack, blev dubbelbokad"),
                Blank(),
                P("Skickat från min iPhone"),
                confirmation_quote("Anna Lindqvist", "anna.lindqvist@huddinge.se"),
            ),
            in_reply_to=CONFIRMATION,
        ),
        "none",
        (("cancelled", ANNA.email),),
        (LISA, st(ANNA, "cancelled")),
        setup=(HUD_TWO,),
        received=received(2, 7, 6, 9),
        reply_to=ANNA.email,
    )
)

add(
    Case(
        "remove-english-please-remove-me-from-the-list",
        "gmail",
        Mail(
            "Emma Johansson",
            "emma.johansson@kriminalvarden.se",
            "Seminar on 14 September",
            date(2, 10, 30, 9),
            (
                P("Hi,"),
                P("Please remove me from the list, something has come up at work."),
                P("Thanks,\nEmma"),
            ),
            lang="en",
        ),
        "sender",
        (("cancelled", EMMA.email),),
        (st(EMMA, "cancelled"), MATS),
        setup=(KV_TWO,),
        received=received(2, 10, 31, 9),
    )
)

add(
    Case(
        "remove-english-could-you-remove-my-registration",
        "owa",
        Mail(
            "Mats Hellström",
            "mats.hellstrom@kriminalvarden.se",
            "Registration for the seminar",
            date(2, 11, 0, 9),
            (
                P("Hello,"),
                P("Could you please remove my registration? I have been called to a hearing."),
                P("Best regards,\nMats Hellström\nKriminalvården"),
                STATE_DISCLAIMER,
            ),
            lang="en",
        ),
        "sender",
        (("cancelled", MATS.email),),
        (EMMA, st(MATS, "cancelled")),
        setup=(KV_TWO,),
        received=received(2, 11, 1, 9),
        note="a request put as a question about the writer is acted on (questions.asks_to)",
    )
)

add(
    Case(
        "remove-ta-bort-named-colleague-huddinge",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Ändring",
            date(2, 13, 15, 9),
            (
                P("Hej,"),
                P("Ta bort Lisa Berg från listan, hon har gått på föräldraledighet."),
                mvh("Maria"),
            ),
        ),
        "none",
        (("cancelled", LISA.email),),
        (st(LISA, "cancelled"), ANNA),
        setup=(HUD_TWO,),
        received=received(2, 13, 16, 9),
    )
)

add(
    Case(
        "remove-mailing-list-not-a-cancellation-huddinge",
        "outlook",
        Mail(
            "Lisa Berg",
            "lisa.berg@huddinge.se",
            "Utskick",
            date(2, 14, 0, 9),
            (
                P("Hej,"),
                P(
                    "Jag får era utskick om länsstyrelsens utbildningar två gånger. "
                    "Kan ni ta bort mig från er e-postlista för nyhetsbrevet?"
                ),
                mvh("Lisa"),
            ),
        ),
        "none",
        (("forwarded", None),),
        (LISA, ANNA),
        setup=(HUD_TWO,),
        received=received(2, 14, 1, 9),
        note="a mailing list is not the seminar's list: nothing cancelled, the organiser reads it",
    )
)

add(
    Case(
        "remove-english-unsubscribe-newsletter-kriminalvarden",
        "gmail",
        Mail(
            "Mats Hellström",
            "mats.hellstrom@kriminalvarden.se",
            "Unsubscribe",
            date(2, 15, 0, 9),
            (P("Hi,"), P("Please unsubscribe me from your newsletter."), P("Thanks,\nMats")),
            lang="en",
        ),
        "none",
        (("forwarded", None),),
        (EMMA, MATS),
        setup=(KV_TWO,),
        received=received(2, 15, 1, 9),
        note="an unsubscribe is no cancellation of his seat: the organiser reads it",
    )
)

# --------------------------------------------------------------------------- "vi" unnamed

_karin = b("Karin Sundström", "sodertalje.se", SDT)
add(
    Case(
        "we-vi-kommer-garna-sodertalje",
        "outlook",
        Mail(
            "Karin Sundström",
            "karin.sundstrom@sodertalje.se",
            "Seminarium 14 september",
            date(24, 9, 40),
            (
                P("Hej Therese!"),
                P("Vi kommer gärna på seminariet om öppna drogscener."),
                mvh("Karin"),
                sig(
                    "Karin Sundström",
                    "Enhetschef, Fältgruppen",
                    "Södertälje kommun",
                    "08-523 020 00",
                    "karin.sundstrom@sodertalje.se",
                ),
            ),
        ),
        "sender",
        (*booked(_karin), ("needs-info", None)),
        (_karin,),
        ask=True,
        note="'vi' counts the writer and names others it does not identify: book her, ask who",
    )
)

_ola = b("Ola Nyström", "sollentuna.se", "Sollentuna kommun")
add(
    Case(
        "we-vi-kommer-bada-reply-to-invitation",
        "outlook",
        Mail(
            "Ola Nyström",
            "ola.nystrom@sollentuna.se",
            "SV: Inbjudan: Öppna drogscener i Stockholms läns utsatta områden – seminarieserie 13–15 september",
            date(24, 10, 5),
            (
                P("Hej,"),
                P("Tack för inbjudan. Vi kommer båda."),
                P("/Ola"),
                invitation("ola.nystrom@sollentuna.se"),
            ),
        ),
        "sender",
        (*booked(_ola), ("needs-info", None)),
        (_ola,),
        ask=True,
        note="'båda' says a second person comes whom the text does not name: ask for them",
    )
)

_grace = b("Grace Lindberg", "regionstockholm.se", "Region Stockholm")
add(
    Case(
        "we-english-both-like-to-come-region",
        "gmail",
        Mail(
            "Grace Lindberg",
            "grace.lindberg@regionstockholm.se",
            "Seminar registration",
            date(24, 11, 20),
            (P("Hi Therese,"), P("We'd both like to come to the seminar."), P("Best,\nGrace")),
            lang="en",
        ),
        "sender",
        (*booked(_grace), ("needs-info", None)),
        (_grace,),
        ask=True,
    )
)

# --------------------------------------------------------------------------- a swap asked

_per = b("Per Persson", "huddinge.se", HUD)
add(
    Case(
        "subst-named-swap-beside-kan-vi-byta",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Byte",
            date(31, 15, 30),
            (
                P("Hej!"),
                P(
                    "Kan vi byta deltagare? Anna Lindqvist kan inte, Per Persson går i stället: per.persson@huddinge.se"
                ),
                mvh("Maria"),
            ),
        ),
        "prose",
        (("substituted", _per.email), ("cancelled", ANNA.email)),
        (LISA, st(ANNA, "cancelled"), _per),
        setup=(HUD_TWO,),
        received=received(31, 15, 31),
        note="the question is the one the named swap answers: no second, unnamed substitution",
    )
)

add(
    Case(
        "subst-kan-vi-byta-paragraph-above-named-swap",
        "gmail",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Byte av deltagare",
            date(31, 16, 0),
            (
                P("Hej!"),
                P("Kan vi byta deltagare?"),
                P("Anna Lindqvist kan inte, Per Persson går i stället: per.persson@huddinge.se"),
                P("Hälsningar\nMaria"),
            ),
        ),
        "prose",
        (("substituted", _per.email), ("cancelled", ANNA.email)),
        (LISA, st(ANNA, "cancelled"), _per),
        setup=(HUD_TWO,),
        received=received(31, 16, 1),
    )
)

add(
    Case(
        "subst-byta-deltagare-till-named-in-question",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Seminariet 14/9",
            date(31, 16, 30),
            (
                P("Hej!"),
                P("Anna Lindqvist kan tyvärr inte komma på seminariet."),
                P("Kan vi byta deltagare till Per Persson, per.persson@huddinge.se?"),
                mvh("Maria"),
            ),
        ),
        "prose",
        (("substituted", _per.email), ("cancelled", ANNA.email)),
        (LISA, st(ANNA, "cancelled"), _per),
        setup=(HUD_TWO,),
        received=received(31, 16, 31),
        note="the question names whom the swap is to: Per replaces Anna (not a bare question)",
    )
)

add(
    Case(
        "we-tack-vi-kommer-bada-reply-to-confirmation",
        "iphone",
        Mail(
            "Lisa Berg",
            "lisa.berg@huddinge.se",
            "Sv: " + CONFIRMATION_SUBJECT,
            date(1, 12, 10, 9),
            (
                P("Tack för bekräftelsen, vi kommer båda två!"),
                Blank(),
                P("Skickat från min iPhone"),
                confirmation_quote("Lisa Berg", "lisa.berg@huddinge.se"),
            ),
            in_reply_to=CONFIRMATION,
        ),
        "none",
        (("forwarded", None),),
        (LISA, ANNA),
        setup=(HUD_TWO,),
        received=received(1, 12, 11, 9),
        reply_to=LISA.email,
        note="both are booked already: a thank-you, to the organiser; no one booked or asked",
    )
)
