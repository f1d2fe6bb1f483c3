"""Corpus cases by form of writing: key blocks, lists, separated lines, tables, attachments."""

from __future__ import annotations

from expect import Case, addr, b, booked
from clients import Blank, Items, Mail, P, Sig, Table
from pieces import (
    KOMMUN_DISCLAIMER,
    PDF,
    POLICE_DISCLAIMER,
    STATE_DISCLAIMER,
    csv,
    date,
    invitation,
    mvh,
    received,
    sig,
    xlsx,
)

HUD = "Huddinge kommun"
BOT = "Botkyrka kommun"
NAC = "Nacka kommun"
SOL = "Solna stad"
SDT = "Södertälje kommun"
HAN = "Haninge kommun"
JAR = "Järfälla kommun"
REG = "Region Stockholm"
TULL = "Tullverket"
KV = "Kriminalvården"

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
                P("Härmed anmäler jag två deltagare från Huddinge kommun till seminariet den 14 september."),
                Blank(),
                P("Namn: Lisa Berg\nE-post: lisa.berg@huddinge.se\nBefattning: Socialsekreterare, ungdomsenheten"),
                Blank(),
                P("Namn: Anna Lindqvist\nE-post: anna.lindqvist@huddinge.se\nBefattning: Enhetschef, fältgruppen"),
                Blank(),
                mvh("Maria"),
                Blank(),
                sig("Maria Lundgren", "Samordnare brottsförebyggande arbete", "Huddinge kommun, Kommunstyrelsens förvaltning", "08-535 300 00", "maria.lundgren@huddinge.se", "Kommunalvägen 28, 141 85 Huddinge"),
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

_bot = [b("Fatima Hassan", "botkyrka.se", BOT), b("Jonas Lärka", "botkyrka.se", BOT)]
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
                P("Namn:\nFatima Hassan\nE-post:\nfatima.hassan@botkyrka.se\nBefattning:\nEnhetschef, Fältenheten"),
                Blank(),
                P("Namn:\nJonas Lärka\nE-post:\njonas.larka@botkyrka.se\nBefattning:\nFältsekreterare"),
                Blank(),
                P("Vänliga hälsningar"),
                sig("Åsa Källström", "Utvecklingsledare", "Botkyrka kommun", "08-530 610 00", "asa.kallstrom@botkyrka.se"),
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
                P("Förnamn: Erik\nEfternamn: Sandberg\nMailadress: erik.sandberg@nacka.se\nTelefon: 070-123 45 67\nTitel: Fältassistent"),
                Blank(),
                P("Förnamn: Helena\nEfternamn: Björklund\nMailadress: helena.bjorklund@nacka.se\nTelefon: 070-765 43 21\nTitel: Enhetschef"),
                Blank(),
                mvh("Göran"),
                sig("Göran Sjöberg", "Säkerhetssamordnare", "Nacka kommun", "08-718 80 00", "goran.sjoberg@nacka.se"),
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
                P("Namn och titel: Henrik Söderberg, socialchef\nMejl: henrik.soderberg@solna.se\nTel: 08-746 10 00"),
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
                P("**Name:** David Wilson\n**Email:** david.wilson@regionstockholm.se\n**Title:** Addiction medicine consultant"),
                Blank(),
                P("**Name:** Sara Ekman\n**Email:** sara.ekman@regionstockholm.se\n**Title:** Head of unit, Beroendecentrum"),
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
                P("Namn: Jörgen Hägg\nE-postadress: jorgen.hagg@tullverket.se\nMobil: 072-500 12 34\nTitel: Gruppchef, brottsbekämpning"),
                Blank(),
                P("Själv har jag tyvärr inte möjlighet att delta."),
                P("Vänliga hälsningar,\nKarin Ek\nTullverket, Brottsbekämpningen\nTel: 0771-520 520"),
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
                P("Vi anmäler två deltagare från frivården i Stockholm till seminariet om öppna drogscener. Båda arbetar med klienter i de utsatta områdena och har mandat att ta med sig frågorna tillbaka."),
                Blank(),
                P("Namn: Emma Johansson\nE-post: emma.johansson@kriminalvarden.se\nBefattning: Frivårdsinspektör"),
                Blank(),
                P("Namn: Mats Hellström\nE-post: mats.hellstrom@kriminalvarden.se\nBefattning: Kriminalvårdsinspektör"),
                Blank(),
                P("Hälsningar\nCamilla"),
                Sig(("Camilla Strand", "Enhetschef, Frivården Stockholm City", "Kriminalvården", "010-513 00 00")),
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
                P("Vi är fem som vill komma. Jag förstår att vi har fyra platser, så den sista får gärna stå på reservlistan."),
                Blank(),
                *[
                    el
                    for x, t in zip(_han, ["Socialchef", "Fältassistent", "Fältassistent", "Säkerhetschef", "Utredare"], strict=True)
                    for el in (P(f"Namn: {x.name}\nE-post: {x.email}\nBefattning: {t}"), Blank())
                ],
                mvh("Tobias"),
                sig("Tobias Fredriksson", "Trygghetssamordnare", "Haninge kommun", "08-606 70 00", "tobias.fredriksson@haninge.se"),
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
                P("**Namn:** Leila Rahimi\n**E-post:** leila.rahimi@jarfalla.se\n**Befattning:** Områdessamordnare Jakobsberg"),
                Blank(),
                P("**Namn:** Viktor Holmström\n**E-post:** viktor.holmstrom@jarfalla.se\n**Befattning:** Polissamordnare"),
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
            "Sv: " + "Inbjudan: Öppna drogscener i Stockholms läns utsatta områden – seminarieserie 13–15 september",
            date(19, 7, 55),
            (
                P("Hej Therese,"),
                Blank(),
                P("Tack för inbjudan. Jag anmäler mig:"),
                Blank(),
                P("Namn: Rasmus Kjellberg\nE-post: rasmus.kjellberg@sollentuna.se\nBefattning: Socialchef"),
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

_bot2 = [b("Amina Yusuf", "botkyrka.se", BOT)]
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
                P("Namn: Amina Yusuf\nE-post: amina.yusuf@botkyrka.se\nBefattning: Fältsekreterare\nDatum: 14 september"),
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
                P("Namn: Sofia Bäckström\nE-post: sofia.backstrom@huddinge.se\nBefattning: Socialsekreterare\nSeminarium: 15/9"),
                Blank(),
                mvh("Sofia"),
            ),
        ),
        "key-block",
        booked(*_hud_other),
        tuple(_hud_other),
    )
)

_st = [b("Ahmed Ali", "stockholm.se", "Spånga-Tensta stadsdelsförvaltning"), b("Linnéa Grönberg", "stockholm.se", "Spånga-Tensta stadsdelsförvaltning")]
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
                P("Namn: Ahmed Ali\nE-post: ahmed.ali@stockholm.se\nBefattning: Enhetschef, fältassistenterna\nFörvaltning: Spånga-Tensta stadsdelsförvaltning"),
                Blank(),
                P("Namn: Linnéa Grönberg\nE-post: linnea.gronberg@stockholm.se\nBefattning: Samordnare trygghet\nFörvaltning: Spånga-Tensta stadsdelsförvaltning"),
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
                P("Namn: Mikael Sjögren\nE-post: mikael.sjogren@polisen.se\nBefattning: Kommunpolis\nLokalpolisområde: Västerort"),
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
                P("Namn: Ingrid Hedlund\nE-post: ingrid.hedlund@sodertalje.se\nTitel: Avdelningschef socialtjänsten"),
                Blank(),
                P("Skickat från min iPhone"),
            ),
        ),
        "key-block",
        booked(*_sdt_one),
        tuple(_sdt_one),
    )
)

# --------------------------------------------------------------------------- lists

_sdt = [b("Anna Svensson", "sodertalje.se", SDT), b("Omar Haddad", "sodertalje.se", SDT), b("Hanna Åberg", "sodertalje.se", SDT)]
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
                sig("Ingrid Hedlund", "Avdelningschef", "Södertälje kommun, Socialkontoret", "08-523 010 00", "ingrid.hedlund@sodertalje.se"),
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
                Items(("Johan Åkesson – johan.akesson@huddinge.se", "Elin Nyström – elin.nystrom@huddinge.se"), numbered=True),
                Blank(),
                mvh("Kristina"),
                sig("Kristina Ängqvist", "Verksamhetschef", "Huddinge kommun", "08-535 300 00", "kristina.angqvist@huddinge.se"),
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
                Items(("Nils Wästberg, nils.wastberg@tullverket.se", "Maria Öberg, maria.oberg@tullverket.se")),
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

_var = [b("Oskar Lindahl", "varmdo.se", "Värmdö kommun"), b("Camilla Åström", "varmdo.se", "Värmdö kommun")]
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

_sig = [b("Göran Sjöberg", "sigtuna.se", "Sigtuna kommun"), b("Tove Lind", "sigtuna.se", "Sigtuna kommun")]
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

_reg2 = [b("Helena Björk", "regionstockholm.se", REG), b("Anders Nord", "regionstockholm.se", REG), b("Ebba Sundin", "regionstockholm.se", REG)]
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
                P("Vänliga hälsningar\nBjörn Ståhl\nStrateg, Hälso- och sjukvårdsförvaltningen\nRegion Stockholm"),
            ),
        ),
        "list",
        booked(*_reg2),
        tuple(_reg2),
    )
)

_bot5 = [
    b("Fatima Hassan", "botkyrka.se", BOT),
    b("Jonas Lärka", "botkyrka.se", BOT),
    b("Emir Kovač", "botkyrka.se", BOT),
    b("Lina Sandström", "botkyrka.se", BOT),
    b("Peter Holm", "botkyrka.se", BOT, "waitlisted"),
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
                Items(("Leila Rahimi – leila.rahimi@jarfalla.se", "Patrik Nyberg – patrik.nyberg@jarfalla.se", "Susanne Ek (adress kommer)")),
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

_taby = [b("Maja Forsberg", "taby.se", "Täby kommun"), b("Dragan Petrović", "taby.se", "Täby kommun")]
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
                P("• Maja Forsberg maja.forsberg@taby.se\n• Dragan Petrović dragan.petrovic@taby.se"),
                Blank(),
                P("Skickat från min iPhone"),
            ),
        ),
        "list",
        booked(*_taby),
        tuple(_taby),
    )
)

_jarva = [b("Kristoffer Alm", "polisen.se", "Lokalpolisområde Järva"), b("Sanna Berglund", "polisen.se", "Lokalpolisområde Järva")]
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
                Items(("Kristoffer Alm, kristoffer.alm@polisen.se", "Sanna Berglund, sanna.berglund@polisen.se"), numbered=True),
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

# --------------------------------------------------------------------------- separated lines

_nac2 = [b("Erik Sandberg", "nacka.se", NAC), b("Helena Björklund", "nacka.se", NAC), b("Amra Hodžić", "nacka.se", NAC)]
add(
    Case(
        "line-semicolons-nacka",
        "owa",
        Mail(
            "Göran Sjöberg",
            "goran.sjoberg@nacka.se",
            "Anmälan till seminarium",
            date(22, 16, 3),
            (
                P("Hej,"),
                P("Anmäler följande:"),
                P("Erik Sandberg; erik.sandberg@nacka.se; fältassistent\nHelena Björklund; helena.bjorklund@nacka.se; enhetschef\nAmra Hodžić; amra.hodzic@nacka.se; socialsekreterare"),
                Blank(),
                P("Mvh Göran Sjöberg, Nacka kommun"),
            ),
        ),
        "line",
        booked(*_nac2),
        tuple(_nac2),
    )
)

_sund = [b("Mats Lundin", "sundbyberg.se", "Sundbyberg stad"), b("Tiina Mäkinen", "sundbyberg.se", "Sundbyberg stad")]
add(
    Case(
        "line-tabs-thunderbird-sundbyberg",
        "thunderbird",
        Mail(
            "Mats Lundin",
            "mats.lundin@sundbyberg.se",
            "Anmälan Sundbyberg",
            date(25, 14, 14),
            (
                P("Hej,"),
                P("Vi anmäler oss två:"),
                Blank(),
                P("Mats Lundin\tmats.lundin@sundbyberg.se\tSocialchef\nTiina Mäkinen\ttiina.makinen@sundbyberg.se\tFältsekreterare"),
                Blank(),
                P("Mvh Mats"),
                Sig(("Mats Lundin", "Socialchef", "Sundbybergs stad")),
            ),
        ),
        "line",
        booked(*_sund),
        tuple(_sund),
    )
)

_uv = [b("Jenny Sjödin", "upplandsvasby.se", "Upplands Väsby kommun"), b("Ali Reza", "upplandsvasby.se", "Upplands Väsby kommun")]
add(
    Case(
        "line-commas-gmail-upplands-vasby",
        "gmail",
        Mail(
            "Jenny Sjödin",
            "jenny.sjodin@upplandsvasby.se",
            "Anmälan seminarium 15 september",
            date(26, 9, 40),
            (
                P("Hej!"),
                P("Här är vår anmälan:"),
                P("Jenny Sjödin, jenny.sjodin@upplandsvasby.se, brottsförebyggande samordnare\nAli Reza, ali.reza@upplandsvasby.se, fältassistent"),
                Blank(),
                P("Hälsningar Jenny"),
            ),
        ),
        "line",
        booked(*_uv),
        tuple(_uv),
    )
)

_nort = [b("Anneli Holm", "norrtalje.se", "Norrtälje kommun"), b("Stefan Åkerlund", "norrtalje.se", "Norrtälje kommun")]
add(
    Case(
        "line-angle-addresses-norrtalje",
        "outlook",
        Mail(
            "Anneli Holm",
            "anneli.holm@norrtalje.se",
            "Anmälan till seminariet 15/9",
            date(23, 10, 50),
            (
                P("Hej,"),
                P("Följande kommer från Norrtälje kommun:"),
                P("Anneli Holm <anneli.holm@norrtalje.se>\nStefan Åkerlund <stefan.akerlund@norrtalje.se>"),
                Blank(),
                mvh("Anneli"),
            ),
        ),
        "line",
        booked(*_nort),
        tuple(_nort),
    )
)

_sol2 = [b("Cecilia Roos", "solna.se", SOL), b("Fredrik Bergqvist", "solna.se", SOL)]
add(
    Case(
        "line-quoted-display-names-solna",
        "owa",
        Mail(
            "Henrik Söderberg",
            "henrik.soderberg@solna.se",
            "Anmälan Solna stad",
            date(24, 13, 13),
            (
                P("Hej,"),
                P("Jag anmäler mina kollegor:"),
                P('"Cecilia Roos" <cecilia.roos@solna.se>\n"Fredrik Bergqvist" <fredrik.bergqvist@solna.se>'),
                Blank(),
                P("Hälsningar Henrik"),
            ),
        ),
        "line",
        booked(*_sol2),
        tuple(_sol2),
    )
)

_han2 = [b("Yusuf Demir", "haninge.se", HAN), b("Maja Lindberg", "haninge.se", HAN), b("Pontus Ek", "haninge.se", HAN)]
add(
    Case(
        "line-several-on-one-line-haninge",
        "apple",
        Mail(
            "Yusuf Demir",
            "yusuf.demir@haninge.se",
            "Anmälan Haninge",
            date(25, 8, 8),
            (
                P("Hej,"),
                P("Vi blir tre: Yusuf Demir <yusuf.demir@haninge.se>; Maja Lindberg <maja.lindberg@haninge.se>; Pontus Ek <pontus.ek@haninge.se>"),
                Blank(),
                P("/Yusuf"),
            ),
        ),
        "line",
        booked(*_han2),
        tuple(_han2),
    )
)

_sdt2 = [b("Hanna Åberg", "sodertalje.se", SDT), b("Omar Haddad", "sodertalje.se", SDT)]
add(
    Case(
        "line-name-paren-address-iphone-sodertalje",
        "iphone",
        Mail(
            "Hanna Åberg",
            "hanna.aberg@sodertalje.se",
            "Anmälan",
            date(28, 19, 30),
            (
                P("Hej! Anmäler oss två från Södertälje:"),
                P("Hanna Åberg (hanna.aberg@sodertalje.se)\nOmar Haddad (omar.haddad@sodertalje.se)"),
                Blank(),
                P("Skickat från min iPhone"),
            ),
        ),
        "line",
        booked(*_sdt2),
        tuple(_sdt2),
    )
)

_tull3 = [b("Jörgen Hägg", "tullverket.se", TULL), b("Lena Sjöström", "tullverket.se", TULL)]
add(
    Case(
        "line-any-order-title-first-tullverket",
        "outlook",
        Mail(
            "Karin Ek",
            "karin.ek@tullverket.se",
            "Anmälan Tullverket",
            date(29, 14, 0),
            (
                P("Hej,"),
                P("Från Tullverket kommer:"),
                P("Gruppchef, Jörgen Hägg, jorgen.hagg@tullverket.se\nUnderrättelseanalytiker, Lena Sjöström, lena.sjostrom@tullverket.se"),
                Blank(),
                P("Vänliga hälsningar\nKarin Ek\nTullverket"),
            ),
        ),
        "line",
        booked(*_tull3),
        tuple(_tull3),
    )
)

_kv2 = [b("Oliver Grant", "kriminalvarden.se", KV), b("Sofia Nilsson", "kriminalvarden.se", KV)]
add(
    Case(
        "line-english-semicolons-kriminalvarden",
        "gmail",
        Mail(
            "Oliver Grant",
            "oliver.grant@kriminalvarden.se",
            "Seminar registration – Prison and Probation Service",
            date(26, 15, 5),
            (
                P("Dear organiser,"),
                P("Please register:"),
                P("Oliver Grant; oliver.grant@kriminalvarden.se; Probation officer\nSofia Nilsson; sofia.nilsson@kriminalvarden.se; Head of unit"),
                Blank(),
                P("Best wishes,\nOliver"),
                STATE_DISCLAIMER,
            ),
            lang="en",
        ),
        "line",
        booked(*_kv2),
        tuple(_kv2),
    )
)

_bot3 = [b("Lina Sandström", "botkyrka.se", BOT)]
add(
    Case(
        "line-malformed-address-botkyrka",
        "outlook",
        Mail(
            "Åsa Källström",
            "asa.kallstrom@botkyrka.se",
            "Anmälan",
            date(30, 8, 55),
            (
                P("Hej,"),
                P("Lina Sandström; lina.sandstrom@botkyrka.se; utredare\nJonas Lärka; jonas.larka@botkyrka,se; fältsekreterare"),
                Blank(),
                P("Mvh Åsa"),
            ),
        ),
        "line",
        (*booked(*_bot3), ("needs-info", None)),
        tuple(_bot3),
        ask=True,
        note="jonas.larka@botkyrka,se is malformed: ask for that person only",
    )
)

_nac3 = [b("Johan Persson", "nacka.se", NAC), b("Karin Wallin", "nacka.se", NAC)]
add(
    Case(
        "line-address-book-efternamn-fornamn-nacka",
        "outlook",
        Mail(
            "Sjöberg Göran",
            "goran.sjoberg@nacka.se",
            "Anmälan",
            date(31, 9, 21),
            (
                P("Hej, anmäler:"),
                P("Persson Johan <johan.persson@nacka.se>; Wallin Karin <karin.wallin@nacka.se>"),
                Blank(),
                P("/Göran"),
            ),
        ),
        "line",
        booked(*_nac3),
        tuple(_nac3),
        note="names pasted from the address book in 'Efternamn Förnamn' order are turned round",
    )
)

# --------------------------------------------------------------------------- tables

_hud3 = [b("Johan Åkesson", "huddinge.se", HUD), b("Elin Nyström", "huddinge.se", HUD), b("Nadia Karimi", "huddinge.se", HUD)]
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
                    )
                ),
                Blank(),
                mvh("Maria"),
                sig("Maria Lundgren", "Samordnare", "Huddinge kommun", "08-535 300 00", "maria.lundgren@huddinge.se"),
                KOMMUN_DISCLAIMER,
            ),
        ),
        "table",
        booked(*_hud3),
        tuple(_hud3),
    )
)

_bot4 = [b("Emir Kovač", "botkyrka.se", BOT), b("Lina Sandström", "botkyrka.se", BOT)]
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
                    )
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
                Table((("Name", "Email", "Role"), ("Emma Johansson", "emma.johansson@kriminalvarden.se", "Probation officer"), ("Oliver Grant", "oliver.grant@kriminalvarden.se", "Head of unit"))),
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
                Table((("Förnamn", "Efternamn", "E-post", "Titel"), ("Leila", "Rahimi", "leila.rahimi@jarfalla.se", "Områdessamordnare"), ("Viktor", "Holmström", "viktor.holmstrom@jarfalla.se", "Polissamordnare"))),
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
                Table((("Namn", "Helena Björklund"), ("E-post", "helena.bjorklund@nacka.se"), ("Befattning", "Enhetschef"), ("Organisation", "Nacka kommun"))),
                Blank(),
                P("/Helena"),
            ),
        ),
        "table",
        booked(*_nac4),
        tuple(_nac4),
    )
)

_skarp = [b("Mira Jansson", "stockholm.se", "Skarpnäck stadsdelsförvaltning"), b("Emil Borg", "stockholm.se", "Skarpnäck stadsdelsförvaltning")]
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
                Table((("Namn", "Titel", "Mejl"), ("Mira Jansson", "Enhetschef", "mira.jansson@stockholm.se"), ("Emil Borg", "Fältassistent", "emil.borg@stockholm.se"))),
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
                Table((("Namn", "E-post", "Befattning"), *[(x.name, x.email, "Socialtjänsten") for x in _soll5])),
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
                Table((("Namn", "E-post", "Titel"), ("Per Nordin", "per.nordin@lidingo.se", "Socialchef"), ("Gunilla Ros", "", "Fältassistent"))),
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

# --------------------------------------------------------------------------- attachments

_att_rows = [["Namn", "Titel", "E-post"], ["Fatima Hassan", "Enhetschef", "fatima.hassan@botkyrka.se"], ["Jonas Lärka", "Fältsekreterare", "jonas.larka@botkyrka.se"], ["Emir Kovač", "Socialsekreterare", "emir.kovac@botkyrka.se"]]
_att_bot = [b(r[0], "botkyrka.se", BOT) for r in _att_rows[1:]]
add(
    Case(
        "att-xlsx-header-outlook-botkyrka",
        "outlook",
        Mail(
            "Åsa Källström",
            "asa.kallstrom@botkyrka.se",
            "Anmälan Botkyrka kommun – deltagarlista bifogas",
            date(25, 16, 0),
            (P("Hej,"), P("Se bifogad fil med våra deltagare."), Blank(), P("Mvh Åsa Källström\nBotkyrka kommun")),
            attachments=(xlsx(_att_rows, filename="Deltagare Botkyrka.xlsx"),),
        ),
        "attachment",
        booked(*_att_bot),
        tuple(_att_bot),
    )
)

_reg_rows = [["Helena Björk", "helena.bjork@regionstockholm.se", "Överläkare"], ["Anders Nord", "anders.nord@regionstockholm.se", "Enhetschef"]]
_att_reg = [b(r[0], "regionstockholm.se", REG) for r in _reg_rows]
add(
    Case(
        "att-xlsx-no-header-region",
        "owa",
        Mail(
            "Björn Ståhl",
            "bjorn.stahl@regionstockholm.se",
            "Anmälan seminarium",
            date(26, 11, 1),
            (P("Hej!"), P("Bifogar lista över de som anmäls från Region Stockholm."), P("Mvh Björn")),
            attachments=(xlsx(_reg_rows, filename="anmalan.xlsx"),),
        ),
        "attachment",
        booked(*_att_reg),
        tuple(_att_reg),
    )
)

_csv_nac = [["Namn", "E-post", "Befattning"], ["Erik Sandberg", "erik.sandberg@nacka.se", "Fältassistent"], ["Åsa Öhrn", "asa.ohrn@nacka.se", "Socialsekreterare"]]
_att_nac = [b(r[0], "nacka.se", NAC) for r in _csv_nac[1:]]
add(
    Case(
        "att-csv-semicolon-windows-1252-nacka",
        "outlook",
        Mail(
            "Göran Sjöberg",
            "goran.sjoberg@nacka.se",
            "Anmälan Nacka – se bifogad lista",
            date(27, 9, 9),
            (P("Hej,"), P("Deltagarna finns i bifogad fil."), Blank(), mvh("Göran")),
            attachments=(csv(_csv_nac, ";", "cp1252"),),
        ),
        "attachment",
        booked(*_att_nac),
        tuple(_att_nac),
    )
)

_csv_tull = [["Name", "Email", "Title"], ["Nils Wästberg", "nils.wastberg@tullverket.se", "Customs officer"], ["Lena Sjöström", "lena.sjostrom@tullverket.se", "Analyst"]]
_att_tull = [b(r[0], "tullverket.se", TULL) for r in _csv_tull[1:]]
add(
    Case(
        "att-csv-comma-utf8-english-tullverket",
        "gmail",
        Mail(
            "Karin Ek",
            "karin.ek@tullverket.se",
            "Registration – participants attached",
            date(28, 10, 0),
            (P("Hello,"), P("The participants from Swedish Customs are in the attached file."), P("Kind regards,\nKarin")),
            lang="en",
            attachments=(csv(_csv_tull, ",", "utf-8", "participants.csv"),),
        ),
        "attachment",
        booked(*_att_tull),
        tuple(_att_tull),
    )
)

_csv_sol = [["Namn", "E-post", "Titel"], ["Cecilia Roos", "cecilia.roos@solna.se", "Enhetschef"], ["Fredrik Bergqvist", "fredrik.bergqvist@solna.se", "Fältassistent"]]
_att_sol = [b(r[0], "solna.se", SOL) for r in _csv_sol[1:]]
add(
    Case(
        "att-csv-tab-utf8-bom-solna",
        "thunderbird",
        Mail(
            "Henrik Söderberg",
            "henrik.soderberg@solna.se",
            "Anmälan Solna stad",
            date(29, 11, 11),
            (P("Hej,"), P("Bifogar deltagarlistan (tabbseparerad)."), P("Hälsningar\nHenrik")),
            attachments=(csv(_csv_sol, "\t", "utf-8-sig", "deltagare.txt.csv"),),
        ),
        "attachment",
        booked(*_att_sol),
        tuple(_att_sol),
    )
)

_csv_sdt = [["Förnamn", "Efternamn", "E-postadress", "Befattning"], ["Anna", "Svensson", "anna.svensson@sodertalje.se", "Socialsekreterare"], ["Björn", "Öst", "bjorn.ost@sodertalje.se", "Fältassistent"]]
_att_sdt = [b("Anna Svensson", "sodertalje.se", SDT), b("Björn Öst", "sodertalje.se", SDT)]
add(
    Case(
        "att-csv-semicolon-utf8-bom-sodertalje",
        "outlook",
        Mail(
            "Ingrid Hedlund",
            "ingrid.hedlund@sodertalje.se",
            "Anmälan Södertälje",
            date(30, 14, 4),
            (P("Hej!"), P("Se bifogad CSV-fil."), mvh("Ingrid")),
            attachments=(csv(_csv_sdt, ";", "utf-8-sig", "Deltagare_Sodertalje.csv"),),
        ),
        "attachment",
        booked(*_att_sdt),
        tuple(_att_sdt),
    )
)

_x_jar = [["Namn", "E-post", "Roll"], ["Leila Rahimi", "leila.rahimi@jarfalla.se", "Områdessamordnare"]]
_att_jar = [b("Leila Rahimi", "jarfalla.se", JAR)]
add(
    Case(
        "att-xlsx-gmail-jarfalla",
        "gmail",
        Mail(
            "Leila Rahimi",
            "leila.rahimi@jarfalla.se",
            "Anmälan Järfälla",
            date(22, 15, 15),
            (P("Hej,"), P("Anmälan i bifogat kalkylark."), P("/Leila")),
            attachments=(xlsx(_x_jar, sheet="Sheet1", filename="Järfälla anmälan.xlsx"),),
        ),
        "attachment",
        booked(*_att_jar),
        tuple(_att_jar),
    )
)

_fk = [b("Anneli Holm", "norrtalje.se", "Norrtälje kommun")]
add(
    Case(
        "att-for-kannedom-not-read-norrtalje",
        "outlook",
        Mail(
            "Anneli Holm",
            "anneli.holm@norrtalje.se",
            "Anmälan Norrtälje",
            date(23, 9, 9),
            (
                P("Hej,"),
                P("Namn: Anneli Holm\nE-post: anneli.holm@norrtalje.se\nBefattning: Socialchef"),
                Blank(),
                P("Bifogar också förra årets deltagarlista för kännedom."),
                mvh("Anneli"),
            ),
            attachments=(xlsx([["Namn", "E-post"], ["Stefan Åkerlund", "stefan.akerlund@norrtalje.se"], ["Eva Rask", "eva.rask@norrtalje.se"]], filename="Deltagare 2021.xlsx"),),
        ),
        "key-block",
        booked(*_fk),
        tuple(_fk),
        note="the attached list is 'för kännedom' (for information): not read",
    )
)

_pdf = [b("Tove Lind", "sigtuna.se", "Sigtuna kommun")]
add(
    Case(
        "att-pdf-ignored-block-read-sigtuna",
        "outlook",
        Mail(
            "Tove Lind",
            "tove.lind@sigtuna.se",
            "Anmälan",
            date(24, 10, 40),
            (P("Hej,"), P("Namn: Tove Lind\nE-post: tove.lind@sigtuna.se\nBefattning: Fältsekreterare"), Blank(), P("Programmet bifogar jag tillbaka, tack för det."), mvh("Tove")),
            attachments=(PDF,),
        ),
        "key-block",
        booked(*_pdf),
        tuple(_pdf),
    )
)

_x_han = [["Namn", "E-post"], *[[n, addr(n, "haninge.se")] for n in ("Pernilla Wikström", "Yusuf Demir", "Maja Forsberg", "Patrik Öhman", "Ulla Gustafsson")]]
_att_han = [b(r[0], "haninge.se", HAN, "waitlisted" if i == 4 else "confirmed") for i, r in enumerate(_x_han[1:])]
add(
    Case(
        "att-xlsx-five-rows-haninge",
        "outlook",
        Mail(
            "Tobias Fredriksson",
            "tobias.fredriksson@haninge.se",
            "Anmälan Haninge kommun – bifogad lista",
            date(25, 10, 0),
            (P("Hej,"), P("Här är vår lista. Vi vet att det är fyra platser, den femte får gärna stå som reserv."), mvh("Tobias")),
            attachments=(xlsx(_x_han),),
        ),
        "attachment",
        booked(*_att_han),
        tuple(_att_han),
    )
)

_csv_var = [["Oskar Lindahl", "oskar.lindahl@varmdo.se", "Samordnare"], ["Camilla Åström", "camilla.astrom@varmdo.se", "Utredare"]]
_att_var = [b(r[0], "varmdo.se", "Värmdö kommun") for r in _csv_var]
add(
    Case(
        "att-csv-no-header-windows-1252-varmdo",
        "outlook:iso-8859-1",
        Mail(
            "Oskar Lindahl",
            "oskar.lindahl@varmdo.se",
            "Anmälan Värmdö",
            date(26, 13, 50),
            (P("Hej,"), P("Bifogar anmälan."), P("Mvh Oskar")),
            attachments=(csv(_csv_var, ";", "cp1252"),),
        ),
        "attachment",
        booked(*_att_var),
        tuple(_att_var),
    )
)

_x_bromma = [["Namn", "E-post", "Stadsdel"], ["Jessica Lund", "jessica.lund@stockholm.se", "Bromma"], ["Adam Olsson", "adam.olsson@stockholm.se", "Bromma"]]
_att_bromma = [b(r[0], "stockholm.se", "Bromma stadsdelsförvaltning") for r in _x_bromma[1:]]
add(
    Case(
        "att-xlsx-stadsdel-column-bromma",
        "outlook",
        Mail(
            "Jessica Lund",
            "jessica.lund@stockholm.se",
            "Anmälan seminarium",
            date(27, 8, 45),
            (P("Hej,"), P("Se bifogad fil."), P("Mvh Jessica")),
            attachments=(xlsx(_x_bromma, filename="Bromma.xlsx"),),
        ),
        "attachment",
        booked(*_att_bromma),
        tuple(_att_bromma),
        note="stockholm.se is shared: the Stadsdel column of the attached list names Bromma",
    )
)

_html_only = [b("Fatima Hassan", "botkyrka.se", BOT), b("Emir Kovač", "botkyrka.se", BOT)]
add(
    Case(
        "list-outlook-html-only-iso-label-botkyrka",
        "outlook:html-only",
        Mail(
            "Åsa Källström",
            "asa.kallstrom@botkyrka.se",
            "Anmälan – Botkyrka kommun – seminariet 14 september",
            date(31, 11, 11),
            (
                P("Hej,"),
                P("Följande två anmäls – båda arbetar i Alby/Fittja:"),
                Items(("Fatima Hassan – fatima.hassan@botkyrka.se", "Emir Kovač – emir.kovac@botkyrka.se")),
                mvh("Åsa"),
            ),
        ),
        "list",
        booked(*_html_only),
        tuple(_html_only),
    )
)
