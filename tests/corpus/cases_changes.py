"""Corpus cases that change a booking: cancellations, substitutions, several intents in one mail."""

from __future__ import annotations

from body import Blank, Mail, P
from expect import (
    ANNA,
    BOK,
    BOT_TWO,
    HAN,
    HAN_FIVE,
    HUD,
    HUD_TWO,
    KV,
    KV_TWO,
    LISA,
    Case,
    b,
    st,
)
from pieces import (
    CONFIRMATION,
    CONFIRMATION_SUBJECT,
    KOMMUN_DISCLAIMER,
    confirmation_quote,
    date,
    mvh,
    received,
)

CASES: list[Case] = []
_s2 = b("Oliver Grant", "kriminalvarden.se", KV)  # cases_people: sender-english-id-like-to-attend


def add(case: Case) -> None:
    CASES.append(case)


# --------------------------------------------------------------------------- cancellations

add(
    Case(
        "cancel-aterbud-name-in-subject-huddinge",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Återbud – Lisa Berg",
            date(29, 8, 20),
            (P("Hej,"), P("Lisa har tyvärr fått förhinder."), mvh("Maria"), KOMMUN_DISCLAIMER),
        ),
        "none",
        (("cancelled", LISA.email),),
        (st(LISA, "cancelled"), ANNA),
        setup=(HUD_TWO,),
        received=received(29, 8, 21),
        note="the coordinator cancels Lisa Berg by name: not herself",
    )
)

_own = b("Amir Hosseini", "botkyrka.se", BOK)
add(
    Case(
        "cancel-kan-inte-komma-stryk-mig-botkyrka",
        "iphone",
        Mail(
            "Amir Hosseini",
            "amir.hosseini@botkyrka.se",
            "Seminariet",
            date(30, 7, 30),
            (
                P("Hej, jag kan inte komma ändå, stryk mig från listan."),
                Blank(),
                P("Skickat från min iPhone"),
            ),
        ),
        "sender",
        (("cancelled", _own.email),),
        (st(_own, "cancelled"),),
        setup=("sender-jag-anmaler-mig-botkyrka",),
        received=received(30, 7, 31),
    )
)

add(
    Case(
        "cancel-english-please-cancel-my-registration",
        "gmail",
        Mail(
            "Oliver Grant",
            "oliver.grant@kriminalvarden.se",
            "Cancellation",
            date(31, 10, 0),
            (
                P("Hello,"),
                P("Unfortunately I have to attend another meeting. Please cancel my registration."),
                P("Regards,\nOliver"),
            ),
            lang="en",
        ),
        "sender",
        (("cancelled", _s2.email),),
        (st(_s2, "cancelled"),),
        setup=("sender-english-id-like-to-attend-kriminalvarden",),
        received=received(31, 10, 1),
    )
)

_fh = b("Fatima Hassan", "botkyrka.se", BOK)
_jl = b("Jonas Lärka", "botkyrka.se", BOK)
add(
    Case(
        "cancel-by-address-in-text-botkyrka",
        "outlook",
        Mail(
            "Åsa Källström",
            "asa.kallstrom@botkyrka.se",
            "Avbokning",
            date(31, 11, 0),
            (
                P("Hej,"),
                P("Vänligen avboka fatima.hassan@botkyrka.se från seminariet."),
                P("Mvh Åsa"),
            ),
        ),
        "prose",
        (("cancelled", _fh.email),),
        (st(_fh, "cancelled"), _jl),
        setup=(BOT_TWO,),
        received=received(31, 11, 1),
    )
)

add(
    Case(
        "cancel-name-matches-no-one-huddinge",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Återbud",
            date(30, 9, 0),
            (P("Hej,"), P("Återbud för Karl Nilsson, han är sjuk."), mvh("Maria")),
        ),
        "none",
        (("needs-info", None),),
        (LISA, ANNA),
        ask=True,
        setup=(HUD_TWO,),
        received=received(30, 9, 1),
        note="no Karl Nilsson is registered for Huddinge: ask, cancel no one (not the sender)",
    )
)

add(
    Case(
        "cancel-not-registered-stryk-mig-nacka",
        "outlook",
        Mail(
            "Göran Sjöberg",
            "goran.sjoberg@nacka.se",
            "Stryk mig",
            date(30, 9, 30),
            (P("Hej,"), P("Stryk mig från deltagarlistan, tack."), mvh("Göran")),
        ),
        "sender",
        (("needs-info", None),),
        (),
        ask=True,
        note="the sender is not registered: tell them so",
    )
)

_han5 = [
    b("Pernilla Wikström", "haninge.se", HAN),
    b("Yusuf Demir", "haninge.se", HAN),
    b("Maja Forsberg", "haninge.se", HAN),
    b("Patrik Öhman", "haninge.se", HAN),
    b("Ulla Gustafsson", "haninge.se", HAN, "waitlisted"),
]
add(
    Case(
        "cancel-frees-seat-promotes-haninge",
        "outlook",
        Mail(
            "Tobias Fredriksson",
            "tobias.fredriksson@haninge.se",
            "Avanmälan Yusuf Demir",
            date(31, 13, 0),
            (
                P("Hej,"),
                P("Yusuf Demir kan tyvärr inte delta. Ulla som står som reserv kan ta hans plats."),
                mvh("Tobias"),
            ),
        ),
        "none",
        (("cancelled", _han5[1].email), ("promoted", _han5[4].email)),
        (_han5[0], st(_han5[1], "cancelled"), _han5[2], _han5[3], st(_han5[4], "confirmed")),
        setup=(HAN_FIVE,),
        received=received(31, 13, 1),
    )
)

add(
    Case(
        "cancel-other-actors-participant-refused",
        "outlook",
        Mail(
            "Åsa Källström",
            "asa.kallstrom@botkyrka.se",
            "Avboka",
            date(31, 14, 0),
            (P("Hej,"), P("Avboka lisa.berg@huddinge.se, hon kan inte komma."), P("Mvh Åsa")),
        ),
        "prose",
        (("rejected-not-allowed", LISA.email),),
        (LISA, ANNA),
        setup=(HUD_TWO,),
        received=received(31, 14, 1),
        note="a Botkyrka sender may not cancel a Huddinge participant",
    )
)

add(
    Case(
        "cancel-reply-to-own-confirmation-iphone",
        "iphone",
        Mail(
            "Anna Lindqvist",
            "anna.lindqvist@huddinge.se",
            "Sv: " + CONFIRMATION_SUBJECT,
            date(1, 7, 40, 9),
            (
                P("Kan tyvärr inte komma ändå."),
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
        received=received(1, 7, 41, 9),
        reply_to=ANNA.email,
    )
)

add(
    Case(
        "cancel-coordinator-replies-to-confirmation",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "SV: " + CONFIRMATION_SUBJECT,
            date(1, 9, 0, 9),
            (
                P("Hej,"),
                P("Hon kan inte komma, tyvärr."),
                P("/Maria"),
                confirmation_quote("Lisa Berg", "lisa.berg@huddinge.se"),
            ),
            in_reply_to=CONFIRMATION,
        ),
        "none",
        (("cancelled", LISA.email),),
        (st(LISA, "cancelled"), ANNA),
        setup=(HUD_TWO,),
        received=received(1, 9, 1, 9),
        reply_to=LISA.email,
        note="the coordinator (Cc on Lisa's confirmation) answers it: that confirmation's participant is cancelled",
    )
)

_emma = b("Emma Johansson", "kriminalvarden.se", KV)
_mats = b("Mats Hellström", "kriminalvarden.se", KV)
add(
    Case(
        "cancel-english-after-deadline-before-start",
        "outlook",
        Mail(
            "Emma Johansson",
            "emma.johansson@kriminalvarden.se",
            "Cancellation – seminar 14 September",
            date(10, 9, 0, 9),
            (
                P("Hi,"),
                P("I'm afraid I can't attend after all. Please remove me from the list."),
                P("Kind regards,\nEmma"),
            ),
            lang="en",
        ),
        "sender",
        (("cancelled", _emma.email),),
        (st(_emma, "cancelled"), _mats),
        setup=(KV_TWO,),
        received=received(10, 9, 1, 9),
        note="cancellations are accepted after the deadline until the seminar starts",
    )
)

# --------------------------------------------------------------------------- substitutions

_per = b("Per Persson", "huddinge.se", HUD)
add(
    Case(
        "subst-anna-kan-inte-per-gar-istallet",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Ändring av deltagare",
            date(30, 10, 0),
            (
                P("Hej,"),
                P("Anna kan inte, Per Persson går i stället: per.persson@huddinge.se"),
                mvh("Maria"),
            ),
        ),
        "prose",
        (("substituted", _per.email), ("cancelled", ANNA.email)),
        (LISA, st(ANNA, "cancelled"), _per),
        setup=(HUD_TWO,),
        received=received(30, 10, 1),
    )
)

_omar = b("Omar Haddad", "huddinge.se", HUD)
add(
    Case(
        "subst-lisa-ersatts-av-omar",
        "gmail",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Byte av deltagare",
            date(30, 11, 0),
            (
                P("Hej!"),
                P("Lisa ersätts av Omar Haddad, omar.haddad@huddinge.se, fältassistent."),
                P("Hälsningar Maria"),
            ),
        ),
        "prose",
        (("substituted", _omar.email), ("cancelled", LISA.email)),
        (st(LISA, "cancelled"), ANNA, _omar),
        setup=(HUD_TWO,),
        received=received(30, 11, 1),
    )
)

_lina = b("Lina Sandström", "botkyrka.se", BOK)
add(
    Case(
        "subst-ersatter-key-botkyrka",
        "outlook",
        Mail(
            "Åsa Källström",
            "asa.kallstrom@botkyrka.se",
            "Byte av deltagare",
            date(31, 8, 0),
            (
                P("Hej,"),
                P(
                    "Namn: Lina Sandström\nE-post: lina.sandstrom@botkyrka.se\nBefattning: Utredare\nErsätter: jonas.larka@botkyrka.se"
                ),
                mvh("Åsa"),
            ),
        ),
        "key-block",
        (("substituted", _lina.email), ("cancelled", _jl.email)),
        (_fh, st(_jl, "cancelled"), _lina),
        setup=(BOT_TWO,),
        received=received(31, 8, 1),
    )
)

_oskar = b("Oskar Lind", "kriminalvarden.se", KV)
add(
    Case(
        "subst-english-instead-kriminalvarden",
        "owa",
        Mail(
            "Camilla Strand",
            "camilla.strand@kriminalvarden.se",
            "Change of participant",
            date(31, 9, 30),
            (
                P("Hello,"),
                P(
                    "Mats Hellström cannot attend. Oskar Lind (oskar.lind@kriminalvarden.se) will attend instead."
                ),
                P("Kind regards\nCamilla"),
            ),
            lang="en",
        ),
        "prose",
        (("substituted", _oskar.email), ("cancelled", _mats.email)),
        (_emma, st(_mats, "cancelled"), _oskar),
        setup=(KV_TWO,),
        received=received(31, 9, 31),
    )
)

_ny = b("Sven Ny", "haninge.se", HAN)
add(
    Case(
        "subst-when-actor-full-haninge",
        "outlook",
        Mail(
            "Tobias Fredriksson",
            "tobias.fredriksson@haninge.se",
            "Byte av deltagare – Haninge",
            date(1, 10, 0, 9),
            (
                P("Hej,"),
                P("Namn: Sven Ny\nE-post: sven.ny@haninge.se\nErsätter: maja.forsberg@haninge.se"),
                mvh("Tobias"),
            ),
        ),
        "key-block",
        (("substituted", _ny.email), ("cancelled", _han5[2].email)),
        (_han5[0], _han5[1], st(_han5[2], "cancelled"), _han5[3], _han5[4], _ny),
        setup=(HAN_FIVE,),
        received=received(1, 10, 1, 9),
        note="a substitute takes the seat even though the actor is full; the waitlisted one stays waiting",
    )
)

# --------------------------------------------------------------------------- several intents

_nils = b("Nils Wästberg", "huddinge.se", HUD)
add(
    Case(
        "multi-cancel-and-register-huddinge",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Ändringar i vår anmälan",
            date(31, 15, 0),
            (
                P("Hej,"),
                P("Lisa Berg kan tyvärr inte komma, stryk henne."),
                P("Vi vill också anmäla Nils Wästberg, nils.wastberg@huddinge.se, samordnare."),
                mvh("Maria"),
            ),
        ),
        "prose",
        (("cancelled", LISA.email), ("confirmed", _nils.email)),
        (st(LISA, "cancelled"), ANNA, _nils),
        setup=(HUD_TWO,),
        received=received(31, 15, 1),
    )
)

_ebba = b("Ebba Lund", "kriminalvarden.se", KV)
add(
    Case(
        "multi-english-cancel-and-add-kriminalvarden",
        "gmail",
        Mail(
            "Camilla Strand",
            "camilla.strand@kriminalvarden.se",
            "Changes to our registration",
            date(1, 11, 0, 9),
            (
                P("Hi,"),
                P("Please cancel emma.johansson@kriminalvarden.se."),
                P("Please also register Ebba Lund <ebba.lund@kriminalvarden.se>."),
                P("Thanks,\nCamilla"),
            ),
            lang="en",
        ),
        "line",
        (("cancelled", _emma.email), ("confirmed", _ebba.email)),
        (st(_emma, "cancelled"), _mats, _ebba),
        setup=(KV_TWO,),
        received=received(1, 11, 1, 9),
    )
)

_ann = b("Anna Nyberg", "huddinge.se", HUD)
add(
    Case(
        "cancel-first-name-matches-two-asks",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Återbud Anna",
            date(30, 13, 0),
            (P("Hej,"), P("Anna kan tyvärr inte delta."), mvh("Maria")),
        ),
        "none",
        (("needs-info", None),),
        (LISA, ANNA, _ann),
        ask=True,
        setup=(HUD_TWO, "kb-iphone-anna-nyberg-huddinge"),
        note="two Annas are registered for Huddinge: ask which, cancel neither",
    )
)

add(
    Case(
        "cancel-english-colleague-by-name-kriminalvarden",
        "owa",
        Mail(
            "Camilla Strand",
            "camilla.strand@kriminalvarden.se",
            "Cancellation: Mats Hellström",
            date(1, 8, 30, 9),
            (
                P("Hi,"),
                P("Mats Hellström can't attend. Please cancel his registration."),
                P("Thanks,\nCamilla"),
            ),
            lang="en",
        ),
        "none",
        (("cancelled", _mats.email),),
        (_emma, st(_mats, "cancelled")),
        setup=(KV_TWO,),
    )
)

_perp = b("Per Persson", "huddinge.se", HUD)
add(
    Case(
        "subst-x-ersatter-y-direction-huddinge",
        "thunderbird",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Byte av deltagare",
            date(31, 10, 0),
            (
                P("Hej,"),
                P("Per Persson (per.persson@huddinge.se) ersätter Anna Lindqvist på seminariet."),
                P("/Maria"),
            ),
        ),
        "prose",
        (("substituted", _perp.email), ("cancelled", ANNA.email)),
        (LISA, st(ANNA, "cancelled"), _perp),
        setup=(HUD_TWO,),
        note="'X ersätter Y': X comes in, Y goes out",
    )
)
