"""Corpus cases written as HTML tables (Excel pasted into the mail), with and without a header row."""

from __future__ import annotations

from body import Blank, Mail, P, Sig, Table
from expect import (
    BOK,
    HUD,
    JAR,
    KV,
    NAC,
    Case,
    b,
    booked,
)
from pieces import (
    KOMMUN_DISCLAIMER,
    date,
    mvh,
    sig,
)

CASES: list[Case] = []


def add(case: Case) -> None:
    CASES.append(case)


# --------------------------------------------------------------------------- tables

_hud3 = [
    b("Johan Åkesson", "huddinge.se", HUD),
    b("Elin Nyström", "huddinge.se", HUD),
    b("Nadia Karimi", "huddinge.se", HUD),
]
add(
    Case(
        "table-excel-with-header-huddinge",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Anmälan Huddinge kommun, seminarium om öppna drogscener 14 september",
            date(23, 10, 1),
            (
                P("Hej,"),
                P("Här kommer Huddinges deltagare:"),
                Blank(),
                Table(
                    (
                        ("Namn", "Befattning", "E-post"),
                        ("Johan Åkesson", "Fältassistent", "johan.akesson@huddinge.se"),
                        ("Elin Nyström", "Socialsekreterare", "elin.nystrom@huddinge.se"),
                        ("Nadia Karimi", "Enhetschef", "nadia.karimi@huddinge.se"),
                    ),
                    excel=True,
                ),
                Blank(),
                mvh("Maria"),
                sig(
                    "Maria Lundgren",
                    "Samordnare",
                    "Huddinge kommun",
                    "08-535 300 00",
                    "maria.lundgren@huddinge.se",
                ),
                KOMMUN_DISCLAIMER,
            ),
        ),
        "table",
        booked(*_hud3),
        tuple(_hud3),
    )
)

_bot4 = [b("Emir Kovač", "botkyrka.se", BOK), b("Lina Sandström", "botkyrka.se", BOK)]
add(
    Case(
        "table-excel-no-header-botkyrka",
        "outlook",
        Mail(
            "Åsa Källström",
            "asa.kallstrom@botkyrka.se",
            "Anmälan seminarium öppna drogscener",
            date(24, 9, 45),
            (
                P("Hej!"),
                P("Anmäler dessa två:"),
                Table(
                    (
                        ("Emir Kovač", "Fältsekreterare", "emir.kovac@botkyrka.se"),
                        ("Lina Sandström", "Utredare", "lina.sandstrom@botkyrka.se"),
                    ),
                    excel=True,
                ),
                Blank(),
                P("Mvh Åsa"),
            ),
        ),
        "table",
        booked(*_bot4),
        tuple(_bot4),
    )
)

_kv3 = [b("Emma Johansson", "kriminalvarden.se", KV), b("Oliver Grant", "kriminalvarden.se", KV)]
add(
    Case(
        "table-english-header-owa-kriminalvarden",
        "owa",
        Mail(
            "Camilla Strand",
            "camilla.strand@kriminalvarden.se",
            "Registration: open drug scenes seminar",
            date(25, 11, 30),
            (
                P("Hello,"),
                P("We would like to register the following participants:"),
                Table(
                    (
                        ("Name", "Email", "Role"),
                        ("Emma Johansson", "emma.johansson@kriminalvarden.se", "Probation officer"),
                        ("Oliver Grant", "oliver.grant@kriminalvarden.se", "Head of unit"),
                    )
                ),
                Blank(),
                P("Kind regards\nCamilla Strand"),
            ),
            lang="en",
        ),
        "table",
        booked(*_kv3),
        tuple(_kv3),
    )
)

_jar3 = [b("Leila Rahimi", "jarfalla.se", JAR), b("Viktor Holmström", "jarfalla.se", JAR)]
add(
    Case(
        "table-fornamn-efternamn-columns-gmail-jarfalla",
        "gmail",
        Mail(
            "Eva Dahlberg",
            "eva.dahlberg@jarfalla.se",
            "Anmälan Järfälla kommun",
            date(26, 10, 10),
            (
                P("Hej,"),
                P("Vår anmälan:"),
                Table(
                    (
                        ("Förnamn", "Efternamn", "E-post", "Titel"),
                        ("Leila", "Rahimi", "leila.rahimi@jarfalla.se", "Områdessamordnare"),
                        ("Viktor", "Holmström", "viktor.holmstrom@jarfalla.se", "Polissamordnare"),
                    )
                ),
                P("Hälsningar Eva"),
            ),
        ),
        "table",
        booked(*_jar3),
        tuple(_jar3),
    )
)

_nac4 = [b("Helena Björklund", "nacka.se", NAC)]
add(
    Case(
        "table-two-column-keys-nacka",
        "outlook",
        Mail(
            "Helena Björklund",
            "helena.bjorklund@nacka.se",
            "Anmälan",
            date(27, 13, 3),
            (
                P("Hej, här är min anmälan:"),
                Table(
                    (
                        ("Namn", "Helena Björklund"),
                        ("E-post", "helena.bjorklund@nacka.se"),
                        ("Befattning", "Enhetschef"),
                        ("Organisation", "Nacka kommun"),
                    )
                ),
                Blank(),
                P("/Helena"),
            ),
        ),
        "table",
        booked(*_nac4),
        tuple(_nac4),
    )
)

_skarp = [
    b("Mira Jansson", "stockholm.se", "Skarpnäck stadsdelsförvaltning"),
    b("Emil Borg", "stockholm.se", "Skarpnäck stadsdelsförvaltning"),
]
add(
    Case(
        "table-stockholm-organisation-in-subject-skarpnack",
        "outlook",
        Mail(
            "Mira Jansson",
            "mira.jansson@stockholm.se",
            "Anmälan från Skarpnäcks stadsdelsförvaltning – seminarium 14 september",
            date(23, 14, 22),
            (
                P("Hej,"),
                Table(
                    (
                        ("Namn", "Titel", "Mejl"),
                        ("Mira Jansson", "Enhetschef", "mira.jansson@stockholm.se"),
                        ("Emil Borg", "Fältassistent", "emil.borg@stockholm.se"),
                    )
                ),
                Blank(),
                P("Mvh Mira"),
                Sig(("Mira Jansson", "Enhetschef", "Stockholms stad", "08-508 00 000")),
            ),
        ),
        "table",
        booked(*_skarp),
        tuple(_skarp),
    )
)

_soll5 = [
    b("Rasmus Kjellberg", "sollentuna.se", "Sollentuna kommun"),
    b("Hanna Lind", "sollentuna.se", "Sollentuna kommun"),
    b("Ola Svedberg", "sollentuna.se", "Sollentuna kommun"),
    b("Petra Ahl", "sollentuna.se", "Sollentuna kommun"),
    b("Kim Forsell", "sollentuna.se", "Sollentuna kommun", "waitlisted"),
]
add(
    Case(
        "table-five-rows-sollentuna-waitlist",
        "outlook",
        Mail(
            "Rasmus Kjellberg",
            "rasmus.kjellberg@sollentuna.se",
            "Anmälan Sollentuna",
            date(24, 8, 30),
            (
                P("Hej,"),
                P("Vi är fem, den sist nämnda i tabellen kan stå på reservplats."),
                Table(
                    (
                        ("Namn", "E-post", "Befattning"),
                        *[(x.name, x.email, "Socialtjänsten") for x in _soll5],
                    ),
                    excel=True,
                ),
                P("Mvh Rasmus"),
            ),
        ),
        "table",
        booked(*_soll5),
        tuple(_soll5),
    )
)

_lid = [b("Per Nordin", "lidingo.se", "Lidingö stad")]
add(
    Case(
        "table-row-missing-address-lidingo",
        "outlook",
        Mail(
            "Per Nordin",
            "per.nordin@lidingo.se",
            "Anmälan Lidingö stad",
            date(29, 15, 30),
            (
                P("Hej,"),
                Table(
                    (
                        ("Namn", "E-post", "Titel"),
                        ("Per Nordin", "per.nordin@lidingo.se", "Socialchef"),
                        ("Gunilla Ros", "", "Fältassistent"),
                    )
                ),
                P("Gunillas adress vet jag inte just nu."),
                P("Mvh Per"),
            ),
        ),
        "table",
        (*booked(*_lid), ("needs-info", None)),
        tuple(_lid),
        ask=True,
    )
)
