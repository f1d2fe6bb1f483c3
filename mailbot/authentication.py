"""Is the From domain genuine? SPEC §4 point 4, read from Authentication-Results (RFC 8601).

Pure. mailbot does not verify DKIM itself (that needs DNS); it believes the receiving mail server,
and only it: the first header, from the top, whose authserv-id is configured as trusted. Anything
below that header may have been written by the sender. A header that does not parse (Microsoft 365
writes some with no authserv-id) or comes from another id tells nothing: "unknown", never "pass".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

Verdict = Literal["pass", "fail", "unknown"]


@dataclass(frozen=True)
class Authentication:
    verdict: Verdict
    reason: str


@lru_cache(maxsize=1)
def _public_suffixes():  # type: ignore[no-untyped-def]
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()


def organisational_domain(domain: str) -> str:
    """The registrable domain (RFC 7489 §3.2), by the Public Suffix List the package ships."""
    domain = domain.lower().rstrip(".")
    found: str | None = _public_suffixes().privatesuffix(domain)
    return found or domain


def aligned(a: str, b: str) -> bool:
    """Relaxed DMARC alignment: the same organisational domain."""
    return organisational_domain(a) == organisational_domain(b)


def _parse(value: str):  # type: ignore[no-untyped-def]
    import authres
    import authres.dmarc

    return authres.FeatureContext(authres.dmarc).parse("Authentication-Results: " + value)


def check(
    headers: tuple[str, ...], from_domain: str, trusted_ids: tuple[str, ...]
) -> Authentication:
    """Judge the sender's domain from the topmost trusted Authentication-Results header."""
    trusted = {t.lower() for t in trusted_ids}
    for value in headers:
        try:
            header = _parse(value)
        except Exception:  # authres raises its own SyntaxError and others on odd input
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
