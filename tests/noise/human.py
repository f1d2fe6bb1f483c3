"""Noise written by people (or made to look so): questions, notes, tests, invitations, spam.

From an invited sender, a human note that does not ask to register goes to the organiser
(`forwarded`) and gets no reply; from anyone else it is `ignored` with rule `not-a-registration`
(SPEC §3, §4). Spam and phishing never get a reply; a forged From never does.
"""

from __future__ import annotations

from noise_mime import (
    BOT,
    Ids,
    Noise,
    addr,
    attachment,
    auth_results,
    b64,
    enc,
    multipart,
    part,
    qp,
    raw,
    received,
    text_html,
    text_plain,
)
from noise_people import People, Person

QUESTIONS_SV = [
    ("Parkering?", "Hej!\n\nFinns det parkering i närheten av lokalen på Regeringsgatan?\n"),
    ("Fråga om lokalen", "Hej,\n\nVilken våning ligger lokalen Grand på, och finns det hiss?\n"),
    (
        "Presentationerna",
        "Hej Therese,\n\nGår det att få ta del av presentationerna i efterhand?\n",
    ),
    ("Tid", "Hej! Vilken tid börjar seminariet och när beräknas det vara slut?\n"),
    ("Specialkost", "Hej,\n\nServeras det fika? Jag undrar eftersom jag är glutenintolerant.\n"),
    ("Fråga", "Hej,\n\nFinns det ett program för eftermiddagen som jag kan sprida internt?\n"),
    ("Tillgänglighet", "Hej! Finns det hörslinga i lokalen?\n"),
    ("Inspelning?", "Hej, spelas seminariet in? Vår chef undrar.\n"),
    (
        "Angående seminariet",
        "Hej,\n\nVem är moderator för eftermiddagen? Vi har några frågor i förväg.\n",
    ),
    ("Deltagarlista", "Hej!\n\nSkickas en förteckning över medverkande organisationer ut innan?\n"),
]
QUESTIONS_EN = [
    (
        "Livestream?",
        "Hi,\n\nIs there a livestream for those who cannot be in Stockholm that day?\n",
    ),
    ("Question about the venue", "Hello,\n\nIs the venue accessible by wheelchair?\n"),
    ("Slides", "Hi Therese,\n\nWill the slides be shared afterwards?\n"),
    ("Language", "Hi, will the talks be in Swedish only, or is there English interpretation?\n"),
]
# Questions that carry one of §3's words for registering in another sense ("kommer det …",
# "platsen"). A careful organiser reads them as questions; see README.
QUESTIONS_SIGN_WORD = [
    ("Fråga", "Hej,\n\nKommer det att finnas fika under eftermiddagen?\n"),
    ("Fråga om platsen", "Hej! Hur tar man sig till platsen enklast från Centralen?\n"),
    ("Dokumentation", "Hej,\n\nKommer dokumentationen att läggas ut på webben?\n"),
    ("Question", "Hi, will the attendance list be published anywhere? Just curious.\n"),
]
# More of the same kind, written differently (issue 9): §3's words in other senses, questions
# about how to register, a person with an address named in a question about something else,
# a registering subject over a question, English, a greeting run into the question. None of
# them asks for a seat, so none may book anyone; see mailbot/reading/registering.py.
QUESTIONS_REGISTERING_WORDS = [
    (
        "Fråga inför seminariet",
        "Hej Therese!\n\nKommer det att serveras lunch, eller ska vi ta med eget?\n",
    ),
    ("Anmälan", "Hej,\n\nHur anmäler man sig? Jag hittar ingen länk på webben.\n"),
    ("Registration", "Hi,\n\nHow do I register for the seminar, and is there a deadline?\n"),
    ("Deltagarlistan", "Hej,\n\nKan ni skicka deltagarlistan till mig när den är klar?\n"),
    (
        "Moderator",
        "Hej,\n\nKan Per Holm (per.holm@exempel.se) vara moderator under eftermiddagen, eller har ni redan någon?\n",
    ),
    (
        "Question about attending",
        "Hello,\n\nWhat time should attendees arrive, and will coffee be served?\n",
    ),
    ("Anmälan", "Hej!\n\nFinns det parkering vid lokalen? Och hiss?\n\nTack på förhand!\n"),
    (
        "Seminariet",
        "Hej,\n\nJag kommer från Botkyrka kommun och undrar om det går att få presentationerna i efterhand?\n",
    ),
    (
        "Fråga om anmälan",
        "Hej,\n\nÄr sista anmälningsdag den 1 september? Vi har några som funderar.\n",
    ),
    (
        "Will there be a recording?",
        "Hi Therese, I won't be in Stockholm that week – will the seminar be recorded or streamed?\n",
    ),
    (
        "Minnesanteckningar",
        "Hej,\n\nTack för ert deltagande i förra veckans nätverksträff! Kommer minnesanteckningarna att skickas ut?\n",
    ),
    ("Lokal", "Hej! Här kommer en fråga: finns det hörslinga i lokalen?\n"),
    (
        "Seminar",
        "Dear Therese,\n\nCould you send me the list of participating organisations before the seminar?\n",
    ),
    ("Plats?", "Hej, finns det plats kvar? Vi är några som är nyfikna.\n"),
]
# Questions about whether or how one could cancel or swap (issue 9): a cancelling word inside a
# question that asks for nothing to be done. None may cancel, substitute or answer the sender;
# see mailbot/reading/intent.py `asks_to`.
QUESTIONS_CANCELLING = [
    ("Avbokning", "Hej,\n\nKan man avboka senare om planerna ändras?\n"),
    ("Fråga om återbud", "Hej Therese!\n\nHur gör jag om jag behöver lämna återbud?\n"),
    ("Question", "Hi,\n\nIs it possible to cancel later if plans change?\n"),
    (
        "Byte av deltagare?",
        "Hej,\n\nGår det att byta deltagare om någon blir sjuk? Vi är ett litet team.\n",
    ),
    ("Avanmälan", "Hej! När är sista dag att avanmäla sig utan kostnad?\n"),
    (
        "Cancellation policy",
        "Hello,\n\nWhat happens if I can't attend after all? Is there a fee for cancelling?\n",
    ),
    (
        "Seminariet",
        "Hej,\n\nJag undrar om man kan skicka en ersättare om man själv får förhinder?\n",
    ),
    (
        "Återbud",
        "Hej,\n\nKan Anna Berg (anna.berg@exempel.se) avboka i efterhand om hon blir sjuk?\n",
    ),
    ("Substitution", "Hi Therese, can I still swap a colleague in later, or cancel if needed?\n"),
    (
        "Fråga",
        "Hej!\n\nMåste man avanmäla sig skriftligt, eller räcker det att ringa?\n\nTack på förhand!\n",
    ),
]
THANKS = [
    (
        "Tack!",
        "Hej Therese,\n\nTack för en mycket givande dag igår. Bra upplägg och intressanta talare.\n",
    ),
    (
        "Tack för inbjudan",
        "Hej,\n\nTack för inbjudan! Jag har vidarebefordrat den till chefsgruppen.\n",
    ),
    ("Thank you", "Dear Therese,\n\nThank you for the invitation and for organising this.\n"),
    ("Tack", "Tack för informationen!\n"),
    ("Tack för senast", "Hej!\n\nTack för senast, det var trevligt att ses på nätverksträffen.\n"),
]
MEETINGS = [
    (
        "Avstämning inför hösten?",
        "Hej Therese,\n\nHar du möjlighet att ses en timme nästa vecka för en avstämning om samverkansavtalet? Tisdag eller onsdag förmiddag passar mig.\n",
    ),
    ("Lunch?", "Hej! Ska vi äta lunch på torsdag och prata om projektet?\n"),
    (
        "Meeting next week",
        "Hi Therese,\n\nCould we set up a call next week about the joint report? Thursday afternoon works for me.\n",
    ),
    (
        "Telefonmöte",
        "Hej,\n\nKan du ringa mig i morgon om rapporten till styrgruppen? Jag sitter på 08-123 45 67.\n",
    ),
]
TESTS = [
    ("test", "test\n"),
    ("Test", ""),
    ("testar", "Testar om adressen fungerar.\n"),
    ("", ""),
    ("test 2", " \n\n"),
    ("Provmejl", "Detta är ett provmejl. Bortse från det.\n"),
]


def _plain(
    ids: Ids,
    p: Person,
    subject: str,
    body: str,
    *,
    client: str,
    passed: bool = True,
    extra: list[tuple[str, str]] | None = None,
) -> bytes:
    """A person's mail the way one of the common clients writes it."""
    domain = p.address.partition("@")[2]
    headers = [
        received(ids, f"mail.{domain}", "203.0.113.31"),
        auth_results(domain, passed=passed),
        ("From", addr(p.name, p.address)),
        ("To", f"Länsstyrelsen anmälan <{BOT}>".replace("ä", "a") if client == "gmail" else BOT),
        ("Subject", enc(subject)),
        ("Date", ids.date()),
        ("Message-ID", ids.outlook_msgid() if client == "outlook" else ids.msgid("mail.gmail.com")),
        *(extra or []),
        ("MIME-Version", "1.0"),
    ]
    if client == "outlook":
        b = ids.boundary("outlook")
        # Outlook in Swedish offices often still sends Western European (windows-1252).
        charset = "windows-1252" if len(p.address) % 2 else "utf-8"
        html = (
            '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta http-equiv="Content-Type" '
            'content="text/html; charset='
            + charset
            + '"><style><!--p.MsoNormal{margin:0cm;font-size:11.0pt;'
            'font-family:"Calibri",sans-serif}--></style></head><body lang="SV"><div class="WordSection1">'
            + "".join(
                f'<p class="MsoNormal">{line or "&nbsp;"}<o:p></o:p></p>'
                for line in body.split("\n")
            )
            + "".join(
                f'<p class="MsoNormal"><span style="font-size:9.0pt">{line}</span><o:p></o:p></p>'
                for line in p.signature().split("\n")
            )
            + "</div></body></html>"
        )
        headers += [
            ("Content-Type", f'multipart/alternative;\n\tboundary="{b}"'),
            ("Content-Language", "sv-SE"),
            ("X-MS-Has-Attach", ""),
            ("X-MS-TNEF-Correlator", ""),
        ]
        text = body + "\n" + p.signature() + "\n"
        return raw(headers, multipart(b, [text_plain(text, charset), text_html(html, charset)]))
    if client == "gmail":
        b = ids.boundary("gmail")
        html = (
            '<div dir="ltr">'
            + "<br>".join(body.split("\n"))
            + '<br>-- <br><div class="gmail_signature">'
            + "<br>".join(p.signature().split("\n"))
            + "</div></div>"
        )
        headers.append(("Content-Type", f'multipart/alternative; boundary="{b}"'))
        return raw(
            headers,
            multipart(
                b,
                [
                    part(
                        'text/plain; charset="UTF-8"',
                        body + "\n-- \n" + p.signature() + "\n",
                        cte="8bit",
                    ),
                    part('text/html; charset="UTF-8"', html, cte="8bit"),
                ],
            ),
        )
    headers += [
        ("Content-Type", "text/plain; charset=utf-8; format=flowed"),
        ("Content-Transfer-Encoding", "8bit"),
        ("User-Agent", "Mozilla/5.0 Thunderbird/102.2.0")
        if client == "thunderbird"
        else ("X-Mailer", "iPhone Mail (19G82)"),
    ]
    sig = "\n-- \n" + p.signature() if client == "thunderbird" else "\n\nSkickat från min iPhone"
    return raw(headers, body + sig + "\n")


def _person(people: People, i: int, invited: bool) -> Person:
    return people.invited(i) if invited else people.uninvited(i)


def _notes(
    ids: Ids,
    people: People,
    kind: str,
    items: list[tuple[str, str]],
    count: int,
    imitates: str,
    offset: int,
    invited_every: int = 4,
) -> list[Noise]:
    out = []
    clients = ["outlook", "gmail", "thunderbird", "iphone"]
    for i in range(count):
        invited = i % invited_every != invited_every - 1
        p = _person(people, i + offset, invited)
        subject, body = items[i % len(items)]
        client = clients[(i + offset) % 4]
        if i % 5 == 2:
            subject = f"SV: {subject}" if client == "outlook" else f"Re: {subject}"
        out.append(
            Noise(
                name=f"{client}-{'invited' if invited else 'uninvited'}",
                kind=kind,
                imitates=imitates,
                sender=p.address,
                invited=invited,
                automated=False,
                outcomes=("forwarded",) if invited else ("ignored",),
                rule=None if invited else "not-a-registration",
                raw=_plain(ids, p, subject, body, client=client),
                trusted_pass=True,
            )
        )
    return out


def questions(ids: Ids, people: People) -> list[Noise]:
    sv = _notes(
        ids, people, "question", QUESTIONS_SV, 24, "a question to the organiser (Swedish)", 0
    )
    en = _notes(
        ids, people, "question", QUESTIONS_EN, 8, "a question to the organiser (English)", 1
    )
    sign = _notes(
        ids,
        people,
        "question-sign-word",
        QUESTIONS_SIGN_WORD,
        8,
        "a question that uses a registering word in another sense (kommer, platsen, attendance)",
        2,
    )
    return sv + en + sign


def questions_registering_words(ids: Ids, people: People) -> list[Noise]:
    """The second set of questions that use §3's words in another sense (written after the
    first, so the earlier files keep their numbers)."""
    return _notes(
        ids,
        people,
        "question-registering-word",
        QUESTIONS_REGISTERING_WORDS,
        28,
        "a question with a registering word that asks no registration (how to register, "
        "'kommer … att', a person named as moderator, a registering subject over a question)",
        5,
    )


def questions_cancelling(ids: Ids, people: People) -> list[Noise]:
    """Questions about whether or how one could cancel or swap (written after the others, so
    the earlier files keep their numbers)."""
    return _notes(
        ids,
        people,
        "question-cancelling",
        QUESTIONS_CANCELLING,
        20,
        "a question about whether or how one could cancel or swap (avboka senare, lämna "
        "återbud, cancel later, byta deltagare): no intent, no reply to the sender",
        7,
    )


def thanks(ids: Ids, people: People) -> list[Noise]:
    return _notes(ids, people, "thank-you", THANKS, 15, "a thank-you note", 3)


def meetings(ids: Ids, people: People) -> list[Noise]:
    return _notes(
        ids,
        people,
        "meeting-request",
        MEETINGS,
        10,
        "a colleague asking the organiser for a meeting",
        1,
    )


def test_mails(ids: Ids, people: People) -> list[Noise]:
    out = []
    for i in range(12):
        invited = i % 3 != 2
        p = _person(people, i + 7, invited)
        subject, body = TESTS[i % len(TESTS)]
        domain = p.address.partition("@")[2]
        headers = [
            received(ids, f"mail.{domain}", "203.0.113.44"),
            auth_results(domain, passed=True),
            ("From", addr(p.name if i % 2 else "", p.address)),
            ("To", BOT),
            *([("Subject", subject)] if subject or i % 4 else []),
            ("Date", ids.date()),
            ("Message-ID", ids.msgid(domain)),
            ("MIME-Version", "1.0"),
            ("Content-Type", "text/plain; charset=us-ascii" if i % 2 else "text/plain"),
        ]
        out.append(
            Noise(
                name="empty" if not body.strip() else "test",
                kind="test-mail",
                imitates="someone testing the address: 'test', an empty body, no subject",
                sender=p.address,
                invited=invited,
                automated=False,
                outcomes=("forwarded", "ignored") if invited else ("ignored",),
                rule=None if invited else "not-a-registration",
                raw=raw(headers, body),
                trusted_pass=True,
            )
        )
    return out


def _pgp_armor(ids: Ids, label: str) -> str:
    data = bytes(ids.rng.randrange(256) for _ in range(420))
    return f"-----BEGIN PGP {label}-----\n\n{b64(data, 64)}\n=Ab3x\n-----END PGP {label}-----\n"


_STYLES = ["pgp-mime", "smime-enveloped", "pgp-inline", "smime-signed", "pgp-signed"]
_SEALED = ["pgp-mime", "smime-enveloped", "pgp-inline"]
_REGISTERING_SUBJECTS = ["Anmälan", "Registration", "Anmälan till seminariet 14/9", "Deltagare"]


def encrypted_with_registering_subject(ids: Ids, people: People) -> list[Noise]:
    """Sealed notes (PGP/MIME, S/MIME enveloped, inline PGP) under a subject that registers:
    what they say cannot be read, so the subject alone books no one (the organiser, who may
    hold the key, reads them)."""
    return encrypted(
        ids, people, count=8, offset=23, styles=_SEALED, subjects=_REGISTERING_SUBJECTS
    )


def encrypted(
    ids: Ids,
    people: People,
    *,
    count: int = 10,
    offset: int = 11,
    styles: list[str] = _STYLES,
    subjects: list[str] | None = None,
) -> list[Noise]:
    """PGP/MIME (RFC 3156), inline PGP, S/MIME enveloped and S/MIME signed notes."""
    out = []
    for i in range(count):
        invited = i % 4 != 3
        p = _person(people, i + offset, invited)
        style = styles[i % len(styles)]
        b = ids.boundary("thunderbird" if "pgp" in style else "outlook")
        note = "Hej,\n\nHär kommer den krypterade rapporten som vi pratade om.\n"
        if style == "pgp-mime":
            ctype = f'multipart/encrypted; protocol="application/pgp-encrypted"; boundary="{b}"'
            body = multipart(
                b,
                [
                    part(
                        "application/pgp-encrypted",
                        "Version: 1",
                        extra="Content-Description: PGP/MIME version identification",
                    ),
                    part(
                        'application/octet-stream; name="encrypted.asc"',
                        _pgp_armor(ids, "MESSAGE"),
                        extra='Content-Disposition: inline; filename="encrypted.asc"',
                    ),
                ],
                preamble="This is an OpenPGP/MIME encrypted message (RFC 4880 and 3156)",
            )
        elif style == "smime-enveloped":
            ctype = 'application/pkcs7-mime; smime-type=enveloped-data; name="smime.p7m"'
            body = b64(bytes(ids.rng.randrange(256) for _ in range(600))) + "\n"
        elif style == "pgp-inline":
            ctype = "text/plain; charset=us-ascii"
            body = _pgp_armor(ids, "MESSAGE")
        elif style == "smime-signed":
            ctype = f'multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="{b}"'
            body = multipart(
                b,
                [
                    text_plain(note + "\n" + p.signature()),
                    part(
                        'application/pkcs7-signature; name="smime.p7s"',
                        b64(bytes(ids.rng.randrange(256) for _ in range(300))),
                        cte="base64",
                        extra='Content-Disposition: attachment; filename="smime.p7s"',
                    ),
                ],
            )
        else:
            ctype = f'multipart/signed; micalg=pgp-sha256; protocol="application/pgp-signature"; boundary="{b}"'
            body = multipart(
                b,
                [
                    text_plain("Hi, the report is attached on the shared drive as agreed.\n"),
                    part(
                        'application/pgp-signature; name="signature.asc"',
                        _pgp_armor(ids, "SIGNATURE"),
                    ),
                ],
            )
        domain = p.address.partition("@")[2]
        headers = [
            received(ids, f"mail.{domain}", "203.0.113.61"),
            auth_results(domain, passed=True),
            ("From", addr(p.name, p.address)),
            ("To", BOT),
            (
                "Subject",
                enc(subjects[i % len(subjects)])
                if subjects
                else "..."
                if style == "pgp-mime"
                else enc("Rapport (krypterad)"),
            ),
            ("Date", ids.date()),
            ("Message-ID", ids.msgid(domain)),
            ("MIME-Version", "1.0"),
            ("Content-Type", ctype),
            *(
                [
                    ("Content-Transfer-Encoding", "base64"),
                    ("Content-Disposition", 'attachment; filename="smime.p7m"'),
                ]
                if style == "smime-enveloped"
                else []
            ),
        ]
        out.append(
            Noise(
                name=style,
                kind="encrypted",
                imitates="an encrypted or signed note (PGP/MIME, inline PGP, S/MIME)",
                sender=p.address,
                invited=invited,
                automated=False,
                outcomes=("forwarded",) if invited else ("ignored",),
                rule=None if invited else "not-a-registration",
                raw=raw(headers, body),
                trusted_pass=True,
            )
        )
    return out


FABLE = (
    "En räv kom en het sommardag förbi en vinranka där klasarna hängde högt. Den hoppade och hoppade men "
    "nådde dem aldrig. Till sist gick den sin väg och sade för sig själv: De är ändå sura.\n"
)
FABLE_EN = (
    "A crow, half dead with thirst, found a pitcher with a little water at the bottom. It dropped pebbles "
    "into it one by one until the water rose to the brim, and so it drank.\n\nLittle by little does the trick.\n"
)


def mime_tests(ids: Ids, people: People) -> list[Noise]:
    """MIME test messages of the kind mail libraries keep: fables, nested multiparts, rfc822 parts."""
    out = []
    for i in range(12):
        invited = i % 3 == 0
        p = _person(people, i + 13, invited)
        style = ["fable-alternative", "nested-related", "message-rfc822", "fable-latin1-qp"][i % 4]
        outer, inner = ids.boundary("java"), ids.boundary("java")
        if style == "fable-alternative":
            ctype = f'multipart/alternative; boundary="{outer}"'
            body = multipart(outer, [text_plain(FABLE_EN), text_html(f"<p><i>{FABLE_EN}</i></p>")])
            subject = "The Crow and the Pitcher"
        elif style == "nested-related":
            ctype = f'multipart/mixed; boundary="{outer}"'
            related = f'Content-Type: multipart/related; boundary="{inner}"\n\n' + multipart(
                inner,
                [
                    text_html('<p>Räven och druvorna</p><img src="cid:fox@x">'),
                    part(
                        "image/png",
                        b64(b"\x89PNG\r\n\x1a\n" + bytes(40)),
                        cte="base64",
                        extra="Content-ID: <fox@x>",
                    ),
                ],
            )
            body = multipart(
                outer,
                [related, attachment("text/plain", "fabel.txt", FABLE.encode("utf-8"))],
                preamble="This is a multi-part message in MIME format.",
            )
            subject = "MIME-test: nästlade delar"
        elif style == "message-rfc822":
            ctype = f'multipart/mixed; boundary="{outer}"'
            inner_msg = f"From: Aesopus <aesopus@example.org>\nSubject: =?utf-8?q?R=C3=A4ven?=\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n{FABLE}"
            body = multipart(
                outer,
                [
                    text_plain("Se bifogat meddelande.\n"),
                    part("message/rfc822", inner_msg, extra="Content-Disposition: attachment"),
                ],
            )
            subject = "Fwd: test of message/rfc822"
        else:
            ctype = "text/plain; charset=iso-8859-1"
            body = qp(FABLE, "latin-1")
            subject = "Fabel i latin-1"
        domain = p.address.partition("@")[2]
        headers = [
            received(ids, f"mail.{domain}", "203.0.113.62"),
            auth_results(domain, passed=True),
            ("From", addr(p.name, p.address)),
            ("To", BOT),
            ("Subject", enc(subject)),
            ("Date", ids.date()),
            ("Message-ID", ids.msgid(domain)),
            ("MIME-Version", "1.0"),
            ("Content-Type", ctype),
            *(
                [("Content-Transfer-Encoding", "quoted-printable")]
                if style == "fable-latin1-qp"
                else []
            ),
        ]
        out.append(
            Noise(
                name=style,
                kind="mime-test",
                imitates="a MIME test message of the kind mail libraries' suites keep (fables, nested parts)",
                sender=p.address,
                invited=invited,
                automated=False,
                outcomes=("forwarded",) if invited else ("ignored",),
                rule=None if invited else "not-a-registration",
                raw=raw(headers, body),
                trusted_pass=True,
            )
        )
    return out
