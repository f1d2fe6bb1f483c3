"""Is the From domain genuine? SPEC §4 point 4, read from Authentication-Results (RFC 8601).

Pure. mailbot does not verify DKIM itself (that needs DNS); it believes the receiving mail server,
and only it: the first header, from the top, whose authserv-id is configured as trusted. Anything
below that header may have been written by the sender. A header that does not parse (Microsoft 365
writes some with no authserv-id) or comes from another id tells nothing: "unknown", never "pass".

Two holes this closes, each with a test in tests/test_spoofing.py:
- A header that starts with a trusted authserv-id but does not parse ends the search as
  "unknown": skipping it would let a forged, well-formed header further down be believed.
- A trusted `dmarc=fail` is final: the server judged alignment by the domain's own policy (which
  may be strict), so a relaxed DKIM pass of ours must not overrule it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from mailbot.domains import domain_key

Verdict = Literal["pass", "fail", "unknown"]

# The authserv-id as written: the first token, after any comments (RFC 8601 §2.2). Used only to
# tell whether an unparseable header claims to be the trusted server's.
_AUTHSERV_ID = re.compile(r"\s*(?:\([^()]*\)\s*)*([^\s;()]+)")
# A property value (`header.from=täby.se`) holding non-ASCII: RFC 8616 lets a server write
# U-labels there, which authres does not parse.
_UNICODE_VALUE = re.compile(r"(?<==)([^\s;()\"]*[^\x00-\x7f][^\s;()\"]*)")


@dataclass(frozen=True)
class Authentication:
    verdict: Verdict
    reason: str


@lru_cache(maxsize=1)
def _public_suffixes():  # type: ignore[no-untyped-def]
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()


def organisational_domain(domain: str) -> str:
    """The registrable domain (RFC 7489 §3.2), by the Public Suffix List the package ships.

    In A-labels (`domains.domain_key`), so that a `header.from=xn--…` aligns with a From
    domain decoded to Unicode, and the reverse.
    """
    domain = domain_key(domain)
    found: str | None = _public_suffixes().privatesuffix(domain)
    return found or domain


def aligned(a: str, b: str) -> bool:
    """Relaxed DMARC alignment: the same organisational domain."""
    return organisational_domain(a) == organisational_domain(b)


def _in_a_labels(value: str) -> str:
    """The header with U-label domains in property values written as A-labels (SPEC §4)."""

    def a_labels(match: re.Match[str]) -> str:
        local, at, domain = match.group(1).rpartition("@")
        return f"{local}{at}{domain_key(domain)}"

    return _UNICODE_VALUE.sub(a_labels, value)


def _parse(value: str):  # type: ignore[no-untyped-def]
    import authres
    import authres.dmarc

    header = "Authentication-Results: " + _in_a_labels(value)
    return authres.FeatureContext(authres.dmarc).parse(header)


def check(
    headers: tuple[str, ...], from_domain: str, trusted_ids: tuple[str, ...]
) -> Authentication:
    """Judge the sender's domain from the topmost trusted Authentication-Results header."""
    trusted = {t.lower() for t in trusted_ids}
    for value in headers:
        try:
            header = _parse(value)
        except Exception:  # authres raises its own SyntaxError and others on odd input
            claimed = _AUTHSERV_ID.match(value)
            if claimed and claimed.group(1).lower() in trusted:
                return Authentication(
                    "unknown", f"{claimed.group(1)}: the trusted server's header does not parse"
                )
            continue
        if (header.authserv_id or "").lower() not in trusted:
            continue
        return _judge(header.results, from_domain, header.authserv_id)
    return Authentication("unknown", "no Authentication-Results header from a trusted server")


def _property(result, ptype: str, name: str) -> str | None:  # type: ignore[no-untyped-def]
    for prop in result.properties:
        if prop.type == ptype and prop.name == name:
            return str(prop.value)
    return None


def _judge(results, from_domain: str, authserv_id: str) -> Authentication:  # type: ignore[no-untyped-def]
    dmarc = [r for r in results if r.method == "dmarc"]
    for r in dmarc:
        header_from = _property(r, "header", "from") or from_domain
        if r.result == "pass" and aligned(header_from, from_domain):
            return Authentication("pass", f"{authserv_id}: dmarc=pass for {header_from}")
    failed = [r for r in dmarc if r.result == "fail"]
    if failed:
        return Authentication("fail", f"{authserv_id}: dmarc=fail")
    for r in results:
        if r.method != "dkim" or r.result != "pass":
            continue
        signer = (
            _property(r, "header", "d") or (_property(r, "header", "i") or "").rpartition("@")[2]
        )
        if signer and aligned(signer, from_domain):
            return Authentication("pass", f"{authserv_id}: dkim=pass aligned (d={signer})")
    if dmarc:
        return Authentication("fail", f"{authserv_id}: dmarc={dmarc[0].result}")
    return Authentication("fail", f"{authserv_id}: no dmarc pass and no aligned dkim pass")
