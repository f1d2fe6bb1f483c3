"""Machine-written noise: newsletters, robots' notices, out-of-office replies, list posts.

None of these may ever get a reply (RFC 3834, SPEC §10), whoever's domain they come from. Each
builder returns `Noise` values whose `name` is a short slug; noise_build.py numbers them.
"""

from __future__ import annotations

from noise_mime import (
    BOT,
    Ids,
    Noise,
    addr,
    attachment,
    auth_results,
    enc,
    multipart,
    raw,
    received,
    text_html,
    text_plain,
)
from noise_people import People

IGNORED = ("ignored",)

NEWSLETTERS = [
    ("Nyhetsbrev augusti: Trygghet i fokus", "Trygghetsveckan närmar sig", "sv"),
    ("Veckans nyheter från förvaltningen", "Nya riktlinjer för fältarbete", "sv"),
    ("Inbjudan: Frukostseminarium om ungas drogvanor", "Boka in den 29 september", "sv"),
    ("Nyhetsbrev från Brottsförebyggande rådet", "Ny rapport: Öppna drogscener 2022", "sv"),
    ("Your weekly digest", "Top stories from your network this week", "en"),
    ("Webinar invitation: Data-driven crime prevention", "Save your seat today", "en"),
    ("Medlemsutskick september", "Årsmöte, nya stadgar och sommarens aktiviteter", "sv"),
    ("Kursutbud hösten 2022", "Motiverande samtal, MI steg 1 och 2", "sv"),
    ("Product update: New features in your dashboard", "We shipped dark mode", "en"),
    ("Personalinfo v.35", "Löneutbetalning, friskvård och nya rutiner", "sv"),
]


def _newsletter_html(title: str, lead: str, unsubscribe: str) -> str:
    rows = "".join(
        f'<tr><td style="padding:12px;font-family:Arial"><h2 style="color:#00558c">{h}</h2>'
        f'<p>{t}</p><a href="https://nyhetsbrev.example/r/{i}" style="background:#00558c;'
        f'color:#fff;padding:8px 16px">Läs mer</a></td></tr>'
        for i, (h, t) in enumerate(
            [
                (lead, "Här kan du läsa mer om arbetet under hösten och vad som händer framåt."),
                ("Kalendarium", "Se alla kommande händelser i kalendern på vår webbplats."),
                ("Tips och verktyg", "Nya metodstöd finns nu att ladda ner som pdf."),
            ]
        )
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0}'
        "@media only screen and (max-width:600px){.col{width:100%!important}}</style></head>"
        f'<body><div style="display:none;max-height:0">{lead}</div>'
        f'<table role="presentation" width="600" align="center" cellpadding="0" cellspacing="0">'
        f'<tr><td><img src="https://nyhetsbrev.example/logo.png" alt="" width="600"></td></tr>'
        f"<tr><td><h1>{title}</h1></td></tr>{rows}"
        f'<tr><td style="font-size:11px;color:#888">Du får detta mejl eftersom du prenumererar. '
        f'<a href="{unsubscribe}">Avregistrera</a> | <a href="https://nyhetsbrev.example/pref">'
        "Inställningar</a></td></tr></table>"
        '<img src="https://nyhetsbrev.example/open.gif?u=8812" width="1" height="1"></body></html>'
    )


def newsletters(ids: Ids, people: People) -> list[Noise]:
    out = []
    senders = [
        ("nyhetsbrev@huddinge.se", "Huddinge kommun", True),
        ("info@nyhetsbrev.stockholm.se", "Stockholms stad", True),
        ("news@bra.se", "Brå", False),
        ("newsletter@mail.linkedin-like.example", "Weekly Digest", False),
    ]
    for i in range(32):
        subject, lead, lang = NEWSLETTERS[i % len(NEWSLETTERS)]
        sender, display, invited = senders[i % len(senders)]
        local, _, domain = sender.partition("@")
        sender = f"{local}+{i}@{domain}" if i >= len(senders) else sender
        unsub = f"https://nyhetsbrev.example/u/{ids.hexid(20)}"
        boundary = ids.boundary("java")
        html = _newsletter_html(subject, lead, unsub)
        plain = f"{subject}\n\n{lead}\n\nLäs mer: https://nyhetsbrev.example/r/0\n\nAvregistrera: {unsub}\n"
        marker = i % 4
        headers = [
            received(ids, f"mta{i}.mailout.example", f"192.0.2.{i + 10}"),
            auth_results(domain, passed=True),
            ("From", addr(display, sender)),
            ("To", BOT),
            ("Subject", enc(subject)),
            ("Date", ids.date()),
            ("Message-ID", ids.msgid(f"mailout.{domain}")),
        ]
        if marker in (0, 1):
            headers.append(("List-Unsubscribe", f"<{unsub}>, <mailto:unsub-{i}@{domain}>"))
            headers.append(("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
        if marker in (1, 2):
            headers.append(("Precedence", "bulk"))
        if marker == 3:
            headers.append(("Auto-Submitted", "auto-generated"))
            headers.append(("X-Mailer", "Apsis Pro"))
        headers += [
            ("MIME-Version", "1.0"),
            ("Content-Type", f'multipart/alternative; boundary="{boundary}"'),
        ]
        body = multipart(boundary, [text_plain(plain), text_html(html)])
        out.append(
            Noise(
                name=f"{'sv' if lang == 'sv' else 'en'}-{['list-unsubscribe', 'bulk-and-list', 'precedence-bulk', 'auto-generated'][marker]}",
                kind="newsletter",
                imitates="a mass mailer's HTML newsletter (Apsis, Mailchimp, LinkedIn digest)",
                sender=sender,
                invited=invited,
                automated=True,
                outcomes=IGNORED,
                raw=raw(headers, body),
                trusted_pass=True,
            )
        )
    return out


def _robot(
    ids: Ids,
    *,
    sender: str,
    display: str,
    subject: str,
    body_text: str,
    extra: list[tuple[str, str]],
    html: str | None = None,
    attach: tuple[str, str, bytes] | None = None,
) -> bytes:
    domain = sender.partition("@")[2]
    headers = [
        received(ids, f"out.{domain}", "198.51.100.23"),
        auth_results(domain, passed=True),
        ("From", addr(display, sender)),
        ("To", BOT),
        ("Subject", enc(subject)),
        ("Date", ids.date()),
        ("Message-ID", ids.msgid(domain)),
        *extra,
        ("MIME-Version", "1.0"),
    ]
    parts = [text_plain(body_text)] + ([text_html(html)] if html else [])
    if attach is None and len(parts) == 1:
        headers.append(("Content-Type", "text/plain; charset=utf-8"))
        headers.append(("Content-Transfer-Encoding", "8bit"))
        return raw(headers, body_text)
    inner_b = ids.boundary("java")
    inner = multipart(inner_b, parts)
    if attach is None:
        headers.append(("Content-Type", f'multipart/alternative; boundary="{inner_b}"'))
        return raw(headers, inner)
    outer_b = ids.boundary("java")
    headers.append(("Content-Type", f'multipart/mixed; boundary="{outer_b}"'))
    body = multipart(
        outer_b,
        [
            f'Content-Type: multipart/alternative; boundary="{inner_b}"\n\n{inner}',
            attachment(*attach),
        ],
    )
    return raw(headers, body)


def notices(ids: Ids, people: People) -> list[Noise]:
    """Booking robots and service notices: hotels, calendars, ticket systems, IT, travel."""
    specs: list[tuple[str, str, str, str, str, list[tuple[str, str]], bool]] = []
    for n in range(5):
        ref = 4400120 + n * 17
        specs.append(
            (
                "hotel-booking-confirmation",
                f"noreply@reservations{n}.hotel-example.com",
                "Scandic-like Hotels",
                f"Bokningsbekräftelse {ref} – Hotell Norra Bantorget",
                f"Hej!\n\nTack för din bokning. Bokningsnummer: {ref}\nIncheckning: 13 september 2022 från 15:00\n"
                "Utcheckning: 14 september 2022 senast 12:00\nRum: 1 Standard, 1 gäst\nPris: 1 490 SEK\n\n"
                "Avbokning kan göras kostnadsfritt fram till kl. 18 på ankomstdagen.\n\n"
                "Detta mejl går inte att svara på.\n",
                [("X-Auto-Response-Suppress", "All")]
                if n % 2
                else [("Auto-Submitted", "auto-generated")],
                False,
            )
        )
    for n in range(4):
        specs.append(
            (
                "calendar-notification",
                "calendar-notification@google.com"
                if n % 2
                else f"no-reply{n}@calendar.outlook.example",
                "Google Calendar",
                f"Notification: Samverkansmöte @ Tue Sep {6 + n}, 2022 10am - 11am (CEST)",
                f"This is a reminder for:\n\nSamverkansmöte\nWhen: Tue Sep {6 + n}, 2022 10am – 11am Central European Time - Stockholm\n"
                "Calendar: anmalan@lansstyrelsen.example\n\nInvitation from Google Calendar\n\n"
                "You are receiving this email because you have set up notifications for this calendar.\n",
                [("Auto-Submitted", "auto-generated")],
                False,
            )
        )
    for n in range(5):
        case = 23100 + n * 7
        inv = n % 2 == 0
        specs.append(
            (
                "ticket-system",
                f"servicedesk@{'huddinge.se' if inv else 'topdesk-cloud.example'}",
                "Servicedesk",
                f"[Ärende #{case}] Ditt ärende har registrerats – Lösenordsåterställning",
                f"Hej,\n\nDitt ärende #{case} har tagits emot och tilldelats en handläggare.\n"
                "Status: Registrerat\nPrioritet: Normal\n\nSvara inte på detta meddelande. "
                "Följ ärendet i självserviceportalen.\n\nMed vänliga hälsningar\nIT-servicedesk\n",
                [("Auto-Submitted", "auto-generated"), ("X-Auto-Response-Suppress", "All")]
                if n % 2
                else [("Precedence", "bulk"), ("X-Mailer", "TOPdesk")],
                inv,
            )
        )
    for n in range(4):
        specs.append(
            (
                "it-password-expiry",
                f"no-reply@{['stockholm.se', 'polisen.se', 'regionstockholm.se', 'nacka.se'][n]}",
                "IT-avdelningen",
                "Ditt lösenord går ut om 5 dagar",
                "Hej!\n\nDitt lösenord för kontot går ut om 5 dagar. Byt lösenord via portalen.\n\n"
                "Detta är ett automatiskt meddelande.\n",
                [("X-Auto-Response-Suppress", "All")],
                True,
            )
        )
    for n in range(4):
        specs.append(
            (
                "travel-ticket",
                f"no-reply@{['sj-tickets.example', 'flygbolaget.example'][n % 2]}",
                "Biljetter",
                f"Din resa Uppsala – Stockholm C den {13 + n % 3} september",
                f"Bokningsnummer: SJ{ids.hexid(6).upper()}\nAvgång 07:42 Uppsala C, ankomst 08:20 Stockholm C\n"
                "Vagn 3, plats 41\n\nVisa biljetten i appen.\n",
                [] if n % 2 else [("Auto-Submitted", "auto-generated")],
                False,
            )
        )
    for _n in range(4):
        specs.append(
            (
                "m365-quarantine",
                "quarantine@messaging.microsoft.com",
                "Microsoft 365 Security",
                "Microsoft 365 security: You have messages in quarantine",
                "Review these 3 messages that are being held for you.\n\nSender: info@rabatt-example.biz\n"
                "Subject: Vinn ett presentkort\nDate: 2022-08-30\n\nReview Message | Release\n",
                [
                    ("X-MS-Exchange-Organization-AuthAs", "Internal"),
                    ("Auto-Submitted", "auto-generated"),
                ],
                False,
            )
        )
    for n in range(4):
        inv_host = ["huddinge.se", "botkyrka.se", "tullverket.se", "sll.se"][n]
        specs.append(
            (
                "sharepoint-share",
                f"no-reply@sharepointonline.{inv_host}"
                if n % 2
                else "no-reply@sharepointonline.com",
                "SharePoint Online",
                'Lena Holm delade mappen "Seminarier 2022" med dig',
                "Lena Holm har delat en mapp med dig.\n\nSeminarier 2022\n\nÖppna\n\n"
                "Microsoft respekterar din integritet.\n",
                [],
                n % 2 == 1,
            )
        )
    for _n in range(3):
        specs.append(
            (
                "teams-missed-activity",
                "noreply@email.teams.microsoft.com",
                "Microsoft Teams",
                "Du har missat aktivitet i Teams",
                'Mattias Olsson skickade ett meddelande i Trygghetsgruppen\n\n"Kan någon ta mötet på fredag?"\n\n'
                "Svara i Teams\n",
                [("X-MS-Exchange-Organization-SCL", "-1")],
                False,
            )
        )
    out = []
    for slug, sender, display, subject, text, extra, invited in specs:
        attach = None
        if slug == "hotel-booking-confirmation":
            attach = (
                "application/pdf",
                "Bokningsbekraftelse.pdf",
                b"%PDF-1.4\n% hotel receipt\n%%EOF\n",
            )
        html = None
        if slug in ("hotel-booking-confirmation", "sharepoint-share", "teams-missed-activity"):
            html = (
                "<html><body>"
                + "".join(f"<p>{line}</p>" for line in text.split("\n"))
                + "</body></html>"
            )
        out.append(
            Noise(
                name=slug,
                kind="notice",
                imitates="a booking robot or service notice (hotel, calendar, ticket system, IT, travel, Microsoft 365)",
                sender=sender,
                invited=invited,
                automated=True,
                outcomes=IGNORED,
                raw=_robot(
                    ids,
                    sender=sender,
                    display=display,
                    subject=subject,
                    body_text=text,
                    extra=extra,
                    html=html,
                    attach=attach,
                ),
                trusted_pass=True,
            )
        )
    return out


def out_of_office(ids: Ids, people: People) -> list[Noise]:
    """Exchange (sv/en), Gmail vacation, and a few old systems that mark nothing."""
    out = []
    subjects_sv = [
        "Automatiskt svar: Inbjudan till seminarium 14 september",
        "Automatiskt svar: Öppna drogscener – anmälan",
    ]
    for i in range(26):
        p = people.invited(i)
        style = ["exchange-sv", "exchange-en", "gmail-vacation", "unmarked-sv"][i % 4]
        if style == "exchange-sv":
            subject = subjects_sv[i % 2]
            body = (
                f"Hej!\n\nJag är på semester till och med den {5 + i % 20} september och läser inte min e-post.\n"
                f"Vid brådskande ärenden, kontakta växeln 08-535 100 00.\n\nMed vänlig hälsning\n{p.name}\n"
            )
            extra = [
                ("Auto-Submitted", "auto-generated"),
                ("X-Auto-Response-Suppress", "All"),
                ("X-MS-Exchange-Inbox-Rules-Loop", p.address),
                ("Thread-Topic", enc(subject[19:])),
            ]
        elif style == "exchange-en":
            subject = "Automatic reply: Invitation to the seminar on 14 September"
            body = f"Thank you for your email. I am out of the office until {5 + i % 20} September with limited access to email.\n\nBest regards\n{p.name}\n"
            extra = [("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")]
        elif style == "gmail-vacation":
            subject = "Re: Öppna drogscener – inbjudan"
            body = (
                f"Hej, jag är tjänstledig under hösten. Mejl läses inte.\n\n/{p.name.split()[0]}\n"
            )
            extra = [("Auto-Submitted", "auto-replied"), ("Precedence", "bulk")]
        else:
            subject = (
                "Frånvaro: Inbjudan till seminarium" if i % 8 == 3 else "Out of Office: seminar"
            )
            body = f"Jag är tillbaka måndag {5 + i % 20} september.\n\n{p.signature()}\n"
            extra = (
                [("X-Auto-Response-Suppress", "OOF, DR, RN, NRN")]
                if i % 8 == 3
                else [("Return-Path", "<>")]
            )
        headers = [
            received(ids, f"mail.{p.address.partition('@')[2]}", "203.0.113.7"),
            auth_results(p.address.partition("@")[2], passed=True),
            ("From", addr(p.name, p.address)),
            ("To", BOT),
            ("Subject", enc(subject)),
            ("Date", ids.date()),
            (
                "Message-ID",
                ids.outlook_msgid()
                if style.startswith("exchange")
                else ids.msgid("mail.gmail.com"),
            ),
            ("In-Reply-To", "<inbjudan-2022@lansstyrelsen.example>"),
            *extra,
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Transfer-Encoding", "8bit"),
        ]
        out.append(
            Noise(
                name=style,
                kind="out-of-office",
                imitates="an out-of-office auto-reply (Exchange sv/en, Gmail vacation, an older system)",
                sender=p.address,
                invited=True,
                automated=True,
                outcomes=IGNORED,
                raw=raw(headers, body),
                trusted_pass=True,
            )
        )
    return out


def mailing_lists(ids: Ids, people: People) -> list[Noise]:
    """Posts to lists the bot's mailbox is on: Mailman, ezmlm, vger, SmartList, Sympa, Google Groups."""
    topics = [
        (
            "Anmälan till nätverksträffen 20 oktober",
            "Hej alla!\n\nAnmälan till nätverksträffen görs senast 10 oktober. Vi ses!\n",
        ),
        (
            "Fråga om rutiner vid orosanmälan",
            "Hur gör ni med orosanmälningar som kommer in på helger?\n",
        ),
        (
            "Protokoll från senaste mötet",
            "Hej, här kommer protokollet. Hör av er om något saknas.\n",
        ),
        (
            "Jag och min kollega kommer till mötet",
            "Jag och Per Persson (per.persson@huddinge.se) kommer på torsdag.\n",
        ),
        (
            "Re: Platser kvar på utbildningen?",
            "Ja, det finns två platser kvar. Anmäl er till mig.\n",
        ),
    ]
    styles = ["mailman", "ezmlm", "vger", "smartlist", "sympa", "google-groups"]
    out = []
    for i in range(30):
        p = people.invited(i + 3)
        style = styles[i % len(styles)]
        subject, text = topics[i % len(topics)]
        listname = ["trygghetsnatverket", "socialtjanst-sthlm", "fältnätverket", "brottsprev"][
            i % 4
        ]
        listname = listname.replace("ä", "a")
        host = "lists.samverkan.example"
        extra: list[tuple[str, str]]
        if style == "mailman":
            subject = f"[{listname}] {subject}"
            extra = [
                ("List-Id", f"Trygghetsnatverket <{listname}.{host}>"),
                ("List-Post", f"<mailto:{listname}@{host}>"),
                ("List-Unsubscribe", f"<https://{host}/mailman/options/{listname}>"),
                ("Precedence", "list"),
                ("Sender", f"{listname}-bounces@{host}"),
            ]
        elif style == "ezmlm":
            extra = [
                ("Mailing-List", f"contact {listname}-help@{host}; run by ezmlm"),
                ("Delivered-To", f"mailing list {listname}@{host}"),
            ]
        elif style == "vger":
            extra = [
                ("X-Mailing-List", f"{listname}@{host}"),
                ("Sender", f"{listname}-owner@{host}"),
            ]
        elif style == "smartlist":
            extra = [("X-Loop", f"{listname}@{host}"), ("Resent-From", f"{listname}@{host}")]
        elif style == "sympa":
            extra = [
                ("List-Id", f"<{listname}.{host}>"),
                ("List-Archive", f"<https://{host}/sympa/arc/{listname}>"),
                ("X-Loop", f"{listname}@{host}"),
                ("X-Sequence", str(i)),
            ]
        else:
            extra = [
                (
                    "Mailing-list",
                    f"list {listname}@googlegroups.com; contact {listname}+owners@googlegroups.com",
                ),
                ("List-ID", f"<{listname}.googlegroups.com>"),
                ("Precedence", "list"),
                ("X-Original-Sender", p.address),
            ]
        headers = [
            received(ids, host, "192.0.2.99"),
            auth_results(p.address.partition("@")[2], passed=False, dkim_domain=host),
            ("From", addr(p.name, p.address)),
            ("To", f"{listname}@{host}"),
            ("Subject", enc(subject)),
            ("Date", ids.date()),
            ("Message-ID", ids.msgid(p.address.partition("@")[2])),
            *extra,
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=utf-8; format=flowed"),
            ("Content-Transfer-Encoding", "8bit"),
        ]
        footer = (
            f"\n_______________________________________________\n{listname} mailing list\n"
            f"{listname}@{host}\nhttps://{host}/mailman/listinfo/{listname}\n"
            if style in ("mailman", "sympa")
            else ""
        )
        out.append(
            Noise(
                name=style,
                kind="list-post",
                imitates="a post to a mailing list the mailbox is on (Mailman List-Id, ezmlm Mailing-List, X-Mailing-List, X-Loop, Sympa, Google Groups)",
                sender=p.address,
                invited=True,
                automated=True,
                outcomes=IGNORED,
                raw=raw(headers, text + f"\n{p.signature()}\n" + footer),
            )
        )
    return out
