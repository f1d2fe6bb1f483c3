"""Corpus cases written as numbered or bulleted lists, plain and HTML (SPEC §3)."""

from __future__ import annotations

from body import Blank, Items, Mail, P, Sig
from expect import (
    BOK,
    HUD,
    JAR,
    REG,
    SDT,
    TULL,
    Case,
    b,
    booked,
)
from pieces import (
    KOMMUN_DISCLAIMER,
    POLICE_DISCLAIMER,
    date,
    mvh,
    sig,
)

CASES: list[Case] = []


def add(case: Case) -> None:
    CASES.append(case)


# --------------------------------------------------------------------------- lists

_sdt = [
    b("Anna Svensson", "sodertalje.se", SDT),
    b("Omar Haddad", "sodertalje.se", SDT),
    b("Hanna Åberg", "sodertalje.se", SDT),
]
add(
    Case(
        "list-outlook-bullets-title-inside-sodertalje",
        "outlook",
        Mail(
            "Ingrid Hedlund",
            "ingrid.hedlund@sodertalje.se",
            "Anmälan från Södertälje kommun – öppna drogscener 14 september",
            date(22, 14, 8),
            (
                P("Hej Therese,"),
                Blank(),
                P("Jag anmäler följande medarbetare från socialtjänsten i Södertälje:"),
                Items(
                    (
                        "Anna Svensson, socialsekreterare, anna.svensson@sodertalje.se",
                        "Omar Haddad, fältassistent, omar.haddad@sodertalje.se",
                        "Hanna Åberg, enhetschef, hanna.aberg@sodertalje.se",
                    )
                ),
                Blank(),
                mvh("Ingrid"),
                sig(
                    "Ingrid Hedlund",
                    "Avdelningschef",
                    "Södertälje kommun, Socialkontoret",
                    "08-523 010 00",
                    "ingrid.hedlund@sodertalje.se",
                ),
                KOMMUN_DISCLAIMER,
            ),
        ),
        "list",
        booked(*_sdt),
        tuple(_sdt),
    )
)

_hud2 = [b("Johan Åkesson", "huddinge.se", HUD), b("Elin Nyström", "huddinge.se", HUD)]
add(
    Case(
        "list-outlook-numbered-sender-excluded-huddinge",
        "outlook",
        Mail(
            "Kristina Ängqvist",
            "kristina.angqvist@huddinge.se",
            "Anmälan två deltagare",
            date(25, 10, 30),
            (
                P("Hej!"),
                P("Själv kan jag tyvärr inte komma, men jag anmäler två kollegor:"),
                Items(
                    (
                        "Johan Åkesson – johan.akesson@huddinge.se",
                        "Elin Nyström – elin.nystrom@huddinge.se",
                    ),
                    numbered=True,
                ),
                Blank(),
                mvh("Kristina"),
                sig(
                    "Kristina Ängqvist",
                    "Verksamhetschef",
                    "Huddinge kommun",
                    "08-535 300 00",
                    "kristina.angqvist@huddinge.se",
                ),
            ),
        ),
        "list",
        booked(*_hud2),
        tuple(_hud2),
    )
)

_tull2 = [b("Nils Wästberg", "tullverket.se", TULL), b("Maria Öberg", "tullverket.se", TULL)]
add(
    Case(
        "list-gmail-bullets-english-tullverket",
        "gmail",
        Mail(
            "Karin Ek",
            "karin.ek@tullverket.se",
            "Registration – Swedish Customs",
            date(24, 9, 12),
            (
                P("Hello,"),
                P("Swedish Customs would like to register these two participants for the seminar:"),
                Items(
                    (
                        "Nils Wästberg, nils.wastberg@tullverket.se",
                        "Maria Öberg, maria.oberg@tullverket.se",
                    )
                ),
                P("I will not attend myself."),
                Blank(),
                P("Kind regards,\nKarin Ek"),
            ),
            lang="en",
        ),
        "list",
        booked(*_tull2),
        tuple(_tull2),
    )
)

_var = [
    b("Oskar Lindahl", "varmdo.se", "Värmdö kommun"),
    b("Camilla Åström", "varmdo.se", "Värmdö kommun"),
]
add(
    Case(
        "list-thunderbird-dashes-varmdo",
        "thunderbird",
        Mail(
            "Oskar Lindahl",
            "oskar.lindahl@varmdo.se",
            "Anmälan seminarium 13 september, Värmdö kommun",
            date(26, 8, 20),
            (
                P("Hej,"),
                P("Vi kommer två från Värmdö:"),
                Blank(),
                Items(("Jag själv", "Camilla Åström, utredare, camilla.astrom@varmdo.se")),
                Blank(),
                P("Hälsningar,\nOskar"),
                Sig(("Oskar Lindahl", "Samordnare ANDT", "Värmdö kommun", "08-570 470 00")),
            ),
        ),
        "list",
        booked(*_var),
        tuple(_var),
    )
)

_sig = [
    b("Göran Sjöberg", "sigtuna.se", "Sigtuna kommun"),
    b("Tove Lind", "sigtuna.se", "Sigtuna kommun"),
]
add(
    Case(
        "list-apple-numbered-paren-sigtuna",
        "apple",
        Mail(
            "Malin Ek",
            "malin.ek@sigtuna.se",
            "Anmälan",
            date(27, 11, 2),
            (
                P("Hej,"),
                P("Anmäler härmed:"),
                P("1) Göran Sjöberg goran.sjoberg@sigtuna.se\n2) Tove Lind tove.lind@sigtuna.se"),
                Blank(),
                P("Mvh Malin Ek\nSigtuna kommun"),
            ),
        ),
        "list",
        booked(*_sig),
        tuple(_sig),
    )
)

_reg2 = [
    b("Helena Björk", "regionstockholm.se", REG),
    b("Anders Nord", "regionstockholm.se", REG),
    b("Ebba Sundin", "regionstockholm.se", REG),
]
add(
    Case(
        "list-owa-bullets-region",
        "owa",
        Mail(
            "Björn Ståhl",
            "bjorn.stahl@regionstockholm.se",
            "Anmälan Region Stockholm – seminarium öppna drogscener",
            date(23, 9, 30),
            (
                P("Hej!"),
                P("Från Region Stockholm anmäls:"),
                Items(
                    (
                        "Helena Björk, överläkare beroendevård – helena.bjork@regionstockholm.se",
                        "Anders Nord, enhetschef sprututbytet – anders.nord@regionstockholm.se",
                        "Ebba Sundin, kurator – ebba.sundin@regionstockholm.se",
                    )
                ),
                P(
                    "Vänliga hälsningar\nBjörn Ståhl\nStrateg, Hälso- och sjukvårdsförvaltningen\nRegion Stockholm"
                ),
            ),
        ),
        "list",
        booked(*_reg2),
        tuple(_reg2),
    )
)

_bot5 = [
    b("Fatima Hassan", "botkyrka.se", BOK),
    b("Jonas Lärka", "botkyrka.se", BOK),
    b("Emir Kovač", "botkyrka.se", BOK),
    b("Lina Sandström", "botkyrka.se", BOK),
    b("Peter Holm", "botkyrka.se", BOK, "waitlisted"),
]
add(
    Case(
        "list-gmail-numbered-five-botkyrka",
        "gmail",
        Mail(
            "Åsa Källström",
            "asa.kallstrom@botkyrka.se",
            "Anmälan 5 personer Botkyrka",
            date(24, 15, 45),
            (
                P("Hej,"),
                P("Vi är fem som gärna vill delta. Den femte kan stå som reserv:"),
                Items(tuple(f"{x.name} {x.email}" for x in _bot5), numbered=True),
                Blank(),
                P("Vänliga hälsningar,\nÅsa"),
            ),
        ),
        "list",
        booked(*_bot5),
        tuple(_bot5),
    )
)

add(
    Case(
        "list-names-without-addresses-nacka",
        "outlook",
        Mail(
            "Göran Sjöberg",
            "goran.sjoberg@nacka.se",
            "Anmälan Nacka",
            date(29, 9, 0),
            (
                P("Hej,"),
                P("Från Nacka kommer:"),
                Items(("Erik Sandberg, fältassistent", "Helena Björklund, enhetschef")),
                Blank(),
                mvh("Göran"),
            ),
        ),
        "list",
        (("needs-info", None),),
        (),
        ask=True,
        note="names without any address: ask for the addresses, book no one (and not the sender)",
    )
)

_jar2 = [b("Leila Rahimi", "jarfalla.se", JAR), b("Patrik Nyberg", "jarfalla.se", JAR)]
add(
    Case(
        "list-one-without-address-jarfalla",
        "outlook",
        Mail(
            "Eva Dahlberg",
            "eva.dahlberg@jarfalla.se",
            "Anmälan till seminariet om öppna drogscener",
            date(30, 10, 25),
            (
                P("Hej!"),
                P("Vi anmäler:"),
                Items(
                    (
                        "Leila Rahimi – leila.rahimi@jarfalla.se",
                        "Patrik Nyberg – patrik.nyberg@jarfalla.se",
                        "Susanne Ek (adress kommer)",
                    )
                ),
                Blank(),
                P("Mvh Eva"),
            ),
        ),
        "list",
        (*booked(*_jar2), ("needs-info", None)),
        tuple(_jar2),
        ask=True,
    )
)

_taby = [
    b("Maja Forsberg", "taby.se", "Täby kommun"),
    b("Dragan Petrović", "taby.se", "Täby kommun"),
]
add(
    Case(
        "list-iphone-bullets-taby",
        "iphone",
        Mail(
            "Maja Forsberg",
            "maja.forsberg@taby.se",
            "Anmälan Täby kommun",
            date(31, 7, 12),
            (
                P("Hej! Vi blir två från Täby:"),
                Blank(),
                P(
                    "• Maja Forsberg maja.forsberg@taby.se\n• Dragan Petrović dragan.petrovic@taby.se"
                ),
                Blank(),
                P("Skickat från min iPhone"),
            ),
        ),
        "list",
        booked(*_taby),
        tuple(_taby),
    )
)

_jarva = [
    b("Kristoffer Alm", "polisen.se", "Lokalpolisområde Järva"),
    b("Sanna Berglund", "polisen.se", "Lokalpolisområde Järva"),
]
add(
    Case(
        "list-outlook-english-numbered-lpo-jarva",
        "outlook",
        Mail(
            "Kristoffer Alm",
            "kristoffer.alm@polisen.se",
            "Registration – LPO Järva",
            date(24, 12, 1),
            (
                P("Hi,"),
                P("I would like to register myself and one colleague from our local police area:"),
                Items(
                    (
                        "Kristoffer Alm, kristoffer.alm@polisen.se",
                        "Sanna Berglund, sanna.berglund@polisen.se",
                    ),
                    numbered=True,
                ),
                Blank(),
                P("Regards,\nKristoffer Alm\nLocal police area Järva, Swedish Police Authority"),
                POLICE_DISCLAIMER,
            ),
            lang="en",
        ),
        "list",
        booked(*_jarva),
        tuple(_jarva),
    )
)
