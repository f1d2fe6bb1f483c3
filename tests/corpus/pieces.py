"""Pieces the corpus cases share: signatures, disclaimers, the organiser's invitation, dates,
and attachments made the way people make them (Excel via XlsxWriter, CSV as Excel saves it)."""

from __future__ import annotations

import datetime as dt
import io

import xlsxwriter
from body import BOT, BOT_NAME, Attachment, Disclaimer, P, Quote, Sig

ORGANISER = "Therese Travis"
ORGANISER_ADDRESS = "therese.travis@lansstyrelsen.example"

_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def date(day: int, hour: int, minute: int, month: int = 8) -> str:
    """An RFC 5322 Date as clients write it (local time, +0200 in summer)."""
    d = dt.date(2022, month, day)
    return f"{_DAYS[d.weekday()]}, {day} {_MONTHS[month - 1]} 2022 {hour:02d}:{minute:02d}:00 +0200"


def received(day: int, hour: int, minute: int, month: int = 8) -> str:
    return f"2022-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:30+02:00"


def sig(name: str, title: str, org: str, phone: str, email: str, street: str = "") -> Sig:
    lines = [name, title, org]
    if street:
        lines.append(street)
    lines += [f"Tel: {phone}", email]
    return Sig(tuple(lines))


def mvh(first: str) -> P:
    return P(f"Med vänlig hälsning\n{first}")


KOMMUN_DISCLAIMER = Disclaimer(
    "När du skickar e-post till kommunen behandlas dina personuppgifter enligt dataskyddsförordningen "
    "(GDPR). Läs mer om hur vi behandlar personuppgifter på kommunens webbplats. Detta e-postmeddelande "
    "kan innehålla konfidentiell information och är endast avsett för adressaten. Om du har fått det "
    "av misstag, meddela avsändaren och radera meddelandet."
)

STATE_DISCLAIMER = Disclaimer(
    "Detta e-postmeddelande och eventuella bilagor kan innehålla sekretessbelagd information och är endast "
    "avsett för adressaten. Har du fått meddelandet av misstag ber vi dig kontakta avsändaren och radera "
    "meddelandet. Information om hur myndigheten behandlar personuppgifter finns på vår webbplats. "
    "Kontakta vårt dataskyddsombud på dataskyddsombud@kriminalvarden.se. / This e-mail may contain "
    "confidential information intended only for the addressee. If you have received it in error, "
    "please notify the sender and delete it."
)

POLICE_DISCLAIMER = Disclaimer(
    "Polismyndigheten behandlar personuppgifter i enlighet med gällande lagstiftning. Mer information "
    "finns på polisen.se/personuppgifter. Meddelandet kan innehålla uppgifter som omfattas av sekretess."
)

INVITATION_BODY = (
    P("Till berörda aktörer"),
    P(
        "Länsstyrelsen Stockholm bjuder in till en seminarieserie om öppna drogscener i Stockholms "
        "läns utsatta områden. Seminarierna hålls den 13, 14 och 15 september 2022 kl. 13.00–16.30 "
        "hos Länsstyrelsen, Regeringsgatan 66, plan 4, lokal Grand."
    ),
    P(
        "Varje kommun, stadsdelsförvaltning och lokalpolisområde har fyra platser. Anmälan görs till "
        "anmalan@lansstyrelsen.example senast den 4 september. Ange för varje deltagare:"
    ),
    P(
        "Namn: Förnamn Efternamn\nE-post: fornamn.efternamn@organisation.se\nBefattning: \nOrganisation: "
    ),
    P("Ta med giltig legitimation. Frågor besvaras av projektledaren."),
    P(
        f"Med vänlig hälsning\n{ORGANISER}\nProjektledare, Samverkan Stockholmsregionen\n"
        f"Länsstyrelsen Stockholm\n{ORGANISER_ADDRESS}\n010-223 10 00"
    ),
)

INVITATION_SUBJECT = (
    "Inbjudan: Öppna drogscener i Stockholms läns utsatta områden – seminarieserie 13–15 september"
)


def invitation(to: str, forward: bool = False) -> Quote:
    """The organiser's invitation as it sits quoted or forwarded below an answer."""
    return Quote(
        ORGANISER,
        ORGANISER_ADDRESS,
        dt.datetime(2022, 8, 15, 14, 2),
        to,
        INVITATION_SUBJECT,
        INVITATION_BODY,
        forward=forward,
    )


def xlsx(
    rows: list[list[str]], sheet: str = "Blad1", filename: str = "deltagare.xlsx"
) -> Attachment:
    """A real .xlsx from XlsxWriter; the fixed creation date makes the zip byte-for-byte stable."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    wb.set_properties({"author": "Excel", "created": dt.datetime(2022, 8, 20, 9, 0, 0)})
    ws = wb.add_worksheet(sheet)
    bold = wb.add_format({"bold": True})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            ws.write_string(r, c, value, bold if r == 0 and "@" not in "".join(row) else None)
    ws.set_column(0, max(len(r) for r in rows), 28)
    wb.close()
    return Attachment(
        filename,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buf.getvalue(),
    )


def csv(
    rows: list[list[str]],
    sep: str,
    encoding: str,
    filename: str = "deltagare.csv",
    content_type: str = "application/vnd.ms-excel",
) -> Attachment:
    """CSV as Excel saves it: CRLF rows; `utf-8-sig` is Excel's "CSV UTF-8" (with a BOM).
    Outlook on Windows labels a .csv by Excel's registration (`application/vnd.ms-excel`);
    Gmail and Thunderbird send `text/csv` with a charset."""
    text = "".join(sep.join(row) + "\r\n" for row in rows)
    return Attachment(filename, content_type, text.encode(encoding))


PDF = Attachment(
    "Program_seminarieserie.pdf",
    "application/pdf",
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n",
)


# judge.py puts the Message-ID of the bot's confirmation to `reply_to` in place of this one.
CONFIRMATION = "<confirmation-of-reply-to@corpus.invalid>"
CONFIRMATION_SUBJECT = "Bekräftelse: Öppna drogscener i Stockholms läns utsatta områden"


def confirmation_quote(name: str, email: str) -> Quote:
    """The bot's confirmation as it sits quoted below a participant's answer to it."""
    return Quote(
        BOT_NAME,
        BOT,
        dt.datetime(2022, 8, 22, 9, 15),
        f"{name} <{email}>",
        CONFIRMATION_SUBJECT,
        (
            P(f"Hej {name}!"),
            P("Du är anmäld till seminariet. Välkommen!"),
            P(
                "Seminarium: Öppna drogscener i Stockholms läns utsatta områden\n"
                "Datum: onsdag 14 september 2022\nTid: 13.00–16.30\n"
                "Plats: Länsstyrelsen Stockholm, Regeringsgatan 66, plan 4, lokal Grand"
            ),
            P(f"Namn: {name}\nE-post: {email}"),
            P("Vill du avanmäla dig, svara på detta mejl och skriv att du inte kan komma."),
            P("Therese Travis\nProjektledare, Samverkan Stockholmsregionen"),
        ),
    )
