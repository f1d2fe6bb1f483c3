"""Corpus cases with the less common keys and names of §3: `Deltagare`, `Epost`, `Funktion`,
`Participant`, `E-mail`, `Role`, and a title written inside the name."""

from __future__ import annotations

from body import Blank, Mail, P, Sig
from expect import HUD, KV, NAC, TULL, Case, b, booked
from pieces import KOMMUN_DISCLAIMER, STATE_DISCLAIMER, date, mvh, sig

CASES: list[Case] = []


def add(case: Case) -> None:
    CASES.append(case)


_ti = [b("Anna Svensson", "nacka.se", NAC), b("Karl Öberg", "nacka.se", NAC)]
add(
    Case(
        "kb-title-inside-the-name-nacka",
        "outlook",
        Mail(
            "Göran Sjöberg",
            "goran.sjoberg@nacka.se",
            "Anmälan till seminariet om öppna drogscener den 14 september",
            date(23, 15, 5),
            (
                P("Hej,"),
                P("Följande två anmäls från Nacka kommun:"),
                Blank(),
                P("Namn: Anna Svensson, socialsekreterare\nE-post: anna.svensson@nacka.se"),
                Blank(),
                P("Namn: Karl Öberg, enhetschef ungdom\nE-post: karl.oberg@nacka.se"),
                Blank(),
                mvh("Göran"),
                sig(
                    "Göran Sjöberg",
                    "Säkerhetssamordnare",
                    "Nacka kommun",
                    "08-718 80 00",
                    "goran.sjoberg@nacka.se",
                ),
                KOMMUN_DISCLAIMER,
            ),
        ),
        "key-block",
        booked(*_ti),
        tuple(_ti),
        note="the title written inside the name goes to the title: 'Anna Svensson', not '…, socialsekreterare'",
    )
)

_de = [b("Elin Nyström", "huddinge.se", HUD), b("Nadia Karimi", "huddinge.se", HUD)]
add(
    Case(
        "kb-deltagare-epost-funktion-huddinge",
        "owa",
        Mail(
            "Kristina Ängqvist",
            "kristina.angqvist@huddinge.se",
            "Anmälan deltagare Huddinge",
            date(24, 16, 40),
            (
                P("Hej!"),
                Blank(),
                P(
                    "Deltagare: Elin Nyström\nEpost: elin.nystrom@huddinge.se\nFunktion: Socialsekreterare"
                ),
                Blank(),
                P("Deltagare: Nadia Karimi\nEpost: nadia.karimi@huddinge.se\nFunktion: Enhetschef"),
                Blank(),
                P("Själv kommer jag inte."),
                P("Hälsningar\nKristina Ängqvist\nVerksamhetschef, Huddinge kommun"),
            ),
        ),
        "key-block",
        booked(*_de),
        tuple(_de),
    )
)

_en = [b("Hannah Berg", "kriminalvarden.se", KV)]
add(
    Case(
        "kb-english-participant-e-mail-role-kriminalvarden",
        "outlook",
        Mail(
            "Oliver Grant",
            "oliver.grant@kriminalvarden.se",
            "Registration – open drug scenes seminar, Prison and Probation Service",
            date(25, 13, 20),
            (
                P("Hello,"),
                P(
                    "Participant: Hannah Berg\nE-mail: hannah.berg@kriminalvarden.se\nRole: Probation officer\nOrganization: Swedish Prison and Probation Service"
                ),
                Blank(),
                P("I am registering on her behalf; I will not attend myself."),
                P("Best regards,\nOliver Grant"),
                STATE_DISCLAIMER,
            ),
            lang="en",
        ),
        "key-block",
        booked(*_en),
        tuple(_en),
    )
)

_ph = [b("Lena Sjöström", "tullverket.se", TULL)]
add(
    Case(
        "kb-phone-lines-between-keys-tullverket",
        "thunderbird",
        Mail(
            "Lena Sjöström",
            "lena.sjostrom@tullverket.se",
            "Anmälan",
            date(26, 8, 5),
            (
                P("Hej!"),
                Blank(),
                P(
                    "Namn: Lena Sjöström\nTel: 0771-520 520\nMobil: 070-111 22 33\nE-post: lena.sjostrom@tullverket.se\nTitel: Underrättelseanalytiker"
                ),
                Blank(),
                P("Hälsningar\nLena"),
                Sig(("Lena Sjöström", "Tullverket", "Tel: 0771-520 520")),
            ),
        ),
        "key-block",
        booked(*_ph),
        tuple(_ph),
    )
)

_an = [b("Anna Nyberg", "huddinge.se", HUD)]
add(
    Case(
        "kb-iphone-anna-nyberg-huddinge",
        "iphone",
        Mail(
            "Anna Nyberg",
            "anna.nyberg@huddinge.se",
            "Anmälan seminarium 14/9",
            date(23, 18, 30),
            (
                P("Hej! Anmäler mig:"),
                P("Namn: Anna Nyberg\nE-post: anna.nyberg@huddinge.se\nBefattning: Fältassistent"),
                Blank(),
                P("Skickat från min iPhone"),
            ),
        ),
        "key-block",
        booked(*_an),
        tuple(_an),
    )
)
