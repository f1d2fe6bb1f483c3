"""Corpus cases written one person a line: `;`, tab, comma, `<address>`, `(address)` (SPEC §3)."""

from __future__ import annotations

from body import Blank, Mail, P, Sig
from expect import (
    BOK,
    HAN,
    KV,
    NAC,
    SDT,
    SOL,
    TULL,
    Case,
    b,
    booked,
)
from pieces import (
    STATE_DISCLAIMER,
    date,
    mvh,
)

CASES: list[Case] = []


def add(case: Case) -> None:
    CASES.append(case)


# --------------------------------------------------------------------------- separated lines

_nac2 = [
    b("Erik Sandberg", "nacka.se", NAC),
    b("Helena Björklund", "nacka.se", NAC),
    b("Amra Hodžić", "nacka.se", NAC),
]
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
                P(
                    "Erik Sandberg; erik.sandberg@nacka.se; fältassistent\nHelena Björklund; helena.bjorklund@nacka.se; enhetschef\nAmra Hodžić; amra.hodzic@nacka.se; socialsekreterare"
                ),
                Blank(),
                P("Mvh Göran Sjöberg, Nacka kommun"),
            ),
        ),
        "line",
        booked(*_nac2),
        tuple(_nac2),
    )
)

_sund = [
    b("Mats Lundin", "sundbyberg.se", "Sundbyberg stad"),
    b("Tiina Mäkinen", "sundbyberg.se", "Sundbyberg stad"),
]
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
                P(
                    "Mats Lundin\tmats.lundin@sundbyberg.se\tSocialchef\nTiina Mäkinen\ttiina.makinen@sundbyberg.se\tFältsekreterare"
                ),
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

_uv = [
    b("Jenny Sjödin", "upplandsvasby.se", "Upplands Väsby kommun"),
    b("Ali Reza", "upplandsvasby.se", "Upplands Väsby kommun"),
]
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
                P(
                    "Jenny Sjödin, jenny.sjodin@upplandsvasby.se, brottsförebyggande samordnare\nAli Reza, ali.reza@upplandsvasby.se, fältassistent"
                ),
                Blank(),
                P("Hälsningar Jenny"),
            ),
        ),
        "line",
        booked(*_uv),
        tuple(_uv),
    )
)

_nort = [
    b("Anneli Holm", "norrtalje.se", "Norrtälje kommun"),
    b("Stefan Åkerlund", "norrtalje.se", "Norrtälje kommun"),
]
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
                P(
                    "Anneli Holm <anneli.holm@norrtalje.se>\nStefan Åkerlund <stefan.akerlund@norrtalje.se>"
                ),
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
                P(
                    '"Cecilia Roos" <cecilia.roos@solna.se>\n"Fredrik Bergqvist" <fredrik.bergqvist@solna.se>'
                ),
                Blank(),
                P("Hälsningar Henrik"),
            ),
        ),
        "line",
        booked(*_sol2),
        tuple(_sol2),
    )
)

_han2 = [
    b("Yusuf Demir", "haninge.se", HAN),
    b("Maja Lindberg", "haninge.se", HAN),
    b("Pontus Ek", "haninge.se", HAN),
]
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
                P(
                    "Vi blir tre: Yusuf Demir <yusuf.demir@haninge.se>; Maja Lindberg <maja.lindberg@haninge.se>; Pontus Ek <pontus.ek@haninge.se>"
                ),
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
                P(
                    "Hanna Åberg (hanna.aberg@sodertalje.se)\nOmar Haddad (omar.haddad@sodertalje.se)"
                ),
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
                P(
                    "Gruppchef, Jörgen Hägg, jorgen.hagg@tullverket.se\nUnderrättelseanalytiker, Lena Sjöström, lena.sjostrom@tullverket.se"
                ),
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
                P(
                    "Oliver Grant; oliver.grant@kriminalvarden.se; Probation officer\nSofia Nilsson; sofia.nilsson@kriminalvarden.se; Head of unit"
                ),
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

_bot3 = [b("Lina Sandström", "botkyrka.se", BOK)]
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
                P(
                    "Lina Sandström; lina.sandstrom@botkyrka.se; utredare\nJonas Lärka; jonas.larka@botkyrka,se; fältsekreterare"
                ),
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
