"""Corpus cases about whose mail it is and for which seminar: shared domains (§4.3), a date in
prose (§6), signatures and disclaimers that must not be read as participants."""

from __future__ import annotations

from body import Blank, Items, Mail, P, Sig
from expect import (
    BOK,
    HUD,
    KV,
    REG,
    Case,
    b,
    booked,
)
from pieces import (
    KOMMUN_DISCLAIMER,
    POLICE_DISCLAIMER,
    STATE_DISCLAIMER,
    date,
    mvh,
    sig,
)

CASES: list[Case] = []


def add(case: Case) -> None:
    CASES.append(case)


# --------------------------------------------------------------------------- shared domains

_ps = [
    b("Ida Falk", "polisen.se", "Lokalpolisområde Södertälje"),
    b("Rikard Bergh", "polisen.se", "Lokalpolisområde Södertälje"),
]
add(
    Case(
        "shared-police-in-subject-sodertalje",
        "outlook",
        Mail(
            "Falk Ida",
            "ida.falk@polisen.se",
            "Anmälan LPO Södertälje – seminarium 15 september",
            date(23, 13, 0),
            (
                P("Hej,"),
                P("Namn: Ida Falk\nE-post: ida.falk@polisen.se\nBefattning: Kommunpolis"),
                Blank(),
                P("Namn: Rikard Bergh\nE-post: rikard.bergh@polisen.se\nBefattning: Gruppchef"),
                P("Mvh Ida"),
                POLICE_DISCLAIMER,
            ),
        ),
        "key-block",
        booked(*_ps),
        tuple(_ps),
    )
)

_pj = [
    b("Kristoffer Alm", "polisen.se", "Lokalpolisområde Järva"),
    b("Leo Andersson", "polisen.se", "Lokalpolisområde Järva"),
]
add(
    Case(
        "shared-police-in-signature-jarva",
        "outlook",
        Mail(
            "Alm Kristoffer",
            "kristoffer.alm@polisen.se",
            "Anmälan seminarium öppna drogscener",
            date(24, 10, 0),
            (
                P("Hej,"),
                P("Vi anmäler:"),
                Items(
                    (
                        "Kristoffer Alm, kristoffer.alm@polisen.se",
                        "Leo Andersson, leo.andersson@polisen.se",
                    )
                ),
                Blank(),
                P("Med vänlig hälsning"),
                Sig(
                    (
                        "Kristoffer Alm",
                        "Kommunpolis",
                        "Lokalpolisområde Järva",
                        "Polisregion Stockholm",
                        "Tel: 010-563 00 00",
                    )
                ),
                POLICE_DISCLAIMER,
            ),
        ),
        "list",
        booked(*_pj),
        tuple(_pj),
        note="the signature names both 'Lokalpolisområde Järva' and 'Polisregion Stockholm': the longest matching alias, Järva, is the local area",
    )
)

_ph = [b("Sara Holm", "polisen.se", "Lokalpolisområde Huddinge")]
add(
    Case(
        "shared-police-in-a-sentence-huddinge",
        "gmail",
        Mail(
            "Sara Holm",
            "sara.holm@polisen.se",
            "Anmälan",
            date(25, 14, 0),
            (
                P("Hej!"),
                P("Jag arbetar på lokalpolisområde Huddinge och vill anmäla mig till seminariet."),
                P("/Sara"),
            ),
        ),
        "sender",
        booked(*_ph),
        tuple(_ph),
    )
)

add(
    Case(
        "shared-police-nowhere-asks",
        "outlook",
        Mail(
            "Jonas Ek",
            "jonas.ek@polisen.se",
            "Anmälan",
            date(26, 10, 0),
            (
                P("Hej,"),
                P("Namn: Jonas Ek\nE-post: jonas.ek@polisen.se\nBefattning: Kommunpolis"),
                P("Mvh Jonas"),
                POLICE_DISCLAIMER,
            ),
        ),
        "key-block",
        (("needs-info", None),),
        (),
        ask=True,
        note="polisen.se with no local police area named anywhere: ask which",
    )
)

_ss = [b("Amal Yusuf", "stockholm.se", "Spånga-Tensta stadsdelsförvaltning")]
add(
    Case(
        "shared-stockholm-in-subject-spanga-tensta",
        "owa",
        Mail(
            "Amal Yusuf",
            "amal.yusuf@stockholm.se",
            "Anmälan från Spånga-Tensta stadsdelsförvaltning",
            date(22, 13, 0),
            (P("Hej,"), P("Jag vill anmäla mig till seminariet den 14 september."), P("Mvh Amal")),
        ),
        "sender",
        booked(*_ss),
        tuple(_ss),
    )
)

_sh = [
    b("Ture Lindqvist", "stockholm.se", "Hägersten-Älvsjö stadsdelsförvaltning"),
    b("Zeynep Kaya", "stockholm.se", "Hägersten-Älvsjö stadsdelsförvaltning"),
]
add(
    Case(
        "shared-stockholm-in-signature-hagersten-alvsjo",
        "outlook",
        Mail(
            "Ture Lindqvist",
            "ture.lindqvist@stockholm.se",
            "Anmälan seminarium 15/9",
            date(23, 8, 0),
            (
                P("Hej,"),
                P(
                    "Ture Lindqvist; ture.lindqvist@stockholm.se; enhetschef\nZeynep Kaya; zeynep.kaya@stockholm.se; fältassistent"
                ),
                Blank(),
                mvh("Ture"),
                sig(
                    "Ture Lindqvist",
                    "Enhetschef",
                    "Hägersten-Älvsjö stadsdelsförvaltning, Stockholms stad",
                    "08-508 20 000",
                    "ture.lindqvist@stockholm.se",
                ),
            ),
        ),
        "line",
        booked(*_sh),
        tuple(_sh),
    )
)

_sk = [
    b("Hamid Nouri", "stockholm.se", "Skärholmen stadsdelsförvaltning"),
    b("Frida Ek", "stockholm.se", "Skärholmen stadsdelsförvaltning"),
]
add(
    Case(
        "shared-stockholm-in-a-sentence-skarholmen",
        "gmail",
        Mail(
            "Hamid Nouri",
            "hamid.nouri@stockholm.se",
            "Anmälan",
            date(24, 9, 0),
            (
                P("Hej,"),
                P("Vi på Skärholmens stadsdelsförvaltning anmäler oss två:"),
                Items(("Hamid Nouri, hamid.nouri@stockholm.se", "Frida Ek, frida.ek@stockholm.se")),
                P("Hälsningar Hamid"),
            ),
        ),
        "list",
        booked(*_sk),
        tuple(_sk),
    )
)

add(
    Case(
        "shared-stockholm-nowhere-asks",
        "outlook",
        Mail(
            "Lena Ström",
            "lena.strom@stockholm.se",
            "Anmälan",
            date(25, 9, 0),
            (
                P("Hej,"),
                P("Jag vill anmäla mig till seminariet."),
                P("Mvh Lena Ström\nStockholms stad"),
            ),
        ),
        "sender",
        (("needs-info", None),),
        (),
        ask=True,
    )
)

add(
    Case(
        "shared-stockholm-tie-asks",
        "outlook",
        Mail(
            "Karl Berg",
            "karl.berg@stockholm.se",
            "Anmälan Bromma och Kungsholmen",
            date(26, 9, 0),
            (
                P("Hej,"),
                P("Karl Berg; karl.berg@stockholm.se\nMia Ahl; mia.ahl@stockholm.se"),
                P("Mvh Karl"),
            ),
        ),
        "line",
        (("needs-info", None),),
        (),
        ask=True,
        note="the subject names two districts: a tie, ask",
    )
)

_pv = [b("Johanna Ek", "polisen.se", "Lokalpolisområde Västerort")]
add(
    Case(
        "shared-police-english-signature-vasterort",
        "gmail",
        Mail(
            "Johanna Ek",
            "johanna.ek@polisen.se",
            "Registration",
            date(27, 11, 0),
            (
                P("Hi,"),
                P("I'd like to attend the seminar."),
                P("Best,"),
                Sig(("Johanna Ek", "Community police officer", "Polisen Västerort")),
            ),
            lang="en",
        ),
        "sender",
        booked(*_pv),
        tuple(_pv),
    )
)

# --------------------------------------------------------------------------- dates in prose

_dh = [b("Elin Nyström", "huddinge.se", HUD, "pending", "2022-09-15")]
add(
    Case(
        "date-hellre-15-september-huddinge",
        "outlook",
        Mail(
            "Elin Nyström",
            "elin.nystrom@huddinge.se",
            "Anmälan seminarium",
            date(27, 8, 0),
            (
                P("Hej,"),
                P("Vi vill hellre komma den 15 september om det går."),
                P(
                    "Namn: Elin Nyström\nE-post: elin.nystrom@huddinge.se\nBefattning: Socialsekreterare"
                ),
                mvh("Elin"),
            ),
        ),
        "key-block",
        booked(*_dh),
        tuple(_dh),
        note="another seminar's date in prose: forwarded to the organiser, pending",
    )
)

_db = [b("Fatima Hassan", "botkyrka.se", BOK), b("Jonas Lärka", "botkyrka.se", BOK)]
add(
    Case(
        "date-own-seminar-in-prose-botkyrka",
        "gmail",
        Mail(
            "Fatima Hassan",
            "fatima.hassan@botkyrka.se",
            "Anmälan",
            date(28, 8, 0),
            (
                P("Hej,"),
                P("Vi kommer gärna den 14 september:"),
                Items(
                    (
                        "Fatima Hassan fatima.hassan@botkyrka.se",
                        "Jonas Lärka jonas.larka@botkyrka.se",
                    )
                ),
                P("/Fatima"),
            ),
        ),
        "list",
        booked(*_db),
        tuple(_db),
    )
)

_dr = [b("Simon Clarke", "regionstockholm.se", REG, "pending", "2022-09-13")]
add(
    Case(
        "date-english-prefer-13-september-region",
        "outlook",
        Mail(
            "Simon Clarke",
            "simon.clarke@regionstockholm.se",
            "Registration",
            date(29, 8, 0),
            (
                P("Hello,"),
                P(
                    "I would like to attend, but I would prefer the seminar on 13 September if possible."
                ),
                P("Regards,\nSimon Clarke\nRegion Stockholm"),
            ),
            lang="en",
        ),
        "sender",
        booked(*_dr),
        tuple(_dr),
    )
)

# --------------------------------------------------------------------------- signatures and disclaimers

_kd = [b("Mats Hellström", "kriminalvarden.se", KV)]
add(
    Case(
        "sig-disclaimer-addresses-not-booked-kriminalvarden",
        "outlook",
        Mail(
            "Camilla Strand",
            "camilla.strand@kriminalvarden.se",
            "Anmälan – Kriminalvården region Stockholm – seminarium om öppna drogscener 14 september",
            date(30, 8, 0),
            (
                P("Hej,"),
                P("Mats Hellström <mats.hellstrom@kriminalvarden.se> kommer från oss."),
                Blank(),
                mvh("Camilla"),
                sig(
                    "Camilla Strand",
                    "Enhetschef",
                    "Kriminalvården, Region Stockholm",
                    "010-513 00 00",
                    "camilla.strand@kriminalvarden.se",
                    "Box 123, 171 00 Solna",
                ),
                P("Registrator: registrator.stockholm@kriminalvarden.se"),
                STATE_DISCLAIMER,
            ),
        ),
        "line",
        booked(*_kd),
        tuple(_kd),
        note="the signature, the registry address and the disclaimer's address are not participants",
    )
)

_lt = [b("Ella Wik", "tyreso.se", "Tyresö kommun"), b("Noah Berg", "tyreso.se", "Tyresö kommun")]
add(
    Case(
        "long-subject-list-tyreso",
        "outlook",
        Mail(
            "Ella Wik",
            "ella.wik@tyreso.se",
            "Anmälan till Länsstyrelsens seminarium om öppna drogscener i Stockholms läns utsatta områden – Tyresö kommun, socialförvaltningen, två deltagare",
            date(31, 16, 0),
            (
                P("Hej!"),
                Items(
                    (
                        "Ella Wik – ella.wik@tyreso.se – enhetschef",
                        "Noah Berg – noah.berg@tyreso.se – fältassistent",
                    ),
                    numbered=True,
                ),
                mvh("Ella"),
                KOMMUN_DISCLAIMER,
            ),
        ),
        "list",
        booked(*_lt),
        tuple(_lt),
    )
)
