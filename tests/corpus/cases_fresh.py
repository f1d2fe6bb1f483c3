"""Corpus cases written after the review of issue 9's gaps, in staff's own words and not tuned to
the rules: saying one does not come ("har tyvärr inte möjlighet att delta", "hinner inte",
"är förhindrad", "deltar inte", "won't be attending", "jag har aldrig anmält mig"), which must
never book the writer; coming in other words ("vill vara med", "Räkna med mig", "book a place
for me"); swaps of the writer's own seat ("går i mitt ställe", "tar min plats"); withdrawing
("drar tillbaka min anmälan"); and cancellations that do not say whom ("Vi kan inte komma" from
a coordinator, "Min kollega kan inte komma"), which ask.
"""

from __future__ import annotations

from body import Blank, Mail, P
from cases_wording import AMIR, AMIR_SETUP, EMMA, MATS
from expect import ANNA, HUD, HUD_TWO, JAR, KV_TWO, LISA, NAC, Case, b, booked, st
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
)

CASES: list[Case] = []


def add(case: Case) -> None:
    CASES.append(case)


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
        (("cancelled", EMMA.email),),
        (st(EMMA, "cancelled"), MATS),
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
        (("cancelled", AMIR.email),),
        (st(AMIR, "cancelled"),),
        setup=(AMIR_SETUP,),
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
        (("cancelled", AMIR.email),),
        (st(AMIR, "cancelled"),),
        setup=(AMIR_SETUP,),
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
