"""Reports: bounces (DSN, Exchange NDR, qmail) of someone else's mail, and read receipts (MDN).

A `multipart/report` is never answered (SPEC §10), and a bounce changes nothing unless it is of
one of the bot's own mails, matched by the Message-ID in the returned headers.
"""

from __future__ import annotations

from noise_mime import (
    BOT,
    Ids,
    Noise,
    addr,
    enc,
    multipart,
    part,
    raw,
    received,
    text_html,
)
from noise_people import People

IGNORED = ("ignored",)


def read_receipts(ids: Ids, people: People) -> list[Noise]:
    """MDNs (RFC 8098) as Outlook and Thunderbird send them when a reader allows a receipt."""
    out = []
    for i in range(10):
        p = people.invited(i + 5) if i % 3 else people.uninvited(i)
        b = ids.boundary("outlook")
        subject = [
            "Läst: Inbjudan till seminarium 14 september",
            "Read: Invitation",
            "Return Receipt (displayed) - Inbjudan",
        ][i % 3]
        human = part(
            "text/plain; charset=utf-8",
            f"Ditt meddelande\n\n  Till: {p.name}\n  Ämne: Inbjudan\n\nlästes {ids.date()}.\n",
            cte="8bit",
        )
        report = part(
            "message/disposition-notification",
            f"Reporting-UA: {p.address.partition('@')[2]}; Microsoft Outlook 16.0\n"
            f"Final-Recipient: rfc822;{p.address}\nOriginal-Message-ID: <inbjudan-{i}@lansstyrelsen.example>\n"
            "Disposition: manual-action/MDN-sent-manually; displayed\n",
        )
        headers = [
            received(ids, f"mail.{p.address.partition('@')[2]}", "203.0.113.9"),
            ("From", addr(p.name, p.address)),
            ("To", BOT),
            ("Subject", enc(subject)),
            ("Date", ids.date()),
            ("Message-ID", ids.outlook_msgid()),
            ("MIME-Version", "1.0"),
            (
                "Content-Type",
                f'multipart/report; report-type=disposition-notification;\n\tboundary="{b}"',
            ),
        ]
        out.append(
            Noise(
                name="mdn-outlook" if i % 3 != 2 else "mdn-thunderbird",
                kind="read-receipt",
                imitates="a read receipt (MDN, multipart/report; report-type=disposition-notification)",
                sender=p.address,
                invited=bool(i % 3),
                automated=True,
                outcomes=IGNORED,
                raw=raw(headers, multipart(b, [human, report])),
            )
        )
    return out


def _returned_headers(sender: str, recipient: str, msgid: str, subject: str) -> str:
    """The bounced mail's headers: its envelope sender forged as the bot's address (backscatter)."""
    return (
        f"Return-Path: <{BOT}>\nFrom: {sender}\nTo: {recipient}\nSubject: {enc(subject)}\n"
        f"Date: Mon, 29 Aug 2022 09:12:44 +0200\nMessage-ID: {msgid}\nMIME-Version: 1.0\n"
    )


def bounces(ids: Ids, people: People, seeded: list[str]) -> list[Noise]:
    """Reports about mail the bot did not send: backscatter of someone else's mail.

    Half of them name an address the bot has booked (and mailed a confirmation) as the failed
    recipient, returning the original's headers: a report of another's mail must not mark it.
    """
    out = []
    styles = ["postfix-dsn", "exchange-ndr", "qmail", "gmail-dsn", "delay-dsn", "sendmail-dsn"]
    for i in range(30):
        style = styles[i % len(styles)]
        victim = seeded[i % len(seeded)] if i % 2 == 0 else people.invited(i).address
        forger = people.uninvited(i).address
        vdomain = victim.partition("@")[2]
        orig_id = ids.msgid("spamhost.example")
        returned = _returned_headers(
            BOT if i % 5 == 0 else forger, victim, orig_id, "Faktura 2022-0831 förfallen"
        )
        mailer = {
            "exchange-ndr": f"postmaster@{vdomain}",
            "gmail-dsn": "mailer-daemon@googlemail.com",
        }.get(style, f"MAILER-DAEMON@mx{i}.{vdomain}")
        b = ids.boundary("java")
        if style == "qmail":
            body = (
                f"Hi. This is the qmail-send program at mx{i}.{vdomain}.\nI'm afraid I wasn't able to deliver your message "
                f"to the following addresses.\nThis is a permanent error; I've given up. Sorry it didn't work out.\n\n"
                f"<{victim}>:\nSorry, no mailbox here by that name. (#5.1.1)\n\n--- Below this line is a copy of the message.\n\n"
                f"{returned}\nBetala fakturan idag.\n"
            )
            ctype = "text/plain; charset=us-ascii"
        else:
            action, status = ("delayed", "4.4.7") if style == "delay-dsn" else ("failed", "5.1.1")
            if style == "exchange-ndr":
                human = text_html(
                    f"<html><body><p><b>Det gick inte att leverera till dessa mottagare eller grupper:</b></p>"
                    f'<p><a href="mailto:{victim}">{victim}</a><br>E-postadressen som du angav gick inte att hitta.</p>'
                    f"<p><b>Diagnostisk information för administratörer:</b></p><p>Generating server: EX{i}.{vdomain}<br>"
                    f"Remote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'</p></body></html>"
                )
            else:
                human = part(
                    "text/plain; charset=us-ascii",
                    f"This is the mail system at host mx{i}.{vdomain}.\n\nI'm sorry to have to inform you that your message "
                    f"could not\nbe delivered to one or more recipients.\n\n<{victim}>: host said: 550 5.1.1 "
                    f"User unknown\n",
                )
            dsn = part(
                "message/delivery-status",
                f"Reporting-MTA: dns; mx{i}.{vdomain}\nArrival-Date: {ids.date()}\n\n"
                f"Final-Recipient: rfc822; {victim}\nOriginal-Recipient: rfc822;{victim}\nAction: {action}\n"
                f"Status: {status}\nDiagnostic-Code: smtp; 550 {status} <{victim}>: Recipient address rejected\n",
            )
            if i % 3 == 0:
                back = part("text/rfc822-headers", returned)
            else:
                back = part(
                    "message/rfc822",
                    returned + "Content-Type: text/plain\n\nBetala fakturan idag.\n",
                )
            body = multipart(b, [human, dsn, back], preamble="This is a MIME-encapsulated message.")
            ctype = f'multipart/report; report-type=delivery-status;\n\tboundary="{b}"'
        headers = [
            ("Return-Path", "<>"),
            received(ids, f"mx{i}.{vdomain}", "203.0.113.50"),
            (
                "From",
                f"Mail Delivery System <{mailer}>"
                if style != "exchange-ndr"
                else f"Microsoft Outlook <{mailer}>",
            ),
            ("To", BOT),
            (
                "Subject",
                enc("Undeliverable: Faktura 2022-0831 förfallen")
                if style == "exchange-ndr"
                else {
                    "qmail": "failure notice",
                    "delay-dsn": "Delayed Mail (still being retried)",
                }.get(style, "Undelivered Mail Returned to Sender"),
            ),
            ("Date", ids.date()),
            ("Message-ID", ids.msgid(f"mx{i}.{vdomain}")),
            ("Auto-Submitted", "auto-replied")
            if style in ("postfix-dsn", "exchange-ndr")
            else ("X-Failed-Recipients", victim),
            ("MIME-Version", "1.0"),
            ("Content-Type", ctype),
        ]
        if i % 7 == 3:
            headers = [h for h in headers if h[0] != "Return-Path"]  # a hand-saved file without it
        out.append(
            Noise(
                name=style + ("-of-booked-address" if victim in seeded else ""),
                kind="bounce",
                imitates="a bounce of someone else's mail (DSN multipart/report, Exchange NDR, qmail, Gmail, delay)",
                sender=mailer,
                invited=False,
                automated=True,
                outcomes=IGNORED,
                raw=raw(headers, body),
                bounce=True,
            )
        )
    return out
