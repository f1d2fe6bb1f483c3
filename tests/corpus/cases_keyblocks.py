"""Corpus cases written as `Key: value` blocks (SPEC §3), in every client."""

from __future__ import annotations

from body import Blank, Mail, P, Sig
from expect import (
    BOK,
    HAN,
    HUD,
    JAR,
    KV,
    NAC,
    REG,
    SDT,
    SOL,
    TULL,
    Case,
    b,
    booked,
)
from pieces import (
    KOMMUN_DISCLAIMER,
    POLICE_DISCLAIMER,
    STATE_DISCLAIMER,
    date,
    invitation,
    mvh,
    received,
    sig,
)

CASES: list[Case] = []


def add(case: Case) -> None:
    CASES.append(case)


# --------------------------------------------------------------------------- key blocks

_hud = [b("Lisa Berg", "huddinge.se", HUD), b("Anna Lindqvist", "huddinge.se", HUD)]
add(
    Case(
        "kb-outlook-two-blocks-huddinge",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Anmälan till seminarium om öppna drogscener 14 september – Huddinge kommun",
            date(22, 9, 14),
            (
                P("Hej!"),
                Blank(),
                P(
                    "Härmed anmäler jag två deltagare från Huddinge kommun till seminariet den 14 september."
                ),
                Blank(),
                P(
                    "Namn: Lisa Berg\nE-post: lisa.berg@huddinge.se\nBefattning: Socialsekreterare, ungdomsenheten"
                ),
                Blank(),
                P(
                    "Namn: Anna Lindqvist\nE-post: anna.lindqvist@huddinge.se\nBefattning: Enhetschef, fältgruppen"
                ),
                Blank(),
                mvh("Maria"),
                Blank(),
                sig(
                    "Maria Lundgren",
                    "Samordnare brottsförebyggande arbete",
                    "Huddinge kommun, Kommunstyrelsens förvaltning",
                    "08-535 300 00",
                    "maria.lundgren@huddinge.se",
                    "Kommunalvägen 28, 141 85 Huddinge",
                ),
                Blank(),
                KOMMUN_DISCLAIMER,
            ),
        ),
        "key-block",
        booked(*_hud),
        tuple(_hud),
        received=received(22, 9, 15),
    )
)

_bot = [b("Fatima Hassan", "botkyrka.se", BOK), b("Jonas Lärka", "botkyrka.se", BOK)]
add(
    Case(
        "kb-values-on-next-line-botkyrka",
        "outlook:iso-8859-1",
        Mail(
            "Åsa Källström",
            "asa.kallstrom@botkyrka.se",
            "Anmälan seminarium 14/9",
            date(23, 13, 2),
            (
                P("Hej,"),
                P("Här kommer vår anmälan – två personer från Botkyrka."),
                Blank(),
                P(
                    "Namn:\nFatima Hassan\nE-post:\nfatima.hassan@botkyrka.se\nBefattning:\nEnhetschef, Fältenheten"
                ),
                Blank(),
                P(
                    "Namn:\nJonas Lärka\nE-post:\njonas.larka@botkyrka.se\nBefattning:\nFältsekreterare"
                ),
                Blank(),
                P("Vänliga hälsningar"),
                sig(
                    "Åsa Källström",
                    "Utvecklingsledare",
                    "Botkyrka kommun",
                    "08-530 610 00",
                    "asa.kallstrom@botkyrka.se",
                ),
            ),
        ),
        "key-block",
        booked(*_bot),
        tuple(_bot),
    )
)

_nac = [b("Erik Sandberg", "nacka.se", NAC), b("Helena Björklund", "nacka.se", NAC)]
add(
    Case(
        "kb-fornamn-efternamn-nacka",
        "outlook",
        Mail(
            "Göran Sjöberg",
            "goran.sjoberg@nacka.se",
            "Anmälan Nacka kommun",
            date(24, 8, 41),
            (
                P("Hej Therese!"),
                P("Vi anmäler två från Nacka:"),
                Blank(),
                P(
                    "Förnamn: Erik\nEfternamn: Sandberg\nMailadress: erik.sandberg@nacka.se\nTelefon: 070-123 45 67\nTitel: Fältassistent"
                ),
                Blank(),
                P(
                    "Förnamn: Helena\nEfternamn: Björklund\nMailadress: helena.bjorklund@nacka.se\nTelefon: 070-765 43 21\nTitel: Enhetschef"
                ),
                Blank(),
                mvh("Göran"),
                sig(
                    "Göran Sjöberg",
                    "Säkerhetssamordnare",
                    "Nacka kommun",
                    "08-718 80 00",
                    "goran.sjoberg@nacka.se",
                ),
            ),
        ),
        "key-block",
        booked(*_nac),
        tuple(_nac),
    )
)

_sol = [b("Henrik Söderberg", "solna.se", SOL)]
add(
    Case(
        "kb-namn-och-titel-solna",
        "owa",
        Mail(
            "Henrik Söderberg",
            "henrik.soderberg@solna.se",
            "Anmälan till seminariet",
            date(25, 15, 20),
            (
                P("Hej,"),
                P("Jag vill anmäla mig till seminariet."),
                Blank(),
                P(
                    "Namn och titel: Henrik Söderberg, socialchef\nMejl: henrik.soderberg@solna.se\nTel: 08-746 10 00"
                ),
                Blank(),
                P("Hälsningar\nHenrik"),
            ),
        ),
        "key-block",
        booked(*_sol),
        tuple(_sol),
    )
)

_reg = [b("David Wilson", "regionstockholm.se", REG), b("Sara Ekman", "regionstockholm.se", REG)]
add(
    Case(
        "kb-english-keys-gmail-region",
        "gmail",
        Mail(
            "Björn Ståhl",
            "bjorn.stahl@regionstockholm.se",
            "Registration for the seminar on open drug scenes",
            date(22, 11, 5),
            (
                P("Hi Therese,"),
                P("Please register the following two colleagues from Region Stockholm:"),
                Blank(),
                P(
                    "**Name:** David Wilson\n**Email:** david.wilson@regionstockholm.se\n**Title:** Addiction medicine consultant"
                ),
                Blank(),
                P(
                    "**Name:** Sara Ekman\n**Email:** sara.ekman@regionstockholm.se\n**Title:** Head of unit, Beroendecentrum"
                ),
                Blank(),
                P("Best regards,\nBjörn"),
                Sig(("Björn Ståhl", "Strategist, Region Stockholm", "+46 8 123 456 00")),
            ),
            lang="en",
        ),
        "key-block",
        booked(*_reg),
        tuple(_reg),
    )
)

_tull = [b("Jörgen Hägg", "tullverket.se", TULL)]
add(
    Case(
        "kb-owa-phone-lines-tullverket",
        "owa",
        Mail(
            "Karin Ek",
            "karin.ek@tullverket.se",
            "Anmälan – Tullverket – seminarium om öppna drogscener",
            date(26, 10, 2),
            (
                P("Hej!"),
                P("Tullverket anmäler följande deltagare:"),
                Blank(),
                P(
                    "Namn: Jörgen Hägg\nE-postadress: jorgen.hagg@tullverket.se\nMobil: 072-500 12 34\nTitel: Gruppchef, brottsbekämpning"
                ),
                Blank(),
                P("Själv har jag tyvärr inte möjlighet att delta."),
                P(
                    "Vänliga hälsningar,\nKarin Ek\nTullverket, Brottsbekämpningen\nTel: 0771-520 520"
                ),
            ),
        ),
        "key-block",
        booked(*_tull),
        tuple(_tull),
    )
)

_kv = [b("Emma Johansson", "kriminalvarden.se", KV), b("Mats Hellström", "kriminalvarden.se", KV)]
add(
    Case(
        "kb-thunderbird-kriminalvarden",
        "thunderbird",
        Mail(
            "Camilla Strand",
            "camilla.strand@kriminalvarden.se",
            "Anmälan Kriminalvården, frivården Stockholm",
            date(23, 16, 44),
            (
                P("Hej,"),
                Blank(),
                P(
                    "Vi anmäler två deltagare från frivården i Stockholm till seminariet om öppna drogscener. Båda arbetar med klienter i de utsatta områdena och har mandat att ta med sig frågorna tillbaka."
                ),
                Blank(),
                P(
                    "Namn: Emma Johansson\nE-post: emma.johansson@kriminalvarden.se\nBefattning: Frivårdsinspektör"
                ),
                Blank(),
                P(
                    "Namn: Mats Hellström\nE-post: mats.hellstrom@kriminalvarden.se\nBefattning: Kriminalvårdsinspektör"
                ),
                Blank(),
                P("Hälsningar\nCamilla"),
                Sig(
                    (
                        "Camilla Strand",
                        "Enhetschef, Frivården Stockholm City",
                        "Kriminalvården",
                        "010-513 00 00",
                    )
                ),
                Blank(),
                STATE_DISCLAIMER,
            ),
        ),
        "key-block",
        booked(*_kv),
        tuple(_kv),
    )
)

_han = [
    b("Pernilla Wikström", "haninge.se", HAN),
    b("Yusuf Demir", "haninge.se", HAN),
    b("Maja Forsberg", "haninge.se", HAN),
    b("Patrik Öhman", "haninge.se", HAN),
    b("Ulla Gustafsson", "haninge.se", HAN, "waitlisted"),
]
add(
    Case(
        "kb-five-blocks-haninge-waitlist",
        "outlook",
        Mail(
            "Tobias Fredriksson",
            "tobias.fredriksson@haninge.se",
            "Anmälan från Haninge kommun till seminariet om öppna drogscener den 14 september 2022",
            date(24, 14, 30),
            (
                P("Hej!"),
                P(
                    "Vi är fem som vill komma. Jag förstår att vi har fyra platser, så den sista får gärna stå på reservlistan."
                ),
                Blank(),
                *[
                    el
                    for x, t in zip(
                        _han,
                        [
                            "Socialchef",
                            "Fältassistent",
                            "Fältassistent",
                            "Säkerhetschef",
                            "Utredare",
                        ],
                        strict=True,
                    )
                    for el in (P(f"Namn: {x.name}\nE-post: {x.email}\nBefattning: {t}"), Blank())
                ],
                mvh("Tobias"),
                sig(
                    "Tobias Fredriksson",
                    "Trygghetssamordnare",
                    "Haninge kommun",
                    "08-606 70 00",
                    "tobias.fredriksson@haninge.se",
                ),
            ),
        ),
        "key-block",
        booked(*_han),
        tuple(_han),
    )
)

_jar = [b("Leila Rahimi", "jarfalla.se", JAR), b("Viktor Holmström", "jarfalla.se", JAR)]
add(
    Case(
        "kb-bold-keys-outlook-jarfalla",
        "outlook",
        Mail(
            "Eva Dahlberg",
            "eva.dahlberg@jarfalla.se",
            "Anmälan Järfälla",
            date(25, 9, 3),
            (
                P("Hej,"),
                P("Anmälan från Järfälla kommun:"),
                Blank(),
                P(
                    "**Namn:** Leila Rahimi\n**E-post:** leila.rahimi@jarfalla.se\n**Befattning:** Områdessamordnare Jakobsberg"
                ),
                Blank(),
                P(
                    "**Namn:** Viktor Holmström\n**E-post:** viktor.holmstrom@jarfalla.se\n**Befattning:** Polissamordnare"
                ),
                Blank(),
                P("Mvh Eva Dahlberg"),
                KOMMUN_DISCLAIMER,
            ),
        ),
        "key-block",
        booked(*_jar),
        tuple(_jar),
    )
)

_sollentuna = [b("Rasmus Kjellberg", "sollentuna.se", "Sollentuna kommun")]
add(
    Case(
        "kb-apple-reply-to-invitation-sollentuna",
        "apple",
        Mail(
            "Rasmus Kjellberg",
            "rasmus.kjellberg@sollentuna.se",
            "Sv: "
            + "Inbjudan: Öppna drogscener i Stockholms läns utsatta områden – seminarieserie 13–15 september",
            date(19, 7, 55),
            (
                P("Hej Therese,"),
                Blank(),
                P("Tack för inbjudan. Jag anmäler mig:"),
                Blank(),
                P(
                    "Namn: Rasmus Kjellberg\nE-post: rasmus.kjellberg@sollentuna.se\nBefattning: Socialchef"
                ),
                Blank(),
                P("Hälsningar\nRasmus"),
                invitation("kommunstyrelsen@sollentuna.se"),
            ),
        ),
        "key-block",
        booked(*_sollentuna),
        tuple(_sollentuna),
        received=received(19, 7, 56),
        note="the invitation quoted below names the organiser and a template block: neither is booked",
    )
)

_bot2 = [b("Amina Yusuf", "botkyrka.se", BOK)]
add(
    Case(
        "kb-datum-own-seminar-botkyrka",
        "outlook",
        Mail(
            "Amina Yusuf",
            "amina.yusuf@botkyrka.se",
            "Anmälan",
            date(29, 10, 10),
            (
                P("Hej!"),
                P(
                    "Namn: Amina Yusuf\nE-post: amina.yusuf@botkyrka.se\nBefattning: Fältsekreterare\nDatum: 14 september"
                ),
                Blank(),
                P("/Amina"),
            ),
        ),
        "key-block",
        booked(*_bot2),
        tuple(_bot2),
    )
)

_hud_other = [b("Sofia Bäckström", "huddinge.se", HUD, "pending", "2022-09-15")]
add(
    Case(
        "kb-seminarium-other-date-huddinge",
        "outlook",
        Mail(
            "Sofia Bäckström",
            "sofia.backstrom@huddinge.se",
            "Anmälan till seminarium",
            date(26, 13, 37),
            (
                P("Hej,"),
                P("Jag kan inte den 14:e men skulle gärna komma på ett av de andra tillfällena."),
                Blank(),
                P(
                    "Namn: Sofia Bäckström\nE-post: sofia.backstrom@huddinge.se\nBefattning: Socialsekreterare\nSeminarium: 15/9"
                ),
                Blank(),
                mvh("Sofia"),
            ),
        ),
        "key-block",
        booked(*_hud_other),
        tuple(_hud_other),
    )
)

_st = [
    b("Ahmed Ali", "stockholm.se", "Spånga-Tensta stadsdelsförvaltning"),
    b("Linnéa Grönberg", "stockholm.se", "Spånga-Tensta stadsdelsförvaltning"),
]
add(
    Case(
        "kb-forvaltning-key-spanga-tensta",
        "outlook",
        Mail(
            "Sara Nyström",
            "sara.nystrom@stockholm.se",
            "Anmälan till seminarium 14 september",
            date(24, 11, 11),
            (
                P("Hej,"),
                P("Följande anmäls:"),
                Blank(),
                P(
                    "Namn: Ahmed Ali\nE-post: ahmed.ali@stockholm.se\nBefattning: Enhetschef, fältassistenterna\nFörvaltning: Spånga-Tensta stadsdelsförvaltning"
                ),
                Blank(),
                P(
                    "Namn: Linnéa Grönberg\nE-post: linnea.gronberg@stockholm.se\nBefattning: Samordnare trygghet\nFörvaltning: Spånga-Tensta stadsdelsförvaltning"
                ),
                Blank(),
                P("Hälsningar Sara"),
                Sig(("Sara Nyström", "Administratör", "Stockholms stad", "08-508 00 000")),
            ),
        ),
        "key-block",
        booked(*_st),
        tuple(_st),
    )
)

_vast = [b("Mikael Sjögren", "polisen.se", "Lokalpolisområde Västerort")]
add(
    Case(
        "kb-lokalpolisomrade-key-vasterort",
        "outlook",
        Mail(
            "Sjögren Mikael",
            "mikael.sjogren@polisen.se",
            "Anmälan seminarium",
            date(23, 8, 2),
            (
                P("Hej"),
                Blank(),
                P(
                    "Namn: Mikael Sjögren\nE-post: mikael.sjogren@polisen.se\nBefattning: Kommunpolis\nLokalpolisområde: Västerort"
                ),
                Blank(),
                P("Mvh\nMikael Sjögren\nKommunpolis\nPolisregion Stockholm"),
                POLICE_DISCLAIMER,
            ),
        ),
        "key-block",
        booked(*_vast),
        tuple(_vast),
        note="LPO Västerort's alias list holds 'Lokalpolisområde Västerort'; the key value is 'Västerort' — the organisation key names it",
    )
)

_sdt_one = [b("Ingrid Hedlund", "sodertalje.se", SDT)]
add(
    Case(
        "kb-iphone-block-sodertalje",
        "iphone",
        Mail(
            "Ingrid Hedlund",
            "ingrid.hedlund@sodertalje.se",
            "Anmälan öppna drogscener",
            date(30, 21, 48),
            (
                P(
                    "Namn: Ingrid Hedlund\nE-post: ingrid.hedlund@sodertalje.se\nTitel: Avdelningschef socialtjänsten"
                ),
                Blank(),
                P("Skickat från min iPhone"),
            ),
        ),
        "key-block",
        booked(*_sdt_one),
        tuple(_sdt_one),
    )
)
