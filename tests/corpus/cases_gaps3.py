"""Corpus cases for the third round of reading gaps (issue 9), each with its adversarial twin:
the sentence that looks the same but must not act.

1. "Something has come up and I have to pull out", "Något har kommit emellan och …": a word
   that says someone or something without naming them is no name, so the writer's own "I have
   to pull out" cancels the writer — but "Någon från vår enhet kan inte komma", "Someone from
   our unit has to pull out" name no one and ask whom.
2. "Har blivit sjuk och kommer inte imorgon", "Jag kommer inte på seminariet": a first-person
   statement about the seminar (subject "jag", or dropped as Swedish drops it) cancels the
   writer — but "Rapporten kommer inte idag", "Jag tror att materialet … kommer inte idag"
   (another subject) are about things, and change nothing.
3. "Jag vill meddela att min kollega inte kan komma" (subordinate word order) asks whom; "… att
   Lisa Berg inte kan komma" cancels Lisa; "Om det visar sig att Lisa Berg inte kan komma …"
   is a condition, and changes nothing.
4. "Ta bort Anna från listan": the first name matched among the actor's registrations (one:
   cancelled; several or none: asked) — but "Ta bort Anna (Lindqvist) från cc" and "från
   sändlistan" are about copies and mailing lists, and cancel no one.
"""

from __future__ import annotations

from body import Blank, Mail, P
from cases_wording import AMIR, AMIR_SETUP, EMMA, MATS
from expect import ANNA, HUD_TWO, JAR, KV_TWO, LISA, Case, b, booked, st
from pieces import date, mvh, received

CASES: list[Case] = []

_LISA = ("Lisa Berg", LISA.email)
_ANNA = ("Anna Lindqvist", ANNA.email)
_MARIA = ("Maria Lundgren", "maria.lundgren@huddinge.se")  # Huddinge's coordinator, not booked
_AMIR = ("Amir Hosseini", AMIR.email)
_EMMA = ("Emma Johansson", EMMA.email)
_KARIN = ("Karin Sjöberg", "karin.sjoberg@jarfalla.se")  # Järfälla's coordinator, not booked
_JAR_THREE = "gaps3-setup-jarfalla-two-annas"
_JAR = (
    b("Anna Ek", "jarfalla.se", JAR),
    b("Anna Holm", "jarfalla.se", JAR),
    b("Omar Said", "jarfalla.se", JAR),
)
_SETUP: dict[str, tuple[str, ...]] = {
    LISA.email: (HUD_TWO,),
    ANNA.email: (HUD_TWO,),
    "maria.lundgren@huddinge.se": (HUD_TWO,),
    AMIR.email: (AMIR_SETUP,),
    EMMA.email: (KV_TWO,),
    "karin.sjoberg@jarfalla.se": (_JAR_THREE,),
}
_STATE = {
    LISA.email: (LISA, ANNA),
    ANNA.email: (LISA, ANNA),
    "maria.lundgren@huddinge.se": (LISA, ANNA),
    AMIR.email: (AMIR,),
    EMMA.email: (EMMA, MATS),
    "karin.sjoberg@jarfalla.se": _JAR,
}
_minute = [0]
_FORWARDED: tuple[tuple[str, str | None], ...] = (("forwarded", None),)
_ASKED: tuple[tuple[str, str | None], ...] = (("needs-info", None),)


def _case(
    name: str,
    who: tuple[str, str],
    subject: str,
    body: tuple[object, ...],
    *,
    client: str = "outlook",
    outcomes: tuple[tuple[str, str | None], ...] = _FORWARDED,
    cancelled: tuple[str, ...] = (),
    lang: str = "sv",
    note: str = "",
) -> None:
    """A mail of 6 September (after the deadline: cancellations are still accepted) from a
    writer of an actor with bookings; it asks when its outcomes say needs-info."""
    _minute[0] += 2
    hour, minute = 9 + _minute[0] // 60, _minute[0] % 60
    state = tuple(st(x, "cancelled") if x.email in cancelled else x for x in _STATE[who[1]])
    CASES.append(
        Case(
            "gaps3-" + name,
            client,
            Mail(who[0], who[1], subject, date(6, hour, minute, 9), body, lang=lang),
            "none",
            outcomes,
            state,
            ask=any(outcome == "needs-info" for outcome, _ in outcomes),
            setup=_SETUP[who[1]],
            received=received(6, hour, minute + 1, 9),
            note=note,
        )
    )


CASES.append(
    Case(
        _JAR_THREE,
        "outlook",
        Mail(
            *_KARIN,
            "Anmälan seminarium 14 september – Järfälla kommun",
            date(25, 10, 5),
            (
                P("Hej!"),
                Blank(),
                P("Vi anmäler följande tre deltagare från Järfälla kommun:"),
                Blank(),
                P("Namn: Anna Ek\nE-post: anna.ek@jarfalla.se\nBefattning: Fältassistent"),
                Blank(),
                P("Namn: Anna Holm\nE-post: anna.holm@jarfalla.se\nBefattning: Socialsekreterare"),
                Blank(),
                P("Namn: Omar Said\nE-post: omar.said@jarfalla.se\nBefattning: Enhetschef"),
                Blank(),
                mvh("Karin"),
            ),
        ),
        "key-block",
        booked(*_JAR),
        _JAR,
        received=received(25, 10, 6),
        note="the state of the 'ta bort Anna' cases: two Annas of one actor",
    )
)

# ------------------------------------------------- 1. "Something"/"Något" is no one's name
_case(
    "nagot-har-kommit-emellan",
    _LISA,
    "Seminariet 14 september",
    (
        P("Hej Therese,"),
        P("Något har kommit emellan och jag kan tyvärr inte komma på seminariet den 14:e."),
        mvh("Lisa"),
    ),
    outcomes=(("cancelled", LISA.email),),
    cancelled=(LISA.email,),
    note="'Något' is no name: the writer cancels herself (no one else is named)",
)
_case(
    "det-har-dykt-upp-nagot",
    _AMIR,
    "Onsdag",
    (
        P("Hej!"),
        P(
            "Det har tyvärr dykt upp något på jobbet. Något jag inte kan flytta, så jag måste "
            "avstå seminariet på onsdag."
        ),
        P("Hälsningar\nAmir"),
    ),
    client="gmail",
    outcomes=(("cancelled", AMIR.email),),
    cancelled=(AMIR.email,),
)
_case(
    "english-something-came-up-pull-out",
    _EMMA,
    "Seminar on the 14th",
    (
        P("Hi Therese,"),
        P("Something has come up at work, so unfortunately I have to pull out of the seminar."),
        P("Kind regards,\nEmma"),
    ),
    lang="en",
    outcomes=(("cancelled", EMMA.email),),
    cancelled=(EMMA.email,),
)
_case(
    "twin-nagon-fran-enheten-kan-inte",
    _LISA,
    "Seminariet 14 september",
    (
        P("Hej,"),
        P("Någon från vår enhet kan tyvärr inte komma på seminariet, jag återkommer med vem."),
        mvh("Lisa"),
    ),
    outcomes=_ASKED,
    note="'Någon' names no one: which of Lisa and Anna? ask; never the writer",
)
_case(
    "twin-english-someone-has-to-pull-out",
    _EMMA,
    "Seminar on the 14th",
    (
        P("Hi Therese,"),
        P("Someone from our unit has to pull out of the seminar, sorry about that."),
        P("Kind regards,\nEmma"),
    ),
    lang="en",
    outcomes=_ASKED,
    note="'Someone' names no one: Emma or Mats? ask; never the writer",
)

# ------------------------------------------------- 2. "kommer inte imorgon" of the writer
_case(
    "har-blivit-sjuk-och-kommer-inte-imorgon",
    _AMIR,
    "Onsdag",
    (P("Har blivit sjuk och kommer inte imorgon."), Blank(), P("Skickat från min iPhone")),
    client="iphone",
    outcomes=(("cancelled", AMIR.email),),
    cancelled=(AMIR.email,),
    note="the whole message; Swedish drops the subject 'jag': it is the writer",
)
_case(
    "jag-kommer-inte-pa-seminariet",
    _LISA,
    "14/9",
    (P("Jag kommer inte på seminariet."), P("Lisa")),
    client="apple",
    outcomes=(("cancelled", LISA.email),),
    cancelled=(LISA.email,),
)
_case(
    "hej-hemma-med-sjukt-barn-och-kommer-inte",
    _ANNA,
    "Seminariet imorgon",
    (
        P("Hej,"),
        P("Jag är hemma med sjukt barn och kommer inte på seminariet imorgon."),
        mvh("Anna"),
    ),
    outcomes=(("cancelled", ANNA.email),),
    cancelled=(ANNA.email,),
)
_case(
    "twin-rapporten-kommer-inte-idag",
    _LISA,
    "Rapporten",
    (
        P("Hej,"),
        P("Rapporten från vår enhet kommer inte idag, jag skickar den på fredag i stället."),
        mvh("Lisa"),
    ),
    note="a report does not come: nothing to cancel; the organiser reads it",
)
_case(
    "twin-att-materialet-kommer-inte-idag",
    _AMIR,
    "Materialet",
    (
        P("Hej!"),
        P("Jag tror att materialet är försenat från tryckeriet och kommer inte idag heller."),
        P("Hälsningar\nAmir"),
    ),
    client="gmail",
    note="'kommer inte idag' is said of the material (after 'att'), not of the writer",
)

# ------------------------------------------------- 3. "att X inte kan komma"
_case(
    "att-min-kollega-inte-kan-komma",
    _MARIA,
    "Seminariet 14/9",
    (P("Hej,"), P("Jag vill meddela att min kollega inte kan komma på onsdag."), mvh("Maria")),
    outcomes=_ASKED,
    note="which colleague? Lisa or Anna: ask, as 'Min kollega kan inte komma' does",
)
_case(
    "att-lisa-berg-inte-kan-komma",
    _MARIA,
    "Seminariet 14/9",
    (
        P("Hej,"),
        P("Jag vill meddela att Lisa Berg tyvärr inte kan komma på seminariet."),
        mvh("Maria"),
    ),
    outcomes=(("cancelled", LISA.email),),
    cancelled=(LISA.email,),
)
_case(
    "att-anna-inte-kan-komma-from-lisa",
    _LISA,
    "Seminariet 14/9",
    (P("Hej,"), P("Jag ville bara säga att Anna inte kan komma på onsdag."), mvh("Lisa")),
    outcomes=(("cancelled", ANNA.email),),
    cancelled=(ANNA.email,),
    note="Anna is one of Huddinge's registrations: she is cancelled, not the writer",
)
_case(
    "twin-om-det-visar-sig-att-lisa-inte-kan",
    _MARIA,
    "Seminariet 14/9",
    (
        P("Hej,"),
        P("Om det visar sig att Lisa Berg inte kan komma hör jag av mig igen."),
        mvh("Maria"),
    ),
    note="a case that may come: nothing to cancel yet",
)

# ------------------------------------------------- 4. "Ta bort Anna från listan"
_case(
    "ta-bort-anna-fran-listan",
    _MARIA,
    "Ändring",
    (P("Hej,"), P("Ta bort Anna från listan, hon är sjukskriven."), mvh("Maria")),
    outcomes=(("cancelled", ANNA.email),),
    cancelled=(ANNA.email,),
    note="one Anna among Huddinge's registrations: Anna Lindqvist",
)
_case(
    "ta-bort-anna-two-annas-asks",
    _KARIN,
    "Ändring",
    (P("Hej,"), P("Ta bort Anna från deltagarlistan, tack."), mvh("Karin")),
    outcomes=_ASKED,
    note="Anna Ek or Anna Holm? ask, cancel no one",
)
_case(
    "ta-bort-sofia-no-match-asks",
    _MARIA,
    "Ändring",
    (P("Hej,"), P("Ta bort Sofia från listan."), mvh("Maria")),
    outcomes=_ASKED,
    note="no Sofia is registered for Huddinge: ask",
)
_case(
    "twin-ta-bort-anna-fran-cc",
    _LISA,
    "Seminariet 14/9",
    (P("Hej,"), P("Ta bort Anna från cc i fortsättningen, hon är inte berörd."), mvh("Lisa")),
    note="a copy, not a seat: nothing cancelled",
)
_case(
    "twin-ta-bort-anna-lindqvist-fran-cc",
    _MARIA,
    "Seminariet 14/9",
    (P("Hej,"), P("Ta bort Anna Lindqvist från cc, hon behöver inte få kopior."), mvh("Maria")),
    note="a copy, not a seat, also with the whole name: nothing cancelled",
)
_case(
    "twin-ta-bort-anna-fran-sandlistan",
    _MARIA,
    "Sändlista",
    (P("Hej,"), P("Ta bort Anna från sändlistan, hon har bytt tjänst."), mvh("Maria")),
    note="a mailing list, not the seminar's list: the organiser reads it",
)
