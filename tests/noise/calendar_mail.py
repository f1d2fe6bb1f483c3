"""Calendar mail (iTIP requests, replies and cancellations) and mail that is only an attachment.

A meeting invitation or an "Accepted:" answer is a person's act, not a registration for the
seminar: from an invited sender it goes to the organiser, from anyone else it is ignored.
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
    raw,
    received,
    text_html,
    text_plain,
)
from noise_people import People, Person

MEETINGS = [
    "Samverkansmöte Järva v.38",
    "Styrgrupp trygghet",
    "Nätverksträff fältarbete",
    "Uppföljning lägesbild",
]


def _ics(
    method: str, organiser: Person, attendee: str, summary: str, uid: str, partstat: str
) -> str:
    return (
        "BEGIN:VCALENDAR\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\nVERSION:2.0\n"
        f"METHOD:{method}\nBEGIN:VTIMEZONE\nTZID:W. Europe Standard Time\nBEGIN:STANDARD\n"
        "DTSTART:16011028T030000\nTZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nEND:STANDARD\nEND:VTIMEZONE\n"
        f"BEGIN:VEVENT\nUID:{uid}\nSUMMARY;LANGUAGE=sv-SE:{summary}\n"
        "DTSTART;TZID=W. Europe Standard Time:20221006T100000\nDTEND;TZID=W. Europe Standard Time:20221006T113000\n"
        f'ORGANIZER;CN="{organiser.name}":mailto:{organiser.address}\n'
        f"ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT={partstat};RSVP=TRUE:mailto:{attendee}\n"
        "LOCATION;LANGUAGE=sv-SE:Microsoft Teams-möte\nSEQUENCE:0\nDTSTAMP:20220829T081500Z\n"
        "END:VEVENT\nEND:VCALENDAR\n"
    )


def calendar(ids: Ids, people: People) -> list[Noise]:
    out = []
    for i in range(16):
        invited = i % 4 != 3
        p = people.invited(i + 2) if invited else people.uninvited(i + 2)
        method = ["REQUEST", "REPLY", "REPLY", "CANCEL"][i % 4] if i % 4 != 3 else "REQUEST"
        summary = MEETINGS[i % len(MEETINGS)]
        uid = f"040000008200E00074C5B7101A82E008{ids.hexid(24).upper()}"
        if method == "REQUEST":
            organiser, attendee, subject = p, BOT, summary
            text = f"Hej,\n\nVälkommen till {summary}. Länk till Teams finns i kallelsen.\n"
            partstat = "NEEDS-ACTION"
        elif method == "REPLY":
            organiser = Person(
                "Therese Travis", "therese.travis@lansstyrelsen.example", "", "", "", ""
            )
            attendee = p.address
            accepted = i % 2 == 1
            subject = (
                f"{'Accepterat' if accepted else 'Avböjt'}: {summary}"
                if i % 8 < 4
                else f"{'Accepted' if accepted else 'Declined'}: {summary}"
            )
            text = "" if i % 3 else "Ses där!\n"
            partstat = "ACCEPTED" if accepted else "DECLINED"
        else:
            organiser, attendee, subject = p, BOT, f"Inställt: {summary}"
            text = "Mötet är inställt.\n"
            partstat = "NEEDS-ACTION"
        ics = _ics(method, organiser, attendee, summary, uid, partstat)
        b = ids.boundary("outlook")
        cal = part(f'text/calendar; charset="utf-8"; method={method}', b64(ics), cte="base64")
        parts = ([text_plain(text)] if text else [text_plain(" ")]) + [
            text_html(f"<p>{text or '&nbsp;'}</p>"),
            cal,
        ]
        domain = p.address.partition("@")[2]
        headers = [
            received(ids, f"mail.{domain}", "203.0.113.71"),
            auth_results(domain, passed=True),
            ("From", addr(p.name, p.address)),
            ("To", BOT),
            ("Subject", enc(subject)),
            ("Thread-Topic", enc(summary)),
            ("Date", ids.date()),
            ("Message-ID", ids.outlook_msgid()),
            ("X-MS-Exchange-Calendar-Originator-Id", ids.hexid(32)),
            ("MIME-Version", "1.0"),
            ("Content-Type", f'multipart/alternative; boundary="{b}"'),
        ]
        out.append(
            Noise(
                name=f"itip-{method.lower()}",
                kind="calendar",
                imitates="a calendar invitation, answer or cancellation from Outlook (text/calendar, iTIP)",
                sender=p.address,
                invited=invited,
                automated=False,
                outcomes=("forwarded", "ignored") if invited else ("ignored",),
                rule=None if invited else "not-a-registration",
                raw=raw(headers, multipart(b, parts)),
                trusted_pass=True,
            )
        )
    return out


FILES = [
    (
        "application/pdf",
        "Agenda_samverkan.pdf",
        b"%PDF-1.5\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n",
    ),
    ("image/jpeg", "IMG_2041.JPG", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64) + b"\xff\xd9"),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Protokoll 2022-08-25.docx",
        b"PK\x03\x04" + bytes(60),
    ),
    ("application/pdf", "Lägesbild augusti.pdf", b"%PDF-1.7\n%%EOF\n"),
    ("image/png", "Skärmklipp.PNG", b"\x89PNG\r\n\x1a\n" + bytes(48)),
]


def attachments_only(ids: Ids, people: People) -> list[Noise]:
    """Mail that is nothing but a file: no text, or only a phone's signature."""
    out = []
    for i in range(16):
        invited = i % 4 != 3
        p = people.invited(i + 4) if invited else people.uninvited(i + 4)
        mime, name, data = FILES[i % len(FILES)]
        b = ids.boundary("apple" if i % 2 else "outlook")
        text = ["", "\n\nSkickat från min iPhone", " ", "Se bifogad fil.\n"][i % 4]
        parts = ([text_plain(text)] if text else []) + [
            attachment(mime, name.encode("ascii", "replace").decode() if i % 3 else name, data)
        ]
        domain = p.address.partition("@")[2]
        headers = [
            received(ids, f"mail.{domain}", "203.0.113.81"),
            auth_results(domain, passed=True),
            ("From", addr(p.name, p.address)),
            ("To", BOT),
            ("Subject", enc(["", name, "Bifogat", "VB: " + name][i % 4])),
            ("Date", ids.date()),
            ("Message-ID", ids.msgid(domain)),
            ("MIME-Version", "1.0"),
            ("Content-Type", f'multipart/mixed; boundary="{b}"'),
        ]
        out.append(
            Noise(
                name=name.rsplit(".", 1)[1].lower(),
                kind="attachment-only",
                imitates="a mail that is only an attachment (pdf, jpg, docx, png) with no or almost no text",
                sender=p.address,
                invited=invited,
                automated=False,
                outcomes=("forwarded", "ignored") if invited else ("ignored",),
                rule=None if invited else "not-a-registration",
                raw=raw(headers, multipart(b, parts)),
                trusted_pass=True,
            )
        )
    return out
