"""Corpus cases written as an adversary of the review's phrases (issue 9): mails where "ta bort
mig", "remove", "drar tillbaka", "hinner inte delta", "deltar inte", "är förhindrad", "won't be
attending", "vi kommer gärna", "register us", "tar min plats", "will take my place" or "kan inte
komma" stand, but a careful organiser would cancel, book or swap no one (negations, conditions,
other events, reported speech, quoted text, footers, "vi" as the unit, a chair taken) — and the
converse: cancellations in words the rules did not know.
"""

from __future__ import annotations

import datetime as dt

from body import Blank, Disclaimer, Mail, P, Quote
from cases_wording import AMIR, AMIR_SETUP, EMMA, MATS
from expect import ANNA, HUD_TWO, KV_TWO, LISA, Case, st
from pieces import (
    CONFIRMATION,
    CONFIRMATION_SUBJECT,
    STATE_DISCLAIMER,
    confirmation_quote,
    date,
    mvh,
    received,
)

CASES: list[Case] = []

_LISA_FROM = ("Lisa Berg", "lisa.berg@huddinge.se")
_AMIR_FROM = ("Amir Hosseini", "amir.hosseini@botkyrka.se")
_EMMA_FROM = ("Emma Johansson", "emma.johansson@kriminalvarden.se")
_SETUP: dict[str, tuple[str, ...]] = {
    LISA.email: (HUD_TWO,),
    "maria.lundgren@huddinge.se": (HUD_TWO,),
    AMIR.email: (AMIR_SETUP,),
    EMMA.email: (KV_TWO,),
    "sam.okafor@tullverket.se": (),
}
_STATE = {
    LISA.email: (LISA, ANNA),
    "maria.lundgren@huddinge.se": (LISA, ANNA),
    AMIR.email: (AMIR,),
    EMMA.email: (EMMA, MATS),
    "sam.okafor@tullverket.se": (),
}
_minute = [0]


def _case(
    name: str,
    who: tuple[str, str],
    subject: str,
    body: tuple[object, ...],
    *,
    client: str = "outlook",
    outcomes: tuple[tuple[str, str | None], ...] = (("forwarded", None),),
    cancelled: tuple[str, ...] = (),
    ask: bool = False,
    lang: str = "sv",
    reply: bool = False,
    note: str = "",
    day: int = 6,
) -> None:
    """A mail from a registered writer (Lisa of Huddinge, Amir of Botkyrka, Emma of
    Kriminalvården) on 6 September (after the deadline) unless `day` says; by default nothing
    changes and the organiser reads it."""
    _minute[0] += 2
    hour, minute = 8 + _minute[0] // 60, _minute[0] % 60
    state = tuple(st(x, "cancelled") if x.email in cancelled else x for x in _STATE[who[1]])
    CASES.append(
        Case(
            "adv-" + name,
            client,
            Mail(
                who[0],
                who[1],
                subject,
                date(day, hour, minute, 9),
                body,
                lang=lang,
                in_reply_to=CONFIRMATION if reply else None,
            ),
            "none",
            outcomes,
            state,
            ask=ask,
            setup=_SETUP[who[1]],
            received=received(day, hour, minute + 1, 9),
            reply_to=who[1] if reply else None,
            note=note,
        )
    )


def _quote_of(name: str, address: str, subject: str, *body: str, forward: bool = False) -> Quote:
    return Quote(
        name,
        address,
        dt.datetime(2022, 9, 5, 10, 12),
        "lisa.berg@huddinge.se",
        subject,
        tuple(P(x) for x in body),
        forward=forward,
    )


_RE = "SV: " + CONFIRMATION_SUBJECT
_conf_lisa = confirmation_quote("Lisa Berg", "lisa.berg@huddinge.se")
_conf_emma = confirmation_quote("Emma Johansson", "emma.johansson@kriminalvarden.se")

# ------------------------------------------------------------- negations and conditions
_case(
    "inte-for-avsikt-att-dra-tillbaka",
    _LISA_FROM,
    "Seminariet 14/9",
    (
        P("Hej,"),
        P(
            "Jag har inte för avsikt att dra tillbaka min anmälan, jag ville bara fråga "
            "om det finns parkering i närheten?"
        ),
        mvh("Lisa"),
    ),
)
_case(
    "om-jag-inte-hinner-delta-meddelar-jag",
    _LISA_FROM,
    _RE,
    (
        P("Tack för bekräftelsen."),
        P("Om jag inte hinner delta på grund av jouren meddelar jag er senast på tisdag."),
        P("Hälsningar\nLisa"),
        _conf_lisa,
    ),
    reply=True,
)
_case(
    "ifall-jag-ar-forhindrad",
    _AMIR_FROM,
    "Fråga om seminariet",
    (
        P("Hej!"),
        P("Ifall jag är förhindrad, får jag skicka en kollega i stället?"),
        P("Hälsningar\nAmir"),
    ),
    client="gmail",
)
_case(
    "english-if-i-wont-be-attending",
    _EMMA_FROM,
    "RE: " + CONFIRMATION_SUBJECT,
    (
        P("Thanks for the confirmation."),
        P("If it turns out I won't be attending after all, I will let you know by Friday."),
        P("Kind regards,\nEmma"),
        _conf_emma,
    ),
    lang="en",
    reply=True,
)
_case(
    "no-need-to-remove-me",
    _EMMA_FROM,
    "Seminar 14 September",
    (
        P("Hi Therese,"),
        P(
            "My meeting was moved, so there is no need to remove me from the list after all. "
            "I will be there on the 14th."
        ),
        P("Kind regards,\nEmma Johansson"),
        STATE_DISCLAIMER,
    ),
    lang="en",
    outcomes=(("duplicate", EMMA.email),),
    note="she says she comes: 'already registered' is true; nothing cancelled",
)
_case(
    "ingen-kollega-kan-ga-i-mitt-stalle",
    _LISA_FROM,
    "Seminariet 14/9",
    (
        P("Hej Therese,"),
        P("Ingen kollega kan gå i mitt ställe, så jag kommer själv trots allt."),
        mvh("Lisa"),
    ),
)
_case(
    "will-take-my-place-if",
    _EMMA_FROM,
    "Seminar 14 September",
    (
        P("Hi Therese,"),
        P(
            "I may be needed in court that day. If so, my colleague Jon Berg "
            "(jon.berg@kriminalvarden.se) will take my place. I'll confirm on Monday."
        ),
        P("Kind regards,\nEmma"),
    ),
    lang="en",
    note="a swap announced for a case that may come: wait for Monday (the organiser reads it)",
)
_case(
    "om-jag-blir-sjuk-tar-jon-min-plats",
    _LISA_FROM,
    "Seminariet 14/9",
    (
        P("Hej,"),
        P(
            "Om jag blir sjuk tar Jon Berg (jon.berg@huddinge.se) min plats. Jag hör av mig i så fall."
        ),
        mvh("Lisa"),
    ),
    outcomes=(("needs-info", None),),
    ask=True,
    day=2,
    note="before the deadline: Jon is not booked on a condition (main booked him); asked about",
)
_case(
    "kan-kollegan-ta-min-plats-om",
    _AMIR_FROM,
    "Seminariet",
    (
        P("Hej,"),
        P("Kan min kollega ta min plats om jag blir sjuk?"),
        P("/Amir"),
    ),
    client="iphone",
)

# ------------------------------------------------------------- other events, other people
_case(
    "chefen-sa-deltar-inte-i-nasta",
    _AMIR_FROM,
    "Seminarierna",
    (
        P("Hej!"),
        P(
            "Min chef sa att jag inte deltar i nästa seminarieserie i oktober, men den 14 "
            "september kommer jag som planerat. Finns det material att läsa in i förväg?"
        ),
        P("Hälsningar\nAmir"),
    ),
    client="gmail",
)
_case(
    "deltar-inte-i-formiddagens-pass",
    _LISA_FROM,
    "Seminariet 14/9",
    (
        P("Hej,"),
        P(
            "Jag deltar inte i förmiddagens nätverksmöte men kommer på seminariet på "
            "eftermiddagen. Behöver jag anmäla det separat?"
        ),
        mvh("Lisa"),
    ),
)
_case(
    "deltar-inte-i-polisens-mote-for-att-seminariet",
    _AMIR_FROM,
    "Onsdag",
    (
        P("Hej,"),
        P(
            "Jag deltar inte i samverkansmötet med polisen på onsdag eftersom jag ska på ert "
            "seminarium. Kan ni skicka agendan?"
        ),
        P("Hälsningar\nAmir"),
    ),
    client="gmail",
)
_case(
    "kan-inte-komma-pa-motet-med-dig",
    _LISA_FROM,
    "Vårt möte imorgon",
    (
        P("Hej Therese,"),
        P(
            "Jag kan tyvärr inte komma på vårt avstämningsmöte imorgon kl. 10, men vi ses på "
            "seminariet den 14:e. Kan vi ta det per telefon?"
        ),
        mvh("Lisa"),
    ),
)
_case(
    "forhindrad-den-13-kommer-den-14",
    _LISA_FROM,
    "Seminarierna i september",
    (
        P("Hej,"),
        P(
            "Jag är förhindrad den 13:e, men som anmäld kommer jag förstås den 14:e. "
            "Kommer presentationerna från den 13:e att skickas ut?"
        ),
        mvh("Lisa"),
    ),
)
_case(
    "english-wont-be-attending-the-lunch",
    _EMMA_FROM,
    "Seminar 14 September",
    (
        P("Hi Therese,"),
        P(
            "I won't be attending the lunch beforehand, but I'll be there for the seminar. "
            "Is there somewhere to leave a bag?"
        ),
        P("Kind regards,\nEmma"),
    ),
    lang="en",
)
_case(
    "english-my-manager-wont-be-attending",
    _EMMA_FROM,
    "Seminar 14 September",
    (
        P("Hi Therese,"),
        P(
            "My manager won't be attending, as she is on leave, but I will be there as booked. "
            "Could you send the agenda?"
        ),
        P("Kind regards,\nEmma"),
    ),
    lang="en",
    note="her manager is not registered; Emma comes: cancel no one",
)
_case(
    "min-kollega-per-kan-inte-men-jag-kommer",
    _LISA_FROM,
    "Seminariet 14/9",
    (
        P("Hej,"),
        P("Min kollega Per kan inte komma, men jag kommer som planerat."),
        mvh("Lisa"),
    ),
    note="Per is not registered; Lisa comes: never cancel her (asking whom is fine)",
)
_case(
    "hinner-inte-delta-hela",
    _LISA_FROM,
    _RE,
    (
        P("Hej,"),
        P("Jag hinner tyvärr inte delta hela eftermiddagen, jag måste gå kl. 15. Går det bra?"),
        P("Hälsningar\nLisa"),
        _conf_lisa,
    ),
    reply=True,
    note="she leaves early: no cancellation",
)

# ------------------------------------------------------------- remove / withdraw of other things
_case(
    "ta-bort-mig-som-kontaktperson",
    _LISA_FROM,
    "Kontaktperson Huddinge",
    (
        P("Hej,"),
        P(
            "Kan ni ta bort mig som kontaktperson för Huddinge? Maria Lundgren tar över "
            "samordningen från och med nu. Jag kommer själv på seminariet som vanligt."
        ),
        mvh("Lisa"),
    ),
    outcomes=(("duplicate", LISA.email),),
    note="a role, not her seat: never cancelled. The bot answers 'already registered' to "
    "'jag kommer själv'; the contact-person change is left to the organiser's inbox (not forwarded)",
)
_case(
    "english-remove-me-from-cc",
    _EMMA_FROM,
    "RE: " + CONFIRMATION_SUBJECT,
    (
        P("Hi,"),
        P(
            "Could you remove me from cc on the coordination emails? Mats handles those now. "
            "I'm still coming on the 14th."
        ),
        P("Thanks,\nEmma"),
        _conf_emma,
    ),
    lang="en",
    reply=True,
)
_case(
    "drar-tillbaka-min-fraga",
    _LISA_FROM,
    "Anmälan av fler",
    (
        P("Hej,"),
        P("Jag drar tillbaka min fråga om att anmäla fler deltagare, vi nöjer oss med två."),
        mvh("Lisa"),
    ),
)
_case(
    "do-i-need-to-withdraw-my-registration",
    _EMMA_FROM,
    "Seminar 14 September",
    (
        P("Hi Therese,"),
        P("Do I need to withdraw my registration if I arrive an hour late?"),
        P("Kind regards,\nEmma"),
    ),
    lang="en",
)

# ------------------------------------------------------------- footers, quotes, forwards
_case(
    "footer-svara-ta-bort",
    _LISA_FROM,
    "Parkering",
    (
        P("Hej,"),
        P("Finns det parkering vid Länsstyrelsen på Regeringsgatan?"),
        mvh("Lisa"),
        Disclaimer(
            "Du får detta mejl eftersom du prenumererar på Huddinge kommuns nyhetsbrev. "
            "Vill du inte ha fler utskick, svara ta bort mig."
        ),
    ),
)
_case(
    "english-footer-reply-remove",
    _EMMA_FROM,
    "Seminar 14 September",
    (
        P("Hi,"),
        P("Will the slides be shared after the seminar?"),
        P("Kind regards,\nEmma"),
        P("To stop receiving these emails, reply REMOVE ME."),
    ),
    lang="en",
)
_case(
    "quoted-invitation-says-ta-bort",
    _LISA_FROM,
    "SV: Praktisk information inför seminariet",
    (
        P("Hej Therese,"),
        P("Tack, då vet jag!"),
        mvh("Lisa"),
        _quote_of(
            "Therese Travis",
            "therese.travis@lansstyrelsen.example",
            "Praktisk information inför seminariet",
            "Hej alla anmälda,",
            "Om ni inte kan delta, svara på detta mejl med ”ta bort mig” så släpper vi platsen "
            "till någon på väntelistan.",
        ),
    ),
)
_case(
    "forward-colleague-hinner-inte",
    _LISA_FROM,
    "VB: Seminariet",
    (
        P("Hej, se nedan. Anna Lindqvist hinner inte delta."),
        mvh("Lisa"),
        _quote_of(
            "Anna Lindqvist",
            "anna.lindqvist@huddinge.se",
            "Seminariet",
            "Hej Lisa, jag hinner tyvärr inte delta på onsdag. Kan du meddela Länsstyrelsen?",
            forward=True,
        ),
    ),
    outcomes=(("cancelled", ANNA.email),),
    cancelled=(ANNA.email,),
    note="Anna is cancelled, named in Lisa's text; never Lisa, the forwarder",
)
_case(
    "forward-colleague-ta-bort-mig",
    _LISA_FROM,
    "VB: Seminariet",
    (
        P("Hej, se nedan."),
        mvh("Lisa"),
        _quote_of(
            "Anna Lindqvist",
            "anna.lindqvist@huddinge.se",
            "Seminariet",
            "Hej Lisa, kan du be dem ta bort mig från listan? Jag har fått förhinder.",
            forward=True,
        ),
    ),
    outcomes=(("cancelled", ANNA.email),),
    cancelled=(ANNA.email,),
    note="the forwarded author (Anna, same actor) asks: cancel Anna, never Lisa the forwarder",
)

# ------------------------------------------------------------- "vi" as the unit, the chair
_case(
    "vi-kommer-garna-att-sprida",
    _LISA_FROM,
    "Inbjudan",
    (
        P("Hej Therese,"),
        P("Vi kommer gärna att sprida inbjudan vidare inom socialtjänsten."),
        mvh("Lisa"),
    ),
)
_case(
    "vi-kommer-garna-tillbaka-med-namn",
    ("Maria Lundgren", "maria.lundgren@huddinge.se"),
    "Anmälan Huddinge",
    (
        P("Hej,"),
        P("Vi kommer gärna med två personer till, men jag återkommer med namnen på fredag."),
        mvh("Maria"),
    ),
    outcomes=(("forwarded", None),),
    note="the coordinator will name two more later: no one to book now (not her)",
)
_case(
    "english-please-register-us-as-interested",
    ("Sam Okafor", "sam.okafor@tullverket.se"),
    "Future seminars",
    (
        P("Hi Therese,"),
        P(
            "We can't make September, but please register us as interested in the next "
            "series of seminars."
        ),
        P("Thanks,\nSam Okafor\nSwedish Customs"),
    ),
    lang="en",
    outcomes=(("rejected-closed", None),),
    note="not this seminar: book no one. After the deadline the bot says registration is "
    "closed (true, books no one); the organiser would rather note the interest",
)
_case(
    "nagon-tar-min-plats-vid-bordet",
    _LISA_FROM,
    _RE,
    (
        P("Hej,"),
        P(
            "Jag kommer ca 15 minuter sent. Om någon tar min plats vid bordet gör det inget, "
            "jag sätter mig längst bak."
        ),
        P("Hälsningar\nLisa"),
        _conf_lisa,
    ),
    reply=True,
)

# ------------------------------------------------------------- the converse: cancellations missed
_C_LISA = (("cancelled", LISA.email),)
_C_AMIR = (("cancelled", AMIR.email),)
_C_EMMA = (("cancelled", EMMA.email),)
_case(
    "kommer-inte-kunna-narvara",
    _LISA_FROM,
    "Seminariet 14 september",
    (
        P("Hej,"),
        P("Jag kommer tyvärr inte kunna närvara på seminariet den 14 september."),
        mvh("Lisa"),
    ),
    outcomes=_C_LISA,
    cancelled=(LISA.email,),
)
_case(
    "maste-avsta-seminariet",
    _AMIR_FROM,
    "Onsdag",
    (
        P("Hej, jag måste tyvärr avstå seminariet på onsdag pga sjukdom."),
        Blank(),
        P("Skickat från min iPhone"),
    ),
    client="iphone",
    outcomes=_C_AMIR,
    cancelled=(AMIR.email,),
)
_case(
    "stalla-in-mitt-deltagande",
    _LISA_FROM,
    _RE,
    (P("Hej,"), P("Jag får tyvärr ställa in mitt deltagande."), P("Hälsningar\nLisa"), _conf_lisa),
    reply=True,
    outcomes=_C_LISA,
    cancelled=(LISA.email,),
)
_case(
    "english-pull-out",
    _EMMA_FROM,
    "Seminar 14 September",
    (
        P("Hi Therese,"),
        P("Something has come up and I have to pull out of Wednesday's seminar. Sorry!"),
        P("Kind regards,\nEmma"),
    ),
    lang="en",
    outcomes=_C_EMMA,
    cancelled=(EMMA.email,),
)
_case(
    "english-unable-to-make-it",
    _EMMA_FROM,
    "Seminar on the 14th",
    (P("Hi,"), P("Unfortunately I'm unable to make it on the 14th after all."), P("Emma")),
    lang="en",
    outcomes=_C_EMMA,
    cancelled=(EMMA.email,),
)
_case(
    "kommer-inte-imorgon-sjuk",
    _AMIR_FROM,
    "Seminariet imorgon",
    (P("Hej! Jag har blivit sjuk och kommer inte imorgon."), P("Hälsningar\nAmir")),
    client="gmail",
    outcomes=_C_AMIR,
    cancelled=(AMIR.email,),
)
_case(
    "blir-ingen-medverkan",
    _LISA_FROM,
    "Seminariet 14/9",
    (
        P("Hej,"),
        P("Det blir tyvärr inget seminarium för min del, jag har fått förhinder."),
        mvh("Lisa"),
    ),
    outcomes=_C_LISA,
    cancelled=(LISA.email,),
)
