"""Assembling MIME bytes by hand, as clients do: CRLF line ends, RFC 2047 encoded-words,
76-column quoted-printable and base64, multipart boundaries. The `email` package is not asked to
serialise, since it would tidy exactly what the readers must cope with."""

from __future__ import annotations

import base64
import quopri
import re
from email.header import Header
from email.utils import formataddr

from body import Attachment, Mail


def encode_header(value: str, charset: str) -> str:
    if value.isascii():
        return value
    cs = "iso-8859-1" if charset in ("windows-1252", "iso-8859-1") else "utf-8"
    try:
        value.encode(cs)
    except UnicodeEncodeError:
        cs = "utf-8"
    return Header(value, cs, maxlinelen=76, header_name="Subject").encode(linesep="\r\n")


def common_headers(mail: Mail, charset: str, message_id: str) -> list[str]:
    cs = "iso-8859-1" if charset in ("windows-1252", "iso-8859-1") else "utf-8"
    try:
        mail.sender_name.encode(cs)
    except UnicodeEncodeError:
        cs = "utf-8"
    sender = formataddr((mail.sender_name, mail.sender), cs) if mail.sender_name else mail.sender
    headers = [
        f"From: {sender}",
        f"To: {formataddr((mail.to_name, mail.to), 'utf-8')}",
        "Subject: " + encode_header(mail.subject, charset),
        f"Date: {mail.date}",
        f"Message-ID: {message_id}",
    ]
    if mail.in_reply_to:
        headers += [f"In-Reply-To: {mail.in_reply_to}", f"References: {mail.in_reply_to}"]
    return headers + list(mail.headers)


def qp_part(ctype: str, charset: str, text: str) -> bytes:
    codec = "cp1252" if charset.lower() in ("windows-1252", "iso-8859-1") else "utf-8"
    raw = text.replace("\r\n", "\n").encode(codec, errors="xmlcharrefreplace")
    encoded = quopri.encodestring(raw).replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    head = f'Content-Type: {ctype}; charset="{charset}"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n'
    return head.encode() + encoded


def multipart(kind: str, boundary: str, parts: list[bytes]) -> bytes:
    out = f'Content-Type: multipart/{kind};\r\n\tboundary="{boundary}"\r\n\r\n'.encode()
    for part in parts:
        out += f"--{boundary}\r\n".encode() + part.rstrip(b"\r\n") + b"\r\n\r\n"
    return out + f"--{boundary}--\r\n".encode()


def _attachment_part(a: Attachment) -> bytes:
    """Base64 in 76-column lines; a non-ASCII file name as the encoded-word Outlook and Gmail
    write (inside the quotes, which RFC 2047 forbids but every reader accepts)."""
    data = base64.encodebytes(a.data).replace(b"\n", b"\r\n")
    name = a.filename
    if not name.isascii():
        name = Header(name, "utf-8", maxlinelen=998).encode()
    head = (
        f'Content-Type: {a.content_type}; name="{name}"\r\n'
        f"Content-Description: {name}\r\n"
        f'Content-Disposition: attachment; filename="{name}"; size={len(a.data)}\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n"
    )
    return head.encode("ascii") + data


def assemble(
    headers: list[str], body: bytes, attachments: tuple[Attachment, ...], boundary: str
) -> bytes:
    received = [
        "Return-Path: <" + _header_addr(headers) + ">",
        "Delivered-To: anmalan@lansstyrelsen.example",
    ]
    if attachments:
        body = multipart("mixed", boundary, [body, *(_attachment_part(a) for a in attachments)])
    head = "\r\n".join(received + headers).encode("ascii") + b"\r\n"
    return head + body


def _header_addr(headers: list[str]) -> str:
    from_line = next(h for h in headers if h.startswith("From: "))
    match = re.search(r"<([^>]+)>", from_line)
    return match.group(1) if match else from_line[6:].strip()
