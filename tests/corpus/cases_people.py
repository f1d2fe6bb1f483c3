"""Corpus cases about who comes: colleagues named in prose, the sender alone, the sender excluded."""

from __future__ import annotations

from body import Blank, Mail, P, Sig, Table
from expect import (
    BOK,
    HUD,
    JAR,
    KV,
    NAC,
    REG,
    TULL,
    Case,
    b,
    booked,
)
from pieces import (
    KOMMUN_DISCLAIMER,
    STATE_DISCLAIMER,
    date,
    mvh,
    received,
    sig,
)

CASES: list[Case] = []


def add(case: Case) -> None:
    CASES.append(case)


# --------------------------------------------------------------------------- prose

_jp = [b("Kalle Karlsson", "jarfalla.se", JAR), b("Eva Dahlberg", "jarfalla.se", JAR)]
add(
    Case(
        "prose-jag-och-min-kollega-jarfalla",
        "outlook",
        Mail(
            "Eva Dahlberg",
            "eva.dahlberg@jarfalla.se",
            "Anmälan till seminarium om öppna drogscener",
            date(22, 10, 12),
            (
                P("Hej Therese!"),
                Blank(),
                P(
                    "Jag vill anmäla mig själv och min kollega Kalle Karlsson (kalle.karlsson@jarfalla.se) till seminariet den 14 september. Kalle är fältassistent och jag arbetar som områdessamordnare i Jakobsberg."
                ),
                Blank(),
                mvh("Eva"),
                sig(
                    "Eva Dahlberg",
                    "Områdessamordnare",
                    "Järfälla kommun",
                    "08-580 285 00",
                    "eva.dahlberg@jarfalla.se",
                ),
            ),
        ),
        "prose",
        (("confirmed", _jp[1].email), ("confirmed", _jp[0].email)),
        (_jp[1], _jp[0]),
        note="the sender says 'mig själv' and names one colleague with an address",
    )
)

_rp = [b("Simon Clarke", "regionstockholm.se", REG), b("Emma Wilson", "regionstockholm.se", REG)]
add(
    Case(
        "prose-english-myself-and-colleague-region",
        "gmail",
        Mail(
            "Simon Clarke",
            "simon.clarke@regionstockholm.se",
            "Seminar on open drug scenes – registration",
            date(23, 9, 5),
            (
                P("Dear Therese,"),
                P(
                    "I would like to register myself and my colleague Emma Wilson (emma.wilson@regionstockholm.se) for the seminar on 14 September."
                ),
                P("Best regards,\nSimon Clarke\nRegion Stockholm"),
            ),
            lang="en",
        ),
        "prose",
        booked(*_rp),
        tuple(_rp),
    )
)

_np = [b("Helena Björklund", "nacka.se", NAC)]
add(
    Case(
        "prose-only-the-colleague-nacka",
        "outlook",
        Mail(
            "Göran Sjöberg",
            "goran.sjoberg@nacka.se",
            "Anmälan",
            date(24, 13, 40),
            (
                P("Hej,"),
                P(
                    "Jag anmäler min kollega Helena Björklund, helena.bjorklund@nacka.se, som är enhetschef för fältverksamheten i Fisksätra."
                ),
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
        "prose",
        booked(*_np),
        tuple(_np),
        note="the sender registers a colleague and says nothing of coming: the sender is not booked",
    )
)

_sp = [b("Rasmus Kjellberg", "sollentuna.se", "Sollentuna kommun")]
add(
    Case(
        "prose-colleague-without-address-sollentuna",
        "owa",
        Mail(
            "Rasmus Kjellberg",
            "rasmus.kjellberg@sollentuna.se",
            "Anmälan seminarium",
            date(25, 9, 50),
            (
                P("Hej!"),
                P("Jag och min kollega Per Holm kommer gärna på seminariet."),
                P("Mvh Rasmus Kjellberg\nSollentuna kommun"),
            ),
        ),
        "prose",
        (*booked(*_sp), ("needs-info", None)),
        tuple(_sp),
        ask=True,
        note="Per Holm has no address: book the sender, ask for Per's address",
    )
)

_tp = [b("Lena Sjöström", "tullverket.se", TULL), b("Nils Wästberg", "tullverket.se", TULL)]
add(
    Case(
        "prose-two-colleagues-in-a-sentence-tullverket",
        "thunderbird",
        Mail(
            "Karin Ek",
            "karin.ek@tullverket.se",
            "Anmälan Tullverket",
            date(26, 14, 2),
            (
                P("Hej,"),
                P(
                    "Från Tullverket kommer Lena Sjöström (lena.sjostrom@tullverket.se) och Nils Wästberg (nils.wastberg@tullverket.se). Jag själv har tyvärr förhinder."
                ),
                P("Hälsningar\nKarin"),
                Sig(("Karin Ek", "Sektionschef", "Tullverket")),
            ),
        ),
        "prose",
        booked(*_tp),
        tuple(_tp),
    )
)

# --------------------------------------------------------------------------- the sender alone

_s1 = b("Amir Hosseini", "botkyrka.se", BOK)
add(
    Case(
        "sender-jag-anmaler-mig-botkyrka",
        "outlook",
        Mail(
            "Amir Hosseini",
            "amir.hosseini@botkyrka.se",
            "Anmälan till seminariet den 14 september",
            date(22, 8, 30),
            (
                P("Hej!"),
                P("Jag anmäler mig till seminariet om öppna drogscener."),
                mvh("Amir"),
                sig(
                    "Amir Hosseini",
                    "Fältsekreterare",
                    "Botkyrka kommun",
                    "08-530 610 00",
                    "amir.hosseini@botkyrka.se",
                    "Munkhättevägen 45, 147 85 Tumba",
                ),
                KOMMUN_DISCLAIMER,
            ),
        ),
        "sender",
        booked(_s1),
        (_s1,),
    )
)

_s2 = b("Oliver Grant", "kriminalvarden.se", KV)
add(
    Case(
        "sender-english-id-like-to-attend-kriminalvarden",
        "gmail",
        Mail(
            "Oliver Grant",
            "oliver.grant@kriminalvarden.se",
            "Registration – seminar 14 September",
            date(22, 12, 0),
            (
                P("Hello,"),
                P("I'd like to attend the seminar on open drug scenes."),
                P("Thanks,\nOliver Grant\nProbation officer, Swedish Prison and Probation Service"),
                STATE_DISCLAIMER,
            ),
            lang="en",
        ),
        "sender",
        booked(_s2),
        (_s2,),
    )
)

_s3 = b("Jörgen Hägg", "tullverket.se", TULL)
add(
    Case(
        "sender-iphone-kommer-garna-tullverket",
        "iphone",
        Mail(
            "Jörgen Hägg",
            "jorgen.hagg@tullverket.se",
            "Anmälan",
            date(23, 22, 10),
            (P("Hej! Jag kommer gärna."), Blank(), P("Skickat från min iPhone")),
        ),
        "sender",
        booked(_s3),
        (_s3,),
    )
)

_s4 = b("Johan Persson", "huddinge.se", HUD)
add(
    Case(
        "sender-efternamn-fornamn-display-name-huddinge",
        "outlook",
        Mail(
            "Persson Johan",
            "johan.persson@huddinge.se",
            "Anmälan seminarium öppna drogscener",
            date(24, 7, 58),
            (
                P("Hej,"),
                P("Jag anmäler mig härmed till seminariet."),
                P("Mvh\nJohan Persson\nEnhetschef, Huddinge kommun"),
            ),
        ),
        "sender",
        booked(_s4),
        (_s4,),
        note="the From display name is 'Persson Johan'; the address shows the order: book 'Johan Persson'",
    )
)

add(
    Case(
        "sender-no-display-name-sigtuna",
        "thunderbird",
        Mail(
            "",
            "g.sjoberg@sigtuna.se",
            "Anmälan",
            date(25, 10, 10),
            (P("Hej,"), P("Jag vill anmäla mig till seminariet."), P("Mvh Göran")),
        ),
        "sender",
        (("needs-info", None),),
        (),
        ask=True,
        note="no display name and only a first name: ask for the name",
    )
)

_s5 = b("Cecilia Roos", "solna.se", "Solna stad")
add(
    Case(
        "sender-subject-only-solna",
        "outlook",
        Mail(
            "Cecilia Roos",
            "cecilia.roos@solna.se",
            "Anmälan till seminariet om öppna drogscener 14/9",
            date(26, 11, 45),
            (
                Blank(),
                sig(
                    "Cecilia Roos",
                    "Enhetschef, Socialförvaltningen",
                    "Solna stad",
                    "08-746 10 00",
                    "cecilia.roos@solna.se",
                ),
            ),
        ),
        "sender",
        booked(_s5),
        (_s5,),
        note="the subject alone says 'Anmälan'; the body is only the signature",
    )
)

_s6 = b("Mats Lundin", "sundbyberg.se", "Sundbyberg stad")
add(
    Case(
        "sender-finns-det-plats-thunderbird-sundbyberg",
        "thunderbird",
        Mail(
            "Mats Lundin",
            "mats.lundin@sundbyberg.se",
            "Seminariet 13 september",
            date(27, 9, 19),
            (
                P("Hej,"),
                P("Finns det fortfarande plats? I så fall vill jag gärna komma."),
                P("Hälsningar\nMats Lundin\nSundbybergs stad"),
            ),
        ),
        "sender",
        booked(_s6),
        (_s6,),
    )
)

_s7 = b("Jenny Sjödin", "upplandsvasby.se", "Upplands Väsby kommun")
add(
    Case(
        "sender-owa-delta-upplands-vasby",
        "owa",
        Mail(
            "Jenny Sjödin",
            "jenny.sjodin@upplandsvasby.se",
            "Seminarium öppna drogscener",
            date(28, 10, 5),
            (
                P("Hej!"),
                P("Jag skulle vilja delta på seminariet den 15 september."),
                P("Vänliga hälsningar\nJenny Sjödin"),
            ),
        ),
        "sender",
        booked(_s7),
        (_s7,),
    )
)

add(
    Case(
        "sender-after-deadline-varmdo",
        "outlook",
        Mail(
            "Oskar Lindahl",
            "oskar.lindahl@varmdo.se",
            "Sen anmälan",
            date(5, 8, 12, 9),
            (
                P("Hej,"),
                P("Jag vet att sista dagen har passerat men vill gärna anmäla mig om det går."),
                P("Mvh Oskar Lindahl\nVärmdö kommun"),
            ),
        ),
        "sender",
        (("rejected-closed", None),),
        (),
        received=received(5, 8, 12, 9),
    )
)

add(
    Case(
        "sender-registers-again-duplicate-botkyrka",
        "outlook",
        Mail(
            "Amir Hosseini",
            "amir.hosseini@botkyrka.se",
            "Anmälan igen",
            date(25, 8, 0),
            (
                P("Hej,"),
                P(
                    "Jag anmälde mig förra veckan men fick ingen bekräftelse, så jag anmäler mig igen."
                ),
                mvh("Amir"),
            ),
        ),
        "sender",
        (("duplicate", _s1.email),),
        (_s1,),
        setup=("sender-jag-anmaler-mig-botkyrka",),
    )
)

# --------------------------------------------------------------------------- the sender excluded

_e1 = [b("Johan Åkesson", "huddinge.se", HUD), b("Nadia Karimi", "huddinge.se", HUD)]
add(
    Case(
        "excluded-jag-anmaler-mina-kollegor-huddinge",
        "outlook",
        Mail(
            "Maria Lundgren",
            "maria.lundgren@huddinge.se",
            "Anmälan",
            date(26, 8, 8),
            (
                P("Hej,"),
                P("Jag anmäler mina kollegor:"),
                P("Namn: Johan Åkesson\nE-post: johan.akesson@huddinge.se"),
                Blank(),
                P("Namn: Nadia Karimi\nE-post: nadia.karimi@huddinge.se"),
                mvh("Maria"),
            ),
        ),
        "key-block",
        booked(*_e1),
        tuple(_e1),
    )
)

_e2 = [b("Helena Björk", "regionstockholm.se", REG), b("Anders Nord", "regionstockholm.se", REG)]
add(
    Case(
        "excluded-english-not-attending-myself-region",
        "outlook",
        Mail(
            "Björn Ståhl",
            "bjorn.stahl@regionstockholm.se",
            "Registration for the seminar",
            date(27, 14, 0),
            (
                P("Hi,"),
                P("I will not be attending myself, but please register:"),
                P(
                    "Helena Björk <helena.bjork@regionstockholm.se>\nAnders Nord <anders.nord@regionstockholm.se>"
                ),
                P("Best regards\nBjörn"),
            ),
            lang="en",
        ),
        "line",
        booked(*_e2),
        tuple(_e2),
    )
)

_e3 = [b("Erik Sandberg", "nacka.se", NAC), b("Åsa Öhrn", "nacka.se", NAC)]
add(
    Case(
        "excluded-sjalv-kommer-jag-inte-table-nacka",
        "outlook",
        Mail(
            "Göran Sjöberg",
            "goran.sjoberg@nacka.se",
            "Anmälan till seminarium",
            date(28, 8, 15),
            (
                P("Hej,"),
                P("Själv kommer jag inte, men dessa två från oss går:"),
                Table(
                    (
                        ("Namn", "E-post"),
                        ("Erik Sandberg", "erik.sandberg@nacka.se"),
                        ("Åsa Öhrn", "asa.ohrn@nacka.se"),
                    )
                ),
                mvh("Göran"),
            ),
        ),
        "table",
        booked(*_e3),
        tuple(_e3),
    )
)
