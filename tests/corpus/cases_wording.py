"""Corpus cases found in review (issue 9's reading gaps): the same intents in other words.

"Ta bort mig (från listan)" and "please remove me / my registration" cancel like "stryk mig";
"ta bort mig från er utskickslista" and "unsubscribe me from your newsletter" cancel nothing
(they go to the organiser); "Vi kommer gärna" books the writer and asks who "vi" are; a
"Kan vi byta deltagare?" beside a named swap is that swap's own question; and mails written
fresh, in staff's own words, that say the writer does not come ("har tyvärr inte möjlighet att
delta", "hinner inte", "är förhindrad", "won't be attending"), which must never book them.
"""

from __future__ import annotations

from body import Blank, Mail, P
from expect import ANNA, BOK, HUD, HUD_TWO, JAR, KV, KV_TWO, LISA, NAC, SDT, Case, b, booked, st
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
_AMIR = b("Amir Hosseini", "botkyrka.se", BOK)  # cases_people: sender-jag-anmaler-mig-botkyrka
_AMIR_SETUP = "sender-jag-anmaler-mig-botkyrka"
_EMMA = b("Emma Johansson", "kriminalvarden.se", KV)
_MATS = b("Mats Hellström", "kriminalvarden.se", KV)


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
        (("cancelled", _AMIR.email),),
        (st(_AMIR, "cancelled"),),
        setup=(_AMIR_SETUP,),
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
        (("cancelled", _EMMA.email),),
        (st(_EMMA, "cancelled"), _MATS),
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
        (("cancelled", _MATS.email),),
        (_EMMA, st(_MATS, "cancelled")),
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
        (_EMMA, _MATS),
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

# --------------------------------------------------------------------------- fresh wording

add(
    Case(
        "fresh-har-inte-mojlighet-reply-to-invitation-nacka",
        "outlook",
        Mail(
            "Birgitta Holmqvist",
            "birgitta.holmqvist@nacka.se",
            "SV: Inbjudan: Öppna drogscener i Stockholms läns utsatta områden – seminarieserie 13–15 september",
            date(25, 8, 50),
            (
                P("Hej Therese,"),
                P(
                    "Tack för inbjudan! Jag har tyvärr inte möjlighet att delta den här gången, "
                    "men jag har skickat den vidare till fältgruppen."
                ),
                mvh("Birgitta"),
                invitation("birgitta.holmqvist@nacka.se"),
            ),
        ),
        "none",
        (("needs-info", None),),
        (),
        ask=True,
        note="she says she does not come: never booked ('delta' is negated); not registered, so told",
    )
)

add(
    Case(
        "fresh-hinner-inte-delta-registered-huddinge",
        "owa",
        Mail(
            "Lisa Berg",
            "lisa.berg@huddinge.se",
            "Seminariet på onsdag",
            date(12, 7, 45, 9),
            (
                P("Hej!"),
                P("Tyvärr hinner jag inte delta på onsdag, det har kommit in en akut placering."),
                P("Hälsningar\nLisa"),
            ),
        ),
        "sender",
        (("cancelled", LISA.email),),
        (st(LISA, "cancelled"), ANNA),
        setup=(HUD_TWO,),
        received=received(12, 7, 46, 9),
    )
)

add(
    Case(
        "fresh-english-wont-be-attending-kriminalvarden",
        "outlook",
        Mail(
            "Emma Johansson",
            "emma.johansson@kriminalvarden.se",
            "Seminar 14 September",
            date(9, 16, 10, 9),
            (
                P("Dear Therese,"),
                P("I'm sorry, but I won't be attending on the 14th after all."),
                P("Kind regards,\nEmma Johansson"),
                STATE_DISCLAIMER,
            ),
            lang="en",
        ),
        "sender",
        (("cancelled", _EMMA.email),),
        (st(_EMMA, "cancelled"), _MATS),
        setup=(KV_TWO,),
        received=received(9, 16, 11, 9),
    )
)

add(
    Case(
        "fresh-forhindrad-att-komma-botkyrka",
        "iphone",
        Mail(
            "Amir Hosseini",
            "amir.hosseini@botkyrka.se",
            "Onsdag",
            date(13, 6, 55, 9),
            (
                P("Hej, jag är tyvärr förhindrad att komma imorgon pga sjukdom."),
                Blank(),
                P("Skickat från min iPhone"),
            ),
        ),
        "sender",
        (("cancelled", _AMIR.email),),
        (st(_AMIR, "cancelled"),),
        setup=(_AMIR_SETUP,),
        received=received(13, 6, 56, 9),
    )
)

add(
    Case(
        "fresh-named-colleague-deltar-inte-huddinge",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Seminariet 14/9",
            date(8, 10, 20, 9),
            (P("Hej,"), P("Anna Lindqvist deltar inte, hon är sjukskriven."), mvh("Maria")),
        ),
        "none",
        (("cancelled", ANNA.email),),
        (LISA, st(ANNA, "cancelled")),
        setup=(HUD_TWO,),
        received=received(8, 10, 21, 9),
    )
)

add(
    Case(
        "fresh-jag-har-inte-anmalt-mig-question-jarfalla",
        "gmail",
        Mail(
            "Sofia Nordin",
            "sofia.nordin@jarfalla.se",
            "Anmälan",
            date(26, 13, 5),
            (
                P("Hej!"),
                P(
                    "Jag har fått en bekräftelse på seminariet men jag har aldrig anmält mig. Vad har hänt?"
                ),
                P("Mvh Sofia"),
            ),
        ),
        "none",
        (("forwarded", None),),
        (),
        note="she says she never registered and asks why: no booking, the organiser answers",
    )
)

_eva = b("Eva Öberg", "jarfalla.se", JAR)
add(
    Case(
        "fresh-vill-vara-med-jarfalla",
        "apple",
        Mail(
            "Eva Öberg",
            "eva.oberg@jarfalla.se",
            "Seminariet om öppna drogscener",
            date(26, 14, 30),
            (
                P("Hej!"),
                P("Jag skulle gärna vilja vara med på seminariet den 14 september."),
                P("Vänliga hälsningar\nEva Öberg"),
            ),
        ),
        "sender",
        booked(_eva),
        (_eva,),
    )
)

_jonas = b("Jonas Wikman", "nacka.se", NAC)
add(
    Case(
        "fresh-rakna-med-mig-nacka",
        "outlook",
        Mail(
            "Jonas Wikman",
            "jonas.wikman@nacka.se",
            "Seminarium 14/9",
            date(26, 15, 10),
            (
                P("Hej Therese,"),
                P("Räkna med mig den 14 september!"),
                mvh("Jonas"),
                KOMMUN_DISCLAIMER,
            ),
        ),
        "sender",
        booked(_jonas),
        (_jonas,),
    )
)

_sara = b("Sara Ek", "huddinge.se", HUD)
add(
    Case(
        "fresh-gar-i-mitt-stalle-huddinge",
        "outlook",
        Mail(
            "Anna Lindqvist",
            "anna.lindqvist@huddinge.se",
            "Seminariet 14 september",
            date(1, 10, 0, 9),
            (
                P("Hej,"),
                P(
                    "Jag har tyvärr fått förhinder, men min kollega Sara Ek "
                    "(sara.ek@huddinge.se) går i mitt ställe."
                ),
                mvh("Anna"),
            ),
        ),
        "prose",
        (("substituted", _sara.email), ("cancelled", ANNA.email)),
        (LISA, st(ANNA, "cancelled"), _sara),
        setup=(HUD_TWO,),
        received=received(1, 10, 1, 9),
        note="'i mitt ställe' is 'i stället för mig': Sara replaces Anna, the writer",
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

_elin = b("Elin Sjögren", "solna.se", "Solna stad")
_mikael = b("Mikael Åberg", "solna.se", "Solna stad")
add(
    Case(
        "fresh-fran-oss-kommer-two-in-prose-solna",
        "outlook",
        Mail(
            "Helena Forsberg",
            "helena.forsberg@solna.se",
            "Seminarium om öppna drogscener",
            date(29, 11, 5),
            (
                P("Hej!"),
                P(
                    "Från oss på socialförvaltningen kommer Elin Sjögren (elin.sjogren@solna.se) "
                    "och Mikael Åberg (mikael.aberg@solna.se). Själv är jag tyvärr bortrest den veckan."
                ),
                mvh("Helena"),
                KOMMUN_DISCLAIMER,
            ),
        ),
        "prose",
        booked(_elin, _mikael),
        (_elin, _mikael),
        note="the two named are booked; the writer is away and names others: not her",
    )
)

_omar = b("Omar Haddad", "huddinge.se", HUD)
add(
    Case(
        "fresh-tar-min-plats-reply-to-confirmation-huddinge",
        "owa",
        Mail(
            "Lisa Berg",
            "lisa.berg@huddinge.se",
            "SV: " + CONFIRMATION_SUBJECT,
            date(5, 9, 15, 9),
            (
                P("Hej,"),
                P(
                    "Jag har blivit sjukskriven. Min kollega Omar Haddad tar min plats, omar.haddad@huddinge.se"
                ),
                P("Hälsningar\nLisa"),
                confirmation_quote("Lisa Berg", "lisa.berg@huddinge.se"),
            ),
            in_reply_to=CONFIRMATION,
        ),
        "prose",
        (("substituted", _omar.email), ("cancelled", LISA.email)),
        (st(LISA, "cancelled"), ANNA, _omar),
        setup=(HUD_TWO,),
        received=received(5, 9, 16, 9),
        reply_to=LISA.email,
    )
)

_sam = b("Sam Okafor", "tullverket.se", "Tullverket")
add(
    Case(
        "fresh-english-book-a-place-for-me-tullverket",
        "outlook",
        Mail(
            "Sam Okafor",
            "sam.okafor@tullverket.se",
            "Seminar 14 September",
            date(29, 13, 40),
            (
                P("Hi Therese,"),
                P("Please could you book a place for me on the seminar on 14 September?"),
                P("Thanks,\nSam Okafor\nSwedish Customs"),
            ),
            lang="en",
        ),
        "sender",
        booked(_sam),
        (_sam,),
    )
)

add(
    Case(
        "fresh-drar-tillbaka-min-anmalan-botkyrka",
        "gmail",
        Mail(
            "Amir Hosseini",
            "amir.hosseini@botkyrka.se",
            "Anmälan 14 september",
            date(6, 8, 0, 9),
            (
                P("Hej,"),
                P("Jag drar tillbaka min anmälan till seminariet, det blev ändrade planer."),
                P("Hälsningar\nAmir"),
            ),
        ),
        "sender",
        (("cancelled", _AMIR.email),),
        (st(_AMIR, "cancelled"),),
        setup=(_AMIR_SETUP,),
        received=received(6, 8, 1, 9),
    )
)

add(
    Case(
        "fresh-vi-kan-inte-komma-coordinator-asks-huddinge",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Seminariet",
            date(6, 10, 0, 9),
            (P("Hej,"), P("Vi kan tyvärr inte komma på seminariet ändå."), mvh("Maria")),
        ),
        "none",
        (("needs-info", None),),
        (LISA, ANNA),
        setup=(HUD_TWO,),
        received=received(6, 10, 1, 9),
        ask=True,
        note="'vi' names no one: the coordinator is not registered; which of Lisa and Anna? ask",
    )
)

add(
    Case(
        "fresh-min-kollega-kan-inte-unnamed-asks-huddinge",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Seminariet 14/9",
            date(6, 11, 30, 9),
            (P("Hej,"), P("Min kollega kan tyvärr inte komma på onsdag."), mvh("Maria")),
        ),
        "none",
        (("needs-info", None),),
        (LISA, ANNA),
        setup=(HUD_TWO,),
        received=received(6, 11, 31, 9),
        ask=True,
        note="which colleague? Lisa or Anna: ask, cancel no one (and never the sender)",
    )
)
