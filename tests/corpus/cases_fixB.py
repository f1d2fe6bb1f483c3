"""Twins of the blind cases fixed on branch i9-fixB (groups D, E, F of the blind report): the same
ideas in other words, that must keep working, and the near misses that must not act.

- F, swaps with a pronoun: "hon ersätts av", "she is replaced by", "Hon …" opening the next
  sentence, "… ersätter henne", "instead of me … his email is", "i stället för mig, hennes
  adress är"; not when the pronoun could mean two people, nor inside a condition.
- E, the writer in a row of people: "… och jag", "Kim Sjöberg och jag kommer" (Kim asked for);
  not "Anna och jag pratade om …".
- D, a seat asked for only if there is one: "i mån av plats" with the actor full asks and books
  no one; "annars gärna väntelistan" is waitlisted; "if there is still room" with seats free
  books.
- The asked ones: "Jag kommer." / "I'm coming!" alone over the quoted invitation books the
  writer; "their addresses are … respectively" pairs in order, three names for two addresses
  asks; a note about a booked person goes to the organiser, one about someone not booked asks.
"""

from __future__ import annotations

from body import Blank, Mail, P
from cases_blind import _HAN5
from cases_wording import EMMA, MATS
from expect import (
    ANNA,
    HAN,
    HAN_FIVE,
    HUD,
    HUD_TWO,
    JAR,
    KV,
    KV_TWO,
    LISA,
    NAC,
    Case,
    b,
    booked,
    st,
)
from pieces import INVITATION_SUBJECT, STATE_DISCLAIMER, date, invitation, mvh, received

CASES: list[Case] = []


def add(case: Case) -> None:
    CASES.append(case)


# --------------------------------------------------------------------------- F: pronoun swaps

_karin = b("Karin Ström", "huddinge.se", HUD)
add(
    Case(
        "fixB-subst-she-is-replaced-by-english-huddinge",
        "owa",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Change of participant",
            date(29, 10, 5),
            (
                P("Hello,"),
                P(
                    "Lisa Berg is unfortunately ill; she is replaced by Karin Ström "
                    "(karin.strom@huddinge.se)."
                ),
                P("Best regards,\nMaria"),
            ),
            lang="en",
        ),
        "prose",
        (("substituted", _karin.email), ("cancelled", LISA.email)),
        (st(LISA, "cancelled"), ANNA, _karin),
        setup=(HUD_TWO,),
        received=received(29, 10, 6),
        note="'she' is the one person named before it",
    )
)

add(
    Case(
        "fixB-subst-hon-opens-next-sentence-huddinge",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Byte av deltagare 14/9",
            date(29, 10, 20),
            (
                P("Hej Therese,"),
                P(
                    "Lisa Berg har tyvärr fått förhinder. Hon ersätts av Karin Ström, "
                    "karin.strom@huddinge.se, utredare på socialtjänsten."
                ),
                mvh("Maria"),
            ),
        ),
        "prose",
        (("substituted", _karin.email), ("cancelled", LISA.email)),
        (st(LISA, "cancelled"), ANNA, _karin),
        setup=(HUD_TWO,),
        received=received(29, 10, 21),
        note="'Hon' opens the sentence after the one that names Lisa; 'fått förhinder' is the swap's reason, not a cancellation of its own",
    )
)

add(
    Case(
        "fixB-subst-ersatter-henne-huddinge",
        "gmail",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Seminariet 14 september",
            date(29, 11, 0),
            (
                P("Hej,"),
                P(
                    "Anna Lindqvist kan inte komma på seminariet. Karin Ström "
                    "(karin.strom@huddinge.se) ersätter henne."
                ),
                P("Hälsningar\nMaria"),
            ),
        ),
        "prose",
        (("substituted", _karin.email), ("cancelled", ANNA.email)),
        (LISA, st(ANNA, "cancelled"), _karin),
        setup=(HUD_TWO,),
        received=received(29, 11, 1),
        note="'henne' is Anna, the one person named besides Karin",
    )
)

add(
    Case(
        "fixB-subst-hon-after-two-names-asked-huddinge",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Ändring deltagare",
            date(29, 11, 30),
            (
                P("Hej!"),
                P(
                    "Lisa Berg och Anna Lindqvist är på utbildning den veckan, hon ersätts av "
                    "Karin Ström (karin.strom@huddinge.se)."
                ),
                mvh("Maria"),
            ),
        ),
        "none",
        (("needs-info", None),),
        (LISA, ANNA),
        ask=True,
        setup=(HUD_TWO,),
        received=received(29, 11, 31),
        note="'hon' may be Lisa or Anna: asked, no one cancelled, Karin not booked meanwhile",
    )
)

add(
    Case(
        "fixB-subst-conditional-om-lisa-far-forhinder-huddinge",
        "owa",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Seminariet",
            date(29, 12, 0),
            (
                P("Hej!"),
                P(
                    "Om Lisa Berg får förhinder, ersätts hon av Karin Ström "
                    "(karin.strom@huddinge.se). Jag hör av mig i så fall."
                ),
                P("Maria"),
            ),
        ),
        "none",
        (("forwarded", None),),
        (LISA, ANNA),
        setup=(HUD_TWO,),
        received=received(29, 12, 1),
        note="a case that may come: nothing to do yet, the organiser reads it",
    )
)

_per = b("Per Sundin", "kriminalvarden.se", KV)
add(
    Case(
        "fixB-subst-comes-instead-of-me-his-email-kriminalvarden",
        "thunderbird",
        Mail(
            "Emma Johansson",
            "emma.johansson@kriminalvarden.se",
            "Substitution for the seminar",
            date(29, 14, 10),
            (
                P("Hi,"),
                P(
                    "I'm afraid I can't make it on the 14th. Per Sundin will come instead of me. "
                    "His email is per.sundin@kriminalvarden.se."
                ),
                P("Regards,\nEmma"),
            ),
            lang="en",
        ),
        "prose",
        (("substituted", _per.email), ("cancelled", EMMA.email)),
        (st(EMMA, "cancelled"), MATS, _per),
        setup=(KV_TWO,),
        received=received(29, 14, 11),
    )
)

_sara = b("Sara Öberg", "kriminalvarden.se", KV)
add(
    Case(
        "fixB-subst-i-stallet-for-mig-hennes-adress-kriminalvarden",
        "outlook",
        Mail(
            "Mats Hellström",
            "mats.hellstrom@kriminalvarden.se",
            "Byte",
            date(29, 15, 0),
            (
                P("Hej,"),
                P(
                    "Jag har fått förhinder. Sara Öberg går i stället för mig, hennes adress är "
                    "sara.oberg@kriminalvarden.se."
                ),
                mvh("Mats"),
                STATE_DISCLAIMER,
            ),
        ),
        "prose",
        (("substituted", _sara.email), ("cancelled", MATS.email)),
        (EMMA, st(MATS, "cancelled"), _sara),
        setup=(KV_TWO,),
        received=received(29, 15, 1),
    )
)

# --------------------------------------------------------------------------- E: the writer in a row

_nacka = [
    b("Anna Berg", "nacka.se", NAC),
    b("Per Lund", "nacka.se", NAC),
    b("Eva Holm", "nacka.se", NAC),
]
add(
    Case(
        "fixB-prose-och-jag-last-in-the-row-nacka",
        "gmail",
        Mail(
            "Eva Holm",
            "eva.holm@nacka.se",
            "Anmälan seminariet",
            date(24, 9, 30),
            (
                P("Hej!"),
                P(
                    "Från oss kommer Anna Berg (anna.berg@nacka.se), Per Lund "
                    "(per.lund@nacka.se) och jag."
                ),
                P("Hälsningar\nEva Holm\nNacka kommun"),
            ),
        ),
        "prose",
        booked(_nacka[2], _nacka[0], _nacka[1]),
        (_nacka[0], _nacka[1], _nacka[2]),
        note="'och jag' last in the row counts the writer",
    )
)

_nacka_two = b("Lars Dahl", "nacka.se", NAC)
add(
    Case(
        "fixB-kim-och-jag-kommer-name-only-nacka",
        "iphone",
        Mail(
            "Lars Dahl",
            "lars.dahl@nacka.se",
            "Seminariet",
            date(24, 10, 15),
            (P("Hej! Kim Sjöberg och jag kommer gärna. /Lars"),),
        ),
        "sender",
        (("confirmed", _nacka_two.email), ("needs-info", None)),
        (_nacka_two,),
        ask=True,
        note="the writer comes; Kim has no address anywhere: asked for, not dropped",
    )
)

add(
    Case(
        "fixB-anna-och-jag-pratade-not-a-registration-nacka",
        "outlook",
        Mail(
            "Lars Dahl",
            "lars.dahl@nacka.se",
            "Fråga om seminariet",
            date(24, 11, 0),
            (
                P("Hej Therese,"),
                P(
                    "Anna Berg och jag pratade om seminariet i går. Finns det något material "
                    "vi kan läsa in i förväg?"
                ),
                mvh("Lars"),
            ),
        ),
        "none",
        (("forwarded", None),),
        (),
        note="a question; the writer and Anna are talked of, not registered",
    )
)

# --------------------------------------------------------------------------- D: only if a seat

add(
    Case(
        "fixB-i-man-av-plats-actor-full-haninge",
        "outlook",
        Mail(
            "Sven Nylund",
            "sven.nylund@haninge.se",
            "Seminariet 14 september",
            date(26, 13, 0),
            (P("Hej!"), P("Jag vill gärna delta i mån av plats."), mvh("Sven Nylund")),
        ),
        "sender",
        (("needs-info", None),),
        tuple(_HAN5),
        ask=True,
        setup=(HAN_FIVE,),
        received=received(26, 13, 1),
        note="'i mån av plats' and Haninge is full: asked, not waitlisted",
    )
)

_sven = b("Sven Nylund", "haninge.se", HAN, "waitlisted")
add(
    Case(
        "fixB-om-plats-annars-vantelista-actor-full-haninge",
        "gmail",
        Mail(
            "Sven Nylund",
            "sven.nylund@haninge.se",
            "Anmälan",
            date(26, 13, 30),
            (
                P("Hej!"),
                P("Anmäl mig om det finns plats kvar, annars står jag gärna på väntelistan."),
                P("/Sven"),
            ),
        ),
        "sender",
        booked(_sven),
        (*_HAN5, _sven),
        setup=(HAN_FIVE,),
        received=received(26, 13, 31),
        note="the writer accepts the waitlist: waitlisted as §5 says",
    )
)

_ahmed = b("Ahmed Farah", "nacka.se", NAC)
add(
    Case(
        "fixB-if-there-is-still-room-seats-free-nacka",
        "gmail",
        Mail(
            "Ahmed Farah",
            "ahmed.farah@nacka.se",
            "Registration for the seminar",
            date(25, 8, 45),
            (P("Hi,"), P("Please register me if there is still room."), P("Thanks,\nAhmed Farah")),
            lang="en",
        ),
        "sender",
        booked(_ahmed),
        (_ahmed,),
        note="Nacka has free seats: the condition holds, booked",
    )
)

# --------------------------------------------------------------------------- the asked ones

_jar = b("Sofia Lind", "jarfalla.se", JAR)
add(
    Case(
        "fixB-reply-jag-kommer-alone-over-invitation-jarfalla",
        "iphone",
        Mail(
            "Sofia Lind",
            "sofia.lind@jarfalla.se",
            "SV: " + INVITATION_SUBJECT,
            date(22, 7, 40),
            (P("Jag kommer."), Blank(), P("Skickat från min iPhone"), invitation(_jar.email)),
        ),
        "sender",
        booked(_jar),
        (_jar,),
        note="the whole answer to the invitation is 'Jag kommer.': the writer comes (§10)",
    )
)

_jar_en = b("Oskar Berg", "jarfalla.se", JAR)
add(
    Case(
        "fixB-reply-im-coming-over-invitation-jarfalla",
        "gmail",
        Mail(
            "Oskar Berg",
            "oskar.berg@jarfalla.se",
            "Re: " + INVITATION_SUBJECT,
            date(22, 8, 5),
            (P("I'm coming!"), P("Oskar"), invitation(_jar_en.email)),
        ),
        "sender",
        booked(_jar_en),
        (_jar_en,),
    )
)

_resp = [b("Kerstin Wallin", "nacka.se", NAC), b("Ahmed Farah", "nacka.se", NAC)]
add(
    Case(
        "fixB-prose-their-addresses-respectively-nacka",
        "outlook",
        Mail(
            "Lars Dahl",
            "lars.dahl@nacka.se",
            "Registration for the seminar",
            date(25, 14, 0),
            (
                P("Hello,"),
                P(
                    "Kerstin Wallin and Ahmed Farah will attend; their email addresses are "
                    "kerstin.wallin@nacka.se and ahmed.farah@nacka.se respectively."
                ),
                P("Best regards,\nLars Dahl"),
            ),
            lang="en",
        ),
        "prose",
        booked(*_resp),
        tuple(_resp),
        note="'respectively' pairs the addresses with the names in order",
    )
)

add(
    Case(
        "fixB-prose-three-names-two-addresses-resp-asked-nacka",
        "gmail",
        Mail(
            "Lars Dahl",
            "lars.dahl@nacka.se",
            "Seminarium öppna drogscener",
            date(25, 14, 30),
            (
                P("Hej,"),
                P(
                    "Från oss kommer Kerstin Wallin, Ahmed Farah och Eva Ek. Deras adresser är "
                    "kw@nacka.se resp. af@nacka.se."
                ),
                P("Hälsningar\nLars Dahl"),
            ),
        ),
        "prose",
        (("needs-info", None), ("needs-info", None)),
        (),
        ask=True,
        note="three names, two addresses: which two is a guess, so asked",
    )
)

add(
    Case(
        "fixB-note-about-a-booked-person-kriminalvarden",
        "outlook",
        Mail(
            "Camilla Strand",
            "camilla.strand@kriminalvarden.se",
            "Angående vår anmälan",
            date(27, 10, 0),
            (
                P("Hej,"),
                P("Till vår anmälan: Emma Johansson är vegetarian och kommer med rullstol."),
                mvh("Camilla"),
                STATE_DISCLAIMER,
            ),
        ),
        "none",
        (("forwarded", None),),
        (EMMA, MATS),
        setup=(KV_TWO,),
        received=received(27, 10, 1),
        note="about Emma, who is booked: for the organiser",
    )
)

add(
    Case(
        "fixB-note-about-someone-not-booked-asked-kriminalvarden",
        "thunderbird",
        Mail(
            "Camilla Strand",
            "camilla.strand@kriminalvarden.se",
            "Anmälan",
            date(27, 10, 30),
            (
                P("Hej,"),
                P("Glömde anmäla Sara Öberg, hon är vegan."),
                P("Hälsningar\nCamilla"),
            ),
        ),
        "none",
        (("needs-info", None),),
        (EMMA, MATS),
        ask=True,
        setup=(KV_TWO,),
        received=received(27, 10, 31),
        note="Sara is not booked and has no address: asked for it",
    )
)
