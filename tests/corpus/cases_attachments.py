"""Corpus cases with the people in an attached `.xlsx` or `.csv`, or an attachment not to read."""

from __future__ import annotations

from body import Blank, Items, Mail, P
from expect import (
    BOK,
    HAN,
    JAR,
    NAC,
    REG,
    SDT,
    SOL,
    TULL,
    Case,
    addr,
    b,
    booked,
)
from pieces import (
    PDF,
    csv,
    date,
    mvh,
    xlsx,
)

CASES: list[Case] = []


def add(case: Case) -> None:
    CASES.append(case)


# --------------------------------------------------------------------------- attachments

_att_rows = [
    ["Namn", "Titel", "E-post"],
    ["Fatima Hassan", "Enhetschef", "fatima.hassan@botkyrka.se"],
    ["Jonas Lärka", "Fältsekreterare", "jonas.larka@botkyrka.se"],
    ["Emir Kovač", "Socialsekreterare", "emir.kovac@botkyrka.se"],
]
_att_bot = [b(r[0], "botkyrka.se", BOK) for r in _att_rows[1:]]
add(
    Case(
        "att-xlsx-header-outlook-botkyrka",
        "outlook",
        Mail(
            "Åsa Källström",
            "asa.kallstrom@botkyrka.se",
            "Anmälan Botkyrka kommun – deltagarlista bifogas",
            date(25, 16, 0),
            (
                P("Hej,"),
                P("Se bifogad fil med våra deltagare."),
                Blank(),
                P("Mvh Åsa Källström\nBotkyrka kommun"),
            ),
            attachments=(xlsx(_att_rows, filename="Deltagare Botkyrka.xlsx"),),
        ),
        "attachment",
        booked(*_att_bot),
        tuple(_att_bot),
    )
)

_reg_rows = [
    ["Helena Björk", "helena.bjork@regionstockholm.se", "Överläkare"],
    ["Anders Nord", "anders.nord@regionstockholm.se", "Enhetschef"],
]
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
            (
                P("Hej!"),
                P("Bifogar lista över de som anmäls från Region Stockholm."),
                P("Mvh Björn"),
            ),
            attachments=(xlsx(_reg_rows, filename="anmalan.xlsx"),),
        ),
        "attachment",
        booked(*_att_reg),
        tuple(_att_reg),
    )
)

_csv_nac = [
    ["Namn", "E-post", "Befattning"],
    ["Erik Sandberg", "erik.sandberg@nacka.se", "Fältassistent"],
    ["Åsa Öhrn", "asa.ohrn@nacka.se", "Socialsekreterare"],
]
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

_csv_tull = [
    ["Name", "Email", "Title"],
    ["Nils Wästberg", "nils.wastberg@tullverket.se", "Customs officer"],
    ["Lena Sjöström", "lena.sjostrom@tullverket.se", "Analyst"],
]
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
            (
                P("Hello,"),
                P("The participants from Swedish Customs are in the attached file."),
                P("Kind regards,\nKarin"),
            ),
            lang="en",
            attachments=(
                csv(_csv_tull, ",", "utf-8", "participants.csv", 'text/csv; charset="UTF-8"'),
            ),
        ),
        "attachment",
        booked(*_att_tull),
        tuple(_att_tull),
    )
)

_csv_sol = [
    ["Namn", "E-post", "Titel"],
    ["Cecilia Roos", "cecilia.roos@solna.se", "Enhetschef"],
    ["Fredrik Bergqvist", "fredrik.bergqvist@solna.se", "Fältassistent"],
]
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
            attachments=(
                csv(_csv_sol, "\t", "utf-8-sig", "deltagare_tabb.csv", "text/csv; charset=UTF-8"),
            ),
        ),
        "attachment",
        booked(*_att_sol),
        tuple(_att_sol),
    )
)

_csv_sdt = [
    ["Förnamn", "Efternamn", "E-postadress", "Befattning"],
    ["Anna", "Svensson", "anna.svensson@sodertalje.se", "Socialsekreterare"],
    ["Björn", "Öst", "bjorn.ost@sodertalje.se", "Fältassistent"],
]
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

_x_jar = [
    ["Namn", "E-post", "Roll"],
    ["Leila Rahimi", "leila.rahimi@jarfalla.se", "Områdessamordnare"],
]
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
            attachments=(
                xlsx(
                    [
                        ["Namn", "E-post"],
                        ["Stefan Åkerlund", "stefan.akerlund@norrtalje.se"],
                        ["Eva Rask", "eva.rask@norrtalje.se"],
                    ],
                    filename="Deltagare 2021.xlsx",
                ),
            ),
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
            (
                P("Hej,"),
                P("Namn: Tove Lind\nE-post: tove.lind@sigtuna.se\nBefattning: Fältsekreterare"),
                Blank(),
                P("Programmet bifogar jag tillbaka, tack för det."),
                mvh("Tove"),
            ),
            attachments=(PDF,),
        ),
        "key-block",
        booked(*_pdf),
        tuple(_pdf),
    )
)

_x_han = [
    ["Namn", "E-post"],
    *[
        [n, addr(n, "haninge.se")]
        for n in (
            "Pernilla Wikström",
            "Yusuf Demir",
            "Maja Forsberg",
            "Patrik Öhman",
            "Ulla Gustafsson",
        )
    ],
]
_att_han = [
    b(r[0], "haninge.se", HAN, "waitlisted" if i == 4 else "confirmed")
    for i, r in enumerate(_x_han[1:])
]
add(
    Case(
        "att-xlsx-five-rows-haninge",
        "outlook",
        Mail(
            "Tobias Fredriksson",
            "tobias.fredriksson@haninge.se",
            "Anmälan Haninge kommun – bifogad lista",
            date(25, 10, 0),
            (
                P("Hej,"),
                P(
                    "Här är vår lista. Vi vet att det är fyra platser, den femte får gärna stå som reserv."
                ),
                mvh("Tobias"),
            ),
            attachments=(xlsx(_x_han),),
        ),
        "attachment",
        booked(*_att_han),
        tuple(_att_han),
    )
)

_csv_var = [
    ["Oskar Lindahl", "oskar.lindahl@varmdo.se", "Samordnare"],
    ["Camilla Åström", "camilla.astrom@varmdo.se", "Utredare"],
]
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

_x_bromma = [
    ["Namn", "E-post", "Stadsdel"],
    ["Jessica Lund", "jessica.lund@stockholm.se", "Bromma"],
    ["Adam Olsson", "adam.olsson@stockholm.se", "Bromma"],
]
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

_html_only = [b("Fatima Hassan", "botkyrka.se", BOK), b("Emir Kovač", "botkyrka.se", BOK)]
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
                Items(
                    (
                        "Fatima Hassan – fatima.hassan@botkyrka.se",
                        "Emir Kovač – emir.kovac@botkyrka.se",
                    )
                ),
                mvh("Åsa"),
            ),
        ),
        "list",
        booked(*_html_only),
        tuple(_html_only),
    )
)
