"""How each mail client turns what a person typed into the bytes that arrive (for `build.py`).

A mail is described once, as what its author typed (`Body`: paragraphs, lists, tables, a
signature, a quoted or forwarded mail), and rendered here the way the client it imitates writes
it: Outlook 2016/365 (Word HTML with `MsoNormal`, `<o:p>`, `MsoListParagraph` bullets in spans,
windows-1252 quoted-printable, and a plain alternative that is worse than the HTML), Outlook on
the web, Gmail (`gmail_quote`, `*bold*` in the plain part), Apple Mail, iPhone and Thunderbird
(`format=flowed`). Bytes are assembled explicitly (CRLF, encoded-words, 76-column QP and base64)
rather than serialised by the `email` package, which would tidy exactly what the readers must
cope with. Everything is a pure function of its inputs, so the corpus rebuilds byte for byte.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import re

from body import Blank, Disclaimer, Items, Mail, P, Quote, Sig, Table
from mime import assemble, common_headers, encode_header, multipart, qp_part

_SV_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
              "september", "oktober", "november", "december")  # fmt: skip
_SV_DAYS = ("mån", "tis", "ons", "tors", "fre", "lör", "sön")


def when(t: dt.datetime, client: str, lang: str) -> str:
    """A quoted mail's date as each client writes it in its header block or attribution line."""
    month, day = _SV_MONTHS[t.month - 1], _SV_DAYS[t.weekday()]
    hm = f"{t.hour:02d}:{t.minute:02d}"
    twelve = f"{(t.hour - 1) % 12 + 1}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"
    if client == "outlook":
        if lang == "sv":
            return f"den {t.day} {month} {t.year} {hm}"
        return f"{t:%A, %B} {t.day}, {t.year} {twelve}"
    if client == "gmail":
        if lang == "sv":
            return f"{day} {t.day} {month[:3]}. {t.year} kl {hm}"
        return f"{t:%a, %b} {t.day}, {t.year} at {twelve}"
    if client == "thunderbird":
        return f"{t:%Y-%m-%d} kl. {hm}" if lang == "sv" else f"{t.month}/{t.day}/{t:%y} {hm}"
    if lang == "sv":  # Apple Mail and iPhone
        return f"{t.day} {month[:3]}. {t.year} kl. {hm}"
    return f"{t.day} {t:%b} {t.year}, at {hm}"


def _bold_html(text: str) -> str:
    escaped = html.escape(text, quote=False)
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", escaped)


def _plain(text: str, star: bool = False) -> str:
    return re.sub(r"\*\*(.+?)\*\*", r"*\1*" if star else r"\1", text)


def _mailto_html(text: str) -> str:
    """Outlook and Gmail turn typed addresses into mailto links."""
    return re.sub(
        r"(?<![\w.:/\"])([\w.+-]+@[\w-]+(?:\.[\w-]+)+)",
        r'<a href="mailto:\1">\1</a>',
        text,
    )


def _outlook_plain_mailto(text: str) -> str:
    """Outlook's plain alternative writes a linked address as `address<mailto:address>`."""
    return re.sub(r"(?<![\w.<:])([\w.+-]+@[\w-]+(?:\.[\w-]+)+)", r"\1<mailto:\1>", text)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


# --------------------------------------------------------------------------- Outlook desktop


def _mso_p(inner: str) -> str:
    return f"<p class=MsoNormal>{inner}<o:p></o:p></p>"


def _outlook_html_body(elements: tuple[object, ...], lang: str) -> list[str]:
    out: list[str] = []
    for el in elements:
        if isinstance(el, P):
            for line in el.text.split("\n"):
                out.append(_mso_p(_mailto_html(_bold_html(line))) if line else _mso_p("&nbsp;"))
        elif isinstance(el, Blank):
            out.append("<p class=MsoNormal><o:p>&nbsp;</o:p></p>")
        elif isinstance(el, Items):
            for n, item in enumerate(el.items, 1):
                if el.numbered:
                    mark = f"{n}.<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span>"
                    style = "mso-list:l1 level1 lfo2"
                else:
                    mark = (
                        "<span style='font-family:Symbol'>·<span style='font:7.0pt \"Times New Roman\"'>"
                        "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span>"
                    )
                    style = "mso-list:l0 level1 lfo1"
                out.append(
                    f"<p class=MsoListParagraph style='text-indent:-18.0pt;{style}'>"
                    f"<![if !supportLists]><span>{mark}</span><![endif]>"
                    f"{_mailto_html(_bold_html(item))}<o:p></o:p></p>"
                )
        elif isinstance(el, Table):
            out.extend(_outlook_table(el))
        elif isinstance(el, Sig):
            for line in el.lines:
                out.append(
                    f"<p class=MsoNormal><span style='font-size:10.0pt;color:#1F3864'>"
                    f"{_mailto_html(html.escape(line))}</span><o:p></o:p></p>"
                    if line
                    else "<p class=MsoNormal><o:p>&nbsp;</o:p></p>"
                )
        elif isinstance(el, Disclaimer):
            out.append(
                "<p class=MsoNormal><span style='font-size:7.5pt;color:gray'>"
                f"{html.escape(el.text)}</span><o:p></o:p></p>"
            )
        elif isinstance(el, Quote):
            out.append("<p class=MsoNormal><o:p>&nbsp;</o:p></p>")
            fields = _quote_fields(el, lang, outlook=True)
            head = "<br>\n".join(f"<b>{k}</b> {html.escape(v)}" for k, v in fields)
            out.append(
                "<div><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>"
                f"<p class=MsoNormal><b><span lang={lang.upper()}></span></b>{head}<o:p></o:p></p>"
                "</div></div>"
            )
            out.append("<p class=MsoNormal><o:p>&nbsp;</o:p></p>")
            out.extend(_outlook_html_body(el.body, lang))
    return out


def _outlook_table(table: Table) -> list[str]:
    header = _is_header(table)
    if table.excel:
        out = ["<table border=0 cellspacing=0 cellpadding=0 width=640 "
               "style='width:480.0pt;border-collapse:collapse'>"]  # fmt: skip
        td = ("<td width=213 nowrap valign=bottom style='width:160.0pt;padding:0cm 5.4pt 0cm 5.4pt;"
              "height:15.0pt'><p class=MsoNormal><span style='color:black'>{}<o:p></o:p></span></p></td>")  # fmt: skip
        for r, row in enumerate(table.rows):
            cells = "".join(td.format(f"<b>{html.escape(c)}</b>" if r == 0 and header
                                      else html.escape(c)) for c in row)  # fmt: skip
            out.append(f"<tr style='height:15.0pt'>{cells}</tr>")
        return [*out, "</table>"]
    out = ["<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 "
           "style='border-collapse:collapse;border:none'>"]  # fmt: skip
    td = ("<td width=200 valign=top style='border:solid windowtext 1.0pt;padding:0cm 5.4pt'>"
          "<p class=MsoNormal>{}<o:p></o:p></p></td>")  # fmt: skip
    for r, row in enumerate(table.rows):
        cells = "".join(td.format(f"<b>{html.escape(c)}</b>" if r == 0 and header
                                  else _mailto_html(html.escape(c))) for c in row)  # fmt: skip
        out.append(f"<tr>{cells}</tr>")
    return [*out, "</table>"]


def _is_header(table: Table) -> bool:
    return not any("@" in c for c in table.rows[0])


def _quote_fields(q: Quote, lang: str, outlook: bool) -> list[tuple[str, str]]:
    who = f"{q.name} <{q.address}>"
    if lang == "sv":
        return [
            ("Från:", who),
            ("Skickat:", when(q.when, "outlook", "sv")),
            ("Till:", q.to),
            ("Ämne:", q.subject),
        ]
    return [
        ("From:", who),
        ("Sent:", when(q.when, "outlook", "en")),
        ("To:", q.to),
        ("Subject:", q.subject),
    ]


def _outlook_plain_body(elements: tuple[object, ...], lang: str, typed: bool = False) -> list[str]:
    """Outlook's text/plain: the alternative of an HTML mail, or (`typed`) a mail written in
    Outlook's plain-text mode, where addresses are not links and a quote starts with
    `-----Ursprungligt meddelande-----`."""
    link = (lambda text: text) if typed else _outlook_plain_mailto
    out: list[str] = []
    for el in elements:
        if isinstance(el, P):
            out.extend(link(_plain(line)) for line in el.text.split("\n"))
        elif isinstance(el, Blank):
            out.append("")
        elif isinstance(el, Items):
            for n, item in enumerate(el.items, 1):
                mark = f"{n}." if el.numbered else "·"
                out.append(f"{mark}{' ' * (9 - len(mark))}{link(_plain(item))}")
        elif isinstance(el, Table):
            # Word's plain-text conversion puts every cell on a line of its own.
            for row in el.rows:
                for cell in row:
                    out.append(link(cell))
                    out.append("")
        elif isinstance(el, Sig):
            out.extend(link(line) for line in el.lines)
        elif isinstance(el, Disclaimer):
            out.append(el.text)
        elif isinstance(el, Quote):
            out.append("")
            if typed:
                sv = "-----Ursprungligt meddelande-----"
                out.append(sv if lang == "sv" else "-----Original Message-----")
            out.extend(f"{k} {v}" for k, v in _quote_fields(el, lang, outlook=True))
            out.append("")
            out.extend(_outlook_plain_body(el.body, lang, typed))
    return out


OUTLOOK_HEAD = (
    '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w="urn:schemas-microsoft-com:office:word" '
    'xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">'
    '<head><meta http-equiv=Content-Type content="text/html; charset={charset}">'
    '<meta name=Generator content="Microsoft Word 15 (filtered medium)">'
    '<style><!--\n/* Font Definitions */\n@font-face\n\t{{font-family:"Cambria Math";}}\n'
    "p.MsoNormal, li.MsoNormal, div.MsoNormal\n\t{{margin:0cm;font-size:11.0pt;"
    'font-family:"Calibri",sans-serif;}}\np.MsoListParagraph\n\t{{margin-left:36.0pt;}}\n'
    "@list l0:level1\n\t{{mso-level-number-format:bullet;mso-level-text:\\F0B7;}}\n"
    '--></style><!--[if gte mso 9]><xml>\n<o:shapedefaults v:ext="edit" spidmax="1026" />\n'
    "</xml><![endif]--></head>"
    '<body lang={lang} link="#0563C1" vlink="#954F72" style=\'word-wrap:break-word\'>'
    "<div class=WordSection1>"
)


def outlook(
    mail: Mail, charset: str = "windows-1252", html_only: bool = False, typed: bool = False
) -> bytes:
    """Outlook 2016/365 for Windows: multipart/alternative, windows-1252 quoted-printable."""
    lang = "SV" if mail.lang == "sv" else "EN-US"
    body_html = (
        OUTLOOK_HEAD.format(charset=charset, lang=lang)
        + "\n".join(_outlook_html_body(mail.body, mail.lang))
        + "</div></body></html>"
    )
    plain = "\n".join(_outlook_plain_body(mail.body, mail.lang, typed)) + "\n"
    tag = _digest(mail.sender, mail.subject, mail.date)
    boundary = f"_000_{tag[:40].upper()}_"
    headers = common_headers(
        mail,
        charset,
        f"<{tag[:32].upper()}@{tag[32:36].upper()}PR09MB4455.eurprd09.prod.outlook.com>",
    )
    headers += [
        "Thread-Topic: " + encode_header(mail.subject, charset),
        f"Thread-Index: {base64.b64encode(bytes.fromhex(tag[:44])).decode()}",
        f"Accept-Language: {mail.lang}-SE, en-US"
        if mail.lang == "sv"
        else "Accept-Language: en-US, sv-SE",
        f"Content-Language: {'sv-SE' if mail.lang == 'sv' else 'en-US'}",
        f"X-MS-Has-Attach: {'yes' if mail.attachments else ''}",
        "X-MS-TNEF-Correlator: ",
        "MIME-Version: 1.0",
    ]
    html_part = qp_part("text/html", charset, body_html)
    if typed:
        alt = qp_part("text/plain", charset, plain)
    elif html_only:
        alt = html_part
    else:
        alt = multipart("alternative", boundary, [qp_part("text/plain", charset, plain), html_part])
    return assemble(headers, alt, mail.attachments, f"_004_{tag[:40].upper()}_")


def outlook_meeting_response(mail: Mail, ics: str, method: str = "REPLY") -> bytes:
    """Outlook's answer to a meeting request (Accepterat:/Accepted:/Avböjt:): a
    multipart/alternative of text/plain, text/html and a `text/calendar; method=REPLY` part
    (base64), with `Content-Class: urn:content-classes:calendarmessage`; no Auto-Submitted."""
    lang = "SV" if mail.lang == "sv" else "EN-US"
    charset = "utf-8"
    body_html = (
        OUTLOOK_HEAD.format(charset=charset, lang=lang)
        + "\n".join(_outlook_html_body(mail.body, mail.lang))
        + "</div></body></html>"
    )
    plain = "\n".join(_outlook_plain_body(mail.body, mail.lang)) + "\n"
    tag = _digest("meeting", mail.sender, mail.subject, mail.date)
    headers = common_headers(
        mail,
        charset,
        f"<{tag[:32].upper()}@{tag[32:36].upper()}PR09MB4455.eurprd09.prod.outlook.com>",
    )
    headers += [
        "Thread-Topic: " + encode_header(mail.subject, charset),
        f"Thread-Index: {base64.b64encode(bytes.fromhex(tag[:44])).decode()}",
        "Content-Class: urn:content-classes:calendarmessage",
        f"Content-Language: {'sv-SE' if mail.lang == 'sv' else 'en-US'}",
        "X-MS-Has-Attach: ",
        "MIME-Version: 1.0",
    ]
    cal = base64.encodebytes(ics.replace("\n", "\r\n").encode("utf-8")).replace(b"\n", b"\r\n")
    cal_part = (
        f'Content-Type: text/calendar; charset="utf-8"; method={method}\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n"
    ).encode() + cal
    alt = multipart(
        "alternative",
        f"_000_{tag[:40].upper()}_",
        [qp_part("text/plain", charset, plain), qp_part("text/html", charset, body_html), cal_part],
    )
    return assemble(headers, alt, mail.attachments, f"_004_{tag[:40].upper()}_")


def read_receipt(mail: Mail, original_recipient: str) -> bytes:
    """An Outlook read receipt (RFC 8098 MDN): `multipart/report;
    report-type=disposition-notification`, a human-readable part and a
    `message/disposition-notification` part naming the read mail (`mail.in_reply_to`)."""
    tag = _digest("mdn", mail.sender, mail.subject, mail.date)
    headers = common_headers(
        mail,
        "utf-8",
        f"<{tag[:32].upper()}@{tag[32:36].upper()}PR09MB4455.eurprd09.prod.outlook.com>",
    )
    headers += ["MIME-Version: 1.0", "Content-Language: sv-SE"]
    text = "\n".join(_outlook_plain_body(mail.body, mail.lang, typed=True)) + "\n"
    mdn = (
        "Content-Type: message/disposition-notification\r\n\r\n"
        "Reporting-UA: AM9PR09MB4455.eurprd09.prod.outlook.com; Microsoft Exchange Server\r\n"
        f"Final-Recipient: rfc822;{original_recipient}\r\n"
        f"Original-Message-ID: {mail.in_reply_to}\r\n"
        "Disposition: automatic-action/MDN-sent-automatically; displayed\r\n"
    ).encode()
    boundary = f"_000_{tag[:40].upper()}_"
    body = multipart("report", boundary, [qp_part("text/plain", "utf-8", text), mdn])
    body = body.replace(
        b"Content-Type: multipart/report;\r\n",
        b"Content-Type: multipart/report; report-type=disposition-notification;\r\n",
        1,
    )
    return assemble(headers, body, mail.attachments, f"_004_{tag[:40].upper()}_")


# --------------------------------------------------------------------------- Outlook on the web


def owa(mail: Mail) -> bytes:
    """Outlook on the web: multipart/alternative, UTF-8, `divRplyFwdMsg` above a quote."""
    html_lines: list[str] = []
    plain_lines: list[str] = []
    _owa_body(mail.body, mail.lang, html_lines, plain_lines)
    body_html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        '<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>'
        '</head><body dir="ltr">\n' + "\n".join(html_lines) + "\n</body></html>"
    )
    tag = _digest("owa", mail.sender, mail.subject, mail.date)
    headers = common_headers(
        mail,
        "utf-8",
        f"<AM{tag[:30].upper()}@AM0PR09MB{tag[30:34].upper()}.eurprd09.prod.outlook.com>",
    )
    headers += [
        f"Content-Language: {'sv-SE' if mail.lang == 'sv' else 'en-GB'}",
        "X-MS-Has-Attach: " + ("yes" if mail.attachments else ""),
        "msip_labels: ",
        "MIME-Version: 1.0",
    ]
    alt = multipart(
        "alternative",
        f"_000_AM{tag[:36].upper()}_",
        [
            qp_part("text/plain", "utf-8", "\n".join(plain_lines) + "\n"),
            qp_part("text/html", "utf-8", body_html),
        ],
    )
    return assemble(headers, alt, mail.attachments, f"_004_AM{tag[:36].upper()}_")


def _owa_body(elements: tuple[object, ...], lang: str, out: list[str], plain: list[str]) -> None:
    div = '<div class="elementToProof" style="font-family: Aptos, Calibri, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);">'
    for el in elements:
        if isinstance(el, P):
            for line in el.text.split("\n"):
                out.append(f"{div}{_mailto_html(_bold_html(line)) or '<br>'}</div>")
                plain.append(_plain(line))
        elif isinstance(el, Blank):
            out.append(f"{div}<br></div>")
            plain.append("")
        elif isinstance(el, Items):
            tag = "ol" if el.numbered else "ul"
            out.append(f'<{tag} data-editing-info="{{&quot;orderedStyleType&quot;:1}}">')
            for n, item in enumerate(el.items, 1):
                out.append(
                    f'<li style="font-family: Aptos, Calibri, sans-serif; font-size: 12pt;">'
                    f'<div role="presentation" class="elementToProof">{_mailto_html(_bold_html(item))}</div></li>'
                )
                plain.append(f"{n}. {_plain(item)}" if el.numbered else f"  *   {_plain(item)}")
            out.append(f"</{tag}>")
        elif isinstance(el, Table):
            out.append('<table style="border-collapse: collapse;" border="1"><tbody>')
            for row in el.rows:
                out.append(
                    "<tr>"
                    + "".join(
                        f'<td style="width: 150px;"><div class="elementToProof">{html.escape(c)}</div></td>'
                        for c in row
                    )
                    + "</tr>"
                )
                plain.append("\t".join(row))
            out.append("</tbody></table>")
        elif isinstance(el, Sig):
            out.append(
                '<div id="Signature"><div style="font-family: Calibri, Arial, Helvetica, sans-serif; font-size: 10pt;">'
            )
            out.extend(
                f"<div>{_mailto_html(html.escape(line)) or '<br>'}</div>" for line in el.lines
            )
            out.append("</div></div>")
            plain.extend(el.lines)
        elif isinstance(el, Disclaimer):
            out.append(f'<div style="font-size: 8pt; color: gray;">{html.escape(el.text)}</div>')
            plain.append(el.text)
        elif isinstance(el, Quote):
            fields = _quote_fields(el, lang, outlook=True)
            out.append(
                '<div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1">'
            )
            out.append(
                '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000">'
                + "<br>\n".join(f"<b>{k}</b> {html.escape(v)}" for k, v in fields)
                + "</font><div>&nbsp;</div></div>"
            )
            plain.append("________________________________")
            plain.extend(f"{k} {v}" for k, v in fields)
            plain.append("")
            _owa_body(el.body, lang, out, plain)


# --------------------------------------------------------------------------- Gmail


def gmail(mail: Mail) -> bytes:
    """Gmail (also Google Workspace): `div dir=ltr`, `gmail_quote`, `*bold*` in the plain part."""
    html_lines: list[str] = ['<div dir="ltr">']
    plain_lines: list[str] = []
    _gmail_body(mail.body, mail.lang, html_lines, plain_lines)
    html_lines.append("</div>")
    tag = _digest("gmail", mail.sender, mail.subject, mail.date)
    headers = common_headers(mail, "utf-8", f"<CA+{tag[:20]}{tag[20:40].upper()}@mail.gmail.com>")
    headers.insert(0, "MIME-Version: 1.0")
    alt = multipart(
        "alternative",
        f"000000000000{tag[:16]}",
        [
            qp_part("text/plain", "UTF-8", "\n".join(plain_lines) + "\n"),
            qp_part("text/html", "UTF-8", "\n".join(html_lines) + "\n"),
        ],
    )
    return assemble(headers, alt, mail.attachments, f"000000000000{tag[16:32]}")


def _gmail_body(elements: tuple[object, ...], lang: str, out: list[str], plain: list[str]) -> None:
    for el in elements:
        if isinstance(el, P):
            for line in el.text.split("\n"):
                out.append(f"<div>{_mailto_html(_bold_html(line)) or '<br>'}</div>")
                plain.append(_plain(line, star=True))
        elif isinstance(el, Blank):
            out.append("<div><br></div>")
            plain.append("")
        elif isinstance(el, Items):
            tag = "ol" if el.numbered else "ul"
            out.append(f"<{tag}>")
            for n, item in enumerate(el.items, 1):
                out.append(f'<li style="margin-left:15px">{_mailto_html(_bold_html(item))}</li>')
                plain.append(
                    f"   {n}. {_plain(item, True)}" if el.numbered else f"   - {_plain(item, True)}"
                )
            out.append(f"</{tag}>")
        elif isinstance(el, Table):
            out.append(
                '<table border="1" cellpadding="0" cellspacing="0" dir="ltr" style="table-layout:fixed;font-size:10pt;font-family:Arial;border-collapse:collapse;border:none"><tbody>'
            )
            for row in el.rows:
                out.append(
                    "<tr>"
                    + "".join(f'<td style="padding:2px 3px">{html.escape(c)}</td>' for c in row)
                    + "</tr>"
                )
                plain.append(" ".join(row))
            out.append("</tbody></table>")
        elif isinstance(el, Sig):
            out.append(
                '<div><br></div>-- <br><div dir="ltr" class="gmail_signature" data-smartmail="gmail_signature"><div dir="ltr">'
            )
            out.extend(
                f"<div>{_mailto_html(html.escape(line)) or '<br>'}</div>" for line in el.lines
            )
            out.append("</div></div>")
            plain.append("-- ")
            plain.extend(el.lines)
        elif isinstance(el, Disclaimer):
            out.append(f'<div><font size="1" color="#888888">{html.escape(el.text)}</font></div>')
            plain.append(el.text)
        elif isinstance(el, Quote):
            inner: list[str] = []
            inner_plain: list[str] = []
            _gmail_body(el.body, lang, inner, inner_plain)
            if el.forward:
                label = (
                    "---------- Vidarebefordrat meddelande ---------"
                    if lang == "sv"
                    else "---------- Forwarded message ---------"
                )
                fields = [
                    ("Från:" if lang == "sv" else "From:", f"{el.name} <{el.address}>"),
                    ("Date:", when(el.when, "gmail", lang)),
                    ("Subject:", el.subject),
                    ("To:", el.to),
                ]
                out.append(
                    '<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">'
                    + html.escape(label)
                    + "<br>"
                )
                out.append(
                    "<br>".join(f"{k} {html.escape(v)}" for k, v in fields) + "<br></div><br><br>"
                )
                out.extend(inner)
                out.append("</div>")
                plain.extend(["", label])
                plain.extend(f"{k} {v}" for k, v in fields)
                plain.extend(["", "", *inner_plain])
            else:
                attr = (
                    f"Den {when(el.when, 'gmail', lang)} skrev {el.name} <{el.address}>:"
                    if lang == "sv"
                    else f"On {when(el.when, 'gmail', lang)} {el.name} <{el.address}> wrote:"
                )
                out.append(
                    '<br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">'
                    + html.escape(attr)
                    + "<br></div>"
                )
                out.append(
                    '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">'
                )
                out.extend(inner)
                out.append("</blockquote></div>")
                plain.extend(["", attr, ""])
                plain.extend(f"> {line}" if line else ">" for line in inner_plain)


# --------------------------------------------------------------------------- Apple, iPhone, Thunderbird


def _text_body(elements: tuple[object, ...], lang: str, client: str) -> list[str]:
    out: list[str] = []
    for el in elements:
        if isinstance(el, P):
            out.extend(_plain(line) for line in el.text.split("\n"))
        elif isinstance(el, Blank):
            out.append("")
        elif isinstance(el, Items):
            for n, item in enumerate(el.items, 1):
                out.append(f"{n}. {_plain(item)}" if el.numbered else f"- {_plain(item)}")
        elif isinstance(el, Table):
            out.extend("\t".join(row) for row in el.rows)
        elif isinstance(el, Sig):
            if client == "thunderbird":
                out.append("-- ")
            out.extend(el.lines)
        elif isinstance(el, Disclaimer):
            out.append(el.text)
        elif isinstance(el, Quote):
            inner = _text_body(el.body, lang, client)
            out.append("")
            if el.forward:
                if client == "thunderbird":
                    out.append(
                        "-------- Vidarebefordrat meddelande --------"
                        if lang == "sv"
                        else "-------- Forwarded Message --------"
                    )
                    keys = (
                        ("Ämne:", "Datum:", "Från:", "Till:")
                        if lang == "sv"
                        else ("Subject:", "Date:", "From:", "To:")
                    )
                    vals = (
                        el.subject,
                        when(el.when, client, lang),
                        f"{el.name} <{el.address}>",
                        el.to,
                    )
                    out.extend(f"{k} \t{v}" for k, v in zip(keys, vals, strict=True))
                    out.append("")
                    out.extend(inner)
                else:
                    out.append(
                        "Början av vidarebefordrat brev:"
                        if lang == "sv"
                        else "Begin forwarded message:"
                    )
                    out.append("")
                    keys = (
                        ("Från:", "Ämne:", "Datum:", "Till:")
                        if lang == "sv"
                        else ("From:", "Subject:", "Date:", "To:")
                    )
                    vals = (
                        f"{el.name} <{el.address}>",
                        el.subject,
                        when(el.when, client, lang),
                        el.to,
                    )
                    out.extend(f"> {k} {v}" for k, v in zip(keys, vals, strict=True))
                    out.append("> ")
                    out.extend(f"> {line}" for line in inner)
            else:
                if client == "thunderbird":
                    attr = (
                        f"Den {when(el.when, client, lang)}, skrev {el.name}:"
                        if lang == "sv"
                        else f"On {when(el.when, client, lang)}, {el.name} wrote:"
                    )
                else:
                    attr = (
                        f"{when(el.when, client, lang)} skrev {el.name} <{el.address}>:"
                        if lang == "sv"
                        else f"On {when(el.when, client, lang)}, {el.name} <{el.address}> wrote:"
                    )
                out.append(attr if client == "thunderbird" else "> " + attr)
                if client != "thunderbird":
                    out.append("> ")
                out.extend(f"> {line}" if line else ">" for line in inner)
    return out


def apple(mail: Mail, iphone: bool = False) -> bytes:
    """Apple Mail (macOS) or iPhone: one text/plain part, UTF-8 quoted-printable."""
    lines = _text_body(mail.body, mail.lang, "apple")
    tag = _digest("apple", mail.sender, mail.subject, mail.date)
    mid = f"<{tag[:8].upper()}-{tag[8:12].upper()}-{tag[12:16].upper()}-{tag[16:20].upper()}-{tag[20:32].upper()}@{mail.sender.split('@')[1]}>"
    headers = common_headers(mail, "utf-8", mid)
    if iphone:
        headers += ["X-Mailer: iPhone Mail (19G82)", "Mime-Version: 1.0 (1.0)"]
    else:
        headers += [
            "X-Mailer: Apple Mail (2.3696.120.41.1.1)",
            "Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3696.120.41.1.1\\))",
        ]
    part = qp_part("text/plain", "utf-8", "\n".join(lines) + "\n")
    return assemble(
        headers, part, mail.attachments, f"Apple-Mail={tag[:8].upper()}-{tag[8:12].upper()}"
    )


def _flow(line: str, width: int = 72) -> list[str]:
    """RFC 3676 format=flowed: soft breaks end in a space; stuff lines that start with ' ', 'From '."""
    if line == "-- ":
        return [line]
    prefix = re.match(r"^(>+ ?)", line)
    quote = prefix.group(1).rstrip() if prefix else ""
    text = line[len(prefix.group(1)) :] if prefix else line
    if not quote and (text.startswith(" ") or text.startswith("From ")):
        text = " " + text
    lead = quote + (" " if quote else "")
    if len(lead + text) <= width:
        return [lead + text]
    words = text.split(" ")
    out: list[str] = []
    current = ""
    for w in words:
        if current and len(lead + current + w) > width:
            out.append(lead + current)
            current = ""
        current += w + " "
    out.append(lead + current.rstrip(" "))
    return out


def thunderbird(mail: Mail) -> bytes:
    """Thunderbird: text/plain; format=flowed, 8bit UTF-8, `-- ` before the signature."""
    lines = [
        flowed for line in _text_body(mail.body, mail.lang, "thunderbird") for flowed in _flow(line)
    ]
    tag = _digest("tb", mail.sender, mail.subject, mail.date)
    mid = f"<{tag[:8]}-{tag[8:12]}-{tag[12:16]}-{tag[16:20]}-{tag[20:32]}@{mail.sender.split('@')[1]}>"
    headers = common_headers(mail, "utf-8", mid)
    headers += [
        "MIME-Version: 1.0",
        "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:102.0) Gecko/20100101 Thunderbird/102.2.0",
        f"Content-Language: {'sv-SE' if mail.lang == 'sv' else 'en-US'}",
    ]
    body = "\r\n".join(lines) + "\r\n"
    part = (
        b"Content-Type: text/plain; charset=UTF-8; format=flowed\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    ) + body.encode("utf-8")
    return assemble(headers, part, mail.attachments, f"------------{tag[:24]}")


# --------------------------------------------------------------------------- a simple webmail, HTML only


def html_br(mail: Mail) -> bytes:
    """A plain webmail or a CRM's "send mail" (HTML only, UTF-8): the whole text one `<div>`, each
    line ended with `<br>`, a paragraph with `<br><br>`; no plain alternative. Quotes and
    signatures as the text client writes them (lines of text)."""
    lines = _text_body(mail.body, mail.lang, "apple")
    inner = "<br>\n".join(html.escape(line, quote=False) for line in lines)
    body_html = (
        '<html><head><meta charset="utf-8"></head><body><div style="font-family:Arial">'
        + inner
        + "</div></body></html>\n"
    )
    tag = _digest("html-br", mail.sender, mail.subject, mail.date)
    headers = common_headers(mail, "utf-8", f"<{tag[:24]}@webmail.example>")
    headers.insert(0, "MIME-Version: 1.0")
    return assemble(
        headers, qp_part("text/html", "utf-8", body_html), mail.attachments, f"=_{tag[:24]}"
    )
