"""Spam and phishing: forged From addresses of invited domains, look-alike domains, plain junk.

A forged sender must never get a reply (backscatter), and nothing here may book anyone. The
organiser's own server stamps each message: a forged From of an invited domain fails DMARC there;
some carry only a header the spammer wrote himself (another authserv-id), which counts for nothing.
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

PHISH = [
    (
        "Din brevlåda är nästan full",
        "Hej,\n\nDin brevlåda har nått 98 % av sin kvot. Logga in inom 24 timmar för att inte förlora e-post:\nhttps://owa-login.example-verify.ru/huddinge\n\nIT-support\n",
    ),
    (
        "Brådskande: betalning",
        "Hej,\n\nÄr du vid datorn? Jag behöver att du gör en brådskande betalning åt mig i dag. Svara så skickar jag uppgifterna.\n\nSkickat från min iPhone\n",
    ),
    (
        "Faktura 2022-0831 förfallen",
        "Hej,\n\nBifogad faktura är förfallen. Vänligen betala omgående för att undvika inkasso.\n",
    ),
    (
        "Delad fil: Lönerevision 2023.xlsx",
        "Ett dokument har delats med dig via OneDrive.\n\nÖppna: https://onedrive-share.example.biz/l0nerev\n",
    ),
    (
        "Password reset required",
        "Your Microsoft 365 password expires today. Keep your current password here:\nhttps://m365-keep.example-auth.top\n",
    ),
    (
        "Ditt paket kunde inte levereras",
        "PostNord: Ditt paket väntar. Betala tullavgift 29 kr: https://postn0rd-track.example.top\n",
    ),
]
JUNK = [
    (
        "SEO för er webbplats",
        "Hi,\n\nI was checking your website and noticed it is not ranking on Google page 1. We can fix that for a small fee.\n",
    ),
    (
        "Investera i krypto – 300 % avkastning",
        "Hej!\n\nUnik möjlighet: investera idag och se pengarna växa. Svara JA.\n",
    ),
    (
        "Business proposal",
        "Dear Sir/Madam,\n\nI am a banker and I have a confidential business proposal of mutual benefit for you.\n",
    ),
    (
        "Erbjudande: kontorsmaterial -40%",
        "<b>Endast denna vecka!</b> Toner, papper och pennor till lägsta pris.\n",
    ),
    (
        "You have won!",
        "Congratulations! Your email was selected. Claim your prize of 1,000,000 EUR now.\n",
    ),
]


def spam(ids: Ids, people: People) -> list[Noise]:
    out = []
    for i in range(36):
        style = [
            "forged-dmarc-fail",
            "forged-foreign-authres",
            "forged-no-authres",
            "lookalike",
            "junk",
            "junk-html",
        ][i % 6]
        subject, body = (PHISH if style.startswith("forged") or style == "lookalike" else JUNK)[
            i % (6 if style != "junk" and style != "junk-html" else 5)
        ]
        if style.startswith("forged"):
            p = people.invited(i)
        else:
            p = people.uninvited(i if style != "lookalike" else 12 + i % 4)
        domain = p.address.partition("@")[2]
        headers = [received(ids, f"static-{i}.dsl.example-isp.ru", f"198.51.100.{100 + i}")]
        if style == "forged-dmarc-fail":
            headers.append(auth_results(domain, passed=False))
        elif style == "forged-foreign-authres":
            # Only a header the spammer wrote, claiming a pass under the invited domain's own name.
            headers.append(
                (
                    "Authentication-Results",
                    f"mx.{domain}; dkim=pass header.d={domain}; dmarc=pass header.from={domain}",
                )
            )
        elif style in ("lookalike", "junk", "junk-html"):
            headers.append(auth_results(domain, passed=True))
        headers += [
            ("From", addr(p.name if i % 2 else "IT-support", p.address)),
            ("Reply-To", f"payments-{i}@protonmail-example.ch"),
            ("To", BOT),
            ("Subject", enc(subject)),
            ("Date", ids.date()),
            ("Message-ID", ids.msgid(f"static-{i}.dsl.example-isp.ru")),
            ("X-Mailer", "Microsoft Outlook Express 6.00.2600.0000"),
            ("MIME-Version", "1.0"),
        ]
        if style == "junk-html" or i % 4 == 1:
            b = ids.boundary("java")
            html = f'<html><body style="background:#fff"><p>{body.replace(chr(10), "<br>")}</p><p><a href="https://click.example.top/{i}">Klicka här</a></p></body></html>'
            parts = [text_plain(body), text_html(html)]
            if subject.startswith("Faktura"):
                outer = ids.boundary("java")
                headers.append(("Content-Type", f'multipart/mixed; boundary="{outer}"'))
                alt = f'Content-Type: multipart/alternative; boundary="{b}"\n\n' + multipart(
                    b, parts
                )
                text = multipart(
                    outer,
                    [
                        alt,
                        attachment(
                            "application/pdf",
                            "Faktura_20220831.pdf",
                            b"%PDF-1.4\n/JS (app.alert)\n%%EOF\n",
                        ),
                    ],
                )
            else:
                headers.append(("Content-Type", f'multipart/alternative; boundary="{b}"'))
                text = multipart(b, parts)
        else:
            headers += [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Transfer-Encoding", "8bit"),
            ]
            text = body
        forged = style.startswith("forged")
        out.append(
            Noise(
                name=style,
                kind="spam",
                imitates="spam or phishing: a forged From of an invited domain (DMARC fail, a forged header, none), a look-alike domain, junk",
                sender=p.address,
                invited=forged,
                automated=True,
                # Believed as it stands (no trusted_authserv_ids), a forged invited From is a note from
                # an invited sender: the organiser may see it, the sender never gets a reply.
                outcomes=("forwarded", "ignored") if forged else ("ignored",),
                rule=None if forged else "not-a-registration",
                raw=raw(headers, text),
                forged=forged,
                trusted_pass=style in ("lookalike", "junk", "junk-html"),
            )
        )
    return out
