"""Domain names in one form, so that two spellings of one domain compare equal (SPEC §4).

Pure. A sender's domain reaches us as written in a header: `xn--hddinge-n2a.se` in one mail,
`hüddinge.se` (decoded) in another, `Huddinge.SE` in a third, and an organiser writes actors'
domains by hand in either form. Compared as written, the same organisation is a stranger to
itself, and a DMARC pass for `header.from=xn--…` does not align with a Unicode From. So every
comparison point (actor domains and addresses at config load, the sender at actor resolution,
DMARC/DKIM alignment) goes through `domain_key`: the IDNA A-label form (UTS 46 mapping, which
also case-folds), by the `idna` package rather than rules of our own. A look-alike written with
a Cyrillic letter has its own, different A-label, so it stays a different domain.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)
def domain_key(domain: str) -> str:
    """`domain` as IDNA A-labels, lower case, without a trailing dot.

    A name that is not a valid IDN (an underscore label, a stray character) cannot match a
    configured domain anyway; it is returned case-folded, never raised on: a sender's header
    is not ours to reject here.

    A name all in ASCII is its own A-label lower-cased: UTS 46 maps no ASCII character but the
    capitals, an `xn--` label is kept as written, and a name that IDNA rejects is case-folded
    anyway. So `idna` (~3 ms to import, most of `mailbot status`'s config of ASCII domains) is
    asked only about a name with other characters; `test_idn` checks that both give one answer.
    """
    name = domain.strip().rstrip(".")
    if not name:
        return ""
    if name.isascii():
        return name.casefold()
    return idna_key(name)


def idna_key(name: str) -> str:
    """`name` (stripped, not empty) as `idna` writes it in A-labels, else case-folded."""
    import idna  # only for a name that is not all ASCII: see `domain_key`

    try:
        return idna.encode(name, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        return name.casefold()


def address_key(address: str) -> str:
    """An address with its domain as `domain_key` and its local part case-folded.

    Local parts are case-sensitive in RFC 5321, but no mail system in use treats them so, and
    SPEC §4 compares senders case-insensitively.
    """
    local, at, domain = address.strip().rpartition("@")
    if not at:
        return address.strip().casefold()
    return f"{local.casefold()}@{domain_key(domain)}"
