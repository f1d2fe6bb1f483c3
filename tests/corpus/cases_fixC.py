"""Twins of the blind2 cases fixed on branch i9-fixC (groups A and B1 of the blind2 report): the
same ideas in other words, that must keep working, and the near misses that must not act.

- A, a title before a name: a numbered list of titles in capitals beside a double first name
  whose address has only one of them (kept whole); an English title of four words joined by "of"
  before a first name that is also a word ("Will"); a key block's `Namn:` that starts with a
  title.
- B1, a registration written in the subject: "Anmälan – Omar Said, omar.said@…" over a body of
  only the sender's signature books Omar, not the sender; "Anmälan seminarium 14/9" (no person)
  over "Jag anmäler mig" books the sender; a reply's subject that names a person, over a body of
  its own ("Jag vill också anmäla mig"), is the thread's title, not a registration of that person;
  a cancellation and a swap written in the subject alone act as in the body.
- D, "vi" with a question of how to register: "We'd both like to come … How do we sign up?"
  books no one and asks; "Vi kommer gärna … Hur gör vi med parkeringen?" books the writer and
  asks who "vi" are.
"""

from __future__ import annotations

import datetime as dt

from body import Items, Mail, P, Quote
from expect import ANNA, HAN, HUD, HUD_TWO, LISA, NAC, SDT, TULL, Booking, Case, b, booked, st
from pieces import date, mvh, received, sig

CASES: list[Case] = []


def add(case: Case) -> None:
    CASES.append(case)


# --------------------------------------------------------------------------- A: titles before names

_nac = [
    b("Lena Holm", "nacka.se", NAC),
    Booking("johan.berg@nacka.se", "Karl Johan Berg", NAC),
    b("Ali Rezaei", "nacka.se", NAC),
]
add(
    Case(
        "fixC-titles-before-names-numbered-list-double-first-name-nacka",
        "outlook",
        Mail(
            "Maria Ekholm",
            "maria.ekholm@nacka.se",
            "Anmälan till seminariet 14 september",
            date(23, 9, 12),
            (
                P("Hej,"),
                P("Från Nacka kommer följande:"),
                Items(
                    (
                        "Kurator Lena Holm, lena.holm@nacka.se",
                        "Karl Johan Berg, johan.berg@nacka.se",
                        "Behandlingsassistent Ali Rezaei, ali.rezaei@nacka.se",
                    ),
                    numbered=True,
                ),
                mvh("Maria"),
                sig(
                    "Maria Ekholm",
                    "Enhetschef",
                    "Nacka kommun",
                    "08-718 80 00",
                    "maria.ekholm@nacka.se",
                ),
            ),
        ),
        "list",
        booked(*_nac),
        tuple(_nac),
        note="'Kurator' and 'Behandlingsassistent' are titles; 'Karl' is a first name the address leaves out",
    )
)

_tull = [b("Will Jones", "tullverket.se", TULL), b("Rose Lind", "tullverket.se", TULL)]
add(
    Case(
        "fixC-english-prose-deputy-head-of-section-will-jones-tullverket",
        "gmail",
        Mail(
            "Peter Sand",
            "peter.sand@tullverket.se",
            "Seminar registration",
            date(24, 14, 2),
            (
                P("Hi Therese,"),
                P(
                    "I would like to register Deputy Head of Section Will Jones "
                    "(will.jones@tullverket.se) and our analyst Rose Lind (rose.lind@tullverket.se)."
                ),
                P("Best regards,\nPeter Sand\nTullverket"),
            ),
            lang="en",
        ),
        "prose",
        booked(*_tull),
        tuple(_tull),
        note="'Deputy Head of Section' is a title; 'Will' and 'Rose' are first names that are also words",
    )
)

_sdt = [b("Maria Ek", "sodertalje.se", SDT), b("Björn Strand", "sodertalje.se", SDT)]
add(
    Case(
        "fixC-keyblock-name-starts-with-a-title-sodertalje",
        "owa",
        Mail(
            "Lars Nyström",
            "lars.nystrom@sodertalje.se",
            "Anmälan",
            date(24, 10, 40),
            (
                P("Hej!"),
                P("Namn: Socialsekreterare Maria Ek\nE-post: maria.ek@sodertalje.se"),
                P("Namn: Björn Strand, fältassistent\nE-post: bjorn.strand@sodertalje.se"),
                P("Hälsningar\nLars Nyström\nSödertälje kommun"),
            ),
        ),
        "key-block",
        booked(*_sdt),
        tuple(_sdt),
        note="a title before the name in Namn: goes to the title, as one after it does",
    )
)

# --------------------------------------------------------------------------- B1: the subject

_omar = b("Omar Said", "sodertalje.se", SDT)
add(
    Case(
        "fixC-registration-in-subject-only-signature-body-sodertalje",
        "outlook",
        Mail(
            "Karin Wall",
            "karin.wall@sodertalje.se",
            "Anmälan till seminariet – Omar Said, omar.said@sodertalje.se",
            date(25, 8, 3),
            (
                sig(
                    "Karin Wall",
                    "Samordnare",
                    "Södertälje kommun",
                    "08-523 010 00",
                    "karin.wall@sodertalje.se",
                ),
            ),
        ),
        "line",
        booked(_omar),
        (_omar,),
        note="the registration is the subject: Omar is meant, and the sender is not (§3)",
    )
)

_nils = b("Nils Berggren", "nacka.se", NAC)
add(
    Case(
        "fixC-subject-names-no-one-jag-anmaler-mig-nacka",
        "iphone",
        Mail(
            "Nils Berggren",
            "nils.berggren@nacka.se",
            "Anmälan seminarium 14/9",
            date(25, 17, 20),
            (P("Hej! Jag anmäler mig."), P("/Nils"), P("Skickat från min iPhone")),
        ),
        "sender",
        booked(_nils),
        (_nils,),
        note="the subject names no person: the writer registers himself",
    )
)

_sara = b("Sara Lind", "haninge.se", HAN)
_johan = b("Johan Ek", "haninge.se", HAN)
add(
    Case(
        "fixC-reply-subject-names-person-body-of-its-own-haninge",
        "apple",
        Mail(
            "Johan Ek",
            "johan.ek@haninge.se",
            "Sv: Anmälan: Sara Lind, sara.lind@haninge.se",
            date(27, 9, 15),
            (
                P("Hej! Jag vill också anmäla mig till seminariet."),
                P("/Johan"),
                Quote(
                    "Pernilla Wikström",
                    "pernilla.wikstrom@haninge.se",
                    dt.datetime(2022, 8, 27, 7, 41),
                    "Johan Ek <johan.ek@haninge.se>",
                    "Anmälan: Sara Lind, sara.lind@haninge.se",
                    (P("Skickat från min iPhone"),),
                ),
            ),
        ),
        "sender",
        booked(_johan),
        (_sara, _johan),
        setup=("b2-registration-in-subject-only-iphone-haninge",),
        received=received(27, 9, 16),
        note="a reply's subject is the thread's title: Johan registers himself, Sara is not read again",
    )
)

_lisa_gone = [st(LISA, "cancelled"), ANNA]
add(
    Case(
        "fixC-cancellation-in-subject-with-address-huddinge",
        "iphone",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Återbud: Lisa Berg, lisa.berg@huddinge.se",
            date(29, 7, 55),
            (P("Skickat från min iPhone"),),
        ),
        "none",
        (("cancelled", LISA.email),),
        tuple(_lisa_gone),
        setup=(HUD_TWO,),
        received=received(29, 7, 56),
        note="a subject that cancels a person with an address cancels her; it registers no one",
    )
)

_karin = b("Karin Ström", "huddinge.se", HUD)
add(
    Case(
        "fixC-substitution-in-subject-with-address-huddinge",
        "iphone",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Lisa Berg ersätts av Karin Ström, karin.strom@huddinge.se",
            date(29, 8, 5),
            (P("Skickat från min iPhone"),),
        ),
        "prose",
        (("substituted", _karin.email), ("cancelled", LISA.email)),
        (st(LISA, "cancelled"), ANNA, _karin),
        setup=(HUD_TWO,),
        received=received(29, 8, 6),
        note="the swap is the subject: Karin takes Lisa's seat; the sender is not booked",
    )
)

# --------------------------------------------------------------------------- D: "Hur gör vi?"

_ulla = b("Ulla Berg", "sodertalje.se", SDT)
add(
    Case(
        "fixC-vi-kommer-garna-hur-gor-vi-med-parkeringen-sodertalje",
        "iphone",
        Mail(
            "Ulla Berg",
            "ulla.berg@sodertalje.se",
            "Seminariet",
            date(25, 12, 10),
            (P("Hej! Vi kommer gärna på seminariet. Hur gör vi med parkeringen?"), P("/Ulla")),
        ),
        "sender",
        (*booked(_ulla), ("needs-info", None)),
        (_ulla,),
        ask=True,
        note="a question about parking is no question of how to register: the writer is booked, 'vi' asked for",
    )
)

add(
    Case(
        "fixC-wed-both-like-to-come-how-do-we-sign-up-nacka",
        "gmail",
        Mail(
            "Erik Sand",
            "erik.sand@nacka.se",
            "Seminar on open drug scenes",
            date(25, 13, 45),
            (
                P("Hi,"),
                P("We'd both like to come to the seminar. How do we sign up?"),
                P("Best,\nErik"),
            ),
            lang="en",
        ),
        "none",
        (("needs-info", None),),
        (),
        ask=True,
        note="the writer asks how to register: no one is booked yet, and who 'we' are is asked",
    )
)
