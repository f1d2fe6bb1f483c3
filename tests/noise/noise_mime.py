"""Small builders for the noise corpus: raw messages written byte by byte, as clients send them.

The corpus is written by hand-made templates rather than `email.message.EmailMessage` because real
mail is not tidy: Outlook boundaries, qmail's plain-text bounces, headers folded the way Exchange
folds them, parts without a charset. Each builder returns text with LF line ends; `raw()` turns the
whole message into CRLF bytes as it travels over SMTP.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import email.utils
import quopri
import random
import textwrap
from email.header import Header

BOT = "anmalan@lansstyrelsen.example"
TRUSTED_MX = "mx.lansstyrelsen.example"


@dataclasses.dataclass(frozen=True)
class Noise:
    """One message of the corpus and what a careful organiser expects of it.

    `outcomes` are the outcomes a careful organiser accepts for the whole message (never a booking);
    `rule` is set only where the SPEC names the one rule (`not-a-registration` for an uninvited
    sender whose mail carries no automation marker). `automated` means no reply to anyone at all;
    `forged` means the From address is not the author's; `trusted_pass` says whether the receiving
    server's own Authentication-Results header vouches for the From domain (the strict run).
    """

    name: str
    kind: str
    imitates: str
    sender: str
    invited: bool
    automated: bool
    outcomes: tuple[str, ...]
    raw: bytes
    rule: str | None = None
    forged: bool = False
    trusted_pass: bool = False
    bounce: bool = False


def enc(text: str) -> str:
    """An encoded-word header value when it is not ASCII (as every client does)."""
    return text if text.isascii() else Header(text, "utf-8").encode()


def addr(name: str, address: str) -> str:
    if not name:
        return address
    if name.isascii():
        return f'"{name}" <{address}>' if "," in name else f"{name} <{address}>"
    return f"{enc(name)} <{address}>"


def raw(headers: list[tuple[str, str]], body: str) -> bytes:
    """Headers and body as CRLF bytes; body characters outside ASCII are sent as UTF-8 8bit."""
    head = "".join(f"{k}: {v}\n" for k, v in headers)
    text = head + "\n" + body
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")


def qp(text: str, charset: str = "utf-8") -> str:
    """Quoted-printable as Outlook writes it (soft breaks at 76)."""
    data = text.replace("\n", "\r\n").encode(charset, errors="replace")
    return quopri.encodestring(data).decode("ascii").replace("\r\n", "\n")


def b64(data: bytes | str, width: int = 76) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return "\n".join(textwrap.wrap(base64.b64encode(data).decode("ascii"), width))


def part(content_type: str, body: str, *, cte: str | None = None, extra: str = "") -> str:
    """One MIME part (headers, blank line, body)."""
    lines = [f"Content-Type: {content_type}"]
    if cte:
        lines.append(f"Content-Transfer-Encoding: {cte}")
    if extra:
        lines.extend(extra.strip("\n").split("\n"))
    return "\n".join(lines) + "\n\n" + body.rstrip("\n") + "\n"


def multipart(boundary: str, parts: list[str], preamble: str = "") -> str:
    """The body of a multipart: parts between boundary lines, with the closing line."""
    out = preamble + ("\n" if preamble else "")
    for p in parts:
        out += f"--{boundary}\n{p}\n"
    return out + f"--{boundary}--\n"


def text_plain(body: str, charset: str = "utf-8") -> str:
    return part(f"text/plain; charset={charset}", qp(body, charset), cte="quoted-printable")


def text_html(html: str, charset: str = "utf-8") -> str:
    return part(f'text/html; charset="{charset}"', qp(html, charset), cte="quoted-printable")


def attachment(mime: str, filename: str, data: bytes) -> str:
    return part(
        f'{mime}; name="{filename}"',
        b64(data),
        cte="base64",
        extra=f'Content-Disposition: attachment; filename="{filename}"',
    )


class Ids:
    """Deterministic Message-IDs, dates and boundaries from one seeded generator."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.n = 0

    def hexid(self, length: int = 16) -> str:
        return "".join(self.rng.choice("0123456789abcdef") for _ in range(length))

    def msgid(self, host: str) -> str:
        self.n += 1
        return f"<{self.hexid(12)}.{self.n}@{host}>"

    def outlook_msgid(self, host: str = "eurprd04.prod.outlook.com") -> str:
        self.n += 1
        tag = "".join(self.rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(20))
        return f"<HE1PR04MB{tag}{self.n}@HE1PR04MB{tag[:4]}.{host}>"

    def boundary(self, style: str = "outlook") -> str:
        if style == "outlook":
            return f"_000_HE1PR04MB{self.hexid(10).upper()}HE1PR04MB_"
        if style == "gmail":
            return f"0000000000{self.hexid(16)}"
        if style == "apple":
            return f"Apple-Mail={self.hexid(8).upper()}-{self.hexid(4).upper()}"
        return f"----=_Part_{self.rng.randint(1000, 99999)}_{self.rng.randint(10**8, 10**9)}"

    def date(self) -> str:
        """An RFC 5322 date in the last days of August 2022, weekday and all."""
        when = dt.datetime(
            2022,
            8,
            self.rng.randint(22, 31),
            self.rng.randint(6, 22),
            self.rng.randint(0, 59),
            self.rng.randint(0, 59),
            tzinfo=dt.timezone(dt.timedelta(hours=2)),
        )
        return email.utils.format_datetime(when)


def received(ids: Ids, helo: str, ip: str) -> tuple[str, str]:
    return (
        "Received",
        f"from {helo} ({helo} [{ip}])\n\tby {TRUSTED_MX} (Postfix) with ESMTPS id {ids.hexid(10).upper()}\n\tfor <{BOT}>; {ids.date()}",
    )


def auth_results(domain: str, *, passed: bool, dkim_domain: str | None = None) -> tuple[str, str]:
    """What the organiser's own MX writes at the top: a pass for the From domain, or a fail."""
    if passed:
        d = dkim_domain or domain
        value = (
            f"{TRUSTED_MX};\n\tdkim=pass header.d={d} header.s=selector1;\n\t"
            f"spf=pass smtp.mailfrom={domain};\n\tdmarc=pass (p=quarantine) header.from={domain}"
        )
    else:
        value = (
            f"{TRUSTED_MX};\n\tdkim=none;\n\tspf=fail smtp.mailfrom={dkim_domain or 'mail.example-bulk.ru'};\n\t"
            f"dmarc=fail (p=reject) header.from={domain}"
        )
    return ("Authentication-Results", value)
